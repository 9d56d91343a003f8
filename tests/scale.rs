//! `scale/` (newsdex-scale): `newsdex extract` over a local Dask cluster of two workers.
//! Needs Python with `dask[distributed]`: `scripts/test.sh` installs it into
//! `target/scale-venv` and names that Python in NEWSDEX_TEST_PYTHON.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{json_of, newsdex};
use tempfile::TempDir;

fn python() -> String {
    let python = std::env::var("NEWSDEX_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let has_dask = Command::new(&python)
        .args(["-c", "import dask.distributed"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        has_dask,
        "{python} has no dask.distributed: run the tests with scripts/test.sh, which installs it"
    );
    python
}

fn newsdex_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_newsdex"))
}

/// Run newsdex-scale on `corpus` into `out` with two local workers; its stderr.
fn scale(corpus: &Path, out: &Path, newsdex: &Path, env: &[(&str, &str)]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let done = Command::new(python())
        .args([
            "-m",
            "newsdex_scale.extract",
            "--local",
            "2",
            "--batch-size",
            "4",
        ])
        .arg("--out")
        .arg(out)
        .arg("--newsdex")
        .arg(newsdex)
        .arg(corpus)
        .env("PYTHONPATH", root.join("scale"))
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr).into_owned();
    assert!(done.status.success(), "{stderr}");
    stderr
}

/// Article id -> how many times the shards hold it.
fn shard_ids(out: &Path) -> BTreeMap<String, usize> {
    let mut ids = BTreeMap::new();
    for entry in fs::read_dir(out).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("shard-") && name.ends_with(".jsonl") {
            for line in fs::read_to_string(&path).unwrap().lines() {
                let id = json_of(line.as_bytes())["id"].as_str().unwrap().to_string();
                *ids.entry(id).or_insert(0) += 1;
            }
        }
    }
    ids
}

/// A local index of `corpus`, to compare the cluster's answers with.
fn local_index(corpus: &Path) -> TempDir {
    let index = TempDir::new().unwrap();
    newsdex(index.path())
        .arg("index")
        .arg(corpus)
        .assert()
        .success();
    index
}

/// The ids of every article in a local index (`newsdex export`).
fn exported_ids(index: &Path) -> BTreeSet<String> {
    let out = newsdex(index).arg("export").output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| json_of(l.as_bytes())["id"].as_str().unwrap().to_string())
        .collect()
}

/// The ids of a `search --json` result's hits.
fn hit_ids(result: &serde_json::Value) -> BTreeSet<String> {
    result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

fn copy_sample_corpus() -> TempDir {
    let corpus = TempDir::new().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
    for entry in walk(&from) {
        let to = corpus.path().join(entry.strip_prefix(&from).unwrap());
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(&entry, &to).unwrap();
    }
    corpus
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn every_article_once_and_a_stopped_run_resumes() {
    let corpus = copy_sample_corpus();
    let out = TempDir::new().unwrap();
    scale(corpus.path(), out.path(), &newsdex_bin(), &[]);
    let ids = shard_ids(out.path());
    assert!(ids.values().all(|&n| n == 1), "{ids:?}");
    let expected = exported_ids(local_index(corpus.path()).path());
    assert_eq!(ids.keys().cloned().collect::<BTreeSet<_>>(), expected);

    // A run stopped part way has some shards: the next run does only the missing batches.
    let shard = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".jsonl"))
        .unwrap();
    fs::remove_file(&shard).unwrap();
    let log = scale(corpus.path(), out.path(), &newsdex_bin(), &[]);
    assert!(log.contains("; 1 to run"), "{log}");
    let again = shard_ids(out.path());
    assert_eq!(again, ids, "same articles, none twice");

    // New files join as new batches; planned ones are not run again.
    fs::write(
        corpus.path().join("late.txt"),
        "Late story\n\nA late story about Vladimir Putin arrived after the first run.",
    )
    .unwrap();
    let log = scale(corpus.path(), out.path(), &newsdex_bin(), &[]);
    assert!(log.contains("; 1 to run"), "{log}");
    let more = shard_ids(out.path());
    assert_eq!(more.len(), ids.len() + 1);
    assert!(more.values().all(|&n| n == 1));
}

