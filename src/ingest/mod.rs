//! Ingest: find article files, detect their format, and parse them into `Article`s.
//!
//! Owns everything between a path on disk and a list of `Article`s with headline, byline,
//! date, dateline, captions and body filled in. It must not extract entities or write the
//! index: the caller (the `index` stage) runs the entity stage on what this returns.
//!
//! Formats are chosen by extension (after stripping `.gz`), and by content for files
//! without one: `.txt`/`.text`/`.md` are plain text, `.json` one object or an array,
//! `.jsonl`/`.ndjson` one object per line, `.html`/`.htm` a saved web page, `.sgm`/`.sgml`
//! a wire archive of `<REUTERS>` records (Reuters-21578), `.xml` a Reuters Corpus
//! `<newsitem>` or an NITF document.

pub mod boilerplate;
pub mod date;
pub mod dateline;
pub mod decode;
pub mod html;
pub mod json;
pub mod sgml;
pub mod text;
pub mod xml;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use walkdir::WalkDir;

use crate::article::Article;
pub use json::BadRecord;

/// Why a file could not be turned into articles.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("binary data, not text")]
    Binary,
    #[error("{0}")]
    Malformed(String),
    #[error("no article text in file")]
    Empty,
}

/// The article formats newsdex reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    JsonLines,
    Html,
    Sgml,
    Xml,
}

/// Format from the file name alone (`a.json.gz` is JSON); `None` for other extensions.
/// Files without any extension get `Some(Text)` provisionally and are sniffed on read.
pub fn format_from_name(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = match name.rsplit_once('.') {
        Some((_, ext)) => ext,
        None => return Some(Format::Text),
    };
    match ext {
        "txt" | "text" | "md" => Some(Format::Text),
        "json" => Some(Format::Json),
        "jsonl" | "ndjson" => Some(Format::JsonLines),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "sgm" | "sgml" => Some(Format::Sgml),
        "xml" | "nitf" => Some(Format::Xml),
        _ => None,
    }
}

/// What reading one file produced.
#[derive(Debug, Default)]
pub struct ParsedFile {
    pub articles: Vec<Article>,
    /// Records inside the file that could not be read (the rest were).
    pub bad_records: Vec<BadRecord>,
    /// The input was larger than the size cap and only its start was read.
    pub truncated: bool,
    /// The text encoding the file was decoded from.
    pub encoding: &'static str,
}

/// Limits that keep memory bounded on hostile input.
#[derive(Debug, Clone, Copy)]
pub struct ReadLimits {
    /// Bytes of (decompressed) input read from one file; the rest is dropped and reported.
    pub max_file_bytes: u64,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            max_file_bytes: 64 * 1024 * 1024,
        }
    }
}

/// A stable id for an article without a source id: a hash of its path (and its position in
/// a multi-article file).
pub fn derived_id(path: &str, position: Option<usize>) -> String {
    let key = match position {
        Some(i) => format!("{path}#{i}"),
        None => path.to_string(),
    };
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}

/// Read a file's bytes (at most `limits.max_file_bytes`); the flag says whether it was cut.
pub fn read_raw(path: &Path, limits: ReadLimits) -> Result<(Vec<u8>, bool), IngestError> {
    let mut raw = Vec::new();
    File::open(path)?
        .take(limits.max_file_bytes + 1)
        .read_to_end(&mut raw)?;
    let truncated = raw.len() as u64 > limits.max_file_bytes;
    raw.truncate(limits.max_file_bytes as usize);
    Ok((raw, truncated))
}

/// Parse bytes read from `path`: gunzip if needed, pick the format from the name, decode.
pub fn parse_file_bytes(
    path: &Path,
    raw: Vec<u8>,
    truncated: bool,
    limits: ReadLimits,
) -> Result<ParsedFile, IngestError> {
    let (raw, truncated) = if decode::is_gzip(&raw) {
        let (inflated, cut) = decode::gunzip(&raw, limits.max_file_bytes)?;
        (inflated, truncated || cut)
    } else {
        (raw, truncated)
    };
    let format = format_from_name(path).unwrap_or(Format::Text);
    parse_bytes(&raw, format, &path.to_string_lossy(), truncated)
}

/// Read, decode and parse one file.
pub fn read_file(path: &Path, limits: ReadLimits) -> Result<ParsedFile, IngestError> {
    let (raw, truncated) = read_raw(path, limits)?;
    parse_file_bytes(path, raw, truncated, limits)
}

