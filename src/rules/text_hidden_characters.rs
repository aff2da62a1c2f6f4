//! ## What it checks
//! A text anywhere in the record, a field name, or a comment (`# ...`) contains a character that
//! cannot be seen:
//!
//! - a control character (anything below U+0020, U+007F to U+009F), except tab and line ends;
//! - a character that changes the reading direction: U+202A to U+202E, U+2066 to U+2069, U+200E,
//!   U+200F, U+061C;
//! - a zero-width character: U+200B to U+200D, U+2060, U+FEFF;
//! - a line or paragraph separator, U+2028 or U+2029: YAML does not end a line there, some
//!   editors do.
//!
//! For a text or field name, the finding names the character (as U+XXXX) and its position in the
//! text: the first character of the text is position 1. For a comment, or another place outside
//! the texts (such as an anchor `&name`), it points at the character itself. A file shows at
//! most 100 such comments and lines, and then how many more there are.
//!
//! ## Why
//! Such characters make a reviewer see another text than the one that is stored. A direction
//! character can show `abc` while `cba` is stored, also across the end of a comment, so that a
//! value looks like part of the comment or the other way round; a zero-width character can make
//! two names that look the same differ. The attack is known as Trojan Source (CVE-2021-42574). In
//! a register that the CIO approves by pull request, what the reviewer reads must be what is
//! stored.
//!
//! ## Example
//! Wrong (the escape `\u202E` stores a character that reverses the rest of the line):
//!
//! ```yaml
//! name: "Afvalwijzer \u202E"
//! ```
//!
//! Right:
//!
//! ```yaml
//! name: Afvalwijzer
//! ```
//!
//! ## Source
//! Trojan Source (CVE-2021-42574): Boucher and Anderson, "Trojan Source: Invisible
//! Vulnerabilities", 2021.
//!
//! # Nederlands
//!
//! ## Wat het controleert
//! Een tekst ergens in de registratie, een veldnaam of een opmerking (`# ...`) bevat een teken
//! dat niet te zien is:
//!
//! - een stuurteken (alles onder U+0020, U+007F tot en met U+009F), behalve tab en regeleinden;
//! - een teken dat de leesrichting verandert: U+202A tot en met U+202E, U+2066 tot en met
//!   U+2069, U+200E, U+200F, U+061C;
//! - een teken zonder breedte: U+200B tot en met U+200D, U+2060, U+FEFF;
//! - een regel- of alineascheidingsteken, U+2028 of U+2029: YAML begint daar geen nieuwe regel,
//!   sommige editors wel.
//!
//! Bij een tekst of veldnaam noemt de bevinding het teken (als U+XXXX) en zijn positie in de
//! tekst: het eerste teken van de tekst is positie 1. Bij een opmerking, of een andere plek buiten
//! de teksten (zoals een anker `&naam`), wijst ze het teken zelf aan. Een bestand toont hooguit
//! 100 van zulke opmerkingen en regels, en dan hoeveel er nog zijn.
//!
//! ## Waarom
//! Zulke tekens laten een beoordelaar een andere tekst zien dan er werkelijk staat. Een
//! richtingteken kan `abc` tonen terwijl er `cba` staat, ook voorbij het einde van een opmerking,
//! zodat een waarde bij de opmerking lijkt te horen of andersom; een teken zonder breedte kan twee
//! namen die er hetzelfde uitzien laten verschillen. Deze aanval heet Trojan Source (CVE-2021-42574). In
//! een register dat de CIO goedkeurt via een pull request moet wat de beoordelaar leest ook zijn
//! wat er staat.
//!
//! ## Voorbeeld
//! Fout (de code `\u202E` zet een teken in de tekst dat de rest van de regel omdraait):
//!
//! ```yaml
//! name: "Afvalwijzer \u202E"
//! ```
//!
//! Goed:
//!
//! ```yaml
//! name: Afvalwijzer
//! ```
//!
//! ## Bron
//! Trojan Source (CVE-2021-42574): Boucher en Anderson, "Trojan Source: Invisible
//! Vulnerabilities", 2021.

