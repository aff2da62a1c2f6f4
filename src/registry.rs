//! Registry: finds the record files and runs load and check on each, in parallel.
//!
//! Only what a report needs survives a file: its findings, and its text when it has findings (for
//! the source snippet). That keeps memory flat however large the registry grows.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::error::ToolError;
use crate::finding::{self, Finding, Lang};
use crate::load::{self, Limits};
use crate::schema::Schema;

/// Everything one check run found.
pub struct Outcome {
    pub findings: Vec<Finding>,
    /// Number of files checked.
    pub files: usize,
    /// The text of every file that has findings, by its relative path.
    pub sources: BTreeMap<String, Arc<String>>,
}

/// A registry repository, ready to check.
pub struct Registry {
    pub root: PathBuf,
    pub config: Config,
    pub lang: Lang,
    pub limits: Limits,
    records: Schema,
    domains: Schema,
}

impl Registry {
    /// Opens the repository at `root` with its configuration and schemas.
    pub fn open(root: PathBuf, config: Config, lang: Lang) -> Result<Registry, ToolError> {
        let records = Schema::load(&root.join(&config.schema))?;
        let domains = Schema::load(&root.join(&config.domains_schema))?;
        Ok(Registry { root, config, lang, limits: Limits::default(), records, domains })
    }

    /// Checks the files under `paths` (files or folders), or the whole registry when empty.
    pub fn check(&self, paths: &[PathBuf]) -> Result<Outcome, ToolError> {
        let files = self.discover(paths)?;
        let results: Vec<(Vec<Finding>, Option<(String, Arc<String>)>)> =
            files.par_iter().map(|path| self.check_file(path)).collect();
        let mut outcome = Outcome { findings: Vec::new(), files: files.len(), sources: BTreeMap::new() };
        for (findings, source) in results {
            outcome.findings.extend(findings);
            if let Some((rel, text)) = source {
                outcome.sources.insert(rel, text);
            }
        }
        finding::sort(&mut outcome.findings);
        Ok(outcome)
    }

    /// Record files: `.yaml`/`.yml` files under each path, in a stable order. Symlinked folders
    /// are not entered; symlinked files are listed and judged by [`load::read`].
    fn discover(&self, paths: &[PathBuf]) -> Result<Vec<PathBuf>, ToolError> {
        let default = [self.root.join(&self.config.registry)];
        let paths = if paths.is_empty() { &default[..] } else { paths };
        let mut files = Vec::new();
        for path in paths {
            let meta = std::fs::symlink_metadata(path).map_err(|e| ToolError::Io {
                path: path.display().to_string(),
                reason: e.to_string(),
            })?;
            if !meta.is_dir() {
                files.push(path.clone());
                continue;
            }
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                let entry = entry.map_err(|e| ToolError::Io {
                    path: path.display().to_string(),
                    reason: e.to_string(),
                })?;
                let is_yaml = matches!(entry.path().extension().and_then(|e| e.to_str()), Some("yaml" | "yml"));
                if is_yaml && !entry.file_type().is_dir() {
                    files.push(entry.into_path());
                }
            }
        }
        Ok(files)
    }

    /// The path of `path` relative to the root, with `/`, as findings name it.
    pub fn relative(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        rel.to_string_lossy().replace('\\', "/")
    }

    fn check_file(&self, path: &Path) -> (Vec<Finding>, Option<(String, Arc<String>)>) {
        let rel = self.relative(path);
        let text = match load::read(&self.root, path, &rel, &self.limits, self.lang) {
            Ok(text) => text,
            Err(f) => return (vec![f], None),
        };
        let findings = self.check_text(&text, &rel);
        let source = (!findings.is_empty()).then(|| (rel, Arc::new(text)));
        (findings, source)
    }

    /// Load and check one file's text.
    fn check_text(&self, text: &str, rel: &str) -> Vec<Finding> {
        let doc = match load::parse(text, rel, &self.limits, self.lang) {
            Ok(doc) => doc,
            Err(findings) => return findings,
        };
        let schema = if Path::new(rel) == self.config.domains { &self.domains } else { &self.records };
        schema.check(&doc, rel, self.lang)
    }
}
