//! Hostile input through the real binary: every file below must end in findings at the exact place
//! (rule, file, line, column), within seconds, without a panic, a hang or a crash. Each test builds
//! its own repository in a temporary folder, so the checks see only that test's files.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use tempfile::TempDir;

/// Longest a single run may take; a run that needs longer is hanging (for instance on a pipe).
const DEADLINE: Duration = Duration::from_secs(20);

/// The rules of the loader and the schema, which these tests are about. Policy rules judge a valid
/// record's content on top of these; where a test loads a valid record, only these are asserted.
const LOAD_RULES: &[&str] = &[
    "file-unreadable",
    "file-too-large",
    "file-encoding",
    "symlink-outside-repository",
    "yaml-syntax",
    "yaml-structure",
    "yaml-duplicate-key",
    "yaml-tag",
    "yaml-limit",
    "schema",
];

/// A throwaway repository: the crate's schemas and an empty `registry/`, and a folder for the
/// cache of its checks.
struct Repo {
    dir: TempDir,
    cache: TempDir,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().expect("temporary folder");
        let schemas = dir.path().join("schemas");
        std::fs::create_dir_all(&schemas).expect("schemas folder");
        std::fs::create_dir_all(dir.path().join("registry")).expect("registry folder");
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
        for name in ["application.schema.json", "domains.schema.json"] {
            std::fs::copy(source.join(name), schemas.join(name)).expect("copy schema");
        }
        Repo { dir, cache: tempfile::tempdir().expect("cache folder") }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `bytes` to `rel` under the root, creating folders.
    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(&path, bytes).expect("write file");
        path
    }

    /// Runs `toets check --format json` on the whole registry without the cache, then twice with
    /// it: the first fills it, the second reuses all of it (it leaves the cache file as it was),
    /// and all three must report exactly the same.
    fn check(&self) -> Run {
        let fresh = run(self.root(), None);
        let first = run(self.root(), Some(self.cache.path()));
        let written = common::cache_file(self.cache.path());
        let cached = run(self.root(), Some(self.cache.path()));
        assert_eq!(written, common::cache_file(self.cache.path()), "the second run did not reuse the cache");
        assert_eq!(fresh.json, first.json, "the run that fills the cache reports otherwise");
        assert_eq!(fresh.json, cached.json, "the cached run reports otherwise");
        fresh
    }
}

/// The outcome of one run of the binary.
struct Run {
    code: i32,
    json: Value,
    elapsed: Duration,
}

impl Run {
    /// Every finding as (rule, file, line, column), in report order.
    fn places(&self) -> Vec<(String, String, u64, u64)> {
        self.findings()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().expect("rule").to_owned(),
                    f["file"].as_str().expect("file").to_owned(),
                    f["line"].as_u64().expect("line"),
                    f["column"].as_u64().expect("column"),
                )
            })
            .collect()
    }

    fn findings(&self) -> &[Value] {
        self.json["findings"].as_array().expect("findings array")
    }

    /// [`Run::places`] of the loader and schema rules only.
    fn load_places(&self) -> Vec<(String, String, u64, u64)> {
        self.places().into_iter().filter(|p| LOAD_RULES.contains(&p.0.as_str())).collect()
    }

    /// The message of the only finding in `file`.
    fn message(&self, file: &str) -> &str {
        self.only(file)["message"].as_str().expect("message")
    }

    /// The help of the only finding in `file`.
    fn help(&self, file: &str) -> &str {
        self.only(file)["help"].as_str().expect("help")
    }

    fn only(&self, file: &str) -> &Value {
        let mut of_file = self.findings().iter().filter(|f| f["file"] == file);
        let finding = of_file.next().unwrap_or_else(|| panic!("no finding for {file}"));
        assert!(of_file.next().is_none(), "more than one finding for {file}");
        finding
    }
}

