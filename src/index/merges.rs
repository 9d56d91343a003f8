//! The merge schedule of a writing run: Tantivy's merges, started where they can be waited for.
//!
//! Tantivy starts merges on its own, and a merge it started cannot be waited for: once the
//! writer is rolled back (a full disk) such a merge goes on writing files that nothing
//! removes. So the run's writer gets `ProposingPolicy`: Tantivy consults it whenever it
//! would merge, it asks Tantivy's default `LogMergePolicy`, notes the proposal and returns
//! nothing; the run then starts the proposed merges itself (`MergeSchedule::start_proposed`,
//! on the committer's thread) and keeps a handle on each, so a failing run can wait for them
//! before it cleans up. The same merges happen, at nearly the same moments. It must not
//! commit, roll back or delete files.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};
use tantivy::{FutureResult, IndexWriter};

/// Merges proposed by the policy and not yet started.
#[derive(Debug, Default)]
struct Proposed(Mutex<Vec<Vec<SegmentId>>>);

/// Tantivy's default merge policy, whose proposals are noted instead of started.
#[derive(Debug)]
struct ProposingPolicy {
    policy: LogMergePolicy,
    proposed: Arc<Proposed>,
}

impl MergePolicy for ProposingPolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let candidates = self.policy.compute_merge_candidates(segments);
        if !candidates.is_empty() {
            let mut proposed = self.proposed.0.lock().unwrap_or_else(|e| e.into_inner());
            proposed.extend(candidates.into_iter().map(|MergeCandidate(ids)| ids));
        }
        Vec::new()
    }
}

/// The merges of one run: proposed by Tantivy's policy, started and awaited here.
pub(super) struct MergeSchedule {
    proposed: Arc<Proposed>,
    running: Vec<(Vec<SegmentId>, FutureResult<Option<SegmentMeta>>)>,
}

impl MergeSchedule {
    /// Give `writer` the proposing policy; its merges are started by `start_proposed`.
    pub(super) fn attach(writer: &IndexWriter) -> MergeSchedule {
        let proposed = Arc::new(Proposed::default());
        writer.set_merge_policy(Box::new(ProposingPolicy {
            policy: LogMergePolicy::default(),
            proposed: Arc::clone(&proposed),
        }));
        MergeSchedule {
            proposed,
            running: Vec::new(),
        }
    }

    /// Start the merges proposed since the last call. A proposal whose segments are
    /// merging already, or are gone (merged, or rolled back), is refused by Tantivy at
    /// once and forgotten at the next call.
    pub(super) fn start_proposed(&mut self, writer: &mut IndexWriter) {
        let proposals = {
            let mut proposed = self.proposed.0.lock().unwrap_or_else(|e| e.into_inner());
            if proposed.is_empty() {
                return;
            }
            std::mem::take(&mut *proposed)
        };
        self.forget_ended();
        let mut merging: HashSet<SegmentId> = self
            .running
            .iter()
            .flat_map(|(ids, _)| ids.iter().copied())
            .collect();
        // Newest first: a later proposal saw the segments as they are now, and an earlier
        // one over some of the same segments is out of date.
        for ids in proposals.into_iter().rev() {
            if ids.iter().any(|id| merging.contains(id)) {
                continue;
            }
            merging.extend(ids.iter().copied());
            let handle = writer.merge(&ids);
            self.running.push((ids, handle));
        }
    }

    /// Block until every merge started has ended. A merge that failed leaves its
    /// segments as they were (and its files to the caller's garbage collection).
    pub(super) fn wait(&mut self) {
        for (_, handle) in self.running.drain(..) {
            let _ = block_on(handle);
        }
    }

    /// At the end of a run: start what is proposed and wait, until the policy proposes
    /// nothing more (the cascade Tantivy runs as merges end).
    pub(super) fn finish(&mut self, writer: &mut IndexWriter) {
        loop {
            self.start_proposed(writer);
            if self.running.is_empty() {
                return;
            }
            self.wait();
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
    use tantivy::schema::{STRING, Schema};
    use tantivy::{Index, doc};

    use super::*;

    /// Nine one-document commits: Tantivy proposes merging them, the schedule starts the
    /// merge, and by the end they are one segment; a second call while the merge may still
    /// run starts nothing twice.
    #[test]
    fn proposed_merges_are_started_and_waited_for() {
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut schedule = MergeSchedule::attach(&writer);
        for n in 0..9 {
            writer.add_document(doc!(id => format!("d{n}"))).unwrap();
            writer.commit().unwrap();
        }
        // Tantivy proposed, but started nothing itself.
        assert_eq!(index.searchable_segment_ids().unwrap().len(), 9);
        schedule.start_proposed(&mut writer);
        assert!(!schedule.running.is_empty());
        schedule.start_proposed(&mut writer);
        schedule.finish(&mut writer);
        assert!(schedule.running.is_empty());
        let segments = index.searchable_segment_metas().unwrap();
        assert_eq!(segments.len(), 1);
        assert_eq!(segments[0].num_docs(), 9);
    }
}
