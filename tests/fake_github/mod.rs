//! A fake GitHub on localhost (wiremock) that holds one pull request's reviews and comments,
//! and keeps toets honest: every request must be an operation of GitHub's own OpenAPI
//! description (`tests/data/github-api/`), carry the token, and have a body valid against the
//! operation's request schema, made strict (a field GitHub does not know is a fault, as a typo
//! would be). Every answer is built from the description's example and checked against its
//! response schema. A review comment outside the diff's hunks is refused with a 422, as GitHub
//! does. Faults (a 502 after the review was made, a rate limit, a delay) are scripted.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate, matchers::any};

pub const TOKEN: &str = "ghs_TESTTOKEN0123456789abcdefSECRET";
pub const OWNER: &str = "voorbeeldstad";
pub const REPO: &str = "registry";
pub const NUMBER: u64 = 7;

/// GitHub's description of the operations toets uses, parsed once.
fn api() -> &'static Value {
    static API: OnceLock<Value> = OnceLock::new();
    API.get_or_init(|| {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/github-api/api.github.com.slice.json"
        ))
        .expect("OpenAPI slice");
        serde_json::from_str(&text).expect("OpenAPI JSON")
    })
}

/// A scripted fault for the next request that matches.
#[derive(Clone, Debug)]
pub struct Fault {
    pub method: &'static str,
    /// The path ends with this.
    pub path_end: &'static str,
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    /// Carry the request out before answering with the fault (a 502 after the review was made).
    pub carried_out: bool,
    /// Carry the request out and answer only after this long (a timeout: the status is not used).
    pub delay: Option<Duration>,
}

impl Fault {
    pub fn status(method: &'static str, path_end: &'static str, status: u16) -> Fault {
        Fault { method, path_end, status, headers: Vec::new(), carried_out: false, delay: None }
    }
}

/// One request as toets sent it.
#[derive(Clone, Debug)]
pub struct Logged {
    pub method: String,
    pub path: String,
    pub query: String,
    pub body: Option<Value>,
}

#[derive(Default)]
pub struct State {
    pub head_sha: String,
    /// `GET /pulls/{n}/files`, as GitHub lists them.
    pub files: Vec<Value>,
    pub reviews: Vec<Value>,
    pub comments: Vec<Value>,
    pub issue_comments: Vec<Value>,
    pub head_repo: String,
    next_id: u64,
    pub faults: VecDeque<Fault>,
    pub log: Vec<Logged>,
    /// Everything the fake found wrong with a request: a test fails when this is not empty.
    pub violations: Vec<String>,
    /// Answer every request with this status (a token without rights).
    pub deny: Option<u16>,
    /// Answers to GET operations the fake has no state for, by template path; without one,
    /// the description's example.
    pub canned: std::collections::HashMap<&'static str, (u16, Value)>,
}

pub struct FakeGitHub {
    pub server: MockServer,
    pub state: Arc<Mutex<State>>,
    runtime: tokio::runtime::Runtime,
}

impl FakeGitHub {
    pub fn start(head_sha: &str, files: Vec<Value>) -> FakeGitHub {
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("runtime");
        let state = Arc::new(Mutex::new(State {
            head_sha: head_sha.to_owned(),
            files,
            head_repo: format!("{OWNER}/{REPO}"),
            next_id: 1000,
            ..State::default()
        }));
        let server = runtime.block_on(async {
            let server = MockServer::start().await;
            Mock::given(any()).respond_with(Responder { state: Arc::clone(&state) }).mount(&server).await;
            server
        });
        FakeGitHub { server, state, runtime }
    }

    pub fn uri(&self) -> String {
        self.server.uri()
    }

    pub fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().expect("state")
    }

    /// A reply by a person to comment `to`.
    pub fn reply_as_person(&self, to: u64, body: &str) {
        let mut s = self.state();
        let id = s.id();
        let mut c = template("/repos/{owner}/{repo}/pulls/{pull_number}/comments", "post", "201");
        let path = s.comments.iter().find(|c| c["id"] == to).map(|c| c["path"].clone()).unwrap_or(Value::Null);
        set(
            &mut c,
            &[
                ("id", json!(id)),
                ("body", json!(body)),
                ("in_reply_to_id", json!(to)),
                ("path", path),
                ("user", user("User")),
            ],
        );
        s.comments.push(c);
    }

    /// The requests since the last call, one line each: method, path, query, and the body's
    /// fields that say what was done (bodies in full are checked by the tests that need them).
    pub fn take_log(&self) -> Vec<Logged> {
        std::mem::take(&mut self.state().log)
    }

    pub fn violations(&self) -> Vec<String> {
        self.state().violations.clone()
    }
}

