//! Person- and organisation-shaped names that their context shows are works or bands:
//! films, albums and shows ("the film Vera Drake", "Vera Drake star Imelda Staunton", "the
//! comedy Sideways", "Shrek 2 took $881m" in a box-office story) and bands ("Glasgow group
//! Franz Ferdinand", "Franz Ferdinand singer Alex Kapranos"), an appositive ("The Aviator, a
//! film biography"), and titles the tagger cut at "and the" ("[Harry Potter] and the
//! [Prisoner of Azkaban]": one work, in a document that speaks of films or novels), and
//! programmes after a broadcaster's possessive ("BBC Two's Newsnight", "BBC One's Breakfast
//! with Frost"), names before credits ("The Polar Express, starring Tom Hanks", "Tom Jones,
//! directed by Tony Richardson"), examples after a plural work noun ("blockbusters such as
//! Saving Private Ryan, Forrest Gump and Ghost") and, in an awards story, after "PERSON
//! for" ("Ziyi Zhang for House of Flying Daggers"). Programmes by their kind of show and
//! their contestants ("TV shows Pop Idol and The X-Factor", "the soap Hollyoaks", "Celebrity
//! Big Brother housemates", "evicted from Big Brother"); and, in a story about films only,
//! a person's film ("Clint Eastwood's Million Dollar Baby"), a role in it ("her performance
//! in Hotel Rwanda"), an awards race's list ("Oscar hopefuls The Aviator and Sideways"), a
//! star's list ("star of Hero and House of Flying Daggers"), its Oscars ("Titanic took
//! home 11 Oscars") and screen prizes or sequels ("SpongeBob SquarePants was named best
//! animated TV show", "Meet The Fockers is the sequel to"); a headline's one word that ends
//! such a work is the work ("Fockers fuel festive film chart"). Names match their other
//! mentions whatever the case of their words ("School Of Rock"). Two names joined by "and" into one person or organisation span are
//! split into two works when one of them is a work elsewhere in the document ("the studios
//! behind [The Aviator and Million Dollar Baby]").
//!
//! Owns the cue words and the relabelling of a tagger's output, per document: a name of two
//! or more tokens with a cue anywhere in the document changes type at every occurrence
//! (works become MISC, bands ORG, as the CoNLL-2003 guidelines type them); a one-token
//! person name changes only where the cue is, since "Ray" may be the film in one sentence
//! and Ray Charles in the next. Only the cues before a name, an appositive, a broadcaster's
//! possessive, credits, lists of examples, awards and the box-office ones apply to
//! organisations: "Chelsea star", "BBC director" are no works. A name the tagger already
//! read as MISC where such a cue is ("Sideways has taken $46.8m", "The Incredibles movie")
//! is a work too, so its person and organisation readings elsewhere in the document become
//! MISC, a leading "The" aside ("Incredibles win awards"); one-word persons too, unless a
//! longer person of the document shares the word ("Ray" and Ray Charles).
//! A place reading that is no sizeable place in the gazetteer is a show too: in the whole
//! document after "Little Britain star Matt Lucas", only where the cue is after "the
//! series British Isles". Both taggers run it after their own decoding. It must not decide
//! anything but PER, ORG and such LOC spans (a cut title's "and the" and a programme's
//! "with" aside), and must not look beyond the document.

use std::collections::{HashMap, HashSet};

use super::normalize::{is_acronym, is_one_of};
use super::perceptron::{LOC, MISC, ORG, PER, list_gap, tag_spans, write_span};
use super::word_list::WordList;

/// A word right before the name that says it is a work (lowercased).
const WORK_BEFORE: &[&str] = &[
    "film",
    "films",
    "movie",
    "drama",
    "documentary",
    "biopic",
    "thriller",
    "sitcom",
    "musical",
    "novel",
    "album",
    "song",
    "series",
    "opera",
    "programme",
    "comedy",
    "cartoon",
    "sequel",
    "blockbuster",
];

/// Work words of music, which a band's own name may follow.
const MUSIC: &[&str] = &["album", "song", "opera", "musical"];

/// Verbs of takings: in a story that mentions the box office, "Shrek 2 took $881m" and
/// "The Aviator has taken $75m" name films.
const TAKINGS: &[&str] = &["took", "taken", "grossed", "earned", "made", "taking"];

/// A word before "in" right before the name: "her role in Vera Drake".
const WORK_BEFORE_IN: &[&str] = &[
    "role",
    "roles",
    "performance",
    "starred",
    "starring",
    "appeared",
];

/// Plural nouns of an awards race that open a list of films in a story about films and
/// awards: "Oscar hopefuls The Aviator, Million Dollar Baby and Sideways", "favourites
/// Million Dollar Baby and The Aviator". Persons are listed the same way ("nominees Swank
/// and Foxx"), so only organisation and MISC readings change.
const AWARD_PLURALS: &[&str] = &[
    "hopefuls",
    "contenders",
    "nominees",
    "favourites",
    "frontrunners",
    "front-runners",
    "competitors",
];

/// Words of a programme's kind before "show" or "shows": "TV shows Pop Idol and The
/// X-Factor", "the talent show X Factor" ("polls show Labour ahead" is a verb).
const SHOW_KINDS: &[&str] = &[
    "TV",
    "television",
    "talent",
    "reality",
    "chat",
    "game",
    "quiz",
    "hit",
    "comedy",
    "cookery",
    "music",
];

/// A word right after an organisation-shaped name that makes it a programme: "Celebrity Big
/// Brother housemates", "the X Factor contestant".
const SHOW_AFTER: &[&str] = &["contestant", "contestants", "housemate", "housemates"];

/// Words in the name of a studio, label or other company, which a person's possessive
/// names as the maker's employer or firm, not a work: "Simon Fuller's 19 Entertainment",
/// "Mel Gibson's Icon Productions".
const MAKER_WORDS: &[&str] = &[
    "Films",
    "Pictures",
    "Studios",
    "Studio",
    "Productions",
    "Entertainment",
    "Records",
    "Company",
    "Corporation",
    "Group",
    "Foundation",
    "Trust",
    "Agency",
    "Music",
    "Media",
    "Animation",
    "Classics",
    "Management",
];

/// A word right after the name, before a capitalised word, that makes the name a work:
/// "Vera Drake star Imelda Staunton", "Harry Potter author JK Rowling".
const WORK_AFTER: &[&str] = &[
    "star", "stars", "actor", "actress", "director", "author", "creator", "producer",
];

/// A word right after a MISC name that starts with "The" that makes it a work: "The
/// Incredibles movie has beaten". Only for such names: after a company, a person or an
/// award ("a Disney film", "the Abba musical", "the Bafta film awards") it names no work.
const WORK_NOUN_AFTER: &[&str] = &[
    "film",
    "movie",
    "album",
    "single",
    "sitcom",
    "musical",
    "sequel",
    "soundtrack",
];

/// What may follow an appositive's work noun when the noun ends its phrase ("The Aviator, a
/// film biography of Howard Hughes", "Sideways, a comedy starring ..."); any other word
/// makes the noun a modifier of a maker or a person ("a documentary film-maker", "a comedy
/// writer", "a film production company"), so the name is no work.
const AFTER_WORK_NOUN: &[&str] = &[
    ",",
    ".",
    ";",
    ":",
    ")",
    "-",
    "--",
    "about",
    "by",
    "starring",
    "featuring",
    "that",
    "which",
    "based",
    "set",
    "directed",
    "written",
    "produced",
    "released",
    "made",
    "from",
    "in",
    "of",
    "on",
    "telling",
    "following",
    "where",
    "whose",
    "biography",
    "adaptation",
    "remake",
    "version",
];

/// Words that show a document speaks of works at all, the gate for joining a title cut at
/// "and the" ("Harry Potter and the Prisoner of Azkaban").
const WORK_TOPIC: &[&str] = &[
    "film",
    "films",
    "movie",
    "movies",
    "novel",
    "novels",
    "sequel",
    "sequels",
    "dvd",
    "franchise",
    "trilogy",
    "cinema",
    "cinemas",
];

