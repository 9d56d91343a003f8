//! Places that a sports story names as its teams: "England beat Wales", "France's fly-half",
//! "Ireland coach Eddie O'Sullivan", "30 caps for Scotland", "Leicester were". The tagger
//! types them as places, as CoNLL-2003 does (and `newsdex tag` keeps that), but in an
//! article's entity lists the team is an organisation: `--place Wales` should not list
//! every rugby report as a story set in Wales, and the country still links the article
//! through the organisation's name (`demonyms::countries_in_names`). The team reading is
//! not a cue for the archive-wide type vote (`index::canonical::retyped`): a cued type wins
//! there even as a minority, and would make "France" an organisation in every article.
//!
//! Owns the sports-story gate and the team and place cues around a place name, per
//! document: a place name is a team when the document is a sports story (`sports_story`:
//! two different words of sport, or more of those common elsewhere) and its mentions carry more team cues than place cues ("in France", "at
//! Twickenham", "to South Africa"). A town the tagger read as a one-word person is
//! weighed the same way ("fly-half for Llanelli"), unless the document names a person
//! with that word in full, and without the cues a team sheet's substitutions share
//! ("Strudwick for Kennedy", "Taylor (Martin 89)"). It decides only the entity kind of
//! whole place and such person mentions; it must not change tags, and must not look
//! beyond the document.
//!
//! Also owns clubs' and national sides' nicknames ("Gunners", "Magpies", "Wallabies"):
//! in an article's lists a nickname is the club the article names (`join_nicknames`).

use std::collections::HashSet;

use super::perceptron::list_gap;
use super::word_list::WordList;
use crate::article::{Entity, EntityKind};

/// Words of sport that are rare elsewhere: each different one scores 2 towards the
/// sports-story gate (`SPORTS_STORY`).
static SPORTS_WORDS: WordList = WordList::new(&[
    "rugby",
    "football",
    "soccer",
    "cricket",
    "hockey",
    "basketball",
    "tournament",
    "fixture",
    "fixtures",
    "striker",
    "strikers",
    "midfielder",
    "midfielders",
    "goalkeeper",
    "fly-half",
    "scrum-half",
    "winger",
    "flanker",
    "referee",
    "wicket",
    "wickets",
    "innings",
    "kick-off",
    "half-time",
    "semi-final",
    "quarter-final",
    "Premiership",
]);

/// Words of sport also common elsewhere ("a coach carrying pupils", "price caps", "the
/// manager said"): each different one scores 1.
static SPORTISH_WORDS: WordList = WordList::new(&[
    "coach",
    "match",
    "matches",
    "squad",
    "league",
    "friendly",
    "goals",
    "captain",
    "Cup",
    "qualifier",
    "qualifiers",
    "caps",
    "penalty",
    "penalties",
    "tries",
    "season",
    "manager",
    "players",
    "game",
    "games",
    "team",
]);

/// The score that makes a document a sports story: two words of sport, or one and two
/// sport-ish words, or four of those.
const SPORTS_STORY: usize = 4;

/// Words right after a team's name that a player's name takes too: its verbs and results
/// ("England beat", "Wales were", "Davenport won"). With `TEAM_STAFF`, the words after a
/// team's name or its possessive (`team_after`).
static TEAM_VERBS: WordList = WordList::new(&[
    "beat",
    "beats",
    "won",
    "win",
    "wins",
    "lost",
    "lose",
    "loses",
    "drew",
    "draw",
    "draws",
    "play",
    "plays",
    "played",
    "face",
    "faces",
    "faced",
    "host",
    "hosts",
    "hosted",
    "trail",
    "trailed",
    "led",
    "lead",
    "leads",
    "scored",
    "edged",
    "thrashed",
    "crushed",
    "defeated",
    "clinched",
    "were",
    "are",
    "victory",
    "defeat",
    "v",
    "vs",
    "A",
    "international",
    "internationals",
]);

