//! Rules: the central check as code. One file per rule; [`RULES`] is the one registration list.
//!
//! A rule file starts with its explanation as `//!` lines in fixed sections (English, then
//! `# Nederlands`), which `toets explain` prints, and defines `pub const RULE: Rule`. Record
//! rules see one schema-valid record; rules across records see the [`Facts`] of all records at once.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;
use serde_json::Value;

use crate::config::{Level, Thresholds};
use crate::error::ToolError;
use crate::finding::{Finding, Lang, Pos, Severity};
use crate::load::Document;

pub mod facts;
pub use facts::{Facts, Overview};
pub use text_hidden_characters::is_hidden;
pub use waiver_unknown_rule::waivable;

mod file_encoding;
mod file_too_large;
mod file_unreadable;
mod schema;
mod symlink_outside_repository;
mod symlink_to_folder;
mod yaml_duplicate_key;
mod yaml_limit;
mod yaml_structure;
mod yaml_syntax;
mod yaml_tag;

// mods: governance
mod check_outcome_missing;
mod cio_approval_missing;
mod external_purchase_unexplained;
mod id_mismatch;
mod outcome_contradicts_status;
mod retired_without_date;
mod review_outdated;
mod text_hidden_characters;
// mods: privacy
mod cookie_consent_missing;
mod dpia_decision_missing;
mod privacy_statement_missing;
mod processing_register_missing;
mod processor_agreement_missing;
// mods: accessibility
mod accessibility_audit_outdated;
mod accessibility_statement_missing;
mod accessibility_status_insufficient;
mod partner_role_missing;
mod sender_not_recognisable;
mod web_archiving_missing;
// mods: security
mod auth_level_too_low;
mod bio_classification_missing;
mod digid_assessment_overdue;
mod https_hsts_missing;
mod open_standard_unexplained;
mod pentest_outdated;
mod security_txt_missing;
// mods: change
mod cio_approval_changed;
mod config_invalid;
mod governance_changed;
mod lifecycle_step_invalid;
mod record_deleted;
mod record_id_renamed;
// mods: codeowners
mod codeowners_bypass;
mod codeowners_cio_not_required;
mod codeowners_file_ignored;
mod codeowners_github_error;
mod codeowners_no_owner;
mod codeowners_pattern_duplicate;
mod codeowners_pattern_unmatched;
mod codeowners_review_not_required;
mod codeowners_stale_approval;
mod codeowners_syntax;
mod codeowners_unusable;
// mods: across
mod domain_claimed_twice;
mod domain_not_in_overview;
mod domain_unjustified;
mod domain_without_record;
mod id_duplicate;
mod reference_unknown;
mod retired_domain_active;
mod reuse_candidate;
mod waiver_expired;
mod waiver_unknown_rule;

