//! The accurate tagger: a small pretrained transformer (all-MiniLM-L6-v2, fine-tuned for
//! PER/LOC/ORG/MISC by `tools/accurate/train.py`) run on the CPU with candle.
//!
//! Owns the WordPiece tokenisation of already-tokenised words, the encoder's forward pass
//! over overlapping windows of a document, and the IOB2 decoding back onto the original
//! tokens, where the fast tier's names count as a vote (`FAST_VOTE`) and a name keeps
//! one reading within its document (as in the fast tier). It must not read files (the
//! weights are embedded) and knows nothing of articles beyond the `Tagger` parts.
//!
//! The encoder is uncased; each piece also carries the case class of its word in BERT's
//! token-type embedding (widened to `CASE_CLASSES` rows when fine-tuning), so the forward
//! pass is a plain BERT.

use std::collections::HashMap;
use std::sync::OnceLock;

use candle_core::{DType, Device, Module, Tensor};
use candle_nn::{Embedding, LayerNorm, Linear, VarBuilder};
use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::UnicodeNormalization;

use super::accurate_int8::{Kernel, QuantLinear};
use super::accurate_ops::ResidualNorm;
use super::{Mention, Tagger};

const WEIGHTS: &[u8] = include_bytes!("../../models/accurate/model.safetensors");
const CONFIG: &str = include_str!("../../models/accurate/config.json");
const VOCAB: &str = include_str!("../../models/accurate/vocab.txt");

/// A word never becomes more pieces than this (as in training); the rest are dropped.
const MAX_PIECES_PER_WORD: usize = 16;
/// Windows run in batches of this many (padding to the longest in the batch).
const BATCH: usize = 16;
/// Pieces of context a window keeps on each side of a cut between windows. 24 reads a long
/// document about 1.2x faster than 32 for the same dev F1 (BENCHMARKS.md, accurate tier).
const CONTEXT: usize = 24;
/// Log-probability added to the label the fast tier gives a word inside a name before
/// decoding: the two tiers' errors differ (the fast one has the name lists and rules).
/// Re-tuned at 2.0 from 1.0 once the fast tier's rules had grown (sixteenth session), and
/// at 1.5 once the fast tier was distilled from more of this tier's output, so agrees with
/// it more (twenty-third session). Votes for O cost recall out of domain (sixth session).
/// BENCHMARKS.md has each measurement.
const FAST_VOTE: f32 = 1.5;
/// Added to `FAST_VOTE` for a word with a capital inside in a cased document, whose
/// case the uncased word pieces lose ("WeWork" is "we", "##work").
const CAMEL_CASE_VOTE: f32 = 3.0;

#[derive(Debug, Clone, thiserror::Error)]
pub enum AccurateError {
    #[error("the embedded accurate model is damaged: {0}")]
    Model(String),
}

impl From<candle_core::Error> for AccurateError {
    fn from(e: candle_core::Error) -> Self {
        AccurateError::Model(e.to_string())
    }
}

#[derive(serde::Deserialize)]
struct Config {
    vocab_size: usize,
    hidden_size: usize,
    num_hidden_layers: usize,
    num_attention_heads: usize,
    intermediate_size: usize,
    max_position_embeddings: usize,
    type_vocab_size: usize,
    layer_norm_eps: f64,
    labels: Vec<String>,
    window: usize,
}

struct Layer {
    query: Dense,
    key: Dense,
    value: Dense,
    attention_out: Dense,
    attention_norm: ResidualNorm,
    up: Dense,
    down: Dense,
    output_norm: ResidualNorm,
}

/// One of the encoder's dense layers: candle's f32 product, or the int8 one on CPUs with
/// AVX-512 VNNI or AVX2 (`accurate_int8`; BENCHMARKS.md, issue #17, gives speed and F1).
enum Dense {
    F32(Linear),
    Int8(QuantLinear),
}

impl Dense {
    fn new(linear: Linear, int8: Option<Kernel>) -> Result<Dense, AccurateError> {
        if let Some(kernel) = int8 {
            let weight = linear.weight();
            let (outputs, inputs) = weight.dims2()?;
            let bias = match linear.bias() {
                Some(b) => b.to_vec1::<f32>()?,
                None => vec![0.0; outputs],
            };
            let weight = weight.flatten_all()?.to_vec1::<f32>()?;
            if let Some(q) = QuantLinear::new(&weight, &bias, outputs, inputs, kernel) {
                return Ok(Dense::Int8(q));
            }
        }
        Ok(Dense::F32(linear))
    }

