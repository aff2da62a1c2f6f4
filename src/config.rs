//! Config: the optional `toets.toml` at the repository root.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::ToolError;
use crate::finding::Lang;

/// Settings of one registry repository. Every key is optional; unknown keys are an error.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Language of messages: `en` or `nl`.
    pub lang: Lang,
    /// Folder with the records, relative to the root.
    pub registry: PathBuf,
    /// Schema of one record.
    pub schema: PathBuf,
    /// The municipality's overview of its domain names.
    pub domains: PathBuf,
    /// Schema of the domain overview.
    pub domains_schema: PathBuf,
    /// The municipality's own domains: sub-domains of these need no justification.
    pub main_domains: Vec<String>,
    /// Ages and similarity that policy rules compare against.
    pub thresholds: Thresholds,
    /// Severity per rule name: `error`, `warning` or `off`.
    pub rules: BTreeMap<String, Level>,
}

/// Numbers the policy leaves to the municipality.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Thresholds {
    /// Most months since the last penetration test.
    pub pentest_months: i64,
    /// Most months since someone last reviewed a record.
    pub review_months: i64,
    /// Most months since the last BIO2 risk analysis.
    pub risk_analysis_months: i64,
    /// Token similarity (0 to 1) from which a proposal resembles a live application.
    pub reuse_similarity: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { pentest_months: 12, review_months: 12, risk_analysis_months: 12, reuse_similarity: 0.3 }
    }
}

/// What `[rules]` may set a rule to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Off,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            lang: Lang::En,
            registry: "registry".into(),
            schema: "schemas/application.schema.json".into(),
            domains: "registry/domains.yaml".into(),
            domains_schema: "schemas/domains.schema.json".into(),
            main_domains: Vec::new(),
            thresholds: Thresholds::default(),
            rules: BTreeMap::new(),
        }
    }
}

pub const FILE: &str = "toets.toml";

impl Config {
    /// Reads `toets.toml` under `root`, or the defaults when there is none.
    pub fn load(root: &Path) -> Result<Config, ToolError> {
        match std::fs::read_to_string(root.join(FILE)) {
            Ok(text) => Config::parse(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(ToolError::Io { path: FILE.into(), reason: e.to_string() }),
        }
    }

    /// Parses the text of a `toets.toml`; an error names its line and column.
    pub fn parse(text: &str) -> Result<Config, ToolError> {
        toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let before = &text[..offset.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            ToolError::Config { path: FILE.into(), line, column, reason: e.message().to_owned() }
        })
    }
}

/// The repository root: the nearest folder upwards with a `toets.toml` or a `.git`.
pub fn find_root(start: &Path) -> PathBuf {
    start.ancestors().find(|d| d.join(FILE).is_file() || d.join(".git").exists()).unwrap_or(start).to_path_buf()
}
