"""Reports and the terminal name topics and positions by the codebook's labels, not its ids.

Run on the seed pair (004 vs 000), whose conflicts are codebook positions: "talks/hopeful"
against "talks/bleak", "target/iran-nk" against "target/russia". The JSON keeps the ids.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from claimdiff.base.model import Comparison
from claimdiff.ingest.seeds import sample_pair
from claimdiff.labels.codebook import Codebook, load_codebook
from claimdiff.output.render import Painter, render_comparison
from claimdiff.output.report import render_report
from claimdiff.output.report.names import Names, position_label, topic_label
from claimdiff.session.pipeline import compare_files


@pytest.fixture(scope="module")
def book() -> Codebook:
    return load_codebook()


@pytest.fixture(scope="module")
def seed_comparison(book: Codebook) -> Comparison:
    left, right = sample_pair()
    return compare_files(left, right)


def _id_mentions(text: str, book: Codebook) -> list[str]:
    """The ways an id leaks into prose: "talks/hopeful", "says hopeful", "say bleak"."""
    found = []
    for topic in book.topics:
        for pos in topic.positions:
            for form in (f"{topic.id}/{pos.id}", f"says {pos.id} ", f"say {pos.id} "):
                if form in text:
                    found.append(form)
    return found


def _position_links(cmp: Comparison) -> list:  # type: ignore[type-arg]
    links = [link for link in cmp.links if link.conflict_type == "position"]
    assert links, "the seed pair has conflicting codebook positions"
    return links


def test_the_helper_names_known_ids_and_keeps_unknown_ones(book: Codebook) -> None:
    topic = book.topics[0]
    pos = topic.positions[0]
    assert topic_label(book, topic.id) == topic.label != topic.id
    assert position_label(book, topic.id, pos.id) == pos.label != pos.id
    assert position_label(book, topic.id, "no-such-position") == "no-such-position"
    assert topic_label(None, topic.id) == topic.id
    assert position_label(book, None, pos.id) == pos.id


def test_markdown_report_names_positions_by_label(
    seed_comparison: Comparison, book: Codebook
) -> None:
    md = str(render_report(seed_comparison, "markdown", codebook=book)).replace("\\", "")
    assert _id_mentions(md, book) == []
    for link in _position_links(seed_comparison):
        left = seed_comparison.claim(str(link.left)).label_for(str(link.topic))
        assert left is not None
        assert book.topic(left.topic).label in md
        assert f"left says “{book.position(left.topic, left.position).label}”" in md


def test_terminal_output_names_positions_by_label(
    seed_comparison: Comparison, book: Codebook
) -> None:
    text = render_comparison(seed_comparison, Painter(colour=False, width=400), book)
    assert _id_mentions(text, book) == []
    names = Names(book)
    for link in _position_links(seed_comparison):
        assert names.reason(link) in text
        claim = seed_comparison.claim(str(link.right))
        assert all(names.label(lab) in text for lab in claim.labels)


def test_without_the_codebook_the_terminal_keeps_the_ids(seed_comparison: Comparison) -> None:
    text = render_comparison(seed_comparison, Painter(colour=False, width=400))
    link = _position_links(seed_comparison)[0]
    assert link.reason in text


def test_csv_keeps_id_keys_and_adds_readable_columns(
    seed_comparison: Comparison, book: Codebook
) -> None:
    rows = list(
        csv.DictReader(io.StringIO(str(render_report(seed_comparison, "csv", codebook=book))))
    )
    conflict = next(r for r in rows if r["conflict_type"] == "position")
    topic = book.topic(conflict["topic"])  # still the id: a key for scripts
    assert conflict["topic_label"] == topic.label
    assert _id_mentions(conflict["reason"], book) == []
    left_id = conflict["left_labels"].split(":")[0]  # "talks/hopeful"
    topic_id, position_id = left_id.split("/")
    assert book.position(topic_id, position_id).label in conflict["left_positions"]


def test_json_keeps_the_ids(seed_comparison: Comparison) -> None:
    doc = json.loads(str(render_report(seed_comparison, "json")))
    reasons = [link["reason"] for link in doc["links"] if link.get("conflict_type") == "position"]
    assert reasons and all(r.startswith("topic ") for r in reasons)
