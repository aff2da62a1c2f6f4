//! ## What it checks
//! The outcome of the central check (`check.outcome`) does not fit the rest of the record:
//!
//! - the outcome is `do_not_develop`, but the status is approved, in development or live;
//! - the status is `rejected`, but the outcome is not `do_not_develop`;
//! - the outcome is `develop_within_platform`, but `platform` is `other`.
//!
//! A proposed record may already hold the outcome while the CIO has not yet decided, and a
//! deprecated one may be an existing application that is phased out after the check said
//! `do_not_develop`; both are fine.
//!
//! ## Why
//! The policy: the decision follows the outcome of the central check: do not develop, develop
//! within the existing platforms, or (by exception) buy externally. The municipality runs three
//! platforms of its own: the municipal website, the intranet/extranet and the open data platform.
//! A record that says both "do not develop" and "live", or "within a platform" and "no municipal
//! platform", cannot be true.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! platform: other
//! lifecycle:
//!   status: live
//! check:
//!   outcome: develop_within_platform
//! ```
//!
//! Right:
//!
//! ```yaml
//! platform: public_website
//! lifecycle:
//!   status: live
//! check:
//!   outcome: develop_within_platform
//! ```
//!
//! ## Source
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 4 Argumenten ("drie platforms
//! (gemeentelijke website, gemeentelijk intranet/extranet, open dataplatform)") and 6 Uitvoering
//! ("niet ontwikkelen, ontwikkelen binnen de bestaande platforms ..., of (in
//! uitzonderingsgevallen) extern aanschaffen").
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! De uitkomst van de centrale toets (`check.outcome`) past niet bij de rest van de registratie:
//!
//! - de uitkomst is `do_not_develop`, maar de status is goedgekeurd, in ontwikkeling of live;
//! - de status is `rejected`, maar de uitkomst is niet `do_not_develop`;
//! - de uitkomst is `develop_within_platform`, maar `platform` is `other`.
//!
//! Een voorgestelde registratie mag de uitkomst al bevatten terwijl de CIO nog niet heeft besloten,
//! en een uitfaserende registratie kan een bestaande toepassing zijn die verdwijnt omdat de toets
//! `do_not_develop` gaf; beide zijn in orde.
//!
//! ## Waarom
//! Het beleid: het besluit volgt de uitkomst van de centrale toets: niet ontwikkelen, ontwikkelen
//! binnen de bestaande platforms, of (bij uitzondering) extern aanschaffen. De gemeente heeft drie
//! eigen platforms: de gemeentelijke website, het intranet/extranet en het open dataplatform. Een
//! registratie die tegelijk "niet ontwikkelen" en "live" zegt, of "binnen een platform" en "geen
//! gemeentelijk platform", kan niet kloppen.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! platform: other
//! lifecycle:
//!   status: live
//! check:
//!   outcome: develop_within_platform
//! ```
//!
//! Goed:
//!
//! ```yaml
//! platform: public_website
//! lifecycle:
//!   status: live
//! check:
//!   outcome: develop_within_platform
//! ```
//!
//! ## Bron
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 4 Argumenten ("drie platforms
//! (gemeentelijke website, gemeentelijk intranet/extranet, open dataplatform)") en 6 Uitvoering
//! ("niet ontwikkelen, ontwikkelen binnen de bestaande platforms ..., of (in
//! uitzonderingsgevallen) extern aanschaffen").

use super::{Check, Record, Rule, facts};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "outcome-contradicts-status",
    severity: Severity::Error,
    source: "Beleidskader online aanwezigheid (2017/187239), 4 Argumenten (drie platforms) en 6 Uitvoering",
    url: "",
    doc: include_str!("outcome_contradicts_status.rs"),
    check: Check::Record(check),
};

/// Statuses that say the application goes ahead; `proposed` (decision pending) and `deprecated`
/// (being phased out) can both follow `do_not_develop`.
const GOING_AHEAD: &[&str] = &["approved", "in_development", "live"];

fn check(r: &Record, out: &mut Vec<Finding>) {
    let Some(outcome) = r.str("/check/outcome") else {
        return;
    };
    let status = r.status();
    if outcome == "do_not_develop" && GOING_AHEAD.contains(&status) {
        out.push(not_developed_but_going_ahead(r, status));
    }
    if status == "rejected" && outcome != "do_not_develop" {
        out.push(rejected_but_developed(r, outcome));
    }
    if outcome == "develop_within_platform" && r.str("/platform") == Some("other") {
        out.push(within_platform_but_other(r));
    }
}

/// The status says it goes ahead; the outcome, which came first, is the likelier slip.
fn not_developed_but_going_ahead(r: &Record, status: &str) -> Finding {
    let lang = r.lang();
    r.finding(
        &RULE,
        "/check/outcome",
        lang.pick(
            format!("The central check says `do_not_develop`, but the status is `{status}`."),
            format!("De centrale toets zegt `do_not_develop`, maar de status is `{status}`."),
        ),
    )
    .with_help(lang.pick(
        "If the check said to develop it, correct `check.outcome`. If not, the status should be `rejected` (or `deprecated` when an existing application is phased out).",
        "Als de toets zei dat het ontwikkeld mag worden, verbeter dan `check.outcome`. Zo niet, dan hoort de status `rejected` te zijn (of `deprecated` als een bestaande toepassing wordt uitgefaseerd).",
    ))
    .with_related(r.file, facts::pos(r.doc, "/lifecycle/status"), lang.pick("the status", "de status").to_owned())
}

/// A rejection is the CIO's ratified decision; the outcome next to it is the likelier slip.
fn rejected_but_developed(r: &Record, outcome: &str) -> Finding {
    let lang = r.lang();
    r.finding(
        &RULE,
        "/check/outcome",
        lang.pick(
            format!("The status is `rejected`, but the central check says `{outcome}`."),
            format!("De status is `rejected`, maar de centrale toets zegt `{outcome}`."),
        ),
    )
    .with_help(lang.pick(
        "A rejected application has `check.outcome: do_not_develop`. If the CIO did approve it, correct `lifecycle.status` instead.",
        "Een afgewezen toepassing heeft `check.outcome: do_not_develop`. Heeft de CIO de toepassing wel goedgekeurd, verbeter dan `lifecycle.status`.",
    ))
    .with_related(r.file, facts::pos(r.doc, "/lifecycle/status"), lang.pick("the status", "de status").to_owned())
}

/// "Within a platform" names no platform: `platform` is the field to fill in.
fn within_platform_but_other(r: &Record) -> Finding {
    let lang = r.lang();
    r.finding(
        &RULE,
        "/platform",
        lang.pick(
            "The central check says `develop_within_platform`, but `platform` is `other`, not one of the three municipal platforms.".to_owned(),
            "De centrale toets zegt `develop_within_platform`, maar `platform` is `other` en niet een van de drie gemeentelijke platforms.".to_owned(),
        ),
    )
    .with_help(lang.pick(
        "Set `platform` to the platform it runs on: `public_website`, `intranet_extranet` or `open_data_platform`. If it runs elsewhere, the outcome is `buy_external`, with `check.external_rationale`.",
        "Zet `platform` op het platform waarop het draait: `public_website`, `intranet_extranet` of `open_data_platform`. Draait het ergens anders, dan is de uitkomst `buy_external`, met `check.external_rationale`.",
    ))
    .with_related(r.file, facts::pos(r.doc, "/check/outcome"), lang.pick("the outcome of the check", "de uitkomst van de toets").to_owned())
}
