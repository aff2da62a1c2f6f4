//! ## What it checks
//! The fields are nested more than 64 levels deep, or the file would hold more than 100,000 values once its anchors (`&a`) and aliases (`*a`) are expanded; toets stops reading the file there.
//! Or the file has more than 100 repeated fields (`yaml-duplicate-key`) and tags (`yaml-tag`) together: the first 100 are shown, and one finding, at the 101st, says how many more there are.
//!
//! ## Why
//! A few lines of anchors can expand into billions of values (a "billion laughs" file) and deep nesting can exhaust the stack; both would stop the check for everyone. A file of repeated lines would otherwise make a report of a finding for each.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! a: &a [x, x, x, x, x, x, x, x, x, x]
//! b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
//! # ... nine levels
//! ```
//!
//! Right:
//!
//! Values written out, a few levels deep.
//!
//! ## Source
//! Toets (loader): resource limits: <https://en.wikipedia.org/wiki/Billion_laughs_attack>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! De velden zijn meer dan 64 niveaus diep genest, of het bestand zou meer dan 100.000 waarden bevatten als de ankers (`&a`) en verwijzingen (`*a`) zijn uitgeschreven; toets leest het bestand daar niet verder.
//! Of het bestand heeft meer dan 100 herhaalde velden (`yaml-duplicate-key`) en tags (`yaml-tag`) samen: de eerste 100 worden getoond, en één bevinding, bij de 101e, zegt hoeveel er nog zijn.
//!
//! ## Waarom
//! Een paar regels ankers kunnen uitgroeien tot miljarden waarden (een "billion laughs"-bestand) en diepe nesting kan de stack uitputten; beide zouden de controle voor iedereen stilleggen. Een bestand vol herhaalde regels zou anders een rapport met een bevinding voor elke regel geven.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! a: &a [x, x, x, x, x, x, x, x, x, x]
//! b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
//! # ... negen niveaus
//! ```
//!
//! Goed:
//!
//! Waarden uitgeschreven, een paar niveaus diep.
//!
//! ## Bron
//! Toets (loader): resource limits: <https://en.wikipedia.org/wiki/Billion_laughs_attack>

use super::{Check, Rule};
use crate::finding::Severity;

pub const RULE: Rule = Rule {
    name: "yaml-limit",
    severity: Severity::Error,
    source: "Toets (loader): resource limits",
    url: "https://en.wikipedia.org/wiki/Billion_laughs_attack",
    doc: include_str!("yaml_limit.rs"),
    check: Check::Load,
};
