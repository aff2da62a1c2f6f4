//! Rules change: what the rules a pull request brings would do. `toets pr` judges a pull request
//! by the base's `toets.toml` and schemas, so that it cannot weaken the check that judges it;
//! when it changes them, the registry at head is checked a second time with its own rules, and
//! the two results are compared finding by finding ([`Finding::fingerprint`]). The CIO, who
//! approves a change of the rules, sees what it would switch off and what it would let through.

use std::collections::HashMap;

use serde::Serialize;

use crate::config::{self, Config};
use crate::error::ToolError;
use crate::finding::{self, Finding, Severity};
use crate::rules;

/// What the pull request's own rules would change, beside the base's that judge it.
#[derive(Debug, Default, Serialize)]
pub struct RulesChange {
    /// The rules files whose text differs from the base's: `toets.toml`, then the schemas (at
    /// the paths the pull request's `toets.toml` names).
    pub files: Vec<String>,
    /// Why toets cannot use the pull request's own rules; then nothing below is known.
    pub invalid: Option<Invalid>,
    /// Settings of `toets.toml` that differ: the rule levels, then the others.
    pub settings: Vec<Setting>,
    /// Findings its rules would report that the base's do not.
    pub added: Vec<Finding>,
    /// Findings of the base's rules that its rules would no longer report.
    pub dropped: Vec<Finding>,
    /// Errors that would only be warnings (as its rules would report them).
    pub softened: Vec<Finding>,
    /// Warnings that would be errors (as its rules would report them).
    pub hardened: Vec<Finding>,
}

/// One setting that differs, as text: a rule's level (`rules.pentest-outdated`: `error` →
/// `off`) or another key of `toets.toml` (`thresholds.pentest_months`: `12` → `1200`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Setting {
    pub name: String,
    pub base: String,
    pub head: String,
}

/// Why the pull request's rules cannot be used, at its place in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Invalid {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

impl Invalid {
    /// The place and reason of a failure to read or open a configuration. Without a file of its
    /// own (an unknown rule in `[rules]`), it is `toets.toml`'s.
    pub fn of(error: ToolError) -> Invalid {
        let at = |file: String, reason: String| Invalid { file, line: 1, column: 1, reason };
        match error {
            ToolError::Config { path, line, column, reason } => Invalid { file: path, line, column, reason },
            ToolError::Schema { path, reason } | ToolError::Io { path, reason } => at(path, reason),
            ToolError::Usage(reason) => {
                let prefix = format!("{}: ", config::FILE);
                let reason = reason.strip_prefix(&prefix).map(str::to_owned).unwrap_or(reason);
                at(config::FILE.to_owned(), reason)
            }
        }
    }
}

impl RulesChange {
    /// The pull request's rules, which toets could not use.
    pub fn invalid(files: Vec<String>, invalid: Invalid) -> RulesChange {
        RulesChange { files, invalid: Some(invalid), ..RulesChange::default() }
    }

    /// The difference between the findings of the base's rules (`judged`) and those of the pull
    /// request's own (`own`), both on the registry at head, and between their settings.
    pub fn compare(files: Vec<String>, base: &Config, head: &Config, judged: &[Finding], own: &[Finding]) -> Self {
        // A fingerprint can stand for several findings (the same message twice at one place):
        // they are counted, so that one of two dropped is still dropped.
        let count = |list: &[Finding]| {
            let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, f) in list.iter().enumerate() {
                seen.entry(f.fingerprint()).or_default().push(i);
            }
            seen
        };
        let (before, after) = (count(judged), count(own));
        let mut change = RulesChange { files, settings: settings(base, head), ..RulesChange::default() };
        for (print, was) in &before {
            let now = after.get(print).map_or(&[][..], Vec::as_slice);
            change.dropped.extend(was.iter().skip(now.len()).map(|&i| judged[i].clone()));
            for (&b, &a) in was.iter().zip(now) {
                let fails = |f: &Finding| f.fails_at(Severity::Error);
                let (b, a) = (&judged[b], &own[a]);
                if fails(b) && !fails(a) && a.waived.is_none() {
                    change.softened.push(a.clone());
                } else if !fails(b) && b.waived.is_none() && fails(a) {
                    change.hardened.push(a.clone());
                }
            }
        }
        for (print, now) in &after {
            let was = before.get(print).map_or(0, Vec::len);
            change.added.extend(now.iter().skip(was).map(|&i| own[i].clone()));
        }
        for list in [&mut change.added, &mut change.dropped, &mut change.softened, &mut change.hardened] {
            finding::sort(list);
        }
        change
    }

    /// Whether the pull request's rules would find exactly what the base's find.
    pub fn same_findings(&self) -> bool {
        self.added.is_empty() && self.dropped.is_empty() && self.softened.is_empty() && self.hardened.is_empty()
    }
}

