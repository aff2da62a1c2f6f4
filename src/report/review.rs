//! The renderers of `toets pr`: a terminal page, a Markdown page for the CIO, and JSON. They
//! only arrange what [`Review`] holds. Both pages have the same structure: a headline with
//! counts, what the CIO is asked to decide ([`super::decision`]), per record its changes (or, for
//! a new record, its key facts) and its findings, the changed rules, and the findings elsewhere.
//! This module holds that shared structure and the terminal page; `markdown.rs` the other.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;
use similar::{ChangeTag, TextDiff};

use super::decision::{self, Part};
use super::github::{Github, Rest};
use super::human::Human;
use super::sarif::Sarif;
use super::{PrFormat, Render, Report, rank};
use crate::diff::FieldChange;
use crate::finding::{Finding, Lang, Severity, Summary};
use crate::git::ChangeKind;
use crate::pr::{Judge, RecordChange, Review};
use crate::rules::is_hidden;
use crate::rules_change::RulesChange;

/// A value in a change list or a fact is cut after this many characters.
pub const VALUE_CHARS: usize = 200;
/// Unchanged text around a change in a word diff keeps this many characters on each side.
const CONTEXT_CHARS: usize = 60;
/// A word diff is cut after this many characters.
const DIFF_CHARS: usize = 1500;

/// Writes `review` in `format`.
pub fn render(out: &mut dyn Write, review: &Review, format: PrFormat, color: bool, lang: Lang) -> io::Result<()> {
    let summary = Summary::of(review.files, &review.findings);
    match format {
        PrFormat::Json => {
            #[derive(Serialize)]
            struct Doc<'a> {
                #[serde(flatten)]
                review: &'a Review,
                summary: Summary,
                /// What the CIO is asked to decide, as plain sentences.
                decisions: Vec<Sentence>,
            }
            #[derive(Serialize)]
            struct Sentence {
                kind: super::decision::Kind,
                text: String,
            }
            let decisions = super::decision::decisions(review, lang)
                .into_iter()
                .map(|d| Sentence { kind: d.kind, text: d.plain() })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &Doc { review, summary, decisions })?;
            writeln!(out)
        }
        PrFormat::Markdown => super::markdown::render(out, review, &summary, lang),
        PrFormat::Human => human(out, review, summary, color, lang),
        PrFormat::Github => Github { rest: Rest::JobSummary }.render(out, &as_report(review, summary, lang)),
        PrFormat::Sarif => Sarif.render(out, &as_report(review, summary, lang)),
    }
}

/// The review's findings as a [`Report`], for the formats that `toets check` has too.
fn as_report(review: &Review, summary: Summary, lang: Lang) -> Report<'_> {
    Report { findings: &review.findings, summary, sources: &review.sources, lang }
}

// ---------------------------------------------------------------------------------------------
// The structure both pages share.

/// What a pull request does to one record, as the CIO counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Added,
    Changed,
    /// Changed to status `retired`.
    Retired,
    /// The file is deleted.
    Removed,
}

pub fn role(record: &RecordChange) -> Role {
    match record.kind {
        ChangeKind::Added => Role::Added,
        ChangeKind::Deleted => Role::Removed,
        ChangeKind::Modified | ChangeKind::Renamed => {
            fn status(v: &Option<Value>) -> Option<&str> {
                v.as_ref().and_then(|v| decision::text(v, "/lifecycle/status"))
            }
            if status(&record.new) == Some("retired") && status(&record.old) != Some("retired") {
                Role::Retired
            } else {
                Role::Changed
            }
        }
    }
}

/// "New", "Changed", ... as the title of a record's section.
pub fn role_title(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::Added => lang.pick("New", "Nieuw"),
        Role::Changed => lang.pick("Changed", "Gewijzigd"),
        Role::Retired => lang.pick("Retired", "Beëindigd"),
        Role::Removed => lang.pick("Removed", "Verwijderd"),
    }
}

