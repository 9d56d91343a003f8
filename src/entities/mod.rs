//! Entities: find people, places and organisations in an article, normalise and link them.
//!
//! Owns the `Tagger` interface (text in, typed mention spans out), the per-article pipeline
//! that runs a tagger over headline, captions and body, and the normalisation that turns
//! mentions into one entry per entity with a count (names joined by a hyphen, "US-China",
//! are their parts); the dateline's place (`places`, and
//! whether a mixed-case lead's place that ingest could only propose is one) and the
//! countries named by adjectives or inside organisation names (`demonyms`); how central
//! each entity is (`salience`). It must not read files or touch the index. The tagger
//! behind the interface is swappable (`Tier`): `ner` is the fast linear model used by
//! default, `accurate` the fine-tuned transformer.

pub mod accurate;
mod accurate_int8;
mod accurate_ops;
pub mod acronyms;
pub mod appositives;
pub mod companies;
pub mod conll;
pub mod demonyms;
pub mod facilities;
pub mod features;
mod fold;
pub mod known_orgs;
pub mod name_joins;
pub mod nationalities;
pub mod ner;
pub mod normalize;
pub mod offices;
pub mod org_joins;
pub mod perceptron;
pub mod place_joins;
mod place_table;
pub mod places;
pub mod products;
pub mod salience;
pub mod storms;
pub mod teams;
pub mod tokenize;
mod word_list;
pub mod works;

pub use fold::fold_key;

use std::collections::{HashMap, HashSet};

use crate::article::{Article, Entity, EntityKind};

/// Which tagger finds the entities: the fast linear model (`ner`, about 1M tokens/s) or the
/// accurate transformer (`accurate`, slower; BENCHMARKS.md compares them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    #[default]
    Fast,
    Accurate,
}

impl Tier {
    pub fn name(self) -> &'static str {
        match self {
            Tier::Fast => "fast",
            Tier::Accurate => "accurate",
        }
    }

    pub fn from_name(name: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.name() == name)
    }

    pub const ALL: [Tier; 2] = [Tier::Fast, Tier::Accurate];

    pub fn tagger(self) -> &'static dyn Tagger {
        match self {
            Tier::Fast => &ner::NerTagger,
            Tier::Accurate => &accurate::AccurateTagger,
        }
    }
}

/// How many leading words of a MISC name are a country or first-level region that the
/// name is about, when the rest is lowercase: "Iraq war", "US dollar", "Darfur crisis"
/// (taggers trained on CoNLL-2003 call such phrases MISC, and the place would be lost to
/// the place filters). A whole MISC name that is a country counts too. `None` for a named
/// event or work ("Iraq War Memorial", "Gulf War"), a nationality, or anything else.
pub(crate) fn place_in_misc(words: &[&str]) -> Option<usize> {
    let lead = words
        .iter()
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let rest_lowercase = words[lead..]
        .iter()
        .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'));
    if lead == 0 || !rest_lowercase {
        return None;
    }
    places::Gazetteer::embedded()
        .country_or_region(&words[..lead].join(" "))
        .map(|_| lead)
}

/// The entity kind a tag names itself (PER, LOC, ORG); `None` for MISC and anything else.
pub(crate) fn tag_kind(tag: &str) -> Option<EntityKind> {
    match tag {
        "PER" => Some(EntityKind::Person),
        "LOC" => Some(EntityKind::Place),
        "ORG" => Some(EntityKind::Org),
        _ => None,
    }
}

/// The rules both taggers run on their decoded tags (BILOU as `perceptron::encode` writes
/// them, one per sentence of a document), in this order: punctuation tails trimmed,
/// articles tagged alone joined or untagged, person names joined and titles left
/// out, nationality words and holidays retyped, departments in office titles untagged,
/// listed organisations typed, metropolitan places joined, one reading per family name,
/// organisation names joined, then the per-document company, appositive and works
/// evidence. Each module's doc says what it may change.
pub(crate) fn after_decoding<S: AsRef<str>, T: AsRef<[S]>, V: AsRef<[u8]> + AsMut<[u8]>>(
    sentences: &[T],
    tags: &mut [V],
) {
    name_joins::trim_punctuation_tails(sentences, tags);
    name_joins::split_articles(sentences, tags);
    name_joins::join(sentences, tags);
    name_joins::trim_lowercase_tails(sentences, tags);
    name_joins::untag_lone_titles(sentences, tags);
    acronyms::untag(sentences, tags);
    nationalities::retype(sentences, tags);
    offices::untag(sentences, tags);
    known_orgs::tag(sentences, tags);
    place_joins::join(sentences, tags);
    place_joins::persons_as_places(sentences, tags);
    name_joins::family_names(sentences, tags);
    org_joins::join(sentences, tags);
    name_joins::short_names(sentences, tags);
    companies::relabel(sentences, tags);
    facilities::relabel(sentences, tags);
    appositives::relabel(sentences, tags);
    products::split(sentences, tags);
    works::relabel(sentences, tags);
    acronyms::misc_short_forms(sentences, tags);
    storms::relabel(sentences, tags);
    name_joins::split_run_together(sentences, tags);
    name_joins::trim_connector_tails(sentences, tags);
}

/// The kind and cue of a mention both taggers list: a place that the document names as a
/// team is an organisation (`teams`), and only then is no evidence for the archive-wide
/// vote; otherwise a work's or a company's cue around it is (`Mention::cued`).
pub(crate) fn team_or_cued<S: AsRef<str>>(
    (tag, words, kind): (&str, &[&str], EntityKind),
    sentence: &[S],
    (start, end): (usize, usize),
    teams: &teams::Teams,
) -> (EntityKind, bool) {
    if teams::is_team(tag, words, teams) {
        (EntityKind::Org, false)
    } else {
        let cued = works::is_cued(sentence, start, end) || companies::is_cued(sentence, start, end);
        (kind, cued)
    }
}

/// The kind of entity a tagged span of `words` (type `tag`: PER, LOC, ORG or MISC) gives,
/// and how many of its words name it: all of them, or a MISC name's leading place
/// (`place_in_misc`), or a place modifier ("Cairo-based") for its country, or a party's
/// members ("Republicans", "Democrats": MISC in CoNLL-2003, like a nationality), which name
/// the party (normalisation maps them). `None`: the span names no person, place or
/// organisation.
pub(crate) fn span_entity(tag: &str, words: &[&str]) -> Option<(EntityKind, usize)> {
    match tag {
        "PER" => Some((EntityKind::Person, words.len())),
        "LOC" => Some((EntityKind::Place, words.len())),
        "ORG" => Some((EntityKind::Org, words.len())),
        "MISC" if matches!(words, ["Republicans" | "Democrats"]) => Some((EntityKind::Org, 1)),
        // "Cairo-based": no place mention, but the place pipeline links its country
        // (`derived_from_place`).
        _ if words
            .last()
            .is_some_and(|w| nationalities::is_place_modifier(w))
            && derived_from_place(&words.join(" "), places::Gazetteer::embedded()).is_some() =>
        {
            Some((EntityKind::Place, words.len()))
        }
        _ => place_in_misc(words).map(|lead| (EntityKind::Place, lead)),
    }
}

