//! `toets pr --github-review` and `toets post` against a fake GitHub (tests/fake_github), on
//! real repositories: the exact requests, idempotent re-runs, and every fault GitHub can give.
//! No test touches the network.

mod common;
mod fake_github;

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use common::Repo;
use fake_github::{FakeGitHub, Fault, Logged, NUMBER, OWNER, REPO, TOKEN};
use serde_json::{Value, json};

/// A repository with a valid record on `main` and a branch `feature` that switches HSTS off
/// (an error on a changed line).
fn with_error() -> (Repo, git2::Oid, git2::Oid) {
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| r);
    let base = repo.commit("base");
    repo.branch("feature");
    repo.record("afvalwijzer", no_hsts);
    let head = repo.commit("no hsts");
    (repo, base, head)
}

fn no_hsts(r: String) -> String {
    r.replace("https_hsts: true", "https_hsts: false")
}

fn no_sender(r: String) -> String {
    r.replace("sender_visible: true", "sender_visible: false")
}

/// The event of a `pull_request` workflow for pull request 7 at `head`, from a real payload.
fn event(dir: &Path, head: git2::Oid, fork: bool) -> std::path::PathBuf {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/github-api/events/pull_request.synchronize.json"
    ))
    .expect("event");
    let mut e: Value = serde_json::from_str(&text).expect("json");
    e["number"] = json!(NUMBER);
    e["pull_request"]["number"] = json!(NUMBER);
    e["pull_request"]["head"]["sha"] = json!(head.to_string());
    e["pull_request"]["base"]["repo"]["full_name"] = json!(format!("{OWNER}/{REPO}"));
    let head_repo = if fork { "a-fork/registry".to_owned() } else { format!("{OWNER}/{REPO}") };
    e["pull_request"]["head"]["repo"]["full_name"] = json!(head_repo);
    let path = dir.join("event.json");
    std::fs::write(&path, e.to_string()).expect("write event");
    path
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs the real binary with a workflow's environment pointed at `fake`.
fn run(repo: &Repo, fake: &FakeGitHub, event: &Path, args: &[&str]) -> Run {
    let summary = repo.path().join("step-summary.md");
    let out: Output = Command::new(env!("CARGO_BIN_EXE_toets"))
        .current_dir(repo.path())
        .env("TOETS_TODAY", "2026-11-29")
        .env("NO_COLOR", "1")
        .env("TOETS_NO_CACHE", "1")
        .env_remove("GITHUB_BASE_REF")
        .env("GITHUB_API_URL", fake.uri())
        .env("GITHUB_REPOSITORY", format!("{OWNER}/{REPO}"))
        .env("GITHUB_EVENT_PATH", event)
        .env("GITHUB_TOKEN", TOKEN)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["--lang", "en"])
        .args(args)
        .output()
        .expect("toets runs");
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stdout.contains(TOKEN) && !run.stderr.contains(TOKEN), "the token was shown");
    assert_eq!(fake.violations(), Vec::<String>::new(), "requests GitHub's description does not allow");
    run
}

fn review(repo: &Repo, fake: &FakeGitHub, head: git2::Oid) -> Run {
    let event = event(repo.path(), head, false);
    run(repo, fake, &event, &["pr", "--base", "main", "--head", "feature", "--github-review"])
}

/// One line per request: method, path and query, and what a write does.
fn lines(log: &[Logged]) -> Vec<String> {
    log.iter()
        .map(|l| {
            let query = if l.query.is_empty() { String::new() } else { format!("?{}", l.query) };
            let what = l.body.as_ref().map(what).unwrap_or_default();
            format!("{} {}{query}{what}", l.method, l.path)
        })
        .collect()
}

fn what(body: &Value) -> String {
    let mut parts = Vec::new();
    if let Some(e) = body["event"].as_str() {
        parts.push(format!("event={e}"));
    }
    if let Some(comments) = body["comments"].as_array() {
        let at: Vec<String> = comments
            .iter()
            .map(|c| format!("{}:{}:{}", c["path"].as_str().unwrap_or(""), c["line"], c["side"].as_str().unwrap_or("")))
            .collect();
        parts.push(format!("comments=[{}]", at.join(", ")));
    }
    if body["event"].is_null() {
        if let Some(b) = body["body"].as_str().or(body["message"].as_str()) {
            parts.push(format!("{:?}", b.lines().next().unwrap_or("")));
        }
    }
    if parts.is_empty() { String::new() } else { format!("  {}", parts.join(" ")) }
}

