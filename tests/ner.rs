//! Entity extraction through the real binary: the seed article, CoNLL tagging, casing.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

fn sample(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-corpus")
        .join(path)
}

fn newsdex() -> Command {
    Command::cargo_bin("newsdex").expect("the newsdex binary is built by cargo test")
}

mod common;
use common::{json_of, named, names};

#[test]
fn seed_article_entities() {
    let out = newsdex()
        .arg("extract")
        .arg(sample("seed/kim-jong-un-enters-russia.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let article: Value = serde_json::from_slice(&out.stdout).unwrap();
    let persons = names(&article["persons"]);
    let places = names(&article["places"]);
    let orgs = names(&article["orgs"]);
    for p in [
        "Kim Jong Un",
        "Vladimir Putin",
        "Sergei Shoigu",
        "John Kirby",
        "Ankit Panda",
        "Donald Trump",
    ] {
        assert!(
            persons.contains(&p.to_string()),
            "missing person {p}: {persons:?}"
        );
    }
    assert_eq!(article["byline"], serde_json::json!(["Derek Cai"]));
    assert!(
        !persons.iter().any(|p| p.contains("Derek Cai")),
        "the byline author stays in the byline"
    );
    for p in [
        "Russia",
        "North Korea",
        "South Korea",
        "Vladivostok",
        "Pyongyang",
        "Ukraine",
        "Moscow",
    ] {
        assert!(
            places.contains(&p.to_string()),
            "missing place {p}: {places:?}"
        );
    }
    for o in [
        "KCNA",
        "CBS",
        "BBC",
        "Kremlin",
        "White House",
        "National Security Council",
        "Carnegie Endowment for International Peace",
        "United Nations",
    ] {
        assert!(orgs.contains(&o.to_string()), "missing org {o}: {orgs:?}");
    }
    for name in persons.iter().chain(&places) {
        for bad in [
            "’s", "'s", "Defence", "Hwasong", "Covid", "Image", "caption", "Mr ",
        ] {
            assert!(
                !name.contains(bad),
                "{name:?} should not be a person or place"
            );
        }
    }
    // One entry per entity, with its mention count: "Mr Kim" and "Kim Jong Un" are one.
    let kim = named(&article["persons"], "Kim Jong Un").unwrap();
    assert!(kim["count"].as_u64().unwrap() >= 8, "{kim}");
    assert_eq!(
        persons.iter().filter(|p| p.contains("Kim")).count(),
        1,
        "{persons:?}"
    );
}

const CONLL: &str = "-DOCSTART- -X- -X- O

Maria NNP B-NP B-PER
Lopez NNP I-NP I-PER
arrived VBD B-VP O
in IN B-PP O
Lisbon NNP B-NP B-LOC
on IN B-PP O
Monday NNP B-NP O
. . O O

The DT B-NP O
World NNP I-NP B-ORG
Bank NNP I-NP I-ORG
agreed VBD B-VP O
. . O O

-DOCSTART- -X- -X- O

Germany NNP B-NP B-LOC
won VBD B-VP O
. . O O
";

#[test]
fn tag_conll_keeps_layout_and_scores() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("mini.conll");
    fs::write(&file, CONLL).unwrap();
    let out = newsdex()
        .args(["tag", "--conll"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("-DOCSTART-")).count(),
        2,
        "{text}"
    );
    let tokens: Vec<&str> = lines
        .iter()
        .filter(|l| !l.is_empty() && !l.starts_with("-DOCSTART-"))
        .copied()
        .collect();
    assert_eq!(tokens.len(), 16);
    assert_eq!(lines.iter().filter(|l| l.is_empty()).count(), 5, "{text}");
    for line in &tokens {
        let cols: Vec<&str> = line.split(' ').collect();
        assert_eq!(cols.len(), 2, "{line}");
        assert!(
            cols[1] == "O" || cols[1].starts_with("B-") || cols[1].starts_with("I-"),
            "{line}"
        );
    }
    assert_eq!(tokens[0], "Maria B-PER");
    assert_eq!(tokens[1], "Lopez I-PER");
    assert_eq!(tokens[4], "Lisbon B-LOC");

    let eval = newsdex()
        .args(["tag", "--conll", "--eval"])
        .arg(&file)
        .output()
        .unwrap();
    let report = String::from_utf8(eval.stdout).unwrap();
    for kind in ["overall", "PER", "LOC", "ORG"] {
        assert!(
            report
                .lines()
                .any(|l| l.starts_with(kind) && l.contains("F1")),
            "{report}"
        );
    }
    assert!(report.contains("gold 4"), "{report}");
    // The held-out measure: micro P/R/F1 over PER, LOC and ORG only.
    assert!(
        report
            .lines()
            .any(|l| l.starts_with("PER+LOC+ORG") && l.contains("F1")),
        "{report}"
    );
}

/// Gold in BIOES with another scheme's type names (as the English Worldwide Newswire set
/// ships, tab-separated) is scored as the same file in IOB2 with CoNLL-2003 types.
#[test]
fn tag_eval_reads_bioes_and_other_schemes_types() {
    let dir = TempDir::new().unwrap();
    let iob2 = dir.path().join("iob2.conll");
    let bioes = dir.path().join("bioes.tsv");
    fs::write(
        &iob2,
        "Maria B-PER\nLopez I-PER\nflew O\nto O\nLisbon B-LOC\non O\nMonday O\n.\tO\n\nThe O\nWorld B-ORG\nBank I-ORG\nagreed O\n. O\n",
    )
    .unwrap();
    fs::write(
        &bioes,
        "Maria\tB-Person\nLopez\tE-Person\nflew\tO\nto\tO\nLisbon\tS-Location\non\tO\nMonday\tS-Date\n.\tO\n\nThe\tO\nWorld\tB-Organization\nBank\tE-Organization\nagreed\tO\n.\tO\n",
    )
    .unwrap();
    let report = |file: &Path| {
        let out = newsdex()
            .args(["tag", "--conll", "--eval"])
            .arg(file)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let expected = report(&iob2);
    assert!(expected.contains("gold 3"), "{expected}");
    assert_eq!(report(&bioes), expected);
}

/// A CoNLL file from a tokeniser that leaves punctuation on words is tagged as if it had
/// been cut the CoNLL way, and the labels come back on its own tokens, one per line.
#[test]
fn tag_conll_reads_tokens_with_punctuation_glued_on() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("glued.conll");
    let sentence = "NAIROBI, B-LOC\n(Reuters) B-ORG\nKenya's B-LOC\nPresident O\nWilliam B-PER\n\
        Ruto, I-PER\nwho O\nmet O\nofficials O\nin O\nLondon, B-LOC\nsaid O\nthe O\n\
        shilling O\nwould O\nrecover. O\n";
    fs::write(&file, format!("{sentence}\n{sentence}")).unwrap();
    let out = newsdex()
        .args(["tag", "--conll"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let tags: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .take(16)
        .map(String::from)
        .collect();
    let gold: Vec<String> = sentence.lines().map(String::from).collect();
    assert_eq!(tags, gold);
}

/// A file without blank lines between sentences (one "sentence" per article) is cut at its
/// sentence ends for tagging (`conll::sentence_cuts`); the parts' labels come back on every
/// token in place, as if the file had had its blank lines.
#[test]
fn tag_conll_puts_the_labels_of_an_overlong_sentences_parts_back_in_place() {
    let sentence = "The Kenya Revenue Authority said on Monday that President William Ruto \
        would meet officials in Mombasa and Nairobi to discuss the new tax plan for \
        small traders .";
    let tokens: Vec<&str> = sentence.split(' ').collect();
    let copies = 12;
    let dir = TempDir::new().unwrap();
    let (apart, together) = (
        dir.path().join("apart.conll"),
        dir.path().join("together.conll"),
    );
    let lines: Vec<String> = tokens.iter().map(|t| format!("{t} O")).collect();
    let one = lines.join("\n");
    fs::write(&apart, vec![one.clone(); copies].join("\n\n")).unwrap();
    fs::write(&together, vec![one; copies].join("\n")).unwrap();
    assert!(
        tokens.len() * copies > 160,
        "longer than conll::LONG_SENTENCE"
    );
    // With the fast tier's margins, which feel the first word and the sentence's casing:
    // they match only if the long sentence was cut where the short ones end.
    let tags = |file: &Path| -> Vec<String> {
        let out = newsdex()
            .args(["tag", "--conll", "--margins"])
            .arg(file)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    };
    let (apart, together) = (tags(&apart), tags(&together));
    assert_eq!(apart.len(), tokens.len() * copies);
    assert!(apart.iter().any(|l| l.contains(" B-PER ")), "{apart:?}");
    assert_eq!(together, apart);
}

#[test]
fn a_name_before_a_stock_ticker_is_an_organisation() {
    // Wire copy of the 2020s puts tickers after company names; the tagger learns it from
    // training copies with synthetic tickers (ner::with_tickers), not from a rule.
    // (The same model tags "Ecobank Transnational" a person without the ticker, and still
    // misses a one-token numeric ticker such as "Foxconn <2317.TW>": see BENCHMARKS.md.)
    let (text, company) = (
        "Ecobank Transnational <ETI.LG> rose while the market fell.",
        "Ecobank",
    );
    let tags = tagged(text);
    let tag = tags.iter().find(|(w, _)| w == company).map(|(_, t)| t);
    assert_eq!(tag.map(String::as_str), Some("B-ORG"), "{tags:?}");
    assert!(
        tags.iter().any(|(w, t)| w.starts_with('<') && t == "O"),
        "the ticker itself is not a name: {tags:?}"
    );
}

/// Tags of the first sentence of a one-line text file.
fn tagged(text: &str) -> Vec<(String, String)> {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("a.txt");
    fs::write(&file, text).unwrap();
    let out = newsdex().arg("tag").arg(&file).output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .take_while(|l| !l.is_empty())
        .map(|l| {
            let (t, tag) = l.rsplit_once(' ').unwrap();
            (t.to_string(), tag.to_string())
        })
        .collect()
}

#[test]
fn capitalised_headlines_do_not_make_every_word_a_name() {
    for headline in [
        "NORTH KOREA LEADER ENTERS RUSSIA TO VISIT PUTIN",
        "Shares Rise As Investors Cheer Strong Results In Tokyo",
    ] {
        let tags = tagged(&format!(
            "{headline}\n\nThe leader met officials in Tokyo and Moscow, state media said."
        ));
        let named: Vec<&str> = tags
            .iter()
            .filter(|(_, t)| t != "O")
            .map(|(w, _)| w.as_str())
            .collect();
        for common in [
            "LEADER",
            "ENTERS",
            "VISIT",
            "Shares",
            "Rise",
            "Investors",
            "Cheer",
            "Strong",
            "Results",
        ] {
            assert!(
                !named.contains(&common),
                "{common} tagged in {headline:?}: {tags:?}"
            );
        }
        assert!(!named.is_empty(), "no names at all in {headline:?}");
    }
}

/// `newsdex extract` of a text file holding `text`, as JSON.
fn extracted_text(text: &str) -> Value {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("a.txt");
    fs::write(&file, text).unwrap();
    let out = newsdex().arg("extract").arg(&file).output().unwrap();
    assert!(out.status.success());
    json_of(&out.stdout)
}

#[test]
fn normalisation_links_and_strips_in_a_real_article() {
    let article = extracted_text(
        "Minister resigns\n\nPrime Minister Jane Holloway said on Monday that Defence Secretary Tom Okafor had resigned. \
         Mr Okafor's letter was published by the Securities and Exchange Commission (SEC). \
         Ms Holloway thanked him. The SEC declined to comment.\n",
    );
    let persons = names(&article["persons"]);
    assert!(
        persons.contains(&"Jane Holloway".to_string()),
        "{persons:?}"
    );
    assert!(persons.contains(&"Tom Okafor".to_string()), "{persons:?}");
    assert_eq!(persons.len(), 2, "{persons:?}");
    let orgs = names(&article["orgs"]);
    assert!(
        orgs.contains(&"Securities and Exchange Commission".to_string()),
        "{orgs:?}"
    );
    assert!(
        !orgs.contains(&"SEC".to_string()),
        "the acronym links to its expansion: {orgs:?}"
    );
}

#[test]
fn a_name_glossed_in_chinese_is_one_entity_with_both_writings() {
    let article = extracted_text(
        "Taipei council race tightens\n\nTaipei mayor Ko Wen-je (柯文哲) of the Taiwan People's Party \
         said on Sunday that the party would field candidates across the city. \
         Ko Wen-je did not name them.\n",
    );
    let persons = article["persons"].as_array().unwrap();
    assert_eq!(persons.len(), 1, "{persons:?}");
    assert_eq!(persons[0]["name"], "Ko Wen-je");
    assert!(
        persons[0]["short_forms"]
            .as_array()
            .is_some_and(|forms| forms.iter().any(|f| f == "柯文哲")),
        "the gloss is another writing of the same person: {persons:?}"
    );
}

#[test]
fn fuzz_found_conll_inputs_do_not_crash() {
    // Inputs that crashed the CoNLL reader under cargo-fuzz, kept as regressions.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("conll-")
        {
            continue;
        }
        // Through the library, as the fuzz target does: no panic.
        let text = String::from_utf8_lossy(&fs::read(&path).unwrap()).into_owned();
        for doc in newsdex::entities::conll::read_with_breaks(&text) {
            let sentences: Vec<Vec<&str>> = doc
                .sentences
                .iter()
                .map(|s| s.tokens.iter().map(String::as_str).collect())
                .collect();
            newsdex::entities::ner::NerModel::embedded().tag_document(&sentences);
        }
        // Through the binary: a result or a one-line error, never a panic.
        for args in [vec!["tag", "--conll"], vec!["tag", "--conll", "--eval"]] {
            let out = newsdex().args(&args).arg(&path).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                matches!(out.status.code(), Some(0 | 1)) && !stderr.contains("panicked"),
                "{}: {stderr}",
                path.display()
            );
            assert!(stderr.trim().lines().count() <= 1, "{stderr}");
        }
    }
}

/// Entity names per type from `extract --ner TIER` of one file, and the recorded tier.
fn extracted(tier: &str, file: &Path) -> (Vec<Vec<String>>, String) {
    let out = newsdex()
        .args(["extract", "--ner", tier])
        .arg(file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let article = json_of(&out);
    let lists = ["persons", "places", "orgs"]
        .iter()
        .map(|k| names(&article[k]))
        .collect();
    (lists, article["tagger"].as_str().unwrap_or("").to_string())
}

#[test]
fn the_accurate_tier_finds_the_seed_articles_entities_too() {
    let seed = sample("seed/kim-jong-un-enters-russia.txt");
    let (fast, fast_tier) = extracted("fast", &seed);
    let (accurate, accurate_tier) = extracted("accurate", &seed);
    assert_eq!(
        (fast_tier.as_str(), accurate_tier.as_str()),
        ("fast", "accurate")
    );
    // The fast tier's lists are checked name by name in `seed_article_entities`.
    assert_eq!(accurate, fast);
}

#[test]
fn tag_conll_with_the_accurate_tier() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("mini.conll");
    fs::write(&file, CONLL).unwrap();
    let out = newsdex()
        .args(["tag", "--ner", "accurate", "--conll"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let tokens: Vec<&str> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("-DOCSTART-"))
        .collect();
    assert_eq!(tokens.len(), 16, "{text}");
    assert_eq!(
        &tokens[..5],
        [
            "Maria B-PER",
            "Lopez I-PER",
            "arrived O",
            "in O",
            "Lisbon B-LOC"
        ]
    );
    assert_eq!(tokens[9..11], ["World B-ORG", "Bank I-ORG"], "{text}");
    assert_eq!(tokens[13], "Germany B-LOC");
    // Margins are the fast tier's; asking for them from the other one is an error.
    let refused = newsdex()
        .args(["tag", "--ner", "accurate", "--margins", "--conll"])
        .arg(&file)
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&refused).contains("--ner fast"));
}

