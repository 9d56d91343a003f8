//! One name per entity across the archive.
//!
//! Within an article, `entities::normalize` links "Putin" to "Vladimir Putin". Across the
//! archive this pass does the same for articles that only ever say "Putin": after each
//! indexing run it reads every person and organisation name with its document frequency
//! from the term dictionaries, decides aliases, and saves them beside the index
//! (`aliases.json`). Documents are not rewritten: searches apply the aliases when they
//! filter (`--person "Vladimir Putin"` also matches articles naming only "Putin"), count
//! entities and print names. Rewriting instead meant re-reading and re-indexing about a
//! quarter of the archive after every run, which dominated peak memory at 220k articles.
//! Aliases:
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

use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::Searcher;

use super::{IndexError, NewsIndex, entity_fields};
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
    use tantivy::{DocSet, TERMINATED};
    let mut freq: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .stream()
            .map_err(tantivy::TantivyError::from)?;
        let alive = segment.alive_bitset();
        while stream.advance() {
            // A term's doc_freq still counts deleted documents (a re-indexed file's old
            // version until a merge drops it): where a segment has deletes, only live
            // documents are counted, so the aliases do not depend on the merge history.
            let count = match alive {
                None => u64::from(stream.value().doc_freq),
                Some(alive) => {
                    let mut postings = inverted
                        .read_postings_from_terminfo(
                            stream.value(),
                            tantivy::schema::IndexRecordOption::Basic,
                        )
                        .map_err(tantivy::TantivyError::from)?;
                    let mut live = 0u64;
                    let mut doc = postings.doc();
                    while doc != TERMINATED {
                        live += u64::from(alive.is_alive(doc));
                        doc = postings.advance();
                    }
                    live
                }
            };
            if count > 0 {
                let name = String::from_utf8_lossy(stream.key()).into_owned();
                *freq.entry(name).or_default() += count;
            }
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
    if !entities.iter().any(|e| aliases.contains_key(&e.name)) {
        return false;
    }
    let mut merged: Vec<crate::article::Entity> = Vec::with_capacity(entities.len());
    for mut e in entities.drain(..) {
        if let Some(to) = aliases.get(&e.name) {
            e.name = to.clone();
        }
        match merged.iter_mut().find(|m| m.name == e.name) {
            Some(m) => m.count += e.count,
            None => merged.push(e),
        }
    }
    merged.sort_by_key(|e| std::cmp::Reverse(e.count));
    *entities = merged;
    true
}

/// File in the index directory holding the archive's aliases.
pub(crate) const ALIASES_FILE: &str = "aliases.json";

/// The archive's aliases for people and organisations: display name -> canonical name.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Aliases {
    /// The opstamp of the commit these aliases were decided on (0: unknown, from an older
    /// version): a writing run that finds another one decides them again.
    #[serde(default)]
    commit: u64,
    person: HashMap<String, String>,
    org: HashMap<String, String>,
    /// Per kind, folded name -> canonical name, for names as users type them.
    #[serde(skip)]
    folded: HashMap<(EntityKind, String), String>,
    /// Per kind, folded canonical name -> the display names that alias to it.
    #[serde(skip)]
    members: HashMap<(EntityKind, String), Vec<String>>,
}

impl Aliases {
    fn map(&self, kind: EntityKind) -> Option<&HashMap<String, String>> {
        match kind {
            EntityKind::Person => Some(&self.person),
            EntityKind::Org => Some(&self.org),
            EntityKind::Place => None,
        }
    }

