//! Places: one canonical place per mention, with its country and first-level region.
//!
//! Owns the reading of the built-in gazetteer (continents, countries, US states, UK nations
//! and cities of more than 15,000 people, from GeoNames via `data/places.tsv.gz`; other
//! countries' first-level regions by name, from countryinfo and ISO 3166-2; hand-written
//! country variants such as US/U.S./USA/America, former states' names for archives of their
//! time (Soviet Union, West Germany, Zaire) and the wire's state and province abbreviations
//! ("Mass.", "B.C."); compiled into a table by
//! build.rs, see `place_table`) and the choice between places that share a name (Georgia,
//! Paris): by the other places in the article, the dateline, and population. It must not
//! decide whether a word is a place; the tagger does that. A name the gazetteer lacks stays
//! as it is, with no country, and so does a small namesake abroad of a place in a story
//! filed elsewhere (`stray_namesake`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::fold_key;
use super::place_table::{
    self, HEADER_WORDS, KIND_CONTINENT, KIND_COUNTRY, KIND_REGION, MAGIC, NONE, PLACE_WORDS,
};

/// The gazetteer compiled by build.rs from `data/places.tsv.gz` (see `place_table`).
static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/places.bin"));

/// The smallest city whose name inside an organisation's name ties it to a country ("Bank
/// of Tokyo"): smaller ones share their names with words and clubs ("Man", "Sale",
/// "Newcastle").
const SOLE_CITY: u64 = 1_000_000;

/// Words that name a part of the place after them, when the gazetteer lacks the whole.
const COMPASS: &[&str] = &["East", "West", "North", "South", "Central"];

/// A sizeable city: the smallest a name in four capitals may be ("BONN"; smaller towns
/// share their names with four-letter acronyms), or a compass word's place in a dateline.
const SIZEABLE_CITY: u64 = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Continent,
    Country,
    Region,
    City,
}

/// One place of the gazetteer, read from the table in place.
#[derive(Debug, Clone, Copy)]
struct Place<'a> {
    id: &'a str,
    kind: PlaceKind,
    name: &'a str,
    /// ISO 3166 code of the country ("" for continents).
    country: &'a str,
    /// The country's name ("Russia"); for a country, its own; none for continents.
    country_name: Option<&'a str>,
    /// The first-level region's name when known (US states, UK nations).
    region_name: Option<&'a str>,
    population: u64,
}

impl Place<'_> {
    /// Is this place no city, or a city of at least `min_city_population` people?
    fn at_least(&self, min_city_population: u64) -> bool {
        self.kind != PlaceKind::City || self.population >= min_city_population
    }

    /// How plausible a candidate is before context: countries and states first, then
    /// cities by population.
    fn prior(&self) -> f64 {
        match self.kind {
            PlaceKind::Country => 4.0,
            PlaceKind::Continent => 3.5,
            // Regions known by name only (countryinfo's and ISO 3166-2's, ids with `~`) carry
            // their country's population shared out evenly (tools/build_data.py) and rank as a
            // city of that size, at most about 400,000 people: "Manchester" stays in
            // England, "Ontario" is Canada's unless the article is about California, and
            // a Cayman Islands district does not outrank a town.
            PlaceKind::Region if self.id.contains('~') => {
                ((self.population.max(1) as f64).log10() / 2.0).min(2.8)
            }
            PlaceKind::Region => 3.0,
            PlaceKind::City => (self.population.max(1) as f64).log10() / 2.0,
        }
    }
}

/// What a run of words inside another name reads as (`Gazetteer::in_passing`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InPassing {
    NotAPlace,
    /// The country's canonical name.
    Country(String),
    OtherPlace,
}

/// A mention resolved to the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub id: String,
    pub name: String,
    /// The country's name ("Russia"); for a country, itself.
    pub country: Option<String>,
    /// The first-level region's name when known (US states, UK nations).
    pub region: Option<String>,
}

/// Continents, countries, regions and cities with their names, read from a compiled table
/// (`place_table`) without copying it: the embedded one costs nothing to open.
pub struct Gazetteer {
    table: Cow<'static, [u8]>,
    place_count: u32,
    key_count: u32,
    slot_count: u32,
    places_at: usize,
    keys_at: usize,
    slots_at: usize,
    lists_at: usize,
    strings_at: usize,
    /// Population of each country's largest city (by ISO code), built on first use.
    largest_city: OnceLock<HashMap<String, u64>>,
}

