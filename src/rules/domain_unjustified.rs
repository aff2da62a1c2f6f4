//! ## What it checks
//! A domain name in `domains` is not one of the municipality's main domains (`main_domains` in
//! toets.toml, e.g. `voorbeeldstad.nl`) nor a sub-domain of one, and the record has no
//! `domain_justification`.
//!
//! ## Why
//! The municipality must be clearly recognisable as the sender of its online applications. An
//! address under its own main domain shows that at a glance; a separate domain name hides it, is
//! easier to imitate for phishing, and must be registered, renewed and secured on its own. A new
//! domain name therefore needs a reason.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! domains:
//!   - afvalwijzervoorbeeldstad.nl
//! ```
//!
//! Right: a sub-domain of the main domain,
//!
//! ```yaml
//! domains:
//!   - afvalwijzer.voorbeeldstad.nl
//! ```
//!
//! or a reason:
//!
//! ```yaml
//! domains:
//!   - wspvoorbeeldregio.nl
//! domain_justification: >-
//!   Shared site of six municipalities and the UWV; none of their own domains fits.
//! ```
//!
//! ## Source
//! Beleidskader online aanwezigheid (2017/187239), 4 (herkenbaarheid: the municipality is clearly
//! recognisable as sender and owner); Rijksoverheid, domeinnaambeleid.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een domeinnaam in `domains` is geen hoofddomein van de gemeente (`main_domains` in toets.toml,
//! bijvoorbeeld `voorbeeldstad.nl`) en ook geen subdomein daarvan, en de registratie heeft geen
//! `domain_justification`.
//!
//! ## Waarom
//! De gemeente moet bij haar online toepassingen duidelijk herkenbaar zijn als afzender. Een adres
//! onder het eigen hoofddomein laat dat direct zien; een aparte domeinnaam verbergt het, is
//! makkelijker na te maken voor phishing, en moet apart worden geregistreerd, verlengd en
//! beveiligd. Een nieuwe domeinnaam heeft daarom een motivering nodig.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! domains:
//!   - afvalwijzervoorbeeldstad.nl
//! ```
//!
//! Goed: een subdomein van het hoofddomein,
//!
//! ```yaml
//! domains:
//!   - afvalwijzer.voorbeeldstad.nl
//! ```
//!
//! of een motivering:
//!
//! ```yaml
//! domains:
//!   - wspvoorbeeldregio.nl
//! domain_justification: >-
//!   Gezamenlijke site van zes gemeenten en het UWV; geen van hun eigen domeinen past.
//! ```
//!
//! ## Bron
//! Beleidskader online aanwezigheid (2017/187239), 4 (herkenbaarheid: de gemeente is duidelijk
//! herkenbaar als afzender en eigenaar); Rijksoverheid, domeinnaambeleid.

use serde_json::Value;

use super::{Check, Record, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "domain-unjustified",
    severity: Severity::Warning,
    source: "Beleidskader online aanwezigheid (2017/187239), 4 (herkenbaarheid); domeinnaambeleid Rijksoverheid",
    url: "https://www.communicatierijk.nl/vakkennis/rijkswebsites/verplichte-richtlijnen/domeinnaambeleid",
    doc: include_str!("domain_unjustified.rs"),
    check: Check::Record(check),
};

fn check(r: &Record, out: &mut Vec<Finding>) {
    if r.has("/domain_justification") {
        return;
    }
    let domains = r.get("/domains").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    for (i, domain) in domains.iter().enumerate() {
        let Some(domain) = domain.as_str() else {
            continue;
        };
        if !is_own(domain, &r.cx.main_domains) {
            out.push(finding(r, i, domain));
        }
    }
}

/// Whether `domain` is a main domain or a sub-domain of one.
fn is_own(domain: &str, main_domains: &[String]) -> bool {
    let domain = domain.to_lowercase();
    main_domains.iter().map(|m| m.trim().trim_matches('.').to_lowercase()).any(|m| {
        !m.is_empty() && (domain == m || domain.strip_suffix(m.as_str()).is_some_and(|rest| rest.ends_with('.')))
    })
}

fn finding(r: &Record, i: usize, domain: &str) -> Finding {
    let lang = r.lang();
    let main = &r.cx.main_domains;
    let (message, help) = if main.is_empty() {
        (
            lang.pick(
                format!("`{domain}` needs a `domain_justification`: toets.toml names no main domain of the municipality."),
                format!("`{domain}` heeft een `domain_justification` nodig: toets.toml noemt geen hoofddomein van de gemeente."),
            ),
            lang.pick(
                "Set `main_domains` in toets.toml (e.g. `main_domains = [\"voorbeeldstad.nl\"]`): sub-domains of those need no reason. For another domain, explain in `domain_justification` why it cannot be a sub-domain.".to_owned(),
                "Zet `main_domains` in toets.toml (bijvoorbeeld `main_domains = [\"voorbeeldstad.nl\"]`): subdomeinen daarvan hebben geen motivering nodig. Leg voor een andere domeinnaam in `domain_justification` uit waarom het geen subdomein kan zijn.".to_owned(),
            ),
        )
    } else {
        let list = main.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>();
        let (en, nl) = (list.join(" or "), list.join(" of "));
        let example = main.first().map(String::as_str).unwrap_or_default();
        (
            lang.pick(
                format!("`{domain}` is not under the municipality's main domain {en}, and `domain_justification` is missing."),
                format!("`{domain}` valt niet onder het hoofddomein van de gemeente {nl}, en `domain_justification` ontbreekt."),
            ),
            lang.pick(
                format!("Use a sub-domain such as `name.{example}`, or explain in `domain_justification` why this application needs a domain name of its own."),
                format!("Gebruik een subdomein zoals `naam.{example}`, of leg in `domain_justification` uit waarom deze toepassing een eigen domeinnaam nodig heeft."),
            ),
        )
    };
    r.finding(&RULE, &format!("/domains/{i}"), message).with_help(help)
}
