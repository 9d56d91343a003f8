//! A time limit for one search: a collector wrapper that walks each segment's matches itself
//! and stops with an error once a deadline has passed.
//!
//! Owns the walk over the matching documents when a search has a deadline (`serve` runs
//! searches on its async threads, where a search could not otherwise be cut off; see
//! BENCHMARKS.md, issue #19). It checks the clock every `DOCS_BETWEEN_CHECKS` matches and
//! at each segment's start; it must not change what the wrapped collector sees: the same
//! documents (deleted ones skipped) and the same scores, in the same order.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::Weight;
use tantivy::{COLLECT_BLOCK_BUFFER_LEN, DocId, DocSet, SegmentReader, TERMINATED, TantivyError};

/// Matches collected between two looks at the clock: a few microseconds of work.
const DOCS_BETWEEN_CHECKS: u32 = 4096;

/// `inner`, stopped with an error when `deadline` passes; `expired` tells the error apart
/// from the index's own.
pub struct WithDeadline<'a, C> {
    inner: &'a C,
    deadline: Instant,
    expired: AtomicBool,
}

impl<'a, C: Collector> WithDeadline<'a, C> {
    pub fn new(inner: &'a C, deadline: Instant) -> Self {
        WithDeadline {
            inner,
            deadline,
            expired: AtomicBool::new(false),
        }
    }

    /// True when the search stopped because the deadline passed.
    pub fn expired(&self) -> bool {
        self.expired.load(Ordering::Relaxed)
    }

    fn check(&self) -> tantivy::Result<()> {
        if Instant::now() >= self.deadline {
            self.expired.store(true, Ordering::Relaxed);
            return Err(TantivyError::InvalidArgument(
                "the search ran out of time".to_string(),
            ));
        }
        Ok(())
    }
}

impl<C: Collector> Collector for WithDeadline<'_, C> {
    type Fruit = C::Fruit;
    type Child = C::Child;

    fn for_segment(&self, segment: u32, reader: &SegmentReader) -> tantivy::Result<C::Child> {
        self.inner.for_segment(segment, reader)
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<C::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<C::Fruit> {
        self.inner.merge_fruits(fruits)
    }

    /// Tantivy's own walk (`for_each` / `for_each_no_score`) cannot be stopped half way, so
    /// the matches are walked here, as it walks them.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: u32,
        reader: &SegmentReader,
    ) -> tantivy::Result<<C::Child as SegmentCollector>::Fruit> {
        self.check()?;
        let mut collector = self.inner.for_segment(segment, reader)?;
        let alive = reader.alive_bitset();
        let is_alive = |doc: DocId| alive.is_none_or(|a| a.is_alive(doc));
        let mut scorer = weight.scorer(reader, 1.0)?;
        let mut since_check = 0u32;
        if self.inner.requires_scoring() {
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                if is_alive(doc) {
                    collector.collect(doc, scorer.score());
                }
                since_check += 1;
                if since_check == DOCS_BETWEEN_CHECKS {
                    since_check = 0;
                    self.check()?;
                }
                doc = scorer.advance();
            }
        } else {
            let mut buffer = [0; COLLECT_BLOCK_BUFFER_LEN];
            loop {
                let filled = scorer.fill_buffer(&mut buffer);
                let docs = &buffer[..filled];
                if alive.is_some() {
                    for &doc in docs.iter().filter(|&&doc| is_alive(doc)) {
                        collector.collect(doc, 0.0);
                    }
                } else {
                    collector.collect_block(docs);
                }
                if filled != buffer.len() {
                    break;
                }
                since_check += filled as u32;
                if since_check >= DOCS_BETWEEN_CHECKS {
                    since_check = 0;
                    self.check()?;
                }
            }
        }
        Ok(collector.harvest())
    }
}
