#!/bin/sh
# Installs what the tests need when it is missing: `sh scripts/deps.sh [chromium] [sphinx]
# [venv]`. chromium and sphinx are Debian's packages (apt-get; sudo when not root), for the
# browser tests and the Sphinx cluster; venv is Python with dask[distributed] and pymysql in
# target/scale-venv, for scale/ (the system's Python stays as it was).
set -e
cd "$(dirname "$0")/.."
MISSING=""
for want in "$@"; do
  case "$want" in
    chromium) command -v chromium >/dev/null 2>&1 || MISSING="$MISSING chromium" ;;
    sphinx) command -v searchd >/dev/null 2>&1 || MISSING="$MISSING sphinxsearch" ;;
  esac
done
if [ -n "$MISSING" ]; then
  echo "scripts/deps.sh: installing Debian's$MISSING" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $MISSING >/dev/null
fi
case " $* " in
  *" venv "*)
    VENV=target/scale-venv
    if ! "$VENV/bin/python" -c "import dask.distributed, pymysql" >/dev/null 2>&1; then
      echo "scripts/deps.sh: installing dask[distributed] and pymysql into $VENV" >&2
      mkdir -p target
      python3 -m venv "$VENV"
      "$VENV/bin/pip" install -q "dask[distributed]>=2023.1" "pymysql>=1.0"
    fi
    ;;
esac
