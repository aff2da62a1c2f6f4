//! Codeowners: the CODEOWNERS file that GitHub reads, parsed and matched as GitHub does, and what
//! `toets codeowners` checks in it: which line decides the owners of each file of the repository,
//! and whether that is the CIO alone for every record and every governance path.
//!
//! GitHub reads the first of [`CANDIDATES`] that exists, from the pull request's base branch, if
//! it is under 3 MB. Each line is a pattern and its owners (`@user`, `@org/team`, an e-mail
//! address); `#` starts a comment. The last line whose pattern matches a file decides its owners
//! and replaces what earlier lines said: owners are never merged. A line GitHub cannot read is
//! skipped, and then an earlier line decides, without a word: so a line with a syntax problem
//! here is left out of the matching too, and is itself an error.
//!
//! # Matching: where GitHub differs from gitignore and from globset
//!
//! GitHub's patterns follow gitignore, with these differences, handled so:
//!
//! - No `!` negation, no `[ ]` ranges, no `\#` escape: a line with them is a syntax finding and
//!   takes no part in matching, as GitHub skips it.
//! - A pattern whose last part is a lone `*` (`docs/*`) matches the files directly in that folder
//!   only. gitignore would match the subfolders too, and so everything in them; GitHub does not
//!   (its documented example: `docs/*` does not match `docs/build-app/troubleshooting.md`). This
//!   is why `ignore::gitignore`, which matches a file when any of its parent folders matches, does
//!   not fit; each pattern is turned into globs for [`globset`] instead (see [`globs`]).
//! - Any other pattern matches the path itself and everything below it (`/src` owns `src/a.rs`);
//!   a trailing `/` matches only what is below it. A pattern without a `/` but at its end
//!   (`apps/`, `*.js`) matches at any depth, one with a `/` elsewhere is anchored at the root.
//! - globset knows `{a,b}` alternatives, which CODEOWNERS does not: `{` and `}` are escaped.
//! - `*` and `?` never match a `/` (globset's `literal_separator`), and matching is
//!   case-sensitive, as on GitHub.
//! - The last match wins: the set of globs gives every line that matches a file, and the last one
//!   decides.
//!
//! The matching is tested against the pattern table of hmarr/codeowners
//! (`tests/data/codeowners-patterns/`), a library that mirrors GitHub's rules, but for its one
//! case with `[ ]`, which it matches literally and GitHub reports as an error.
//!
//! GitHub compares user and team names without regard to case, so toets does too.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use globset::{Candidate, GlobBuilder, GlobSet, GlobSetBuilder};

use crate::config::Config;
use crate::error::ToolError;
use crate::finding::{self, Finding, Lang, Pos};
use crate::rules::{self, Check, Rule};

pub mod github;

/// Where GitHub looks for CODEOWNERS, in its order: the first that exists is used.
pub const CANDIDATES: [&str; 3] = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

/// GitHub does not load a CODEOWNERS file of 3 MB or more. Counted in decimal megabytes: a file
/// between 3,000,000 bytes and 3 MiB may or may not load, and a proof must not count on it.
pub const MAX_BYTES: u64 = 3_000_000;

/// The most lines with a pattern that toets checks. Each becomes one or two globs; 20,000 lines
/// with wildcards take 6.5 s and 280 MB on 100,000 files (release build), this repository's
/// nine lines 0.3 s.
pub const MAX_RULES: usize = 20_000;

/// What an owner is, by how it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnerKind {
    /// `@name`
    User,
    /// `@organisation/team`
    Team,
    /// `name@example.com`
    Email,
}

