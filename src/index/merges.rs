//! The merge schedule of a writing run: which committed segments merge, and when.
//!
//! Tantivy merges on its own by default, but a merge it started on its own cannot be waited
//! for, and once the writer is rolled back (a full disk) such a merge goes on writing files
//! that nothing removes. So the run's writer has `NoMergePolicy`, and this schedule asks
//! Tantivy's default `LogMergePolicy` for merges among the committed segments after each
//! commit, keeping a handle on every merge it starts so that a failing run can wait for
//! them before it cleans up. It must not commit, roll back or delete files.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};
use tantivy::{FutureResult, Index, IndexWriter, TantivyError};

/// Merges started by this run and not yet seen to end.
#[derive(Default)]
pub(super) struct MergeSchedule {
    policy: LogMergePolicy,
    running: Vec<(Vec<SegmentId>, FutureResult<Option<SegmentMeta>>)>,
}

impl MergeSchedule {
    /// Start the merges the policy proposes among the committed segments that are not
    /// already merging; returns how many it started.
    pub(super) fn start(
        &mut self,
        index: &Index,
        writer: &mut IndexWriter,
    ) -> Result<usize, TantivyError> {
        self.forget_ended();
        let merging: HashSet<SegmentId> = self
            .running
            .iter()
            .flat_map(|(ids, _)| ids.iter().copied())
            .collect();
        let free: Vec<SegmentMeta> = index
            .searchable_segment_metas()?
            .into_iter()
            .filter(|meta| !merging.contains(&meta.id()))
            .collect();
        // As Tantivy does: a lone segment without deletes has nothing to gain.
        if free.len() == 1 && free[0].num_deleted_docs() == 0 {
            return Ok(0);
        }
        let candidates = self.policy.compute_merge_candidates(&free);
        let started = candidates.len();
        for MergeCandidate(ids) in candidates {
            let handle = writer.merge(&ids);
            self.running.push((ids, handle));
        }
        Ok(started)
    }

    /// Block until every merge started has ended. A merge that failed leaves its
    /// segments as they were (and its files to the caller's garbage collection).
    pub(super) fn wait(&mut self) {
        for (_, handle) in self.running.drain(..) {
            let _ = block_on(handle);
        }
    }

    /// At the end of a run: wait, and merge again while the policy proposes merges (the
    /// cascade Tantivy runs after each merge ends).
    pub(super) fn finish(
        &mut self,
        index: &Index,
        writer: &mut IndexWriter,
    ) -> Result<(), TantivyError> {
        loop {
            self.wait();
            if self.start(index, writer)? == 0 {
                return Ok(());
            }
        }
    }

    /// Drop the handles of merges that have ended, without blocking.
    fn forget_ended(&mut self) {
        let mut context = Context::from_waker(Waker::noop());
        self.running
            .retain_mut(|(_, handle)| Pin::new(handle).poll(&mut context).is_pending());
    }
}

/// Wakes the thread blocked in `block_on`.
struct Unpark(Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// Wait for a merge's handle. Not `FutureResult::wait`: its channel refuses a blocking
/// receive once it has been polled, as `forget_ended` does.
fn block_on<F: Future + Unpin>(mut future: F) -> F::Output {
    let waker = Waker::from(Arc::new(Unpark(thread::current())));
    let mut context = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = Pin::new(&mut future).poll(&mut context) {
            return output;
        }
        thread::park();
    }
}

#[cfg(test)]
mod tests {
    use tantivy::doc;
    use tantivy::indexer::NoMergePolicy;
    use tantivy::schema::{STRING, Schema};

    use super::*;

    /// Nine one-document commits: the schedule merges them into one segment by the end,
    /// and nothing merges while a handle is still held for the segments.
    #[test]
    fn committed_segments_merge_and_the_run_waits_for_them() {
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let mut schedule = MergeSchedule::default();
        for n in 0..9 {
            writer.add_document(doc!(id => format!("d{n}"))).unwrap();
            writer.commit().unwrap();
        }
        assert_eq!(index.searchable_segment_ids().unwrap().len(), 9);
        assert_eq!(schedule.start(&index, &mut writer).unwrap(), 1);
        // The nine are merging (or merged): a second call starts nothing over them.
        assert_eq!(schedule.start(&index, &mut writer).unwrap(), 0);
        schedule.finish(&index, &mut writer).unwrap();
        assert!(schedule.running.is_empty());
        let segments = index.searchable_segment_metas().unwrap();
        assert_eq!(segments.len(), 1);
        assert_eq!(segments[0].num_docs(), 9);
    }
}
