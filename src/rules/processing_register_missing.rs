//! ## What it checks
//! A record says the application processes personal data
//! (`privacy.processes_personal_data: true`) but gives no `privacy.processing_register_ref`, the
//! reference of the processing in the municipality's register of processing activities. It
//! applies to every kind of record, redirects and parked domains included, because it only fires
//! on what the record itself declares; it skips records whose status is `rejected` or `retired`,
//! as nothing runs there (any more). A proposal may refer to a draft entry.
//!
//! ## Why
//! The GDPR obliges the municipality to keep a register of all its processing of personal data:
//! which data, for what purpose, for whom, how long. The reference links the application to its
//! entry, so that the privacy officer and the supervisory authority can find it.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! privacy:
//!   processes_personal_data: true
//!   statement_url: https://www.voorbeeldstad.nl/privacy
//! ```
//!
//! Right:
//!
//! ```yaml
//! privacy:
//!   processes_personal_data: true
//!   statement_url: https://www.voorbeeldstad.nl/privacy
//!   processing_register_ref: VR-2024-0052
//! ```
//!
//! ## Source
//! GDPR (AVG) art. 30 (records of processing activities).
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een registratie zegt dat de toepassing persoonsgegevens verwerkt
//! (`privacy.processes_personal_data: true`), maar geeft geen `privacy.processing_register_ref`,
//! het kenmerk van de verwerking in het verwerkingsregister van de gemeente. De regel geldt voor
//! elke soort registratie, ook doorverwijzingen en geparkeerde domeinen, omdat hij alleen afgaat
//! op wat de registratie zelf verklaart; registraties met status `rejected` of `retired` slaat hij
//! over, want daar draait niets (meer). Een voorstel mag naar een conceptregel verwijzen.
//!
//! ## Waarom
//! De AVG verplicht de gemeente een register bij te houden van al haar verwerkingen van
//! persoonsgegevens: welke gegevens, met welk doel, van wie, hoe lang. Het kenmerk koppelt de
//! toepassing aan haar regel in dat register, zodat de privacyfunctionaris en de toezichthouder
//! haar kunnen vinden.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! privacy:
//!   processes_personal_data: true
//!   statement_url: https://www.voorbeeldstad.nl/privacy
//! ```
//!
//! Goed:
//!
//! ```yaml
//! privacy:
//!   processes_personal_data: true
//!   statement_url: https://www.voorbeeldstad.nl/privacy
//!   processing_register_ref: VR-2024-0052
//! ```
//!
//! ## Bron
//! AVG art. 30 (register van de verwerkingsactiviteiten).

use super::{Check, ENDED, Record, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "processing-register-missing",
    severity: Severity::Error,
    source: "AVG art. 30",
    url: "",
    doc: include_str!("processing_register_missing.rs"),
    check: Check::Record(check),
};

fn check(r: &Record, out: &mut Vec<Finding>) {
    if r.status_in(ENDED)
        || r.bool("/privacy/processes_personal_data") != Some(true)
        || r.has("/privacy/processing_register_ref")
    {
        return;
    }
    let lang = r.lang();
    out.push(
        r.finding(
            &RULE,
            "/privacy/processing_register_ref",
            lang.pick(
                "The application processes personal data, but its reference in the register of processing activities (`privacy.processing_register_ref`) is missing.".to_owned(),
                "De toepassing verwerkt persoonsgegevens, maar het kenmerk in het verwerkingsregister (`privacy.processing_register_ref`) ontbreekt.".to_owned(),
            ),
        )
        .with_help(lang.pick(
            "Have the processing entered in the register of processing activities (ask the privacy officer) and add its reference as `privacy.processing_register_ref`.",
            "Laat de verwerking opnemen in het verwerkingsregister (vraag de privacyfunctionaris) en voeg het kenmerk toe als `privacy.processing_register_ref`.",
        )),
    );
}
