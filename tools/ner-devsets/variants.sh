#!/bin/sh
# PER+LOC+ORG F1 of `newsdex tag --conll` on dev sets cut the ways other tools cut text
# (variants.py says how), for one or more binaries side by side:
#   sh tools/ner-devsets/variants.sh BIN [BIN2 ...]          (the fast tier)
#   NER=accurate sh tools/ner-devsets/variants.sh BIN ...    (the accurate tier)
# Needs the dev files of run.sh in /tmp/ner-devsets/data. About 10 s per binary for the
# fast tier, 3 minutes for the accurate one.
set -e
T=$(dirname "$0")
SETS=${SETS:-"conll2003.valid news2019.dev world.dev world.b.dev"}
VARIANTS="orig nodoc nosent glued poss ptb hyphens gluednosent"
for s in $SETS; do
  python3 $T/variants.py /tmp/ner-devsets/data/$s.conll /tmp/ner-devsets/variants/$s
done
printf '| variant | set |'; for b in "$@"; do printf ' %s |' "$(basename "$b")"; done; echo
printf '|---|---|'; for b in "$@"; do printf -- '---|'; done; echo
for v in $VARIANTS; do
  for s in $SETS; do
    printf '| %s | %s |' $v $s
    for b in "$@"; do
      f=$("$b" tag --ner ${NER:-fast} --conll --eval /tmp/ner-devsets/variants/$s/$v.conll \
        | awk '/^PER\+LOC\+ORG/ {print $(NF-2)}')
      printf ' %s |' "$f"
    done
    echo
  done
done