/// What a team has, after its name or possessive, and a player has not: its staff,
/// positions and parts ("Ireland coach", "France's fly-half", "the Dumbarton full-back").
static TEAM_STAFF: WordList = WordList::new(&[
    "coach",
    "captain",
    "skipper",
    "squad",
    "side",
    "team",
    "fly-half",
    "scrum-half",
    "winger",
    "wing",
    "centre",
    "prop",
    "lock",
    "flanker",
    "hooker",
    "tight-head",
    "loose-head",
    "full-back",
    "back-row",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "keeper",
    "manager",
    "boss",
    "defence",
    "pack",
    "backs",
    "forwards",
    "scrum",
    "line-out",
    "lineout",
    "bench",
    "XV",
]);

/// Is `word` a team's right after its name or possessive (`TEAM_VERBS`, `TEAM_STAFF`)?
fn team_after(word: &str) -> bool {
    TEAM_VERBS.contains(word) || TEAM_STAFF.contains(word)
}

/// What a team has that a country's people also have: a cue only after the possessive
/// ("England's players", not "UK players").
static TEAM_OWNS: WordList = WordList::new(&["players", "player", "fans", "supporters"]);

/// Words right before a team's name, or before a list of them: "against Wales", "beat
/// France", "caps for Scotland", "rivals Australia, New Zealand and South Africa" ("over"
/// only after a win: "victory over Italy", not "taken over Hanover").
static TEAM_BEFORE: WordList = WordList::new(&[
    "against",
    "v",
    "vs",
    "beat",
    "beating",
    "for",
    "face",
    "facing",
    "play",
    "playing",
    "hosts",
    "rivals",
    "teams",
    "sides",
    "opponents",
    "champions",
    "holders",
]);

/// Words right before a place as a place: "in France", "at Twickenham", "to South Africa".
static PLACE_BEFORE: WordList = WordList::new(&[
    "in",
    "at",
    "to",
    "from",
    "across",
    "near",
    "around",
    "outside",
    "inside",
    "throughout",
    "visit",
    "visited",
    "visiting",
]);

/// Is the document a sports story: do its different `SPORTS_WORDS` (2 each) and
/// `SPORTISH_WORDS` (1 each) score `SPORTS_STORY` or more?
fn sports_story<T: AsRef<[S]>, S: AsRef<str>>(sentences: &[T]) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    let mut score = 0;
    for sentence in sentences {
        for word in sentence.as_ref() {
            let word = word.as_ref();
            let points = if SPORTS_WORDS.contains(word) {
                2
            } else if SPORTISH_WORDS.contains(word) {
                1
            } else {
                continue;
            };
            if !seen.contains(&word) {
                seen.push(word);
                score += points;
                if score >= SPORTS_STORY {
                    return true;
                }
            }
        }
    }
    false
}

/// +1 for a team cue around the place name `tokens[start..end]`, -1 for a place cue, 0 for
/// neither.
///
/// A one-word person reading (`person`) takes only the cues a club has and a player has
/// not: "for" after a position or a verb of playing ("fly-half for Llanelli", "impressed
/// for Castres"; not a team sheet's "Strudwick for Kennedy" or "would accept for
/// Adriano"), a position or staff after it ("Dumbarton full-back"), or its players or
/// fans; no verbs, scores or "against" ("Sharapova beat Davenport").
fn cue<S: AsRef<str>>(tokens: &[S], start: usize, end: usize, person: bool) -> i32 {
    let at = |i: usize| tokens.get(i).map(|t| t.as_ref());
    let before = start.checked_sub(1).and_then(at);
    let verb = start.checked_sub(2).and_then(at);
    if person {
        let possessive = matches!(at(end), Some("'s" | "’s"));
        let after = at(end + usize::from(possessive));
        // "fly-half for Llanelli", "impressed for Castres"; not "would accept for Adriano".
        let club_for = before == Some("for")
            && verb.is_some_and(|w| {
                TEAM_STAFF.contains(w)
                    || matches!(
                        w,
                        "played"
                            | "plays"
                            | "playing"
                            | "signed"
                            | "appearances"
                            | "caps"
                            | "goals"
                            | "tries"
                            | "scored"
                            | "starred"
                            | "impressed"
                            | "debut"
                    )
            });
        let staff = after.is_some_and(|w| TEAM_STAFF.contains(w));
        let owned = possessive && after.is_some_and(|w| TEAM_OWNS.contains(w));
        return i32::from(club_for || staff || owned);
    }
    // "lost to Wales" is a team's; "left for Australia" a place's.
    let lost_to = before == Some("to")
        && verb.is_some_and(|w| matches!(w, "lost" | "lose" | "loses" | "losing" | "beaten"));
    let went_for = before == Some("for")
        && verb.is_some_and(|w| {
            matches!(
                w,
                "left" | "leave" | "leaves" | "leaving" | "flew" | "bound" | "headed" | "heads"
            )
        });
    let won_over = before == Some("over")
        && verb
            .is_some_and(|w| matches!(w, "victory" | "win" | "wins" | "won" | "triumph" | "lead"));
    if lost_to || won_over {
        return 1;
    }
    let mut next = end;
    let possessive = matches!(at(next), Some("'s" | "’s" | "'" | "’"));
    if possessive {
        next += 1;
    }
    // Before a possessive the preposition is the owned noun's: "in England's opener".
    if went_for || (!possessive && before.is_some_and(|w| PLACE_BEFORE.contains(w))) {
        return -1;
    }
    let after = at(next);
    // "England, Ireland, France and Wales are all contenders": the verb is the list's.
    let listed = before.is_some_and(|w| matches!(w, "and" | "," | "or"));
    if listed && after.is_some_and(|w| matches!(w, "are" | "were")) {
        return 0;
    }
    if possessive && after.is_some_and(|w| TEAM_OWNS.contains(w)) {
        return 1;
    }
    // A score: "England 24-13 Wales", "Wales 11 England 9".
    let score = after.is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit())) && next == end;
    if before.is_some_and(|w| TEAM_BEFORE.contains(w)) || after.is_some_and(team_after) || score {
        1
    } else {
        0
    }
}

