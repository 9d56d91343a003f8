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
//! And one type per name: a name stored under several types (the same folded key among
//! persons, places and organisations) takes the type of at least 75% of its articles,
//! when that is three articles or more ("Chelsea" the club, tagged a person in some
//! match reports). Searches count it under that type, list it there, and its filter
//! finds the articles that stored it under another.
//!
//! It must not parse files or tag text: it works on what the index stores, or on the names
//! of articles it is handed (`NameCounts::add`, for articles extracted on other machines).

use std::collections::HashMap;

use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::Searcher;

use super::{IndexError, NewsIndex, SALIENCE_SEPARATOR, entity_fields};
use crate::article::{Article, EntityKind};
use crate::entities::fold_key;
use crate::entities::normalize::{acronym_letters, initials};

/// "person\x1fName": a name with its kind, as the index's `cued_name` field stores it and
/// as `Aliases::articles` keys it.
fn kind_key(kind: EntityKind, name: &str) -> String {
    format!("{}{SALIENCE_SEPARATOR}{name}", kind.field_name())
}

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

/// A name stored as `from` in some articles that is a `to` archive-wide, where it is
/// called `to_name`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retyped {
    pub name: String,
    pub from: EntityKind,
    pub to: EntityKind,
    pub to_name: String,
}

/// Share of a name's articles one type needs before the name takes it everywhere, and
/// the fewest articles that can decide it.
const TYPE_DOMINANCE: f64 = 0.75;
const TYPE_MIN_ARTICLES: u64 = 3;

/// Articles whose own words must type a name ("the band Franz Ferdinand") before that type
/// wins archive-wide over a majority that only the tagger's guess gives: at least this many,
/// and at least `CUED_SHARE` of the name's articles.
const CUED_MIN_ARTICLES: u64 = 2;
const CUED_SHARE: f64 = 0.1;

/// One type per name: from each kind's name frequencies, the names stored under a minority
/// type whose majority type is clear. `cued` counts the articles whose own words typed a
/// name (keys "person\x1fName", see `Fields::cued_name`): such a type wins even as a
/// minority, since the tagger alone reads an unknown band's name as a person everywhere
/// else.
pub fn retyped(
    freqs: &[(EntityKind, &HashMap<String, u64>)],
    cued: &HashMap<String, u64>,
) -> Vec<Retyped> {
    // Folded key -> (kind, stored name, articles).
    let mut by_key: HashMap<String, Vec<(EntityKind, &str, u64)>> = HashMap::new();
    for (kind, freq) in freqs {
        for (name, &n) in *freq {
            by_key
                .entry(fold_key(name))
                .or_default()
                .push((*kind, name.as_str(), n));
        }
    }
    let mut out = Vec::new();
    for mut names in by_key.into_values() {
        let first = names[0].0;
        if names.iter().all(|(kind, _, _)| *kind == first) {
            continue;
        }
        names.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(b.1)));
        let total: u64 = names.iter().map(|n| n.2).sum();
        let per_kind =
            |kind: EntityKind| -> u64 { names.iter().filter(|n| n.0 == kind).map(|n| n.2).sum() };
        let cued_in = |kind: EntityKind| -> u64 {
            names
                .iter()
                .filter(|n| n.0 == kind)
                .filter_map(|n| cued.get(&kind_key(kind, n.1)))
                .sum()
        };
        let by_cue = EntityKind::ALL
            .iter()
            .map(|&kind| (kind, cued_in(kind)))
            .filter(|&(_, n)| n >= CUED_MIN_ARTICLES && n as f64 >= CUED_SHARE * total as f64)
            .max_by(|a, b| a.1.cmp(&b.1));
        let best = match by_cue {
            Some((kind, _)) => kind,
            None => {
                let Some((best, articles)) = EntityKind::ALL
                    .iter()
                    .map(|&kind| (kind, per_kind(kind)))
                    .max_by(|a, b| a.1.cmp(&b.1))
                else {
                    continue;
                };
                if articles < TYPE_MIN_ARTICLES || (articles as f64) < TYPE_DOMINANCE * total as f64
                {
                    continue;
                }
                best
            }
        };
        // The most frequent spelling of the winning type.
        let to_name = names
            .iter()
            .find(|n| n.0 == best)
            .expect("the winning type has names")
            .1;
        for &(kind, name, _) in &names {
            if kind != best {
                out.push(Retyped {
                    name: name.to_string(),
                    from: kind,
                    to: best,
                    to_name: to_name.to_string(),
                });
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name).then(a.to_name.cmp(&b.to_name)));
    out
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
            EntityKind::Org => match acronym_letters(display) {
                Some(letters) => by_initials.get(&letters).map(Vec::as_slice).unwrap_or(&[]),
                None => &[],
            },
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
        crate::article::Entity::add_to(&mut merged, e);
    }
    merged.sort_by_key(|e| std::cmp::Reverse(e.count));
    *entities = merged;
    true
}

