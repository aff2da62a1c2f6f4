//! ## What it checks
//! A live or deprecated partner site (`kind: partner_site`) without `partner`, or without
//! `partner.role_statement_url`: the page on the site that tells users what the municipality's
//! role is.
//!
//! Partner sites must also meet the same requirements as the municipality's own sites. That is
//! not checked here but by the other rules, which apply to partner sites as well: accessibility
//! (`accessibility-statement-missing`, `accessibility-status-insufficient`,
//! `accessibility-audit-outdated`), recognisability (`sender-not-recognisable`), web archiving
//! (`web-archiving-missing`), and the rules on privacy and security.
//!
//! ## Why
//! The policy: sites in which the municipality is a partner must meet the same requirements for
//! security and reliability, and users must be able to find the municipality's role on them
//! easily and clearly.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! kind: partner_site
//! partner:
//!   organisations: [UWV, Gemeente Buurdorp]
//!   municipal_role: host
//! ```
//!
//! Right:
//!
//! ```yaml
//! kind: partner_site
//! partner:
//!   organisations: [UWV, Gemeente Buurdorp]
//!   municipal_role: host
//!   role_statement_url: https://www.wspvoorbeeldregio.nl/over-ons
//! ```
//!
//! ## Source
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 4 Argumenten, partnersites
//! ("Ook hierin moet de rol van de gemeente voor de gebruiker gemakkelijk en duidelijk te
//! achterhalen zijn").
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een live of uitfaserende partnersite (`kind: partner_site`) zonder `partner`, of zonder
//! `partner.role_statement_url`: de pagina op de site die gebruikers vertelt wat de rol van de
//! gemeente is.
//!
//! Partnersites moeten ook aan dezelfde eisen voldoen als de eigen sites van de gemeente. Dat
//! controleert deze regel niet, maar de andere regels, die ook voor partnersites gelden:
//! toegankelijkheid (`accessibility-statement-missing`, `accessibility-status-insufficient`,
//! `accessibility-audit-outdated`), herkenbaarheid (`sender-not-recognisable`), webarchivering
//! (`web-archiving-missing`) en de regels over privacy en beveiliging.
//!
//! ## Waarom
//! Het beleid: voor sites waarvan de gemeente partner is, gelden dezelfde eisen aan beveiliging
//! en betrouwbaarheid, en de gebruiker moet de rol van de gemeente er gemakkelijk en duidelijk
//! kunnen vinden.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! kind: partner_site
//! partner:
//!   organisations: [UWV, Gemeente Buurdorp]
//!   municipal_role: host
//! ```
//!
//! Goed:
//!
//! ```yaml
//! kind: partner_site
//! partner:
//!   organisations: [UWV, Gemeente Buurdorp]
//!   municipal_role: host
//!   role_statement_url: https://www.wspvoorbeeldregio.nl/over-ons
//! ```
//!
//! ## Bron
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 4 Argumenten, partnersites
//! ("Ook hierin moet de rol van de gemeente voor de gebruiker gemakkelijk en duidelijk te
//! achterhalen zijn").

use super::{Check, ONLINE, Record, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "partner-role-missing",
    severity: Severity::Error,
    source: "Beleidskader online aanwezigheid (2017/187239), 4 (partnersites)",
    url: "",
    doc: include_str!("partner_role_missing.rs"),
    check: Check::Record(check),
};

fn check(r: &Record, out: &mut Vec<Finding>) {
    if r.kind() != "partner_site" || !r.status_in(ONLINE) {
        return;
    }
    let lang = r.lang();
    let (pointer, message) = if !r.has("/partner") {
        (
            "/partner",
            lang.pick(
                "This is a partner site, but the municipality's role is not recorded (`partner` is missing).",
                "Dit is een partnersite, maar de rol van de gemeente staat er niet in (`partner` ontbreekt).",
            ),
        )
    } else if !r.has("/partner/role_statement_url") {
        (
            "/partner/role_statement_url",
            lang.pick(
                "It is not recorded where users find the municipality's role on this partner site.",
                "Er staat niet in waar gebruikers de rol van de gemeente op deze partnersite vinden.",
            ),
        )
    } else {
        return;
    };
    out.push(r.finding(&RULE, pointer, message.to_owned()).with_help(lang.pick(
        "State the municipality's role on the site (for example on an 'about us' page) and add `partner` with `organisations`, `municipal_role` and `role_statement_url` (the address of that page).",
        "Vermeld de rol van de gemeente op de site (bijvoorbeeld op een pagina 'over ons') en voeg `partner` toe met `organisations`, `municipal_role` en `role_statement_url` (het adres van die pagina).",
    )));
}