/// Parse already-read bytes (decompressed) in the given format.
pub fn parse_bytes(
    raw: &[u8],
    format: Format,
    path_label: &str,
    truncated: bool,
) -> Result<ParsedFile, IngestError> {
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty);
    }
    let looks_html = |raw: &[u8]| {
        let head = String::from_utf8_lossy(&raw[..raw.len().min(512)])
            .trim_start()
            .to_ascii_lowercase();
        head.starts_with("<!doctype html") || head.starts_with("<html")
    };
    let format = if format == Format::Text && looks_html(raw) {
        Format::Html
    } else {
        format
    };
    let decoded = if format == Format::Html {
        html::decode_html(raw)
    } else {
        decode::decode(raw)?
    };
    let text = decoded.text.trim_start_matches('\u{feff}');
    // A file with no extension, or a .txt that is really JSON, is sniffed by content.
    let format = match (format, text.trim_start().as_bytes().first()) {
        (Format::Text, Some(b'<')) if sgml::looks_like_sgml(text) => Format::Sgml,
        (Format::Text, Some(b'<')) if xml::looks_like_news_xml(text) => Format::Xml,
        (Format::Text, Some(b'{')) if looks_like_json_lines(text) => Format::JsonLines,
        (Format::Text, Some(b'[' | b'{'))
            if serde_json::from_str::<serde_json::Value>(text).is_ok() =>
        {
            Format::Json
        }
        (f, _) => f,
    };
    let (mut articles, bad_records) = match format {
        Format::Text => (vec![text::parse_text(text)], vec![]),
        Format::Json => json::parse_json(text),
        Format::JsonLines => json::parse_jsonl(text),
        Format::Html => (vec![html::parse_html(text)], vec![]),
        Format::Sgml => sgml::parse_sgml(text),
        Format::Xml => (xml::parse_news_xml(text).into_iter().collect(), vec![]),
    };
    articles.retain(|a| !(a.headline.is_empty() && a.body.is_empty()));
    if articles.is_empty() && bad_records.is_empty() {
        return Err(IngestError::Empty);
    }
    if articles.is_empty() && bad_records.len() == 1 {
        let bad = &bad_records[0];
        return Err(IngestError::Malformed(if bad.line > 0 {
            format!("line {}: {}", bad.line, bad.reason)
        } else {
            bad.reason.clone()
        }));
    }
    let single = articles.len() == 1 && matches!(format, Format::Text | Format::Html | Format::Xml);
    for (i, article) in articles.iter_mut().enumerate() {
        complete(article);
        article.path = path_label.to_string();
        if article.id.is_empty() {
            article.id = derived_id(path_label, (!single).then_some(i));
        }
    }
    Ok(ParsedFile {
        articles,
        bad_records,
        truncated: truncated || decoded.truncated,
        encoding: decoded.encoding,
    })
}

/// What every format shares after parsing: a dateline written into the lead counts when the
/// source's metadata named none (a mixed-case one only as a candidate), and a wire agency's sign-off line is no part of the body.
fn complete(article: &mut Article) {
    if article.dateline.is_none() {
        article.dateline = dateline::from_lead(&article.body);
    }
    if article.dateline.is_none() {
        article.unmarked_dateline = dateline::unmarked_from_lead(&article.body);
    }
    let kept = without_signoff(&article.body).len();
    article.body.truncate(kept);
}

/// Agencies whose name alone on the last line signs a wire story off (" Reuter" ends every
/// story of 1980s Reuters archives; taggers read it as a person).
const SIGNOFFS: &[&str] = &["reuter", "reuters", "ap", "afp", "upi"];

/// `body` without a last word that is an agency's sign-off after the end of a sentence or
/// on a line of its own (and the control characters and blanks around it: old wire files
/// end with an ETX). Text files join a story's last lines, so the sign-off may follow the
/// last sentence on its line.
fn without_signoff(body: &str) -> &str {
    let end_of_text = |c: char| c.is_whitespace() || c.is_control();
    let trimmed = body.trim_end_matches(end_of_text);
    let Some((before, last)) = trimmed.rsplit_once(char::is_whitespace) else {
        return body;
    };
    let before = before.trim_end_matches(end_of_text);
    let ends_sentence = before.ends_with(['.', '!', '?', '"', '\u{201d}', ')']);
    if SIGNOFFS.iter().any(|s| last.eq_ignore_ascii_case(s)) && ends_sentence {
        before
    } else {
        body
    }
}

