//! `--format github`: GitHub Actions workflow commands, which the runner turns into annotations
//! on the files of the pull request: `::error file=…,line=…,col=…,title=<rule>::<message>`.
//!
//! GitHub shows at most [`PER_KIND`] error, warning and notice annotations per step and drops
//! the rest without a word (actions/toolkit, `docs/problem-matchers.md`, "Limitations"). So
//! the most important findings come first ([`super::by_importance`]), no more of a kind are
//! written than are shown, and one closing notice gives the totals and says where the rest is.

use std::io::{self, Write};

use super::decision::plural;
use super::human::summary_line;
use super::{Render, Report, by_importance, rank, visible};
use crate::finding::{Finding, Lang, Severity};

/// Annotations of one kind (error, warning, notice) that GitHub shows per step.
pub const PER_KIND: usize = 10;

pub struct Github {
    /// Where a reader finds the findings that were not shown.
    pub rest: Rest,
}

/// Where the whole report is, for the closing notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rest {
    /// `toets check` in a clone of the repository.
    CheckLocally,
    /// The job summary, where the workflow writes `toets pr --format markdown`.
    JobSummary,
}

impl Render for Github {
    fn render(&self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        let lang = report.lang;
        // Errors, warnings, waived: the waived are notices, and one notice is kept for the totals.
        let limits = [PER_KIND, PER_KIND, PER_KIND - 1];
        let mut shown = [0; 3];
        let mut hidden = [0; 3];
        for f in by_importance(report.findings) {
            let kind = usize::from(rank(f));
            if shown[kind] == limits[kind] {
                hidden[kind] += 1;
                continue;
            }
            shown[kind] += 1;
            writeln!(out, "{}", annotation(f, lang))?;
        }
        let mut totals = summary_line(&report.summary, lang);
        if hidden.iter().any(|n| *n > 0) {
            totals.push_str("\n\n");
            totals.push_str(&not_shown(hidden, self.rest, lang));
        }
        writeln!(out, "::notice title=toets::{}", escape_data(&totals))
    }
}

/// One finding as a workflow command: an error or warning, or a notice when it is waived. The
/// text is the message, then after a blank line the help (for a waived finding: the waiver's
/// reason, as the human report shows it) and the related places.
fn annotation(f: &Finding, lang: Lang) -> String {
    let (command, mut text, help) = match &f.waived {
        Some(w) => (
            "notice",
            lang.pick(format!("[waived until {}] ", w.expires), format!("[uitzondering tot {}] ", w.expires)),
            Some(lang.pick(format!("Waiver: {}", w.reason), format!("Uitzondering: {}", w.reason))),
        ),
        None if f.severity == Severity::Error => ("error", String::new(), f.help.clone()),
        None => ("warning", String::new(), f.help.clone()),
    };
    text.push_str(&f.message);
    for more in
        help.into_iter().chain(f.related.iter().map(|r| format!("{}:{}:{}: {}", r.file, r.line, r.column, r.message)))
    {
        text.push_str("\n\n");
        text.push_str(&more);
    }
    let mut properties = format!("file={}", escape_property(&f.file));
    // A finding about the whole file (line 0) is annotated on the file.
    if f.line > 0 {
        properties.push_str(&format!(",line={}", f.line));
        if f.column > 0 {
            properties.push_str(&format!(",col={}", f.column));
        }
    }
    format!("::{command} {properties},title={}::{}", escape_property(f.rule), escape_data(&visible(&text)))
}

