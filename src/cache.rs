//! Cache: what the last `toets check` found in each file, kept on disk, so that a file whose text
//! has not changed since is not parsed and checked again. A second run over unchanged records
//! reads and hashes them, and runs only the rules across records.
//!
//! An entry counts only for the same text (its BLAKE3 hash) and the same key: the toets program
//! itself, the configuration, the schemas, the language and the date (rules on ages depend on
//! it). Any other key makes the whole file stale. The cache lives outside the repository (by
//! default `~/.cache/toets`), so a pull request cannot bring one along. A missing, stale or
//! damaged cache is ignored: it can make toets slower, never change what it finds.
//!
//! Whoever can write the cache can hide findings, so toets trusts it only as ssh's StrictModes
//! trusts `~/.ssh`: the folder and the file must belong to the user running toets (its
//! effective uid), and neither group nor others may write them. A folder that fails this is
//! neither read nor written: the run checks every file, as with `--no-cache`, and warns once.
//! A file that fails it (or is a link) is not read, and is replaced. The file is opened without
//! following a link and judged by the opened handle, so it cannot be swapped after the check.
//! Elsewhere than on Unix toets cannot tell who may write a file, and trusts the folder.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::error::ToolError;
use crate::finding::Lang;
use crate::load;
use crate::registry::{Memo, Outcome, Registry};
use crate::source::Source;

/// Starts every cache file; the number is the format's version.
const MAGIC: &[u8] = b"toets cache 1\n";

/// How long the cache of a repository that toets no longer checks is kept.
pub const UNUSED_DAYS: u64 = 30;

const DAY: Duration = Duration::from_secs(24 * 60 * 60);

/// The cache file of one registry, for one program and one configuration.
pub struct Cache {
    path: PathBuf,
    key: String,
}

impl Cache {
    /// The cache of the repository at `root`, kept in `dir`, for results of `registry` as this
    /// very program checks, of the files of one `kind` of source (`check`: the work tree, `pr`:
    /// commits, whose files are known by their blob ids). `None` when the program cannot be
    /// found to identify it.
    pub fn open(dir: &Path, root: &Path, kind: &str, registry: &Registry) -> Option<Cache> {
        let mut key = blake3::Hasher::new();
        key.update(program()?.as_bytes());
        key.update(registry.fingerprint().as_bytes());
        key.update(format!("{:?}", registry.limits).as_bytes());
        let name = blake3::Hasher::new()
            .update(kind.as_bytes())
            .update(b"\0")
            .update(root.as_os_str().as_encoded_bytes())
            .finalize()
            .to_hex();
        Some(Cache { path: dir.join(format!("{}.cache", &name[..32])), key: key.finalize().to_hex().to_string() })
    }

    /// [`Registry::check`] through the cache: what it holds for a file whose text is unchanged is
    /// reused, and this run's results are stored when they differ from what it held. A cache
    /// that cannot be written, or in a folder that others may write, changes nothing but the
    /// time; what to say about it comes beside the outcome and this run's per-file results.
    pub fn check(
        &self,
        registry: &Registry,
        source: &dyn Source,
        chosen: Option<&[String]>,
    ) -> Result<(Outcome, Memo, Option<String>), ToolError> {
        if let Err(warning) = self.prepare(registry.cx.lang) {
            let (outcome, kept) = registry.check_with(source, chosen, None, true)?;
            return Ok((outcome, kept, Some(warning)));
        }
        let stored = self.read();
        let memo = stored.as_ref();
        let (outcome, kept) = registry.check_with(source, chosen, memo, true)?;
        // Unchanged when every file it held was reused, and no other file was checked.
        let held = memo.map(Memo::len);
        let same = held == Some(outcome.reused) && held == Some(kept.len());
        let error = if same { self.keep_alive().err() } else { self.save(&kept).err() };
        Ok((outcome, kept, error.map(|e| self.warning(&e))))
    }

    /// Makes the cache folder if it is not there, and checks that only this user can write it
    /// (see the module's doc); made first, so that nobody can make it between check and use.
    fn prepare(&self, lang: Lang) -> Result<(), String> {
        make_dir(self.dir()).map_err(|e| self.warning(&e))?;
        let meta = std::fs::metadata(self.dir()).map_err(|e| self.warning(&e))?;
        private(&meta).map_err(|shared| shared.warning(self.dir(), lang))
    }