impl Gazetteer {
    /// The embedded gazetteer (continents, countries, first-level regions and cities of
    /// more than 15,000 people).
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            Gazetteer::from_table(Cow::Borrowed(TABLE))
                .expect("build.rs writes the embedded table with place_table::build")
        })
    }

    /// A gazetteer from `places.tsv` text (columns: see tools/build_data.py), compiled the
    /// way build.rs compiles the embedded one.
    pub fn from_tsv(text: &str) -> Gazetteer {
        Gazetteer::from_table(Cow::Owned(place_table::build(text)))
            .expect("place_table::build writes a table its reader accepts")
    }

    /// Open a compiled table; `None` unless its header and sections are consistent (the
    /// reads below then stay in bounds).
    fn from_table(table: Cow<'static, [u8]>) -> Option<Gazetteer> {
        let bytes: &[u8] = &table;
        if bytes.len() < MAGIC.len() + 4 * HEADER_WORDS || &bytes[..MAGIC.len()] != MAGIC {
            return None;
        }
        let header = |i: usize| read_u32(bytes, MAGIC.len() + 4 * i);
        let (place_count, key_count, slot_count) = (header(0), header(1), header(2));
        let at: Vec<usize> = (3..HEADER_WORDS).map(|i| header(i) as usize).collect();
        let sizes = [
            place_count as usize * PLACE_WORDS * 4,
            (key_count as usize + 1) * 2 * 4,
            slot_count as usize * 4,
        ];
        let consistent = slot_count.is_power_of_two()
            && slot_count > key_count
            && (0..3).all(|i| at[i] + sizes[i] == at[i + 1])
            && at[3] <= at[4]
            && at[4] <= at[5]
            && at[5] == bytes.len();
        consistent.then(|| Gazetteer {
            place_count,
            key_count,
            slot_count,
            places_at: at[0],
            keys_at: at[1],
            slots_at: at[2],
            lists_at: at[3],
            strings_at: at[4],
            table,
            largest_city: OnceLock::new(),
        })
    }

    pub fn len(&self) -> usize {
        self.place_count as usize
    }

    pub fn is_empty(&self) -> bool {
        self.place_count == 0
    }

    fn word(&self, at: usize) -> u32 {
        read_u32(&self.table, at)
    }

    fn string(&self, at: u32) -> Option<&str> {
        if at == NONE {
            return None;
        }
        let start = self.strings_at + at as usize;
        let len = u16::from_le_bytes([self.table[start], self.table[start + 1]]) as usize;
        let bytes = &self.table[start + 2..start + 2 + len];
        Some(std::str::from_utf8(bytes).expect("place_table::build stores strings from &str"))
    }

    fn place(&self, index: u32) -> Place<'_> {
        let at = self.places_at + index as usize * PLACE_WORDS * 4;
        let field = |i: usize| self.word(at + 4 * i);
        let text = |i: usize| {
            self.string(field(i))
                .expect("place_table::build stores id, name and country of every place")
        };
        Place {
            id: text(0),
            name: text(1),
            country: text(2),
            country_name: self.string(field(3)),
            region_name: self.string(field(4)),
            kind: match field(5) {
                KIND_CONTINENT => PlaceKind::Continent,
                KIND_COUNTRY => PlaceKind::Country,
                KIND_REGION => PlaceKind::Region,
                _ => PlaceKind::City, // KIND_CITY
            },
            population: u64::from(field(6)) | (u64::from(field(7)) << 32),
        }
    }

    /// The places named `key` (a folded name), in the order the data lists them.
    fn named(&self, key: &str) -> Vec<u32> {
        let mask = self.slot_count - 1;
        let mut slot = place_table::home_slot(key, self.slot_count);
        // There are more slots than keys (`from_table` checks), so an empty slot ends
        // every probe.
        loop {
            let entry = self.word(self.slots_at + 4 * slot as usize);
            if entry == 0 {
                return Vec::new();
            }
            let number = entry - 1;
            if number >= self.key_count {
                return Vec::new();
            }
            let at = self.keys_at + number as usize * 8;
            if self.string(self.word(at)) == Some(key) {
                let (start, end) = (self.word(at + 4), self.word(at + 12));
                return (start..end)
                    .map(|i| self.word(self.lists_at + 4 * i as usize))
                    .collect();
            }
            slot = (slot + 1) & mask;
        }
    }

    fn resolved(&self, index: u32) -> Resolved {
        let p = self.place(index);
        Resolved {
            id: p.id.to_string(),
            name: p.name.to_string(),
            country: p.country_name.map(str::to_string),
            region: p.region_name.map(str::to_string),
        }
    }

    /// Candidate places for a name. An acronym ("UN") matches only places spelled that way
    /// or listed as variants ("US"), never a town that happens to be called "Un"; a word of
    /// four capitals also matches a city of `SIZEABLE_CITY` people or more, as wire
    /// datelines and headlines write "BONN", "ROME" and "OSLO".
    ///
    /// A city that bears the name as its own outranks, within its country, one that lists
    /// it only as an alias: "New Delhi" is New Delhi, not Delhi (which lists "New Delhi").
    fn candidates(&self, name: &str) -> Vec<u32> {
        let key = fold_key(name);
        let mut list = self.named(&key);
        if list.len() > 1 {
            let own_name = |i: u32| fold_key(self.place(i).name) == key;
            let named_so: Vec<&str> = list
                .iter()
                .filter(|&&i| self.place(i).kind == PlaceKind::City && own_name(i))
                .map(|&i| self.place(i).country)
                .collect();
            if !named_so.is_empty() {
                list.retain(|&i| {
                    let p = self.place(i);
                    p.kind != PlaceKind::City || own_name(i) || !named_so.contains(&p.country)
                });
            }
        }
        let letters: String = name.chars().filter(|c| c.is_alphabetic()).collect();
        let count = letters.chars().count();
        let acronym = (2..=4).contains(&count) && letters.chars().all(char::is_uppercase);
        if !acronym {
            return list;
        }
        list.into_iter()
            .filter(|&i| {
                let p = self.place(i);
                p.kind != PlaceKind::City
                    || (count == 4 && p.population >= SIZEABLE_CITY)
                    || p.name
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .all(char::is_uppercase)
            })
            .collect()
    }

    /// Resolve an article's place names together: unambiguous names and the dateline set
    /// the context (which countries the story is about), then each name takes the candidate
    /// with the best prior plus a bonus when its country is in that context. Returns one
    /// entry per input name (`None`: not in the gazetteer).
    pub fn resolve_all(&self, names: &[&str], dateline: Option<&str>) -> Vec<Option<Resolved>> {
        self.resolve_qualified(names, dateline, &vec![None; names.len()])
    }

    /// `resolve_all`, where `qualifiers[i]` is the index of the name that qualifies name
    /// `i` in the text ("Wallaceburg, Ontario", "Paris, Texas"): the qualifier's country
    /// counts for name `i` as strongly as a dateline does.
    pub fn resolve_qualified(
        &self,
        names: &[&str],
        dateline: Option<&str>,
        qualifiers: &[Option<usize>],
    ) -> Vec<Option<Resolved>> {
        let mut context: HashMap<String, f64> = HashMap::new();
        let mut note = |iso: &str, weight: f64| {
            if !iso.is_empty() {
                *context.entry(iso.to_string()).or_default() += weight;
            }
        };
        let dateline_country = dateline
            .and_then(|d| self.dateline_index(d))
            .map(|i| self.place(i).country)
            .filter(|iso| !iso.is_empty());
        if let Some(iso) = dateline_country {
            note(iso, 2.0);
        }
        let candidates: Vec<Vec<u32>> = names.iter().map(|name| self.candidates(name)).collect();
        // What each name adds to the context, which it must not count for itself:
        // "Mexico" (the country, or Mexico City) supports neither of its own readings.
        let own: Vec<Option<(&str, f64)>> = candidates
            .iter()
            .map(|c| {
                let country = |i: u32| self.place(i).country;
                if let Some(&first) = c.first()
                    && c.iter().all(|&i| country(i) == country(first))
                {
                    // One place, or several of one country ("Dallas").
                    Some((country(first), 1.0))
                } else {
                    c.iter()
                        .find(|&&i| self.place(i).kind == PlaceKind::Country)
                        .map(|&country| (self.place(country).country, 0.5))
                }
            })
            .collect();
        for &(iso, weight) in own.iter().flatten() {
            note(iso, weight);
        }
        let chosen: Vec<Option<u32>> = candidates
            .iter()
            .zip(&own)
            .map(|(c, own)| self.best_except(c, &context, *own))
            .collect();
        chosen
            .iter()
            .enumerate()
            .map(|(i, &best)| {
                let qualifier = qualifiers.get(i).copied().flatten();
                let best = match qualifier.and_then(|q| chosen.get(q).copied().flatten()) {
                    // "Greenwich, Conn.": a town the gazetteer lacks, not London's Greenwich.
                    // Only a region says so of a town: "Kyiv, Russia and Minsk" and
                    // "Ireland, England, Wales" are lists.
                    Some(q)
                        if self.place(q).kind == PlaceKind::Region
                            && candidates[i]
                                .iter()
                                .all(|&c| self.place(c).kind == PlaceKind::City)
                            && !self.any_in(&candidates[i], self.place(q).country) =>
                    {
                        None
                    }
                    Some(q) => self.best_scored(
                        &candidates[i],
                        &context,
                        own[i],
                        Some(self.place(q).country),
                    ),
                    None => best.filter(|&b| {
                        !(dateline_country.is_some()
                            && self.stray_namesake(b, names[i], &context, own[i]))
                    }),
                };
                best.map(|b| self.resolved(b))
            })
            .collect()
    }

    /// Is city `best`, chosen for `name` in a story whose dateline gives it a country, a
    /// namesake abroad of a place the gazetteer lacks? So when nothing else in the story is
    /// in its country and it is small (under `SIZEABLE_CITY` people, or under `SOLE_CITY`
    /// when the name is only another name of it) but not its country's largest city
    /// (Honiara, a capital, stays the Solomon Islands'). "Bathurst" and "Brunswick" in a
    /// story filed from Fredericton, New Brunswick are towns there, not Bathurst, Australia
    /// or Braunschweig; the mention stays, unresolved.
    fn stray_namesake(
        &self,
        best: u32,
        name: &str,
        context: &HashMap<String, f64>,
        own: Option<(&str, f64)>,
    ) -> bool {
        let p = self.place(best);
        let own_name = fold_key(p.name) == fold_key(name);
        p.kind == PlaceKind::City
            && support_for(context, own, p.country) <= 0.0
            && p.population < if own_name { SIZEABLE_CITY } else { SOLE_CITY }
            && !self.is_largest_city(&p)
    }

    /// Is `p` its country's largest city (so a capital of a small country, "Honiara")?
    fn is_largest_city(&self, p: &Place) -> bool {
        let largest = self.largest_city.get_or_init(|| {
            let mut largest: HashMap<String, u64> = HashMap::new();
            for i in 0..self.place_count {
                let city = self.place(i);
                if city.kind == PlaceKind::City {
                    let max = largest.entry(city.country.to_string()).or_default();
                    *max = (*max).max(city.population);
                }
            }
            largest
        });
        largest.get(p.country) == Some(&p.population)
    }

    /// The place a dateline names: "Toronto", "Seoul, South Korea", "Wallaceburg, Ontario".
    /// Its parts decide each other (the region or country picks the city), and when the
    /// first part is unknown the next one that is known stands for it.
    pub fn dateline(&self, dateline: &str) -> Option<Resolved> {
        self.dateline_index(dateline).map(|i| self.resolved(i))
    }

    /// The candidates of a dateline's part: a name the gazetteer lacks that a compass word
    /// opens is the sizeable place after it ("EAST BERLIN", "West Jerusalem"). Only here:
    /// a mention of "South Asia" is no mention of Asia.
    fn dateline_candidates(&self, part: &str) -> Vec<u32> {
        let list = self.candidates(part);
        match part.split_once(' ') {
            Some((compass, rest))
                if list.is_empty() && COMPASS.iter().any(|c| c.eq_ignore_ascii_case(compass)) =>
            {
                let mut list = self.candidates(rest);
                list.retain(|&i| self.place(i).at_least(SIZEABLE_CITY));
                list
            }
            _ => list,
        }
    }

    fn dateline_index(&self, dateline: &str) -> Option<u32> {
        let parts: Vec<Vec<u32>> = dateline
            .split(',')
            .map(|part| self.dateline_candidates(part.trim()))
            .filter(|c| !c.is_empty())
            .collect();
        // The later parts qualify the first ("London, Ontario"); a first part with no
        // place in the qualifier's country is a place the gazetteer lacks, which the
        // qualifier stands for ("GREENWICH, Conn." is in Connecticut, not London).
        let qualifier = parts
            .iter()
            .skip(1)
            .find_map(|part| self.best(part, &HashMap::new()));
        let first = parts.first()?;
        // A state or province picks among its country's namesakes ("PORTLAND, Maine").
        let in_region: Vec<u32> = match qualifier.map(|q| self.place(q)) {
            Some(q) if q.kind == PlaceKind::Region => first
                .iter()
                .copied()
                .filter(|&i| self.place(i).region_name == Some(q.name))
                .collect(),
            _ => Vec::new(),
        };
        let first = if in_region.is_empty() {
            first
        } else {
            &in_region
        };
        match qualifier {
            Some(q) if !self.any_in(first, self.place(q).country) => Some(q),
            Some(q) => self.best_scored(first, &HashMap::new(), None, Some(self.place(q).country)),
            None => self.best(first, &HashMap::new()),
        }
    }

    /// Is one of `candidates` in the country with ISO code `country`?
    fn any_in(&self, candidates: &[u32], country: &str) -> bool {
        candidates.iter().any(|&i| self.place(i).country == country)
    }

    fn best(&self, candidates: &[u32], context: &HashMap<String, f64>) -> Option<u32> {
        self.best_except(candidates, context, None)
    }

    /// The best candidate given the context, less `own` (the name's own contribution to
    /// it, as country code and weight).
    fn best_except(
        &self,
        candidates: &[u32],
        context: &HashMap<String, f64>,
        own: Option<(&str, f64)>,
    ) -> Option<u32> {
        self.best_scored(candidates, context, own, None)
    }

    /// The best candidate: its prior, plus a context bonus of at most `CONTEXT_BONUS` that
    /// grows with its country's support (up to one unambiguous mention) and with that
    /// country's share of all the article's support, plus `QUALIFIER_BONUS` when the text
    /// qualifies the name with a place of the candidate's country ("Paris, Texas").
    ///
    /// The bonus is bounded so that context picks between places of comparable size but
    /// does not turn Sydney into Sidney, Ohio because a list of world cities includes
    /// Chicago: at most a population ratio of about 250 (the prior is log10(population)/2).
    fn best_scored(
        &self,
        candidates: &[u32],
        context: &HashMap<String, f64>,
        own: Option<(&str, f64)>,
        qualifier: Option<&str>,
    ) -> Option<u32> {
        const CONTEXT_BONUS: f64 = 1.2;
        const QUALIFIER_BONUS: f64 = 2.0;
        let support = |iso: &str| support_for(context, own, iso);
        let own_weight = own.map_or(0.0, |(_, w)| w);
        let total = (context.values().sum::<f64>() - own_weight).max(0.0);
        candidates.iter().copied().max_by(|&a, &b| {
            let score = |i: u32| {
                let p = self.place(i);
                let s = support(p.country);
                let share = if total > 0.0 { s / total } else { 0.0 };
                let mut score = p.prior() + CONTEXT_BONUS * s.min(1.0) * share;
                if qualifier.is_some_and(|q| q == p.country) {
                    score += QUALIFIER_BONUS;
                }
                score
            };
            score(a).total_cmp(&score(b)).then(b.cmp(&a))
        })
    }

    /// What `value`, met inside another name ("Bank of Canada"), names: a country, when it
    /// names one and no region ("Canada"; not "Georgia", also a US state), another place
    /// ("Toronto", "Northern Ireland"), or no place.
    pub fn in_passing(&self, value: &str) -> InPassing {
        let mut candidates = self.candidates(value);
        if candidates.is_empty() {
            return InPassing::NotAPlace;
        }
        candidates.retain(|&i| self.place(i).kind != PlaceKind::City);
        // Filters prefer the country; a name in passing counts only when no region shares
        // it (the table lists no populations for US states, so "Georgia Power" cannot be
        // weighed: it is left out).
        let shared = candidates
            .iter()
            .any(|&i| self.place(i).kind == PlaceKind::Region);
        match self
            .best(&candidates, &HashMap::new())
            .map(|i| self.place(i))
        {
            Some(best) if best.kind == PlaceKind::Country && !shared => {
                InPassing::Country(best.name.to_string())
            }
            _ => InPassing::OtherPlace,
        }
    }

    /// The country of the place `value` names inside another name ("Bank of [Tokyo]",
    /// "[Texas] Instruments", "[Northern Ireland] Assembly"): the one country of the US
    /// states, UK nations and cities of `SOLE_CITY` people or more that bear the name as
    /// their own (not as one of GeoNames' aliases: "Trident" is a Latin name of Trento),
    /// when no country bears it too ("[Georgia] Power" could be either).
    pub fn sole_country(&self, value: &str) -> Option<String> {
        let key = fold_key(value);
        let mut candidates = self.candidates(value);
        candidates.retain(|&i| {
            let p = self.place(i);
            // Cities of 100,000 people or more count against the one country ("Valencia"
            // is Spain's and Venezuela's; the city itself needs `SOLE_CITY`); GeoNames'
            // regions (US states, UK nations) count, not countryinfo's by-name ones, which
            // include parishes and districts called "Southampton" or "Forest".
            let counts =
                p.at_least(SIZEABLE_CITY) && !(p.kind == PlaceKind::Region && p.id.contains('~'));
            counts && (p.kind == PlaceKind::Country || fold_key(p.name) == key)
        });
        let first = self.place(*candidates.first()?);
        let big_enough = candidates
            .iter()
            .any(|&i| self.place(i).at_least(SOLE_CITY));
        let one_country = big_enough
            && candidates.iter().all(|&i| {
                let p = self.place(i);
                p.kind != PlaceKind::Country
                    && p.kind != PlaceKind::Continent
                    && p.country == first.country
            });
        one_country
            .then(|| first.country_name.map(str::to_string))
            .flatten()
    }

    /// The canonical name of the country or first-level region a user's filter value
    /// names, if it names one: "USA" -> "United States", "Britain" -> "United Kingdom",
    /// "New York" -> the state. Cities are not candidates (they have no single meaning),
    /// so a value naming only cities or a continent gets `None`.
    pub fn country_or_region(&self, value: &str) -> Option<String> {
        self.area(value).map(|(name, _)| name)
    }

    /// Does `value` name a country or a continent ("Nigeria", "Africa", "US")?
    pub fn names_a_country_or_continent(&self, value: &str) -> bool {
        self.candidates(value).into_iter().any(|i| {
            matches!(
                self.place(i).kind,
                PlaceKind::Country | PlaceKind::Continent
            )
        })
    }

    /// Does `value` name a country or a city of at least `min_city_population` people
    /// ("Japan", "U.S.", "Moscow"; not "Asia", "Texas" or "York")?
    pub fn names_a_country_or_city(&self, value: &str, min_city_population: u64) -> bool {
        self.candidates(value).into_iter().any(|i| {
            let p = self.place(i);
            p.kind == PlaceKind::Country
                || (p.kind == PlaceKind::City && p.population >= min_city_population)
        })
    }

    /// Is one of the places `value` names a country ("Japan", "U.S.", "Georgia")?
    pub fn names_a_country(&self, value: &str) -> bool {
        self.names_a_country_or_city(value, u64::MAX)
    }

    /// Does the gazetteer know `value` as a place of any kind or size?
    pub fn knows(&self, value: &str) -> bool {
        !self.candidates(value).is_empty()
    }

    /// Does `value` name a country, continent or region, or a city of at least
    /// `min_city_population` people? ("Cairo" does; "Bank", a hamlet's name, does not.)
    pub fn names_a_sizeable_place(&self, value: &str, min_city_population: u64) -> bool {
        self.candidates(value)
            .into_iter()
            .any(|i| self.place(i).at_least(min_city_population))
    }

    /// Is `value` the name of a city in the country `country` names ("Nadi" in "Fiji")?
    /// Any city the table has, whatever its size: the country beside it is the evidence.
    pub fn names_a_city_in(&self, value: &str, country: &str) -> bool {
        let Some(iso) = self
            .candidates(country)
            .into_iter()
            .map(|i| self.place(i))
            .find(|p| p.kind == PlaceKind::Country)
            .map(|p| p.country)
        else {
            return false;
        };
        self.candidates(value).into_iter().any(|i| {
            let p = self.place(i);
            p.kind == PlaceKind::City && p.country == iso
        })
    }

    /// Does `value` name a first-level region, or a city of at least
    /// `min_city_population` people, and none of them in the country `iso` ("Kano": cities
    /// and a state in Nigeria, none in "US"; "Ohio": a US state)?
    pub fn names_a_place_only_outside(
        &self,
        value: &str,
        iso: &str,
        min_city_population: u64,
    ) -> bool {
        let places: Vec<Place> = self
            .candidates(value)
            .into_iter()
            .map(|i| self.place(i))
            .filter(|p| {
                p.kind == PlaceKind::Region
                    || (p.kind == PlaceKind::City && p.population >= min_city_population)
            })
            .collect();
        !places.is_empty() && places.iter().all(|p| p.country != iso)
    }

    /// What `country_or_region` reads `value` as, and whether it is a country.
    pub fn area(&self, value: &str) -> Option<(String, bool)> {
        let mut candidates = self.candidates(value);
        candidates.retain(|&i| self.place(i).kind != PlaceKind::City);
        let best = self.place(self.best(&candidates, &HashMap::new())?);
        matches!(best.kind, PlaceKind::Country | PlaceKind::Region)
            .then(|| (best.name.to_string(), best.kind == PlaceKind::Country))
    }
}

