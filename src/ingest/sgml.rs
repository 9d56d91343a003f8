//! Wire archives in Reuters-21578's SGML: files of `<REUTERS ...>` records, each with a
//! `<DATE>`, and in its `<TEXT>` a `<TITLE>`, a `<DATELINE>` and a `<BODY>` (or, for the
//! unprocessed records, bare text).
//!
//! Owns splitting such a file into stories and reading each one's headline, date, dateline
//! and body: the dateline opens the body as it opens a wire story ("SALVADOR, Feb 26 -
//! Showers continued ..."), so the common lead rules read its place, and the indented
//! lines that start paragraphs become paragraph breaks. It must not read the editors'
//! `<TOPICS>`, `<PLACES>`, `<PEOPLE>`, `<ORGS>` or `<EXCHANGES>` tags: places and people
//! come from the text, as for any other archive. It must not touch the file system.

use crate::article::Article;
use crate::ingest::json::BadRecord;

/// The stories of an SGML file, and a bad record for each `<REUTERS>` without text.
pub fn parse_sgml(text: &str) -> (Vec<Article>, Vec<BadRecord>) {
    let (mut articles, mut bad) = (Vec::new(), Vec::new());
    let mut rest = text;
    // The line a record starts on, counted as the file is read (once, not per record).
    let mut line = 1;
    while let Some(open) = find_tag(rest, "<REUTERS") {
        line += rest[..open].matches('\n').count();
        let end = rest[open..]
            .find("</REUTERS>")
            .map_or(rest.len(), |e| open + e + "</REUTERS>".len());
        let record = &rest[open..end];
        match story(record) {
            Some(article) => articles.push(article),
            None => bad.push(BadRecord {
                line,
                reason: "a <REUTERS> record with no title or text".into(),
            }),
        }
        line += record.matches('\n').count();
        rest = &rest[end..];
    }
    (articles, bad)
}

/// Whether text is such an archive: a `<REUTERS` record near the top.
pub fn looks_like_sgml(text: &str) -> bool {
    find_tag(&text[..text.floor_char_boundary(2048)], "<REUTERS").is_some()
}

/// Where a tag named exactly `name` opens (`<REUTERS` but not `<REUTERSX`), ignoring case.
pub(super) fn find_tag(text: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find('<') {
        let at = from + at;
        let after = at + name.len();
        let matches = text
            .get(at..after)
            .is_some_and(|t| t.eq_ignore_ascii_case(name))
            && text[after..]
                .chars()
                .next()
                .is_some_and(|c| c == '>' || c.is_whitespace());
        if matches {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The text inside the first `<NAME ...>...</NAME>` of `record`.
pub(super) fn element<'a>(record: &'a str, name: &str) -> Option<&'a str> {
    next_element(record, name).map(|(content, _)| content)
}

/// The text inside the first `<NAME ...>...</NAME>` of `text` (to the end of `text` when it
/// is not closed), and where the element ends.
pub(super) fn next_element<'a>(text: &'a str, name: &str) -> Option<(&'a str, usize)> {
    let open = find_tag(text, &format!("<{name}"))?;
    let content = open + text[open..].find('>')? + 1;
    let close = format!("</{name}>");
    // Closing tags in any case, without a copy of the text per search.
    let end = text.as_bytes()[content..]
        .windows(close.len())
        .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
        .map(|e| content + e);
    Some(match end {
        Some(end) => (&text[content..end], end + close.len()),
        None => (&text[content..], text.len()),
    })
}

/// Entities decoded ("&lt;" "&amp;" "&#3;"), tags dropped, control characters (the wire's
/// STX and ETX) removed.
pub(super) fn plain(text: &str) -> String {
    let mut untagged = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => untagged.push(c),
            _ => {}
        }
    }
    html_escape::decode_html_entities(&without_control_references(&untagged))
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect()
}

/// `text` without numeric references to control characters ("&#2;", "&#3;": the wire's
/// start and end of text), which the HTML decoder leaves as they are.
fn without_control_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let control = digits > 0
            && after[digits..].starts_with(';')
            && after[..digits].parse::<u32>().is_ok_and(|n| n < 32);
        if control {
            rest = &after[digits + 1..];
        } else {
            out.push_str("&#");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Wire copy's lines joined: a line indented by a tab or spaces starts a paragraph.
fn paragraphs(body: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in body.lines() {
        let indented = line.starts_with([' ', '\t']);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if !indented => {
                last.push(' ');
                last.push_str(line);
            }
            _ => out.push(line.to_string()),
        }
    }
    out.join("\n\n")
}

