//! A linear-chain averaged perceptron: training, Viterbi decoding under BIO constraints, and
//! a compact serialised form.
//!
//! Owns weights (feature hash -> one weight per tag), tag transitions, the structured
//! perceptron update with weight averaging (Collins 2002), and quantised storage. It must
//! not know what the features mean; `features` makes them.

use std::collections::HashMap;

use super::features::{PreHashedBuild, SentenceFeatures, take_u64};

/// Internal tags: O, then for each of PER, LOC, ORG, MISC the BILOU positions Begin,
/// Inside, Last, Unit. BILOU makes the model learn where names end, which IOB2 leaves
/// implicit (Ratinov and Roth 2009 measured it better on CoNLL); files and callers see IOB2.
pub const TYPE_NAMES: [&str; 4] = ["PER", "LOC", "ORG", "MISC"];
/// Each type's index in `TYPE_NAMES`, as `tag_spans` reports it.
pub const PER: usize = 0;
pub const LOC: usize = 1;
pub const ORG: usize = 2;
pub const MISC: usize = 3;
pub const NT: usize = 1 + 4 * TYPE_NAMES.len();

const B: usize = 0;
const I: usize = 1;
const L: usize = 2;
const U: usize = 3;

const fn tag_of(kind: usize, position: usize) -> usize {
    1 + kind * 4 + position
}

/// Tags that close a name or are outside one (O, L-x, U-x), ascending: a name may start
/// after them.
const CLOSED: [usize; 9] = [
    0,
    tag_of(0, L),
    tag_of(0, U),
    tag_of(1, L),
    tag_of(1, U),
    tag_of(2, L),
    tag_of(2, U),
    tag_of(3, L),
    tag_of(3, U),
];

/// Tags that may follow a closed tag (O, B-x, U-x), ascending.
const AFTER_CLOSED: [usize; 9] = [
    0,
    tag_of(0, B),
    tag_of(0, U),
    tag_of(1, B),
    tag_of(1, U),
    tag_of(2, B),
    tag_of(2, U),
    tag_of(3, B),
    tag_of(3, U),
];

/// The entity type index of a tag (`None` for O).
pub fn entity_type(tag: u8) -> Option<usize> {
    (tag > 0).then(|| (tag as usize - 1) / 4)
}

fn position(tag: usize) -> usize {
    (tag - 1) % 4
}

/// IOB2 tag names to internal BILOU tags.
pub fn encode(iob2: &[String]) -> Vec<u8> {
    let kind_of = |t: &str| TYPE_NAMES.iter().position(|k| t.get(2..) == Some(*k));
    let mut out = vec![0u8; iob2.len()];
    for (i, t) in iob2.iter().enumerate() {
        let Some(kind) = kind_of(t) else { continue };
        let begins = t.starts_with("B-") || i == 0 || kind_of(&iob2[i - 1]) != Some(kind);
        let continues = iob2
            .get(i + 1)
            .is_some_and(|n| n.starts_with("I-") && kind_of(n) == Some(kind));
        let pos = match (begins, continues) {
            (true, true) => B,
            (true, false) => U,
            (false, true) => I,
            (false, false) => L,
        };
        out[i] = tag_of(kind, pos) as u8;
    }
    out
}

/// Internal tags to IOB2 names.
pub fn decode_iob2(tags: &[u8]) -> Vec<String> {
    tags.iter()
        .map(|&t| match entity_type(t) {
            None => "O".to_string(),
            Some(kind) => {
                let prefix = if matches!(position(t as usize), B | U) {
                    "B"
                } else {
                    "I"
                };
                format!("{prefix}-{}", TYPE_NAMES[kind])
            }
        })
        .collect()
}

/// Tests of the post-decoding rules: run `rule` on one sentence of space-separated words
/// tagged `iob2` (space-separated too) and return its tags in IOB2.
#[cfg(test)]
pub(crate) fn after_rule(
    text: &str,
    iob2: &str,
    rule: impl FnOnce(&[Vec<&str>], &mut [Vec<u8>]),
) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let tags: Vec<String> = iob2.split(' ').map(str::to_string).collect();
    assert_eq!(words.len(), tags.len(), "one tag per word");
    let mut tagged = vec![encode(&tags)];
    rule(&[words], &mut tagged);
    decode_iob2(&tagged[0]).join(" ")
}

/// Tests of the per-document rules: run `rule` on a document of sentences, each its
/// space-separated words and their IOB2 tags, and return each sentence's tags in IOB2.
#[cfg(test)]
pub(crate) fn after_document_rule(
    document: &[(&str, &str)],
    rule: impl FnOnce(&[Vec<&str>], &mut [Vec<u8>]),
) -> Vec<String> {
    let words: Vec<Vec<&str>> = document
        .iter()
        .map(|(w, _)| w.split(' ').collect())
        .collect();
    let mut tagged: Vec<Vec<u8>> = document
        .iter()
        .zip(&words)
        .map(|((_, iob2), words)| {
            let tags: Vec<String> = iob2.split(' ').map(str::to_string).collect();
            assert_eq!(words.len(), tags.len(), "one tag per word");
            encode(&tags)
        })
        .collect();
    rule(&words, &mut tagged);
    tagged.iter().map(|t| decode_iob2(t).join(" ")).collect()
}

/// The words between two names of a list: `Some(false)` for a comma, `Some(true)` for
/// "and" or "or" (with a comma or not) before its last name, `None` for anything else. The
/// rules that read lists of names ("Mombasa, Kisumu and Eldoret", "films such as Ray and
/// Sideways", "teams France, Ireland and Italy") share it.
pub fn list_gap<S: AsRef<str>>(gap: &[S]) -> Option<bool> {
    let word = |i: usize| gap[i].as_ref();
    let last = |w: &str| matches!(w, "and" | "or");
    match gap.len() {
        1 if word(0) == "," => Some(false),
        1 if last(word(0)) => Some(true),
        2 if word(0) == "," && last(word(1)) => Some(true),
        _ => None,
    }
}

/// Write the BILOU tags of one name of type index `kind` over `tags` (all of it).
pub fn write_span(tags: &mut [u8], kind: usize) {
    let n = tags.len();
    for (i, tag) in tags.iter_mut().enumerate() {
        let position = match (i, n) {
            (_, 1) => U,
            (0, _) => B,
            (i, n) if i + 1 == n => L,
            _ => I,
        };
        *tag = tag_of(kind, position) as u8;
    }
}

