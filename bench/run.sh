#!/usr/bin/env bash
# newsdex benchmark suite: scaled corpora, indexing throughput against tantivy-cli in the
# same run, peak memory, index size, no-change re-index, query latency.
#
#   bash bench/run.sh                   # scales 1 and 10
#   SCALES="1 10 100" RUNS=3 bash bench/run.sh
#
# Needs ../shared/corpora/bbc (override with BBC=...), python3 and GNU time. Installs
# tantivy-cli 0.24.0 into bench/.tools when missing (never under CI=true, where the
# baseline is skipped). Work files go to $WORK (default /tmp/newsdex-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
BBC=${BBC:-../shared/corpora/bbc}
WORK=${WORK:-/tmp/newsdex-bench}
SCALES=${SCALES:-"1 10"}
RUNS=${RUNS:-3}
TOOLS=$PWD/bench/.tools
mkdir -p "$WORK" "$TOOLS"

cargo build --release --quiet
cargo build --release --quiet --example query_latency
NEWSDEX=$PWD/target/release/newsdex

# tantivy-cli, the baseline (never installed under CI=true, where it is skipped).
source bench/tantivy-cli.sh
if [ "${CI:-}" = "true" ]; then find_tantivy_cli; else find_tantivy_cli install; fi

median() { sort -n | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; printf "%s", m}'; }
minmax() { sort -n | awk 'NR==1{mn=$1} {mx=$1} END {printf "%s-%s", mn, mx}'; }
# time_cmd LOG CMD...: runs CMD under GNU time, appends "seconds max_rss_kb" to LOG. The
# seconds come from the clock to the millisecond (GNU time's %e has 10 ms steps: at x1
# that is 6% of tantivy-cli's time).
time_cmd() {
  local log=$1 start end; shift
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$WORK/.t" "$@" >/dev/null 2>"$WORK/.err" || { cat "$WORK/.err" >&2; exit 1; }
  end=$(date +%s%N)
  echo "$(awk "BEGIN {printf \"%.3f\", ($end - $start) / 1e9}") $(cat "$WORK/.t")" >> "$log"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(lscpu | sed -n 's/Model name: *//p')"
for scale in $SCALES; do
  dir=$WORK/x$scale
  [ -f "$dir/corpus.jsonl" ] || python3 bench/make_corpus.py "$BBC" "$dir" "$scale" >&2
  # Bytes / 1e6, not du -m: that rounds up to whole MiB (x1's 5.24 MB read as 6).
  jsonl_mb=$(awk "BEGIN {printf \"%.2f\", $(stat -c %s "$dir/corpus.jsonl") / 1e6}")
  text_bytes=$(du -sb --apparent-size "$dir/text" | cut -f1)
  articles=$(wc -l < "$dir/corpus.jsonl")
  echo
  echo "== x$scale: $articles articles, JSONL $jsonl_mb MB, text files $((text_bytes / 1000000)) MB"
  : > "$WORK/nd.log"; : > "$WORK/tc.log"; : > "$WORK/ne.log"
  for run in $(seq "$RUNS"); do
    rm -rf "$WORK/ix-nd"
    time_cmd "$WORK/nd.log" "$NEWSDEX" --index "$WORK/ix-nd" index --threads 2 "$dir/corpus.jsonl"
    # The same without entity extraction: what the tagger costs.
    rm -rf "$WORK/ix-ne"
    time_cmd "$WORK/ne.log" "$NEWSDEX" --index "$WORK/ix-ne" index --threads 2 --no-entities "$dir/corpus.jsonl"
    if [ -n "$TANTIVY" ]; then
      rm -rf "$WORK/ix-tc" && mkdir -p "$WORK/ix-tc"
      cat > "$WORK/ix-tc/meta.json" <<'META'
{"index_settings":{"docstore_compression":"lz4","docstore_blocksize":16384},"segments":[],"schema":[{"name":"headline","type":"text","options":{"indexing":{"record":"position","fieldnorms":true,"tokenizer":"en_stem"},"stored":true,"fast":false}},{"name":"body","type":"text","options":{"indexing":{"record":"position","fieldnorms":true,"tokenizer":"en_stem"},"stored":true,"fast":false}}],"opstamp":0}
META
      time_cmd "$WORK/tc.log" sh -c "'$TANTIVY' index -i '$WORK/ix-tc' -t 2 < '$dir/corpus.jsonl'"
    fi
  done
  nd_s=$(cut -d' ' -f1 "$WORK/nd.log" | median); nd_range=$(cut -d' ' -f1 "$WORK/nd.log" | minmax)
  nd_rss=$(cut -d' ' -f2 "$WORK/nd.log" | sort -n | tail -1)
  echo "newsdex index (JSONL, 2 threads): median $nd_s s [$nd_range], $(awk "BEGIN {printf \"%.1f\", $jsonl_mb/$nd_s}") MB/s, $(awk "BEGIN {printf \"%.0f\", $articles/$nd_s}") articles/s, peak RSS $((nd_rss / 1024)) MB"
  echo "newsdex index size: $(du -sm "$WORK/ix-nd" | cut -f1) MB = $(awk "BEGIN {printf \"%.2f\", $(du -sb "$WORK/ix-nd" | cut -f1)/$(du -sb --apparent-size "$dir/corpus.jsonl" | cut -f1)}")x input"
  if [ -s "$WORK/tc.log" ]; then
    tc_s=$(cut -d' ' -f1 "$WORK/tc.log" | median); tc_range=$(cut -d' ' -f1 "$WORK/tc.log" | minmax)
    echo "tantivy-cli index (JSONL, -t 2):  median $tc_s s [$tc_range], $(awk "BEGIN {printf \"%.1f\", $jsonl_mb/$tc_s}") MB/s, peak RSS $(( $(cut -d' ' -f2 "$WORK/tc.log" | sort -n | tail -1) / 1024)) MB"
    echo "ratio newsdex/tantivy-cli throughput: $(awk "BEGIN {printf \"%.2f\", $tc_s/$nd_s}")"
    ne_s=$(cut -d' ' -f1 "$WORK/ne.log" | median)
    echo "newsdex index --no-entities (JSONL): median $ne_s s [$(cut -d' ' -f1 "$WORK/ne.log" | minmax)], ratio to tantivy-cli $(awk "BEGIN {printf \"%.2f\", $tc_s/$ne_s}")"
  fi
  # One file per article: first build, then a no-change re-index.
  rm -rf "$WORK/ix-text"
  : > "$WORK/text.log"; time_cmd "$WORK/text.log" "$NEWSDEX" --index "$WORK/ix-text" index "$dir/text"
  : > "$WORK/re.log"
  for run in $(seq "$RUNS"); do time_cmd "$WORK/re.log" "$NEWSDEX" --index "$WORK/ix-text" index "$dir/text"; done
  echo "newsdex index (text files): $(cut -d' ' -f1 "$WORK/text.log") s, peak RSS $(( $(cut -d' ' -f2 "$WORK/text.log") / 1024)) MB; no-change re-index median $(cut -d' ' -f1 "$WORK/re.log" | median) s [$(cut -d' ' -f1 "$WORK/re.log" | minmax)]"
  ./target/release/examples/query_latency "$WORK/ix-text" 10 | sed 's/^/  /'
  : > "$WORK/q.log"
  for run in $(seq 20); do
    s=$(date +%s%N); "$NEWSDEX" --index "$WORK/ix-text" search "election" --person Blair >/dev/null 2>&1 || true; e=$(date +%s%N)
    echo $(( (e - s) / 1000 )) >> "$WORK/q.log"
  done
  echo "newsdex search as a whole process: median $(( $(median < "$WORK/q.log") / 1000 )) ms [$(minmax < "$WORK/q.log" | awk -F- '{printf "%d-%d", $1/1000, $2/1000}') ms]"
done
