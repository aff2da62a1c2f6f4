//! ## What it checks
//! A website, web app, mobile app, platform or partner site that is in development, live or
//! deprecated, and has no `branding`, or has `branding.sender_visible: false`, or has
//! `branding.house_style: none`.
//!
//! ## Why
//! The policy: in its online applications the municipality is clearly recognisable as sender
//! and owner, in its digital house style. Users must be able to see that they deal with the
//! municipality before they trust an application with their data.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! branding:
//!   house_style: none
//!   sender_visible: false
//! ```
//!
//! Right:
//!
//! ```yaml
//! branding:
//!   house_style: nlds_theme
//!   sender_visible: true
//! ```
//!
//! ## Source
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 4 Argumenten, herkenbaarheid
//! ("bij online toepassingen is de gemeente duidelijk herkenbaar als afzender en eigenaar").
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een website, webapp, mobiele app, platform of partnersite die in ontwikkeling, live of
//! uitfaserend is, en geen `branding` heeft, of `branding.sender_visible: false`, of
//! `branding.house_style: none`.
//!
//! ## Waarom
//! Het beleid: bij online toepassingen is de gemeente duidelijk herkenbaar als afzender en
//! eigenaar, in de digitale huisstijl. Gebruikers moeten kunnen zien dat ze met de gemeente te
//! maken hebben voordat ze een toepassing hun gegevens toevertrouwen.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! branding:
//!   house_style: none
//!   sender_visible: false
//! ```
//!
//! Goed:
//!
//! ```yaml
//! branding:
//!   house_style: nlds_theme
//!   sender_visible: true
//! ```
//!
//! ## Bron
//! Collegebesluit 2017/187239, Beleidskader online aanwezigheid, 4 Argumenten, herkenbaarheid
//! ("bij online toepassingen is de gemeente duidelijk herkenbaar als afzender en eigenaar").

use super::{BUILT, Check, Record, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "sender-not-recognisable",
    severity: Severity::Warning,
    source: "Beleidskader online aanwezigheid (2017/187239), 4 (herkenbaarheid)",
    url: "",
    doc: include_str!("sender_not_recognisable.rs"),
    check: Check::Record(check),
};

fn check(r: &Record, out: &mut Vec<Finding>) {
    // From development on: the house style is built in, not added afterwards.
    if !r.is_public() || !r.status_in(BUILT) {
        return;
    }
    if !r.has("/branding") {
        out.push(finding(
            r,
            "/branding",
            (
                "It is not recorded whether the municipality is recognisable as sender (`branding` is missing).",
                "Er staat niet in of de gemeente herkenbaar is als afzender (`branding` ontbreekt).",
            ),
            (
                "Add `branding` with `house_style` (municipal, nlds_theme or partner) and `sender_visible: true`.",
                "Voeg `branding` toe met `house_style` (municipal, nlds_theme of partner) en `sender_visible: true`.",
            ),
        ));
        return;
    }
    if r.bool("/branding/sender_visible") == Some(false) {
        out.push(finding(
            r,
            "/branding/sender_visible",
            ("The municipality is not visible as sender.", "De gemeente is niet zichtbaar als afzender."),
            (
                "Show the municipality as sender and owner on every page, then set `branding.sender_visible: true`.",
                "Toon de gemeente op elke pagina als afzender en eigenaar en zet daarna `branding.sender_visible: true`.",
            ),
        ));
    }
    if r.str("/branding/house_style") == Some("none") {
        out.push(finding(
            r,
            "/branding/house_style",
            (
                "The application has no house style, so the municipality is hard to recognise.",
                "De toepassing heeft geen huisstijl, waardoor de gemeente moeilijk herkenbaar is.",
            ),
            (
                "Use the municipal house style or its NL Design System theme and set `branding.house_style` to `municipal` or `nlds_theme`.",
                "Gebruik de gemeentelijke huisstijl of het NL Design System-thema ervan en zet `branding.house_style` op `municipal` of `nlds_theme`.",
            ),
        ));
    }
}

/// A finding with its message and help, each given as (English, Dutch).
fn finding(r: &Record, pointer: &str, message: (&str, &str), help: (&str, &str)) -> Finding {
    let lang = r.lang();
    r.finding(&RULE, pointer, lang.pick(message.0, message.1).to_owned()).with_help(lang.pick(help.0, help.1))
}
