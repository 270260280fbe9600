"""Loading articles from every supported source, and refusing bad input in plain words."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from claimdiff.base.errors import InputError
from claimdiff.ingest import textfile
from claimdiff.ingest.fetch import fetch
from claimdiff.ingest.load import expand_paths, load_article
from claimdiff.ingest.manifest import load_manifest

Serve = Callable[[dict[str, tuple[int, str, bytes]]], str]
SEED_DATES = {
    "000_fbd7af67a7761638": "2017-02-09",
    "001_fcd437e513264478": "2012-07-10",
    "002_732f1da1e3f5c25c": "2021-02-01",
    "003_901642ca2c8110a9": "2024-07-09",
    "004_ae97e33e177aeab3": "2007-08-02",
}

MIXED_RU_EN = (
    "Рябков: Россия не видит оснований для переговоров\n\n"
    "Заместитель министра иностранных дел Сергей Рябков заявил, что Москва не видит "
    "оснований для диалога о контроле над вооружениями с Вашингтоном.\n\n"
    "По его словам, договор СНВ-3 (New START) истекает в феврале 2026 года, и "
    "американская сторона пока не предложила ничего нового.\n"
)


# --- seeds -----------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", sorted(SEED_DATES))
def test_seed_loads_with_the_manifest_date(seeds_dir: Path, stem: str) -> None:
    article = load_article(seeds_dir / f"{stem}.txt")
    assert article.id == stem
    assert article.date == SEED_DATES[stem]
    assert article.date_source == "manifest"
    assert article.format == "txt"
    assert article.source
    assert article.title in article.text
    raw = (seeds_dir / f"{stem}.txt").read_bytes()
    assert article.checksum == hashlib.sha256(raw).hexdigest()
    assert article.text == raw.decode("utf-8")


def test_explicit_manifest_is_used_for_a_copy_elsewhere(seeds_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "004_ae97e33e177aeab3.txt"
    shutil.copyfile(seeds_dir / copy.name, copy)
    manifest = load_manifest(seeds_dir / "manifest.csv")
    article = load_article(copy, manifest)
    assert (article.date, article.date_source) == ("2007-08-02", "manifest")
    assert article.source == "Rus News Journal"


def test_without_manifest_dates_come_from_the_text_or_nowhere(
    seeds_dir: Path, tmp_path: Path
) -> None:
    for stem in ("003_901642ca2c8110a9", "000_fbd7af67a7761638"):
        shutil.copyfile(seeds_dir / f"{stem}.txt", tmp_path / f"{stem}.txt")
    dated = load_article(tmp_path / "003_901642ca2c8110a9.txt")
    assert (dated.date, dated.date_source) == ("2024-07-09", "text")
    assert dated.title == "Russia Rules Out Even Tentative Talks with US on Arms Control"
    undated = load_article(tmp_path / "000_fbd7af67a7761638.txt")
    assert (undated.date, undated.date_source) == (None, "none")
    assert undated.source is None
    assert undated.title.startswith("Russian Envoy to US Comments")


def test_loading_leaves_the_file_byte_identical(seeds_dir: Path, tmp_path: Path) -> None:
    for name in ("002_732f1da1e3f5c25c.txt", "manifest.csv"):
        shutil.copy2(seeds_dir / name, tmp_path / name)
    path = tmp_path / "002_732f1da1e3f5c25c.txt"
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    listing = sorted(p.name for p in tmp_path.iterdir())
    article = load_article(path)
    after = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    assert before == after
    assert article.checksum == before[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_sidecar_overrides_extracted_metadata(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Envoy speaks\n\nThe envoy said on Friday that talks would go on.\n")
    (tmp_path / "note.txt.meta.json").write_text(
        '{"title": "Envoy: talks go on", "source": "Wire", "date": "2020-05-01"}'
    )
    article = load_article(path)
    assert (article.title, article.source) == ("Envoy: talks go on", "Wire")
    assert (article.date, article.date_source) == ("2020-05-01", "manifest")


# --- formats ---------------------------------------------------------------------------------


def test_html_gives_main_text_and_metadata(html_file: Path) -> None:
    article = load_article(html_file)
    assert article.format == "html"
    assert "no breakthrough was expected before the summer" in article.text
    assert "businesslike" in article.text
    for outside in ("World desk", "morning briefing", "celebrity chef", "All rights reserved"):
        assert outside not in article.text
    assert article.title == "Envoy says missile defense talks have stalled"
    assert (article.date, article.date_source) == ("2019-03-14", "metadata")
    assert article.source == "Example News"
    assert article.checksum == hashlib.sha256(html_file.read_bytes()).hexdigest()


def test_pdf_text_layer_is_read(pdf_file: Path, pdf_lines: tuple[str, ...]) -> None:
    article = load_article(pdf_file)
    assert article.format == "pdf"
    for line in pdf_lines:
        assert line in article.text
    assert article.id == "envoy"
    assert article.title == pdf_lines[0]
    assert (article.date, article.date_source) == (None, "none")
    assert article.spans[0].kind == "title"
    body = article.text.index("remain far apart")
    assert article.is_body(body, body + 10)


def test_pdf_file_name_title_and_missing_text_layer(
    tmp_path: Path, pdf_maker: Callable[[tuple[str, ...], str], bytes]
) -> None:
    lines = ("Geneva talks end", "The delegations left Geneva on Friday without an agreement.")
    exported = tmp_path / "exported.pdf"
    exported.write_bytes(pdf_maker(lines, "Microsoft Word - geneva.docx"))
    assert load_article(exported).title == "Geneva talks end"
    scanned = tmp_path / "scanned.pdf"
    scanned.write_bytes(pdf_maker((), "Scan"))
    with pytest.raises(InputError, match="no text layer"):
        load_article(scanned)


def test_markdown_heading_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text("# Talks stall in Geneva\n\nThe delegations left Geneva without a deal.\n")
    article = load_article(path)
    assert (article.format, article.title) == ("md", "Talks stall in Geneva")


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("cp1251", b""),
    ],
)
def test_russian_and_english_text_is_decoded(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "ryabkov.txt"
    path.write_bytes(bom + MIXED_RU_EN.replace("\n", "\r\n").encode(encoding))
    article = load_article(path)
    assert article.text == MIXED_RU_EN
    assert article.title == "Рябков: Россия не видит оснований для переговоров"


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    text = (
        "Déclaration du ministère\n\n"
        "Le ministère a déclaré jeudi que la coopération en matière de défense antimissile "
        "était « gelée » et qu'aucune réunion n'était prévue avant l'été à Genève.\n"
    )
    path = tmp_path / "declaration.txt"
    path.write_bytes(text.encode("latin-1"))
    assert load_article(path).text == text


# --- refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b" \n\t\n  \n", "no text"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("noise.txt", bytes(range(128, 256)) * 20, "cannot be decoded"),
        ("report.docx", b"PK\x03\x04 word document", "unsupported file type (.docx)"),
        ("scan.pdf", b"%PDF-1.4 this is not really a pdf", "PDF"),
        ("page.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
    ],
)
def test_bad_file_is_refused_with_its_problem(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_article(path)
    assert caught.value.location == str(path)
    assert problem in caught.value.problem


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_article(tmp_path / "nowhere.txt")
    with pytest.raises(InputError, match="is a folder"):
        load_article(tmp_path)


def test_oversized_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(textfile, "MAX_BYTES", 1000)
    path = tmp_path / "long.txt"
    path.write_text("A long sentence about missile defense talks.\n" * 50)
    with pytest.raises(InputError, match="too large") as caught:
        load_article(path)
    assert "limit is 1000 bytes" in caught.value.problem


# --- URLs ------------------------------------------------------------------------------------


def test_url_html_pdf_and_text_by_content_type(
    serve: Serve, html_text: str, pdf_bytes: bytes
) -> None:
    cp1251 = MIXED_RU_EN.encode("cp1251")
    base = serve(
        {
            "/story": (200, "text/html; charset=utf-8", html_text.encode("utf-8")),
            "/paper": (200, "application/pdf", pdf_bytes),
            "/wire": (200, "text/plain; charset=windows-1251", cp1251),
        }
    )
    page = load_article(base + "/story")
    assert page.format == "html"
    assert "no breakthrough was expected" in page.text
    assert "World desk" not in page.text
    assert (page.date, page.date_source) == ("2019-03-14", "metadata")
    assert page.id.startswith("url-")
    assert page.id == load_article(base + "/story").id
    assert page.location == base + "/story"
    assert load_article(base + "/paper").format == "pdf"
    wire = load_article(base + "/wire")
    assert (wire.format, wire.text) == ("txt", MIXED_RU_EN)
    assert wire.checksum == hashlib.sha256(cp1251).hexdigest()


def test_url_http_error_is_refused(serve: Serve) -> None:
    base = serve({})
    with pytest.raises(InputError, match="HTTP 404") as caught:
        load_article(base + "/gone")
    assert caught.value.location == base + "/gone"


def test_url_connection_refused(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(InputError, match="connection refused"):
        load_article(f"http://127.0.0.1:{port}/story")


def test_url_timeout() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)  # accepts the connection, never answers
        port = listener.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(InputError, match="timed out"):
            fetch(f"http://127.0.0.1:{port}/slow", timeout=0.3)
        assert time.monotonic() - started < 5


def test_url_oversized_download(serve: Serve, monkeypatch: pytest.MonkeyPatch) -> None:
    base = serve({"/big": (200, "text/plain", b"word " * 500)})
    monkeypatch.setattr(textfile, "MAX_BYTES", 100)
    with pytest.raises(InputError, match="too large"):
        load_article(base + "/big")


# --- folders and start-up cost ---------------------------------------------------------------


def test_expand_paths_lists_articles_not_metadata(seeds_dir: Path, tmp_path: Path) -> None:
    found = expand_paths([seeds_dir])
    assert [Path(p).stem for p in found] == sorted(SEED_DATES)
    nested = tmp_path / "b" / "deeper"
    nested.mkdir(parents=True)
    for rel in ("b/deeper/z.html", "a.txt", "a.txt.meta.json", "manifest.csv", "c.docx"):
        (tmp_path / rel).write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("x")
    listed = expand_paths([tmp_path, tmp_path / "a.txt", "https://example.org/story"])
    assert listed == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "deeper" / "z.html"),
        "https://example.org/story",
    ]


def test_expand_paths_refuses_missing_and_empty(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        expand_paths([tmp_path / "absent"])
    with pytest.raises(InputError, match="contains no articles"):
        expand_paths([tmp_path])


def test_loading_text_does_not_import_the_html_and_pdf_stacks(seeds_dir: Path) -> None:
    code = (
        "import sys; from claimdiff.ingest.load import load_article; "
        f"load_article({str(seeds_dir / '000_fbd7af67a7761638.txt')!r}); "
        "heavy = {'trafilatura', 'htmldate', 'pypdf', 'lxml', 'charset_normalizer'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert proc.stdout.strip() == "[]"


PAGE_WITH_METADATA = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Arms talks resume | Daily Wire Service</title>
{head}
</head><body><nav><a href="/">Home</a> Updated 2024-05-01</nav>
<article><h1>Arms talks resume in Geneva</h1>
{time}
<p>GENEVA, March 3, 2024 - Negotiators from both sides said on Tuesday that talks on
the arms pact would resume next week after a pause of several months.</p>
<p>"We expect a long and difficult round," one of the delegates told reporters, adding
that experts had prepared new proposals for verification.</p>
</article><footer>Copyright 2024 Daily Wire Service</footer></body></html>"""