/// Party adjectives that name a party when a role or a person follows them ("former
/// Conservative leader William Hague", "Liberal Democrat Paul Tyler", "Republican
/// senators"); taggers leave them untagged or MISC, as CoNLL-2003 does, but a reader
/// filtering by the party wants the story. Normalisation maps each to its party.
const PARTY_ADJECTIVES: &[&[&str]] = &[
    &["Liberal", "Democrat"],
    &["Lib", "Dem"],
    &["Conservative"],
    &["Tory"],
    &["Labour"],
    &["Republican"],
    &["Democratic"],
];

/// Lower-case words after a party adjective that make it the party's.
const PARTY_ROLES: &[&str] = &[
    "leader",
    "leaders",
    "leadership",
    "mp",
    "mps",
    "candidate",
    "candidates",
    "chairman",
    "spokesman",
    "spokeswoman",
    "peer",
    "peers",
    "minister",
    "ministers",
    "government",
    "councillor",
    "councillors",
    "backbencher",
    "backbenchers",
    "frontbencher",
    "deputy",
    "senator",
    "senators",
    "congressman",
    "congresswoman",
    "governor",
    "lawmaker",
    "lawmakers",
    "nominee",
    "activists",
    "rebels",
    "manifesto",
    "campaign",
    "chancellor",
    "shadow",
    "member",
    "members",
    "mep",
    "meps",
    "whip",
    "hopeful",
];

