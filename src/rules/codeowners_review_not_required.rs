//! ## What it checks
//! With GitHub's answers (see `toets::codeowners::github`): neither branch protection ("Require
//! review from Code Owners", `required_pull_request_reviews.require_code_owner_reviews`) nor an
//! active ruleset (a `pull_request` rule with `require_code_owner_review`) requires a code owner's
//! approval on the protected branch.
//!
//! ## Why
//! Without that setting CODEOWNERS only asks for reviews: a pull request can be merged without the
//! CIO, however carefully the file is written.
//!
//! ## Example
//! Wrong: branch protection of `main` with "Require a pull request before merging" and one
//! approval, but not "Require review from Code Owners".
//!
//! Right: "Require review from Code Owners" on, or a ruleset for `main` whose pull request rule has
//! "Require review from Code Owners".
//!
//! ## Source
//! GitHub, About protected branches (Require pull request reviews before merging): <https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-pull-request-reviews-before-merging>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Met de antwoorden van GitHub (zie `toets::codeowners::github`): branch protection ("Require
//! review from Code Owners", `required_pull_request_reviews.require_code_owner_reviews`) noch een
//! actieve ruleset (een `pull_request`-regel met `require_code_owner_review`) eist de goedkeuring
//! van een code-eigenaar op de beschermde branch.
//!
//! ## Waarom
//! Zonder die instelling vraagt CODEOWNERS alleen om beoordelingen: een pull request kan zonder de
//! CIO worden samengevoegd, hoe zorgvuldig het bestand ook is.
//!
//! ## Voorbeeld
//! Fout: branch protection van `main` met "Require a pull request before merging" en één
//! goedkeuring, maar zonder "Require review from Code Owners".
//!
//! Goed: "Require review from Code Owners" aan, of een ruleset voor `main` waarvan de pull-request-
//! regel "Require review from Code Owners" heeft.
//!
//! ## Bron
//! GitHub, About protected branches (Require pull request reviews before merging): <https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-pull-request-reviews-before-merging>

use super::{Check, Rule};
use crate::codeowners::github::Settings;
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "codeowners-review-not-required",
    severity: Severity::Error,
    source: "GitHub, About protected branches; rulesets (pull_request rule)",
    url: "https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-pull-request-reviews-before-merging",
    doc: include_str!("codeowners_review_not_required.rs"),
    check: Check::GitHub(check),
};

fn check(s: &Settings, out: &mut Vec<Finding>) {
    if s.code_owner_review_required() {
        return;
    }
    let (lang, branch) = (s.lang, s.branch);
    out.push(s.finding(
        &RULE,
        "/required_pull_request_reviews/require_code_owner_reviews",
        lang.pick(
            format!("Nothing requires a code owner's approval on `{branch}`: CODEOWNERS only asks for reviews, and a pull request can be merged without the CIO."),
            format!("Niets eist de goedkeuring van een code-eigenaar op `{branch}`: CODEOWNERS vraagt alleen om beoordelingen, en een pull request kan zonder de CIO worden samengevoegd."),
        ),
        lang.pick(
            format!("Turn on \"Require review from Code Owners\" in the branch protection of `{branch}` (Settings, Branches), or in a ruleset's pull request rule for it."),
            format!("Zet \"Require review from Code Owners\" aan in de branch protection van `{branch}` (Settings, Branches), of in de pull-request-regel van een ruleset ervoor."),
        ),
    ));
}
