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
//! their contestants ("the talent show X Factor", "the soap Hollyoaks", "Celebrity Big
//! Brother housemates", "evicted from Big Brother", and in a story about the screen "Big
//! Brother show").
//!
//! In a story about the screen (`screen_story`: two words of films or television), cues
//! that studios, broadcasters, clubs and companies could also meet apply to organisation and
//! MISC readings that `may_be_a_work`: for the name everywhere in the document, its Oscars
//! and screen prizes ("Titanic took home 11 Oscars", "SpongeBob SquarePants was named best
//! animated TV show", "Meet The Fockers is the sequel to"), a copula that opens its
//! sentence ("The Aviator is a gorgeous movie"), and lists after a named awards race or a
//! star ("Oscar hopefuls The Aviator and Sideways", "star of Hero and House of Flying
//! Daggers"; after "hopefuls" alone, in a story of awards to films); only where they are,
//! a person's possessive ("Clint Eastwood's Million Dollar Baby", as "Harvey Weinstein's
//! Miramax"), a role ("her performance in Hotel Rwanda") and a list after "on TV shows"
//! ("on TV shows Pop Idol and The X-Factor", as "state TV shows Hamas fighters").
//!
//! Owns the cue words and the relabelling of a tagger's output, per document: a name of two
//! or more tokens with a cue anywhere in the document changes type at every occurrence,
//! whatever the case of its words ("School Of Rock") (works become MISC, bands ORG, as the
//! CoNLL-2003 guidelines type them); a one-token person name changes where the cue is, and
//! elsewhere only after a work noun that is no music noun ("the comedy Sideways"; not "her
//! debut album Madonna") and unless a longer person of the document shares the word ("Ray"
//! and Ray Charles). Of the cues of persons, only those before a name, an appositive,
//! credits, lists of examples, awards and the box-office ones apply to organisations:
//! "Chelsea star", "BBC director" are no works. A name the tagger already read as MISC
//! where a cue is ("Sideways has taken $46.8m", "The Incredibles movie") is a work too, so
//! its person and organisation readings elsewhere in the document become MISC, a leading
//! "The" aside ("Incredibles win awards"). In a story about the screen a headline's one
//! word that ends such a work is the work ("Fockers fuel festive film chart"), and two
//! names joined by "and" into one person or organisation span are split into two works
//! when one of them is a work elsewhere ("the studios behind [The Aviator and Million
//! Dollar Baby]").
//! A place reading that is no sizeable place in the gazetteer is a show too: in the whole
//! document after "Little Britain star Matt Lucas", only where the cue is after "the
//! series British Isles". Both taggers run it after their own decoding. It must not decide
//! anything but PER, ORG and such LOC spans (a cut title's "and the", a programme's "with"
//! and the "and" between two works aside), and must not look beyond the document.

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

/// What opened a list of names (`AWARD_PLURALS`, "star of", "TV shows"), and so how far
/// its names are works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entries {
    /// "hopefuls", "nominees": films in a story of awards to films, everywhere in it.
    Race,
    /// "Oscar hopefuls", "star of": films, everywhere in the document.
    Named,
    /// "on TV shows": programmes, where they are only ("state TV shows Hamas fighters").
    Shows,
}

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

/// Words of a programme's kind before "show" or "shows": "the talent show X Factor", "on TV
/// shows Pop Idol and The X-Factor" (`shows_list_opens`: "Iraqi TV shows Saddam Hussein" is
/// a verb).
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
    "Bros",
    "Brothers",
    // Studios a possessive names as a producer's or a founder's ("Harvey Weinstein's
    // Miramax", "Steven Spielberg's DreamWorks").
    "Miramax",
    "DreamWorks",
    "Pixar",
    "Lucasfilm",
    "Paramount",
    "Universal",
    "Warner",
    "Disney",
    "MGM",
    "Touchstone",
    "Lionsgate",
    "Columbia",
    "International",
    "Network",
    "Networks",
    "Television",
    "Channel",
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

