"""Batch pair scoring: relations, conflict types, table handling and the CLI subcommand."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff.claims.stems import stem
from claimdiff.cli.cli import main
from claimdiff.match.contradiction import (
    antonym_conflict,
    figures_by_unit,
    find_contradiction,
    name_substitution,
    number_substitution,
    only_difference,
)
from claimdiff.match.negation import negated_heads, negation_parity_flip, negations
from claimdiff.match.pairs import DETAIL_MODES, PairSettings, judge_pairs, load_classifiers
from claimdiff.similarity.semantic import HybridSimilarity
from claimdiff.similarity.similarity import LexicalSimilarity

PAIRS = [
    ("Russia suspended the New START treaty.", "Russia extended the New START treaty."),
    ("A man is playing a guitar.", "Nobody is playing a guitar."),
    ("The talks collapsed on July 10.", "The talks collapsed on July 12."),
    (
        "The treaty limits each side to 1,550 warheads.",
        "The treaty limits each side to 700 warheads.",
    ),
    ("Moscow halted its part in the arms pact.", "Russia halted its role in the arms pact."),
    ("The cat sat on the mat.", "Stocks fell sharply in Tokyo on Monday."),
]


def test_relations_and_conflict_types() -> None:
    left, right = zip(*PAIRS, strict=True)
    verdicts = judge_pairs(list(left), list(right), HybridSimilarity())
    got = [(v.relation, v.conflict_type) for v in verdicts]
    assert got == [
        ("conflicting", "antonym"),
        ("conflicting", "negation"),
        ("conflicting", "date"),
        ("conflicting", "number"),
        ("shared", None),
        ("unrelated", None),
    ]
    assert all(v.reason for v in verdicts)


def test_antonyms_need_one_side_each() -> None:
    assert antonym_conflict("Sales will increase.", "Sales will decrease.") is not None
    assert antonym_conflict("Sales may increase or decrease.", "Sales will decrease.") is None
    assert find_contradiction("The ban was lifted.", "The ban was lifted.") is None


def test_lexical_backend_misses_the_reworded_pair() -> None:
    a, b = PAIRS[4]
    [lexical] = judge_pairs([a], [b], LexicalSimilarity())
    [hybrid] = judge_pairs([a], [b], HybridSimilarity())
    assert hybrid.score > lexical.score


def test_cli_pairs_tsv_with_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "pairs.tsv"
    rows = ["id\tA\tB"] + [f"{k}\t{a}\t{b}" for k, (a, b) in enumerate(PAIRS)]
    source.write_text("\ufeff" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.tsv"
    assert main(["pairs", str(source), "--left", "A", "--right", "B", "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["id", "A", "B", "relation", "score", "conflict_type", "reason"]
    assert [line.split("\t")[3] for line in lines[1:]][:2] == ["conflicting", "conflicting"]
    assert len(lines) == len(PAIRS) + 1


def test_cli_pairs_csv_with_quotes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "pairs.csv"
    source.write_text('a,b\n"He said ""yes"", then left.","He said ""no"", then left."\n', "utf-8")
    assert main(["pairs", str(source), "--left", "a", "--right", "b"]) == 0
    output = capsys.readouterr().out.splitlines()
    assert output[1].startswith('"He said ""yes"", then left."')
    assert ",conflicting," in output[1]


def test_cli_pairs_bad_column_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "pairs.csv"
    source.write_text("a,b\nx,y\n", encoding="utf-8")
    assert main(["pairs", str(source), "--left", "a", "--right", "nope"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no column 'nope'" in err


def test_cli_pairs_missing_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pairs", str(tmp_path / "none.csv"), "--left", "a", "--right", "b"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_shipped_classifier_is_used_and_its_absence_falls_back_to_rules(tmp_path: Path) -> None:
    shipped = load_classifiers()
    assert set(shipped) == {"lexical", "semantic"}
    assert shipped["semantic"].features[0] == "semantic"
    a, b = PAIRS[4]
    [learned] = judge_pairs([a], [b], HybridSimilarity())
    assert "P(same claim)" in learned.reason
    assert load_classifiers(tmp_path / "none.json") == {}
    [rules] = judge_pairs([a], [b], HybridSimilarity(), classifiers={})
    assert "P(same claim)" not in rules.reason


def test_details_off_keeps_only_meaning_reversals() -> None:
    left, right = zip(*PAIRS[:4], strict=True)
    verdicts = judge_pairs(list(left), list(right), HybridSimilarity(), PairSettings(details=False))
    assert [v.conflict_type for v in verdicts[:2]] == ["antonym", "negation"]
    assert all(v.relation != "conflicting" for v in verdicts[2:])


def test_reordered_sentence_keeping_its_negation_is_not_a_flip() -> None:
    a = '"The marriage was not set up by force," said Vasile Ionescu.'
    b = 'Vasile Ionescu said: "The marriage was not set up by force.'
    assert find_contradiction(a, b) is None
    assert (
        name_substitution("Retailers JCP and WAG report.", "Retailers JCP.N and WAG.N report.")
        is None
    )
    assert name_substitution("Putin met Merkel.", "Putin met Macron.") is not None


def test_cli_ignore_details_turns_a_number_difference_into_no_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "pairs.csv"
    a, b = PAIRS[3]
    source.write_text(f"a,b\n{a.replace(',', '')},{b}\n", encoding="utf-8")
    assert main(["pairs", str(source), "--left", "a", "--right", "b"]) == 0
    assert ",conflicting,0" in capsys.readouterr().out
    args = ["pairs", str(source), "--left", "a", "--right", "b", "--ignore-details"]
    assert main(args) == 0
    assert ",conflicting," not in capsys.readouterr().out


def test_rounded_or_respelled_figures_are_not_number_conflicts() -> None:
    assert number_substitution("The toll rose to 770.", "The toll rose to 767.") is None
    assert number_substitution("About 300 were held.", "Some 296 were held.") is None
    assert number_substitution("It will earn $1.4bn by 2005.", "It will earn $1.4 billion.") is None
    found = number_substitution("HCA dropped $2.21 to $36.14.", "HCA dropped $1.21 to $37.14.")
    assert found is not None and found[0] == "number"


def test_figures_of_one_unit_differ_even_when_the_clause_moved() -> None:
    a = "The strike ended after 12 days, the union said."
    b = "The union said the strike had ended after 19 days of talks."
    assert number_substitution(a, b) == ("number", "different number: left says 12, right says 19")
    assert figures_by_unit(b) == {"day": [(19.0, "19")]}
    # the same figure moved, or a rounding: no difference
    assert number_substitution(a, "The union said the strike had ended after 12 days.") is None
    assert number_substitution("It lasted 296 days.", "After about 300 days it ended.") is None
    assert figures_by_unit("It cost 12 lives in 19 days.").keys() == {"live", "day"}


def test_a_day_written_apart_from_its_month_is_a_date_not_a_figure() -> None:
    # the diff puts "the 11th" and "11" in one stretch, away from "September"
    a = "That failure contributed to September the 11th and continues, Graham said."
    b = "That failure contributed to September 11 and continues, said Graham."
    assert number_substitution(a, b) is None
    found = number_substitution("Sales rose 11 percent in May.", "Sales rose 12 percent in May.")
    assert found == ("number", "different number: left says 11, right says 12")


def test_titles_acronyms_and_respellings_are_not_name_conflicts() -> None:
    assert name_substitution("Israeli leader Ariel Sharon said.", "Mr Sharon said.") is None
    assert (
        name_substitution(
            "said Dr. Fleming of the Centers for Disease Control.", "said Dr. Fleming of the CDC."
        )
        is None
    )
    assert name_substitution("Muqtada al-Sadr spoke.", "Moqtada al-Sadr spoke.") is None


def test_detail_conflict_needs_the_same_claim() -> None:
    """A different figure in an unrelated sentence is not a conflict, just unrelated."""
    a, b = "The treaty limits each side to 1,550 warheads.", "Stocks fell 700 points in Tokyo."
    [verdict] = judge_pairs([a], [b], HybridSimilarity())
    assert verdict.relation == "unrelated"


REWORDED_FIGURE = (
    "Acme shares closed down nearly 12 percent on the Nasdaq on Tuesday after the profit warning.",
    "Shares of Acme fell as much as 16 percent on the Nasdaq on Tuesday after its profit warning.",
)


@pytest.mark.parametrize(
    ("mode", "relation", "conflict_type"),
    [("swap", "shared", None), ("any", "conflicting", "number"), ("off", "shared", None)],
)
def test_a_figure_differing_amid_rewording_follows_the_details_mode(
    mode: str, relation: str, conflict_type: str | None
) -> None:
    a, b = REWORDED_FIGURE
    [verdict] = judge_pairs([a], [b], HybridSimilarity(), PairSettings(details=mode))
    assert (verdict.relation, verdict.conflict_type) == (relation, conflict_type)
    assert "left says 12, right says 16" in verdict.reason  # named whatever the mode


def test_a_figure_that_is_the_only_change_conflicts_in_swap_mode() -> None:
    a, b = PAIRS[3]
    assert only_difference(a, b)
    assert not only_difference(*REWORDED_FIGURE)
    [verdict] = judge_pairs([a], [b], HybridSimilarity(), PairSettings(details="swap"))
    assert (verdict.relation, verdict.conflict_type) == ("conflicting", "number")


def test_cli_details_modes_match_the_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "pairs.csv"
    source.write_text("a,b\n" + ",".join(REWORDED_FIGURE) + "\n", encoding="utf-8")
    relations = {}
    for mode in DETAIL_MODES:
        assert main(["pairs", str(source), "--left", "a", "--right", "b", "--details", mode]) == 0
        relations[mode] = capsys.readouterr().out.splitlines()[1].split(",")[2]
    assert relations == {"swap": "shared", "any": "conflicting", "off": "shared"}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Two visitors escaped unharmed, police said.",
            "Two visitors were not injured, police said.",
        ),
        (
            "Police continue to hold out the possibility of a second attacker.",
            "Police have not ruled out the possibility of a second attacker.",
        ),
        ("It was not immediately known who fired.", "It was unclear who fired."),
    ],
)
def test_a_negation_of_a_word_the_other_claim_lacks_is_no_reversal(a: str, b: str) -> None:
    assert negation_parity_flip(a, b) is not None  # parity alone would have said conflicting
    assert find_contradiction(a, b) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("A man is playing a guitar.", "A man is not playing a guitar."),
        ("A man is playing a guitar.", "Nobody is playing a guitar."),
        ("The envoy attended the signing.", "The envoy did not attend the signing."),
        ("There are many people at the rink.", "There aren't many people at the rink."),
    ],
)
def test_a_negation_of_a_word_both_claims_state_is_a_reversal(a: str, b: str) -> None:
    found = find_contradiction(a, b)
    assert found is not None and found[0] == "negation"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the same negation, spelt without its apostrophe
        ("I don't know anybody who is fighting it.", "I dont know anybody who is fighting it."),
        # a verb that negates, against "not"
        (
            "The Pentagon singled out an officer for failing to address the scandal.",
            "The Pentagon singled out an officer for not addressing the scandal.",
        ),
        ("His attorney declined to comment.", "His attorney said he had no comment."),
        ("The spokesman declined comment on its status.", "He would not comment on its status."),
        (
            "The bishop declined, through a spokesman, to comment on the development.",
            "The bishop did not comment on the development.",
        ),
        ("Operators rarely keep full passenger lists.", "Operators do not keep passenger lists."),
        (
            "If the subsidies are not repealed, the EU is threatening sanctions.",
            "The EU is threatening sanctions unless the subsidies are repealed.",
        ),
        # one negation, two words
        (
            "Gibson said neither I nor my film are anti-Semitic.",
            "He said his film is not anti-Semitic.",
        ),
        # negation words that negate nothing
        ("Residents had nothing but praise for Lynch.", "Residents had effusive praise for Lynch."),
        ("The scandal angered not only victims but priests.", "The scandal angered victims."),
        ("Not surprisingly, Korea leads in broadband.", "Korea leads in broadband."),
    ],
)
def test_negations_written_differently_are_no_reversal(a: str, b: str) -> None:
    assert find_contradiction(a, b) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The ministry confirmed the report.", "The ministry refused to confirm the report."),
        ("The board approved the merger.", "The board failed to approve the merger."),
        ("The envoy attended the signing.", "The envoy didnt attend the signing."),
        (
            "The EU will impose sanctions if the subsidies are repealed.",
            "The EU will impose sanctions unless the subsidies are repealed.",
        ),
        (
            "None of the rivals picked him, and Dean was asked that question.",
            "None of the rivals picked him, nor was Dean asked that question.",
        ),
    ],
)
def test_negations_written_differently_still_reverse(a: str, b: str) -> None:
    found = find_contradiction(a, b)
    assert found is not None and found[0] == "negation"


def test_adjectives_from_negating_verbs_negate_nothing() -> None:
    assert negations("Declining issues outnumbered advancers.") == []
    assert negations("The failed bid cost him the post.") == []
    assert negations("The lack of an exception decided it.") == []
    assert negations("They failed to agree.") == [1]


def test_negated_heads_skip_function_words_and_adverbs() -> None:
    assert negated_heads("It was not immediately known.") == ["known"]
    assert negated_heads("They did not attend, and none of the kids came.") == ["attend", "kid"]
    assert negated_heads("He would not.") == []


def test_stems_agree_across_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    words = ["playing", "injuries", "attended", "negotiations", "suspended"] * 400
    with ThreadPoolExecutor(4) as pool:
        threaded = list(pool.map(stem.__wrapped__, words))
    assert threaded == [stem(w) for w in words]
    assert stem("playing") == stem("played") == "play"