    fn forward(&self, x: &Tensor) -> candle_core::Result<Tensor> {
        match self {
            Dense::F32(linear) => linear.forward(x),
            Dense::Int8(q) => x.apply_op1_no_bwd(&Int8Product(q)),
        }
    }
}

/// An int8 layer as a candle operation: it reads the input tensor's storage in place (a
/// copy out of the tensor was 3% of the tier's time).
struct Int8Product<'a>(&'a QuantLinear);

impl candle_core::CustomOp1 for Int8Product<'_> {
    fn name(&self) -> &'static str {
        "int8-linear"
    }

    fn cpu_fwd(
        &self,
        storage: &candle_core::CpuStorage,
        layout: &candle_core::Layout,
    ) -> candle_core::Result<(candle_core::CpuStorage, candle_core::Shape)> {
        let x = match (storage, layout.contiguous_offsets()) {
            (candle_core::CpuStorage::F32(values), Some((from, to))) => &values[from..to],
            _ => candle_core::bail!("an int8 layer's input must be contiguous f32"),
        };
        let mut dims = layout.dims().to_vec();
        if let Some(last) = dims.last_mut() {
            *last = self.0.outputs();
        }
        Ok((candle_core::CpuStorage::F32(self.0.forward(x)), dims.into()))
    }
}

/// The fine-tuned encoder, its vocabulary and labels.
pub struct AccurateModel {
    words: Embedding,
    positions: Embedding,
    cases: Embedding,
    embedding_norm: LayerNorm,
    layers: Vec<Layer>,
    classifier: Linear,
    heads: usize,
    window: usize,
    labels: Vec<String>,
    vocab: HashMap<String, u32>,
    unknown: u32,
    cls: u32,
    sep: u32,
}

impl AccurateModel {
    /// The model in the binary, loaded once (about 0.2 s: f16 weights widened to f32).
    pub fn embedded() -> Result<&'static AccurateModel, &'static AccurateError> {
        static MODEL: OnceLock<Result<AccurateModel, AccurateError>> = OnceLock::new();
        MODEL
            .get_or_init(|| AccurateModel::load(WEIGHTS, CONFIG, VOCAB))
            .as_ref()
    }

    pub fn load(weights: &[u8], config: &str, vocab: &str) -> Result<AccurateModel, AccurateError> {
        let cfg: Config =
            serde_json::from_str(config).map_err(|e| AccurateError::Model(e.to_string()))?;
        let vb = VarBuilder::from_slice_safetensors(weights, DType::F32, &Device::Cpu)?;
        let h = cfg.hidden_size;
        let emb = vb.pp("embeddings");
        let norm = |size, vb: VarBuilder| candle_nn::layer_norm(size, cfg.layer_norm_eps, vb);
        let residual_norm = |size, vb: VarBuilder| -> Result<ResidualNorm, AccurateError> {
            let norm = norm(size, vb)?;
            Ok(ResidualNorm {
                weight: norm.weight().to_vec1()?,
                bias: norm
                    .bias()
                    .map(|b| b.to_vec1())
                    .transpose()?
                    .unwrap_or_else(|| vec![0.0; size]),
                eps: cfg.layer_norm_eps as f32,
            })
        };
        let int8 = super::accurate_int8::best_kernel();
        let dense = |inputs, outputs, vb: VarBuilder| -> Result<Dense, AccurateError> {
            Dense::new(candle_nn::linear(inputs, outputs, vb)?, int8)
        };
        let mut layers = Vec::with_capacity(cfg.num_hidden_layers);
        for i in 0..cfg.num_hidden_layers {
            let l = vb.pp(format!("encoder.layer.{i}"));
            layers.push(Layer {
                query: dense(h, h, l.pp("attention.self.query"))?,
                key: dense(h, h, l.pp("attention.self.key"))?,
                value: dense(h, h, l.pp("attention.self.value"))?,
                attention_out: dense(h, h, l.pp("attention.output.dense"))?,
                attention_norm: residual_norm(h, l.pp("attention.output.LayerNorm"))?,
                up: dense(h, cfg.intermediate_size, l.pp("intermediate.dense"))?,
                down: dense(cfg.intermediate_size, h, l.pp("output.dense"))?,
                output_norm: residual_norm(h, l.pp("output.LayerNorm"))?,
            });
        }
        let vocab: HashMap<String, u32> = vocab
            .lines()
            .enumerate()
            .map(|(i, w)| (w.to_string(), i as u32))
            .collect();
        let special = |name: &str| {
            vocab
                .get(name)
                .copied()
                .ok_or_else(|| AccurateError::Model(format!("no {name} in the vocabulary")))
        };
        if cfg.window + 2 > cfg.max_position_embeddings
            || cfg.labels.first().is_none_or(|l| l != "O")
        {
            return Err(AccurateError::Model("bad window or labels".into()));
        }
        Ok(AccurateModel {
            words: candle_nn::embedding(cfg.vocab_size, h, emb.pp("word_embeddings"))?,
            positions: candle_nn::embedding(
                cfg.max_position_embeddings,
                h,
                emb.pp("position_embeddings"),
            )?,
            cases: candle_nn::embedding(cfg.type_vocab_size, h, emb.pp("token_type_embeddings"))?,
            embedding_norm: norm(h, emb.pp("LayerNorm"))?,
            layers,
            classifier: candle_nn::linear(h, cfg.labels.len(), vb.pp("classifier"))?,
            heads: cfg.num_attention_heads,
            window: cfg.window,
            unknown: special("[UNK]")?,
            cls: special("[CLS]")?,
            sep: special("[SEP]")?,
            labels: cfg.labels,
            vocab,
        })
    }