/// "3 records: 1 added, 1 changed, 1 retired", and whether the rules changed.
pub fn records_line(review: &Review, lang: Lang) -> String {
    let n = review.records.len();
    let mut line = if n == 0 {
        lang.pick("no records changed", "geen registraties gewijzigd").to_owned()
    } else {
        let count = |r: Role| review.records.iter().filter(|x| role(x) == r).count();
        let parts: Vec<String> = [
            (Role::Added, lang.pick("added", "toegevoegd")),
            (Role::Changed, lang.pick("changed", "gewijzigd")),
            (Role::Retired, lang.pick("retired", "beëindigd")),
            (Role::Removed, lang.pick("removed", "verwijderd")),
        ]
        .into_iter()
        .filter_map(|(r, word)| Some(count(r)).filter(|c| *c > 0).map(|c| format!("{c} {word}")))
        .collect();
        let records =
            lang.pick(decision::plural(n, "record", "records"), decision::plural(n, "registratie", "registraties"));
        format!("{records}: {}", parts.join(", "))
    };
    if !review.governance.is_empty() {
        line.push_str(lang.pick(" · rules changed", " · regels gewijzigd"));
    }
    line
}

/// "2 errors, 1 warning, 1 waived" (only what is there), or "no findings".
pub fn findings_counts(summary: &Summary, lang: Lang) -> Vec<(Option<Severity>, String)> {
    let mut out = Vec::new();
    if summary.errors > 0 {
        let e = summary.errors;
        out.push((
            Some(Severity::Error),
            lang.pick(decision::plural(e, "error", "errors"), decision::plural(e, "fout", "fouten")),
        ));
    }
    if summary.warnings > 0 {
        let w = summary.warnings;
        out.push((
            Some(Severity::Warning),
            lang.pick(
                decision::plural(w, "warning", "warnings"),
                decision::plural(w, "waarschuwing", "waarschuwingen"),
            ),
        ));
    }
    if summary.waived > 0 {
        out.push((
            None,
            lang.pick(format!("{} waived", summary.waived), format!("{} met uitzondering", summary.waived)),
        ));
    }
    out
}

/// One changed record with the findings that belong to it, most serious first.
pub struct Section<'a> {
    pub record: &'a RecordChange,
    pub findings: Vec<&'a Finding>,
}

/// The findings of a pull request as the pages show them: per changed record, on the rules
/// themselves, and elsewhere in the registry.
pub struct Sections<'a> {
    pub records: Vec<Section<'a>>,
    /// Findings on governance files (`toets.toml`, `schemas/`, ...).
    pub rules: Vec<&'a Finding>,
    pub elsewhere: Vec<&'a Finding>,
}

/// Sorts each finding into its record's section (in the order of the change), the rules or
/// elsewhere.
pub fn sections(review: &Review) -> Sections<'_> {
    let mut records: Vec<Section> =
        review.records.iter().map(|record| Section { record, findings: Vec::new() }).collect();
    let (mut rules, mut elsewhere) = (Vec::new(), Vec::new());
    for f in &review.findings {
        let home = (f.scope != Some(crate::finding::Scope::Elsewhere))
            .then(|| {
                records.iter_mut().find(|s| match &s.record.new_path {
                    Some(path) => *path == f.file,
                    None => s.record.old_path.as_deref() == Some(f.file.as_str()),
                })
            })
            .flatten();
        match home {
            Some(section) => section.findings.push(f),
            None if is_governance(review, &f.file) => rules.push(f),
            None => elsewhere.push(f),
        }
    }
    for s in &mut records {
        s.findings.sort_by_key(|f| (rank(f), f.line, f.column));
    }
    for list in [&mut rules, &mut elsewhere] {
        list.sort_by(|a, b| (rank(a), &a.file, a.line).cmp(&(rank(b), &b.file, b.line)));
    }
    Sections { records, rules, elsewhere }
}

/// Whether `file` is one of the rules themselves.
fn is_governance(review: &Review, file: &str) -> bool {
    review.governance.iter().any(|g| g == file)
        || crate::pr::GOVERNANCE.iter().any(|g| file == *g || file.starts_with(&format!("{g}/")))
}

