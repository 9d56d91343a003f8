#!/bin/sh
# The test command (README, .ci/run): installs what the browser tests need when it is
# missing (Debian's chromium, with apt-get), then runs every test with cargo.
set -e
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  echo "scripts/test.sh: installing Debian's chromium for the browser tests" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
exec cargo test "$@"
