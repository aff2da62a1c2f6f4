//! ## What it checks
//! A record says the application processes personal data
//! (`privacy.processes_personal_data: true`) and
//! - has no `privacy.dpia`: the decision whether a data protection impact assessment (DPIA) is
//!   needed is missing; or
//! - says a DPIA is needed (`privacy.dpia.required: true`) but gives no `privacy.dpia.date`,
//!   while the application is in development, live or deprecated. A proposal or an approved plan
//!   may still be waiting for its DPIA: the law asks for it before the processing starts.
//!
//! It applies to every kind of record, redirects and parked domains included, because it only
//! fires on what the record itself declares; it skips records whose status is `rejected` or
//! `retired`, as nothing runs there (any more).
//!
//! ## Why
//! The GDPR requires a DPIA before any processing that is likely to result in a high risk to
//! people, and the Dutch Data Protection Authority (Autoriteit Persoonsgegevens) lists the kinds
//! of processing that always need one. So for every application that processes personal data
//! someone must decide, and record, whether a DPIA is needed; when it is, it must be done before
//! the data are processed.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! lifecycle:
//!   status: live
//! privacy:
//!   processes_personal_data: true
//!   dpia:
//!     required: true
//! ```
//!
//! Right:
//!
//! ```yaml
//! lifecycle:
//!   status: live
//! privacy:
//!   processes_personal_data: true
//!   dpia:
//!     required: true
//!     date: 2024-05-27
//!     ref: DPIA-2024-003
//! ```
//!
//! ## Source
//! GDPR (AVG) art. 35; the list of processing operations that always require a DPIA, set by the
//! Dutch Data Protection Authority (Autoriteit Persoonsgegevens; BWBR0042812).
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een registratie zegt dat de toepassing persoonsgegevens verwerkt
//! (`privacy.processes_personal_data: true`) en
//! - heeft geen `privacy.dpia`: het besluit of een gegevensbeschermingseffectbeoordeling (DPIA)
//!   nodig is, ontbreekt; of
//! - zegt dat een DPIA nodig is (`privacy.dpia.required: true`), maar geeft geen
//!   `privacy.dpia.date`, terwijl de toepassing in ontwikkeling, live of uitfaserend is. Een
//!   voorstel of een goedgekeurd plan mag nog op de DPIA wachten: de wet vraagt die vóór de
//!   verwerking begint.
//!
//! De regel geldt voor elke soort registratie, ook doorverwijzingen en geparkeerde domeinen,
//! omdat hij alleen afgaat op wat de registratie zelf verklaart; registraties met status
//! `rejected` of `retired` slaat hij over, want daar draait niets (meer).
//!
//! ## Waarom
//! De AVG eist een DPIA vóór elke verwerking die waarschijnlijk een hoog risico voor mensen
//! oplevert, en de Autoriteit Persoonsgegevens somt op welke verwerkingen er altijd een nodig
//! hebben. Voor elke toepassing die persoonsgegevens verwerkt, moet dus iemand besluiten en
//! vastleggen of een DPIA nodig is; is dat zo, dan moet die klaar zijn voordat de gegevens
//! worden verwerkt.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! lifecycle:
//!   status: live
//! privacy:
//!   processes_personal_data: true
//!   dpia:
//!     required: true
//! ```
//!
//! Goed:
//!
//! ```yaml
//! lifecycle:
//!   status: live
//! privacy:
//!   processes_personal_data: true
//!   dpia:
//!     required: true
//!     date: 2024-05-27
//!     ref: DPIA-2024-003
//! ```
//!
//! ## Bron
//! AVG art. 35; de lijst van verwerkingen waarvoor een DPIA altijd verplicht is, vastgesteld door
//! de Autoriteit Persoonsgegevens (BWBR0042812).

use super::{BUILT, Check, ENDED, Record, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "dpia-decision-missing",
    severity: Severity::Error,
    source: "AVG art. 35; AP-lijst verplichte DPIA (BWBR0042812)",
    url: "",
    doc: include_str!("dpia_decision_missing.rs"),
    check: Check::Record(check),
};

fn check(r: &Record, out: &mut Vec<Finding>) {
    if r.status_in(ENDED) || r.bool("/privacy/processes_personal_data") != Some(true) {
        return;
    }
    if !r.has("/privacy/dpia") {
        out.push(no_decision(r));
    } else if r.bool("/privacy/dpia/required") == Some(true) && r.status_in(BUILT) && !r.has("/privacy/dpia/date") {
        // From development on, processing can have started, so the required DPIA must have been done.
        out.push(no_date(r, r.status()));
    }
}

/// The finding for a record without a decision on the DPIA.
fn no_decision(r: &Record) -> Finding {
    let lang = r.lang();
    r.finding(
        &RULE,
        "/privacy/dpia",
        lang.pick(
            "The application processes personal data, but the decision whether a DPIA is needed (`privacy.dpia`) is missing.".to_owned(),
            "De toepassing verwerkt persoonsgegevens, maar het besluit of een DPIA nodig is (`privacy.dpia`) ontbreekt.".to_owned(),
        ),
    )
    .with_help(lang.pick(
        "Check the processing against the Dutch Data Protection Authority's list of processing that always needs a DPIA, then add `privacy.dpia` with `required: true` or `required: false` and the reference of that check as `ref`.",
        "Toets de verwerking aan de lijst van de Autoriteit Persoonsgegevens met verwerkingen waarvoor een DPIA altijd verplicht is en voeg daarna `privacy.dpia` toe met `required: true` of `required: false` en het kenmerk van die toets als `ref`.",
    ))
}

/// The finding for a required DPIA without a date, once processing can have started.
fn no_date(r: &Record, status: &str) -> Finding {
    let lang = r.lang();
    r.finding(
        &RULE,
        "/privacy/dpia/date",
        lang.pick(
            format!("A DPIA is required (`privacy.dpia.required: true`) and the status is `{status}`, but the date of the DPIA (`privacy.dpia.date`) is missing."),
            format!("Een DPIA is verplicht (`privacy.dpia.required: true`) en de status is `{status}`, maar de datum van de DPIA (`privacy.dpia.date`) ontbreekt."),
        ),
    )
    .with_help(lang.pick(
        "Carry out the DPIA before the personal data are processed, then add its date as `privacy.dpia.date` and its reference as `privacy.dpia.ref`.",
        "Voer de DPIA uit voordat de persoonsgegevens worden verwerkt en voeg daarna de datum toe als `privacy.dpia.date` en het kenmerk als `privacy.dpia.ref`.",
    ))
}
