//! ## What it checks
//! The fields are nested more than 64 levels deep, or the file would hold more than 100,000 values once its anchors (`&a`) and aliases (`*a`) are expanded.
//!
//! ## Why
//! A few lines of anchors can expand into billions of values (a "billion laughs" file) and deep nesting can exhaust the stack; both would stop the check for everyone.
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
//! De velden zijn meer dan 64 niveaus diep genest, of het bestand zou meer dan 100.000 waarden bevatten als de ankers (`&a`) en verwijzingen (`*a`) zijn uitgeschreven.
//!
//! ## Waarom
//! Een paar regels ankers kunnen uitgroeien tot miljarden waarden (een "billion laughs"-bestand) en diepe nesting kan de stack uitputten; beide zouden de controle voor iedereen stilleggen.
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