    /// How many names have an alias.
    pub fn len(&self) -> usize {
        self.person.len() + self.org.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn with_lookups(mut self) -> Aliases {
        for kind in [EntityKind::Person, EntityKind::Org] {
            let Some(map) = self.map(kind) else { continue };
            let mut folded = Vec::with_capacity(map.len());
            let mut members: Vec<((EntityKind, String), String)> = Vec::with_capacity(map.len());
            for (from, to) in map {
                folded.push(((kind, fold_key(from)), to.clone()));
                members.push(((kind, fold_key(to)), from.clone()));
            }
            self.folded.extend(folded);
            for (key, from) in members {
                self.members.entry(key).or_default().push(from);
            }
        }
        for names in self.members.values_mut() {
            names.sort();
        }
        self
    }

    /// The aliases saved in an index directory; none when the file is missing or unreadable
    /// (an index from an older version, or damaged: names are then shown as stored).
    pub fn load(index_dir: &Path) -> Aliases {
        std::fs::read(index_dir.join(ALIASES_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Aliases>(&bytes).ok())
            .unwrap_or_default()
            .with_lookups()
    }

    /// The opstamp of the commit the saved aliases were decided on, if they were saved with
    /// one.
    pub fn saved_commit(index_dir: &Path) -> Option<u64> {
        #[derive(Deserialize)]
        struct CommitOnly {
            #[serde(default)]
            commit: u64,
        }
        let bytes = std::fs::read(index_dir.join(ALIASES_FILE)).ok()?;
        let saved: CommitOnly = serde_json::from_slice(&bytes).ok()?;
        (saved.commit > 0).then_some(saved.commit)
    }

    fn save(&self, index_dir: &Path) -> Result<(), IndexError> {
        let path = index_dir.join(ALIASES_FILE);
        let text = serde_json::to_vec(self).expect("maps of strings serialise");
        crate::index::storage::atomic_write(&path, &text).map_err(|e| IndexError::from_io(&path, e))
    }

    /// The canonical name of `name` (as stored or as typed, any case), or `name` itself.
    pub fn canonical<'a>(&'a self, kind: EntityKind, name: &'a str) -> &'a str {
        if let Some(to) = self.map(kind).and_then(|m| m.get(name)) {
            return to;
        }
        self.folded
            .get(&(kind, fold_key(name)))
            .map_or(name, String::as_str)
    }

    /// The stored names that alias to canonical name `canonical`.
    pub fn members(&self, kind: EntityKind, canonical: &str) -> &[String] {
        self.members
            .get(&(kind, fold_key(canonical)))
            .map_or(&[], Vec::as_slice)
    }

    /// Give an article's people and organisations their canonical names.
    pub fn apply(&self, article: &mut Article) {
        for kind in [EntityKind::Person, EntityKind::Org] {
            if let Some(map) = self.map(kind) {
                rename(article, kind, map);
            }
        }
    }
}

/// Decide the archive's aliases from what the index holds at commit `commit` (the searcher's)
/// and save them beside it, atomically; returns how many names have an alias.
pub fn canonicalise(
    index: &NewsIndex,
    searcher: &Searcher,
    commit: u64,
) -> Result<usize, IndexError> {
    let fields = &index.fields;
    let kind_aliases = |kind| -> Result<HashMap<String, String>, IndexError> {
        let freq = name_frequencies(searcher, entity_fields(fields, kind).1)?;
        Ok(aliases(&freq, kind))
    };
    // The two kinds are independent: decided side by side, as this runs after the writers
    // are done and the cores are otherwise idle.
    let (person, org) = rayon::join(
        || kind_aliases(EntityKind::Person),
        || kind_aliases(EntityKind::Org),
    );
    let out = Aliases {
        commit,
        person: person?,
        org: org?,
        ..Aliases::default()
    };
    out.save(&index.dir)?;
    Ok(out.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn freq(pairs: &[(&str, u64)]) -> HashMap<String, u64> {
        pairs.iter().map(|(n, c)| (n.to_string(), *c)).collect()
    }

    #[test]
    fn aliases_answer_for_names_as_typed_and_rename_articles() {
        let aliases = Aliases {
            person: HashMap::from([("Putin".to_string(), "Vladimir Putin".to_string())]),
            org: HashMap::from([("UN".to_string(), "United Nations".to_string())]),
            ..Aliases::default()
        }
        .with_lookups();
        assert_eq!(
            aliases.canonical(EntityKind::Person, "putin"),
            "Vladimir Putin"
        );
        assert_eq!(aliases.canonical(EntityKind::Person, "Baker"), "Baker");
        assert_eq!(aliases.canonical(EntityKind::Org, "UN"), "United Nations");
        assert_eq!(aliases.canonical(EntityKind::Place, "UN"), "UN");
        assert_eq!(
            aliases.members(EntityKind::Person, "vladimir putin"),
            ["Putin".to_string()]
        );
        let mut article = Article::default();
        let entity = |name: &str, count| crate::article::Entity {
            name: name.into(),
            count,
            ..Default::default()
        };
        article.persons = vec![entity("Putin", 2), entity("Vladimir Putin", 1)];
        aliases.apply(&mut article);
        assert_eq!(article.persons.len(), 1);
        assert_eq!(article.persons[0].name, "Vladimir Putin");
        assert_eq!(article.persons[0].count, 3);
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
