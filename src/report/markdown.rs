//! `toets pr --format markdown`: one page for the CIO, readable in a pull-request comment.
//!
//! A headline with counts, what the CIO is asked to decide as a checklist, per record a section
//! with its changes (or the key facts of a new record) and its findings, the changed rules, the
//! findings elsewhere, and a footer. Every value that comes from a record or from git is escaped
//! (HTML, Markdown, `@` mentions, hidden characters), and the page stays well under GitHub's
//! limit of 65,536 characters for a comment: findings, fields and decisions are capped, each with
//! a line saying how many are not shown.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::decision::{self, Part};
use super::review::{self, Piece, Role, Section, VALUE_CHARS};
use crate::diff::FieldChange;
use crate::finding::{Finding, Lang, Severity, Summary};
use crate::pr::{Judge, Review};
use crate::rules_change::RulesChange;

/// The page stops adding sections before it is this many bytes long (GitHub counts characters,
/// which are never more than bytes).
const PAGE_BYTES: usize = 60_000;
/// Room kept for the lines that say what is not shown and for the footer.
const RESERVE_BYTES: usize = 2_000;
/// One record's section, or the decisions, stop growing at this many bytes.
const BLOCK_BYTES: usize = 20_000;
/// Findings shown per record, and on the whole page.
pub const FINDINGS_PER_RECORD: usize = 15;
pub const FINDINGS_TOTAL: usize = 50;
/// Changed fields shown per record.
const FIELDS_PER_RECORD: usize = 40;
/// Decisions shown.
const DECISIONS: usize = 30;
/// Changed governance paths listed.
const GOVERNANCE_PATHS: usize = 20;
/// A finding's message or help is cut after this many characters.
const MESSAGE_CHARS: usize = 600;

pub fn render(out: &mut dyn Write, review: &Review, summary: &Summary, lang: Lang) -> io::Result<()> {
    out.write_all(page(review, summary, lang).as_bytes())
}

/// The whole page as text.
fn page(review: &Review, summary: &Summary, lang: Lang) -> String {
    let mut page = String::new();
    let counts = counts(summary, lang);
    let _ = writeln!(page, "## toets · {} · {counts}", text(&review::records_line(review, lang)));

    let mut decisions = Block::new(BLOCK_BYTES);
    let _ = decisions.push(&format!("\n**{}**\n\n", lang.pick("For the CIO to decide", "Ter beslissing aan de CIO")));
    let all = decision::decisions(review, lang);
    if all.is_empty() {
        let _ = decisions.push(&format!(
            "{}\n",
            lang.pick("Nothing: the change touches no record.", "Niets: de wijziging raakt geen registratie.")
        ));
    }
    let mut shown = 0;
    for d in all.iter().take(DECISIONS) {
        if !decisions.push(&format!("- [ ] {}\n", parts(&d.parts, false))) {
            break;
        }
        shown += 1;
    }
    page.push_str(&decisions.text);
    if shown < all.len() {
        let _ = writeln!(page, "\n{}", not_shown(all.len() - shown, lang.pick("decisions", "besluiten"), lang));
    }

    let review::Sections { records, rules, elsewhere } = review::sections(review);
    let mut findings_left = FINDINGS_TOTAL;
    let mut records_not_shown = 0;
    for section in &records {
        let mut left = findings_left;
        let block = record_block(section, review, lang, &mut left);
        if records_not_shown > 0 || page.len() + block.len() > PAGE_BYTES - RESERVE_BYTES {
            records_not_shown += 1;
            continue;
        }
        page.push_str(&block);
        findings_left = left;
    }
    if records_not_shown > 0 {
        let _ = writeln!(page, "\n{}", not_shown(records_not_shown, lang.pick("records", "registraties"), lang));
    }

    if !review.governance.is_empty() || !rules.is_empty() {
        let mut block = Block::new(BLOCK_BYTES);
        let _ = block.push(&format!("\n### {}\n\n", lang.pick("Rules changed", "Regels gewijzigd")));
        let mut listed = 0;
        for path in review.governance.iter().take(GOVERNANCE_PATHS) {
            if !block.push(&format!("- {}\n", code(path))) {
                break;
            }
            listed += 1;
        }
        if listed < review.governance.len() {
            let what = lang.pick("paths", "paden");
            let _ = block.push(&format!("\n{}\n", not_shown(review.governance.len() - listed, what, lang)));
        }
        if let Some(change) = &review.rules {
            rules_effect(&mut block, change, lang);
        }
        if !rules.is_empty() {
            let _ = block.push(&format!("\n**{}**\n\n", lang.pick("Findings", "Bevindingen")));
            findings(&mut block, &rules, true, &mut findings_left, lang);
        }
        if page.len() + block.text.len() <= PAGE_BYTES - RESERVE_BYTES {
            page.push_str(&block.text);
        } else {
            let what = lang.pick("changed rules", "gewijzigde regels");
            let _ = writeln!(page, "\n{}", not_shown(review.governance.len().max(1), what, lang));
        }
    }

    if !elsewhere.is_empty() {
        let mut block = Block::new(BLOCK_BYTES);
        let _ = block.push(&format!("\n### {}\n\n", lang.pick("Elsewhere in the registry", "Elders in het register")));
        let _ = block.push(&format!("{}\n\n", text(review::elsewhere_note(lang))));
        findings(&mut block, &elsewhere, true, &mut findings_left, lang);
        if page.len() + block.text.len() <= PAGE_BYTES - RESERVE_BYTES {
            page.push_str(&block.text);
        } else {
            let what = lang.pick("findings elsewhere", "bevindingen elders");
            let _ = writeln!(page, "\n{}", not_shown(elsewhere.len(), what, lang));
        }
    }

    let _ = writeln!(page, "\n---\n<sub>{}</sub>", footer(review, lang));
    page
}

