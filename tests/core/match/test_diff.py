"""Word diffs and the detail checks built on them, on sentences from the seed articles."""

from __future__ import annotations

import pytest

from claimdiff.base.model import DiffOp
from claimdiff.match.contradiction import (
    date_conflict,
    date_mentions,
    entity_conflict,
    find_contradiction,
    negation_flip,
    number_conflict,
)
from claimdiff.match.diff import word_diff

SEED_SENTENCES = [
    # 001: a dateline inside a quotation, with a day range.
    "“Gen. Nikolai Makarov will pay a working visit to the United States on July 10-13,” "
    "according to a Russian Defense Ministry spokesman.",
    # 000: a name after a dash and a date with an abbreviated month.
    "Soldiers take part in the NATO military exercise 'Iron Sword 2016' at a training range "
    "in Pabrade, north of the capital Vilnius, Lithuania on Friday, Dec. 2, 2016.",
    # 004: number, punctuation glued to words.
    "we will remind, the USA intend to place in territory of Poland of 10 interceptor "
    "missiles, and also to construct radar station (RLS) in the next Czechia.",
]


@pytest.mark.parametrize("a", SEED_SENTENCES)
@pytest.mark.parametrize("b", [*SEED_SENTENCES, "", "Russia   will\tnot attend."])
def test_left_and_right_sides_rebuild_both_word_sequences(a: str, b: str) -> None:
    ops = word_diff(a, b)
    assert " ".join(op.left for op in ops if op.left) == " ".join(a.split())
    assert " ".join(op.right for op in ops if op.right) == " ".join(b.split())


def test_identical_sentences_give_one_equal_op() -> None:
    sentence = SEED_SENTENCES[0]
    assert word_diff(sentence, sentence) == (DiffOp("equal", sentence, sentence),)


def test_punctuation_and_case_do_not_count_as_changes() -> None:
    ops = word_diff("Russia will attend the summit.", "russia will attend the summit")
    assert [op.tag for op in ops] == ["equal"]


def test_changed_day_is_marked_as_number_and_date() -> None:
    ops = word_diff(
        "The talks will take place on July 10.", "The talks will take place on July 12."
    )
    assert ops[1] == DiffOp("replace", "10.", "12.", ("number", "date"))
    assert [op.tag for op in ops] == ["equal", "replace"]


def test_inserted_negation_is_marked() -> None:
    ops = word_diff("Russia will attend the summit.", "Russia will not attend the summit.")
    assert DiffOp("insert", "", "not", ("negation",)) in ops


@pytest.mark.parametrize(
    ("a", "b", "mark"),
    [
        ("He said Iran will strike first.", "He said Russia will strike first.", "name"),
        ("The treaty was signed in 1972.", "The treaty was signed in 1987.", "date"),
        ("They met in September this year.", "They met in October this year.", "date"),
        ("Moscow can act alone.", "Moscow can't act alone.", "negation"),
        ("Poland will host ten missiles.", "Poland will host twelve missiles.", "number"),
    ],
)
def test_marks(a: str, b: str, mark: str) -> None:
    changed = [op for op in word_diff(a, b) if op.tag != "equal"]
    assert len(changed) == 1
    assert mark in changed[0].marks


def test_sentence_initial_capital_is_not_a_name_but_later_ones_are() -> None:
    ops = word_diff("Talks went well. Kislyak agreed.", "Talks went well. Ryabkov agreed.")
    assert "name" not in next(op for op in ops if op.tag == "replace").marks
    ops = word_diff("Talks went well, Kislyak agreed.", "Talks went well, Ryabkov agreed.")
    assert "name" in next(op for op in ops if op.tag == "replace").marks


def test_may_the_verb_is_no_month() -> None:
    ops = word_diff("Russia will respond.", "Russia may respond.")
    assert "date" not in ops[1].marks


def test_date_mentions_in_seed_sentences() -> None:
    makarov = date_mentions(SEED_SENTENCES[0])
    assert [(d.month, d.day, d.year) for d in makarov] == [("jul", "10-13", None)]
    soldiers = date_mentions(SEED_SENTENCES[1])
    assert [(d.month, d.day, d.year) for d in soldiers] == [
        ("dec", "2", "2016"),
        (None, None, "2016"),
    ]


def test_date_conflict_needs_a_disagreeing_date_on_both_sides() -> None:
    assert date_conflict("They met on July 10.", "They met on July 10, 2012.") is None
    assert date_conflict("They met on July 10.", "They met on July 10 and in 2012.") is None
    found = date_conflict("They met on July 10.", "They met on August 10.")
    assert found == ("date", "different date: left says July 10, right says August 10")


def test_number_conflict_reads_number_words() -> None:
    base = "the USA intend to place in territory of Poland of {} interceptor missiles"
    assert number_conflict(base.format("10"), base.format("ten")) is None
    found = number_conflict(base.format("10"), base.format("12"))
    assert found == ("number", "different number: left says 10, right says 12")
    assert number_conflict(base.format("10"), base.format("several")) is None


def test_negation_flip_reports_the_cue() -> None:
    found = negation_flip("Russia will attend the summit.", "Russia will not attend the summit.")
    assert found == ("negation", "negation flipped: right says 'not' where left does not")
    assert negation_flip("Russia will not go.", "Russia will never go.") is None


def test_entity_conflict_ignores_spelling_variants() -> None:
    found = entity_conflict(
        "The rockets are aimed at Poland, the envoy said.",
        "The rockets are aimed at Romania, the envoy said.",
    )
    assert found == ("entity", "different name: left says Poland, right says Romania")
    assert (
        entity_conflict("Ambassador Sergey Kislyak said.", "Ambassador Sergei Kislyak said.")
        is None
    )


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("The talks will take place on July 10.", "The talks will take place on July 12.", "date"),
        ("Russia will attend the summit.", "Russia will not attend the summit.", "negation"),
        (
            "NATO will deploy 10 missiles in Poland.",
            "NATO will deploy 24 missiles in Poland.",
            "number",
        ),
        ("NATO will deploy missiles in Poland.", "NATO will deploy missiles in Romania.", "entity"),
        ("NATO will deploy missiles in Poland.", "NATO will deploy missiles in Poland soon.", None),
    ],
)
def test_detail_conflict(a: str, b: str, kind: str | None) -> None:
    found = find_contradiction(a, b)
    assert (found[0] if found else None) == kind


def test_name_after_a_title_abbreviation_is_still_a_name() -> None:
    """001 writes "Gen. Nikolai Makarov": the full stop ends a title, not a sentence."""
    ops = word_diff(SEED_SENTENCES[0], SEED_SENTENCES[0].replace("Nikolai", "Valery"))
    assert [op.marks for op in ops if op.tag != "equal"] == [("name",)]
