"""extract_claims on the seed articles and on crafted text: which sentences count, and what
each claim carries (speaker, quote, negation and hedging cues, entities)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff.base.model import Article, Claim, Span, make_claim_id, split_claim_id
from claimdiff.claims.claims import extract_claims, is_claim
from claimdiff.claims.cues import find_cues
from claimdiff.claims.entities import capitalised_vocabulary, entity_names, find_mentions
from claimdiff.ingest.load import load_article
from claimdiff.ingest.seeds import sample_pair

# Per seed: the headline, and how the page-furniture lines begin (as a loader would mark them).
SEEDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "000": (
        "Russian Envoy to US Comments on Possible US-Russia Missile Defense Deal",
        (
            "©",
            "Speaking in Washington",
            "Subscribe",
            "Soldiers take part",
            "No Reason to Return",
            "Newsfeed",
            "0",
            "To participate",
            "log in",
            "loader",
            "Chats",
            "Заголовок",
        ),
    ),
    "001": ("Russia Stands by Position on Missile Defense", ("Jump to", "Note to our", "GSN")),
    "002": ("Foreign Ministry: Russia has no illusions about relations with U.S.", ()),
    "003": ("Russia Rules Out Even Tentative Talks with US on Arms Control", ("Tuesday",)),
    "004": ("Russia and the USA have discussed cooperation in ABM sphere", ("Rus News",)),
}


def seed_article(seeds_dir: Path, key: str) -> Article:
    title, furniture = SEEDS[key]
    text = next(seeds_dir.glob(f"{key}_*.txt")).read_text(encoding="utf-8")
    spans = []
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        start = position + line.index(stripped) if stripped else position
        if stripped == title and not any(s.kind == "title" for s in spans):
            spans.append(Span(start, start + len(stripped), "title"))
        elif stripped and stripped.startswith(furniture):
            spans.append(Span(start, start + len(stripped), "furniture"))
        position += len(line)
    return Article(key, f"{key}.txt", title, None, None, "none", text, tuple(spans))


def article(text: str, spans: tuple[Span, ...] = (), title: str = "") -> Article:
    return Article("t", "t.txt", title, None, None, "none", text, spans)


def claim_starting(claims: tuple[Claim, ...], prefix: str) -> Claim:
    found = [c for c in claims if c.text.startswith(prefix)]
    assert len(found) == 1, f"{len(found)} claims start with {prefix!r}"
    return found[0]


@pytest.fixture(scope="module")
def seed_claims(seeds_dir: Path) -> dict[str, tuple[Claim, ...]]:
    return {key: extract_claims(seed_article(seeds_dir, key)) for key in SEEDS}


def test_every_claim_of_every_seed_round_trips(
    seeds_dir: Path, seed_claims: dict[str, tuple[Claim, ...]]
) -> None:
    for key, claims in seed_claims.items():
        source = seed_article(seeds_dir, key)
        assert len(claims) >= 10, key
        for number, claim in enumerate(claims, start=1):
            assert source.text[claim.start : claim.end] == claim.text
            assert claim.id == f"{key}:c{number}"
            assert claim.article_id == key
            assert source.is_body(claim.start, claim.end)
            assert claim.labels == ()
        assert [c.start for c in claims] == sorted(c.start for c in claims)


def test_seed_000_speakers_quotes_negation_and_entities(
    seed_claims: dict[str, tuple[Claim, ...]],
) -> None:
    claims = seed_claims["000"]
    first = claims[0]
    assert first.text.startswith("Any immediate possibility")
    assert first.text.endswith("Sergey Kislyak said on the eve of Diplomats’ Day.")
    assert (first.speaker, first.negated) == ("Sergey Kislyak", True)

    we_see = claim_starting(claims, '"We see, that no matter what explanation is provided')
    assert (we_see.speaker, we_see.quote) == ("Sergey Kislyak", True)
    assert {"Iran", "North Korea", "Russia"} <= set(we_see.entities)  # "Russian Federation"

    noted = claim_starting(claims, "Kislyak noted Russia has been")
    assert (noted.speaker, noted.quote, noted.negated) == ("Sergey Kislyak", False, True)

    added = claim_starting(claims, "Moreover, the Russian ambassador added")
    assert added.speaker == "Sergey Kislyak"

    # The dateline "WASHINGTON (Sputnik) — " is not part of the claim nor of its context.
    ryabkov = claim_starting(claims, "Russian Deputy Foreign Minister Sergey Ryabkov said earlier")
    assert (ryabkov.speaker, ryabkov.hedged) == ("Sergey Ryabkov", True)
    assert ryabkov.sentence_start == ryabkov.start
    assert "unlikely" in ryabkov.cues

    # "X was signed ..., but in 2001 ... Bush decided to withdraw": two claims, one sentence.
    treaty = claim_starting(claims, "The Anti-Ballistic Missile Treaty was signed")
    withdrew = claim_starting(claims, "but\xa0in 2001")
    assert treaty.speaker is None and withdrew.speaker is None
    assert {"Anti-Ballistic Missile Treaty", "Soviet Union"} <= set(treaty.entities)
    assert "George Bush" in withdrew.entities
    assert "President George Bush" not in withdrew.entities
    assert treaty.sentence_start == treaty.start and withdrew.sentence_end == withdrew.end
    assert (treaty.sentence_end, withdrew.sentence_start) == (withdrew.end, treaty.start)


def test_seed_000_furniture_and_subheadline_are_not_claims(
    seed_claims: dict[str, tuple[Claim, ...]],
) -> None:
    texts = [c.text for c in seed_claims["000"]]
    assert not any(t.startswith(("Soldiers", "Speaking", "No Reason", "©")) for t in texts)


def test_seed_001_envoy_and_alliance_official(seed_claims: dict[str, tuple[Claim, ...]]) -> None:
    claims = seed_claims["001"]
    breakthrough = claim_starting(claims, '"However I cannot say that there are signs')
    assert (breakthrough.speaker, breakthrough.negated) == ("Sergei Kislyak", True)
    assert "cannot" in breakthrough.cues
    assert claim_starting(claims, '"Frankly speaking').speaker == "Sergei Kislyak"
    progress = claim_starting(claims, "There is not likely to be major progress")
    assert (progress.speaker, progress.hedged, progress.negated) == ("Sergei Kislyak", True, True)
    auroy = claim_starting(claims, '"NATO sees Russia as a partner')
    assert (auroy.speaker, auroy.quote) == ("Patrick Auroy", True)
    assert claim_starting(claims, '"The threat comes from').speaker == "Patrick Auroy"
    makarov = claim_starting(claims, "“Gen. Nikolai Makarov will pay")
    assert "Nikolai Makarov" in makarov.entities
    assert claim_starting(claims, "“He will hold talks").speaker == makarov.speaker


def test_seed_002_ryabkov_throughout(seed_claims: dict[str, tuple[Claim, ...]]) -> None:
    claims = seed_claims["002"]
    inf = claim_starting(claims, '"In a nutshell, I do not think that there are any prospects')
    assert (inf.speaker, inf.quote, inf.negated) == ("Sergei Ryabkov", True, True)
    assert claim_starting(claims, '"If the U.S., as it reviews').speaker == "Sergei Ryabkov"
    assert claim_starting(claims, "According to him").speaker == "Sergei Ryabkov"
    assert claim_starting(claims, "Ryabkov also commented").speaker is None
    assert not any(c.text.startswith("Foreign Ministry:") for c in claims)
    treaty = claim_starting(claims, "Ryabkov noted that the extension")
    assert (
        "Treaty on Measures for the Further Reduction and Limitation of Strategic Offensive Arms"
        in treaty.entities
    )


def test_seed_003_quote_goes_to_the_deputy_minister_named_before(
    seed_claims: dict[str, tuple[Claim, ...]],
) -> None:
    claims = seed_claims["003"]
    probably = claim_starting(claims, '"Probably, the Americans would like')
    assert (probably.speaker, probably.hedged) == ("Ryabkov", True)
    assert claim_starting(claims, "The president stressed").speaker == "Vladimir Putin"
    assert claim_starting(claims, "Now, according to Putin").speaker == "Vladimir Putin"
    not_only = claim_starting(claims, "Now, according to Putin")
    assert "not" not in not_only.cues  # "not only ... but" is no negation


def test_seed_004_machine_translated_attributions(
    seed_claims: dict[str, tuple[Claim, ...]],
) -> None:
    claims = seed_claims["004"]
    declares = claim_starting(claims, "As the American administration declares")
    assert declares.speaker is not None and "administration" in declares.speaker
    assert {"Iran", "North Korea", "Europe"} <= set(declares.entities)
    assert claim_starting(claims, "T.Kejsi has informed").speaker == "T.Kejsi"
    assert claim_starting(claims, "It has expressed hope").speaker == "T.Kejsi"
    casey = claim_starting(claims, "according to the representative of State department")
    assert casey.speaker is not None and "Casey" in casey.speaker
    assert claim_starting(claims, "V.Putin has explained").speaker == "Vladimir Putin"
    assert claim_starting(claims, "It is the extremely important").speaker == "Vladimir Putin"
    assert claim_starting(claims, "T.Kejsi has added").cues == ("presumably",)


def test_furniture_span_is_skipped_and_ids_stay_consecutive() -> None:
    text = (
        "The envoy said on Monday that talks would resume in September.\n"
        "Subscribe to our newsletter to read more stories like this one.\n"
        "Experts from both countries will meet again in Geneva next month."
    )
    furniture_start = text.index("Subscribe")
    furniture = Span(furniture_start, text.index("\n", furniture_start), "furniture")
    claims = extract_claims(article(text, (furniture,)))
    assert [c.text[:10] for c in claims] == ["The envoy ", "Experts fr"]
    assert [c.id for c in claims] == ["t:c1", "t:c2"]
    assert claims[0].speaker == "envoy"


def test_questions_fragments_headlines_and_bylines_are_not_claims() -> None:
    text = (
        "Envoy Says Missile Talks Have Stalled Again This Week\n\n"
        "By John Smith\n\n"
        "Will the talks resume in Geneva next week?\n\n"
        "Talks stalled.\n\n"
        "The ambassador said on Thursday that talks on missile defense had stalled."
    )
    claims = extract_claims(article(text, title="Envoy Says Missile Talks Have Stalled Again"))
    assert [c.text for c in claims] == [
        "The ambassador said on Thursday that talks on missile defense had stalled."
    ]


def test_a_repeated_headline_is_not_a_claim() -> None:
    title = "Foreign Ministry: Russia has no illusions about relations with U.S."
    text = f"{title}\n\n{title}\n\nMoscow has no illusions about a breakthrough, the minister said."
    claims = extract_claims(article(text, title=title))
    assert [c.text[:6] for c in claims] == ["Moscow"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ministry said talks would go on in Geneva.", True),
        ("Moscow rejects the proposal for talks on missile defense in Europe", True),
        ("Russia Rules Out Even Tentative Talks with US on Arms Control", False),
        ("Jump to search Jump to main navigation Jump to main content", False),
        ("Flag of Russia", False),
        ("Is the treaty dead after all these years?", False),
        ("© RIA Novosti . Maria Young said it was built in 2015.", False),
        ("By the end of the year, NATO will deploy the system.", True),
    ],
)
def test_is_claim(sentence: str, expected: bool) -> None:
    assert is_claim(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "negation", "hedging"),
    [
        ("I certainly do not rule out talks.", ("not", "rule out"), ()),
        ("We don’t know and won't say.", ("don't", "won't"), ()),
        ("There is not likely to be major progress.", ("not likely",), ("not likely",)),
        ("Cooperation is highly unlikely.", (), ("unlikely",)),
        ("Not only is the US producing missiles, it deploys them.", (), ()),
        ("No matter what is said, it might work.", (), ("might",)),
        ("In May 2020 the sides may meet, reportedly in Geneva.", (), ("may", "reportedly")),
        ("Neither side can no longer wait.", ("neither", "no longer"), ()),
    ],
)
def test_cues(sentence: str, negation: tuple[str, ...], hedging: tuple[str, ...]) -> None:
    cues = find_cues(sentence)
    assert (cues.negation, cues.hedging) == (negation, hedging)
    assert cues.negated is bool(negation)
    assert cues.hedged is bool(hedging)


def test_entities_split_places_from_people_and_strip_titles() -> None:
    sentence = (
        "Talks stalled, Russian Ambassador to the United States Sergey Kislyak said, "
        "and then-US President George Bush met Gen. Martin E. Dempsey in Lisbon."
    )
    mentions = find_mentions(sentence, frozenset())
    kinds = {m.text: m.kind for m in mentions}
    assert kinds == {
        "United States": "place",
        "Sergey Kislyak": "person",
        "US": "place",
        "George Bush": "person",
        "Martin E. Dempsey": "person",
        "Lisbon": "place",
    }
    for mention in mentions:
        assert sentence[mention.start : mention.end] == mention.text


def test_sentence_initial_words_count_only_when_used_as_names_elsewhere() -> None:
    text = "Soldiers take part in an exercise. Kislyak noted the risk. The envoy, Kislyak, left."
    known = capitalised_vocabulary(text)
    assert entity_names(find_mentions("Soldiers take part in an exercise.", known)) == ()
    assert entity_names(find_mentions("Kislyak noted the risk.", known)) == ("Kislyak",)
    shouted = find_mentions("WASHINGTON (Sputnik) — Moscow's envoy spoke.", known)
    assert entity_names(shouted) == ("Washington", "Sputnik", "Moscow")


def test_an_empty_article_has_no_claims() -> None:
    assert extract_claims(article("")) == ()
    assert extract_claims(article("\n\n  \n")) == ()


def test_contracted_and_irregular_verbs_make_claims() -> None:
    text = (
        "Vice President Biden won't attend the Netanyahu speech.\n\n"
        '"It\'s destructive to the fabric of the relationship," Rice said Tuesday.\n\n'
        '"I understand that mistrust," Holder said.\n\n'
        "The envoy took the train.\n\n"
        "Cold War memory gap.\n\n"
        "Let's be clear.\n\n"
        "Why did the talks fail?"
    )
    claims = extract_claims(article(text))
    assert [c.text[:14] for c in claims] == [
        "Vice President",
        "\"It's destruct",
        '"I understand ',
        "The envoy took",
    ]


def test_a_denial_and_an_admission_are_two_claims_with_one_sentence_and_speaker() -> None:
    text = (
        "Weiner emphatically denied on Wednesday that he had sent a suggestive photograph "
        "but said he could not be sure that he is not the person in the image."
    )
    denied, said = extract_claims(article(text))
    assert denied.text == (
        "Weiner emphatically denied on Wednesday that he had sent a suggestive photograph"
    )
    assert said.text == "but said he could not be sure that he is not the person in the image."
    for claim in (denied, said):
        assert (claim.sentence_start, claim.sentence_end) == (0, len(text))
        assert text[claim.start : claim.end] == claim.text
    assert said.negated and not denied.negated
    assert denied.speaker == said.speaker


def test_clauses_joined_by_a_semicolon_or_a_contrast_are_separate_claims() -> None:
    text = (
        "The ministry confirmed the talks; the embassy declined to comment.\n\n"
        "Madrid estimates that it needs to import 1.7 mln tonnes of maize this year, while an "
        "EC-U.S. accord guarantees sales of two mln tonnes."
    )
    claims = extract_claims(article(text))
    assert [c.text for c in claims] == [
        "The ministry confirmed the talks",
        "the embassy declined to comment.",
        "Madrid estimates that it needs to import 1.7 mln tonnes of maize this year",
        "while an EC-U.S. accord guarantees sales of two mln tonnes.",
    ]


def test_a_quotation_of_several_sentences_gives_each_its_speaker() -> None:
    text = (
        'The senator spoke on Monday. "They want to cut $700 billion from Medicare. '
        'They will pay for Obamacare with it," Rubio said.'
    )
    claims = extract_claims(article(text))
    assert [c.text[:12] for c in claims] == ["The senator ", '"They want t', "They will pa"]
    assert claims[1].speaker == claims[2].speaker == "Rubio"


def test_an_article_without_a_headline_keeps_its_first_sentence_as_a_claim(
    tmp_path: Path,
) -> None:
    text = (
        "Macaulay Culkin is not dead, his representatives said in a statement on Thursday.\n\n"
        "The rumor started when a page was made to memorialize the actor.\n"
    )
    path = tmp_path / "body.txt"
    path.write_text(text, encoding="utf-8")
    loaded = load_article(str(path))
    assert loaded.title.startswith("Macaulay Culkin is not dead")  # named after it ...
    claims = extract_claims(loaded)
    assert [c.text[:15] for c in claims] == ["Macaulay Culkin", "The rumor start"]  # ... kept


def test_claim_ids_are_made_and_read_by_one_pair_of_functions() -> None:
    article = load_article(sample_pair()[0])
    claims = extract_claims(article)
    assert [split_claim_id(c.id) for c in claims] == [
        (article.id, n) for n in range(1, len(claims) + 1)
    ]
    assert make_claim_id("a:b~right", 12) == "a:b~right:c12"
    assert split_claim_id("a:b~right:c12") == ("a:b~right", 12)
