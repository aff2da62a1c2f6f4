//! Report: renders findings. Renderers never check anything; each format is one module behind
//! [`Render`].

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

use crate::finding::{Finding, Lang, Summary};

pub mod decision;
pub mod human;
pub mod json;
pub mod markdown;
pub mod review;

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
pub fn rules(out: &mut dyn Write, format: Format, lang: Lang) -> io::Result<()> {
    if format == Format::Json {
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

/// The output formats, as chosen with `--format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Each finding with the lines of the file it is about, for people.
    #[default]
    Human,
    /// One JSON object with `findings` and `summary`, for programs.
    Json,
}

impl Format {
    pub fn renderer(self, color: bool) -> Box<dyn Render> {
        match self {
            Format::Human => Box::new(human::Human { color, width: 100 }),
            Format::Json => Box::new(json::Json),
        }
    }
}
