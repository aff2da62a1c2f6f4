//! Example: the YAML to write for the fields a finding asks for. "Add `privacy.statement_url`",
//! written literally at the top of a record, is a field toets does not know; so every finding
//! that names nested fields (`group.field`) also shows where they go, with their indentation and
//! a value of the right kind from the schema (its `examples`, its first allowed code, a date).

use serde_json::Value;

use crate::finding::{Finding, Lang};

/// At most this many fields in one example.
const MAX_FIELDS: usize = 4;

/// Adds the example to the help of every finding whose message or help names nested fields of
/// `schema`.
pub fn enrich(findings: &mut [Finding], schema: &Value, lang: Lang) {
    for f in findings {
        let mut paths = fields(&f.message);
        if let Some(help) = &f.help {
            paths.extend(fields(help));
        }
        paths.dedup();
        paths.retain(|p| leaf(schema, p).is_some());
        paths.truncate(MAX_FIELDS);
        if paths.is_empty() || f.help.as_deref().is_some_and(|h| h.contains("\n    ")) {
            continue;
        }
        let yaml = yaml(schema, &paths);
        let lead = lang.pick("Written in the record, with its indentation:", "In de registratie, met het inspringen:");
        let help = f.help.take().map(|h| format!("{h}\n\n")).unwrap_or_default();
        f.help = Some(format!("{help}{lead}\n\n{yaml}"));
    }
}

/// The field paths in backticks in `text` that name a nested field: `a.b` or `a.b.c`, lowercase
/// names with underscores, nothing else in the backticks.
fn fields(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, part) in text.split('`').enumerate() {
        let is_path = i % 2 == 1
            && part.contains('.')
            && part.split('.').all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
        if is_path && !out.iter().any(|p| p == part) {
            out.push(part.to_owned());
        }
    }
    out
}

/// The schema of the field at `path`, if the schema has it.
fn leaf<'a>(schema: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(schema, |s, name| s.get("properties")?.get(name))
}

/// The fields as nested YAML, indented four spaces (a block in Markdown and in the terminal).
fn yaml(schema: &Value, paths: &[String]) -> String {
    let mut out = String::new();
    let mut written: Vec<String> = Vec::new();
    for path in paths {
        let names: Vec<&str> = path.split('.').collect();
        for (depth, name) in names.iter().enumerate() {
            let prefix = names[..=depth].join(".");
            if written.contains(&prefix) {
                continue;
            }
            let indent = "  ".repeat(depth);
            match leaf(schema, path).filter(|_| depth + 1 == names.len()) {
                Some(field) if field.get("properties").is_some() => {
                    out.push_str(&format!("    {indent}{name}:\n"));
                    group(&mut out, field, depth + 1);
                }
                Some(field) => out.push_str(&format!("    {indent}{name}: {}\n", sample(field))),
                None => out.push_str(&format!("    {indent}{name}:\n")),
            }
            written.push(prefix);
        }
    }
    out.trim_end().to_owned()
}

/// The fields of a group the schema requires (else all of them, at most [`MAX_FIELDS`]), each
/// with a value, at `depth`.
fn group(out: &mut String, field: &Value, depth: usize) {
    let Some(props) = field.get("properties").and_then(Value::as_object) else { return };
    let required: Vec<&str> = field
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let indent = "  ".repeat(depth);
    let names = props.keys().filter(|k| required.is_empty() || required.contains(&k.as_str())).take(MAX_FIELDS);
    for name in names {
        out.push_str(&format!("    {indent}{name}: {}\n", sample(&props[name])));
    }
}

/// A value of the right kind for a field: its first example, its first allowed code, or one
/// made from its type and format.
fn sample(field: &Value) -> String {
    if let Some(v) = field.get("examples").and_then(|e| e.get(0)).or_else(|| field.get("enum").and_then(|e| e.get(0))) {
        return match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
    }
    match (field.get("type").and_then(Value::as_str), field.get("format").and_then(Value::as_str)) {
        (_, Some("date")) => "2026-01-31".into(),
        (_, Some("uri")) => "https://www.voorbeeldstad.nl/...".into(),
        (_, Some("email")) => "naam@voorbeeldstad.nl".into(),
        (Some("integer" | "number"), _) => "0".into(),
        (Some("boolean"), _) => "true".into(),
        (Some("array"), _) => "[]".into(),
        (Some("object"), _) => "{}".into(),
        _ => "...".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema() -> Value {
        json!({"properties": {
            "privacy": {"properties": {
                "statement_url": {"type": "string", "format": "uri", "examples": ["https://www.example.nl/privacy"]},
                "dpia": {"properties": {"required": {"type": "boolean"}}}
            }},
            "accessibility": {"properties": {"status": {"enum": ["A", "B"]}, "audit_date": {"format": "date"}}}
        }})
    }

    #[test]
    fn nested_fields_are_written_with_their_groups_and_a_value() {
        let paths = vec!["privacy.statement_url".to_owned(), "privacy.dpia.required".to_owned()];
        assert_eq!(
            yaml(&schema(), &paths),
            "    privacy:\n      statement_url: https://www.example.nl/privacy\n      dpia:\n        required: true"
        );
    }

    #[test]
    fn a_group_is_written_with_the_fields_it_requires() {
        let schema = json!({"properties": {"security": {"properties": {"pentest": {
            "required": ["date", "open_high"],
            "properties": {"date": {"format": "date"}, "report_ref": {"type": "string"}, "open_high": {"type": "integer"}}
        }}}}});
        assert_eq!(
            yaml(&schema, &["security.pentest".to_owned()]),
            "    security:\n      pentest:\n        date: 2026-01-31\n        open_high: 0"
        );
    }

    #[test]
    fn only_fields_the_schema_has_are_shown() {
        let mut f = Finding::error("privacy-statement-missing", "a.yaml", crate::finding::Pos::default(), "m".into())
            .with_help(
                "Add `privacy.statement_url` and `accessibility.status`, not `standards.https_hsts: true` or `x.y`.",
            );
        enrich(std::slice::from_mut(&mut f), &schema(), Lang::En);
        assert_eq!(
            f.help.as_deref().unwrap_or_default().split("\n\n").skip(1).collect::<Vec<_>>().join("\n\n"),
            "Written in the record, with its indentation:\n\n    privacy:\n      statement_url: https://www.example.nl/privacy\n    accessibility:\n      status: A"
        );
    }
}
