#!/usr/bin/env bash
# HTTP load benchmark: `newsdex serve` against `tantivy serve` (tantivy-cli 0.24.0) over
# the same articles, with wrk and the 20-search mix in bench/serve-queries.lua:
#
#   bash bench/serve.sh                          # x10 corpus, 1/16/64 connections, 3 rounds
#   ROUNDS=1 DURATION=10s CONNS="1 16" bash bench/serve.sh
#   NEWSDEX=/path/to/other/newsdex bash bench/serve.sh   # another build
#
# Builds both indexes from $CORPUS (default /tmp/newsdex-bench/x10/corpus.jsonl, made with
# bench/make_corpus.py when missing), starts both servers on loopback, checks with curl
# that every search in the mix answers 200 with a JSON body on both, then for each
# concurrency runs wrk on newsdex (facets off), tantivy-cli, and newsdex with
# facets=person,place,org, alternating, then (unless CLOSE=0) newsdex and tantivy-cli
# again with `Connection: close`, ROUNDS times. Prints a Markdown table of the medians over
# the rounds (requests/s, p50, p99, server CPU time per request), errors summed over the
# rounds, VmHWM and thread count after the round-1 run, and each server's peak RSS (VmHWM)
# at the end. tantivy-cli has no entity filters: the 6 filtered newsdex searches are plain
# text searches there (see the .lua file).
#
# Why the Connection: close runs: tantivy-cli 0.24 serves with iron 0.6 / hyper 0.10, whose
# reused keep-alive connections stall ~40 ms per response (Nagle's algorithm against the
# client's delayed ACK: `curl -w '%{time_total}\n' URL URL` shows 1 ms then 40 ms), and
# whose 16 worker threads (8 per core) each hold one keep-alive connection, so beyond 16
# connections the rest wait unanswered (wrk does not count them as errors). Its keep-alive
# numbers measure that, not search; on fresh connections it answers in about 1 ms. It
# also closes each connection without saying `Connection: close` in the response, so wrk
# reads end-of-file where it waits for the next response, counts a read error and
# reconnects: in the tantivy-cli Connection: close runs, expect one socket error per
# request, with every answer complete (200, whole body).
#
# Needs target/release/newsdex (`cargo build --release`; this script does not build it),
# python3, curl. Installs Debian's wrk with apt-get and tantivy-cli 0.24.0 into
# bench/.tools (the way bench/run.sh does) when missing. Work files go to $WORK (default
# /tmp/newsdex-bench). wrk runs on the same machine as the servers and takes CPU from them
# alike.
set -euo pipefail
cd "$(dirname "$0")/.."
BBC=${BBC:-../shared/corpora/bbc}
WORK=${WORK:-/tmp/newsdex-bench}
CORPUS=${CORPUS:-$WORK/x10/corpus.jsonl}
CONNS=${CONNS:-"1 16 64"}
DURATION=${DURATION:-20s}
ROUNDS=${ROUNDS:-3}
CLOSE=${CLOSE:-1}
ND_PORT=${ND_PORT:-18080}
TC_PORT=${TC_PORT:-18081}
TOOLS=$PWD/bench/.tools
LUA=$PWD/bench/serve-queries.lua
NEWSDEX=${NEWSDEX:-$PWD/target/release/newsdex}
LOGS=$WORK/serve-logs
mkdir -p "$WORK" "$TOOLS" "$LOGS"
unset NEWSDEX_TOKEN

[ -x "$NEWSDEX" ] || { echo "no $NEWSDEX: run cargo build --release first" >&2; exit 1; }

if ! command -v wrk >/dev/null; then
  echo "installing wrk..." >&2
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

# tantivy-cli, the baseline (as in bench/run.sh).
source bench/tantivy-cli.sh
find_tantivy_cli install

if [ ! -f "$CORPUS" ]; then
  [ "$CORPUS" = "$WORK/x10/corpus.jsonl" ] || { echo "no $CORPUS" >&2; exit 1; }
  python3 bench/make_corpus.py "$BBC" "$WORK/x10" 10 >&2
fi

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(lscpu | sed -n 's/Model name: *//p')"
echo "corpus: $CORPUS, $(wc -l < "$CORPUS") articles"

# The two indexes.
IX_ND=$WORK/serve-ix-nd
IX_TC=$WORK/serve-ix-tc
rm -rf "$IX_ND" "$IX_TC" && mkdir -p "$IX_TC"
echo "indexing with newsdex..." >&2
"$NEWSDEX" --index "$IX_ND" index --threads 2 "$CORPUS" >/dev/null 2>"$LOGS/index-nd.err" \
  || { cat "$LOGS/index-nd.err" >&2; exit 1; }
