//! ## What it checks
//! A value carries a YAML tag: any tag, such as `!!python/object` or `!custom`, and also those of the core schema (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`) and `!`. Every tag in a file is reported, each where it stands, up to 100 together with the repeated fields (see `yaml-limit`).
//! The help shows the line without the tag; where the tag kept a value text that would otherwise be read as a number, true/false or empty, in quotes (`"12"`).
//!
//! ## Why
//! Tags ask a loader to build objects; some loaders run code for them. A record is plain data, and the same file must mean the same in every tool: without tags, what a reviewer reads is what every tool reads.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! schema_version: !!str 1
//! name: !!python/object:os.system Afvalwijzer
//! ```
//!
//! Right:
//!
//! ```yaml
//! schema_version: "1"
//! name: Afvalwijzer
//! ```
//!
//! ## Source
//! Toets: records are plain data: <https://yaml.org/spec/1.2.2/#24-tags>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een waarde heeft een YAML-tag: elke tag, zoals `!!python/object` of `!custom`, en ook die van het core schema (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`) en `!`. Elke tag in een bestand wordt gemeld, elk waar hij staat, tot 100 samen met de herhaalde velden (zie `yaml-limit`).
//! De hulptekst toont de regel zonder de tag; waar de tag een waarde tekst hield die anders als getal, true/false of leeg gelezen zou worden, tussen aanhalingstekens (`"12"`).
//!
//! ## Waarom
//! Tags vragen een lader om objecten te bouwen; sommige laders voeren daarvoor code uit. Een registratie is gewone data, en hetzelfde bestand moet in elk hulpmiddel hetzelfde betekenen: zonder tags leest elk hulpmiddel wat de beoordelaar leest.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! schema_version: !!str 1
//! name: !!python/object:os.system Afvalwijzer
//! ```
//!
//! Goed:
//!
//! ```yaml
//! schema_version: "1"
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
