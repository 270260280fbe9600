"""Offering an analyst's position correction back to the codebook as a new exemplar.

The codebook is a file the analyst wrote, with comments and layout that matter to them, so
the exemplar line is inserted as text under the position's ``exemplars:`` rather than the
YAML being dumped again; the result is validated with load_codebook before it replaces the
file, and written atomically.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import yaml

from claimdiff.base.atomic import write_atomic
from claimdiff.base.errors import InputError
from claimdiff.labels.codebook import Codebook, load_codebook, parse_codebook

ExampleKey = Literal["exemplars", "counterexamples"]


def add_exemplar(
    path: str | Path,
    topic: str,
    position: str,
    sentence: str,
    key: ExampleKey = "exemplars",
) -> Codebook:
    """Append ``sentence`` to the exemplars (or ``counterexamples``) of ``topic``/``position``.

    Returns the new codebook; the file is left as it was when the result would not load.
    """
    where = str(path)
    text = Path(path).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    node = _position_node(yaml.compose(text), topic, position, where)
    quoted = json.dumps(" ".join(sentence.split()), ensure_ascii=False)
    at, line = _insertion(node, lines, quoted, where, key)
    lines[at:at] = [line]
    updated = "".join(lines)
    parse_codebook(updated.encode("utf-8"), where)  # refuse to write a codebook that breaks
    write_atomic(path, updated, overwrite=True)
    return load_codebook(path)


def _value(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((v for k, v in mapping.value if k.value == key), None)


def _position_node(
    root: yaml.Node | None, topic: str, position: str, where: str
) -> yaml.MappingNode:
    topics = _value(root, "topics") if isinstance(root, yaml.MappingNode) else None
    for t in topics.value if isinstance(topics, yaml.SequenceNode) else ():
        positions = _value(t, "positions") if _id(t) == topic else None
        for p in positions.value if isinstance(positions, yaml.SequenceNode) else ():
            if _id(p) == position and isinstance(p, yaml.MappingNode):
                return p
    raise InputError(where, f"has no position {topic}/{position}")


def _id(node: yaml.Node) -> str | None:
    found = _value(node, "id") if isinstance(node, yaml.MappingNode) else None
    return str(found.value) if isinstance(found, yaml.ScalarNode) else None


def _insertion(
    node: yaml.MappingNode, lines: list[str], quoted: str, where: str, key: ExampleKey
) -> tuple[int, str]:
    """Where the new line goes and the line itself, indented like its neighbours."""
    exemplars = _value(node, key)
    if exemplars is None:
        first = node.value[0][0]
        indent = " " * first.start_mark.column
        last = _last_line(node, lines)
        return last, f"{indent}{key}:\n{indent}  - {quoted}\n"
    if not isinstance(exemplars, yaml.SequenceNode) or exemplars.flow_style or not exemplars.value:
        raise InputError(where, f"{key} are not a block list; add the sentence by hand")
    first = exemplars.value[0]
    dash = lines[first.start_mark.line].index("-", 0, first.start_mark.column)
    indent = " " * dash
    gap = " " * (first.start_mark.column - dash - 1)
    end = exemplars.value[-1].end_mark
    after = end.line + 1 if end.column > 0 else end.line
    return after, f"{indent}-{gap}{quoted}\n"


def _last_line(node: yaml.MappingNode, lines: list[str]) -> int:
    """The line after the position's last value, before any blank lines that follow it."""
    at = line_after(node)
    while at > 0 and not lines[at - 1].strip():
        at -= 1
    return at


def line_after(node: yaml.Node) -> int:
    """The first line after ``node``'s text.

    A block collection's end mark lies where the next token starts, which may be the next
    position's or topic's line; the last scalar inside it ends exactly where its text does.
    """
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    end = node.end_mark
    return int(end.line) + 1 if end.column > 0 else int(end.line)
