//! One name per entity across an archive: place rollup, aliases, ambiguity and facet
//! counts, on a small hand-made corpus indexed by the real binary.

use std::fs;
use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

const ARTICLES: &[(&str, &str)] = &[
    (
        "a1.txt",
        "Putin hosts summit in Vladivostok\n\nRussian President Vladimir Putin opened an economic forum in Vladivostok on Tuesday, officials said.\n\nVladimir Putin told delegates that Russia would expand trade with Asia.\n",
    ),
    (
        "a2.txt",
        "Kremlin defends budget\n\nSpeaking in Moscow, Putin said the budget would protect pensions. Putin added that the economy was growing.\n",
    ),
    (
        "a3.txt",
        "Former secretary of state arrives in Tokyo\n\nFormer US Secretary of State James Baker arrived in Tokyo on Monday for talks with Japanese officials. James Baker said the talks were useful.\n",
    ),
    (
        "a4.txt",
        "Tory veteran publishes memoir\n\nFormer Conservative minister Kenneth Baker has published a memoir in London. Kenneth Baker said he wrote it over ten years.\n",
    ),
    (
        "a5.txt",
        "Georgia votes in tense election\n\nVoters in Georgia went to the polls on Saturday. Long queues formed in Tbilisi, the capital, as the opposition accused the government of fraud.\n",
    ),
    (
        "a6.txt",
        "Storm hits Atlanta\n\nA powerful storm knocked out power across Atlanta on Friday. Officials in Georgia said schools would stay closed, and Alabama also reported damage.\n",
    ),
    (
        "a7.json",
        r#"{"id": "tokyo-1", "title": "Markets steady", "dateline": "TOKYO", "body": "Shares closed little changed in Tokyo on Wednesday as traders waited for central bank decisions."}"#,
    ),
    (
        "a8.txt",
        "United Nations calls for ceasefire\n\nThe United Nations called for an immediate ceasefire on Monday. UN officials said aid convoys were waiting at the border.\n",
    ),
    (
        "a9.txt",
        "Aid agencies warn of shortages\n\nUN agencies warned on Thursday that food supplies were running low in the region, and the UN appealed for funds.\n",
    ),
    (
        "a10.txt",
        "Bell Canada to cut jobs\n\nTORONTO, March 3 (Reuters) - Bell Canada Enterprises said on Tuesday it would cut 2,000 jobs at its plant in Wallaceburg, Ontario.\n",
    ),
    (
        "a11.txt",
        "Currency markets\n\nTraders sold the Swiss franc and bought the Canadian dollar on Tuesday, dealers said. The zloty rose as zlotys were in demand; the forint held.\n",
    ),
    (
        "a12.json",
        r#"{"id": "seoul-1", "title": "Missile test", "dateline": "Seoul, South Korea", "body": "A missile was fired into the sea on Monday, officials said."}"#,
    ),
];

struct Archive {
    _corpus: TempDir,
    index: TempDir,
}

fn archive() -> Archive {
    archive_of(ARTICLES)
}

fn archive_of(articles: &[(impl AsRef<str>, impl AsRef<str>)]) -> Archive {
    let corpus = TempDir::new().unwrap();
    for (name, text) in articles {
        fs::write(corpus.path().join(name.as_ref()), text.as_ref()).unwrap();
    }
    let index = TempDir::new().unwrap();
    newsdex(index.path())
        .arg("index")
        .arg(corpus.path())
        .assert()
        .success();
    Archive {
        _corpus: corpus,
        index,
    }
}

mod common;
use common::{json_of, named, names, newsdex};

fn json(index: &Path, args: &[&str]) -> Value {
    json_of(
        &newsdex(index)
            .args(args)
            .arg("--json")
            .output()
            .unwrap()
            .stdout,
    )
}

/// `show --json` of one of the archive's files.
fn show(archive: &Archive, name: &str) -> Value {
    let path = archive._corpus.path().join(name);
    json(archive.index.path(), &["show", &path.to_string_lossy()])
}