/// Runs the binary on `root` with a deadline: killed and failed when it takes longer, failed when
/// it ends by a signal or a panic (anything but exit code 0 or 1), or prints no JSON report.
fn run(root: &Path, cache: Option<&Path>) -> Run {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_toets"))
        .arg("-C")
        .arg(root)
        .args(["check", "--format", "json"])
        .current_dir(root)
        .env("NO_COLOR", "1")
        .env("TOETS_CACHE_DIR", cache.unwrap_or(Path::new("")))
        .env("TOETS_NO_CACHE", if cache.is_some() { "0" } else { "1" })
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start toets");
    let out =
        common::finish_within(child, DEADLINE).unwrap_or_else(|e| panic!("toets {e} on {}: it hangs", root.display()));
    let elapsed = start.elapsed();
    let (status, stdout) = (out.status, out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = status.code().unwrap_or_else(|| panic!("toets was ended by a signal ({status}); stderr:\n{stderr}"));
    assert!(code == 0 || code == 1, "toets exited with {code} (0 or 1 expected); stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "toets panicked:\n{stderr}");
    let json = serde_json::from_slice(&stdout)
        .unwrap_or_else(|e| panic!("stdout is not a JSON report ({e}):\n{}", String::from_utf8_lossy(&stdout)));
    eprintln!("toets ran in {elapsed:?}");
    Run { code, json, elapsed }
}

/// (rule, file, line, column), for comparing with [`Run::places`].
fn at(rule: &str, file: &str, line: u64, column: u64) -> (String, String, u64, u64) {
    (rule.to_owned(), file.to_owned(), line, column)
}

/// Asserts one failing run with exactly `expected` findings, all errors.
fn assert_findings(run: &Run, expected: &[(String, String, u64, u64)]) {
    assert_eq!(run.places(), expected, "findings:\n{:#}", run.json["findings"]);
    assert!(run.findings().iter().all(|f| f["severity"] == "error"), "{:#}", run.json["findings"]);
    assert_eq!(run.code, 1, "exit code with errors");
    assert_eq!(run.json["summary"]["errors"].as_u64(), Some(expected.len() as u64));
    assert!(run.elapsed < DEADLINE);
}

/// Today as `YYYY-MM-DD` (UTC), so that the valid record never ages into a finding.
fn today() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock after 1970").as_secs();
    let days = i64::try_from(secs / 86_400).expect("days fit");
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A complete, valid record for `id` (with the domain `<id>.example.nl`), one field a line.
fn valid_record(id: &str) -> String {
    format!(
        r#"schema_version: "1"
id: {id}
name: Afvalwijzer
description: Shows residents when their waste is collected.
kind: webapp
owner:
  department: Stadsbeheer
  email: stadsbeheer@example.nl
contacts:
  - name: Jan Jansen
    email: jan.jansen@example.nl
    role: product_owner
platform: public_website
lifecycle:
  status: proposed
need:
  problem: Residents do not know when their waste is collected.
  audiences: [residents]
costs:
  development_eur: 10000
  management_eur_per_year: 2000
domains: [{id}.example.nl]
privacy:
  processes_personal_data: false
security:
  bio_version: BIO2
  hosting:
    provider: Gemeente
    by: municipality
    location: nl
authentication:
  - means: none
standards:
  https_hsts: true
  security_txt: true
last_reviewed: "{}"
"#,
        today()
    )
}

/// Asserts that a run gave `expected` and nothing else from the loader and the schema, for files
/// that load: policy findings about their content may come on top (they are shown, not asserted).
fn assert_load_findings(run: &Run, expected: &[(String, String, u64, u64)]) {
    assert_eq!(run.load_places(), expected, "findings:\n{:#}", run.json["findings"]);
    if run.places().len() > expected.len() {
        eprintln!("policy findings besides: {:#}", run.json["findings"]);
    }
    if run.findings().is_empty() {
        assert_eq!(run.code, 0, "exit code without findings");
    }
    if !expected.is_empty() {
        assert_eq!(run.code, 1, "exit code with errors");
    }
}

#[test]
fn a_valid_record_passes_the_loader_and_the_schema() {
    let repo = Repo::new();
    repo.write("registry/afvalwijzer.yaml", valid_record("afvalwijzer"));
    let run = repo.check();
    assert_load_findings(&run, &[]);
}

#[test]
fn billion_laughs_stops_at_the_node_limit() {
    let repo = Repo::new();
    // Nine levels of ten aliases each: a billion values once expanded.
    let mut text = String::from(
        "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n",
    );
    let names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    for pair in names.windows(2) {
        let (prev, name) = (pair[0], pair[1]);
        let aliases = vec![format!("*{prev}"); 10].join(", ");
        text.push_str(&format!("{name}: &{name} [{aliases}]\n"));
    }
    repo.write("registry/lol.yaml", text);
    let run = repo.check();
    // Lines a to d and the start of e make 12,351 values; each `*d` stands for 11,111, so the
    // eighth `*d` on line 5 (column 8 + 7 * 4) passes 100,000.
    assert_findings(&run, &[at("yaml-limit", "registry/lol.yaml", 5, 36)]);
    assert!(run.message("registry/lol.yaml").contains("100000"), "{}", run.message("registry/lol.yaml"));
}

#[test]
fn deep_flow_nesting_is_a_limit() {
    let repo = Repo::new();
    let deep = 200_000;
    repo.write("registry/closed.yaml", format!("a: {}{}\n", "[".repeat(deep), "]".repeat(deep)));
    repo.write("registry/open.yaml", format!("a: {}\n", "[".repeat(deep)));
    let run = repo.check();
    // The parser's scanner gives up at 255 open brackets (column 4 + 255), before the guard's 64
    // levels are reached; it is reported as the same limit.
    assert_findings(
        &run,
        &[at("yaml-limit", "registry/closed.yaml", 1, 259), at("yaml-limit", "registry/open.yaml", 1, 259)],
    );
}

#[test]
fn deep_block_nesting_is_a_limit() {
    let repo = Repo::new();
    // 1,000 mappings, each indented one more space: the 65th starts on line 65, column 65.
    let mappings: String = (0..1000).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
    repo.write("registry/mappings.yaml", mappings);
    // 100,000 sequences on one line, which once overflowed the parser's stack: the 64th `- ` is the
    // 65th level (the root mapping is the first), at column 1 + 63 * 2.
    repo.write("registry/sequences.yaml", format!("a:\n{}x\n", "- ".repeat(100_000)));
    let run = repo.check();
    assert_findings(
        &run,
        &[at("yaml-limit", "registry/mappings.yaml", 65, 65), at("yaml-limit", "registry/sequences.yaml", 2, 127)],
    );
}

#[test]
fn a_huge_file_is_not_read() {
    let repo = Repo::new();
    let mut line = b"name: ".to_vec();
    line.resize(8 * 1024 * 1024, b'x');
    repo.write("registry/huge.yaml", line);
    let run = repo.check();
    assert_findings(&run, &[at("file-too-large", "registry/huge.yaml", 1, 1)]);
    assert!(run.message("registry/huge.yaml").contains("1024 KiB"), "{}", run.message("registry/huge.yaml"));
}

#[test]
fn invalid_utf8_is_found_at_the_bad_byte() {
    let repo = Repo::new();
    // Line 3 is `name: Café ` (11 characters, `é` is two bytes) and then a byte that starts no
    // character: column 12.
    repo.write(
        "registry/latin1.yaml",
        b"schema_version: \"1\"\nid: latin1\nname: Caf\xc3\xa9 \xff Centrum\n".as_slice(),
    );
    let run = repo.check();
    assert_findings(&run, &[at("file-encoding", "registry/latin1.yaml", 3, 12)]);
}

#[test]
fn a_nul_byte_is_found() {
    let repo = Repo::new();
    repo.write("registry/nul.yaml", b"schema_version: \"1\"\nname: Afval\0wijzer\n".as_slice());
    let run = repo.check();
    assert_findings(&run, &[at("file-encoding", "registry/nul.yaml", 2, 12)]);
    assert!(run.message("registry/nul.yaml").contains("NUL"));
}

/// Makes a named pipe: opening it for reading waits until someone writes, so a run that opens it
/// hangs and fails the deadline.
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_repository_is_not_followed() {
    let repo = Repo::new();
    let outside = tempfile::tempdir().expect("outside folder");
    let pipe = outside.path().join("pipe.yaml");
    mkfifo(&pipe);
    let secret = outside.path().join("secret.yaml");
    std::fs::write(&secret, "password: hunter2\n").expect("secret");
    std::os::unix::fs::symlink(&pipe, repo.root().join("registry/pipe.yaml")).expect("link to pipe");
    std::os::unix::fs::symlink(&secret, repo.root().join("registry/secret.yaml")).expect("link to file");
    // A relative link that climbs out of the repository, and one that points at nothing.
    let climb = format!("../../{}/secret.yaml", outside.path().file_name().expect("name").to_string_lossy());
    std::os::unix::fs::symlink(climb, repo.root().join("registry/climb.yaml")).expect("relative link");
    std::os::unix::fs::symlink("missing.yaml", repo.root().join("registry/dangling.yaml")).expect("dangling link");
    let run = repo.check();
    assert_findings(
        &run,
        &[
            at("symlink-outside-repository", "registry/climb.yaml", 1, 1),
            at("symlink-outside-repository", "registry/dangling.yaml", 1, 1),
            at("symlink-outside-repository", "registry/pipe.yaml", 1, 1),
            at("symlink-outside-repository", "registry/secret.yaml", 1, 1),
        ],
    );
    assert!(!run.json.to_string().contains("hunter2"), "the target's content leaked into the report");
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_the_repository_is_not_opened() {
    let repo = Repo::new();
    mkfifo(&repo.root().join("registry/pipe.yaml"));
    let run = repo.check();
    assert_findings(&run, &[at("file-unreadable", "registry/pipe.yaml", 1, 1)]);
}

#[cfg(unix)]
#[test]
fn a_symlink_inside_the_repository_is_followed() {
    let repo = Repo::new();
    repo.write("store/afvalwijzer.yaml", valid_record("afvalwijzer"));
    // The same record with an unknown kind on line 5: reported under the link's name, at the
    // target's line, which shows that the link was read.
    let broken = valid_record("kapot").replace("kind: webapp", "kind: webshop");
    repo.write("store/kapot.yaml", broken);
    std::os::unix::fs::symlink("../store/afvalwijzer.yaml", repo.root().join("registry/afvalwijzer.yaml"))
        .expect("link");
    std::os::unix::fs::symlink("../store/kapot.yaml", repo.root().join("registry/kapot.yaml")).expect("link");
    let run = repo.check();
    assert_load_findings(&run, &[at("schema", "registry/kapot.yaml", 5, 7)]);
}

#[test]
fn yaml_tags_are_refused() {
    let repo = Repo::new();
    repo.write("registry/python.yaml", "name: Afvalwijzer\nrun: !!python/object:os.system \"rm -rf /\"\n");
    repo.write("registry/custom.yaml", "name: Afvalwijzer\nowner: !custom {department: x}\n");
    // Core tags too, whether they fit their value or not: without one, the loader would turn
    // these into an empty value, and toets would then call a written field empty.
    repo.write("registry/int.yaml", "name: Afvalwijzer\ncosts: !!int 10k\n");
    repo.write("registry/map.yaml", "name: !!map [a, b]\n");
    let run = repo.check();
    assert_findings(
        &run,
        &[
            at("yaml-tag", "registry/custom.yaml", 2, 8),
            at("yaml-tag", "registry/int.yaml", 2, 8),
            at("yaml-tag", "registry/map.yaml", 1, 7),
            at("yaml-tag", "registry/python.yaml", 2, 6),
        ],
    );
    assert!(run.message("registry/int.yaml").contains("`!!int`"));
    // The tag as it was written, not saphyr's expanded form (`tag:yaml.org,2002:!python/…`).
    assert!(run.message("registry/python.yaml").contains("`!!python/object:os.system`"));
    assert!(run.message("registry/custom.yaml").contains("`!custom`"));
    // The help shows the line without the tag.
    assert_eq!(run.help("registry/python.yaml"), "Remove the tag and write `run: \"rm -rf /\"`.");
    assert_eq!(run.help("registry/custom.yaml"), "Remove the tag and write `owner: {department: x}`.");
}

#[test]
fn core_tags_that_fit_their_value_are_refused_too() {
    let repo = Repo::new();
    // `!!str 12` is the text "12" to a YAML 1.2 loader: valid, but the README refuses every tag.
    repo.write("registry/str.yaml", "x: !!str 12\n");
    // Without the tag the value would be read otherwise (a number, true, empty): the help quotes
    // it. An anchor and a comment stay; `!` and the verbatim form keep text as `!!str` does.
    repo.write(
        "registry/kept.yaml",
        "a: &a !!str true # checked\nb: !!str\nc: ! 012\nd: !<tag:yaml.org,2002:str> 1.5\n",
    );
    // Text that reads as text without the tag needs no quotes; other core tags are only left out.
    repo.write("registry/plain.yaml", "- !!str Afvalwijzer\n- !!int 12\n- !!seq [a]\n- !!bool true\n");
    let run = repo.check();
    assert_findings(
        &run,
        &[
            at("yaml-tag", "registry/kept.yaml", 1, 4),
            at("yaml-tag", "registry/kept.yaml", 2, 4),
            at("yaml-tag", "registry/kept.yaml", 3, 4),
            at("yaml-tag", "registry/kept.yaml", 4, 4),
            at("yaml-tag", "registry/plain.yaml", 1, 3),
            at("yaml-tag", "registry/plain.yaml", 2, 3),
            at("yaml-tag", "registry/plain.yaml", 3, 3),
            at("yaml-tag", "registry/plain.yaml", 4, 3),
            at("yaml-tag", "registry/str.yaml", 1, 4),
        ],
    );
    assert_eq!(run.message("registry/str.yaml"), "The YAML tag `!!str` is not allowed in a record.");
    assert_eq!(run.help("registry/str.yaml"), "Remove the tag and write `x: \"12\"`: the quotes keep the value text.");
    let helps = |file: &str| -> Vec<&str> {
        run.findings().iter().filter(|f| f["file"] == file).map(|f| f["help"].as_str().expect("help")).collect()
    };
    let quoted = |yaml: &str| format!("Remove the tag and write `{yaml}`: the quotes keep the value text.");
    assert_eq!(
        helps("registry/kept.yaml"),
        [quoted("a: &a \"true\" # checked"), quoted("b: \"\""), quoted("c: \"012\""), quoted("d: \"1.5\"")]
    );
    let left_out = |yaml: &str| format!("Remove the tag and write `{yaml}`.");
    assert_eq!(
        helps("registry/plain.yaml"),
        [left_out("- Afvalwijzer"), left_out("- 12"), left_out("- [a]"), left_out("- true")]
    );
}

#[test]
fn every_duplicate_key_and_tag_of_a_file_is_reported() {
    let repo = Repo::new();
    repo.write("registry/all.yaml", "a: 1\na: 2\nb: 1\nb: 2\nc: !custom x\n");
    // A key given a third time names the first place again; a nested mapping has its own keys.
    repo.write("registry/nested.yaml", "owner:\n  a: 1\n  a: 2\n  a: 3\n  b: !t [!u x]\nowner: {}\n");
    // Past 32 keys a mapping's keys are indexed: the first line is kept there too.
    let many: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
    repo.write("registry/many.yaml", format!("{many}k0: again\nk39: again\nk0: third\n"));
    let run = repo.check();
    assert_findings(
        &run,
        &[
            at("yaml-duplicate-key", "registry/all.yaml", 2, 1),
            at("yaml-duplicate-key", "registry/all.yaml", 4, 1),
            at("yaml-tag", "registry/all.yaml", 5, 4),
            at("yaml-duplicate-key", "registry/many.yaml", 41, 1),
            at("yaml-duplicate-key", "registry/many.yaml", 42, 1),
            at("yaml-duplicate-key", "registry/many.yaml", 43, 1),
            at("yaml-duplicate-key", "registry/nested.yaml", 3, 3),
            at("yaml-duplicate-key", "registry/nested.yaml", 4, 3),
            at("yaml-tag", "registry/nested.yaml", 5, 6),
            at("yaml-tag", "registry/nested.yaml", 5, 10),
            at("yaml-duplicate-key", "registry/nested.yaml", 6, 1),
        ],
    );
    let messages = |file: &str| -> Vec<&str> {
        run.findings().iter().filter(|f| f["file"] == file).map(|f| f["message"].as_str().expect("message")).collect()
    };
    let again =
        |key: &str, line: u32| format!("The field `{key}` is given again here; it is already given on line {line}.");
    assert_eq!(messages("registry/many.yaml"), [again("k0", 1), again("k39", 40), again("k0", 1)]);
    assert_eq!(messages("registry/nested.yaml")[..2], [again("a", 2), again("a", 2)]);
    assert_eq!(messages("registry/nested.yaml")[4], again("owner", 1));
}

#[test]
fn duplicate_keys_and_tags_are_shown_up_to_a_hundred_a_file() {
    let repo = Repo::new();
    // 40,000 lines of `k: !t x` (80,001 values, below the limit of 100,000): a tag on each, and
    // from line 2 on a duplicate key before it, 79,999 in all. The first 100 are the tag of line 1 and both of lines 2 to 50 and
    // the duplicate of line 51; from the tag of line 51 on, one finding counts the rest.
    repo.write("registry/flood.yaml", "k: !t x\n".repeat(40_000));
    let run = repo.check();
    let mut expected = vec![at("yaml-tag", "registry/flood.yaml", 1, 4)];
    for line in 2..=51 {
        expected.push(at("yaml-duplicate-key", "registry/flood.yaml", line, 1));
        if line < 51 {
            expected.push(at("yaml-tag", "registry/flood.yaml", line, 4));
        }
    }
    expected.push(at("yaml-limit", "registry/flood.yaml", 51, 4));
    assert_findings(&run, &expected);
    let last = &run.findings()[100];
    assert_eq!(
        last["message"],
        "79899 more repeated fields and YAML tags, from here on, are not shown: toets reports at most 100 of them for a file."
    );
}

#[test]
fn a_duplicate_key_is_found_at_the_second_and_names_the_first() {
    let repo = Repo::new();
    repo.write("registry/twice.yaml", "schema_version: \"1\"\nname: Afvalwijzer\nid: twice\nname: Afvalkalender\n");
    // Keys that read differently but are the same key once loaded: `~` and `null`, `1` and `0x1`,
    // and an alias that repeats an anchored key. saphyr's loader once called these a syntax error.
    repo.write("registry/same.yaml", "owner:\n  ~: a\n  null: b\n");
    repo.write("registry/hex.yaml", "costs:\n  1: a\n  0x1: b\n");
    repo.write("registry/alias.yaml", "&k name: a\n*k : b\n");
    let run = repo.check();
    assert_findings(
        &run,
        &[
            at("yaml-duplicate-key", "registry/alias.yaml", 2, 1),
            at("yaml-duplicate-key", "registry/hex.yaml", 3, 3),
            at("yaml-duplicate-key", "registry/same.yaml", 3, 3),
            at("yaml-duplicate-key", "registry/twice.yaml", 4, 1),
        ],
    );
    let message = run.message("registry/twice.yaml");
    assert!(message.contains("`name`") && message.contains("line 2"), "{message}");
    assert!(run.message("registry/same.yaml").contains("line 2"));
}

#[test]
fn a_second_document_is_refused() {
    let repo = Repo::new();
    repo.write("registry/two.yaml", "name: Afvalwijzer\n---\nname: Afvalkalender\n");
    let run = repo.check();
    assert_findings(&run, &[at("yaml-structure", "registry/two.yaml", 2, 1)]);
}

#[test]
fn a_root_that_is_a_list_is_refused() {
    let repo = Repo::new();
    repo.write("registry/list.yaml", "- name: Afvalwijzer\n- name: Afvalkalender\n");
    let run = repo.check();
    assert_findings(&run, &[at("yaml-structure", "registry/list.yaml", 1, 1)]);
}

#[test]
fn an_empty_file_is_refused() {
    let repo = Repo::new();
    repo.write("registry/empty.yaml", "");
    repo.write("registry/comments.yaml", "# nothing yet\n");
    let run = repo.check();
    assert_findings(
        &run,
        &[at("yaml-structure", "registry/comments.yaml", 1, 1), at("yaml-structure", "registry/empty.yaml", 1, 1)],
    );
    assert!(run.message("registry/empty.yaml").contains("empty"));
}

#[test]
fn a_bom_and_crlf_do_not_shift_positions() {
    let repo = Repo::new();
    // Errors on line 1 (just after the byte-order mark) and on line 3, behind an indented,
    // commented line to make the column count.
    let text = valid_record("crlf")
        .replace("schema_version: \"1\"", "schema_version: \"2\"")
        .replace("name: Afvalwijzer", "name: 42")
        .replace('\n', "\r\n");
    repo.write("registry/crlf.yaml", format!("\u{feff}{text}"));
    let run = repo.check();
    assert_load_findings(&run, &[at("schema", "registry/crlf.yaml", 1, 17), at("schema", "registry/crlf.yaml", 3, 7)]);
}

/// [`Run::places`] of one rule only.
fn places_of(run: &Run, rule: &str) -> Vec<(String, String, u64, u64)> {
    run.places().into_iter().filter(|p| p.0 == rule).collect()
}

#[test]
fn hidden_characters_in_comments_are_found_where_they_stand() {
    let repo = Repo::new();
    // A direction override in a comment after a value (line 1, after 31 characters); a comment
    // line of its own with two isolates and a zero-width joiner (line 3); a zero-width space in
    // an anchor's name, outside any value (line 4); a block scalar's header comment (line 5).
    let record = valid_record("opmerking")
        .replacen("schema_version: \"1\"", "schema_version: \"1\" # approved \u{202E}yb OIC", 1)
        .replacen("name: Afvalwijzer", "# \u{2066}note\u{2069}\u{200D}\nname: &n\u{200B} Afvalwijzer", 1)
        .replacen("description: Shows", "description: | # \u{2060}\n  Shows", 1);
    repo.write("registry/opmerking.yaml", &record);
    // The same, with CR LF and with lone CR line ends: YAML 1.2 ends a line at each.
    repo.write("registry/crlf.yaml", record.replace("opmerking", "crlf").replace('\n', "\r\n"));
    repo.write("registry/cr.yaml", record.replace("opmerking", "cr").replace('\n', "\r"));
    // A quoted value's text is not its comment: the `#` and `\u{202E}` inside the quotes belong
    // to the value (position 4 of its text; the finding is at its field), the one after it to the
    // comment (column 18).
    let quoted = valid_record("quoted").replacen("name: Afvalwijzer", "name: \"A #\u{202E}\" # x \u{202E}", 1);
    repo.write("registry/quoted.yaml", quoted);
    let run = repo.check();
    let mut expected = Vec::new();
    for file in ["registry/cr.yaml", "registry/crlf.yaml", "registry/opmerking.yaml"] {
        for (line, column) in [(1, 32), (3, 3), (4, 9), (5, 18)] {
            expected.push(at("text-hidden-characters", file, line, column));
        }
    }
    expected.extend([
        at("text-hidden-characters", "registry/quoted.yaml", 3, 1),
        at("text-hidden-characters", "registry/quoted.yaml", 3, 18),
    ]);
    assert_eq!(places_of(&run, "text-hidden-characters"), expected, "{:#}", run.json["findings"]);
    assert_load_findings(&run, &[]);
    let messages: Vec<&str> = run
        .findings()
        .iter()
        .filter(|f| f["file"] == "registry/opmerking.yaml" && f["rule"] == "text-hidden-characters")
        .map(|f| f["message"].as_str().expect("message"))
        .collect();
    assert_eq!(
        messages,
        [
            "This comment contains a hidden character, U+202E (changes the reading direction).",
            "This comment contains a hidden character, U+2066 (changes the reading direction), and 2 more after it.",
            "This line contains a hidden character outside the texts and field names, U+200B (invisible, without width).",
            "This comment contains a hidden character, U+2060 (invisible, without width).",
        ]
    );
    let quoted: Vec<&str> = run
        .findings()
        .iter()
        .filter(|f| f["file"] == "registry/quoted.yaml" && f["rule"] == "text-hidden-characters")
        .map(|f| f["message"].as_str().expect("message"))
        .collect();
    assert!(quoted[0].starts_with("The text contains a hidden character, U+202E") && quoted[0].contains("position 4"));
}

#[test]
fn line_separators_in_values_are_hidden_characters() {
    let repo = Repo::new();
    // YAML 1.2 ends no line at U+2028 or U+2029, so these are one line to toets and two in some
    // editors; the escape `\u2029` stores the character as well. The findings are at the fields.
    let record = valid_record("scheiding").replacen("name: Afvalwijzer", "name: Afval\u{2028}wijzer", 1).replacen(
        "Stadsbeheer",
        "\"Stads\\u2029beheer\"",
        1,
    );
    repo.write("registry/scheiding.yaml", record);
    let run = repo.check();
    assert_eq!(
        places_of(&run, "text-hidden-characters"),
        [
            at("text-hidden-characters", "registry/scheiding.yaml", 3, 1),
            at("text-hidden-characters", "registry/scheiding.yaml", 7, 3),
        ],
        "{:#}",
        run.json["findings"]
    );
    let message = run.findings()[0]["message"].as_str().expect("message");
    assert_eq!(
        message,
        "The text contains a hidden character, U+2028 (a line separator that YAML does not count), at position 6."
    );
}

#[test]
fn hidden_characters_outside_the_values_are_shown_up_to_a_hundred_a_file() {
    let repo = Repo::new();
    let comments = "# \u{200B}\n".repeat(250);
    repo.write("registry/veel.yaml", format!("{comments}{}", valid_record("veel")));
    let run = repo.check();
    let mut expected: Vec<_> =
        (1..=100).map(|line| at("text-hidden-characters", "registry/veel.yaml", line, 3)).collect();
    expected.push(at("text-hidden-characters", "registry/veel.yaml", 101, 3));
    assert_eq!(places_of(&run, "text-hidden-characters"), expected);
    assert_eq!(
        run.findings()[100]["message"],
        "150 more lines, from here on, contain hidden characters outside the texts and field names: toets shows at most 100 of them for a file."
    );
}

#[test]
fn a_byte_order_mark_inside_the_file_is_named() {
    let repo = Repo::new();
    // YAML allows U+FEFF only at the start (where toets drops it) and in quoted text.
    let record = valid_record("bom").replacen("id: bom", "id: bom # \u{FEFF}", 1);
    repo.write("registry/bom.yaml", format!("\u{FEFF}{record}"));
    let run = repo.check();
    assert_findings(&run, &[at("yaml-syntax", "registry/bom.yaml", 2, 11)]);
    assert!(run.message("registry/bom.yaml").contains("U+FEFF"), "{}", run.message("registry/bom.yaml"));
}

/// Found by the fuzzer (`fuzz/`): the parser placed an error at the end of a file without a final
/// line break on the line after it, which the file does not have.
#[test]
fn an_error_at_the_end_of_a_file_without_a_final_line_break_is_inside_it() {
    let repo = Repo::new();
    repo.write("registry/flow.yaml", "a: [1, 2");
    repo.write("registry/key.yaml", "a: 1\nb");
    let run = repo.check();
    assert_findings(
        &run,
        &[at("yaml-syntax", "registry/flow.yaml", 1, 9), at("yaml-syntax", "registry/key.yaml", 2, 2)],
    );

    // A node there too: an empty key at the very end of the file.
    let repo = Repo::new();
    repo.write("registry/key.yaml", "a: 1\n? ");
    let run = repo.check();
    let findings = run.json["findings"].as_array().expect("findings");
    let empty_key = findings.iter().find(|f| f["pointer"] == "/null").expect("a finding on the empty key");
    assert_eq!((&empty_key["line"], &empty_key["column"]), (&2.into(), &3.into()));
}
