//! The command line's contract: exit codes, configuration errors, `toets new`.

use std::path::Path;
use std::process::{Command, Output};

fn toets(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_toets"))
        .current_dir(root)
        .env("TOETS_TODAY", "2026-11-29")
        .env("TOETS_NO_CACHE", "1")
        .args(args)
        .output()
        .expect("toets runs")
}

/// A repository with the real schemas and an empty registry.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    std::fs::create_dir_all(dir.path().join("schemas")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("registry")).expect("mkdir");
    for name in ["application.schema.json", "domains.schema.json"] {
        std::fs::copy(schemas.join(name), dir.path().join("schemas").join(name)).expect("copy schema");
    }
    std::fs::create_dir(dir.path().join(".git")).expect("mark root");
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn unknown_config_key_is_a_usage_failure_with_line_and_column() {
    let dir = repo();
    std::fs::write(dir.path().join("toets.toml"), "lang = \"nl\"\nregistry_dir = \"x\"\n").expect("write");
    let out = toets(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("toets.toml:2:1: the configuration is not valid: unknown field"), "{stderr}");
    assert!(stderr.contains("`registry_dir`"), "{stderr}");
}

#[test]
fn missing_schema_is_a_tool_failure() {
    let dir = repo();
    std::fs::remove_file(dir.path().join("schemas/application.schema.json")).expect("rm");
    let out = toets(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("application.schema.json cannot be used"), "{}", text(&out.stderr));
}

