//! Git: the only user of git2. Reads a local repository as plain data: the files of a commit and
//! what changed between two commits. Nothing is rendered here and nothing leaves the machine.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use git2::{DiffFindOptions, DiffOptions, ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};
use rayon::prelude::*;

use crate::error::ToolError;
use crate::finding::{Finding, Lang};
use crate::load::{self, Limits};
use crate::source::{self, Source};

/// A local git repository.
pub struct Repo {
    repo: Repository,
    /// Blobs read so far, by id and size limit: base and head share most of their files, and
    /// each is read (inflated) once.
    blobs: RefCell<HashMap<BlobKey, Arc<[u8]>>>,
}

/// Why a configuration file that is a link in a commit is refused.
const LINK_IN_COMMIT: &str = "it is a link in the commit; toets does not follow links";

/// A blob's id and the size it is cut off at.
type BlobKey = (Oid, usize);

/// A commit, as named on the command line and as found.
#[derive(Clone, Debug)]
pub struct Rev {
    pub name: String,
    pub oid: Oid,
}

fn git_error(e: git2::Error) -> ToolError {
    ToolError::Io { path: "git".into(), reason: e.message().to_owned() }
}

impl Repo {
    /// The repository that `start` is in.
    pub fn open(start: &Path) -> Result<Repo, ToolError> {
        let repo = Repository::discover(start).map_err(|e| {
            ToolError::Usage(format!(
                "{} is not inside a git repository ({}); `toets pr` compares commits",
                start.display(),
                e.message()
            ))
        })?;
        // Objects are read, not written: checking each blob's SHA-1 against its id (which git
        // itself leaves to `git fsck`) would cost more than inflating it.
        git2::opts::strict_hash_verification(false);
        Ok(Repo { repo, blobs: RefCell::default() })
    }

    /// The files under `dir` of the work tree that differ from the last commit (new, changed or
    /// deleted, staged or not): `toets pr` compares commits, and says which files it left out.
    pub fn uncommitted(&self, dir: &str) -> Vec<String> {
        let mut options = git2::StatusOptions::new();
        options.include_untracked(true).recurse_untracked_dirs(true).include_ignored(false).pathspec(dir);
        let Ok(statuses) = self.repo.statuses(Some(&mut options)) else { return Vec::new() };
        let mut out: Vec<String> = statuses
            .iter()
            .filter(|s| s.status() != git2::Status::CURRENT && !s.status().is_ignored())
            .filter_map(|s| s.path().map(str::to_owned))
            .collect();
        out.sort();
        out
    }

    /// Whether `rev` is the commit checked out (`HEAD`).
    pub fn is_head(&self, rev: &Rev) -> bool {
        self.repo.head().ok().and_then(|h| h.target()) == Some(rev.oid)
    }

    /// The commit that `spec` names (a branch, tag, `HEAD`, a hash). A shallow clone that lacks
    /// it gets the fix in plain words.
    pub fn commit(&self, spec: &str) -> Result<Rev, ToolError> {
        let found = self.repo.revparse_single(spec).and_then(|o| o.peel_to_commit());
        match found {
            Ok(commit) => Ok(Rev { name: spec.to_owned(), oid: commit.id() }),
            Err(_) if self.repo.is_shallow() => Err(ToolError::Usage(format!(
                "the commit `{spec}` is not in this clone: the clone is shallow (GitHub's actions/checkout fetches \
                 one commit by default). Fetch the history: `with: fetch-depth: 0` in the checkout step, or \
                 `git fetch --unshallow`"
            ))),
            Err(e) => Err(ToolError::Usage(format!("there is no commit `{spec}` here: {}", e.message()))),
        }
    }