/// Does an appositive right after the name ending at `end` call it a work: "The Aviator, a
/// film about Howard Hughes", "Life Aquatic, a quirky comedy starring"? One word may stand
/// between the article and the work noun, which must end its phrase (`AFTER_WORK_NOUN`: not
/// "a comedy writer", "a film studio").
fn apposed_work<S: AsRef<str>>(tokens: &[S], end: usize) -> bool {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    // Not "the": "Directed by Antoine Fuqua, the film was" opens a clause about the film.
    if at(end) != Some(",") {
        return false;
    }
    work_noun_phrase(tokens, end + 1)
}

/// Does a copula right after a name that opens its sentence call it a work: "The Aviator
/// is a gorgeous movie", "Sideways is a comedy"? Not a name inside a clause: "Sunday's draw
/// with Tottenham was a thriller" says what the draw was.
fn copula_work<S: AsRef<str>>(tokens: &[S], start: usize, end: usize) -> bool {
    let opens = start == 0 || (start == 1 && tokens[0].as_ref() == "The");
    opens
        && tokens
            .get(end)
            .is_some_and(|w| matches!(w.as_ref(), "is" | "was"))
        && work_noun_phrase(tokens, end + 1)
}

/// Do "a"/"an" at `article`, at most one lowercase word, and a work noun that ends its
/// phrase follow ("a film biography of", "a quirky comedy starring")?
fn work_noun_phrase<S: AsRef<str>>(tokens: &[S], article: usize) -> bool {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    let work_noun = |i: usize| at(i).is_some_and(|w| is_one_of(w, WORK_BEFORE));
    if !at(article).is_some_and(|w| matches!(w, "a" | "an")) {
        return false;
    }
    let noun_at = if work_noun(article + 1) {
        article + 1
    } else if !capitalised(at(article + 1)) && at(article + 1).is_some() && work_noun(article + 2) {
        article + 2
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
        _ => false,
    }
}

/// Does a list of programmes start at `start`: "on TV shows Pop Idol and The X-Factor"?
/// The plural is also a verb ("Iraqi TV shows Saddam Hussein"), so a lowercase word must
/// come before the kind, and only organisation and MISC readings ask, in a story about the
/// screen.
fn shows_list_opens<S: AsRef<str>>(tokens: &[S], start: usize) -> bool {
    start >= 3
        && tokens[start - 1].as_ref() == "shows"
        && is_one_of(tokens[start - 2].as_ref(), SHOW_KINDS)
        && tokens[start - 3]
            .as_ref()
            .starts_with(|c: char| c.is_lowercase())
}

/// Does a programme cue stand right before `tokens[start]`: "the talent show X Factor",
/// "the soap EastEnders", "evicted from Celebrity Big Brother"?
fn show_before<S: AsRef<str>>(tokens: &[S], start: usize) -> bool {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    let before = start.checked_sub(2).and_then(at);
    match start.checked_sub(1).and_then(at) {
        Some("soap" | "soaps") => true,
        // Singular: "TV shows Kenneth Bigley" is a verb.
        Some("show") => before.is_some_and(|w| is_one_of(w, SHOW_KINDS)),
        Some("from") => before.is_some_and(|w| matches!(w, "evicted" | "eviction")),
        _ => false,
    }
}

/// Is `tokens[start..end]` a programme by its context: a programme cue before it or a
/// contestant after it ("Celebrity Big Brother housemates"); in a story about the screen
/// (`on_screen`), "show" after it too.
fn is_show<S: AsRef<str>>(tokens: &[S], start: usize, end: usize, on_screen: bool) -> bool {
    let after = tokens.get(end).map(|w| w.as_ref());
    show_before(tokens, start)
        || after.is_some_and(|w| is_one_of(w, SHOW_AFTER))
        // "McCririck out of Big Brother show", "X Factor show gets second series"; not "an
        // ITV show", a fashion house's ("the Dior show in Paris": no story about the
        // screen), or the verb ("figures from Ofcom show that", "The Fox show proved").
        || (on_screen
            && after == Some("show")
            && tokens
                .get(end + 1)
                .is_none_or(|w| is_one_of(w.as_ref(), AFTER_SHOW))
            && !tokens[start..end].iter().any(|w| is_a_broadcasters(w.as_ref())))
}