/// The place names (their words joined by spaces) that the document names as teams:
/// `sentences` are the document's tokens, `spans` each sentence's tagged spans as
/// (start, end, type name).
pub fn team_names<T: AsRef<[S]>, S: AsRef<str>>(
    sentences: &[T],
    spans: &[Vec<(usize, usize, &str)>],
) -> Teams {
    let mut teams = Teams::default();
    let any_place = spans
        .iter()
        .any(|s| s.iter().any(|&(_, _, tag)| tag == "LOC"));
    if !any_place || !sports_story(sentences) {
        return teams;
    }
    // The words of persons named in two capitalised words or more: "Jackson" is no club
    // where the document names Colin Jackson (the Prince of Wales leaves Wales a team).
    // A list, not a set: a few dozen words, looked up only for one-word persons.
    let person_words: Vec<&str> = sentences
        .iter()
        .zip(spans)
        .flat_map(|(sentence, spans)| {
            let tokens = sentence.as_ref();
            spans
                .iter()
                .filter(move |&&(start, end, tag)| {
                    tag == "PER"
                        && end - start > 1
                        && end <= tokens.len()
                        && tokens[start..end]
                            .iter()
                            .all(|t| t.as_ref().starts_with(char::is_uppercase))
                })
                .flat_map(move |&(start, end, _)| tokens[start..end].iter().map(|t| t.as_ref()))
        })
        .collect();
    let mut votes: Vec<(String, i32)> = Vec::new();
    for (sentence, spans) in sentences.iter().zip(spans) {
        let tokens = sentence.as_ref();
        // The end of the last place and its vote, for a list: "teams France, Ireland and
        // Italy" gives each the first one's team cue.
        let mut list: Option<(usize, i32)> = None;
        for &(start, end, tag) in spans {
            if end > tokens.len()
                || !(tag == "LOC" || club_read_as_person(tokens, start, end, tag, &person_words))
            {
                list = None;
                continue;
            }
            let name = tokens[start..end]
                .iter()
                .map(|t| t.as_ref())
                .collect::<Vec<_>>()
                .join(" ");
            // Not after "or": a choice of teams is no list of them.
            let listed_after_a_team = list.is_some_and(|(previous_end, vote)| {
                let gap = &tokens[previous_end..start];
                vote == 1
                    && list_gap(gap).is_some()
                    && gap.last().is_some_and(|w| w.as_ref() != "or")
            });
            let vote = if listed_after_a_team {
                1
            } else {
                cue(tokens, start, end, tag == "PER")
            };
            list = Some((end, vote));
            match votes.iter_mut().find(|(n, _)| *n == name) {
                Some((_, total)) => *total += vote,
                None => votes.push((name, vote)),
            }
        }
    }
    teams.names.extend(
        votes
            .into_iter()
            .filter(|&(_, total)| total > 0)
            .map(|(name, _)| name),
    );
    if !teams.names.is_empty() {
        teams.person_words = person_words.into_iter().map(str::to_string).collect();
    }
    teams
}