    /// The base to compare `head` with: the merge base with `GITHUB_BASE_REF` when CI sets it,
    /// else with `origin/main`, else with `main`.
    pub fn default_base(&self, head: &Rev) -> Result<Rev, ToolError> {
        let mut candidates = Vec::new();
        // GitHub sets it empty on events other than pull requests.
        if let Ok(base) = std::env::var("GITHUB_BASE_REF").map(|b| b.trim().to_owned())
            && !base.is_empty()
        {
            candidates.push(format!("origin/{base}"));
            candidates.push(base);
        }
        for fallback in ["origin/main", "main"] {
            if !candidates.iter().any(|c| c == fallback) {
                candidates.push(fallback.to_owned());
            }
        }
        let tip = candidates.iter().find_map(|c| self.commit(c).ok()).ok_or_else(|| {
            let shallow = if self.repo.is_shallow() {
                " The clone is shallow and has no other branch: fetch the history with `fetch-depth: 0` in \
                 the checkout step."
            } else {
                ""
            };
            ToolError::Usage(format!(
                "no base to compare with: none of {} exists; name one with --base.{shallow}",
                candidates.join(", ")
            ))
        })?;
        self.merge_base(&tip, head)
    }

    /// The newest commit that both have in their history, named after `tip`.
    pub fn merge_base(&self, tip: &Rev, head: &Rev) -> Result<Rev, ToolError> {
        let oid = self.repo.merge_base(tip.oid, head.oid).map_err(|e| {
            let shallow = if self.repo.is_shallow() {
                " The clone is shallow: fetch the history with `fetch-depth: 0` in the checkout step."
            } else {
                ""
            };
            ToolError::Usage(format!(
                "`{}` and `{}` have no common history: {}.{shallow}",
                tip.name,
                head.name,
                e.message()
            ))
        })?;
        Ok(Rev { name: format!("merge-base({}, {})", tip.name, head.name), oid })
    }

    /// The bytes of the file at `path` in `rev`, or `None` when there is none.
    pub fn file(&self, rev: &Rev, path: &str) -> Result<Option<Vec<u8>>, ToolError> {
        let tree = self.repo.find_commit(rev.oid).and_then(|c| c.tree()).map_err(git_error)?;
        let Ok(entry) = tree.get_path(Path::new(path)) else { return Ok(None) };
        if is_link(entry.filemode()) {
            return Err(ToolError::Io { path: path.to_owned(), reason: LINK_IN_COMMIT.into() });
        }
        if entry.kind() != Some(ObjectType::Blob) {
            return Ok(None);
        }
        let blob = self.repo.find_blob(entry.id()).map_err(git_error)?;
        let cut = usize::try_from(load::MAX_CONFIG_BYTES + 1).unwrap_or(usize::MAX);
        Ok(Some(blob.content()[..blob.size().min(cut)].to_vec()))
    }

    /// The files under the folders `dirs` and the single `files` of `rev`, read into memory so
    /// that the checks can run on them in parallel.
    pub fn snapshot(
        &self,
        rev: &Rev,
        dirs: &[String],
        files: &[String],
        limits: &Limits,
    ) -> Result<Snapshot, ToolError> {
        let tree = self.repo.find_commit(rev.oid).and_then(|c| c.tree()).map_err(git_error)?;
        let mut out = BTreeMap::new();
        for dir in dirs {
            let Ok(entry) = tree.get_path(Path::new(dir)) else { continue };
            let Ok(sub) = self.repo.find_tree(entry.id()) else { continue };
            let mut found = Vec::new();
            sub.walk(TreeWalkMode::PreOrder, |parent, e| {
                let name = e.name().unwrap_or_default();
                let path = format!("{dir}/{parent}{name}");
                // A single file inside the folder (the overview) is read below, with its own limits.
                // A link of any name is listed: it may stand for a folder of records (a finding).
                let listed = source::is_yaml(name) || is_link(e.filemode());
                if e.kind() == Some(ObjectType::Blob) && listed && !files.contains(&path) {
                    found.push((path, e.id(), e.filemode()));
                }
                TreeWalkResult::Ok
            })
            .map_err(git_error)?;
            let max = cut_at(limits);
            self.prefetch(found.iter().filter(|(_, _, mode)| !is_link(*mode)).map(|(_, id, _)| (*id, max)).collect())?;
            for (path, id, mode) in found {
                out.insert(path, self.entry(id, mode, limits)?);
            }
        }
        for file in files {
            if let Ok(e) = tree.get_path(Path::new(file)) {
                if e.kind() == Some(ObjectType::Blob) {
                    out.insert(file.clone(), self.entry(e.id(), e.filemode(), &Limits::overview())?);
                }
            }
        }
        Ok(Snapshot { files: out })
    }

