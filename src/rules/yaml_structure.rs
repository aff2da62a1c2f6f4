//! ## What it checks
//! The file is empty, holds more than one YAML document (`---`), has a root that is not a mapping of fields, or uses a list or mapping as a field name.
//!
//! ## Why
//! One file is one record, so that its history is the application's history and its name is its id.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! - id: afvalwijzer
//! - name: Afvalwijzer
//! ```
//!
//! Right:
//!
//! ```yaml
//! id: afvalwijzer
//! name: Afvalwijzer
//! ```
//!
//! ## Source
//! Toets: one record per file: <https://yaml.org/spec/1.2.2/#91-documents>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Het bestand is leeg, bevat meer dan één YAML-document (`---`), heeft als basis geen mapping van velden, of gebruikt een lijst of mapping als veldnaam.
//!
//! ## Waarom
//! Eén bestand is één registratie, zodat de geschiedenis ervan de geschiedenis van de toepassing is en de naam het kenmerk.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! - id: afvalwijzer
//! - name: Afvalwijzer
//! ```
//!
//! Goed:
//!
//! ```yaml
//! id: afvalwijzer
//! name: Afvalwijzer
//! ```
//!
//! ## Bron
//! Toets: one record per file: <https://yaml.org/spec/1.2.2/#91-documents>

use super::{Check, Rule};
use crate::finding::Severity;

pub const RULE: Rule = Rule {
    name: "yaml-structure",
    severity: Severity::Error,
    source: "Toets: one record per file",
    url: "https://yaml.org/spec/1.2.2/#91-documents",
    doc: include_str!("yaml_structure.rs"),
    check: Check::Load,
};