fn looks_like_json_lines(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("");
    lines.next().is_some() && serde_json::from_str::<serde_json::Value>(first).is_ok()
}

/// JSON Lines files larger than this are streamed in batches instead of read whole, so a
/// multi-gigabyte export is indexed completely in bounded memory.
pub const STREAM_JSONL_ABOVE: u64 = 16 * 1024 * 1024;

/// One record of a streamed JSON Lines file: its 1-based line number and the article, or
/// why the line could not be read.
pub type StreamedRecord = (usize, Result<Article, String>);

/// Stream a JSON Lines file (plain or gzip) in batches of up to `batch` records, calling
/// `each` with (1-based line number, parsed article or reason) for every non-empty line;
/// `each` returning `Break` ends the stream there. Lines longer than
/// `limits.max_file_bytes` are reported and skipped.
pub fn stream_jsonl(
    path: &Path,
    limits: ReadLimits,
    batch: usize,
    each: &mut dyn FnMut(Vec<StreamedRecord>) -> std::ops::ControlFlow<()>,
) -> Result<(), IngestError> {
    use std::io::BufRead;
    let file = File::open(path)?;
    let mut head = [0u8; 2];
    let gz = {
        let mut f = File::open(path)?;
        f.read(&mut head)? == 2 && decode::is_gzip(&head)
    };
    let reader: Box<dyn Read> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut reader = std::io::BufReader::with_capacity(1 << 20, reader);
    let mut pending = Vec::with_capacity(batch);
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        let read = (&mut reader)
            .take(limits.max_file_bytes + 1)
            .read_until(b'\n', &mut line)?;
        if read == 0 {
            break;
        }
        number += 1;
        if line.len() as u64 > limits.max_file_bytes && !line.ends_with(b"\n") {
            // Skip the rest of an over-long line.
            let mut rest = Vec::new();
            reader.read_until(b'\n', &mut rest)?;
            pending.push((
                number,
                Err(format!(
                    "line longer than {} bytes, skipped",
                    limits.max_file_bytes
                )),
            ));
        } else {
            let text = String::from_utf8_lossy(&line);
            let text = text.trim();
            if !text.is_empty() {
                let parsed = json::parse_jsonl_line(text).map(|mut article| {
                    complete(&mut article);
                    article
                });
                pending.push((number, parsed));
            }
        }
        if pending.len() >= batch && each(std::mem::take(&mut pending)).is_break() {
            return Ok(());
        }
    }
    if !pending.is_empty() {
        let _ = each(pending);
    }
    Ok(())
}

/// Hash a file's bytes without holding it in memory.
pub fn hash_file(path: &Path) -> Result<u64, IngestError> {
    let mut file = File::open(path)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher.digest())
}

/// Whether an `.xml` file opens as a news document (`xml::looks_like_news_xml` on its first
/// 4 KB); a compressed one is read to find out.
fn is_news_xml_file(path: &Path) -> bool {
    let mut head = vec![0u8; 4096];
    let read = File::open(path).and_then(|mut f| f.read(&mut head));
    match read {
        Ok(n) => {
            head.truncate(n);
            decode::is_gzip(&head) || xml::looks_like_news_xml(&String::from_utf8_lossy(&head))
        }
        Err(_) => true,
    }
}

/// A candidate article file found by discovery, with what incremental indexing compares.
#[derive(Debug, Clone)]
pub struct FoundFile {
    pub path: PathBuf,
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch (0 when unknown).
    pub mtime_ns: u64,
}

/// Options for walking the input paths.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// Include files and folders whose name starts with a dot.
    pub hidden: bool,
    /// Follow symbolic links (loops are detected and reported, never followed forever).
    pub follow_links: bool,
}

/// Is the walk's folder `entry` one of `leave_out` (canonical paths)? Under a canonical root
/// the walk's own path says so; below a followed link it is not canonical, so then the
/// folder's canonical path does ("archive/idx" a link to "/data/idx", or
/// "archive/current/idx" inside a linked folder).
fn is_left_out(entry: &walkdir::DirEntry, leave_out: &[PathBuf], follow_links: bool) -> bool {
    if leave_out.is_empty() || !entry.file_type().is_dir() {
        return false;
    }
    leave_out.iter().any(|d| d == entry.path())
        || follow_links && std::fs::canonicalize(entry.path()).is_ok_and(|c| leave_out.contains(&c))
}

