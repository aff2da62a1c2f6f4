//! `toets pr --format markdown`: one page for the CIO, readable in a pull-request comment.

use std::io::{self, Write};

use super::review::{field_line, kind_word};
use crate::finding::{Lang, Summary};
use crate::pr::Review;

pub fn render(out: &mut dyn Write, review: &Review, summary: &Summary, lang: Lang) -> io::Result<()> {
    writeln!(out, "## toets: {} → {}", review.base, review.head)?;
    writeln!(
        out,
        "\n{}",
        lang.pick(
            format!("{} errors, {} warnings, {} waived.", summary.errors, summary.warnings, summary.waived),
            format!(
                "{} fouten, {} waarschuwingen, {} met uitzondering.",
                summary.errors, summary.warnings, summary.waived
            ),
        )
    )?;
    for record in &review.records {
        writeln!(out, "\n### {} `{}`\n", kind_word(record, lang), record.path())?;
        for field in &record.fields {
            writeln!(out, "- `{}`", field_line(field))?;
        }
    }
    Ok(())
}
