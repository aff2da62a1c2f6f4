//! Load: a file on disk becomes a [`Document`], a JSON value plus the position of every node,
//! or findings that say why it could not.
//!
//! Reading is defensive: symlinks out of the repository are never followed, only regular files are
//! opened, files are read up to a size limit, and the YAML parser is fed through a [`Guard`] that
//! bounds nesting depth and alias expansion and reports every tag and every duplicate key (with
//! both places; at most [`MAX_SHOWN`] of them), so hostile input ends in findings, never in a
//! panic, a hang or unbounded memory. Hidden characters outside the values, in comments above
//! all, which the parser drops, are found in the text itself (see [`Scan`]).

mod syntax;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Read;
use std::marker::PhantomData;
use std::path::Path;

use saphyr::Scalar;
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Span, SpannedEventReceiver, Tag};
use serde_json::{Map, Value};

use crate::error::ToolError;
use crate::finding::{Finding, Lang, Pos};
use crate::lines::{self, Lines};
use crate::rules::is_hidden;

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

/// A parsed record: the plain value for validation, and where each of its nodes stands.
pub struct Document<'a> {
    pub value: Value,
    /// Where the root stands; the places of its children are in `places`.
    root: Place,
    /// The places of every node but the root, each collection's children side by side (see
    /// [`Place`]).
    places: Vec<Place>,
    /// Hidden characters outside the values (see [`Scan`]).
    hidden: Hidden,
    /// Positions refer to the text the document was parsed from.
    text: PhantomData<&'a str>,
    /// The index of each key of a large mapping (by the place of its first child), built when
    /// a position in it is first asked for: a scan per question would make a file with many
    /// unknown keys take time quadratic in their number.
    keys: RefCell<HashMap<u32, HashMap<String, usize>>>,
    /// Where the text ends, when it ends without a line break (see [`open_end`]).
    end: Option<Pos>,
}

/// From how many entries a mapping's keys are indexed rather than scanned.
const INDEXED: usize = 32;

/// The hidden characters of a text outside its values and field names: in comments, or in
/// anchors (`&name`) and references (`*name`). The parser drops comments, so they are found in
/// the text itself.
#[derive(Debug, Default)]
pub struct Hidden {
    /// One for each comment or line with such characters, the first [`MAX_SHOWN`] of them.
    pub places: Vec<HiddenPlace>,
    /// Where the first line with such characters beyond those is, and how many there are.
    pub more: Option<(Pos, usize)>,
}

/// The first hidden character of a comment, or of a line outside its values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HiddenPlace {
    pub pos: Pos,
    pub c: char,
    /// Further hidden characters in the same comment, or outside the values on the same line.
    pub more: usize,
    pub comment: bool,
}

/// One step of a path into a document: a mapping key or a sequence index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step<'s> {
    Key(Cow<'s, str>),
    Index(usize),
}

impl Document<'_> {
    /// Hidden characters outside the values (see [`Hidden`]).
    pub fn hidden(&self) -> &Hidden {
        &self.hidden
    }

    /// Position of the node at `path`, or of its deepest existing ancestor. With `key`, the
    /// position of the last step's key instead of its value, and for a missing node the key of
    /// its deepest existing ancestor (a missing field is shown where its group is named).
    pub fn pos(&self, path: &[Step], key: bool) -> Pos {
        let pos = self.place_of(path, key);
        self.end.map_or(pos, |end| pos.min(end))
    }

    /// [`Document::pos`] as the parser's markers have it.
    fn place_of(&self, path: &[Step], key: bool) -> Pos {
        let (mut value, mut place) = (&self.value, self.root);
        // With `key`, where the deepest existing node is named: its key, or its `- ` in a list.
        let mut named = place.at;
        for (i, step) in path.iter().enumerate() {
            let found = self.child(value, place, step).and_then(|(n, v)| Some((v, self.child_place(place, n)?)));
            let Some((child_value, child_place)) = found else {
                return if key { named } else { place.at }.pos();
            };
            if key && i + 1 == path.len() {
                return child_place.key.pos();
            }
            (value, place, named) = (child_value, child_place, child_place.key);
        }
        place.at.pos()
    }

    /// The place of the `n`th child of the node at `parent`.
    fn child_place(&self, parent: Place, n: usize) -> Option<Place> {
        if n >= parent.len as usize {
            return None;
        }
        self.places.get((parent.first as usize).checked_add(n)?).copied()
    }
}

impl Document<'_> {
    /// The child of `value` (which stands at `place`) at `step`, with its index among the
    /// entries or items of `value`.
    fn child<'v>(&self, value: &'v Value, place: Place, step: &Step) -> Option<(usize, &'v Value)> {
        match (step, value) {
            (Step::Key(k), Value::Object(map)) => self.entry(map, place, k),
            // A pointer cannot tell `/2024` the key from `/2024` the index: the node decides.
            (Step::Index(i), Value::Object(map)) => self.entry(map, place, &i.to_string()),
            (Step::Index(i), Value::Array(items)) => items.get(*i).map(|v| (*i, v)),
            _ => None,
        }
    }

    /// The entry of `key` in `map`, with its index: serde_json's map does not tell the index,
    /// so a small mapping is scanned and a large one indexed once.
    fn entry<'v>(&self, map: &'v Map<String, Value>, place: Place, key: &str) -> Option<(usize, &'v Value)> {
        let value = map.get(key)?;
        if map.len() < INDEXED {
            return map.keys().position(|k| k == key).map(|i| (i, value));
        }
        let mut keys = self.keys.borrow_mut();
        let index =
            keys.entry(place.first).or_insert_with(|| map.keys().enumerate().map(|(i, k)| (k.clone(), i)).collect());
        index.get(key).map(|&i| (i, value))
    }
}

/// Where a node stands, and where its children's places are: `places[first..first + len]`, one
/// for each entry of its JSON object or item of its JSON array, in the same order. A flat list
/// of small records instead of a tree of markers: no allocation per node, and an alias shares the
/// places of its anchor's children instead of copying them.
#[derive(Clone, Copy, Debug)]
struct Place {
    at: Spot,
    /// Where the node is named: its key in a mapping, the node itself in a list.
    key: Spot,
    first: u32,
    len: u32,
}

impl Place {
    /// A node without children at `at`.
    fn leaf(at: Marker) -> Place {
        let at = Spot::of(at);
        Place { at, key: at, first: 0, len: 0 }
    }
}

/// A position in half the space of a [`Pos`]: no record file has four billion lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Spot {
    line: u32,
    column: u32,
}

impl Spot {
    /// A parser marker (1-based line, 0-based column in characters) as a 1-based position.
    fn of(m: Marker) -> Spot {
        Spot { line: narrow(m.line().max(1)), column: narrow(m.col().saturating_add(1)) }
    }

    fn pos(self) -> Pos {
        Pos { line: self.line as usize, column: self.column as usize }
    }
}