/// File names of the articles a search returns.
fn files(index: &Path, args: &[&str]) -> Vec<String> {
    let mut args = args.to_vec();
    args.insert(0, "search");
    args.extend(["--limit", "100"]);
    let mut out: Vec<String> = json(index, &args)["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            Path::new(h["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    out.sort();
    out
}

#[test]
fn places_roll_up_to_their_country() {
    let a = archive();
    let ix = a.index.path();
    assert_eq!(files(ix, &["--place", "Russia"]), ["a1.txt", "a2.txt"]);
    assert_eq!(files(ix, &["--place", "Vladivostok"]), ["a1.txt"]);
    assert_eq!(
        files(ix, &["--place", "Japan"]),
        ["a3.txt", "a7.json"],
        "the Tokyo dateline article is in Japan"
    );
    assert_eq!(
        files(ix, &["--place", "USA"]),
        files(ix, &["--place", "United States"])
    );
    assert!(
        files(ix, &["--place", "U.S."]).contains(&"a6.txt".to_string()),
        "Atlanta is in the US"
    );
    assert_eq!(
        files(ix, &["--place", "England"]),
        ["a4.txt"],
        "London is in England"
    );
    assert_eq!(
        files(ix, &["--place", "Georgia"]),
        ["a5.txt", "a6.txt"],
        "an ambiguous name filters on the country and the state"
    );
    assert_eq!(
        files(ix, &["--place", "Tbilisi"]),
        ["a5.txt"],
        "a city filters by its name"
    );
}

#[test]
fn places_are_listed_as_news_names_them_and_found_by_their_other_names() {
    let a = archive_of(&[
        (
            "n1.txt",
            "Broadway reopens\n\nTheatres in New York reopened on Monday as the city welcomed back audiences.\n",
        ),
        (
            "n2.txt",
            "Monsoon floods\n\nHeavy rain flooded streets in Mumbai on Tuesday, officials said.\n",
        ),
    ]);
    let ix = a.index.path();
    let places = names(&show(&a, "n1.txt")["places"]);
    assert!(places.contains(&"New York".to_string()), "{places:?}");
    assert!(!places.contains(&"New York City".to_string()), "{places:?}");
    assert_eq!(files(ix, &["--place", "New York City"]), ["n1.txt"]);
    assert_eq!(files(ix, &["--place", "Bombay"]), ["n2.txt"]);
    assert_eq!(files(ix, &["--place", "Mumbai"]), ["n2.txt"]);
}

#[test]
fn parties_are_found_by_their_members_and_nicknames() {
    let a = archive_of(&[
        (
            "p1.txt",
            "Deficit row in Washington

Republicans have blamed the size of the deficit on the war. But Democrats have accused the president of hiding costs.
",
        ),
        (
            "p2.txt",
            "Tory plans unveiled

The Tories said on Monday they would cut taxes if elected.
",
        ),
        (
            "p3.txt",
            "Rain in Leeds

Heavy rain fell on Leeds on Monday, forecasters said.
",
        ),
    ]);
    let ix = a.index.path();
    let orgs = names(&show(&a, "p1.txt")["orgs"]);
    assert!(orgs.contains(&"Republican Party".to_string()), "{orgs:?}");
    assert!(orgs.contains(&"Democratic Party".to_string()), "{orgs:?}");
    assert_eq!(files(ix, &["--org", "Republicans"]), ["p1.txt"]);
    assert_eq!(files(ix, &["--org", "GOP"]), ["p1.txt"]);
    assert_eq!(files(ix, &["--org", "Democratic Party"]), ["p1.txt"]);
    assert_eq!(files(ix, &["--org", "Tories"]), ["p2.txt"]);
    assert_eq!(files(ix, &["--org", "Conservative Party"]), ["p2.txt"]);
}

#[test]
fn ambiguous_georgia_follows_its_article() {
    let a = archive();
    let ix = a.index.path();
    let country = json(
        ix,
        &["show", &a._corpus.path().join("a5.txt").to_string_lossy()],
    );
    let georgia = named(&country["places"], "Georgia").unwrap();
    assert_eq!(georgia["id"], "country:GE");
    let state = json(
        ix,
        &["show", &a._corpus.path().join("a6.txt").to_string_lossy()],
    );
    let georgia = named(&state["places"], "Georgia").unwrap();
    assert_eq!(georgia["id"], "region:US.GA");
    assert_eq!(georgia["country"], "United States");
    // The choice is visible in the terminal view too.
    let text = newsdex(ix)
        .args(["show", &a._corpus.path().join("a6.txt").to_string_lossy()])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("Atlanta (Georgia, United States)"));
}

