//! Features for the NER tagger: hashed, allocation-free per token.
//!
//! Owns turning a sentence (with its document) into feature ids: word identity, lowercase,
//! shape, prefixes/suffixes, neighbouring words and shapes, position in the sentence, the
//! sentence's casing (ALL-CAPS and Title Case headlines make capitalisation meaningless),
//! whether the word appears lowercase or capitalised elsewhere in the document, lexicon
//! membership, and the document-level votes of a first tagging pass. Features are 64-bit
//! hashes: no strings are built on the hot path, and buffers are reused between sentences.
//! It must not hold weights or decode.

use std::collections::{HashMap, HashSet};

use xxhash_rust::xxh3::{xxh3_64_with_seed, xxh3_128};

/// Entity types, in tag order.
pub const TYPES: [&str; 4] = ["PER", "LOC", "ORG", "MISC"];

/// Identity hasher for keys that are already hashes.
#[derive(Default, Clone, Copy)]
pub struct PreHashed(u64);

impl std::hash::Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type PreHashedBuild = std::hash::BuildHasherDefault<PreHashed>;

/// A value remembered per text form (a word), for caches on hot paths: keyed by the form's
/// one-shot 128-bit xxh3 (several times cheaper than hashing through `Hasher`), half of it
/// to place the form and the other half checked on every hit, and emptied when it holds
/// `capacity` forms and another comes. The form itself is not kept: comparing it was a
/// second trip to memory on every hit (BENCHMARKS.md, nineteenth session). Two forms are
/// confused only if all 128 bits agree: with 65,536 forms held, about once in 10^24
/// lookups.
#[derive(Clone)]
pub struct FormCache<V> {
    capacity: usize,
    forms: HashMap<u64, (u64, V), PreHashedBuild>,
}

/// The two halves of a form's 128-bit hash: where it goes, and its check.
#[inline]
fn form_hash(form: &str) -> (u64, u64) {
    let h = xxh3_128(form.as_bytes());
    (h as u64, (h >> 64) as u64)
}

impl<V> FormCache<V> {
    pub fn new(capacity: usize) -> FormCache<V> {
        FormCache {
            capacity,
            forms: HashMap::default(),
        }
    }

    pub fn get(&self, form: &str) -> Option<&V> {
        let (at, check) = form_hash(form);
        match self.forms.get(&at) {
            Some((known, value)) if *known == check => Some(value),
            _ => None,
        }
    }

    /// Remember `value` for `form` (replacing a colliding form) and return it in place.
    pub fn insert(&mut self, form: &str, value: V) -> &V {
        if self.forms.len() >= self.capacity {
            self.forms.clear();
        }
        let (at, check) = form_hash(form);
        &self
            .forms
            .entry(at)
            .insert_entry((check, value))
            .into_mut()
            .1
    }

    pub fn len(&self) -> usize {
        self.forms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    pub fn clear(&mut self) {
        self.forms.clear();
    }
}

#[inline]
fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 31)
}

#[inline]
fn feat(template: u64, value: u64) -> u64 {
    mix(template.wrapping_mul(0xD6E8_FEB8_6659_FD93), value)
}

/// Normalise a token for features: curly quotes to straight, digits to 0, lowercase.
pub fn normalise_into(token: &str, lower: &mut String, exact: &mut String) {
    lower.clear();
    exact.clear();
    if token.is_ascii() {
        // Most tokens: byte-wise, no per-character case tables.
        for b in token.bytes() {
            let b = match b {
                b'`' => b'\'',
                b if b.is_ascii_digit() => b'0',
                b => b,
            };
            exact.push(b as char);
            lower.push(b.to_ascii_lowercase() as char);
        }
        return;
    }
    for c in token.chars() {
        let c = match c {
            '’' | '‘' | '`' | '´' => '\'',
            '“' | '”' | '«' | '»' | '„' => '"',
            '–' | '—' => '-',
            c if c.is_ascii_digit() => '0',
            c => c,
        };
        exact.push(c);
        for l in c.to_lowercase() {
            lower.push(l);
        }
    }
}

/// Shape classes: X upper, x lower, d digit, other kept. `short` collapses repeats.
fn shapes(token: &str) -> (u64, u64) {
    let mut long = [0u8; 12];
    let mut long_len = 0;
    let mut short = [0u8; 12];
    let mut short_len = 0;
    for c in token.chars() {
        let class = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'~'
        };
        if long_len < long.len() {
            long[long_len] = class;
            long_len += 1;
        }
        if (short_len == 0 || short[short_len - 1] != class) && short_len < short.len() {
            short[short_len] = class;
            short_len += 1;
        }
    }
    (
        xxh3_64_with_seed(&long[..long_len], 1),
        xxh3_64_with_seed(&short[..short_len], 2),
    )
}

/// What one scan of a token's characters tells about its case, for sentence casing, gating
/// and the document context.
#[derive(Debug, Default, Clone, Copy)]
struct TokenFlags {
    /// Some letter.
    alphabetic: bool,
    has_lower: bool,
    has_upper: bool,
    /// First character upper case.
    capitalised: bool,
    /// First character a letter.
    starts_alphabetic: bool,
    /// Characters (not bytes), saturating at 255.
    chars: u8,
}

impl TokenFlags {
    fn of(token: &str) -> TokenFlags {
        let mut f = TokenFlags::default();
        if token.is_ascii() {
            // Most tokens: byte classes, no Unicode tables.
            let bytes = token.as_bytes();
            for &b in bytes {
                f.has_lower |= b.is_ascii_lowercase();
                f.has_upper |= b.is_ascii_uppercase();
            }
            f.alphabetic = f.has_lower || f.has_upper;
            f.capitalised = bytes.first().is_some_and(u8::is_ascii_uppercase);
            f.starts_alphabetic = bytes.first().is_some_and(u8::is_ascii_alphabetic);
            f.chars = bytes.len().min(255) as u8;
            return f;
        }
        let mut count = 0usize;
        for (i, c) in token.chars().enumerate() {
            if i == 0 {
                f.capitalised = c.is_uppercase();
                f.starts_alphabetic = c.is_alphabetic();
            }
            f.alphabetic |= c.is_alphabetic();
            f.has_lower |= c.is_lowercase();
            f.has_upper |= c.is_uppercase();
            count += 1;
        }
        f.chars = count.min(255) as u8;
        f
    }
}

/// Casing of a whole sentence: capitalisation carries less information in headlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SentenceCase {
    #[default]
    Normal = 0,
    AllCaps = 1,
    Title = 2,
}

pub fn sentence_case(tokens: &[&str]) -> SentenceCase {
    let flags: Vec<TokenFlags> = tokens.iter().map(|t| TokenFlags::of(t)).collect();
    sentence_case_of(&flags)
}

