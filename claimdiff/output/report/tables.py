"""The comparison as tables: links, claims and timeline rows, for CSV and spreadsheets.

Ids stay ids in the key columns (``topic``, ``*_labels``: ``target/russia``, ``004:c7``): these
files are read by scripts and pivot tables, where a stable key matters more than a readable
label. People read the ``reason`` and the columns added at the end (``topic_label``,
``*_positions``), which carry the codebook's labels when the codebook is at hand.
Spreadsheet cells are always written as strings or numbers, never as formulas, so an article
sentence starting with "=" cannot run anything when the workbook is opened. CSV has no cell
types, so a text cell that a spreadsheet would read as a formula gets a leading apostrophe
(OWASP's advice for CSV injection); numbers and plain negative figures ("-5", "-0.5%") are
left as they are.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from claimdiff.base.model import Claim, Comparison
from claimdiff.output.report.names import Names

if TYPE_CHECKING:
    from claimdiff.labels.codebook import Codebook

LINK_COLUMNS = (
    "relation",
    "topic",
    "conflict_type",
    "score",
    "reason",
    "time_shift",
    "left_id",
    "left_text",
    "left_speaker",
    "left_labels",
    "right_id",
    "right_text",
    "right_speaker",
    "right_labels",
    "topic_label",
    "left_positions",
    "right_positions",
)
CLAIM_COLUMNS = (
    "side",
    "id",
    "relations",
    "text",
    "speaker",
    "quote",
    "negated",
    "hedged",
    "labels",
    "start",
    "end",
    "positions",
)
WIDE = {"reason", "left_text", "right_text", "text", "left_labels", "right_labels", "labels"}
WIDE |= {"left_positions", "right_positions", "positions"}
Row = dict[str, Any]


def labels_text(claim: Claim | None) -> str:
    """``topic/position:score (decided_by)`` for each label, ``; ``-separated."""
    if claim is None:
        return ""
    return "; ".join(
        f"{lab.topic}/{lab.position}:{lab.score:.2f} ({lab.decided_by})" for lab in claim.labels
    )


def positions_text(claim: Claim | None, names: Names) -> str:
    """``Topic: Position`` for each label, in the codebook's words, ``; ``-separated."""
    if claim is None:
        return ""
    return "; ".join(names.label(lab) for lab in claim.labels)


def _side(prefix: str, claim: Claim | None, names: Names) -> Row:
    return {
        f"{prefix}_id": claim.id if claim else "",
        f"{prefix}_text": claim.text if claim else "",
        f"{prefix}_speaker": (claim.speaker or "") if claim else "",
        f"{prefix}_labels": labels_text(claim),
        f"{prefix}_positions": positions_text(claim, names),
    }


def link_rows(comparison: Comparison, codebook: Codebook | None = None) -> list[Row]:
    """One row per link; a claim without a counterpart is a left_only / right_only row."""
    names = Names(codebook)
    rows = []
    for link in comparison.links:
        row: Row = {
            "relation": link.relation,
            "topic": link.topic or "",
            "conflict_type": link.conflict_type or "",
            "score": round(link.score, 4),
            "reason": names.reason(link),
            "time_shift": link.time_shift,
            "topic_label": names.topic(link.topic) if link.topic else "",
        }
        row |= _side("left", comparison.claim(link.left) if link.left else None, names)
        row |= _side("right", comparison.claim(link.right) if link.right else None, names)
        rows.append(row)
    return rows


def claim_rows(comparison: Comparison, codebook: Codebook | None = None) -> list[Row]:
    names = Names(codebook)
    relations: dict[str, list[str]] = {}
    for link in comparison.links:
        for claim_id in (link.left, link.right):
            if claim_id and link.relation not in relations.setdefault(claim_id, []):
                relations[claim_id].append(link.relation)
    rows = []
    for side, claims in (("left", comparison.left_claims), ("right", comparison.right_claims)):
        for claim in claims:
            rows.append(
                {
                    "side": side,
                    "id": claim.id,
                    "relations": ", ".join(relations.get(claim.id, [])),
                    "text": claim.text,
                    "speaker": claim.speaker or "",
                    "quote": claim.quote,
                    "negated": claim.negated,
                    "hedged": claim.hedged,
                    "labels": labels_text(claim),
                    "start": claim.start,
                    "end": claim.end,
                    "positions": positions_text(claim, names),
                }
            )
    return rows


# Cells a spreadsheet reads as formulas ("=cmd|...", "+cmd", "-cmd", "@SUM(...)", a tab or
# carriage return first), except plain negative numbers.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEGATIVE_NUMBER = re.compile(r"^-\d[\d,]*(?:\.\d+)?%?$")


def inert(value: Any) -> Any:
    """The cell as a spreadsheet will show it, never evaluate it."""
    risky = isinstance(value, str) and value.startswith(_FORMULA_START)
    return "'" + value if risky and not _NEGATIVE_NUMBER.match(value) else value


def csv_text(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: inert(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


Sheet = tuple[str, Sequence[str], Sequence[Mapping[str, Any]]]


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with one sheet per table: bold frozen header, filters, wrapped wide text."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    header = book.add_format({"bold": True, "bg_color": "#F2F2F2", "bottom": 1, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    plain = book.add_format({"valign": "top"})
    for name, columns, rows in sheets:
        sheet = book.add_worksheet(name)
        for col, column in enumerate(columns):
            wide = column in WIDE
            sheet.set_column(
                col, col, 60 if wide else max(10, len(column) + 2), wrap if wide else plain
            )
            sheet.write_string(0, col, column, header)
        for r, row in enumerate(rows, start=1):
            for col, column in enumerate(columns):
                _cell(sheet, r, col, row.get(column), wrap if column in WIDE else plain)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(1, len(rows)), len(columns) - 1)
    book.close()
    return buffer.getvalue()


def _cell(sheet: Any, row: int, col: int, value: Any, fmt: Any) -> None:
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value, fmt)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value, fmt)
    elif value is None:
        sheet.write_blank(row, col, None, fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)
