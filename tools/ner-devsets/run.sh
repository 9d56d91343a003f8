#!/bin/sh
# Score the fast tagger of a newsdex binary on every NER set in ../shared/ner and print the
# BENCHMARKS.md dev table (P/R/F1 per type and PER+LOC+ORG micro F1, MISC ignored).
#   sh tools/ner-devsets/run.sh [NEWSDEX_BINARY]     (default target/release/newsdex)
#   NER=accurate sh tools/ner-devsets/run.sh ...     (the accurate tier; about 5 minutes)
# Sets (convert.py): CoNLL-2003 valid; wikigold's last third (dev) and the whole of it;
# BTC section G's last third and every section's last third (dev); WNUT-17 dev and test
# (person->PER, location->LOC, corporation/group->ORG, product/creative-work->MISC). The
# shipped model trains on the other two thirds of wikigold and BTC (tools/ner-devsets/
# train.sh), so "wikigold (all)" is partly training data for it; the dev rows are not.
# news2019.dev: 32 articles of 2019 news (tools/modern-dev, annotated for newsdex; the
# fast tier's silver training text includes their bodies, tagged by the accurate tier).
# news2019.b: 24 more articles of the same benchmark, annotated later; no rule was written
# from them (tools/modern-dev/README.md).
# world.dev: 24 worldwide news articles written and annotated for newsdex
# (tools/world-dev/README.md). world.b.dev / world.b.test: the odd / even articles of 24
# more (tools/world-b/README.md); rules may be written from .dev, never from .test.
# world.c.dev / world.c.test: the same for 30 more, from the held-out worldwide set's
# regions (tools/world-c/README.md).
# real.world / .b / .c, real.wire / .b: real excerpts of worldwide news and of 2019-22
# agency copy, annotated for newsdex; rules may be written from the first of each, never
# from .b or .c (tools/real-news/README.md).
# Each tweet is its own document. Output also in /tmp/ner-devsets/eval/; about 20 s.
set -e
NX=${1:-$PWD/target/release/newsdex}
T=$(dirname "$0")
OUT=/tmp/ner-devsets
EVAL=$OUT/eval-${NER:-fast}
mkdir -p $OUT/data $OUT/pred-${NER:-fast} $EVAL
python3 $T/convert.py --src ../shared/ner --out $OUT/data > $OUT/sizes.txt
python3 $T/../modern-dev/build.py --shared ../shared --out $OUT/data/news2019.dev.conll 2>> $OUT/sizes.txt
python3 $T/../modern-dev/build.py --shared ../shared --manifest manifest-b.tsv --out $OUT/data/news2019.b.conll 2>> $OUT/sizes.txt
python3 $T/../modern-dev/build.py --texts $T/../world-dev --out $OUT/data/world.dev.conll 2>> $OUT/sizes.txt
python3 $T/../modern-dev/build.py --texts $T/../world-b --parity odd --out $OUT/data/world.b.dev.conll 2>> $OUT/sizes.txt
python3 $T/../modern-dev/build.py --texts $T/../world-b --parity even --out $OUT/data/world.b.test.conll 2>> $OUT/sizes.txt
python3 $T/../modern-dev/build.py --texts $T/../world-c --parity odd --out $OUT/data/world.c.dev.conll 2>> $OUT/sizes.txt
python3 $T/../modern-dev/build.py --texts $T/../world-c --parity even --out $OUT/data/world.c.test.conll 2>> $OUT/sizes.txt
SETS="conll2003.valid wikigold.dev wikigold btc.g.dev btc.all.dev wnut17.dev wnut17.test news2019.dev news2019.b world.dev world.b.dev world.b.test world.c.dev world.c.test"
# Real news excerpts (tools/real-news/README.md): their texts are not in the repository;
# the rows are added where a copy sits at $REAL_NEWS_TEXTS (default ../real-news-texts).
REAL=${REAL_NEWS_TEXTS:-$T/../../../real-news-texts}
if [ -d "$REAL/world" ] && [ -d "$REAL/wire" ]; then
  python3 $T/../modern-dev/build.py --texts $REAL/world --ann-dir $T/../real-news/world --numbers 1-49 --out $OUT/data/real.world.conll 2>> $OUT/sizes.txt
  python3 $T/../modern-dev/build.py --texts $REAL/world --ann-dir $T/../real-news/world --numbers 50-99 --out $OUT/data/real.world.b.conll 2>> $OUT/sizes.txt
  python3 $T/../modern-dev/build.py --texts $REAL/world --ann-dir $T/../real-news/world --numbers 100-199 --out $OUT/data/real.world.c.conll 2>> $OUT/sizes.txt
  python3 $T/../modern-dev/build.py --texts $REAL/wire --ann-dir $T/../real-news/wire --numbers 1-19 --out $OUT/data/real.wire.conll 2>> $OUT/sizes.txt
  python3 $T/../modern-dev/build.py --texts $REAL/wire --ann-dir $T/../real-news/wire --numbers 20-99 --out $OUT/data/real.wire.b.conll 2>> $OUT/sizes.txt
  SETS="$SETS real.world real.world.b real.world.c real.wire real.wire.b"
fi
for n in $SETS; do
  "$NX" tag --ner ${NER:-fast} --conll "$OUT/data/$n.conll" > $OUT/pred-${NER:-fast}/$n.pred
  python3 $T/score.py "$OUT/data/$n.conll" $OUT/pred-${NER:-fast}/$n.pred --json $EVAL/$n.json --errors $EVAL/$n.errors.tsv > $EVAL/$n.score.txt
done
python3 $T/errors.py 30 $EVAL/btc.g.dev.errors.tsv > $EVAL/btc.g.dev.top30.txt
python3 $T/errors.py 30 $EVAL/wnut17.dev.errors.tsv $EVAL/wnut17.test.errors.tsv > $EVAL/wnut17.devtest.top30.txt
python3 $T/table.py $EVAL $SETS
