//! The trained named-entity recogniser: a two-pass averaged perceptron with lexicon and
//! document-level features, its training procedure, and its `Tagger` implementation.
//!
//! Pass one tags every sentence of a document; pass two sees, for each word, how pass one
//! tagged the same word elsewhere in the document (so "Kirby" alone inherits the PER of
//! "John Kirby", and a Reuters ALL-CAPS headline inherits the body's decisions). Training
//! jackknifes both the lexicon and the pass-one votes over folds of the training documents,
//! so pass two learns to trust them only as much as they deserve on unseen text.
//!
//! Owns the model file format (deflate-compressed, embedded in the binary) and the mapping
//! from predicted spans back to text. It must not normalise or link names (`normalize` does).

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::io::{Read, Write};
use std::sync::OnceLock;

use super::conll::{self, Document, Score};
use super::features::{DocContext, Extractor, Lexicon, Prepared, SentenceFeatures, count_case};
use super::perceptron::{self, FormSums, Model, PassTables, Scratch, Trainer, decode_iob2, encode};
use super::tokenize;
use super::{Mention, Tagger};
use crate::article::EntityKind;

const MAGIC: &[u8; 8] = b"NDXNER06";

/// The model shipped inside the binary: `models/ner.bin.gz` (made by `train-ner`, see
/// README) as build.rs inflated it, so runs do not spend ~9 ms inflating it again.
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ner.bin"));

/// Reusable tagging buffers (see `NerModel::tag_document_scored`).
#[derive(Default)]
struct TagBuffers {
    ex: Extractor,
    prepared: Vec<Prepared>,
    feats: SentenceFeatures,
    scratch: Scratch,
    emissions: Vec<f32>,
    /// Pass two's sums of the base features, for every sentence of the document.
    second_base: Vec<i32>,
    ctx: DocContext,
    form_sums: FormSums,
}

thread_local! {
    static TAG_BUFFERS: std::cell::RefCell<TagBuffers> = std::cell::RefCell::default();
}

/// The two-pass tagger.
pub struct NerModel {
    lexicon: Lexicon,
    /// Stands for this model's lexicon in the per-thread word memory
    /// (`Extractor::remember_words`): unique per model, and the lexicon never changes.
    id: u64,
    pub first: Model,
    pub second: Model,
    /// Both models' weights in the form tagging reads them.
    tables: PassTables,
}

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("model file is not a newsdex NER model (or is damaged)")]
    Format,
    #[error("model file: {0}")]
    Io(#[from] std::io::Error),
}

