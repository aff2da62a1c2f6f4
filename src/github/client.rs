//! The connection to GitHub's REST API, through octocrab's raw requests (`_get`, `_post`, ...):
//! they give the status and the headers that retrying needs (`Retry-After`, the rate-limit
//! reset), which octocrab's typed calls turn into an error without them.
//!
//! Retrying is bounded in count and in total time, and never blind for a POST: a POST that
//! failed may have been carried out (a 502 after the review was made), so the caller says how to
//! find its result before it is sent again.

use std::cell::{Cell, RefCell};
use std::time::{Duration, Instant};

use octocrab::Octocrab;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// How often a request is tried at most, and for how long in all.
const ATTEMPTS: u32 = 4;
const BUDGET: Duration = Duration::from_secs(120);
/// The first wait after a 5xx or a timeout; it doubles after each try.
const BACKOFF: Duration = Duration::from_secs(1);
/// A list is read 100 items a page, and at most this many pages (GitHub lists at most 3,000
/// files of a pull request).
const PER_PAGE: usize = 100;
const MAX_PAGES: usize = 30;
/// From this many changes in one run on, changes wait a second between them, as GitHub asks of
/// clients that make many (its "best practices" for the REST API).
const UNPACED_WRITES: usize = 5;
const PACE: Duration = Duration::from_secs(1);

/// An HTTP method, as toets uses them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// Why a request did not succeed.
#[derive(Debug)]
pub enum Fault {
    /// 401, 403 (not a rate limit) or 404: the token may not do this (a fork's read-only token, a
    /// missing permission) or the pull request is not there.
    Denied { request: String, status: u16 },
    /// GitHub refused the request as sent (422 and other 4xx): a fault of toets or of a
    /// pull request that changed meanwhile.
    Refused { request: String, status: u16, message: String },
    /// No answer that helps, after every try: a network failure, a timeout, 5xx, a rate limit.
    Unavailable { request: String, reason: String },
}

impl Fault {
    /// One line for a civil servant, without the token (see [`Client::redact`]).
    pub fn describe(&self, lang: crate::finding::Lang) -> String {
        match self {
            Fault::Denied { request, status } => lang.pick(
                format!("GitHub refused {request} ({status}): the token may not write to this pull request"),
                format!("GitHub weigerde {request} ({status}): het token mag niet schrijven in dit pull request"),
            ),
            Fault::Refused { request, status, message } => lang.pick(
                format!("GitHub refused {request} ({status}: {message})"),
                format!("GitHub weigerde {request} ({status}: {message})"),
            ),
            Fault::Unavailable { request, reason } => lang.pick(
                format!("GitHub did not answer {request}: {reason}"),
                format!("GitHub gaf geen antwoord op {request}: {reason}"),
            ),
        }
    }
}

/// A successful answer.
pub struct Answer {
    pub status: u16,
    pub body: Value,
    /// Whether the `Link` header names a next page.
    next: bool,
}

/// One request as sent, for the count in the benchmark and the tests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    pub method: Method,
    pub route: String,
}

/// A GitHub API connection with its own single-threaded runtime: toets is a command-line
/// program, and each request waits for the one before.
pub struct Client {
    octocrab: Octocrab,
    runtime: tokio::runtime::Runtime,
    token: String,
    sent: RefCell<Vec<Sent>>,
    writes: Cell<usize>,
}

/// What the outcome of one try means for the next.
enum Try {
    Done(Answer),
    Again { wait: Option<Duration>, reason: String },
    Stop(Fault),
}

