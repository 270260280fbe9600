"""Attribution shapes that PolNeAR's train articles annotate and the parse must read.

The sentences are PolNeAR train sentences (2015-16 US political news), each checked against
what its annotators marked as source; none is from the dev split the figures are reported on.
"""

from __future__ import annotations

import pytest

from claimdiff.base.model import Article
from claimdiff.claims.claims import extract_claims
from claimdiff.claims.segment import split_sentences
from claimdiff.claims.speakers import attribute_speakers
from claimdiff.language import nlp

pytestmark = pytest.mark.skipif(not nlp.available(), reason="needs the trained spaCy pipeline")


def speaker(text: str) -> str | None:
    found = attribute_speakers(text, split_sentences(text))
    assert len(found) == 1, "one sentence each"
    return found[0].speaker


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The plan, an inside source said, is to have volunteers pass out reprints of the "
            "editorial and let the newspaper make the case against Sanders, with no commentary.",
            "inside source",
        ),
        (
            "The effects are difficult to predict, many economists say, because there is little "
            "historical precedent for raising minimum wages so high on such a wide scale.",
            "many economists",
        ),
    ],
)
def test_a_cue_set_off_by_commas_attributes_the_sentence_around_it(
    text: str, expected: str
) -> None:
    assert speaker(text) == expected


def test_a_weaker_cue_attributes_when_it_reports_a_whole_clause() -> None:
    text = (
        "After an investigation, the Department of Justice found that the city’s police force "
        "was fleecing its residents in order to raise revenue."
    )
    assert speaker(text) == "Department of Justice"
    # the same verb with no reported clause is the outlet's account of the person
    assert (
        speaker("But Mr. Romney found it difficult in 2012 to overcome a defeat in Miami.") is None
    )
    assert speaker("He has seen abandoned steel mills retooled to turn out solar panels.") is None


def test_a_headline_names_its_speaker_before_a_colon() -> None:
    assert speaker("Bernie Sanders: ‘Of Course’ Hillary Clinton Is Qualified To Be President.") == (
        "Bernie Sanders"
    )
    assert speaker("Update: The polls closed at 8 p.m. in most of the state.") is None


def test_a_sentence_set_inside_a_poll_is_the_polls() -> None:
    text = (
        "In a national CNN/ORC poll released Monday, 31% of Republicans and Republican-leaning "
        "voters said they were angry."
    )
    assert (speaker(text) or "").endswith("poll")
    assert speaker("Hillary Clinton won the primary in Nevada, adding to her lead.") is None


@pytest.mark.parametrize(
    "text",
    [
        "The Saudis have said for years that they would support the release of the pages, but "
        "there is growing anger in Saudi circles over how their reputation is being affected by "
        "the latest push to declassify the information.",
        'President Obama has called inversions "unpatriotic," and his adminstration has made a '
        "major effort to crack down on such transactions by making them less profitable.",
    ],
)
def test_a_clause_coordinated_with_the_cue_is_the_outlets(text: str) -> None:
    claims = extract_claims(Article("t", "t.txt", "", None, None, "none", text))
    assert [c.speaker is not None for c in claims] == [True, False]


def test_a_colon_that_opens_a_quoted_paragraph_attributes_the_paragraph() -> None:
    text = (
        "When Wallace died in 1998, President Clinton released the following statement:\n\n"
        "“Hillary and I offer our condolences to the family and friends of George Wallace. "
        "I remember working with him at the Governors’ conference in 1983.”\n\n"
        "Wallace had been governor of Alabama four times."
    )
    found = [a.speaker for a in attribute_speakers(text, split_sentences(text))]
    assert found[1:] == ["Clinton", "Clinton", None]
