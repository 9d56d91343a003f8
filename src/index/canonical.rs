//! One name per entity across the archive.
//!
//! Within an article, `entities::normalize` links "Putin" to "Vladimir Putin". Across the
//! archive this pass does the same for articles that only ever say "Putin": after each
//! indexing run it reads every person and organisation name with its document frequency
//! from the term dictionaries, decides aliases, and rewrites the affected documents:
//! - spelling variants of one name (same folded key) take the most frequent spelling;
//! - a one-word person name takes the full name whose first or last word it is, when one
//!   full name has at least 75% of the articles among all such candidates ("Putin" ->
//!   "Vladimir Putin"; "Baker" stays "Baker" while "James Baker" and "Kenneth Baker" are
//!   both common);
//! - a two-word person name takes a longer name with the same first and last word;
//! - an organisation acronym takes the expansion whose initials it is, under the same
//!   dominance rule ("UN" -> "United Nations").
//!
//! It must not parse files or tag text: it works on what the index stores.

use std::collections::HashMap;

use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, TantivyDocument};
use tantivy::{IndexWriter, Searcher, Term};

use super::{
    FileState, IndexError, NewsIndex, entity_fields, from_document, stored_uid, to_document,
};
use crate::article::{Article, EntityKind};
use crate::entities::fold_key;
use crate::entities::normalize::{initials, is_acronym};

/// Share of candidate articles the winning full name needs before a short name joins it.
const DOMINANCE: f64 = 0.75;

/// Every value of an entity-name field with the number of documents that have it.
fn name_frequencies(
    searcher: &Searcher,
    field: tantivy::schema::Field,
) -> Result<HashMap<String, u64>, IndexError> {
    let mut freq: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .stream()
            .map_err(tantivy::TantivyError::from)?;
        while stream.advance() {
            let name = String::from_utf8_lossy(stream.key()).into_owned();
            *freq.entry(name).or_default() += u64::from(stream.value().doc_freq);
        }
    }
    Ok(freq)
}

/// Two to five capitalised words (name particles allowed): a name another can join. A
/// tagger's mistake such as "Oscar for The Aviator" must not absorb every "Oscar".
fn looks_like_full_name(name: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "de", "da", "di", "du", "van", "von", "der", "den", "bin", "al", "el", "la", "le", "ibn",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(w))
}

/// The winner among candidates if it is dominant.
fn dominant<'a>(candidates: &[(&'a str, u64)]) -> Option<&'a str> {
    let total: u64 = candidates.iter().map(|c| c.1).sum();
    let (best, count) = candidates
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))?;
    (total > 0 && *count as f64 >= DOMINANCE * total as f64).then_some(*best)
}

/// Aliases (from display name -> canonical display name) for one entity kind.
pub fn aliases(freq: &HashMap<String, u64>, kind: EntityKind) -> HashMap<String, String> {
    let mut out = HashMap::new();
    // Spelling variants: the most frequent spelling of each folded key.
    let mut by_key: HashMap<String, Vec<(&str, u64)>> = HashMap::new();
    for (name, &n) in freq {
        by_key.entry(fold_key(name)).or_default().push((name, n));
    }
    let mut canonical: HashMap<String, (String, u64)> = HashMap::new();
    for (key, mut spellings) in by_key {
        spellings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let total = spellings.iter().map(|s| s.1).sum();
        for (spelling, _) in &spellings[1..] {
            out.insert(spelling.to_string(), spellings[0].0.to_string());
        }
        canonical.insert(key, (spellings[0].0.to_string(), total));
    }
    // Index the possible targets once, so each short name looks up its candidates instead
    // of comparing against every name in the archive.
    let mut by_first_or_last: HashMap<&str, Vec<&String>> = HashMap::new();
    let mut by_first_and_last: HashMap<(&str, &str), Vec<&String>> = HashMap::new();
    let mut by_initials: HashMap<String, Vec<&String>> = HashMap::new();
    for (key, (display, _)) in &canonical {
        let words: Vec<&str> = key.split(' ').collect();
        if words.len() < 2 {
            continue;
        }
        match kind {
            EntityKind::Person if looks_like_full_name(display) => {
                let (first, last) = (words[0], words[words.len() - 1]);
                by_first_or_last.entry(first).or_default().push(key);
                if last != first {
                    by_first_or_last.entry(last).or_default().push(key);
                }
                if words.len() > 2 {
                    by_first_and_last
                        .entry((first, last))
                        .or_default()
                        .push(key);
                }
            }
            EntityKind::Org => by_initials
                .entry(initials(display).to_uppercase())
                .or_default()
                .push(key),
            _ => {}
        }
    }
    for (key, (display, _)) in &canonical {
        let words: Vec<&str> = key.split(' ').collect();
        let targets: &[&String] = match kind {
            EntityKind::Person if words.len() == 1 => by_first_or_last
                .get(words[0])
                .map(Vec::as_slice)
                .unwrap_or(&[]),
            EntityKind::Person if words.len() == 2 => by_first_and_last
                .get(&(words[0], words[1]))
                .map(Vec::as_slice)
                .unwrap_or(&[]),
            EntityKind::Org
                if is_acronym(display)
                    || (display.chars().count() <= 6 && !display.contains(' ')) =>
            {
                let letters: String = display
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
                    .to_uppercase();
                by_initials.get(&letters).map(Vec::as_slice).unwrap_or(&[])
            }
            _ => &[],
        };
        let candidates: Vec<(&str, u64)> = targets
            .iter()
            .filter(|t| **t != key)
            .map(|t| (canonical[*t].0.as_str(), canonical[*t].1))
            .collect();
        if let Some(winner) = dominant(&candidates) {
            out.insert(display.clone(), winner.to_string());
        }
    }
    // Resolve chains ("Kim" -> "Kim Jong" -> "Kim Jong Un") and make every variant point to
    // its final name.
    let snapshot = out.clone();
    for target in out.values_mut() {
        let mut hops = 0;
        while let Some(next) = snapshot.get(target.as_str()) {
            if next == target || hops > 8 {
                break;
            }
            *target = next.clone();
            hops += 1;
        }
    }
    out.retain(|from, to| from != to);
    out
}

