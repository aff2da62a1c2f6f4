//! The cache of `toets check`: a file whose text is unchanged gets its earlier results, a changed
//! file and any change of program, configuration, schemas, language or date are checked anew,
//! and a damaged or unwritable cache, or one that another user could have written, changes
//! nothing but the time. Each test copies the example registry into a temporary repository and
//! compares with a check without the cache.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use toets::cache::Cache;
use toets::config::Config;
use toets::finding::{Finding, Lang};
use toets::registry::{Outcome, Registry};
use toets::rules::Context;
use toets::source::WorkTree;

/// A copy of the crate's schemas, `toets.toml` and example registry, and a cache folder beside it.
struct Repo {
    dir: tempfile::TempDir,
    cache: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().expect("temp dir");
        let crate_root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for folder in ["schemas", "registry"] {
            std::fs::create_dir_all(dir.path().join(folder)).expect("mkdir");
            for entry in std::fs::read_dir(crate_root.join(folder)).expect("read folder") {
                let path = entry.expect("entry").path();
                let to = dir.path().join(folder).join(path.file_name().expect("name"));
                std::fs::copy(&path, to).expect("copy");
            }
        }
        std::fs::copy(crate_root.join("toets.toml"), dir.path().join("toets.toml")).expect("copy config");
        Repo { dir, cache: tempfile::tempdir().expect("cache dir") }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn registry(&self, today: &str, lang: Lang) -> Registry {
        let config = Config::load(self.root()).expect("config");
        let cx = Context {
            lang,
            today: today.parse().expect("date"),
            main_domains: config.main_domains.clone(),
            thresholds: config.thresholds.clone(),
        };
        Registry::open(&self.tree(), config, cx).expect("registry")
    }

    fn tree(&self) -> WorkTree {
        WorkTree { root: self.root().to_path_buf() }
    }

    fn cache(&self, registry: &Registry) -> Cache {
        Cache::open(self.cache.path(), self.root(), "check", registry).expect("cache")
    }

    /// A check through the cache, on 2026-11-29 in English.
    fn cached(&self) -> Outcome {
        self.cached_as("2026-11-29", Lang::En)
    }

    fn cached_as(&self, today: &str, lang: Lang) -> Outcome {
        let registry = self.registry(today, lang);
        let (outcome, _, error) = self.cache(&registry).check(&registry, &self.tree(), None).expect("check");
        assert!(error.is_none(), "cache not written: {error:?}");
        outcome
    }

    /// The same check without the cache: what the cached one must report.
    fn fresh(&self) -> Vec<Finding> {
        self.registry("2026-11-29", Lang::En).check(&self.tree(), None).expect("check").findings
    }

    fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.root().join(rel), text).expect("write");
    }

    fn cache_file(&self) -> PathBuf {
        self.cache(&self.registry("2026-11-29", Lang::En)).path().to_path_buf()
    }
}

const RECORDS: usize = 16;

#[test]
fn unchanged_files_are_reused_and_changed_ones_checked_anew() {
    let repo = Repo::new();
    let fresh = repo.fresh();
    let rules: Vec<&str> = fresh.iter().map(|f| f.rule).collect();
    assert!(fresh.iter().all(|f| f.waived.is_some()), "the example registry passes: {rules:?}");
    let first = repo.cached();
    assert_eq!((first.files, first.reused), (RECORDS, 0));
    assert_eq!(first.findings, fresh);
    assert!(repo.cache_file().is_file());

    let second = repo.cached();
    assert_eq!((second.reused, &second.findings), (RECORDS, &fresh));

    // One record gets a field the schema does not know: only that file is checked again.
    let rel = "registry/afvalwijzer.yaml";
    let text = std::fs::read_to_string(repo.root().join(rel)).expect("read");
    repo.write(rel, &format!("{text}colour: green\n"));
    let third = repo.cached();
    assert_eq!(third.reused, RECORDS - 1);
    let rules: Vec<(&str, &str)> =
        third.findings.iter().filter(|f| f.waived.is_none()).map(|f| (f.rule, f.file.as_str())).collect();
    assert_eq!(rules, vec![("schema", rel)]);
    assert_eq!(third.findings, repo.fresh());

    // Back as it was: the cache now holds the changed text, so the file is checked again.
    repo.write(rel, &text);
    let fourth = repo.cached();
    assert_eq!((fourth.reused, fourth.findings), (RECORDS - 1, fresh));
}