fn writes(log: &[Logged]) -> Vec<String> {
    lines(log).into_iter().filter(|l| !l.starts_with("GET ")).collect()
}

fn fake_for(repo: &Repo, base: git2::Oid, head: git2::Oid) -> FakeGitHub {
    FakeGitHub::start(&head.to_string(), fake_github::files_of(&repo.git, base, head))
}

#[test]
fn the_first_run_posts_one_review_with_the_finding_on_its_line_and_one_summary() {
    let (repo, base, head) = with_error();
    let fake = fake_for(&repo, base, head);
    let out = review(&repo, &fake, head);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    insta::assert_snapshot!("first_run_requests", lines(&fake.take_log()).join("\n"));
    let state = fake.state();
    assert_eq!(state.reviews.len(), 1);
    let posted = &state.reviews[0];
    assert_eq!(posted["state"], "CHANGES_REQUESTED");
    assert_eq!(posted["commit_id"], head.to_string());
    insta::assert_snapshot!("first_review_body", posted["body"].as_str().unwrap_or_default());
    let comment = state.comments.iter().find(|c| c["pull_request_review_id"] == posted["id"]).expect("a comment");
    insta::assert_snapshot!("first_comment_body", comment["body"].as_str().unwrap_or_default());
    assert_eq!(state.issue_comments.len(), 1);
    assert!(out.stderr.contains("posted a review with 1 comment(s) on lines"), "{}", out.stderr);
}

#[test]
fn a_rerun_with_nothing_new_writes_nothing() {
    let (repo, base, head) = with_error();
    let fake = fake_for(&repo, base, head);
    review(&repo, &fake, head);
    fake.take_log();
    let out = review(&repo, &fake, head);
    assert_eq!(out.code, Some(1));
    assert_eq!(writes(&fake.take_log()), Vec::<String>::new());
    assert!(out.stderr.contains("nothing new to post"), "{}", out.stderr);
    assert_eq!(fake.state().reviews.len(), 1);
}

/// The next push of the branch, with GitHub's diff of the whole pull request at its head.
fn push(repo: &Repo, fake: &FakeGitHub, base: git2::Oid, edit: impl Fn(String) -> String, message: &str) -> git2::Oid {
    repo.record("afvalwijzer", edit);
    let head = repo.commit(message);
    let mut s = fake.state();
    s.head_sha = head.to_string();
    s.files = fake_github::files_of(&repo.git, base, head);
    head
}

#[test]
fn a_push_that_fixes_one_finding_and_adds_another_deletes_one_comment_and_posts_one() {
    let (repo, base, head) = with_error();
    let fake = fake_for(&repo, base, head);
    review(&repo, &fake, head);
    let head = push(&repo, &fake, base, no_sender, "hsts on, sender hidden");
    fake.take_log();
    let out = review(&repo, &fake, head);
    // The new finding is a warning: no error is left.
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    insta::assert_snapshot!("fix_one_add_one_writes", writes(&fake.take_log()).join("\n"));
    let s = fake.state();
    let bodies: Vec<&str> = s.comments.iter().filter_map(|c| c["body"].as_str()).collect();
    assert_eq!(bodies.len(), 1, "one comment, not two: {bodies:?}");
    assert!(bodies[0].contains("sender"), "{}", bodies[0]);
}

#[test]
fn a_push_that_fixes_everything_dismisses_the_own_review_and_updates_the_summary() {
    let (repo, base, head) = with_error();
    let fake = fake_for(&repo, base, head);
    review(&repo, &fake, head);
    let head = push(&repo, &fake, base, |r| r, "hsts on again");
    fake.take_log();
    let out = review(&repo, &fake, head);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    insta::assert_snapshot!("fix_all_writes", writes(&fake.take_log()).join("\n"));
    let s = fake.state();
    assert_eq!(s.reviews[0]["state"], "DISMISSED");
    assert!(s.comments.is_empty());
    assert!(s.issue_comments[0]["body"].as_str().unwrap_or_default().contains("no findings"));
}

