//! ## What it checks
//! A live or deprecated website, web app, mobile app, platform or partner site with
//! accessibility status A or B whose `accessibility.audit_date` is missing or more than 36 months
//! ago. From 33 months on, a warning says that the audit will soon be too old.
//!
//! ## Why
//! Status A and B rest on an accessibility audit (WCAG-EM) that is at most 3 years old. An older
//! audit no longer supports the status in the statement. The warning leaves 3 months to plan and
//! carry out a new audit.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! accessibility:
//!   statement_url: https://www.voorbeeldstad.nl/toegankelijkheid
//!   status: A
//!   statement_date: 2022-05-02
//!   audit_date: 2022-04-11
//! ```
//!
//! Right:
//!
//! ```yaml
//! accessibility:
//!   statement_url: https://www.voorbeeldstad.nl/toegankelijkheid
//!   status: A
//!   statement_date: 2025-11-10
//!   audit_date: 2025-10-15
//!   audit_method: WCAG-EM
//! ```
//!
//! ## Source
//! Besluit digitale toegankelijkheid overheid; digitoegankelijk.nl, "Nalevingsstatus van de
//! toegankelijkheidsverklaring" (status A and B need an audit of at most 3 years old).
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een live of uitfaserende website, webapp, mobiele app, platform of partnersite met
//! toegankelijkheidsstatus A of B waarvan `accessibility.audit_date` ontbreekt of meer dan
//! 36 maanden geleden is. Vanaf 33 maanden waarschuwt de regel dat het onderzoek bijna te oud is.
//!
//! ## Waarom
//! Status A en B steunen op een toegankelijkheidsonderzoek (WCAG-EM) van hoogstens 3 jaar oud.
//! Een ouder onderzoek onderbouwt de status in de verklaring niet meer. De waarschuwing laat
//! 3 maanden om een nieuw onderzoek te plannen en uit te voeren.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! accessibility:
//!   statement_url: https://www.voorbeeldstad.nl/toegankelijkheid
//!   status: A
//!   statement_date: 2022-05-02
//!   audit_date: 2022-04-11
//! ```
//!
//! Goed:
//!
//! ```yaml
//! accessibility:
//!   statement_url: https://www.voorbeeldstad.nl/toegankelijkheid
//!   status: A
//!   statement_date: 2025-11-10
//!   audit_date: 2025-10-15
//!   audit_method: WCAG-EM
//! ```
//!
//! ## Bron
//! Besluit digitale toegankelijkheid overheid; digitoegankelijk.nl, "Nalevingsstatus van de
//! toegankelijkheidsverklaring" (status A en B vragen een onderzoek van hoogstens 3 jaar oud).

use jiff::civil::Date;

use super::{Check, ONLINE, Record, Rule, months_before};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "accessibility-audit-outdated",
    severity: Severity::Error,
    source: "Besluit digitale toegankelijkheid overheid; digitoegankelijk.nl, nalevingsstatus",
    url: "https://www.digitoegankelijk.nl/toegankelijkheidsverklaring/status",
    doc: include_str!("accessibility_audit_outdated.rs"),
    check: Check::Record(check),
};

/// Most age of the audit behind status A or B (3 years): set by the law's guidance.
const MAX_MONTHS: i64 = 36;

/// From this age on, warn that a new audit is due soon.
const WARN_MONTHS: i64 = 33;

const POINTER: &str = "/accessibility/audit_date";

fn check(r: &Record, out: &mut Vec<Finding>) {
    let researched = matches!(r.str("/accessibility/status"), Some("A" | "B"));
    if !r.is_public() || !r.status_in(ONLINE) || !researched {
        return;
    }
    let lang = r.lang();
    let Some(date) = r.date(POINTER) else {
        out.push(
            r.finding(
                &RULE,
                POINTER,
                lang.pick(
                    "Accessibility status A or B needs an accessibility audit, but `accessibility.audit_date` is not filled in.".to_owned(),
                    "Toegankelijkheidsstatus A of B vereist een toegankelijkheidsonderzoek, maar `accessibility.audit_date` is niet ingevuld.".to_owned(),
                ),
            )
            .with_help(lang.pick(
                "Add `accessibility.audit_date`: the date of the last accessibility audit (WCAG-EM).",
                "Voeg `accessibility.audit_date` toe: de datum van het laatste toegankelijkheidsonderzoek (WCAG-EM).",
            )),
        );
        return;
    };
    if date < months_before(r.cx.today, MAX_MONTHS) {
        out.push(outdated(r, date));
    } else if date < months_before(r.cx.today, WARN_MONTHS) {
        out.push(expires_soon(r, date));
    }
}

fn outdated(r: &Record, date: Date) -> Finding {
    let lang = r.lang();
    r.finding(
        &RULE,
        POINTER,
        lang.pick(
            format!("The accessibility audit of {date} is more than 3 years old."),
            format!("Het toegankelijkheidsonderzoek van {date} is meer dan 3 jaar oud."),
        ),
    )
    .with_help(help(r))
}

/// The same rule as a warning: the audit is still valid, but a new one must be planned now.
fn expires_soon(r: &Record, date: Date) -> Finding {
    let lang = r.lang();
    let until = date.saturating_add(jiff::Span::new().months(MAX_MONTHS));
    let mut f = r
        .finding(
            &RULE,
            POINTER,
            lang.pick(
                format!("The accessibility audit of {date} will be more than 3 years old after {until}: plan a new audit now."),
                format!("Het toegankelijkheidsonderzoek van {date} is na {until} meer dan 3 jaar oud: plan nu een nieuw onderzoek."),
            ),
        )
        .with_help(help(r));
    f.severity = Severity::Warning;
    f
}

fn help(r: &Record) -> &'static str {
    r.lang().pick(
        "Have the application audited again (WCAG-EM), update the statement, and set `accessibility.audit_date` to the date of the new audit.",
        "Laat de toepassing opnieuw onderzoeken (WCAG-EM), werk de verklaring bij en zet `accessibility.audit_date` op de datum van het nieuwe onderzoek.",
    )
}
