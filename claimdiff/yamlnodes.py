"""Reading hand-written YAML so that every mistake names its line.

``yaml.safe_load`` loses where a value came from; the node tree from ``yaml.compose`` keeps
it, and ``Reader`` turns each wrong type, missing key or unknown key into an ``InputError``
with ``line N:`` in front, which is what an analyst editing a codebook needs to see.
"""

from __future__ import annotations

import difflib
import re
from typing import NoReturn

import yaml

from claimdiff.errors import InputError

_STR = "tag:yaml.org,2002:str"
# Codebook colours must come from the Okabe-Ito palette, which colour-blind readers can tell apart.
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")


def parse_yaml(data: bytes, location: str) -> yaml.Node:
    """The YAML node tree, which keeps the line of every value for error messages."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(location, f"line {line}: not UTF-8 text; is this a codebook?") from err
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = err.problem or err.context or "syntax error"
        raise InputError(location, f"line {line}: not valid YAML: {problem}") from err
    except yaml.reader.ReaderError as err:
        line = text[: err.position].count("\n") + 1
        raise InputError(location, f"line {line}: not valid YAML: {err.reason}") from err
    if root is None:
        raise InputError(location, "line 1: the codebook is empty")
    return root


class Reader:
    """Typed access to YAML nodes that fails with ``InputError("line N: ...")``.

    Each method checks one kind of value, so the parsing code above reads as a description
    of the format and every problem is reported at the line where the analyst can fix it.
    """

    def __init__(self, location: str) -> None:
        self.location = location
        self._constructor = yaml.SafeLoader("")

    def fail(self, node: yaml.Node, problem: str) -> NoReturn:
        raise InputError(self.location, f"line {node.start_mark.line + 1}: {problem}")

    def mapping(
        self,
        node: yaml.Node,
        what: str,
        allowed: tuple[str, ...] | None,
        required: tuple[str, ...],
    ) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what} must be a mapping of keys to values, not {_kind(node)}")
        fields: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            key = self.scalar_text(key_node, "a key")
            if key in fields:
                self.fail(key_node, f"key '{key}' appears twice in {what}")
            if allowed is not None and key not in allowed:
                self.fail(key_node, f"unknown key '{key}' in {what}{_suggest(key, allowed)}")
            fields[key] = value
        for key in required:
            if key not in fields:
                self.fail(node, f"{what} has no '{key}'")
        return fields

    def sequence(self, node: yaml.Node, what: str, non_empty: bool = False) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{what} must be a list, not {_kind(node)}")
        if non_empty and not node.value:
            self.fail(node, f"{what} is an empty list")
        return list(node.value)

    def scalar_text(self, node: yaml.Node, what: str) -> str:
        """Any scalar as written (``version: 1.0`` stays "1.0")."""
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            self.fail(node, f"{what} must be a single value, not {_kind(node)}")
        return str(node.value)

    def text(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
            self.fail(node, f"{what} must be text, not {_kind(node)}")
        value = str(node.value).strip()
        if not value:
            self.fail(node, f"{what} is empty")
        return value

    def optional_text(self, node: yaml.Node | None, what: str) -> str:
        return "" if node is None else self.text(node, what)

    def items(self, node: yaml.Node | None) -> list[yaml.Node]:
        """The nodes of a list value; a single text is allowed where a list of one is meant."""
        if node is None:
            return []
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        return [node]

    def texts(self, node: yaml.Node | None, what: str) -> tuple[str, ...]:
        if node is not None and not isinstance(node, yaml.SequenceNode | yaml.ScalarNode):
            self.fail(node, f"{what} must be a list of texts, not {_kind(node)}")
        return tuple(self.text(item, f"an entry in {what}") for item in self.items(node))

    def fraction(self, node: yaml.Node, what: str) -> float:
        value = self._constructor.construct_object(node, deep=True)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(node, f"{what} must be a number between 0 and 1, not {_kind(node)}")
        if not 0.0 <= float(value) <= 1.0:
            self.fail(node, f"{what} is {value}; it must be between 0 and 1")
        return float(value)

    def choice(self, node: yaml.Node, what: str, options: tuple[str, ...]) -> str:
        value = self.text(node, what)
        if value not in options:
            self.fail(node, f"{what} is '{value}'; it must be one of: {', '.join(options)}")
        return value

    def colour(self, node: yaml.Node, what: str) -> str:
        value = self.text(node, what).upper()
        if not re.fullmatch(r"#[0-9A-F]{6}", value):
            self.fail(node, f"{what} '{node.value}' is not a colour like #0072B2")
        if value not in PALETTE:
            self.fail(
                node,
                f"{what} {value} is not in the colour-blind-safe Okabe–Ito palette "
                f"({' '.join(PALETTE)})",
            )
        return value

    def check_id(self, value: str, node: yaml.Node, what: str) -> None:
        if not _ID.match(value):
            self.fail(
                node,
                f"{what} '{value}' must be letters, digits, '-', '_' or '.' (no spaces or '/')",
            )

    def unique(self, pairs: list[tuple[str, yaml.Node]], what: str) -> None:
        seen: set[str] = set()
        for value, node in pairs:
            if value in seen:
                self.fail(node, f"duplicate {what} '{value}'")
            seen.add(value)

    def compile(self, source: str, node: yaml.Node, what: str) -> re.Pattern[str]:
        try:
            regex = re.compile(source, re.IGNORECASE)
        except re.error as err:
            self.fail(node, f"invalid regex in {what}: {err.msg} (at character {err.pos})")
        if regex.search("") is not None:
            self.fail(node, f"{what} matches empty text, so it would match every sentence")
        return regex


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    kind = str(node.tag).rsplit(":", 1)[-1]
    names = {"str": "text", "int": "a number", "float": "a number", "bool": "true/false"}
    return names.get(kind, "nothing" if kind == "null" else kind)


def _suggest(key: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"{hint} (allowed: {', '.join(allowed)})"
