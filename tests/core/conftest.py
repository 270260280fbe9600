"""Shared fixtures: where the repository and its seed articles are, and crafted input files.

Crafted files are written into ``tmp_path`` so no test depends on anything outside the
repository, and the local HTTP server binds 127.0.0.1 on a free port so URL loading is
tested without the network.
"""

from __future__ import annotations

import http.server
import importlib.util
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Envoy says talks stalled | Example News</title>
<meta property="og:title" content="Envoy says missile defense talks have stalled">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2019-03-14T08:30:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home page</a></li><li><a href="/world">World desk</a></li>
<li><a href="/subscribe">Subscribe to the morning briefing newsletter</a></li></ul></nav></header>
<aside><h3>Most read</h3>
<p>A celebrity chef opens a bakery in the old harbour district on Friday morning.</p></aside>
<main><article>
<h1>Envoy says missile defense talks have stalled</h1>
<p>The ambassador said on Thursday that talks on missile defense cooperation had stalled
and that no breakthrough was expected before the summer.</p>
<p>"We do not see any readiness on the other side to take our concerns into account," he told
reporters in Washington, adding that experts would continue to meet.</p>
<p>Officials from both countries have met three times since January, according to the
foreign ministry, which described the atmosphere as businesslike.</p>
</article></main>
<footer><p>Copyright Example News. All rights reserved. Privacy policy and terms of use.</p>
</footer></body></html>
"""

PDF_LINES = (
    "Envoy doubts missile defense deal",
    "The ambassador said the two sides remain far apart on missile defense.",
    "Experts will meet again in September, officials said.",
)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The repository's seeds; the shared originals beside the checkout before they exist."""
    for candidate in (REPO_ROOT / "seeds", REPO_ROOT.parent / "shared" / "seeds"):
        if any(candidate.glob("*.txt")):
            return candidate
    pytest.fail("no seed articles found in <repo>/seeds")


@pytest.fixture(scope="session")
def seed_sentences(seeds_dir: Path) -> list[str]:
    """Real sentences of the seeds, for generating corpora by recombining them."""
    return [
        part.strip()
        for seed in sorted(seeds_dir.glob("*.txt"))
        for part in seed.read_text(encoding="utf-8").split(". ")
        if 40 < len(part.strip()) < 300
    ]


@pytest.fixture
def html_text() -> str:
    """A news page whose article sits among navigation, a sidebar and a footer."""
    return ARTICLE_HTML


@pytest.fixture
def html_file(tmp_path: Path) -> Path:
    path = tmp_path / "envoy.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    return path


def _make_pdf(lines: tuple[str, ...], title: str) -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle(title)
    y = 780.0
    for line in lines:
        pdf.drawString(72, y, line)
        y -= 24
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture
def pdf_lines() -> tuple[str, ...]:
    return PDF_LINES


@pytest.fixture(scope="session")
def pdf_maker() -> Callable[[tuple[str, ...], str], bytes]:
    """Draw a one-page PDF from lines of text, with the given document title."""
    return _make_pdf


@pytest.fixture(scope="session")
def pdf_bytes() -> bytes:
    """A one-page PDF with a real text layer (``PDF_LINES``), drawn by reportlab."""
    return _make_pdf(PDF_LINES, PDF_LINES[0])


@pytest.fixture
def pdf_file(tmp_path: Path, pdf_bytes: bytes) -> Path:
    path = tmp_path / "envoy.pdf"
    path.write_bytes(pdf_bytes)
    return path


Route = tuple[int, str, bytes]  # status, content type, body


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, Route] = {}  # noqa: RUF012 - replaced per server by a subclass

    def do_GET(self) -> None:
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean."""


@pytest.fixture
def serve() -> Iterator[Callable[[dict[str, Route]], str]]:
    """Start a local HTTP server; call the fixture's value with routes to get its base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(routes: dict[str, Route]) -> str:
        handler = type("Handler", (_Handler,), {"routes": routes})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        host, port = server.server_address[:2]
        return f"http://{host!s}:{port}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def fuzz() -> ModuleType:
    """tools/make_fuzz_corpus.py, the generator of the hostile inputs (a script, not a package)."""
    path = REPO_ROOT / "tools" / "make_fuzz_corpus.py"
    spec = importlib.util.spec_from_file_location("make_fuzz_corpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module
