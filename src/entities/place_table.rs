//! The compiled gazetteer: its byte layout, and the builder that turns `places.tsv` into it.
//!
//! build.rs runs `build` over `data/places.tsv.gz` and the binary embeds the result, so a
//! run finds the gazetteer ready to read in place: parsing the 34k lines and hashing their
//! 124k folded names at start-up took about 50 ms of every `newsdex index`. `places` reads
//! the table; this module writes it. It must use nothing of the crate but `fold_key`
//! (reached as `super::fold_key`, which build.rs provides too) and must not print.
//!
//! Layout, every integer a little-endian u32:
//! - `MAGIC`, then `HEADER_WORDS` words: place count, key count, slot count, the byte
//!   offsets of the places, keys, slots, lists and strings sections, and the table's length;
//! - places: `PLACE_WORDS` words each: id, name, country code, country name, region name
//!   (strings; `NONE` when absent), kind (`KIND_*`), population low and high words;
//! - keys, sorted by folded name, plus one end marker: the key's string and where its
//!   list starts in the lists section (it ends where the next key's starts);
//! - slots, a power of two, open addressing by xxh3 of the folded name with linear
//!   probing: 0 for empty, else the key's number plus one;
//! - lists: place numbers, in the order the data names them;
//! - strings: each a u16 byte length and the UTF-8 bytes, every distinct string once.

use std::collections::HashMap;

use super::fold_key;

pub const MAGIC: &[u8; 8] = b"NXGAZ\0\0\x01";
pub const HEADER_WORDS: usize = 9;
pub const PLACE_WORDS: usize = 8;
/// A string field that is absent (a continent has no country name).
pub const NONE: u32 = u32::MAX;

pub const KIND_CONTINENT: u32 = 0;
pub const KIND_COUNTRY: u32 = 1;
pub const KIND_REGION: u32 = 2;
pub const KIND_CITY: u32 = 3;

/// Letters of scholarly transliteration (macrons, dots below, ayn and hamza marks) that
/// GeoNames writes in some names ("Khān Yūnis", "Rafaḩ", "Jumayrā") and English news never
/// does; ordinary accents ("São Paulo", "Zürich") are kept.
const TRANSLITERATION_MARKS: &str = "ĀāĒēĪīŌōŪūȲȳḤḥḨḩṢṣṬṭẒẓḌḍẔẕẖḐḑṆṇṄṅṚṛṂṃḶḷʻʼʾʿ";

/// A place's name as newsdex shows it: without transliteration marks ("Khan Yunis").
pub fn display_name(name: &str) -> String {
    if name.chars().any(|c| TRANSLITERATION_MARKS.contains(c)) {
        deunicode::deunicode(name)
    } else {
        name.to_string()
    }
}

/// GeoNames names that English news writes otherwise, as (GeoNames, news): a story about
/// "New York" lists New York, not "New York City". The GeoNames name stays an alias.
const NEWS_NAMES: &[(&str, &str)] = &[
    ("New York City", "New York"),
    ("Frankfurt am Main", "Frankfurt"),
];

