//! ## What it checks
//! With GitHub's answers (see `toets::codeowners::github`): each error GitHub itself reports in the
//! CODEOWNERS file of the protected branch (`GET /repos/{owner}/{repo}/codeowners/errors`), at its
//! line and column, with GitHub's suggestion when it has one. GitHub also knows what toets cannot
//! see offline: owners that do not exist or have no write access.
//!
//! ## Why
//! GitHub skips a line it reports, and an earlier line then decides, so the protection the line was
//! written for is gone, without a word in the pull request.
//!
//! ## Example
//! Wrong: `/registry/ @voorbeeldstad/cio-team` where the team is called `cio` (GitHub: "Unknown
//! owner").
//!
//! Right: `/registry/ @voorbeeldstad/cio`, a team with write access to the repository.
//!
//! ## Source
//! GitHub REST API, List CODEOWNERS errors: <https://docs.github.com/en/rest/repos/repos#list-codeowners-errors>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Met de antwoorden van GitHub (zie `toets::codeowners::github`): elke fout die GitHub zelf meldt
//! in het CODEOWNERS-bestand van de beschermde branch (`GET /repos/{owner}/{repo}/codeowners/errors`),
//! op haar regel en kolom, met de suggestie van GitHub als die er is. GitHub weet ook wat toets
//! offline niet kan zien: eigenaren die niet bestaan of geen schrijfrechten hebben.
//!
//! ## Waarom
//! GitHub slaat een gemelde regel over, en dan bepaalt een eerdere regel, dus de bescherming
//! waarvoor de regel geschreven was, is weg, zonder een woord in het pull request.
//!
//! ## Voorbeeld
//! Fout: `/registry/ @voorbeeldstad/cio-team` terwijl het team `cio` heet (GitHub: "Unknown owner").
//!
//! Goed: `/registry/ @voorbeeldstad/cio`, een team met schrijfrechten op de repository.
//!
//! ## Bron
//! GitHub REST API, List CODEOWNERS errors: <https://docs.github.com/en/rest/repos/repos#list-codeowners-errors>

use super::{Check, Rule};
use crate::codeowners::github::Settings;
use crate::codeowners::shorten;
use crate::finding::{Finding, Pos, Severity};

pub const RULE: Rule = Rule {
    name: "codeowners-github-error",
    severity: Severity::Error,
    source: "GitHub REST API, List CODEOWNERS errors",
    url: "https://docs.github.com/en/rest/repos/repos#list-codeowners-errors",
    doc: include_str!("codeowners_github_error.rs"),
    check: Check::GitHub(check),
};

fn check(s: &Settings, out: &mut Vec<Finding>) {
    let lang = s.lang;
    for e in &s.errors.errors {
        let kind = shorten(&e.kind, 100);
        let message = lang.pick(
            format!("GitHub reports `{kind}` on this line and skips it."),
            format!("GitHub meldt `{kind}` op deze regel en slaat haar over."),
        );
        let help = match &e.suggestion {
            Some(suggestion) => shorten(suggestion, 300),
            None => lang
                .pick(
                    "Correct the line; an owner must exist and have write access to the repository (a team: explicit write access).",
                    "Verbeter de regel; een eigenaar moet bestaan en schrijfrechten op de repository hebben (een team: expliciete schrijfrechten).",
                )
                .to_owned(),
        };
        let pos = Pos { line: e.line.max(1), column: e.column.max(1) };
        let mut f = Finding::error(RULE.name, &e.path, pos, message).with_help(help);
        f.severity = RULE.severity;
        out.push(f);
    }
}
