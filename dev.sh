#!/usr/bin/env bash
# Set up a development environment and run claimdiff or its checks.
#   bash dev.sh run      open the desktop app on the sample pair (seeds 004 vs 000)
#   bash dev.sh compare  print the comparison of seeds 004 and 000 in the terminal
#   bash dev.sh test     lint, type-check (core and gui), check the core imports no Qt, run all tests headless
#   bash dev.sh bench    print the benchmark figures
#   bash dev.sh setup    only set up (.venv with claimdiff installed in editable mode)
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
LEFT=seeds/004_ae97e33e177aeab3.txt
RIGHT=seeds/000_fbd7af67a7761638.txt

# Debian packages Qt needs at run time (PySide6 ships no fonts), and python3-venv.
DEBS=(python3-venv fonts-dejavu-core libegl1 libgl1 libfontconfig1 libxkbcommon0
      libxkbcommon-x11-0 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4
      libxcb-keysyms1 libxcb-shape0 libxcb-xkb1 libxcb-render-util0 libxcb-image0
      poppler-utils desktop-file-utils appstream)

system_deps() {
  command -v dpkg >/dev/null && command -v apt-get >/dev/null || return 0
  local missing=()
  for pkg in "${DEBS[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  # A Python that already has venv + ensurepip (e.g. built from source) needs no python3-venv.
  if "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
    missing=("${missing[@]/python3-venv/}")
  fi
  [ -n "$(printf '%s' "${missing[@]}")" ] || return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  local apt=(-o Acquire::http::Timeout=20 -o Acquire::Retries=1 -o DPkg::Lock::Timeout=60)
  echo "Installing Debian packages: ${missing[*]}" >&2
  timeout 300 $sudo apt-get "${apt[@]}" update -qq || echo "apt-get update failed; trying anyway" >&2
  DEBIAN_FRONTEND=noninteractive timeout 600 $sudo apt-get "${apt[@]}" install -y -qq \
    --no-install-recommends ${missing[*]} >/dev/null
}

setup() {
  system_deps
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
  fi
  if [ ! -f "$VENV/.installed" ] || [ pyproject.toml -nt "$VENV/.installed" ]; then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -U pip
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e '.[gui,dev]'
    touch "$VENV/.installed"
  fi
}

checks() {
  "$VENV/bin/ruff" check .
  "$VENV/bin/ruff" format --check .
  # mypy --strict over claimdiff/ and gui/ (the script maps gui/ to its package name).
  "$VENV/bin/python" tools/typecheck.py
  "$VENV/bin/lint-imports"
  # Every shipped model file is the one recorded in resources/models/MANIFEST.json.
  "$VENV/bin/python" tools/models_manifest.py
}

cmd=${1:-run}
shift || true
case "$cmd" in
  setup) setup ;;
  run) setup; exec "$VENV/bin/claimdiff-gui" "$LEFT" "$RIGHT" "$@" ;;
  compare) setup; exec "$VENV/bin/claimdiff" compare "$LEFT" "$RIGHT" "$@" ;;
  test)
    setup
    checks
    # pytest exits 5 when it collected nothing: that fails here like any other failure.
    QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -m pytest "$@"
    ;;
  bench) setup; exec "$VENV/bin/python" benchmarks/run.py "$@" ;;
  *) echo "usage: bash dev.sh [run|compare|test|bench|setup]" >&2; exit 2 ;;
esac
