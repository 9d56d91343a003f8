//! Appositives: the noun phrase after a name's comma that says what the name is. "Humain,
//! an AI company,", "Kusile, a coal-fired power station,", "Xocova, an antiviral drug,",
//! "Okpebholo, a senator,". News introduces an unfamiliar name this way, and a tagger
//! trained on 1996 Reuters reads a name it has never seen as a person. A real name after
//! a name makes it a person's stage name ("Sizzla, whose real name is Miguel Collins").
//!
//! Owns the reading of such a phrase (a determiner, modifiers, then a head noun whose kind
//! is unambiguous, then a comma, a full stop, the end of the sentence or a word that opens
//! a modifier of the head: "a party led by", "a town near the coast") and the relabelling,
//! per document, of person, place and organisation spans whose appositive names a person,
//! a place or a product or work (MISC) instead. Organisation heads are `companies`' cue,
//! which reads them with `head_kind`. Both taggers run `relabel` after
//! `companies::relabel`. It must not create spans, touch MISC spans, or look beyond the
//! document.

use std::collections::HashMap;

use super::perceptron::{LOC, MISC, ORG, PER, tag_spans, write_span};
use super::places::{is_area, is_known_place};
use super::word_list::WordList;

/// Most words between the determiner and the head ("a 4,800 - megawatt coal-fired power
/// station" is seven).
const MAX_MODIFIERS: usize = 7;

/// Heads that make the name an organisation.
static ORG_HEADS: WordList = WordList::new(&[
    "company",
    "firm",
    "agency",
    "party",
    "bank",
    "lender",
    "regulator",
    "watchdog",
    "commission",
    "body",
    "organisation",
    "organization",
    "ministry",
    "broadcaster",
    "newspaper",
    "daily",
    "tabloid",
    "airline",
    "carrier",
    "insurer",
    "retailer",
    "maker",
    "chipmaker",
    "carmaker",
    "automaker",
    "drugmaker",
    "conglomerate",
    "group",
    "union",
    "network",
    "exchange",
    "startup",
    "start-up",
    "movement",
    "militia",
    "pollster",
    "subsidiary",
    "utility",
    "developer",
    "manufacturer",
    "producer",
    "supplier",
    "council",
    "committee",
    "authority",
    "institute",
    "university",
    "charity",
    "foundation",
    "alliance",
    "coalition",
    "fund",
    "federation",
    "association",
    "league",
    "club",
    "consortium",
    "cooperative",
    "co-operative",
    "unit",
    "affiliate",
    "nonprofit",
    "non-profit",
    "think-tank",
    "outfit",
    "faction",
    "NGO",
]);

/// Heads that make the name a person.
static PERSON_HEADS: WordList = WordList::new(&[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "senator",
    "lawmaker",
    "legislator",
    "congressman",
    "congresswoman",
    "minister",
    "politician",
    "diplomat",
    "ambassador",
    "economist",
    "strategist",
    "professor",
    "lecturer",
    "researcher",
    "scientist",
    "lawyer",
    "attorney",
    "judge",
    "prosecutor",
    "farmer",
    "teacher",
    "student",
    "mother",
    "father",
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "sister",
    "widow",
    "actor",
    "actress",
    "singer",
    "rapper",
    "musician",
    "novelist",
    "poet",
    "journalist",
    "reporter",
    "correspondent",
    "columnist",
    "activist",
    "campaigner",
    "businessman",
    "businesswoman",
    "entrepreneur",
    "billionaire",
    "tycoon",
    "co-founder",
    "chairman",
    "chairwoman",
    "chairperson",
    "governor",
    "mayor",
    "candidate",
    "commander",
    "officer",
    "soldier",
    "midfielder",
    "striker",
    "defender",
    "goalkeeper",
    "president",
    "vice-president",
    "secretary",
    "engineer",
    "doctor",
    "nurse",
    "surgeon",
    "pilot",
    "grandmother",
    "grandfather",
    "CEO",
    "MP",
]);

/// Heads that make the name a place (facilities included, as CoNLL-2003 types them).
static PLACE_HEADS: WordList = WordList::new(&[
    "town",
    "city",
    "village",
    "hamlet",
    "district",
    "province",
    "region",
    "suburb",
    "neighbourhood",
    "neighborhood",
    "county",
    "municipality",
    "island",
    "archipelago",
    "township",
    "settlement",
    "enclave",
    "prefecture",
    "governorate",
    "borough",
    "valley",
    "river",
    "lake",
    "mountain",
    "peninsula",
    "resort",
    "constituency",
    "camp",
    "plant",
    "mine",
    "refinery",
    "dam",
    "airport",
    "stadium",
]);

