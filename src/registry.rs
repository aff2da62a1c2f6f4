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

use crate::config::{Config, Level};
use crate::error::ToolError;
use crate::finding::{self, Finding, Severity, Waived};
use crate::load::{self, Limits};
use crate::rules::{self, Across, Check, Context, Facts, Overview, Record};
use crate::schema::Schema;
use crate::source::Source;

/// Everything one check run found.
pub struct Outcome {
    pub findings: Vec<Finding>,
    /// Number of files checked.
    pub files: usize,
    /// The text of every readable file that has findings, by its relative path.
    pub sources: BTreeMap<String, Arc<String>>,
}

/// The per-file results of a check, by file, with the identity of the content they are for.
pub struct Memo {
    passes: HashMap<String, (Option<String>, Pass)>,
}

/// A registry's configuration and schemas, ready to check its files.
pub struct Registry {
    pub config: Config,
    pub cx: Context,
    pub limits: Limits,
    records: Schema,
    domains: Schema,
}

/// What one file's pass leaves behind: its findings, what rules across records need of it,
/// and whether it passed the schema.
#[derive(Clone)]
enum Pass {
    Record(Vec<Finding>, Option<Facts>, bool),
    Overview(Vec<Finding>, Option<Overview>, bool),
}

impl Registry {
    /// Prepares to check with `config` and the schemas it names, read from `source`.
    pub fn open(source: &dyn Source, config: Config, cx: Context) -> Result<Registry, ToolError> {
        for name in config.rules.keys() {
            let known = rules::find(name).ok_or_else(|| {
                ToolError::Usage(format!(
                    "toets.toml: [rules] names `{name}`, which is not a rule; `toets rules` lists them"
                ))
            })?;
            if matches!(known.check, Check::Load) && config.rules[name] == Level::Off {
                return Err(ToolError::Usage(format!(
                    "toets.toml: `{name}` cannot be turned off: a file that cannot be read cannot be checked"
                )));
            }
        }
        let schema = |path: &Path| {
            let rel = path.to_string_lossy().replace('\\', "/");
            let text = source
                .config(&rel)?
                .ok_or_else(|| ToolError::Schema { path: rel.clone(), reason: "it does not exist".into() })?;
            Schema::from_text(&text, &rel)
        };
        let records = schema(&config.schema)?;
        let domains = schema(&config.domains_schema)?;
        Ok(Registry { config, cx, limits: Limits::default(), records, domains })
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

        let passes: Vec<(String, Option<String>, Pass)> = files
            .par_iter()
            .map(|rel| {
                let identity = source.identity(rel);
                let earlier = memo.and_then(|m| m.passes.get(rel)).filter(|(id, _)| id.is_some() && *id == identity);
                let pass = earlier.map_or_else(|| self.check_file(source, rel), |(_, pass)| pass.clone());
                (rel.clone(), identity, pass)
            })
            .collect();
        let mut kept = Memo { passes: HashMap::with_capacity(passes.len()) };
        let mut findings = Vec::new();
        let mut records = Vec::new();
        let mut overview = None;
        let mut overview_failed = false;
        let mut invalid = BTreeSet::new();
        for (rel, identity, pass) in passes {
            if keep && identity.is_some() {
                kept.passes.insert(rel, (identity, pass.clone()));
            }
            let (f, valid) = match pass {
                Pass::Record(f, facts, valid) => {
                    records.extend(facts);
                    (f, valid)
                }
                Pass::Overview(f, o, valid) => {
                    overview_failed = o.is_none();
                    overview = o;
                    (f, valid)
                }
            };
            if !valid {
                invalid.extend(f.first().map(|x| x.file.clone()));
            }
            findings.extend(f);
        }
        let mut across_findings = Vec::new();
        let across = Across { records: &records, overview: overview.as_ref(), overview_failed, cx: &self.cx };
        rules::check_across(&across, &mut across_findings);
        // Schema first, then policy: a file that fails the schema gets its policy findings once
        // it passes, though its facts (an id, a domain) still count for the other records.
        findings.extend(across_findings.into_iter().filter(|f| !invalid.contains(&f.file)));
        // A finding about a pair belongs to both files: checking either one shows it.
        findings.retain(|f| chosen_rel.contains(&f.file) || f.related.iter().any(|r| chosen_rel.contains(&r.file)));
        let mut findings = self.apply_levels(findings);
        apply_waivers(&mut findings, &records, &self.cx);
        finding::sort(&mut findings);
        let sources = self.sources(source, &findings);
        Ok((Outcome { findings, files: chosen_rel.len(), sources }, kept))
    }

    /// Severities from `[rules]` in `toets.toml`: `off` drops a rule's findings, `warning` makes
    /// them all warnings, `error` raises those at the rule's default severity (a rule's own
    /// "expires soon" warning stays a warning).
    pub fn apply_levels(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter_map(|mut f| {
                let default = rules::find(f.rule).map(|r| r.severity);
                match self.config.rules.get(f.rule) {
                    Some(Level::Off) => return None,
                    Some(Level::Warning) => f.severity = Severity::Warning,
                    Some(Level::Error) if Some(f.severity) == default => f.severity = Severity::Error,
                    _ => {}
                }
                Some(f)
            })
            .collect()
    }

    fn check_file(&self, source: &dyn Source, rel: &str) -> Pass {
        let is_overview = Path::new(rel) == self.config.domains;
        let lang = self.cx.lang;
        // The overview lists every domain of the municipality: it may be as large as the registry.
        let limits = if is_overview { Limits::overview() } else { self.limits };
        let text = match source.read(rel, &limits, lang) {
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
                let limits = if Path::new(rel) == self.config.domains { Limits::overview() } else { self.limits };
                let text = source.read(rel, &limits, self.cx.lang).ok()?;
                Some((rel.to_owned(), Arc::new(text)))
            })
            .collect()
    }
}

/// Marks findings that a record's own, valid and unexpired waiver covers. Findings of the loader
/// and about the waivers themselves cannot be waived.
fn apply_waivers(findings: &mut [Finding], records: &[Facts], cx: &Context) {
    let by_file: HashMap<&str, &Facts> = records.iter().map(|r| (r.file.as_str(), r)).collect();
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
