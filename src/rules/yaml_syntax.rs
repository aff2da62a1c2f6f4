//! ## What it checks
//! The file is not valid YAML 1.2: a bracket is not closed, indentation uses tabs, a colon is missing. The finding points at the place where the parser stopped.
//!
//! ## Why
//! Nothing else can be checked until the file can be read as YAML.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! kind: [webapp
//! owner:
//! ```
//!
//! Right:
//!
//! ```yaml
//! kind: webapp
//! owner:
//! ```
//!
//! ## Source
//! YAML 1.2.2: <https://yaml.org/spec/1.2.2/>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Het bestand is geen geldige YAML 1.2: een haakje is niet gesloten, er wordt ingesprongen met tabs, een dubbele punt ontbreekt. De bevinding wijst naar de plek waar de parser stopte.
//!
//! ## Waarom
//! Niets anders kan worden gecontroleerd zolang het bestand niet als YAML te lezen is.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! kind: [webapp
//! owner:
//! ```
//!
//! Goed:
//!
//! ```yaml
//! kind: webapp
//! owner:
//! ```
//!
//! ## Bron
//! YAML 1.2.2: <https://yaml.org/spec/1.2.2/>

use super::{Check, Rule};
use crate::finding::Severity;

pub const RULE: Rule = Rule {
    name: "yaml-syntax",
    severity: Severity::Error,
    source: "YAML 1.2.2",
    url: "https://yaml.org/spec/1.2.2/",
    doc: include_str!("yaml_syntax.rs"),
    check: Check::Load,
};
