"""The one judge: both entry points agree, containment, denials, aligned details, candidates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from claimdiff.base import lexicon
from claimdiff.base.model import Article, Claim, MatchSettings
from claimdiff.labels.codebook import load_codebook
from claimdiff.match.compare import (
    QUOTE_WORDS,
    TOP_K,
    candidate_pairs,
    compare,
    judge_settings,
    similarity_matrix,
)
from claimdiff.match.contradiction import (
    aligned,
    denial_conflict,
    number_substitution,
    weekday_conflict,
)
from claimdiff.match.judge import (
    PAIR_MODEL_COLUMNS,
    Evidence,
    Judge,
    JudgeSettings,
    Statement,
    contained_extra,
    decide,
)
from claimdiff.match.pairs import judge_pairs
from claimdiff.similarity.semantic import HybridSimilarity

REPO = Path(__file__).resolve().parents[3]

# Sentences in the manner of the dev set's articles (not taken from it): reworded reports,
# detail changes, a quote cut shorter, a denial, look-alikes.
PAIRS = [
    ("Russia suspended the New START treaty.", "Russia extended the New START treaty."),
    ("The talks collapsed on July 10.", "The talks collapsed on July 12."),
    (
        "The treaty limits each side to 1,550 warheads.",
        "The treaty limits each side to 700 warheads.",
    ),
    ("Moscow halted its part in the arms pact.", "Russia halted its role in the arms pact."),
    ("The cat sat on the mat.", "Stocks fell sharply in Tokyo on Monday."),
    (
        '"We will not cut a single guaranteed Medicare benefit," the senator said.',
        '"We will not cut a single guaranteed Medicare benefit, and we never will," the '
        "senator told reporters on Tuesday.",
    ),
    (
        "The House voted on Thursday to approve the spending bill.",
        "The House voted on Wednesday afternoon to approve the spending bill.",
    ),
    (
        "The ministry said the dams near the border were opened on Sunday.",
        "The claim is entirely false, the ministry said, and the border has no dams near it.",
    ),
    ("Twelve Russian officers were charged.", "A dozen Russian officers were charged."),
]


def one_claim_article(article_id: str, text: str) -> tuple[Article, list[Claim]]:
    article = Article(article_id, f"{article_id}.txt", article_id, None, None, "none", text)
    return article, [Claim(f"{article_id}:c0", article_id, text, 0, len(text))]


def compare_relation(a: str, b: str, backend: HybridSimilarity) -> tuple[str, str | None, float]:
    """What ``compare`` makes of two one-claim articles: the relation, type and score."""
    left, lc = one_claim_article("a", a)
    right, rc = one_claim_article("b", b)
    links = compare(left, right, lc, rc, load_codebook(), backend=backend).links
    paired = [link for link in links if link.left and link.right]
    if not paired:
        return "one-sided", None, 0.0
    [link] = paired
    return link.relation, link.conflict_type, link.score


def test_a_comparison_consults_the_pair_model_only_when_given_one() -> None:
    """compare's judge leaves the news pair model out unless a caller passes it."""
    from claimdiff.match.compare import compare_judge
    from claimdiff.match.newspairs import NewsPairModel

    backend = HybridSimilarity()
    assert compare_judge(backend, MatchSettings()).pair_model is None
    model = NewsPairModel()
    assert compare_judge(backend, MatchSettings(), model).pair_model is model


def test_compare_and_pairs_decide_every_pair_alike() -> None:
    """The agreement test: one judge behind both entry points, same settings, same answers."""
    backend = HybridSimilarity()
    settings = judge_settings(MatchSettings())
    left, right = zip(*PAIRS, strict=True)
    # as compare_judge: the comparison's settings, no paraphrase models
    verdicts = judge_pairs(list(left), list(right), backend, settings, classifiers={})
    for (a, b), verdict in zip(PAIRS, verdicts, strict=True):
        relation, kind, score = compare_relation(a, b, backend)
        linked = verdict.relation in ("shared", "conflicting")
        assert relation == (verdict.relation if linked else "one-sided"), (a, b, verdict)
        assert kind == verdict.conflict_type, (a, b)
        if linked:
            assert score == pytest.approx(verdict.score), (a, b)