cat > "$IX_TC/meta.json" <<'META'
{"index_settings":{"docstore_compression":"lz4","docstore_blocksize":16384},"segments":[],"schema":[{"name":"headline","type":"text","options":{"indexing":{"record":"position","fieldnorms":true,"tokenizer":"en_stem"},"stored":true,"fast":false}},{"name":"body","type":"text","options":{"indexing":{"record":"position","fieldnorms":true,"tokenizer":"en_stem"},"stored":true,"fast":false}}],"opstamp":0}
META
echo "indexing with tantivy-cli..." >&2
"$TANTIVY" index -i "$IX_TC" -t 2 < "$CORPUS" >/dev/null 2>"$LOGS/index-tc.err" \
  || { cat "$LOGS/index-tc.err" >&2; exit 1; }
segments() { python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['segments']))" "$1/meta.json"; }
echo "indexes: newsdex $(du -sm "$IX_ND" | cut -f1) MB, $(segments "$IX_ND") segments; tantivy-cli $(du -sm "$IX_TC" | cut -f1) MB, $(segments "$IX_TC") segments"

# The servers.
ND_PID=; TC_PID=
stop() {
  [ -n "$ND_PID" ] && kill "$ND_PID" 2>/dev/null || true
  [ -n "$TC_PID" ] && kill "$TC_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT
"$NEWSDEX" --index "$IX_ND" serve --bind "127.0.0.1:$ND_PORT" >"$LOGS/newsdex.out" 2>&1 &
ND_PID=$!
"$TANTIVY" serve -i "$IX_TC" --host 127.0.0.1 --port "$TC_PORT" >"$LOGS/tantivy.out" 2>&1 &
TC_PID=$!
ND_URL=http://127.0.0.1:$ND_PORT
TC_URL=http://127.0.0.1:$TC_PORT
wait_up() { # URL PID NAME
  for _ in $(seq 100); do
    curl -sf -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "$3 exited:" >&2; cat "$LOGS/$3.out" >&2; exit 1; }
    sleep 0.2
  done
  echo "$3 does not answer at $1" >&2; exit 1
}
wait_up "$ND_URL/healthz" "$ND_PID" newsdex
wait_up "$TC_URL/api/?q=election" "$TC_PID" tantivy
rss() { awk '/^VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
echo "servers up: newsdex pid $ND_PID ($(rss "$ND_PID") MB RSS idle), tantivy-cli pid $TC_PID ($(rss "$TC_PID") MB RSS idle)"

# Every request of the mix must answer 200 with a sensible JSON body on both servers.
paths() { wrk -t1 -c1 -d1s -s "$LUA" "$1" -- "$2" list; }
paths "$ND_URL" newsdex > "$LOGS/paths-nd"
paths "$ND_URL" newsdex-facets > "$LOGS/paths-ndf"
paths "$TC_URL" tantivy > "$LOGS/paths-tc"
[ "$(wc -l < "$LOGS/paths-nd")" = 20 ] && [ "$(wc -l < "$LOGS/paths-tc")" = 20 ] \
  || { echo "the Lua script did not list 20 requests" >&2; exit 1; }
check() { # URL PATHFILE KIND -> one "hits total" line per request
  while read -r p; do
    code=$(curl -s -o "$LOGS/body" -w '%{http_code}' "$1$p")
    [ "$code" = 200 ] || { echo "HTTP $code for $1$p:" >&2; head -c 500 "$LOGS/body" >&2; exit 1; }
    python3 - "$3" "$LOGS/body" "$p" <<'PY' || exit 1
import json, sys
kind, body, path = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3]
if kind == "tantivy":
    total, hits = body["num_hits"], body["hits"]
    ok = all("headline" in h["doc"] for h in hits)
else:
    total, hits = body["total"], body["hits"]
    ok = all(h.get("headline") for h in hits)
    if kind == "newsdex-facets":
        ok = ok and all(body["facets"].get(k) for k in ("person", "place", "org"))
if not hits or len(hits) > 10 or total < len(hits) or not ok:
    sys.exit(f"unexpected body for {path}: {len(hits)} hits, total {total}")
print(len(hits), total)
PY
  done < "$2"
}
check "$ND_URL" "$LOGS/paths-nd" newsdex > "$LOGS/check-nd"
check "$ND_URL" "$LOGS/paths-ndf" newsdex-facets > "$LOGS/check-ndf"
check "$TC_URL" "$LOGS/paths-tc" tantivy > "$LOGS/check-tc"
echo
echo "the mix (all 200 with JSON hits on both; matching articles newsdex / tantivy-cli):"
paste -d' ' "$LOGS/paths-nd" <(cut -d' ' -f2 "$LOGS/check-nd") <(cut -d' ' -f2 "$LOGS/check-tc") \
  | awk '{printf "  %s  %s / %s\n", $1, $2, $3}'

