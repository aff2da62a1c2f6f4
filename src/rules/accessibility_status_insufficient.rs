//! ## What it checks
//! A live or deprecated website, web app, mobile app, platform or partner site whose
//! `accessibility.status` is D or E, or is C while `accessibility.statement_date` is more than
//! 6 months ago (or not filled in).
//!
//! ## Why
//! Status D (no measures taken) and E (no statement) do not comply with the law. Status C (first
//! measures taken, audit planned) is only acceptable for 6 months: by then the audit must be done
//! and the statement updated to A or B.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! accessibility:
//!   statement_url: https://www.voorbeeldstad.nl/toegankelijkheid
//!   status: C
//!   statement_date: 2025-01-15
//! ```
//!
//! Right:
//!
//! ```yaml
//! accessibility:
//!   statement_url: https://www.voorbeeldstad.nl/toegankelijkheid
//!   status: B
//!   statement_date: 2025-07-01
//!   audit_date: 2025-06-12
//!   audit_method: WCAG-EM
//! ```
//!
//! ## Source
//! Besluit digitale toegankelijkheid overheid; digitoegankelijk.nl, "Nalevingsstatus van de
//! toegankelijkheidsverklaring" (status C lasts at most 6 months).
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een live of uitfaserende website, webapp, mobiele app, platform of partnersite waarvan
//! `accessibility.status` D of E is, of C terwijl `accessibility.statement_date` meer dan
//! 6 maanden geleden is (of niet is ingevuld).
//!
//! ## Waarom
//! Status D (geen maatregelen genomen) en E (geen verklaring) voldoen niet aan de wet. Status C
//! (eerste maatregelen genomen, onderzoek gepland) mag maar 6 maanden: daarna moet het onderzoek
//! gedaan zijn en de verklaring bijgewerkt naar A of B.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! accessibility:
//!   statement_url: https://www.voorbeeldstad.nl/toegankelijkheid
//!   status: C
//!   statement_date: 2025-01-15
//! ```
//!
//! Goed:
//!
//! ```yaml
//! accessibility:
//!   statement_url: https://www.voorbeeldstad.nl/toegankelijkheid
//!   status: B
//!   statement_date: 2025-07-01
//!   audit_date: 2025-06-12
//!   audit_method: WCAG-EM
//! ```
//!
//! ## Bron
//! Besluit digitale toegankelijkheid overheid; digitoegankelijk.nl, "Nalevingsstatus van de
//! toegankelijkheidsverklaring" (status C duurt hoogstens 6 maanden).

use super::{Check, ONLINE, Record, Rule, months_before};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "accessibility-status-insufficient",
    severity: Severity::Error,
    source: "Besluit digitale toegankelijkheid overheid; digitoegankelijk.nl, nalevingsstatus",
    url: "https://www.digitoegankelijk.nl/toegankelijkheidsverklaring/status",
    doc: include_str!("accessibility_status_insufficient.rs"),
    check: Check::Record(check),
};

/// How long status C may last: set by the law's guidance, not by the municipality.
const STATUS_C_MONTHS: i64 = 6;

fn check(r: &Record, out: &mut Vec<Finding>) {
    if !r.is_public() || !r.status_in(ONLINE) {
        return;
    }
    match r.str("/accessibility/status") {
        Some(status @ ("D" | "E")) => not_compliant(r, status, out),
        Some("C") => status_c(r, out),
        _ => {}
    }
}

fn not_compliant(r: &Record, status: &str, out: &mut Vec<Finding>) {
    let lang = r.lang();
    out.push(
        r.finding(
            &RULE,
            "/accessibility/status",
            lang.pick(
                format!("Accessibility status {status} does not comply with the law."),
                format!("Toegankelijkheidsstatus {status} voldoet niet aan de wet."),
            ),
        )
        .with_help(lang.pick(
            "Have the application audited (WCAG-EM), fix what the audit finds, and update the statement to status A or B. Until the audit is done, status C is allowed for at most 6 months.",
            "Laat de toepassing onderzoeken (WCAG-EM), los de gevonden problemen op en werk de verklaring bij naar status A of B. Tot het onderzoek klaar is, mag status C hoogstens 6 maanden.",
        )),
    );
}

/// Status C is a promise to audit within 6 months of the statement; without a date it cannot be checked.
fn status_c(r: &Record, out: &mut Vec<Finding>) {
    let pointer = "/accessibility/statement_date";
    let lang = r.lang();
    let message = match r.date(pointer) {
        Some(date) if date < months_before(r.cx.today, STATUS_C_MONTHS) => lang.pick(
            format!("Accessibility status C is allowed for 6 months, but the statement dates from {date}."),
            format!("Toegankelijkheidsstatus C mag 6 maanden, maar de verklaring dateert van {date}."),
        ),
        Some(_) => return,
        None => lang.pick(
            "Accessibility status C is allowed for 6 months, but `accessibility.statement_date` is not filled in."
                .to_owned(),
            "Toegankelijkheidsstatus C mag 6 maanden, maar `accessibility.statement_date` is niet ingevuld.".to_owned(),
        ),
    };
    out.push(r.finding(&RULE, pointer, message).with_help(lang.pick(
        "Finish the accessibility audit and update the statement to status A or B, with its new `accessibility.statement_date` and `accessibility.audit_date`.",
        "Rond het toegankelijkheidsonderzoek af en werk de verklaring bij naar status A of B, met de nieuwe `accessibility.statement_date` en `accessibility.audit_date`.",
    )));
}
