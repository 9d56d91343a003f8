//! Salience-weighted entity counts (`--weighted`): per name, the matching articles and the
//! sum of the entity's salience in them (`entities::salience`, 0-100 per article).
//!
//! Owns a collector over the `{kind}_salience` fast fields, whose values are
//! `Name\u{1f}73`: per segment it counts matches per term ordinal, and only at the end
//! reads the dictionary once for the names of the ordinals it saw. It must not rank, merge aliases or format:
//! `search` does that for plain and weighted counts alike.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::index::SALIENCE_SEPARATOR;

/// What a weighted count holds for one name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Matching articles naming the entity.
    pub articles: u64,
    /// The sum of its salience in them: 100 per article it is central to at most.
    pub salience: u64,
}

/// Counts names with their salience for several fields in one pass; the fruit has one map
/// per field, in the order given.
pub struct WeightedNames {
    fields: Vec<String>,
}

impl WeightedNames {
    pub fn new(fields: Vec<String>) -> WeightedNames {
        WeightedNames { fields }
    }
}

pub struct SegmentWeightedNames {
    /// Per field: its column (absent in a segment without values) and matches per ordinal.
    columns: Vec<(Option<StrColumn>, Vec<u32>)>,
}

impl Collector for WeightedNames {
    type Fruit = Vec<HashMap<String, Tally>>;
    type Child = SegmentWeightedNames;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentWeightedNames> {
        let mut columns = Vec::with_capacity(self.fields.len());
        for field in &self.fields {
            let column = reader.fast_fields().str(field)?;
            let terms = column.as_ref().map_or(0, |c| c.num_terms());
            columns.push((column, vec![0u32; terms]));
        }
        Ok(SegmentWeightedNames { columns })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut merged: Self::Fruit = vec![HashMap::new(); self.fields.len()];
        for fruit in fruits {
            for (into, from) in merged.iter_mut().zip(fruit) {
                for (name, tally) in from {
                    let t = into.entry(name).or_default();
                    t.articles += tally.articles;
                    t.salience += tally.salience;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentWeightedNames {
    type Fruit = Vec<HashMap<String, Tally>>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (column, matches) in &mut self.columns {
            if let Some(column) = column {
                for ord in column.term_ords(doc) {
                    if let Some(n) = matches.get_mut(ord as usize) {
                        *n += 1;
                    }
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut out = Vec::with_capacity(self.columns.len());
        for (column, matches) in self.columns {
            let mut tallies: HashMap<String, Tally> = HashMap::new();
            // The dictionary is read in order, once: cheaper than a lookup per ordinal when
            // most ordinals matched. A dictionary that cannot be read gives no counts, not a
            // failure: they are a summary.
            let stream = column.as_ref().and_then(|c| c.dictionary().stream().ok());
            if let Some(mut stream) = stream {
                while stream.advance() {
                    let n = matches
                        .get(stream.term_ord() as usize)
                        .copied()
                        .unwrap_or(0);
                    if n == 0 {
                        continue;
                    }
                    let Ok(value) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    let Some((name, salience)) = value.rsplit_once(SALIENCE_SEPARATOR) else {
                        continue;
                    };
                    let salience: u64 = salience.parse().unwrap_or(0);
                    let t = tallies.entry(name.to_string()).or_default();
                    t.articles += u64::from(n);
                    t.salience += u64::from(n) * salience;
                }
            }
            out.push(tallies);
        }
        out
    }
}
