//! CoNLL-2003 files: reading, writing predictions, and conlleval-style scoring.
//!
//! Owns the file format (first column the token, last column the gold tag when present,
//! blank line between sentences, `-DOCSTART-` between documents) and entity-level scoring
//! with conlleval semantics (an entity counts only with exact span and type). Also how a
//! file cut by another tool is read for tagging, and the labels put back on its tokens:
//! overlong documents in parts (`part_starts`), glued punctuation, possessives and Treebank
//! escapes (`glued`, `pieces`, `on_tokens`), hyphenated words cut apart (`hyphens_split`,
//! `join_hyphens`, `spread_hyphens`) and overlong sentences (`sentence_cuts`). IOB1 input
//! is converted to IOB2, and gold in BIOES or with other schemes' types to CoNLL-2003's
//! (`gold_tag`). It must not train or run models.

use std::collections::BTreeMap;

/// One sentence: tokens and (possibly empty) gold tags.
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

/// A document: its sentences, in order.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub sentences: Vec<Sentence>,
    /// The document was introduced by a `-DOCSTART-` line.
    pub docstart: bool,
}

/// Read CoNLL text. A file without `-DOCSTART-` lines is one document.
pub fn read(text: &str) -> Vec<Document> {
    let mut docs = read_with_breaks(text);
    docs.retain(|d| !d.sentences.is_empty());
    docs
}

/// Read CoNLL text keeping every `-DOCSTART-` (even of an empty document), so output can
/// reproduce the input's document breaks.
pub fn read_with_breaks(text: &str) -> Vec<Document> {
    let mut docs: Vec<Document> = vec![Document::default()];
    let mut sentence = Sentence::default();
    let flush = |sentence: &mut Sentence, docs: &mut Vec<Document>| {
        if !sentence.tokens.is_empty() {
            to_iob2(&mut sentence.tags);
            docs.last_mut()
                .expect("there is always a document")
                .sentences
                .push(std::mem::take(sentence));
        }
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut sentence, &mut docs);
            continue;
        }
        let mut cols = line.split_whitespace();
        let token = cols.next().unwrap_or("");
        if token == "-DOCSTART-" {
            flush(&mut sentence, &mut docs);
            let last = docs.last_mut().expect("there is always a document");
            if last.sentences.is_empty() && !last.docstart {
                last.docstart = true;
            } else {
                docs.push(Document {
                    sentences: vec![],
                    docstart: true,
                });
            }
            continue;
        }
        let tag = line.split_whitespace().skip(1).last().unwrap_or("O");
        sentence.tokens.push(token.to_string());
        sentence.tags.push(gold_tag(tag));
    }
    flush(&mut sentence, &mut docs);
    if docs.len() == 1 && docs[0].sentences.is_empty() && !docs[0].docstart {
        docs.clear();
    }
    docs
}

/// Documents longer than this many sentences are tagged in parts (`part_starts`).
pub const LONG_DOCUMENT: usize = 100;
/// A part takes at least this many sentences before a headline may start the next one...
const PART_MIN: usize = 8;
/// ...and at most this many.
const PART_MAX: usize = 80;

/// Where a document of more than `LONG_DOCUMENT` sentences is cut into parts for tagging:
/// the indices of the sentences that start a part after the first (none for a shorter
/// document). Such a "document" is most likely many articles run together, as in a file
/// without `-DOCSTART-` lines, and the taggers' document context (one reading per name,
/// the first pass's votes) would mix them. A part ends before a sentence that reads like
/// the next article's headline (`is_headline`) once it has `PART_MIN` sentences, and at
/// `PART_MAX` in any case: without `-DOCSTART-` lines, world.dev's 24 articles come back as
/// exactly 24 parts. CoNLL valid without them loses 0.7 F1 (fast) and 1.5 (accurate) as one
/// document, nothing in parts (BENCHMARKS.md). `glued`: the file's stops are on its words.
pub fn part_starts(sentences: &[Vec<String>], glued: bool) -> Vec<usize> {
    let mut starts = Vec::new();
    if sentences.len() <= LONG_DOCUMENT {
        return starts;
    }
    let mut start = 0;
    for i in 1..sentences.len() {
        let length = i - start;
        if length >= PART_MAX
            || (length >= PART_MIN && is_headline(&sentences[i], &sentences[i - 1], glued))
        {
            starts.push(i);
            start = i;
        }
    }
    starts
}

