//! The command line: flags defined in one place with their docs, and the glue that runs them.
//!
//! Owns argument parsing (clap), choosing the index directory, terminal detection, progress
//! bars, and exit codes. It must not contain search or parsing logic: every command calls
//! into the library and hands the result to `output`.
//!
//! Exit codes: 0 success; 1 when a search finds nothing, when `index` could index nothing,
//! or when the index is missing or unusable; 2 for usage errors.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::article::{Article, EntityKind};
use crate::engine::Engine;
use crate::entities;
use crate::index::DEFAULT_INDEX_DIR;
use crate::index::writer::{self, IndexOptions};
use crate::ingest::{self, ReadLimits, WalkOptions};
use crate::output::{self, Style};
use crate::search::{Facet, Interval, SearchRequest, Sort};

/// Offline search for news archives: headlines, bylines, captions, bodies and the people,
/// places and organisations in them.
#[derive(Parser, Debug)]
#[command(name = "newsdex", version, about, long_about = None)]
pub struct Cli {
    /// Index directory [default: ./.newsdex]
    #[arg(long, global = true, env = "NEWSDEX_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// When to use colour: auto (on a terminal), always, never
    #[arg(long, global = true, value_enum, default_value_t = ColourChoice::Auto, value_name = "WHEN")]
    pub color: ColourChoice,

    #[command(subcommand)]
    pub command: Command,
}

/// `--ner`: which tagger finds the entities.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum NerChoice {
    /// The linear model: about 1M tokens/s on one core
    #[default]
    Fast,
    /// The fine-tuned transformer: more accurate on today's news, much slower
    Accurate,
}

