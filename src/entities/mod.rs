//! Entities: find people, places and organisations in an article, normalise and link them.
//!
//! Owns the `Tagger` interface (text in, typed mention spans out), the per-article pipeline
//! that runs a tagger over headline, captions and body, and the normalisation that turns
//! mentions into one entry per entity with a count. It must not read files or touch the
//! index. The tagger behind the interface is swappable: `baseline` is a rule-based one.

pub mod baseline;
pub mod normalize;

use crate::article::{Article, EntityKind};

/// One mention found by a tagger: the surface text and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub text: String,
    pub kind: EntityKind,
}

/// Anything that finds entity mentions in text. Implementations must be cheap to share
/// across threads.
pub trait Tagger: Send + Sync {
    /// Mentions in `text`, in order. `text` is one field of an article (a headline, a caption,
    /// or the body); paragraphs are separated by blank lines.
    fn mentions(&self, text: &str) -> Vec<Mention>;
}

/// The tagger `newsdex` uses by default.
pub fn default_tagger() -> &'static dyn Tagger {
    static TAGGER: baseline::BaselineTagger = baseline::BaselineTagger;
    &TAGGER
}

/// Fill `article.persons/places/orgs` from its headline, captions and body.
pub fn annotate(article: &mut Article, tagger: &dyn Tagger) {
    let mut mentions = tagger.mentions(&article.headline);
    for caption in &article.captions {
        mentions.extend(tagger.mentions(caption));
    }
    mentions.extend(tagger.mentions(&article.body));
    let resolved = normalize::resolve(&mentions, &article.byline);
    for kind in EntityKind::ALL {
        *article.entities_mut(kind) = resolved
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, e)| e.clone())
            .collect();
    }
}

/// The comparison key of a name: accents folded to ASCII, lowercase, single spaces, no
/// punctuation but inner hyphens/apostrophes dropped to spaces. "Sergéi  Shoigu's" ->
/// "sergei shoigu's" is *not* produced: possessives are stripped before keys are made.
pub fn fold_key(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut out = String::with_capacity(ascii.len());
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_key_folds_case_accents_punctuation() {
        assert_eq!(fold_key("  Sergéi   SHOIGU "), "sergei shoigu");
        assert_eq!(fold_key("U.S."), "u s");
        assert_eq!(fold_key("Jean-Claude Juncker"), "jean claude juncker");
    }
}