    /// Reads the blobs `ids` (with their size limits) that are not read yet, on all cores: one
    /// repository handle per batch, as a handle cannot be shared between threads.
    fn prefetch(&self, ids: Vec<BlobKey>) -> Result<(), ToolError> {
        let missing: Vec<BlobKey> = {
            let cache = self.blobs.borrow();
            ids.into_iter().filter(|k| !cache.contains_key(k)).collect()
        };
        let dir = self.repo.path();
        let read = missing
            .par_chunks(256)
            .map(|batch| {
                let repo = Repository::open(dir)?;
                batch
                    .iter()
                    .map(|&(id, max)| {
                        let blob = repo.find_blob(id)?;
                        Ok(((id, max), Arc::from(&blob.content()[..blob.size().min(max)])))
                    })
                    .collect::<Result<Vec<_>, git2::Error>>()
            })
            .collect::<Result<Vec<_>, git2::Error>>()
            .map_err(git_error)?;
        self.blobs.borrow_mut().extend(read.into_iter().flatten());
        Ok(())
    }

    /// One blob, cut off just past the size limit (the loader then reports it as too large).
    fn entry(&self, id: Oid, mode: i32, limits: &Limits) -> Result<Entry, ToolError> {
        if is_link(mode) {
            return Ok(Entry::Link);
        }
        let max = cut_at(limits);
        if let Some(bytes) = self.blobs.borrow().get(&(id, max)) {
            return Ok(Entry::Blob(id, Arc::clone(bytes)));
        }
        let blob = self.repo.find_blob(id).map_err(git_error)?;
        let bytes: Arc<[u8]> = Arc::from(&blob.content()[..blob.size().min(max)]);
        self.blobs.borrow_mut().insert((id, max), Arc::clone(&bytes));
        Ok(Entry::Blob(id, bytes))
    }

    /// The files under `scope` (folders or files) that differ between `base` and `head`, with
    /// renames found.
    pub fn changes(&self, base: &Rev, head: &Rev, scope: &[String]) -> Result<Vec<Change>, ToolError> {
        let tree = |rev: &Rev| self.repo.find_commit(rev.oid).and_then(|c| c.tree()).map_err(git_error);
        let (old, new) = (tree(base)?, tree(head)?);
        let mut opts = DiffOptions::new();
        // Paths, not patterns: a configured path such as `*` must not widen the scope.
        opts.disable_pathspec_match(true);
        for path in scope {
            opts.pathspec(path);
        }
        let mut diff = self.repo.diff_tree_to_tree(Some(&old), Some(&new), Some(&mut opts)).map_err(git_error)?;
        diff.find_similar(Some(DiffFindOptions::new().renames(true))).map_err(git_error)?;
        let path = |f: git2::DiffFile| f.path().map(|p| p.to_string_lossy().replace('\\', "/"));
        let changes = diff
            .deltas()
            .filter_map(|d| {
                let (old, new) = (path(d.old_file()), path(d.new_file()));
                let kind = match d.status() {
                    git2::Delta::Added | git2::Delta::Copied => ChangeKind::Added,
                    git2::Delta::Deleted => ChangeKind::Deleted,
                    git2::Delta::Renamed => ChangeKind::Renamed,
                    git2::Delta::Modified | git2::Delta::Typechange => ChangeKind::Modified,
                    _ => return None,
                };
                Some(Change {
                    kind,
                    old_path: (kind != ChangeKind::Added).then_some(old).flatten(),
                    new_path: (kind != ChangeKind::Deleted).then_some(new).flatten(),
                })
            })
            .collect();
        Ok(changes)
    }
}

