//! Datelines written into an article's opening words: "TORONTO, March 3 (Reuters) -",
//! "OTTAWA (Reuters) -", "SEOUL, South Korea (AP) —", "NEW DELHI: ...", the first
//! place of "SHANGHAI/HONG KONG (Reuters) -", and the dashless form of South Asian and
//! African agencies, "New Delhi, Jan 12 (PTI) The ..." or "Abuja, Oct. 5, 2024 (NAN) ...".
//!
//! Also the reporter's city that ends a byline, "By Chinedu Eze, Abuja" (`ends_with_city`),
//! and, as a candidate only, mixed-case words before a dash, "Johannesburg - Power utility
//! ..." (`unmarked_from_lead`).
//!
//! Owns reading the place out of a body's lead when the source's metadata gave none. It
//! must not decide whether the place exists (the entity stage resolves it in the
//! gazetteer, and drops a candidate it does not know) and must not change the body.

/// Words that may stay lowercase inside a place name ("Rio de Janeiro", "Dar es Salaam").
const PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "di", "du", "des", "la", "le", "el", "es", "al", "of",
    "on", "upon", "sur", "am", "an", "der", "y",
];

/// The place of a dateline that opens `body`, as "City" or "City, Region": the words before
/// a dash (or, after a city in capitals, a colon), without the date and the agency. A lead
/// counts as a dateline only when it looks like one: its first part is in capitals, or it
/// carries a date or an agency in brackets.
pub fn from_lead(body: &str) -> Option<String> {
    let line = body.trim_start().lines().next()?;
    before_separator(line).or_else(|| before_agency(line))
}

/// The place of a dateline that ends in a dash or colon (see `from_lead`).
fn before_separator(line: &str) -> Option<String> {
    let (prefix, separator) = split_at_separator(line)?;
    let mut agency = false;
    let mut unbracketed = String::with_capacity(prefix.len());
    let mut depth = 0usize;
    for c in prefix.chars() {
        match c {
            '(' => {
                depth += 1;
                agency = true;
            }
            ')' => depth = depth.checked_sub(1)?,
            _ if depth == 0 => unbracketed.push(c),
            _ => {}
        }
    }
    if depth != 0 {
        return None;
    }
    let mut parts: Vec<&str> = unbracketed.split(',').map(str::trim).collect();
    let mut dated = false;
    while parts.last().is_some_and(|p| p.is_empty() || is_date(p)) {
        dated |= !parts.last().is_some_and(|p| p.is_empty());
        parts.pop();
    }
    // A story filed from two places ("SHANGHAI/HONG KONG (Reuters) -") has the first.
    if let Some(first) = parts.first_mut()
        && let Some((lead, rest)) = first.split_once('/')
        && rest.split('/').all(|p| is_place_words(p.trim()))
    {
        *first = lead.trim();
    }
    let place = place_of(&parts)?;
    let capitals = is_capitals(parts[0]);
    if separator == Separator::Colon && !capitals {
        return None;
    }
    if !(capitals || dated || agency) {
        return None;
    }
    Some(place)
}

/// "Johannesburg - Power utility Eskom said ...": mixed-case place words before a spaced
/// dash, then a capitalised word. Nothing but the gazetteer tells this from a label ("Vote
/// For Me - ITV1's contest ..."), so it is only a candidate: the entity stage makes it the
/// dateline when it names a place (`Article::unmarked_dateline`). Asked only when
/// `from_lead` found none.
pub fn unmarked_from_lead(body: &str) -> Option<String> {
    let line = body.trim_start().lines().next()?;
    let (prefix, separator) = split_at_separator(line)?;
    let after = line[prefix.len()..].trim_start();
    let spaced = line[prefix.len()..].starts_with(' ');
    let rest = after.trim_start_matches(['-', '–', '—']);
    let story_starts = rest.starts_with(' ')
        && rest
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
    if separator != Separator::Dash || !spaced || !story_starts || prefix.contains(['(', ')']) {
        return None;
    }
    let parts: Vec<&str> = prefix.split(',').map(str::trim).collect();
    let place = parts.len() <= 2 && parts.iter().all(|p| !is_date(p) && is_place_words(p));
    // As written: a region's abbreviation stays "NY", not "Ny".
    place.then(|| parts.join(", "))
}

/// One to three parts of place words as "City" or "City, Region" (capitals title-cased).
fn place_of(parts: &[&str]) -> Option<String> {
    if parts.is_empty() || parts.len() > 3 || !parts.iter().all(|p| is_place_words(p)) {
        return None;
    }
    let place: Vec<String> = parts.iter().map(|p| title_case(p)).collect();
    Some(place.join(", "))
}

