//! Load: a file on disk becomes a [`Document`], a JSON value plus the position of every node,
//! or findings that say why it could not.
//!
//! Reading is defensive: symlinks out of the repository are never followed, files are read up to a
//! size limit, and the YAML parser is fed through a [`Guard`] that bounds nesting depth and alias
//! expansion, rejects tags and reports duplicate keys with both places, so hostile input ends in a
//! finding, never in a panic, a hang or unbounded memory.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use saphyr::{MarkedYaml, Scalar, YamlData, YamlLoader};
use saphyr_parser::{Event, Marker, Parser, Span, SpannedEventReceiver, Tag};
use serde_json::{Map, Value};

use crate::finding::{Finding, Lang, Pos};

/// Bounds on what one file may cost to load.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest file read, in bytes.
    pub max_bytes: u64,
    /// Deepest nesting of mappings and sequences.
    pub max_depth: usize,
    /// Most nodes a document may have once aliases are expanded.
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        // A full record is about 4 KiB and 6 levels deep: these leave ample room.
        Limits {
            max_bytes: 1024 * 1024,
            max_depth: 64,
            max_nodes: 100_000,
        }
    }
}

/// A parsed record: the plain value for validation, the marked tree for positions.
pub struct Document<'a> {
    pub tree: MarkedYaml<'a>,
    pub value: Value,
}

/// One step of a path into a document: a mapping key or a sequence index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step<'s> {
    Key(Cow<'s, str>),
    Index(usize),
}

impl Document<'_> {
    /// Position of the node at `path`, or of its deepest existing ancestor. With `key`, the
    /// position of the last step's key instead of its value.
    pub fn pos(&self, path: &[Step], key: bool) -> Pos {
        let mut node = &self.tree;
        for (i, step) in path.iter().enumerate() {
            let last = i + 1 == path.len();
            match (step, &node.data) {
                (Step::Key(k), YamlData::Mapping(map)) => {
                    let Some((knode, value)) = map.iter().find(|(kn, _)| key_text(kn) == *k) else {
                        break;
                    };
                    if last && key {
                        return pos_of(knode.span.start);
                    }
                    node = value;
                }
                (Step::Index(i), YamlData::Sequence(seq)) => match seq.get(*i) {
                    Some(item) => node = item,
                    None => break,
                },
                _ => break,
            }
        }
        pos_of(node.span.start)
    }
}

/// Turns a parser marker (1-based line, 0-based column) into a 1-based position.
fn pos_of(m: Marker) -> Pos {
    Pos {
        line: m.line().max(1),
        column: m.col() + 1,
    }
}

const START: Pos = Pos { line: 1, column: 1 };

