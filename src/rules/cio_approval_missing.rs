//! ## What it checks
//! A record whose status is approved, rejected, in development, live or deprecated has no
//! `cio_approval` (who ratified, when, with which decision reference).
//!
//! ## Why
//! The policy: all decisions on online applications are presented to the Chief Information
//! Officer for ratification; nothing is built, bought or rejected without it.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! lifecycle:
//!   status: live
//! ```
//!
//! Right:
//!
//! ```yaml
//! lifecycle:
//!   status: live
//! cio_approval:
//!   by: J. Jansen
//!   date: 2025-02-03
//!   decision_ref: CIO-2025-007
//! ```
//!
//! ## Source
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 6 Uitvoering ("Alle besluiten
//! worden voorgelegd aan de Chief Information Officer").
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een registratie met status goedgekeurd, afgewezen, in ontwikkeling, live of uitfaserend heeft
//! geen `cio_approval` (wie bekrachtigde, wanneer, met welk besluitkenmerk).
//!
//! ## Waarom
//! Het beleid: alle besluiten over online toepassingen worden ter bekrachtiging voorgelegd aan de
//! Chief Information Officer; niets wordt gebouwd, gekocht of afgewezen zonder.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! lifecycle:
//!   status: live
//! ```
//!
//! Goed:
//!
//! ```yaml
//! lifecycle:
//!   status: live
//! cio_approval:
//!   by: J. Jansen
//!   date: 2025-02-03
//!   decision_ref: CIO-2025-007
//! ```
//!
//! ## Bron
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 6 Uitvoering ("Alle besluiten
//! worden voorgelegd aan de Chief Information Officer").

use super::{Check, DECIDED, Record, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "cio-approval-missing",
    severity: Severity::Error,
    source: "Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering",
    url: "",
    doc: include_str!("cio_approval_missing.rs"),
    check: Check::Record(check),
};

fn check(r: &Record, out: &mut Vec<Finding>) {
    if !r.status_in(DECIDED) || r.has("/cio_approval") {
        return;
    }
    let status = r.status();
    let lang = r.lang();
    out.push(
        r.finding(
            &RULE,
            "/lifecycle/status",
            lang.pick(
                format!("The status is `{status}`, but the CIO's ratification (`cio_approval`) is missing."),
                format!("De status is `{status}`, maar de bekrachtiging door de CIO (`cio_approval`) ontbreekt."),
            ),
        )
        .with_help(lang.pick(
            "Add `cio_approval` with `by`, `date` and `decision_ref` once the CIO has decided; until then the status is `proposed`.",
            "Voeg `cio_approval` toe met `by`, `date` en `decision_ref` zodra de CIO heeft besloten; tot dan is de status `proposed`.",
        )),
    );
}