/// The paths of the files git tracks in the work tree at `root`, as `git ls-files` lists them:
/// the index, or HEAD's tree when the index is empty. `None` when `root` is not the top of a git
/// work tree (the caller then looks at the files themselves).
pub fn tracked_files(root: &Path) -> Result<Option<Vec<String>>, ToolError> {
    let flags = git2::RepositoryOpenFlags::NO_SEARCH;
    let Ok(repo) = Repository::open_ext(root, flags, std::iter::empty::<&std::ffi::OsStr>()) else { return Ok(None) };
    if repo.is_bare() {
        return Ok(None);
    }
    let index = repo.index().map_err(git_error)?;
    // Sorted by path; a file in conflict has several stages, next to each other.
    let mut files: Vec<String> = index.iter().map(|e| String::from_utf8_lossy(&e.path).into_owned()).collect();
    files.dedup();
    if files.is_empty()
        && let Ok(tree) = repo.head().and_then(|h| h.peel_to_tree())
    {
        tree.walk(TreeWalkMode::PreOrder, |parent, e| {
            if e.kind() != Some(ObjectType::Tree) {
                files.push(format!("{parent}{}", String::from_utf8_lossy(e.name_bytes())));
            }
            TreeWalkResult::Ok
        })
        .map_err(git_error)?;
    }
    Ok(Some(files))
}

/// How much of a blob is kept: just past the size limit, so that the loader reports it as too large.
fn cut_at(limits: &Limits) -> usize {
    usize::try_from(limits.max_bytes.saturating_add(1)).unwrap_or(usize::MAX)
}

/// Whether a tree entry's mode is a symbolic link.
fn is_link(mode: i32) -> bool {
    mode == 0o120000
}

/// How a file changed between base and head.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Modified,
    Renamed,
    Deleted,
}

/// One changed file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    /// The path at base (none when added).
    pub old_path: Option<String>,
    /// The path at head (none when deleted).
    pub new_path: Option<String>,
}

/// A file of a commit, as read.
enum Entry {
    /// The blob's id (the same content has the same id in every commit) and its bytes.
    Blob(Oid, Arc<[u8]>),
    Link,
}

/// The files of one commit that a check needs, held in memory.
pub struct Snapshot {
    files: BTreeMap<String, Entry>,
}

impl Snapshot {
    /// No files: the base of a repository whose base cannot be read.
    pub fn empty() -> Snapshot {
        Snapshot { files: BTreeMap::new() }
    }
}

impl Source for Snapshot {
    fn identity(&self, rel: &str) -> Option<String> {
        match self.files.get(rel)? {
            Entry::Blob(id, _) => Some(id.to_string()),
            Entry::Link => None,
        }
    }

    fn list(&self, dir: &str) -> Result<Vec<String>, ToolError> {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        let listed =
            |(p, e): &(&String, &Entry)| p.starts_with(&prefix) && (source::is_yaml(p) || matches!(e, Entry::Link));
        Ok(self.files.iter().filter(listed).map(|(p, _)| p.clone()).collect())
    }

    fn read(&self, rel: &str, limits: &Limits, lang: Lang) -> Result<String, Finding> {
        match self.files.get(rel) {
            Some(Entry::Blob(_, bytes)) => load::from_bytes(bytes.to_vec(), rel, limits, lang),
            Some(Entry::Link) => Err(load::link_in_commit(rel, lang)),
            None => Err(load::not_a_file(rel, lang)),
        }
    }

    fn config(&self, rel: &str) -> Result<Option<String>, ToolError> {
        match self.files.get(rel) {
            Some(Entry::Blob(_, bytes)) => load::config_text(bytes.to_vec(), rel).map(Some),
            Some(Entry::Link) => Err(ToolError::Io { path: rel.to_owned(), reason: LINK_IN_COMMIT.into() }),
            None => Ok(None),
        }
    }
}
