//! ## What it checks
//! A proposal (`lifecycle.status: proposed`) resembles an application that is already live and
//! serves at least one of the same audiences: the words of their `name`, `description` and
//! `need.problem` overlap at least as much as `reuse_similarity` in toets.toml (default 0.3, that
//! is 30% of all their distinct words). A live application the proposal already lists in
//! `reuses` does not count.
//!
//! ## Why
//! The policy: for similar needs, the municipality reuses the functionality it already has, which
//! is tested and secured, instead of building or buying something new. This warning shows the
//! central check, before it decides, which live application may already meet the need.
//!
//! ## Example
//! Wrong: a proposal next to the live `afvalwijzer`.
//!
//! ```yaml
//! name: Afvalkalender
//! need:
//!   problem: >-
//!     Inwoners weten niet wanneer welke container aan de straat moet en bellen daarover het
//!     Klantcontactcentrum; ook weten ze niet waar grofvuil heen kan.
//!   audiences: [residents]
//! ```
//!
//! Right: the proposal extends the live application and says so.
//!
//! ```yaml
//! name: Herinnering afvalkalender
//! reuses:
//!   - afvalwijzer
//! ```
//!
//! ## Source
//! Beleidskader online aanwezigheid (2017/187239), 4 (beheer en beveiliging: for similar needs,
//! reuse functionality that is already there) and 6 Uitvoering (the central check decides on
//! reuse).
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een voorstel (`lifecycle.status: proposed`) lijkt op een toepassing die al live is en ten
//! minste één van dezelfde doelgroepen bedient: de woorden van hun `name`, `description` en
//! `need.problem` overlappen minstens zoveel als `reuse_similarity` in toets.toml (standaard 0,3,
//! dat is 30% van al hun verschillende woorden). Een live toepassing die het voorstel al noemt in
//! `reuses`, telt niet mee.
//!
//! ## Waarom
//! Het beleid: bij vergelijkbare vragen hergebruikt de gemeente de functionaliteit die ze al heeft,
//! die getest en beveiligd is, in plaats van iets nieuws te bouwen of te kopen. Deze waarschuwing
//! laat de centrale toets, voordat die besluit, zien welke live toepassing misschien al in de
//! behoefte voorziet.
//!
//! ## Voorbeeld
//! Fout: een voorstel naast de live `afvalwijzer`.
//!
//! ```yaml
//! name: Afvalkalender
//! need:
//!   problem: >-
//!     Inwoners weten niet wanneer welke container aan de straat moet en bellen daarover het
//!     Klantcontactcentrum; ook weten ze niet waar grofvuil heen kan.
//!   audiences: [residents]
//! ```
//!
//! Goed: het voorstel breidt de live toepassing uit en zegt dat.
//!
//! ```yaml
//! name: Herinnering afvalkalender
//! reuses:
//!   - afvalwijzer
//! ```
//!
//! ## Bron
//! Beleidskader online aanwezigheid (2017/187239), 4 (beheer en beveiliging: bij vergelijkbare
//! vragen (her)gebruik maken van reeds aanwezige functionaliteiten) en 6 Uitvoering (de centrale
//! toets besluit over hergebruik).

use std::collections::HashMap;

use rayon::prelude::*;

use super::facts::{Facts, jaccard};
use super::{Across, Check, Rule};
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    name: "reuse-candidate",
    severity: Severity::Warning,
    source: "Beleidskader online aanwezigheid (2017/187239), 4 (beheer en beveiliging), 6 Uitvoering",
    url: "",
    doc: include_str!("reuse_candidate.rs"),
    check: Check::Across(check),
};

/// At most this many similar live applications are named per proposal, the most similar first.
const MAX_SHOWN: usize = 3;

fn check(a: &Across, out: &mut Vec<Finding>) {
    for (proposal, live, similarity) in similar(a.records, a.cx.thresholds.reuse_similarity) {
        out.push(finding(a, proposal, live, similarity));
    }
}

/// Pairs of a proposal and a live record with an audience in common and a similarity of at least
/// `threshold`: at most [`MAX_SHOWN`] per proposal, the most similar first.
///
/// Not every pair is compared, which would take hours for 100,000 records. An index from each word
/// to the live records that use it counts, per proposal, how many words each live record shares
/// with it; only the few records that can still reach the threshold are compared in full. The
/// proposals are independent, so they are spread over the processors.
fn similar<'a>(records: &[&'a Facts], threshold: f64) -> Vec<(&'a Facts, &'a Facts, f64)> {
    let live: Vec<&Facts> = records.iter().copied().filter(|f| f.status == "live").collect();
    let index = Index::new(&live);
    let proposals: Vec<&Facts> =
        records.iter().copied().filter(|f| f.status == "proposed" && !f.words.is_empty()).collect();
    let found: Vec<Vec<(&Facts, f64)>> = proposals
        .par_iter()
        .map_init(
            || (vec![0u32; live.len()], Vec::new()),
            |(counts, touched), proposal| resembling(proposal, &live, &index, threshold, counts, touched),
        )
        .collect();
    let pairs = proposals.into_iter().zip(found);
    pairs.flat_map(|(proposal, found)| found.into_iter().map(move |(other, s)| (proposal, other, s))).collect()
}

