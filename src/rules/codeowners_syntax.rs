//! ## What it checks
//! In `toets codeowners`: a line of CODEOWNERS that GitHub cannot read: a pattern with `!`
//! (negation), `[ ]` (a character range), `\#` at its start, `***`, `#` inside it, or the pattern
//! `/`; or an owner that is not `@user`, `@organisation/team` or an e-mail address. The finding
//! points at the column of the problem.
//!
//! ## Why
//! GitHub skips such a line without a word: an earlier line then decides the owners of the files
//! it was meant for, and the protection it was written for is gone. toets leaves the line out of
//! its proof in the same way.
//!
//! ## Example
//! Wrong:
//!
//! ```text
//! /registry/*.[ch]    @voorbeeldstad/cio
//! /schemas/           voorbeeldstad/cio
//! ```
//!
//! Right:
//!
//! ```text
//! /registry/          @voorbeeldstad/cio
//! /schemas/           @voorbeeldstad/cio
//! ```
//!
//! ## Source
//! GitHub, About code owners (CODEOWNERS syntax, syntax exceptions): <https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-syntax>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! In `toets codeowners`: een regel van CODEOWNERS die GitHub niet kan lezen: een patroon met `!`
//! (ontkenning), `[ ]` (een tekenbereik), `\#` aan het begin, `***`, `#` erin, of het patroon `/`;
//! of een eigenaar die geen `@gebruiker`, `@organisatie/team` of e-mailadres is. De melding wijst
//! naar de kolom van het probleem.
//!
//! ## Waarom
//! GitHub slaat zo'n regel zonder melding over: een eerdere regel bepaalt dan de eigenaren van de
//! bestanden waarvoor hij bedoeld was, en de bescherming waarvoor hij geschreven was, is weg. toets
//! laat de regel op dezelfde manier buiten zijn bewijs.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```text
//! /registry/*.[ch]    @voorbeeldstad/cio
//! /schemas/           voorbeeldstad/cio
//! ```
//!
//! Goed:
//!
//! ```text
//! /registry/          @voorbeeldstad/cio
//! /schemas/           @voorbeeldstad/cio
//! ```
//!
//! ## Bron
//! GitHub, About code owners (CODEOWNERS syntax, syntax exceptions): <https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-syntax>

use super::{Check, Rule};
use crate::codeowners::{Inspection, Line, ProblemKind, shorten};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "codeowners-syntax",
    severity: Severity::Error,
    source: "GitHub, About code owners (CODEOWNERS syntax)",
    url: "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-syntax",
    doc: include_str!("codeowners_syntax.rs"),
    check: Check::Owners(check),
};

fn check(i: &Inspection, out: &mut Vec<Finding>) {
    let Some(c) = i.codeowners() else { return };
    for line in &c.lines {
        for problem in &line.problems {
            let (message, help) = explain(i, line, &problem.kind);
            out.push(i.finding(&RULE, line.number, problem.column, message, help));
        }
    }
}

