//! Facts: the little that rules across records need of each record, kept after its file is
//! dropped so that memory stays flat for 100,000 records.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::finding::Pos;
use crate::load::{Document, Step};

/// A value of a record and where it stands.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Located {
    pub value: String,
    pub pointer: String,
    pub pos: Pos,
}

/// A waiver as written in a record.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Waiver {
    pub rule: String,
    pub reason: String,
    pub expires: Option<jiff::civil::Date>,
    pub pointer: String,
    pub pos: Pos,
    /// Where `rule` and `expires` stand, for findings about them.
    pub rule_pos: Pos,
    pub expires_pos: Pos,
}

/// What cross-record rules know of one record.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Facts {
    pub file: String,
    /// File name without `.yaml`.
    pub stem: String,
    pub id: Option<Located>,
    pub name: String,
    pub status: String,
    pub audiences: Vec<String>,
    /// Distinct words of name, description and problem, for reuse detection: sorted hashes
    /// (see [`words`]), eight bytes a word instead of a string.
    pub words: Vec<u64>,
    /// Where `need.problem` stands.
    pub problem: Pos,
    pub domains: Vec<Located>,
    /// `reuses[]` and `lifecycle.replaced_by`: ids of other records.
    pub references: Vec<Located>,
    pub waivers: Vec<Waiver>,
}

impl Facts {
    /// Gathers the facts of a record; missing or mistyped fields are left out.
    pub fn of(doc: &Document, file: &str, stem: &str) -> Facts {
        let v = &doc.value;
        let text = |p: &str| super::lookup(v, p).and_then(Value::as_str).unwrap_or_default().to_owned();
        let located = |p: String| {
            let value = super::lookup(v, &p)?.as_str()?.to_owned();
            Some(Located { value, pos: pos(doc, &p), pointer: p })
        };
        let list = |p: &str| -> Vec<Located> {
            let n = super::lookup(v, p).and_then(Value::as_array).map_or(0, Vec::len);
            (0..n).filter_map(|i| located(format!("{p}/{i}"))).collect()
        };
        let mut references = list("/reuses");
        references.extend(located("/lifecycle/replaced_by".to_owned()));
        let name = text("/name");
        Facts {
            file: file.to_owned(),
            stem: stem.to_owned(),
            id: located("/id".to_owned()),
            words: words(&[&name, &text("/description"), &text("/need/problem")]),
            name,
            status: text("/lifecycle/status"),
            audiences: list("/need/audiences").into_iter().map(|l| l.value).collect(),
            problem: pos(doc, "/need/problem"),
            domains: list("/domains"),
            references,
            waivers: waivers(doc),
        }
    }

    pub fn is_retired(&self) -> bool {
        self.status == "retired"
    }

    /// The record's id, or its file name when it has none: what other records call it.
    pub fn id_or_stem(&self) -> &str {
        self.id.as_ref().map_or(&self.stem, |l| &l.value)
    }

    /// Whether `reference` is one of this record's `reuses[]`.
    pub fn reuses(&self, id: &str) -> bool {
        self.references.iter().any(|r| r.pointer.starts_with("/reuses/") && r.value == id)
    }
}

/// The domains that `records` list in `domains`, in lower case.
pub fn claimed_domains<'a>(records: impl IntoIterator<Item = &'a Facts>) -> HashSet<String> {
    records.into_iter().flat_map(|f| &f.domains).map(|d| d.value.to_lowercase()).collect()
}

/// The records in the order of their paths: "first" and "later" in findings follow it.
pub fn by_file<'a>(records: &[&'a Facts]) -> Vec<&'a Facts> {
    let mut sorted = records.to_vec();
    sorted.sort_unstable_by(|a, b| a.file.cmp(&b.file));
    sorted
}

fn waivers(doc: &Document) -> Vec<Waiver> {
    let items = super::lookup(&doc.value, "/waivers").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    items
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let field = |k: &str| w.get(k).and_then(Value::as_str).unwrap_or_default().trim().to_owned();
            let pointer = format!("/waivers/{i}");
            Waiver {
                rule: field("rule"),
                reason: field("reason"),
                expires: field("expires").parse().ok(),
                pos: pos(doc, &pointer),
                rule_pos: pos(doc, &format!("{pointer}/rule")),
                expires_pos: pos(doc, &format!("{pointer}/expires")),
                pointer,
            }
        })
        .collect()
}

/// One entry of the domain overview.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Domain {
    pub fqdn: String,
    pub status: String,
    pub pointer: String,
    pub pos: Pos,
}

impl Domain {
    /// Whether the overview has this domain `active` while none of `claimed` (see [`claimed_domains`]) lists it.
    pub fn active_unclaimed(&self, claimed: &HashSet<String>) -> bool {
        self.status == "active" && !claimed.contains(&self.fqdn.to_lowercase())
    }
}

/// The municipality's overview of its domain names.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Overview {
    pub file: String,
    pub domains: Vec<Domain>,
    /// Index into `domains` by lowercase fqdn (the first entry of each), so lookups stay fast
    /// for 100,000 domains.
    index: HashMap<String, usize>,
}

