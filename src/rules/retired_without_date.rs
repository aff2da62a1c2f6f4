//! ## What it checks
//! A record whose status is `retired` has no `lifecycle.retired_on`: the date the application went
//! offline. A successor (`lifecycle.replaced_by`) is not required: a site can also stop without one.
//!
//! ## Why
//! A retired application keeps its record: the register shows what the municipality had, and
//! until when. Obligations end on that date, such as the accessibility statement, and others look
//! back to it, such as archiving the website and handling its domain names. Without the date
//! nobody can tell.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! lifecycle:
//!   status: retired
//!   live_since: 2019-05-01
//! ```
//!
//! Right:
//!
//! ```yaml
//! lifecycle:
//!   status: retired
//!   live_since: 2019-05-01
//!   retired_on: 2025-03-31
//! ```
//!
//! ## Source
//! Register internetdomeinen overheid (RIO, KOOP) and developer.overheid.nl: ended registrations
//! are kept with their status, not deleted.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een registratie met status `retired` heeft geen `lifecycle.retired_on`: de datum waarop de
//! toepassing offline ging. Een opvolger (`lifecycle.replaced_by`) is niet verplicht: een site kan
//! ook zonder opvolger stoppen.
//!
//! ## Waarom
//! Een toepassing die uit de lucht is, houdt haar registratie: het register laat zien wat de
//! gemeente had, en tot wanneer. Op die datum eindigen plichten, zoals de
//! toegankelijkheidsverklaring, en andere kijken ernaar terug, zoals het archiveren van de website
//! en wat er met de domeinnamen gebeurt. Zonder de datum weet niemand dat.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! lifecycle:
//!   status: retired
//!   live_since: 2019-05-01
//! ```
//!
//! Goed:
//!
//! ```yaml
//! lifecycle:
//!   status: retired
//!   live_since: 2019-05-01
//!   retired_on: 2025-03-31
//! ```
//!
//! ## Bron
//! Register internetdomeinen overheid (RIO, KOOP) en developer.overheid.nl: beëindigde
//! registraties blijven bestaan met hun status en worden niet verwijderd.

use super::{Check, Record, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "retired-without-date",
    severity: Severity::Error,
    source: "Register internetdomeinen overheid (RIO, KOOP): beëindigde registraties blijven bestaan",
    url: "",
    doc: include_str!("retired_without_date.rs"),
    check: Check::Record(check),
};

fn check(r: &Record, out: &mut Vec<Finding>) {
    if r.status() != "retired" || r.has("/lifecycle/retired_on") {
        return;
    }
    let lang = r.lang();
    out.push(
        r.finding(
            &RULE,
            "/lifecycle/retired_on",
            lang.pick(
                "The status is `retired`, but the date the application went offline (`lifecycle.retired_on`) is missing.".to_owned(),
                "De status is `retired`, maar de datum waarop de toepassing offline ging (`lifecycle.retired_on`) ontbreekt.".to_owned(),
            ),
        )
        .with_help(lang.pick(
            "Add `retired_on` under `lifecycle`, with the date the application went offline (year-month-day).",
            "Voeg `retired_on` toe onder `lifecycle`, met de datum waarop de toepassing offline ging (jaar-maand-dag).",
        )),
    );
}