use serde_json::Value;

use std::fmt::Write as _;

use super::{Check, Record, Rule};
use crate::finding::{Finding, Lang, Pos, Severity};
use crate::load::{HiddenPlace, MAX_SHOWN};

pub const RULE: Rule = Rule {
    name: "text-hidden-characters",
    severity: Severity::Error,
    source: "Trojan Source (CVE-2021-42574)",
    url: "https://trojansource.codes/",
    doc: include_str!("text_hidden_characters.rs"),
    check: Check::Record(check),
};

fn check(r: &Record, out: &mut Vec<Finding>) {
    walk(r, &r.doc.value, &mut String::new(), out);
    let hidden = r.doc.hidden();
    for place in &hidden.places {
        out.push(outside(r, place));
    }
    if let Some((pos, more)) = hidden.more {
        out.push(not_shown(r, pos, more));
    }
}

/// A hidden character in a comment, or elsewhere outside the texts and field names: at the
/// character itself, as it belongs to no field.
fn outside(r: &Record, place: &HiddenPlace) -> Finding {
    let lang = r.lang();
    let what = kind(place.c).map_or("", |k| k.describe(lang));
    let code = format!("U+{:04X}", u32::from(place.c));
    let more = match place.more {
        0 => String::new(),
        n => lang.pick(format!(", and {n} more after it"), format!(", en nog {n} daarna")),
    };
    let (message, help) = if place.comment {
        (
            lang.pick(
                format!("This comment contains a hidden character, {code} ({what}){more}."),
                format!("Deze opmerking bevat een verborgen teken, {code} ({what}){more}."),
            ),
            lang.pick(
                "Remove the character from the comment; better still, type the comment again instead of pasting it. A reviewer reads the comments too, and a hidden character can make them see another text than the one that is stored.",
                "Verwijder het teken uit de opmerking; beter nog: typ de opmerking opnieuw in plaats van die te plakken. Een beoordelaar leest ook de opmerkingen, en een verborgen teken kan hem een andere tekst laten zien dan er werkelijk staat.",
            ),
        )
    } else {
        (
            lang.pick(
                format!("This line contains a hidden character outside the texts and field names, {code} ({what}){more}."),
                format!("Deze regel bevat een verborgen teken buiten de teksten en veldnamen, {code} ({what}){more}."),
            ),
            lang.pick(
                "Remove the character; better still, type the line again instead of pasting it. In an anchor (`&name`) or a reference to it (`*name`) it can make two names that look the same differ.",
                "Verwijder het teken; beter nog: typ de regel opnieuw in plaats van die te plakken. In een anker (`&naam`) of een verwijzing ernaar (`*naam`) kan het twee namen die er hetzelfde uitzien laten verschillen.",
            ),
        )
    };
    at(r, place.pos, message).with_help(help.to_owned())
}

/// The lines with hidden characters past the first [`MAX_SHOWN`]: one finding, at the first.
fn not_shown(r: &Record, pos: Pos, more: usize) -> Finding {
    let lang = r.lang();
    at(
        r,
        pos,
        lang.pick(
            format!("{more} more lines, from here on, contain hidden characters outside the texts and field names: toets shows at most {MAX_SHOWN} of them for a file."),
            format!("Nog {more} regels, vanaf hier, bevatten verborgen tekens buiten de teksten en veldnamen: toets toont er hooguit {MAX_SHOWN} per bestand."),
        ),
    )
    .with_help(lang.pick(
        "Remove the hidden characters shown and run toets again to see the rest.",
        "Verwijder de getoonde verborgen tekens en draai toets opnieuw om de rest te zien.",
    ).to_owned())
}

/// A finding of this rule at `pos` in the record's file, for the whole file (pointer `""`).
fn at(r: &Record, pos: Pos, message: String) -> Finding {
    let mut f = Finding::error(RULE.name, r.file, pos, message);
    f.severity = RULE.severity;
    f
}

