//! ## What it checks
//! The record's `id` is not the same as its file name without `.yaml`: `registry/afvalwijzer.yaml`
//! must have `id: afvalwijzer`.
//!
//! ## Why
//! Other records refer to a record by its id (`reuses`, `lifecycle.replaced_by`), and people find
//! it by its file name. When the two differ, a reference leads to the wrong file or to none, and
//! two files can claim the same id without anyone seeing it.
//!
//! ## Example
//! Wrong, in `registry/afvalwijzer.yaml`:
//!
//! ```yaml
//! id: afval-wijzer
//! ```
//!
//! Right, in `registry/afvalwijzer.yaml`:
//!
//! ```yaml
//! id: afvalwijzer
//! ```
//!
//! ## Source
//! The register's convention: one file per application, `registry/<id>.yaml` (schema, field
//! `id`), like the catalogue entities of Backstage, whose names are unique keys.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Het `id` van de registratie is niet gelijk aan de bestandsnaam zonder `.yaml`:
//! `registry/afvalwijzer.yaml` moet `id: afvalwijzer` hebben.
//!
//! ## Waarom
//! Andere registraties verwijzen naar een registratie met haar id (`reuses`,
//! `lifecycle.replaced_by`), en mensen vinden haar aan de bestandsnaam. Als die twee verschillen,
//! leidt een verwijzing naar het verkeerde bestand of naar geen, en kunnen twee bestanden
//! ongemerkt hetzelfde id gebruiken.
//!
//! ## Voorbeeld
//! Fout, in `registry/afvalwijzer.yaml`:
//!
//! ```yaml
//! id: afval-wijzer
//! ```
//!
//! Goed, in `registry/afvalwijzer.yaml`:
//!
//! ```yaml
//! id: afvalwijzer
//! ```
//!
//! ## Bron
//! De afspraak van het register: één bestand per toepassing, `registry/<id>.yaml` (schema, veld
//! `id`), zoals de catalogusonderdelen van Backstage, waarvan de naam een unieke sleutel is.

use super::{Check, Record, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "id-mismatch",
    severity: Severity::Error,
    source: "Register convention: registry/<id>.yaml (schema, field id)",
    url: "",
    doc: include_str!("id_mismatch.rs"),
    check: Check::Record(check),
};

fn check(r: &Record, out: &mut Vec<Finding>) {
    let Some(id) = r.get("/id").and_then(|v| v.as_str()) else {
        return;
    };
    if id == r.stem {
        return;
    }
    let stem = r.stem;
    let lang = r.lang();
    out.push(
        r.finding(
            &RULE,
            "/id",
            lang.pick(
                format!("The id `{id}` is not the same as the file name `{stem}.yaml`."),
                format!("Het id `{id}` is niet gelijk aan de bestandsnaam `{stem}.yaml`."),
            ),
        )
        .with_help(help(r, id)),
    );
}

/// Both ways out, unless the file name could not be an id: then only renaming the file works.
fn help(r: &Record, id: &str) -> String {
    let stem = r.stem;
    if !is_id(stem) {
        return r.lang().pick(
            format!("Rename the file to `{id}.yaml`: an id has only lowercase letters, digits and single hyphens."),
            format!("Hernoem het bestand naar `{id}.yaml`: een id bestaat alleen uit kleine letters, cijfers en losse koppeltekens."),
        );
    }
    r.lang().pick(
        format!("Rename the file to `{id}.yaml`, or change `id` to `{stem}`. Other records refer to this one by its id: if you change the id, change those references too."),
        format!("Hernoem het bestand naar `{id}.yaml`, of verander `id` in `{stem}`. Andere registraties verwijzen met het id naar deze registratie: verandert u het id, pas dan ook die verwijzingen aan."),
    )
}

/// Whether `s` matches the schema's id pattern `^[a-z0-9]+(-[a-z0-9]+)*$` and length.
fn is_id(s: &str) -> bool {
    s.len() <= 63
        && s.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}
