//! Schema: validates a [`Document`] against the registry's JSON Schema and turns every error into
//! a finding at the exact node, in words a civil servant understands.
//!
//! The schema's own `title` and `description` ("Dutch · English", "Dutch\n\nEnglish") feed the
//! messages and help lines, so the help an editor shows while typing and the help toets prints
//! after a check are one text.

use std::borrow::Cow;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::paths::LocationSegment;
use jsonschema::{JsonType, ValidationError, Validator};
use serde_json::Value;

use crate::error::ToolError;
use crate::finding::{Finding, Lang};
use crate::load::{Document, Step};

/// A compiled schema together with its source, which supplies titles and descriptions.
pub struct Schema {
    validator: Validator,
    source: Value,
}

impl Schema {
    /// The schema as written, for the examples of fields ([`crate::example`]).
    pub fn source(&self) -> &Value {
        &self.source
    }

    /// Compiles the schema text of the file `path` (JSON Schema 2020-12, formats asserted).
    pub fn from_text(text: &str, path: &str) -> Result<Schema, ToolError> {
        let source: Value = serde_json::from_str(text)
            .map_err(|e| ToolError::Schema { path: path.to_owned(), reason: e.to_string() })?;
        Schema::compile(source, path)
    }

    fn compile(source: Value, path: &str) -> Result<Schema, ToolError> {
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&source)
            .map_err(|e| ToolError::Schema { path: path.to_owned(), reason: e.to_string() })?;
        Ok(Schema { validator, source })
    }

    /// Every schema error in `doc`, as findings of rule `schema`.
    pub fn check(&self, doc: &Document, rel: &str, lang: Lang) -> Vec<Finding> {
        let mut out = Vec::new();
        // Most records are valid: a yes/no answer is much cheaper than collecting errors.
        if self.validator.is_valid(&doc.value) {
            return out;
        }
        let mut empty_reported = std::collections::HashSet::new();
        for error in self.validator.iter_errors(&doc.value) {
            // An empty field breaks its type and its enum alike: "still empty" says it once.
            if error.instance().is_null() && !empty_reported.insert(error.instance_path().as_str().to_owned()) {
                continue;
            }
            self.explain(&error, doc, rel, lang, &mut out);
        }
        out
    }

    /// The schema node that holds the keyword that failed.
    fn subschema(&self, error: &ValidationError) -> Option<&Value> {
        let path = error.schema_path().as_str();
        let parent = path.rsplit_once('/').map_or("", |(p, _)| p);
        self.source.pointer(parent)
    }

    fn explain(&self, error: &ValidationError, doc: &Document, rel: &str, lang: Lang, out: &mut Vec<Finding>) {
        let path: Vec<Step> = error
            .instance_path()
            .iter()
            .map(|s| match s {
                LocationSegment::Property(p) => Step::Key(Cow::Owned(p.into_owned())),
                LocationSegment::Index(i) => Step::Index(i),
            })
            .collect();
        let sub = self.subschema(error);
        let field = field_name(&path);
        let title = sub.and_then(|s| text(s, "title", lang));
        let finding = |path: &[Step], key: bool, message: String| {
            Finding::error("schema", rel, doc.pos(path, key), message).at_pointer(pointer(path))
        };
        let instance = error.instance();
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let allowed: Vec<&str> = sub
                    .and_then(|s| s.get("properties"))
                    .and_then(Value::as_object)
                    .map(|p| p.keys().map(String::as_str).collect())
                    .unwrap_or_default();
                for key in unexpected {
                    let mut at = path.clone();
                    at.push(Step::Key(Cow::Borrowed(key)));
                    let place = if path.is_empty() {
                        lang.pick("a record".to_owned(), "een registratie".to_owned())
                    } else {
                        format!("`{field}`")
                    };
                    let message = lang.pick(
                        format!("`{key}` is not a known field of {place}."),
                        format!("`{key}` is geen bekend veld van {place}."),
                    );
                    out.push(finding(&at, true, message).with_help(suggest(key, &allowed, lang)));
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                let prop = sub.and_then(|s| s.pointer(&format!("/properties/{name}")));
                let full = join(&field, name);
                let label = prop.and_then(|p| text(p, "title", lang)).map(|t| format!(" ({t})")).unwrap_or_default();
                let message = lang.pick(
                    format!("The required field `{full}`{label} is missing."),
                    format!("Het verplichte veld `{full}`{label} ontbreekt."),
                );
                let mut f = finding(&path, true, message);
                if let Some(d) = prop.and_then(|p| text(p, "description", lang)) {
                    f = f.with_help(d);
                }
                out.push(f);
            }
            kind => {
                let message = value_message(kind, instance, &field, title.as_deref(), lang);
                // An empty field is shown at its name: there is no value to point at.
                let mut f = finding(&path, instance.is_null(), message);
                let hint = match kind {
                    ValidationErrorKind::Enum { options } => instance.as_str().map(|v| {
                        suggest(
                            v,
                            &options
                                .as_array()
                                .map(|o| o.iter().filter_map(Value::as_str).collect::<Vec<_>>())
                                .unwrap_or_default(),
                            lang,
                        )
                    }),
                    _ => sub.and_then(|s| text(s, "description", lang)).map(Cow::into_owned),
                };
                if let Some(h) = hint {
                    f = f.with_help(h);
                }
                out.push(f);
            }
        }
    }
}

