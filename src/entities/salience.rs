//! Salience: how central each entity is to its article, 0-100.
//!
//! Owns the score: named in the headline (50), in the lead paragraph (25), the dateline's
//! place (30), and the entity's mentions relative to the article's most mentioned entity
//! (up to 35; nothing when no entity is mentioned twice), capped at 100. So a headline
//! entity is central, and so is a lead entity mentioned about as often as any. An entity scoring `CENTRAL` or more is what
//! the article is about (`search --about`). It must not find or type entities: it scores
//! the ones the pipeline resolved.

use std::cell::OnceCell;

use super::normalize::is_part_of;
use super::{Mention, fold_key, places};
use crate::article::{Entity, EntityKind};

/// The score from which an entity counts as what its article is about.
pub const CENTRAL: u8 = 50;

/// How far into the body the lead reaches when its first paragraph is longer.
const LEAD_BYTES: usize = 400;

/// A mention in the headline or lead: its folded text, and the gazetteer place it
/// resolves to, looked up once when a place entity first asks.
struct Spot {
    key: String,
    place: OnceCell<Option<String>>,
}

impl Spot {
    fn new(text: &str) -> Spot {
        Spot {
            key: fold_key(text),
            place: OnceCell::new(),
        }
    }

    fn place_id(&self) -> Option<&str> {
        self.place
            .get_or_init(|| {
                places::Gazetteer::embedded()
                    .resolve_all(&[&self.key], None)
                    .remove(0)
                    .map(|p| p.id)
            })
            .as_deref()
    }
}

/// The mentions that the headline and the lead hold.
pub struct Spots {
    headline: Vec<Spot>,
    lead: Vec<Spot>,
}

impl Spots {
    /// Which of `mentions` (in document order: headline, captions, body) fall in the
    /// headline and in the body's lead: each is looked for after the previous one.
    pub fn find(mentions: &[Mention], headline: &str, body: &str) -> Spots {
        let lead_end = body
            .find("\n\n")
            .unwrap_or(body.len())
            .min(floor_char_boundary(body, LEAD_BYTES));
        let lead = &body[..lead_end];
        let mut spots = Spots {
            headline: Vec::new(),
            lead: Vec::new(),
        };
        let mut rest = mentions.iter().peekable();
        let mut at = 0;
        while let Some(m) = rest.peek() {
            match headline[at..].find(m.text.as_str()) {
                Some(i) => {
                    at += i + m.text.len();
                    spots.headline.push(Spot::new(&m.text));
                    rest.next();
                }
                None => break,
            }
        }
        // Every later mention found in the lead, in order, is a lead mention (the
        // captions' mentions come in between and are simply not found there).
        let mut at = 0;
        for m in rest {
            if let Some(i) = lead[at..].find(m.text.as_str()) {
                at += i + m.text.len();
                spots.lead.push(Spot::new(&m.text));
            }
        }
        spots
    }
}

fn floor_char_boundary(s: &str, mut at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Does a mention name `entity` (of `kind`, folded name `key`)? The same key; a person's
/// or organisation's key that starts or ends its name ("Putin", "Vladimir Putin"); a
/// place the gazetteer resolves to the same place ("US", "United States").
fn names(spot: &Spot, entity: &Entity, key: &str, kind: EntityKind) -> bool {
    if spot.key == key {
        return true;
    }
    match kind {
        EntityKind::Place => entity.id.is_some() && spot.place_id() == entity.id.as_deref(),
        _ => {
            let short: Vec<&str> = spot.key.split(' ').collect();
            let long: Vec<&str> = key.split(' ').collect();
            is_part_of(&short, &long)
        }
    }
}

/// Score every entity of an article.
pub fn score(spots: &Spots, kinds: [(&mut Vec<Entity>, EntityKind); 3], dateline_id: Option<&str>) {
    let most = kinds
        .iter()
        .flat_map(|(list, _)| list.iter().map(|e| e.count))
        .max()
        .unwrap_or(1)
        .max(1);
    for (list, kind) in kinds {
        for e in list.iter_mut() {
            let key = fold_key(&e.name);
            // By its name, or by a short form the article gave it ("Reds" of Liverpool).
            let short: Vec<String> = e.short_forms.iter().map(|f| fold_key(f)).collect();
            let named_in = |spots: &[Spot]| {
                spots
                    .iter()
                    .any(|spot| names(spot, e, &key, kind) || short.contains(&spot.key))
            };
            let mut s = if most >= 2 {
                35 * e.count.min(most) / most
            } else {
                0
            };
            if named_in(&spots.headline) {
                s += 50;
            }
            if named_in(&spots.lead) {
                s += 25;
            }
            if kind == EntityKind::Place && dateline_id.is_some() && e.id.as_deref() == dateline_id
            {
                s += 30;
            }
            e.salience = s.min(100) as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_lead_dateline_and_mentions_make_an_entity_central() {
        use EntityKind::*;
        let mentions = [
            Mention::new("Putin", Person),
            Mention::new("Vladimir Putin", Person),
            Mention::new("US", Place),
            Mention::new("Putin", Person),
            Mention::new("Biden", Person),
        ];
        let spots = Spots::find(
            &mentions,
            "Putin hosts summit",
            "Vladimir Putin told the US on Monday.\n\nPutin added more. Biden was elsewhere.",
        );
        let mut persons = vec![Entity::new("Vladimir Putin", 3), Entity::new("Biden", 1)];
        let mut places = vec![Entity {
            name: "United States".into(),
            count: 1,
            id: Some("country:US".into()),
            ..Entity::default()
        }];
        let mut orgs = vec![];
        score(
            &spots,
            [
                (&mut persons, Person),
                (&mut places, Place),
                (&mut orgs, Org),
            ],
            None,
        );
        assert_eq!(persons[0].salience, 100, "headline, lead, most mentioned");
        assert!(persons[1].salience < CENTRAL, "{}", persons[1].salience);
        // Named in the lead as "US" (25) and once of the three mentions Putin has (11):
        // mentioned, not central.
        assert_eq!(places[0].salience, 36);
        assert!(places[0].salience < CENTRAL);
    }

    #[test]
    fn a_short_form_in_the_headline_names_its_entity() {
        use EntityKind::*;
        let mentions = [Mention::new("Reds", Org), Mention::new("Liverpool", Org)];
        let spots = Spots::find(&mentions, "Reds sink Magpies", "Liverpool won.");
        let mut orgs = vec![Entity {
            short_forms: vec!["Reds".into()],
            ..Entity::new("Liverpool", 2)
        }];
        let scored = |orgs: &mut Vec<Entity>| {
            score(
                &spots,
                [(&mut vec![], Person), (&mut vec![], Place), (orgs, Org)],
                None,
            );
            orgs[0].salience
        };
        // Headline (50) by its short form, lead (25), the most mentioned (35).
        assert_eq!(scored(&mut orgs), 100);
        orgs[0].short_forms.clear();
        assert_eq!(scored(&mut orgs), 60);
    }
}