    /// WordPiece ids of one word (BERT's uncased basic tokeniser, then greedy longest match).
    pub fn pieces(&self, word: &str) -> Vec<u32> {
        let mut out = Vec::new();
        for part in basic_split(word) {
            if part.chars().count() > 100 {
                out.push(self.unknown);
                continue;
            }
            let chars: Vec<(usize, char)> = part.char_indices().collect();
            let mut ids = Vec::new();
            let mut start = 0;
            let mut candidate = String::new();
            while start < chars.len() {
                let mut end = chars.len();
                let mut found = None;
                while start < end {
                    let from = chars[start].0;
                    let to = chars.get(end).map_or(part.len(), |c| c.0);
                    candidate.clear();
                    if start > 0 {
                        candidate.push_str("##");
                    }
                    candidate.push_str(&part[from..to]);
                    if let Some(&id) = self.vocab.get(&candidate) {
                        found = Some(id);
                        break;
                    }
                    end -= 1;
                }
                match found {
                    Some(id) => {
                        ids.push(id);
                        start = end;
                    }
                    None => {
                        ids = vec![self.unknown];
                        break;
                    }
                }
            }
            out.extend(ids);
        }
        if out.is_empty() {
            out.push(self.unknown);
        }
        out.truncate(MAX_PIECES_PER_WORD);
        out
    }

    /// IOB2 labels for every token of a document's sentences.
    pub fn tag_document<S: AsRef<str>>(
        &self,
        sentences: &[Vec<S>],
    ) -> Result<Vec<Vec<String>>, AccurateError> {
        // Flatten the document into words with their pieces and case classes.
        let mut pieces: Vec<Vec<u32>> = Vec::new();
        let mut cases: Vec<u32> = Vec::new();
        for sentence in sentences {
            for (i, word) in sentence.iter().enumerate() {
                pieces.push(self.pieces(word.as_ref()));
                cases.push(case_class(word.as_ref(), i == 0));
            }
        }
        let windows = plan_windows(&pieces, self.window, CONTEXT);
        let mut scores: Vec<Vec<f32>> = vec![Vec::new(); pieces.len()];
        for batch in windows.chunks(BATCH) {
            let logits = self.forward_windows(batch, &pieces, &cases)?;
            for (w, rows) in batch.iter().zip(logits) {
                for (word, row) in (w.words.0..w.words.1).zip(rows) {
                    if (w.keep.0..w.keep.1).contains(&word) {
                        scores[word] = row;
                    }
                }
            }
        }
        // A word without a letter or digit does not start a name: a lone "@" before a handle
        // ("@ USER") was tagged a person 365 times on WNUT-17 test, learned from BTC's
        // "@handle" tokens, whose first piece is "@".
        let mut at = 0;
        for sentence in sentences {
            for word in sentence {
                if !word.as_ref().chars().any(char::is_alphanumeric) {
                    forbid_starts(&self.labels, &mut scores[at]);
                }
                at += 1;
            }
        }
        let fast = super::ner::NerModel::embedded().tag_document(sentences);
        let fast: Vec<String> = fast
            .iter()
            .flat_map(|tags| super::perceptron::decode_iob2(tags))
            .collect();
        add_fast_votes(&self.labels, &fast, &mut scores);
        cased_document_votes(&self.labels, sentences, &fast, &mut scores);
        // Tags per sentence, with the margins `consistent_names` reads (none here: zeros).
        let mut scored: Vec<(Vec<u8>, Vec<f32>)> = Vec::with_capacity(sentences.len());
        let mut at = 0;
        for sentence in sentences {
            let rows = &scores[at..at + sentence.len()];
            at += sentence.len();
            let labels: Vec<String> = viterbi(rows, &self.labels)
                .into_iter()
                .map(|l| self.labels[l].clone())
                .collect();
            scored.push((
                super::perceptron::encode(&labels),
                vec![0.0; sentence.len()],
            ));
        }
        super::ner::NerModel::consistent_names(
            sentences,
            &mut scored,
            super::ner::Fill::TaggedOnly,
        );
        let mut tags: Vec<Vec<u8>> = scored.into_iter().map(|(t, _)| t).collect();
        super::after_decoding(sentences, &mut tags);
        Ok(tags
            .iter()
            .map(|t| super::perceptron::decode_iob2(t))
            .collect())
    }

