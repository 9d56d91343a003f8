//! The web app in a real browser: headless Chromium (Debian's `chromium`, which
//! `scripts/test.sh` installs) loads pages from the real `newsdex serve` binary, runs their
//! JavaScript against the API, and the rendered DOM is checked; screenshots of the main
//! views are saved for a person to look at (the path is printed).
//!
//! Most pages are driven by their URL (the whole state is in it), so each check is a fresh
//! browser on a shareable link; one journey (`Page`) types and clicks through the DevTools
//! protocol: autocomplete, the place tree, the article, export.

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

/// Headless Chromium with the flags every test uses and the fresh profile `profile`.
fn headless_chromium(profile: &TempDir) -> Command {
    let mut command = Command::new(chromium());
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()));
    command
}

/// Headless Chromium with a fresh profile on `url`, once the page's requests are done.
fn browse(url: &str, extra: &[&str]) -> std::process::Output {
    let profile = TempDir::new().unwrap();
    headless_chromium(&profile)
        .arg("--virtual-time-budget=15000")
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

/// One page in headless Chromium, driven over the DevTools protocol (a WebSocket to the
/// browser, with a session attached to the page): real key and mouse input for the steps a
/// link alone cannot show. Waits happen in the page (a promise that settles when its
/// condition holds), never as sleeps here.
struct Page {
    child: Child,
    _profile: TempDir,
    socket: tungstenite::WebSocket<std::net::TcpStream>,
    session: String,
    next_id: u64,
}

impl Page {
    fn open(url: &str) -> Page {
        let profile = TempDir::new().unwrap();
        let mut child = headless_chromium(&profile)
            .args(["--remote-debugging-port=0", "--window-size=1280,900"])
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Chromium prints the browser's DevTools address on stderr; the rest is drained
        // so that it never blocks on a full pipe.
        let mut reader = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        let address = loop {
            line.clear();
            assert!(
                reader.read_line(&mut line).unwrap() > 0,
                "chromium exited without a DevTools address"
            );
            if let Some(at) = line.find("ws://") {
                break line[at..].trim().to_string();
            }
        };
        std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
        let host = address
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let stream = std::net::TcpStream::connect(&host).unwrap();
        let (socket, _) = tungstenite::client(address.as_str(), stream).unwrap();
        let mut page = Page {
            child,
            _profile: profile,
            socket,
            session: String::new(),
            next_id: 0,
        };
        let target = page.command("Target.createTarget", serde_json::json!({ "url": url }));
        let attached = page.command(
            "Target.attachToTarget",
            serde_json::json!({ "targetId": target["targetId"], "flatten": true }),
        );
        page.session = attached["sessionId"].as_str().unwrap().to_string();
        page
    }

    /// Send one command (to the page once attached) and return its result.
    fn command(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        self.try_command(method, params)
            .unwrap_or_else(|error| panic!("{method}: {error}"))
    }

    /// The same, with the protocol's error as the `Err`.
    fn try_command(
        &mut self,
        method: &str,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, serde_json::Value> {
        self.next_id += 1;
        let mut message =
            serde_json::json!({ "id": self.next_id, "method": method, "params": params });
        if !self.session.is_empty() {
            message["sessionId"] = self.session.clone().into();
        }
        self.socket
            .send(tungstenite::Message::text(message.to_string()))
            .unwrap();
        loop {
            let reply = self.socket.read().unwrap();
            let Ok(text) = reply.to_text() else { continue };
            let reply: serde_json::Value = serde_json::from_str(text).unwrap();
            if reply["id"] == self.next_id {
                return match reply.get("error") {
                    Some(error) => Err(error.clone()),
                    None => Ok(reply["result"].clone()),
                };
            }
        }
    }

    /// The value of a JavaScript expression in the page (promises awaited). An evaluation
    /// cut short by a navigation (the app's links load pages) is run again in the new page.
    fn eval(&mut self, expression: &str) -> serde_json::Value {
        let params = serde_json::json!({ "expression": expression, "awaitPromise": true, "returnByValue": true });
        let result = loop {
            match self.try_command("Runtime.evaluate", params.clone()) {
                Ok(result) => break result,
                Err(error)
                    if error["message"]
                        .as_str()
                        .is_some_and(|m| m.contains("context")) => {}
                Err(error) => panic!("{expression}: {error}"),
            }
        };
        assert!(
            result.get("exceptionDetails").is_none(),
            "{expression}: {}",
            result["exceptionDetails"]
        );
        result["result"]["value"].clone()
    }

    /// Wait until `condition` (a JavaScript expression) is truthy in the page, and return
    /// its value. A condition still false after a minute fails the test instead of hanging.
    fn wait(&mut self, condition: &str) -> serde_json::Value {
        self.eval(&format!(
            "new Promise((resolve, reject) => {{
               const started = Date.now();
               const check = () => {{
                 let value = null;
                 try {{ value = ({condition}); }} catch (e) {{}}
                 if (value) return resolve(value);
                 if (Date.now() - started > 60000) return reject(new Error({quoted} + ' never held'));
                 setTimeout(check, 25);
               }};
               check();
             }})",
            quoted = serde_json::Value::from(condition)
        ))
    }

    /// Click the middle of the element `selector` (a CSS selector, or a JavaScript
    /// expression giving the element when it starts with `js:`) with the mouse.
    fn click(&mut self, selector: &str) {
        let element = match selector.strip_prefix("js:") {
            Some(js) => js.to_string(),
            None => format!(
                "document.querySelector({})",
                serde_json::Value::from(selector)
            ),
        };
        let point = self.wait(&format!(
            "(() => {{ const e = {element}; if (!e) return null; e.scrollIntoView({{block: 'center'}});
               const r = e.getBoundingClientRect(); return r.width ? [r.x + r.width / 2, r.y + r.height / 2] : null; }})()"
        ));
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.command(
                "Input.dispatchMouseEvent",
                serde_json::json!({ "type": kind, "x": point[0], "y": point[1], "button": "left", "clickCount": 1 }),
            );
        }
    }

    /// Press and release one key (`/`, `j`, `Enter`, `Escape`, ...) as a keyboard would: the
    /// page's keydown handlers see it, and a printable key types its character unless a
    /// handler prevents it.
    fn press(&mut self, key: &str) {
        let (code, vk, text) = match key {
            "Enter" => ("Enter".to_string(), 13, "\r".to_string()),
            "Escape" => ("Escape".to_string(), 27, String::new()),
            "/" => ("Slash".to_string(), 191, "/".to_string()),
            k => (
                format!("Key{}", k.to_uppercase()),
                k.to_uppercase().chars().next().map_or(0, |c| c as u32),
                k.to_string(),
            ),
        };
        let mut down = serde_json::json!({ "type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": vk });
        if !text.is_empty() {
            down["text"] = text.into();
        }
        self.command("Input.dispatchKeyEvent", down);
        self.command(
            "Input.dispatchKeyEvent",
            serde_json::json!({ "type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": vk }),
        );
    }

    /// Type `text` into the focused element, as a keyboard would.
    fn type_text(&mut self, text: &str) {
        self.command("Input.insertText", serde_json::json!({ "text": text }));
    }

    fn screenshot(&mut self, name: &str) -> PathBuf {
        let shot = self.command(
            "Page.captureScreenshot",
            serde_json::json!({ "format": "png" }),
        );
        let png = decode_base64(shot["data"].as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "{name}");
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text.bytes().filter(|&c| c != b'=').map(value).collect();
    digits
        .chunks(4)
        .flat_map(|chunk| {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &d)| n | u32::from(d) << (18 - 6 * i));
            let bytes = n.to_be_bytes();
            bytes[1..chunk.len()].to_vec()
        })
        .collect()
}

