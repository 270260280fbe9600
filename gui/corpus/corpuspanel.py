"""The corpus in the window: File → New/Open/Import, the Articles tab, the corpus timeline.

``CorpusController`` owns the open ``Corpus``: a connection in the GUI thread for the
corrections, their undo stack and the pages of the Articles tab (a few milliseconds each,
by primary key). Everything that grows with the corpus goes through the window's one worker
pattern: open + label, import, the articles' order, the timeline, the claims behind a
point, comparing two stored articles. A correction re-reads what it can have changed: the
article's row at once, the order in a worker, the timeline periods the article is or was in.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimdiff_gui.corpus.articlespanel import ArticlesPanel
from claimdiff_gui.corpus.corpusdialogs import LAST_CORPUS
from claimdiff_gui.work.workers import Job
from PySide6.QtCore import QObject, Signal

from claimdiff.base.model import FREQS
from claimdiff.corpus import jobs as corpusjobs
from claimdiff.labels.codebook import Codebook, is_shipped
from claimdiff.session.selfpair import stored_article_id

if TYPE_CHECKING:  # the corpus stack loads when a corpus is first opened, not at start-up
    import pandas as pd
    from claimdiff_gui.timeline.serieslegend import SeriesKey
    from claimdiff_gui.window.mainwindow import MainWindow

    from claimdiff.corpus import ArticleInfo, ClaimHit, Corpus, Correction, CorrectionStack


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
        if by is None:  # the unsplit frames came with the snapshot
            then()
            return
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
        total = self.snapshot.total
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


# Corrections of these kinds leave the timeline's counts as they were; a source changes
# only the split by outlet, which is read again when next asked for.
NO_TIMELINE_CHANGE = ("title", "link")
SPLIT_ONLY = ("source",)


class StoredKeys:
    """``key in controller.keys``: whether the open corpus holds an article, asked by key."""

    def __init__(self, controller: CorpusController) -> None:
        self.controller = controller

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.controller.info(key) is not None


class CorpusController(QObject):
    """The open corpus, its undo stack, and the jobs that fill and read it."""

    opened = Signal()
    imported = Signal(object)  # ImportSummary, or None when cancelled
    changed = Signal()  # articles, labels or corrections changed, and are shown again
    rows_shown = Signal()  # a new order of the articles (sort, filter, change) is on screen

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.corpus: Corpus | None = None
        self.codebook: Codebook | None = None
        self.stack: CorrectionStack | None = None
        self.snapshot: corpusjobs.CorpusSnapshot | None = None
        self.listing: corpusjobs.Listing | None = None
        self.keys = StoredKeys(self)
        self._pending: set[str] = set()  # "rows", "timeline": read again, not shown yet
        self._touched: Correction | None = None  # the change the next refresh follows
        self._waiting: list[Callable[[], None]] = []  # run once the next refresh is shown
        self.panel = ArticlesPanel()
        self.panel.compare_requested.connect(self.compare_keys)
        self.panel.edit_requested.connect(self._edit_article)
        self.panel.order_wanted.connect(self.read_order)
        window.timeline.article_requested.connect(self.open_side)

    def is_open(self) -> bool:
        return self.corpus is not None

    # --- opening ---------------------------------------------------------------------------

    def open(self, path: str, create: bool = False, own_codebook: bool = True) -> None:
        """Create or open ``path`` in a worker, with the codebook it recorded (``own_codebook``)
        or else the window's, which the corpus then records as its own."""
        job = functools.partial(
            corpusjobs.prepare_corpus,
            path,
            self.window.codebook_path,
            create,
            own_codebook=own_codebook,
        )
        self.window.analysis.run("corpus-open", job, self._on_ready)

    def reload(self) -> None:
        """The codebook changed: label with the new one, then show everything again."""
        if self.corpus is not None:
            self.open(str(self.corpus.path), own_codebook=False)

    def _on_ready(self, ready: Any) -> None:
        from claimdiff.corpus import Corpus

        assert isinstance(ready, corpusjobs.CorpusReady)
        self.close()
        self.corpus = Corpus.open(ready.path, check=False)  # the worker checked it if needed
        self.codebook = ready.codebook
        self.stack = self.corpus.undo_stack(on_change=self._on_corrected)
        self.panel.model.set_source(self._read_rows)
        self.window.settings.store.setValue(LAST_CORPUS, ready.path)
        self.window.tabs.setCurrentWidget(self.panel)
        self.window.statusBar().showMessage(f"Opened corpus {Path(ready.path).name}", 8000)
        self._use_codebook(ready)
        self._waiting.append(self.opened.emit)
        self._on_corrected()  # lists the articles, draws the timeline, shows the pair again

    def _use_codebook(self, ready: corpusjobs.CorpusReady) -> None:
        """The corpus's codebook becomes the window's: the status bar and panel name it."""
        window = self.window
        window.codebook_path = ready.codebook_path
        window.codebook = ready.codebook
        window.codebook_view.set_codebook(ready.codebook, is_shipped(ready.codebook))
        window.status.set_codebook(ready.codebook.name)
        if ready.notice:
            gone, why = ready.notice
            window.notifier.warning(Path(gone).name, why)

    def close(self) -> None:
        if self.corpus is not None:
            self.corpus.close()
            self.panel.model.set_source(None)
        self.corpus = self.stack = self.snapshot = self.listing = None
        self._pending.clear()

    def _read_rows(self, ids: list[int]) -> dict[int, ArticleInfo]:
        """A page of the Articles tab, by primary key on the GUI thread's connection."""
        if self.corpus is None:
            return {}
        return self.corpus.article_rows(self.codebook, ids)

    def info(self, key: str) -> ArticleInfo | None:
        """A stored article as listed now; None when the open corpus has no such key."""
        if self.corpus is None:
            return None
        return self.corpus.article_info(key, self.codebook)

    def refresh(self) -> None:
        """Show again what the last change touched (all of it after an import); then ``changed``.

        The order of the articles is read again in a worker (a corrected date or title can
        move a row; a filter can take it in or out) and the changed article's row is read
        again at once; of the timeline, only the periods the article was or is in are
        counted again, and nothing when the change cannot move a count.
        """
        touched, self._touched = self._touched, None
        if self.corpus is None or self.codebook is None:
            return
        if touched is not None:
            found = self.corpus.article_info(touched.article_key, self.codebook)
            self.panel.model.changed([found.id] if found else [])
        # A timeline still being read would be replaced (newest wins) before this change's
        # periods were applied to it: then everything is counted again.
        partial = touched is not None and "timeline" not in self._pending
        self._pending.add("rows")
        self.read_order()
        if touched is not None and partial and self.snapshot is not None:
            if touched.kind in SPLIT_ONLY:
                self._show(self.snapshot)  # same counts; the split frames are read anew
            elif touched.kind not in NO_TIMELINE_CHANGE:
                self._pending.add("timeline")
                gone = [touched.value] if touched.kind == "date" else []
                change = (touched.article_key, gone)
                job = functools.partial(
                    corpusjobs.update_snapshot, self.snapshot, self.codebook, change
                )
                self.window.analysis.run("corpus-read", job, self._show)
            return
        self._pending.add("timeline")
        job = functools.partial(
            corpusjobs.read_snapshot, str(self.corpus.path), self.codebook, FREQS
        )
        self.window.analysis.run("corpus-read", job, self._show)

    def read_order(self) -> None:
        """The articles' ids in the tab's sort and filter, read in a worker."""
        if self.corpus is None or self.codebook is None:
            return
        model = self.panel.model
        order = (model.sort_column, model.descending, tuple(self.panel.words()))
        job = functools.partial(corpusjobs.read_order, str(self.corpus.path), self.codebook, order)
        self.window.analysis.run("corpus-rows", job, self._show_order)

    def _show_order(self, listing: Any) -> None:
        assert isinstance(listing, corpusjobs.Listing)
        if self.corpus is None or listing.path != str(self.corpus.path):
            return  # read from a corpus closed meanwhile
        self.listing = listing
        shown = len(listing.ids)
        count = f"{shown} of {listing.total}" if shown != listing.total else f"{shown}"
        fixes = listing.corrections
        self.panel.show_order(
            listing.ids,
            f"{self.corpus.path.name}: {count} articles · "
            f"{fixes} correction{'' if fixes == 1 else 's'}",
        )
        self.rows_shown.emit()
        self._done("rows")

    def _show(self, snapshot: Any) -> None:
        assert isinstance(snapshot, corpusjobs.CorpusSnapshot)
        if self.corpus is None or self.codebook is None or snapshot.path != str(self.corpus.path):
            return  # read from a corpus closed meanwhile
        self.snapshot = snapshot
        source = CorpusTimeline(self.corpus, self.codebook, snapshot, self.window.analysis.run)
        self.window.timeline.set_source(source, self.codebook, self.window.timeline_marks())
        self._done("timeline")

    def _done(self, part: str) -> None:
        """One part of a refresh is on screen; when all are, say so and run what waited."""
        if part not in self._pending:
            return  # a sort or filter of its own, not part of a refresh
        self._pending.discard(part)
        if self._pending:
            return
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
        keys = (stored_article_id(cmp.left.id), stored_article_id(cmp.right.id))
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
        from claimdiff_gui.corpus import corrections

        self._touched = self.stack.last if self.stack is not None else None
        corrections.after_change(self.window)

    def _edit_article(self, key: str) -> None:
        from claimdiff_gui.corpus import corrections

        corrections.edit_article_dialog(self.window, key)


# --- File menu commands ------------------------------------------------------------------------
