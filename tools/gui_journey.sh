#!/usr/bin/env bash
# The journey of tools/gui_journey.py on a real X server (Xvfb) with a window manager
# (openbox), at 1366x768, 1920x1080 and 2560x1440 at scale 2. Not run in CI (it needs Xvfb and openbox:
# `apt-get install xvfb openbox`). Screenshots go to OUT/<size>/.
#   bash tools/gui_journey.sh OUT --reuters PATH/articles.jsonl.gz [--articles N]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-journey}
shift || true
PY=${PYTHON:-.venv/bin/python}
for cmd in Xvfb openbox; do
  command -v "$cmd" >/dev/null || { echo "gui_journey: $cmd is not installed" >&2; exit 2; }
done
status=0
display=97
for screen in 1366x768 1920x1080 2560x1440@2; do
  size=${screen%@*}
  scale=1
  [ "$screen" = "$size" ] || scale=${screen#*@}
  Xvfb ":$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  sleep 1
  DISPLAY=":$display" openbox >/dev/null 2>&1 &
  wm=$!
  sleep 1
  echo "== $size at scale $scale"
  DISPLAY=":$display" QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=$scale \
    "$PY" tools/gui_journey.py "$OUT/$size-x$scale" "$@" || status=1
  kill "$wm" "$xvfb" 2>/dev/null || true
  wait "$wm" "$xvfb" 2>/dev/null || true
  display=$((display + 1))
done
exit $status
