#!/bin/sh
# The test command (README, .ci/run): installs what the tests need when it is missing
# (Debian's chromium for the browser tests and sphinxsearch for the cluster test, with
# apt-get; dask for the scale tests, with pip into target/scale-venv), then runs every test
# with cargo.
set -e
cd "$(dirname "$0")/.."
MISSING=""
command -v chromium >/dev/null 2>&1 || MISSING="chromium"
command -v searchd >/dev/null 2>&1 || MISSING="$MISSING sphinxsearch"
if [ -n "$MISSING" ]; then
  echo "scripts/test.sh: installing Debian's$MISSING for the browser and cluster tests" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $MISSING >/dev/null
fi
# The scale/ tests (tests/scale.rs) run newsdex-scale on a local Dask cluster: Python with
# dask[distributed] and pymysql, in a virtualenv under target/ so the system stays as it was.
VENV=target/scale-venv
if ! "$VENV/bin/python" -c "import dask.distributed, pymysql" >/dev/null 2>&1; then
  echo "scripts/test.sh: installing dask[distributed] and pymysql into $VENV for the scale tests" >&2
  mkdir -p target
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "dask[distributed]>=2023.1" "pymysql>=1.0"
fi
NEWSDEX_TEST_PYTHON="$PWD/$VENV/bin/python"
export NEWSDEX_TEST_PYTHON
exec cargo test "$@"