/// `n` as a `u32`, at most `u32::MAX`.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Turns a parser marker (1-based line, 0-based column) into a 1-based position.
fn pos_of(m: Marker) -> Pos {
    Spot::of(m).pos()
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
    let link = meta.file_type().is_symlink();
    if link && path.is_dir() {
        return Err(folder_link(rel, lang));
    }
    if meta.is_dir() {
        // Listed because its entries could not be read (see `WorkTree::expand`).
        return Err(match std::fs::read_dir(path) {
            Err(e) => unreadable_folder(rel, &e, lang),
            Ok(_) => not_a_file(rel, lang),
        });
    }
    // A link is opened where it was judged to lead, with no link left to follow on the way.
    let target = if link { check_symlink(root, path, rel, lang)? } else { path.to_path_buf() };
    let file = open_without_waiting(&target).map_err(unreadable)?;
    // Judged on the file as opened, so it cannot be swapped for a pipe or a folder in between.
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(not_a_file(rel, lang));
    }
    // Sized up front: one read for the text and one that finds its end.
    let mut bytes = Vec::with_capacity(meta.len().min(limits.max_bytes) as usize + 1);
    file.take(limits.max_bytes + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    from_bytes(bytes, rel, limits, lang)
}

/// Opens `path` for reading. Opening a named pipe would wait for a writer, forever: on Unix it is
/// opened without waiting (and then refused as not a regular file), and a file swapped for a
/// link after it was judged is not followed; elsewhere a pipe is refused before it is opened.
pub fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW).open(path)
    }
    #[cfg(not(unix))]
    {
        if !std::fs::metadata(path)?.is_file() {
            return Err(std::io::Error::other("not a regular file"));
        }
        std::fs::File::open(path)
    }
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

/// A link to a folder, which toets does not enter: the records behind it are not checked.
fn folder_link(rel: &str, lang: Lang) -> Finding {
    Finding::error(
        "symlink-to-folder",
        rel,
        START,
        lang.pick(
            "This folder is a link to another folder; toets does not follow it, so the records there are not checked.",
            "Deze map is een koppeling naar een andere map; toets volgt die niet, dus de registraties daar worden niet gecontroleerd.",
        )
        .to_owned(),
    )
    .with_help(lang.pick(
        "Replace the link by a real folder with the records themselves in it (`git rm` the link, `git mv` the records).",
        "Vervang de koppeling door een echte map met de registraties zelf erin (`git rm` de koppeling, `git mv` de registraties).",
    ))
}

/// A folder in the registry whose entries cannot be read: the records in it are not checked.
fn unreadable_folder(rel: &str, e: &std::io::Error, lang: Lang) -> Finding {
    Finding::error(
        "file-unreadable",
        rel,
        START,
        lang.pick(
            format!("This folder cannot be read ({e}), so the records in it are not checked."),
            format!("Deze map kan niet worden gelezen ({e}), dus de registraties erin worden niet gecontroleerd."),
        ),
    )
    .with_help(lang.pick(
        "Make the folder readable for the one who runs toets (`chmod 755` on the folder).",
        "Maak de map leesbaar voor wie toets uitvoert (`chmod 755` op de map).",
    ))
}

/// A symbolic link in a commit: toets reads records from the tree itself and never follows one.
pub fn link_in_commit(rel: &str, lang: Lang) -> Finding {
    link_finding(
        rel,
        lang.pick(
            "This is a link (to a file or a folder); in a commit toets reads only the files themselves and does not follow it.",
            "Dit is een koppeling (naar een bestand of een map); in een commit leest toets alleen de bestanden zelf en volgt die niet.",
        ),
        lang,
    )
}

/// The target of a symlink, without links; refused when it lies outside the repository, and then
/// never read.
fn check_symlink(root: &Path, path: &Path, rel: &str, lang: Lang) -> Result<std::path::PathBuf, Finding> {
    within(root, path).ok_or_else(|| {
        link_finding(
        rel,
        lang.pick(
            "This file is a link to a place outside the repository (or to nothing); toets does not follow it.",
            "Dit bestand is een koppeling naar een plek buiten de repository (of naar niets); toets volgt die niet.",
        ),
        lang,
    )
    })
}

/// Where `path` leads, when that is inside `root` (through any links on the way).
pub fn within(root: &Path, path: &Path) -> Option<std::path::PathBuf> {
    let (root, target) = (root.canonicalize().ok()?, path.canonicalize().ok()?);
    target.starts_with(root).then_some(target)
}

/// The most a configuration file (`toets.toml`, a schema) may be.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// A configuration file's text, read as records are: a regular file inside the repository (no
/// link out of it), at most [`MAX_CONFIG_BYTES`], UTF-8. `None` when it does not exist. It
/// decides how every record is judged and comes in with a pull request, so anything else stops
/// the run.
pub fn read_config(root: &Path, rel: &str) -> Result<Option<String>, ToolError> {
    let path = root.join(rel);
    let refuse = |reason: String| ToolError::Io { path: rel.to_owned(), reason };
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(refuse(e.to_string())),
        Ok(_) => {}
    }
    let target = within(root, &path).ok_or_else(|| {
        refuse("it leads outside the repository (or to nothing) through a link; toets does not follow it".into())
    })?;
    let file = open_without_waiting(&target).map_err(|e| refuse(e.to_string()))?;
    let meta = file.metadata().map_err(|e| refuse(e.to_string()))?;
    if !meta.is_file() {
        return Err(refuse("it is not a regular file".into()));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_CONFIG_BYTES) as usize + 1);
    file.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes).map_err(|e| refuse(e.to_string()))?;
    config_text(bytes, rel).map(Some)
}

/// Where a text that lacks a final line break ends. saphyr-parser's scanner ends such a stream
/// on the line after it (`fetch_stream_end`), a line the file does not have, and an empty key
/// at the very end (`? `) stands there too: for findings and nodes alike, a place past this end
/// is the end. `None` when the text ends with a line break.
fn open_end(text: &str) -> Option<Pos> {
    (!text.ends_with(['\n', '\r'])).then(|| lines::end_of(text))
}

/// A configuration file's bytes as text, within [`MAX_CONFIG_BYTES`]; also for files from git.
pub fn config_text(bytes: Vec<u8>, rel: &str) -> Result<String, ToolError> {
    let refuse = |reason: String| ToolError::Io { path: rel.to_owned(), reason };
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(refuse(format!(
            "it is larger than {} KiB, the most a configuration file may be",
            MAX_CONFIG_BYTES / 1024
        )));
    }
    String::from_utf8(bytes).map_err(|_| refuse("it is not UTF-8 text".into()))
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
            let pos = lines::end_of(&String::from_utf8_lossy(&e.into_bytes()[..valid]));
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
            lines::end_of(&text[..at]),
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

