//! Fuzzes the whole path of one record file, as `toets check` takes it: read (size, encoding),
//! YAML, schema, the rules on the record and across records, and the human and JSON reports.
//!
//! Beyond "no panic" (libFuzzer reports any), it asserts what a reader of the reports relies on:
//! every finding points inside the file it names, the human report has no raw CR or NUL that
//! could redraw the terminal, and the JSON report parses.
//!
//! Run from `fuzz/` (see the README's "Fuzzing"):
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run check_file corpus/check_file ../registry ../tests/fixtures`

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use toets::config::Config;
use toets::error::ToolError;
use toets::finding::{Finding, Lang, Summary};
use toets::lines::Lines;
use toets::load::{self, Limits};
use toets::registry::Registry;
use toets::report::{Format, Report};
use toets::rules::Context;
use toets::source::Source;

/// The fuzzed file, and the real domain overview beside it so that the rules across records
/// have something to compare with.
const RECORD: &str = "registry/fuzz.yaml";
const OVERVIEW: &str = "registry/domains.yaml";
const OVERVIEW_TEXT: &str = include_str!("../../registry/domains.yaml");

/// A repository in memory: the real schemas, the overview and the fuzzed record.
struct Memory<'a> {
    record: &'a [u8],
}

impl Source for Memory<'_> {
    fn list(&self, dir: &str) -> Result<Vec<String>, ToolError> {
        Ok(if dir == "registry" { vec![OVERVIEW.to_owned(), RECORD.to_owned()] } else { Vec::new() })
    }

    fn read(&self, rel: &str, limits: &Limits, lang: Lang) -> Result<String, Finding> {
        match rel {
            RECORD => load::from_bytes(self.record.to_vec(), rel, limits, lang),
            OVERVIEW => Ok(OVERVIEW_TEXT.to_owned()),
            _ => Err(load::not_a_file(rel, lang)),
        }
    }

    fn config(&self, rel: &str) -> Result<Option<String>, ToolError> {
        Ok(match rel {
            "schemas/application.schema.json" => Some(include_str!("../../schemas/application.schema.json").into()),
            "schemas/domains.schema.json" => Some(include_str!("../../schemas/domains.schema.json").into()),
            _ => None,
        })
    }
}

/// The registry, opened once: compiling the schemas costs far more than checking one file.
fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        // One thread: a file at a time needs no pool, and libFuzzer's figures stay per core.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(1).build_global();
        let config = Config { main_domains: vec!["voorbeeldstad.nl".into()], ..Config::default() };
        let cx = Context {
            lang: Lang::En,
            today: jiff::civil::date(2026, 11, 29),
            main_domains: config.main_domains.clone(),
            thresholds: config.thresholds.clone(),
        };
        Registry::open(&Memory { record: b"" }, config, cx).expect("the real schemas open")
    })
}

/// Panics unless `line:column` lies inside `text`: a line it has, and at most one column past
/// that line's last character (where a finding about a missing end points).
fn assert_inside(text: &str, file: &str, line: usize, column: usize, what: &str) {
    let lines = Lines::new(text);
    let len = lines.line(line).map(|l| l.chars().count());
    assert!(
        len.is_some_and(|len| (1..=len + 1).contains(&column)),
        "{what} at {file}:{line}:{column}, outside the file ({} lines, that line {len:?} characters)",
        lines.count()
    );
}

fuzz_target!(|data: &[u8]| {
    let registry = registry();
    let source = Memory { record: data };
    let outcome = registry.check(&source, Some(&[RECORD.to_owned()])).expect("an in-memory check cannot fail");

    // The text that positions count in: as read, or for a file that is not UTF-8, as shown.
    let record = load::from_bytes(data.to_vec(), RECORD, &Limits::default(), Lang::En)
        .unwrap_or_else(|_| String::from_utf8_lossy(data).into_owned());
    let text_of = |file: &str| match file {
        RECORD => record.as_str(),
        OVERVIEW => OVERVIEW_TEXT,
        other => panic!("a finding names {other}, which the check never read"),
    };
    for f in &outcome.findings {
        assert_inside(text_of(&f.file), &f.file, f.line, f.column, f.rule);
        for r in &f.related {
            assert_inside(text_of(&r.file), &r.file, r.line, r.column, f.rule);
        }
    }

    let summary = Summary::of(outcome.files, &outcome.findings);
    let report = Report { findings: &outcome.findings, summary, sources: &outcome.sources, lang: Lang::En };
    for color in [false, true] {
        let mut human = Vec::new();
        Format::Human.renderer(color).render(&mut human, &report).expect("rendering to memory cannot fail");
        assert!(!human.contains(&b'\r') && !human.contains(&0), "the human report has a raw CR or NUL");
    }
    let mut json = Vec::new();
    Format::Json.renderer(false).render(&mut json, &report).expect("rendering to memory cannot fail");
    let parsed: serde_json::Value = serde_json::from_slice(&json).expect("the JSON report parses");
    assert_eq!(parsed["findings"].as_array().map(Vec::len), Some(outcome.findings.len()));
});
