//! Tokenisation and sentence splitting of real article text, the way CoNLL text is split.
//!
//! Owns cutting text into tokens with byte offsets and grouping them into sentences:
//! punctuation and quotes (straight and curly) are their own tokens, possessives split off
//! ("Kim’s" -> "Kim" "’s"), "n't" too, while abbreviations and dotted acronyms stay whole
//! ("Mr.", "Jan.", "U.S."), as do hyphenated words, numbers ("1,200", "3.5", "24/7") and
//! inner apostrophes ("O'Neill"); a slash between letters splits ("SHANGHAI/HONG"), and so
//! does the hyphen after a wire headline's slug ("UPDATE 3-China's", "BRIEF-Tesla"). Every
//! line break ends a sentence (headlines, captions and paragraphs are separate lines). It
//! must not decide what is an entity.

/// A token: its text (a slice of the input) and byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl AsRef<str> for Token<'_> {
    fn as_ref(&self) -> &str {
        self.text
    }
}

/// Words whose trailing dot is part of the word, not a sentence end.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "sgt", "capt", "cpl",
    "rep", "sen", "gov", "rev", "hon", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "inc", "ltd", "corp", "co", "vs", "etc", "no", "mt", "ft", "ave",
    "blvd", "dept", "est", "fig", "approx", "adm", "maj", "brig", "messrs", "mme", "pp", "rt",
    "engr", "barr", "smt", "alh", "insp", "supt", "fr", "msgr", "cllr", "amb",
];

fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '"' | '”' | '’' | '\'' | '»' | '…'
    )
}

fn is_opening_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '“' | '‘' | '\'' | '«' | '$' | '£' | '€' | '¥' | '#' | '@' | '*'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '–' | '—' | '―')
}

/// Does `word` (without its final dot) keep its dot? "Mr", "U.S", "J", "e.g".
fn keeps_dot(word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    // Only an ASCII word can lower-case to one of the (ASCII) abbreviations: the one
    // non-ASCII letter that lower-cases to ASCII is the Kelvin sign (to "k"), in none of them.
    if word.is_ascii() && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)) {
        return true;
    }
    // Single letter initial ("J. Smith") or dotted acronym ("U.S", "a.m").
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (letters == 1 && word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()))
        || (word.contains('.')
            && word.split('.').all(|p| {
                (1..=2).contains(&p.chars().count()) && p.chars().all(char::is_alphabetic)
            }))
}

/// Split a whitespace-free chunk into tokens, pushing them with absolute offsets.
fn split_chunk<'a>(text: &'a str, start: usize, out: &mut Vec<Token<'a>>) {
    // Most chunks are a plain ASCII word or number, perhaps followed by a comma-like mark:
    // no leading punctuation, no dash, bracket, apostrophe or dot in them, so the general
    // rules below would give exactly the word (and the mark). About 450 instructions a
    // token went into tokenising before this shortcut.
    let bytes = &text.as_bytes()[start..];
    let (word, mark) = match bytes.split_last() {
        Some((b',' | b';' | b':' | b'!' | b'?', rest)) => (rest, 1),
        _ => (bytes, 0),
    };
    if !word.is_empty() && word.iter().all(u8::is_ascii_alphanumeric) {
        let end = start + word.len();
        out.push(Token {
            text: &text[start..end],
            start,
            end,
        });
        if mark == 1 {
            out.push(Token {
                text: &text[end..end + 1],
                start: end,
                end: end + 1,
            });
        }
        return;
    }
    split_chunk_by_rules(text, start, out);
}

