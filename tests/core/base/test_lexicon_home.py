"""Language data has one home: each list in one data file, read through claimdiff/base/lexicon.py.

Two checks keep it so. The code check reads every string literal of the core (a regular
expression's alternation, a word set, a space-separated word string) and fails when one
spells out four or more entries of a shipped list: a copy that would drift from the file.
The data check fails when two shipped lists mostly repeat each other, unless the pair is
listed in ``DISTINCT`` with the reason the two are different decisions.
"""

from __future__ import annotations

import ast
import json
import re
from itertools import combinations
from pathlib import Path

import pytest

from claimdiff.base import lexicon
from claimdiff.claims import cues, ner, structure
from claimdiff.language import reflow
from claimdiff.match.diff import MONTHS, NUMBER_WORDS, WEEKDAYS

REPO = Path(__file__).resolve().parents[3]
RESOURCES = REPO / "resources"
MIN_COPIED = 4  # entries of one list in one literal that make it a copy
MIN_PAIRS = 3  # antonym pairs, both sides, in one literal that make it a copy
MIN_SHARE = 0.8  # share of the smaller list that two lists may not have in common

# Lists too general to tell a copy from ordinary prose in code ("the", "to", "of").
NOT_SCANNED = frozenset({"lexicon/function-words.txt", "lexicon/capitalised-function-words.txt"})

# Overlapping lists that are separate decisions, each with why.
DISTINCT = {
    frozenset({"language/claims.json:minor_words", "lexicon/function-words.txt"}): (
        "title-case minor words of a headline are a small chosen subset of function words"
    ),
    frozenset({"language/claims.json:minor_words", "language/reflow.json:never_final_words"}): (
        "a line ending in a minor word is cut mid-phrase, but so is one ending in 'than' or 'into'"
    ),
    frozenset({"language/claims.json:minor_words", "lexicon/capitalised-function-words.txt"}): (
        "a minor word stays lower case in a headline; these are capitalised at a sentence start"
    ),
    frozenset(
        {"language/reflow.json:never_final_words", "lexicon/capitalised-function-words.txt"}
    ): "a line ending in 'between' is cut mid-phrase; 'Meanwhile' starts no name",
    frozenset({"language/reflow.json:never_final_words", "lexicon/function-words.txt"}): (
        "a wrapped line may end in 'said' or 'here' (function words) but never in 'between'"
    ),
    frozenset({"lexicon/role-many-holders.txt", "lexicon/role-nouns.txt"}): (
        "roles many people in one story hold ('official') are a chosen subset of role nouns"
    ),
}
# Tables whose values are entries of another list by design: a map between its entries.
MAPS = frozenset({"language/role-matches.json"})


def _entries(line: str) -> set[str]:
    """The entries of one line of a lexicon file: a word or phrase, or both sides of a pair."""
    line = line.strip().lower()
    if not line or line.startswith("#"):
        return set()
    if lexicon.PAIR_SEPARATOR in line:
        return {w for side in line.split(lexicon.PAIR_SEPARATOR) for w in side.split()}
    if "\t" in line:
        return {line.split("\t")[0]}
    return {line}


def _json_lists(prefix: str, value: object) -> dict[str, set[str]]:
    """Every word list of a JSON table (a list of strings, or the keys of a word → value map)."""
    found: dict[str, set[str]] = {}
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        found[prefix] = {v.lower() for v in value}
    elif isinstance(value, dict):
        if value and all(isinstance(v, (int, float, str)) for v in value.values()):
            found[prefix] = {k.lower() for k in value if not k.startswith("_")}
        else:
            for key, inner in value.items():
                found |= _json_lists(f"{prefix}:{key}" if ":" not in prefix else prefix, inner)
    return found


def shipped_lists() -> dict[str, set[str]]:
    """Every word list under resources/, named by file (and key, for JSON tables)."""
    lists: dict[str, set[str]] = {}
    for folder in ("lexicon", "attribution"):
        for path in sorted((RESOURCES / folder).iterdir()):
            if path.suffix in (".txt", ".tsv"):
                text = path.read_text(encoding="utf-8")
                lists[f"{folder}/{path.name}"] = set().union(*map(_entries, text.splitlines()))
    for path in sorted((RESOURCES / "language").glob("*.json")):
        if f"language/{path.name}" in MAPS:
            continue
        table = json.loads(path.read_text(encoding="utf-8"))
        for key, value in table.items():
            lists |= _json_lists(f"language/{path.name}:{key}", value)
    return {name: entries for name, entries in lists.items() if entries}


def scanned_lists() -> dict[str, set[str]]:
    """The lists code may not copy: the lexicon, the calendar, the numbers, the demonyms."""
    scanned = {"calendar.json", "numbers.json", "demonyms.json"}
    lists = {}
    for name, entries in shipped_lists().items():
        table, _, key = name.partition(":")
        if name in NOT_SCANNED or key in ("ignore", "percent", "currencies"):
            continue
        if table.startswith("lexicon/") or table.removeprefix("language/") in scanned:
            lists[name] = entries
    return lists


_WORD_STRING = re.compile(r"[a-z'. -]+")
_REGEX_SYNTAX = re.compile(r"\\[swbdSWBD][+*?]?|[()?:<!=\[\]{}^$*+]")


