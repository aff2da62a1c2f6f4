//! `--format github` and `--format sarif`, of `toets check` and of `toets pr`, on real
//! repositories: the exact annotations (the cap GitHub puts on them, their order, the closing
//! notice), and SARIF that the official SARIF 2.1.0 schema accepts.

mod common;

use std::sync::OnceLock;

use common::{Repo, crate_root, json, stdout, toets_in};
use serde_json::{Value, json as j};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats/registry");

/// A repository with the fixture set in `registry/`: two records that claim the same domain,
/// with 15 errors (two with a related place), 12 warnings and one waived finding between them.
fn fixture_repo() -> Repo {
    let repo = Repo::new();
    for entry in std::fs::read_dir(FIXTURES).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name").to_string_lossy().into_owned();
        repo.write(&format!("registry/{name}"), &std::fs::read_to_string(&path).expect("fixture"));
    }
    repo
}

/// The lines of `output` that start with `::{command} `.
fn commands<'a>(output: &'a str, command: &str) -> Vec<&'a str> {
    let prefix = format!("::{command} ");
    output.lines().filter(|l| l.starts_with(&prefix)).collect()
}

/// The validator of the SARIF 2.1.0 schema in `tests/data/sarif/`, formats included.
fn sarif_schema() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let text =
            std::fs::read_to_string(crate_root().join("tests/data/sarif/sarif-schema-2.1.0.json")).expect("schema");
        let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
        jsonschema::draft4::options().should_validate_formats(true).build(&schema).expect("schema compiles")
    })
}

/// Parses and validates SARIF output against the schema; panics with every error.
fn valid_sarif(out: &std::process::Output) -> Value {
    let doc = json(out);
    let errors: Vec<String> =
        sarif_schema().iter_errors(&doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "not valid SARIF 2.1.0:\n{}", errors.join("\n"));
    doc
}

/// The document with only the rules its results refer to (all 52 are in the output), each
/// result's `ruleIndex` checked against them.
fn with_used_rules(mut doc: Value) -> Value {
    let run = &mut doc["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules").clone();
    let mut used: Vec<Value> = Vec::new();
    for result in run["results"].as_array().expect("results") {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"], "ruleIndex points at the result's rule");
        if !used.contains(&rules[index]) {
            used.push(rules[index].clone());
        }
    }
    run["tool"]["driver"]["rules"] = Value::Array(used);
    doc
}

// ---------------------------------------------------------------------------------------------
// toets check
// ---------------------------------------------------------------------------------------------

