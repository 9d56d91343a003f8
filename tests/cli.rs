//! End-to-end tests: they drive the real `newsdex` binary on `sample-corpus/` and on
//! fixtures written to temporary directories.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus")
}

/// `newsdex --index DIR --color never ...`
mod common;
use common::{json_of, newsdex};

fn index_json(index: &Path, paths: &[&Path], extra: &[&str]) -> Value {
    let mut cmd = newsdex(index);
    cmd.arg("index").arg("--json").args(extra).args(paths);
    let out = cmd.assert().success().get_output().clone();
    json_of(&out.stdout)
}

fn search_json(index: &Path, args: &[&str]) -> Value {
    let out = newsdex(index)
        .arg("search")
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    json_of(&out.stdout)
}

/// The `key` field (a string) of every hit.
fn hit_field(result: &Value, key: &str) -> Vec<String> {
    result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h[key].as_str().unwrap().to_string())
        .collect()
}

fn hit_paths(result: &Value) -> Vec<String> {
    hit_field(result, "path")
}

/// An index of the sample corpus in a temp dir, built once per test that needs it.
fn sample_index() -> TempDir {
    let dir = TempDir::new().unwrap();
    let report = index_json(dir.path(), &[&sample_corpus()], &[]);
    assert_eq!(report["failed"].as_array().unwrap().len(), 0, "{report}");
    dir
}

#[test]
fn seed_article_ranks_first_for_shoigu_artillery() {
    let index = sample_index();
    let result = search_json(index.path(), &["Shoigu artillery"]);
    let paths = hit_paths(&result);
    assert!(
        paths[0].ends_with("kim-jong-un-enters-russia.txt"),
        "{paths:?}"
    );
    let first = &result["hits"][0];
    assert_eq!(
        first["headline"],
        "Kim Jong Un: North Korea leader enters Russia to visit Putin"
    );
    assert_eq!(first["byline"][0], "Derek Cai");
    assert_eq!(first["dateline"], "Singapore");
    let snippet = first["snippet"].as_str().unwrap().to_lowercase();
    assert!(
        snippet.contains("shoigu") || snippet.contains("artillery"),
        "{snippet}"
    );
    assert!(!first["highlights"].as_array().unwrap().is_empty());
}

#[test]
fn json_output_has_the_documented_shape() {
    let index = sample_index();
    let result = search_json(index.path(), &["Russia"]);
    assert_eq!(result["query"], "Russia");
    assert!(result["total"].as_u64().unwrap() >= 3);
    for key in [
        "id",
        "path",
        "score",
        "headline",
        "byline",
        "date",
        "dateline",
        "snippet",
        "highlights",
        "headline_highlights",
        "persons",
        "places",
        "orgs",
    ] {
        assert!(
            result["hits"][0].get(key).is_some(),
            "missing {key}: {}",
            result["hits"][0]
        );
    }
}

#[test]
fn second_run_on_unchanged_tree_parses_nothing() {
    let index = sample_index();
    let out = newsdex(index.path())
        .arg("index")
        .arg(sample_corpus())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nothing changed"), "{stderr}");
    let report = index_json(index.path(), &[&sample_corpus()], &[]);
    assert_eq!(report["files_indexed"], 0);
    assert_eq!(report["files_unchanged"], report["files_seen"]);
}

#[test]
fn incremental_indexing_handles_changed_new_and_deleted_files() {
    let corpus = TempDir::new().unwrap();
    let index = TempDir::new().unwrap();
    let a = corpus.path().join("a.txt");
    let b = corpus.path().join("b.txt");
    fs::write(
        &a,
        "Alpha headline\n\nThe first story mentions zebras in the text body.",
    )
    .unwrap();
    fs::write(
        &b,
        "Beta headline\n\nThe second story mentions giraffes in the body.",
    )
    .unwrap();
    let first = index_json(index.path(), &[corpus.path()], &[]);
    assert_eq!(first["files_indexed"], 2);
    assert_eq!(first["documents"], 2);

    // Change a (different size, so the fingerprint changes), delete b, add c.
    fs::write(
        &a,
        "Alpha headline\n\nThe first story now mentions okapis instead, at greater length.",
    )
    .unwrap();
    fs::remove_file(&b).unwrap();
    fs::write(
        corpus.path().join("c.txt"),
        "Gamma headline\n\nA third story about pangolins.",
    )
    .unwrap();
    let second = index_json(index.path(), &[corpus.path()], &[]);
    assert_eq!(second["files_indexed"], 2, "{second}");
    assert_eq!(second["files_removed"], 1, "{second}");
    assert_eq!(second["documents"], 2, "{second}");
    assert_eq!(search_json(index.path(), &["zebras"])["total"], 0);
    assert_eq!(search_json(index.path(), &["okapis"])["total"], 1);
    assert_eq!(search_json(index.path(), &["giraffes"])["total"], 0);
    assert_eq!(search_json(index.path(), &["pangolins"])["total"], 1);

    // --rebuild starts fresh and indexes everything again.
    let rebuilt = index_json(index.path(), &[corpus.path()], &["--rebuild"]);
    assert_eq!(rebuilt["files_indexed"], 2);
    assert_eq!(rebuilt["documents"], 2);
}