/// Run `rule` on each sentence's words with its tags (the post-decoding rules' loop),
/// skipping a sentence whose tags do not match its words.
pub fn each_sentence<S: AsRef<str>, T: AsRef<[S]>, V: AsMut<[u8]>>(
    sentences: &[T],
    tagged: &mut [V],
    mut rule: impl FnMut(&[&str], &mut [u8]),
) {
    let mut words: Vec<&str> = Vec::new();
    for (sentence, tags) in sentences.iter().zip(tagged.iter_mut()) {
        words.clear();
        words.extend(sentence.as_ref().iter().map(AsRef::as_ref));
        let tags = tags.as_mut();
        if words.len() == tags.len() {
            rule(&words, tags);
        }
    }
}

/// A sentence's names as `tag_spans` lists them: (start, end, type index).
pub type Spans = smallvec::SmallVec<[(usize, usize, usize); 8]>;

/// Names in a tag sequence as (start, end, type index), without building tag strings:
/// the same spans as `conll::spans(&decode_iob2(tags))`.
pub fn tag_spans(tags: &[u8]) -> Spans {
    // No allocation for a sentence with up to eight names: the rules call this about 600
    // times per article.
    let Some(first) = tags.iter().position(|&tag| tag != 0) else {
        return Spans::new();
    };
    let mut out = Spans::new();
    let mut i = first;
    // Most words are outside any name: find the next tagged one with a scan the compiler
    // vectorises, as every rule after decoding calls this on every sentence.
    while let Some(skip) = tags[i..].iter().position(|&tag| tag != 0) {
        i += skip;
        let kind = (tags[i] as usize - 1) / 4;
        let mut j = i + 1;
        while j < tags.len()
            && entity_type(tags[j]) == Some(kind)
            && matches!(position(tags[j] as usize), I | L)
        {
            j += 1;
        }
        out.push((i, j, kind));
        i = j;
    }
    out
}

/// May tag `to` follow tag `from` (None = sentence start)?
pub fn allowed(from: Option<usize>, to: usize) -> bool {
    let open = |f: usize| f != 0 && matches!(position(f), B | I);
    match from {
        Some(f) if open(f) => {
            to != 0 && (to - 1) / 4 == (f - 1) / 4 && matches!(position(to), I | L)
        }
        _ => to == 0 || matches!(position(to), B | U),
    }
}

/// May a sentence end on `tag`?
pub fn allowed_end(tag: usize) -> bool {
    tag == 0 || matches!(position(tag), L | U)
}

/// Transition and start scores with the BIO constraints folded in (forbidden = -inf), so
/// the decoding loops need no branches.
pub fn constrained(transitions: &[f32], start: &[f32]) -> (Vec<f32>, Vec<f32>) {
    let mut t = transitions.to_vec();
    for from in 0..NT {
        for to in 0..NT {
            if !allowed(Some(from), to) {
                t[from * NT + to] = f32::NEG_INFINITY;
            }
        }
    }
    let s = (0..NT)
        .map(|to| {
            if allowed(None, to) {
                start[to]
            } else {
                f32::NEG_INFINITY
            }
        })
        .collect();
    (t, s)
}

/// Reusable buffers for decoding.
#[derive(Default)]
pub struct Scratch {
    pub emissions: Vec<f32>,
    back: Vec<u8>,
    alpha: Vec<f32>,
    beta: Vec<f32>,
}

/// Best tag sequence for a sentence under constrained transitions (`NT * NT`) and start
/// scores (see `constrained`), and, when `margins` is given, each token's margin against
/// O: how much the best path's score drops if that token is forced to O (0 for tokens
/// tagged O).
///
/// `outside` marks tokens known to be outside any name (empty: none); `emissions` holds
/// `NT` scores for each other token, in order. Outside tokens are O on every path, so the
/// sentence splits there into independent stretches: each is decoded alone, entered from
/// O (or the sentence start) and left into O (or the sentence end), and the outside tokens
/// cost nothing. With no outside token this is plain Viterbi over the whole sentence.
pub fn decode(
    emissions: &[f32],
    outside: &[bool],
    transitions: &[f32],
    start: &[f32],
    scratch: &mut Scratch,
    tags: &mut Vec<u8>,
    mut margins: Option<&mut Vec<f32>>,
) {
    let n = if outside.is_empty() {
        emissions.len() / NT
    } else {
        outside.len()
    };
    tags.clear();
    tags.resize(n, 0);
    if let Some(m) = margins.as_deref_mut() {
        m.clear();
        m.resize(n, 0.0);
    }
    let outside = |i: usize| outside.get(i).copied().unwrap_or(false);
    let mut a = 0;
    let mut row = 0; // emission row of token `a`
    while a < n {
        if outside(a) {
            a += 1;
            continue;
        }
        let mut b = a + 1;
        while b < n && !outside(b) {
            b += 1;
        }
        let mut entry = [0f32; NT];
        entry.copy_from_slice(if a == 0 {
            start
        } else {
            &transitions[..NT] // from O
        });
        let exit: [f32; NT] = std::array::from_fn(|t| {
            if b == n {
                if allowed_end(t) {
                    0.0
                } else {
                    f32::NEG_INFINITY
                }
            } else {
                transitions[t * NT] // into O
            }
        });
        let rows = &emissions[row * NT..(row + b - a) * NT];
        row += b - a;
        decode_stretch(
            rows,
            transitions,
            &entry,
            &exit,
            scratch,
            &mut tags[a..b],
            margins.as_deref_mut().map(|m| &mut m[a..b]),
        );
        a = b;
    }
}

