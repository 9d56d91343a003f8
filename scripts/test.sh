#!/bin/sh
# The test command (README, .ci/run): installs what the tests need when it is missing
# (scripts/deps.sh: Debian's chromium and sphinxsearch, dask and pymysql in
# target/scale-venv), runs every test with cargo, then the scale-out check on loopback
# (scale/check.sh, issue #20). Arguments go to cargo test, and then the check is skipped.
set -e
cd "$(dirname "$0")/.."
sh scripts/deps.sh chromium sphinx venv
NEWSDEX_TEST_PYTHON="$PWD/target/scale-venv/bin/python"
export NEWSDEX_TEST_PYTHON
cargo test "$@"
if [ "$#" -eq 0 ]; then
  NEWSDEX="$PWD/target/debug/newsdex" bash scale/check.sh
fi