/// A sentence that reads like a headline after the end of a story: 4 to 25 tokens, a
/// capitalised word, no closing punctuation, not a bracketed or "By" line (a credit or a
/// byline), and the sentence before it ended as sentences do (through Treebank escapes,
/// '' -RRB-, and in a `glued` file through a stop on the last word, "Sunday." "said.\"").
fn is_headline(tokens: &[String], previous: &[String], glued: bool) -> bool {
    const ENDS: &[&str] = &[".", "?", "!", "\"", "”", "'", "’", ")"];
    let ends = |t: Option<&String>| {
        t.is_some_and(|t| {
            ENDS.contains(&ptb_plain(t).unwrap_or(t))
                || (glued
                    && t.chars().count() > 1
                    && t.trim_end_matches(['"', '”', '\'', '’', ')'])
                        .ends_with(['.', '?', '!']))
        })
    };
    let opens_bracket = |t: &String| t.starts_with('(') || ptb_plain(t) == Some("(");
    (4..=25).contains(&tokens.len())
        && !ends(tokens.last())
        && tokens.last().is_some_and(|t| !t.ends_with(':'))
        && tokens
            .first()
            .is_some_and(|t| !opens_bracket(t) && !matches!(t.as_str(), "By" | "BY"))
        && tokens
            .iter()
            .any(|t| t.chars().next().is_some_and(char::is_uppercase))
        && ends(previous.last())
}

/// Whether a file's tokens come from a tokeniser that leaves punctuation on words
/// ("Kenya," "(Reuters)" "said."): at least 1% of them are a word with a comma or semicolon
/// after it, or a bracket or quote glued to it. CoNLL-style files have next to none (at
/// most 0.06% in the shared sets, from tweets), such text about 6%. The taggers, trained on
/// CoNLL-2003's tokens, read glued text badly: CoNLL valid with its punctuation glued on
/// scores 76.9 instead of 94.8 (fast tier; BENCHMARKS.md).
pub fn glued<'a>(sentences: impl Iterator<Item = &'a [String]>) -> bool {
    let (mut tokens, mut glued) = (0usize, 0usize);
    for sentence in sentences {
        for token in sentence {
            tokens += 1;
            glued += usize::from(looks_glued(token));
        }
    }
    tokens > 0 && glued * 100 >= tokens
}

/// A word of two or more letters with `,`/`;` after it, a closing bracket or quote after a
/// letter, or an opening bracket or quote before one.
fn looks_glued(token: &str) -> bool {
    let mut chars = token.chars();
    let (first, second) = (chars.next(), chars.next());
    let mut back = token.chars().rev();
    let (last, before_last) = (back.next(), back.next());
    let letter_before_last = before_last.is_some_and(char::is_alphabetic);
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    (matches!(last, Some(',' | ';')) && letter_before_last && letters >= 2)
        || (matches!(last, Some(')' | '"' | '”')) && letter_before_last)
        || (matches!(first, Some('(' | '"' | '“')) && second.is_some_and(char::is_alphabetic))
}

/// The plain character of a Penn Treebank escape (`` '' -LRB- -RRB- ...), as tokenisers in
/// that tradition (NLTK, CoreNLP) write quotes and brackets; the taggers learnt the plain
/// ones from CoNLL-2003: world.dev with its quotes and brackets so written scores 91.3
/// instead of 94.4 (fast tier; BENCHMARKS.md).
fn ptb_plain(token: &str) -> Option<&'static str> {
    Some(match token {
        "``" | "''" => "\"",
        "`" => "'",
        "-LRB-" | "-lrb-" => "(",
        "-RRB-" | "-rrb-" => ")",
        "-LSB-" | "-lsb-" => "[",
        "-RSB-" | "-rsb-" => "]",
        "-LCB-" | "-lcb-" => "{",
        "-RCB-" | "-rcb-" => "}",
        _ => return None,
    })
}

/// A clitic already cut off its word ("'s", "’re", "n't"): whole in any file.
fn is_clitic(token: &str) -> bool {
    let rest = token
        .strip_prefix(['\'', '’'])
        .or_else(|| token.strip_prefix("n'"))
        .or_else(|| token.strip_prefix("n’"));
    rest.is_some_and(|r| (1..=2).contains(&r.chars().count()) && r.chars().all(char::is_alphabetic))
}

