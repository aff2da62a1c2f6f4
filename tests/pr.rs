//! `toets pr` on real repositories built with git2: the change list, the marking of findings and
//! the failure modes of real clones.

mod common;

use common::{Repo, json};

/// A repository with one valid record on `main`, and a branch `feature` checked out.
fn with_feature() -> Repo {
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| r);
    repo.commit("base");
    repo.branch("feature");
    repo
}

#[test]
fn a_changed_field_is_listed_and_its_finding_is_in_the_change() {
    let repo = with_feature();
    repo.record("afvalwijzer", |r| {
        r.replace("  status: live\n", "  status: deprecated\n").replace("https_hsts: true", "https_hsts: false")
    });
    repo.commit("change");
    let out = repo.toets(&["pr", "--base", "main", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let review = json(&out);
    assert_eq!(review["records"][0]["kind"], "modified");
    assert_eq!(
        review["records"][0]["fields"],
        serde_json::json!([
            {"kind": "changed", "field": "lifecycle.status", "old": "live", "new": "deprecated"},
            {"kind": "changed", "field": "standards.https_hsts", "old": "true", "new": "false"}
        ])
    );
    let findings: Vec<(&str, &str)> = review["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| (f["rule"].as_str().unwrap_or(""), f["scope"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(findings, [("https-hsts-missing", "in_change")]);
}

#[test]
fn the_work_tree_is_not_read() {
    let repo = with_feature();
    repo.record("afvalwijzer", |r| r.replace("https_hsts: true", "https_hsts: false"));
    // Not committed: `toets pr` compares commits.
    let out = repo.toets(&["pr", "--base", "main", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stdout(&out));
    assert_eq!(json(&out)["records"], serde_json::json!([]));
}

#[test]
fn a_missing_base_names_the_fix() {
    let repo = with_feature();
    let out = repo.toets(&["pr", "--base", "no-such-branch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-branch"));
}

// ---------------------------------------------------------------------------------------------
// Helpers for the tests below.
// ---------------------------------------------------------------------------------------------

use std::path::Path;
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::{Value, json as j};

/// `toets pr --format json` with `args`: the exit code and the review.
fn pr(repo: &Repo, args: &[&str]) -> (Option<i32>, Value) {
    let mut all = vec!["pr", "--format", "json"];
    all.extend_from_slice(args);
    let out = repo.toets(&all);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    (out.status.code(), json(&out))
}

/// The names of the rules that run on the change itself. Their findings are tested in
/// tests/pr_rules.rs; the tests here are about how the check's findings are marked.
fn change_rules() -> &'static Vec<String> {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let out = common::toets_in(&common::crate_root(), &["rules", "--format", "json"]);
        json(&out)
            .as_array()
            .expect("rules")
            .iter()
            .filter(|r| r["runs"] == "change")
            .map(|r| r["name"].as_str().expect("name").to_owned())
            .collect()
    })
}

/// `(rule, file, scope)` of each finding of the check, in the order of the review.
fn marked(review: &Value) -> Vec<(String, String, String)> {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    review["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| !change_rules().contains(&text(&f["rule"])))
        .map(|f| (text(&f["rule"]), text(&f["file"]), text(&f["scope"])))
        .collect()
}

/// `(rule, file, scope)` as owned strings, to compare with `marked`.
fn expect(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    list.iter().map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned())).collect()
}

/// An edit of a record that lists `domain` in `domains`.
fn claiming(domain: &str) -> impl Fn(String) -> String {
    let domain = domain.to_owned();
    move |r| r.replace("domains: []\n", &format!("domains:\n  - {domain}\n"))
}

/// Writes `registry/domains.yaml` with `fqdns` all active.
fn overview(repo: &Repo, fqdns: &[&str]) {
    let mut text = String::from("schema_version: \"1\"\ndomains:\n");
    for fqdn in fqdns {
        text += &format!("  - fqdn: {fqdn}\n    status: active\n    registrant: Gemeente Voorbeeldstad\n");
    }
    repo.write("registry/domains.yaml", &text);
}

fn no_hsts(r: String) -> String {
    r.replace("https_hsts: true", "https_hsts: false")
}

