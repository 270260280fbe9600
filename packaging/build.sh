#!/usr/bin/env bash
# Build the Linux desktop bundle dist/claimdiff/ (PyInstaller --onedir) from a clean checkout.
#   bash packaging/build.sh           build, print the bundle size
#   bash packaging/build.sh --check   build, then smoke-test the bundle from outside the checkout:
#                                     --version, `claimdiff compare` on the shipped sample pair,
#                                     an HTML article, and a GUI screenshot rendered offscreen
#   bash packaging/build.sh --check-only   smoke-test an existing dist/claimdiff/
#   bash packaging/build.sh --archive      also pack dist/claimdiff-<version>-linux-<arch>.tar.gz
# The build venv lives in build/venv (never the development .venv): the bundle must hold what
# `pip install .` installs, nothing that happens to be lying around.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=build/venv
DIST=dist/claimdiff

build() {
  local start=$SECONDS
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -U pip
  # Not editable: PyInstaller collects the data files from the installed packages. setuptools
  # stages them in build/lib, which would keep files deleted from the checkout: start clean.
  rm -rf build/lib build/bdist.*
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps .
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check '.[gui,packaging]'
  "$VENV/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/claimdiff.spec
  desktop_files
  echo "built $DIST in $((SECONDS - start)) s: $(du -sh "$DIST" | cut -f1)" \
       "($(find "$DIST" -type f | wc -l) files)"
}

# The menu entry, icons, AppStream file and install.sh beside the programs (see linux/install.sh).
desktop_files() {
  local id=io.github.claimdiff.ClaimDiff
  mkdir -p "$DIST/share/icons"
  cp packaging/linux/$id.desktop packaging/linux/$id.metainfo.xml "$DIST/share/"
  cp resources/icons/claimdiff.svg resources/icons/claimdiff-*.png "$DIST/share/icons/"
  cp packaging/linux/install.sh "$DIST/install.sh"
}

archive() {
  local version name
  version=$("$VENV/bin/python" -c 'import claimdiff; print(claimdiff.__version__)')
  name=claimdiff-$version-linux-$(uname -m).tar.gz
  tar -C dist -czf "dist/$name" claimdiff
  echo "packed dist/$name: $(du -sh "dist/$name" | cut -f1)"
}

# Runs the bundle the way a user would: from another folder, with no venv, no PYTHONPATH and no
# Qt platform plugin of the system, so a resource found only through the checkout fails here.
check() {
  local bundle work seeds start=$SECONDS
  bundle=$(cd "$DIST" && pwd)
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  seeds="$bundle/_internal/claimdiff_seeds"
  local run=(env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen)
  (
    cd "$work"
    "${run[@]}" "$bundle/claimdiff" --version
    "${run[@]}" "$bundle/claimdiff" compare "$seeds/004_ae97e33e177aeab3.txt" \
      "$seeds/000_fbd7af67a7761638.txt" --format json -o compare.json
    printf '%s\n' '<html><head><title>Test page</title></head><body><article>' \
      '<p>The minister said on Monday that the missile defense system protects Europe' \
      'against Iran. Moscow rejected that claim, the ambassador told reporters.</p>' \
      '</article></body></html>' > page.html
    "${run[@]}" "$bundle/claimdiff" claims page.html --format json -o claims.json
    # `claimdiff pairs` reads each pair with the shipped cross-encoder (onnxruntime in the bundle).
    printf '%s\n' 'a,b' '"Russia suspended the treaty on Tuesday.","On Tuesday Moscow halted its part in the treaty."' > pairs.csv
    "${run[@]}" "$bundle/claimdiff" pairs pairs.csv --left a --right b -o scored.csv 2> pairs.err
    grep -q "cross-encoder" scored.csv
    if grep -q "not available" pairs.err; then cat pairs.err >&2; exit 1; fi
    "${run[@]}" "$bundle/claimdiff-gui" --screenshot shot.png \
      "$seeds/004_ae97e33e177aeab3.txt" "$seeds/000_fbd7af67a7761638.txt"
    # One test a line: under set -e a failure before && in a list would not stop the check.
    test -s compare.json
    test -s claims.json
    # A PNG header and more than a blank window's worth of bytes.
    [ "$(head -c 8 shot.png | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
    [ "$(stat -c %s shot.png)" -gt 20000 ]
    if [ -n "${SHOT:-}" ]; then cp shot.png "$SHOT"; fi
    # The per-user install: a copy under PREFIX, reached through a symlink in PREFIX/bin.
    PREFIX="$work/prefix" "$bundle/install.sh" >/dev/null
    test -s "$work/prefix/share/applications/io.github.claimdiff.ClaimDiff.desktop"
    test -s "$work/prefix/share/icons/hicolor/16x16/apps/io.github.claimdiff.ClaimDiff.png"
    "${run[@]}" "$work/prefix/bin/claimdiff" --version
  )
  echo "bundle smoke test passed in $((SECONDS - start)) s"
}

do_build=1 do_check=0 do_archive=0
for arg in "$@"; do
  case "$arg" in
    --check) do_check=1 ;;
    --check-only) do_build=0 do_check=1 ;;
    --archive) do_archive=1 ;;
    *) echo "usage: bash packaging/build.sh [--check|--check-only] [--archive]" >&2; exit 2 ;;
  esac
done
[ "$do_build" = 0 ] || build
[ "$do_check" = 0 ] || check
[ "$do_archive" = 0 ] || archive
