//! Boilerplate lines in a main-text extractor's output, removed by signals no site owns.
//!
//! Owns the line rules applied after `html::Extraction` has chosen the article text: lines
//! that repeat the headline or a caption, stock furniture ("Advertisement"), runs of lines
//! that are the page's own link texts (related-story lists), calls to action (newsletters,
//! "follow us", apps, copyright notices). Each rule is a `BodyRules` field so
//! `eval-extraction --cv` can score it on pages it was not written for (BENCHMARKS.md,
//! "HTML extraction").
//! It must not parse HTML or know any site: its inputs are the extracted text, the headline
//! and captions, and the set of link texts the page carries (`LinkTexts`).

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

/// Which rules shape the body. `Default` is what `newsdex` uses; the other settings exist so
/// the extraction benchmark can measure each rule (`eval-extraction --cv`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BodyRules {
    /// Take Readability's text instead of trafilatura's when trafilatura's is longer than
    /// this many times Readability's (`None`: never). See `html::Extraction`. 1.0 (take the
    /// shorter) is what leave-one-site-out selection picks; every ratio from 1.0 to 1.25
    /// scores within 0.001 F1 (BENCHMARKS.md), so it is not a tuned edge.
    pub cross_check: Option<f64>,
    /// Drop lines that repeat the headline or a caption.
    pub headline_and_captions: bool,
    /// Drop short stock lines: "Advertisement", "Read more", "Share this article", "© …".
    pub furniture: bool,
    /// Drop runs of lines that are the page's link texts, and the short line introducing them.
    pub link_runs: bool,
    /// Drop short lines asking the reader to subscribe, follow, sign up or download.
    pub calls_to_action: bool,
}

impl Default for BodyRules {
    fn default() -> Self {
        BodyRules {
            cross_check: Some(1.0),
            headline_and_captions: true,
            furniture: true,
            link_runs: true,
            calls_to_action: true,
        }
    }
}

impl BodyRules {
    /// Only the extractors: no cross-check and no line rules.
    pub fn none() -> Self {
        BodyRules {
            cross_check: None,
            headline_and_captions: false,
            furniture: false,
            link_runs: false,
            calls_to_action: false,
        }
    }
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("the pattern is a valid constant regex"))
}

/// Lowercase letters and digits of a text, words separated by one space: the form in which
/// lines and link texts are compared, so punctuation and markup spacing do not matter.
fn letters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The texts of a page's links, in `letters` form, by first word; only those of two words or
/// more, since a one-word link ("Home", a name) says little about the line it appears in.
#[derive(Debug, Default)]
pub struct LinkTexts(HashMap<String, Vec<String>>);

impl LinkTexts {
    /// Link texts from the page's anchors' inner texts.
    pub fn new<'a>(anchors: impl IntoIterator<Item = &'a str>) -> Self {
        let mut by_first_word: HashMap<String, Vec<String>> = HashMap::new();
        for text in anchors.into_iter().map(letters) {
            if let Some((first, _)) = text.split_once(' ') {
                let same_first = by_first_word.entry(first.to_string()).or_default();
                if !same_first.contains(&text) {
                    same_first.push(text);
                }
            }
        }
        LinkTexts(by_first_word)
    }

    /// Share of a `letters`-form line's letters that lie inside link texts found in it.
    fn coverage(&self, line: &str) -> f64 {
        if self.0.is_empty() || line.is_empty() {
            return 0.0;
        }
        let mut covered_to = 0; // bytes before this are inside a link already counted
        let mut inside = 0;
        let mut at = 0;
        for word in line.split(' ') {
            let rest = &line[at..];
            let longest = self.0.get(word).and_then(|links| {
                links
                    .iter()
                    .filter(|l| {
                        rest.starts_with(l.as_str())
                            && rest[l.len()..].chars().next().is_none_or(|c| c == ' ')
                    })
                    .map(String::len)
                    .max()
            });
            if let Some(len) = longest {
                let from = at.max(covered_to);
                let to = at + len;
                if to > from {
                    inside += line[from..to].bytes().filter(|b| *b != b' ').count();
                    covered_to = to;
                }
            }
            at += word.len() + 1;
        }
        let letters = line.bytes().filter(|b| *b != b' ').count().max(1);
        inside as f64 / letters as f64
    }
}

