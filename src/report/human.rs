//! `--format human`: miette's graphical report per finding, with the offending line marked,
//! and a closing summary line.

use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use super::{Render, Report};
use crate::finding::{Finding, Lang, Related, Severity, Summary};
use crate::rules::is_hidden;

pub struct Human {
    pub color: bool,
    pub width: usize,
}

impl Render for Human {
    fn render(&self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        let theme = if self.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
        // Values such as `2025-03-31` or URLs must not be broken at their hyphens and slashes.
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(self.width)
            .with_break_words(false)
            .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
            .with_show_related_as_nested(true);
        for finding in report.findings {
            let shown = Shown::new(finding, report);
            let mut text = String::new();
            handler.render_report(&mut text, &shown).map_err(io::Error::other)?;
            out.write_all(text.as_bytes())?;
        }
        writeln!(out, "{}", summary_line(&report.summary, report.lang))
    }
}

fn summary_line(s: &Summary, lang: Lang) -> String {
    let files = match s.files {
        1 => lang.pick("1 file".to_owned(), "1 bestand".to_owned()),
        n => lang.pick(format!("{n} files"), format!("{n} bestanden")),
    };
    let waived = match s.waived {
        0 => String::new(),
        n => lang.pick(format!(" ({n} waived)"), format!(" ({n} met uitzondering)")),
    };
    if s.errors == 0 && s.warnings == 0 {
        return lang.pick(
            format!("{files} checked: no findings{waived}."),
            format!("{files} gecontroleerd: geen bevindingen{waived}."),
        );
    }
    lang.pick(
        format!(
            "{files} checked: {}, {}{waived}.",
            count(s.errors, "error", "errors"),
            count(s.warnings, "warning", "warnings")
        ),
        format!(
            "{files} gecontroleerd: {}, {}{waived}.",
            count(s.errors, "fout", "fouten"),
            count(s.warnings, "waarschuwing", "waarschuwingen")
        ),
    )
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Text with hidden characters (direction controls, zero-width, control characters) replaced by
/// `�`, one for one, so a terminal cannot show the reader another text than the one stored.
fn visible(text: &str) -> String {
    text.chars().map(|c| if is_hidden(c) { '\u{FFFD}' } else { c }).collect()
}

/// A finding dressed as a miette diagnostic.
struct Shown<'a> {
    finding: &'a Finding,
    /// The message as shown: a waived finding says so first.
    message: String,
    help: Option<String>,
    place: Place,
    related: Vec<Also>,
}

/// Where a diagnostic points: the file's text and the span in it, when the text is at hand.
struct Place {
    name: String,
    line: usize,
    column: usize,
    source: Option<NamedSource<Arc<String>>>,
    span: Option<LabeledSpan>,
}

impl Place {
    fn new(file: &str, line: usize, column: usize, report: &Report) -> Self {
        let text = report.sources.get(file);
        Place {
            name: file.to_owned(),
            line,
            column,
            span: text.and_then(|t| span_at(t, line, column)),
            source: text.map(|t| NamedSource::new(visible(file), Arc::new(visible(t)))),
        }
    }

    /// `file:line:column: ` when there is no snippet to show the place.
    fn prefix(&self) -> String {
        if self.source.is_some() { String::new() } else { format!("{}:{}:{}: ", self.name, self.line, self.column) }
    }
}

impl<'a> Shown<'a> {
    fn new(finding: &'a Finding, report: &Report) -> Self {
        let lang = report.lang;
        let (message, help) = match &finding.waived {
            Some(w) => (
                lang.pick(format!("[waived until {}] ", w.expires), format!("[uitzondering tot {}] ", w.expires))
                    + &finding.message,
                Some(lang.pick(format!("Waiver: {}", w.reason), format!("Uitzondering: {}", w.reason))),
            ),
            None => (finding.message.clone(), finding.help.clone()),
        };
        let message = visible(&message);
        let related = finding.related.iter().map(|r| Also::new(r, report)).collect();
        let help = help.as_deref().map(visible);
        Shown {
            finding,
            message,
            help,
            place: Place::new(&finding.file, finding.line, finding.column, report),
            related,
        }
    }
}

/// A related place of a finding, shown after it.
struct Also {
    message: String,
    place: Place,
}

impl Also {
    fn new(related: &Related, report: &Report) -> Self {
        Also {
            message: visible(&related.message),
            place: Place::new(&related.file, related.line, related.column, report),
        }
    }
}

impl fmt::Debug for Also {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Also {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.place.prefix(), self.message)
    }
}

impl std::error::Error for Also {}

impl Diagnostic for Also {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.place.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.place.span.clone().map(|s| Box::new(std::iter::once(s)) as Box<dyn Iterator<Item = LabeledSpan>>)
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
        write!(f, "{}{}", self.place.prefix(), self.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            _ if self.finding.waived.is_some() => miette::Severity::Advice,
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.place.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.place.span.clone().map(|s| Box::new(std::iter::once(s)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}