#[test]
fn entity_filters_match_name_parts_case_and_accents() {
    let index = sample_index();
    let by_surname = hit_paths(&search_json(index.path(), &["--person", "Shoigu"]));
    assert!(
        by_surname
            .iter()
            .any(|p| p.ends_with("kim-jong-un-enters-russia.txt")),
        "{by_surname:?}"
    );
    let by_full = hit_paths(&search_json(index.path(), &["--person", "SERGÉI SHOIGU"]));
    assert_eq!(by_surname, by_full);
    let both = search_json(
        index.path(),
        &[
            "arms deal",
            "--person",
            "Kim Jong Un",
            "--place",
            "Vladivostok",
        ],
    );
    assert!(
        hit_paths(&both)[0].ends_with("kim-jong-un-enters-russia.txt"),
        "{both}"
    );
    let none = search_json(index.path(), &["--person", "Shoigu", "--place", "Cuba"]);
    assert_eq!(none["total"], 0);
}

#[test]
fn filters_without_query_list_newest_first_and_dates_filter() {
    let index = sample_index();
    let all = search_json(index.path(), &["--byline", "anna petrova", "--limit", "50"]);
    let dates: Vec<&str> = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates.len(), 3, "{all}");
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    let window = search_json(
        index.path(),
        &["--since", "2023-09-13", "--until", "2023-09-14"],
    );
    let headlines: Vec<&str> = window["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["headline"].as_str().unwrap())
        .collect();
    assert_eq!(headlines.len(), 2, "{headlines:?}");
    assert!(headlines.contains(&"Seoul warns Moscow over arms cooperation"));
}

#[test]
fn dates_filter_by_the_day_the_source_printed() {
    let corpus = TempDir::new().unwrap();
    let index = TempDir::new().unwrap();
    // 01:30 on the 14th in Tokyo is 16:30 on the 13th in UTC.
    fs::write(
        corpus.path().join("two.jsonl"),
        "{\"id\":\"tokyo\",\"headline\":\"Typhoon nears Tokyo\",\"body\":\"The storm neared the coast.\",\"date\":\"2023-09-14T01:30:00+09:00\"}\n\
         {\"id\":\"london\",\"headline\":\"Storm warning in London\",\"body\":\"The storm neared the coast.\",\"date\":\"2023-09-13T20:00:00Z\"}\n",
    )
    .unwrap();
    index_json(index.path(), &[corpus.path()], &[]);
    let ids = |args: &[&str]| hit_field(&search_json(index.path(), args), "id");
    assert_eq!(ids(&["storm", "--since", "2023-09-14"]), vec!["tokyo"]);
    assert_eq!(ids(&["storm", "--until", "2023-09-13"]), vec!["london"]);
    let tokyo = search_json(index.path(), &["storm", "--since", "2023-09-14"]);
    assert_eq!(tokyo["hits"][0]["date"], "2023-09-14T01:30:00+09:00");
}

/// Each stdout line of a command as JSON.
fn json_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| json_of(l.as_bytes()))
        .collect()
}