/// Parses `text` as exactly one YAML 1.2 document whose root is a mapping.
pub fn parse<'a>(text: &'a str, rel: &str, limits: &Limits, lang: Lang) -> Result<Document<'a>, Vec<Finding>> {
    let mut guard = Guard::new(limits, text);
    let parsed = feed(text, &mut guard);
    if let Some((at, more)) = guard.unshown.take() {
        guard.problems.push(Problem::NotShown(at, more));
    }
    // A tag's help shows its line as it would be written without it.
    let lines = guard.problems.iter().any(|p| matches!(p, Problem::Tag { .. })).then(|| Lines::new(text));
    let mut findings: Vec<Finding> = guard.problems.iter().map(|p| p.finding(rel, lines.as_ref(), lang)).collect();
    match parsed {
        Err(e) if e.info() == SCANNER_DEPTH_LIMIT => {
            if !guard.problems.iter().any(|p| matches!(p, Problem::TooDeep(..))) {
                findings.push(Problem::TooDeep(*e.marker(), limits.max_depth).finding(rel, None, lang));
            }
        }
        Err(e) if e.info() == BOM_INSIDE => findings.push(bom_finding(rel, *e.marker(), lang)),
        Err(e) => findings.push(syntax_finding(rel, *e.marker(), e.info(), lang)),
        // The guard counts every node an alias stands for before it is copied, so no budget of
        // its own is needed here.
        Ok(()) => {}
    }
    if !findings.is_empty() {
        if let Some(end) = open_end(text) {
            for f in &mut findings {
                let at = Pos { line: f.line, column: f.column }.min(end);
                (f.line, f.column) = (at.line, at.column);
            }
        }
        return Err(findings);
    }
    guard.into_document(text, rel, lang)
}

/// The error saphyr-parser's scanner gives at 255 open flow collections (`[[[…`). Valid YAML, so a
/// limit, not a syntax error; the scanner looks ahead past all of them, so it can come before the
/// guard has seen the 65th.
const SCANNER_DEPTH_LIMIT: &str = "recursion limit exceeded";

/// The error saphyr-parser gives for U+FEFF after the start of the file (which [`decode`] drops):
/// YAML allows the byte-order mark nowhere else but in quoted text.
const BOM_INSIDE: &str = "a byte order mark must not appear inside a document";

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

/// A byte-order mark inside the file, in a comment or in unquoted text: a syntax error, named as
/// the hidden character it is.
fn bom_finding(rel: &str, at: Marker, lang: Lang) -> Finding {
    Finding::error(
        "yaml-syntax",
        rel,
        pos_of(at),
        lang.pick(
            "This is not valid YAML here: a hidden character, U+FEFF (byte-order mark, invisible), which may stand only at the very start of a file.",
            "Dit is hier geen geldige YAML: een verborgen teken, U+FEFF (byte-order mark, onzichtbaar), dat alleen helemaal aan het begin van een bestand mag staan.",
        )
        .to_owned(),
    )
    .with_help(lang.pick(
        "Remove the character; better still, type the line again instead of pasting it.",
        "Verwijder het teken; beter nog: typ de regel opnieuw in plaats van die te plakken.",
    ))
}

fn syntax_finding(rel: &str, at: Marker, info: &str, lang: Lang) -> Finding {
    let (message, help) = syntax::explain(info, lang);
    Finding::error("yaml-syntax", rel, pos_of(at), message).with_help(help)
}

fn structure(rel: &str, pos: Pos, message: &str, lang: Lang) -> Finding {
    Finding::error("yaml-structure", rel, pos, message.to_owned()).with_help(lang.pick(
        "Start from the template: `toets new <id>` writes a record with every field.",
        "Begin met het sjabloon: `toets new <kenmerk>` schrijft een registratie met alle velden.",
    ))
}

fn structure_key(rel: &str, at: Spot, lang: Lang) -> Finding {
    structure(
        rel,
        at.pos(),
        lang.pick(
            "A field name must be plain text, but here it is a list or a mapping.",
            "Een veldnaam moet gewone tekst zijn, maar hier is het een lijst of een mapping.",
        ),
        lang,
    )
}

/// A scalar's value as the YAML 1.2 core schema reads it; `None` when it does not fit its core tag
/// (`!!int abc`). Plain words skip saphyr's resolution, which would find the same (see
/// [`is_plain_word`]).
fn resolve<'a>(text: Cow<'a, str>, style: ScalarStyle, tag: Option<&Cow<'a, Tag>>) -> Option<Scalar<'a>> {
    if tag.is_none() && style == ScalarStyle::Plain && is_plain_word(&text) {
        return Some(Scalar::String(text));
    }
    Scalar::parse_from_cow_and_metadata(text, style, tag)
}

/// Whether the core schema can only read this untagged plain scalar as text: it starts with a
/// letter or `_`, so it is no number (`0x1`, `+1`, `.inf`; Rust reads no float that starts with
/// a letter and has a digit, and saphyr tries none without), and it is none of the words for
/// null and the booleans. Most keys and values of a record are such words.
fn is_plain_word(text: &str) -> bool {
    text.as_bytes().first().is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        && !matches!(text, "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE")
}

/// A scalar as a JSON value. A float JSON cannot hold (NaN, infinity) stays text.
fn scalar_value(s: Scalar) -> Value {
    match s {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(b),
        Scalar::Integer(i) => Value::from(i),
        Scalar::FloatingPoint(f) => {
            serde_json::Number::from_f64(f.into_inner()).map_or_else(|| Value::String(f.to_string()), Value::Number)
        }
        Scalar::String(s) => Value::String(s.into_owned()),
    }
}

/// Text of a scalar key as a JSON property name (`~` is `null`, `0x1` is `1`), borrowed when it
/// is text already.
fn key_str<'s>(s: &'s Scalar) -> Cow<'s, str> {
    match s {
        Scalar::Null => Cow::Borrowed("null"),
        Scalar::Boolean(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        Scalar::Integer(i) => Cow::Owned(i.to_string()),
        Scalar::FloatingPoint(f) => Cow::Owned(f.to_string()),
        Scalar::String(s) => Cow::Borrowed(s),
    }
}

/// [`key_str`], owned: the key text moves into the JSON object.
fn key_string(s: Scalar) -> String {
    match s {
        Scalar::String(s) => s.into_owned(),
        other => key_str(&other).into_owned(),
    }
}

/// What the [`Guard`] refused, with where.
#[derive(Debug)]
enum Problem {
    TooDeep(Marker, usize),
    TooManyNodes(Marker, usize),
    /// A tag (as written) on the node from `at` to `end`. `plain` is the text of a plain scalar
    /// that the tag keeps text (`!!str 12`), which without it would be read otherwise.
    Tag {
        at: Marker,
        end: Marker,
        tag: String,
        plain: Option<String>,
    },
    /// A key given twice in one mapping; `first` is the line of its first place.
    DuplicateKey {
        key: String,
        first: u32,
        again: Marker,
    },
    SecondDocument(Marker),
    /// Duplicate keys and tags beyond [`MAX_SHOWN`]: how many, from the first at `at`.
    NotShown(Marker, usize),
}