/// Heads that make the name a product or a work (MISC).
static MISC_HEADS: WordList = WordList::new(&[
    "drug",
    "vaccine",
    "medicine",
    "pill",
    "antiviral",
    "treatment",
    "therapy",
    "app",
    "smartphone",
    "console",
    "film",
    "movie",
    "documentary",
    "sitcom",
    "album",
    "song",
    "novel",
    "memoir",
    "sedan",
    "airliner",
    "helicopter",
    "drone",
    "missile",
    "rifle",
    "satellite",
    "spacecraft",
    "festival",
    "tournament",
    "cryptocurrency",
]);

/// Words that close the phrase after its head.
const CLOSING: &[&str] = &[",", ".", ";", ":", ")", "--", "—", "–", "?", "!"];

/// Words that open a modifier of the head ("a party led by", "a firm based in", "a town
/// near the coast", "a farmer who", "the leader of"): the word before them is the head.
static AFTER_HEAD: WordList = WordList::new(&[
    "of",
    "in",
    "at",
    "on",
    "for",
    "from",
    "near",
    "with",
    "and",
    "who",
    "which",
    "that",
    "whose",
    "led",
    "founded",
    "based",
    "owned",
    "backed",
    "run",
    "controlled",
    "made",
    "developed",
    "built",
    "located",
    "set",
    "created",
    "formed",
    "listed",
]);

/// Words that never stand between the determiner and the head: a clause has begun ("In
/// Nairobi, the police said they arrested a man").
static NOT_MODIFIERS: WordList = WordList::new(&[
    "the", "a", "an", "this", "these", "those", "he", "she", "it", "they", "we", "i", "you", "his",
    "her", "its", "their", "our", "is", "was", "are", "were", "be", "been", "has", "have", "had",
    "will", "would", "can", "could", "should", "may", "might", "must", "said", "says", "told",
    "say", "not", "to", "as", "or", "but", "if", "when", "while", "after", "before", "\"", "'",
    "“", "”", "‘", "’", "(", "[",
]);

/// Prepositions that make a phrase the complement of a noun before it ("the director of",
/// "his counterpart on", "a spokesman for", "an analyst at"); after "to", "with" or "in" a
/// verb's object is more likely ("transferred to the new wealth fund, Danantara").
/// A sentence's opening preposition ("In the Constitución neighbourhood, Graciela Benítez,
/// a 71-year-old") makes the comma the end of a fronted phrase instead.
const EMBEDDING: &[&str] = &[
    "of",
    "on",
    "for",
    "at",
    "In",
    "At",
    "On",
    "From",
    "After",
    "During",
    "Across",
    "Near",
    "Inside",
    "Outside",
    "For",
    "With",
    "Within",
    "Through",
    "Under",
    "Among",
    "Before",
    "Since",
    "Throughout",
    "Around",
];

/// Words before a name that make it the object of a preposition ("In Nairobi, a farmer,
/// 45, said"): a person head after such a name describes the clause's subject instead.
static PREPOSITIONS: WordList = WordList::new(&[
    "in",
    "In",
    "at",
    "At",
    "from",
    "From",
    "to",
    "To",
    "near",
    "Near",
    "across",
    "Across",
    "outside",
    "Outside",
    "inside",
    "Inside",
    "around",
    "Around",
    "throughout",
    "of",
    "for",
    "For",
    "on",
    "On",
    "into",
    "over",
    "Over",
    "'s",
    "’s",
]);

/// May `word` stand between an appositive's determiner and its head?
fn modifier(word: &str) -> bool {
    let shaped = word.chars().any(char::is_alphanumeric)
        || matches!(word, "$" | "£" | "€" | "%" | "-" | "'s" | "’s");
    shaped && !NOT_MODIFIERS.contains(word)
}

/// The type index of an appositive's head word (`before_head` is the word before it).
fn kind_of(before_head: Option<&str>, head: &str) -> Option<usize> {
    if head == "station" {
        // "a coal-fired power station", "a police station"; "a radio station" is its
        // broadcaster.
        let broadcaster =
            before_head.is_some_and(|w| matches!(w, "radio" | "television" | "TV" | "tv"));
        return Some(if broadcaster { ORG } else { LOC });
    }
    [
        (&ORG_HEADS, ORG),
        (&PERSON_HEADS, PER),
        (&PLACE_HEADS, LOC),
        (&MISC_HEADS, MISC),
    ]
    .into_iter()
    .find(|(heads, _)| heads.contains(head))
    .map(|(_, kind)| kind)
}

