//! Registry: runs the checks over the record files of a [`Source`]: per file (in parallel) load,
//! schema and record rules; then the rules across records; then the configured severities and
//! the waivers.
//!
//! Only the findings and the small [`Facts`] of each file survive its pass, which keeps memory
//! flat however large the registry grows. The text of files with findings is read again at the
//! end, for the source snippets.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::error::ToolError;
use crate::finding::{self, Finding, Waived};
use crate::load::{self, Limits};
use crate::rules::{self, Across, Context, Facts, Overview, Record};
use crate::schema::Schema;
use crate::source::Source;

/// Everything one check run found.
pub struct Outcome {
    pub findings: Vec<Finding>,
    /// Number of files checked.
    pub files: usize,
    /// Number of files whose results came from an earlier check of the same content.
    pub reused: usize,
    /// The text of every readable file that has findings, by its relative path.
    pub sources: BTreeMap<String, Arc<String>>,
}

/// The per-file results of a check, by file, with the identity of the content they are for
/// (files without one, such as links, are not kept).
#[derive(Default)]
pub struct Memo {
    passes: HashMap<String, (String, Arc<Pass>)>,
}

impl Memo {
    /// Each file's path, the identity of its content and its results, in path order.
    pub(crate) fn entries(&self) -> Vec<(&str, &str, &Pass)> {
        let mut entries: Vec<_> =
            self.passes.iter().map(|(rel, (id, pass))| (rel.as_str(), id.as_str(), &**pass)).collect();
        entries.sort_unstable_by_key(|e| e.0);
        entries
    }

    /// A memo of the results in `entries`, as [`Memo::entries`] gives them.
    pub(crate) fn from_entries(entries: Vec<(String, String, Pass)>) -> Memo {
        Memo { passes: entries.into_iter().map(|(rel, id, pass)| (rel, (id, Arc::new(pass)))).collect() }
    }

    /// The number of files it has results for.
    pub(crate) fn len(&self) -> usize {
        self.passes.len()
    }
}

/// A registry's configuration and schemas, ready to check its files.
pub struct Registry {
    pub config: Config,
    pub cx: Context,
    pub limits: Limits,
    records: Schema,
    domains: Schema,
    /// Hash of the configuration, the schemas and the context: with the same fingerprint and
    /// the same program, a file's text alone decides its results.
    fingerprint: blake3::Hash,
}

/// What one file's pass leaves behind: its findings, what rules across records need of it,
/// and whether it passed the schema. Serialized only into toets's own cache.
#[derive(Serialize, Deserialize)]
pub(crate) enum Pass {
    Record(Vec<Finding>, Option<Facts>, bool),
    Overview(Vec<Finding>, Option<Overview>, bool),
}

impl Registry {
    /// Prepares to check with `config` and the schemas it names, read from `source`.
    pub fn open(source: &dyn Source, config: Config, cx: Context) -> Result<Registry, ToolError> {
        rules::check_levels(&config.rules)?;
        // What the results depend on besides a file's own text, for caches of them.
        let mut fingerprint = blake3::Hasher::new();
        let (lang, today, main, limits) = (cx.lang, cx.today, &cx.main_domains, &cx.thresholds);
        fingerprint.update(format!("{config:?}\n{lang:?} {today} {main:?} {limits:?}\n").as_bytes());
        let mut schema = |path: &Path| {
            let rel = path.to_string_lossy().replace('\\', "/");
            let text = source
                .config(&rel)?
                .ok_or_else(|| ToolError::Schema { path: rel.clone(), reason: "it does not exist".into() })?;
            fingerprint.update(&(text.len() as u64).to_le_bytes()).update(text.as_bytes());
            Schema::from_text(&text, &rel)
        };
        let records = schema(&config.schema)?;
        let domains = schema(&config.domains_schema)?;
        let fingerprint = fingerprint.finalize();
        Ok(Registry { config, cx, limits: Limits::default(), records, domains, fingerprint })
    }

    /// See the field `fingerprint`.
    pub fn fingerprint(&self) -> blake3::Hash {
        self.fingerprint
    }

