//! Diff: what changed in a record, field by field, and which lines of its file changed. Both come
//! from `similar`; the field list is what the CIO reads, the lines decide which findings a pull
//! request brings.

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::Value;
use similar::{ChangeTag, TextDiff};

/// Text longer than this is shown as a word diff rather than as old and new value.
const LONG_TEXT: usize = 80;

/// One field that differs between the old and the new record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum FieldChange {
    /// A value that changed: `lifecycle.status: proposed -> approved`.
    Changed {
        field: String,
        old: String,
        new: String,
    },
    /// A long text that changed, as a word diff with `[-removed-]` and `{+added+}`.
    Text {
        field: String,
        diff: String,
    },
    Added {
        field: String,
        new: String,
    },
    Removed {
        field: String,
        old: String,
    },
}

impl FieldChange {
    pub fn field(&self) -> &str {
        match self {
            FieldChange::Changed { field, .. }
            | FieldChange::Text { field, .. }
            | FieldChange::Added { field, .. }
            | FieldChange::Removed { field, .. } => field,
        }
    }
}

/// Fields that name an item of a list of groups, in the order they are tried: a list whose
/// items all have one of them, each a different text, is compared by it (a domain by its name,
/// a contact by e-mail, a waiver by its rule), so an item added in the middle is one item added,
/// not every item after it changed.
const NATURAL_KEYS: &[&str] = &["fqdn", "email", "url", "rule", "processor", "standard", "means", "name", "id"];

/// The fields that differ between two records, in the order of the new record. Lists of plain
/// values are compared as sets (an item added or removed), lists of groups by their natural key
/// when they have one ([`NATURAL_KEYS`]), else item by item.
pub fn fields(old: &Value, new: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    walk("", old, new, &mut out);
    out
}

fn walk(path: &str, old: &Value, new: &Value, out: &mut Vec<FieldChange>) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in b {
                let field = join(path, key);
                match a.get(key) {
                    Some(before) => walk(&field, before, value, out),
                    None => out.push(FieldChange::Added { field, new: show(value) }),
                }
            }
            for (key, value) in a.iter().filter(|(k, _)| !b.contains_key(*k)) {
                out.push(FieldChange::Removed { field: join(path, key), old: show(value) });
            }
        }
        (Value::Array(a), Value::Array(b)) if a.iter().chain(b).all(is_plain) => {
            for item in b.iter().filter(|v| !a.contains(v)) {
                out.push(FieldChange::Added { field: path.to_owned(), new: show(item) });
            }
            for item in a.iter().filter(|v| !b.contains(v)) {
                out.push(FieldChange::Removed { field: path.to_owned(), old: show(item) });
            }
        }
        (Value::Array(a), Value::Array(b)) if natural_key(a, b).is_some() => {
            let key = natural_key(a, b).unwrap_or_default();
            let name = |v: &Value| v.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
            for value in b {
                let field = format!("{path}[{}]", name(value));
                match a.iter().find(|before| name(before) == name(value)) {
                    Some(before) => walk(&field, before, value, out),
                    None => out.push(FieldChange::Added { field, new: show(value) }),
                }
            }
            for value in a.iter().filter(|before| !b.iter().any(|v| name(v) == name(before))) {
                out.push(FieldChange::Removed { field: format!("{path}[{}]", name(value)), old: show(value) });
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, value) in b.iter().enumerate() {
                let field = format!("{path}[{i}]");
                match a.get(i) {
                    Some(before) => walk(&field, before, value, out),
                    None => out.push(FieldChange::Added { field, new: show(value) }),
                }
            }
            for (i, value) in a.iter().enumerate().skip(b.len()) {
                out.push(FieldChange::Removed { field: format!("{path}[{i}]"), old: show(value) });
            }
        }
        (a, b) if a == b => {}
        (Value::String(a), Value::String(b)) if a.chars().count() > LONG_TEXT || b.chars().count() > LONG_TEXT => {
            out.push(FieldChange::Text { field: path.to_owned(), diff: words(a, b) });
        }
        (a, b) => out.push(FieldChange::Changed { field: path.to_owned(), old: show(a), new: show(b) }),
    }
}

/// The first of [`NATURAL_KEYS`] that every item of both lists has, as a text unique within
/// its list.
fn natural_key(a: &[Value], b: &[Value]) -> Option<&'static str> {
    let names = |list: &[Value], key: &str| -> Option<BTreeSet<String>> {
        let names: Vec<&str> = list.iter().map(|v| v.get(key).and_then(Value::as_str)).collect::<Option<_>>()?;
        let unique: BTreeSet<String> = names.iter().map(|s| (*s).to_owned()).collect();
        (unique.len() == names.len()).then_some(unique)
    };
    NATURAL_KEYS.iter().copied().find(|key| names(a, key).is_some() && names(b, key).is_some())
}