/// The line under a retired or removed record's title: when it went and what replaces it.
pub fn status_note(record: &RecordChange, review: &Review, lang: Lang) -> Option<Vec<Part>> {
    match role(record) {
        Role::Retired => {
            let new = record.new.as_ref()?;
            let mut parts = match decision::text(new, "/lifecycle/retired_on") {
                Some(date) => {
                    vec![Part::Text(lang.pick("Offline since ", "Uit de lucht sinds ").into()), Part::Code(date.into())]
                }
                None => {
                    vec![Part::Text(lang.pick("Offline; no date given", "Uit de lucht; geen datum opgegeven").into())]
                }
            };
            match decision::text(new, "/lifecycle/replaced_by") {
                Some(id) => {
                    parts.push(Part::Text(lang.pick("; successor: ", "; opvolger: ").into()));
                    let name = review
                        .records
                        .iter()
                        .filter_map(|r| r.new.as_ref())
                        .find(|v| decision::text(v, "/id") == Some(id))
                        .and_then(|v| decision::text(v, "/name"));
                    if let Some(name) = name {
                        parts.extend([Part::Name(name.into()), Part::Text(" (".into())]);
                        parts.extend([Part::Code(id.into()), Part::Text(")".into())]);
                    } else {
                        parts.push(Part::Code(id.into()));
                    }
                }
                None => parts.push(Part::Text(lang.pick("; no successor", "; geen opvolger").into())),
            }
            parts.push(Part::Text(".".into()));
            Some(parts)
        }
        Role::Removed => {
            let status = record.old.as_ref().and_then(|v| decision::text(v, "/lifecycle/status"));
            let mut parts =
                vec![Part::Text(lang.pick("Removed from the register", "Uit het register verwijderd").into())];
            if let Some(status) = status {
                parts.push(Part::Text(lang.pick("; last status: ", "; laatste status: ").into()));
                parts.push(Part::Code(status.into()));
            }
            parts.push(Part::Text(".".into()));
            Some(parts)
        }
        Role::Added | Role::Changed => None,
    }
}

