//! ## What it checks
//! A domain name in `domains` of a record is not in the municipality's overview of its domain
//! names (`registry/domains.yaml`). When there is no overview at all, every domain of every record
//! is reported.
//!
//! ## Why
//! The municipality keeps an overview of all its domain names: which ones it holds, who
//! registered them, and whether each is in use, redirects, is parked or was released. A domain
//! that an application uses but that is not in the overview escapes that control: it can expire,
//! be registered by someone else, or stay online after the application is gone.
//!
//! ## Example
//! Wrong: the record lists `afvalwijzer.voorbeeldstad.nl`, and `registry/domains.yaml` does not.
//!
//! ```yaml
//! domains:
//!   - afvalwijzer.voorbeeldstad.nl
//! ```
//!
//! Right: `registry/domains.yaml` has it.
//!
//! ```yaml
//! domains:
//!   - fqdn: afvalwijzer.voorbeeldstad.nl
//!     status: active
//!     registrant: Gemeente Voorbeeldstad
//!     since: 2018-09-03
//! ```
//!
//! ## Source
//! Beleidskader online aanwezigheid (2017/187239), bijlage 1: the overview of the municipality's
//! domain names; Forum Standaardisatie, "Regie op internetdomeinen" (keep one central overview of
//! all domains).
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een domeinnaam in `domains` van een registratie staat niet in het overzicht van de domeinnamen
//! van de gemeente (`registry/domains.yaml`). Is er helemaal geen overzicht, dan wordt elke
//! domeinnaam van elke registratie gemeld.
//!
//! ## Waarom
//! De gemeente houdt een overzicht bij van al haar domeinnamen: welke ze heeft, wie ze
//! registreerde, en of elke domeinnaam in gebruik is, doorverwijst, geparkeerd is of is opgegeven.
//! Een domeinnaam die een toepassing gebruikt maar die niet in het overzicht staat, ontsnapt aan
//! dat toezicht: hij kan verlopen, door een ander worden geregistreerd, of online blijven als de
//! toepassing al weg is.
//!
//! ## Voorbeeld
//! Fout: de registratie noemt `afvalwijzer.voorbeeldstad.nl`, en `registry/domains.yaml` niet.
//!
//! ```yaml
//! domains:
//!   - afvalwijzer.voorbeeldstad.nl
//! ```
//!
//! Goed: `registry/domains.yaml` noemt hem wel.
//!
//! ```yaml
//! domains:
//!   - fqdn: afvalwijzer.voorbeeldstad.nl
//!     status: active
//!     registrant: Gemeente Voorbeeldstad
//!     since: 2018-09-03
//! ```
//!
//! ## Bron
//! Beleidskader online aanwezigheid (2017/187239), bijlage 1: het overzicht van de gemeentelijke
//! domeinnamen; Forum Standaardisatie, "Regie op internetdomeinen" (houd één centraal overzicht bij
//! van alle internetdomeinen).

use super::facts::Located;
use super::{Across, Check, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "domain-not-in-overview",
    severity: Severity::Error,
    source: "Beleidskader online aanwezigheid (2017/187239), bijlage 1; Forum Standaardisatie, Regie op internetdomeinen",
    url: "https://www.forumstandaardisatie.nl/publicaties/regie-op-internetdomeinen",
    doc: include_str!("domain_not_in_overview.rs"),
    check: Check::Across(check),
};

fn check(a: &Across, out: &mut Vec<Finding>) {
    // An overview that exists but failed to load has its own finding; repeating that for every
    // domain of every record would bury it.
    if a.overview_failed {
        return;
    }
    for facts in a.records {
        for domain in &facts.domains {
            if a.overview.is_none_or(|o| o.get(&domain.value).is_none()) {
                out.push(finding(a, &facts.file, domain));
            }
        }
    }
}

fn finding(a: &Across, file: &str, domain: &Located) -> Finding {
    let lang = a.lang();
    let value = &domain.value;
    let (message, help) = match a.overview {
        Some(o) => (
            lang.pick(
                format!("The domain `{value}` is not in the domain overview ({}).", o.file),
                format!("De domeinnaam `{value}` staat niet in het overzicht van domeinnamen ({}).", o.file),
            ),
            lang.pick(
                format!("Add `{value}` to {} with its `status` and `registrant`; if the record has it wrong, correct the record.", o.file),
                format!("Zet `{value}` in {} met de `status` en de `registrant`; staat hij verkeerd in de registratie, verbeter dan de registratie.", o.file),
            ),
        ),
        None => (
            lang.pick(
                format!("The domain `{value}` is not in a domain overview: there is none."),
                format!("De domeinnaam `{value}` staat niet in een overzicht van domeinnamen: er is geen overzicht."),
            ),
            lang.pick(
                "The municipality keeps an overview of all its domain names: create `registry/domains.yaml` (or the file that `domains` in toets.toml names) with every domain, its `status` and `registrant`.",
                "De gemeente houdt een overzicht bij van al haar domeinnamen: maak `registry/domains.yaml` (of het bestand dat `domains` in toets.toml noemt) met elke domeinnaam, de `status` en de `registrant`.",
            )
            .to_owned(),
        ),
    };
    a.finding(&RULE, file, domain.pos, &domain.pointer, message).with_help(help)
}