impl Problem {
    /// The finding; `lines` are the text's, for a tag (see [`without_tag`]).
    fn finding(&self, rel: &str, lines: Option<&Lines>, lang: Lang) -> Finding {
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
            Problem::Tag { at, end, tag, plain } => Finding::error(
                "yaml-tag",
                rel,
                pos_of(*at),
                lang.pick(
                    format!("The YAML tag `{tag}` is not allowed in a record."),
                    format!("De YAML-tag `{tag}` is niet toegestaan in een registratie."),
                ),
            )
            .with_help(tag_help(lines.and_then(|l| without_tag(l, *at, *end, tag, plain.as_deref())), plain.is_some(), lang)),
            Problem::DuplicateKey { key, first, again } => Finding::error(
                "yaml-duplicate-key",
                rel,
                pos_of(*again),
                lang.pick(
                    format!("The field `{key}` is given again here; it is already given on line {first}."),
                    format!("Het veld `{key}` staat hier nog een keer; het staat al op regel {first}."),
                ),
            )
            .with_help(lang.pick(
                "Keep one of them and remove the others.",
                "Houd er één van over en haal de andere weg.",
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
            Problem::NotShown(at, more) => Finding::error(
                "yaml-limit",
                rel,
                pos_of(*at),
                lang.pick(
                    format!("{more} more repeated fields and YAML tags, from here on, are not shown: toets reports at most {MAX_SHOWN} of them for a file."),
                    format!("Nog {more} herhaalde velden en YAML-tags, vanaf hier, worden niet getoond: toets meldt er hooguit {MAX_SHOWN} per bestand."),
                ),
            )
            .with_help(lang.pick(
                "Correct the ones shown and run toets again to see the rest.",
                "Herstel de getoonde en draai toets opnieuw om de rest te zien.",
            )),
        }
    }
}

/// The help of a tag: the YAML to write instead, when it is known; `quoted` when it puts the
/// value in quotes.
fn tag_help(yaml: Option<String>, quoted: bool, lang: Lang) -> String {
    match yaml {
        Some(yaml) if quoted => lang.pick(
            format!("Remove the tag and write `{yaml}`: the quotes keep the value text."),
            format!("Haal de tag weg en schrijf `{yaml}`: de aanhalingstekens houden de waarde tekst."),
        ),
        Some(yaml) => {
            lang.pick(format!("Remove the tag and write `{yaml}`."), format!("Haal de tag weg en schrijf `{yaml}`."))
        }
        None => lang
            .pick(
                "Remove the tag; write the value as plain text, a number, true/false or a list.",
                "Haal de tag weg; schrijf de waarde als gewone tekst, een getal, true/false of een lijst.",
            )
            .to_owned(),
    }
}

/// Longest line a tag's help shows; a longer one is described instead.
const SHOWN_LINE: usize = 100;

/// The line of the node from `at` to `end` as it would be written without its tag `tag`: the tag
/// left out, and with `plain` (see [`Problem::Tag`]) the value in double quotes, so that it stays
/// text. `None` when the tag is not where it is expected (a `%TAG` handle, a value over several
/// lines that needs quotes) or the line is long or shows hidden characters.
fn without_tag(lines: &Lines, at: Marker, end: Marker, tag: &str, plain: Option<&str>) -> Option<String> {
    let line = lines.line(at.line())?;
    let byte_at = |col: usize| line.char_indices().map(|(i, _)| i).chain([line.len()]).nth(col);
    // The node starts at its properties: the tag, and an anchor before or after it.
    let mut start = byte_at(at.col())?;
    if line[start..].starts_with('&') {
        let anchor = line[start..].find([' ', '\t']).unwrap_or(line.len() - start);
        start += anchor;
        start = line.len() - line[start..].trim_start_matches([' ', '\t']).len();
    }
    let after = start + tag.len();
    if !line[start..].starts_with(tag)
        || line[after..].starts_with(|c: char| !matches!(c, ' ' | '\t' | ',' | ']' | '}'))
    {
        return None;
    }
    let rest = &line[line.len() - line[after..].trim_start_matches([' ', '\t']).len()..];
    let mut yaml = format!("{}{rest}", &line[..start]);
    if let Some(text) = plain {
        // A plain scalar on one line ends where its node ends; quoted, it stays the same text.
        let stop = byte_at(end.col()).filter(|_| end.line() == at.line())?;
        let value = stop.checked_sub(text.len()).filter(|v| *v >= after && line.get(*v..stop) == Some(text))?;
        let quoted = serde_json::to_string(text).ok()?;
        let between = line[after..value].trim_start_matches([' ', '\t']);
        yaml = format!("{}{between}{quoted}{}", &line[..start], &line[stop..]);
    }
    let yaml = yaml.trim();
    let fits = !yaml.is_empty() && yaml.chars().count() <= SHOWN_LINE;
    (fits && !yaml.contains(|c: char| c == '`' || is_hidden(c))).then(|| yaml.to_owned())
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

/// A complete node: its value and place, and what the guard and the key checks need of it.
#[derive(Clone)]
struct Node<'a> {
    content: Content<'a>,
    place: Place,
    /// Nodes it stands for, with aliases expanded.
    nodes: usize,
    /// Its YAML form (see [`Shape`]), kept only where keys that are collections must be compared:
    /// inside such keys, and inside anchors, which an alias may copy into one.
    shape: Option<String>,
    /// Where keys that are collections stand inside it, in the order the findings give them.
    odd: Vec<Spot>,
}

#[derive(Clone)]
enum Content<'a> {
    /// Kept as a scalar until its parent tells whether it is a key or a value.
    Scalar(Scalar<'a>),
    /// A mapping or sequence.
    Tree(Value),
    /// An alias of an anchor whose node is not complete (`&a [*a]`): a null value, and as a key
    /// no key at all (see [`Frame::shift`]).
    Bad,
}

impl Content<'_> {
    fn into_value(self) -> Value {
        match self {
            Content::Scalar(s) => scalar_value(s),
            Content::Tree(v) => v,
            Content::Bad => Value::Null,
        }
    }
}

impl<'a> Node<'a> {
    fn bad(at: Marker, shape: bool) -> Node<'a> {
        let shape = shape.then(|| BAD.to_owned());
        Node { content: Content::Bad, place: Place::leaf(at), nodes: 1, shape, odd: Vec::new() }
    }

    /// What an alias at `at` of this anchored node stands for: a copy, which shares the places of
    /// the anchor's children; only the alias itself stands elsewhere.
    fn copy(&self, at: Marker, shape: bool) -> Node<'a> {
        let at = Spot::of(at);
        Node {
            content: self.content.clone(),
            place: Place { at, key: at, ..self.place },
            nodes: self.nodes,
            shape: if shape { self.shape.clone() } else { None },
            odd: self.odd.clone(),
        }
    }

    /// Its JSON key text when it is a scalar.
    fn key_text(&self) -> Option<Cow<'_, str>> {
        match &self.content {
            Content::Scalar(s) => Some(key_str(s)),
            _ => None,
        }
    }

    fn take_shape(&mut self) -> String {
        self.shape.take().unwrap_or_else(|| BAD.to_owned())
    }
}