def test_the_examples_get_the_answers_a_reader_expects() -> None:
    backend = HybridSimilarity()
    left, right = zip(*PAIRS, strict=True)
    settings = judge_settings(MatchSettings())
    verdicts = judge_pairs(list(left), list(right), backend, settings, classifiers={})
    got = [(v.relation, v.conflict_type) for v in verdicts]
    assert got[:3] == [
        ("conflicting", "antonym"),
        ("conflicting", "date"),
        ("conflicting", "number"),
    ]
    assert got[4][0] in ("related", "unrelated")
    assert got[5] == ("shared", None)  # the quote cut shorter; its "never" is extra
    assert got[6] == ("conflicting", "weekday")
    assert got[7] == ("conflicting", "denial")
    assert got[8] == ("shared", None)  # "a dozen" is 12


def test_a_shorter_quote_is_contained_and_its_extra_is_named() -> None:
    short = '"We will not cut a single guaranteed Medicare benefit," he said.'
    longer = '"We will not cut a single guaranteed Medicare benefit, and we never will," he said.'
    assert contained_extra(short, longer) == "and we never will"
    assert contained_extra(short, short) == ""
    # a negation slipped into the shared words is no containment
    assert (
        contained_extra("A man is playing a guitar now.", "A man is not playing a guitar now.")
        is None
    )
    # nor is a changed figure
    assert (
        contained_extra(
            "The treaty limits each side to 1550 warheads.",
            "The treaty limits each side to 700 warheads.",
        )
        is None
    )


def test_no_question_is_not_a_negation_of_what_follows() -> None:
    a = "There is no question that America must win this war, the senator said."
    b = "America must win this war, the senator said."
    [verdict] = judge_pairs([a], [b], HybridSimilarity(), judge_settings(MatchSettings()))
    assert verdict.relation == "shared"


def test_a_denial_needs_the_same_things_named() -> None:
    claim = "Israel opened the dams near the Gaza border on Sunday."
    denial = "Israel denied that it opened any dams near the Gaza border."
    found = denial_conflict(claim, denial)
    assert found is not None and found[0] == "denial" and "'denied'" in found[1]
    assert denial_conflict(claim, "The minister denied reports of a cabinet reshuffle.") is None
    assert denial_conflict(denial, denial) is None  # both deny: no conflict between them


def test_weekdays_and_figures() -> None:
    found = weekday_conflict("They voted on Thursday.", "They voted on Wednesday afternoon.")
    assert found == ("weekday", "different day: left says Thursday, right says Wednesday")
    assert weekday_conflict("They voted on Thursday.", "On Thursday they voted.") is None
    money = number_substitution(
        "The Defense construction budget is $3.5 billion.",
        "The Defense construction budget is about $3.6 billion.",
    )
    assert money is not None and money[0] == "number"
    assert (
        number_substitution("12 officers were charged.", "A dozen officers were charged.") is None
    )
    # two measures of one crater are not one figure disputed
    assert (
        number_substitution("It left a 40-foot crater.", "It left a 16-foot-deep crater.") is None
    )


def test_a_detail_counts_only_where_both_claims_place_it_alike() -> None:
    a = "We reported on Monday that a meteor was the cause of the crater near the airport."
    b = "The rock, from an asteroid that passed close to Earth on Saturday, fell near the airport."
    assert not aligned(a, b, "Monday", "Saturday")
    c = "The House voted on Thursday to approve the spending bill."
    d = "The House voted on Wednesday afternoon to approve the bill."
    assert aligned(c, d, "Thursday", "Wednesday")


