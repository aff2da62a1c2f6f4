//! ## What it checks
//! In `toets pr`: a changed record's `lifecycle.status` goes backwards or skips the CIO. The
//! stages run `proposed` → `approved` → `in_development` → `live` → `deprecated` → `retired`; a
//! later stage may be skipped (`approved` → `live` for a product that is bought, `live` →
//! `retired`). Only a proposal can be `rejected`, and a rejected application can only come back as
//! a new proposal (`rejected` → `proposed`). Leaving `proposed` for anything but `approved` or
//! `rejected` skips the CIO; a later stage to an earlier one (`live` → `in_development`, `retired`
//! → `live`) goes backwards.
//!
//! ## Why
//! The policy: every proposal goes through the central check and is ratified by the CIO before
//! anything is built or bought. A status that jumps past `approved` skips that decision. A status
//! that goes back rewrites the history the registry keeps: an application that starts over is a
//! new proposal, checked again.
//!
//! ## Example
//! Wrong: at base the status is `proposed`; the pull request makes it
//!
//! ```yaml
//! lifecycle:
//!   status: in_development
//! ```
//!
//! Right: first the CIO's decision, in its own pull request,
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
//! and `in_development` in a later one.
//!
//! ## Source
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 6 Uitvoering ("Alle besluiten
//! worden voorgelegd aan de Chief Information Officer"; the central check comes before building
//! or buying).
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! In `toets pr`: de `lifecycle.status` van een gewijzigde registratie gaat terug of slaat de CIO
//! over. De fasen zijn `proposed` → `approved` → `in_development` → `live` → `deprecated` →
//! `retired`; een latere fase mag worden overgeslagen (`approved` → `live` voor een gekocht
//! product, `live` → `retired`). Alleen een voorstel kan `rejected` worden, en een afgewezen
//! toepassing kan alleen terugkomen als nieuw voorstel (`rejected` → `proposed`). Wie `proposed`
//! verlaat voor iets anders dan `approved` of `rejected`, slaat de CIO over; van een latere naar
//! een eerdere fase (`live` → `in_development`, `retired` → `live`) is een stap terug.
//!
//! ## Waarom
//! Het beleid: elk voorstel gaat door de centrale toets en wordt door de CIO bekrachtigd voordat
//! er iets wordt gebouwd of gekocht. Een status die over `approved` heen springt, slaat dat besluit
//! over. Een status die teruggaat, herschrijft de geschiedenis die het register bewaart: een
//! toepassing die opnieuw begint, is een nieuw voorstel dat opnieuw wordt getoetst.
//!
//! ## Voorbeeld
//! Fout: op de basis is de status `proposed`; het pull request maakt er
//!
//! ```yaml
//! lifecycle:
//!   status: in_development
//! ```
//!
//! van. Goed: eerst het besluit van de CIO, in een eigen pull request,
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
//! en `in_development` in een later pull request.
//!
//! ## Bron
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 6 Uitvoering ("Alle besluiten
//! worden voorgelegd aan de Chief Information Officer"; de centrale toets gaat vóór bouwen of
//! kopen).

use serde_json::Value;

use super::{Check, Rule};
use crate::finding::{Finding, Lang, Severity};
use crate::git::ChangeKind;
use crate::pr::{ChangeView, RecordChange};

pub const RULE: Rule = Rule {
    name: "lifecycle-step-invalid",
    severity: Severity::Error,
    source: "Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering",
    url: "",
    doc: include_str!("lifecycle_step_invalid.rs"),
    check: Check::Change(check),
};

/// The stages in order; `rejected` stands beside them, after `proposed` only.
const STAGES: &[&str] = &["proposed", "approved", "in_development", "live", "deprecated", "retired"];

/// The statuses that may follow `from`, or `None` for a status toets does not know (the schema
/// reports that).
fn next(from: &str) -> Option<&'static [&'static str]> {
    match from {
        "proposed" => Some(&["approved", "rejected"]),
        "rejected" => Some(&["proposed"]),
        _ => STAGES.iter().position(|s| *s == from).and_then(|i| STAGES.get(i + 1..)),
    }
}

fn check(view: &ChangeView, out: &mut Vec<Finding>) {
    let lang = view.lang();
    let status =
        |v: &Option<Value>| v.as_ref().and_then(|v| v.pointer("/lifecycle/status")?.as_str().map(str::to_owned));
    for r in view.records.iter().filter(|r| matches!(r.kind, ChangeKind::Modified | ChangeKind::Renamed)) {
        let (Some(from), Some(to)) = (status(&r.old), status(&r.new)) else { continue };
        let Some(allowed) = next(&from) else { continue };
        if from == to || allowed.contains(&to.as_str()) || next(&to).is_none() {
            continue;
        }
        out.push(finding(view, r, &from, &to, allowed, lang));
    }
}

fn finding(view: &ChangeView, r: &RecordChange, from: &str, to: &str, allowed: &[&str], lang: Lang) -> Finding {
    let why = match (from, to) {
        ("proposed", _) => lang.pick("that skips the CIO's decision", "dat slaat het besluit van de CIO over"),
        ("rejected", _) => lang.pick(
            "a rejected application can only come back as a new proposal",
            "een afgewezen toepassing kan alleen terugkomen als nieuw voorstel",
        ),
        (_, "rejected") => lang.pick("only a proposal can be rejected", "alleen een voorstel kan worden afgewezen"),
        _ => lang.pick("that is a step back", "dat is een stap terug"),
    };
    let list: Vec<String> = allowed.iter().map(|s| format!("`{s}`")).collect();
    let after = if list.is_empty() {
        lang.pick("nothing follows `retired`".to_owned(), "na `retired` komt niets meer".to_owned())
    } else {
        lang.pick(
            format!("allowed after `{from}`: {}", or(&list, "or")),
            format!("toegestaan na `{from}`: {}", or(&list, "of")),
        )
    };
    let help = match from {
        "proposed" => lang.pick(
            "Set `approved` (with `cio_approval`) or `rejected` once the CIO has decided, and take the next step in a later pull request.".to_owned(),
            "Zet de status op `approved` (met `cio_approval`) of `rejected` zodra de CIO heeft besloten, en zet de volgende stap in een later pull request.".to_owned(),
        ),
        "rejected" => lang.pick(
            "To submit it again, set `proposed` (with what the CIO asked to change); the CIO then decides anew.".to_owned(),
            "Zet de status op `proposed` om het opnieuw in te dienen (met wat de CIO anders wilde); de CIO besluit dan opnieuw.".to_owned(),
        ),
        _ => lang.pick(
            format!("Keep `{from}` or take an allowed step. The status records what has happened and does not go back; an application that starts over is a new proposal: a new record with status `proposed`."),
            format!("Houd `{from}` of zet een toegestane stap. De status legt vast wat er is gebeurd en gaat niet terug; een toepassing die opnieuw begint, is een nieuw voorstel: een nieuwe registratie met status `proposed`."),
        ),
    };
    view.finding(
        &RULE,
        r.path(),
        r.pos("/lifecycle/status", lang),
        "/lifecycle/status",
        lang.pick(
            format!("The status goes from `{from}` to `{to}`: {why}; {after}."),
            format!("De status gaat van `{from}` naar `{to}`: {why}; {after}."),
        ),
    )
    .with_help(help)
}

/// `a`, `a or b`, `a, b or c`.
fn or(items: &[String], word: &str) -> String {
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {word} {last}", rest.join(", ")),
        None => String::new(),
    }
}
