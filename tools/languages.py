#!/usr/bin/env python3
"""Build data/languages.txt: the names of languages, which CoNLL-2003 types MISC.

    pip download --no-deps -d /tmp/pkgs language-data==1.4.0 wordfreq==3.1.1
    pip install /tmp/pkgs/wordfreq-3.1.1-*.whl   # wordfreq needs its own dependencies
    python3 tools/languages.py /tmp/pkgs

Source: the language names of the Unicode CLDR as shipped in language-data 1.4.0 (MIT
licence; the CLDR data under the Unicode licence): the languages CLDR names in at least
ten locales (about 600), each by its English name ("Inuktitut", "Tok Pisin", "Northern
Sotho") and by its own name when that is written in Latin letters ("Kiswahili",
"isiZulu", "Gaeilge"). News from Africa, Asia, Oceania and the Americas names its
languages often, and taggers read the unfamiliar ones as places or organisations.

Left out, because `nationalities::retype` types a tagged span that is exactly one of
these names MISC wherever the tagger made it a person, place or organisation:
  - places and their aliases (data/places.tsv.gz: "Meru", "Samburu" and "Nauru" are
    places in Kenya and the Pacific as well as languages),
  - given names and family names (data/names.tsv.gz, data/world-names.tsv.gz: "Shona",
    "Fang", "Sena"),
  - names whose lowercase form is a common English word (wordfreq 3.1.1 Zipf frequency
    3.0 or more: "Slave", "Mono"), names of one or two letters ("Ga"), and names with a
    lowercase word other than a particle ("Multiple languages"),
  - a few places and given names those lists miss (NOT_ONLY_LANGUAGES below: "Samburu"
    is a Kenyan county, "Zuni" a pueblo),
  - dead, constructed and historical languages ("Old English", "Klingon", "Latin" stays:
    it is read in news as MISC already), by code below.
Deterministic: sorted, one name per line.
"""
import gzip
import os
import re
import sys
import zipfile

# Codes that name no language a news story would: collections, no content, undetermined,
# constructed languages and notation systems.
SKIP_CODES = {"mul", "zxx", "und", "mis", "tlh", "bliss", "zbl", "vo", "ia", "ie", "io",
              "jbo", "nov", "avk", "lfn", "tok", "afh"}
# Also places or persons that the lists above miss, whose bare name in African and North
# American news is the place as often as the people or language: Kenyan and Ugandan
# counties and districts, US counties and pueblos, and short names that are given names.
NOT_ONLY_LANGUAGES = {"Samburu", "Rombo", "Teso", "Taita", "Bena", "Kako", "Langi", "Zuni",
                      "Osage", "Jawa", "Nama", "Kaje", "Rwa", "Maa", "Vai", "Soga", "Sango",
                      "Haida", "Mafa", "Kuvi", "Seri", "Saho",
                      # Provinces and states the gazetteer's first-level regions lack:
                      # Philippine provinces (wikigold's dev third has "Aringay,
                      # Pangasinan") and Myanmar's Kachin State; Indonesian islands and
                      # regencies (Nias, the Mentawai and Selayar islands, Gayo Lues,
                      # Polewali Mandar).
                      "Pangasinan", "Pampanga", "Kachin", "Nias", "Mentawai", "Selayar",
                      "Gayo", "Mandar"}
# Words that may appear in lowercase inside a language's name.
PARTICLES = {"sa", "de", "da", "la", "ti"}
ALIAS_SEPARATOR = "|"
LETTERS = r"A-Za-zÀ-ÿĀ-žƀ-ɏḀ-ỿʻ'’"


def load_language_data(pkgs):
    wheel = next(os.path.join(pkgs, f) for f in sorted(os.listdir(pkgs))
                 if f.startswith("language_data-1.4.0") and f.endswith(".whl"))
    with zipfile.ZipFile(wheel) as z:
        source = z.read("language_data/name_data.py").decode("utf-8")
    namespace = {}
    exec(compile(source, "name_data.py", "exec"), namespace)  # a generated dict literal
    return namespace["CODE_TO_NAMES"]


def main():
    pkgs = sys.argv[1] if len(sys.argv) > 1 else "/tmp/pkgs"
    root = os.path.join(os.path.dirname(__file__), "..")
    from wordfreq import zipf_frequency

    places = set()
    with gzip.open(os.path.join(root, "data/places.tsv.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            places.add(cols[2])
            if len(cols) > 6:
                places.update(a for a in cols[6].split(ALIAS_SEPARATOR) if a)
    people = set()
    with gzip.open(os.path.join(root, "data/names.tsv.gz"), "rt", encoding="utf-8") as f:
        people.update(line.split("\t")[1] for line in f)
    with gzip.open(os.path.join(root, "data/world-names.tsv.gz"), "rt", encoding="utf-8") as f:
        people.update(line.split("\t")[1] for line in f if "\t" in line)

    names = set()
    for code, by_locale in load_language_data(pkgs).items():
        if not re.fullmatch(r"[a-z]{2,3}", code) or code in SKIP_CODES:
            continue
        if len(by_locale) < 10:  # a registry name only, not a CLDR display name
            continue
        for locale in ("en", code):
            name = by_locale.get(locale)
            if not name or not re.fullmatch(rf"[{LETTERS}]+(?:[ -][{LETTERS}]+)*", name):
                continue
            words = name.split(" ")
            # Each word capitalised (or an "isi"/"se"-prefixed autonym: "isiZulu"),
            # particles aside.
            if not all(w[0].isupper() or w in PARTICLES
                       or re.fullmatch(r"(isi|si|se|xi|tshi|ki)[A-Z].*", w) for w in words):
                continue
            if not words[0][0].isupper() and len(words) > 1:
                continue
            if len(name) <= 2 or name in places or name in people or name in NOT_ONLY_LANGUAGES:
                continue
            if len(words) == 1 and zipf_frequency(name.lower(), "en") >= 3.0:
                continue
            names.add(name)
    out = os.path.join(root, "data/languages.txt")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Language names (Unicode CLDR via language-data 1.4.0, MIT); generated by\n")
        f.write("# tools/languages.py, which says what is left out and why.\n")
        for name in sorted(names):
            f.write(name + "\n")
    print(f"{len(names)} names -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