#[test]
fn a_comment_someone_replied_to_is_answered_not_deleted_and_only_once() {
    let (repo, base, head) = with_error();
    let fake = fake_for(&repo, base, head);
    review(&repo, &fake, head);
    let first = fake.state().comments[0]["id"].as_u64().expect("id");
    fake.reply_as_person(first, "Why is HSTS needed here?");
    let head = push(&repo, &fake, base, |r| r, "hsts on again");
    fake.take_log();
    review(&repo, &fake, head);
    let w = writes(&fake.take_log());
    assert!(
        w.iter().any(|l| l.starts_with(&format!("POST /repos/{OWNER}/{REPO}/pulls/{NUMBER}/comments/{first}/replies"))),
        "{w:?}"
    );
    assert!(!w.iter().any(|l| l.starts_with("DELETE")), "{w:?}");
    review(&repo, &fake, head);
    assert_eq!(writes(&fake.take_log()), Vec::<String>::new());
    assert_eq!(fake.state().comments.len(), 3);
}

fn reviews_posted(fake: &FakeGitHub) -> usize {
    fake.state().reviews.len()
}

#[test]
fn a_502_after_the_review_was_made_does_not_make_a_second_one() {
    let (repo, base, head) = with_error();
    let fake = fake_for(&repo, base, head);
    let mut fault = Fault::status("POST", "/reviews", 502);
    fault.carried_out = true;
    fake.state().faults.push_back(fault);
    let out = review(&repo, &fake, head);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(reviews_posted(&fake), 1);
    let posts: Vec<String> = writes(&fake.take_log()).into_iter().filter(|l| l.contains("/reviews")).collect();
    assert_eq!(posts.len(), 1, "the POST is not repeated once the review is found: {posts:?}");
}

#[test]
fn a_502_before_the_review_was_made_is_retried_once_it_is_known_to_be_missing() {
    let (repo, base, head) = with_error();
    let fake = fake_for(&repo, base, head);
    fake.state().faults.push_back(Fault::status("POST", "/reviews", 502));
    let out = review(&repo, &fake, head);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(reviews_posted(&fake), 1);
    let log = lines(&fake.take_log());
    let at = log.iter().position(|l| l.starts_with("POST") && l.contains("/reviews")).expect("post");
    assert!(log[at + 1].starts_with(&format!("GET /repos/{OWNER}/{REPO}/pulls/{NUMBER}/reviews")), "{log:?}");
    assert!(log[at + 2].starts_with("POST") && log[at + 2].contains("/reviews"), "{log:?}");
}

#[test]
fn a_secondary_rate_limit_waits_as_retry_after_says() {
    let (repo, base, head) = with_error();
    let fake = fake_for(&repo, base, head);
    let mut fault = Fault::status("POST", "/reviews", 403);
    fault.headers.push(("retry-after", "1".into()));
    fake.state().faults.push_back(fault);
    let started = std::time::Instant::now();
    let out = review(&repo, &fake, head);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(started.elapsed() >= Duration::from_secs(1), "it waited");
    assert_eq!(reviews_posted(&fake), 1);
}

#[test]
fn a_422_names_the_request_and_the_findings_become_annotations() {
    let (repo, base, head) = with_error();
    let fake = fake_for(&repo, base, head);
    fake.state().faults.push_back(Fault::status("POST", "/reviews", 422));
    let out = review(&repo, &fake, head);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "GitHub refused POST /repos/{OWNER}/{REPO}/pulls/{NUMBER}/reviews (422: Unprocessable Entity)"
        )),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("::error file=registry/afvalwijzer.yaml"), "{}", out.stdout);
}

#[test]
fn a_401_falls_back_to_annotations_and_the_step_summary_with_the_same_exit_code() {
    let (repo, base, head) = with_error();
    let fake = fake_for(&repo, base, head);
    fake.state().deny = Some(401);
    let out = review(&repo, &fake, head);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let said: Vec<&str> = out.stderr.lines().filter(|l| l.contains("no review posted")).collect();
    assert_eq!(said.len(), 1, "{}", out.stderr);
    assert!(said[0].contains("(401)"), "{}", said[0]);
    assert!(out.stdout.contains("::error file=registry/afvalwijzer.yaml"), "{}", out.stdout);
    let summary = std::fs::read_to_string(repo.path().join("step-summary.md")).expect("step summary");
    assert!(summary.contains("afvalwijzer"), "{summary}");
    assert_eq!(fake.state().log.len(), 1, "a denial is not retried");
}

