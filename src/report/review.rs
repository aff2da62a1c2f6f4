//! The renderers of `toets pr`: a terminal page, a Markdown page for the CIO, and JSON. They
//! only arrange what [`Review`] holds.

use std::io::{self, Write};

use serde::Serialize;

use super::human::Human;
use super::{Render, Report};
use crate::cli::PrFormat;
use crate::diff::FieldChange;
use crate::finding::{Lang, Summary};
use crate::git::ChangeKind;
use crate::pr::{RecordChange, Review};

/// Writes `review` in `format`.
pub fn render(out: &mut dyn Write, review: &Review, format: PrFormat, color: bool, lang: Lang) -> io::Result<()> {
    let summary = Summary::of(review.files, &review.findings);
    match format {
        PrFormat::Json => {
            #[derive(Serialize)]
            struct Doc<'a> {
                #[serde(flatten)]
                review: &'a Review,
                summary: Summary,
            }
            serde_json::to_writer_pretty(&mut *out, &Doc { review, summary })?;
            writeln!(out)
        }
        PrFormat::Markdown => super::markdown::render(out, review, &summary, lang),
        PrFormat::Human => {
            changes(out, review, lang)?;
            let report = Report { findings: &review.findings, summary, sources: &review.sources, lang };
            Human { color, width: 100 }.render(out, &report)
        }
    }
}

/// The change list: per record what happened and, field by field, what changed.
fn changes(out: &mut dyn Write, review: &Review, lang: Lang) -> io::Result<()> {
    writeln!(out, "{} {} → {}", lang.pick("Pull request", "Pull request"), review.base, review.head)?;
    if review.records.is_empty() && review.governance.is_empty() {
        writeln!(out, "{}", lang.pick("The change touches no record.", "De wijziging raakt geen registratie."))?;
    }
    for record in &review.records {
        writeln!(out, "\n{} {}", kind_word(record, lang), record.path())?;
        for field in &record.fields {
            writeln!(out, "  {}", field_line(field))?;
        }
    }
    for path in &review.governance {
        writeln!(out, "\n{} {path}", lang.pick("rules changed:", "regels gewijzigd:"))?;
    }
    writeln!(out)
}

/// "added", "changed", ... in the reader's language.
pub fn kind_word(record: &RecordChange, lang: Lang) -> String {
    match record.kind {
        ChangeKind::Added => lang.pick("added", "toegevoegd").to_owned(),
        ChangeKind::Modified => lang.pick("changed", "gewijzigd").to_owned(),
        ChangeKind::Renamed => lang.pick(
            format!("renamed from {}:", record.old_path.as_deref().unwrap_or("?")),
            format!("hernoemd van {}:", record.old_path.as_deref().unwrap_or("?")),
        ),
        ChangeKind::Deleted => lang.pick("deleted", "verwijderd").to_owned(),
    }
}

/// `lifecycle.status: proposed -> approved`, `+ need.audiences: businesses`.
pub fn field_line(field: &FieldChange) -> String {
    match field {
        FieldChange::Changed { field, old, new } => format!("{field}: {old} -> {new}"),
        FieldChange::Text { field, diff } => format!("{field}: {diff}"),
        FieldChange::Added { field, new } => format!("+ {field}: {new}"),
        FieldChange::Removed { field, old } => format!("- {field}: {old}"),
    }
}
