//! The command line: parses arguments, runs the job, and maps the outcome to an exit code.

use std::io::{IsTerminal, Write};
use std::path::{Component, Path, PathBuf};

use clap::builder::TypedValueParser;
use clap::{Parser, Subcommand, ValueEnum};

use crate::cache;
use crate::config::{self, Config};
use crate::error::ToolError;
use crate::finding::{Lang, Severity, Summary};
use crate::github::{self, Posting, client::Client, client::Fault};
use crate::pr;
use crate::registry::Registry;
use crate::report::{Format, PrFormat, Report, RulesFormat};
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
        /// Also write the review as JSON to FILE, for `toets post` in a job that may write.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Post the findings on the pull request as one GitHub review (needs a token that may
        /// write pull requests; a fork's read-only token gets annotations instead).
        #[arg(long)]
        github_review: bool,
        #[command(flatten)]
        github: GithubArgs,
    },
    /// Post a review saved by `toets pr --output FILE` on its pull request. Checks nothing: it
    /// posts what the saved review holds, once its commit is verified to be the pull request's.
    Post {
        /// The saved review.
        file: PathBuf,
        #[command(flatten)]
        github: GithubArgs,
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
        /// Also ask GitHub (with a token): its errors in CODEOWNERS, and whether the default
        /// branch requires a code owner's review, dismisses stale approvals and lets no one
        /// bypass it.
        #[arg(long)]
        github: bool,
        #[command(flatten)]
        repo: RepoArgs,
    },
    /// List every rule: name, severity, source.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: RulesFormat,
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

/// Which repository on GitHub, and how to reach it; each flag overrides the workflow's
/// environment.
#[derive(Debug, clap::Args)]
pub struct RepoArgs {
    /// The environment variable that holds the token (never shown in any output).
    #[arg(long, value_name = "NAME", default_value = "GITHUB_TOKEN")]
    token_env: String,
    /// The repository, OWNER/NAME (default: $GITHUB_REPOSITORY).
    #[arg(long, value_name = "OWNER/NAME")]
    repo: Option<String>,
    /// GitHub's API (default: $GITHUB_API_URL, else https://api.github.com).
    #[arg(long, value_name = "URL")]
    api_url: Option<String>,
    /// How long one request to GitHub may take, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
    api_timeout: u64,
}

/// Where on GitHub to post.
#[derive(Debug, clap::Args)]
pub struct GithubArgs {
    #[command(flatten)]
    repo: RepoArgs,
    /// The pull request's number (default: from the event in $GITHUB_EVENT_PATH).
    #[arg(long, value_name = "NUMBER")]
    pr: Option<u64>,
}

