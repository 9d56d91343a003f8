//! Writing runs: walk the inputs, parse what changed in parallel, and commit.
//!
//! Owns one `newsdex index` run end to end: discovery, the incremental decision per file
//! (size+mtime fingerprint, then content hash), parallel parsing and entity tagging, deletes
//! for changed and vanished files, commits on the `--commit-every` clock, recovery from a
//! run that was killed or ran out of space, and the run's report. It must not print:
//! progress and notices go through `Progress` and the report is returned.
//!
//! A run has two sides joined by a bounded channel. The producer (a rayon pool) reads,
//! parses and tags files and sends each file's documents in small pieces between a start
//! and an end mark. The committer (the calling thread) owns Tantivy's writer: it adds the
//! pieces and commits whenever the interval has passed, inside a file or not. Each commit's
//! payload lists the files whose end mark it has not seen; the next run replaces those
//! files' documents, so a kill at any moment loses at most the work since the last commit
//! and never leaves an article twice.

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, SyncSender};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use tantivy::{IndexWriter, TantivyDocument, TantivyError, Term};

use super::canonical::{self, Aliases};
use super::lock::{self, Holder};
use super::merges::MergeSchedule;
use super::storage::{self, StorageCause};
use super::{FileState, IndexError, NewsIndex, fingerprint, indexed_files, to_document};
use crate::article::Article;
use crate::entities::{self, Tagger};
use crate::ingest::{self, FoundFile, ReadLimits, WalkOptions};

/// File in the index directory remembering files that produced no article, so unchanged
/// failures are not re-parsed on every run.
const SKIPPED_FILE: &str = "skipped.json";

/// A file to read: where it is, its key in the index, and what the index holds for it.
type Todo = (FoundFile, String, Option<FileState>);

/// Most articles (of one file) or files one rayon task tags. Left to itself rayon handed out long runs, and a batch
/// ended with one thread tagging the last run while the other core waited (10-20 ms per
/// batch in a perf timeline at x1). Runs of at most four end together. Alternating pairs,
/// paired medians: x1 JSONL -7 to -10 ms (33 of 50 faster), x10 JSONL -23 and -81 ms (15 of
/// 18), x1 text files -9 ms (12 of 15), x10 text files -58 ms (5 of 6).
const MAX_ARTICLES_PER_TASK: usize = 4;

/// Most articles one piece carries to the writer. With pieces of 4 the producer and the
/// writer handed over so often that x1 JSONL took 4x the context switches and ~20% more
/// CPU than indexing whole batches (BENCHMARKS.md, crash safety); a piece of 64 articles
/// still lets a commit fall every few milliseconds of tagging.
const PIECE_ARTICLES: usize = 64;

/// Pieces waiting for the writer at most: while a commit runs the producer fills this much
/// and then waits, so memory stays bounded.
const QUEUED_PIECES: usize = 64;

/// Records of a streamed JSON Lines file read and parsed before they are tagged.
const STREAM_BATCH_RECORDS: usize = 2048;

/// How long a run waits for the writer lock of a run that is exiting (killed, its memory
/// being released; a process blocked on a slow disk takes longer to die).
const EXITING_WRITER_WAIT: Duration = Duration::from_secs(60);

/// How long a run retries a lock whose holder it cannot see (it was just released, or the
/// holder is in another PID namespace).
const UNSEEN_WRITER_WAIT: Duration = Duration::from_secs(2);

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
    /// Commit at least this often, so a crash loses little work; zero commits after every
    /// file.
    pub commit_interval: Duration,
    /// JSON Lines files larger than this are streamed in batches instead of read whole.
    pub stream_jsonl_above: u64,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            roots: Vec::new(),
            rebuild: false,
            walk: WalkOptions::default(),
            limits: ReadLimits::default(),
            threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
            memory_bytes: 200_000_000,
            commit_interval: Duration::from_secs(60),
            stream_jsonl_above: ingest::STREAM_JSONL_ABOVE,
        }
    }
}

/// What a run tells its caller while it works.
pub trait Progress: Sync {
    /// `done` of `total` files are processed.
    fn files(&self, done: u64, total: u64);
    /// Something the user should know now, such as a wait for a lock.
    fn notice(&self, message: &str);
}

