#!/usr/bin/env bash
# The scale-out check (issue #20, point 4) on loopback, from a fresh clone: installs what it
# needs (scripts/deps.sh: Debian's sphinxsearch, dask and pymysql in target/scale-venv),
# builds newsdex unless NEWSDEX names a binary, then runs scale/newsdex_scale/check.py: a
# local index and a 2-shard Sphinx cluster loaded through a 2-worker Dask run (one worker
# killed) answer 20 queries and 10 filter combinations alike, with the same facet counts;
# a killed shard daemon is reported and its restart heals the answers. Ends with
#   parity: Q/Q queries, F/F filters, facets equal; faults: ok
# and exits 0, or lists every difference and exits 1. Extra arguments go to check.py
# (--articles N, --work DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
sh scripts/deps.sh sphinx venv
if [ -z "${NEWSDEX:-}" ]; then
  cargo build --quiet --bin newsdex
  NEWSDEX="$PWD/target/debug/newsdex"
fi
PYTHONPATH="$PWD/scale" exec target/scale-venv/bin/python -m newsdex_scale.check --newsdex "$NEWSDEX" "$@"