/// The type index (`perceptron::PER`, `LOC`, `ORG`, `MISC`) that the phrase `after` a
/// name's comma gives the name, if it is an appositive with a head of one kind.
pub fn head_kind<S: AsRef<str>>(after: &[S]) -> Option<usize> {
    let word = |i: usize| after.get(i).map(AsRef::as_ref);
    if !matches!(word(0), Some("the" | "a" | "an")) {
        return None;
    }
    let (mut head, mut before_head, mut stop) = (None, None, None);
    for i in 1.. {
        let Some(w) = word(i) else { break };
        if CLOSING.contains(&w) || (head.is_some() && AFTER_HEAD.contains(w)) {
            stop = Some(w);
            break;
        }
        if i > MAX_MODIFIERS + 1 || !modifier(w) {
            return None;
        }
        before_head = head;
        head = Some(w);
    }
    let head = head?;
    let kind = kind_of(before_head, head)?;
    // "a senior broadcaster with the CBS network" is someone who works there; "a group of
    // protesters" is some of them.
    let quantity = stop == Some("of") && matches!(head, "group" | "body" | "network" | "chain");
    (kind != ORG || !(stop == Some("with") || quantity)).then_some(kind)
}

/// The type index that an appositive before the name `tokens[start..end]` gives it, when
/// the name closes the phrase: "the new sovereign wealth fund, Danantara.", "the ruling
/// party, Zanu-PF, won", "Nigeria's electoral commission, INEC, said".
pub fn head_kind_before<S: AsRef<str>>(tokens: &[S], start: usize, end: usize) -> Option<usize> {
    let at = |i: usize| tokens.get(i).map(AsRef::as_ref);
    if start < 3 || at(start - 1) != Some(",") || at(end).is_some_and(|w| !CLOSING.contains(&w)) {
        return None;
    }
    let head = at(start - 2)?;
    // A determiner or a possessive before the head, with only modifiers between.
    for back in 3..=MAX_MODIFIERS + 3 {
        let w = at(start.checked_sub(back)?)?;
        let owner = matches!(
            w,
            "its" | "his" | "her" | "their" | "our" | "Its" | "His" | "Her"
        );
        if owner || matches!(w, "the" | "a" | "an" | "The" | "A" | "An" | "'s" | "’s") {
            // A phrase after a preposition may complement another noun: "the director of
            // the film, Vinod Pande", "his counterpart on the DCA committee, Alan Beith".
            // A possessive's owner comes first: "the head of the Russian league's
            // disciplinary committee, Anatoly Gorokhovsky".
            let det = start - back;
            let reach = if matches!(w, "'s" | "’s") { 5 } else { 3 };
            let complement = (1..=reach)
                .map_while(|k| at(det.checked_sub(k)?))
                .take_while(|w| !CLOSING.contains(w))
                .any(|w| EMBEDDING.contains(&w));
            return if complement {
                None
            } else {
                kind_of(at(start - 3), head)
            };
        }
        if !modifier(w) || CLOSING.contains(&w) {
            return None;
        }
    }
    None
}

/// Heads of a place right before "of" and its name ("the village of Lang Nu").
static PLACE_OF_HEADS: WordList = WordList::new(&[
    "town",
    "city",
    "village",
    "hamlet",
    "district",
    "province",
    "region",
    "island",
    "municipality",
    "county",
    "suburb",
    "township",
    "prefecture",
    "governorate",
    "borough",
]);

/// Kinds of product or work right before its name ("the antiviral drug Xocova", "the
/// Pfizer vaccine Comirnaty").
static MISC_BEFORE: WordList = WordList::new(&[
    "drug",
    "vaccine",
    "medicine",
    "pill",
    "antiviral",
    "app",
    "smartphone",
    "film",
    "movie",
    "documentary",
    "sitcom",
    "album",
    "song",
    "novel",
    "memoir",
    "sedan",
    "helicopter",
    "drone",
    "missile",
    "rifle",
    "satellite",
    "spacecraft",
]);

