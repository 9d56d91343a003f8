//! Long runs keep their work: kills at random moments, a killed writer's lock, a full or
//! read-only disk, and searches and a second writer while an index run is going.
//!
//! Each test drives the real binary from outside (SIGKILL, SIGINT, a small tmpfs) and
//! compares the index it ends with against a clean build of the same corpus.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::{json_of as json, newsdex};

/// A small seeded generator (xorshift64*): the same corpus and kill moments every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    /// A fraction in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const PEOPLE: &[&str] = &[
    "Angela Merkel",
    "Sergei Shoigu",
    "Kim Jong Un",
    "Cyril Ramaphosa",
    "Jacinda Ardern",
    "Narendra Modi",
    "Luiz Inacio Lula da Silva",
    "Ngozi Okonjo-Iweala",
];
const PLACES: &[&str] = &[
    "Berlin",
    "Moscow",
    "Vladivostok",
    "Johannesburg",
    "Wellington",
    "New Delhi",
    "Brasilia",
    "Lagos",
];
const ORGS: &[&str] = &[
    "the World Trade Organization",
    "Reuters",
    "the United Nations",
    "Gazprom",
    "the Reserve Bank",
];

/// Writes `files` JSON Lines files of `per_file` articles each (every fifth without an id,
/// so ids derived from the file and line are checked too); returns the folder.
fn jsonl_corpus(dir: &Path, files: usize, per_file: usize, seed: u64) -> PathBuf {
    let corpus = dir.join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    let mut rng = Rng(seed);
    for f in 0..files {
        let mut lines = Vec::with_capacity(per_file);
        for a in 0..per_file {
            let person = rng.pick(PEOPLE);
            let surname = person.rsplit(' ').next().unwrap();
            let place = rng.pick(PLACES);
            let org = rng.pick(ORGS);
            let other = rng.pick(PEOPLE);
            let body = format!(
                "{place} - {person} met officials from {org} on Tuesday to discuss trade, \
                 energy and the harbour project number {n}. {surname} said talks with {other} \
                 would continue in {place2} next month. Analysts at {org} expect a deal \
                 before the end of the year, according to people familiar with the matter.",
                n = f * per_file + a,
                place2 = rng.pick(PLACES),
            );
            let headline = format!("{surname} talks trade in {place} ({f}-{a})");
            let mut record = serde_json::json!({
                "title": headline,
                "body": body,
                "date": format!("2024-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
            });
            if a % 5 != 0 {
                record["id"] = Value::from(format!("story-{f}-{a}"));
            }
            lines.push(record.to_string());
        }
        fs::write(corpus.join(format!("part-{f:02}.jsonl")), lines.join("\n")).unwrap();
    }
    corpus
}

/// Adds the other input kinds to a corpus folder: `texts` text files in a subfolder, a
/// gzipped JSON Lines file of `gz_records` records, and `html` HTML pages. Returns how many
/// articles they hold.
fn add_other_inputs(corpus: &Path, texts: usize, gz_records: usize, html: usize) -> usize {
    use std::io::Write;
    let folder = corpus.join("text");
    fs::create_dir_all(&folder).unwrap();
    for i in 0..texts {
        fs::write(
            folder.join(format!("{i:03}.txt")),
            format!(
                "Ferry timetable {i} agreed\n\nWellington - Jacinda Ardern said on Monday that \
                 the harbour ferry timetable number {i} was agreed with the Reserve Bank."
            ),
        )
        .unwrap();
    }
    let lines: Vec<String> = (0..gz_records)
        .map(|i| {
            serde_json::json!({
                "id": format!("gz-{i}"),
                "title": format!("Lagos port record {i}"),
                "body": format!("Lagos - Ngozi Okonjo-Iweala visited the harbour on day {i}."),
            })
            .to_string()
        })
        .collect();
    let mut gz = flate2::write::GzEncoder::new(
        fs::File::create(corpus.join("archive.jsonl.gz")).unwrap(),
        flate2::Compression::fast(),
    );
    gz.write_all(lines.join("\n").as_bytes()).unwrap();
    gz.finish().unwrap();
    for i in 0..html {
        fs::write(
            corpus.join(format!("page-{i}.html")),
            format!(
                "<!doctype html><html><head><title>Harbour wall talks {i}</title></head><body>\
                 <nav><a href=\"/\">Home</a></nav><article><h1>Harbour wall talks {i}</h1>\
                 <p>Wellington - Jacinda Ardern met harbour officials on Tuesday to discuss the \
                 sea wall and the ferry timetable for the coming winter months, meeting {i}.</p>\
                 <p>Officials from the Reserve Bank said the project would be funded before the \
                 end of the year, according to people familiar with the matter.</p></article>\
                 <footer>Copyright</footer></body></html>"
            ),
        )
        .unwrap();
    }
    texts + gz_records + html
}

/// Everything a reader sees of an index, made comparable: every article (by id, with its
/// stored fields and entities, aliases applied) and the archive-wide counts.
fn snapshot(index: &Path) -> (Vec<Value>, Value) {
    let out = newsdex(index)
        .args(["search", "--json", "--limit", "100000"])
        .output()
        .unwrap();
    // Exit 1 with no error is a search that found nothing.
    assert!(
        out.status.success() || out.status.code() == Some(1) && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut hits: Vec<Value> = json(&out.stdout)["hits"].as_array().unwrap().clone();
    for hit in &mut hits {
        // Scores depend on segment layout and deleted documents, not on content.
        hit.as_object_mut().unwrap().remove("score");
    }
    hits.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    let out = newsdex(index)
        .args(["stats", "--json", "--limit", "50"])
        .output()
        .unwrap();
    let mut stats = json(&out.stdout);
    for layout in ["index_bytes", "index_path", "segments"] {
        stats.as_object_mut().unwrap().remove(layout);
    }
    (hits, stats)
}

/// Assert two snapshots are equal, showing the first difference only.
fn assert_same(got: &(Vec<Value>, Value), expected: &(Vec<Value>, Value), what: &str) {
    assert_eq!(ids(&got.0), ids(&expected.0), "{what}: ids differ");
    for (g, e) in got.0.iter().zip(&expected.0) {
        assert_eq!(g, e, "{what}: article {} differs", e["id"]);
    }
    assert_eq!(got.1, expected.1, "{what}: archive-wide counts differ");
}

fn ids(hits: &[Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

/// `newsdex index` as a child process the test can signal.
fn spawn_index(index: &Path, corpus: &Path, extra: &[&str]) -> Child {
    StdCommand::new(assert_cmd::cargo::cargo_bin("newsdex"))
        .env_remove("NEWSDEX_INDEX")
        .arg("--index")
        .arg(index)
        .arg("index")
        .args(extra)
        .arg(corpus)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Run `newsdex index` to the end; (success, stderr).
fn index_to_end(index: &Path, corpus: &Path, extra: &[&str]) -> (bool, String) {
    let out = newsdex(index)
        .arg("index")
        .args(extra)
        .arg(corpus)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Send `signal` to `child` unless it has already ended: a child reaped by `try_wait` has
/// no pid any more (an unreaped one that exits meanwhile still takes it, as a zombie).
#[cfg(unix)]
fn signal(child: &mut Child, signal: &str) {
    if child.try_wait().unwrap().is_some() {
        return;
    }
    let status = StdCommand::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Kill runs over a multi-file JSON Lines corpus (with text files, a gzipped export and
/// HTML pages beside it) with SIGKILL at seeded random moments
/// (twice in a row, so the recovery run is killed too), then let a run finish: the index
/// must equal a clean build, with no article lost, none twice, the same ids and contents,
/// and the same archive-wide counts.
#[cfg(unix)]
#[test]
fn runs_killed_at_random_moments_recover_to_a_clean_build() {
    let dir = TempDir::new().unwrap();
    let corpus = jsonl_corpus(dir.path(), 6, 120, 7);
    let articles = 720 + add_other_inputs(&corpus, 40, 60, 5);
    let flags = ["--commit-every", "1", "--threads", "2"];
    let clean = dir.path().join("clean");
    let started = Instant::now();
    let (ok, stderr) = index_to_end(&clean, &corpus, &flags);
    assert!(ok, "{stderr}");
    let clean_run = started.elapsed();
    let expected = snapshot(&clean);
    assert_eq!(expected.0.len(), articles);

    let mut rng = Rng(20_261_201);
    let mut killed_mid_run = 0;
    for round in 0..4 {
        let index = dir.path().join(format!("ix-{round}"));
        for _ in 0..2 {
            let mut child = spawn_index(&index, &corpus, &flags);
            let moment = clean_run.mul_f64(0.05 + 0.9 * rng.unit());
            // Wait for the chosen moment unless the run ends first.
            let deadline = Instant::now() + moment;
            while Instant::now() < deadline && child.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_millis(5));
            }
            signal(&mut child, "-KILL");
            let status = child.wait().unwrap();
            if !status.success() {
                killed_mid_run += 1;
                // What the killed run committed is there and readable, and no article twice.
                let (hits, _) = snapshot(&index.clone());
                let mut seen = ids(&hits);
                seen.dedup();
                assert_eq!(seen.len(), hits.len(), "round {round}: duplicates");
            }
        }
        let (ok, stderr) = index_to_end(&index, &corpus, &flags);
        assert!(ok, "round {round}: {stderr}");
        assert_same(&snapshot(&index), &expected, &format!("round {round}"));
    }
    assert!(
        killed_mid_run >= 4,
        "only {killed_mid_run} of 8 kills landed before the run ended"
    );
}

/// A run killed in the middle of a file commits part of that file; the next run replaces
/// the file's articles instead of adding them again, and says it did.
#[cfg(unix)]
#[test]
fn a_partly_committed_file_is_indexed_again_whole() {
    let dir = TempDir::new().unwrap();
    // One file: any commit before the end is a partial one. Large enough that the run
    // lasts several commit intervals on a fast machine (with 2,400 articles the run had
    // ended before this poll saw a partial commit), and that a loaded machine, where this
    // poll may run seldom, still sees a commit before the last one.
    const ARTICLES: usize = 20_000;
    let corpus = jsonl_corpus(dir.path(), 1, ARTICLES, 11);
    let index = dir.path().join("ix");
    let mut child = spawn_index(&index, &corpus, &["--commit-every", "1", "--threads", "1"]);
    // Kill as soon as the index holds a commit with part of the file.
    let mut partial = 0;
    while child.try_wait().unwrap().is_none() && partial == 0 {
        partial = committed(&index);
    }
    signal(&mut child, "-KILL");
    let status = child.wait().unwrap();
    assert!(
        !status.success() && (1..ARTICLES as u64).contains(&partial),
        "the run was meant to be killed with part of its file committed ({partial}, {status:?})"
    );
    let out = newsdex(&index)
        .args(["index", "--json", "--threads", "1"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(out.status.success());
    let report = json(&out.stdout);
    assert_eq!(report["resumed_files"], 1, "{report}");
    assert_eq!(report["documents"], ARTICLES, "{report}");
    let (hits, _) = snapshot(&index);
    let mut seen = ids(&hits);
    seen.dedup();
    assert_eq!(seen.len(), ARTICLES);
}

/// The archive-wide alias pass runs again when the run that committed the articles stopped
/// before it saved the aliases (here: the file is gone, as after a kill in that pass).
#[test]
fn aliases_missing_after_a_stop_are_decided_again() {
    let dir = TempDir::new().unwrap();
    let corpus = jsonl_corpus(dir.path(), 2, 60, 41);
    // Articles that name people by family name only, which the alias pass links to the
    // full names the other articles give.
    let short = [
        (
            "Shoigu visits the harbour",
            "Moscow - Shoigu toured the harbour project on Monday and said the work would finish next year. Officials said Shoigu would return in the spring.",
        ),
        (
            "Ramaphosa opens a bridge",
            "Johannesburg - Ramaphosa opened the new bridge on Friday. Ramaphosa said more projects would follow.",
        ),
    ];
    let lines: Vec<String> = short
        .iter()
        .enumerate()
        .map(|(i, (title, body))| {
            serde_json::json!({"title": title, "body": body, "date": "2024-03-02", "id": format!("short-{i}")})
                .to_string()
        })
        .collect();
    fs::write(corpus.join("short.jsonl"), lines.join("\n")).unwrap();
    let index = dir.path().join("ix");
    assert!(index_to_end(&index, &corpus, &[]).0);
    let expected = snapshot(&index);
    let aliases = fs::read(index.join("aliases.json")).unwrap();
    assert!(
        String::from_utf8_lossy(&aliases).contains("\"Shoigu\":\"Sergei Shoigu\""),
        "{}",
        String::from_utf8_lossy(&aliases)
    );
    fs::remove_file(index.join("aliases.json")).unwrap();
    let out = newsdex(&index)
        .args(["index", "--json"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(out.status.success());
    let report = json(&out.stdout);
    assert_eq!(report["files_unchanged"], 3, "{report}");
    assert!(report["aliases"].as_u64().unwrap() > 0, "{report}");
    assert_eq!(fs::read(index.join("aliases.json")).unwrap(), aliases);
    assert_same(
        &snapshot(&index),
        &expected,
        "after the alias pass ran again",
    );
    // Up to date now: the next no-change run leaves them alone.
    let out = newsdex(&index)
        .args(["index", "--json"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(json(&out.stdout)["aliases"], 0);
}

/// Right after a SIGKILL (the killed process not even reaped), the next run starts: it does
/// not mistake the dying writer for a live one.
#[cfg(unix)]
#[test]
fn the_run_after_a_kill_starts_at_once() {
    let dir = TempDir::new().unwrap();
    let corpus = jsonl_corpus(dir.path(), 3, 150, 3);
    let index = dir.path().join("ix");
    let mut child = spawn_index(&index, &corpus, &["--commit-every", "1"]);
    // Once it holds the writer lock, kill it and start the next run without waiting.
    let lock = index.join(newsdex::index::lock::WRITER_LOCK_FILE);
    while child.try_wait().unwrap().is_none()
        && !matches!(
            newsdex::index::lock::holder(&lock),
            newsdex::index::lock::Holder::Running { .. }
        )
    {
        std::thread::yield_now();
    }
    signal(&mut child, "-KILL");
    let (ok, stderr) = index_to_end(&index, &corpus, &[]);
    assert!(ok, "{stderr}");
    assert!(!stderr.contains("another process"), "{stderr}");
    let _ = child.wait();
    assert_eq!(snapshot(&index).0.len(), 450);
}

/// A live writer still turns a second one away at once, naming it; searches meanwhile read
/// the last commit.
#[cfg(target_os = "linux")]
#[test]
fn a_second_writer_is_turned_away_while_the_first_lives() {
    let dir = TempDir::new().unwrap();
    let corpus = jsonl_corpus(dir.path(), 1, 20, 5);
    let index = dir.path().join("ix");
    assert!(index_to_end(&index, &corpus, &[]).0);
    // Hold the index's writer lock from this process, as a running `newsdex index` does.
    let held = tantivy::Index::open_in_dir(&index).unwrap();
    let writer: tantivy::IndexWriter = held.writer(50_000_000).unwrap();
    let started = Instant::now();
    let (ok, stderr) = index_to_end(&index, &corpus, &["--rebuild"]);
    assert!(!ok);
    assert!(
        stderr.contains(&format!(
            "another process (pid {}) is writing",
            std::process::id()
        )),
        "{stderr}"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "it did not wait for a live writer"
    );
    assert_eq!(snapshot(&index).0.len(), 20, "--rebuild deleted nothing");
    drop(writer);
}

/// Two `index` runs started together on a new index: one builds it, the other is turned
/// away with the clear error (or, if the first was done by then, finds nothing to do);
/// either way the index is whole.
#[cfg(unix)]
#[test]
fn two_runs_at_once_one_writes_the_other_is_told() {
    let dir = TempDir::new().unwrap();
    let corpus = jsonl_corpus(dir.path(), 4, 150, 13);
    let index = dir.path().join("ix");
    let first = spawn_index(&index, &corpus, &[]);
    let second = spawn_index(&index, &corpus, &[]);
    let outputs = [
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    ];
    let succeeded = outputs.iter().filter(|o| o.status.success()).count();
    assert!(succeeded >= 1);
    for out in &outputs {
        if !out.status.success() {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains("is writing the index"), "{stderr}");
            assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        }
    }
    assert_eq!(snapshot(&index).0.len(), 600);
}

/// Searches during a run see only committed data, never fail, and never see fewer
/// articles than before.
#[cfg(unix)]
#[test]
fn searches_during_a_run_see_commits_and_never_fail() {
    let dir = TempDir::new().unwrap();
    let corpus = jsonl_corpus(dir.path(), 6, 120, 17);
    let index = dir.path().join("ix");
    // The index exists (empty of this corpus) before the run starts.
    let empty = dir.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    index_to_end(&index, &empty, &[]);
    assert!(index.join("meta.json").exists());
    let mut child = spawn_index(&index, &corpus, &["--commit-every", "1"]);
    let mut counts = Vec::new();
    while child.try_wait().unwrap().is_none() && counts.len() < 2000 {
        let out = newsdex(&index)
            .args(["search", "harbour", "--json", "--limit", "1"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() || out.status.code() == Some(1) && stderr.is_empty(),
            "a search failed during indexing: {stderr}"
        );
        if out.status.success() {
            counts.push(json(&out.stdout)["total"].as_u64().unwrap());
        }
    }
    assert!(child.wait().unwrap().success());
    assert!(
        counts.windows(2).all(|w| w[0] <= w[1]),
        "counts went down: {counts:?}"
    );
    assert!(counts.iter().all(|&c| c <= 720), "{counts:?}");
    assert_eq!(snapshot(&index).0.len(), 720);
}

/// Articles the index holds now (0 while it has none or does not exist yet).
fn committed(index: &Path) -> u64 {
    let out = newsdex(index)
        .args(["search", "--json", "--limit", "0"])
        .output()
        .unwrap();
    if out.status.success() {
        json(&out.stdout)["total"].as_u64().unwrap()
    } else {
        0
    }
}

/// Ctrl-C (SIGINT) commits what is done, says so, and the next run finishes the job.
#[cfg(unix)]
#[test]
fn an_interrupted_run_commits_what_it_did() {
    let dir = TempDir::new().unwrap();
    // Enough articles that the run outlasts its first commit (after a second) by several
    // seconds on a fast machine, where all of 720 were indexed before the signal landed.
    const PER_FILE: usize = 1500;
    const ARTICLES: u64 = 6 * PER_FILE as u64;
    let corpus = jsonl_corpus(dir.path(), 6, PER_FILE, 19);
    let index = dir.path().join("ix");
    let mut child = spawn_index(
        &index,
        &corpus,
        &["--commit-every", "1", "--json", "--threads", "1"],
    );
    // Interrupt once a first commit is visible.
    let mut seen = 0;
    while child.try_wait().unwrap().is_none() && seen == 0 {
        seen = committed(&index);
    }
    signal(&mut child, "-INT");
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out.stdout);
    assert_eq!(report["interrupted"], true, "{report}");
    // The signal can land after the last file's articles were sent but before the file
    // was closed: then all are committed and that file is still open (read again
    // whole next time), so what says "interrupted" is the file count, not the documents.
    let documents = report["documents"].as_u64().unwrap();
    assert!((seen..=ARTICLES).contains(&documents), "{seen} {report}");
    assert!(report["files_indexed"].as_u64().unwrap() < 6, "{report}");
    assert_eq!(committed(&index), documents);
    let (ok, stderr) = index_to_end(&index, &corpus, &[]);
    assert!(ok, "{stderr}");
    assert_eq!(snapshot(&index).0.len() as u64, ARTICLES);
}

/// A tmpfs mounted by the test, unmounted when dropped; None (with the reason printed)
/// where mounting is not possible (not root, no mount permission in this sandbox).
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, size_mb: u32) -> Option<Tmpfs> {
        fs::create_dir_all(at).unwrap();
        let out = StdCommand::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size_mb}m"), "tmpfs"])
            .arg(at)
            .output();
        match out {
            Ok(o) if o.status.success() => Some(Tmpfs(at.to_path_buf())),
            Ok(o) => {
                eprintln!(
                    "skipped: cannot mount a tmpfs here ({})",
                    String::from_utf8_lossy(&o.stderr).trim()
                );
                None
            }
            Err(e) => {
                eprintln!("skipped: cannot run mount ({e})");
                None
            }
        }
    }

    fn remount(&self, options: &str) {
        let status = StdCommand::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = StdCommand::new("umount").arg(&self.0).status();
    }
}

/// Every segment file in the index folder belongs to a segment of the last commit (file
/// names start with the segment id, which `meta.json` lists with dashes).
fn assert_only_committed_segment_files(index: &Path) {
    let meta: Value = serde_json::from_slice(&fs::read(index.join("meta.json")).unwrap()).unwrap();
    let committed: Vec<String> = meta["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["segment_id"].as_str().unwrap().replace('-', ""))
        .collect();
    for entry in fs::read_dir(index).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stem = name.split('.').next().unwrap();
        let is_segment_file = stem.len() == 32 && stem.chars().all(|c| c.is_ascii_hexdigit());
        assert!(
            !is_segment_file || committed.iter().any(|id| id == stem),
            "{name} is left from the failed run (committed: {committed:?})"
        );
        assert!(
            !name.ends_with(".tmp"),
            "{name} is left from the failed run"
        );
    }
}

/// Out of space: one line naming the cause, the index and the space free; the run's
/// unfinished files removed; the index open at its last commit; and once space is freed,
/// the next run completes to a clean build.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_says_so_cleans_up_and_the_next_run_completes() {
    let dir = TempDir::new().unwrap();
    let small = jsonl_corpus(&dir.path().join("small"), 1, 40, 23);
    let large = jsonl_corpus(&dir.path().join("large"), 6, 400, 29);
    let clean = dir.path().join("clean");
    assert!(index_to_end(&clean, &small, &[]).0);
    assert!(index_to_end(&clean, &large, &[]).0);
    let expected = snapshot(&clean);

    let Some(disk) = Tmpfs::mount(&dir.path().join("disk"), 4) else {
        return;
    };
    let index = disk.0.join("ix");
    assert!(index_to_end(&index, &small, &[]).0);
    assert_eq!(snapshot(&index).0.len(), 40);
    // Fill the disk, as other programs would, leaving a little room.
    let ballast = disk.0.join("ballast");
    let free = newsdex::index::storage::free_bytes(&disk.0).unwrap();
    fs::write(&ballast, vec![1u8; free.saturating_sub(200_000) as usize]).unwrap();
    let out = newsdex(&index)
        .args(["index", "--commit-every", "1"])
        .arg(&large)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("the full-disk message: {stderr}");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no space left on the device"), "{stderr}");
    assert!(stderr.contains(&index.display().to_string()), "{stderr}");
    assert!(stderr.contains("free after removing"), "{stderr}");
    assert!(
        stderr.contains("the index is intact at its last commit"),
        "{stderr}"
    );
    assert!(!stderr.contains("--rebuild"), "{stderr}");
    // What the failed run wrote and did not commit is gone; the commit is readable.
    assert_only_committed_segment_files(&index);
    assert!(snapshot(&index).0.len() >= 40);
    // A no-change re-run on the full disk does not fail.
    let out = newsdex(&index).arg("index").arg(&small).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Space freed: the next run completes, and matches a clean build.
    fs::remove_file(&ballast).unwrap();
    disk.remount("size=64m");
    let (ok, stderr) = index_to_end(&index, &large, &[]);
    assert!(ok, "{stderr}");
    assert_same(&snapshot(&index), &expected, "after the disk was freed");
}

/// A read-only file system: one line saying so, without a rebuild hint, and the index still
/// searches.
#[cfg(target_os = "linux")]
#[test]
fn a_read_only_index_says_so() {
    let dir = TempDir::new().unwrap();
    let small = jsonl_corpus(&dir.path().join("small"), 1, 10, 31);
    let more = jsonl_corpus(&dir.path().join("more"), 1, 10, 37);
    let Some(disk) = Tmpfs::mount(&dir.path().join("disk"), 16) else {
        return;
    };
    let index = disk.0.join("ix");
    assert!(index_to_end(&index, &small, &[]).0);
    disk.remount("ro");
    let out = newsdex(&index).arg("index").arg(&more).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("read-only file system"), "{stderr}");
    assert!(!stderr.contains("--rebuild"), "{stderr}");
    assert_eq!(snapshot(&index).0.len(), 10);
    disk.remount("rw");
}
