//! Messy archives, crashes and concurrent use: newsdex must survive all of them.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

mod common;
use common::{json_of as json, newsdex};

fn total(index: &Path, query: &str) -> u64 {
    let out = newsdex(index)
        .args(["search", query, "--json", "--limit", "1"])
        .output()
        .unwrap();
    json(&out.stdout)["total"].as_u64().unwrap()
}

/// Writes every kind of hostile input the product must survive; returns the folder.
fn hostile_corpus(dir: &Path) -> PathBuf {
    let c = dir.join("archive");
    fs::create_dir_all(&c).unwrap();
    fs::write(c.join("good.txt"), "Good headline\n\nA perfectly ordinary story about herons nesting by the river this spring.").unwrap();
    fs::write(c.join("empty.txt"), b"").unwrap();
    fs::write(
        c.join("image.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0",
    )
    .unwrap();
    fs::write(
        c.join("invalid-utf8.txt"),
        b"Broken bytes\n\nThe \xff\xfe story of \xc3\x28 storks \x80 goes on.",
    )
    .unwrap();
    fs::write(
        c.join("cp1252.txt"),
        b"Caf\xe9 story\n\nThe caf\xe9 owner said \x93we stay\x94 about the egrets.",
    )
    .unwrap();
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "UTF-16 story\n\nA story about cormorants.".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    fs::write(c.join("utf16.txt"), utf16).unwrap();
    {
        // 200 MB of text: read up to --max-file-size and reported as truncated.
        let mut big = std::io::BufWriter::new(fs::File::create(c.join("huge.txt")).unwrap());
        writeln!(big, "Huge headline\n").unwrap();
        let line = "The flamingo census continued for another day without any surprises at all.\n"
            .repeat(1000);
        while big.get_ref().metadata().unwrap().len() < 200 * 1024 * 1024 {
            big.write_all(line.as_bytes()).unwrap();
            big.flush().unwrap();
        }
    }
    fs::write(
        c.join("one-line.txt"),
        format!(
            "Single line about pelicans {}",
            "pelican words ".repeat(750_000)
        ),
    )
    .unwrap();
    fs::write(
        c.join("truncated.json"),
        r#"{"title": "Cut off", "body": "This JSON ends in the mid"#,
    )
    .unwrap();
    fs::write(c.join("wrong-types.json"), r#"{"title": ["not", "a", "string"], "body": {"nested": true}, "author": 42, "date": false, "text": "Body text about ibises."}"#).unwrap();
    fs::write(c.join("feed.jsonl"), "{\"title\":\"Kingfisher one\",\"body\":\"kingfishers\"}\n{this is not json\n{\"title\":\"Kingfisher three\",\"body\":\"more kingfishers\"}\n").unwrap();
    fs::write(c.join("deep.html"), format!("<html><body>{}<p>Deep page text about spoonbills, long enough to count as article text.</p>{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000))).unwrap();
    let loop_dir = c.join("loop");
    fs::create_dir_all(&loop_dir).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&c, loop_dir.join("back-to-top")).unwrap();
        std::os::unix::fs::symlink(c.join("gone.txt"), c.join("dangling.txt")).unwrap();
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"latin1-\xe9t\xe9.txt");
        fs::write(
            c.join(name),
            "Odd name\n\nA story in a file whose name is not UTF-8, about avocets.",
        )
        .unwrap();
    }
    c
}

#[test]
fn hostile_files_are_reported_and_good_articles_indexed() {
    let dir = TempDir::new().unwrap();
    let corpus = hostile_corpus(dir.path());
    let index = dir.path().join("ix");
    let out = newsdex(&index)
        .args(["index", "--follow", "--json", "--max-file-size", "8"])
        .arg(&corpus)
        .assert()
        .success()
        .get_output()
        .clone();
    let report = json(&out.stdout);
    let failed = report["failed"].to_string();
    for (file, reason) in [
        ("empty.txt", "no article"),
        ("image.txt", "binary"),
        ("truncated.json", "invalid JSON"),
        ("dangling.txt", ""),
    ] {
        assert!(
            failed.contains(file) && failed.contains(reason),
            "{file} should fail with {reason:?}: {failed}"
        );
    }
    assert!(
        failed.contains("loop"),
        "the symlink loop is reported: {failed}"
    );
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("huge.txt") && warnings.contains("only the start"),
        "{warnings}"
    );
    assert!(
        warnings.contains("feed.jsonl") && warnings.contains("line 2"),
        "{warnings}"
    );
    assert!(warnings.contains("UTF-16"), "{warnings}");
    for word in [
        "herons",
        "storks",
        "egrets",
        "cormorants",
        "flamingo",
        "pelicans",
        "ibises",
        "kingfishers",
        "spoonbills",
    ] {
        assert!(total(&index, word) >= 1, "{word} not indexed");
    }
    #[cfg(unix)]
    assert_eq!(total(&index, "avocets"), 1);
    assert_eq!(total(&index, "kingfishers"), 2);
}