/// The journey the issue describes, with real typing and clicks: search, see the seed
/// first, add a person chip from the autocomplete, click a place in the tree, open the
/// article and see its highlights, come back, and export what the chips select.
#[test]
fn a_reporter_searches_filters_by_autocomplete_and_tree_opens_and_exports() {
    let server = Server::start();
    let mut page = Page::open(&format!("{}/", server.base));
    // The app is up once it has listed the archive.
    page.wait("document.readyState === 'complete' && document.querySelector('#results li')");
    page.click("#q");
    page.type_text("Shoigu artillery");
    page.eval("document.getElementById('search-form').requestSubmit(), true");
    page.wait("location.search === '?q=Shoigu+artillery'");
    // The results of this query (its hits are marked), not the listing the page opened with.
    page.wait("document.querySelector('#results li .snippet mark')");
    let first = page.eval("document.querySelector('#results li h3').textContent");
    assert_eq!(
        first,
        "Kim Jong Un: North Korea leader enters Russia to visit Putin"
    );

    // Autocomplete: typing a name's start offers it; picking it makes a chip.
    page.click("#q");
    page.type_text(" serg");
    page.click("js:Array.from(document.querySelectorAll('#suggestions li')).find(li => li.textContent.includes('Sergei Shoigu'))");
    page.wait("new URLSearchParams(location.search).getAll('person').includes('Sergei Shoigu')");
    assert_eq!(
        page.eval("new URLSearchParams(location.search).get('q')"),
        "Shoigu artillery",
        "the typed prefix leaves the query, the rest stays"
    );
    page.wait("document.querySelector('#chips [data-filter=\"person\"]')");

    // The place tree: clicking Russia filters by it, and the results keep the seed.
    page.click("js:Array.from(document.querySelectorAll('#facet-place button')).find(b => b.textContent === 'Russia')");
    page.wait("new URLSearchParams(location.search).getAll('place').includes('Russia')");
    page.wait("document.querySelector('#chips [data-filter=\"place\"]') && document.querySelector('#results li')");
    let chips = page.screenshot("journey-chips");

    // The article: query hits marked, mentions coloured by type.
    page.click("#results li h3 a");
    page.wait("new URLSearchParams(location.search).has('article') && document.querySelector('.mention.person')");
    let marked: Vec<String> = serde_json::from_value(page.eval(
        "Array.from(document.querySelectorAll('mark')).map(m => m.textContent.toLowerCase())",
    ))
    .unwrap();
    assert!(marked.iter().any(|m| m == "artillery"), "{marked:?}");
    assert!(marked.iter().any(|m| m == "shoigu"), "{marked:?}");
    page.click("#next-hit");
    page.wait("document.querySelector('mark.current')");
    page.screenshot("journey-article");

    // Back to the same results, then export exactly what the chips select.
    page.click("#back");
    page.wait("!new URLSearchParams(location.search).has('article') && document.querySelector('#export-csv')");
    let href = page.eval("document.getElementById('export-csv').getAttribute('href')");
    let href = href.as_str().unwrap();
    assert!(
        href.contains("person=Sergei+Shoigu")
            && href.contains("place=Russia")
            && href.contains("format=csv"),
        "{href}"
    );
    let csv = page.eval(&format!(
        "fetch({}).then(r => r.text())",
        serde_json::Value::from(href)
    ));
    let csv = csv.as_str().unwrap();
    let mut lines = csv.lines();
    assert!(
        lines.next().unwrap().starts_with("id,date,headline"),
        "{csv}"
    );
    let rows: Vec<&str> = lines.collect();
    assert!(
        !rows.is_empty() && rows.iter().all(|r| r.contains("Sergei Shoigu")),
        "{csv}"
    );
    assert!(chips.exists());
}

