//! ## What it checks
//! In `toets codeowners`: every file in the registry folder and every governance path
//! (`schemas/`, `toets.toml`, `CODEOWNERS`, `.github/`, `src/`, `Cargo.toml`, `Cargo.lock`, and
//! the CODEOWNERS file GitHub reads) is owned by the CIO's team (`cio_team` in `toets.toml`) alone,
//! by the last line of CODEOWNERS that matches it. There is one finding per deciding line, naming
//! the files, the line and its owners.
//!
//! ## Why
//! GitHub requires the approval of a code owner, and the last matching line alone decides who that
//! is: it replaces the owners of earlier lines. An approval of any one of the owners on that line
//! is enough, so a second owner beside the CIO could approve in the CIO's place. Only a line with
//! the CIO's team alone makes the CIO the required approver.
//!
//! ## Example
//! Wrong: a later line takes a folder of records away from the CIO.
//!
//! ```text
//! /registry/          @voorbeeldstad/cio
//! /registry/special/  @voorbeeldstad/sociaal-domein
//! ```
//!
//! Right:
//!
//! ```text
//! /registry/          @voorbeeldstad/cio
//! ```
//!
//! ## Source
//! Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering (proposals are ratified by the
//! CIO); GitHub, About code owners: <https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! In `toets codeowners`: elk bestand in de registermap en elk governancepad (`schemas/`,
//! `toets.toml`, `CODEOWNERS`, `.github/`, `src/`, `Cargo.toml`, `Cargo.lock` en het
//! CODEOWNERS-bestand dat GitHub leest) is van het CIO-team (`cio_team` in `toets.toml`) alleen,
//! volgens de laatste regel van CODEOWNERS die erop past. Er is één melding per beslissende
//! regel, met de bestanden, de regel en haar eigenaren.
//!
//! ## Waarom
//! GitHub eist de goedkeuring van een code-eigenaar, en alleen de laatste passende regel bepaalt
//! wie dat is: die vervangt de eigenaren van eerdere regels. De goedkeuring van één van de
//! eigenaren op die regel is genoeg, dus een tweede eigenaar naast de CIO kan in plaats van de CIO
//! goedkeuren. Alleen een regel met het CIO-team alleen maakt de CIO de vereiste beoordelaar.
//!
//! ## Voorbeeld
//! Fout: een latere regel neemt een map met registraties af van de CIO.
//!
//! ```text
//! /registry/          @voorbeeldstad/cio
//! /registry/special/  @voorbeeldstad/sociaal-domein
//! ```
//!
//! Goed:
//!
//! ```text
//! /registry/          @voorbeeldstad/cio
//! ```
//!
//! ## Bron
//! Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering (voorstellen worden door de CIO
//! geratificeerd); GitHub, About code owners: <https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners>

use std::collections::BTreeMap;

use super::{Check, Rule};
use crate::codeowners::{self, Codeowners, Inspection, Scope};
use crate::finding::{Finding, Lang, Severity};

pub const RULE: Rule = Rule {
    name: "codeowners-cio-not-required",
    severity: Severity::Error,
    source: "Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering; GitHub, About code owners",
    url: "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners",
    doc: include_str!("codeowners_cio_not_required.rs"),
    check: Check::Owners(check),
};

fn check(i: &Inspection, out: &mut Vec<Finding>) {
    let Some(c) = i.codeowners() else { return };
    // The files the CIO does not own alone, by the line that decides them, then by scope.
    let mut groups: BTreeMap<Option<usize>, Vec<(&Scope, Vec<&str>)>> = BTreeMap::new();
    for scope in &i.scopes {
        let mut by_line: BTreeMap<Option<usize>, Vec<&str>> = BTreeMap::new();
        for (file, winner) in &scope.files {
            if !winner.is_some_and(|w| i.cio_alone(&c.lines[w])) {
                by_line.entry(*winner).or_default().push(file);
            }
        }
        for (winner, files) in by_line {
            groups.entry(winner).or_default().push((scope, files));
        }
    }
    for (winner, scopes) in groups {
        out.push(finding(i, c, winner, &scopes));
    }
}

