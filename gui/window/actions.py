"""Menus, toolbar and shortcuts: one table of actions, each wired to the callable it runs.

A handler is a function of the window (a command of ``commands``, or a lambda calling one of the
window's methods), so mypy checks that it exists and takes what the action gives it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimdiff_gui.window import commands
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

if TYPE_CHECKING:
    from claimdiff_gui.window.mainwindow import MainWindow

Shortcut = QKeySequence.StandardKey | str | None


@dataclass(frozen=True)
class Action:
    """One menu or toolbar action: ``run`` for a command, ``toggle`` for an on/off setting."""

    text: str
    keys: tuple[Shortcut, ...]
    run: Callable[[MainWindow], object] | None = None
    toggle: Callable[[MainWindow, bool], object] | None = None
    tip: str = ""


ACTIONS: dict[str, Action] = {
    "open": Action(
        "&Open pair…",
        (QKeySequence.StandardKey.Open,),
        run=commands.open_pair_dialog,
        tip="Choose two articles",
    ),
    "open_url": Action(
        "Open &URL…",
        ("Ctrl+L",),
        run=commands.open_url_dialog,
        tip="Replace one side with a web page",
    ),
    "paste": Action(
        "&Paste as right article",
        ("Ctrl+Shift+V",),
        run=commands.paste_article,
        tip="Compare the text (or web address) on the clipboard as the right article",
    ),
    "new_corpus": Action(
        "&New corpus…",
        ("Ctrl+Shift+N",),
        run=commands.new_corpus,
        tip="Create a .claimdiff corpus file to import dated articles into",
    ),
    "open_corpus": Action(
        "Open c&orpus…",
        ("Ctrl+Shift+O",),
        run=commands.open_corpus,
        tip="Open a .claimdiff corpus: its articles, timeline and corrections",
    ),
    "reopen_corpus": Action(
        "Reopen the last corpus at &launch",
        (),
        toggle=lambda w, on: w.set_reopen_corpus(on),
        tip="Started without files, open the corpus that was open last time",
    ),
    "import_corpus": Action(
        "&Import into corpus…",
        ("Ctrl+I",),
        run=commands.import_into_corpus,
        tip="Add files, a folder or a CSV/JSONL/Parquet table to the open corpus",
    ),
    "codebook": Action(
        "Choose &codebook…",
        (),
        run=commands.choose_codebook,
        tip="Label claims with another codebook",
    ),
    "edit_codebook": Action(
        "&Edit codebook…",
        (),
        run=lambda w: w.edit_codebook(),
        tip="Topics, positions and example sentences of the codebook, without YAML",
    ),
    "reload_codebook": Action(
        "&Reload codebook",
        ("F5",),
        run=lambda w: w.reload_codebook(),
        tip="Re-read the codebook file",
    ),
    "export_report": Action(
        "&Export report…",
        ("Ctrl+E",),
        run=commands.export_report,
        tip="Write the comparison as HTML, PDF, Markdown, XLSX, CSV or JSON",
    ),
    "export_data": Action(
        "Export &data…",
        ("Ctrl+Shift+E",),
        run=commands.export_data,
        tip="Write the claims and links table as CSV, XLSX or JSON",
    ),
    "sample": Action(
        "Open &sample pair",
        (),
        run=commands.open_sample,
        tip="Compare the two shipped sample articles (2007 and 2017)",
    ),
    "quit": Action("&Quit", (QKeySequence.StandardKey.Quit,), run=lambda w: w.close()),
    "undo": Action(
        "&Undo",
        (QKeySequence.StandardKey.Undo,),
        run=commands.undo_correction,
        tip="Take back the last correction",
    ),
    "redo": Action(
        "&Redo",
        ("Ctrl+Shift+Z", "Ctrl+Y"),
        run=commands.redo_correction,
        tip="Make the correction taken back again",
    ),
    "copy": Action(
        "&Copy",
        (QKeySequence.StandardKey.Copy,),
        run=commands.copy,
        tip="Copy the selection or claim",
    ),
    "memo": Action(
        "&Memo on the selection…",
        ("Ctrl+M",),
        run=commands.memo_dialog,
        tip="Write a memo on the selected link or claim; it is saved and goes into reports",
    ),
    "find": Action("&Find in pane…", (QKeySequence.StandardKey.Find,), run=commands.find),
    "zoom_in": Action(
        "Zoom &in", (QKeySequence.StandardKey.ZoomIn, "Ctrl+="), run=lambda w: w.zoom_in()
    ),
    "zoom_out": Action(
        "Zoom &out", (QKeySequence.StandardKey.ZoomOut,), run=lambda w: w.zoom_out()
    ),
    "zoom_reset": Action("&Normal size", ("Ctrl+0",), run=lambda w: w.zoom_reset()),
    "dark": Action("&Dark mode", (), toggle=lambda w, on: w.set_dark(on), tip="Dark colours"),
    "bottom_tabs": Action(
        "&Bottom tabs",
        ("Ctrl+J",),
        toggle=lambda w, on: w.set_bottom_tabs(on),
        tip="Show or fold away the Claims, Timeline and Articles tabs (Ctrl+J)",
    ),
    "sync": Action(
        "&Synchronised scrolling",
        (),
        toggle=lambda w, on: w.set_sync_scroll(on),
        tip="Scroll both articles together",
    ),
    "next_conflict": Action(
        "Next &conflict",
        ("Alt+Down",),
        run=lambda w: w.next_conflict(),
        tip="Next conflicting claim (Alt+Down)",
    ),
    "prev_conflict": Action(
        "Previous c&onflict",
        ("Alt+Up",),
        run=lambda w: w.previous_conflict(),
        tip="Previous conflict (Alt+Up)",
    ),
    "next_diff": Action(
        "Next &difference",
        ("F8",),
        run=lambda w: w.next_difference(),
        tip="Next claim that is not shared (F8)",
    ),
    "prev_diff": Action(
        "Previous d&ifference",
        ("F7",),
        run=lambda w: w.previous_difference(),
        tip="Previous difference (F7)",
    ),
    "swap": Action(
        "S&wap sides",
        ("Ctrl+Shift+X",),
        run=lambda w: w.swap_sides(),
        tip="Exchange left and right",
    ),
    "cancel": Action(
        "C&ancel analysis",
        ("Ctrl+.",),
        run=lambda w: w.cancel_analysis(),
        tip="Stop the running analysis",
    ),
    "colours": Action("Colours and &marks", (), run=commands.show_colours),
    "about": Action("&About claimdiff", (), run=commands.show_about),
}

MENUS: dict[str, tuple[str, ...]] = {
    "&File": (
        "open",
        "open_url",
        "paste",
        "@recent",
        "-",
        "new_corpus",
        "open_corpus",
        "import_corpus",
        "reopen_corpus",
        "-",
        "export_report",
        "export_data",
        "-",
        "codebook",
        "edit_codebook",
        "reload_codebook",
        "-",
        "quit",
    ),
    "&Edit": ("undo", "redo", "-", "copy", "find", "-", "memo"),
    "&View": (
        "zoom_in",
        "zoom_out",
        "zoom_reset",
        "-",
        "dark",
        "sync",
        "-",
        "bottom_tabs",
        "@docks",
    ),
    "&Go": ("next_conflict", "prev_conflict", "next_diff", "prev_diff", "-", "swap"),
    "&Analysis": ("cancel",),
    "&Help": ("sample", "colours", "about"),
}
TOOLBAR = (
    "open",
    "-",
    "prev_conflict",
    "next_conflict",
    "prev_diff",
    "next_diff",
    "-",
    "swap",
    "sync",
)


@dataclass
class Menus:
    actions: dict[str, QAction]
    recent: QMenu
    docks: QMenu
    toolbar: QToolBar


def build(window: MainWindow) -> Menus:
    actions = {name: _action(window, name, spec) for name, spec in ACTIONS.items()}
    bar = window.menuBar()
    recent = QMenu("Open &recent", window)
    docks = QMenu("&Panels", window)
    for title, names in MENUS.items():
        menu = bar.addMenu(title)
        for name in names:
            if name == "-":
                menu.addSeparator()
            elif name == "@recent":
                menu.addMenu(recent)
            elif name == "@docks":
                menu.addMenu(docks)
            else:
                menu.addAction(actions[name])
    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("main-toolbar")
    for name in TOOLBAR:
        if name == "-":
            toolbar.addSeparator()
        else:
            toolbar.addAction(actions[name])
    return Menus(actions, recent, docks, toolbar)


def _action(window: MainWindow, name: str, spec: Action) -> QAction:
    action = QAction(spec.text, window)
    action.setObjectName(name)
    shortcuts = [QKeySequence(k) for k in spec.keys if k]
    if shortcuts:
        action.setShortcuts(shortcuts)
    action.setCheckable(spec.toggle is not None)
    if spec.tip:
        action.setToolTip(spec.tip)
        action.setStatusTip(spec.tip)
    toggle, run = spec.toggle, spec.run
    if toggle is not None:
        action.toggled.connect(lambda on: toggle(window, on))
    elif run is not None:
        action.triggered.connect(lambda _checked=False: run(window))
    window.addAction(action)  # shortcuts work even while the menu bar is hidden
    return action
