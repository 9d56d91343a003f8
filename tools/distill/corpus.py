#!/usr/bin/env python3
"""Unlabelled news for distilling the accurate tier into the fast tagger, as one JSONL file
(`{"id", "title", "body"}` per article) that `newsdex tag --ner accurate` reads.

    python3 tools/distill/corpus.py --shared ../shared --out /tmp/distill/corpus.jsonl

Sources (text read from ../shared, never committed):
  corpora/bbc/            2,225 BBC News articles, 2004-05 (Greene & Cunningham 2006):
                          first line the headline, the rest the body;
  extraction-dev/ground-truth.json
                          the reference bodies of 91 news pages from many outlets
                          (2010s-2020s), the only modern news text here.
Articles are written in a fixed order, so the silver data and the model are reproducible.

    python3 tools/distill/corpus.py --synthetic tools/distill/synthetic --out /tmp/distill/synth.jsonl

writes instead the committed synthetic articles (tools/distill/synthetic/README.md: modern
worldwide news written for newsdex, first line the headline), a separate silver file that
train.sh weighs on its own; `--unannotated` leaves out those annotated by hand (their gold
is built by gold.sh).
"""
import argparse
import hashlib
import json
import os


def folder_articles(root, prefix, skip_annotated=False):
    """The `.txt` files one folder down (`root/FOLDER/NAME.txt`, in sorted order) as articles
    with ids `PREFIX-FOLDER-NAME`: first line the headline, the rest the body; UTF-8, or
    Latin-1 where that fails (a few BBC files). With `skip_annotated`, not those with a
    hand annotation (`NAME.ann`) beside them: they are gold data, not silver."""
    for folder_name in sorted(os.listdir(root)):
        folder = os.path.join(root, folder_name)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".txt"):
                continue
            if skip_annotated and os.path.exists(os.path.join(folder, name[:-4] + ".ann")):
                continue
            with open(os.path.join(folder, name), "rb") as f:
                yield article(f"{prefix}-{folder_name}-{name[:-4]}", f.read())


def article(id, raw):
    """An article from a text file's bytes: first line the headline, the rest the body;
    UTF-8, or Latin-1 where that fails (a few BBC files)."""
    try:
        text = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        text = raw.decode("latin-1").strip()
    title, _, body = text.partition("\n")
    return {"id": id, "title": title.strip(), "body": body.strip()}


def extraction_dev(path):
    with open(path, encoding="utf-8") as f:
        pages = json.load(f)
    for key in sorted(pages):
        body = (pages[key].get("articleBody") or "").strip()
        if body:
            yield {"id": f"page-{key[:12]}", "title": "", "body": body}


def real_articles(root, manifest):
    """The real news excerpts listed in `manifest` (tools/distill/real/manifest.tsv: `FOLDER/NN`,
    SHA-256, address, "outlet; country; date") from `root/FOLDER/NN.txt`, in manifest order,
    with ids `real-FOLDER-NN`: first line the headline, the rest the body. Fails on a missing
    or changed text, so the silver data is the text the manifest names or nothing."""
    with open(manifest, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    for name, sha, *_ in rows:
        path = os.path.join(root, name + ".txt")
        with open(path, "rb") as f:
            raw = f.read()
        if hashlib.sha256(raw).hexdigest() != sha:
            raise SystemExit(f"{path}: not the text {manifest} names (SHA-256 differs)")
        yield article("real-" + name.replace("/", "-"), raw)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--out", required=True)
    ap.add_argument("--synthetic", help="write the synthetic articles under this folder instead")
    ap.add_argument("--real", help="write instead the real news excerpts under this folder that --manifest lists")
    ap.add_argument("--manifest", default=os.path.join(os.path.dirname(__file__), "real", "manifest.tsv"),
                    help="with --real: the list of excerpts and their SHA-256 (default real/manifest.tsv)")
    ap.add_argument("--unannotated", action="store_true",
                    help="with --synthetic: only the articles without a hand annotation (NAME.ann)")
    args = ap.parse_args()
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    n = 0
    with open(args.out, "w", encoding="utf-8") as out:
        if args.real:
            sources = (real_articles(args.real, args.manifest),)
        elif args.synthetic:
            sources = (folder_articles(args.synthetic, "synth", args.unannotated),)
        else:
            sources = (folder_articles(os.path.join(args.shared, "corpora/bbc"), "bbc"),
                       extraction_dev(os.path.join(args.shared, "extraction-dev/ground-truth.json")))
        for source in sources:
            for article in source:
                out.write(json.dumps(article, ensure_ascii=False) + "\n")
                n += 1
    print(f"{n} articles -> {args.out}")


if __name__ == "__main__":
    main()
