//! ## What it checks
//! A record says the application processes personal data
//! (`privacy.processes_personal_data: true`) but gives no `privacy.statement_url`. It applies to
//! every kind of record, redirects and parked domains included, because it only fires on what the
//! record itself declares; it skips records whose status is `rejected` or `retired`, as nothing
//! runs there (any more).
//!
//! ## Why
//! The policy: the municipality publishes a privacy statement that says clearly how it handles
//! users' data. The GDPR requires the same: whoever collects personal data must tell the people
//! concerned who processes them, why, how long and what their rights are.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! privacy:
//!   processes_personal_data: true
//! ```
//!
//! Right:
//!
//! ```yaml
//! privacy:
//!   processes_personal_data: true
//!   statement_url: https://www.voorbeeldstad.nl/privacy
//! ```
//!
//! ## Source
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 4 Argumenten ("privacy van
//! gebruikers"); GDPR (AVG) art. 13 and 14.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een registratie zegt dat de toepassing persoonsgegevens verwerkt
//! (`privacy.processes_personal_data: true`), maar geeft geen `privacy.statement_url`. De regel
//! geldt voor elke soort registratie, ook doorverwijzingen en geparkeerde domeinen, omdat hij
//! alleen afgaat op wat de registratie zelf verklaart; registraties met status `rejected` of
//! `retired` slaat hij over, want daar draait niets (meer).
//!
//! ## Waarom
//! Het beleid: de gemeente publiceert een privacystatement waarin zij duidelijk aangeeft hoe zij
//! met de gegevens van gebruikers omgaat. De AVG eist hetzelfde: wie persoonsgegevens verzamelt,
//! vertelt de betrokkenen wie ze verwerkt, waarom, hoe lang en welke rechten zij hebben.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! privacy:
//!   processes_personal_data: true
//! ```
//!
//! Goed:
//!
//! ```yaml
//! privacy:
//!   processes_personal_data: true
//!   statement_url: https://www.voorbeeldstad.nl/privacy
//! ```
//!
//! ## Bron
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 4 Argumenten ("privacy van
//! gebruikers"); AVG art. 13 en 14.

use super::{Check, ENDED, Record, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "privacy-statement-missing",
    severity: Severity::Error,
    source: "Beleidskader online aanwezigheid (2017/187239), 4 (privacy van gebruikers); AVG art. 13/14",
    url: "",
    doc: include_str!("privacy_statement_missing.rs"),
    check: Check::Record(check),
};

fn check(r: &Record, out: &mut Vec<Finding>) {
    if r.status_in(ENDED) || r.bool("/privacy/processes_personal_data") != Some(true) || r.has("/privacy/statement_url")
    {
        return;
    }
    let lang = r.lang();
    out.push(
        r.finding(
            &RULE,
            "/privacy/statement_url",
            lang.pick(
                "The application processes personal data, but the privacy statement (`privacy.statement_url`) is missing.".to_owned(),
                "De toepassing verwerkt persoonsgegevens, maar de privacyverklaring (`privacy.statement_url`) ontbreekt.".to_owned(),
            ),
        )
        .with_help(lang.pick(
            "Add `privacy.statement_url` with the address of the privacy statement that tells users how their data are handled; the municipality's general statement will do if it covers this application.",
            "Voeg `privacy.statement_url` toe met het adres van de privacyverklaring die gebruikers vertelt hoe met hun gegevens wordt omgegaan; de algemene verklaring van de gemeente volstaat als die deze toepassing dekt.",
        )),
    );
}
