//! ## What it checks
//! Under BIO 1.04 (`security.bio_version: BIO1.04`) the record has no baseline security level
//! `security.bbn`. Under BIO2 (`security.bio_version: BIO2`) it has no
//! `security.risk_analysis_date`, or that risk analysis is older than `risk_analysis_months` in
//! `toets.toml` (12 months unless set otherwise). Redirects count too: they run on the
//! municipality's servers like everything else. Proposed, rejected and retired records and
//! parked domains are skipped.
//!
//! ## Why
//! The Baseline Informatiebeveiliging Overheid (BIO) decides which security measures an
//! application needs. BIO 1.04 does that with a baseline security level (BBN 1, 2 or 3); BIO2,
//! which the Cyberbeveiligingswet makes mandatory, does it with a risk analysis that is kept up
//! to date. Without either, nobody knows which measures apply.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! security:
//!   bio_version: BIO2
//!   hosting:
//!     provider: Gemeente Voorbeeldstad
//!     location: nl
//! ```
//!
//! Right:
//!
//! ```yaml
//! security:
//!   bio_version: BIO2
//!   risk_analysis_date: 2026-03-01
//!   hosting:
//!     provider: Gemeente Voorbeeldstad
//!     location: nl
//! ```
//!
//! ## Source
//! Baseline Informatiebeveiliging Overheid: BIO 1.04 (BBN assessment) and BIO2 (risk analysis);
//! Cyberbeveiligingswet.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Onder BIO 1.04 (`security.bio_version: BIO1.04`) heeft de registratie geen
//! basisbeveiligingsniveau `security.bbn`. Onder BIO2 (`security.bio_version: BIO2`) heeft ze
//! geen `security.risk_analysis_date`, of is die risicoanalyse ouder dan `risk_analysis_months`
//! in `toets.toml` (12 maanden, tenzij anders ingesteld). Dat geldt ook voor doorverwijzingen:
//! die draaien net als de rest op servers van de gemeente. Voorgestelde, afgewezen en uit de
//! lucht gehaalde registraties en geparkeerde domeinen slaat de regel over.
//!
//! ## Waarom
//! De Baseline Informatiebeveiliging Overheid (BIO) bepaalt welke beveiligingsmaatregelen een
//! toepassing nodig heeft. BIO 1.04 doet dat met een basisbeveiligingsniveau (BBN 1, 2 of 3);
//! BIO2, die de Cyberbeveiligingswet verplicht maakt, doet het met een risicoanalyse die actueel
//! wordt gehouden. Zonder een van beide weet niemand welke maatregelen gelden.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! security:
//!   bio_version: BIO2
//!   hosting:
//!     provider: Gemeente Voorbeeldstad
//!     location: nl
//! ```
//!
//! Goed:
//!
//! ```yaml
//! security:
//!   bio_version: BIO2
//!   risk_analysis_date: 2026-03-01
//!   hosting:
//!     provider: Gemeente Voorbeeldstad
//!     location: nl
//! ```
//!
//! ## Bron
//! Baseline Informatiebeveiliging Overheid: BIO 1.04 (BBN-toets) en BIO2 (risicoanalyse);
//! Cyberbeveiligingswet.

use super::{Check, OFFLINE, Record, Rule, months_before};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "bio-classification-missing",
    severity: Severity::Error,
    source: "BIO 1.04 (BBN) / BIO2 (risicoanalyse), Cyberbeveiligingswet",
    url: "",
    doc: include_str!("bio_classification_missing.rs"),
    check: Check::Record(check),
};

const RISK_ANALYSIS: &str = "/security/risk_analysis_date";

fn check(r: &Record, out: &mut Vec<Finding>) {
    if r.status_in(OFFLINE) || r.kind() == "parked_domain" {
        return;
    }
    match r.str("/security/bio_version") {
        Some("BIO1.04") if !r.has("/security/bbn") => out.push(no_bbn(r)),
        Some("BIO2") => bio2(r, out),
        _ => {}
    }
}

fn no_bbn(r: &Record) -> Finding {
    let lang = r.lang();
    r.finding(
        &RULE,
        "/security/bbn",
        lang.pick(
            "Under BIO 1.04 the baseline security level (`security.bbn`) is missing.".to_owned(),
            "Onder BIO 1.04 ontbreekt het basisbeveiligingsniveau (`security.bbn`).".to_owned(),
        ),
    )
    .with_help(lang.pick(
        "Add `security.bbn` with the outcome of the BBN assessment: 1, 2 or 3. Better still: move to BIO2 with a risk analysis (`security.risk_analysis_date`).",
        "Voeg `security.bbn` toe met de uitkomst van de BBN-toets: 1, 2 of 3. Beter nog: stap over op BIO2 met een risicoanalyse (`security.risk_analysis_date`).",
    ))
}

/// BIO2: a risk analysis that is not older than the configured number of months.
fn bio2(r: &Record, out: &mut Vec<Finding>) {
    let lang = r.lang();
    let months = r.cx.thresholds.risk_analysis_months;
    let Some(date) = r.date(RISK_ANALYSIS) else {
        out.push(
            r.finding(
                &RULE,
                RISK_ANALYSIS,
                lang.pick(
                    "Under BIO2 the date of the risk analysis (`security.risk_analysis_date`) is missing.".to_owned(),
                    "Onder BIO2 ontbreekt de datum van de risicoanalyse (`security.risk_analysis_date`).".to_owned(),
                ),
            )
            .with_help(lang.pick(
                "Have the risk analysis done with the CISO and add its date as `security.risk_analysis_date`.",
                "Laat de risicoanalyse uitvoeren met de CISO en voeg de datum toe als `security.risk_analysis_date`.",
            )),
        );
        return;
    };
    if date < months_before(r.cx.today, months) {
        out.push(
            r.finding(
                &RULE,
                RISK_ANALYSIS,
                lang.pick(
                    format!("The risk analysis of {date} is older than {months} months."),
                    format!("De risicoanalyse van {date} is ouder dan {months} maanden."),
                ),
            )
            .with_help(lang.pick(
                "Have the risk analysis redone (or reviewed) and put its new date in `security.risk_analysis_date`.",
                "Laat de risicoanalyse opnieuw uitvoeren (of herzien) en zet de nieuwe datum in `security.risk_analysis_date`.",
            )),
        );
    }
}
