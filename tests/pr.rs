//! `toets pr` on real repositories built with git2: the change list, the marking of findings and
//! the failure modes of real clones.

mod common;

use common::{json, Repo};

/// A repository with one valid record on `main`, and a branch `feature` checked out.
fn with_feature() -> Repo {
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| r);
    repo.commit("base");
    repo.branch("feature");
    repo
}

#[test]
fn a_changed_field_is_listed_and_its_finding_is_in_the_change() {
    let repo = with_feature();
    repo.record("afvalwijzer", |r| r.replace("  status: live\n", "  status: deprecated\n").replace("https_hsts: true", "https_hsts: false"));
    repo.commit("change");
    let out = repo.toets(&["pr", "--base", "main", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let review = json(&out);
    assert_eq!(review["records"][0]["kind"], "modified");
    assert_eq!(
        review["records"][0]["fields"],
        serde_json::json!([
            {"kind": "changed", "field": "lifecycle.status", "old": "live", "new": "deprecated"},
            {"kind": "changed", "field": "standards.https_hsts", "old": "true", "new": "false"}
        ])
    );
    let findings: Vec<(&str, &str)> = review["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| (f["rule"].as_str().unwrap_or(""), f["scope"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(findings, [("https-hsts-missing", "in_change")]);
}

#[test]
fn the_work_tree_is_not_read() {
    let repo = with_feature();
    repo.record("afvalwijzer", |r| r.replace("https_hsts: true", "https_hsts: false"));
    // Not committed: `toets pr` compares commits.
    let out = repo.toets(&["pr", "--base", "main", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stdout(&out));
    assert_eq!(json(&out)["records"], serde_json::json!([]));
}

#[test]
fn a_missing_base_names_the_fix() {
    let repo = with_feature();
    let out = repo.toets(&["pr", "--base", "no-such-branch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-branch"));
}
