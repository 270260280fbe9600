#!/usr/bin/env bash
# Add claimdiff to the desktop menu for the current user (no root needed).
#   ./install.sh               from an unpacked bundle: copies it to ~/.local/opt/claimdiff and
#                              links claimdiff-gui and claimdiff into ~/.local/bin
#   packaging/linux/install.sh from a checkout, after `pipx install '.[gui]'` or `pip install '.[gui]'`:
#                              only the menu entry, icons and AppStream metadata
#   ./install.sh --uninstall   removes what either of the above put in place
# PREFIX (default ~/.local) selects another root, e.g. PREFIX=/usr/local as root.
set -euo pipefail

APP_ID=io.github.claimdiff.ClaimDiff
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-$HOME/.local}
SHARE=$PREFIX/share
SIZES=(16 24 32 48 64 128 256 512)

if [ -x "$HERE/claimdiff-gui" ]; then          # inside a bundle built by packaging/build.sh
  BUNDLE=$HERE
  DATA=$HERE/share
  ICONS=$HERE/share/icons
else                                           # in a source checkout
  BUNDLE=
  DATA=$HERE
  ICONS=$HERE/../../resources/icons
fi

uninstall() {
  rm -rf "$PREFIX/opt/claimdiff"
  rm -f "$PREFIX/bin/claimdiff-gui" "$PREFIX/bin/claimdiff" \
        "$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml" \
        "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
  for size in "${SIZES[@]}"; do
    rm -f "$SHARE/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
  done
}

install_files() {
  if [ -n "$BUNDLE" ]; then
    mkdir -p "$PREFIX/opt" "$PREFIX/bin"
    rm -rf "$PREFIX/opt/claimdiff"
    cp -a "$BUNDLE" "$PREFIX/opt/claimdiff"
    ln -sf "$PREFIX/opt/claimdiff/claimdiff-gui" "$PREFIX/bin/claimdiff-gui"
    ln -sf "$PREFIX/opt/claimdiff/claimdiff" "$PREFIX/bin/claimdiff"
  fi
  install -Dm644 "$DATA/$APP_ID.desktop" "$SHARE/applications/$APP_ID.desktop"
  install -Dm644 "$DATA/$APP_ID.metainfo.xml" "$SHARE/metainfo/$APP_ID.metainfo.xml"
  install -Dm644 "$ICONS/claimdiff.svg" "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
  for size in "${SIZES[@]}"; do
    install -Dm644 "$ICONS/claimdiff-$size.png" "$SHARE/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
  done
  # Menus pick the entry up by themselves; these only speed it up where the tools exist.
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$SHARE/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
  echo "installed claimdiff under $PREFIX"
  case ":$PATH:" in *":$PREFIX/bin:"*) ;; *) [ -z "$BUNDLE" ] || echo "add $PREFIX/bin to PATH" ;; esac
}

case "${1:-}" in
  "") install_files ;;
  --uninstall) uninstall; echo "removed claimdiff from $PREFIX" ;;
  *) echo "usage: install.sh [--uninstall]" >&2; exit 2 ;;
esac
