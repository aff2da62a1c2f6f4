//! ## What it checks
//! A waiver's `rule` is not the name of a rule (`toets rules` lists them), or names a rule that
//! cannot be waived: the rules about reading a file and its schema, and the rules about waivers.
//!
//! ## Why
//! A waiver waives exactly one rule, by its name. A misspelt name waives nothing: the record still
//! fails on the rule that was meant, and whoever reads the record believes in an exception that
//! toets does not apply. A file that cannot be read or does not fit the schema cannot be checked
//! at all, so that cannot be waived.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! waivers:
//!   - rule: pentest-too-old
//!     reason: Pentest planned in January, right after the migration.
//!     expires: 2027-01-31
//! ```
//!
//! Right:
//!
//! ```yaml
//! waivers:
//!   - rule: pentest-outdated
//!     reason: Pentest planned in January, right after the migration.
//!     expires: 2027-01-31
//! ```
//!
//! ## Source
//! Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering: all decisions, exceptions
//! included, go to the Chief Information Officer, who must see exactly what is waived.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! De `rule` van een uitzondering is niet de naam van een regel (`toets rules` noemt ze), of noemt
//! een regel waarvoor geen uitzondering mogelijk is: de regels over het lezen van een bestand en
//! het schema, en de regels over uitzonderingen.
//!
//! ## Waarom
//! Een uitzondering geldt voor precies één regel, bij naam. Een verkeerd gespelde naam geldt voor
//! niets: de registratie faalt toch op de bedoelde regel, en wie de registratie leest, denkt dat er
//! een uitzondering geldt die toets niet toepast. Een bestand dat niet te lezen is of niet bij het
//! schema past, kan helemaal niet worden gecontroleerd; daarvoor is geen uitzondering mogelijk.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! waivers:
//!   - rule: pentest-too-old
//!     reason: Pentest gepland in januari, direct na de migratie.
//!     expires: 2027-01-31
//! ```
//!
//! Goed:
//!
//! ```yaml
//! waivers:
//!   - rule: pentest-outdated
//!     reason: Pentest gepland in januari, direct na de migratie.
//!     expires: 2027-01-31
//! ```
//!
//! ## Bron
//! Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering: alle besluiten, ook
//! uitzonderingen, worden voorgelegd aan de Chief Information Officer, die precies moet zien waarvoor
//! een uitzondering geldt.

use super::facts::Waiver;
use super::{Across, Check, RULES, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "waiver-unknown-rule",
    severity: Severity::Error,
    source: "Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering",
    url: "",
    doc: include_str!("waiver_unknown_rule.rs"),
    check: Check::Across(check),
};

fn check(a: &Across, out: &mut Vec<Finding>) {
    for facts in a.records {
        for waiver in &facts.waivers {
            let known = super::find(&waiver.rule);
            if !known.is_some_and(waivable) {
                out.push(finding(a, &facts.file, waiver, known));
            }
        }
    }
}

/// Whether a waiver may name `rule`: rules on records and across records, not the loader's, not
/// those on a pull request's change (the CIO decides on the change itself), and not the waiver
/// rules. (The same test as where the registry applies waivers.)
pub fn waivable(rule: &Rule) -> bool {
    matches!(rule.check, Check::Record(_) | Check::Across(_)) && !rule.name.starts_with("waiver-")
}

fn finding(a: &Across, file: &str, waiver: &Waiver, known: Option<&Rule>) -> Finding {
    let lang = a.lang();
    let rule = &waiver.rule;
    let (message, help) = match known {
        Some(Rule { check: Check::Load, .. }) => (
            lang.pick(
                format!("`{rule}` cannot be waived: a file that cannot be read or does not fit the schema cannot be checked at all."),
                format!("Voor `{rule}` is geen uitzondering mogelijk: een bestand dat niet te lezen is of niet bij het schema past, kan helemaal niet worden gecontroleerd."),
            ),
            lang.pick("Fix the file instead, and remove this waiver.", "Verbeter in plaats daarvan het bestand, en haal deze uitzondering weg.").to_owned(),
        ),
        Some(Rule { check: Check::Change(_), .. }) => (
            lang.pick(
                format!("`{rule}` cannot be waived: it is about a pull request's change, on which the CIO decides directly."),
                format!("Voor `{rule}` is geen uitzondering mogelijk: de regel gaat over de wijziging in een pull request, waarover de CIO rechtstreeks beslist."),
            ),
            lang.pick("Remove this waiver.", "Haal deze uitzondering weg.").to_owned(),
        ),
        Some(_) => (
            lang.pick(
                format!("`{rule}` cannot be waived: a rule about waivers cannot be set aside by a waiver."),
                format!("Voor `{rule}` is geen uitzondering mogelijk: een regel over uitzonderingen kan niet met een uitzondering opzij worden gezet."),
            ),
            lang.pick("Remove this waiver, and correct the waiver that the rule reports.", "Haal deze uitzondering weg, en verbeter de uitzondering die de regel meldt.").to_owned(),
        ),
        None => (
            lang.pick(
                format!("The waiver names `{rule}`, which is not a rule: it waives nothing."),
                format!("De uitzondering noemt `{rule}`, maar dat is geen regel: ze geldt voor niets."),
            ),
            match suggest(rule) {
                Some(near) => lang.pick(format!("Did you mean `{near}`?"), format!("Bedoelt u `{near}`?")),
                None => lang.pick(
                    "Use the exact name of the rule as a finding shows it; `toets rules` lists them all.",
                    "Gebruik de precieze naam van de regel zoals een melding die toont; `toets rules` noemt ze allemaal.",
                )
                .to_owned(),
            },
        ),
    };
    a.finding(&RULE, file, waiver.rule_pos, &format!("{}/rule", waiver.pointer), message).with_help(help)
}

/// The waivable rule whose name is nearest to `given`, when it is a near miss.
fn suggest(given: &str) -> Option<&'static str> {
    let given = given.trim().to_lowercase();
    RULES
        .iter()
        .filter(|r| waivable(r))
        .map(|r| (strsim::jaro_winkler(&given, r.name), r.name))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|x, y| x.0.total_cmp(&y.0))
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_suggested_and_unwaivable_rules_are_not() {
        assert_eq!(suggest("reuse-candidat"), Some("reuse-candidate"));
        assert_eq!(suggest("Domain-Unjustified"), Some("domain-unjustified"));
        assert_eq!(suggest("completely-different-thing-here"), None);
        assert!(!super::super::find("schema").is_some_and(waivable));
        assert!(!super::super::find("waiver-expired").is_some_and(waivable));
        assert!(super::super::find("reuse-candidate").is_some_and(waivable));
    }
}