/// `split_chunk` for every chunk, applying each rule in turn.
fn split_chunk_by_rules<'a>(text: &'a str, start: usize, out: &mut Vec<Token<'a>>) {
    let chunk = &text[start..];
    let mut lo = 0;
    let mut hi = chunk.len();
    let mut leading = Vec::new();
    // Leading punctuation, one character per token.
    while lo < hi {
        let c = chunk[lo..hi].chars().next().expect("non-empty range");
        if is_opening_punct(c)
            || is_dash(c)
            || (is_closing_punct(c) && c != '.' && lo + c.len_utf8() < hi)
        {
            leading.push((lo, lo + c.len_utf8()));
            lo += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation, collected from the end.
    let mut trailing = Vec::new();
    while hi > lo {
        let c = chunk[lo..hi].chars().next_back().expect("non-empty range");
        if c == '.' {
            let word = &chunk[lo..hi - 1];
            if chunk[lo..hi].ends_with("...") {
                trailing.push((hi - 3, hi));
                hi -= 3;
                continue;
            }
            if keeps_dot(word) && hi - lo > 1 {
                break;
            }
            trailing.push((hi - 1, hi));
            hi -= 1;
        } else if is_closing_punct(c) || is_dash(c) {
            // Possessive "players’" keeps nothing to split further; a lone quote is punctuation.
            trailing.push((hi - c.len_utf8(), hi));
            hi -= c.len_utf8();
        } else {
            break;
        }
    }
    for (a, b) in leading {
        out.push(Token {
            text: &text[start + a..start + b],
            start: start + a,
            end: start + b,
        });
    }
    if lo < hi {
        split_word(text, start + lo, start + hi, out);
    }
    for (a, b) in trailing.into_iter().rev() {
        out.push(Token {
            text: &text[start + a..start + b],
            start: start + a,
            end: start + b,
        });
    }
}

/// Split the core of a chunk: possessives, "n't", inner brackets and dashes.
fn split_word<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Token<'a>>) {
    let word = &text[start..end];
    // Inner dashes, brackets and ellipses separate words ("Russia—Ukraine", "Council(NSC",
    // "Play…and"), and so does a slash between letters, as in CoNLL-2003 ("SHANGHAI/HONG
    // KONG" datelines, "US/UK"); not in numbers ("24/7", "3/4").
    let slash_between_letters = |i: usize| {
        word[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
            && word[i + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic)
    };
    if let Some((i, c)) = word.char_indices().find(|&(i, c)| {
        i > 0
            && (is_dash(c)
                || matches!(c, '(' | ')' | '[' | ']' | '…')
                || (c == '/' && slash_between_letters(i)))
    }) {
        split_word(text, start, start + i, out);
        out.push(Token {
            text: &text[start + i..start + i + c.len_utf8()],
            start: start + i,
            end: start + i + c.len_utf8(),
        });
        if start + i + c.len_utf8() < end {
            // Only up to the core's end: the chunk's trailing punctuation is the caller's
            // to push ("Russia—Ukraine," once gave "," twice).
            split_chunk(&text[..end], start + i + c.len_utf8(), out);
        }
        return;
    }
    // Possessives ("Kim's") and "n't" ("didn't") split off as their own tokens; "n't"
    // needs a stem of at least two letters ("don't" -> "do" "n't", but "n't" stays).
    const CLITICS: [(&str, usize); 7] = [
        ("'s", 0),
        ("’s", 0),
        ("'S", 0),
        ("’S", 0),
        ("n't", 1),
        ("n’t", 1),
        ("N'T", 1),
    ];
    for (suffix, extra) in CLITICS {
        if word.len() > suffix.len() + extra && word.ends_with(suffix) {
            let cut = end - suffix.len();
            out.push(Token {
                text: &text[start..cut],
                start,
                end: cut,
            });
            out.push(Token {
                text: &text[cut..end],
                start: cut,
                end,
            });
            return;
        }
    }
    out.push(Token {
        text: word,
        start,
        end,
    });
}

/// Slugs that open wire headlines before a hyphen ("UPDATE 3-China's Ant Group ...",
/// "BRIEF-Tesla Says ..."); the name after the hyphen is a word of its own.
const WIRE_SLUGS: &[&str] = &[
    "UPDATE",
    "WRAPUP",
    "BRIEF",
    "RPT",
    "REFILE",
    "CORRECTED",
    "EXCLUSIVE",
    "FACTBOX",
    "ANALYSIS",
    "INSIGHT",
    "TIMELINE",
    "FOCUS",
    "COLUMN",
    "EXPLAINER",
    "PREVIEW",
    "FEATURE",
    "INTERVIEW",
    "GLOBAL MARKETS",
    "EMERGING MARKETS",
];

/// Is `word` one of `WIRE_SLUGS` ("BRIEF", "UPDATE")?
pub(crate) fn is_wire_slug(word: &str) -> bool {
    WIRE_SLUGS.contains(&word)
}

/// Where the hyphen after a wire slug that opens `line` is, when a capital follows it: "3"
/// in "UPDATE 3-China's", "BRIEF-Tesla".
fn wire_slug_hyphen(line: &str) -> Option<usize> {
    let slug = WIRE_SLUGS.iter().find(|s| line.starts_with(**s))?;
    let rest = &line[slug.len()..];
    // "UPDATE 3-": a number after the slug.
    let digits = rest
        .strip_prefix(' ')
        .map_or(0, |r| r.bytes().take_while(u8::is_ascii_digit).count());
    let at = slug.len() + if digits > 0 { 1 + digits } else { 0 };
    let after = line[at..].strip_prefix('-')?;
    after
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
        .then_some(at)
}

/// Tokenise a line of text (no line breaks inside).
pub fn tokenize_line<'a>(
    text: &'a str,
    line_start: usize,
    line_end: usize,
    out: &mut Vec<Token<'a>>,
) {
    if let Some(hyphen) = wire_slug_hyphen(&text[line_start..line_end]) {
        let at = line_start + hyphen;
        tokenize_words(text, line_start, at, out);
        out.push(Token {
            text: &text[at..at + 1],
            start: at,
            end: at + 1,
        });
        tokenize_words(text, at + 1, line_end, out);
        return;
    }
    tokenize_words(text, line_start, line_end, out);
}

