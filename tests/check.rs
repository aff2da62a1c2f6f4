//! `toets check` on fixtures: one fixture per class of error, with the exact human and JSON
//! output as snapshots. Runs the real binary from the crate root.

use std::path::Path;
use std::process::Command;

/// Runs `toets --lang en check --color never [extra] <file>` from the crate root.
fn toets(file: &Path, extra: &[&str]) -> (i32, String) {
    let root = env!("CARGO_MANIFEST_DIR");
    let rel = file.strip_prefix(root).unwrap_or(file);
    let out = Command::new(env!("CARGO_BIN_EXE_toets"))
        .current_dir(root)
        .env("TOETS_TODAY", "2026-11-29")
        .env("TOETS_NO_CACHE", "1")
        .args(["--lang", "en", "check", "--color", "never"])
        .args(extra)
        .arg(rel)
        .output()
        .expect("toets runs");
    let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
    (out.status.code().unwrap_or(-1), stdout)
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/*/*.yaml", |path| {
        let (code, human) = toets(path, &[]);
        assert_eq!(code, 1, "every fixture has an error: {}", path.display());
        insta::assert_snapshot!("human", human);
        let (_, json) = toets(path, &["--format", "json"]);
        let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        insta::assert_json_snapshot!("json", value);
    });
}

#[test]
fn valid_record_has_no_findings() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid.yaml");
    let (code, human) = toets(&path, &[]);
    assert_eq!((code, human.as_str()), (0, "1 file checked: no findings.\n"));
}

#[test]
fn json_fields_are_exactly_the_finding_model() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema/wrong-enum.yaml");
    let (_, json) = toets(&path, &["--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let keys: Vec<&str> = value["findings"][0].as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(keys, ["rule", "severity", "file", "pointer", "line", "column", "message", "help"]);
    assert_eq!(value["summary"], serde_json::json!({"files": 1, "errors": 2, "warnings": 0, "waived": 0}));
}