def _literal_entries(text: str) -> set[str] | None:
    """The entries a string literal lists: a regex alternation's branches, or its words.

    A branch counts whole ("no longer"), so the words of a phrase pattern ("note to our
    readers") do not add up to a copy of a word list.
    """
    text = " ".join(text.lower().split())
    if "|" in text:
        branches = [" ".join(b.split()) for b in _REGEX_SYNTAX.sub(" ", text).split("|")]
        return {b for b in branches if b}
    if _WORD_STRING.fullmatch(text) and len(text.split()) >= MIN_COPIED:
        return {w.rstrip(".") for w in text.split()}
    return None


def literal_entries(source: str) -> list[tuple[int, set[str]]]:
    """(line, entries) of the word-list literals of a module; docstrings are prose, skipped."""
    tree = ast.parse(source)
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            entries = None if id(node) in docstrings else _literal_entries(node.value)
            if entries:
                found.append((node.lineno, entries))
        elif isinstance(node, (ast.Set, ast.List, ast.Tuple, ast.Dict)):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            strings = [e.value for e in items if isinstance(e, ast.Constant)]
            found.append((node.lineno, {s.lower() for s in strings if isinstance(s, str)}))
    return found


def _antonyms_in(entries: set[str]) -> list[str]:
    """One word of each antonym pair whose two sides are both among ``entries``."""
    pairs = lexicon.word_pairs("antonyms")
    return [min(one & entries) for one, other in pairs if one & entries and other & entries]


def copies_in(source: str, lists: dict[str, set[str]]) -> list[tuple[int, str, list[str]]]:
    """(line, list name, entries) for each literal that spells out a shipped list.

    Antonyms are common words one at a time ("up", "all", "never"): a literal copies that
    list when it holds both sides of several pairs.
    """
    found = []
    for line, entries in literal_entries(source):
        for name, listed in lists.items():
            if name == "lexicon/antonyms.txt":
                shared, least = _antonyms_in(entries), MIN_PAIRS
            else:
                shared, least = sorted(entries & listed), MIN_COPIED
            if len(shared) >= least:
                found.append((line, name, shared))
    return found


def repeated_lists(lists: dict[str, set[str]]) -> list[tuple[str, str, int]]:
    """Pairs of shipped lists that mostly repeat each other and are not declared distinct."""
    found = []
    for (a, left), (b, right) in combinations(sorted(lists.items()), 2):
        shared = len(left & right)
        mostly = shared >= MIN_COPIED and shared >= MIN_SHARE * min(len(left), len(right))
        if mostly and frozenset({a, b}) not in DISTINCT:
            found.append((a, b, shared))
    return found


def test_no_module_of_the_core_spells_out_a_shipped_list() -> None:
    lists = scanned_lists()
    assert "lexicon/negation-cues.txt" in lists and "language/calendar.json:months" in lists
    found = []
    for path in sorted((REPO / "claimdiff").rglob("*.py")):
        for line, name, words in copies_in(path.read_text(encoding="utf-8"), lists):
            found.append(f"{path.relative_to(REPO)}:{line} copies {name}: {words}")
    assert not found, "\n".join(found)


def test_the_code_check_finds_a_copied_regex_and_a_copied_set() -> None:
    lists = scanned_lists()
    regex = 'NEG = re.compile(r"\\b(?:not|never|nobody|nothing)\\b")\n'
    months = 'M = {"january", "february", "march", "april"}\n'
    assert [name for _, name, _ in copies_in(regex, lists)] == ["lexicon/negation-cues.txt"]
    assert "language/calendar.json:months" in [name for _, name, _ in copies_in(months, lists)]
    assert copies_in('TEXT = "not now, never mind"\n', lists) == []


def test_no_two_shipped_lists_repeat_each_other() -> None:
    lists = shipped_lists()
    assert not repeated_lists(lists), repeated_lists(lists)
    # The check itself: a second copy of the weekdays is found.
    copied = {**lists, "lexicon/weekdays.txt": set(lists["language/calendar.json:weekdays"])}
    assert ("language/calendar.json:weekdays", "lexicon/weekdays.txt", 7) in repeated_lists(copied)


def test_every_declared_distinct_pair_still_overlaps() -> None:
    """A reason kept after its overlap is gone would excuse the next copy."""
    lists = shipped_lists()
    for pair in DISTINCT:
        a, b = sorted(pair)
        assert len(lists[a] & lists[b]) >= MIN_COPIED, pair


@pytest.mark.parametrize(
    ("reader", "word"),
    [
        (lambda: MONTHS, "sept"),
        (lambda: set(lexicon.months()), "sept"),
        (lambda: WEEKDAYS, "thursday"),
        (lambda: set(lexicon.weekdays(abbreviations=True)), "thurs"),
        (lambda: NUMBER_WORDS, "dozen"),
        (lambda: set(lexicon.number_words()), "dozen"),
    ],
)
def test_the_users_read_the_same_file(reader: object, word: str) -> None:
    assert callable(reader)
    assert word in reader()


def test_an_entry_of_the_shared_negation_lists_reaches_every_reader() -> None:
    """One list, three stages: the claim flags, the labeller's framing and the judge."""
    assert cues.find_cues("The shield is nowhere near ready.").negated
    assert structure._NEGATOR.search("It is nowhere near ready")
    assert not cues.find_cues("Not surprisingly, the talks went on.").negated
    assert structure._FALSE_NEGATOR.search("not surprisingly")
    assert ner.read_number("a dozen") == 12
    assert reflow.settings().title_abbreviations.search("met Gen.")
