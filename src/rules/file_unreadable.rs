//! ## What it checks
//! A record file exists but cannot be opened or read (permissions, a broken disk, a folder named like a record).
//!
//! ## Why
//! A record that cannot be read cannot be checked; passing it silently would let it through the central check.
//!
//! ## Example
//! Wrong:
//!
//! A file `registry/park.yaml` without read permission.
//!
//! Right:
//!
//! Make the file readable (`chmod 644`) or remove it.
//!
//! ## Source
//! Toets (loader): <https://yaml.org/spec/1.2.2/>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een registratiebestand bestaat maar kan niet worden geopend of gelezen (rechten, een defecte schijf, een map met de naam van een registratie).
//!
//! ## Waarom
//! Een registratie die niet te lezen is, kan niet worden gecontroleerd; haar stilzwijgend doorlaten zou de centrale toets omzeilen.
//!
//! ## Voorbeeld
//! Fout:
//!
//! Een bestand `registry/park.yaml` zonder leesrechten.
//!
//! Goed:
//!
//! Maak het bestand leesbaar (`chmod 644`) of haal het weg.
//!
//! ## Bron
//! Toets (loader): <https://yaml.org/spec/1.2.2/>

use super::{Check, Rule};
use crate::finding::Severity;

pub const RULE: Rule = Rule {
    name: "file-unreadable",
    severity: Severity::Error,
    source: "Toets (loader)",
    url: "https://yaml.org/spec/1.2.2/",
    doc: include_str!("file_unreadable.rs"),
    check: Check::Load,
};
