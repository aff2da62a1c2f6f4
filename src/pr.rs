//! Pr: what a pull request changes in the registry, read straight from git, and what toets finds
//! in that change. The registry is checked as it stands at head (all records, so rules across
//! records see everything) and at base, both with the base's rules; a finding is kept when the
//! change touches its line or file, or when it is new elsewhere (the change caused it there).
//! When the pull request changes the rules, [`crate::rules_change`] says what its own would do.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use crate::cache;
use crate::config::{self, Config};
use crate::diff::{self, FieldChange};
use crate::error::ToolError;
use crate::finding::{self, Finding, Lang, Pos, Scope};
use crate::git::{Change, ChangeKind, Repo, Rev, Snapshot};
use crate::load::{self, Limits};
use crate::registry::{Outcome, Registry};
use crate::rules::{self, Check, Context};
use crate::rules_change::{Invalid, RulesChange};
use crate::source::{self, Source};
use jiff::civil::Date;

/// Paths whose change changes the rules themselves: they need the CIO and a maintainer.
pub const GOVERNANCE: &[&str] = &["schemas", "toets.toml", "CODEOWNERS", ".github", "src", "Cargo.toml", "Cargo.lock"];

/// What `toets pr` compares.
pub struct Request<'a> {
    /// The base as named (default: the merge base with the target branch).
    pub base: Option<&'a str>,
    pub head: &'a str,
    /// Keep findings elsewhere that exist at base too.
    pub all: bool,
    /// The cache folder for head's per-file results (see [`crate::cache`]), if any.
    pub cache: Option<&'a Path>,
}

/// A pull request as toets sees it.
#[derive(Serialize)]
pub struct Review {
    pub base: String,
    pub head: String,
    /// The full commit ids, for posting on GitHub.
    pub base_sha: String,
    pub head_sha: String,
    /// The registry files the pull request adds, changes, renames or deletes.
    pub records: Vec<RecordChange>,
    /// Changed governance paths.
    pub governance: Vec<String>,
    /// Whose rules judged the pull request: the base's, unless it has none toets can use.
    pub judged_by: Judge,
    pub findings: Vec<Finding>,
    /// What the pull request's own `toets.toml` and schemas would change, when it changes them.
    #[serde(rename = "rules_change")]
    pub rules: Option<RulesChange>,
    #[serde(skip)]
    pub sources: BTreeMap<String, Arc<String>>,
    /// Records at head.
    pub files: usize,
    /// Registry files of the work tree that are not committed, when head is the commit checked
    /// out: not part of the comparison, and said so.
    pub uncommitted: Vec<String>,
    /// The language of the messages: `--lang`, else `lang` in the judging `toets.toml`.
    #[serde(skip)]
    pub lang: Lang,
    /// Why the cache could not be written, for standard error.
    #[serde(skip)]
    pub cache_warning: Option<String>,
}

/// Whose `toets.toml` and schemas judged a pull request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Judge {
    Base,
    /// The base has no rules toets can use (no schema, or a configuration it cannot read).
    Head,
}

/// One changed registry file.
#[derive(Serialize)]
pub struct RecordChange {
    pub kind: ChangeKind,
    pub old_path: Option<String>,
    pub new_path: Option<String>,
    /// The record at base and at head, when it loads.
    #[serde(skip)]
    pub old: Option<Value>,
    #[serde(skip)]
    pub new: Option<Value>,
    /// The file at head, for positions.
    #[serde(skip)]
    pub new_text: Option<Arc<String>>,
    /// Lines of the head file that the change adds or alters.
    #[serde(skip)]
    pub lines: BTreeSet<usize>,
    /// The loader's limits for this file (the domain overview has larger ones).
    #[serde(skip)]
    pub limits: Limits,
    pub fields: Vec<FieldChange>,
}

impl RecordChange {
    /// The path that names the record: at head, or at base when deleted.
    pub fn path(&self) -> &str {
        self.new_path.as_deref().or(self.old_path.as_deref()).unwrap_or_default()
    }

    /// Whether the change made the file unreadable (too large, a link, not UTF-8): added so, or
    /// readable at base. Its only findings are the loader's, and they have no changed line.
    fn made_unreadable(&self) -> bool {
        self.new_path.is_some() && self.new_text.is_none() && (self.old_path.is_none() || self.old.is_some())
    }

    /// A string field of the record at head (or at base when deleted).
    pub fn text(&self, pointer: &str) -> Option<&str> {
        self.new.as_ref().or(self.old.as_ref())?.pointer(pointer)?.as_str()
    }

    /// Position of `pointer` in the head file (the first line when the file is gone).
    pub fn pos(&self, pointer: &str, lang: Lang) -> Pos {
        let start = Pos { line: 1, column: 1 };
        let Some(text) = &self.new_text else { return start };
        match load::parse(text, self.path(), &self.limits, lang) {
            Ok(doc) => rules::facts::pos(&doc, pointer),
            Err(_) => start,
        }
    }
}

