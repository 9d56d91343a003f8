//! Person- and place-shaped names that their context shows are companies (or other
//! organisations, clubs among them: "Sundowns striker Peter Shalulile"): "chipmaker
//! Nvidia", "search giant Google", "research firm Gartner", "analysts Gartner", "Nvidia CEO
//! Jensen Huang",
//! "Tesla shares fell" (or "Sinovac's shares rose", "Tesla's chief executive", "Gartner's
//! principal analyst", "Vodafone's subscribers"), "the Veritas leader said", "the Morena
//! party", "Bawaslu, the election supervisory agency," (an appositive, read by
//! `appositives::head_kind`),
//! "the Kuomintang (KMT)" with the acronym tagged an organisation.
//! Wire copy introduces a company this way, and a tagger trained on 1996 Reuters reads a
//! bare or possessive company name ("Nvidia's chips") as a person or a
//! place, so the article's one-type vote went to the wrong type.
//!
//! Owns the cue words and the relabelling of a tagger's output, per document: a person or
//! place name with a company cue anywhere in the document becomes an organisation at every
//! occurrence of the same tokens. Both taggers run it after their own decoding, before
//! `works::relabel`. It must not create spans, touch organisation or MISC spans, or look
//! beyond the document.

use std::collections::HashSet;

use super::normalize::is_one_of;
use super::perceptron::{LOC, ORG, PER, tag_spans, write_span};
use super::places::{is_area, is_known_place};

/// A word right before the name that names a kind of company ("chipmaker Nvidia", "smartphone
/// maker Xiaomi", "low-cost carrier Ryanair"). Words that also come before people
/// ("broadcaster", "publisher", "rival", "filmmaker", "major", "operator") are left out, and "carrier"
/// counts except after "aircraft" (a ship's name follows).
const COMPANY_BEFORE: &[&str] = &[
    "chipmaker",
    "chipmakers",
    "bookmaker",
    "bookmakers",
    "carmaker",
    "automaker",
    "drugmaker",
    "planemaker",
    "toymaker",
    "maker",
    "retailer",
    "lender",
    "insurer",
    "reinsurer",
    "airline",
    "carrier",
    "miner",
    "brewer",
    "conglomerate",
    "startup",
    "start-up",
    "giant",
    "regulator",
    "pollster",
    "watchdog",
    "manufacturer",
    "supplier",
    "supermarket",
    "grocer",
    "chain",
    "consultancy",
    "subsidiary",
    "network",
    "agency",
];

/// Plural professions right before a one-word name: the name is their firm ("analysts
/// Gartner", "accountants KPMG", "pollsters Ipsos"), as one person is no "analysts". A name
/// of two words or more is one of them ("analysts Tom Ross and Ann Lee").
const FIRM_OF_PROFESSIONALS: &[&str] = &[
    "analysts",
    "consultants",
    "accountants",
    "auditors",
    "pollsters",
    "brokers",
    "stockbrokers",
];

/// Generic company words that are cues only after a modifier ("research firm Gartner",
/// "investment bank Goldman Sachs"): after a determiner a person may follow ("the firm Smith
/// founded").
const COMPANY_AFTER_MODIFIER: &[&str] = &["firm", "company", "bank", "group", "fund"];

/// Words that end a modifier run: a determiner or possessive before a generic company word.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "his", "her", "its", "their", "our", "my", "your", "whose",
];

/// Words right after the name, before a capitalised word, that only follow a company
/// ("Nvidia CEO Jensen Huang"); "chief executive", "shareholders" and "stockholders" count
/// anywhere.
const COMPANY_AFTER: &[&str] = &["CEO", "CFO", "COO", "CTO"];

/// Words right after a one-word name, before a capitalised word, that make it a club's or
/// a company's ("Pompey chairman Milan Mandaric", "Larne boss Jimmy McGeough", "Balco
/// boss Victor Conte", "Gartner analyst Carolina Milanesi"). Not after a longer name: an
/// artist has a manager too ("Johnny Cash manager Holiff"), and a national side stays its
/// country ("Republic of Ireland manager").
const HEAD_AFTER_ONE_WORD: &[&str] = &["boss", "manager", "chairman", "chairwoman", "analyst"];

