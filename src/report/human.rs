//! `--format human`: miette's graphical report per finding, with the offending line marked,
//! and a closing summary line.

use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use super::{Render, Report};
use crate::finding::{Finding, Lang, Severity, Summary};

pub struct Human {
    pub color: bool,
    pub width: usize,
}

impl Render for Human {
    fn render(&self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        let theme = if self.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
        let handler = GraphicalReportHandler::new_themed(theme).with_width(self.width);
        for finding in report.findings {
            let shown = Shown::new(finding, report.sources.get(&finding.file));
            let mut text = String::new();
            handler.render_report(&mut text, &shown).map_err(io::Error::other)?;
            out.write_all(text.as_bytes())?;
        }
        writeln!(out, "{}", summary_line(&report.summary, report.lang))
    }
}

fn summary_line(s: &Summary, lang: Lang) -> String {
    let files = s.files;
    if s.errors == 0 && s.warnings == 0 {
        return lang.pick(
            format!("{files} files checked: no findings."),
            format!("{files} bestanden gecontroleerd: geen bevindingen."),
        );
    }
    lang.pick(
        format!("{files} files checked: {} errors, {} warnings.", s.errors, s.warnings),
        format!("{files} bestanden gecontroleerd: {} fouten, {} waarschuwingen.", s.errors, s.warnings),
    )
}

/// A finding dressed as a miette diagnostic.
struct Shown<'a> {
    finding: &'a Finding,
    source: Option<NamedSource<Arc<String>>>,
    span: Option<LabeledSpan>,
}

impl<'a> Shown<'a> {
    fn new(finding: &'a Finding, text: Option<&Arc<String>>) -> Self {
        let span = text.and_then(|t| span_at(t, finding.line, finding.column));
        let source = text.map(|t| NamedSource::new(&finding.file, Arc::clone(t)));
        Shown { finding, source, span }
    }
}

/// The rest of the line from `line`:`column`, as a byte range to underline.
fn span_at(text: &str, line: usize, column: usize) -> Option<LabeledSpan> {
    let start_of_line: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let rest = text.get(start_of_line..)?;
    let line_text = rest.split('\n').next().unwrap_or_default().trim_end_matches('\r');
    let col = line_text.char_indices().nth(column.saturating_sub(1)).map_or(line_text.len(), |(i, _)| i);
    let len = line_text[col..].trim_end().len().max(1);
    Some(LabeledSpan::new(None, start_of_line + col, len))
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.finding, f)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.source.is_none() {
            write!(f, "{}:{}:{}: ", self.finding.file, self.finding.line, self.finding.column)?;
        }
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.span.clone().map(|s| Box::new(std::iter::once(s)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
}
