"""Suggested positions: claims on the topic gathered, grouped, and shown with their span."""

from __future__ import annotations

import pytest

from claimdiff.base.cancel import Cancelled, cancellable
from claimdiff.labels.suggest import Item, suggest_positions
from claimdiff.similarity.semantic import SemanticSimilarity

REJECT = (
    "The board of Chemlawn rejected the hostile tender offer from Waste Management as inadequate.",
    "GenCorp's directors rejected the takeover bid and urged shareholders not to tender.",
    "Harcourt's board turned down the unsolicited takeover offer from Maxwell as too low.",
    "Directors of Cyclops rejected the hostile bid and adopted a shareholder rights plan.",
    "The target company's board rejected the takeover proposal and said it would stay independent.",
)
AGREE = (
    "Purolator agreed to be acquired by Hutton in a friendly merger approved by its board.",
    "The boards of USAir and Piedmont approved the merger agreement unanimously.",
    "Shareholders of Harper and Row approved the merger at a special meeting.",
    "Cyclops agreed to be acquired by Dixons after its board approved the merger agreement.",
    "The board approved the definitive merger agreement and recommended it to shareholders.",
)
OFF_TOPIC = (
    "Heavy rain flooded the valley and farmers lost much of the wheat harvest.",
    "The orchestra played Beethoven's ninth symphony to a full concert hall.",
    "The football team won the cup after a penalty shoot-out on Sunday.",
)


ABOUT = ["takeover bid", "the board rejected or accepted an offer for the company"]


@pytest.fixture(scope="module")
def embed() -> SemanticSimilarity:
    model = SemanticSimilarity()
    assert model.available(), model.failure
    return model


def _items() -> list[Item]:
    texts = [*REJECT, *AGREE, *OFF_TOPIC]
    return [Item(t, f"1987-0{1 + i % 6}-15") for i, t in enumerate(texts)]


def test_groups_gather_the_topic_and_leave_the_rest(embed: SemanticSimilarity) -> None:
    stages: list[str] = []
    found = suggest_positions(
        _items(),
        ABOUT,
        embed.embed,
        groups=2,
        progress=lambda stage, done, total: stages.append(stage),
    )
    assert found and {"reading claims", "grouping"} <= set(stages)
    members = {m for s in found for m in s.members}
    off_topic = set(range(len(REJECT) + len(AGREE), len(_items())))
    assert not members & off_topic
    assert len(members) >= 8
    for suggestion in found:
        assert suggestion.size == len(suggestion.members) >= 3
        assert suggestion.typical and suggestion.typical[0] in [*REJECT, *AGREE]
        assert suggestion.first is not None and suggestion.first <= (suggestion.last or "")
        assert suggestion.span.startswith("1987-")
        assert suggestion.words


def test_the_two_stances_land_in_different_groups(embed: SemanticSimilarity) -> None:
    found = suggest_positions(_items(), ABOUT, embed.embed, groups=2)
    assert len(found) == 2
    reject = set(range(len(REJECT)))
    shares = sorted(len(reject & set(s.members)) / s.size for s in found)
    assert shares[0] <= 0.4 and shares[1] >= 0.6, shares


def test_nothing_on_the_topic_gives_no_suggestions(embed: SemanticSimilarity) -> None:
    items = [Item(t) for t in OFF_TOPIC]
    assert suggest_positions(items, ["semiconductor tariffs on Japan"], embed.embed) == []
    assert suggest_positions([], ["anything"], embed.embed) == []


def test_a_cancelled_run_stops(embed: SemanticSimilarity) -> None:
    with pytest.raises(Cancelled), cancellable(lambda: True):
        suggest_positions(_items(), ["takeover bid"], embed.embed)
