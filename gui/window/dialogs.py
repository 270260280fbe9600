"""Small dialogs: open a pair, open a URL, About, and the colours-and-marks help."""

from __future__ import annotations

from pathlib import Path

from claimdiff_gui.window.theme import OKABE_ITO, RELATION_TEXT, Theme
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import claimdiff

ERROR_COLOUR = OKABE_ITO["vermillion"]

ARTICLE_FILTER = "Articles (*.txt *.md *.html *.htm *.pdf);;All files (*)"


def confirm_box(
    dialog: QDialog, confirm: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Ok
) -> QDialogButtonBox:
    """The dialog's ``confirm`` (OK, Open, Save) and Cancel buttons, wired to accept and reject.

    Lay it out, then call :func:`enter_confirms` once every button of the dialog exists.
    """
    box = QDialogButtonBox(confirm | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def enter_confirms(dialog: QDialog, box: QDialogButtonBox) -> None:
    """Enter presses the box's OK/Open, never a Browse… or Add… button clicked before.

    In a QDialog every push button is "auto default": the last one clicked took Enter, so
    after Browse… Enter opened the file chooser again instead of confirming.
    """
    confirm = next(
        (b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole),
        None,
    )
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(button is confirm)
        button.setDefault(button is confirm)


def field_error(parent: QWidget) -> QLabel:
    """A hidden line under a field for what is wrong with it (the input stays as typed)."""
    label = QLabel("", parent)
    label.setObjectName("field-error")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOUR}")
    label.hide()
    return label


def show_field_error(label: QLabel, field: QWidget, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))
    if text:
        field.setFocus()


class OpenPairDialog(QDialog):
    """Two file pickers plus the recent pairs (double-click one to open it)."""

    def __init__(
        self, folder: str, recent: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open pair")
        self.folder = folder
        self.edits = (QLineEdit(self), QLineEdit(self))
        self.errors = (field_error(self), field_error(self))
        form = QFormLayout()
        for label, edit, error in zip(
            ("Left article", "Right article"), self.edits, self.errors, strict=True
        ):
            form.addRow(label, self._picker(edit))
            form.addRow("", error)
        self.recent = QListWidget(self)
        for left, right in recent:
            item = QListWidgetItem(f"{Path(left).name}  ↔  {Path(right).name}")
            item.setToolTip(f"{left}\n{right}")
            item.setData(256, (left, right))
            self.recent.addItem(item)
        self.recent.itemClicked.connect(self._on_recent)
        self.recent.itemDoubleClicked.connect(self._open_recent)
        buttons = confirm_box(self, QDialogButtonBox.StandardButton.Open)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Recent pairs", self))
        layout.addWidget(self.recent)
        layout.addWidget(buttons)
        enter_confirms(self, buttons)
        self.resize(640, 360)

    def accept(self) -> None:
        """Open only two articles that can be read; say which field is wrong and keep it."""
        ok = True
        for edit, error in zip(reversed(self.edits), reversed(self.errors), strict=True):
            problem = location_problem(edit.text().strip())
            show_field_error(error, edit, problem)
            ok = ok and not problem
        if ok:
            super().accept()

    def _picker(self, edit: QLineEdit) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        browse = QPushButton("Browse…", box)
        browse.clicked.connect(lambda: self._browse(edit))
        row.addWidget(edit, 1)
        row.addWidget(browse)
        return box

    def _browse(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose article", self.folder, ARTICLE_FILTER)
        if path:
            edit.setText(path)
            self.folder = str(Path(path).parent)

    def _on_recent(self, item: QListWidgetItem) -> None:
        left, right = item.data(256)
        self.edits[0].setText(left)
        self.edits[1].setText(right)

    def _open_recent(self, item: QListWidgetItem) -> None:
        """A double click on a recent pair opens it at once."""
        self._on_recent(item)
        self.accept()

    def pair(self) -> tuple[str, str] | None:
        left, right = (e.text().strip() for e in self.edits)
        return (left, right) if left and right else None


def location_problem(location: str) -> str:
    """What keeps a typed article location from opening ("" when nothing does)."""
    if not location:
        return "Choose an article (Browse…) or type its path."
    if "://" in location:
        return "" if location.startswith(("http://", "https://")) else "Only http(s) addresses."
    path = Path(location).expanduser()
    if path.is_dir():
        return "This is a folder; choose one article in it."
    return "" if path.is_file() else "No such file."


class OpenUrlDialog(QDialog):
    """A web address and the side it should replace."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open URL")
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://…")
        self.side = QComboBox(self)
        self.side.addItems(["right", "left"])
        self.error = field_error(self)
        form = QFormLayout(self)
        form.addRow("Address", self.url)
        form.addRow("", self.error)
        form.addRow("Replace side", self.side)
        buttons = confirm_box(self, QDialogButtonBox.StandardButton.Open)
        form.addRow(buttons)
        enter_confirms(self, buttons)
        self.resize(520, 120)

    def accept(self) -> None:
        url = self.url.text().strip()
        problem = "" if url.startswith(("http://", "https://")) else "Type an http(s):// address."
        show_field_error(self.error, self.url, problem)
        if not problem:
            super().accept()


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About claimdiff",
        f"<h3>claimdiff {claimdiff.__version__}</h3>"
        "<p>Puts two news articles side by side and shows which claims they share, where "
        "they conflict and how positions shift over time.</p>"
        "<p>claimdiff is MIT licensed. It uses Qt for Python (PySide6, LGPL-3.0), pyqtgraph "
        "(MIT), pandas and NumPy (BSD-3-Clause), spaCy and its en_core_web_sm pipeline (MIT), "
        "trafilatura (Apache-2.0), htmldate (Apache-2.0), pypdf (BSD-3-Clause), cryptography "
        "(Apache-2.0 or BSD-3-Clause), regex (Apache-2.0), onnxruntime (MIT), rapidfuzz "
        "(MIT), charset-normalizer (MIT) and PyYAML (MIT). Colours: the Okabe–Ito palette.</p>",
    )


def colours_html(theme: Theme) -> str:
    """The help text for colours and marks, with samples drawn from the live theme."""
    marks = {
        "shared": "solid underline — both articles make this claim",
        "conflicting": "wavy underline — the other article says the opposite, or gives a "
        "different number, date or name; dashed band in the gutter",
        "left_only": "dotted underline — no counterpart in the other article",
    }
    rows = "".join(
        f'<tr><td style="background-color:{theme.tint_html(rel)}; color:{theme.text};'
        f' border-bottom: 2px solid {theme.relation_html(rel)}">'
        f"&nbsp;{RELATION_TEXT[rel]}&nbsp;</td>"
        f"<td>&nbsp;{text}</td></tr>"
        for rel, text in marks.items()
    )
    return (
        "<h3>Colours and marks</h3><table cellspacing=6>" + rows + "</table>"
        "<p>Grey, smaller text is the headline and page furniture (menus, bylines); it is never "
        "compared. Plain text is body text without a claim.</p>"
        "<p>Bands in the gutter join a claim to its partner; a short stub points to a partner "
        "scrolled out of view. The selected link is drawn stronger.</p>"
        "<p>In the details, <s>struck</s> words are only in the left claim and <u>underlined</u> "
        "words only in the right one; [number], [date], [name], [negation] say what changed.</p>"
        "<p>The palette is Okabe–Ito, chosen to stay distinct with colour-vision deficiencies; "
        "every colour also has a line style so it reads in greyscale.</p>"
    )


def show_colours(parent: QWidget, theme: Theme) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("Colours and marks")
    box.setText(colours_html(theme))
    box.exec()