impl NerModel {
    /// The embedded model, decoded on first use.
    pub fn embedded() -> &'static NerModel {
        static MODEL: OnceLock<NerModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            NerModel::from_raw(EMBEDDED)
                .expect("the embedded NER model is written by train-ner and checked by tests")
        })
    }

    /// A model as `to_compressed` wrote it (the format of `models/ner.bin.gz`).
    pub fn from_compressed(bytes: &[u8]) -> Result<NerModel, ModelError> {
        let mut raw = Vec::new();
        flate2::read::DeflateDecoder::new(bytes).read_to_end(&mut raw)?;
        NerModel::from_raw(&raw)
    }

    /// A model from the inflated bytes of `models/ner.bin.gz`.
    pub fn from_raw(raw: &[u8]) -> Result<NerModel, ModelError> {
        let mut rest = raw;
        if rest.len() < 8 || &rest[..8] != MAGIC {
            return Err(ModelError::Format);
        }
        rest = &rest[8..];
        let lexicon = Lexicon::read(&mut rest).ok_or(ModelError::Format)?;
        let first = Model::read(&mut rest).ok_or(ModelError::Format)?;
        let second = Model::read(&mut rest).ok_or(ModelError::Format)?;
        NerModel::new(lexicon, first, second).ok_or(ModelError::Format)
    }

    /// `None` if the models are too large to tag with (over 16 million features).
    pub fn new(lexicon: Lexicon, first: Model, second: Model) -> Option<NerModel> {
        let tables = PassTables::new(&first, &second)?;
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Some(NerModel {
            lexicon,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            first,
            second,
            tables,
        })
    }

    /// The names and case priors the model was trained with (fixed for its life).
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn to_compressed(&self) -> Result<Vec<u8>, ModelError> {
        let mut raw = MAGIC.to_vec();
        self.lexicon.write(&mut raw);
        self.first.write(&mut raw);
        self.second.write(&mut raw);
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&raw)?;
        Ok(enc.finish()?)
    }

    /// Tag one document given as sentences of tokens; returns tag indices per sentence.
    pub fn tag_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<u8>> {
        self.tag_document_passes(sentences, true)
    }

    /// Tag with pass one only (`second_pass == false`), for diagnostics.
    pub fn tag_document_passes<S: AsRef<str>>(
        &self,
        sentences: &[Vec<S>],
        second_pass: bool,
    ) -> Vec<Vec<u8>> {
        self.tag_document_scored(sentences, second_pass)
            .into_iter()
            .map(|(tags, _)| tags)
            .collect()
    }

    /// Tags per sentence with each token's margin against being tagged O (see
    /// `perceptron::decode` and `span_confidence`).
    pub fn tag_document_scored<T: AsRef<[S]>, S: AsRef<str>>(
        &self,
        sentences: &[T],
        second_pass: bool,
    ) -> Vec<(Vec<u8>, Vec<f32>)> {
        // Buffers live per thread and are reused from document to document: tagging
        // allocates only its results and the document's context.
        let mut buffers = TAG_BUFFERS.with(|b| std::mem::take(&mut *b.borrow_mut()));
        let TagBuffers {
            ex,
            prepared,
            feats,
            scratch,
            emissions,
            second_base,
            ctx,
            form_sums,
        } = &mut buffers;
        ex.gate = true;
        ex.remember_words(self.id);
        form_sums.for_tables(self.id);
        // Everything that depends only on a sentence's tokens is computed once, for both
        // passes.
        if prepared.len() < sentences.len() {
            prepared.resize_with(sentences.len(), Prepared::default);
        }
        let prepared = &mut prepared[..sentences.len()];
        let mut toks: Vec<&str> = Vec::new();
        for (s, p) in sentences.iter().zip(prepared.iter_mut()) {
            toks.clear();
            toks.extend(s.as_ref().iter().map(|t| t.as_ref()));
            ex.prepare(&toks, &self.lexicon, p);
        }
        let prepared = &*prepared;
        ctx.reset_from_prepared(sentences, prepared);
        // Pass one. Its feature lookups also give pass two's sums of the same features
        // (`PassTables`), kept per sentence in `second_base`.
        let mut first_pass = Vec::with_capacity(prepared.len());
        second_base.clear();
        let mut base_starts = Vec::with_capacity(prepared.len() + 1);
        for p in prepared {
            ex.features(p, ctx, feats);
            base_starts.push(second_base.len());
            self.tables
                .first_pass(feats, emissions, second_base, form_sums);
            let (mut tags, mut margins) = (Vec::new(), Vec::new());
            // Margins are only needed from the pass whose tags are returned.
            let want = (!second_pass).then_some(&mut margins);
            self.first
                .decode_emissions(emissions, &feats.outside, scratch, &mut tags, want);
            first_pass.push((tags, margins));
        }
        base_starts.push(second_base.len());
        let result = if second_pass {
            for (p, (tags, _)) in prepared.iter().zip(&first_pass) {
                ctx.add_votes_prepared(p, tags);
            }
            prepared
                .iter()
                .enumerate()
                .map(|(s, p)| {
                    ex.vote_features(p, ctx, feats);
                    let base = &second_base[base_starts[s]..base_starts[s + 1]];
                    self.tables.second_pass(base, feats, emissions);
                    let (mut tags, mut margins) = (Vec::new(), Vec::new());
                    self.second.decode_emissions(
                        emissions,
                        &feats.outside,
                        scratch,
                        &mut tags,
                        Some(&mut margins),
                    );
                    (tags, margins)
                })
                .collect::<Vec<_>>()
        } else {
            first_pass
        };
        let mut result = result;
        if second_pass {
            Self::consistent_names(sentences, &mut result, Fill::Untagged);
            let before: Vec<Vec<u8>> = result.iter().map(|(t, _)| t.clone()).collect();
            let mut tags: Vec<&mut Vec<u8>> = result.iter_mut().map(|(t, _)| t).collect();
            super::after_decoding(sentences, &mut tags);
            // A name the joins made from untagged words counts as just confident enough.
            for ((tags, margins), before) in result.iter_mut().zip(&before) {
                for ((tag, margin), was) in tags.iter().zip(margins.iter_mut()).zip(before) {
                    if *was == 0 && *tag != 0 {
                        *margin = margin.max(MIN_CONFIDENCE);
                    }
                }
            }
        }
        TAG_BUFFERS.with(|b| *b.borrow_mut() = buffers);
        result
    }

    /// One name, one reading within a document: a name of two or more tokens that the tagger
    /// found somewhere keeps the type most of its tagged occurrences have wherever the same
    /// tokens (as written) are partly tagged or tagged otherwise, so "Kim Jong" + "Un" (LOC)
    /// becomes the person "Kim Jong Un" found elsewhere in the article; a one-word name takes
    /// the type most of its occurrences have (a majority, two at least; a person, place or
    /// organisation) where it is tagged as another of those ("Dräger" PER once, ORG twice).
    /// An occurrence inside a longer name ("New York" in "New York Stock Exchange") and one
    /// tagged all O are left alone. Rewritten tokens take the weakest margin of the name's
    /// best occurrence.
    pub(super) fn consistent_names<T: AsRef<[S]>, S: AsRef<str>>(
        sentences: &[T],
        tagged: &mut [(Vec<u8>, Vec<f32>)],
        fill_untagged: Fill,
    ) {
        use super::perceptron::{entity_type, tag_spans, write_span};
        // Name (tokens) -> (occurrences per type, best weakest margin per type).
        let mut names: FxHashMap<Vec<&str>, ([u32; 4], [f32; 4])> = FxHashMap::default();
        for (sentence, (tags, margins)) in sentences.iter().zip(tagged.iter()) {
            let tokens = sentence.as_ref();
            for (start, end, kind) in tag_spans(tags) {
                if tokens.len() < end {
                    continue;
                }
                let weakest = margins[start..end]
                    .iter()
                    .copied()
                    .fold(f32::INFINITY, f32::min);
                let key: Vec<&str> = tokens[start..end].iter().map(|t| t.as_ref()).collect();
                let entry = names.entry(key).or_insert(([0; 4], [f32::NEG_INFINITY; 4]));
                entry.0[kind] += 1;
                entry.1[kind] = entry.1[kind].max(weakest);
            }
        }
        // Each name's type: a strict plurality of its tagged occurrences.
        // First token -> (name, its type, the weakest margin of its best occurrence).
        // Words written in lower case somewhere in the document: a capitalised one of those
        // is a common word at the start of a sentence or title as often as a name ("The").
        // Only filling reads them, so the accurate tier does not collect them.
        // Built on first use: most documents have no one-word name to fill.
        let mut lower_case: Option<FxHashSet<&str>> = None;
        // A one-token name is only filled in where it was left untagged (`fills`).
        type Reading<'a> = (&'a [&'a str], usize, f32, bool, bool);
        let mut chosen: FxHashMap<&str, Vec<Reading>> = FxHashMap::default();
        for (key, (counts, margins)) in &names {
            let best = (0..4).max_by_key(|&k| counts[k]).unwrap_or(0);
            if counts
                .iter()
                .enumerate()
                .any(|(k, &c)| k != best && c == counts[best])
            {
                continue;
            }
            let fills = fill_untagged == Fill::Untagged
                && counts[best] >= FILL_MIN_TAGGED
                && key.iter().any(has_capital)
                && !(key.len() == 1
                    && lower_case
                        .get_or_insert_with(|| {
                            sentences
                                .iter()
                                .flat_map(|s| s.as_ref().iter().map(|t| t.as_ref()))
                                .filter(|t| t.starts_with(char::is_lowercase))
                                .collect()
                        })
                        .contains(key[0].to_lowercase().as_str()));
            // A one-word name tagged mostly one way ("Dräger" ORG three times, PER twice)
            // takes that type wherever it is tagged otherwise.
            let others: u32 = counts.iter().sum::<u32>() - counts[best];
            // Not to or from MISC: products and works the tagger mostly reads as companies
            // ("Xbox", "Vioxx") would spread that reading.
            let retypes_one_word = key.len() == 1
                && best != perceptron::MISC
                && counts[best] >= 2
                && counts[best] > others;
            if key.len() < 2 && !fills && !retypes_one_word {
                continue;
            }
            chosen.entry(key[0]).or_default().push((
                key.as_slice(),
                best,
                margins[best],
                fills,
                retypes_one_word,
            ));
        }
        if chosen.is_empty() {
            return;
        }
        // Longest first: "Kim Jong Un" before "Kim Jong".
        for candidates in chosen.values_mut() {
            candidates.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
        }
        for (sentence, (tags, margins)) in sentences.iter().zip(tagged.iter_mut()) {
            let tokens = sentence.as_ref();
            let n = tokens.len().min(tags.len());
            let mut i = 0;
            while i < n {
                let mut advanced = false;
                if let Some(candidates) = chosen.get(tokens[i].as_ref()) {
                    for &(name, kind, margin, fills, retypes_one_word) in candidates {
                        let end = i + name.len();
                        if end > n
                            || !name
                                .iter()
                                .zip(&tokens[i..end])
                                .all(|(a, b)| *a == b.as_ref())
                        {
                            continue;
                        }
                        let spans = tag_spans(&tags[..n]);
                        let inside = spans
                            .iter()
                            .filter(|&&(s, e, _)| s < end && i < e)
                            .all(|&(s, e, _)| i <= s && e <= end);
                        let exact = spans.contains(&(i, end, kind));
                        let any_tagged = tags[i..end].iter().any(|&t| entity_type(t).is_some());
                        // A tagged occurrence of a multi-word name, or a one-word name's
                        // person, place or organisation occurrence: retyped if it differs.
                        let one_word_named = retypes_one_word
                            && spans
                                .iter()
                                .any(|&(s, e, k)| s == i && e == end && k != perceptron::MISC);
                        let settled = inside && any_tagged && (name.len() >= 2 || one_word_named);
                        let retype = settled && !exact;
                        let fill = fills
                            && i > 0
                            && !any_tagged
                            && stands_alone(tokens, &tags[..n], i, end);
                        if retype || fill {
                            write_span(&mut tags[i..end], kind);
                            for m in &mut margins[i..end] {
                                *m = margin;
                            }
                        }
                        if settled || fill {
                            i = end;
                            advanced = true;
                            break;
                        }
                    }
                }
                if !advanced {
                    i += 1;
                }
            }
        }
    }

    /// Score on CoNLL documents keeping only names whose confidence is at least `threshold`.
    pub fn evaluate_confident(&self, docs: &[Document], threshold: f32) -> Score {
        let mut score = Score::default();
        for doc in docs {
            let sentences: Vec<Vec<&str>> = doc
                .sentences
                .iter()
                .map(|s| s.tokens.iter().map(String::as_str).collect())
                .collect();
            for (s, (tags, margins)) in doc
                .sentences
                .iter()
                .zip(self.tag_document_scored(&sentences, true))
            {
                score.add(&s.tags, &drop_unconfident(&tags, &margins, threshold));
            }
        }
        score
    }

    /// Tag CoNLL documents and score them against their gold tags.
    pub fn evaluate(&self, docs: &[Document]) -> Score {
        self.evaluate_passes(docs, true)
    }

    pub fn evaluate_passes(&self, docs: &[Document], second_pass: bool) -> Score {
        let mut score = Score::default();
        for doc in docs {
            let sentences: Vec<&Vec<String>> = doc.sentences.iter().map(|s| &s.tokens).collect();
            let owned: Vec<Vec<&str>> = sentences
                .iter()
                .map(|s| s.iter().map(String::as_str).collect())
                .collect();
            let predicted = self.tag_document_passes(&owned, second_pass);
            for (s, p) in doc.sentences.iter().zip(predicted) {
                let p = decode_iob2(&p);
                score.add(&s.tags, &p);
            }
        }
        score
    }
}