/// The slot of a folded name in a table of `slot_count` (a power of two) slots.
pub fn home_slot(key: &str, slot_count: u32) -> u32 {
    (xxhash_rust::xxh3::xxh3_64(key.as_bytes()) as u32) & (slot_count - 1)
}

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
    ("democratic republic of congo", "CD"),
    ("congo kinshasa", "CD"),
    ("republic of congo", "CG"),
    ("congo brazzaville", "CG"),
    ("uae", "AE"),
    ("turkiye", "TR"),
    ("palestine", "PS"),
    ("palestinian territories", "PS"),
    ("vatican", "VA"),
    ("east timor", "TL"),
    ("cape verde", "CV"),
    ("the gambia", "GM"),
    ("bahamas", "BS"),
    // Former names, for archives of their time, mapped to the state that holds the most
    // of the old one's territory or its seat (the Soviet Union's to Russia, Yugoslavia's
    // to Serbia, Czechoslovakia's to the Czech Republic).
    ("soviet union", "RU"),
    ("ussr", "RU"),
    ("u s s r", "RU"),
    ("west germany", "DE"),
    ("east germany", "DE"),
    ("federal republic of germany", "DE"),
    ("zaire", "CD"),
    ("ceylon", "LK"),
    ("kampuchea", "KH"),
    ("upper volta", "BF"),
    ("dahomey", "BJ"),
    ("rhodesia", "ZW"),
    ("siam", "TH"),
    ("persia", "IR"),
    ("yugoslavia", "RS"),
    ("czechoslovakia", "CZ"),
    // Wire headlines' short forms ("W. GERMAN BANKS", "S. AFRICA GOLD OUTPUT").
    ("w germany", "DE"),
    ("e germany", "DE"),
    ("s africa", "ZA"),
    // The abbreviations of US states and Canadian provinces that wire datelines write
    // after a town ("WALTHAM, Mass., March 3 -"; AP style), folded; not Louisiana's "La." ("LA" is Los Angeles) or Manitoba's "Man.".
    ("ala", "US-AL"),
    ("ariz", "US-AZ"),
    ("ark", "US-AR"),
    ("calif", "US-CA"),
    ("colo", "US-CO"),
    ("conn", "US-CT"),
    ("del", "US-DE"),
    ("fla", "US-FL"),
    ("ga", "US-GA"),
    ("ill", "US-IL"),
    ("ind", "US-IN"),
    ("kan", "US-KS"),
    ("ky", "US-KY"),
    ("md", "US-MD"),
    ("mass", "US-MA"),
    ("mich", "US-MI"),
    ("minn", "US-MN"),
    ("miss", "US-MS"),
    ("mo", "US-MO"),
    ("mont", "US-MT"),
    ("neb", "US-NE"),
    ("nev", "US-NV"),
    ("n h", "US-NH"),
    ("n j", "US-NJ"),
    ("n m", "US-NM"),
    ("n y", "US-NY"),
    ("n c", "US-NC"),
    ("n d", "US-ND"),
    ("okla", "US-OK"),
    ("ore", "US-OR"),
    ("pa", "US-PA"),
    ("r i", "US-RI"),
    ("s c", "US-SC"),
    ("s d", "US-SD"),
    ("tenn", "US-TN"),
    ("tex", "US-TX"),
    ("vt", "US-VT"),
    ("va", "US-VA"),
    ("wash", "US-WA"),
    ("w va", "US-WV"),
    ("wis", "US-WI"),
    ("wyo", "US-WY"),
    ("d c", "US-DC"),
    ("ont", "CA-~ontario"),
    ("que", "CA-~quebec"),
    ("alta", "CA-~alberta"),
    ("b c", "CA-~britishcolumbia"),
    ("sask", "CA-~saskatchewan"),
    ("n s", "CA-~novascotia"),
    ("n b", "CA-~newbrunswick"),
    ("nfld", "CA-~newfoundland"),
    ("p e i", "CA-~princeedwardisland"),
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

struct Row {
    id: String,
    kind: u32,
    name: String,
    country: String,
    region: String,
    population: u64,
}

fn parse_kind(s: &str) -> Option<u32> {
    Some(match s {
        "continent" => KIND_CONTINENT,
        "country" => KIND_COUNTRY,
        "region" => KIND_REGION,
        "city" => KIND_CITY,
        _ => return None,
    })
}

/// The places and name lists of `places.tsv` text (columns: see tools/build_data.py), the
/// UK nations and the hand-written variants, before layout.
#[derive(Default)]
struct Places {
    rows: Vec<Row>,
    by_name: HashMap<String, Vec<u32>>,
    countries: HashMap<String, u32>,
    regions: HashMap<(String, String), u32>,
}

impl Places {
    fn add(&mut self, row: Row, aliases: &[&str]) {
        let index = self.rows.len() as u32;
        match row.kind {
            KIND_COUNTRY => {
                self.countries.insert(row.country.clone(), index);
            }
            KIND_REGION => {
                self.regions
                    .insert((row.country.clone(), row.region.clone()), index);
            }
            _ => {}
        }
        for name in std::iter::once(row.name.as_str()).chain(aliases.iter().copied()) {
            self.name(fold_key(name), index);
        }
        self.rows.push(row);
    }

    fn name(&mut self, key: String, index: u32) {
        if key.is_empty() {
            return;
        }
        let list = self.by_name.entry(key).or_default();
        if !list.contains(&index) {
            list.push(index);
        }
    }

