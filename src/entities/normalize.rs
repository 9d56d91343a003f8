//! Normalisation and in-article linking of entity mentions.
//!
//! Owns turning raw mentions into the entity list an article stores: titles and honorifics
//! stripped from people ("Defence Minister Sergei Shoigu" -> "Sergei Shoigu"), possessives
//! stripped ("Kim's"), a leading "the" dropped from organisations and places, short mentions
//! linked to the fullest name in the same article ("Mr Kim" -> "Kim Jong Un", "Putin" ->
//! "Vladimir Putin"), acronyms linked to their expansion ("NSC" -> "National Security
//! Council"), and counting. It must not decide what is an entity; taggers do that.

use std::collections::HashMap;

use super::{Mention, fold_key};
use crate::article::{Entity, EntityKind};

/// Words that are titles, ranks or roles when they precede a person's name.
const TITLE_WORDS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "prime",
    "minister",
    "defence",
    "defense",
    "foreign",
    "secretary",
    "chancellor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "general",
    "gen",
    "col",
    "colonel",
    "captain",
    "capt",
    "lt",
    "sgt",
    "senator",
    "sen",
    "rep",
    "representative",
    "judge",
    "justice",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "rev",
    "reverend",
    "professor",
    "prof",
    "chairman",
    "chairwoman",
    "chief",
    "executive",
    "ceo",
    "coach",
    "manager",
    "governor",
    "gov",
    "mayor",
    "ambassador",
    "envoy",
    "premier",
    "vice",
    "deputy",
    "state",
    "home",
    "finance",
    "health",
    "interior",
    "home",
    "shadow",
    "former",
    "ex",
    "late",
    "north",
    "korean",
    "russian",
    "american",
    "british",
    "us",
    "uk",
    "supreme",
    "commander",
    "officer",
    "st",
    "saint",
    "chairperson",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "director",
    "boss",
    "actor",
    "actress",
    "singer",
    "star",
    "author",
    "writer",
    "economist",
    "analyst",
];

/// Strip a possessive ending: "Kim's" / "Kim’s" / "Reuters'" -> "Kim" / "Reuters".
pub fn strip_possessive(name: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = name.strip_suffix(suffix) {
            return stem;
        }
    }
    name.strip_suffix(['\'', '’']).unwrap_or(name)
}

/// Clean one mention's surface text for its kind; `None` if nothing name-like remains.
pub fn clean_mention(text: &str, kind: EntityKind) -> Option<String> {
    let trimmed = text.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '&');
    let trimmed = trimmed.trim_end_matches('.').trim();
    let trimmed = strip_possessive(trimmed).trim();
    let mut words: Vec<&str> = trimmed.split_whitespace().collect();
    match kind {
        EntityKind::Person => {
            // Drop leading titles, but keep at least one word.
            while words.len() > 1 && is_title(words[0]) {
                words.remove(0);
            }
            // "Kim Jong Un, the leader" style trailing roles are left to taggers.
        }
        EntityKind::Org | EntityKind::Place => {
            if words.len() > 1 && words[0].eq_ignore_ascii_case("the") {
                words.remove(0);
            }
        }
    }
    let name = words.join(" ");
    let has_letter = name.chars().any(|c| c.is_alphabetic());
    (has_letter && name.chars().count() >= 2).then_some(name)
}

fn is_title(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    TITLE_WORDS.contains(&w.as_str())
}

/// Initials of the capitalised words of a name, skipping function words:
/// "Securities and Exchange Commission" -> "SEC".
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "of" | "and" | "the" | "for" | "&" | "de"
            )
        })
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

fn is_acronym(name: &str) -> bool {
    let letters: String = name.chars().filter(|c| *c != '.').collect();
    (2..=6).contains(&letters.chars().count()) && letters.chars().all(|c| c.is_ascii_uppercase())
}

/// Does `short` (as folded tokens) occur at the start or the end of `long`?
fn is_part_of(short: &[&str], long: &[&str]) -> bool {
    short.len() < long.len() && (long.starts_with(short) || long.ends_with(short))
}