/// Token ranges of party adjectives in one tagged sentence (`spans`: start, end and tag
/// of each tagged name): outside every person and place span (inside an organisation is
/// fine, as the tagger's own mention may be too unsure to keep) and followed by a role word
/// or a person.
pub(crate) fn party_adjectives(
    sentence: &[tokenize::Token],
    spans: &[(usize, usize, &str)],
) -> Vec<(usize, usize)> {
    let words: Vec<&str> = sentence.iter().map(|t| t.text).collect();
    let mut named: Vec<Option<EntityKind>> = vec![None; words.len()];
    for &(start, end, tag) in spans {
        named[start..end].fill(tag_kind(tag));
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // Most words start no adjective: only capitalised ones are looked at further.
        if !words[i].starts_with(|c: char| c.is_ascii_uppercase()) {
            i += 1;
            continue;
        }
        let found = PARTY_ADJECTIVES.iter().find_map(|adjective| {
            let end = i + adjective.len();
            if end >= words.len()
                || words[i..end] != **adjective
                || named[i..end]
                    .iter()
                    .any(|k| matches!(k, Some(EntityKind::Person | EntityKind::Place)))
            {
                return None;
            }
            let next = words[end];
            let role = next.starts_with(char::is_lowercase)
                && PARTY_ROLES.iter().any(|r| r.eq_ignore_ascii_case(next));
            (role || named[end] == Some(EntityKind::Person)).then_some(end)
        });
        match found {
            Some(end) => {
                out.push((i, end));
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// One mention found by a tagger: the surface text and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub text: String,
    pub kind: EntityKind,
    /// The words around it say what it is ("the band Franz Ferdinand", "chipmaker
    /// Nvidia"): `works::is_cued`, `companies::is_cued`.
    pub cued: bool,
    /// The name it stands for, written next to it: the organisation whose name it
    /// shortens ("National Electoral Institute (INE)", `bracketed_short_form`), or the
    /// person it is the real name of ("Snoop Dogg - real name Calvin Broadus",
    /// `real_name_of`).
    pub short_for: Option<String>,
}

impl Mention {
    pub fn new(text: impl Into<String>, kind: EntityKind) -> Mention {
        Mention {
            text: text.into(),
            kind,
            cued: false,
            short_for: None,
        }
    }
}

/// Untagged words in capitals in brackets right after an organisation, "Institutional
/// Revolutionary Party (PRI)": each word's index with the organisation span it shortens
/// (`bracketed_short_form` says the same of a tagged one). The caller makes each a mention
/// of that organisation, so it is never a name of its own.
pub(crate) fn untagged_short_forms(
    sentence: &[tokenize::Token],
    spans: &[(usize, usize, &str)],
) -> Vec<(usize, (usize, usize))> {
    let tagged = |at: usize| spans.iter().any(|&(s, e, _)| s <= at && at < e);
    spans
        .iter()
        .filter(|&&(start, end, tag)| {
            tag == "ORG"
                && sentence.get(end).is_some_and(|t| t.text == "(")
                && sentence.get(end + 2).is_some_and(|t| t.text == ")")
                && !tagged(end + 1)
                && normalize::is_acronym(sentence[end + 1].text)
                && shortens(sentence, (start, end), sentence[end + 1].text)
        })
        .map(|&(start, end, _)| (end + 1, (start, end)))
        .collect()
}

/// May `short` shorten the organisation span `start..end`? When its letters start the
/// name's words in any order (Spanish "PAN" of "National Action Party"), or when the name
/// is whole, so the short form may be its own language's ("House of Representatives
/// (DPR)", Dewan Perwakilan Rakyat; "Indonesian Nickel Miners Association (APNI)"). Whole:
/// it opens the sentence, or follows (after an article or not) an opening bracket, quote
/// or colon, a lowercase word, or a connector after a lowercase word ("founder of the
/// Survivors Fund (SURF)"), or a comma before an article (", the European
/// Telecommunications Institute (Etsi)"). A name after a capitalised word, a connector
/// after one ("Industrial and [Commercial Bank] (ICBC)", "Organization of the [Petroleum
/// Exporting Countries] (OPEC)") or a comma ("Digital, Culture, [Media and Sport]") may
/// have been cut short by the tagger, and then the letters must fit.
fn shortens(sentence: &[tokenize::Token], (start, end): (usize, usize), short: &str) -> bool {
    let name: Vec<&str> = sentence[start..end].iter().map(|t| t.text).collect();
    if normalize::letters_from(short, &name.join(" ")) {
        return true;
    }
    let word = |back: usize| start.checked_sub(back).map(|i| sentence[i].text);
    let joins = |w: &str| {
        matches!(
            w,
            "and"
                | "of"
                | "for"
                | "on"
                | "de"
                | "del"
                | "della"
                | "di"
                | "do"
                | "da"
                | "dos"
                | "das"
                | "du"
                | "des"
                | "la"
                | "le"
                | "et"
                | "y"
                | "e"
                | "von"
                | "van"
        )
    };
    let article = matches!(word(1), Some("the" | "The" | "a" | "A" | "an" | "An"));
    let back = 1 + usize::from(article);
    let whole = match word(back) {
        None => true,
        Some("(" | "\"" | "“" | ":") => true,
        Some(",") => article,
        Some(w) if joins(w) => !word(back + 1).is_some_and(|w| w.starts_with(char::is_uppercase)),
        Some(w) => w.starts_with(char::is_lowercase),
    };
    whole && name.len() >= 2
}

/// The organisation span that the organisation span `start..end` of `sentence` shortens:
/// one word in brackets right after it, "National Action Party (PAN)", which a story then
/// uses alone ("PAN leader ..."). Its letters need not be the name's initials (Spanish,
/// French and Bahasa acronyms rarely are), so the brackets say so, with `shortens`. A
/// name's gloss in Chinese, Japanese or Korean script in brackets ("Ko Wen-je (柯文哲)",
/// `name_joins::script_glosses`) is another name of the person, place or organisation
/// before it too, so the article lists it once and a filter by either writing finds it.
pub(crate) fn bracketed_short_form(
    sentence: &[tokenize::Token],
    spans: &[(usize, usize, &str)],
    (start, end, tag): (usize, usize, &str),
) -> Option<(usize, usize)> {
    let in_brackets = end == start + 1
        && start >= 2
        && sentence[start - 1].text == "("
        && sentence.get(end).is_some_and(|t| t.text == ")");
    if in_brackets
        && matches!(tag, "PER" | "LOC" | "ORG")
        && name_joins::east_asian_script(sentence[start].text)
    {
        return spans
            .iter()
            .find(|&&(_, e, t)| e == start - 1 && t == tag)
            .map(|&(s, e, _)| (s, e));
    }
    let bracketed = tag == "ORG"
        && in_brackets
        && (normalize::acronym_letters(sentence[start].text).is_some()
            || is_long_acronym(sentence[start].text));
    if !bracketed {
        return None;
    }
    spans
        .iter()
        .find(|&&(_, e, t)| e == start - 1 && t == "ORG")
        .map(|&(s, e, _)| (s, e))
        .filter(|&full| shortens(sentence, full, sentence[start].text))
}

/// Seven to ten capitals, a short form longer than `normalize::is_acronym` reads one
/// ("DAPPMAN" of the Depot and Petroleum Products Marketers Association of Nigeria,
/// "NMDPRA"), which only brackets right after the name make one.
fn is_long_acronym(word: &str) -> bool {
    (7..=10).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// The person span that the person span `start..end` of `sentence` is another name of: a
/// real name after a stage name ("Snoop Dogg - real name Calvin Broadus", "50 Cent, real
/// name Curtis Jackson", "Sizzla, whose real name is Miguel Collins", "Mars (real name Bob
/// Allen Deal)"), or a name "better known as" another that ends there ("Curtis Jackson,
/// better known as 50 Cent,"). The article then lists one person, under the name it uses,
/// and a filter by the other name still finds it.
pub(crate) fn real_name_of(
    sentence: &[tokenize::Token],
    spans: &[(usize, usize, &str)],
    (start, end, tag): (usize, usize, &str),
) -> Option<(usize, usize)> {
    if tag != "PER" {
        return None;
    }
    use appositives::{OtherName, other_name_after};
    let word = |i: usize| sentence.get(i).map(|t| t.text);
    // "X, better known as Y": X stands for Y, when Y ends there (not "better known as
    // Prince Harry's wife").
    if let Some(OtherName::Stage(at)) = other_name_after(word, end) {
        return spans
            .iter()
            .find(|&&(s, e, t)| {
                s == at
                    && t == "PER"
                    && word(e).is_none_or(|w| matches!(w, "," | "." | ")" | "-" | "–" | "—" | ";"))
            })
            .map(|&(s, e, _)| (s, e));
    }
    // "X - real name Y", "X, whose real name is (was) Y": Y stands for X.
    spans
        .iter()
        .find(|&&(_, e, t)| {
            t == "PER" && e < start && other_name_after(word, e) == Some(OtherName::Real(start))
        })
        .map(|&(s, e, _)| (s, e))
}

/// Anything that finds entity mentions in text. Implementations must be cheap to share
/// across threads.
pub trait Tagger: Send + Sync {
    /// Mentions in the parts of one document (headline, captions, body), in order. Parts are
    /// tagged together so document-level evidence is shared; paragraphs inside a part are
    /// separated by blank lines.
    fn mentions(&self, parts: &[&str]) -> Vec<Mention>;

    /// Does it find anything? (Indexing shares the cores differently without tagging.)
    fn tags(&self) -> bool {
        true
    }

    /// The tier recorded on the articles it tags (`None`: it tags nothing).
    fn tier(&self) -> Option<Tier>;
}

/// A tagger that finds nothing: `newsdex index --no-entities`, for archives where only
/// text search matters (and to measure what entity extraction costs).
pub struct NoTagger;

impl Tagger for NoTagger {
    fn mentions(&self, _parts: &[&str]) -> Vec<Mention> {
        Vec::new()
    }

    fn tags(&self) -> bool {
        false
    }

    fn tier(&self) -> Option<Tier> {
        None
    }
}

/// The tagger `newsdex` uses: the trained model embedded in the binary.
pub fn default_tagger() -> &'static dyn Tagger {
    Tier::default().tagger()
}

/// One tagged sentence: IOB2 labels and each token's margin against O (the fast tier's;
/// none from `tag_documents` for the accurate tier, zeros from `tag_tokenised`).
pub type TaggedSentence = (Vec<String>, Vec<f32>);

/// `tag_documents` for text tokenised by another tool (a CoNLL file): a document of many
/// articles run together is tagged in parts (`conll::part_starts`), a file whose tokens
/// keep their punctuation is cut the CoNLL way (`conll::glued`, `conll::pieces`), one
/// whose hyphenated words were cut apart has them joined (`conll::hyphens_split`), overlong
/// sentences are cut at their sentence ends (`conll::sentence_cuts`), and the labels (and
/// margins) come back on the given tokens, one `TaggedSentence` per given sentence.
pub fn tag_tokenised(
    tier: Tier,
    documents: &[Vec<Vec<String>>],
) -> Result<Vec<Vec<TaggedSentence>>, accurate::AccurateError> {
    let glued = conll::glued(documents.iter().flatten().map(Vec::as_slice));
    let hyphens = conll::hyphens_split(documents.iter().flatten().map(Vec::as_slice));
    // The documents the tagger reads (parts of the given ones), and for each given sentence
    // what hyphens were joined, its pieces' owners and how many sentences it became.
    type Plan = (Option<Vec<std::ops::Range<usize>>>, Vec<usize>, usize);
    let mut tagger_input: Vec<Vec<Vec<String>>> = Vec::new();
    let mut plans: Vec<Plan> = Vec::new();
    for sentences in documents {
        let starts = conll::part_starts(sentences, glued);
        for (i, tokens) in sentences.iter().enumerate() {
            if i == 0 || starts.contains(&i) {
                tagger_input.push(Vec::new());
            }
            let (joined, ranges) = if hyphens {
                let (joined, ranges) = conll::join_hyphens(tokens);
                (Some(joined), Some(ranges))
            } else {
                (None, None)
            };
            let (pieces, owners) = conll::pieces(joined.as_deref().unwrap_or(tokens), glued);
            let part = tagger_input.last_mut().expect("a part was opened above");
            let mut start = 0;
            let mut cut_into = 0;
            for cut in conll::sentence_cuts(&pieces)
                .into_iter()
                .chain([pieces.len()])
            {
                part.push(pieces[start..cut].to_vec());
                start = cut;
                cut_into += 1;
            }
            plans.push((ranges, owners, cut_into));
        }
    }
    // The tagged sentences in order, whatever part they were read in.
    let mut tagged = tag_documents(tier, tagger_input.iter().map(Vec::as_slice))?
        .into_iter()
        .flatten();
    let mut plans = plans.into_iter();
    Ok(documents
        .iter()
        .map(|sentences| {
            sentences
                .iter()
                .zip(plans.by_ref())
                .map(|(tokens, (ranges, owners, cut_into))| {
                    let (mut labels, mut margins) = (Vec::new(), Vec::new());
                    for (l, m) in tagged.by_ref().take(cut_into) {
                        labels.extend(l);
                        margins.extend(m);
                    }
                    let joined = ranges.as_ref().map_or(tokens.len(), Vec::len);
                    let (labels, margins) = conll::on_tokens(&labels, &margins, &owners, joined);
                    match ranges {
                        Some(ranges) => conll::spread_hyphens(&labels, &margins, &ranges, tokens),
                        None => (labels, margins),
                    }
                })
                .collect()
        })
        .collect())
}

/// IOB2 labels (and, for the fast tier, each token's margin against O) for the sentences of
/// each document, documents tagged in parallel on every core. For `newsdex tag`.
pub fn tag_documents<'a>(
    tier: Tier,
    documents: impl Iterator<Item = &'a [Vec<String>]>,
) -> Result<Vec<Vec<TaggedSentence>>, accurate::AccurateError> {
    use rayon::prelude::*;
    let documents: Vec<&[Vec<String>]> = documents.collect();
    match tier {
        Tier::Fast => {
            let model = ner::NerModel::embedded();
            Ok(documents
                .par_iter()
                .map(|sentences| {
                    model
                        .tag_document_scored(sentences, true)
                        .into_iter()
                        .map(|(tags, margins)| (perceptron::decode_iob2(&tags), margins))
                        .collect()
                })
                .collect())
        }
        Tier::Accurate => {
            let model = accurate::AccurateModel::embedded().map_err(Clone::clone)?;
            documents
                .par_iter()
                .map(|sentences| {
                    Ok(model
                        .tag_document(sentences)?
                        .into_iter()
                        .map(|labels| (labels, Vec::new()))
                        .collect())
                })
                .collect()
        }
    }
}

/// Fill `article.persons/places/orgs` from its headline, captions and body.
pub fn annotate(article: &mut Article, tagger: &dyn Tagger) {
    let mut parts: Vec<&str> = Vec::with_capacity(article.captions.len() + 2);
    parts.push(&article.headline);
    parts.extend(article.captions.iter().map(String::as_str));
    parts.push(&article.body);
    let mut mentions = tagger.mentions(&parts);
    article.tagger = tagger.tier();
    let mut dateline_place = article.dateline.as_deref().and_then(dateline_entity);
    // A mixed-case lead's place is the dateline only when it is a place.
    if article.dateline.is_none()
        && let Some(candidate) = article.unmarked_dateline.take()
        && let Some(place) = dateline_entity(&candidate)
    {
        article.dateline = Some(candidate);
        dateline_place = Some(place);
    }
    dateline_mentions_are_places(
        &mut mentions,
        article.dateline.as_deref(),
        dateline_place.as_ref().map(|p| p.name.as_str()),
    );
    hyphenated_names(&mut mentions, &parts);
    let countries = demonyms::countries(&parts);
    let spots = salience::Spots::find(&mentions, &article.headline, &article.body);
    let mut resolved = normalize::resolve(&mentions, &article.byline);
    normalize::join_possessive_companies(&mut resolved);
    teams::join_nicknames(&mut resolved, &parts);
    // Names the text's own cues typed: their entities carry it to the archive-wide vote.
    let cued: Vec<(EntityKind, String)> = mentions
        .iter()
        .filter(|m| m.cued)
        .map(|m| {
            (
                m.kind,
                fold_key(normalize::without_possessive(&m.text, m.kind)),
            )
        })
        .collect();
    for kind in EntityKind::ALL {
        *article.entities_mut(kind) = resolved
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, e)| {
                let mut e = e.clone();
                e.cued = cued.contains(&(kind, fold_key(&e.name)));
                e
            })
            .collect();
    }
    let (mut places, acronyms, derived) = place_entities(
        &article.places,
        article.dateline.as_deref(),
        &[&article.headline, &article.body],
    );
    // The dateline is a place of the article even when the text never names it.
    article.dateline_place = dateline_place;
    if let Some(dateline) = &article.dateline_place
        && !places.iter().any(|p| p.id == dateline.id)
    {
        places.push(dateline.clone());
    }
    article.places = places;
    article.countries = countries;
    // A short all-capitals "place" no gazetteer knows is an organisation's acronym ("UN").
    for org in acronyms {
        Entity::add_to(&mut article.orgs, org);
    }
    // "Iraq-related costs" and "Londoners" say so too, without naming the place.
    for country in derived {
        Entity::add_to(&mut article.countries, country);
    }
    // "Bank of Canada" says the story is about Canada, as "Canadian" does.
    for country in demonyms::countries_in_names(&article.orgs) {
        Entity::add_to(&mut article.countries, country);
    }
    article
        .countries
        .sort_by_key(|e| std::cmp::Reverse(e.count));
    let dateline_id = article.dateline_place.as_ref().and_then(|p| p.id.clone());
    salience::score(
        &spots,
        [
            (&mut article.persons, EntityKind::Person),
            (&mut article.places, EntityKind::Place),
            (&mut article.orgs, EntityKind::Org),
        ],
        dateline_id.as_deref(),
    );
    if let (Some(place), Some(scored)) = (
        article.dateline_place.as_mut(),
        article.places.iter().find(|p| p.id == dateline_id),
    ) {
        place.salience = scored.salience;
    }
}

