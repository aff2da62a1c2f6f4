//! ## What it checks
//! One domain name is in `domains` of two records that are not retired. Both claims get a
//! finding that points at the other, so that whoever changed either record sees it (in
//! `toets pr`, on the record the pull request changed, in the change). The older claim is
//! named first: a live or deprecated application goes before one that is approved or in
//! development, which goes before a proposal; among equals, the first file by path goes first.
//!
//! ## Why
//! Every domain name of the municipality belongs to one application, with one owner who answers
//! for its security, privacy and accessibility. A domain claimed twice has no clear owner; it
//! usually means an application was replaced without retiring the old record.
//!
//! ## Example
//! Wrong: `registry/parkeerloket.yaml` (status `live`), while `registry/parkeren.yaml` also lists
//! `parkeren.voorbeeldstad.nl`:
//!
//! ```yaml
//! lifecycle:
//!   status: live
//! domains:
//!   - parkeren.voorbeeldstad.nl
//! ```
//!
//! Right: the old application is retired.
//!
//! ```yaml
//! lifecycle:
//!   status: retired
//!   retired_on: 2025-03-31
//!   replaced_by: parkeren
//! domains:
//!   - parkeren.voorbeeldstad.nl
//! ```
//!
//! ## Source
//! Beleidskader online aanwezigheid (2017/187239): the municipality is clearly recognisable as
//! sender and owner of its online applications (4, herkenbaarheid) and keeps an overview of its
//! domain names (bijlage 1).
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Eén domeinnaam staat in `domains` van twee registraties die niet uit de lucht zijn (`retired`).
//! Beide claims krijgen een melding die naar de andere wijst, zodat wie een van beide registraties
//! wijzigt het ziet (in `toets pr`: bij de registratie die het pull request wijzigt, in de
//! wijziging). De oudere claim gaat voor: een toepassing die live of uitfaserend is, gaat vóór een
//! toepassing die goedgekeurd of in ontwikkeling is, en die gaat weer vóór een voorstel; bij
//! gelijke status gaat het eerste bestand (op pad) voor.
//!
//! ## Waarom
//! Elke domeinnaam van de gemeente hoort bij één toepassing, met één eigenaar die verantwoordelijk
//! is voor de beveiliging, de privacy en de toegankelijkheid. Een domeinnaam die twee keer wordt
//! geclaimd, heeft geen duidelijke eigenaar; meestal is een toepassing vervangen zonder dat de oude
//! registratie op `retired` is gezet.
//!
//! ## Voorbeeld
//! Fout: `registry/parkeerloket.yaml` (status `live`), terwijl `registry/parkeren.yaml` ook
//! `parkeren.voorbeeldstad.nl` noemt:
//!
//! ```yaml
//! lifecycle:
//!   status: live
//! domains:
//!   - parkeren.voorbeeldstad.nl
//! ```
//!
//! Goed: de oude toepassing is uit de lucht.
//!
//! ```yaml
//! lifecycle:
//!   status: retired
//!   retired_on: 2025-03-31
//!   replaced_by: parkeren
//! domains:
//!   - parkeren.voorbeeldstad.nl
//! ```
//!
//! ## Bron
//! Beleidskader online aanwezigheid (2017/187239): de gemeente is bij online toepassingen duidelijk
//! herkenbaar als afzender en eigenaar (4, herkenbaarheid) en houdt een overzicht bij van haar
//! domeinnamen (bijlage 1).

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::facts::{Facts, Located, by_file};
use super::{Across, Check, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "domain-claimed-twice",
    severity: Severity::Error,
    source: "Beleidskader online aanwezigheid (2017/187239), 4 (herkenbaarheid), bijlage 1",
    url: "",
    doc: include_str!("domain_claimed_twice.rs"),
    check: Check::Across(check),
};

fn check(a: &Across, out: &mut Vec<Finding>) {
    let mut claims: Vec<&Facts> = by_file(a.records).into_iter().filter(|f| !f.is_retired()).collect();
    claims.sort_by_key(|f| seniority(&f.status));
    let mut first: HashMap<String, (&Facts, &Located)> = HashMap::new();
    for facts in claims {
        for domain in &facts.domains {
            match first.entry(domain.value.to_lowercase()) {
                Entry::Vacant(e) => {
                    e.insert((facts, domain));
                }
                // The same record listing a domain twice is the schema's to report.
                Entry::Occupied(e) if e.get().0.file == facts.file => {}
                // Shown on both records: in a pull request, the one it changed has it in the change.
                Entry::Occupied(e) => {
                    let (first, claim) = *e.get();
                    out.push(finding(a, facts, domain, &(first, claim)));
                    out.push(finding(a, first, claim, &(facts, domain)));
                }
            }
        }
    }
}

/// Which claim comes first: an application that is online holds its domain before one being
/// built, which holds it before a mere proposal; among equals, the first file by path.
fn seniority(status: &str) -> u8 {
    match status {
        "live" | "deprecated" => 0,
        "approved" | "in_development" => 1,
        _ => 2,
    }
}

fn finding(a: &Across, facts: &Facts, domain: &Located, (other, claim): &(&Facts, &Located)) -> Finding {
    let lang = a.lang();
    let (value, id, file) = (&domain.value, other.id_or_stem(), &other.file);
    a.finding(
        &RULE,
        &facts.file,
        domain.pos,
        &domain.pointer,
        lang.pick(
            format!("The domain `{value}` is also claimed by `{id}` ({file})."),
            format!("De domeinnaam `{value}` wordt ook geclaimd door `{id}` ({file})."),
        ),
    )
    .with_related(
        file,
        claim.pos,
        lang.pick(format!("`{id}` claims `{value}` here"), format!("`{id}` claimt `{value}` hier")),
    )
    .with_help(lang.pick(
        "A domain belongs to one application. Remove it from the record it no longer belongs to; if one application replaced the other, set the old one to `lifecycle.status: retired`.",
        "Een domeinnaam hoort bij één toepassing. Haal hem weg bij de registratie waar hij niet meer bij hoort; heeft de ene toepassing de andere vervangen, zet de oude dan op `lifecycle.status: retired`.",
    ))
}
