//! `newsdex extract` on saved news pages written after common news-site markup patterns
//! (`tests/fixtures/news-pages/`): metadata as the page states it, body without the page's
//! furniture.

mod common;

use std::path::PathBuf;

use assert_cmd::Command;
use common::json_of;
use serde_json::{Value, json};

fn extract(page: &str) -> Value {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests/fixtures/news-pages",
        page,
    ]
    .iter()
    .collect();
    let out = Command::cargo_bin("newsdex")
        .unwrap()
        .arg("extract")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_of(&out.stdout)
}

fn body(article: &Value) -> &str {
    article["body"].as_str().expect("a body")
}

#[test]
fn json_ld_authors_and_the_pages_own_time_zone() {
    let a = extract("jsonld-two-authors-local-time.html");
    assert_eq!(
        a["headline"],
        "Ports along the coast reopen as typhoon moves north"
    );
    // Names in capitals are title-cased; the meta tag's "By … and …" agrees and adds none.
    assert_eq!(a["byline"], json!(["Aiko Tanaka", "Ravi Menon"]));
    // 01:30 in Tokyo on the 14th is the 13th in UTC: the page's day is kept.
    assert_eq!(a["date"], "2023-09-14T01:30:00+09:00");
    assert_eq!(
        a["captions"],
        json!(["Cranes stand idle at the container terminal on Wednesday."])
    );
    let text = body(&a);
    assert!(text.starts_with("Container ports along the southern coast reopened"));
    assert!(
        text.ends_with("before moving out to sea on Monday."),
        "{text}"
    );
    for junk in [
        "More on this story",
        "Typhoon shuts ports",
        "newsletter",
        "All rights reserved",
        "Kenji Sato",
    ] {
        assert!(!text.contains(junk), "body has {junk:?}: {text}");
    }
}

#[test]
fn byline_titles_are_not_names_and_a_dateline_element_counts() {
    let a = extract("byline-titles-dateline-element.html");
    assert_eq!(
        a["headline"],
        "Central bank holds rates steady for a third month"
    );
    assert_eq!(a["byline"], json!(["Maria Gonzalez", "Tom O'Neil"]));
    assert_eq!(a["date"], "2024-02-07T16:45:00-05:00");
    assert_eq!(a["dateline"], "OTTAWA");
    assert_eq!(
        a["captions"],
        json!(["The governor speaks to reporters after the decision."])
    );
    let text = body(&a);
    assert!(
        text.contains("kept its benchmark interest rate unchanged"),
        "{text}"
    );
    assert!(text.contains("down from a peak of more than 8 per cent"));
    assert!(!text.contains("Lee Park"), "{text}");
}

#[test]
fn rel_author_links_and_a_wire_dateline_in_the_lead() {
    let a = extract("rel-author-wire-lead.html");
    assert_eq!(
        a["headline"],
        "Leaders meet at far-eastern port for arms talks"
    );
    assert_eq!(a["byline"], json!(["Jim Heintz", "Dasha Litvinova"]));
    assert_eq!(a["date"], "2023-09-13T10:41:09+10:00");
    assert_eq!(a["dateline"], "Vladivostok, Russia");
    let text = body(&a);
    assert!(
        text.starts_with("VLADIVOSTOK, Russia (AP) — The two leaders met"),
        "{text}"
    );
    assert!(
        text.contains("tour a shipyard and an aircraft factory"),
        "{text}"
    );
    // A "Related:" line that is the page's own link goes.
    assert!(
        !text.contains("What we know about the armoured train"),
        "{text}"
    );
}