/// What rules on a change see.
pub struct ChangeView<'a> {
    pub records: &'a [RecordChange],
    pub governance: &'a [String],
    /// What the pull request's own rules would change (once known).
    pub rules: Option<&'a RulesChange>,
    pub cx: &'a Context,
}

impl ChangeView<'_> {
    pub fn finding(&self, rule: &rules::Rule, file: &str, pos: Pos, pointer: &str, message: String) -> Finding {
        let mut f = Finding::error(rule.name, file, pos, message).at_pointer(pointer);
        f.severity = rule.severity;
        f
    }

    pub fn lang(&self) -> Lang {
        self.cx.lang
    }
}

/// Reviews the change from base to head in the repository at `start`.
pub fn review(start: &Path, request: &Request, lang: Option<Lang>, today: Date) -> Result<Review, ToolError> {
    let repo = Repo::open(start)?;
    let head = repo.commit(request.head)?;
    let base = match request.base {
        Some(spec) => repo.merge_base(&repo.commit(spec)?, &head)?,
        None => repo.default_base(&head)?,
    };
    let Judged { registry, base: at_base, own, fallback } = judge(&repo, &base, &head, lang, today)?;
    let config = &registry.config;
    let cx = registry.cx.clone();
    // The records at head, where the judging configuration has them.
    let read_head;
    let head_files = match (&fallback, &own) {
        (Some(side), _) => &side.snapshot,
        (None, Some(Ok(side))) if side.config.files() == config.files() => &side.snapshot,
        _ => {
            let (dirs, files) = config.files();
            read_head = repo.snapshot(&head, &dirs, &files, &Limits::default())?;
            &read_head
        }
    };
    let (outcome, memo, cache_warning) = cache::check(request.cache, start, "pr", &registry, head_files, None, true)?;
    // The base is checked with the same rules: a file the pull request does not touch has the
    // same findings there, so only the rules across records and the changed files run again.
    // Without rules at base, all findings count as new; its files still give the field changes.
    let base_side = at_base.as_ref().filter(|_| fallback.is_none());
    let before = base_side.and_then(|side| {
        registry.check_with(&side.snapshot, None, Some(&memo), false).ok().map(|(outcome, _)| outcome)
    });

    let own_config = own.as_ref().and_then(|own| own.as_ref().ok()).map(|side| &side.config);
    let (in_registry, governance) = changed_files(&repo, &base, &head, config, own_config)?;
    let empty = Snapshot::empty();
    let base_files = at_base.as_ref().map_or(&empty, |side| &side.snapshot);
    let records: Vec<RecordChange> =
        in_registry.into_iter().map(|c| record_change(c, base_files, head_files, config, cx.lang)).collect();

    let mut view = ChangeView { records: &records, governance: &governance, rules: None, cx: &cx };
    let rules = own.zip(base_side).and_then(|(own, judged)| rules_change(&registry, judged, own, &outcome, &view));
    view.rules = rules.as_ref();
    let mut findings = mark(outcome.findings, &records, before.as_ref(), request.all);
    findings.extend(registry.apply_levels(run_change_rules(&view)));
    finding::sort(&mut findings);
    let mut sources = outcome.sources;
    for r in &records {
        if let (Some(path), Some(text)) = (&r.new_path, &r.new_text) {
            sources.entry(path.clone()).or_insert_with(|| Arc::clone(text));
        }
    }
    // A configuration toets cannot use is shown at its line, as a record is.
    if let Some(invalid) = rules.as_ref().and_then(|r| r.invalid.as_ref())
        && let Ok(Some(bytes)) = repo.file(&head, &invalid.file)
        && let Ok(text) = load::config_text(bytes, &invalid.file)
    {
        sources.insert(invalid.file.clone(), Arc::new(text));
    }
    Ok(Review {
        base: format!("{} ({})", base.name, short(&base)),
        head: format!("{} ({})", head.name, short(&head)),
        base_sha: base.oid.to_string(),
        head_sha: head.oid.to_string(),
        judged_by: if fallback.is_some() { Judge::Head } else { Judge::Base },
        records,
        governance,
        findings,
        rules,
        sources,
        files: outcome.files,
        uncommitted: if repo.is_head(&head) {
            repo.uncommitted(&registry.config.registry.to_string_lossy().replace('\\', "/"))
        } else {
            Vec::new()
        },
        lang: cx.lang,
        cache_warning,
    })
}

/// The rules that judge, the base's (or, when it has none toets can use, the head's), with the
/// sides as read: the base's when it could be read, and the head's own to compare with
/// (`fallback` when it judges).
struct Judged {
    registry: Registry,
    base: Option<Side>,
    own: Option<Result<Side, ToolError>>,
    fallback: Option<Side>,
}

