//! Text analysis for the index: the `en_stem` analyzer, with a word cache.
//!
//! Owns the analyzer the headline, byline, caption, body and dateline fields are indexed
//! with (the writer registers it, one cache per field and segment) and the one searches use
//! (`en_stem_for_search`: one cache per search thread, kept from request to request, as a
//! fresh cache per query would only cost; snippets re-analyse every hit's body, which was
//! about half of a served search's CPU). It produces exactly the terms of Tantivy's built-in
//! `en_stem` (simple tokenizer, tokens over 40 bytes dropped, lower-casing, English Snowball
//! stemmer), so the index stays readable by any Tantivy tool under the standard name; it
//! only remembers what each word became. Stemming was about a seventh of indexing time, and news text
//! repeats its words: in the BBC corpus (no copies) about 96% of tokens are a word seen
//! before. It must not change a single term: the unit tests compare it with Tantivy's own.

use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    Token, TokenFilter, TokenStream, Tokenizer,
};

use crate::entities::features::FormCache;

/// The tokenizer name the schema uses; Tantivy's default under the same name gives the same
/// terms, so other tools (and older newsdex builds) read the index unchanged.
pub const EN_STEM: &str = "en_stem";

/// Words one cache remembers before it starts again. Each writer thread holds one cache per
/// text field for the life of a segment; at about 100 bytes a word this bounds a cache to a
/// few MB, and the most frequent words come back within a few documents of a reset.
const CACHE_WORDS: usize = 50_000;

/// The `en_stem` analyzer with a word cache.
pub fn en_stem() -> TextAnalyzer {
    en_stem_with_capacity(CACHE_WORDS)
}

fn en_stem_with_capacity(capacity: usize) -> TextAnalyzer {
    analyzer(CachedLowerStem {
        own_cache: Some(capacity),
    })
}

/// The `en_stem` analyzer for searches: its word cache belongs to the thread, so the
/// analyzer clones Tantivy makes per query and per snippet share what earlier requests on
/// the thread learned.
pub fn en_stem_for_search() -> TextAnalyzer {
    analyzer(CachedLowerStem { own_cache: None })
}

/// The term a search gives one word (a token of the `en_stem` tokenizer, shorter than 40
/// bytes), through the thread's cache: what `en_stem_for_search` would make of it.
pub fn search_term_of(word: &str, term: &mut String) {
    term.clear();
    term.push_str(word);
    SEARCH_WORDS.with(|cache| cache.borrow_mut().lower_and_stem(term));
}

fn analyzer(lower_stem: CachedLowerStem) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(lower_stem)
        .build()
}

thread_local! {
    /// The search threads' word caches.
    static SEARCH_WORDS: std::cell::RefCell<WordCache> =
        std::cell::RefCell::new(WordCache::new(CACHE_WORDS));
}

/// Lower-cases and stems each token like `LowerCaser` followed by `Stemmer`, looking the
/// token up first in a cache of the words it has already done: a cache of its own of this
/// capacity, or (`None`) the thread's (`SEARCH_WORDS`).
#[derive(Clone)]
struct CachedLowerStem {
    own_cache: Option<usize>,
}

impl TokenFilter for CachedLowerStem {
    type Tokenizer<T: Tokenizer> = CachedLowerStemFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedLowerStemFilter<T> {
        CachedLowerStemFilter {
            inner,
            cache: self.own_cache.map(WordCache::new),
        }
    }
}

/// Each clone (Tantivy clones the registered analyzer for every field of every segment it
/// writes, and per query) gets its own cache or uses its thread's: no locks, and the
/// registered template itself stays empty.
#[derive(Clone)]
struct CachedLowerStemFilter<T> {
    inner: T,
    /// `None`: the thread's cache.
    cache: Option<WordCache>,
}

/// Token as the tokenizer gave it -> its term.
#[derive(Clone)]
struct WordCache {
    terms: FormCache<Box<str>>,
    /// Tantivy's own filters, run on one word at a time when the cache misses.
    one_word: TextAnalyzer,
}

