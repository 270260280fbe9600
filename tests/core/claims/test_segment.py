"""Sentence segmentation: exact offsets, abbreviations, quotations and page layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff.claims.segment import SentenceSpan, split_sentences
from claimdiff.language import nlp


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def assert_tight_and_ordered(text: str, spans: tuple[SentenceSpan, ...]) -> None:
    previous_end = 0
    for span in spans:
        piece = text[span.start : span.end]
        assert piece, span
        assert piece == piece.strip(), f"untrimmed span {piece!r}"
        assert span.start >= previous_end, "spans overlap or run backwards"
        previous_end = span.end


def test_every_seed_round_trips_and_loses_no_text(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = split_sentences(text)
        assert len(spans) > 10, path.name
        assert_tight_and_ordered(text, spans)
        covered = "".join(text[s.start : s.end] for s in spans)
        assert "".join(covered.split()) == "".join(text.split()), path.name


def test_abbreviations_and_dates_do_not_end_sentences() -> None:
    text = (
        "Gen. Nikolai Makarov met U.S. officials in Washington on Friday, Dec. 2, 2016. "
        "T.Kejsi has informed that the talks went well. V.Putin has explained the answer."
    )
    assert sentences(text) == [
        "Gen. Nikolai Makarov met U.S. officials in Washington on Friday, Dec. 2, 2016.",
        "T.Kejsi has informed that the talks went well.",
        "V.Putin has explained the answer.",
    ]


def test_a_quotation_of_two_sentences_is_two_sentences() -> None:
    text = '"We will not yield. We will stand firm," he said. The talks ended on Monday.'
    assert sentences(text) == [
        '"We will not yield.',
        'We will stand firm," he said.',
        "The talks ended on Monday.",
    ]


def test_no_split_after_jr_or_a_party_and_state_tag() -> None:
    text = (
        "Nancy Pelosi, D-Calif., said on Tuesday that Trump Jr.'s lawyer won't attend. "
        "Rep. Earl Blumenauer, D-Ore., said the vote was close. He left."
    )
    assert sentences(text) == [
        "Nancy Pelosi, D-Calif., said on Tuesday that Trump Jr.'s lawyer won't attend.",
        "Rep. Earl Blumenauer, D-Ore., said the vote was close.",
        "He left.",
    ]


def test_a_sentence_in_lower_case_after_a_full_stop_is_still_a_sentence() -> None:
    text = "Russia is not the initiator of a new race of arms. our actions keep the balance."
    assert len(sentences(text)) == 2


def test_an_opening_quotation_mark_starts_the_next_sentence() -> None:
    text = "She spoke in Washington. ''They are using websites to recruit,'' she said."
    assert sentences(text) == [
        "She spoke in Washington.",
        "''They are using websites to recruit,'' she said.",
    ]


def test_a_hard_wrapped_wire_story_splits_by_sentence_not_by_line() -> None:
    text = (
        "EC TO ABOLISH TAX ON SPANISH MAIZE EXPORTS\n"
        "BRUSSELS, March 19 - The European Community Commission has\n"
        "decided to abolish a special tax of eight Ecus per tonne\n"
        "imposed on exports of Spanish maize, Commission sources said.\n"
        "    They said the tax, which applies to Spanish sales to EC and\n"
        "non-EC countries alike, would no longer be required on exports\n"
        "from Spanish ports south of Valencia.\n"
        "    The decision was taken at a meeting of the authority's\n"
        "cereals management committee today.\n"
        " Reuter\n"
    )
    found = sentences(text)
    assert found[0] == "EC TO ABOLISH TAX ON SPANISH MAIZE EXPORTS"
    assert found[1].startswith("BRUSSELS, March 19") and found[1].endswith("sources said.")
    assert found[2].endswith("south of Valencia.") and found[-1] == "Reuter"
    assert len(found) == 5
    assert_tight_and_ordered(text, split_sentences(text))


def test_a_line_without_final_punctuation_ends_its_sentence() -> None:
    text = "Moscow Rejects Missile Plan\nThe ministry said on Monday that talks would go on."
    assert sentences(text) == [
        "Moscow Rejects Missile Plan",
        "The ministry said on Monday that talks would go on.",
    ]


def test_a_blank_line_is_never_crossed_even_mid_sentence() -> None:
    text = "The envoy said that the two sides\n\nwould meet again in September."
    assert sentences(text) == [
        "The envoy said that the two sides",
        "would meet again in September.",
    ]


def test_hard_wrapped_lines_join_and_keep_their_offsets() -> None:
    text = "The two sides met\nin Geneva on Friday and agreed\nto meet again. Then they left."
    spans = split_sentences(text)
    assert sentences(text) == [
        "The two sides met\nin Geneva on Friday and agreed\nto meet again.",
        "Then they left.",
    ]
    assert_tight_and_ordered(text, spans)


def test_a_title_abbreviation_at_a_line_end_continues_the_sentence() -> None:
    assert sentences("He will meet Gen.\nNikolai Makarov on Tuesday.") == [
        "He will meet Gen.\nNikolai Makarov on Tuesday."
    ]


def test_furniture_lines_stay_separate_from_body_lines() -> None:
    text = "Subscribe\nAny agreement is not seen at present, the ambassador said.\nNewsfeed\n0\n"
    assert sentences(text) == [
        "Subscribe",
        "Any agreement is not seen at present, the ambassador said.",
        "Newsfeed",
        "0",
    ]


def test_long_texts_are_cut_into_blocks_without_losing_sentences() -> None:
    line = "Sentence number {n} says that the talks went on for a while.\n"
    text = "".join(line.format(n=n) for n in range(400))  # about 24,000 characters, no blank line
    found = sentences(text)
    assert len(found) == 400
    assert found[123] == "Sentence number 123 says that the talks went on for a while."
    assert_tight_and_ordered(text, split_sentences(text))


def test_one_long_line_is_parsed_in_chunks_without_losing_sentences(seeds_dir: Path) -> None:
    article = next(seeds_dir.glob("001_*.txt")).read_text(encoding="utf-8")
    text = (" ".join(article.split()) + " ") * 20  # about 70,000 characters on a single line
    chunks = list(nlp.chunk_text(text, nlp.CHUNK_CHARS))
    assert len(chunks) > 2 and "".join(chunks) == text
    assert all(len(c) <= nlp.CHUNK_CHARS for c in chunks)
    spans = split_sentences(text)
    assert_tight_and_ordered(text, spans)
    found = [text[s.start : s.end] for s in spans]
    assert sum(s == '"Frankly speaking, I did not expect one."' for s in found) == 20


@pytest.mark.parametrize("text", ["", "   \n\n \xa0 ", "\n"])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == ()


def test_seed_sentences_with_abbreviations_survive_whole(seeds_dir: Path) -> None:
    text = next(seeds_dir.glob("001_*.txt")).read_text(encoding="utf-8")
    found = sentences(text)
    assert any(
        s.startswith("“Gen. Nikolai Makarov will pay") and s.endswith("spokesman.") for s in found
    )
    assert any(
        "U.S. Chairman of the Joint Chiefs of Staff, Gen. Martin E. Dempsey" in s for s in found
    )
