"""A sharded Sphinx 2.2 / Manticore cluster for newsdex articles: configs and loading.

Owns the cluster's layout (N real-time shard indexes, each in its own searchd, and one
distributed index over them in another; each shard's index block is the one `newsdex
export --mapping sphinx` prints, so the schema is defined once) and loading `newsdex extract` / `newsdex-scale`
JSON Lines into it. It must not parse articles: it maps the JSON objects newsdex prints
onto the index's fields and attributes.

    newsdex-scale-sphinx config --shards 2 --dir /srv/sphinx --port 9306
    searchd -c /srv/sphinx/shard-0.conf; searchd -c /srv/sphinx/shard-1.conf
    searchd -c /srv/sphinx/dist.conf
    newsdex-scale-sphinx load --dir /srv/sphinx shards/*.jsonl
    mysql -h 127.0.0.1 -P 9310 -e "SELECT article_id FROM newsdex WHERE MATCH('@persons Shoigu')"

Before loading, the articles pass through `newsdex canonical`, which gives them the
archive-wide names and types a local `newsdex index` gives (one name per person, "Putin" ->
"Vladimir Putin" across articles), so the cluster's filters and facet counts are the local
index's. Each article goes to one shard by a hash of its id, under a 63-bit document id from
the same hash, with REPLACE: loading an article again replaces it, so re-loads never
duplicate. Entity names are also stored as 63-bit name ids (multi-value attributes that
facet counts group by); each shard's `INDEX_I_names` maps its share of the ids back to
names, and the distributed daemon serves them all as `INDEX_names`. Ports: shard i listens on PORT + 2i (SphinxQL) and PORT + 2i + 1 (API, which
the distributed index's agents use); the distributed daemon on PORT + 2N and PORT + 2N + 1.
"""

import argparse
import datetime
import glob
import hashlib
import json
import os
import subprocess
import sys
import unicodedata

def shard_index(newsdex, name, data_dir):
    """A shard's real-time index block, as `newsdex export --mapping sphinx` prints it."""
    done = subprocess.run(
        [newsdex, "export", "--mapping", "sphinx", "--index-name", name, "--data-dir", data_dir],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def distributed_index(name, agents):
    lines = [f"index {name}", "{", "    type = distributed"]
    lines += [f"    agent = {agent}" for agent in agents]
    return "\n".join(lines + ["}"]) + "\n"


def distributed_indexes(index, agents):
    """The distributed article index and the distributed name index over the shards'."""
    return (
        distributed_index(index, [f"{host}:{index}_{i}" for i, host in enumerate(agents)])
        + distributed_index(f"{index}_names", [f"{host}:{index}_{i}_names" for i, host in enumerate(agents)])
    )


def searchd_block(directory, name, port):
    return (
        "searchd\n{\n"
        f"    listen = 127.0.0.1:{port}:mysql41\n"
        f"    listen = 127.0.0.1:{port + 1}\n"
        f"    log = {directory}/{name}.log\n"
        f"    query_log = {directory}/{name}.query.log\n"
        f"    pid_file = {directory}/{name}.pid\n"
        f"    binlog_path = {directory}/{name}-binlog\n"
        "    workers = threads\n"
        "}\n"
    )


def write_configs(directory, shards, port, index, newsdex):
    """shard-I.conf for each shard and dist.conf, plus cluster.json for `load`."""
    directory = os.path.abspath(directory)
    os.makedirs(directory, exist_ok=True)
    agents = []
    for i in range(shards):
        name = f"shard-{i}"
        os.makedirs(f"{directory}/{name}-binlog", exist_ok=True)
        os.makedirs(f"{directory}/{name}-data", exist_ok=True)
        shard_port = port + 2 * i
        with open(f"{directory}/{name}.conf", "w", encoding="utf-8") as f:
            f.write(shard_index(newsdex, f"{index}_{i}", f"{directory}/{name}-data"))
            f.write(searchd_block(directory, name, shard_port))
        agents.append(f"127.0.0.1:{shard_port + 1}")
    os.makedirs(f"{directory}/dist-binlog", exist_ok=True)
    dist_port = port + 2 * shards
    with open(f"{directory}/dist.conf", "w", encoding="utf-8") as f:
        f.write(distributed_indexes(index, agents))
        f.write(searchd_block(directory, "dist", dist_port))
    with open(f"{directory}/cluster.json", "w", encoding="utf-8") as f:
        json.dump(
            {
                "index": index,
                "shards": [{"host": "127.0.0.1", "port": port + 2 * i, "index": f"{index}_{i}"} for i in range(shards)],
                "distributed": {"host": "127.0.0.1", "port": dist_port},
            },
            f,
            indent=1,
        )


def document_id(article_id):
    """A stable 63-bit id for an article id (Sphinx ids are unsigned 64-bit; 0 is not one)."""
    digest = hashlib.blake2b(article_id.encode("utf-8"), digest_size=8).digest()
    return (int.from_bytes(digest, "big") >> 1) or 1


def name_id(kind, name):
    """A stable 63-bit id for an entity name of a kind (person, place, org, byline)."""
    return document_id(f"{kind}\x1f{name}")


def wall_clock(date):
    """The date's wall-clock time as Unix seconds, as newsdex's own index stores it."""
    if not date:
        return 0
    try:
        parsed = datetime.datetime.fromisoformat(date.replace("Z", "+00:00"))
    except ValueError:
        return 0
    return int(parsed.replace(tzinfo=datetime.timezone.utc).timestamp())


def place_words(article):
    """Place names with their regions and countries (and the dateline's place, and
    countries named by adjectives), so `@places Russia` finds a story that only names
    Vladivostok, as `newsdex search --place Russia` does."""
    out = []
    for place in article.get("places", []) + [article.get("dateline_place") or {}]:
        for key in ("name", "region", "country"):
            if place.get(key) and place[key] not in out:
                out.append(place[key])
    for country in article.get("countries", []):
        if country["name"] not in out:
            out.append(country["name"])
    return out


# Letters NFKD does not split into a base letter and accents.
FOLDED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss",
                        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "ð": "d"})