/// For each place name, the index of another that qualifies it in the text ("A, B"):
/// the first such, if any. One pass over each text's ", " (a dozen places per article at
/// most, compared at each comma), not a search per pair.
fn qualifiers(names: &[&str], texts: &[&str]) -> Vec<Option<usize>> {
    let mut out = vec![None; names.len()];
    if names.len() < 2 {
        return out;
    }
    let word_edge = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
    for text in texts {
        for (at, _) in text.match_indices(", ") {
            let (before, after) = (&text[..at], &text[at + 2..]);
            for (i, a) in names.iter().enumerate() {
                if out[i].is_some()
                    || !before.ends_with(a)
                    || !word_edge(before[..before.len() - a.len()].chars().next_back())
                {
                    continue;
                }
                out[i] = names.iter().enumerate().position(|(j, b)| {
                    j != i && after.starts_with(b) && word_edge(after[b.len()..].chars().next())
                });
            }
        }
    }
    out
}

/// A name written as the dateline's place is that place: the tagger reads "SAO PAULO,
/// February 4 (Wire) -" and the "Sao Paulo" after it as a person, and an all-caps "LAGOS"
/// as an organisation.
/// `place` is the gazetteer's name for the dateline's place, when it knows it.
fn dateline_mentions_are_places(
    mentions: &mut [Mention],
    dateline: Option<&str>,
    place: Option<&str>,
) {
    let Some(dateline) = dateline else { return };
    let mut keys = vec![fold_key(dateline.split(',').next().unwrap_or(dateline))];
    keys.extend(place.map(fold_key));
    keys.retain(|k| !k.is_empty());
    for mention in mentions.iter_mut() {
        if mention.kind != EntityKind::Place && keys.contains(&fold_key(&mention.text)) {
            mention.kind = EntityKind::Place;
        }
    }
}

