"""Claim alignment and classification on claims built by hand from the seed articles."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from claimdiff.base.model import Article, Claim, Comparison, Label, Link, MatchSettings
from claimdiff.labels.codebook import Codebook, load_codebook
from claimdiff.match.compare import Pair, compare, select

CODEBOOK_YAML = """\
name: compare test codebook
topics:
  - id: target
    positions:
      - id: iran-nk
        cues: [rocket attacks from Iran]
        opposes: [russia]
      - id: russia
        cues: [surrounds the Russian Federation]
  - id: talks
    positions:
      - id: bleak
        cues: [no breakthrough]
        opposes: [hopeful]
      - id: hopeful
        cues: [expressed hope]
      - id: procedural
        cues: [at the level of experts]
"""

AMERICAN = (
    "As the American administration declares, these measures are necessary for protection "
    "of Europe against possible rocket attacks from Iran and the North Korea."
)
KISLYAK = (
    "We see, that no matter what explanation is provided — whether it is created against Iran "
    "or against North Korea — in reality, a global system, which particularly surrounds the "
    "Russian Federation, is being built,"
)
OTHER_004 = (
    "Thus Washington has rejected offers of Russia on sharing Gabalinsky RLS in Azerbaijan.",
    "The president has especially underlined that Russia is not the initiator of a new coil "
    "of race of arms.",
)
OTHER_000 = (
    "Kislyak noted Russia has been under no illusions about US missile defense goals.",
    "We clearly understand these goals, as well as the prospects of its development.",
)


@pytest.fixture(scope="module")
def codebook(tmp_path_factory: pytest.TempPathFactory) -> Codebook:
    path = tmp_path_factory.mktemp("codebook") / "test.yaml"
    path.write_text(CODEBOOK_YAML, encoding="utf-8")
    return load_codebook(path)


def seed_article(seeds_dir: Path, prefix: str, day: str) -> Article:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return Article(prefix, str(path), path.stem, None, day, "manifest", text)


def seed_claim(
    article: Article, sentence: str, n: int, speaker: str | None = None, *labels: Label
) -> Claim:
    """The claim as it stands in the article; the seeds space some words with U+00A0."""
    start = article.text.replace("\xa0", " ").find(sentence)
    assert start >= 0, sentence
    end = start + len(sentence)
    return Claim(
        f"{article.id}:c{n}",
        article.id,
        article.text[start:end],
        start,
        end,
        speaker=speaker,
        labels=labels,
    )


def text_article(article_id: str, sentences: Sequence[str], day: str | None) -> Article:
    return Article(
        article_id, f"{article_id}.txt", article_id, None, day, "manifest", " ".join(sentences)
    )


def text_claims(article: Article, sentences: Sequence[str], *labels: Label | None) -> list[Claim]:
    claims = []
    for n, sentence in enumerate(sentences):
        label = labels[n] if n < len(labels) else None
        claims.append(seed_claim(article, sentence, n, None, *([label] if label else [])))
    return claims


def label(topic: str, position: str, score: float = 0.9) -> Label:
    return Label(topic, position, score, position, "cue")


def pair_compare(
    left: Sequence[str],
    right: Sequence[str],
    codebook: Codebook,
    *,
    days: tuple[str, str] = ("2012-07-10", "2012-07-11"),
) -> Comparison:
    a, b = text_article("a", left, days[0]), text_article("b", right, days[1])
    return compare(a, b, text_claims(a, left), text_claims(b, right), codebook)


def paired(comparison: Comparison) -> list[Link]:
    return [link for link in comparison.links if link.left and link.right]


def assert_consistent(comparison: Comparison) -> None:
    """Every claim is in some link, one-sided links have one side, counts add up."""
    ids = {c.id for c in (*comparison.left_claims, *comparison.right_claims)}
    linked = {side for link in comparison.links for side in (link.left, link.right) if side}
    assert linked == ids
    summary = comparison.summary()
    assert sum(summary.values()) == len(comparison.links)
    for relation, count in summary.items():
        assert count == sum(link.relation == relation for link in comparison.links)
    for link in comparison.links:
        assert 0.0 <= link.score <= 1.0
        assert (link.left is None) == (link.relation == "right_only")
        assert (link.right is None) == (link.relation == "left_only")


def test_target_claims_of_004_and_000_conflict_as_a_shift_over_time(
    seeds_dir: Path, codebook: Codebook
) -> None:
    left = seed_article(seeds_dir, "004", "2007-08-02")
    right = seed_article(seeds_dir, "000", "2017-02-09")
    american = seed_claim(left, AMERICAN, 0, "American administration", label("target", "iran-nk"))
    kislyak = seed_claim(right, KISLYAK, 0, "Sergey Kislyak", label("target", "russia", 0.8))
    left_claims = [american, *(seed_claim(left, s, n) for n, s in enumerate(OTHER_004, 1))]
    right_claims = [kislyak, *(seed_claim(right, s, n) for n, s in enumerate(OTHER_000, 1))]

    comparison = compare(left, right, left_claims, right_claims, codebook)

    [link] = paired(comparison)
    assert (link.left, link.right) == ("004:c0", "000:c0")
    assert link.relation == "conflicting"
    assert (link.topic, link.conflict_type, link.time_shift) == ("target", "position", True)
    assert "left says iran-nk (American administration)" in link.reason
    assert "right says russia (Sergey Kislyak)" in link.reason
    assert "9.5 years apart: a shift over time" in link.reason
    assert "position" in link.signals
    assert link.diff == ()  # the wording shares too little for a word diff to help
    assert comparison.summary() == {
        "shared": 0,
        "conflicting": 1,
        "left_only": 2,
        "right_only": 2,
    }
    assert comparison.codebook == codebook.ref
    assert_consistent(comparison)


def test_position_conflict_between_contemporaries_is_no_time_shift(codebook: Codebook) -> None:
    a = text_article("a", [AMERICAN], "2017-01-01")
    b = text_article("b", [KISLYAK], "2017-02-09")
    comparison = compare(
        a,
        b,
        text_claims(a, [AMERICAN], label("target", "iran-nk")),
        text_claims(b, [KISLYAK], label("target", "russia")),
        codebook,
    )
    [link] = comparison.links
    assert (link.relation, link.time_shift) == ("conflicting", False)
    assert "outlet" in link.reason
    assert "years apart" not in link.reason


def test_identical_sentences_are_shared_with_an_all_equal_diff(codebook: Codebook) -> None:
    comparison = pair_compare(OTHER_000[:1], OTHER_000[:1], codebook)
    [link] = comparison.links
    assert link.relation == "shared"
    assert link.score == pytest.approx(1.0)
    assert [op.tag for op in link.diff] == ["equal"]
    assert link.signals == ("lexical",)
    assert link.reason.startswith("same content")


def test_different_day_is_a_date_conflict_with_a_marked_diff(codebook: Codebook) -> None:
    comparison = pair_compare(
        ["The talks will take place on July 10."],
        ["The talks will take place on July 12."],
        codebook,
    )
    [link] = comparison.links
    assert link.relation == "conflicting"
    assert link.conflict_type == "date"
    assert "left says July 10, right says July 12" in link.reason
    [changed] = [op for op in link.diff if op.tag != "equal"]
    assert {"number", "date"} <= set(changed.marks)
    assert not link.time_shift


def test_added_negation_is_a_negation_conflict(codebook: Codebook) -> None:
    comparison = pair_compare(
        ["Russia will attend the summit."], ["Russia will not attend the summit."], codebook
    )
    [link] = comparison.links
    assert (link.relation, link.conflict_type) == ("conflicting", "negation")
    assert any("negation" in op.marks for op in link.diff)


def test_detail_conflict_years_apart_is_a_time_shift(codebook: Codebook) -> None:
    comparison = pair_compare(
        ["Russia will attend the summit."],
        ["Russia will not attend the summit."],
        codebook,
        days=("2012-07-10", "2021-02-01"),
    )
    [link] = comparison.links
    assert link.time_shift
    assert "8.6 years apart" in link.reason


def test_unrelated_sentences_are_one_sided(codebook: Codebook) -> None:
    comparison = pair_compare(OTHER_004, OTHER_000, codebook)
    assert [link.relation for link in comparison.links] == [
        "left_only",
        "left_only",
        "right_only",
        "right_only",
    ]
    assert all(link.reason.startswith("no claim of the") for link in comparison.links)
    assert_consistent(comparison)


def test_same_position_in_different_words_is_shared_on_the_topic(codebook: Codebook) -> None:
    left = ["However I cannot say that there are signs of a breakthrough, he said."]
    right = ["Moscow has no illusions about the possibility of a breakthrough, Ryabkov said."]
    a, b = text_article("a", left, "2012-07-10"), text_article("b", right, "2021-02-01")
    comparison = compare(
        a,
        b,
        text_claims(a, left, label("talks", "bleak", 0.8)),
        text_claims(b, right, label("talks", "bleak", 0.6)),
        codebook,
    )
    [link] = comparison.links
    assert (link.relation, link.topic, link.time_shift) == ("shared", "talks", False)
    assert link.reason.startswith("topic talks: both say bleak")
    assert link.signals[0] == "position"


def test_different_positions_that_do_not_oppose_are_not_linked(codebook: Codebook) -> None:
    left = ["Russia and the U.S. are engaged in dialogue on missile defense at expert level."]
    right = ["It has expressed hope that meetings will solve contradictions."]
    a, b = text_article("a", left, None), text_article("b", right, None)
    comparison = compare(
        a,
        b,
        text_claims(a, left, label("talks", "procedural")),
        text_claims(b, right, label("talks", "hopeful")),
        codebook,
    )
    assert comparison.summary()["shared"] + comparison.summary()["conflicting"] == 0


BLEAK = (
    "There is not likely to be major progress on the matter ahead of the elections.",
    "I do not see an immediate possibility for reaching an agreement, Kislyak stated.",
    "No agreement has emerged from the talks, and Moscow continues to voice worry.",
)


def test_many_same_position_claims_pair_off_instead_of_all_pairs(codebook: Codebook) -> None:
    left = [*BLEAK]
    right = [f"Elsewhere: {s}" for s in reversed(BLEAK)]
    a, b = text_article("a", left, "2012-07-10"), text_article("b", right, "2012-07-10")
    bleak = label("talks", "bleak")
    comparison = compare(
        a,
        b,
        text_claims(a, left, bleak, bleak, bleak),
        text_claims(b, right, bleak, bleak, bleak),
        codebook,
    )
    links = paired(comparison)
    assert len(links) == 3
    # The textual near-duplicates find each other: left c0 is right c2 reworded.
    assert {(link.left, link.right) for link in links} == {
        ("a:c0", "b:c2"),
        ("a:c1", "b:c1"),
        ("a:c2", "b:c0"),
    }
    assert all(link.relation == "shared" and link.diff for link in links)


def test_links_per_claim_are_capped(codebook: Codebook) -> None:
    left = [*BLEAK, "Frankly speaking, I did not expect a breakthrough at all."]
    right = ["However I cannot say that there are signs of a breakthrough."]
    a, b = text_article("a", left, "2012-07-10"), text_article("b", right, "2012-07-10")
    bleak = label("talks", "bleak")
    comparison = compare(
        a, b, text_claims(a, left, *[bleak] * 4), text_claims(b, right, bleak), codebook
    )
    links = paired(comparison)
    assert len(links) == 2
    assert comparison.summary()["left_only"] == 2
    assert_consistent(comparison)


def test_select_pairs_off_one_to_one_first_then_fills_in_partnerless_claims() -> None:
    def pair(i: int, j: int, score: float) -> Pair:
        return Pair(i, j, Link("shared", f"a:{i}", f"b:{j}", score, "test"))

    pairs = [pair(0, 0, 0.7), pair(0, 1, 0.9), pair(1, 1, 0.8)]
    # One-to-one: (0, 1) wins and blocks the others; then left 1 and right 0, still without
    # a partner, join their best partner since neither end exceeds two links.
    assert [(p.i, p.j) for p in select(pairs)] == [(0, 1), (1, 1), (0, 0)]
    assert [(p.i, p.j) for p in select(pairs, cap=1)] == [(0, 1)]


def test_links_follow_a_merged_reading_order(codebook: Codebook) -> None:
    left = ["Russia will attend the summit.", OTHER_004[0], "The talks will take place on July 10."]
    right = [
        OTHER_000[0],
        "Russia will attend the summit.",
        OTHER_000[1],
        "The talks will take place on July 10.",
    ]
    comparison = pair_compare(left, right, codebook)
    order = [(link.relation, link.left, link.right) for link in comparison.links]
    assert order == [
        ("right_only", None, "b:c0"),
        ("shared", "a:c0", "b:c1"),
        ("left_only", "a:c1", None),
        ("right_only", None, "b:c2"),
        ("shared", "a:c2", "b:c3"),
    ]


class FixedSimilarity:
    """A stand-in for a semantic backend: the scores are whatever the test says."""

    name = "semantic"

    def __init__(self, scores: list[list[float]]) -> None:
        self.scores = np.array(scores, dtype=np.float32)

    def matrix(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        assert self.scores.shape == (len(left), len(right))
        return self.scores


def test_similarity_backend_is_pluggable_and_recorded(codebook: Codebook) -> None:
    left, right = list(OTHER_004), list(OTHER_000)
    a, b = text_article("a", left, None), text_article("b", right, None)
    backend = FixedSimilarity([[0.1, 0.95], [0.2, 0.1]])
    comparison = compare(
        a,
        b,
        text_claims(a, left),
        text_claims(b, right),
        codebook,
        backend=backend,
        settings=MatchSettings(shared_threshold=0.9),
    )
    [link] = paired(comparison)
    assert (link.left, link.right, link.signals) == ("a:c0", "b:c1", ("semantic",))
    assert comparison.settings == MatchSettings(backend="semantic", shared_threshold=0.9)


def test_empty_sides(codebook: Codebook) -> None:
    comparison = pair_compare(OTHER_004, [], codebook)
    assert [link.relation for link in comparison.links] == ["left_only", "left_only"]
    assert pair_compare([], [], codebook).links == ()


def test_claims_are_kept_on_the_comparison(codebook: Codebook) -> None:
    comparison = pair_compare(OTHER_004, OTHER_000, codebook)
    assert comparison.claim("b:c1").text == OTHER_000[1]
    assert comparison.left_claims[0].id == "a:c0"


def test_seeds_004_and_000_end_to_end(seeds_dir: Path) -> None:
    """Extraction, shipped codebook labels and comparison together find the target shift."""
    from claimdiff.claims.claims import extract_claims
    from claimdiff.ingest.load import load_article
    from claimdiff.ingest.manifest import find_manifest
    from claimdiff.labels.label import label_claims

    manifest = find_manifest(seeds_dir)
    left, right = (
        load_article(next(seeds_dir.glob(f"{prefix}_*.txt")), manifest) for prefix in ("004", "000")
    )
    left = dataclasses.replace(left, date="2007-08-02")  # as the repository manifest has them
    right = dataclasses.replace(right, date="2017-02-09")
    codebook = load_codebook()
    left_claims = label_claims(extract_claims(left), codebook)
    right_claims = label_claims(extract_claims(right), codebook)

    comparison = compare(left, right, left_claims, right_claims, codebook)

    assert_consistent(comparison)
    target = [
        link
        for link in paired(comparison)
        if "rocket attacks from Iran" in comparison.claim(link.left or "").text
        and "surrounds the Russian Federation" in comparison.claim(link.right or "").text
    ]
    assert len(target) == 1
    link = target[0]
    assert (link.relation, link.topic, link.conflict_type) == ("conflicting", "target", "position")
    assert link.time_shift
    left_speaker = comparison.claim(link.left or "").speaker or "outlet"
    right_speaker = comparison.claim(link.right or "").speaker or "outlet"
    assert f"left says iran-nk ({left_speaker})" in link.reason
    assert f"right says russia ({right_speaker})" in link.reason
    per_claim = Counter(side for lk in comparison.links for side in (lk.left, lk.right) if side)
    assert max(per_claim.values()) <= 2
    # Regression test for word diffs on pairs alike only in meaning: the two sentences share
    # few words, so a diff of them would be noise, whatever the semantic score.
    assert link.diff == ()
    for lk in paired(comparison):
        if lk.diff:
            left_words = comparison.claim(lk.left or "").text.split()
            right_words = comparison.claim(lk.right or "").text.split()
            same = sum(len(op.left.split()) for op in lk.diff if op.tag == "equal")
            assert 2 * same / (len(left_words) + len(right_words)) >= 0.4