/// A closure taking (done, total) is a `Progress` that drops notices.
impl<F: Fn(u64, u64) + Sync> Progress for F {
    fn files(&self, done: u64, total: u64) {
        self(done, total)
    }
    fn notice(&self, _message: &str) {}
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
    /// Files an earlier run had only partly committed when it stopped, indexed again whole.
    pub resumed_files: usize,
    /// What the run said through `Progress::notice`, in order.
    pub notices: Vec<String>,
    /// Articles still tagged by another tier than this run's (their files did not change,
    /// so they were not read again; `--rebuild` re-tags them), per tier.
    pub other_tier: Vec<(entities::Tier, u64)>,
    /// The tier this run tagged with (`None`: `--no-entities`).
    pub tier: Option<entities::Tier>,
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

/// What newsdex stores with each commit (Tantivy keeps it in `meta.json`, through merges).
#[derive(Debug, Default, Serialize, Deserialize)]
struct CommitPayload {
    /// Files with documents in this commit whose end mark it does not have: some of their
    /// articles may be missing. The next run deletes and indexes them again.
    partial: Vec<String>,
}

/// What the producer sends the committer. A file's pieces come in order: `Start`, any
/// number of `Docs`, then `End`; or `Whole`, `Failed` or `Unchanged` alone.
enum Piece {
    /// All the documents of a file of at most `PIECE_ARTICLES` articles; `replace`: delete
    /// what the index holds for it first.
    Whole {
        key: String,
        bytes: u64,
        replace: bool,
        docs: Vec<TantivyDocument>,
        warnings: Vec<String>,
    },
    /// Documents of `key` follow; `replace`: delete what the index holds for it first.
    Start { key: String, replace: bool },
    /// Documents of the file last started by the same task (up to `PIECE_ARTICLES`).
    Docs(Vec<TantivyDocument>),
    /// Every document of `key` was sent; `failure`: the file broke off part-way (its
    /// fingerprint and why), and what was sent stays.
    End {
        key: String,
        bytes: u64,
        warnings: Vec<String>,
        failure: Option<SkippedFile>,
    },
    /// Read but produced no article; `replace`: drop what the index holds for it.
    Failed {
        key: String,
        bytes: u64,
        replace: bool,
        skipped: SkippedFile,
    },
    /// Read and found byte-identical to what the index holds.
    Unchanged { bytes: u64 },
}

/// The reading, parsing and tagging side of a run.
struct Producer<'a> {
    index: &'a NewsIndex,
    limits: ReadLimits,
    tagger: &'a dyn Tagger,
    /// Ctrl-C: finish nothing more.
    stop: &'a AtomicBool,
    /// The committer failed or went away: stop at once.
    halt: &'a AtomicBool,
    pieces: SyncSender<Piece>,
}