/// "❌ 2 errors · ⚠️ 1 warning · 🔕 1 waived", or "✅ no findings".
fn counts(summary: &Summary, lang: Lang) -> String {
    let counts = review::findings_counts(summary, lang);
    if counts.is_empty() {
        return format!("✅ {}", lang.pick("no findings", "geen bevindingen"));
    }
    counts.into_iter().map(|(severity, s)| format!("{} {s}", icon(severity))).collect::<Vec<_>>().join(" · ")
}

fn icon(severity: Option<Severity>) -> &'static str {
    match severity {
        Some(Severity::Error) => "❌",
        Some(Severity::Warning) => "⚠️",
        None => "🔕",
    }
}

/// One record's section: title, path and counts, what happened, its changes or key facts, its
/// findings.
fn record_block(section: &Section, review: &Review, lang: Lang, findings_left: &mut usize) -> String {
    let record = section.record;
    let role = review::role(record);
    let mut block = Block::new(BLOCK_BYTES);
    let name = match decision::name_part(record) {
        Part::Name(name) => text(&review::clip(&name, 100)),
        other => parts(&[other], false),
    };
    let _ = block.push(&format!("\n### {}: {name}\n\n", review::role_title(role, lang)));
    let path = match (&record.old_path, &record.new_path) {
        (Some(old), Some(new)) if old != new => format!("{} → {}", code(old), code(new)),
        _ => code(record.path()),
    };
    let mut counts = Summary::default();
    for f in &section.findings {
        match (&f.waived, f.severity) {
            (Some(_), _) => counts.waived += 1,
            (None, Severity::Error) => counts.errors += 1,
            (None, Severity::Warning) => counts.warnings += 1,
        }
    }
    let _ = block.push(&format!("{path} · {}\n", self::counts(&counts, lang)));
    if let Some(note) = review::status_note(record, review, lang) {
        let _ = block.push(&format!("\n{}\n", parts(&note, false)));
    }

    if role == Role::Added {
        let facts = record.new.as_ref().map(|v| review::facts(v, lang)).unwrap_or_default();
        if !facts.is_empty() {
            let _ = block.push(&format!("\n| {} | |\n|---|---|\n", lang.pick("Key facts", "Kerngegevens")));
            for (label, value) in &facts {
                let _ = block.push(&format!("| {} | {} |\n", text(label), parts(value, true)));
            }
        }
    }

    if !record.fields.is_empty() {
        let _ = block.push(&format!("\n**{}**\n\n", lang.pick("Changes", "Wijzigingen")));
        let mut listed = 0;
        for field in record.fields.iter().take(FIELDS_PER_RECORD) {
            if !block.push(&format!("- {}\n", field_line(record, field, lang))) {
                break;
            }
            listed += 1;
        }
        if listed < record.fields.len() {
            let what = lang.pick("changes", "wijzigingen");
            let _ = block.push(&format!("\n{}\n", not_shown(record.fields.len() - listed, what, lang)));
        }
    }

    if !section.findings.is_empty() {
        let _ = block.push(&format!("\n**{}**\n\n", lang.pick("Findings", "Bevindingen")));
        let mut left = (*findings_left).min(FINDINGS_PER_RECORD);
        let before = left;
        findings(&mut block, &section.findings, false, &mut left, lang);
        *findings_left -= before - left;
    }
    block.text
}