/// A node's YAML form as text, equal exactly when saphyr's loader would find the nodes equal,
/// to tell keys that are collections apart as it did: each scalar with its type (`~`, `T`, `F`,
/// `i12;`, `d<bits>;` with one NaN and one zero as `OrderedFloat` has, `s3:abc`), `?` for an
/// empty alias, `[…]` around the items of a sequence and `{…}` around the keys and values of a
/// mapping in its order. Text, not saphyr's `Yaml` values: an alias bomb inside anchors keeps a
/// few bytes a node instead of some hundred.
enum Shape {
    /// `[` and the items so far.
    Seq(String),
    /// The entries so far.
    Map(Vec<(String, String)>),
}

/// The form of an alias to an anchor whose node is not complete.
const BAD: &str = "?";

impl Shape {
    fn close(self) -> String {
        match self {
            Shape::Seq(mut seq) => {
                seq.push(']');
                seq
            }
            Shape::Map(entries) => {
                let mut map = String::from("{");
                for (k, v) in entries {
                    map.push_str(&k);
                    map.push_str(&v);
                }
                map.push('}');
                map
            }
        }
    }
}

/// The form of a scalar (see [`Shape`]).
fn scalar_shape(s: &Scalar) -> String {
    match s {
        Scalar::Null => "~".to_owned(),
        Scalar::Boolean(b) => if *b { "T" } else { "F" }.to_owned(),
        Scalar::Integer(i) => format!("i{i};"),
        Scalar::FloatingPoint(f) if f.is_nan() => "dNaN;".to_owned(),
        Scalar::FloatingPoint(f) if f.into_inner() == 0.0 => "d0;".to_owned(),
        Scalar::FloatingPoint(f) => format!("d{:x};", f.into_inner().to_bits()),
        Scalar::String(s) => format!("s{}:{s}", s.len()),
    }
}

/// A child of an open collection, waiting for it to close.
struct Child {
    place: Place,
    /// Its key in a mapping; `None` in a sequence, and for an entry that a later one replaced.
    key: Option<String>,
    value: Value,
}

/// A mapping key waiting for its value.
struct Pending {
    /// Its JSON text; `None` for a collection, which the JSON value leaves out.
    text: Option<String>,
    at: Spot,
    shape: Option<String>,
}

/// Up to this many keys, a mapping's keys are scanned for a duplicate; beyond, they are indexed.
const SCAN: usize = 32;

/// An open collection while parsing: the bookkeeping of the guard and of the value being built.
/// Its children wait in [`Guard::open`], from `base` on, so that each JSON object or array is
/// made at its full size at once.
///
/// Two views of a mapping's keys are kept, which differ in one case only: the guard's, where every
/// other node is a key, for duplicate keys; and that of saphyr's own loader, which the JSON value
/// and the positions follow, as they always have (see [`Frame::shift`]).
struct Frame {
    mapping: bool,
    /// The guard's view: whether the next complete node is a key.
    key_next: bool,
    at: Spot,
    anchor: usize,
    /// Nodes inside so far, with aliases expanded.
    nodes: usize,
    base: usize,
    /// The loader's view: the key waiting for its value, `None` when the next node is a key.
    pending: Option<Pending>,
    /// Keys that are collections inside, each with the JSON key of the entry it came from (`None`
    /// for this mapping's own), so that an entry whose value is replaced takes its own along.
    odd: Vec<(Option<String>, Spot)>,
    /// Its YAML form so far, while it is kept (see [`Node::shape`]).
    shape: Option<Box<Shape>>,
    /// What only some mappings need, apart so that a frame stays small to push and pop.
    extra: Option<Box<Extra>>,
}

/// The keys of a mapping with many keys, or with a shift, or with keys that are collections.
#[derive(Default)]
struct Extra {
    /// The guard's keys with their lines, once there are many or they differ from the loader's;
    /// until then the children's keys are scanned.
    keys: Option<HashMap<String, u32>>,
    /// After a shift: where each of the loader's keys stands in [`Guard::open`].
    shifted: Option<HashMap<String, usize>>,
    /// This mapping's own keys that are collections, each where it first stands.
    odd_keys: Vec<(String, Spot)>,
}

impl Frame {
    fn new(mapping: bool, anchor: usize, at: Marker, base: usize, shape: bool) -> Frame {
        let shape = match (shape, mapping) {
            (false, _) => None,
            (true, true) => Some(Box::new(Shape::Map(Vec::new()))),
            (true, false) => Some(Box::new(Shape::Seq(String::from("[")))),
        };
        let (pending, odd, extra, at) = (None, Vec::new(), None, Spot::of(at));
        Frame { mapping, key_next: true, at, anchor, nodes: 1, base, pending, odd, shape, extra }
    }

    fn extra(&mut self) -> &mut Extra {
        self.extra.get_or_insert_default()
    }

    /// The guard's keys, when they are indexed.
    fn keys(&mut self) -> Option<&mut HashMap<String, u32>> {
        self.extra.as_mut()?.keys.as_mut()
    }

    /// Whether a node that starts now needs its YAML form: inside a kept form, or as a key, which
    /// may be a collection.
    fn keeps_shape(&self) -> bool {
        self.shape.is_some() || (self.mapping && self.pending.is_none())
    }

    /// The guard's duplicate-key check for `node`, complete at `at`: a key whose JSON text this
    /// mapping already has (`1` and `"1"` collide there too, so they count as the same key).
    fn check_key(&mut self, node: &Node, at: Marker, open: &[Child]) -> Option<Problem> {
        if !self.mapping {
            return None;
        }
        self.key_next = !self.key_next;
        if self.key_next {
            return None;
        }
        let text = node.key_text()?;
        if let Some(first) = self.seen(&text, open) {
            return Some(Problem::DuplicateKey { key: text.into_owned(), first, again: at });
        }
        if let Some(keys) = self.keys() {
            keys.insert(text.into_owned(), Spot::of(at).line);
        }
        None
    }

    /// The line of `key` when this mapping already has it.
    fn seen(&mut self, key: &str, open: &[Child]) -> Option<u32> {
        let children = open.get(self.base..).unwrap_or_default();
        if children.len() > SCAN && self.keys().is_none() {
            self.extra().keys = Some(key_lines(children));
        }
        match self.keys() {
            Some(keys) => keys.get(key).copied(),
            None => children.iter().find(|c| c.key.as_deref() == Some(key)).map(|c| c.place.key.line),
        }
    }

