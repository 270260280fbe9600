"""The corpus in the window: File → New/Open/Import, the Articles tab, the corpus timeline.

``CorpusController`` owns the open ``Corpus`` (a connection in the GUI thread, for reads
that take milliseconds and for corrections) and starts the slow work (open + label,
import, comparing two stored articles) through the window's one worker pattern.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimdiff_gui import corpusjobs
from claimdiff_gui.tablemodel import DataFrameModel, Index
from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from claimdiff.codebook import Codebook
from claimdiff.corpus import ArticleInfo, Corpus, CorrectionStack
from claimdiff.corpus.tabular import FIELDS
from claimdiff.errors import InputError

if TYPE_CHECKING:
    import pandas as pd
    from claimdiff_gui.mainwindow import MainWindow
    from claimdiff_gui.timeline import SeriesKey

COLUMNS = ["date", "source", "title", "claims", "positions"]
HIDDEN = ["key", "location"]
CORPUS_FILTER = "claimdiff corpus (*.claimdiff)"
TABLE_FILTER = "Tables (*.csv *.tsv *.jsonl *.ndjson *.json *.parquet *.gz)"
ARTICLE_FILTER = "Articles (*.txt *.md *.html *.htm *.pdf);;" + TABLE_FILTER + ";;All files (*)"
LAST_CORPUS = "files/last_corpus"


def articles_frame(infos: list[ArticleInfo]) -> pd.DataFrame:
    import pandas as pd

    rows = [
        {"date": a.date or "", "source": a.source or "", "title": a.title, "claims": a.claims,
         "positions": a.positions, "key": a.key, "location": a.location}
        for a in infos
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=COLUMNS + HIDDEN)


class TitleSourceFilter(QSortFilterProxyModel):
    """Keeps the rows whose title or source contains every word typed, in any case."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.words = text.lower().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        if not self.words or not isinstance(model, DataFrameModel) or model.frame is None:
            return True
        hay = f"{model.value(row, 'title')} {model.value(row, 'source')}".lower()
        return all(word in hay for word in self.words)


class ArticlesPanel(QWidget):
    """The corpus's articles: search, sort, compare two, correct one's date, title or source."""

    compare_requested = Signal(str, str)  # article keys
    edit_requested = Signal(str)  # article key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DataFrameModel(COLUMNS, self)
        self.proxy = TitleSourceFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.search = QLineEdit(self)
        self.summary = QLabel("No corpus open: File → New corpus… or Open corpus…", self)
        self.compare = QPushButton("Compare selected", self)
        self.edit = QPushButton("Date, title, source…", self)
        self._build()

    def _build(self) -> None:
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # A long summary must not widen the window: it is cut, with the full text as tooltip.
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.search.setMinimumWidth(120)
        self.search.setPlaceholderText("Filter by title or source")
        self.search.setClearButtonEnabled(True)
        self.compare.setToolTip("Open the two selected articles side by side")
        self.edit.setToolTip("Correct the selected article's date, title or source")
        top = QHBoxLayout()
        for widget, stretch in ((self.search, 2), (self.summary, 3), (self.edit, 0)):
            top.addWidget(widget, stretch)
        top.addWidget(self.compare)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.search.textChanged.connect(self.proxy.set_text)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._follow_selection())
        self.view.doubleClicked.connect(lambda _i: self._edit_selected())
        self.compare.clicked.connect(self._compare_selected)
        self.edit.clicked.connect(self._edit_selected)
        self._follow_selection()

    def set_articles(self, infos: list[ArticleInfo], summary: str) -> None:
        self.model.set_frame(articles_frame(infos))
        self.summary.setText(summary)
        self.summary.setToolTip(summary)
        self.view.resizeColumnToContents(0)
        self.view.resizeColumnToContents(1)
        self._follow_selection()

    def clear(self, summary: str) -> None:
        self.model.set_frame(None)
        self.summary.setText(summary)

    def selected_keys(self) -> list[str]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        return [self._key(row) for row in rows]

    def select_keys(self, keys: list[str]) -> None:
        """Select the rows of these articles (for the keyboard-less: tests, scripts)."""
        self.view.clearSelection()
        mode = self.view.selectionMode()
        self.view.setSelectionMode(QTableView.SelectionMode.MultiSelection)
        for row in range(self.proxy.rowCount()):
            if self._key(row) in keys:
                self.view.selectRow(row)
        self.view.setSelectionMode(mode)

    def _key(self, proxy_row: int) -> str:
        source = self.proxy.mapToSource(self.proxy.index(proxy_row, 0))
        return str(self.model.value(source.row(), "key"))

    def _follow_selection(self) -> None:
        count = len(self.view.selectionModel().selectedRows())
        self.compare.setEnabled(count == 2)
        self.edit.setEnabled(count == 1)

    def _compare_selected(self) -> None:
        keys = self.selected_keys()
        if len(keys) == 2:
            self.compare_requested.emit(*keys)

    def _edit_selected(self) -> None:
        keys = self.selected_keys()
        if len(keys) == 1:
            self.edit_requested.emit(keys[0])