/// A line whose text is mostly one or more of the page's links, and short enough to be a
/// headline in a list rather than a paragraph that happens to be linked.
fn is_link_line(line: &str, links: &LinkTexts) -> bool {
    let text = letters(line);
    text.split(' ').count() <= 30 && links.coverage(&text) >= 0.7
}

/// A short line that introduces a list: "You may also like...", "Related coverage",
/// "More in Amsterdam", "DON'T MISS", "Read more:".
fn is_lead_in(line: &str) -> bool {
    static LEAD_IN: OnceLock<Regex> = OnceLock::new();
    let words = line.split_whitespace().count();
    words <= 6
        && re(
            &LEAD_IN,
            r"(?i)^(you (may|might) (also )?like|related|more (from|in|on|stories|news)|(read|see|watch|listen) (more|also|next)|also (read|see|on)|don.t miss|recommended|popular|trending|most (read|popular|viewed)|latest|top stories|further reading|in (other|case you missed)|explore further)\b",
        )
        .is_match(line)
}

/// A link line that carries its own lead-in: "Related: …", "SEE MORE: …".
fn opens_with_lead_in(line: &str) -> bool {
    static PREFIX: OnceLock<Regex> = OnceLock::new();
    re(
        &PREFIX,
        r"(?i)^(related|more|(read|see|watch|listen) (more|also)|also (read|see)|don.t miss|recommended)\s*:",
    )
    .is_match(line)
}

/// A stock line of page furniture, short and matching a known form.
fn is_furniture(line: &str) -> bool {
    static FURNITURE: OnceLock<Regex> = OnceLock::new();
    line.len() < 80
        && re(
            &FURNITURE,
            r"(?i)^(advert(isement)?|breaking news|related( articles| stories| coverage)?:?|more:|source:|read more.*|share( this)?( article| story)?:?|©.*|photo:.*|image:.*|updated (at|on) .*|sign up.*|subscribe.*|follow us.*)$",
        )
        .is_match(line)
}

/// A short line addressed to the reader about the publication rather than the story.
fn is_call_to_action(line: &str) -> bool {
    static CALL: OnceLock<Regex> = OnceLock::new();
    line.len() < 300
        && re(
            &CALL,
            r"(?i)(\bnewsletters?\b.*\b(inbox|sign(ing)? up)\b|\b(inbox|sign(ing)? up)\b.*\bnewsletters?\b|\bfollow (us|him|her|them|\w+) on (twitter|facebook|instagram)|\b(get|download) (the|our) [\w ]{0,30}\bapp\b|\ball rights reserved\b|\bthis (document|article|material) (is subject to|may not be)|\brequires javascript\b|^first published\b|^have a (news )?tip\b|\bif you (enjoyed|liked|value) (this|our)\b)",
        )
        .is_match(line)
}

/// Normalised form of a line for comparisons with the headline and captions.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The extractor's text tidied by `rules`: paragraphs separated by blank lines.
pub fn tidy(
    text: &str,
    headline: Option<&str>,
    captions: &[String],
    links: &LinkTexts,
    rules: &BodyRules,
) -> String {
    let headline = headline.map(norm);
    let captions: Vec<String> = captions.iter().map(|c| norm(c)).collect();
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .filter(|l| !(rules.furniture && is_furniture(l)))
        .filter(|l| {
            !(rules.headline_and_captions
                && (Some(norm(l)) == headline || captions.contains(&norm(l))))
        })
        .filter(|l| !(rules.calls_to_action && is_call_to_action(l)))
        .collect();
    if rules.link_runs {
        lines = without_link_runs(lines, links);
    }
    lines.join("\n\n")
}