    /// Log-probabilities of every label for each word of each window (first pieces).
    fn forward_windows(
        &self,
        windows: &[Window],
        pieces: &[Vec<u32>],
        cases: &[u32],
    ) -> Result<Vec<Vec<Vec<f32>>>, AccurateError> {
        let mut rows: Vec<(Vec<u32>, Vec<u32>, Vec<usize>)> = Vec::new(); // ids, cases, firsts
        for w in windows {
            let (mut ids, mut case, mut firsts) = (vec![self.cls], vec![0], Vec::new());
            for word in w.words.0..w.words.1 {
                firsts.push(ids.len());
                for &p in &pieces[word] {
                    ids.push(p);
                    case.push(cases[word]);
                }
            }
            ids.push(self.sep);
            case.push(0);
            rows.push((ids, case, firsts));
        }
        let len = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
        let n = rows.len();
        let mut ids = vec![0u32; n * len];
        let mut case = vec![0u32; n * len];
        let mut bias = vec![-10000f32; n * len];
        for (r, (i, c, _)) in rows.iter().enumerate() {
            ids[r * len..r * len + i.len()].copy_from_slice(i);
            case[r * len..r * len + c.len()].copy_from_slice(c);
            bias[r * len..r * len + i.len()].fill(0.0);
        }
        let dev = Device::Cpu;
        let ids = Tensor::from_vec(ids, (n, len), &dev)?;
        let case = Tensor::from_vec(case, (n, len), &dev)?;
        let bias = Tensor::from_vec(bias, (n, len), &dev)?;
        let positions = Tensor::arange(0u32, len as u32, &dev)?.unsqueeze(0)?;
        let x = self
            .words
            .forward(&ids)?
            .broadcast_add(&self.positions.forward(&positions)?)?
            .add(&self.cases.forward(&case)?)?;
        let mut x = self.embedding_norm.forward(&x)?;
        let h = x.dim(2)?;
        let d = h / self.heads;
        let scale = 1.0 / (d as f64).sqrt();
        let split = |t: Tensor| -> candle_core::Result<Tensor> {
            t.reshape((n, len, self.heads, d))?
                .transpose(1, 2)?
                .contiguous()
        };
        for l in &self.layers {
            let q = split(l.query.forward(&x)?)?;
            let k = split(l.key.forward(&x)?)?;
            let v = split(l.value.forward(&x)?)?;
            let att = (q * scale)?.matmul(&k.t()?)?;
            att.inplace_op2(&bias, &super::accurate_ops::MaskedSoftmax)?;
            let ctx = att
                .matmul(&v)?
                .transpose(1, 2)?
                .contiguous()?
                .reshape((n, len, h))?;
            let attended = l.attention_out.forward(&ctx)?;
            attended.inplace_op2(&x, &l.attention_norm)?;
            x = attended;
            let up = l.up.forward(&x)?;
            up.inplace_op1(&super::accurate_ops::Gelu)?;
            let ff = l.down.forward(&up)?;
            ff.inplace_op2(&x, &l.output_norm)?;
            x = ff;
        }
        let logp = candle_nn::ops::log_softmax(&self.classifier.forward(&x)?, 2)?;
        let all: Vec<Vec<Vec<f32>>> = logp.to_vec3()?;
        Ok(rows
            .iter()
            .zip(all)
            .map(|((_, _, firsts), window)| firsts.iter().map(|&f| window[f].clone()).collect())
            .collect())
    }
}