/// `tokenize_line` without the wire slug test.
fn tokenize_words<'a>(text: &'a str, line_start: usize, line_end: usize, out: &mut Vec<Token<'a>>) {
    let line = &text[line_start..line_end];
    let mut chunk_start: Option<usize> = None;
    for (i, c) in line.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = chunk_start.take() {
                // Temporarily bound the chunk by slicing the text at its end.
                split_chunk(&text[..line_start + i], line_start + s, out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(&text[..line_end], line_start + s, out);
    }
}

/// The tokens one whitespace-free word of already tokenised text splits into ("Kenya," ->
/// "Kenya" ","; "(Reuters)" -> "(" "Reuters" ")"): how a CoNLL file tokenised by another
/// tool is read the way this tokeniser would have cut its text. A word it keeps whole comes
/// back alone.
pub fn split_token(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    tokenize_words(word, 0, word.len(), &mut out);
    if out.is_empty() {
        return vec![word];
    }
    out.into_iter().map(|t| t.text).collect()
}

/// Tokens of `text`, grouped into sentences.
pub fn sentences(text: &str) -> Vec<Vec<Token<'_>>> {
    let (mut tokens, mut ends) = (Vec::new(), Vec::new());
    sentences_into(text, &mut tokens, &mut ends);
    let mut start = 0;
    ends.iter()
        .map(|&end| {
            let sentence = tokens[start..end].to_vec();
            start = end;
            sentence
        })
        .collect()
}

/// The same without a vector per sentence: appends `text`'s tokens to `tokens` and, for
/// each sentence, the index in `tokens` where it ends to `ends`.
pub fn sentences_into<'a>(text: &'a str, tokens: &mut Vec<Token<'a>>, ends: &mut Vec<usize>) {
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.trim_end_matches(['\n', '\r']).len();
        let first = tokens.len();
        tokenize_line(text, line_start, line_end, tokens);
        split_sentences(tokens, first, ends);
        line_start += line.len();
    }
}