/// What the pull request's own rules would do: a table of the settings they change, then per
/// kind of effect the first findings, one line each, and how many more there are.
fn rules_effect(block: &mut Block, change: &RulesChange, lang: Lang) {
    let _ = block.push(&format!("\n**{}**\n", text(review::effect_title(lang))));
    if !change.settings.is_empty() {
        let (setting, now, then) = lang.pick(("setting", "now", "would be"), ("instelling", "nu", "wordt"));
        let _ = block.push(&format!("\n| {setting} | {now} | {then} |\n|---|---|---|\n"));
        let cell = |s: &str| code(&review::clip(s, VALUE_CHARS)).replace('|', "\\|");
        for s in &change.settings {
            if !block.push(&format!("| {} | {} | {} |\n", cell(&s.name), cell(&s.base), cell(&s.head))) {
                break;
            }
        }
    }
    if let Some(note) = review::effect_note(change, lang) {
        let _ = block.push(&format!("\n{}\n", message(note)));
    }
    for (title, list) in review::effects(change, lang) {
        let _ = block.push(&format!("\n{} ({}):\n\n", text(title), list.len()));
        let mut shown = 0;
        for f in list.iter().take(review::EFFECT_FINDINGS) {
            let line = format!(
                "- {} {} · {} {} {}: {}\n",
                icon(Some(f.severity)),
                code(f.rule),
                code(&f.file),
                lang.pick("line", "regel"),
                f.line,
                message(&review::clip(&f.message, VALUE_CHARS))
            );
            if !block.push(&line) {
                break;
            }
            shown += 1;
        }
        if shown < list.len() {
            let what = lang.pick("findings", "bevindingen");
            let _ = block.push(&format!("\n{}\n", not_shown(list.len() - shown, what, lang)));
        }
    }
}

/// Findings as a list, at most `left` of them (which it lowers), with a line for the rest.
fn findings(block: &mut Block, findings: &[&Finding], with_file: bool, left: &mut usize, lang: Lang) {
    let mut shown = 0;
    for f in findings {
        if *left == 0 || !block.push(&finding(f, with_file, lang)) {
            break;
        }
        *left -= 1;
        shown += 1;
    }
    if shown < findings.len() {
        let gap = if shown > 0 { "\n" } else { "" };
        let what = lang.pick("findings", "bevindingen");
        let _ = block.push(&format!("{gap}{}\n", not_shown(findings.len() - shown, what, lang)));
    }
}

/// `- ❌ `rule` · line 15: message`, with the help, the waiver and related places below it.
fn finding(f: &Finding, with_file: bool, lang: Lang) -> String {
    let place = if with_file {
        format!("{} {} {}", code(&f.file), lang.pick("line", "regel"), f.line)
    } else {
        format!("{} {}", lang.pick("line", "regel"), f.line)
    };
    let mut line = match &f.waived {
        Some(w) => format!(
            "- {} {} · {place} · {} {}: {}\n",
            icon(None),
            code(f.rule),
            lang.pick("waived until", "uitzondering tot en met"),
            code(&w.expires),
            message(&f.message),
        ),
        None => format!("- {} {} · {place}: {}\n", icon(Some(f.severity)), code(f.rule), message(&f.message)),
    };
    if let Some(w) = &f.waived {
        let _ = writeln!(
            line,
            "  - {} {}",
            lang.pick("Waiver:", "Uitzondering:"),
            text(&review::clip(&w.reason, MESSAGE_CHARS))
        );
    } else if let Some(help) = &f.help {
        let _ = writeln!(line, "  - {} {}", lang.pick("Tip:", "Tip:"), message(help));
    }
    for r in f.related.iter().take(3) {
        let _ = writeln!(
            line,
            "  - {} {} {} {}: {}",
            lang.pick("See", "Zie"),
            code(&r.file),
            lang.pick("line", "regel"),
            r.line,
            message(&r.message)
        );
    }
    line
}

/// A change of one field: values as code, a long text as a word diff.
fn field_line(record: &crate::pr::RecordChange, field: &FieldChange, lang: Lang) -> String {
    let value = |s: &str| code(&review::clip(s, VALUE_CHARS));
    match field {
        FieldChange::Changed { field, old, new } => format!("{}: {} → {}", code(field), value(old), value(new)),
        FieldChange::Added { field, new } => {
            format!("{}: {} {}", code(field), lang.pick("added", "toegevoegd"), value(new))
        }
        FieldChange::Removed { field, old } => {
            format!("{}: {} {}", code(field), lang.pick("removed", "verwijderd"), value(old))
        }
        FieldChange::Text { field: name, diff } => {
            let diff: String = review::word_diff(record, name, diff)
                .into_iter()
                .map(|piece| match piece {
                    Piece::Same(s) => text(&s),
                    Piece::Removed(s) => marked("~~", &s),
                    Piece::Added(s) => marked("**", &s),
                })
                .collect();
            format!("{}: {diff}", code(name))
        }
    }
}

