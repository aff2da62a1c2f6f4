//! `--format sarif`: SARIF 2.1.0, one run, as GitHub code scanning reads it
//! (`github/codeql-action/upload-sarif`) and other viewers do.
//!
//! Every rule is described, so that a viewer can explain a result without toets at hand; each
//! result has a `partialFingerprints` entry from [`Finding::fingerprint`], which does not change
//! when a line above moves, and a waived finding is a result with a suppression. GitHub accepts
//! at most [`MAX_RESULTS`] results per run: past that the most important are kept and the run
//! says how many were left out. The structures are our own: the subset toets writes is small,
//! and serde-sarif brings a build script that generates its types and a dependency stack that
//! zizmor left for the same reasons (zizmorcore/zizmor#2038).

use std::collections::HashMap;
use std::io::{self, Write};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use super::{Render, Report, by_importance, visible};
use crate::finding::{Finding, Lang, Scope, Severity, Summary};
use crate::rules::{RULES, Rule};

/// Results per run that GitHub code scanning accepts ("SARIF results exceed hard limit").
pub const MAX_RESULTS: usize = 25_000;
/// Locations per result that it accepts: the primary one and the related ones.
const MAX_LOCATIONS: usize = 1_000;

const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The repository root, against which every `artifactLocation.uri` is relative.
const SRCROOT: &str = "%SRCROOT%";

/// Bytes of a path kept as they are in a URI: unreserved characters and `/`; everything else
/// (spaces, `%`, `:`, `#`, any non-ASCII) is percent-encoded, so that the uri is a valid
/// relative reference whatever a file is called.
const PATH: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

pub struct Sarif;

impl Render for Sarif {
    fn render(&self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &log(report))?;
        writeln!(out)
    }
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation; 1],
    /// The language of the messages, `en` or `nl`.
    language: &'static str,
    results: Vec<SarifResult<'a>>,
    properties: RunProperties,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    #[serde(skip_serializing_if = "str::is_empty")]
    help_uri: &'static str,
    default_configuration: Configuration,
    properties: Tags,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

/// The rule's source, split at `;`: the policy points and laws it enforces.
#[derive(Serialize)]
struct Tags {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties {
    summary: Summary,
    /// Findings left out because of [`MAX_RESULTS`].
    #[serde(skip_serializing_if = "is_zero")]
    results_omitted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties>,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "toets/v1")]
    toets: String,
}

/// In `toets pr`: where the finding stands relative to the change.
#[derive(Serialize)]
struct ResultProperties {
    scope: Scope,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: Physical,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
}

#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    justification: &'a str,
    properties: Expires<'a>,
}

#[derive(Serialize)]
struct Expires<'a> {
    expires: &'a str,
}

/// The whole log of a report.
fn log<'a>(report: &'a Report) -> Log<'a> {
    let lang = report.lang;
    let index: HashMap<&str, usize> = RULES.iter().enumerate().map(|(i, r)| (r.name, i)).collect();
    let ordered = by_importance(report.findings);
    let omitted = ordered.len().saturating_sub(MAX_RESULTS);
    let results = ordered.into_iter().take(MAX_RESULTS).map(|f| result(f, &index)).collect();
    let notifications =
        (omitted > 0).then(|| Notification { level: "warning", message: Text { text: omitted_note(omitted, lang) } });
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "toets",
                    version: env!("CARGO_PKG_VERSION"),
                    rules: RULES.iter().map(|r| descriptor(r, lang)).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: notifications.into_iter().collect(),
            }],
            language: lang.pick("en", "nl"),
            results,
            properties: RunProperties { summary: report.summary, results_omitted: omitted },
        }],
    }
}

fn omitted_note(omitted: usize, lang: Lang) -> String {
    lang.pick(
        format!(
            "{omitted} findings are left out: GitHub code scanning accepts at most {MAX_RESULTS} results per run. \
             The errors come first; `toets check` shows them all."
        ),
        format!(
            "{omitted} bevindingen zijn weggelaten: GitHub code scanning neemt per run hoogstens {MAX_RESULTS} resultaten aan. \
             De fouten staan voorop; `toets check` toont ze allemaal."
        ),
    )
}

