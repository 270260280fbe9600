#!/usr/bin/env python3
# ruff: noqa: N818, PLW2901, E501, PLR0917, SIM201  (a one-off migration script, removed once run)
"""Move claimdiff's modules into stage folders and rewrite every reference to them.

    python tools/stage_folders.py <repo root> [--commit] [--dry-run]

Checks first and changes nothing when a check fails:
  * the git tree is clean (the moves are `git mv`, the rewrites plain edits; a clean tree
    means `git checkout . && git clean -fd` undoes a half-run);
  * every module under claimdiff/ and gui/, and every test file under tests/core and
    tests/gui, is in the tables below (a module another branch added must be placed by hand);
  * no relative import exists (ruff bans them; the rewriter does not handle them);
  * the imports of the core (top-level and function-level, TYPE_CHECKING included) already
    fit the stage order: no stage imports a stage above it, no import cycle between modules.

Then, stage by stage (one commit per stage folder with --commit): `git mv` the files, create
the stage package's __init__.py, rewrite imports, dotted module names and file paths in the
whole tree, sort imports with ruff. Last: pyproject's package list and import-linter layers
contract, the "Stage folders" section of docs/architecture.md.
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
import textwrap
import tokenize
from collections.abc import Callable, Iterable
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# The tables. Core stages bottom (imported by everything above) to top. Each entry is a module
# (or a package, which moves whole) relative to claimdiff/ (or gui/ for "gui:" entries), with an
# optional new name after "->". A module listed in STAY keeps its place.
# ---------------------------------------------------------------------------------------------
STAGES: list[tuple[str, str, list[str]]] = [
    (
        "base",
        "Shared low-level helpers every stage may use: the data model, errors, cancellation, "
        "resource lookup, atomic writes, guarded regexes, the relation colours, the language data.",
        ["model", "errors", "cancel", "resources", "patterns", "atomic", "palette", "lexicon"],
    ),
    (
        "language",
        "The spaCy pipeline and line reflow: page furniture on ingest and claims both need them.",
        ["nlp", "attribute_rules", "dateline", "reflow"],
    ),
    (
        "ingest",
        "Getting article text in: files, URLs, HTML, PDF, manifests, page furniture, the seeds.",
        ["load", "textfile", "fetch", "html", "pdf", "manifest", "furniture", "seeds"],
    ),
    (
        "claims",
        "From text to claims: sentences, speakers, quotes, entities, cues, structure, stems.",
        [
            "segment",
            "claims",
            "speakers",
            "quotes",
            "entities",
            "cues",
            "structure",
            "stems",
            "voices",
            "ner",
            "sources",
        ],
    ),
    (
        "similarity",
        "Sentence similarity backends: lexical, semantic and the shared hybrid default.",
        ["similarity", "semantic"],
    ),
    (
        "labels",
        "Codebooks and labelling: parse, edit, fit, suggest, exemplars, label claims.",
        [
            "codebook",
            "yamlnodes",
            "label",
            "fit",
            "suggest",
            "codebook_edit",
            "corpus.exemplars",
        ],
    ),
    (
        "match",
        "Matching two articles' claims: alignment, the judge, word diff, negation, "
        "contradiction, pair classifiers and models.",
        [
            "compare",
            "judge",
            "diff",
            "negation",
            "contradiction",
            "conflict_candidates",
            "pair_model",
            "pairs",
            "classifiers",
            "crossencoder",
            "newspairs",
        ],
    ),
    ("timeline", "Positions over time for a set of dated comparisons.", ["timeline"]),
    (
        "session",
        "Qt-free application state and the analysis job: the pipeline, the link index, the "
        "window's view state (moved from the desktop app).",
        ["linkindex", "selfpair", "pipeline", "gui:session"],
    ),
    ("corpus", "A persistent corpus of dated articles (already a package).", ["corpus/"]),
    (
        "output",
        "What leaves the program: terminal rendering, JSON, reports.",
        ["render", "jsonio", "report"],
    ),
    (
        "cli",
        "The command line: `claimdiff`, its codebook and corpus commands.",
        ["cli", "codebook_cli", "corpus.commands -> corpus"],
    ),
]
STAY = ["__main__"]  # and claimdiff/__init__.py (the version)

# The desktop app (gui/, imported as claimdiff_gui): folders by part of the window.
GUI_GROUPS: list[tuple[str, str, list[str]]] = [
    (
        "window",
        "The main window, its menus, commands, settings and small dialogs.",
        [
            "mainwindow",
            "actions",
            "commands",
            "settings",
            "recent",
            "reloader",
            "shot",
            "statusarea",
            "notifier",
            "theme",
            "welcome",
            "dialogs",
            "memos",
        ],
    ),
    (
        "compare",
        "The comparison views: article panes, claims table, details, link map, codebook dock.",
        [
            "panes",
            "claimstable",
            "tablemodel",
            "details",
            "linkmap",
            "offsets",
            "legend",
            "selectioncoding",
            "codebookdock",
            "codebookeditor",
            "findbar",
            "scrollsync",
        ],
    ),
    ("timeline", "The positions-over-time tab.", ["timeline", "seriesplan", "serieslegend"]),
    (
        "corpus",
        "The corpus tab: articles, import dialogs, corrections.",
        ["corpuspanel", "corpusdialogs", "articlespanel", "corrections"],
    ),
    (
        "work",
        "Background work: the worker pool and the Qt-free jobs it runs.",
        ["workers", "jobs", "corpusjobs", "controller", "frames"],
    ),
    ("export", "Reports, PDF and PNG export.", ["export", "pdf"]),
]
GUI_STAY = ["__main__", "app"]  # and gui/__init__.py

# Tests mirror the stages: tests/core/<stage>/, tests/gui/<group>/. Helpers, conftest.py and
# whole-package tests stay where they are.
TESTS_CORE: dict[str, list[str]] = {
    "base": ["test_atomic", "test_cancel", "test_lexicon_home", "test_models_manifest"],
    "language": ["test_nlp", "test_reflow"],
    "ingest": ["test_load", "test_furniture", "test_manifest", "test_fuzz_inputs", "test_fuzz"],
    "claims": [
        "test_claims",
        "test_segment",
        "test_speakers",
        "test_voices",
        "test_ner",
        "test_attribution_cues",
    ],
    "similarity": ["test_semantic"],
    "labels": [
        "test_codebook",
        "test_codebook_edit",
        "test_label",
        "test_fit",
        "test_suggest",
        "test_properties",
    ],
    "match": [
        "test_compare",
        "test_judge",
        "test_diff",
        "test_pairs",
        "test_classifiers",
        "test_crossencoder",
        "test_newspairs",
        "test_stance",
        "test_scale",
    ],
    "timeline": ["test_timeline"],
    "session": ["test_linkindex", "test_selfpair"],
    "corpus": [
        "test_corpus_corrections",
        "test_corpus_dask",
        "test_corpus_import",
        "test_corpus_listing",
        "test_corpus_parquet_optional",
        "test_corpus_timeline",
        "test_corpus_codebook",
    ],
    "output": ["test_report", "test_report_labels"],
    "cli": ["test_cli", "test_codebook_cli"],
}
TESTS_CORE_STAY = ["conftest", "test_packaging", "test_qt_free"]
TESTS_GUI: dict[str, list[str]] = {
    "window": [
        "test_gui_app",
        "test_gui_binding",
        "test_gui_layout",
        "test_gui_memos",
        "test_gui_notices",
        "test_gui_palette",
        "test_gui_welcome",
        "test_gui_window",
    ],
    "compare": [
        "test_gui_details_attribution",
        "test_gui_highlight",
        "test_gui_panes",
        "test_gui_views",
        "test_gui_session",
    ],
    "timeline": ["test_gui_timeline", "test_gui_timeline_folder"],
    "corpus": ["test_gui_articles_model"],
    "work": ["test_gui_cancel"],
    "export": ["test_gui_export", "test_pdf", "test_pdf_pages"],
}
# test_gui_corpus imports helpers from test_gui_responsive, and test_gui_dialogs and
# test_gui_recent import fixtures from test_gui_corpus: they stay together until those helpers
# move to a shared module (check_tests stops on any such import across folders).
TESTS_GUI_STAY = [
    "conftest",
    "docread",
    "handmade",
    "test_gui_corpus",
    "test_gui_responsive",
    "test_gui_dialogs",
    "test_gui_recent",
    "test_gui_codebook",
    "test_gui_codebook_in_use",
]

# Where references are rewritten (paths relative to the repository root).
REWRITE_ROOTS = [
    "claimdiff",
    "gui",
    "tests",
    "tools",
    "eval",
    "benchmarks",
    "packaging",
    "docs",
    ".ci",
]
REWRITE_FILES = ["pyproject.toml", "README.md", "dev.sh", "MANIFEST.in", ".pre-commit-config.yaml"]
TEXT_SUFFIXES = {".py", ".md", ".toml", ".spec", ".sh", ".txt", ".yaml", ".yml", ".cfg", ".in", ""}

LAYERS_NAME = "Stages: each stage folder imports only the stages below it"
DOC_HEADING = "## Stage folders"


class Fail(Exception):
    """A check failed; nothing has been changed."""


# --------------------------------------------------------------------------- the full mapping
def _entry(item: str) -> tuple[str, str | None]:
    old, _, new = (s.strip() for s in item.partition("->"))
    return old, (new or None)


def core_moves() -> list[tuple[str, dict[str, str]]]:
    """Per stage: old full module name -> new full module name (packages move whole)."""
    out = []
    for stage, _doc, items in STAGES:
        moves: dict[str, str] = {}
        for item in items:
            old, rename = _entry(item)
            if old.startswith("gui:"):
                name = old[4:]
                moves[f"claimdiff_gui.{name}"] = f"claimdiff.{stage}.{rename or name}"
                continue
            if old == f"{stage}/":  # an existing package that is the stage folder: stays
                moves[f"claimdiff.{stage}"] = f"claimdiff.{stage}"
                continue
            base = rename or old.rsplit(".", 1)[-1]
            moves[f"claimdiff.{old}"] = f"claimdiff.{stage}.{base}"
        out.append((stage, moves))
    return out


def gui_moves() -> list[tuple[str, dict[str, str]]]:
    return [
        (f"gui/{group}", {f"claimdiff_gui.{m}": f"claimdiff_gui.{group}.{m}" for m in items})
        for group, _doc, items in GUI_GROUPS
    ]


def test_moves() -> dict[str, str]:
    """Old test path -> new test path (relative to the root)."""
    out = {}
    for where, table in (("core", TESTS_CORE), ("gui", TESTS_GUI)):
        for folder, names in table.items():
            for name in names:
                out[f"tests/{where}/{name}.py"] = f"tests/{where}/{folder}/{name}.py"
    return out


def stage_table() -> dict[str, str]:
    """Every known old module/package (full name) -> new name; identity for those that stay."""
    table: dict[str, str] = {}
    for _stage, moves in core_moves() + gui_moves():
        table.update(moves)
    for name in STAY:
        table[f"claimdiff.{name}"] = f"claimdiff.{name}"
    for name in GUI_STAY:
        table[f"claimdiff_gui.{name}"] = f"claimdiff_gui.{name}"
    return table


# --------------------------------------------------------------------------- module <-> path
def module_name(root: Path, path: Path) -> str:
    rel = path.relative_to(root).with_suffix("")
    parts = list(rel.parts)
    parts[0] = {"gui": "claimdiff_gui"}.get(parts[0], parts[0])
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def module_file(root: Path, name: str, package: bool) -> Path:
    parts = name.split(".")
    top = {"claimdiff_gui": "gui"}.get(parts[0], parts[0])
    base = root.joinpath(top, *parts[1:])
    return base / "__init__.py" if package else base.with_suffix(".py")


def all_modules(root: Path) -> dict[str, Path]:
    mods = {}
    for top in ("claimdiff", "gui"):
        for path in sorted((root / top).rglob("*.py")):
            if "__pycache__" not in path.parts:
                mods[module_name(root, path)] = path
    return mods


def covering(name: str, table: dict[str, str]) -> str | None:
    """The longest key of table that is name or a package above it."""
    parts = name.split(".")
    for n in range(len(parts), 0, -1):
        key = ".".join(parts[:n])
        if key in table:
            return key
    return None


def translate(name: str, moves: dict[str, str]) -> str:
    key = covering(name, moves)
    return name if key is None else moves[key] + name[len(key) :]


# --------------------------------------------------------------------------- checks
def git(root: Path, *args: str, capture: bool = True) -> str:
    proc = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=capture, text=True, check=False
    )
    if proc.returncode != 0:
        raise Fail(f"git {' '.join(args)} failed: {proc.stderr.strip() if capture else ''}")
    return proc.stdout if capture else ""


def check_clean(root: Path) -> None:
    dirty = git(root, "status", "--porcelain").strip()
    if dirty:
        raise Fail(
            "the working tree has uncommitted changes; commit or stash them first:\n" + dirty
        )


def check_known(root: Path, table: dict[str, str]) -> None:
    mods = all_modules(root)
    roots = ("claimdiff", "claimdiff_gui")
    unknown = [m for m in mods if m not in roots and covering(m, table) is None]
    listed_missing = [k for k in table if k not in mods]
    tests = test_moves()
    stay = {f"tests/core/{n}.py" for n in TESTS_CORE_STAY} | {
        f"tests/gui/{n}.py" for n in TESTS_GUI_STAY
    }
    test_files = {
        p.relative_to(root).as_posix()
        for where in ("core", "gui")
        for p in (root / "tests" / where).glob("*.py")
    }
    unknown_tests = sorted(test_files - set(tests) - stay)
    missing_tests = sorted(set(tests) - test_files)
    problems = []
    if unknown:
        problems.append(
            "modules in no table (add each to STAGES/GUI_GROUPS/STAY): " + ", ".join(unknown)
        )
    if listed_missing:
        problems.append(
            "table entries with no module (renamed or deleted?): " + ", ".join(listed_missing)
        )
    if unknown_tests:
        problems.append("test files in no table (TESTS_*): " + ", ".join(unknown_tests))
    if missing_tests:
        problems.append("test table entries with no file: " + ", ".join(missing_tests))
    problems += cross_test_imports(root, tests)
    targets = [v for k, v in table.items() if k != v]
    dupes = sorted({t for t in targets if targets.count(t) > 1})
    if dupes:
        problems.append("two modules would move to the same name: " + ", ".join(dupes))
    if problems:
        raise Fail("\n".join(problems))


def cross_test_imports(root: Path, tests: dict[str, str]) -> list[str]:
    """Test modules import each other by bare name: both must end in the same folder."""
    where: dict[str, str] = {}
    for path in (root / "tests").rglob("*.py"):
        rel = path.relative_to(root).as_posix()
        where[path.stem] = str(Path(tests.get(rel, rel)).parent)
    problems = []
    for path in (root / "tests").rglob("*.py"):
        rel = path.relative_to(root).as_posix()
        here = str(Path(tests.get(rel, rel)).parent)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if name.startswith("test_") and name in where and where[name] != here:
                    problems.append(
                        f"{rel} imports {name}, which would end in another folder "
                        f"({where[name]} vs {here}); keep them together in the test tables"
                    )
    return problems


def imports_of(name: str, path: Path, known: set[str]) -> tuple[set[str], list[str]]:
    """Modules of the tree that a module imports anywhere (function-level, TYPE_CHECKING too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    relative = []
    is_pkg = path.name == "__init__.py"
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                relative.append(f"{path}:{node.lineno}")
                pkg = name.split(".") if is_pkg else name.split(".")[:-1]
                pkg = pkg[: len(pkg) - node.level + 1]
                base = ".".join(pkg + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            targets = [f"{base}.{a.name}" for a in node.names] + [base]
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name:
                found.add(t)
    return found, relative


def check_graph(root: Path, table: dict[str, str]) -> None:
    """The core's imports fit the stage order with no cycle; stop on the first sign of trouble."""
    mods = all_modules(root)
    known = set(mods)
    order = [stage for stage, _doc, _items in STAGES]
    problems: list[str] = []
    graph: dict[str, set[str]] = {}
    for name, path in mods.items():
        deps, relative = imports_of(name, path, known)
        problems += [f"relative import (not handled): {r}" for r in relative]
        graph[name] = deps

    def stage_of(name: str) -> str | None:
        new = translate(name, table).split(".")
        return new[1] if new[0] == "claimdiff" and len(new) >= 2 and new[1] in order else None

    for name, deps in graph.items():
        if not translate(name, table).startswith("claimdiff."):
            continue
        here = stage_of(name)
        for dep in sorted(deps):
            there = stage_of(dep)
            if dep.split(".")[0] == "claimdiff_gui" and translate(dep, table).startswith(
                "claimdiff_gui"
            ):
                problems.append(f"{name} imports the desktop app ({dep})")
            elif here and there and order.index(there) > order.index(here):
                problems.append(
                    f"upward import: {name} ({here}) imports {dep} ({there}); "
                    "move one of them or break the dependency first"
                )
    core = {
        n: {d for d in deps if d.startswith("claimdiff.")}
        for n, deps in graph.items()
        if n.startswith("claimdiff.")
    }
    problems += [f"import cycle: {' -> '.join(c)}" for c in cycles(core)]
    if problems:
        raise Fail("\n".join(problems))


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (a package's own __init__ aside)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w.startswith(v + ".") or v.startswith(w + "."):
                continue  # a package and its own modules: __init__ re-exports, not a cycle
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(max(10000, sys.getrecursionlimit()))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


# --------------------------------------------------------------------------- rewriting text
DOTTED = r"(?<![\w.])(?:claimdiff_gui|claimdiff)(?:\.\w+)+"
FROM = r"^(?P<ind>[ \t]*)from[ \t]+(?P<pkg>(?:claimdiff_gui|claimdiff)(?:\.\w+)*)[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n]*?)(?P<tail>[ \t]*#[^\n]*)?$"
MODPATH = (
    r"(?<![\w/.-])(?P<top>claimdiff_gui|claimdiff|gui)/(?P<rest>(?:\w+/)*\w+)(?P<ext>\.py\b|/)"
)
TESTPATH = r"(?<![\w/.-])tests/(?:core|gui)/\w+\.py\b"
# The same inside a line (a `python -c` string, after a ";"): plain names only, no parentheses.
INLINE = r"(?<![\w.])from[ \t]+(?P<ipkg>(?:claimdiff_gui|claimdiff)(?:\.\w+)*)[ \t]+import[ \t]+(?P<inames>\w+(?:[ \t]+as[ \t]+\w+)?(?:,[ \t]*\w+(?:[ \t]+as[ \t]+\w+)?)*)"
# A test file named by Path's "/" operator: REPO / "tests" / "core" / "output" / "test_report.py".
TESTPARTS = r'"tests"[ \t]*/[ \t]*"(?:core|gui)"[ \t]*/[ \t]*"test_\w+\.py"'
PATTERN = re.compile(
    f"(?P<from>{FROM})|(?P<inline>{INLINE})|(?P<parts>{TESTPARTS})|(?P<test>{TESTPATH})|(?P<path>{MODPATH})|(?P<dot>{DOTTED})",
    re.M,
)


class Rewriter:
    """One pass over a text: each import, dotted name or path is rewritten at most once."""

    def __init__(self, moves: dict[str, str], tests: dict[str, str], known: set[str]) -> None:
        self.moves = moves
        self.tests = tests
        self.known = known  # module names of the tree before this step

    def dotted(self, name: str) -> str:
        return translate(name, self.moves)

    def from_import(self, m: re.Match[str]) -> str:
        """`from pkg import a, b`: a name that is a moved module gets its own statement."""
        inline = m["inline"] is not None
        pkg, raw = (m["ipkg"], m["inames"]) if inline else (m["pkg"], m["names"])
        indent = "" if inline else m["ind"]
        names = [n.strip() for n in raw.strip("()").replace("\n", " ").split(",") if n.strip()]
        if not names or any(n == "*" for n in names):
            return m[0].replace(pkg, self.dotted(pkg), 1)
        keep: list[str] = []
        extra: list[str] = []
        for item in names:
            name, _, alias = (s.strip() for s in item.partition(" as "))
            full = f"{pkg}.{name}"
            if full in self.known and covering(full, self.moves):
                new = self.dotted(full)
                parent, base = new.rsplit(".", 1)
                local = alias or name
                as_part = f" as {local}" if base != local else ""
                extra.append(f"{indent}from {parent} import {base}{as_part}")
            else:
                keep.append(item)
        new_pkg = self.dotted(pkg)
        if not extra:
            return m[0].replace(pkg, new_pkg, 1)
        lines = []
        if keep:
            lines.append(f"{indent}from {new_pkg} import {', '.join(keep)}")
        lines += extra
        if inline:  # one line of code in a string stays one line
            return "; ".join(lines)
        if m["tail"]:
            lines[0] += m["tail"]
        return "\n".join(lines)

    def path(self, m: re.Match[str]) -> str:
        top, rest, ext = m["top"], m["rest"], m["ext"]
        pkg_top = "claimdiff_gui" if top == "gui" else top
        name = ".".join([pkg_top, *rest.split("/")])
        if name not in self.known or covering(name, self.moves) is None:
            return m[0]
        new = self.dotted(name).split(".")
        new_top = new[0]
        if new_top == "claimdiff_gui" and top == "gui":
            new_top = "gui"
        return f"{new_top}/{'/'.join(new[1:])}{ext}"

    def sub(self, text: str) -> str:
        def one(m: re.Match[str]) -> str:
            if m["from"] or m["inline"]:
                return self.from_import(m)
            if m["test"]:
                return self.tests.get(m["test"], m["test"])
            if m["parts"]:
                old = "/".join(re.findall(r'"([^"]+)"', m["parts"]))
                new = self.tests.get(old)
                return " / ".join(f'"{part}"' for part in new.split("/")) if new else m["parts"]
            if m["path"]:
                return self.path(m)
            return self.dotted(m["dot"])

        return PATTERN.sub(one, text)


def rewrite_files(root: Path) -> list[Path]:
    files = []
    for rel in git(root, "ls-files", *REWRITE_ROOTS, *REWRITE_FILES).splitlines():
        path = root / rel
        if path.is_file() and (path.suffix in TEXT_SUFFIXES or path.name == "run"):
            files.append(path)
    return files


def rewrite_tree(root: Path, rewriter: Rewriter) -> dict[str, str]:
    """Rewrite every file in place; the text each changed file had before."""
    changed: dict[str, str] = {}
    for path in rewrite_files(root):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        new = rewriter.sub(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed[path.relative_to(root).as_posix()] = text
    return changed


def deepen_test_paths(path: Path, levels: int) -> None:
    """A file moved one folder down finds the repository root one parent further up."""
    if levels == 0:
        return
    text = path.read_text(encoding="utf-8")
    new = re.sub(
        r"(Path\(__file__\)\.resolve\(\)\.parents\[)(\d+)\]",
        lambda m: f"{m[1]}{int(m[2]) + levels}]",
        text,
    )
    new = re.sub(
        r"(Path\(__file__\)\.resolve\(\)(?:\.parent)+)(?![\w\[])",
        lambda m: m[1] + ".parent" * levels,
        new,
    )
    if new != text:
        path.write_text(new, encoding="utf-8")


# --------------------------------------------------------------------------- moves
def docstring(doc: str) -> str:
    lines = textwrap.wrap(doc, LIMIT - 4)
    if len(lines) == 1:
        return f'"""{doc}"""\n'
    return '"""' + "\n".join(lines) + '\n"""\n'


LIMIT = 100  # ruff's line-length


def text_spans(source: str) -> tuple[set[int], set[int], set[int]]:
    """Line numbers of comments, of inner lines of triple-quoted strings, of one-line docstrings."""
    comments: set[int] = set()
    inner: set[int] = set()
    one_line: set[int] = set()
    prev = tokenize.NEWLINE
    for tok in tokenize.generate_tokens(iter(source.splitlines(keepends=True)).__next__):
        if tok.type == tokenize.COMMENT:
            comments.add(tok.start[0])
        elif tok.type == tokenize.STRING and tok.string.endswith(('"""', "'''")):
            first, last = tok.start[0], tok.end[0]
            inner |= set(range(first + 1, last))
            if first == last and prev in (
                tokenize.NEWLINE,
                tokenize.INDENT,
                tokenize.DEDENT,
                tokenize.NL,
            ):
                one_line.add(first)
            elif first < last:
                inner.add(first)  # the opening line: text after the quotes may be split too
        if tok.type not in (tokenize.COMMENT, tokenize.NL):
            prev = tok.type
    return comments, inner, one_line


def split_at_space(text: str, room: int) -> tuple[str, str] | None:
    cut = text.rfind(" ", 0, room + 1)
    return (text[:cut].rstrip(), text[cut + 1 :]) if cut > 0 else None


def wrap_long_lines(path: Path, before: set[str]) -> int:
    """Re-wrap comment and docstring lines a longer module name pushed past the line length.

    The words that no longer fit move to the start of the next line of the same comment or
    docstring paragraph (which may then overflow in turn), or onto a new line after it.
    """
    source = path.read_text(encoding="utf-8")
    lines = source.split("\n")
    if all(len(line) <= LIMIT or line in before for line in lines):
        return 0
    if path.suffix in (".py", ".spec"):
        try:
            comments, inner, one_line = text_spans(source)
        except (tokenize.TokenError, SyntaxError):
            return 0
    else:  # TOML, shell: whole-line # comments only
        comments = {n for n, line in enumerate(lines, 1) if line.lstrip().startswith("#")}
        inner, one_line = set(), set()
    kinds = [
        "comment"
        if n in comments and line.lstrip().startswith("#")
        else "one"
        if n in one_line
        else "inner"
        if n in inner
        else ""
        for n, line in enumerate(lines, 1)
    ]
    fixed = 0
    i = 0
    while i < len(lines):
        line, kind = lines[i], kinds[i]
        indent = line[: len(line) - len(line.lstrip())]
        if len(line) <= LIMIT or not kind or line in before:
            i += 1
            continue
        if kind == "one":
            m = re.match(r'^(\s*)("""|\'\'\')(.*)\2$', line)
            if m:
                lines[i : i + 1] = [f"{indent}{m[2]}{m[3]}", f"{indent}{m[2]}"]
                kinds[i : i + 1] = ["inner", ""]
                continue
            i += 1
            continue
        parts = split_at_space(line, LIMIT)
        if not parts:
            i += 1
            continue
        head, rest = parts
        prefix = "# " if kind == "comment" else ""
        lines[i] = head
        if i + 1 < len(lines) and joinable(lines[i + 1], kinds[i + 1], kind, indent):
            nxt = lines[i + 1][len(indent) + len(prefix) :]
            lines[i + 1] = f"{indent}{prefix}{rest} {nxt}"
        else:
            lines.insert(i + 1, f"{indent}{prefix}{rest}")
            kinds.insert(i + 1, kind)
        fixed += 1
        i += 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return fixed


def joinable(line: str, kind: str, want: str, indent: str) -> bool:
    """Whether a line continues the same paragraph: same kind and indent, plain prose."""
    if kind != want or line[: len(indent)] != indent or line[len(indent) : len(indent) + 1] == " ":
        return False
    text = line[len(indent) :]
    if want == "comment":
        text = text[1:].strip() if text.startswith("#") else ""
    return bool(text) and not re.match(r'^([-*+>|:]|\d+[.)]\s|"""|\'\'\'|\.\. |```)', text)


def ensure_package(root: Path, name: str, doc: str, log: Callable[[str], None]) -> None:
    init = module_file(root, name, package=True)
    if init.exists():
        return
    init.parent.mkdir(parents=True, exist_ok=True)
    init.write_text(docstring(doc), encoding="utf-8")
    git(root, "add", init.relative_to(root).as_posix())
    log(f"  created {init.relative_to(root)}")


def move_module(
    root: Path, old: str, new: str, known: dict[str, Path], log: Callable[[str], None]
) -> None:
    src = known[old]
    if src.name == "__init__.py":  # a package moves whole
        src_dir = src.parent
        dst_dir = module_file(root, new, package=True).parent
        dst_dir.parent.mkdir(parents=True, exist_ok=True)
        git(root, "mv", src_dir.relative_to(root).as_posix(), dst_dir.relative_to(root).as_posix())
        log(f"  git mv {src_dir.relative_to(root)}/ {dst_dir.relative_to(root)}/")
        return
    dst = module_file(root, new, package=False)
    dst.parent.mkdir(parents=True, exist_ok=True)
    git(root, "mv", src.relative_to(root).as_posix(), dst.relative_to(root).as_posix())
    log(f"  git mv {src.relative_to(root)} {dst.relative_to(root)}")


def ruff_sort(root: Path, log: Callable[[str], None]) -> None:
    ruff = root / ".venv" / "bin" / "ruff"
    cmd = [str(ruff) if ruff.exists() else "ruff", "check", "--select", "I", "--fix", "--quiet"]
    targets = [
        t
        for t in ("claimdiff", "gui", "tests", "tools", "eval", "benchmarks", "packaging")
        if (root / t).exists()
    ]
    proc = subprocess.run([*cmd, *targets], cwd=root, capture_output=True, text=True, check=False)
    log(f"  ruff check --select I --fix: exit {proc.returncode}")
    if proc.returncode not in (0, 1):
        raise RuntimeError(proc.stderr)


def ruff_format(root: Path, files: list[str], log: Callable[[str], None]) -> None:
    """Re-wrap code lines a longer module name made too long (the tree was formatted before)."""
    files = [f for f in files if (root / f).exists()]
    if not files:
        return
    ruff = root / ".venv" / "bin" / "ruff"
    cmd = [str(ruff) if ruff.exists() else "ruff", "format", "--quiet", *files]
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)


def report_long_lines(root: Path, log: Callable[[str], None]) -> None:
    ruff = root / ".venv" / "bin" / "ruff"
    cmd = [
        str(ruff) if ruff.exists() else "ruff",
        "check",
        "--select",
        "E501",
        "--output-format",
        "concise",
        "--quiet",
        "claimdiff",
        "gui",
        "tests",
        "tools",
        "eval",
        "benchmarks",
    ]
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=False)
    if proc.stdout.strip():
        log("lines still too long (fix by hand):\n" + proc.stdout.rstrip())


def apply_step(
    root: Path,
    label: str,
    moves: dict[str, str],
    tests: dict[str, str],
    package_docs: dict[str, str],
    log: Callable[[str], None],
) -> None:
    known = all_modules(root)
    log(f"[{label}]")
    for pkg, doc in package_docs.items():
        ensure_package(root, pkg, doc, log)
    for old, new in moves.items():
        if old != new:
            move_module(root, old, new, known, log)
            if not known[old].name == "__init__.py":
                src = known[old].relative_to(root).as_posix()
                dst = module_file(root, new, package=False)
                deepen_test_paths(dst, dst.relative_to(root).as_posix().count("/") - src.count("/"))
    for old, new in tests.items():
        (root / new).parent.mkdir(parents=True, exist_ok=True)
        git(root, "mv", old, new)
        deepen_test_paths(root / new, new.count("/") - old.count("/"))
        log(f"  git mv {old} {new}")
    rewriter = Rewriter({k: v for k, v in moves.items() if k != v}, tests, set(known))
    changed = rewrite_tree(root, rewriter)
    log(f"  rewrote references in {len(changed)} files")
    wrapped = sum(
        wrap_long_lines(root / rel, set(old.split("\n")))
        for rel, old in changed.items()
        if rel.endswith((".py", ".spec", ".toml", ".sh"))
    )
    if wrapped:
        log(f"  split {wrapped} comment/docstring lines a longer name made too long")
    ruff_sort(root, log)
    ruff_format(root, [rel for rel in changed if rel.endswith(".py")], log)


# --------------------------------------------------------------------------- pyproject, docs
def packages_list(root: Path) -> list[str]:
    names = []
    for top, pkg in (("claimdiff", "claimdiff"), ("gui", "claimdiff_gui")):
        for init in sorted((root / top).rglob("__init__.py")):
            rel = init.parent.relative_to(root / top).parts
            names.append(".".join([pkg, *rel]))
    return names


def update_pyproject(root: Path, log: Callable[[str], None]) -> None:
    path = root / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^packages = \[\n(?P<body>(?:    .*\n)*?)\]\n", text, re.M)
    if not m:
        raise RuntimeError("pyproject.toml: [tool.setuptools] packages list not found")
    others = [
        line
        for line in m["body"].splitlines()
        if not re.match(r'\s*"claimdiff(_gui)?(\.[\w.]+)?",', line)
    ]
    body = "".join(f'    "{p}",\n' for p in packages_list(root)) + "".join(f"{o}\n" for o in others)
    text = text[: m.start("body")] + body + text[m.end("body") :]
    layers = [stage for stage, _doc, _items in reversed(STAGES)]
    contract = (
        "\n[[tool.importlinter.contracts]]\n"
        f'name = "{LAYERS_NAME}"\n'
        "# The stage folders of docs/architecture.md, top first: a module may import only from its\n"
        "# own stage and the stages listed after it. Function-level and TYPE_CHECKING imports count.\n"
        'type = "layers"\n'
        'containers = ["claimdiff"]\n'
        "layers = [\n" + "".join(f'    "{layer}",\n' for layer in layers) + "]\n"
    )
    if LAYERS_NAME in text:
        text = re.sub(
            r"\n\[\[tool\.importlinter\.contracts\]\]\nname = \""
            + re.escape(LAYERS_NAME)
            + r"\"\n(?:(?!\n\[).*\n)*?\]\n",
            lambda _m: contract,
            text,
        )
    else:
        text = text.rstrip("\n") + "\n" + contract
    path.write_text(text, encoding="utf-8")
    log("[pyproject] package list regenerated, import-linter layers contract written")


def doc_section() -> str:
    rows = []
    for stage, doc, items in STAGES:
        names = []
        for item in items:
            old, rename = _entry(item)
            if old == f"{stage}/":
                names.append("the corpus/ package as it was")
            elif old.startswith("gui:"):
                names.append(f"{rename or old[4:]} (was gui/{old[4:]}.py)")
            elif rename:
                names.append(f"{rename} (was {old.replace('.', '/')}.py)")
            elif "." in old:
                names.append(f"{old.rsplit('.', 1)[1]} (was {old.replace('.', '/')}.py)")
            else:
                names.append(old)
        rows.append(f"| `{stage}/` | {', '.join(names)} | {doc} |")
    gui_rows = [f"| `gui/{g}/` | {', '.join(items)} | {doc} |" for g, doc, items in GUI_GROUPS]

    def para(text: str) -> list[str]:
        return [*textwrap.wrap(text, LIMIT - 4, break_on_hyphens=False), ""]

    return "\n".join(
        [
            DOC_HEADING,
            "",
            *para(
                "The core's modules sit in folders in the order the data flows, bottom first. A "
                "module imports only from its own folder and the folders above it in this table; "
                f'the import-linter contract "{LAYERS_NAME}" in pyproject.toml checks it '
                "(`lint-imports`), counting imports inside functions and under TYPE_CHECKING, so a "
                "function-level import cannot hide a cycle. `claimdiff/__init__.py` (the version) "
                "and `__main__.py` stay at the top. Within a folder modules may import each other, "
                "but not in a cycle."
            ),
            "| folder | modules | what it does |",
            "|---|---|---|",
            *rows,
            "",
            *para(
                "`base/` exists because the data model, errors, cancellation, resource lookup, "
                "atomic writes, guarded patterns and the relation colours are used from ingest up "
                "to the reports: placed in any one stage they would make every stage below it "
                "import upward. `language/` holds the spaCy pipeline because ingest (page "
                "furniture) needs it as much as the claims stage does."
            ),
            *para(
                "The desktop app (`gui/`, installed as `claimdiff_gui`) is grouped by part of the "
                "window; `app.py` and `__main__.py` stay at its top, and no contract orders its "
                "folders yet (the main window and its parts refer to each other). Its Qt-free view "
                "state lives in `claimdiff/session/`. Tests mirror both: `tests/core/<stage>/`, "
                "`tests/gui/<folder>/`; whole-package tests and test modules that import each "
                "other stay at the top of `tests/core/` and `tests/gui/`."
            ),
            "| folder | modules | what it holds |",
            "|---|---|---|",
            *gui_rows,
            "",
        ]
    )


def update_docs(root: Path, log: Callable[[str], None]) -> None:
    path = root / "docs" / "architecture.md"
    text = path.read_text(encoding="utf-8")
    section = doc_section()
    m = re.search(rf"^{re.escape(DOC_HEADING)}\n.*?(?=^## |\Z)", text, re.M | re.S)
    if m:
        text = text[: m.start()] + section + "\n" + text[m.end() :]
    else:  # after "The flow", which it refines; else first
        first = re.search(r"^## The data contract", text, re.M) or re.search(r"^## ", text, re.M)
        at = first.start() if first else len(text)
        text = text[:at] + section + "\n" + text[at:]
    path.write_text(text, encoding="utf-8")
    log("[docs] docs/architecture.md: section 'Stage folders' written")


# --------------------------------------------------------------------------- main
def commit(root: Path, message: str, enabled: bool, log: Callable[[str], None]) -> None:
    if not enabled:
        return
    git(root, "add", "-A")
    if git(root, "status", "--porcelain").strip():
        git(root, "commit", "-q", "-m", message)
        log(f"  committed: {message.splitlines()[0]}")


def run(root: Path, do_commit: bool, dry_run: bool) -> None:
    log = print
    table = stage_table()
    check_clean(root)
    check_known(root, table)
    check_graph(root, table)
    log("checks passed: clean tree, every module and test placed, imports fit the stages, no cycle")
    if dry_run:
        for old, new in sorted(table.items()):
            if old != new:
                log(f"  {old} -> {new}")
        return
    tests = test_moves()
    core_docs = {stage: doc for stage, doc, _ in STAGES}
    for stage, moves in core_moves():
        stage_tests = {o: n for o, n in tests.items() if n.startswith(f"tests/core/{stage}/")}
        docs = {} if stage == "corpus" else {f"claimdiff.{stage}": core_docs[stage]}
        for old, new in moves.items():  # a package moving into a stage needs the stage first
            if old != new and module_file(root, old, True).exists():
                docs.setdefault(new.rsplit(".", 1)[0], core_docs[stage])
        apply_step(root, f"claimdiff/{stage}", moves, stage_tests, docs, log)
        commit(
            root,
            f"Stage folders: claimdiff/{stage}/ (moves, references rewritten)\n\n"
            f"{core_docs[stage]}",
            do_commit,
            log,
        )
    gui_docs = {g: doc for g, doc, _ in GUI_GROUPS}
    for label, moves in gui_moves():
        group = label.split("/", 1)[1]
        group_tests = {o: n for o, n in tests.items() if n.startswith(f"tests/gui/{group}/")}
        apply_step(
            root, label, moves, group_tests, {f"claimdiff_gui.{group}": gui_docs[group]}, log
        )
        commit(
            root,
            f"Stage folders: {label}/ (moves, references rewritten)\n\n{gui_docs[group]}",
            do_commit,
            log,
        )
    update_pyproject(root, log)
    update_docs(root, log)
    ruff_sort(root, log)
    commit(
        root,
        "Stage folders: package list, import-linter layers contract, architecture notes\n\n"
        "The layers contract checks that each stage folder imports only the stages below it.",
        do_commit,
        log,
    )
    report_long_lines(root, log)
    log("done. Next: ruff check, mypy claimdiff, lint-imports, the test suite.")


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("root", type=Path, help="the repository root")
    parser.add_argument("--commit", action="store_true", help="one commit per stage folder")
    parser.add_argument("--dry-run", action="store_true", help="run the checks, print the moves")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        run(args.root.resolve(), args.commit, args.dry_run)
    except Fail as exc:
        print(f"restructure: stopped before changing anything:\n{exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
