//! ## What it checks
//! With GitHub's answers (see `toets::codeowners::github`): a code owner's approval is required, but
//! an approval stays when new commits are pushed: neither branch protection
//! (`dismiss_stale_reviews`) nor a ruleset's `pull_request` rule (`dismiss_stale_reviews_on_push`)
//! dismisses it.
//!
//! ## Why
//! The CIO approves what the pull request says at that moment. If the approval stays, the author
//! can push other changes afterwards, to a record or to the rules, and merge them with the CIO's
//! name on them.
//!
//! ## Example
//! Wrong: "Require review from Code Owners" on, "Dismiss stale pull request approvals when new
//! commits are pushed" off.
//!
//! Right: both on.
//!
//! ## Source
//! GitHub, About protected branches (dismiss stale approvals); rulesets, `dismiss_stale_reviews_on_push`: <https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-pull-request-reviews-before-merging>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Met de antwoorden van GitHub (zie `toets::codeowners::github`): de goedkeuring van een
//! code-eigenaar is vereist, maar een goedkeuring blijft staan als er nieuwe commits komen: branch
//! protection (`dismiss_stale_reviews`) noch de `pull_request`-regel van een ruleset
//! (`dismiss_stale_reviews_on_push`) trekt haar in.
//!
//! ## Waarom
//! De CIO keurt goed wat het pull request op dat moment zegt. Blijft de goedkeuring staan, dan kan
//! de auteur daarna andere wijzigingen pushen, aan een registratie of aan de regels, en ze met de
//! naam van de CIO erop samenvoegen.
//!
//! ## Voorbeeld
//! Fout: "Require review from Code Owners" aan, "Dismiss stale pull request approvals when new
//! commits are pushed" uit.
//!
//! Goed: beide aan.
//!
//! ## Bron
//! GitHub, About protected branches (dismiss stale approvals); rulesets, `dismiss_stale_reviews_on_push`: <https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-pull-request-reviews-before-merging>

use super::{Check, Rule};
use crate::codeowners::github::{BranchRule, Settings};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "codeowners-stale-approval",
    severity: Severity::Error,
    source: "GitHub, About protected branches (dismiss stale approvals); rulesets",
    url: "https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-pull-request-reviews-before-merging",
    doc: include_str!("codeowners_stale_approval.rs"),
    check: Check::GitHub(check),
};

fn check(s: &Settings, out: &mut Vec<Finding>) {
    // Without a required review there is no approval to keep: codeowners-review-not-required says so.
    if !s.code_owner_review_required() {
        return;
    }
    let by_protection =
        s.protection.and_then(|p| p.required_pull_request_reviews.as_ref()).is_some_and(|r| r.dismiss_stale_reviews);
    let by_ruleset = s
        .rules
        .iter()
        .any(|r| matches!(r, BranchRule::PullRequest { parameters, .. } if parameters.dismiss_stale_reviews_on_push));
    if by_protection || by_ruleset {
        return;
    }
    let (lang, branch) = (s.lang, s.branch);
    out.push(s.finding(
        &RULE,
        "/required_pull_request_reviews/dismiss_stale_reviews",
        lang.pick(
            format!("An approval on `{branch}` stays when new commits are pushed: a change made after the CIO approved can be merged with that approval."),
            format!("Een goedkeuring op `{branch}` blijft staan als er nieuwe commits komen: een wijziging van na de goedkeuring van de CIO kan met die goedkeuring worden samengevoegd."),
        ),
        lang.pick(
            format!("Turn on \"Dismiss stale pull request approvals when new commits are pushed\" where the code owner's review of `{branch}` is required (branch protection or the ruleset)."),
            format!("Zet \"Dismiss stale pull request approvals when new commits are pushed\" aan waar de beoordeling door een code-eigenaar van `{branch}` wordt geëist (branch protection of de ruleset)."),
        ),
    ));
}