impl GithubArgs {
    fn given(&self) -> github::event::Given {
        github::event::Given { api_url: self.repo.api_url.clone(), repository: self.repo.repo.clone(), number: self.pr }
    }
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
    // A pull request is judged by the configuration of its base commit, not by the work tree's.
    if let Command::Pr { base, head, all, format, color, fail_level, cache, output, github_review, github } =
        cli.command
    {
        let cache = cache.dir();
        let request = pr::Request { base: base.as_deref(), head: &head, all, cache: cache.as_deref() };
        let review = pr::review(&root, &request, cli.lang, today)?;
        if let Some(warning) = &review.cache_warning {
            eprintln!("{warning}");
        }
        emit(|out| crate::report::review::render(out, &review, format, color.enabled(), review.lang))?;
        let code = u8::from(review.findings.iter().any(|f| f.fails_at(fail_level)));
        if output.is_none() && !github_review {
            return Ok(code);
        }
        let posting = posting(&review, &github)?;
        if let Some(path) = output {
            save(&cwd.join(path), &posting)?;
        }
        if github_review {
            let shown = format == PrFormat::Github;
            return Ok(publish(&posting, &github, false, shown).unwrap_or(2).max(code));
        }
        return Ok(code);
    }
    if let Command::Post { file, github } = &cli.command {
        let lang = cli.lang.unwrap_or_default();
        let posting = Posting::read(&cwd.join(file), lang).map_err(ToolError::Usage)?;
        return Ok(publish(&posting, github, true, false).unwrap_or(2));
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
        Command::Pr { .. } | Command::Post { .. } => Ok(0),
        Command::Codeowners { format, color, fail_level, github, repo } => {
            let mut outcome = crate::codeowners::check(&root, &config, lang)?;
            if github {
                outcome.findings.extend(codeowners_online(&repo, &config, &outcome.file, lang)?);
                crate::finding::sort(&mut outcome.findings);
            }
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
            let written = template::write(&root, &config, &id, force, lang)?;
            let path = written.path.display();
            if let Some(what) = written.replaced {
                let said = lang.pick(
                    format!("Replaced {path}, which held {what}, with an empty template; its old text is in git (`git diff {path}`)."),
                    format!("{path}, met daarin {what}, vervangen door een lege sjabloon; de oude tekst staat in git (`git diff {path}`)."),
                );
                emit(|out| writeln!(out, "{said}"))?;
            }
            let done = lang.pick(
                format!("Wrote {path}. Fill it in, then run `toets check` to see what is still missing."),
                format!("{path} geschreven. Vul het in en voer `toets check` uit om te zien wat nog ontbreekt."),
            );
            emit(|out| writeln!(out, "{done}"))?;
            Ok(0)
        }
    }
}

/// What a review posts, from `toets pr`'s result: the findings and the CIO's page.
fn posting(review: &pr::Review, args: &GithubArgs) -> Result<Posting, ToolError> {
    let mut page = Vec::new();
    crate::report::review::render(&mut page, review, PrFormat::Markdown, false, review.lang)
        .map_err(|e| ToolError::Io { path: "markdown".into(), reason: e.to_string() })?;
    let env = |name: &str| std::env::var(name).ok();
    Ok(Posting {
        version: github::POSTING_VERSION,
        pull_request: github::event::target(&args.given(), env, review.lang).ok().map(|t| t.number),
        base_sha: review.base_sha.clone(),
        head_sha: review.head_sha.clone(),
        lang: review.lang,
        files: review.files,
        findings: review.findings.clone(),
        page: String::from_utf8_lossy(&page).into_owned(),
    })
}

fn save(path: &Path, posting: &Posting) -> Result<(), ToolError> {
    let io = |e: std::io::Error| ToolError::Io { path: path.display().to_string(), reason: e.to_string() };
    let text = serde_json::to_string(posting).map_err(|e| io(e.into()))?;
    std::fs::write(path, text).map_err(io)
}

/// Posts on GitHub; whatever GitHub does, the findings reach the run (as annotations and in the
/// step summary when the review cannot be posted). Returns `None` for a failure of toets or of
/// its use (exit code 2), after saying why.
fn publish(posting: &Posting, args: &GithubArgs, verify: bool, shown: bool) -> Option<u8> {
    let lang = posting.lang;
    let env = |name: &str| std::env::var(name).ok();
    let mut given = args.given();
    given.number = given.number.or(posting.pull_request.filter(|_| verify));
    let target = match github::event::target(&given, env, lang) {
        Ok(target) => target,
        Err(why) => {
            eprintln!("toets: {why}");
            return None;
        }
    };
    if target.fork && !verify {
        let why = lang.pick(
            "a pull request from a fork gets a read-only token, so the review is posted by the workflow that runs `toets post`",
            "een pull request uit een fork krijgt een token dat alleen mag lezen; de review plaatst de workflow die `toets post` uitvoert",
        );
        return fall_back(posting, why, shown);
    }
    let Some(token) = env(&args.repo.token_env).filter(|t| !t.is_empty()) else {
        let why = lang.pick(
            format!("there is no token in ${}", args.repo.token_env),
            format!("er staat geen token in ${}", args.repo.token_env),
        );
        return fall_back(posting, &why, shown);
    };
    let timeout = std::time::Duration::from_secs(args.repo.api_timeout);
    let client = match Client::new(&target.api_url, token, timeout) {
        Ok(client) => client,
        Err(why) => return fall_back(posting, &why, shown),
    };
    if verify {
        if let Err(why) = github::verify_head(&client, &target, posting, lang) {
            eprintln!("toets: {why}");
            return None;
        }
    }
    match github::post(&client, &target, &posting.head_sha, posting) {
        Ok(posted) => {
            eprintln!("{}", posted.describe(lang));
            Some(0)
        }
        Err(fault) => {
            let why = client.redact(&fault.describe(lang));
            let refused = matches!(fault, Fault::Refused { .. });
            fall_back(posting, &why, shown).and_then(|code| (!refused).then_some(code))
        }
    }
}

