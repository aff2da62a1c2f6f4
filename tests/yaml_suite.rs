//! The official YAML test suite against the loader: every case the suite marks `error` must end in
//! a `yaml-syntax` finding, and no other case may. Valid YAML that is not a valid record (several
//! documents, a root that is not a mapping, a tag, a repeated key) gets a finding of its own rule,
//! which is fine here; only the syntax verdict has to agree with the suite.
//!
//! Every case runs in this one test so that a failure lists all disagreements at once. The cases
//! are a copy in `tests/data/yaml-test-suite/` (origin, version and licence in its README.md), so
//! the test needs nothing outside the repository.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use toets::finding::Lang;
use toets::lines::Lines;
use toets::load::{self, Limits};

const SUITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/yaml-test-suite");

/// The copy's size (release data-2022-01-17): a case lost from it fails the test.
const CASES: usize = 402;
const ERROR_CASES: usize = 94;

/// Cases where saphyr's verdict differs from the suite's and our guard cannot correct it, each
/// with the reason. Keep this list as short as the parser allows.
const ALLOWED: &[(&str, &str)] = &[];

/// What the loader made of one case.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    /// At least one `yaml-syntax` finding.
    Syntax,
    /// Loaded, or refused under another rule (listed).
    NotSyntax(Vec<&'static str>),
    /// A finding at a place the file does not have.
    BadPosition(String),
    Panic(String),
}

struct Case {
    id: String,
    name: String,
    dir: PathBuf,
    error: bool,
}

/// Every case folder of the suite, sorted by id; fails when the suite is not there.
fn cases() -> Vec<Case> {
    let root = Path::new(SUITE);
    let entries = std::fs::read_dir(root).unwrap_or_else(|e| {
        panic!("the YAML test suite is missing at {} ({e}); it is part of the repository", root.display())
    });
    let mut cases: Vec<Case> = entries
        .map(|e| e.expect("readable suite folder entry").path())
        .filter(|dir| dir.join("in.yaml").is_file())
        .map(|dir| Case {
            id: dir.file_name().expect("case folder name").to_string_lossy().into_owned(),
            name: std::fs::read_to_string(dir.join("name")).unwrap_or_default().trim().to_owned(),
            error: dir.join("error").exists(),
            dir,
        })
        .collect();
    cases.sort_by(|a, b| a.id.cmp(&b.id));
    cases
}

/// Runs one case through the same path as a record on disk: `read` (encoding, BOM), then `parse`.
/// `None` when the file is not UTF-8 text, which `read` refuses before any YAML is parsed.
fn run(case: &Case) -> Option<Verdict> {
    let limits = Limits::default();
    let path = case.dir.join("in.yaml");
    let text = match load::read(&case.dir, &path, &case.id, &limits, Lang::En) {
        Ok(text) => text,
        Err(f) => {
            let bytes = std::fs::read(&path).expect("readable case file");
            if f.rule == "file-encoding" && std::str::from_utf8(&bytes).is_err() {
                return None;
            }
            return Some(Verdict::NotSyntax(vec![f.rule]));
        }
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| match load::parse(&text, &case.id, &limits, Lang::En) {
        Ok(_) => Verdict::NotSyntax(Vec::new()),
        Err(findings) => {
            let lines = Lines::new(&text);
            // Inside: a line the file has, at most one column past its last character.
            let inside = |line: usize, column: usize| {
                lines.line(line).is_some_and(|l| (1..=l.chars().count() + 1).contains(&column))
            };
            if let Some(f) = findings.iter().find(|f| !inside(f.line, f.column)) {
                Verdict::BadPosition(format!("{} at {}:{}", f.rule, f.line, f.column))
            } else if findings.iter().any(|f| f.rule == "yaml-syntax") {
                Verdict::Syntax
            } else {
                Verdict::NotSyntax(findings.iter().map(|f| f.rule).collect())
            }
        }
    }));
    Some(outcome.unwrap_or_else(|p| {
        let msg = p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default();
        Verdict::Panic(msg)
    }))
}

#[test]
fn syntax_verdicts_agree_with_the_suite() {
    let cases = cases();
    let (mut ran, mut errors, mut not_utf8) = (0, 0, Vec::new());
    let mut mismatches = Vec::new();
    let mut allowed_seen = Vec::new();
    for case in &cases {
        let Some(verdict) = run(case) else {
            not_utf8.push(case.id.clone());
            continue;
        };
        ran += 1;
        errors += usize::from(case.error);
        let agrees = match &verdict {
            Verdict::Syntax => case.error,
            Verdict::NotSyntax(_) => !case.error,
            Verdict::BadPosition(_) | Verdict::Panic(_) => false,
        };
        if agrees {
            continue;
        }
        let allowed = matches!(verdict, Verdict::Syntax | Verdict::NotSyntax(_));
        if allowed && ALLOWED.iter().any(|(id, _)| *id == case.id) {
            allowed_seen.push(case.id.clone());
            continue;
        }
        let expected = if case.error { "yaml-syntax" } else { "no yaml-syntax" };
        mismatches.push(format!("{} ({}): expected {expected}, got {verdict:?}", case.id, case.name));
    }
    eprintln!(
        "YAML test suite: {} cases found, {ran} run ({errors} marked error), {} skipped as not UTF-8 {:?}, \
         {} allowed disagreements {:?}, {} mismatches",
        cases.len(),
        not_utf8.len(),
        not_utf8,
        allowed_seen.len(),
        allowed_seen,
        mismatches.len()
    );
    let stale: Vec<&str> =
        ALLOWED.iter().map(|(id, _)| *id).filter(|id| !allowed_seen.iter().any(|s| s == id)).collect();
    assert_eq!(cases.len(), CASES, "cases found in {SUITE}");
    assert_eq!(not_utf8, Vec::<String>::new(), "every case of the copy is UTF-8");
    assert_eq!(errors, ERROR_CASES, "cases marked `error`");
    assert!(
        mismatches.is_empty(),
        "{} cases disagree with the YAML test suite:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    assert!(stale.is_empty(), "allow-list entries that now agree with the suite (remove them): {stale:?}");
}
