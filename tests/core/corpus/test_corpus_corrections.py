"""Analyst corrections: apart from machine labels, surviving re-labelling, in the timeline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from claimdiff.base.errors import InputError
from claimdiff.corpus import Corpus, Correction, add_exemplar
from claimdiff.labels.codebook import Codebook, load_codebook, shipped_codebook_location

SEED = "004_ae97e33e177aeab3"


@pytest.fixture
def codebook_file(tmp_path: Path) -> Path:
    path = tmp_path / "codebook.yaml"
    shutil.copy(shipped_codebook_location(), path)
    return path


@pytest.fixture
def corpus(tmp_path: Path, seeds_dir: Path, codebook_file: Path) -> Corpus:
    opened = Corpus.create(tmp_path / "c.claimdiff")
    opened.import_paths([seeds_dir], load_codebook(codebook_file), workers=1)
    return opened


def _cell(corpus: Corpus, codebook: Codebook, period: str, topic: str, position: str) -> int:
    frame = corpus.timeline(codebook, "year")
    hit = frame[(frame.period == period) & (frame.topic == topic) & (frame.position == position)]
    return int(hit["count"].sum())


def test_changed_codebook_relabels_only_labels(corpus: Corpus, codebook_file: Path) -> None:
    old = load_codebook(codebook_file)
    assert corpus.label(old) == 0  # unchanged codebook: nothing recomputed
    claims_before = [tuple(r) for r in corpus.conn.execute("SELECT * FROM claims ORDER BY id")]
    old_labels = corpus.count("labels")
    text = codebook_file.read_text(encoding="utf-8")
    cue = "          - rogue states\n"
    added = text.replace(cue, cue + "          - positively estimates\n")
    codebook_file.write_text(added, encoding="utf-8")
    new = load_codebook(codebook_file)
    assert new.sha256 != old.sha256
    assert corpus.label(new) == 5
    claims_after = [tuple(r) for r in corpus.conn.execute("SELECT * FROM claims ORDER BY id")]
    assert claims_after == claims_before  # claims untouched: only labels recomputed
    assert corpus.labelset(old) is not None and corpus.labelset(new) != corpus.labelset(old)
    assert corpus.count("labels") > old_labels  # the old codebook's labels stay
    first = corpus.claims(SEED, new)[0]
    assert first.label_for("target").position == "iran-nk"  # type: ignore[union-attr]
    assert corpus.claims(SEED, old)[0].label_for("target") is None
    assert corpus.label(new) == 0


def test_corrections_survive_relabelling_and_drive_the_timeline(
    corpus: Corpus, codebook_file: Path
) -> None:
    codebook = load_codebook(codebook_file)
    claim = corpus.claims(SEED, codebook)[0]
    assert claim.label_for("talks").position == "hopeful"  # type: ignore[union-attr]
    before = _cell(corpus, codebook, "2007-01-01", "talks", "hopeful")
    stack = corpus.undo_stack(who="analyst-1")
    stack.push(Correction("position", SEED, claim.id, "talks", "bleak"))
    labels = corpus.effective_labels(SEED, codebook)[claim.id]
    talks = next(lab for lab in labels if lab.topic == "talks")
    assert (talks.position, talks.origin, talks.who) == ("bleak", "analyst", "analyst-1")
    assert _cell(corpus, codebook, "2007-01-01", "talks", "hopeful") == before - 1
    assert _cell(corpus, codebook, "2007-01-01", "talks", "bleak") == 1
    stack.push(Correction("date", SEED, value="2012-01-05"))
    assert _cell(corpus, codebook, "2007-01-01", "talks", "hopeful") == 0
    # a re-run of the labelling (new codebook bytes) leaves the corrections in force
    codebook_file.write_text(codebook_file.read_text() + "\n# edited\n", encoding="utf-8")
    edited = load_codebook(codebook_file)
    assert corpus.label(edited) == 5
    assert _cell(corpus, edited, "2012-01-01", "talks", "bleak") == _cell(
        corpus, codebook, "2012-01-01", "talks", "bleak"
    )
    assert next(a.date for a in corpus.articles() if a.key == SEED) == "2012-01-05"
    hits = corpus.claims_behind(edited, "year", "2012-01-01", "talks", "bleak")
    assert any(h.claim_id == claim.id and h.origin == "analyst" for h in hits)
    assert corpus.count("corrections") == 2


def test_undo_redo_and_not_a_claim(corpus: Corpus, codebook_file: Path) -> None:
    codebook = load_codebook(codebook_file)
    claims = corpus.claims(SEED, codebook)
    total = int(corpus.timeline(codebook)["count"].sum())
    labelled = next(c for c in claims if c.labels)
    changes: list[str] = []
    stack = corpus.undo_stack(on_change=lambda: changes.append(stack.undo_text))
    stack.push(Correction("not_claim", SEED, labelled.id, value="1"))
    assert labelled.id not in corpus.effective_labels(SEED, codebook)
    assert int(corpus.timeline(codebook)["count"].sum()) == total - len(labelled.labels)
    stack.push(Correction("title", SEED, value="Corrected title"))
    assert next(a.title for a in corpus.articles() if a.key == SEED) == "Corrected title"
    assert stack.undo_text == f"{SEED}: title = Corrected title"
    stack.undo()
    stack.undo()
    assert not stack.can_undo and stack.can_redo
    assert corpus.count("corrections") == 0
    assert int(corpus.timeline(codebook)["count"].sum()) == total
    assert stack.redo() is not None
    assert labelled.id not in corpus.effective_labels(SEED, codebook)
    assert corpus.corrections()[0]["kind"] == "not_claim"
    assert len(changes) == 5


def test_links_and_removed_positions(corpus: Corpus, codebook_file: Path) -> None:
    codebook = load_codebook(codebook_file)
    left = corpus.claims(SEED, codebook)[0]
    right = corpus.claims("000_fbd7af67a7761638")[0]
    corpus.correct(Correction("link", SEED, left.id, other_claim_id=right.id, value="rejected"))
    assert corpus.links(SEED) == [(left.id, right.id, "rejected")]
    corpus.correct(Correction("position", SEED, left.id, "talks", None))
    assert all(lab.topic != "talks" for lab in corpus.effective_labels(SEED, codebook)[left.id])
    with pytest.raises(InputError):
        corpus.correct(Correction("date", SEED, value="last Tuesday"))
    with pytest.raises(InputError):
        corpus.correct(Correction("position", SEED, "nope:c1", "talks", "bleak"))


def test_exemplar_written_back_to_the_codebook(codebook_file: Path) -> None:
    original = codebook_file.read_text(encoding="utf-8")
    sentence = 'Moscow says the "shield" is really aimed at Russia\'s deterrent.'
    updated = add_exemplar(codebook_file, "target", "russia", sentence)
    assert sentence in updated.position("target", "russia").exemplars
    text = codebook_file.read_text(encoding="utf-8")
    assert text.startswith(original.split("topics:")[0])  # comments and layout kept
    assert len(text.splitlines()) == len(original.splitlines()) + 1
    assert yaml.safe_load(text)["name"] == "Missile defence and arms control"
    before = len(load_codebook(codebook_file).position("talks", "bleak").exemplars)
    add_exemplar(codebook_file, "talks", "bleak", "No talks are planned, the minister said.")
    assert len(load_codebook(codebook_file).position("talks", "bleak").exemplars) == before + 1
    with pytest.raises(InputError):
        add_exemplar(codebook_file, "talks", "no-such-position", "x")
