//! The web app in a real browser: headless Chromium (Debian's `chromium`, which
//! `scripts/test.sh` installs) loads pages from the real `newsdex serve` binary, runs their
//! JavaScript against the API, and the rendered DOM is checked; screenshots of the main
//! views are saved for a person to look at (the path is printed).
//!
//! Pages are driven by their URL (the whole state is in it), so each check is a fresh
//! browser on a shareable link.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use common::newsdex;
use tempfile::TempDir;

fn sample_index() -> &'static Path {
    static INDEX: OnceLock<TempDir> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let dir = TempDir::new().unwrap();
            newsdex(dir.path())
                .arg("index")
                .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus"))
                .assert()
                .success();
            dir
        })
        .path()
}

/// `newsdex serve` on a free port, stopped when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
            .arg("--index")
            .arg(sample_index())
            .args(["serve", "--bind", "127.0.0.1:0"])
            .env_remove("NEWSDEX_TOKEN")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stderr.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Server {
            child,
            base: format!("http://{addr}"),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chromium() -> PathBuf {
    let path = std::env::var_os("NEWSDEX_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.exists(),
        "{} not found: run the tests with `sh scripts/test.sh`, which installs Debian's chromium",
        path.display()
    );
    path
}

/// Where screenshots go: one folder per run, kept after the tests.
fn screenshot_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("newsdex-screenshots-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        eprintln!("screenshots in {}", dir.display());
        dir
    })
}

/// Headless Chromium with a fresh profile on `url`, once the page's requests are done.
fn browse(url: &str, extra: &[&str]) -> std::process::Output {
    let profile = TempDir::new().unwrap();
    Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--virtual-time-budget=15000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// The DOM after the page's JavaScript ran.
fn dom(url: &str) -> String {
    let out = browse(url, &["--dump-dom"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn screenshot(url: &str, name: &str, width: u32) -> PathBuf {
    let path = screenshot_dir().join(format!("{name}.png"));
    let out = browse(
        url,
        &[
            &format!("--screenshot={}", path.display()),
            &format!("--window-size={width},900"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(&path).unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "{name}");
    path
}

/// The text of the results list's items, in order.
fn result_items(dom: &str) -> Vec<&str> {
    let list = dom
        .split("<ol id=\"results\"")
        .nth(1)
        .and_then(|rest| rest.split("</ol>").next())
        .unwrap_or("");
    list.split("<li data-id=").skip(1).collect()
}

/// The seed article's id (derived from its path, so it depends on the checkout).
fn seed_id(server: &Server) -> String {
    let search = dom(&format!("{}/?q=Shoigu+artillery", server.base));
    result_items(&search)[0]
        .split('"')
        .nth(1)
        .expect("the item carries its id")
        .to_string()
}

#[test]
fn a_search_link_shows_the_seed_first_with_highlights() {
    let server = Server::start();
    let page = dom(&format!("{}/?q=Shoigu+artillery", server.base));
    let items = result_items(&page);
    assert!(!items.is_empty(), "{page}");
    assert!(
        items[0].contains("Kim Jong Un: North Korea leader enters Russia"),
        "{}",
        items[0]
    );
    assert!(items[0].contains("<mark>Shoigu</mark>"), "{}", items[0]);
    assert!(items[0].contains("<mark>artillery</mark>"), "{}", items[0]);
    // The facet rail lists the people of the matches, and the export link is this search.
    let rail = page.split("id=\"facet-person\"").nth(1).unwrap_or("");
    assert!(rail.contains("Sergei Shoigu"), "{page}");
    // The place tree: Russia, with places inside it one level down.
    let tree = page
        .split("id=\"facet-place\" class=\"tree\"")
        .nth(1)
        .unwrap_or("");
    assert!(
        tree.contains("<details>") && tree.contains(">Russia</button>"),
        "{page}"
    );
    assert!(
        page.contains("href=\"/api/v1/export?q=Shoigu+artillery&amp;format=csv\""),
        "{page}"
    );
}

#[test]
fn filters_in_the_link_become_chips_and_narrow_the_results() {
    let server = Server::start();
    let all = dom(&format!("{}/?q=Russia", server.base));
    let filtered = dom(&format!(
        "{}/?q=Russia&person=Vladimir+Putin&exclude_place=Ukraine",
        server.base
    ));
    assert!(
        filtered.contains("data-filter=\"person\""),
        "no person chip: {filtered}"
    );
    assert!(filtered.contains("data-filter=\"exclude_place\""));
    let (a, f) = (result_items(&all).len(), result_items(&filtered).len());
    assert!(f >= 1 && f < a, "{f} of {a}");
    for item in result_items(&filtered) {
        assert!(item.contains("Vladimir Putin"), "{item}");
    }
    let by_place = dom(&format!("{}/?place=Vladivostok", server.base));
    assert!(by_place.contains("data-filter=\"place\""));
    assert!(!result_items(&by_place).is_empty());
}

#[test]
fn an_article_link_shows_hits_and_entities_by_type() {
    let server = Server::start();
    let id = seed_id(&server);
    let page = dom(&format!("{}/?q=Shoigu+artillery&article={id}", server.base));
    // A query hit inside a mention is marked inside it; "Mr Shoigu" is the same person.
    assert!(
        page.contains(
            "<span class=\"mention person\" title=\"person: Sergei Shoigu\">Sergei <mark>Shoigu</mark></span>"
        ),
        "{page}"
    );
    assert!(page.contains(
        "Mr <span class=\"mention person\" title=\"person: Sergei Shoigu\"><mark>Shoigu</mark></span>"
    ));
    assert!(
        page.contains(
            "<span class=\"mention place\" title=\"place: Vladivostok\">Vladivostok</span>"
        )
    );
    assert!(page.contains("<mark>artillery</mark>"), "{page}");
    assert!(
        !page.contains("[object"),
        "an element was written as text: {page}"
    );
    assert!(page.contains("id=\"back\""));
    // "Russian" is not the place "Russia".
    assert!(
        !page.contains("title=\"place: Russia\">Russia</span>n"),
        "{page}"
    );
}

#[test]
fn screenshots_of_the_main_views() {
    let server = Server::start();
    let search = screenshot(
        &format!("{}/?q=Russia&person=Vladimir+Putin", server.base),
        "search",
        1280,
    );
    let article = screenshot(
        &format!(
            "{}/?q=Shoigu+artillery&article={}",
            server.base,
            seed_id(&server)
        ),
        "article",
        1280,
    );
    let narrow = screenshot(&format!("{}/?q=Russia", server.base), "narrow-400px", 400);
    for path in [search, article, narrow] {
        assert!(path.exists());
    }
}