/// The base's rules judge the pull request, as GitHub reads CODEOWNERS from the base: a pull
/// request cannot weaken the check that judges it. Only when the base has no rules toets can use
/// (say, the pull request that brings the first schema) do the head's own judge it.
fn judge(repo: &Repo, base: &Rev, head: &Rev, lang: Option<Lang>, today: Date) -> Result<Judged, ToolError> {
    let at_base = Side::read(repo, base).ok();
    let at_head = Side::read(repo, head);
    if let Some(registry) = at_base.as_ref().and_then(|side| side.registry(lang, today).ok()) {
        return Ok(Judged { registry, base: at_base, own: Some(at_head), fallback: None });
    }
    let side = at_head?;
    Ok(Judged { registry: side.registry(lang, today)?, base: at_base, own: None, fallback: Some(side) })
}

/// The changed records and the changed governance paths between `base` and `head`: the
/// registry as `config` has it, and the rules wherever `config` or the pull request's own
/// configuration (`own`) put the schemas.
fn changed_files(
    repo: &Repo,
    base: &Rev,
    head: &Rev,
    config: &Config,
    own: Option<&Config>,
) -> Result<(Vec<Change>, Vec<String>), ToolError> {
    let registry_dir = config.registry.to_string_lossy().replace('\\', "/");
    let mut rules_files: Vec<String> = config.files().1[..2].to_vec();
    if let Some(own) = own {
        rules_files.extend(own.files().1[..2].iter().cloned());
    }
    let mut scope: Vec<String> = vec![registry_dir.clone()];
    scope.extend(GOVERNANCE.iter().map(|s| (*s).to_owned()));
    scope.extend(rules_files.iter().cloned());
    let changes = repo.changes(base, head, &scope)?;
    let paths = |c: &Change| [c.new_path.clone(), c.old_path.clone()].into_iter().flatten().collect::<Vec<_>>();
    let is_rule = |p: &String| is_governance(p) || rules_files.contains(p);
    let (in_registry, rest): (Vec<Change>, Vec<Change>) = changes.into_iter().partition(|c| {
        paths(c).iter().any(|p| p.starts_with(&format!("{registry_dir}/")) && source::is_yaml(p) && !is_rule(p))
    });
    // The rest of the registry folder (a README, say) is neither a record nor governance.
    let governance =
        rest.into_iter().filter(|c| paths(c).iter().any(is_rule)).filter_map(|c| c.new_path.or(c.old_path)).collect();
    Ok((in_registry, governance))
}

/// What the pull request's own rules (`own`, as read from head) would change against the base's
/// (`registry`, read from the base's side `judged`): `None` when they are the same. `found` is
/// what the base's rules find at head, `view` the change, whose rules run with both levels.
fn rules_change(
    registry: &Registry,
    judged: &Side,
    own: Result<Side, ToolError>,
    found: &Outcome,
    view: &ChangeView,
) -> Option<RulesChange> {
    let own = match own {
        Ok(side) if side.rules == judged.rules => return None,
        Ok(side) => side,
        // Its own `toets.toml` (or a schema) cannot be read: the finding says why.
        Err(e) => {
            let invalid = Invalid::of(e);
            return Some(RulesChange::invalid(vec![invalid.file.clone()], invalid));
        }
    };
    let (_, names) = own.config.files();
    let files: Vec<String> = [config::FILE.to_owned(), names[0].clone(), names[1].clone()]
        .into_iter()
        .zip(own.rules.iter().zip(&judged.rules))
        .filter_map(|(file, (a, b))| (a != b).then_some(file))
        .collect();
    // The messages in the review's language, so that the same finding has the same fingerprint.
    let theirs = match own.registry(Some(registry.cx.lang), registry.cx.today) {
        Ok(theirs) => theirs,
        Err(e) => return Some(RulesChange::invalid(files, Invalid::of(e))),
    };
    let reported = match theirs.check(&own.snapshot, None) {
        Ok(outcome) => outcome.findings,
        Err(e) => return Some(RulesChange::invalid(files, Invalid::of(e))),
    };
    let change = run_change_rules(view);
    let judged_all = [&found.findings[..], &registry.apply_levels(change.clone())].concat();
    let own_all = [reported, theirs.apply_levels(change)].concat();
    Some(RulesChange::compare(files, &registry.config, &theirs.config, &judged_all, &own_all))
}

/// Whether `path` is one of the governance paths or inside one.
fn is_governance(path: &str) -> bool {
    GOVERNANCE.iter().any(|g| path == *g || path.strip_prefix(g).is_some_and(|rest| rest.starts_with('/')))
}