    /// Checks the files of `source`: the registry folder and the files in `chosen`, reporting on
    /// `chosen` only (default: the whole registry). Rules across records always see the whole
    /// registry.
    pub fn check(&self, source: &dyn Source, chosen: Option<&[String]>) -> Result<Outcome, ToolError> {
        self.check_with(source, chosen, None, false).map(|(outcome, _)| outcome)
    }

    /// As [`Registry::check`], reusing the per-file results of `memo` for files whose content is
    /// the same (by [`Source::identity`]). Only valid when `memo` comes from a check with the
    /// same configuration and schemas. With `keep`, returns this check's own per-file results
    /// too (otherwise an empty memo: copying them costs time that only a later check repays).
    pub fn check_with(
        &self,
        source: &dyn Source,
        chosen: Option<&[String]>,
        memo: Option<&Memo>,
        keep: bool,
    ) -> Result<(Outcome, Memo), ToolError> {
        let all = source.list(&self.config.registry.to_string_lossy().replace('\\', "/"))?;
        let chosen_rel: BTreeSet<String> =
            chosen.map_or_else(|| all.iter().cloned().collect(), |c| c.iter().cloned().collect());
        let mut files: Vec<String> = chosen_rel.iter().cloned().collect();
        files.extend(all.into_iter().filter(|p| !chosen_rel.contains(p)));
        // The overview is the largest file: started first, it does not finish alone at the end.
        if let Some(i) = files.iter().position(|f| Path::new(f) == self.config.domains) {
            let overview = files.remove(i);
            files.insert(0, overview);
        }

        let passes: Vec<(String, Option<String>, Arc<Pass>, bool)> = files
            .par_iter()
            .map(|rel| {
                let (identity, pass, reused) = self.pass(source, rel, memo, keep);
                (rel.clone(), identity, pass, reused)
            })
            .collect();
        let mut findings = Vec::new();
        let mut records: Vec<&Facts> = Vec::with_capacity(passes.len());
        let mut overview = None;
        let mut overview_failed = false;
        let mut invalid = BTreeSet::new();
        for (_, _, pass, _) in &passes {
            let (f, valid) = match &**pass {
                Pass::Record(f, facts, valid) => {
                    records.extend(facts);
                    (f, *valid)
                }
                Pass::Overview(f, o, valid) => {
                    overview_failed = o.is_none();
                    overview = o.as_ref();
                    (f, *valid)
                }
            };
            if !valid {
                invalid.extend(f.first().map(|x| x.file.clone()));
            }
            findings.extend(f.iter().cloned());
        }
        let mut across_findings = Vec::new();
        let across = Across { records: &records, overview, overview_failed, cx: &self.cx };
        rules::check_across(&across, &mut across_findings);
        // Schema first, then policy: a file that fails the schema gets its policy findings once
        // it passes, though its facts (an id, a domain) still count for the other records.
        findings.extend(across_findings.into_iter().filter(|f| !invalid.contains(&f.file)));
        // A finding about a pair belongs to both files: checking either one shows it.
        findings.retain(|f| chosen_rel.contains(&f.file) || f.related.iter().any(|r| chosen_rel.contains(&r.file)));
        let mut findings = self.apply_levels(findings);
        apply_waivers(&mut findings, &records, &self.cx);
        crate::example::enrich(&mut findings, self.records.source(), self.cx.lang);
        finding::sort(&mut findings);
        let sources = self.sources(source, &findings);
        let reused = passes.iter().filter(|p| p.3).count();
        let kept = Memo {
            passes: if keep {
                passes.into_iter().filter_map(|(rel, id, pass, _)| Some((rel, (id?, pass)))).collect()
            } else {
                HashMap::new()
            },
        };
        Ok((Outcome { findings, files: chosen_rel.len(), reused, sources }, kept))
    }