/// The settings that differ between `base` and `head`: each rule's level (in the order of
/// `toets rules`), then the other keys.
fn settings(base: &Config, head: &Config) -> Vec<Setting> {
    let mut out = Vec::new();
    for rule in rules::RULES {
        let (b, h) = (base.level(rule.name, rule.severity), head.level(rule.name, rule.severity));
        if b != h {
            let name = format!("rules.{}", rule.name);
            out.push(Setting { name, base: b.name().to_owned(), head: h.name().to_owned() });
        }
    }
    for ((name, b), (_, h)) in base.settings().into_iter().zip(head.settings()) {
        if b != h {
            out.push(Setting { name: name.to_owned(), base: b, head: h });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Pos;

    fn found(rule: &'static str, file: &str, severity: Severity) -> Finding {
        let mut f = Finding::error(rule, file, Pos { line: 3, column: 1 }, format!("{rule} in {file}"));
        f.severity = severity;
        f
    }

    #[test]
    fn findings_are_compared_by_fingerprint_and_severity() {
        let config = Config::default();
        let judged = [
            found("pentest-outdated", "registry/a.yaml", Severity::Error),
            found("pentest-outdated", "registry/b.yaml", Severity::Error),
            found("review-outdated", "registry/a.yaml", Severity::Warning),
        ];
        let mut moved = found("pentest-outdated", "registry/a.yaml", Severity::Warning);
        moved.line = 9;
        let own = [moved.clone(), found("schema", "registry/c.yaml", Severity::Error)];
        let change = RulesChange::compare(vec![], &config, &config, &judged, &own);
        assert_eq!(change.dropped, [judged[2].clone(), judged[1].clone()], "in report order");
        assert_eq!(change.added, [own[1].clone()]);
        assert_eq!(change.softened, [moved], "a finding on another line is the same finding");
        assert!(change.hardened.is_empty());
    }

    #[test]
    fn one_of_two_equal_findings_can_be_dropped() {
        let config = Config::default();
        let one = found("schema", "registry/a.yaml", Severity::Error);
        let change =
            RulesChange::compare(vec![], &config, &config, &[one.clone(), one.clone()], std::slice::from_ref(&one));
        assert_eq!(change.dropped, [one]);
        assert!(change.added.is_empty());
    }

    #[test]
    fn settings_list_rule_levels_then_other_keys() {
        let base = Config::parse("[rules]\nreview-outdated = \"error\"\n").expect("base");
        let head = Config::parse("[thresholds]\npentest_months = 1200\n[rules]\ncio-approval-missing = \"off\"\n")
            .expect("head");
        let names: Vec<(String, String, String)> =
            settings(&base, &head).into_iter().map(|s| (s.name, s.base, s.head)).collect();
        let s = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
        assert_eq!(
            names,
            [
                s("rules.review-outdated", "error", "warning"),
                s("rules.cio-approval-missing", "error", "off"),
                s("thresholds.pentest_months", "12", "1200"),
            ]
        );
    }
}