/// How a scope's files are named: the folder when all its files are meant, else the files.
fn name(scope: &Scope, files: &[&str], lang: Lang) -> String {
    match files {
        _ if files.len() == scope.files.len() && scope.folder => format!("`{}/`", scope.path),
        [one] => format!("`{one}`"),
        [first, rest @ ..] => lang.pick(
            format!("`{first}` and {} other files in `{}/`", rest.len(), scope.path),
            format!("`{first}` en {} andere bestanden in `{}/`", rest.len(), scope.path),
        ),
        [] => format!("`{}`", scope.path),
    }
}

/// The files that `winner` (or no line) decides, and how to give them to the CIO.
fn finding(i: &Inspection, c: &Codeowners, winner: Option<usize>, scopes: &[(&Scope, Vec<&str>)]) -> Finding {
    let (lang, file, cio) = (i.lang, &i.file, &i.cio);
    let names: Vec<String> = scopes.iter().map(|(scope, files)| name(scope, files, lang)).collect();
    let what = codeowners::list(&names, lang);
    let one = scopes.len() == 1 && (scopes[0].1.len() == 1 || scopes[0].0.folder);
    let lines: Vec<String> = scopes
        .iter()
        .map(|(s, _)| if s.folder { format!("`/{}/ {cio}`", s.path) } else { format!("`/{} {cio}`", s.path) })
        .collect();
    let add = match lines.as_slice() {
        [line] => lang.pick(
            format!("Add {line} as the last line of {file}: the last line that matches a file decides its owners."),
            format!("Voeg {line} toe als laatste regel van {file}: de laatste regel die op een bestand past, bepaalt de eigenaren."),
        ),
        _ => lang.pick(
            format!("Add {} as the last lines of {file}: the last line that matches a file decides its owners.", codeowners::list(&lines, lang)),
            format!("Voeg {} toe als laatste regels van {file}: de laatste regel die op een bestand past, bepaalt de eigenaren.", codeowners::list(&lines, lang)),
        ),
    };
    let Some(w) = winner else {
        let message = lang.pick(
            format!("{what} {} no code owner: no line of {file} matches, so the CIO's approval is not required.", if one { "has" } else { "have" }),
            format!("{what} {} geen code-eigenaar: geen regel van {file} past erop, dus de goedkeuring van de CIO is niet vereist.", if one { "heeft" } else { "hebben" }),
        );
        return i.finding(&RULE, 1, 1, message, add);
    };
    let line = &c.lines[w];
    let n = line.number;
    let owners: Vec<&str> = line.owners.iter().map(|o| o.name.as_str()).collect();
    let names = codeowners::list(&owners, lang);
    let (is, has, heeft) = if one { ("is", "has", "heeft") } else { ("are", "have", "hebben") };
    let message = if owners.is_empty() {
        lang.pick(
            format!("{what} {has} no code owner: {file} line {n} matches and names nobody, so the CIO's approval is not required."),
            format!("{what} {heeft} geen code-eigenaar: {file} regel {n} past erop en noemt niemand, dus de goedkeuring van de CIO is niet vereist."),
        )
    } else if owners.iter().any(|o| codeowners::same_owner(o, cio)) {
        lang.pick(
            format!("{what} {is} owned by {names} ({file} line {n}): the approval of any one of them is enough, so the CIO's approval is not required."),
            format!("{what} {} van {names} ({file} regel {n}): de goedkeuring van één van hen is genoeg, dus de goedkeuring van de CIO is niet vereist.", if one { "is" } else { "zijn" }),
        )
    } else {
        lang.pick(
            format!("{what} {is} owned by {names} only ({file} line {n}), not by the CIO ({cio})."),
            format!(
                "{what} {} alleen van {names} ({file} regel {n}), niet van de CIO ({cio}).",
                if one { "is" } else { "zijn" }
            ),
        )
    };
    // A line that decides only these files can be given to the CIO; a broader one (`*.md`) is
    // better left alone and overruled by last lines for the scopes.
    let decided: usize = scopes.iter().map(|(_, files)| files.len()).sum();
    let help = if i.wins[w] == decided {
        let pattern = codeowners::shorten(&line.pattern, 200);
        lang.pick(format!("Change line {n} to `{pattern} {cio}`."), format!("Verander regel {n} in `{pattern} {cio}`."))
    } else {
        add
    };
    i.finding(&RULE, n, line.column, message, help)
}