#[test]
fn one_name_per_person_and_organisation_across_the_archive() {
    let a = archive();
    let ix = a.index.path();
    assert_eq!(files(ix, &["--person", "Putin"]), ["a1.txt", "a2.txt"]);
    assert_eq!(
        files(ix, &["--person", "Vladimir Putin"]),
        ["a1.txt", "a2.txt"],
        "the bare 'Putin' article is found through the alias"
    );
    assert_eq!(
        files(ix, &["--person", "Baker"]),
        ["a3.txt", "a4.txt"],
        "typed words match inside full names"
    );
    assert_eq!(files(ix, &["--person", "James Baker"]), ["a3.txt"]);
    assert_eq!(files(ix, &["--person", "Kenneth Baker"]), ["a4.txt"]);
    assert_eq!(
        files(ix, &["--org", "United Nations"]),
        ["a8.txt", "a9.txt"],
        "UN alone joins its expansion"
    );

    let people = json(ix, &["entities", "--type", "person"]);
    let people_names = names(&people["person"]);
    assert!(
        people_names.contains(&"Vladimir Putin".to_string())
            && !people_names.contains(&"Putin".to_string()),
        "{people_names:?}"
    );
    let putin = named(&people["person"], "Vladimir Putin").unwrap();
    assert_eq!(putin["count"], 2);
    // The article that only says "Putin" shows him under his archive-wide name.
    let shown = json(
        ix,
        &["show", &a._corpus.path().join("a2.txt").to_string_lossy()],
    );
    let persons = names(&shown["persons"]);
    assert!(
        persons.contains(&"Vladimir Putin".to_string()),
        "{persons:?}"
    );
    assert!(!persons.contains(&"Putin".to_string()), "{persons:?}");
}

#[test]
fn facet_counts_follow_the_query_and_filters() {
    let a = archive();
    let ix = a.index.path();
    let places = json(ix, &["entities", "--type", "place", "--limit", "50"]);
    let count =
        |v: &Value, name: &str| named(&v["place"], name).map(|e| e["count"].as_u64().unwrap());
    assert_eq!(count(&places, "Tokyo"), Some(2));
    assert_eq!(
        count(&places, "Georgia"),
        Some(2),
        "the country and the state share a display name"
    );
    let in_russia = json(ix, &["entities", "--type", "place", "--place", "Russia"]);
    assert_eq!(count(&in_russia, "Tokyo"), None);
    assert_eq!(count(&in_russia, "Moscow"), Some(1));
    // Only the storm story's places count: Atlanta and Georgia (and Alabama where the
    // tagger reads "Alabama also reported damage" as the state, not an organisation).
    let with_query = json(ix, &["entities", "storm", "--type", "place"]);
    assert_eq!(count(&with_query, "Atlanta"), Some(1));
    assert_eq!(count(&with_query, "Georgia"), Some(1), "{with_query}");
    let storm_places = names(&with_query["place"]);
    assert!(
        storm_places
            .iter()
            .all(|name| ["Atlanta", "Georgia", "Alabama"].contains(&name.as_str())),
        "{with_query}"
    );

    let search = json(ix, &["search", "talks", "--facets"]);
    assert_eq!(search["total"], 1);
    assert_eq!(search["facets"]["person"][0]["name"], "James Baker");
}

/// A dateline is a place of its article, whether the metadata gives it or the lead does
/// ("TORONTO, March 3 (Reuters) -"), and `--dateline` filters on it alone; an adjective
/// ("Canadian dollar") or a currency named twice ("zloty") links the article to its
/// country without becoming a place.
#[test]
fn datelines_and_country_adjectives_count_for_place_filters() {
    let archive = archive();
    let ix = archive.index.path();
    assert_eq!(files(ix, &["--place", "Canada"]), ["a10.txt", "a11.txt"]);
    assert_eq!(files(ix, &["--dateline", "Canada"]), ["a10.txt"]);
    assert_eq!(files(ix, &["--dateline", "Toronto"]), ["a10.txt"]);
    assert_eq!(files(ix, &["--place", "Switzerland"]), ["a11.txt"]);
    // A currency of one country named twice links it; once, an aside, does not.
    assert_eq!(files(ix, &["--place", "Poland"]), ["a11.txt"]);
    assert!(files(ix, &["--place", "Hungary"]).is_empty());
    assert_eq!(files(ix, &["--place", "South Korea"]), ["a12.json"]);
    assert_eq!(files(ix, &["--dateline", "South Korea"]), ["a12.json"]);
    assert_eq!(files(ix, &["--dateline", "Japan"]), ["a7.json"]);
    assert!(files(ix, &["--dateline", "Russia"]).is_empty());

    let filed = show(&archive, "a10.txt");
    assert_eq!(filed["dateline"], "Toronto");
    assert_eq!(filed["dateline_place"]["name"], "Toronto");
    assert_eq!(filed["dateline_place"]["country"], "Canada");
    assert!(named(&filed["places"], "Toronto").is_some());
    // "Wallaceburg, Ontario": the province, not the city in California.
    assert_eq!(
        named(&filed["places"], "Ontario").unwrap()["country"],
        "Canada"
    );

    let markets = show(&archive, "a11.txt");
    assert!(named(&markets["places"], "Canada").is_none(), "{markets}");
    assert_eq!(
        names(&markets["countries"]),
        ["Poland", "Switzerland", "Canada"]
    );
}