/// Resolve mentions to one entity per real-world name, with mention counts, most mentioned
/// first. Names equal to a byline author are left out (the author stays in the byline).
pub fn resolve(mentions: &[Mention], byline: &[String]) -> Vec<(EntityKind, Entity)> {
    let authors: Vec<String> = byline.iter().map(|a| fold_key(a)).collect();
    // (kind, key) -> (display name, count, first position)
    let mut groups: HashMap<(EntityKind, String), (String, u32, usize)> = HashMap::new();
    for (pos, m) in mentions.iter().enumerate() {
        let Some(name) = clean_mention(&m.text, m.kind) else {
            continue;
        };
        let key = fold_key(&name);
        if key.is_empty() || (m.kind == EntityKind::Person && authors.contains(&key)) {
            continue;
        }
        let entry = groups
            .entry((m.kind, key))
            .or_insert_with(|| (name.clone(), 0, pos));
        entry.1 += 1;
    }

    // Link short forms to the fullest form of the same kind.
    let keys: Vec<(EntityKind, String)> = groups.keys().cloned().collect();
    let mut target: HashMap<(EntityKind, String), (EntityKind, String)> = HashMap::new();
    for (kind, key) in &keys {
        let short: Vec<&str> = key.split(' ').collect();
        let display = &groups[&(*kind, key.clone())].0;
        let mut best: Option<(&(EntityKind, String), u32)> = None;
        for other in &keys {
            if other.0 != *kind || other.1 == *key {
                continue;
            }
            let long: Vec<&str> = other.1.split(' ').collect();
            let linked = match kind {
                EntityKind::Person => is_part_of(&short, &long),
                EntityKind::Org => {
                    is_acronym(display) && initials(&groups[other].0) == display.replace('.', "")
                }
                EntityKind::Place => false,
            };
            if linked {
                let count = groups[other].1;
                // Prefer the longest form, then the most mentioned.
                let better = match best {
                    None => true,
                    Some((b, c)) => {
                        long.len() > b.1.split(' ').count()
                            || (long.len() == b.1.split(' ').count() && count > c)
                    }
                };
                if better {
                    best = Some((other, count));
                }
            }
        }
        if let Some((t, _)) = best {
            target.insert((*kind, key.clone()), t.clone());
        }
    }

    let mut merged: HashMap<(EntityKind, String), (String, u32, usize)> = HashMap::new();
    for (k, (display, count, pos)) in groups.iter() {
        // Follow links to the end (a chain "Kim" -> "Kim Jong" -> "Kim Jong Un").
        let mut root = k.clone();
        let mut hops = 0;
        while let Some(next) = target.get(&root) {
            root = next.clone();
            hops += 1;
            if hops > 8 {
                break;
            }
        }
        let root_display = groups[&root].0.clone();
        let entry = merged.entry(root).or_insert((root_display, 0, *pos));
        entry.1 += count;
        entry.2 = entry.2.min(*pos);
        let _ = display;
    }
    let mut out: Vec<(EntityKind, String, u32, usize)> = merged
        .into_iter()
        .map(|((kind, _), (name, count, pos))| (kind, name, count, pos))
        .collect();
    out.sort_by(|a, b| b.2.cmp(&a.2).then(a.3.cmp(&b.3)));
    out.into_iter()
        .map(|(kind, name, count, _)| (kind, Entity { name, count }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, kind: EntityKind) -> Mention {
        Mention {
            text: text.into(),
            kind,
        }
    }

    #[test]
    fn titles_and_possessives_are_stripped() {
        assert_eq!(
            clean_mention("Defence Minister Sergei Shoigu", EntityKind::Person).unwrap(),
            "Sergei Shoigu"
        );
        assert_eq!(
            clean_mention("Mr Kim’s", EntityKind::Person).unwrap(),
            "Kim"
        );
        assert_eq!(
            clean_mention("the Kremlin", EntityKind::Org).unwrap(),
            "Kremlin"
        );
        assert_eq!(
            clean_mention("North Korea’s", EntityKind::Place).unwrap(),
            "North Korea"
        );
        assert_eq!(clean_mention("’", EntityKind::Place), None);
    }

    #[test]
    fn short_mentions_link_to_full_names() {
        use EntityKind::*;
        let mentions = vec![
            m("Kim Jong Un", Person),
            m("Mr Kim", Person),
            m("President Vladimir Putin", Person),
            m("Mr Putin", Person),
            m("Shoigu", Person),
            m("Sergei Shoigu", Person),
            m("National Security Council", Org),
            m("NSC", Org),
            m("Derek Cai", Person),
        ];
        let resolved = resolve(&mentions, &["Derek Cai".to_string()]);
        let names: Vec<(&str, u32)> = resolved
            .iter()
            .map(|(_, e)| (e.name.as_str(), e.count))
            .collect();
        assert!(names.contains(&("Kim Jong Un", 2)), "{names:?}");
        assert!(names.contains(&("Vladimir Putin", 2)), "{names:?}");
        assert!(names.contains(&("Sergei Shoigu", 2)), "{names:?}");
        assert!(
            names.contains(&("National Security Council", 2)),
            "{names:?}"
        );
        assert!(!names.iter().any(|(n, _)| *n == "Derek Cai"));
        assert_eq!(names.len(), 4);
    }

    #[test]
    fn different_people_sharing_a_surname_stay_apart_when_both_full() {
        use EntityKind::*;
        let resolved = resolve(&[m("James Baker", Person), m("Kenneth Baker", Person)], &[]);
        assert_eq!(resolved.len(), 2);
    }
}