/// The names a document gives its teams (`team_names`), and the words of the persons it
/// names in full: a one-word person reading of a team's name that is one of them stays a
/// person ("Carlisle beat Boston" and the player Clarke Carlisle).
#[derive(Debug, Default)]
pub struct Teams {
    names: HashSet<String>,
    person_words: Vec<String>,
}

/// Could the span `tokens[start..end]` tagged `tag` be a club the tagger read as a person:
/// one word that names a town of 15,000 people or more ("Llanelli", "Biarritz"), and no
/// word of a person the document names in full (`person_words`)?
fn club_read_as_person<S: AsRef<str>>(
    tokens: &[S],
    start: usize,
    end: usize,
    tag: &str,
    person_words: &[&str],
) -> bool {
    tag == "PER"
        && end == start + 1
        && !person_words.contains(&tokens[start].as_ref())
        && super::places::Gazetteer::embedded()
            .names_a_sizeable_place(tokens[start].as_ref(), 15_000)
}

/// Is the span of `words` tagged `tag` one of the document's `teams` (`team_names`)? A
/// place, or a one-word person reading of a team's name that no person of the document has.
pub fn is_team(tag: &str, words: &[&str], teams: &Teams) -> bool {
    let person =
        tag == "PER" && words.len() == 1 && !teams.person_words.iter().any(|w| w == words[0]);
    (tag == "LOC" || person) && !teams.names.is_empty() && teams.names.contains(&words.join(" "))
}

/// Nicknames that name a club or a national side, and the names of the sides each may
/// be (several: "Reds" is Liverpool's and Manchester United's). Not nicknames that are the
/// side's own name ("Saracens", "Spurs" aside, "Lions", "Wolves").
const NICKNAMES: &[(&str, &[&str])] = &[
    ("Gunners", &["Arsenal"]),
    (
        "Reds",
        &[
            "Liverpool",
            "Manchester United",
            "Man Utd",
            "Nottingham Forest",
        ],
    ),
    ("Red Devils", &["Manchester United", "Man Utd"]),
    (
        "Magpies",
        &["Newcastle", "Newcastle United", "Notts County"],
    ),
    ("Toffees", &["Everton"]),
    (
        "Blues",
        &[
            "Chelsea",
            "Everton",
            "Birmingham",
            "Birmingham City",
            "Manchester City",
            "Man City",
            "Cardiff Blues",
        ],
    ),
    ("Spurs", &["Tottenham", "Tottenham Hotspur"]),
    ("Hammers", &["West Ham", "West Ham United"]),
    (
        "Saints",
        &[
            "Southampton",
            "Northampton",
            "Northampton Saints",
            "St Johnstone",
            "St Mirren",
        ],
    ),
    ("Villans", &["Aston Villa"]),
    ("Baggies", &["West Brom", "West Bromwich Albion"]),
    ("Foxes", &["Leicester", "Leicester City"]),
    ("Canaries", &["Norwich", "Norwich City"]),
    ("Owls", &["Sheffield Wednesday"]),
    ("Blades", &["Sheffield United"]),
    ("Eagles", &["Crystal Palace"]),
    ("Clarets", &["Burnley"]),
    ("Hoops", &["Celtic", "QPR", "Queens Park Rangers"]),
    ("Gers", &["Rangers"]),
    ("Bhoys", &["Celtic"]),
    ("Addicks", &["Charlton", "Charlton Athletic"]),
    ("Trotters", &["Bolton", "Bolton Wanderers"]),
    ("Black Cats", &["Sunderland"]),
    ("Cottagers", &["Fulham"]),
    ("Rams", &["Derby", "Derby County"]),
    ("Boro", &["Middlesbrough"]),
    ("Pompey", &["Portsmouth"]),
    ("Royals", &["Reading"]),
    ("Tigers", &["Hull City", "Leicester", "Leicester Tigers"]),
    ("Citizens", &["Manchester City", "Man City"]),
    ("Bluebirds", &["Cardiff", "Cardiff City"]),
    ("Dons", &["Wimbledon", "MK Dons", "Aberdeen"]),
    ("Wallabies", &["Australia"]),
    ("All Blacks", &["New Zealand"]),
    ("Springboks", &["South Africa"]),
    ("Boks", &["South Africa"]),
    ("Pumas", &["Argentina"]),
    ("Les Bleus", &["France"]),
    ("Azzurri", &["Italy"]),
];

