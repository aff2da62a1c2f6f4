//! ## What it checks
//! In `toets pr`: the pull request adds or changes a record's `cio_approval` and, in the same
//! change, moves its `lifecycle.status` to `approved`, `in_development` or `live`. It is a note for
//! the reviewer, not a fault: the change records the ratification it relies on.
//!
//! ## Why
//! The policy: the CIO ratifies every decision. When the ratification and the step that needs it
//! arrive together, anyone can write a `cio_approval` into the file; only the CIO's approval of
//! this very pull request shows that the CIO took the decision. The reviewer checks that the CIO
//! approves the pull request and that the decision named in `decision_ref` exists.
//!
//! ## Example
//! Note: at base the status is `proposed` without `cio_approval`; the pull request makes it
//!
//! ```yaml
//! lifecycle:
//!   status: approved
//! cio_approval:
//!   by: J. Jansen
//!   date: 2026-11-20
//!   decision_ref: CIO-2026-041
//! ```
//!
//! Right: the same change, approved in the pull request by the CIO (CODEOWNERS makes the CIO a
//! required reviewer of `registry/`). No note: a change of the status alone, with the
//! `cio_approval` already at base.
//!
//! ```yaml
//! lifecycle:
//!   status: in_development
//! cio_approval:
//!   by: J. Jansen
//!   date: 2026-11-20
//!   decision_ref: CIO-2026-041
//! ```
//!
//! ## Source
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 6 Uitvoering ("Alle besluiten
//! worden voorgelegd aan de Chief Information Officer"); CODEOWNERS (the CIO reviews every change
//! to the registry).
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! In `toets pr`: het pull request voegt de `cio_approval` van een registratie toe of wijzigt die,
//! en zet in dezelfde wijziging haar `lifecycle.status` op `approved`, `in_development` of `live`.
//! Het is een aandachtspunt voor wie het pull request beoordeelt, geen fout: de wijziging legt
//! de bekrachtiging vast waarop ze zelf steunt.
//!
//! ## Waarom
//! Het beleid: de CIO bekrachtigt elk besluit. Als de bekrachtiging en de stap die haar nodig
//! heeft samen binnenkomen, kan iedereen een `cio_approval` in het bestand schrijven; alleen de
//! goedkeuring van juist dit pull request door de CIO laat zien dat de CIO het besluit nam. Wie
//! beoordeelt, controleert dat de CIO het pull request goedkeurt en dat het besluit uit
//! `decision_ref` bestaat.
//!
//! ## Voorbeeld
//! Aandachtspunt: op de basis is de status `proposed` zonder `cio_approval`; het pull request maakt
//! er
//!
//! ```yaml
//! lifecycle:
//!   status: approved
//! cio_approval:
//!   by: J. Jansen
//!   date: 2026-11-20
//!   decision_ref: CIO-2026-041
//! ```
//!
//! van. Goed: dezelfde wijziging, in het pull request goedgekeurd door de CIO (CODEOWNERS maakt
//! de CIO verplichte beoordelaar van `registry/`). Geen aandachtspunt: alleen de status verandert,
//! de `cio_approval` stond al op de basis.
//!
//! ```yaml
//! lifecycle:
//!   status: in_development
//! cio_approval:
//!   by: J. Jansen
//!   date: 2026-11-20
//!   decision_ref: CIO-2026-041
//! ```
//!
//! ## Bron
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 6 Uitvoering ("Alle besluiten
//! worden voorgelegd aan de Chief Information Officer"); CODEOWNERS (de CIO beoordeelt elke
//! wijziging van het register).

use serde_json::Value;

use super::{Check, Rule};
use crate::finding::{Finding, Severity};
use crate::git::ChangeKind;
use crate::pr::ChangeView;

pub const RULE: Rule = Rule {
    name: "cio-approval-changed",
    severity: Severity::Warning,
    source: "Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering; CODEOWNERS",
    url: "",
    doc: include_str!("cio_approval_changed.rs"),
    check: Check::Change(check),
};

/// The statuses that rely on the CIO's ratification to be taken: the decision itself and the
/// steps it allows. Later stages (`deprecated`, `retired`) rely on an approval given long before.
const RELYING: &[&str] = &["approved", "in_development", "live"];

fn check(view: &ChangeView, out: &mut Vec<Finding>) {
    let lang = view.lang();
    let at = |v: &Option<Value>, p: &str| v.as_ref().and_then(|v| v.pointer(p)).filter(|v| !v.is_null()).cloned();
    for r in view.records.iter().filter(|r| matches!(r.kind, ChangeKind::Modified | ChangeKind::Renamed)) {
        if r.old.is_none() {
            continue; // the base did not load: nothing to compare with
        }
        let (from, to) = (at(&r.old, "/lifecycle/status"), at(&r.new, "/lifecycle/status"));
        let (before, after) = (at(&r.old, "/cio_approval"), at(&r.new, "/cio_approval"));
        let Some(to) = to.as_ref().and_then(Value::as_str) else { continue };
        if from.as_ref() == Some(&Value::from(to)) || !RELYING.contains(&to) || after.is_none() || before == after {
            continue;
        }
        let from = from.as_ref().and_then(Value::as_str).unwrap_or("?");
        let field = |k: &str| r.text(&format!("/cio_approval/{k}")).unwrap_or("?");
        let (by, date, decision) = (field("by"), field("date"), field("decision_ref"));
        out.push(
            view.finding(
                &RULE,
                r.path(),
                r.pos("/cio_approval", lang),
                "/cio_approval",
                lang.pick(
                    format!("This pull request records the CIO's ratification (`cio_approval`) and, in the same change, moves the status from `{from}` to `{to}`."),
                    format!("Dit pull request legt de bekrachtiging door de CIO vast (`cio_approval`) en zet in dezelfde wijziging de status van `{from}` op `{to}`."),
                ),
            )
            .with_help(lang.pick(
                format!("Reviewer: check that the CIO ({by}) approves this pull request itself, and that decision {decision} of {date} exists."),
                format!("Beoordelaar: controleer dat de CIO ({by}) dit pull request zelf goedkeurt, en dat besluit {decision} van {date} bestaat."),
            )),
        );
    }
}