/// The key facts of a new record, as label and value, for those the record has.
pub fn facts(record: &Value, lang: Lang) -> Vec<(&'static str, Vec<Part>)> {
    let text = |p: &str| decision::text(record, p).map(str::trim).filter(|s| !s.is_empty());
    let mut out: Vec<(&'static str, Vec<Part>)> = Vec::new();
    if let Some(d) = text("/description") {
        out.push((lang.pick("Description", "Omschrijving"), vec![Part::Quote(d.into())]));
    }
    if let Some(dept) = text("/owner/department") {
        let mut value = vec![Part::Quote(dept.into())];
        if let Some(email) = text("/owner/email") {
            value.extend([Part::Text(" (".into()), Part::Code(email.into()), Part::Text(")".into())]);
        }
        out.push((lang.pick("Owner", "Eigenaar"), value));
    }
    if let Some(kind) = text("/kind") {
        out.push((lang.pick("Kind", "Soort"), vec![Part::Text(decision::kind_word(kind, lang))]));
    }
    if let Some(platform) = text("/platform") {
        out.push(("Platform", vec![Part::Text(decision::platform_word(platform, lang))]));
    }
    if let Some(status) = text("/lifecycle/status") {
        let since = match status {
            "proposed" => text("/lifecycle/proposed_on").map(|d| (lang.pick("proposed on ", "voorgesteld op "), d)),
            "live" => text("/lifecycle/live_since").map(|d| (lang.pick("live since ", "live sinds "), d)),
            "retired" => text("/lifecycle/retired_on").map(|d| (lang.pick("retired on ", "uit de lucht sinds "), d)),
            _ => None,
        };
        let value = match since {
            Some((words, date)) => vec![Part::Text(words.into()), Part::Code(date.into())],
            None => vec![Part::Text(decision::status_word(status, lang))],
        };
        out.push(("Status", value));
    }
    let outcome = match text("/check/outcome") {
        Some(o) => {
            let mut value = vec![Part::Text(decision::outcome_word(o, lang))];
            if let Some(reference) = text("/check/reference") {
                value.extend([Part::Text(" (".into()), Part::Code(reference.into()), Part::Text(")".into())]);
            }
            value
        }
        None => vec![Part::Text(lang.pick("no outcome yet", "nog geen uitkomst").into())],
    };
    out.push((lang.pick("Central check", "Centrale toets"), outcome));
    let costs = decision::costs(record, lang).unwrap_or_else(|| lang.pick("not stated", "niet opgegeven").into());
    out.push((lang.pick("Costs", "Kosten"), vec![Part::Text(costs)]));
    let personal =
        match (record.pointer("/privacy/processes_personal_data"), record.pointer("/privacy/special_categories")) {
            (Some(Value::Bool(true)), Some(Value::Bool(true))) => {
                lang.pick("yes, including special categories", "ja, ook bijzondere persoonsgegevens")
            }
            (Some(Value::Bool(true)), _) => lang.pick("yes", "ja"),
            (Some(Value::Bool(false)), _) => lang.pick("no", "nee"),
            _ => lang.pick("not stated", "niet ingevuld"),
        };
    out.push((lang.pick("Personal data", "Persoonsgegevens"), vec![Part::Text(personal.into())]));
    if let Some(items) = record.pointer("/authentication").and_then(Value::as_array) {
        let means: Vec<String> = items
            .iter()
            .filter_map(|m| {
                let means = decision::means_word(m.get("means")?.as_str()?, lang);
                Some(match m.get("level").and_then(Value::as_str) {
                    Some(level) => format!("{means} ({level})"),
                    None => means,
                })
            })
            .collect();
        if !means.is_empty() {
            out.push((lang.pick("Login", "Inloggen"), vec![Part::Quote(means.join(", "))]));
        }
    }
    if let Some(provider) = text("/security/hosting/provider") {
        let mut value = vec![Part::Quote(provider.into())];
        let location = match text("/security/hosting/location") {
            Some("nl") => Some(lang.pick("in the Netherlands", "in Nederland")),
            Some("eu") => Some(lang.pick("in the EU", "in de EU")),
            Some("outside_eu") => Some(lang.pick("outside the EU", "buiten de EU")),
            _ => None,
        };
        if let Some(location) = location {
            value.push(Part::Text(format!(", {location}")));
        }
        out.push(("Hosting", value));
    }
    let primary = record
        .pointer("/urls")
        .and_then(Value::as_array)
        .and_then(|urls| {
            urls.iter().find(|u| u.get("role").and_then(Value::as_str) == Some("primary")).or_else(|| urls.first())
        })
        .and_then(|u| u.get("url")?.as_str());
    if let Some(url) = primary {
        out.push((lang.pick("Address", "Adres"), vec![Part::Code(url.into())]));
    }
    out
}

/// A piece of a word diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Same(String),
    Removed(String),
    Added(String),
}

/// The word diff of a long text field, from the record's old and new text (or, when the field
/// cannot be found, from the `[-removed-]{+added+}` text of the change list), with long unchanged
/// stretches shortened and the whole cut at a readable length.
pub fn word_diff(record: &RecordChange, field: &str, diff: &str) -> Vec<Piece> {
    let texts = (|| {
        let old = lookup(record.old.as_ref()?, field)?.as_str()?;
        let new = lookup(record.new.as_ref()?, field)?.as_str()?;
        Some((old, new))
    })();
    let pieces = match texts {
        Some((old, new)) => {
            let mut pieces: Vec<Piece> = Vec::new();
            for change in TextDiff::from_words(old, new).iter_all_changes() {
                let (tag, text) = (change.tag(), change.value());
                match (pieces.last_mut(), tag) {
                    (Some(Piece::Same(s)), ChangeTag::Equal)
                    | (Some(Piece::Removed(s)), ChangeTag::Delete)
                    | (Some(Piece::Added(s)), ChangeTag::Insert) => s.push_str(text),
                    (_, ChangeTag::Equal) => pieces.push(Piece::Same(text.into())),
                    (_, ChangeTag::Delete) => pieces.push(Piece::Removed(text.into())),
                    (_, ChangeTag::Insert) => pieces.push(Piece::Added(text.into())),
                }
            }
            pieces
        }
        None => parse_markers(diff),
    };
    shorten(pieces)
}