def fold(text):
    """Accents off ("São Paulo" -> "Sao Paulo"), as newsdex folds entity names (its
    `fold_key`), so the name fields match either spelling; Sphinx 2.2's default character
    table would split "São" into "s" and "o"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(FOLDED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def row(article, members=None):
    """The columns of `newsdex export --mapping sphinx` for one article as newsdex prints it.
    `members` maps (kind, canonical name) to the names the archive's aliases join to it:
    they go into the full-text name fields too, so `@orgs IMF` finds the articles whose
    "IMF" became "International Monetary Fund", as a local `--org IMF` does; so do each
    entity's bracketed `short_forms` ("PAN" of "National Action Party (PAN)")."""
    members = members or {}
    names = lambda kind: [e["name"] for e in article.get(kind, [])]
    searchable = lambda kind, key: [
        name
        for e in article.get(key, [])
        for name in [e["name"], *members.get((kind, e["name"]), []), *e.get("short_forms", [])]
    ]
    return {
        "id": document_id(article["id"]),
        "headline": article.get("headline", ""),
        "byline": " ; ".join(article.get("byline", [])),
        "captions": "\n".join(article.get("captions", [])),
        "body": article.get("body", ""),
        "dateline": article.get("dateline") or "",
        "persons": fold(" | ".join(searchable("person", "persons"))),
        "places": fold(" | ".join(place_words(article))),
        "orgs": fold(" | ".join(searchable("org", "orgs"))),
        "article_id": article["id"],
        "path": article.get("path", ""),
        "url": article.get("url") or "",
        "headline_text": article.get("headline", ""),
        "person_names": "|".join(names("persons")),
        "place_names": "|".join(names("places")),
        "org_names": "|".join(names("orgs")),
        "byline_names": "|".join(article.get("byline", [])),
        "dateline_name": (article.get("dateline_place") or {}).get("name") or article.get("dateline") or "",
        "published": wall_clock(article.get("date")),
        "date_text": article.get("date") or "",
        "person_ids": tuple(name_id("person", n) for n in names("persons")),
        "place_ids": tuple(name_id("place", n) for n in names("places")),
        "org_ids": tuple(name_id("org", n) for n in names("orgs")),
        "byline_ids": tuple(name_id("byline", n) for n in article.get("byline", [])),
        "entities": json.dumps(
            {kind: article.get(kind, []) for kind in ("persons", "places", "orgs", "countries")}
        ),
    }


def entity_names(article):
    """(kind, name) of every name the article's facets count."""
    for kind, key in (("person", "persons"), ("place", "places"), ("org", "orgs")):
        for entity in article.get(key, []):
            yield kind, entity["name"]
    for name in article.get("byline", []):
        yield "byline", name


