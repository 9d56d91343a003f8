#!/usr/bin/env python3
"""Classify entity errors from score.py --errors TSV files; print the N most frequent kinds.

Usage: python3 errors.py N FILE.errors.tsv [FILE2.errors.tsv ...]
Kinds (each gold/predicted span counted once):
  missed X [surface]      gold X, no overlapping prediction
  X tagged Y              same span, wrong type
  X boundary (Y) [surface] overlapping prediction with a different span (Y = its type(s))
  spurious Y [surface]    predicted Y overlapping no gold entity
Surface: @mention, #hashtag, lowercase, ALLCAPS, Titlecase, other (digits, mixed).
"""
import sys, collections, re


def surface(text, ctx_first):
    toks = text.split()
    t0 = toks[0]
    if t0.startswith("@"):
        return "@mention"
    if t0.startswith("#"):
        return "#hashtag"
    letters = re.sub(r"[^A-Za-z\u00c0-\u024f]", "", text)
    if not letters:
        return "other"
    if letters == letters.lower():
        return "lowercase"
    if letters == letters.upper() and len(letters) > 1:
        return "ALLCAPS"
    if all(w[:1].isupper() or not w[:1].isalpha() for w in toks):
        return "Titlecase" + (" sent-initial" if ctx_first else "")
    return "mixed-case"


def main():
    n = int(sys.argv[1])
    kinds = collections.Counter(); ex = collections.defaultdict(list)
    for path in sys.argv[2:]:
        for line in open(path, encoding="utf-8"):
            kind, si, typ, text, over, ctx = line.rstrip("\n").split("\t")
            first = ctx.startswith(text)
            ov = [o.rsplit("/", 1) for o in over.split(";") if o]
            if kind == "FN":
                if not ov:
                    k = f"missed {typ} [{surface(text, first)}]"
                elif len(ov) == 1 and ov[0][0] == text:
                    k = f"{typ} tagged {ov[0][1]}"
                else:
                    k = f"{typ} boundary (pred {'+'.join(sorted({o[1] for o in ov}))}) [{surface(text, first)}]"
            else:
                if ov:
                    continue  # counted on the gold side
                k = f"spurious {typ} [{surface(text, first)}]"
            kinds[k] += 1
            if len(ex[k]) < 4 and text not in [e.split(' <')[0] for e in ex[k]]:
                ex[k].append(f"{text}" + (f" <{over}>" if ov else ""))
    total = sum(kinds.values())
    print(f"total error events: {total}")
    for k, c in kinds.most_common(n):
        print(f"{c:5d}  {k:45s} e.g. " + " | ".join(ex[k]))


if __name__ == "__main__":
    main()
