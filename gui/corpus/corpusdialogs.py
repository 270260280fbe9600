"""File → New corpus, Open corpus, Import into corpus: the dialogs that pick what and where."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from claimdiff_gui.window.dialogs import confirm_box, enter_confirms
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from claimdiff.base.errors import InputError
from claimdiff.corpus.tabular import FIELDS

if TYPE_CHECKING:
    from claimdiff_gui.corpus.corpuspanel import CorpusController
    from claimdiff_gui.window.notifier import Notifier
    from claimdiff_gui.window.settings import Settings

CORPUS_FILTER = "claimdiff corpus (*.claimdiff)"
TABLE_FILTER = "Tables (*.csv *.tsv *.jsonl *.ndjson *.json *.parquet *.gz)"
ARTICLE_FILTER = "Articles (*.txt *.md *.html *.htm *.pdf);;" + TABLE_FILTER + ";;All files (*)"
LAST_CORPUS = "files/last_corpus"


class Host(Protocol):
    """The parts of the window the corpus dialogs use: the settings that remember folders, the
    corpus controller that opens and imports, where refusals are said, a parent for dialogs."""

    @property
    def settings(self) -> Settings: ...
    @property
    def corpus_view(self) -> CorpusController: ...
    @property
    def notifier(self) -> Notifier: ...
    def window(self) -> QWidget: ...


def _start_folder(host: Host) -> str:
    last = str(host.settings.store.value(LAST_CORPUS, "") or "")
    return str(Path(last).parent) if last else host.settings.last_folder


def new_corpus(host: Host) -> None:
    path, _ = QFileDialog.getSaveFileName(
        host.window(), "New corpus", _start_folder(host), CORPUS_FILTER
    )
    if not path:
        return
    if not path.endswith(".claimdiff"):
        path += ".claimdiff"
    if Path(path).exists():
        host.notifier.error(path, "already exists; open it with File → Open corpus…")
        return
    host.corpus_view.open(path, create=True)


def open_corpus(host: Host) -> None:
    last = str(host.settings.store.value(LAST_CORPUS, "") or "")
    path, _ = QFileDialog.getOpenFileName(
        host.window(), "Open corpus", last or host.settings.last_folder, CORPUS_FILTER
    )
    if path:
        host.corpus_view.open(path)


def import_into_corpus(host: Host) -> None:
    if not host.corpus_view.is_open():
        host.notifier.error("Import", "Create or open a corpus first (File → New corpus…).")
        return
    dialog = ImportDialog(host.settings.last_folder, host.window())
    if not dialog.exec() or not dialog.sources():
        return
    from claimdiff.corpus import jobs as corpusjobs  # the import stack, loaded when first used

    mapping: dict[str, str] = {}
    tables = [s for s in dialog.sources() if corpusjobs.is_table(s)]
    if tables:
        try:
            columns, found = corpusjobs.table_columns(tables[0])
        except InputError as exc:
            host.notifier.error(exc.location, exc.problem)
            return
        mapper = ColumnMapDialog(Path(tables[0]).name, columns, found, host.window())
        if not mapper.exec():
            return
        mapping = mapper.mapping()
    host.corpus_view.start_import(dialog.sources(), mapping)


class ImportDialog(QDialog):
    """Files, folders and tables to import, gathered before one import run."""

    def __init__(self, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import into corpus")
        self.folder = folder
        self.list = QListWidget(self)
        buttons = QHBoxLayout()
        for text, slot in (("Add files…", self._add_files), ("Add folder…", self._add_folder)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        box = confirm_box(self)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("Articles (.txt .md .html .pdf), folders, or tables (CSV, JSONL, Parquet):")
        )
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(box)
        enter_confirms(self, box)
        self.resize(560, 320)

    def _add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Add files", self.folder, ARTICLE_FILTER)
        self.list.addItems(paths)

    def _add_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Add folder", self.folder)
        if path:
            self.list.addItem(path)

    def sources(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


class ColumnMapDialog(QDialog):
    """Which column holds each field; preset to what the importer recognises by name."""

    def __init__(
        self, name: str, columns: list[str], found: dict[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Columns of {name}")
        self.found = found
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout(self)
        form.addRow(QLabel("Which column holds each field? (text or title is needed)"))
        for field in FIELDS:
            combo = QComboBox(self)
            combo.addItem("(none)", None)
            for column in columns:
                combo.addItem(column, column)
            combo.setCurrentIndex(max(0, combo.findData(found.get(field))))
            self.combos[field] = combo
            form.addRow(field, combo)
        box = confirm_box(self)
        form.addRow(box)
        enter_confirms(self, box)

    def mapping(self) -> dict[str, str]:
        """Every field, "" where the user chose "(none)": that must stop the guess by name."""
        return {f: str(c.currentData() or "") for f, c in self.combos.items()}
