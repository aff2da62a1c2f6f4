//! The walk of `registry/` through the real binary: a folder it does not enter (a link) or cannot
//! read gets a finding of its own, and every other file is still checked; nothing is skipped
//! without a word.

#![cfg(unix)]

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::process::{Command, Output};

use common::Repo;

/// The findings as `rule file:line:column`, in report order.
fn places(out: &Output) -> Vec<String> {
    let json = common::json(out);
    let findings = json["findings"].as_array().expect("findings");
    findings
        .iter()
        .map(|f| {
            format!(
                "{} {}:{}:{}",
                f["rule"].as_str().unwrap_or("?"),
                f["file"].as_str().unwrap_or("?"),
                f["line"],
                f["column"]
            )
        })
        .collect()
}

#[test]
fn a_linked_folder_in_the_registry_is_reported_not_skipped() {
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| r);
    // Records elsewhere in the repository with errors: before, the link hid their errors.
    repo.record("kapot", |r| r.replace("kind: webapp", "kind: webshop"));
    std::fs::create_dir(repo.path().join("archief")).expect("archief");
    repo.rename("registry/kapot.yaml", "archief/kapot.yaml");
    std::os::unix::fs::symlink("../archief", repo.path().join("registry/sociaal")).expect("link inside");
    let outside = tempfile::tempdir().expect("outside");
    std::fs::write(outside.path().join("secret.yaml"), "password: hunter2\n").expect("secret");
    std::os::unix::fs::symlink(outside.path(), repo.path().join("registry/extern")).expect("link outside");
    let out = repo.toets(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(places(&out), ["symlink-to-folder registry/extern:1:1", "symlink-to-folder registry/sociaal:1:1"]);
    assert!(!common::stdout(&out).contains("hunter2"));
    let human = repo.toets(&["check"]);
    insta::assert_snapshot!(common::stdout(&human));
}

#[test]
fn a_linked_folder_in_a_commit_is_reported_not_skipped() {
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| r);
    repo.commit("base");
    repo.branch("link");
    std::os::unix::fs::symlink("../archief", repo.path().join("registry/sociaal")).expect("link");
    repo.commit("a linked folder");
    let out = repo.toets(&["pr", "--base", "main", "--head", "link", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", common::stdout(&out));
    let text = common::stdout(&out);
    assert!(text.contains("\"symlink-outside-repository\""), "{text}");
    assert!(text.contains("\"registry/sociaal\""), "{text}");
}

/// Runs toets as a user without rights on `000` folders: as the tests' own user, or when that is
/// root (which may read anything), as `nobody`.
fn toets_without_root(repo: &Repo, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_toets"));
    command.current_dir(repo.path()).env("TOETS_TODAY", "2026-11-29").env("NO_COLOR", "1");
    command.env("TOETS_NO_CACHE", "1").env_remove("GITHUB_BASE_REF").args(["--lang", "en"]).args(args);
    if std::fs::metadata(repo.path()).expect("repo").uid() == 0 {
        std::fs::set_permissions(repo.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod repo");
        command.uid(65534).gid(65534);
    }
    command.output().expect("toets runs")
}

#[test]
fn an_unreadable_folder_is_a_finding_and_the_rest_is_still_checked() {
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| r.replace("kind: webapp", "kind: webshop"));
    repo.record("parkeren", |r| r);
    std::fs::create_dir(repo.path().join("registry/sociaal")).expect("sociaal");
    repo.rename("registry/parkeren.yaml", "registry/sociaal/parkeren.yaml");
    let locked = repo.path().join("registry/sociaal");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");
    let out = toets_without_root(&repo, &["check", "--format", "json"]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    assert_eq!(out.status.code(), Some(1), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(places(&out), ["schema registry/afvalwijzer.yaml:6:7", "file-unreadable registry/sociaal:1:1"]);
    let json = common::json(&out);
    assert_eq!(
        json["findings"][1]["message"],
        "This folder cannot be read (Permission denied (os error 13)), so the records in it are not checked."
    );
}
