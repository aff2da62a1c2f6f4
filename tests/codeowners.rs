//! `toets codeowners` through the real binary, on real git repositories: the example repository's
//! CODEOWNERS holds (on this crate and on a copy of its layout), and each broken CODEOWNERS of
//! `tests/fixtures/codeowners/` gives exactly the findings of its snapshot. The matching itself is
//! checked against hmarr/codeowners' table of patterns (`tests/data/codeowners-patterns/`).

mod common;

use std::path::Path;

use common::{Repo, error, json, stdout, toets_in};
use toets::codeowners::Codeowners;

const CIO: &str = "cio_team = \"@voorbeeldstad/cio\"\n";

/// A repository laid out as this one, committed: records (one in a subfolder), the schemas,
/// `toets.toml` with the CIO's team, the code and CI of toets, a README and a document, and this
/// crate's own CODEOWNERS.
fn layout() -> Repo {
    let repo = Repo::new();
    repo.write("toets.toml", &format!("main_domains = [\"voorbeeldstad.nl\"]\n{CIO}"));
    repo.record("afvalwijzer", |r| r);
    repo.record("parkeren", |r| r);
    repo.write("registry/special/subsidie.yaml", "id: subsidie\n");
    repo.write("src/main.rs", "fn main() {}\n");
    repo.write(".github/workflows/toets.yml", "name: toets\n");
    repo.write("Cargo.toml", "[package]\nname = \"toets\"\n");
    repo.write("Cargo.lock", "version = 4\n");
    repo.write("README.md", "# Register\n");
    repo.write("docs/beleid.yaml", "titel: beleid\n");
    repo.write("CODEOWNERS", include_str!("../CODEOWNERS"));
    repo.commit("layout");
    repo
}

/// `toets codeowners` in `dir` with `args`: the exit code and standard output.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = toets_in(dir, &[&["codeowners", "--color", "never"], args].concat());
    (out.status.code(), stdout(&out))
}

#[test]
fn the_example_codeowners_holds_on_this_repository() {
    let out = toets_in(&common::crate_root(), &["codeowners", "--format", "json"]);
    let report = json(&out);
    assert_eq!((out.status.code(), &report["findings"]), (Some(0), &serde_json::json!([])), "{report}");
    assert!(report["summary"]["files"].as_u64().is_some_and(|n| n > 0), "{report}");
}

#[test]
fn the_example_codeowners_holds_on_a_copy_of_its_layout() {
    let repo = layout();
    // registry/ (4 files), schemas/ (2), toets.toml, CODEOWNERS, .github/, src/, Cargo.toml, Cargo.lock.
    assert_eq!(run(repo.path(), &[]), (Some(0), "12 files checked: no findings.\n".to_owned()));
}