class CorpusTimeline:
    """What the Timeline tab draws while a corpus is open: stored labels, corrections in force."""

    def __init__(self, corpus: Corpus, codebook: Codebook) -> None:
        self.corpus = corpus
        self.codebook = codebook

    def frame(self, freq: str) -> pd.DataFrame:
        return self.corpus.timeline(self.codebook, freq)

    def behind(self, freq: str, period: str, key: SeriesKey) -> list[tuple[str, str, str]]:
        """(line, tooltip, article key) per claim counted in one point."""
        hits = self.corpus.claims_behind(self.codebook, freq, period, *key)
        return [
            (
                f"{h.date} · {h.title} — {h.text}"
                + ("  [analyst]" if h.origin == "analyst" else ""),
                f"{h.source or 'unknown source'} · {h.article_key}\n"
                "Double-click: open as left article (Shift: as right)",
                h.article_key,
            )
            for h in hits
        ]

    def describe(self, frame: pd.DataFrame) -> str:
        total = self.corpus.count("articles")
        undated = int(frame.attrs.get("undated", 0))
        positions = len(frame.groupby(["topic", "position"])) if len(frame) else 0
        return (
            f"{self.corpus.path.name}: {total} articles ({total - undated} dated), "
            f"{positions} positions"
        )


class CorpusController(QObject):
    """The open corpus, its undo stack, and the jobs that fill and read it."""

    opened = Signal()
    imported = Signal(object)  # ImportSummary, or None when cancelled
    changed = Signal()  # articles, labels or corrections changed

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.corpus: Corpus | None = None
        self.codebook: Codebook | None = None
        self.stack: CorrectionStack | None = None
        self.keys: set[str] = set()
        self.panel = ArticlesPanel()
        self.panel.compare_requested.connect(self.compare_keys)
        self.panel.edit_requested.connect(self._edit_article)
        window.timeline.article_requested.connect(self.open_side)

    def is_open(self) -> bool:
        return self.corpus is not None

    # --- opening ---------------------------------------------------------------------------

    def open(self, path: str, create: bool = False) -> None:
        """Create or open ``path`` and label it with the window's codebook, in a worker."""
        job = functools.partial(corpusjobs.prepare_corpus, path, self.window.codebook_path, create)
        self.window.analysis.run("corpus-open", job, self._on_ready)

    def reload(self) -> None:
        """The codebook changed: label with the new one, then show everything again."""
        if self.corpus is not None:
            self.open(str(self.corpus.path))

    def _on_ready(self, ready: Any) -> None:
        assert isinstance(ready, corpusjobs.CorpusReady)
        self.close()
        self.corpus = Corpus.open(ready.path)
        self.codebook = ready.codebook
        self.stack = self.corpus.undo_stack(on_change=self._on_corrected)
        self.window.settings.store.setValue(LAST_CORPUS, ready.path)
        self.refresh()
        self.window.tabs.setCurrentWidget(self.panel)
        self.window.statusBar().showMessage(f"Opened corpus {Path(ready.path).name}", 8000)
        self._on_corrected()
        if self.window.session.comparison is not None:
            self._reshow_pair()
        self.opened.emit()

    def close(self) -> None:
        if self.corpus is not None:
            self.corpus.close()
        self.corpus = self.stack = None
        self.keys = set()

    def refresh(self) -> None:
        """Articles and timeline again from the file: quick SQL, no text is analysed."""
        if self.corpus is None or self.codebook is None:
            return
        infos = self.corpus.articles(self.codebook)
        self.keys = {a.key for a in infos}
        fixes = self.corpus.count("corrections")
        self.panel.set_articles(
            infos,
            f"{self.corpus.path.name}: {len(infos)} articles · "
            f"{fixes} correction{'' if fixes == 1 else 's'}",
        )
        source = CorpusTimeline(self.corpus, self.codebook)
        self.window.timeline.set_source(source, self.codebook, self.window.timeline_marks())
        self.changed.emit()

    # --- importing -------------------------------------------------------------------------

    def start_import(self, sources: list[str], mapping: dict[str, str]) -> None:
        if self.corpus is None or self.codebook is None:
            self.window.notifier.error("Import", "Create or open a corpus first.")
            return
        job = functools.partial(
            corpusjobs.import_into,
            str(self.corpus.path),
            sources,
            self.codebook,
            mapping=mapping,
        )
        worker = self.window.analysis.run("import", job, self._on_imported)
        worker.signals.cancelled.connect(self._on_import_cancelled)

    def _on_imported(self, done: Any) -> None:
        assert isinstance(done, corpusjobs.ImportDone)
        self.refresh()
        self.window.statusBar().showMessage(f"{Path(done.path).name}: {done.summary.line()}", 15000)
        for location, problem in done.summary.problems[:1]:
            self.window.notifier.error(location, problem)
        self.imported.emit(done.summary)

    def _on_import_cancelled(self) -> None:
        self.refresh()  # every whole batch is in the file: show what arrived
        self.window.statusBar().showMessage("import cancelled; run it again to continue", 10000)
        self.imported.emit(None)

    # --- comparing -------------------------------------------------------------------------

    def compare_keys(self, left: str, right: str) -> None:
        """Two stored articles side by side, with the claims and labels the corpus holds."""
        if self.corpus is None or self.codebook is None:
            return
        job = functools.partial(
            corpusjobs.stored_pair, str(self.corpus.path), self.codebook, (left, right)
        )
        self.window.analysis.run("pair", job, self.window.analysis.pair_loaded.emit)

    def open_side(self, side: str, key: str) -> None:
        """Replace one side with a stored article; the other side stays if it is stored too."""
        left, right = self.pair_keys()
        if side == "left":
            left = key
        else:
            right = key
        self.compare_keys(left or right or key, right or left or key)

    def pair_keys(self) -> tuple[str | None, str | None]:
        """The open pair's articles as corpus keys (None: not in the corpus)."""
        cmp = self.window.session.comparison
        if cmp is None:
            return None, None
        keys = (corpusjobs.corpus_key(cmp.left.id), corpusjobs.corpus_key(cmp.right.id))
        return tuple(k if k in self.keys else None for k in keys)  # type: ignore[return-value]

    def _reshow_pair(self) -> None:
        left, right = self.pair_keys()
        if left and right:
            self.compare_keys(left, right)

    def pair_shown(self) -> None:
        """A pair is on screen: mark it on the corpus timeline."""
        self.window.timeline.set_marks(self.window.timeline_marks())

    # --- corrections -----------------------------------------------------------------------

    def _on_corrected(self) -> None:
        from claimdiff_gui import corrections

        corrections.after_change(self.window)

    def _edit_article(self, key: str) -> None:
        from claimdiff_gui import corrections

        corrections.edit_article_dialog(self.window, key)


