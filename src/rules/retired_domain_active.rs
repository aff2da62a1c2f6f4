//! ## What it checks
//! A retired record (`lifecycle.status: retired`) lists a domain name that is still `active` in
//! the domain overview (`registry/domains.yaml`), while no record that is not retired lists it.
//!
//! ## Why
//! When an application goes offline, its record stays (so that its history remains findable), but
//! its domain must not stay active without an owner: it would show outdated or no information in
//! the municipality's name, or be taken over. Redirect the domain to the successor, park it, or
//! release it.
//!
//! ## Example
//! Wrong: `parkeerloket` is retired, and the overview says:
//!
//! ```yaml
//! domains:
//!   - fqdn: parkerenvoorbeeldstad.nl
//!     status: active
//!     registrant: Gemeente Voorbeeldstad
//! ```
//!
//! Right:
//!
//! ```yaml
//! domains:
//!   - fqdn: parkerenvoorbeeldstad.nl
//!     status: redirect
//!     redirects_to: parkeren.voorbeeldstad.nl
//!     registrant: Gemeente Voorbeeldstad
//! ```
//!
//! ## Source
//! Beleidskader online aanwezigheid (2017/187239), bijlage 1 (overview of the municipality's
//! domain names); Forum Standaardisatie, "Regie op internetdomeinen".
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een registratie die uit de lucht is (`lifecycle.status: retired`) noemt een domeinnaam die in
//! het overzicht van domeinnamen (`registry/domains.yaml`) nog `active` is, terwijl geen
//! registratie die niet uit de lucht is hem noemt.
//!
//! ## Waarom
//! Als een toepassing uit de lucht gaat, blijft de registratie staan (zodat de geschiedenis
//! vindbaar blijft), maar de domeinnaam mag niet zonder eigenaar actief blijven: hij zou
//! verouderde of geen informatie tonen uit naam van de gemeente, of kunnen worden overgenomen.
//! Laat de domeinnaam doorverwijzen naar de opvolger, parkeer hem, of geef hem op.
//!
//! ## Voorbeeld
//! Fout: `parkeerloket` is uit de lucht, en het overzicht zegt:
//!
//! ```yaml
//! domains:
//!   - fqdn: parkerenvoorbeeldstad.nl
//!     status: active
//!     registrant: Gemeente Voorbeeldstad
//! ```
//!
//! Goed:
//!
//! ```yaml
//! domains:
//!   - fqdn: parkerenvoorbeeldstad.nl
//!     status: redirect
//!     redirects_to: parkeren.voorbeeldstad.nl
//!     registrant: Gemeente Voorbeeldstad
//! ```
//!
//! ## Bron
//! Beleidskader online aanwezigheid (2017/187239), bijlage 1 (overzicht gemeentelijke
//! domeinnamen); Forum Standaardisatie, "Regie op internetdomeinen".

use super::facts::{Domain, Located, claimed_domains};
use super::{Across, Check, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "retired-domain-active",
    severity: Severity::Error,
    source: "Beleidskader online aanwezigheid (2017/187239), bijlage 1; Forum Standaardisatie, Regie op internetdomeinen",
    url: "https://www.forumstandaardisatie.nl/publicaties/regie-op-internetdomeinen",
    doc: include_str!("retired_domain_active.rs"),
    check: Check::Across(check),
};

fn check(a: &Across, out: &mut Vec<Finding>) {
    let Some(overview) = a.overview else { return };
    let in_use = claimed_domains(a.records.iter().copied().filter(|f| !f.is_retired()));
    for facts in a.records.iter().filter(|f| f.is_retired()) {
        for domain in &facts.domains {
            let Some(entry) = overview.get(&domain.value) else {
                continue;
            };
            // `get` ignores case, so the entry's fqdn is the record's domain.
            if entry.active_unclaimed(&in_use) {
                out.push(finding(a, &facts.file, domain, &overview.file, entry));
            }
        }
    }
}

fn finding(a: &Across, file: &str, domain: &Located, overview: &str, entry: &Domain) -> Finding {
    let lang = a.lang();
    let value = &domain.value;
    a.finding(
        &RULE,
        file,
        domain.pos,
        &domain.pointer,
        lang.pick(
            format!("This application is retired, but its domain `{value}` is still `active` in {overview}."),
            format!("Deze toepassing is uit de lucht, maar de domeinnaam `{value}` is nog `active` in {overview}."),
        ),
    )
    .with_related(overview, entry.pos, lang.pick("still `active` here".to_owned(), "hier nog `active`".to_owned()))
    .with_help(lang.pick(
        format!("Redirect, park or release it: in {overview}, set its `status` to `redirect` (with `redirects_to`, e.g. the successor's domain), `parked` or `released`."),
        format!("Laat hem doorverwijzen, parkeer hem of geef hem op: zet in {overview} de `status` op `redirect` (met `redirects_to`, bijvoorbeeld de domeinnaam van de opvolger), `parked` of `released`."),
    ))
}