/// A word with its possessive on it ("Kenya's", "Ruto’s"), which CoNLL-style tokenisers cut
/// and others (and some tweets' tokens) do not. The taggers read it badly even where no
/// other punctuation is glued on: news2019.dev with only its possessives glued back on
/// scores 81.8 instead of 89.3 (fast tier; BENCHMARKS.md).
fn is_possessive(token: &str) -> bool {
    let stem = token
        .strip_suffix("'s")
        .or_else(|| token.strip_suffix("’s"))
        .or_else(|| token.strip_suffix("'S"))
        .or_else(|| token.strip_suffix("’S"));
    stem.is_some_and(|s| !s.is_empty() && s.chars().all(char::is_alphabetic))
}

/// A sentence's tokens cut as this tokeniser would cut their text when the file is
/// `glued` ("Kenya," -> "Kenya" ","; "(Reuters)" -> "(" "Reuters" ")"), with the index of
/// the token each piece came from; handles, hashtags and web addresses stay whole. Tokens of
/// a CoNLL-style file are their own pieces, but for a possessive left on a word ("Kenya's"
/// -> "Kenya" "'s") and Penn Treebank escapes (`ptb_plain`).
pub fn pieces(tokens: &[String], glued: bool) -> (Vec<String>, Vec<usize>) {
    let mut pieces = Vec::with_capacity(tokens.len());
    let mut owners = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        let whole = !(glued || is_possessive(token))
            || is_clitic(token)
            || token.starts_with(['#', '@'])
            || token.contains("://")
            || token.starts_with("www.");
        if let Some(plain) = ptb_plain(token) {
            pieces.push(plain.to_string());
            owners.push(i);
            continue;
        }
        if whole {
            pieces.push(token.clone());
            owners.push(i);
            continue;
        }
        for piece in super::tokenize::split_token(token) {
            pieces.push(piece.to_string());
            owners.push(i);
        }
    }
    (pieces, owners)
}

/// Sentences longer than this many pieces (tokens as `pieces` cuts them) are cut at their
/// sentence ends for tagging (`sentence_cuts`); the shared sets' longest real sentence has
/// 144 tokens.
pub const LONG_SENTENCE: usize = 160;

/// Where to cut a "sentence" of more than `LONG_SENTENCE` tokens, most likely a paragraph or
/// a whole article from a file without blank lines between sentences: after each `.`, `?`
/// or `!` (or the quote that closes on one) followed by a capitalised word or an opening
/// curly quote. Empty for shorter sentences.
/// The taggers' sentence features (the first word, the sentence's casing) need the breaks:
/// world.b.dev without them scores 91.1 instead of 93.2, cut this way 92.3 (fast tier;
/// BENCHMARKS.md).
pub fn sentence_cuts(tokens: &[String]) -> Vec<usize> {
    if tokens.len() <= LONG_SENTENCE {
        return Vec::new();
    }
    let starts =
        |t: &str| t.chars().next().is_some_and(char::is_uppercase) || matches!(t, "“" | "‘");
    let ends = |t: &str| matches!(t, "." | "?" | "!");
    let closing = |t: &str| matches!(t, "”" | "’" | "\"" | "'" | "''");
    // After the end, or after the quote that closes on it (". ” The").
    (1..tokens.len())
        .filter(|&i| {
            starts(&tokens[i])
                && (ends(&tokens[i - 1])
                    || (i >= 2 && closing(&tokens[i - 1]) && ends(&tokens[i - 2])))
        })
        .collect()
}

/// Whether a file's tokeniser cut hyphenated words apart ("Ojo - Salihu", "Lokoja - based",
/// as spaCy does): it has at least 10 hyphens between two words and fewer than one
/// hyphenated word for every 10 of them. CoNLL-style files keep hyphenated words whole and
/// use " - " as a dash (CoNLL valid: 490 such words, 35 such hyphens; the tweets of BTC
/// section A, the most dashes for their words: 23 and 55). The taggers do not join a name across a
/// lone hyphen: world.b.dev with its hyphenated words cut scores 90.1 instead of 93.2 (fast
/// tier; BENCHMARKS.md).
pub fn hyphens_split<'a>(sentences: impl Iterator<Item = &'a [String]>) -> bool {
    let (mut joined, mut cut) = (0usize, 0usize);
    for tokens in sentences {
        joined += tokens.iter().filter(|t| is_hyphenated(t)).count();
        cut += (1..tokens.len().saturating_sub(1))
            .filter(|&i| hyphen_between_words(tokens, i))
            .count();
    }
    cut >= 10 && joined * 10 < cut
}

