//! What `toets pr --github-review` costs in requests and time, against the fake GitHub of the
//! tests (localhost, so the time is toets's own): a registry of 10,000 records with one changed
//! record, and a pull request with 500 findings. Run: `cargo bench --bench github`.

#[path = "../tests/fake_github/mod.rs"]
mod fake_github;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use fake_github::{FakeGitHub, NUMBER, OWNER, REPO, TOKEN};

const RECORDS: usize = 10_000;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let git = git2::Repository::init(dir.path()).expect("init");
    git.set_head("refs/heads/main").expect("main");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["application.schema.json", "domains.schema.json"] {
        write(dir.path(), &format!("schemas/{name}"), &std::fs::read_to_string(root.join("schemas").join(name)).expect("schema"));
    }
    write(dir.path(), "toets.toml", "main_domains = [\"voorbeeldstad.nl\"]\n");
    write(dir.path(), "registry/domains.yaml", "schema_version: \"1\"\ndomains: []\n");
    let valid = std::fs::read_to_string(root.join("tests/fixtures/valid.yaml")).expect("valid.yaml");
    let record = |id: &str, edit: &dyn Fn(String) -> String| {
        let text = valid.replace("id: valid", &format!("id: {id}")).replace("$schema=../../schemas", "$schema=../schemas");
        write(dir.path(), &format!("registry/{id}.yaml"), &edit(text));
    };
    for i in 0..RECORDS {
        record(&format!("app-{i:05}"), &|r| r);
    }
    let base = commit(&git, "10,000 records");

    git.branch("one", &git.find_commit(base).expect("base"), false).expect("branch");
    record("app-00042", &|r| r.replace("https_hsts: true", "https_hsts: false"));
    let one = commit_on(&git, "refs/heads/one", base, "one changed record");
    measure(dir.path(), &git, base, one, "10,000 records, one changed record");

    for i in 0..500 {
        record(&format!("new-{i:03}"), &|r| r.replace("https_hsts: true", "https_hsts: false"));
    }
    let many = commit_on(&git, "refs/heads/many", one, "500 new records with an error each");
    measure(dir.path(), &git, base, many, "10,000 records, 500 findings in the change");
}

/// Runs `toets pr --github-review` twice (first run, then a re-run with nothing new) and
/// prints the requests and the time of each.
fn measure(dir: &Path, git: &git2::Repository, base: git2::Oid, head: git2::Oid, what: &str) {
    let fake = FakeGitHub::start(&head.to_string(), fake_github::files_of(git, base, head));
    let event = dir.join("event.json");
    let payload = serde_json::json!({
        "number": NUMBER,
        "pull_request": {
            "number": NUMBER,
            "head": {"sha": head.to_string(), "repo": {"full_name": format!("{OWNER}/{REPO}")}},
            "base": {"sha": base.to_string(), "repo": {"full_name": format!("{OWNER}/{REPO}")}}
        }
    });
    std::fs::write(&event, payload.to_string()).expect("event");
    for run in ["first run", "re-run, nothing new"] {
        let started = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_toets"))
            .current_dir(dir)
            .env("TOETS_NO_CACHE", "1")
            .env("TOETS_TODAY", "2026-11-29")
            .env("GITHUB_API_URL", fake.uri())
            .env("GITHUB_REPOSITORY", format!("{OWNER}/{REPO}"))
            .env("GITHUB_EVENT_PATH", &event)
            .env("GITHUB_TOKEN", TOKEN)
            .args(["pr", "--base", &base.to_string(), "--head", &head.to_string(), "--format", "json", "--github-review"])
            .output()
            .expect("toets runs");
        let seconds = started.elapsed().as_secs_f64();
        let log = fake.take_log();
        let count = |m: &str| log.iter().filter(|l| l.method == m).count();
        println!(
            "{what}, {run}: {seconds:.2} s, {} requests ({} GET, {} POST, {} PATCH, {} PUT, {} DELETE), exit {:?}",
            log.len(),
            count("GET"),
            count("POST"),
            count("PATCH"),
            count("PUT"),
            count("DELETE"),
            out.status.code()
        );
        let problems = fake.violations();
        assert!(problems.is_empty(), "{problems:?}");
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn commit(git: &git2::Repository, message: &str) -> git2::Oid {
    let parent = git.head().ok().and_then(|h| h.peel_to_commit().ok()).map(|c| c.id());
    commit_tree(git, "HEAD", parent, message)
}

fn commit_on(git: &git2::Repository, refname: &str, parent: git2::Oid, message: &str) -> git2::Oid {
    commit_tree(git, refname, Some(parent), message)
}

/// Commits the whole work tree on `refname` with `parent`.
fn commit_tree(git: &git2::Repository, refname: &str, parent: Option<git2::Oid>, message: &str) -> git2::Oid {
    let mut index = git.index().expect("index");
    index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).expect("add");
    index.write().expect("write index");
    let tree = git.find_tree(index.write_tree().expect("tree")).expect("tree");
    let sig = git2::Signature::new("Bench", "bench@voorbeeldstad.nl", &git2::Time::new(1_764_000_000, 0)).expect("sig");
    let parents: Vec<git2::Commit> = parent.map(|p| git.find_commit(p).expect("parent")).into_iter().collect();
    let parents: Vec<&git2::Commit> = parents.iter().collect();
    git.commit(Some(refname), &sig, &sig, message, &tree, &parents).expect("commit")
}
