//! Template: `toets new <id>` writes a record with every required field, generated from the schema
//! so that template and schema cannot drift apart. Each field is preceded by its title and
//! description from the schema, in the chosen language; empty fields make `toets check` list
//! exactly what is still to fill in.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::config::Config;
use crate::error::ToolError;
use crate::finding::Lang;

/// What `toets new` did.
pub struct Written {
    pub path: PathBuf,
    /// The record it replaced (with `--force`), described for the department.
    pub replaced: Option<String>,
}

/// Writes `<registry>/<id>.yaml`.
pub fn write(root: &Path, config: &Config, id: &str, force: bool, lang: Lang) -> Result<Written, ToolError> {
    if !valid_id(id) {
        return Err(ToolError::Usage(lang.pick(
            format!("`{id}` cannot be an id: use 1 to 63 lowercase letters, digits and single hyphens, e.g. `afvalwijzer`."),
            format!("`{id}` kan geen kenmerk zijn: gebruik 1 tot 63 kleine letters, cijfers en losse koppeltekens, bijv. `afvalwijzer`."),
        )));
    }
    let schema_path = root.join(&config.schema);
    let text = std::fs::read_to_string(&schema_path)
        .map_err(|e| ToolError::Schema { path: schema_path.display().to_string(), reason: e.to_string() })?;
    let schema: Value = serde_json::from_str(&text)
        .map_err(|e| ToolError::Schema { path: schema_path.display().to_string(), reason: e.to_string() })?;
    let path = root.join(&config.registry).join(format!("{id}.yaml"));
    // Never write through a link: its target may lie outside the repository.
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(ToolError::Usage(lang.pick(
            format!("{} is a link; toets does not write through links.", path.display()),
            format!("{} is een koppeling; toets schrijft niet via koppelingen.", path.display()),
        )));
    }
    let replaced = path.exists().then(|| existing(&path, lang));
    let shown = config.registry.join(format!("{id}.yaml"));
    if let (Some(what), false) = (&replaced, force) {
        return Err(ToolError::Usage(lang.pick(
            format!(
                "{} exists already: {what}. Choose another id, or change that record. \
                 (`--force` would replace it with an empty template.)",
                shown.display()
            ),
            format!(
                "{} bestaat al: {what}. Kies een ander kenmerk, of wijzig die registratie. \
                 (`--force` zou hem vervangen door een lege sjabloon.)",
                shown.display()
            ),
        )));
    }
    let up = "../".repeat(config.registry.components().count());
    let schema_ref = format!("{up}{}", config.schema.to_string_lossy().replace('\\', "/"));
    let io = |e: std::io::Error| ToolError::Io { path: path.display().to_string(), reason: e.to_string() };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    std::fs::write(&path, render(&schema, &schema_ref, id, lang)).map_err(io)?;
    Ok(Written { path: shown, replaced })
}

/// What an existing file holds, in a few words: the record's name and status, and its size.
fn existing(path: &Path, lang: Lang) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines = text.lines().count();
    let doc = crate::load::parse(&text, "", &crate::load::Limits::default(), lang).ok();
    let field = |p: &str| doc.as_ref().and_then(|d| d.value.pointer(p)?.as_str().map(str::to_owned));
    match (field("/name"), field("/lifecycle/status")) {
        (Some(name), Some(status)) => lang.pick(
            format!("the record of {name} (status: {status}), {lines} lines"),
            format!("de registratie van {name} (status: {status}), {lines} regels"),
        ),
        _ => lang.pick(format!("a file of {lines} lines"), format!("een bestand van {lines} regels")),
    }
}

/// An id as the schema allows it: `^[a-z0-9]+(-[a-z0-9]+)*$`, at most 63 characters.
fn valid_id(id: &str) -> bool {
    id.len() <= 63
        && !id.is_empty()
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// The template text for `id`.
pub fn render(schema: &Value, schema_ref: &str, id: &str, lang: Lang) -> String {
    let mut out = format!("# yaml-language-server: $schema={schema_ref}\n");
    out.push_str(lang.pick(
        "# Fill in every empty field. Lines starting with # explain the field below them.\n\
         # Run `toets check` to see what is still missing.\n",
        "# Vul elk leeg veld in. Regels die met # beginnen leggen het veld eronder uit.\n\
         # Voer `toets check` uit om te zien wat nog ontbreekt.\n",
    ));
    fields(&mut out, schema, id, "", "", lang);
    out
}

/// Writes the required properties of an object schema; `first` prefixes the first one (`- `).
fn fields(out: &mut String, schema: &Value, id: &str, indent: &str, first: &str, lang: Lang) {
    let Some(props) = schema.get("properties").and_then(Value::as_object) else { return };
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    // In a list item, the first field follows `- `; the others align with it.
    let inner = format!("{indent}{}", " ".repeat(first.len()));
    let mut lead = format!("{indent}{first}");
    for (name, prop) in props.iter().filter(|(n, _)| required.contains(&n.as_str())) {
        comment(out, prop, if lead == inner { &inner } else { indent }, lang);
        let value =
            if name == "id" { Some(Value::from(id)) } else { prop.get("const").or(prop.get("default")).cloned() };
        match (value, prop.get("type").and_then(Value::as_str)) {
            (Some(v), _) => {
                let _ = writeln!(out, "{lead}{name}: {v}");
            }
            (None, Some("object")) => {
                let _ = writeln!(out, "{lead}{name}:");
                fields(out, prop, id, &format!("{inner}  "), "", lang);
            }
            (None, Some("array")) if prop.pointer("/items/type").and_then(Value::as_str) == Some("object") => {
                let _ = writeln!(out, "{lead}{name}:");
                let items = prop.get("items").unwrap_or(&Value::Null);
                fields(out, items, id, &format!("{inner}  "), "- ", lang);
            }
            _ => {
                let _ = writeln!(out, "{lead}{name}:");
            }
        }
        lead.clone_from(&inner);
    }
}

/// The field's title, description and allowed values as comment lines.
fn comment(out: &mut String, prop: &Value, indent: &str, lang: Lang) {
    let pick = |key: &str, sep: &str| {
        prop.get(key).and_then(Value::as_str).map(|raw| match raw.split_once(sep) {
            Some((nl, en)) => lang.pick(en, nl).trim().to_owned(),
            None => raw.to_owned(),
        })
    };
    let title = pick("title", " · ");
    let description = pick("description", "\n\n");
    let line = match (title, description) {
        (Some(t), Some(d)) => format!("{t}: {d}"),
        (Some(t), None) => t,
        (None, Some(d)) => d,
        (None, None) => return,
    };
    for l in line.lines() {
        let _ = writeln!(out, "{indent}# {l}");
    }
    let allowed = prop.get("enum").or(prop.pointer("/items/enum")).and_then(Value::as_array);
    if let Some(values) = allowed {
        let list: Vec<String> = values.iter().map(|v| v.as_str().map_or(v.to_string(), str::to_owned)).collect();
        let _ = writeln!(out, "{indent}# {}: {}", lang.pick("Allowed", "Toegestaan"), list.join(", "));
    }
}

#[cfg(test)]
mod tests {
    use super::valid_id;

    #[test]
    fn ids() {
        assert!(valid_id("afvalwijzer"));
        assert!(valid_id("park-3"));
        assert!(!valid_id("Park"));
        assert!(!valid_id("park--3"));
        assert!(!valid_id("-park"));
        assert!(!valid_id(""));
        assert!(!valid_id(&"a".repeat(64)));
    }
}
