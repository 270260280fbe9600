"""Making and growing codebooks without writing YAML by hand: new codebooks, new positions.

An analyst's codebook carries comments and a layout they chose, so a position is added by
inserting its lines under the topic's ``positions:``, indented like its neighbours, never
by dumping the YAML again. Every result is validated with the loader (same messages as
when the file is opened) before it is written, and written atomically, so a mistake
leaves the file as it was.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from claimdiff.base.atomic import write_atomic
from claimdiff.base.errors import InputError
from claimdiff.labels.codebook import Codebook, load_codebook, parse_codebook
from claimdiff.labels.exemplars import line_after


@dataclass(frozen=True, slots=True)
class NewPosition:
    """A position as the analyst states it: an id, a few exemplar sentences, a label."""

    id: str
    exemplars: tuple[str, ...]
    label: str = ""
    description: str = ""
    opposes: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), on one line."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def position_lines(position: NewPosition, indent: str) -> list[str]:
    """The YAML lines of one position, its dash at ``indent``."""
    inner = indent + "  "
    lines = [f"{indent}- id: {_quote(position.id)}\n"]
    if position.label:
        lines.append(f"{inner}label: {_quote(position.label)}\n")
    if position.description:
        lines.append(f"{inner}description: {_quote(position.description)}\n")
    if position.opposes:
        lines.append(f"{inner}opposes: [{', '.join(_quote(o) for o in position.opposes)}]\n")
    for key, texts in (
        ("exemplars", position.exemplars),
        ("counterexamples", position.counterexamples),
    ):
        if texts:
            lines.append(f"{inner}{key}:\n")
            lines += [f"{inner}  - {_quote(t)}\n" for t in texts]
    return lines


def new_codebook_text(
    name: str,
    topic: str,
    positions: Sequence[NewPosition],
    *,
    topic_label: str = "",
    description: str = "",
) -> str:
    """The YAML of a codebook with one topic; positions oppose whom they say they oppose."""
    lines = [
        "# A claimdiff codebook (format: docs/codebook.md in the claimdiff sources).\n",
        f"name: {_quote(name)}\n",
    ]
    if description:
        lines.append(f"description: {_quote(description)}\n")
    lines += ["\n", "topics:\n", f"  - id: {_quote(topic)}\n"]
    if topic_label:
        lines.append(f"    label: {_quote(topic_label)}\n")
    lines.append("    positions:\n")
    for position in positions:
        lines += position_lines(position, "      ")
    return "".join(lines)


def create_codebook(path: str | Path, text: str, *, overwrite: bool = False) -> Codebook:
    """Validate ``text`` as a codebook and write it to ``path``; returns it loaded."""
    parse_codebook(text.encode("utf-8"), str(path))
    write_atomic(path, text, overwrite=overwrite)
    return load_codebook(path)


def add_position(path: str | Path, topic: str, position: NewPosition) -> Codebook:
    """Append ``position`` to ``topic``'s positions in the file at ``path``."""
    where = str(path)
    text = Path(path).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    positions = _positions_node(yaml.compose(text), topic, where)
    first = positions.value[0]
    dash = lines[first.start_mark.line].index("-", 0, first.start_mark.column)
    at = line_after(positions)
    while at > 0 and not lines[at - 1].strip():
        at -= 1
    if lines and not lines[-1].endswith("\n") and at >= len(lines):
        lines[-1] += "\n"
    lines[at:at] = position_lines(position, " " * dash)
    updated = "".join(lines)
    parse_codebook(updated.encode("utf-8"), where)  # the loader's message, file untouched
    write_atomic(path, updated, overwrite=True)
    return load_codebook(path)


def _positions_node(root: yaml.Node | None, topic: str, where: str) -> yaml.SequenceNode:
    topics = _value(root, "topics") if isinstance(root, yaml.MappingNode) else None
    known: list[str] = []
    for node in topics.value if isinstance(topics, yaml.SequenceNode) else ():
        ident = _value(node, "id") if isinstance(node, yaml.MappingNode) else None
        name = str(ident.value) if isinstance(ident, yaml.ScalarNode) else ""
        known.append(name)
        if name == topic:
            positions = _value(node, "positions")
            if (
                not isinstance(positions, yaml.SequenceNode)
                or positions.flow_style
                or not positions.value
            ):
                raise InputError(where, f"positions of topic '{topic}' are not a block list")
            return positions
    raise InputError(where, f"has no topic '{topic}' (topics: {', '.join(known) or 'none'})")


def _value(mapping: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next((v for k, v in mapping.value if k.value == key), None)


# --- whole-codebook editing (the desktop editor) ----------------------------------------
#
# The editor holds a codebook as the plain mapping YAML reads it into (name, thresholds,
# terms, topics with their positions), edits that, and writes it back whole. Writing the
# whole file drops comments, so the editor says so before it replaces a file that has any;
# the command line's edits above keep them.

Spec = dict[str, Any]
POSITION_LISTS = ("cues", "patterns", "exemplars", "counterexamples")


def read_spec(path: str | Path) -> Spec:
    """The codebook at ``path`` as a plain mapping, after checking that it loads."""
    load_codebook(path)
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):  # load_codebook accepted it, so this cannot happen
        raise InputError(str(path), "the codebook is not a mapping")
    return data


def new_spec(name: str) -> Spec:
    """A codebook to start from: one topic, two opposing positions, no sentences yet."""
    return {
        "name": name,
        "topics": [
            {
                "id": "topic",
                "label": "Topic",
                "positions": [
                    {"id": "for", "label": "For", "opposes": ["against"], "exemplars": []},
                    {"id": "against", "label": "Against", "opposes": ["for"], "exemplars": []},
                ],
            }
        ],
    }


def spec_text(spec: Spec) -> str:
    """The YAML of ``spec``: keys in the documented order, empty lists left out."""
    header = "# A claimdiff codebook (format: docs/codebook.md in the claimdiff sources).\n"
    return header + yaml.safe_dump(
        _pruned(spec), sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )


def _pruned(value: Any) -> Any:
    """Without empty strings and lists, which the loader would refuse or ignore."""
    if isinstance(value, dict):
        return {k: _pruned(v) for k, v in value.items() if v not in ("", [], None)}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def problem(spec: Spec, location: str) -> str | None:
    """The loader's message for ``spec`` (with its line in spec_text), or None when valid."""
    try:
        parse_codebook(spec_text(spec).encode("utf-8"), location)
    except InputError as exc:
        return exc.problem
    return None


def save_spec(path: str | Path, spec: Spec, *, overwrite: bool = True) -> Codebook:
    """Validate and write ``spec`` atomically; the old file stays if anything is wrong."""
    return create_codebook(path, spec_text(spec), overwrite=overwrite)


def has_comments(path: str | Path) -> bool:
    """Whether the file has comment lines the whole-file save would drop."""
    text = Path(path).read_text(encoding="utf-8")
    return any(line.lstrip().startswith("#") for line in text.splitlines())


def free_id(wanted: str, taken: set[Any]) -> str:
    """An id made of ``wanted`` (lower case, other characters as hyphens) that none of
    ``taken`` has: a numbered suffix is added until it is free."""
    base = "".join(c if c.isalnum() or c in "-_." else "-" for c in wanted.lower()).strip("-")
    base = base or "suggested"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


def node_title(node: dict[str, Any]) -> str:
    """How a topic or position of a spec is named in the editor: "Label (id)", or the id
    alone when there is no label or it says the same."""
    label, ident = node.get("label") or "", node.get("id") or "?"
    return f"{label} ({ident})" if label and label != ident else str(ident)
