"""Write the fuzz corpus: hostile and odd inputs for ``claimdiff claims`` / ``compare``.

Every input is generated here, so the repository holds no binaries and anyone can re-create
the corpus (``python tools/make_fuzz_corpus.py FOLDER``). Each ``Case`` names the file(s),
the command line to run and how stdout is connected; ``{dir}`` in an argument is the corpus
folder and ``{server}`` the address of the local test server (tools/fuzz_server.py-style
behaviours are served by ``benchmarks/fuzz.py`` and the test, never the network).

The expected outcome of every case is the same: exit 0 with a result, or exit 2 with exactly
one line ``claimdiff: <file>: <problem>``, within a time limit, never a traceback or a hang.
The large-text shapes are tagged ``claims-stage``: the claims stage owns their speed.
"""

from __future__ import annotations

import argparse
import codecs
import io
import json
import os
import random
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ARTICLE = (
    "Envoy says missile defense talks have stalled\n\n"
    "The ambassador said on Thursday that talks on missile defense cooperation had stalled "
    "and that no breakthrough was expected before the summer.\n\n"
    '"We do not see any readiness on the other side to take our concerns into account," he '
    "told reporters in Washington, adding that experts would continue to meet.\n\n"
    "Officials from both countries have met three times since January, according to the "
    "foreign ministry, which described the atmosphere as businesslike.\n"
)
RUSSIAN = "Посол заявил в четверг, что переговоры о противоракетной обороне зашли в тупик.\n" * 8
MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Case:
    """One fuzz input: ``args`` follow ``claimdiff``; ``stdout`` is normal, full or closed."""

    name: str
    args: tuple[str, ...]
    group: str = "loader"
    stdout: str = "normal"
    tags: tuple[str, ...] = field(default=())


Writer = Callable[[Path], list[Case]]


def _claims(name: str, file: str, group: str, **kw: object) -> Case:
    return Case(name, ("claims", "--backend", "lexical", "{dir}/" + file), group, **kw)  # type: ignore[arg-type]


# text files ---------------------------------------------------------------------------------


