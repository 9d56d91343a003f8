#!/usr/bin/env bash
# A/B indexing throughput of two (or more) newsdex binaries on the same corpus, in
# alternating runs so that a busy machine slows both alike:
#
#   bash bench/ab-index.sh OLD_BINARY NEW_BINARY          # x10 JSONL, 5 runs each
#   CORPUS=... RUNS=7 bash bench/ab-index.sh A B C
#
# Runs `newsdex index --threads 2 CORPUS` into a fresh index each time (the command
# bench/run.sh times) and prints each binary's median, range, and final segment count.
# The corpus is made by bench/run.sh (or bench/make_corpus.py) first.
set -euo pipefail
CORPUS=${CORPUS:-/tmp/newsdex-bench/x10/corpus.jsonl}
RUNS=${RUNS:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for run in $(seq "$RUNS"); do
  for bin in "$@"; do
    rm -rf "$WORK/ix"
    start=$(date +%s%N)
    "$bin" --index "$WORK/ix" index --threads 2 "$CORPUS" >/dev/null 2>&1
    end=$(date +%s%N)
    segments=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['segments']))" "$WORK/ix/meta.json")
    echo "$bin $(awk "BEGIN {printf \"%.3f\", ($end - $start) / 1e9}") $segments" >> "$WORK/log"
  done
done
for bin in "$@"; do
  # The first field exactly: a path that ends another binary's path must not match its runs.
  awk -v b="$bin" '$1 == b {print $2}' "$WORK/log" | sort -n | awk -v b="$bin" \
    '{a[NR]=$1} END {printf "%s: median %s s [%s-%s] over %d runs\n", b, a[int((NR+1)/2)], a[1], a[NR], NR}'
  echo "  segments at the end: $(awk -v b="$bin" '$1 == b {print $3}' "$WORK/log" | sort -u | tr '\n' ' ')"
done