# --- File menu commands ------------------------------------------------------------------------


def _start_folder(window: MainWindow) -> str:
    last = str(window.settings.store.value(LAST_CORPUS, "") or "")
    return str(Path(last).parent) if last else window.settings.last_folder


def new_corpus(window: MainWindow) -> None:
    path, _ = QFileDialog.getSaveFileName(
        window, "New corpus", _start_folder(window), CORPUS_FILTER
    )
    if not path:
        return
    if not path.endswith(".claimdiff"):
        path += ".claimdiff"
    if Path(path).exists():
        window.notifier.error(path, "already exists; open it with File → Open corpus…")
        return
    window.corpus_view.open(path, create=True)


def open_corpus(window: MainWindow) -> None:
    last = str(window.settings.store.value(LAST_CORPUS, "") or "")
    path, _ = QFileDialog.getOpenFileName(
        window, "Open corpus", last or window.settings.last_folder, CORPUS_FILTER
    )
    if path:
        window.corpus_view.open(path)


def import_into_corpus(window: MainWindow) -> None:
    if not window.corpus_view.is_open():
        window.notifier.error("Import", "Create or open a corpus first (File → New corpus…).")
        return
    dialog = ImportDialog(window.settings.last_folder, window)
    if not dialog.exec() or not dialog.sources():
        return
    mapping: dict[str, str] = {}
    tables = [s for s in dialog.sources() if corpusjobs.is_table(s)]
    if tables:
        try:
            columns, found = corpusjobs.table_columns(tables[0])
        except InputError as exc:
            window.notifier.error(exc.location, exc.problem)
            return
        mapper = ColumnMapDialog(Path(tables[0]).name, columns, found, window)
        if not mapper.exec():
            return
        mapping = mapper.mapping()
    window.corpus_view.start_import(dialog.sources(), mapping)


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
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("Articles (.txt .md .html .pdf), folders, or tables (CSV, JSONL, Parquet):")
        )
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(box)
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
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        form.addRow(box)

    def mapping(self) -> dict[str, str]:
        return {f: str(c.currentData()) for f, c in self.combos.items() if c.currentData()}
