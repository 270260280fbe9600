"""Comparison reports for seeds 004 vs 000: every format, checked for what it says.

The comparison is hand-built from the real seed texts (real offsets, real word diff, the
shipped codebook's ids) so these tests pin the report layer and not the claim extractor;
the end-to-end command-line test at the bottom runs the real pipeline.
"""

from __future__ import annotations

import csv
import html.parser
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from claimdiff.base.errors import InputError
from claimdiff.base.model import Article, Claim, Comparison, Label, Link
from claimdiff.cli.cli import main
from claimdiff.ingest.load import load_article
from claimdiff.labels.codebook import load_codebook
from claimdiff.match.diff import word_diff
from claimdiff.output.report import render_report, report_format, timeline_svg, write_report
from claimdiff.output.report.context import build_context
from claimdiff.output.report.names import Names
from claimdiff.output.report.tables import LINK_COLUMNS
from claimdiff.timeline.timeline import timeline_frame

LEFT_SEED = "004_ae97e33e177aeab3.txt"
RIGHT_SEED = "000_fbd7af67a7761638.txt"
LEFT_CONFLICT = (
    "As the American administration declares, these measures are necessary for protection "
    "of Europe against possible rocket attacks from Iran and the North Korea."
)
RIGHT_CONFLICT = (
    '"We see, that no matter what explanation is provided\xa0— whether it is created against'
    "\xa0Iran or against\xa0North Korea\xa0— in\xa0reality, a global system, which particularly "
    'surrounds the Russian Federation, is being built," Kislyak said.'
)
REASON = (
    "opposed positions on Target of missile defence: Aimed at Iran / North Korea vs Aimed at Russia"
)
MADE_AT = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
TARGET_IRAN = ("target", "iran-nk", 0.86, "protection of Europe against possible rocket", "cue")
TARGET_RUSSIA = (
    "target",
    "russia",
    0.83,
    "surrounds the Russian Federation",
    "structure: contrast",
)
TALKS_BLEAK = ("talks", "bleak", 0.91, "not seen at present", "cue")
LEFT_CLAIMS = (
    (
        "Washington positively estimates results of negotiations on system of antimissile "
        "defence (ABM) between representatives of Russia and the USA.",
        None,
        (),
    ),
    (LEFT_CONFLICT, "American administration", (TARGET_IRAN,)),
    (
        "Thus Washington has rejected offers of Russia on sharing Gabalinsky RLS in Azerbaijan.",
        None,
        (),
    ),
    (
        "The president has especially underlined that Russia is not the initiator of a new "
        "coil of race of arms.",
        "V.Putin",
        (),
    ),
)
RIGHT_CLAIMS = (
    (
        "Any immediate possibility for Russia and the United States to reach an agreement on "
        "missile defense is not seen at present, Russian Ambassador to the United States Sergey "
        "Kislyak said on the eve of Diplomats’ Day.",
        "Sergey Kislyak",
        (TALKS_BLEAK,),
    ),
    (RIGHT_CONFLICT, "Sergey Kislyak", (TARGET_RUSSIA,)),
    (
        "Kislyak noted Russia has been under\xa0no illusions about\xa0US missile defense goals.",
        "Sergey Kislyak",
        (),
    ),
)


def _claims(
    article: Article, specs: tuple[tuple[str, str | None, tuple], ...]
) -> tuple[Claim, ...]:
    out = []
    for n, (text, speaker, labels) in enumerate(specs):
        start = article.text.index(text)
        out.append(
            Claim(
                id=f"{article.id}:c{n}",
                article_id=article.id,
                text=text,
                start=start,
                end=start + len(text),
                speaker=speaker,
                quote=text.startswith('"'),
                labels=tuple(Label(*spec) for spec in labels),
            )
        )
    return tuple(out)