/// ALL CAPS: at least two words and none with a lower-case letter. Title Case: at least
/// two words longer than three letters, all capitalised.
fn sentence_case_of(flags: &[TokenFlags]) -> SentenceCase {
    let (mut words, mut lower_words, mut long, mut long_capitalised) = (0, 0, 0, 0);
    for f in flags.iter().filter(|f| f.alphabetic) {
        words += 1;
        lower_words += usize::from(f.has_lower);
        if f.chars > 3 {
            long += 1;
            long_capitalised += usize::from(f.capitalised);
        }
    }
    if words < 2 {
        SentenceCase::Normal
    } else if lower_words == 0 {
        SentenceCase::AllCaps
    } else if long >= 2 && long_capitalised == long {
        SentenceCase::Title
    } else {
        SentenceCase::Normal
    }
}

/// What the document says about word forms, gathered before tagging its sentences.
#[derive(Debug, Default, Clone)]
pub struct DocContext {
    /// Lowercase forms seen in lowercase somewhere in the document.
    seen_lower: HashSet<u64, PreHashedBuild>,
    /// Lowercase forms seen capitalised in mid-sentence, in normally cased sentences.
    seen_capitalised: HashSet<u64, PreHashedBuild>,
    /// Per lowercase form, first-pass entity-type votes (PER, LOC, ORG, MISC, O).
    votes: HashMap<u64, [u32; 5], PreHashedBuild>,
    /// Names the first pass found in this document, with their types: a per-document
    /// gazetteer, so "Jones Medical" tagged ORG once informs its other mentions.
    spans: Lexicon,
}

impl DocContext {
    /// Gather the document's evidence from its sentences (tokens only).
    pub fn new<S: AsRef<str>>(sentences: &[Vec<S>]) -> DocContext {
        let mut ex = Extractor::default();
        let none = Lexicon::default();
        let mut ctx = DocContext::default();
        let mut prepared = Prepared::default();
        for sentence in sentences {
            let toks: Vec<&str> = sentence.iter().map(|s| s.as_ref()).collect();
            ex.prepare(&toks, &none, &mut prepared);
            ctx.observe(&toks, &prepared);
        }
        ctx
    }

    /// The same from sentences already prepared (`prepared[i]` is `sentences[i]`), into
    /// this context, reusing its tables' memory (a tagger thread keeps one context for all
    /// its documents).
    pub fn reset_from_prepared<T: AsRef<[S]>, S: AsRef<str>>(
        &mut self,
        sentences: &[T],
        prepared: &[Prepared],
    ) {
        self.seen_lower.clear();
        self.seen_capitalised.clear();
        self.votes.clear();
        self.spans.clear();
        let mut toks: Vec<&str> = Vec::new();
        for (sentence, p) in sentences.iter().zip(prepared) {
            toks.clear();
            toks.extend(sentence.as_ref().iter().map(|s| s.as_ref()));
            self.observe(&toks, p);
        }
    }

    /// Record how the words of one sentence are cased.
    fn observe(&mut self, toks: &[&str], p: &Prepared) {
        for (i, a) in p.attrs.iter().enumerate() {
            if !a.alphabetic || (!a.has_lower && p.case != SentenceCase::Normal) {
                continue;
            }
            if !a.has_upper {
                self.seen_lower.insert(a.lower);
            } else if i > 0 && p.case == SentenceCase::Normal && a.capitalised {
                let prev = toks[i - 1];
                if !matches!(prev, "\"" | "“" | "'" | "‘" | "(" | ":" | "-" | "--") {
                    self.seen_capitalised.insert(a.lower);
                }
            }
        }
    }

    /// Record first-pass tags so the second pass can see how the document tagged each word.
    pub fn add_votes<S: AsRef<str>>(&mut self, tokens: &[S], tags: &[u8]) {
        let toks: Vec<&str> = tokens.iter().map(|s| s.as_ref()).collect();
        let mut prepared = Prepared::default();
        Extractor::default().prepare(&toks, &Lexicon::default(), &mut prepared);
        self.add_votes_prepared(&prepared, tags);
    }

    /// The same for a prepared sentence.
    pub fn add_votes_prepared(&mut self, p: &Prepared, tags: &[u8]) {
        for (a, &tag) in p.attrs.iter().zip(tags) {
            if !a.alphabetic {
                continue;
            }
            let slot = crate::entities::perceptron::entity_type(tag).unwrap_or(4);
            let counts = self.votes.entry(a.lower).or_insert([0; 5]);
            counts[slot] = counts[slot].saturating_add(1);
        }
        for (start, end, kind) in crate::entities::perceptron::tag_spans(tags) {
            self.spans.add_keys(&p.keys[start..end], kind);
        }
    }

    /// The first pass's verdict on a word (lowercase hash): 1-4 the entity type with a
    /// majority of all its votes, 5 always O, 6 mixed, 0 unseen.
    fn vote(&self, lower: u64) -> u8 {
        self.votes.get(&lower).map_or(0, |v| {
            let total: u32 = v.iter().sum();
            let (best, count) = v[..4]
                .iter()
                .enumerate()
                .max_by_key(|(_, c)| **c)
                .map(|(i, c)| (i, *c))
                .unwrap_or((0, 0));
            if count * 2 > total {
                best as u8 + 1
            } else if v[4] == total {
                5
            } else {
                6
            }
        })
    }

    pub fn has_votes(&self) -> bool {
        !self.votes.is_empty()
    }
}

/// What the tagger knows about words beyond the sentence: known names by type (a
/// gazetteer, as hashes of lowercase token sequences) and how often each word is
/// capitalised in running text (a case prior, from unlabelled news text), which is what
/// tells "Win" in a headline from "Wing".
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    entries: HashMap<u64, u8, PreHashedBuild>,
    /// Longest entry in tokens.
    max_len: usize,
    /// Lowercase word hash -> case-prior bucket (see `case_bucket`).
    case: HashMap<u64, u8, PreHashedBuild>,
    /// Names from reference lists (places, first/last names, nationalities), as token
    /// sequence hashes -> `EXT_*` bits. Unlike `entries` these are not learned from the
    /// training data, so they say the same thing in training and in use.
    external: HashMap<u64, u8, PreHashedBuild>,
    external_max_len: usize,
    /// Lowercase word hash -> word cluster ids, coarse to fine, 10 bits each (see
    /// `set_clusters`; 0: no cluster). Learned from a pretrained encoder's embeddings, so
    /// they carry what a billion sentences of modern text say about a word.
    clusters: HashMap<u64, u32, PreHashedBuild>,
}

/// Bits per cluster id in `Lexicon::clusters`.
const CLUSTER_BITS: u32 = 10;