/// File in the index directory holding the archive's aliases.
pub(crate) const ALIASES_FILE: &str = "aliases.json";

/// A canonical name and every stored (kind, name) counted as it, itself included.
pub type MergeGroup = (String, Vec<(EntityKind, String)>);

/// A map written in key order, so the same aliases always save as the same bytes.
fn sorted<S: serde::Serializer, V: Serialize>(
    map: &HashMap<String, V>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    map.iter()
        .collect::<std::collections::BTreeMap<_, _>>()
        .serialize(serializer)
}

/// The archive's aliases for people and organisations: display name -> canonical name.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Aliases {
    /// The opstamp of the commit these aliases were decided on (0: unknown, from an older
    /// version): a writing run that finds another one decides them again.
    #[serde(default)]
    commit: u64,
    #[serde(serialize_with = "sorted")]
    person: HashMap<String, String>,
    #[serde(serialize_with = "sorted")]
    org: HashMap<String, String>,
    /// Names stored under a type that is not theirs, archive-wide.
    #[serde(default)]
    retyped: Vec<Retyped>,
    /// Articles holding each name an alias or retyping involves ("person\x1fPutin"), so a
    /// facet count knows the most a name cut from its first pass can add
    /// (`search::names_to_recount`).
    #[serde(default)]
    #[serde(serialize_with = "sorted")]
    articles: HashMap<String, u64>,
    /// Per kind, the alias groups of `merge_groups`.
    #[serde(skip)]
    groups: HashMap<EntityKind, Vec<MergeGroup>>,
    /// Organisations by the letters of their initials ("IMF" -> "International Monetary
    /// Fund"), where one name has most of the archive's articles among those with the same
    /// initials: a filter typed as the acronym finds the articles that only ever spelled
    /// the name out (an article's own acronym is merged into its full name).
    #[serde(default)]
    #[serde(serialize_with = "sorted")]
    acronyms: HashMap<String, String>,
    /// Per stored kind (`EntityKind::index`), stored name -> index into `retyped`: looked
    /// up for every entity of every served hit, so by `&str`, without building a key.
    #[serde(skip)]
    retyped_from: [HashMap<String, usize>; 3],
    /// (the name's kind, folded name) -> indexes into `retyped`.
    #[serde(skip)]
    retyped_into: HashMap<(EntityKind, String), Vec<usize>>,
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

    /// How many names have an alias or another type.
    pub fn len(&self) -> usize {
        self.person.len() + self.org.len() + self.retyped.len()
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
        for (i, r) in self.retyped.iter().enumerate() {
            self.retyped_from[r.from.index()].insert(r.name.clone(), i);
            self.retyped_into
                .entry((r.to, fold_key(&r.to_name)))
                .or_default()
                .push(i);
        }
        for kind in EntityKind::ALL {
            let groups = self.decide_groups(kind);
            self.groups.insert(kind, groups);
        }
        self
    }

    /// The type and name a stored name has archive-wide, when it is not `kind`.
    pub fn retype(&self, kind: EntityKind, name: &str) -> Option<(EntityKind, &str)> {
        let &i = self.retyped_from[kind.index()].get(name)?;
        let r = &self.retyped[i];
        Some((r.to, r.to_name.as_str()))
    }

    /// The names stored under another type that are the `kind` named `name` (any case):
    /// (stored kind, stored name).
    pub fn stored_elsewhere(
        &self,
        kind: EntityKind,
        name: &str,
    ) -> impl Iterator<Item = (EntityKind, &str)> {
        self.retyped_into
            .get(&(kind, fold_key(name)))
            .into_iter()
            .flatten()
            .map(|&i| (self.retyped[i].from, self.retyped[i].name.as_str()))
    }

    /// The names counted under another name in `kind`'s entity counts, grouped by the
    /// canonical name they count for: every stored (kind, name) of the group, the
    /// canonical's own name included. Names without aliases are in no group. Decided once,
    /// when the aliases are loaded.
    pub fn merge_groups(&self, kind: EntityKind) -> &[MergeGroup] {
        self.groups.get(&kind).map_or(&[], Vec::as_slice)
    }

    fn decide_groups(&self, kind: EntityKind) -> Vec<MergeGroup> {
        let mut groups: HashMap<String, Vec<(EntityKind, String)>> = HashMap::new();
        if let Some(map) = self.map(kind) {
            for (from, to) in map {
                groups
                    .entry(to.clone())
                    .or_default()
                    .push((kind, from.clone()));
            }
        }
        for r in self.retyped.iter().filter(|r| r.to == kind) {
            let canonical = self.canonical(kind, &r.to_name).to_string();
            groups
                .entry(canonical)
                .or_default()
                .push((r.from, r.name.clone()));
        }
        let mut out: Vec<(String, Vec<(EntityKind, String)>)> = groups
            .into_iter()
            .map(|(canonical, mut stored)| {
                stored.push((kind, canonical.clone()));
                stored.sort_by(|a, b| a.0.field_name().cmp(b.0.field_name()).then(a.1.cmp(&b.1)));
                stored.dedup();
                (canonical, stored)
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// The organisation an acronym as typed ("IMF", "Nato") stands for in this archive.
    pub fn expansion(&self, acronym: &str) -> Option<&str> {
        self.acronyms
            .get(&acronym_letters(acronym)?)
            .map(String::as_str)
    }

    /// How many articles of the archive hold `name` as a `kind`, when the name is part of an
    /// alias or retyping and the aliases were saved with their counts.
    pub fn articles_with(&self, kind: EntityKind, name: &str) -> Option<u64> {
        self.articles.get(&kind_key(kind, name)).copied()
    }

    /// The kinds whose stored names are counted under `kind` too.
    pub fn sources_of(&self, kind: EntityKind) -> Vec<EntityKind> {
        let mut kinds: Vec<EntityKind> = self
            .retyped
            .iter()
            .filter(|r| r.to == kind)
            .map(|r| r.from)
            .collect();
        kinds.sort_by_key(|k| k.field_name());
        kinds.dedup();
        kinds
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

    /// Give an article's entities their archive-wide type, and its people and
    /// organisations their canonical names.
    pub fn apply(&self, article: &mut Article) {
        if !self.retyped.is_empty() {
            for kind in EntityKind::ALL {
                let retyped = &self.retyped_from[kind.index()];
                if !article
                    .entities(kind)
                    .iter()
                    .any(|e| retyped.contains_key(&e.name))
                {
                    continue;
                }
                let entities = std::mem::take(article.entities_mut(kind));
                let (moved, kept): (Vec<_>, Vec<_>) = entities
                    .into_iter()
                    .partition(|e| self.retype(kind, &e.name).is_some());
                *article.entities_mut(kind) = kept;
                for mut e in moved {
                    let (to, to_name) = self.retype(kind, &e.name).expect("partitioned on it");
                    e.name = to_name.to_string();
                    if to != EntityKind::Place {
                        (e.id, e.country, e.region) = (None, None, None);
                    }
                    let list = article.entities_mut(to);
                    crate::article::Entity::add_to(list, e);
                    list.sort_by_key(|x| std::cmp::Reverse(x.count));
                }
            }
        }
        for kind in [EntityKind::Person, EntityKind::Org] {
            if let Some(map) = self.map(kind) {
                rename(article, kind, map);
            }
        }
    }
}

/// How many articles hold each entity name, per kind, and each name the articles' own
/// words typed ("person\x1fName"): what the aliases are decided from. The index's term
/// dictionaries give it for an index (`canonicalise`); `add` gives it for articles that
/// were extracted elsewhere (`newsdex canonical`, for shards of a distributed run).
#[derive(Debug, Default)]
pub struct NameCounts {
    pub person: HashMap<String, u64>,
    pub place: HashMap<String, u64>,
    pub org: HashMap<String, u64>,
    pub cued: HashMap<String, u64>,
}

impl NameCounts {
    /// Count one article's names, each once, as the index's document frequencies do.
    pub fn add(&mut self, article: &Article) {
        for kind in EntityKind::ALL {
            let mut seen = std::collections::HashSet::new();
            for entity in article.entities(kind) {
                if !seen.insert(entity.name.as_str()) {
                    continue;
                }
                *self.of_mut(kind).entry(entity.name.clone()).or_default() += 1;
                if entity.cued {
                    let key = kind_key(kind, &entity.name);
                    *self.cued.entry(key).or_default() += 1;
                }
            }
        }
    }

    fn of(&self, kind: EntityKind) -> &HashMap<String, u64> {
        match kind {
            EntityKind::Person => &self.person,
            EntityKind::Place => &self.place,
            EntityKind::Org => &self.org,
        }
    }

    fn of_mut(&mut self, kind: EntityKind) -> &mut HashMap<String, u64> {
        match kind {
            EntityKind::Person => &mut self.person,
            EntityKind::Place => &mut self.place,
            EntityKind::Org => &mut self.org,
        }
    }
}

impl Aliases {
    /// The aliases and retypings `counts` call for (decided at commit `commit`, 0 when the
    /// counts are not an index's), ready to `apply`.
    pub fn decide(counts: &NameCounts, commit: u64) -> Aliases {
        let retyped = retyped(
            &[
                (EntityKind::Person, &counts.person),
                (EntityKind::Place, &counts.place),
                (EntityKind::Org, &counts.org),
            ],
            &counts.cued,
        );
        // A name that is another type archive-wide gets no alias among its stored type's.
        let moved: std::collections::HashSet<(EntityKind, &str)> =
            retyped.iter().map(|r| (r.from, r.name.as_str())).collect();
        let without = |freq: &HashMap<String, u64>, kind: EntityKind| -> HashMap<String, u64> {
            freq.iter()
                .filter(|(name, _)| !moved.contains(&(kind, name.as_str())))
                .map(|(name, &n)| (name.clone(), n))
                .collect()
        };
        let (person, org) = rayon::join(
            || {
                aliases(
                    &without(&counts.person, EntityKind::Person),
                    EntityKind::Person,
                )
            },
            || aliases(&without(&counts.org, EntityKind::Org), EntityKind::Org),
        );
        let mut articles = HashMap::new();
        let mut note = |kind: EntityKind, name: &str| {
            if let Some(&n) = counts.of(kind).get(name) {
                articles.insert(kind_key(kind, name), n);
            }
        };
        for (kind, map) in [(EntityKind::Person, &person), (EntityKind::Org, &org)] {
            for (from, to) in map {
                note(kind, from);
                note(kind, to);
            }
        }
        for r in &retyped {
            note(r.from, &r.name);
            note(r.to, &r.to_name);
        }
        let mut by_initials: HashMap<String, Vec<(&str, u64)>> = HashMap::new();
        for (name, &n) in &counts.org {
            let letters = initials(name).to_uppercase();
            if name.contains(' ')
                && letters.chars().count() >= 2
                && !moved.contains(&(EntityKind::Org, name.as_str()))
            {
                by_initials
                    .entry(letters)
                    .or_default()
                    .push((name.as_str(), n));
            }
        }
        let acronyms = by_initials
            .into_iter()
            .filter_map(|(letters, candidates)| {
                let winner = dominant(&candidates)?;
                Some((
                    letters,
                    org.get(winner)
                        .cloned()
                        .unwrap_or_else(|| winner.to_string()),
                ))
            })
            .collect();
        Aliases {
            commit,
            person,
            org,
            retyped,
            articles,
            acronyms,
            ..Aliases::default()
        }
        .with_lookups()
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
    let frequencies = |kind| name_frequencies(searcher, entity_fields(fields, kind).1);
    // The kinds are independent: read side by side, as this runs after the writers are
    // done and the cores are otherwise idle.
    let ((person, org), place) = rayon::join(
        || {
            rayon::join(
                || frequencies(EntityKind::Person),
                || frequencies(EntityKind::Org),
            )
        },
        || frequencies(EntityKind::Place),
    );
    let counts = NameCounts {
        person: person?,
        place: place?,
        org: org?,
        cued: name_frequencies(searcher, fields.cued_name)?,
    };
    let out = Aliases::decide(&counts, commit);
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
    fn a_type_the_articles_own_words_give_wins_as_a_minority() {
        // A band the tagger reads as a person in 18 articles; in 3 "the band ..." says it.
        let person = freq(&[("Franz Ferdinand", 18)]);
        let org = freq(&[("Franz Ferdinand", 3)]);
        let cued = freq(&[("org\u{1f}Franz Ferdinand", 3)]);
        let out = retyped(
            &[(EntityKind::Person, &person), (EntityKind::Org, &org)],
            &cued,
        );
        assert_eq!(
            out,
            [Retyped {
                name: "Franz Ferdinand".into(),
                from: EntityKind::Person,
                to: EntityKind::Org,
                to_name: "Franz Ferdinand".into(),
            }]
        );
        // One cued article is not enough against 18: the majority decides (here: person).
        let once = freq(&[("org\u{1f}Franz Ferdinand", 1)]);
        let out = retyped(
            &[(EntityKind::Person, &person), (EntityKind::Org, &org)],
            &once,
        );
        assert_eq!(out[0].to, EntityKind::Person, "{out:?}");
    }

    #[test]
    fn a_name_takes_the_type_of_most_of_its_articles() {
        let person = freq(&[("Chelsea", 2), ("Tony Blair", 50), ("Jordan", 2)]);
        let place = freq(&[("Jordan", 3), ("Paris", 9)]);
        let org = freq(&[("Chelsea", 9), ("CHELSEA", 1), ("Intel", 2)]);
        let persons_intel = freq(&[("Intel", 1)]);
        let none = HashMap::new();
        let out = retyped(
            &[
                (EntityKind::Person, &person),
                (EntityKind::Place, &place),
                (EntityKind::Org, &org),
            ],
            &none,
        );
        // Chelsea: 10 of 12 articles say organisation. Jordan: 3 of 5 is no majority.
        assert_eq!(
            out,
            [Retyped {
                name: "Chelsea".into(),
                from: EntityKind::Person,
                to: EntityKind::Org,
                to_name: "Chelsea".into(),
            }]
        );
        // Too few articles to decide: Intel as an organisation twice, a person once.
        let few = retyped(
            &[
                (EntityKind::Person, &persons_intel),
                (EntityKind::Org, &org),
            ],
            &none,
        );
        assert!(few.iter().all(|r| r.name != "Intel"), "{few:?}");

        let aliases = Aliases {
            retyped: out,
            ..Aliases::default()
        }
        .with_lookups();
        let mut article = Article::default();
        article.persons = vec![crate::article::Entity::new("Chelsea", 2)];
        article.orgs = vec![crate::article::Entity::new("Arsenal", 3)];
        aliases.apply(&mut article);
        assert!(article.persons.is_empty());
        assert_eq!(article.orgs[1], crate::article::Entity::new("Chelsea", 2));
        assert_eq!(
            aliases
                .stored_elsewhere(EntityKind::Org, "chelsea")
                .collect::<Vec<_>>(),
            [(EntityKind::Person, "Chelsea")]
        );
        assert_eq!(aliases.sources_of(EntityKind::Org), [EntityKind::Person]);
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