/// The live records that resemble `proposal`, at most [`MAX_SHOWN`], the most similar first.
/// `counts` (one per live record) and `touched` are scratch space, left empty.
fn resembling<'a>(
    proposal: &Facts,
    live: &[&'a Facts],
    index: &Index,
    threshold: f64,
    counts: &mut [u32],
    touched: &mut Vec<u32>,
) -> Vec<(&'a Facts, f64)> {
    let frequent = index.count(&proposal.words, counts, touched) as f64;
    // Jaccard ≥ t needs at least t·max(|A|, |B|) shared words; the index did not count the
    // frequent ones, so those may add at most `frequent`. Most records share a word or two and
    // fail the first, cheap test against t·|A| alone.
    let bound = |words: usize| threshold * words as f64 - 1e-9 - frequent;
    let least = bound(proposal.words.len());
    let mut found: Vec<(&Facts, f64)> = Vec::new();
    for i in touched.drain(..) {
        let shared = f64::from(std::mem::take(&mut counts[i as usize]));
        if shared < least {
            continue;
        }
        let other = live[i as usize];
        if shared < bound(other.words.len()) || !related(proposal, other) {
            continue;
        }
        let similarity = jaccard(&proposal.words, &other.words);
        if similarity >= threshold {
            found.push((other, similarity));
        }
    }
    found.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.file.cmp(&y.0.file)));
    found.truncate(MAX_SHOWN);
    found
}

/// Whether a live record is worth naming to a proposal: an audience in common, and not already
/// reused by it.
fn related(proposal: &Facts, live: &Facts) -> bool {
    proposal.audiences.iter().any(|x| live.audiences.contains(x)) && !proposal.reuses(live.id_or_stem())
}

/// Word → the live records (by position) that use it.
struct Index {
    postings: HashMap<u64, Vec<u32>>,
    /// Words in more live records than this are too common to tell applications apart.
    limit: usize,
}

impl Index {
    fn new(live: &[&Facts]) -> Index {
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
        for (i, facts) in live.iter().enumerate() {
            for word in &facts.words {
                postings.entry(*word).or_default().push(i as u32);
            }
        }
        // 5% of the live records, but never fewer than 50: in a small registry every word counts.
        Index { postings, limit: (live.len() / 20).max(50) }
    }

    /// Adds 1 to `counts[i]` for each of `words` that live record `i` uses, and lists each `i`
    /// it touched once in `touched`. Returns how many of `words` were too frequent to count.
    fn count(&self, words: &[u64], counts: &mut [u32], touched: &mut Vec<u32>) -> usize {
        let mut frequent = 0;
        for word in words {
            match self.postings.get(word) {
                Some(records) if records.len() > self.limit => frequent += 1,
                Some(records) => {
                    for &i in records {
                        let count = &mut counts[i as usize];
                        if *count == 0 {
                            touched.push(i);
                        }
                        *count += 1;
                    }
                }
                None => {}
            }
        }
        frequent
    }
}