/// What kind of owner `token` is, or `None` when GitHub would not take it as one. Names follow
/// GitHub's rules: letters, digits and hyphens, not starting with a hyphen, at most 39
/// characters; a team's slug may also have underscores and dots.
pub fn owner_kind(token: &str) -> Option<OwnerKind> {
    let name_ok = |s: &str| {
        (1..=39).contains(&s.len()) && !s.starts_with('-') && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if let Some(name) = token.strip_prefix('@') {
        return match name.split_once('/') {
            None if name_ok(name) => Some(OwnerKind::User),
            Some((org, team))
                if name_ok(org)
                    && !team.is_empty()
                    && team.len() <= 255
                    && team.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)) =>
            {
                Some(OwnerKind::Team)
            }
            _ => None,
        };
    }
    let (local, domain) = token.split_once('@')?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.".contains(&b));
    let local_ok = !local.is_empty() && !local.contains(char::is_whitespace);
    (local_ok && domain_ok).then_some(OwnerKind::Email)
}

/// Whether two owners are the same: GitHub's names do not depend on case.
pub fn same_owner(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// One line of CODEOWNERS with a pattern.
#[derive(Clone, Debug)]
pub struct Line {
    /// 1-based.
    pub number: usize,
    pub pattern: String,
    /// Where the pattern starts (1-based, in characters).
    pub column: usize,
    pub owners: Vec<Owner>,
    /// Why GitHub skips the line; empty when it reads it.
    pub problems: Vec<Problem>,
}

impl Line {
    /// Whether GitHub reads the line (and so it takes part in matching).
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }

    /// The owners as written, separated by spaces.
    pub fn owner_list(&self) -> String {
        self.owners.iter().map(|o| o.name.as_str()).collect::<Vec<_>>().join(" ")
    }
}

/// An owner on a line, as written.
#[derive(Clone, Debug)]
pub struct Owner {
    pub name: String,
    /// 1-based, in characters.
    pub column: usize,
}

/// Something on a line that makes GitHub skip it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based, in characters.
    pub column: usize,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// A pattern starting with `!`.
    Negation,
    /// `[` or `]` in a pattern.
    Range,
    /// A pattern starting with `\#`.
    EscapedHash,
    /// `***` in a pattern.
    TripleStar,
    /// The pattern `/`, which matches nothing.
    Root,
    /// `#` inside a pattern: GitHub reads it as the start of a comment.
    HashInPattern,
    /// An owner that is not `@user`, `@org/team` or an e-mail address.
    Owner(String),
    /// A pattern that globset cannot compile (with its reason).
    Unreadable(String),
}

/// A parsed CODEOWNERS file, ready to tell the owners of a path.
pub struct Codeowners {
    pub lines: Vec<Line>,
    /// The globs of the lines, in sets of at most [`GLOBS_PER_SET`], each with the index of its
    /// first glob in `glob_line`.
    sets: Vec<(GlobSet, usize)>,
    /// For each glob, the index in `lines` of the line it came from.
    glob_line: Vec<usize>,
}

/// How many globs go into one set: regex-automata refuses a set of some 20,000 globs with
/// wildcards (its size limit), and one of a thousand builds fast and small.
const GLOBS_PER_SET: usize = 1000;

impl Codeowners {
    /// Parses CODEOWNERS text; a line GitHub skips is kept with its problems but not matched.
    /// Lines with a pattern beyond the first [`MAX_RULES`] are left out (see [`Inspection`]).
    pub fn parse(text: &str) -> Codeowners {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let mut lines: Vec<Line> = text
            .split('\n')
            .enumerate()
            .filter_map(|(i, l)| parse_line(i + 1, l.strip_suffix('\r').unwrap_or(l)))
            .take(MAX_RULES)
            .collect();
        let mut globs_of_lines = Vec::new();
        let mut glob_line = Vec::new();
        for (index, line) in lines.iter_mut().enumerate() {
            if !line.is_valid() {
                continue;
            }
            match globs(&line.pattern) {
                Ok(found) => {
                    glob_line.extend(std::iter::repeat_n(index, found.len()));
                    globs_of_lines.extend(found);
                }
                Err(reason) => {
                    line.problems.push(Problem { column: line.column, kind: ProblemKind::Unreadable(reason) })
                }
            }
        }
        let mut sets = Vec::new();
        for (n, chunk) in globs_of_lines.chunks(GLOBS_PER_SET).enumerate() {
            for (first, set) in glob_sets(chunk, n * GLOBS_PER_SET) {
                match set {
                    Ok(set) => sets.push((set, first)),
                    // A line whose glob cannot be matched is not left to match nothing.
                    Err(reason) => {
                        let line = &mut lines[glob_line[first]];
                        line.problems.push(Problem { column: line.column, kind: ProblemKind::Unreadable(reason) });
                    }
                }
            }
        }
        Codeowners { lines, sets, glob_line }
    }

