//! What to do on a pull request, decided before anything is sent: which findings are new (by
//! fingerprint, never by line), which go on their line and which in the review's body, which of
//! toets's own earlier comments to delete or answer, which of its own reviews to dismiss, and
//! the summary comment. Nothing here talks to GitHub, so all of it is tested without a server.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Posting;
use super::hunks::Hunks;
use crate::finding::{Finding, Lang, Scope, Severity, Summary};

/// At most this many comments on lines per review: reviewdog's limit against GitHub's abuse
/// detection.
pub const MAX_INLINE: usize = 30;
/// GitHub refuses a body over 65,536 characters; this leaves room for the markers.
const MAX_BODY: usize = 60_000;
/// At most this many findings are listed in a review's body.
const MAX_LISTED: usize = 100;
/// The fingerprints a review's body remembers, at most.
const MAX_REMEMBERED: usize = 3_000;

const FINDING: &str = "<!-- toets:finding ";
const FINDINGS: &str = "<!-- toets:findings ";
const REVIEW: &str = "<!-- toets:review -->";
const SUMMARY: &str = "<!-- toets:summary -->";
const RESOLVED: &str = "<!-- toets:resolved -->";

/// A user as GitHub lists one; only a bot's comments can be toets's own.
#[derive(Debug, Deserialize)]
pub struct User {
    #[serde(rename = "type")]
    pub kind: String,
}

/// A review comment (`GET /pulls/{n}/comments`).
#[derive(Debug, Deserialize)]
pub struct ReviewComment {
    pub id: u64,
    pub body: String,
    pub user: Option<User>,
    #[serde(default)]
    pub in_reply_to_id: Option<u64>,
}

/// A review (`GET /pulls/{n}/reviews`).
#[derive(Debug, Deserialize)]
pub struct Review {
    pub id: u64,
    #[serde(default)]
    pub body: Option<String>,
    pub state: String,
    pub user: Option<User>,
}

/// A comment on the pull request itself (`GET /issues/{n}/comments`).
#[derive(Debug, Deserialize)]
pub struct IssueComment {
    pub id: u64,
    #[serde(default)]
    pub body: Option<String>,
    pub user: Option<User>,
}

/// What is on the pull request already.
#[derive(Debug, Default)]
pub struct Existing {
    pub comments: Vec<ReviewComment>,
    pub reviews: Vec<Review>,
    pub issue_comments: Vec<IssueComment>,
}

/// One comment of a new review (`comments[]` of `POST /pulls/{n}/reviews`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InlineComment {
    pub path: String,
    pub line: usize,
    pub side: &'static str,
    pub body: String,
}

/// The body of `POST /pulls/{n}/reviews`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewReview {
    pub commit_id: String,
    pub body: String,
    pub event: &'static str,
    pub comments: Vec<InlineComment>,
}

/// Everything to do, in the order it is done.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub review: Option<NewReview>,
    /// Own reviews that request changes, when no error is left.
    pub dismiss: Vec<u64>,
    /// Own comments whose finding is gone: deleted, or answered when someone replied.
    pub delete: Vec<u64>,
    pub reply: Vec<(u64, String)>,
    /// The summary comment: made, or changed when its text changed.
    pub summary: SummaryComment,
}

/// What happens to the summary comment.
#[derive(Debug, Default, PartialEq, Eq)]
pub enum SummaryComment {
    #[default]
    Keep,
    Create(String),
    Update(u64, String),
}

/// Decides what to do for `posting` at `head`, given the diff's hunks and what is there.
pub fn make(posting: &Posting, head: &str, hunks: &Hunks, existing: &Existing) -> Plan {
    let lang = posting.lang;
    let known = known(existing);
    let current: BTreeSet<String> = posting.findings.iter().map(Finding::fingerprint).collect();
    let mut new: Vec<&Finding> = posting.findings.iter().filter(|f| !known.contains(&f.fingerprint())).collect();
    new.sort_by_key(|f| importance(f));
    let review = (!new.is_empty()).then(|| new_review(posting, head, hunks, &new));

    let no_errors = !posting.findings.iter().any(|f| f.fails_at(Severity::Error));
    let dismiss = if no_errors {
        existing.reviews.iter().filter(|r| is_own_review(r) && r.state == "CHANGES_REQUESTED").map(|r| r.id).collect()
    } else {
        Vec::new()
    };

    let (mut delete, mut reply) = (Vec::new(), Vec::new());
    for comment in existing.comments.iter().filter(|c| c.in_reply_to_id.is_none()) {
        let Some(fp) = own_finding(comment) else { continue };
        if current.contains(fp) {
            continue;
        }
        let replies: Vec<&ReviewComment> =
            existing.comments.iter().filter(|c| c.in_reply_to_id == Some(comment.id)).collect();
        if replies.is_empty() {
            delete.push(comment.id);
        } else if !replies.iter().any(|r| is_bot(r.user.as_ref()) && r.body.contains(RESOLVED)) {
            reply.push((comment.id, resolved(head, lang)));
        }
    }
    Plan { review, dismiss, delete, reply, summary: summary(posting, head, existing) }
}

