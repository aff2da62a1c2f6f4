//! GitHub: posts a pull request's findings as one review with a comment on each line the
//! department wrote, and keeps one summary comment up to date, idempotently on every push.
//! It never checks anything: it posts a [`Posting`], which `toets pr` makes (and can save, so
//! that a job with write rights can post what a read-only job found).
//!
//! The order of a run: read the diff's files and what is on the pull request already (all
//! pages), decide ([`plan`]), then write: the new review, dismissals, deletions and replies,
//! the summary.

pub mod client;
pub mod event;
pub mod hunks;
pub mod plan;
pub mod settings;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::finding::{Finding, Lang};
use client::{Client, Fault, Method};
use event::Target;
use plan::{Existing, Plan, SummaryComment};

/// The version of the saved [`Posting`]; a file of another version is refused.
pub const POSTING_VERSION: u32 = 1;
/// A saved posting is read with this bound: it comes from a job that ran the pull request.
pub const MAX_POSTING_BYTES: u64 = 64 * 1024 * 1024;

/// What a review posts: the findings of `toets pr` and the CIO's page.
#[derive(Debug, Serialize, Deserialize)]
pub struct Posting {
    pub version: u32,
    /// The pull request, when the run knew it (from its event).
    #[serde(default)]
    pub pull_request: Option<u64>,
    pub base_sha: String,
    pub head_sha: String,
    pub lang: Lang,
    /// Records checked at head.
    pub files: usize,
    pub findings: Vec<Finding>,
    /// The CIO's page in Markdown (`toets pr --format markdown`).
    pub page: String,
}

impl Posting {
    /// Reads a saved posting, which is hostile input: bounded, versioned, and every rule name
    /// must be one of toets's.
    pub fn read(path: &std::path::Path, lang: Lang) -> Result<Posting, String> {
        let cannot = |why: String| {
            lang.pick(
                format!("cannot read the saved review {}: {why}", path.display()),
                format!("kan de bewaarde review {} niet lezen: {why}", path.display()),
            )
        };
        let file = std::fs::File::open(path).map_err(|e| cannot(e.to_string()))?;
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::Read::take(file, MAX_POSTING_BYTES + 1), &mut text)
            .map_err(|e| cannot(e.to_string()))?;
        if text.len() as u64 > MAX_POSTING_BYTES {
            return Err(cannot(format!("larger than {MAX_POSTING_BYTES} bytes")));
        }
        let posting: Posting = serde_json::from_str(&text).map_err(|e| cannot(e.to_string()))?;
        if posting.version != POSTING_VERSION {
            return Err(cannot(format!("version {}, expected {POSTING_VERSION}", posting.version)));
        }
        if !is_sha(&posting.head_sha) {
            return Err(cannot("head_sha is not a commit id".into()));
        }
        Ok(posting)
    }
}

