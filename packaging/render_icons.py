"""Render the application icon's PNG, ICO and ICNS files from its SVG source.

Run after editing ``resources/icons/claimdiff.svg``::

    .venv/bin/python packaging/render_icons.py

The SVG is rasterised by Qt's own SVG renderer (QtSvg is part of PySide6-Essentials, which
claimdiff already depends on), so no system tool such as rsvg-convert or Inkscape is needed.
Pillow packs the PNGs into the Windows .ico and the macOS .icns; both are generated here so a
Windows or macOS build needs no conversion step of its own.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "claimdiff.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # Windows reads at most 256 px from an .ico
ICNS_SIZES = (16, 32, 64, 128, 256, 512)


def render_png(svg: Path, size: int) -> bytes:
    """One square PNG of the SVG at ``size`` px, antialiased, on a transparent background."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def png_name(size: int) -> str:
    return f"claimdiff-{size}.png"


def write_bundles(pngs: dict[int, bytes], out: Path) -> None:
    """Pack the rendered PNGs into claimdiff.ico (Windows) and claimdiff.icns (macOS)."""
    from PIL import Image

    images = {size: Image.open(io.BytesIO(data)) for size, data in pngs.items()}
    largest = images[max(ICO_SIZES)]
    largest.save(
        out / "claimdiff.ico",
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES],
    )
    images[max(ICNS_SIZES)].save(
        out / "claimdiff.icns",
        format="ICNS",
        append_images=[images[s] for s in ICNS_SIZES],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=ICONS, help="folder for the rendered files")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    args.out.mkdir(parents=True, exist_ok=True)
    pngs = {size: render_png(args.svg, size) for size in SIZES}
    for size, data in pngs.items():
        (args.out / png_name(size)).write_bytes(data)
    write_bundles(pngs, args.out)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