/// Jobs after a one-word name that make the name the employer when no name follows ("a
/// former McKinsey consultant", "a Google engineer", "a Reuters reporter"). Only a person
/// reading changes: "a Sabah lawmaker" is from the place.
const JOB_AT_EMPLOYER: &[&str] = &[
    "consultant",
    "consultants",
    "analyst",
    "analysts",
    "employee",
    "employees",
    "engineer",
    "engineers",
    "economist",
    "strategist",
    "correspondent",
    "reporter",
    "staffer",
    "staffers",
    "executive",
    "executives",
];

/// Is the one-word name at `start..end` an employer before a job, after a determiner or
/// "former", with no name after the job ("a former McKinsey consultant")?
fn employs<S: AsRef<str>>(tokens: &[S], start: usize, end: usize) -> bool {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    end == start + 1
        && start
            .checked_sub(1)
            .and_then(at)
            .is_some_and(|w| matches!(w, "a" | "an" | "the" | "former" | "ex-"))
        && at(end).is_some_and(|w| JOB_AT_EMPLOYER.contains(&w))
        && !at(end + 1)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
}

/// Is the one-word name at `start..end` a party or movement before "leader", after a
/// determiner or before the leader's name ("the Veritas leader said", "Hamas leader Ismail
/// Haniyeh")? Places have leaders too ("Gaza leader"), so only person and organisation
/// readings ask.
fn led_by<S: AsRef<str>>(tokens: &[S], start: usize, end: usize) -> bool {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    end == start + 1
        && matches!(at(end), Some("leader" | "leaders"))
        && (start
            .checked_sub(1)
            .and_then(at)
            .is_some_and(|w| is_one_of(w, DETERMINERS) || w == "former")
            || at(end + 1).is_some_and(|w| w.starts_with(char::is_uppercase)))
}

/// A player's position right after the name, before a capitalised word, names a club
/// ("Sundowns striker Peter Shalulile", "Chelsea defender William Gallas", "Munster lock
/// Paul O'Connell", "Pittsburgh center Maurkice Pouncey"). Not "coach" or "captain", which
/// also follow people ("Tiger Woods coach Butch Harmon").
const PLAYER_AFTER: &[&str] = &[
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "keeper",
    "winger",
    "full-back",
    "centre-back",
    "playmaker",
    "batsman",
    "bowler",
    "spinner",
    "fly-half",
    "scrum-half",
    "flanker",
    "prop",
    "hooker",
    "lock",
    "centre",
    "wing",
    "all-rounder",
    "opener",
    "wicketkeeper",
    "wicket-keeper",
    "paceman",
    "seamer",
    "quarterback",
    "linebacker",
    "cornerback",
    "receiver",
    "kicker",
    "center",
    "guard",
    "forward",
    "pitcher",
    "catcher",
    "shortstop",
    "outfielder",
    "infielder",
    "slugger",
    "defenseman",
    "defenceman",
    "goaltender",
    "netminder",
];

/// What "shares"/"stock" after the name must be followed by to mean the company's shares
/// ("Tesla shares fell"), not a verb ("Musk shares a post").
const SHARE_MOVES: &[&str] = &[
    "rose", "fell", "jumped", "slumped", "slid", "gained", "dropped", "closed", "ended", "were",
    "have", "had", "are", "traded", "tumbled", "surged", "climbed", "sank", "plunged", "soared",
    "hit", "rallied", "lost", "added", "edged", "opened",
];

/// A wire stock ticker in angle brackets: "<NVDA.O>", "<005930.KS>".
fn is_ticker(word: &str) -> bool {
    word.strip_prefix('<')
        .and_then(|w| w.strip_suffix('>'))
        .is_some_and(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.')
        })
}

