//! Word lists: the fixed lists of words (titles, organisation heads, holidays) that the
//! post-decoding rules look each word up in.
//!
//! Owns a list type that keeps the words in the order the source gives them (with their
//! comments) and answers membership from a hash set built on first use: a rule asks about
//! every capitalised word of every sentence, and a scan of a 50-word list per word was a
//! tenth of the tagger's time (BENCHMARKS.md). It must not hold rules or read files.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// A fixed list of words with constant-time, case-sensitive membership.
pub(crate) struct WordList {
    words: &'static [&'static str],
    set: OnceLock<FxHashSet<&'static str>>,
}

impl WordList {
    pub(crate) const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            set: OnceLock::new(),
        }
    }

    /// Is `word` one of the list's words (exactly, case included)?
    pub(crate) fn contains(&self, word: impl AsRef<str>) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(word.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static LIST: WordList = WordList::new(&["Mr", "Dr", "Sheikh"]);

    #[test]
    fn membership_is_exact_and_case_sensitive() {
        assert!(LIST.contains("Sheikh"));
        assert!(LIST.contains("Dr"));
        assert!(!LIST.contains("dr"));
        assert!(!LIST.contains("Sheik"));
        assert!(!LIST.contains(""));
    }
}