/// GitHub does not show a step summary over 1 MiB.
const STEP_SUMMARY_BYTES: usize = 1024 * 1024 - 1024;

/// The longest start of `text` of at most `max` bytes that ends at a character boundary.
fn within(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The findings as workflow annotations and the CIO's page in the step summary, with one line
/// that says why.
fn fall_back(posting: &Posting, why: &str, shown: bool) -> Option<u8> {
    let lang = posting.lang;
    eprintln!(
        "{}",
        lang.pick(
            format!("toets: no review posted ({why}); the findings are annotations and in the step summary instead"),
            format!("toets: geen review geplaatst ({why}); de bevindingen staan als annotaties en in de samenvatting van de stap"),
        )
    );
    if !shown {
        let sources = std::collections::BTreeMap::new();
        let summary = Summary::of(posting.files, &posting.findings);
        let report = Report { findings: &posting.findings, summary, sources: &sources, lang };
        emit(|out| Format::Github.renderer(false).render(out, &report)).ok()?;
    }
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        let appended = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&path)
            .and_then(|mut f| f.write_all(within(&posting.page, STEP_SUMMARY_BYTES).as_bytes()));
        if let Err(e) = appended {
            eprintln!("toets: {}: {e}", PathBuf::from(path).display());
        }
    }
    Some(0)
}

/// What GitHub says about CODEOWNERS and the default branch, as findings; what could not be
/// read is said on standard error.
fn codeowners_online(
    args: &RepoArgs,
    config: &Config,
    file: &str,
    lang: Lang,
) -> Result<Vec<crate::finding::Finding>, ToolError> {
    use crate::codeowners::github::{Settings, online_findings};
    let env = |name: &str| std::env::var(name).ok();
    let given = github::event::Given { api_url: args.api_url.clone(), repository: args.repo.clone(), number: Some(0) };
    let target = github::event::target(&given, env, lang).map_err(ToolError::Usage)?;
    let token = env(&args.token_env).filter(|t| !t.is_empty()).ok_or_else(|| {
        let name = &args.token_env;
        ToolError::Usage(lang.pick(
            format!("--github needs a token that may read the repository in ${name}"),
            format!("--github heeft in ${name} een token nodig dat de repository mag lezen"),
        ))
    })?;
    let timeout = std::time::Duration::from_secs(args.api_timeout);
    let client = Client::new(&target.api_url, token, timeout).map_err(ToolError::Usage)?;
    let answers = github::settings::read(&client, &target.owner, &target.repo, lang)
        .map_err(|fault| ToolError::Usage(client.redact(&fault.describe(lang))))?;
    for line in &answers.unread {
        eprintln!("toets: {line}");
    }
    let settings = Settings {
        branch: &answers.branch,
        file,
        errors: &answers.errors,
        protection: answers.protection.as_ref(),
        rules: &answers.rules,
        rulesets: &answers.rulesets,
        lang,
    };
    // Without the protection, "nothing requires a code owner" cannot be known.
    let findings = online_findings(&settings)
        .into_iter()
        .filter(|f| answers.protection_known || f.rule != "codeowners-review-not-required")
        .collect();
    Ok(rules::apply_levels(&config.rules, findings))
}