#[test]
fn a_killed_workers_batch_is_run_again() {
    let corpus = copy_sample_corpus();
    let out = TempDir::new().unwrap();
    let tools = TempDir::new().unwrap();
    // A stand-in for newsdex that, the first time it is asked for feed.jsonl, kills the
    // Dask worker that called it (its parent process), as a crashed machine would.
    let killer = tools.path().join("killer-newsdex.sh");
    fs::write(
        &killer,
        "#!/bin/sh\nfor arg; do\n\
         if [ \"$(basename \"$arg\")\" = feed.jsonl ] && mkdir \"$MARK\" 2>/dev/null; then\n\
           kill -9 \"$PPID\"; exit 1\nfi\ndone\nexec \"$REAL_NEWSDEX\" \"$@\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&killer, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mark = tools.path().join("killed");
    let real = newsdex_bin();
    scale(
        corpus.path(),
        out.path(),
        &killer,
        &[
            ("MARK", mark.to_str().unwrap()),
            ("REAL_NEWSDEX", real.to_str().unwrap()),
        ],
    );
    assert!(mark.exists(), "the worker was killed");
    let ids = shard_ids(out.path());
    assert!(ids.values().all(|&n| n == 1), "{ids:?}");
    assert_eq!(
        ids.keys().cloned().collect::<BTreeSet<_>>(),
        exported_ids(local_index(corpus.path()).path())
    );
}

/// searchd daemons started from configs, stopped when dropped.
struct Daemons(Vec<PathBuf>);

impl Drop for Daemons {
    fn drop(&mut self) {
        for config in &self.0 {
            let _ = Command::new("searchd")
                .arg("-c")
                .arg(config)
                .arg("--stopwait")
                .output();
        }
    }
}

/// A base port with the six after it free on loopback (two shards and the distributed
/// daemon, a SphinxQL and an API port each).
fn free_ports() -> u16 {
    let taken = |port: u16| std::net::TcpListener::bind(("127.0.0.1", port)).is_err();
    let seed = std::process::id() as u16;
    (0..200u16)
        .map(|i| 20_000 + (seed.wrapping_add(i.wrapping_mul(97)) % 40_000))
        .find(|&base| !(base..base + 6).any(taken))
        .expect("six free loopback ports")
}

/// Run SphinxQL statements against a daemon with pymysql; each statement's rows as JSON.
fn sphinxql(port: u16, statements: &[&str]) -> serde_json::Value {
    let script = format!(
        "import json, sys, pymysql\n\
         c = pymysql.connect(host='127.0.0.1', port={port}, autocommit=True)\n\
         out = []\n\
         for sql in json.loads(sys.argv[1]):\n\
         \x20   cur = c.cursor(); cur.execute(sql); out.append([list(r) for r in cur.fetchall()])\n\
         print(json.dumps(out))\n"
    );
    let done = Command::new(python())
        .args(["-c", &script, &serde_json::to_string(statements).unwrap()])
        .output()
        .unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    json_of(&done.stdout)
}

#[test]
fn a_sharded_sphinx_cluster_holds_every_article_once() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = copy_sample_corpus();
    let shards = TempDir::new().unwrap();
    scale(corpus.path(), shards.path(), &newsdex_bin(), &[]);
    let cluster = TempDir::new().unwrap();
    let base = free_ports();
    let sphinx = |args: &[&str]| {
        let done = Command::new(python())
            .args(["-m", "newsdex_scale.sphinx"])
            .args(args)
            .arg("--dir")
            .arg(cluster.path())
            .env("PYTHONPATH", root.join("scale"))
            .output()
            .unwrap();
        assert!(
            done.status.success(),
            "{}",
            String::from_utf8_lossy(&done.stderr)
        );
    };
    sphinx(&[
        "config",
        "--shards",
        "2",
        "--port",
        &base.to_string(),
        "--index",
        "news",
        "--newsdex",
        newsdex_bin().to_str().unwrap(),
    ]);
    let mut daemons = Daemons(Vec::new());
    for name in ["shard-0", "shard-1", "dist"] {
        let config = cluster.path().join(format!("{name}.conf"));
        // searchd returns once its ports are bound and it has gone to the background.
        let started = Command::new("searchd")
            .arg("-c")
            .arg(&config)
            .output()
            .unwrap();
        assert!(
            started.status.success(),
            "{}",
            String::from_utf8_lossy(&started.stdout)
        );
        daemons.0.push(config);
    }
    let shards_dir = shards.path().to_str().unwrap();
    let bin = newsdex_bin();
    let load = ["load", "--newsdex", bin.to_str().unwrap(), shards_dir];
    sphinx(&load);
    // Loading again replaces: no article twice.
    sphinx(&load);

    let dist = base + 4;
    let rows = sphinxql(
        dist,
        &[
            "SELECT COUNT(*) FROM news",
            "SELECT article_id FROM news WHERE MATCH('@persons Shoigu') LIMIT 1000",
        ],
    );
    let index = local_index(corpus.path());
    let expected = exported_ids(index.path());
    assert_eq!(rows[0][0][0], expected.len());
    let remote: BTreeSet<String> = rows[1]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[0].as_str().unwrap().to_string())
        .collect();
    // `newsdex search --remote` answers as the local index does, in the same JSON.
    let url = format!("sphinx://127.0.0.1:{dist}/news");
    let search = |extra: &[&str], remote: bool| {
        let mut cmd = newsdex(index.path());
        cmd.args(["search", "--json", "-n", "1000"]).args(extra);
        if remote {
            cmd.args(["--remote", &url]);
        }
        json_of(&cmd.output().unwrap().stdout)
    };
    // The loaded person field matches as the local person filter does.
    let local = hit_ids(&search(&["--person", "Shoigu"], false));
    assert!(!local.is_empty());
    assert_eq!(remote, local);
    for filters in [
        &["--person", "Shoigu"][..],
        &["--place", "Russia"],
        &["artillery"],
        &["--place", "Russia", "--exclude-person", "Shoigu"],
        &["--org", "Nato", "--since", "2023-09-14"],
    ] {
        let (here, there) = (search(filters, false), search(filters, true));
        assert_eq!(hit_ids(&there), hit_ids(&here), "{filters:?}");
        assert_eq!(there["total"], here["total"], "{filters:?}");
    }
    let seed = search(&["--person", "Shoigu", "--place", "Vladivostok"], true);
    let hit = &seed["hits"][0];
    assert!(
        hit["persons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "Sergei Shoigu"),
        "{hit}"
    );
    assert!(hit["date"].as_str().is_some(), "{hit}");
    // Facet counts come from the cluster's grouping, under the archive-wide names.
    for filters in [&["--facets"][..], &["--facets", "--place", "Russia"]] {
        let (here, there) = (search(filters, false), search(filters, true));
        assert!(!here["facets"]["person"].as_array().unwrap().is_empty());
        assert_eq!(there["facets"], here["facets"], "{filters:?}");
    }
    // What the cluster cannot answer is refused, not ignored.
    let histogram = newsdex(index.path())
        .args([
            "search",
            "--histogram",
            "year",
            "--remote",
            &url,
            "artillery",
        ])
        .output()
        .unwrap();
    assert_eq!(histogram.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&histogram.stderr).contains("not supported with --remote"));

    // Each shard holds part of the archive, routed by the article id's hash.
    let first = sphinxql(base, &["SELECT COUNT(*) FROM news_0"]);
    let second = sphinxql(base + 2, &["SELECT COUNT(*) FROM news_1"]);
    let (a, b) = (
        first[0][0][0].as_u64().unwrap(),
        second[0][0][0].as_u64().unwrap(),
    );
    assert!(
        a > 0 && b > 0 && a + b == expected.len() as u64,
        "{a} + {b}"
    );
}