/// Every rule toets knows, in the order `toets rules` lists them.
pub const RULES: &[&Rule] = &[
    &file_unreadable::RULE,
    &file_too_large::RULE,
    &file_encoding::RULE,
    &symlink_outside_repository::RULE,
    &symlink_to_folder::RULE,
    &yaml_syntax::RULE,
    &yaml_structure::RULE,
    &yaml_duplicate_key::RULE,
    &yaml_tag::RULE,
    &yaml_limit::RULE,
    &schema::RULE,
    // rules: governance
    &check_outcome_missing::RULE,
    &outcome_contradicts_status::RULE,
    &external_purchase_unexplained::RULE,
    &id_mismatch::RULE,
    &retired_without_date::RULE,
    &review_outdated::RULE,
    &text_hidden_characters::RULE,
    &cio_approval_missing::RULE,
    // rules: privacy
    &privacy_statement_missing::RULE,
    &processing_register_missing::RULE,
    &dpia_decision_missing::RULE,
    &processor_agreement_missing::RULE,
    &cookie_consent_missing::RULE,
    // rules: accessibility
    &accessibility_statement_missing::RULE,
    &accessibility_status_insufficient::RULE,
    &accessibility_audit_outdated::RULE,
    &sender_not_recognisable::RULE,
    &web_archiving_missing::RULE,
    &partner_role_missing::RULE,
    // rules: security
    &https_hsts_missing::RULE,
    &security_txt_missing::RULE,
    &open_standard_unexplained::RULE,
    &bio_classification_missing::RULE,
    &pentest_outdated::RULE,
    &digid_assessment_overdue::RULE,
    &auth_level_too_low::RULE,
    // rules: change
    &record_deleted::RULE,
    &record_id_renamed::RULE,
    &lifecycle_step_invalid::RULE,
    &cio_approval_changed::RULE,
    &governance_changed::RULE,
    &config_invalid::RULE,
    // rules: across
    &id_duplicate::RULE,
    &reference_unknown::RULE,
    &domain_not_in_overview::RULE,
    &domain_claimed_twice::RULE,
    &domain_without_record::RULE,
    &retired_domain_active::RULE,
    &domain_unjustified::RULE,
    &reuse_candidate::RULE,
    &waiver_expired::RULE,
    &waiver_unknown_rule::RULE,
    // rules: codeowners
    &codeowners_unusable::RULE,
    &codeowners_file_ignored::RULE,
    &codeowners_syntax::RULE,
    &codeowners_no_owner::RULE,
    &codeowners_pattern_unmatched::RULE,
    &codeowners_pattern_duplicate::RULE,
    &codeowners_cio_not_required::RULE,
    &codeowners_github_error::RULE,
    &codeowners_review_not_required::RULE,
    &codeowners_stale_approval::RULE,
    &codeowners_bypass::RULE,
];

// The policy's vocabulary of kinds and lifecycle statuses, shared by the rules. A rule whose
// group differs from these keeps its own list, named and explained in its file.

/// Kinds that people use and see directly; redirects and parked domains show no content of their own.
pub const PUBLIC_KINDS: &[&str] = &["website", "webapp", "mobile_app", "platform", "partner_site"];

/// Statuses that can only follow a decision (the central check, ratified by the CIO).
pub const DECIDED: &[&str] = &["approved", "rejected", "in_development", "live", "deprecated"];

/// Statuses from development on: the application is being built or runs, and may handle data.
pub const BUILT: &[&str] = &["in_development", "live", "deprecated"];

/// Statuses in which the application is online and people can use it.
pub const ONLINE: &[&str] = &["live", "deprecated"];

/// Statuses in which nothing is (or will soon be) online: not yet approved, rejected or retired.
pub const OFFLINE: &[&str] = &["proposed", "rejected", "retired"];

/// Statuses in which nothing runs any more (`retired`) or ever will (`rejected`).
pub const ENDED: &[&str] = &["rejected", "retired"];

/// The day `months` months before `day`: the oldest date that is still within that age.
pub fn months_before(day: Date, months: i64) -> Date {
    day.saturating_sub(jiff::Span::new().months(months))
}

/// A rule: its identity, where it comes from, and how it checks.
#[derive(Serialize)]
pub struct Rule {
    /// Stable kebab-case name of what is wrong, e.g. `privacy-statement-missing`.
    pub name: &'static str,
    /// Default severity; `toets.toml` may change it.
    pub severity: Severity,
    /// The policy point or law the rule enforces.
    pub source: &'static str,
    /// Where that source can be read, when it is published online (else empty).
    pub url: &'static str,
    /// The rule file's text; its `//!` lines are the explanation.
    #[serde(skip)]
    pub doc: &'static str,
    /// When the rule runs: `load`, `record`, `across` or `change` (in `toets pr`).
    #[serde(rename = "runs")]
    pub check: Check,
}

/// When a rule runs.
pub enum Check {
    /// While loading or validating a file: the loader and the schema report it.
    Load,
    /// On each record that passed the schema.
    Record(fn(&Record, &mut Vec<Finding>)),
    /// Once, across all records and the domain overview.
    Across(fn(&Across, &mut Vec<Finding>)),
    /// In `toets pr`, on what a pull request changes.
    Change(fn(&crate::pr::ChangeView, &mut Vec<Finding>)),
    /// In `toets codeowners`, on the CODEOWNERS file that GitHub reads and the repository's files.
    Owners(fn(&crate::codeowners::Inspection, &mut Vec<Finding>)),
    /// On the repository's settings as GitHub's API returns them (see [`crate::codeowners::github`]).
    GitHub(fn(&crate::codeowners::github::Settings, &mut Vec<Finding>)),
}

