//! Publication dates: many spellings in, one RFC 3339 string out, in the source's own offset
//! (so a Tokyo story published at 01:30 on the 14th stays dated the 14th).
//!
//! Owns date recognition for every parser (ISO 8601/RFC 3339, RFC 2822, "12 September 2023",
//! "September 12, 2023", "2023/09/12", Unix seconds). It must not read files or guess
//! dates from body text; callers hand it a candidate string.

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Format Unix seconds as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_rfc3339(unix_seconds: i64) -> String {
    format_with_offset(unix_seconds, 0)
}

/// Format Unix seconds as RFC 3339 local time at `offset` seconds east of UTC
/// (`2023-09-14T01:30:00+09:00`; `Z` for UTC).
pub fn format_with_offset(unix_seconds: i64, offset: i64) -> String {
    let local = unix_seconds + offset;
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let zone = if offset == 0 {
        "Z".to_string()
    } else {
        let sign = if offset < 0 { '-' } else { '+' };
        format!(
            "{sign}{:02}:{:02}",
            offset.abs() / 3600,
            (offset.abs() / 60) % 60
        )
    };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{zone}",
        secs / 3600,
        (secs / 60) % 60,
        secs % 60
    )
}

/// Parse a date in any supported spelling to Unix seconds (UTC).
pub fn parse_to_unix(input: &str) -> Option<i64> {
    parse_with_offset(input).map(|(seconds, _)| seconds)
}

/// Parse a date in any supported spelling to RFC 3339 at the offset it was written with
/// (UTC when it names none).
pub fn parse_date(input: &str) -> Option<String> {
    parse_with_offset(input).map(|(seconds, offset)| format_with_offset(seconds, offset))
}

/// Unix seconds and the written offset (seconds east of UTC; 0 when none is written).
pub fn parse_with_offset(input: &str) -> Option<(i64, i64)> {
    let s = input.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    parse_iso(s).or_else(|| parse_words(s))
}

fn valid(year: i64, month: u32, day: u32) -> bool {
    (1800..=2200).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day)
}

fn digits(s: &str) -> Option<u32> {
    if !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// `2023-09-12`, `2023/09/12`, `2023-09-12T10:05:00.123+02:00`, `2023-09-12 10:05:00Z`.
fn parse_iso(s: &str) -> Option<(i64, i64)> {
    let b = s.as_bytes();
    if b.len() < 10 || !(b[4] == b'-' || b[4] == b'/') || b[7] != b[4] {
        return None;
    }
    let year = digits(&s[0..4])? as i64;
    let month = digits(&s[5..7])?;
    let day = digits(&s[8..10])?;
    if !valid(year, month, day) {
        return None;
    }
    let mut seconds = days_from_civil(year, month, day) * 86_400;
    let rest = &s[10..];
    if rest.is_empty() {
        return Some((seconds, 0));
    }
    let rest = rest.strip_prefix(['T', ' '])?;
    let (clock, zone) = split_zone(rest);
    let mut parts = clock.split(':');
    let h = digits(parts.next()?)?;
    let mi = parts.next().and_then(digits).unwrap_or(0);
    let sec = parts
        .next()
        .map(|p| p.split(['.', ',']).next().unwrap_or("0"))
        .and_then(digits)
        .unwrap_or(0);
    if h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    seconds += i64::from(h * 3600 + mi * 60 + sec);
    let offset = zone_offset(zone)?;
    Some((seconds - offset, offset))
}

/// Split "10:05:00+02:00" into ("10:05:00", "+02:00").
fn split_zone(s: &str) -> (&str, &str) {
    if let Some(stripped) = s.strip_suffix('Z') {
        return (stripped, "Z");
    }
    match s.rfind(['+', '-']) {
        Some(i) => (&s[..i], &s[i..]),
        None => match s.find(' ') {
            Some(i) => (&s[..i], s[i..].trim()),
            None => (s, ""),
        },
    }
}

/// Offset of a zone designator in seconds east of UTC.
fn zone_offset(zone: &str) -> Option<i64> {
    let z = zone.trim();
    match z.to_ascii_uppercase().as_str() {
        "" | "Z" | "UTC" | "GMT" | "UT" => return Some(0),
        "EST" => return Some(-5 * 3600),
        "EDT" => return Some(-4 * 3600),
        "CST" => return Some(-6 * 3600),
        "CDT" => return Some(-5 * 3600),
        "PST" => return Some(-8 * 3600),
        "PDT" => return Some(-7 * 3600),
        "BST" | "CET" => return Some(3600),
        "CEST" => return Some(2 * 3600),
        _ => {}
    }
    let sign = match z.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits_only: String = z[1..].chars().filter(|c| *c != ':').collect();
    if digits_only.len() != 4 {
        return None;
    }
    let h: i64 = digits_only[..2].parse().ok()?;
    let m: i64 = digits_only[2..].parse().ok()?;
    Some(sign * (h * 3600 + m * 60))
}

fn month_from_word(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w) || (w == "sept" && *m == "september"))
        .map(|i| i as u32 + 1)
}

