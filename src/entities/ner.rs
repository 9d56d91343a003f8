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
use std::io::{Read, Write};
use std::sync::OnceLock;

use super::conll::{self, Document, Score};
use super::features::{DocContext, Extractor, Lexicon, SentenceFeatures, count_case};
use super::perceptron::{self, Model, Trainer, decode_iob2, encode};
use super::tokenize;
use super::{Mention, Tagger};
use crate::article::EntityKind;

const MAGIC: &[u8; 8] = b"NDXNER04";

/// The model shipped inside the binary (made by `train-ner`, see README).
static EMBEDDED: &[u8] = include_bytes!("../../models/ner.bin.gz");

/// The two-pass tagger.
pub struct NerModel {
    pub lexicon: Lexicon,
    pub first: Model,
    pub second: Model,
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
            NerModel::from_compressed(EMBEDDED)
                .expect("the embedded NER model is written by train-ner and checked by tests")
        })
    }

    pub fn from_compressed(bytes: &[u8]) -> Result<NerModel, ModelError> {
        let mut raw = Vec::new();
        flate2::read::DeflateDecoder::new(bytes).read_to_end(&mut raw)?;
        let mut rest = raw.as_slice();
        if rest.len() < 8 || &rest[..8] != MAGIC {
            return Err(ModelError::Format);
        }
        rest = &rest[8..];
        let lexicon = Lexicon::read(&mut rest).ok_or(ModelError::Format)?;
        let first = Model::read(&mut rest).ok_or(ModelError::Format)?;
        let second = Model::read(&mut rest).ok_or(ModelError::Format)?;
        Ok(NerModel {
            lexicon,
            first,
            second,
        })
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
        let mut ctx = DocContext::new(sentences);
        let mut ex = Extractor::default();
        let mut feats = SentenceFeatures::default();
        let mut scratch = Vec::new();
        let mut first_pass = Vec::with_capacity(sentences.len());
        let mut toks: Vec<&str> = Vec::new();
        for s in sentences {
            toks.clear();
            toks.extend(s.iter().map(|t| t.as_ref()));
            let mut tags = Vec::new();
            ex.extract(&toks, &ctx, &self.lexicon, &mut feats);
            self.first.predict(&feats, &mut scratch, &mut tags);
            first_pass.push(tags);
        }
        if !second_pass {
            return first_pass;
        }
        for (s, tags) in sentences.iter().zip(&first_pass) {
            ctx.add_votes(s, tags);
        }
        let mut out = Vec::with_capacity(sentences.len());
        for s in sentences {
            toks.clear();
            toks.extend(s.iter().map(|t| t.as_ref()));
            let mut tags = Vec::new();
            ex.extract(&toks, &ctx, &self.lexicon, &mut feats);
            self.second.predict(&feats, &mut scratch, &mut tags);
            out.push(tags);
        }
        out
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

/// The run-time tagger over the embedded model.
pub struct NerTagger {
    model: &'static NerModel,
}

impl NerTagger {
    pub fn embedded() -> NerTagger {
        NerTagger {
            model: NerModel::embedded(),
        }
    }
}

impl Tagger for NerTagger {
    fn mentions(&self, parts: &[&str]) -> Vec<Mention> {
        // All parts form one document, so pass two sees every mention of a word.
        let mut sentences = Vec::new();
        let mut origin = Vec::new(); // which part each sentence came from
        for (p, part) in parts.iter().enumerate() {
            for s in tokenize::sentences(part) {
                sentences.push(s);
                origin.push(p);
            }
        }
        let token_texts: Vec<Vec<&str>> = sentences
            .iter()
            .map(|s| s.iter().map(|t| t.text).collect())
            .collect();
        let tags = self.model.tag_document(&token_texts);
        let mut out = Vec::new();
        for ((sentence, tags), &p) in sentences.iter().zip(&tags).zip(&origin) {
            let tag_names = decode_iob2(tags);
            for (start, end, kind) in conll::spans(&tag_names) {
                let kind = match kind.as_str() {
                    "PER" => EntityKind::Person,
                    "LOC" => EntityKind::Place,
                    "ORG" => EntityKind::Org,
                    _ => continue,
                };
                let text = &parts[p][sentence[start].start..sentence[end - 1].end];
                out.push(Mention {
                    text: text.to_string(),
                    kind,
                });
            }
        }
        out
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
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            folds: 5,
            prune: 0.01,
            seed: 7,
            ensemble: 1,
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
}

fn examples(
    doc: &Document,
    ctx: &DocContext,
    lexicon: &Lexicon,
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
        let (mut scratch, mut pred) = (Vec::new(), Vec::new());
        for epoch in 0..options.epochs {
            rng.shuffle(&mut order);
            let mut wrong = 0;
            for &i in &order {
                if trainer.learn(
                    &examples[i].feats,
                    &examples[i].gold,
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

pub fn train(
    train: &[Document],
    unlabelled: &[String],
    external: &ExternalNames,
    options: &TrainOptions,
    log: &mut dyn FnMut(String),
) -> NerModel {
    let with_external = |mut lexicon: Lexicon| {
        for (tokens, bits) in external {
            lexicon.add_external(tokens, *bits);
        }
        lexicon
    };
    let k = options.folds.max(2);
    let fold_of = |d: usize| d % k;
    let mut ex = Extractor::default();
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
                train
                    .iter()
                    .enumerate()
                    .filter(|(d, _)| fold_of(*d) != f)
                    .map(|(_, doc)| doc),
            );
            lexicon.set_case_counts(&case_counts);
            with_external(lexicon)
        })
        .collect();
    let contexts: Vec<DocContext> = train
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
    let first_examples: Vec<Vec<Example>> = train
        .iter()
        .enumerate()
        .map(|(d, doc)| examples(doc, &contexts[d], &fold_lexicons[fold_of(d)], &mut ex))
        .collect();

    // Pass-one votes for every training document from a model that did not see it.
    let mut votes: Vec<DocContext> = train
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
    for f in 0..k {
        log(format!("pass one, fold {}/{k}", f + 1));
        let training: Vec<&Example> = first_examples
            .iter()
            .enumerate()
            .filter(|(d, _)| fold_of(*d) != f)
            .flat_map(|(_, e)| e.iter())
            .collect();
        let model = train_model(&training, options, log);
        let (mut scratch, mut pred) = (Vec::new(), Vec::new());
        for (d, doc) in train.iter().enumerate().filter(|(d, _)| fold_of(*d) == f) {
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
    let second_examples: Vec<Vec<Example>> = train
        .iter()
        .enumerate()
        .map(|(d, doc)| examples(doc, &votes[d], &fold_lexicons[fold_of(d)], &mut ex))
        .collect();
    let all_second: Vec<&Example> = second_examples.iter().flatten().collect();
    let second = train_model(&all_second, options, log);
    let mut lexicon = lexicon_of(train.iter());
    lexicon.set_case_counts(&case_counts);
    NerModel {
        lexicon: with_external(lexicon),
        first,
        second,
    }
}