/// How sure the tagger is that a span is a name at all: its strongest token's margin. (The
/// weakest token's margin measures where the name ends: "Ankit Panda" forced to end after
/// "Ankit" costs little, though both words are surely a name.)
pub fn span_confidence(margins: &[f32]) -> f32 {
    margins.iter().copied().fold(0.0, f32::max)
}

/// IOB2 tags with names whose confidence (`span_confidence`) is below `threshold` set to O.
pub fn drop_unconfident(tags: &[u8], margins: &[f32], threshold: f32) -> Vec<String> {
    let mut names = decode_iob2(tags);
    for (start, end, _) in conll::spans(&names.clone()) {
        let confidence = span_confidence(&margins[start..end]);
        if confidence < threshold {
            for tag in &mut names[start..end] {
                *tag = "O".to_string();
            }
        }
    }
    names
}

/// The run-time tagger over the embedded model. The model is loaded when the first
/// document is tagged (about 10 ms), so a caller can start it early on another thread
/// (`NerModel::embedded`) and read its input meanwhile.
pub struct NerTagger;

/// A name is kept only if at least one of its mentions in the article has a confidence
/// (`span_confidence`, in summed-weight units; names the tagger is sure of score 50-300) of
/// at least this much. On valid.txt, dropping mentions below 10 moves F1 92.69 -> 92.66
/// and precision 92.83% -> 92.94%; keeping a name when any one mention passes is gentler
/// still. Higher cuts trade recall for precision (30: P 93.7%, R 91.3%). It removes
/// low-evidence noise such as a stray "ICBM" (8.4).
pub const MIN_CONFIDENCE: f32 = 10.0;

/// Text of one article part beyond this is not tagged (a 60 MB log file named .txt should
/// not hold gigabytes of tagger state); news articles are far shorter.
pub const MAX_TAGGED_BYTES: usize = 1 << 20;

/// Longer "sentences" (tables, run-on text without punctuation) are tagged in pieces.
pub const MAX_SENTENCE_TOKENS: usize = 250;

/// Nouns that make the capitalised word before them (with up to three lowercase words
/// between) the name of a product, weapon or
/// disease ("the Hwasong missile", "the Covid pandemic"), not a person or place, though a
/// tagger trained on 1996 newswire guesses a place. Organisations keep their type ("the
/// Pfizer vaccine").
const PRODUCT_HEADS: &[&str] = &[
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "pandemic",
    "epidemic",
    "virus",
    "vaccine",
    "vaccines",
    "variant",
    "variants",
    "subvariant",
    "subvariants",
    "strain",
    "jet",
    "jets",
    "drone",
    "drones",
    "tank",
    "tanks",
    "smartphone",
    "phone",
    "console",
    "app",
    "software",
    "chip",
    "chips",
    "rifle",
    "rifles",
    "warhead",
];

/// Whether the words after a name make it a product's: a head noun of `PRODUCT_HEADS`
/// within the next four words, with only modifiers between ("the Hwasong intercontinental
/// ballistic missile"). A function word or a verb ends the noun phrase, so "Tim Cook said
/// the phone" and "Jensen Huang unveiled a new chip" keep their person.
fn names_a_product(after: &[tokenize::Token]) -> bool {
    for token in after.iter().take(4) {
        let word = token.text;
        if PRODUCT_HEADS.contains(&word) {
            return true;
        }
        // A past tense or third-person verb ("unveiled", "unveils") ends the phrase too.
        let verb_like = word.ends_with("ed")
            || (word.len() > 3 && word.ends_with('s') && !word.ends_with("ss"));
        let lowercase = word.chars().all(|c| c.is_lowercase() || c == '-');
        if !lowercase || verb_like || NOT_MODIFIERS.contains(&word) {
            return false;
        }
    }
    false
}

/// Lower-case words that cannot stand between a name and its product's head noun.
const NOT_MODIFIERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "to", "of", "in", "on", "at", "for", "with", "by", "from", "about", "and", "or", "but",
    "as", "than", "is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would",
    "could", "should", "may", "might", "can", "do", "did", "does", "not", "say", "says", "said",
    "told", "tells", "who", "which", "whose", "when", "after", "before", "if", "while", "because",
    "made", "make", "makes", "won", "wins", "got", "gets", "sold", "sells", "bought", "buys",
    "took", "takes", "gave", "gives", "put", "let", "set",
];

/// The tokens of a document's parts, its sentences as token ranges, and the part each
/// sentence came from; token offsets stay relative to their part. Memory stays bounded on
/// huge or unpunctuated input: each part is read up to MAX_TAGGED_BYTES, and sentences are
/// cut at MAX_SENTENCE_TOKENS. Both taggers read their input this way.
pub(crate) fn document_sentences<'a>(
    parts: &[&'a str],
) -> (Vec<tokenize::Token<'a>>, Vec<(usize, usize)>, Vec<usize>) {
    let mut tokens = Vec::new();
    let mut ends = Vec::new();
    let mut sentences = Vec::new();
    let mut origin = Vec::new();
    for (p, part) in parts.iter().enumerate() {
        let mut end = part.len().min(MAX_TAGGED_BYTES);
        while !part.is_char_boundary(end) {
            end -= 1;
        }
        let first = tokens.len();
        ends.clear();
        tokenize::sentences_into(&part[..end], &mut tokens, &mut ends);
        let mut start = first;
        for &end in &ends {
            while start < end {
                let piece_end = (start + MAX_SENTENCE_TOKENS).min(end);
                sentences.push((start, piece_end));
                origin.push(p);
                start = piece_end;
            }
        }
    }
    (tokens, sentences, origin)
}

impl Tagger for NerTagger {
    fn tier(&self) -> Option<super::Tier> {
        Some(super::Tier::Fast)
    }

