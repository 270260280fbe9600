"""Whole-codebook editing as the desktop editor does it: read, change, check, write."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff.base.errors import InputError
from claimdiff.claims.claims import extract_claims
from claimdiff.ingest.load import load_article
from claimdiff.labels.codebook import load_codebook, shipped_codebook_location
from claimdiff.labels.codebook_edit import (
    free_id,
    has_comments,
    new_spec,
    node_title,
    problem,
    read_spec,
    save_spec,
)
from claimdiff.labels.label import label_claims


def test_the_shipped_codebook_round_trips_with_the_same_labels(
    tmp_path: Path, seeds_dir: Path
) -> None:
    spec = read_spec(shipped_codebook_location())
    assert problem(spec, "copy.yaml") is None
    copy = tmp_path / "copy.yaml"
    save_spec(copy, spec)
    lines = copy.read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line.lstrip().startswith("#")] == [lines[0]]  # the header
    original, saved = load_codebook(), load_codebook(copy)
    for path in sorted(seeds_dir.glob("*.txt")):
        claims = extract_claims(load_article(str(path)))
        before = [c.labels for c in label_claims(claims, original)]
        after = [c.labels for c in label_claims(claims, saved)]
        assert before == after, path.name


def test_a_new_codebook_needs_sentences_and_says_so(tmp_path: Path) -> None:
    spec = new_spec("Budget")
    found = problem(spec, "budget.yaml")
    assert found is not None and "position 'topic/for' has no cues" in found
    with pytest.raises(InputError):
        save_spec(tmp_path / "budget.yaml", spec)
    assert not (tmp_path / "budget.yaml").exists()
    spec["topics"][0]["positions"][0]["exemplars"] = ["Congress raised the budget."]
    spec["topics"][0]["positions"][1]["cues"] = ["budget cuts"]
    assert problem(spec, "budget.yaml") is None
    book = save_spec(tmp_path / "budget.yaml", spec)
    assert book.topic("topic").opposes("for", "against")
    assert has_comments(shipped_codebook_location())


def test_a_suggested_position_gets_a_clean_id_no_other_position_has() -> None:
    assert free_id("Talks resume!", set()) == "talks-resume"
    assert free_id("talks-resume", {"talks-resume", "talks-resume-2"}) == "talks-resume-3"
    assert free_id("???", set()) == "suggested"


def test_a_node_is_named_by_label_and_id_unless_they_say_the_same() -> None:
    assert node_title({"id": "talks", "label": "Peace talks"}) == "Peace talks (talks)"
    assert node_title({"id": "talks", "label": "talks"}) == "talks"
    assert node_title({"label": ""}) == "?"
