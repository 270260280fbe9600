"""`claimdiff codebook`: codebooks made from example sentences, grown without hand-written YAML."""

from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path

import pytest

from claimdiff.base.model import Claim
from claimdiff.cli.cli import main
from claimdiff.labels.codebook import load_codebook, shipped_codebook_location
from claimdiff.labels.label import label_claims

RESIST = "The board rejected the takeover offer as inadequate and urged holders not to sell."
AGREE = "The board approved the merger and recommended that shareholders accept the offer."


def _new(path: Path, *extra: str) -> int:
    return main(
        [
            "codebook",
            "new",
            str(path),
            "--name",
            "Takeovers",
            "--topic",
            "takeover",
            "--topic-label",
            "Response to a bid",
            "--example",
            f"resist={RESIST}",
            "--example",
            f"agree={AGREE}",
            "--example",
            "resist=Management adopted a poison pill to fend off the hostile bid.",
            *extra,
        ]
    )


def test_new_writes_a_codebook_that_labels_by_meaning(tmp_path: Path) -> None:
    path = tmp_path / "takeover.yaml"
    assert _new(path) == 0
    book = load_codebook(path)
    topic = book.topic("takeover")
    assert topic.label == "Response to a bid"
    assert [p.id for p in topic.positions] == ["resist", "agree"]
    assert topic.position("resist").exemplars[1].startswith("Management adopted")
    assert topic.opposes("resist", "agree")
    text = "The board rejected the takeover offer as inadequate and urged holders not to tender."
    (claim,) = label_claims([Claim("c1", "a", text, 0, len(text))], book)
    label = claim.label_for("takeover")
    assert label is not None and label.position == "resist"
    assert "nearest exemplar 'The board rejected" in label.decided_by


def test_new_refuses_to_replace_a_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "takeover.yaml"
    path.write_text("precious\n", encoding="utf-8")
    assert _new(path) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "precious\n"
    assert _new(path, "--force") == 0
    assert load_codebook(path).name == "Takeovers"


def test_new_rejects_an_example_without_a_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.yaml"
    code = main(["codebook", "new", str(path), "--name", "x", "--topic", "t", "--example", "hi"])
    assert code == 2
    assert "is not POSITION=SENTENCE" in capsys.readouterr().err
    assert not path.exists()


def test_add_position_and_examples_keep_the_rest_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "md.yaml"
    original = Path(shipped_codebook_location()).read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    wait = "Both sides said they would wait for the election before talking again."
    assert main(["codebook", "add-position", str(path), "talks", "waiting", "--example", wait,
                 "--label", "Wait and see", "--opposes", "hopeful"]) == 0  # fmt: skip
    not_russia = "Russia said the radar would be useful for tracking satellites."
    assert main(["codebook", "add-example", str(path), "target", "russia", not_russia,
                 "--not"]) == 0  # fmt: skip
    updated = path.read_text(encoding="utf-8").splitlines()
    ops = SequenceMatcher(None, original.splitlines(), updated, autojunk=False).get_opcodes()
    assert {op[0] for op in ops} == {"equal", "insert"}  # comments and layout all kept
    inserted = [line for op in ops if op[0] == "insert" for line in updated[op[3] : op[4]]]
    assert inserted == [  # in file order: topic "target" comes before "talks"
        "        counterexamples:",
        f'          - "{not_russia}"',
        '      - id: "waiting"',
        '        label: "Wait and see"',
        '        opposes: ["hopeful"]',
        "        exemplars:",
        f'          - "{wait}"',
    ]
    book = load_codebook(path)
    waiting = book.position("talks", "waiting")
    assert (waiting.label, waiting.exemplars, waiting.opposes) == (
        "Wait and see",
        (wait,),
        ("hopeful",),
    )
    assert book.position("target", "russia").counterexamples == (not_russia,)
    assert book.topic("treaties").positions[0].id == "upheld"


def test_a_broken_edit_leaves_the_file_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "takeover.yaml"
    assert _new(path) == 0
    before = path.read_bytes()
    code = main(["codebook", "add-position", str(path), "takeover", "x", "--example", "Hm.",
                 "--opposes", "nosuch"])  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err
    assert "opposes unknown position 'nosuch'" in err and "line " in err
    assert main(["codebook", "add-position", str(path), "nosuch", "x", "--example", "Hm."]) == 2
    assert "has no topic 'nosuch' (topics: takeover)" in capsys.readouterr().err
    assert main(["codebook", "add-example", str(path), "takeover", "nosuch", "Hm."]) == 2
    assert "has no position takeover/nosuch" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_suggest_lists_groups_with_typical_sentences_and_span(
    seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    about = "missile defence talks between Russia and the United States"
    assert main(["codebook", "suggest", str(seeds_dir), "--about", about, "--groups", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    heads = [line for line in out if line[:1].isdigit()]
    assert 1 <= len(heads) <= 3
    assert all(" claims, " in line for line in heads)
    assert any("20" in line.split(" claims, ")[1] for line in heads)  # a date span
    assert sum(line.startswith("   - ") for line in out) >= len(heads)