/// A side's nickname among an article's entities ("Reds sink 10-man Magpies") is the
/// side the article names as an organisation, when it names exactly one of the sides the
/// nickname may be, and no other of them: the nickname's mentions join it, and the
/// nickname becomes one of its short forms (salience finds it in a headline by them). In a
/// sports story (`texts`), a town listed only as a place ("The Tigers stormed ahead"
/// beside "Leicester") is that side, an organisation, and the nickname joins it; not a
/// country ("All Blacks" beside "New Zealand": the tour is often in the country too). A
/// nickname read as a person, with no such side, is an organisation in a sports story
/// ("Pompey" of Portsmouth; not the Roman general). Other nicknames and names stay.
pub fn join_nicknames(resolved: &mut Vec<(EntityKind, Entity)>, texts: &[&str]) {
    let mut sports = None;
    let mut i = 0;
    while i < resolved.len() {
        let Some((nickname, sides)) = NICKNAMES
            .iter()
            .find(|(nickname, _)| nickname.eq_ignore_ascii_case(&resolved[i].1.name))
        else {
            i += 1;
            continue;
        };
        // The sides it may be that the article names, of any kind: with two ("Leicester
        // 2-1 Hull City ... the Tigers"), which one it is stays open.
        let named: Vec<usize> = (0..resolved.len())
            .filter(|&j| {
                j != i
                    && resolved[j].0 != EntityKind::Person
                    && sides
                        .iter()
                        .any(|side| side.eq_ignore_ascii_case(&resolved[j].1.name))
            })
            .collect();
        // A town is the same side as the club named after it ("Birmingham" of
        // "Birmingham City").
        let named: Vec<usize> = named
            .iter()
            .copied()
            .filter(|&j| {
                resolved[j].0 == EntityKind::Org
                    || !named.iter().any(|&k| {
                        resolved[k].0 == EntityKind::Org
                            && resolved[k]
                                .1
                                .name
                                .strip_prefix(resolved[j].1.name.as_str())
                                .is_some_and(|rest| rest.starts_with(' '))
                    })
            })
            .collect();
        let side = match named[..] {
            [side] if resolved[side].0 == EntityKind::Org => Some(side),
            [town]
                if !super::places::Gazetteer::embedded()
                    .names_a_country(&resolved[town].1.name)
                    && *sports.get_or_insert_with(|| sports_text(texts)) =>
            {
                resolved[town].0 = EntityKind::Org;
                Some(town)
            }
            _ => None,
        };
        if let Some(side) = side {
            let (_, joined) = resolved.remove(i);
            let side = if side > i { side - 1 } else { side };
            let entity = &mut resolved[side].1;
            entity.count += joined.count;
            // Salience finds the side by the nickname in a headline ("Reds sink Magpies").
            if !entity.short_forms.iter().any(|f| f == nickname) {
                entity.short_forms.push(nickname.to_string());
            }
            continue;
        }
        if resolved[i].0 == EntityKind::Person && *sports.get_or_insert_with(|| sports_text(texts))
        {
            resolved[i].0 = EntityKind::Org;
        }
        i += 1;
    }
}

