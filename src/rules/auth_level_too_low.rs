//! ## What it checks
//! The assurance level (`level`) of a login means under `authentication`:
//! - `eh1` (eHerkenning level 1) is below eIDAS "laag" (low): an error;
//! - `basis` (DigiD Basis, username and password only) is being phased out: a warning;
//! - when the application processes special categories of personal data
//!   (`privacy.special_categories: true`), any level below eIDAS "substantieel" (`basis`,
//!   `midden`, `eh1`, `eh2`, `eh2plus`) is an error.
//!
//! Proposed, rejected and retired records and parked domains are skipped.
//!
//! ## Why
//! The login level must fit the data behind it. In eIDAS terms DigiD Basis and Midden and
//! eHerkenning EH2 and EH2+ are "laag", DigiD Substantieel and EH3 are "substantieel", DigiD Hoog
//! and EH4 are "hoog"; EH1 does not even reach "laag". Health, religion or other special
//! categories of data (GDPR art. 9) need at least "substantieel".
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! privacy:
//!   processes_personal_data: true
//!   special_categories: true
//! authentication:
//!   - means: digid
//!     level: midden
//! ```
//!
//! Right:
//!
//! ```yaml
//! privacy:
//!   processes_personal_data: true
//!   special_categories: true
//! authentication:
//!   - means: digid
//!     level: substantieel
//! ```
//!
//! ## Source
//! eIDAS assurance levels (laag, substantieel, hoog) and their mapping to DigiD and eHerkenning
//! levels; Wet digitale overheid.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Het betrouwbaarheidsniveau (`level`) van een inlogmiddel onder `authentication`:
//! - `eh1` (eHerkenning niveau 1) ligt onder eIDAS "laag": een fout;
//! - `basis` (DigiD Basis, alleen gebruikersnaam en wachtwoord) wordt uitgefaseerd: een
//!   waarschuwing;
//! - als de toepassing bijzondere persoonsgegevens verwerkt (`privacy.special_categories: true`),
//!   is elk niveau onder eIDAS "substantieel" (`basis`, `midden`, `eh1`, `eh2`, `eh2plus`) een
//!   fout.
//!
//! Voorgestelde, afgewezen en uit de lucht gehaalde registraties en geparkeerde domeinen slaat de
//! regel over.
//!
//! ## Waarom
//! Het inlogniveau moet passen bij de gegevens erachter. In eIDAS-termen zijn DigiD Basis en
//! Midden en eHerkenning EH2 en EH2+ "laag", DigiD Substantieel en EH3 "substantieel", DigiD Hoog
//! en EH4 "hoog"; EH1 haalt "laag" niet eens. Gegevens over gezondheid, godsdienst of andere
//! bijzondere persoonsgegevens (AVG art. 9) vragen minstens "substantieel".
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! privacy:
//!   processes_personal_data: true
//!   special_categories: true
//! authentication:
//!   - means: digid
//!     level: midden
//! ```
//!
//! Goed:
//!
//! ```yaml
//! privacy:
//!   processes_personal_data: true
//!   special_categories: true
//! authentication:
//!   - means: digid
//!     level: substantieel
//! ```
//!
//! ## Bron
//! eIDAS-betrouwbaarheidsniveaus (laag, substantieel, hoog) en hun koppeling aan de niveaus van
//! DigiD en eHerkenning; Wet digitale overheid.

use serde_json::Value;

use super::{Check, OFFLINE, Record, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "auth-level-too-low",
    severity: Severity::Error,
    source: "eIDAS-betrouwbaarheidsniveaus; Wet digitale overheid",
    url: "",
    doc: include_str!("auth_level_too_low.rs"),
    check: Check::Record(check),
};

/// Levels below eIDAS "substantieel".
const BELOW_SUBSTANTIAL: &[&str] = &["basis", "midden", "eh1", "eh2", "eh2plus"];

fn check(r: &Record, out: &mut Vec<Finding>) {
    if r.status_in(OFFLINE) || r.kind() == "parked_domain" {
        return;
    }
    let special = r.bool("/privacy/special_categories") == Some(true);
    let items = r.get("/authentication").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    for (i, entry) in items.iter().enumerate() {
        let means = entry.get("means").and_then(Value::as_str).unwrap_or_default();
        let Some(level) = entry.get("level").and_then(Value::as_str) else {
            continue;
        };
        if means == "none" {
            continue;
        }
        let pointer = format!("/authentication/{i}/level");
        if special && BELOW_SUBSTANTIAL.contains(&level) {
            out.push(too_low_for_special(r, &pointer, level));
        } else if level == "eh1" {
            out.push(below_low(r, &pointer));
        } else if level == "basis" {
            out.push(phased_out(r, &pointer));
        }
    }
}

fn too_low_for_special(r: &Record, pointer: &str, level: &str) -> Finding {
    let lang = r.lang();
    r.finding(
        &RULE,
        pointer,
        lang.pick(
            format!("Special categories of personal data are processed, but the login level `{level}` is below eIDAS substantieel."),
            format!("Er worden bijzondere persoonsgegevens verwerkt, maar het inlogniveau `{level}` ligt onder eIDAS substantieel."),
        ),
    )
    .with_help(lang.pick(
        "Set `level` to at least `substantieel` (DigiD) or `eh3` (eHerkenning), and have the login changed accordingly.",
        "Zet `level` op minstens `substantieel` (DigiD) of `eh3` (eHerkenning), en laat het inloggen daarop aanpassen.",
    ))
}

fn below_low(r: &Record, pointer: &str) -> Finding {
    let lang = r.lang();
    r.finding(
        &RULE,
        pointer,
        lang.pick(
            "eHerkenning level `eh1` is below eIDAS laag, the lowest recognised assurance level.".to_owned(),
            "eHerkenning-niveau `eh1` ligt onder eIDAS laag, het laagste erkende betrouwbaarheidsniveau.".to_owned(),
        ),
    )
    .with_help(lang.pick(
        "Set `level` to at least `eh2` (eIDAS laag), or `eh3` when the service handles confidential data, and have the login changed accordingly.",
        "Zet `level` op minstens `eh2` (eIDAS laag), of `eh3` als de dienst vertrouwelijke gegevens verwerkt, en laat het inloggen daarop aanpassen.",
    ))
}

/// DigiD Basis: allowed for now, so a warning.
fn phased_out(r: &Record, pointer: &str) -> Finding {
    let lang = r.lang();
    let mut f = r
        .finding(
            &RULE,
            pointer,
            lang.pick(
                "Login level `basis` (DigiD with only username and password) is being phased out.".to_owned(),
                "Inlogniveau `basis` (DigiD met alleen gebruikersnaam en wachtwoord) wordt uitgefaseerd.".to_owned(),
            ),
        )
        .with_help(lang.pick(
            "Move to at least `midden` (DigiD with the app or an SMS check), or `substantieel` for sensitive data, and set `level` accordingly.",
            "Stap over op minstens `midden` (DigiD met de app of sms-controle), of `substantieel` bij gevoelige gegevens, en pas `level` daarop aan.",
        ));
    f.severity = Severity::Warning;
    f
}