/// The value at a field path of the change list (`contacts[0].name`).
fn lookup<'a>(value: &'a Value, field: &str) -> Option<&'a Value> {
    let mut at = value;
    for segment in field.split('.') {
        let (key, indexes) = segment.split_once('[').map_or((segment, ""), |(k, rest)| (k, rest));
        if !key.is_empty() {
            at = at.get(key)?;
        }
        for index in indexes.split('[').filter(|s| !s.is_empty()) {
            at = at.get(index.strip_suffix(']')?.parse::<usize>().ok()?)?;
        }
    }
    Some(at)
}

/// Reads `[-removed-]` and `{+added+}` back from a word diff text.
fn parse_markers(diff: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = diff;
    while !rest.is_empty() {
        let next = [rest.find("[-"), rest.find("{+")].into_iter().flatten().min();
        let Some(at) = next else {
            pieces.push(Piece::Same(rest.into()));
            break;
        };
        if at > 0 {
            pieces.push(Piece::Same(rest[..at].into()));
        }
        let (close, removed) = if rest[at..].starts_with("[-") { ("-]", true) } else { ("+}", false) };
        let body = &rest[at + 2..];
        let end = body.find(close).unwrap_or(body.len());
        let text = body[..end].to_owned();
        pieces.push(if removed { Piece::Removed(text) } else { Piece::Added(text) });
        rest = body.get(end + 2..).unwrap_or("");
    }
    pieces
}

/// Shortens unchanged stretches to their ends near a change, and cuts the whole diff.
fn shorten(pieces: Vec<Piece>) -> Vec<Piece> {
    let last = pieces.len().saturating_sub(1);
    let mut out = Vec::new();
    let mut total = 0;
    for (i, piece) in pieces.into_iter().enumerate() {
        let piece = match piece {
            Piece::Same(s) => Piece::Same(around(&s, i > 0, i < last)),
            Piece::Removed(s) => Piece::Removed(clip(&s, VALUE_CHARS)),
            Piece::Added(s) => Piece::Added(clip(&s, VALUE_CHARS)),
        };
        let (Piece::Same(s) | Piece::Removed(s) | Piece::Added(s)) = &piece;
        total += s.chars().count();
        out.push(piece);
        if total > DIFF_CHARS && i < last {
            out.push(Piece::Same(" …".into()));
            break;
        }
    }
    out
}

/// Unchanged text, kept in full when short, else only the end that touches a change before
/// it (`before`) and the start that touches one after it, cut at spaces.
fn around(s: &str, before: bool, after: bool) -> String {
    let n = s.chars().count();
    let keep = match (before, after) {
        (true, true) => 2 * CONTEXT_CHARS,
        _ => CONTEXT_CHARS,
    };
    if n <= keep + 10 {
        return s.to_owned();
    }
    let head: String = if before { s.chars().take(CONTEXT_CHARS).collect() } else { String::new() };
    let tail: String = if after { s.chars().skip(n - CONTEXT_CHARS).collect() } else { String::new() };
    let head = match head.rfind(char::is_whitespace) {
        Some(at) if at > CONTEXT_CHARS / 2 => &head[..at],
        _ => &head,
    };
    let tail = match tail.find(char::is_whitespace) {
        Some(at) if at < CONTEXT_CHARS / 2 => &tail[at..],
        _ => &tail,
    };
    match (before, after) {
        (true, true) => format!("{head} … {}", tail.trim_start()),
        (true, false) => format!("{head} …"),
        _ => format!("… {}", tail.trim_start()),
    }
}

