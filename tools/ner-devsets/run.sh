#!/bin/sh
# Score the shipped fast tagger on every NER set in ../shared/ner (CoNLL-2003 valid,
# wikigold, BTC by section, WNUT-17), converted to 2-column IOB2 CoNLL with PER/LOC/ORG/MISC
# (WNUT: person->PER, location->LOC, corporation/group->ORG, product/creative-work->MISC;
# BTC's split "@ handle" mentions rejoined; each tweet its own document).
# Run from the repository root after `cargo build --release`; ~20 s on one thread.
# Output in /tmp/ner-devsets: eval/*.score.txt (P/R/F1 per type and PER+LOC+ORG micro F1).
set -e
NX=$PWD/target/release/newsdex
T=$(dirname "$0")
OUT=/tmp/ner-devsets
mkdir -p $OUT/data $OUT/pred $OUT/eval
python3 $T/convert.py --src ../shared/ner --out $OUT/data --also-nodocs > $OUT/sizes.txt
for f in $OUT/data/*.conll; do
  n=$(basename $f .conll)
  $NX tag --conll "$f" > $OUT/pred/$n.pred
  python3 $T/score.py "$f" $OUT/pred/$n.pred --json $OUT/eval/$n.json --errors $OUT/eval/$n.errors.tsv > $OUT/eval/$n.score.txt
done
python3 $T/errors.py 30 $OUT/eval/btc.g.errors.tsv > $OUT/eval/btc.g.top30.txt
python3 $T/errors.py 30 $OUT/eval/wnut17.dev.errors.tsv $OUT/eval/wnut17.test.errors.tsv > $OUT/eval/wnut17.devtest.top30.txt
grep -H "" $OUT/eval/*.score.txt | head -80