    fn parse(text: &str) -> Places {
        let mut places = Places::default();
        for line in text.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 7 {
                continue;
            }
            let Some(kind) = parse_kind(cols[1]) else {
                continue;
            };
            let news_name = NEWS_NAMES.iter().find(|(geonames, _)| *geonames == cols[2]);
            let row = Row {
                id: cols[0].to_string(),
                kind,
                name: news_name.map_or_else(|| display_name(cols[2]), |(_, news)| news.to_string()),
                country: cols[3].to_string(),
                region: cols[4].to_string(),
                population: cols[5].parse().unwrap_or(0),
            };
            let aliases: Vec<&str> = cols[6]
                .split('|')
                .chain(news_name.map(|(geonames, _)| *geonames))
                // Countries' aliases are ISO codes ("COD"); regions' are their names in
                // ASCII and with their kind ("Baringo County", tools/build_data.py).
                .filter(|a| !a.is_empty() && (kind == KIND_CITY || kind == KIND_REGION))
                .collect();
            places.add(row, &aliases);
        }
        for (code, name) in UK_NATIONS {
            let row = Row {
                id: format!("region:GB.{code}"),
                kind: KIND_REGION,
                name: name.to_string(),
                country: "GB".into(),
                region: code.to_string(),
                population: 0,
            };
            places.add(row, &[]);
        }
        for (variant, target) in VARIANTS {
            let index = match target.split_once('-') {
                Some((iso, region)) => places
                    .regions
                    .get(&(iso.to_string(), region.to_string()))
                    .copied(),
                None => places.countries.get(*target).copied(),
            };
            if let Some(i) = index {
                places.name(variant.to_string(), i);
            }
        }
        places
    }

    /// The name of the country a place is in (a country's own; none for continents).
    fn country_name(&self, row: &Row) -> Option<&str> {
        if row.kind == KIND_CONTINENT {
            return None;
        }
        let &i = self.countries.get(&row.country)?;
        Some(&self.rows[i as usize].name)
    }

    /// The name of a place's first-level region (a region's own; cities' when known).
    fn region_name<'a>(&'a self, row: &'a Row) -> Option<&'a str> {
        match row.kind {
            KIND_REGION => Some(&row.name),
            KIND_CITY => {
                let key = (row.country.clone(), row.region.clone());
                let &i = self.regions.get(&key)?;
                Some(&self.rows[i as usize].name)
            }
            _ => None,
        }
    }
}

/// Strings, each stored once.
#[derive(Default)]
struct Strings {
    bytes: Vec<u8>,
    at: HashMap<String, u32>,
}

impl Strings {
    fn add(&mut self, s: &str) -> u32 {
        if let Some(&at) = self.at.get(s) {
            return at;
        }
        let at = self.bytes.len() as u32;
        let len = u16::try_from(s.len())
            .expect("gazetteer strings are names and codes, far shorter than 64 KiB");
        self.bytes.extend_from_slice(&len.to_le_bytes());
        self.bytes.extend_from_slice(s.as_bytes());
        self.at.insert(s.to_string(), at);
        at
    }

    fn add_opt(&mut self, s: Option<&str>) -> u32 {
        s.map_or(NONE, |s| self.add(s))
    }
}

/// The table for `places.tsv` text: deterministic (the same text gives the same bytes).
pub fn build(text: &str) -> Vec<u8> {
    let places = Places::parse(text);
    let mut strings = Strings::default();
    let mut place_words: Vec<u32> = Vec::with_capacity(places.rows.len() * PLACE_WORDS);
    for row in &places.rows {
        place_words.extend([
            strings.add(&row.id),
            strings.add(&row.name),
            strings.add(&row.country),
            strings.add_opt(places.country_name(row)),
            strings.add_opt(places.region_name(row)),
            row.kind,
            row.population as u32,
            (row.population >> 32) as u32,
        ]);
    }
    let mut keys: Vec<(&String, &Vec<u32>)> = places.by_name.iter().collect();
    keys.sort();
    let mut key_words: Vec<u32> = Vec::with_capacity((keys.len() + 1) * 2);
    let mut lists: Vec<u32> = Vec::new();
    for (key, list) in &keys {
        key_words.extend([strings.add(key), lists.len() as u32]);
        lists.extend_from_slice(list);
    }
    key_words.extend([NONE, lists.len() as u32]);
    // At most half full, so probes stay short.
    let slot_count = (keys.len() as u32 * 2).next_power_of_two().max(2);
    let mut slots = vec![0u32; slot_count as usize];
    for (number, (key, _)) in keys.iter().enumerate() {
        let mut slot = home_slot(key, slot_count);
        while slots[slot as usize] != 0 {
            slot = (slot + 1) & (slot_count - 1);
        }
        slots[slot as usize] = number as u32 + 1;
    }

    let sections: [&[u32]; 4] = [&place_words, &key_words, &slots, &lists];
    let mut offset = (MAGIC.len() + HEADER_WORDS * 4) as u32;
    let mut offsets = Vec::with_capacity(6);
    for words in sections {
        offsets.push(offset);
        offset += words.len() as u32 * 4;
    }
    offsets.push(offset);
    offsets.push(offset + strings.bytes.len() as u32);
    let mut out = Vec::with_capacity(offset as usize + strings.bytes.len());
    out.extend_from_slice(MAGIC);
    let header = [places.rows.len() as u32, keys.len() as u32, slot_count];
    for word in header.iter().chain(&offsets) {
        out.extend_from_slice(&word.to_le_bytes());
    }
    for words in sections {
        for word in words {
            out.extend_from_slice(&word.to_le_bytes());
        }
    }
    out.extend_from_slice(&strings.bytes);
    out
}
