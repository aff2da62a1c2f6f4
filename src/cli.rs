//! The command line: parses arguments, runs the job, and maps the outcome to an exit code.

use std::io::{IsTerminal, Write};
use std::path::{Component, Path, PathBuf};

use clap::builder::TypedValueParser;
use clap::{Parser, Subcommand, ValueEnum};

use crate::cache;
use crate::config::{self, Config};
use crate::error::ToolError;
use crate::finding::{Lang, Severity, Summary};
use crate::pr;
use crate::registry::Registry;
use crate::report::{Format, Report};
use crate::rules::{self, Context};
use crate::source::WorkTree;
use crate::template;

/// toets: the municipality's central check ("centrale toets") of its online applications.
#[derive(Debug, Parser)]
#[command(name = "toets", version, about, long_about = None)]
pub struct Cli {
    /// Repository root (default: the nearest folder upwards with toets.toml or .git).
    #[arg(short = 'C', long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// Language of messages (default: `lang` in toets.toml, else en).
    #[arg(long, global = true)]
    pub lang: Option<Lang>,

    /// The date that rules on ages compare against (default: today), for reproducible audits.
    #[arg(long, global = true, env = "TOETS_TODAY", value_name = "YYYY-MM-DD")]
    pub today: Option<jiff::civil::Date>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check records against the schema: every finding at its file, line and column.
    Check {
        /// Record files or folders (default: the registry folder).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// When to colour the output.
        #[arg(long, value_enum, default_value_t)]
        color: Color,
        /// The lowest severity that fails the run (exit code 1).
        #[arg(long, value_enum, default_value_t = Severity::Error)]
        fail_level: Severity,
        #[command(flatten)]
        cache: CacheArgs,
    },
    /// Review a pull request: what it changes in the registry, field by field, and what toets
    /// finds in that change. Reads both commits from git, not from the work tree.
    Pr {
        /// The commit the change starts from (default: the merge base with $GITHUB_BASE_REF,
        /// origin/main or main).
        #[arg(long, value_name = "REV")]
        base: Option<String>,
        /// The commit with the change.
        #[arg(long, value_name = "REV", default_value = "HEAD")]
        head: String,
        /// Also show findings elsewhere in the registry that exist at base already.
        #[arg(long)]
        all: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: PrFormat,
        /// When to colour the output.
        #[arg(long, value_enum, default_value_t)]
        color: Color,
        /// The lowest severity that fails the run (exit code 1).
        #[arg(long, value_enum, default_value_t = Severity::Error)]
        fail_level: Severity,
        #[command(flatten)]
        cache: CacheArgs,
    },
    /// Prove from CODEOWNERS that the CIO is the required approver of every record and every
    /// governance path, and check the file as GitHub reads it. Reads the work tree.
    Codeowners {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// When to colour the output.
        #[arg(long, value_enum, default_value_t)]
        color: Color,
        /// The lowest severity that fails the run (exit code 1).
        #[arg(long, value_enum, default_value_t = Severity::Error)]
        fail_level: Severity,
    },
    /// List every rule: name, severity, source.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Explain a rule: what it checks, why, an example, its source.
    Explain {
        /// The rule's name, e.g. `cio-approval-missing`.
        rule: String,
    },
    /// Write a template record `registry/<ID>.yaml` with every field to fill in.
    New {
        /// The application's id: lowercase letters, digits and hyphens, e.g. `afvalwijzer`.
        id: String,
        /// Overwrite the file if it exists.
        #[arg(long)]
        force: bool,
    },
}

/// Where the results of earlier checks are kept, if anywhere.
#[derive(Debug, clap::Args)]
pub struct CacheArgs {
    /// Check every file anew, without reading or writing the cache.
    #[arg(long, env = "TOETS_NO_CACHE", value_parser = clap::builder::FalseyValueParser::new())]
    no_cache: bool,
    /// Where to keep the results of earlier checks (default: $XDG_CACHE_HOME/toets or
    /// ~/.cache/toets; an empty value means the default).
    #[arg(long, env = "TOETS_CACHE_DIR", value_name = "DIR",
          value_parser = clap::builder::OsStringValueParser::new().map(PathBuf::from))]
    cache_dir: Option<PathBuf>,
}

impl CacheArgs {
    /// The cache folder to use, or `None` for no cache.
    fn dir(self) -> Option<PathBuf> {
        let named = self.cache_dir.filter(|d| !d.as_os_str().is_empty());
        named.or_else(cache::default_dir).filter(|_| !self.no_cache)
    }
}

/// The output formats of `toets pr`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum PrFormat {
    /// The change list and the findings, for a terminal.
    #[default]
    Human,
    /// One page for the CIO, for a pull-request comment.
    Markdown,
    /// The review as one JSON object, for programs.
    Json,
}