#[test]
fn a_rule_across_records_sees_cached_and_fresh_files_alike() {
    let repo = Repo::new();
    repo.cached();
    // A copy of a record under another name: its id is now used twice, which only the rules
    // across records, run every time, can tell.
    let text = std::fs::read_to_string(repo.root().join("registry/parkeerloket.yaml")).expect("read");
    repo.write("registry/parkeerloket-kopie.yaml", &text);
    let outcome = repo.cached();
    assert_eq!(outcome.reused, RECORDS);
    let fresh = repo.fresh();
    assert!(fresh.iter().any(|f| f.rule == "id-duplicate"), "{fresh:?}");
    assert_eq!(outcome.findings, fresh);
    assert_eq!(repo.cached().findings, fresh);
}

#[test]
fn another_date_language_or_schema_checks_every_file_anew() {
    let repo = Repo::new();
    repo.cached();
    assert_eq!(repo.cached_as("2026-11-30", Lang::En).reused, 0, "another date");
    assert_eq!(repo.cached_as("2026-11-30", Lang::Nl).reused, 0, "another language");
    assert_eq!(repo.cached_as("2026-11-30", Lang::Nl).reused, RECORDS);
    let schema = repo.root().join("schemas/application.schema.json");
    let text = std::fs::read_to_string(&schema).expect("schema");
    std::fs::write(&schema, text.replacen('{', "{\n  \"$comment\": \"changed\",", 1)).expect("write");
    assert_eq!(repo.cached_as("2026-11-30", Lang::Nl).reused, 0, "another schema");
    repo.write("toets.toml", "main_domains = [\"voorbeeldstad.nl\", \"example.org\"]\n");
    assert_eq!(repo.cached_as("2026-11-30", Lang::Nl).reused, 0, "another configuration");
    repo.write(
        "toets.toml",
        "main_domains = [\"voorbeeldstad.nl\", \"example.org\"]\n[rules]\npentest-outdated = \"off\"\n",
    );
    let off = repo.cached_as("2026-11-30", Lang::Nl);
    assert_eq!(off.reused, 0, "another rule level");
    assert!(off.findings.iter().all(|f| f.rule != "pentest-outdated"), "{:?}", off.findings);
    assert_eq!(repo.cached_as("2026-11-30", Lang::Nl).findings, off.findings);
}

#[test]
fn a_damaged_cache_is_ignored_and_written_again() {
    let repo = Repo::new();
    repo.cached();
    let path = repo.cache_file();
    let bytes = std::fs::read(&path).expect("cache");
    let fresh = repo.fresh();
    for damaged in [&bytes[..bytes.len() / 2], b"not a cache at all", &[], &bytes[..20]] {
        std::fs::write(&path, damaged).expect("damage");
        let outcome = repo.cached();
        assert_eq!((outcome.reused, &outcome.findings), (0, &fresh));
        assert_eq!(repo.cached().reused, RECORDS, "the cache was written again");
    }
    // The right header on a body that is not the cache's.
    let header = bytes
        .iter()
        .position(|&b| b == b'\n')
        .and_then(|i| Some(i + 1 + bytes[i + 1..].iter().position(|&b| b == b'\n')? + 1));
    let header = header.expect("two header lines");
    let mut forged = bytes[..header].to_vec();
    forged.extend_from_slice(&[0x93, 0xa1, b'x']);
    std::fs::write(&path, forged).expect("forge");
    assert_eq!(repo.cached().reused, 0);
}