    /// Adds a complete child as saphyr's loader did: an item, a key, or a key's value.
    fn add(&mut self, mut node: Node, open: &mut Vec<Child>) {
        if !self.mapping {
            if let Some(Shape::Seq(seq)) = self.shape.as_deref_mut() {
                seq.push_str(&node.take_shape());
            }
            self.odd.extend(node.odd.into_iter().map(|at| (None, at)));
            open.push(Child { place: node.place, key: None, value: node.content.into_value() });
            return;
        }
        match self.pending.take() {
            Some(key) => self.insert(key, node, open),
            None if matches!(node.content, Content::Bad) => self.shift(open),
            None => {
                let text = match node.content {
                    Content::Scalar(s) => Some(key_string(s)),
                    _ => None,
                };
                self.pending = Some(Pending { text, at: node.place.at, shape: node.shape });
            }
        }
    }

    /// Adds the entry of `key` with `node` as its value. A key that is a collection is left out
    /// of the JSON value and noted instead.
    fn insert(&mut self, key: Pending, mut node: Node, open: &mut Vec<Child>) {
        if let (Some(Shape::Map(entries)), Some(k)) = (self.shape.as_deref_mut(), &key.shape) {
            // As saphyr's map: a key given again moves to the back, with the new value.
            entries.retain(|(old, _)| old != k);
            entries.push((k.clone(), node.take_shape()));
        }
        let Some(text) = key.text else {
            return self.note_odd(key.at, key.shape.unwrap_or_else(|| BAD.to_owned()));
        };
        let first = self.replace(&text, open);
        if !node.odd.is_empty() {
            self.odd.extend(node.odd.iter().map(|at| (Some(text.clone()), *at)));
        }
        if let Some(shifted) = self.extra.as_mut().and_then(|e| e.shifted.as_mut()) {
            shifted.insert(text.clone(), open.len());
        }
        let place = Place { key: first.unwrap_or(key.at), ..node.place };
        open.push(Child { place, key: Some(text), value: node.content.into_value() });
    }

    /// After a shift the loader can meet a key twice without the guard refusing it: its map kept
    /// the first key, moved to the back with the new value. Leaves the old entry out and returns
    /// where that key stands.
    fn replace(&mut self, text: &str, open: &mut [Child]) -> Option<Spot> {
        let old = open.get_mut(*self.extra.as_ref()?.shifted.as_ref()?.get(text)?)?;
        old.key = None;
        old.value = Value::Null;
        let first = old.place.key;
        self.odd.retain(|(k, _)| k.as_deref() != Some(text));
        Some(first)
    }

    /// A key that is a collection, which a record may not have. Equal ones (as YAML) are one key
    /// to the loader, found once: where it first stands, in the place of the last.
    fn note_odd(&mut self, at: Spot, shape: String) {
        let odd_keys = &mut self.extra().odd_keys;
        let first = match odd_keys.iter().find(|(k, _)| *k == shape) {
            Some(&(_, first)) => first,
            None => {
                odd_keys.push((shape, at));
                at
            }
        };
        self.odd.retain(|o| *o != (None, first));
        self.odd.push((None, first));
    }

    /// A key that is an alias of its own unfinished mapping (`&a {*a : x}`) was no key to saphyr's
    /// loader: the node after it took its place, and the JSON value and positions follow that. The
    /// guard goes on with every other node as a key, so from here both views keep their own keys.
    fn shift(&mut self, open: &[Child]) {
        let children = open.get(self.base..).unwrap_or_default();
        let base = self.base;
        let extra = self.extra();
        if extra.keys.is_none() {
            extra.keys = Some(key_lines(children));
        }
        if extra.shifted.is_none() {
            let at = |(i, c): (usize, &Child)| Some((c.key.clone()?, base + i));
            extra.shifted = Some(children.iter().enumerate().filter_map(at).collect());
        }
    }

    /// The closed collection as a node; the places of its children move to `places`.
    fn finish<'a>(self, open: &mut Vec<Child>, places: &mut Vec<Place>) -> Node<'a> {
        let first = places.len();
        let children = open.drain(self.base.min(open.len())..);
        let value = if self.mapping {
            let mut map = Map::with_capacity(children.len());
            for child in children {
                if let Some(key) = child.key {
                    places.push(child.place);
                    map.insert(key, child.value);
                }
            }
            Value::Object(map)
        } else {
            let mut items = Vec::with_capacity(children.len());
            for child in children {
                places.push(child.place);
                items.push(child.value);
            }
            Value::Array(items)
        };
        let at = self.at;
        let place = Place { at, key: at, first: narrow(first), len: narrow(places.len() - first) };
        let odd = self.odd.into_iter().map(|(_, at)| at).collect();
        let shape = self.shape.map(|s| s.close());
        Node { content: Content::Tree(value), place, nodes: self.nodes, shape, odd }
    }
}

/// The keys of `children` with the lines they first stand on (a key given again was added too,
/// see [`Guard::complete`]).
fn key_lines(children: &[Child]) -> HashMap<String, u32> {
    let mut keys = HashMap::with_capacity(children.len());
    for c in children {
        if let Some(key) = &c.key {
            keys.entry(key.clone()).or_insert(c.place.key.line);
        }
    }
    keys
}

/// Sits between the parser and the value: builds the JSON value and the places of its nodes from
/// the parser's events, and records the problems. A tag or a duplicate key is recorded and the
/// building goes on, so that every one is found (the first [`MAX_SHOWN`], and how many more); past
/// a limit, or at a second document, nothing more is built or recorded.
struct Guard<'a> {
    limits: Limits,
    frames: Vec<Frame>,
    /// Each anchored node, for its aliases.
    anchors: HashMap<usize, Node<'a>>,
    /// Nodes of the document so far, with aliases expanded: the whole document counts towards
    /// the limit, not each collection on its own.
    total: usize,
    documents: usize,
    problems: Vec<Problem>,
    /// Tags and duplicate keys recorded in `problems`.
    shown: usize,
    /// Where the first of the tags and duplicate keys beyond those stands, and how many there are.
    unshown: Option<(Marker, usize)>,
    /// Past a limit or at a second document: the events that follow are ignored.
    stopped: bool,
    /// The search for hidden characters outside the values, when the text has any at all.
    scan: Option<Scan<'a>>,
    /// The children of the open collections, each frame's from its `base` on.
    open: Vec<Child>,
    /// The places of the children of the closed ones: [`Document::places`].
    places: Vec<Place>,
    /// The first document's root, once complete.
    root: Option<Node<'a>>,
    /// Whether to copy text into strings of its own size (see [`COMPACT`]).
    compact: bool,
}

/// From this size on, a document's text values are copied out of the parser's buffers, which have
/// room for some 130 bytes each: a large document (the domain overview) would otherwise keep
/// double its memory. Records are smaller and live briefly, and the copy would cost them time.
const COMPACT: usize = 256 * 1024;

