//! ## What it checks
//! A record says `standards.security_txt: false`. Without an entry for `security_txt` in
//! `standards_exceptions` whose `until` is today or later, this is an error; with such an entry
//! it is a warning, until that date. Redirects count too: whoever finds a weakness in the domain
//! must know where to report it. Proposed, rejected and retired records and parked domains are
//! skipped.
//!
//! ## Why
//! security.txt (a file at `/.well-known/security.txt`) tells people who find a vulnerability
//! how to report it to the municipality. Since 25 May 2023 it is on the Forum Standaardisatie's
//! "apply or explain" list: publish it, or explain why not yet and until when.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! standards:
//!   https_hsts: true
//!   security_txt: false
//! ```
//!
//! Right:
//!
//! ```yaml
//! standards:
//!   https_hsts: true
//!   security_txt: true
//! ```
//!
//! ## Source
//! Forum Standaardisatie, security.txt on the "apply or explain" list since 25 May 2023.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een registratie zegt `standards.security_txt: false`. Zonder uitzondering voor
//! `security_txt` in `standards_exceptions` met een datum `until` van vandaag of later is dat een
//! fout; met zo'n uitzondering is het tot die datum een waarschuwing. Dat geldt ook voor
//! doorverwijzingen: wie een zwakke plek in het domein vindt, moet weten waar hij die meldt.
//! Voorgestelde, afgewezen en uit de lucht gehaalde registraties en geparkeerde domeinen slaat
//! de regel over.
//!
//! ## Waarom
//! security.txt (een bestand op `/.well-known/security.txt`) vertelt wie een kwetsbaarheid
//! vindt, hoe hij die aan de gemeente meldt. Sinds 25 mei 2023 staat het op de "pas toe of leg
//! uit"-lijst van het Forum Standaardisatie: publiceer het, of leg uit waarom nog niet en tot
//! wanneer.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! standards:
//!   https_hsts: true
//!   security_txt: false
//! ```
//!
//! Goed:
//!
//! ```yaml
//! standards:
//!   https_hsts: true
//!   security_txt: true
//! ```
//!
//! ## Bron
//! Forum Standaardisatie, security.txt sinds 25 mei 2023 op de lijst "pas toe of leg uit".

use jiff::civil::Date;

use super::open_standard_unexplained::{Exception, exception};
use super::{Check, OFFLINE, Record, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "security-txt-missing",
    severity: Severity::Error,
    source: "Forum Standaardisatie, pas toe of leg uit (security.txt, sinds 25 mei 2023)",
    url: "",
    doc: include_str!("security_txt_missing.rs"),
    check: Check::Record(check),
};

const POINTER: &str = "/standards/security_txt";

fn check(r: &Record, out: &mut Vec<Finding>) {
    if r.status_in(OFFLINE) || r.kind() == "parked_domain" || r.bool(POINTER) != Some(false) {
        return;
    }
    out.push(match exception(r, "security_txt") {
        Some(e) if e.until >= r.cx.today => explained(r, e.until),
        Some(e) => expired(r, &e),
        None => unexplained(r),
    });
}

/// Not published yet, but explained until a date that has not passed: a warning.
fn explained(r: &Record, until: Date) -> Finding {
    let lang = r.lang();
    let mut f = r
        .finding(
            &RULE,
            POINTER,
            lang.pick(
                format!("There is no security.txt yet; the exception for it holds until {until}."),
                format!("Er is nog geen security.txt; de uitzondering daarvoor geldt tot {until}."),
            ),
        )
        .with_help(lang.pick(
            "Publish `/.well-known/security.txt` before that date and set `standards.security_txt: true`.",
            "Publiceer `/.well-known/security.txt` vóór die datum en zet `standards.security_txt: true`.",
        ));
    f.severity = Severity::Warning;
    f
}

fn expired(r: &Record, e: &Exception) -> Finding {
    let lang = r.lang();
    let until = e.until;
    let finding = r
        .finding(
            &RULE,
            POINTER,
            lang.pick(
                format!("There is no security.txt and the exception for it ran out on {until}."),
                format!("Er is geen security.txt en de uitzondering daarvoor is op {until} verlopen."),
            ),
        )
        .with_help(lang.pick(
            "Publish `/.well-known/security.txt` and set `standards.security_txt: true`, or update the exception's `reason` and set a new `until` date.",
            "Publiceer `/.well-known/security.txt` en zet `standards.security_txt: true`, of werk de `reason` van de uitzondering bij en zet een nieuwe datum bij `until`.",
        ));
    e.ran_out(r, finding)
}

fn unexplained(r: &Record) -> Finding {
    let lang = r.lang();
    r.finding(
        &RULE,
        POINTER,
        lang.pick(
            "There is no security.txt (`standards.security_txt: false`) and no explanation in `standards_exceptions`.".to_owned(),
            "Er is geen security.txt (`standards.security_txt: false`) en geen uitleg in `standards_exceptions`.".to_owned(),
        ),
    )
    .with_help(lang.pick(
        "Publish `/.well-known/security.txt` with the municipality's contact for reporting vulnerabilities and set `standards.security_txt: true`; if that takes time, add to `standards_exceptions` an entry with `standard: security_txt`, a `reason` and an end date `until`.",
        "Publiceer `/.well-known/security.txt` met het meldadres van de gemeente voor kwetsbaarheden en zet `standards.security_txt: true`; kost dat tijd, voeg dan in `standards_exceptions` een uitzondering toe met `standard: security_txt`, een `reason` en een einddatum `until`.",
    ))
}