/// Reads `path` as UTF-8 text. `rel` names it in findings; `root` is the repository root that a
/// symlink may not leave.
pub fn read(root: &Path, path: &Path, rel: &str, limits: &Limits, lang: Lang) -> Result<String, Finding> {
    let unreadable = |e: std::io::Error| {
        Finding::error(
            "file-unreadable",
            rel,
            START,
            lang.pick(format!("This file cannot be read: {e}."), format!("Dit bestand kan niet worden gelezen: {e}.")),
        )
    };
    let meta = std::fs::symlink_metadata(path).map_err(unreadable)?;
    if meta.file_type().is_symlink() {
        check_symlink(root, path, rel, lang)?;
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(limits.max_bytes + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > limits.max_bytes {
        let kib = limits.max_bytes / 1024;
        return Err(Finding::error(
            "file-too-large",
            rel,
            START,
            lang.pick(
                format!("This file is larger than {kib} KiB, the most a record may be; it was not checked."),
                format!("Dit bestand is groter dan {kib} KiB, het maximum voor een registratie; het is niet gecontroleerd."),
            ),
        )
        .with_help(lang.pick(
            "A record describes one application in a few hundred lines at most: remove pasted documents or data.",
            "Een registratie beschrijft één toepassing in hooguit een paar honderd regels: haal geplakte documenten of gegevens weg.",
        )));
    }
    decode(bytes, rel, lang)
}

/// Refuses a symlink whose target lies outside the repository; the target is not read.
fn check_symlink(root: &Path, path: &Path, rel: &str, lang: Lang) -> Result<(), Finding> {
    let inside = match (root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(target)) => target.starts_with(root),
        _ => false,
    };
    if inside {
        return Ok(());
    }
    Err(Finding::error(
        "symlink-outside-repository",
        rel,
        START,
        lang.pick(
            "This file is a link to a place outside the repository (or to nothing); toets does not follow it.",
            "Dit bestand is een koppeling naar een plek buiten de repository (of naar niets); toets volgt die niet.",
        )
        .to_owned(),
    )
    .with_help(lang.pick(
        "Put the record itself in the registry folder instead of a link.",
        "Zet de registratie zelf in de registermap in plaats van een koppeling.",
    )))
}

/// Checks encoding: UTF-8 without NUL bytes. A leading byte-order mark is dropped.
fn decode(bytes: Vec<u8>, rel: &str, lang: Lang) -> Result<String, Finding> {
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let pos = byte_pos(&e.into_bytes()[..valid]);
            return Err(Finding::error(
                "file-encoding",
                rel,
                pos,
                lang.pick(
                    "This file is not valid UTF-8 text: here is a byte that is not part of any character.",
                    "Dit bestand is geen geldige UTF-8-tekst: hier staat een byte die bij geen enkel teken hoort.",
                )
                .to_owned(),
            )
            .with_help(lang.pick(
                "Save the file as UTF-8 in your editor (in VS Code: 'Save with Encoding', UTF-8).",
                "Sla het bestand op als UTF-8 in uw editor (in VS Code: 'Save with Encoding', UTF-8).",
            )));
        }
    };
    if let Some(at) = text.find('\0') {
        return Err(Finding::error(
            "file-encoding",
            rel,
            byte_pos(&text.as_bytes()[..at]),
            lang.pick(
                "This file contains a NUL character, which text files never have.",
                "Dit bestand bevat een NUL-teken, dat in tekstbestanden niet voorkomt.",
            )
            .to_owned(),
        )
        .with_help(lang.pick(
            "The file may be binary or damaged: write it again as plain text.",
            "Het bestand is mogelijk binair of beschadigd: schrijf het opnieuw als platte tekst.",
        )));
    }
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Position just after `prefix`, counted as an editor would.
fn byte_pos(prefix: &[u8]) -> Pos {
    let line_start = prefix.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&prefix[line_start..]).chars().count() + 1;
    Pos {
        line: prefix.iter().filter(|&&b| b == b'\n').count() + 1,
        column,
    }
}

/// Parses `text` as exactly one YAML 1.2 document whose root is a mapping.
pub fn parse<'a>(text: &'a str, rel: &str, limits: &Limits, lang: Lang) -> Result<Document<'a>, Vec<Finding>> {
    let mut guard = Guard::new(limits);
    let mut parser = Parser::new_from_str(text);
    let parsed = parser.load(&mut guard, true);
    let mut findings: Vec<Finding> = guard.problems.iter().map(|p| p.finding(rel, lang)).collect();
    if let Err(e) = parsed {
        findings.push(syntax_finding(rel, *e.marker(), e.info(), lang));
    } else if let Some(e) = guard.loader.error() {
        findings.push(syntax_finding(rel, *e.marker(), e.info(), lang));
    }
    if !findings.is_empty() {
        return Err(findings);
    }
    let Some(tree) = guard.loader.into_documents().into_iter().next() else {
        return Err(vec![structure(rel, START, lang.pick("This file is empty.", "Dit bestand is leeg."), lang)]);
    };
    if !tree.data.is_mapping() {
        let pos = pos_of(tree.span.start);
        return Err(vec![structure(
            rel,
            pos,
            lang.pick(
                "A record must be a list of fields (`name: value`), but this file holds something else.",
                "Een registratie moet een lijst van velden zijn (`naam: waarde`), maar dit bestand bevat iets anders.",
            ),
            lang,
        )]);
    }
    let mut problems = Vec::new();
    let value = to_json(&tree, &mut problems);
    if !problems.is_empty() {
        return Err(problems.into_iter().map(|m| structure_key(rel, m, lang)).collect());
    }
    Ok(Document { tree, value })
}

fn syntax_finding(rel: &str, at: Marker, info: &str, lang: Lang) -> Finding {
    Finding::error(
        "yaml-syntax",
        rel,
        pos_of(at),
        lang.pick(
            format!("This is not valid YAML here: {info}."),
            format!("Dit is hier geen geldige YAML: {info}."),
        ),
    )
    .with_help(lang.pick(
        "Check the indentation (spaces, not tabs), the colons after field names and the quotes around text.",
        "Controleer het inspringen (spaties, geen tabs), de dubbele punten na veldnamen en de aanhalingstekens rond tekst.",
    ))
}

fn structure(rel: &str, pos: Pos, message: &str, lang: Lang) -> Finding {
    Finding::error("yaml-structure", rel, pos, message.to_owned()).with_help(lang.pick(
        "Start from the template: `toets new <id>` writes a record with every field.",
        "Begin met het sjabloon: `toets new <kenmerk>` schrijft een registratie met alle velden.",
    ))
}

