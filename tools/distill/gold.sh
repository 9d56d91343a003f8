#!/bin/sh
# The hand-annotated synthetic articles (tools/distill/synthetic/FOLDER/NAME.ann) as one
# gold CoNLL file on stdout, in folder order; fails if an annotation does not fit its text.
#   sh tools/distill/gold.sh > /tmp/distill/synth-gold.conll
# (--out -, not /dev/stdout: each build.py would reopen a redirected stdout and truncate it,
# leaving only the last folder.)
set -e
HERE="$(dirname "$0")"
for dir in "$HERE"/synthetic/*/; do
  python3 "$HERE/../modern-dev/build.py" --texts "$dir" --annotated-only --out -
done
