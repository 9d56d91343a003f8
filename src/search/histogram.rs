//! A date histogram collected in the same pass as the hits: matches per calendar year,
//! month or day (UTC) of the `date` fast field.
//!
//! Owns the bucketing and the bucket keys (`2023`, `2023-09`, `2023-09-12`). Tantivy's own
//! date histogram has fixed intervals only, and months and years are not fixed. It must not
//! decide which documents match.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

use super::{Bucket, Interval};

/// Counts matches per period.
pub struct DateHistogram {
    interval: Interval,
}

impl DateHistogram {
    pub fn new(interval: Interval) -> Self {
        DateHistogram { interval }
    }
}

/// A period as a sortable number: year * 10000 + month * 100 + day, with the parts the
/// interval drops set to zero.
fn period(interval: Interval, secs: i64) -> i64 {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    match interval {
        Interval::Year => y * 10_000,
        Interval::Month => y * 10_000 + m * 100,
        Interval::Day => y * 10_000 + m * 100 + d,
    }
}

fn key(interval: Interval, period: i64) -> String {
    let (y, m, d) = (period / 10_000, period / 100 % 100, period % 100);
    match interval {
        Interval::Year => format!("{y:04}"),
        Interval::Month => format!("{y:04}-{m:02}"),
        Interval::Day => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

pub struct SegmentDateHistogram {
    interval: Interval,
    dates: Option<Column<DateTime>>,
    counts: HashMap<i64, u64>,
}

impl SegmentCollector for SegmentDateHistogram {
    type Fruit = HashMap<i64, u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(date) = self.dates.as_ref().and_then(|d| d.first(doc)) {
            *self
                .counts
                .entry(period(self.interval, date.into_timestamp_secs()))
                .or_default() += 1;
        }
    }

    fn harvest(self) -> HashMap<i64, u64> {
        self.counts
    }
}

impl Collector for DateHistogram {
    type Fruit = Vec<Bucket>;
    type Child = SegmentDateHistogram;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentDateHistogram> {
        Ok(SegmentDateHistogram {
            interval: self.interval,
            dates: reader.fast_fields().date("date").ok(),
            counts: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<HashMap<i64, u64>>) -> tantivy::Result<Vec<Bucket>> {
        let mut all: HashMap<i64, u64> = HashMap::new();
        for fruit in fruits {
            for (period, n) in fruit {
                *all.entry(period).or_default() += n;
            }
        }
        let mut periods: Vec<(i64, u64)> = all.into_iter().collect();
        periods.sort_unstable();
        Ok(periods
            .into_iter()
            .map(|(period, count)| Bucket {
                key: key(self.interval, period),
                count,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_map_to_calendar_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        // 2023-09-12 and the leap day of 2024.
        assert_eq!(civil_from_days(19_612), (2023, 9, 12));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(19_783), (2024, 3, 1));
    }

    #[test]
    fn periods_have_readable_keys() {
        let secs = 19_612 * 86_400 + 3_600; // 2023-09-12 01:00 UTC
        assert_eq!(key(Interval::Year, period(Interval::Year, secs)), "2023");
        assert_eq!(
            key(Interval::Month, period(Interval::Month, secs)),
            "2023-09"
        );
        assert_eq!(
            key(Interval::Day, period(Interval::Day, secs)),
            "2023-09-12"
        );
        assert!(period(Interval::Day, secs) < period(Interval::Day, secs + 86_400));
    }
}
