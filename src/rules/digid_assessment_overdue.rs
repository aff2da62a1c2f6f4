//! ## What it checks
//! An application that uses DigiD (an `authentication` entry with `means: digid`):
//! - has no `digid` block (connection number, activation date, last assessment), or
//! - was activated before this year (or its `digid.activated_on` is not filled in), it is after
//!   1 May, and there is no ICT security assessment dated 1 January of this year or later
//!   (`digid.last_assessment_date`), or
//! - was activated this year more than 2 months ago and has had no assessment since.
//!
//! Proposed, rejected and retired records and parked domains are skipped.
//!
//! ## Why
//! Every organisation with a DigiD connection must have a yearly ICT security assessment done by
//! an IT auditor (RE) and send the report to Logius between 1 January and 1 May; a new connection
//! needs one soon after activation. Logius can switch off a connection whose report is late, and
//! then residents can no longer log in.
//!
//! ## Example
//! Wrong:
//!
//! ```yaml
//! authentication:
//!   - means: digid
//!     level: substantieel
//! ```
//!
//! Right:
//!
//! ```yaml
//! authentication:
//!   - means: digid
//!     level: substantieel
//! digid:
//!   connection_number: "123456"
//!   activated_on: 2024-05-21
//!   last_assessment_date: 2026-04-14
//! ```
//!
//! ## Source
//! Logius, ICT-beveiligingsassessment DigiD (yearly; report window 1 January to 1 May; DigiD
//! Normenkader 3.0).
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een toepassing die DigiD gebruikt (een `authentication` met `means: digid`):
//! - heeft geen blok `digid` (aansluitnummer, datum van activering, laatste assessment), of
//! - is vóór dit jaar geactiveerd (of `digid.activated_on` is niet ingevuld), het is na 1 mei, en
//!   er is geen ICT-beveiligingsassessment van 1 januari van dit jaar of later
//!   (`digid.last_assessment_date`), of
//! - is dit jaar geactiveerd, meer dan 2 maanden geleden, en heeft sindsdien geen assessment
//!   gehad.
//!
//! Voorgestelde, afgewezen en uit de lucht gehaalde registraties en geparkeerde domeinen slaat de
//! regel over.
//!
//! ## Waarom
//! Elke organisatie met een DigiD-aansluiting moet jaarlijks een ICT-beveiligingsassessment laten
//! uitvoeren door een RE-auditor en het rapport tussen 1 januari en 1 mei bij Logius inleveren;
//! een nieuwe aansluiting heeft er kort na activering een nodig. Logius kan een aansluiting
//! waarvan het rapport te laat is afsluiten, en dan kunnen inwoners niet meer inloggen.
//!
//! ## Voorbeeld
//! Fout:
//!
//! ```yaml
//! authentication:
//!   - means: digid
//!     level: substantieel
//! ```
//!
//! Goed:
//!
//! ```yaml
//! authentication:
//!   - means: digid
//!     level: substantieel
//! digid:
//!   connection_number: "123456"
//!   activated_on: 2024-05-21
//!   last_assessment_date: 2026-04-14
//! ```
//!
//! ## Bron
//! Logius, ICT-beveiligingsassessment DigiD (jaarlijks; rapport inleveren tussen 1 januari en
//! 1 mei; DigiD Normenkader 3.0).

use jiff::civil::Date;
use serde_json::Value;

use super::{Check, OFFLINE, Record, Rule, months_before};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "digid-assessment-overdue",
    severity: Severity::Error,
    source: "Logius, ICT-beveiligingsassessment DigiD (jaarlijks, 1 januari tot 1 mei)",
    url: "",
    doc: include_str!("digid_assessment_overdue.rs"),
    check: Check::Record(check),
};

const LAST: &str = "/digid/last_assessment_date";

/// How long a new connection may go without its first assessment.
const FIRST_ASSESSMENT_MONTHS: i64 = 2;

fn check(r: &Record, out: &mut Vec<Finding>) {
    if r.status_in(OFFLINE) || r.kind() == "parked_domain" {
        return;
    }
    let Some(i) = digid_entry(r) else { return };
    if !r.has("/digid") {
        out.push(no_block(r, i));
        return;
    }
    let today = r.cx.today;
    let new_year = today.first_of_year();
    let last = r.date(LAST);
    match r.date("/digid/activated_on") {
        Some(activated) if activated >= new_year => {
            let due = activated < months_before(today, FIRST_ASSESSMENT_MONTHS);
            if due && last.is_none_or(|l| l < activated) {
                out.push(first_overdue(r, activated));
            }
        }
        _ => {
            let window_closed = Date::new(today.year(), 5, 1).is_ok_and(|may| today > may);
            if window_closed && last.is_none_or(|l| l < new_year) {
                out.push(yearly_overdue(r, last, today.year()));
            }
        }
    }
}

