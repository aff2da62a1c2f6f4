//! What GitHub itself says about CODEOWNERS and the branch it protects, turned into findings.
//! Pure functions over GitHub's answers: the HTTP client that fetches them lives elsewhere.
//!
//! The types follow GitHub's OpenAPI description (npm `@octokit/openapi` 23.0.2, a copy of the
//! parts used is in `tests/data/github-api/`), keeping only the fields the rules read; other
//! fields are ignored, and a field GitHub leaves out counts as off:
//!
//! - `GET /repos/{owner}/{repo}/codeowners/errors?ref={branch}`: [`CodeownersErrors`]
//! - `GET /repos/{owner}/{repo}/branches/{branch}/protection`: [`BranchProtection`] (GitHub
//!   answers 404 when the branch is not protected: pass `None`)
//! - `GET /repos/{owner}/{repo}/rules/branches/{branch}`: the active rules, [`BranchRule`]s
//! - `GET /repos/{owner}/{repo}/rulesets/{ruleset_id}`, for each ruleset a `pull_request` rule
//!   comes from: [`Ruleset`], whose `bypass_actors` GitHub shows only to those who may edit it
//!
//! [`online_findings`] runs the rules; [`crate::rules::apply_levels`] then applies `toets.toml`.

use serde::Deserialize;

use crate::finding::{self, Finding, Lang, Pos};
use crate::rules::{self, Check, Rule};

/// `GET /repos/{owner}/{repo}/codeowners/errors`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct CodeownersErrors {
    pub errors: Vec<CodeownersError>,
}

/// One line GitHub could not use.
#[derive(Clone, Debug, Deserialize)]
pub struct CodeownersError {
    pub line: usize,
    pub column: usize,
    /// E.g. `Invalid pattern`, `Invalid owner`, `Unknown owner`.
    pub kind: String,
    /// The line itself.
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub suggestion: Option<String>,
    pub message: String,
    /// The CODEOWNERS file, e.g. `.github/CODEOWNERS`.
    pub path: String,
}

/// `GET /repos/{owner}/{repo}/branches/{branch}/protection`, the parts about reviews.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct BranchProtection {
    pub enforce_admins: Option<Enabled>,
    pub required_pull_request_reviews: Option<PullRequestReviews>,
}

/// A setting that is on or off.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Enabled {
    pub enabled: bool,
}

/// Branch protection's "Require a pull request before merging".
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PullRequestReviews {
    pub require_code_owner_reviews: bool,
    pub dismiss_stale_reviews: bool,
    pub require_last_push_approval: bool,
    pub bypass_pull_request_allowances: Option<Allowances>,
}

/// Who may merge without the required reviews.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Allowances {
    pub users: Vec<Account>,
    pub teams: Vec<Team>,
    pub apps: Vec<App>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Account {
    pub login: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Team {
    pub slug: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct App {
    pub name: String,
}

impl Allowances {
    /// Everyone listed, as `@login`, `team slug` and `app name`.
    fn names(&self) -> Vec<String> {
        let users = self.users.iter().map(|u| format!("@{}", u.login));
        let teams = self.teams.iter().map(|t| format!("team {}", t.slug));
        let apps = self.apps.iter().map(|a| format!("app {}", a.name));
        users.chain(teams).chain(apps).collect()
    }
}

/// One item of `GET /repos/{owner}/{repo}/rules/branches/{branch}`: only `pull_request` rules
/// matter here.
#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BranchRule {
    PullRequest {
        #[serde(default)]
        parameters: PullRequestParameters,
        ruleset_id: Option<u64>,
    },
    #[serde(other)]
    Other,
}

/// The parameters of a ruleset's `pull_request` rule.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PullRequestParameters {
    pub require_code_owner_review: bool,
    pub dismiss_stale_reviews_on_push: bool,
    pub require_last_push_approval: bool,
    pub required_approving_review_count: u32,
}