/// Names joined by a hyphen count for the filters by each part: a story that names China
/// only in "the US-China trade war" is found by `--place China`, and lists no place
/// called "US-China"; a company's hyphenated name is no place.
#[test]
fn hyphenated_pairs_count_for_each_place() {
    let texts: Vec<(String, String)> = vec![
        (
            "h1.txt".into(),
            "Tariff truce holds\n\nNegotiators said the US-China trade war had cost farmers billions, and the Russia-Ukraine conflict weighed on grain prices.\n".into(),
        ),
        (
            "h2.txt".into(),
            "Engine maker upbeat\n\nRolls-Royce said profits rose at its plant in Derby.\n".into(),
        ),
    ];
    let archive = archive_of(&texts);
    let ix = archive.index.path();
    assert_eq!(files(ix, &["--place", "China"]), ["h1.txt"]);
    assert_eq!(files(ix, &["--place", "Ukraine"]), ["h1.txt"]);
    assert_eq!(files(ix, &["--place", "United States"]), ["h1.txt"]);
    let story = show(&archive, "h1.txt");
    assert!(named(&story["places"], "US-China").is_none(), "{story}");
    assert!(named(&story["places"], "Russia").is_some(), "{story}");
}

/// One type per name across the archive: "Kelvington" (an invented club, so the tagger
/// reads it from context alone) is an organisation in most articles, so the one match
/// report whose tagger made it a person counts it as an organisation too, and
/// `--org Kelvington` finds that report.
#[test]
fn a_name_takes_the_type_most_of_the_archive_gives_it() {
    let report = |n: usize, team: &str| {
        format!(
            "Match report {n}\n\nKelvington beat {team} 2-0 at Stamford Bridge on Saturday, and Kelvington manager Jose Mourinho praised the team. Kelvington fans sang, and the Kelvington board said attendance was a record.\n"
        )
    };
    let texts: Vec<(String, String)> = vec![
        ("c1.txt".into(), report(1, "Arsenal")),
        ("c2.txt".into(), report(2, "Everton")),
        ("c3.txt".into(), report(3, "Fulham")),
        (
            "c4.txt".into(),
            "Late winner\n\nThey were level until Kelvington said: we keep going. Kelvington smiled.\n"
                .into(),
        ),
    ];
    let archive = archive_of(&texts);
    let ix = archive.index.path();
    // The premise: the tagger made Kelvington a person in c4 only.
    let stored_as_person = files(ix, &["--person", "Kelvington"]);
    assert!(
        stored_as_person.contains(&"c4.txt".to_string()),
        "{stored_as_person:?}"
    );
    assert!(named(&show(&archive, "c1.txt")["orgs"], "Kelvington").is_some());

    assert_eq!(
        files(ix, &["--org", "Kelvington"]),
        ["c1.txt", "c2.txt", "c3.txt", "c4.txt"]
    );
    let c4 = show(&archive, "c4.txt");
    assert!(named(&c4["persons"], "Kelvington").is_none(), "{c4}");
    assert!(named(&c4["orgs"], "Kelvington").is_some(), "{c4}");
    let orgs = json(ix, &["entities", "--type", "org"]);
    let persons = json(ix, &["entities", "--type", "person"]);
    let count = |list: &Value, kind: &str, name: &str| {
        named(&list[kind], name).map(|e| e["count"].as_u64().unwrap())
    };
    assert_eq!(count(&orgs, "org", "Kelvington"), Some(4), "{orgs}");
    assert_eq!(count(&persons, "person", "Kelvington"), None, "{persons}");
}