impl Serialize for Check {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match self {
            Check::Load => "load",
            Check::Record(_) => "record",
            Check::Across(_) => "across",
            Check::Change(_) => "change",
            Check::Owners(_) => "codeowners",
            Check::GitHub(_) => "github",
        })
    }
}

/// The value at a JSON `pointer`, like `Value::pointer` but without an allocation per step:
/// rules look up a dozen fields in each of 100,000 records.
pub fn lookup<'v>(value: &'v Value, pointer: &str) -> Option<&'v Value> {
    let Some(rest) = pointer.strip_prefix('/') else { return pointer.is_empty().then_some(value) };
    rest.split('/').try_fold(value, |node, token| {
        let token: std::borrow::Cow<str> =
            if token.contains('~') { token.replace("~1", "/").replace("~0", "~").into() } else { token.into() };
        match node {
            Value::Object(map) => map.get(token.as_ref()),
            Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        }
    })
}

/// The rule called `name`.
pub fn find(name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.name == name)
}

/// Refuses a `[rules]` table that names a rule that does not exist, or turns off a loader rule.
pub fn check_levels(levels: &BTreeMap<String, Level>) -> Result<(), ToolError> {
    for (name, level) in levels {
        let known = find(name).ok_or_else(|| {
            ToolError::Usage(format!(
                "toets.toml: [rules] names `{name}`, which is not a rule; `toets rules` lists them"
            ))
        })?;
        if matches!(known.check, Check::Load) && *level == Level::Off {
            return Err(ToolError::Usage(format!(
                "toets.toml: `{name}` cannot be turned off: a file that cannot be read cannot be checked"
            )));
        }
    }
    Ok(())
}

/// Severities from `[rules]` in `toets.toml`: `off` drops a rule's findings, `warning` makes
/// them all warnings, `error` raises those at the rule's default severity (a rule's own
/// "expires soon" warning stays a warning).
pub fn apply_levels(levels: &BTreeMap<String, Level>, findings: Vec<Finding>) -> Vec<Finding> {
    findings
        .into_iter()
        .filter_map(|mut f| {
            let default = find(f.rule).map(|r| r.severity);
            match levels.get(f.rule) {
                Some(Level::Off) => return None,
                Some(Level::Warning) => f.severity = Severity::Warning,
                Some(Level::Error) if Some(f.severity) == default => f.severity = Severity::Error,
                _ => {}
            }
            Some(f)
        })
        .collect()
}

impl Rule {
    /// The explanation in `lang`: the rule file's `//!` lines, English before `# Nederlands`.
    pub fn explanation(&self, lang: Lang) -> String {
        let text: String = self
            .doc
            .lines()
            .map_while(|l| l.strip_prefix("//!"))
            .map(|l| format!("{}\n", l.strip_prefix(' ').unwrap_or(l)))
            .collect();
        let (en, nl) = text.split_once("# Nederlands\n").unwrap_or((&text, &text));
        lang.pick(en, nl).trim().to_owned()
    }
}

/// What every check needs besides the record: language, today's date, thresholds.
#[derive(Clone)]
pub struct Context {
    pub lang: Lang,
    pub today: Date,
    pub main_domains: Vec<String>,
    pub thresholds: Thresholds,
}

/// One schema-valid record, as record rules see it.
pub struct Record<'a> {
    pub doc: &'a Document<'a>,
    /// Path relative to the repository root.
    pub file: &'a str,
    /// File name without `.yaml`.
    pub stem: &'a str,
    pub cx: &'a Context,
}