#[test]
fn github_annotates_the_ten_most_important_of_each_kind_and_says_where_the_rest_is() {
    let repo = fixture_repo();
    let out = repo.toets(&["check", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    // 15 errors and 12 warnings: ten of each, the errors first, then the waived finding and
    // the totals as the only two notices.
    assert_eq!((commands(&text, "error").len(), commands(&text, "warning").len()), (10, 10));
    assert_eq!(commands(&text, "notice").len(), 2);
    assert!(text.lines().last().is_some_and(|l| l.starts_with("::notice title=toets::")));
    insta::assert_snapshot!(text);
}

#[test]
fn github_speaks_the_language_of_the_run() {
    let repo = fixture_repo();
    let out = repo.toets(&["check", "--lang", "nl", "--format", "github"]);
    let text = stdout(&out);
    insta::assert_snapshot!(text.lines().last().expect("the totals"));
}

#[test]
fn a_file_name_with_special_characters_is_escaped_in_both_formats() {
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| r.replace("https_hsts: true", "https_hsts: false"));
    repo.rename("registry/afvalwijzer.yaml", "registry/100% a,b:c\r\nd.yaml");
    let out = repo.toets(&["check", "--format", "github"]);
    let errors = commands(&stdout(&out), "error").into_iter().map(str::to_owned).collect::<Vec<_>>();
    assert!(
        errors.iter().all(|l| l.starts_with("::error file=registry/100%25 a%2Cb%3Ac%0D%0Ad.yaml,line=")),
        "{errors:#?}"
    );
    assert!(errors.iter().any(|l| l.contains("title=id-mismatch::") && l.contains("`100%25 a,b:c%0D%0Ad.yaml`")));
    let doc = valid_sarif(&repo.toets(&["check", "--format", "sarif"]));
    let uris: Vec<&Value> = doc["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| &r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        .collect();
    assert!(!uris.is_empty() && uris.iter().all(|u| *u == "registry/100%25%20a%2Cb%3Ac%0D%0Ad.yaml"), "{uris:?}");
}

#[test]
fn sarif_of_the_example_registry_is_valid() {
    let out = toets_in(&crate_root(), &["check", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(0));
    let doc = valid_sarif(&out);
    let run = &doc["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let listed = json(&toets_in(&crate_root(), &["rules", "--format", "json"]));
    let names: Vec<&Value> = listed.as_array().expect("rules").iter().map(|r| &r["name"]).collect();
    assert_eq!(rules.iter().map(|r| &r["id"]).collect::<Vec<_>>(), names, "every rule, in the order of `toets rules`");
    // The example registry has two waived findings and nothing else.
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    assert!(results.iter().all(|r| r["suppressions"][0]["kind"] == "inSource"));
}

#[test]
fn sarif_of_findings_is_valid_and_fingerprints_are_the_findings_own() {
    let repo = fixture_repo();
    let out = repo.toets(&["check", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let doc = with_used_rules(valid_sarif(&out));
    let results = doc["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 15 + 12 + 1);
    let findings: Vec<toets::finding::Finding> =
        serde_json::from_value(json(&repo.toets(&["check", "--format", "json"]))["findings"].clone())
            .expect("findings");
    let mut expected: Vec<String> = findings.iter().map(toets::finding::Finding::fingerprint).collect();
    let mut got: Vec<String> = results
        .iter()
        .map(|r| r["partialFingerprints"]["toets/v1"].as_str().expect("fingerprint").to_owned())
        .collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    let related: Vec<&Value> = results.iter().filter(|r| r.get("relatedLocations").is_some()).collect();
    assert_eq!(related.len(), 2, "each claim of domain-claimed-twice points at the other");
}

#[test]
fn the_schema_check_rejects_what_is_not_sarif() {
    let mut doc = valid_sarif(&fixture_repo().toets(&["check", "--format", "sarif"]));
    doc["runs"][0]["results"][0]["level"] = j!("fatal");
    doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = j!(0);
    assert_eq!(sarif_schema().iter_errors(&doc).count(), 2);
}

#[test]
fn sarif_small() {
    // One record with an error and a waived one, and a second that claims the same domain.
    let repo = Repo::new();
    repo.write(
        "registry/domains.yaml",
        "schema_version: \"1\"\ndomains:\n  - fqdn: afval.voorbeeldstad.nl\n    status: active\n    registrant: Gemeente Voorbeeldstad (gm9999)\n",
    );
    let claim = |r: String| r.replace("domains: []\n", "domains:\n  - afval.voorbeeldstad.nl\n");
    repo.record("afvalwijzer", |r| {
        claim(r).replace("https_hsts: true", "https_hsts: false").replace("security_txt: true", "security_txt: false")
            + "waivers:\n  - rule: security-txt-missing\n    reason: Komt met de nieuwe webserver.\n    expires: 2027-03-31\n"
    });
    repo.record("zwerfafval", claim);
    let out = repo.toets(&["check", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_json_snapshot!(with_used_rules(valid_sarif(&out)));
}

#[test]
fn sarif_keeps_25000_results_and_says_how_many_it_left_out() {
    // 25,010 unknown fields, each a schema error, and one warning (an active domain without a
    // record): the warning and ten errors do not fit.
    let repo = Repo::new();
    overview(&repo);
    let unknown: String = (0..25_010).map(|i| format!("x{i}: 1\n")).collect();
    repo.record("afvalwijzer", |r| r + &unknown);
    let out = repo.toets(&["check", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let doc = valid_sarif(&out);
    let run = &doc["runs"][0];
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 25_000);
    assert!(results.iter().all(|r| r["level"] == "error"), "errors come first");
    assert_eq!(run["properties"]["resultsOmitted"], 11);
    assert_eq!(
        run["invocations"][0]["toolExecutionNotifications"],
        j!([{"level": "warning", "message": {"text": "11 findings are left out: GitHub code scanning accepts at most 25000 results per run. The errors come first; `toets check` shows them all."}}])
    );
}

// ---------------------------------------------------------------------------------------------
// toets pr
// ---------------------------------------------------------------------------------------------

/// Writes `registry/domains.yaml` with `afval.voorbeeldstad.nl` active.
fn overview(repo: &Repo) {
    repo.write(
        "registry/domains.yaml",
        "schema_version: \"1\"\ndomains:\n  - fqdn: afval.voorbeeldstad.nl\n    status: active\n    registrant: Gemeente Voorbeeldstad (gm9999)\n",
    );
}

fn claiming(r: String) -> String {
    r.replace("domains: []\n", "domains:\n  - afval.voorbeeldstad.nl\n")
}

/// A pull request with findings in all three scopes, more than ten warnings and a waiver:
/// - `main`: `afvalwijzer` without HSTS and long unreviewed, `zwerfafval` claiming
///   `afval.voorbeeldstad.nl`;
/// - the change: three standards off in `afvalwijzer` (in the change; its old findings are in
///   the changed file), and a new `afvalkalender` with seven warnings, two errors and a waived
///   one, which claims the same domain, so that the untouched `zwerfafval` gets a finding
///   (elsewhere). Ten warnings in the change come before the one in the changed file, which
///   GitHub would not show.
fn pull_request() -> Repo {
    let repo = Repo::new();
    overview(&repo);
    repo.record("afvalwijzer", |r| {
        r.replace("https_hsts: true", "https_hsts: false")
            .replace("last_reviewed: 2026-06-01", "last_reviewed: 2024-01-15")
    });
    repo.record("zwerfafval", claiming);
    repo.commit("base");
    repo.branch("feature");
    repo.record("afvalwijzer", |r| {
        r.replace("https_hsts: true", "https_hsts: false")
            .replace("last_reviewed: 2026-06-01", "last_reviewed: 2024-01-15")
            .replace("security_txt: true", "security_txt: false")
            .replace("dnssec: true", "dnssec: false")
            .replace("ipv6: true", "ipv6: false")
            .replace("rpki: true", "rpki: false")
    });
    repo.record("afvalkalender", |r| {
        let mut r = claiming(r);
        for standard in ["https_hsts", "security_txt", "dnssec", "ipv6", "rpki", "mail_spf_dkim_dmarc", "mail_starttls_dane"] {
            r = r.replace(&format!("  {standard}: true"), &format!("  {standard}: false"));
        }
        r.replace("sender_visible: true", "sender_visible: false")
            .replace("last_reviewed: 2026-06-01", "last_reviewed: 2024-01-15")
            .replace("  status: A\n", "  status: D\n")
            + "waivers:\n  - rule: security-txt-missing\n    reason: Komt met de nieuwe webserver.\n    expires: 2027-03-31\n"
    });
    repo.commit("change");
    repo
}

#[test]
fn pr_github_annotates_the_change_before_the_rest_of_its_files_and_before_elsewhere() {
    let repo = pull_request();
    let out = repo.toets(&["pr", "--base", "main", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let review = json(&repo.toets(&["pr", "--base", "main", "--format", "json"]));
    let scopes = |severity: &str| -> Vec<String> {
        let mut v: Vec<String> = review["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["severity"] == severity && f.get("waived").is_none())
            .map(|f| f["scope"].as_str().expect("scope").to_owned())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    assert_eq!(scopes("error"), ["elsewhere", "in_change", "in_changed_file"], "the fixture has all three scopes");
    assert_eq!(commands(&text, "warning").len(), 10);
    assert!(text.lines().last().is_some_and(|l| l.ends_with("the job summary lists them all.")));
    insta::assert_snapshot!(text);
}

#[test]
fn pr_sarif_is_valid_and_marks_the_scope() {
    let repo = pull_request();
    let out = repo.toets(&["pr", "--base", "main", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let doc = valid_sarif(&out);
    let run = &doc["runs"][0];
    let brief: Vec<Value> = run["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            let place = &r["locations"][0]["physicalLocation"];
            j!([
                r["level"],
                r["ruleId"],
                place["artifactLocation"]["uri"],
                place["region"]["startLine"],
                r["properties"]["scope"],
                r.get("suppressions").is_some()
            ])
        })
        .collect();
    insta::assert_json_snapshot!(
        j!({"results": brief, "invocations": run["invocations"], "properties": run["properties"]})
    );
}
