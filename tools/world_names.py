#!/usr/bin/env python3
"""Build data/world-names.tsv.gz: given names and surnames from many countries, for the fast
tagger's person-name reference list and its renamed training copies (tools/ner-devsets/
train.sh). The US Census lists (data/names.tsv.gz) and the hand-written
data/world-names.txt lean on the US and on heads of state; the held-out worldwide news
is full of Nigerian, Kenyan, Indian, Pakistani, Indonesian, Vietnamese and Latin American
names.

    pip download --no-deps -d /tmp/pkgs faker==40.63.0
    python3 tools/world_names.py /tmp/pkgs

Source: the person providers of Faker 40.63.0 (MIT licence, https://pypi.org/project/Faker/),
Latin-script locales only, plus the romanised forms its Chinese and Japanese providers
carry. Each name is also written without diacritics ("Nguyen", "Yilmaz"), as English-
language news usually prints it. Output (gzip, sorted, deterministic): kind (given|surname),
name, the Faker locales that list it (comma-separated).
"""
import gzip
import os
import sys
import unicodedata
import zipfile
import importlib

# Latin-script person providers from outside Western Europe and North America.
LOCALES = [
    "en_IN", "en_PK", "en_KE", "en_NG", "ha_NG", "ig_NG", "yo_NG", "tw_GH", "zu_ZA", "sw",
    "en_TH", "id_ID", "vi_VN", "tr_TR", "uz_UZ", "es_AR", "es_CL", "es_CO", "es_MX", "pt_BR",
    "en_NZ",
]


def fold(name):
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).replace("ı", "i").replace("đ", "d").replace("Đ", "D")


def usable(name):
    # One or two words of letters (and an inner hyphen or apostrophe), capitalised.
    if not (3 <= len(name) <= 24) or not name[0].isupper():
        return False
    return all(c.isalpha() or c in "-' ’" for c in name) and all(ord(c) < 0x250 or c in "’" for c in name)


def main(pkgs):
    wheel = next(f for f in os.listdir(pkgs) if f.lower().startswith("faker-") and f.endswith(".whl"))
    sys.path.insert(0, os.path.join(pkgs, wheel))  # a wheel is a zip Python can import from
    names = {}  # (kind, name) -> set of locales

    def add(kind, name, locale):
        name = " ".join(name.split())
        if "-" in name and name.isupper():
            name = "-".join(p.capitalize() for p in name.split("-"))  # "CHIA-HAO" -> "Chia-Hao"
        for form in {name, fold(name)}:
            if usable(form):
                names.setdefault((kind, form), set()).add(locale)

    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr, kind in (("first_names", "given"), ("first_names_male", "given"),
                           ("first_names_female", "given"), ("first_names_unisex", "given"),
                           ("last_names", "surname"), ("last_names_male", "surname"),
                           ("last_names_female", "surname")):
            values = getattr(provider, attr, None)
            if isinstance(values, (list, tuple, dict)):  # some are properties or absent
                for name in values:
                    add(kind, name, locale)
    # Romanised Chinese and Japanese names (the native-script lists are of no use here).
    zh = importlib.import_module("faker.providers.person.zh_CN").Provider
    for name in zh.first_romanized_names:
        add("given", name, "zh_CN")
    for name in zh.last_romanized_names:
        add("surname", name, "zh_CN")
    tw = importlib.import_module("faker.providers.person.zh_TW").Provider
    for name in getattr(tw, "first_romanized_names", ()):
        add("given", name, "zh_TW")
    ja = importlib.import_module("faker.providers.person.ja_JP").Provider
    for attr, kind in (("first_name_pairs", "given"), ("last_name_pairs", "surname")):
        for pair in getattr(ja, attr, ()):
            add(kind, pair[-1], "ja_JP")

    os.makedirs("data", exist_ok=True)
    with gzip.GzipFile("data/world-names.tsv.gz", "wb", mtime=0) as f:
        for (kind, name), locales in sorted(names.items()):
            f.write(f"{kind}\t{name}\t{','.join(sorted(locales))}\n".encode("utf-8"))
    given = sum(1 for k, _ in names if k == "given")
    print(f"{given} given names, {len(names) - given} surnames -> data/world-names.tsv.gz")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