    /// The index in [`Codeowners::lines`] of every line that matches `path`, in order; the last
    /// decides its owners. `buf` is reused between calls.
    pub fn matching(&self, path: &str, buf: &mut Vec<usize>) -> Vec<usize> {
        let candidate = Candidate::new(path);
        let mut lines = Vec::new();
        for (set, first) in &self.sets {
            set.matches_candidate_into(&candidate, buf);
            lines.extend(buf.iter().map(|&g| self.glob_line[first + g]).filter(|&l| self.lines[l].is_valid()));
        }
        lines.sort_unstable();
        lines.dedup();
        lines
    }

    /// The line that decides the owners of `path`, if any.
    pub fn owner_line(&self, path: &str) -> Option<&Line> {
        self.matching(path, &mut Vec::new()).last().map(|&i| &self.lines[i])
    }
}

/// The globs `chunk` (the first of which has the index `first`) as one set, or, should
/// regex-automata refuse that, as one set each; each with the index of its first glob.
fn glob_sets(chunk: &[globset::Glob], first: usize) -> Vec<(usize, Result<GlobSet, String>)> {
    let set = |globs: &[globset::Glob]| {
        let mut builder = GlobSetBuilder::new();
        for glob in globs {
            builder.add(glob.clone());
        }
        builder.build().map_err(|e| e.kind().to_string())
    };
    match set(chunk) {
        Ok(all) => vec![(first, Ok(all))],
        Err(_) => chunk.iter().enumerate().map(|(i, g)| (first + i, set(std::slice::from_ref(g)))).collect(),
    }
}

/// Whether `c` separates a pattern from its owners.
fn is_space(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// One line: `None` for a blank line or a comment.
fn parse_line(number: usize, raw: &str) -> Option<Line> {
    let start = raw.find(|c: char| !is_space(c))?;
    if raw[start..].starts_with('#') {
        return None;
    }
    // Columns are counted on from the last one, so that a long line costs linear time.
    let mut cursor = (0, 1);
    let mut column_of = |byte: usize| {
        cursor.1 += raw[cursor.0..byte].chars().count();
        cursor.0 = byte;
        cursor.1
    };
    // The pattern runs to the first space that is not escaped with `\`.
    let rest = &raw[start..];
    let mut end = rest.len();
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        if is_space(c) && !escaped {
            end = i;
            break;
        }
        escaped = c == '\\' && !escaped;
    }
    let pattern = &rest[..end];
    let column = column_of(start);
    let mut problems = pattern_problems(pattern, column);
    let mut owners = Vec::new();
    // Owners follow, separated by spaces, until a `#` starts a comment.
    let mut at = start + end;
    loop {
        at += raw[at..].len() - raw[at..].trim_start_matches(is_space).len();
        let len = raw[at..].find(is_space).unwrap_or(raw.len() - at);
        let token = &raw[at..at + len];
        if token.is_empty() || token.starts_with('#') {
            break;
        }
        let column = column_of(at);
        // One malformed owner makes GitHub skip the line: the first is enough to say so.
        if owner_kind(token).is_none() && !problems.iter().any(|p| matches!(p.kind, ProblemKind::Owner(_))) {
            problems.push(Problem { column, kind: ProblemKind::Owner(token.to_owned()) });
        }
        owners.push(Owner { name: token.to_owned(), column });
        at += len;
    }
    Some(Line { number, pattern: pattern.to_owned(), column, owners, problems })
}

