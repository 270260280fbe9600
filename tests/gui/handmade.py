"""Hand-built comparisons: exact offsets and relations known in advance, no analysis needed.

Used where the test is about the view, not the analysis (UTF-16 offsets, selection rules).
"""

from __future__ import annotations

from claimdiff.base.model import Article, Claim, CodebookRef, Comparison, DiffOp, Label, Link, Span


def _article(
    aid: str, title: str, sentences: list[str], date: str
) -> tuple[Article, tuple[Claim, ...]]:
    text = title + "\n\n" + " ".join(sentences) + "\nShare this article\n"
    claims = []
    at = len(title) + 2
    for n, sentence in enumerate(sentences):
        claims.append(
            Claim(
                id=f"{aid}:c{n}",
                article_id=aid,
                text=sentence,
                start=at,
                end=at + len(sentence),
                speaker="Ryabkov" if n % 2 else None,
                labels=(
                    Label("talks", "pro" if n % 2 else "contra", 0.8, sentence.split()[0], "cue"),
                ),
            )
        )
        at += len(sentence) + 1
    spans = (Span(0, len(title), "title"), Span(len(text) - 19, len(text) - 1, "furniture"))
    article = Article(aid, f"{aid}.txt", title, "Test Wire", date, "manifest", text, spans)
    assert all(text[c.start : c.end] == c.text for c in claims)
    return article, tuple(claims)


def handmade_comparison() -> Comparison:
    """Left and right with non-BMP characters before claims, so UTF-16 offsets shift."""
    left, lc = _article(
        "L",
        "Talks 🚀 resume",
        [
            "Moscow 🇷🇺 says the radar is no threat.",
            "Washington will build the shield in 2008.",
            "Both sides met in Vienna.",
            "The envoy 𝕏 declined to comment.",
        ],
        "2007-08-02",
    )
    right, rc = _article(
        "R",
        "Talks stall",
        [
            "Moscow says the radar is a threat.",
            "Washington will build the shield in 2010.",
            "Both sides met in Vienna.",
            "Nobody expects a deal soon.",
        ],
        "2017-02-09",
    )
    diff = (
        DiffOp("equal", "Moscow says the radar is", "Moscow says the radar is"),
        DiffOp("replace", "no", "a", ("negation",)),
    )
    links = (
        Link(
            "conflicting",
            "L:c0",
            "R:c0",
            0.7,
            "opposite positions on talks",
            "talks",
            "negation",
            True,
            diff,
        ),
        Link("conflicting", "L:c1", "R:c1", 0.8, "different year", "talks", "date", True),
        Link("shared", "L:c2", "R:c2", 1.0, "same words", "talks"),
        Link("left_only", "L:c3", None, 0.0, "no counterpart", "talks"),
        Link("right_only", None, "R:c3", 0.0, "no counterpart", "talks"),
    )
    return Comparison(left, right, lc, rc, links, CodebookRef("test", "test.yaml", ""))
