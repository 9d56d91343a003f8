"""A generated news corpus for the scale check and benchmarks: wire-style JSON Lines stories
about worldwide people, places and organisations, deterministic for a seed.

Owns only the text generator; it must not run newsdex. Each story names a few people in
full and then by surname (so the archive-wide aliases have work to do), places that the
gazetteer knows, organisations with and without their acronyms, a byline and a dated
dateline, in one of several topics whose words the check's queries use.
"""

import json
import os
import random

PEOPLE = [
    "Amina Mohammed", "Bola Tinubu", "William Ruto", "Cyril Ramaphosa", "Paul Kagame",
    "Narendra Modi", "Shehbaz Sharif", "Sheikh Hasina", "Joko Widodo", "Ferdinand Marcos",
    "Anwar Ibrahim", "Pham Minh Chinh", "Yoon Suk Yeol", "Fumio Kishida", "Anthony Albanese",
    "Chris Hipkins", "Luiz Inacio Lula da Silva", "Gustavo Petro", "Javier Milei",
    "Gabriel Boric", "Andres Manuel Lopez Obrador", "Justin Trudeau", "Recep Tayyip Erdogan",
    "Abdel Fattah al-Sisi", "Ebrahim Raisi", "Olaf Scholz", "Emmanuel Macron",
    "Giorgia Meloni", "Pedro Sanchez", "Volodymyr Zelensky", "Sergei Shoigu",
    "Ngozi Okonjo-Iweala", "Kristalina Georgieva", "Antonio Guterres", "Tedros Adhanom",
    "Ajay Banga", "Mia Mottley", "Hakainde Hichilema", "Nana Akufo-Addo", "Abiy Ahmed",
]
PLACES = [
    ("Lagos", "Nigeria"), ("Abuja", "Nigeria"), ("Nairobi", "Kenya"), ("Johannesburg", "South Africa"),
    ("Kigali", "Rwanda"), ("Accra", "Ghana"), ("Addis Ababa", "Ethiopia"), ("Lusaka", "Zambia"),
    ("Mumbai", "India"), ("New Delhi", "India"), ("Karachi", "Pakistan"), ("Dhaka", "Bangladesh"),
    ("Jakarta", "Indonesia"), ("Manila", "Philippines"), ("Kuala Lumpur", "Malaysia"),
    ("Hanoi", "Vietnam"), ("Seoul", "South Korea"), ("Tokyo", "Japan"), ("Sydney", "Australia"),
    ("Wellington", "New Zealand"), ("Sao Paulo", "Brazil"), ("Bogota", "Colombia"),
    ("Buenos Aires", "Argentina"), ("Santiago", "Chile"), ("Mexico City", "Mexico"),
    ("Toronto", "Canada"), ("Ankara", "Turkey"), ("Cairo", "Egypt"), ("Tehran", "Iran"),
    ("Berlin", "Germany"), ("Paris", "France"), ("Rome", "Italy"), ("Madrid", "Spain"),
    ("Kyiv", "Ukraine"), ("Moscow", "Russia"), ("Bridgetown", "Barbados"),
]
ORGS = [
    ("World Bank", None), ("International Monetary Fund", "IMF"), ("United Nations", "UN"),
    ("World Health Organization", "WHO"), ("African Union", "AU"), ("World Trade Organization", "WTO"),
    ("Association of Southeast Asian Nations", "ASEAN"), ("European Union", "EU"),
    ("Toyota", None), ("Samsung Electronics", None), ("Petrobras", None), ("Tata Steel", None),
    ("Dangote Group", None), ("Safaricom", None), ("Gazprom", None), ("Shell", None),
    ("Red Cross", None), ("Reuters", None), ("Amnesty International", None), ("Interpol", None),
]
REPORTERS = [
    "Chidi Okafor", "Priya Raman", "Lucia Fernandez", "Kenji Sato", "Fatima Zahra",
    "Tom Becker", "Grace Mwangi", "Nguyen Thi Lan", "Ana Souza", "Omar Haddad",
]
TOPICS = {
    "trade": ("tariffs", "exports", "trade deal", "customs", "shipping"),
    "energy": ("oil output", "gas pipeline", "solar farms", "power cuts", "refinery"),
    "health": ("vaccine", "malaria", "hospital", "outbreak", "clinics"),
    "climate": ("floods", "drought", "emissions", "heatwave", "cyclone"),
    "election": ("ballots", "campaign", "polling stations", "turnout", "coalition"),
    "security": ("ceasefire", "artillery", "border", "militants", "peacekeepers"),
    "finance": ("inflation", "interest rates", "bond market", "currency", "debt relief"),
    "technology": ("semiconductors", "mobile money", "data centres", "startups", "broadband"),
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def surname(name):
    return name.split()[-1]


def story(rng, number):
    """One generated story as the JSON object newsdex reads."""
    topic = rng.choice(sorted(TOPICS))
    words = TOPICS[topic]
    first, second = rng.sample(PEOPLE, 2)
    (city, country), (city2, country2) = rng.sample(PLACES, 2)
    (org, acronym), (org2, _) = rng.sample(ORGS, 2)
    year = rng.choice([2022, 2023, 2024])
    month = rng.randrange(12)
    day = rng.randrange(1, 29)
    short = acronym or org
    body = [
        f"{city.upper()}, {MONTHS[month]} {day} (Wire) - {first} said on Tuesday that "
        f"{words[0]} and {words[1]} would top the agenda when {country} hosts talks with "
        f"officials from {country2} next month, according to a statement from the {org}.",
        f"{surname(first)} told reporters in {city} that the {words[2]} had been delayed by "
        f"months. \"We expect progress on {words[3]} before the end of the year,\" "
        f"{surname(first)} said.",
        f"{second}, speaking in {city2}, said the {short} should help with {words[4]}. "
        f"Analysts at {org2} said story {number} showed how {topic} had become a test for "
        f"governments across the region.",
    ]
    if rng.random() < 0.4:
        body.append(
            f"The {short} declined to comment further. {surname(second)} is due to travel to "
            f"{country} in {MONTHS[(month + 1) % 12]}."
        )
    return {
        "id": f"gen-{number:05d}",
        "title": f"{surname(first)} puts {words[0]} at the centre of {country} talks",
        "authors": [rng.choice(REPORTERS)],
        "published": f"{year}-{month + 1:02d}-{day:02d}T08:00:00Z",
        "body": "\n\n".join(body),
    }


def write_corpus(directory, articles=3000, per_file=50, seed=20):
    """`articles` stories in JSON Lines files of `per_file` under `directory`; the paths."""
    rng = random.Random(seed)
    os.makedirs(directory, exist_ok=True)
    paths = []
    for start in range(0, articles, per_file):
        path = os.path.join(directory, f"wire-{start // per_file:04d}.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for number in range(start, min(start + per_file, articles)):
                f.write(json.dumps(story(rng, number)) + "\n")
        paths.append(path)
    return paths