/// Walk `roots`, yielding article files and the problems met on the way (unreadable
/// folders, symlink loops). Files of other types are skipped silently and counted. The
/// folders in `leave_out` (canonical paths; roots should be canonical too) are not entered
/// below a root, also through followed links: an index kept inside the archive it indexes
/// is no part of it.
pub fn discover(
    roots: &[PathBuf],
    options: WalkOptions,
    leave_out: &[PathBuf],
) -> (Vec<FoundFile>, Vec<(PathBuf, String)>, usize) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut other_files = 0;
    for root in roots {
        let walker = WalkDir::new(root)
            .follow_links(options.follow_links)
            .into_iter()
            .filter_entry(|e| {
                let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                let left_out = e.depth() > 0 && is_left_out(e, leave_out, options.follow_links);
                (options.hidden || !hidden) && !left_out
            });
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let reason = if e.loop_ancestor().is_some() {
                        "symbolic link loop, not followed".to_string()
                    } else {
                        e.io_error()
                            .map(|io| io.to_string())
                            .unwrap_or_else(|| e.to_string())
                    };
                    problems.push((path, reason));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let format = format_from_name(entry.path());
            // XML is news only as a <newsitem> or <nitf>; sitemaps and feeds of settings are
            // other files.
            if format.is_none() || (format == Some(Format::Xml) && !is_news_xml_file(entry.path()))
            {
                other_files += 1;
                continue;
            }
            let (size, mtime_ns) = match entry.metadata() {
                Ok(m) => (
                    m.len(),
                    m.modified()
                        .ok()
                        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                        .map(|d| d.as_nanos() as u64)
                        .unwrap_or(0),
                ),
                Err(e) => {
                    problems.push((entry.path().to_path_buf(), e.to_string()));
                    continue;
                }
            };
            found.push(FoundFile {
                path: entry.into_path(),
                size,
                mtime_ns,
            });
        }
    }
    (found, problems, other_files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wire_signoff_line_is_no_part_of_the_body() {
        let signed = "OPEC output was within its ceiling, he said.\n Reuter\n\u{3}";
        assert_eq!(
            without_signoff(signed),
            "OPEC output was within its ceiling, he said."
        );
        assert_eq!(without_signoff("Text.\n\nREUTERS\n"), "Text.");
        // Text files join the last lines into the last paragraph.
        assert_eq!(without_signoff("THEY SAID. REUTER"), "THEY SAID.");
        // A sentence that ends in the name, or a body that is only the name, stays.
        for kept in ["He told\nReuters.", "according to AP", "Reuter"] {
            assert_eq!(without_signoff(kept), kept);
        }
    }

    #[test]
    fn formats_by_name() {
        assert_eq!(format_from_name(Path::new("a/b.txt")), Some(Format::Text));
        assert_eq!(format_from_name(Path::new("b.JSON.gz")), Some(Format::Json));
        assert_eq!(
            format_from_name(Path::new("b.ndjson")),
            Some(Format::JsonLines)
        );
        assert_eq!(format_from_name(Path::new("README")), Some(Format::Text));
        assert_eq!(format_from_name(Path::new("photo.png")), None);
        assert_eq!(
            format_from_name(Path::new("page.HTM.gz")),
            Some(Format::Html)
        );
    }

    #[test]
    fn text_file_that_is_json_is_sniffed() {
        let parsed =
            parse_bytes(br#"{"title": "T", "body": "B"}"#, Format::Text, "x", false).unwrap();
        assert_eq!(parsed.articles[0].headline, "T");
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        let parsed = parse_bytes(
            b"{\"title\":\"a\"}\n{\"title\":\"b\"}\n",
            Format::JsonLines,
            "f.jsonl",
            false,
        )
        .unwrap();
        assert_eq!(parsed.articles[0].id, derived_id("f.jsonl", Some(0)));
        assert_ne!(parsed.articles[0].id, parsed.articles[1].id);
    }

    #[test]
    fn empty_and_binary_fail_with_reason() {
        assert!(matches!(
            parse_bytes(b"  \n", Format::Text, "x", false),
            Err(IngestError::Empty)
        ));
        assert!(matches!(
            parse_bytes(b"\x89PNG\0\0", Format::Text, "x", false),
            Err(IngestError::Binary)
        ));
    }
}