impl Client {
    /// A client for `api_url` (`https://api.github.com`, or a GitHub Enterprise Server's
    /// `https://HOST/api/v3`) with `token`; `timeout` bounds each request.
    pub fn new(api_url: &str, token: String, timeout: Duration) -> Result<Client, String> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
        // octocrab's client is made inside the runtime: its connector needs one.
        let octocrab = runtime.block_on(async {
            Octocrab::builder()
                .base_uri(api_url)
                .map_err(|e| e.to_string())?
                .personal_token(token.clone())
                .set_connect_timeout(Some(timeout))
                .set_read_timeout(Some(timeout))
                .set_write_timeout(Some(timeout))
                .build()
                .map_err(|e| e.to_string())
        })?;
        Ok(Client { octocrab, runtime, token, sent: RefCell::new(Vec::new()), writes: Cell::new(0) })
    }

    /// The requests sent so far.
    pub fn sent(&self) -> Vec<Sent> {
        self.sent.borrow().clone()
    }

    /// `text` with the token cut out: an error of the network layer or an answer of a server
    /// could quote it, and it must never reach any output.
    pub fn redact(&self, text: &str) -> String {
        if self.token.is_empty() { text.to_owned() } else { text.replace(&self.token, "***") }
    }

    /// Sends a request that is safe to repeat (GET, PATCH, PUT, DELETE), retrying as needed.
    pub fn send(&self, method: Method, route: &str, body: Option<&Value>) -> Result<Answer, Fault> {
        debug_assert!(method != Method::Post, "a POST goes through post_once");
        self.with_retries(method, route, body, || Ok(None))
    }

    /// Sends a POST. Before it is sent again after a failure, `find` looks for what the first
    /// one may have made; what it finds counts as the answer.
    pub fn post_once(
        &self,
        route: &str,
        body: &Value,
        find: impl Fn(&Client) -> Result<Option<Value>, Fault>,
    ) -> Result<Answer, Fault> {
        self.with_retries(Method::Post, route, Some(body), || find(self))
    }

    /// Every item of a list, page by page.
    pub fn list<T: DeserializeOwned>(&self, route: &str) -> Result<Vec<T>, Fault> {
        let mut items = Vec::new();
        for page in 1..=MAX_PAGES {
            let paged = format!("{route}?per_page={PER_PAGE}&page={page}");
            let answer = self.send(Method::Get, &paged, None)?;
            let next = answer.next;
            let batch: Vec<T> = serde_json::from_value(answer.body).map_err(|e| Fault::Refused {
                request: format!("GET {route}"),
                status: answer.status,
                message: format!("unexpected answer: {e}"),
            })?;
            items.extend(batch);
            if !next {
                break;
            }
        }
        Ok(items)
    }

    fn with_retries(
        &self,
        method: Method,
        route: &str,
        body: Option<&Value>,
        find: impl Fn() -> Result<Option<Value>, Fault>,
    ) -> Result<Answer, Fault> {
        let request = format!("{} {}", method.name(), route.split('?').next().unwrap_or(route));
        let started = Instant::now();
        let mut backoff = BACKOFF;
        self.pace(method);
        for attempt in 1..=ATTEMPTS {
            if attempt > 1 && method == Method::Post {
                if let Some(found) = find()? {
                    return Ok(Answer { status: 200, body: found, next: false });
                }
            }
            let wait = match self.try_once(method, route, body, &request) {
                Try::Done(answer) => return Ok(answer),
                Try::Stop(fault) => return Err(fault),
                Try::Again { wait, reason } if attempt < ATTEMPTS => {
                    let wait = wait.unwrap_or(backoff);
                    if started.elapsed() + wait > BUDGET {
                        return Err(Fault::Unavailable { request, reason });
                    }
                    wait
                }
                Try::Again { reason, .. } => return Err(Fault::Unavailable { request, reason }),
            };
            std::thread::sleep(wait);
            backoff *= 2;
        }
        Err(Fault::Unavailable { request, reason: "no answer".into() })
    }

    /// Spaces out the changes of a run that makes many.
    fn pace(&self, method: Method) {
        if method == Method::Get {
            return;
        }
        let n = self.writes.get() + 1;
        self.writes.set(n);
        if n > UNPACED_WRITES {
            std::thread::sleep(PACE);
        }
    }

    fn try_once(&self, method: Method, route: &str, body: Option<&Value>, request: &str) -> Try {
        self.sent.borrow_mut().push(Sent { method, route: route.to_owned() });
        let result = self.runtime.block_on(async {
            let o = &self.octocrab;
            let response = match method {
                Method::Get => o._get(route).await,
                Method::Post => o._post(route, body).await,
                Method::Patch => o._patch(route, body).await,
                Method::Put => o._put(route, body).await,
                Method::Delete => o._delete(route, body).await,
            }?;
            let status = response.status().as_u16();
            let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
            let limits = Limits {
                retry_after: header("retry-after"),
                remaining: header("x-ratelimit-remaining"),
                reset: header("x-ratelimit-reset"),
                next: header("link").is_some_and(|l| l.contains("rel=\"next\"")),
            };
            let text = o.body_to_string(response).await?;
            Ok::<_, octocrab::Error>((status, limits, text))
        });
        match result {
            Ok((status, limits, text)) => self.judge(status, &limits, &text, request),
            Err(e) => Try::Again { wait: None, reason: self.redact(&transport(&e)) },
        }
    }

    /// What an answer means: done, try again (and when), or stop.
    fn judge(&self, status: u16, limits: &Limits, text: &str, request: &str) -> Try {
        let body: Value =
            if text.trim().is_empty() { Value::Null } else { serde_json::from_str(text).unwrap_or(Value::Null) };
        let message = self.redact(body.get("message").and_then(Value::as_str).unwrap_or_default());
        match status {
            200..=299 => Try::Done(Answer { status, body, next: limits.next }),
            403 | 429 if limits.is_rate_limit(&message) => {
                Try::Again { wait: Some(limits.wait()), reason: format!("{status}: {message}") }
            }
            401 | 403 | 404 => Try::Stop(Fault::Denied { request: request.to_owned(), status }),
            500..=599 => Try::Again { wait: None, reason: format!("{status} {message}").trim_end().to_owned() },
            _ => Try::Stop(Fault::Refused { request: request.to_owned(), status, message }),
        }
    }
}

/// The rate-limit headers of an answer.
struct Limits {
    retry_after: Option<String>,
    remaining: Option<String>,
    reset: Option<String>,
    next: bool,
}

impl Limits {
    /// A 403 or 429 is a rate limit when GitHub says when to come back or says so in words
    /// (its secondary limits answer 403 with "You have exceeded a secondary rate limit").
    fn is_rate_limit(&self, message: &str) -> bool {
        self.retry_after.is_some() || self.remaining.as_deref() == Some("0") || message.contains("rate limit")
    }

    /// How long to wait: `Retry-After`, else until `x-ratelimit-reset`, else a minute, as
    /// GitHub's documentation asks. [`BUDGET`] bounds it.
    fn wait(&self) -> Duration {
        if let Some(seconds) = self.retry_after.as_deref().and_then(|s| s.trim().parse::<u64>().ok()) {
            return Duration::from_secs(seconds);
        }
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        match self.reset.as_deref().and_then(|s| s.trim().parse::<u64>().ok()) {
            Some(reset) if self.remaining.as_deref() == Some("0") => Duration::from_secs(reset.saturating_sub(now) + 1),
            _ => Duration::from_secs(60),
        }
    }
}

/// A network failure in words: a timeout says so.
fn transport(e: &octocrab::Error) -> String {
    let text = e.to_string();
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = source {
        if s.to_string().contains("timed out") || s.is::<tokio::time::error::Elapsed>() {
            return "timed out".into();
        }
        source = s.source();
    }
    if text.contains("timed out") { "timed out".into() } else { text.lines().next().unwrap_or_default().to_owned() }
}