/// In a cased document (`is_cased`) a name does not start on an all-lowercase word the
/// fast tier left out, unless it is a particle ("de Staël"): on the news dev sets such
/// names were wrong 15 times in 19 ("moon", "eastern", "see"); in lowercase tweets they
/// are mostly right, and stay. And a word with a capital inside ("WeWork", "iPad"), which
/// the uncased pieces cannot see ("we", "##work"), takes the fast tier's label: on the news
/// dev sets the fast tier was right on such words 7 times in 8 where the two tiers
/// disagreed; in tweets ("DumpTrump") it is mostly wrong, and there the vote stays as it
/// is. `fast` and `scores` hold one label and one row per word of `sentences`.
fn cased_document_votes<S: AsRef<str>>(
    labels: &[String],
    sentences: &[Vec<S>],
    fast: &[String],
    scores: &mut [Vec<f32>],
) {
    if !is_cased(sentences) {
        return;
    }
    let words = sentences.iter().flat_map(|s| s.iter());
    for ((word, label), row) in words.zip(fast).zip(scores) {
        let word = word.as_ref();
        let lowercase = !word.is_empty() && word.chars().all(char::is_lowercase);
        if label == "O" && lowercase && !super::name_joins::PARTICLES.contains(word) {
            forbid_starts(labels, row);
        }
        if label != "O" && is_camel_case(word) {
            vote(labels, label, row, CAMEL_CASE_VOTE);
        }
    }
}

/// No label of `row` may start a name.
fn forbid_starts(labels: &[String], row: &mut [f32]) {
    for (label, score) in labels.iter().zip(row) {
        if label.starts_with("B-") {
            *score = f32::NEG_INFINITY;
        }
    }
}

/// Is a document written in mixed case: at least three sentences with a letter, and nine
/// in ten of them opening on a capital? Not a tweet, nor lowercased text.
fn is_cased<S: AsRef<str>>(sentences: &[Vec<S>]) -> bool {
    let (mut with_letters, mut capitalised) = (0, 0);
    for sentence in sentences {
        let first = sentence
            .iter()
            .find_map(|w| w.as_ref().chars().find(|c| c.is_alphabetic()));
        if let Some(c) = first {
            with_letters += 1;
            capitalised += usize::from(c.is_uppercase());
        }
    }
    with_letters >= 3 && capitalised * 10 >= with_letters * 9
}

/// Add `FAST_VOTE` to each word's score for the label the fast tier gave it, when that label
/// is part of a name (`fast` holds one IOB2 label per word, as `scores` one row).
fn add_fast_votes(labels: &[String], fast: &[String], scores: &mut [Vec<f32>]) {
    for (label, row) in fast.iter().zip(scores) {
        if label != "O" {
            vote(labels, label, row, FAST_VOTE);
        }
    }
}

/// Add `weight` to `row`'s score for `label`.
fn vote(labels: &[String], label: &str, row: &mut [f32], weight: f32) {
    if let Some(score) = labels
        .iter()
        .position(|l| l == label)
        .and_then(|i| row.get_mut(i))
    {
        *score += weight;
    }
}

/// Does `word` have a capital after a lowercase letter, and four letters or more
/// ("WeWork", "iPad"; not "MoU")?
fn is_camel_case(word: &str) -> bool {
    word.chars().count() >= 4
        && word
            .chars()
            .zip(word.chars().skip(1))
            .any(|(a, b)| a.is_lowercase() && b.is_uppercase())
}

/// One window: the words it reads and the words whose labels it decides (its middle: each
/// word is decided by the window in which it has the most context on both sides).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Window {
    words: (usize, usize),
    keep: (usize, usize),
}

/// Overlapping windows of at most `size` pieces over the words: every cut between two
/// windows has about `context` pieces of context on each side.
fn plan_windows(pieces: &[Vec<u32>], size: usize, context: usize) -> Vec<Window> {
    let n = pieces.len();
    let mut out = Vec::new();
    let (mut start, mut keep_from) = (0, 0);
    while keep_from < n {
        let mut end = start;
        let mut used = 0;
        while end < n && (end == start || used + pieces[end].len() <= size) {
            used += pieces[end].len();
            end += 1;
        }
        if end == n {
            out.push(Window {
                words: (start, end),
                keep: (keep_from, end),
            });
            break;
        }
        // Keep up to the last word with at least `context` pieces after it in the window.
        let mut keep_to = end;
        let mut after = 0;
        while keep_to > keep_from + 1 && after < context {
            keep_to -= 1;
            after += pieces[keep_to].len();
        }
        out.push(Window {
            words: (start, end),
            keep: (keep_from, keep_to),
        });
        // The next window starts `context` pieces before the first word it must decide.
        let mut next = keep_to;
        let mut before = 0;
        while next > start + 1 && before + pieces[next - 1].len() <= context {
            next -= 1;
            before += pieces[next].len();
        }
        start = next;
        keep_from = keep_to;
    }
    out
}

