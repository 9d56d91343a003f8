#!/usr/bin/env python3
"""Build data/listed-companies.txt: the short names of companies in 20 stock indices.

    pip download --no-deps -d /tmp/pkgs pytickersymbols==1.17.10 wordfreq==3.1.1
    pip install /tmp/pkgs/wordfreq-3.1.1-*.whl   # wordfreq needs its own dependencies
    python3 tools/listed_companies.py /tmp/pkgs

Source: the index constituents shipped in pytickersymbols 1.17.10 (MIT licence;
S&P 500/100/600, NASDAQ 100, Dow Jones, FTSE 100, DAX/MDAX/SDAX/TecDAX, CAC 40 and Mid 60,
EURO STOXX 50, AEX, BEL 20, IBEX 35, OMX Helsinki 25 and Stockholm 30, Switzerland 20,
Nikkei 225): about 1,800 companies. A news story names a company by its short name
("Infineon", "Glencore", "Rio Tinto"), not its registered one ("Infineon Technologies AG"),
so legal forms, trailing "Holding", "Group" and the like, and a last word of the industry
("Technologies", "Pharmaceuticals") are cut; every form is kept that passes the filters.

Left out, because the list types a name as an organisation wherever the tagger made it a
person or place, or missed it (`entities::known_orgs`):
  - names that are also common English words: one word ("Apple", "Target", "Cactus",
    "Toto") whose lowercase form has a wordfreq 3.1.1 Zipf frequency of 3.0 or more (4.5
    in capitals: "IBM" stays, "SHIFT" goes), or several words that all have 5 or more
    ("Bank of America" goes, "First Solar" stays),
  - given names and family names (data/names.tsv.gz: "Ford", "Henkel", "Bayer"), and two
    words that start with a given name ("Ralph Lauren", "Charles Schwab"),
  - places and their aliases (data/places.tsv.gz: "Amazon" is not one, "Continental" is
    a common word), demonyms (data/country-adjectives.tsv),
  - names in data/known-organisations.txt, or starting with one ("Airtel Africa": the
    hand-written entry keeps its own rule), names starting with punctuation,
  - names of one or two letters, pure numbers, forms with a comma ("ADMA Biologics,
    Inc.": news writes the short form, which is kept), and possessives ("Campbell's" is
    also Mr Campbell's).
Deterministic: sorted, one name per line.
"""
import gzip
import os
import re
import sys
import zipfile

LEGAL = r"(,?\s+(inc|inc\.|incorporated|corp|corp\.|corporation|co\.|company|companies|ltd|ltd\.|limited|plc|p\.l\.c\.|ag|se|sa|s\.a\.|nv|n\.v\.|ab|asa|oyj|oy|spa|s\.p\.a\.|a/s|kgaa|& co\. kgaa|co\.,? ltd\.?|holdings?|group|trust|the|class [a-c]|\(the\)))+$"
# Generic trailing words news drops ("Rio Tinto Group" -> "Rio Tinto").
TRAILING = {"holding", "holdings", "group", "corporation", "company", "incorporated"}
# Words of the industry that news also drops ("Infineon Technologies" -> "Infineon"); the
# cut name must pass the filters below on its own ("Applied Materials" keeps its word).
INDUSTRY = {"technologies", "technology", "industries", "laboratories", "labs",
            "pharmaceuticals", "pharmaceutical", "pharma", "therapeutics", "biosciences",
            "systems", "networks", "international", "enterprises", "communications",
            "solutions", "software", "semiconductor", "semiconductors", "electronics",
            "brands", "entertainment", "healthcare", "chemicals", "financial", "resources",
            "motors", "airlines", "properties", "realty", "automotive", "biologics"}
ZIPF_MAX = 3.0
# Capitals say "name": "IBM" and "KPN" stay, "SHIFT" does not.
CAPS_ZIPF_MAX = 4.5


def short_names(name):
    """The registered name and the short forms news uses."""
    name = re.sub(r"\s*\(.*?\)", "", name.strip().replace("’", "'"))  # "(Class A)"
    name = re.sub(r"^The\s+", "", name)
    out = {name}
    cut = re.sub(LEGAL, "", name, flags=re.I).strip(" ,.")
    if cut:
        out.add(cut)
    words = cut.split()
    while words and words[-1].lower() in TRAILING:
        words = words[:-1]
    if words:
        out.add(" ".join(words))
    if len(words) > 1 and words[-1].lower() in INDUSTRY:
        out.add(" ".join(words[:-1]))
    return {n for n in out if n}


def main(pkgs):
    wheel = next(f for f in os.listdir(pkgs) if f.startswith("pytickersymbols-"))
    with zipfile.ZipFile(os.path.join(pkgs, wheel)) as z:
        z.extractall("/tmp/pytickersymbols-wheel")
    sys.path.insert(0, "/tmp/pytickersymbols-wheel")
    from pytickersymbols import PyTickerSymbols
    from wordfreq import zipf_frequency

    people, given = set(), set()
    with gzip.open("data/names.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            kind, name = line.split("\t")[:2]
            people.add(name.lower())
            if kind == "first":
                given.add(name.lower())
    places = set()
    with gzip.open("data/places.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            places.add(cols[2].lower())
            places.update(a.lower() for a in cols[6].split("|") if a)
    with open("data/country-adjectives.tsv", encoding="utf-8") as f:
        demonyms = {line.split("\t")[0].lower() for line in f}
    hand = set()
    with open("data/known-organisations.txt", encoding="utf-8") as f:
        for line in f:
            line = line.strip().rstrip("*")
            if line and not line.startswith("#"):
                hand.add(line.lower())

    kept, dropped = set(), {}
    for stock in PyTickerSymbols().get_all_stocks():
        for name in short_names(stock["name"]):
            key = name.lower()
            words = name.split()
            if len(name) <= 2 or not re.search(r"[A-Za-z]", name) or not name[0].isalnum():
                why = "short"
            elif any(c in name for c in ",()") or name.endswith("'s"):
                why = "punctuation"
            elif len(words) == 2 and words[0].lower() in given:
                why = "a person's name"
            elif key in hand:
                why = "hand-written list"
            elif any(key.startswith(h + " ") for h in hand):
                why = "extends a hand-written name"
            elif key in people or key in places:
                why = "person or place"
            elif key in demonyms:
                why = "demonym"
            elif len(words) == 1 and zipf_frequency(key, "en") >= (CAPS_ZIPF_MAX if name.isupper() else ZIPF_MAX):
                why = "common word"
            elif len(words) > 1 and all(zipf_frequency(w.lower(), "en") >= 5.0 for w in words):
                why = "common words"
            else:
                kept.add(name)
                continue
            dropped.setdefault(why, []).append(name)
    with open("data/listed-companies.txt", "w", encoding="utf-8") as f:
        f.write("# Short names of the companies in 20 stock indices, from pytickersymbols 1.17.10\n")
        f.write("# (MIT licence), made by tools/listed_companies.py; do not edit by hand.\n")
        for name in sorted(kept):
            f.write(name + "\n")
    print(f"{len(kept)} names kept; dropped: " +
          ", ".join(f"{why} {len(v)}" for why, v in sorted(dropped.items())))
    for why, names in sorted(dropped.items()):
        print(f"  {why}: {', '.join(sorted(set(names))[:25])}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
