//! Load: a file on disk becomes a [`Document`], a JSON value plus the position of every node,
//! or findings that say why it could not.
//!
//! Reading is defensive: symlinks out of the repository are never followed, only regular files are
//! opened, files are read up to a size limit, and the YAML parser is fed through a [`Guard`] that
//! bounds nesting depth and alias expansion, rejects tags and reports duplicate keys with both
//! places, so hostile input ends in a finding, never in a panic, a hang or unbounded memory.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use saphyr::{MarkedYaml, Scalar, YamlData, YamlLoader};
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Span, SpannedEventReceiver, Tag};
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
        Limits { max_bytes: 1024 * 1024, max_depth: 64, max_nodes: 100_000 }
    }
}

impl Limits {
    /// For the domain overview, which has an entry for each domain of the municipality.
    pub fn overview() -> Self {
        Limits { max_bytes: 64 * 1024 * 1024, max_depth: 64, max_nodes: 5_000_000 }
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
    /// position of the last step's key instead of its value, and for a missing node the key of
    /// its deepest existing ancestor (a missing field is shown where its group is named).
    pub fn pos(&self, path: &[Step], key: bool) -> Pos {
        let mut node = &self.tree;
        // With `key`, where the deepest existing node is named: its key, or its `- ` in a list.
        let mut named = node.span.start;
        for (i, step) in path.iter().enumerate() {
            let last = i + 1 == path.len();
            // A pointer cannot tell `/2024` the key from `/2024` the index: the node decides.
            let index_key;
            let step = match (step, &node.data) {
                (Step::Index(i), YamlData::Mapping(_)) => {
                    index_key = Step::Key(Cow::Owned(i.to_string()));
                    &index_key
                }
                _ => step,
            };
            match (step, &node.data) {
                (Step::Key(k), YamlData::Mapping(map)) => {
                    let Some((knode, value)) = map.iter().find(|(kn, _)| key_text(kn) == *k) else {
                        return pos_of(if key { named } else { node.span.start });
                    };
                    if last && key {
                        return pos_of(knode.span.start);
                    }
                    named = knode.span.start;
                    node = value;
                }
                (Step::Index(i), YamlData::Sequence(seq)) => match seq.get(*i) {
                    Some(item) => {
                        named = item.span.start;
                        node = item;
                    }
                    None => return pos_of(if key { named } else { node.span.start }),
                },
                _ => return pos_of(if key { named } else { node.span.start }),
            }
        }
        pos_of(node.span.start)
    }
}

/// Turns a parser marker (1-based line, 0-based column) into a 1-based position.
fn pos_of(m: Marker) -> Pos {
    Pos { line: m.line().max(1), column: m.col() + 1 }
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
    // Only a regular file is opened: opening a named pipe waits for a writer, forever.
    if !std::fs::metadata(path).map_err(unreadable)?.is_file() {
        return Err(not_a_file(rel, lang));
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(limits.max_bytes + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    from_bytes(bytes, rel, limits, lang)
}

/// A file's content as text: within the size limit, UTF-8 without NUL bytes. Files read from
/// git come in here directly.
pub fn from_bytes(bytes: Vec<u8>, rel: &str, limits: &Limits, lang: Lang) -> Result<String, Finding> {
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

/// A folder, named pipe or device where a record file was expected.
pub fn not_a_file(rel: &str, lang: Lang) -> Finding {
    Finding::error(
        "file-unreadable",
        rel,
        START,
        lang.pick(
            "This is not a regular file (but a folder, a named pipe or a device); toets does not read it.",
            "Dit is geen gewoon bestand (maar een map, een named pipe of een apparaat); toets leest het niet.",
        )
        .to_owned(),
    )
    .with_help(lang.pick(
        "Put the record itself, as a plain text file, in the registry folder.",
        "Zet de registratie zelf, als gewoon tekstbestand, in de registermap.",
    ))
}

/// A symbolic link in a commit: toets reads records from the tree itself and never follows one.
pub fn link_in_commit(rel: &str, lang: Lang) -> Finding {
    link_finding(
        rel,
        lang.pick(
            "This file is a link; in a commit toets reads only the files themselves and does not follow it.",
            "Dit bestand is een koppeling; in een commit leest toets alleen de bestanden zelf en volgt die niet.",
        ),
        lang,
    )
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
    Err(link_finding(
        rel,
        lang.pick(
            "This file is a link to a place outside the repository (or to nothing); toets does not follow it.",
            "Dit bestand is een koppeling naar een plek buiten de repository (of naar niets); toets volgt die niet.",
        ),
        lang,
    ))
}

fn link_finding(rel: &str, message: &str, lang: Lang) -> Finding {
    Finding::error("symlink-outside-repository", rel, START, message.to_owned()).with_help(lang.pick(
        "Put the record itself in the registry folder instead of a link.",
        "Zet de registratie zelf in de registermap in plaats van een koppeling.",
    ))
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
    Pos { line: prefix.iter().filter(|&&b| b == b'\n').count() + 1, column }
}

/// Parses `text` as exactly one YAML 1.2 document whose root is a mapping.
pub fn parse<'a>(text: &'a str, rel: &str, limits: &Limits, lang: Lang) -> Result<Document<'a>, Vec<Finding>> {
    let mut guard = Guard::new(limits);
    let parsed = feed(text, &mut guard);
    let mut findings: Vec<Finding> = guard.problems.iter().map(|p| p.finding(rel, lang)).collect();
    match parsed {
        Err(e) if e.info() == SCANNER_DEPTH_LIMIT => {
            if !guard.problems.iter().any(|p| matches!(p, Problem::TooDeep(..))) {
                findings.push(Problem::TooDeep(*e.marker(), limits.max_depth).finding(rel, lang));
            }
        }
        Err(e) => findings.push(syntax_finding(rel, *e.marker(), e.info(), lang)),
        Ok(()) => {
            if let (true, Some(e)) = (guard.problems.is_empty(), guard.loader.error()) {
                // The YAML is valid: with repeated keys left to the guard, the loader's only error
                // is its own alias budget, so this is a limit, not a syntax error.
                findings.push(Problem::TooManyNodes(*e.marker(), limits.max_nodes).finding(rel, lang));
            }
        }
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

/// The error saphyr-parser's scanner gives at 255 open flow collections (`[[[…`). Valid YAML, so a
/// limit, not a syntax error; the scanner looks ahead past all of them, so it can come before the
/// guard has seen the 65th.
const SCANNER_DEPTH_LIMIT: &str = "recursion limit exceeded";

/// Feeds every event of `text` to `guard` and returns the parser's error, if any. A loop over
/// `next_event`, not `Parser::load`: `load` recurses once per nesting level, so a few thousand
/// `- - - …` on one line would overflow the stack before the guard could stop them. Parsing goes
/// on after the guard has stopped building, so a syntax error further on is still reported. (Unlike
/// `load`, this keeps anchors across documents; a second document is refused all the same.)
fn feed<'a>(text: &'a str, guard: &mut Guard<'a>) -> Result<(), ScanError> {
    for event in Parser::new_from_str(text) {
        let (ev, span) = event?;
        guard.on_event(ev, span);
    }
    Ok(())
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
            Scalar::FloatingPoint(f) => {
                serde_json::Number::from_f64(f.into_inner()).map_or_else(|| Value::String(f.to_string()), Value::Number)
            }
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
    /// A core tag on a value it does not fit (`!!int abc`, `!!map` on a list), which the loader
    /// would turn into an empty value without a word.
    TagMismatch(Marker, String),
    DuplicateKey {
        key: String,
        first: Marker,
        again: Marker,
    },
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
            Problem::Tag(at, tag) => tag_finding(
                rel,
                *at,
                lang.pick(
                    format!("The YAML tag `{tag}` is not allowed in a record."),
                    format!("De YAML-tag `{tag}` is niet toegestaan in een registratie."),
                ),
                lang,
            ),
            Problem::TagMismatch(at, tag) => tag_finding(
                rel,
                *at,
                lang.pick(
                    format!("This value does not fit its YAML tag `{tag}`, so it cannot be read."),
                    format!("Deze waarde past niet bij haar YAML-tag `{tag}`, dus ze kan niet worden gelezen."),
                ),
                lang,
            ),
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

fn tag_finding(rel: &str, at: Marker, message: String, lang: Lang) -> Finding {
    Finding::error("yaml-tag", rel, pos_of(at), message).with_help(lang.pick(
        "Remove the tag; write the value as plain text, a number, true/false or a list.",
        "Haal de tag weg; schrijf de waarde als gewone tekst, een getal, true/false of een lijst.",
    ))
}

/// Text of a scalar key as it will stand in the JSON value, resolved as the loader resolves it
/// (`~`, `null` and an empty key are all `null`; `0x1` is `1`), so that keys which would overwrite
/// each other in the JSON value are caught as repeated. `None` when the scalar does not resolve.
fn json_key(text: &str, style: ScalarStyle, tag: Option<&Cow<Tag>>) -> Option<String> {
    Scalar::parse_from_cow_and_metadata(Cow::Borrowed(text), style, tag).map(|s| scalar_text(&s))
}

/// A tag as the record writes it (`!!python/object`, `!custom`, `!<tag:…>`). saphyr's own
/// `Display` prints the expanded `!!` prefix and then a stray `!`: `tag:yaml.org,2002:!python/object`.
fn tag_text(tag: &Tag) -> String {
    match tag.handle.as_str() {
        "tag:yaml.org,2002:" => format!("!!{}", tag.suffix),
        "" if tag.suffix == "!" => "!".to_owned(),
        handle if handle.starts_with('!') => format!("{handle}{}", tag.suffix),
        handle => format!("!<{handle}{}>", tag.suffix),
    }
}

/// What the guard remembers of an anchor, for its aliases.
struct Anchor {
    /// Nodes of the anchored node, with aliases expanded.
    nodes: usize,
    /// Its key text when it is a scalar: an alias used as a key repeats that key.
    key: Option<String>,
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
    /// Size and key text of each anchor, for aliases.
    anchors: HashMap<usize, Anchor>,
    /// Nodes of the document so far, with aliases expanded: the whole document counts towards
    /// the limit, not each collection on its own.
    total: usize,
    documents: usize,
    problems: Vec<Problem>,
}

impl<'a> Guard<'a> {
    fn new(limits: &Limits) -> Self {
        let mut loader = YamlLoader::default();
        loader.alias_limit(limits.max_nodes);
        // The guard reports repeated keys itself, with both lines and under their own rule; the
        // loader would call them a syntax error, and would miss `1` and `"1"`, which collide in
        // JSON. Keys that are collections never reach JSON: `to_json` reports them.
        loader.allow_duplicate_keys(true);
        Guard {
            loader,
            limits: *limits,
            frames: Vec::new(),
            anchors: HashMap::new(),
            total: 0,
            documents: 0,
            problems: Vec::new(),
        }
    }

    /// Records `problem` unless there is one already: only the first is reported, as nothing
    /// after it is built.
    fn refuse(&mut self, problem: Problem) {
        if self.problems.is_empty() {
            self.problems.push(problem);
        }
    }

    /// Refuses any tag but the core schema's, and a core tag on a node it does not fit: `fits`
    /// names the tags this kind of node may carry.
    fn check_tag(&mut self, tag: Option<&Cow<'a, Tag>>, fits: &[&str], at: Marker) {
        const CORE: [&str; 7] = ["str", "int", "float", "bool", "null", "map", "seq"];
        if let Some(tag) = tag {
            if !(tag.is_yaml_core_schema() && CORE.contains(&tag.suffix.as_str())) {
                self.refuse(Problem::Tag(at, tag_text(tag)));
            } else if !fits.contains(&tag.suffix.as_str()) {
                self.refuse(Problem::TagMismatch(at, tag_text(tag)));
            }
        }
    }

    /// Adds `nodes` to the document's total; a node is counted when it starts, an alias with
    /// everything its anchor stands for.
    fn count(&mut self, nodes: usize, at: Marker) {
        self.total = self.total.saturating_add(nodes);
        if self.total > self.limits.max_nodes {
            self.refuse(Problem::TooManyNodes(at, self.limits.max_nodes));
        }
    }

    /// A node of `nodes` expanded nodes is complete; `key` is its JSON key text when it is a
    /// scalar.
    fn complete(&mut self, nodes: usize, anchor: usize, key: Option<String>, at: Marker) {
        if anchor > 0 {
            self.anchors.insert(anchor, Anchor { nodes, key: key.clone() });
        }
        let Some(parent) = self.frames.last_mut() else {
            return;
        };
        parent.nodes = parent.nodes.saturating_add(nodes);
        let mut problem = None;
        if parent.is_mapping {
            if parent.expect_key {
                if let Some(key) = key {
                    if let Some(first) = parent.keys.insert(key.clone(), at) {
                        problem = Some(Problem::DuplicateKey { key, first, again: at });
                    }
                }
            }
            parent.expect_key = !parent.expect_key;
        }
        if let Some(p) = problem {
            self.refuse(p);
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
                    self.refuse(Problem::SecondDocument(at));
                }
            }
            Event::MappingStart(anchor, tag) | Event::SequenceStart(anchor, tag) => {
                let fits = if matches!(ev, Event::MappingStart(..)) { ["map"] } else { ["seq"] };
                self.check_tag(tag.as_ref(), &fits, at);
                if self.frames.len() >= self.limits.max_depth {
                    self.refuse(Problem::TooDeep(at, self.limits.max_depth));
                }
                self.count(1, at);
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
            Event::Scalar(text, style, anchor, tag) => {
                self.check_tag(tag.as_ref(), &["str", "int", "float", "bool", "null"], at);
                let key = json_key(text, *style, tag.as_ref());
                if let (Some(tag), None) = (tag, &key) {
                    // `!!int abc`: the loader would make it an empty value.
                    self.refuse(Problem::TagMismatch(at, tag_text(tag)));
                }
                self.count(1, at);
                self.complete(1, *anchor, key, at);
            }
            Event::Alias(id) => {
                let (nodes, key) = self.anchors.get(id).map_or((1, None), |a| (a.nodes, a.key.clone()));
                self.count(nodes, at);
                self.complete(nodes, 0, key, at);
            }
            _ => {}
        }
        if self.problems.is_empty() {
            self.loader.on_event(ev, span);
        }
    }
}
