//! The GitHub workflows, read as data (through toets's own YAML loader), hold the properties that
//! keep a pull request from weakening the check that judges it: no `pull_request_target`, no
//! permissions by default and only the named ones per job, every action pinned to a commit, no
//! credentials left in a checkout, toets built from the base (or the default branch) and never
//! from the pull request, and no expression in a `run:` line.

mod common;

use serde_json::Value;
use toets::finding::Lang;
use toets::load::{self, Limits};

/// The workflow `.github/workflows/<name>` as a value, with its text.
fn workflow(name: &str) -> (Value, String) {
    let path = common::crate_root().join(".github/workflows").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = load::parse(&text, name, &Limits::default(), Lang::En)
        .unwrap_or_else(|f| panic!("{name} does not load: {:?}", f.iter().map(|f| &f.message).collect::<Vec<_>>()));
    (doc.value, text)
}

const WORKFLOWS: [&str; 2] = ["toets.yml", "toets-review.yml"];

/// Every step of every job, with its job's name.
fn steps(workflow: &Value) -> Vec<(&str, &Value)> {
    let jobs = workflow["jobs"].as_object().expect("jobs");
    jobs.iter()
        .flat_map(|(job, body)| body["steps"].as_array().expect("steps").iter().map(move |s| (job.as_str(), s)))
        .collect()
}

/// The steps that use `action` (`actions/checkout`, ...).
fn uses<'a>(workflow: &'a Value, action: &str) -> Vec<&'a Value> {
    let prefix = format!("{action}@");
    steps(workflow)
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(&prefix)))
        .collect()
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

#[test]
fn no_workflow_runs_on_pull_request_target() {
    for name in WORKFLOWS {
        let (wf, text) = workflow(name);
        let on = wf["on"].as_object().unwrap_or_else(|| panic!("{name}: `on` is not a mapping"));
        assert!(!on.contains_key("pull_request_target"), "{name}");
        assert!(!text.contains("pull_request_target"), "{name} names pull_request_target");
    }
    assert_eq!(
        workflow("toets.yml").0["on"].as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()),
        Some(vec!["pull_request".to_owned(), "push".to_owned()])
    );
}

#[test]
fn permissions_are_none_by_default_and_named_per_job() {
    let expected = [
        ("toets.yml", vec![("contents", "read")]),
        ("toets-review.yml", vec![("contents", "read"), ("pull-requests", "write"), ("actions", "read")]),
    ];
    for (name, job_permissions) in expected {
        let (wf, _) = workflow(name);
        assert_eq!(wf["permissions"], serde_json::json!({}), "{name}: top-level permissions");
        let jobs = wf["jobs"].as_object().expect("jobs");
        assert_eq!(jobs.len(), 1, "{name}");
        for (job, body) in jobs {
            let granted: Vec<(&str, &str)> = body["permissions"]
                .as_object()
                .unwrap_or_else(|| panic!("{name}: job {job} has no permissions of its own"))
                .iter()
                .map(|(k, v)| (k.as_str(), s(v)))
                .collect();
            assert_eq!(granted, job_permissions, "{name}: job {job}");
        }
    }
}

#[test]
fn every_action_is_pinned_to_a_commit_with_its_version_beside_it() {
    for name in WORKFLOWS {
        let (wf, text) = workflow(name);
        for (job, step) in steps(&wf) {
            let Some(used) = step["uses"].as_str() else { continue };
            let (action, sha) = used.split_once('@').unwrap_or_else(|| panic!("{name}/{job}: `{used}` has no ref"));
            assert!(
                sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
                "{name}/{job}: `{used}` is not pinned to a full commit SHA"
            );
            assert!(action.split('/').count() >= 2 && !action.starts_with('.'), "{name}/{job}: `{used}`");
            let line = text.lines().find(|l| l.contains(used)).expect("the line");
            let version = line.rsplit_once("# v").map(|(_, v)| v.trim());
            assert!(
                version.is_some_and(|v| !v.is_empty() && v.split('.').all(|n| n.parse::<u32>().is_ok())),
                "{name}/{job}: `{used}` has no version comment (`# vX.Y.Z`)"
            );
        }
    }
}

#[test]
fn every_checkout_leaves_no_credentials_behind() {
    for name in WORKFLOWS {
        let (wf, _) = workflow(name);
        let checkouts = uses(&wf, "actions/checkout");
        assert!(!checkouts.is_empty(), "{name} checks nothing out");
        for step in checkouts {
            assert_eq!(step["with"]["persist-credentials"], Value::Bool(false), "{name}: {}", step["name"]);
        }
    }
}

