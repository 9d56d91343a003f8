#!/usr/bin/env python3
"""Print the dev table (markdown) from score.py's JSON files: table.py EVAL_DIR SET..."""
import json, os, sys

d, sets = sys.argv[1], sys.argv[2:]
print("| set | PER P/R/F1 | LOC P/R/F1 | ORG P/R/F1 | MISC F1 | **PER+LOC+ORG** P/R/F1 |")
print("|---|---|---|---|---|---|")
for n in sets:
    r = json.load(open(os.path.join(d, n + ".json")))
    cell = lambda k: "/".join(f"{r[k][x]:.1f}" for x in ("P", "R", "F1")) if k in r else "-"
    misc = f"{r['MISC']['F1']:.1f}" if "MISC" in r and r["MISC"]["gold"] else "-"
    print(f"| {n} | {cell('PER')} | {cell('LOC')} | {cell('ORG')} | {misc} | **{cell('PLO')}** |")
