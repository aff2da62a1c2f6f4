//! ## What it checks
//! In `toets codeowners`: a line of CODEOWNERS repeats the pattern of an earlier line, character for
//! character. The finding is on the later line, with the earlier one beside it.
//!
//! ## Why
//! Owners are not added up: the later line replaces the earlier one for every file, so the earlier
//! line has no effect at all, and whoever reads only that line is misled about who approves.
//!
//! ## Example
//! Wrong:
//!
//! ```text
//! /schemas/           @voorbeeldstad/cio
//! /schemas/           @voorbeeldstad/toets-maintainers
//! ```
//!
//! Right:
//!
//! ```text
//! /schemas/           @voorbeeldstad/cio
//! ```
//!
//! ## Source
//! mszostok/codeowners-validator, check `duppatterns`; GitHub, About code owners ("the last matching pattern takes the most precedence"): <https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#example-of-a-codeowners-file>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! In `toets codeowners`: een regel van CODEOWNERS herhaalt het patroon van een eerdere regel, teken
//! voor teken. De melding staat bij de latere regel, met de eerdere ernaast.
//!
//! ## Waarom
//! Eigenaren worden niet opgeteld: de latere regel vervangt de eerdere voor elk bestand, dus de
//! eerdere regel doet niets, en wie alleen die regel leest, wordt misleid over wie goedkeurt.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```text
//! /schemas/           @voorbeeldstad/cio
//! /schemas/           @voorbeeldstad/toets-maintainers
//! ```
//!
//! Goed:
//!
//! ```text
//! /schemas/           @voorbeeldstad/cio
//! ```
//!
//! ## Bron
//! mszostok/codeowners-validator, controle `duppatterns`; GitHub, About code owners ("the last matching pattern takes the most precedence"): <https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#example-of-a-codeowners-file>

use std::collections::HashMap;

use super::{Check, Rule};
use crate::codeowners::{Inspection, list, shorten};
use crate::finding::{Finding, Pos, Severity};

pub const RULE: Rule = Rule {
    name: "codeowners-pattern-duplicate",
    severity: Severity::Warning,
    source: "mszostok/codeowners-validator (duppatterns); GitHub, About code owners",
    url: "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#example-of-a-codeowners-file",
    doc: include_str!("codeowners_pattern_duplicate.rs"),
    check: Check::Owners(check),
};

fn check(i: &Inspection, out: &mut Vec<Finding>) {
    let Some(c) = i.codeowners() else { return };
    let lang = i.lang;
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (index, line) in c.lines.iter().enumerate().filter(|(_, l)| l.is_valid()) {
        let Some(earlier) = last.insert(&line.pattern, index).map(|e| &c.lines[e]) else { continue };
        let (pattern, m) = (shorten(&line.pattern, 200), earlier.number);
        let owners: Vec<&str> = earlier.owners.iter().map(|o| o.name.as_str()).collect();
        let theirs =
            if owners.is_empty() { lang.pick("no owner", "geen eigenaar").to_owned() } else { list(&owners, lang) };
        out.push(
            i.finding(
                &RULE,
                line.number,
                line.column,
                lang.pick(
                    format!("`{pattern}` is given again here: this line replaces line {m} for every file, so line {m} has no effect (owners are replaced, not added)."),
                    format!("`{pattern}` staat hier nog eens: deze regel vervangt regel {m} voor elk bestand, dus regel {m} doet niets (eigenaren worden vervangen, niet opgeteld)."),
                ),
                lang.pick(
                    format!("Keep one line for `{pattern}`, with the owners who must approve, and remove the other."),
                    format!("Houd één regel voor `{pattern}`, met de eigenaren die moeten goedkeuren, en verwijder de andere."),
                ),
            )
            .with_related(
                &i.file,
                Pos { line: m, column: earlier.column },
                lang.pick(format!("line {m}, with {theirs}, has no effect"), format!("regel {m}, met {theirs}, doet niets")),
            ),
        );
    }
}