/// A city needs this many people to be one part of a hyphenated pair of cities ("Moscow-
/// Washington hotline"): smaller towns share their names with the halves of
/// double-barrelled names. Beside a country a city of `SIZEABLE_PAIRED_CITY` will do
/// ("Israel-Gaza war").
const PAIRED_CITY: u64 = 500_000;
const SIZEABLE_PAIRED_CITY: u64 = 100_000;

/// What a hyphenated token names, part by part, when each part is a name of its own.
struct Pair {
    parts: Vec<(String, EntityKind)>,
    /// A part is a city, not a country: a club's in a sports story ("Madrid-Barcelona").
    city: bool,
}

impl Pair {
    /// One mention of each part, as one writing of the token gives them.
    fn mentions(&self) -> impl Iterator<Item = Mention> + '_ {
        self.parts.iter().map(|(p, k)| Mention::new(p.clone(), *k))
    }
}

/// The parts of a hyphenated token ("US-China", "Israel-Hamas", "U.S.-JAPAN", "UPDATE
/// 2-U.S.-China" without its wire slug) when every part is a country, a city (see
/// `PAIRED_CITY`), a listed organisation or, outside a line in capitals, an acronym; one
/// at least a place; and the whole no place of its own ("Guinea-Bissau"). In a line in
/// capitals an acronym is no evidence: "U.S.-SOVIET ARMS TALKS", "IRAN-BACKED".
fn pair_of(token: &str, in_capitals: bool) -> Option<Pair> {
    let gazetteer = places::Gazetteer::embedded();
    let mut parts: Vec<&str> = token.split('-').collect();
    // A wire slug and its number open a headline, not a name ("BRIEF-", "UPDATE 2-").
    while parts.len() > 2
        && (tokenize::is_wire_slug(parts[0]) || parts[0].bytes().all(|b| b.is_ascii_digit()))
    {
        parts.remove(0);
    }
    let capitalised = |p: &&str| p.chars().next().is_some_and(char::is_uppercase);
    if !(2..=3).contains(&parts.len())
        || !parts.iter().all(capitalised)
        || parts.iter().any(|p| tokenize::is_wire_slug(p))
    {
        return None;
    }
    let whole = parts.join("-");
    if gazetteer.knows(&whole) {
        return None;
    }
    let has_country = parts.iter().any(|p| gazetteer.names_a_country(p));
    let city_size = if has_country {
        SIZEABLE_PAIRED_CITY
    } else {
        PAIRED_CITY
    };
    let mut city = false;
    let mut kinds = Vec::with_capacity(parts.len());
    for part in &parts {
        let kind = if gazetteer.names_a_country(part) {
            EntityKind::Place
        } else if known_orgs::is_listed(&[part]) {
            EntityKind::Org
        } else if gazetteer.names_a_country_or_city(part, city_size) {
            city = true;
            EntityKind::Place
        } else if !in_capitals && normalize::is_acronym(part) {
            EntityKind::Org
        } else {
            return None;
        };
        kinds.push(kind);
    }
    if !kinds.contains(&EntityKind::Place) {
        return None;
    }
    Some(Pair {
        parts: parts.iter().map(|p| p.to_string()).zip(kinds).collect(),
        city,
    })
}

/// Names joined by hyphens ("US-China trade war", "Israel-Hamas talks", "U.S.-JAPAN"):
/// each writing is a mention of each part (`pair_of`), a place or an organisation, where
/// the tagger read the token as one place no gazetteer knows, as an organisation whose
/// organisation parts the article also names alone ("the EU said ... the EU-UK deal"), as
/// MISC, or not at all. The parts take the writing's place among the mentions, which stay
/// in document order (salience reads the headline's and lead's from it). A writing stays
/// as it is inside a longer name ("US-China Business Council", "Air France-KLM"), where
/// the tagger read an organisation with an organisation part named nowhere alone
/// ("US-CERT"), where any person's name holds the token (double-barrelled names), and in
/// a sports story where a part is a city ("the Real Madrid-Barcelona clasico"). The tags
/// (`newsdex tag`) keep the token.
fn hyphenated_names(mentions: &mut Vec<Mention>, texts: &[&str]) {
    // Each distinct token is asked once (per case of its line): (text, start, end, key) of
    // each writing.
    let mut pairs: HashMap<(&str, bool), Option<Pair>> = HashMap::new();
    let mut writings: Vec<(usize, usize, usize, (&str, bool))> = Vec::new();
    for (t, text) in texts.iter().enumerate() {
        // The line of the last token: (start, end, written in capitals), found once per line.
        let mut line = (0, 0, false);
        for (at, raw) in hyphenated_tokens(text) {
            let token = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
            let token = normalize::strip_possessive(token);
            // A sentence's full stop, unless the last part is an abbreviation ("EC-U.S.").
            let token = match token.strip_suffix('.') {
                Some(bare) if !bare.rsplit('-').next().is_some_and(|l| l.contains('.')) => bare,
                _ => token,
            };
            if token.is_empty() {
                continue;
            }
            let start = at + (token.as_ptr() as usize - raw.as_ptr() as usize);
            if start >= line.1 || start < line.0 {
                let from = text[..start].rfind('\n').map_or(0, |i| i + 1);
                let to = text[start..].find('\n').map_or(text.len(), |i| start + i);
                line = (from, to, !text[from..to].chars().any(char::is_lowercase));
            }
            let in_capitals = line.2;
            let key = (token, in_capitals);
            if pairs
                .entry(key)
                .or_insert_with(|| pair_of(token, in_capitals))
                .is_some()
            {
                writings.push((t, start, start + token.len(), key));
            }
        }
    }
    if writings.is_empty() {
        return;
    }
    // Where each mention stands: (text, start), found in order as the texts write them.
    let mut positions: Vec<(usize, usize)> = Vec::with_capacity(mentions.len());
    let (mut t, mut at) = (0, 0);
    for m in mentions.iter() {
        let found = (t..texts.len()).find_map(|tt| {
            let from = if tt == t { at } else { 0 };
            let i = texts[tt].get(from..)?.find(m.text.as_str())?;
            Some((tt, from + i))
        });
        if let Some((tt, start)) = found {
            (t, at) = (tt, start + m.text.len());
        }
        positions.push(found.unwrap_or((t, at)));
    }
    // Hyphenated words of persons' names, and organisations named alone: looked up, not
    // searched, so a long list of pairs stays linear.
    let in_persons: HashSet<&str> = mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .flat_map(|m| m.text.split_whitespace())
        .filter(|w| w.contains('-'))
        .map(|w| normalize::strip_possessive(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .collect();
    let orgs: HashSet<&str> = mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Org)
        .map(|m| m.text.as_str())
        .collect();
    let mut sports = None;
    let mut replaced: Vec<Option<&Pair>> = vec![None; mentions.len()];
    let mut inserted: Vec<(usize, &Pair)> = Vec::new();
    for (t, start, end, key) in writings {
        let Some(Some(pair)) = pairs.get(&key) else {
            continue;
        };
        let token = key.0;
        if in_persons.contains(token)
            || (pair.city && *sports.get_or_insert_with(|| teams::sports_text(texts)))
        {
            continue;
        }
        // The mentions that cover the writing: those that start at or before it, back to
        // the first that ends before it (names do not nest).
        let before = positions.partition_point(|&p| p <= (t, start));
        let covering: Vec<usize> = (0..before)
            .rev()
            .take_while(|&i| positions[i].0 == t && end <= positions[i].1 + mentions[i].text.len())
            .collect();
        let exact = |i: &usize| normalize::strip_possessive(mentions[*i].text.trim()) == token;
        // An organisation part the article names nowhere alone makes a tagged
        // organisation one name ("US-CERT"); named alone too, a relation ("the EU said ...
        // the EU-UK deal").
        let own_org_part = pair
            .parts
            .iter()
            .any(|(part, k)| *k == EntityKind::Org && !orgs.contains(part.as_str()));
        match covering.first() {
            None => inserted.push((before, pair)),
            Some(i) if covering.iter().all(exact) => {
                if !(mentions[*i].kind == EntityKind::Org && own_org_part) {
                    replaced[*i] = Some(pair);
                }
            }
            Some(_) => {}
        }
    }
    let old = std::mem::take(mentions);
    let mut inserted = inserted.into_iter().peekable();
    for (i, m) in old.into_iter().enumerate() {
        while let Some((_, pair)) = inserted.next_if(|(before, _)| *before <= i) {
            mentions.extend(pair.mentions());
        }
        match replaced[i] {
            Some(pair) => mentions.extend(pair.mentions()),
            None => mentions.push(m),
        }
    }
    for (_, pair) in inserted {
        mentions.extend(pair.mentions());
    }
}

/// The whitespace-separated tokens of `text` that hold a hyphen, with where each starts,
/// found from the hyphens.
fn hyphenated_tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + text.get(from..)?.find('-')?;
        let start = text[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[at..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| at + i);
        from = end;
        Some((start, &text[start..end]))
    })
}

