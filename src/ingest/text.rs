//! Plain-text articles: saved news pages as text, and the headline/blank/body shape.
//!
//! Owns the layout rules for `.txt`/`.text`/`.md`: headline is the first non-empty line,
//! unless that line is a lead paragraph opening with a dateline (then there is none);
//! "Image caption," / "Caption:" lines (and the image alt-text line glued above them) become
//! captions; a "By NAME" line near the top is the byline and the short line after it the
//! dateline ("BBC News, Singapore" -> "Singapore"), else a city ending the byline ("By
//! Chinedu Eze, Abuja"); a date line near the top is the date; page
//! boilerplate (comment forms, share/cookie lines, "Related Topics") is dropped. It must not
//! look for entities or touch the file system.

use crate::article::Article;
use crate::ingest::date::parse_date;

/// How far below the headline byline, dateline and date lines are looked for.
const HEADER_LINES: usize = 12;

/// Lines that mark the start of page furniture after the article: everything from there
/// on is dropped.
const SECTION_ENDS: &[&str] = &[
    "leave a reply",
    "leave a comment",
    "related topics",
    "more on this story",
    "related internet links",
    "comments are closed",
    "post a comment",
];

/// Short lines that are page furniture wherever they stand.
const BOILERPLATE_PREFIXES: &[&str] = &[
    "your email address will not be published",
    "required fields are marked",
    "share this",
    "share on ",
    "share page",
    "share via",
    "copy link",
    "about sharing",
    "we use cookies",
    "accept cookies",
    "accept all cookies",
    "cookie policy",
    "cookie settings",
    "skip to content",
    "skip to main content",
    "sign up for our newsletter",
    "subscribe to our newsletter",
    "follow us on",
    "advertisement",
    "image source,",
    "image source:",
    "media caption,",
    "getty images",
    "click here to",
    "view comments",
    "print this page",
];

/// Parse text into an article (id and path are the caller's to set).
pub fn parse_text(text: &str) -> Article {
    let lines: Vec<&str> = text.lines().map(|l| l.trim()).collect();
    let lines = strip_furniture(&lines);

    let mut article = Article::default();
    let mut iter_start = 0;
    // Headline: first non-empty line, markdown heading marks removed; none when that line
    // is already the lead ("ABUJA — The agency said on Sunday ..."): a file saved without
    // its headline, whose dateline would otherwise be lost with it.
    for (i, line) in lines.iter().enumerate() {
        if !line.is_empty() {
            if looks_like_prose(line) && super::dateline::from_lead(line).is_some() {
                iter_start = i;
            } else {
                article.headline = line.trim_start_matches('#').trim().to_string();
                iter_start = i + 1;
            }
            break;
        }
    }

    // Classify every remaining line; `None` = blank (paragraph break).
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut nonblank_seen = 0usize;
    let mut expect_dateline = false;
    let mut byline_place = None;
    let mut body_started = false;
    let rest = &lines[iter_start..];
    for (i, &line) in rest.iter().enumerate() {
        if line.is_empty() {
            flush(&mut current, &mut paragraphs);
            continue;
        }
        nonblank_seen += 1;
        let in_header = !body_started && nonblank_seen <= HEADER_LINES;

        if let Some(caption) = caption_text(line) {
            // An image's alt text sits on the line right above its caption: move it too.
            if let Some(alt) = current.pop() {
                if is_alt_text(alt) {
                    article.captions.push(alt.to_string());
                } else {
                    current.push(alt);
                }
            }
            if !caption.is_empty() {
                article.captions.push(caption.to_string());
            }
            continue;
        }
        // An alt-text line followed directly by its caption is handled above; a line that
        // could be one waits in `current` until we know.
        if in_header {
            if let Some((authors, place)) = byline_authors(line) {
                flush(&mut current, &mut paragraphs);
                article.byline = authors;
                byline_place = place;
                expect_dateline = true;
                continue;
            }
            if article.date.is_none()
                && line.len() < 80
                && !line.ends_with('.')
                && let Some(date) = parse_date(line)
            {
                article.date = Some(date);
                continue;
            }
            if expect_dateline && article.dateline.is_none() && is_dateline(line) {
                let next_is_caption = rest.get(i + 1).is_some_and(|l| caption_text(l).is_some());
                if !next_is_caption {
                    let place = line.rsplit(',').next().unwrap_or(line).trim();
                    article.dateline = Some(place.to_string());
                    expect_dateline = false;
                    continue;
                }
            }
        }
        if looks_like_prose(line) {
            body_started = true;
            expect_dateline = false;
        }
        current.push(line);
    }
    flush(&mut current, &mut paragraphs);
    article.body = paragraphs.join("\n\n");
    // A dateline line under the byline says more than the byline's city.
    if article.dateline.is_none() {
        article.dateline = byline_place;
    }
    article
}