class ThreeWay:
    """A pair model with a fixed answer for every pair it reads, standing in for a trained
    three-way model; it records what it was given."""

    def __init__(self, row: Sequence[float]) -> None:
        self.row = np.array(row, dtype=np.float64)
        self.seen: list[str] = []

    def available(self) -> bool:
        return True

    def format(self, text: str, speaker: str | None) -> str:
        shown = f"{speaker or 'the outlet'}: {text}"
        self.seen.append(shown)
        return shown

    def probabilities(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        assert len(left) == len(right)
        return np.tile(self.row, (len(left), 1))


def test_an_injected_pair_model_finds_a_conflict_between_speakers() -> None:
    assert PAIR_MODEL_COLUMNS == ("same", "contradicts", "related")
    model = ThreeWay([0.1, 0.8, 0.1])
    judge = Judge(HybridSimilarity(), JudgeSettings(), pair_model=model)
    left = [Statement("Trump Jr. had contacts with WikiLeaks.", "the Atlantic")]
    right = [Statement("There was no contact with WikiLeaks.", "Mike Pence")]
    (verdict,) = judge.judge(left, right)
    assert verdict.relation == "conflicting"
    assert "P(contradicts) 0.80" in verdict.reason
    assert "the Atlantic against Mike Pence" in verdict.reason
    assert "Mike Pence: There was no contact with WikiLeaks." in model.seen


def test_the_pair_model_reads_only_pairs_it_can_change() -> None:
    """A contained claim is shared whatever the model says, and two claims naming nothing in
    common are no one event: the model is not asked about either (a reading costs ~4 ms)."""
    model = ThreeWay([0.0, 1.0, 0.0])
    judge = Judge(HybridSimilarity(), JudgeSettings(), pair_model=model)
    quote = '"We will not cut a single guaranteed Medicare benefit," the senator said.'
    longer = quote[:-1] + " on Tuesday, adding that the plan lowers drug costs."
    left = [Statement(quote), Statement("The claims in the report are false.")]
    right = [Statement(longer), Statement("McDonald's will stop serving overweight customers.")]
    contained, apart = judge.judge(left, right)
    assert model.seen == []
    assert contained.relation == "shared"
    assert apart.relation != "conflicting"


def test_identical_claims_are_never_a_model_conflict() -> None:
    """The trained model, given one short sentence twice, can answer "contradicts"."""
    model = ThreeWay([0.03, 0.97, 0.0])
    judge = Judge(HybridSimilarity(), JudgeSettings(), pair_model=model)
    same = Statement("Built a huge following.")
    (verdict,) = judge.judge([same], [Statement("built a huge following")])
    assert verdict.relation != "conflicting"


def test_a_model_conflict_states_the_calibrated_confidence(tmp_path: Path) -> None:
    from claimdiff.match.newspairs import CALIBRATION_FILE, read_calibration

    (tmp_path / CALIBRATION_FILE).write_text('{"conflict_rate": 0.6}', encoding="utf-8")
    calibration = read_calibration(tmp_path)
    evidence = Evidence({"lexical": 0.4}, p_contradicts=0.9, calibration=calibration)
    a = Statement("The ministry said the talks would resume on Monday.")
    b = Statement("The ministry denied that the talks would resume on Monday at all.")
    verdict = decide(a, b, evidence, JudgeSettings())
    assert (verdict.relation, verdict.score) == ("conflicting", 0.6)
    assert read_calibration(tmp_path / "none").conflict(0.9) == 0.9  # no file: the model's P


def test_the_shipped_pair_model_is_the_default_and_its_absence_is_told(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from claimdiff.match import judge as judge_module
    from claimdiff.match.newspairs import NEWS_PAIR_MODEL_DIR_VARIABLE, NewsPairModel

    judge_module._shipped_news_pair_model.cache_clear()
    try:
        assert judge_module.pair_model_notice() is None  # nothing asked: nothing loaded
        assert isinstance(judge_module.default_pair_model(), NewsPairModel)
        assert judge_module.pair_model_notice() is None
        judge_module._shipped_news_pair_model.cache_clear()
        monkeypatch.setenv(NEWS_PAIR_MODEL_DIR_VARIABLE, str(tmp_path / "missing"))
        assert judge_module.default_pair_model() is None
        notice = judge_module.pair_model_notice()
        assert notice is not None and "judging pairs by rules only" in notice
    finally:
        judge_module._shipped_news_pair_model.cache_clear()


def test_without_models_the_thresholds_decide() -> None:
    settings = JudgeSettings(shared_threshold=0.6)
    same = decide(Statement("a"), Statement("b"), Evidence({"lexical": 0.7}), settings)
    assert same.relation == "shared"
    other = decide(Statement("a"), Statement("b"), Evidence({"lexical": 0.2}), settings)
    assert other.relation == "unrelated"


def claims_of(article_id: str, sentences: Sequence[str]) -> list[Claim]:
    claims, start = [], 0
    for n, text in enumerate(sentences):
        claims.append(Claim(f"{article_id}:c{n}", article_id, text, start, start + len(text)))
        start += len(text) + 1
    return claims


def test_candidates_include_a_shared_quote_however_far_apart_by_meaning() -> None:
    quote = "we will not cut a single guaranteed benefit"
    left = claims_of("a", [f'The senator said: "{quote.capitalize()}."', "Rain fell all day."])
    right = claims_of("b", ["Markets rose.", "Sunny skies.", f"“{quote}”, she told the crowd."])
    far = np.zeros((2, 3), dtype=np.float32)  # nothing near by meaning
    assert len(quote.split()) >= QUOTE_WORDS
    assert (0, 2) in candidate_pairs(far, left, right, threshold=0.35)


def test_candidates_grow_linearly_with_claims() -> None:
    backend = HybridSimilarity()
    words = [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "zeta",
        "eta",
        "theta",
        "iota",
        "kappa",
        "lambda",
        "mu",
    ]
    counts = []
    for n in (40, 160):
        rng = np.random.default_rng(n)
        texts = [" ".join(rng.choice(words, 8)) + "." for _ in range(n)]
        left, right = claims_of("a", texts), claims_of("b", texts[::-1])
        sim = similarity_matrix(backend, left, right)
        counts.append(len(candidate_pairs(sim, left, right, threshold=0.35)))
    # at most TOP_K each way plus a few event partners per claim, not n * m
    assert counts[1] <= 160 * (2 * TOP_K + 4)
    assert counts[1] / counts[0] < 4 * 1.5


def test_word_lists_have_one_home() -> None:
    """The lists live in resources/lexicon; no module of the judge spells them out again."""
    assert "scarcely" in lexicon.words("negation-always")
    assert ("no", "question") in lexicon.phrases("negation-idioms")
    assert lexicon.number_words()["dozen"] == 12
    # every module of the matching stage, so a module split off later is read too
    modules = sorted((REPO / "claimdiff" / "match").glob("*.py"))
    assert len(modules) > 8
    runs = (r"january\W+february", r"monday\W+tuesday", r"zero\W+one\W+two", r"dont\W+doesnt")
    runs += (r"likely\W+probably", r"without\W+lacks", r"not\W+no\W+never")
    for path in modules:
        source = path.read_text(encoding="utf-8")
        for run in runs:
            assert not re.search(run, source, re.IGNORECASE), (path.name, run)


def test_a_one_sided_claim_says_why_from_the_judges_answer() -> None:
    """No bare similarity above the shared threshold: the reason gives the judge's answer."""
    a_text = "The ministry said the talks on the missile shield would resume in March."
    b_text = "Analysts expect little from the negotiations over missile defence this year."
    left, lc = one_claim_article("a", a_text)
    right, rc = one_claim_article("b", b_text)
    links = compare(left, right, lc, rc, load_codebook(), backend=HybridSimilarity()).links
    assert [link.relation for link in links] == ["left_only", "right_only"]
    for link in links:
        assert link.reason.startswith("no claim of the")
        assert "nearest" in link.reason
        quoted = [float(x) for x in re.findall(r"similarity (\d\.\d+)", link.reason)]
        assert all(q < MatchSettings().shared_threshold for q in quoted)