impl From<NerChoice> for entities::Tier {
    fn from(choice: NerChoice) -> Self {
        match choice {
            NerChoice::Fast => entities::Tier::Fast,
            NerChoice::Accurate => entities::Tier::Accurate,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColourChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Index files and folders of articles (.txt .md .json .jsonl .html .sgm .xml, and their .gz)
    Index(IndexArgs),
    /// Search the index
    Search(SearchArgs),
    /// Print one stored article with every field and its entities
    Show {
        /// Article id, or the path of its source file
        id_or_path: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Parse files without indexing; print each article as one JSON object per line
    Extract {
        /// The files to parse; a folder stands for the article files under it, as `index`
        /// finds them (a file that cannot be read is reported and skipped)
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Which tagger finds the entities: fast or accurate
        #[arg(long, value_enum, default_value_t = NerChoice::Fast)]
        ner: NerChoice,
    },
    /// Give articles extracted in parts (`extract` output, e.g. newsdex-scale's shards) the
    /// archive-wide names and types `index` gives an archive: reads the JSON Lines files
    /// twice and prints every article again with them
    Canonical {
        /// JSON Lines files of articles as `newsdex extract` prints them
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Also write the aliases decided, as the index's aliases.json (`{"person": {name:
        /// canonical}, "org": {...}, "retyped": [...]}`), before the first article is printed
        #[arg(long, value_name = "FILE")]
        aliases: Option<PathBuf>,
    },
    /// Count the people, places or organisations in matching articles, most frequent first
    Entities(EntitiesArgs),
    /// Tag tokens with the NER model: CoNLL input with --conll, else an article file
    Tag {
        /// The file to tag
        file: PathBuf,
        /// Read CoNLL format (token first on each line, blank line between sentences,
        /// -DOCSTART- between documents); print `token TAG` lines in IOB2
        #[arg(long)]
        conll: bool,
        /// With --conll: score against the file's last column and print P/R/F1 per type
        /// (IOB1, IOB2, BIOES or BILOU; WNUT-17, OntoNotes and Worldwide Newswire types map
        /// to PER, LOC, ORG, MISC)
        #[arg(long, requires = "conll")]
        eval: bool,
        /// Add a third column: the tagger's margin for each token against tagging it O
        /// (fast tier only)
        #[arg(long)]
        margins: bool,
        /// Which tagger: fast or accurate
        #[arg(long, value_enum, default_value_t = NerChoice::Fast)]
        ner: NerChoice,
    },
    /// Serve the index to a browser and as a JSON API (read-only)
    Serve(ServeArgs),
    /// Stream every matching article (all of them without a query or filters) as JSON Lines
    /// or OpenSearch `_bulk` NDJSON, or print the index definition that receives them
    Export(ExportArgs),
    /// Article count, index size and the most frequent entities
    Stats {
        /// Print JSON
        #[arg(long)]
        json: bool,
        /// How many of each entity type to list
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
}

#[derive(Args, Debug)]
pub struct IndexArgs {
    /// Files or folders to index
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Delete the index and build it again from scratch
    #[arg(long)]
    pub rebuild: bool,
    /// Also index hidden files and folders (names starting with a dot)
    #[arg(long)]
    pub hidden: bool,
    /// Follow symbolic links (loops are detected and reported)
    #[arg(long, short = 'L')]
    pub follow: bool,
    /// Worker threads [default: number of cores]
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Index writer memory budget in MB
    #[arg(long, default_value_t = 200, value_name = "MB")]
    pub memory: usize,
    /// Skip entity extraction: about 3x faster indexing, but --person/--place/--org and
    /// `entities` find nothing in what this run indexes
    #[arg(long)]
    pub no_entities: bool,
    /// Which tagger finds the entities: fast, or accurate (a transformer: more accurate on
    /// today's news, about 1,000x slower). Unchanged files keep the tier that tagged them
    /// unless --rebuild
    #[arg(long, value_enum, default_value_t = NerChoice::Fast, conflicts_with = "no_entities")]
    pub ner: NerChoice,
    /// Commit at least this often, in seconds, so an interrupted run keeps its work
    /// (0: after every file)
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    pub commit_every: u64,
    /// Read at most this many MB of one file; the rest is dropped and reported
    #[arg(long, default_value_t = 64, value_name = "MB")]
    pub max_file_size: u64,
    /// List every failed file and warning
    #[arg(long, short)]
    pub verbose: bool,
    /// Print the run's report as JSON
    #[arg(long)]
    pub json: bool,
}

/// Filters shared by `search` and `entities`.
#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Only articles mentioning this person (repeatable; all must hold). Matches name parts.
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,
    /// Only articles mentioning this place (repeatable)
    #[arg(long, value_name = "NAME")]
    pub place: Vec<String>,
    /// Only articles filed from this place or a place inside it, by their dateline
    /// ("Canada" finds stories filed from Toronto) (repeatable)
    #[arg(long, value_name = "PLACE")]
    pub dateline: Vec<String>,
    /// Only articles about this entity, of any type: central to the article (named in
    /// the headline or lead, most mentioned, or the dateline) (repeatable)
    #[arg(long, value_name = "NAME")]
    pub about: Vec<String>,
    /// Only articles mentioning this organisation (repeatable)
    #[arg(long, value_name = "NAME")]
    pub org: Vec<String>,
    /// Only articles by this author (repeatable)
    #[arg(long, value_name = "NAME")]
    pub byline: Vec<String>,
    /// Only articles published on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles published on or before this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Leave out articles mentioning this person (repeatable)
    #[arg(long, value_name = "NAME")]
    pub exclude_person: Vec<String>,
    /// Leave out articles mentioning this place or a place inside it (repeatable)
    #[arg(long, value_name = "NAME")]
    pub exclude_place: Vec<String>,
    /// Leave out articles mentioning this organisation (repeatable)
    #[arg(long, value_name = "NAME")]
    pub exclude_org: Vec<String>,
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Query: words (all must match), "phrases", OR, -word / NOT word, and field prefixes
    /// headline: byline: caption: body: dateline: person: place: org:
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// How many results to show
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Skip this many results first
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
    /// Also count persons, places and organisations over all matching articles
    #[arg(long)]
    pub facets: bool,
    /// With --facets: rank entities by how central they are to the matches (summed
    /// salience, in articles), not by how many mention them
    #[arg(long, requires = "facets")]
    pub weighted: bool,
    /// Order: relevance (newest first without query text), date (oldest first), -date
    #[arg(long, value_enum, default_value_t = SortArg::Relevance, allow_hyphen_values = true)]
    pub sort: SortArg,
    /// Also count the matches per year, month or day
    #[arg(long, value_enum, value_name = "INTERVAL")]
    pub histogram: Option<IntervalArg>,
    /// Search a sharded Sphinx/Manticore cluster that `scale/` loaded instead of the local
    /// index: sphinx://HOST:PORT/INDEX (the distributed daemon's SphinxQL port). The
    /// histogram, --about, --dateline, --weighted and snippets are not supported there; when
    /// a shard does not answer, the results of the others are printed, the missing shard is
    /// named and the exit code is 3
    #[arg(long, value_name = "URL")]
    pub remote: Option<String>,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Optional query restricting the articles exported (same syntax as `search`)
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// jsonl: one article per line, every stored field; opensearch: `_bulk` NDJSON (an
    /// index action with the article id as `_id`, then the article)
    #[arg(long, value_enum, default_value_t = ExportFormatArg::Jsonl)]
    pub format: ExportFormatArg,
    /// Print the receiving index's definition instead of articles: opensearch (the index
    /// body, settings and mappings) or sphinx (a Sphinx 2.2 / Manticore real-time index)
    #[arg(long, value_enum, value_name = "ENGINE", conflicts_with_all = ["query", "format"])]
    pub mapping: Option<MappingArg>,
    /// The target index's name, in `_bulk` actions and the Sphinx definition
    #[arg(long, default_value = "newsdex", value_name = "NAME")]
    pub index_name: String,
    /// With --mapping sphinx: the directory the index's files go in
    #[arg(long, default_value = "/var/lib/sphinxsearch/data", value_name = "DIR")]
    pub data_dir: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormatArg {
    Jsonl,
    Opensearch,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MappingArg {
    Opensearch,
    Sphinx,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    Relevance,
    Date,
    #[value(name = "-date")]
    NewestFirst,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum IntervalArg {
    Year,
    Month,
    Day,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on; anything but loopback needs --token
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub bind: std::net::SocketAddr,
    /// Require this token on every request (`Authorization: Bearer TOKEN`, or `?token=`)
    #[arg(
        long,
        env = "NEWSDEX_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
    /// Open the web app in a browser once listening, if there is one
    #[arg(long)]
    pub open: bool,
}

#[derive(Args, Debug)]
pub struct EntitiesArgs {
    /// Optional query restricting the articles counted
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Entity type to count (all three when omitted)
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    pub kind: Option<KindArg>,
    /// How many entities to list
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    /// Rank entities by how central they are to the matching articles (summed salience, in
    /// articles: 1.0 per article wholly about one), not by how many mention them
    #[arg(long)]
    pub weighted: bool,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Person,
    Place,
    Org,
}

impl From<KindArg> for EntityKind {
    fn from(k: KindArg) -> EntityKind {
        match k {
            KindArg::Person => EntityKind::Person,
            KindArg::Place => EntityKind::Place,
            KindArg::Org => EntityKind::Org,
        }
    }
}

/// Entry point used by `main.rs`.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let reads_index = !matches!(
        cli.command,
        Command::Index(_)
            | Command::Extract { .. }
            | Command::Tag { .. }
            | Command::Canonical { .. }
    );
    let index = index_dir(&cli.index);
    // A panic (a bug, or a damaged index file tantivy trips over) becomes one line, not a
    // backtrace: the default hook is replaced and the payload reported below.
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cli)));
    let result = match outcome {
        Ok(result) => result,
        Err(payload) => {
            let what = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("unknown failure");
            if reads_index {
                Err(anyhow::anyhow!(
                    "reading the index at {} failed ({what}): if the index is damaged, rebuild it with `newsdex index --rebuild PATH`",
                    index.display()
                ))
            } else {
                Err(anyhow::anyhow!(
                    "internal error: {what}; please report it with the input that caused it"
                ))
            }
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // One line: the error and its causes, each said once (a library error often
            // quotes its source, which the chain then gives again).
            let mut msg = format!("newsdex: {e}");
            for cause in e.chain().skip(1) {
                let cause = cause.to_string();
                if !msg.ends_with(&format!(": {cause}")) {
                    msg.push_str(&format!(": {cause}"));
                }
            }
            eprintln!("{msg}");
            ExitCode::from(1)
        }
    }
}

fn index_dir(cli_index: &Option<PathBuf>) -> PathBuf {
    cli_index
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX_DIR))
}

