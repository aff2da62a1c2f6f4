//! Which pull request to post on, from a workflow's environment (`GITHUB_REPOSITORY`,
//! `GITHUB_EVENT_PATH`, `GITHUB_API_URL`) or from flags, which win.

use std::path::Path;

use serde::Deserialize;

use crate::finding::Lang;

/// The event file is GitHub's; it is still read with a bound.
const MAX_EVENT_BYTES: u64 = 25 * 1024 * 1024;

/// Where a review goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub api_url: String,
    pub owner: String,
    pub repo: String,
    pub number: u64,
    /// The pull request's head commit, as the event names it, if it does.
    pub head_sha: Option<String>,
    /// The head is in another repository: the workflow's token is read-only.
    pub fork: bool,
}

/// What flags say; each overrides the environment.
#[derive(Clone, Debug, Default)]
pub struct Given {
    pub api_url: Option<String>,
    pub repository: Option<String>,
    pub number: Option<u64>,
}

/// The parts of an event payload toets reads: `pull_request` events, and `workflow_run`
/// events (the job that posts the review of a fork's pull request).
#[derive(Debug, Default, Deserialize)]
struct Event {
    number: Option<u64>,
    pull_request: Option<PullRequest>,
    workflow_run: Option<WorkflowRun>,
}

#[derive(Debug, Deserialize)]
struct PullRequest {
    number: u64,
    head: Branch,
    base: Branch,
}

#[derive(Debug, Deserialize)]
struct Branch {
    sha: String,
    repo: Option<Repository>,
}

#[derive(Debug, Deserialize)]
struct Repository {
    full_name: String,
}

#[derive(Debug, Deserialize)]
struct WorkflowRun {
    head_sha: String,
    #[serde(default)]
    pull_requests: Vec<RunPull>,
}

#[derive(Debug, Deserialize)]
struct RunPull {
    number: u64,
}

/// The target from flags and the environment; `env` looks a variable up (the process's own in
/// the program, a map in tests).
pub fn target(given: &Given, env: impl Fn(&str) -> Option<String>, lang: Lang) -> Result<Target, String> {
    let event = match env("GITHUB_EVENT_PATH").filter(|p| !p.is_empty()) {
        Some(path) => read_event(Path::new(&path), lang)?,
        None => Event::default(),
    };
    let repository = given.repository.clone().or_else(|| env("GITHUB_REPOSITORY")).ok_or_else(|| {
        lang.pick(
            "which repository? Set GITHUB_REPOSITORY or give --repo OWNER/NAME",
            "welke repository? Zet GITHUB_REPOSITORY of geef --repo EIGENAAR/NAAM",
        )
        .to_owned()
    })?;
    let (owner, repo) = split_repository(&repository).ok_or_else(|| {
        lang.pick(format!("`{repository}` is not OWNER/NAME"), format!("`{repository}` is niet EIGENAAR/NAAM"))
    })?;
    let pull = event.pull_request.as_ref();
    let run = event.workflow_run.as_ref();
    let number = given
        .number
        .or(pull.map(|p| p.number))
        .or(event.number)
        .or_else(|| run.and_then(|r| r.pull_requests.first()).map(|p| p.number))
        .ok_or_else(|| {
            lang.pick(
                "which pull request? Run in a pull_request workflow or give --pr NUMBER",
                "welk pull request? Draai in een pull_request-workflow of geef --pr NUMMER",
            )
            .to_owned()
        })?;
    let fork = pull.is_some_and(|p| {
        let name = |b: &Branch| b.repo.as_ref().map(|r| r.full_name.clone());
        name(&p.head) != name(&p.base)
    });
    let head_sha = pull.map(|p| p.head.sha.clone()).or_else(|| run.map(|r| r.head_sha.clone()));
    let api_url = given
        .api_url
        .clone()
        .or_else(|| env("GITHUB_API_URL"))
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "https://api.github.com".to_owned());
    Ok(Target { api_url, owner, repo, number, head_sha, fork })
}

/// `OWNER/NAME` as GitHub allows them: letters, digits, `-`, `_`, `.`; nothing that could turn
/// a route into another one.
fn split_repository(full: &str) -> Option<(String, String)> {
    let (owner, repo) = full.split_once('/')?;
    let fine = |s: &str| {
        !s.is_empty() && s != "." && s != ".." && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    };
    (fine(owner) && fine(repo)).then(|| (owner.to_owned(), repo.to_owned()))
}

fn read_event(path: &Path, lang: Lang) -> Result<Event, String> {
    let cannot = |why: String| {
        lang.pick(
            format!("cannot read the event file {}: {why}", path.display()),
            format!("kan het gebeurtenisbestand {} niet lezen: {why}", path.display()),
        )
    };
    let file = std::fs::File::open(path).map_err(|e| cannot(e.to_string()))?;
    let mut text = String::new();
    std::io::Read::read_to_string(&mut std::io::Read::take(file, MAX_EVENT_BYTES), &mut text)
        .map_err(|e| cannot(e.to_string()))?;
    serde_json::from_str(&text).map_err(|e| cannot(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repository_name_cannot_leave_its_route() {
        assert_eq!(split_repository("o/r.js"), Some(("o".into(), "r.js".into())));
        for bad in ["o", "o/r/x", "o/..", "/r", "o/r?x=1", "o/r#"] {
            assert_eq!(split_repository(bad), None, "{bad}");
        }
    }
}