impl Producer<'_> {
    fn halted(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.halt.load(Ordering::Relaxed)
    }

    fn send(&self, piece: Piece) {
        if self.pieces.send(piece).is_err() {
            self.halt.store(true, Ordering::Relaxed);
        }
    }

    /// Tag `articles` in parallel and build their documents.
    fn documents(&self, articles: &mut [Article], state: FileState) -> Vec<TantivyDocument> {
        articles
            .par_iter_mut()
            .with_max_len(MAX_ARTICLES_PER_TASK)
            .map(|slot| {
                // Taken out of the list and dropped once it is a document, as the old
                // per-batch code did: a file's text is not held twice.
                let mut article = std::mem::take(slot);
                entities::annotate(&mut article, self.tagger);
                to_document(&self.index.fields, &article, state)
            })
            .collect()
    }

    /// Tag `articles` in parallel and send their documents in pieces. False if the run
    /// stopped before all were sent.
    fn send_articles(&self, articles: &mut [Article], state: FileState) -> bool {
        articles.par_chunks_mut(PIECE_ARTICLES).for_each(|piece| {
            if self.halted() {
                return;
            }
            let docs = self.documents(piece, state);
            self.send(Piece::Docs(docs));
        });
        !self.halted()
    }

    /// Read, parse and tag one file that may have changed, and send what it gives.
    fn file(&self, file: &FoundFile, key: &str, previous: Option<FileState>) {
        if self.halted() {
            return;
        }
        let fp = fingerprint(file.size, file.mtime_ns);
        let failed = |reason: String| Piece::Failed {
            key: key.to_string(),
            bytes: file.size,
            replace: previous.is_some(),
            skipped: SkippedFile {
                fingerprint: fp,
                reason,
            },
        };
        let (raw, truncated) = match ingest::read_raw(&file.path, self.limits) {
            Ok(r) => r,
            Err(e) => return self.send(failed(e.to_string())),
        };
        let hash = xxhash_rust::xxh3::xxh3_64(&raw);
        if previous.is_some_and(|p| p.hash == hash) {
            return self.send(Piece::Unchanged { bytes: file.size });
        }
        let mut parsed = match ingest::parse_file_bytes(Path::new(key), raw, truncated, self.limits)
        {
            Ok(p) => p,
            Err(e) => return self.send(failed(e.to_string())),
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
                self.limits.max_file_bytes
            ));
        }
        if parsed.encoding != "UTF-8" {
            warnings.push(format!("decoded from {}", parsed.encoding));
        }
        let state = FileState {
            fingerprint: fp,
            hash,
        };
        if parsed.articles.len() <= PIECE_ARTICLES {
            // Most files: one message, nothing to leave partial.
            let docs = self.documents(&mut parsed.articles, state);
            return self.send(Piece::Whole {
                key: key.to_string(),
                bytes: file.size,
                replace: previous.is_some(),
                docs,
                warnings,
            });
        }
        self.send(Piece::Start {
            key: key.to_string(),
            replace: previous.is_some(),
        });
        // Articles of one file (a JSON Lines export can hold thousands) are tagged in
        // parallel; without its end mark a file stays partial and is replaced next run.
        if self.send_articles(&mut parsed.articles, state) {
            self.send(Piece::End {
                key: key.to_string(),
                bytes: file.size,
                warnings,
                failure: None,
            });
        }
    }

    /// Index one large JSON Lines file in batches, tagging each batch in parallel.
    fn streamed_file(&self, file: &FoundFile, key: &str, previous: Option<FileState>) {
        if self.halted() {
            return;
        }
        let fp = fingerprint(file.size, file.mtime_ns);
        let skipped = |reason: String| SkippedFile {
            fingerprint: fp,
            reason,
        };
        let hash = match ingest::hash_file(&file.path) {
            Ok(h) => h,
            Err(e) => {
                return self.send(Piece::Failed {
                    key: key.to_string(),
                    bytes: file.size,
                    replace: previous.is_some(),
                    skipped: skipped(e.to_string()),
                });
            }
        };
        if previous.is_some_and(|p| p.hash == hash) {
            return self.send(Piece::Unchanged { bytes: file.size });
        }
        let state = FileState {
            fingerprint: fp,
            hash,
        };
        self.send(Piece::Start {
            key: key.to_string(),
            replace: previous.is_some(),
        });
        let mut position = 0usize;
        let mut added = 0usize;
        let mut warnings = Vec::new();
        // A reader thread reads and parses the next batch while this one is tagged.
        let (batches, read_batches) = mpsc::sync_channel::<Vec<ingest::StreamedRecord>>(1);
        let (path, limits) = (file.path.as_path(), self.limits);
        let result = std::thread::scope(|scope| {
            let reader =
                scope.spawn(move || {
                    ingest::stream_jsonl(path, limits, STREAM_BATCH_RECORDS, &mut |batch| {
                        match batches.send(batch) {
                            Ok(()) => ControlFlow::Continue(()),
                            Err(_) => ControlFlow::Break(()),
                        }
                    })
                });
            while let Ok(batch) = read_batches.recv() {
                let mut articles = Vec::with_capacity(batch.len());
                for (line, parsed) in batch {
                    match parsed {
                        Ok(mut article) => {
                            article.path = key.to_string();
                            if article.id.is_empty() {
                                article.id = ingest::derived_id(key, Some(position));
                            }
                            articles.push(article);
                        }
                        Err(reason) => warnings.push(format!(
                            "line {line}: {reason} (skipped; the rest was indexed)"
                        )),
                    }
                    position += 1;
                }
                added += articles.len();
                if !self.send_articles(&mut articles, state) {
                    break;
                }
            }
            // Stops the reader at its next batch if this side stopped early.
            drop(read_batches);
            reader
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("the reader thread failed").into()))
        });
        if self.halted() {
            return;
        }
        let failure = match result {
            Ok(()) if added > 0 => None,
            Ok(()) => Some(skipped("no article in file".into())),
            Err(e) => Some(skipped(e.to_string())),
        };
        self.send(Piece::End {
            key: key.to_string(),
            bytes: file.size,
            warnings,
            failure,
        });
    }
}

