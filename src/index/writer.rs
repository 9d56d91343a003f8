//! Writing runs: walk the inputs, parse what changed in parallel, and commit.
//!
//! Owns one `newsdex index` run end to end: discovery, the incremental decision per file
//! (size+mtime fingerprint, then content hash), parallel parsing and entity tagging in
//! bounded chunks, deletes for changed and vanished files, periodic commits, and the run's
//! report. It must not print: progress goes through a callback and the report is returned.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::{FileState, IndexError, NewsIndex, fingerprint, indexed_files, to_document};
use crate::entities::{self, Tagger};
use crate::ingest::{self, FoundFile, ReadLimits, WalkOptions};

/// File in the index directory remembering files that produced no article, so unchanged
/// failures are not re-parsed on every run.
const SKIPPED_FILE: &str = "skipped.json";

/// A file to read: where it is, its key in the index, and what the index holds for it.
type Todo = (FoundFile, String, Option<FileState>);

/// Most files one parallel batch takes, per thread (see `run`).
const MAX_BATCH_FILES: usize = 1024;

/// Most raw input one batch reads, per thread: memory stays bounded whatever the files.
const MAX_BATCH_BYTES: u64 = 64 << 20;

/// Most articles (of one file) or files one rayon task tags. Left to itself rayon handed
/// out long runs, and a batch ended with one thread tagging the last run while the other
/// core waited (10-20 ms per batch in a perf timeline at x1). Runs of at most four end
/// together. Alternating pairs, paired medians: x1 JSONL -7 to -10 ms (33 of 50 faster),
/// x10 JSONL -23 and -81 ms (15 of 18), x1 text files -9 ms (12 of 15), x10 text files
/// -58 ms (5 of 6).
const MAX_ARTICLES_PER_TASK: usize = 4;

/// The longest prefix of `files` with at most `max_files` files and `max_bytes` bytes
/// (always at least one file, however large: it is read up to `--max-file-size`).
fn next_batch(files: &[Todo], max_files: usize, max_bytes: u64) -> &[Todo] {
    let mut bytes = 0u64;
    let mut end = 0;
    while end < files.len() && end < max_files {
        bytes += files[end].0.size;
        if end > 0 && bytes > max_bytes {
            break;
        }
        end += 1;
    }
    &files[..end]
}

/// Settings of one indexing run.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    pub roots: Vec<PathBuf>,
    pub rebuild: bool,
    pub walk: WalkOptions,
    pub limits: ReadLimits,
    /// Worker threads for parsing/tagging; Tantivy's writer gets a share (`writer_threads`).
    pub threads: usize,
    /// Tantivy writer memory budget in bytes (shared by its threads).
    pub memory_bytes: usize,
    /// Commit at least this often, so a crash loses little work.
    pub commit_interval: Duration,
}

/// One file that could not be indexed (or only partly).
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub path: String,
    pub reason: String,
}