/// Words of a broadcaster's name: the name after "BBC One's", "Radio 4's", "CNN's" is a
/// programme ("Newsnight", "Breakfast with Frost"), unless it says otherwise
/// (`NOT_A_PROGRAMME`).
static BROADCASTER_WORDS: WordList = WordList::new(&[
    "BBC", "BBC1", "BBC2", "BBC3", "BBC4", "ITV", "ITV1", "ITV2", "ITV3", "Channel", "Radio",
    "Sky", "CNN", "NBC", "CBS", "ABC", "HBO", "MTV", "PBS", "NPR", "RTE", "CBC", "Netflix",
]);

/// Words that make a broadcaster's named part a body or a competition it covers, not a
/// programme: "the BBC's Board of Governors", "Radio Free Europe's Russian Service", "Sky's
/// Premier League".
static NOT_A_PROGRAMME: WordList = WordList::new(&[
    "Service",
    "Services",
    "Board",
    "Trust",
    "Governors",
    "Council",
    "Committee",
    "Unit",
    "Department",
    "Division",
    "Studios",
    "Worldwide",
    "Films",
    "Channel",
    "Radio",
    "News",
    "Online",
    "Foundation",
    "Academy",
    "Orchestra",
    "Singers",
    "League",
    "Premiership",
    "Cup",
    "Championship",
    "Championships",
    "Games",
    "Olympics",
    "Open",
    "Trophy",
    "Series",
]);

/// A word right before the name that says it is a band.
const GROUP_BEFORE: &[&str] = &["band", "bands", "group", "duo", "trio", "quartet"];

/// A word right after the name, before a capitalised word: "Franz Ferdinand singer Alex".
const GROUP_AFTER: &[&str] = &[
    "singer",
    "frontman",
    "frontwoman",
    "guitarist",
    "drummer",
    "bassist",
];

fn capitalised(word: Option<&str>) -> bool {
    word.and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase)
}

/// Does the context right around the name `tokens[start..end]` (two tokens or more) say it is
/// a work or a band? Strong evidence of its type, which the archive-wide type vote keeps
/// (`index::canonical::retyped`).
pub fn is_cued<S: AsRef<str>>(tokens: &[S], start: usize, end: usize) -> bool {
    end >= start + 2 && cued_type(tokens, start, end).is_some()
}

/// Does the name `words` name a country, region or city of 15,000 people or more?
fn is_sizeable_place<S: AsRef<str>>(words: &[S]) -> bool {
    let name: Vec<&str> = words.iter().map(|w| w.as_ref()).collect();
    super::places::Gazetteer::embedded().names_a_sizeable_place(&name.join(" "), 15_000)
}

/// The type the words right after a name ending at `end` give it, before a capitalised
/// word: a work ("Vera Drake star Imelda Staunton") or a band ("Franz Ferdinand singer").
fn cued_after<S: AsRef<str>>(tokens: &[S], end: usize) -> Option<usize> {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    let word = at(end).filter(|_| capitalised(at(end + 1)))?;
    if is_one_of(word, WORK_AFTER) {
        Some(MISC)
    } else if is_one_of(word, GROUP_AFTER) {
        Some(ORG)
    } else {
        None
    }
}

/// The type the context gives the person span `tokens[start..end]`, if any.
fn cued_type<S: AsRef<str>>(tokens: &[S], start: usize, end: usize) -> Option<usize> {
    cued_before(tokens, start)
        .or_else(|| cued_after(tokens, end))
        .or_else(|| apposed_work(tokens, end).then_some(MISC))
}

/// Does an appositive or a copula right after the name ending at `end` call it a work:
/// "The Aviator, a film about Howard Hughes", "Life Aquatic, a quirky comedy starring",
/// "Sideways is a comedy"? One word may stand
/// between the article and the work noun, which must end its phrase (`AFTER_WORK_NOUN`: not
/// "a comedy writer", "a film studio").
fn apposed_work<S: AsRef<str>>(tokens: &[S], end: usize) -> bool {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    // Not "the": "Directed by Antoine Fuqua, the film was" opens a clause about the film.
    // A copula says the same: "The Aviator is a gorgeous movie".
    if !matches!(at(end), Some("," | "is" | "was"))
        || !at(end + 1).is_some_and(|w| matches!(w, "a" | "an"))
    {
        return false;
    }
    let noun_at = if at(end + 2).is_some_and(|w| is_one_of(w, WORK_BEFORE)) {
        end + 2
    } else if at(end + 2).is_some_and(|w| !capitalised(Some(w)))
        && at(end + 3).is_some_and(|w| is_one_of(w, WORK_BEFORE))
    {
        end + 3
    } else {
        return false;
    };
    at(noun_at + 1).is_none_or(|w| is_one_of(w, AFTER_WORK_NOUN))
}

/// Do a work's credits follow the name ending at `end`: "The Polar Express, starring Tom
/// Hanks", "Tom Jones, directed by Tony Richardson"?
fn credits_after<S: AsRef<str>>(tokens: &[S], start: usize, end: usize) -> bool {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    // The object of a preposition is not what the credits are of: "an open letter to Tony
    // Blair, written by 52 diplomats", "an advert for Marks & Spencer, starring Twiggy"
    // ("in" is: "her debut in Tom Jones, directed by Tony Richardson").
    if start.checked_sub(1).and_then(at).is_some_and(|w| {
        matches!(
            w,
            "to" | "for" | "from" | "of" | "about" | "on" | "with" | "by"
        )
    }) {
        return false;
    }
    let mut i = end + usize::from(at(end) == Some(","));
    // Not "Matt LeBlanc is starring in a spin-off", "Spike Lee, starring in seven films".
    if at(i) == Some("starring") {
        return !at(i + 1)
            .is_some_and(|w| matches!(w, "in" | "as" | "alongside" | "opposite" | "on"));
    }
    // ", directed by", ", written and directed by": after a comma only, since "Caloi was
    // directed by the Caloi family" names a company.
    if at(end) != Some(",") {
        return false;
    }
    if at(i) == Some("written") && at(i + 1) == Some("and") {
        i += 2;
    }
    matches!(at(i), Some("directed" | "written"))
        && at(i + 1) == Some("by")
        && capitalised(at(i + 2))
}

/// Plural work and product nouns that open a list of examples: "films such as", "hits
/// like", "games such as The Sims", "PDAs such as Palms" (not "sites" or "services", whose
/// examples are companies: "sites such as Google").
const WORK_PLURALS: &[&str] = &[
    "games",
    "consoles",
    "PDAs",
    "devices",
    "gadgets",
    "handsets",
    "browsers",
    "viruses",
    "worms",
    "films",
    "movies",
    "blockbusters",
    "hits",
    "songs",
    "albums",
    "singles",
    "novels",
    "books",
    "shows",
    "programmes",
    "sitcoms",
    "dramas",
    "musicals",
    "soaps",
    "franchises",
];

/// Does a list of works start at `start`: a plural work noun and "such as", "like" or
/// "including" right before it ("blockbusters such as Saving Private Ryan", "hits like
/// Come Tomorrow")?
fn works_list_opens<S: AsRef<str>>(tokens: &[S], start: usize) -> bool {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    let back = |k: usize| start.checked_sub(k).and_then(at);
    let plural = |w: Option<&str>| w.is_some_and(|w| is_one_of(w, WORK_PLURALS));
    match (back(3), back(2), back(1)) {
        (noun, Some("such"), Some("as")) => plural(noun),
        (_, noun, Some("like" | "including")) => plural(noun),
        (_, kind, Some("shows")) => kind.is_some_and(|w| is_one_of(w, SHOW_KINDS)),
        _ => false,
    }
}