/// What in `pattern` (starting at `column`) makes GitHub skip its line.
fn pattern_problems(pattern: &str, column: usize) -> Vec<Problem> {
    let at = |byte: usize| column + pattern[..byte].chars().count();
    let mut out = Vec::new();
    let mut found = |byte: usize, kind: ProblemKind| out.push(Problem { column: at(byte), kind });
    if pattern.starts_with('!') {
        found(0, ProblemKind::Negation);
    }
    if pattern.starts_with("\\#") {
        found(0, ProblemKind::EscapedHash);
    } else if let Some(i) = pattern.find('#') {
        found(i, ProblemKind::HashInPattern);
    }
    if let Some(i) = pattern.find(['[', ']']) {
        found(i, ProblemKind::Range);
    }
    if let Some(i) = pattern.find("***") {
        found(i, ProblemKind::TripleStar);
    }
    if pattern == "/" {
        found(0, ProblemKind::Root);
    }
    out
}

/// The globs that together match what `pattern` matches on GitHub (see the module's notes).
fn globs(pattern: &str) -> Result<Vec<globset::Glob>, String> {
    let anchored = pattern.starts_with('/');
    let body = pattern.trim_start_matches('/');
    let below_only = body.ends_with('/');
    let body = body.trim_end_matches('/');
    // `{` and `}` are plain characters in CODEOWNERS.
    let body = body.replace('{', "\\{").replace('}', "\\}");
    let body = if !anchored && !body.contains('/') && !body.starts_with("**") { format!("**/{body}") } else { body };
    let last = body.rsplit('/').next().unwrap_or_default();
    let texts = if below_only {
        vec![format!("{body}/**")]
    } else if last == "*" {
        vec![body]
    } else {
        vec![format!("{body}/**"), body]
    };
    texts
        .iter()
        .map(|t| {
            GlobBuilder::new(t).literal_separator(true).backslash_escape(true).build().map_err(|e| e.kind().to_string())
        })
        .collect()
}

/// Why the file GitHub would read cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unusable {
    /// None of the candidates exists.
    Missing,
    TooLarge,
    /// A symbolic link: toets does not follow it.
    Link,
    /// A folder, a named pipe or a device.
    NotAFile,
    NotText,
    /// More than [`MAX_RULES`] lines with a pattern.
    TooManyRules,
    /// It cannot be read (the reason).
    Unreadable(String),
}

/// The CODEOWNERS file GitHub would read, as found.
pub enum State {
    Unusable(Unusable),
    Read(Codeowners),
}

/// A path that must be the CIO's (the registry folder, a governance path, CODEOWNERS itself),
/// with each of its files and the index of the line that decides its owners.
pub struct Scope {
    /// Relative to the root, with `/`, without a trailing `/`.
    pub path: String,
    /// Whether it is a folder (its files are below it).
    pub folder: bool,
    pub files: Vec<(String, Option<usize>)>,
}

/// Everything `toets codeowners` knows, for its rules.
pub struct Inspection {
    /// The CODEOWNERS file GitHub would read, or `CODEOWNERS` when there is none.
    pub file: String,
    pub state: State,
    /// The other candidates that exist, which GitHub ignores.
    pub ignored: Vec<String>,
    /// For each line of the parsed file: how many files of the repository it matches, and for
    /// how many it is the last match, which decides.
    pub hits: Vec<usize>,
    pub wins: Vec<usize>,
    pub scopes: Vec<Scope>,
    /// The CIO's team, as `toets.toml` names it.
    pub cio: String,
    pub lang: Lang,
}

impl Inspection {
    /// A finding of `rule` in the CODEOWNERS file at `line` and `column`.
    pub fn finding(&self, rule: &Rule, line: usize, column: usize, message: String, help: String) -> Finding {
        let mut f = Finding::error(rule.name, &self.file, Pos { line, column }, message).with_help(help);
        f.severity = rule.severity;
        f
    }

    /// The parsed file, when GitHub can use it.
    pub fn codeowners(&self) -> Option<&Codeowners> {
        match &self.state {
            State::Read(c) => Some(c),
            State::Unusable(_) => None,
        }
    }