/// The message for an error about a value (not about which fields there are).
fn value_message(kind: &ValidationErrorKind, instance: &Value, field: &str, title: Option<&str>, lang: Lang) -> String {
    let name = match title {
        Some(t) => format!("`{field}` ({t})"),
        None => format!("`{field}`"),
    };
    let shown = show(instance);
    use ValidationErrorKind as K;
    match kind {
        K::Type { .. } | K::MinLength { limit: 1 } if is_empty(instance) => {
            lang.pick(format!("{name} is still empty: fill it in."), format!("{name} is nog leeg: vul het in."))
        }
        K::Type { kind } => {
            let want = type_words(kind, lang);
            lang.pick(
                format!("{name} must be {want}, but it is {shown}."),
                format!("{name} moet {want} zijn, maar het is {shown}."),
            )
        }
        K::Enum { options } => {
            let allowed = list(options);
            lang.pick(
                format!("{shown} is not an allowed value for {name}. Allowed: {allowed}."),
                format!("{shown} is geen toegestane waarde voor {name}. Toegestaan: {allowed}."),
            )
        }
        K::Constant { expected_value } => lang.pick(
            format!("{name} must be {}, not {shown}.", show(expected_value)),
            format!("{name} moet {} zijn, niet {shown}.", show(expected_value)),
        ),
        K::Format { format } => format_message(format, &name, &shown, lang),
        K::Pattern { .. } => lang.pick(
            format!("{shown} does not have the right form for {name}."),
            format!("{shown} heeft niet de juiste vorm voor {name}."),
        ),
        K::MinLength { limit } => lang.pick(
            format!("{name} must be at least {limit} characters long."),
            format!("{name} moet minstens {limit} tekens lang zijn."),
        ),
        K::MaxLength { limit } => {
            let len = instance.as_str().map_or(0, |s| s.chars().count());
            lang.pick(
                format!("{name} is {len} characters long; at most {limit} are allowed."),
                format!("{name} is {len} tekens lang; hoogstens {limit} zijn toegestaan."),
            )
        }
        K::MinItems { limit } => lang.pick(
            format!("{name} needs at least {limit} entries."),
            format!("{name} moet minstens {limit} onderdelen hebben."),
        ),
        K::MaxItems { limit } => lang.pick(
            format!("{name} may have at most {limit} entries."),
            format!("{name} mag hoogstens {limit} onderdelen hebben."),
        ),
        K::Minimum { limit } | K::ExclusiveMinimum { limit } => lang.pick(
            format!("{name} must be at least {limit}, but it is {shown}."),
            format!("{name} moet minstens {limit} zijn, maar het is {shown}."),
        ),
        K::Maximum { limit } | K::ExclusiveMaximum { limit } => lang.pick(
            format!("{name} may be at most {limit}, but it is {shown}."),
            format!("{name} mag hoogstens {limit} zijn, maar het is {shown}."),
        ),
        K::UniqueItems => lang.pick(
            format!("{name} lists the same entry more than once."),
            format!("{name} noemt hetzelfde onderdeel meer dan eens."),
        ),
        other => lang.pick(
            format!("{name} does not meet the schema: {}.", other.keyword()),
            format!("{name} voldoet niet aan het schema: {}.", other.keyword()),
        ),
    }
}

