//! Nationality words and place-derived modifiers that a tagger typed as names: "Kenyans"
//! or "Tuvaluan" read as a person, "Cairo-based" as a place, "Abu Dhabi-listed" as a
//! person. The CoNLL-2003 guidelines type them MISC (in its training data a lone
//! nationality word is MISC 1,707 times out of 1,718).
//!
//! Religions and their members ("Baptist", "Sunnis"), peoples ("Hutu", "Yolngu", "Torres
//! Strait Islander"), languages ("Setswana") and holidays ("Ramadan", "Diwali", "Eid
//! al-Adha") are MISC too, and so are laws and agreements a tagger read as organisations
//! ("Freedom of Information Act", "Paris Agreement", "Crossrail Link Bill": CoNLL-2003
//! types every "... Act" and "... Agreement" MISC). Generation
//! names ("Gen Z", "Millennials") are no entity at all: a person, place or organisation
//! span of them only is dropped.
//!
//! Owns that retyping, per sentence, after decoding; both taggers run it after
//! `name_joins::join` and before `name_joins::family_names`, so that a family name spelt
//! like a nationality ("Dawn French" ... "French said") is a person again. It must not
//! create, cut or join spans: only the type of a whole one-word nationality, religion,
//! people or language span (or "Torres Strait Islander", an iwi: "Ngāti Maru", or a
//! language of several words from `data/languages.txt`: "Tok Pisin"), of a
//! span ending in such a modifier, of a holiday, of "Te Tiriti (o Waitangi)" or of an
//! organisation span ending in "Act", "Agreement", "Accord" or "Bill" changes (or takes
//! in the "Bill" or "Act" right after it: "the [Road Safety Commission]ORG Bill"), and a generation
//! name's span goes; so does "First Nation(s)" as a count noun, leaving a province before
//! it its place ("a [Manitoba]LOC First Nation"), and "Traditional Owners" or "Elders"
//! after a one-word name, which is the people, MISC ("Banjima Traditional Owners").

use super::demonyms::is_demonym;
use super::perceptron::{LOC, MISC, ORG, PER, each_sentence, tag_spans, write_span};
use super::word_list::WordList;

/// Nationality words that also name a country on their own ("Czech" for the Czech
/// Republic in CoNLL-2003's sport results; "Philippine" is a place there 3 times of 3
/// outside a name).
const ALSO_PLACES: &[&str] = &["Czech", "CZECH", "Philippine", "PHILIPPINE"];

/// A nationality word that CoNLL-2003 types MISC on its own ("Kenyan", not "Czech").
pub(crate) fn is_nationality(word: &str) -> bool {
    is_demonym(word) && !ALSO_PLACES.contains(&word)
}

/// Religions and their members, which CoNLL-2003 types MISC as it does nationalities ("the
/// deep south Baptist church", read as a person). Not "Christian" or "Jain", which are also
/// people's names.
static RELIGIONS: WordList = WordList::new(&[
    "Baptist",
    "Baptists",
    "Methodist",
    "Methodists",
    "Anglican",
    "Anglicans",
    "Catholic",
    "Catholics",
    "Protestant",
    "Protestants",
    "Evangelical",
    "Evangelicals",
    "Pentecostal",
    "Lutheran",
    "Lutherans",
    "Presbyterian",
    "Muslim",
    "Muslims",
    "Jewish",
    "Hindu",
    "Hindus",
    "Sikh",
    "Sikhs",
    "Buddhist",
    "Buddhists",
    "Sunni",
    "Sunnis",
    "Shia",
    "Shias",
    "Shiite",
    "Shiites",
    "Mormon",
    "Mormons",
    "Quaker",
    "Quakers",
    "Coptic",
    "Copts",
    "Salafist",
    "Wahhabi",
    "Ismaili",
    "Ahmadi",
    "Ahmadis",
    "Druze",
    "Alawite",
    "Alawites",
    "Yazidi",
    "Yazidis",
    "Zoroastrian",
]);

