//! ## What it checks
//! A record says the application processes personal data
//! (`privacy.processes_personal_data: true`), a supplier hosts it
//! (`security.hosting.by: supplier`) or maintains it under contract
//! (`maintenance.type: contract`), and `privacy.processor_agreements` is missing or empty.
//!
//! It checks applications in development, live or deprecated: a proposal or an approved plan may
//! not have a supplier under contract yet. It applies to every kind of record, redirects and
//! parked domains included, because it only fires on what the record itself declares.
//!
//! ## Why
//! A supplier that hosts or maintains the application handles the personal data on the
//! municipality's behalf: it is a processor. The GDPR requires a written processor agreement
//! (verwerkersovereenkomst) before a processor may do so. The municipal purchasing terms for IT
//! (GIBIT) also set rules on processing personal data.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! maintenance:
//!   type: contract
//!   contractors:
//!     - name: Agendum Software B.V.
//! privacy:
//!   processes_personal_data: true
//! ```
//!
//! Right:
//!
//! ```yaml
//! maintenance:
//!   type: contract
//!   contractors:
//!     - name: Agendum Software B.V.
//! privacy:
//!   processes_personal_data: true
//!   processor_agreements:
//!     - processor: Agendum Software B.V.
//!       date: 2025-01-06
//!       ref: VWO-2025-001
//! ```
//!
//! ## Source
//! GDPR (AVG) art. 28 (processor); Gemeentelijke Inkoopvoorwaarden bij IT (GIBIT), VNG.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een registratie zegt dat de toepassing persoonsgegevens verwerkt
//! (`privacy.processes_personal_data: true`), een leverancier host haar
//! (`security.hosting.by: supplier`) of beheert haar onder contract
//! (`maintenance.type: contract`), en `privacy.processor_agreements` ontbreekt of is leeg.
//!
//! De regel controleert toepassingen die in ontwikkeling, live of uitfaserend zijn: bij een
//! voorstel of een goedgekeurd plan is er misschien nog geen leverancier gecontracteerd. Hij
//! geldt voor elke soort registratie, ook doorverwijzingen en geparkeerde domeinen, omdat hij
//! alleen afgaat op wat de registratie zelf verklaart.
//!
//! ## Waarom
//! Een leverancier die de toepassing host of beheert, verwerkt de persoonsgegevens namens de
//! gemeente: hij is verwerker. De AVG eist een schriftelijke verwerkersovereenkomst voordat een
//! verwerker dat mag doen. Ook de Gemeentelijke Inkoopvoorwaarden bij IT (GIBIT) stellen regels
//! aan het verwerken van persoonsgegevens.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! maintenance:
//!   type: contract
//!   contractors:
//!     - name: Agendum Software B.V.
//! privacy:
//!   processes_personal_data: true
//! ```
//!
//! Goed:
//!
//! ```yaml
//! maintenance:
//!   type: contract
//!   contractors:
//!     - name: Agendum Software B.V.
//! privacy:
//!   processes_personal_data: true
//!   processor_agreements:
//!     - processor: Agendum Software B.V.
//!       date: 2025-01-06
//!       ref: VWO-2025-001
//! ```
//!
//! ## Bron
//! AVG art. 28 (verwerker); Gemeentelijke Inkoopvoorwaarden bij IT (GIBIT), VNG.

use super::{BUILT, Check, Record, Rule, facts};
use crate::finding::{Finding, Lang, Severity};

pub const RULE: Rule = Rule {
    name: "processor-agreement-missing",
    severity: Severity::Error,
    source: "AVG art. 28; GIBIT",
    url: "",
    doc: include_str!("processor_agreement_missing.rs"),
    check: Check::Record(check),
};

fn check(r: &Record, out: &mut Vec<Finding>) {
    // From development on, a supplier can already be handling the data under contract.
    if !r.status_in(BUILT)
        || r.bool("/privacy/processes_personal_data") != Some(true)
        || r.has("/privacy/processor_agreements")
    {
        return;
    }
    let lang = r.lang();
    let by_supplier = supplier_fields(r, lang);
    if by_supplier.is_empty() {
        return;
    }
    let mut finding = r
        .finding(
            &RULE,
            "/privacy/processor_agreements",
            lang.pick(
                "The application processes personal data and a supplier hosts or maintains it, but no processor agreement is listed (`privacy.processor_agreements`).".to_owned(),
                "De toepassing verwerkt persoonsgegevens en een leverancier host of beheert haar, maar er staat geen verwerkersovereenkomst bij (`privacy.processor_agreements`).".to_owned(),
            ),
        )
        .with_help(lang.pick(
            "List the signed processor agreement with each supplier under `privacy.processor_agreements`, with `processor`, `date` and `ref`; without one the supplier may not handle the personal data.",
            "Neem de getekende verwerkersovereenkomst met elke leverancier op onder `privacy.processor_agreements`, met `processor`, `date` en `ref`; zonder overeenkomst mag de leverancier de persoonsgegevens niet verwerken.",
        ));
    for (pointer, note) in by_supplier {
        finding = finding.with_related(r.file, facts::pos(r.doc, pointer), note);
    }
    out.push(finding);
}

/// The fields that say a supplier runs the application, with a note for each.
fn supplier_fields(r: &Record, lang: Lang) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if r.str("/security/hosting/by") == Some("supplier") {
        out.push((
            "/security/hosting/by",
            lang.pick("A supplier hosts the application.", "Een leverancier host de toepassing.").to_owned(),
        ));
    }
    if r.str("/maintenance/type") == Some("contract") {
        out.push((
            "/maintenance/type",
            lang.pick(
                "A supplier maintains the application under contract.",
                "Een leverancier beheert de toepassing onder contract.",
            )
            .to_owned(),
        ));
    }
    out
}