    fn mentions(&self, parts: &[&str]) -> Vec<Mention> {
        // All parts form one document, so pass two sees every mention of a word.
        let (tokens, sentences, origin) = document_sentences(parts);
        let slices: Vec<&[tokenize::Token]> =
            sentences.iter().map(|&(a, b)| &tokens[a..b]).collect();
        let tagged = NerModel::embedded().tag_document_scored(&slices, true);
        // (mention, its confidence, its name's folded key)
        let mut found: Vec<(Mention, f32, String)> = Vec::new();
        let all_spans: Vec<Vec<(usize, usize, &str)>> = tagged
            .iter()
            .map(|(tags, _)| {
                perceptron::tag_spans(tags)
                    .into_iter()
                    .map(|(start, end, kind)| (start, end, perceptron::TYPE_NAMES[kind]))
                    .collect()
            })
            .collect();
        let teams = super::teams::team_names(&slices, &all_spans);
        for (((sentence, (_, margins)), &p), spans) in
            slices.iter().zip(&tagged).zip(&origin).zip(&all_spans)
        {
            let parties = super::party_adjectives(sentence, spans);
            for &(start, end) in &parties {
                let text = &parts[p][sentence[start].start..sentence[end - 1].end];
                // Rule-made: as sure as the least a kept name needs.
                found.push((
                    Mention::new(text, EntityKind::Org),
                    MIN_CONFIDENCE,
                    super::fold_key(text),
                ));
            }
            for (at, (a, b)) in super::untagged_short_forms(sentence, spans) {
                let full = &parts[p][sentence[a].start..sentence[b - 1].end];
                found.push((
                    Mention {
                        short_for: Some(full.to_string()),
                        ..Mention::new(sentence[at].text, EntityKind::Org)
                    },
                    span_confidence(&margins[a..b]),
                    super::fold_key(sentence[at].text),
                ));
            }
            for &(start, end, tag) in spans {
                let words: Vec<&str> = sentence[start..end].iter().map(|t| t.text).collect();
                let Some((kind, named)) = super::span_entity(tag, &words) else {
                    continue;
                };
                let end = start + named;
                let (kind, cued) =
                    super::team_or_cued((tag, &words, kind), sentence, (start, end), &teams);
                // "Liberal" of a "Liberal Democrat" the party rule read whole.
                if parties.iter().any(|&(a, b)| a <= start && end <= b) {
                    continue;
                }
                if kind != EntityKind::Org && names_a_product(&sentence[end..]) {
                    continue;
                }
                let text = &parts[p][sentence[start].start..sentence[end - 1].end];
                let confidence = span_confidence(&margins[start..end]);
                let key = super::fold_key(text);
                let short_for = super::bracketed_short_form(sentence, spans, (start, end, tag))
                    .or_else(|| super::real_name_of(sentence, spans, (start, end, tag)))
                    .map(|(a, b)| parts[p][sentence[a].start..sentence[b - 1].end].to_string());
                found.push((
                    Mention {
                        text: text.to_string(),
                        kind,
                        cued,
                        short_for,
                    },
                    confidence,
                    key,
                ));
            }
        }
        // A name is kept when any of its mentions is confident enough.
        let mut best: HashMap<&str, f32, xxhash_rust::xxh3::Xxh3Builder> = HashMap::default();
        for (_, c, key) in &found {
            let entry = best.entry(key.as_str()).or_insert(0.0);
            *entry = entry.max(*c);
        }
        let keep: Vec<bool> = found
            .iter()
            .map(|(_, _, key)| best[key.as_str()] >= MIN_CONFIDENCE)
            .collect();
        found
            .into_iter()
            .zip(keep)
            .filter(|(_, keep)| *keep)
            .map(|((m, _, _), _)| m)
            .collect()
    }
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    pub folds: usize,
    /// Drop features whose averaged weights are all smaller than this.
    pub prune: f32,
    pub seed: u64,
    /// Models trained on different example orders and averaged.
    pub ensemble: usize,
    /// Fraction of training documents also used with their people renamed.
    pub augment: f32,
    /// Fraction of training documents also used with half their sentences in Title Case.
    pub title_case: f32,
    /// Fraction of training documents also used with stock tickers after organisations
    /// ("Apple Inc <AAPL.O>"), which 2020s wire copy has and CoNLL-2003 does not.
    pub tickers: f32,
    /// Fraction of training documents also used with half their sentences in capitals
    /// (wire headlines, old teletype archives).
    pub upper_case: f32,
    /// Fraction of training documents also used with half their sentences in lower case
    /// (social-media text, transcripts).
    pub lower_case: f32,
    /// Fraction of training documents also used with their organisations renamed to
    /// today's (`NamePools::orgs`), people and places renamed as by `augment`: 1996 Reuters
    /// names few of the companies and parties in today's news. Tried and not shipped (it
    /// makes unknown names organisations; BENCHMARKS.md), so off by default.
    pub org_rename: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 8,
            folds: 5,
            prune: 2.0,
            seed: 7,
            ensemble: 1,
            augment: 0.3,
            title_case: 0.3,
            tickers: 0.15,
            upper_case: 0.0,
            lower_case: 0.0,
            org_rename: 0.0,
        }
    }
}

/// A small deterministic RNG for shuffling (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Lexicon of the entity names in `docs`.
fn lexicon_of<'a>(docs: impl Iterator<Item = &'a Document>) -> Lexicon {
    let mut g = Lexicon::default();
    for doc in docs {
        for s in &doc.sentences {
            for (start, end, kind) in conll::spans(&s.tags) {
                if let Some(k) = super::features::TYPES.iter().position(|t| *t == kind) {
                    g.add(&s.tokens[start..end], k);
                }
            }
        }
    }
    g
}

/// Precomputed features and gold tags of training sentences.
struct Example {
    feats: SentenceFeatures,
    gold: Vec<u8>,
    /// The entity type this sentence's annotation does not mark (see `Trainer::learn_partial`).
    unlabelled: Option<usize>,
}

fn examples(
    doc: &Document,
    ctx: &DocContext,
    lexicon: &Lexicon,
    unlabelled: Option<usize>,
    ex: &mut Extractor,
) -> Vec<Example> {
    doc.sentences
        .iter()
        .map(|s| {
            let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            let mut feats = SentenceFeatures::default();
            ex.extract(&toks, ctx, lexicon, &mut feats);
            Example {
                feats,
                gold: encode(&s.tags),
                unlabelled,
            }
        })
        .collect()
}

fn train_model(
    examples: &[&Example],
    options: &TrainOptions,
    log: &mut dyn FnMut(String),
) -> Model {
    let mut trainers = Vec::with_capacity(options.ensemble.max(1));
    for member in 0..options.ensemble.max(1) {
        let mut trainer = Trainer::default();
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut rng = Rng(options.seed.max(1) + 7919 * member as u64);
        let (mut scratch, mut pred) = (Scratch::default(), Vec::new());
        for epoch in 0..options.epochs {
            rng.shuffle(&mut order);
            let mut wrong = 0;
            for &i in &order {
                if trainer.learn_partial(
                    &examples[i].feats,
                    &examples[i].gold,
                    examples[i].unlabelled,
                    &mut scratch,
                    &mut pred,
                ) {
                    wrong += 1;
                }
            }
            log(format!(
                "  member {} epoch {}: {} of {} sentences wrong",
                member + 1,
                epoch + 1,
                wrong,
                examples.len()
            ));
        }
        trainers.push(trainer);
    }
    perceptron::ensemble(&trainers, options.prune)
}

/// `unlabelled` is running news text (articles) for the word-case prior; the training
/// sentences are counted too.
/// Reference lists for the tagger: (tokens, `EXT_*` bits).
pub type ExternalNames = Vec<(Vec<String>, u8)>;

