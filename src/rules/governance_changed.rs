//! ## What it checks
//! In `toets pr`: the pull request changes a file that makes up the rules themselves rather than
//! a record: the schemas (`schemas/`), the configuration (`toets.toml`), the code owners
//! (`CODEOWNERS`), the CI workflows (`.github/`) or the code of toets (`src/`, `Cargo.toml`,
//! `Cargo.lock`). There is one finding per changed file.
//!
//! ## Why
//! These files decide what the registry must contain, which rules apply and how strict they are,
//! and who has to approve a change. A change to them changes the check for every record, so it
//! needs the approval of the CIO, who is responsible for the policy (CODEOWNERS makes the CIO the
//! required approver of these paths, and `toets codeowners` proves it), and the review of a
//! maintainer of toets, who knows what the change does.
//!
//! ## Example
//! Wrong: a pull request that adds a record and, on the way, turns a rule off in `toets.toml`,
//! reviewed as a plain registry change.
//!
//! ```toml
//! [rules]
//! pentest-outdated = "off"
//! ```
//!
//! Right: the record in one pull request; the change of `toets.toml` in one of its own, with its
//! reason, reviewed by a maintainer of toets and approved by the CIO.
//!
//! ```toml
//! # Pentests of intranet applications are planned by the region (CIO-2026-044).
//! [rules]
//! pentest-outdated = "warning"
//! ```
//!
//! ## Source
//! CODEOWNERS (the CIO for `schemas/`, `src/`, `toets.toml`, `Cargo.toml`, `Cargo.lock` and
//! `.github/`); Collegebesluit 2017/187239,
//! Beleidskader online aanwezigheid, 6 Uitvoering (the CIO is responsible for the central check).
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! In `toets pr`: het pull request wijzigt een bestand dat de regels zelf vormt in plaats van een
//! registratie: de schema's (`schemas/`), de instellingen (`toets.toml`), de code-eigenaren
//! (`CODEOWNERS`), de CI-workflows (`.github/`) of de code van toets (`src/`, `Cargo.toml`,
//! `Cargo.lock`). Er is één melding per gewijzigd bestand.
//!
//! ## Waarom
//! Deze bestanden bepalen wat het register moet bevatten, welke regels gelden en hoe streng, en
//! wie een wijziging moet goedkeuren. Een wijziging daarvan verandert de toets voor elke
//! registratie, en heeft dus de goedkeuring nodig van de CIO, die verantwoordelijk is voor het
//! beleid (CODEOWNERS maakt de CIO de vereiste beoordelaar van deze paden, en `toets codeowners`
//! bewijst het), en de beoordeling van een beheerder van toets, die weet wat de wijziging doet.
//!
//! ## Voorbeeld
//! Fout: een pull request dat een registratie toevoegt en onderweg in `toets.toml` een regel
//! uitzet, beoordeeld als gewone wijziging van het register.
//!
//! ```toml
//! [rules]
//! pentest-outdated = "off"
//! ```
//!
//! Goed: de registratie in één pull request; de wijziging van `toets.toml` in een eigen pull
//! request, met de reden, beoordeeld door een beheerder van toets en goedgekeurd door de CIO.
//!
//! ```toml
//! # Pentests van intranettoepassingen plant de regio (CIO-2026-044).
//! [rules]
//! pentest-outdated = "warning"
//! ```
//!
//! ## Bron
//! CODEOWNERS (de CIO voor `schemas/`, `src/`, `toets.toml`, `Cargo.toml`, `Cargo.lock` en
//! `.github/`); Collegebesluit 2017/187239, Beleidskader online
//! aanwezigheid, 6 Uitvoering (de CIO is verantwoordelijk voor de centrale toets).

use super::{Check, Rule};
use crate::finding::{Finding, Pos, Severity};
use crate::pr::ChangeView;

pub const RULE: Rule = Rule {
    name: "governance-changed",
    severity: Severity::Warning,
    source: "CODEOWNERS; Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering",
    url: "",
    doc: include_str!("governance_changed.rs"),
    check: Check::Change(check),
};

fn check(view: &ChangeView, out: &mut Vec<Finding>) {
    let lang = view.lang();
    for path in view.governance {
        out.push(
            view.finding(
                &RULE,
                path,
                Pos { line: 1, column: 1 },
                "",
                lang.pick(
                    format!("This pull request changes `{path}`, which is part of the rules themselves, not of a record."),
                    format!("Dit pull request wijzigt `{path}`, dat deel is van de regels zelf, niet van een registratie."),
                ),
            )
            .with_help(lang.pick(
                "A change to the rules needs the approval of the CIO (see CODEOWNERS) and the review of a maintainer of toets. Keep it in a pull request of its own, apart from changes to records.",
                "Een wijziging van de regels heeft de goedkeuring nodig van de CIO (zie CODEOWNERS) en de beoordeling van een beheerder van toets. Houd haar in een eigen pull request, los van wijzigingen van registraties.",
            )),
        );
    }
}
