"""PDF reports and PNG charts painted by Qt, read back with pypdf and QImage.

The comparison is the hand-built seeds 004 vs 000 pair of tests/core/output/test_report.py (loaded
from that file, so both tiers check the same pair); the command-line tests run the real
pipeline end to end.
"""

from __future__ import annotations

import importlib.util
import io
import os
from pathlib import Path
from types import ModuleType

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest
from claimdiff_gui.export.pdf import (
    chart_png,
    conflict_cards,
    keep_cards_whole,
    render_pdf,
    split_cards,
    write_chart_png,
    write_pdf,
)
from pdfpages import laid_out, seed_comparison, seed_context
from pypdf import PdfReader
from PySide6.QtGui import QColor, QImage

from claimdiff.base.errors import InputError
from claimdiff.base.model import Comparison
from claimdiff.cli.cli import main
from claimdiff.labels.codebook import load_codebook

REPO = Path(__file__).resolve().parents[3]
A4_POINTS = (595, 842)


def _report_tests() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "report_sample", REPO / "tests" / "core" / "output" / "test_report.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SAMPLE = _report_tests()


@pytest.fixture(scope="module")
def seeds() -> Path:
    for candidate in (REPO / "seeds", REPO.parent / "shared" / "seeds"):
        if any(candidate.glob("*.txt")):
            return candidate
    pytest.fail("no seed articles found in <repo>/seeds")


@pytest.fixture(scope="module")
def comparison(seeds: Path) -> Comparison:
    result: Comparison = SAMPLE.sample_comparison(seeds)
    return result


def squeeze(text: str) -> str:
    """Text with all whitespace removed: PDF extraction breaks lines wherever layout did."""
    return "".join(text.split())


def pdf_text(data: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() for page in reader.pages]


@pytest.fixture(scope="module")
def pdf(qapp: object, comparison: Comparison) -> tuple[PdfReader, list[str]]:
    data = render_pdf(
        comparison,
        timeline=SAMPLE.sample_timeline(comparison),
        codebook=load_codebook(),
        made_at=SAMPLE.MADE_AT,
    )
    assert data.startswith(b"%PDF-")
    return pdf_text(data)


def test_pdf_has_the_conflict_sentences_and_reason(pdf: tuple[PdfReader, list[str]]) -> None:
    _, pages = pdf
    everything = squeeze("".join(pages))
    assert squeeze(SAMPLE.LEFT_CONFLICT) in everything
    assert squeeze(SAMPLE.RIGHT_CONFLICT) in everything
    assert squeeze(SAMPLE.REASON) in everything
    first = squeeze(pages[0])
    assert first.index("Conflicts(1)") < first.index(squeeze(SAMPLE.LEFT_CONFLICT))


def test_pdf_is_paginated_a4_with_numbered_footer(pdf: tuple[PdfReader, list[str]]) -> None:
    reader, pages = pdf
    assert len(pages) >= 3
    for n, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == A4_POINTS
        assert f"page{n}of{len(pages)}" in squeeze(pages[n - 1])
    order = [squeeze(t) for t in ("side by side", "Positions over time", "Appendix")]
    joined = squeeze("".join(pages))
    assert joined.index(order[0]) < joined.index(order[1]) < joined.index(order[2])


def test_no_conflict_card_is_split_across_pages(qapp: object) -> None:
    """On the real pipeline's 004 × 000 report (4-5 conflicts), at many page heights."""
    conflicts = seed_comparison().summary()["conflicting"]
    assert conflicts >= 4
    split_before = 0
    for height, doc in laid_out(seed_context(), range(2000, 3400, 100)):
        assert len(conflict_cards(doc)) == conflicts
        split_before += len(split_cards(doc))
        keep_cards_whole(doc)
        assert split_cards(doc) == [], f"a card is split at page height {height}"
    assert split_before > 0  # without keep_cards_whole some page height splits a card


def test_pdf_keeps_cyrillic_furniture_and_provenance(
    pdf: tuple[PdfReader, list[str]], comparison: Comparison
) -> None:
    _, pages = pdf
    joined = squeeze("".join(pages))
    assert squeeze("Заголовок открываемого материала") in joined
    assert comparison.left.checksum in joined
    assert "2025-01-02T03:04:05Z" in joined


def test_write_pdf_refuses_to_replace_without_overwrite(
    qapp: object, comparison: Comparison, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "report.pdf"
    target.write_bytes(b"old")
    with pytest.raises(InputError, match="already exists"):
        write_pdf(comparison, target)
    assert target.read_bytes() == b"old"
    steps: list[tuple[int, int, str]] = []
    write_pdf(comparison, target, overwrite=True, progress=lambda *a: steps.append(a))
    assert target.read_bytes().startswith(b"%PDF-")
    assert steps[-1] == (4, 4, "done")
    assert [p.name for p in target.parent.iterdir()] == ["report.pdf"]


def test_chart_png_draws_codebook_colours(qapp: object, comparison: Comparison) -> None:
    frame = SAMPLE.sample_timeline(comparison)
    image = QImage.fromData(chart_png(frame, load_codebook()))
    assert image.width() == 1280
    colours = {
        image.pixelColor(x, y).name().upper()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    }
    assert QColor("#D55E00").name().upper() in colours  # Aimed at Russia
    assert QColor("#0072B2").name().upper() in colours  # Aimed at Iran / North Korea


def test_write_chart_png_checks_extension(
    qapp: object, comparison: Comparison, tmp_path: Path
) -> None:
    frame = SAMPLE.sample_timeline(comparison)
    with pytest.raises(InputError, match="unknown report format"):
        write_chart_png(frame, tmp_path / "chart.gif")
    write_chart_png(frame, tmp_path / "chart.png")
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.slow
def test_cli_writes_pdf_and_png_with_the_real_pipeline(
    qapp: object, seeds: Path, tmp_path: Path
) -> None:
    pdf_path, png_path = tmp_path / "r.pdf", tmp_path / "chart.png"
    left, right = seeds / SAMPLE.LEFT_SEED, seeds / SAMPLE.RIGHT_SEED
    assert main(["compare", str(left), str(right), "--report", str(pdf_path)]) == 0
    _, pages = pdf_text(pdf_path.read_bytes())
    joined = squeeze("".join(pages))
    assert squeeze("possible rocket attacks from Iran and the North Korea.") in joined
    assert squeeze("surrounds the Russian Federation, is being built,") in joined
    assert squeeze("Positions over time") in joined
    assert main(["timeline", str(seeds), "--report", str(png_path)]) == 0
    assert not QImage(str(png_path)).isNull()