/// The commit `spec` names, as a full hash.
fn oid(repo: &Repo, spec: &str) -> String {
    repo.git.revparse_single(spec).expect("rev").peel_to_commit().expect("commit").id().to_string()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Stderr with the error box's wrapping undone: its words separated by single spaces.
fn message(out: &Output) -> String {
    stderr(out).replace('│', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The git command line, for what only it does (shallow clones); product code never runs it.
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git").current_dir(dir).args(args).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

/// A shallow clone (`--depth 1`) of `repo` with `extra` clone options, in a new temp dir.
fn shallow_clone(repo: &Repo, extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dest = tmp.path().join("clone");
    let url = format!("file://{}", repo.path().display());
    let mut args = vec!["clone", "--quiet", "--depth", "1"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&[&url, dest.to_str().expect("utf-8 path")]);
    git(tmp.path(), &args);
    (tmp, dest)
}

// ---------------------------------------------------------------------------------------------
// What the change list holds.
// ---------------------------------------------------------------------------------------------

#[test]
fn a_renamed_record_is_listed_with_both_paths_and_the_fields_changed_across_the_rename() {
    let repo = Repo::new();
    repo.record("afvalwijzer", no_hsts);
    repo.commit("base");
    repo.branch("feature");
    repo.remove("registry/afvalwijzer.yaml");
    repo.record("afvalkalender", |r| no_hsts(r).replace("security_txt: true", "security_txt: false"));
    repo.commit("rename");
    let (code, review) = pr(&repo, &["--base", "main"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        review["records"],
        j!([{
            "kind": "renamed",
            "old_path": "registry/afvalwijzer.yaml",
            "new_path": "registry/afvalkalender.yaml",
            "fields": [
                {"kind": "changed", "field": "id", "old": "afvalwijzer", "new": "afvalkalender"},
                {"kind": "changed", "field": "standards.security_txt", "old": "true", "new": "false"}
            ]
        }])
    );
    // The finding that the record had before the rename is on an untouched line; the new one is
    // on the changed line.
    assert_eq!(
        marked(&review),
        expect(&[
            ("https-hsts-missing", "registry/afvalkalender.yaml", "in_changed_file"),
            ("security-txt-missing", "registry/afvalkalender.yaml", "in_change"),
        ])
    );
}

#[test]
fn a_pure_rename_has_no_field_changes_and_its_findings_are_in_the_changed_file() {
    let repo = with_feature();
    repo.rename("registry/afvalwijzer.yaml", "registry/afvalkalender.yaml");
    repo.commit("rename");
    let (code, review) = pr(&repo, &["--base", "main"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        review["records"],
        j!([{
            "kind": "renamed",
            "old_path": "registry/afvalwijzer.yaml",
            "new_path": "registry/afvalkalender.yaml",
            "fields": []
        }])
    );
    // The id no longer matches the file name: the rename caused it, on a line it did not touch.
    assert_eq!(marked(&review), expect(&[("id-mismatch", "registry/afvalkalender.yaml", "in_changed_file")]));
}

#[test]
fn a_deleted_record_is_listed_with_its_old_path_only() {
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| r);
    repo.record("parkeren", |r| r);
    repo.commit("base");
    repo.branch("feature");
    repo.remove("registry/parkeren.yaml");
    repo.commit("delete");
    let (_, review) = pr(&repo, &["--base", "main"]);
    assert_eq!(
        review["records"],
        j!([{"kind": "deleted", "old_path": "registry/parkeren.yaml", "new_path": null, "fields": []}])
    );
    assert_eq!(marked(&review), expect(&[]));
    assert_eq!(review["files"], 2, "afvalwijzer.yaml and domains.yaml at head");
}

#[test]
fn an_added_record_has_every_finding_in_the_change() {
    let repo = with_feature();
    repo.record("parkeren", |r| no_hsts(r).replace("security_txt: true", "security_txt: false"));
    repo.commit("add");
    let (code, review) = pr(&repo, &["--base", "main"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        review["records"],
        j!([{"kind": "added", "old_path": null, "new_path": "registry/parkeren.yaml", "fields": []}])
    );
    assert_eq!(
        marked(&review),
        expect(&[
            ("https-hsts-missing", "registry/parkeren.yaml", "in_change"),
            ("security-txt-missing", "registry/parkeren.yaml", "in_change"),
        ])
    );
}

// ---------------------------------------------------------------------------------------------
// Findings elsewhere: caused by the change, or there already.
// ---------------------------------------------------------------------------------------------

/// `main` with `afvalwijzer` claiming `afval.voorbeeldstad.nl` (in the overview), and a branch
/// `feature` checked out.
fn with_claimed_domain() -> Repo {
    let repo = Repo::new();
    overview(&repo, &["afval.voorbeeldstad.nl"]);
    repo.record("afvalwijzer", claiming("afval.voorbeeldstad.nl"));
    repo.record("parkeren", |r| r);
    repo.commit("base");
    repo.branch("feature");
    repo
}

#[test]
fn a_new_record_claiming_a_taken_domain_is_reported_in_the_change_when_it_sorts_last() {
    let repo = with_claimed_domain();
    repo.record("zwerfafval", claiming("afval.voorbeeldstad.nl"));
    repo.commit("add");
    let (code, review) = pr(&repo, &["--base", "main"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        marked(&review),
        expect(&[
            ("domain-claimed-twice", "registry/afvalwijzer.yaml", "elsewhere"),
            ("domain-claimed-twice", "registry/zwerfafval.yaml", "in_change"),
        ])
    );
}

#[test]
fn a_new_record_claiming_a_taken_domain_has_the_finding_in_the_change_whichever_claim_sorts_first() {
    // Among records of equal status the file that sorts first holds the older claim, here the
    // new `afvalkalender.yaml`; both claims get the finding, so the department that made the
    // change sees it on its own record.
    let repo = with_claimed_domain();
    repo.record("afvalkalender", claiming("afval.voorbeeldstad.nl"));
    repo.commit("add");
    let (code, review) = pr(&repo, &["--base", "main"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        marked(&review),
        expect(&[
            ("domain-claimed-twice", "registry/afvalkalender.yaml", "in_change"),
            ("domain-claimed-twice", "registry/afvalwijzer.yaml", "elsewhere"),
        ])
    );
    assert_eq!(review["findings"][0]["related"][0]["file"], "registry/afvalwijzer.yaml");
}

#[test]
fn deleting_the_only_record_of_an_active_domain_reports_the_overview_elsewhere() {
    let repo = with_claimed_domain();
    repo.remove("registry/afvalwijzer.yaml");
    repo.commit("delete");
    let (_, review) = pr(&repo, &["--base", "main"]);
    assert_eq!(review["records"][0]["kind"], "deleted");
    assert_eq!(marked(&review), expect(&[("domain-without-record", "registry/domains.yaml", "elsewhere")]));
}

#[test]
fn a_problem_elsewhere_that_exists_at_base_is_left_out_and_shown_with_all() {
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| r);
    repo.record("parkeren", no_hsts);
    repo.commit("base");
    repo.branch("feature");
    repo.record("afvalwijzer", |r| r.replace("Laat per adres zien", "Toont per adres"));
    repo.commit("describe");

    let (code, review) = pr(&repo, &["--base", "main"]);
    assert_eq!(code, Some(0), "the problem in parkeren.yaml is not this change's");
    assert_eq!(review["records"][0]["new_path"], "registry/afvalwijzer.yaml");
    assert_eq!(review["records"][0]["fields"][0]["field"], "description");
    assert_eq!(marked(&review), expect(&[]));

    let (code, review) = pr(&repo, &["--base", "main", "--all"]);
    assert_eq!(code, Some(1));
    assert_eq!(marked(&review), expect(&[("https-hsts-missing", "registry/parkeren.yaml", "elsewhere")]));
}

#[test]
fn a_problem_in_a_changed_file_that_exists_at_base_is_kept_without_all() {
    let repo = Repo::new();
    repo.record("afvalwijzer", no_hsts);
    repo.commit("base");
    repo.branch("feature");
    repo.record("afvalwijzer", |r| no_hsts(r).replace("Laat per adres zien", "Toont per adres"));
    repo.commit("describe");
    let (code, review) = pr(&repo, &["--base", "main"]);
    assert_eq!(code, Some(1));
    assert_eq!(marked(&review), expect(&[("https-hsts-missing", "registry/afvalwijzer.yaml", "in_changed_file")]));
}

// ---------------------------------------------------------------------------------------------
// Which commits are compared.
// ---------------------------------------------------------------------------------------------

/// The records of a review as `(kind, path)`.
fn changed(review: &Value) -> Vec<(String, String)> {
    review["records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|r| {
            let path = r["new_path"].as_str().or(r["old_path"].as_str()).unwrap_or_default();
            (r["kind"].as_str().unwrap_or_default().to_owned(), path.to_owned())
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

#[test]
fn a_detached_head_is_reviewed_with_head_head() {
    let repo = with_feature();
    repo.record("afvalwijzer", no_hsts);
    let tip = repo.commit("change");
    // As in CI: the commit checked out on its own, its branch gone.
    repo.git.set_head_detached(tip).expect("detach");
    repo.git.find_branch("feature", git2::BranchType::Local).expect("branch").delete().expect("delete");
    let short: String = tip.to_string().chars().take(10).collect();
    for args in [&["--base", "main", "--head", "HEAD"][..], &["--head", "HEAD"], &[]] {
        let (code, review) = pr(&repo, args);
        assert_eq!(code, Some(1), "{args:?}");
        assert_eq!(review["head"], format!("HEAD ({short})"), "{args:?}");
        assert_eq!(changed(&review), pairs(&[("modified", "registry/afvalwijzer.yaml")]), "{args:?}");
        assert_eq!(
            marked(&review),
            expect(&[("https-hsts-missing", "registry/afvalwijzer.yaml", "in_change")]),
            "{args:?}"
        );
    }
}

#[test]
fn head_names_a_commit_other_than_the_one_checked_out() {
    let repo = with_feature();
    repo.record("afvalwijzer", no_hsts);
    repo.commit("change");
    repo.checkout("main");
    let (code, review) = pr(&repo, &["--base", "main", "--head", "feature"]);
    assert_eq!(code, Some(1));
    assert_eq!(changed(&review), pairs(&[("modified", "registry/afvalwijzer.yaml")]));
}

#[test]
fn main_merged_into_the_feature_branch_shows_only_the_feature_changes() {
    let repo = with_feature();
    repo.record("afvalwijzer", no_hsts);
    repo.commit("feature change");
    repo.checkout("main");
    repo.record("parkeren", |r| r.replace("security_txt: true", "security_txt: false"));
    repo.commit("main moves on");
    let main_tip: String = oid(&repo, "main").chars().take(10).collect();
    repo.checkout("feature");
    repo.merge("main", "merge main into feature");
    for args in [&["--base", "main"][..], &[]] {
        let (code, review) = pr(&repo, args);
        assert_eq!(code, Some(1), "{args:?}");
        assert_eq!(review["base"], format!("merge-base(main, HEAD) ({main_tip})"), "{args:?}");
        assert_eq!(changed(&review), pairs(&[("modified", "registry/afvalwijzer.yaml")]), "{args:?}");
        // parkeren.yaml's problem came from main: it exists at the merge base, so it is left out.
        assert_eq!(
            marked(&review),
            expect(&[("https-hsts-missing", "registry/afvalwijzer.yaml", "in_change")]),
            "{args:?}"
        );
    }
}

/// `main` (afvalwijzer) <- `develop` (adds parkeren) <- `feature` (changes afvalwijzer), with
/// `feature` checked out.
fn with_develop() -> Repo {
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| r);
    repo.commit("base");
    repo.branch("develop");
    repo.record("parkeren", |r| r);
    repo.commit("develop");
    repo.branch("feature");
    repo.record("afvalwijzer", |r| r.replace("Laat per adres zien", "Toont per adres"));
    repo.commit("feature");
    repo
}

/// `toets pr --format json` with `GITHUB_BASE_REF` set to `base_ref`, as in a GitHub workflow.
fn toets_in_ci(repo: &Repo, base_ref: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_toets"))
        .current_dir(repo.path())
        .env("TOETS_TODAY", "2026-11-29")
        .env("GITHUB_BASE_REF", base_ref)
        .env("NO_COLOR", "1")
        .env("TOETS_NO_CACHE", "1")
        .args(["--lang", "en", "pr", "--format", "json"])
        .output()
        .expect("toets runs")
}

/// The review of `toets_in_ci`, which must find nothing.
fn pr_in_ci(repo: &Repo, base_ref: &str) -> Value {
    let out = toets_in_ci(repo, base_ref);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    json(&out)
}

#[test]
fn the_default_base_is_the_merge_base_with_github_base_ref() {
    let repo = with_develop();
    let review = pr_in_ci(&repo, "develop");
    let develop: String = oid(&repo, "develop").chars().take(10).collect();
    assert_eq!(review["base"], format!("merge-base(develop, HEAD) ({develop})"));
    assert_eq!(changed(&review), pairs(&[("modified", "registry/afvalwijzer.yaml")]));
}

#[test]
fn github_base_ref_main_compares_with_main() {
    let repo = with_develop();
    let review = pr_in_ci(&repo, "main");
    let main: String = oid(&repo, "main").chars().take(10).collect();
    assert_eq!(review["base"], format!("merge-base(main, HEAD) ({main})"));
    assert_eq!(
        changed(&review),
        pairs(&[("modified", "registry/afvalwijzer.yaml"), ("added", "registry/parkeren.yaml")])
    );
}

#[test]
fn an_empty_github_base_ref_falls_back_to_main() {
    // GitHub sets GITHUB_BASE_REF to "" on push events.
    let repo = with_develop();
    let review = pr_in_ci(&repo, "");
    assert!(review["base"].as_str().expect("base").starts_with("merge-base(main, HEAD)"), "{}", review["base"]);
}

#[test]
fn without_github_base_ref_the_default_base_is_the_merge_base_with_main() {
    let repo = with_develop();
    let (code, review) = pr(&repo, &[]);
    assert_eq!(code, Some(0));
    let main: String = oid(&repo, "main").chars().take(10).collect();
    assert_eq!(review["base"], format!("merge-base(main, HEAD) ({main})"));
    assert_eq!(
        changed(&review),
        pairs(&[("modified", "registry/afvalwijzer.yaml"), ("added", "registry/parkeren.yaml")])
    );
}

#[test]
fn origin_main_goes_before_a_stale_local_main() {
    let repo = with_develop();
    let develop = repo.git.revparse_single("develop").expect("develop").id();
    repo.git.reference("refs/remotes/origin/main", develop, true, "fetched").expect("origin/main");
    let (_, review) = pr(&repo, &[]);
    assert!(review["base"].as_str().expect("base").starts_with("merge-base(origin/main, HEAD)"));
    assert_eq!(changed(&review), pairs(&[("modified", "registry/afvalwijzer.yaml")]));
}

#[test]
fn without_main_or_github_base_ref_the_base_must_be_named() {
    let repo = with_feature();
    repo.git.find_branch("main", git2::BranchType::Local).expect("main").rename("trunk", false).expect("rename");
    let out = repo.toets(&["pr"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(message(&out).contains("name one with --base"), "{}", stderr(&out));
    let (code, _) = pr(&repo, &["--base", "trunk"]);
    assert_eq!(code, Some(0));
    // Each branch tried is named once.
    let err = message(&toets_in_ci(&repo, "main"));
    assert!(err.contains("none of origin/main, main exists"), "{err}");
    let err = message(&toets_in_ci(&repo, "develop"));
    assert!(err.contains("none of origin/develop, develop, origin/main, main exists"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Paths outside the registry.
// ---------------------------------------------------------------------------------------------

#[test]
fn paths_outside_the_registry_are_ignored_and_governance_paths_are_listed() {
    let repo = with_feature();
    repo.write("docs/notes.md", "# Notes\n");
    repo.write("toets.toml.orig", "backup\n");
    repo.write(".github/workflows/x.yml", "on: pull_request\n");
    let schema = std::fs::read_to_string(repo.path().join("schemas/application.schema.json")).expect("schema");
    repo.write("schemas/application.schema.json", &format!("{schema}\n"));
    repo.write("toets.toml", "main_domains = [\"voorbeeldstad.nl\"]\n# reviewed\n");
    repo.commit("governance");
    let (code, review) = pr(&repo, &["--base", "main"]);
    assert_eq!(code, Some(0), "{review}");
    assert_eq!(review["records"], j!([]));
    assert_eq!(review["governance"], j!([".github/workflows/x.yml", "schemas/application.schema.json", "toets.toml"]));
    assert_eq!(marked(&review), expect(&[]));
}

#[test]
fn a_file_in_the_registry_that_is_not_yaml_is_neither_a_record_nor_governance() {
    let repo = with_feature();
    repo.write("registry/README.md", "# Registry\n");
    repo.commit("readme");
    let (_, review) = pr(&repo, &["--base", "main"]);
    assert_eq!(review["records"], j!([]));
    assert_eq!(review["governance"], j!([]));
}

#[test]
fn only_the_change_to_the_overview_is_listed_when_the_overview_changes() {
    let repo = with_claimed_domain();
    overview(&repo, &["afval.voorbeeldstad.nl", "parkeren.voorbeeldstad.nl"]);
    repo.commit("overview");
    let (code, review) = pr(&repo, &["--base", "main"]);
    assert_eq!(code, Some(0), "{review}");
    assert_eq!(changed(&review), pairs(&[("modified", "registry/domains.yaml")]));
    // The new active domain has no record: a warning, on the line the change adds.
    assert_eq!(marked(&review), expect(&[("domain-without-record", "registry/domains.yaml", "in_change")]));
}

// ---------------------------------------------------------------------------------------------
// Clones and revisions that cannot be compared.
// ---------------------------------------------------------------------------------------------

#[test]
fn a_shallow_clone_without_the_base_commit_names_fetch_depth() {
    let repo = with_feature();
    let parent = oid(&repo, "main");
    repo.record("afvalwijzer", no_hsts);
    repo.commit("change");
    let (_tmp, clone) = shallow_clone(&repo, &[]);
    let out = common::toets_in(&clone, &["pr", "--base", &parent]);
    assert_eq!(out.status.code(), Some(2));
    let err = message(&out);
    assert!(err.contains("shallow") && err.contains("fetch-depth: 0"), "{err}");
}

#[test]
fn a_shallow_clone_without_the_merge_base_names_fetch_depth() {
    let repo = with_feature();
    repo.record("afvalwijzer", no_hsts);
    repo.commit("change");
    repo.checkout("main");
    repo.record("parkeren", |r| r);
    repo.commit("main moves on");
    repo.checkout("feature");
    // Both branch tips, one commit deep each: no history in common.
    let (_tmp, clone) = shallow_clone(&repo, &["--no-single-branch"]);
    let out = common::toets_in(&clone, &["pr", "--base", "origin/main"]);
    assert_eq!(out.status.code(), Some(2));
    let err = message(&out);
    assert!(err.contains("shallow") && err.contains("fetch-depth: 0"), "{err}");
}

#[test]
fn a_shallow_clone_without_the_target_branch_names_fetch_depth() {
    // What actions/checkout gives a pull request by default: one commit, no other branch.
    let repo = with_feature();
    repo.record("afvalwijzer", no_hsts);
    repo.commit("change");
    let (_tmp, clone) = shallow_clone(&repo, &["--single-branch", "--branch", "feature"]);
    let out = common::toets_in(&clone, &["pr"]);
    assert_eq!(out.status.code(), Some(2));
    let err = message(&out);
    assert!(err.contains("shallow") && err.contains("fetch-depth: 0"), "{err}");
}

#[test]
fn a_base_without_common_history_is_refused() {
    let repo = with_feature();
    // A branch with history of its own: same files, no common commit.
    let tree = repo.git.head().expect("head").peel_to_tree().expect("tree");
    let sig = git2::Signature::now("Test", "test@voorbeeldstad.nl").expect("sig");
    repo.git.commit(Some("refs/heads/orphan"), &sig, &sig, "orphan", &tree, &[]).expect("orphan");
    let out = repo.toets(&["pr", "--base", "orphan"]);
    assert_eq!(out.status.code(), Some(2));
    let err = message(&out);
    assert!(err.contains("`orphan`") && err.contains("no common history"), "{err}");
    assert!(!err.contains("shallow"), "{err}");
}

#[test]
fn an_unknown_revision_is_refused_with_its_name() {
    let repo = with_feature();
    let unknown = "0123456789abcdef0123456789abcdef01234567";
    for args in [["--base", unknown, "--head", "HEAD"], ["--base", "main", "--head", "no-such-branch"]] {
        let rev = if args[1] == "main" { args[3] } else { args[1] };
        let out = repo.toets(&[&["pr"][..], &args].concat());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = message(&out);
        assert!(err.contains(&format!("there is no commit `{rev}`")), "{err}");
        assert!(!err.contains("shallow"), "{err}");
    }
}

#[test]
fn a_base_that_cannot_be_checked_still_gives_the_field_changes() {
    // The pull request that brings the schemas: at base there is nothing to check against.
    let repo = Repo::new();
    repo.remove("schemas/application.schema.json");
    repo.record("afvalwijzer", no_hsts);
    repo.commit("base without schema");
    repo.branch("feature");
    let schema = std::fs::read_to_string(common::crate_root().join("schemas/application.schema.json")).expect("schema");
    repo.write("schemas/application.schema.json", &schema);
    repo.record("afvalwijzer", |r| no_hsts(r).replace("security_txt: true", "security_txt: false"));
    repo.commit("add the schema");
    let (code, review) = pr(&repo, &["--base", "main"]);
    assert_eq!(code, Some(1));
    assert_eq!(review["governance"], j!(["schemas/application.schema.json"]));
    // Without rules at base, the pull request's own judge it, and the review says so.
    assert_eq!(review["judged_by"], "head");
    assert_eq!(review["rules_change"], j!(null));
    let page = common::stdout(&repo.toets(&["pr", "--base", "main", "--format", "markdown"]));
    assert!(
        page.contains(
            "The base has no rules toets can use (a schema or `toets.toml`), so this pull request is judged by its own.</sub>"
        ),
        "{page}"
    );
    assert_eq!(
        review["records"][0]["fields"],
        j!([{"kind": "changed", "field": "standards.security_txt", "old": "true", "new": "false"}])
    );
    // Nothing was checked at base, so the untouched line's finding is in the changed file.
    assert_eq!(
        marked(&review),
        expect(&[
            ("https-hsts-missing", "registry/afvalwijzer.yaml", "in_changed_file"),
            ("security-txt-missing", "registry/afvalwijzer.yaml", "in_change"),
        ])
    );
}

#[test]
fn a_record_over_the_size_limit_in_the_head_commit_is_too_large() {
    let repo = with_feature();
    let padding = format!("# {}\n", "x".repeat(100)).repeat(11_000);
    repo.record("parkeren", |r| format!("{r}{padding}"));
    repo.commit("large");
    let (code, review) = pr(&repo, &["--base", "main"]);
    assert_eq!(code, Some(1));
    assert_eq!(marked(&review), expect(&[("file-too-large", "registry/parkeren.yaml", "in_change")]));
}

#[test]
fn a_record_that_grows_over_the_size_limit_has_its_finding_in_the_change() {
    let repo = with_feature();
    let padding = format!("# {}\n", "x".repeat(100)).repeat(11_000);
    repo.record("afvalwijzer", |r| format!("{r}{padding}"));
    repo.commit("large");
    let (code, review) = pr(&repo, &["--base", "main"]);
    assert_eq!(code, Some(1));
    assert_eq!(changed(&review), pairs(&[("modified", "registry/afvalwijzer.yaml")]));
    assert_eq!(marked(&review), expect(&[("file-too-large", "registry/afvalwijzer.yaml", "in_change")]));

    // Still too large after the next change: the finding was there before it.
    repo.branch("next");
    repo.record("afvalwijzer", |r| format!("{}{padding}", r.replace("Laat per adres zien", "Toont per adres")));
    repo.commit("still large");
    let (_, review) = pr(&repo, &["--base", "feature"]);
    assert_eq!(marked(&review), expect(&[("file-too-large", "registry/afvalwijzer.yaml", "in_changed_file")]));
}

#[cfg(unix)]
#[test]
fn a_link_in_the_head_commit_is_reported_and_not_followed() {
    let repo = with_feature();
    std::os::unix::fs::symlink("afvalwijzer.yaml", repo.path().join("registry/parkeren.yaml")).expect("symlink");
    repo.commit("link");
    let (code, review) = pr(&repo, &["--base", "main"]);
    assert_eq!(code, Some(1));
    assert_eq!(changed(&review), pairs(&[("added", "registry/parkeren.yaml")]));
    assert_eq!(marked(&review), expect(&[("symlink-outside-repository", "registry/parkeren.yaml", "in_change")]));
}

#[test]
fn the_configuration_comes_from_the_base_commit_not_the_work_tree() {
    let repo = with_feature();
    // An uncommitted, broken toets.toml in the work tree does not concern the pull request.
    repo.write("toets.toml", "this is = not [valid toml\n");
    let out = repo.toets(&["pr", "--base", "main", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn json_lists_what_the_cio_is_asked_to_decide() {
    let repo = with_feature();
    repo.remove("registry/afvalwijzer.yaml");
    repo.commit("delete");
    let out = repo.toets(&["pr", "--base", "main", "--format", "json"]);
    let review = json(&out);
    let kinds: Vec<&str> =
        review["decisions"].as_array().expect("decisions").iter().map(|d| d["kind"].as_str().unwrap_or("")).collect();
    assert_eq!(kinds, ["blocking", "decide"], "{}", review["decisions"]);
    assert_eq!(review["decisions"][1]["text"], "Confirm removing Afvalwijzer from the register.");
}

/// `toets pr --base main --format json` with its cache in `cache` (`None`: without a cache).
fn pr_cached(repo: &Repo, cache: Option<&std::path::Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_toets"));
    command.current_dir(repo.path()).env("TOETS_TODAY", "2026-11-29").env_remove("GITHUB_BASE_REF");
    match cache {
        Some(dir) => command.env("TOETS_CACHE_DIR", dir).env_remove("TOETS_NO_CACHE"),
        None => command.env("TOETS_NO_CACHE", "1"),
    };
    command.args(["--lang", "en", "pr", "--base", "main", "--format", "json"]).output().expect("toets runs")
}

#[test]
fn a_review_from_the_cache_is_the_review_without_it() {
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| r);
    repo.record("parkeren", |r| r);
    repo.commit("base");
    repo.branch("feature");
    repo.record("parkeren", |r| r.replace("https_hsts: true", "https_hsts: false"));
    repo.commit("no HSTS");
    let cache = tempfile::tempdir().expect("cache dir");
    let fresh = pr_cached(&repo, None);
    assert_eq!(fresh.status.code(), Some(1), "the change has an error");
    let first = pr_cached(&repo, Some(cache.path()));
    let written = common::cache_file(cache.path());
    assert!(written.is_some(), "no cache written");
    let cached = pr_cached(&repo, Some(cache.path()));
    assert_eq!(written, common::cache_file(cache.path()), "the second review did not reuse the cache");
    for out in [&first, &cached] {
        assert_eq!((out.status.code(), &out.stdout), (fresh.status.code(), &fresh.stdout));
    }
    // The next commit changes another record: only it is checked anew, and the review is again
    // the one without the cache.
    repo.record("afvalwijzer", |r| r.replace("security_txt: true", "security_txt: false"));
    repo.commit("no security.txt");
    let fresh = pr_cached(&repo, None);
    let cached = pr_cached(&repo, Some(cache.path()));
    assert_ne!(written, common::cache_file(cache.path()), "the cache was not updated");
    assert_eq!((cached.status.code(), &cached.stdout), (fresh.status.code(), &fresh.stdout));
    let rules: Vec<String> = json(&cached)["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(
        rules.contains(&"https-hsts-missing".to_owned()) && rules.contains(&"security-txt-missing".to_owned()),
        "{rules:?}"
    );
}

#[test]
fn a_review_that_changes_the_rules_is_cached_by_the_base_rules_and_is_the_review_without_it() {
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| r);
    repo.record("parkeren", |r| r);
    repo.commit("base");
    repo.branch("feature");
    repo.write("toets.toml", "main_domains = [\"voorbeeldstad.nl\"]\n\n[rules]\nhttps-hsts-missing = \"off\"\n");
    repo.record("parkeren", |r| r.replace("https_hsts: true", "https_hsts: false"));
    repo.commit("no HSTS, and no rule for it");
    let cache = tempfile::tempdir().expect("cache dir");
    let fresh = pr_cached(&repo, None);
    assert_eq!(fresh.status.code(), Some(1), "the base's rule still fails the change");
    let first = pr_cached(&repo, Some(cache.path()));
    let written = common::cache_file(cache.path());
    assert!(written.is_some(), "no cache written");
    let cached = pr_cached(&repo, Some(cache.path()));
    assert_eq!(written, common::cache_file(cache.path()), "the second review did not reuse the cache");
    for out in [&first, &cached] {
        assert_eq!((out.status.code(), &out.stdout), (fresh.status.code(), &fresh.stdout));
    }
    let dropped: Vec<String> = json(&cached)["rules_change"]["dropped"]
        .as_array()
        .expect("dropped")
        .iter()
        .map(|f| format!("{} {}", f["rule"].as_str().unwrap_or_default(), f["file"].as_str().unwrap_or_default()))
        .collect();
    assert_eq!(dropped, ["https-hsts-missing registry/parkeren.yaml"]);
    // The same registry checked on main has the same key: the base's rules, not the branch's.
    repo.checkout("main");
    repo.branch("other");
    repo.record("afvalwijzer", |r| r.replace("name: Afvalwijzer", "name: Afvalkalender"));
    repo.commit("rename");
    let other = pr_cached(&repo, Some(cache.path()));
    assert_eq!(other.status.code(), Some(0), "{}", String::from_utf8_lossy(&other.stderr));
    let rewritten = common::cache_file(cache.path());
    assert_ne!(written, rewritten, "one record changed, the cache is updated");
    let again = pr_cached(&repo, Some(cache.path()));
    assert_eq!(again.stdout, other.stdout);
    assert_eq!(rewritten, common::cache_file(cache.path()), "the same rules reuse the whole cache");
}

#[test]
fn a_record_not_committed_is_named_not_ignored() {
    let repo = with_feature();
    repo.record("afvalwijzer", no_hsts);
    repo.commit("change");
    repo.record("fietsenstalling", |r| r);
    let (_, review) = pr(&repo, &["--base", "main"]);
    assert_eq!(review["uncommitted"], serde_json::json!(["registry/fietsenstalling.yaml"]));
    let out = repo.toets(&["pr", "--base", "main"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Not part of this comparison, because not committed: `registry/fietsenstalling.yaml`. Commit it first to have it checked here."),
        "{text}"
    );
    // A named head that is not the commit checked out has nothing to say about the work tree.
    let (_, review) = pr(&repo, &["--base", "main", "--head", "main"]);
    assert_eq!(review["uncommitted"], serde_json::json!([]));
}
