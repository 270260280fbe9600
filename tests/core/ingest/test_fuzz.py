"""Every hostile or odd input ends in a result or one clean line, never a traceback or a hang.

The corpus comes from tools/make_fuzz_corpus.py (generated, never committed) and runs through
the installed ``claimdiff`` command in subprocesses, as a user would run it. Times are printed
by benchmarks/fuzz.py; here only a hang far beyond any budget fails. For the shapes whose
fix matters most, the message must also name what was wrong or which budget was hit.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[3]
HANG_SECONDS = 150.0  # the longest budget (a 60 s download deadline) plus start-up, doubled

# The large-text shapes: the loader accepts them, and the claims stage refuses, before
# parsing, an article larger than it can analyse in about a minute
# (claimdiff.language.nlp.check_size).
CLAIMS_STAGE_SHAPES = (
    "large/large-20mb-article.txt",
    "large/one-10mb-line.txt",
    "large/100k-short-lines.txt",
    "large/100k-verbless-sentences.txt",
)

# What the one line (or the warning) must say, for the inputs that used to crash or hang.
EXPECTED = {
    "special/named pipe as .txt": "is a named pipe, not a regular file",
    "special/symlink to /dev/zero": "is a device, not a regular file",
    "pdf/nested-content-arrays.pdf": "is not a readable PDF",
    "pdf/shared-stream-bomb.pdf": "PDF_PAGE_CONTENT_BYTES",
    "pdf/many-pages.pdf": "PDF_MAX_PAGES",
    "pdf/encrypted-aes-256-user-password.pdf": "is encrypted with a password",
    "pdf/encrypted-rc4-128-user-password.pdf": "is encrypted with a password",
    "html/table-100k-rows.html": "HTML_MAX_TABLE_CELLS",
    "html/attributes-200000.html": "HTML_MAX_ATTRIBUTES",
    "html/spans-300k.html": "HTML_MAX_ELEMENTS",
    "html/paragraphs-140k.html": "HTML_MAX_BLOCKS",
    "codebook/python-tag": "line 6: the YAML tag !!python/object/apply:os.system",
    "codebook/deep-nesting": "line 2: not valid YAML: exceeded maximum nesting depth",
    "codebook/huge-repeat": "line 6: invalid regex",
    "codebook/long-int-threshold": "line 2: thresholds.label has 5,000 characters",
    "codebook/catastrophic-term": "line 3: term 'bad' backtracks without end",
    "codebook/nested-quantifier": "line 6: pattern '(a|aa)+$' backtracks without end",
    "url/slow drip": "DOWNLOAD_DEADLINE_SECONDS",
    "url/endless body": "is too large",
    "url/declared 1 GB": "is too large",
    "url/stalls after headers": "timed out",
    "output/stdout is /dev/full": "<standard output>: cannot be written: No space left on device",
    "output/stdout closed": "<standard output>: is closed",
}
# Inputs that must give a result (exit 0), not merely a clean refusal.
MUST_OPEN = (
    "pdf/encrypted-aes-128-owner-only.pdf",
    "pdf/encrypted-aes-256-owner-only.pdf",
    "pdf/encrypted-rc4-128-owner-only.pdf",
    "html/table-100k-rows.html",
    "html/attributes-200000.html",
    "codebook/backreference",
    "codebook/catastrophic-pattern",  # hung re for minutes; the regex engine needs milliseconds
    "codebook/lookbehind",
    "url/ok",
)


@pytest.fixture(scope="module")
def server(fuzz: ModuleType) -> Iterator[str]:
    running = fuzz.FuzzServer()
    yield running.address
    running.close()


@pytest.mark.slow
def test_every_fuzz_input_ends_in_a_result_or_one_clean_line(
    fuzz: ModuleType, server: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    cases = fuzz.write_corpus(folder, large=False)
    assert len(cases) >= 90
    exe = [sys.executable, "-m", "claimdiff"]
    # Three at a time: the slow URL cases only wait on the server (60 s deadline, 20 s
    # timeout), so the others run meanwhile.
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = pool.map(
            lambda case: fuzz.run_case(case, folder, server, HANG_SECONDS, exe=exe),
            sorted(cases, key=lambda c: not c.name.startswith("url/")),
        )
        outcomes = {out.case.name: out for out in results}
    failures = [
        f"{name}: {out.kind} (exit {out.code})\n{out.stderr[-800:]}"
        for name, out in outcomes.items()
        if out.kind not in ("result", "clean")
    ]
    assert not failures, "\n\n".join(failures)
    wrong = [
        f"{name}: expected {words!r} in {outcomes[name].stderr!r}"
        for name, words in EXPECTED.items()
        if words not in outcomes[name].stderr
    ]
    wrong += [f"{n}: did not open: {outcomes[n].stderr!r}" for n in MUST_OPEN if outcomes[n].code]
    assert not wrong, "\n".join(wrong)


@pytest.mark.slow
@pytest.mark.parametrize("name", CLAIMS_STAGE_SHAPES)
def test_large_text_shapes_end_in_time(
    name: str, fuzz: ModuleType, server: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("large")
    case = next(c for c in fuzz.large_text_cases(folder) if c.name == name)
    out = fuzz.run_case(case, folder, server, 60.0, exe=[sys.executable, "-m", "claimdiff"])
    assert out.kind in ("result", "clean"), out.stderr[-800:]
    if out.kind == "clean":
        assert "too long to analyse" in out.stderr, out.stderr


def test_classify_tells_clean_lines_from_tracebacks(fuzz: ModuleType) -> None:
    assert fuzz.classify(0, "") == "result"
    assert fuzz.classify(0, "claimdiff: warning: a.html: a table was cut\n") == "result"
    assert fuzz.classify(2, "claimdiff: a.pdf: is encrypted with a password\n") == "clean"
    assert fuzz.classify(2, "claimdiff: a.pdf: x\nclaimdiff: b.pdf: y\n") == "unclean"
    assert fuzz.classify(2, "pypdf warning\nclaimdiff: a.pdf: x\n") == "unclean"
    assert fuzz.classify(1, "Traceback (most recent call last):\n  ...\n") == "traceback"
    assert fuzz.classify(None, "") == "hang"
