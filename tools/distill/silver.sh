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
# tag IN OUT: the accurate tier's tags of IN, in OUT only once complete.
tag() { "$NX" tag --ner accurate "$1" > "$2.part" && mv "$2.part" "$2"; }
python3 "$HERE/corpus.py" --shared ../shared --out $OUT/corpus.jsonl
tag $OUT/corpus.jsonl $OUT/silver.conll
python3 "$HERE/corpus.py" --synthetic "$HERE/synthetic" --unannotated --out $OUT/synth.jsonl
if [ -s $OUT/synth.jsonl ]; then  # none left once every article is annotated
  tag $OUT/synth.jsonl $OUT/synth.conll
else
  : > $OUT/synth.conll
fi
# Real worldwide news excerpts (real/README.md), kept outside the repository.
REAL=${REAL_SILVER_TEXTS:-$HERE/../../../real-news-silver}
if [ -d "$REAL" ]; then
  python3 "$HERE/corpus.py" --real "$REAL" --out $OUT/real.jsonl
  tag $OUT/real.jsonl $OUT/real.conll
else
  echo "silver.sh: no real news excerpts at $REAL (tools/distill/real/README.md); real.conll is empty" >&2
  : > $OUT/real.conll
fi
sh "$HERE/gold.sh" > $OUT/synth-gold.conll.part
mv $OUT/synth-gold.conll.part $OUT/synth-gold.conll
for f in silver synth real synth-gold; do
  echo "$(grep -c -- '-DOCSTART-' $OUT/$f.conll) documents in $OUT/$f.conll"
done
