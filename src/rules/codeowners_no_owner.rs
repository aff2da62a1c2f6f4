//! ## What it checks
//! In `toets codeowners`: a line of CODEOWNERS with a pattern and no owner. GitHub reads it, on
//! purpose: the files it matches have no code owner from then on.
//!
//! ## Why
//! Such a line undoes every earlier line for its files: their changes need nobody's approval in
//! particular. Where that is meant, the line says so; where an owner was forgotten, the files lost
//! their protection. (For records and governance paths `codeowners-cio-not-required` reports it
//! as an error.)
//!
//! ## Example
//! Wrong:
//!
//! ```text
//! /registry/          @voorbeeldstad/cio
//! /registry/archief/
//! ```
//!
//! Right:
//!
//! ```text
//! /registry/          @voorbeeldstad/cio
//! ```
//!
//! ## Source
//! GitHub, About code owners (example: "its owners are left empty"): <https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#example-of-a-codeowners-file>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! In `toets codeowners`: een regel van CODEOWNERS met een patroon en zonder eigenaar. GitHub leest
//! die, met opzet: de bestanden waarop hij past, hebben vanaf dan geen code-eigenaar.
//!
//! ## Waarom
//! Zo'n regel maakt elke eerdere regel voor zijn bestanden ongedaan: hun wijzigingen hebben van
//! niemand in het bijzonder goedkeuring nodig. Waar dat bedoeld is, zegt de regel het; waar een
//! eigenaar vergeten is, zijn de bestanden hun bescherming kwijt. (Voor registraties en
//! governancepaden meldt `codeowners-cio-not-required` het als fout.)
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```text
//! /registry/          @voorbeeldstad/cio
//! /registry/archief/
//! ```
//!
//! Goed:
//!
//! ```text
//! /registry/          @voorbeeldstad/cio
//! ```
//!
//! ## Bron
//! GitHub, About code owners (voorbeeld: "its owners are left empty"): <https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#example-of-a-codeowners-file>

use super::{Check, Rule};
use crate::codeowners::{Inspection, shorten};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "codeowners-no-owner",
    severity: Severity::Warning,
    source: "GitHub, About code owners (example of a CODEOWNERS file)",
    url: "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#example-of-a-codeowners-file",
    doc: include_str!("codeowners_no_owner.rs"),
    check: Check::Owners(check),
};

fn check(i: &Inspection, out: &mut Vec<Finding>) {
    let Some(c) = i.codeowners() else { return };
    let lang = i.lang;
    for line in c.lines.iter().filter(|l| l.is_valid() && l.owners.is_empty()) {
        let pattern = shorten(&line.pattern, 200);
        out.push(i.finding(
            &RULE,
            line.number,
            line.column,
            lang.pick(
                format!("`{pattern}` names no owner: the files it matches have no code owner, whatever earlier lines say."),
                format!("`{pattern}` noemt geen eigenaar: de bestanden waarop het past, hebben geen code-eigenaar, wat eerdere regels ook zeggen."),
            ),
            lang.pick(
                format!("Add who must approve changes to them, e.g. `{pattern} {}`, or remove the line.", i.cio),
                format!("Voeg toe wie wijzigingen ervan moet goedkeuren, bijv. `{pattern} {}`, of verwijder de regel.", i.cio),
            ),
        ));
    }
}