/// A word with a hyphen between two letters ("Lokoja-based", "Sanwo-Olu").
fn is_hyphenated(token: &str) -> bool {
    let chars: Vec<char> = token.chars().collect();
    (1..chars.len().saturating_sub(1))
        .any(|i| chars[i] == '-' && chars[i - 1].is_alphabetic() && chars[i + 1].is_alphabetic())
}

/// Token `i` is a lone hyphen between a word ending in a letter and one starting with one,
/// the first not in capitals: after capitals it is the dash of a headline or dateline
/// ("SOCCER - JAPAN GET LUCKY WIN", "NAIROBI - The"; 108 of CoNLL valid's 143).
fn hyphen_between_words(tokens: &[String], i: usize) -> bool {
    let capitals = |t: &str| {
        t.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !t.chars().any(char::is_lowercase)
    };
    i > 0
        && tokens.get(i).is_some_and(|t| t == "-")
        && !capitals(&tokens[i - 1])
        && tokens[i - 1]
            .chars()
            .last()
            .is_some_and(char::is_alphabetic)
        && tokens
            .get(i + 1)
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_alphabetic)
}

/// The tokens with hyphens cut out of words put back ("Ojo" "-" "Salihu" -> "Ojo-Salihu"),
/// and for each resulting token the given tokens it stands for.
pub fn join_hyphens(tokens: &[String]) -> (Vec<String>, Vec<std::ops::Range<usize>>) {
    let (mut joined, mut ranges): (Vec<String>, Vec<std::ops::Range<usize>>) = (vec![], vec![]);
    let mut i = 0;
    while i < tokens.len() {
        let mut word = tokens[i].clone();
        let start = i;
        while hyphen_between_words(tokens, i + 1) {
            word.push('-');
            word.push_str(&tokens[i + 2]);
            i += 2;
        }
        joined.push(word);
        ranges.push(start..i + 1);
        i += 1;
    }
    (joined, ranges)
}

/// Labels (and values) of joined tokens spread back over the tokens each stands for (the
/// inverse of `join_hyphens`): a name goes on through a hyphen into a capitalised part
/// ("Ojo-Salihu" B-PER -> B-PER I-PER I-PER) and stops before a lowercase one
/// ("Lokoja-based" B-LOC -> B-LOC O O), as annotators of such files tag them.
pub fn spread_hyphens<T: Copy>(
    labels: &[String],
    values: &[T],
    ranges: &[std::ops::Range<usize>],
    tokens: &[String],
) -> (Vec<String>, Vec<T>) {
    let (mut out, mut out_values) = (Vec::with_capacity(tokens.len()), Vec::new());
    for (k, range) in ranges.iter().enumerate() {
        let label = labels.get(k).map_or("O", String::as_str);
        let inside = label
            .get(2..)
            .filter(|_| label != "O")
            .map(|kind| format!("I-{kind}"));
        let mut alive = inside.is_some();
        for i in range.clone() {
            if i == range.start {
                out.push(label.to_string());
            } else {
                // A hyphen goes with the part after it.
                let part = if tokens[i] == "-" {
                    tokens.get(i + 1)
                } else {
                    Some(&tokens[i])
                };
                alive &= part
                    .and_then(|p| p.chars().next())
                    .is_some_and(char::is_uppercase);
                out.push(match (&inside, alive) {
                    (Some(inside), true) => inside.clone(),
                    _ => "O".to_string(),
                });
            }
            if let Some(&v) = values.get(k) {
                out_values.push(v);
            }
        }
    }
    // A name that stopped before a lowercase part does not go on into the next token.
    to_iob2(&mut out);
    (out, out_values)
}

/// The pieces' IOB2 labels (and per-piece values, such as margins) back on `n` tokens: a
/// token takes the label of its first piece inside a name ("(Reuters)" is B-ORG through
/// "Reuters"), else O; the result is valid IOB2 (an I- with no name before it becomes B-).
pub fn on_tokens<T: Copy + Default>(
    labels: &[String],
    values: &[T],
    owners: &[usize],
    n: usize,
) -> (Vec<String>, Vec<T>) {
    let mut out: Vec<Option<usize>> = vec![None; n];
    let mut first: Vec<Option<usize>> = vec![None; n];
    for (p, &owner) in owners.iter().enumerate() {
        first[owner].get_or_insert(p);
        if out[owner].is_none() && labels.get(p).is_some_and(|l| l != "O") {
            out[owner] = Some(p);
        }
    }
    let mut tags: Vec<String> = out
        .iter()
        .map(|p| p.map_or_else(|| "O".to_string(), |p| labels[p].clone()))
        .collect();
    to_iob2(&mut tags);
    let values = out
        .iter()
        .zip(&first)
        .map(|(p, f)| {
            p.or(*f)
                .and_then(|p| values.get(p))
                .copied()
                .unwrap_or_default()
        })
        .collect();
    (tags, values)
}