    /// The cache folder.
    fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// Where the cache is kept.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What to say when the cache could not be written.
    fn warning(&self, error: &std::io::Error) -> String {
        format!("warning: toets could not write its cache {}: {error}", self.path.display())
    }

    /// The stored results, when the cache is there, ours and for this key. Streamed rather than
    /// read whole: for 100,000 records it is tens of megabytes, which would otherwise sit in
    /// memory beside what it decodes to. Opened as records are, so a pipe cannot make it wait.
    fn read(&self) -> Option<Memo> {
        let file = load::open_without_waiting(&self.path).ok()?;
        // The opened file's own metadata (fstat), not the path's, which could change meanwhile.
        let meta = file.metadata().ok()?;
        if !meta.is_file() || private(&meta).is_err() {
            return None;
        }
        let mut file = std::io::BufReader::new(file);
        let mut header = vec![0; MAGIC.len() + self.key.len() + 1];
        file.read_exact(&mut header).ok()?;
        if header != [MAGIC, self.key.as_bytes(), b"\n"].concat() {
            return None;
        }
        rmp_serde::from_read(file).ok().map(Memo::from_entries)
    }

    /// Stores `memo` in place of what was there: written to a new file beside it and renamed,
    /// so that a toets running at the same time reads the old cache or the new one, never half.
    fn save(&self, memo: &Memo) -> std::io::Result<()> {
        let dir = self.dir();
        let mut aside = tempfile::Builder::new().prefix("toets-").suffix(".tmp").tempfile_in(dir)?;
        write(aside.as_file_mut(), &self.key, memo)?;
        aside.persist(&self.path).map_err(|e| e.error)?;
        prune(dir, SystemTime::now());
        Ok(())
    }

    /// Marks an unchanged cache as used, at most once a day, so that [`prune`] keeps it.
    fn keep_alive(&self) -> std::io::Result<()> {
        let file = std::fs::OpenOptions::new().append(true).open(&self.path)?;
        let now = SystemTime::now();
        let modified = file.metadata()?.modified()?;
        if now.duration_since(modified).is_ok_and(|age| age > DAY) {
            file.set_modified(now)?;
        }
        Ok(())
    }
}

/// `registry` checked on `source` through the cache of `root` in `dir`, if there is one (see
/// [`Cache::open`]), else as it is; with this run's per-file results when `keep` (or a cache),
/// and what to say on standard error when the cache could not be trusted or written.
pub fn check(
    dir: Option<&Path>,
    root: &Path,
    kind: &str,
    registry: &Registry,
    source: &dyn Source,
    chosen: Option<&[String]>,
    keep: bool,
) -> Result<(Outcome, Memo, Option<String>), ToolError> {
    let Some(cache) = dir.and_then(|d| Cache::open(d, root, kind, registry)) else {
        let (outcome, memo) = registry.check_with(source, chosen, None, keep)?;
        return Ok((outcome, memo, None));
    };
    cache.check(registry, source, chosen)
}

/// Creates the cache folder, for this user alone, and marks it as a cache for backup programs
/// (<https://bford.info/cachedir/>). A folder that exists already is used as it is.
fn make_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    std::fs::write(
        dir.join("CACHEDIR.TAG"),
        "Signature: 8a477f597d28d172789f06886806bc55\n# toets's cache: safe to delete.\n",
    )
}

/// Why a cache folder or file is not trusted: someone else could have written what it holds.
#[cfg_attr(not(unix), allow(dead_code))]
#[derive(Clone, Copy)]
enum Shared {
    /// It belongs to another user.
    NotYours,
    /// Group or others may write it, and it is shared by design (sticky, as `/tmp`).
    Common,
    /// Group or others may write it.
    Writable,
}