/// What is wrong and the line to write instead.
fn explain(i: &Inspection, line: &Line, kind: &ProblemKind) -> (String, String) {
    let lang = i.lang;
    let pattern = shorten(&line.pattern, 200);
    let owners = shorten(&line.owner_list(), 200);
    let skipped = lang.pick("GitHub skips this line.", "GitHub slaat deze regel over.");
    let write = |text: String| lang.pick(format!("Write `{text}`."), format!("Schrijf `{text}`."));
    match kind {
        ProblemKind::Negation => (
            lang.pick(format!("CODEOWNERS has no `!` (negation): {skipped}"), format!("CODEOWNERS kent geen `!` (ontkenning): {skipped}")),
            lang.pick(
                format!("A later line replaces the owners of an earlier one: give `{}` its own owners on a line below the broader one, e.g. `{} {}`.", &pattern[1..], &pattern[1..], i.cio),
                format!("Een latere regel vervangt de eigenaren van een eerdere: geef `{}` eigen eigenaren op een regel onder de bredere, bijv. `{} {}`.", &pattern[1..], &pattern[1..], i.cio),
            ),
        ),
        ProblemKind::Range => (
            lang.pick(format!("CODEOWNERS has no `[ ]` (character ranges): {skipped}"), format!("CODEOWNERS kent geen `[ ]` (tekenbereiken): {skipped}")),
            lang.pick(
                format!("Write one line per name, or `?` for any one character: `{} {owners}`.", without_ranges(&pattern)),
                format!("Schrijf één regel per naam, of `?` voor één willekeurig teken: `{} {owners}`.", without_ranges(&pattern)),
            ),
        ),
        ProblemKind::EscapedHash => (
            lang.pick(
                format!("CODEOWNERS cannot escape a `#` at the start of a pattern: {skipped}"),
                format!("CODEOWNERS kan een `#` aan het begin van een patroon niet escapen: {skipped}"),
            ),
            lang.pick(
                format!("A `?` matches the `#` (and any other one character): `?{} {owners}`.", &pattern[2..]),
                format!("Een `?` past op de `#` (en op elk ander teken): `?{} {owners}`.", &pattern[2..]),
            ),
        ),
        ProblemKind::TripleStar => (
            lang.pick(format!("`***` is not a pattern: {skipped}"), format!("`***` is geen patroon: {skipped}")),
            write(format!("{} {owners}", pattern.replace("***", "**"))),
        ),
        ProblemKind::Root => (
            lang.pick(format!("The pattern `/` never matches a file: {skipped}"), format!("Het patroon `/` past nooit op een bestand: {skipped}")),
            lang.pick(format!("For every file, write `* {owners}`."), format!("Schrijf voor elk bestand `* {owners}`.")),
        ),
        ProblemKind::HashInPattern => (
            lang.pick(
                "`#` starts a comment, also inside a pattern: GitHub does not read this line as written, and toets leaves it out.".to_owned(),
                "`#` begint een opmerking, ook binnen een patroon: GitHub leest deze regel niet zoals hij er staat, en toets laat hem weg.".to_owned(),
            ),
            lang.pick(
                format!("Match the `#` with `?`: `{} {owners}`.", pattern.replace('#', "?")),
                format!("Laat `?` op de `#` passen: `{} {owners}`.", pattern.replace('#', "?")),
            ),
        ),
        ProblemKind::Owner(token) => {
            let token = shorten(token, 100);
            let fixed = if token.contains('@') { i.cio.clone() } else { format!("@{token}") };
            let others: Vec<&str> = line.owners.iter().map(|o| o.name.as_str()).filter(|o| *o != token).collect();
            let rest = if others.is_empty() { String::new() } else { format!(" {}", shorten(&others.join(" "), 200)) };
            (
                lang.pick(
                    format!("`{token}` is not an owner: write a user as `@name`, a team as `@organisation/team`, or an e-mail address. {skipped}"),
                    format!("`{token}` is geen eigenaar: schrijf een gebruiker als `@naam`, een team als `@organisatie/team`, of een e-mailadres. {skipped}"),
                ),
                write(format!("{pattern} {fixed}{rest}")),
            )
        }
        ProblemKind::Unreadable(reason) => (
            lang.pick(
                format!("toets cannot read this pattern ({reason}), so it cannot prove whom it gives files to."),
                format!("toets kan dit patroon niet lezen ({reason}), dus kan het niet bewijzen aan wie het bestanden geeft."),
            ),
            lang.pick(
                "Write the pattern with plain names, `/`, `*`, `**` and `?` only.".to_owned(),
                "Schrijf het patroon met alleen gewone namen, `/`, `*`, `**` en `?`.".to_owned(),
            ),
        ),
    }
}

/// `pattern` with each `[…]` (or a stray bracket) replaced by `?`.
fn without_ranges(pattern: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in pattern.chars() {
        match c {
            '[' if !inside => {
                inside = true;
                out.push('?');
            }
            ']' if inside => inside = false,
            ']' => out.push('?'),
            _ if inside => {}
            _ => out.push(c),
        }
    }
    out
}