/// The CoNLL-2003 type of another scheme's gold type, as the usual conversions map them:
/// WNUT-17's (person, location, corporation and group, product and creative-work), the
/// English Worldwide Newswire set's (Person, Location, Facility, Organization, Misc, NORP,
/// Product; Date and Money are no CoNLL-2003 entity) and OntoNotes'. `None`: not one of
/// them, kept as it is.
fn conll_type(kind: &str) -> Option<&'static str> {
    Some(match kind.to_ascii_lowercase().as_str() {
        "per" | "pers" | "person" => "PER",
        "loc" | "location" | "gpe" | "fac" | "facility" => "LOC",
        "org" | "organization" | "organisation" | "corporation" | "group" => "ORG",
        "misc" | "miscellaneous" | "norp" | "product" | "creative-work" | "event"
        | "work_of_art" | "law" | "language" => "MISC",
        "date" | "time" | "money" | "percent" | "quantity" | "ordinal" | "cardinal" => "O",
        _ => return None,
    })
}

/// A gold tag as IOB with CoNLL-2003 types: BIOES/BILOU prefixes become IOB ("S-"/"U-"
/// start an entity, "E-"/"L-" continue one; `to_iob2` then makes every start "B-"), a bare
/// type is inside an entity (IO files), and other schemes' types map (`conll_type`).
/// Anything else is kept as written.
fn gold_tag(tag: &str) -> String {
    if tag == "O" {
        return tag.to_string();
    }
    let (prefix, kind) = match tag.split_once('-') {
        Some((p, k)) if matches!(p, "B" | "I" | "S" | "E" | "U" | "L") => (p, k),
        _ => ("", tag),
    };
    let prefix = match prefix {
        "B" | "S" | "U" => "B",
        "I" | "E" | "L" => "I",
        _ => "",
    };
    match conll_type(kind) {
        Some("O") => "O".to_string(),
        Some(kind) => format!("{}-{kind}", if prefix.is_empty() { "I" } else { prefix }),
        None if prefix.is_empty() => tag.to_string(),
        None => format!("{prefix}-{kind}"),
    }
}

/// Convert IOB1 tags (I- may start an entity) to IOB2 (every entity starts with B-).
pub fn to_iob2(tags: &mut [String]) {
    for i in 0..tags.len() {
        if let Some(kind) = tags[i].strip_prefix("I-") {
            let previous = if i > 0 {
                tags[i - 1]
                    .strip_prefix("B-")
                    .or_else(|| tags[i - 1].strip_prefix("I-"))
            } else {
                None
            };
            let continues = previous == Some(kind);
            if !continues {
                tags[i] = format!("B-{kind}");
            }
        }
    }
}