/// A corpus of `n` small articles.
fn small_corpus(dir: &Path, n: usize) -> PathBuf {
    let c = dir.join("corpus");
    fs::create_dir_all(&c).unwrap();
    for i in 0..n {
        fs::write(c.join(format!("{i:03}.txt")), format!("Story number {i}\n\nThe council met on day {i} to discuss the harbour wall and the ferry timetable.")).unwrap();
    }
    c
}

/// A temp dir holding a small corpus of `n` articles and an index of it: (dir, corpus, index).
fn indexed_small_corpus(n: usize) -> (TempDir, PathBuf, PathBuf) {
    let dir = TempDir::new().unwrap();
    let corpus = small_corpus(dir.path(), n);
    let index = dir.path().join("ix");
    newsdex(&index).arg("index").arg(&corpus).assert().success();
    (dir, corpus, index)
}

#[test]
fn hostile_queries_get_errors_or_results_never_panics() {
    let (_dir, _corpus, index) = indexed_small_corpus(5);
    let many_terms = (0..10_000)
        .map(|i| format!("w{i}"))
        .collect::<Vec<_>>()
        .join(" OR ");
    for query in [
        "\"unbalanced",
        "(open",
        "close)",
        "nofield:x",
        "",
        "  ",
        "\u{1}\u{7}harbour\u{1b}[31m",
        "-",
        "AND",
        "harbour -",
        many_terms.as_str(),
        "*",
        "person:",
        "🦩",
    ] {
        let out = newsdex(&index).args(["search", query]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{query:?}: {stderr}");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{query:?}: {:?}",
            out.status
        );
        assert!(stderr.trim().lines().count() <= 1, "{query:?}: {stderr}");
    }
    assert_eq!(total(&index, "\u{1}harbour\u{7}"), 5);
}

#[test]
fn a_damaged_index_asks_for_a_rebuild() {
    let (_dir, corpus, index) = indexed_small_corpus(20);
    // Truncate every segment file.
    for entry in fs::read_dir(&index).unwrap() {
        let path = entry.unwrap().path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ["idx", "pos", "store", "term", "fast", "fieldnorm"].contains(&ext) {
            let len = fs::metadata(&path).unwrap().len();
            fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .unwrap()
                .set_len(len / 3)
                .unwrap();
        }
    }
    for args in [vec!["search", "harbour"], vec!["stats"], vec!["entities"]] {
        let out = newsdex(&index).args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("--rebuild"), "{args:?}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{args:?}: {stderr}");
    }
    newsdex(&index)
        .args(["index", "--rebuild"])
        .arg(&corpus)
        .assert()
        .success();
    assert_eq!(total(&index, "harbour"), 20);
}

#[test]
fn large_json_lines_exports_stream_completely() {
    let dir = TempDir::new().unwrap();
    let corpus = dir.path().join("exports");
    fs::create_dir_all(&corpus).unwrap();
    let mut lines: Vec<String> = (0..50).map(|i| format!(r#"{{"id": "rec-{i}", "title": "Record {i}", "body": "The lighthouse keeper logged visit number {i} today."}}"#)).collect();
    lines.insert(20, "{broken".to_string());
    fs::write(corpus.join("export.jsonl"), lines.join("\n")).unwrap();
    let index = dir.path().join("ix");
    // Stream every JSON Lines file above 100 bytes (16 MB by default), through the library.
    let run = || {
        let options = newsdex::index::writer::IndexOptions {
            roots: vec![corpus.clone()],
            threads: 2,
            stream_jsonl_above: 100,
            ..Default::default()
        };
        let stop = std::sync::atomic::AtomicBool::new(false);
        let report = newsdex::index::writer::run(
            &index,
            &options,
            newsdex::entities::default_tagger(),
            &|_, _| {},
            &stop,
        )
        .unwrap();
        serde_json::to_value(&report).unwrap()
    };
    let first = run();
    assert_eq!(first["documents"], 50, "{first}");
    assert!(first["warnings"].to_string().contains("line 21"), "{first}");
    assert_eq!(run()["files_unchanged"], 1);
    lines.push(r#"{"id": "rec-new", "title": "Late record", "body": "The lighthouse keeper logged one more visit."}"#.to_string());
    fs::write(corpus.join("export.jsonl"), lines.join("\n")).unwrap();
    let third = run();
    assert_eq!(
        third["documents"], 51,
        "re-indexed without duplicates: {third}"
    );
    assert_eq!(total(&index, "lighthouse"), 51);
}

#[test]
fn fuzz_found_queries_do_not_crash() {
    // A query the query fuzz target crashed on (NUL bytes inside words made a phrase that
    // tripped a tantivy debug assertion): control characters are now separators.
    let (_dir, _corpus, index) = indexed_small_corpus(3);
    let raw = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/query-crash-2212b9.bin"),
    )
    .unwrap();
    let text = String::from_utf8_lossy(&raw).replace('\0', "\u{1}");
    let out = newsdex(&index).args(["search", &text]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("damaged"),
        "{stderr}"
    );
    assert!(stderr.contains("invalid query"), "{stderr}");
}
