//! ## What it checks
//! `last_reviewed` is longer ago than the number of months set in `toets.toml`
//! (`thresholds.review_months`, 12 by default). Retired and rejected records are left out: nothing
//! about them changes any more.
//!
//! ## Why
//! A register is only useful when it is kept up to date. Contacts leave, contracts end, addresses
//! move: someone has to read the record now and then and confirm that it is still right. The date
//! of that check is `last_reviewed`.
//!
//! ## Example
//! Wrong (checked on 2026-11-29, with the default of 12 months):
//!
//! ```yaml
//! last_reviewed: 2025-06-01
//! ```
//!
//! Right:
//!
//! ```yaml
//! last_reviewed: 2026-06-01
//! ```
//!
//! ## Source
//! GSA federal website inventory (a register that is kept up to date); code.json
//! `date.metaDataLastUpdated`. The number of months is the municipality's choice.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! `last_reviewed` is langer geleden dan het aantal maanden in `toets.toml`
//! (`thresholds.review_months`, standaard 12). Registraties met status `retired` of `rejected`
//! tellen niet mee: daaraan verandert niets meer.
//!
//! ## Waarom
//! Een register heeft alleen zin als het bijgehouden wordt. Contactpersonen vertrekken, contracten
//! lopen af, adressen veranderen: iemand moet de registratie af en toe nalezen en bevestigen dat
//! ze nog klopt. De datum daarvan is `last_reviewed`.
//!
//! ## Voorbeeld
//! Fout (gecontroleerd op 2026-11-29, met de standaard van 12 maanden):
//!
//! ```yaml
//! last_reviewed: 2025-06-01
//! ```
//!
//! Goed:
//!
//! ```yaml
//! last_reviewed: 2026-06-01
//! ```
//!
//! ## Bron
//! GSA federal website inventory (een register dat wordt bijgehouden); code.json
//! `date.metaDataLastUpdated`. Het aantal maanden kiest de gemeente zelf.

use super::{Check, ENDED, Record, Rule, months_before};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "review-outdated",
    severity: Severity::Warning,
    source: "GSA federal website inventory; code.json date.metaDataLastUpdated",
    url: "",
    doc: include_str!("review_outdated.rs"),
    check: Check::Record(check),
};

fn check(r: &Record, out: &mut Vec<Finding>) {
    let months = r.cx.thresholds.review_months;
    let Some(reviewed) = r.date("/last_reviewed") else {
        return;
    };
    // An ended record no longer changes, so there is nothing to review.
    if r.status_in(ENDED) || reviewed >= months_before(r.cx.today, months) {
        return;
    }
    let lang = r.lang();
    out.push(
        r.finding(
            &RULE,
            "/last_reviewed",
            lang.pick(
                format!("This record was last reviewed on {reviewed}, more than {months} {} ago.", if months == 1 { "month" } else { "months" }),
                format!("Deze registratie is voor het laatst nagelopen op {reviewed}, meer dan {months} {} geleden.", if months == 1 { "maand" } else { "maanden" }),
            ),
        )
        .with_help(lang.pick(
            "Check that everything in the record is still right, correct what is not, and set `last_reviewed` to today's date.",
            "Controleer of alles in de registratie nog klopt, verbeter wat niet klopt, en zet `last_reviewed` op de datum van vandaag.",
        )),
    );
}
