//! What GitHub says about a repository's CODEOWNERS and its default branch, read for
//! `toets codeowners --github`: the errors GitHub found in the file, the branch protection, the
//! rules of the branch and the rulesets they come from. What cannot be read is said, never
//! taken for "off".

use serde_json::Value;

use super::client::{Client, Fault, Method};
use crate::codeowners::github::{BranchProtection, BranchRule, CodeownersErrors, Ruleset};
use crate::finding::Lang;

/// GitHub's answers, with a sentence for each one toets could not read.
pub struct Answers {
    pub branch: String,
    pub errors: CodeownersErrors,
    /// `None` when the branch is not protected.
    pub protection: Option<BranchProtection>,
    /// Whether the protection could be read at all (it takes a token with admin rights).
    pub protection_known: bool,
    pub rules: Vec<BranchRule>,
    pub rulesets: Vec<Ruleset>,
    pub unread: Vec<String>,
}

/// Reads everything for `owner/repo`; only a failure to find the repository stops it.
pub fn read(client: &Client, owner: &str, repo: &str, lang: Lang) -> Result<Answers, Fault> {
    let base = format!("/repos/{owner}/{repo}");
    let about = client.send(Method::Get, &base, None)?;
    let branch = about.body.get("default_branch").and_then(Value::as_str).unwrap_or("main").to_owned();
    let mut unread = Vec::new();
    let mut note = |what: &str, fault: &Fault| {
        let why = client.redact(&fault.describe(lang));
        unread.push(lang.pick(format!("{what} not checked: {why}"), format!("{what} niet gecontroleerd: {why}")));
    };
    let errors = match get(client, &format!("{base}/codeowners/errors?ref={branch}")) {
        Ok(v) => v,
        Err(fault) => {
            note(lang.pick("GitHub's errors in CODEOWNERS", "GitHubs fouten in CODEOWNERS"), &fault);
            CodeownersErrors::default()
        }
    };
    let (protection, protection_known) = match get(client, &format!("{base}/branches/{branch}/protection")) {
        Ok(p) => (Some(p), true),
        // GitHub answers 404 for a branch without protection.
        Err(Fault::Denied { status: 404, .. }) => (None, true),
        Err(fault) => {
            note(lang.pick("Branch protection", "Branch protection"), &fault);
            (None, false)
        }
    };
    let rules: Vec<BranchRule> = client.list(&format!("{base}/rules/branches/{branch}")).unwrap_or_else(|fault| {
        note(lang.pick("The branch's rulesets", "De rulesets van de branch"), &fault);
        Vec::new()
    });
    let mut rulesets = Vec::new();
    for id in ruleset_ids(&rules) {
        match get::<Ruleset>(client, &format!("{base}/rulesets/{id}")) {
            Ok(r) => rulesets.push(r),
            Err(fault) => note(&lang.pick(format!("Ruleset {id}"), format!("Ruleset {id}")), &fault),
        }
    }
    Ok(Answers { branch, errors, protection, protection_known, rules, rulesets, unread })
}

fn get<T: serde::de::DeserializeOwned>(client: &Client, route: &str) -> Result<T, Fault> {
    let answer = client.send(Method::Get, route, None)?;
    serde_json::from_value(answer.body).map_err(|e| Fault::Refused {
        request: format!("GET {}", route.split('?').next().unwrap_or(route)),
        status: answer.status,
        message: format!("unexpected answer: {e}"),
    })
}

/// The rulesets that a `pull_request` rule of the branch comes from, each once.
fn ruleset_ids(rules: &[BranchRule]) -> Vec<u64> {
    let mut ids: Vec<u64> = rules
        .iter()
        .filter_map(|r| match r {
            BranchRule::PullRequest { ruleset_id, .. } => *ruleset_id,
            BranchRule::Other => None,
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}
