"""Whether a codebook fits the articles it labels: "labels 0 of 70 claims" said out loud.

A codebook written for one subject labels next to nothing in articles on another, and an
empty timeline or a comparison with no shared positions does not say why. Counting the
claims that got any label, per topic, turns that silence into a warning the command line
and the window can show, with the way out (another codebook, or editing this one).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from claimdiff.base.model import Claim
from claimdiff.labels.codebook import Codebook

# Below this share of labelled claims the codebook is said not to fit. Articles on a
# codebook's subject get a label on a quarter to two thirds of their claims (the five seed
# articles with the shipped codebook: 5 of 17 to 7 of 11); under one in twenty is another
# subject, or a codebook too narrow to chart.
MIN_SHARE = 0.05
# With fewer claims than this a low count says nothing (a two-line note, a caption).
MIN_CLAIMS = 10


@dataclass(frozen=True, slots=True)
class Fit:
    """How many claims a codebook labelled, in all and per topic."""

    codebook: str
    claims: int
    labelled: int
    per_topic: tuple[tuple[str, int], ...]  # (topic label, claims labelled on it)

    @property
    def share(self) -> float:
        return self.labelled / self.claims if self.claims else 0.0

    @property
    def fits(self) -> bool:
        """False only when there are enough claims to tell and almost none got a label."""
        return self.claims < MIN_CLAIMS or self.share >= MIN_SHARE

    @property
    def summary(self) -> str:
        """'labels 3 of 70 claims' — the figure itself, for a status line."""
        return f"labels {self.labelled} of {self.claims} claims"

    @property
    def warning(self) -> str | None:
        """The sentence to show when the codebook does not fit, else None."""
        if self.fits:
            return None
        return (
            f"The codebook '{self.codebook}' {self.summary}: it may not be about these "
            "articles' subject. Choose or write a codebook for it."
        )


def codebook_fit(claims: Iterable[Claim], codebook: Codebook) -> Fit:
    """Count the labelled claims among ``claims`` (already labelled with ``codebook``)."""
    items = tuple(claims)
    per_topic: Counter[str] = Counter(lab.topic for c in items for lab in c.labels)
    return Fit(
        codebook=codebook.name,
        claims=len(items),
        labelled=sum(1 for c in items if c.labels),
        per_topic=tuple((t.label, per_topic.get(t.id, 0)) for t in codebook.topics),
    )
