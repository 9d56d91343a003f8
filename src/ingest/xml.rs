//! News in XML: a Reuters Corpus (RCV1) `<newsitem>` or an NITF `<nitf>` document, one
//! story per file.
//!
//! Owns reading the headline (`<headline>`, `<hl1>`, else `<title>`), byline, dateline,
//! date (`<newsitem date>`, NITF's `<date.issue norm>`) and the paragraphs of the body
//! (`<p>` in `<text>` or `<body.content>`) out of such a file. It must not read the
//! editors' codes (`<metadata>`, `<codes>`, NITF's `<tobject>` and `<identified-content>`):
//! places and people come from the text. It must not touch the file system.

use super::sgml::{element, find_tag, next_element, plain};
use crate::article::Article;

/// Whether text is one of these documents: a `<newsitem` or `<nitf` element near the top.
pub fn looks_like_news_xml(text: &str) -> bool {
    let head = &text[..text.floor_char_boundary(4096)];
    find_tag(head, "<newsitem").is_some() || find_tag(head, "<nitf").is_some()
}

/// The story of a `<newsitem>` or `<nitf>` document (`None` if it has neither headline
/// nor body).
pub fn parse_news_xml(text: &str) -> Option<Article> {
    let headline = ["headline", "hl1", "title"]
        .iter()
        .find_map(|name| element(text, name).map(one_line).filter(|h| !h.is_empty()))
        .unwrap_or_default();
    let byline = element(text, "byline")
        .map(one_line)
        .map(|b| {
            b.trim_start_matches("By ")
                .trim_start_matches("BY ")
                .to_string()
        })
        .filter(|b| !b.is_empty());
    let dateline = element(text, "dateline")
        .map(one_line)
        .map(|d| d.trim_end_matches(['-', '–', '—', ' ']).to_string())
        .filter(|d| !d.is_empty());
    let body_part = element(text, "body.content")
        .or_else(|| element(text, "text"))
        .unwrap_or("");
    let mut paragraphs: Vec<String> = elements(body_part, "p")
        .into_iter()
        .map(one_line)
        .filter(|p| !p.is_empty())
        .collect();
    if paragraphs.is_empty() {
        paragraphs.extend(Some(one_line(body_part)).filter(|p| !p.is_empty()));
    }
    let body = paragraphs.join("\n\n");
    if headline.is_empty() && body.is_empty() {
        return None;
    }
    Some(Article {
        headline,
        byline: byline.into_iter().collect(),
        date: date(text),
        dateline,
        body,
        ..Article::default()
    })
}

/// The text of an element's contents, tags dropped, on one line.
fn one_line(text: &str) -> String {
    plain(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The contents of every `<name ...>...</name>` in `text`, in order.
fn elements<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some((content, end)) = next_element(rest, name) {
        out.push(content);
        rest = &rest[end..];
    }
    out
}

/// The value of `attribute` in the first `<tag ...>` of `text`.
fn attribute<'a>(text: &'a str, tag: &str, attribute: &str) -> Option<&'a str> {
    let open = find_tag(text, &format!("<{tag}"))?;
    let end = open + text[open..].find('>')?;
    let inside = &text[open..end];
    let at = inside.find(&format!("{attribute}=\""))? + attribute.len() + 2;
    let value = &inside[at..];
    Some(&value[..value.find('"')?])
}

/// RCV1's `<newsitem date="1996-08-20">`, or NITF's `<date.issue norm="20010101T120000">`.
fn date(text: &str) -> Option<String> {
    if let Some(date) = attribute(text, "newsitem", "date").and_then(super::date::parse_date) {
        return Some(date);
    }
    let norm = attribute(text, "date.issue", "norm")?;
    let digits: String = norm.chars().filter(char::is_ascii_digit).collect();
    let part = |from: usize, to: usize| digits.get(from..to).unwrap_or("00");
    let day = format!(
        "{}-{}-{}",
        digits.get(0..4)?,
        digits.get(4..6)?,
        digits.get(6..8)?
    );
    super::date::parse_date(&format!(
        "{day}T{}:{}:{}Z",
        part(8, 10),
        part(10, 12),
        part(12, 14)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_rcv1_newsitem_without_its_codes() {
        let xml = "<?xml version=\"1.0\" encoding=\"iso-8859-1\" ?>\n\
<newsitem itemid=\"2286\" id=\"root\" date=\"1996-08-20\" xml:lang=\"en\">\n\
<title>MEXICO: Recovery excitement brings Mexican markets to life.</title>\n\
<headline>Recovery excitement brings Mexican markets to life.</headline>\n\
<byline>Henry Tricks</byline>\n<dateline>MEXICO CITY</dateline>\n<text>\n\
<p>Emerging evidence that Mexico's economy was back on the recovery track sent\n\
markets into a buzz of excitement Tuesday.</p>\n<p>&quot;It's a lot of buying,&quot; a trader said.</p>\n\
</text>\n<copyright>(c) Reuters Limited 1996</copyright>\n<metadata>\n\
<codes class=\"bip:countries:1.0\"><code code=\"JAP\"></code></codes>\n</metadata>\n</newsitem>";
        assert!(looks_like_news_xml(xml));
        let a = parse_news_xml(xml).unwrap();
        assert_eq!(
            a.headline,
            "Recovery excitement brings Mexican markets to life."
        );
        assert_eq!(a.byline, ["Henry Tricks"]);
        assert_eq!(a.dateline.as_deref(), Some("MEXICO CITY"));
        assert_eq!(a.date.as_deref(), Some("1996-08-20T00:00:00Z"));
        assert_eq!(
            a.body,
            "Emerging evidence that Mexico's economy was back on the recovery track sent \
             markets into a buzz of excitement Tuesday.\n\n\"It's a lot of buying,\" a trader said."
        );
        // The editors' codes are no text of the story.
        assert!(!a.body.contains("JAP") && !a.body.contains("Reuters Limited"));
    }

    #[test]
    fn an_nitf_document_and_broken_ones() {
        let xml = "<nitf><head><title>Page title</title><docdata>\
<date.issue norm=\"20010914T093000\"/></docdata></head><body><body.head><hedline>\
<hl1>Fires rage in the hills</hl1></hedline><byline>By Ana Ruiz</byline><dateline>\
<location>VALPARAISO, Chile</location> &#8212;</dateline></body.head><body.content>\
<p>Firefighters battled blazes on Friday.</p><p>Two towns were evacuated.</p>\
</body.content></body></nitf>";
        let a = parse_news_xml(xml).unwrap();
        assert_eq!(a.headline, "Fires rage in the hills");
        assert_eq!(a.byline, ["Ana Ruiz"]);
        assert_eq!(a.dateline.as_deref(), Some("VALPARAISO, Chile"));
        assert_eq!(a.date.as_deref(), Some("2001-09-14T09:30:00Z"));
        assert_eq!(
            a.body,
            "Firefighters battled blazes on Friday.\n\nTwo towns were evacuated."
        );
        for broken in [
            "<nitf>",
            "<newsitem date=\"x\"><text><p>Only",
            "<newsitem><p",
            "<nitf><hl1></hl1></nitf>",
        ] {
            let _ = parse_news_xml(broken);
        }
        assert!(parse_news_xml("<nitf></nitf>").is_none());
        assert!(!looks_like_news_xml(
            "<?xml version=\"1.0\"?><urlset></urlset>"
        ));
    }
}
