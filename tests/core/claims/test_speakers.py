"""Speaker attribution over crafted text: the shapes news prose uses and how they resolve."""

from __future__ import annotations

from pathlib import Path

from claimdiff.claims.quotes import mask_quotations
from claimdiff.claims.segment import split_sentences
from claimdiff.claims.speakers import attribute_speakers


def speakers(text: str) -> list[str | None]:
    return [speaker for speaker, _ in attribute(text)]


def attribute(text: str) -> tuple[tuple[str | None, bool], ...]:
    """(speaker, quote) per sentence; the source and cue offsets are tested on their own."""
    return tuple((a.speaker, a.quote) for a in attribute_speakers(text, split_sentences(text)))


def spans_of(text: str, *pieces: str) -> list[tuple[int, int]]:
    """Hand-made spans, for sentences a segmenter would cut differently."""
    spans = []
    position = 0
    for piece in pieces:
        start = text.index(piece, position)
        spans.append((start, start + len(piece)))
        position = start + len(piece)
    return spans


def test_the_outlets_own_voice_has_no_speaker() -> None:
    text = (
        "The treaty was signed in 1972. Russia has repeatedly tested the missile. "
        "Hillary Clinton won the primary, adding to her lead. Trump may want to check his stats."
    )
    assert attribute(text) == ((None, False),) * 4


def test_a_speech_act_with_a_noun_object_is_attributed() -> None:
    # PolNeAR annotates such acts as attributions: the stance is Russia's, not the outlet's
    text = "Russia has repeatedly expressed concern over the plan. Trump is praising his voters."
    assert speakers(text) == ["Russia", "Trump"]


def test_a_surname_takes_the_full_name_the_article_gave_first() -> None:
    text = (
        "Talks are stalled, Russian Ambassador to the United States Sergey Kislyak said on Friday. "
        "Kislyak noted Russia has no illusions about the plan."
    )
    assert speakers(text) == ["Sergey Kislyak", "Sergey Kislyak"]


def test_he_said_is_the_last_person_named() -> None:
    text = (
        '"Russia is ready for dialogue," according to Ambassador Sergei Kislyak.\n\n'
        '"However I cannot say that there are signs of a breakthrough," he said.'
    )
    assert attribute(text) == (
        ("Sergei Kislyak", True),
        ("Sergei Kislyak", True),
    )


def test_according_to_him_resolves_the_pronoun() -> None:
    text = (
        "Deputy Foreign Minister Sergei Ryabkov spoke at a briefing on Monday. "
        "Ryabkov also commented on other pacts. "
        "According to him, Moscow would consider returning to the treaty."
    )
    assert speakers(text) == [None, None, "Sergei Ryabkov"]


def test_a_role_refers_back_to_the_person_holding_that_office() -> None:
    text = (
        "No deal is seen, Russian Ambassador Sergey Kislyak said on Friday. "
        "Deputy Foreign Minister Sergey Ryabkov said earlier that cooperation is unlikely. "
        'Moreover, the Russian ambassador added, "the issues are much more complex."'
    )
    assert speakers(text) == ["Sergey Kislyak", "Sergey Ryabkov", "Sergey Kislyak"]


def test_an_unnamed_source_stays_a_role_and_the_official_follows_it() -> None:
    text = (
        '"The general will visit in July," according to a Russian Defense Ministry spokesman. '
        '"He will hold talks with his counterpart," the official said on Monday.'
    )
    assert speakers(text) == [
        "Russian Defense Ministry spokesman",
        "Russian Defense Ministry spokesman",
    ]


def test_inverted_attribution_after_a_quote() -> None:
    text = (
        '"NATO sees Russia as a partner, not as a threat," said Patrick Auroy, the military '
        "alliance's assistant secretary general for defense investment."
    )
    assert speakers(text) == ["Patrick Auroy"]


def test_institutions_and_as_clauses_speak_for_themselves() -> None:
    text = (
        "As the American administration declares, these measures are necessary for Europe. "
        "Moscow believes the radar is aimed at Russia. "
        "The talks failed, the State Department said."
    )
    assert speakers(text) == ["American administration", "Moscow", "State Department"]


def test_a_trailing_dash_attribution_names_the_leader() -> None:
    text = (
        "Russia answered the offer of the president of the Russian Federation Vladimir Putin. "
        "It is extremely important for international safety - the Russian leader has noted."
    )
    assert speakers(text) == [None, "Vladimir Putin"]


def test_initials_resolve_to_the_matching_full_name_only() -> None:
    text = (
        "The offer came from President Vladimir Putin in June. "
        "V.Putin has explained that it is the direct answer. "
        "T.Kejsi has informed that talks will go on. "
        "D.Putin has added that the talks are over."
    )
    assert speakers(text) == [None, "Vladimir Putin", "T.Kejsi", "D.Putin"]


