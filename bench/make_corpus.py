#!/usr/bin/env python3
"""Build a scaled benchmark corpus from the BBC dataset.

    python3 bench/make_corpus.py ../shared/corpora/bbc OUT_DIR SCALE

Writes OUT_DIR/text/<topic>/<copy>/<n>.txt (one article per file, a date line under the
headline) and OUT_DIR/corpus.jsonl (the same articles as JSON Lines with id, headline,
date and body). Copy k of an article gets id "<topic>-<n>-<k>" and its own date, so the
copies are distinct articles to both engines.
"""
import datetime
import json
import os
import sys


def main(src, out, scale):
    articles = []
    for topic in sorted(os.listdir(src)):
        folder = os.path.join(src, topic)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            raw = open(os.path.join(folder, name), "rb").read()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("cp1252")
            headline, _, body = text.strip().partition("\n")
            articles.append((topic, name[:-4], headline.strip(), body.strip()))
    start = datetime.date(2004, 1, 1)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "corpus.jsonl"), "w", encoding="utf-8") as jsonl:
        for k in range(scale):
            for i, (topic, n, headline, body) in enumerate(articles):
                date = start + datetime.timedelta(days=(i * 7 + k * 3) % 3650)
                folder = os.path.join(out, "text", topic, f"{k:03d}")
                os.makedirs(folder, exist_ok=True)
                with open(os.path.join(folder, f"{n}.txt"), "w", encoding="utf-8") as f:
                    f.write(f"{headline}\n{date.strftime('%d %B %Y')}\n\n{body}\n")
                jsonl.write(json.dumps({"id": f"{topic}-{n}-{k}", "headline": headline,
                                        "date": date.isoformat(), "body": body}) + "\n")
    print(f"{len(articles) * scale} articles in {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
