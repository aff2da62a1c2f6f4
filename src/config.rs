//! Config: the optional `toets.toml` at the repository root.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

use crate::error::ToolError;
use crate::finding::{Lang, Severity};

/// Settings of one registry repository. Every key is optional; unknown keys are an error.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Language of messages: `en` or `nl`.
    pub lang: Lang,
    /// Folder with the records, relative to the root.
    #[serde(deserialize_with = "inside")]
    pub registry: PathBuf,
    /// Schema of one record.
    #[serde(deserialize_with = "inside")]
    pub schema: PathBuf,
    /// The municipality's overview of its domain names.
    #[serde(deserialize_with = "inside")]
    pub domains: PathBuf,
    /// Schema of the domain overview.
    #[serde(deserialize_with = "inside")]
    pub domains_schema: PathBuf,
    /// The municipality's own domains: sub-domains of these need no justification.
    pub main_domains: Vec<String>,
    /// Ages and similarity that policy rules compare against.
    pub thresholds: Thresholds,
    /// Severity per rule name: `error`, `warning` or `off`.
    pub rules: BTreeMap<String, Level>,
    /// The CIO's team, `@organisation/team`: `toets codeowners` proves that it is the required
    /// approver of every record and every governance path.
    #[serde(deserialize_with = "team")]
    pub cio_team: Option<String>,
}

/// Numbers the policy leaves to the municipality.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Thresholds {
    /// Most months since the last penetration test.
    #[serde(deserialize_with = "months")]
    pub pentest_months: i64,
    /// Most months since someone last reviewed a record.
    #[serde(deserialize_with = "months")]
    pub review_months: i64,
    /// Most months since the last BIO2 risk analysis.
    #[serde(deserialize_with = "months")]
    pub risk_analysis_months: i64,
    /// Token similarity (0 to 1) from which a proposal resembles a live application.
    #[serde(deserialize_with = "similarity")]
    pub reuse_similarity: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { pentest_months: 12, review_months: 12, risk_analysis_months: 12, reuse_similarity: 0.3 }
    }
}

/// The most months a threshold may be: 100 years, far inside what dates can count.
pub const MAX_MONTHS: i64 = 1200;

/// A number of months from 1 to [`MAX_MONTHS`]: 0 or less would make every date too old.
fn months<'de, D: Deserializer<'de>>(de: D) -> Result<i64, D::Error> {
    let months = i64::deserialize(de)?;
    if !(1..=MAX_MONTHS).contains(&months) {
        return Err(D::Error::custom(format!(
            "{months} months is out of range: write a whole number of months from 1 to {MAX_MONTHS}, e.g. `12`"
        )));
    }
    Ok(months)
}

/// A share of words in common: more than 0 and at most 1.
fn similarity<'de, D: Deserializer<'de>>(de: D) -> Result<f64, D::Error> {
    let share = f64::deserialize(de)?;
    if !(share > 0.0 && share <= 1.0) {
        return Err(D::Error::custom(format!(
            "{share} is out of range: write a number above 0 and at most 1, e.g. `0.3` (three words in ten in common)"
        )));
    }
    Ok(share)
}

/// A path inside the repository: relative, without `..`. `toets.toml` comes in with a pull
/// request, so it must not point the check at files elsewhere on the CI machine.
fn inside<'de, D: Deserializer<'de>>(de: D) -> Result<PathBuf, D::Error> {
    let path = PathBuf::deserialize(de)?;
    let plain = path.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !plain || path.as_os_str().is_empty() || path.to_string_lossy().contains('\\') {
        return Err(D::Error::custom(format!(
            "`{}` is not a path inside the repository: write a path relative to the repository root, \
             with `/` and without `..`, e.g. `registry`",
            path.display()
        )));
    }
    Ok(path)
}

/// The longest team name taken: GitHub's organisation names have at most 39 characters and team
/// slugs are short; this keeps an error message about a hostile value short too.
const MAX_TEAM_CHARS: usize = 100;

/// A GitHub team as CODEOWNERS names it: `@organisation/team`.
fn team<'de, D: Deserializer<'de>>(de: D) -> Result<Option<String>, D::Error> {
    let name = String::deserialize(de)?;
    let fits = name.chars().count() <= MAX_TEAM_CHARS;
    if fits && crate::codeowners::owner_kind(&name) == Some(crate::codeowners::OwnerKind::Team) {
        return Ok(Some(name));
    }
    let shown: String = name.chars().take(40).flat_map(char::escape_debug).collect();
    let cut = if name.chars().count() > 40 { "…" } else { "" };
    Err(D::Error::custom(format!(
        "`{shown}{cut}` is not a GitHub team: write the team as CODEOWNERS names it, `@organisation/team` \
         (at most {MAX_TEAM_CHARS} characters), e.g. `@voorbeeldstad/cio`"
    )))
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
            cio_team: None,
        }
    }
}

pub const FILE: &str = "toets.toml";

impl Config {
    /// Reads `toets.toml` under `root`, or the defaults when there is none.
    pub fn load(root: &Path) -> Result<Config, ToolError> {
        crate::load::read_config(root, FILE)?.map_or_else(|| Ok(Config::default()), |text| Config::parse(&text))
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

impl Level {
    /// The level of a rule that `[rules]` does not name: its default severity.
    pub fn of(severity: Severity) -> Level {
        match severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Off => "off",
        }
    }
}

impl Config {
    /// The level of the rule `name` whose default severity is `default`: as `[rules]` sets it,
    /// else the default.
    pub fn level(&self, name: &str, default: Severity) -> Level {
        self.rules.get(name).copied().unwrap_or(Level::of(default))
    }

    /// Every setting but the rule levels, by its name in `toets.toml`, as text: what two
    /// configurations are compared by.
    pub fn settings(&self) -> Vec<(&'static str, String)> {
        let path = |p: &Path| p.to_string_lossy().into_owned();
        let t = &self.thresholds;
        vec![
            ("lang", format!("{:?}", self.lang).to_lowercase()),
            ("registry", path(&self.registry)),
            ("schema", path(&self.schema)),
            ("domains", path(&self.domains)),
            ("domains_schema", path(&self.domains_schema)),
            ("main_domains", self.main_domains.join(", ")),
            ("thresholds.pentest_months", t.pentest_months.to_string()),
            ("thresholds.review_months", t.review_months.to_string()),
            ("thresholds.risk_analysis_months", t.risk_analysis_months.to_string()),
            ("thresholds.reuse_similarity", t.reuse_similarity.to_string()),
        ]
    }

    /// The folders and single files of a commit that a check with this configuration reads:
    /// the registry, and the two schemas and the domain overview (with `/`).
    pub fn files(&self) -> (Vec<String>, Vec<String>) {
        let path = |p: &Path| p.to_string_lossy().replace('\\', "/");
        (vec![path(&self.registry)], vec![path(&self.schema), path(&self.domains_schema), path(&self.domains)])
    }
}

/// The repository root: the nearest folder upwards with a `toets.toml` or a `.git`.
pub fn find_root(start: &Path) -> PathBuf {
    start.ancestors().find(|d| d.join(FILE).is_file() || d.join(".git").exists()).unwrap_or(start).to_path_buf()
}