/// What a run did.
#[derive(Debug, Default, Serialize)]
pub struct IndexReport {
    /// Article files found under the inputs.
    pub files_seen: usize,
    /// Files parsed and (re)indexed in this run.
    pub files_indexed: usize,
    /// Articles added in this run.
    pub articles_indexed: usize,
    /// Files skipped because they had not changed since the last run.
    pub files_unchanged: usize,
    /// Files whose articles were removed because the file is gone.
    pub files_removed: usize,
    /// Files that produced no article, with the reason.
    pub failed: Vec<Problem>,
    /// Files indexed with something left out (bad JSON lines, truncation, decoded encoding).
    pub warnings: Vec<Problem>,
    /// Files of other types that were passed over.
    pub other_files: usize,
    /// Articles in the index after the run.
    pub documents: u64,
    /// Stopped early on request (Ctrl-C); what was done is committed.
    pub interrupted: bool,
    /// Person and organisation names that searches show under another name (their
    /// canonical one across the archive, see `canonical`).
    pub aliases: usize,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Skipped {
    files: HashMap<String, SkippedFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SkippedFile {
    fingerprint: u64,
    reason: String,
}

enum Outcome {
    Unchanged,
    Indexed {
        docs: Vec<TantivyDocument>,
        warnings: Vec<String>,
    },
    Failed {
        fingerprint: u64,
        reason: String,
    },
}

/// Parse one file if it changed; `previous` is what the index holds for it.
fn process(
    file: &FoundFile,
    path_key: &str,
    previous: Option<FileState>,
    index: &NewsIndex,
    limits: ReadLimits,
    tagger: &dyn Tagger,
) -> Outcome {
    let fp = fingerprint(file.size, file.mtime_ns);
    let failed = |reason: String| Outcome::Failed {
        fingerprint: fp,
        reason,
    };
    let (raw, truncated) = match ingest::read_raw(&file.path, limits) {
        Ok(r) => r,
        Err(e) => return failed(e.to_string()),
    };
    let hash = xxhash_rust::xxh3::xxh3_64(&raw);
    if previous.is_some_and(|p| p.hash == hash) {
        return Outcome::Unchanged;
    }
    let parsed = match ingest::parse_file_bytes(Path::new(path_key), raw, truncated, limits) {
        Ok(p) => p,
        Err(e) => return failed(e.to_string()),
    };
    let mut warnings: Vec<String> = parsed
        .bad_records
        .iter()
        .map(|b| {
            if b.line > 0 {
                format!(
                    "line {}: {} (skipped; the rest was indexed)",
                    b.line, b.reason
                )
            } else {
                format!("{} (skipped; the rest was indexed)", b.reason)
            }
        })
        .collect();
    if parsed.truncated {
        warnings.push(format!(
            "larger than {} bytes: only the start was indexed (raise --max-file-size)",
            limits.max_file_bytes
        ));
    }
    if parsed.encoding != "UTF-8" {
        warnings.push(format!("decoded from {}", parsed.encoding));
    }
    let state = FileState {
        fingerprint: fp,
        hash,
    };
    // Articles of one file (a JSON Lines export can hold thousands) are tagged in parallel.
    let docs = parsed
        .articles
        .into_par_iter()
        .with_max_len(MAX_ARTICLES_PER_TASK)
        .map(|mut article| {
            entities::annotate(&mut article, tagger);
            to_document(&index.fields, &article, state)
        })
        .collect();
    Outcome::Indexed { docs, warnings }
}

/// Input below which the writer gets every thread even while tagging (see `writer_threads`).
const SMALL_RUN_BYTES: u64 = 32 << 20;

/// Tantivy writer threads for `threads` workers and `input_bytes` to index. Tagging is
/// about two thirds of the work of indexing with entities, so on a large run the writer
/// gets a third of the threads (rounded up: one on two cores, which at x100 used ~5% less
/// CPU than two and was no slower in alternating pairs). A small run ends with the writer
/// finishing its queue and its segments alone, so there (and without tagging) it gets them
/// all: with one writer thread x1 took 0.55 s instead of 0.35 s.
fn writer_threads(threads: usize, tagging: bool, input_bytes: u64) -> usize {
    let threads = threads.max(1);
    if tagging && input_bytes >= SMALL_RUN_BYTES {
        threads.div_ceil(3)
    } else {
        threads
    }
    .clamp(1, 8)
}

/// How many nice levels below Tantivy's writer threads the tagging threads run (Linux).
const TAGGER_NICENESS: i32 = 10;

/// Lower the calling thread's CPU priority by `TAGGER_NICENESS` (at most to 19), on Linux,
/// where the nice value belongs to each thread; elsewhere, and on any error, nothing changes.
/// The tagging threads call it: Tantivy's writer thread shares the cores with them and
/// then runs as soon as it has documents (likely why it costs less: it indexes them while
/// they are still in cache). At x10 that cut user CPU ~3% and wall time 0.3-3.7% (three
/// sets of 10-12 alternating runs; x1 and x100 unchanged).
fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: getpriority/setpriority read and set the calling thread's nice value only
    // (`who` 0 is the caller); no memory is passed or touched.
    unsafe {
        let current = libc::getpriority(libc::PRIO_PROCESS, 0);
        libc::setpriority(libc::PRIO_PROCESS, 0, (current + TAGGER_NICENESS).min(19));
    }
}

fn open_writer(
    index: &NewsIndex,
    options: &IndexOptions,
    threads: usize,
) -> Result<IndexWriter, IndexError> {
    // Tantivy needs at least 15 MB per writer thread.
    let memory = options.memory_bytes.max(threads * 16_000_000);
    index
        .index
        .writer_with_num_threads(threads, memory)
        .map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => IndexError::Busy(index.dir.clone()),
            other => IndexError::Tantivy(other),
        })
}

/// Is `path` one of `roots` or inside one of them?
fn under_any_root(path: &str, roots: &[String]) -> bool {
    roots.iter().any(|root| {
        path == root
            || (path.starts_with(root.as_str())
                && path[root.len()..].starts_with(std::path::MAIN_SEPARATOR))
    })
}