fn style(choice: ColourChoice) -> Style {
    Style {
        colour: match choice {
            ColourChoice::Always => true,
            ColourChoice::Never => false,
            ColourChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        },
    }
}

fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        // A closed pipe (`newsdex search x | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing output"),
    }
}

fn print_json(value: &impl serde::Serialize) -> Result<()> {
    print(&format!(
        "{}\n",
        serde_json::to_string(value).context("encoding JSON")?
    ))
}

fn request(query: &str, f: &FilterArgs) -> SearchRequest {
    SearchRequest {
        query: query.to_string(),
        persons: f.person.clone(),
        places: f.place.clone(),
        datelines: f.dateline.clone(),
        about: f.about.clone(),
        orgs: f.org.clone(),
        bylines: f.byline.clone(),
        exclude_persons: f.exclude_person.clone(),
        exclude_places: f.exclude_place.clone(),
        exclude_orgs: f.exclude_org.clone(),
        since: f.since.clone(),
        until: f.until.clone(),
        ..SearchRequest::default()
    }
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let dir = index_dir(&cli.index);
    let style = style(cli.color);
    match cli.command {
        Command::Index(args) => run_index(&dir, args),
        Command::Search(args) => run_search(&dir, args, style),
        Command::Show { id_or_path, json } => run_show(&dir, &id_or_path, json, style),
        Command::Extract { files, ner } => run_extract(&files, ner),
        Command::Canonical { files, aliases } => run_canonical(&files, aliases.as_deref()),
        Command::Entities(args) => run_entities(&dir, args, style),
        Command::Tag {
            file,
            conll,
            eval,
            margins,
            ner,
        } => run_tag(&file, conll, eval, margins, ner.into()),
        Command::Serve(args) => run_serve(&dir, args),
        Command::Export(args) => run_export(&dir, args),
        Command::Stats { json, limit } => run_stats(&dir, json, limit, style),
    }
}