/// Words with cluster ids, coarse to fine (`Lexicon::set_clusters`).
pub type WordClusters = Vec<(String, [u16; 3])>;

/// What the tagger is given beside annotated text: reference lists of names, word
/// clusters, and name pools for augmentation.
#[derive(Debug, Clone, Default)]
pub struct References {
    pub names: ExternalNames,
    pub clusters: WordClusters,
    pub pools: NamePools,
}

/// Replacement names for augmentation.
#[derive(Debug, Clone, Default)]
pub struct NamePools {
    pub given: Vec<String>,
    pub surnames: Vec<String>,
    /// One-word place names.
    pub places: Vec<String>,
    /// Organisation names of today's news (listed companies, parties, armed groups, clubs),
    /// each as its tokens.
    pub orgs: Vec<Vec<String>>,
}

/// A copy of `doc` with its names consistently replaced, tags unchanged: people from the
/// name pools ("Vladimir Putin" and a later "Putin" become "Ngozi Yilmaz" and "Yilmaz"),
/// and one-word places from the place pool (organisations keep their names: there is no
/// list of real ones to draw from, and invented words teach the tagger that any odd word
/// is an organisation). This teaches the tagger to recognise names by context and shape
/// rather than by having seen them; renaming places as well as people keeps it from
/// learning that any unfamiliar word is a person. `types` limits which types are renamed.
fn rename_entities(doc: &Document, pools: &NamePools, types: &[&str], rng: &mut Rng) -> Document {
    let mut renamed: HashMap<(String, &str), String> = HashMap::new();
    let mut out = doc.clone();
    for sentence in &mut out.sentences {
        for (start, end, kind) in conll::spans(&sentence.tags) {
            let kind: &str = match kind.as_str() {
                "PER" => "PER",
                "LOC" if start + 1 == end => "LOC",
                _ => continue,
            };
            if !types.contains(&kind) {
                continue;
            }
            for i in start..end {
                let token = &sentence.tokens[i];
                if !token.chars().next().is_some_and(char::is_alphabetic) {
                    continue;
                }
                let is_last = i + 1 == end;
                let replacement = renamed.entry((token.clone(), kind)).or_insert_with(|| {
                    let pool = match kind {
                        "PER" if is_last => &pools.surnames,
                        "PER" => &pools.given,
                        _ => &pools.places,
                    };
                    if pool.is_empty() {
                        return token.clone();
                    }
                    let name = pool[(rng.next() % pool.len() as u64) as usize].clone();
                    if token.chars().all(|c| !c.is_lowercase()) {
                        name.to_uppercase()
                    } else {
                        name
                    }
                });
                sentence.tokens[i] = replacement.clone();
            }
        }
    }
    out
}

/// A copy of `doc` with every organisation consistently renamed to one of today's
/// (`pools.orgs`): "Bank of England" and a later "BANK OF ENGLAND" become "Safaricom" and
/// "SAFARICOM" (a name in capitals stays in capitals). Tags are rebuilt for the new lengths.
fn rename_organisations(doc: &Document, pools: &NamePools, rng: &mut Rng) -> Document {
    let mut out = doc.clone();
    if pools.orgs.is_empty() {
        return out;
    }
    let mut renamed: HashMap<Vec<String>, Vec<String>> = HashMap::new();
    for sentence in &mut out.sentences {
        let spans: Vec<(usize, usize)> = conll::spans(&sentence.tags)
            .into_iter()
            .filter(|(_, _, kind)| kind == "ORG")
            .map(|(start, end, _)| (start, end))
            .collect();
        // From the last span back, so earlier positions stay valid.
        for (start, end) in spans.into_iter().rev() {
            let original = sentence.tokens[start..end].to_vec();
            let in_capitals = original
                .iter()
                .all(|t| t.chars().all(|c| !c.is_lowercase()))
                && original.iter().any(|t| t.chars().count() > 3);
            let key = original.iter().map(|t| t.to_lowercase()).collect();
            let drawn = renamed.entry(key).or_insert_with(|| {
                pools.orgs[(rng.next() % pools.orgs.len() as u64) as usize].clone()
            });
            let name: Vec<String> = if in_capitals {
                drawn.iter().map(|t| t.to_uppercase()).collect()
            } else {
                drawn.clone()
            };
            let tags = (0..name.len()).map(|i| if i == 0 { "B-ORG" } else { "I-ORG" }.to_string());
            sentence.tags.splice(start..end, tags);
            sentence.tokens.splice(start..end, name);
        }
    }
    out
}

/// A copy of `doc` with about half its sentences in headline Title Case ("Russia Faces
/// Ukrainian Counter Offensive"), tags unchanged, so capitalisation alone stops meaning
/// "name" when a whole sentence is capitalised.
fn title_case_some(doc: &Document, rng: &mut Rng) -> Document {
    let mut out = doc.clone();
    for sentence in &mut out.sentences {
        if rng.next().is_multiple_of(2) {
            title_case(&mut sentence.tokens);
        }
    }
    out
}

/// A copy of `doc` with about half its sentences in capitals ("RUSSIA FACES UKRAINIAN
/// COUNTER OFFENSIVE"), tags unchanged: an ALL-CAPS sentence keeps only the words and the
/// case prior to go by.
fn upper_case_some(doc: &Document, rng: &mut Rng) -> Document {
    recase_some(doc, rng, str::to_uppercase)
}

/// A copy of `doc` with about half its sentences in lower case, tags unchanged.
fn lower_case_some(doc: &Document, rng: &mut Rng) -> Document {
    recase_some(doc, rng, str::to_lowercase)
}

fn recase_some(doc: &Document, rng: &mut Rng, recase: fn(&str) -> String) -> Document {
    let mut out = doc.clone();
    for sentence in &mut out.sentences {
        if rng.next().is_multiple_of(2) {
            for token in &mut sentence.tokens {
                *token = recase(token);
            }
        }
    }
    out
}

/// A copy of `doc` with a stock ticker after about half its organisation names, tagged O,
/// as Reuters writes them: "<AAPL.O>" as one token or "<", "AAPL.O", ">" as three.
fn with_tickers(doc: &Document, rng: &mut Rng) -> Document {
    const EXCHANGES: &[&str] = &[
        "", ".O", ".N", ".L", ".T", ".TW", ".NS", ".PA", ".DE", ".HK",
    ];
    let mut out = doc.clone();
    for sentence in &mut out.sentences {
        let mut spans = conll::spans(&sentence.tags);
        spans.retain(|(_, _, kind)| kind == "ORG");
        // From the last span back, so earlier positions stay valid.
        for (start, end, _) in spans.into_iter().rev() {
            if !rng.next().is_multiple_of(2) {
                continue;
            }
            let exchange = EXCHANGES[(rng.next() % EXCHANGES.len() as u64) as usize];
            let symbol: String = if rng.next().is_multiple_of(5) {
                format!("{:04}", rng.next() % 10_000)
            } else {
                sentence.tokens[start..end]
                    .iter()
                    .flat_map(|t| t.chars().filter(|c| c.is_alphabetic()).take(2))
                    .take(4)
                    .flat_map(char::to_uppercase)
                    .collect()
            };
            if symbol.is_empty() {
                continue;
            }
            let ticker = format!("{symbol}{exchange}");
            let inserted: Vec<String> = if rng.next().is_multiple_of(2) {
                vec![format!("<{ticker}>")]
            } else {
                vec!["<".into(), ticker, ">".into()]
            };
            let n = inserted.len();
            sentence.tokens.splice(end..end, inserted);
            sentence
                .tags
                .splice(end..end, std::iter::repeat_n("O".to_string(), n));
        }
    }
    out
}