/// Run one indexing pass. `progress(done, total)` is called as files are processed;
/// `stop` is polled between chunks (Ctrl-C): when set, work done so far is committed.
pub fn run(
    index_dir: &Path,
    options: &IndexOptions,
    tagger: &dyn Tagger,
    progress: &(dyn Fn(u64, u64) + Sync),
    stop: &AtomicBool,
) -> Result<IndexReport, IndexError> {
    let index = NewsIndex::open_or_create(index_dir, options.rebuild)?;
    // Writing only: the cached analyzer pays off over a segment's many documents, while a
    // search (query terms, snippets of ten hits) would fill a fresh cache for nothing.
    // Both give the same terms.
    index
        .index
        .tokenizers()
        .register(super::analysis::EN_STEM, super::analysis::en_stem());
    let reader = index.index.reader()?;
    let previous = indexed_files(&reader.searcher())?;
    let skipped_path = index.dir.join(SKIPPED_FILE);
    let mut skipped: Skipped = std::fs::read_to_string(&skipped_path)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();

    let roots: Vec<PathBuf> = options
        .roots
        .iter()
        .map(|r| std::fs::canonicalize(r).unwrap_or_else(|_| r.clone()))
        .collect();
    let mut report = IndexReport::default();
    for (root, original) in roots.iter().zip(&options.roots) {
        if !root.exists() {
            report.failed.push(Problem {
                path: original.display().to_string(),
                reason: "no such file or directory".into(),
            });
        }
    }
    let (found, walk_problems, other_files) = ingest::discover(&roots, options.walk);
    report.other_files = other_files;
    report.files_seen = found.len();
    for (path, reason) in walk_problems {
        report.failed.push(Problem {
            path: path.display().to_string(),
            reason,
        });
    }

    // Decide per file: unchanged by fingerprint, or to be read.
    let mut seen: HashSet<String> = HashSet::with_capacity(found.len());
    let mut todo: Vec<Todo> = Vec::new();
    for file in found {
        let key = file.path.to_string_lossy().into_owned();
        let fp = fingerprint(file.size, file.mtime_ns);
        let state = previous.get(&key).copied();
        let unchanged = state.is_some_and(|s| s.fingerprint == fp)
            || skipped.files.get(&key).is_some_and(|s| s.fingerprint == fp);
        if unchanged {
            report.files_unchanged += 1;
        } else {
            todo.push((file, key.clone(), state));
        }
        seen.insert(key);
    }

    // The writer (and its lock) once the work is known: how many threads it gets depends on
    // how much there is to index.
    let tagging = tagger.tags();
    let input_bytes: u64 = todo.iter().map(|(file, _, _)| file.size).sum();
    let mut writer = open_writer(
        &index,
        options,
        writer_threads(options.threads, tagging, input_bytes),
    )?;

    // Files that were indexed under these roots and are gone now.
    let root_keys: Vec<String> = roots
        .iter()
        .map(|r| r.to_string_lossy().into_owned())
        .collect();
    for path in previous.keys() {
        if !seen.contains(path) && under_any_root(path, &root_keys) {
            writer.delete_term(Term::from_field_text(index.fields.path, path));
            report.files_removed += 1;
        }
    }
    skipped
        .files
        .retain(|path, _| seen.contains(path) || !under_any_root(path, &root_keys));

    // Large JSON Lines exports stream in batches (below); everything else goes through the
    // parallel per-file pipeline.
    let stream_above = std::env::var("NEWSDEX_TEST_STREAM_JSONL_ABOVE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(ingest::STREAM_JSONL_ABOVE);
    let (streamed, todo): (Vec<_>, Vec<_>) = todo.into_iter().partition(|(file, _, _)| {
        file.size > stream_above
            && ingest::format_from_name(&file.path) == Some(ingest::Format::JsonLines)
    });
    let total = (todo.len() + streamed.len()) as u64;
    let mut done = 0u64;
    let mut last_commit = Instant::now();
    // Batches start small (progress and Ctrl-C respond at once) and double up to
    // MAX_BATCH_FILES per thread: each batch ends with a barrier while its documents go to
    // the writer, and with 64-file batches those barriers cost 15% at x10 (6.7 s -> 5.4 s
    // with 2,048). Raw input per batch stays under MAX_BATCH_BYTES per thread.
    let threads = options.threads.max(1);
    let mut batch_files = 32 * threads;
    let mut next = 0usize;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .start_handler(move |_| {
            if tagging {
                lower_this_threads_priority();
            }
        })
        .build()
        .map_err(|e| IndexError::Io(index.dir.clone(), std::io::Error::other(e.to_string())))?;
    progress(0, total);
    // Fault injection for the crash-safety tests: abort (as a SIGKILL would) or behave as on
    // Ctrl-C once this many files have been added.
    let crash_after: Option<u64> = std::env::var("NEWSDEX_TEST_CRASH_AFTER_FILES")
        .ok()
        .and_then(|v| v.parse().ok());
    let interrupt_after: Option<u64> = std::env::var("NEWSDEX_TEST_INTERRUPT_AFTER_FILES")
        .ok()
        .and_then(|v| v.parse().ok());
    while next < todo.len() {
        let chunk = next_batch(&todo[next..], batch_files, MAX_BATCH_BYTES * threads as u64);
        next += chunk.len();
        batch_files = (batch_files * 2).min(MAX_BATCH_FILES * threads);
        if interrupt_after.is_some_and(|n| done >= n) {
            stop.store(true, Ordering::Relaxed);
        }
        if stop.load(Ordering::Relaxed) {
            report.interrupted = true;
            break;
        }
        let outcomes: Vec<Outcome> = pool.install(|| {
            chunk
                .par_iter()
                .with_max_len(MAX_ARTICLES_PER_TASK)
                .map(|(file, key, state)| {
                    process(file, key, *state, &index, options.limits, tagger)
                })
                .collect()
        });
        for ((_, key, state), outcome) in chunk.iter().zip(outcomes) {
            match outcome {
                Outcome::Unchanged => report.files_unchanged += 1,
                Outcome::Indexed { docs, warnings } => {
                    if state.is_some() {
                        writer.delete_term(Term::from_field_text(index.fields.path, key));
                    }
                    report.files_indexed += 1;
                    report.articles_indexed += docs.len();
                    for doc in docs {
                        writer.add_document(doc)?;
                    }
                    for reason in warnings {
                        report.warnings.push(Problem {
                            path: key.clone(),
                            reason,
                        });
                    }
                    skipped.files.remove(key);
                }
                Outcome::Failed {
                    fingerprint,
                    reason,
                } => {
                    if state.is_some() {
                        // It was an article file and is not any more: drop its old articles.
                        writer.delete_term(Term::from_field_text(index.fields.path, key));
                    }
                    report.failed.push(Problem {
                        path: key.clone(),
                        reason: reason.clone(),
                    });
                    skipped.files.insert(
                        key.clone(),
                        SkippedFile {
                            fingerprint,
                            reason,
                        },
                    );
                }
            }
        }
        done += chunk.len() as u64;
        progress(done, total);
        if crash_after.is_some_and(|n| done >= n) {
            // Documents of this batch are added but not committed: they must be lost.
            std::process::abort();
        }
        if last_commit.elapsed() >= options.commit_interval {
            commit(&mut writer, &skipped, &skipped_path)?;
            last_commit = Instant::now();
        }
    }
    for (file, key, state) in &streamed {
        if stop.load(Ordering::Relaxed) {
            report.interrupted = true;
            break;
        }
        stream_file(
            file,
            key,
            *state,
            &index,
            options,
            tagger,
            &pool,
            &writer,
            &mut report,
            &mut skipped,
        )?;
        done += 1;
        progress(done, total);
        // Committed only once the whole file is in: a crash mid-file leaves none of it,
        // so the next run (seeing the file as new) indexes all of it again.
        commit(&mut writer, &skipped, &skipped_path)?;
    }
    commit(&mut writer, &skipped, &skipped_path)?;
    if !report.interrupted
        && (report.files_indexed > 0 || report.files_removed > 0 || options.rebuild)
    {
        reader.reload()?;
        report.aliases = super::canonical::canonicalise(&index, &reader.searcher())?;
    }
    writer.wait_merging_threads()?;
    reader.reload()?;
    report.documents = reader.searcher().num_docs();
    Ok(report)
}

/// Index one large JSON Lines file in batches, tagging each batch in parallel.
#[allow(clippy::too_many_arguments)]
fn stream_file(
    file: &FoundFile,
    key: &str,
    previous: Option<FileState>,
    index: &NewsIndex,
    options: &IndexOptions,
    tagger: &dyn Tagger,
    pool: &rayon::ThreadPool,
    writer: &IndexWriter,
    report: &mut IndexReport,
    skipped: &mut Skipped,
) -> Result<(), IndexError> {
    let fp = fingerprint(file.size, file.mtime_ns);
    let fail = |report: &mut IndexReport, skipped: &mut Skipped, reason: String| {
        report.failed.push(Problem {
            path: key.to_string(),
            reason: reason.clone(),
        });
        skipped.files.insert(
            key.to_string(),
            SkippedFile {
                fingerprint: fp,
                reason,
            },
        );
    };
    let hash = match ingest::hash_file(&file.path) {
        Ok(h) => h,
        Err(e) => {
            fail(report, skipped, e.to_string());
            return Ok(());
        }
    };
    if previous.is_some_and(|p| p.hash == hash) {
        report.files_unchanged += 1;
        return Ok(());
    }
    if previous.is_some() {
        writer.delete_term(Term::from_field_text(index.fields.path, key));
    }
    let state = FileState {
        fingerprint: fp,
        hash,
    };
    let mut position = 0usize;
    let mut added = 0usize;
    let mut add_error: Option<tantivy::TantivyError> = None;
    let result = ingest::stream_jsonl(&file.path, options.limits, 2048, &mut |batch| {
        let mut articles = Vec::with_capacity(batch.len());
        for (line, parsed) in batch {
            match parsed {
                Ok(article) => articles.push((position, article)),
                Err(reason) => report.warnings.push(Problem {
                    path: key.to_string(),
                    reason: format!("line {line}: {reason} (skipped; the rest was indexed)"),
                }),
            }
            position += 1;
        }
        let docs: Vec<TantivyDocument> = pool.install(|| {
            articles
                .into_par_iter()
                .with_max_len(MAX_ARTICLES_PER_TASK)
                .map(|(position, mut article)| {
                    article.path = key.to_string();
                    if article.id.is_empty() {
                        article.id = ingest::derived_id(key, Some(position));
                    }
                    entities::annotate(&mut article, tagger);
                    to_document(&index.fields, &article, state)
                })
                .collect()
        });
        for doc in docs {
            match writer.add_document(doc) {
                Ok(_) => added += 1,
                Err(e) => add_error = Some(e),
            }
        }
    });
    if let Some(e) = add_error {
        return Err(e.into());
    }
    match result {
        Ok(()) if added > 0 => {
            report.files_indexed += 1;
            report.articles_indexed += added;
            skipped.files.remove(key);
        }
        Ok(()) => fail(report, skipped, "no article in file".into()),
        Err(e) => fail(report, skipped, e.to_string()),
    }
    Ok(())
}

/// Commit the index, then record the skipped files (a crash in between only means some
/// failing files are read again next time).
fn commit(writer: &mut IndexWriter, skipped: &Skipped, path: &Path) -> Result<(), IndexError> {
    writer.commit()?;
    let text = serde_json::to_string(skipped).expect("a map of strings and numbers serialises");
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text)
        .and_then(|_| std::fs::rename(&tmp, path))
        .map_err(|e| IndexError::Io(path.to_path_buf(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(size: u64) -> Todo {
        (
            FoundFile {
                path: PathBuf::from("x"),
                size,
                mtime_ns: 0,
            },
            String::new(),
            None,
        )
    }

    #[test]
    fn the_writer_gets_a_third_of_the_threads_when_tagging_a_large_run() {
        let large = SMALL_RUN_BYTES;
        assert_eq!(writer_threads(2, true, large), 1);
        assert_eq!(writer_threads(4, true, large), 2);
        assert_eq!(writer_threads(8, true, large), 3);
        assert_eq!(writer_threads(2, false, large), 2);
        assert_eq!(writer_threads(0, true, large), 1);
        assert_eq!(writer_threads(64, false, large), 8);
        assert_eq!(writer_threads(2, true, large - 1), 2);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn tagging_threads_run_ten_nice_levels_lower() {
        let (before, after) = std::thread::spawn(|| {
            // SAFETY: reads the calling thread's nice value.
            let nice = || unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
            let before = nice();
            lower_this_threads_priority();
            (before, nice())
        })
        .join()
        .expect("the thread only reads and sets its nice value");
        assert_eq!(after, (before + TAGGER_NICENESS).min(19));
        // SAFETY: as above, for this (untouched) thread.
        let here = unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
        assert_eq!(here, before, "only the calling thread is lowered");
    }

    #[test]
    fn batches_are_bounded_by_files_and_bytes() {
        let small: Vec<Todo> = (0..10).map(|_| file(100)).collect();
        assert_eq!(next_batch(&small, 4, 1 << 20).len(), 4);
        assert_eq!(next_batch(&small, 100, 1 << 20).len(), 10);
        assert_eq!(next_batch(&small, 100, 350).len(), 3);
        // One file larger than the byte budget still forms a batch of its own.
        let big = vec![file(1 << 30), file(1)];
        assert_eq!(next_batch(&big, 100, 1 << 20).len(), 1);
        assert!(next_batch(&[], 100, 1 << 20).is_empty());
    }
}
