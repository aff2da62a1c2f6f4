//! ## What it checks
//! Two records have the same `id` (upper and lower case do not count). Both get a finding that
//! points at the other: the record whose file name differs from the id (or else the later file)
//! is told to change its id, the other that its id is used twice. In `toets pr`, the record the
//! pull request changed has its finding in the change.
//!
//! ## Why
//! The id names an application everywhere: in `reuses`, in `lifecycle.replaced_by`, in reports
//! and in decisions of the CIO. If two records share one, nobody can tell which application is
//! meant, and the overview of the municipality's online applications is no longer complete and
//! reliable.
//!
//! ## Example
//! Wrong: `registry/afvalwijzer-kopie.yaml`, next to `registry/afvalwijzer.yaml`:
//!
//! ```yaml
//! id: afvalwijzer
//! ```
//!
//! Right:
//!
//! ```yaml
//! id: afvalwijzer-kopie
//! ```
//!
//! ## Source
//! Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering: one central check of all
//! intended and existing online applications, which needs each application once, under one name.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Twee registraties hebben hetzelfde `id` (hoofdletters en kleine letters tellen niet). Beide
//! krijgen een melding die naar de andere wijst: de registratie waarvan de bestandsnaam afwijkt
//! van het id (of anders het latere bestand) moet een ander id krijgen, de andere hoort dat haar
//! id twee keer voorkomt. In `toets pr` staat de melding van de gewijzigde registratie in de
//! wijziging.
//!
//! ## Waarom
//! Het id noemt een toepassing overal: in `reuses`, in `lifecycle.replaced_by`, in rapporten en
//! in besluiten van de CIO. Als twee registraties er één delen, weet niemand welke toepassing
//! bedoeld is, en is het overzicht van de online toepassingen van de gemeente niet meer volledig
//! en betrouwbaar.
//!
//! ## Voorbeeld
//! Fout: `registry/afvalwijzer-kopie.yaml`, naast `registry/afvalwijzer.yaml`:
//!
//! ```yaml
//! id: afvalwijzer
//! ```
//!
//! Goed:
//!
//! ```yaml
//! id: afvalwijzer-kopie
//! ```
//!
//! ## Bron
//! Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering: één centrale toets van alle
//! beoogde en bestaande online toepassingen, die elke toepassing één keer nodig heeft, onder één
//! naam.

use std::collections::HashMap;

use super::facts::{Facts, Located, by_file};
use super::{Across, Check, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "id-duplicate",
    severity: Severity::Error,
    source: "Beleidskader online aanwezigheid (2017/187239), 6 Uitvoering",
    url: "",
    doc: include_str!("id_duplicate.rs"),
    check: Check::Across(check),
};

fn check(a: &Across, out: &mut Vec<Finding>) {
    let mut groups: HashMap<String, Vec<(&Facts, &Located)>> = HashMap::new();
    for facts in by_file(a.records) {
        if let Some(id) = &facts.id {
            groups.entry(id.value.to_lowercase()).or_default().push((facts, id));
        }
    }
    for group in groups.values().filter(|g| g.len() > 1) {
        let owner = owner(group);
        let (first, first_id) = group[owner];
        for (_, (facts, id)) in group.iter().enumerate().filter(|(i, _)| *i != owner) {
            out.push(finding(a, facts, id, first, first_id));
            // The owner hears of it too (in a pull request, the record it changed has it in the
            // change), unless the other id is one the schema refuses: that is the finding there.
            if id.value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
                out.push(owner_finding(a, first, first_id, facts, id));
            }
        }
    }
}

/// The record the id belongs to: the first by path of those whose file name is the id, preferring
/// an id in lowercase (as the schema requires); else the first by path.
fn owner(group: &[(&Facts, &Located)]) -> usize {
    let rank = |(f, id): &(&Facts, &Located)| (f.stem != id.value, id.value.bytes().any(|b| b.is_ascii_uppercase()));
    (0..group.len()).min_by_key(|i| (rank(&group[*i]), *i)).unwrap_or(0)
}

/// The finding on the record that keeps the id, pointing at the one that must change.
fn owner_finding(a: &Across, owner: &Facts, id: &Located, other: &Facts, other_id: &Located) -> Finding {
    let lang = a.lang();
    let (value, file) = (&id.value, &other.file);
    a.finding(
        &RULE,
        &owner.file,
        id.pos,
        &id.pointer,
        lang.pick(
            format!("The id `{value}` is also used by {file}."),
            format!("Het id `{value}` wordt ook gebruikt door {file}."),
        ),
    )
    .with_related(
        file,
        other_id.pos,
        lang.pick(format!("`{}` is used here too", other_id.value), format!("hier wordt `{}` ook gebruikt", other_id.value)),
    )
    .with_help(lang.pick(
        format!("This record keeps the id, as its file is named after it: {file} must get an id of its own (its file name without .yaml). If both records describe the same application, keep one of them."),
        format!("Deze registratie houdt het id, want haar bestand heet ernaar: {file} moet een eigen id krijgen (de bestandsnaam zonder .yaml). Beschrijven beide registraties dezelfde toepassing, houd er dan één over."),
    ))
}

fn finding(a: &Across, facts: &Facts, id: &Located, first: &Facts, first_id: &Located) -> Finding {
    let lang = a.lang();
    let (value, other) = (&id.value, &first.file);
    a.finding(
        &RULE,
        &facts.file,
        id.pos,
        &id.pointer,
        lang.pick(
            format!("The id `{value}` is already used by {other}."),
            format!("Het id `{value}` wordt al gebruikt door {other}."),
        ),
    )
    .with_related(
        &first.file,
        first_id.pos,
        lang.pick(format!("`{}` is used here first", first_id.value), format!("hier wordt `{}` al gebruikt", first_id.value)),
    )
    .with_help(lang.pick(
        "Each application has its own id, equal to its file name without .yaml: give this record a new id and rename its file to match. If both records describe the same application, keep one of them.",
        "Elke toepassing heeft een eigen id, gelijk aan de bestandsnaam zonder .yaml: geef deze registratie een nieuw id en geef het bestand dezelfde naam. Beschrijven beide registraties dezelfde toepassing, houd er dan één over.",
    ))
}
