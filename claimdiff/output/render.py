"""Plain-text views of comparisons and claims for a person at a terminal.

Colour is only a second cue: every block is also headed by its relation in words, so the
output reads the same when piped to a file or printed.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from claimdiff.base.model import Article, Claim, Comparison, Link, Relation
from claimdiff.output.report.names import Names

if TYPE_CHECKING:
    from claimdiff.labels.codebook import Codebook

_COLOURS: dict[str, str] = {
    "conflicting": "\x1b[1;38;5;166m",  # vermillion, bold
    "shared": "\x1b[38;5;32m",  # blue
    "left_only": "\x1b[38;5;136m",
    "right_only": "\x1b[38;5;136m",
    "dim": "\x1b[2m",
    "bold": "\x1b[1m",
}
_RESET = "\x1b[0m"
_HEADINGS: dict[Relation, str] = {
    "conflicting": "CONFLICTING",
    "shared": "SHARED",
    "left_only": "ONLY LEFT",
    "right_only": "ONLY RIGHT",
}


class Painter:
    """Wraps text in ANSI colours only when asked to (a tty), so pipes stay clean."""

    def __init__(self, colour: bool, width: int | None = None) -> None:
        self.colour = colour
        self.width = width or min(shutil.get_terminal_size((100, 24)).columns, 120)

    def paint(self, text: str, style: str) -> str:
        return f"{_COLOURS[style]}{text}{_RESET}" if self.colour else text

    def wrap(self, text: str, indent: str, first: str | None = None) -> str:
        return textwrap.fill(
            " ".join(text.split()),
            width=self.width,
            initial_indent=first if first is not None else indent,
            subsequent_indent=indent,
        )


def _article_lines(side: str, article: Article, painter: Painter) -> list[str]:
    meta = " · ".join(
        part
        for part in (
            article.source or "unknown source",
            f"{article.date or 'undated'} ({article.date_source})",
            article.location,
        )
    )
    return [
        f"{painter.paint(side.ljust(6), 'bold')}{article.title}",
        painter.paint(f"      {meta}", "dim"),
    ]


def _speaker(claim: Claim) -> str:
    return claim.speaker or "outlet"


def _claim_line(tag: str, claim: Claim, painter: Painter, names: Names) -> str:
    labels = ", ".join(names.label(lab) for lab in claim.labels)
    head = f"    {tag} [{_speaker(claim)}{'; ' + labels if labels else ''}] "
    return painter.wrap(claim.text, " " * 8, first=head)


def _link_block(link: Link, comparison: Comparison, painter: Painter, names: Names) -> list[str]:
    lines: list[str] = []
    if link.relation in ("conflicting", "shared"):
        reason = names.reason(link)
        lines.append(painter.wrap(f"{reason} (score {link.score:.2f})", "    ", "  • "))
    if link.left is not None:
        lines.append(_claim_line("L", comparison.claim(link.left), painter, names))
    if link.right is not None:
        lines.append(_claim_line("R", comparison.claim(link.right), painter, names))
    changed = [op for op in link.diff if op.tag != "equal" and op.marks]
    if changed:
        detail = "; ".join(
            f"{op.left or '∅'} → {op.right or '∅'} ({', '.join(op.marks)})" for op in changed
        )
        lines.append(painter.paint(painter.wrap(f"differs: {detail}", " " * 8), "dim"))
    return lines


def render_comparison(
    comparison: Comparison, painter: Painter, codebook: Codebook | None = None
) -> str:
    """Header, summary, then conflicts first, shared, and what only one side says.

    Topics and positions are named by ``codebook``'s labels (ids without it)."""
    names = Names(codebook)
    counts = comparison.summary()
    out = [
        f"claimdiff — codebook {comparison.codebook.name} "
        f"(sha256 {comparison.codebook.sha256[:12]}), matching: {comparison.settings.backend}"
    ]
    out += _article_lines("LEFT", comparison.left, painter)
    out += _article_lines("RIGHT", comparison.right, painter)
    out.append("")
    out.append(
        "Summary: "
        + " · ".join(painter.paint(f"{counts[r]} {_HEADINGS[r].lower()}", r) for r in _HEADINGS)
    )
    for relation, heading in _HEADINGS.items():
        links = [link for link in comparison.links if link.relation == relation]
        if not links:
            continue
        out.append("")
        out.append(painter.paint(f"{heading} ({len(links)})", relation))
        for link in links:
            out.extend(_link_block(link, comparison, painter, names))
    return "\n".join(out) + "\n"


def render_claims(
    items: Iterable[tuple[Article, Sequence[Claim]]],
    painter: Painter,
    codebook: Codebook | None = None,
) -> str:
    names = Names(codebook)
    out: list[str] = []
    for article, claims in items:
        out += _article_lines("FILE", article, painter)
        out.append(painter.paint(f"      {len(claims)} claims", "dim"))
        for claim in claims:
            out.append(_claim_line(claim.id.rsplit(":", 1)[-1].ljust(4), claim, painter, names))
        out.append("")
    return "\n".join(out)


def render_timeline(frame: Any, freq: str, articles: int) -> str:
    """A period × position table of counts, with each cell's share of the period's claims."""
    header = f"Positions per {freq} across {articles} articles"
    undated = int(frame.attrs.get("undated", 0))
    if undated:
        header += f" ({undated} undated, not counted)"
    if frame.empty:
        return header + "\nNo labelled claims.\n"
    index = [c for c in frame.columns if c not in ("topic", "position", "count", "share")]
    cells = frame.assign(
        column=frame["topic"] + "/" + frame["position"],
        cell=[f"{n} ({s:.0%})" for n, s in zip(frame["count"], frame["share"], strict=True)],
    )
    table = cells.pivot_table(
        index=index, columns="column", values="cell", aggfunc="first", fill_value="·"
    )
    return f"{header}\n{table.to_string()}\n"
