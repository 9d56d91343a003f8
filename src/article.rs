//! The `Article`: the one record every stage agrees on.
//!
//! Ingest produces it, the entity stage fills `persons`/`places`/`orgs`, the index stores it,
//! and `show`/`extract` print it. It owns no behaviour beyond (de)serialisation.

use serde::{Deserialize, Serialize};

/// A named entity as stored for one article: its display name, how often it was mentioned
/// and how central it is; places found in the gazetteer also carry their id, country and
/// region.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    pub count: u32,
    /// Gazetteer id of a resolved place ("city:2013348").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Country of a resolved place ("Russia").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// First-level region of a resolved place, when known ("Scotland", "Georgia").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// How central the entity is to its article, 0-100 (`entities::salience`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub salience: u8,
    /// The article's own words type it ("the band Franz Ferdinand"): indexed so the
    /// archive-wide type vote keeps this type (`index::canonical::retyped`); not stored.
    #[serde(default, skip_serializing_if = "is_false")]
    pub cued: bool,
    /// Other names the article defines for it: short forms in brackets after the name
    /// ("INE" of "National Electoral Institute (INE)"), a person's real name after a stage
    /// name ("Calvin Broadus" of "Snoop Dogg - real name Calvin Broadus"). Indexed with
    /// the name's words, so a filter typed as the other name finds the article; never
    /// listed or counted as names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub short_forms: Vec<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

impl Entity {
    pub fn new(name: impl Into<String>, count: u32) -> Entity {
        Entity {
            name: name.into(),
            count,
            ..Entity::default()
        }
    }

    /// Add `entity` to `list`: into the entry with its name if there is one (mentions add
    /// up, the higher salience stays), else as a new entry.
    pub fn add_to(list: &mut Vec<Entity>, entity: Entity) {
        match list.iter_mut().find(|e| e.name == entity.name) {
            Some(e) => {
                e.count += entity.count;
                e.salience = e.salience.max(entity.salience);
                e.cued |= entity.cued;
                for short in entity.short_forms {
                    if !e.short_forms.contains(&short) {
                        e.short_forms.push(short);
                    }
                }
            }
            None => list.push(entity),
        }
    }
}

/// The kinds of entity newsdex indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Org,
}

impl EntityKind {
    pub const ALL: [EntityKind; 3] = [EntityKind::Person, EntityKind::Place, EntityKind::Org];

    /// The name used for the index field and the query prefix (`person:`).
    pub fn field_name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Org => "org",
        }
    }

    /// The kind's position in `ALL`, for tables indexed by kind.
    pub fn index(self) -> usize {
        match self {
            EntityKind::Person => 0,
            EntityKind::Place => 1,
            EntityKind::Org => 2,
        }
    }
}

/// One news article, as parsed from a file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier: the source's own `id` when it has one, else derived from the path.
    pub id: String,
    /// The file the article came from (absolute when it came through `index`).
    pub path: String,
    pub headline: String,
    /// Authors, one name each.
    pub byline: Vec<String>,
    /// Publication date as RFC 3339 at the offset the source wrote it with
    /// (`2023-09-14T01:30:00+09:00`; `Z` when it gave none), when known.
    pub date: Option<String>,
    /// Where the story was filed from ("Singapore"), when the source says so.
    pub dateline: Option<String>,
    pub url: Option<String>,
    pub captions: Vec<String>,
    /// Paragraphs separated by blank lines.
    pub body: String,
    pub persons: Vec<Entity>,
    pub places: Vec<Entity>,
    pub orgs: Vec<Entity>,
    /// The dateline resolved in the gazetteer; also counted among `places`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline_place: Option<Entity>,
    /// Countries the text names by adjective or demonym ("Canadian dollar" -> Canada) or
    /// inside an organisation's name ("Bank of Canada"), with how often: the article is
    /// about them for place filters, but they are not place mentions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<Entity>,
    /// A mixed-case place that opens the lead before a dash ("Johannesburg - Power utility
    /// ..."), when nothing else gave a dateline: the entity stage makes it the dateline if
    /// the gazetteer knows the place. Not part of the JSON output.
    #[serde(skip)]
    pub unmarked_dateline: Option<String>,
    /// Which tagger found the entities (none when the article was not tagged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tagger: Option<crate::entities::Tier>,
}

impl Article {
    pub fn entities(&self, kind: EntityKind) -> &[Entity] {
        match kind {
            EntityKind::Person => &self.persons,
            EntityKind::Place => &self.places,
            EntityKind::Org => &self.orgs,
        }
    }

    pub fn entities_mut(&mut self, kind: EntityKind) -> &mut Vec<Entity> {
        match kind {
            EntityKind::Person => &mut self.persons,
            EntityKind::Place => &mut self.places,
            EntityKind::Org => &mut self.orgs,
        }
    }
}
