//! The online part of `toets codeowners`, without HTTP: GitHub's answers as its OpenAPI
//! description gives them (`tests/data/github-api/`, examples of `@octokit/openapi` 23.0.2) turned
//! into findings by `toets::codeowners::github::online_findings`. Each case changes one setting of
//! the examples, the way an administrator would; the findings are snapshots.

use serde_json::{Value, json};
use toets::codeowners::github::{BranchProtection, BranchRule, CodeownersErrors, Ruleset, Settings, online_findings};
use toets::finding::Lang;

fn example(name: &str) -> Value {
    let path = format!("{}/tests/data/github-api/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("example")).expect("JSON")
}

fn parse<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("shaped as GitHub's answer")
}

/// A ruleset's `pull_request` rule with `parameters`, checked against GitHub's schema of it.
fn pull_request_rule(parameters: Value) -> Value {
    let rule = json!({
        "type": "pull_request",
        "ruleset_source_type": "Repository",
        "ruleset_source": "voorbeeldstad/register",
        "ruleset_id": 42,
        "parameters": parameters,
    });
    let schema = example("pull-request-rule.schema.json");
    let validator = jsonschema::validator_for(&schema).expect("GitHub's schema compiles");
    assert!(validator.is_valid(&rule), "not shaped as GitHub's pull_request rule: {rule}");
    rule
}

/// The parameters of a strict `pull_request` rule, with `changes` applied.
fn parameters(changes: &[(&str, Value)]) -> Value {
    let mut p = json!({
        "dismiss_stale_reviews_on_push": true,
        "require_code_owner_review": true,
        "require_last_push_approval": true,
        "required_approving_review_count": 1,
        "required_review_thread_resolution": false,
    });
    for (key, value) in changes {
        p[key] = value.clone();
    }
    p
}

/// The findings for these answers, one line each: rule, place, pointer, message and help.
fn findings(errors: Value, protection: Option<Value>, rules: Value, rulesets: Value, lang: Lang) -> String {
    let errors: CodeownersErrors = parse(errors);
    let protection: Option<BranchProtection> = protection.map(parse);
    let rules: Vec<BranchRule> = parse(rules);
    let rulesets: Vec<Ruleset> = parse(rulesets);
    let settings = Settings {
        branch: "main",
        file: ".github/CODEOWNERS",
        errors: &errors,
        protection: protection.as_ref(),
        rules: &rules,
        rulesets: &rulesets,
        lang,
    };
    online_findings(&settings)
        .iter()
        .map(|f| {
            let help = f.help.as_deref().unwrap_or("");
            format!(
                "{} {:?} {}:{}:{} {}\n  {}\n  help: {help}\n",
                f.rule, f.severity, f.file, f.line, f.column, f.pointer, f.message
            )
        })
        .collect()
}

fn no_errors() -> Value {
    json!({"errors": []})
}

#[test]
fn the_openapi_examples_give_the_codeowners_errors_only() {
    // The example protection requires a code owner's review, dismisses stale approvals and
    // applies to administrators; the example rules have no pull_request rule.
    let found = findings(
        example("codeowners-errors.json"),
        Some(example("branch-protection.json")),
        example("branch-rules.json"),
        json!([]),
        Lang::En,
    );
    insta::assert_snapshot!(found);
}

#[test]
fn an_unprotected_branch_needs_no_code_owner() {
    let found = findings(no_errors(), None, example("branch-rules.json"), json!([]), Lang::En);
    insta::assert_snapshot!("unprotected_en", found);
    let nl = findings(no_errors(), None, json!([]), json!([]), Lang::Nl);
    insta::assert_snapshot!("unprotected_nl", nl);
}

#[test]
fn protection_that_keeps_stale_approvals_and_lets_some_bypass() {
    let mut protection = example("branch-protection.json");
    protection["enforce_admins"]["enabled"] = json!(false);
    protection["required_pull_request_reviews"]["dismiss_stale_reviews"] = json!(false);
    let octocat = protection["restrictions"]["users"][0].clone();
    let team = protection["restrictions"]["teams"][0].clone();
    protection["required_pull_request_reviews"]["bypass_pull_request_allowances"] =
        json!({"users": [octocat], "teams": [team], "apps": []});
    let found = findings(no_errors(), Some(protection), example("branch-rules.json"), json!([]), Lang::En);
    insta::assert_snapshot!(found);
}

#[test]
fn protection_without_code_owner_review() {
    let mut protection = example("branch-protection.json");
    protection["required_pull_request_reviews"]["require_code_owner_reviews"] = json!(false);
    protection["enforce_admins"]["enabled"] = json!(false);
    // Administrators bypassing a review that is not required is no second finding.
    let found = findings(no_errors(), Some(protection), example("branch-rules.json"), json!([]), Lang::En);
    insta::assert_snapshot!(found);
}

#[test]
fn a_ruleset_that_requires_the_review_and_its_bypass_list() {
    let mut rules = example("branch-rules.json");
    let rule = pull_request_rule(parameters(&[]));
    rules.as_array_mut().expect("rules").push(rule);
    // The example ruleset (id 42) lets team 234 bypass it.
    let strict_rules =
        findings(no_errors(), None, rules.clone(), json!([example("repository-ruleset.json")]), Lang::En);
    insta::assert_snapshot!("ruleset_with_bypass_actors", strict_rules);

    let mut ruleset = example("repository-ruleset.json");
    ruleset["bypass_actors"] = json!([]);
    assert_eq!(findings(no_errors(), None, rules.clone(), json!([ruleset]), Lang::En), "");

    // Without the ruleset (or its bypass list) toets cannot tell who may bypass it.
    let unseen = findings(no_errors(), None, rules, json!([]), Lang::En);
    insta::assert_snapshot!("ruleset_not_seen", unseen);
}

#[test]
fn a_ruleset_that_keeps_stale_approvals() {
    let mut ruleset = example("repository-ruleset.json");
    ruleset["bypass_actors"] = json!([]);
    let rules = json!([pull_request_rule(parameters(&[("dismiss_stale_reviews_on_push", json!(false))]))]);
    let found = findings(no_errors(), None, rules, json!([ruleset]), Lang::En);
    insta::assert_snapshot!(found);
}