/// The index of the first `authentication` entry that uses DigiD.
fn digid_entry(r: &Record) -> Option<usize> {
    let items = r.get("/authentication").and_then(Value::as_array)?;
    items.iter().position(|e| e.get("means").and_then(Value::as_str) == Some("digid"))
}

/// DigiD is used but the connection is not recorded. Points at the `means: digid` line: the
/// missing top-level block has no parent line of its own.
fn no_block(r: &Record, i: usize) -> Finding {
    let lang = r.lang();
    r.finding(
        &RULE,
        &format!("/authentication/{i}/means"),
        lang.pick(
            "DigiD is used, but the DigiD connection (`digid`) is not recorded.".to_owned(),
            "DigiD wordt gebruikt, maar de DigiD-aansluiting (`digid`) staat er niet in.".to_owned(),
        ),
    )
    .with_help(lang.pick(
        "Add `digid` with the connection number from Logius (`connection_number`), the activation date (`activated_on`) and the date of the last ICT security assessment report (`last_assessment_date`).",
        "Voeg `digid` toe met het aansluitnummer van Logius (`connection_number`), de activeringsdatum (`activated_on`) en de datum van het laatste rapport van het ICT-beveiligingsassessment (`last_assessment_date`).",
    ))
}

fn yearly_overdue(r: &Record, last: Option<Date>, year: i16) -> Finding {
    let lang = r.lang();
    let message = match last {
        Some(last) => lang.pick(
            format!("The last DigiD ICT security assessment is of {last}; the report for {year} was due at Logius by 1 May."),
            format!("Het laatste ICT-beveiligingsassessment DigiD is van {last}; het rapport van {year} moest uiterlijk 1 mei bij Logius zijn."),
        ),
        None => lang.pick(
            format!("No DigiD ICT security assessment is recorded; the report for {year} was due at Logius by 1 May."),
            format!("Er staat geen ICT-beveiligingsassessment DigiD; het rapport van {year} moest uiterlijk 1 mei bij Logius zijn."),
        ),
    };
    r.finding(&RULE, LAST, message).with_help(help(r))
}

fn first_overdue(r: &Record, activated: Date) -> Finding {
    let lang = r.lang();
    r.finding(
        &RULE,
        LAST,
        lang.pick(
            format!("DigiD was activated on {activated}, more than {FIRST_ASSESSMENT_MONTHS} months ago, but no ICT security assessment since then is recorded."),
            format!("DigiD is op {activated} geactiveerd, meer dan {FIRST_ASSESSMENT_MONTHS} maanden geleden, maar er staat sindsdien geen ICT-beveiligingsassessment."),
        ),
    )
    .with_help(help(r))
}

fn help(r: &Record) -> String {
    r.lang()
        .pick(
            "Have an IT auditor (RE) carry out the ICT security assessment, send the report to Logius and put the report's date in `digid.last_assessment_date`. Logius can switch off a connection whose report is late.",
            "Laat een RE-auditor het ICT-beveiligingsassessment uitvoeren, lever het rapport in bij Logius en zet de datum van het rapport in `digid.last_assessment_date`. Logius kan een aansluiting afsluiten als het rapport te laat is.",
        )
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Thresholds;
    use crate::finding::Lang;
    use crate::load::{Limits, parse};
    use crate::rules::Context;

    /// Whether the rule fires on a `digid` block with these dates, on `today`.
    fn fires(today: &str, activated: &str, last: &str) -> bool {
        let text = format!(
            "authentication:\n  - means: digid\ndigid:\n  connection_number: \"1\"\n  activated_on: {activated}\n  last_assessment_date: {last}\nlifecycle:\n  status: live\n"
        );
        let Ok(doc) = parse(&text, "t.yaml", &Limits::default(), Lang::En) else { panic!("test yaml") };
        let cx = Context {
            lang: Lang::En,
            today: today.parse().expect("date"),
            main_domains: Vec::new(),
            thresholds: Thresholds::default(),
        };
        let r = Record { doc: &doc, file: "t.yaml", stem: "t", cx: &cx };
        let mut out = Vec::new();
        check(&r, &mut out);
        !out.is_empty()
    }

    #[test]
    fn the_yearly_report_is_due_after_1_may() {
        assert!(!fires("2026-05-01", "2024-05-21", "2025-04-14"));
        assert!(fires("2026-05-02", "2024-05-21", "2025-04-14"));
        assert!(!fires("2026-05-02", "2024-05-21", "2026-01-01"));
        assert!(fires("2026-05-02", "2025-12-31", "2025-12-31"));
    }

    #[test]
    fn a_new_connection_has_two_months() {
        assert!(!fires("2026-03-01", "2026-01-01", "2025-12-01"));
        assert!(fires("2026-03-02", "2026-01-01", "2025-12-01"));
        assert!(!fires("2026-03-02", "2026-01-01", "2026-01-01"));
        // Activated this year: no yearly report is asked for after 1 May.
        assert!(!fires("2026-06-01", "2026-04-15", "2026-04-15"));
    }
}
