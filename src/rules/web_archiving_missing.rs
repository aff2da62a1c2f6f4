//! ## What it checks
//! A live or deprecated website, platform on the public website (`platform: public_website`) or
//! partner site that has no `archiving`, or has `archiving.method: none`.
//!
//! ## Why
//! A government website is an archive record: what the municipality published online must be
//! kept and be findable later, also after the site has changed or gone offline. Web apps and
//! apps are left out: their records are kept in the systems behind them.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! kind: website
//! archiving:
//!   method: none
//! ```
//!
//! Right:
//!
//! ```yaml
//! kind: website
//! archiving:
//!   method: own_harvest
//!   frequency: monthly
//!   last_harvest: 2026-11-02
//! ```
//!
//! ## Source
//! Archiefwet 1995, art. 3 (keep archive records in good order); Nationaal Archief, Richtlijn
//! archiveren overheidswebsites.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een live of uitfaserende website, platform op de gemeentelijke website
//! (`platform: public_website`) of partnersite zonder `archiving`, of met
//! `archiving.method: none`.
//!
//! ## Waarom
//! Een overheidswebsite is een archiefstuk: wat de gemeente online publiceerde, moet bewaard
//! blijven en later vindbaar zijn, ook als de site veranderd of uit de lucht is. Webapps en apps
//! vallen erbuiten: hun gegevens worden bewaard in de systemen erachter.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! kind: website
//! archiving:
//!   method: none
//! ```
//!
//! Goed:
//!
//! ```yaml
//! kind: website
//! archiving:
//!   method: own_harvest
//!   frequency: monthly
//!   last_harvest: 2026-11-02
//! ```
//!
//! ## Bron
//! Archiefwet 1995, art. 3 (archiefbescheiden in goede staat bewaren); Nationaal Archief,
//! Richtlijn archiveren overheidswebsites.

use super::{Check, ONLINE, Record, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "web-archiving-missing",
    severity: Severity::Warning,
    source: "Archiefwet 1995 art. 3; Richtlijn archiveren overheidswebsites",
    url: "",
    doc: include_str!("web_archiving_missing.rs"),
    check: Check::Record(check),
};

/// Sites that publish information: websites, the public website platform and partner sites.
fn is_website(r: &Record) -> bool {
    match r.kind() {
        "website" | "partner_site" => true,
        "platform" => r.str("/platform") == Some("public_website"),
        _ => false,
    }
}

fn check(r: &Record, out: &mut Vec<Finding>) {
    if !r.status_in(ONLINE) || !is_website(r) {
        return;
    }
    let lang = r.lang();
    let (pointer, message) = if !r.has("/archiving") {
        (
            "/archiving",
            lang.pick(
                "It is not recorded how the website is archived (`archiving` is missing).",
                "Er staat niet in hoe de website wordt gearchiveerd (`archiving` ontbreekt).",
            ),
        )
    } else if r.str("/archiving/method") == Some("none") {
        ("/archiving/method", lang.pick("The website is not archived.", "De website wordt niet gearchiveerd."))
    } else {
        return;
    };
    out.push(r.finding(&RULE, pointer, message.to_owned()).with_help(lang.pick(
        "Have the website archived (ask the records manager) and set `archiving.method` to `own_harvest`, `supplier` or `national_archive`, with `frequency` and `last_harvest`.",
        "Laat de website archiveren (vraag de archiefbeheerder) en zet `archiving.method` op `own_harvest`, `supplier` of `national_archive`, met `frequency` en `last_harvest`.",
    )));
}