fn run_search(dir: &std::path::Path, args: SearchArgs, style: Style) -> Result<ExitCode> {
    let req = SearchRequest {
        limit: args.limit,
        offset: args.offset,
        facets: if args.facets {
            vec![Facet::Person, Facet::Place, Facet::Org]
        } else {
            Vec::new()
        },
        weighted: args.weighted,
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
            SortArg::NewestFirst => Sort::NewestFirst,
        },
        histogram: args.histogram.map(|h| match h {
            IntervalArg::Year => Interval::Year,
            IntervalArg::Month => Interval::Month,
            IntervalArg::Day => Interval::Day,
        }),
        ..request(&args.query, &args.filters)
    };
    let response = match &args.remote {
        Some(url) => crate::search::remote::RemoteIndex::parse(url)?.search(&req)?,
        None => Engine::open(dir)?.search().run(&req)?,
    };
    if args.json {
        print_json(&response)?;
    } else if response.total == 0 {
        eprintln!("no results");
    } else {
        print(&output::search_text(&response, args.offset, style))?;
    }
    for missing in &response.partial {
        eprintln!("newsdex: partial results: {missing}; what is shown comes from the rest");
    }
    Ok(if !response.partial.is_empty() {
        ExitCode::from(3)
    } else if response.total == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_show(dir: &std::path::Path, id_or_path: &str, json: bool, style: Style) -> Result<ExitCode> {
    let engine = Engine::open(dir)?;
    let Some(article) = engine.search().find(id_or_path)? else {
        bail!(
            "no article with id or path {id_or_path:?} in {}; `newsdex search` lists ids with --json",
            dir.display()
        );
    };
    if json {
        print_json(&article)?;
    } else {
        print(&output::article_text(&article, style))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_extract(files: &[PathBuf], ner: NerChoice) -> Result<ExitCode> {
    let tagger = tier_tagger(ner.into())?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0;
    // Folders become the article files under them, in path order; named files stay as
    // given, whatever their extension.
    let mut expanded = Vec::with_capacity(files.len());
    let mut folders = false;
    for file in files {
        if !file.is_dir() {
            expanded.push(file.clone());
            continue;
        }
        folders = true;
        let (found, problems, _) =
            ingest::discover(std::slice::from_ref(file), Default::default(), &[]);
        for (path, reason) in problems {
            eprintln!("newsdex: {}: {reason} (skipped)", path.display());
            failed += 1;
        }
        if found.is_empty() {
            eprintln!(
                "newsdex: {}: no article files in this folder (.txt .md .json .jsonl .html .sgm .xml, or .gz of them)",
                file.display()
            );
        }
        let mut paths: Vec<PathBuf> = found.into_iter().map(|f| f.path).collect();
        paths.sort();
        expanded.extend(paths);
    }
    let several = expanded.len() > 1 || folders;
    for file in &expanded {
        // One process for many files loads the models once (newsdex-scale's batches).
        let parsed = match ingest::read_file(file, ReadLimits::default()) {
            Ok(parsed) => parsed,
            Err(e) if several => {
                eprintln!("newsdex: {}: {e} (skipped)", file.display());
                failed += 1;
                continue;
            }
            Err(e) => return Err(e).with_context(|| file.display().to_string()),
        };
        for mut article in parsed.articles {
            entities::annotate(&mut article, tagger);
            let written = serde_json::to_writer(&mut out, &article)
                .map_err(std::io::Error::from)
                .and_then(|()| out.write_all(b"\n"));
            match written {
                // A closed pipe (`newsdex extract FILE | head`) ends the run quietly.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    return Ok(ExitCode::SUCCESS);
                }
                other => other.context("writing the articles")?,
            }
        }
        for bad in &parsed.bad_records {
            eprintln!(
                "newsdex: {}:{}: {} (skipped)",
                file.display(),
                bad.line,
                bad.reason
            );
        }
    }
    match out.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.context("writing the articles")?,
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_canonical(files: &[PathBuf], aliases_out: Option<&std::path::Path>) -> Result<ExitCode> {
    use crate::index::canonical::{Aliases, NameCounts};
    use std::io::BufRead;
    // Each article of each file, parsed, handed to `each`; errors name the file and line.
    let for_each = |each: &mut dyn FnMut(Article) -> Result<()>| -> Result<()> {
        for file in files {
            let opened = std::fs::File::open(file).with_context(|| file.display().to_string())?;
            for (n, line) in std::io::BufReader::new(opened).lines().enumerate() {
                let line = line.with_context(|| format!("{}:{}", file.display(), n + 1))?;
                if line.trim().is_empty() {
                    continue;
                }
                let article: Article = serde_json::from_str(&line).with_context(|| {
                    format!(
                        "{}:{}: not an article as `newsdex extract` prints it",
                        file.display(),
                        n + 1
                    )
                })?;
                each(article)?;
            }
        }
        Ok(())
    };
    let mut counts = NameCounts::default();
    let mut articles = 0u64;
    for_each(&mut |article| {
        counts.add(&article);
        articles += 1;
        Ok(())
    })?;
    let aliases = Aliases::decide(&counts, 0);
    if let Some(path) = aliases_out {
        let text = serde_json::to_vec(&aliases).context("encoding JSON")?;
        std::fs::write(path, text).with_context(|| path.display().to_string())?;
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = for_each(&mut |mut article| {
        aliases.apply(&mut article);
        serde_json::to_writer(&mut out, &article).context("encoding JSON")?;
        out.write_all(b"\n").context("writing the articles")
    })
    .and_then(|()| out.flush().context("writing the articles"));
    match written {
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) => {}
        other => other?,
    }
    eprintln!(
        "newsdex: {articles} articles, {} names with an archive-wide alias or type",
        aliases.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn run_entities(dir: &std::path::Path, args: EntitiesArgs, style: Style) -> Result<ExitCode> {
    let engine = Engine::open(dir)?;
    let search = engine.search();
    let kinds: Vec<EntityKind> = match args.kind {
        Some(k) => vec![k.into()],
        None => EntityKind::ALL.to_vec(),
    };
    let query = search.build_query(&request(&args.query, &args.filters))?;
    let counts = search.entity_counts_for(&*query, &kinds, args.limit, args.weighted)?;
    if args.json {
        let by_kind: std::collections::BTreeMap<&str, &Vec<crate::search::EntityCount>> =
            counts.iter().map(|(k, c)| (k.field_name(), c)).collect();
        print_json(&by_kind)?;
    } else {
        let text: String = counts
            .iter()
            .map(|(k, c)| output::counts_text(&format!("{}s", k.field_name()), c, style))
            .collect();
        print(&text)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_export(dir: &std::path::Path, args: ExportArgs) -> Result<ExitCode> {
    use crate::export::{self, ExportFormat};
    match args.mapping {
        Some(MappingArg::Opensearch) => {
            print(&format!(
                "{}\n",
                serde_json::to_string_pretty(&export::opensearch_mapping())
                    .context("encoding JSON")?
            ))?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(MappingArg::Sphinx) => {
            print(&export::sphinx_index(&args.index_name, &args.data_dir))?;
            return Ok(ExitCode::SUCCESS);
        }
        None => {}
    }
    let format = match args.format {
        ExportFormatArg::Jsonl => ExportFormat::Jsonl,
        ExportFormatArg::Opensearch => ExportFormat::OpenSearch,
    };
    let engine = Engine::open(dir)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (mut exported, mut failure) = (0u64, None);
    engine
        .search()
        .for_each_article(&request(&args.query, &args.filters), |article| {
            match export::write_article(&mut out, &article, format, &args.index_name) {
                Ok(()) => {
                    exported += 1;
                    true
                }
                Err(e) => {
                    failure = Some(e);
                    false
                }
            }
        })?;
    let flushed = match failure {
        Some(e) => Err(e),
        None => out.flush(),
    };
    match flushed {
        // A closed pipe (`newsdex export | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.context("writing the export")?,
    }
    eprintln!("newsdex: exported {exported} articles");
    Ok(if exported == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_stats(dir: &std::path::Path, json: bool, limit: usize, style: Style) -> Result<ExitCode> {
    let engine = Engine::open(dir)?;
    let stats = engine.search().stats(limit)?;
    if json {
        print_json(&stats)?;
    } else {
        print(&output::stats_text(&stats, style))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_serve(dir: &std::path::Path, args: ServeArgs) -> Result<ExitCode> {
    let engine = Engine::open(dir)?;
    let options = crate::serve::ServeOptions {
        bind: args.bind,
        token: args.token,
    };
    crate::serve::check_options(&options).map_err(|e| anyhow::anyhow!("{e}"))?;
    let open = args.open;
    crate::serve::run(Arc::new(engine), options, move |addr| {
        eprintln!(
            "newsdex: serving {} at http://{addr}/ (Ctrl-C stops)",
            dir.display()
        );
        if open {
            open_browser(&format!("http://{addr}/"));
        }
    })
    .with_context(|| format!("serving on {}", args.bind))?;
    Ok(ExitCode::SUCCESS)
}

/// Start the desktop's browser on `url`, if there is one; say so when there is none.
fn open_browser(url: &str) {
    for program in ["xdg-open", "open", "chromium", "firefox"] {
        if std::process::Command::new(program)
            .arg(url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_ok()
        {
            return;
        }
    }
    eprintln!("newsdex: no browser found to open; visit {url}");
}

/// The tagger of a tier, its model loading meanwhile (fast: ~10 ms, beside opening the index
/// and reading the first records); the accurate model is checked before any work.
fn tier_tagger(tier: entities::Tier) -> Result<&'static dyn entities::Tagger> {
    match tier {
        entities::Tier::Fast => {
            std::thread::spawn(entities::ner::NerModel::embedded);
        }
        entities::Tier::Accurate => {
            entities::accurate::AccurateModel::embedded().map_err(|e| anyhow::anyhow!("{e}"))?;
        }
    }
    Ok(tier.tagger())
}

/// `newsdex tag`: CoNLL in, `token TAG` out (blank lines and -DOCSTART- kept); or an
/// article file tokenised and tagged the same way.
fn run_tag(
    file: &std::path::Path,
    conll_input: bool,
    eval: bool,
    show_margins: bool,
    tier: entities::Tier,
) -> Result<ExitCode> {
    use crate::entities::conll;
    if show_margins && tier != entities::Tier::Fast {
        anyhow::bail!("--margins shows the fast tagger's margins; drop it or use --ner fast");
    }
    // Documents as (introduced by -DOCSTART-?, sentences of tokens, gold tags if any).
    type Sentences = Vec<Vec<String>>;
    let mut documents: Vec<(bool, Sentences, Sentences)> = Vec::new();
    if conll_input {
        let bytes = std::fs::read(file).with_context(|| file.display().to_string())?;
        let text = ingest::decode::decode(&bytes)
            .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?
            .text;
        for doc in conll::read_with_breaks(&text) {
            let (tokens, gold) = doc
                .sentences
                .into_iter()
                .map(|s| (s.tokens, s.tags))
                .unzip();
            documents.push((doc.docstart, tokens, gold));
        }
    } else {
        let parsed = ingest::read_file(file, ReadLimits::default())
            .with_context(|| file.display().to_string())?;
        // Several articles (JSON Lines, a feed) are kept apart as CoNLL documents.
        let several = parsed.articles.len() > 1;
        for article in parsed.articles {
            let mut parts = vec![article.headline.as_str()];
            parts.extend(article.captions.iter().map(String::as_str));
            parts.push(&article.body);
            let sentences = parts
                .iter()
                .flat_map(|p| entities::tokenize::sentences(p))
                .map(|s| s.iter().map(|t| t.text.to_string()).collect())
                .collect();
            documents.push((several, sentences, Vec::new()));
        }
    }
    // A CoNLL file may come from another tokeniser (`tag_tokenised`); article text was cut
    // by ours.
    let tagged = if conll_input {
        let token_lists: Vec<Sentences> = documents.iter().map(|(_, s, _)| s.clone()).collect();
        entities::tag_tokenised(tier, &token_lists)
    } else {
        entities::tag_documents(tier, documents.iter().map(|(_, s, _)| s.as_slice()))
    }
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut out = String::new();
    let mut score = conll::Score::default();
    for ((docstart, sentences, gold), labels) in documents.iter().zip(tagged) {
        if *docstart {
            out.push_str("-DOCSTART- O\n\n");
        }
        for (i, (names, margins)) in labels.into_iter().enumerate() {
            for (j, (token, tag)) in sentences[i].iter().zip(&names).enumerate() {
                match margins.get(j).filter(|_| show_margins) {
                    Some(margin) => out.push_str(&format!("{token} {tag} {margin:.1}\n")),
                    None => out.push_str(&format!("{token} {tag}\n")),
                }
            }
            out.push('\n');
            if let Some(g) = gold.get(i) {
                score.add(g, &names);
            }
        }
    }
    if eval {
        print(&score.report())?;
    } else {
        print(&out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Indexing progress on the terminal's bar; notices on their own line of stderr.
struct BarProgress<'a>(&'a indicatif::ProgressBar);

impl writer::Progress for BarProgress<'_> {
    fn files(&self, done: u64, total: u64) {
        self.0.set_length(total);
        self.0.set_position(done);
    }

    fn notice(&self, message: &str) {
        self.0.suspend(|| eprintln!("newsdex: {message}"));
    }
}

fn run_index(dir: &std::path::Path, args: IndexArgs) -> Result<ExitCode> {
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
    });
    let options = IndexOptions {
        roots: args.paths.clone(),
        rebuild: args.rebuild,
        walk: WalkOptions {
            hidden: args.hidden,
            follow_links: args.follow,
        },
        limits: ReadLimits {
            max_file_bytes: args.max_file_size.max(1) * 1024 * 1024,
        },
        threads: threads.max(1),
        memory_bytes: args.memory.max(16) * 1_000_000,
        commit_interval: Duration::from_secs(args.commit_every),
        stream_jsonl_above: ingest::STREAM_JSONL_ABOVE,
    };
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        // A second Ctrl-C while committing falls through to the default (kill), by design.
        let _ = ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    }
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {bar:40} {pos}/{len} files ({per_sec}, {eta} left)",
            )
            .expect("the progress template is valid"),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let progress = BarProgress(&bar);
    let tagger: &dyn entities::Tagger = if args.no_entities {
        &entities::NoTagger
    } else {
        tier_tagger(args.ner.into())?
    };
    let report = writer::run(dir, &options, tagger, &progress, &stop)?;
    bar.finish_and_clear();
    if args.json {
        print_json(&report)?;
    } else {
        eprint!("{}", output::report_text(&report, args.verbose));
    }
    let nothing_indexed = report.documents == 0 && report.files_seen + report.failed.len() > 0;
    Ok(
        if nothing_indexed || (report.files_seen == 0 && !report.failed.is_empty()) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}