    /// Whether the CIO's team alone owns what `line` matches: GitHub takes the approval of any
    /// one listed owner, so another owner beside the CIO could approve in the CIO's place.
    pub fn cio_alone(&self, line: &Line) -> bool {
        !line.owners.is_empty() && line.owners.iter().all(|o| same_owner(&o.name, &self.cio))
    }
}

/// What `toets codeowners` found: the findings and the text of CODEOWNERS for the report.
pub struct Outcome {
    pub findings: Vec<Finding>,
    /// The CODEOWNERS file GitHub reads (or would, once there is one).
    pub file: String,
    /// The files whose owners were proven (records and governance paths).
    pub files: usize,
    pub sources: BTreeMap<String, Arc<String>>,
}

/// Checks the CODEOWNERS file of the work tree at `root` against its files, with the settings of
/// `config` (the CIO's team, the registry folder, the rules' levels).
pub fn check(root: &Path, config: &Config, lang: Lang) -> Result<Outcome, ToolError> {
    let cio = config.cio_team.clone().ok_or_else(|| {
        ToolError::Usage(lang.pick(
            "toets.toml names no CIO team: add `cio_team = \"@organisation/team\"`, e.g. `cio_team = \"@voorbeeldstad/cio\"`".to_owned(),
            "toets.toml noemt geen CIO-team: voeg `cio_team = \"@organisatie/team\"` toe, bijv. `cio_team = \"@voorbeeldstad/cio\"`".to_owned(),
        ))
    })?;
    rules::check_levels(&config.rules)?;
    let (inspection, text) = inspect(root, config, cio, lang)?;
    let mut findings = Vec::new();
    for rule in rules::RULES {
        if let Check::Owners(check) = rule.check {
            check(&inspection, &mut findings);
        }
    }
    let mut findings = rules::apply_levels(&config.rules, findings);
    finding::sort(&mut findings);
    let mut sources = BTreeMap::new();
    if let Some(text) = text {
        sources.insert(inspection.file.clone(), Arc::new(text));
    }
    let files = inspection.scopes.iter().map(|s| s.files.len()).sum();
    Ok(Outcome { findings, file: inspection.file.clone(), files, sources })
}

/// Reads CODEOWNERS and the repository's files, and matches every file once.
fn inspect(root: &Path, config: &Config, cio: String, lang: Lang) -> Result<(Inspection, Option<String>), ToolError> {
    let present: Vec<&str> =
        CANDIDATES.iter().copied().filter(|c| std::fs::symlink_metadata(root.join(c)).is_ok()).collect();
    let file = present.first().copied().unwrap_or("CODEOWNERS").to_owned();
    let ignored = present.iter().skip(1).map(|s| (*s).to_owned()).collect();
    let (state, text) = match present.first() {
        None => (State::Unusable(Unusable::Missing), None),
        Some(rel) => match read(root, rel) {
            Err(why) => (State::Unusable(why), None),
            Ok(text) => {
                let parsed = Codeowners::parse(&text);
                if parsed.lines.len() == MAX_RULES && too_many_rules(&text) {
                    (State::Unusable(Unusable::TooManyRules), Some(text))
                } else {
                    (State::Read(parsed), Some(text))
                }
            }
        },
    };
    let files = repository_files(root)?;
    let mut inspection =
        Inspection { file, state, ignored, hits: Vec::new(), wins: Vec::new(), scopes: Vec::new(), cio, lang };
    if let State::Read(codeowners) = &inspection.state {
        let (hits, wins, scopes) = decide(codeowners, &files, &scope_paths(config, &inspection.file));
        (inspection.hits, inspection.wins, inspection.scopes) = (hits, wins, scopes);
    }
    Ok((inspection, text))
}

/// Whether `text` has more lines with a pattern than [`MAX_RULES`].
fn too_many_rules(text: &str) -> bool {
    text.split('\n').filter(|l| parse_line(0, l.strip_suffix('\r').unwrap_or(l)).is_some()).nth(MAX_RULES).is_some()
}

