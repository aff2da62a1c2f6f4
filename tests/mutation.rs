//! Mutated records through the real binary: the records of `registry/`, changed by a fixed-seed
//! generator (flipped bits, hostile snippets, duplicated lines, cut ends, other line breaks), must
//! each end in a clean report. For every case, in both formats: exit code 0 or 1 (never a panic,
//! a usage error or a signal), within [`DEADLINE`]; the JSON report parses, counts the files and
//! decides the exit code, and every place it names lies inside the file it names; the human report
//! has no raw CR or NUL that could redraw the terminal.
//!
//! The cases run in groups of [`GROUP`] files per run to keep the test fast; a failure that the
//! report does not tie to one file is looked for again with each case of the group alone. The
//! seed fixes every case, so a failure names a case that fails the same way on every machine.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use toets::finding::Lang;
use toets::lines::Lines;
use toets::load::{self, Limits};

const SEED: u64 = 0x7065_7374_2026_1201;
const CASES: usize = 300;
const GROUP: usize = 15;
/// Longest one run may take; a run that needs longer hangs, and is killed.
const DEADLINE: Duration = Duration::from_secs(10);
const OVERVIEW: &str = "registry/domains.yaml";

/// xorshift64: tiny, and the same sequence everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// What the mutations insert, by name: what YAML, the loader and the terminal find hardest.
fn snippets() -> Vec<(&'static str, Vec<u8>)> {
    let keys: String = (0..5_000).map(|i| format!("k{i}: {i}\n")).collect();
    let laughs: String = (1..12).map(|i| format!("l{i}: &l{i} [*l{p}, *l{p}, *l{p}]\n", p = i - 1)).collect::<String>();
    vec![
        ("a lone CR", b"\r".to_vec()),
        ("CR LF", b"\r\n".to_vec()),
        ("a 70,000-character line", format!("lang: {}\n", "x".repeat(70_000)).into_bytes()),
        ("NUL", b"\0".to_vec()),
        ("an invalid UTF-8 byte", b"\xff".to_vec()),
        ("a cut UTF-8 character", b"\xc3".to_vec()),
        ("a UTF-16 surrogate in UTF-8", b"\xed\xa0\x80".to_vec()),
        ("deep flow nesting", "[".repeat(10_000).into_bytes()),
        ("deep block nesting", (0..200).map(|i| format!("{}- \n", " ".repeat(i * 2))).collect::<String>().into_bytes()),
        ("an anchor", b"&a ".to_vec()),
        ("an alias", b"*a".to_vec()),
        ("an anchored value and its alias", b"x: &a [1, 2]\ny: *a\n".to_vec()),
        ("a merge key", b"<<: *a\n".to_vec()),
        ("alias expansion", format!("l0: &l0 [x]\n{laughs}").into_bytes()),
        ("a local tag", b"!x ".to_vec()),
        ("a core tag", b"!!binary ".to_vec()),
        ("a verbatim tag", b"!<tag:yaml.org,2002:str> ".to_vec()),
        ("a duplicate top-level key", b"id: again\n".to_vec()),
        ("U+202E", "\u{202E}".as_bytes().to_vec()),
        ("a zero-width space", "\u{200B}".as_bytes().to_vec()),
        ("a BOM", "\u{FEFF}".as_bytes().to_vec()),
        ("an escaped control character", b"\"\\u202e\\x00\\e\"".to_vec()),
        ("an ESC sequence", b"\x1b[2J\x1b]0;x\x07".to_vec()),
        ("a tab", b"\t".to_vec()),
        ("tab indentation", b"owner:\n\tdepartment: x\n".to_vec()),
        ("5,000 keys", keys.into_bytes()),
        ("a second document", b"---\n".to_vec()),
        ("a document end", b"...\n".to_vec()),
        ("a directive", b"%YAML 1.2\n".to_vec()),
        ("an explicit key", b"? [a, b]\n: c\n".to_vec()),
        ("an unclosed quote", b"\"".to_vec()),
        ("a block scalar header", b"|+9\n".to_vec()),
        ("a colon", b": ".to_vec()),
        ("a sequence entry", b"- ".to_vec()),
    ]
}

/// One mutated record: its file and bytes, and what was done, to name it by.
struct Case {
    file: String,
    bytes: Vec<u8>,
    what: String,
}

