//! ## What it checks
//! In `toets codeowners`: there is more than one of `.github/CODEOWNERS`, `CODEOWNERS` and
//! `docs/CODEOWNERS`. GitHub reads only the first in that order; the finding is on each other one.
//!
//! ## Why
//! The ignored file looks like it protects something and protects nothing: someone who adds a line
//! to it changes no approval at all.
//!
//! ## Example
//! Wrong: both `.github/CODEOWNERS` and `CODEOWNERS`.
//!
//! Right: only `.github/CODEOWNERS`, with everything the other file said that is still meant.
//!
//! ## Source
//! GitHub, About code owners (CODEOWNERS file location): <https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-file-location>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! In `toets codeowners`: er is meer dan één van `.github/CODEOWNERS`, `CODEOWNERS` en
//! `docs/CODEOWNERS`. GitHub leest alleen het eerste in die volgorde; de melding staat bij elk
//! ander.
//!
//! ## Waarom
//! Het genegeerde bestand lijkt iets te beschermen en beschermt niets: wie er een regel aan
//! toevoegt, verandert geen enkele goedkeuring.
//!
//! ## Voorbeeld
//! Fout: zowel `.github/CODEOWNERS` als `CODEOWNERS`.
//!
//! Goed: alleen `.github/CODEOWNERS`, met alles uit het andere bestand dat nog bedoeld is.
//!
//! ## Bron
//! GitHub, About code owners (CODEOWNERS file location): <https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-file-location>

use super::{Check, Rule};
use crate::codeowners::Inspection;
use crate::finding::{Finding, Pos, Severity};

pub const RULE: Rule = Rule {
    name: "codeowners-file-ignored",
    severity: Severity::Warning,
    source: "GitHub, About code owners (CODEOWNERS file location)",
    url: "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-file-location",
    doc: include_str!("codeowners_file_ignored.rs"),
    check: Check::Owners(check),
};

fn check(i: &Inspection, out: &mut Vec<Finding>) {
    let (lang, used) = (i.lang, &i.file);
    for ignored in &i.ignored {
        let mut f = Finding::error(
            RULE.name,
            ignored,
            Pos { line: 1, column: 1 },
            lang.pick(
                format!("GitHub reads `{used}` and ignores this file: its lines protect nothing."),
                format!("GitHub leest `{used}` en negeert dit bestand: zijn regels beschermen niets."),
            ),
        )
        .with_help(lang.pick(
            format!("Move what this file says that is still meant into `{used}`, and delete this file."),
            format!("Zet wat dit bestand zegt en nog bedoeld is in `{used}`, en verwijder dit bestand."),
        ));
        f.severity = RULE.severity;
        out.push(f);
    }
}