/// "New Delhi, Jan 12 (PTI) The ...": a place, a date and an agency in brackets, then the
/// story with no dash. Without the dash only this exact shape counts: every part after the
/// place is a date of month names, weekdays and numbers, and one capitalised word in
/// brackets (the agency) closes the dateline before a capitalised word.
fn before_agency(line: &str) -> Option<String> {
    const LONGEST: usize = 70;
    let open = line.find('(')?;
    let close = open + line[open..].find(')')?;
    if close > LONGEST {
        return None;
    }
    let agency = &line[open + 1..close];
    let agency_like = (2..=10).contains(&agency.len())
        && agency.chars().all(|c| c.is_alphabetic())
        && agency.chars().next().is_some_and(char::is_uppercase);
    let story_starts = line[close + 1..]
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“' | '‘' | '\''));
    if !agency_like || !story_starts || !line[close + 1..].starts_with(char::is_whitespace) {
        return None;
    }
    let mut parts: Vec<&str> = line[..open].split(',').map(str::trim).collect();
    let mut dated = false;
    while parts.last().is_some_and(|p| is_plain_date(p)) {
        dated = true;
        parts.pop();
    }
    if !dated {
        return None;
    }
    place_of(&parts)
}

/// "Jan 12", "Oct. 5", "2024", "12 January 2024", "Monday": only month names, weekdays and
/// numbers (`is_date` accepts any part with one of them in it).
fn is_plain_date(part: &str) -> bool {
    !part.is_empty()
        && part.split_whitespace().all(|word| {
            let word = word.trim_end_matches(['.', ',']);
            word.chars().all(|c| c.is_ascii_digit())
                || (word.chars().all(char::is_alphabetic) && is_date(word))
        })
}

/// One-word credits that may end a byline and are no place ("By Jane Doe, Reuters");
/// agencies in capitals (AFP, PTI) are told apart by their capitals.
const NOT_BYLINE_CITIES: &[&str] = &[
    "Reuters",
    "Bloomberg",
    "Xinhua",
    "Bernama",
    "Yonhap",
    "Kyodo",
    "Anadolu",
    "Agencies",
    "Staff",
    "Correspondent",
    "Correspondents",
    "Editor",
    "Reporter",
    "Contributor",
];

/// Is the last of a byline's comma-separated parts the reporter's city, not an author
/// ("By Chinedu Eze, Abuja", as Nigerian and other papers write it)? One capitalised word,
/// not in capitals and no credit, after at least one full name.
pub fn ends_with_city(parts: &[&str]) -> bool {
    let [names @ .., last] = parts else {
        return false;
    };
    names.iter().any(|n| n.split_whitespace().count() >= 2)
        && last.chars().next().is_some_and(char::is_uppercase)
        && last.chars().any(char::is_lowercase)
        && last
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && !NOT_BYLINE_CITIES.contains(last)
}

#[derive(PartialEq)]
enum Separator {
    Dash,
    Colon,
}

/// The text before the dateline's dash (or the double slash of Gulf papers, "DUBAI // ...")
/// or colon, if one comes early in the line.
fn split_at_separator(line: &str) -> Option<(&str, Separator)> {
    const LONGEST: usize = 90;
    let mut candidates: Vec<(usize, Separator)> = Vec::new();
    for dash in [" - ", " -- ", " – ", " — ", "—", "–", " // "] {
        if let Some(at) = line.find(dash) {
            candidates.push((at, Separator::Dash));
        }
    }
    if let Some(at) = line.find(": ") {
        candidates.push((at, Separator::Colon));
    }
    let (at, separator) = candidates.into_iter().min_by_key(|(at, _)| *at)?;
    (at > 0 && at <= LONGEST).then(|| (line[..at].trim(), separator))
}

/// "March 3", "3 March 2023", "Sept. 12", "Monday", "2023", "12/03": any part with a digit,
/// a month or a weekday.
fn is_date(part: &str) -> bool {
    const NAMES: &[&str] = &[
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "may",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ];
    part.chars().any(|c| c.is_ascii_digit())
        || part
            .split(|c: char| !c.is_alphabetic())
            .any(|w| NAMES.contains(&w.to_lowercase().as_str()))
}

/// One to four words, each capitalised (or a particle), letters and `.'-` only.
fn is_place_words(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().enumerate().all(|(i, w)| {
            let first = w
                .chars()
                .next()
                .expect("split_whitespace gives no empty words");
            w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
                && (first.is_uppercase() || (i > 0 && PARTICLES.contains(w)))
        })
}

