//! Shared test helpers: real git repositories in temporary folders, built with git2, and the
//! real binary run on them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use git2::{Repository, Signature};

/// A git repository in a temporary folder with the real schemas, a `toets.toml` and the records
/// of `tests/fixtures/valid.yaml`'s shape.
pub struct Repo {
    pub dir: tempfile::TempDir,
    pub git: Repository,
}

impl Repo {
    /// A repository on branch `main` with the schemas and `toets.toml` committed.
    pub fn new() -> Repo {
        let dir = tempfile::tempdir().expect("temp dir");
        let git = Repository::init(dir.path()).expect("git init");
        git.set_head("refs/heads/main").expect("main");
        let repo = Repo { dir, git };
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for name in ["application.schema.json", "domains.schema.json"] {
            let text = std::fs::read_to_string(root.join("schemas").join(name)).expect("schema");
            repo.write(&format!("schemas/{name}"), &text);
        }
        repo.write("toets.toml", "main_domains = [\"voorbeeldstad.nl\"]\n");
        repo.write("registry/domains.yaml", "schema_version: \"1\"\ndomains: []\n");
        repo
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file in the work tree (not yet committed).
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path().join(rel)).expect("remove");
    }

    pub fn rename(&self, from: &str, to: &str) {
        std::fs::rename(self.path().join(from), self.path().join(to)).expect("rename");
    }

    /// Writes `registry/<id>.yaml`: `tests/fixtures/valid.yaml` with its id, with `edit` applied.
    pub fn record(&self, id: &str, edit: impl Fn(String) -> String) {
        let base = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid.yaml"))
            .expect("valid.yaml")
            .replace("id: valid", &format!("id: {id}"))
            .replace("$schema=../../schemas", "$schema=../schemas");
        self.write(&format!("registry/{id}.yaml"), &edit(base));
    }

    /// Commits every change of the work tree on the current branch; returns the commit id.
    pub fn commit(&self, message: &str) -> git2::Oid {
        let mut index = self.git.index().expect("index");
        index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).expect("add");
        index.update_all(["*"], None).expect("update");
        index.write().expect("write index");
        let tree = self.git.find_tree(index.write_tree().expect("tree")).expect("tree");
        let sig = Signature::new("Test", "test@voorbeeldstad.nl", &git2::Time::new(1_764_000_000, 0)).expect("sig");
        let parents: Vec<git2::Commit> =
            self.git.head().ok().and_then(|h| h.peel_to_commit().ok()).into_iter().collect();
        let parents: Vec<&git2::Commit> = parents.iter().collect();
        self.git.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents).expect("commit")
    }

    /// Creates `name` at the current commit and switches to it.
    pub fn branch(&self, name: &str) {
        let head = self.git.head().expect("head").peel_to_commit().expect("commit");
        self.git.branch(name, &head, false).expect("branch");
        self.checkout(name);
    }

    /// Switches to branch `name`, work tree included.
    pub fn checkout(&self, name: &str) {
        let refname = format!("refs/heads/{name}");
        let obj = self.git.revparse_single(&refname).expect("branch exists");
        self.git.checkout_tree(&obj, Some(git2::build::CheckoutBuilder::new().force())).expect("checkout");
        self.git.set_head(&refname).expect("set head");
    }

    /// Merges branch `other` into the current branch with a merge commit (no conflicts expected).
    pub fn merge(&self, other: &str, message: &str) -> git2::Oid {
        let theirs =
            self.git.revparse_single(&format!("refs/heads/{other}")).expect("branch").peel_to_commit().expect("c");
        let ours = self.git.head().expect("head").peel_to_commit().expect("commit");
        let mut index = self.git.merge_commits(&ours, &theirs, None).expect("merge");
        assert!(!index.has_conflicts(), "merge conflict");
        let tree = self.git.find_tree(index.write_tree_to(&self.git).expect("tree")).expect("tree");
        let sig = Signature::new("Test", "test@voorbeeldstad.nl", &git2::Time::new(1_764_000_100, 0)).expect("sig");
        let oid = self.git.commit(Some("HEAD"), &sig, &sig, message, &tree, &[&ours, &theirs]).expect("commit");
        self.git.checkout_head(Some(git2::build::CheckoutBuilder::new().force())).expect("checkout");
        oid
    }

    /// Runs the real binary in the repository, on 2026-11-29, in English, without colour.
    pub fn toets(&self, args: &[&str]) -> Output {
        toets_in(self.path(), args)
    }
}

/// Runs the real binary in `dir` on 2026-11-29 in English; `GITHUB_BASE_REF` is cleared.
pub fn toets_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_toets"))
        .current_dir(dir)
        .env("TOETS_TODAY", "2026-11-29")
        .env_remove("GITHUB_BASE_REF")
        .env("NO_COLOR", "1")
        .env("TOETS_NO_CACHE", "1")
        .arg("--lang")
        .arg("en")
        .args(args)
        .output()
        .expect("toets runs")
}

/// The name, inode and time of change of the cache file in `dir`, if any: a run that rewrites
/// the cache changes them, one that reuses all of it does not.
pub fn cache_file(dir: &Path) -> Option<(PathBuf, u64, std::time::SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    let entry = std::fs::read_dir(dir).ok()?.flatten().find(|e| e.path().extension().is_some_and(|x| x == "cache"))?;
    let meta = entry.metadata().ok()?;
    Some((entry.path(), meta.ino(), meta.modified().ok()?))
}

/// Stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The error toets printed on stderr, without miette's decoration and line wrapping.
pub fn error(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines = stderr.lines().skip_while(|l| !l.trim_start().starts_with('×'));
    let text: Vec<&str> = lines
        .take_while(|l| !l.trim().is_empty())
        .map(|l| l.trim_start().trim_start_matches(['×', '│']).trim())
        .collect();
    text.join(" ")
}

/// The JSON that `--format json` printed.
pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(out)))
}

/// The crate root.
pub fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Waits for `child` (spawned with piped stdout and stderr) at most `deadline`; kills it when it
/// takes longer. Both pipes are read while waiting, so that a full pipe cannot stall the child.
pub fn finish_within(mut child: std::process::Child, deadline: std::time::Duration) -> Result<Output, String> {
    use std::io::Read;
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for toets") {
            break status;
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("did not finish within {deadline:?}"));
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    Ok(Output { status, stdout: stdout.join().expect("stdout reader"), stderr: stderr.join().expect("stderr reader") })
}