/// When to colour human output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// When writing to a terminal and NO_COLOR is not set.
    #[default]
    Auto,
    Always,
    Never,
}

impl Color {
    fn enabled(self) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }
}

/// Writes to standard output. A reader that stops early (`toets check | head`) is not a failure.
fn emit(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), ToolError> {
    let mut out = std::io::stdout().lock();
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(ToolError::Io { path: "stdout".into(), reason: e.to_string() })
        }
        _ => Ok(()),
    }
}

/// `path` without `.` and `..` steps, so that one file has one name (a folder named `x/..` is not
/// resolved through links: toets never follows them out of the repository anyway).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Runs toets as the command line asks; returns the process exit code.
pub fn main() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{:?}", miette::Report::new(e));
            2
        }
    }
}

fn run(cli: Cli) -> Result<u8, ToolError> {
    let cwd = std::env::current_dir().map_err(|e| ToolError::Io { path: ".".into(), reason: e.to_string() })?;
    let root = normalize(&cwd.join(cli.root.clone().unwrap_or_else(|| config::find_root(&cwd))));
    let today = cli.today.unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    // A pull request is judged by the configuration it carries, not by the work tree's.
    if let Command::Pr { base, head, all, format, color, fail_level, cache } = cli.command {
        let cache = cache.dir();
        let request = pr::Request { base: base.as_deref(), head: &head, all, cache: cache.as_deref() };
        let review = pr::review(&root, &request, cli.lang, today)?;
        if let Some(warning) = &review.cache_warning {
            eprintln!("{warning}");
        }
        emit(|out| crate::report::review::render(out, &review, format, color.enabled(), review.lang))?;
        return Ok(u8::from(review.findings.iter().any(|f| f.fails_at(fail_level))));
    }
    let config = Config::load(&root)?;
    let lang = cli.lang.unwrap_or(config.lang);
    match cli.command {
        Command::Check { paths, format, color, fail_level, cache } => {
            let cx = Context {
                lang,
                today,
                main_domains: config.main_domains.clone(),
                thresholds: config.thresholds.clone(),
            };
            let tree = WorkTree { root };
            let registry = Registry::open(&tree, config, cx)?;
            let paths: Vec<PathBuf> = paths.iter().map(|p| normalize(&cwd.join(p))).collect();
            let chosen = if paths.is_empty() { None } else { Some(tree.expand(&paths)?) };
            let dir = cache.dir();
            let (outcome, _, warning) =
                cache::check(dir.as_deref(), &tree.root, "check", &registry, &tree, chosen.as_deref(), false)?;
            if let Some(warning) = warning {
                eprintln!("{warning}");
            }
            let summary = Summary::of(outcome.files, &outcome.findings);
            let report = Report { findings: &outcome.findings, summary, sources: &outcome.sources, lang };
            emit(|out| format.renderer(color.enabled()).render(out, &report))?;
            Ok(u8::from(outcome.findings.iter().any(|f| f.fails_at(fail_level))))
        }
        // Handled above, before the work tree's configuration is read.
        Command::Pr { .. } => Ok(0),
        Command::Codeowners { format, color, fail_level } => {
            let outcome = crate::codeowners::check(&root, &config, lang)?;
            let summary = Summary::of(outcome.files, &outcome.findings);
            let report = Report { findings: &outcome.findings, summary, sources: &outcome.sources, lang };
            emit(|out| format.renderer(color.enabled()).render(out, &report))?;
            Ok(u8::from(outcome.findings.iter().any(|f| f.fails_at(fail_level))))
        }
        Command::Rules { format } => {
            emit(|out| crate::report::rules(out, format, lang))?;
            Ok(0)
        }
        Command::Explain { rule } => {
            let found = rules::find(&rule).ok_or_else(|| {
                ToolError::Usage(lang.pick(
                    format!("There is no rule `{rule}`; `toets rules` lists them all."),
                    format!("Er is geen regel `{rule}`; `toets rules` toont ze allemaal."),
                ))
            })?;
            emit(|out| writeln!(out, "{}\n\n{}", found.name, found.explanation(lang)))?;
            Ok(0)
        }
        Command::New { id, force } => {
            let path = template::write(&root, &config, &id, force, lang)?;
            let done = lang.pick(
                format!("Wrote {}. Fill it in, then run `toets check` to see what is still missing.", path.display()),
                format!(
                    "{} geschreven. Vul het in en voer `toets check` uit om te zien wat nog ontbreekt.",
                    path.display()
                ),
            );
            emit(|out| writeln!(out, "{done}"))?;
            Ok(0)
        }
    }
}
