//! ## What it checks
//! A record says `standards.https_hsts: false`, or one of its `urls` with role `primary` or
//! `alias` starts with `http://`. Redirects count too: a redirect must itself be reached over
//! HTTPS. Records that are proposed, rejected or retired, and parked domains, are skipped.
//!
//! ## Why
//! Since 1 July 2023 the law requires every government website to use HTTPS with HSTS. This is
//! a legal duty, not "apply or explain": an entry in `standards_exceptions` does not lift it.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! urls:
//!   - url: http://www.voorbeeldstad.nl/afvalwijzer
//!     role: primary
//! standards:
//!   https_hsts: false
//! ```
//!
//! Right:
//!
//! ```yaml
//! urls:
//!   - url: https://www.voorbeeldstad.nl/afvalwijzer
//!     role: primary
//! standards:
//!   https_hsts: true
//! ```
//!
//! ## Source
//! Wet digitale overheid, art. 3 and the Besluit of Stb. 2023, 179 (HTTPS and HSTS mandatory).
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een registratie zegt `standards.https_hsts: false`, of een van haar `urls` met rol `primary`
//! of `alias` begint met `http://`. Dat geldt ook voor doorverwijzingen: ook een doorverwijzing
//! moet zelf via HTTPS bereikbaar zijn. Registraties die voorgesteld, afgewezen of uit de lucht
//! zijn, en geparkeerde domeinen, slaat de regel over.
//!
//! ## Waarom
//! Sinds 1 juli 2023 verplicht de wet elke overheidswebsite tot HTTPS met HSTS. Dat is een
//! wettelijke plicht, geen "pas toe of leg uit": een uitzondering in `standards_exceptions` heft
//! haar niet op.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! urls:
//!   - url: http://www.voorbeeldstad.nl/afvalwijzer
//!     role: primary
//! standards:
//!   https_hsts: false
//! ```
//!
//! Goed:
//!
//! ```yaml
//! urls:
//!   - url: https://www.voorbeeldstad.nl/afvalwijzer
//!     role: primary
//! standards:
//!   https_hsts: true
//! ```
//!
//! ## Bron
//! Wet digitale overheid, art. 3 en het Besluit in Stb. 2023, 179 (HTTPS en HSTS verplicht).

use serde_json::Value;

use super::{Check, OFFLINE, Record, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "https-hsts-missing",
    severity: Severity::Error,
    source: "Wet digitale overheid art. 3; Stb. 2023, 179",
    url: "https://zoek.officielebekendmakingen.nl/stb-2023-179.html",
    doc: include_str!("https_hsts_missing.rs"),
    check: Check::Record(check),
};

fn check(r: &Record, out: &mut Vec<Finding>) {
    if r.status_in(OFFLINE) || r.kind() == "parked_domain" {
        return;
    }
    let lang = r.lang();
    if r.bool("/standards/https_hsts") == Some(false) {
        out.push(
            r.finding(
                &RULE,
                "/standards/https_hsts",
                lang.pick(
                    "HTTPS with HSTS is not in place (`standards.https_hsts: false`); the law requires it.".to_owned(),
                    "HTTPS met HSTS is niet ingesteld (`standards.https_hsts: false`); de wet verplicht het.".to_owned(),
                ),
            )
            .with_help(lang.pick(
                "Have the supplier or technical management turn on HTTPS with HSTS, then set `standards.https_hsts: true`.",
                "Laat de leverancier of het technisch beheer HTTPS met HSTS aanzetten en zet daarna `standards.https_hsts: true`.",
            )),
        );
    }
    let urls = r.get("/urls").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    for (i, entry) in urls.iter().enumerate() {
        let role = entry.get("role").and_then(Value::as_str).unwrap_or_default();
        let url = entry.get("url").and_then(Value::as_str).unwrap_or_default();
        if matches!(role, "primary" | "alias") && url.starts_with("http://") {
            out.push(plain_http(r, i, url));
        }
    }
}

/// The finding for an address that is given with `http://`.
fn plain_http(r: &Record, i: usize, url: &str) -> Finding {
    let lang = r.lang();
    let secure = format!("https://{}", url.trim_start_matches("http://"));
    r.finding(
        &RULE,
        &format!("/urls/{i}/url"),
        lang.pick(
            format!("The address `{url}` uses `http://` instead of `https://`."),
            format!("Het adres `{url}` gebruikt `http://` in plaats van `https://`."),
        ),
    )
    .with_help(lang.pick(
        format!("Make the application reachable over HTTPS and write the address as `{secure}`."),
        format!("Maak de toepassing bereikbaar via HTTPS en schrijf het adres als `{secure}`."),
    ))
}