/// A full commit id: 40 (SHA-1) or 64 (SHA-256) hexadecimal digits.
pub fn is_sha(s: &str) -> bool {
    matches!(s.len(), 40 | 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// What a run did, for one line on standard error.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Posted {
    pub inline: usize,
    pub in_body: bool,
    pub dismissed: usize,
    pub deleted: usize,
    pub replied: usize,
    pub summary: &'static str,
}

impl Posted {
    pub fn describe(&self, lang: Lang) -> String {
        let review = if self.in_body || self.inline > 0 {
            lang.pick(
                format!("posted a review with {} comment(s) on lines", self.inline),
                format!("review geplaatst met {} opmerking(en) bij regels", self.inline),
            )
        } else {
            lang.pick("nothing new to post".into(), "niets nieuws te plaatsen".into())
        };
        lang.pick(
            format!(
                "GitHub: {review}; {} dismissed, {} deleted, {} answered; summary {}",
                self.dismissed, self.deleted, self.replied, self.summary
            ),
            format!(
                "GitHub: {review}; {} ingetrokken, {} verwijderd, {} beantwoord; samenvatting {}",
                self.dismissed, self.deleted, self.replied, self.summary
            ),
        )
    }
}

/// Posts `posting` on the pull request of `target` as of commit `head`.
pub fn post(client: &Client, target: &Target, head: &str, posting: &Posting) -> Result<Posted, Fault> {
    let pr = format!("/repos/{}/{}/pulls/{}", target.owner, target.repo, target.number);
    let issue = format!("/repos/{}/{}/issues/{}", target.owner, target.repo, target.number);
    let files: Vec<hunks::File> = client.list(&format!("{pr}/files"))?;
    let existing = Existing {
        comments: client.list(&format!("{pr}/comments"))?,
        reviews: client.list(&format!("{pr}/reviews"))?,
        issue_comments: client.list(&format!("{issue}/comments"))?,
    };
    let plan = plan::make(posting, head, &hunks::Hunks::of(&files), &existing);
    carry_out(client, target, &pr, &issue, plan, posting.lang)
}

fn carry_out(client: &Client, target: &Target, pr: &str, issue: &str, plan: Plan, lang: Lang) -> Result<Posted, Fault> {
    let mut posted = Posted { summary: lang.pick("unchanged", "ongewijzigd"), ..Posted::default() };
    if let Some(review) = &plan.review {
        let body = serde_json::to_value(review).unwrap_or(Value::Null);
        let route = format!("{pr}/reviews");
        client.post_once(&route, &body, |c| {
            let reviews: Vec<Value> = c.list(&route)?;
            Ok(reviews.into_iter().find(|r| plan::is_review_with(r, &review.body)))
        })?;
        posted.inline = review.comments.len();
        posted.in_body = true;
    }
    for id in &plan.dismiss {
        let message = lang.pick("Every error toets found is fixed.", "Elke fout die toets vond is opgelost.");
        let body = json!({ "message": message, "event": "DISMISS" });
        client.send(Method::Put, &format!("{pr}/reviews/{id}/dismissals"), Some(&body))?;
        posted.dismissed += 1;
    }
    let comments = format!("/repos/{}/{}/pulls/comments", target.owner, target.repo);
    for id in &plan.delete {
        client.send(Method::Delete, &format!("{comments}/{id}"), None)?;
        posted.deleted += 1;
    }
    for (id, text) in &plan.reply {
        let route = format!("{pr}/comments/{id}/replies");
        client.post_once(&route, &json!({ "body": text }), |c| {
            let all: Vec<Value> = c.list(&format!("{pr}/comments"))?;
            Ok(all.into_iter().find(|r| plan::is_resolved_reply(r, *id)))
        })?;
        posted.replied += 1;
    }
    match &plan.summary {
        SummaryComment::Keep => {}
        SummaryComment::Create(text) => {
            let route = format!("{issue}/comments");
            client.post_once(&route, &json!({ "body": text }), |c| {
                let all: Vec<Value> = c.list(&route)?;
                Ok(all.into_iter().find(plan::is_summary))
            })?;
            posted.summary = lang.pick("posted", "geplaatst");
        }
        SummaryComment::Update(id, text) => {
            let route = format!("/repos/{}/{}/issues/comments/{id}", target.owner, target.repo);
            client.send(Method::Patch, &route, Some(&json!({ "body": text })))?;
            posted.summary = lang.pick("updated", "bijgewerkt");
        }
    }
    Ok(posted)
}

/// For `toets post`: the pull request must still be at the commit the findings are about, and
/// that commit must be the one the workflow run names. A saved review is hostile input: it
/// cannot choose which commit of which pull request it lands on.
pub fn verify_head(client: &Client, target: &Target, posting: &Posting, lang: Lang) -> Result<(), String> {
    let route = format!("/repos/{}/{}/pulls/{}", target.owner, target.repo, target.number);
    let answer = client.send(Method::Get, &route, None).map_err(|f| client.redact(&f.describe(lang)))?;
    let head = answer.body.pointer("/head/sha").and_then(Value::as_str).unwrap_or_default();
    let run = target.head_sha.as_deref();
    if head != posting.head_sha || run.is_some_and(|r| r != posting.head_sha) {
        return Err(lang.pick(
            format!(
                "the saved review is about {}, but pull request #{} is at {head}{}: not posted",
                posting.head_sha,
                target.number,
                run.map(|r| format!(" and the workflow run at {r}")).unwrap_or_default()
            ),
            format!(
                "de bewaarde review gaat over {}, maar pull request #{} staat op {head}{}: niet geplaatst",
                posting.head_sha,
                target.number,
                run.map(|r| format!(" en de workflow-run op {r}")).unwrap_or_default()
            ),
        ));
    }
    Ok(())
}