/// Visits every text and every field name under `value`, which stands at `pointer` (a buffer
/// that grows and shrinks with the walk, so that clean records cost no allocation).
fn walk(r: &Record, value: &Value, pointer: &mut String, out: &mut Vec<Finding>) {
    let depth = pointer.len();
    match value {
        Value::String(text) => report(r, pointer, text, false, out),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let _ = write!(pointer, "/{i}");
                walk(r, item, pointer, out);
                pointer.truncate(depth);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                pointer.push('/');
                if key.contains(['~', '/']) {
                    pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                } else {
                    pointer.push_str(key);
                }
                report(r, pointer, key, true, out);
                walk(r, item, pointer, out);
                pointer.truncate(depth);
            }
        }
        _ => {}
    }
}

/// Whether `text` may hold a hidden character: printable ASCII never does, and most text is.
fn suspect(text: &str) -> bool {
    text.bytes().any(|b| !(0x20..0x7f).contains(&b) && !matches!(b, b'\t' | b'\n' | b'\r'))
}

/// One finding for `text` when it holds hidden characters, naming the first.
fn report(r: &Record, pointer: &str, text: &str, is_key: bool, out: &mut Vec<Finding>) {
    if !suspect(text) {
        return;
    }
    let mut hidden = text.chars().enumerate().filter(|(_, c)| kind(*c).is_some());
    let Some((index, c)) = hidden.next() else {
        return;
    };
    let more = hidden.count();
    let lang = r.lang();
    let what = kind(c).map_or("", |k| k.describe(lang));
    let code = format!("U+{:04X}", u32::from(c));
    let position = index + 1;
    let (en_subject, nl_subject) = if is_key { ("The field name", "De veldnaam") } else { ("The text", "De tekst") };
    let message = lang.pick(
        format!(
            "{en_subject} contains a hidden character, {code} ({what}), at position {position}{}.",
            and_more(lang, more)
        ),
        format!(
            "{nl_subject} bevat een verborgen teken, {code} ({what}), op positie {position}{}.",
            and_more(lang, more)
        ),
    );
    let escape = format!("\\u{:04X}", u32::from(c));
    out.push(r.finding(&RULE, pointer, message).with_help(lang.pick(
        format!("Remove the character, or the code that inserts it (such as `{escape}`). Better still, type the text again instead of pasting it: a hidden character can make a reviewer see another text than the one that is stored."),
        format!("Verwijder het teken, of de code die het invoegt (zoals `{escape}`). Beter nog: typ de tekst opnieuw in plaats van die te plakken. Een verborgen teken kan een beoordelaar een andere tekst laten zien dan er werkelijk staat."),
    )));
}

fn and_more(lang: Lang, more: usize) -> String {
    match more {
        0 => String::new(),
        n => lang.pick(format!(" (and {n} more in this text)"), format!(" (en nog {n} elders in de tekst)")),
    }
}

/// What a hidden character does, in words.
#[derive(Clone, Copy)]
enum Kind {
    Control,
    Direction,
    ZeroWidth,
    Separator,
}

impl Kind {
    fn describe(self, lang: Lang) -> &'static str {
        match self {
            Kind::Control => lang.pick("a control character", "een stuurteken"),
            Kind::Direction => lang.pick("changes the reading direction", "verandert de leesrichting"),
            Kind::ZeroWidth => lang.pick("invisible, without width", "onzichtbaar, zonder breedte"),
            Kind::Separator => {
                lang.pick("a line separator that YAML does not count", "een regelscheiding die YAML niet telt")
            }
        }
    }
}

/// Whether `c` is hidden: the human report shows such characters as `�` in snippets too.
pub fn is_hidden(c: char) -> bool {
    kind(c).is_some()
}

/// Whether `c` is hidden, and how. Tab and line ends are ordinary text.
fn kind(c: char) -> Option<Kind> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' => {
            Some(Kind::Direction)
        }
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Some(Kind::ZeroWidth),
        '\u{2028}' | '\u{2029}' => Some(Kind::Separator),
        c if c.is_control() => Some(Kind::Control),
        _ => None,
    }
}