/// The paths that must be the CIO's: the registry folder, the governance paths, and the
/// CODEOWNERS file in use (`docs/CODEOWNERS` is not a governance path of its own).
fn scope_paths(config: &Config, file: &str) -> Vec<String> {
    let mut paths = vec![config.registry.to_string_lossy().replace('\\', "/").trim_end_matches('/').to_owned()];
    paths.extend(crate::pr::GOVERNANCE.iter().map(|g| (*g).to_owned()));
    if !paths.iter().any(|p| file == p || file.starts_with(&format!("{p}/"))) {
        paths.push(file.to_owned());
    }
    paths.dedup();
    paths
}

/// Matches every file once: how often each line matches and decides, and the deciding line of
/// every file in each scope (a scope without files is left out: it does not exist).
fn decide(codeowners: &Codeowners, files: &[String], scopes: &[String]) -> (Vec<usize>, Vec<usize>, Vec<Scope>) {
    let (mut hits, mut wins) = (vec![0; codeowners.lines.len()], vec![0; codeowners.lines.len()]);
    let mut found: Vec<Scope> =
        scopes.iter().map(|p| Scope { path: p.clone(), folder: false, files: Vec::new() }).collect();
    let mut buf = Vec::new();
    for file in files {
        let lines = codeowners.matching(file, &mut buf);
        for &l in &lines {
            hits[l] += 1;
        }
        let winner = lines.last().copied();
        if let Some(w) = winner {
            wins[w] += 1;
        }
        for scope in &mut found {
            let below = file.strip_prefix(scope.path.as_str()).is_some_and(|rest| rest.starts_with('/'));
            if below || *file == scope.path {
                scope.folder |= below;
                scope.files.push((file.clone(), winner));
            }
        }
    }
    found.retain(|s| !s.files.is_empty());
    (hits, wins, found)
}

/// CODEOWNERS' text, read as GitHub would have it: the file itself (no link), a regular file,
/// under [`MAX_BYTES`], UTF-8.
fn read(root: &Path, rel: &str) -> Result<String, Unusable> {
    let path = root.join(rel);
    let meta = std::fs::symlink_metadata(&path).map_err(|e| Unusable::Unreadable(e.to_string()))?;
    if meta.file_type().is_symlink() {
        return Err(Unusable::Link);
    }
    // A folder on the way that is a link could lead out of the repository.
    if crate::load::within(root, &path).is_none() {
        return Err(Unusable::Link);
    }
    let file = crate::load::open_without_waiting(&path).map_err(|e| Unusable::Unreadable(e.to_string()))?;
    let meta = file.metadata().map_err(|e| Unusable::Unreadable(e.to_string()))?;
    if !meta.is_file() {
        return Err(Unusable::NotAFile);
    }
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_BYTES) as usize + 1);
    file.take(MAX_BYTES).read_to_end(&mut bytes).map_err(|e| Unusable::Unreadable(e.to_string()))?;
    if bytes.len() as u64 >= MAX_BYTES {
        return Err(Unusable::TooLarge);
    }
    String::from_utf8(bytes).map_err(|_| Unusable::NotText)
}

/// The files of the repository as GitHub has them: those git tracks, or (without git) the files
/// of the work tree, links included but not followed, `.git` left out.
fn repository_files(root: &Path) -> Result<Vec<String>, ToolError> {
    if let Some(files) = crate::git::tracked_files(root)? {
        return Ok(files);
    }
    let walk = walkdir::WalkDir::new(root).follow_links(false).sort_by_file_name();
    let mut files = Vec::new();
    for entry in walk.into_iter().filter_entry(|e| e.depth() == 0 || e.file_name() != ".git") {
        let entry = entry.map_err(|e| ToolError::Io { path: root.display().to_string(), reason: e.to_string() })?;
        if !entry.file_type().is_dir() {
            let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
            files.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(files)
}

/// Names joined for a sentence: `@a`, `@a and @b`, `@a, @b and @c`.
pub fn list<S: AsRef<str>>(names: &[S], lang: Lang) -> String {
    let quoted: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} {} {last}", rest.join(", "), lang.pick("and", "en")),
    }
}

