//! ## What it checks
//! A domain name has status `active` in the domain overview (`registry/domains.yaml`), but no
//! record lists it in `domains`. (When only retired records list it, `retired-domain-active`
//! reports it instead.)
//!
//! ## Why
//! An active domain without an application is a site nobody answers for: it is not checked for
//! security, privacy or accessibility, and it may show outdated information in the
//! municipality's name. A domain that is no longer needed should redirect to a living site, be
//! parked, or be released.
//!
//! ## Example
//! Wrong: no record lists `evenementen.voorbeeldstad.nl`.
//!
//! ```yaml
//! domains:
//!   - fqdn: evenementen.voorbeeldstad.nl
//!     status: active
//!     registrant: Gemeente Voorbeeldstad
//! ```
//!
//! Right:
//!
//! ```yaml
//! domains:
//!   - fqdn: evenementen.voorbeeldstad.nl
//!     status: redirect
//!     redirects_to: voorbeeldstad.nl
//!     registrant: Gemeente Voorbeeldstad
//! ```
//!
//! ## Source
//! Beleidskader online aanwezigheid (2017/187239), bijlage 1 (overview of the municipality's
//! domain names) and 1 Inleiding (reduce the number of sites); Forum Standaardisatie, "Regie op
//! internetdomeinen".
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een domeinnaam heeft status `active` in het overzicht van domeinnamen
//! (`registry/domains.yaml`), maar geen registratie noemt hem in `domains`. (Noemen alleen
//! registraties die uit de lucht zijn hem, dan meldt `retired-domain-active` het.)
//!
//! ## Waarom
//! Een actieve domeinnaam zonder toepassing is een site waar niemand verantwoordelijk voor is: hij
//! wordt niet gecontroleerd op beveiliging, privacy of toegankelijkheid, en kan verouderde
//! informatie tonen uit naam van de gemeente. Een domeinnaam die niet meer nodig is, verwijst door
//! naar een site die wel bestaat, wordt geparkeerd of wordt opgegeven.
//!
//! ## Voorbeeld
//! Fout: geen registratie noemt `evenementen.voorbeeldstad.nl`.
//!
//! ```yaml
//! domains:
//!   - fqdn: evenementen.voorbeeldstad.nl
//!     status: active
//!     registrant: Gemeente Voorbeeldstad
//! ```
//!
//! Goed:
//!
//! ```yaml
//! domains:
//!   - fqdn: evenementen.voorbeeldstad.nl
//!     status: redirect
//!     redirects_to: voorbeeldstad.nl
//!     registrant: Gemeente Voorbeeldstad
//! ```
//!
//! ## Bron
//! Beleidskader online aanwezigheid (2017/187239), bijlage 1 (overzicht gemeentelijke
//! domeinnamen) en 1 Inleiding (het aantal sites terugdringen); Forum Standaardisatie, "Regie op
//! internetdomeinen".

use super::facts::{Domain, claimed_domains};
use super::{Across, Check, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "domain-without-record",
    severity: Severity::Warning,
    source: "Beleidskader online aanwezigheid (2017/187239), bijlage 1; Forum Standaardisatie, Regie op internetdomeinen",
    url: "https://www.forumstandaardisatie.nl/publicaties/regie-op-internetdomeinen",
    doc: include_str!("domain_without_record.rs"),
    check: Check::Across(check),
};

fn check(a: &Across, out: &mut Vec<Finding>) {
    let Some(overview) = a.overview else { return };
    let claimed = claimed_domains(a.records.iter().copied());
    for domain in &overview.domains {
        if domain.active_unclaimed(&claimed) {
            out.push(finding(a, &overview.file, domain));
        }
    }
}

fn finding(a: &Across, file: &str, domain: &Domain) -> Finding {
    let lang = a.lang();
    let fqdn = &domain.fqdn;
    a.finding(
        &RULE,
        file,
        domain.pos,
        &domain.pointer,
        lang.pick(
            format!("The domain `{fqdn}` is `active`, but no record lists it in `domains`."),
            format!("De domeinnaam `{fqdn}` is `active`, maar geen registratie noemt hem in `domains`."),
        ),
    )
    .with_help(lang.pick(
        "Add it to `domains` of the application that uses it (register that application if it has no record). If none does, redirect, park or release it: set `status` to `redirect` (with `redirects_to`), `parked` or `released`.",
        "Zet hem in `domains` van de toepassing die hem gebruikt (registreer die toepassing als ze nog geen registratie heeft). Gebruikt geen toepassing hem, laat hem dan doorverwijzen, parkeer hem of geef hem op: zet `status` op `redirect` (met `redirects_to`), `parked` of `released`.",
    ))
}
