#!/usr/bin/env python3
"""Per-article entity-set F1 of `newsdex extract` against a hand-made gold set.

    python3 tools/entity-sets/score.py GOLD.jsonl [--root ../shared/corpora/bbc]
        [--newsdex target/release/newsdex] [--ner fast|accurate] [--errors]

GOLD.jsonl: one line per article, {"file": PATH under --root, "persons": [...],
"places": [...], "orgs": [...]} (tools/entity-sets/guidelines.md says what goes in).
Each article is run through `newsdex extract FILE`; its persons, places and orgs are compared
with the gold names of the same type, one to one. Strict: equal after case, "the ",
punctuation and spacing are folded. Lenient: also when the words of one name are all among
the words of the other ("Blair" / "Tony Blair", "New York" / "New York City"). Prints micro
P/R/F1 per type and over the three (each (article, type, name) counts once), the same
ignoring type, and with --errors every miss and every extra.
"""
import argparse
import json
import os
import re
import subprocess
import sys

TYPES = ("persons", "places", "orgs")


def fold(name):
    s = name.lower().replace("’", "'")
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"[.,'\"()]", "", s.replace("-", " "))
    return " ".join(s.split())


def lenient(a, b):
    wa, wb = set(a.split()), set(b.split())
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def match(gold, pred, loose):
    """One-to-one matching; returns (matched pairs, missed gold, extra pred)."""
    gold = [(g, fold(g)) for g in gold]
    pred = [(p, fold(p)) for p in pred]
    used = set()
    pairs, missed = [], []
    for rule in ([lambda a, b: a == b] + ([lenient] if loose else [])):
        rest = []
        for g, fg in gold:
            hit = next((i for i, (_, fp) in enumerate(pred) if i not in used and rule(fg, fp)), None)
            if hit is None:
                rest.append((g, fg))
            else:
                used.add(hit)
                pairs.append((g, pred[hit][0]))
        gold = rest
    missed = [g for g, _ in gold]
    extra = [p for i, (p, _) in enumerate(pred) if i not in used]
    return pairs, missed, extra


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--root", default="../shared/corpora/bbc")
    ap.add_argument("--newsdex", default="target/release/newsdex")
    ap.add_argument("--ner", default="fast")
    ap.add_argument("--errors", action="store_true")
    a = ap.parse_args()
    gold = [json.loads(l) for l in open(a.gold) if l.strip()]
    counts = {(mode, t): [0, 0, 0] for mode in ("strict", "lenient") for t in TYPES + ("all", "untyped")}
    errors = []
    for g in gold:
        path = os.path.join(a.root, g["file"])
        out = subprocess.run([a.newsdex, "extract", "--ner", a.ner, "--color", "never", path],
                             capture_output=True, text=True, check=True).stdout
        art = json.loads(out.splitlines()[0])
        pred = {t: [e["name"] for e in art.get(t, [])] for t in TYPES}
        for mode in ("strict", "lenient"):
            loose = mode == "lenient"
            for t in TYPES:
                pairs, missed, extra = match(g[t], pred[t], loose)
                for key in (t, "all"):
                    c = counts[(mode, key)]
                    c[0] += len(pairs); c[1] += len(pred[t]); c[2] += len(g[t])
                if loose:
                    errors += [(g["file"], t, "missed", m) for m in missed]
                    errors += [(g["file"], t, "extra", e) for e in extra]
            pairs, _, _ = match(sum((g[t] for t in TYPES), []), sum((pred[t] for t in TYPES), []), loose)
            c = counts[(mode, "untyped")]
            c[0] += len(pairs); c[1] += sum(len(pred[t]) for t in TYPES); c[2] += sum(len(g[t]) for t in TYPES)
    print(f"{len(gold)} articles, newsdex extract --ner {a.ner}")
    print("| match | " + " | ".join(TYPES) + " | **all three** | ignoring type |")
    print("|---|---|---|---|---|---|")
    for mode in ("strict", "lenient"):
        cells = []
        for t in TYPES + ("all", "untyped"):
            tp, npred, ngold = counts[(mode, t)]
            p, r, f = prf(tp, npred, ngold)
            cell = f"{100*p:.1f}/{100*r:.1f}/{100*f:.1f}"
            cells.append(f"**{cell}**" if t == "all" else cell)
        print(f"| {mode} P/R/F1 | " + " | ".join(cells) + " |")
    if a.errors:
        for e in errors:
            print("\t".join(e))


if __name__ == "__main__":
    sys.exit(main())
