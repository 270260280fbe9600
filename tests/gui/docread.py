"""Read back what a pane painted: the claim id, relation and span kind of every character."""

from __future__ import annotations

from claimdiff_gui.window.theme import PROP_CLAIM, PROP_RELATION, PROP_SPAN
from PySide6.QtGui import QTextCursor, QTextDocument

from claimdiff.base.model import Comparison

RANK = {"conflicting": 0, "shared": 1, "left_only": 2, "right_only": 2}


def char_props(doc: QTextDocument) -> list[tuple[str | None, str | None, str | None]]:
    """(claim id, relation, span kind) per UTF-16 position."""
    cursor = QTextCursor(doc)
    found = []
    for position in range(doc.characterCount() - 1):
        cursor.setPosition(position + 1)  # charFormat() is the format of the char before
        fmt = cursor.charFormat()
        found.append(tuple(fmt.property(p) or None for p in (PROP_CLAIM, PROP_RELATION, PROP_SPAN)))
    return found  # type: ignore[return-value]


def expected_relations(cmp: Comparison) -> dict[str, str]:
    """The relation each claim should be painted with: its strongest link."""
    best: dict[str, str] = {}
    for link in cmp.links:
        for cid in (link.left, link.right):
            if cid and (cid not in best or RANK[link.relation] < RANK[best[cid]]):
                best[cid] = link.relation
    return best