fn toets(repo: &Repo, cache_dir: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_toets"))
        .current_dir(repo.root())
        .env("TOETS_TODAY", "2026-11-29")
        .env("TOETS_CACHE_DIR", cache_dir)
        .env_remove("TOETS_NO_CACHE")
        .args(["--lang", "en", "check", "--color", "never"])
        .args(extra)
        .output()
        .expect("toets runs")
}

#[test]
fn the_binary_keeps_its_cache_in_the_folder_named_and_not_with_no_cache() {
    let repo = Repo::new();
    let out = toets(&repo, repo.cache.path(), &["--no-cache"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_dir(repo.cache.path()).expect("cache dir").count(), 0, "--no-cache wrote a cache");
    for off in ["1", "true"] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_toets"));
        command.current_dir(repo.root()).env("TOETS_CACHE_DIR", repo.cache.path()).env("TOETS_NO_CACHE", off);
        let out = command.args(["--today", "2026-11-29", "check"]).output().expect("toets runs");
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(std::fs::read_dir(repo.cache.path()).expect("cache dir").count(), 0, "TOETS_NO_CACHE={off}");
    }

    // A folder toets makes is for this user alone, and marked as a cache for backup programs.
    let dir = repo.cache.path().join("made/by/toets");
    let fresh = toets(&repo, &dir, &[]);
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&dir).expect("dir").permissions());
    assert_eq!(mode & 0o777, 0o700);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("cache dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort_by_key(|n| n != "CACHEDIR.TAG");
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(names[0], "CACHEDIR.TAG");
    assert!(names[1].ends_with(".cache") && names[1].len() == 38, "{names:?}");
    let cached = toets(&repo, &dir, &[]);
    assert_eq!((fresh.status.code(), &fresh.stdout), (cached.status.code(), &cached.stdout));
    // A folder that exists already is used as it is: no tag is added to it.
    toets(&repo, repo.cache.path(), &[]);
    assert!(!repo.cache.path().join("CACHEDIR.TAG").exists());
    let human = String::from_utf8_lossy(&cached.stdout);
    assert!(human.ends_with("\n16 files checked: no findings (2 waived).\n"), "{human}");
}

#[test]
fn files_outside_the_registry_are_cached_like_records() {
    let repo = Repo::new();
    let outside = repo.root().join("elsewhere.yaml");
    std::fs::write(&outside, "id: elsewhere\nname: [\n").expect("write");
    let args = ["--format", "json", "elsewhere.yaml"];
    let (fresh, first, cached) = (
        toets(&repo, repo.cache.path(), &[&args[..], &["--no-cache"]].concat()),
        toets(&repo, repo.cache.path(), &args),
        toets(&repo, repo.cache.path(), &args),
    );
    assert_eq!(fresh.status.code(), Some(1));
    let report = String::from_utf8_lossy(&fresh.stdout).into_owned();
    assert!(report.contains("\"rule\": \"yaml-syntax\""), "{report}");
    for out in [first, cached] {
        assert_eq!((out.status.code(), &out.stdout), (fresh.status.code(), &fresh.stdout));
    }
}