#[test]
fn a_timeout_on_the_post_finds_the_review_it_made() {
    let (repo, base, head) = with_error();
    let fake = fake_for(&repo, base, head);
    let mut fault = Fault::status("POST", "/reviews", 200);
    fault.delay = Some(Duration::from_secs(3));
    fake.state().faults.push_back(fault);
    let event = event(repo.path(), head, false);
    let args = ["pr", "--base", "main", "--head", "feature", "--github-review", "--api-timeout", "1"];
    let out = run(&repo, &fake, &event, &args);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(reviews_posted(&fake), 1);
}

#[test]
fn a_forks_pull_request_gets_annotations_without_a_request() {
    let (repo, base, head) = with_error();
    let fake = fake_for(&repo, base, head);
    let event = event(repo.path(), head, true);
    let out = run(&repo, &fake, &event, &["pr", "--base", "main", "--head", "feature", "--github-review"]);
    assert_eq!(out.code, Some(1));
    assert!(fake.take_log().is_empty());
    assert!(out.stderr.contains("fork"), "{}", out.stderr);
    assert!(out.stdout.contains("::error file=registry/afvalwijzer.yaml"), "{}", out.stdout);
}

#[test]
fn toets_post_posts_a_saved_review_once_its_commit_is_the_pull_requests() {
    let (repo, base, head) = with_error();
    let fake = fake_for(&repo, base, head);
    let pr_event = event(repo.path(), head, true);
    let saved = repo.path().join("review.json");
    let out = run(&repo, &fake, &pr_event, &["pr", "--base", "main", "--head", "feature", "--output", "review.json"]);
    assert_eq!(out.code, Some(1));
    assert!(fake.take_log().is_empty());
    // The job that posts runs on `workflow_run`: a fork's run names no pull request.
    let mut run_event: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/github-api/events/workflow_run.completed.json"
        ))
        .expect("event"),
    )
    .expect("json");
    run_event["workflow_run"]["head_sha"] = json!(head.to_string());
    let run_path = repo.path().join("run.json");
    std::fs::write(&run_path, run_event.to_string()).expect("write");
    let out = run(&repo, &fake, &run_path, &["post", saved.to_str().expect("path")]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let log = lines(&fake.take_log());
    assert_eq!(log[0], format!("GET /repos/{OWNER}/{REPO}/pulls/{NUMBER}"));
    assert_eq!(reviews_posted(&fake), 1);

    // The same saved review after a new push is not posted on the new commit.
    let newer = push(&repo, &fake, base, no_sender, "newer");
    let out = run(&repo, &fake, &run_path, &["post", saved.to_str().expect("path")]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains(&format!("is at {newer}")), "{}", out.stderr);
    assert_eq!(writes(&fake.take_log()), Vec::<String>::new());
}

#[test]
fn every_page_of_a_long_list_is_read() {
    let (repo, base, head) = with_error();
    let fake = fake_for(&repo, base, head);
    {
        let mut s = fake.state();
        for i in 0..150 {
            let mut c = fake_github::template("/repos/{owner}/{repo}/issues/{issue_number}/comments", "post", "201");
            c["id"] = json!(i + 1);
            c["body"] = json!(format!("comment {i}"));
            c["user"] = fake_github::user("User");
            s.issue_comments.push(c);
        }
    }
    review(&repo, &fake, head);
    let first = review(&repo, &fake, head);
    assert!(first.stderr.contains("summary unchanged"), "{}", first.stderr);
    let log = lines(&fake.take_log());
    let pages: Vec<&String> = log.iter().filter(|l| l.contains("/issues/7/comments?")).collect();
    assert_eq!(pages.len(), 4, "two pages on each run: {pages:?}");
    assert_eq!(fake.state().issue_comments.len(), 151);
}

