//! The engine: an open index with its one reader and the archive's aliases, shared by the
//! CLI and the server (`Engine` is `Send + Sync`; wrap it in an `Arc`).
//!
//! Owns what a search sees: the reader reloads when an `index` run commits (Tantivy watches
//! `meta.json`), and the aliases file is re-read when it changes (looked at no more than
//! once per `ALIASES_CHECK_INTERVAL`). It must not parse
//! requests, rank or format anything: each call hands out a `Search` over one snapshot.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use tantivy::{IndexReader, ReloadPolicy};

use crate::index::canonical::Aliases;
use crate::index::{IndexError, NewsIndex};
use crate::search::Search;

/// What identifies one version of the aliases file: its size and modification time.
type AliasesVersion = Option<(u64, SystemTime)>;

/// Stored-document blocks cached per segment (`Engine::open`).
const DOC_STORE_CACHE_BLOCKS: usize = 1_000;

/// How often a search looks at the aliases file's size and time: a `stat` per search was
/// 1% of a served search's CPU (BENCHMARKS.md, issue #19), and the reader itself sees a
/// commit only after a delay of about half a second.
const ALIASES_CHECK_INTERVAL: Duration = Duration::from_secs(1);

pub struct Engine {
    index: NewsIndex,
    reader: IndexReader,
    aliases: Mutex<CachedAliases>,
}

/// The aliases last loaded, the file version they came from and when it was last looked at.
struct CachedAliases {
    version: AliasesVersion,
    checked: Instant,
    aliases: Arc<Aliases>,
}

impl Engine {
    /// Open the index in `dir` for searching. Nothing is locked: an `index` run may write
    /// the same index meanwhile, and searches see each of its commits.
    pub fn open(dir: &Path) -> Result<Engine, IndexError> {
        let index = NewsIndex::open(dir)?;
        let reader = index
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            // Decompressed stored-document blocks kept per segment (16 KB each, so at most
            // 16 MB): Tantivy's default of 100 holds fewer blocks than a page of results
            // and its neighbours touch; see BENCHMARKS.md, "doc-store cache".
            .doc_store_cache_num_blocks(DOC_STORE_CACHE_BLOCKS)
            .try_into()
            .map_err(|e| match IndexError::from_tantivy(dir, e) {
                // Not a storage failure: a segment file is truncated or garbled.
                IndexError::Tantivy(e) => IndexError::Corrupt(dir.to_path_buf(), first_part(&e)),
                storage => storage,
            })?;
        let version = aliases_version(dir);
        let aliases = Arc::new(Aliases::load(dir));
        Ok(Engine {
            index,
            reader,
            aliases: Mutex::new(CachedAliases {
                version,
                checked: Instant::now(),
                aliases,
            }),
        })
    }

    pub fn index(&self) -> &NewsIndex {
        &self.index
    }

    pub fn dir(&self) -> &Path {
        &self.index.dir
    }

    /// A search over the latest committed state: a fresh searcher, and the aliases saved
    /// for it (the alias pass runs after an `index` run's last commit; a new aliases file
    /// is seen within `ALIASES_CHECK_INTERVAL`).
    pub fn search(&self) -> Search<'_> {
        let searcher = self.reader.searcher();
        let aliases = {
            let mut cached = self
                .aliases
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if cached.checked.elapsed() >= ALIASES_CHECK_INTERVAL {
                let version = aliases_version(&self.index.dir);
                if cached.version != version {
                    cached.aliases = Arc::new(Aliases::load(&self.index.dir));
                    cached.version = version;
                }
                cached.checked = Instant::now();
            }
            Arc::clone(&cached.aliases)
        };
        Search::new(&self.index, searcher, aliases)
    }
}

/// Tantivy's message up to its first repetition of the cause, on one line.
fn first_part(e: &tantivy::TantivyError) -> String {
    let text = e.to_string().replace('\n', " ");
    let cut = text.find("': ").map_or(text.len(), |i| i + 1);
    text[..cut].chars().take(300).collect()
}

fn aliases_version(dir: &Path) -> AliasesVersion {
    let meta = std::fs::metadata(dir.join(crate::index::canonical::ALIASES_FILE)).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}