fn is_plain(v: &Value) -> bool {
    !matches!(v, Value::Object(_) | Value::Array(_))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") }
}

/// A value in one line: text as is, groups as `{key: value, ...}`.
pub fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "(empty)".to_owned(),
        Value::Array(items) => format!("[{}]", items.iter().map(show).collect::<Vec<_>>().join(", ")),
        Value::Object(map) => {
            format!("{{{}}}", map.iter().map(|(k, v)| format!("{k}: {}", show(v))).collect::<Vec<_>>().join(", "))
        }
        other => other.to_string(),
    }
}

/// A word diff: unchanged words as they are, `[-removed-]` and `{+added+}` around the rest.
pub fn words(old: &str, new: &str) -> String {
    let diff = TextDiff::from_words(old, new);
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match change.tag() {
            ChangeTag::Equal => out.push_str(text),
            ChangeTag::Delete => out.push_str(&format!("[-{text}-]")),
            ChangeTag::Insert => out.push_str(&format!("{{+{text}+}}")),
        }
    }
    out
}

/// The lines of `new` (1-based) that are added or changed relative to `old`.
pub fn changed_lines(old: &str, new: &str) -> BTreeSet<usize> {
    TextDiff::from_lines(old, new)
        .iter_all_changes()
        .filter(|c| c.tag() == ChangeTag::Insert)
        .filter_map(|c| c.new_index().map(|i| i + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_lists_changed_added_and_removed_values() {
        let old = json!({"lifecycle": {"status": "proposed"}, "need": {"audiences": ["residents"]}, "reuses": ["a"]});
        let new = json!({"lifecycle": {"status": "approved"}, "need": {"audiences": ["residents", "businesses"]}, "costs": {"development_eur": 100}});
        assert_eq!(
            fields(&old, &new),
            vec![
                FieldChange::Changed {
                    field: "lifecycle.status".into(),
                    old: "proposed".into(),
                    new: "approved".into()
                },
                FieldChange::Added { field: "need.audiences".into(), new: "businesses".into() },
                FieldChange::Added { field: "costs".into(), new: "{development_eur: 100}".into() },
                FieldChange::Removed { field: "reuses".into(), old: "[a]".into() },
            ]
        );
    }

    #[test]
    fn lists_of_groups_compare_by_their_natural_key() {
        let domain = |fqdn: &str| json!({"fqdn": fqdn, "status": "active"});
        let old = json!({"domains": [domain("a.nl"), domain("c.nl")]});
        let mut new = json!({"domains": [domain("a.nl"), domain("b.nl"), domain("c.nl")]});
        assert_eq!(
            fields(&old, &new),
            vec![FieldChange::Added { field: "domains[b.nl]".into(), new: "{fqdn: b.nl, status: active}".into() }]
        );
        new["domains"][2]["status"] = json!("parked");
        assert_eq!(fields(&old, &new)[1].field(), "domains[c.nl].status");
    }

    #[test]
    fn lists_of_groups_without_a_natural_key_compare_item_by_item() {
        let old = json!({"authentication": [{"level": "basis"}]});
        let new = json!({"authentication": [{"level": "substantieel"}, {"level": "hoog"}]});
        assert_eq!(
            fields(&old, &new),
            vec![
                FieldChange::Changed {
                    field: "authentication[0].level".into(),
                    old: "basis".into(),
                    new: "substantieel".into()
                },
                FieldChange::Added { field: "authentication[1]".into(), new: "{level: hoog}".into() },
            ]
        );
    }

    #[test]
    fn long_text_is_a_word_diff() {
        let old = "Inwoners weten niet wanneer hun container aan de straat moet, en bellen daarom vaak het klantcontactcentrum.";
        let new = "Inwoners weten niet wanneer hun minicontainer aan de straat moet, en bellen daarom vaak het klantcontactcentrum.";
        assert_eq!(
            fields(&json!({"need": {"problem": old}}), &json!({"need": {"problem": new}})),
            vec![FieldChange::Text {
                field: "need.problem".into(),
                diff: "Inwoners weten niet wanneer hun [-container-]{+minicontainer+} aan de straat moet, en bellen daarom vaak het klantcontactcentrum.".into()
            }]
        );
    }

    #[test]
    fn changed_lines_are_those_of_the_new_text() {
        assert_eq!(changed_lines("a\nb\nc\n", "a\nB\nc\nd\n"), BTreeSet::from([2, 4]));
        assert_eq!(changed_lines("", "a\nb\n"), BTreeSet::from([1, 2]));
    }
}
