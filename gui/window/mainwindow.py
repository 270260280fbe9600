"""The main window: assembles panes, gutter, table, timeline and docks, and routes events.

It holds no analysis: results come from ``AnalysisController`` workers, view state lives in
``Session``; this class only connects the pieces and keeps them in step.
"""

from __future__ import annotations

from pathlib import Path

from claimdiff_gui.compare.claimstable import ClaimsTable
from claimdiff_gui.compare.codebookdock import CodebookView, use_shipped_codebook
from claimdiff_gui.compare.codebookeditor import open_editor
from claimdiff_gui.compare.details import DetailsPanel
from claimdiff_gui.compare.legend import Legend
from claimdiff_gui.compare.linkmap import LinkMap
from claimdiff_gui.compare.panes import DEFAULT_POINT_SIZE, ArticlePane
from claimdiff_gui.compare.scrollsync import ScrollSync
from claimdiff_gui.compare.selectioncoding import SelectionCoding
from claimdiff_gui.corpus import corrections
from claimdiff_gui.corpus.corpuspanel import CorpusController
from claimdiff_gui.timeline.timeline import TimelineWidget
from claimdiff_gui.window import actions, commands, recent
from claimdiff_gui.window.memos import MemoBook, MemoList
from claimdiff_gui.window.notifier import Notifier
from claimdiff_gui.window.reloader import Reloader
from claimdiff_gui.window.settings import Settings, absolute_location
from claimdiff_gui.window.statusarea import ElidingStatusBar, StatusArea
from claimdiff_gui.window.theme import Theme, apply_theme, theme_for
from claimdiff_gui.window.welcome import WelcomePage
from claimdiff_gui.work.controller import AnalysisController, CorpusResult, PairResult
from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from claimdiff.base.model import Article, Claim, Link
from claimdiff.labels.codebook import Codebook, is_shipped
from claimdiff.labels.fit import codebook_fit
from claimdiff.output.report.names import topic_label
from claimdiff.session.session import Session

SIDES = ("left", "right")
SCREEN_SHARE = 0.9  # of the available screen a first window takes
PANES_SHARE = 0.7  # of the window's height the article panes take, the rest the bottom tabs
ARTICLES_AT_LEAST = 0.5  # of the height the panes keep at launch, whatever state was saved
SHUTDOWN_WAIT_MS = 3000  # how long closing waits for cancelled jobs to reach a check
DIFFERENCES = ("conflicting", "left_only", "right_only")