/// Peoples and ethnic groups that no nationality word in the demonym table spells, with
/// their plurals: CoNLL-2003 types them MISC like nationalities ("Hutu" 9 of 9, "Kurds" 12
/// of 12, "Bedouin" 3 of 3), and the English Worldwide Newswire set's NORP class (mapped to
/// MISC) holds them; the fast tier read many as places or organisations ("[Yolngu]LOC
/// elders", "[Cree]ORG children", "[Zulu]ORG leaders"). Hand-written for newsdex from
/// general knowledge, Africa, Asia, the Middle East, the Americas' and Oceania's Indigenous
/// peoples. Left out: names that are as often a place, a person, a company or a common
/// word ("Amhara", "Ashanti", "Maya", "Luo", "Han", "Karen", "Shan", "Kachin", "Roma",
/// "Apache", "Meru", "Turkana", "Samburu", "Afar", "Acholi", "Fur", "Ga", "Moro", "San",
/// "Venda", "Kisii", "Bugis", "Dakota"; "Guarani", a club too).
static PEOPLES: WordList = WordList::new(&[
    // Africa
    "Hutu",
    "Hutus",
    "Tutsi",
    "Tutsis",
    "Banyamulenge",
    "Baganda",
    "Zulu",
    "Zulus",
    "Xhosa",
    "Xhosas",
    "Basotho",
    "Batswana",
    "Tswana",
    "Swazi",
    "Swazis",
    "Ndebele",
    "Shona",
    "Tsonga",
    "Khoi",
    "Khoikhoi",
    "Khoisan",
    "Herero",
    "Himba",
    "Ovambo",
    "Nama",
    "Kikuyu",
    "Kikuyus",
    "Kalenjin",
    "Kalenjins",
    "Luhya",
    "Kamba",
    "Maasai",
    "Masai",
    "Tigrayans",
    "Oromos",
    "Amharas",
    "Somalis",
    "Dinka",
    "Nuer",
    "Zaghawa",
    "Masalit",
    "Tuareg",
    "Tuaregs",
    "Songhai",
    "Bambara",
    "Dogon",
    "Fulani",
    "Fula",
    "Peul",
    "Hausa",
    "Hausas",
    "Igbo",
    "Igbos",
    "Ibo",
    "Yoruba",
    "Yorubas",
    "Ijaw",
    "Tiv",
    "Kanuri",
    "Ogoni",
    "Akan",
    "Fante",
    "Dagomba",
    "Konkomba",
    "Berber",
    "Berbers",
    "Amazigh",
    "Imazighen",
    "Kabyle",
    "Kabyles",
    "Bedouin",
    "Bedouins",
    // Middle East, Central, South and East Asia
    "Kurds",
    "Copts",
    "Maronite",
    "Maronites",
    "Assyrians",
    "Chaldean",
    "Chaldeans",
    "Circassian",
    "Circassians",
    "Pashtun",
    "Pashtuns",
    "Pathan",
    "Pathans",
    "Baloch",
    "Balochs",
    "Baluch",
    "Sindhis",
    "Hazaras",
    "Tamil",
    "Tamils",
    "Telugus",
    "Bengalis",
    "Rohingya",
    "Rohingyas",
    "Uyghur",
    "Uyghurs",
    "Uighur",
    "Uighurs",
    "Hmong",
    "Bamar",
    "Dayak",
    "Dayaks",
    "Javanese",
    "Sundanese",
    "Balinese",
    "Igorot",
    "Lumad",
    "Ainu",
    "Tatars",
    "Bashkirs",
    "Chechens",
    "Ingush",
    // The Americas
    "Inuit",
    "Métis",
    "Metis",
    "Cree",
    "Ojibwe",
    "Ojibway",
    "Anishinaabe",
    "Anishinabe",
    "Anishinaabek",
    "Mi'kmaq",
    "Mi’kmaq",
    "Haudenosaunee",
    "Dene",
    "Innu",
    "Haida",
    "Nisga'a",
    "Wet'suwet'en",
    "Wet’suwet’en",
    "Gitxsan",
    "Lakota",
    "Quechua",
    "Aymara",
    "Mapuche",
    "Wayuu",
    "Garifuna",
    "Miskito",
    "Yanomami",
    // Oceania
    "Pasifika",
    "Pākehā",
    "Pakeha",
    "Aborigines",
    "Yolŋu",
    "Yolngu",
    "Arrernte",
    "Wiradjuri",
    "Noongar",
    "Nyoongar",
    "Kaurna",
    "Warlpiri",
    "Pitjantjatjara",
    "Anangu",
    "Gadigal",
    "Wurundjeri",
    "Larrakia",
    "Gumbaynggirr",
]);

