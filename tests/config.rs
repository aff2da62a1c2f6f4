//! `toets.toml` and the schemas are hostile input too: they come in with a pull request. Through
//! the real binary: out-of-range thresholds, paths out of the repository, and configuration files
//! that are links, pipes or endless stop the run with exit 2 and say where; nothing outside the
//! repository is read. In `toets pr` the base's rules judge, and the pull request's own broken
//! rules are a finding.

mod common;

use common::{Repo, error};

/// Runs `toets check` with `toml` as the configuration: it must stop with exit 2.
fn refused(repo: &Repo, toml: &str) -> String {
    repo.write("toets.toml", toml);
    let out = repo.toets(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2), "stdout: {}\nstderr: {}", common::stdout(&out), error(&out));
    assert!(out.stdout.is_empty(), "a refused configuration still checked: {}", common::stdout(&out));
    error(&out)
}

#[test]
fn thresholds_out_of_range_are_a_configuration_error_at_their_place() {
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| r);
    let cases = [
        // Panicked inside jiff before.
        (
            "[thresholds]\nreview_months = 1000000\n",
            "toets.toml:2:17: the configuration is not valid: 1000000 months is out of range: write a whole number of months from 1 to 1200, e.g. `12`",
        ),
        (
            "[thresholds]\npentest_months = -1\n",
            "toets.toml:2:18: the configuration is not valid: -1 months is out of range: write a whole number of months from 1 to 1200, e.g. `12`",
        ),
        (
            "[thresholds]\nrisk_analysis_months = 0\n",
            "toets.toml:2:24: the configuration is not valid: 0 months is out of range: write a whole number of months from 1 to 1200, e.g. `12`",
        ),
        (
            "[thresholds]\nreuse_similarity = nan\n",
            "toets.toml:2:20: the configuration is not valid: NaN is out of range: write a number above 0 and at most 1, e.g. `0.3` (three words in ten in common)",
        ),
        (
            "[thresholds]\nreuse_similarity = 1.5\n",
            "toets.toml:2:20: the configuration is not valid: 1.5 is out of range: write a number above 0 and at most 1, e.g. `0.3` (three words in ten in common)",
        ),
        (
            "[thresholds]\nreuse_similarity = -inf\n",
            "toets.toml:2:20: the configuration is not valid: -inf is out of range: write a number above 0 and at most 1, e.g. `0.3` (three words in ten in common)",
        ),
    ];
    for (toml, expected) in cases {
        assert_eq!(refused(&repo, toml), expected, "for {toml:?}");
    }
    // The edges of the ranges are accepted.
    repo.write("toets.toml", "[thresholds]\nreview_months = 1200\npentest_months = 1\nreuse_similarity = 1.0\n");
    assert_eq!(repo.toets(&["check"]).status.code(), Some(0));
}

