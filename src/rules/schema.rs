//! ## What it checks
//! A record or the domain overview does not match its JSON Schema: an unknown field (with "did you mean"), a missing required field (at its parent), an empty field, a value of the wrong kind, a value that is not one of the allowed ones (they are listed), a date not written as YYYY-MM-DD.
//!
//! ## Why
//! The schema gives every point of the policy a home (purpose, platform, privacy, security, costs, the CIO's ratification, ...); a record that does not fit it cannot be checked against the policy. Policy rules run only on records that pass the schema.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! kind: webap
//! nmae: Afvalwijzer
//! ```
//!
//! Right:
//!
//! ```yaml
//! kind: webapp
//! name: Afvalwijzer
//! ```
//!
//! ## Source
//! schemas/application.schema.json, schemas/domains.schema.json: <https://json-schema.org/draft/2020-12>
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een registratie of het domeinnamenoverzicht past niet in het JSON-schema: een onbekend veld (met "bedoelt u"), een ontbrekend verplicht veld (bij de bovenliggende groep), een leeg veld, een waarde van de verkeerde soort, een waarde die niet is toegestaan (de toegestane staan erbij), een datum die niet als JJJJ-MM-DD is geschreven.
//!
//! ## Waarom
//! Het schema geeft elk punt van het beleid een plek (nut en noodzaak, platform, privacy, beveiliging, kosten, de bekrachtiging door de CIO, ...); een registratie die er niet in past, kan niet aan het beleid worden getoetst. Beleidsregels draaien alleen op registraties die het schema doorstaan.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! kind: webap
//! nmae: Afvalwijzer
//! ```
//!
//! Goed:
//!
//! ```yaml
//! kind: webapp
//! name: Afvalwijzer
//! ```
//!
//! ## Bron
//! schemas/application.schema.json, schemas/domains.schema.json: <https://json-schema.org/draft/2020-12>

use super::{Check, Rule};
use crate::finding::Severity;

pub const RULE: Rule = Rule {
    name: "schema",
    severity: Severity::Error,
    source: "schemas/application.schema.json, schemas/domains.schema.json",
    url: "https://json-schema.org/draft/2020-12",
    doc: include_str!("schema.rs"),
    check: Check::Load,
};