#[test]
fn a_cache_that_cannot_be_written_is_a_warning_only() {
    let repo = Repo::new();
    // A file where the cache folder should be.
    let blocked = repo.cache.path().join("blocked");
    std::fs::write(&blocked, "").expect("write");
    repo.write("registry/extra.yaml", "id: extra\n");
    let out = toets(&repo, &blocked, &["--format", "json"]);
    let without = toets(&repo, &blocked, &["--format", "json", "--no-cache"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!((out.status.code(), &out.stdout), (without.status.code(), &without.stdout));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("warning: toets could not write its cache "), "{stderr}");
    assert!(without.stderr.is_empty(), "{}", String::from_utf8_lossy(&without.stderr));
}

#[test]
fn caches_of_repositories_not_checked_for_a_month_are_removed() {
    let repo = Repo::new();
    let dir = repo.cache.path();
    let day = std::time::Duration::from_secs(24 * 60 * 60);
    let aged = |name: &str, days: u64| {
        let path = dir.join(name);
        let file = std::fs::File::create(&path).expect("create");
        file.set_modified(std::time::SystemTime::now() - day * days as u32).expect("set time");
        path
    };
    let stale = aged("0123456789abcdef0123456789abcdef.cache", toets::cache::UNUSED_DAYS + 1);
    let left_aside = aged("toets-a1B2c3.tmp", toets::cache::UNUSED_DAYS + 1);
    let recent = aged("fedcba9876543210fedcba9876543210.cache", toets::cache::UNUSED_DAYS - 1);
    // Not toets's names: kept whatever their age, in whatever folder `--cache-dir` names.
    let others = ["notes.txt", "backup.cache", "0123456789abcdef0123456789abcdeg.cache", "x.tmp"]
        .map(|name| aged(name, toets::cache::UNUSED_DAYS + 10));
    repo.cached();
    assert!(!stale.exists() && !left_aside.exists(), "old caches are removed");
    assert!(recent.exists() && others.iter().all(|p| p.exists()), "recent caches and other files are kept");
    assert!(repo.cache_file().exists());

    // A cache in use but unchanged is marked as used once a day, so it is not removed.
    let path = repo.cache_file();
    let old = std::time::SystemTime::now() - day * 40;
    std::fs::File::options().append(true).open(&path).expect("open").set_modified(old).expect("age");
    assert_eq!(repo.cached().reused, RECORDS);
    let modified = std::fs::metadata(&path).expect("cache").modified().expect("time");
    assert!(modified > std::time::SystemTime::now() - day, "the cache was not marked as used");
}

#[test]
fn a_cache_that_others_may_write_or_a_link_is_not_trusted() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new();
    repo.cached();
    let path = repo.cache_file();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).expect("chmod");
    assert_eq!(repo.cached().reused, 0, "a cache that others may write is ignored");
    assert_eq!(repo.cached().reused, RECORDS, "and written anew, for this user only");
    let mode = std::fs::metadata(&path).expect("cache").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    let elsewhere = repo.cache.path().join("elsewhere");
    std::fs::rename(&path, &elsewhere).expect("move");
    std::os::unix::fs::symlink(&elsewhere, &path).expect("link");
    assert_eq!(repo.cached().reused, 0, "a cache file that is a link is not followed");
    assert!(!path.is_symlink(), "the link was replaced by a cache file");
}

/// Output as text, for readable failures.
fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A record made to fail, and a cache in `dir` forged as another user would: it maps the failing
/// text to the clean results of the text before. Where the cache is trusted the forgery works,
/// which proves that only the trust decides the runs after. Returns the cache file, the forged
/// bytes and the report without the cache, which every untrusted run must equal.
fn plant(repo: &Repo, dir: &Path) -> (PathBuf, Vec<u8>, Output) {
    use std::os::unix::fs::PermissionsExt;
    let rel = "registry/afvalwijzer.yaml";
    let clean = std::fs::read_to_string(repo.root().join(rel)).expect("read");
    assert_eq!(toets(repo, dir, &[]).status.code(), Some(0));
    let failing = format!("{clean}colour: green\n");
    repo.write(rel, &failing);
    let path = std::fs::read_dir(dir)
        .expect("cache dir")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|x| x == "cache"))
        .expect("a cache file");
    let hex = |text: &str| blake3::hash(text.as_bytes()).to_hex().to_string();
    let (from, to) = (hex(&clean), hex(&failing));
    let mut forged = std::fs::read(&path).expect("cache");
    let at = forged.windows(from.len()).position(|w| w == from.as_bytes()).expect("the clean text's id");
    // Ids are of one length, so the forgery keeps the file's structure.
    forged[at..at + to.len()].copy_from_slice(to.as_bytes());
    std::fs::write(&path, &forged).expect("forge");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    assert_eq!(toets(repo, dir, &[]).status.code(), Some(0), "the forged cache hides the error where trusted");
    let without = toets(repo, dir, &["--no-cache"]);
    assert_eq!(without.status.code(), Some(1));
    assert!(text(&without.stdout).contains("`colour` is not a known field"), "{}", text(&without.stdout));
    (path, forged, without)
}