/// Does a programme cue stand right before `tokens[start]`: "the talent show X Factor",
/// "the soap EastEnders", "evicted from Celebrity Big Brother"?
fn show_before<S: AsRef<str>>(tokens: &[S], start: usize) -> bool {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    let before = start.checked_sub(2).and_then(at);
    match start.checked_sub(1).and_then(at) {
        Some("soap" | "soaps") => true,
        Some("show" | "shows") => before.is_some_and(|w| is_one_of(w, SHOW_KINDS)),
        Some("from") => before.is_some_and(|w| matches!(w, "evicted" | "eviction")),
        _ => false,
    }
}

/// Is `tokens[start..end]` a programme by its context: a programme cue before it or a
/// contestant after it ("Celebrity Big Brother housemates")?
fn is_show<S: AsRef<str>>(tokens: &[S], start: usize, end: usize) -> bool {
    let after = tokens.get(end).map(|w| w.as_ref());
    show_before(tokens, start)
        || after.is_some_and(|w| is_one_of(w, SHOW_AFTER))
        // "McCririck out of Big Brother show", "X Factor show gets second series"; not "an
        // ITV show", or the verb ("figures from Ofcom show that", "The Fox show proved").
        || (after == Some("show")
            && tokens
                .get(end + 1)
                .is_none_or(|w| is_one_of(w.as_ref(), AFTER_SHOW))
            && !tokens[start..end]
                .iter()
                .any(|w| BROADCASTER_WORDS.contains(w.as_ref())))
}

/// What may follow "show" after a programme's name where "show" is the noun.
const AFTER_SHOW: &[&str] = &[
    ".",
    ",",
    ";",
    ":",
    "'",
    "\"",
    "gets",
    "has",
    "is",
    "was",
    "will",
    "in",
    "on",
    "and",
    "host",
    "presenter",
    "judge",
    "contestant",
    "winner",
];

/// Does "role in", "performance in" or the like stand right before `tokens[start]` ("her
/// performance in Hotel Rwanda")?
fn role_in<S: AsRef<str>>(tokens: &[S], start: usize) -> bool {
    start >= 2
        && tokens[start - 1].as_ref() == "in"
        && is_one_of(tokens[start - 2].as_ref(), WORK_BEFORE_IN)
}

/// Does the document speak of films or novels (`WORK_TOPIC`)?
fn works_story<T: AsRef<[S]>, S: AsRef<str>>(sentences: &[T]) -> bool {
    sentences
        .iter()
        .any(|s| s.as_ref().iter().any(|w| is_one_of(w.as_ref(), WORK_TOPIC)))
}

/// Could the organisation-shaped name `name` be a person's work rather than the firm a
/// person's possessive names ("Clint Eastwood's Million Dollar Baby", not "Simon Fuller's
/// 19 Entertainment" or a listed company)?
fn may_be_a_persons_work<S: AsRef<str>>(name: &[S]) -> bool {
    let words: Vec<&str> = name.iter().map(|t| t.as_ref()).collect();
    !words
        .iter()
        .any(|w| MAKER_WORDS.contains(w) || w.contains(|c: char| c.is_ascii_digit()))
        && !super::known_orgs::is_listed(&words)
}

/// Does the document report awards to films or records ("best actor", "best film",
/// "best album")? The gate for "Ziyi Zhang for House of Flying Daggers".
fn awards_story<T: AsRef<[S]>, S: AsRef<str>>(sentences: &[T]) -> bool {
    any_word_pair(sentences, |first, second| {
        first.eq_ignore_ascii_case("best")
            && matches!(
                second,
                "actor" | "actress" | "director" | "film" | "picture" | "album" | "song"
            )
    })
}

/// Do two words in a row anywhere in the document satisfy `pair`?
fn any_word_pair<T: AsRef<[S]>, S: AsRef<str>>(
    sentences: &[T],
    pair: impl Fn(&str, &str) -> bool,
) -> bool {
    sentences.iter().any(|s| {
        s.as_ref()
            .windows(2)
            .any(|w| pair(w[0].as_ref(), w[1].as_ref()))
    })
}