/// Capitalise every word but short function words after the first.
pub fn title_case(tokens: &mut [String]) {
    const SMALL: &[&str] = &[
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "as",
    ];
    for (i, t) in tokens.iter_mut().enumerate() {
        if i > 0 && SMALL.contains(&t.as_str()) {
            continue;
        }
        let mut chars = t.chars();
        if let Some(first) = chars.next()
            && first.is_lowercase()
        {
            *t = first.to_uppercase().collect::<String>() + chars.as_str();
        }
    }
}

/// `rename_entities` for callers outside training (robustness checks), seeded.
pub fn renamed_copy(doc: &Document, pools: &NamePools, types: &[&str], seed: u64) -> Document {
    rename_entities(doc, pools, types, &mut Rng(seed.max(1)))
}

/// More annotated text to train on beside CoNLL-2003 (wikigold, BTC, WNUT-17).
#[derive(Debug, Clone, Default)]
pub struct ExtraCorpus {
    pub docs: Vec<Document>,
    /// How many times each document is used (fractions: that share of the documents once
    /// more), to balance a small or far-from-news corpus against CoNLL-2003.
    pub weight: f32,
    /// The corpus does not annotate MISC (its MISC tags, if any, are not CoNLL's and are
    /// read as O): predicted MISC names on its O tokens are neither taught nor punished.
    pub no_misc: bool,
}