#[test]
fn the_index_records_each_articles_tier_and_a_reindex_says_what_it_kept() {
    let dir = TempDir::new().unwrap();
    let archive = dir.path().join("archive");
    fs::create_dir(&archive).unwrap();
    for name in ["business-001.txt", "business-010.txt"] {
        fs::copy(sample(&format!("bbc/{name}")), archive.join(name)).unwrap();
    }
    let index = dir.path().join("ix");
    let index_with = |tier: &str| {
        let out = newsdex()
            .arg("--index")
            .arg(&index)
            .args(["index", "--ner", tier])
            .arg(&archive)
            .assert()
            .success()
            .get_output()
            .clone();
        String::from_utf8(out.stderr).unwrap()
    };
    let tagged_by = || {
        let out = newsdex()
            .arg("--index")
            .arg(&index)
            .args(["stats", "--json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let stats: Value = serde_json::from_slice(&out).unwrap();
        stats["tagged_by"].clone()
    };
    let first = index_with("accurate");
    assert!(!first.contains("tagger's entities"), "{first}");
    assert_eq!(
        tagged_by(),
        serde_json::json!({"fast": 0, "accurate": 2, "none": 0})
    );
    // One file changes; a fast run re-tags only that one and says what stayed.
    let changed = archive.join("business-010.txt");
    let text = fs::read_to_string(&changed).unwrap();
    fs::write(
        &changed,
        format!("{text}\nShares of Tesco rose in London.\n"),
    )
    .unwrap();
    let second = index_with("fast");
    assert!(
        second.contains("1 article keeps the accurate tagger's entities")
            && second.contains("--rebuild"),
        "{second}"
    );
    assert_eq!(
        tagged_by(),
        serde_json::json!({"fast": 1, "accurate": 1, "none": 0})
    );
}

#[test]
fn tagging_a_file_of_several_articles_keeps_them_apart() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("two.jsonl");
    fs::write(
        &file,
        "{\"title\": \"One\", \"body\": \"Angela Merkel spoke in Berlin.\"}\n\
         {\"title\": \"Two\", \"body\": \"Shares of Toyota rose in Tokyo.\"}\n",
    )
    .unwrap();
    let out = newsdex().arg("tag").arg(&file).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let docs: Vec<&str> = text.split("-DOCSTART- O\n\n").collect();
    assert_eq!(docs.len(), 3, "{text}");
    assert!(docs[0].is_empty(), "{text}");
    assert!(docs[1].contains("Merkel I-PER") && !docs[1].contains("Toyota"));
    assert!(docs[2].contains("Toyota B-ORG"), "{text}");
    // One article: no document marks, as before.
    let single = dir.path().join("one.txt");
    fs::write(&single, "Angela Merkel spoke in Berlin.").unwrap();
    let out = newsdex().arg("tag").arg(&single).output().unwrap();
    assert!(
        !String::from_utf8(out.stdout)
            .unwrap()
            .contains("-DOCSTART-")
    );
}