impl Shared {
    /// The one line to say on standard error when the cache folder `dir` is not trusted, with
    /// how to mend it. `chmod` is offered only for a folder of the user's that is not shared by
    /// design: on `/tmp` it would harm every other user.
    fn warning(self, dir: &Path, lang: Lang) -> String {
        let dir = dir.display();
        let (why, mend) = match self {
            Shared::NotYours => lang.pick(
                (format!("the folder {dir} belongs to another user"), String::new()),
                (format!("de map {dir} is van een andere gebruiker"), String::new()),
            ),
            Shared::Common => lang.pick(
                (format!("other users may write in the folder {dir}"), String::new()),
                (format!("andere gebruikers mogen schrijven in de map {dir}"), String::new()),
            ),
            Shared::Writable => lang.pick(
                (format!("other users may write in the folder {dir}"), format!(", or run `chmod 700 {dir}`")),
                (
                    format!("andere gebruikers mogen schrijven in de map {dir}"),
                    format!(", of voer `chmod 700 {dir}` uit"),
                ),
            ),
        };
        lang.pick(
            format!(
                "warning: toets checked without its cache, because {why}: a cache there could hide findings. \
                 Choose a folder of your own with --cache-dir (or TOETS_CACHE_DIR){mend}."
            ),
            format!(
                "waarschuwing: toets controleerde zonder cache, want {why}: een cache daar kan bevindingen \
                 verbergen. Kies een eigen map met --cache-dir (of TOETS_CACHE_DIR){mend}."
            ),
        )
    }
}

/// Whether only the user running toets can have written what `meta` describes: it is theirs
/// (effective uid, as the files toets makes) and neither group nor others may write it.
#[cfg(unix)]
fn private(meta: &std::fs::Metadata) -> Result<(), Shared> {
    use std::os::unix::fs::MetadataExt;
    if meta.uid() != rustix::process::geteuid().as_raw() {
        Err(Shared::NotYours)
    } else if meta.mode() & 0o022 == 0 {
        Ok(())
    } else if meta.mode() & 0o1000 != 0 {
        Err(Shared::Common)
    } else {
        Err(Shared::Writable)
    }
}

/// Elsewhere the system does not tell who may write a file in these terms: trusted.
#[cfg(not(unix))]
fn private(_: &std::fs::Metadata) -> Result<(), Shared> {
    Ok(())
}

/// Writes the cache for `memo` with `key` to `file`.
fn write(file: &mut std::fs::File, key: &str, memo: &Memo) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(file);
    out.write_all(MAGIC)?;
    out.write_all(key.as_bytes())?;
    out.write_all(b"\n")?;
    rmp_serde::encode::write_named(&mut out, &memo.entries()).map_err(std::io::Error::other)?;
    // No fsync: after a crash a torn cache is only a damaged one, which is ignored.
    out.flush()
}

/// Removes from `dir` the caches of repositories not checked for [`UNUSED_DAYS`], and files left
/// by a toets stopped while writing, so that the folder does not grow with every checkout ever
/// checked. Only toets's own names are touched, whatever else the folder holds.
fn prune(dir: &Path, now: SystemTime) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let ours = entry.file_name().to_str().is_some_and(is_ours);
        let modified = entry.metadata().and_then(|m| m.modified());
        let unused = modified.is_ok_and(|m| now.duration_since(m).is_ok_and(|age| age > DAY * UNUSED_DAYS as u32));
        if ours && unused {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether `name` is one toets gives its files: `<32 hex digits>.cache`, or `toets-<…>.tmp`.
fn is_ours(name: &str) -> bool {
    let cache = name.strip_suffix(".cache").is_some_and(|h| h.len() == 32 && h.bytes().all(|b| b.is_ascii_hexdigit()));
    cache || (name.starts_with("toets-") && name.ends_with(".tmp"))
}

/// What identifies the running program: its version, and its file's size and time of change
/// (and inode), which every build changes. Hashing the program itself would cost more than a
/// whole check of unchanged records (a release build is tens of megabytes).
fn program() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(&exe).ok()?;
    let changed = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(format!("{} {} {} {changed} {inode}", env!("CARGO_PKG_VERSION"), exe.display(), meta.len()))
}

/// The cache folder when none is named: `$XDG_CACHE_HOME/toets`, else `~/.cache/toets`. A
/// relative `XDG_CACHE_HOME` is ignored, as the XDG specification says: it could put the cache
/// inside the repository.
pub fn default_dir() -> Option<PathBuf> {
    let absolute = |var| std::env::var_os(var).map(PathBuf::from).filter(|p| p.is_absolute());
    absolute("XDG_CACHE_HOME").or_else(|| absolute("HOME").map(|h| h.join(".cache"))).map(|d| d.join("toets"))
}