@pytest.mark.parametrize(
    ("head", "time", "date", "site"),
    [
        (
            '<meta property="article:published_time" content="1987-12-08T10:00:00Z">'
            '<meta property="og:site_name" content="Wire Archive">',
            "",
            "1987-12-08",
            "Wire Archive",
        ),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
            '[{"@type": "NewsArticle", "datePublished": "1987-12-09", '
            '"publisher": {"@type": "Organization", "name": "LD Wire"}}]}</script>',
            "",
            "1987-12-09",
            "LD Wire",
        ),
        ("", '<time datetime="1987-12-10T09:00">Dec. 10, 1987</time>', "1987-12-10", None),
    ],
)
def test_html_declared_date_and_site_win_over_dates_in_the_text(
    tmp_path: Path, head: str, time: str, date: str, site: str | None
) -> None:
    path = tmp_path / "talks.html"
    path.write_text(PAGE_WITH_METADATA.format(head=head, time=time), encoding="utf-8")
    article = load_article(path)
    assert (article.date, article.date_source) == (date, "metadata")
    if site is not None:
        assert article.source == site


def test_html_paragraphs_stay_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "talks.html"
    path.write_text(PAGE_WITH_METADATA.format(head="", time=""), encoding="utf-8")
    paragraphs = load_article(path).text.split("\n\n")
    assert paragraphs[0] == "Arms talks resume in Geneva"
    assert paragraphs[1].startswith("GENEVA, March 3, 2024 - Negotiators")
    assert paragraphs[1].endswith("after a pause of several months.")
    assert "\n" not in paragraphs[1], "a paragraph's own line breaks are spaces"
    assert paragraphs[2].startswith('"We expect a long and difficult round,"')