fn structure_key(rel: &str, at: Marker, lang: Lang) -> Finding {
    structure(
        rel,
        pos_of(at),
        lang.pick(
            "A field name must be plain text, but here it is a list or a mapping.",
            "Een veldnaam moet gewone tekst zijn, maar hier is het een lijst of een mapping.",
        ),
        lang,
    )
}

/// Text of a mapping key as a JSON property name.
fn key_text<'n>(node: &'n MarkedYaml) -> Cow<'n, str> {
    match &node.data {
        YamlData::Value(Scalar::String(s)) => Cow::Borrowed(s.as_ref()),
        YamlData::Value(s) => Cow::Owned(scalar_text(s)),
        _ => Cow::Borrowed(""),
    }
}

fn scalar_text(s: &Scalar) -> String {
    match s {
        Scalar::Null => "null".to_owned(),
        Scalar::Boolean(b) => b.to_string(),
        Scalar::Integer(i) => i.to_string(),
        Scalar::FloatingPoint(f) => f.to_string(),
        Scalar::String(s) => s.to_string(),
    }
}

/// Converts the marked tree into a JSON value; keys that are collections are collected as
/// problems (their position), not dropped silently.
fn to_json(node: &MarkedYaml, problems: &mut Vec<Marker>) -> Value {
    match &node.data {
        YamlData::Value(s) => match s {
            Scalar::Null => Value::Null,
            Scalar::Boolean(b) => Value::Bool(*b),
            Scalar::Integer(i) => Value::from(*i),
            Scalar::FloatingPoint(f) => serde_json::Number::from_f64(f.into_inner())
                .map_or_else(|| Value::String(f.to_string()), Value::Number),
            Scalar::String(s) => Value::String(s.to_string()),
        },
        YamlData::Sequence(seq) => Value::Array(seq.iter().map(|n| to_json(n, problems)).collect()),
        YamlData::Mapping(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                if !matches!(k.data, YamlData::Value(_)) {
                    problems.push(k.span.start);
                    continue;
                }
                out.insert(key_text(k).into_owned(), to_json(v, problems));
            }
            Value::Object(out)
        }
        YamlData::Tagged(_, inner) => to_json(inner, problems),
        _ => Value::Null,
    }
}

/// What the [`Guard`] refused, with where.
#[derive(Debug)]
enum Problem {
    TooDeep(Marker, usize),
    TooManyNodes(Marker, usize),
    Tag(Marker, String),
    DuplicateKey { key: String, first: Marker, again: Marker },
    SecondDocument(Marker),
}

impl Problem {
    fn finding(&self, rel: &str, lang: Lang) -> Finding {
        match self {
            Problem::TooDeep(at, max) => Finding::error(
                "yaml-limit",
                rel,
                pos_of(*at),
                lang.pick(
                    format!("The fields are nested more than {max} levels deep here; toets stops reading this file."),
                    format!("De velden zijn hier meer dan {max} niveaus diep genest; toets leest dit bestand niet verder."),
                ),
            )
            .with_help(lang.pick(
                "A record needs only a few levels: check the indentation and the brackets.",
                "Een registratie heeft maar een paar niveaus nodig: controleer het inspringen en de haakjes.",
            )),
            Problem::TooManyNodes(at, max) => Finding::error(
                "yaml-limit",
                rel,
                pos_of(*at),
                lang.pick(
                    format!("With its references (`*name`) expanded, this file would have more than {max} values; toets stops reading it here."),
                    format!("Met de verwijzingen (`*naam`) uitgeschreven zou dit bestand meer dan {max} waarden hebben; toets stopt hier met lezen."),
                ),
            )
            .with_help(lang.pick(
                "Write the values out instead of using anchors (`&name`) and references (`*name`).",
                "Schrijf de waarden uit in plaats van ankers (`&naam`) en verwijzingen (`*naam`) te gebruiken.",
            )),
            Problem::Tag(at, tag) => Finding::error(
                "yaml-tag",
                rel,
                pos_of(*at),
                lang.pick(
                    format!("The YAML tag `{tag}` is not allowed in a record."),
                    format!("De YAML-tag `{tag}` is niet toegestaan in een registratie."),
                ),
            )
            .with_help(lang.pick(
                "Remove the tag; write the value as plain text, a number, true/false or a list.",
                "Haal de tag weg; schrijf de waarde als gewone tekst, een getal, true/false of een lijst.",
            )),
            Problem::DuplicateKey { key, first, again } => Finding::error(
                "yaml-duplicate-key",
                rel,
                pos_of(*again),
                lang.pick(
                    format!("The field `{key}` appears twice here; it is already given on line {}.", pos_of(*first).line),
                    format!("Het veld `{key}` staat hier twee keer; het staat al op regel {}.", pos_of(*first).line),
                ),
            )
            .with_help(lang.pick(
                "Keep one of the two and remove the other.",
                "Houd er één van de twee en haal de andere weg.",
            )),
            Problem::SecondDocument(at) => structure(
                rel,
                pos_of(*at),
                lang.pick(
                    "A second YAML document starts here; a record file holds exactly one.",
                    "Hier begint een tweede YAML-document; een registratiebestand bevat er precies één.",
                ),
                lang,
            ),
        }
    }
}