/// Lines without related-story lists: two or more link lines in a row, or one link line
/// after a lead-in ("Related:", "You may also like"), with the lead-in itself.
fn without_link_runs(lines: Vec<String>, links: &LinkTexts) -> Vec<String> {
    let is_link: Vec<bool> = lines.iter().map(|l| is_link_line(l, links)).collect();
    let lead_in: Vec<bool> = lines.iter().map(|l| is_lead_in(l)).collect();
    let mut drop = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if !is_link[i] {
            i += 1;
            continue;
        }
        let end = (i..lines.len())
            .find(|&j| !is_link[j])
            .unwrap_or(lines.len());
        let introduced = opens_with_lead_in(&lines[i]) || (i > 0 && lead_in[i - 1]);
        if end - i >= 2 || introduced {
            drop[i..end].iter_mut().for_each(|d| *d = true);
            if i > 0 && lead_in[i - 1] {
                drop[i - 1] = true;
            }
        }
        i = end;
    }
    lines
        .into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(l, _)| l)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tidy_with(text: &str, links: &[&str]) -> String {
        tidy(
            text,
            None,
            &[],
            &LinkTexts::new(links.iter().copied()),
            &BodyRules::default(),
        )
    }

    #[test]
    fn related_story_lists_go_with_their_lead_in() {
        let text = "The band will reunite for one night at the music centre in June, the promoter said.\n\
            You may also like...\n\
            Who will make the Rock Hall in 2020?\n\
            Fans really want the band in the Rock Hall\n\
            Tickets go on sale on Friday morning at the box office.";
        let body = tidy_with(
            text,
            &[
                "Who will make the Rock Hall in 2020?",
                "Fans really want the band in the Rock Hall",
                "box office",
            ],
        );
        assert_eq!(
            body,
            "The band will reunite for one night at the music centre in June, the promoter said.\n\n\
             Tickets go on sale on Friday morning at the box office."
        );
    }

    #[test]
    fn one_linked_line_stays_unless_introduced() {
        let links = ["The 15 weirdest galaxies in our universe"];
        let alone = "Astronomers ran the largest simulation yet.\nThe 15 Weirdest Galaxies in Our Universe\nIt took a year.";
        assert_eq!(tidy_with(alone, &links).lines().count(), 5);
        let introduced = "Astronomers ran the largest simulation yet.\nRelated: The 15 Weirdest Galaxies in Our Universe\nIt took a year.";
        assert!(!tidy_with(introduced, &links).contains("Weirdest"));
        // A paragraph that merely contains a link is not a link line.
        let paragraph = "Astronomers compared it with the 15 weirdest galaxies in our universe and found that most of them formed late, long after the first stars.";
        assert!(tidy_with(paragraph, &links).contains("formed late"));
    }

    #[test]
    fn calls_to_action_and_furniture_go() {
        let text = "Officials said talks would continue next month.\n\
            Get the day's top headlines delivered to your inbox by subscribing to our newsletter.\n\
            Follow Newsbeat on Instagram, Facebook and Twitter.\n\
            Advertisement\n\
            Analysts said the two sides remained far apart.";
        assert_eq!(
            tidy_with(text, &[]),
            "Officials said talks would continue next month.\n\nAnalysts said the two sides remained far apart."
        );
        // A story about newsletters is not a call to action.
        let story = "The company said its newsletter business grew by a third last year.";
        assert_eq!(tidy_with(story, &[]), story);
    }

    #[test]
    fn coverage_counts_each_letter_once() {
        let links = LinkTexts::new(["big bang", "big bang theory", "the theory"]);
        assert_eq!(links.coverage("big bang theory"), 1.0);
        assert_eq!(links.coverage("a big bang"), 7.0 / 8.0);
        // Links match whole words only.
        assert_eq!(links.coverage("big bangs"), 0.0);
        assert_eq!(links.coverage("no links here"), 0.0);
    }

    #[test]
    fn every_rule_can_be_switched_off() {
        let text =
            "Advertisement\nSign up for our newsletter\nRelated: Another story here\nStory text.";
        let body = tidy(
            text,
            None,
            &[],
            &LinkTexts::new(["Another story here"]),
            &BodyRules::none(),
        );
        assert_eq!(body.split("\n\n").count(), 4, "{body}");
    }
}