#[test]
fn unknown_argument_is_a_usage_failure() {
    let out = toets(Path::new(env!("CARGO_MANIFEST_DIR")), &["check", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn empty_registry_passes() {
    let dir = repo();
    let out = toets(dir.path(), &["check"]);
    assert_eq!((out.status.code(), text(&out.stdout).as_str()), (Some(0), "0 files checked: no findings.\n"));
}

#[test]
fn new_writes_a_template_that_check_lists_as_still_to_fill_in() {
    let dir = repo();
    let out = toets(dir.path(), &["new", "afvalwijzer"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let template = std::fs::read_to_string(dir.path().join("registry/afvalwijzer.yaml")).expect("written");
    assert!(template.starts_with("# yaml-language-server: $schema=../schemas/application.schema.json\n"));
    assert!(template.contains("\nid: \"afvalwijzer\"\n"));

    let out = toets(dir.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let pointers: Vec<&str> =
        report["findings"].as_array().expect("findings").iter().map(|f| f["pointer"].as_str().unwrap_or("?")).collect();
    assert_eq!(
        pointers,
        [
            "/name",
            "/description",
            "/kind",
            "/owner/department",
            "/owner/email",
            "/contacts/0/name",
            "/contacts/0/email",
            "/contacts/0/role",
            "/platform",
            "/need/problem",
            "/need/audiences",
            "/costs/development_eur",
            "/costs/management_eur_per_year",
            "/domains",
            "/privacy/processes_personal_data",
            "/security/bio_version",
            "/security/hosting/provider",
            "/security/hosting/location",
            "/security/hosting/by",
            "/authentication/0/means",
            "/standards/https_hsts",
            "/standards/security_txt",
            "/last_reviewed",
        ]
    );
    assert!(
        report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|f| f["message"].as_str().is_some_and(|m| m.ends_with("is still empty: fill it in.")))
    );
}

#[test]
fn new_refuses_a_bad_id_and_an_existing_file() {
    let dir = repo();
    assert_eq!(toets(dir.path(), &["new", "Afval Wijzer"]).status.code(), Some(2));
    assert_eq!(toets(dir.path(), &["new", "afval"]).status.code(), Some(0));
    let refused = toets(dir.path(), &["new", "afval"]);
    assert_eq!(refused.status.code(), Some(2));
    let said = text(&refused.stderr).replace('│', " ").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains(
            "registry/afval.yaml exists already: a file of 84 lines. Choose another id, or change that record."
        ),
        "{said}"
    );
    std::fs::write(dir.path().join("registry/afval.yaml"), "name: Afvalwijzer\nlifecycle:\n  status: live\n")
        .expect("write");
    let forced = toets(dir.path(), &["new", "afval", "--force"]);
    assert_eq!(forced.status.code(), Some(0));
    let said = text(&forced.stdout);
    assert!(said.starts_with("Replaced registry/afval.yaml, which held the record of Afvalwijzer (status: live), 3 lines, with an empty template"), "{said}");
}

#[test]
fn dutch_messages_from_config() {
    let dir = repo();
    std::fs::write(dir.path().join("toets.toml"), "lang = \"nl\"\n").expect("write");
    assert_eq!(toets(dir.path(), &["new", "afval"]).status.code(), Some(0));
    let out = toets(dir.path(), &["check", "--color", "never"]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("× `name` (Naam) is nog leeg: vul het in."), "{stdout}");
    assert!(stdout.ends_with("1 bestand gecontroleerd: 23 fouten, 0 waarschuwingen.\n"), "{stdout}");
}

#[test]
fn readme_lists_every_rule() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let out = toets(Path::new(env!("CARGO_MANIFEST_DIR")), &["rules", "--format", "json"]);
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    for rule in rules.as_array().expect("list") {
        let name = rule["name"].as_str().expect("name");
        assert!(readme.contains(&format!("| `{name}` |")), "README does not list {name}");
    }
}

#[test]
fn explain_prints_the_rule_file_explanation_in_each_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let en = text(&toets(root, &["--lang", "en", "explain", "cio-approval-missing"]).stdout);
    assert!(en.starts_with("cio-approval-missing\n\n## What it checks\n"), "{en}");
    let nl = text(&toets(root, &["--lang", "nl", "explain", "cio-approval-missing"]).stdout);
    assert!(nl.starts_with("cio-approval-missing\n\n## Wat het controleert\n"), "{nl}");
    assert_eq!(toets(root, &["explain", "no-such-rule"]).status.code(), Some(2));
}

#[test]
fn rules_config_turns_a_rule_off_or_into_a_warning() {
    let dir = repo();
    let record = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid.yaml"))
        .expect("fixture")
        .replace("last_reviewed: 2026-06-01", "last_reviewed: 2024-06-01");
    std::fs::write(dir.path().join("registry/valid.yaml"), record).expect("write");
    let rules_of = |out: &Output| -> Vec<(String, String)> {
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| (f["rule"].as_str().unwrap_or("").to_owned(), f["severity"].as_str().unwrap_or("").to_owned()))
            .collect()
    };
    let out = toets(dir.path(), &["check", "--format", "json"]);
    assert_eq!((out.status.code(), rules_of(&out)), (Some(0), vec![("review-outdated".into(), "warning".into())]));
    let out = toets(dir.path(), &["check", "--format", "json", "--fail-level", "warning"]);
    assert_eq!(out.status.code(), Some(1));

    std::fs::write(dir.path().join("toets.toml"), "[rules]\nreview-outdated = \"error\"\n").expect("config");
    let out = toets(dir.path(), &["check", "--format", "json"]);
    assert_eq!((out.status.code(), rules_of(&out)), (Some(1), vec![("review-outdated".into(), "error".into())]));

    std::fs::write(dir.path().join("toets.toml"), "[rules]\nreview-outdated = \"off\"\n").expect("config");
    let out = toets(dir.path(), &["check", "--format", "json"]);
    assert_eq!((out.status.code(), rules_of(&out)), (Some(0), vec![]));

    std::fs::write(dir.path().join("toets.toml"), "[rules]\nreview-outdatd = \"off\"\n").expect("config");
    assert_eq!(toets(dir.path(), &["check"]).status.code(), Some(2));
    std::fs::write(dir.path().join("toets.toml"), "[rules]\nyaml-syntax = \"off\"\n").expect("config");
    assert_eq!(toets(dir.path(), &["check"]).status.code(), Some(2));
}

#[test]
fn today_comes_from_the_flag_or_the_environment() {
    let dir = repo();
    let record =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid.yaml")).expect("fixture");
    std::fs::write(dir.path().join("registry/valid.yaml"), record).expect("write");
    // valid.yaml's BIO2 risk analysis is of 2026-03-01: twelve months and a day later it is too old.
    let fresh = toets(dir.path(), &["--today", "2027-03-01", "check"]);
    assert_eq!(fresh.status.code(), Some(0), "{}", text(&fresh.stdout));
    let late = toets(dir.path(), &["--today", "2027-03-02", "check", "--format", "json"]);
    assert!(text(&late.stdout).contains("\"rule\": \"bio-classification-missing\""), "{}", text(&late.stdout));
    assert_eq!(toets(dir.path(), &["--today", "2027-13-01", "check"]).status.code(), Some(2));
}

#[test]
fn a_file_named_through_the_root_or_dot_dot_is_one_record() {
    let dir = repo();
    let record =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid.yaml")).expect("fixture");
    std::fs::write(dir.path().join("registry/valid.yaml"), record).expect("write");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    for (cwd, args) in [
        (dir.path().to_path_buf(), vec!["-C", ".", "check", "registry/valid.yaml"]),
        (dir.path().join("sub"), vec!["-C", "..", "check", "../registry/valid.yaml"]),
        (dir.path().join("sub"), vec!["check", "./../registry/./valid.yaml"]),
    ] {
        let out = toets(&cwd, &args);
        assert_eq!(
            (out.status.code(), text(&out.stdout).as_str()),
            (Some(0), "1 file checked: no findings.\n"),
            "{args:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn new_does_not_write_through_a_link() {
    let dir = repo();
    let outside = tempfile::tempdir().expect("temp dir");
    let target = outside.path().join("written.yaml");
    std::os::unix::fs::symlink(&target, dir.path().join("registry/afval.yaml")).expect("symlink");
    assert_eq!(toets(dir.path(), &["new", "afval", "--force"]).status.code(), Some(2));
    assert!(!target.exists(), "toets wrote through the link");
}
