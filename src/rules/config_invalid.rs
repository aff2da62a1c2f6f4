//! ## What it checks
//! In `toets pr`: the `toets.toml` or a schema that the pull request brings cannot be used: the
//! TOML does not parse, a key or value is not allowed, `[rules]` names a rule that does not
//! exist, a schema is missing or is not a valid JSON Schema, or one of these files is a link or
//! larger than 1 MiB. The finding is at the place toets names, in that file.
//!
//! ## Why
//! toets judges a pull request by the rules of its base, so a broken configuration in the pull
//! request does not stop the review of the records in it. Once merged, though, it would be the
//! rules of the registry: toets could not check any record until it is mended.
//!
//! ## Example
//! Wrong: a `toets.toml` whose table is not closed.
//!
//! ```toml
//! [rules
//! review-outdated = "error"
//! ```
//!
//! Right:
//!
//! ```toml
//! [rules]
//! review-outdated = "error"
//! ```
//!
//! ## Source
//! Toets (configuration): `toets.toml` and the schemas are the central check itself; see the
//! README, Configuration.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! In `toets pr`: de `toets.toml` of een schema die het pull request meebrengt is niet bruikbaar:
//! de TOML is niet te lezen, een sleutel of waarde is niet toegestaan, `[rules]` noemt een regel
//! die niet bestaat, een schema ontbreekt of is geen geldig JSON Schema, of een van deze
//! bestanden is een koppeling of groter dan 1 MiB. De bevinding staat op de plaats die toets
//! noemt, in dat bestand.
//!
//! ## Waarom
//! toets beoordeelt een pull request met de regels van de basis, dus een kapotte configuratie in
//! het pull request houdt de beoordeling van de registraties erin niet tegen. Eenmaal
//! samengevoegd zouden het echter de regels van het register zijn: toets kan dan geen enkele
//! registratie controleren tot ze hersteld zijn.
//!
//! ## Voorbeeld
//! Fout: een `toets.toml` waarvan de tabel niet gesloten is.
//!
//! ```toml
//! [rules
//! review-outdated = "error"
//! ```
//!
//! Goed:
//!
//! ```toml
//! [rules]
//! review-outdated = "error"
//! ```
//!
//! ## Bron
//! Toets (configuratie): `toets.toml` en de schema's zijn de centrale toets zelf; zie de README,
//! Configuration.

use super::{Check, Rule};
use crate::finding::{Finding, Pos, Severity};
use crate::pr::ChangeView;

pub const RULE: Rule = Rule {
    name: "config-invalid",
    severity: Severity::Error,
    source: "Toets (configuration): toets.toml and the schemas",
    url: "",
    doc: include_str!("config_invalid.rs"),
    check: Check::Change(check),
};

fn check(view: &ChangeView, out: &mut Vec<Finding>) {
    let Some(invalid) = view.rules.and_then(|r| r.invalid.as_ref()) else { return };
    let lang = view.lang();
    let reason = invalid.reason.trim_end_matches('.');
    let pos = Pos { line: invalid.line, column: invalid.column };
    out.push(
        view.finding(
            &RULE,
            &invalid.file,
            pos,
            "",
            lang.pick(
                format!(
                    "toets cannot use the rules this pull request brings: {reason}. It is judged by the rules of its \
                     base; once merged, toets could not check the registry."
                ),
                format!(
                    "toets kan de regels die dit pull request meebrengt niet gebruiken: {reason}. Het wordt \
                     beoordeeld met de regels van de basis; eenmaal samengevoegd kan toets het register niet meer \
                     controleren."
                ),
            ),
        )
        .with_help(lang.pick(
            "Mend the file at this place; `toets check` in the branch stops with the same error until it is mended.",
            "Herstel het bestand op deze plaats; `toets check` in de branch stopt met dezelfde fout tot het hersteld is.",
        )),
    );
}