impl State {
    fn id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }
}

/// A user as GitHub lists one: the workflow's bot or a person.
pub fn user(kind: &str) -> Value {
    let login = if kind == "Bot" { "github-actions[bot]" } else { "cio-staff" };
    let mut u = template("/repos/{owner}/{repo}/pulls/{pull_number}/reviews", "post", "200")["user"].clone();
    set(&mut u, &[("login", json!(login)), ("type", json!(kind))]);
    u
}

/// The example answer of an operation, as GitHub's description gives it (the first item of a
/// list).
pub fn template(path: &str, method: &str, status: &str) -> Value {
    let examples = &api()["paths"][path][method]["responses"][status]["content"]["application/json"]["examples"];
    let example = examples.as_object().and_then(|e| e.values().next()).map_or(&Value::Null, |e| &e["value"]);
    match example {
        Value::Array(items) => items.first().cloned().unwrap_or(Value::Null),
        other => other.clone(),
    }
}

fn set(v: &mut Value, fields: &[(&str, Value)]) {
    for (k, x) in fields {
        v[*k] = x.clone();
    }
}

/// The one operation toets uses that the slice lacks, known by its example only
/// (`tests/data/github-api/repository-ruleset.json`): its answer is not checked.
const RULESET: &str = "/repos/{owner}/{repo}/rulesets/{ruleset_id}";

fn ruleset_operation() -> &'static Value {
    static OP: OnceLock<Value> = OnceLock::new();
    OP.get_or_init(|| {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/github-api/repository-ruleset.json"
        ))
        .expect("ruleset example");
        let example: Value = serde_json::from_str(&text).expect("json");
        json!({"responses": {"200": {"content": {"application/json": {"examples": {"default": {"value": example}}}}}}})
    })
}

/// The operation of GitHub's description that `method path` is, with its template path.
fn operation(method: &str, path: &str) -> Option<(String, &'static Value)> {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let fits = |template: &str| {
        let t: Vec<&str> = template.trim_matches('/').split('/').collect();
        t.len() == parts.len() && t.iter().zip(&parts).all(|(a, b)| a.starts_with('{') || a == b)
    };
    if method == "GET" && fits(RULESET) {
        return Some((RULESET.to_owned(), ruleset_operation()));
    }
    let paths = api()["paths"].as_object()?;
    paths.iter().find_map(|(template, ops)| {
        fits(template).then(|| ops.get(method.to_lowercase())).flatten().map(|op| (template.clone(), op))
    })
}

