//! ## What it checks
//! A record file is larger than 1 MiB. toets reads at most that much and does not check the file.
//!
//! ## Why
//! A record describes one application in a few hundred lines; a larger file is a mistake (a pasted document) or an attempt to exhaust the checker.
//!
//! ## Example
//! Wrong:
//!
//! A record with an 8 MB line of pasted text.
//!
//! Right:
//!
//! Keep only the fields of the schema; link to documents instead of pasting them.
//!
//! ## Source
//! Toets (loader): resource limits: <https://owasp.org/www-community/attacks/Denial_of_Service>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een registratiebestand is groter dan 1 MiB. toets leest niet meer dan dat en controleert het bestand niet.
//!
//! ## Waarom
//! Een registratie beschrijft één toepassing in een paar honderd regels; een groter bestand is een vergissing (een geplakt document) of een poging de controle te overbelasten.
//!
//! ## Voorbeeld
//! Fout:
//!
//! Een registratie met een regel van 8 MB geplakte tekst.
//!
//! Goed:
//!
//! Houd alleen de velden van het schema; verwijs naar documenten in plaats van ze te plakken.
//!
//! ## Bron
//! Toets (loader): resource limits: <https://owasp.org/www-community/attacks/Denial_of_Service>

use super::{Check, Rule};
use crate::finding::Severity;

pub const RULE: Rule = Rule {
    name: "file-too-large",
    severity: Severity::Error,
    source: "Toets (loader): resource limits",
    url: "https://owasp.org/www-community/attacks/Denial_of_Service",
    doc: include_str!("file_too_large.rs"),
    check: Check::Load,
};