pub fn train(
    train: &[Document],
    extra: &[ExtraCorpus],
    unlabelled: &[String],
    references: &References,
    options: &TrainOptions,
    log: &mut dyn FnMut(String),
) -> NerModel {
    let pools = &references.pools;
    let with_external = |mut lexicon: Lexicon| {
        for (tokens, bits) in &references.names {
            lexicon.add_external(tokens, *bits);
        }
        lexicon.set_clusters(&references.clusters);
        lexicon
    };
    let k = options.folds.max(2);
    let fold_of = |d: usize| d % k;
    let mut ex = Extractor::default();
    // Augmented copies train alongside their originals, in the same fold.
    let misc = super::features::TYPES.iter().position(|t| *t == "MISC");
    let mut rng = Rng(options.seed.max(1) ^ 0xA5A5);
    // The original documents: CoNLL-2003's, then each extra corpus's (MISC read as O where
    // the corpus has no MISC), with the type their annotation leaves unmarked.
    let mut originals: Vec<(Document, Option<usize>)> =
        train.iter().map(|d| (d.clone(), None)).collect();
    let mut repeats: Vec<usize> = vec![1; train.len()];
    for corpus in extra {
        for doc in &corpus.docs {
            let mut doc = doc.clone();
            if corpus.no_misc {
                for s in &mut doc.sentences {
                    for t in &mut s.tags {
                        if t.ends_with("-MISC") {
                            *t = "O".into();
                        }
                    }
                }
            }
            let whole = corpus.weight.floor();
            let once_more = ((rng.next() % 1000) as f32 / 1000.0) < corpus.weight - whole;
            repeats.push(whole as usize + usize::from(once_more));
            originals.push((doc, if corpus.no_misc { misc } else { None }));
        }
    }
    // Augmented copies and repeats train alongside their originals, in the same fold.
    let mut docs: Vec<Document> = Vec::new();
    let mut folds: Vec<usize> = Vec::new();
    let mut partial: Vec<Option<usize>> = Vec::new();
    for (d, (doc, unmarked)) in originals.iter().enumerate() {
        let mut push = |doc: Document| {
            docs.push(doc);
            folds.push(fold_of(d));
            partial.push(*unmarked);
        };
        for _ in 0..repeats[d] {
            push(doc.clone());
        }
        if repeats[d] == 0 {
            continue;
        }
        if (rng.next() % 1000) as f32 / 1000.0 < options.augment {
            push(rename_entities(doc, pools, &["PER", "LOC"], &mut rng));
        }
        // Drawn only when asked for, so a model trained without it is the same as before.
        if options.org_rename > 0.0 && (rng.next() % 1000) as f32 / 1000.0 < options.org_rename {
            let renamed = rename_entities(doc, pools, &["PER", "LOC"], &mut rng);
            push(rename_organisations(&renamed, pools, &mut rng));
        }
        if (rng.next() % 1000) as f32 / 1000.0 < options.title_case {
            push(title_case_some(doc, &mut rng));
        }
        if (rng.next() % 1000) as f32 / 1000.0 < options.tickers {
            push(with_tickers(doc, &mut rng));
        }
        // Drawn only when asked for, so a model trained without it is the same as before.
        if options.upper_case > 0.0 && (rng.next() % 1000) as f32 / 1000.0 < options.upper_case {
            push(upper_case_some(doc, &mut rng));
        }
        if options.lower_case > 0.0 && (rng.next() % 1000) as f32 / 1000.0 < options.lower_case {
            push(lower_case_some(doc, &mut rng));
        }
    }
    log(format!(
        "{} original documents ({} from extra corpora), {} in training with repeats and augmented copies",
        originals.len(),
        originals.len() - train.len(),
        docs.len()
    ));
    let mut case_counts = HashMap::default();
    count_case(
        train
            .iter()
            .flat_map(|d| d.sentences.iter().map(|s| s.tokens.clone())),
        &mut case_counts,
    );
    for text in unlabelled {
        count_case(
            tokenize::sentences(text)
                .into_iter()
                .map(|s| s.iter().map(|t| t.text).collect::<Vec<_>>()),
            &mut case_counts,
        );
    }
    // Jackknifed gazetteers: documents of fold f see names from the other folds only.
    let fold_lexicons: Vec<Lexicon> = (0..k)
        .map(|f| {
            let mut lexicon = lexicon_of(
                originals
                    .iter()
                    .enumerate()
                    .filter(|(d, _)| fold_of(*d) != f)
                    .map(|(_, (doc, _))| doc),
            );
            lexicon.set_case_counts(&case_counts);
            with_external(lexicon)
        })
        .collect();
    let contexts: Vec<DocContext> = docs
        .iter()
        .map(|d| {
            DocContext::new(
                &d.sentences
                    .iter()
                    .map(|s| s.tokens.clone())
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    let first_examples: Vec<Vec<Example>> = docs
        .iter()
        .enumerate()
        .map(|(d, doc)| {
            examples(
                doc,
                &contexts[d],
                &fold_lexicons[folds[d]],
                partial[d],
                &mut ex,
            )
        })
        .collect();

    // Pass-one votes for every training document from a model that did not see it.
    let mut votes: Vec<DocContext> = contexts.clone();
    for f in 0..k {
        log(format!("pass one, fold {}/{k}", f + 1));
        let training: Vec<&Example> = first_examples
            .iter()
            .enumerate()
            .filter(|(d, _)| folds[*d] != f)
            .flat_map(|(_, e)| e.iter())
            .collect();
        let model = train_model(&training, options, log);
        let (mut scratch, mut pred) = (Scratch::default(), Vec::new());
        for (d, doc) in docs.iter().enumerate().filter(|(d, _)| folds[*d] == f) {
            for (s, e) in doc.sentences.iter().zip(&first_examples[d]) {
                model.predict(&e.feats, &mut scratch, &mut pred);
                votes[d].add_votes(&s.tokens, &pred);
            }
        }
    }
    log("pass one, all documents".into());
    let all_first: Vec<&Example> = first_examples.iter().flatten().collect();
    let first = train_model(&all_first, options, log);

    log("pass two".into());
    let second_examples: Vec<Vec<Example>> = docs
        .iter()
        .enumerate()
        .map(|(d, doc)| {
            examples(
                doc,
                &votes[d],
                &fold_lexicons[folds[d]],
                partial[d],
                &mut ex,
            )
        })
        .collect();
    let all_second: Vec<&Example> = second_examples.iter().flatten().collect();
    let second = train_model(&all_second, options, log);
    let mut lexicon = lexicon_of(originals.iter().map(|(doc, _)| doc));
    lexicon.set_case_counts(&case_counts);
    NerModel::new(with_external(lexicon), first, second)
        .expect("pruned models hold far fewer than 16 million features")
}

/// Whether `NerModel::consistent_names` also tags a name's untagged occurrences. The fast
/// tier's are worth it; the accurate tier misses few of them and its own errors would
/// spread (BENCHMARKS.md, ninth session).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fill {
    TaggedOnly,
    Untagged,
}

/// A name tagged this many times in a document is tagged too where the tagger left the
/// same words untagged ("WeWork declined to comment" after four tagged "WeWork"s), but at
/// the start of a sentence, and for one word that the document also writes in lower case.
const FILL_MIN_TAGGED: u32 = 2;

fn has_capital<S: AsRef<str>>(token: S) -> bool {
    token.as_ref().chars().any(char::is_uppercase)
}

/// Whether the untagged words `start..end` are a name of their own, not a piece of a
/// longer name the tagger missed ("Trump" in "Trump Tower") or of a date or model ("May
/// 13", "Nexus 6"): no capitalised or tagged word touches them, but for a sentence's first
/// word, and no number follows them unless an amount ("Qualcomm 242 million").
fn stands_alone<S: AsRef<str>>(tokens: &[S], tags: &[u8], start: usize, end: usize) -> bool {
    use super::perceptron::entity_type;
    let touches = |at: usize| entity_type(tags[at]).is_some() || has_capital(&tokens[at]);
    // An amount after the name is no model number ("fined Qualcomm 242 million euros").
    let amount = |at: usize| {
        tokens.get(at).is_some_and(|t| {
            matches!(
                t.as_ref(),
                "million" | "billion" | "trillion" | "mln" | "bln" | "bn" | "%" | "percent"
            )
        })
    };
    let number_after = tokens
        .get(end)
        .is_some_and(|t| t.as_ref().starts_with(|c: char| c.is_ascii_digit()))
        && !amount(end + 1);
    let before = match start {
        0 => false,
        1 => entity_type(tags[0]).is_some(),
        _ => touches(start - 1),
    };
    let after = end < tags.len() && touches(end);
    !before && !after && !number_after
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_before_a_model_number_is_not_alone_before_an_amount_it_is() {
        fn words(t: &str) -> Vec<&str> {
            t.split(' ').collect()
        }
        let untagged = [0u8; 6];
        let model = words("he bought a Nexus 6 phone");
        assert!(!stands_alone(&model, &untagged, 3, 4));
        let fine = words("regulators fined Qualcomm 242 million euros");
        assert!(stands_alone(&fine, &untagged, 2, 3));
        let share = words("regulators told Qualcomm 10 % was due");
        assert!(stands_alone(&share, &untagged, 2, 3));
    }

    #[test]
    fn organisations_are_renamed_consistently_with_tags_for_their_new_length() {
        let sentence = |words: &str, tags: &str| conll::Sentence {
            tokens: words.split(' ').map(String::from).collect(),
            tags: tags.split(' ').map(String::from).collect(),
        };
        let doc = Document {
            sentences: vec![
                sentence(
                    "Bank of England and Reuters met Kim",
                    "B-ORG I-ORG I-ORG O B-ORG O B-PER",
                ),
                sentence(
                    "REUTERS quoted the Bank of England",
                    "B-ORG O O B-ORG I-ORG I-ORG",
                ),
            ],
            docstart: true,
        };
        let pools = NamePools {
            orgs: vec![
                vec!["Safaricom".into()],
                vec!["Orlando".into(), "Pirates".into()],
            ],
            ..Default::default()
        };
        let copy = rename_organisations(&doc, &pools, &mut Rng(3));
        let spans: Vec<Vec<String>> = copy
            .sentences
            .iter()
            .map(|s| {
                conll::spans(&s.tags)
                    .into_iter()
                    .map(|(a, b, kind)| format!("{}/{kind}", s.tokens[a..b].join(" ")))
                    .collect()
            })
            .collect();
        for s in &copy.sentences {
            assert_eq!(s.tokens.len(), s.tags.len());
        }
        // The person is untouched; every organisation is one of the pool's names.
        assert_eq!(spans[0].last().unwrap(), "Kim/PER");
        let bank = &spans[0][0];
        assert!(
            bank == "Safaricom/ORG" || bank == "Orlando Pirates/ORG",
            "{spans:?}"
        );
        assert!(!copy.sentences[0].tokens.contains(&"England".to_string()));
        // The same name gets the same new name; a name in capitals stays in capitals.
        assert_eq!(&spans[1][1], bank, "{spans:?}");
        assert_eq!(spans[1][0], spans[0][1].to_uppercase());
        assert!(spans[1][0].chars().all(|c| !c.is_lowercase()), "{spans:?}");
    }

    #[test]
    fn recased_training_copies_keep_their_tags_and_recase_whole_sentences() {
        let sentence = |words: &str, tags: &str| conll::Sentence {
            tokens: words.split(' ').map(String::from).collect(),
            tags: tags.split(' ').map(String::from).collect(),
        };
        let doc = Document {
            sentences: (0..20)
                .map(|_| sentence("Kim met Putin in Vladivostok", "B-PER O B-PER O B-LOC"))
                .collect(),
            docstart: true,
        };
        let mut rng = Rng(7);
        for (copy, recased) in [
            (
                upper_case_some(&doc, &mut rng),
                "KIM MET PUTIN IN VLADIVOSTOK",
            ),
            (
                lower_case_some(&doc, &mut rng),
                "kim met putin in vladivostok",
            ),
        ] {
            let texts: Vec<String> = copy.sentences.iter().map(|s| s.tokens.join(" ")).collect();
            let changed = texts.iter().filter(|t| *t == recased).count();
            let kept = texts
                .iter()
                .filter(|t| *t == "Kim met Putin in Vladivostok")
                .count();
            assert_eq!(changed + kept, 20, "{texts:?}");
            assert!(changed > 0 && kept > 0, "{changed} of 20 recased");
            assert!(
                copy.sentences
                    .iter()
                    .zip(&doc.sentences)
                    .all(|(a, b)| a.tags == b.tags)
            );
        }
    }

    #[test]
    fn embedded_model_loads_and_is_small() {
        // #16: the model in the repository is at most 20 MB compressed (the binary holds
        // it inflated, about twice that).
        let compressed = include_bytes!("../../models/ner.bin.gz").len();
        assert!(
            compressed <= 20 * 1024 * 1024,
            "model is {compressed} bytes compressed"
        );
        let model = NerModel::embedded();
        assert!(model.first.num_features() > 1000 && model.second.num_features() > 1000);
        let roundtrip = NerModel::from_compressed(&model.to_compressed().unwrap()).unwrap();
        assert_eq!(roundtrip.first.num_features(), model.first.num_features());
    }

    #[test]
    fn a_product_head_must_end_the_names_noun_phrase() {
        let after = |text: &str| {
            let sentence = tokenize::sentences(text).remove(0);
            names_a_product(&sentence[1..])
        };
        assert!(after("Hwasong intercontinental ballistic missile"));
        assert!(after("Covid pandemic"));
        assert!(after("Galaxy smartphone"));
        assert!(!after("Cook said the phone was new"));
        assert!(!after("Huang unveiled a new chip"));
        assert!(!after("Macron says vaccine passes work"));
        assert!(!after("Fauci and the virus"));
    }

    #[test]
    fn tags_a_plain_sentence() {
        let tokens = vec![vec![
            "President",
            "Vladimir",
            "Putin",
            "met",
            "officials",
            "in",
            "Moscow",
            "on",
            "Tuesday",
            ".",
        ]];
        let tags = decode_iob2(&NerModel::embedded().tag_document(&tokens)[0]);
        assert_eq!(tags[1..3], ["B-PER", "I-PER"]);
        assert_eq!(tags[6], "B-LOC");
        assert_eq!(tags[3], "O");
    }

    /// Encoded tags of IOB2 labels.
    fn iob(tags: &[&str]) -> Vec<u8> {
        crate::entities::perceptron::encode(&tags.iter().map(|t| t.to_string()).collect::<Vec<_>>())
    }

    /// Tagged sentences as `consistent_names` takes them, every margin 20.
    fn with_margins<const N: usize>(tags: [Vec<u8>; N]) -> Vec<(Vec<u8>, Vec<f32>)> {
        tags.into_iter()
            .map(|tags| {
                let margins = vec![20.0; tags.len()];
                (tags, margins)
            })
            .collect()
    }

    #[test]
    fn a_name_keeps_one_reading_within_its_document() {
        let sentences = vec![
            vec!["Kim", "Jong", "Un", ":", "a", "visit"],
            vec!["Kim", "Jong", "Un", "met", "Putin"],
            vec!["Kim", "Jong", "Un", "and", "Russia"],
            vec!["the", "Kim", "Jong", "Un", "Foundation", "said"],
            vec!["New", "York", "and", "New", "York", "Times"],
        ];
        let mut tagged = with_margins([
            iob(&["B-PER", "I-PER", "O", "O", "O", "O"]),
            iob(&["B-PER", "I-PER", "I-PER", "O", "B-PER"]),
            iob(&["B-PER", "I-PER", "B-LOC", "O", "B-LOC"]),
            iob(&["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]),
            iob(&["B-LOC", "I-LOC", "O", "B-ORG", "I-ORG", "I-ORG"]),
        ]);
        tagged[1].1[0] = 15.0;
        NerModel::consistent_names(&sentences, &mut tagged, Fill::Untagged);
        let tags: Vec<Vec<String>> = tagged.iter().map(|(t, _)| decode_iob2(t)).collect();
        // The partly tagged and the split occurrences become the person found elsewhere.
        assert_eq!(tags[0][..3], ["B-PER", "I-PER", "I-PER"]);
        assert_eq!(tags[2][..3], ["B-PER", "I-PER", "I-PER"]);
        assert_eq!(tagged[0].1[2], 15.0, "the best occurrence's weakest margin");
        // Inside a longer name it is left alone, and so is "New York" in "New York Times".
        assert_eq!(tags[3][1..5], ["B-ORG", "I-ORG", "I-ORG", "I-ORG"]);
        assert_eq!(tags[4][3..6], ["B-ORG", "I-ORG", "I-ORG"]);
        assert_eq!(tags[4][..2], ["B-LOC", "I-LOC"]);
    }

    #[test]
    fn a_one_word_name_tagged_mostly_one_way_takes_that_type() {
        let sentences = vec![
            vec!["Ascom", "and", "Dräger", "said"],
            vec!["Dräger", "makes", "monitors"],
            vec!["with", "Dräger", ",", "a", "producer"],
            vec!["Jordan", "met", "Jordan"],
            vec!["Xbox", "and", "Xbox", "and", "Xbox"],
        ];
        let mut tagged = with_margins([
            iob(&["B-ORG", "O", "B-ORG", "O"]),
            iob(&["B-ORG", "O", "O"]),
            iob(&["O", "B-PER", "O", "O", "O"]),
            iob(&["B-PER", "O", "B-LOC"]),
            iob(&["B-ORG", "O", "B-ORG", "O", "B-MISC"]),
        ]);
        NerModel::consistent_names(&sentences, &mut tagged, Fill::TaggedOnly);
        let tags: Vec<Vec<String>> = tagged.iter().map(|(t, _)| decode_iob2(t)).collect();
        assert_eq!(tags[2][1], "B-ORG", "two of three occurrences say ORG");
        // A tie is no majority: each keeps its own type.
        assert_eq!(tags[3], ["B-PER", "O", "B-LOC"]);
        // MISC is neither changed nor spread to.
        assert_eq!(tags[4][4], "B-MISC");
    }

    #[test]
    fn a_name_tagged_twice_is_tagged_where_it_was_left_untagged() {
        let sentences = vec![
            vec!["Shares", "in", "WeWork", "fell", "and", "The", "deal"],
            vec!["Investors", "in", "WeWork", "said", "May", "9"],
            vec!["WeWork", "declined", "to", "comment", "on", "May"],
            vec!["the", "WeWork", "Tower", "and", "WeWork", "2", "ads"],
            vec!["The", "unit", "and", "WeWork", "'s", "May", "staff"],
            vec!["the", "plan", ",", "The", "said"],
        ];
        let mut tagged = with_margins([
            iob(&["O", "O", "B-ORG", "O", "O", "B-MISC", "O"]),
            iob(&["O", "O", "B-ORG", "O", "B-PER", "O"]),
            iob(&["O", "O", "O", "O", "O", "B-PER"]),
            iob(&["O", "O", "O", "O", "O", "O", "O"]),
            iob(&["B-MISC", "O", "O", "O", "O", "O", "O"]),
            iob(&["O", "O", "O", "O", "O"]),
        ]);
        let mut left_alone = tagged.clone();
        NerModel::consistent_names(&sentences, &mut left_alone, Fill::TaggedOnly);
        assert_eq!(left_alone, tagged, "one-word names are not filled in");
        NerModel::consistent_names(&sentences, &mut tagged, Fill::Untagged);
        let tags: Vec<Vec<String>> = tagged.iter().map(|(t, _)| decode_iob2(t)).collect();
        // "WeWork", tagged twice, is tagged where it stands alone ...
        assert_eq!(tags[4][3], "B-ORG");
        // ... but not first in a sentence, inside "WeWork Tower", or before a number.
        assert_eq!(tags[2][0], "O");
        assert_eq!(tags[3][1..3], ["O", "O"]);
        assert_eq!(tags[3][4], "O");
        // "May" (a person twice) stands alone in sentence 4, but the document writes "may"
        // nowhere: it is filled; "The" is also written "the", so it never is.
        assert_eq!(tags[4][5], "B-PER");
        assert_eq!(tags[5][3], "O");
    }

    #[test]
    fn damaged_model_bytes_are_an_error_not_a_panic() {
        assert!(NerModel::from_compressed(b"not a model").is_err());
        let mut bytes = NerModel::embedded().to_compressed().unwrap();
        bytes.truncate(bytes.len() / 2);
        assert!(NerModel::from_compressed(&bytes).is_err());
    }
}