fn format_message(format: &str, name: &str, shown: &str, lang: Lang) -> String {
    match format {
        "date" => lang.pick(
            format!("{shown} is not a date for {name}: write it as YYYY-MM-DD, for example 2024-03-01."),
            format!("{shown} is geen datum voor {name}: schrijf die als JJJJ-MM-DD, bijvoorbeeld 2024-03-01."),
        ),
        "email" => lang.pick(
            format!("{shown} is not an e-mail address for {name}."),
            format!("{shown} is geen e-mailadres voor {name}."),
        ),
        "uri" => lang.pick(
            format!("{shown} is not a complete web address for {name} (it starts with https://)."),
            format!("{shown} is geen volledig webadres voor {name} (het begint met https://)."),
        ),
        other => lang.pick(
            format!("{shown} is not a valid {other} for {name}."),
            format!("{shown} is geen geldige {other} voor {name}."),
        ),
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

fn type_words(kind: &TypeKind, lang: Lang) -> String {
    let one = |t: &JsonType| match t {
        JsonType::String => lang.pick("text", "tekst"),
        JsonType::Integer => lang.pick("a whole number", "een geheel getal"),
        JsonType::Number => lang.pick("a number", "een getal"),
        JsonType::Boolean => lang.pick("true or false", "true of false"),
        JsonType::Array => lang.pick("a list (lines starting with `- `)", "een lijst (regels die beginnen met `- `)"),
        JsonType::Object => lang.pick("a group of fields (`name: value`)", "een groep velden (`naam: waarde`)"),
        JsonType::Null => lang.pick("empty", "leeg"),
    };
    match kind {
        TypeKind::Single(t) => one(t).to_owned(),
        TypeKind::Multiple(set) => {
            let words: Vec<&str> = set.iter().map(|t| one(&t)).collect();
            words.join(lang.pick(" or ", " of "))
        }
    }
}

/// A value as a civil servant would recognise it in their file.
fn show(v: &Value) -> String {
    match v {
        Value::String(s) => format!("`{s}`"),
        Value::Null => "empty".to_owned(),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a group of fields".to_owned(),
        other => format!("`{other}`"),
    }
}

fn list(options: &Value) -> String {
    options.as_array().map(|o| o.iter().map(show).collect::<Vec<_>>().join(", ")).unwrap_or_default()
}

/// "Did you mean" for a near miss, else the full list of what is allowed.
fn suggest(given: &str, allowed: &[&str], lang: Lang) -> String {
    let given = given.to_lowercase();
    let best = allowed
        .iter()
        .map(|a| (a.to_lowercase(), *a))
        .filter(|(lower, _)| may_be_near(&given, lower))
        .map(|(lower, a)| (strsim::jaro_winkler(&given, &lower), a))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, a)) => lang.pick(format!("Did you mean `{a}`?"), format!("Bedoelt u `{a}`?")),
        None if allowed.is_empty() => lang.pick("Remove it.".to_owned(), "Haal het weg.".to_owned()),
        None => {
            let all = allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
            lang.pick(format!("Allowed here: {all}."), format!("Toegestaan hier: {all}."))
        }
    }
}

/// Whether `a` and `b` can score above 0.8 (Jaro-Winkler) at all: that needs a Jaro score
/// above 2/3, so `m/|a| + m/|b| > 1` for the `m` characters they match, and `m` is at most the
/// characters they have in common. A cheap count that spares the full comparison for most keys
/// of a file with thousands of unknown ones.
fn may_be_near(a: &str, b: &str) -> bool {
    if !a.is_ascii() || !b.is_ascii() || a.is_empty() || b.is_empty() {
        return true;
    }
    let mut counts = [0i32; 128];
    a.bytes().for_each(|c| counts[usize::from(c)] += 1);
    let common = b.bytes().filter(|&c| {
        let n = &mut counts[usize::from(c)];
        *n -= 1;
        *n >= 0
    });
    let m = common.count() as f64;
    m / a.len() as f64 + m / b.len() as f64 > 1.0
}

/// The schema's bilingual text: titles are "Dutch · English", descriptions "Dutch\n\nEnglish".
fn text<'s>(schema: &'s Value, key: &str, lang: Lang) -> Option<Cow<'s, str>> {
    let raw = schema.get(key)?.as_str()?;
    let sep = if key == "title" { " · " } else { "\n\n" };
    let part = match raw.split_once(sep) {
        Some((nl, en)) => lang.pick(en, nl),
        None => raw,
    };
    Some(Cow::Borrowed(part.trim()))
}

/// `privacy.dpia.date` or `contacts[1].email`: how a field is named in messages.
pub fn field_name(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() { name.to_owned() } else { format!("{parent}.{name}") }
}

/// The RFC 6901 JSON pointer of a path.
pub fn pointer(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        out.push('/');
        match step {
            Step::Key(k) => out.push_str(&k.replace('~', "~0").replace('/', "~1")),
            Step::Index(i) => out.push_str(&i.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::may_be_near;

    /// The count only spares comparisons that could not score above 0.8: every pair that does,
    /// among the near misses a department writes and keys that have nothing in common, passes it.
    #[test]
    fn the_cheap_count_never_drops_a_near_miss() {
        let words = [
            "description",
            "descripton",
            "department",
            "departement",
            "owner",
            "ownr",
            "onbekend_00001",
            "privacy",
            "privacy_statement",
            "statement_url",
            "statment_url",
            "lifecycle",
            "life_cycle",
            "kind",
            "knid",
            "a",
            "",
        ];
        let (mut near, mut spared) = (0, 0);
        for a in words {
            for b in words {
                let score = strsim::jaro_winkler(a, b);
                assert!(may_be_near(a, b) || score <= 0.8, "{a} ~ {b} scores {score}, but was dropped");
                near += usize::from(score > 0.8);
                spared += usize::from(!may_be_near(a, b));
            }
        }
        assert!(near > words.len() && spared > words.len() * 4, "near {near}, spared {spared}");
    }
}
