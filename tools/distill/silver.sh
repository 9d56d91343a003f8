#!/bin/sh
# Silver training data for the fast tagger: unlabelled news (tools/distill/corpus.py) tagged
# by the accurate tier, as CoNLL with a -DOCSTART- per article; and the same for the committed
# synthetic articles (tools/distill/synthetic/README.md). About 2 minutes on 2 cores.
#   sh tools/distill/silver.sh [NEWSDEX_BINARY]  -> /tmp/distill/silver.conll, synth.conll
# tools/ner-devsets/train.sh trains on it when it is there (BENCHMARKS.md says what it does).
set -e
NX=${1:-$PWD/target/release/newsdex}
OUT=/tmp/distill
mkdir -p $OUT
python3 "$(dirname "$0")/corpus.py" --shared ../shared --out $OUT/corpus.jsonl
"$NX" tag --ner accurate $OUT/corpus.jsonl > $OUT/silver.conll.part
mv $OUT/silver.conll.part $OUT/silver.conll
python3 "$(dirname "$0")/corpus.py" --synthetic "$(dirname "$0")/synthetic" --out $OUT/synth.jsonl
"$NX" tag --ner accurate $OUT/synth.jsonl > $OUT/synth.conll.part
mv $OUT/synth.conll.part $OUT/synth.conll
grep -c -- '-DOCSTART-' $OUT/silver.conll | sed 's/$/ documents in \/tmp\/distill\/silver.conll/'
grep -c -- '-DOCSTART-' $OUT/synth.conll | sed 's/$/ documents in \/tmp\/distill\/synth.conll/'