/// Entity spans (start, end exclusive, type) in an IOB2 tag sequence.
pub fn spans(tags: &[String]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        if let Some(kind) = tags[i].strip_prefix("B-") {
            let mut j = i + 1;
            while j < tags.len() && tags[j].strip_prefix("I-") == Some(kind) {
                j += 1;
            }
            out.push((i, j, kind.to_string()));
            i = j;
        } else if let Some(kind) = tags[i].strip_prefix("I-") {
            // A stray I- (invalid IOB2) still counts as an entity start, as conlleval does.
            let mut j = i + 1;
            while j < tags.len() && tags[j].strip_prefix("I-") == Some(kind) {
                j += 1;
            }
            out.push((i, j, kind.to_string()));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Precision, recall and F1 counts for one type or overall.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub correct: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            0.0
        } else {
            self.correct as f64 / self.predicted as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.correct as f64 / self.gold as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Entity-level scores: overall and per type.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub overall: Counts,
    pub by_type: BTreeMap<String, Counts>,
}

impl Score {
    /// Add one sentence's gold and predicted tags.
    pub fn add(&mut self, gold: &[String], predicted: &[String]) {
        let g = spans(gold);
        let p = spans(predicted);
        for (_, _, kind) in &g {
            self.overall.gold += 1;
            self.by_type.entry(kind.clone()).or_default().gold += 1;
        }
        for span in &p {
            self.overall.predicted += 1;
            let entry = self.by_type.entry(span.2.clone()).or_default();
            entry.predicted += 1;
            if g.contains(span) {
                entry.correct += 1;
                self.overall.correct += 1;
            }
        }
    }

    /// Micro-averaged counts over the given types (PER+LOC+ORG: MISC ignored in both the
    /// gold and the predictions, as the held-out scoring does).
    pub fn micro(&self, kinds: &[&str]) -> Counts {
        let mut out = Counts::default();
        for kind in kinds {
            if let Some(c) = self.by_type.get(*kind) {
                out.correct += c.correct;
                out.predicted += c.predicted;
                out.gold += c.gold;
            }
        }
        out
    }

    /// A conlleval-like report: overall, per type, then PER+LOC+ORG.
    pub fn report(&self) -> String {
        let mut out = format!(
            "entities: gold {}, predicted {}, correct {}\n{:<8} precision {:6.2}%  recall {:6.2}%  F1 {:6.2}\n",
            self.overall.gold,
            self.overall.predicted,
            self.overall.correct,
            "overall",
            100.0 * self.overall.precision(),
            100.0 * self.overall.recall(),
            100.0 * self.overall.f1()
        );
        for (kind, c) in &self.by_type {
            out.push_str(&format!(
                "{:<8} precision {:6.2}%  recall {:6.2}%  F1 {:6.2}  ({} gold)\n",
                kind,
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.gold
            ));
        }
        let plo = self.micro(&["PER", "LOC", "ORG"]);
        out.push_str(&format!(
            "{:<8} precision {:6.2}%  recall {:6.2}%  F1 {:6.2}  ({} gold)\n",
            "PER+LOC+ORG",
            100.0 * plo.precision(),
            100.0 * plo.recall(),
            100.0 * plo.f1(),
            plo.gold
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn glued_punctuation_is_cut_off_for_tagging_and_the_labels_come_back_on_the_tokens() {
        let strings =
            |words: &[&str]| -> Vec<String> { words.iter().map(|w| w.to_string()).collect() };
        let tokens = strings(&["(Reuters)", "William", "Ruto's", "government,", "said."]);
        assert!(glued([tokens.as_slice()].into_iter()));
        let (pieces, owners) = pieces(&tokens, true);
        let expected = [
            "(",
            "Reuters",
            ")",
            "William",
            "Ruto",
            "'s",
            "government",
            ",",
            "said",
            ".",
        ];
        assert_eq!(pieces, expected);
        assert_eq!(owners, [0, 0, 0, 1, 2, 2, 3, 3, 4, 4]);
        let labels = strings(&["O", "B-ORG", "O", "B-PER", "I-PER", "O", "O", "O", "O", "O"]);
        let margins: Vec<f32> = (0..10).map(|i| i as f32).collect();
        let (tags, values) = on_tokens(&labels, &margins, &owners, tokens.len());
        assert_eq!(tags, ["B-ORG", "B-PER", "I-PER", "O", "O"]);
        // The value of the piece that gave the label, else of the token's first piece.
        assert_eq!(values, [1.0, 3.0, 4.0, 6.0, 8.0]);
        // A name that starts inside a token after an O piece starts with B-.
        let (tags, _) = on_tokens::<f32>(&strings(&["O", "I-LOC"]), &[], &[0, 0], 1);
        assert_eq!(tags, ["B-LOC"]);
        // CoNLL-tokenised text is not glued, and each token is its own piece.
        let conll = strings(&[
            "U.S.",
            "Treasury",
            "'s",
            "1.",
            "Calif.",
            ",",
            "(",
            "Jean-Pierre",
        ]);
        assert!(!glued([conll.as_slice()].into_iter()));
        assert_eq!(super::pieces(&conll, false).0, conll);
        // Penn Treebank escapes are read as the characters they stand for.
        let ptb = strings(&["``", "Hi", "''", "-LRB-", "AP", "-RRB-"]);
        assert_eq!(
            super::pieces(&ptb, false).0,
            ["\"", "Hi", "\"", "(", "AP", ")"]
        );
        // But for a possessive left on a word.
        let owned = strings(&["Kenya's", "Ruto’s", "it's", "O'Neill", "'s"]);
        let expected = ["Kenya", "'s", "Ruto", "’s", "it", "'s", "O'Neill", "'s"];
        assert_eq!(super::pieces(&owned, false).0, expected);
        // Clitics already cut off stay whole, glued file or not.
        let clitics = strings(&["'s", "’re", "n't"]);
        assert_eq!(super::pieces(&clitics, true).0, clitics);
        // In glued text handles, hashtags and web addresses stay whole.
        let tweet = strings(&["@Reuters", "#MH17:", "http://t.co/x"]);
        assert_eq!(super::pieces(&tweet, true).0, tweet);
    }

    #[test]
    fn only_overlong_sentences_are_cut_and_only_at_sentence_ends() {
        let words = |n: usize| -> Vec<String> {
            (0..n)
                .map(|i| match i % 10 {
                    9 => ".".to_string(),
                    0 => "The".to_string(),
                    _ => "word".to_string(),
                })
                .collect()
        };
        assert!(sentence_cuts(&words(LONG_SENTENCE)).is_empty());
        let long = words(LONG_SENTENCE + 20);
        let cuts = sentence_cuts(&long);
        assert_eq!(cuts.len(), (LONG_SENTENCE + 20) / 10 - 1);
        assert!(cuts.iter().all(|&c| long[c - 1] == "." && long[c] == "The"));
        // After a quote that closes a sentence, not between the end and the quote.
        let mut quoted = long.clone();
        quoted.insert(10, "”".to_string());
        let cuts = sentence_cuts(&quoted);
        assert!(cuts.contains(&11) && !cuts.contains(&10), "{cuts:?}");
        // No cut before a lowercase word ("U.S . officials" style, or a dot in a number).
        let mut lower = words(LONG_SENTENCE + 20);
        lower
            .iter_mut()
            .filter(|w| *w == "The")
            .for_each(|w| *w = "the".into());
        assert!(sentence_cuts(&lower).is_empty());
    }

    #[test]
    fn hyphens_cut_out_of_words_are_joined_for_tagging_and_the_labels_spread_back() {
        let strings =
            |words: &[&str]| -> Vec<String> { words.iter().map(|w| w.to_string()).collect() };
        let tokens = strings(&[
            "Mr", "Ojo", "-", "Salihu", "of", "Lokoja", "-", "based", "firm", "-", "5",
        ]);
        // A name stopped before a lowercase part does not go on into the next token.
        let tokens2 = strings(&["Lagos", "-", "based", "Group"]);
        let (spread, _) =
            spread_hyphens::<u8>(&strings(&["B-ORG", "I-ORG"]), &[], &[0..3, 3..4], &tokens2);
        assert_eq!(spread, ["B-ORG", "O", "O", "B-ORG"]);
        // A dash after capitals stays a dash.
        let headline = strings(&["SOCCER", "-", "JAPAN", "WIN", "NAIROBI", "-", "The"]);
        assert_eq!(join_hyphens(&headline).0, headline);
        let (joined, ranges) = join_hyphens(&tokens);
        assert_eq!(
            joined,
            ["Mr", "Ojo-Salihu", "of", "Lokoja-based", "firm", "-", "5"]
        );
        assert_eq!(ranges, [0..1, 1..4, 4..5, 5..8, 8..9, 9..10, 10..11]);
        let labels = strings(&["O", "B-PER", "O", "B-LOC", "O", "O", "O"]);
        let (spread, values) = spread_hyphens(&labels, &[0, 1, 2, 3, 4, 5, 6], &ranges, &tokens);
        assert_eq!(
            spread,
            [
                "O", "B-PER", "I-PER", "I-PER", "O", "B-LOC", "O", "O", "O", "O", "O"
            ]
        );
        assert_eq!(values, [0, 1, 1, 1, 2, 3, 3, 3, 4, 5, 6]);
        // A file is cut so only when lone hyphens between words far outnumber hyphenated words.
        let cut: Vec<Vec<String>> = (0..10).map(|_| tokens.clone()).collect();
        assert!(hyphens_split(cut.iter().map(Vec::as_slice)));
        let mut conll = cut.clone();
        conll.push(strings(&["state-owned", "Guinea-Bissau"]));
        assert!(!hyphens_split(conll.iter().map(Vec::as_slice)));
        assert!(!hyphens_split(cut[..4].iter().map(Vec::as_slice)));
    }

    #[test]
    fn long_documents_are_tagged_in_parts_that_start_at_headlines() {
        let sentence =
            |words: &str| -> Vec<String> { words.split(' ').map(String::from).collect() };
        let story = |n: usize| -> Vec<Vec<String>> {
            let mut s = vec![sentence("Floods hit the Sylhet region as rivers rise")];
            s.extend((1..n).map(|_| sentence("Officials said the water was rising .")));
            s
        };
        // Stories of 30 sentences run together with no -DOCSTART-: a part per story.
        let run: Vec<Vec<String>> = (0..4).flat_map(|_| story(30)).collect();
        assert_eq!(part_starts(&run, false), [30, 60, 90]);
        // No headline: parts of PART_MAX. A short document is one part.
        let flat: Vec<Vec<String>> = (0..LONG_DOCUMENT + 30)
            .map(|_| sentence("Officials said the water was rising ."))
            .collect();
        assert_eq!(part_starts(&flat, false), [PART_MAX]);
        assert!(part_starts(&story(LONG_DOCUMENT), false).is_empty());
        // Bylines, credits and lines before a colon are no headlines.
        let after = sentence("The end .");
        let headline = sentence("Floods hit the Sylhet region");
        for line in [
            "By Grace Mwangi in Nairobi",
            "( Reporting by Ali ; Editing by Jo )",
            "-LRB- AP -RRB- Floods hit Sylhet",
            "Teams for the match :",
        ] {
            assert!(!is_headline(&sentence(line), &after, false), "{line}");
        }
        assert!(is_headline(&headline, &after, false));
        assert!(!is_headline(&headline, &sentence("and then"), false));
        // After a Treebank quote or bracket; after a stop on a word only in a glued file
        // ("U.S." ends no sentence in CoNLL-style text).
        for end in ["he said ''", "( AP -RRB-"] {
            assert!(is_headline(&headline, &sentence(end), false), "{end}");
        }
        for end in ["it ended on Sunday.", "\"We will win.\""] {
            assert!(!is_headline(&headline, &sentence(end), false), "{end}");
            assert!(is_headline(&headline, &sentence(end), true), "{end}");
        }
    }

    #[test]
    fn reads_documents_and_sentences() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n\nX NN O O\n";
        let docs = read(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[1].tags, tags("B-PER I-PER"));
    }

    #[test]
    fn other_schemes_gold_becomes_iob2_with_conll_types() {
        // WNUT-17 types; BIOES with the Worldwide Newswire set's types; a bare IO type.
        let docs = read(
            "Ana B-person\nat O\nApple B-corporation\n\nNew B-Location\nYork E-Location\non O\nMay S-Date\nby S-Facility\nKenyan S-NORP\n\nLagos LOC\nState LOC\n",
        );
        let sentences = &docs[0].sentences;
        assert_eq!(sentences[0].tags, tags("B-PER O B-ORG"));
        assert_eq!(sentences[1].tags, tags("B-LOC I-LOC O O B-LOC B-MISC"));
        assert_eq!(sentences[2].tags, tags("B-LOC I-LOC"));
    }

    #[test]
    fn iob1_becomes_iob2() {
        let mut t = tags("I-PER I-PER O I-LOC B-LOC I-ORG");
        to_iob2(&mut t);
        assert_eq!(t, tags("B-PER I-PER O B-LOC B-LOC B-ORG"));
    }

    #[test]
    fn non_ascii_tags_do_not_panic() {
        // Found by the conll fuzz target: a multi-byte character where a tag's type starts.
        let docs = read("a \u{fffd}z\nb I-x\n");
        assert_eq!(docs[0].sentences[0].tags, tags("\u{fffd}z B-x"));
        let mut t = tags("I-é I-é Bé I-é");
        to_iob2(&mut t);
        assert_eq!(t, tags("B-é I-é Bé B-é"));
    }

    #[test]
    fn scoring_needs_exact_span_and_type() {
        let mut s = Score::default();
        s.add(&tags("B-PER I-PER O B-LOC"), &tags("B-PER O O B-ORG"));
        assert_eq!(
            s.overall,
            Counts {
                correct: 0,
                predicted: 2,
                gold: 2
            }
        );
        s.add(&tags("B-PER I-PER"), &tags("B-PER I-PER"));
        assert_eq!(s.overall.correct, 1);
        assert!((s.by_type["PER"].f1() - 0.5).abs() < 1e-9);
        // MISC is left out of PER+LOC+ORG on both sides.
        s.add(&tags("B-MISC O"), &tags("B-MISC B-MISC"));
        let plo = s.micro(&["PER", "LOC", "ORG"]);
        assert_eq!((plo.correct, plo.predicted, plo.gold), (1, 3, 3));
        assert!(s.report().contains("PER+LOC+ORG precision  33.33%"));
    }
}