/// Text between `mark`s (`~~removed~~`, `**added**`), with its outer spaces outside the marks so
/// that Markdown sees them.
fn marked(mark: &str, s: &str) -> String {
    review::spaced(s, |inner| format!("{mark}{}{mark}", text(inner)))
}

/// "_… 12 more findings not shown; `toets pr` in a terminal shows them all._"
fn not_shown(n: usize, what: &str, lang: Lang) -> String {
    lang.pick(
        format!("_… {n} more {what} not shown; `toets pr` in a terminal shows them all._"),
        format!("_… nog {n} {what} niet getoond; `toets pr` in een terminal toont ze allemaal._"),
    )
}

fn footer(review: &Review, lang: Lang) -> String {
    let files = review.files;
    let (head, base) = (code(&review.head), code(&review.base));
    let mut judged = match review.judged_by {
        Judge::Head => format!(" {}", message(review::judged_by_head(lang))),
        Judge::Base => String::new(),
    };
    if let Some(note) = review::uncommitted(review, lang) {
        judged.push(' ');
        judged.push_str(&message(&note));
    }
    let text = lang.pick(
        format!(
            "toets checked {} at {head}, compared with {base}. `toets explain <rule>` explains a rule.",
            decision::plural(files, "file", "files")
        ),
        format!(
            "toets controleerde {} op {head}, vergeleken met {base}. `toets explain <regel>` legt een regel uit.",
            decision::plural(files, "bestand", "bestanden")
        ),
    );
    format!("{text}{judged}")
}

/// A sentence of parts: names bold, values as code, the rest escaped. In a table cell a `|`
/// inside code is escaped too.
fn parts(parts: &[Part], in_table: bool) -> String {
    parts
        .iter()
        .map(|p| match p {
            Part::Text(s) => text(s),
            Part::Name(s) => format!("**{}**", text(&review::clip(s, VALUE_CHARS))),
            Part::Quote(s) => text(&review::clip(s, VALUE_CHARS)),
            Part::Code(s) if in_table => code(&review::clip(s, VALUE_CHARS)).replace('|', "\\|"),
            Part::Code(s) => code(&review::clip(s, VALUE_CHARS)),
        })
        .collect()
}

/// A message of toets, whose `quoted` parts (which may hold record values) become code and
/// whose other parts are escaped.
fn message(s: &str) -> String {
    review::clip(s, MESSAGE_CHARS)
        .split('`')
        .enumerate()
        .map(|(i, piece)| if i % 2 == 1 { code(piece) } else { text(piece) })
        .collect()
}

/// Text as it reads, on one line, with nothing that Markdown or GitHub would act on: HTML,
/// emphasis, links, tables, math, and `@` mentions (the `@` goes into code, where GitHub does not
/// look for mentions). Characters that cannot be seen become `�`.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev: Option<char> = None;
    for c in review::flat(s).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '|' | '#' | '$' | '!' => {
                out.push('\\');
                out.push(c);
            }
            // An `@` right after a letter or digit is part of an e-mail address, not a mention.
            '@' if !prev.is_some_and(|p| p.is_alphanumeric() || p == '_') => out.push_str("`@`"),
            c => out.push(c),
        }
        prev = Some(c);
    }
    out
}

/// A value as inline code: on one line, hidden characters shown as `�`, fenced with more
/// backticks than it holds.
pub fn code(s: &str) -> String {
    let s = review::flat(s);
    if s.is_empty() {
        return "` `".to_owned();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with(['`', ' ']) || s.ends_with(['`', ' ']) { " " } else { "" };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// Text that grows up to a limit: a push that would pass it is refused.
struct Block {
    text: String,
    limit: usize,
}

impl Block {
    fn new(limit: usize) -> Block {
        Block { text: String::new(), limit }
    }

    fn push(&mut self, s: &str) -> bool {
        if self.text.len() + s.len() > self.limit {
            return false;
        }
        self.text.push_str(s);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_neutralises_html_markdown_and_mentions() {
        assert_eq!(text("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(text("@cio-team, see [x](y)"), "`@`cio-team, see \\[x\\](y)");
        assert_eq!(text("mail a.devries@voorbeeldstad.nl"), "mail a.devries@voorbeeldstad.nl");
        assert_eq!(text("a\n# b"), "a \\# b");
        assert_eq!(text("x\u{202E}y"), "x\u{FFFD}y");
        assert_eq!(text("&#64;team"), "&amp;\\#64;team");
    }

    #[test]
    fn code_is_fenced_past_its_backticks() {
        assert_eq!(code("approved"), "`approved`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a\nb"), "`a b`");
        assert_eq!(code(""), "` `");
    }

    #[test]
    fn marks_keep_spaces_outside() {
        assert_eq!(marked("**", " nieuw "), " **nieuw** ");
        assert_eq!(marked("~~", " "), " ");
    }
}