/// `schema` with `additionalProperties: false` wherever it lists properties and says nothing
/// else: GitHub ignores an unknown field, which would hide a typo in toets.
fn strict(schema: &Value) -> Value {
    match schema {
        Value::Object(map) => {
            let mut out: serde_json::Map<String, Value> = map.iter().map(|(k, v)| (k.clone(), strict(v))).collect();
            if out.contains_key("properties") && !out.contains_key("additionalProperties") {
                out.insert("additionalProperties".into(), Value::Bool(false));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(strict).collect()),
        other => other.clone(),
    }
}

/// An OpenAPI 3.0 schema as JSON Schema: `nullable: true` becomes a type that admits null
/// (JSON Schema has no `nullable`, so a validator would ignore it).
fn json_schema(schema: &Value) -> Value {
    match schema {
        Value::Object(map) => {
            let mut out: serde_json::Map<String, Value> =
                map.iter().filter(|(k, _)| *k != "nullable").map(|(k, v)| (k.clone(), json_schema(v))).collect();
            if map.get("nullable") == Some(&Value::Bool(true)) {
                match out.get("type").cloned() {
                    Some(Value::String(t)) => {
                        out.insert("type".into(), json!([t, "null"]));
                        if let Some(Value::Array(e)) = out.get_mut("enum") {
                            e.push(Value::Null);
                        }
                    }
                    _ => return json!({"anyOf": [Value::Object(out), {"type": "null"}]}),
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(json_schema).collect()),
        other => other.clone(),
    }
}

fn check(schema: &Value, instance: &Value, what: &str, violations: &mut Vec<String>) {
    let schema = json_schema(schema);
    match jsonschema::validator_for(&schema) {
        Ok(validator) => {
            for e in validator.iter_errors(instance) {
                violations.push(format!("{what}: {e} at {}", e.instance_path()));
            }
        }
        Err(e) => violations.push(format!("{what}: schema does not compile: {e}")),
    }
}

struct Responder {
    state: Arc<Mutex<State>>,
}

impl Respond for Responder {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut s = self.state.lock().expect("state");
        let method = request.method.as_str().to_owned();
        let path = request.url.path().to_owned();
        let query = request.url.query().unwrap_or_default().to_owned();
        let body: Option<Value> =
            if request.body.is_empty() { None } else { serde_json::from_slice(&request.body).ok() };
        s.log.push(Logged { method: method.clone(), path: path.clone(), query: query.clone(), body: body.clone() });
        let auth = request.headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
        if auth != format!("Bearer {TOKEN}") {
            s.violations.push(format!("{method} {path}: no token"));
        }
        let Some((template, op)) = operation(&method, &path) else {
            s.violations.push(format!("{method} {path}: not an operation of GitHub's API description"));
            return ResponseTemplate::new(404);
        };
        if let Some(schema) = op.pointer("/requestBody/content/application~1json/schema") {
            match &body {
                Some(b) => check(&strict(schema), b, &format!("{method} {template} request"), &mut s.violations),
                None if op.pointer("/requestBody/required") == Some(&Value::Bool(true)) => {
                    s.violations.push(format!("{method} {path}: no body"))
                }
                None => {}
            }
        }
        if let Some(status) = s.deny {
            return ResponseTemplate::new(status)
                .set_body_json(json!({"message": "Resource not accessible by integration"}));
        }
        let fault = s
            .faults
            .iter()
            .position(|f| f.method == method && path.ends_with(f.path_end))
            .and_then(|i| s.faults.remove(i));
        if let Some(f) = fault.as_ref().filter(|f| !f.carried_out && f.delay.is_none()) {
            let mut answer = ResponseTemplate::new(f.status).set_body_json(json!({"message": fault_message(f)}));
            for (k, v) in &f.headers {
                answer = answer.insert_header(*k, v.as_str());
            }
            return answer;
        }
        let (status, answer, link) = s.serve(&method, &template, &path, &query, body.as_ref());
        if let Some(value) = answer.as_ref().filter(|_| template != RULESET) {
            let schema = op.pointer(&format!("/responses/{status}/content/application~1json/schema"));
            match schema {
                Some(schema) => {
                    check(schema, value, &format!("{method} {template} answer {status}"), &mut s.violations)
                }
                None => s
                    .violations
                    .push(format!("{method} {template}: the fake answers {status}, which is not documented")),
            }
        }
        if let Some(f) = fault.as_ref().filter(|f| f.carried_out) {
            return ResponseTemplate::new(f.status).set_body_json(json!({"message": fault_message(f)}));
        }
        let mut response = ResponseTemplate::new(status);
        if let Some(d) = fault.and_then(|f| f.delay) {
            response = response.set_delay(d);
        }
        if let Some(v) = answer {
            response = response.set_body_json(v);
        }
        if let Some(l) = link {
            response = response.insert_header("link", l.as_str());
        }
        response
    }
}

fn fault_message(f: &Fault) -> &'static str {
    match f.status {
        403 if f.headers.iter().any(|(k, _)| *k == "retry-after") => {
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
        }
        403 => "Resource not accessible by integration",
        422 => "Unprocessable Entity",
        502 => "Bad Gateway",
        _ => "error",
    }
}

impl State {
    /// Carries out a request that passed the checks: (status, answer, Link header).
    fn serve(
        &mut self,
        method: &str,
        template: &str,
        path: &str,
        query: &str,
        body: Option<&Value>,
    ) -> (u16, Option<Value>, Option<String>) {
        let id_at =
            |i: usize| path.trim_matches('/').split('/').nth(i).and_then(|x| x.parse::<u64>().ok()).unwrap_or(0);
        let body = body.cloned().unwrap_or(Value::Null);
        match (method, template) {
            ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}") => {
                let mut pr = template_of(template, "get", "200");
                pr["number"] = json!(NUMBER);
                // The description's example lists a team without its required `type`.
                pr["requested_teams"] = json!([]);
                pr["head"]["sha"] = json!(self.head_sha);
                pr["head"]["repo"]["full_name"] = json!(self.head_repo);
                (200, Some(pr), None)
            }
            ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/files") => self.page(&self.files.clone(), query, path),
            ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/comments") => {
                self.page(&self.comments.clone(), query, path)
            }
            ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews") => {
                self.page(&self.reviews.clone(), query, path)
            }
            ("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments") => {
                self.page(&self.issue_comments.clone(), query, path)
            }
            ("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews") => self.create_review(template, &body),
            ("PUT", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals") => {
                let id = id_at(6);
                match self.reviews.iter_mut().find(|r| r["id"] == id) {
                    Some(r) => {
                        r["state"] = json!("DISMISSED");
                        (200, Some(r.clone()), None)
                    }
                    None => (404, Some(json!({"message": "Not Found", "documentation_url": ""})), None),
                }
            }
            ("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies") => {
                let to = id_at(6);
                let id = self.id();
                let path_of = self.comments.iter().find(|c| c["id"] == to).map(|c| c["path"].clone());
                let Some(file) = path_of else {
                    return (404, Some(json!({"message": "Not Found", "documentation_url": ""})), None);
                };
                let mut c = template_of("/repos/{owner}/{repo}/pulls/{pull_number}/comments", "post", "201");
                set(
                    &mut c,
                    &[
                        ("id", json!(id)),
                        ("body", body["body"].clone()),
                        ("in_reply_to_id", json!(to)),
                        ("path", file),
                        ("user", user("Bot")),
                    ],
                );
                self.comments.push(c.clone());
                (201, Some(c), None)
            }
            ("DELETE", "/repos/{owner}/{repo}/pulls/comments/{comment_id}") => {
                let id = id_at(5);
                let before = self.comments.len();
                self.comments.retain(|c| c["id"] != id);
                if self.comments.len() == before {
                    (404, Some(json!({"message": "Not Found", "documentation_url": ""})), None)
                } else {
                    (204, None, None)
                }
            }
            ("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments") => {
                let id = self.id();
                let mut c = template_of(template, "post", "201");
                set(&mut c, &[("id", json!(id)), ("body", body["body"].clone()), ("user", user("Bot"))]);
                self.issue_comments.push(c.clone());
                (201, Some(c), None)
            }
            ("PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}") => {
                let id = id_at(5);
                match self.issue_comments.iter_mut().find(|c| c["id"] == id) {
                    Some(c) => {
                        c["body"] = body["body"].clone();
                        (200, Some(c.clone()), None)
                    }
                    None => (404, Some(json!({"message": "Not Found", "documentation_url": ""})), None),
                }
            }
            ("GET", _) => match self.canned.get(template) {
                Some((status, value)) => (*status, Some(value.clone()), None),
                None if template == RULESET => (200, Some(ruleset_operation()["responses"]["200"]["content"]["application/json"]["examples"]["default"]["value"].clone()), None),
                None => (200, Some(repaired(template, example(template, "get", "200"))), None),
            },
            _ => {
                self.violations.push(format!("{method} {path}: the fake does not serve this operation"));
                (404, None, None)
            }
        }
    }

    /// A review, with its comments, or a 422 when one of them lies outside the diff (and then
    /// nothing is made, as on GitHub).
    fn create_review(&mut self, template: &str, body: &Value) -> (u16, Option<Value>, Option<String>) {
        let comments = body["comments"].as_array().cloned().unwrap_or_default();
        for c in &comments {
            let (file, line) = (c["path"].as_str().unwrap_or_default(), c["line"].as_u64().unwrap_or(0));
            if !self.in_diff(file, line) {
                let message = "Unprocessable Entity: Pull request review thread line must be part of the diff";
                return (422, Some(json!({"message": message, "documentation_url": "", "errors": []})), None);
            }
        }
        let id = self.id();
        let state = match body["event"].as_str() {
            Some("REQUEST_CHANGES") => "CHANGES_REQUESTED",
            Some("APPROVE") => "APPROVED",
            Some("COMMENT") => "COMMENTED",
            _ => "PENDING",
        };
        let mut review = template_of(template, "post", "200");
        set(
            &mut review,
            &[
                ("id", json!(id)),
                ("body", body["body"].clone()),
                ("state", json!(state)),
                ("user", user("Bot")),
                ("commit_id", body["commit_id"].clone()),
            ],
        );
        for c in comments {
            let cid = self.id();
            let mut comment = template_of("/repos/{owner}/{repo}/pulls/{pull_number}/comments", "post", "201");
            set(
                &mut comment,
                &[
                    ("id", json!(cid)),
                    ("pull_request_review_id", json!(id)),
                    ("body", c["body"].clone()),
                    ("path", c["path"].clone()),
                    ("line", c["line"].clone()),
                    ("side", c["side"].clone()),
                    ("user", user("Bot")),
                ],
            );
            if let Some(o) = comment.as_object_mut() {
                o.remove("in_reply_to_id");
            }
            self.comments.push(comment);
        }
        self.reviews.push(review.clone());
        (200, Some(review), None)
    }

    /// Whether `line` of `file` lies in a hunk of the pull request's diff (right side).
    fn in_diff(&self, file: &str, line: u64) -> bool {
        let Some(patch) = self.files.iter().find(|f| f["filename"] == file).and_then(|f| f["patch"].as_str()) else {
            return false;
        };
        let mut next = 0u64;
        for l in patch.lines() {
            if let Some(h) = l.strip_prefix("@@ ") {
                next = h
                    .split_whitespace()
                    .find_map(|p| p.strip_prefix('+'))
                    .and_then(|p| p.split(',').next())
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                continue;
            }
            if l.starts_with('+') || l.starts_with(' ') || l.is_empty() {
                if next == line {
                    return true;
                }
                next += 1;
            }
        }
        false
    }

    /// One page of `items` as `per_page` and `page` ask, with a `Link` header when more follow.
    fn page(&self, items: &[Value], query: &str, path: &str) -> (u16, Option<Value>, Option<String>) {
        let param = |name: &str| {
            query.split('&').find_map(|kv| kv.strip_prefix(&format!("{name}="))).and_then(|v| v.parse::<usize>().ok())
        };
        let per_page = param("per_page").unwrap_or(30).min(100);
        let page = param("page").unwrap_or(1).max(1);
        let start = (page - 1) * per_page;
        let chunk: Vec<Value> = items.iter().skip(start).take(per_page).cloned().collect();
        let link = (start + per_page < items.len())
            .then(|| format!("<http://fake{path}?per_page={per_page}&page={}>; rel=\"next\"", page + 1));
        (200, Some(Value::Array(chunk)), link)
    }
}