def alias_members(aliases):
    """(kind, canonical name) -> the names a filter finds it by: the stored names `newsdex
    canonical --aliases` joined to it, and an organisation's acronym."""
    members = {}
    for kind in ("person", "org"):
        for name, canonical in aliases.get(kind, {}).items():
            members.setdefault((kind, canonical), []).append(name)
    # An organisation's acronym finds it too ("IMF" -> "International Monetary Fund").
    for letters, expansion in aliases.get("acronyms", {}).items():
        members.setdefault(("org", expansion), []).append(letters)
    return members


def canonical_articles(newsdex, paths, members):
    """The articles of `paths` with the archive-wide names `newsdex canonical` gives them;
    fills `members` from the aliases it decided (written before the first article)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        aliases_path = os.path.join(tmp, "aliases.json")
        process = subprocess.Popen(
            [newsdex, "canonical", "--aliases", aliases_path, *paths],
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        read_aliases = False
        for line in process.stdout:
            if not read_aliases:
                with open(aliases_path, encoding="utf-8") as f:
                    members.update(alias_members(json.load(f)))
                read_aliases = True
            if line.strip():
                yield json.loads(line)
        if process.wait() != 0:
            raise SystemExit(
                f"newsdex-scale-sphinx: `{newsdex} canonical` failed (exit {process.returncode})"
            )


def load(directory, paths, newsdex="newsdex", batch=200):
    """REPLACE every article of the JSON Lines `paths` into its shard, and its names into
    the shards' name indexes; articles loaded."""
    import pymysql

    with open(os.path.join(directory, "cluster.json"), encoding="utf-8") as f:
        cluster = json.load(f)
    shards = cluster["shards"]
    connections = [
        pymysql.connect(host=s["host"], port=s["port"], autocommit=True) for s in shards
    ]
    pending = [[] for _ in shards]
    pending_names = [[] for _ in shards]
    named = set()
    columns = None
    loaded = 0

    def flush(i):
        if pending[i]:
            marks = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(pending[i]))
            sql = f"REPLACE INTO {shards[i]['index']} ({', '.join(columns)}) VALUES {marks}"
            with connections[i].cursor() as cursor:
                cursor.execute(sql, [value for r in pending[i] for value in r])
            pending[i] = []
        if pending_names[i]:
            marks = ", ".join(["(%s, %s, %s, %s)"] * len(pending_names[i]))
            sql = f"REPLACE INTO {shards[i]['index']}_names (id, name_text, kind, name) VALUES {marks}"
            with connections[i].cursor() as cursor:
                cursor.execute(sql, [value for r in pending_names[i] for value in r])
            pending_names[i] = []

    members = {}
    for article in canonical_articles(newsdex, paths, members):
        values = row(article, members)
        columns = columns or list(values)
        i = values["id"] % len(shards)
        pending[i].append([values[c] for c in columns])
        for kind, name in entity_names(article):
            key = name_id(kind, name)
            if key not in named:
                named.add(key)
                pending_names[key % len(shards)].append([key, name, kind, name])
        loaded += 1
        if len(pending[i]) >= batch:
            flush(i)
    for i in range(len(shards)):
        flush(i)
    for connection in connections:
        connection.close()
    return loaded


def main(argv=None):
    parser = argparse.ArgumentParser(prog="newsdex-scale-sphinx", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    config = sub.add_parser("config", help="write the shard and distributed searchd configs")
    config.add_argument("--shards", type=int, default=2)
    config.add_argument("--dir", required=True)
    config.add_argument("--port", type=int, default=9306, help="first port (see module doc)")
    config.add_argument("--index", default="newsdex", help="name of the distributed index")
    config.add_argument("--newsdex", default="newsdex", help="the newsdex binary (prints the index definition)")
    loader = sub.add_parser("load", help="load JSON Lines articles into the shards")
    loader.add_argument("--dir", required=True, help="the directory `config` wrote")
    loader.add_argument("--newsdex", default="newsdex", help="the newsdex binary (gives the articles their archive-wide names)")
    loader.add_argument("paths", nargs="+", help="JSON Lines files or folders of shard-*.jsonl")
    args = parser.parse_args(argv)
    if args.command == "config":
        write_configs(args.dir, args.shards, args.port, args.index, args.newsdex)
        print(f"newsdex-scale-sphinx: {args.shards} shards and dist.conf in {args.dir}", file=sys.stderr)
        return 0
    files = []
    for path in args.paths:
        files += sorted(glob.glob(os.path.join(path, "*.jsonl"))) if os.path.isdir(path) else [path]
    loaded = load(args.dir, files, args.newsdex)
    print(f"newsdex-scale-sphinx: loaded {loaded} articles from {len(files)} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