#[test]
fn at_most_thirty_comments_on_lines_and_the_rest_in_the_body() {
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| r);
    let base = repo.commit("base");
    repo.branch("feature");
    for i in 0..35 {
        repo.record(&format!("app-{i:02}"), no_hsts);
    }
    let head = repo.commit("35 new records");
    let fake = fake_for(&repo, base, head);
    review(&repo, &fake, head);
    let s = fake.state();
    assert_eq!(s.reviews.len(), 1);
    assert_eq!(s.comments.len(), 30);
    let body = s.reviews[0]["body"].as_str().unwrap_or_default();
    let listed = body.split("<details>").next().unwrap_or_default();
    assert_eq!(listed.matches("(`https-hsts-missing`)").count(), 5, "{body}");
}

/// A repository whose CODEOWNERS gives everything to the CIO, for `toets codeowners --github`.
fn owned() -> Repo {
    let repo = Repo::new();
    repo.write("toets.toml", "main_domains = [\"voorbeeldstad.nl\"]\ncio_team = \"@voorbeeldstad/cio\"\n");
    repo.write("CODEOWNERS", "* @voorbeeldstad/cio\n");
    repo.record("afvalwijzer", |r| r);
    repo.commit("base");
    repo
}

fn codeowners(repo: &Repo, fake: &FakeGitHub) -> (Run, Vec<String>) {
    let event = repo.path().join("no-event.json");
    std::fs::write(&event, "{}").expect("write");
    let out = run(repo, fake, &event, &["codeowners", "--github", "--format", "json"]);
    let findings: Value = serde_json::from_str(&out.stdout).unwrap_or(Value::Null);
    let found = findings["findings"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|f| {
                    format!(
                        "{} {} {}:{} {}",
                        f["rule"].as_str().unwrap_or(""),
                        f["file"].as_str().unwrap_or(""),
                        f["line"],
                        f["column"],
                        f["message"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    (out, found)
}

#[test]
fn codeowners_online_reads_githubs_errors_protection_and_rulesets() {
    let repo = owned();
    let fake = FakeGitHub::start("0".repeat(40).as_str(), Vec::new());
    // The description's own examples: two errors in CODEOWNERS, a protection that requires a
    // code owner's review with people allowed to bypass it.
    let (out, found) = codeowners(&repo, &fake);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    insta::assert_snapshot!("codeowners_online_examples", found.join("\n"));
    insta::assert_snapshot!("codeowners_online_requests", lines(&fake.take_log()).join("\n"));
}

#[test]
fn codeowners_online_says_what_it_could_not_read_and_claims_nothing_about_it() {
    let repo = owned();
    let fake = FakeGitHub::start("0".repeat(40).as_str(), Vec::new());
    fake.state().faults.push_back(Fault::status("GET", "/protection", 403));
    fake.state().canned.insert("/repos/{owner}/{repo}/codeowners/errors", (200, json!({"errors": []})));
    let (out, found) = codeowners(&repo, &fake);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(found, Vec::<String>::new());
    assert!(
        out.stderr.contains(&format!(
            "Branch protection not checked: GitHub refused GET /repos/{OWNER}/{REPO}/branches/master/protection (403)"
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn codeowners_online_finds_a_ruleset_that_others_may_bypass() {
    let repo = owned();
    let fake = FakeGitHub::start("0".repeat(40).as_str(), Vec::new());
    {
        let mut s = fake.state();
        s.canned.insert("/repos/{owner}/{repo}/codeowners/errors", (200, json!({"errors": []})));
        s.canned.insert(
            "/repos/{owner}/{repo}/branches/{branch}/protection",
            (404, json!({"message": "Branch not protected", "documentation_url": ""})),
        );
        let rule = json!({
            "type": "pull_request", "ruleset_source_type": "Repository", "ruleset_source": "voorbeeldstad/registry", "ruleset_id": 42,
            "parameters": {"require_code_owner_review": true, "dismiss_stale_reviews_on_push": true, "require_last_push_approval": true,
                           "required_approving_review_count": 1, "required_review_thread_resolution": false}
        });
        s.canned.insert("/repos/{owner}/{repo}/rules/branches/{branch}", (200, json!([rule])));
    }
    let (out, found) = codeowners(&repo, &fake);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    insta::assert_snapshot!("codeowners_online_bypass", found.join("\n"));
    let log = lines(&fake.take_log());
    assert_eq!(log.last().map(String::as_str), Some(format!("GET /repos/{OWNER}/{REPO}/rulesets/42").as_str()));
}
