"""Position labelling reads sentences: negation, dismissal and contrast, not keyword counts."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from claimdiff.base.model import Claim, Label
from claimdiff.claims.segment import split_sentences
from claimdiff.labels.codebook import Codebook, load_codebook, parse_codebook
from claimdiff.labels.label import label_claims

ROOT = Path(__file__).resolve().parents[3]

KISLYAK = (
    "We see, that no matter what explanation is provided — whether it is created against Iran "
    "or against North Korea — in reality, a global system, which particularly surrounds the "
    "Russian Federation, is being built,"
)
ADMINISTRATION = (
    "As the American administration declares, these measures are necessary for protection of "
    "Europe against possible rocket attacks from Iran and the North Korea."
)


@pytest.fixture(scope="module")
def book() -> Codebook:
    return load_codebook(None)


def seed_dir() -> Path:
    for folder in (ROOT / "seeds", ROOT.parent / "shared" / "seeds"):
        if any(folder.glob("*.txt")):
            return folder
    pytest.skip("no seed articles found")


def seed_text(prefix: str) -> str:
    path = next(seed_dir().glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def claim(text: str, article: str = "t", number: int = 0) -> Claim:
    return Claim(id=f"{article}:c{number}", article_id=article, text=text, start=0, end=len(text))


def labels_of(text: str, book: Codebook) -> dict[str, Label]:
    (labelled,) = label_claims([claim(text)], book)
    return {lab.topic: lab for lab in labelled.labels}


def seed_claim(prefix: str, fragment: str) -> Claim:
    """The seed sentence containing ``fragment``, so the tests run on the real wording."""
    text = seed_text(prefix)
    for span in split_sentences(text):
        sentence = text[span.start : span.end]
        if fragment in sentence:
            start = span.start
            return Claim(
                id=f"{prefix}:x",
                article_id=prefix,
                text=sentence,
                start=start,
                end=start + len(sentence),
            )
    raise AssertionError(f"{fragment!r} is not in seed {prefix}")


def test_dismissed_explanation_gives_way_to_what_is_asserted(book: Codebook) -> None:
    labels = labels_of(KISLYAK, book)
    target = labels["target"]
    assert target.position == "russia"
    assert "Russian Federation" in target.evidence
    assert target.decided_by.startswith("structure:")
    assert "dismissal of 'created against Iran'" in target.decided_by
    assert "contrast 'in reality'" in target.decided_by


def test_dismissal_alone_asserts_nothing(book: Codebook) -> None:
    text = "Washington says the shield is allegedly aimed against Iran."
    assert "target" not in labels_of(text, book)


def test_attributed_claim_keeps_its_position(book: Codebook) -> None:
    target = labels_of(ADMINISTRATION, book)["target"]
    assert target.position == "iran-nk"
    assert "attack" in target.evidence and "Iran" in target.evidence
    assert "As the American administration declares" in target.decided_by


@pytest.mark.parametrize(
    "text",
    [
        "Russia has repeatedly expressed concern over the following NATO decision to create a "
        "ballistic missile defense system in Europe",
        "Iran held elections on Friday.",
        "Russian President Vladimir Putin visited Iran.",
        "North Korea and Russia signed a trade deal with Iran.",
    ],
)
def test_naming_a_country_takes_no_position(text: str, book: Codebook) -> None:
    assert "target" not in labels_of(text, book)


@pytest.mark.parametrize(
    "text",
    [
        # 1987 Reuters sentences on the US-Japan semiconductor pact
        "A MITI official said that while Japan is faithfully abiding by the agreement, problems "
        "remain in halting the sale of microchips.",
        "He said the tariffs would remain in force until Japan abided by the agreement.",
        "Reagan said there were recent signs Japan was beginning to adhere to the pact on "
        "semiconductor prices.",
        "Tokyo said its chip makers were in full compliance with the trade accord.",
    ],
)
def test_a_trade_pact_is_not_an_arms_control_treaty(text: str, book: Codebook) -> None:
    assert "treaties" not in labels_of(text, book)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("Moscow said it would abide by the agreement on intermediate nuclear forces.", "upheld"),
        ("The Soviets said Washington violated the accord by testing SDI in space.", "abandoned"),
        ("Both sides said they remain in full compliance with the treaty.", "upheld"),
    ],
)
def test_the_same_words_about_arms_control_keep_their_treaty_label(
    text: str, position: str, book: Codebook
) -> None:
    assert labels_of(text, book)["treaties"].position == position


def test_negated_target_is_not_that_target(book: Codebook) -> None:
    target = labels_of("The system is not aimed at Russia, US officials said.", book).get("target")
    assert target is None or target.position != "russia"


@pytest.mark.parametrize(
    ("text", "topic", "position", "negator"),
    [
        (
            "I do not see an immediate possibility for reaching an agreement",
            "talks",
            "bleak",
            "not",
        ),
        ("There is no prospect of a breakthrough in the Geneva talks.", "talks", "bleak", "no"),
        ("The two sides cannot hold dialogue on arms control.", "talks", "bleak", "cannot"),
        (
            "Moscow said the New START treaty will never be restored.",
            "treaties",
            "abandoned",
            "never",
        ),
        ("Washington did not withdraw from the INF treaty.", "treaties", "upheld", "not"),
    ],
)
def test_negation_flips_the_cue(
    text: str, topic: str, position: str, negator: str, book: Codebook
) -> None:
    label = labels_of(text, book)[topic]
    assert label.position == position
    assert "negation" in label.decided_by or "cue" in label.decided_by
    assert negator in label.evidence


def test_without_only_cancels(book: Codebook) -> None:
    """Regression test for "suspend ... without withdrawing": "without" is not "upheld"."""
    text = "Moscow kept the treaty in place without withdrawing from the agreement."
    labels = labels_of(text, book)
    assert labels.get("treaties") is None or labels["treaties"].position != "abandoned"


def test_double_negation_is_weaker_than_a_plain_cue(book: Codebook) -> None:
    plain = labels_of("There will be mutual interest to discuss these topics.", book)
    hedged = labels_of("I do not rule out that there will be mutual interest.", book)
    assert plain["talks"].position == "hopeful"
    assert "talks" not in hedged or hedged["talks"].score < plain["talks"].score


@pytest.mark.parametrize(
    ("prefix", "fragment", "topic", "position"),
    [
        ("000", "Any immediate possibility for Russia and the United States", "talks", "bleak"),
        ("000", "missile defense cooperation between Moscow and Washington", "talks", "bleak"),
        (
            "002",
            "In a nutshell, I do not think that there are any prospects",
            "treaties",
            "abandoned",
        ),
        ("002", "the extension of the Treaty on Measures", "treaties", "upheld"),
        ("002", "joint decision on extending the treaty", "treaties", "upheld"),
        ("002", "which expired in 2019 can't be restored", "treaties", "abandoned"),
        (
            "003",
            "decision to suspend Russia’s participation in New START without",
            "treaties",
            "abandoned",
        ),
        ("003", "Putin signed a law suspending", "treaties", "abandoned"),
        (
            "003",
            "this agreement had been suspended but the Russian side is observing",
            "treaties",
            "upheld",
        ),
        ("003", "Moscow cannot hold dialogue on arms control", "talks", "bleak"),
        ("004", "It has expressed hope that meetings and discussion", "talks", "hopeful"),
        ("004", "threaten the Russian forces of nuclear restraint", "target", "russia"),
        ("004", "these measures are necessary for protection of Europe", "target", "iran-nk"),
        ("004", "suspended the participation in the Contract", "treaties", "abandoned"),
        ("001", "There is not likely to be major progress", "talks", "bleak"),
        ("001", "However I cannot say that there are signs of a breakthrough", "talks", "bleak"),
        (
            "001",
            "States outside the Euro-Atlantic zone acquiring nuclear missiles",
            "target",
            "iran-nk",
        ),
        ("001", "are engaged in dialogue on missile defense", "talks", "hopeful"),
        ("000", "no matter what explanation is provided", "target", "russia"),
        (
            "000",
            "Anti-Ballistic Missile Treaty was signed by",
            "treaties",
            "abandoned",
        ),
    ],
)
def test_seed_sentences(
    prefix: str, fragment: str, topic: str, position: str, book: Codebook
) -> None:
    (labelled,) = label_claims([seed_claim(prefix, fragment)], book)
    label = labelled.label_for(topic)
    assert label is not None, labelled.text
    assert label.position == position, label
    assert label.score >= book.label_threshold
    assert label.evidence and label.evidence in labelled.text


def test_contrast_lets_the_later_side_win(book: Codebook) -> None:
    text = "The ABM treaty was signed in 1972, but in 2001 Washington withdrew from the treaty."
    label = labels_of(text, book)["treaties"]
    assert label.position == "abandoned"
    assert "contrast 'but'" in label.decided_by


def seed_claims() -> list[Claim]:
    claims = []
    for path in sorted(seed_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for number, span in enumerate(split_sentences(text)):
            sentence = text[span.start : span.end]
            if len(sentence.split()) >= 4:
                claims.append(claim(sentence, path.name[:3], number))
    return claims


def test_every_seed_label_is_well_formed_and_one_per_topic(book: Codebook) -> None:
    labelled = label_claims(seed_claims(), book)
    assert sum(bool(c.labels) for c in labelled) >= 25
    for item in labelled:
        topics = [lab.topic for lab in item.labels]
        assert len(topics) == len(set(topics)), item.labels
        for lab in item.labels:
            assert 0.5 <= lab.score <= 1.0
            assert lab.evidence in item.text
            assert lab.decided_by.split(":")[0].split(";")[0] in {
                "cue",
                "exemplar",
                "cue+exemplar",
                "structure",
            }
            book.position(lab.topic, lab.position)


def test_labels_keep_the_other_claim_fields(book: Codebook) -> None:
    original = Claim(
        id="x:c1",
        article_id="x",
        text=ADMINISTRATION,
        start=5,
        end=5 + len(ADMINISTRATION),
        speaker="the American administration",
        negated=True,
        cues=("not",),
    )
    (labelled,) = label_claims([original], book)
    assert labelled.labels
    assert (labelled.id, labelled.start, labelled.speaker, labelled.cues) == (
        "x:c1",
        5,
        "the American administration",
        ("not",),
    )
    assert label_claims([], book) == ()


class SilentBackend:
    """A similarity backend that finds nothing alike: cues and structure must still decide."""

    name = "silent"

    def matrix(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        return np.zeros((len(left), len(right)), dtype=np.float32)


def test_exemplars_are_one_signal_not_the_only_one(book: Codebook) -> None:
    (labelled,) = label_claims([claim(KISLYAK)], book, backend=SilentBackend())
    label = labelled.label_for("target")
    assert label is not None and label.position == "russia"


FUNDING = """\
name: Funding
topics:
  - id: funding
    positions:
      - id: more
        opposes: [less]
        exemplars:
          - Congress voted to increase funding for the missile defence programme.
          - The Senate approved a larger budget for interceptors this year.
      - id: less
        exemplars:
          - Lawmakers cut the missile defence budget by a third.
          - The administration slashed spending on space-based interceptors.