/// The best IOB2-valid label sequence (I-X only after B-X or I-X) for one sentence.
fn viterbi(rows: &[Vec<f32>], labels: &[String]) -> Vec<usize> {
    if rows.is_empty() {
        return Vec::new();
    }
    let k = labels.len();
    let inside = |j: usize| labels[j].strip_prefix("I-");
    let allowed = |i: usize, j: usize| match inside(j) {
        None => true,
        Some(t) => labels[i] != "O" && &labels[i][2..] == t,
    };
    let mut score: Vec<f32> = (0..k)
        .map(|j| {
            if inside(j).is_some() {
                f32::NEG_INFINITY
            } else {
                rows[0].get(j).copied().unwrap_or(f32::NEG_INFINITY)
            }
        })
        .collect();
    let mut back: Vec<Vec<usize>> = Vec::with_capacity(rows.len());
    for row in &rows[1..] {
        let mut next = vec![f32::NEG_INFINITY; k];
        let mut from = vec![0; k];
        for j in 0..k {
            for (i, &s) in score.iter().enumerate() {
                if allowed(i, j) && s > next[j] {
                    next[j] = s;
                    from[j] = i;
                }
            }
            next[j] += row.get(j).copied().unwrap_or(f32::NEG_INFINITY);
        }
        score = next;
        back.push(from);
    }
    let mut j = (0..k).fold(0, |best, j| if score[j] > score[best] { j } else { best });
    let mut path = vec![j];
    for from in back.iter().rev() {
        j = from[j];
        path.push(j);
    }
    path.reverse();
    path
}