/// Languages that no nationality word in the demonym table spells, which CoNLL-2003 types
/// MISC ("She spoke in Setswana and isiZulu", read as places), and that the CLDR list
/// (`CLDR_LANGUAGES`) leaves out, as common English words or names ("Hindi", "Urdu",
/// "Mandarin") or as names it does not give ("isiXhosa", "Sepedi", "Bahasa").
static LANGUAGES: WordList = WordList::new(&[
    "isiXhosa",
    "Sepedi",
    "Xitsonga",
    "Tshivenda",
    "Oromiffa",
    "Kirundi",
    "Chichewa",
    "Ilocano",
    "Bahasa",
    "Dari",
    "Farsi",
    "Urdu",
    "Hindi",
    "Telugu",
    "Mandarin",
    "Cantonese",
    "Hokkien",
    "Yiddish",
    "Nahuatl",
]);

/// Language names from the Unicode CLDR (`data/languages.txt`, generated by
/// `tools/languages.py`, which leaves out names that are also places, persons or common
/// words), besides `LANGUAGES` and the demonym table's nationality words.
static CLDR_LANGUAGES: &str = include_str!("../../data/languages.txt");

/// Is the span exactly a language's name ("Inuktitut", "Tok Pisin", "Haitian Creole")?
fn is_language(span: &[&str]) -> bool {
    static NAMES: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    static FIRST_WORDS: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    let lines = || {
        CLDR_LANGUAGES
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
    };
    let names = NAMES.get_or_init(|| lines().collect());
    match span {
        [] => false,
        [word] => LANGUAGES.contains(word) || names.contains(word),
        [first, ..] if span.len() <= 4 => {
            let first_words = FIRST_WORDS.get_or_init(|| {
                lines()
                    .filter_map(|l| l.split_once(' '))
                    .map(|(f, _)| f)
                    .collect()
            });
            first_words.contains(first) && names.contains(span.join(" ").as_str())
        }
        _ => false,
    }
}

/// Endings of capitalised hyphenated modifiers: "Cairo-based", "Singapore-listed".
const MODIFIER_ENDINGS: &[&str] = &[
    "-based",
    "-listed",
    "-owned",
    "-led",
    "-born",
    "-backed",
    "-controlled",
    "-run",
    "-registered",
    "-made",
    "-headquartered",
    "-funded",
];

/// "Cairo-based", "Abu Dhabi-listed" (the last word): capitalised, with a modifier ending.
pub(crate) fn is_place_modifier(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && MODIFIER_ENDINGS
            .iter()
            .any(|e| word.ends_with(e) && word.len() > e.len())
}

/// Religious and seasonal holidays of worldwide news, which taggers trained on 1996 Reuters
/// read as persons or places ("before [Ramadan]", "at [Diwali]"); MISC, like the events
/// CoNLL-2003 types so.
const HOLIDAYS: &[&str] = &[
    "Ramadan",
    "Ramazan",
    "Ramzan",
    "Eid",
    "Eid al-Fitr",
    "Eid al-Adha",
    "Eid ul-Fitr",
    "Eid ul-Adha",
    "Eid-ul-Fitr",
    "Eid-ul-Adha",
    "Eid el-Kebir",
    "Eid-el-Kabir",
    "Eid al-Kabir",
    "Mawlid",
    "Ashura",
    "Hajj",
    "Diwali",
    "Deepavali",
    "Holi",
    "Navratri",
    "Dussehra",
    "Durga Puja",
    "Ganesh Chaturthi",
    "Janmashtami",
    "Raksha Bandhan",
    "Onam",
    "Pongal",
    "Baisakhi",
    "Vaisakhi",
    "Dashain",
    "Tihar",
    "Chhath",
    "Teej",
    "Bihu",
    "Ugadi",
    "Lohri",
    "Makar Sankranti",
    "Thaipusam",
    "Losar",
    "Tet",
    "Thingyan",
    "Timkat",
    "Meskel",
    "Kurban Bayram",
    "Hanukkah",
    "Chanukah",
    "Passover",
    "Pesach",
    "Yom Kippur",
    "Rosh Hashanah",
    "Sukkot",
    "Purim",
    "Nowruz",
    "Norooz",
    "Vesak",
    "Songkran",
    "Chuseok",
    "Lunar New Year",
    "Chinese New Year",
    "Hari Raya",
    "Hari Raya Aidilfitri",
    "Hari Raya Haji",
    "Kwanzaa",
    "Hogmanay",
    "Thanksgiving",
    "Halloween",
    "Christmas",
    "Christmas Eve",
    "Easter",
    "Good Friday",
    "Lent",
];

