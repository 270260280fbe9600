"""View state without Qt: selection, navigation order and wrapping, swapping sides."""

from __future__ import annotations

from claimdiff_gui.compare.offsets import OffsetMap
from handmade import handmade_comparison

from claimdiff.session.session import Session, swapped


def test_offsets_count_utf16_units_for_non_bmp_characters() -> None:
    text = "a😀b𝕏c"
    omap = OffsetMap(text)
    assert [omap.to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert [omap.from_qt(omap.to_qt(i)) for i in range(len(text) + 1)] == list(range(len(text) + 1))
    assert omap.from_qt(2) == 1  # the low surrogate belongs to the emoji


def test_select_claim_prefers_conflict_and_finds_partner() -> None:
    session = Session()
    session.open(handmade_comparison())
    link = session.select_claim("R:c0")
    assert link is not None and link.relation == "conflicting" and link.left == "L:c0"
    assert session.selected_claims("left") == ("L:c0",)


def test_next_conflict_walks_every_conflict_then_wraps() -> None:
    session = Session()
    session.open(handmade_comparison())
    seen = [session.step(["conflicting"]) for _ in range(3)]
    assert [lk.left for lk in seen if lk] == ["L:c0", "L:c1", "L:c0"]
    assert session.step(["conflicting"], forward=False).left == "L:c1"  # type: ignore[union-attr]


def test_differences_interleave_left_only_and_right_only_in_reading_order() -> None:
    session = Session()
    session.open(handmade_comparison())
    kinds = ("conflicting", "left_only", "right_only")
    walked = [session.step(kinds).relation for _ in range(4)]  # type: ignore[union-attr]
    assert walked == ["conflicting", "conflicting", "left_only", "right_only"]


def test_swapped_exchanges_sides_relations_and_diff() -> None:
    cmp = handmade_comparison()
    other = swapped(cmp)
    assert other.left is cmp.right and other.right_claims == cmp.left_claims
    assert other.summary()["left_only"] == cmp.summary()["right_only"]
    assert other.links[0].diff[1].left == "a" and other.links[0].diff[1].right == "no"
    assert swapped(other) == cmp


def test_topic_filter_hides_links_of_other_topics() -> None:
    session = Session()
    session.open(handmade_comparison())
    session.set_topic("elsewhere")
    assert session.links() == () and session.relation_of("L:c0") is None
    session.set_topic("talks")
    assert len(session.links()) == 5
