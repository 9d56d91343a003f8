//! Places: one canonical place per mention, with its country and first-level region.
//!
//! Owns the built-in gazetteer (continents, countries, US states, UK nations and cities of
//! more than 15,000 people, from GeoNames via `data/places.tsv.gz`, embedded in the binary),
//! the hand-written country variants (US/U.S./USA/America, UK/Britain, DPRK, ...), and the
//! choice between places that share a name (Georgia, Paris): by the other places in the
//! article, the dateline, and population. It must not decide whether a word is a place;
//! the tagger does that. A name the gazetteer lacks stays as it is, with no country.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use xxhash_rust::xxh3::Xxh3Builder;

use super::fold_key;

static DATA: &[u8] = include_bytes!("../../data/places.tsv.gz");

/// Common names of countries and UK nations that GeoNames spells otherwise, as
/// (variant, ISO code or `GB-NATION` region id).
const VARIANTS: &[(&str, &str)] = &[
    ("us", "US"),
    ("u s", "US"),
    ("usa", "US"),
    ("u s a", "US"),
    ("united states of america", "US"),
    ("america", "US"),
    ("uk", "GB"),
    ("u k", "GB"),
    ("britain", "GB"),
    ("great britain", "GB"),
    ("united kingdom of great britain and northern ireland", "GB"),
    ("dprk", "KP"),
    ("democratic people s republic of korea", "KP"),
    ("n korea", "KP"),
    ("rok", "KR"),
    ("republic of korea", "KR"),
    ("s korea", "KR"),
    ("russian federation", "RU"),
    ("prc", "CN"),
    ("people s republic of china", "CN"),
    ("mainland china", "CN"),
    ("holland", "NL"),
    ("netherlands", "NL"),
    ("czech republic", "CZ"),
    ("cote d ivoire", "CI"),
    ("burma", "MM"),
    ("swaziland", "SZ"),
    ("macedonia", "MK"),
    ("drc", "CD"),
    ("dr congo", "CD"),
    ("uae", "AE"),
    ("turkiye", "TR"),
    ("palestine", "PS"),
    ("palestinian territories", "PS"),
    ("vatican", "VA"),
    ("east timor", "TL"),
    ("cape verde", "CV"),
    ("the gambia", "GM"),
    ("bahamas", "BS"),
    ("england", "GB-ENG"),
    ("scotland", "GB-SCT"),
    ("wales", "GB-WLS"),
    ("northern ireland", "GB-NIR"),
    ("ulster", "GB-NIR"),
];

