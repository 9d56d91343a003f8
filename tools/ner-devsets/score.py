#!/usr/bin/env python3
"""conlleval-style entity scorer: gold CoNLL (token TAG) vs `newsdex tag --conll` output.

Usage: python3 score.py GOLD PRED [--json OUT] [--errors OUT.tsv]
Prints overall, per type, PER+LOC+ORG micro (MISC spans removed from gold AND predictions),
and PER+LOC+ORG without @mention spans (spans whose first token starts with '@').
"""
import sys, json, argparse, collections


def read(path):
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if cur:
                sents.append(cur); cur = []
            continue
        if line.startswith("-DOCSTART-"):
            if cur:
                sents.append(cur); cur = []
            continue
        p = line.split()
        cur.append((p[0], p[-1] if len(p) > 1 else "O"))
    if cur:
        sents.append(cur)
    return sents


def spans(tags):
    out, i = [], 0
    while i < len(tags):
        t = tags[i]
        if t[:2] in ("B-", "I-"):
            k = t[2:]; j = i + 1
            while j < len(tags) and tags[j] == "I-" + k:
                j += 1
            out.append((i, j, k)); i = j
        else:
            i += 1
    return out


def prf(c, p, g):
    P = c / p if p else 0.0; R = c / g if g else 0.0
    return P, R, (2 * P * R / (P + R) if P + R else 0.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold"); ap.add_argument("pred")
    ap.add_argument("--json"); ap.add_argument("--errors")
    a = ap.parse_args()
    G, Pr = read(a.gold), read(a.pred)
    assert len(G) == len(Pr), (len(G), len(Pr))
    cnt = collections.defaultdict(lambda: [0, 0, 0])  # correct, predicted, gold
    errs = []
    for si, (gs, ps) in enumerate(zip(G, Pr)):
        assert [t for t, _ in gs] == [t for t, _ in ps], si
        toks = [t for t, _ in gs]
        g = set(spans([t for _, t in gs])); p = set(spans([t for _, t in ps]))
        for key, keep in (("all", lambda s: True),
                          ("PLO", lambda s: s[2] != "MISC"),
                          ("PLO-noat", lambda s: s[2] != "MISC" and not toks[s[0]].startswith("@"))):
            gg = {s for s in g if keep(s)}; pp = {s for s in p if keep(s)}
            cnt[key][0] += len(gg & pp); cnt[key][1] += len(pp); cnt[key][2] += len(gg)
        for s in g:
            cnt[s[2]][2] += 1
        for s in p:
            cnt[s[2]][1] += 1
            if s in g:
                cnt[s[2]][0] += 1
        # error records: every gold span not exactly found, every predicted span not gold
        for s in g - p:
            over = [q for q in p if q[0] < s[1] and s[0] < q[1]]
            errs.append(("FN", si, s, over, toks, [t for _, t in gs]))
        for s in p - g:
            over = [q for q in g if q[0] < s[1] and s[0] < q[1]]
            errs.append(("FP", si, s, over, toks, [t for _, t in gs]))
    res = {}
    for k in ["all", "PLO", "PLO-noat"] + sorted(x for x in cnt if x not in ("all", "PLO", "PLO-noat")):
        c, p, g = cnt[k]
        P, R, F = prf(c, p, g)
        res[k] = dict(correct=c, predicted=p, gold=g, P=round(100 * P, 2), R=round(100 * R, 2), F1=round(100 * F, 2))
        print(f"{k:9s} P {100*P:6.2f}  R {100*R:6.2f}  F1 {100*F:6.2f}   (correct {c}, pred {p}, gold {g})")
    if a.json:
        json.dump(res, open(a.json, "w"), indent=1)
    if a.errors:
        with open(a.errors, "w", encoding="utf-8") as f:
            for kind, si, s, over, toks, gt in errs:
                text = " ".join(toks[s[0]:s[1]])
                ov = ";".join(f"{' '.join(toks[q[0]:q[1]])}/{q[2]}" for q in over)
                ctx = " ".join(toks[max(0, s[0] - 4):s[1] + 4])
                f.write(f"{kind}\t{si}\t{s[2]}\t{text}\t{ov}\t{ctx}\n")


if __name__ == "__main__":
    main()