def text_cases(d: Path) -> list[Case]:
    rng = random.Random(20)
    files: dict[str, bytes] = {
        "ok.txt": ARTICLE.encode(),
        "ok.md": ("# Envoy\n\n" + ARTICLE).encode(),
        "empty.txt": b"",
        "whitespace.txt": b" \n\t\n   \n",
        "binary.txt": bytes(rng.randrange(256) for _ in range(4096)),
        "nul-bytes.txt": ARTICLE.encode().replace(b" ", b"\x00", 5),
        "bad-utf8.txt": ARTICLE.encode() + b"\xff\xfe\xc3(\xa0\xa1" + ARTICLE.encode(),
        "utf16-bom.txt": codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"),
        "utf16-nobom.txt": ARTICLE.encode("utf-16-le"),
        "utf32-bom.txt": codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"),
        "utf32-nobom.txt": ARTICLE.encode("utf-32-le"),
        "utf8-bom.txt": codecs.BOM_UTF8 + ARTICLE.encode(),
        "cp1251.txt": RUSSIAN.encode("cp1251"),
        "koi8r.txt": RUSSIAN.encode("koi8-r"),
        "controls.txt": bytes(rng.choice(b"\x01\x02\x03\x1b\x7fab ") for _ in range(4096)),
        "lone-cr.txt": ARTICLE.replace("\n", "\r").encode(),
        "bidi-zero-width.txt": ("\u202e\u200b\ufeff" + ARTICLE).encode(),
        "one-word.txt": b"hello",
        "long-word.txt": b"a" * 200_000,
        "no-extension": ARTICLE.encode(),
        "wrong.docx": b"PK\x03\x04" + bytes(100),
        "tiny-mixed-scripts.txt": "Ω≈ç√ ∫˜µ ≤≥÷ 表ポあ 𝕿𝖍𝖊 ￼ \U0001f600\n".encode() * 50,
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    cases = [_claims(f"text/{n}", n, "text") for n in files]
    big = d / "over-limit-50mb.txt"
    with big.open("wb") as out:
        out.write(b"word " * (10 * MB))
    sparse = d / "sparse-1tb.txt"
    with sparse.open("wb") as out:
        out.truncate(1 << 40)
    cases += [
        _claims("text/50 MB over the size limit", big.name, "text"),
        _claims("text/sparse 1 TB file", sparse.name, "text"),
        Case("text/missing file", ("claims", "{dir}/missing.txt"), "text"),
        Case(
            "text/compare ok vs binary",
            ("compare", "--backend", "lexical", "{dir}/ok.txt", "{dir}/binary.txt"),
            "text",
        ),
    ]
    return cases


def special_file_cases(d: Path) -> list[Case]:
    """Paths that are no regular file: each must be refused at once, never opened and read."""
    fifo = d / "named-pipe.txt"
    if hasattr(os, "mkfifo") and not fifo.exists():
        os.mkfifo(fifo)
    (d / "folder.txt").mkdir(exist_ok=True)
    for name, target in (
        ("dev-zero.txt", "/dev/zero"),
        ("dev-null.txt", "/dev/null"),
        ("dangling.txt", str(d / "nowhere")),
    ):
        link = d / name
        if not link.is_symlink():
            link.symlink_to(target)
    return [
        _claims("special/named pipe as .txt", fifo.name, "special"),
        _claims("special/folder named .txt", "folder.txt", "special"),
        _claims("special/symlink to /dev/zero", "dev-zero.txt", "special"),
        _claims("special/symlink to /dev/null", "dev-null.txt", "special"),
        _claims("special/dangling symlink", "dangling.txt", "special"),
    ]


def large_text_cases(d: Path) -> list[Case]:
    """The shapes the claims stage must bound (its own issue); the loader passes them on."""
    sentence = "The minister said the talks would resume in Geneva next week. "
    shapes = {
        "large-20mb-article.txt": (sentence * (int(19.5 * MB) // len(sentence))).encode(),
        "one-10mb-line.txt": ("word " * (2 * MB)).encode(),
        "100k-short-lines.txt": b"word\n" * 100_000,
        "100k-verbless-sentences.txt": b"Big red boxes. " * 100_000,
    }
    for name, data in shapes.items():
        (d / name).write_bytes(data)
    return [_claims(f"large/{n}", n, "large", tags=("claims-stage",)) for n in shapes]


# HTML ---------------------------------------------------------------------------------------

HTML_HEAD = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Envoy says talks stalled</title>"
    "<meta property='og:site_name' content='Example News'>"
    "<meta property='article:published_time' content='1987-03-14T08:30:00Z'>"
    "</head><body><main><article><h1>Envoy says talks stalled</h1>"
)
HTML_BODY = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
HTML_TAIL = "</article></main></body></html>"


def _html(inner: str) -> bytes:
    return (HTML_HEAD + HTML_BODY + inner + HTML_TAIL).encode()


def html_cases(d: Path) -> list[Case]:
    rows = "".join(f"<tr><td>row {i}</td><td>value {i}</td></tr>" for i in range(100_000))
    files: dict[str, bytes] = {
        "ok.html": _html(""),
        "empty.html": b"",
        "no-article.html": b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "binary.html": bytes(random.Random(3).randrange(256) for _ in range(8192)),
        "table-100k-rows.html": _html(f"<table>{rows}</table>"),
        "nested-divs-20k.html": _html("<div>" * 20_000 + "deep text here" + "</div>" * 20_000),
        "spans-300k.html": _html("<span>x</span>" * 300_000),
        "paragraphs-140k.html": _html("<p>word word word.</p>" * 140_000),
        "comment-5mb.html": _html("<!--" + "c" * (5 * MB) + "-->"),
        "entities.html": _html("<p>" + "&amp;&#x1F600;&lt;&#0;&#xD800;&nbsp;" * 20_000 + "</p>"),
        "script-heavy.html": _html("<script>" + "var a=1;" * 200_000 + "</script>"),
        "wrong-charset.html": HTML_HEAD.replace("utf-8", "utf-16").encode() + HTML_BODY.encode(),
        "unclosed.html": b"<html><body><p>" + ARTICLE.encode() + b"<p><b><i><table><tr><td>",
    }
    for n in (5_000, 20_000, 200_000):
        attrs = " ".join(f"a{i}='{i}'" for i in range(n))
        files[f"attributes-{n}.html"] = _html(f"<p {attrs}>many attributes here now</p>")
    for name, data in files.items():
        (d / name).write_bytes(data)
    return [_claims(f"html/{n}", n, "html") for n in files]


# PDF ----------------------------------------------------------------------------------------


def _raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF from numbered object bodies (object n is objects[n-1]), with a correct xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    out.write(trailer % (len(objects) + 1, root, xref))
    return out.getvalue()


def _stream(data: bytes, compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        return (
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
        )
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _page_pdf(contents: list[bytes], shared: bytes | None = None, extra: bytes = b"") -> bytes:
    """Pages with Helvetica; ``shared`` is one content stream every page points at."""
    n_pages = len(contents) if shared is None else 40
    font = 3
    first_page = 4
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (first_page + i) for i in range(n_pages)), n_pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    content_base = first_page + n_pages
    for i in range(n_pages):
        content = content_base if shared is not None else content_base + i
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d "
            b"0 R >> >> /Contents %d 0 R %s>>" % (font, content, extra)
        )
    if shared is not None:
        objects.append(_stream(shared, compress=True))
    else:
        objects.extend(_stream(c) for c in contents)
    return _raw_pdf(objects)


def _text_ops(text: str) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"


def _encrypted(user: str, owner: str, algorithm: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_page_pdf([_text_ops(ARTICLE[:200])]))))
    writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_cases(d: Path) -> list[Case]:
    sentences = [s for s in ARTICLE.replace('"', "").splitlines() if s]
    ok = _page_pdf([_text_ops(s) for s in sentences])
    files: dict[str, bytes] = {
        "ok.pdf": ok,
        "empty.pdf": b"",
        "header-only.pdf": b"%PDF-1.7\n",
        "garbage.pdf": b"%PDF-1.4\n" + bytes(random.Random(5).randrange(256) for _ in range(8192)),
        "truncated.pdf": ok[: len(ok) // 2],
        "no-text-layer.pdf": _page_pdf([b"0 0 m 100 100 l S"]),
        "nested-content-arrays.pdf": _page_pdf(
            [b"BT /F1 12 Tf 72 720 Td " + b"[" * 5000 + b"(x)" + b"]" * 5000 + b" TJ ET"]
        ),
        "nested-object-arrays.pdf": _page_pdf(
            [_text_ops("Hello there said the man.")], extra=b"/Junk " + b"[" * 5000 + b"]" * 5000
        ),
        "nested-dicts.pdf": _page_pdf(
            [_text_ops("Hello there said the man.")],
            extra=b"/Junk " + b"<</A " * 3000 + b">>" * 3000,
        ),
        "shared-stream-bomb.pdf": _page_pdf(
            [], shared=b"BT /F1 1 Tf 0 0 Td (" + b"A" * (15 * MB) + b") Tj ET"
        ),
        "kids-cycle.pdf": _raw_pdf(
            [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]
        ),
        "self-reference.pdf": _raw_pdf([b"<< /Type /Catalog /Pages 1 0 R >>"]),
        "many-pages.pdf": _page_pdf(
            [_text_ops(f"Page {i} says the minister.") for i in range(3000)]
        ),
    }
    for user, owner, algorithm in (
        ("", "owner", "AES-128"),
        ("", "owner", "AES-256"),
        ("secret", "owner", "AES-256"),
        ("secret", "owner", "RC4-128"),
        ("", "owner", "RC4-128"),
    ):
        kind = "user-password" if user else "owner-only"
        files[f"encrypted-{algorithm.lower()}-{kind}.pdf"] = _encrypted(user, owner, algorithm)
    for name, data in files.items():
        (d / name).write_bytes(data)
    return [_claims(f"pdf/{n}", n, "pdf") for n in files]


# codebooks ----------------------------------------------------------------------------------

CODEBOOK = """name: fuzz
{extra}topics:
  - id: t
    positions:
      - id: a
        {field}
      - id: b
        cues: [zebra crossing]
"""


def codebook_cases(d: Path) -> list[Case]:
    books = {
        "ok": CODEBOOK.format(extra="", field="cues: [talks]"),
        "python-tag": CODEBOOK.format(
            extra="", field="cues: !!python/object/apply:os.system ['echo owned']"
        ),
        "deep-nesting": "name: x\ntopics: " + "[" * 1000 + "]" * 1000 + "\n",
        "huge-repeat": CODEBOOK.format(extra="", field="patterns: ['a{99999999999}']"),
        "huge-repeat-2": CODEBOOK.format(extra="", field="patterns: ['(?:ab){4294967296}']"),
        "long-threshold": CODEBOOK.format(
            extra="thresholds: {label: 0.%s}\n" % ("5" * 5000), field="cues: [talks]"
        ),
        "long-int-threshold": CODEBOOK.format(
            extra="thresholds: {label: %s}\n" % ("9" * 5000), field="cues: [talks]"
        ),
        "nan-threshold": CODEBOOK.format(extra="thresholds: {label: .nan}\n", field="cues: [x]"),
        "catastrophic-pattern": CODEBOOK.format(extra="", field="patterns: ['\\b(\\w+\\s?)*$']"),
        "catastrophic-term": CODEBOOK.format(
            extra="terms:\n  bad: '(x+x+)+y'\n", field="patterns: ['{{bad}}']"
        ),
        "catastrophic-cue": CODEBOOK.format(extra="", field="cues: ['\\b(\\w+\\s?)*$']"),
        "nested-quantifier": CODEBOOK.format(extra="", field="patterns: ['(a|aa)+$', '(\\w+)*!']"),
        "backreference": CODEBOOK.format(extra="", field="patterns: ['\\b(\\w+) \\1\\b']"),
        "lookbehind": CODEBOOK.format(extra="", field="patterns: ['(?<=said )talks']"),
        "alias-bomb": "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "name: *i\ntopics: []\n",
        "binary": "\x00\x01\x02 not yaml",
        "tabs": "name: x\ntopics:\n\t- id: t\n",
        "hostile-colour": CODEBOOK.format(
            extra="", field='colour: "red;}</style><script>"\n        cues: [x]'
        ),
        "huge-int-key": CODEBOOK.format(extra="", field="cues: [talks]")
        + "? "
        + "9" * 5000
        + "\n: x\n",
    }
    cases = []
    for name, text in books.items():
        path = d / f"codebook-{name}.yaml"
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
        args = ("claims", "--backend", "lexical", "--codebook", "{dir}/" + path.name)
        cases.append(Case(f"codebook/{name}", (*args, "{dir}/ok.txt"), "codebook"))
    return cases


# URLs and output ----------------------------------------------------------------------------

URL_PATHS = {
    "ok": "/ok.html",
    "slow drip": "/drip",
    "endless body": "/endless",
    "declared 1 GB": "/declared-huge",
    "stalls after headers": "/stall",
    "404": "/missing",
    "redirect loop": "/loop",
    "bad content type": "/image",
}


def url_cases(_: Path) -> list[Case]:
    return [
        Case(f"url/{name}", ("claims", "--backend", "lexical", "{server}" + path), "url")
        for name, path in URL_PATHS.items()
    ]


def output_cases(_: Path) -> list[Case]:
    args = ("claims", "--backend", "lexical", "{dir}/ok.txt")
    return [
        Case("output/stdout is /dev/full", args, "output", stdout="full"),
        Case("output/stdout closed", args, "output", stdout="closed"),
        Case("output/-o into a missing folder", (*args, "-o", "{dir}/no/such/out.txt"), "output"),
    ]


WRITERS: tuple[Writer, ...] = (
    text_cases,
    special_file_cases,
    large_text_cases,
    html_cases,
    pdf_cases,
    codebook_cases,
    url_cases,
    output_cases,
)


def write_corpus(folder: Path, *, large: bool = True) -> list[Case]:
    """Write every input into ``folder`` (created) and return the cases to run."""
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    for writer in WRITERS:
        if writer is large_text_cases and not large:
            continue
        cases.extend(writer(folder))
    return cases


# running ------------------------------------------------------------------------------------

TRACEBACK = "Traceback (most recent call last)"


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one case ended: ``kind`` is result, clean, traceback, unclean or hang."""

    case: Case
    kind: str
    code: int | None
    seconds: float
    stderr: str

    @property
    def problem(self) -> str:
        lines = self.stderr.strip().splitlines()
        return lines[-1] if lines else ""


def classify(code: int | None, stderr: str) -> str:
    """Exit 0, or exit 2 with exactly one ``claimdiff: <file>: <problem>`` line, is clean.

    Warnings (``claimdiff: warning: ...``) may come before either; anything else is not.
    """
    if code is None:
        return "hang"
    if TRACEBACK in stderr:
        return "traceback"
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    errors = [ln for ln in lines if not ln.startswith("claimdiff: warning: ")]
    if code == 0 and not errors:
        return "result"
    if code == 2 and len(errors) == 1 and errors[0].startswith("claimdiff: "):
        return "clean"
    return "unclean"


def run_case(
    case: Case,
    folder: Path,
    server: str,
    limit: float,
    *,
    exe: list[str],
    env: dict[str, str] | None = None,
) -> Outcome:
    """Run one case through the real command (``exe``) in a subprocess, killed after ``limit`` s."""
    import subprocess
    import time

    args = [a.replace("{dir}", str(folder)).replace("{server}", server) for a in case.args]
    command = [*exe, *args]
    if case.stdout == "closed":
        command = ["sh", "-c", 'exec 1>&- "$0" "$@"', *command]
    started = time.perf_counter()
    with open(os.devnull if case.stdout != "full" else "/dev/full", "wb") as sink:
        proc = subprocess.Popen(
            command,
            stdout=sink,
            stderr=subprocess.PIPE,
            cwd=folder,
            env=env,
            start_new_session=True,
        )
        try:
            _, err = proc.communicate(timeout=limit)
            code: int | None = proc.returncode
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            _, err = proc.communicate()
            code = None
    seconds = time.perf_counter() - started
    stderr = err.decode("utf-8", "replace")
    return Outcome(case, classify(code, stderr), code, seconds, stderr)


class FuzzServer:
    """A local HTTP server with the hostile behaviours of ``URL_PATHS``, on 127.0.0.1."""

    def __init__(self) -> None:  # noqa: C901 - one branch per hostile behaviour
        import http.server
        import threading
        import time

        body = (HTML_HEAD + HTML_BODY + HTML_TAIL).encode()
        self._stop = threading.Event()
        stop = self._stop

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _head(self, code: int, kind: str, length: int | None = None) -> None:
                self.send_response(code)
                self.send_header("Content-Type", kind)
                if length is not None:
                    self.send_header("Content-Length", str(length))
                self.end_headers()

            def do_GET(self) -> None:
                try:
                    if self.path == "/ok.html":
                        self._head(200, "text/html; charset=utf-8", len(body))
                        self.wfile.write(body)
                    elif self.path == "/drip":
                        self._head(200, "text/html")
                        while not stop.is_set():
                            self.wfile.write(b"<")
                            self.wfile.flush()
                            time.sleep(1)
                    elif self.path == "/endless":
                        self._head(200, "text/plain")
                        chunk = b"word " * 65536
                        while not stop.is_set():
                            self.wfile.write(chunk)
                    elif self.path == "/declared-huge":
                        self._head(200, "text/plain", 1 << 30)
                        self.wfile.write(b"word " * 100)
                    elif self.path == "/stall":
                        self._head(200, "text/html", 1000)
                        stop.wait(600)
                    elif self.path == "/loop":
                        self.send_response(302)
                        self.send_header("Location", "/loop")
                        self.end_headers()
                    elif self.path == "/image":
                        self._head(200, "image/png", 8)
                        self.wfile.write(b"\x89PNG\r\n\x1a\n")
                    else:
                        self._head(404, "text/plain", 9)
                        self.wfile.write(b"not found")
                except OSError:
                    pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.address = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--no-large", action="store_true", help="skip the large-text shapes")
    args = parser.parse_args()
    cases = write_corpus(args.folder, large=not args.no_large)
    index = args.folder / "cases.json"
    index.write_text(json.dumps([asdict(c) for c in cases], indent=1))
    print(f"{len(cases)} cases written to {args.folder} (index: {index.name})")


if __name__ == "__main__":
    main()