/// The dateline's place as an entity (one mention), when the gazetteer knows it.
pub fn dateline_entity(dateline: &str) -> Option<Entity> {
    let place = places::Gazetteer::embedded().dateline(dateline)?;
    Some(Entity {
        name: place.name,
        count: 1,
        id: Some(place.id),
        country: place.country,
        region: place.region,
        ..Entity::default()
    })
}

/// Places resolved to the gazetteer: canonical names, country and region; variants of one
/// place ("US", "United States") merged. A place written "City, Region" in `texts` is
/// resolved with the region's country ("Wallaceburg, Ontario"). Names the gazetteer lacks
/// are kept as they are, except unknown acronyms, returned second as organisations.
pub fn place_entities(
    places: &[Entity],
    dateline: Option<&str>,
    texts: &[&str],
) -> (Vec<Entity>, Vec<Entity>, Vec<Entity>) {
    let gazetteer = places::Gazetteer::embedded();
    let names: Vec<&str> = places.iter().map(|e| e.name.as_str()).collect();
    let qualifiers = qualifiers(&names, texts);
    let resolved = gazetteer.resolve_qualified(&names, dateline, &qualifiers);
    let mut out: Vec<Entity> = Vec::with_capacity(places.len());
    let mut acronyms = Vec::new();
    let mut derived = Vec::new();
    for (entity, place) in places.iter().zip(resolved) {
        let entity = match place {
            Some(p) => Entity {
                // The gazetteer's regions lack diacritics ("Amapa", "Nuevo Leon"): the
                // text's spelling of the same letters is the better name.
                name: if accented_latin(&entity.name)
                    && p.name.is_ascii()
                    && fold_key(&entity.name) == fold_key(&p.name)
                {
                    entity.name.clone()
                } else {
                    p.name
                },
                count: entity.count,
                id: Some(p.id),
                country: p.country,
                region: p.region,
                cued: entity.cued,
                ..Entity::default()
            },
            None if normalize::is_acronym(&entity.name) => {
                acronyms.push(entity.clone());
                continue;
            }
            None if let Some(base) = derived_from_place(&entity.name, gazetteer) => {
                // Not a place mention, but the story is about the base's country.
                if let Some(country) = base.country {
                    derived.push(Entity {
                        name: country,
                        count: entity.count,
                        ..Entity::default()
                    });
                }
                continue;
            }
            None => entity.clone(),
        };
        match out
            .iter_mut()
            .find(|e| e.id == entity.id && (e.id.is_some() || e.name == entity.name))
        {
            Some(existing) => existing.count += entity.count,
            None => out.push(entity),
        }
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.count));
    (out, acronyms, derived)
}

/// Is `name` written in Latin letters with accents, in mixed case ("Amapá", not "NUEVO
/// LEÓN" or "Минск", which `fold_key` also folds to the gazetteer's ASCII name)?
fn accented_latin(name: &str) -> bool {
    !name.is_ascii()
        && name.chars().any(char::is_lowercase)
        && name
            .chars()
            .all(|c| c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c))
}

/// The place an unknown "place" name is formed from, when it is an adjective or the name
/// of its people rather than a place: "Iraq-related", "London-based", "US-led" (a known
/// place, a hyphen and a lower-case word), "Londoners", "New Yorkers", "North American"
/// (a known place and a demonym ending).
fn derived_from_place(name: &str, gazetteer: &places::Gazetteer) -> Option<places::Resolved> {
    let resolve = |base: &str| gazetteer.resolve_all(&[base], None).pop().flatten();
    if let Some((base, tail)) = name.rsplit_once('-')
        && !tail.is_empty()
        && tail.chars().all(|c| c.is_lowercase())
    {
        return resolve(base);
    }
    ["ers", "er", "ns", "n", "ians", "ian", "ese"]
        .iter()
        .filter_map(|ending| name.strip_suffix(ending))
        .filter(|base| base.chars().count() >= 3)
        .find_map(resolve)
}

#[cfg(test)]
mod tests {
    use super::{place_in_misc, qualifiers};

    #[test]
    fn a_place_keeps_the_texts_diacritics_the_gazetteer_lacks() {
        use super::{Entity, place_entities};
        let places = [
            Entity::new("Amapá", 2),
            Entity::new("Amapa", 1),
            Entity::new("Nuevo León", 1),
            Entity::new("Brazil", 1),
            Entity::new("Минск", 1),
        ];
        let (out, _, _) = place_entities(&places, None, &["Amapá Nuevo León Brazil"]);
        let names: Vec<(&str, u32)> = out.iter().map(|e| (e.name.as_str(), e.count)).collect();
        // One entry per place, with the text's first spelling.
        // Another script is no spelling of the gazetteer's name.
        assert_eq!(
            names,
            [("Amapá", 3), ("Nuevo León", 1), ("Brazil", 1), ("Minsk", 1)]
        );
    }