fn flush(current: &mut Vec<&str>, paragraphs: &mut Vec<String>) {
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
        current.clear();
    }
}

/// Drop boilerplate lines and everything after a "Leave a Reply"-style section marker.
fn strip_furniture<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let mut out = Vec::with_capacity(lines.len());
    for (i, &line) in lines.iter().enumerate() {
        let lower = line.to_lowercase();
        // Section markers only count in the lower part of the page, so a story that
        // quotes "related topics" near the top is not cut.
        if line.len() < 60
            && i * 3 >= lines.len()
            && SECTION_ENDS.iter().any(|m| lower.starts_with(m))
        {
            break;
        }
        if line.len() < 160 && BOILERPLATE_PREFIXES.iter().any(|p| lower.starts_with(p)) {
            continue;
        }
        out.push(line);
    }
    out
}

/// The caption text if the line is a caption line ("Image caption,", "Caption:").
fn caption_text(line: &str) -> Option<&str> {
    const PREFIXES: &[&str] = &[
        "image caption",
        "caption",
        "photo caption",
        "picture caption",
    ];
    let lower_head: String = line.chars().take(20).collect::<String>().to_lowercase();
    for prefix in PREFIXES {
        if let Some(after) = lower_head.strip_prefix(prefix)
            && (after.starts_with(',') || after.starts_with(':'))
        {
            // Prefixes are ASCII, so byte offsets agree between `line` and its lowercase.
            return Some(line[prefix.len() + 1..].trim());
        }
    }
    None
}

/// Alt text of an image: a short line that does not end like a sentence.
fn is_alt_text(line: &str) -> bool {
    line.len() < 200 && !line.ends_with(['.', '"', '”', ':'])
}

/// "By Derek Cai", "By Jane Doe and John Roe", "By Jane Doe, Political correspondent" ->
/// the author names; "By Chinedu Eze, Abuja" (the reporter's city after the names, as
/// Nigerian and other papers write it) -> the names and the city.
fn byline_authors(line: &str) -> Option<(Vec<String>, Option<String>)> {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("by "))
        .or_else(|| line.strip_prefix("BY "))?;
    if line.len() > 100 || rest.ends_with('.') {
        return None;
    }
    let mut authors = Vec::new();
    let mut parts: Vec<&str> = rest
        .split([',', '&', '|'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let place = if super::dateline::ends_with_city(&parts) {
        parts.pop().map(str::to_string)
    } else {
        None
    };
    for name in parts {
        let words: Vec<&str> = name.split_whitespace().collect();
        let capitalised = words
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()));
        if words.len() <= 4 && capitalised {
            authors.push(name.to_string());
        } else if authors.is_empty() {
            return None; // "By the time ..." is prose, not a byline.
        } else {
            break; // a job title after the names ("Political correspondent")
        }
    }
    (!authors.is_empty()).then_some((authors, place))
}

/// "BBC News, Singapore" or "Singapore": short, no sentence punctuation, capitalised words.
fn is_dateline(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 6
        && !line.ends_with(['.', '!', '?', ':'])
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        })
}

