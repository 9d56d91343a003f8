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
    /// Bit `b` of word `b / 64` is set when some word starts with byte `b`, and bit `n`
    /// of `lengths` when some word is `n` bytes long (63: longer): most words asked about
    /// fail one of the two, without hashing them or touching the set (BENCHMARKS.md).
    first_bytes: [u64; 4],
    lengths: u64,
    set: OnceLock<FxHashSet<&'static str>>,
}

impl WordList {
    pub(crate) const fn new(words: &'static [&'static str]) -> WordList {
        let mut first_bytes = [0u64; 4];
        let mut lengths = 0u64;
        let mut i = 0;
        while i < words.len() {
            let bytes = words[i].as_bytes();
            if let Some(&b) = bytes.first() {
                first_bytes[(b / 64) as usize] |= 1 << (b % 64);
            }
            lengths |= 1 << length_bit(bytes.len());
            i += 1;
        }
        WordList {
            words,
            first_bytes,
            lengths,
            set: OnceLock::new(),
        }
    }

    /// Is `word` one of the list's words (exactly, case included)?
    pub(crate) fn contains(&self, word: impl AsRef<str>) -> bool {
        let word = word.as_ref();
        let bytes = word.as_bytes();
        if self.lengths & (1 << length_bit(bytes.len())) == 0 {
            return false;
        }
        if let Some(&b) = bytes.first()
            && self.first_bytes[(b / 64) as usize] & (1 << (b % 64)) == 0
        {
            return false;
        }
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(word)
    }
}

/// The bit of `WordList::lengths` for a word of `len` bytes.
const fn length_bit(len: usize) -> u32 {
    if len < 63 { len as u32 } else { 63 }
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

    static MIXED: WordList = WordList::new(&[
        "",
        "Ōtautahi",
        "an-extraordinarily-long-word-of-more-than-sixty-three-bytes-in-all",
    ]);

    #[test]
    fn the_byte_and_length_filters_keep_every_word_of_the_list() {
        // The empty word, a first byte above 127 in a later word, and a word past the
        // length mask's last bit are all found; their near misses are not.
        assert!(MIXED.contains(""));
        assert!(MIXED.contains("Ōtautahi"));
        assert!(
            MIXED.contains("an-extraordinarily-long-word-of-more-than-sixty-three-bytes-in-all")
        );
        assert!(
            !MIXED.contains("an-extraordinarily-long-word-of-more-than-sixty-three-bytes-in-alL")
        );
        assert!(!MIXED.contains("Otautahi"));
        assert!(!MIXED.contains("ōtautahi"));
    }
}
