"""Menus, toolbar and shortcuts: one table of actions wired to the window's handlers."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimdiff_gui.window import commands
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from claimdiff_gui.window.mainwindow import MainWindow

Shortcut = QKeySequence.StandardKey | str | None

# name: (text, shortcut(s), handler name on the window, checkable, tip)
SPECS: dict[str, tuple[str, tuple[Shortcut, ...], str, bool, str]] = {
    "open": (
        "&Open pair…",
        (QKeySequence.StandardKey.Open,),
        "open_pair_dialog",
        False,
        "Choose two articles",
    ),
    "open_url": (
        "Open &URL…",
        ("Ctrl+L",),
        "open_url_dialog",
        False,
        "Replace one side with a web page",
    ),
    "paste": (
        "&Paste as right article",
        ("Ctrl+Shift+V",),
        "paste_article",
        False,
        "Compare the text (or web address) on the clipboard as the right article",
    ),
    "new_corpus": (
        "&New corpus…",
        ("Ctrl+Shift+N",),
        "new_corpus",
        False,
        "Create a .claimdiff corpus file to import dated articles into",
    ),
    "open_corpus": (
        "Open c&orpus…",
        ("Ctrl+Shift+O",),
        "open_corpus",
        False,
        "Open a .claimdiff corpus: its articles, timeline and corrections",
    ),
    "reopen_corpus": (
        "Reopen the last corpus at &launch",
        (),
        "set_reopen_corpus",
        True,
        "Started without files, open the corpus that was open last time",
    ),
    "import_corpus": (
        "&Import into corpus…",
        ("Ctrl+I",),
        "import_into_corpus",
        False,
        "Add files, a folder or a CSV/JSONL/Parquet table to the open corpus",
    ),
    "codebook": (
        "Choose &codebook…",
        (),
        "choose_codebook",
        False,
        "Label claims with another codebook",
    ),
    "edit_codebook": (
        "&Edit codebook…",
        (),
        "edit_codebook",
        False,
        "Topics, positions and example sentences of the codebook, without YAML",
    ),
    "reload_codebook": (
        "&Reload codebook",
        ("F5",),
        "reload_codebook",
        False,
        "Re-read the codebook file",
    ),
    "export_report": (
        "&Export report…",
        ("Ctrl+E",),
        "export_report",
        False,
        "Write the comparison as HTML, PDF, Markdown, XLSX, CSV or JSON",
    ),
    "export_data": (
        "Export &data…",
        ("Ctrl+Shift+E",),
        "export_data",
        False,
        "Write the claims and links table as CSV, XLSX or JSON",
    ),
    "sample": (
        "Open &sample pair",
        (),
        "open_sample",
        False,
        "Compare the two shipped sample articles (2007 and 2017)",
    ),
    "quit": ("&Quit", (QKeySequence.StandardKey.Quit,), "close", False, ""),
    "undo": (
        "&Undo",
        (QKeySequence.StandardKey.Undo,),
        "undo_correction",
        False,
        "Take back the last correction",
    ),
    "redo": (
        "&Redo",
        ("Ctrl+Shift+Z", "Ctrl+Y"),
        "redo_correction",
        False,
        "Make the correction taken back again",
    ),
    "copy": (
        "&Copy",
        (QKeySequence.StandardKey.Copy,),
        "copy",
        False,
        "Copy the selection or claim",
    ),
    "memo": (
        "&Memo on the selection…",
        ("Ctrl+M",),
        "memo_dialog",
        False,
        "Write a memo on the selected link or claim; it is saved and goes into reports",
    ),
    "find": ("&Find in pane…", (QKeySequence.StandardKey.Find,), "find", False, ""),
    "zoom_in": ("Zoom &in", (QKeySequence.StandardKey.ZoomIn, "Ctrl+="), "zoom_in", False, ""),
    "zoom_out": ("Zoom &out", (QKeySequence.StandardKey.ZoomOut,), "zoom_out", False, ""),
    "zoom_reset": ("&Normal size", ("Ctrl+0",), "zoom_reset", False, ""),
    "dark": ("&Dark mode", (), "set_dark", True, "Dark colours"),
    "bottom_tabs": (
        "&Bottom tabs",
        ("Ctrl+J",),
        "set_bottom_tabs",
        True,
        "Show or fold away the Claims, Timeline and Articles tabs (Ctrl+J)",
    ),
    "sync": (
        "&Synchronised scrolling",
        (),
        "set_sync_scroll",
        True,
        "Scroll both articles together",
    ),
    "next_conflict": (
        "Next &conflict",
        ("Alt+Down",),
        "next_conflict",
        False,
        "Next conflicting claim (Alt+Down)",
    ),
    "prev_conflict": (
        "Previous c&onflict",
        ("Alt+Up",),
        "previous_conflict",
        False,
        "Previous conflict (Alt+Up)",
    ),
    "next_diff": (
        "Next &difference",
        ("F8",),
        "next_difference",
        False,
        "Next claim that is not shared (F8)",
    ),
    "prev_diff": (
        "Previous d&ifference",
        ("F7",),
        "previous_difference",
        False,
        "Previous difference (F7)",
    ),
    "swap": ("S&wap sides", ("Ctrl+Shift+X",), "swap_sides", False, "Exchange left and right"),
    "cancel": (
        "C&ancel analysis",
        ("Ctrl+.",),
        "cancel_analysis",
        False,
        "Stop the running analysis",
    ),
    "colours": ("Colours and &marks", (), "show_colours", False, ""),
    "about": ("&About claimdiff", (), "show_about", False, ""),
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


def build(window: MainWindow) -> Menus:
    actions = {name: _action(window, name, spec) for name, spec in SPECS.items()}
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
    window.toolbar = toolbar
    return Menus(actions, recent, docks)


def _action(
    window: MainWindow, name: str, spec: tuple[str, tuple[Shortcut, ...], str, bool, str]
) -> QAction:
    text, keys, handler, checkable, tip = spec
    action = QAction(text, window)
    action.setObjectName(name)
    shortcuts = [QKeySequence(k) for k in keys if k]
    if shortcuts:
        action.setShortcuts(shortcuts)
    action.setCheckable(checkable)
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    # Handlers live on the window (state changes) or in commands (dialogs and helpers).
    command = getattr(commands, handler, None)
    slot = getattr(window, handler) if command is None else functools.partial(command, window)
    if checkable:
        action.toggled.connect(slot)
    else:
        action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # shortcuts work even while the menu bar is hidden
    return action