/// The writing side of a run: owns Tantivy's writer and decides when to commit.
struct Committer<'a> {
    index: &'a NewsIndex,
    writer: IndexWriter,
    merges: MergeSchedule,
    progress: &'a dyn Progress,
    interval: Duration,
    last_commit: Instant,
    /// Documents added or deleted since the last commit.
    changed: bool,
    /// Files started and not ended, and the same as the last commit recorded it.
    open: HashSet<String>,
    open_at_commit: Vec<String>,
    skipped: Skipped,
    skipped_changed: bool,
    /// Files processed of `total`, and input bytes not yet processed.
    done: u64,
    total: u64,
    bytes_left: u64,
    report: IndexReport,
}

impl Committer<'_> {
    fn delete_file(&mut self, key: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.index.fields.path, key));
        self.changed = true;
    }

    fn file_done(&mut self, bytes: u64) {
        self.done += 1;
        self.bytes_left = self.bytes_left.saturating_sub(bytes);
        self.progress.files(self.done, self.total);
    }

    fn fail_file(&mut self, key: &str, skipped: SkippedFile) {
        self.report.failed.push(Problem {
            path: key.to_string(),
            reason: skipped.reason.clone(),
        });
        self.skipped.files.insert(key.to_string(), skipped);
        self.skipped_changed = true;
    }

    fn add(&mut self, docs: Vec<TantivyDocument>) -> Result<(), IndexError> {
        self.report.articles_indexed += docs.len();
        self.changed |= !docs.is_empty();
        for doc in docs {
            self.writer.add_document(doc)?;
        }
        self.merges.start_proposed(&mut self.writer);
        Ok(())
    }

    /// A file's documents are all in (or it broke off part-way, `failure`).
    fn end_file(
        &mut self,
        key: String,
        bytes: u64,
        warnings: Vec<String>,
        failure: Option<SkippedFile>,
    ) {
        for reason in warnings {
            self.report.warnings.push(Problem {
                path: key.clone(),
                reason,
            });
        }
        match failure {
            None => {
                self.report.files_indexed += 1;
                self.skipped_changed |= self.skipped.files.remove(&key).is_some();
            }
            Some(skipped) => self.fail_file(&key, skipped),
        }
        self.file_done(bytes);
    }

    /// Take one piece; true at a file boundary.
    fn take(&mut self, piece: Piece) -> Result<bool, IndexError> {
        match piece {
            Piece::Start { key, replace } => {
                if replace {
                    self.delete_file(&key);
                }
                self.open.insert(key);
                Ok(false)
            }
            Piece::Docs(docs) => {
                self.add(docs)?;
                Ok(false)
            }
            Piece::Whole {
                key,
                bytes,
                replace,
                docs,
                warnings,
            } => {
                if replace {
                    self.delete_file(&key);
                }
                self.add(docs)?;
                self.end_file(key, bytes, warnings, None);
                Ok(true)
            }
            Piece::End {
                key,
                bytes,
                warnings,
                failure,
            } => {
                self.open.remove(&key);
                self.end_file(key, bytes, warnings, failure);
                Ok(true)
            }
            Piece::Failed {
                key,
                bytes,
                replace,
                skipped,
            } => {
                if replace {
                    // It was an article file and is not any more: drop its old articles.
                    self.delete_file(&key);
                }
                self.fail_file(&key, skipped);
                self.file_done(bytes);
                Ok(true)
            }
            Piece::Unchanged { bytes } => {
                self.report.files_unchanged += 1;
                self.file_done(bytes);
                Ok(true)
            }
        }
    }

    /// Does the index need a commit to hold what was taken (documents, deletes, or a
    /// different set of partial files)?
    fn uncommitted(&self) -> bool {
        self.changed
            || self.open.len() != self.open_at_commit.len()
            || self
                .open_at_commit
                .iter()
                .any(|key| !self.open.contains(key))
    }

    /// Commit what was added, with the files still open as the payload, then save the
    /// skipped-file list (a crash in between only means some failing files are read
    /// again next time).
    fn commit(&mut self) -> Result<(), IndexError> {
        let mut partial: Vec<String> = self.open.iter().cloned().collect();
        partial.sort_unstable();
        let payload = serde_json::to_string(&CommitPayload {
            partial: partial.clone(),
        })
        .expect("a list of strings serialises");
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        self.changed = false;
        self.open_at_commit = partial;
        self.last_commit = Instant::now();
        self.merges.start_proposed(&mut self.writer);
        self.save_skipped()
    }

    fn save_skipped(&mut self) -> Result<(), IndexError> {
        if !self.skipped_changed {
            return Ok(());
        }
        let path = self.index.dir.join(SKIPPED_FILE);
        let text =
            serde_json::to_vec(&self.skipped).expect("a map of strings and numbers serialises");
        storage::atomic_write(&path, &text).map_err(|e| IndexError::from_io(&path, e))?;
        self.skipped_changed = false;
        Ok(())
    }

    /// Take pieces until the producer is done, committing on the clock (or after every
    /// file when the interval is zero). Returns early on the first error; `pieces` is
    /// dropped then, which stops the producer.
    fn take_all(&mut self, pieces: mpsc::Receiver<Piece>) -> Result<(), IndexError> {
        loop {
            let received = if self.interval.is_zero() {
                pieces.recv().map_err(|_| RecvTimeoutError::Disconnected)
            } else {
                pieces.recv_timeout(self.interval.saturating_sub(self.last_commit.elapsed()))
            };
            let boundary = match received {
                Ok(piece) => self.take(piece)?,
                Err(RecvTimeoutError::Timeout) => false,
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            };
            let due = if self.interval.is_zero() {
                boundary
            } else {
                self.last_commit.elapsed() >= self.interval
            };
            if due {
                if self.uncommitted() {
                    self.commit()?;
                } else {
                    self.last_commit = Instant::now();
                }
            }
        }
    }

    /// After a failed write: find the real cause, drop everything since the last commit,
    /// remove the files it left, and describe the failure with what is known of space.
    fn fail(mut self, error: IndexError) -> IndexError {
        let error = match error {
            // An indexing thread died: its own error comes back when the threads are joined
            // (`prepare_commit`), which then does not commit.
            IndexError::Tantivy(TantivyError::ErrorInThread(text)) => {
                match self.writer.prepare_commit() {
                    Err(cause) => IndexError::Tantivy(cause),
                    Ok(prepared) => {
                        let _ = prepared.abort();
                        IndexError::Tantivy(TantivyError::ErrorInThread(text))
                    }
                }
            }
            other => other,
        };
        // Back to the last commit, then delete the segment files written since, merges'
        // included: a merge still running would write its files after the clean-up.
        self.merges.wait();
        let _ = self.writer.rollback();
        let _ = self.writer.garbage_collect_files().wait();
        drop(self.writer);
        let dir = &self.index.dir;
        let classified = error.classified(dir);
        let free = storage::free_bytes(dir);
        let classified = match classified {
            // The system did not say, but nothing is left: that is the cause.
            IndexError::Tantivy(_) | IndexError::Io(..) if free.is_some_and(|f| f < 1 << 20) => {
                IndexError::Storage {
                    path: dir.clone(),
                    cause: StorageCause::NoSpace,
                    detail: String::new(),
                }
            }
            other => other,
        };
        match classified {
            IndexError::Storage { path, cause, .. } => {
                let mut facts = Vec::new();
                if let Some(free) = free {
                    facts.push(format!(
                        "{} free after removing this run's unfinished files",
                        storage::human_bytes(free)
                    ));
                }
                if self.bytes_left > 0 {
                    facts.push(format!(
                        "{} of input still to index",
                        storage::human_bytes(self.bytes_left)
                    ));
                }
                let mut detail = if facts.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", facts.join(", "))
                };
                let committed = self.index.index.reader().map(|r| r.searcher().num_docs());
                if let Ok(documents) = committed {
                    detail.push_str(&format!(
                        "; the index is intact at its last commit ({documents} articles)"
                    ));
                }
                IndexError::Storage {
                    path,
                    cause,
                    detail,
                }
            }
            other => other,
        }
    }
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