fn template_of(path: &str, method: &str, status: &str) -> Value {
    template(path, method, status)
}

/// The description's example answer of an operation, as it is (a list stays a list).
pub fn example(path: &str, method: &str, status: &str) -> Value {
    let examples = &api()["paths"][path][method]["responses"][status]["content"]["application/json"]["examples"];
    examples.as_object().and_then(|e| e.values().next()).map_or(Value::Null, |e| e["value"].clone())
}

/// Some of the description's examples do not meet its own schemas (a repository without its
/// required `language`, teams without `type`): the fake mends them, and still checks the result.
fn repaired(template: &str, mut v: Value) -> Value {
    match template {
        "/repos/{owner}/{repo}" => {
            v["language"] = json!("YAML");
            v["source"]["language"] = json!("YAML");
        }
        "/repos/{owner}/{repo}/branches/{branch}/protection" => {
            v["required_status_checks"]["checks"] = json!([]);
            for at in ["/required_pull_request_reviews/dismissal_restrictions", "/restrictions"] {
                if let Some(r) = v.pointer_mut(at) {
                    r["teams"] = json!([]);
                    r["apps"] = json!([]);
                }
            }
        }
        _ => {}
    }
    v
}

/// The pull request's files as GitHub lists them, from the real diff between two commits of a
/// repository (git2's patch, from its first hunk on, is what GitHub's `patch` field holds).
pub fn files_of(repo: &git2::Repository, base: git2::Oid, head: git2::Oid) -> Vec<Value> {
    let tree = |oid| repo.find_commit(oid).and_then(|c| c.tree()).expect("tree");
    let diff = repo.diff_tree_to_tree(Some(&tree(base)), Some(&tree(head)), None).expect("diff");
    let mut out = Vec::new();
    for i in 0..diff.deltas().len() {
        let delta = diff.get_delta(i).expect("delta");
        let status = match delta.status() {
            git2::Delta::Added => "added",
            git2::Delta::Deleted => "removed",
            git2::Delta::Renamed => "renamed",
            _ => "modified",
        };
        let name = delta.new_file().path().or(delta.old_file().path()).expect("path").to_string_lossy().into_owned();
        let mut patch = git2::Patch::from_diff(&diff, i).expect("patch").expect("text patch");
        let text = patch.to_buf().expect("buf").as_str().unwrap_or_default().to_owned();
        let hunks = text.find("\n@@ ").map(|at| text[at + 1..].trim_end().to_owned()).unwrap_or_default();
        let mut file = template("/repos/{owner}/{repo}/pulls/{pull_number}/files", "get", "200");
        set(&mut file, &[("filename", json!(name)), ("status", json!(status)), ("patch", json!(hunks))]);
        out.push(file);
    }
    out
}