/// How many findings of each kind are not annotated, and where they are.
fn not_shown(hidden: [usize; 3], rest: Rest, lang: Lang) -> String {
    let [errors, warnings, waived] = hidden;
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(lang.pick(plural(errors, "error", "errors"), plural(errors, "fout", "fouten")));
    }
    if warnings > 0 {
        parts.push(
            lang.pick(plural(warnings, "warning", "warnings"), plural(warnings, "waarschuwing", "waarschuwingen")),
        );
    }
    if waived > 0 {
        parts.push(lang.pick(format!("{waived} waived"), format!("{waived} met uitzondering")));
    }
    let and = lang.pick(" and ", " en ");
    let list = match parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}{and}{last}", rest.join(", ")),
        None => String::new(),
    };
    let place = match rest {
        Rest::CheckLocally => lang.pick(
            "run `toets check` in a clone of the repository to see them all",
            "voer `toets check` uit in een kloon van de repository om ze allemaal te zien",
        ),
        Rest::JobSummary => lang.pick("the job summary lists them all", "de samenvatting van de job noemt ze allemaal"),
    };
    lang.pick(
        format!("Not annotated here: {list} (GitHub shows {PER_KIND} of each kind per step); {place}."),
        format!(
            "Hier niet als annotatie getoond: {list} (GitHub toont er {PER_KIND} van elke soort per stap); {place}."
        ),
    )
}

/// The message of a workflow command, escaped as actions/toolkit's `escapeData` does
/// (`packages/core/src/command.ts`): `%` → `%25`, CR → `%0D`, LF → `%0A`. `%` goes first, so
/// the runner's unescaping gives back exactly the text, and a line break cannot start a command.
pub fn escape_data(s: &str) -> String {
    escape(s, false)
}

/// A property value of a workflow command, escaped as actions/toolkit's `escapeProperty` does:
/// as [`escape_data`], and also `:` → `%3A` and `,` → `%2C`, which end a value.
pub fn escape_property(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Pos, Summary};
    use std::collections::BTreeMap;

    /// The text `Github` writes for `findings` in English.
    fn render(findings: &[Finding]) -> String {
        let sources = BTreeMap::new();
        let report = Report { findings, summary: Summary::of(1, findings), sources: &sources, lang: Lang::En };
        let mut out = Vec::new();
        Github { rest: Rest::CheckLocally }.render(&mut out, &report).expect("render");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn waived_findings_leave_room_for_the_totals_among_ten_notices() {
        let waived = |line| {
            let mut f = Finding::error("pentest-outdated", "registry/a.yaml", Pos { line, column: 1 }, "old".into());
            f.waived = Some(crate::finding::Waived { reason: "planned".into(), expires: "2027-01-01".into() });
            f
        };
        let text = render(&(1..=12).map(waived).collect::<Vec<_>>());
        let notices: Vec<&str> = text.lines().filter(|l| l.starts_with("::notice ")).collect();
        assert_eq!(notices.len(), PER_KIND);
        assert!(notices[8].starts_with("::notice file=registry/a.yaml,line=9,"));
        assert_eq!(
            notices[9],
            "::notice title=toets::1 file checked: no findings (12 waived).%0A%0ANot annotated here: 3 waived \
             (GitHub shows 10 of each kind per step); run `toets check` in a clone of the repository to see them all."
        );
    }

    #[test]
    fn data_and_properties_are_escaped_as_the_toolkit_does() {
        assert_eq!(escape_data("100%: a, b\r\nc"), "100%25: a, b%0D%0Ac");
        assert_eq!(escape_property("100%: a, b\r\nc"), "100%25%3A a%2C b%0D%0Ac");
        // An escape in the input is escaped in turn, not taken for one.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn a_message_and_a_file_name_with_special_characters_make_one_command() {
        let f = Finding::error(
            "schema",
            "registry/a,b:c%\r\nd.yaml",
            Pos { line: 3, column: 7 },
            "50% off:\r\nnow, here".into(),
        )
        .with_help("Fix it:\nthis way, 100%.");
        assert_eq!(
            render(&[f]),
            "::error file=registry/a%2Cb%3Ac%25%0D%0Ad.yaml,line=3,col=7,title=schema::50%25 off:%0D%0Anow, here%0A%0AFix it:%0Athis way, 100%25.\n\
             ::notice title=toets::1 file checked: 1 error, 0 warnings.\n"
        );
    }
}