# The runs: per concurrency, newsdex / tantivy-cli / newsdex with facets, then both again
# with Connection: close, alternating. Per run also the server's CPU time per request and
# its VmHWM and thread count right after.
TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hwm() { awk '/^VmHWM/ {print int($2/1024)}' "/proc/$1/status"; }
threads() { awk '/^Threads/ {print $2}' "/proc/$1/status"; }
: > "$LOGS/results"
bench() { # NAME URL PID CONNS ROUND MODE [close]
  local threads=2 out t0 t1 line
  [ "$4" -lt 2 ] && threads=1 # wrk needs at least one connection per thread
  out=$LOGS/wrk-$1-c$4-r$5.txt
  t0=$(cpu_ticks "$3")
  wrk -t"$threads" -c"$4" -d"$DURATION" --latency -s "$LUA" "$2" -- "${@:6}" > "$out" 2>&1
  t1=$(cpu_ticks "$3")
  line=$(grep '^RESULT' "$out") || { echo "no result from wrk:" >&2; cat "$out" >&2; exit 1; }
  echo "$1 $4 $5 ${line#RESULT } cpu_ms=$(( (t1 - t0) * 1000 / TICK )) hwm_mb=$(hwm "$3") threads=$(threads "$3")" >> "$LOGS/results"
}
echo
echo "warm-up..." >&2
wrk -t2 -c16 -d5s -s "$LUA" "$ND_URL" -- newsdex >/dev/null
wrk -t2 -c16 -d5s -s "$LUA" "$TC_URL" -- tantivy >/dev/null
for round in $(seq "$ROUNDS"); do
  for c in $CONNS; do
    echo "round $round, $c connections..." >&2
    bench newsdex "$ND_URL" "$ND_PID" "$c" "$round" newsdex
    bench tantivy "$TC_URL" "$TC_PID" "$c" "$round" tantivy
    bench newsdex-facets "$ND_URL" "$ND_PID" "$c" "$round" newsdex-facets
    if [ "$CLOSE" = 1 ]; then
      bench newsdex-close "$ND_URL" "$ND_PID" "$c" "$round" newsdex close
      bench tantivy-close "$TC_URL" "$TC_PID" "$c" "$round" tantivy close
    fi
  done
done
ND_HWM=$(hwm "$ND_PID")
TC_HWM=$(hwm "$TC_PID")
kill -0 "$ND_PID" && kill -0 "$TC_PID" || { echo "a server died during the runs" >&2; exit 1; }

echo
echo "wrk $DURATION per run, -t2 (-t1 at 1 connection), medians over $ROUNDS round(s), errors summed."
echo "vs tantivy-cli: requests/s over tantivy-cli's at the same concurrency and connection mode."
echo "CPU ms/req: the server process's user+system CPU time over the requests it answered."
echo "VmHWM MB, threads: the server process's peak RSS so far and its thread count right after the round-1 run."
echo
python3 - "$LOGS/results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, conns, _round, *kv = line.split()
    d = {k: float(v) for k, v in (x.split("=") for x in kv)}
    rows.setdefault((int(conns), name), []).append(d)
med = lambda runs, k: statistics.median(r[k] for r in runs)
label = {"newsdex": "newsdex", "tantivy": "tantivy-cli", "newsdex-facets": "newsdex + facets",
         "newsdex-close": "newsdex, Connection: close", "tantivy-close": "tantivy-cli, Connection: close"}
base = {"newsdex": "tantivy", "tantivy": "tantivy", "newsdex-facets": "tantivy",
        "newsdex-close": "tantivy-close", "tantivy-close": "tantivy-close"}
print("| connections | server | requests/s | vs tantivy-cli | p50 ms | p99 ms | non-2xx | socket errors | CPU ms/req | VmHWM MB | threads |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for c in sorted({c for c, _ in rows}):
    for name in label:
        runs = rows.get((c, name))
        if not runs:
            continue
        rps = med(runs, "rps")
        b = rows.get((c, base[name]))
        ratio = f"{rps / med(b, 'rps'):.2f}x" if b else "-"
        errs = sum(r["connect"] + r["read"] + r["write"] + r["timeout"] for r in runs)
        cpu = statistics.median(r["cpu_ms"] / max(r["requests"], 1) for r in runs)
        print(f"| {c} | {label[name]} | {rps:,.0f} | {ratio} | {med(runs, 'p50_us') / 1000:.2f} "
              f"| {med(runs, 'p99_us') / 1000:.2f} | {sum(r['non2xx'] for r in runs):.0f} | {errs:.0f} "
              f"| {cpu:.2f} | {runs[0]['hwm_mb']:.0f} | {runs[0]['threads']:.0f} |")
PY
echo
echo "peak RSS (VmHWM) at the end: newsdex serve $ND_HWM MB, tantivy serve $TC_HWM MB"
echo "wrk outputs: $LOGS"
