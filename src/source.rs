//! Source: where the files of a check come from. `toets check` reads the work tree; `toets pr`
//! reads commits (see [`crate::git`]). Both give the same loader the same bytes, so a record gets
//! the same findings wherever it is read from.

use std::path::{Path, PathBuf};

use crate::error::ToolError;
use crate::finding::{Finding, Lang};
use crate::load::{self, Limits};

/// A tree of files, named by their path relative to the repository root (with `/`).
pub trait Source: Sync {
    /// The `.yaml` and `.yml` files under `dir`, in a stable order; none when it does not exist.
    fn list(&self, dir: &str) -> Result<Vec<String>, ToolError>;

    /// A file's text, through the loader's checks (size, encoding, links).
    fn read(&self, rel: &str, limits: &Limits, lang: Lang) -> Result<String, Finding>;

    /// A configuration file's text (`toets.toml`, a schema), or `None` when it does not exist.
    fn config(&self, rel: &str) -> Result<Option<String>, ToolError>;

    /// What identifies a file's content across sources (a git blob id), when known: a file with
    /// the same identity gets the same findings, so its earlier results can be reused.
    fn identity(&self, _rel: &str) -> Option<String> {
        None
    }
}

/// Whether a file name is a record's.
pub fn is_yaml(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

/// The files as they are on disk under `root`.
pub struct WorkTree {
    pub root: PathBuf,
}

impl WorkTree {
    /// The path of `path` relative to the root, with `/`, as findings name it.
    pub fn relative(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        rel.to_string_lossy().replace('\\', "/")
    }

    /// Record files named on the command line: files as given, folders walked. Symlinked
    /// folders are not entered and folders that cannot be read are not walked, but both are
    /// listed, so that [`load::read`] reports them; symlinked files are judged there too.
    pub fn expand(&self, paths: &[PathBuf]) -> Result<Vec<String>, ToolError> {
        let mut files = Vec::new();
        for path in paths {
            let meta = std::fs::symlink_metadata(path)
                .map_err(|e| ToolError::Io { path: path.display().to_string(), reason: e.to_string() })?;
            if !meta.is_dir() {
                files.push(self.relative(path));
                continue;
            }
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                match entry {
                    Ok(entry) if is_record(&entry) => files.push(self.relative(entry.path())),
                    Ok(_) => {}
                    // A folder it could not read; the walk goes on with the next.
                    Err(e) => files.extend(e.path().map(|p| self.relative(p))),
                }
            }
        }
        Ok(files)
    }
}

/// Whether a walked entry is a record to read: a YAML file, or a link to a folder (which is
/// not entered, and gets a finding instead of silently dropping the records behind it).
fn is_record(entry: &walkdir::DirEntry) -> bool {
    if entry.file_type().is_dir() {
        return false;
    }
    is_yaml(&entry.file_name().to_string_lossy()) || (entry.path_is_symlink() && entry.path().is_dir())
}

impl Source for WorkTree {
    fn list(&self, dir: &str) -> Result<Vec<String>, ToolError> {
        let path = self.root.join(dir);
        if std::fs::symlink_metadata(&path).is_err() {
            return Ok(Vec::new());
        }
        if load::within(&self.root, &path).is_none() {
            return Err(ToolError::Io {
                path: dir.to_owned(),
                reason: "the registry folder leads outside the repository through a link; toets does not follow it"
                    .into(),
            });
        }
        self.expand(&[path])
    }

    fn read(&self, rel: &str, limits: &Limits, lang: Lang) -> Result<String, Finding> {
        load::read(&self.root, &self.root.join(rel), rel, limits, lang)
    }

    fn config(&self, rel: &str) -> Result<Option<String>, ToolError> {
        load::read_config(&self.root, rel)
    }
}
