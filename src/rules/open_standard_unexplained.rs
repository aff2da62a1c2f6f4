//! ## What it checks
//! One of the open standards `dnssec`, `ipv6`, `rpki`, `mail_spf_dkim_dmarc` and
//! `mail_starttls_dane` under `standards` is `false` or not filled in, and there is no entry for
//! it in `standards_exceptions`, or that entry's `until` date has passed. Each such standard is
//! one finding. Redirects count too (their domain needs DNSSEC and mail protection just the
//! same); proposed, rejected and retired records and parked domains are skipped.
//!
//! ## Why
//! These standards are on the Forum Standaardisatie's "apply or explain" list: the municipality
//! applies them, or explains why not yet and until when. An explanation without an end date, or
//! one that has run out, is no explanation.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! standards:
//!   https_hsts: true
//!   security_txt: true
//!   rpki: false
//! ```
//!
//! Right:
//!
//! ```yaml
//! standards:
//!   https_hsts: true
//!   security_txt: true
//!   rpki: false
//! standards_exceptions:
//!   - standard: rpki
//!     reason: The hosting party signs its routes with RPKI in the first quarter of 2027.
//!     until: 2027-03-31
//! ```
//!
//! ## Source
//! Forum Standaardisatie, list of mandatory open standards ("pas toe of leg uit"), as tested by
//! internet.nl.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een van de open standaarden `dnssec`, `ipv6`, `rpki`, `mail_spf_dkim_dmarc` en
//! `mail_starttls_dane` onder `standards` staat op `false` of is niet ingevuld, en er is geen
//! uitzondering voor in `standards_exceptions`, of de datum `until` van die uitzondering is
//! voorbij. Elke zo'n standaard geeft één melding. Dat geldt ook voor doorverwijzingen (hun
//! domein heeft net zo goed DNSSEC en mailbeveiliging nodig); voorgestelde, afgewezen en uit de
//! lucht gehaalde registraties en geparkeerde domeinen slaat de regel over.
//!
//! ## Waarom
//! Deze standaarden staan op de "pas toe of leg uit"-lijst van het Forum Standaardisatie: de
//! gemeente past ze toe, of legt uit waarom nog niet en tot wanneer. Een uitleg zonder
//! einddatum, of een die verlopen is, is geen uitleg.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! standards:
//!   https_hsts: true
//!   security_txt: true
//!   rpki: false
//! ```
//!
//! Goed:
//!
//! ```yaml
//! standards:
//!   https_hsts: true
//!   security_txt: true
//!   rpki: false
//! standards_exceptions:
//!   - standard: rpki
//!     reason: De hostingpartij ondertekent haar routes in het eerste kwartaal van 2027 met RPKI.
//!     until: 2027-03-31
//! ```
//!
//! ## Bron
//! Forum Standaardisatie, lijst verplichte open standaarden ("pas toe of leg uit"), zoals
//! internet.nl ze test.

use jiff::civil::Date;
use serde_json::Value;

use super::{Check, OFFLINE, Record, Rule, facts};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "open-standard-unexplained",
    severity: Severity::Warning,
    source: "Forum Standaardisatie, pas toe of leg uit",
    url: "",
    doc: include_str!("open_standard_unexplained.rs"),
    check: Check::Record(check),
};

/// The "apply or explain" standards this rule covers.
const STANDARDS: &[&str] = &["dnssec", "ipv6", "rpki", "mail_spf_dkim_dmarc", "mail_starttls_dane"];

/// An entry of `standards_exceptions`: its end date and where it stands.
pub(super) struct Exception {
    pub until: Date,
    pub pointer: String,
}

impl Exception {
    /// `finding`, with this exception as related place: the one that ran out.
    pub fn ran_out(&self, r: &Record, finding: Finding) -> Finding {
        let note = r.lang().pick("the exception that ran out", "de verlopen uitzondering");
        finding.with_related(r.file, facts::pos(r.doc, &self.pointer), note.to_owned())
    }
}

/// The entry for `standard` in `standards_exceptions` that runs longest, if any. Shared with
/// `security-txt-missing`, which weighs the same explanations.
pub(super) fn exception(r: &Record, standard: &str) -> Option<Exception> {
    let items = r.get("/standards_exceptions").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    items
        .iter()
        .enumerate()
        .filter(|(_, e)| e.get("standard").and_then(Value::as_str) == Some(standard))
        .filter_map(|(i, _)| {
            let pointer = format!("/standards_exceptions/{i}/until");
            Some(Exception { until: r.date(&pointer)?, pointer })
        })
        .max_by_key(|e| e.until)
}

fn check(r: &Record, out: &mut Vec<Finding>) {
    if r.status_in(OFFLINE) || r.kind() == "parked_domain" {
        return;
    }
    for standard in STANDARDS {
        let pointer = format!("/standards/{standard}");
        let value = r.bool(&pointer);
        if value == Some(true) {
            continue;
        }
        let explained = exception(r, standard);
        match explained {
            Some(e) if e.until >= r.cx.today => {}
            Some(e) => out.push(expired(r, standard, &pointer, &e)),
            None => out.push(unexplained(r, standard, &pointer, value.is_none())),
        }
    }
}

/// A standard that is not applied and not explained.
fn unexplained(r: &Record, standard: &str, pointer: &str, missing: bool) -> Finding {
    let lang = r.lang();
    let message = if missing {
        lang.pick(
            format!("`standards.{standard}` is not filled in, so it is unknown whether this open standard is applied."),
            format!(
                "`standards.{standard}` is niet ingevuld, dus het is onbekend of deze open standaard wordt toegepast."
            ),
        )
    } else {
        lang.pick(
            format!(
                "The open standard `{standard}` is not applied and there is no explanation in `standards_exceptions`."
            ),
            format!(
                "De open standaard `{standard}` wordt niet toegepast en er staat geen uitleg in `standards_exceptions`."
            ),
        )
    };
    r.finding(&RULE, pointer, message).with_help(lang.pick(
        format!(
            "Set `standards.{standard}: true` once it is applied; otherwise add to `standards_exceptions` an entry with `standard: {standard}`, a `reason` and an end date `until`."
        ),
        format!(
            "Zet `standards.{standard}: true` zodra de standaard wordt toegepast; voeg anders in `standards_exceptions` een uitzondering toe met `standard: {standard}`, een `reason` en een einddatum `until`."
        ),
    ))
}

/// A standard whose explanation has run out.
fn expired(r: &Record, standard: &str, pointer: &str, e: &Exception) -> Finding {
    let lang = r.lang();
    let until = e.until;
    let finding = r
        .finding(
            &RULE,
            pointer,
            lang.pick(
                format!("The open standard `{standard}` is not applied and its exception ran out on {until}."),
                format!("De open standaard `{standard}` wordt niet toegepast en de uitzondering daarvoor is op {until} verlopen."),
            ),
        )
        .with_help(lang.pick(
            format!(
                "Apply the standard and set `standards.{standard}: true`. If it really takes longer, update the `reason` and set a new `until` date."
            ),
            format!(
                "Pas de standaard toe en zet `standards.{standard}: true`. Duurt het echt langer, werk dan de `reason` bij en zet een nieuwe datum bij `until`."
            ),
        ));
    e.ran_out(r, finding)
}