#[test]
fn configured_paths_must_stay_inside_the_repository() {
    let repo = Repo::new();
    let outside = tempfile::tempdir().expect("outside");
    std::fs::write(outside.path().join("secret.yaml"), "password: hunter2\n").expect("secret");
    let absolute = outside.path().display().to_string();
    let help = "is not a path inside the repository: write a path relative to the repository root, with `/` and without `..`, e.g. `registry`";
    let cases = [
        (
            format!("registry = \"{absolute}\"\n"),
            format!("toets.toml:1:12: the configuration is not valid: `{absolute}` {help}"),
        ),
        (
            "registry = \"../..\"\n".to_owned(),
            format!("toets.toml:1:12: the configuration is not valid: `../..` {help}"),
        ),
        (
            "schema = \"../../x.json\"\n".to_owned(),
            format!("toets.toml:1:10: the configuration is not valid: `../../x.json` {help}"),
        ),
        (
            "domains = \"registry/../../d.yaml\"\n".to_owned(),
            format!("toets.toml:1:11: the configuration is not valid: `registry/../../d.yaml` {help}"),
        ),
        ("domains_schema = \"\"\n".to_owned(), format!("toets.toml:1:18: the configuration is not valid: `` {help}")),
        (
            "registry = 'registry\\..\\..'\n".to_owned(),
            format!("toets.toml:1:12: the configuration is not valid: `registry\\..\\..` {help}"),
        ),
    ];
    for (toml, expected) in &cases {
        assert_eq!(&refused(&repo, toml), expected, "for {toml:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_registry_folder_that_links_out_of_the_repository_is_not_walked() {
    let repo = Repo::new();
    let outside = tempfile::tempdir().expect("outside");
    std::fs::write(outside.path().join("secret.yaml"), "password: hunter2\n").expect("secret");
    std::fs::remove_dir_all(repo.path().join("registry")).expect("remove registry");
    std::os::unix::fs::symlink(outside.path(), repo.path().join("registry")).expect("link");
    let out = repo.toets(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        error(&out),
        "registry: the registry folder leads outside the repository through a link; toets does not follow it"
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("hunter2"));
}

#[cfg(unix)]
#[test]
fn configuration_files_are_not_followed_out_of_the_repository() {
    let outside = tempfile::tempdir().expect("outside");
    let elsewhere = outside.path().join("toets.toml");
    std::fs::write(&elsewhere, "registry = \"registry\"\n").expect("outside config");
    let link = "it leads outside the repository (or to nothing) through a link; toets does not follow it";
    // Grew to 10.5 GB in 60 s before.
    let repo = Repo::new();
    std::fs::remove_file(repo.path().join("schemas/domains.schema.json")).expect("remove");
    std::os::unix::fs::symlink("/dev/zero", repo.path().join("schemas/domains.schema.json")).expect("link");
    let out = repo.toets(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(error(&out), format!("schemas/domains.schema.json: {link}"));

    let repo = Repo::new();
    std::fs::remove_file(repo.path().join("toets.toml")).expect("remove");
    std::os::unix::fs::symlink(&elsewhere, repo.path().join("toets.toml")).expect("link");
    let out = repo.toets(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(error(&out), format!("toets.toml: {link}"));

    // A folder on the way that is a link out counts as well.
    let repo = Repo::new();
    std::fs::create_dir(outside.path().join("schemas")).expect("outside schemas");
    std::fs::rename(repo.path().join("schemas"), outside.path().join("schemas")).expect("move schemas");
    std::os::unix::fs::symlink(outside.path().join("schemas"), repo.path().join("schemas")).expect("link");
    let out = repo.toets(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(error(&out), format!("schemas/application.schema.json: {link}"));
}

#[cfg(unix)]
#[test]
fn configuration_files_inside_the_repository_are_read_within_limits() {
    // A link inside the repository is read.
    let repo = Repo::new();
    repo.write("config/toets.toml", "lang = \"nl\"\n");
    std::fs::remove_file(repo.path().join("toets.toml")).expect("remove");
    std::os::unix::fs::symlink("config/toets.toml", repo.path().join("toets.toml")).expect("link");
    repo.record("afvalwijzer", |r| r.replace("kind: webapp", "kind: webshop"));
    let out = common::toets_in(repo.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", error(&out));

    // Larger than the limit: refused without reading all of it.
    let repo = Repo::new();
    let big = format!("{{\"description\": \"{}\"}}", "x".repeat(1024 * 1024));
    repo.write("schemas/application.schema.json", &big);
    let out = repo.toets(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        error(&out),
        "schemas/application.schema.json: it is larger than 1024 KiB, the most a configuration file may be"
    );

    // A named pipe would wait for a writer forever.
    let repo = Repo::new();
    std::fs::remove_file(repo.path().join("toets.toml")).expect("remove");
    let status = std::process::Command::new("mkfifo").arg(repo.path().join("toets.toml")).status().expect("mkfifo");
    assert!(status.success());
    let out = repo.toets(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(error(&out), "toets.toml: it is not a regular file");
}

/// On a branch `name` from `main`, replaces `rel` by a link to `target`, commits it and runs
/// `toets pr` on the branch: the base's rules judge it, and the link is a `config-invalid`
/// finding on `rel` (exit 1). Returns its message.
#[cfg(unix)]
fn pr_with_link(repo: &Repo, name: &str, rel: &str, target: &str) -> String {
    repo.checkout("main");
    repo.branch(name);
    std::fs::remove_file(repo.path().join(rel)).expect("remove");
    std::os::unix::fs::symlink(target, repo.path().join(rel)).expect("link");
    repo.commit("a link");
    let out = repo.toets(&["pr", "--base", "main", "--head", name, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", error(&out));
    let review = common::json(&out);
    let found: Vec<&serde_json::Value> =
        review["findings"].as_array().expect("findings").iter().filter(|f| f["rule"] == "config-invalid").collect();
    assert_eq!(found.len(), 1, "{}", review["findings"]);
    assert_eq!(found[0]["file"], rel);
    found[0]["message"].as_str().unwrap_or_default().to_owned()
}

#[cfg(unix)]
#[test]
fn a_pull_request_cannot_bring_configuration_links() {
    let repo = Repo::new();
    repo.record("afvalwijzer", |r| r);
    repo.commit("base");
    let refused = "toets cannot use the rules this pull request brings: it is a link in the commit; toets does not \
                   follow links. It is judged by the rules of its base; once merged, toets could not check the registry.";
    assert_eq!(pr_with_link(&repo, "schema-link", "schemas/domains.schema.json", "/dev/zero"), refused);
    assert_eq!(pr_with_link(&repo, "config-link", "toets.toml", "/etc/passwd"), refused);
}
