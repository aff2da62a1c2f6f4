//! The YAML parser's errors in words a civil servant can act on, in English and Dutch. The
//! parser's own words stay in the message as a detail, for whoever helps.

use crate::finding::Lang;

/// What a parser error means and what to do about it: (message en, message nl, help en, help nl).
struct Advice {
    means: [&'static str; 2],
    todo: [&'static str; 2],
}

/// The parser's messages (by a part of their text) that people cause most, with their advice.
/// The first that matches counts.
const ADVICE: &[(&str, Advice)] = &[
    (
        "mapping values are not allowed",
        Advice {
            means: [
                "a colon (`:`) here would start a field, but no field can start at this place",
                "een dubbele punt (`:`) begint hier een veld, maar op deze plek kan geen veld beginnen",
            ],
            todo: [
                "If the colon belongs to the text, put the whole text in quotes:\n\n    problem: \"Residents: they do not know when\"\n\nIf it is a field, start it on its own line, lined up with the other fields of its group.",
                "Hoort de dubbele punt bij de tekst, zet de hele tekst dan tussen aanhalingstekens:\n\n    problem: \"Inwoners: weten niet wanneer\"\n\nIs het een veld, begin het dan op een eigen regel, recht onder de andere velden van zijn groep.",
            ],
        },
    ),
    (
        "block sequence entries are not allowed",
        Advice {
            means: [
                "a list item (`- `) stands where a single value is expected",
                "een lijstitem (`- `) staat waar één waarde wordt verwacht",
            ],
            todo: [
                "Put each item on its own line below its field, indented two spaces more than the field:\n\n    audiences:\n      - residents\n      - businesses",
                "Zet elk item op een eigen regel onder zijn veld, twee spaties verder ingesprongen dan het veld:\n\n    audiences:\n      - residents\n      - businesses",
            ],
        },
    ),
    (
        "did not find expected key",
        Advice {
            means: [
                "this line is not lined up with the fields of its group",
                "deze regel staat niet recht onder de velden van zijn groep",
            ],
            todo: [
                "Fields of one group start in the same column, indented with spaces (two per level), never with tabs:\n\n    owner:\n      department: Stadsbeheer\n      email: stadsbeheer@voorbeeldstad.nl",
                "Velden van één groep beginnen in dezelfde kolom, ingesprongen met spaties (twee per niveau), nooit met tabs:\n\n    owner:\n      department: Stadsbeheer\n      email: stadsbeheer@voorbeeldstad.nl",
            ],
        },
    ),
    (
        "did not find expected '-' indicator",
        Advice {
            means: [
                "this line is inside a list, but does not start with `- ` like the items above it",
                "deze regel staat in een lijst, maar begint niet met `- ` zoals de items erboven",
            ],
            todo: [
                "Start each item of a list with `- ` in the same column; the fields of one item line up under its first field:\n\n    contacts:\n      - name: Anouk de Vries\n        email: a.devries@voorbeeldstad.nl",
                "Begin elk item van een lijst met `- ` in dezelfde kolom; de velden van één item staan recht onder zijn eerste veld:\n\n    contacts:\n      - name: Anouk de Vries\n        email: a.devries@voorbeeldstad.nl",
            ],
        },
    ),
    (
        "tab",
        Advice {
            means: [
                "a tab is used to indent this line; YAML allows only spaces",
                "deze regel is ingesprongen met een tab; YAML staat alleen spaties toe",
            ],
            todo: [
                "Replace the tab by spaces: two for each level. Most editors do this with \"indent using spaces\".",
                "Vervang de tab door spaties: twee per niveau. De meeste editors doen dat met \"inspringen met spaties\".",
            ],
        },
    ),
    (
        "illegal placement of ':' indicator",
        Advice {
            means: [
                "a colon stands inside a list or group in brackets that is not closed",
                "een dubbele punt staat in een lijst of groep tussen haken die niet gesloten is",
            ],
            todo: [
                "Close the brackets on the same line, with a comma between the items:\n\n    audiences: [residents, businesses]\n\nor write one item per line:\n\n    audiences:\n      - residents",
                "Sluit de haken op dezelfde regel, met een komma tussen de items:\n\n    audiences: [residents, businesses]\n\nof schrijf één item per regel:\n\n    audiences:\n      - residents",
            ],
        },
    ),
    (
        "expected ',' or",
        Advice {
            means: [
                "a list or group in brackets (`[...]` or `{...}`) is not closed, or lacks a comma",
                "een lijst of groep tussen haken (`[...]` of `{...}`) is niet gesloten, of mist een komma",
            ],
            todo: [
                "Close the brackets on the same line, with a comma between the items:\n\n    audiences: [residents, businesses]",
                "Sluit de haken op dezelfde regel, met een komma tussen de items:\n\n    audiences: [residents, businesses]",
            ],
        },
    ),
    (
        "found unknown escape character",
        Advice {
            means: [
                "inside \"double quotes\" a backslash (`\\`) starts a special character, and this one is unknown",
                "binnen \"dubbele aanhalingstekens\" begint een backslash (`\\`) een speciaal teken, en dit is er geen",
            ],
            todo: [
                "Use 'single quotes' around text with a backslash, or write the backslash twice (`\\\\`).",
                "Zet tekst met een backslash tussen 'enkele aanhalingstekens', of schrijf de backslash twee keer (`\\\\`).",
            ],
        },
    ),
    (
        "unexpected end of stream",
        Advice {
            means: [
                "a text in quotes is opened but never closed",
                "een tekst tussen aanhalingstekens wordt geopend maar niet gesloten",
            ],
            todo: [
                "Close the text with the same quote it starts with, on the line where it ends:\n\n    name: \"Afvalwijzer\"",
                "Sluit de tekst met hetzelfde aanhalingsteken als waarmee hij begint, op de regel waar hij eindigt:\n\n    name: \"Afvalwijzer\"",
            ],
        },
    ),
    (
        "unexpected character",
        Advice {
            means: [
                "a value starts with a character that YAML reads as a sign (`@`, `` ` ``, `%`, `|`, `>`, `!`, `&`, `*`)",
                "een waarde begint met een teken dat YAML als teken leest (`@`, `` ` ``, `%`, `|`, `>`, `!`, `&`, `*`)",
            ],
            todo: [
                "Put the value in quotes:\n\n    by: \"@voorbeeldstad/cio\"",
                "Zet de waarde tussen aanhalingstekens:\n\n    by: \"@voorbeeldstad/cio\"",
            ],
        },
    ),
    (
        "found unknown anchor",
        Advice {
            means: [
                "`*name` refers to a part marked `&name`, but there is none",
                "`*naam` verwijst naar een deel dat met `&naam` is gemarkeerd, maar dat is er niet",
            ],
            todo: [
                "If the text starts with `*`, put it in quotes: `note: \"*important\"`.",
                "Begint de tekst met `*`, zet hem dan tussen aanhalingstekens: `note: \"*belangrijk\"`.",
            ],
        },
    ),
    (
        "invalid indentation",
        Advice {
            means: [
                "this line is indented further or less far than its group",
                "deze regel springt verder of minder ver in dan zijn groep",
            ],
            todo: [
                "Line it up with the lines of its group, with spaces (two per level).",
                "Zet hem recht onder de regels van zijn groep, met spaties (twee per niveau).",
            ],
        },
    ),
];

/// The message and the help of a syntax error the parser described as `info`.
pub fn explain(info: &str, lang: Lang) -> (String, String) {
    let i = usize::from(lang == Lang::Nl);
    match ADVICE.iter().find(|(part, _)| info.contains(part)) {
        Some((_, advice)) => (
            lang.pick(
                format!("This is not valid YAML here: {} (the parser says: {info}).", advice.means[i]),
                format!("Dit is hier geen geldige YAML: {} (de parser zegt: {info}).", advice.means[i]),
            ),
            advice.todo[i].to_owned(),
        ),
        None => (
            lang.pick(format!("This is not valid YAML here: {info}."), format!("Dit is hier geen geldige YAML: {info}.")),
            lang.pick(
                "Check the indentation (spaces, not tabs), the colons after field names and the quotes around text.",
                "Controleer het inspringen (spaties, geen tabs), de dubbele punten na veldnamen en de aanhalingstekens rond tekst.",
            )
            .to_owned(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each advice is reached by what saphyr-parser says for the mistake it is about.
    #[test]
    fn common_mistakes_get_their_advice() {
        let cases = [
            ("problem: Inwoners: weten niet\n", "a colon (`:`) here would start a field"),
            ("audiences: - residents\n", "a list item (`- `) stands where a single value is expected"),
            ("owner:\n  department: x\n email: y\n", "this line is not lined up with the fields of its group"),
            ("contacts:\n  - name: a\n  email: b\n", "does not start with `- `"),
            ("owner:\n\tdepartment: x\n", "a tab is used"),
            ("kind: [webapp\nowner:\n  a: b\n", "a colon stands inside a list or group in brackets"),
            ("audiences: [residents, businesses}\n", "not closed, or lacks a comma"),
            ("name: \"a\\qb\"\n", "this one is unknown"),
            ("name: \"Afvalwijzer\n", "opened but never closed"),
            ("by: @cio\n", "a value starts with a character"),
            ("by: `cio`\n", "a value starts with a character"),
            ("note: *important\n", "`*name` refers to a part marked"),
        ];
        for (text, expected) in cases {
            let mut parser = saphyr_parser::Parser::new_from_str(text);
            let info = loop {
                match parser.next_event() {
                    Some(Err(e)) => break e.info().to_owned(),
                    Some(Ok(_)) => {}
                    None => panic!("no error for {text:?}"),
                }
            };
            let (message, _) = explain(&info, Lang::En);
            assert!(message.contains(expected), "{text:?}: parser says {info:?}, toets says {message:?}");
            assert!(message.contains(&info), "the parser's words stay: {message}");
        }
    }
}