/// A rule as `toets explain` explains it.
fn descriptor(rule: &'static Rule, lang: Lang) -> Descriptor {
    let explanation = rule.explanation(lang);
    let checks = first_section(&explanation);
    let short = summary(&first_paragraph(&checks));
    Descriptor {
        id: rule.name,
        short_description: Text { text: short },
        full_description: Text { text: checks },
        help: Help { text: explanation.clone(), markdown: explanation },
        help_uri: rule.url,
        default_configuration: Configuration { level: level(rule.severity) },
        properties: Tags { tags: rule.source.split("; ").map(str::trim).filter(|s| !s.is_empty()).collect() },
    }
}

/// The text of the explanation's first section ("What it checks"), without its heading.
fn first_section(explanation: &str) -> String {
    let lines: Vec<&str> = explanation
        .lines()
        .skip_while(|l| l.starts_with('#') || l.trim().is_empty())
        .take_while(|l| !l.starts_with('#'))
        .collect();
    lines.join("\n").trim().to_owned()
}

/// The first paragraph of a section, on one line: up to a blank line or a list.
fn first_paragraph(section: &str) -> String {
    let lines: Vec<&str> =
        section.lines().map(str::trim).take_while(|l| !l.is_empty() && !l.starts_with("- ")).collect();
    lines.join(" ")
}

/// The first sentence of a paragraph; one that goes on in a list (`... and`, `...:`) ends in `…`.
fn summary(paragraph: &str) -> String {
    let sentence = first_sentence(paragraph);
    if sentence.ends_with('.') { sentence.to_owned() } else { format!("{sentence} …") }
}

/// Words whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "art", "bijv", "o.a", "d.w.z", "nr", "vgl"];

/// Up to the first full stop and space that end a sentence, or all of `paragraph`.
fn first_sentence(paragraph: &str) -> &str {
    let mut from = 0;
    while let Some(at) = paragraph[from..].find(". ") {
        let end = from + at + 1;
        let word = paragraph[..end - 1].rsplit([' ', '(']).next().unwrap_or_default();
        if !ABBREVIATIONS.contains(&word.to_lowercase().as_str()) {
            return &paragraph[..end];
        }
        from = end;
    }
    paragraph
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// One finding as a result.
fn result<'a>(f: &'a Finding, index: &HashMap<&str, usize>) -> SarifResult<'a> {
    let mut text = f.message.clone();
    if let Some(help) = &f.help {
        text.push_str("\n\n");
        text.push_str(help);
    }
    let related = f
        .related
        .iter()
        .take(MAX_LOCATIONS - 1)
        .enumerate()
        .map(|(i, r)| Location {
            id: Some(i + 1),
            physical_location: physical(&r.file, r.line, r.column),
            message: Some(Text { text: visible(&r.message) }),
        })
        .collect();
    let suppressions = f
        .waived
        .iter()
        .map(|w| Suppression {
            kind: "inSource",
            justification: &w.reason,
            properties: Expires { expires: &w.expires },
        })
        .collect();
    SarifResult {
        rule_id: f.rule,
        rule_index: index.get(f.rule).copied(),
        level: level(f.severity),
        message: Text { text: visible(&text) },
        locations: [Location { id: None, physical_location: physical(&f.file, f.line, f.column), message: None }],
        related_locations: related,
        partial_fingerprints: Fingerprints { toets: f.fingerprint() },
        suppressions,
        properties: f.scope.map(|scope| ResultProperties { scope }),
    }
}

/// A place in a file; a finding about the whole file (line 0) has no region.
fn physical(file: &str, line: usize, column: usize) -> Physical {
    Physical {
        artifact_location: Artifact { uri: uri(file), uri_base_id: SRCROOT },
        region: (line > 0).then(|| Region { start_line: line, start_column: (column > 0).then_some(column) }),
    }
}

/// A path relative to the repository root as a relative URI reference.
pub fn uri(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_becomes_a_relative_uri_reference() {
        assert_eq!(uri("registry/afval-wijzer_2.yaml"), "registry/afval-wijzer_2.yaml");
        assert_eq!(uri("registry/a b:c%#é.yaml"), "registry/a%20b%3Ac%25%23%C3%A9.yaml");
    }

    #[test]
    fn the_first_sentence_is_not_cut_at_an_abbreviation() {
        assert_eq!(first_sentence("A text, e.g. this one. And more."), "A text, e.g. this one.");
        assert_eq!(first_sentence("One sentence without a stop"), "One sentence without a stop");
    }
}