/// Is the span a listed holiday, as written or in capitals?
fn is_holiday(span: &[&str]) -> bool {
    // The holiday's first word is the span's (any case): "Christmas" or "Christmas Day".
    // A set of the first words, lowercased, answers that for most spans without a scan
    // of the list (this runs on every tagged span).
    static FIRST_WORDS: std::sync::OnceLock<rustc_hash::FxHashSet<String>> =
        std::sync::OnceLock::new();
    let first_words = FIRST_WORDS.get_or_init(|| {
        HOLIDAYS
            .iter()
            .map(|h| h.split(' ').next().unwrap_or(h).to_ascii_lowercase())
            .collect()
    });
    let Some(first) = span.first() else {
        return false;
    };
    if span.len() > 3 || !first_words.contains(first.to_ascii_lowercase().as_str()) {
        return false;
    }
    let name = span.join(" ");
    let capitals = !name.chars().any(char::is_lowercase);
    HOLIDAYS
        .iter()
        .any(|h| *h == name || (capitals && h.eq_ignore_ascii_case(&name)))
}

/// Words of generation names: "Gen Z", "Generation Alpha", "Millennials", "Boomers".
const GENERATION_WORDS: &[&str] = &[
    "Gen",
    "Generation",
    "Z",
    "X",
    "Y",
    "Alpha",
    "Zers",
    "Zer",
    "Millennials",
    "Millennial",
    "Boomers",
    "Boomer",
    "Zoomers",
    "Zoomer",
];

/// Is the span a generation name: "Gen"/"Generation" and a letter, or a generation's word?
fn is_generation(span: &[&str]) -> bool {
    match span {
        [one] => matches!(
            *one,
            "Millennials" | "Millennial" | "Boomers" | "Boomer" | "Zoomers" | "Zoomer"
        ),
        [first, rest @ ..] => {
            matches!(*first, "Gen" | "Generation")
                && rest.iter().all(|w| GENERATION_WORDS.contains(w))
        }
        [] => false,
    }
}

/// Canada's provinces and territories, which come before "First Nation" as a count noun
/// ("a Manitoba First Nation").
const CANADIAN_PROVINCES: &[&str] = &[
    "Alberta",
    "British Columbia",
    "Manitoba",
    "New Brunswick",
    "Newfoundland",
    "Nova Scotia",
    "Ontario",
    "Quebec",
    "Québec",
    "Saskatchewan",
    "Yukon",
    "Nunavut",
    "Northwest Territories",
];

/// Is the span an iwi or hapū, a Māori people ("Ngāti Tamaterā", "Ngāi Tahu"), which the
/// team's guidelines type MISC like other peoples? Not its trust, board or rūnanga ("Ngāi
/// Tahu Holdings", "Te Rūnanga o Ngāi Tahu"), which are organisations.
fn is_iwi(span: &[&str]) -> bool {
    const BODIES: &[&str] = &[
        "Trust",
        "Holdings",
        "Board",
        "Authority",
        "Council",
        "Incorporated",
        "Corporation",
        "Limited",
        "Ltd",
        "Society",
        "Rūnanga",
        "Runanga",
    ];
    span.len() >= 2
        && matches!(span[0], "Ngāti" | "Ngati" | "Ngāi" | "Ngai")
        && !span.iter().any(|w| BODIES.contains(w))
}