/// Whether the tests run as root, who alone can give a file to another user; if not, says so.
fn root_or_skip(test: &str) -> bool {
    use std::os::unix::fs::MetadataExt;
    let root = std::fs::metadata(tempfile::tempdir().expect("temp dir").path()).expect("meta").uid() == 0;
    if !root {
        println!("note: {test} skipped: only root can give a file to another user");
    }
    root
}

/// Another user's uid, for files root gives away.
const OTHER: u32 = 12345;

#[test]
fn a_cache_planted_in_a_folder_others_may_write_is_neither_read_nor_written() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new();
    let dir = repo.cache.path().join("shared");
    std::fs::create_dir(&dir).expect("mkdir");
    let (path, forged, without) = plant(&repo, &dir);
    let shown = dir.display();
    let tail = "a cache there could hide findings. Choose a folder of your own with --cache-dir (or TOETS_CACHE_DIR)";
    let cases = [
        (0o777, format!("other users may write in the folder {shown}: {tail}, or run `chmod 700 {shown}`.\n")),
        // Sticky, as /tmp: shared by design, so chmod is not offered.
        (0o1777, format!("other users may write in the folder {shown}: {tail}.\n")),
    ];
    for (mode, why) in cases {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(mode)).expect("chmod");
        let out = toets(&repo, &dir, &[]);
        assert_eq!((out.status.code(), text(&out.stdout)), (Some(1), text(&without.stdout)), "mode {mode:o}");
        assert_eq!(text(&out.stderr), format!("warning: toets checked without its cache, because {why}"));
        assert_eq!(std::fs::read(&path).expect("cache"), forged, "the cache was written");
        assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 1, "toets wrote in the folder");
    }
}

#[test]
fn a_cache_file_others_may_write_is_not_read_and_is_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new();
    let dir = repo.cache.path();
    let (path, _, without) = plant(&repo, dir);
    for mode in [0o666, 0o620] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        let out = toets(&repo, dir, &[]);
        let seen = (out.status.code(), text(&out.stdout), text(&out.stderr));
        assert_eq!(seen, (Some(1), text(&without.stdout), String::new()), "mode {mode:o}");
        let mode = std::fs::metadata(&path).expect("cache").permissions().mode() & 0o7777;
        assert_eq!(mode, 0o600, "written anew, for this user only");
    }
}

#[test]
fn a_cache_file_or_folder_of_another_user_is_not_trusted() {
    use std::os::unix::fs::MetadataExt;
    if !root_or_skip("a_cache_file_or_folder_of_another_user_is_not_trusted") {
        return;
    }
    let repo = Repo::new();
    let dir = repo.cache.path().join("theirs");
    std::fs::create_dir(&dir).expect("mkdir");
    let (path, forged, without) = plant(&repo, &dir);
    std::os::unix::fs::chown(&path, Some(OTHER), Some(OTHER)).expect("chown");
    let out = toets(&repo, &dir, &[]);
    let seen = (out.status.code(), text(&out.stdout), text(&out.stderr));
    assert_eq!(seen, (Some(1), text(&without.stdout), String::new()));
    assert_eq!(std::fs::metadata(&path).expect("cache").uid(), 0, "replaced by a cache of this user's");

    std::fs::write(&path, &forged).expect("forge again");
    std::os::unix::fs::chown(&dir, Some(OTHER), Some(OTHER)).expect("chown");
    let out = toets(&repo, &dir, &[]);
    assert_eq!((out.status.code(), text(&out.stdout)), (Some(1), text(&without.stdout)));
    let warning = format!(
        "warning: toets checked without its cache, because the folder {} belongs to another user: a cache there \
         could hide findings. Choose a folder of your own with --cache-dir (or TOETS_CACHE_DIR).\n",
        dir.display()
    );
    assert_eq!(text(&out.stderr), warning);
    assert_eq!(std::fs::read(&path).expect("cache"), forged, "the cache was written");
}
