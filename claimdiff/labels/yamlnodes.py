"""Reading hand-written YAML so that every mistake names its line.

``yaml.safe_load`` loses where a value came from; the node tree from ``yaml.compose`` keeps
it, and ``Reader`` turns each wrong type, missing key or unknown key into an ``InputError``
with ``line N:`` in front, which is what an analyst editing a codebook needs to see.
"""

from __future__ import annotations

import difflib
import math
import re
from typing import Any, NoReturn

import regex
import yaml

from claimdiff.base.errors import InputError
from claimdiff.base.patterns import PROBE_SECONDS, Source, compile_pattern, runaway_probe

_STR = "tag:yaml.org,2002:str"
# Codebook colours must come from the Okabe-Ito palette, which colour-blind readers can tell apart.
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "seq", "map")
) | {"!"}
"""Explicit tags a codebook may carry; others (``!!python/object/apply``) ask a loader to
build objects or run code, and are refused by name rather than silently ignored."""
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_MAX_NUMBER_CHARS = 40
"""Digits in a threshold: 0.35 needs four; thousands are a mistake, and int() refuses them."""
YAML_MAX_DEPTH = 50
"""Nesting of lists and mappings in a codebook: the format needs six; the YAML composer
recurses once per level and runs out of stack near a thousand."""
YAML_MAX_NODES = 200_000
"""Parser events (values, lists, mappings) in a codebook: a large one has a few thousand;
a file with millions is not a hand-written codebook."""


def parse_yaml(data: bytes, location: str) -> yaml.Node:
    """The YAML node tree, which keeps the line of every value for error messages."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(location, f"line {line}: not UTF-8 text; is this a codebook?") from err
    try:
        _check_shape(text, location)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = err.problem or err.context or "syntax error"
        raise InputError(location, f"line {line}: not valid YAML: {problem}") from err
    except yaml.reader.ReaderError as err:
        line = text[: err.position].count("\n") + 1
        raise InputError(location, f"line {line}: not valid YAML: {err.reason}") from err
    except yaml.YAMLError as err:
        raise InputError(location, f"not valid YAML: {_short(err)}") from err
    except RecursionError as err:
        raise InputError(location, "nested too deeply to read; is this a codebook?") from err
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
                self.fail(key_node, f"key '{_shown(key)}' appears twice in {what}")
            if allowed is not None and key not in allowed:
                self.fail(
                    key_node, f"unknown key '{_shown(key)}' in {what}{_suggest(key, allowed)}"
                )
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
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _NUMBER_TAGS:
            self.fail(node, f"{what} must be a number between 0 and 1, not {_kind(node)}")
        if len(str(node.value)) > _MAX_NUMBER_CHARS:
            self.fail(node, f"{what} has {len(str(node.value)):,} characters; write a short number")
        try:
            value = self._constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError) as err:
            self.fail(node, f"{what} is not a number ({_short(err)})")
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
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

    def compile(self, source: str, node: yaml.Node, what: str) -> Any:
        """Compile an analyst's regex, refusing ones that are invalid, empty or runaway."""
        try:
            compiled = compile_pattern(source)
        except regex.error as err:
            at = f" (at character {err.pos})" if err.pos is not None else ""
            self.fail(node, f"invalid regex in {what}: {err.msg}{at}")
        except (ValueError, OverflowError, RecursionError, MemoryError) as err:
            self.fail(node, f"invalid regex in {what}: {_short(err)}")
        if compiled.search("") is not None:
            self.fail(node, f"{what} matches empty text, so it would match every sentence")
        probe = runaway_probe(compiled, source)
        if probe is not None:
            self.fail(
                node,
                f"{what} backtracks without end: it took over {PROBE_SECONDS:g} s on a test text "
                f"of {len(probe)} characters (PROBE_SECONDS); avoid nested repetition such as "
                "(a+)+ or (\\w+\\s?)*",
            )
        return compiled

    def source(self, node: yaml.Node, what: str) -> Source:
        """Where a pattern is written, for a failure found only while labelling."""
        return Source(self.location, node.start_mark.line + 1, what)


def _check_shape(text: str, location: str) -> None:
    """Depth and size from the parser's events, before the recursive composer sees them."""
    depth = 0
    # libyaml's parser when installed: ten times faster, so the check costs the codebook's
    # load a few milliseconds.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for events, event in enumerate(yaml.parse(text, Loader=loader), start=1):
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _PLAIN_TAGS:
            line = event.start_mark.line + 1 if event.start_mark else 1
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise InputError(location, f"line {line}: the YAML tag {shown} is not allowed here")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > YAML_MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else 1
                raise InputError(
                    location,
                    f"line {line}: nested more than {YAML_MAX_DEPTH} levels deep "
                    "(YAML_MAX_DEPTH); is this a codebook?",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if events > YAML_MAX_NODES:
            raise InputError(
                location,
                f"more than {YAML_MAX_NODES:,} YAML values (YAML_MAX_NODES); not a codebook",
            )


def _shown(value: str) -> str:
    """A value quoted in a message, cut so that one line stays one readable line."""
    return value if len(value) <= 60 else value[:57] + "..."


def _short(err: BaseException) -> str:
    text = " ".join(str(err).split())
    return (text[:120] + "…") if len(text) > 120 else text or type(err).__name__


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