/// Take the writer lock and open Tantivy's writer. A live writer holding the lock is an
/// error at once; a writer that is exiting (a killed run the system is still tearing down)
/// is waited for, and the wait is announced.
fn open_writer(
    index: &NewsIndex,
    options: &IndexOptions,
    threads: usize,
    progress: &dyn Progress,
    notices: &mut Vec<String>,
) -> Result<IndexWriter, IndexError> {
    // Tantivy needs at least 15 MB per writer thread.
    let memory = options.memory_bytes.max(threads * 16_000_000);
    let started = Instant::now();
    let mut announced = false;
    loop {
        match index.index.writer_with_num_threads(threads, memory) {
            Ok(writer) => return Ok(writer),
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {}
            Err(e) => return Err(e.into()),
        }
        let busy = |pid| IndexError::Busy {
            path: index.dir.clone(),
            pid,
        };
        let (pid, limit) = match lock::holder(&index.dir.join(lock::WRITER_LOCK_FILE)) {
            Holder::Running { pid } => return Err(busy(Some(pid))),
            Holder::Unknown => return Err(busy(None)),
            Holder::Exiting { pid } => (Some(pid), EXITING_WRITER_WAIT),
            Holder::Gone => (None, UNSEEN_WRITER_WAIT),
        };
        if started.elapsed() >= limit {
            return Err(busy(pid));
        }
        if let (Some(pid), false) = (pid, announced) {
            let message = format!(
                "an earlier newsdex run (pid {pid}) was stopped and the system is still releasing its lock on the index: waiting for it"
            );
            progress.notice(&message);
            notices.push(message);
            announced = true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Is `path` one of `roots` or inside one of them?
fn under_any_root(path: &str, roots: &[String]) -> bool {
    roots.iter().any(|root| {
        path == root
            || (path.starts_with(root.as_str())
                && path[root.len()..].starts_with(std::path::MAIN_SEPARATOR))
    })
}

/// The files the last commit recorded as partly indexed.
fn partial_files(index: &NewsIndex) -> Result<Vec<String>, IndexError> {
    let payload = index.index.load_metas()?.payload;
    Ok(payload
        .and_then(|p| serde_json::from_str::<CommitPayload>(&p).ok())
        .map(|p| p.partial)
        .unwrap_or_default())
}

/// Remove what a killed run can leave besides segment files: newsdex's temporary files.
fn remove_temporary_files(dir: &Path) {
    for name in [SKIPPED_FILE, canonical::ALIASES_FILE] {
        let _ = std::fs::remove_file(storage::temporary_path(&dir.join(name)));
    }
}

/// Run one indexing pass. `progress` hears how many files are done and any notice;
/// `stop` is polled as work is handed out (Ctrl-C): when set, work done so far is
/// committed. A write the system refused (full disk, read-only, permissions) is a
/// `Storage` error, whichever step met it.
pub fn run(
    index_dir: &Path,
    options: &IndexOptions,
    tagger: &dyn Tagger,
    progress: &dyn Progress,
    stop: &AtomicBool,
) -> Result<IndexReport, IndexError> {
    run_pass(index_dir, options, tagger, progress, stop).map_err(|e| e.classified(index_dir))
}

fn run_pass(
    index_dir: &Path,
    options: &IndexOptions,
    tagger: &dyn Tagger,
    progress: &dyn Progress,
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
    let mut previous = indexed_files(&reader.searcher())?;
    let skipped_path = index.dir.join(SKIPPED_FILE);
    let mut skipped: Skipped = std::fs::read_to_string(&skipped_path)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    let mut report = IndexReport::default();
    // Files the last run had not finished when it stopped: their committed articles (if
    // any) are deleted and the files indexed again whole.
    let partial = partial_files(&index)?;
    for key in &partial {
        skipped.files.remove(key);
        previous.insert(
            key.clone(),
            FileState {
                fingerprint: 0,
                hash: 0,
            },
        );
    }

    let roots: Vec<PathBuf> = options
        .roots
        .iter()
        .map(|r| std::fs::canonicalize(r).unwrap_or_else(|_| r.clone()))
        .collect();
    // A root that is missing or cannot be looked at is reported once, here, not again by
    // the walk.
    let mut existing: Vec<PathBuf> = Vec::with_capacity(roots.len());
    for (root, original) in roots.iter().zip(&options.roots) {
        let reason = match root.try_exists() {
            Ok(true) => {
                existing.push(root.clone());
                continue;
            }
            Ok(false) => "no such file or directory".to_string(),
            Err(e) => e.to_string(),
        };
        report.failed.push(Problem {
            path: original.display().to_string(),
            reason,
        });
    }
    let index_dir = std::fs::canonicalize(&index.dir).unwrap_or_else(|_| index.dir.clone());
    let (found, walk_problems, other_files) =
        ingest::discover(&existing, options.walk, std::slice::from_ref(&index_dir));
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
    let writer = open_writer(
        &index,
        options,
        writer_threads(options.threads, tagging, input_bytes),
        progress,
        &mut report.notices,
    )?;
    // A run killed (or out of space) part-way leaves segment files no commit refers to.
    let _ = writer.garbage_collect_files().wait();
    remove_temporary_files(&index.dir);
    let root_keys: Vec<String> = roots
        .iter()
        .map(|r| r.to_string_lossy().into_owned())
        .collect();
    // Partial files outside this run's inputs stay partial until a run over them.
    let (resumed, carried): (Vec<String>, Vec<String>) = partial
        .into_iter()
        .partition(|key| seen.contains(key) || under_any_root(key, &root_keys));
    report.resumed_files = resumed.len();
    if report.resumed_files > 0 {
        let message = format!(
            "{} file(s) were partly indexed when an earlier run stopped: indexing them again",
            report.resumed_files
        );
        progress.notice(&message);
        report.notices.push(message);
    }

    // Large JSON Lines exports stream in batches; everything else is read whole.
    let (streamed, todo): (Vec<_>, Vec<_>) = todo.into_iter().partition(|(file, _, _)| {
        file.size > options.stream_jsonl_above
            && ingest::format_from_name(&file.path) == Some(ingest::Format::JsonLines)
    });
    let threads = options.threads.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .start_handler(move |_| {
            if tagging {
                lower_this_threads_priority();
            }
        })
        .build()
        .map_err(|e| IndexError::Io(index.dir.clone(), std::io::Error::other(e.to_string())))?;

    let total = (todo.len() + streamed.len()) as u64;
    let merges = MergeSchedule::attach(&writer);
    let mut committer = Committer {
        index: &index,
        writer,
        merges,
        progress,
        interval: options.commit_interval,
        last_commit: Instant::now(),
        changed: false,
        open: carried.iter().cloned().collect(),
        open_at_commit: carried,
        skipped,
        skipped_changed: false,
        done: 0,
        total,
        bytes_left: input_bytes,
        report,
    };
    // Files that were indexed under these roots and are gone now.
    for path in previous.keys() {
        if !seen.contains(path) && under_any_root(path, &root_keys) {
            committer.delete_file(path);
            committer.report.files_removed += 1;
        }
    }
    let before = committer.skipped.files.len();
    committer
        .skipped
        .files
        .retain(|path, _| seen.contains(path) || !under_any_root(path, &root_keys));
    committer.skipped_changed = committer.skipped.files.len() != before;
    progress.files(0, total);

    let halt = AtomicBool::new(false);
    let (sender, pieces) = mpsc::sync_channel(QUEUED_PIECES);
    let producer = Producer {
        index: &index,
        limits: options.limits,
        tagger,
        stop,
        halt: &halt,
        pieces: sender,
    };
    let taken = std::thread::scope(|scope| {
        scope.spawn(|| {
            let producer = producer;
            pool.install(|| {
                todo.par_iter()
                    .with_max_len(MAX_ARTICLES_PER_TASK)
                    .for_each(|(file, key, state)| producer.file(file, key, *state));
                for (file, key, state) in &streamed {
                    producer.streamed_file(file, key, *state);
                }
            });
            // Dropping the producer (its sender) tells the committer the work is done.
        });
        let taken = committer.take_all(pieces);
        if taken.is_err() {
            halt.store(true, Ordering::Relaxed);
        }
        taken
    });
    let finished = taken.and_then(|()| {
        if committer.uncommitted() {
            committer.commit()?;
        }
        committer.save_skipped()
    });
    if let Err(error) = finished {
        return Err(committer.fail(error));
    }

    let Committer {
        mut writer,
        mut merges,
        mut report,
        done,
        ..
    } = committer;
    report.interrupted = stop.load(Ordering::Relaxed) && done < total;
    // The archive-wide alias pass, whenever the saved aliases are not those of the last
    // commit: after this run's changes, or after an earlier run stopped before it.
    let commit = index.index.load_metas()?.opstamp;
    if !report.interrupted && Aliases::saved_commit(&index.dir) != Some(commit) {
        reader.reload()?;
        report.aliases = canonical::canonicalise(&index, &reader.searcher(), commit)?;
    }
    merges.finish(&mut writer);
    writer.wait_merging_threads()?;
    reader.reload()?;
    report.documents = reader.searcher().num_docs();
    report.tier = tagger.tier();
    if let Some(tier) = tagger.tier() {
        report.other_tier = super::tier_counts(&reader.searcher(), &index.fields)?
            .into_iter()
            .filter(|(t, n)| *t != tier && *n > 0)
            .collect();
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