/// `GET /repos/{owner}/{repo}/rulesets/{ruleset_id}`, the parts about who may bypass it.
#[derive(Clone, Debug, Deserialize)]
pub struct Ruleset {
    pub id: u64,
    pub name: String,
    /// `None` when GitHub does not show them (to those who may not edit the ruleset).
    #[serde(default)]
    pub bypass_actors: Option<Vec<BypassActor>>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct BypassActor {
    #[serde(default)]
    pub actor_id: Option<u64>,
    /// `Integration`, `OrganizationAdmin`, `RepositoryRole`, `Team`, `DeployKey` or `User`.
    pub actor_type: String,
    /// `always`, `pull_request` or `exempt` (GitHub's default: `always`).
    #[serde(default)]
    pub bypass_mode: Option<String>,
}

impl BypassActor {
    fn describe(&self) -> String {
        let id = self.actor_id.map(|id| format!(" {id}")).unwrap_or_default();
        format!("{}{id} ({})", self.actor_type, self.bypass_mode.as_deref().unwrap_or("always"))
    }
}

/// GitHub's answers about one repository and the branch that pull requests merge into.
pub struct Settings<'a> {
    /// The protected branch, e.g. `main`.
    pub branch: &'a str,
    /// The CODEOWNERS file GitHub reads: the settings' findings are about it.
    pub file: &'a str,
    pub errors: &'a CodeownersErrors,
    pub protection: Option<&'a BranchProtection>,
    pub rules: &'a [BranchRule],
    /// The rulesets of the `pull_request` rules in `rules`, by their id.
    pub rulesets: &'a [Ruleset],
    pub lang: Lang,
}

impl Settings<'_> {
    /// Whether branch protection requires a code owner's review.
    pub fn protection_requires(&self) -> bool {
        self.protection
            .and_then(|p| p.required_pull_request_reviews.as_ref())
            .is_some_and(|r| r.require_code_owner_reviews)
    }

    /// The ids of the rulesets (`None`: a rule without one) whose `pull_request` rule requires a
    /// code owner's review, with that rule's parameters.
    pub fn rulesets_requiring(&self) -> Vec<(Option<u64>, &PullRequestParameters)> {
        self.rules
            .iter()
            .filter_map(|r| match r {
                BranchRule::PullRequest { parameters, ruleset_id } if parameters.require_code_owner_review => {
                    Some((*ruleset_id, parameters))
                }
                _ => None,
            })
            .collect()
    }

    /// Whether anything makes a code owner's review required.
    pub fn code_owner_review_required(&self) -> bool {
        self.protection_requires() || !self.rulesets_requiring().is_empty()
    }

    /// A finding of `rule` about the setting at `pointer` (a JSON pointer into GitHub's answer),
    /// placed on the first line of CODEOWNERS.
    pub fn finding(&self, rule: &Rule, pointer: &str, message: String, help: String) -> Finding {
        let mut f = Finding::error(rule.name, self.file, Pos { line: 1, column: 1 }, message)
            .at_pointer(pointer)
            .with_help(help);
        f.severity = rule.severity;
        f
    }
}

/// The findings about GitHub's answers: each CODEOWNERS error, a code owner's review that is not
/// required, stale approvals that stay, and who may merge without the review. Sorted; the
/// levels of `toets.toml` are not applied yet.
pub fn online_findings(settings: &Settings) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in rules::RULES {
        if let Check::GitHub(check) = rule.check {
            check(settings, &mut out);
        }
    }
    finding::sort(&mut out);
    out
}

/// The actors of `ruleset` who may merge without its rules.
pub fn bypassers(ruleset: &Ruleset) -> Option<Vec<String>> {
    ruleset.bypass_actors.as_ref().map(|actors| actors.iter().map(BypassActor::describe).collect())
}

/// Who may merge without branch protection's required reviews, besides administrators.
pub fn allowed(protection: &BranchProtection) -> Vec<String> {
    let reviews = protection.required_pull_request_reviews.as_ref();
    reviews.and_then(|r| r.bypass_pull_request_allowances.as_ref()).map(Allowances::names).unwrap_or_default()
}