/// Case `n` from `base` (name and bytes): one snippet chosen by `n`, so that each is used, then up
/// to two more changes chosen by the generator.
fn mutate(n: usize, base: &(String, Vec<u8>), snippets: &[(&'static str, Vec<u8>)], rng: &mut Rng) -> Case {
    let mut bytes = base.1.clone();
    let mut done = Vec::new();
    let first = n % snippets.len();
    let extra = rng.below(3);
    for step in 0..=extra {
        let kind = if step == 0 { 0 } else { rng.below(6) };
        // Line starts matter to YAML: every other insertion lands on one.
        let line_starts: Vec<usize> =
            std::iter::once(0).chain(bytes.iter().enumerate().filter(|b| *b.1 == b'\n').map(|b| b.0 + 1)).collect();
        let at = rng.below(bytes.len() + 1);
        match kind {
            0 | 1 => {
                let (name, snippet) = if step == 0 { &snippets[first] } else { &snippets[rng.below(snippets.len())] };
                let at = if rng.below(2) == 0 { line_starts[rng.below(line_starts.len())] } else { at };
                bytes.splice(at..at, snippet.iter().copied());
                done.push(format!("{name} at byte {at}"));
            }
            2 if !bytes.is_empty() => {
                let (at, bit) = (at.min(bytes.len() - 1), rng.below(8));
                bytes[at] ^= 1 << bit;
                done.push(format!("bit {bit} of byte {at} flipped"));
            }
            3 => {
                let line = rng.below(line_starts.len());
                let (start, end) = (line_starts[line], line_starts.get(line + 1).copied().unwrap_or(bytes.len()));
                let copy = bytes[start..end].to_vec();
                bytes.splice(end..end, copy);
                done.push(format!("line {} repeated", line + 1));
            }
            4 => {
                let len = rng.below(64).min(bytes.len() - at);
                bytes.drain(at..at + len);
                done.push(format!("{len} bytes cut at byte {at}"));
            }
            _ => {
                let (end, name): (&[u8], _) = if rng.below(2) == 0 { (b"\r", "CR") } else { (b"\r\n", "CR LF") };
                bytes = bytes.split(|b| *b == b'\n').collect::<Vec<_>>().join(end);
                done.push(format!("every line ending {name}"));
            }
        }
    }
    let file = format!("registry/m{n:03}-{}", base.0);
    Case { what: format!("case {n} ({file}: {})", done.join("; ")), file, bytes }
}

/// The records of `registry/` (not the overview), sorted, as (file name, bytes).
fn records() -> Vec<(String, Vec<u8>)> {
    let dir = common::crate_root().join("registry");
    let mut records: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("registry folder")
        .map(|e| e.expect("registry entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml") && !p.ends_with("domains.yaml"))
        .map(|p| (p.file_name().expect("name").to_string_lossy().into_owned(), std::fs::read(&p).expect("record")))
        .collect();
    records.sort();
    records
}

/// How a run ended, when it did within the deadline.
fn run(dir: &Path, args: &[&str]) -> Result<Output, String> {
    let child = Command::new(env!("CARGO_BIN_EXE_toets"))
        .current_dir(dir)
        .env("TOETS_TODAY", "2026-11-29")
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_BASE_REF")
        .args(["--lang", "en", "check", "--no-cache"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start toets");
    let out = common::finish_within(child, DEADLINE)?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0 | 1) if !stderr.contains("panicked") => Ok(out),
        Some(code) => Err(format!("exit code {code}, stderr:\n{stderr}")),
        None => Err(format!("ended by a signal ({}), stderr:\n{stderr}", out.status)),
    }
}

/// Where `line:column` of `file` lies outside its text, if it does (up to one column past the end
/// of a line is inside: a finding about what is missing there points at it).
fn outside(texts: &[(&str, String)], file: &str, line: u64, column: u64) -> Option<String> {
    let Some((_, text)) = texts.iter().find(|t| t.0 == file) else {
        return Some(format!("{file}:{line}:{column} names a file that was not checked"));
    };
    let lines = Lines::new(text);
    let len = usize::try_from(line).ok().and_then(|l| lines.line(l)).map(|l| l.chars().count() as u64);
    match len {
        Some(len) if (1..=len + 1).contains(&column) => None,
        _ => Some(format!(
            "{file}:{line}:{column} lies outside the file ({} lines, that one {len:?} long)",
            lines.count()
        )),
    }
}

/// Checks `cases` together in a fresh repository with the real overview. Returns each problem,
/// naming its case where the report ties it to one file.
fn check(cases: &[&Case]) -> Vec<String> {
    let repo = common::Repo::new();
    std::fs::copy(common::crate_root().join(OVERVIEW), repo.path().join(OVERVIEW)).expect("overview");
    for case in cases {
        std::fs::write(repo.path().join(&case.file), &case.bytes).expect("write case");
    }
    let files: Vec<&str> = cases.iter().map(|c| c.file.as_str()).collect();
    let names = || cases.iter().map(|c| format!("\n  {}", c.what)).collect::<String>();
    let mut problems = Vec::new();

    // The texts that positions count in: as read, or for a file that is not UTF-8, as shown.
    let mut texts: Vec<(&str, String)> = cases
        .iter()
        .map(|c| {
            let text = load::from_bytes(c.bytes.clone(), &c.file, &Limits::default(), Lang::En)
                .unwrap_or_else(|_| String::from_utf8_lossy(&c.bytes).into_owned());
            (c.file.as_str(), text)
        })
        .collect();
    texts.push((OVERVIEW, std::fs::read_to_string(repo.path().join(OVERVIEW)).expect("overview")));
    match run(repo.path(), &[&["--format", "json"][..], &files[..]].concat()) {
        Err(e) => problems.push(format!("--format json: {e}{}", names())),
        Ok(out) => {
            let json: Value = match serde_json::from_slice(&out.stdout) {
                Ok(json) => json,
                Err(e) => return vec![format!("--format json printed no JSON ({e}){}", names())],
            };
            let errors = json["summary"]["errors"].as_u64();
            if json["summary"]["files"].as_u64() != Some(cases.len() as u64) {
                problems.push(format!("summary {} for {} files{}", json["summary"], cases.len(), names()));
            }
            if out.status.code() != Some(i32::from(errors > Some(0))) {
                problems.push(format!("exit code {:?} with {errors:?} errors{}", out.status.code(), names()));
            }
            let findings = json["findings"].as_array().cloned().unwrap_or_default();
            for f in &findings {
                let places = std::iter::once(f).chain(f["related"].as_array().into_iter().flatten());
                for p in places {
                    let (file, line, column) = (
                        p["file"].as_str().unwrap_or(""),
                        p["line"].as_u64().unwrap_or(0),
                        p["column"].as_u64().unwrap_or(0),
                    );
                    if let Some(why) = outside(&texts, file, line, column) {
                        let case = cases.iter().find(|c| c.file == f["file"]).map_or("", |c| c.what.as_str());
                        problems.push(format!("{case}: finding {} {why}", f["rule"]));
                    }
                }
            }
        }
    }
    match run(repo.path(), &files) {
        Err(e) => problems.push(format!("human format: {e}{}", names())),
        Ok(out) => {
            if out.stdout.contains(&b'\r') || out.stdout.contains(&0) {
                problems.push(format!("the human report has a raw CR or NUL{}", names()));
            }
            let summary = format!("{} file{} checked", cases.len(), if cases.len() == 1 { "" } else { "s" });
            if !String::from_utf8_lossy(&out.stdout).contains(&summary) {
                problems.push(format!("the human report lacks `{summary}`{}", names()));
            }
        }
    }
    problems
}

#[test]
fn mutated_records_end_in_clean_reports() {
    let (records, snippets) = (records(), snippets());
    assert_eq!(records.len(), 15, "records in registry/");
    let mut rng = Rng(SEED);
    let cases: Vec<Case> = (0..CASES).map(|n| mutate(n, &records[n % records.len()], &snippets, &mut rng)).collect();
    let start = Instant::now();
    let mut problems = Vec::new();
    for group in cases.chunks(GROUP) {
        let group: Vec<&Case> = group.iter().collect();
        let found = check(&group);
        // A problem of the whole run is looked for again with each case alone, to name it.
        let alone: Vec<String> = if found.is_empty() || group.len() == 1 {
            Vec::new()
        } else {
            group.iter().flat_map(|c| check(&[c])).collect()
        };
        problems.extend(if alone.is_empty() { found } else { alone });
    }
    for (i, p) in problems.iter().enumerate() {
        if let Some(case) = cases.iter().find(|c| p.starts_with(&c.what) || p.contains(&format!("\n  {}", c.what))) {
            let kept = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("mutation-{i}.yaml"));
            std::fs::write(&kept, &case.bytes).expect("keep failing input");
            eprintln!("input of problem {i} ({}) kept at {}", case.what, kept.display());
        }
    }
    eprintln!("{CASES} mutated records checked in {:?}", start.elapsed());
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