/// Cut one line's tokens (`tokens[first..]`) into sentences at ".", "!", "?" (with any
/// closing quotes after), pushing where each ends.
fn split_sentences(tokens: &[Token<'_>], first: usize, ends: &mut Vec<usize>) {
    let mut i = first;
    let n = tokens.len();
    while i < n {
        if matches!(tokens[i].text, "." | "!" | "?" | "...") {
            while i + 1 < n && matches!(tokens[i + 1].text, "\"" | "”" | "’" | "'" | ")") {
                i += 1;
            }
            let next_starts_sentence = tokens.get(i + 1).is_none_or(|t| {
                t.text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_opening_punct(c))
            });
            if next_starts_sentence {
                ends.push(i + 1);
            }
        }
        i += 1;
    }
    if ends.last().map_or(first, |&e| e.max(first)) < n {
        ends.push(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<&str>> {
        sentences(text)
            .iter()
            .map(|s| s.iter().map(|t| t.text).collect())
            .collect()
    }

    #[test]
    fn punctuation_quotes_and_possessives() {
        assert_eq!(
            words("North Korea’s leader said “coming days.” Mr. Kim's train didn't stop."),
            vec![
                vec![
                    "North", "Korea", "’s", "leader", "said", "“", "coming", "days", ".", "”"
                ],
                vec!["Mr.", "Kim", "'s", "train", "did", "n't", "stop", "."],
            ]
        );
        // Punctuation after an inner dash or bracket comes once, with its own offsets.
        assert_eq!(
            words("Russia—Ukraine, the Council(NSC) and Kyiv…Moscow."),
            vec![vec![
                "Russia", "—", "Ukraine", ",", "the", "Council", "(", "NSC", ")", "and", "Kyiv",
                "…", "Moscow", "."
            ]]
        );
        let mut tokens = Vec::new();
        split_chunk("Russia—Ukraine,", 0, &mut tokens);
        let spans: Vec<(usize, usize)> = tokens.iter().map(|t| (t.start, t.end)).collect();
        assert_eq!(spans, [(0, 6), (6, 9), (9, 16), (16, 17)]);
        assert_eq!(
            words("Ways to Play…and Pay… said…Moscow"),
            vec![vec![
                "Ways", "to", "Play", "…", "and", "Pay", "…", "said", "…", "Moscow"
            ]]
        );
    }

    #[test]
    fn a_wire_slug_is_cut_from_the_name_after_it() {
        assert_eq!(
            words("UPDATE 3-China's Ant Group suspends IPO"),
            vec![vec![
                "UPDATE", "3", "-", "China", "'s", "Ant", "Group", "suspends", "IPO"
            ]]
        );
        assert_eq!(
            words("BRIEF-Tesla Says Deliveries Rose"),
            vec![vec!["BRIEF", "-", "Tesla", "Says", "Deliveries", "Rose"]]
        );
        // Not a slug, or no capital after the hyphen.
        assert_eq!(
            words("UPDATED-style rules"),
            vec![vec!["UPDATED-style", "rules"]]
        );
        assert_eq!(words("BRIEF-ly put"), vec![vec!["BRIEF-ly", "put"]]);
    }

    #[test]
    fn a_slash_splits_words_but_not_numbers() {
        assert_eq!(
            words("SHANGHAI/HONG KONG (Reuters) - open 24/7 on 3/4"),
            vec![vec![
                "SHANGHAI", "/", "HONG", "KONG", "(", "Reuters", ")", "-", "open", "24/7", "on",
                "3/4"
            ]]
        );
    }

    #[test]
    fn a_number_ends_the_sentence_before_its_dot() {
        assert_eq!(
            words("Crude gained 1.8%. The yuan rose to 6.61. Brent hit $43.61. The U.S. grew."),
            vec![
                vec!["Crude", "gained", "1.8%", "."],
                vec!["The", "yuan", "rose", "to", "6.61", "."],
                vec!["Brent", "hit", "$", "43.61", "."],
                vec!["The", "U.S.", "grew", "."],
            ]
        );
    }

    #[test]
    fn honorifics_with_a_dot_do_not_end_the_sentence() {
        assert_eq!(
            words("Rt. Hon. Femi Gbajabiamila met Engr. Seyi Makinde and Smt. Nirmala Sitharaman."),
            vec![vec![
                "Rt.",
                "Hon.",
                "Femi",
                "Gbajabiamila",
                "met",
                "Engr.",
                "Seyi",
                "Makinde",
                "and",
                "Smt.",
                "Nirmala",
                "Sitharaman",
                ".",
            ]]
        );
    }

    #[test]
    fn abbreviations_acronyms_numbers_hyphens() {
        assert_eq!(
            words("The U.S. paid $1,200.50 on Jan. 5 to a counter-offensive fund (SEC) in 2019."),
            vec![vec![
                "The",
                "U.S.",
                "paid",
                "$",
                "1,200.50",
                "on",
                "Jan.",
                "5",
                "to",
                "a",
                "counter-offensive",
                "fund",
                "(",
                "SEC",
                ")",
                "in",
                "2019",
                "."
            ]]
        );
    }

    #[test]
    fn lines_are_sentences_and_offsets_are_exact() {
        let text = "Headline Here\nFirst sentence. Second one!\n\nO'Neill – speaks";
        let s = sentences(text);
        assert_eq!(s.len(), 4);
        for sentence in &s {
            for t in sentence {
                assert_eq!(&text[t.start..t.end], t.text);
            }
        }
        assert_eq!(words(text)[3], vec!["O'Neill", "–", "speaks"]);
    }

    #[test]
    fn the_plain_word_shortcut_splits_as_the_rules_do() {
        let chunks = [
            "word",
            "word,",
            "1,200,",
            "Kim's",
            "Kim's,",
            "didn't",
            "U.S.",
            "Mr.",
            "mr.",
            "MR.",
            "a,",
            "2019;",
            "yes!",
            "why?",
            "note:",
            "(SEC)",
            "\"quoted\",",
            "end.",
            "x",
            ",",
            ",,",
            "a,,",
            "Russia—Ukraine,",
            "Play…and",
            "Ünïcödé,",
            "Straße",
            "co-op,",
            "...",
            "K\u{212A}.",
            "e.g.",
            "3.5,",
            "hello!!",
            "A:",
            "$5,",
        ];
        for chunk in chunks {
            let (mut fast, mut rules) = (Vec::new(), Vec::new());
            split_chunk(chunk, 0, &mut fast);
            split_chunk_by_rules(chunk, 0, &mut rules);
            assert_eq!(fast, rules, "{chunk}");
        }
        // The shortcut is taken, and splits off the mark.
        let mut tokens = Vec::new();
        split_chunk("Vladivostok,", 0, &mut tokens);
        let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        assert_eq!(words, ["Vladivostok", ","]);
    }

    #[test]
    fn initials_keep_their_dot() {
        assert_eq!(
            words("J. K. Rowling wrote it."),
            vec![vec!["J.", "K.", "Rowling", "wrote", "it", "."]]
        );
    }
}