    /// The results of one file: those of `memo` when its content is the same, else a fresh
    /// check. Returns the content's identity (known from the source, or with `keep` or a memo,
    /// a hash of the text) and whether the results were reused.
    fn pass(
        &self,
        source: &dyn Source,
        rel: &str,
        memo: Option<&Memo>,
        keep: bool,
    ) -> (Option<String>, Arc<Pass>, bool) {
        let earlier = |id: &Option<String>| {
            let (known, pass) = memo?.passes.get(rel)?;
            (id.as_ref() == Some(known)).then(|| Arc::clone(pass))
        };
        // A git blob is known by its id before it is read.
        let identity = source.identity(rel);
        if let Some(pass) = earlier(&identity) {
            return (identity, pass, true);
        }
        let text = source.read(rel, &self.limits_of(rel), self.cx.lang);
        let identity = identity.or_else(|| {
            let wanted = keep || memo.is_some();
            text.as_ref().ok().filter(|_| wanted).map(|t| blake3::hash(t.as_bytes()).to_hex().to_string())
        });
        if let Some(pass) = earlier(&identity) {
            return (identity, pass, true);
        }
        (identity, Arc::new(self.check_text(rel, text)), false)
    }

    /// Severities from `[rules]` in `toets.toml` (see [`rules::apply_levels`]).
    pub fn apply_levels(&self, findings: Vec<Finding>) -> Vec<Finding> {
        rules::apply_levels(&self.config.rules, findings)
    }

    /// The read limits of a file: the overview lists every domain of the municipality, so it may
    /// be as large as the registry.
    fn limits_of(&self, rel: &str) -> Limits {
        if Path::new(rel) == self.config.domains { Limits::overview() } else { self.limits }
    }

    /// Checks one file's text (or the finding that it could not be read).
    fn check_text(&self, rel: &str, text: Result<String, Finding>) -> Pass {
        let is_overview = Path::new(rel) == self.config.domains;
        let lang = self.cx.lang;
        let limits = self.limits_of(rel);
        let text = match text {
            Ok(text) => text,
            Err(f) if is_overview => return Pass::Overview(vec![f], None, false),
            Err(f) => return Pass::Record(vec![f], None, false),
        };
        let doc = match load::parse(&text, rel, &limits, lang) {
            Ok(doc) => doc,
            Err(f) if is_overview => return Pass::Overview(f, None, false),
            Err(f) => return Pass::Record(f, None, false),
        };
        if is_overview {
            let findings = self.domains.check(&doc, rel, lang);
            let valid = findings.is_empty();
            return Pass::Overview(findings, Some(Overview::of(&doc, rel)), valid);
        }
        let mut findings = self.records.check(&doc, rel, lang);
        let valid = findings.is_empty();
        let stem = Path::new(rel).file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
        if valid {
            let record = Record { doc: &doc, file: rel, stem: &stem, cx: &self.cx };
            rules::check_record(&record, &mut findings);
        }
        Pass::Record(findings, Some(Facts::of(&doc, rel, &stem)), valid)
    }

    /// The text of each file with findings, for snippets; files that cannot be read get none.
    fn sources(&self, source: &dyn Source, findings: &[Finding]) -> BTreeMap<String, Arc<String>> {
        let files: BTreeSet<&str> = findings
            .iter()
            .flat_map(|f| std::iter::once(f.file.as_str()).chain(f.related.iter().map(|r| r.file.as_str())))
            .collect();
        files
            .into_iter()
            .filter_map(|rel| {
                let text = source.read(rel, &self.limits_of(rel), self.cx.lang).ok()?;
                Some((rel.to_owned(), Arc::new(text)))
            })
            .collect()
    }
}

/// Marks findings that a record's own, valid and unexpired waiver covers. Findings of the loader
/// and about the waivers themselves cannot be waived.
fn apply_waivers(findings: &mut [Finding], records: &[&Facts], cx: &Context) {
    let by_file: HashMap<&str, &Facts> = records.iter().map(|r| (r.file.as_str(), *r)).collect();
    for f in findings.iter_mut() {
        let waivable = rules::find(f.rule).is_some_and(rules::waivable);
        let Some(facts) = by_file.get(f.file.as_str()).filter(|_| waivable) else { continue };
        let waiver = facts
            .waivers
            .iter()
            .find(|w| w.rule == f.rule && w.expires.is_some_and(|e| e >= cx.today) && !w.reason.is_empty());
        if let Some(w) = waiver {
            f.waived = Some(Waived {
                reason: w.reason.clone(),
                expires: w.expires.map(|d| d.to_string()).unwrap_or_default(),
            });
        }
    }
}
