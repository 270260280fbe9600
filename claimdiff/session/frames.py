"""The links table the comparison views show, built in the worker so pandas stays off the GUI
thread; and the same table seen from the other side when the window swaps them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimdiff.base.model import Comparison

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = [
    "relation",
    "topic",
    "left claim",
    "left speaker",
    "right claim",
    "right speaker",
    "score",
]
HIDDEN = ["link", "left_id", "right_id"]  # kept in the frame, not shown


def links_frame(comparison: Comparison) -> pd.DataFrame:
    """One row per link (unmatched claims are *_only links with one side empty)."""
    import pandas as pd

    rows = []
    for index, link in enumerate(comparison.links):
        left = comparison.claim(link.left) if link.left else None
        right = comparison.claim(link.right) if link.right else None
        rows.append(
            {
                "relation": link.relation,
                "topic": link.topic or "",
                "left claim": left.text if left else "",
                "left speaker": (left.speaker or "outlet") if left else "",
                "right claim": right.text if right else "",
                "right speaker": (right.speaker or "outlet") if right else "",
                "score": round(link.score, 3),
                "link": index,
                "left_id": link.left or "",
                "right_id": link.right or "",
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS + HIDDEN)


SWAPPED_COLUMNS = {
    "left claim": "right claim",
    "right claim": "left claim",
    "left speaker": "right speaker",
    "right speaker": "left speaker",
    "left_id": "right_id",
    "right_id": "left_id",
}
SWAPPED_RELATION = {"left_only": "right_only", "right_only": "left_only"}


def swapped_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The links table seen from the other side, without rebuilding it from the links."""
    out = frame.rename(columns=SWAPPED_COLUMNS)[list(frame.columns)]
    out["relation"] = out["relation"].map(lambda r: SWAPPED_RELATION.get(r, r))
    return out