#[test]
fn toets_is_built_from_the_base_checkout_beside_the_pull_request_never_inside_it() {
    let (wf, _) = workflow("toets.yml");
    let checkouts = uses(&wf, "actions/checkout");
    let path_of = |reference: &str| {
        checkouts
            .iter()
            .find(|c| s(&c["with"]["ref"]) == reference)
            .map(|c| s(&c["with"]["path"]).to_owned())
            .unwrap_or_else(|| panic!("no checkout of {reference}"))
    };
    let base = path_of("${{ github.event.pull_request.base.sha || github.sha }}");
    let pr = path_of("${{ github.event.pull_request.head.sha || github.sha }}");
    assert_eq!(checkouts.len(), 2);
    // cargo and rustup read configuration from the folders above: the pull request's must not be.
    assert!(!base.is_empty() && !pr.is_empty(), "both are subfolders of the workspace");
    assert!(!base.starts_with(&format!("{pr}/")) && !pr.starts_with(&format!("{base}/")) && base != pr);
    let pr_checkout = checkouts.iter().find(|c| s(&c["with"]["path"]) == pr).expect("pr checkout");
    assert_eq!(pr_checkout["with"]["fetch-depth"], serde_json::json!(0), "toets pr needs the history");
    assert_builds_only_in(&wf, "toets.yml", &base);
    // The binary that runs is the base's, on the pull request's checkout.
    let toets = format!("{base}/target/release/toets");
    let runs: Vec<&str> = steps(&wf).into_iter().filter_map(|(_, st)| st["run"].as_str()).collect();
    let review = runs.iter().find(|r| r.contains(" pr -C ")).expect("a toets pr step");
    assert!(
        review.contains(&format!("{toets} pr -C {pr} --base \"$BASE_SHA\" --head \"$HEAD_SHA\" --no-cache")),
        "{review}"
    );
    assert!(review.contains("--output toets-review/toets-review.json"), "{review}");
    assert!(review.contains("--format markdown >> \"$GITHUB_STEP_SUMMARY\""), "{review}");
    assert!(review.contains("--format github"), "{review}");
    let check = runs.iter().find(|r| r.contains(" check ")).expect("a toets check step");
    assert_eq!(*check, format!("{toets} check -C {pr} --no-cache --color always"));
}

#[test]
fn the_poster_never_checks_out_the_pull_request_and_builds_from_the_default_branch() {
    let (wf, _) = workflow("toets-review.yml");
    let on = &wf["on"]["workflow_run"];
    assert_eq!(on["workflows"], serde_json::json!(["toets"]));
    assert_eq!(on["types"], serde_json::json!(["completed"]));
    assert_eq!(workflow("toets.yml").0["name"], "toets", "the poster follows this workflow by name");
    let checkouts = uses(&wf, "actions/checkout");
    assert_eq!(checkouts.len(), 1);
    let with = checkouts[0]["with"].as_object().expect("with");
    assert!(
        !with.contains_key("ref") && !with.contains_key("repository"),
        "the default branch, nothing else: {with:?}"
    );
    assert_builds_only_in(&wf, "toets-review.yml", s(&with["path"]));
    let download = uses(&wf, "actions/download-artifact");
    assert_eq!(download.len(), 1);
    let with = &download[0]["with"];
    assert_eq!(with["run-id"], "${{ github.event.workflow_run.id }}");
    assert_eq!(with["github-token"], "${{ github.token }}");
    assert!(s(&with["path"]).starts_with("${{ runner.temp }}/"), "the artifact is unpacked outside the checkout");
    let runs: Vec<&str> = steps(&wf).into_iter().filter_map(|(_, st)| st["run"].as_str()).collect();
    assert!(
        runs.contains(&"base/target/release/toets post \"$RUNNER_TEMP/toets-review/toets-review.json\""),
        "{runs:?}"
    );
}

/// The one step that runs cargo builds in `dir`, a checkout of `name`, and is skipped on a hit
/// of the cache keyed by the hash of that checkout's sources.
fn assert_builds_only_in(wf: &Value, name: &str, dir: &str) {
    let cargo: Vec<&Value> =
        steps(wf).into_iter().map(|(_, st)| st).filter(|st| s(&st["run"]).contains("cargo")).collect();
    assert_eq!(cargo.len(), 1, "{name}: one step runs cargo");
    assert_eq!(s(&cargo[0]["working-directory"]), dir, "{name}: the build runs in the trusted checkout");
    assert_eq!(s(&cargo[0]["run"]), "cargo build --release --locked");
    assert_eq!(s(&cargo[0]["if"]), "steps.toets-cache.outputs.cache-hit != 'true'");
    let restore = uses(wf, "actions/cache/restore");
    assert_eq!(restore.len(), 1, "{name}");
    let key = format!(
        "toets-${{{{ runner.os }}}}-${{{{ hashFiles('{dir}/src/**', '{dir}/Cargo.toml', '{dir}/Cargo.lock') }}}}"
    );
    assert_eq!(restore[0]["with"]["key"], Value::String(key), "{name}");
    assert_eq!(s(&restore[0]["with"]["path"]), format!("{dir}/target/release/toets"));
    assert_eq!(uses(wf, "actions/cache/save").len(), 1, "{name}: the build is kept right after it is made");
}

#[test]
fn no_run_line_holds_an_expression() {
    // Values reach a shell only through `env:`, so that nothing in them is read as a command.
    for name in WORKFLOWS {
        let (wf, _) = workflow(name);
        for (job, step) in steps(&wf) {
            let run = s(&step["run"]);
            assert!(!run.contains("${{"), "{name}/{job}: `{}` has an expression in `run:`", s(&step["name"]));
        }
    }
}