/// An open collection while parsing.
struct Frame {
    is_mapping: bool,
    expect_key: bool,
    anchor: usize,
    /// Nodes inside so far, with aliases expanded.
    nodes: usize,
    keys: HashMap<String, Marker>,
}

/// Sits between the parser and saphyr's loader: forwards events while they are within the
/// limits, and records the first problem otherwise (after which nothing more is built).
struct Guard<'a> {
    loader: YamlLoader<'a, MarkedYaml<'a>>,
    limits: Limits,
    frames: Vec<Frame>,
    /// Expanded size of each anchor, for aliases.
    anchors: HashMap<usize, usize>,
    documents: usize,
    problems: Vec<Problem>,
}

impl<'a> Guard<'a> {
    fn new(limits: &Limits) -> Self {
        let mut loader = YamlLoader::default();
        loader.alias_limit(limits.max_nodes);
        Guard {
            loader,
            limits: *limits,
            frames: Vec::new(),
            anchors: HashMap::new(),
            documents: 0,
            problems: Vec::new(),
        }
    }

    fn check_tag(&mut self, tag: Option<&Cow<'a, Tag>>, at: Marker) {
        const CORE: [&str; 7] = ["str", "int", "float", "bool", "null", "map", "seq"];
        if let Some(tag) = tag {
            if !(tag.is_yaml_core_schema() && CORE.contains(&tag.suffix.as_str())) {
                self.problems.push(Problem::Tag(at, tag.to_string()));
            }
        }
    }

    /// A node of `nodes` expanded nodes is complete; `key` is its text when it is a scalar.
    fn complete(&mut self, nodes: usize, anchor: usize, key: Option<&str>, at: Marker) {
        if anchor > 0 {
            self.anchors.insert(anchor, nodes);
        }
        let max = self.limits.max_nodes;
        let Some(parent) = self.frames.last_mut() else {
            return;
        };
        parent.nodes = parent.nodes.saturating_add(nodes);
        let mut problem = None;
        if parent.nodes > max {
            problem = Some(Problem::TooManyNodes(at, max));
        } else if parent.is_mapping {
            if parent.expect_key {
                if let Some(key) = key {
                    if let Some(first) = parent.keys.insert(key.to_owned(), at) {
                        problem = Some(Problem::DuplicateKey { key: key.to_owned(), first, again: at });
                    }
                }
            }
            parent.expect_key = !parent.expect_key;
        }
        if let Some(p) = problem {
            self.problems.push(p);
        }
    }
}

impl<'a> SpannedEventReceiver<'a> for Guard<'a> {
    fn on_event(&mut self, ev: Event<'a>, span: Span) {
        if !self.problems.is_empty() {
            return;
        }
        let at = span.start;
        match &ev {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    self.problems.push(Problem::SecondDocument(at));
                }
            }
            Event::MappingStart(anchor, tag) | Event::SequenceStart(anchor, tag) => {
                self.check_tag(tag.as_ref(), at);
                if self.frames.len() >= self.limits.max_depth {
                    self.problems.push(Problem::TooDeep(at, self.limits.max_depth));
                }
                self.frames.push(Frame {
                    is_mapping: matches!(ev, Event::MappingStart(..)),
                    expect_key: true,
                    anchor: *anchor,
                    nodes: 1,
                    keys: HashMap::new(),
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(frame) = self.frames.pop() {
                    self.complete(frame.nodes, frame.anchor, None, at);
                }
            }
            Event::Scalar(text, _, anchor, tag) => {
                self.check_tag(tag.as_ref(), at);
                self.complete(1, *anchor, Some(text), at);
            }
            Event::Alias(id) => {
                let nodes = self.anchors.get(id).copied().unwrap_or(1);
                self.complete(nodes, 0, None, at);
            }
            _ => {}
        }
        if self.problems.is_empty() {
            self.loader.on_event(ev, span);
        }
    }
}