/// Does the embedded gazetteer know the words of a name as a country or first-level
/// region? (A country keeps its reading in the context rules: "giant US budget deficit",
/// "Georgia, the company's biggest market".)
pub(crate) fn is_area(name: &[&str]) -> bool {
    Gazetteer::embedded().area(&name.join(" ")).is_some()
}

/// Does the embedded gazetteer know the words of a name as any place?
pub(crate) fn is_known_place(name: &[&str]) -> bool {
    Gazetteer::embedded()
        .resolve_all(&[&name.join(" ")], None)
        .pop()
        .flatten()
        .is_some()
}

/// The support the article's other names and dateline give country `iso`: its weight in
/// `context` less the name's own contribution (`own`, as country code and weight).
fn support_for(context: &HashMap<String, f64>, own: Option<(&str, f64)>, iso: &str) -> f64 {
    let s = context.get(iso).copied().unwrap_or(0.0);
    match own {
        Some((own_iso, weight)) if own_iso == iso => (s - weight).max(0.0),
        _ => s,
    }
}

/// The little-endian u32 at byte `at` (callers stay inside sections `from_table` checked).
fn read_u32(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0u8; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> &'static Gazetteer {
        Gazetteer::embedded()
    }

    #[test]
    fn a_country_named_in_passing_is_one_no_region_shares_its_name() {
        let country = |name: &str| InPassing::Country(name.to_string());
        assert_eq!(g().in_passing("Canada"), country("Canada"));
        assert_eq!(g().in_passing("Mexico"), country("Mexico"));
        assert_eq!(g().in_passing("USA"), country("United States"));
        assert_eq!(g().in_passing("Georgia"), InPassing::OtherPlace);
        assert_eq!(g().in_passing("Toronto"), InPassing::OtherPlace);
        assert_eq!(g().in_passing("Reuters"), InPassing::NotAPlace);
    }

    fn one(name: &str, others: &[&str], dateline: Option<&str>) -> Option<Resolved> {
        let mut names = vec![name];
        names.extend_from_slice(others);
        g().resolve_all(&names, dateline).remove(0)
    }

    #[test]
    fn cities_roll_up_to_countries() {
        let v = one("Vladivostok", &[], None).unwrap();
        assert_eq!(v.name, "Vladivostok");
        assert_eq!(v.country.as_deref(), Some("Russia"));
        let m = one("Moscow", &[], None).unwrap();
        assert_eq!(
            m.country.as_deref(),
            Some("Russia"),
            "Moscow, Russia beats Moscow, Idaho by population"
        );
        let e = one("Edinburgh", &[], None).unwrap();
        assert_eq!(e.region.as_deref(), Some("Scotland"));
        assert_eq!(e.country.as_deref(), Some("United Kingdom"));
    }

    #[test]
    fn country_variants_resolve_to_one_place() {
        for v in ["US", "U.S.", "USA", "United States", "America"] {
            assert_eq!(one(v, &[], None).unwrap().name, "United States", "{v}");
        }
        for v in ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"] {
            assert_eq!(one(v, &[], None).unwrap().name, "United Kingdom", "{v}");
        }
        for v in ["DPRK", "North Korea"] {
            assert_eq!(one(v, &[], None).unwrap().name, "North Korea", "{v}");
        }
        assert_eq!(one("Russian Federation", &[], None).unwrap().name, "Russia");
        // Former states, for archives of their time: "Zaire" is also an Angolan province.
        for (old, now) in [
            ("Soviet Union", "Russia"),
            ("USSR", "Russia"),
            ("West Germany", "Germany"),
            ("Zaire", "Democratic Republic of the Congo"),
            ("Burma", "Myanmar"),
        ] {
            assert_eq!(one(old, &[], None).unwrap().name, now, "{old}");
            assert_eq!(g().country_or_region(old).as_deref(), Some(now), "{old}");
        }
        assert_eq!(g().country_or_region("USA").unwrap(), "United States");
        assert_eq!(g().country_or_region("Britain").unwrap(), "United Kingdom");
        assert_eq!(g().country_or_region("Scotland").unwrap(), "Scotland");
        assert_eq!(g().country_or_region("Vladivostok"), None);
        assert_eq!(
            g().country_or_region("New York").as_deref(),
            Some("New York"),
            "the state: the city outranks it for a mention, but is not a filter's meaning"
        );
        assert_eq!(g().country_or_region("Asia"), None);
    }

    #[test]
    fn ambiguous_names_follow_context() {
        assert_eq!(one("Georgia", &[], None).unwrap().id, "country:GE");
        assert_eq!(one("Georgia", &["Tbilisi"], None).unwrap().id, "country:GE");
        let state = one("Georgia", &["Atlanta", "Alabama"], None).unwrap();
        assert_eq!(state.id, "region:US.GA");
        assert_eq!(state.country.as_deref(), Some("United States"));
        assert_eq!(
            one("Paris", &[], None).unwrap().country.as_deref(),
            Some("France")
        );
        assert_eq!(
            one("Paris", &["Texas", "Dallas"], None)
                .unwrap()
                .country
                .as_deref(),
            Some("United States")
        );
        assert_eq!(
            one("Paris", &[], Some("Dallas"))
                .unwrap()
                .country
                .as_deref(),
            Some("United States")
        );
    }

    #[test]
    fn a_small_namesake_abroad_is_no_place_of_a_story_filed_elsewhere() {
        let country = |name: &str, others: &[&str], dateline: Option<&str>| {
            one(name, others, dateline).and_then(|p| p.country)
        };
        let nb = Some("Fredericton, New Brunswick");
        // Towns the gazetteer lacks: their namesakes in Australia and Germany stay out.
        assert_eq!(one("Bathurst", &["Brunswick"], nb), None);
        assert_eq!(one("Brunswick", &["Bathurst"], nb), None);
        // Without a dateline, with support for its country, or sizeable, a city stays.
        assert_eq!(country("Bathurst", &[], None).as_deref(), Some("Australia"));
        assert_eq!(
            country("Bathurst", &["Australia"], nb).as_deref(),
            Some("Australia")
        );
        assert_eq!(country("Lyon", &[], nb).as_deref(), Some("France"));
        assert_eq!(country("Bombay", &[], nb).as_deref(), Some("India"));
        assert_eq!(country("Moncton", &[], nb).as_deref(), Some("Canada"));
        assert_eq!(
            country("Honiara", &[], nb).as_deref(),
            Some("Solomon Islands")
        );
    }

    #[test]
    fn datelines_resolve_their_parts_together() {
        let seoul = g().dateline("Seoul, South Korea").unwrap();
        assert_eq!(seoul.name, "Seoul");
        assert_eq!(seoul.country.as_deref(), Some("South Korea"));
        // Wallaceburg is too small for the gazetteer: the province stands for it.
        let ontario = g().dateline("Wallaceburg, Ontario").unwrap();
        assert_eq!(ontario.id, "region:CA.~ontario");
        assert_eq!(ontario.country.as_deref(), Some("Canada"));
        // The region decides which city: London, Ontario rather than London, England.
        let london = g().dateline("London, Ontario").unwrap();
        assert_eq!(london.country.as_deref(), Some("Canada"));
        assert_eq!(
            g().dateline("London").unwrap().country.as_deref(),
            Some("United Kingdom")
        );
        assert_eq!(g().dateline("Narnia Heights"), None);
        // Wire datelines abbreviate states and provinces; a town the gazetteer lacks is
        // its state, not a namesake abroad.
        for (dateline, region) in [
            ("Waltham, Mass.", "Massachusetts"),
            ("St. Paul, Minn.", "Minnesota"),
            ("Greenwich, Conn.", "Connecticut"),
            ("Rochester, N.Y.", "New York"),
            ("Portland, Maine", "Maine"),
            ("Columbia, Mo.", "Missouri"),
        ] {
            let place = g().dateline(dateline).unwrap();
            assert_eq!(place.region.as_deref(), Some(region), "{dateline}");
        }
        assert_eq!(
            g().dateline("EAST BERLIN").unwrap().country.as_deref(),
            Some("Germany")
        );
        assert_eq!(g().dateline("West Pumpkin"), None);
        // Datelines in capitals: four letters are a city, not an acronym.
        for (dateline, country) in [("BONN", "Germany"), ("ROME", "Italy"), ("OSLO", "Norway")] {
            let place = g().dateline(dateline).unwrap();
            assert_eq!(place.country.as_deref(), Some(country), "{dateline}");
        }
        let canada = |dateline: &str| g().dateline(dateline).unwrap().country;
        assert_eq!(canada("Nanaimo, B.C.").as_deref(), Some("Canada"));
        assert_eq!(canada("Red Deer, Alta.").as_deref(), Some("Canada"));
        let names = ["Greenwich", "Conn."];
        let resolved = g().resolve_qualified(&names, None, &[Some(1), None]);
        assert_eq!(resolved[0], None);
        assert_eq!(resolved[1].as_ref().unwrap().name, "Connecticut");
        // A list is no qualifier: "Kyiv, Russia and Minsk", "Ireland, England, Wales".
        let names = ["Kyiv", "Russia"];
        let resolved = g().resolve_qualified(&names, None, &[Some(1), None]);
        assert_eq!(
            resolved[0].as_ref().unwrap().country.as_deref(),
            Some("Ukraine")
        );
        let names = ["Ireland", "England"];
        let resolved = g().resolve_qualified(&names, None, &[Some(1), None]);
        assert_eq!(resolved[0].as_ref().unwrap().name, "Ireland");
        // A small country's districts rank by their share of its people: London's West
        // End is not the Cayman Islands'.
        let west_end = one("West End", &["London"], None).and_then(|p| p.country);
        assert_ne!(west_end.as_deref(), Some("Cayman Islands"));
        // A story filed from Toronto that names Ontario means the province.
        assert_eq!(
            one("Ontario", &[], Some("Toronto"))
                .unwrap()
                .country
                .as_deref(),
            Some("Canada")
        );
    }

    #[test]
    fn one_city_of_a_country_in_a_list_does_not_move_the_worlds_cities_there() {
        // "Helsinki, Oslo, Munich, Paris, Stockholm, Copenhagen, Chicago and Sydney": before,
        // Chicago's support for the United States made Paris Paris, Texas and Sydney Sidney.
        let names = [
            "London",
            "Helsinki",
            "Oslo",
            "Munich",
            "Paris",
            "Stockholm",
            "Copenhagen",
            "Chicago",
            "Sydney",
        ];
        let out = g().resolve_all(&names, None);
        let country = |i: usize| out[i].as_ref().unwrap().country.clone().unwrap();
        assert_eq!(country(4), "France");
        assert_eq!(country(8), "Australia");
        assert_eq!(country(7), "United States");
        // A US story that names London still means England's.
        let out = g().resolve_all(&["London", "Texas", "Dallas", "Chicago"], None);
        assert_eq!(
            out[0].as_ref().unwrap().country.as_deref(),
            Some("United Kingdom")
        );
    }

    #[test]
    fn a_qualifier_in_the_text_decides_its_place() {
        // "Paris, Texas" and "London, Ontario" in an article's body.
        let out = g().resolve_qualified(&["Paris", "Texas"], None, &[Some(1), None]);
        assert_eq!(
            out[0].as_ref().unwrap().country.as_deref(),
            Some("United States")
        );
        let out = g().resolve_qualified(&["London", "Ontario"], None, &[Some(1), None]);
        assert_eq!(out[0].as_ref().unwrap().country.as_deref(), Some("Canada"));
        assert_eq!(out[1].as_ref().unwrap().country.as_deref(), Some("Canada"));
        // Without the pair, London is England's.
        let out = g().resolve_all(&["London", "Ontario"], None);
        assert_eq!(
            out[0].as_ref().unwrap().country.as_deref(),
            Some("United Kingdom")
        );
    }

    #[test]
    fn names_are_shown_without_transliteration_marks_but_with_accents() {
        assert_eq!(one("Rafah", &[], None).unwrap().name, "Rafah");
        assert_eq!(one("Khan Younis", &[], None).unwrap().name, "Khan Yunis");
        assert_eq!(one("Sao Paulo", &[], None).unwrap().name, "São Paulo");
    }

    #[test]
    fn a_country_name_does_not_vote_for_its_own_capital() {
        // "Mexico's central bank ... officials in Mexico": the country, not Mexico City.
        assert_eq!(one("Mexico", &[], None).unwrap().id, "country:MX");
        assert_eq!(
            one("Mexico", &["Mexico City"], None).unwrap().id,
            "country:MX"
        );
        assert_eq!(
            one("Mexico", &["Guadalajara"], None).unwrap().id,
            "country:MX"
        );
    }

    #[test]
    fn a_city_named_so_outranks_one_that_lists_the_name_as_an_alias() {
        assert_eq!(one("New Delhi", &[], None).unwrap().name, "New Delhi");
        assert_eq!(one("Delhi", &[], None).unwrap().name, "Delhi");
        // An alias of another country's city still counts: "Bombay" is Mumbai.
        assert_eq!(one("Bombay", &[], None).unwrap().name, "Mumbai");
    }

    #[test]
    fn todays_states_counties_and_provinces_resolve_to_their_countries() {
        let country = |name: &str| one(name, &[], None).and_then(|r| r.country);
        for (name, expected) in [
            ("Lagos State", "Nigeria"),
            ("Ogun State", "Nigeria"),
            ("Baringo County", "Kenya"),
            ("Uasin Gishu", "Kenya"),
            ("Oromia", "Ethiopia"),
            ("Sagaing Region", "Myanmar"),
            ("Penang", "Malaysia"),
            ("Gaza Strip", "Palestinian Territory"),
            ("Dak Lak", "Vietnam"),
            (
                "Democratic Republic of Congo",
                "Democratic Republic of the Congo",
            ),
            ("Republic of Congo", "Republic of the Congo"),
        ] {
            assert_eq!(country(name).as_deref(), Some(expected), "{name}");
        }
        // Another country's region of that name, and compass names, stay as they were.
        assert_eq!(country("Ulster").as_deref(), Some("United Kingdom"));
        assert_eq!(one("South East", &[], None), None);
        assert_eq!(one("Midlands", &[], None), None);
    }

    #[test]
    fn unknown_places_are_none() {
        assert_eq!(one("Narnia Heights", &[], None), None);
    }

    /// Lines in the columns of `data/places.tsv`: id, kind, name, country, region,
    /// population, aliases.
    const SMALL_TSV: &str = "\
continent:EU\tcontinent\tEurope\t\t\t741000000\t
country:GB\tcountry\tUnited Kingdom\tGB\t\t66000000\t
country:US\tcountry\tUnited States\tUS\t\t327000000\t
region:US.IL\tregion\tIllinois\tUS\tIL\t0\t
region:US.MO\tregion\tMissouri\tUS\tMO\t0\t
city:1\tcity\tSpringfield\tUS\tIL\t114000\tSpringfield City|Capital of Illinois
city:2\tcity\tSpringfield\tUS\tMO\t167000\t
city:5\tcity\tSpringfield\tGB\tENG\t5000\t
city:3\tcity\tSt Ives\tGB\tENG\t11000\tSaint Ives
not a place line
city:4\tvillage\tNowhere\tGB\tENG\t10\t
";

    #[test]
    fn a_small_gazetteer_compiles_and_resolves_like_the_data_says() {
        let g = Gazetteer::from_tsv(SMALL_TSV);
        // Four cities, two states, two countries and a continent, plus the four UK
        // nations every table has; the line of unknown kind and the short line are skipped.
        assert_eq!(g.len(), 13);
        let alone = |name: &str| g.resolve_all(&[name], None).remove(0);
        let mo = alone("Springfield").unwrap();
        assert_eq!(mo.id, "city:2", "the larger Springfield without context");
        assert_eq!(mo.region.as_deref(), Some("Missouri"));
        assert_eq!(mo.country.as_deref(), Some("United States"));
        let uk = g.resolve_all(&["Springfield", "St Ives"], None).remove(0);
        assert_eq!(
            uk.unwrap().id,
            "city:5",
            "the country of the places beside it decides"
        );
        let dateline = g
            .resolve_all(&["Springfield"], Some("Saint Ives"))
            .remove(0);
        assert_eq!(dateline.unwrap().id, "city:5", "so does the dateline");
        assert_eq!(
            alone("Capital of Illinois").unwrap().id,
            "city:1",
            "an alias"
        );
        assert_eq!(alone("SPRINGFIELD CITY").unwrap().id, "city:1", "folded");
        let ives = alone("Saint Ives").unwrap();
        assert_eq!(ives.name, "St Ives");
        assert_eq!(ives.region.as_deref(), Some("England"), "a UK nation");
        assert_eq!(ives.country.as_deref(), Some("United Kingdom"));
        assert_eq!(alone("Britain").unwrap().id, "country:GB", "a variant");
        assert_eq!(alone("U.S.A.").unwrap().id, "country:US", "a variant");
        let europe = alone("Europe").unwrap();
        assert_eq!((europe.country, europe.region), (None, None));
        assert_eq!(alone("Nowhere"), None, "a line of unknown kind is skipped");
        assert_eq!(alone("Shelbyville"), None);
        assert_eq!(g.country_or_region("Missouri").as_deref(), Some("Missouri"));
        assert_eq!(g.country_or_region("Springfield"), None);
    }

    #[test]
    fn compiling_is_deterministic() {
        // Each build hashes with fresh random keys: the bytes must not depend on them.
        assert_eq!(place_table::build(SMALL_TSV), place_table::build(SMALL_TSV));
    }

    #[test]
    fn every_name_in_the_data_finds_its_place_in_the_embedded_table() {
        use std::io::Read;
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/places.tsv.gz");
        let mut text = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
            .read_to_string(&mut text)
            .unwrap();
        let g = g();
        let mut names = 0;
        for (number, line) in text.lines().enumerate() {
            let cols: Vec<&str> = line.split('\t').collect();
            let aliases = cols[6]
                .split('|')
                .filter(|a| cols[1] == "city" && !a.is_empty());
            for name in std::iter::once(cols[2]).chain(aliases) {
                let key = fold_key(name);
                if key.is_empty() {
                    continue;
                }
                let found = g.named(&key);
                assert!(found.contains(&(number as u32)), "{name:?} (line {number})");
                let place = g.place(number as u32);
                assert_eq!(place.id, cols[0]);
                names += 1;
            }
        }
        assert!(names > 100_000, "{names} names checked");
        assert_eq!(g.named("no such place anywhere"), Vec::<u32>::new());
    }

    #[test]
    fn damaged_tables_are_refused() {
        let good = place_table::build(SMALL_TSV);
        assert!(Gazetteer::from_table(Cow::Owned(good.clone())).is_some());
        let mut bad_magic = good.clone();
        bad_magic[0] = b'X';
        assert!(Gazetteer::from_table(Cow::Owned(bad_magic)).is_none());
        for len in [0, 7, 20, good.len() / 2, good.len() - 1] {
            let truncated = good[..len].to_vec();
            assert!(
                Gazetteer::from_table(Cow::Owned(truncated)).is_none(),
                "{len}"
            );
        }
    }
}