#[test]
fn export_streams_every_article_whole_or_the_matches() {
    let index = sample_index();
    let out = newsdex(index.path()).arg("export").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let articles = json_lines(&out.stdout);
    let stats = json_of(
        &newsdex(index.path())
            .args(["stats", "--json"])
            .output()
            .unwrap()
            .stdout,
    );
    assert_eq!(articles.len() as u64, stats["documents"].as_u64().unwrap());
    let ids: std::collections::HashSet<&str> =
        articles.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), articles.len(), "ids are unique");
    // Whole articles: body, entities with counts, places with their country.
    let seed = articles
        .iter()
        .find(|a| {
            a["path"]
                .as_str()
                .unwrap()
                .ends_with("kim-jong-un-enters-russia.txt")
        })
        .expect("the seed article is exported");
    assert!(seed["body"].as_str().unwrap().contains("Shoigu"));
    let shoigu = common::named(&seed["persons"], "Sergei Shoigu").expect("Shoigu is a person");
    assert!(shoigu["count"].as_u64().unwrap() >= 1);
    let vladivostok = common::named(&seed["places"], "Vladivostok").expect("Vladivostok");
    assert_eq!(vladivostok["country"], "Russia");

    // A query and filters export what the same search matches.
    let search = search_json(index.path(), &["artillery", "--person", "Shoigu"]);
    let matched = newsdex(index.path())
        .args(["export", "artillery", "--person", "Shoigu"])
        .output()
        .unwrap();
    assert_eq!(
        json_lines(&matched.stdout).len() as u64,
        search["total"].as_u64().unwrap()
    );
    let nothing = newsdex(index.path())
        .args(["export", "--person", "Nobody Atall"])
        .output()
        .unwrap();
    assert_eq!(nothing.status.code(), Some(1));
    assert!(nothing.stdout.is_empty());

    // OpenSearch `_bulk`: an action naming the article id before each article.
    let bulk = newsdex(index.path())
        .args(["export", "--format", "opensearch", "--index-name", "news"])
        .output()
        .unwrap();
    let lines = json_lines(&bulk.stdout);
    assert_eq!(lines.len(), 2 * articles.len());
    for pair in lines.chunks(2) {
        assert_eq!(pair[0]["index"]["_index"], "news");
        assert_eq!(pair[0]["index"]["_id"], pair[1]["id"]);
    }
    let ids: std::collections::HashSet<&str> = lines
        .chunks(2)
        .map(|pair| pair[0]["index"]["_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), articles.len(), "one _id per article, none twice");
}

#[test]
fn export_mappings_for_opensearch_and_sphinx() {
    let nowhere = TempDir::new().unwrap();
    // Printing a definition needs no index.
    let mapping = newsdex(nowhere.path())
        .args(["export", "--mapping", "opensearch"])
        .output()
        .unwrap();
    assert!(mapping.status.success());
    let mapping = json_of(&mapping.stdout);
    assert_eq!(mapping["mappings"]["properties"]["date"]["type"], "date");
    assert_eq!(
        mapping["mappings"]["properties"]["persons"]["properties"]["name"]["type"],
        "keyword"
    );
    let sphinx = newsdex(nowhere.path())
        .args(["export", "--mapping", "sphinx", "--index-name", "news"])
        .output()
        .unwrap();
    let config = String::from_utf8(sphinx.stdout).unwrap();
    assert!(
        config.contains("index news") && config.contains("type = rt"),
        "{config}"
    );
    // A definition and a query together make no sense.
    let both = newsdex(nowhere.path())
        .args(["export", "--mapping", "sphinx", "artillery"])
        .output()
        .unwrap();
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn query_syntax_phrases_or_not_and_fields() {
    let index = sample_index();
    let phrase = search_json(index.path(), &["\"arms deal\""])["total"]
        .as_u64()
        .unwrap();
    let words = search_json(index.path(), &["arms deal"])["total"]
        .as_u64()
        .unwrap();
    assert!(phrase >= 1 && phrase <= words);
    let without = search_json(index.path(), &["\"arms deal\" -Putin"])["total"]
        .as_u64()
        .unwrap();
    assert!(without < phrase);
    let not = search_json(index.path(), &["\"arms deal\" NOT Putin"])["total"]
        .as_u64()
        .unwrap();
    assert_eq!(not, without);
    // Lucene's `a AND NOT b` is `a -b` (Tantivy alone would match nothing).
    let and_not = search_json(index.path(), &["\"arms deal\" AND NOT Putin"])["total"]
        .as_u64()
        .unwrap();
    assert_eq!(and_not, without);
    assert!(and_not >= 1);
    let either = search_json(index.path(), &["okapi OR Mutu"])["total"]
        .as_u64()
        .unwrap();
    assert!(either >= 1);
    let headline_only = hit_paths(&search_json(index.path(), &["headline:mutu"]));
    assert_eq!(headline_only.len(), 1);
    assert!(headline_only[0].ends_with("sport-199.txt"));
    let caption = hit_paths(&search_json(index.path(), &["caption:\"private train\""]));
    assert_eq!(caption.len(), 1);
}

#[test]
fn apostrophes_in_words_are_searched_not_parsed_as_quotes() {
    let index = sample_index();
    let total = |query: &str| {
        search_json(index.path(), &[query])["total"]
            .as_u64()
            .unwrap()
    };
    // "Kim's longest" is in the sample's wire story; the apostrophe is not a quote.
    let possessive = total("Kim's longest");
    assert!(possessive >= 1);
    assert!(possessive <= total("Kim longest"));
    assert_eq!(total("Russia's"), total("\"Russia's\""));
    // A quote that starts a word still opens a phrase.
    assert_eq!(total("'arms deal'"), total("\"arms deal\""));
}

#[test]
fn pagination_with_limit_and_offset() {
    let index = sample_index();
    let all = hit_paths(&search_json(index.path(), &["the", "--limit", "100"]));
    assert!(all.len() > 5);
    let page = hit_paths(&search_json(
        index.path(),
        &["the", "--limit", "2", "--offset", "3"],
    ));
    assert_eq!(page, all[3..5].to_vec());
}

#[test]
fn malformed_query_gives_one_line_error() {
    let index = sample_index();
    for query in ["\"unbalanced", "nosuchfield:x"] {
        let out = newsdex(index.path())
            .args(["search", query])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(stderr.contains("invalid query"), "{stderr}");
    }
}

#[test]
fn no_results_says_so() {
    let index = sample_index();
    let out = newsdex(index.path())
        .args(["search", "xylophonequartz"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no results"));
}

#[test]
fn show_by_id_and_by_path() {
    let index = sample_index();
    let out = newsdex(index.path())
        .args(["show", "--json", "feed-001"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let article = json_of(&out.stdout);
    assert_eq!(
        article["headline"],
        "Seoul warns Moscow over arms cooperation"
    );
    assert_eq!(article["date"], "2023-09-14T06:00:00Z");
    let seed = sample_corpus().join("seed/kim-jong-un-enters-russia.txt");
    let out = newsdex(index.path())
        .arg("show")
        .arg(&seed)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Derek Cai") && text.contains("caption"),
        "{text}"
    );
    let missing = newsdex(index.path())
        .args(["show", "nope"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn extract_prints_the_seed_fields() {
    let seed = sample_corpus().join("seed/kim-jong-un-enters-russia.txt");
    let out = Command::cargo_bin("newsdex")
        .unwrap()
        .arg("extract")
        .arg(&seed)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1);
    let a = json_of(text.as_bytes());
    assert_eq!(
        a["headline"],
        "Kim Jong Un: North Korea leader enters Russia to visit Putin"
    );
    assert_eq!(a["byline"], serde_json::json!(["Derek Cai"]));
    assert_eq!(a["dateline"], "Singapore");
    let captions = a["captions"].as_array().unwrap();
    assert_eq!(captions.len(), 4, "{captions:?}");
    assert!(captions.contains(&Value::from(
        "In July Russian Defence Minister Sergei Shoigu visited North Korea"
    )));
    let body = a["body"].as_str().unwrap();
    assert!(body.starts_with("North Korea’s leader Kim Jong Un has crossed the border"));
    assert!(
        body.ends_with("since the Covid pandemic."),
        "{}",
        &body[body.len() - 80..]
    );
    for junk in [
        "Image caption",
        "Leave a Reply",
        "Required fields",
        "By Derek Cai",
    ] {
        assert!(!body.contains(junk), "body contains {junk:?}");
    }
    for key in ["persons", "places", "orgs", "date", "id", "path"] {
        assert!(a.get(key).is_some());
    }
}

#[test]
fn extract_jsonl_prints_one_line_per_article() {
    let out = Command::cargo_bin("newsdex")
        .unwrap()
        .arg("extract")
        .arg(sample_corpus().join("json/feed.jsonl"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
}

#[test]
fn extract_reads_a_folder_like_index_and_says_each_error_once() {
    let extract = |path: &Path| {
        Command::cargo_bin("newsdex")
            .unwrap()
            .arg("extract")
            .arg(path)
            .output()
            .unwrap()
    };
    let corpus = TempDir::new().unwrap();
    fs::create_dir(corpus.path().join("b")).unwrap();
    fs::write(
        corpus.path().join("b/second.txt"),
        "Second story\n\nShares rose in Tokyo on Monday, traders said.",
    )
    .unwrap();
    fs::write(
        corpus.path().join("first.txt"),
        "ABUJA — The agency arrested 14 suspects at the airport, its spokesman said on Sunday.",
    )
    .unwrap();
    fs::write(corpus.path().join("photo.png"), [0x89, b'P', b'N', b'G']).unwrap();
    let out = extract(corpus.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let articles: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Both article files in path order, the picture left out.
    let paths: Vec<&str> = articles
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].ends_with("b/second.txt") && paths[1].ends_with("first.txt"));
    // A file that opens with its dated lead has no headline, and the dateline counts.
    assert_eq!(articles[1]["headline"], "");
    assert_eq!(articles[1]["dateline"], "Abuja");

    let empty = TempDir::new().unwrap();
    let out = extract(empty.path());
    // Nothing to do is no failure, but it is said.
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no article files"));

    let out = extract(&corpus.path().join("missing.txt"));
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(stderr.matches("os error").count(), 1, "{stderr}");
    assert!(stderr.contains("missing.txt"), "{stderr}");
}

#[test]
fn a_missing_folder_given_to_index_is_one_failure() {
    let index = TempDir::new().unwrap();
    let out = newsdex(index.path())
        .arg("index")
        .arg("--json")
        .arg(index.path().join("no-such-archive"))
        .output()
        .unwrap();
    let report = json_of(&out.stdout);
    assert_eq!(report["failed"].as_array().unwrap().len(), 1, "{report}");
}

#[test]
fn canonical_gives_extracted_shards_the_names_an_index_gives() {
    let corpus = TempDir::new().unwrap();
    let texts = [
        (
            "a.txt",
            "Putin opens forum\n\nVladimir Putin opened a forum in Vladivostok on Tuesday. Vladimir Putin spoke for an hour.\n",
        ),
        (
            "b.txt",
            "Kremlin budget\n\nVladimir Putin said in Moscow that pensions would rise, officials said.\n",
        ),
        (
            "c.txt",
            "Budget talks\n\nPutin said on Wednesday that the budget would protect pensions. Putin added that growth was strong.\n",
        ),
        (
            "d.txt",
            "Fund warns on debt\n\nThe International Monetary Fund warned on Monday that debt was rising, and the IMF said rates would stay high.\n",
        ),
    ];
    for (name, text) in texts {
        fs::write(corpus.path().join(name), text).unwrap();
    }
    // Two "shards", as newsdex-scale writes them: `extract` output, a batch of files each.
    let shards = TempDir::new().unwrap();
    for (shard, names) in [
        ("s1.jsonl", &["a.txt", "b.txt"][..]),
        ("s2.jsonl", &["c.txt", "d.txt"]),
    ] {
        // One `extract` of several files, as newsdex-scale runs a batch.
        let out = Command::cargo_bin("newsdex")
            .unwrap()
            .arg("extract")
            .args(names.iter().map(|name| corpus.path().join(name)))
            .output()
            .unwrap();
        assert!(out.status.success());
        assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
        fs::write(shards.path().join(shard), out.stdout).unwrap();
    }
    let aliases = shards.path().join("aliases.json");
    let out = Command::cargo_bin("newsdex")
        .unwrap()
        .arg("canonical")
        .arg("--aliases")
        .arg(&aliases)
        .arg(shards.path().join("s1.jsonl"))
        .arg(shards.path().join("s2.jsonl"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let persons_by_headline = |text: &[u8]| -> std::collections::BTreeMap<String, Vec<String>> {
        String::from_utf8_lossy(text)
            .lines()
            .map(|l| {
                let a = json_of(l.as_bytes());
                (
                    a["headline"].as_str().unwrap().to_string(),
                    common::names(&a["persons"]),
                )
            })
            .collect()
    };
    let canonical = persons_by_headline(&out.stdout);
    assert_eq!(
        canonical["Budget talks"],
        ["Vladimir Putin"],
        "{canonical:?}"
    );
    // The same names a local index of the same files exports.
    let index = TempDir::new().unwrap();
    newsdex(index.path())
        .arg("index")
        .arg(corpus.path())
        .assert()
        .success();
    let exported = newsdex(index.path()).arg("export").output().unwrap();
    assert_eq!(canonical, persons_by_headline(&exported.stdout));
    let decided = json_of(&fs::read(&aliases).unwrap());
    assert_eq!(decided["person"]["Putin"], "Vladimir Putin", "{decided}");
    assert_eq!(
        decided["acronyms"]["IMF"], "International Monetary Fund",
        "{decided}"
    );
    // A filter typed as the acronym finds the article that spelled the name out.
    let found = newsdex(index.path())
        .args(["search", "--org", "IMF", "--json"])
        .output()
        .unwrap();
    assert_eq!(json_of(&found.stdout)["total"], 1);
    // Not an article: the file and line are named.
    fs::write(shards.path().join("bad.jsonl"), "{\"id\": 3}\nnot json\n").unwrap();
    let bad = Command::cargo_bin("newsdex")
        .unwrap()
        .arg("canonical")
        .arg(shards.path().join("bad.jsonl"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("bad.jsonl:1"));
}

#[test]
fn stats_reports_documents_and_entities() {
    let index = sample_index();
    let out = newsdex(index.path())
        .args(["stats", "--json"])
        .output()
        .unwrap();
    let stats = json_of(&out.stdout);
    assert_eq!(stats["documents"], 28);
    assert!(stats["index_bytes"].as_u64().unwrap() > 0);
    assert!(!stats["top_persons"].as_array().unwrap().is_empty());
    let text = newsdex(index.path()).arg("stats").output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("28 articles"));
}

#[test]
fn formats_encodings_and_bad_records() {
    let corpus = TempDir::new().unwrap();
    let index = TempDir::new().unwrap();
    let c = corpus.path();
    // Windows-1252 with a pound sign and curly quotes.
    fs::write(c.join("cp1252.txt"), b"Caf\xe9 prices soar\n\nA \x93flat white\x94 now costs \xa34 in the capital, the owner said.").unwrap();
    // UTF-16LE with BOM.
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "Utf sixteen headline\n\nBody about wombats.".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    fs::write(c.join("utf16.txt"), utf16).unwrap();
    // gzip text.
    {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"Gzipped headline\n\nBody about narwhals.")
            .unwrap();
        fs::write(c.join("zipped.txt.gz"), gz.finish().unwrap()).unwrap();
    }
    // JSONL with a broken line between good ones.
    fs::write(c.join("feed.jsonl"), "{\"title\":\"One\",\"body\":\"capybaras\"}\n{not json\n{\"title\":\"Three\",\"body\":\"capybaras again\"}\n").unwrap();
    // A binary file named .txt, an empty file, and a file of another type.
    fs::write(c.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fs::write(c.join("empty.txt"), b"").unwrap();
    fs::write(c.join("photo.png"), b"\x89PNG").unwrap();
    // Hidden files are skipped unless --hidden.
    fs::write(
        c.join(".hidden.txt"),
        "Hidden headline\n\nSecret aardvarks.",
    )
    .unwrap();

    let report = index_json(index.path(), &[c], &[]);
    assert_eq!(report["files_seen"], 6, "{report}");
    assert_eq!(report["documents"], 5, "{report}");
    let failed: Vec<String> = report["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("{} {}", p["path"], p["reason"]))
        .collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(
        failed
            .iter()
            .any(|f| f.contains("image.txt") && f.contains("binary")),
        "{failed:?}"
    );
    assert!(failed.iter().any(|f| f.contains("empty.txt")), "{failed:?}");
    let warnings = report["warnings"].to_string();
    assert!(warnings.contains("line 2"), "{warnings}");
    assert!(warnings.contains("windows-1252"), "{warnings}");

    assert_eq!(search_json(index.path(), &["wombats"])["total"], 1);
    assert_eq!(search_json(index.path(), &["narwhals"])["total"], 1);
    assert_eq!(search_json(index.path(), &["capybaras"])["total"], 2);
    assert_eq!(search_json(index.path(), &["aardvarks"])["total"], 0);
    let cafe = search_json(index.path(), &["café"]);
    assert_eq!(cafe["total"], 1);
    assert!(
        cafe["hits"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("“flat white” now costs £4")
    );

    let with_hidden = index_json(index.path(), &[c], &["--hidden"]);
    assert_eq!(with_hidden["files_seen"], 7);
    assert_eq!(search_json(index.path(), &["aardvarks"])["total"], 1);
}

/// A folder holding one article file.
fn one_story_corpus() -> TempDir {
    let corpus = TempDir::new().unwrap();
    fs::write(
        corpus.path().join("story.txt"),
        "Wombat census\n\nWombats were counted.",
    )
    .unwrap();
    corpus
}

/// An index run's JSON report saw the one story and nothing failed.
fn saw_the_story_only(report: &Value, run: usize) {
    assert_eq!(report["files_seen"], 1, "run {run}: {report}");
    assert_eq!(
        report["failed"].as_array().unwrap().len(),
        0,
        "run {run}: {report}"
    );
}

/// An index kept inside the folder it indexes is no part of the archive: its own files
/// (meta.json, aliases.json) are neither read as articles nor reported as failures.
#[test]
fn an_index_inside_its_archive_is_not_indexed() {
    let corpus = one_story_corpus();
    let c = corpus.path();
    let index = c.join("my-index");
    for run in 0..2 {
        let report = index_json(&index, &[c], &[]);
        saw_the_story_only(&report, run);
        assert_eq!(report["documents"], 1, "run {run}: {report}");
    }
    // Given by a relative path, from inside the archive, as a user would.
    let corpus = one_story_corpus();
    for run in 0..2 {
        let out = newsdex(Path::new("idx"))
            .current_dir(corpus.path())
            .args(["index", "--json", "."])
            .assert()
            .success()
            .get_output()
            .clone();
        saw_the_story_only(&json_of(&out.stdout), run);
    }
}

/// Through a followed link the index inside the archive is still left out.
#[cfg(unix)]
#[test]
fn an_index_linked_into_its_archive_is_not_indexed_with_follow() {
    let corpus = one_story_corpus();
    let elsewhere = TempDir::new().unwrap();
    let c = corpus.path();
    let index = elsewhere.path().join("idx");
    index_json(&index, &[c], &["--follow"]);
    std::os::unix::fs::symlink(&index, c.join("idx-link")).unwrap();
    for run in 0..2 {
        saw_the_story_only(&index_json(&index, &[c], &["--follow"]), run);
    }
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_harmless() {
    let corpus = TempDir::new().unwrap();
    let index = TempDir::new().unwrap();
    let sub = corpus.path().join("sub");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("a.txt"), "Loop headline\n\nBody about lemurs.").unwrap();
    std::os::unix::fs::symlink(corpus.path(), sub.join("loop")).unwrap();
    let report = index_json(index.path(), &[corpus.path()], &["--follow"]);
    assert_eq!(report["documents"], 1, "{report}");
    assert!(report["failed"].to_string().contains("loop"), "{report}");
}

#[test]
fn index_location_from_environment_and_missing_index_error() {
    let index = TempDir::new().unwrap();
    let location = index.path().join("ix");
    let mut cmd = Command::cargo_bin("newsdex").unwrap();
    cmd.env("NEWSDEX_INDEX", &location)
        .arg("index")
        .arg(sample_corpus().join("json"));
    cmd.assert().success();
    assert!(location.join("newsdex.json").exists());

    let out = newsdex(&index.path().join("nothing-here"))
        .args(["search", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no newsdex index") && stderr.contains("newsdex index PATH"),
        "{stderr}"
    );
}

#[test]
fn other_schema_version_asks_for_rebuild() {
    let index = sample_index();
    fs::write(
        index.path().join("newsdex.json"),
        r#"{"schema_version": 0}"#,
    )
    .unwrap();
    let out = newsdex(index.path())
        .args(["search", "Russia"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--rebuild"), "{stderr}");
    // And --rebuild fixes it.
    index_json(index.path(), &[&sample_corpus()], &["--rebuild"]);
    assert!(
        search_json(index.path(), &["Russia"])["total"]
            .as_u64()
            .unwrap()
            > 0
    );
}

#[test]
fn nothing_indexable_exits_non_zero() {
    let corpus = TempDir::new().unwrap();
    let index = TempDir::new().unwrap();
    fs::write(corpus.path().join("bin.txt"), b"\0\0\0\0").unwrap();
    let out = newsdex(index.path())
        .arg("index")
        .arg(corpus.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary"));
    let missing = newsdex(index.path())
        .arg("index")
        .arg(corpus.path().join("nope"))
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn html_pages_index_and_extract() {
    use std::io::Write;
    let corpus = TempDir::new().unwrap();
    let index = TempDir::new().unwrap();
    let page = r#"<!doctype html><html><head><meta charset="windows-1252">
<meta property="og:title" content="Ferry strike strands travellers">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-05T07:00:00Z"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Ferry strike strands travellers</h1>
<figure><img src="f.jpg"><figcaption>Passengers wait at the caf&eacute; in Calais</figcaption></figure>
<p>Thousands of travellers were stranded in Calais on Tuesday after ferry workers walked out over pay, the operator said in a statement.</p>
<p>The union said the strike would continue until the company made a better offer, and warned of further action at other ports.</p>
</article><div class="related"><a href="/x">Other story one</a><a href="/y">Other story two</a></div></body></html>"#;
    // Windows-1252 bytes for the accented text.
    let bytes: Vec<u8> = page
        .replace("&eacute;", "\u{e9}")
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    fs::write(corpus.path().join("strike.html"), &bytes).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(
        page.replace("Ferry strike", "Rail strike")
            .replace("ferry workers", "rail workers")
            .as_bytes(),
    )
    .unwrap();
    fs::write(corpus.path().join("rail.htm.gz"), gz.finish().unwrap()).unwrap();

    let out = Command::cargo_bin("newsdex")
        .unwrap()
        .arg("extract")
        .arg(corpus.path().join("strike.html"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let a = json_of(&out.stdout);
    assert_eq!(a["headline"], "Ferry strike strands travellers");
    assert_eq!(a["byline"], serde_json::json!(["Jane Doe"]));
    assert_eq!(a["date"], "2024-03-05T07:00:00Z");
    assert_eq!(
        a["captions"],
        serde_json::json!(["Passengers wait at the café in Calais"])
    );
    let body = a["body"].as_str().unwrap();
    assert!(
        body.starts_with("Thousands of travellers were stranded in Calais"),
        "{body}"
    );
    assert!(
        !body.contains("Home")
            && !body.contains("Other story")
            && !body.contains("Passengers wait"),
        "{body}"
    );

    let report = index_json(index.path(), &[corpus.path()], &[]);
    assert_eq!(report["documents"], 2, "{report}");
    assert_eq!(search_json(index.path(), &["headline:rail"])["total"], 1);
    assert_eq!(search_json(index.path(), &["caption:café"])["total"], 2);
    let calais = search_json(index.path(), &["--place", "France"]);
    assert_eq!(calais["total"], 2, "Calais is in France: {calais}");
}

#[test]
fn no_entities_indexes_text_only() {
    let dir = TempDir::new().unwrap();
    let report = index_json(dir.path(), &[&sample_corpus()], &["--no-entities"]);
    assert!(
        report["articles_indexed"].as_u64().unwrap() > 20,
        "{report}"
    );
    let text = search_json(dir.path(), &["Shoigu artillery"]);
    assert!(hit_paths(&text)[0].ends_with("kim-jong-un-enters-russia.txt"));
    assert!(text["hits"][0]["persons"].as_array().unwrap().is_empty());
    let filtered = search_json(dir.path(), &["Shoigu", "--person", "Kim Jong Un"]);
    assert_eq!(filtered["total"], 0, "{filtered}");
}

fn hit_ids(result: &Value) -> Vec<String> {
    hit_field(result, "id")
}

#[test]
fn tied_hits_are_listed_in_id_hash_order_whatever_the_index_order() {
    // Twelve copies of one wire story, written in a shuffled id order: every copy scores
    // the same, so only the tie rule decides which ones a page shows. Indexed twice, in two
    // orders and with one and two threads: both indexes must list the same pages.
    let ids: Vec<String> = (0..12).map(|n| format!("wire-{n:02}")).collect();
    let later = ["wire-03", "wire-09", "wire-11"];
    let write = |dir: &Path, order: &[usize]| {
        let lines: Vec<String> = order
            .iter()
            .map(|&n| {
                // Three copies carry a later date: they lead the newest-first listing.
                let date = if later.contains(&ids[n].as_str()) {
                    "2024-05-02"
                } else {
                    "2024-05-01"
                };
                format!(
                    r#"{{"id": "{}", "headline": "Arms deal signed", "date": "{date}", "body": "The arms deal was signed in Vladivostok on Tuesday."}}"#,
                    ids[n]
                )
            })
            .collect();
        fs::write(dir.join("wire.jsonl"), lines.join("\n")).unwrap();
    };
    let by_hash = |mut list: Vec<&String>| {
        list.sort_by_key(|id| xxhash_rust::xxh3::xxh3_64(id.as_bytes()));
        list.into_iter().cloned().collect::<Vec<String>>()
    };
    let all = by_hash(ids.iter().collect());
    let newest = [
        by_hash(
            ids.iter()
                .filter(|id| later.contains(&id.as_str()))
                .collect(),
        ),
        by_hash(
            ids.iter()
                .filter(|id| !later.contains(&id.as_str()))
                .collect(),
        ),
    ]
    .concat();
    for (order, threads) in [
        ([7, 2, 11, 0, 9, 4, 1, 10, 3, 8, 6, 5], "2"),
        ([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], "1"),
    ] {
        let corpus = TempDir::new().unwrap();
        write(corpus.path(), &order);
        let index = TempDir::new().unwrap();
        let report = index_json(index.path(), &[corpus.path()], &["--threads", threads]);
        assert_eq!(report["articles_indexed"], 12, "{report}");

        let first = search_json(index.path(), &["arms deal", "--limit", "4"]);
        let scores: Vec<f64> = first["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["score"].as_f64().unwrap())
            .collect();
        assert!(scores.windows(2).all(|w| w[0] == w[1]), "{scores:?}");
        assert_eq!(hit_ids(&first), all[..4]);
        let second = search_json(
            index.path(),
            &["arms deal", "--limit", "4", "--offset", "4"],
        );
        assert_eq!(hit_ids(&second), all[4..8]);

        // Without query text: newest first, then in the same tie order.
        let listed = search_json(index.path(), &["--place", "Vladivostok", "--limit", "5"]);
        assert_eq!(hit_ids(&listed), newest[..5]);
    }
}

/// Names of one kind in `extract` JSON.
fn names_of(article: &Value, kind: &str) -> Vec<String> {
    article[kind]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

/// A rugby report lists the countries it names as teams among its organisations, yet
/// `--place` finds it through them; a story about the country keeps it a place, and the
/// archive-wide type vote does not make the country an organisation there.
#[test]
fn teams_in_a_sports_story_are_organisations_and_still_place_the_story() {
    let dir = TempDir::new().unwrap();
    let archive = dir.path().join("archive");
    fs::create_dir(&archive).unwrap();
    fs::write(
        archive.join("rugby.txt"),
        "Wales beat France in the rugby match\n\n\
         Wales beat France 24-18 in the Six Nations rugby match on Saturday. France coach \
         Bernard Laporte said his squad had lost the match in the second half, when the Wales \
         fly-half kicked two penalties. Wales face Scotland next.\n",
    )
    .unwrap();
    fs::write(
        archive.join("wine.txt"),
        "French wine exports rise\n\n\
         Wine exports from France rose by 8% last year, the growers' association said in Paris. \
         Growers in France expect another good year.\n",
    )
    .unwrap();
    let extracted = Command::cargo_bin("newsdex")
        .unwrap()
        .arg("extract")
        .arg(archive.join("rugby.txt"))
        .output()
        .unwrap();
    assert!(extracted.status.success());
    let rugby = json_of(&extracted.stdout);
    let orgs = names_of(&rugby, "orgs");
    for team in ["Wales", "France", "Scotland"] {
        assert!(orgs.contains(&team.to_string()), "{orgs:?}");
        assert!(!names_of(&rugby, "places").contains(&team.to_string()));
    }
    let index = dir.path().join("idx");
    let report = index_json(&index, &[&archive], &[]);
    assert_eq!(report["files_indexed"], 2, "{report}");
    let mut found = hit_paths(&search_json(&index, &["--place", "France"]));
    found.sort();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].ends_with("rugby.txt") && found[1].ends_with("wine.txt"));
    // A nation named only as a team still places the report, and its country too.
    for place in ["Wales", "United Kingdom"] {
        let found = hit_paths(&search_json(&index, &["--place", place]));
        assert_eq!(found.len(), 1, "{place}: {found:?}");
        assert!(found[0].ends_with("rugby.txt"));
    }
    let wine = search_json(&index, &["exports"]);
    let places = wine["hits"][0]["places"].to_string();
    assert!(places.contains("France"), "{places}");
}

#[test]
fn a_county_or_state_alone_files_the_story_under_its_country() {
    let corpus = TempDir::new().unwrap();
    fs::write(
        corpus.path().join("drought.txt"),
        "Drought kills cattle\n\nHerders in Baringo County and Uasin Gishu lost hundreds of \
         cattle to the drought this month, county officials said on Tuesday.\n",
    )
    .unwrap();
    fs::write(
        corpus.path().join("flood.txt"),
        "Floods cut roads\n\nHeavy rain flooded roads across Lagos State on Monday, and the \
         emergency agency said more storms were expected.\n",
    )
    .unwrap();
    let index = TempDir::new().unwrap();
    index_json(index.path(), &[corpus.path()], &[]);
    let kenya = hit_paths(&search_json(index.path(), &["--place", "Kenya"]));
    assert_eq!(kenya.len(), 1, "{kenya:?}");
    assert!(kenya[0].ends_with("drought.txt"), "{kenya:?}");
    let nigeria = hit_paths(&search_json(index.path(), &["--place", "Nigeria"]));
    assert_eq!(nigeria.len(), 1, "{nigeria:?}");
    assert!(nigeria[0].ends_with("flood.txt"), "{nigeria:?}");
}