/// A short form an article defines in brackets is its organisation, not a name of its
/// own, and a filter typed as the short form finds the article, also where the letters are
/// not the English initials (PAN) or the short form is untagged.
#[test]
fn a_short_form_in_brackets_filters_as_its_organisation() {
    let archive = archive_of(&[(
        "mx.txt",
        "Mexico votes for judges\n\nMEXICO CITY - The opposition National Action Party (PAN) and the Institutional Revolutionary Party (PRI) urged supporters to boycott the vote, preliminary figures from the National Electoral Institute (INE) showed.\n\nPAN leader Jorge Romero Herrera said the turnout was low. INE president Guadalupe Taddei Zavala said turnout stood at 13 percent.\n",
    )]);
    let ix = archive.index.path();
    let extracted = json_of(
        &newsdex(ix)
            .args(["extract"])
            .arg(archive._corpus.path().join("mx.txt"))
            .output()
            .unwrap()
            .stdout,
    );
    let orgs = &extracted["orgs"];
    for short in ["PAN", "PRI", "INE"] {
        assert!(named(orgs, short).is_none(), "{orgs}");
        assert_eq!(files(ix, &["--org", short]), ["mx.txt"], "{short}");
    }
    let party = named(orgs, "National Action Party").expect("the party");
    assert_eq!(party["short_forms"], serde_json::json!(["PAN"]), "{orgs}");
    assert_eq!(party["count"], 3, "{orgs}");
}

/// `--about` keeps the articles an entity is central to (headline, lead, most mentioned,
/// dateline), while `--place`/`--person` keep every article that mentions it; `show`
/// prints each entity's salience.
#[test]
fn about_keeps_the_articles_an_entity_is_central_to() {
    let archive = archive();
    let ix = archive.index.path();
    assert_eq!(files(ix, &["--about", "Putin"]), ["a1.txt", "a2.txt"]);
    // a3 mentions the US once in passing; the Atlanta storm is a US story.
    assert!(files(ix, &["--place", "USA"]).contains(&"a3.txt".to_string()));
    let about_us = files(ix, &["--about", "USA"]);
    assert!(!about_us.contains(&"a3.txt".to_string()), "{about_us:?}");
    assert!(about_us.contains(&"a6.txt".to_string()), "{about_us:?}");
    // Any type: the UN stories are about the organisation.
    assert_eq!(
        files(ix, &["--about", "United Nations"]),
        ["a8.txt", "a9.txt"]
    );
    let a3 = show(&archive, "a3.txt");
    let salience = |kind: &str, name: &str| {
        named(&a3[kind], name).unwrap()["salience"]
            .as_u64()
            .unwrap()
    };
    assert!(salience("places", "Tokyo") >= 50, "{a3}");
    assert!(salience("places", "United States") < 50, "{a3}");
}