#[test]
fn a_later_line_takes_records_away_from_the_cio() {
    let repo = layout();
    let codeowners = format!("{}/registry/special/ @someone\n", include_str!("../CODEOWNERS"));
    repo.write("CODEOWNERS", &codeowners);
    repo.commit("special");
    let line = codeowners.lines().count();
    let out = toets_in(repo.path(), &["codeowners", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        json(&out)["findings"],
        serde_json::json!([{
            "rule": "codeowners-cio-not-required",
            "severity": "error",
            "file": "CODEOWNERS",
            "pointer": "",
            "line": line,
            "column": 1,
            "message": format!("`registry/special/subsidie.yaml` is owned by @someone only (CODEOWNERS line {line}), not by the CIO (@voorbeeldstad/cio)."),
            "help": format!("Change line {line} to `/registry/special/ @voorbeeldstad/cio`."),
        }])
    );
    repo.write("toets.toml", &format!("lang = \"nl\"\n{CIO}"));
    let nl = std::process::Command::new(env!("CARGO_BIN_EXE_toets"))
        .current_dir(repo.path())
        .args(["codeowners", "--format", "json"])
        .output()
        .expect("toets runs");
    assert_eq!(
        json(&nl)["findings"][0]["message"],
        format!(
            "`registry/special/subsidie.yaml` is alleen van @someone (CODEOWNERS regel {line}), niet van de CIO (@voorbeeldstad/cio)."
        )
    );
}

#[test]
fn broken_codeowners_files() {
    insta::glob!("fixtures/codeowners/*.codeowners", |path| {
        let repo = layout();
        repo.write("CODEOWNERS", &std::fs::read_to_string(path).expect("fixture"));
        repo.commit("codeowners");
        let (code, human) = run(repo.path(), &[]);
        insta::assert_snapshot!("human", format!("exit {code:?}\n{human}"));
        let out = toets_in(repo.path(), &["codeowners", "--format", "json"]);
        insta::assert_json_snapshot!("json", json(&out));
    });
}

#[test]
fn github_reads_the_first_codeowners_and_ignores_the_others() {
    let repo = layout();
    repo.write(".github/CODEOWNERS", include_str!("../CODEOWNERS"));
    repo.write("docs/CODEOWNERS", "* @someone\n");
    repo.commit("three");
    let out = toets_in(repo.path(), &["codeowners", "--format", "json"]);
    let found: Vec<(String, String)> = json(&out)["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| (f["file"].as_str().unwrap_or("").to_owned(), f["message"].as_str().unwrap_or("").to_owned()))
        .collect();
    let ignored = "GitHub reads `.github/CODEOWNERS` and ignores this file: its lines protect nothing.".to_owned();
    assert_eq!(found, [("CODEOWNERS".to_owned(), ignored.clone()), ("docs/CODEOWNERS".to_owned(), ignored)]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn docs_codeowners_in_use_must_be_the_cios_too() {
    let repo = layout();
    repo.remove("CODEOWNERS");
    repo.write("docs/CODEOWNERS", &format!("{}/docs/ @voorbeeldstad/communicatie\n", include_str!("../CODEOWNERS")));
    repo.commit("docs");
    let out = toets_in(repo.path(), &["codeowners", "--format", "json"]);
    let report = json(&out);
    let found = &report["findings"];
    assert_eq!(out.status.code(), Some(1), "{found}");
    // The crate's CODEOWNERS ends with `/CODEOWNERS`, which matches nothing here.
    let last = include_str!("../CODEOWNERS").lines().count() as u64;
    let found: Vec<(&str, u64, String)> = found
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let message = f["message"].as_str().unwrap_or("").to_owned();
            (f["file"].as_str().unwrap_or(""), f["line"].as_u64().unwrap_or(0), message)
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "docs/CODEOWNERS",
                last,
                "`/CODEOWNERS` matches no file in the repository, so this line protects nothing.".to_owned()
            ),
            (
                "docs/CODEOWNERS",
                last + 1,
                format!(
                    "`docs/CODEOWNERS` is owned by @voorbeeldstad/communicatie only (docs/CODEOWNERS line {}), not by the CIO (@voorbeeldstad/cio).",
                    last + 1
                )
            ),
        ]
    );
}

#[test]
fn a_codeowners_file_github_cannot_use_proves_nothing() {
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(outside.path().join("CODEOWNERS"), "* @voorbeeldstad/cio\n").expect("write");
    type Change<'a> = &'a dyn Fn(&Repo);
    let cases: [(&str, Change); 5] = [
        ("missing", &|r| r.remove("CODEOWNERS")),
        ("3 MB", &|r| r.write("CODEOWNERS", &"* @voorbeeldstad/cio\n".repeat(3_000_000 / 21 + 1))),
        ("not UTF-8", &|r| std::fs::write(r.path().join("CODEOWNERS"), b"* @voorbeeldstad/cio \xff\n").expect("write")),
        ("a link out", &|r| {
            r.remove("CODEOWNERS");
            std::os::unix::fs::symlink(outside.path().join("CODEOWNERS"), r.path().join("CODEOWNERS")).expect("link");
        }),
        ("too many rules", &|r| r.write("CODEOWNERS", &"/src/ @voorbeeldstad/cio\n".repeat(20_001))),
    ];
    let mut seen = String::new();
    for (name, change) in cases {
        let repo = layout();
        change(&repo);
        let out = toets_in(repo.path(), &["codeowners", "--format", "json"]);
        let report = json(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {report}");
        let findings = report["findings"].as_array().expect("findings");
        assert_eq!(findings.len(), 1, "{name}: {report}");
        let f = &findings[0];
        seen.push_str(&format!(
            "{name}: {} {}:{}:{}: {}\n",
            f["rule"], f["file"], f["line"], f["column"], f["message"]
        ));
    }
    insta::assert_snapshot!(seen);
}

#[test]
fn without_git_the_files_of_the_folder_count() {
    let repo = layout();
    repo.write("registry/nieuw.yaml", "id: nieuw\n");
    repo.write("CODEOWNERS", &format!("{}/registry/nieuw.yaml @someone\n", include_str!("../CODEOWNERS")));
    repo.commit("nieuw");
    // A file git does not track is not in the pull request, and not in the proof.
    repo.write("registry/los.yaml", "id: los\n");
    assert_eq!(run(repo.path(), &[]).1.lines().last(), Some("13 files checked: 1 error, 0 warnings."));
    std::fs::remove_dir_all(repo.path().join(".git")).expect("remove .git");
    assert_eq!(run(repo.path(), &[]).1.lines().last(), Some("14 files checked: 1 error, 0 warnings."));
}

#[test]
fn the_cio_team_is_named_in_toets_toml() {
    let repo = layout();
    repo.write("toets.toml", "main_domains = []\n");
    let out = repo.toets(&["codeowners"]);
    assert_eq!(
        (out.status.code(), error(&out).as_str()),
        (
            Some(2),
            "toets.toml names no CIO team: add `cio_team = \"@organisation/team\"`, e.g. `cio_team = \"@voorbeeldstad/cio\"`"
        )
    );
    let long = format!("@org/{}", "x".repeat(200));
    for (value, shown) in
        [("voorbeeldstad/cio", "voorbeeldstad/cio"), ("@cio", "@cio"), (&long, &format!("{}…", &long[..40]))]
    {
        repo.write("toets.toml", &format!("lang = \"en\"\ncio_team = \"{value}\"\n"));
        let out = repo.toets(&["codeowners"]);
        // miette may wrap the message after a `/`, which `error` joins with a space.
        assert_eq!(
            (out.status.code(), error(&out).replace("/ ", "/")),
            (
                Some(2),
                format!(
                    "toets.toml:2:12: the configuration is not valid: `{shown}` is not a GitHub team: write the team as CODEOWNERS names it, `@organisation/team` (at most 100 characters), e.g. `@voorbeeldstad/cio`"
                )
            )
        );
    }
}

#[test]
fn matching_follows_the_pattern_table_of_hmarr_codeowners() {
    let table: serde_json::Value =
        serde_json::from_str(include_str!("data/codeowners-patterns/patterns.json")).expect("patterns.json");
    let mut wrong = Vec::new();
    let mut checked = 0;
    for case in table.as_array().expect("cases") {
        let pattern = case["pattern"].as_str().expect("pattern");
        let codeowners = Codeowners::parse(&format!("{pattern} @owner\n"));
        // GitHub reports `[` as an error (python/cpython#112206: `Python/ceval*.[ch]`), and toets
        // does too; hmarr/codeowners matches it literally since 2025 (for `[param]` route folders).
        if pattern.contains('[') {
            continue;
        }
        for (path, expected) in case["paths"].as_object().expect("paths") {
            if path.ends_with('/') {
                continue;
            }
            checked += 1;
            if codeowners.owner_line(path).is_some() != expected.as_bool().expect("bool") {
                wrong.push(format!("{}: `{pattern}` on `{path}` should be {expected}", case["name"]));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(checked, 148);
}
