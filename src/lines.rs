//! Lines: where the lines of a text begin, counted as YAML 1.2 counts them (a line ends at LF,
//! CR LF or a lone CR). The loader's positions, the encoding check and the snippets of the human
//! report all count this way, so a finding's `line` is the same line wherever it is shown.

use crate::finding::Pos;

/// The start of every line of a text, found in one pass, so that showing many findings in one
/// large file costs a lookup each instead of a walk over the file.
pub struct Lines<'t> {
    text: &'t str,
    /// Byte offset where each line starts; the first is 0, so there is always one line.
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 2;
                    continue;
                }
                b'\r' | b'\n' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Lines { text, starts }
    }

    /// Number of lines; text after the last line break, even none, is a line of its own.
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// The position of the character at byte `offset`: its line, and one more than the characters
    /// before it on that line.
    pub fn pos(&self, offset: usize) -> Pos {
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or_default();
        let before = self.text.get(start..offset).map_or(0, |s| s.chars().count());
        Pos { line, column: before + 1 }
    }

    /// Line `n` (counted from 1) without its line break, or `None` past the last line.
    pub fn line(&self, n: usize) -> Option<&'t str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        let end = self.starts.get(n).copied().unwrap_or(self.text.len());
        Some(self.text[start..end].trim_end_matches(['\n', '\r']))
    }
}

/// The position just after `prefix`: its number of lines, and one more than the characters of
/// its last line.
pub fn end_of(prefix: &str) -> Pos {
    let lines = Lines::new(prefix);
    let last = lines.line(lines.count()).unwrap_or_default();
    Pos { line: lines.count(), column: last.chars().count() + 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_yaml_line_break_ends_a_line() {
        let lines = Lines::new("a\nb\r\nc\rd");
        let all: Vec<_> = (1..=lines.count()).map(|n| lines.line(n)).collect();
        assert_eq!(all, [Some("a"), Some("b"), Some("c"), Some("d")]);
        assert_eq!(lines.line(0), None);
        assert_eq!(lines.line(5), None);
    }

    #[test]
    fn a_final_line_break_starts_an_empty_line() {
        let lines = Lines::new("a: 1\n");
        assert_eq!((lines.count(), lines.line(2)), (2, Some("")));
        assert_eq!(Lines::new("").count(), 1);
    }

    #[test]
    fn a_position_counts_characters_from_its_line_start() {
        let text = "a\r\nbé\rc\u{200B}d";
        let lines = Lines::new(text);
        let at = |s: &str| lines.pos(text.find(s).expect("in text"));
        assert_eq!(at("a"), Pos { line: 1, column: 1 });
        assert_eq!(at("\r"), Pos { line: 1, column: 2 });
        assert_eq!(at("é"), Pos { line: 2, column: 2 });
        assert_eq!(at("\u{200B}"), Pos { line: 3, column: 2 });
        assert_eq!(at("d"), Pos { line: 3, column: 3 });
    }

    #[test]
    fn the_end_of_a_prefix_counts_characters() {
        assert_eq!(end_of("naam: é\rx"), Pos { line: 2, column: 2 });
        assert_eq!(end_of("a\r\n"), Pos { line: 2, column: 1 });
        assert_eq!(end_of("ab"), Pos { line: 1, column: 3 });
    }
}
