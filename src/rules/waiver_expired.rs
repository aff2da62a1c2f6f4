//! ## What it checks
//! A waiver in `waivers` has an `expires` date before today. It no longer waives anything: the
//! rule it names applies again.
//!
//! ## Why
//! A waiver is a temporary exception that the CIO approved, with a reason and an end date. After
//! that date the exception is over: either the problem is solved and the waiver can go, or the
//! CIO decides on a new end date. An expired waiver left in the record suggests an exception that
//! no longer exists.
//!
//! ## Example
//! Wrong (checked on 2026-11-29):
//!
//! ```yaml
//! waivers:
//!   - rule: pentest-outdated
//!     reason: Pentest planned after the migration in October.
//!     expires: 2026-10-31
//! ```
//!
//! Right: the pentest was done, so the waiver is removed; or the CIO approved a new date:
//!
//! ```yaml
//! waivers:
//!   - rule: pentest-outdated
//!     reason: Migration delayed to January; pentest right after it (CIO, 2026-11-02).
//!     expires: 2027-01-31
//! ```
//!
//! ## Source
//! Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering: all decisions, exceptions
//! included, go to the Chief Information Officer.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een uitzondering in `waivers` heeft een `expires`-datum vóór vandaag. Ze geldt niet meer: de
//! regel die ze noemt, geldt weer.
//!
//! ## Waarom
//! Een uitzondering is tijdelijk en door de CIO goedgekeurd, met een reden en een einddatum. Na
//! die datum is de uitzondering voorbij: het probleem is opgelost en de uitzondering kan weg, of de
//! CIO besluit over een nieuwe einddatum. Een verlopen uitzondering die in de registratie blijft
//! staan, wekt de indruk van een uitzondering die er niet meer is.
//!
//! ## Voorbeeld
//! Fout (gecontroleerd op 2026-11-29):
//!
//! ```yaml
//! waivers:
//!   - rule: pentest-outdated
//!     reason: Pentest gepland na de migratie in oktober.
//!     expires: 2026-10-31
//! ```
//!
//! Goed: de pentest is gedaan, dus de uitzondering is weg; of de CIO keurde een nieuwe datum goed:
//!
//! ```yaml
//! waivers:
//!   - rule: pentest-outdated
//!     reason: Migratie uitgesteld tot januari; pentest direct daarna (CIO, 2026-11-02).
//!     expires: 2027-01-31
//! ```
//!
//! ## Bron
//! Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering: alle besluiten, ook
//! uitzonderingen, worden voorgelegd aan de Chief Information Officer.

use super::facts::Waiver;
use super::{Across, Check, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "waiver-expired",
    severity: Severity::Warning,
    source: "Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering",
    url: "",
    doc: include_str!("waiver_expired.rs"),
    check: Check::Across(check),
};

fn check(a: &Across, out: &mut Vec<Finding>) {
    for facts in a.records {
        for waiver in &facts.waivers {
            if let Some(expires) = waiver.expires.filter(|e| *e < a.cx.today) {
                out.push(finding(a, &facts.file, waiver, expires));
            }
        }
    }
}

fn finding(a: &Across, file: &str, waiver: &Waiver, expires: jiff::civil::Date) -> Finding {
    let lang = a.lang();
    let rule = &waiver.rule;
    a.finding(
        &RULE,
        file,
        waiver.expires_pos,
        &format!("{}/expires", waiver.pointer),
        lang.pick(
            format!("The waiver for `{rule}` expired on {expires}: the rule applies again."),
            format!("De uitzondering voor `{rule}` is verlopen op {expires}: de regel geldt weer."),
        ),
    )
    .with_help(lang.pick(
        "Solve what the rule reports and remove the waiver; or, if the CIO agrees to extend it, set a new `expires` date and update the `reason`.",
        "Los op wat de regel meldt en haal de uitzondering weg; of, stemt de CIO in met verlenging, zet dan een nieuwe `expires`-datum en werk de `reason` bij.",
    ))
}
