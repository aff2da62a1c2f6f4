//! ## What it checks
//! In `toets codeowners`: there is no CODEOWNERS file GitHub can use. GitHub reads the first of
//! `.github/CODEOWNERS`, `CODEOWNERS` and `docs/CODEOWNERS` that exists; the finding says when
//! none exists, or when that file is 3 MB or larger (GitHub does not load it), is a link (toets
//! does not follow links), is not a regular file, is not UTF-8 text, or has more rules than toets
//! checks (20,000).
//!
//! ## Why
//! Without a CODEOWNERS file that GitHub loads, no change needs a code owner's approval: not a
//! record, not the rules. Nothing else can be proven then.
//!
//! ## Example
//! Wrong: no `.github/CODEOWNERS`, `CODEOWNERS` or `docs/CODEOWNERS`.
//!
//! Right: `.github/CODEOWNERS` with
//!
//! ```text
//! *   @voorbeeldstad/cio
//! ```
//!
//! ## Source
//! GitHub, About code owners (CODEOWNERS file location, CODEOWNERS file size): <https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-file-location>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! In `toets codeowners`: er is geen CODEOWNERS-bestand dat GitHub kan gebruiken. GitHub leest het
//! eerste van `.github/CODEOWNERS`, `CODEOWNERS` en `docs/CODEOWNERS` dat bestaat; de melding zegt
//! het als geen ervan bestaat, of als dat bestand 3 MB of groter is (GitHub laadt het niet), een
//! koppeling is (toets volgt geen koppelingen), geen gewoon bestand is, geen UTF-8-tekst is, of
//! meer regels heeft dan toets controleert (20.000).
//!
//! ## Waarom
//! Zonder CODEOWNERS-bestand dat GitHub laadt, heeft geen enkele wijziging de goedkeuring van een
//! code-eigenaar nodig: geen registratie, geen regel. Dan valt niets anders te bewijzen.
//!
//! ## Voorbeeld
//! Fout: geen `.github/CODEOWNERS`, `CODEOWNERS` of `docs/CODEOWNERS`.
//!
//! Goed: `.github/CODEOWNERS` met
//!
//! ```text
//! *   @voorbeeldstad/cio
//! ```
//!
//! ## Bron
//! GitHub, About code owners (CODEOWNERS file location, CODEOWNERS file size): <https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-file-location>

use super::{Check, Rule};
use crate::codeowners::{Inspection, MAX_RULES, State, Unusable};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "codeowners-unusable",
    severity: Severity::Error,
    source: "GitHub, About code owners (CODEOWNERS file location and size)",
    url: "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-file-location",
    doc: include_str!("codeowners_unusable.rs"),
    check: Check::Owners(check),
};

fn check(i: &Inspection, out: &mut Vec<Finding>) {
    let State::Unusable(why) = &i.state else { return };
    let lang = i.lang;
    let cio = &i.cio;
    let none = lang.pick(
        "so no change needs a code owner's approval.",
        "dus geen wijziging heeft de goedkeuring van een code-eigenaar nodig.",
    );
    let (message, help) = match why {
        Unusable::Missing => (
            lang.pick(
                format!("There is no `.github/CODEOWNERS`, `CODEOWNERS` or `docs/CODEOWNERS`, {none}"),
                format!("Er is geen `.github/CODEOWNERS`, `CODEOWNERS` of `docs/CODEOWNERS`, {none}"),
            ),
            lang.pick(
                format!("Create `.github/CODEOWNERS` with the line `* {cio}`, and the rules for other owners below it."),
                format!("Maak `.github/CODEOWNERS` met de regel `* {cio}`, en de regels voor andere eigenaren daaronder."),
            ),
        ),
        Unusable::TooLarge => (
            lang.pick(
                format!("This file is 3 MB (3,000,000 bytes) or larger: GitHub does not load it, {none}"),
                format!("Dit bestand is 3 MB (3.000.000 bytes) of groter: GitHub laadt het niet, {none}"),
            ),
            lang.pick(
                format!("Use one line for a folder instead of one per file, e.g. `/registry/ {cio}`."),
                format!("Gebruik één regel voor een map in plaats van één per bestand, bijv. `/registry/ {cio}`."),
            ),
        ),
        Unusable::Link => (
            lang.pick(
                "This file is a link (or lies behind one); toets does not follow links, so it cannot prove what GitHub reads.".to_owned(),
                "Dit bestand is een koppeling (of ligt achter een koppeling); toets volgt geen koppelingen, dus kan het niet bewijzen wat GitHub leest.".to_owned(),
            ),
            lang.pick("Put the lines in the file itself.".to_owned(), "Zet de regels in het bestand zelf.".to_owned()),
        ),
        Unusable::NotAFile => (
            lang.pick(
                "This is not a regular file (but a folder, a named pipe or a device); toets does not read it.".to_owned(),
                "Dit is geen gewoon bestand (maar een map, een named pipe of een apparaat); toets leest het niet.".to_owned(),
            ),
            lang.pick("Make it a plain text file.".to_owned(), "Maak er een gewoon tekstbestand van.".to_owned()),
        ),
        Unusable::NotText => (
            lang.pick(
                "This file is not UTF-8 text, so toets cannot prove what GitHub reads in it.".to_owned(),
                "Dit bestand is geen UTF-8-tekst, dus toets kan niet bewijzen wat GitHub erin leest.".to_owned(),
            ),
            lang.pick("Save it as UTF-8.".to_owned(), "Sla het op als UTF-8.".to_owned()),
        ),
        Unusable::TooManyRules => (
            lang.pick(
                format!("This file has more than {MAX_RULES} lines with a pattern, more than toets checks, so it cannot prove who owns what."),
                format!("Dit bestand heeft meer dan {MAX_RULES} regels met een patroon, meer dan toets controleert, dus kan het niet bewijzen wie wat bezit."),
            ),
            lang.pick(
                format!("Use one line for a folder instead of one per file, e.g. `/registry/ {cio}`."),
                format!("Gebruik één regel voor een map in plaats van één per bestand, bijv. `/registry/ {cio}`."),
            ),
        ),
        Unusable::Unreadable(reason) => (
            lang.pick(format!("This file cannot be read: {reason}."), format!("Dit bestand kan niet worden gelezen: {reason}.")),
            lang.pick(
                "Make it readable for the one who runs toets.".to_owned(),
                "Maak het leesbaar voor wie toets uitvoert.".to_owned(),
            ),
        ),
    };
    out.push(i.finding(&RULE, 1, 1, message, help));
}