/// Most tags and duplicate keys reported for one file, and most comments and lines with hidden
/// characters outside the values: a hostile file cannot make the report unbounded.
pub const MAX_SHOWN: usize = 100;

impl<'a> Guard<'a> {
    /// A guard for `text`.
    fn new(limits: &Limits, text: &'a str) -> Self {
        let len = text.len();
        Guard {
            limits: *limits,
            // Room for what a record needs, so that these grow only for larger documents.
            frames: Vec::with_capacity(8),
            anchors: HashMap::new(),
            total: 0,
            documents: 0,
            problems: Vec::new(),
            shown: 0,
            unshown: None,
            stopped: false,
            scan: Scan::new(text),
            open: Vec::with_capacity(64),
            // A node takes some 24 bytes of YAML, and a place 24 bytes of memory.
            places: Vec::with_capacity(len / 24),
            root: None,
            compact: len >= COMPACT,
        }
    }

    /// Records `problem`, past which nothing more is built: a limit, or a second document.
    fn refuse(&mut self, problem: Problem) {
        if !self.stopped {
            self.stopped = true;
            self.problems.push(problem);
        }
    }

    /// Records a tag or a duplicate key at `at`, or only counts it beyond [`MAX_SHOWN`]; the
    /// building goes on.
    fn note(&mut self, problem: impl FnOnce() -> Problem, at: Marker) {
        if self.shown < MAX_SHOWN {
            self.shown += 1;
            self.problems.push(problem());
        } else {
            self.unshown.get_or_insert((at, 0)).1 += 1;
        }
    }

    /// Refuses every tag: a record is plain data, and a tag means something else in other tools
    /// (an object to build, a type), or nothing at all. The node is built as if it had none.
    /// `plain` is the text of a plain scalar, to tell whether the tag keeps it text.
    fn check_tag(&mut self, tag: Option<&Cow<'a, Tag>>, span: Span, plain: Option<&str>) {
        let Some(tag) = tag else { return };
        self.note(
            || {
                let keeps_text = matches!(
                    (tag.handle.as_str(), tag.suffix.as_str()),
                    ("tag:yaml.org,2002:", "str") | ("", "!" | "tag:yaml.org,2002:str")
                );
                let read_otherwise =
                    |t: &&str| !matches!(resolve(Cow::Borrowed(*t), ScalarStyle::Plain, None), Some(Scalar::String(_)));
                let plain = plain.filter(|_| keeps_text).filter(read_otherwise).map(str::to_owned);
                Problem::Tag { at: span.start, end: span.end, tag: tag_text(tag), plain }
            },
            span.start,
        );
    }

    /// Adds `nodes` to the document's total; a node is counted when it starts, an alias with
    /// everything its anchor stands for, before it is copied.
    fn count(&mut self, nodes: usize, at: Marker) {
        self.total = self.total.saturating_add(nodes);
        if self.total > self.limits.max_nodes {
            self.refuse(Problem::TooManyNodes(at, self.limits.max_nodes));
        }
    }

    /// Whether the node that starts now needs its YAML form (see [`Node::shape`]).
    fn keeps_shape(&self) -> bool {
        self.frames.last().is_some_and(Frame::keeps_shape)
    }

    fn start(&mut self, mapping: bool, anchor: usize, tag: Option<&Cow<'a, Tag>>, span: Span) {
        let at = span.start;
        self.check_tag(tag, span, None);
        if self.frames.len() >= self.limits.max_depth {
            self.refuse(Problem::TooDeep(at, self.limits.max_depth));
        }
        self.count(1, at);
        if !self.stopped {
            let shape = anchor > 0 || self.keeps_shape();
            self.frames.push(Frame::new(mapping, anchor, at, self.open.len(), shape));
        }
    }

    fn end(&mut self, at: Marker) {
        if let Some(frame) = self.frames.pop() {
            let anchor = frame.anchor;
            let node = frame.finish(&mut self.open, &mut self.places);
            self.complete(node, anchor, at);
        }
    }

    fn scalar(
        &mut self,
        text: Cow<'a, str>,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&Cow<'a, Tag>>,
        span: Span,
    ) {
        let at = span.start;
        if let Some(scan) = &mut self.scan {
            scan.scalar(span, anchor > 0 || tag.is_some(), style);
        }
        self.check_tag(tag, span, (style == ScalarStyle::Plain).then_some(&*text));
        self.count(1, at);
        if self.stopped {
            return;
        }
        let Some(mut scalar) = resolve(text, style, None) else { return };
        if let (true, Scalar::String(Cow::Owned(s))) = (self.compact, &mut scalar) {
            *s = s.as_str().to_owned();
        }
        // A scalar is never a key that is a collection: only inside a kept form is its own needed.
        let shape =
            (anchor > 0 || self.frames.last().is_some_and(|f| f.shape.is_some())).then(|| scalar_shape(&scalar));
        let node = Node { content: Content::Scalar(scalar), place: Place::leaf(at), nodes: 1, shape, odd: Vec::new() };
        self.complete(node, anchor, at);
    }

    fn alias(&mut self, id: usize, at: Marker) {
        self.count(self.anchors.get(&id).map_or(1, |a| a.nodes), at);
        if !self.stopped {
            let shape = self.keeps_shape();
            let node = self.anchors.get(&id).map_or_else(|| Node::bad(at, shape), |a| a.copy(at, shape));
            self.complete(node, 0, at);
        }
    }

    /// `node` is complete at `at`: it goes into its parent, or becomes the root.
    fn complete(&mut self, node: Node<'a>, anchor: usize, at: Marker) {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        let Some(parent) = self.frames.last_mut() else {
            if self.root.is_none() {
                self.root = Some(node);
            }
            return;
        };
        parent.nodes = parent.nodes.saturating_add(node.nodes);
        // A key given again is added all the same, as saphyr's loader did: the keys that follow
        // are then read as before. The document is never used, but its next duplicates are found.
        let problem = parent.check_key(&node, at, &self.open);
        parent.add(node, &mut self.open);
        if let Some(problem) = problem {
            self.note(|| problem, at);
        }
    }

    /// The document of `text`, once the parser is done and nothing was refused.
    fn into_document(mut self, text: &str, rel: &str, lang: Lang) -> Result<Document<'a>, Vec<Finding>> {
        let Some(root) = self.root else {
            return Err(vec![structure(rel, START, lang.pick("This file is empty.", "Dit bestand is leeg."), lang)]);
        };
        let Content::Tree(value @ Value::Object(_)) = root.content else {
            return Err(vec![structure(
                rel,
                root.place.at.pos(),
                lang.pick(
                    "A record must be a list of fields (`name: value`), but this file holds something else.",
                    "Een registratie moet een lijst van velden zijn (`naam: waarde`), maar dit bestand bevat iets anders.",
                ),
                lang,
            )]);
        };
        if !root.odd.is_empty() {
            return Err(root.odd.into_iter().map(|at| structure_key(rel, at, lang)).collect());
        }
        if self.places.capacity() / 2 > self.places.len() {
            self.places.shrink_to_fit();
        }
        let hidden = self.scan.map(|scan| scan.finish(text)).unwrap_or_default();
        let end = open_end(text);
        Ok(Document {
            value,
            root: root.place,
            places: self.places,
            hidden,
            text: PhantomData,
            keys: RefCell::default(),
            end,
        })
    }
}

