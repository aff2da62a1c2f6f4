//! ## What it checks
//! A record file is not valid UTF-8 text, or contains a NUL character. The finding points at the first bad byte. A UTF-8 byte-order mark and Windows line ends (CRLF) are accepted.
//!
//! ## Why
//! Records are text that everyone must be able to read and review in a pull request; a file in another encoding shows differently in each editor.
//!
//! ## Example
//! Wrong:
//!
//! A file saved as Windows-1252 with `é` in a name.
//!
//! Right:
//!
//! The same file saved as UTF-8.
//!
//! ## Source
//! YAML 1.2, 5.2 Character Encodings: <https://yaml.org/spec/1.2.2/#52-character-encodings>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een registratiebestand is geen geldige UTF-8-tekst, of bevat een NUL-teken. De bevinding wijst naar de eerste foute byte. Een UTF-8-byte-order-mark en Windows-regeleinden (CRLF) zijn toegestaan.
//!
//! ## Waarom
//! Registraties zijn tekst die iedereen moet kunnen lezen en beoordelen in een pull request; een bestand in een andere codering ziet er in elke editor anders uit.
//!
//! ## Voorbeeld
//! Fout:
//!
//! Een bestand opgeslagen als Windows-1252 met `é` in een naam.
//!
//! Goed:
//!
//! Hetzelfde bestand opgeslagen als UTF-8.
//!
//! ## Bron
//! YAML 1.2, 5.2 Character Encodings: <https://yaml.org/spec/1.2.2/#52-character-encodings>

use super::{Check, Rule};
use crate::finding::Severity;

pub const RULE: Rule = Rule {
    name: "file-encoding",
    severity: Severity::Error,
    source: "YAML 1.2, 5.2 Character Encodings",
    url: "https://yaml.org/spec/1.2.2/#52-character-encodings",
    doc: include_str!("file_encoding.rs"),
    check: Check::Load,
};