/// Viterbi (and, for margins, a backward max-product pass) over one stretch of tokens.
fn decode_stretch(
    emissions: &[f32],
    transitions: &[f32],
    entry: &[f32; NT],
    exit: &[f32; NT],
    scratch: &mut Scratch,
    tags: &mut [u8],
    margins: Option<&mut [f32]>,
) {
    const NEG: f32 = f32::NEG_INFINITY;
    let m = tags.len();
    let Scratch {
        back, alpha, beta, ..
    } = scratch;
    alpha.clear();
    alpha.resize(m * NT, NEG);
    back.clear();
    back.resize(m * NT, 0);
    for t in 0..NT {
        alpha[t] = entry[t] + emissions[t];
    }
    for i in 1..m {
        let (done, rest) = alpha.split_at_mut(i * NT);
        let previous = &done[(i - 1) * NT..];
        let mut best = [NEG; NT];
        let mut arg = [0u8; NT];
        // Only allowed transitions (see `allowed`): O, B-x and U-x follow O, L-y or U-y;
        // I-x and L-x follow B-x or I-x. Ascending `from` with a strict comparison: ties go
        // to the lower tag, as over all pairs (a forbidden pair scores -inf, never best).
        for to in AFTER_CLOSED {
            for from in CLOSED {
                let v = previous[from] + transitions[from * NT + to];
                if v > best[to] {
                    best[to] = v;
                    arg[to] = from as u8;
                }
            }
        }
        for kind in 0..TYPE_NAMES.len() {
            for to in [tag_of(kind, I), tag_of(kind, L)] {
                for from in [tag_of(kind, B), tag_of(kind, I)] {
                    let v = previous[from] + transitions[from * NT + to];
                    if v > best[to] {
                        best[to] = v;
                        arg[to] = from as u8;
                    }
                }
            }
        }
        for to in 0..NT {
            rest[to] = best[to] + emissions[i * NT + to];
        }
        back[i * NT..(i + 1) * NT].copy_from_slice(&arg);
    }
    let last = &alpha[(m - 1) * NT..];
    let mut best = 0;
    for t in 1..NT {
        if last[t] + exit[t] > last[best] + exit[best] {
            best = t;
        }
    }
    let best_score = last[best] + exit[best];
    tags[m - 1] = best as u8;
    for i in (1..m).rev() {
        tags[i - 1] = back[i * NT + tags[i] as usize];
    }
    let Some(margins) = margins else { return };
    if tags.iter().all(|&t| t == 0) {
        return; // no name here: nothing to be confident about (margins stay 0)
    }
    beta.clear();
    beta.resize(m * NT, NEG);
    beta[(m - 1) * NT..].copy_from_slice(exit);
    for i in (0..m - 1).rev() {
        let (head, tail) = beta.split_at_mut((i + 1) * NT);
        let next = &tail[..NT];
        let e = &emissions[(i + 1) * NT..(i + 2) * NT];
        let ahead: [f32; NT] = std::array::from_fn(|to| e[to] + next[to]);
        // The best continuation over allowed transitions only (a max: order is free).
        for from in CLOSED {
            let mut b = NEG;
            for to in AFTER_CLOSED {
                b = b.max(transitions[from * NT + to] + ahead[to]);
            }
            head[i * NT + from] = b;
        }
        for kind in 0..TYPE_NAMES.len() {
            for from in [tag_of(kind, B), tag_of(kind, I)] {
                let mut b = NEG;
                for to in [tag_of(kind, I), tag_of(kind, L)] {
                    b = b.max(transitions[from * NT + to] + ahead[to]);
                }
                head[i * NT + from] = b;
            }
        }
    }
    for i in 0..m {
        margins[i] = (best_score - (alpha[i * NT] + beta[i * NT])).max(0.0);
    }
}

/// A trained model in its run-time form: an open-addressing table of feature hashes to
/// rows of quantised weights.
#[derive(Debug, Clone)]
pub struct Model {
    keys: Vec<u64>,
    rows: Vec<u32>,
    weights: Vec<i16>,
    scale: f32,
    pub transitions: Vec<f32>,
    pub start: Vec<f32>,
    /// `transitions` and `start` with the constraints folded in, for decoding.
    decode_transitions: Vec<f32>,
    decode_start: Vec<f32>,
}

