#!/bin/sh
# Training data for the fast tagger beyond the gold sets (tools/distill/):
#   silver.conll  unlabelled news (corpus.py) tagged by the accurate tier;
#   synth.conll   the committed synthetic articles without a hand annotation, tagged the same way;
#   real.conll    real worldwide news excerpts (real/manifest.tsv), tagged the same way;
#   synth-gold.conll  the synthetic articles annotated by hand (NAME.ann beside NAME.txt),
#                 built as gold by tools/modern-dev/build.py.
# CoNLL with a -DOCSTART- per article. About 2 minutes on 2 cores.
#   sh tools/distill/silver.sh [NEWSDEX_BINARY]  -> /tmp/distill/{silver,synth,real,synth-gold}.conll
# tools/ner-devsets/train.sh trains on them (BENCHMARKS.md says what each does).
set -e
NX=${1:-$PWD/target/release/newsdex}
HERE="$(dirname "$0")"
OUT=/tmp/distill
mkdir -p $OUT
python3 "$HERE/corpus.py" --shared ../shared --out $OUT/corpus.jsonl
"$NX" tag --ner accurate $OUT/corpus.jsonl > $OUT/silver.conll.part
mv $OUT/silver.conll.part $OUT/silver.conll
python3 "$HERE/corpus.py" --synthetic "$HERE/synthetic" --unannotated --out $OUT/synth.jsonl
if [ -s $OUT/synth.jsonl ]; then  # none left once every article is annotated
  "$NX" tag --ner accurate $OUT/synth.jsonl > $OUT/synth.conll.part
  mv $OUT/synth.conll.part $OUT/synth.conll
else
  : > $OUT/synth.conll
fi
# Real worldwide news excerpts (real/README.md), kept outside the repository.
REAL=${REAL_SILVER_TEXTS:-$HERE/../../../real-news-silver}
if [ -d "$REAL" ]; then
  python3 "$HERE/corpus.py" --real "$REAL" --out $OUT/real.jsonl
  "$NX" tag --ner accurate $OUT/real.jsonl > $OUT/real.conll.part
  mv $OUT/real.conll.part $OUT/real.conll
else
  echo "silver.sh: no real news excerpts at $REAL (tools/distill/real/README.md); real.conll is empty" >&2
  : > $OUT/real.conll
fi
sh "$HERE/gold.sh" > $OUT/synth-gold.conll.part
mv $OUT/synth-gold.conll.part $OUT/synth-gold.conll
for f in silver synth real synth-gold; do
  echo "$(grep -c -- '-DOCSTART-' $OUT/$f.conll) documents in $OUT/$f.conll"
done
