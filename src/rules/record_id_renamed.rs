//! ## What it checks
//! In `toets pr`: a record's `id` differs between the base and the pull request, because the file
//! was renamed with a new id or because the id was edited in place.
//!
//! ## Why
//! The id is how everything else names the record: other records (`reuses` and
//! `lifecycle.replaced_by`), decisions of the CIO, reports and the history of the
//! registry. A new id breaks those links to the old one. If it is the same application, keep the
//! id; if it is really a new one, the old record stays (retired) and the new one gets its own.
//!
//! ## Example
//! Wrong: `registry/afvalwijzer.yaml` renamed to `registry/afvalkalender.yaml`.
//!
//! ```yaml
//! id: afvalkalender # was: afvalwijzer
//! name: Afvalkalender
//! ```
//!
//! Right: the id stays; the name may change.
//!
//! ```yaml
//! id: afvalwijzer
//! name: Afvalkalender
//! ```
//!
//! ## Source
//! Register convention: `registry/<id>.yaml`, the id is the record's stable name (schema, field
//! `id`). Register internetdomeinen overheid (RIO, KOOP): registrations keep their identity.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! In `toets pr`: het `id` van een registratie verschilt tussen de basis en het pull request,
//! doordat het bestand een nieuwe naam met een nieuw id kreeg of doordat het id ter plekke is
//! aangepast.
//!
//! ## Waarom
//! Met het id noemt al het andere de registratie: andere registraties (`reuses` en
//! `lifecycle.replaced_by`), besluiten van de CIO, rapportages en de geschiedenis van
//! het register. Een nieuw id verbreekt die verwijzingen naar het oude. Gaat het om dezelfde
//! toepassing, houd dan het id; is het echt een nieuwe, dan blijft de oude registratie bestaan
//! (uit de lucht) en krijgt de nieuwe een eigen registratie.
//!
//! ## Voorbeeld
//! Fout: `registry/afvalwijzer.yaml` hernoemd naar `registry/afvalkalender.yaml`.
//!
//! ```yaml
//! id: afvalkalender # was: afvalwijzer
//! name: Afvalkalender
//! ```
//!
//! Goed: het id blijft; de naam mag veranderen.
//!
//! ```yaml
//! id: afvalwijzer
//! name: Afvalkalender
//! ```
//!
//! ## Bron
//! Afspraak van het register: `registry/<id>.yaml`, het id is de vaste naam van de registratie
//! (schema, veld `id`). Register internetdomeinen overheid (RIO, KOOP): registraties houden hun
//! identiteit.

use serde_json::Value;

use super::{Check, Rule};
use crate::finding::{Finding, Severity};
use crate::git::ChangeKind;
use crate::pr::ChangeView;

pub const RULE: Rule = Rule {
    name: "record-id-renamed",
    severity: Severity::Warning,
    source: "Register convention: registry/<id>.yaml (schema, field id); RIO (KOOP): registrations keep their identity",
    url: "",
    doc: include_str!("record_id_renamed.rs"),
    check: Check::Change(check),
};

fn check(view: &ChangeView, out: &mut Vec<Finding>) {
    let lang = view.lang();
    let id = |v: &Option<Value>| v.as_ref().and_then(|v| v.pointer("/id")?.as_str().map(str::to_owned));
    for r in view.records.iter().filter(|r| matches!(r.kind, ChangeKind::Modified | ChangeKind::Renamed)) {
        let (Some(old), Some(new)) = (id(&r.old), id(&r.new)) else { continue };
        if old == new {
            continue;
        }
        out.push(
            view.finding(
                &RULE,
                r.path(),
                r.pos("/id", lang),
                "/id",
                lang.pick(
                    format!("The id changes from `{old}` to `{new}`; other records and the history of the registry refer to `{old}`."),
                    format!("Het id verandert van `{old}` in `{new}`; andere registraties en de geschiedenis van het register verwijzen naar `{old}`."),
                ),
            )
            .with_help(lang.pick(
                format!("If it is the same application, keep `id: {old}` (and the file name `{old}.yaml`); the `name` may change. If it is a new application, keep `{old}` as a retired record with `lifecycle.replaced_by: {new}` and add `{new}` as a record of its own."),
                format!("Gaat het om dezelfde toepassing, houd dan `id: {old}` (en de bestandsnaam `{old}.yaml`); de `name` mag veranderen. Is het een nieuwe toepassing, houd `{old}` dan als registratie uit de lucht met `lifecycle.replaced_by: {new}` en voeg `{new}` toe als eigen registratie."),
            )),
        );
    }
}