impl Model {
    fn from_dense(
        features: Vec<(u64, [f32; NT])>,
        transitions: Vec<f32>,
        start: Vec<f32>,
    ) -> Model {
        let max = features
            .iter()
            .flat_map(|(_, w)| w.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let capacity = (features.len() * 2).next_power_of_two().max(16);
        let mut keys = vec![0u64; capacity];
        let mut rows = vec![0u32; capacity];
        let mut weights = Vec::with_capacity(features.len() * NT);
        for (row, (key, w)) in features.iter().enumerate() {
            let key = (*key).max(1);
            let mut slot = (key as usize) & (capacity - 1);
            while keys[slot] != 0 {
                slot = (slot + 1) & (capacity - 1);
            }
            keys[slot] = key;
            rows[slot] = row as u32;
            weights.extend(
                w.iter()
                    .map(|x| (x / scale).round().clamp(-32767.0, 32767.0) as i16),
            );
        }
        let (decode_transitions, decode_start) = constrained(&transitions, &start);
        Model {
            keys,
            rows,
            weights,
            scale,
            transitions,
            start,
            decode_transitions,
            decode_start,
        }
    }

    #[inline]
    fn row(&self, key: u64) -> Option<&[i16]> {
        let key = key.max(1);
        let mask = self.keys.len() - 1;
        let mut slot = (key as usize) & mask;
        loop {
            let k = self.keys[slot];
            if k == key {
                let r = self.rows[slot] as usize * NT;
                return Some(&self.weights[r..r + NT]);
            }
            if k == 0 {
                return None;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Emission scores for a sentence's tokens not marked outside into `out` (`NT` each).
    pub fn emissions(&self, feats: &SentenceFeatures, out: &mut Vec<f32>) {
        out.clear();
        for i in 0..feats.len() {
            if feats.is_outside(i) {
                continue;
            }
            let mut acc = [0i32; NT];
            for &f in feats.token(i) {
                if let Some(row) = self.row(f) {
                    for t in 0..NT {
                        acc[t] += i32::from(row[t]);
                    }
                }
            }
            out.extend(acc.iter().map(|&a| a as f32 * self.scale));
        }
    }

    /// Best tag sequence for a sentence.
    pub fn predict(&self, feats: &SentenceFeatures, scratch: &mut Scratch, out: &mut Vec<u8>) {
        self.decode(feats, scratch, out, None);
    }

    fn decode(
        &self,
        feats: &SentenceFeatures,
        scratch: &mut Scratch,
        out: &mut Vec<u8>,
        margins: Option<&mut Vec<f32>>,
    ) {
        let mut emissions = std::mem::take(&mut scratch.emissions);
        self.emissions(feats, &mut emissions);
        self.decode_emissions(&emissions, &feats.outside, scratch, out, margins);
        scratch.emissions = emissions;
    }

    /// Best tag sequence (and margins) for emission scores computed elsewhere
    /// (`PassTables`), under this model's transitions (see `decode`).
    pub fn decode_emissions(
        &self,
        emissions: &[f32],
        outside: &[bool],
        scratch: &mut Scratch,
        out: &mut Vec<u8>,
        margins: Option<&mut Vec<f32>>,
    ) {
        decode(
            emissions,
            outside,
            &self.decode_transitions,
            &self.decode_start,
            scratch,
            out,
            margins,
        );
    }

    pub fn num_features(&self) -> usize {
        self.weights.len() / NT
    }

    /// Serialise into `out`.
    pub fn write(&self, out: &mut Vec<u8>) {
        let mut entries: Vec<(u64, u32)> = self
            .keys
            .iter()
            .zip(&self.rows)
            .filter(|(k, _)| **k != 0)
            .map(|(k, r)| (*k, *r))
            .collect();
        entries.sort_by_key(|e| e.1);
        out.extend_from_slice(&(entries.len() as u64).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for (k, _) in &entries {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        for x in self.transitions.iter().chain(&self.start) {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }

    /// Read what `write` wrote.
    pub fn read(bytes: &mut &[u8]) -> Option<Model> {
        let n = take_u64(bytes)? as usize;
        let scale = f32::from_le_bytes(take(bytes, 4)?.try_into().ok()?);
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            keys.push(take_u64(bytes)?);
        }
        let raw = take(bytes, n * NT * 2)?;
        let weights: Vec<i16> = raw
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        let mut floats = Vec::with_capacity(NT * NT + NT);
        for _ in 0..NT * NT + NT {
            floats.push(f32::from_le_bytes(take(bytes, 4)?.try_into().ok()?));
        }
        let start = floats.split_off(NT * NT);
        let capacity = (n * 2).next_power_of_two().max(16);
        let mut table_keys = vec![0u64; capacity];
        let mut rows = vec![0u32; capacity];
        for (row, key) in keys.into_iter().enumerate() {
            let mut slot = (key as usize) & (capacity - 1);
            while table_keys[slot] != 0 {
                slot = (slot + 1) & (capacity - 1);
            }
            table_keys[slot] = key;
            rows[slot] = row as u32;
        }
        let (decode_transitions, decode_start) = constrained(&floats, &start);
        Some(Model {
            keys: table_keys,
            rows,
            weights,
            scale,
            transitions: floats,
            start,
            decode_transitions,
            decode_start,
        })
    }
}

/// Both passes' weights in one table, for tagging. Pass two's features are pass one's plus
/// a handful of vote features, so one probe per feature serves both passes: pass one sums
/// a feature's pass-one and pass-two rows side by side, and pass two only adds its vote
/// features to the second sum. Looking weights up is most of a tagger's time, and this
/// halves the probes and the cache lines they touch.
#[derive(Debug, Clone)]
pub struct PassTables {
    /// Open addressing with linear probing. A slot packs a feature hash's top 40 bits with
    /// its row + 1 in the low 24 bits; 0 is empty. (Two features whose hashes share those
    /// 40 bits and a probe run would be confused: about one lookup in 10^12.)
    slots: Vec<u64>,
    /// Per row: pass one's NT weights, then pass two's.
    weights: Vec<i16>,
    scale: [f32; 2],
}

const ROW_BITS: u32 = 24;

/// Ask the CPU to start loading `value`'s cache line (a hint: no effect on results).
#[inline(always)]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint that never faults; the address is a live reference.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (value as *const T).cast::<i8>(),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}
const ROW_MASK: u64 = (1 << ROW_BITS) - 1;

impl PassTables {
    /// `None` if the models hold more features than a slot can number.
    pub fn new(first: &Model, second: &Model) -> Option<PassTables> {
        // Rows in the order the models list their features (first pass, then the second's
        // own): no sort, which cost more than the rest of loading the tagger.
        let mut row_of: HashMap<u64, u32, PreHashedBuild> = HashMap::default();
        row_of.reserve(first.keys.len().max(second.keys.len()));
        let mut entries: Vec<(u64, [i16; 2 * NT])> = Vec::with_capacity(row_of.capacity());
        for (pass, model) in [first, second].into_iter().enumerate() {
            for (&key, &row) in model.keys.iter().zip(&model.rows) {
                if key == 0 {
                    continue;
                }
                let at = *row_of.entry(key).or_insert_with(|| {
                    entries.push((key, [0; 2 * NT]));
                    (entries.len() - 1) as u32
                });
                let r = row as usize * NT;
                entries[at as usize].1[pass * NT..(pass + 1) * NT]
                    .copy_from_slice(&model.weights[r..r + NT]);
            }
        }
        if entries.len() as u64 >= ROW_MASK {
            return None;
        }
        let capacity = (entries.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0u64; capacity];
        let mut weights = Vec::with_capacity(entries.len() * 2 * NT);
        for (row, (key, w)) in entries.iter().enumerate() {
            let mut slot = (*key as usize) & (capacity - 1);
            while slots[slot] != 0 {
                slot = (slot + 1) & (capacity - 1);
            }
            slots[slot] = (key & !ROW_MASK) | (row as u64 + 1);
            weights.extend_from_slice(w);
        }
        Some(PassTables {
            slots,
            weights,
            scale: [first.scale, second.scale],
        })
    }

    /// Where a feature's weights start in `weights`.
    #[inline]
    fn row_start(&self, key: u64) -> Option<usize> {
        let key = key.max(1);
        let mask = self.slots.len() - 1;
        let mut slot = (key as usize) & mask;
        loop {
            let s = self.slots[slot];
            if s == 0 {
                return None;
            }
            if (s ^ key) & !ROW_MASK == 0 {
                return Some(((s & ROW_MASK) - 1) as usize * 2 * NT);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Both passes' weights of a feature (keys as `Model` stores them: 0 is 1).
    #[inline]
    fn row(&self, key: u64) -> Option<&[i16]> {
        self.row_start(key).map(|r| &self.weights[r..r + 2 * NT])
    }

    /// Pass-one emission scores into `first` (`NT` per token not marked outside, as
    /// `Model::emissions`), and pass two's integer sums of the same features appended to
    /// `second_base` (`NT` per such token), for `second_pass`.
    ///
    /// A token's leading features that its word form alone decides
    /// (`SentenceFeatures::forms`) are summed once per form and kept in `memo`, which
    /// must belong to these tables (`FormSums::for_tables`); the sums are integers, so
    /// the scores are the same either way.
    pub fn first_pass(
        &self,
        feats: &SentenceFeatures,
        first: &mut Vec<f32>,
        second_base: &mut Vec<i32>,
        memo: &mut FormSums,
    ) {
        first.clear();
        let mut rows: Vec<usize> = Vec::with_capacity(64);
        for i in 0..feats.len() {
            if feats.is_outside(i) {
                continue;
            }
            let (form, form_features) = feats.form(i);
            let token = feats.token(i);
            let mut acc = [0i32; 2 * NT];
            let token = if form_features > 0 && form_features <= token.len() {
                let (own, rest) = token.split_at(form_features);
                acc = *memo.sum(form, || {
                    let mut sum = [0i32; 2 * NT];
                    for row in own.iter().filter_map(|&f| self.row(f)) {
                        for t in 0..2 * NT {
                            sum[t] += i32::from(row[t]);
                        }
                    }
                    sum
                });
                rest
            } else {
                token
            };
            // The lookups are cache misses, independent of each other: ask for every slot
            // first, then for every row found, then add, so the misses overlap.
            let mask = self.slots.len() - 1;
            for &f in token {
                prefetch(&self.slots[(f.max(1) as usize) & mask]);
            }
            rows.clear();
            for &f in token {
                if let Some(r) = self.row_start(f) {
                    prefetch(&self.weights[r]);
                    rows.push(r);
                }
            }
            for &r in &rows {
                let row = &self.weights[r..r + 2 * NT];
                for t in 0..2 * NT {
                    acc[t] += i32::from(row[t]);
                }
            }
            first.extend(acc[..NT].iter().map(|&a| a as f32 * self.scale[0]));
            second_base.extend_from_slice(&acc[NT..]);
        }
    }

    /// Pass-two emission scores: the sentence's `second_base` from `first_pass` plus the
    /// pass-two weights of the vote features in `votes` (same tokens scored).
    pub fn second_pass(&self, second_base: &[i32], votes: &SentenceFeatures, out: &mut Vec<f32>) {
        out.clear();
        let mut base = second_base.chunks_exact(NT);
        for i in 0..votes.len() {
            if votes.is_outside(i) {
                continue;
            }
            let mut acc = [0i32; NT];
            acc.copy_from_slice(
                base.next()
                    .expect("first_pass kept one row per token scored in both passes"),
            );
            for &f in votes.token(i) {
                if let Some(row) = self.row(f) {
                    for t in 0..NT {
                        acc[t] += i32::from(row[NT + t]);
                    }
                }
            }
            out.extend(acc.iter().map(|&a| a as f32 * self.scale[1]));
        }
    }
}

/// A tagging thread's pass-one and pass-two sums of the form-only feature rows of the
/// word forms it has scored (`PassTables::first_pass`): news repeats its words, and those
/// are about 18 of a scored token's 45 look-ups (BENCHMARKS.md).
#[derive(Default)]
pub struct FormSums {
    /// Which tables the sums are of (`for_tables`); 0: none yet.
    owner: u64,
    sums: HashMap<u64, [i32; 2 * NT], PreHashedBuild>,
}

/// Forms whose sums a thread keeps before it starts again (136 bytes each).
const FORM_SUMS: usize = 32_768;

impl FormSums {
    /// Keep sums for the tables that `owner` (a number unique to them) stands for, from
    /// now on: another owner's sums are dropped.
    pub fn for_tables(&mut self, owner: u64) {
        if self.owner != owner {
            self.sums.clear();
            self.owner = owner;
        }
    }

    /// The sums of `form`, computed by `compute` the first time.
    fn sum(&mut self, form: u64, compute: impl FnOnce() -> [i32; 2 * NT]) -> &[i32; 2 * NT] {
        if self.sums.len() >= FORM_SUMS && !self.sums.contains_key(&form) {
            self.sums.clear();
        }
        self.sums.entry(form).or_insert_with(compute)
    }
}

fn take<'a>(bytes: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    if bytes.len() < n {
        return None;
    }
    let (head, rest) = bytes.split_at(n);
    *bytes = rest;
    Some(head)
}

/// Weights per feature, transitions and start scores, before quantisation.
type DenseModel = (HashMap<u64, [f32; NT], PreHashedBuild>, Vec<f32>, Vec<f32>);

/// Structured perceptron training state with lazy averaging.
pub struct Trainer {
    index: HashMap<u64, u32, PreHashedBuild>,
    w: Vec<f32>,
    u: Vec<f32>,
    trans_w: Vec<f32>,
    trans_u: Vec<f32>,
    start_w: Vec<f32>,
    start_u: Vec<f32>,
    /// Number of examples seen (the averaging clock).
    c: f32,
}

impl Default for Trainer {
    fn default() -> Self {
        Trainer {
            index: HashMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            trans_w: vec![0.0; NT * NT],
            trans_u: vec![0.0; NT * NT],
            start_w: vec![0.0; NT],
            start_u: vec![0.0; NT],
            c: 1.0,
        }
    }
}

impl Trainer {
    fn emissions(&self, feats: &SentenceFeatures, out: &mut Vec<f32>) {
        out.clear();
        for i in 0..feats.len() {
            let mut acc = [0f32; NT];
            for f in feats.token(i) {
                if let Some(&row) = self.index.get(f) {
                    let r = row as usize * NT;
                    for (a, w) in acc.iter_mut().zip(&self.w[r..r + NT]) {
                        *a += w;
                    }
                }
            }
            out.extend_from_slice(&acc);
        }
    }

    fn bump(&mut self, feature: u64, tag: usize, delta: f32) {
        let next = self.index.len() as u32;
        let row = *self.index.entry(feature).or_insert(next) as usize;
        if row * NT >= self.w.len() {
            self.w.resize((row + 1) * NT, 0.0);
            self.u.resize((row + 1) * NT, 0.0);
        }
        self.w[row * NT + tag] += delta;
        self.u[row * NT + tag] += self.c * delta;
    }

    /// Train on one sentence; returns whether the prediction was wrong.
    pub fn learn(
        &mut self,
        feats: &SentenceFeatures,
        gold: &[u8],
        scratch: &mut Scratch,
        pred: &mut Vec<u8>,
    ) -> bool {
        self.learn_partial(feats, gold, None, scratch, pred)
    }

    /// `learn` for a sentence whose annotation does not mark type `unlabelled` (BTC has no
    /// MISC; WNUT-17's products are not CoNLL's MISC): a predicted name of that type over
    /// gold O tokens counts as correct, so the corpus neither teaches nor punishes it.
    pub fn learn_partial(
        &mut self,
        feats: &SentenceFeatures,
        gold: &[u8],
        unlabelled: Option<usize>,
        scratch: &mut Scratch,
        pred: &mut Vec<u8>,
    ) -> bool {
        let mut emissions = std::mem::take(&mut scratch.emissions);
        self.emissions(feats, &mut emissions);
        let (transitions, start) = constrained(&self.trans_w, &self.start_w);
        decode(&emissions, &[], &transitions, &start, scratch, pred, None);
        scratch.emissions = emissions;
        let completed;
        let gold = match unlabelled {
            Some(kind) => {
                completed = complete_unlabelled(gold, pred, kind);
                completed.as_slice()
            }
            None => gold,
        };
        let wrong = pred.as_slice() != gold;
        if wrong {
            for i in 0..gold.len() {
                let (g, p) = (gold[i] as usize, pred[i] as usize);
                if g != p {
                    for &f in feats.token(i) {
                        self.bump(f, g, 1.0);
                        self.bump(f, p, -1.0);
                    }
                }
                let (gp, pp) = if i == 0 {
                    (None, None)
                } else {
                    (Some(gold[i - 1] as usize), Some(pred[i - 1] as usize))
                };
                if (gp, g) != (pp, p) {
                    match gp {
                        None => {
                            self.start_w[g] += 1.0;
                            self.start_u[g] += self.c;
                        }
                        Some(prev) => {
                            self.trans_w[prev * NT + g] += 1.0;
                            self.trans_u[prev * NT + g] += self.c;
                        }
                    }
                    match pp {
                        None => {
                            self.start_w[p] -= 1.0;
                            self.start_u[p] -= self.c;
                        }
                        Some(prev) => {
                            self.trans_w[prev * NT + p] -= 1.0;
                            self.trans_u[prev * NT + p] -= self.c;
                        }
                    }
                }
            }
        }
        self.c += 1.0;
        wrong
    }

    /// The averaged weights: per feature, per tag; then transitions and start scores.
    fn averaged_dense(&self) -> DenseModel {
        let avg = |w: &[f32], u: &[f32]| -> Vec<f32> {
            w.iter().zip(u).map(|(w, u)| w - u / self.c).collect()
        };
        let mut features =
            HashMap::with_capacity_and_hasher(self.index.len(), PreHashedBuild::default());
        for (&key, &row) in &self.index {
            let r = row as usize * NT;
            let mut weights = [0f32; NT];
            for (x, (w, u)) in weights
                .iter_mut()
                .zip(self.w[r..r + NT].iter().zip(&self.u[r..r + NT]))
            {
                *x = w - u / self.c;
            }
            features.insert(key, weights);
        }
        (
            features,
            avg(&self.trans_w, &self.trans_u),
            avg(&self.start_w, &self.start_u),
        )
    }

    /// The averaged model, dropping features whose weights are all below `prune`.
    pub fn averaged(&self, prune: f32) -> Model {
        ensemble(std::slice::from_ref(self), prune)
    }
}

/// `gold` with every predicted name of type `kind` that lies wholly on gold O tokens
/// copied in (BILOU spans are self-contained, so the result stays a valid sequence).
fn complete_unlabelled(gold: &[u8], pred: &[u8], kind: usize) -> Vec<u8> {
    let mut out = gold.to_vec();
    let mut i = 0;
    while i < pred.len() {
        if entity_type(pred[i]) != Some(kind) || !matches!(position(pred[i] as usize), B | U) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        if position(pred[i] as usize) == B {
            while end < pred.len() && pred[end - 1] != 0 && position(pred[end - 1] as usize) != L {
                end += 1;
            }
        }
        if gold[i..end].iter().all(|&g| g == 0) {
            out[i..end].copy_from_slice(&pred[i..end]);
        }
        i = end;
    }
    out
}

/// The mean of several trainers' averaged models (trained on different example orders),
/// dropping features whose mean weights are all below `prune`.
pub fn ensemble(trainers: &[Trainer], prune: f32) -> Model {
    let m = trainers.len().max(1) as f32;
    let mut features: HashMap<u64, [f32; NT], PreHashedBuild> = HashMap::default();
    let mut transitions = vec![0f32; NT * NT];
    let mut start = vec![0f32; NT];
    for trainer in trainers {
        let (f, t, s) = trainer.averaged_dense();
        for (key, w) in f {
            let entry = features.entry(key).or_insert([0.0; NT]);
            for k in 0..NT {
                entry[k] += w[k] / m;
            }
        }
        transitions.iter_mut().zip(t).for_each(|(a, b)| *a += b / m);
        start.iter_mut().zip(s).for_each(|(a, b)| *a += b / m);
    }
    let mut kept: Vec<(u64, [f32; NT])> = features
        .into_iter()
        .filter(|(_, w)| w.iter().any(|x| x.abs() >= prune))
        .collect();
    kept.sort_by_key(|f| f.0);
    Model::from_dense(kept, transitions, start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn bilou_roundtrip_and_constraints() {
        let iob2 = names("B-PER I-PER I-PER O B-LOC B-LOC I-ORG O");
        let bilou = encode(&iob2);
        // B-PER I-PER L-PER O U-LOC U-LOC U-ORG (a stray I- starts an entity) O
        assert_eq!(bilou, vec![1, 2, 3, 0, 8, 8, 12, 0]);
        assert_eq!(
            decode_iob2(&bilou),
            names("B-PER I-PER I-PER O B-LOC B-LOC B-ORG O")
        );
        assert!(allowed(None, tag_of(0, B)) && allowed(None, tag_of(1, U)));
        assert!(!allowed(None, tag_of(0, I)) && !allowed(None, tag_of(0, L)));
        assert!(allowed(Some(tag_of(0, B)), tag_of(0, L)));
        assert!(!allowed(Some(tag_of(0, B)), tag_of(1, L)));
        assert!(!allowed(Some(tag_of(0, B)), 0));
        assert!(allowed(Some(tag_of(0, L)), 0));
        assert!(!allowed_end(tag_of(2, B)) && allowed_end(tag_of(2, U)));
    }

    #[test]
    fn unlabelled_type_is_filled_in_only_over_gold_outside_tokens() {
        let misc = 3;
        // Gold: PER, O, O, O, O. Predicted: PER, MISC over two O tokens, then a MISC name
        // that overlaps a gold LOC, and a LOC where gold has O.
        let gold = encode(&names("B-PER O O O B-LOC O"));
        let pred = encode(&names("B-PER B-MISC I-MISC B-MISC I-MISC B-LOC"));
        let completed = complete_unlabelled(&gold, &pred, misc);
        assert_eq!(
            decode_iob2(&completed),
            names("B-PER B-MISC I-MISC O B-LOC O")
        );
        // A corpus that marks every type is left as it is.
        assert_eq!(complete_unlabelled(&gold, &gold, misc), gold);
    }

    #[test]
    fn tag_spans_match_the_conll_reading_of_the_decoded_tags() {
        let (per, loc) = (0, 1);
        let tags: Vec<u8> = vec![
            tag_of(per, B),
            tag_of(per, L),
            0,
            tag_of(loc, U),
            tag_of(loc, U),
            tag_of(per, B),
            tag_of(per, I),
            tag_of(per, L),
            tag_of(loc, L), // stray, as an unconstrained decoder could produce
        ]
        .into_iter()
        .map(|t| t as u8)
        .collect();
        let expected: Vec<(usize, usize, usize)> =
            crate::entities::conll::spans(&decode_iob2(&tags))
                .into_iter()
                .map(|(s, e, k)| (s, e, TYPE_NAMES.iter().position(|n| *n == k).unwrap()))
                .collect();
        assert_eq!(tag_spans(&tags).to_vec(), expected);
        assert_eq!(expected.len(), 5);
    }

    #[test]
    fn the_zero_hash_bias_feature_is_found_before_and_after_saving() {
        // feat(0, 0), the bias, hashes to 0; a table that loses it shifts every score.
        let mut w = [0.0f32; NT];
        w[0] = 2.0;
        let model = Model::from_dense(
            vec![(0, w), (u64::MAX - 5, [1.0; NT])],
            vec![0.0; NT * NT],
            vec![0.0; NT],
        );
        let mut bytes = Vec::new();
        model.write(&mut bytes);
        let read = Model::read(&mut bytes.as_slice()).expect("roundtrip");
        for m in [&model, &read] {
            assert!(m.row(0).is_some_and(|r| r[0] > 0));
            assert!(m.row(u64::MAX - 5).is_some());
            assert!(m.row(12345).is_none());
        }
    }

    #[test]
    fn pass_tables_give_each_models_own_emissions() {
        // Pass one's features are numbered 0..40 (0 is the bias, whose hash is 0); pass two
        // also knows vote features 1000..1010; neither model knows every feature. Feature
        // ids are hashes, so numbers are spread over 64 bits as hashes are.
        let id = |k: u64| k.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let weights = |seed: u64| -> [f32; NT] {
            std::array::from_fn(|t| ((seed * 31 + t as u64 * 7) % 19) as f32 - 9.0)
        };
        let first = Model::from_dense(
            (0..40)
                .filter(|k| k % 7 != 3)
                .map(|k| (id(k), weights(k)))
                .collect(),
            vec![0.0; NT * NT],
            vec![0.0; NT],
        );
        let second = Model::from_dense(
            (0..40)
                .chain(1000..1010)
                .filter(|k| k % 5 != 1)
                .map(|k| (id(k), weights(k + 100)))
                .collect(),
            vec![0.0; NT * NT],
            vec![0.0; NT],
        );
        let tables = PassTables::new(&first, &second).expect("small models");
        let sentence = |tokens: &[Vec<u64>], outside: Vec<bool>| {
            let mut offsets = vec![0];
            for t in tokens {
                offsets.push(offsets.last().unwrap() + t.len());
            }
            SentenceFeatures {
                offsets,
                feats: tokens.concat().into_iter().map(id).collect(),
                outside,
                forms: Vec::new(),
            }
        };
        let base = [vec![0, 1, 2, 3, 39], vec![], vec![0, 5, 8, 13, 21, 34]];
        let votes = [vec![1000, 1001], vec![], vec![1003, 1009, 77]];
        let outside = vec![false, true, false];
        let both: Vec<Vec<u64>> = base
            .iter()
            .zip(&votes)
            .map(|(b, v)| [b.clone(), v.clone()].concat())
            .collect();

        let (mut expected, mut got) = (Vec::new(), Vec::new());
        let mut second_base = Vec::new();
        let mut memo = FormSums::default();
        memo.for_tables(1);
        tables.first_pass(
            &sentence(&base, outside.clone()),
            &mut got,
            &mut second_base,
            &mut memo,
        );
        first.emissions(&sentence(&base, outside.clone()), &mut expected);
        assert_eq!(got, expected);
        assert_eq!(second_base.len(), 2 * NT, "one row per scored token");
        // The same with leading features marked as their forms' own: summed once per
        // form, then taken from the memo (the second round), the scores do not change.
        let mut marked = sentence(&base, outside.clone());
        marked.forms = vec![(7, 3), (0, 0), (8, 2)];
        for _ in 0..2 {
            let mut marked_base = Vec::new();
            tables.first_pass(&marked, &mut got, &mut marked_base, &mut memo);
            assert_eq!(got, expected);
            assert_eq!(marked_base, second_base);
        }
        assert_eq!(memo.sums.len(), 2, "one sum per form");
        tables.second_pass(&second_base, &sentence(&votes, outside.clone()), &mut got);
        second.emissions(&sentence(&both, outside), &mut expected);
        assert_eq!(got, expected);
        assert!(expected.iter().any(|&e| e != 0.0 && e.is_finite()));
    }

    #[test]
    fn viterbi_respects_constraints() {
        // Emissions prefer I-PER everywhere, which cannot start or end a sentence.
        let mut e = vec![0.0; 2 * NT];
        e[tag_of(0, I)] = 5.0;
        e[tag_of(0, B)] = 1.0;
        e[NT + tag_of(0, I)] = 5.0;
        e[NT + tag_of(0, L)] = 1.0;
        let mut out = Vec::new();
        let (t, st) = constrained(&[0.0; NT * NT], &[0.0; NT]);
        decode(&e, &[], &t, &st, &mut Scratch::default(), &mut out, None);
        assert_eq!(out, vec![tag_of(0, B) as u8, tag_of(0, L) as u8]);
    }

    #[test]
    fn the_allowed_transition_lists_are_exactly_allowed() {
        for from in 0..NT {
            for to in 0..NT {
                let listed = (CLOSED.contains(&from) && AFTER_CLOSED.contains(&to))
                    || (from != 0
                        && matches!(position(from), B | I)
                        && to != 0
                        && entity_type(to as u8) == entity_type(from as u8)
                        && matches!(position(to), I | L));
                assert_eq!(listed, allowed(Some(from), to), "{from} -> {to}");
            }
        }
    }

    /// Viterbi over every pair of tags, as decoding was before it kept to allowed pairs.
    fn viterbi_over_all_pairs(e: &[f32], t: &[f32], start: &[f32]) -> Vec<u8> {
        let m = e.len() / NT;
        let mut alpha: Vec<f32> = (0..NT).map(|to| start[to] + e[to]).collect();
        let mut back = vec![[0u8; NT]; m];
        for i in 1..m {
            let mut next = [f32::NEG_INFINITY; NT];
            for from in 0..NT {
                for to in 0..NT {
                    let v = alpha[from] + t[from * NT + to];
                    if v > next[to] {
                        next[to] = v;
                        back[i][to] = from as u8;
                    }
                }
            }
            alpha = (0..NT).map(|to| next[to] + e[i * NT + to]).collect();
        }
        let end = |tag: usize| {
            if allowed_end(tag) {
                0.0
            } else {
                f32::NEG_INFINITY
            }
        };
        let mut best = 0;
        for tag in 1..NT {
            if alpha[tag] + end(tag) > alpha[best] + end(best) {
                best = tag;
            }
        }
        let mut tags = vec![best as u8; m];
        for i in (1..m).rev() {
            tags[i - 1] = back[i][tags[i] as usize];
        }
        tags
    }

    /// Tags and margins of one decode with fresh scratch space.
    fn decode_with_margins(
        e: &[f32],
        outside: &[bool],
        t: &[f32],
        st: &[f32],
    ) -> (Vec<u8>, Vec<f32>) {
        let (mut tags, mut margins) = (Vec::new(), Vec::new());
        decode(
            e,
            outside,
            t,
            st,
            &mut Scratch::default(),
            &mut tags,
            Some(&mut margins),
        );
        (tags, margins)
    }

    #[test]
    fn decoding_over_allowed_pairs_matches_all_pairs_ties_included() {
        // Small integer scores make ties common: they must go the same way.
        let mut seed = 12345u64;
        let mut next = move |range: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % range) as f32 - (range / 2) as f32
        };
        for _ in 0..300 {
            let raw_t: Vec<f32> = (0..NT * NT).map(|_| next(5)).collect();
            let raw_s: Vec<f32> = (0..NT).map(|_| next(5)).collect();
            let (t, st) = constrained(&raw_t, &raw_s);
            let m = 1 + (next(8) + 4.0) as usize;
            let e: Vec<f32> = (0..m * NT).map(|_| next(7)).collect();
            let expected = viterbi_over_all_pairs(&e, &t, &st);
            let (tags, margins) = decode_with_margins(&e, &[], &t, &st);
            assert_eq!(tags, expected);
            assert!(margins.iter().all(|&x| x >= 0.0 && x.is_finite()));
        }
    }

    #[test]
    fn outside_tokens_decode_like_a_hugely_negative_row() {
        // Decoding stretch by stretch between outside tokens (their rows left out) must
        // give what whole-sentence decoding gives when every other tag of those tokens is
        // (practically) impossible.
        let n = 6;
        let mut general = vec![0.0f32; n * NT];
        for (i, e) in general.iter_mut().enumerate() {
            *e = ((i * 7919) % 23) as f32 - 11.0;
        }
        let outside: Vec<bool> = (0..n).map(|i| [1, 4, 5].contains(&i)).collect();
        let mut compact = Vec::new();
        for i in 0..n {
            let row = &mut general[i * NT..(i + 1) * NT];
            if outside[i] {
                row[0] = 0.0;
                row[1..].iter_mut().for_each(|x| *x = -1e6);
            } else {
                compact.extend_from_slice(row);
            }
        }
        let transitions: Vec<f32> = (0..NT * NT).map(|i| ((i * 31) % 7) as f32 - 3.0).collect();
        let (t, st) = constrained(&transitions, &[0.5; NT]);
        let (tags_general, margins_general) = decode_with_margins(&general, &[], &t, &st);
        let (tags_shortcut, margins_shortcut) = decode_with_margins(&compact, &outside, &t, &st);
        assert_eq!(tags_shortcut.len(), n);
        assert_eq!(tags_general, tags_shortcut);
        assert!(tags_shortcut.iter().any(|&t| t != 0), "{tags_shortcut:?}");
        assert_eq!(
            [tags_shortcut[1], tags_shortcut[4], tags_shortcut[5]],
            [0, 0, 0]
        );
        for (a, b) in margins_general.iter().zip(&margins_shortcut) {
            assert!(
                (a - b).abs() < 1e-3,
                "{margins_general:?} vs {margins_shortcut:?}"
            );
        }
    }

    #[test]
    fn margins_are_zero_outside_names_and_positive_inside() {
        let mut e = vec![0.0; 2 * NT];
        e[0] = 1.0; // token 0 prefers O
        e[NT + tag_of(1, U)] = 3.0; // token 1 prefers U-LOC by 3
        let (t, st) = constrained(&[0.0; NT * NT], &[0.0; NT]);
        let (_, margins) = decode_with_margins(&e, &[], &t, &st);
        assert_eq!(margins[0], 0.0);
        assert!((margins[1] - 3.0).abs() < 1e-6, "{margins:?}");
    }

    #[test]
    fn learns_a_toy_problem_and_roundtrips() {
        let feats = SentenceFeatures {
            offsets: vec![0, 1, 2, 3],
            feats: vec![11, 22, 33],
            outside: Vec::new(),
            forms: Vec::new(),
        };
        let gold = vec![1u8, 3, 0];
        let mut t = Trainer::default();
        let (mut s, mut p) = (Scratch::default(), Vec::new());
        for _ in 0..5 {
            t.learn(&feats, &gold, &mut s, &mut p);
        }
        let model = t.averaged(0.0);
        model.predict(&feats, &mut s, &mut p);
        assert_eq!(p, gold);
        let mut bytes = Vec::new();
        model.write(&mut bytes);
        let back = Model::read(&mut bytes.as_slice()).unwrap();
        back.predict(&feats, &mut s, &mut p);
        assert_eq!(p, gold);
    }
}