/// The fingerprints already on the pull request: of toets's own comments on lines, and of the
/// findings its reviews (not dismissed) list in their body.
fn known(existing: &Existing) -> BTreeSet<String> {
    let inline = existing.comments.iter().filter_map(own_finding).map(str::to_owned);
    let listed = existing
        .reviews
        .iter()
        .filter(|r| is_own_review(r) && r.state != "DISMISSED")
        .filter_map(|r| r.body.as_deref())
        .flat_map(|body| marked(body, FINDINGS).map(|list| list.split(' ').map(str::to_owned).collect::<Vec<_>>()))
        .flatten();
    inline.chain(listed).filter(|s| !s.is_empty()).collect()
}

fn is_bot(user: Option<&User>) -> bool {
    user.is_some_and(|u| u.kind == "Bot")
}

fn is_own_review(review: &Review) -> bool {
    is_bot(review.user.as_ref()) && review.body.as_deref().is_some_and(|b| b.contains(REVIEW))
}

/// The fingerprint of one of toets's own comments on a line.
fn own_finding(comment: &ReviewComment) -> Option<&str> {
    if !is_bot(comment.user.as_ref()) {
        return None;
    }
    marked(&comment.body, FINDING)
}

/// The text of the marker that starts with `open` (`<!-- toets:x ... -->`).
fn marked<'a>(body: &'a str, open: &str) -> Option<&'a str> {
    let rest = &body[body.find(open)? + open.len()..];
    Some(rest[..rest.find(" -->")?].trim())
}

/// The order in which findings get the few places on lines: errors first, then what the
/// change wrote itself, then by file and line.
fn importance(f: &Finding) -> (bool, u8, String, usize) {
    let scope = match f.scope {
        Some(Scope::InChange) => 0,
        Some(Scope::InChangedFile) => 1,
        _ => 2,
    };
    (!f.fails_at(Severity::Error), scope, f.file.clone(), f.line)
}

fn new_review(posting: &Posting, head: &str, hunks: &Hunks, new: &[&Finding]) -> NewReview {
    let lang = posting.lang;
    let (mut inline, mut rest) = (Vec::new(), Vec::new());
    for f in new {
        let on_line = f.scope == Some(Scope::InChange) && hunks.contains(&f.file, f.line);
        if on_line && inline.len() < MAX_INLINE {
            inline.push(InlineComment { path: f.file.clone(), line: f.line, side: "RIGHT", body: comment(f, lang) });
        } else {
            rest.push(*f);
        }
    }
    let errors = posting.findings.iter().any(|f| f.fails_at(Severity::Error));
    let remembered: Vec<String> = new.iter().take(MAX_REMEMBERED).map(|f| f.fingerprint()).collect();
    let body = review_body(posting, head, inline.len(), &rest, &remembered);
    NewReview {
        commit_id: head.to_owned(),
        body,
        // Only people approve: toets asks for changes or comments.
        event: if errors { "REQUEST_CHANGES" } else { "COMMENT" },
        comments: inline,
    }
}

/// A comment on a line: the message, the help, the rule with `toets explain`, the waiver.
pub fn comment(f: &Finding, lang: Lang) -> String {
    let mut body = format!("{} **{}**\n", badge(f, lang), defuse(&f.message));
    if let Some(help) = &f.help {
        body.push('\n');
        body.push_str(&defuse(help));
        body.push('\n');
    }
    if let Some(w) = &f.waived {
        body.push_str(&lang.pick(
            format!("\nWaived until {}: {}\n", w.expires, defuse(&w.reason)),
            format!("\nUitzondering tot {}: {}\n", w.expires, defuse(&w.reason)),
        ));
    }
    body.push_str(&format!(
        "\n<sub>`{rule}` · {more} `toets explain {rule}`</sub>\n",
        rule = f.rule,
        more = lang.pick("more:", "meer:")
    ));
    let mut body = cut(body, MAX_BODY);
    body.push_str(&format!("{FINDING}{} -->", f.fingerprint()));
    body
}

fn badge(f: &Finding, lang: Lang) -> &'static str {
    match (f.waived.is_some(), f.severity) {
        (true, _) => lang.pick("⚪ Waived:", "⚪ Uitzondering:"),
        (false, Severity::Error) => lang.pick("🔴 Error:", "🔴 Fout:"),
        (false, Severity::Warning) => lang.pick("🟡 Warning:", "🟡 Waarschuwing:"),
    }
}

/// Record text as Markdown that cannot pose as one of toets's markers or hide itself in an
/// HTML comment.
fn defuse(text: &str) -> String {
    text.replace("<!--", "&lt;!--").replace("-->", "--&gt;")
}

/// `text` cut to at most `max` bytes, at a character boundary.
fn cut(mut text: String, max: usize) -> String {
    if text.len() > max {
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push_str("\n…\n");
    }
    text
}

