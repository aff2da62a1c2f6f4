//! ## What it checks
//! A live or deprecated website, web app, mobile app, platform or partner site has no
//! `accessibility.statement_url` or no `accessibility.status`. Platforms for staff, such as the
//! intranet, count too: staff are users as well.
//!
//! ## Why
//! Every website and app of a government body must publish an accessibility statement
//! (toegankelijkheidsverklaring) with its compliance status, and keep it up to date.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! kind: website
//! lifecycle:
//!   status: live
//! ```
//!
//! Right:
//!
//! ```yaml
//! kind: website
//! lifecycle:
//!   status: live
//! accessibility:
//!   statement_url: https://www.voorbeeldstad.nl/toegankelijkheid
//!   status: A
//!   statement_date: 2025-11-10
//! ```
//!
//! ## Source
//! Besluit digitale toegankelijkheid overheid (websites and apps of government bodies must be
//! accessible and publish an accessibility statement); see digitoegankelijk.nl, "Wat is verplicht".
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een live of uitfaserende website, webapp, mobiele app, platform of partnersite heeft geen
//! `accessibility.statement_url` of geen `accessibility.status`. Platforms voor medewerkers,
//! zoals het intranet, tellen ook mee: ook medewerkers zijn gebruikers.
//!
//! ## Waarom
//! Elke website en app van een overheidsinstantie moet een toegankelijkheidsverklaring met de
//! nalevingsstatus publiceren en die actueel houden.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! kind: website
//! lifecycle:
//!   status: live
//! ```
//!
//! Goed:
//!
//! ```yaml
//! kind: website
//! lifecycle:
//!   status: live
//! accessibility:
//!   statement_url: https://www.voorbeeldstad.nl/toegankelijkheid
//!   status: A
//!   statement_date: 2025-11-10
//! ```
//!
//! ## Bron
//! Besluit digitale toegankelijkheid overheid (websites en apps van overheidsinstanties moeten
//! toegankelijk zijn en een toegankelijkheidsverklaring publiceren); zie digitoegankelijk.nl,
//! "Wat is verplicht".

use super::{Check, ONLINE, Record, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "accessibility-statement-missing",
    severity: Severity::Error,
    source: "Besluit digitale toegankelijkheid overheid",
    url: "https://www.digitoegankelijk.nl/wetgeving/wat-is-verplicht",
    doc: include_str!("accessibility_statement_missing.rs"),
    check: Check::Record(check),
};

fn check(r: &Record, out: &mut Vec<Finding>) {
    if !r.is_public() || !r.status_in(ONLINE) {
        return;
    }
    // One finding per record: the first missing field, so a record without `accessibility` gets one line.
    let fields = [
        ("/accessibility/statement_url", "accessibility.statement_url"),
        ("/accessibility/status", "accessibility.status"),
    ];
    let Some((pointer, field)) = fields.into_iter().find(|(p, _)| !r.has(p)) else {
        return;
    };
    let lang = r.lang();
    out.push(
        r.finding(
            &RULE,
            pointer,
            lang.pick(
                format!("The accessibility statement is missing: `{field}` is not filled in."),
                format!("De toegankelijkheidsverklaring ontbreekt: `{field}` is niet ingevuld."),
            ),
        )
        .with_help(lang.pick(
            "Publish an accessibility statement and add `accessibility.statement_url` (its address) and `accessibility.status` (A to E, as in the statement).",
            "Publiceer een toegankelijkheidsverklaring en voeg `accessibility.statement_url` (het adres) en `accessibility.status` (A tot en met E, zoals in de verklaring) toe.",
        )),
    );
}
