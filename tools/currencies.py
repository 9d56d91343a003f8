#!/usr/bin/env python3
"""Build data/currency-countries.tsv: currency words that name one country ("yen" -> Japan).

    pip download --no-deps -d /tmp/pkgs babel==2.16.0 wordfreq==3.1.1
    pip install /tmp/pkgs/babel-2.16.0-*.whl /tmp/pkgs/wordfreq-3.1.1-*.whl
    python3 tools/currencies.py > data/currency-countries.tsv

"The rand slumped", "the naira", "40 mln zlotys" say what country a story is about as
"South African" does, without naming a place. Source: the Unicode CLDR as shipped in Babel
2.16.0 (BSD-3-Clause; the CLDR data under the Unicode licence): each country's legal tender
from 1980 on (a wire archive of the 1980s writes drachmas and schillings) and the English
names of those currencies, singular and plural ("Japanese Yen", "Dutch guilders"), of which
the last word is the currency word. A currency several countries use is the one of them
with ten times the people of the others together ("rand": South Africa, not Lesotho or
Namibia), and a word that names currencies of different countries is left out ("riyal" of
Saudi Arabia and Qatar, "lira", "rupee", "peso", "dinar", "franc", "dollar").

Left out as well: words whose lowercase form is a common English word (wordfreq 3.1.1 Zipf
frequency 4.0 or more: "won", "real", "mark", "pound"), and the English words below
("sol", "dong", "colon", "dram") with every other form of their currency ("drams"). Given
and family names (data/names.tsv.gz, data/world-names.tsv.gz: "Yen", "Yuan", "Rand"),
places (data/places.tsv.gz: "Sucre") and the names below those lists miss ("Lev", the club
"Guarani") count only in lowercase (third column "lower"; else "any"). Country names as
data/places.tsv.gz spells them. Deterministic: sorted, one word per line.
"""
import collections
import datetime
import gzip
import os
import sys

from babel import Locale
from babel.numbers import get_currency_name, get_territory_currencies
from wordfreq import zipf_frequency

NOT_CURRENCY_WORDS = {"sol", "soles", "dong", "kip", "dram", "colon", "lei", "austral", "inti",
                      "florin", "cupon", "lats"}
# Names of people, clubs and peoples that the name lists miss.
ALSO_NAMES = {"lev", "guarani", "guaranis"}
SINCE = datetime.date(1980, 1, 1)
UNTIL = datetime.date(2026, 12, 1)


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    countries, population, places = {}, {}, set()
    with gzip.open(os.path.join(root, "data/places.tsv.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            places.add(cols[2].lower())
            if cols[1] == "country":
                countries[cols[3]] = cols[2]
                population[cols[2]] = int(cols[5] or 0)
    names = set()
    for file in ("data/names.tsv.gz", "data/world-names.tsv.gz"):
        with gzip.open(os.path.join(root, file), "rt", encoding="utf-8") as f:
            names.update(line.split("\t")[1].lower() for line in f)

    english = Locale("en")
    users = collections.defaultdict(set)  # currency code -> countries
    codes = collections.defaultdict(set)  # currency word -> codes
    forms = collections.defaultdict(set)  # currency code -> its words
    for iso, country in sorted(countries.items()):
        try:
            tenders = get_territory_currencies(iso, start_date=SINCE, end_date=UNTIL, tender=True)
        except Exception:
            continue
        for code in tenders:
            if code not in english.currencies:
                continue
            users[code].add(country)
            for name in (english.currencies[code], get_currency_name(code, count=1, locale="en"),
                         get_currency_name(code, count=2, locale="en")):
                word = name.split()[-1].lower()
                if word.isalpha():
                    codes[word].add(code)
                    forms[code].add(word)

    def main_country(code):
        """The country whose currency `code` is: its one user, or one with ten times the
        people of the others together (the rand is South Africa's, not Lesotho's)."""
        by_size = sorted(users[code], key=lambda c: (-population.get(c, 0), c))
        rest = sum(population.get(c, 0) for c in by_size[1:])
        return by_size[0] if rest * 10 <= population.get(by_size[0], 0) else None

    def country_of(word):
        """The one country of every currency the word and its other forms name ("liras"
        is also "lira", Turkey's as well as Italy's: none)."""
        seen, todo, found = set(), list(codes[word]), set()
        while todo:
            code = todo.pop()
            if code not in seen:
                seen.add(code)
                found.add(main_country(code))
                for other in forms[code]:
                    todo.extend(codes[other])
        return found.pop() if len(found) == 1 else None

    # Every form of a currency one of whose words is an English word ("dram", "drams").
    excluded = {w for word in NOT_CURRENCY_WORDS for code in codes.get(word, ())
                for w in forms[code]} | NOT_CURRENCY_WORDS
    for word in sorted(codes):
        country = country_of(word)
        if country is None or zipf_frequency(word, "en") >= 4.0 or word in excluded \
                or len(word) < 3:
            continue
        # A given or family name or a place name counts only in lowercase ("yen", not
        # "Yen"; "sucre", not the city of Sucre).
        case = "lower" if word in names or word in places or word in ALSO_NAMES else "any"
        print(f"{word}\t{country}\t{case}")

if __name__ == "__main__":
    sys.exit(main())