/// Text on one line as it is stored, but with characters that cannot be seen replaced by `�`
/// (one for one, as in the findings) and line breaks and tabs by spaces.
pub fn flat(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if is_hidden(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// `text` cut after `max` characters, with `…`.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

// ---------------------------------------------------------------------------------------------
// The terminal page.

/// The page for a terminal: the same structure as the Markdown page, with each record's findings
/// rendered by the [`Human`] renderer of `toets check`.
fn human(out: &mut dyn Write, review: &Review, summary: Summary, color: bool, lang: Lang) -> io::Result<()> {
    let bold = |s: &str| if color { format!("\x1b[1m{s}\x1b[0m") } else { s.to_owned() };
    let counts = findings_counts(&summary, lang).into_iter().map(|(_, s)| s).collect::<Vec<_>>();
    let counts = if counts.is_empty() {
        lang.pick("no findings".to_owned(), "geen bevindingen".to_owned())
    } else {
        counts.join(", ")
    };
    writeln!(out, "{}", bold(&format!("toets · {} · {counts}", records_line(review, lang))))?;
    writeln!(out, "{} → {}", flat(&review.base), flat(&review.head))?;
    if review.judged_by == Judge::Head {
        writeln!(out, "{}", judged_by_head(lang))?;
    }
    if let Some(note) = uncommitted(review, lang) {
        writeln!(out, "{note}")?;
    }

    writeln!(out, "\n{}", bold(lang.pick("For the CIO to decide:", "Ter beslissing aan de CIO:")))?;
    let decisions = decision::decisions(review, lang);
    if decisions.is_empty() {
        writeln!(
            out,
            "  {}",
            lang.pick("Nothing: the change touches no record.", "Niets: de wijziging raakt geen registratie.")
        )?;
    }
    for d in &decisions {
        writeln!(out, "  [ ] {}", parts(&d.parts))?;
    }

    let Sections { records, rules, elsewhere } = sections(review);
    for section in &records {
        let record = section.record;
        let title = format!("{}: {}", role_title(role(record), lang), parts(&[decision::name_part(record)]));
        writeln!(out, "\n{} · {}", bold(&format!("── {title}")), path_line(record))?;
        if let Some(note) = status_note(record, review, lang) {
            writeln!(out, "  {}", parts(&note))?;
        }
        if role(record) == Role::Added {
            let facts = record.new.as_ref().map(|v| facts(v, lang)).unwrap_or_default();
            let width = facts.iter().map(|(label, _)| label.chars().count()).max().unwrap_or(0);
            for (label, value) in &facts {
                writeln!(out, "  {label:width$}  {}", parts(value))?;
            }
        }
        for field in &record.fields {
            writeln!(out, "  {}", field_line(record, field, color))?;
        }
        diagnostics(out, &section.findings, review, color, lang)?;
    }
    if !review.governance.is_empty() || !rules.is_empty() {
        writeln!(out, "\n{}", bold(lang.pick("── Rules changed", "── Regels gewijzigd")))?;
        for path in &review.governance {
            writeln!(out, "  {}", flat(path))?;
        }
        if let Some(change) = &review.rules {
            rules_effect(out, change, lang)?;
        }
        diagnostics(out, &rules, review, color, lang)?;
    }
    if !elsewhere.is_empty() {
        writeln!(out, "\n{}", bold(lang.pick("── Elsewhere in the registry", "── Elders in het register")))?;
        writeln!(out, "  {}", elsewhere_note(lang))?;
        diagnostics(out, &elsewhere, review, color, lang)?;
    }
    writeln!(out)?;
    // The Human renderer with no findings writes just its closing summary line.
    let report = Report { findings: &[], summary, sources: &review.sources, lang };
    Human { color, width: 100 }.render(out, &report)
}

/// Findings listed per kind of effect of the new rules; the rest are counted.
pub const EFFECT_FINDINGS: usize = 10;

/// What the pull request's own rules would do, as the pages list it: a title per kind of
/// effect with its findings, the ones that matter most to the CIO (switched off) first.
pub fn effects(change: &RulesChange, lang: Lang) -> Vec<(&'static str, &[Finding])> {
    [
        (lang.pick("No longer reported", "Niet meer gemeld"), &change.dropped),
        (lang.pick("Errors that would only warn", "Fouten die alleen nog zouden waarschuwen"), &change.softened),
        (lang.pick("Added", "Erbij"), &change.added),
        (lang.pick("Warnings that would be errors", "Waarschuwingen die fouten zouden worden"), &change.hardened),
    ]
    .into_iter()
    .filter(|(_, list)| !list.is_empty())
    .map(|(title, list)| (title, list.as_slice()))
    .collect()
}

/// The title over what the pull request's own rules would do.
pub fn effect_title(lang: Lang) -> &'static str {
    lang.pick(
        "The pull request is judged by the rules of its base. With its own rules:",
        "Het pull request wordt beoordeeld met de regels van de basis. Met de eigen regels ervan:",
    )
}

/// What to say when its rules find what the base's find, or cannot be used.
pub fn effect_note(change: &RulesChange, lang: Lang) -> Option<&'static str> {
    if change.invalid.is_some() {
        Some(lang.pick(
            "toets cannot use them (see `config-invalid`).",
            "toets kan ze niet gebruiken (zie `config-invalid`).",
        ))
    } else if change.same_findings() {
        Some(lang.pick("toets would find the same in this registry.", "toets zou in dit register hetzelfde vinden."))
    } else {
        None
    }
}

