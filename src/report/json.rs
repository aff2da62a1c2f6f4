//! `--format json`: `{"findings": [...], "summary": {...}}`, stable field names for programs.

use std::io::{self, Write};

use serde::Serialize;

use super::{Render, Report};
use crate::finding::{Finding, Summary};

pub struct Json;

#[derive(Serialize)]
struct Document<'a> {
    findings: &'a [Finding],
    summary: Summary,
}

impl Render for Json {
    fn render(&self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        let doc = Document { findings: report.findings, summary: report.summary };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
