"""The corpus in the window: File → New/Open/Import, the Articles tab, the corpus timeline.

``CorpusController`` owns the open ``Corpus`` (a connection in the GUI thread, for the
corrections and their undo stack) and reads and does everything else through the window's
one worker pattern: open + label, import, the articles and timeline, the claims behind a
point, comparing two stored articles.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimdiff_gui import corpusjobs
from claimdiff_gui.articlespanel import ArticlesPanel
from claimdiff_gui.corpusdialogs import LAST_CORPUS
from claimdiff_gui.timeline import FREQS
from claimdiff_gui.workers import Job
from PySide6.QtCore import QObject, Signal

from claimdiff.codebook import Codebook
from claimdiff.corpus import ArticleInfo, ClaimHit, Corpus, CorrectionStack

if TYPE_CHECKING:
    import pandas as pd
    from claimdiff_gui.mainwindow import MainWindow
    from claimdiff_gui.timeline import SeriesKey


Lines = list[tuple[str, str, str]]  # (line, tooltip, article key) per claim


class CorpusTimeline:
    """What the Timeline tab draws while a corpus is open: stored labels, corrections in force.

    Frames come from the last snapshot; the claims behind one clicked point are read by a
    worker too (``run`` is the window's), as every read of the file is.
    """

    def __init__(
        self,
        corpus: Corpus,
        codebook: Codebook,
        snapshot: corpusjobs.CorpusSnapshot,
        run: Callable[[str, Job, Callable[[object], None]], object],  # kind, job, done
    ) -> None:
        self.corpus = corpus
        self.codebook = codebook
        self.snapshot = snapshot
        self.run = run
        self.split: dict[str, dict[str, pd.DataFrame]] = {}  # by → frame by freq, once read

    def frame(self, freq: str, by: str | None) -> pd.DataFrame | None:
        if by is None:
            return self.snapshot.frames[freq]
        return self.split.get(by, {}).get(freq)

    def load(self, by: str | None, then: Callable[[], None]) -> None:
        """The split frames are read when first asked for: most sessions never split."""
        path, codebook, freqs = self.snapshot.path, self.codebook, tuple(self.snapshot.frames)
        job = functools.partial(corpusjobs.read_split, path, codebook, freqs, by=by)

        def keep(frames: object) -> None:
            self.split[str(by)] = frames  # type: ignore[assignment]
            then()

        self.run("corpus-split", job, keep)

    def behind(
        self,
        freq: str,
        by: str | None,
        period: str,
        key: SeriesKey,
        show: Callable[[Lines], None],
    ) -> None:
        """Read the claims counted in one point; ``show`` gets a line for each, later."""
        cell = (freq, period, key[0], key[1])
        voice = key[2] if len(key) > 2 else None
        job = functools.partial(
            corpusjobs.read_behind, self.snapshot.path, self.codebook, cell, by=by, voice=voice
        )
        self.run("corpus-behind", job, lambda hits: show(_lines(hits)))  # type: ignore[arg-type]

    def describe(self, frame: pd.DataFrame) -> str:
        total = len(self.snapshot.infos)
        undated = int(frame.attrs.get("undated", 0))
        positions = len(frame.groupby(["topic", "position"])) if len(frame) else 0
        return (
            f"{self.corpus.path.name}: {total} articles ({total - undated} dated), "
            f"{positions} positions"
        )


def _lines(hits: list[ClaimHit]) -> Lines:
    return [
        (
            f"{h.date} · {h.title} — {h.text}" + ("  [analyst]" if h.origin == "analyst" else ""),
            f"{h.source or 'unknown source'} · {h.article_key}\n"
            "Double-click: open as left article (Shift: as right)",
            h.article_key,
        )
        for h in hits
    ]


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
        self.snapshot: corpusjobs.CorpusSnapshot | None = None
        self._waiting: list[Callable[[], None]] = []  # run once the next snapshot is shown
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
        self.window.tabs.setCurrentWidget(self.panel)
        self.window.statusBar().showMessage(f"Opened corpus {Path(ready.path).name}", 8000)
        self._waiting.append(self.opened.emit)
        self._on_corrected()  # lists the articles, draws the timeline, shows the pair again

    def close(self) -> None:
        if self.corpus is not None:
            self.corpus.close()
        self.corpus = self.stack = self.snapshot = None

    @property
    def keys(self) -> AbstractSet[str]:
        """The stored articles' keys, as last read."""
        return self.snapshot.infos.keys() if self.snapshot else frozenset()

    def info(self, key: str) -> ArticleInfo | None:
        return self.snapshot.infos.get(key) if self.snapshot else None

    def refresh(self) -> None:
        """Articles and timeline again from the file, read in a worker; ``changed`` follows."""
        if self.corpus is None or self.codebook is None:
            return
        job = functools.partial(
            corpusjobs.read_snapshot, str(self.corpus.path), self.codebook, FREQS
        )
        self.window.analysis.run("corpus-read", job, self._show)

    def _show(self, snapshot: Any) -> None:
        assert isinstance(snapshot, corpusjobs.CorpusSnapshot)
        if self.corpus is None or self.codebook is None or snapshot.path != str(self.corpus.path):
            return  # read from a corpus closed meanwhile
        self.snapshot = snapshot
        fixes = snapshot.corrections
        self.panel.set_articles(
            snapshot.articles,
            f"{self.corpus.path.name}: {len(snapshot.infos)} articles · "
            f"{fixes} correction{'' if fixes == 1 else 's'}",
        )
        source = CorpusTimeline(self.corpus, self.codebook, snapshot, self.window.analysis.run)
        self.window.timeline.set_source(source, self.codebook, self.window.timeline_marks())
        self.changed.emit()
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then()

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
        self._waiting.append(lambda: self.imported.emit(done.summary))
        self.refresh()
        self.window.statusBar().showMessage(f"{Path(done.path).name}: {done.summary.line()}", 15000)
        for location, problem in done.summary.problems[:1]:
            self.window.notifier.error(location, problem)

    def _on_import_cancelled(self) -> None:
        self._waiting.append(lambda: self.imported.emit(None))
        self.refresh()  # every whole batch is in the file: show what arrived
        self.window.statusBar().showMessage("import cancelled; run it again to continue", 10000)

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

    def recompare(self) -> None:
        """Compare the open pair again from the corpus, keeping the selected claim in view.

        A correction changes labels, claims or dates that the open comparison was made from;
        its conflicts, links and details follow only if the pair is compared anew.
        """
        left, right = self.pair_keys()
        if left and right:
            self.window.keep_claim = self.window.session.selected_claim_id()
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