pub const EXT_COUNTRY: u8 = 1;
pub const EXT_REGION: u8 = 2;
pub const EXT_CITY: u8 = 4;
pub const EXT_CONTINENT: u8 = 8;
pub const EXT_FIRST_NAME: u8 = 16;
pub const EXT_LAST_NAME: u8 = 32;
pub const EXT_NATIONALITY: u8 = 64;

/// Counts of one word in running text: capitalised mid-sentence vs lowercase.
#[derive(Debug, Default, Clone, Copy)]
pub struct CaseCounts {
    pub capitalised: u32,
    pub lower: u32,
}

/// Bucket a word's case counts: how often it is capitalised (5 levels) x how often seen (3).
fn case_bucket(c: CaseCounts) -> u8 {
    let total = c.capitalised + c.lower;
    let ratio = c.capitalised as f32 / total.max(1) as f32;
    let level = if ratio < 0.05 {
        0
    } else if ratio < 0.3 {
        1
    } else if ratio < 0.7 {
        2
    } else if ratio < 0.95 {
        3
    } else {
        4
    };
    let freq = if total < 3 {
        0
    } else if total < 20 {
        1
    } else {
        2
    };
    1 + level * 3 + freq
}

/// Gather case counts from sentences of running text (normally cased sentences only).
pub fn count_case<S: AsRef<str>>(
    sentences: impl Iterator<Item = Vec<S>>,
    counts: &mut HashMap<u64, CaseCounts, PreHashedBuild>,
) {
    let mut lower = String::new();
    let mut exact = String::new();
    for sentence in sentences {
        let toks: Vec<&str> = sentence.iter().map(|t| t.as_ref()).collect();
        if sentence_case(&toks) != SentenceCase::Normal {
            continue;
        }
        for (i, tok) in toks.iter().enumerate() {
            let flags = TokenFlags::of(tok);
            if i == 0 || !flags.starts_alphabetic {
                continue;
            }
            if matches!(
                toks[i - 1],
                "\"" | "“" | "'" | "‘" | "(" | ":" | "-" | "--" | "." | "?" | "!"
            ) {
                continue;
            }
            normalise_into(tok, &mut lower, &mut exact);
            let h = xxh3_64_with_seed(lower.as_bytes(), 3);
            let entry = counts.entry(h).or_default();
            if flags.capitalised {
                entry.capitalised += 1;
            } else if !flags.has_upper {
                entry.lower += 1;
            }
        }
    }
}

/// The lexicon key of one token: a hash of its normalised lowercase form.
pub fn token_key(lower: &str) -> u64 {
    xxh3_64_with_seed(lower.as_bytes(), 4)
}

const SPAN_SEED: u64 = 0x1234_5678;

/// Token keys and "may start a name" flags for a sentence, as the `*_marks` methods want.
pub fn token_keys<S: AsRef<str>>(tokens: &[S]) -> (Vec<u64>, Vec<bool>) {
    let mut lower = String::new();
    let mut exact = String::new();
    tokens
        .iter()
        .map(|t| {
            let t = t.as_ref();
            normalise_into(t, &mut lower, &mut exact);
            (token_key(&lower), may_start_name(t))
        })
        .unzip()
}

/// Flag on a span key that begins a longer entry of the same map, so matching walks
/// forward and stops at the first span that is neither an entry nor such a beginning.
/// (Entry values use at most the low seven bits: type masks and `EXT_*` bits.)
const PREFIX: u8 = 0x80;

/// Add the span `keys` with `bits` to `map`, flagging its shorter beginnings as `PREFIX`.
fn insert_span(map: &mut HashMap<u64, u8, PreHashedBuild>, keys: &[u64], bits: u8) {
    let mut h = SPAN_SEED;
    for (n, k) in keys.iter().enumerate() {
        h = mix(h, *k);
        let value = map.entry(h).or_insert(0);
        *value |= if n + 1 < keys.len() { PREFIX } else { bits };
    }
}

/// The longest span (at most `max_len` tokens) at the start of `keys` that `map` holds, as
/// (length, value), and the value of the one-token span (0 if none).
fn longest_match(
    map: &HashMap<u64, u8, PreHashedBuild>,
    max_len: usize,
    keys: &[u64],
) -> (Option<(usize, u8)>, u8) {
    let (mut longest, mut single) = (None, 0);
    let mut h = SPAN_SEED;
    for (len, k) in keys.iter().take(max_len).enumerate() {
        h = mix(h, *k);
        let Some(&value) = map.get(&h) else { break };
        let bits = value & !PREFIX;
        if len == 0 {
            single = bits;
        }
        if bits != 0 {
            longest = Some((len + 1, bits));
        }
        if value & PREFIX == 0 {
            break;
        }
    }
    (longest, single)
}