fn short(rev: &Rev) -> String {
    rev.oid.to_string().chars().take(10).collect()
}

/// One side of the comparison: its configuration and its files.
struct Side {
    config: Config,
    snapshot: Snapshot,
    /// The text of `toets.toml` and of both schemas: what decides the findings of a file.
    rules: Vec<Option<String>>,
}

impl Side {
    fn read(repo: &Repo, rev: &Rev) -> Result<Side, ToolError> {
        let toml =
            repo.file(rev, crate::config::FILE)?.map(|b| load::config_text(b, crate::config::FILE)).transpose()?;
        let config = match &toml {
            Some(text) => Config::parse(text)?,
            None => Config::default(),
        };
        let (dirs, files) = config.files();
        let snapshot = repo.snapshot(rev, &dirs, &files, &Limits::default())?;
        let mut rules = vec![toml];
        for schema in &files[..2] {
            rules.push(snapshot.config(schema)?);
        }
        Ok(Side { config, snapshot, rules })
    }

    /// The registry of this side's rules, in `lang` (else the configuration's).
    fn registry(&self, lang: Option<Lang>, today: Date) -> Result<Registry, ToolError> {
        let config = &self.config;
        let cx = Context {
            lang: lang.unwrap_or(config.lang),
            today,
            main_domains: config.main_domains.clone(),
            thresholds: config.thresholds.clone(),
        };
        Registry::open(&self.snapshot, config.clone(), cx)
    }
}

/// A changed file with its old and new record, its changed lines and its changed fields.
fn record_change(change: Change, base: &Snapshot, head: &Snapshot, config: &Config, lang: Lang) -> RecordChange {
    // The domain overview may be as large as the registry: it has its own limits, as in a check.
    let is_overview = |p: &Option<String>| p.as_deref().is_some_and(|p| Path::new(p) == config.domains);
    let limits = if is_overview(&change.new_path) || is_overview(&change.old_path) {
        Limits::overview()
    } else {
        Limits::default()
    };
    let text = |files: &Snapshot, path: &Option<String>| {
        path.as_ref().and_then(|p| files.read(p, &limits, lang).ok()).map(Arc::new)
    };
    let old_text = text(base, &change.old_path);
    let new_text = text(head, &change.new_path);
    let value = |t: &Option<Arc<String>>, p: &Option<String>| {
        let (t, p) = (t.as_ref()?, p.as_ref()?);
        load::parse(t, p, &limits, lang).ok().map(|d| d.value)
    };
    let old = value(&old_text, &change.old_path);
    let new = value(&new_text, &change.new_path);
    let lines = match (&old_text, &new_text) {
        (Some(a), Some(b)) => diff::changed_lines(a, b),
        (None, Some(b)) => diff::changed_lines("", b),
        _ => BTreeSet::new(),
    };
    let fields = match (&old, &new) {
        (Some(a), Some(b)) => diff::fields(a, b),
        _ => Vec::new(),
    };
    RecordChange {
        kind: change.kind,
        old_path: change.old_path,
        new_path: change.new_path,
        old,
        new,
        new_text,
        lines,
        limits,
        fields,
    }
}

/// Marks each finding at head with where it stands relative to the change, and leaves out those
/// elsewhere that exist at base too (unless `all`).
fn mark(findings: Vec<Finding>, records: &[RecordChange], base: Option<&Outcome>, all: bool) -> Vec<Finding> {
    let changed: HashMap<&str, &RecordChange> =
        records.iter().filter_map(|r| Some((r.new_path.as_deref()?, r))).collect();
    // A renamed file is a changed file, never "elsewhere": only findings elsewhere are compared.
    let at_base: BTreeSet<(&str, &str, &str, &str)> = base
        .map(|o| o.findings.iter().map(|f| (f.file.as_str(), f.rule, f.pointer.as_str(), f.message.as_str())).collect())
        .unwrap_or_default();
    findings
        .into_iter()
        .filter_map(|mut f| {
            let scope = match changed.get(f.file.as_str()) {
                Some(r) if r.lines.contains(&f.line) || r.made_unreadable() => Scope::InChange,
                Some(_) => Scope::InChangedFile,
                None => Scope::Elsewhere,
            };
            let old = at_base.contains(&(f.file.as_str(), f.rule, f.pointer.as_str(), f.message.as_str()));
            if scope == Scope::Elsewhere && old && !all {
                return None;
            }
            f.scope = Some(scope);
            Some(f)
        })
        .collect()
}

/// Runs the rules on the change itself; the severities of `toets.toml` are the caller's to apply.
fn run_change_rules(view: &ChangeView) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in rules::RULES {
        if let Check::Change(check) = rule.check {
            check(view, &mut out);
        }
    }
    for f in &mut out {
        f.scope = Some(Scope::InChange);
    }
    out
}