def sample_comparison(seeds: Path, left_name: str = LEFT_SEED) -> Comparison:
    """Seeds 004 vs 000 with one conflict, one shared pair and unmatched claims each side."""
    left = load_article(seeds / left_name)
    right = load_article(seeds / RIGHT_SEED)
    lc, rc = _claims(left, LEFT_CLAIMS), _claims(right, RIGHT_CLAIMS)
    links = (
        Link("shared", lc[0].id, rc[0].id, 0.41, "both report on missile-defence talks", "talks"),
        Link(
            "conflicting",
            lc[1].id,
            rc[1].id,
            0.78,
            REASON,
            topic="target",
            conflict_type="position",
            time_shift=True,
            diff=word_diff(lc[1].text, rc[1].text),
            signals=("lexical", "position"),
        ),
        Link("left_only", lc[2].id, None, 0.0, "no counterpart in the right article"),
        Link("left_only", lc[3].id, None, 0.0, "no counterpart in the right article"),
        Link("right_only", None, rc[2].id, 0.0, "no counterpart in the left article"),
    )
    codebook = load_codebook()
    return Comparison(left, right, lc, rc, links, codebook.ref)


def sample_timeline(comparison: Comparison):  # type: ignore[no-untyped-def]
    items = [
        (comparison.left, comparison.left_claims),
        (comparison.right, comparison.right_claims),
    ]
    return timeline_frame(items, freq="year")


@pytest.fixture(scope="module")
def comparison(seeds_dir: Path) -> Comparison:
    return sample_comparison(seeds_dir)


@pytest.fixture(scope="module")
def timeline(comparison: Comparison):  # type: ignore[no-untyped-def]
    return sample_timeline(comparison)


@pytest.fixture(scope="module")
def html_text(comparison: Comparison, timeline) -> str:  # type: ignore[no-untyped-def]
    out = render_report(
        comparison, "html", timeline=timeline, codebook=load_codebook(), made_at=MADE_AT
    )
    assert isinstance(out, str)
    return out


