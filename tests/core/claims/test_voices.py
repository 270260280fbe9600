"""One voice per person across the spellings and shortenings of different outlets."""

from __future__ import annotations

from claimdiff.claims.voices import voice_names
from claimdiff.ingest.seeds import seeds_dir
from claimdiff.labels.codebook import load_codebook
from claimdiff.session.pipeline import load_corpus
from claimdiff.timeline.timeline import timeline_frame


def test_transliterations_and_bare_surnames_are_one_voice_named_as_written_most() -> None:
    voices = voice_names(
        {
            "Sergey Kislyak": 5,
            "Sergei Kislyak": 2,
            "Dmitri Peskov": 1,
            "Dmitry Peskov": 3,
            "Yuri Ushakov": 1,
            "Yury Ushakov": 1,
            "Aleksei Pushkov": 1,
            "Alexey Pushkov": 2,
            "S. Lavrov": 1,
            "Sergei Lavrov": 4,
        }
    )
    assert voices["Sergei Kislyak"] == voices["Sergey Kislyak"] == "Sergey Kislyak"
    assert voices["Dmitri Peskov"] == "Dmitry Peskov"
    assert voices["Yury Ushakov"] == voices["Yuri Ushakov"]
    assert voices["Aleksei Pushkov"] == "Alexey Pushkov"
    assert voices["S. Lavrov"] == "Sergei Lavrov"


def test_different_people_and_descriptions_stay_apart() -> None:
    names = {
        "John Smith": 2,
        "Jane Smith": 1,
        "Smith": 1,  # a bare surname: which Smith is not known
        "Columbia Gas Systems Inc": 1,
        "Columbia Gas System Inc": 1,
        "Marvin L. Warner": 1,
        "Marvin Warner": 1,
        "senior diplomat": 3,
        "Russian Defense Ministry spokesman": 1,
        "Mark Brown": 1,
        "Mary Brown": 1,
    }
    assert voice_names(names) == {name: name for name in names}


def test_a_seed_speaker_spelt_two_ways_is_one_line_of_the_split_timeline() -> None:
    items = load_corpus([str(seeds_dir())], load_codebook())
    spelt = {c.speaker for _a, claims in items for c in claims if "Kislyak" in (c.speaker or "")}
    assert len(spelt) > 1, "the seeds spell the ambassador's name more than one way"
    frame = timeline_frame(items, "year", by="speaker")
    assert len({s for s in frame["speaker"] if "Kislyak" in s}) == 1