/// The review's body: the counts, the findings not on a changed line grouped by file, the
/// CIO's summary, and the fingerprints of everything this review reports.
fn review_body(posting: &Posting, head: &str, inline: usize, rest: &[&Finding], remembered: &[String]) -> String {
    let lang = posting.lang;
    let summary = Summary::of(posting.files, &posting.findings);
    let mut body = format!("{REVIEW}\n### toets · {}\n\n", counts(&summary, lang));
    body.push_str(&lang.pick(format!("Checked at {head}. "), format!("Gecontroleerd op {head}. ")));
    if inline > 0 {
        body.push_str(&lang.pick(
            format!("{inline} new finding(s) are comments on their lines."),
            format!("{inline} nieuwe bevinding(en) staan als opmerking bij hun regel."),
        ));
    }
    body.push('\n');
    if !rest.is_empty() {
        body.push_str(&lang.pick(
            format!("\n#### Other new findings (not on a changed line, or beyond the {MAX_INLINE} placed on lines)\n"),
            format!("\n#### Overige nieuwe bevindingen (niet op een gewijzigde regel, of meer dan de {MAX_INLINE} bij regels)\n"),
        ));
        let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
        for f in rest.iter().take(MAX_LISTED) {
            by_file.entry(&f.file).or_default().push(f);
        }
        for (file, findings) in by_file {
            body.push_str(&format!("\n**`{file}`**\n"));
            for f in findings {
                let line = lang.pick(format!("line {}", f.line), format!("regel {}", f.line));
                body.push_str(&format!("- {line}: {} {} (`{}`)\n", badge(f, lang), defuse(&f.message), f.rule));
            }
        }
        if rest.len() > MAX_LISTED {
            let n = rest.len() - MAX_LISTED;
            body.push_str(&lang.pick(
                format!("\n_and {n} more not shown: run `toets pr` locally, or see the job summary._\n"),
                format!("\n_en nog {n} die hier niet staan: voer `toets pr` lokaal uit, of zie de samenvatting van de job._\n"),
            ));
        }
    }
    body = cut(body, MAX_BODY / 2);
    let page = cut(defuse_page(&posting.page), MAX_BODY - body.len());
    if !page.trim().is_empty() {
        let title = lang.pick("Summary for the CIO", "Samenvatting voor de CIO");
        body.push_str(&format!("\n<details><summary>{title}</summary>\n\n{page}\n</details>\n"));
    }
    body.push_str(&format!("\n{FINDINGS}{} -->", remembered.join(" ")));
    body
}

/// The CIO's page as toets wrote it, without anything that could pose as a marker.
fn defuse_page(page: &str) -> String {
    page.replace("<!-- toets:", "&lt;!-- toets:")
}

/// "2 errors, 1 warning" or "no findings".
fn counts(s: &Summary, lang: Lang) -> String {
    let mut parts = Vec::new();
    if s.errors > 0 {
        parts.push(lang.pick(format!("{} error(s)", s.errors), format!("{} fout(en)", s.errors)));
    }
    if s.warnings > 0 {
        parts.push(lang.pick(format!("{} warning(s)", s.warnings), format!("{} waarschuwing(en)", s.warnings)));
    }
    if s.waived > 0 {
        parts.push(lang.pick(format!("{} waived", s.waived), format!("{} met uitzondering", s.waived)));
    }
    if parts.is_empty() { lang.pick("no findings", "geen bevindingen").to_owned() } else { parts.join(", ") }
}

fn resolved(head: &str, lang: Lang) -> String {
    lang.pick(format!("Resolved in {head}. {RESOLVED}"), format!("Opgelost in {head}. {RESOLVED}"))
}

/// The one summary comment, kept up to date.
fn summary(posting: &Posting, head: &str, existing: &Existing) -> SummaryComment {
    let lang = posting.lang;
    let counts = counts(&Summary::of(posting.files, &posting.findings), lang);
    let head_line = lang.pick(format!("toets at {head}: {counts}"), format!("toets op {head}: {counts}"));
    let text = format!("{SUMMARY}\n**{head_line}**\n\n{}", defuse_page(&posting.page));
    let text = cut(text, MAX_BODY);
    let own = existing
        .issue_comments
        .iter()
        .find(|c| is_bot(c.user.as_ref()) && c.body.as_deref().is_some_and(|b| b.contains(SUMMARY)));
    match own {
        None => SummaryComment::Create(text),
        Some(c) if c.body.as_deref() == Some(text.as_str()) => SummaryComment::Keep,
        Some(c) => SummaryComment::Update(c.id, text),
    }
}

/// Whether a review the API returned is the one `body` made (to find a POST that failed
/// after it was carried out).
pub fn is_review_with(review: &Value, body: &str) -> bool {
    review.get("body").and_then(Value::as_str) == Some(body)
}

/// Whether an issue comment is toets's summary.
pub fn is_summary(comment: &Value) -> bool {
    comment.get("body").and_then(Value::as_str).is_some_and(|b| b.contains(SUMMARY))
        && comment.pointer("/user/type").and_then(Value::as_str) == Some("Bot")
}

/// Whether a review comment is toets's "resolved" reply to comment `to`.
pub fn is_resolved_reply(comment: &Value, to: u64) -> bool {
    comment.get("in_reply_to_id").and_then(Value::as_u64) == Some(to)
        && comment.get("body").and_then(Value::as_str).is_some_and(|b| b.contains(RESOLVED))
}