/// Rename entities in an article; returns whether anything changed.
fn rename(article: &mut Article, kind: EntityKind, aliases: &HashMap<String, String>) -> bool {
    let entities = article.entities_mut(kind);
    let mut changed = false;
    let mut merged: Vec<crate::article::Entity> = Vec::with_capacity(entities.len());
    for mut e in entities.drain(..) {
        if let Some(to) = aliases.get(&e.name) {
            e.name = to.clone();
            changed = true;
        }
        match merged.iter_mut().find(|m| m.name == e.name) {
            Some(m) => m.count += e.count,
            None => merged.push(e),
        }
    }
    merged.sort_by_key(|e| std::cmp::Reverse(e.count));
    *entities = merged;
    changed
}

/// Run the pass; returns how many documents were rewritten (not yet committed).
pub fn canonicalise(
    index: &NewsIndex,
    searcher: &Searcher,
    writer: &mut IndexWriter,
) -> Result<usize, IndexError> {
    let fields = &index.fields;
    let mut plan: Vec<(EntityKind, HashMap<String, String>)> = Vec::new();
    for kind in [EntityKind::Person, EntityKind::Org] {
        let freq = name_frequencies(searcher, entity_fields(fields, kind).1)?;
        plan.push((kind, aliases(&freq, kind)));
    }
    // Documents to rewrite: every document holding a name that has an alias.
    let mut affected = std::collections::BTreeSet::new();
    for (kind, map) in &plan {
        let name_field = entity_fields(fields, *kind).1;
        for from in map.keys() {
            let query = TermQuery::new(
                Term::from_field_text(name_field, from),
                IndexRecordOption::Basic,
            );
            affected.extend(searcher.search(&query, &DocSetCollector)?);
        }
    }
    let mut rewritten = 0;
    for address in affected {
        let doc: TantivyDocument = searcher.doc(address)?;
        let mut article = from_document(fields, &doc);
        let mut changed = false;
        for (kind, map) in &plan {
            changed |= rename(&mut article, *kind, map);
        }
        let Some(uid) = stored_uid(fields, &doc) else {
            continue;
        };
        if !changed {
            continue;
        }
        let segment = searcher.segment_reader(address.segment_ord);
        let fast = segment.fast_fields();
        let state = FileState {
            fingerprint: fast
                .u64("file_fingerprint")?
                .first(address.doc_id)
                .unwrap_or(0),
            hash: fast.u64("file_hash")?.first(address.doc_id).unwrap_or(0),
        };
        writer.delete_term(Term::from_field_text(fields.uid, &uid));
        writer.add_document(to_document(fields, &article, state, &uid))?;
        rewritten += 1;
    }
    Ok(rewritten)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn freq(pairs: &[(&str, u64)]) -> HashMap<String, u64> {
        pairs.iter().map(|(n, c)| (n.to_string(), *c)).collect()
    }

    #[test]
    fn surnames_join_a_dominant_full_name_only() {
        let a = aliases(
            &freq(&[
                ("Putin", 5),
                ("Vladimir Putin", 40),
                ("Baker", 3),
                ("James Baker", 10),
                ("Kenneth Baker", 8),
                ("Kim", 2),
                ("Kim Jong Un", 9),
            ]),
            EntityKind::Person,
        );
        assert_eq!(a.get("Putin").map(String::as_str), Some("Vladimir Putin"));
        assert_eq!(a.get("Kim").map(String::as_str), Some("Kim Jong Un"));
        assert_eq!(a.get("Baker"), None, "two common Bakers: ambiguous");
        assert_eq!(a.get("James Baker"), None);
        let b = aliases(
            &freq(&[("Oscar", 50), ("Oscar for The Aviator", 5)]),
            EntityKind::Person,
        );
        assert_eq!(
            b.get("Oscar"),
            None,
            "a mistagged phrase does not absorb a name"
        );
    }

    #[test]
    fn spelling_variants_and_middle_names() {
        let a = aliases(
            &freq(&[
                ("SERGEI SHOIGU", 1),
                ("Sergei Shoigu", 20),
                ("Vladimir Vladimirovich Putin", 3),
                ("Vladimir Putin", 1),
            ]),
            EntityKind::Person,
        );
        assert_eq!(
            a.get("SERGEI SHOIGU").map(String::as_str),
            Some("Sergei Shoigu")
        );
        assert_eq!(
            a.get("Vladimir Putin").map(String::as_str),
            Some("Vladimir Vladimirovich Putin")
        );
    }

    #[test]
    fn acronyms_join_their_expansion() {
        let a = aliases(
            &freq(&[
                ("UN", 30),
                ("United Nations", 12),
                ("SEC", 4),
                ("Securities and Exchange Commission", 3),
                ("Nato", 5),
                ("North Atlantic Treaty Organisation", 2),
            ]),
            EntityKind::Org,
        );
        assert_eq!(a.get("UN").map(String::as_str), Some("United Nations"));
        assert_eq!(
            a.get("SEC").map(String::as_str),
            Some("Securities and Exchange Commission")
        );
        assert_eq!(
            a.get("Nato").map(String::as_str),
            Some("North Atlantic Treaty Organisation")
        );
        assert_eq!(a.get("United Nations"), None);
    }
}