/// `text` cut to `max` characters with `…`, for messages about hostile lines.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line {
        parse_line(1, text).expect("a line with a pattern")
    }

    #[test]
    fn owners_are_users_teams_or_addresses() {
        for (token, kind) in [
            ("@octocat", Some(OwnerKind::User)),
            ("@voorbeeldstad/cio", Some(OwnerKind::Team)),
            ("@voorbeeldstad/toets_maintainers", Some(OwnerKind::Team)),
            ("docs@example.com", Some(OwnerKind::Email)),
            ("voorbeeldstad/cio", None),
            ("cio", None),
            ("@", None),
            ("@org/", None),
            ("@-dash", None),
            ("docs@", None),
            ("@a-name-that-is-longer-than-thirty-nine-chars", None),
        ] {
            assert_eq!(owner_kind(token), kind, "{token}");
        }
    }

    #[test]
    fn a_line_has_a_pattern_owners_and_a_comment() {
        let l = line("  /src/\t@a  @org/b #the rest @c");
        assert_eq!((l.pattern.as_str(), l.column), ("/src/", 3));
        let owners: Vec<(&str, usize)> = l.owners.iter().map(|o| (o.name.as_str(), o.column)).collect();
        assert_eq!(owners, [("@a", 9), ("@org/b", 13)]);
        assert!(l.is_valid());
        assert!(parse_line(1, "   # a comment").is_none());
        assert!(parse_line(1, " \t ").is_none());
        let escaped = line("my\\ file.txt @a");
        assert_eq!((escaped.pattern.as_str(), escaped.owner_list().as_str()), ("my\\ file.txt", "@a"));
    }

    #[test]
    fn what_github_skips_is_found_at_its_column() {
        let kinds = |text: &str| -> Vec<(usize, ProblemKind)> {
            line(text).problems.into_iter().map(|p| (p.column, p.kind)).collect()
        };
        assert_eq!(kinds("!/src/ @a"), [(1, ProblemKind::Negation)]);
        assert_eq!(kinds("src/*.[ch] @a"), [(7, ProblemKind::Range)]);
        assert_eq!(kinds("\\#notes @a"), [(1, ProblemKind::EscapedHash)]);
        assert_eq!(kinds("***/*.rb @a"), [(1, ProblemKind::TripleStar)]);
        assert_eq!(kinds("/ @a"), [(1, ProblemKind::Root)]);
        assert_eq!(kinds("/a#b @a"), [(3, ProblemKind::HashInPattern)]);
        assert_eq!(kinds("*.txt docs@"), [(7, ProblemKind::Owner("docs@".into()))]);
        assert_eq!(kinds("é/x  cio"), [(6, ProblemKind::Owner("cio".into()))]);
    }

    #[test]
    fn the_last_matching_line_decides_and_a_skipped_line_does_not() {
        let c = Codeowners::parse("* @all\n/docs/ @docs\n/docs/x.md @x [\n!/docs/y.md @y\n");
        assert_eq!(c.owner_line("docs/x.md").map(|l| l.number), Some(2));
        assert_eq!(c.owner_line("docs/y.md").map(|l| l.number), Some(2));
        assert_eq!(c.owner_line("README").map(|l| l.number), Some(1));
    }

    #[test]
    fn braces_are_plain_characters() {
        let c = Codeowners::parse("/{a,b}.txt @x\n");
        assert!(c.owner_line("a.txt").is_none());
        assert_eq!(c.owner_line("{a,b}.txt").map(|l| l.number), Some(1));
    }

    #[test]
    fn only_the_first_rules_are_read() {
        let text = "a @x\n".repeat(MAX_RULES + 1);
        assert_eq!(Codeowners::parse(&text).lines.len(), MAX_RULES);
        assert!(too_many_rules(&text));
        assert!(!too_many_rules(&"a @x\n".repeat(MAX_RULES)));
    }
}
