//! The human report (the default format, and the one CI prints) through the real binary, on files
//! that once broke it: a line too long for miette, a file with thousands of findings, and lines
//! that end in a lone CR. Each must give the same places as `--format json`.

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::Repo;

/// Longest a run may take before it counts as stalled (a debug build; the figures are in
/// `benches/check.sh`).
const DEADLINE: Duration = Duration::from_secs(30);

/// Runs `toets check --no-cache` with `args` in `repo`, killed when it stalls; its exit code and
/// stdout.
fn check(repo: &Repo, args: &[&str]) -> (i32, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_toets"))
        .current_dir(repo.path())
        .env("TOETS_TODAY", "2026-11-29")
        .env("NO_COLOR", "1")
        .args(["--lang", "en", "check", "--no-cache"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("toets runs");
    let out = common::finish_within(child, DEADLINE).unwrap_or_else(|e| panic!("toets check {args:?} {e}"));
    (out.status.code().expect("exit code, not a signal"), common::stdout(&out))
}

/// The (line, column) of every finding in `--format json`.
fn json_places(repo: &Repo, file: &str) -> Vec<(u64, u64)> {
    let (_, text) = check(repo, &["--format", "json", file]);
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let findings = value["findings"].as_array().expect("findings");
    findings.iter().map(|f| (f["line"].as_u64().expect("line"), f["column"].as_u64().expect("column"))).collect()
}

/// The line (from 1) of `file` that starts with `start`, counting lines as YAML does.
fn line_of(repo: &Repo, file: &str, start: &str) -> usize {
    let text = std::fs::read_to_string(repo.path().join(file)).expect("file");
    let lines: Vec<&str> = text.split("\r\n").flat_map(|l| l.split(['\r', '\n'])).collect();
    lines.iter().position(|l| l.starts_with(start)).expect("line") + 1
}

#[test]
fn a_place_past_column_65535_is_shown_in_a_window_of_its_line() {
    let repo = Repo::new();
    let file = "registry/x.yaml";
    repo.write(file, &format!("x: \"{}\" bad: 1\n", "a".repeat(65_536)));
    assert_eq!(json_places(&repo, file), [(1, 65_543)]);
    let (code, human) = check(&repo, &[file]);
    assert_eq!(code, 1);
    assert!(human.contains(&format!("[{file}:1:65543]")), "{human}");
    assert!(human.lines().all(|l| l.chars().count() < 260), "a line is shown whole:\n{human}");
    insta::assert_snapshot!(human);
}

#[test]
fn ten_thousand_findings_in_one_file_are_all_shown() {
    let repo = Repo::new();
    repo.record("afvalwijzer", |text| {
        text + &(1..=10_000).map(|n| format!("onbekend_{n:05}: {n}\n")).collect::<String>()
    });
    let (code, human) = check(&repo, &["registry/afvalwijzer.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(human.matches("is not a known field of a record").count(), 10_000);
    let last = human.rsplit("  × ").next().expect("a finding");
    let line = line_of(&repo, "registry/afvalwijzer.yaml", "onbekend_10000");
    assert!(last.contains(&format!("[registry/afvalwijzer.yaml:{line}:1]")), "{last}");
    assert!(last.contains(&format!("{line} │ onbekend_10000: 10000")), "{last}");
    assert!(human.ends_with("1 file checked: 10000 errors, 0 warnings.\n"), "{}", &human[human.len() - 200..]);
}

#[test]
fn a_lone_cr_ends_a_line_in_the_report_as_in_yaml() {
    let repo = Repo::new();
    repo.record("afvalwijzer", |text| text.replace('\n', "\r") + "bogus: 1\r");
    let file = "registry/afvalwijzer.yaml";
    let line = line_of(&repo, file, "bogus");
    assert_eq!(json_places(&repo, file), [(line as u64, 1)]);
    let (code, human) = check(&repo, &[file]);
    assert_eq!(code, 1);
    assert!(!human.contains('\r'), "a raw CR reaches the terminal:\n{human:?}");
    assert!(human.contains(&format!("[{file}:{line}:1]")), "{human}");
    insta::assert_snapshot!(human);
}

#[test]
fn the_encoding_check_counts_a_lone_cr_as_a_line_end() {
    let repo = Repo::new();
    let file = "registry/nul.yaml";
    repo.write(file, "schema_version: \"1\"\rid: nul\r\nname: a\0b\n");
    assert_eq!(json_places(&repo, file), [(3, 8)]);
    let (code, human) = check(&repo, &[file]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(human);
}
