//! The rules that run on a pull request's change itself (`runs: change`), on real repositories
//! built with git2: for each rule, changes where it fires and changes where it does not, with the
//! exact findings of that rule, and the terminal page of one case per rule as a snapshot.

mod common;

use common::{Repo, json};
use serde_json::Value;

/// A finding as the tests compare it: rule, file, line, column, severity, scope.
type Seen = (String, String, u64, u64, String, String);

/// `toets pr --base main --format json`: the review, after checking that toets ran.
fn review(repo: &Repo) -> Value {
    let out = repo.toets(&["pr", "--base", "main", "--format", "json"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    json(&out)
}

/// The findings of `rule` in the review of the branch against `main`.
fn findings(repo: &Repo, rule: &str) -> Vec<Seen> {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    review(repo)["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            let n = |v: &Value| v.as_u64().unwrap_or_default();
            (
                text(&f["rule"]),
                text(&f["file"]),
                n(&f["line"]),
                n(&f["column"]),
                text(&f["severity"]),
                text(&f["scope"]),
            )
        })
        .collect()
}

/// One expected finding, in the change.
fn seen(rule: &str, file: &str, line: u64, column: u64, severity: &str) -> Seen {
    (rule.to_owned(), file.to_owned(), line, column, severity.to_owned(), "in_change".to_owned())
}

/// The terminal page of `toets pr --base main`, with the commit ids replaced by names.
fn human(repo: &Repo) -> String {
    let out = repo.toets(&["pr", "--base", "main"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    let short = |spec: &str| {
        let oid = repo.git.revparse_single(spec).expect("rev").peel_to_commit().expect("commit").id().to_string();
        oid.chars().take(10).collect::<String>()
    };
    common::stdout(&out).replace(&short("main"), "<base>").replace(&short("HEAD"), "<head>")
}

/// A repository whose `main` has the records `ids` (edited by `edit`), on a new branch `feature`.
fn with_records(ids: &[&str], edit: impl Fn(String) -> String) -> Repo {
    let repo = Repo::new();
    for id in ids {
        repo.record(id, &edit);
    }
    repo.commit("base");
    repo.branch("feature");
    repo
}

/// An edit that sets `lifecycle.status` (valid.yaml's is `live`).
fn status(to: &str) -> impl Fn(String) -> String {
    let to = to.to_owned();
    move |r| r.replace("  status: live\n", &format!("  status: {to}\n"))
}

/// An edit that removes `cio_approval` (valid.yaml has one).
fn no_approval(r: String) -> String {
    r.replace("cio_approval:\n  by: J. Jansen\n  date: 2022-11-20\n  decision_ref: CIO-2022-031\n", "")
}

// ---------------------------------------------------------------------------------------------
// record-deleted
// ---------------------------------------------------------------------------------------------

#[test]
fn record_deleted_fires_on_a_deleted_record_file() {
    let repo = with_records(&["afvalwijzer", "parkeren"], |r| r);
    repo.remove("registry/parkeren.yaml");
    repo.commit("delete");
    assert_eq!(findings(&repo, "record-deleted"), [seen("record-deleted", "registry/parkeren.yaml", 1, 1, "error")]);
    insta::assert_snapshot!("record_deleted", human(&repo));
}

#[test]
fn record_deleted_is_quiet_when_the_record_is_retired_instead() {
    let repo = with_records(&["afvalwijzer", "parkeren"], |r| r);
    repo.record("parkeren", |r| {
        status("retired")(r)
            .replace("  live_since: 2023-04-01\n", "  live_since: 2023-04-01\n  retired_on: 2026-10-31\n")
    });
    repo.commit("retire");
    assert_eq!(findings(&repo, "record-deleted"), []);
}

#[test]
fn record_deleted_is_quiet_on_a_renamed_record() {
    let repo = with_records(&["afvalwijzer"], |r| r);
    repo.write(
        "registry/archief/afvalwijzer.yaml",
        &std::fs::read_to_string(repo.path().join("registry/afvalwijzer.yaml")).expect("read"),
    );
    repo.remove("registry/afvalwijzer.yaml");
    repo.commit("move");
    assert_eq!(review(&repo)["records"][0]["kind"], "renamed");
    assert_eq!(findings(&repo, "record-deleted"), []);
}

#[test]
fn record_deleted_is_quiet_on_a_move_that_git_sees_as_a_delete_and_an_add() {
    let repo = with_records(&["afvalwijzer"], |r| r);
    let text = std::fs::read_to_string(repo.path().join("registry/afvalwijzer.yaml")).expect("read");
    // Every line changes, so git cannot pair the two files; the id is the same.
    let moved: String = text.lines().map(|l| format!("{l} # verplaatst\n")).collect();
    repo.write("registry/archief/afvalwijzer.yaml", &moved);
    repo.remove("registry/afvalwijzer.yaml");
    repo.commit("move and rewrite");
    let kinds: Vec<Value> =
        review(&repo)["records"].as_array().expect("records").iter().map(|r| r["kind"].clone()).collect();
    assert_eq!(kinds, ["deleted", "added"]);
    assert_eq!(findings(&repo, "record-deleted"), []);
}

#[test]
fn record_deleted_is_quiet_when_the_domain_overview_is_deleted() {
    let repo = with_records(&["afvalwijzer"], |r| r);
    repo.remove("registry/domains.yaml");
    repo.commit("no overview");
    assert_eq!(review(&repo)["records"][0]["kind"], "deleted");
    assert_eq!(findings(&repo, "record-deleted"), []);
}

// ---------------------------------------------------------------------------------------------
// record-id-renamed
// ---------------------------------------------------------------------------------------------

#[test]
fn record_id_renamed_fires_on_a_renamed_file_with_a_new_id() {
    let repo = with_records(&["afvalwijzer"], |r| r);
    repo.remove("registry/afvalwijzer.yaml");
    repo.record("afvalkalender", |r| r);
    repo.commit("rename");
    assert_eq!(review(&repo)["records"][0]["kind"], "renamed");
    assert_eq!(
        findings(&repo, "record-id-renamed"),
        [seen("record-id-renamed", "registry/afvalkalender.yaml", 3, 1, "warning")]
    );
    insta::assert_snapshot!("record_id_renamed", human(&repo));
}

#[test]
fn record_id_renamed_fires_on_an_id_edited_in_place() {
    let repo = with_records(&["afvalwijzer"], |r| r);
    repo.record("afvalwijzer", |r| r.replace("id: afvalwijzer", "id: afvalkalender"));
    repo.commit("new id");
    assert_eq!(
        findings(&repo, "record-id-renamed"),
        [seen("record-id-renamed", "registry/afvalwijzer.yaml", 3, 1, "warning")]
    );
}

#[test]
fn record_id_renamed_is_quiet_when_only_the_name_or_the_path_changes() {
    let repo = with_records(&["afvalwijzer"], |r| r);
    repo.record("afvalwijzer", |r| r.replace("name: Afvalwijzer", "name: Afvalkalender"));
    repo.rename("registry/afvalwijzer.yaml", "registry/afval.yaml");
    repo.commit("new name, new path");
    assert_eq!(review(&repo)["records"][0]["kind"], "renamed");
    assert_eq!(findings(&repo, "record-id-renamed"), []);
}

// ---------------------------------------------------------------------------------------------
// lifecycle-step-invalid
// ---------------------------------------------------------------------------------------------

/// The findings of lifecycle-step-invalid when the branch moves the status from `from` to `to`.
fn step(from: &str, to: &str) -> Vec<Seen> {
    let repo = with_records(&["afvalwijzer"], status(from));
    repo.record("afvalwijzer", status(to));
    repo.commit("step");
    findings(&repo, "lifecycle-step-invalid")
}

#[test]
fn lifecycle_step_invalid_fires_on_a_step_back_or_past_the_cio() {
    let fired = [seen("lifecycle-step-invalid", "registry/afvalwijzer.yaml", 16, 3, "error")];
    for (from, to) in [
        ("proposed", "in_development"),
        ("proposed", "live"),
        ("proposed", "retired"),
        ("live", "in_development"),
        ("retired", "live"),
        ("approved", "proposed"),
        ("live", "rejected"),
        ("rejected", "approved"),
        ("rejected", "live"),
    ] {
        assert_eq!(step(from, to), fired, "{from} -> {to}");
    }
}

#[test]
fn lifecycle_step_invalid_is_quiet_on_a_step_forward() {
    for (from, to) in [
        ("proposed", "approved"),
        ("proposed", "rejected"),
        ("rejected", "proposed"),
        ("approved", "in_development"),
        ("approved", "live"),
        ("in_development", "live"),
        ("live", "deprecated"),
        ("live", "retired"),
        ("deprecated", "retired"),
        ("live", "live"),
    ] {
        assert_eq!(step(from, to), [], "{from} -> {to}");
    }
}

#[test]
fn lifecycle_step_invalid_is_quiet_on_a_new_record() {
    let repo = with_records(&["afvalwijzer"], |r| r);
    repo.record("parkeren", status("in_development"));
    repo.commit("add");
    assert_eq!(findings(&repo, "lifecycle-step-invalid"), []);
}

#[test]
fn lifecycle_step_invalid_shows_the_allowed_steps() {
    let repo = with_records(&["afvalwijzer"], status("proposed"));
    repo.record("afvalwijzer", status("live"));
    repo.commit("straight to live");
    insta::assert_snapshot!("lifecycle_step_invalid", human(&repo));
}

#[test]
fn lifecycle_step_invalid_names_the_last_stage_after_retired() {
    let repo = with_records(&["afvalwijzer"], status("retired"));
    repo.record("afvalwijzer", status("live"));
    repo.commit("back to live");
    let review = review(&repo);
    let finding = review["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "lifecycle-step-invalid")
        .expect("a finding");
    assert_eq!(
        finding["message"],
        "The status goes from `retired` to `live`: that is a step back; nothing follows `retired`."
    );
    assert_eq!(finding["pointer"], "/lifecycle/status");
}

// ---------------------------------------------------------------------------------------------
// cio-approval-changed
// ---------------------------------------------------------------------------------------------

#[test]
fn cio_approval_changed_fires_when_the_approval_arrives_with_the_approval_step() {
    let repo = with_records(&["afvalwijzer"], |r| no_approval(status("proposed")(r)));
    repo.record("afvalwijzer", status("approved"));
    repo.commit("approved");
    assert_eq!(
        findings(&repo, "cio-approval-changed"),
        [seen("cio-approval-changed", "registry/afvalwijzer.yaml", 24, 1, "warning")]
    );
    insta::assert_snapshot!("cio_approval_changed", human(&repo));
}

#[test]
fn cio_approval_changed_fires_when_the_decision_changes_with_the_step_to_live() {
    let repo = with_records(&["afvalwijzer"], status("in_development"));
    repo.record("afvalwijzer", |r| r.replace("CIO-2022-031", "CIO-2026-041"));
    repo.commit("live, other decision");
    assert_eq!(
        findings(&repo, "cio-approval-changed"),
        [seen("cio-approval-changed", "registry/afvalwijzer.yaml", 24, 1, "warning")]
    );
}

#[test]
fn cio_approval_changed_is_quiet_when_the_approval_was_already_at_base() {
    let repo = with_records(&["afvalwijzer"], status("approved"));
    repo.record("afvalwijzer", status("in_development"));
    repo.commit("building");
    assert_eq!(findings(&repo, "cio-approval-changed"), []);
}

#[test]
fn cio_approval_changed_is_quiet_when_the_status_stays_or_goes_to_a_later_stage() {
    // The decision reference is corrected; the status stays `live`.
    let repo = with_records(&["afvalwijzer"], |r| r);
    repo.record("afvalwijzer", |r| r.replace("CIO-2022-031", "CIO-2022-032"));
    repo.commit("typo");
    assert_eq!(findings(&repo, "cio-approval-changed"), []);
    // Deprecating relies on no new ratification of the approval.
    let repo = with_records(&["afvalwijzer"], |r| r);
    repo.record("afvalwijzer", |r| status("deprecated")(r).replace("CIO-2022-031", "CIO-2022-032"));
    repo.commit("deprecated");
    assert_eq!(findings(&repo, "cio-approval-changed"), []);
}

// ---------------------------------------------------------------------------------------------
// governance-changed
// ---------------------------------------------------------------------------------------------

#[test]
fn governance_changed_fires_once_per_changed_governance_path() {
    let repo = with_records(&["afvalwijzer"], |r| r);
    repo.write("toets.toml", "main_domains = [\"voorbeeldstad.nl\"]\n\n[rules]\npentest-outdated = \"off\"\n");
    repo.write(".github/workflows/toets.yml", "on: pull_request\n");
    repo.write("CODEOWNERS", "* @voorbeeldstad/cio\n");
    repo.record("afvalwijzer", |r| r.replace("name: Afvalwijzer", "name: Afvalkalender"));
    repo.commit("rules and a record");
    assert_eq!(
        findings(&repo, "governance-changed"),
        [
            seen("governance-changed", ".github/workflows/toets.yml", 1, 1, "warning"),
            seen("governance-changed", "CODEOWNERS", 1, 1, "warning"),
            seen("governance-changed", "toets.toml", 1, 1, "warning"),
        ]
    );
    insta::assert_snapshot!("governance_changed", human(&repo));
}

#[test]
fn governance_changed_fires_on_a_deleted_governance_path() {
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| r);
    repo.write("src/main.rs", "fn main() {}\n");
    repo.commit("base");
    repo.branch("feature");
    repo.remove("src/main.rs");
    repo.commit("no code");
    assert_eq!(findings(&repo, "governance-changed"), [seen("governance-changed", "src/main.rs", 1, 1, "warning")]);
}

#[test]
fn governance_changed_is_quiet_when_only_records_and_other_files_change() {
    let repo = with_records(&["afvalwijzer"], |r| r);
    repo.record("afvalwijzer", |r| r.replace("name: Afvalwijzer", "name: Afvalkalender"));
    repo.write("README.md", "# Register\n");
    repo.write("docs/schemas/notes.md", "# Notes\n");
    repo.commit("record and docs");
    assert_eq!(findings(&repo, "governance-changed"), []);
}

// ---------------------------------------------------------------------------------------------
// The rules of the base judge; governance-changed says what the pull request's own would do
// ---------------------------------------------------------------------------------------------

/// `toets pr --base main` in `format`, with its exit code; commit ids replaced by names.
fn page(repo: &Repo, format: &str) -> (Option<i32>, String) {
    let out = repo.toets(&["pr", "--base", "main", "--format", format]);
    let short = |spec: &str| {
        let oid = repo.git.revparse_single(spec).expect("rev").peel_to_commit().expect("commit").id().to_string();
        oid.chars().take(10).collect::<String>()
    };
    let text = common::stdout(&out).replace(&short("main"), "<base>").replace(&short("HEAD"), "<head>");
    (out.status.code(), text)
}

/// The message of the one finding of `rule` on `file`.
fn message_of(review: &Value, rule: &str, file: &str) -> String {
    let found: Vec<&Value> = review["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule && f["file"] == file)
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0]["message"].as_str().unwrap_or_default().to_owned()
}

/// `(rule, file, line)` of each finding in a list of the review's `rules_change`.
fn listed(review: &Value, list: &str) -> Vec<(String, String, u64)> {
    review["rules_change"][list]
        .as_array()
        .unwrap_or_else(|| panic!("no {list}: {}", review["rules_change"]))
        .iter()
        .map(|f| {
            let s = |v: &Value| v.as_str().unwrap_or_default().to_owned();
            (s(&f["rule"]), s(&f["file"]), f["line"].as_u64().unwrap_or_default())
        })
        .collect()
}

#[test]
fn a_rule_switched_off_by_the_pull_request_still_judges_it() {
    // At base, one record already lacks the CIO's approval; the branch removes another's and
    // switches the rule off.
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| r);
    repo.record("parkeren", no_approval);
    repo.commit("base");
    repo.branch("feature");
    repo.write("toets.toml", "main_domains = [\"voorbeeldstad.nl\"]\n\n[rules]\ncio-approval-missing = \"off\"\n");
    repo.record("afvalwijzer", no_approval);
    repo.commit("no approval needed");
    let (code, _) = page(&repo, "json");
    assert_eq!(code, Some(1), "the base's rule still fails the pull request");
    let review = review(&repo);
    assert_eq!(review["judged_by"], "base");
    assert_eq!(
        findings(&repo, "cio-approval-missing"),
        [(
            "cio-approval-missing".to_owned(),
            "registry/afvalwijzer.yaml".to_owned(),
            16,
            3,
            "error".to_owned(),
            "in_changed_file".to_owned()
        )]
    );
    assert_eq!(
        message_of(&review, "governance-changed", "toets.toml"),
        "This pull request changes `toets.toml`, which is part of the rules themselves, not of a record. With this \
         change, `cio-approval-missing` would be off (now an error): 2 findings would no longer be reported, e.g. \
         `registry/afvalwijzer.yaml` line 16 (`cio-approval-missing`)."
    );
    assert_eq!(review["rules_change"]["files"], serde_json::json!(["toets.toml"]));
    assert_eq!(
        review["rules_change"]["settings"],
        serde_json::json!([{"name": "rules.cio-approval-missing", "base": "error", "head": "off"}])
    );
    let dropped = |file: &str| ("cio-approval-missing".to_owned(), file.to_owned(), 16);
    assert_eq!(listed(&review, "dropped"), [dropped("registry/afvalwijzer.yaml"), dropped("registry/parkeren.yaml")]);
    assert_eq!(listed(&review, "added"), []);
    insta::assert_snapshot!("rule_switched_off_human", page(&repo, "human").1);
    insta::assert_snapshot!("rule_switched_off_markdown", page(&repo, "markdown").1);
}

#[test]
fn a_schema_loosened_by_the_pull_request_still_judges_it() {
    let repo = with_records(&["afvalwijzer"], |r| r);
    let text = std::fs::read_to_string(repo.path().join("schemas/application.schema.json")).expect("schema");
    let mut schema: Value = serde_json::from_str(&text).expect("JSON");
    schema["required"].as_array_mut().expect("required").retain(|k| k != "description");
    repo.write("schemas/application.schema.json", &serde_json::to_string_pretty(&schema).expect("JSON"));
    repo.record("afvalwijzer", |r| {
        r.replace("description: Laat per adres zien wanneer welk afval wordt opgehaald.\n", "")
    });
    repo.commit("description optional");
    let (code, _) = page(&repo, "json");
    assert_eq!(code, Some(1));
    let review = review(&repo);
    assert_eq!(
        findings(&repo, "schema"),
        [(
            "schema".to_owned(),
            "registry/afvalwijzer.yaml".to_owned(),
            2,
            1,
            "error".to_owned(),
            "in_changed_file".to_owned()
        )]
    );
    assert_eq!(review["rules_change"]["files"], serde_json::json!(["schemas/application.schema.json"]));
    assert_eq!(review["rules_change"]["settings"], serde_json::json!([]));
    assert_eq!(listed(&review, "dropped"), [("schema".to_owned(), "registry/afvalwijzer.yaml".to_owned(), 2)]);
    assert_eq!(
        message_of(&review, "governance-changed", "schemas/application.schema.json"),
        "This pull request changes `schemas/application.schema.json`, which is part of the rules themselves, not of \
         a record. With this change, 1 finding would no longer be reported, e.g. `registry/afvalwijzer.yaml` line 2 \
         (`schema`)."
    );
    insta::assert_snapshot!("schema_loosened_human", page(&repo, "human").1);
}

#[test]
fn a_broken_toets_toml_in_the_pull_request_is_a_finding_on_it() {
    let repo = with_records(&["afvalwijzer"], |r| r);
    repo.write("toets.toml", "main_domains = [\"voorbeeldstad.nl\"]\n\n[rules\ncio-approval-missing = \"off\"\n");
    repo.record("afvalwijzer", no_approval);
    repo.commit("broken configuration");
    let (code, _) = page(&repo, "json");
    assert_eq!(code, Some(1));
    let review = review(&repo);
    assert_eq!(findings(&repo, "config-invalid"), [seen("config-invalid", "toets.toml", 3, 7, "error")]);
    assert_eq!(findings(&repo, "cio-approval-missing").len(), 1, "the records are still judged");
    assert_eq!(review["rules_change"]["invalid"]["file"], "toets.toml");
    insta::assert_snapshot!("config_invalid", page(&repo, "human").1);
}

#[test]
fn config_invalid_fires_on_a_rule_that_does_not_exist_and_on_a_schema_that_is_not_json() {
    let repo = with_records(&["afvalwijzer"], |r| r);
    repo.write("toets.toml", "main_domains = [\"voorbeeldstad.nl\"]\n\n[rules]\npentest = \"off\"\n");
    repo.commit("unknown rule");
    assert_eq!(findings(&repo, "config-invalid"), [seen("config-invalid", "toets.toml", 1, 1, "error")]);
    let review = review(&repo);
    assert_eq!(
        message_of(&review, "config-invalid", "toets.toml"),
        "toets cannot use the rules this pull request brings: [rules] names `pentest`, which is not a rule; `toets \
         rules` lists them. It is judged by the rules of its base; once merged, toets could not check the registry."
    );
    repo.write("toets.toml", "main_domains = [\"voorbeeldstad.nl\"]\n");
    repo.write("schemas/domains.schema.json", "{ not json");
    repo.commit("broken schema");
    assert_eq!(
        findings(&repo, "config-invalid"),
        [seen("config-invalid", "schemas/domains.schema.json", 1, 1, "error")]
    );
}

#[test]
fn config_invalid_and_the_effect_are_quiet_when_the_rules_stay() {
    let repo = with_records(&["afvalwijzer"], |r| r);
    repo.record("afvalwijzer", no_approval);
    repo.commit("record only");
    let review = review(&repo);
    assert_eq!(review["rules_change"], Value::Null);
    assert_eq!(findings(&repo, "config-invalid"), []);
    assert_eq!(findings(&repo, "governance-changed"), []);
}

#[test]
fn a_comment_in_toets_toml_changes_no_finding_and_says_so() {
    let repo = with_records(&["afvalwijzer"], |r| r);
    repo.write("toets.toml", "# Reviewed by the CIO.\nmain_domains = [\"voorbeeldstad.nl\"]\n");
    repo.commit("comment");
    let review = review(&repo);
    assert_eq!(
        message_of(&review, "governance-changed", "toets.toml"),
        "This pull request changes `toets.toml`, which is part of the rules themselves, not of a record. With this \
         change, toets would find the same in this registry."
    );
}

#[test]
fn what_the_new_rules_would_let_through_is_listed_up_to_ten_then_counted() {
    let ids: Vec<String> = (1..=12).map(|i| format!("loket-{i:02}")).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let repo = with_records(&ids, no_approval);
    repo.write("toets.toml", "main_domains = [\"voorbeeldstad.nl\"]\n\n[rules]\ncio-approval-missing = \"off\"\n");
    repo.commit("no approval needed");
    let review = review(&repo);
    assert_eq!(review["rules_change"]["dropped"].as_array().map(Vec::len), Some(12), "JSON lists them all");
    let (code, human) = page(&repo, "human");
    assert_eq!(code, Some(0), "the records did not change: the findings are elsewhere and at base");
    let lines: Vec<&str> = human
        .lines()
        .skip_while(|l| *l != "    No longer reported (12):")
        .skip(1)
        .take_while(|l| l.starts_with("      "))
        .collect();
    let listed = |i: usize| {
        format!(
            "      × registry/loket-{i:02}.yaml:16:3 cio-approval-missing: The status is `live`, but the CIO's \
             ratification (`cio_approval`) is missing."
        )
    };
    let mut expected: Vec<String> = (1..=10).map(listed).collect();
    expected.push("      … 2 more".to_owned());
    assert_eq!(lines, expected);
    let (_, markdown) = page(&repo, "markdown");
    let listed: Vec<&str> = markdown.lines().filter(|l| l.starts_with("- ❌ `cio-approval-missing`")).collect();
    assert_eq!(listed.len(), 10);
    assert!(markdown.contains("No longer reported (12):\n"), "{markdown}");
    assert!(
        markdown.contains("\n_… 2 more findings not shown; `toets pr` in a terminal shows them all._\n"),
        "{markdown}"
    );
}