/// What to say when the pull request is judged by its own rules.
/// "Not part of this comparison: registry/x.yaml (not committed; commit it first)."
pub fn uncommitted(review: &Review, lang: Lang) -> Option<String> {
    const SHOWN: usize = 5;
    let files = &review.uncommitted;
    if files.is_empty() {
        return None;
    }
    let mut list = files.iter().take(SHOWN).map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
    if files.len() > SHOWN {
        list.push_str(
            &lang.pick(format!(" and {} more", files.len() - SHOWN), format!(" en nog {}", files.len() - SHOWN)),
        );
    }
    Some(lang.pick(
        format!("Not part of this comparison, because not committed: {list}. Commit it first to have it checked here."),
        format!("Niet in deze vergelijking, want niet vastgelegd (commit): {list}. Leg het eerst vast om het hier te laten controleren."),
    ))
}

pub fn judged_by_head(lang: Lang) -> &'static str {
    lang.pick(
        "The base has no rules toets can use (a schema or `toets.toml`), so this pull request is judged by its own.",
        "De basis heeft geen regels die toets kan gebruiken (een schema of `toets.toml`), dus dit pull request wordt beoordeeld met zijn eigen regels.",
    )
}

/// What the section of findings elsewhere is about.
pub fn elsewhere_note(lang: Lang) -> &'static str {
    lang.pick(
        "Records this pull request does not change, where the change causes a finding (for example a domain that is now claimed twice).",
        "Registraties die dit pull request niet wijzigt, maar waar de wijziging een bevinding veroorzaakt (bijvoorbeeld een domein dat nu twee keer wordt geclaimd).",
    )
}

/// What the pull request's own rules would do: the settings they change, then per kind of effect
/// the first findings, one line each.
fn rules_effect(out: &mut dyn Write, change: &RulesChange, lang: Lang) -> io::Result<()> {
    writeln!(out, "\n  {}", effect_title(lang))?;
    for s in &change.settings {
        writeln!(out, "    {}: {} → {}", s.name, flat(&clip(&s.base, VALUE_CHARS)), flat(&clip(&s.head, VALUE_CHARS)))?;
    }
    if let Some(note) = effect_note(change, lang) {
        writeln!(out, "    {note}")?;
    }
    for (title, list) in effects(change, lang) {
        writeln!(out, "    {title} ({}):", list.len())?;
        for f in list.iter().take(EFFECT_FINDINGS) {
            let icon = if f.severity == Severity::Error { "×" } else { "⚠" };
            let message = flat(&clip(&f.message, VALUE_CHARS));
            writeln!(out, "      {icon} {}:{}:{} {}: {message}", flat(&f.file), f.line, f.column, f.rule)?;
        }
        if list.len() > EFFECT_FINDINGS {
            let n = list.len() - EFFECT_FINDINGS;
            writeln!(out, "      {}", lang.pick(format!("… {n} more"), format!("… nog {n}")))?;
        }
    }
    Ok(())
}

/// Findings through the [`Human`] renderer after a blank line, without its closing summary line
/// (the page writes one at its end).
fn diagnostics(out: &mut dyn Write, findings: &[&Finding], review: &Review, color: bool, lang: Lang) -> io::Result<()> {
    if findings.is_empty() {
        return Ok(());
    }
    let findings: Vec<Finding> = findings.iter().map(|f| (*f).clone()).collect();
    let mut buf = Vec::new();
    let report = Report { findings: &findings, summary: Summary::default(), sources: &review.sources, lang };
    Human { color, width: 100 }.render(&mut buf, &report)?;
    let text = String::from_utf8_lossy(&buf);
    let body = text.trim_end_matches('\n').rsplit_once('\n').map_or("", |(body, _)| body);
    writeln!(out, "\n{}", body.trim_end_matches('\n'))
}