/// Retype each sentence's nationality words and place modifiers as MISC, and drop its
/// generation names, in place.
pub fn retype<S: AsRef<str>, T: AsRef<[S]>, V: AsMut<[u8]>>(sentences: &[T], tagged: &mut [V]) {
    each_sentence(sentences, tagged, |words, tags| {
        for (start, end, kind) in tag_spans(tags) {
            if kind == MISC {
                continue;
            }
            if is_generation(&words[start..end]) {
                tags[start..end].fill(0);
                continue;
            }
            let last = words[end - 1];
            let nationality = (end == start + 1
                && (is_nationality(last) || RELIGIONS.contains(last) || PEOPLES.contains(last)))
                || is_language(&words[start..end]);
            let law = (kind == ORG
                && end - start >= 2
                && matches!(last, "Act" | "Agreement" | "Accord" | "Bill"))
                || matches!(&words[start..end], ["Te", "Tiriti", ..]);
            // "the [Nigeria Road Safety Commission]ORG Bill": the bill named after a body,
            // whose word the tagger left out; not "Microsoft 's Bill Gates" or "the
            // [Senate]ORG Bill [Smith]PER".
            let body_then_law = kind == ORG
                && tags.get(end) == Some(&0)
                && matches!(words.get(end), Some(&("Bill" | "Act")))
                && !words
                    .get(end + 1)
                    .is_some_and(|w| w.starts_with(char::is_uppercase));
            if body_then_law {
                write_span(&mut tags[start..=end], MISC);
                continue;
            }
            // "[Banjima Traditional Owners]ORG", "[Kaurna Elders]ORG": Australian news
            // capitalises these common nouns; the people before them is MISC.
            let common_tail = match &words[start..end] {
                [.., "Traditional", "Owners" | "Custodians"] => 2,
                [.., "Elders"] => 1,
                _ => 0,
            };
            if common_tail > 0 && end - start == common_tail + 1 && kind != PER {
                tags[end - common_tail..end].fill(0);
                write_span(&mut tags[start..start + 1], MISC);
                continue;
            }
            let islanders = matches!(
                &words[start..end],
                ["Torres", "Strait", "Islander" | "Islanders"]
            ) || is_iwi(&words[start..end]);
            // "a Manitoba First Nation", "26 First Nations": a count noun, no name (a
            // named one has its own name: "Cowessess First Nation").
            if let [.., "First", "Nation" | "Nations"] = &words[start..end] {
                let place = end - start - 2;
                if place == 0
                    || CANADIAN_PROVINCES.contains(&words[start..end - 2].join(" ").as_str())
                {
                    tags[start + place..end].fill(0);
                    if place > 0 {
                        write_span(&mut tags[start..start + place], LOC);
                    }
                    continue;
                }
            }
            if nationality
                || islanders
                || law
                || is_place_modifier(last)
                || is_holiday(&words[start..end])
            {
                write_span(&mut tags[start..end], MISC);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::perceptron::after_rule;

    fn retyped(text: &str, iob: &str) -> String {
        after_rule(text, iob, |s, t| retype(s, t))
    }

    #[test]
    fn a_nationals_singular_is_misc_like_the_adjective() {
        assert_eq!(
            retyped(
                "the 31-year-old Scot beat the Welshman and a Spaniard , Serbs and Czechs",
                "O O B-PER O O B-PER O O B-PER O B-ORG O B-PER"
            ),
            "O O B-MISC O O B-MISC O O B-MISC O B-MISC O B-MISC"
        );
    }

    #[test]
    fn a_people_alone_is_misc_but_not_inside_a_name() {
        assert_eq!(
            retyped(
                "Yolngu elders , Cree children and Torres Strait Islander people met the Zulu Royal Council",
                "B-LOC O O B-ORG O O B-LOC I-LOC I-LOC O O O B-ORG I-ORG I-ORG"
            ),
            "B-MISC O O B-MISC O O B-MISC I-MISC I-MISC O O O B-ORG I-ORG I-ORG"
        );
    }

    #[test]
    fn an_iwi_is_a_people_and_a_first_nation_a_count_noun() {
        assert_eq!(
            retyped(
                "Ngāti Maru and Ngāi Tahu Holdings met a Manitoba First Nation and Cowessess First Nation",
                "B-LOC I-LOC O B-ORG I-ORG I-ORG O O B-ORG I-ORG I-ORG O B-ORG I-ORG I-ORG"
            ),
            "B-MISC I-MISC O B-ORG I-ORG I-ORG O O B-LOC O O O B-ORG I-ORG I-ORG"
        );
        assert_eq!(
            retyped("26 First Nations signed", "O B-ORG I-ORG O"),
            "O O O O"
        );
    }

    #[test]
    fn te_tiriti_is_a_treaty_and_traditional_owners_a_common_noun() {
        assert_eq!(
            retyped(
                "Te Tiriti o Waitangi , Banjima Traditional Owners and Kaurna Elders",
                "B-ORG I-ORG I-ORG I-ORG O B-ORG I-ORG I-ORG O B-ORG I-ORG"
            ),
            "B-MISC I-MISC I-MISC I-MISC O B-MISC O O O B-MISC O"
        );
    }

    #[test]
    fn a_religion_alone_is_misc_but_not_inside_a_name() {
        assert_eq!(
            retyped(
                "the Baptist church and Sunni leaders of the Baptist Union",
                "O B-PER O O B-ORG O O O B-ORG I-ORG"
            ),
            "O B-MISC O O B-MISC O O O B-ORG I-ORG"
        );
        assert_eq!(retyped("Christian said", "B-PER O"), "B-PER O");
        assert_eq!(
            retyped(
                "in Setswana and isiZulu before Dashain",
                "O B-LOC O B-LOC O B-PER"
            ),
            "O B-MISC O B-MISC O B-MISC"
        );
    }

    #[test]
    fn a_cldr_language_is_misc_in_one_word_or_several_but_not_a_place_of_that_name() {
        assert_eq!(
            retyped(
                "in Inuktitut , Tok Pisin and Haitian Creole at the Kiswahili Institute",
                "O B-LOC O B-LOC I-LOC O B-ORG I-ORG O O B-ORG I-ORG"
            ),
            "O B-MISC O B-MISC I-MISC O B-MISC I-MISC O O B-ORG I-ORG"
        );
        // Samburu is a Kenyan county as well as a language: the list leaves it out.
        assert_eq!(retyped("in Samburu", "O B-LOC"), "O B-LOC");
    }

    #[test]
    fn nationality_words_and_place_modifiers_are_misc() {
        assert_eq!(
            retyped(
                "Kenyans told us and Tuvaluan communities",
                "B-PER O O O B-PER O"
            ),
            "B-MISC O O O B-MISC O"
        );
        assert_eq!(
            retyped(
                "at Cairo-based bank , while Abu Dhabi-listed rival",
                "O B-LOC O O O B-PER I-PER O"
            ),
            "O B-MISC O O O B-MISC I-MISC O"
        );
        assert_eq!(
            retyped(
                "Gen Z voters and Boomers disagreed",
                "B-PER I-PER O O B-PER O"
            ),
            "O O O O O O"
        );
        // Laws and agreements read as organisations.
        assert_eq!(
            retyped(
                "under the Freedom of Information Act and the Paris Agreement",
                "O O B-ORG I-ORG I-ORG I-ORG O O B-ORG I-ORG"
            ),
            "O O B-MISC I-MISC I-MISC I-MISC O O B-MISC I-MISC"
        );
        // A bill too; a person's one-word "Bill" is no organisation span.
        assert_eq!(
            retyped(
                "the Crossrail Link Bill , said Bill",
                "O B-ORG I-ORG I-ORG O O B-PER"
            ),
            "O B-MISC I-MISC I-MISC O O B-PER"
        );
        // A body's bill whose word the tagger left out; a person after "Bill" stays apart.
        assert_eq!(
            retyped(
                "passed the Nigeria Road Safety Commission Bill and Microsoft 's Bill Gates",
                "O O B-ORG I-ORG I-ORG I-ORG O O B-ORG O O B-PER"
            ),
            "O O B-MISC I-MISC I-MISC I-MISC I-MISC O B-ORG O O B-PER"
        );
        // Names that only start with one, a country, and lowercase modifiers stay.
        assert_eq!(
            retyped(
                "British Airways and Czech won the state-owned firm",
                "B-ORG I-ORG O B-LOC O O O O"
            ),
            "B-ORG I-ORG O B-LOC O O O O"
        );
    }
}
