//! Cache: what the last `toets check` found in each file, kept on disk, so that a file whose text
//! has not changed since is not parsed and checked again. A second run over unchanged records
//! reads and hashes them, and runs only the rules across records.
//!
//! An entry counts only for the same text (its BLAKE3 hash) and the same key: the hash of the
//! toets program itself, the configuration, the schemas, the language and the date (rules on
//! ages depend on it). Any other key makes the whole file stale. The cache lives outside the
//! repository (by default `~/.cache/toets`), so a pull request cannot bring one along, and a
//! missing, stale or damaged cache is ignored: it can make toets slower, never its findings other.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::ToolError;
use crate::registry::{Memo, Outcome, Registry};
use crate::source::Source;

/// Starts every cache file; the number is the format's version.
const MAGIC: &[u8] = b"toets cache 1\n";

/// The cache file of one registry, for one program and one configuration.
pub struct Cache {
    path: PathBuf,
    key: String,
}

impl Cache {
    /// The cache of the repository at `root`, kept in `dir`, for results of `registry` as this
    /// very program checks. `None` when the program cannot be found to identify it.
    pub fn open(dir: &Path, root: &Path, registry: &Registry) -> Option<Cache> {
        let mut key = blake3::Hasher::new();
        key.update(program()?.as_bytes());
        key.update(registry.fingerprint().as_bytes());
        key.update(format!("{:?}", registry.limits).as_bytes());
        let name = blake3::hash(root.as_os_str().as_encoded_bytes()).to_hex();
        Some(Cache { path: dir.join(format!("{}.cache", &name[..32])), key: key.finalize().to_hex().to_string() })
    }

    /// [`Registry::check`] through the cache: what it holds for a file whose text is unchanged is
    /// reused, and this run's results are stored when they differ from what it held. A cache
    /// that cannot be written changes nothing but the time; its error comes beside the outcome.
    pub fn check(
        &self,
        registry: &Registry,
        source: &dyn Source,
        chosen: Option<&[String]>,
    ) -> Result<(Outcome, Option<std::io::Error>), ToolError> {
        let memo = self.load();
        let (outcome, kept) = registry.check_with(source, chosen, Some(&memo), true)?;
        // Unchanged when every file it held was reused, and no other file was checked.
        let same = outcome.reused == memo.len() && kept.len() == memo.len();
        let error = if same { None } else { self.save(&kept).err() };
        Ok((outcome, error))
    }

    /// Where the cache is kept.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The stored results; none when the cache is missing, stale or damaged.
    pub fn load(&self) -> Memo {
        self.read().unwrap_or_default()
    }

    /// Streams the file rather than reading it whole: for 100,000 records it is tens of
    /// megabytes, which would otherwise sit in memory beside what it decodes to.
    fn read(&self) -> Option<Memo> {
        let mut file = std::io::BufReader::new(std::fs::File::open(&self.path).ok()?);
        let mut header = vec![0; MAGIC.len() + self.key.len() + 1];
        file.read_exact(&mut header).ok()?;
        let expected = [MAGIC, self.key.as_bytes(), b"\n"].concat();
        if header != expected {
            return None;
        }
        rmp_serde::from_read(file).ok().map(Memo::from_entries)
    }

    /// Stores `memo` in place of what was there. Written beside it and then renamed, so that a
    /// toets running at the same time reads the old cache or the new one, never half of one.
    pub fn save(&self, memo: &Memo) -> std::io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let tag = dir.join("CACHEDIR.TAG");
        if !tag.exists() {
            // Tells backup programs to skip the folder (https://bford.info/cachedir/).
            std::fs::write(tag, "Signature: 8a477f597d28d172789f06886806bc55\n# toets's cache: safe to delete.\n")?;
        }
        let aside = self.path.with_extension(format!("{}.tmp", std::process::id()));
        let written = write(&aside, &self.key, memo).and_then(|()| std::fs::rename(&aside, &self.path));
        if written.is_err() {
            let _ = std::fs::remove_file(&aside);
        }
        prune(dir, std::time::SystemTime::now());
        written
    }
}

/// How long the cache of a repository that toets no longer checks is kept.
pub const UNUSED_DAYS: u64 = 30;

/// Removes the caches in `dir` of repositories not checked for [`UNUSED_DAYS`] (a cache is
/// rewritten whenever its repository's files change), and files left aside by a toets that was
/// stopped while writing, so that the folder does not grow with every checkout ever checked.
fn prune(dir: &Path, now: std::time::SystemTime) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let limit = std::time::Duration::from_secs(UNUSED_DAYS * 24 * 60 * 60);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let ours = name.to_str().is_some_and(|n| n.ends_with(".cache") || n.ends_with(".tmp"));
        let modified = entry.metadata().and_then(|m| m.modified());
        let old = modified.is_ok_and(|m| now.duration_since(m).is_ok_and(|age| age > limit));
        if ours && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes a cache file with `key` for `memo` at `path`.
fn write(path: &Path, key: &str, memo: &Memo) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    out.write_all(MAGIC)?;
    out.write_all(key.as_bytes())?;
    out.write_all(b"\n")?;
    rmp_serde::encode::write_named(&mut out, &memo.entries()).map_err(std::io::Error::other)?;
    // No fsync: after a crash a torn cache is only a damaged one, which is ignored.
    out.flush()
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

/// The cache folder when none is named: `$XDG_CACHE_HOME/toets`, else `~/.cache/toets`.
pub fn default_dir() -> Option<PathBuf> {
    let home = |var| std::env::var_os(var).filter(|v| !v.is_empty()).map(PathBuf::from);
    home("XDG_CACHE_HOME").or_else(|| home("HOME").map(|h| h.join(".cache"))).map(|d| d.join("toets"))
}