/// UK nations, first-level regions of GB in GeoNames' city records.
const UK_NATIONS: &[(&str, &str)] = &[
    ("ENG", "England"),
    ("SCT", "Scotland"),
    ("WLS", "Wales"),
    ("NIR", "Northern Ireland"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Continent,
    Country,
    Region,
    City,
}

#[derive(Debug, Clone)]
pub struct Place {
    pub id: String,
    pub kind: PlaceKind,
    pub name: String,
    /// ISO 3166 code of the country ("" for continents).
    pub country: String,
    /// First-level region code within the country ("" when unknown).
    pub region: String,
    pub population: u64,
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

pub struct Gazetteer {
    places: Vec<Place>,
    // xxh3 rather than SipHash: 124k names are hashed at load (55 -> 44 ms) and every
    // candidate lookup hashes again; the keys come from the embedded data, not from users.
    by_name: HashMap<String, Vec<u32>, Xxh3Builder>,
    countries: HashMap<String, u32, Xxh3Builder>,
    regions: HashMap<(String, String), u32, Xxh3Builder>,
}

fn parse_kind(s: &str) -> Option<PlaceKind> {
    Some(match s {
        "continent" => PlaceKind::Continent,
        "country" => PlaceKind::Country,
        "region" => PlaceKind::Region,
        "city" => PlaceKind::City,
        _ => return None,
    })
}

impl Gazetteer {
    /// The embedded gazetteer, parsed on first use (about 45 ms).
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            let mut text = String::new();
            flate2::read::GzDecoder::new(DATA)
                .read_to_string(&mut text)
                .expect("the embedded gazetteer is valid gzip, written by tools/build_data.py");
            Gazetteer::parse(&text)
        })
    }

    /// Continents, countries and regions only (no cities): what canonicalising a user's
    /// filter needs, read in a fraction of the time (the file lists cities last).
    pub fn without_cities() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            use std::io::BufRead;
            let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(DATA));
            let mut text = String::new();
            for line in reader.lines().map_while(Result::ok) {
                if line.starts_with("city:") {
                    break;
                }
                text.push_str(&line);
                text.push('\n');
            }
            Gazetteer::parse(&text)
        })
    }

    /// Parse `places.tsv` text (see tools/build_data.py for the columns).
    pub fn parse(text: &str) -> Gazetteer {
        let mut g = Gazetteer {
            places: Vec::new(),
            by_name: HashMap::default(),
            countries: HashMap::default(),
            regions: HashMap::default(),
        };
        for line in text.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 7 {
                continue;
            }
            let Some(kind) = parse_kind(cols[1]) else {
                continue;
            };
            let place = Place {
                id: cols[0].to_string(),
                kind,
                name: cols[2].to_string(),
                country: cols[3].to_string(),
                region: cols[4].to_string(),
                population: cols[5].parse().unwrap_or(0),
            };
            let aliases: Vec<&str> = cols[6]
                .split('|')
                .filter(|a| !a.is_empty() && kind == PlaceKind::City)
                .collect();
            g.add(place, &aliases);
        }
        for (code, name) in UK_NATIONS {
            let place = Place {
                id: format!("region:GB.{code}"),
                kind: PlaceKind::Region,
                name: name.to_string(),
                country: "GB".into(),
                region: code.to_string(),
                population: 0,
            };
            g.add(place, &[]);
        }
        for (variant, target) in VARIANTS {
            let index = match target.split_once('-') {
                Some((iso, region)) => g
                    .regions
                    .get(&(iso.to_string(), region.to_string()))
                    .copied(),
                None => g.countries.get(*target).copied(),
            };
            if let Some(i) = index {
                let list = g.by_name.entry(variant.to_string()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        g
    }

    fn add(&mut self, place: Place, aliases: &[&str]) {
        let index = self.places.len() as u32;
        match place.kind {
            PlaceKind::Country => {
                self.countries.insert(place.country.clone(), index);
            }
            PlaceKind::Region => {
                self.regions
                    .insert((place.country.clone(), place.region.clone()), index);
            }
            _ => {}
        }
        for name in std::iter::once(place.name.as_str()).chain(aliases.iter().copied()) {
            let key = fold_key(name);
            if key.is_empty() {
                continue;
            }
            let list = self.by_name.entry(key).or_default();
            if !list.contains(&index) {
                list.push(index);
            }
        }
        self.places.push(place);
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    fn country_name(&self, iso: &str) -> Option<String> {
        self.countries
            .get(iso)
            .map(|&i| self.places[i as usize].name.clone())
    }

    fn region_name(&self, place: &Place) -> Option<String> {
        match place.kind {
            PlaceKind::Region => Some(place.name.clone()),
            PlaceKind::City => self
                .regions
                .get(&(place.country.clone(), place.region.clone()))
                .map(|&i| self.places[i as usize].name.clone()),
            _ => None,
        }
    }

    fn resolved(&self, index: u32) -> Resolved {
        let p = &self.places[index as usize];
        Resolved {
            id: p.id.clone(),
            name: p.name.clone(),
            country: if p.kind == PlaceKind::Continent {
                None
            } else {
                self.country_name(&p.country)
            },
            region: self.region_name(p),
        }
    }

    /// Candidate places for a name. An acronym ("UN") matches only places spelled that way
    /// or listed as variants ("US"), never a town that happens to be called "Un".
    fn candidates(&self, name: &str) -> Vec<u32> {
        let list = self
            .by_name
            .get(&fold_key(name))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let letters: String = name.chars().filter(|c| c.is_alphabetic()).collect();
        let acronym =
            (2..=4).contains(&letters.chars().count()) && letters.chars().all(char::is_uppercase);
        if !acronym {
            return list.to_vec();
        }
        list.iter()
            .copied()
            .filter(|&i| {
                let p = &self.places[i as usize];
                p.kind != PlaceKind::City
                    || p.name
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .all(char::is_uppercase)
            })
            .collect()
    }

    /// How plausible a candidate is before context: countries and states first, then
    /// cities by population.
    fn prior(&self, index: u32) -> f64 {
        let p = &self.places[index as usize];
        match p.kind {
            PlaceKind::Country => 4.0,
            PlaceKind::Continent => 3.5,
            PlaceKind::Region => 3.0,
            PlaceKind::City => (p.population.max(1) as f64).log10() / 2.0,
        }
    }

    /// Resolve an article's place names together: unambiguous names and the dateline set
    /// the context (which countries the story is about), then each name takes the candidate
    /// with the best prior plus a bonus when its country is in that context. Returns one
    /// entry per input name (`None`: not in the gazetteer).
    pub fn resolve_all(&self, names: &[&str], dateline: Option<&str>) -> Vec<Option<Resolved>> {
        let mut context: HashMap<String, f64> = HashMap::new();
        let mut note = |iso: &str, weight: f64| {
            if !iso.is_empty() {
                *context.entry(iso.to_string()).or_default() += weight;
            }
        };
        let dateline_place = dateline.and_then(|d| self.best(&self.candidates(d), &HashMap::new()));
        if let Some(i) = dateline_place {
            note(&self.places[i as usize].country, 2.0);
        }
        let candidates: Vec<Vec<u32>> = names.iter().map(|name| self.candidates(name)).collect();
        for c in &candidates {
            if c.len() == 1 {
                note(&self.places[c[0] as usize].country, 1.0);
            } else if let Some(&country) = c
                .iter()
                .find(|&&i| self.places[i as usize].kind == PlaceKind::Country)
            {
                note(&self.places[country as usize].country, 0.5);
            }
        }
        candidates
            .iter()
            .map(|c| self.best(c, &context).map(|i| self.resolved(i)))
            .collect()
    }

    fn best(&self, candidates: &[u32], context: &HashMap<String, f64>) -> Option<u32> {
        candidates.iter().copied().max_by(|&a, &b| {
            let score = |i: u32| {
                let p = &self.places[i as usize];
                let in_context = context.get(&p.country).copied().unwrap_or(0.0);
                // A country "in context" only because it was named counts once, not as
                // support for itself over a same-named state elsewhere.
                let support = if p.kind == PlaceKind::Country {
                    (in_context - 0.5).max(0.0)
                } else {
                    in_context
                };
                self.prior(i) + 2.0 * support.min(2.0)
            };
            score(a).total_cmp(&score(b)).then(b.cmp(&a))
        })
    }

    /// The canonical name of the country or first-level region a user's filter value
    /// names, if it names one: "USA" -> "United States", "Britain" -> "United Kingdom".
    /// Other places (cities) have no single meaning and get `None`.
    pub fn country_or_region(&self, value: &str) -> Option<String> {
        match self.best(&self.candidates(value), &HashMap::new()) {
            Some(i)
                if matches!(
                    self.places[i as usize].kind,
                    PlaceKind::Country | PlaceKind::Region
                ) =>
            {
                Some(self.places[i as usize].name.clone())
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> &'static Gazetteer {
        Gazetteer::embedded()
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
        assert_eq!(g().country_or_region("USA").unwrap(), "United States");
        assert_eq!(
            Gazetteer::without_cities()
                .country_or_region("Britain")
                .unwrap(),
            "United Kingdom"
        );
        assert_eq!(
            Gazetteer::without_cities()
                .country_or_region("Scotland")
                .unwrap(),
            "Scotland"
        );
        assert_eq!(g().country_or_region("Vladivostok"), None);
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
    fn unknown_places_are_none() {
        assert_eq!(one("Narnia Heights", &[], None), None);
    }
}