/// `registry/x.yaml`, or `registry/old.yaml → registry/new.yaml` for a renamed file.
fn path_line(record: &RecordChange) -> String {
    match (&record.old_path, &record.new_path) {
        (Some(old), Some(new)) if old != new => format!("{} → {}", flat(old), flat(new)),
        _ => flat(record.path()),
    }
}

/// Parts of a sentence for a terminal.
fn parts(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Part::Text(s) => s.clone(),
            Part::Name(s) | Part::Quote(s) => flat(&clip(s, VALUE_CHARS)),
            Part::Code(s) => format!("`{}`", flat(&clip(s, VALUE_CHARS))),
        })
        .collect()
}

/// `lifecycle.status: proposed → approved`, `+ need.audiences: businesses`, word diffs as
/// `[-removed-]{+added+}`.
fn field_line(record: &RecordChange, field: &FieldChange, color: bool) -> String {
    let v = |s: &str| flat(&clip(s, VALUE_CHARS));
    let paint = |code: &str, s: String| if color { format!("\x1b[{code}m{s}\x1b[0m") } else { s };
    match field {
        FieldChange::Changed { field, old, new } => format!("{}: {} → {}", flat(field), v(old), v(new)),
        FieldChange::Added { field, new } => paint("32", format!("+ {}: {}", flat(field), v(new))),
        FieldChange::Removed { field, old } => paint("31", format!("- {}: {}", flat(field), v(old))),
        FieldChange::Text { field: name, diff } => {
            let text: String = word_diff(record, name, diff)
                .into_iter()
                .map(|piece| match piece {
                    Piece::Same(s) => flat(&s),
                    Piece::Removed(s) => spaced(&s, |inner| paint("31", format!("[-{inner}-]"))),
                    Piece::Added(s) => spaced(&s, |inner| paint("32", format!("{{+{inner}+}}"))),
                })
                .collect();
            format!("{}: {text}", flat(name))
        }
    }
}

/// A changed piece of text with `mark` around what it says and its outer spaces outside,
/// flattened: `{+tot vijf uur+} ` rather than `{+tot vijf uur +}`.
pub fn spaced(piece: &str, mark: impl Fn(&str) -> String) -> String {
    let s = flat(piece);
    let inner = s.trim();
    if inner.is_empty() {
        return s;
    }
    let start = s.len() - s.trim_start().len();
    let end = s.trim_end().len();
    format!("{}{}{}", &s[..start], mark(inner), &s[end..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lookup_follows_the_field_path() {
        let v = json!({"contacts": [{"name": "A"}, {"name": "B"}], "need": {"problem": "p"}});
        assert_eq!(lookup(&v, "contacts[1].name"), Some(&json!("B")));
        assert_eq!(lookup(&v, "need.problem"), Some(&json!("p")));
        assert_eq!(lookup(&v, "need.missing"), None);
    }

    #[test]
    fn markers_read_back() {
        assert_eq!(
            parse_markers("a [-b-]{+c+} d"),
            vec![
                Piece::Same("a ".into()),
                Piece::Removed("b".into()),
                Piece::Added("c".into()),
                Piece::Same(" d".into())
            ]
        );
    }

    #[test]
    fn long_unchanged_text_is_shortened_around_the_change() {
        let same = "woord ".repeat(40);
        let pieces = shorten(vec![Piece::Same(same.clone()), Piece::Added("nieuw".into()), Piece::Same(same)]);
        let Piece::Same(first) = &pieces[0] else { panic!("same") };
        assert!(first.starts_with("… ") && first.chars().count() <= CONTEXT_CHARS + 2, "{first}");
        let Piece::Same(last) = &pieces[2] else { panic!("same") };
        assert!(last.ends_with(" …") && last.chars().count() <= CONTEXT_CHARS + 2, "{last}");
    }

    #[test]
    fn flat_shows_what_is_stored() {
        assert_eq!(flat("a\nb\u{202E}c\td"), "a b\u{FFFD}c d");
    }
}