impl WordCache {
    fn new(capacity: usize) -> WordCache {
        WordCache {
            terms: FormCache::new(capacity),
            one_word: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }

    /// Replace `text` (a token) by its term, from the cache or computed by `one_word`.
    fn lower_and_stem(&mut self, text: &mut String) {
        if let Some(term) = self.terms.get(text) {
            text.clear();
            text.push_str(term);
            return;
        }
        let mut stream = self.one_word.token_stream(text);
        // The raw tokenizer gives its whole input as one token; keep the word if not.
        let term: Box<str> = if stream.advance() {
            stream.token().text.as_str().into()
        } else {
            text.as_str().into()
        };
        drop(stream);
        let term = self.terms.insert(text, term);
        text.clear();
        text.push_str(term);
    }
}

impl<T: Tokenizer> Tokenizer for CachedLowerStemFilter<T> {
    type TokenStream<'a> = CachedLowerStemStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedLowerStemStream {
            tail: self.inner.token_stream(text),
            cache: self.cache.as_mut(),
        }
    }
}

struct CachedLowerStemStream<'a, T> {
    tail: T,
    cache: Option<&'a mut WordCache>,
}

impl<T: TokenStream> TokenStream for CachedLowerStemStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        match self.cache.as_deref_mut() {
            Some(cache) => cache.lower_and_stem(text),
            None => SEARCH_WORDS.with(|cache| cache.borrow_mut().lower_and_stem(text)),
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenizerManager;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    const TEXT: &str = "Kim Jong Un's armoured train ARRIVED in Vladivostok; the leaders \
        were meeting, met and MEETS again. Ünïcödé Straße İstanbul ΣΊΣΥΦΟΣ naïve café \
        running runners ran 2004 1,500 re-arming antidisestablishmentarianismisnotlongenough \
        aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa generously generous generation";

    impl WordCache {
        fn term_of(&self, token: &str) -> Option<&str> {
            self.terms.get(token).map(|term| &**term)
        }
    }

    #[test]
    fn gives_exactly_tantivys_en_stem_terms_positions_and_offsets() {
        let mut theirs = TokenizerManager::default()
            .get("en_stem")
            .expect("built in");
        // A capacity small enough that the cache is cleared several times on the way.
        for capacity in [CACHE_WORDS, 3] {
            let mut ours = en_stem_with_capacity(capacity);
            // Twice over: the second pass answers from the cache.
            for _ in 0..2 {
                let expected = tokens(&mut theirs, TEXT);
                assert_eq!(tokens(&mut ours, TEXT), expected);
                assert!(expected.iter().any(|(t, ..)| t == "meet"));
                assert!(!expected.iter().any(|(t, ..)| t.starts_with("aaaa")));
            }
        }
        // The search analyzer, in clones sharing the thread's cache.
        let mut first = en_stem_for_search();
        let mut second = first.clone();
        let expected = tokens(&mut theirs, TEXT);
        assert_eq!(tokens(&mut first, TEXT), expected);
        assert_eq!(tokens(&mut second, TEXT), expected);
        assert!(SEARCH_WORDS.with(|w| w.borrow().term_of("MEETS") == Some("meet")));
    }

    #[test]
    fn the_cache_remembers_words_and_respects_its_capacity() {
        let mut filter =
            CachedLowerStem { own_cache: Some(4) }.transform(SimpleTokenizer::default());
        fn run<T: Tokenizer>(filter: &mut T, text: &str) {
            let mut stream = filter.token_stream(text);
            while stream.advance() {}
        }
        run(&mut filter, "Running running RUNNING ran");
        assert_eq!(filter.cache.as_ref().unwrap().terms.len(), 4);
        assert_eq!(
            filter.cache.as_ref().unwrap().term_of("RUNNING"),
            Some("run")
        );
        run(&mut filter, "one more word");
        assert!(filter.cache.as_ref().unwrap().terms.len() <= 4);
        assert_eq!(filter.cache.as_ref().unwrap().term_of("word"), Some("word"));
        assert_eq!(filter.cache.as_ref().unwrap().term_of("Running"), None);
    }
}