/// Is `word` a broadcaster's name or part of one ("BBC", "Channel", "Fox", "E4")?
fn is_a_broadcasters(word: &str) -> bool {
    BROADCASTER_WORDS.contains(word) || matches!(word, "Fox" | "Five" | "E4" | "Bravo" | "UPN")
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

/// Words of the screen: two of them (or one twice) make a story about films or television,
/// the gate for the cues that studios, clubs and companies could also meet ("Harvey
/// Weinstein's Miramax", "the star of Chelsea").
const SCREEN_TOPIC: &[&str] = &[
    "film",
    "films",
    "movie",
    "movies",
    "cinema",
    "cinemas",
    "Oscar",
    "Oscars",
    "Bafta",
    "Baftas",
    "Hollywood",
    "actress",
    "sitcom",
    "viewers",
    "television",
    "TV",
];

/// Does the document speak of films or television (`SCREEN_TOPIC`, two mentions)?
fn screen_story<T: AsRef<[S]>, S: AsRef<str>>(sentences: &[T]) -> bool {
    sentences
        .iter()
        .flat_map(|s| s.as_ref().iter())
        .filter(|w| SCREEN_TOPIC.contains(&w.as_ref()))
        .nth(1)
        .is_some()
}

/// Does the document speak of films or novels (`WORK_TOPIC`)?
fn works_story<T: AsRef<[S]>, S: AsRef<str>>(sentences: &[T]) -> bool {
    sentences
        .iter()
        .any(|s| s.as_ref().iter().any(|w| is_one_of(w.as_ref(), WORK_TOPIC)))
}

/// Could the organisation-shaped name `name` be a work rather than a firm, a broadcaster
/// or a club ("Clint Eastwood's Million Dollar Baby", not "Simon Fuller's 19
/// Entertainment", "Rupert Murdoch's News Corp", "Channel 4 took home five Baftas", a listed
/// company, or "the star of Wimbledon and Chelsea", places)?
fn may_be_a_work<S: AsRef<str>>(name: &[S]) -> bool {
    let words: Vec<&str> = name.iter().map(|t| t.as_ref()).collect();
    !words.iter().any(|w| {
        MAKER_WORDS.contains(w)
            || is_one_of(w.trim_end_matches('.'), super::normalize::LEGAL_SUFFIXES)
            || is_a_broadcasters(w)
            || w.contains(|c: char| c.is_ascii_digit())
    }) && !super::known_orgs::is_listed(&words)
        && !super::places::is_known_place(&words)
}

/// Prizes of films: "best actor", "best film". The gate for an awards race's list, which
/// in a music story names bands.
const FILM_PRIZES: &[&str] = &["actor", "actress", "director", "film", "picture"];

/// Prizes of films and records ("best album"): the gate for "Ziyi Zhang for House of
/// Flying Daggers".
const FILM_AND_RECORD_PRIZES: &[&str] = &[
    "actor", "actress", "director", "film", "picture", "album", "song",
];

/// Does the document report awards: "best" before one of `prizes`, or a film prize's
/// nominations ("five Oscar nominations", "Bafta nominees")?
fn awards_story<T: AsRef<[S]>, S: AsRef<str>>(sentences: &[T], prizes: &[&str]) -> bool {
    any_word_pair(sentences, |first, second| {
        (first.eq_ignore_ascii_case("best") && prizes.contains(&second))
            || (matches!(first, "Oscar" | "Oscars" | "Bafta" | "Baftas")
                && second.starts_with("nominat"))
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
    // Up to three modifiers: "best animated TV show", "best foreign language film"; not
    // past a function word ("best actress in a comedy series").
    (i + 1..i + 5)
        .map_while(|j| {
            at(j).filter(|w| {
                w.chars().all(|c| c.is_alphabetic() || c == '-')
                    && !matches!(*w, "in" | "a" | "an" | "the" | "of" | "for" | "and" | "at")
            })
        })
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
    // Names read as MISC where a work cue is (`work_id`: leading "The" dropped, lower
    // case).
    let mut misc_works: HashSet<String> = HashSet::new();
    // The words of persons named in two words or more: a one-word person reading that is
    // one of them stays ("Ray" in a document about the film Ray and Ray Charles).
    let mut person_words: Vec<&str> = Vec::new();
    // Looked up only once a name is followed by takings: most documents never need it.
    let mut box_office_story: Option<bool> = None;
    // Looked up only once a name follows "PERSON for": in an awards story, the film or
    // record a person won or was nominated for ("Martin Scorsese for The Aviator").
    let mut awards: Option<bool> = None;
    // Looked up only once a cue that needs it is met: a story about films or television,
    // and one of awards to films.
    let mut on_screen: Option<bool> = None;
    let mut film_awards: Option<bool> = None;
    // One-word persons that a work noun before them makes a film ("the comedy Sideways"):
    // their other one-word person readings follow, unless a longer person has the word.
    let mut person_works: HashSet<String> = HashSet::new();
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
            // way; whether it names films is asked below, for non-persons only, in a story
            // about films and awards to films. So are "star of Crouching Tiger, Hidden
            // Dragon, Hero and House of Flying Daggers" and "on TV shows Pop Idol and The
            // X-Factor", which need no awards story.
            let entry_continued = listed_entries_end
                .and_then(|(e, _): (usize, Entries)| list_gap(&tokens[e.min(start)..start]));
            let starred_in = start >= 2
                && tokens[start - 1].as_ref() == "of"
                && matches!(tokens[start - 2].as_ref(), "star" | "stars" | "co-star");
            // An awards race named before its plural is one of films: "Oscar hopefuls".
            let named_race = start >= 2
                && is_one_of(tokens[start - 1].as_ref(), AWARD_PLURALS)
                && matches!(
                    tokens[start - 2].as_ref(),
                    "Oscar" | "Oscars" | "Bafta" | "Baftas" | "Globe" | "Globes"
                );
            let opener = if starred_in || named_race {
                Some(Entries::Named)
            } else if shows_list_opens(tokens, start) {
                Some(Entries::Shows)
            } else {
                start
                    .checked_sub(1)
                    .filter(|&i| is_one_of(tokens[i].as_ref(), AWARD_PLURALS))
                    .map(|_| Entries::Race)
            };
            let entries = match entry_continued {
                Some(_) => listed_entries_end.map(|(_, entries)| entries),
                None => opener,
            }
            .filter(|_| !possessive);
            listed_entries_end = entries
                .filter(|_| entry_continued != Some(true))
                .map(|entries| (end, entries));
            let mut awarded_for = || {
                after_person
                    && tokens[start - 1].as_ref() == "for"
                    && *awards
                        .get_or_insert_with(|| awards_story(sentences, FILM_AND_RECORD_PRIZES))
            };
            // Cues of films and programmes that hold only in a story about the screen, for
            // organisation and MISC readings: strong ones, for the name everywhere in the
            // document (its Oscars and prizes, "The Aviator is a gorgeous movie", a list
            // above), and weak ones, where they are only, as studios and clubs meet them
            // too ("Clint Eastwood's Million Dollar Baby" and "Harvey Weinstein's Miramax",
            // "her performance in Hotel Rwanda" and "his role in Labour's campaign").
            let film_cue = |on_screen: &mut Option<bool>, film_awards: &mut Option<bool>| {
                let strong = oscars_after(tokens, end)
                    || screen_predicate(tokens, end)
                    || copula_work(tokens, start, end)
                    || entries == Some(Entries::Named)
                    || (entries == Some(Entries::Race)
                        && *film_awards
                            .get_or_insert_with(|| awards_story(sentences, FILM_PRIZES)));
                let weak = (after_person && matches!(tokens[start - 1].as_ref(), "'s" | "’s"))
                    || (role_in(tokens, start) && !possessive)
                    || entries == Some(Entries::Shows);
                // The name and the document are asked last: most names meet no cue.
                if !(strong || weak)
                    || !may_be_a_work(&tokens[start..end])
                    || !*on_screen.get_or_insert_with(|| screen_story(sentences))
                {
                    return None;
                }
                Some(strong)
            };
            if kind == MISC {
                if listed
                    || misc_is_work(tokens, start, end, sentences, &mut box_office_story)
                    || apposed_work(tokens, end)
                    || broadcast_programme(tokens, start, end)
                    || is_show(tokens, start, end, false)
                    || awarded_for()
                    || film_cue(&mut on_screen, &mut film_awards) == Some(true)
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
                let music = before.is_some_and(|w| is_one_of(w, MUSIC));
                // The document is asked only where "show" follows the name.
                let show_after = tokens.get(end).is_some_and(|w| w.as_ref() == "show")
                    && *on_screen.get_or_insert_with(|| screen_story(sentences));
                if before.is_some_and(|w| is_one_of(w, WORK_BEFORE))
                    || apposed_work(tokens, end)
                    || broadcast_programme(tokens, start, end)
                    || is_show(tokens, start, end, show_after)
                    || work_in_context()
                {
                    (Some(MISC), music)
                } else {
                    match film_cue(&mut on_screen, &mut film_awards) {
                        Some(strong) => (Some(MISC), !strong),
                        None => (None, false),
                    }
                }
            };
            let Some(new) = new else {
                continue;
            };
            if here_only {
                single.push((s, start, end, new));
                // "the comedy Sideways ... Sideways was tipped"; not a music noun, as singers
                // name albums after themselves ("her debut album Madonna").
                if kind == PER
                    && new == MISC
                    && start.checked_sub(1).is_some_and(|i| {
                        let w = tokens[i].as_ref();
                        is_one_of(w, WORK_BEFORE) && !is_one_of(w, MUSIC)
                    })
                {
                    person_works.insert(name_id(&tokens[start..end]));
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
    if cued.is_empty() && misc_works.is_empty() && person_works.is_empty() {
        return;
    }
    // A one-word person reading keeps its type where a longer person has the word, in any
    // case ("RAY" in a headline over Ray Charles).
    let of_a_person = |word: &str| person_words.iter().any(|w| w.eq_ignore_ascii_case(word));
    // A headline's one word that ends a work of two words or more, in a story about the
    // screen: "Fockers fuel festive film chart" over a story about Meet The Fockers.
    // `word` in lower case, as names are matched; `written` as the text has it, as the
    // table of listed organisations is.
    let headline_work = |word: &str, written: &str, on_screen: &mut Option<bool>| {
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
            && !of_a_person(word)
            && !super::known_orgs::is_listed(&[written])
            && *on_screen.get_or_insert_with(|| screen_story(sentences))
    };
    for (s, (sentence, tags)) in sentences.iter().zip(tags.iter_mut()).enumerate() {
        let tokens = sentence.as_ref();
        for (start, end, kind) in tag_spans(tags.as_ref()) {
            if !(kind == PER || kind == ORG || kind == LOC) || end > tokens.len() {
                continue;
            }
            let key = name_id(&tokens[start..end]);
            // Two works the tagger read as one name: "the studios behind [The Aviator and
            // Million Dollar Baby]"; not one work with "and" in it ("Harry Potter and the
            // Prisoner of Azkaban", which the document names whole as a work).
            if kind != LOC
                && !cued.contains_key(&key)
                && !misc_works.contains(&work_id(&tokens[start..end]))
                && let Some(and) = (start + 1..end - 1).find(|&i| tokens[i].as_ref() == "and")
                && tokens[and + 1]
                    .as_ref()
                    .starts_with(|c: char| c.is_uppercase())
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
            if kind == LOC {
                // Only a work's reading made a place: "Chicago" the musical leaves the city.
                if cued.get(&key) == Some(&MISC) && !is_sizeable_place(&tokens[start..end]) {
                    write_span(&mut tags.as_mut()[start..end], MISC);
                }
                continue;
            }
            let one_word = end - start == 1;
            if let Some(&new) = cued.get(&key) {
                write_span(&mut tags.as_mut()[start..end], new);
            } else if !(kind == PER && one_word && of_a_person(&key))
                && (misc_works.contains(&work_id(&tokens[start..end]))
                    || (kind == PER && one_word && person_works.contains(&key))
                    || (s == 0
                        && one_word
                        && headline_work(&key, tokens[start].as_ref(), &mut on_screen)))
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
    fn a_race_of_films_opens_a_list_in_a_story_of_oscar_nominations() {
        let contenders = (
            "Leading contenders The Aviator , Million Dollar Baby and Finding Neverland fell",
            "O O B-ORG I-ORG O B-ORG I-ORG I-ORG O B-ORG I-ORG O",
        );
        let films = "O O B-MISC I-MISC O B-MISC I-MISC I-MISC O B-MISC I-MISC O";
        let nominated = (
            "The film Sideways got five Oscar nominations",
            "O O B-ORG O O B-MISC O",
        );
        assert_eq!(relabelled(&[nominated, contenders])[1], films);
        // Without the awards, the race's plural names no films.
        let box_office = ("The film Sideways took Oscar money", "O O B-ORG O B-MISC O");
        assert_eq!(relabelled(&[box_office, contenders])[1], contenders.1);
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
                "Simon Fuller 's 19 Entertainment and Harvey Weinstein 's Miramax",
                "B-PER I-PER O B-ORG I-ORG O B-PER I-PER O B-ORG",
            ),
            ("her performance in Hotel Rwanda", "O O O B-ORG I-ORG"),
            (
                "Oscar hopefuls Sideways , Jamie Foxx and Finding Neverland",
                "B-MISC O B-ORG O B-PER I-PER O B-ORG I-ORG",
            ),
            ("Titanic took home 11 Oscars", "B-ORG O O O O"),
            ("The Aviator is a gorgeous movie", "B-ORG I-ORG O O O O"),
            (
                "Finding Neverland and Titanic lead",
                "B-ORG I-ORG O B-ORG O",
            ),
            ("Channel 4 took home five Baftas", "B-ORG I-ORG O O O O"),
            (
                "the draw with Tottenham was a thriller",
                "O O O B-ORG O O O",
            ),
        ]);
        // A person's film where the possessive is only, as a producer's studio is named
        // the same way.
        assert_eq!(out[1], "B-PER I-PER O B-MISC I-MISC I-MISC O");
        assert_eq!(out[2], "B-ORG I-ORG I-ORG O");
        assert_eq!(out[3], "B-PER I-PER O B-ORG I-ORG O B-PER I-PER O B-ORG");
        assert_eq!(out[4], "O O O B-MISC I-MISC");
        // A named awards race lists films and persons: only the films change, everywhere.
        assert_eq!(out[5], "B-MISC O B-MISC O B-PER I-PER O B-MISC I-MISC");
        assert_eq!(out[6], "B-MISC O O O O");
        assert_eq!(out[7], "B-MISC I-MISC O O O O");
        assert_eq!(out[8], "B-MISC I-MISC O B-MISC O");
        // A broadcaster wins Baftas too; a copula inside a clause is the clause's.
        assert_eq!(out[9], "B-ORG I-ORG O O O O");
        assert_eq!(out[10], "O O O B-ORG O O O");
        // Without two words of the screen in the document, none of these cues holds.
        let out = relabelled(&[
            (
                "Rupert Murdoch 's News International said",
                "B-PER I-PER O B-ORG I-ORG O",
            ),
            ("his role in Enron", "O O O B-ORG"),
            ("Titanic took home 11 Oscars", "B-ORG O O O O"),
        ]);
        assert_eq!(out[0], "B-PER I-PER O B-ORG I-ORG O");
        assert_eq!(out[1], "O O O B-ORG");
        assert_eq!(out[2], "B-ORG O O O O");
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
        // A listed organisation's name in a headline is the organisation, whatever work
        // ends with it.
        let out = relabelled(&[
            ("Petrobras cuts output", "B-ORG O O"),
            (
                "The film Rise of Petrobras opened",
                "O O B-MISC I-MISC I-MISC O",
            ),
            ("Critics on TV loved the movie", "O O O O O O"),
        ]);
        assert_eq!(out[0], "B-ORG O O");
    }

    #[test]
    fn a_stars_films_are_works_and_two_works_read_as_one_name_are_split() {
        let out = relabelled(&[
            (
                "the Oscar-nominated movie The Aviator",
                "O B-MISC O B-MISC I-MISC",
            ),
            ("The film won at the Oscars", "O O O O O B-MISC"),
            (
                "the studios behind The Aviator and Million Dollar Baby",
                "O O O B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG",
            ),
            (
                "Ziyi Zhang , star of Hero and House of Flying Daggers",
                "B-PER I-PER O O O B-ORG O B-ORG I-ORG I-ORG I-ORG",
            ),
            ("Marks and Spencer said", "B-ORG I-ORG I-ORG O"),
            (
                "Vinnie Jones , former star of Wimbledon and Chelsea",
                "B-PER I-PER O O O O B-ORG O B-ORG",
            ),
            (
                "The Aviator and the Hughes Family",
                "B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG",
            ),
        ]);
        assert_eq!(out[2], "O O O B-MISC I-MISC O B-MISC I-MISC I-MISC");
        assert_eq!(
            out[3],
            "B-PER I-PER O O O B-MISC O B-MISC I-MISC I-MISC I-MISC"
        );
        // No half of it is a work; clubs named after places are no films; a half that
        // starts in lower case is no name.
        assert_eq!(out[4], "B-ORG I-ORG I-ORG O");
        assert_eq!(out[5], "B-PER I-PER O O O O B-ORG O B-ORG");
        assert_eq!(out[6], "B-ORG I-ORG I-ORG I-ORG I-ORG I-ORG");
        // Outside a story about films, "star of" is a player's.
        let out = relabelled(&[("the star of Hero", "O O O B-ORG")]);
        assert_eq!(out[0], "O O O B-ORG");
    }

    #[test]
    fn programmes_are_works_by_their_show_cues_but_not_the_verb_show() {
        let out = relabelled(&[
            ("The television ratings fell", "O O O O"),
            (
                "remarks on TV shows Pop Idol and The X-Factor",
                "O O O O B-ORG I-ORG O B-ORG I-ORG",
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
            ("a Sky show .", "O B-ORG O O"),
            ("the BBC 's EastEnders", "O B-ORG O B-MISC"),
            ("EastEnders ' head writer", "B-ORG O O O"),
            (
                "Iraqi TV shows Saddam Hussein in court",
                "B-MISC O O B-PER I-PER O O",
            ),
            ("Pop Idol returns", "B-ORG I-ORG O"),
        ]);
        // A list after "TV shows" where it is only; "show" after a name everywhere.
        assert_eq!(out[1], "O O O O B-MISC I-MISC O B-MISC I-MISC");
        assert_eq!(out[9], "B-ORG I-ORG O");
        assert_eq!(out[2], "B-PER O O B-MISC I-MISC O");
        assert_eq!(out[3], "B-MISC I-MISC O O O O B-MISC");
        assert_eq!(out[4], "O O B-ORG O O");
        // A broadcaster's show is the broadcaster's.
        assert_eq!(out[5], "O B-ORG O O");
        // A programme the tagger read as MISC after a broadcaster's possessive is one where
        // it read an organisation too.
        assert_eq!(out[7], "B-MISC O O O");
        // The verb.
        assert_eq!(out[8], "B-MISC O O B-PER I-PER O O");
        // Outside a story about the screen, "show" after a name is a fashion house's.
        let out = relabelled(&[("the Dior show in Paris", "O B-ORG O O B-LOC")]);
        assert_eq!(out[0], "O B-ORG O O B-LOC");
    }

    #[test]
    fn a_one_word_person_that_is_a_work_changes_unless_a_longer_person_shares_it() {
        let out = relabelled(&[
            ("the comedy Sideways", "O O B-PER"),
            ("Sideways was tipped", "B-PER O O"),
            ("the film Ray and Ray Charles", "O O B-PER O B-PER I-PER"),
            ("Ray sang", "B-PER O"),
            ("her debut album Madonna", "O O O B-PER"),
            ("Madonna sang", "B-PER O"),
        ]);
        assert_eq!(out[0], "O O B-MISC");
        assert_eq!(out[1], "B-MISC O O");
        assert_eq!(out[2], "O O B-MISC O B-PER I-PER");
        assert_eq!(out[3], "B-PER O");
        // Singers name albums after themselves: the music noun's work stays where it is.
        assert_eq!(out[4], "O O O B-MISC");
        assert_eq!(out[5], "B-PER O");
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
