//! ## What it checks
//! A record whose status is approved, rejected, in development, live or deprecated has no
//! `check.outcome`: the outcome of the central check is not recorded.
//!
//! ## Why
//! The policy: every intended or existing online application goes through the central check
//! first. Its outcome (do not develop, develop within a municipal platform, or by exception buy
//! externally) is the basis of the decision, so no decision can be taken without it.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! lifecycle:
//!   status: approved
//! ```
//!
//! Right:
//!
//! ```yaml
//! lifecycle:
//!   status: approved
//! check:
//!   outcome: develop_within_platform
//!   date: 2025-01-20
//!   reference: TOETS-2025-004
//! ```
//!
//! ## Source
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 6 Uitvoering ("een centrale
//! toets ... Afhankelijk van de uitkomsten van deze toets kan worden besloten tot ...").
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een registratie met status goedgekeurd, afgewezen, in ontwikkeling, live of uitfaserend heeft
//! geen `check.outcome`: de uitkomst van de centrale toets staat er niet in.
//!
//! ## Waarom
//! Het beleid: elke beoogde of bestaande online toepassing gaat eerst door de centrale toets. De
//! uitkomst (niet ontwikkelen, ontwikkelen binnen een gemeentelijk platform, of bij uitzondering
//! extern aanschaffen) is de basis van het besluit; zonder die uitkomst kan er niets besloten worden.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! lifecycle:
//!   status: approved
//! ```
//!
//! Goed:
//!
//! ```yaml
//! lifecycle:
//!   status: approved
//! check:
//!   outcome: develop_within_platform
//!   date: 2025-01-20
//!   reference: TOETS-2025-004
//! ```
//!
//! ## Bron
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 6 Uitvoering ("een centrale
//! toets ... Afhankelijk van de uitkomsten van deze toets kan worden besloten tot ...").

use super::{Check, DECIDED, Record, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "check-outcome-missing",
    severity: Severity::Error,
    source: "Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering",
    url: "",
    doc: include_str!("check_outcome_missing.rs"),
    check: Check::Record(check),
};

fn check(r: &Record, out: &mut Vec<Finding>) {
    // Every decision follows the central check.
    if !r.status_in(DECIDED) || r.has("/check/outcome") {
        return;
    }
    let status = r.status();
    let lang = r.lang();
    // The schema makes `outcome` required inside `check`, so here the whole `check` is missing:
    // point at the status that needs it, as `cio-approval-missing` does.
    out.push(
        r.finding(
            &RULE,
            "/lifecycle/status",
            lang.pick(
                format!("The status is `{status}`, but the outcome of the central check (`check.outcome`) is missing."),
                format!("De status is `{status}`, maar de uitkomst van de centrale toets (`check.outcome`) ontbreekt."),
            ),
        )
        .with_help(lang.pick(
            "Add `check` with `outcome` (`do_not_develop`, `develop_within_platform` or `buy_external`), `date` and `reference`; until the check is done the status is `proposed`.",
            "Voeg `check` toe met `outcome` (`do_not_develop`, `develop_within_platform` of `buy_external`), `date` en `reference`; zolang de toets niet gedaan is, is de status `proposed`.",
        )),
    );
}
