"""How often each codebook position appears per period across a dated corpus.

The result is a tidy (long) frame, one row per period × topic × position (× speaker or
source), so a chart, a CSV export and a test all read the same table. Shares are taken
over all claims of the period (or period × group), labelled or not: a position that fills
a third of what was said reads as 0.33 whether or not the rest was about the codebook.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from claimdiff.base.model import FREQS, Article, Claim
from claimdiff.claims.voices import voice_names

if TYPE_CHECKING:  # pandas loads when a timeline is built: the command line imports FREQS
    import pandas as pd

GROUPINGS = ("speaker", "source")
COLUMNS = ("period", "topic", "position", "count", "share")


def period_start(day: date, freq: str) -> date:
    """The first day of the period ``day`` falls in; weeks start on Monday (ISO 8601)."""
    if freq == "year":
        return day.replace(month=1, day=1)
    if freq == "quarter":
        return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
    if freq == "month":
        return day.replace(day=1)
    if freq == "week":
        return day - timedelta(days=day.weekday())
    if freq == "day":
        return day
    raise ValueError(f"unknown period {freq!r}; choose one of {', '.join(FREQS)}")


def group_of(
    article: Article, claim: Claim, by: str | None, voices: Mapping[str, str] | None = None
) -> str:
    """The speaker or outlet a claim counts under when the timeline is split ``by`` one;
    ``voices`` (claimdiff.claims.voices) merges one person's spellings."""
    if by == "speaker":
        speaker = (voices or {}).get(claim.speaker or "", claim.speaker)
        return speaker or "(outlet)"
    if by == "source":
        return article.source or "(unknown)"
    return ""


def article_day(article: Article) -> date | None:
    """The article's date, or None when it has none a timeline can use."""
    if not article.date:
        return None
    try:
        return date.fromisoformat(article.date)
    except ValueError:
        return None


def timeline_frame(
    items: Iterable[tuple[Article, Sequence[Claim]]],
    freq: str = "year",
    by: str | None = None,
) -> pd.DataFrame:
    """Position counts and shares per period; ``attrs["undated"]`` counts skipped articles.

    Articles without a usable date cannot be placed on a time axis, so they are left out
    rather than guessed; the count lets the caller tell the user how many were.
    """
    if freq not in FREQS:
        raise ValueError(f"unknown period {freq!r}; choose one of {', '.join(FREQS)}")
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}; choose one of {', '.join(GROUPINGS)}")
    items = list(items)
    voices = speaker_voices(items) if by == "speaker" else None
    labels: list[tuple[str, str, str, str]] = []
    claims: list[tuple[str, str]] = []
    undated = 0
    for article, article_claims in items:
        day = article_day(article)
        if day is None:
            undated += 1
            continue
        period = period_start(day, freq).isoformat()
        for claim in article_claims:
            group = group_of(article, claim, by, voices)
            claims.append((period, group))
            labels.extend((period, group, lab.topic, lab.position) for lab in claim.labels)
    frame = _tally(labels, claims, by)
    frame.attrs["undated"] = undated
    return frame


def speaker_voices(items: Iterable[tuple[Article, Sequence[Claim]]]) -> dict[str, str]:
    """One name per person quoted across ``items`` (claimdiff.claims.voices)."""
    spoken = Counter(c.speaker for _a, claims in items for c in claims if c.speaker)
    return voice_names(spoken)


def claims_in_point(
    items: Sequence[tuple[Article, Sequence[Claim]]],
    freq: str,
    by: str | None,
    period: str,
    key: tuple[str, ...],
) -> list[tuple[Article, Claim]]:
    """The labelled claims that one point of ``timeline_frame(items, freq, by)`` counts.

    ``key`` is (topic, position) or, split, (topic, position, voice). The same period and
    voice rules as the frame, so clicking a point lists exactly the claims behind its count.
    """
    voices = speaker_voices(items) if by == "speaker" else None
    found = []
    for article, claims in items:
        day = article_day(article)
        if day is None or period_start(day, freq).isoformat() != period:
            continue
        found += [
            (article, c)
            for c in claims
            if _has_label(c, key) and key[2:] in ((), (group_of(article, c, by, voices),))
        ]
    return found


def _has_label(claim: Claim, key: tuple[str, ...]) -> bool:
    return any(lab.topic == key[0] and lab.position == key[1] for lab in claim.labels)


def _tally(
    labels: list[tuple[str, str, str, str]], claims: list[tuple[str, str]], by: str | None
) -> pd.DataFrame:
    import pandas as pd  # loaded when first needed (see the imports)

    columns = [*COLUMNS, by] if by else list(COLUMNS)
    if not labels:
        return _empty(columns)
    found = pd.DataFrame(labels, columns=["period", "group", "topic", "position"])
    counts = found.value_counts().rename("count").reset_index()
    totals = pd.DataFrame(claims, columns=["period", "group"]).value_counts().rename("claims")
    frame = counts.merge(totals.reset_index(), on=["period", "group"])
    frame["share"] = frame["count"] / frame["claims"]
    frame = frame.rename(columns={"group": by or "group"})
    order = ["period", "topic", "position", *([by] if by else [])]
    frame = frame.sort_values(order, ignore_index=True)
    return frame[columns].astype({"count": "int64", "share": "float64"})


def _empty(columns: list[str]) -> pd.DataFrame:
    import pandas as pd  # loaded when first needed (see the imports)

    dtypes = {"count": "int64", "share": "float64"}
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "str")) for c in columns})