/// Does the context of the name `tokens[start..end]` say it is a company?
pub fn is_cued<S: AsRef<str>>(tokens: &[S], start: usize, end: usize) -> bool {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    if let Some(before) = start.checked_sub(1).and_then(at) {
        let ship = before.eq_ignore_ascii_case("carrier")
            && start
                .checked_sub(2)
                .and_then(at)
                .is_some_and(|w| w.eq_ignore_ascii_case("aircraft"));
        // Lower case, or capitalised as a headline's first word ("Chipmaker Nvidia ..."),
        // not inside a name ("Trouble Maker").
        let cue_case = start == 1 || before.chars().all(|c| c.is_lowercase() || c == '-');
        if cue_case && is_one_of(before, COMPANY_BEFORE) && !ship {
            return true;
        }
        let modifier = start.checked_sub(2).and_then(at).is_some_and(|w| {
            w.chars().all(|c| c.is_lowercase() || c == '-') && !is_one_of(w, DETERMINERS)
        });
        if cue_case && modifier && is_one_of(before, COMPANY_AFTER_MODIFIER) {
            return true;
        }
        if cue_case && end == start + 1 && is_one_of(before, FIRM_OF_PROFESSIONALS) {
            return true;
        }
    }
    let Some(after) = at(end) else {
        return false;
    };
    if after == "," && super::appositives::head_kind(&tokens[end + 1..]) == Some(ORG) {
        return true;
    }
    // The same cues after a possessive: "Sinovac's shares rose", "Tesla's chief
    // executive", "Nvidia's shareholders". A person has no shareholders or share moves.
    if matches!(after, "'s" | "’s") {
        let owned = at(end + 1);
        return owned.is_some_and(|w| owners_word(w, at(end + 2)))
            || matches!(owned, Some("CEO" | "CFO"))
            || owned.is_some_and(|w| COMPANY_OWNS.contains(&w))
            || analyst_after(owned, at(end + 2));
    }
    let next = at(end + 1);
    // "Nvidia CEO Jensen Huang"; not "names Sabourin CFO".
    let name_follows = next
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    // "West Indian all-rounder Phil Simmons": a nationality, not a club.
    let club =
        PLAYER_AFTER.contains(&after) && !super::demonyms::is_demonym(tokens[end - 1].as_ref());
    let head = end == start + 1 && HEAD_AFTER_ONE_WORD.contains(&after);
    if (COMPANY_AFTER.contains(&after) || club || head) && name_follows {
        return true;
    }
    owners_word(after, next)
        || is_ticker(after)
        || (after.eq_ignore_ascii_case("chief") && next == Some("economist"))
}

/// What a possessive name owns that only a company does: "Sony's subsidiary", "Vodafone's
/// subscribers" (not "headquarters" or "profits": "Arafat's headquarters", "Abramovich's
/// profits").
const COMPANY_OWNS: &[&str] = &["subsidiary", "subsidiaries", "revenues", "subscribers"];

/// "Gartner's analyst", "Gartner's principal analyst", "HSBC's chief economist": an
/// employer of analysts (one lowercase word may stand before the noun). A person has
/// advisers and spokesmen, not analysts.
fn analyst_after(owned: Option<&str>, next: Option<&str>) -> bool {
    let noun =
        |w: Option<&str>| matches!(w, Some("analyst" | "analysts" | "economist" | "economists"));
    noun(owned) || (owned.is_some_and(|w| w.chars().all(|c| c.is_lowercase())) && noun(next))
}

/// Does `word` (with `next` after it) say the name before it owns shares or a chief
/// executive, as only a company does: "shareholders", "shares rose", "chief executive"?
fn owners_word(word: &str, next: Option<&str>) -> bool {
    matches!(word, "shareholders" | "stockholders")
        || (word.eq_ignore_ascii_case("chief") && next == Some("executive"))
        || (matches!(word, "shares" | "stock") && next.is_some_and(|w| SHARE_MOVES.contains(&w)))
}

/// "Kuomintang (KMT)": the acronym in brackets right after the name, with the name's
/// first letter, was tagged an organisation, so the name it spells out is one too.
fn acronym_is_organisation<S: AsRef<str>>(
    tokens: &[S],
    tags: &[u8],
    start: usize,
    end: usize,
) -> bool {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    let (Some("("), Some(acronym), Some(")")) = (at(end), at(end + 1), at(end + 2)) else {
        return false;
    };
    let initial = |w: &str| w.chars().next().map(|c| c.to_ascii_uppercase());
    (2..=6).contains(&acronym.len())
        && acronym.bytes().all(|b| b.is_ascii_uppercase())
        && tags
            .get(end + 1)
            .is_some_and(|&t| super::perceptron::entity_type(t) == Some(ORG))
        && at(start).is_some_and(|name| initial(name) == initial(acronym))
}