/// Is the organisation-shaped name `tokens[start..end]` a broadcaster's programme: right
/// after a broadcaster's possessive ("BBC Two's Newsnight", "Radio Five Live's Sportsweek"),
/// with no word of a body or a competition in it?
fn broadcast_programme<S: AsRef<str>>(tokens: &[S], start: usize, end: usize) -> bool {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    if start < 2 || !matches!(at(start - 1), Some("'s" | "’s")) {
        return false;
    }
    // The possessor: up to three words back, all capitalised or numbers ("BBC One",
    // "Radio 4", "Radio Five Live"), one of them a broadcaster's.
    let broadcaster = (start.saturating_sub(4)..start - 1)
        .rev()
        .map_while(|i| {
            at(i).filter(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        })
        .any(|word| BROADCASTER_WORDS.contains(word));
    // A channel or company it owns is no programme: "Sky's Sky Sports", "Channel 4's E4",
    // "ITV's Granada" (a listed company).
    let name: Vec<&str> = tokens[start..end].iter().map(|t| t.as_ref()).collect();
    broadcaster
        && !name.iter().any(|w| {
            NOT_A_PROGRAMME.contains(w)
                || BROADCASTER_WORDS.contains(w)
                || w.contains(|c: char| c.is_ascii_digit())
        })
        && !super::known_orgs::is_listed(&name)
}

/// Join a programme's title the tagger cut at "with" after a broadcaster's possessive into
/// one work: "BBC One's [Breakfast] with [Frost]". Only one word after "with": the host of
/// "Breakfast with Frost", not "Newsnight with Jeremy Paxman", the presenter of a programme
/// named alone.
fn join_programme_hosts<T: AsRef<[S]>, S: AsRef<str>, V: AsRef<[u8]> + AsMut<[u8]>>(
    sentences: &[T],
    tags: &mut [V],
) {
    join_adjacent_works(
        sentences,
        tags,
        |tokens, (start, end, kind), (next, next_end, next_kind)| {
            kind == ORG
                && next == end + 1
                && next_end == next + 1
                && next_kind != LOC
                && matches!(tokens[end].as_ref(), "with" | "With")
                && broadcast_programme(tokens, start, end)
        },
    );
}

/// Join a title the tagger cut at "and the" into one work: a person or organisation name,
/// "and the", then a MISC name with "of" in it ("[Harry Potter] and the [Prisoner of
/// Azkaban]", "[Indiana Jones] and the [Temple of Doom]"), in a document that speaks of
/// works. Without the gate, "Obama and the Treaty of Rome" would be one name.
fn join_titles<T: AsRef<[S]>, S: AsRef<str>, V: AsRef<[u8]> + AsMut<[u8]>>(
    sentences: &[T],
    tags: &mut [V],
) {
    let mut about_works: Option<bool> = None;
    join_adjacent_works(
        sentences,
        tags,
        |tokens, (_, end, kind), (next, next_end, next_kind)| {
            if !(kind == PER || kind == ORG) || next_kind != MISC {
                return false;
            }
            let gap: Vec<&str> = tokens[end..next].iter().map(|t| t.as_ref()).collect();
            let title: Vec<&str> = tokens[next..next_end].iter().map(|t| t.as_ref()).collect();
            let the = gap == ["and", "the"] || (gap == ["and"] && title[0] == "The");
            // A title's noun phrase with "of" ("Prisoner of Azkaban", "Temple of Doom"): not
            // "Frank Sinatra and the Rat Pack", "Bush and the US-led invasion".
            the && title[1..].contains(&"of")
                && *about_works.get_or_insert_with(|| works_story(sentences))
        },
    );
}

/// Write one work over each two neighbouring names of a sentence, and the words between
/// them, that `joins` accepts (given the sentence's tokens and both spans).
fn join_adjacent_works<T: AsRef<[S]>, S: AsRef<str>, V: AsRef<[u8]> + AsMut<[u8]>>(
    sentences: &[T],
    tags: &mut [V],
    mut joins: impl FnMut(&[S], (usize, usize, usize), (usize, usize, usize)) -> bool,
) {
    for (sentence, tags) in sentences.iter().zip(tags.iter_mut()) {
        let tokens = sentence.as_ref();
        for pair in tag_spans(tags.as_ref()).windows(2) {
            let (first, second) = (pair[0], pair[1]);
            if second.1 <= tokens.len() && joins(tokens, first, second) {
                write_span(&mut tags.as_mut()[first.0..second.1], MISC);
            }
        }
    }
}

/// The type the words right before `tokens[start]` give a name: "the film X", "the band X",
/// "her role in X".
fn cued_before<S: AsRef<str>>(tokens: &[S], start: usize) -> Option<usize> {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    let word = start.checked_sub(1).and_then(at)?;
    if is_one_of(word, WORK_BEFORE) {
        return Some(MISC);
    }
    if is_one_of(word, GROUP_BEFORE) {
        return Some(ORG);
    }
    role_in(tokens, start).then_some(MISC)
}

/// Does a sum of money taken follow the name ending at `end` ("took $881m", "has taken
/// £40m")?
fn takings_after<S: AsRef<str>>(tokens: &[S], end: usize) -> bool {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    let mut i = end;
    if at(i).is_some_and(|w| matches!(w, "has" | "have" | "had")) {
        i += 1;
        // "have so far grossed", "has now taken".
        while at(i).is_some_and(|w| matches!(w, "so" | "far" | "now" | "already" | "also")) {
            i += 1;
        }
    }
    if !at(i).is_some_and(|w| is_one_of(w, TAKINGS)) {
        return false;
    }
    // "grossed about $45m", "took more than $18m", "taken an estimated $22m".
    (i + 1..i + 4)
        .take_while(|&j| {
            at(j).is_some_and(|w| {
                matches!(
                    w,
                    "about"
                        | "around"
                        | "more"
                        | "than"
                        | "over"
                        | "nearly"
                        | "almost"
                        | "an"
                        | "estimated"
                ) || w.starts_with(['$', '£', '€'])
            })
        })
        .any(|j| at(j).is_some_and(|w| w.starts_with(['$', '£', '€'])))
}

/// Nouns of the prizes only a film or a programme wins ("best film", "best animated TV
/// show"); bands win "best album" and "best single", so those are left out.
const SCREEN_PRIZES: &[&str] = &[
    "film",
    "picture",
    "movie",
    "drama",
    "comedy",
    "documentary",
    "show",
    "programme",
    "series",
    "sitcom",
    "soap",
];

/// Does the name ending at `end` win a screen prize or take a film's relation: "SpongeBob
/// SquarePants was named best animated TV show", "The Aviator won best drama film", "Meet
/// The Fockers is the sequel to"?
fn screen_predicate<S: AsRef<str>>(tokens: &[S], end: usize) -> bool {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    let mut i = end;
    if matches!(at(i), Some("is" | "was" | "has" | "had" | "have" | "were")) {
        i += 1;
        if matches!(at(i), Some("the")) {
            return matches!(
                at(i + 1),
                Some("sequel" | "prequel" | "remake" | "follow-up")
            ) && matches!(at(i + 2), Some("to" | "of"));
        }
        if matches!(at(i), Some("been")) {
            i += 1;
        }
    }
    if !matches!(at(i), Some("named" | "won" | "wins" | "scooped" | "voted")) {
        return false;
    }
    i += 1;
    if at(i) != Some("best") {
        return false;
    }
    // Up to three modifiers: "best animated TV show", "best foreign language film".
    (i + 1..i + 5)
        .map_while(|j| at(j).filter(|w| w.chars().all(|c| c.is_alphabetic() || c == '-')))
        .any(|w| SCREEN_PRIZES.contains(&w))
}

/// Does a film's haul of Oscars or Baftas follow the name ending at `end`: "Titanic took
/// home 11 Oscars", "The Aviator - which won five Oscars"? Persons win them too, so only
/// organisation and MISC readings ask.
fn oscars_after<S: AsRef<str>>(tokens: &[S], end: usize) -> bool {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    let mut i = end;
    if matches!(at(i), Some("-" | "," | "--")) && matches!(at(i + 1), Some("which" | "that")) {
        i += 2;
    }
    match at(i) {
        Some("won" | "scooped" | "collected" | "swept") => i += 1,
        Some("took" | "picked") if matches!(at(i + 1), Some("home" | "up")) => i += 2,
        _ => return false,
    }
    // "11 Oscars", "five Oscars", "an Oscar", "the Bafta".
    at(i + 1).is_some_and(|w| {
        matches!(
            w,
            "Oscar" | "Oscars" | "Bafta" | "Baftas" | "BAFTA" | "BAFTAs" | "Globes"
        )
    }) && at(i).is_some_and(|w| !w.starts_with(char::is_uppercase))
}

/// Does the document speak of the box office (the gate for `takings_after`)?
fn box_office<T: AsRef<[S]>, S: AsRef<str>>(sentences: &[T]) -> bool {
    any_word_pair(sentences, |first, second| {
        first.eq_ignore_ascii_case("box") && second.eq_ignore_ascii_case("office")
    })
}

/// Is the MISC span `tokens[start..end]` a work by its context: a work cue before it
/// ("the comedy Sideways"), a work noun after "The ..." ("The Incredibles movie") or
/// takings after it in a box-office story?
fn misc_is_work<T: AsRef<[S]>, S: AsRef<str>>(
    tokens: &[S],
    start: usize,
    end: usize,
    sentences: &[T],
    box_office_story: &mut Option<bool>,
) -> bool {
    let name = &tokens[start..end];
    cued_before(tokens, start) == Some(MISC)
        || (name[0].as_ref() == "The"
            && tokens
                .get(end)
                .is_some_and(|w| is_one_of(w.as_ref(), WORK_NOUN_AFTER)))
        || (takings_after(tokens, end)
            && *box_office_story.get_or_insert_with(|| box_office(sentences)))
}

/// The tokens that name a work or band in the whole document: the name without a leading
/// "The" ("The Incredibles" and the headline's "Incredibles" are one film).
fn work_key<S: AsRef<str>>(name: &[S]) -> Vec<&str> {
    let skip = usize::from(name.len() > 1 && name[0].as_ref().eq_ignore_ascii_case("the"));
    name[skip..].iter().map(|t| t.as_ref()).collect()
}

/// A name for matching its other mentions in the document: its words in lower case, since
/// a headline capitalises every word ("School Of Rock").
fn name_id<S: AsRef<str>>(name: &[S]) -> String {
    let words: Vec<&str> = name.iter().map(|t| t.as_ref()).collect();
    words.join(" ").to_lowercase()
}

/// A work's name for matching its other mentions: `work_key` in lower case.
fn work_id<S: AsRef<str>>(name: &[S]) -> String {
    name_id(&work_key(name))
}

/// Relabel the person and organisation spans of one document (`tags` per sentence, BILOU
/// as `perceptron::encode` writes them) whose context says work or band.
pub fn relabel<T: AsRef<[S]>, S: AsRef<str>, V: AsRef<[u8]> + AsMut<[u8]>>(
    sentences: &[T],
    tags: &mut [V],
) {
    join_titles(sentences, tags);
    join_programme_hosts(sentences, tags);
    // Names with a cue somewhere (one-token persons aside): tokens -> type (works win over
    // bands).
    let mut cued: HashMap<String, usize> = HashMap::new();
    let mut single: Vec<(usize, usize, usize, usize)> = Vec::new();
    // Names read as MISC where a work cue is (leading "The" dropped).
    let mut misc_works: HashSet<String> = HashSet::new();
    // The words of persons named in two words or more: a one-word person reading that is
    // one of them stays ("Ray" in a document about the film Ray and Ray Charles).
    let mut person_words: HashSet<&str> = HashSet::new();
    // Looked up only once a name is followed by takings: most documents never need it.
    let mut box_office_story: Option<bool> = None;
    // Looked up only once a name follows "PERSON for": in an awards story, the film or
    // record a person won or was nominated for ("Martin Scorsese for The Aviator").
    let mut awards: Option<bool> = None;
    // Looked up only once a film cue that needs it is met.
    let mut about_works: Option<bool> = None;
    for (s, (sentence, tags)) in sentences.iter().zip(tags.iter()).enumerate() {
        let tokens = sentence.as_ref();
        let mut person_ends = None;
        let mut listed_works_end = None;
        let mut listed_entries_end = None;
        for (start, end, kind) in tag_spans(tags.as_ref()) {
            if end > tokens.len() {
                continue;
            }
            let after_person = person_ends.is_some_and(|e| e + 1 == start);
            person_ends = (kind == PER).then_some(end);
            if kind == PER && end - start > 1 {
                person_words.extend(tokens[start..end].iter().map(|t| t.as_ref()));
            }
            // "blockbusters such as Saving Private Ryan, Forrest Gump and Ghost".
            // A possessive names the maker: "shows such as Channel 4's gameshow ...".
            let possessive = tokens
                .get(end)
                .is_some_and(|w| matches!(w.as_ref(), "'s" | "’s"));
            // The list closes after the name that "and" or "or" brings: "films such as Ray
            // and Sideways, Warner Bros said".
            let continued =
                listed_works_end.and_then(|e: usize| list_gap(&tokens[e.min(start)..start]));
            let listed = (continued.is_some() || works_list_opens(tokens, start)) && !possessive;
            listed_works_end = (listed && continued != Some(true)).then_some(end);
            // "Oscar hopefuls The Aviator, Million Dollar Baby and Sideways", read the same
            // way; whether it names films is asked below, for non-persons only.
            // So is "star of Crouching Tiger, Hidden Dragon, Hero and House of Flying
            // Daggers", which needs no awards story.
            let entry_continued = listed_entries_end
                .and_then(|(e, _): (usize, bool)| list_gap(&tokens[e.min(start)..start]));
            let starred_in = start >= 2
                && tokens[start - 1].as_ref() == "of"
                && matches!(tokens[start - 2].as_ref(), "star" | "stars" | "co-star");
            let opens = starred_in
                || start
                    .checked_sub(1)
                    .is_some_and(|i| is_one_of(tokens[i].as_ref(), AWARD_PLURALS));
            let entry_listed = (entry_continued.is_some() || opens) && !possessive;
            let by_a_star = if entry_continued.is_some() {
                listed_entries_end.is_some_and(|(_, star)| star)
            } else {
                starred_in
            };
            listed_entries_end =
                (entry_listed && entry_continued != Some(true)).then_some((end, by_a_star));
            let mut awarded_for = || {
                after_person
                    && tokens[start - 1].as_ref() == "for"
                    && *awards.get_or_insert_with(|| awards_story(sentences))
            };
            // Cues of films that hold only in a story about films: "Clint Eastwood's Million
            // Dollar Baby", "her performance in Hotel Rwanda", an awards race's list.
            let persons_work = after_person
                && matches!(tokens[start - 1].as_ref(), "'s" | "’s")
                && may_be_a_persons_work(&tokens[start..end]);
            let award_entry = entry_listed && may_be_a_persons_work(&tokens[start..end]);
            let mut film_cue = |awards: &mut Option<bool>| {
                (persons_work
                    || role_in(tokens, start)
                    || oscars_after(tokens, end)
                    || screen_predicate(tokens, end)
                    || (award_entry
                        && (by_a_star || *awards.get_or_insert_with(|| awards_story(sentences)))))
                    && *about_works.get_or_insert_with(|| works_story(sentences))
            };
            if kind == MISC {
                if listed
                    || misc_is_work(tokens, start, end, sentences, &mut box_office_story)
                    || apposed_work(tokens, end)
                    || broadcast_programme(tokens, start, end)
                    || is_show(tokens, start, end)
                    || awarded_for()
                    || film_cue(&mut awards)
                {
                    misc_works.insert(work_id(&tokens[start..end]));
                }
                continue;
            }
            // A place's reading of a show no gazetteer knows as a sizeable place: in the whole
            // document after "Little Britain star Matt Lucas", only where the cue is after
            // "the BBC series British Isles" (the islands may be named too). "Hollywood
            // star" stays the place; "role in" is no cue for a place ("role in Mideast
            // peace").
            if kind == LOC {
                let star = cued_after(tokens, end) == Some(MISC);
                let work_before = start
                    .checked_sub(1)
                    .is_some_and(|i| is_one_of(tokens[i].as_ref(), WORK_BEFORE));
                if (star || work_before) && !is_sizeable_place(&tokens[start..end]) {
                    if star {
                        cued.insert(name_id(&tokens[start..end]), MISC);
                    } else {
                        single.push((s, start, end, MISC));
                    }
                }
                continue;
            }
            if !(kind == PER || kind == ORG) {
                continue;
            }
            // Only where it is cued: a one-token person ("Ray"), and an organisation named
            // by a music cue, as bands name albums after themselves ("the album 30 Seconds
            // to Mars" by the band 30 Seconds to Mars).
            // Cues of persons and organisations alike: credits, a list of examples, awards.
            let mut work_in_context =
                || credits_after(tokens, start, end) || listed || awarded_for();
            let (new, here_only) = if takings_after(tokens, end)
                && *box_office_story.get_or_insert_with(|| box_office(sentences))
            {
                (Some(MISC), false)
            } else if kind == PER {
                let new =
                    cued_type(tokens, start, end).or_else(|| work_in_context().then_some(MISC));
                (new, end - start == 1)
            } else if tokens[start..end].iter().any(|t| is_acronym(t.as_ref())) {
                // "... downloaded movie NEC is showing": companies, not works.
                (None, false)
            } else {
                let before = start.checked_sub(1).map(|i| tokens[i].as_ref());
                let new = before
                    .filter(|w| is_one_of(w, WORK_BEFORE))
                    .map(|_| MISC)
                    .or_else(|| apposed_work(tokens, end).then_some(MISC))
                    .or_else(|| broadcast_programme(tokens, start, end).then_some(MISC))
                    .or_else(|| is_show(tokens, start, end).then_some(MISC))
                    .or_else(|| work_in_context().then_some(MISC))
                    .or_else(|| film_cue(&mut awards).then_some(MISC));
                (new, before.is_some_and(|w| is_one_of(w, MUSIC)))
            };
            let Some(new) = new else {
                continue;
            };
            if here_only {
                single.push((s, start, end, new));
                // Its other one-word person readings follow unless a longer person has the
                // word (`person_words`): "the album Dummy ... Dummy was a favourite".
                if kind == PER && new == MISC {
                    misc_works.insert(work_id(&tokens[start..end]));
                }
            } else {
                let entry = cued.entry(name_id(&tokens[start..end])).or_insert(new);
                if new == MISC {
                    *entry = MISC;
                }
            }
        }
    }
    for (s, start, end, new) in single {
        write_span(&mut tags[s].as_mut()[start..end], new);
    }
    if cued.is_empty() && misc_works.is_empty() {
        return;
    }
    // A headline's one word that ends a work of two words or more: "Fockers fuel festive
    // film chart" over a story about Meet The Fockers.
    let ends_a_work = |word: &str| {
        misc_works
            .iter()
            .chain(
                cued.iter()
                    .filter(|(_, kind)| **kind == MISC)
                    .map(|(name, _)| name),
            )
            .any(|name| {
                name.len() > word.len() + 1 && name.ends_with(word) && {
                    name.as_bytes()[name.len() - word.len() - 1] == b' '
                }
            })
    };
    for (s, (sentence, tags)) in sentences.iter().zip(tags.iter_mut()).enumerate() {
        let tokens = sentence.as_ref();
        for (start, end, kind) in tag_spans(tags.as_ref()) {
            if !(kind == PER || kind == ORG || kind == LOC) || end > tokens.len() {
                continue;
            }
            // Two works the tagger read as one name: "the studios behind [The Aviator and
            // Million Dollar Baby]".
            if kind != LOC
                && let Some(and) = (start + 1..end - 1).find(|&i| tokens[i].as_ref() == "and")
                && [&tokens[start..and], &tokens[and + 1..end]]
                    .iter()
                    .any(|half| misc_works.contains(&work_id(half)))
            {
                let tags = tags.as_mut();
                write_span(&mut tags[start..and], MISC);
                tags[and] = 0; // outside any name
                write_span(&mut tags[and + 1..end], MISC);
                continue;
            }
            let key = name_id(&tokens[start..end]);
            if kind == LOC {
                // Only a work's reading made a place: "Chicago" the musical leaves the city.
                if cued.get(&key) == Some(&MISC) && !is_sizeable_place(&tokens[start..end]) {
                    write_span(&mut tags.as_mut()[start..end], MISC);
                }
                continue;
            }
            let one_word_person =
                kind == PER && end - start == 1 && person_words.contains(tokens[start].as_ref());
            if let Some(&new) = cued.get(&key) {
                write_span(&mut tags.as_mut()[start..end], new);
            } else if !one_word_person
                && (misc_works.contains(&work_id(&tokens[start..end]))
                    || (s == 0 && end - start == 1 && ends_a_work(&key)))
            {
                write_span(&mut tags.as_mut()[start..end], MISC);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::perceptron::{decode_iob2, encode};

    fn tagged(sentences: &[(&str, &str)]) -> (Vec<Vec<String>>, Vec<Vec<u8>>) {
        let mut words = Vec::new();
        let mut tags = Vec::new();
        for (text, iob) in sentences {
            let w: Vec<String> = text.split(' ').map(str::to_string).collect();
            let t: Vec<String> = iob.split(' ').map(str::to_string).collect();
            assert_eq!(w.len(), t.len());
            words.push(w);
            tags.push(encode(&t));
        }
        (words, tags)
    }

    /// The tags `relabel` leaves on `sentences` (text, IOB2 tags), one IOB2 line each.
    fn relabelled(sentences: &[(&str, &str)]) -> Vec<String> {
        let (words, mut tags) = tagged(sentences);
        relabel(&words, &mut tags);
        tags.iter().map(|t| decode_iob2(t).join(" ")).collect()
    }

    #[test]
    fn works_and_bands_named_like_people_change_type_in_the_whole_document() {
        let (words, mut tags) = tagged(&[
            (
                "Vera Drake star Imelda Staunton won",
                "B-PER I-PER O B-PER I-PER O",
            ),
            ("Vera Drake won three awards", "B-PER I-PER O O O"),
            (
                "the Glasgow group Franz Ferdinand played",
                "O B-LOC O B-PER I-PER O",
            ),
            ("Franz Ferdinand were there", "B-PER I-PER O O"),
            (
                "her role in Ray and Ray Charles",
                "O O O B-PER O B-PER I-PER",
            ),
            ("Ray sang", "B-PER O"),
            ("Tony Blair said", "B-PER I-PER O"),
        ]);
        relabel(&words, &mut tags);
        let out: Vec<Vec<String>> = tags.iter().map(|t| decode_iob2(t)).collect();
        assert_eq!(out[0], ["B-MISC", "I-MISC", "O", "B-PER", "I-PER", "O"]);
        assert_eq!(out[1][..2], ["B-MISC", "I-MISC"]);
        assert_eq!(out[2][3..5], ["B-ORG", "I-ORG"]);
        assert_eq!(out[3][..2], ["B-ORG", "I-ORG"]);
        // A one-word name changes only where its cue is; the person stays a person.
        assert_eq!(out[4][3..], ["B-MISC", "O", "B-PER", "I-PER"]);
        assert_eq!(out[5][0], "B-PER");
        assert_eq!(out[6][..2], ["B-PER", "I-PER"]);
    }

    #[test]
    fn a_show_read_as_a_place_is_a_work_but_a_real_place_stays() {
        let (words, mut tags) = tagged(&[
            (
                "Little Britain star Matt Lucas",
                "B-LOC I-LOC O B-PER I-PER",
            ),
            ("Little Britain won again", "B-LOC I-LOC O O"),
            ("Hollywood star Tom Cruise", "B-LOC O B-PER I-PER"),
            ("the musical Chicago and Chicago", "O O B-LOC O B-LOC"),
            (
                "the series British Isles and the British Isles",
                "O O B-LOC I-LOC O O B-LOC I-LOC",
            ),
        ]);
        relabel(&words, &mut tags);
        let out: Vec<Vec<String>> = tags.iter().map(|t| decode_iob2(t)).collect();
        assert_eq!(out[0][..2], ["B-MISC", "I-MISC"]);
        assert_eq!(out[1][..2], ["B-MISC", "I-MISC"]);
        assert_eq!(out[2][0], "B-LOC");
        assert_eq!(out[3], ["O", "O", "B-LOC", "O", "B-LOC"]);
        assert_eq!(out[4][2..4], ["B-MISC", "I-MISC"]);
        assert_eq!(out[4][6..], ["B-LOC", "I-LOC"]);
    }

    #[test]
    fn organisations_named_as_films_become_works_but_bands_and_companies_stay() {
        let out = relabelled(&[
            ("Horror film tops the box office", "O O O O O O"),
            ("Shrek 2 took $ 881m", "B-ORG I-ORG O O O"),
            ("Shrek 2 lost to Sideways", "B-ORG I-ORG O O B-ORG"),
            ("the comedy Sideways and NEC", "O O B-ORG O B-ORG"),
            ("the album Dummy by Dummy", "O O B-ORG O B-ORG"),
            ("a movie NEC is showing", "O O B-ORG O O"),
            ("Chelsea star Frank Lampard", "B-ORG O B-PER I-PER"),
        ]);
        assert_eq!(out[1], "B-MISC I-MISC O O O");
        // Films: every occurrence of the name in the document.
        assert_eq!(out[2], "B-MISC I-MISC O O B-MISC");
        assert_eq!(out[3], "O O B-MISC O B-ORG");
        // A music cue only where it is (bands name albums after themselves); an acronym
        // is a company; "star" after a club names no work.
        assert_eq!(out[4], "O O B-MISC O B-ORG");
        assert_eq!(out[5], "O O B-ORG O O");
        assert_eq!(out[6], "B-ORG O B-PER I-PER");
    }

    #[test]
    fn a_name_read_as_a_work_where_its_cue_is_is_a_work_in_the_whole_document() {
        let out = relabelled(&[
            ("Incredibles win awards", "B-ORG O O"),
            ("The Incredibles movie has won", "B-MISC I-MISC O O O"),
            ("Sideways was tipped", "B-ORG O O"),
            (
                "Sideways has taken $ 46.8m at the box office",
                "B-MISC O O O O O O O O",
            ),
            ("Closer and Ray were praised", "B-PER O B-PER O O"),
            ("her role in Ray and Closer", "O O O B-MISC O B-MISC"),
            (
                "the Abba musical opened , then Abba sang",
                "O B-MISC O O O O B-ORG O",
            ),
        ]);
        // A leading "The" aside, and from takings in a box-office story.
        assert_eq!(out[0], "B-MISC O O");
        assert_eq!(out[2], "B-MISC O O");
        // A one-word person too, when no longer person has its word ("Ray Charles"); the
        // name after it in a list has no cue of its own.
        assert_eq!(out[4], "B-PER O B-MISC O O");
        // A work noun after a name without "The" names its maker.
        assert_eq!(out[6], "O B-MISC O O O O B-ORG O");
    }

    #[test]
    fn takings_name_a_film_only_in_a_box_office_story() {
        let (words, mut tags) = tagged(&[("Shrek 2 took $ 881m", "B-ORG I-ORG O O O")]);
        relabel(&words, &mut tags);
        assert_eq!(decode_iob2(&tags[0])[..2], ["B-ORG", "I-ORG"]);
    }

    #[test]
    fn an_appositive_with_a_work_noun_makes_a_work_but_a_makers_noun_does_not() {
        let out = relabelled(&[
            (
                "The Aviator , a film biography , won",
                "B-ORG I-ORG O O O O O O",
            ),
            ("The Aviator leads", "B-ORG I-ORG O"),
            (
                "Wes Anderson , a quirky comedy starring",
                "B-PER I-PER O O O O O",
            ),
            (
                "Pixar Films , a film studio , said",
                "B-ORG I-ORG O O O O O O",
            ),
            (
                "Ricky Gervais , a comedy writer , and Michael Moore , a documentary film-maker",
                "B-PER I-PER O O O O O O B-PER I-PER O O O O",
            ),
            ("by Antoine Fuqua , the film was", "O B-PER I-PER O O O O"),
        ]);
        assert_eq!(out[0], "B-MISC I-MISC O O O O O O");
        assert_eq!(out[1], "B-MISC I-MISC O");
        // One word may stand between the article and the noun.
        assert_eq!(out[2], "B-MISC I-MISC O O O O O");
        assert_eq!(out[3], "B-ORG I-ORG O O O O O O");
        assert_eq!(out[4], "B-PER I-PER O O O O O O B-PER I-PER O O O O");
        // "the film" after a comma opens a clause about some film.
        assert_eq!(out[5], "O B-PER I-PER O O O O");
    }

    #[test]
    fn a_title_cut_at_and_the_is_one_work_in_a_story_about_works() {
        let film = [
            (
                "Harry Potter and the Prisoner of Azkaban opened",
                "B-PER I-PER O O B-MISC I-MISC I-MISC O",
            ),
            (
                "Frank Sinatra and the Rat Pack sang",
                "B-PER I-PER O O B-MISC I-MISC O",
            ),
            ("the film was long", "O O O O"),
        ];
        let out = relabelled(&film);
        assert_eq!(out[0], "B-MISC I-MISC I-MISC I-MISC I-MISC I-MISC I-MISC O");
        // No "of" in the second name: a person and a group.
        assert_eq!(out[1], "B-PER I-PER O O B-MISC I-MISC O");
        // Without any talk of films or novels, the names stay apart ("a book on Winston
        // Churchill and the Battle of Britain").
        assert_eq!(
            relabelled(&[(
                "a book on Winston Churchill and the Battle of Britain",
                "O O O B-PER I-PER O O B-MISC I-MISC I-MISC",
            )])[0],
            "O O O B-PER I-PER O O B-MISC I-MISC I-MISC"
        );
    }

    #[test]
    fn films_are_works_by_their_maker_role_race_and_oscars_in_a_story_about_films() {
        let film_story = ("The film won best film", "O O O O O");
        let out = relabelled(&[
            film_story,
            (
                "Clint Eastwood 's Million Dollar Baby led",
                "B-PER I-PER O B-ORG I-ORG I-ORG O",
            ),
            ("Million Dollar Baby won", "B-ORG I-ORG I-ORG O"),
            (
                "Simon Fuller 's 19 Entertainment and Mel Gibson 's Icon Productions",
                "B-PER I-PER O B-ORG I-ORG O B-PER I-PER O B-ORG I-ORG",
            ),
            ("her performance in Hotel Rwanda", "O O O B-ORG I-ORG"),
            (
                "Oscar hopefuls Sideways , Jamie Foxx and Finding Neverland",
                "B-MISC O B-ORG O B-PER I-PER O B-ORG I-ORG",
            ),
            ("Titanic took home 11 Oscars", "B-ORG O O O O"),
            ("Sideways is a gorgeous movie", "B-ORG O O O O"),
        ]);
        // A person's film, everywhere in the document; a person's firm stays.
        assert_eq!(out[1], "B-PER I-PER O B-MISC I-MISC I-MISC O");
        assert_eq!(out[2], "B-MISC I-MISC I-MISC O");
        assert_eq!(
            out[3],
            "B-PER I-PER O B-ORG I-ORG O B-PER I-PER O B-ORG I-ORG"
        );
        assert_eq!(out[4], "O O O B-MISC I-MISC");
        // An awards race lists films and persons: only the films change.
        assert_eq!(out[5], "B-MISC O B-MISC O B-PER I-PER O B-MISC I-MISC");
        assert_eq!(out[6], "B-MISC O O O O");
        assert_eq!(out[7], "B-MISC O O O O");
        // Without a word of films in the document, none of these cues holds.
        let out = relabelled(&[
            (
                "Rupert Murdoch 's News International said",
                "B-PER I-PER O B-ORG I-ORG O",
            ),
            ("his role in Enron", "O O O B-ORG"),
        ]);
        assert_eq!(out[0], "B-PER I-PER O B-ORG I-ORG O");
        assert_eq!(out[1], "O O O B-ORG");
    }

    #[test]
    fn screen_prizes_and_sequels_make_works_and_a_headline_may_shorten_them() {
        let out = relabelled(&[
            ("Fockers fuel festive film chart", "B-ORG O O O O"),
            (
                "SpongeBob SquarePants was named best animated TV show",
                "B-ORG I-ORG O O O O O O",
            ),
            (
                "Meet The Fockers is the sequel to the comedy",
                "B-ORG I-ORG I-ORG O O O O O O",
            ),
            ("School Of Rock", "B-ORG I-ORG I-ORG"),
            (
                "School of Rock was voted best comedy film",
                "B-ORG I-ORG I-ORG O O O O O",
            ),
            ("Coldplay won best album", "B-ORG O O O"),
            ("Fockers said", "B-ORG O"),
        ]);
        // The headline's word that ends a work; elsewhere a one-word name stays.
        assert_eq!(out[0], "B-MISC O O O O");
        assert_eq!(out[1], "B-MISC I-MISC O O O O O O");
        assert_eq!(out[2], "B-MISC I-MISC I-MISC O O O O O O");
        // Matched whatever the case of its words.
        assert_eq!(out[3], "B-MISC I-MISC I-MISC");
        // Bands win best album.
        assert_eq!(out[5], "B-ORG O O O");
        assert_eq!(out[6], "B-ORG O");
    }

    #[test]
    fn a_stars_films_are_works_and_two_works_read_as_one_name_are_split() {
        let out = relabelled(&[
            (
                "the Oscar-nominated movie The Aviator",
                "O B-MISC O B-MISC I-MISC",
            ),
            (
                "the studios behind The Aviator and Million Dollar Baby",
                "O O O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG",
            ),
            (
                "Ziyi Zhang , star of Hero and House of Flying Daggers",
                "B-PER I-PER O O O B-ORG O B-ORG I-ORG I-ORG I-ORG",
            ),
            ("Marks and Spencer said", "B-ORG I-ORG I-ORG O"),
        ]);
        assert_eq!(out[1], "O O O B-MISC I-MISC O B-MISC I-MISC I-MISC");
        assert_eq!(
            out[2],
            "B-PER I-PER O O O B-MISC O B-MISC I-MISC I-MISC I-MISC"
        );
        // No half of it is a work.
        assert_eq!(out[3], "B-ORG I-ORG I-ORG O");
        // Outside a story about films, "star of" is a player's.
        let out = relabelled(&[("the star of Chelsea", "O O O B-ORG")]);
        assert_eq!(out[0], "O O O B-ORG");
    }

    #[test]
    fn programmes_are_works_by_their_show_cues_but_not_the_verb_show() {
        let out = relabelled(&[
            (
                "TV shows Pop Idol and The X-Factor",
                "O O B-ORG I-ORG O B-ORG I-ORG",
            ),
            (
                "McCririck out of Big Brother show",
                "B-PER O O B-ORG I-ORG O",
            ),
            (
                "Big Brother housemates and the soap Hollyoaks",
                "B-ORG I-ORG O O O O B-ORG",
            ),
            ("figures from Ofcom show that", "O O B-ORG O O"),
            ("an ITV show", "O B-ORG O"),
            ("the BBC 's EastEnders", "O B-ORG O B-MISC"),
            ("EastEnders ' head writer", "B-ORG O O O"),
        ]);
        assert_eq!(out[0], "O O B-MISC I-MISC O B-MISC I-MISC");
        assert_eq!(out[1], "B-PER O O B-MISC I-MISC O");
        assert_eq!(out[2], "B-MISC I-MISC O O O O B-MISC");
        assert_eq!(out[3], "O O B-ORG O O");
        assert_eq!(out[4], "O B-ORG O");
        // A programme the tagger read as MISC after a broadcaster's possessive is one where
        // it read an organisation too.
        assert_eq!(out[6], "B-MISC O O O");
    }

    #[test]
    fn a_one_word_person_that_is_a_work_changes_unless_a_longer_person_shares_it() {
        let out = relabelled(&[
            ("the debut album Dummy", "O O O B-PER"),
            ("Dummy was a favourite", "B-PER O O O"),
            ("the film Ray and Ray Charles", "O O B-PER O B-PER I-PER"),
            ("Ray sang", "B-PER O"),
        ]);
        assert_eq!(out[0], "O O O B-MISC");
        assert_eq!(out[1], "B-MISC O O O");
        assert_eq!(out[2], "O O B-MISC O B-PER I-PER");
        assert_eq!(out[3], "B-PER O");
    }

    #[test]
    fn a_broadcasters_named_show_is_a_work_but_its_bodies_and_presenters_are_not() {
        let out = relabelled(&[
            (
                "He told BBC Two 's Newsnight on Sunday",
                "O O B-ORG I-ORG O B-ORG O O",
            ),
            ("Newsnight asked", "B-ORG O"),
            (
                "told BBC One 's Breakfast with Frost programme",
                "O B-ORG I-ORG O B-ORG O B-PER O",
            ),
            (
                "the BBC 's Board of Governors and the BBC 's Nick Robinson",
                "O B-ORG O B-ORG I-ORG I-ORG O O B-ORG O B-PER I-PER",
            ),
            ("Sky 's Premier League coverage", "B-ORG O B-ORG I-ORG O"),
            ("Tesco 's Clubcard", "B-ORG O B-ORG"),
            (
                "Sky 's Sky Sports and Channel 4 ’s E4 and BBC Two ’s Panorama",
                "B-ORG O B-ORG I-ORG O B-ORG I-ORG O B-ORG O B-ORG I-ORG O B-ORG",
            ),
            (
                "on ITV 's Tonight with Trevor McDonald",
                "O B-ORG O B-ORG O B-PER I-PER",
            ),
        ]);
        assert_eq!(out[0], "O O B-ORG I-ORG O B-MISC O O");
        // The whole document, as for other works.
        assert_eq!(out[1], "B-MISC O");
        // A presenter's name after "with" is part of the title.
        assert_eq!(out[2], "O B-ORG I-ORG O B-MISC I-MISC I-MISC O");
        assert_eq!(
            out[3],
            "O B-ORG O B-ORG I-ORG I-ORG O O B-ORG O B-PER I-PER"
        );
        assert_eq!(out[4], "B-ORG O B-ORG I-ORG O");
        // Only a broadcaster's possessive.
        assert_eq!(out[5], "B-ORG O B-ORG");
        // Its channels are no programmes; a curly apostrophe is a possessive too.
        assert_eq!(
            out[6],
            "B-ORG O B-ORG I-ORG O B-ORG I-ORG O B-ORG O B-ORG I-ORG O B-MISC"
        );
        // A presenter's full name is no part of the title.
        assert_eq!(out[7], "O B-ORG O B-MISC O B-PER I-PER");
    }

    #[test]
    fn credits_and_awards_name_works_but_an_actors_role_does_not() {
        let out = relabelled(&[
            (
                "The Polar Express , starring Tom Hanks , opened",
                "B-ORG I-ORG I-ORG O O B-PER I-PER O O",
            ),
            (
                "Tom Jones , directed by Tony Richardson",
                "B-PER I-PER O O O B-PER I-PER",
            ),
            (
                "Matt LeBlanc is starring in Joey",
                "B-PER I-PER O O O B-PER",
            ),
            (
                "Ziyi Zhang for House of Flying Daggers won best actress",
                "B-PER I-PER O B-ORG I-ORG I-ORG I-ORG O O O",
            ),
        ]);
        assert_eq!(out[0], "B-MISC I-MISC I-MISC O O B-PER I-PER O O");
        assert_eq!(out[1], "B-MISC I-MISC O O O B-PER I-PER");
        // The actor stays a person ("starring in" names the show).
        assert_eq!(out[2], "B-PER I-PER O O O B-MISC");
        assert_eq!(out[3], "B-PER I-PER O B-MISC I-MISC I-MISC I-MISC O O O");
        // "PERSON for" outside an awards story: a club, a party; credits after a
        // preposition's object, and an actor "starring in", are no work's.
        let out = relabelled(&[
            (
                "a goal from Frank Lampard for Chelsea Football Club",
                "O O O B-PER I-PER O B-ORG I-ORG I-ORG",
            ),
            (
                "a letter to Tony Blair , written by Ann Lee",
                "O O O B-PER I-PER O O O B-PER I-PER",
            ),
            (
                "Spike Lee , starring in seven films",
                "B-PER I-PER O O O O O",
            ),
        ]);
        assert_eq!(out[0], "O O O B-PER I-PER O B-ORG I-ORG I-ORG");
        assert_eq!(out[1], "O O O B-PER I-PER O O O B-PER I-PER");
        assert_eq!(out[2], "B-PER I-PER O O O O O");
    }

    #[test]
    fn examples_after_a_plural_work_noun_are_works() {
        let out = relabelled(&[
            (
                "blockbusters such as Saving Private Ryan , Forrest Gump and Ghost won",
                "O O O B-ORG I-ORG I-ORG O B-ORG I-ORG O B-ORG O",
            ),
            (
                "hits like Come Tomorrow and Sha La La",
                "O O B-PER I-PER O B-PER I-PER I-PER",
            ),
            (
                "shows such as Channel 4 's gameshow , and people such as Tom Hanks",
                "O O O B-ORG I-ORG O O O O O O O B-PER I-PER",
            ),
            (
                "films such as Ray and Sideways , Warner Bros said",
                "O O O B-PER O B-ORG O B-ORG I-ORG O",
            ),
            (
                "browsers such as Opera and sites such as Google",
                "O O O B-ORG O O O O B-ORG",
            ),
        ]);
        assert_eq!(
            out[0],
            "O O O B-MISC I-MISC I-MISC O B-MISC I-MISC O B-MISC O"
        );
        // The list closes after the name "and" brings.
        assert_eq!(out[3], "O O O B-MISC O B-MISC O B-ORG I-ORG O");
        // Products too; not the examples of sites, which are companies.
        assert_eq!(out[4], "O O O B-MISC O O O O B-ORG");
        assert_eq!(out[1], "O O B-MISC I-MISC O B-MISC I-MISC I-MISC");
        // A possessive is the maker; "people" is no work noun.
        assert_eq!(out[2], "O O O B-ORG I-ORG O O O O O O O B-PER I-PER");
    }

    #[test]
    fn a_lowercase_word_after_the_name_is_no_cue() {
        let (words, mut tags) = tagged(&[("Greg Dyke director general", "B-PER I-PER O O")]);
        relabel(&words, &mut tags);
        assert_eq!(decode_iob2(&tags[0])[..2], ["B-PER", "I-PER"]);
    }
}
