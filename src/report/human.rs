//! `--format human`: miette's graphical report per finding, with the offending line marked,
//! and a closing summary line.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};

use rayon::prelude::*;

use super::{Render, Report, visible};
use crate::finding::{Finding, Lang, Related, Severity, Summary};
use crate::lines::Lines;
use crate::rules::is_hidden;

/// How many findings are rendered at once.
const CHUNK: usize = 1024;

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
        let texts: Texts = report.sources.iter().map(|(file, text)| (file.as_str(), Lines::new(text))).collect();
        // Rendered on all cores, a chunk at a time so that memory stays bounded, and written in
        // order: a file with thousands of findings is shown in a fraction of a second.
        for chunk in report.findings.chunks(CHUNK) {
            let rendered: Vec<Result<String, fmt::Error>> = chunk
                .par_iter()
                .map(|finding| {
                    let mut text = String::new();
                    handler.render_report(&mut text, &Shown::new(finding, report.lang, &texts)).map(|()| text)
                })
                .collect();
            for text in rendered {
                out.write_all(text.map_err(io::Error::other)?.as_bytes())?;
            }
        }
        writeln!(out, "{}", summary_line(&report.summary, report.lang))
    }
}

/// "3 files checked: 1 error, 2 warnings (1 waived)."
pub fn summary_line(s: &Summary, lang: Lang) -> String {
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

/// A finding dressed as a miette diagnostic.
struct Shown<'a> {
    finding: &'a Finding,
    /// The message as shown: a waived finding says so first.
    message: String,
    help: Option<String>,
    place: Place,
    related: Vec<Also>,
}

/// Where a diagnostic points: the lines around it, when the file's text is at hand.
struct Place {
    name: String,
    line: usize,
    column: usize,
    snippet: Option<Snippet>,
}

impl Place {
    fn new(file: &str, line: usize, column: usize, texts: &Texts) -> Self {
        let snippet = texts.get(file).and_then(|lines| Snippet::new(visible(file), lines, line, column));
        Place { name: file.to_owned(), line, column, snippet }
    }

    /// `file:line:column: ` when there is no snippet to show the place.
    fn prefix(&self) -> String {
        if self.snippet.is_some() { String::new() } else { format!("{}:{}:{}: ", self.name, self.line, self.column) }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.snippet.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = LabeledSpan::new(None, self.snippet.as_ref()?.label.offset(), self.snippet.as_ref()?.label.len());
        Some(Box::new(std::iter::once(label)))
    }
}

/// The line index of each file with findings, built once for all its findings.
type Texts<'r> = HashMap<&'r str, Lines<'r>>;

/// Widest part of a line shown, in characters; a longer line is shown as a window around the
/// place, as rustc does, so a one-line file of a megabyte prints a line, not the megabyte.
const WINDOW: usize = 200;
/// How far the window starts before the place, in characters.
const LEAD: usize = 60;

/// The lines miette shows for one place: the line itself and one line of context either side,
/// each cut to the same window of columns and with hidden characters made visible. It answers
/// miette with the file's own line and column numbers, so only these few lines are ever copied.
struct Snippet {
    name: String,
    /// The lines shown, joined by `\n`.
    text: String,
    /// Line number (from 0) of the first line shown.
    first: usize,
    /// The column (from 0) of the place, for the header.
    column: usize,
    /// The underlined part, as a range of `text`.
    label: SourceSpan,
}

impl Snippet {
    /// `None` when `line` is not a line of the file.
    fn new(name: String, lines: &Lines, line: usize, column: usize) -> Option<Snippet> {
        let target = lines.line(line)?;
        let column = column.max(1) - 1;
        // The window starts in the same column on every line shown, so they stay aligned.
        let skip = if target.chars().count() > WINDOW { column.saturating_sub(LEAD) } else { 0 };
        let first = line.saturating_sub(1).max(1);
        let last = (line + 1).min(lines.count());
        let mut text = String::new();
        let mut label = SourceSpan::from((0, 0));
        for n in first..=last {
            if n > first {
                text.push('\n');
            }
            let (shown, place) = window(lines.line(n).unwrap_or_default(), skip, column);
            if n == line {
                let rest = shown[place..].trim_end().trim_end_matches(ELLIPSIS).trim_end();
                label = SourceSpan::from((text.len() + place, rest.len().max(1)));
            }
            text.push_str(&shown);
        }
        Some(Snippet { name, text, first: first - 1, column, label })
    }
}

const ELLIPSIS: char = '…';

/// A line as shown: from character `skip`, at most [`WINDOW`] characters, with `…` where it was
/// cut, and hidden characters made visible. Also returns where character `column` of the line
/// (or the end, when the line is shorter) falls in the text shown.
fn window(line: &str, skip: usize, column: usize) -> (String, usize) {
    let mut shown = String::new();
    let mut chars = line.chars().skip(skip).peekable();
    if skip > 0 && chars.peek().is_some() {
        shown.push(ELLIPSIS);
    }
    let mut place = None;
    for (i, c) in chars.by_ref().take(WINDOW).enumerate() {
        if skip + i == column {
            place = Some(shown.len());
        }
        shown.push(if is_hidden(c) { '\u{FFFD}' } else { c });
    }
    let place = place.unwrap_or(shown.len());
    if chars.next().is_some() {
        shown.push(ELLIPSIS);
    }
    (shown, place)
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        // The place itself is reported at its column in the file, not in the window.
        let column = if *span == self.label { self.column } else { inner.column() };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            self.first + inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

impl<'a> Shown<'a> {
    fn new(finding: &'a Finding, lang: Lang, texts: &Texts) -> Self {
        let (message, help) = match &finding.waived {
            Some(w) => (
                lang.pick(format!("[waived until {}] ", w.expires), format!("[uitzondering tot {}] ", w.expires))
                    + &finding.message,
                Some(lang.pick(format!("Waiver: {}", w.reason), format!("Uitzondering: {}", w.reason))),
            ),
            None => (finding.message.clone(), finding.help.clone()),
        };
        let message = visible(&message);
        let related = finding.related.iter().map(|r| Also::new(r, texts)).collect();
        let help = help.as_deref().map(visible);
        Shown { finding, message, help, place: Place::new(&finding.file, finding.line, finding.column, texts), related }
    }
}

/// A related place of a finding, shown after it.
struct Also {
    message: String,
    place: Place,
}

impl Also {
    fn new(related: &Related, texts: &Texts) -> Self {
        Also {
            message: visible(&related.message),
            place: Place::new(&related.file, related.line, related.column, texts),
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
        self.place.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.place.labels()
    }
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
        self.place.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.place.labels()
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}
