//! ## What it checks
//! A record says the application sets cookies that are not strictly necessary
//! (`privacy.cookies.non_essential: true`) but gives no `privacy.cookies.consent_mechanism`: how
//! users are asked for consent. It applies whether or not the application processes personal
//! data, and to every kind of record, redirects and parked domains included (a parking page may
//! well set tracking cookies), because it only fires on what the record itself declares; it
//! skips records whose status is `rejected` or `retired`, as nothing runs there (any more).
//!
//! ## Why
//! The Telecommunications Act allows cookies that are not needed to deliver the service, such as
//! tracking cookies, only after the user has been informed and has given consent. Analytics
//! cookies with little or no effect on privacy (for example with shortened IP addresses and no
//! data shared) need no consent: record those with `non_essential: false`.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! privacy:
//!   cookies:
//!     non_essential: true
//! ```
//!
//! Right:
//!
//! ```yaml
//! privacy:
//!   cookies:
//!     non_essential: true
//!     consent_mechanism: Banner with equally large buttons 'Accept' and 'Refuse'
//! ```
//!
//! ## Source
//! Telecommunicatiewet art. 11.7a (cookies and consent).
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een registratie zegt dat de toepassing cookies plaatst die niet strikt noodzakelijk zijn
//! (`privacy.cookies.non_essential: true`), maar geeft geen `privacy.cookies.consent_mechanism`:
//! hoe gebruikers om toestemming wordt gevraagd. De regel geldt of de toepassing nu
//! persoonsgegevens verwerkt of niet, en voor elke soort registratie, ook doorverwijzingen en
//! geparkeerde domeinen (een parkeerpagina kan best volgcookies plaatsen), omdat hij alleen
//! afgaat op wat de registratie zelf verklaart; registraties met status `rejected` of `retired`
//! slaat hij over, want daar draait niets (meer).
//!
//! ## Waarom
//! De Telecommunicatiewet staat cookies die niet nodig zijn om de dienst te leveren, zoals
//! volgcookies, pas toe nadat de gebruiker is geïnformeerd en toestemming heeft gegeven.
//! Analytische cookies met geen of geringe gevolgen voor de privacy (bijvoorbeeld met ingekorte
//! IP-adressen en zonder gegevens te delen) hebben geen toestemming nodig: registreer die met
//! `non_essential: false`.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! privacy:
//!   cookies:
//!     non_essential: true
//! ```
//!
//! Goed:
//!
//! ```yaml
//! privacy:
//!   cookies:
//!     non_essential: true
//!     consent_mechanism: Banner met even grote knoppen 'Accepteren' en 'Weigeren'
//! ```
//!
//! ## Bron
//! Telecommunicatiewet art. 11.7a (cookies en toestemming).

use super::{Check, ENDED, Record, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "cookie-consent-missing",
    severity: Severity::Error,
    source: "Telecommunicatiewet art. 11.7a",
    url: "",
    doc: include_str!("cookie_consent_missing.rs"),
    check: Check::Record(check),
};

fn check(r: &Record, out: &mut Vec<Finding>) {
    if r.status_in(ENDED)
        || r.bool("/privacy/cookies/non_essential") != Some(true)
        || r.has("/privacy/cookies/consent_mechanism")
    {
        return;
    }
    let lang = r.lang();
    out.push(
        r.finding(
            &RULE,
            "/privacy/cookies/consent_mechanism",
            lang.pick(
                "The application sets cookies that are not strictly necessary (`privacy.cookies.non_essential: true`), but how users are asked for consent (`privacy.cookies.consent_mechanism`) is missing.".to_owned(),
                "De toepassing plaatst cookies die niet strikt noodzakelijk zijn (`privacy.cookies.non_essential: true`), maar er staat niet hoe gebruikers om toestemming wordt gevraagd (`privacy.cookies.consent_mechanism`).".to_owned(),
            ),
        )
        .with_help(lang.pick(
            "Describe in `privacy.cookies.consent_mechanism` how users give consent before these cookies are set (for example a banner where refusing is as easy as accepting), or stop setting them and write `non_essential: false`.",
            "Beschrijf in `privacy.cookies.consent_mechanism` hoe gebruikers toestemming geven voordat deze cookies worden geplaatst (bijvoorbeeld een banner waarin weigeren even makkelijk is als accepteren), of plaats ze niet meer en schrijf `non_essential: false`.",
        )),
    );
}