/// The other name a person's name ending at `end` is given right after it, and where
/// that name starts: `word(i)` is the sentence's i-th word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OtherName {
    /// "Sizzla, whose real name is Miguel Collins", "C-Murder - real name Corey Miller",
    /// "Mars (real name Bob Allen Deal)": the name before is a stage name.
    Real(usize),
    /// "Curtis Jackson, better known as 50 Cent": the name after is the stage name.
    Stage(usize),
}

pub(crate) fn other_name_after<'a>(
    word: impl Fn(usize) -> Option<&'a str>,
    end: usize,
) -> Option<OtherName> {
    if matches!(word(end), Some("," | "-" | "–" | "—" | "(")) {
        let mut k = end + 1 + usize::from(word(end + 1) == Some("whose"));
        if word(k).is_some_and(|w| w.eq_ignore_ascii_case("real")) && word(k + 1) == Some("name") {
            k += 2;
            k += usize::from(matches!(word(k), Some("is" | "was")));
            return Some(OtherName::Real(k));
        }
    }
    let k = end + usize::from(word(end) == Some(","));
    (word(k) == Some("better") && word(k + 1) == Some("known") && word(k + 2) == Some("as"))
        .then_some(OtherName::Stage(k + 3))
}

/// The type index that the words right before the name at `start` give it: a place
/// ("the village of Lang Nu") or a product or work ("the antiviral drug Xocova").
fn head_before<S: AsRef<str>>(tokens: &[S], start: usize) -> Option<usize> {
    let at = |back: usize| start.checked_sub(back).map(|i| tokens[i].as_ref());
    match (at(2), at(1)) {
        (Some(head), Some("of")) if PLACE_OF_HEADS.contains(head) => Some(LOC),
        (Some(_), Some(head)) if MISC_BEFORE.contains(head) => Some(MISC),
        _ => None,
    }
}

