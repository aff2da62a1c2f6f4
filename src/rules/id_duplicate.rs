//! ## What it checks
//! Two records have the same `id` (upper and lower case do not count). The finding is on the
//! record whose file name differs from the id, or else on the later file; it points at the other.
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
//! Twee registraties hebben hetzelfde `id` (hoofdletters en kleine letters tellen niet). De
//! melding staat bij de registratie waarvan de bestandsnaam afwijkt van het id, of anders bij het
//! latere bestand; ze wijst naar de andere.
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
        }
    }
}

/// The record the id belongs to: the first by path of those whose file name is the id, preferring
/// an id in lowercase (as the schema requires); else the first by path.
fn owner(group: &[(&Facts, &Located)]) -> usize {
    let rank = |(f, id): &(&Facts, &Located)| (f.stem != id.value, id.value.bytes().any(|b| b.is_ascii_uppercase()));
    (0..group.len()).min_by_key(|i| (rank(&group[*i]), *i)).unwrap_or(0)
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