/// "12 September 2023", "Tue, 12 Sep 2023 10:00:00 GMT", "September 12, 2023",
/// "Published 12 September 2023".
fn parse_words(s: &str) -> Option<(i64, i64)> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for i in 0..words.len() {
        let Some(month) = month_from_word(words[i]) else {
            continue;
        };
        let day_year = |d: &str, y: &str| -> Option<(u32, i64)> {
            let day = digits(d.trim_end_matches(|c: char| c.is_ascii_alphabetic()))?;
            let year = digits(y)? as i64;
            valid(year, month, day).then_some((day, year))
        };
        // "12 September 2023"
        let before = i.checked_sub(1).map(|j| words[j]);
        let after = words.get(i + 1).copied();
        let after2 = words.get(i + 2).copied();
        let found = match (before, after, after2) {
            (Some(d), Some(y), _) if day_year(d, y).is_some() => day_year(d, y).map(|r| (r, i + 2)),
            (_, Some(d), Some(y)) => day_year(d, y).map(|r| (r, i + 3)),
            _ => None,
        };
        if let Some(((day, year), next)) = found {
            let mut seconds = days_from_civil(year, month, day) * 86_400;
            let mut offset = 0;
            if let Some(clock) = words.get(next)
                && clock.contains(':')
            {
                let mut parts = clock.split(':');
                let h = parts.next().and_then(digits).unwrap_or(0);
                let m = parts.next().and_then(digits).unwrap_or(0);
                let sec = parts.next().and_then(digits).unwrap_or(0);
                if h < 24 && m < 60 && sec < 61 {
                    seconds += i64::from(h * 3600 + m * 60 + sec);
                    let zone = words.get(next + 1).copied().unwrap_or("");
                    offset = zone_offset(zone).unwrap_or(0);
                    seconds -= offset;
                }
            }
            return Some((seconds, offset));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_forms() {
        assert_eq!(parse_date("2023-09-12").unwrap(), "2023-09-12T00:00:00Z");
        assert_eq!(parse_date("2023/09/12").unwrap(), "2023-09-12T00:00:00Z");
        // The written offset is kept, and with it the local calendar day...
        assert_eq!(
            parse_date("2023-09-12T10:05:00.123+02:00").unwrap(),
            "2023-09-12T10:05:00+02:00"
        );
        assert_eq!(
            parse_date("2023-09-14T01:30:00+0900").unwrap(),
            "2023-09-14T01:30:00+09:00"
        );
        assert_eq!(
            parse_date("2023-09-12 23:30:00-01:00").unwrap(),
            "2023-09-12T23:30:00-01:00"
        );
        // ...while the instant is the same.
        assert_eq!(
            parse_to_unix("2023-09-12 23:30:00-01:00"),
            parse_to_unix("2023-09-13T00:30:00Z")
        );
        assert_eq!(
            parse_with_offset("2023-09-12 23:30:00-01:00"),
            Some((parse_to_unix("2023-09-13T00:30:00Z").unwrap(), -3600))
        );
        assert_eq!(
            parse_date("2023-09-12T10:05:00+00:00").unwrap(),
            "2023-09-12T10:05:00Z"
        );
    }

    #[test]
    fn word_forms() {
        assert_eq!(
            parse_date("12 September 2023").unwrap(),
            "2023-09-12T00:00:00Z"
        );
        assert_eq!(
            parse_date("September 12, 2023").unwrap(),
            "2023-09-12T00:00:00Z"
        );
        assert_eq!(parse_date("Sept. 3, 2021").unwrap(), "2021-09-03T00:00:00Z");
        assert_eq!(
            parse_date("Tue, 12 Sep 2023 10:00:00 GMT").unwrap(),
            "2023-09-12T10:00:00Z"
        );
        assert_eq!(
            parse_date("Tue, 12 Sep 2023 10:00:00 EDT").unwrap(),
            "2023-09-12T10:00:00-04:00"
        );
        assert_eq!(
            parse_date("Published 1st March 2005").unwrap(),
            "2005-03-01T00:00:00Z"
        );
    }

    #[test]
    fn rejects_non_dates() {
        assert_eq!(parse_date("BBC News, Singapore"), None);
        assert_eq!(parse_date("2023-13-45"), None);
        assert_eq!(parse_date("May the force be with you"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn civil_roundtrip() {
        for days in [-800_000, -1, 0, 1, 19_000, 60_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