class _Tags(html.parser.HTMLParser):
    """Every start tag with its attributes, to look for scripts and external references."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(markup: str) -> _Tags:
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser


def plain(markup: str) -> str:
    return " ".join("".join(parse(markup).text).split())


def squash(text: str) -> str:
    return " ".join(text.split())


# --- HTML -----------------------------------------------------------------------------------


def test_html_lists_the_conflict_first_with_both_sentences_and_reason(html_text: str) -> None:
    text = plain(html_text)
    assert squash(LEFT_CONFLICT) in text
    assert squash(RIGHT_CONFLICT) in text
    assert REASON in text
    conflicts = text.index("Conflicts (1)")
    assert conflicts < text.index("Shared claims (1)") < text.index("side by side")
    assert conflicts < text.index(squash(LEFT_CONFLICT)) < text.index("Shared claims (1)")


def test_html_header_says_how_to_reproduce(html_text: str, comparison: Comparison) -> None:
    text = plain(html_text)
    for article in (comparison.left, comparison.right):
        assert article.checksum in text
        assert article.location in text
        assert article.title in text
    assert "2007-08-02 (from manifest)" in text
    assert comparison.codebook.sha256 in text
    assert "2025-01-02T03:04:05Z" in text
    assert "shared threshold 0.6" in text
    assert "similarity backend lexical" in text


def test_html_marks_the_word_difference(html_text: str) -> None:
    tags = parse(html_text)
    assert any(tag == "del" for tag, _ in tags.tags)
    assert any(tag == "ins" for tag, _ in tags.tags)
    assert "<del>protection of Europe" in html_text or "<del>As the American" in html_text


def test_html_highlights_texts_by_relation_with_underline_styles(html_text: str) -> None:
    classes = [a.get("class") or "" for _, a in parse(html_text).tags]
    assert classes.count("rel-conflicting") >= 2  # one claim in each text, plus the legend
    assert "rel-shared" in classes and "rel-left_only" in classes and "rel-right_only" in classes
    assert "furniture" in classes
    assert re.search(r"\.rel-conflicting \{[^}]*underline wavy #D55E00", html_text)
    assert re.search(r"\.rel-shared \{[^}]*underline solid #0072B2", html_text)
    assert re.search(r"\.rel-left_only \{[^}]*underline dotted #E69F00", html_text)


def test_html_is_self_contained(html_text: str) -> None:
    tags = parse(html_text)
    assert not [t for t, _ in tags.tags if t in ("script", "link", "iframe", "object", "embed")]
    for _, attrs in tags.tags:
        for name in ("src", "href", "xlink:href", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "file:")), (name, value)
    assert "@import" not in html_text and "url(" not in html_text
    assert "@media print" in html_text


def test_html_embeds_the_chart_with_legend_and_axes(html_text: str) -> None:
    svg = html_text[html_text.index("<svg") : html_text.rindex("</svg>")]
    assert "Target of missile defence" in svg
    assert "Aimed at Iran / North Korea" in svg and "Aimed at Russia" in svg  # legend
    assert ">2007<" in svg and ">2017<" in svg and ">year<" in svg and ">claims<" in svg
    assert 'stroke="#D55E00"' in svg  # codebook colour of "russia"
    assert "<polyline" in svg


def test_hostile_article_text_is_escaped(seeds_dir: Path, tmp_path: Path) -> None:
    hostile_sentence = LEFT_CONFLICT.replace(
        "Iran", "Iran<script>alert(1)</script><img src=x onerror=alert(2)>"
    )
    text = (
        (seeds_dir / LEFT_SEED).read_text(encoding="utf-8").replace(LEFT_CONFLICT, hostile_sentence)
    )
    (tmp_path / "hostile.txt").write_text(text, encoding="utf-8")
    specs = tuple(
        (hostile_sentence if s == LEFT_CONFLICT else s, sp, lab) for s, sp, lab in LEFT_CLAIMS
    )
    left = load_article(tmp_path / "hostile.txt")
    base = sample_comparison(seeds_dir)
    lc = _claims(left, specs)
    links = tuple(
        Link(
            link.relation,
            link.left.replace(base.left.id, left.id) if link.left else None,
            link.right,
            link.score,
            link.reason,
            link.topic,
            link.conflict_type,
            diff=word_diff(lc[1].text, base.right_claims[1].text)
            if link.left == base.left_claims[1].id
            else (),
        )
        for link in base.links
    )
    hostile = Comparison(left, base.right, lc, base.right_claims, links, base.codebook)
    out = render_report(hostile, "html")
    assert isinstance(out, str)
    tags = parse(out)
    assert not [t for t, _ in tags.tags if t == "script"]
    assert not [a for t, a in tags.tags if t == "img" or "onerror" in a]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=alert(2)&gt;" in out
    md = render_report(hostile, "markdown")
    assert isinstance(md, str)
    assert "<script>" not in md and "&lt;script&gt;" in md


# --- Markdown -------------------------------------------------------------------------------


def test_markdown_has_summary_conflict_and_claim_table(comparison: Comparison) -> None:
    md = render_report(comparison, "markdown", codebook=load_codebook(), made_at=MADE_AT)
    assert isinstance(md, str)
    unescaped = md.replace("\\", "")
    assert "**1** conflicting · **1** shared · **2** only in left · **1** only in right" in md
    assert squash(LEFT_CONFLICT) in unescaped
    assert squash(RIGHT_CONFLICT) in unescaped
    assert REASON in unescaped
    assert md.index("## Conflicts") < md.index("## Shared claims") < md.index("## Claims")
    assert "~~" in md  # deletions of the word diff
    claim_rows = [line for line in md.splitlines() if re.match(r"\| [LR]\d+ \|", line)]
    assert len(claim_rows) == 7


# --- CSV, XLSX, JSON --------------------------------------------------------------------------


def test_csv_has_one_row_per_link_with_documented_columns(comparison: Comparison) -> None:
    out = render_report(comparison, "csv")
    assert isinstance(out, str)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == LINK_COLUMNS
    assert LINK_COLUMNS[:5] == ("relation", "topic", "conflict_type", "score", "reason")
    assert [r["relation"] for r in rows] == [
        "shared", "conflicting", "left_only", "left_only", "right_only"
    ]  # fmt: skip
    conflict = rows[1]
    assert conflict["left_text"] == LEFT_CONFLICT
    assert conflict["right_text"] == RIGHT_CONFLICT
    assert conflict["right_speaker"] == "Sergey Kislyak"
    assert conflict["reason"] == REASON
    assert conflict["left_labels"] == "target/iran-nk:0.86 (cue)"
    assert rows[4]["left_id"] == "" and rows[4]["right_id"].endswith(":c2")


def test_xlsx_has_links_claims_and_timeline_sheets(comparison: Comparison, timeline) -> None:  # type: ignore[no-untyped-def]
    openpyxl = pytest.importorskip("openpyxl")
    data = render_report(comparison, "xlsx", timeline=timeline)
    assert isinstance(data, bytes)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Links", "Claims", "Timeline"]
    links = book["Links"]
    header = [c.value for c in links[1]]
    assert tuple(header) == LINK_COLUMNS
    assert links["A1"].font.bold and links.freeze_panes == "A2"
    assert links.column_dimensions["H"].width > 40  # left_text is wide and wrapped
    values = [cell.value for row in links.iter_rows() for cell in row]
    assert LEFT_CONFLICT in values and RIGHT_CONFLICT in values and REASON in values
    claims = [c.value for c in book["Claims"]["D"]]
    assert len(claims) == 1 + 7 and LEFT_CONFLICT in claims
    periods = [c.value for c in book["Timeline"]["A"]][1:]
    assert "2007-01-01" in periods and "2017-01-01" in periods


def test_json_report_is_the_versioned_comparison_document(comparison: Comparison) -> None:
    doc = json.loads(str(render_report(comparison, "json")))
    assert doc["schema"] == {"name": "claimdiff.comparison", "version": 1}
    assert doc["summary"]["conflicting"] == 1


# --- writing, formats, command line ---------------------------------------------------------


def test_report_format_from_extension() -> None:
    assert report_format("a/b/Report.HTML") == "html"
    assert report_format("x.md") == "markdown"
    assert report_format("x.pdf") == "pdf"
    with pytest.raises(InputError, match=r"unknown report format \('\.docx'\)"):
        report_format("x.docx")


def test_write_report_is_atomic_and_refuses_to_replace(
    comparison: Comparison, tmp_path: Path
) -> None:
    target = tmp_path / "out.md"
    target.write_text("old notes", encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        write_report(comparison, target)
    assert target.read_text(encoding="utf-8") == "old notes"
    steps: list[tuple[int, int, str]] = []
    write_report(comparison, target, overwrite=True, progress=lambda *a: steps.append(a))
    assert "## Conflicts (1)" in target.read_text(encoding="utf-8")
    assert steps[-1] == (2, 2, "done")
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]  # no temporary file left


def test_write_report_into_missing_folder_fails_cleanly(
    comparison: Comparison, tmp_path: Path
) -> None:
    with pytest.raises(InputError, match="cannot write"):
        write_report(comparison, tmp_path / "missing" / "out.html")


def test_pdf_is_left_to_the_qt_renderer(comparison: Comparison, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="desktop renderer"):
        write_report(comparison, tmp_path / "out.pdf")


def test_context_cuts_texts_into_runs_that_reassemble(comparison: Comparison) -> None:
    ctx = build_context(comparison)
    left_runs = "".join(s.text for p in ctx.texts[0] for s in p)
    assert left_runs == comparison.left.text.replace("\n", "")
    conflict_runs = [
        s for p in ctx.texts[0] for s in p if s.claim and s.claim.relation == "conflicting"
    ]
    assert "".join(s.text for s in conflict_runs) == LEFT_CONFLICT
    assert conflict_runs[-1].last
    kinds = {s.kind for p in ctx.texts[1] for s in p}
    assert {"title", "furniture", "body"} <= kinds


def test_timeline_svg_is_standalone_and_labelled(timeline) -> None:  # type: ignore[no-untyped-def]
    svg = timeline_svg(timeline, load_codebook())
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert svg.count("<svg") == 1 and svg.count("<g transform") == 2  # topics target, talks
    assert "No agreement in sight" in svg and "Aimed at Russia" in svg


def test_cli_rejects_unknown_report_extension(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "compare",
            str(seeds_dir / LEFT_SEED),
            str(seeds_dir / RIGHT_SEED),
            "--report",
            str(tmp_path / "x.docx"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "unknown report format" in err and err.startswith("claimdiff: ")
    assert not (tmp_path / "x.docx").exists()


def test_cli_timeline_report_svg_and_csv(seeds_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("claimdiff.claims.claims")  # the real pipeline
    svg, table = tmp_path / "chart.svg", tmp_path / "table.csv"
    assert main(["timeline", str(seeds_dir), "--report", str(svg), "--report", str(table)]) == 0
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    assert next(csv.reader(io.StringIO(table.read_text(encoding="utf-8")))) == [
        "period", "topic", "position", "count", "share"
    ]  # fmt: skip
    assert main(["timeline", str(seeds_dir), "--report", str(svg)]) == 2  # exists, no --force


@pytest.mark.slow
def test_cli_compare_reports_every_core_format(seeds_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("claimdiff.claims.claims")  # the real pipeline
    outs = [tmp_path / f"r.{ext}" for ext in ("html", "md", "csv", "xlsx", "json")]
    args = ["compare", str(seeds_dir / LEFT_SEED), str(seeds_dir / RIGHT_SEED)]
    for out in outs:
        args += ["--report", str(out)]
    assert main(args) == 0
    doc = json.loads(outs[4].read_text(encoding="utf-8"))
    conflicts = [link for link in doc["links"] if link["relation"] == "conflicting"]
    page = plain(outs[0].read_text(encoding="utf-8"))
    md = outs[1].read_text(encoding="utf-8").replace("\\", "")
    names = Names(load_codebook())
    readable = [
        names.reason(Link("conflicting", None, None, 0.0, link["reason"], link["topic"]))
        for link in conflicts
    ]
    for reason in readable:
        assert reason in page  # the JSON keeps the ids; people read the labels
        assert reason in md
    assert "Positions over time" in page and "<svg" in outs[0].read_text(encoding="utf-8")
    real_left = "possible rocket attacks from Iran and the North Korea."
    real_right = "surrounds the Russian Federation, is being built,"
    for text in (page, md):
        assert real_left in text and real_right in text
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(outs[3])
    cells = " ".join(str(c.value) for row in book["Links"].iter_rows() for c in row)
    assert real_left in cells and real_right in cells
    assert len(conflicts) >= 1 and readable[0] in cells
    assert len(list(csv.DictReader(io.StringIO(outs[2].read_text(encoding="utf-8"))))) == len(
        doc["links"]
    )
    outs[1].write_text("keep me", encoding="utf-8")
    assert main([*args[:3], "--report", str(outs[1])]) == 2
    assert outs[1].read_text(encoding="utf-8") == "keep me"
    assert main([*args[:3], "--report", str(outs[1]), "--force"]) == 0
    assert "## Conflicts" in outs[1].read_text(encoding="utf-8")


def test_csv_cells_that_spreadsheets_would_evaluate_are_made_inert() -> None:
    from claimdiff.output.report.tables import csv_text

    texts = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3", "-7", "ok"]
    rows = [{"text": t, "score": -0.5} for t in texts]
    read = list(csv.DictReader(io.StringIO(csv_text(rows, ("text", "score")))))
    shown = [r["text"] for r in read]
    assert shown[:4] == ["'" + t for t in texts[:4]]
    assert shown[4:] == ["-7", "ok"]  # a plain negative figure and ordinary text stay as written
    assert {r["score"] for r in read} == {"-0.5"}