impl<'a> SpannedEventReceiver<'a> for Guard<'a> {
    fn on_event(&mut self, ev: Event<'a>, span: Span) {
        if self.stopped {
            return;
        }
        let at = span.start;
        match ev {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    self.refuse(Problem::SecondDocument(at));
                }
            }
            // A document without a node: saphyr's loader made it an empty value.
            Event::DocumentEnd if self.root.is_none() => self.root = Some(Node::bad(at, false)),
            Event::MappingStart(anchor, tag) => self.start(true, anchor, tag.as_ref(), span),
            Event::SequenceStart(anchor, tag) => self.start(false, anchor, tag.as_ref(), span),
            Event::MappingEnd | Event::SequenceEnd => self.end(at),
            Event::Scalar(text, style, anchor, tag) => self.scalar(text, style, anchor, tag.as_ref(), span),
            Event::Alias(id) => self.alias(id, at),
            _ => {}
        }
    }
}

/// The search for hidden characters outside the values (see [`Hidden`]), in step with the parser:
/// a walk over the text that passes over each scalar's own text, which the values' check sees,
/// and looks at everything in between, where the comments are. It runs only for a text with a
/// hidden character somewhere, and costs one more pass over it.
struct Scan<'a> {
    text: &'a str,
    /// Where the walk stands, in bytes and in characters (the parser's markers count characters).
    byte: usize,
    index: usize,
    /// The character before, to tell the `#` of a comment (at the start of a line or after a
    /// blank) from one in a word.
    prev: char,
    comment: bool,
    /// Byte offset of each place found, with its character, how many more it has and whether it
    /// is a comment.
    found: Vec<(usize, char, usize, bool)>,
    /// Whether a line ended since the last hidden character.
    fresh: bool,
    /// Lines with hidden characters past the first [`MAX_SHOWN`] places: where the first starts
    /// (in bytes), and how many.
    more: Option<(usize, usize)>,
}

impl<'a> Scan<'a> {
    /// A walk over `text`, or `None` when it has no hidden character at all. A byte-order mark
    /// that starts the text is not part of it.
    fn new(text: &'a str) -> Option<Scan<'a>> {
        let plain = |b: &u8| (0x20..0x7f).contains(b) || matches!(b, b'\t' | b'\n' | b'\r');
        let start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
        let body = &text[start..];
        if body.bytes().all(|b| plain(&b)) || !body.chars().any(is_hidden) {
            return None;
        }
        let (byte, index) = (start, usize::from(start > 0));
        Some(Scan { text, byte, index, prev: '\n', comment: false, found: Vec::new(), fresh: true, more: None })
    }

    fn peek(&self) -> Option<char> {
        self.text.get(self.byte..)?.chars().next()
    }

    /// Steps over one character; with `look`, notes it when it is hidden, and whether a comment
    /// starts.
    fn step(&mut self, look: bool) -> Option<char> {
        let c = self.peek()?;
        if look {
            if c == '#' && matches!(self.prev, ' ' | '\t' | '\n' | '\r') {
                self.comment = true;
            }
            if is_hidden(c) {
                self.note(c);
            }
        }
        if matches!(c, '\n' | '\r') {
            self.comment = false;
            self.fresh = true;
        }
        (self.prev, self.byte, self.index) = (c, self.byte + c.len_utf8(), self.index + 1);
        Some(c)
    }

    fn note(&mut self, c: char) {
        let (fresh, comment, shown) = (self.fresh, self.comment, self.found.len());
        self.fresh = false;
        match self.found.last_mut() {
            // A comment and the line around it are apart: `&a\u{200B} x # \u{200B}` is two.
            Some(last) if !fresh && last.3 == comment && self.more.is_none() => last.2 += 1,
            _ if shown < MAX_SHOWN => self.found.push((self.byte, c, 0, comment)),
            _ if fresh => self.more.get_or_insert((self.byte, 0)).1 += 1,
            _ => {}
        }
    }

    /// Walks up to character `index`, looking at everything.
    fn look_to(&mut self, index: usize) {
        while self.index < index && self.step(true).is_some() {}
    }

    /// The scalar of `span`: what stands before it, then its properties (`&anchor`, `!tag`) and
    /// what separates them from its text, which the span takes in when it has `props`, and with
    /// a block scalar (`|`, `>`) the rest of its first line; not its text.
    fn scalar(&mut self, span: Span, props: bool, style: ScalarStyle) {
        self.look_to(span.start.index());
        let end = span.end.index();
        while props && self.index < end {
            match self.peek() {
                Some('&' | '!') => {
                    while self.index < end && !matches!(self.peek(), None | Some(' ' | '\t' | '\n' | '\r')) {
                        self.step(true);
                    }
                }
                Some(' ' | '\t' | '\n' | '\r' | '#') => _ = self.step(true),
                Some(_) if self.comment => _ = self.step(true),
                _ => break,
            }
        }
        let block = matches!(style, ScalarStyle::Literal | ScalarStyle::Folded);
        while props && block && self.index < end && !matches!(self.peek(), None | Some('\n' | '\r')) {
            self.step(true);
        }
        match style {
            ScalarStyle::SingleQuoted => self.quoted(end, '\''),
            ScalarStyle::DoubleQuoted => self.quoted(end, '"'),
            _ => while self.index < end && self.step(false).is_some() {},
        }
    }

    /// Passes over a quoted scalar's text up to its closing `quote` (`''` is a quote in single
    /// quotes, a backslash escapes the next character in double quotes). Its span goes on over the
    /// blanks and the comment after it, to the end of its line: those are looked at.
    fn quoted(&mut self, end: usize, quote: char) {
        self.step(false);
        while self.index < end {
            match self.step(false) {
                None => break,
                Some('\\') if quote == '"' => _ = self.step(false),
                Some('\'') if quote == '\'' && self.peek() == Some('\'') => _ = self.step(false),
                Some(c) if c == quote => break,
                Some(_) => {}
            }
        }
        self.look_to(end);
    }

    /// The places found once the whole text is walked, with their positions.
    fn finish(mut self, text: &str) -> Hidden {
        self.look_to(usize::MAX);
        if self.found.is_empty() {
            return Hidden::default();
        }
        let lines = Lines::new(text);
        let places = self
            .found
            .into_iter()
            .map(|(byte, c, more, comment)| HiddenPlace { pos: lines.pos(byte), c, more, comment })
            .collect();
        Hidden { places, more: self.more.map(|(byte, n)| (lines.pos(byte), n)) }
    }
}
