//! ## What it checks
//! A field appears twice in the same group. The finding points at the second and names the line of the first. Every repeat in a file is reported, each where it stands (a third time names the first line too), up to 100 together with the tags (see `yaml-limit`).
//!
//! ## Why
//! YAML requires unique keys; parsers that accept duplicates keep one of the two silently, so a reviewer may approve a value that is not the one in force.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! name: Afvalwijzer
//! name: Afvalkalender
//! ```
//!
//! Right:
//!
//! ```yaml
//! name: Afvalwijzer
//! ```
//!
//! ## Source
//! YAML 1.2.2, 3.2.1.1 Nodes (keys are unique): <https://yaml.org/spec/1.2.2/#3211-nodes>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een veld staat twee keer in dezelfde groep. De bevinding wijst naar het tweede en noemt de regel van het eerste. Elke herhaling in een bestand wordt gemeld, elk waar ze staat (een derde keer noemt ook de eerste regel), tot 100 samen met de tags (zie `yaml-limit`).
//!
//! ## Waarom
//! YAML eist unieke sleutels; parsers die dubbele toestaan houden er stilzwijgend één van twee, zodat een beoordelaar een waarde kan goedkeuren die niet geldt.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! name: Afvalwijzer
//! name: Afvalkalender
//! ```
//!
//! Goed:
//!
//! ```yaml
//! name: Afvalwijzer
//! ```
//!
//! ## Bron
//! YAML 1.2.2, 3.2.1.1 Nodes (keys are unique): <https://yaml.org/spec/1.2.2/#3211-nodes>

use super::{Check, Rule};
use crate::finding::Severity;

pub const RULE: Rule = Rule {
    name: "yaml-duplicate-key",
    severity: Severity::Error,
    source: "YAML 1.2.2, 3.2.1.1 Nodes (keys are unique)",
    url: "https://yaml.org/spec/1.2.2/#3211-nodes",
    doc: include_str!("yaml_duplicate_key.rs"),
    check: Check::Load,
};