/// Relabel the person and place spans of one document (`tags` per sentence, BILOU as
/// `perceptron::encode` writes them) whose name has a company cue in the document.
pub fn relabel<T: AsRef<[S]>, S: AsRef<str>, V: AsRef<[u8]> + AsMut<[u8]>>(
    sentences: &[T],
    tags: &mut [V],
) {
    // Names to relabel everywhere in the document; cued known places change only where
    // the cue is ("Cardiff fly-half Nicky Robinson" is the club, "in Cardiff" the city).
    let mut companies: HashSet<Vec<&str>> = HashSet::new();
    let mut here_only: Vec<(usize, usize, usize)> = Vec::new();
    for (s, (sentence, tags)) in sentences.iter().zip(tags.iter()).enumerate() {
        let tokens = sentence.as_ref();
        for (start, end, kind) in tag_spans(tags.as_ref()) {
            if kind > ORG || end > tokens.len() {
                continue;
            }
            let name: Vec<&str> = tokens[start..end].iter().map(|t| t.as_ref()).collect();
            // "the ruling Morena party": a party named like a person; after a known place
            // it is a gathering ("a Clemson party").
            let party = tokens.get(end).is_some_and(|t| t.as_ref() == "party")
                && !(kind == LOC && is_known_place(&name));
            if !(party
                || is_cued(tokens, start, end)
                // "the German biotech firm, Paion,"; a place keeps its reading there ("Meyer's
                // constituency party, Clwyd North West").
                || (kind == PER
                    && (employs(tokens, start, end)
                        || super::appositives::head_kind_before(tokens, start, end) == Some(ORG)))
                // An organisation reading there carries to the name's person readings.
                || (kind != LOC && led_by(tokens, start, end))
                || acronym_is_organisation(tokens, tags.as_ref(), start, end))
            {
                continue;
            }
            match kind {
                // "giant US budget deficit", "300 US shareholders": a country or region
                // used as a modifier.
                LOC if is_area(&name) => {}
                LOC if is_known_place(&name) => here_only.push((s, start, end)),
                _ => {
                    companies.insert(name);
                }
            }
        }
    }
    for (s, start, end) in here_only {
        write_span(&mut tags[s].as_mut()[start..end], ORG);
    }
    if companies.is_empty() {
        return;
    }
    for (sentence, tags) in sentences.iter().zip(tags.iter_mut()) {
        let tokens = sentence.as_ref();
        for (start, end, kind) in tag_spans(tags.as_ref()) {
            if !(kind == PER || kind == LOC) || end > tokens.len() {
                continue;
            }
            let key: Vec<&str> = tokens[start..end].iter().map(|t| t.as_ref()).collect();
            if companies.contains(&key) && !(kind == LOC && is_known_place(&key)) {
                write_span(&mut tags.as_mut()[start..end], ORG);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::perceptron::after_document_rule;

    fn relabelled(sentences: &[(&str, &str)]) -> Vec<String> {
        after_document_rule(sentences, |words, tags| relabel(words, tags))
    }

    #[test]
    fn a_company_cue_makes_the_name_an_organisation_in_the_whole_document() {
        let out = relabelled(&[
            ("the chipmaker Nvidia rose", "O O B-PER O"),
            ("Nvidia 's chips sold", "B-PER O O O"),
            ("Nvidia CEO Jensen Huang spoke", "B-ORG O B-PER I-PER O"),
            ("Nvidia 's Huang and Nvidia said", "B-LOC O B-PER O B-PER O"),
            ("Jensen Huang said", "B-PER I-PER O"),
            (
                "Bawaslu , the election supervisory agency , said",
                "B-PER O O O O O O O",
            ),
            (
                "Safaricom , the country 's biggest telecoms company .",
                "B-LOC O O O O O O O O",
            ),
            (
                "shipped to Nvidia <NVDA.O> and Nvidia said",
                "O O B-ORG O O B-LOC O",
            ),
            ("the ruling Morena party won", "O O B-PER O O"),
            ("a Clemson party on Saturday", "O B-LOC O O O"),
            (
                "Sundowns striker Peter Shalulile and England striker Harry Kane",
                "B-PER O B-PER I-PER O B-LOC O B-PER I-PER",
            ),
            (
                "Cardiff fly-half Nicky Robinson played in Cardiff",
                "B-LOC O B-PER I-PER O O B-LOC",
            ),
            (
                "Dewi , a former McKinsey consultant , met a Sabah lawmaker",
                "B-PER O O O B-PER O O O O B-LOC O",
            ),
            ("the Trump consultant Roger Stone", "O B-PER O B-PER I-PER"),
        ]);
        assert_eq!(out[0], "O O B-ORG O");
        assert_eq!(out[1], "B-ORG O O O");
        assert_eq!(out[2], "B-ORG O B-PER I-PER O");
        assert_eq!(out[3], "B-ORG O B-PER O B-ORG O");
        assert_eq!(out[4], "B-PER I-PER O");
        assert_eq!(out[5], "B-ORG O O O O O O O");
        assert_eq!(out[6], "B-ORG O O O O O O O O");
        assert_eq!(out[7], "O O B-ORG O O B-ORG O");
        assert_eq!(out[8], "O O B-ORG O O");
        assert_eq!(out[9], "O B-LOC O O O");
        // A club, but not a country's national side: that stays its place.
        assert_eq!(out[10], "B-ORG O B-PER I-PER O B-LOC O B-PER I-PER");
        // A city's club only where the cue is.
        assert_eq!(out[11], "B-ORG O B-PER I-PER O O B-LOC");
        // An employer before a job; a place stays one, and a name after the job is not
        // this cue.
        assert_eq!(out[12], "B-PER O O O B-ORG O O O O B-LOC O");
        assert_eq!(out[13], "O B-PER O B-PER I-PER");
    }

    #[test]
    fn an_organisation_acronym_in_brackets_types_the_name_before_it() {
        let out = relabelled(&[
            ("The Kuomintang ( KMT ) won", "O B-LOC O B-ORG O O"),
            ("the Kuomintang said", "O B-PER O"),
            // Another initial, a known country, or an acronym not tagged an organisation.
            (
                "Calgary ( TFS ) and Kenya ( KEN )",
                "B-LOC O B-ORG O O B-LOC O B-ORG O",
            ),
            ("Mamata ( MB ) spoke", "B-PER O B-PER O O"),
        ]);
        assert_eq!(out[0], "O B-ORG O B-ORG O O");
        assert_eq!(out[1], "O B-ORG O");
        assert_eq!(out[2], "B-LOC O B-ORG O O B-LOC O B-ORG O");
        assert_eq!(out[3], "B-PER O B-PER O O");
    }

    #[test]
    fn positions_of_rugby_cricket_and_american_sports_name_clubs() {
        let out = relabelled(&[
            ("Munster lock Paul O'Connell", "B-LOC O B-PER I-PER"),
            ("Perpignan centre Jean Dupont", "B-PER O B-PER I-PER"),
            ("Pittsburgh center Maurkice Pouncey", "B-LOC O B-PER I-PER"),
            // Not without a name after the position, not a country's side.
            ("a new centre in Leeds", "O O O O B-LOC"),
            ("Wales lock Alun Wyn Jones", "B-LOC O B-PER I-PER I-PER"),
            (
                "West Indian all-rounder Phil Simmons",
                "B-LOC I-LOC O B-PER I-PER",
            ),
            ("Pompey chairman Milan Mandaric", "B-PER O B-PER I-PER"),
            ("Gartner analyst Carolina Milanesi", "B-PER O B-PER I-PER"),
            ("bookmakers Ladbrokes said", "O B-PER O"),
            (
                "Martin Ellis , Halifax chief economist",
                "B-PER I-PER O B-LOC O O",
            ),
            ("Johnny Cash manager Holiff dies", "B-PER I-PER O B-PER O"),
        ]);
        assert_eq!(out[0], "B-ORG O B-PER I-PER");
        assert_eq!(out[1], "B-ORG O B-PER I-PER");
        assert_eq!(out[2], "B-ORG O B-PER I-PER");
        assert_eq!(out[3], "O O O O B-LOC");
        assert_eq!(out[4], "B-LOC O B-PER I-PER I-PER");
        assert_eq!(out[5], "B-LOC I-LOC O B-PER I-PER");
        assert_eq!(out[6], "B-ORG O B-PER I-PER");
        assert_eq!(out[7], "B-ORG O B-PER I-PER");
        assert_eq!(out[8], "O B-ORG O");
        assert_eq!(out[9], "B-PER I-PER O B-ORG O O");
        assert_eq!(out[10], "B-PER I-PER O B-PER O");
    }

    #[test]
    fn a_possessive_before_a_company_cue_counts() {
        let out = relabelled(&[
            ("Sinovac 's shares rose", "B-PER O O O"),
            ("Indonesia approved Sinovac 's vaccine", "B-LOC O B-PER O O"),
            (
                "Tesla 's chief executive Elon Musk",
                "B-PER O O O B-PER I-PER",
            ),
            // A country's shares are its market's; a person's shares are not a move.
            ("China 's shares rose", "B-LOC O O O"),
            ("Musk 's shares in Tesla", "B-PER O O O B-ORG"),
            (
                "said Gartner 's principal analyst Kobita Desai",
                "O B-PER O O O B-PER I-PER",
            ),
            (
                "Vodafone 's subscribers and Arafat 's headquarters",
                "B-PER O O O B-PER O O",
            ),
            (
                "Blair 's spokesman and his chief adviser",
                "B-PER O O O O O O",
            ),
            (
                "a report from analysts Jupiter , and analysts Tom Ross and Ann Lee",
                "O O O O B-PER O O O B-PER I-PER O B-PER I-PER",
            ),
        ]);
        assert_eq!(out[0], "B-ORG O O O");
        assert_eq!(out[1], "B-LOC O B-ORG O O");
        assert_eq!(out[2], "B-ORG O O O B-PER I-PER");
        assert_eq!(out[3], "B-LOC O O O");
        assert_eq!(out[4], "B-PER O O O B-ORG");
        assert_eq!(out[5], "O B-ORG O O O B-PER I-PER");
        assert_eq!(out[6], "B-ORG O O O B-PER O O");
        assert_eq!(out[7], "B-PER O O O O O O");
        assert_eq!(out[8], "O O O O B-ORG O O O B-PER I-PER O B-PER I-PER");
    }

    #[test]
    fn a_party_before_its_leader_is_an_organisation_but_a_place_is_not() {
        let out = relabelled(&[
            ("The Veritas leader said", "O B-ORG O O"),
            ("He said Veritas wanted an amnesty", "O O B-PER O O O"),
            ("Hamas leader Ismail Haniyeh", "B-PER O B-PER I-PER"),
            ("Gaza leader Ismail Haniyeh", "B-LOC O B-PER I-PER"),
        ]);
        // The organisation reading at the cue carries to the person reading elsewhere.
        assert_eq!(out[1], "O O B-ORG O O O");
        assert_eq!(out[2], "B-ORG O B-PER I-PER");
        assert_eq!(out[3], "B-LOC O B-PER I-PER");
    }

    #[test]
    fn cues_that_also_come_before_people_do_not_count() {
        let out = relabelled(&[
            ("research firm Gartner said", "O O B-PER O"),
            ("the firm Smith founded", "O O B-PER O"),
            (
                "Tesla shares fell and Musk shares a post",
                "B-PER O O O B-PER O O O",
            ),
            ("Apple chief executive Tim Cook", "B-PER O O B-PER I-PER"),
            ("veteran broadcaster David Attenborough", "O O B-PER I-PER"),
            ("the aircraft carrier Carl Vinson", "O O O B-PER I-PER"),
            ("Vicorp names Sabourin CFO .", "B-ORG O B-PER O O"),
            (
                "Trouble Maker Jungbudae Festival",
                "B-ORG I-ORG B-LOC I-LOC",
            ),
            (
                "the giant US deficit and 300 UK shareholders",
                "O O B-LOC O O O B-LOC O",
            ),
            (
                "Smith , the company 's chief executive , said",
                "B-PER O O O O O O O O",
            ),
            (
                "Kim , the leader of the party , said",
                "B-PER O O O O O O O O",
            ),
        ]);
        assert_eq!(out[0], "O O B-ORG O");
        assert_eq!(out[1], "O O B-PER O");
        assert_eq!(out[2], "B-ORG O O O B-PER O O O");
        assert_eq!(out[3], "B-ORG O O B-PER I-PER");
        assert_eq!(out[4], "O O B-PER I-PER");
        assert_eq!(out[5], "O O O B-PER I-PER");
        assert_eq!(out[6], "B-ORG O B-PER O O");
        assert_eq!(out[7], "B-ORG I-ORG B-LOC I-LOC");
        assert_eq!(out[8], "O O B-LOC O O O B-LOC O");
        assert_eq!(out[9], "B-PER O O O O O O O O");
        assert_eq!(out[10], "B-PER O O O O O O O O");
    }
}
