//! Report: renders findings. Renderers never check anything; each format is one module behind
//! [`Render`].

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

use crate::finding::{Finding, Lang, Severity, Summary};

pub mod decision;
pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod review;
pub mod sarif;

/// What a renderer gets: the findings of a run and what it needs to show them.
pub struct Report<'a> {
    pub findings: &'a [Finding],
    pub summary: Summary,
    pub sources: &'a BTreeMap<String, Arc<String>>,
    pub lang: Lang,
}

/// One output format.
pub trait Render {
    fn render(&self, out: &mut dyn Write, report: &Report) -> io::Result<()>;
}

/// `toets rules`: every rule with its severity and source, as a table or as JSON.
pub fn rules(out: &mut dyn Write, format: RulesFormat, lang: Lang) -> io::Result<()> {
    if format == RulesFormat::Json {
        serde_json::to_writer_pretty(&mut *out, crate::rules::RULES)?;
        return writeln!(out);
    }
    let width = crate::rules::RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
    for rule in crate::rules::RULES {
        let severity = match rule.severity {
            crate::finding::Severity::Error => lang.pick("error", "fout"),
            crate::finding::Severity::Warning => lang.pick("warning", "waarschuwing"),
        };
        writeln!(out, "{:width$}  {:12}  {}", rule.name, severity, rule.source)?;
    }
    Ok(())
}

/// The output formats of `toets check`, as chosen with `--format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Each finding with the lines of the file it is about, for people.
    #[default]
    Human,
    /// One JSON object with `findings` and `summary`, for programs.
    Json,
    /// GitHub Actions workflow commands: the most important findings as annotations.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other viewers.
    Sarif,
}

impl Format {
    pub fn renderer(self, color: bool) -> Box<dyn Render> {
        match self {
            Format::Human => Box::new(human::Human { color, width: 100 }),
            Format::Json => Box::new(json::Json),
            Format::Github => Box::new(github::Github { rest: github::Rest::CheckLocally }),
            Format::Sarif => Box::new(sarif::Sarif),
        }
    }
}

/// The output formats of `toets pr`. (Here and not in the command line, so that the renderers
/// need nothing from it.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum PrFormat {
    /// The change list and the findings, for a terminal.
    #[default]
    Human,
    /// One page for the CIO, for a pull-request comment.
    Markdown,
    /// The review as one JSON object, for programs.
    Json,
    /// GitHub Actions workflow commands: the findings the change touches first, as annotations.
    Github,
    /// The review's findings as SARIF 2.1.0, for GitHub code scanning.
    Sarif,
}

/// The output formats of `toets rules`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    /// A table: name, severity, source.
    #[default]
    Human,
    /// A JSON array of the rules.
    Json,
}

/// Errors first, then warnings, then what is waived.
pub fn rank(f: &Finding) -> u8 {
    match (&f.waived, f.severity) {
        (None, Severity::Error) => 0,
        (None, Severity::Warning) => 1,
        (Some(_), _) => 2,
    }
}

/// The findings most important first, for formats whose readers see only the first ones:
/// by [`rank`], then (in `toets pr`) what the change touches before the rest of its files and
/// before elsewhere, then in report order.
pub fn by_importance(findings: &[Finding]) -> Vec<&Finding> {
    let mut out: Vec<&Finding> = findings.iter().collect();
    out.sort_by_key(|f| (rank(f), f.scope));
    out
}

/// Text with hidden characters (direction controls, zero-width, control characters) replaced by
/// `�`, one for one, so that a reader cannot be shown another text than the one stored.
pub fn visible(text: &str) -> String {
    text.chars().map(|c| if crate::rules::is_hidden(c) { '\u{FFFD}' } else { c }).collect()
}