class MainWindow(QMainWindow):
    """Two articles side by side with everything needed to see where they differ."""

    pair_shown = Signal()
    timeline_shown = Signal()

    def __init__(
        self,
        settings: Settings,
        codebook_path: str | None = None,
        dialogs_on: bool = True,
        dark: bool | None = None,  # a one-off override (--dark) that is not remembered
    ) -> None:
        super().__init__()
        self.setWindowTitle("claimdiff")
        self.settings = settings
        self.session = Session()
        self.theme: Theme = theme_for(settings.dark if dark is None else dark)
        self.codebook_path = codebook_path or settings.codebook
        self.codebook: Codebook | None = None
        self.locations = ["", ""]
        self.keep_claim: str | None = None  # select this claim when the next pair arrives
        self.corpus_items: list[tuple[Article, tuple[Claim, ...]]] = []  # for reports' charts
        self.recursive_folders: set[str] = set()  # folders charted with their subfolders
        self.notifier = Notifier(self, dialogs_on)
        self.analysis = AnalysisController(self)
        self.reloader = Reloader(self)
        self.memos = MemoBook(self)
        self._after_shown = QTimer(self)  # the second half of showing a pair, a turn later
        self._after_shown.setSingleShot(True)
        self._after_shown.setInterval(0)
        self._after_shown.timeout.connect(self._after_pair_shown)
        self._build_central()
        self._build_docks()
        self.coding = SelectionCoding(self)  # "Add as example of…" in the panes
        self.codebook_view.attach_undo(self.coding.undo)
        self.corpus_view = CorpusController(self)  # the open .claimdiff corpus, if any
        self.tabs.addTab(self.corpus_view.panel, "Articles")
        self.menus = actions.build(self)
        self._build_topic_filter()
        self.setStatusBar(ElidingStatusBar())
        self.status = StatusArea(self.statusBar())
        self._connect()
        self._restore()

    # --- assembly ---------------------------------------------------------------------------

    def _build_central(self) -> None:
        self.panes = (ArticlePane("left"), ArticlePane("right"))
        self.linkmap = LinkMap(self.panes, self.session, lambda: self.theme)
        self.pane_split = QSplitter(Qt.Orientation.Horizontal)
        self.pane_split.setObjectName("pane-split")
        for widget in (self.panes[0], self.linkmap, self.panes[1]):
            self.pane_split.addWidget(widget)
        self.pane_split.setCollapsible(1, False)
        self.legend = Legend()
        pair = QWidget()
        column = QVBoxLayout(pair)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.legend)
        column.addWidget(self.pane_split, 1)
        self.welcome = WelcomePage()
        top = QStackedWidget()
        top.addWidget(self.welcome)
        top.addWidget(pair)
        self.top = top
        self.table = ClaimsTable()
        self.timeline = TimelineWidget(settings=self.settings)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, "Claims")
        self.tabs.addTab(self.timeline, "Timeline")
        self.main_split = QSplitter(Qt.Orientation.Vertical)
        self.main_split.setObjectName("main-split")
        self.main_split.addWidget(top)
        self.main_split.addWidget(self.tabs)
        self.main_split.setSizes([620, 280])
        self.main_split.setCollapsible(0, False)  # the articles stay; the tabs fold away
        self.main_split.setStretchFactor(0, 1)  # a taller window is more article, not table
        self.main_split.setStretchFactor(1, 0)
        self._tabs_height = 0  # their height before they were folded away
        self._shown_once = False
        self.setCentralWidget(self.main_split)
        self.sync = ScrollSync(tuple(p.text.verticalScrollBar() for p in self.panes))  # type: ignore[arg-type]

    def _build_docks(self) -> None:
        self.details = DetailsPanel()
        self.codebook_view = CodebookView()
        self.codebook_view.choose_requested.connect(lambda: commands.choose_codebook(self))
        self.codebook_view.shipped_requested.connect(lambda: use_shipped_codebook(self))
        self.codebook_view.edit_requested.connect(self.edit_codebook)
        self.memo_list = MemoList(self.memos, self.select_link, self.select_claim)
        self.docks: dict[str, QDockWidget] = {}
        for name, title, widget in (
            ("details", "Details", self.details),
            ("codebook", "Codebook", self.codebook_view),
            ("memos", "Memos", self.memo_list),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"{name}-dock")
            dock.setWidget(widget)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.docks[name] = dock
        self.tabifyDockWidget(self.docks["details"], self.docks["codebook"])
        self.tabifyDockWidget(self.docks["codebook"], self.docks["memos"])
        self.docks["details"].raise_()
        self.docks["details"].setMinimumWidth(260)
        self.resizeDocks([self.docks["details"]], [320], Qt.Orientation.Horizontal)

    def _build_topic_filter(self) -> None:
        self.topic_combo = QComboBox()
        self.topic_combo.setToolTip("Show only links about one codebook topic")
        self.topic_combo.addItem("All topics", None)
        self.menus.toolbar.addSeparator()
        self.menus.toolbar.addWidget(self.topic_combo)
        for dock in self.docks.values():
            self.menus.docks.addAction(dock.toggleViewAction())

    def _connect(self) -> None:
        for side, pane in zip(SIDES, self.panes, strict=True):
            pane.claim_clicked.connect(lambda cid, s=side: self.select_claim(cid, s))
            pane.file_dropped.connect(lambda path, s=side: self.replace_side(s, path))
            pane.highlighted.connect(self.linkmap.update)  # lines may have moved (semi-bold)
        self.table.link_activated.connect(self._on_table_link)
        self.topic_combo.currentIndexChanged.connect(
            lambda _i: self.set_topic(self.topic_combo.currentData())
        )
        self.welcome.chosen.connect(self._on_welcome)
        self.welcome.files_dropped.connect(lambda paths: self.open_pair(paths[0], paths[-1]))
        self.timeline.open_requested.connect(self.replace_side)
        self.timeline.subfolders_requested.connect(self.include_subfolders)
        self.main_split.splitterMoved.connect(lambda _pos, _i: self._on_main_split_moved())
        self.analysis.pair_loaded.connect(self._on_pair_loaded)
        self.analysis.corpus_loaded.connect(self._on_corpus_loaded)
        self.analysis.failed.connect(self.notifier.error)
        self.analysis.noticed.connect(self.notifier.warning)
        self.analysis.exported.connect(
            lambda path: self.statusBar().showMessage(f"Wrote {path}", 10000)
        )
        self.analysis.progressed.connect(self.status.show_progress)
        self.analysis.busy_changed.connect(self.status.set_busy)
        self.status.cancel.clicked.connect(self.cancel_analysis)
        self.details.fix_requested.connect(lambda href: corrections.on_fix(self, href))
        corrections.after_change(self)  # Undo/Redo start disabled

    def fit_to_screen(self) -> None:
        """About 90 % of the screen's free area, centred; the panes take most of the height."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        width, height = round(area.width() * SCREEN_SHARE), round(area.height() * SCREEN_SHARE)
        self.resize(width, height)
        self.move(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2)
        self.main_split.setSizes([round(height * PANES_SHARE), round(height * (1 - PANES_SHARE))])

    def _restore(self) -> None:
        if self.settings.geometry("window") is None:
            self.fit_to_screen()
        for name, restore in (
            ("window", self.restoreGeometry),
            ("state", self.restoreState),
            ("panes", self.pane_split.restoreState),
            ("main", self.main_split.restoreState),
        ):
            state = self.settings.geometry(name)
            if state is not None:
                restore(state)
        self.menus.actions["dark"].blockSignals(True)
        self.menus.actions["dark"].setChecked(self.theme.dark)
        self.menus.actions["dark"].blockSignals(False)
        self.menus.actions["sync"].setChecked(self.settings.sync_scroll)
        self.menus.actions["reopen_corpus"].setChecked(self.settings.reopen_corpus)
        self._on_main_split_moved()
        self.sync.enabled = self.settings.sync_scroll
        recent.fill_menu(self)
        self._apply_theme()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self._articles_first()

    def _articles_first(self) -> None:
        """At launch, the article panes take most of the height, whatever was restored.

        The bottom tabs keep their pixel height when the window comes back smaller (a state
        saved on a bigger screen, or tabs dragged up last time): the articles were left
        with less than half. Folded tabs stay folded.
        """
        top, tabs = self.main_split.sizes()
        total = top + tabs
        if tabs and top < total * ARTICLES_AT_LEAST:
            self.main_split.setSizes([round(total * PANES_SHARE), round(total * (1 - PANES_SHARE))])
            self._on_main_split_moved()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._after_shown.isActive():  # closed in the turn a pair arrived: no timeline
            self._after_shown.stop()
            recent.remember(self)
        for name, state in (
            ("window", self.saveGeometry()),
            ("state", self.saveState()),
            ("panes", self.pane_split.saveState()),
            ("main", self.main_split.saveState()),
        ):
            self.settings.set_geometry(name, QByteArray(state))
        self.settings.sync()
        # Quitting ends every job: they stop at their next check; the corpus closes after.
        self.analysis.pool.wait(SHUTDOWN_WAIT_MS)
        self.corpus_view.close()
        super().closeEvent(event)

    # --- opening ----------------------------------------------------------------------------

    def open_pair(self, left: str, right: str) -> None:
        """Start analysing a pair; what is on screen stays until the result is in."""
        left, right = absolute_location(left), absolute_location(right)
        self.analysis.open_pair(left, right, self.codebook_path)

    def reopen_last_corpus(self) -> bool:
        """At launch without files: the corpus of last time, if the setting says so."""
        path = self.settings.last_corpus
        if not (self.settings.reopen_corpus and path and Path(path).is_file()):
            return False
        self.corpus_view.open(path)
        return True

    def set_reopen_corpus(self, on: bool) -> None:
        self.settings.reopen_corpus = on

    def replace_side(self, side: str, location: str) -> None:
        left, right = self.locations
        if side == "left":
            left = location
        else:
            right = location
        if not (left and right):  # nothing open on the other side yet: compare with itself
            left, right = (left or right), (right or left)
        self.open_pair(left, right)

    def _on_pair_loaded(self, result: PairResult) -> None:
        """Show the new pair in this turn of the event loop, the rest in the next.

        Everything on screen (panes, table, selection, title) is set here; what nothing on
        screen waits for (recent files, the file watcher, memos, the codebook's fit, the
        timeline's worker) follows in ``_after_pair_shown``: together they held the GUI
        thread for about 60 ms on two 200-claim articles, each half stays well under 50.
        """
        cmp = result.comparison
        self.top.setCurrentIndex(1)  # the panes, instead of the welcome page
        self.session.open(cmp)
        self._warn_fallback()
        self.codebook = result.codebook
        self.locations = [cmp.left.location, cmp.right.location]
        self._fill_topics()
        self.status.set_codebook(self.codebook.name)
        self.status.set_matching(cmp.settings.backend)
        self.table.set_frame(result.frame, self.theme, later=True)  # a turn after the panes
        self._show_comparison(select=False)  # _select_first shows the selection once
        self.setWindowTitle(
            f"claimdiff — {Path(cmp.left.location).name} ↔ {Path(cmp.right.location).name}"
        )
        self._select_first()
        self._after_shown.start()  # a newer pair restarts it: the rest runs for that one

    def _after_pair_shown(self) -> None:
        """The part of showing a pair that nothing on screen waits for (see _on_pair_loaded)."""
        cmp = self.session.comparison
        if cmp is None or self.codebook is None:
            return
        recent.remember(self)
        from_corpus = self.corpus_view.is_open() and all(self.corpus_view.pair_keys())
        self.reloader.watch([] if from_corpus else self.locations)
        self.memos.follow()
        if Path(cmp.left.location).is_file():
            self.settings.last_folder = str(Path(cmp.left.location).resolve().parent)
        self.codebook_view.set_codebook(self.codebook, is_shipped(self.codebook))
        self.codebook_view.set_fit(
            codebook_fit((*cmp.left_claims, *cmp.right_claims), self.codebook)
        )
        if self.corpus_view.is_open():
            self.corpus_view.pair_shown()  # the timeline stays the corpus's
            self.timeline_shown.emit()
        else:
            self.load_folder_timeline()
        self.pair_shown.emit()

    def _warn_fallback(self) -> None:
        """Claims found without the trained spaCy pipeline (no parse, no entities), or pairs
        judged without the news pair model (rules only). Say so."""
        from claimdiff.language.nlp import fallback_notice
        from claimdiff.match.judge import pair_model_notice

        notice = fallback_notice()
        if notice:
            self.notifier.warning("Claims", notice)
        judged = pair_model_notice()
        if judged:
            self.notifier.warning("Comparison", judged)

    def _on_welcome(self, way: str) -> None:
        from claimdiff_gui.window import commands

        {"sample": commands.open_sample, "files": commands.open_pair_dialog}.get(
            way, commands.open_corpus
        )(self)

    def load_folder_timeline(self) -> None:
        """Chart the left article's folder: its own files, or with subfolders once asked."""
        if self.codebook is None or not self.locations[0]:
            return
        folder = str(Path(self.locations[0]).parent)
        recursive = folder in self.recursive_folders
        self.analysis.load_corpus(self.locations[0], self.codebook, recursive)

    def include_subfolders(self) -> None:
        """The timeline's "Include subfolders": chart the whole tree of the left's folder."""
        if self.locations[0]:
            self.recursive_folders.add(str(Path(self.locations[0]).parent))
            self.load_folder_timeline()

    def _on_corpus_loaded(self, result: CorpusResult) -> None:
        self.corpus_items = result.items
        if self.codebook is not None and result.items:
            claims = [c for _, items in result.items for c in items]
            self.codebook_view.set_corpus_fit(
                codebook_fit(claims, self.codebook), len(result.items)
            )
        if not result.items:
            self.timeline.clear(
                "The open articles come from no folder of articles (a URL?)."
                if not result.below
                else "This folder holds no articles of its own."
            )
        else:
            self.timeline.set_corpus(
                result.items, self.codebook, self.timeline_marks(), duplicates=result.duplicates
            )
        self.timeline.offer_subfolders(0 if result.recursive else result.below)
        if result.skipped:
            self.statusBar().showMessage(
                f"timeline: skipped {len(result.skipped)} unreadable files", 8000
            )
        self.timeline_shown.emit()

    def _select_first(self) -> None:
        """The claim kept across a re-comparison, else the first conflict (details at once)."""
        keep, self.keep_claim = self.keep_claim, None
        if keep is None or self.session.select_claim(keep) is None:
            self.session.step(("conflicting",), True)
        self._apply_selection(None)  # also with nothing selected: the views show that

    def timeline_marks(self) -> dict[str, str | None]:
        cmp = self.session.comparison
        return {"L": cmp.left.date, "R": cmp.right.date} if cmp else {}

    def _show_comparison(self, select: bool = True) -> None:
        """Show the session's comparison in the panes (and, unless told not, the selection)."""
        cmp = self.session.comparison
        if cmp is None:
            return
        for pane, claims, article, side in (
            (self.panes[0], cmp.left_claims, cmp.left, "left"),
            (self.panes[1], cmp.right_claims, cmp.right, "right"),
        ):
            relations = self.session.relations(side)  # type: ignore[arg-type]
            pane.show_article(article, claims, relations, self.theme)
        self.status.set_counts(self.session.counts())
        if select:
            self._apply_selection(None)

    # --- selection and navigation ---------------------------------------------------------------

    def select_claim(self, claim_id: str, side: str | None = None) -> Link | None:
        link = self.session.select_claim(claim_id)
        self._apply_selection(side)
        return link

    def _on_table_link(self, index: int) -> None:
        if self.session.comparison is not None:
            self.session.select_link(self.session.comparison.links[index])
            self._apply_selection(None)

    def _apply_selection(self, origin: str | None) -> None:
        """Show the session's selection everywhere; scroll every pane but the clicked one."""
        link = self.session.selected
        with self.sync.held():
            for side, pane in zip(SIDES, self.panes, strict=True):
                ids = self.session.selected_claims(side)  # type: ignore[arg-type]
                pane.set_selected(ids, self.theme, link.relation if link else None)
                if ids and side != origin:
                    pane.scroll_to_claim(ids[0])
        cmp = self.session.comparison
        self.details.show_link(link, cmp, self.codebook, self.theme, corrections.notes(self))
        self.table.select_link(self.session.link_position(link))
        self.linkmap.update()

    def select_link(self, link: Link) -> None:
        self.session.select_link(link)
        self._apply_selection(None)

    def refresh_selection(self) -> None:
        """Show the selection again, e.g. after a correction changed what the details say."""
        self._apply_selection(None)

    def _step(self, relations: tuple[str, ...], forward: bool) -> None:
        if self.session.step(relations, forward) is not None:
            self._apply_selection(None)

    def next_conflict(self) -> None:
        self._step(("conflicting",), True)

    def previous_conflict(self) -> None:
        self._step(("conflicting",), False)

    def next_difference(self) -> None:
        self._step(DIFFERENCES, True)

    def previous_difference(self) -> None:
        self._step(DIFFERENCES, False)

    def swap_sides(self) -> None:
        if self.session.comparison is None:
            return
        from claimdiff.session.frames import links_frame, swapped_frame

        self.session.swap()
        self.locations.reverse()
        self.panes[0].exchange(self.panes[1])
        frame = self.table.frame()
        swapped = links_frame(self.session.comparison) if frame is None else swapped_frame(frame)
        self.table.set_frame(swapped, self.theme)
        self._show_comparison()
        self.timeline.set_marks(self.timeline_marks())

    def set_topic(self, topic: str | None) -> None:
        self.session.set_topic(topic)
        self.table.set_topic(topic)
        self._show_comparison()

    def _fill_topics(self) -> None:
        self.topic_combo.blockSignals(True)
        self.topic_combo.clear()
        self.topic_combo.addItem("All topics", None)
        for topic in self.session.topics():
            self.topic_combo.addItem(topic_label(self.codebook, topic), topic)
        self.topic_combo.blockSignals(False)
        self.session.set_topic(None)
        self.table.set_topic(None)

    # --- menu handlers ------------------------------------------------------------------------

    def edit_codebook(self) -> None:
        open_editor(self)

    def reload_codebook(self) -> None:
        """Re-read the codebook file and re-label the open pair (and corpus) with it."""
        self.analysis.forget_corpora()
        if self.corpus_view.is_open():
            self.corpus_view.reload()  # labels the corpus, then shows the pair again
            return
        if all(self.locations):
            self.open_pair(*self.locations)

    def _zoom(self, size: float | None) -> None:
        for pane in self.panes:
            pane.set_point_size(size if size else pane.point_size, self.theme)
        self._apply_selection(None)

    def zoom_in(self) -> None:
        self._zoom(self.panes[0].point_size + 1)

    def zoom_out(self) -> None:
        self._zoom(self.panes[0].point_size - 1)

    def zoom_reset(self) -> None:
        self._zoom(DEFAULT_POINT_SIZE)

    def set_dark(self, on: bool) -> None:
        self.settings.dark = on
        self.theme = theme_for(on)
        self._apply_theme()

    def _apply_theme(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.theme.dark)
        self.legend.set_theme(self.theme)
        self.timeline.set_theme(self.theme)
        for pane in self.panes:
            pane.render(self.theme)
        if self.table.frame() is not None:
            self.table.set_frame(self.table.frame(), self.theme)
        self._apply_selection(None)

    def set_bottom_tabs(self, on: bool) -> None:
        """Fold the bottom tabs away (the articles take the whole height) or bring them back."""
        sizes = self.main_split.sizes()
        total = sum(sizes)
        if on and sizes[1] == 0:
            tabs = self._tabs_height or round(total * (1 - PANES_SHARE))
            self.main_split.setSizes([total - tabs, tabs])
        elif not on and sizes[1] > 0:
            self._tabs_height = sizes[1]
            self.main_split.setSizes([total, 0])

    def _on_main_split_moved(self) -> None:
        action = self.menus.actions["bottom_tabs"]
        action.blockSignals(True)
        action.setChecked(self.main_split.sizes()[1] > 0)
        action.blockSignals(False)

    def set_sync_scroll(self, on: bool) -> None:
        self.sync.enabled = on
        self.settings.sync_scroll = on

    def cancel_analysis(self) -> None:
        """Cancel / Ctrl+.: every running job (pair, timeline, corpus import) is asked to stop."""
        if not self.analysis.busy():
            self.statusBar().showMessage("nothing is running", 3000)
            return
        self.analysis.cancel()
        self.status.cancelling()