/// "26-FEB-1987 15:01:01.79" as RFC 3339 (the archive's dates carry no zone).
fn date(text: &str) -> Option<String> {
    let text = text.trim();
    let (day_part, time) = text.split_once(' ').unwrap_or((text, "00:00:00"));
    let mut parts = day_part.split('-');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let time = time.trim().split('.').next()?;
    super::date::parse_date(&format!("{day} {month} {year} {time}"))
        .or_else(|| super::date::parse_date(&format!("{day} {month} {year}")))
}

/// One `<REUTERS>` record as an article; `None` when it has neither title nor text.
fn story(record: &str) -> Option<Article> {
    let text = element(record, "TEXT").unwrap_or("");
    let headline = element(text, "TITLE").map(plain).unwrap_or_default();
    let dateline = element(text, "DATELINE").map(plain).unwrap_or_default();
    // Unprocessed records have bare text in place of the title, dateline and body.
    let body = match element(text, "BODY") {
        Some(body) => plain(body),
        None if headline.is_empty() => plain(text),
        None => String::new(),
    };
    let mut body = paragraphs(&body);
    let dateline = dateline.trim();
    if !dateline.is_empty() && !body.is_empty() {
        body = format!("{dateline} {body}");
    }
    let headline = headline.split_whitespace().collect::<Vec<_>>().join(" ");
    if headline.is_empty() && body.is_empty() {
        return None;
    }
    Some(Article {
        headline,
        date: element(record, "DATE").and_then(|d| date(&plain(d))),
        body,
        ..Article::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n\
<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" NEWID=\"1\">\n\
<DATE>26-FEB-1987 15:01:01.79</DATE>\n\
<TOPICS><D>cocoa</D></TOPICS>\n<PLACES><D>el-salvador</D><D>usa</D></PLACES>\n\
<PEOPLE></PEOPLE>\n<TEXT>&#2;\n<TITLE>BAHIA COCOA REVIEW</TITLE>\n\
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week in\n\
the Bahia cocoa zone, alleviating the drought.\n    Comissaria Smith said &lt;CSM> stocks \
rose &amp; fell.\n Reuter\n&#3;</BODY></TEXT>\n\
</REUTERS>\n\
<REUTERS NEWID=\"2\"><DATE> 2-MAR-1987 09:00:00.00</DATE><TEXT TYPE=\"BRIEF\">&#2;\n\
<TITLE>******FED SETS REPURCHASES</TITLE>\n&#3;</TEXT></REUTERS>\n\
<REUTERS NEWID=\"3\"><DATE>3-MAR-1987</DATE><TEXT TYPE=\"UNPROC\">&#2;\n\
Grain shipments rose in the week, the agency said.\n&#3;</TEXT></REUTERS>\n\
<REUTERS NEWID=\"4\"><DATE>3-MAR-1987</DATE><TEXT>&#2;&#3;</TEXT></REUTERS>\n";

    #[test]
    fn stories_with_title_dateline_date_and_paragraphs_and_no_editors_tags() {
        assert!(looks_like_sgml(FILE));
        let (articles, bad) = parse_sgml(FILE);
        assert_eq!(articles.len(), 3, "{articles:#?}");
        let first = &articles[0];
        assert_eq!(first.headline, "BAHIA COCOA REVIEW");
        assert_eq!(first.date.as_deref(), Some("1987-02-26T15:01:01Z"));
        assert_eq!(
            first.body,
            "SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa \
             zone, alleviating the drought.\n\nComissaria Smith said <CSM> stocks rose & \
             fell.\n\nReuter"
        );
        // The editors' tags are not read: no place comes from <PLACES>.
        assert!(first.places.is_empty() && first.dateline.is_none());
        assert_eq!(articles[1].headline, "******FED SETS REPURCHASES");
        assert!(articles[1].body.is_empty());
        assert_eq!(
            articles[2].body,
            "Grain shipments rose in the week, the agency said."
        );
        assert_eq!(articles[2].date.as_deref(), Some("1987-03-03T00:00:00Z"));
        // The record with no text is reported with its line.
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].line, 21);
        assert!(!looks_like_sgml("<html><body>Reuters</body></html>"));
        // A text whose 2,048th byte falls inside a character.
        assert!(!looks_like_sgml(&format!("<p>{}", "é".repeat(2000))));
    }

    #[test]
    fn broken_records_never_panic() {
        for text in [
            "<REUTERS",
            "<REUTERS>",
            "<REUTERS><TEXT><TITLE>x",
            "<REUTERS><DATE>99-XYZ-1</DATE><TEXT><BODY>é</BODY></TEXT>",
            "<reuters newid=1><text><title>Lower case</title></text></reuters>",
            "<REUTERSX>no</REUTERSX>",
        ] {
            let _ = parse_sgml(text);
        }
        let (articles, _) =
            parse_sgml("<reuters newid=1><text><title>Lower case</title></text></reuters>");
        assert_eq!(articles[0].headline, "Lower case");
    }
}