def test_said_inside_a_quotation_does_not_attribute() -> None:
    text = 'The report ended with a line: "officials said the talks failed."'
    assert attribute(text) == ((None, True),)


def test_an_unattributed_quote_continues_the_previous_quote() -> None:
    text = (
        '"We see the goals clearly," Kislyak said. "We understand where this leads."\n\n'
        '"And we will respond."\n\n'
        "The treaty was signed in 1972.\n\n"
        '"A quote nobody claims."'
    )
    assert speakers(text) == ["Kislyak", "Kislyak", "Kislyak", None, None]


def test_a_quotation_split_over_sentences_takes_the_closing_attribution() -> None:
    text = (
        "Ambassador John Smith arrived on Monday. "
        '"First we talk. Then we decide. Then we sign," Jones said.'
    )
    spans = spans_of(
        text,
        "Ambassador John Smith arrived on Monday.",
        '"First we talk.',
        "Then we decide.",
        'Then we sign," Jones said.',
    )
    assert [a.speaker for a in attribute_speakers(text, spans)] == [None, "Jones", "Jones", "Jones"]
    assert [a.quote for a in attribute_speakers(text, spans)] == [False, True, True, True]


def test_mask_quotations_hides_quoted_words_and_tracks_open_quotes() -> None:
    masked, stretches, still_open = mask_quotations('“Stop,” he said. "We go', inside=False)
    assert masked == '“…” he said. "…'
    assert stretches == [(0, 7), (17, 23)]
    assert still_open
    masked, _, still_open = mask_quotations('on," he added.', inside=True)
    assert masked == '…" he added.'
    assert not still_open


def test_spans_need_not_cover_the_text() -> None:
    text = "Header line\nThe envoy said talks would go on.\nFooter"
    spans = spans_of(text, "The envoy said talks would go on.")
    assert [a.speaker for a in attribute_speakers(text, spans)] == ["envoy"]
    assert attribute_speakers(text, []) == ()


def test_a_described_speaker_is_the_person_the_article_later_names_by_that_role() -> None:
    text = (
        "Russia stands by its terms, Moscow's envoy to Washington said on Monday.\n\n"
        '"We are in dialogue," according to Ambassador Sergei Kislyak.\n\n'
        "There will be no progress before the elections, the envoy added."
    )
    assert speakers(text) == ["Sergei Kislyak"] * 3


def test_described_speakers_stay_unnamed_when_the_article_does_not_settle_who() -> None:
    # two people hold a matching office: which one the lede meant is not known
    two = (
        "Russia stands by its terms, Moscow's envoy to Washington said on Monday.\n\n"
        "Ambassador Sergei Kislyak spoke in New York. Ambassador Anatoly Antonov spoke later.\n\n"
        "There will be no progress, the envoy added."
    )
    assert speakers(two)[0] == "Moscow's envoy to Washington"
    # spokesmen of different firms are different people
    firms = (
        "A Drexel spokesman said the firm had underwritten the offering.\n\n"
        "Spokesman Leopold Wyler said the bank was cooperating. The spokesman added more."
    )
    assert speakers(firms)[0] == "Drexel spokesman"
    # no definite reference back: nothing links the lede to the ambassador
    unlinked = (
        "Russia stands by its terms, Moscow's envoy to Washington said on Monday.\n\n"
        '"We are in dialogue," according to Ambassador Sergei Kislyak.'
    )
    assert speakers(unlinked)[0] == "Moscow's envoy to Washington"


def test_first_person_speech_takes_the_attribution_that_closes_the_next_sentence() -> None:
    text = (
        "V.Putin has explained that it is the direct answer to the USA. "
        "Our actions are directed on balance preservation in the world. "
        "It is extremely important for international safety - the Russian leader has noted."
    )
    assert speakers(text) == ["V.Putin", "V.Putin", "V.Putin"]
    text = "We will not back down. The talks must go on, the minister said."
    assert speakers(text) == ["minister", "minister"]


def test_first_person_speech_stays_unattributed_without_a_closing_attribution() -> None:
    # "US" is a country; a leading "said" opens a new statement; a paragraph ends speech.
    assert (
        speakers("The US will not back down. The talks must go on, the minister said.")[0] is None
    )
    assert speakers("We will not back down. The minister said the talks must go on.")[0] is None
    text = "We will not back down.\n\nThe talks must go on, the minister said."
    assert speakers(text)[0] is None


