//! Facts: the little that rules across records need of each record, kept after its file is
//! dropped so that memory stays flat for 100,000 records.

use std::borrow::Cow;

use serde_json::Value;

use crate::finding::Pos;
use crate::load::{Document, Step};

/// A value of a record and where it stands.
#[derive(Clone, Debug)]
pub struct Located {
    pub value: String,
    pub pointer: String,
    pub pos: Pos,
}

/// A waiver as written in a record.
#[derive(Clone, Debug)]
pub struct Waiver {
    pub rule: String,
    pub reason: String,
    pub expires: Option<jiff::civil::Date>,
    pub pointer: String,
    pub pos: Pos,
}

/// What cross-record rules know of one record.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub file: String,
    /// File name without `.yaml`.
    pub stem: String,
    pub id: Option<Located>,
    pub name: String,
    pub status: String,
    pub audiences: Vec<String>,
    /// Distinct words of name, description and purpose, for reuse detection.
    pub words: Vec<String>,
    pub domains: Vec<Located>,
    /// `reuses[]` and `lifecycle.replaced_by`: ids of other records.
    pub references: Vec<Located>,
    pub waivers: Vec<Waiver>,
}

impl Facts {
    /// Gathers the facts of a record; missing or mistyped fields are left out.
    pub fn of(doc: &Document, file: &str, stem: &str) -> Facts {
        let v = &doc.value;
        let text = |p: &str| v.pointer(p).and_then(Value::as_str).unwrap_or_default().to_owned();
        let located = |p: String| {
            let value = v.pointer(&p)?.as_str()?.to_owned();
            Some(Located { value, pos: pos(doc, &p), pointer: p })
        };
        let list = |p: &str| -> Vec<Located> {
            let n = v.pointer(p).and_then(Value::as_array).map_or(0, Vec::len);
            (0..n).filter_map(|i| located(format!("{p}/{i}"))).collect()
        };
        let mut references = list("/reuses");
        references.extend(located("/lifecycle/replaced_by".to_owned()));
        Facts {
            file: file.to_owned(),
            stem: stem.to_owned(),
            id: located("/id".to_owned()),
            name: text("/name"),
            status: text("/lifecycle/status"),
            audiences: list("/need/audiences").into_iter().map(|l| l.value).collect(),
            words: words(&[&text("/name"), &text("/description"), &text("/need/problem")]),
            domains: list("/domains"),
            references,
            waivers: waivers(doc),
        }
    }

    pub fn is_retired(&self) -> bool {
        self.status == "retired"
    }
}

fn waivers(doc: &Document) -> Vec<Waiver> {
    let items = doc.value.pointer("/waivers").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
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
                pointer,
            }
        })
        .collect()
}

/// One entry of the domain overview.
#[derive(Clone, Debug)]
pub struct Domain {
    pub fqdn: String,
    pub status: String,
    pub pointer: String,
    pub pos: Pos,
}

/// The municipality's overview of its domain names.
#[derive(Clone, Debug, Default)]
pub struct Overview {
    pub file: String,
    pub domains: Vec<Domain>,
}

impl Overview {
    pub fn of(doc: &Document, file: &str) -> Overview {
        let items = doc.value.pointer("/domains").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
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
        Overview { file: file.to_owned(), domains }
    }

    pub fn get(&self, fqdn: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.fqdn == fqdn)
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

/// Distinct lowercase words of at least three letters, without the most common ones.
pub fn words(texts: &[&str]) -> Vec<String> {
    const COMMON: &[&str] = &[
        "and", "the", "for", "with", "van", "het", "een", "voor", "met", "die", "dat", "zijn", "niet", "ook", "aan",
        "hun", "wat", "wie", "waar", "hoe", "kan", "kunnen", "worden", "wordt", "naar", "bij", "door", "per", "als",
        "over", "nog", "maar", "dan", "dit", "deze", "our", "are", "can", "not", "who", "how",
    ];
    let mut out: Vec<String> = texts
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !COMMON.contains(&w.as_str()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}
