//! ## What it checks
//! A value carries a YAML tag other than the core schema's (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`), such as `!!python/object` or `!custom`; or a core tag on a value that does not fit it
//! (`!!int 10k`, `!!bool yes`).
//!
//! ## Why
//! Tags ask a loader to build objects; some loaders run code for them. A record is plain data, and the same file must mean the same in every tool.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! name: !!python/object:os.system Afvalwijzer
//! ```
//!
//! Right:
//!
//! ```yaml
//! name: Afvalwijzer
//! ```
//!
//! ## Source
//! Toets: records are plain data: <https://yaml.org/spec/1.2.2/#24-tags>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een waarde heeft een andere YAML-tag dan die van het core schema (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`), zoals `!!python/object` of `!custom`; of een core-tag bij een waarde die er niet bij past
//! (`!!int 10k`, `!!bool yes`).
//!
//! ## Waarom
//! Tags vragen een lader om objecten te bouwen; sommige laders voeren daarvoor code uit. Een registratie is gewone data, en hetzelfde bestand moet in elk hulpmiddel hetzelfde betekenen.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! name: !!python/object:os.system Afvalwijzer
//! ```
//!
//! Goed:
//!
//! ```yaml
//! name: Afvalwijzer
//! ```
//!
//! ## Bron
//! Toets: records are plain data: <https://yaml.org/spec/1.2.2/#24-tags>

use super::{Check, Rule};
use crate::finding::Severity;

pub const RULE: Rule = Rule {
    name: "yaml-tag",
    severity: Severity::Error,
    source: "Toets: records are plain data",
    url: "https://yaml.org/spec/1.2.2/#24-tags",
    doc: include_str!("yaml_tag.rs"),
    check: Check::Load,
};
