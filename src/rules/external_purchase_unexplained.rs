//! ## What it checks
//! The outcome of the central check is `buy_external`, but `check.external_rationale` is missing:
//! the record does not say why none of the three municipal platforms fits.
//!
//! ## Why
//! The policy: applications are built within the municipality's own three platforms (the
//! municipal website, the intranet/extranet and the open data platform), which meet its demands on
//! security, privacy and authentication. Buying externally is only for exceptions, so the reason
//! must be written down where the CIO and later reviewers can read it.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! check:
//!   outcome: buy_external
//! ```
//!
//! Right:
//!
//! ```yaml
//! check:
//!   outcome: buy_external
//!   external_rationale: >-
//!     Council documents must be published in the national format, which none of our
//!     platforms supports; a shared product of many municipalities does.
//! ```
//!
//! ## Source
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 4 Argumenten ("Toepassingen
//! moeten daarom in principe binnen deze platforms worden ingepast") and 6 Uitvoering ("of (in
//! uitzonderingsgevallen) extern aanschaffen").
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! De uitkomst van de centrale toets is `buy_external`, maar `check.external_rationale` ontbreekt:
//! de registratie zegt niet waarom geen van de drie gemeentelijke platforms past.
//!
//! ## Waarom
//! Het beleid: toepassingen worden gebouwd binnen de drie eigen platforms van de gemeente (de
//! gemeentelijke website, het intranet/extranet en het open dataplatform), die voldoen aan de eisen
//! voor beveiliging, privacy en authenticatie. Extern aanschaffen mag alleen bij uitzondering;
//! daarom moet de reden op papier staan, zodat de CIO en latere lezers die kunnen nagaan.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! check:
//!   outcome: buy_external
//! ```
//!
//! Goed:
//!
//! ```yaml
//! check:
//!   outcome: buy_external
//!   external_rationale: >-
//!     Raadsstukken moeten in het landelijke formaat worden gepubliceerd; dat kan geen van onze
//!     platforms, een gedeeld product van veel gemeenten wel.
//! ```
//!
//! ## Bron
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 4 Argumenten ("Toepassingen
//! moeten daarom in principe binnen deze platforms worden ingepast") en 6 Uitvoering ("of (in
//! uitzonderingsgevallen) extern aanschaffen").

use super::{Check, Record, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "external-purchase-unexplained",
    severity: Severity::Error,
    source: "Beleidskader online aanwezigheid (2017/187239), 4 Argumenten (drie platforms) en 6 Uitvoering",
    url: "",
    doc: include_str!("external_purchase_unexplained.rs"),
    check: Check::Record(check),
};

fn check(r: &Record, out: &mut Vec<Finding>) {
    if r.str("/check/outcome") != Some("buy_external") || r.has("/check/external_rationale") {
        return;
    }
    let lang = r.lang();
    out.push(
        r.finding(
            &RULE,
            "/check/external_rationale",
            lang.pick(
                "The central check says `buy_external`, but it does not say why none of the three municipal platforms fits.".to_owned(),
                "De centrale toets zegt `buy_external`, maar niet waarom geen van de drie gemeentelijke platforms past.".to_owned(),
            ),
        )
        .with_help(lang.pick(
            "Add `check.external_rationale`: why the municipal website, the intranet/extranet and the open data platform cannot do this.",
            "Voeg `check.external_rationale` toe: waarom de gemeentelijke website, het intranet/extranet en het open dataplatform dit niet kunnen.",
        )),
    );
}