#[test]
fn the_keyboard_moves_through_results_opens_one_and_goes_back() {
    let server = Server::start();
    let mut page = Page::open(&format!("{}/?q=Russia", server.base));
    page.wait("document.readyState === 'complete' && document.querySelectorAll('#results li').length >= 2");
    let selected = "Array.from(document.querySelectorAll('#results li')).findIndex(li => li.classList.contains('selected'))";
    assert_eq!(page.eval(selected), -1, "nothing is selected before a key");
    // j moves down, k up.
    page.press("j");
    page.press("j");
    page.wait(&format!("{selected} === 1"));
    page.press("k");
    page.wait(&format!("{selected} === 0"));
    let headline = page.eval("document.querySelector('#results li.selected h3').textContent");
    // Enter opens the selected article; Esc goes back to the same results.
    page.press("Enter");
    page.wait("new URLSearchParams(location.search).has('article') && document.querySelector('#article h1')");
    let opened = page.eval("document.querySelector('#article h1').textContent");
    assert_eq!(opened, headline);
    page.press("Escape");
    page.wait("!new URLSearchParams(location.search).has('article') && document.querySelector('#results li')");
    assert_eq!(
        page.eval("new URLSearchParams(location.search).get('q')"),
        "Russia"
    );
    // / jumps to the search box without typing itself; Esc leaves it.
    page.press("/");
    page.wait("document.activeElement && document.activeElement.id === 'q'");
    assert_eq!(page.eval("document.getElementById('q').value"), "Russia");
    page.press("Escape");
    page.wait("document.activeElement.id !== 'q'");
    assert_eq!(
        page.eval("document.getElementById('q').value"),
        "Russia",
        "Esc leaves the box without clearing the query"
    );
    page.screenshot("keyboard-results");
}
