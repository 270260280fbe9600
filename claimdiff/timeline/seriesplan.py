"""Which lines the timeline draws from a tidy frame, and which of them start hidden.

Split by speaker or outlet, one position can have dozens of lines, most of them a single
claim; drawn all at once they hide the few voices that carry a position. Every line is kept
(the legend lists them all, ticking one shows it), but only the ``TOP`` biggest voices of
each position start ticked. A voice keeps one colour across positions, so "Sputnik" can be
followed from one position to the next; positions differ by point marker (an index: the window
picks the symbol it draws). Which claims one point counts is ``timeline.claims_in_point``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

TOP = 4  # voices per position shown at first when the timeline is split


@dataclass(frozen=True)
class Series:
    key: tuple[str, ...]  # (topic, position) or (topic, position, speaker/outlet)
    rows: pd.DataFrame  # the frame's rows of this line, by period
    colour: int  # index into the palette: the position's, or the voice's when split
    marker: int  # the position's point marker when split (0 unsplit): an index, never reused
    quiet: bool  # starts hidden: not among the TOP voices of its position


def plan(frame: pd.DataFrame, by: str | None) -> list[Series]:
    """One series per (topic, position[, voice]), positions in codebook id order."""
    if by is None or by not in frame.columns:
        groups = frame.groupby(["topic", "position"], sort=True)
        return [
            Series((str(t), str(p)), rows.sort_values("period"), i, 0, False)
            for i, ((t, p), rows) in enumerate(groups)
        ]
    totals = frame.groupby(by)["count"].sum().sort_values(ascending=False, kind="stable")
    rank = {str(voice): i for i, voice in enumerate(totals.index)}
    found = []
    for index, ((topic, position), rows) in enumerate(frame.groupby(["topic", "position"])):
        loudest = rows.groupby(by)["count"].sum().sort_values(ascending=False, kind="stable")
        top = {str(v) for v in loudest.index[:TOP]}
        for voice, lines in rows.groupby(by, sort=True):
            key = (str(topic), str(position), str(voice))
            quiet = str(voice) not in top
            found.append(Series(key, lines.sort_values("period"), rank[key[2]], index, quiet))
    return found
