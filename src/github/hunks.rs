//! The lines of a pull request that GitHub accepts a review comment on: those inside a hunk of
//! its diff, as `GET /pulls/{n}/files` gives them. One comment outside makes GitHub refuse the
//! whole review with a 422 that does not say which, so every anchor is checked here first.

use std::collections::{BTreeSet, HashMap};

use serde::Deserialize;

/// One changed file as GitHub lists it.
#[derive(Debug, Deserialize)]
pub struct File {
    pub filename: String,
    pub status: String,
    /// Absent for a binary file and for a diff too large to show.
    #[serde(default)]
    pub patch: Option<String>,
}

/// Per file (at head), the lines a comment on the right side may stand on.
#[derive(Debug, Default)]
pub struct Hunks {
    lines: HashMap<String, BTreeSet<usize>>,
}

impl Hunks {
    pub fn of(files: &[File]) -> Hunks {
        let lines = files
            .iter()
            .filter(|f| f.status != "removed")
            .filter_map(|f| Some((f.filename.clone(), right_lines(f.patch.as_deref()?))))
            .collect();
        Hunks { lines }
    }

    /// Whether a comment on `line` of `path` lies within the diff.
    pub fn contains(&self, path: &str, line: usize) -> bool {
        self.lines.get(path).is_some_and(|l| l.contains(&line))
    }
}

/// The head-side line numbers of a unified diff's hunks: added lines and the context around
/// them (GitHub accepts both on the right side), not removed ones.
fn right_lines(patch: &str) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let mut next: Option<usize> = None;
    for line in patch.lines() {
        if let Some(header) = line.strip_prefix("@@ ") {
            next = new_start(header);
            continue;
        }
        let Some(n) = next else { continue };
        match line.chars().next() {
            Some('+') | Some(' ') | None => {
                out.insert(n);
                next = Some(n + 1);
            }
            // A removed line, or "\ No newline at end of file".
            _ => {}
        }
    }
    out
}

/// The first head line of a hunk from its header `-a,b +c,d @@`.
fn new_start(header: &str) -> Option<usize> {
    let plus = header.split_whitespace().find_map(|part| part.strip_prefix('+'))?;
    plus.split(',').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_hunks_on_the_right_side() {
        let patch =
            "@@ -1,3 +1,4 @@\n a\n-b\n+c\n+d\n e\n@@ -10,2 +11,2 @@ context\n x\n-y\n+z\n\\ No newline at end of file";
        let lines: Vec<usize> = right_lines(patch).into_iter().collect();
        assert_eq!(lines, vec![1, 2, 3, 4, 11, 12]);
    }

    #[test]
    fn a_file_without_a_patch_takes_no_comment() {
        let files = [
            File { filename: "a.yaml".into(), status: "modified".into(), patch: None },
            File { filename: "b.yaml".into(), status: "added".into(), patch: Some("@@ -0,0 +1 @@\n+x".into()) },
        ];
        let hunks = Hunks::of(&files);
        assert!(!hunks.contains("a.yaml", 1));
        assert!(hunks.contains("b.yaml", 1));
        assert!(!hunks.contains("b.yaml", 2));
    }
}