/// A sentence-like line: long enough and ending in sentence punctuation.
fn looks_like_prose(line: &str) -> bool {
    line.split_whitespace().count() >= 8 && line.ends_with(['.', '"', '”', '?', '!', '\''])
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_LIKE: &str = "Kim Jong Un: North Korea leader enters Russia\n\n\
        Mr Kim waves from his private train before departing Pyongyang\n\
        Image caption,Kim Jong Un waves from his private train.\n\n\
        By Derek Cai\n\nBBC News, Singapore\n\n\
        North Korea’s leader Kim Jong Un has crossed the border into Russia for a meeting.\n\n\
        They are likely to discuss an arms deal, a US official said.\n\n\
        North Korean leader Kim Jong Un and Sergei Shoigu\n\
        Image caption,In July Sergei Shoigu visited North Korea\n\n\
        It was the first time Mr Kim had opened the country’s doors since the pandemic.\n\n\
        Leave a Reply\n\nYour email address will not be published. Required fields are marked *";

    #[test]
    fn a_first_line_that_is_a_dated_lead_is_the_body_not_the_headline() {
        let a = parse_text(
            "ABUJA — The agency has arrested 14 suspects at the airport, its spokesman said.\n\n\
             He added that the suspects would be charged in court on Monday.",
        );
        assert_eq!(a.headline, "");
        assert!(a.body.starts_with("ABUJA — The agency"), "{}", a.body);
        // A headline that happens to start with a capitalised place stays the headline.
        let b = parse_text(
            "LONDON — Markets rally\n\nShares rose on Monday in every sector, traders said.",
        );
        assert_eq!(b.headline, "LONDON — Markets rally");
        // So does a long headline without a dateline.
        let c = parse_text(
            "Police in the capital arrest fourteen suspects at the international airport.\n\nBody.",
        );
        assert!(c.headline.starts_with("Police in the capital"));
    }

    #[test]
    fn seed_layout() {
        let a = parse_text(SEED_LIKE);
        assert_eq!(a.headline, "Kim Jong Un: North Korea leader enters Russia");
        assert_eq!(a.byline, vec!["Derek Cai"]);
        assert_eq!(a.dateline.as_deref(), Some("Singapore"));
        assert_eq!(
            a.captions,
            vec![
                "Mr Kim waves from his private train before departing Pyongyang",
                "Kim Jong Un waves from his private train.",
                "North Korean leader Kim Jong Un and Sergei Shoigu",
                "In July Sergei Shoigu visited North Korea",
            ]
        );
        assert!(a.body.starts_with("North Korea’s leader"));
        assert!(a.body.ends_with("since the pandemic."));
        assert!(!a.body.contains("Caption") && !a.body.contains("Leave a Reply"));
        assert_eq!(a.body.split("\n\n").count(), 3);
    }

    #[test]
    fn a_city_after_the_byline_names_is_the_dateline_unless_a_dateline_line_follows() {
        let a = parse_text(
            "INEC fixes date for Ondo election\n\nBy Adebayo Akinwale, Akure\n\n\
             The commission met stakeholders in Akure on Tuesday and fixed the date.\n",
        );
        assert_eq!(a.byline, vec!["Adebayo Akinwale"]);
        assert_eq!(a.dateline.as_deref(), Some("Akure"));
        assert!(a.body.starts_with("The commission met"));
        let b = parse_text(
            "Kim enters Russia\n\nBy Derek Cai, Seoul\n\nBBC News, Singapore\n\n\
             North Korea's leader has crossed the border into Russia for a meeting.\n",
        );
        assert_eq!(b.byline, vec!["Derek Cai"]);
        assert_eq!(b.dateline.as_deref(), Some("Singapore"));
        assert!(b.body.starts_with("North Korea's leader"));
    }

    #[test]
    fn bbc_corpus_shape() {
        let a = parse_text(
            "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76%.\n\nThe firm said so.\n",
        );
        assert_eq!(a.headline, "Ad sales boost Time Warner profit");
        assert_eq!(
            a.body,
            "Quarterly profits at US media giant TimeWarner jumped 76%.\n\nThe firm said so."
        );
        assert!(a.byline.is_empty() && a.captions.is_empty() && a.dateline.is_none());
    }

    #[test]
    fn byline_variants() {
        let names = |line| byline_authors(line).unwrap().0;
        let place = |line| byline_authors(line).unwrap().1;
        assert_eq!(
            names("By Jane Doe and John Roe"),
            vec!["Jane Doe", "John Roe"]
        );
        assert_eq!(
            names("By Jane Doe, political correspondent"),
            vec!["Jane Doe"]
        );
        // The reporter's city after the names (Nigerian papers): a place, not an author.
        assert_eq!(names("By Chinedu Eze, Abuja"), vec!["Chinedu Eze"]);
        assert_eq!(place("By Chinedu Eze, Abuja").as_deref(), Some("Abuja"));
        assert_eq!(
            names("By Ade Ola and Musa Bello, Kano"),
            vec!["Ade Ola", "Musa Bello"]
        );
        assert_eq!(
            place("By Ade Ola and Musa Bello, Kano").as_deref(),
            Some("Kano")
        );
        // Not places: an agency, a credit, a one-word byline, a city before another name.
        for line in [
            "By Jane Doe, Reuters",
            "By Jane Doe, AFP",
            "By Jane Doe, Staff",
            "By Abuja",
            "By Lagos, Jane Doe",
        ] {
            assert_eq!(place(line), None, "{line}");
        }
        assert_eq!(
            byline_authors("By the time the train arrived it was dark"),
            None
        );
    }

    #[test]
    fn date_line_in_header() {
        let a = parse_text(
            "Headline here\n12 September 2023\n\nBody text that is long enough to be prose here.",
        );
        assert_eq!(a.date.as_deref(), Some("2023-09-12T00:00:00Z"));
        assert_eq!(a.body, "Body text that is long enough to be prose here.");
    }

    #[test]
    fn hard_wrapped_paragraphs_join() {
        let a = parse_text("# Title\n\nline one of a\nparagraph.\n\nsecond.");
        assert_eq!(a.headline, "Title");
        assert_eq!(a.body, "line one of a paragraph.\n\nsecond.");
    }
}