impl Overview {
    pub fn of(doc: &Document, file: &str) -> Overview {
        let items = super::lookup(&doc.value, "/domains").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
        let domains = items
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let pointer = format!("/domains/{i}");
                Some(Domain {
                    fqdn: d.get("fqdn")?.as_str()?.to_owned(),
                    status: d.get("status").and_then(Value::as_str).unwrap_or_default().to_owned(),
                    pos: pos(doc, &pointer),
                    pointer,
                })
            })
            .collect();
        Overview::new(file, domains)
    }

    /// An overview of `domains`, as found in `file`.
    pub fn new(file: &str, domains: Vec<Domain>) -> Overview {
        let mut index = HashMap::with_capacity(domains.len());
        for (i, d) in domains.iter().enumerate() {
            index.entry(d.fqdn.to_lowercase()).or_insert(i);
        }
        Overview { file: file.to_owned(), domains, index }
    }

    /// The entry of `fqdn`, ignoring case.
    pub fn get(&self, fqdn: &str) -> Option<&Domain> {
        self.domains.get(*self.index.get(&fqdn.to_lowercase())?)
    }
}

/// Position of the node at a JSON `pointer`, or of its nearest existing parent.
pub fn pos(doc: &Document, pointer: &str) -> Pos {
    let steps: Vec<Step> = pointer
        .split('/')
        .skip(1)
        .map(|s| match s.parse::<usize>() {
            Ok(i) => Step::Index(i),
            Err(_) => Step::Key(Cow::Owned(s.replace("~1", "/").replace("~0", "~"))),
        })
        .collect();
    doc.pos(&steps, true)
}

/// Distinct lowercase words of at least three letters, without the most common ones, as sorted
/// hashes: only whether two records share a word matters, and a hash is a fraction of a string's
/// size (a collision between two of a few hundred thousand words is vanishingly rare).
pub fn words(texts: &[&str]) -> Vec<u64> {
    const COMMON: &[&str] = &[
        "and", "the", "for", "with", "van", "het", "een", "voor", "met", "die", "dat", "zijn", "niet", "ook", "aan",
        "hun", "wat", "wie", "waar", "hoe", "kan", "kunnen", "worden", "wordt", "naar", "bij", "door", "per", "als",
        "over", "nog", "maar", "dan", "dit", "deze", "our", "are", "can", "not", "who", "how",
    ];
    let mut out: Vec<u64> = texts
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !COMMON.contains(&w.as_str()))
        .map(|w| {
            let mut h = DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Jaccard similarity of two sorted, distinct word lists: shared words / all words, 0 to 1.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let all = a.len() + b.len() - shared;
    if all == 0 { 0.0 } else { shared as f64 / all as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Thresholds;
    use crate::finding::Lang;
    use crate::rules::{Across, Context, check_across};

    fn located(value: String, pointer: String) -> Located {
        Located { value, pointer, pos: Pos { line: 1, column: 1 } }
    }

    /// `cargo test --release --lib -- --ignored --nocapture across_rules`
    #[test]
    #[ignore = "timing: run in release"]
    fn across_rules_on_100000_records() {
        let statuses =
            ["proposed", "live", "live", "live", "live", "live", "live", "in_development", "retired", "rejected"];
        let records: Vec<Facts> = (0..100_000u64)
            .map(|i| {
                let id = format!("app-{i:06}");
                let status = statuses[(i % 10) as usize];
                // 25 words each, from a vocabulary of 5,000: many proposals resemble several live
                // records, a hard case for reuse-candidate.
                let mut words: Vec<u64> =
                    (0..25u64).map(|k| (i.wrapping_mul(2_654_435_761) >> (k % 7)) % 5_000 + k).collect();
                words.sort_unstable();
                words.dedup();
                Facts {
                    file: format!("registry/{id}.yaml"),
                    stem: id.clone(),
                    id: Some(located(id.clone(), "/id".into())),
                    name: id.clone(),
                    status: status.into(),
                    audiences: vec!["residents".into()],
                    words,
                    domains: vec![located(format!("{id}.voorbeeldstad.nl"), "/domains/0".into())],
                    references: vec![located(format!("app-{:06}", i / 2), "/reuses/0".into())],
                    waivers: vec![Waiver {
                        rule: "pentest-outdated".into(),
                        reason: "planned".into(),
                        expires: "2027-01-01".parse().ok(),
                        pointer: "/waivers/0".into(),
                        ..Waiver::default()
                    }],
                    ..Facts::default()
                }
            })
            .collect();
        let domains = records
            .iter()
            .enumerate()
            .map(|(i, r)| Domain {
                fqdn: r.domains[0].value.clone(),
                status: "active".into(),
                pointer: format!("/domains/{i}"),
                pos: Pos::default(),
            })
            .collect();
        let overview = Overview::new("registry/domains.yaml", domains);
        let cx = Context {
            lang: Lang::En,
            today: "2026-11-29".parse().expect("date"),
            main_domains: vec!["voorbeeldstad.nl".into()],
            thresholds: Thresholds::default(),
        };
        let records: Vec<&Facts> = records.iter().collect();
        let across = Across { records: &records, overview: Some(&overview), overview_failed: false, cx: &cx };
        for rule in crate::rules::RULES {
            if let crate::rules::Check::Across(check) = rule.check {
                let (start, mut out) = (std::time::Instant::now(), Vec::new());
                check(&across, &mut out);
                println!("{:>24}: {:>6} findings in {:?}", rule.name, out.len(), start.elapsed());
            }
        }
        let start = std::time::Instant::now();
        let mut out = Vec::new();
        check_across(&across, &mut out);
        let elapsed = start.elapsed();
        println!("rules across records: 100,000 records, {} findings in {elapsed:?}", out.len());
        assert!(elapsed.as_secs_f64() < 5.0, "too slow: {elapsed:?}");
    }
}