/// `sports_story` over texts split at whitespace.
pub(crate) fn sports_text(texts: &[&str]) -> bool {
    let words: Vec<&str> = texts
        .iter()
        .flat_map(|text| text.split_whitespace())
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    sports_story(&[words])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences of space-separated tokens, and their spans from IOB2 tags.
    fn teams_of(doc: &[(&str, &str)]) -> Vec<String> {
        let sentences: Vec<Vec<&str>> = doc.iter().map(|(s, _)| s.split(' ').collect()).collect();
        let tags: Vec<Vec<String>> = doc
            .iter()
            .map(|(_, t)| t.split(' ').map(String::from).collect())
            .collect();
        let spans: Vec<Vec<(usize, usize, &str)>> = tags
            .iter()
            .map(|t| {
                super::super::conll::spans(t)
                    .into_iter()
                    .map(|(a, b, tag)| {
                        let tag: &str = match tag.as_str() {
                            "LOC" => "LOC",
                            "PER" => "PER",
                            "ORG" => "ORG",
                            _ => "MISC",
                        };
                        (a, b, tag)
                    })
                    .collect()
            })
            .collect();
        let mut names: Vec<String> = team_names(&sentences, &spans).names.into_iter().collect();
        names.sort();
        names
    }

    #[test]
    fn a_nickname_joins_the_one_side_the_article_names() {
        use super::join_nicknames;
        use crate::article::{Entity, EntityKind::*};
        let sport = "The Tigers won the rugby match: the league leaders scored two tries.";
        let in_text = |text: &str, list: &[(crate::article::EntityKind, &str, u32)]| {
            let mut resolved: Vec<_> = list
                .iter()
                .map(|&(kind, name, count)| (kind, Entity::new(name, count)))
                .collect();
            join_nicknames(&mut resolved, &[text]);
            resolved
                .into_iter()
                .map(|(kind, e)| (kind, e.name, e.count))
                .collect::<Vec<_>>()
        };
        let joined = |list: &[(crate::article::EntityKind, &str, u32)]| in_text("", list);
        assert_eq!(
            joined(&[
                (Org, "Reds", 2),
                (Org, "Liverpool", 3),
                (Person, "Magpies", 1),
                (Org, "Newcastle", 2)
            ]),
            [
                (Org, "Liverpool".to_string(), 5),
                (Org, "Newcastle".to_string(), 3)
            ]
        );
        // Two sides it may be, or none named as an organisation: the nickname stays, an
        // organisation.
        assert_eq!(
            joined(&[(Org, "Reds", 1), (Org, "Liverpool", 1), (Org, "Man Utd", 1)]),
            [
                (Org, "Reds".to_string(), 1),
                (Org, "Liverpool".to_string(), 1),
                (Org, "Man Utd".to_string(), 1)
            ]
        );
        // A nickname read as a person is an organisation in a sports story only ("Caesar
        // defeated Pompey").
        let persons = [(Person, "Pompey", 1), (Place, "Portsmouth", 1)];
        assert_eq!(
            joined(&persons),
            [
                (Person, "Pompey".to_string(), 1),
                (Place, "Portsmouth".to_string(), 1)
            ]
        );
        // Two sides it may be, of any kind, leave it open: Hull City's Tigers beside
        // Leicester.
        assert_eq!(
            in_text(
                sport,
                &[
                    (Org, "Tigers", 1),
                    (Org, "Leicester", 1),
                    (Place, "Hull City", 1)
                ]
            ),
            [
                (Org, "Tigers".to_string(), 1),
                (Org, "Leicester".to_string(), 1),
                (Place, "Hull City".to_string(), 1)
            ]
        );
        // A town and the club named after it are one side.
        assert_eq!(
            joined(&[
                (Org, "Blues", 1),
                (Place, "Birmingham", 1),
                (Org, "Birmingham City", 1)
            ]),
            [
                (Place, "Birmingham".to_string(), 1),
                (Org, "Birmingham City".to_string(), 2)
            ]
        );
        // The side keeps the nickname as a short form, for salience.
        let mut resolved = vec![
            (Org, Entity::new("Liverpool", 2)),
            (Org, Entity::new("Reds", 1)),
        ];
        join_nicknames(&mut resolved, &[""]);
        assert_eq!(resolved[0].1.short_forms, ["Reds"]);
        // In a sports story a town listed as a place is the side; a country stays a place.
        assert_eq!(
            in_text(sport, &persons[..1]),
            [(Org, "Pompey".to_string(), 1)]
        );
        assert_eq!(
            in_text(sport, &persons),
            [(Org, "Portsmouth".to_string(), 2)]
        );
        assert_eq!(
            in_text(sport, &[(Org, "Tigers", 2), (Place, "Leicester", 1)]),
            [(Org, "Leicester".to_string(), 3)]
        );
        assert_eq!(
            in_text(sport, &[(Org, "All Blacks", 2), (Place, "New Zealand", 1)]),
            [
                (Org, "All Blacks".to_string(), 2),
                (Place, "New Zealand".to_string(), 1)
            ]
        );
    }

    #[test]
    fn places_named_as_teams_in_a_sports_story_are_teams() {
        let doc = [
            ("England beat Wales in Cardiff", "B-LOC O B-LOC O B-LOC"),
            (
                "Wales coach Mike Ruddock named his squad for the match",
                "B-LOC O B-PER I-PER O O O O O O",
            ),
            (
                "The rugby fixture drew fans to Cardiff",
                "O O O O O O B-LOC",
            ),
            (
                "South Africa 's fly-half scored against Italy",
                "B-LOC I-LOC O O O O B-LOC",
            ),
            (
                "rivals Australia , New Zealand and Samoa",
                "O B-LOC O B-LOC I-LOC O B-LOC",
            ),
            ("UK players joined", "B-LOC O O"),
            (
                "the Fiji tight-head , in Fiji 's opener",
                "O B-LOC O O O B-LOC O O",
            ),
        ];
        // Cardiff is where they played: a place; "UK players" are British players; "in
        // Fiji's opener" is no place cue.
        assert_eq!(
            teams_of(&doc),
            [
                "Australia",
                "England",
                "Fiji",
                "Italy",
                "New Zealand",
                "Samoa",
                "South Africa",
                "Wales"
            ]
        );
    }

    #[test]
    fn a_town_read_as_a_person_is_a_club_by_its_cues_but_not_a_substitute() {
        let doc = [
            (
                "The rugby fly-half played for Llanelli in Cardiff",
                "O O O O O B-PER O B-LOC",
            ),
            ("the Biarritz full-back scored", "O B-PER O O"),
            ("Strudwick for Parker ( 60 )", "B-PER O B-PER O O O"),
            ("Inter would accept for Preston", "B-ORG O O O B-PER"),
            ("Taylor ( Martin 89 )", "B-PER O B-PER O O"),
            (
                "Sharapova beat Davenport against Jackson",
                "B-PER O B-PER O B-PER",
            ),
            (
                "Colin Jackson was a full-back for Jackson",
                "B-PER I-PER O O O O B-PER",
            ),
        ];
        // Parker and Martin are towns too, but substitutes here; Davenport and Jackson are
        // players beaten or faced (no cue a person takes), and Jackson a person the
        // document names in full.
        assert_eq!(teams_of(&doc), ["Biarritz", "Llanelli"]);
        let teams = Teams {
            names: ["Llanelli".to_string(), "Carlisle".to_string()].into(),
            person_words: vec!["Clarke".to_string(), "Carlisle".to_string()],
        };
        assert!(is_team("PER", &["Llanelli"], &teams));
        assert!(is_team("LOC", &["Carlisle"], &teams));
        assert!(!is_team("PER", &["Carlisle"], &teams));
    }

    #[test]
    fn no_teams_outside_sports_stories_or_where_place_cues_win() {
        let politics = [(
            "France beat Germany to the deal , officials in France said",
            "B-LOC O B-LOC O O O O O O B-LOC O",
        )];
        assert!(teams_of(&politics).is_empty());
        let tour = [
            (
                "The rugby squad flew to France for the match",
                "O O O O O B-LOC O O O",
            ),
            (
                "The coach and the referee stayed in France",
                "O O O O O O O B-LOC",
            ),
            ("France were waiting", "B-LOC O O"),
            ("Spain and Italy are contenders", "B-LOC O B-LOC O O"),
        ];
        assert!(teams_of(&tour).is_empty());
        // Words common outside sport do not make a sports story.
        let coach = [(
            "A coach and a police squad left for Britain , as price caps hit Russia 's defence",
            "O O O O O O O O B-LOC O O O O O B-LOC O O",
        )];
        assert!(teams_of(&coach).is_empty());
        let cup = [
            (
                "Ireland lost to Wales , and the referee left for Australia",
                "B-LOC O O B-LOC O O O O O O B-LOC",
            ),
            ("a rugby fixture", "O O O"),
        ];
        assert_eq!(teams_of(&cup), ["Ireland", "Wales"]);
    }
}
