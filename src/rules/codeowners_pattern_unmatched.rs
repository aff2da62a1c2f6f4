//! ## What it checks
//! In `toets codeowners`: a line of CODEOWNERS whose pattern matches no file of the repository (the
//! files git tracks; without git, the files of the folder). Patterns are case-sensitive.
//!
//! ## Why
//! A pattern that matches nothing protects nothing: most often a path is misspelt
//! (`/registy/`, `/Registry/`) or a folder was renamed, and the files meant are decided by another
//! line.
//!
//! ## Example
//! Wrong:
//!
//! ```text
//! /Registry/          @voorbeeldstad/cio
//! ```
//!
//! Right:
//!
//! ```text
//! /registry/          @voorbeeldstad/cio
//! ```
//!
//! ## Source
//! mszostok/codeowners-validator, check `files`; GitHub, About code owners ("CODEOWNERS paths are case sensitive"): <https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-syntax>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! In `toets codeowners`: een regel van CODEOWNERS waarvan het patroon op geen enkel bestand van de
//! repository past (de bestanden die git volgt; zonder git de bestanden van de map). Patronen zijn
//! hoofdlettergevoelig.
//!
//! ## Waarom
//! Een patroon dat nergens op past, beschermt niets: meestal is een pad verkeerd gespeld
//! (`/registy/`, `/Registry/`) of is een map hernoemd, en bepaalt een andere regel over de bedoelde
//! bestanden.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```text
//! /Registry/          @voorbeeldstad/cio
//! ```
//!
//! Goed:
//!
//! ```text
//! /registry/          @voorbeeldstad/cio
//! ```
//!
//! ## Bron
//! mszostok/codeowners-validator, controle `files`; GitHub, About code owners ("CODEOWNERS paths are case sensitive"): <https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-syntax>

use super::{Check, Rule};
use crate::codeowners::{Inspection, shorten};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "codeowners-pattern-unmatched",
    severity: Severity::Warning,
    source: "mszostok/codeowners-validator (files); GitHub, About code owners",
    url: "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-syntax",
    doc: include_str!("codeowners_pattern_unmatched.rs"),
    check: Check::Owners(check),
};

fn check(i: &Inspection, out: &mut Vec<Finding>) {
    let Some(c) = i.codeowners() else { return };
    let lang = i.lang;
    for (line, hits) in c.lines.iter().zip(&i.hits) {
        if !line.is_valid() || *hits > 0 {
            continue;
        }
        let pattern = shorten(&line.pattern, 200);
        out.push(i.finding(
            &RULE,
            line.number,
            line.column,
            lang.pick(
                format!("`{pattern}` matches no file in the repository, so this line protects nothing."),
                format!("`{pattern}` past op geen enkel bestand in de repository, dus deze regel beschermt niets."),
            ),
            lang.pick(
                "Correct the path (patterns are case-sensitive: `Registry/` is not `registry/`), or remove the line.".to_owned(),
                "Verbeter het pad (patronen zijn hoofdlettergevoelig: `Registry/` is niet `registry/`), of verwijder de regel.".to_owned(),
            ),
        ));
    }
}
