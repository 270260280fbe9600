"""The lookups a window builds once per comparison agree with scanning the links."""

from __future__ import annotations

import dataclasses

from claimdiff.base.model import Article, Claim, CodebookRef, Comparison, Link
from claimdiff.session.linkindex import LinkIndex, strongest


def _side(aid: str, sentences: list[str]) -> tuple[Article, tuple[Claim, ...]]:
    text = " ".join(sentences)
    claims, at = [], 0
    for n, sentence in enumerate(sentences):
        claims.append(Claim(f"{aid}:c{n}", aid, sentence, at, at + len(sentence)))
        at += len(sentence) + 1
    return Article(aid, f"{aid}.txt", aid, None, None, "none", text), tuple(claims)


def _comparison() -> Comparison:
    left, lc = _side("L", ["Troops left on Monday.", "Talks resume in May.", "Prices rose."])
    right, rc = _side("R", ["Talks resume in June.", "Troops left on Monday.", "Rain fell."])
    links = (
        Link("shared", "L:c0", "R:c1", 0.9, "same", topic="troops"),
        Link("conflicting", "L:c1", "R:c0", 0.7, "date", topic="talks"),
        Link("shared", "L:c1", "R:c0", 0.8, "same words", topic="troops"),
        Link("left_only", "L:c2", None, 0.0, "no partner"),
        Link("right_only", None, "R:c2", 0.0, "no partner"),
    )
    return Comparison(left, right, lc, rc, links, CodebookRef("t", "t.yaml", "0"))


def _scan_relation(cmp: Comparison, claim_id: str, topic: str | None) -> str | None:
    order = ("conflicting", "shared", "left_only", "right_only")
    found = {
        lk.relation
        for lk in cmp.links
        if claim_id in (lk.left, lk.right) and (topic is None or lk.topic == topic)
    }
    return next((r for r in order if r in found), None)


def test_relations_per_topic_match_a_scan_of_every_link() -> None:
    cmp = _comparison()
    index = LinkIndex(cmp)
    for topic in (None, "troops", "talks"):
        view = index.view(topic)
        for claim in (*cmp.left_claims, *cmp.right_claims):
            assert view.relations.get(claim.id) == _scan_relation(cmp, claim.id, topic)
        assert sum(view.counts.values()) == len(view.links)
    # L:c1 is both shared and conflicting: the conflict shows, under "all topics".
    assert index.view(None).relations["L:c1"] == "conflicting"
    assert index.view("troops").relations["L:c1"] == "shared"


def test_reading_order_interleaves_sides_by_position_in_the_text() -> None:
    index = LinkIndex(_comparison())
    starts = [index.keys[lk] for lk in index.reading]
    assert starts == sorted(starts)
    assert index.reading[-1].relation == "right_only"  # its claim is last in the right text


def test_positions_and_claims_find_each_link_and_claim() -> None:
    cmp = _comparison()
    index = LinkIndex(cmp)
    for i, link in enumerate(cmp.links):
        assert index.positions[link] == i
    for claim in (*cmp.left_claims, *cmp.right_claims):
        assert index.claims[claim.id] is claim
        assert cmp.claim(claim.id) is claim
    assert index.side_ids["left"] == {"L:c0", "L:c1", "L:c2"}


def test_strongest_prefers_conflict_then_sharing() -> None:
    cmp = _comparison()
    both = [cmp.links[2], cmp.links[1]]
    assert strongest(both).relation == "conflicting"
    assert strongest([cmp.links[3], cmp.links[0]]).relation == "shared"


def test_claim_lookup_is_rebuilt_for_a_replaced_comparison() -> None:
    cmp = _comparison()
    assert cmp.claim("L:c0").text == "Troops left on Monday."
    other = dataclasses.replace(cmp, left_claims=cmp.right_claims, right_claims=cmp.left_claims)
    assert other.claim("R:c0").text == "Talks resume in June."
    assert other == dataclasses.replace(other)  # the cache takes no part in equality