impl Record<'_> {
    pub fn get(&self, pointer: &str) -> Option<&Value> {
        lookup(&self.doc.value, pointer).filter(|v| !v.is_null())
    }

    pub fn str(&self, pointer: &str) -> Option<&str> {
        self.get(pointer).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
    }

    pub fn bool(&self, pointer: &str) -> Option<bool> {
        self.get(pointer).and_then(Value::as_bool)
    }

    pub fn date(&self, pointer: &str) -> Option<Date> {
        self.str(pointer).and_then(|s| s.parse().ok())
    }

    /// Whether a field is given (present, not empty).
    pub fn has(&self, pointer: &str) -> bool {
        match self.get(pointer) {
            Some(Value::String(s)) => !s.trim().is_empty(),
            Some(Value::Array(a)) => !a.is_empty(),
            Some(_) => true,
            None => false,
        }
    }

    /// `lifecycle.status`.
    pub fn status(&self) -> &str {
        self.str("/lifecycle/status").unwrap_or_default()
    }

    /// Whether `lifecycle.status` is one of `statuses`, e.g. [`ONLINE`].
    pub fn status_in(&self, statuses: &[&str]) -> bool {
        statuses.contains(&self.status())
    }

    pub fn kind(&self) -> &str {
        self.str("/kind").unwrap_or_default()
    }

    /// Whether the kind is one of [`PUBLIC_KINDS`].
    pub fn is_public(&self) -> bool {
        PUBLIC_KINDS.contains(&self.kind())
    }

    /// A finding of `rule` at `pointer`, or at the nearest existing parent when it is missing.
    pub fn finding(&self, rule: &Rule, pointer: &str, message: String) -> Finding {
        let pos = facts::pos(self.doc, pointer);
        let mut f = Finding::error(rule.name, self.file, pos, message).at_pointer(pointer);
        f.severity = rule.severity;
        f
    }

    pub fn lang(&self) -> Lang {
        self.cx.lang
    }
}

/// All records' facts and the domain overview, as rules across records see them.
pub struct Across<'a> {
    pub records: &'a [&'a Facts],
    pub overview: Option<&'a Overview>,
    /// The overview file exists but could not be loaded (it has its own finding then).
    pub overview_failed: bool,
    pub cx: &'a Context,
}

impl Across<'_> {
    /// A finding of `rule` at `pos` in `file`.
    pub fn finding(&self, rule: &Rule, file: &str, pos: Pos, pointer: &str, message: String) -> Finding {
        let mut f = Finding::error(rule.name, file, pos, message).at_pointer(pointer);
        f.severity = rule.severity;
        f
    }

    pub fn lang(&self) -> Lang {
        self.cx.lang
    }
}

/// Runs every record rule on one schema-valid record.
pub fn check_record(record: &Record, out: &mut Vec<Finding>) {
    for rule in RULES {
        if let Check::Record(check) = rule.check {
            check(record, out);
        }
    }
}

/// Runs every rule across records.
pub fn check_across(across: &Across, out: &mut Vec<Finding>) {
    for rule in RULES {
        if let Check::Across(check) = rule.check {
            check(across, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_explained_in_both_languages() {
        let mut seen = std::collections::HashSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.name), "{} is registered twice", rule.name);
            assert!(
                rule.name
                    .split('-')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
                "{} is not kebab-case",
                rule.name
            );
            for (lang, sections) in [
                (Lang::En, ["## What it checks", "## Why", "## Example", "## Source"]),
                (Lang::Nl, ["## Wat het controleert", "## Waarom", "## Voorbeeld", "## Bron"]),
            ] {
                let text = rule.explanation(lang);
                for section in sections {
                    assert!(text.contains(section), "{} lacks `{section}` ({lang:?})", rule.name);
                }
            }
            assert!(!rule.source.is_empty(), "{} has no source", rule.name);
            assert!(rule.url.is_empty() || rule.url.starts_with("https://"), "{}'s url is not https", rule.name);
        }
    }

    #[test]
    fn every_rule_file_is_registered_under_its_own_name() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .expect("src/rules")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter_map(|n| n.strip_suffix(".rs").map(str::to_owned))
            .filter(|n| n != "mod" && n != "facts")
            .map(|n| n.replace('_', "-"))
            .collect();
        files.sort();
        let mut names: Vec<String> = RULES.iter().map(|r| r.name.to_owned()).collect();
        names.sort();
        assert_eq!(files, names);
    }

    #[test]
    fn each_rule_file_defines_the_rule_it_is_named_after() {
        for rule in RULES {
            assert!(rule.doc.contains(&format!("name: \"{}\"", rule.name)), "{}'s doc is another file", rule.name);
        }
    }
}
