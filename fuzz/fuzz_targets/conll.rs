//! CoNLL reading and tagging.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdex::entities::{conll, ner::NerModel};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let model = NerModel::embedded();
    let mut score = conll::Score::default();
    for doc in conll::read_with_breaks(&text) {
        let sentences: Vec<Vec<&str>> = doc.sentences.iter().map(|s| s.tokens.iter().map(String::as_str).collect()).collect();
        for (s, tags) in doc.sentences.iter().zip(model.tag_document(&sentences)) {
            score.add(&s.tags, &newsdex::entities::perceptron::decode_iob2(&tags));
        }
    }
    let _ = score.report();
});