"""


def test_exemplar_paraphrase_labels_without_any_cue() -> None:
    book = parse_codebook(FUNDING.encode(), "funding.yaml")
    text = "Congress voted to increase the funding of the missile defence programme."
    (labelled,) = label_claims([claim(text)], book)
    label = labelled.label_for("funding")
    assert label is not None
    assert label.position == "more"
    assert label.decided_by.startswith("exemplar; nearest exemplar 'Congress voted")
    assert label.evidence in text
    unrelated = "The weather in Geneva was cold and wet all week."
    assert label_claims([claim(unrelated)], book)[0].labels == ()


def test_negated_paraphrase_takes_the_opposite_position() -> None:
    book = parse_codebook(FUNDING.encode(), "funding.yaml")
    text = "Congress never voted to increase funding for the missile defence programme."
    label = label_claims([claim(text)], book)[0].label_for("funding")
    assert label is not None and label.position == "less"
    assert "negation 'never'" in label.decided_by


def test_counterexample_nearer_than_every_exemplar_blocks_the_label() -> None:
    text = "Congress voted to increase the funding of the missile defence programme."
    book = parse_codebook(FUNDING.encode(), "funding.yaml")
    assert label_claims([claim(text)], book)[0].label_for("funding") is not None
    counter = FUNDING.replace(
        "          - The Senate approved a larger budget for interceptors this year.\n",
        "          - The Senate approved a larger budget for interceptors this year.\n"
        "        counterexamples:\n"
        "          - Congress voted to increase the funding of the missile defence programme.\n",
    )
    refused = parse_codebook(counter.encode(), "funding.yaml")
    assert refused.position("funding", "more").counterexamples
    assert label_claims([claim(text)], refused)[0].label_for("funding") is None
    # A counterexample far from the claim changes nothing.
    distant = counter.replace(
        "          - Congress voted to increase the funding of the missile defence programme.\n",
        "          - The weather in Geneva was cold and wet all week.\n",
    )
    kept = parse_codebook(distant.encode(), "funding.yaml")
    label = label_claims([claim(text)], kept)[0].label_for("funding")
    assert label is not None and label.position == "more"


def test_standout_threshold_is_the_codebooks_to_move() -> None:
    text = "Congress voted to increase the funding of the missile defence programme."
    strict = FUNDING.replace("topics:", "thresholds:\n  standout: 0.99\ntopics:", 1)
    book = parse_codebook(strict.encode(), "funding.yaml")
    assert book.standout_threshold == 0.99
    assert label_claims([claim(text)], book)[0].label_for("funding") is None


def test_negated_exemplar_against_a_plain_sentence_names_the_exemplars_negator() -> None:
    negated = FUNDING.replace(
        "Lawmakers cut the missile defence budget by a third.",
        "Congress never voted to increase funding for the missile defence programme.",
    ).replace(
        "          - Congress voted to increase funding for the missile defence programme.\n", ""
    )
    book = parse_codebook(negated.encode(), "funding.yaml")
    text = "Congress voted to increase funding for the missile defence programme."
    label = label_claims([claim(text)], book)[0].label_for("funding")
    assert label is not None and label.position == "more"
    assert "'never' in the exemplar" in label.decided_by


def test_a_clause_conceded_before_but_keeps_no_label_of_its_own(book: Codebook) -> None:
    """Cut into clauses, "signed in 1972 but ... decided to withdraw" must not give the first
    clause "upheld": read over its sentence, it is conceded to what follows "but"."""
    from claimdiff.base.model import Article
    from claimdiff.claims.claims import extract_claims

    text = (
        "The Anti-Ballistic Missile Treaty was signed by the United States and the Soviet "
        "Union in 1972 but in 2001 then-US President George Bush decided to withdraw from "
        "the agreement."
    )
    article = Article("t", "t.txt", "", None, None, "none", text)
    claims = label_claims(extract_claims(article), book)
    assert len(claims) == 2, [c.text for c in claims]
    first, second = claims
    assert first.label_for("treaties") is None
    label = second.label_for("treaties")
    assert label is not None and label.position == "abandoned"
    assert "contrast 'but'" in label.decided_by