fn finding(a: &Across, proposal: &Facts, live: &Facts, similarity: f64) -> Finding {
    let lang = a.lang();
    let (name, id) = (&live.name, live.id_or_stem());
    let percent = (similarity * 100.0).floor();
    a.finding(
        &RULE,
        &proposal.file,
        proposal.problem,
        "/need/problem",
        lang.pick(
            format!("This proposal resembles the live application {name} (`{id}`): {percent}% of the words of their name, description and problem are the same."),
            format!("Dit voorstel lijkt op de live toepassing {name} (`{id}`): {percent}% van de woorden van hun naam, omschrijving en probleem is gelijk."),
        ),
    )
    .with_related(&live.file, live.problem, lang.pick(format!("the problem {name} solves"), format!("het probleem dat {name} oplost")))
    .with_help(lang.pick(
        format!("Check with the central check whether `{id}` can be reused or extended instead of building something new. If the proposal builds on it, add `{id}` to `reuses`; if the need is different, make the difference clear in `need.problem`."),
        format!("Ga met de centrale toets na of `{id}` kan worden hergebruikt of uitgebreid in plaats van iets nieuws te bouwen. Bouwt het voorstel erop voort, zet `{id}` dan in `reuses`; is de behoefte anders, maak het verschil dan duidelijk in `need.problem`."),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::facts::words;

    fn facts(file: &str, status: &str, audiences: &[&str], words: Vec<u64>) -> Facts {
        Facts {
            file: file.to_owned(),
            stem: file.to_owned(),
            status: status.to_owned(),
            audiences: audiences.iter().map(|a| (*a).to_owned()).collect(),
            words,
            ..Facts::default()
        }
    }

    #[test]
    fn jaccard_is_shared_words_over_all_words() {
        let a = words(&["Afval container kalender"]);
        let b = words(&["afval, Container; herinnering!"]);
        assert_eq!(jaccard(&a, &b), 2.0 / 4.0);
        assert_eq!(jaccard(&a, &a), 1.0);
        assert_eq!(jaccard(&a, &words(&["parkeren vergunning"])), 0.0);
        assert_eq!(jaccard(&[], &[]), 0.0);
        // Short and common words do not count: "de", "en", "voor", "het".
        assert_eq!(words(&["de afval en het voor"]), words(&["afval"]));
    }

    #[test]
    fn threshold_is_inclusive_and_audience_and_reuses_matter() {
        let live = facts("live", "live", &["residents"], words(&["alfa bravo charlie delta echo"]));
        // 3 shared of 5: 0.6 ≥ 0.6.
        let proposal = facts("p", "proposed", &["residents"], words(&["alfa bravo charlie"]));
        assert_eq!(similar(&[&live, &proposal], 0.6).len(), 1);
        assert_eq!(similar(&[&live, &proposal], 0.61).len(), 0);
        let other = facts("p", "proposed", &["staff"], words(&["alfa bravo charlie"]));
        assert_eq!(similar(&[&live, &other], 0.5).len(), 0);
    }

    /// A deterministic pseudo-random generator (splitmix64), so tests need no crate.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// `n` records: 10% proposed, 60% live, the rest other statuses; 20–40 words each from a
    /// vocabulary of `vocab` words, skewed so that a few words are very common (as in real text);
    /// one in ten proposals is a near-copy of a live record.
    fn synthetic(n: usize, vocab: u64) -> Vec<Facts> {
        let mut rng = Rng(42);
        let audiences = ["residents", "businesses", "partners", "staff"];
        let mut records: Vec<Facts> = Vec::with_capacity(n);
        for i in 0..n {
            let status = match i % 10 {
                0 => "proposed",
                1..=6 => "live",
                7 => "in_development",
                8 => "retired",
                _ => "rejected",
            };
            let len = 20 + rng.below(21);
            let mut ws: Vec<u64> = (0..len)
                .map(|_| {
                    let u = rng.below(1 << 20) as f64 / f64::from(1 << 20);
                    (u * u * vocab as f64) as u64
                })
                .collect();
            if status == "proposed" && i % 100 == 0 && i > 10 {
                // A near-copy of the live record just before it.
                ws = records[i - 9].words.clone();
                ws.truncate(ws.len() * 4 / 5);
                ws.push(vocab + i as u64);
            }
            ws.sort_unstable();
            ws.dedup();
            let audience = audiences[rng.below(4) as usize];
            records.push(facts(&format!("registry/app-{i:06}.yaml"), status, &[audience], ws));
        }
        records
    }

    /// Every pair compared in full: the reference the index must agree with.
    fn brute_force(records: &[Facts], threshold: f64) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for p in records.iter().filter(|f| f.status == "proposed") {
            let mut found: Vec<(&Facts, f64)> = records
                .iter()
                .filter(|l| l.status == "live" && related(p, l))
                .map(|l| (l, jaccard(&p.words, &l.words)))
                .filter(|(_, s)| *s >= threshold)
                .collect();
            found.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.file.cmp(&y.0.file)));
            out.extend(found.into_iter().take(MAX_SHOWN).map(|(l, _)| (p.file.clone(), l.file.clone())));
        }
        out
    }

    #[test]
    fn the_index_finds_what_comparing_every_pair_finds() {
        // 2,000 records over 20,000 words: no word reaches the frequency limit, so the index
        // must find exactly the same pairs.
        let owned = synthetic(2_000, 20_000);
        let records: Vec<&Facts> = owned.iter().collect();
        for threshold in [0.3, 0.5, 0.7] {
            let fast: Vec<(String, String)> =
                similar(&records, threshold).into_iter().map(|(p, l, _)| (p.file.clone(), l.file.clone())).collect();
            assert_eq!(fast, brute_force(&owned, threshold), "threshold {threshold}");
        }
        assert!(!similar(&records, 0.5).is_empty(), "the near-copies are found");
    }

    /// `cargo test --release --lib -- --ignored --nocapture reuse_candidate`
    #[test]
    #[ignore = "timing: run in release"]
    fn hundred_thousand_records() {
        let owned = synthetic(100_000, 5_000);
        let records: Vec<&Facts> = owned.iter().collect();
        let start = std::time::Instant::now();
        let pairs = similar(&records, 0.3);
        let elapsed = start.elapsed();
        println!(
            "reuse-candidate: 100,000 records (10,000 proposed, 60,000 live), {} pairs in {elapsed:?}",
            pairs.len()
        );
        assert!(elapsed.as_secs_f64() < 5.0, "too slow: {elapsed:?}");
    }
}