def test_seed_putins_unmarked_speech_is_his(seeds_dir: Path) -> None:
    from claimdiff.claims.claims import extract_claims
    from claimdiff.ingest.load import load_article

    claims = extract_claims(load_article(str(seeds_dir / "004_ae97e33e177aeab3.txt")))
    [ours] = [c for c in claims if c.text.startswith("our actions are directed")]
    assert ours.speaker == "Vladimir Putin"


def test_appositives_titles_and_of_phrases_resolve_to_the_head_name() -> None:
    text = (
        '"Markets will fall," Chris Weston, chief market strategist in Melbourne at IG Ltd., '
        "said. U.S. Republican presidential nominee Donald Trump said on Tuesday that he won. "
        '"We will not sign," said Clinton\'s communications director, Jennifer Palmieri. '
        "Craig Holman of Public Citizen said the rule is weak."
    )
    assert speakers(text) == ["Chris Weston", "Donald Trump", "Jennifer Palmieri", "Craig Holman"]


def test_participles_colons_and_according_to() -> None:
    text = (
        "The debate between Clinton and Trump was tense. "
        "Trump attacked Clinton on Monday, saying she had lied about the server. "
        "According to a senior NATO official, the plan failed.\n\n"
        "Caddell added:\n\n"
        '"The health issue is very much a partisan issue."'
    )
    assert speakers(text) == [None, "Trump", "senior NATO official", "Caddell", "Caddell"]


def test_nyt_and_single_quotation_marks_are_quotes() -> None:
    text = "''ESPN is an inclusive company,'' ESPN said in a statement."
    assert attribute(text) == (("ESPN", True),)
    masked, stretches, still_open = mask_quotations(
        "He called it ‘a disgrace’ and Clinton’s", False
    )
    assert masked == "He called it ‘…’ and Clinton’s"
    assert stretches == [(13, 25)] and not still_open


def test_she_agrees_in_gender_and_unsure_pronouns_stay_blank() -> None:
    text = (
        "Nancy Pelosi spoke after Donald Trump left the hall.\n\n"
        '"We will hold the line," she concluded.\n\n'
        "The talks between Mike Pence and Paul Ryan ended on Monday.\n\n"
        '"It went well," he said.'
    )
    assert speakers(text) == [None, "Nancy Pelosi", None, None]


def test_the_source_and_cue_are_kept_with_their_offsets() -> None:
    text = 'Talks stalled.\n\n"It is over," said Clinton\'s spokesman, Brian Fallon.'
    [_, said] = attribute_speakers(text, split_sentences(text))
    assert said.speaker == "Brian Fallon" and said.quote
    assert said.source is not None and text[said.source[0] : said.source[1]] == "Brian Fallon"
    assert said.cue == "said"
    assert said.cue_span is not None and text[said.cue_span[0] : said.cue_span[1]] == "said"


def test_they_is_the_group_that_spoke_just_before_never_a_person() -> None:
    text = (
        "State Department officials said the talks had failed. "
        "They added that a new round would start in May. "
        "Sergey Lavrov said he was disappointed. They said nothing else."
    )
    assert speakers(text) == [
        "State Department officials",
        "State Department officials",
        "Sergey Lavrov",
        None,
    ]


def test_of_two_people_he_is_the_one_quoted_most_recently() -> None:
    text = (
        '"We are ready," Mike Pence said.\n\n'
        "The talks between Mike Pence and Paul Ryan ended on Monday.\n\n"
        '"It went well," he said.'
    )
    assert speakers(text) == ["Mike Pence", None, "Mike Pence"]


def test_the_word_patterns_keep_source_and_cue_offsets_too() -> None:
    # the parse reads no cue here ("As ... declares" hangs off nothing it trusts); the word
    # patterns find the attribution and say where it is written
    text = "Talks stalled. As the American administration declares, these measures are needed."
    [_, declares] = attribute_speakers(text, split_sentences(text))
    assert declares.speaker == "American administration"
    assert declares.cue == "declares"
    assert declares.cue_span is not None
    assert text[declares.cue_span[0] : declares.cue_span[1]] == "declares"
    assert declares.source is not None
    assert text[declares.source[0] : declares.source[1]] == "the American administration"


def test_names_run_on_past_connectors_and_places_inside_outlet_names() -> None:
    from claimdiff.claims.entities import find_mentions

    found = find_mentions("He wrote to the Department of Justice in May.", None)
    assert [(m.text, m.kind) for m in found] == [("Department of Justice", "organisation")]
    text = (
        "The New York Times said it would endorse Hillary Clinton. "
        "The Department of Justice said the inquiry was closed."
    )
    assert speakers(text) == ["New York Times", "Department of Justice"]