/// Relabel the person, place and organisation spans of one document (`tags` per sentence,
/// BILOU as `perceptron::encode` writes them) whose name has an appositive naming a
/// person, a place or a product or work, at every occurrence of the same words (a place
/// the gazetteer knows only where its appositive is).
pub fn relabel<T: AsRef<[S]>, S: AsRef<str>, V: AsRef<[u8]> + AsMut<[u8]>>(
    sentences: &[T],
    tags: &mut [V],
) {
    // Each cued name's kind, `None` once two appositives disagree; and where each cue is.
    let mut cued: HashMap<Vec<&str>, Option<usize>> = HashMap::new();
    let mut cue_at: Vec<(usize, usize)> = Vec::new();
    for (s, (sentence, tags)) in sentences.iter().zip(tags.iter()).enumerate() {
        let tokens = sentence.as_ref();
        let tags = tags.as_ref();
        if tokens.len() != tags.len() {
            continue;
        }
        for (start, end, kind) in tag_spans(tags) {
            if kind > ORG {
                continue;
            }
            // A real name after it, or "better known as" before it, says it is a person's
            // stage name, after a preposition too ("an album from Sizzla, whose real name
            // is").
            // "X, better known as [it]" with a person tagged as X.
            let word = |i: usize| tokens.get(i).map(AsRef::as_ref);
            let stage_name = matches!(other_name_after(word, end), Some(OtherName::Real(_)))
                || start >= 5
                    && word(start - 4) == Some(",")
                    && super::perceptron::entity_type(tags[start - 5]) == Some(PER)
                    && other_name_after(word, start - 4) == Some(OtherName::Stage(start));
            let after = (tokens.get(end).map(AsRef::as_ref) == Some(","))
                .then(|| head_kind(&tokens[end + 1..]))
                .flatten();
            let Some(head) = after
                .or_else(|| stage_name.then_some(PER))
                .or_else(|| head_before(tokens, start))
                .or_else(|| head_kind_before(tokens, start, end))
            else {
                continue;
            };
            let after_preposition = start
                .checked_sub(1)
                .is_some_and(|i| PREPOSITIONS.contains(tokens[i].as_ref()));
            let name: Vec<&str> = tokens[start..end].iter().map(AsRef::as_ref).collect();
            // Readings that stay: organisation heads (the company cue's); a listed
            // organisation ("a downloaded movie NEC is showing") and any organisation a
            // product or work is named after ("the band's album 30 Seconds to Mars":
            // `works` would carry the work to the band); a person head after a preposition
            // or on a place the gazetteer knows ("in the capital Grozny, the commander
            // of"); a country or region.
            if head == ORG
                || head == kind
                || (head == MISC && kind == ORG)
                || super::known_orgs::is_listed(&name)
                || (head == PER
                    && !stage_name
                    && (after_preposition || (kind == LOC && is_known_place(&name))))
                || (kind == LOC && is_area(&name))
            {
                continue;
            }
            cue_at.push((s, start));
            cued.entry(name)
                .and_modify(|k| {
                    if *k != Some(head) {
                        *k = None
                    }
                })
                .or_insert(Some(head));
        }
    }
    if cued.is_empty() {
        return;
    }
    for (s, (sentence, tags)) in sentences.iter().zip(tags.iter_mut()).enumerate() {
        let tokens = sentence.as_ref();
        if tokens.len() != tags.as_ref().len() {
            continue;
        }
        for (start, end, kind) in tag_spans(tags.as_ref()) {
            if kind > ORG {
                continue;
            }
            let name: Vec<&str> = tokens[start..end].iter().map(AsRef::as_ref).collect();
            let Some(&Some(head)) = cued.get(&name) else {
                continue;
            };
            // Elsewhere, a person reading changes; so does any other reading for a person
            // head. A place's club or a product's maker keeps its name ("Taibe, an Arab
            // town" and "Taibe will play"), and a known place stays one.
            let elsewhere = kind == PER || head == PER;
            let at_cue = cue_at.contains(&(s, start));
            if head == kind
                || (!at_cue && !elsewhere)
                || (kind == LOC && !at_cue && is_known_place(&name))
            {
                continue;
            }
            write_span(&mut tags.as_mut()[start..end], head);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::perceptron::after_document_rule;

    fn kind(phrase: &str) -> Option<usize> {
        let words: Vec<&str> = phrase.split(' ').collect();
        head_kind(&words)
    }

    #[test]
    fn the_head_of_the_phrase_after_the_comma_gives_the_kind() {
        assert_eq!(kind("an AI company , in May"), Some(ORG));
        assert_eq!(kind("an Indonesian e-commerce firm , at"), Some(ORG));
        assert_eq!(kind("a Sunni party led by Mohammed al-Halbousi"), Some(ORG));
        assert_eq!(kind("the new sovereign wealth fund , would"), Some(ORG));
        assert_eq!(
            kind("a 4,800 - megawatt coal-fired power station ."),
            Some(LOC)
        );
        assert_eq!(kind("a radio station in Lagos"), Some(ORG));
        assert_eq!(kind("a town near the coast , were"), Some(LOC));
        assert_eq!(kind("a senator , won"), Some(PER));
        assert_eq!(kind("the company 's chief executive , said"), None);
        assert_eq!(kind("an antiviral drug made by Shionogi"), Some(MISC));
        assert_eq!(kind("the party"), Some(ORG));
        assert_eq!(kind("a lawyer and activist ,"), Some(PER));
        assert_eq!(
            kind("a world champion and supplier of sports products"),
            None
        );
        assert_eq!(kind("a senior broadcaster with the CBS network"), None);
        assert_eq!(kind("a company with 500 staff"), None);
        assert_eq!(kind("a group of protesters"), None);
        assert_eq!(kind("a unit of Gazprom"), Some(ORG));
        // A clause, not an appositive: "In Nairobi, the police said they arrested a man."
        assert_eq!(kind("the police said they arrested a man ."), None);
        // No determiner, no head, too long, or a quotation.
        assert_eq!(kind("senator , won"), None);
        assert_eq!(kind("a big , said"), None);
        assert_eq!(
            kind("a very very very very very very very long company ,"),
            None
        );
        assert_eq!(kind("a \" people 's \" party ,"), None);
    }

    #[test]
    fn an_appositive_before_the_name_types_it_when_the_name_closes_it() {
        let kind_before = |text: &str, start: usize, end: usize| {
            let words: Vec<&str> = text.split(' ').collect();
            head_kind_before(&words, start, end)
        };
        let fund = "the new sovereign wealth fund , Danantara .";
        assert_eq!(kind_before(fund, 6, 7), Some(ORG));
        assert_eq!(
            kind_before("Nigeria 's electoral commission , INEC , said", 5, 6),
            Some(ORG)
        );
        assert_eq!(
            kind_before("near a fishing village , Kapayan", 5, 6),
            Some(LOC)
        );
        let its = "through its new sovereign wealth fund , Danantara .";
        assert_eq!(kind_before(its, 7, 8), Some(ORG));
        // The name does not close the phrase, or nothing determines the head.
        assert_eq!(kind_before("in the village , Smith said", 4, 5), None);
        assert_eq!(kind_before("he said village , Kapayan .", 4, 5), None);
        let director = "The director of the film , Vinod Pande , says";
        assert_eq!(kind_before(director, 6, 8), None);
        let head =
            "The head of the Russian league 's disciplinary committee , Anatoly Gorokhovsky ,";
        assert_eq!(kind_before(head, 10, 12), None);
        let fronted = "In the Constitución neighbourhood , Graciela Benítez , a pensioner";
        assert_eq!(kind_before(fronted, 5, 7), None);
    }

    #[test]
    fn an_appositive_retypes_the_name_in_the_whole_document() {
        let out = after_document_rule(
            &[
                (
                    "Doctors said Xocova , an antiviral drug , works",
                    "O O B-PER O O O O O O",
                ),
                ("Xocova sales rose", "B-PER O O"),
                (
                    "Okpebholo , a senator , won in Kusile",
                    "B-LOC O O O O O O B-PER",
                ),
                (
                    "Workers at Kusile , a coal-fired power station , struck",
                    "O O B-PER O O O O O O O",
                ),
                ("Okpebholo thanked voters", "B-ORG O O"),
                // A country or a place the gazetteer knows keeps its reading.
                (
                    "Georgia , the singer 's mother , grew",
                    "B-LOC O O O O O O O",
                ),
                (
                    "Jackson , a senator , met Jackson voters",
                    "B-LOC O O O O O B-LOC O",
                ),
                // After a preposition, a person head describes someone else.
                ("In Nairobi , a farmer , 45 , said", "O B-LOC O O O O O O O"),
                // A town's club keeps its reading away from the appositive.
                (
                    "Taibe , an Arab town , cheered Taibe",
                    "B-ORG O O O O O O B-ORG",
                ),
                // The words before the name: a place's head and "of", a product's kind.
                (
                    "the village of Lang Nu and the antiviral drug Xocova",
                    "O O O B-PER I-PER O O O O B-PER",
                ),
                // A listed organisation keeps its reading.
                ("a downloaded movie NEC is showing", "O O O B-ORG O O"),
                // Organisation heads are the company cue's.
                ("Humain , an AI company , grew", "B-PER O O O O O O"),
                // A real name after a name makes it a person's.
                (
                    "Sizzla , whose real name is Miguel Collins , sang",
                    "B-ORG O O O O O B-PER I-PER O O",
                ),
                ("Sizzla toured", "B-ORG O"),
                (
                    "an album from Sizzla , whose real name is Miguel Collins",
                    "O O O B-ORG O O O O O B-PER I-PER",
                ),
                (
                    "Curtis Jackson , better known as 50 Cent , said",
                    "B-PER I-PER O O O O B-ORG I-ORG O O",
                ),
                (
                    "Dipsomaniac , better known as Special K , said",
                    "O O O O O B-MISC I-MISC O O",
                ),
            ],
            |words, tags| relabel(words, tags),
        );
        assert_eq!(out[0], "O O B-MISC O O O O O O");
        assert_eq!(out[1], "B-MISC O O");
        assert_eq!(out[2], "B-PER O O O O O O B-LOC");
        assert_eq!(out[3], "O O B-LOC O O O O O O O");
        assert_eq!(out[4], "B-PER O O");
        assert_eq!(out[5], "B-LOC O O O O O O O");
        assert_eq!(out[6], "B-LOC O O O O O B-LOC O");
        assert_eq!(out[7], "O B-LOC O O O O O O O");
        assert_eq!(out[8], "B-LOC O O O O O O B-ORG");
        assert_eq!(out[9], "O O O B-LOC I-LOC O O O O B-MISC");
        assert_eq!(out[10], "O O O B-ORG O O");
        assert_eq!(out[11], "B-PER O O O O O O");
        assert_eq!(out[12], "B-PER O O O O O B-PER I-PER O O");
        assert_eq!(out[13], "B-PER O");
        assert_eq!(out[14], "O O O B-PER O O O O O B-PER I-PER");
        assert_eq!(out[15], "B-PER I-PER O O O O B-PER I-PER O O");
        assert_eq!(out[16], "O O O O O B-MISC I-MISC O O");
    }
}
