#!/usr/bin/env bash
# A/B of two newsdex builds serving the same index: alternating wrk runs on fresh
# connections (`Connection: close`) with the 20-search mix of bench/serve-queries.lua,
# printing each run's requests/s and the server's CPU time per request (user + system from
# /proc/PID/stat before and after the run). Cheaper than bench/serve.sh (no tantivy-cli, no
# index builds) and steadier than requests/s on a shared machine.
#
#   bash bench/serve-ab.sh OLD_BINARY NEW_BINARY
#   INDEX=/tmp/newsdex-bench/serve-ix-nd ROUNDS=3 CONNS=16 DURATION=6s bash bench/serve-ab.sh A B
#
# INDEX defaults to the newsdex index bench/serve.sh builds (x10 corpus). Needs wrk, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: $0 OLD_BINARY NEW_BINARY" >&2; exit 2; }
INDEX=${INDEX:-/tmp/newsdex-bench/serve-ix-nd}
ROUNDS=${ROUNDS:-3}
CONNS=${CONNS:-16}
DURATION=${DURATION:-6s}
PORT=${PORT:-18090}
[ -d "$INDEX" ] || { echo "no index $INDEX: run bench/serve.sh once, or set INDEX" >&2; exit 1; }
THREADS=$(( CONNS < 2 ? 1 : 2 ))
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() {
  local bin=$1 pid t0 t1 out n
  "$bin" --index "$INDEX" serve --bind "127.0.0.1:$PORT" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf "127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
  t0=$(ticks "$pid")
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" -H 'Connection: close' \
    -s bench/serve-queries.lua "http://127.0.0.1:$PORT" -- newsdex 2>&1)
  t1=$(ticks "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$out" | awk -v n="$n" -v t="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" \
    '/Requests\/sec/ {printf "%s req/s, %.3f ms CPU/req\n", $2, t * 1000 / hz / n}'
}
echo "index $INDEX, $CONNS connections, $DURATION per run, Connection: close"
for round in $(seq "$ROUNDS"); do
  echo "round $round: old $(run "$1")"
  echo "round $round: new $(run "$2")"
done