#[test]
fn weighted_counts_rank_the_central_entity_above_the_often_passing_one() {
    let passing = |sport: &str, winner: &str| {
        format!(
            "{winner} wins {sport} final\n\n{winner} won the {sport} final in Basel on Sunday. \
             {winner} said the win was the best of the season, and {winner} thanked the crowd. \
             Among the spectators was Boris Johnson.\n"
        )
    };
    let articles = [
        ("w1.txt".to_string(), "Angela Merkel meets unions\n\nGerman Chancellor Angela Merkel met union leaders in Berlin on Monday. Angela Merkel said wages would rise.\n".to_string()),
        ("w2.txt".to_string(), "Angela Merkel visits Paris\n\nAngela Merkel travelled to Paris on Friday for talks. Angela Merkel said the talks went well.\n".to_string()),
        ("w3.txt".to_string(), passing("tennis", "Roger Federer")),
        ("w4.txt".to_string(), passing("squash", "Nick Matthew")),
        ("w5.txt".to_string(), passing("snooker", "Ronnie O'Sullivan")),
    ];
    let archive = archive_of(&articles);
    let ix = archive.index.path();
    let plain = json(ix, &["entities", "--type", "person"]);
    let weighted = json(ix, &["entities", "--type", "person", "--weighted"]);
    let count = |list: &Value, name: &str| named(list, name).map(|e| e["count"].as_u64().unwrap());
    let weight = |name: &str| {
        named(&weighted["person"], name).unwrap()["weight"]
            .as_f64()
            .unwrap()
    };
    // By articles, the passing mention leads; by salience, the story's subject does.
    assert_eq!(count(&plain["person"], "Boris Johnson"), Some(3), "{plain}");
    assert_eq!(count(&plain["person"], "Angela Merkel"), Some(2), "{plain}");
    assert!(plain["person"][0]["weight"].is_null(), "{plain}");
    assert_eq!(names(&weighted["person"])[0], "Angela Merkel", "{weighted}");
    assert!(weight("Angela Merkel") > 1.5, "{weighted}");
    assert!(weight("Boris Johnson") < 1.0, "{weighted}");
    assert_eq!(
        count(&weighted["person"], "Boris Johnson"),
        Some(3),
        "{weighted}"
    );
    // The same ranking as facets of a search, and in the text output.
    let facets = json(ix, &["search", "", "--facets", "--weighted"]);
    assert_eq!(
        names(&facets["facets"]["person"])[0],
        "Angela Merkel",
        "{facets}"
    );
    let text = newsdex(ix)
        .args(["entities", "--type", "person", "--weighted"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Angela Merkel  (2 articles)"), "{text}");
}

/// Given and family names for the generated people of the counting tests.
const FIRST: &[&str] = &[
    "Anna", "Peter", "Maria", "David", "Laura", "Simon", "Helen", "Martin", "Sarah", "Thomas",
    "Julia", "Robert", "Emma", "Daniel", "Clara", "Stefan", "Irene", "Victor", "Nadia", "Oscar",
    "Paula", "Henrik", "Olga", "Marco", "Lena", "Pavel",
];
const LAST: &[&str] = &[
    "Berger",
    "Lindqvist",
    "Moretti",
    "Hallam",
    "Fischer",
    "Okafor",
    "Novak",
    "Duval",
    "Kowalski",
    "Brennan",
    "Svensson",
    "Castillo",
    "Petrov",
    "Haddad",
    "Nakamura",
    "Ferreira",
    "Jansen",
    "Kaplan",
    "Rossi",
    "Weber",
    "Dimitrov",
    "Sorensen",
    "Horvat",
    "Molina",
    "Keller",
    "Varga",
];

/// `people` generated people, each meeting the next in one article (two articles each,
/// one for the first and last), then Tony Blair in two articles and "Blair" alone in one.
fn talks_and_blair(people: usize) -> Vec<(String, String)> {
    let people: Vec<String> = (0..people)
        .map(|i| format!("{} {}", FIRST[i % 26], LAST[(i + i / 26) % 26]))
        .collect();
    let mut articles: Vec<(String, String)> = (0..people.len() - 1)
        .map(|i| {
            let (a, b) = (&people[i], &people[i + 1]);
            (
                format!("t{i}.txt"),
                format!(
                    "Talks resume\n\n{a} met {b} in Geneva on Monday. {a} said the talks went well, and {b} agreed.\n"
                ),
            )
        })
        .collect();
    articles.push(("b1.txt".into(), "Tony Blair visits Paris\n\nTony Blair arrived in Paris on Monday. Tony Blair said he wanted closer ties.\n".into()));
    articles.push(("b2.txt".into(), "Tony Blair meets unions\n\nTony Blair met union leaders on Tuesday. Tony Blair said pay would rise.\n".into()));
    articles.push(("b3.txt".into(), "Prime minister speaks\n\nBlair said on Wednesday that the economy was strong. Blair added that taxes would not rise.\n".into()));
    articles
}

#[test]
fn entity_counts_are_exact_whatever_the_limit() {
    // 25 people in two articles each push "Blair" (one article, an alias of Tony Blair)
    // far below the top names a terms aggregation would fetch for one result.
    let archive = archive_of(&talks_and_blair(26));
    let ix = archive.index.path();
    let top = json(ix, &["entities", "--type", "person", "--limit", "1"]);
    assert_eq!(names(&top["person"]), ["Tony Blair"], "{top}");
    assert_eq!(top["person"][0]["count"], 3, "{top}");
    let stats = json(ix, &["stats", "--limit", "1"]);
    assert_eq!(stats["top_persons"][0]["count"], 3, "{stats}");
}

#[test]
fn search_facets_count_aliases_the_top_names_left_out() {
    // 60 people in two articles each fill the 50 names a search's first pass keeps for ten
    // facet entries; "Blair" alone (one article, an alias of Tony Blair) is cut from them,
    // and so may Tony Blair be. The merged Tony Blair (3 articles) must still come first.
    let archive = archive_of(&talks_and_blair(61));
    let ix = archive.index.path();
    let found = json(ix, &["search", "--facets", "--limit", "1"]);
    let persons = found["facets"]["person"].as_array().unwrap();
    assert!(persons.len() == 10, "{found}");
    assert_eq!(persons[0]["name"], "Tony Blair", "{found}");
    assert_eq!(persons[0]["count"], 3, "{found}");
    // The same counts as the exact `entities` pass, name for name.
    let exact = json(ix, &["entities", "--type", "person", "--limit", "10"]);
    assert_eq!(&found["facets"]["person"], &exact["person"]);
}

#[test]
fn a_band_its_own_articles_name_as_one_is_an_organisation_everywhere() {
    // The tagger reads an unknown band's name as a person; two articles say "the band".
    let mut articles: Vec<(String, String)> = (0..6)
        .map(|i| {
            (
                format!("gig{i}.txt"),
                format!(
                    "Tour dates announced\n\nMarcus Kelby and Dana Vorst will play in Leeds on day {i}. \
                     Marcus Kelby said the shows would sell out quickly, and Dana Vorst agreed."
                ),
            )
        })
        .collect();
    for i in 0..2 {
        articles.push((
            format!("band{i}.txt"),
            format!(
                "New album for the band\n\nThe Glasgow band Marcus Kelby released a new album on day {i}. \
                 Critics praised Marcus Kelby for the record's sound."
            ),
        ));
    }
    let a = archive_of(&articles);
    let ix = a.index.path();
    let persons = names(&json(ix, &["entities", "--type", "person", "-n", "50"])["person"]);
    let orgs = names(&json(ix, &["entities", "--type", "org", "-n", "50"])["org"]);
    assert!(
        !persons.contains(&"Marcus Kelby".to_string()),
        "{persons:?}"
    );
    assert!(orgs.contains(&"Marcus Kelby".to_string()), "{orgs:?}");
    // The other name, never typed by its articles' words, stays a person.
    assert!(persons.contains(&"Dana Vorst".to_string()), "{persons:?}");
    assert_eq!(files(ix, &["--org", "Marcus Kelby"]).len(), 8);
}

/// A mixed-case place before a dash ("Johannesburg - Power utility ...") is the dateline
/// when the gazetteer knows the place, and a label in that position ("Vote For Me - ...")
/// is not.
#[test]
fn a_mixed_case_lead_place_is_a_dateline_only_when_it_is_a_place() {
    let archive = archive_of(&[
        (
            "za.txt",
            "Power cuts to continue\n\nJohannesburg - Power utility Eskom on Sunday warned that load shedding would continue this week.\n",
        ),
        (
            "tv.txt",
            "Contest for politicians\n\nVote For Me - ITV1's talent contest for would-be politicians - finds its winner on Friday.\n",
        ),
    ]);
    let ix = archive.index.path();
    assert_eq!(files(ix, &["--dateline", "South Africa"]), ["za.txt"]);
    assert_eq!(show(&archive, "za.txt")["dateline"], "Johannesburg");
    let tv = show(&archive, "tv.txt");
    assert!(tv["dateline"].is_null(), "{tv}");
    assert!(tv.get("dateline_place").is_none_or(Value::is_null), "{tv}");
}

/// A Reuters-21578-style SGML file is an archive of stories: each `<REUTERS>` record is an
/// article with its title, date and dateline, and its places come from its text, never
/// from the editors' `<PLACES>` tags.
#[test]
fn a_reuters_sgml_file_is_indexed_story_by_story() {
    let sgml = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n\
<REUTERS TOPICS=\"YES\" NEWID=\"1\">\n<DATE>3-MAR-1987 09:12:00.00</DATE>\n\
<PLACES><D>canada</D><D>japan</D></PLACES>\n<TEXT>&#2;\n<TITLE>BELL CANADA TO CUT JOBS</TITLE>\n\
<DATELINE>    TORONTO, March 3 - </DATELINE><BODY>Bell Canada Enterprises said it would cut\n\
2,000 jobs at its plant in Wallaceburg, Ontario.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n\
<REUTERS TOPICS=\"YES\" NEWID=\"2\">\n<DATE>4-MAR-1987 10:00:00.00</DATE>\n\
<PLACES><D>west-germany</D></PLACES>\n<TEXT>&#2;\n<TITLE>BUNDESBANK LEAVES RATES UNCHANGED</TITLE>\n\
<DATELINE>    FRANKFURT, March 4 - </DATELINE><BODY>The Bundesbank left its discount rate\n\
unchanged, a spokesman said.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n";
    let archive = archive_of(&[("reut2-000.sgm", sgml)]);
    let ix = archive.index.path();
    let all = json(ix, &["search", "--limit", "10"]);
    assert_eq!(all["total"], 2, "{all}");
    assert_eq!(files(ix, &["--dateline", "Canada"]), ["reut2-000.sgm"]);
    assert_eq!(files(ix, &["--place", "Germany"]), ["reut2-000.sgm"]);
    // The first story's <PLACES> says Japan; its text does not.
    assert!(files(ix, &["--place", "Japan"]).is_empty());
    let hit = json(ix, &["search", "--dateline", "Canada"]);
    assert_eq!(hit["hits"][0]["headline"], "BELL CANADA TO CUT JOBS");
    assert!(
        hit["hits"][0]["date"]
            .as_str()
            .unwrap()
            .starts_with("1987-03-03")
    );
    // The wire's sign-off is no person.
    let persons = json(ix, &["entities", "--type", "person"]);
    assert!(!persons.to_string().contains("Reuter"), "{persons}");
}

/// News XML: a Reuters Corpus `<newsitem>` and an NITF document are articles (their
/// editors' codes unread); other XML in the folder is skipped like any other file.
#[test]
fn rcv1_and_nitf_xml_files_are_articles_and_other_xml_is_skipped() {
    let rcv1 = "<?xml version=\"1.0\" encoding=\"iso-8859-1\" ?>\n\
<newsitem itemid=\"2286\" id=\"root\" date=\"1996-08-20\" xml:lang=\"en\">\n\
<title>MEXICO: Recovery excitement brings Mexican markets to life.</title>\n\
<headline>Recovery excitement brings Mexican markets to life.</headline>\n\
<byline>Henry Tricks</byline>\n<dateline>MEXICO CITY</dateline>\n<text>\n\
<p>Emerging evidence that the economy was back on the recovery track sent markets\n\
into a buzz of excitement on Tuesday, traders said.</p>\n</text>\n<metadata>\n\
<codes class=\"bip:countries:1.0\"><code code=\"JAP\"></code></codes>\n</metadata>\n</newsitem>";
    let nitf = "<nitf><head><docdata><date.issue norm=\"20010914T093000\"/></docdata></head>\
<body><body.head><hedline><hl1>Fires rage in the hills</hl1></hedline>\
<dateline><location>VALPARAISO, Chile</location></dateline></body.head><body.content>\
<p>Firefighters battled blazes near the port on Friday, officials said.</p>\
</body.content></body></nitf>";
    let sitemap =
        "<?xml version=\"1.0\"?><urlset><url><loc>https://example.com/</loc></url></urlset>";
    let index = tempfile::TempDir::new().unwrap();
    let corpus = tempfile::TempDir::new().unwrap();
    fs::write(corpus.path().join("2286newsML.xml"), rcv1).unwrap();
    fs::write(corpus.path().join("fires.xml"), nitf).unwrap();
    fs::write(corpus.path().join("sitemap.xml"), sitemap).unwrap();
    let out = newsdex(index.path())
        .args(["index", "--json"])
        .arg(corpus.path())
        .output()
        .unwrap();
    let report = json_of(&out.stdout);
    assert_eq!(report["failed"].as_array().unwrap().len(), 0, "{report}");
    let ix = index.path();
    assert_eq!(json(ix, &["search", "--limit", "10"])["total"], 2);
    assert_eq!(files(ix, &["--dateline", "Mexico"]), ["2286newsML.xml"]);
    assert_eq!(files(ix, &["--dateline", "Chile"]), ["fires.xml"]);
    assert!(files(ix, &["--place", "Japan"]).is_empty());
    let hit = json(ix, &["search", "--byline", "Henry Tricks"]);
    assert_eq!(hit["total"], 1, "{hit}");
}
