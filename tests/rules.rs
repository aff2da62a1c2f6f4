//! Policy rules on fixtures. Each rule has a folder `tests/fixtures/rules/<rule>/` with cases:
//! a case is a `.yaml` file (one record) or a folder of them (a small registry, for rules across
//! records; `domains.yaml` there is the domain overview). A case named `bad*` must produce a
//! finding of its rule, one named `ok*` must not. The full output of every case, in English, on
//! 2026-11-29, is a snapshot.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules");

/// A temporary repository with the real schemas, `toets.toml` and the case's files in
/// `registry/`.
fn repo(case: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.path().join("schemas")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("registry")).expect("mkdir");
    for name in ["application.schema.json", "domains.schema.json"] {
        std::fs::copy(root.join("schemas").join(name), dir.path().join("schemas").join(name)).expect("copy schema");
    }
    std::fs::write(dir.path().join("toets.toml"), "main_domains = [\"voorbeeldstad.nl\"]\n").expect("config");
    let files: Vec<PathBuf> = if case.is_dir() {
        std::fs::read_dir(case).expect("case folder").map(|e| e.expect("entry").path()).collect()
    } else {
        vec![case.to_path_buf()]
    };
    for file in files {
        let name = file.file_name().expect("file name");
        std::fs::copy(&file, dir.path().join("registry").join(name)).expect("copy case");
    }
    dir
}

/// Runs `toets check` in `root`, with its cache in `cache`.
fn run(root: &Path, cache: &Path, format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_toets"))
        .current_dir(root)
        .env("TOETS_TODAY", "2026-11-29")
        .env("TOETS_CACHE_DIR", cache)
        .env_remove("TOETS_NO_CACHE")
        .args(["--lang", "en", "check", "--color", "never", "--format", format])
        .output()
        .expect("toets runs");
    assert!(matches!(out.status.code(), Some(0 | 1)), "toets failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Every case of every rule, as (rule, case name, path).
fn cases() -> Vec<(String, String, PathBuf)> {
    let mut out = Vec::new();
    for rule in std::fs::read_dir(FIXTURES).expect("fixtures/rules") {
        let rule = rule.expect("entry").path();
        let name = rule.file_name().expect("name").to_string_lossy().into_owned();
        for case in std::fs::read_dir(&rule).expect("rule folder") {
            let case = case.expect("entry").path();
            let stem = case.file_stem().expect("name").to_string_lossy().into_owned();
            out.push((name.clone(), stem, case));
        }
    }
    out.sort();
    out
}

#[test]
fn every_case_fires_its_rule_or_not_as_named() {
    let mut wrong = Vec::new();
    for (rule, case, path) in cases() {
        let (dir, cache) = (repo(&path), tempfile::tempdir().expect("cache dir"));
        let report: serde_json::Value = serde_json::from_str(&run(dir.path(), cache.path(), "json")).expect("json");
        let fired = report["findings"].as_array().expect("findings").iter().any(|f| f["rule"] == rule.as_str());
        let expected = case.starts_with("bad");
        assert!(expected || case.starts_with("ok"), "{rule}/{case}: a case is named bad* or ok*");
        if fired != expected {
            wrong.push(format!("{rule}/{case}: expected the rule to {}fire", if expected { "" } else { "not " }));
        }
        // The first run left its results in the cache: the snapshot is of a run that reuses them
        // all, and so leaves the cache file as it was.
        let written = common::cache_file(cache.path());
        assert!(written.is_some(), "{rule}/{case}: no cache written");
        insta::assert_snapshot!(format!("{rule}__{case}"), run(dir.path(), cache.path(), "human"));
        assert_eq!(written, common::cache_file(cache.path()), "{rule}/{case}: the second run did not reuse the cache");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_policy_rule_has_a_bad_and_an_ok_case() {
    let cases = cases();
    let out =
        Command::new(env!("CARGO_BIN_EXE_toets")).args(["rules", "--format", "json"]).output().expect("toets runs");
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let load_rules = [
        "file-unreadable",
        "file-too-large",
        "file-encoding",
        "symlink-outside-repository",
        "symlink-to-folder",
        "schema",
    ];
    let mut missing = Vec::new();
    for rule in rules.as_array().expect("rules") {
        let name = rule["name"].as_str().expect("name");
        if load_rules.contains(&name) || name.starts_with("yaml-") {
            continue; // covered by tests/check.rs and tests/hostile.rs
        }
        if rule["runs"] == "change" {
            continue; // covered on real repositories by tests/pr_rules.rs
        }
        if rule["runs"] == "codeowners" || rule["runs"] == "github" {
            continue; // covered by tests/codeowners.rs and tests/codeowners_github.rs
        }
        for kind in ["bad", "ok"] {
            if !cases.iter().any(|(r, c, _)| r == name && c.starts_with(kind)) {
                missing.push(format!("{name}: no {kind}* case"));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
