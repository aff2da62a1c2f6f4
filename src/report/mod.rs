//! Report: renders findings. Renderers never check anything; each format is one module behind
//! [`Render`].

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

use crate::finding::{Finding, Lang, Summary};

pub mod human;
pub mod json;

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
