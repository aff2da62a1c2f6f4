//! ## What it checks
//! With GitHub's answers (see `toets::codeowners::github`): someone may merge into the protected
//! branch without a code owner's approval. Where branch protection requires the review:
//! administrators, when it does not apply to them (`enforce_admins` off), and the users, teams and
//! apps in `bypass_pull_request_allowances`. Where a ruleset requires it: its `bypass_actors`, or
//! that toets cannot see them (GitHub shows them only to those who may edit the ruleset). Each
//! requirement is judged on its own: keep every one strict.
//!
//! ## Why
//! The CIO is the required approver only if nobody can merge around the requirement. An exception
//! for administrators is an exception for whoever has that role, also on a busy Friday.
//!
//! ## Example
//! Wrong: "Require review from Code Owners" on, "Do not allow bypassing the above settings" off.
//!
//! Right: both on, and no one in "Allow specified actors to bypass required pull requests" or in
//! a ruleset's bypass list.
//!
//! ## Source
//! GitHub, About protected branches (do not allow bypassing the above settings); About rulesets (bypass list): <https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#do-not-allow-bypassing-the-above-settings>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Met de antwoorden van GitHub (zie `toets::codeowners::github`): iemand kan in de beschermde
//! branch samenvoegen zonder goedkeuring van een code-eigenaar. Waar branch protection de
//! beoordeling eist: beheerders, als die er niet onder vallen (`enforce_admins` uit), en de
//! gebruikers, teams en apps in `bypass_pull_request_allowances`. Waar een ruleset haar eist: de
//! `bypass_actors` ervan, of dat toets die niet kan zien (GitHub toont ze alleen aan wie de ruleset
//! mag wijzigen). Elke eis wordt op zichzelf beoordeeld: houd ze allemaal streng.
//!
//! ## Waarom
//! De CIO is alleen de vereiste beoordelaar als niemand om de eis heen kan samenvoegen. Een
//! uitzondering voor beheerders is een uitzondering voor wie die rol heeft, ook op een drukke
//! vrijdag.
//!
//! ## Voorbeeld
//! Fout: "Require review from Code Owners" aan, "Do not allow bypassing the above settings" uit.
//!
//! Goed: beide aan, en niemand in "Allow specified actors to bypass required pull requests" of in
//! de bypass-lijst van een ruleset.
//!
//! ## Bron
//! GitHub, About protected branches (do not allow bypassing the above settings); About rulesets (bypass list): <https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#do-not-allow-bypassing-the-above-settings>

use super::{Check, Rule};
use crate::codeowners::github::{Settings, allowed, bypassers};
use crate::codeowners::list;
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "codeowners-bypass",
    severity: Severity::Error,
    source: "GitHub, About protected branches (bypassing); About rulesets (bypass list)",
    url: "https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#do-not-allow-bypassing-the-above-settings",
    doc: include_str!("codeowners_bypass.rs"),
    check: Check::GitHub(check),
};

fn check(s: &Settings, out: &mut Vec<Finding>) {
    let (lang, branch) = (s.lang, s.branch);
    if let Some(protection) = s.protection.filter(|_| s.protection_requires()) {
        if !protection.enforce_admins.as_ref().is_some_and(|e| e.enabled) {
            out.push(s.finding(
                &RULE,
                "/enforce_admins/enabled",
                lang.pick(
                    format!("Administrators can merge into `{branch}` without a code owner's approval: its branch protection does not apply to them."),
                    format!("Beheerders kunnen in `{branch}` samenvoegen zonder goedkeuring van een code-eigenaar: de branch protection geldt niet voor hen."),
                ),
                lang.pick(
                    format!("Turn on \"Do not allow bypassing the above settings\" in the branch protection of `{branch}`."),
                    format!("Zet \"Do not allow bypassing the above settings\" aan in de branch protection van `{branch}`."),
                ),
            ));
        }
        let names = allowed(protection);
        if !names.is_empty() {
            let who = list(&names, lang);
            out.push(s.finding(
                &RULE,
                "/required_pull_request_reviews/bypass_pull_request_allowances",
                lang.pick(
                    format!("{who} may merge into `{branch}` without the required reviews, a code owner's included."),
                    format!("{who} mogen in `{branch}` samenvoegen zonder de vereiste beoordelingen, ook die van een code-eigenaar."),
                ),
                lang.pick(
                    format!("Empty \"Allow specified actors to bypass required pull requests\" in the branch protection of `{branch}`."),
                    format!("Maak \"Allow specified actors to bypass required pull requests\" leeg in de branch protection van `{branch}`."),
                ),
            ));
        }
    }
    let mut seen = Vec::new();
    for (id, _) in s.rulesets_requiring() {
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        let ruleset = id.and_then(|id| s.rulesets.iter().find(|r| r.id == id));
        let named = ruleset.map_or_else(
            || id.map_or_else(|| "?".to_owned(), |id| id.to_string()),
            |r| format!("`{}` ({})", r.name, r.id),
        );
        let finding = match ruleset.and_then(bypassers) {
            None => s.finding(
                &RULE,
                "/bypass_actors",
                lang.pick(
                    format!("toets cannot see who may bypass ruleset {named}, which requires a code owner's review on `{branch}`: GitHub shows its bypass list only to those who may edit it."),
                    format!("toets kan niet zien wie ruleset {named} mag omzeilen, die de beoordeling door een code-eigenaar op `{branch}` eist: GitHub toont de bypass-lijst alleen aan wie de ruleset mag wijzigen."),
                ),
                lang.pick(
                    "Read the ruleset with a token of someone who may edit it (a repository administrator).".to_owned(),
                    "Lees de ruleset met een token van iemand die haar mag wijzigen (een beheerder van de repository).".to_owned(),
                ),
            ),
            Some(actors) if actors.is_empty() => continue,
            Some(actors) => s.finding(
                &RULE,
                "/bypass_actors",
                lang.pick(
                    format!("Ruleset {named} lets {} merge into `{branch}` without a code owner's approval.", list(&actors, lang)),
                    format!("Ruleset {named} laat {} in `{branch}` samenvoegen zonder goedkeuring van een code-eigenaar.", list(&actors, lang)),
                ),
                lang.pick(
                    format!("Remove everyone from the bypass list of ruleset {named}."),
                    format!("Haal iedereen van de bypass-lijst van ruleset {named}."),
                ),
            ),
        };
        out.push(finding);
    }
}