    #[test]
    fn names_written_as_the_dateline_are_its_place() {
        use super::{EntityKind, Mention, dateline_mentions_are_places};
        let mut mentions = vec![
            Mention::new("SAO PAULO", EntityKind::Person),
            Mention::new("Sao Paulo", EntityKind::Org),
            Mention::new("Lula", EntityKind::Person),
        ];
        dateline_mentions_are_places(&mut mentions, Some("SAO PAULO"), Some("São Paulo"));
        let kinds: Vec<EntityKind> = mentions.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [EntityKind::Place, EntityKind::Place, EntityKind::Person]
        );
        // "Seoul, South Korea": the city part, and the gazetteer's name for it.
        let mut mentions = vec![Mention::new("Seoul", EntityKind::Org)];
        let seoul = super::dateline_entity("Seoul, South Korea").map(|p| p.name);
        dateline_mentions_are_places(&mut mentions, Some("Seoul, South Korea"), seoul.as_deref());
        assert_eq!(mentions[0].kind, EntityKind::Place);
        let mut untouched = vec![Mention::new("Seoul", EntityKind::Org)];
        dateline_mentions_are_places(&mut untouched, None, None);
        assert_eq!(untouched[0].kind, EntityKind::Org);
    }

    #[test]
    fn names_joined_by_a_hyphen_are_each_a_mention() {
        use super::{EntityKind, Mention, hyphenated_names};
        use EntityKind::*;
        let split = |mentions: Vec<Mention>, text: &str| {
            let mut mentions = mentions;
            hyphenated_names(&mut mentions, &[text]);
            let mut out: Vec<(String, EntityKind)> =
                mentions.into_iter().map(|m| (m.text, m.kind)).collect();
            out.sort_by(|a, b| a.0.cmp(&b.0));
            out
        };
        let owned = |list: &[(&str, EntityKind)]| -> Vec<(String, EntityKind)> {
            list.iter().map(|(t, k)| (t.to_string(), *k)).collect()
        };
        // Read as one place, as MISC (no mention), or in an all-caps headline.
        assert_eq!(
            split(
                vec![Mention::new("India-Pakistan", Place)],
                "India-Pakistan talks and the US-China trade war."
            ),
            owned(&[
                ("China", Place),
                ("India", Place),
                ("Pakistan", Place),
                ("US", Place)
            ])
        );
        assert_eq!(
            split(
                vec![],
                "U.S.-JAPAN TALKS, the EU-UK deal and the Israel-Hamas war."
            ),
            owned(&[
                ("EU", Org),
                ("Hamas", Org),
                ("Israel", Place),
                ("JAPAN", Place),
                ("U.S.", Place),
                ("UK", Place)
            ])
        );
        // In capitals an acronym is no name; a wire slug and its number are no part.
        assert_eq!(
            split(vec![], "U.S.-SOVIET ARMS TALKS AND IRAN-BACKED GROUPS"),
            []
        );
        assert_eq!(
            split(
                vec![],
                "BRIEF-China Eastern says; UPDATE 2-U.S.-China talks"
            ),
            owned(&[("China", Place), ("U.S.", Place)])
        );
        // The parts stand where the token does, so the headline's names come first; each
        // writing counts, a tagged one with a possessive too.
        let mut mentions = vec![
            Mention::new("Lighthizer", Person),
            Mention::new("US-China's", Place),
        ];
        hyphenated_names(
            &mut mentions,
            &[
                "US-China truce holds, says Lighthizer",
                "The US-China's deal.",
            ],
        );
        let texts: Vec<&str> = mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, ["US", "China", "Lighthizer", "US", "China"]);
        // A sports story's pair of clubs' cities, an organisation with an organisation
        // part, and a person's double-barrelled name wherever it is written stay.
        let sport = "Real Madrid-Barcelona clasico: the football match ended 2-1, the \
                     striker scored twice. Mia Hamilton-Kingston's lawyer and US-CERT spoke; \
                     Hamilton-Kingston left.";
        let kept = vec![
            Mention::new("Mia Hamilton-Kingston", Person),
            Mention::new("US-CERT", Org),
        ];
        let before: Vec<(String, EntityKind)> =
            kept.iter().map(|m| (m.text.clone(), m.kind)).collect();
        assert_eq!(split(kept, sport), before);
        // An organisation part the article names alone makes a tagged organisation a
        // relation.
        let relation = vec![Mention::new("EU", Org), Mention::new("EU-UK", Org)];
        assert_eq!(
            split(relation, "The EU said the EU-UK deal holds."),
            owned(&[("EU", Org), ("EU", Org), ("UK", Place)])
        );
        // A country's own name, a person's, one inside a longer name, a broadcaster with
        // its city, names that are no places, and a pair of organisations stay.
        let kept = vec![
            Mention::new("Guinea-Bissau", Place),
            Mention::new("Jordan-Chad", Person),
            Mention::new("US-China Business Council", Org),
            Mention::new("WGBH-Boston", Org),
        ];
        let text = "Guinea-Bissau, Jordan-Chad, the US-China Business Council, WGBH-Boston, \
                    Rolls-Royce, Coca-Cola and TNK-BP";
        let before: Vec<(String, EntityKind)> =
            kept.iter().map(|m| (m.text.clone(), m.kind)).collect();
        assert_eq!(split(kept, text), before);
    }

    /// Tokens of `text` split at single spaces.
    fn tokens(text: &'static str) -> Vec<super::tokenize::Token<'static>> {
        let mut at = 0;
        text.split(' ')
            .map(|word| {
                let start = at;
                at += word.len() + 1;
                super::tokenize::Token {
                    text: word,
                    start,
                    end: start + word.len(),
                }
            })
            .collect()
    }

    #[test]
    fn party_adjectives_before_a_role_or_a_person_name_the_party() {
        use super::party_adjectives;
        let sentence =
            tokens("former Conservative leader William Hague and Liberal Democrat Paul Tyler");
        let spans = [(3, 5, "PER"), (8, 10, "PER")];
        assert_eq!(party_adjectives(&sentence, &spans), vec![(1, 2), (6, 8)]);
        // Not before other words, not when already inside a name, not a Republican Guard.
        let sentence = tokens("Conservative estimates of the Republican Guard");
        assert!(party_adjectives(&sentence, &[]).is_empty());
        let sentence = tokens("Democratic Republic of Congo leader");
        assert!(party_adjectives(&sentence, &[(0, 4, "LOC")]).is_empty());
    }

    #[test]
    fn a_bracketed_word_after_an_organisation_is_its_short_form() {
        use super::{bracketed_short_form, untagged_short_forms};
        let sentence = tokens("The National Action Party ( PAN ) urged a boycott");
        let spans = [(1, 4, "ORG"), (5, 6, "ORG")];
        assert_eq!(
            bracketed_short_form(&sentence, &spans, spans[1]),
            Some((1, 4))
        );
        assert_eq!(bracketed_short_form(&sentence, &spans, spans[0]), None);
        // Not after a person or place, not a long phrase, not without both brackets.
        let spans = [(1, 4, "PER"), (5, 6, "ORG")];
        assert_eq!(bracketed_short_form(&sentence, &spans, spans[1]), None);
        let sentence = tokens("Vale Indonesia ( Vale Canada Limited ) said");
        let spans = [(0, 2, "ORG"), (3, 6, "ORG")];
        assert_eq!(bracketed_short_form(&sentence, &spans, spans[1]), None);
        // Untagged: words in capitals only.
        let sentence = tokens("the Institutional Revolutionary Party ( PRI ) and Vale ( Brazil )");
        let spans = [(1, 4, "ORG"), (8, 9, "ORG"), (10, 11, "LOC")];
        assert_eq!(untagged_short_forms(&sentence, &spans), vec![(5, (1, 4))]);
        let sentence =
            tokens("the Depot and Petroleum Products Marketers Association ( DAPPMAN ) said");
        let spans = [(1, 7, "ORG"), (8, 9, "ORG")];
        assert_eq!(
            bracketed_short_form(&sentence, &spans, spans[1]),
            Some((1, 7))
        );
        // Letters of the name's own language, when the name is whole; not after a
        // connector, where the tagger may have cut it short. Each sentence: the name's
        // span, then whether the tagged short form in brackets after it is the name's.
        for (text, name, shortens) in [
            ("at the House of Representatives ( DPR ) that", (2, 5), true),
            ("founder of the Survivors Fund ( SURF ) said", (3, 5), true),
            (
                "in 2004 , the European Telecommunications Institute ( Etsi ) said",
                (4, 7),
                true,
            ),
            (
                "Industrial and Commercial Bank ( ICBC ) said",
                (2, 4),
                false,
            ),
            (
                "Organization of the Petroleum Exporting Countries ( OPEC ) said",
                (3, 6),
                false,
            ),
            (
                "Department for Digital , Culture , Media and Sport ( DCMS ) said",
                (6, 9),
                false,
            ),
            (
                "Secretaría de Hacienda y Crédito Público ( SHCP ) said",
                (4, 6),
                false,
            ),
        ] {
            let sentence = tokens(text);
            let spans = [(name.0, name.1, "ORG"), (name.1 + 1, name.1 + 2, "ORG")];
            assert_eq!(
                bracketed_short_form(&sentence, &spans, spans[1]),
                shortens.then_some(name),
                "{text}"
            );
        }
        let sentence = tokens("The Indonesian Nickel Miners Association ( APNI ) warned");
        let spans = [(1, 5, "ORG")];
        assert_eq!(untagged_short_forms(&sentence, &spans), vec![(6, (1, 5))]);
        let sentence = tokens("Industrial and Commercial Bank ( ICBC ) said");
        let spans = [(2, 4, "ORG")];
        assert!(untagged_short_forms(&sentence, &spans).is_empty());
        let sentence = tokens("National Action Party PAN ) said");
        let spans = [(0, 3, "ORG"), (3, 4, "ORG")];
        assert_eq!(bracketed_short_form(&sentence, &spans, spans[1]), None);
    }

    #[test]
    fn a_real_name_stands_for_the_stage_name_before_it() {
        use super::real_name_of;
        let sentence = tokens("names Snoop Dogg - real name Calvin Broadus - and Disney");
        let spans = [(1, 3, "PER"), (6, 8, "PER"), (10, 11, "ORG")];
        assert_eq!(real_name_of(&sentence, &spans, spans[1]), Some((1, 3)));
        assert_eq!(real_name_of(&sentence, &spans, spans[0]), None);
        assert_eq!(real_name_of(&sentence, &spans, spans[2]), None);
        let sentence = tokens("Sizzla , whose real name is Miguel Collins , sang");
        let spans = [(0, 1, "PER"), (6, 8, "PER")];
        assert_eq!(real_name_of(&sentence, &spans, spans[1]), Some((0, 1)));
        let sentence = tokens("Curtis Jackson , better known as 50 Cent , said");
        let spans = [(0, 2, "PER"), (6, 8, "PER")];
        assert_eq!(real_name_of(&sentence, &spans, spans[0]), Some((6, 8)));
        assert_eq!(real_name_of(&sentence, &spans, spans[1]), None);
        // Not the start of a longer phrase.
        let sentence = tokens("Meghan Markle , better known as Prince Harry 's wife");
        let spans = [(0, 2, "PER"), (6, 8, "PER")];
        assert_eq!(real_name_of(&sentence, &spans, spans[0]), None);
        // Not after an organisation (`appositives::relabel` has made a stage name a
        // person by then, so only a listed organisation stays one), nor without the words.
        let sentence = tokens("Disney - real name Walt Disney Company");
        let spans = [(0, 1, "ORG"), (4, 6, "PER")];
        assert_eq!(real_name_of(&sentence, &spans, spans[1]), None);
        let sentence = tokens("Snoop Dogg - named Calvin Broadus");
        let spans = [(0, 2, "PER"), (4, 6, "PER")];
        assert_eq!(real_name_of(&sentence, &spans, spans[1]), None);
    }

    #[test]
    fn a_misc_name_about_a_country_gives_the_country() {
        assert_eq!(place_in_misc(&["Iraq", "war"]), Some(1));
        assert_eq!(place_in_misc(&["US", "dollar"]), Some(1));
        assert_eq!(place_in_misc(&["South", "Korea", "election"]), Some(2));
        assert_eq!(place_in_misc(&["Iraq"]), Some(1));
        // Named events and works, nationalities, and names that are no place stay MISC.
        assert_eq!(place_in_misc(&["Iraq", "War", "Memorial"]), None);
        assert_eq!(place_in_misc(&["Gulf", "War"]), None);
        assert_eq!(place_in_misc(&["Kenyan"]), None);
        assert_eq!(place_in_misc(&["Harry", "Potter"]), None);
        assert_eq!(place_in_misc(&["Iraq", "war", "Inquiry"]), None);
    }

    #[test]
    fn adjectives_and_demonyms_formed_from_places_are_no_place_mentions() {
        let g = super::places::Gazetteer::embedded();
        let base = |name: &str| super::derived_from_place(name, g).map(|p| p.name);
        assert_eq!(base("Iraq-related").as_deref(), Some("Iraq"));
        assert_eq!(base("London-based").as_deref(), Some("London"));
        assert_eq!(base("Londoners").as_deref(), Some("London"));
        assert_eq!(base("New Yorkers").as_deref(), Some("New York"));
        assert_eq!(base("North American").as_deref(), Some("North America"));
        // Real places and hyphenated names stay what they are.
        assert_eq!(base("Guinea-Bissau"), None);
        assert_eq!(base("Narnia"), None);
    }

    #[test]
    fn a_place_followed_by_comma_and_another_is_qualified_by_it() {
        let names = ["London", "Ontario", "York", "Texas", "Paris"];
        let texts = [
            "Plants in London, Ontario and in York, Pennsylvania closed.",
            "Talks in Paris, Texasville style, and in Paris, Texas",
        ];
        // York is followed by a place the article's list lacks; "Texasville" is no
        // "Texas"; the second "Paris, Texas" counts.
        assert_eq!(
            qualifiers(&names, &texts),
            [Some(1), None, None, None, Some(3)]
        );
        assert_eq!(qualifiers(&["London"], &["London, London"]), [None]);
    }
}
