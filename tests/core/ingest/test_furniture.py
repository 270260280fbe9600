"""Page furniture is marked and body sentences are not, on every seed and on crafted text."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from claimdiff.base.model import Span
from claimdiff.ingest.furniture import analyse, find_spans, guess_title, stated_date
from claimdiff.ingest.load import load_article

SEEDS: dict[str, dict[str, list[str]]] = {
    "000_fbd7af67a7761638": {
        "title": ["Russian Envoy to US Comments on Possible US-Russia Missile Defense Deal"],
        "furniture": [
            "© RIA Novosti . Maria YoungSpeaking in Washington",
            "Speaking in Washington on Friday, Ambassador Sergey Kislyak",
            "Subscribe",
            "Soldiers take part in the NATO military exercise",
            "No Reason to Return to Arms Race Even Amid Possible Escalation in Europe",
            "Newsfeed",
            "0",
            "To participate in the discussion",
            "log in or register",
            "loader",
            "Chats",
            "Заголовок открываемого материала",
        ],
        "body": [
            "Any immediate possibility for Russia and the United States",
            "WASHINGTON (Sputnik)",
            '"I certainly do not rule out',
            "Moreover, the Russian ambassador added",
            "Kislyak noted Russia has been under",
            '"We see, that no matter what explanation',
            "The Anti-Ballistic Missile Treaty was signed",
            "Russia has repeatedly expressed concern",
        ],
    },
    "001_fcd437e513264478": {
        "title": ["Russia Stands by Position on Missile Defense"],
        "furniture": [
            "Jump to search Jump to main navigation",
            "Global Security Newswire",
            "Daily News on Nuclear, Biological & Chemical Weapons",
            "Produced by",
            "NationalJournal logo",
            "Note to our Readers",
            "GSN ceased publication on July 31, 2014.",
            "Country Profile",
            "Flag of Russia",
            "This article provides an overview of Russia",
            "View Country Profile",
        ],
        "body": [
            "Russia is standing by its position",
            "The two nations and NATO agreed in November 2010",
            '"Russia and the U.S. are engaged in dialogue',
            '"However I cannot say that there are signs of a breakthrough,"',
            "“Gen. Nikolai Makarov will pay a working visit",
            "Meanwhile, a senior NATO official played down",
            '"NATO sees Russia as a partner',
        ],
    },
    "002_732f1da1e3f5c25c": {
        "title": ["Foreign Ministry: Russia has no illusions about relations with U.S."],
        "furniture": [
            "Foreign Ministry: Russia has no illusions about relations with U.S.#2",
            "Vestnik Kavkaza",
            "in Instagram",
        ],
        "body": [
            "Moscow has no illusions about the possibility",
            "The diplomat stressed that Russia categorically opposes",
            '"It should be emphasized',
            '"In a nutshell, I do not think',
        ],
    },
    "003_901642ca2c8110a9": {
        "title": ["Russia Rules Out Even Tentative Talks with US on Arms Control"],
        "furniture": [
            "Tuesday 9 July 2024 - 06:04",
            "Story Code : 1146609",
            "Russia Rules Out Even Tentative Talks with US on Arms Control#2",
        ],
        "body": [
            '"We do not have the foundation right now',
            "He noted that the Strategic Arms Reduction Treaty",
            "On February 21, 2023, Russian President Vladimir Putin",
            "Now, according to Putin, it has become known",
        ],
    },
    "004_ae97e33e177aeab3": {
        "title": ["Russia and the USA have discussed cooperation in ABM sphere"],
        "furniture": ["Rus News Journal"],
        "body": [
            "Washington positively estimates results",
            "according to the representative of State department",
            "T.Kejsi has informed",
            "negotiations between experts from the USA and Russia",
            "in turn the Russian delegation has stated",
            "we will remind, the USA intend to place",
            "in the answer the Russian side has resorted",
        ],
    },
}


def kind_at(text: str, spans: tuple[Span, ...], fragment: str) -> str:
    """The kind of span covering all of ``fragment``, or "body" when no span touches it.

    A fragment is the start of a line; "#2" at its end picks the line's second occurrence.
    """
    fragment, _, nth = fragment.partition("#")
    starts = [i for i in range(len(text)) if text.startswith(fragment, i)]
    starts = [i for i in starts if i == 0 or text[i - 1] == "\n"]
    start = starts[int(nth or 1) - 1]
    end = start + len(fragment)
    touching = [s for s in spans if s.start < end and start < s.end]
    if not touching:
        return "body"
    covering = [s.kind for s in touching if s.start <= start and end <= s.end]
    return covering[0] if covering else "partly covered"


@pytest.mark.parametrize("title_known", [True, False], ids=["manifest-title", "guessed-title"])
@pytest.mark.parametrize("stem", sorted(SEEDS))
def test_seed_furniture_is_marked_and_body_kept(
    seeds_dir: Path, stem: str, title_known: bool
) -> None:
    article = load_article(seeds_dir / f"{stem}.txt")
    text = article.text
    spans = article.spans if title_known else find_spans(text)
    expected = SEEDS[stem]
    for fragment in expected["title"]:
        assert kind_at(text, spans, fragment) == "title", fragment
    for fragment in expected["furniture"]:
        assert kind_at(text, spans, fragment) == "furniture", fragment
    for fragment in expected["body"]:
        assert kind_at(text, spans, fragment) == "body", fragment


@pytest.mark.parametrize("stem", sorted(SEEDS))
def test_guessed_title_matches_the_manifest(seeds_dir: Path, stem: str) -> None:
    text = (seeds_dir / f"{stem}.txt").read_text(encoding="utf-8")
    assert guess_title(text) == SEEDS[stem]["title"][0]


@pytest.mark.parametrize("stem", sorted(SEEDS))
def test_spans_are_ordered_disjoint_and_inside_the_text(seeds_dir: Path, stem: str) -> None:
    article = load_article(seeds_dir / f"{stem}.txt")
    spans = article.spans
    assert [s.kind for s in spans].count("title") == 1
    for span in spans:
        assert 0 <= span.start < span.end <= len(article.text)
        assert article.text[span.start : span.end] == article.text[span.start : span.end].strip()
    for before, after in itertools.pairwise(spans):
        assert before.end <= after.start


def test_short_quotes_lists_and_lowercase_lines_stay_body() -> None:
    text = (
        "Envoy rejects offer\n\n"
        "The envoy rejected the offer on Monday, his office said in a statement.\n"
        "“We will not accept this”\n"
        "he told reporters as he left the building after the meeting.\n"
        "- the radar offer stays on the table\n"
        "Related stories\n"
        "Missile talks stall again in Geneva\n"
    )
    spans = find_spans(text)
    assert kind_at(text, spans, "Envoy rejects offer") == "title"
    for body in ("“We will not accept this”", "he told reporters", "- the radar offer"):
        assert kind_at(text, spans, body) == "body", body
    assert kind_at(text, spans, "Related stories") == "furniture"
    assert kind_at(text, spans, "Missile talks stall again") == "furniture"


def test_an_editorial_note_at_the_top_does_not_swallow_the_article() -> None:
    text = (
        "Editor's note\n\n"
        "This story was updated on Friday with comment from the ministry.\n\n"
        "The ministry said on Friday that talks would continue next month in Vienna.\n"
    )
    spans = find_spans(text)
    assert kind_at(text, spans, "The ministry said on Friday") == "body"
    assert kind_at(text, spans, "This story was updated") == "body"


def test_other_script_lines_are_furniture_only_against_the_main_script() -> None:
    russian = (
        "Рябков: переговоров не будет\n\n"
        "Заместитель министра заявил, что переговоров о контроле над вооружениями не будет.\n"
        "Read more\n"
    )
    spans = find_spans(russian)
    assert kind_at(russian, spans, "Заместитель министра заявил") == "body"
    assert analyse(russian).furniture[-1].reason == "in another script than the article"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuesday 9 July 2024 - 06:04\n\nTitle here\n\nBody text.", "2024-07-09"),
        (
            "Headline words\nMarch 3, 2019\n\nThe minister said nothing new today at all.",
            "2019-03-03",
        ),
        ("Headline words\n\nOn February 21, 2023, Putin announced a decision to suspend it.", None),
        ("Headline\n\n31 February 2020\n\nThe minister said nothing new today at all.", None),
        ("Talks on July, 30th and on August, 1st\n\nThe experts met for two full days.", None),
    ],
)
def test_stated_date_reads_datelines_not_reported_events(text: str, expected: str | None) -> None:
    assert stated_date(text) == expected


def test_text_without_headline_is_named_but_kept_as_body() -> None:
    text = "Subscribe\nThe ministry said on Friday that talks would continue next month.\n"
    layout = analyse(text)
    assert layout.title == "The ministry said on Friday that talks would continue next month."
    assert layout.title_line is None
    spans = layout.spans()
    assert kind_at(text, spans, "The ministry said") == "body"
    assert kind_at(text, spans, "Subscribe") == "furniture"


def test_a_note_like_subheading_mid_article_does_not_cut_it() -> None:
    paragraphs = [
        f"The delegates said on day {n} that the talks on the radar had made progress.\n"
        for n in range(7)
    ]
    text = "Radar talks resume\n" + "".join(paragraphs[:3]) + "More from the summit\n"
    text += "".join(paragraphs[3:])
    spans = find_spans(text)
    last = text.rindex("The delegates said")
    assert not any(s.start <= last < s.end for s in spans)
    assert kind_at(text, spans, "More from the summit") == "furniture"


def test_accented_latin_is_the_article_script_and_cyrillic_ui_is_furniture() -> None:
    text = (
        "Le café de la Défense\n"
        "Войти\n"
        "Le ministère a déclaré lundi que les négociations reprendraient à Genève bientôt.\n"
        "Les délégués étrangers ont salué une décision prudente et très attendue hier soir.\n"
    )
    layout = analyse(text)
    reasons = {text[f.start : f.end]: f.reason for f in layout.furniture}
    assert reasons.get("Войти") == "in another script than the article"
    assert not any(line.startswith(("Le ministère", "Les délégués")) for line in reasons)
    assert analyse(text, layout.title) == layout  # the loader's second call, same answer