/// BERT's basic tokeniser for uncased models on one word: lower-case, strip accents, and
/// split off punctuation and CJK ideographs. Matches `basic_split` in tools/accurate/train.py.
fn basic_split(word: &str) -> Vec<String> {
    let folded: String = word
        .to_lowercase()
        .nfd()
        .filter(|&c| get_general_category(c) != GeneralCategory::NonspacingMark)
        .collect();
    let mut parts = Vec::new();
    let mut current = String::new();
    for c in folded.chars() {
        let cp = c as u32;
        let category = get_general_category(c);
        if c.is_whitespace()
            || cp == 0
            || cp == 0xFFFD
            || matches!(category, GeneralCategory::Control | GeneralCategory::Format)
        {
            if !current.is_empty() {
                parts.push(std::mem::take(&mut current));
            }
        } else if is_punctuation(c)
            || (0x4E00..=0x9FFF).contains(&cp)
            || (0x3400..=0x4DBF).contains(&cp)
        {
            if !current.is_empty() {
                parts.push(std::mem::take(&mut current));
            }
            parts.push(c.to_string());
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

fn is_punctuation(c: char) -> bool {
    use GeneralCategory::*;
    c.is_ascii_punctuation()
        || matches!(
            get_general_category(c),
            ConnectorPunctuation
                | DashPunctuation
                | OpenPunctuation
                | ClosePunctuation
                | InitialPunctuation
                | FinalPunctuation
                | OtherPunctuation
        )
}

/// The shape of the original word (6 shapes) and whether it starts its sentence; the same
/// classes as `case_class` in tools/accurate/train.py.
fn case_class(word: &str, first: bool) -> u32 {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let shape = if letters.is_empty() {
        if word.chars().any(|c| c.is_numeric()) {
            4
        } else {
            5
        }
    } else if letters.iter().all(|c| c.is_lowercase()) {
        0
    } else if letters.iter().all(|c| c.is_uppercase()) {
        if letters.len() > 1 { 2 } else { 1 }
    } else if letters[0].is_uppercase() && letters[1..].iter().all(|c| c.is_lowercase()) {
        1
    } else {
        3
    };
    shape * 2 + u32::from(first)
}

/// The run-time accurate tagger over the embedded model (`--ner accurate`).
pub struct AccurateTagger;

impl Tagger for AccurateTagger {
    fn tier(&self) -> Option<super::Tier> {
        Some(super::Tier::Accurate)
    }

    fn mentions(&self, parts: &[&str]) -> Vec<Mention> {
        let Ok(model) = AccurateModel::embedded() else {
            return Vec::new();
        };
        let (tokens, sentences, origin) = super::ner::document_sentences(parts);
        let words: Vec<Vec<&str>> = sentences
            .iter()
            .map(|&(a, b)| tokens[a..b].iter().map(|t| t.text).collect())
            .collect();
        let Ok(tagged) = model.tag_document(&words) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let labelled: Vec<Vec<(usize, usize, String)>> = tagged
            .iter()
            .map(|labels| super::conll::spans(labels))
            .collect();
        let all_spans: Vec<Vec<(usize, usize, &str)>> = labelled
            .iter()
            .map(|spans| {
                spans
                    .iter()
                    .map(|(start, end, tag)| (*start, *end, tag.as_str()))
                    .collect()
            })
            .collect();
        let teams = super::teams::team_names(&words, &all_spans);
        for (((&(a, _), &p), labels), spans) in
            sentences.iter().zip(&origin).zip(&tagged).zip(&all_spans)
        {
            let sentence = &tokens[a..];
            let parties = super::party_adjectives(&sentence[..labels.len()], spans);
            for &(start, end) in &parties {
                let text = &parts[p][sentence[start].start..sentence[end - 1].end];
                found.push(Mention::new(text, super::EntityKind::Org));
            }
            for (at, (a, b)) in super::untagged_short_forms(&sentence[..labels.len()], spans) {
                let full = &parts[p][sentence[a].start..sentence[b - 1].end];
                found.push(Mention {
                    short_for: Some(full.to_string()),
                    ..Mention::new(sentence[at].text, super::EntityKind::Org)
                });
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
                let text = &parts[p][sentence[start].start..sentence[end - 1].end];
                let short_for = super::bracketed_short_form(sentence, spans, (start, end, tag))
                    .or_else(|| super::real_name_of(sentence, spans, (start, end, tag)))
                    .map(|(a, b)| parts[p][sentence[a].start..sentence[b - 1].end].to_string());
                found.push(Mention {
                    cued,
                    short_for,
                    ..Mention::new(text, kind)
                });
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(sizes: &[usize]) -> Vec<Vec<u32>> {
        sizes.iter().map(|&n| vec![1; n]).collect()
    }

    #[test]
    fn the_fast_tiers_names_are_votes_and_its_outside_words_are_not() {
        let labels: Vec<String> = ["O", "B-PER", "I-PER", "B-ORG"].map(String::from).to_vec();
        let fast: Vec<String> = ["B-ORG", "O", "I-PER"].map(String::from).to_vec();
        let mut scores = vec![vec![-1.0; 4]; 3];
        add_fast_votes(&labels, &fast, &mut scores);
        let voted = -1.0 + FAST_VOTE;
        assert_eq!(scores[0], vec![-1.0, -1.0, -1.0, voted]);
        assert_eq!(scores[1], vec![-1.0; 4]);
        assert_eq!(scores[2], vec![-1.0, -1.0, voted, -1.0]);
    }

    #[test]
    fn cased_documents_give_camel_case_the_fast_label_and_no_lowercase_starts() {
        let labels: Vec<String> = ["O", "B-ORG", "I-ORG", "B-LOC"].map(String::from).to_vec();
        let doc = |text: &str| -> Vec<Vec<String>> {
            text.split(" | ")
                .map(|s| s.split(' ').map(String::from).collect())
                .collect()
        };
        let cased = doc("WeWork grew . | The moon rose . | De la Rue printed");
        let fast: Vec<String> = ["B-ORG", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O"]
            .map(String::from)
            .to_vec();
        let mut scores = vec![vec![0.0; 4]; fast.len()];
        cased_document_votes(&labels, &cased, &fast, &mut scores);
        assert_eq!(scores[0], vec![0.0, CAMEL_CASE_VOTE, 0.0, 0.0]);
        // "moon" (4): no start; "la" (8), a particle, and capitalised words: untouched.
        assert_eq!(
            scores[4],
            vec![0.0, f32::NEG_INFINITY, 0.0, f32::NEG_INFINITY]
        );
        assert_eq!(scores[8], vec![0.0; 4]);
        assert_eq!(scores[3], vec![0.0; 4]);
        // Not in a document that is not cased.
        let tweets = doc("WeWork grew | the moon rose");
        let mut scores = vec![vec![0.0; 4]; 6];
        cased_document_votes(&labels, &tweets, &fast[..6], &mut scores);
        assert!(scores.iter().all(|row| row == &vec![0.0; 4]));
    }

    #[test]
    fn camel_case_words_have_a_capital_after_a_lowercase_letter() {
        for word in ["WeWork", "iPad", "YouTube", "LinkedIn"] {
            assert!(is_camel_case(word), "{word}");
        }
        for word in ["MoU", "Reuters", "NATO", "McDonald", "we"] {
            assert_eq!(is_camel_case(word), word == "McDonald", "{word}");
        }
    }

    #[test]
    fn cased_documents_are_those_whose_sentences_open_on_capitals() {
        fn doc(text: &str) -> Vec<Vec<&str>> {
            text.split(" | ").map(|s| s.split(' ').collect()).collect()
        }
        assert!(is_cased(&doc(
            "The moon rose . | \" Yes , \" he said . | ENERGY PRICES"
        )));
        assert!(!is_cased(&doc("The moon rose . | he said so . | Yes")));
        // Too short to tell: a tweet.
        assert!(!is_cased(&doc("Obama in portland | Great")));
    }

    #[test]
    fn windows_decide_every_word_once_and_fit() {
        for sizes in [
            vec![1; 10],
            vec![1; 300],
            vec![3; 500],
            vec![16, 1, 16, 2, 9, 16, 16, 16, 1],
        ] {
            let p = pieces(&sizes);
            let plan = plan_windows(&p, 32, 8);
            let mut next = 0;
            for w in &plan {
                assert_eq!(w.keep.0, next, "{plan:?}");
                assert!(w.keep.1 > w.keep.0 && w.words.0 <= w.keep.0 && w.keep.1 <= w.words.1);
                let used: usize = p[w.words.0..w.words.1].iter().map(Vec::len).sum();
                assert!(
                    used <= 32 || w.words.1 - w.words.0 == 1,
                    "{w:?} uses {used}"
                );
                next = w.keep.1;
            }
            assert_eq!(next, p.len());
        }
        assert!(plan_windows(&[], 32, 8).is_empty());
    }

    #[test]
    fn a_long_document_is_read_in_overlapping_windows() {
        let plan = plan_windows(&pieces(&[1; 300]), 128, 32);
        assert!(plan.len() >= 3, "{plan:?}");
        // Every cut has context on both sides.
        for pair in plan.windows(2) {
            assert!(pair[0].words.1 >= pair[0].keep.1 + 16, "{pair:?}");
            assert!(pair[1].words.0 + 16 <= pair[1].keep.0, "{pair:?}");
        }
    }

    #[test]
    fn viterbi_never_starts_inside_an_entity() {
        let labels: Vec<String> = ["O", "B-PER", "I-PER"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let rows = vec![vec![-5.0, -3.0, -0.1], vec![-3.0, -4.0, -0.1]];
        assert_eq!(viterbi(&rows, &labels), vec![1, 2]);
    }

    #[test]
    fn basic_split_lowercases_strips_accents_and_splits_punctuation() {
        assert_eq!(
            basic_split("Côte-d'Ivoire"),
            ["cote", "-", "d", "'", "ivoire"]
        );
        assert_eq!(basic_split("U.S."), ["u", ".", "s", "."]);
        assert_eq!(basic_split("\u{200b}"), Vec::<String>::new());
    }

    #[test]
    fn case_classes_follow_the_shape_of_the_word() {
        assert_eq!(case_class("obama", false), 0);
        assert_eq!(case_class("Obama", true), 3);
        assert_eq!(case_class("NATO", false), 4);
        assert_eq!(case_class("iPhone", false), 6);
        assert_eq!(case_class("2024", false), 8);
        assert_eq!(case_class(",", false), 10);
    }

    #[test]
    fn the_embedded_model_tags_a_news_sentence() {
        let model = AccurateModel::embedded().expect("model loads");
        assert!(model.pieces("Shoigu").len() > 1);
        let sentence: Vec<&str> = "Kim Jong Un met Sergei Shoigu in Vladivostok on Wednesday ."
            .split(' ')
            .collect();
        let tags = model.tag_document(&[sentence]).unwrap();
        assert_eq!(
            tags[0],
            [
                "B-PER", "I-PER", "I-PER", "O", "B-PER", "I-PER", "O", "B-LOC", "O", "O", "O"
            ]
        );
    }
}