fn is_capitals(part: &str) -> bool {
    let letters: Vec<char> = part.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// "NEW YORK" -> "New York", "RIO DE JANEIRO" -> "Rio de Janeiro"; a part already in mixed
/// case stays as written.
fn title_case(part: &str) -> String {
    if !is_capitals(part) {
        return part.to_string();
    }
    let words: Vec<String> = part
        .split_whitespace()
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            if i > 0 && PARTICLES.contains(&lower.as_str()) {
                return lower;
            }
            let mut out = String::with_capacity(word.len());
            let mut start = true;
            for c in lower.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.push(c);
                }
                // "ST. JOHN'S" -> "St. John's", "AL-MUKALLA" -> "Al-Mukalla".
                start = c == '-' || c == '.';
            }
            out
        })
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::{from_lead, unmarked_from_lead};

    #[test]
    fn a_mixed_case_place_before_a_dash_is_a_candidate_only() {
        let lead = |body: &str| (from_lead(body), unmarked_from_lead(body));
        assert_eq!(
            lead("Johannesburg - Power utility Eskom said on Sunday ..."),
            (None, Some("Johannesburg".to_string()))
        );
        assert_eq!(
            lead("New York, NY – With content engagement migrating ..."),
            (None, Some("New York, NY".to_string()))
        );
        assert_eq!(
            lead("Addis Abeba – Health authorities say ...")
                .1
                .as_deref(),
            Some("Addis Abeba")
        );
        // Labels pass this test too ("Vote For Me"): the gazetteer decides later.
        assert!(lead("Vote For Me - ITV1's talent contest ...").1.is_some());
        // Not without a spaced dash and a capitalised word after it, nor after a date.
        assert_eq!(
            unmarked_from_lead("Johannesburg-based Eskom said - Power"),
            None
        );
        assert_eq!(unmarked_from_lead("Johannesburg - power cuts go on"), None);
        assert_eq!(unmarked_from_lead("Monday, 3 March - The"), None);
        assert_eq!(
            unmarked_from_lead("The minister said Eskom - The utility"),
            None
        );
    }

    #[test]
    fn wire_datelines_give_their_place() {
        let cases = [
            ("TORONTO, March 3 (Reuters) - Bell Canada said", "Toronto"),
            ("OTTAWA (Reuters) - The Bank of Canada", "Ottawa"),
            (
                "SEOUL, South Korea (AP) — North Korea fired",
                "Seoul, South Korea",
            ),
            ("NEW DELHI: The government on Monday", "New Delhi"),
            ("WASHINGTON—The Senate voted", "Washington"),
            (
                "Wallaceburg, Ontario, March 3 - A plant",
                "Wallaceburg, Ontario",
            ),
            (
                "KYIV, Ukraine, Sept. 12 (AP) — Russian drones",
                "Kyiv, Ukraine",
            ),
            ("Nairobi, 12 September 2023 – Kenya's", "Nairobi"),
            ("RIO DE JANEIRO, Jan 7 (Reuters) - Brazil", "Rio de Janeiro"),
            ("Dar es Salaam (AFP) - Tanzania", "Dar es Salaam"),
            (
                "  ST. JOHN'S, Newfoundland -- Fishermen",
                "St. John's, Newfoundland",
            ),
            ("SHANGHAI/HONG KONG (Reuters) - China's Ant", "Shanghai"),
            ("LONDON/NEW YORK, Nov 3 (Reuters) - Oil", "London"),
            ("New Delhi, Jan 12 (PTI) The Aam Aadmi Party", "New Delhi"),
            ("Abuja, Oct. 5, 2024 (NAN) The Federal Government", "Abuja"),
            ("MUMBAI, Jan 12 (IANS) Shares rose", "Mumbai"),
            ("DUBAI // His Highness Sheikh Mohammed", "Dubai"),
            (
                "Thiruvananthapuram, Kerala, Sunday (PTI) \"We",
                "Thiruvananthapuram, Kerala",
            ),
        ];
        for (lead, place) in cases {
            assert_eq!(from_lead(lead).as_deref(), Some(place), "{lead}");
        }
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        for lead in [
            "The minister said - and repeated - that",
            "Shares rose: the index gained 2%",
            "Lagos - The Federal Government", // mixed case, no date or agency: not sure
            "Note: this story was updated",
            "(Reuters) - Shares fell",
            "By John Smith",
            "",
            "President Biden, who spoke in Ohio on Monday, said - again -",
            "Analysts at Goldman Sachs and Morgan Stanley, JP Morgan (NYSE: JPM) - expect",
            // Brackets that close no dateline: no date, a ticker, a lowercase story.
            "New Delhi (PTI) The government",
            "Shares of Apple, Monday (AAPL) rose",
            "Apple (AAPL) Shares rose 3%",
            "New Delhi, Jan 12 (PTI) the government",
            "New Delhi, Jan 12 (PTI)The government",
            "New Delhi, more than 12 (PTI) The government",
            "Shares rose in New Delhi on Jan 12 (PTI) The index",
        ] {
            assert_eq!(from_lead(lead), None, "{lead}");
        }
    }
}
