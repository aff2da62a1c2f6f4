//! ## What it checks
//! In `toets pr`: the pull request deletes a record file from the registry. A file that is only
//! renamed or moved (the same record under another path) does not count.
//!
//! ## Why
//! The registry is the history of what the municipality ran online. Auditors read it as it stood
//! on any date, and the national registers keep ended entries too: the Register internetdomeinen
//! overheid (RIO) and developer.overheid.nl set a status instead of deleting. An application that
//! stops is retired: its record stays, with status `retired`, the date it went offline, and its
//! domain names redirected or parked.
//!
//! ## Example
//! Wrong: deleting `registry/afvalwijzer.yaml`.
//!
//! ```yaml
//! # registry/afvalwijzer.yaml: deleted
//! ```
//!
//! Right: keeping the file and retiring the application.
//!
//! ```yaml
//! lifecycle:
//!   status: retired
//!   live_since: 2023-04-01
//!   retired_on: 2026-10-31
//!   replaced_by: mijn-afval
//! ```
//!
//! ## Source
//! Register internetdomeinen overheid (RIO, KOOP) and developer.overheid.nl: ended registrations
//! are kept with their status, not deleted. Collegebesluit 2017/187239, Beleidskader online
//! aanwezigheid, 6 Uitvoering: all decisions, including ending an application, go to the CIO.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! In `toets pr`: het pull request verwijdert een registratiebestand uit het register. Een bestand
//! dat alleen een andere naam of plek krijgt (dezelfde registratie onder een ander pad) telt niet.
//!
//! ## Waarom
//! Het register is de geschiedenis van wat de gemeente online had. Auditors lezen het zoals het
//! er op een willekeurige datum bij stond, en ook de landelijke registers bewaren beëindigde
//! registraties: het Register internetdomeinen overheid (RIO) en developer.overheid.nl geven een
//! status in plaats van te verwijderen. Een toepassing die stopt, gaat uit de lucht: haar
//! registratie blijft, met status `retired`, de datum waarop ze offline ging, en haar
//! domeinnamen doorverwezen of geparkeerd.
//!
//! ## Voorbeeld
//! Fout: `registry/afvalwijzer.yaml` verwijderen.
//!
//! ```yaml
//! # registry/afvalwijzer.yaml: verwijderd
//! ```
//!
//! Goed: het bestand houden en de toepassing uit de lucht halen.
//!
//! ```yaml
//! lifecycle:
//!   status: retired
//!   live_since: 2023-04-01
//!   retired_on: 2026-10-31
//!   replaced_by: mijn-afval
//! ```
//!
//! ## Bron
//! Register internetdomeinen overheid (RIO, KOOP) en developer.overheid.nl: beëindigde
//! registraties blijven bestaan met hun status en worden niet verwijderd. Collegebesluit
//! 2017/187239, Beleidskader online aanwezigheid, 6 Uitvoering: alle besluiten, ook het beëindigen
//! van een toepassing, gaan naar de CIO.

use super::{Check, Rule};
use crate::finding::{Finding, Pos, Severity};
use crate::git::ChangeKind;
use crate::pr::{ChangeView, RecordChange};

pub const RULE: Rule = Rule {
    name: "record-deleted",
    severity: Severity::Error,
    source: "Register internetdomeinen overheid (RIO, KOOP): beëindigde registraties blijven bestaan; Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering",
    url: "",
    doc: include_str!("record_deleted.rs"),
    check: Check::Change(check),
};

fn check(view: &ChangeView, out: &mut Vec<Finding>) {
    let lang = view.lang();
    for r in view.records.iter().filter(|r| r.kind == ChangeKind::Deleted && is_record(r) && !moved(view, r)) {
        out.push(
            view.finding(
                &RULE,
                r.path(),
                Pos { line: 1, column: 1 },
                "",
                lang.pick(
                    "This record is deleted. The registry must keep it, so that what the municipality ran stays readable.".to_owned(),
                    "Deze registratie wordt verwijderd. Het register moet haar bewaren, zodat leesbaar blijft wat de gemeente in gebruik had.".to_owned(),
                ),
            )
            .with_help(lang.pick(
                "Keep the file and retire the application instead: set `lifecycle.status: retired`, add `lifecycle.retired_on` (and `lifecycle.replaced_by` if there is a successor), and redirect or park its domains in the domain overview.",
                "Houd het bestand en haal de toepassing uit de lucht: zet `lifecycle.status: retired`, voeg `lifecycle.retired_on` toe (en `lifecycle.replaced_by` als er een opvolger is), en verwijs haar domeinen door of parkeer ze in het domeinenoverzicht.",
            )),
        );
    }
}

/// Whether the deleted file was a record: a file that was read at base without an `id` (the
/// domain overview) is not one; a file that could not be read at all counts, to be safe.
fn is_record(r: &RecordChange) -> bool {
    r.old.as_ref().is_none_or(|v| v.pointer("/id").is_some())
}

/// Whether a record with the same id is added elsewhere: a move that git did not see as a rename
/// (the file changed too much on the way).
fn moved(view: &ChangeView, deleted: &RecordChange) -> bool {
    let Some(id) = deleted.text("/id") else { return false };
    view.records
        .iter()
        .any(|r| r.kind == ChangeKind::Added && r.new.as_ref().and_then(|v| v.pointer("/id")?.as_str()) == Some(id))
}
