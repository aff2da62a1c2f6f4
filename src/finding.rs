//! The one result model: every check produces [`Finding`]s, every renderer consumes them.

use serde::{Deserialize, Deserializer, Serialize};

/// How serious a finding is. `Error` fails the run (exit code 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// The language of messages and help lines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Nl,
}

impl Lang {
    /// Picks the text in this language; both are written side by side at the call site.
    pub fn pick<T>(self, en: T, nl: T) -> T {
        match self {
            Lang::En => en,
            Lang::Nl => nl,
        }
    }
}

/// A position in a file: 1-based line and 1-based column (in characters, as editors count).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A rule's registered name. (An alias, so that serde does not take the field for text borrowed
/// from the input: it is looked up in the rule list, see [`rule_name`].)
pub type RuleName = &'static str;

/// One thing toets found wrong in one place. (Deserialized only from toets's own cache.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable kebab-case rule name, e.g. `schema` or `yaml-syntax`.
    #[serde(deserialize_with = "rule_name")]
    pub rule: RuleName,
    pub severity: Severity,
    /// Path relative to the repository root, with `/` separators.
    pub file: String,
    /// JSON pointer to the node within the record (`""` for the whole file).
    pub pointer: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
    /// Other places the finding is about, e.g. the first claim of a domain claimed twice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// Set when a waiver in the record covers the finding: it is shown but does not fail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waived: Option<Waived>,
    /// In `toets pr`: where the finding stands relative to the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
}

/// Where a finding stands relative to a pull request's change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// On a line the pull request adds or changes.
    InChange,
    /// In a file the pull request changes, on a line it does not touch.
    InChangedFile,
    /// In a file the pull request does not touch, caused by the change (e.g. a domain now
    /// claimed twice).
    Elsewhere,
}

/// A second place that belongs to a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The waiver that covers a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waived {
    pub reason: String,
    pub expires: String,
}

/// A rule's name as the registered `&'static str`; a name no rule has is an error.
fn rule_name<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let name = String::deserialize(d)?;
    crate::rules::find(&name).map(|r| r.name).ok_or_else(|| serde::de::Error::custom(format!("no rule `{name}`")))
}

impl Finding {
    /// An error of `rule` at `pos` in `file`.
    pub fn error(rule: &'static str, file: &str, pos: Pos, message: String) -> Self {
        Finding {
            rule,
            severity: Severity::Error,
            file: file.to_owned(),
            pointer: String::new(),
            line: pos.line,
            column: pos.column,
            message,
            help: None,
            related: Vec::new(),
            waived: None,
            scope: None,
        }
    }

    pub fn with_related(mut self, file: &str, pos: Pos, message: String) -> Self {
        self.related.push(Related { file: file.to_owned(), line: pos.line, column: pos.column, message });
        self
    }

    /// Whether the finding counts: not waived, and at least `level`.
    pub fn fails_at(&self, level: Severity) -> bool {
        self.waived.is_none() && self.severity >= level
    }

    pub fn at_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = pointer.into();
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// A name for the finding that stays the same across pushes, for review comments and SARIF:
    /// rule, file, pointer and the message, which names the offending value and never a
    /// position. An edit above the finding or a rebase moves its line, not its fingerprint.
    pub fn fingerprint(&self) -> String {
        let mut hasher = blake3::Hasher::new();
        for part in [self.rule, &self.file, &self.pointer, &self.message] {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part.as_bytes());
        }
        hasher.finalize().to_hex()[..16].to_owned()
    }

    /// The order of a report: by file, then position, then rule.
    fn sort_key(&self) -> (&str, usize, usize, &str, &str) {
        (&self.file, self.line, self.column, self.rule, &self.message)
    }
}

/// Sorts findings into the deterministic report order.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Counts of a run, for summaries and the exit code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    /// Errors not covered by a waiver.
    pub errors: usize,
    /// Warnings not covered by a waiver.
    pub warnings: usize,
    /// Findings covered by a waiver.
    pub waived: usize,
}

impl Summary {
    pub fn of(files: usize, findings: &[Finding]) -> Self {
        let count = |s| findings.iter().filter(|f| f.waived.is_none() && f.severity == s).count();
        Summary {
            files,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            waived: findings.iter().filter(|f| f.waived.is_some()).count(),
        }
    }
}