/// Names start with a capital or a digit ("1860 Munich").
fn may_start_name(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

impl Lexicon {
    /// Add a name (as tokens) of type index `kind` (0..4).
    pub fn add<S: AsRef<str>>(&mut self, tokens: &[S], kind: usize) {
        self.add_keys(&token_keys(tokens).0, kind);
    }

    /// The same from the tokens' keys (`token_key`).
    pub fn add_keys(&mut self, keys: &[u64], kind: usize) {
        if keys.is_empty() || keys.len() > 6 {
            return;
        }
        insert_span(&mut self.entries, keys, 1 << kind);
        self.max_len = self.max_len.max(keys.len());
    }

    /// Forget every name (keeping the tables' memory).
    pub fn clear(&mut self) {
        self.entries.clear();
        self.max_len = 0;
        self.case.clear();
        self.external.clear();
        self.external_max_len = 0;
    }

    /// Names held (not counting the beginnings of longer names).
    pub fn len(&self) -> usize {
        self.entries.values().filter(|v| *v & !PREFIX != 0).count()
    }

    /// Add a reference-list name with `EXT_*` bits.
    pub fn add_external<S: AsRef<str>>(&mut self, tokens: &[S], bits: u8) {
        if tokens.is_empty() || tokens.len() > 6 {
            return;
        }
        insert_span(&mut self.external, &token_keys(tokens).0, bits & !PREFIX);
        self.external_max_len = self.external_max_len.max(tokens.len());
    }

    pub fn external_len(&self) -> usize {
        self.external.values().filter(|v| *v & !PREFIX != 0).count()
    }

    /// Per token: `EXT_*` bits of the longest reference-list span covering it (names are
    /// also looked up word by word), and whether the token starts such a span.
    pub fn external_marks(&self, keys: &[u64], starts: &[bool], out: &mut Vec<(u8, bool)>) {
        out.clear();
        out.resize(keys.len(), (0, false));
        if self.external.is_empty() {
            return;
        }
        let mut i = 0;
        while i < keys.len() {
            let mut matched = 0;
            if starts[i] {
                let (longest, single) =
                    longest_match(&self.external, self.external_max_len, &keys[i..]);
                if let Some((len, bits)) = longest {
                    out[i] = (out[i].0 | bits, true);
                    for mark in &mut out[i + 1..i + len] {
                        mark.0 |= bits;
                    }
                    matched = len;
                }
                if matched != 1 {
                    // Inside or beside a longer place, a word may still be a known first name.
                    out[i].0 |= single & (EXT_FIRST_NAME | EXT_LAST_NAME | EXT_NATIONALITY);
                }
            }
            i += matched.max(1);
        }
    }

    /// Words with a case prior.
    pub fn case_words(&self) -> usize {
        self.case.len()
    }

    /// Replace the case prior with buckets of these counts.
    pub fn set_case_counts(&mut self, counts: &HashMap<u64, CaseCounts, PreHashedBuild>) {
        self.case = counts.iter().map(|(k, c)| (*k, case_bucket(*c))).collect();
    }

    /// Word clusters: each word (lowercase) with up to three cluster ids, coarse to fine,
    /// each below 1024 (ids from 1; tools/clusters/build.py makes the table).
    pub fn set_clusters<S: AsRef<str>>(&mut self, words: &[(S, [u16; 3])]) {
        let (mut lower, mut exact) = (String::new(), String::new());
        self.clusters = words
            .iter()
            .map(|(word, ids)| {
                normalise_into(word.as_ref(), &mut lower, &mut exact);
                let packed = ids.iter().fold(0u32, |acc, &id| {
                    (acc << CLUSTER_BITS) | u32::from(id).min((1 << CLUSTER_BITS) - 1)
                });
                (xxh3_64_with_seed(lower.as_bytes(), 3), packed)
            })
            .collect();
    }

    /// Words with clusters.
    pub fn cluster_words(&self) -> usize {
        self.clusters.len()
    }

    fn clusters_of(&self, lower_hash: u64) -> [u32; 3] {
        let packed = self.clusters.get(&lower_hash).copied().unwrap_or(0);
        let mask = (1 << CLUSTER_BITS) - 1;
        [
            (packed >> (2 * CLUSTER_BITS)) & mask,
            (packed >> CLUSTER_BITS) & mask,
            packed & mask,
        ]
    }

    fn case_of(&self, lower_hash: u64) -> u8 {
        self.case.get(&lower_hash).copied().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Per token: bitmask of types of a lexicon span beginning here (low 4 bits) or
    /// continuing here (high 4 bits), longest match first.
    pub fn marks(&self, keys: &[u64], starts: &[bool], out: &mut Vec<u8>) {
        out.clear();
        out.resize(keys.len(), 0);
        if self.entries.is_empty() {
            return;
        }
        let mut i = 0;
        while i < keys.len() {
            let mut matched = 0;
            if starts[i]
                && let (Some((len, mask)), _) =
                    longest_match(&self.entries, self.max_len, &keys[i..])
            {
                out[i] |= mask;
                for mark in &mut out[i + 1..i + len] {
                    *mark |= mask << 4;
                }
                matched = len;
            }
            i += matched.max(1);
        }
    }

    /// Serialise: count, max_len, then (key, mask) pairs.
    pub fn write(&self, out: &mut Vec<u8>) {
        write_map(out, &self.entries, Some(self.max_len));
        write_map(out, &self.case, None);
        write_map(out, &self.external, Some(self.external_max_len));
        out.extend_from_slice(&(self.clusters.len() as u64).to_le_bytes());
        let mut pairs: Vec<(&u64, &u32)> = self.clusters.iter().collect();
        pairs.sort();
        for (k, v) in pairs {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
    }

    pub fn read(bytes: &mut &[u8]) -> Option<Lexicon> {
        let (entries, max_len) = read_map(bytes, true)?;
        let (case, _) = read_map(bytes, false)?;
        let (external, external_max_len) = read_map(bytes, true)?;
        let n = take_u64(bytes)? as usize;
        let mut clusters =
            HashMap::with_capacity_and_hasher(n.min(1 << 24), PreHashedBuild::default());
        for _ in 0..n {
            let k = take_u64(bytes)?;
            let (v, rest) = bytes.split_first_chunk::<4>()?;
            *bytes = rest;
            clusters.insert(k, u32::from_le_bytes(*v));
        }
        Some(Lexicon {
            entries,
            max_len,
            case,
            external,
            external_max_len,
            clusters,
        })
    }
}

/// Serialise a hash -> byte map: its length, an optional span length, then the pairs in
/// key order (so the model file is deterministic).
fn write_map(out: &mut Vec<u8>, map: &HashMap<u64, u8, PreHashedBuild>, max_len: Option<usize>) {
    out.extend_from_slice(&(map.len() as u64).to_le_bytes());
    if let Some(len) = max_len {
        out.extend_from_slice(&(len as u64).to_le_bytes());
    }
    let mut pairs: Vec<(&u64, &u8)> = map.iter().collect();
    pairs.sort();
    for (k, v) in pairs {
        out.extend_from_slice(&k.to_le_bytes());
        out.push(*v);
    }
}

/// Read what `write_map` wrote; the span length is 0 when `with_max_len` is false.
fn read_map(
    bytes: &mut &[u8],
    with_max_len: bool,
) -> Option<(HashMap<u64, u8, PreHashedBuild>, usize)> {
    let n = take_u64(bytes)? as usize;
    let max_len = if with_max_len {
        take_u64(bytes)? as usize
    } else {
        0
    };
    let mut map = HashMap::with_capacity_and_hasher(n.min(1 << 24), PreHashedBuild::default());
    for _ in 0..n {
        let k = take_u64(bytes)?;
        let (&v, rest) = bytes.split_first()?;
        *bytes = rest;
        map.insert(k, v);
    }
    Some((map, max_len))
}

pub fn take_u64(bytes: &mut &[u8]) -> Option<u64> {
    if bytes.len() < 8 {
        return None;
    }
    let (head, rest) = bytes.split_at(8);
    *bytes = rest;
    Some(u64::from_le_bytes(head.try_into().ok()?))
}

/// Per-token attributes that do not depend on the first tagging pass.
#[derive(Default, Clone, Copy)]
struct TokenAttrs {
    lower: u64,
    exact: u64,
    long_shape: u64,
    short_shape: u64,
    prefixes: [u64; 4],
    suffixes: [u64; 4],
    /// Word cluster ids, coarse to fine (0: none).
    clusters: [u32; 3],
    capitalised: bool,
    alphabetic: bool,
    has_lower: bool,
    has_upper: bool,
    case_prior: u8,
}

/// A sentence's tokens with everything the tagger derives from them alone (hashes, shapes,
/// affixes, lexicon marks, casing, gating): computed once per sentence and shared by the
/// document context, both tagging passes and the vote counting.
#[derive(Default, Clone)]
pub struct Prepared {
    case: SentenceCase,
    attrs: Vec<TokenAttrs>,
    keys: Vec<u64>,
    starts: Vec<bool>,
    marks: Vec<u8>,
    external: Vec<(u8, bool)>,
    outside: Vec<bool>,
}

/// What the first pass says about a token's word, for the second pass.
#[derive(Default, Clone, Copy)]
struct DocAttrs {
    vote: u8,
}

/// Reusable buffers for feature extraction.
#[derive(Default)]
pub struct Extractor {
    /// Mark tokens that cannot be part of a name as outside (see `outside_names`), so the
    /// tagger neither builds their features nor scores them. Off for training, where every
    /// token teaches the model something.
    pub gate: bool,
    /// Word forms already prepared, when the lexicon is known not to change (see
    /// `remember_words`).
    vocabulary: Vocabulary,
    flags: Vec<TokenFlags>,
    lower: String,
    exact: String,
    doc: Vec<DocAttrs>,
    doc_marks: Vec<u8>,
    prepared: Prepared,
}

/// Feature ids of one sentence, in one flat buffer: token `i` owns
/// `feats[offsets[i]..offsets[i + 1]]`.
#[derive(Default, Debug)]
pub struct SentenceFeatures {
    pub offsets: Vec<usize>,
    pub feats: Vec<u64>,
    /// Per token: known to be outside any name (no features; decoded as O). Empty when no
    /// token was gated.
    pub outside: Vec<bool>,
    /// Per token (when filled): its word form's key and how many of its first features
    /// depend on that form alone, so a scorer may sum their weights once per form
    /// (`PassTables::first_pass`). Empty, or a count of 0: no such features marked.
    pub forms: Vec<(u64, u8)>,
}

impl SentenceFeatures {
    pub fn token(&self, i: usize) -> &[u64] {
        &self.feats[self.offsets[i]..self.offsets[i + 1]]
    }
    /// Token `i`'s form key and the number of its leading features that only its form
    /// decides (see `forms`).
    pub fn form(&self, i: usize) -> (u64, usize) {
        self.forms
            .get(i)
            .map_or((0, 0), |&(key, n)| (key, usize::from(n)))
    }
    /// Is token `i` known to be outside any name?
    pub fn is_outside(&self, i: usize) -> bool {
        self.outside.get(i).copied().unwrap_or(false)
    }
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Joiners inside names are short ("Bank of England", "Joost van der Westhuizen",
/// "Procter & Gamble"): at most this many uncapitalised tokens in a row between two
/// capitalised ones, each at most `JOINER_CHARS` characters long.
const JOINER_RUN: usize = 2;
const JOINER_CHARS: usize = 3;

/// Tokens that cannot be part of a name in a normally cased sentence. Names in running text
/// are capitalised words, the short joiners between them, and the digits and punctuation
/// beside them ("Boatmen 's", "Salomon Bros .", "Pan Am flight 103"); every other token is
/// outside, so in BBC prose about four tokens in five are settled without scoring.
/// Headlines in ALL CAPS or Title Case, and sentences with no capital at all, are scored in
/// full: there capitalisation says nothing. Fills `out` and returns whether any token is
/// outside.
pub fn outside_names(tokens: &[&str], case: SentenceCase, out: &mut Vec<bool>) -> bool {
    let flags: Vec<TokenFlags> = tokens.iter().map(|t| TokenFlags::of(t)).collect();
    outside_names_of(&flags, case, out)
}

fn outside_names_of(flags: &[TokenFlags], case: SentenceCase, out: &mut Vec<bool>) -> bool {
    out.clear();
    if case != SentenceCase::Normal || !flags.iter().any(|f| f.has_upper) {
        return false;
    }
    let n = flags.len();
    out.extend(flags.iter().map(|f| !f.has_upper));
    let mut i = 0;
    while i < n {
        if !out[i] {
            i += 1;
            continue;
        }
        // A run of uncapitalised tokens [i, j).
        let mut j = i;
        while j < n && out[j] {
            j += 1;
        }
        let joiners = i > 0
            && j < n
            && j - i <= JOINER_RUN
            && flags[i..j]
                .iter()
                .all(|f| usize::from(f.chars) <= JOINER_CHARS || !f.starts_alphabetic);
        if joiners {
            out[i..j].iter_mut().for_each(|o| *o = false);
        } else {
            // Digits and punctuation next to a capitalised word.
            if i > 0 && !flags[i].starts_alphabetic {
                out[i] = false;
            }
            if j < n && !flags[j - 1].starts_alphabetic {
                out[j - 1] = false;
            }
        }
        i = j;
    }
    out.iter().any(|&o| o)
}

/// Everything `prepare` derives from a word form alone.
#[derive(Default, Clone, Copy)]
struct Lexeme {
    flags: TokenFlags,
    attrs: TokenAttrs,
    /// Lexicon key (`token_key`).
    key: u64,
    /// May start a name (`may_start_name`).
    starts: bool,
}

impl Lexeme {
    /// `lower` and `exact` are scratch buffers.
    fn of(token: &str, lexicon: &Lexicon, lower: &mut String, exact: &mut String) -> Lexeme {
        let flags = TokenFlags::of(token);
        normalise_into(token, lower, exact);
        let lower_hash = xxh3_64_with_seed(lower.as_bytes(), 3);
        let (long_shape, short_shape) = shapes(exact);
        Lexeme {
            flags,
            attrs: TokenAttrs {
                lower: lower_hash,
                exact: xxh3_64_with_seed(exact.as_bytes(), 5),
                long_shape,
                short_shape,
                prefixes: affix_hashes(lower, false, 10),
                suffixes: affix_hashes(lower, true, 20),
                capitalised: flags.capitalised,
                alphabetic: flags.alphabetic,
                has_lower: flags.has_lower,
                has_upper: flags.has_upper,
                case_prior: lexicon.case_of(lower_hash),
                clusters: lexicon.clusters_of(lower_hash),
            },
            key: token_key(lower),
            starts: may_start_name(token),
        }
    }
}

/// A tagging thread's memory of the word forms it has prepared, so each distinct form's
/// case flags, hashes, shapes, affixes and case prior are computed once rather than at
/// every occurrence. News text repeats itself: in one pass over the BBC corpus (no copies)
/// about 96% of tokens are a form seen before.
struct Vocabulary {
    /// Whose lexicon the case priors came from (see `Extractor::remember_words`); 0: the
    /// vocabulary is off.
    owner: u64,
    words: FormCache<Lexeme>,
}

/// Forms a vocabulary holds before it starts again: about 150 bytes each, so a few MB per
/// thread, and the frequent words are back within a few documents of a reset.
const VOCABULARY_WORDS: usize = 65_536;

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary {
            owner: 0,
            words: FormCache::new(VOCABULARY_WORDS),
        }
    }
}

impl Vocabulary {
    fn lexeme(
        &mut self,
        token: &str,
        lexicon: &Lexicon,
        lower: &mut String,
        exact: &mut String,
    ) -> Lexeme {
        if let Some(lexeme) = self.words.get(token) {
            return *lexeme;
        }
        *self
            .words
            .insert(token, Lexeme::of(token, lexicon, lower, exact))
    }
}

/// Whether a word (lowercase hash, as `TokenAttrs::lower`) joins the items of a list.
fn list_separator(lower: u64) -> bool {
    static SEPARATORS: std::sync::OnceLock<[u64; 5]> = std::sync::OnceLock::new();
    SEPARATORS
        .get_or_init(|| [",", "and", "or", "&", "/"].map(|w| xxh3_64_with_seed(w.as_bytes(), 3)))
        .contains(&lower)
}

const BOS: u64 = 0x0B05;
const EOS: u64 = 0x0E05;

/// Hashes of the 1- to 4-character prefixes (or suffixes) of `lower`; a word shorter than
/// an affix gets the bare seed as a marker. No allocation: byte offsets of char boundaries.
fn affix_hashes(lower: &str, from_end: bool, seed: u64) -> [u64; 4] {
    let mut out = [seed; 4];
    if from_end {
        for (n, (i, _)) in lower.char_indices().rev().take(4).enumerate() {
            out[n] = xxh3_64_with_seed(&lower.as_bytes()[i..], seed + n as u64 + 1);
        }
    } else {
        let mut n = 0;
        let mut ends = lower
            .char_indices()
            .map(|(i, _)| i)
            .skip(1)
            .chain(std::iter::once(lower.len()));
        while n < 4 {
            let Some(end) = ends.next() else { break };
            if end == 0 {
                break;
            }
            out[n] = xxh3_64_with_seed(&lower.as_bytes()[..end], seed + n as u64 + 1);
            n += 1;
        }
    }
    out
}

impl Extractor {
    /// Remember word forms across calls to `prepare` from now on, for the lexicon of
    /// `owner`: a number that stands for one unchanging lexicon (a tagger's). A different
    /// owner empties the memory; 0 turns it off.
    pub fn remember_words(&mut self, owner: u64) {
        if self.vocabulary.owner != owner {
            self.vocabulary.words.clear();
            self.vocabulary.owner = owner;
        }
    }

    /// Compute `tokens`' pass-independent attributes into `out`.
    pub fn prepare(&mut self, tokens: &[&str], lexicon: &Lexicon, out: &mut Prepared) {
        self.flags.clear();
        out.attrs.clear();
        out.keys.clear();
        out.starts.clear();
        for tok in tokens {
            let lexeme = if self.vocabulary.owner != 0 {
                self.vocabulary
                    .lexeme(tok, lexicon, &mut self.lower, &mut self.exact)
            } else {
                Lexeme::of(tok, lexicon, &mut self.lower, &mut self.exact)
            };
            self.flags.push(lexeme.flags);
            out.attrs.push(lexeme.attrs);
            out.keys.push(lexeme.key);
            out.starts.push(lexeme.starts);
        }
        let case = sentence_case_of(&self.flags);
        out.case = case;
        if !(self.gate && outside_names_of(&self.flags, case, &mut out.outside)) {
            out.outside.clear();
        }
        lexicon.marks(&out.keys, &out.starts, &mut out.marks);
        lexicon.external_marks(&out.keys, &out.starts, &mut out.external);
    }

    /// Extract features for `tokens` into `out` (cleared first).
    pub fn extract(
        &mut self,
        tokens: &[&str],
        doc: &DocContext,
        lexicon: &Lexicon,
        out: &mut SentenceFeatures,
    ) {
        let mut prepared = std::mem::take(&mut self.prepared);
        self.prepare(tokens, lexicon, &mut prepared);
        self.features(&prepared, doc, out);
        self.prepared = prepared;
    }

    /// Features of a prepared sentence in the light of its document, into `out`: the base
    /// features, then (once the document holds first-pass votes) the vote features.
    pub fn features(&mut self, p: &Prepared, doc: &DocContext, out: &mut SentenceFeatures) {
        self.sentence_features(p, doc, out, true, doc.has_votes());
    }

    /// Only the vote features (see `features`): what the second pass adds to the first's.
    pub fn vote_features(&mut self, p: &Prepared, doc: &DocContext, out: &mut SentenceFeatures) {
        self.sentence_features(p, doc, out, false, true);
    }

    fn sentence_features(
        &mut self,
        p: &Prepared,
        doc: &DocContext,
        out: &mut SentenceFeatures,
        base: bool,
        votes: bool,
    ) {
        let n = p.attrs.len();
        let case = p.case;
        out.outside.clear();
        out.outside.extend_from_slice(&p.outside);
        self.doc.clear();
        if votes {
            // Votes are read at a scored token and its neighbours.
            let scored = |i: usize| !p.outside.get(i).copied().unwrap_or(false);
            self.doc.extend(p.attrs.iter().enumerate().map(|(i, a)| {
                let near = scored(i) || (i > 0 && scored(i - 1)) || scored(i + 1);
                DocAttrs {
                    vote: if near { doc.vote(a.lower) } else { 0 },
                }
            }));
            doc.spans.marks(&p.keys, &p.starts, &mut self.doc_marks);
        }
        out.offsets.clear();
        out.feats.clear();
        out.forms.clear();
        let a = &p.attrs;
        // An attribute of token j, or the sentence boundary markers beyond either end.
        let at = |j: isize, attr: fn(&TokenAttrs) -> u64| -> u64 {
            if j < 0 {
                BOS
            } else if j as usize >= n {
                EOS
            } else {
                attr(&a[j as usize])
            }
        };
        let lower_at = |j: isize| at(j, |t| t.lower);
        let shape_at = |j: isize| at(j, |t| t.short_shape);
        let exact_at = |j: isize| at(j, |t| t.exact);
        for i in 0..n {
            out.offsets.push(out.feats.len());
            out.forms.push((0, 0));
            if p.outside.get(i).copied().unwrap_or(false) {
                continue;
            }
            let t = &a[i];
            let f = &mut out.feats;
            if base {
                // First the features of the word form alone (every attribute here comes
                // from `Lexeme::of`, which the exact form decides), counted in `forms`.
                f.push(feat(0, 0));
                f.push(feat(1, t.lower));
                f.push(feat(2, t.exact));
                f.push(feat(3, t.long_shape));
                f.push(feat(4, t.short_shape));
                for k in 0..4 {
                    f.push(feat(5 + k as u64, t.prefixes[k]));
                    f.push(feat(9 + k as u64, t.suffixes[k]));
                }
                f.push(feat(35, mix(t.case_prior as u64, t.short_shape)));
                let [coarse, middle, fine] = t.clusters;
                if middle != 0 {
                    f.push(feat(51, coarse as u64));
                    f.push(feat(52, middle as u64));
                    f.push(feat(53, fine as u64));
                    f.push(feat(54, mix(middle as u64, t.short_shape)));
                }
                let form_features = f.len() - out.offsets[i];
                out.forms[i] = (t.exact, form_features as u8);
                let ii = i as isize;
                let case_code = case as u64;
                f.push(feat(13, lower_at(ii - 1)));
                f.push(feat(14, lower_at(ii + 1)));
                f.push(feat(15, lower_at(ii - 2)));
                f.push(feat(16, lower_at(ii + 2)));
                f.push(feat(17, mix(lower_at(ii - 1), t.lower)));
                f.push(feat(18, mix(t.lower, lower_at(ii + 1))));
                f.push(feat(19, mix(shape_at(ii - 1), t.short_shape)));
                f.push(feat(20, mix(t.short_shape, shape_at(ii + 1))));
                f.push(feat(
                    21,
                    mix(mix(shape_at(ii - 1), t.short_shape), shape_at(ii + 1)),
                ));
                f.push(feat(22, mix((i == 0) as u64, t.short_shape)));
                f.push(feat(23, mix(case_code, t.short_shape)));
                f.push(feat(24, mix(case_code, t.lower)));
                f.push(feat(25, mix(lower_at(ii - 1), t.short_shape)));
                f.push(feat(26, mix(t.short_shape, lower_at(ii + 1))));
                if t.capitalised || case != SentenceCase::Normal {
                    let seen_lower = doc.seen_lower.contains(&t.lower);
                    let seen_capitalised = doc.seen_capitalised.contains(&t.lower);
                    let doc_code = (seen_lower as u64) | ((seen_capitalised as u64) << 1);
                    f.push(feat(27, mix(doc_code, case_code * 2 + (i == 0) as u64)));
                    f.push(feat(28, mix(doc_code, t.short_shape)));
                }
                f.push(feat(43, exact_at(ii - 1)));
                f.push(feat(44, exact_at(ii + 1)));
                f.push(feat(45, mix(shape_at(ii - 2), shape_at(ii - 1))));
                f.push(feat(46, mix(shape_at(ii + 1), shape_at(ii + 2))));
                f.push(feat(47, mix(lower_at(ii + 1), lower_at(ii + 2))));
                f.push(feat(48, mix(lower_at(ii - 2), lower_at(ii - 1))));
                f.push(feat(
                    36,
                    mix(t.case_prior as u64, case_code * 2 + (i == 0) as u64),
                ));
                let prev_prior = if i > 0 {
                    a[i - 1].case_prior as u64
                } else {
                    99
                };
                let next_prior = if i + 1 < n {
                    a[i + 1].case_prior as u64
                } else {
                    99
                };
                f.push(feat(
                    37,
                    mix(mix(prev_prior, t.case_prior as u64), next_prior),
                ));
                let cluster_at = |j: usize| a.get(j).map_or(0, |t| t.clusters[1] as u64 + 1);
                f.push(feat(55, if i > 0 { cluster_at(i - 1) } else { 0 }));
                f.push(feat(56, cluster_at(i + 1)));
                let (ext, ext_start) = p.external[i];
                if ext != 0 {
                    f.push(feat(38, ext as u64));
                    f.push(feat(39, mix(ext as u64, t.short_shape)));
                    f.push(feat(40, mix(ext as u64, ext_start as u64)));
                    for bit in 0..7 {
                        if ext & (1 << bit) != 0 {
                            f.push(feat(41, bit * 2 + ext_start as u64));
                        }
                    }
                }
                let prev_ext = if i > 0 { p.external[i - 1].0 } else { 0 };
                let next_ext = if i + 1 < n { p.external[i + 1].0 } else { 0 };
                if prev_ext | next_ext | ext != 0 {
                    f.push(feat(
                        42,
                        mix(mix(prev_ext as u64, ext as u64), next_ext as u64),
                    ));
                }
                let mark = p.marks[i];
                if mark != 0 {
                    f.push(feat(29, mark as u64));
                    for (k, _) in TYPES.iter().enumerate() {
                        if mark & (1 << k) != 0 {
                            f.push(feat(30, mix(k as u64, t.short_shape)));
                        }
                        if mark & (0x10 << k) != 0 {
                            f.push(feat(31, mix(k as u64, t.short_shape)));
                        }
                    }
                }
            }
            if votes {
                let mark = self.doc_marks[i];
                f.push(feat(49, mark as u64));
                f.push(feat(50, mix(mark as u64, t.short_shape)));
                let vote = self.doc[i].vote;
                f.push(feat(32, vote as u64));
                f.push(feat(33, mix(vote as u64, t.short_shape)));
                // The votes for this word's siblings in a list ("Google , Intel , Dell and
                // Sony"): items of one list are mostly of one type.
                let sibling = |j: usize, sep: usize| {
                    if list_separator(a[sep].lower) {
                        self.doc[j].vote as u64
                    } else {
                        8
                    }
                };
                let left = if i >= 2 { sibling(i - 2, i - 1) } else { 8 };
                let right = if i + 2 < n { sibling(i + 2, i + 1) } else { 8 };
                if left != 8 || right != 8 {
                    f.push(feat(57, mix(left, right)));
                    f.push(feat(58, mix(mix(left, right), vote as u64)));
                }
                let prev_vote = if i > 0 { self.doc[i - 1].vote } else { 7 };
                let next_vote = if i + 1 < n { self.doc[i + 1].vote } else { 7 };
                f.push(feat(
                    34,
                    mix(mix(prev_vote as u64, vote as u64), next_vote as u64),
                ));
            }
        }
        out.offsets.push(out.feats.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_cache_gives_each_form_its_own_value_and_starts_again_when_full() {
        let mut cache = FormCache::new(1000);
        let forms: Vec<String> = (0..1000).map(|i| format!("w{i}")).collect();
        for (i, form) in forms.iter().enumerate() {
            assert_eq!(*cache.insert(form, i), i);
        }
        assert!(
            forms
                .iter()
                .enumerate()
                .all(|(i, f)| cache.get(f) == Some(&i))
        );
        // Forms that differ only in case or by a byte are different forms.
        assert_eq!(cache.get("W1"), None);
        assert_eq!(cache.get("w1 "), None);
        cache.insert("another", 7);
        assert_eq!(cache.len(), 1, "full: emptied before the new form");
        assert_eq!(cache.get("another"), Some(&7));
        assert_eq!(cache.get("w5"), None);
    }

    #[test]
    fn word_clusters_become_features_and_survive_the_model_file() {
        let mut lexicon = Lexicon::default();
        lexicon.set_clusters(&[("samsung", [3u16, 141, 650]), ("Nokia", [3, 141, 651])]);
        let mut bytes = Vec::new();
        lexicon.write(&mut bytes);
        let read = Lexicon::read(&mut bytes.as_slice()).unwrap();
        assert_eq!(read.cluster_words(), 2);
        let key = |w: &str| xxh3_64_with_seed(w.as_bytes(), 3);
        // Looked up by the lowercase form, whatever the case in the table.
        assert_eq!(read.clusters_of(key("nokia")), [3, 141, 651]);
        assert_eq!(read.clusters_of(key("intel")), [0, 0, 0]);
        // Two words of one cluster share their coarse and middle cluster features; a word
        // without a cluster has none of them.
        let feats = |tokens: &[&str]| {
            let mut out = SentenceFeatures::default();
            Extractor::default().extract(tokens, &DocContext::default(), &read, &mut out);
            out.token(1).to_vec()
        };
        let (a, b, c) = (
            feats(&["Shares", "Samsung", "fell"]),
            feats(&["Shares", "Nokia", "fell"]),
            feats(&["Shares", "Zorblat", "fell"]),
        );
        assert!(a.contains(&feat(52, 141)) && b.contains(&feat(52, 141)));
        assert!(a.contains(&feat(53, 650)) && !b.contains(&feat(53, 650)));
        assert!(!c.iter().any(|f| *f == feat(52, 141) || *f == feat(51, 3)));
    }

    #[test]
    fn only_capitals_their_joiners_and_adjacent_punctuation_are_scored() {
        let mut out = Vec::new();
        let sentence = "Talks in the port of Vladivostok ended on Friday at the Bank of \
                        England , Joost van der Westhuizen 's aides said ( in 2023 )";
        let toks: Vec<&str> = sentence.split_whitespace().collect();
        assert!(outside_names(&toks, sentence_case(&toks), &mut out));
        let scored: Vec<&str> = toks
            .iter()
            .zip(&out)
            .filter(|(_, outside)| !**outside)
            .map(|(t, _)| *t)
            .collect();
        // Capitalised words; short runs between capitals ("at the", "of", ",", "van der");
        // "'s" beside a capital. Not "in the port of" (too long a run for joiners), not
        // "ended on" ("ended" is no joiner), not the bracketed number away from capitals.
        assert_eq!(
            scored,
            [
                "Talks",
                "Vladivostok",
                "Friday",
                "at",
                "the",
                "Bank",
                "of",
                "England",
                ",",
                "Joost",
                "van",
                "der",
                "Westhuizen",
                "'s"
            ]
        );
        // Headlines and caseless text are scored in full.
        let title = [
            "Kim", "Arrives", "In", "Russia", "For", "Talks", "With", "Putin",
        ];
        assert!(!outside_names(&title, sentence_case(&title), &mut out));
        let lower = ["talks", "in", "the", "port", "ended", "on", "friday"];
        assert!(!outside_names(&lower, sentence_case(&lower), &mut out));
    }

    #[test]
    fn sentence_casing() {
        assert_eq!(
            sentence_case(&["SOCCER", "-", "JAPAN", "GET", "LUCKY", "WIN"]),
            SentenceCase::AllCaps
        );
        assert_eq!(
            sentence_case(&["Ad", "Sales", "Boost", "Time", "Warner", "Profit"]),
            SentenceCase::Title
        );
        assert_eq!(
            sentence_case(&["The", "firm", "said", "profits", "rose"]),
            SentenceCase::Normal
        );
    }

    #[test]
    fn lexicon_marks_longest_match() {
        let mut g = Lexicon::default();
        g.add(&["New", "York"], 1);
        g.add(&["New", "York", "Times"], 2);
        let mut marks = Vec::new();
        let (keys, starts) = token_keys(&["the", "New", "York", "Times", "said"]);
        g.marks(&keys, &starts, &mut marks);
        assert_eq!(marks, vec![0, 0b0100, 0b0100_0000, 0b0100_0000, 0]);
        let mut bytes = Vec::new();
        g.write(&mut bytes);
        let back = Lexicon::read(&mut bytes.as_slice()).unwrap();
        assert_eq!(back.len(), 2);
    }

    #[test]
    fn same_token_same_features_regardless_of_buffer_reuse() {
        let mut ex = Extractor::default();
        let doc = DocContext::default();
        let gaz = Lexicon::default();
        let mut a = SentenceFeatures::default();
        ex.extract(&["Mr", "Kim", "said"], &doc, &gaz, &mut a);
        let first: Vec<u64> = a.token(1).to_vec();
        ex.extract(&["Mr", "Kim", "said"], &doc, &gaz, &mut a);
        assert_eq!(a.token(1), first.as_slice());
        assert_eq!(a.len(), 3);
    }

    #[test]
    fn remembered_words_give_the_features_computed_afresh() {
        let sentences: [&[&str]; 3] = [
            &["Mr", "Kim", "met", "Putin", "in", "Vladivostok", "."],
            &["Kim", "Jong", "Un", "'s", "train", "left", "Vladivostok"],
            &["KIM", "MEETS", "PUTIN"],
        ];
        let mut case_counts: HashMap<u64, CaseCounts, PreHashedBuild> = HashMap::default();
        let kim = xxh3_64_with_seed(b"kim", 3);
        case_counts.insert(
            kim,
            CaseCounts {
                lower: 0,
                capitalised: 40,
            },
        );
        let mut lexicon = Lexicon::default();
        lexicon.set_case_counts(&case_counts);
        lexicon.add(&["Vladivostok"], 1);
        let features = |ex: &mut Extractor, lexicon: &Lexicon| -> Vec<Vec<u64>> {
            let mut out = Vec::new();
            let mut feats = SentenceFeatures::default();
            for sentence in sentences {
                ex.extract(sentence, &DocContext::default(), lexicon, &mut feats);
                out.extend((0..feats.len()).map(|i| feats.token(i).to_vec()));
            }
            out
        };
        let mut afresh = Extractor {
            gate: true,
            ..Extractor::default()
        };
        let expected = features(&mut afresh, &lexicon);
        let mut remembering = Extractor {
            gate: true,
            ..Extractor::default()
        };
        remembering.remember_words(1);
        // Twice: the second time every word comes from memory.
        assert_eq!(features(&mut remembering, &lexicon), expected);
        assert_eq!(features(&mut remembering, &lexicon), expected);
        assert!(remembering.vocabulary.words.len() >= 10);
        // Another owner (another lexicon: no case prior for "kim") starts afresh.
        let plain = Lexicon::default();
        let expected_plain = features(&mut afresh, &plain);
        assert_ne!(expected_plain, expected);
        remembering.remember_words(2);
        assert_eq!(features(&mut remembering, &plain), expected_plain);
    }
}
