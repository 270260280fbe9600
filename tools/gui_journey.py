"""An analyst's journey through the real window, with a screenshot of the screen at each step.

Run under an X server with a window manager (``tools/gui_journey.sh`` starts Xvfb and
openbox at 1366x768 and 1920x1080); the app is driven from inside with QTest, so it sees
real events, a real window manager and real screen geometry, and the screenshots show what
a user sees, decorations included. Steps: first launch (welcome page), the sample pair,
another pair through File → Open pair… (Enter confirms), the folder timeline, a corpus
import of 300 Reuters articles (JSONL), a PDF export (its first page rendered with
pdftoppm). Prints one line per step with the window's geometry; exits 1 when a step fails.

    python tools/gui_journey.py OUT_DIR --reuters PATH/articles.jsonl.gz [--articles 300]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

WAIT_S = 300


class Journey:
    def __init__(self, app: QApplication, out: Path, work: Path) -> None:
        from claimdiff_gui.window.mainwindow import MainWindow
        from claimdiff_gui.window.settings import Settings

        self.app, self.out, self.work = app, out, work
        self.window = MainWindow(Settings())
        self.window.show()
        self.step = 0
        self.failed: list[str] = []

    def wait_for(self, signal: object, action: Callable[[], None], what: str) -> bool:
        """Run ``action`` and wait (events flowing) until ``signal`` fires."""
        loop = QEventLoop()
        fired: list[bool] = []
        signal.connect(lambda *_a: (fired.append(True), loop.quit()))  # type: ignore[attr-defined]
        QTimer.singleShot(WAIT_S * 1000, loop.quit)
        action()
        if not fired:
            loop.exec()
        if not fired:
            self.failed.append(f"{what}: no answer in {WAIT_S} s")
        return bool(fired)

    def settle(self, ms: int = 600) -> None:
        QTest.qWait(ms)

    def shot(self, name: str) -> None:
        self.settle()
        self.step += 1
        screen = QGuiApplication.primaryScreen()
        path = self.out / f"{self.step:02d}-{name}.png"
        screen.grabWindow(0).save(str(path))
        geo, area = self.window.frameGeometry(), screen.availableGeometry()
        inside = area.contains(geo)
        print(
            f"{path.name}: window {geo.width()}x{geo.height()} at {geo.x()},{geo.y()} on "
            f"{area.width()}x{area.height()}{'' if inside else ' (NOT inside the screen)'}; "
            f"panes {self.window.panes[0].text.viewport().height()} px high"
        )

    def run(self, reuters: Path, articles: int) -> int:
        from claimdiff.ingest.seeds import sample_pair

        win = self.window
        self.shot("welcome")
        self.wait_for(
            win.pair_shown,
            lambda: QTest.mouseClick(win.welcome.buttons["sample"], Qt.MouseButton.LeftButton),
            "open the sample pair",
        )
        self.wait_for(win.timeline_shown, lambda: None, "sample timeline")
        self.shot("sample-pair")
        left, right = sample_pair()
        other = sorted(p for p in left.parent.glob("*.txt") if p not in (left, right))[0]
        self.wait_for(win.pair_shown, lambda: self._open_pair_by_menu(str(other), str(right)),
                      "File → Open pair…")  # fmt: skip
        self.shot("another-pair")
        win.tabs.setCurrentWidget(win.timeline)
        self.shot("folder-timeline")
        self._corpus(reuters, articles)
        self._pdf()
        win.close()
        for problem in self.failed:
            print(f"FAILED {problem}", file=sys.stderr)
        return 1 if self.failed else 0

    def _open_pair_by_menu(self, left: str, right: str) -> None:
        def fill() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(100, fill)
                return
            edits = dialog.findChildren(QLineEdit)
            edits[0].setText(left)
            edits[1].setText(right)
            self.shot("open-pair-dialog")
            QTest.keyClick(edits[1], Qt.Key.Key_Return)  # Enter confirms

        QTimer.singleShot(300, fill)
        self.window.menus.actions["open"].trigger()

    def _corpus(self, reuters: Path, articles: int) -> None:
        win = self.window
        table = self.work / f"reuters-{articles}.jsonl"
        with gzip.open(reuters, "rt", encoding="utf-8") as rows:
            table.write_text("".join(itertools.islice(rows, articles)), encoding="utf-8")
        store = self.work / "reuters.claimdiff"
        view = win.corpus_view
        self.wait_for(view.opened, lambda: view.open(str(store), create=True), "new corpus")
        start = time.perf_counter()
        done = self.wait_for(
            view.imported, lambda: view.start_import([str(table)], {}), "import Reuters"
        )
        if done:
            print(f"imported {articles} Reuters articles in {time.perf_counter() - start:.0f} s")
        self.shot("corpus-articles")
        win.tabs.setCurrentWidget(win.timeline)
        self.shot("corpus-timeline")

    def _pdf(self) -> None:
        from claimdiff_gui.export.export import start_export

        target = self.out / "report.pdf"
        target.unlink(missing_ok=True)
        win = self.window
        self.wait_for(
            win.analysis.exported,
            lambda: start_export(win, str(target), overwrite=True),
            "export PDF",
        )
        if shutil.which("pdftoppm") and target.exists():
            subprocess.run(
                ["pdftoppm", "-r", "50", "-png", str(target), str(self.out / "report-page")],
                check=False,
            )
        self.shot("after-export")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument(
        "--reuters", type=Path, required=True, help="Reuters-21578 articles (JSONL, gzipped)"
    )
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    if not args.reuters.is_file():
        parser.error(f"{args.reuters}: Reuters articles not found")
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    from claimdiff_gui.app import gui_thread_garbage_collection, set_identity

    collector = gui_thread_garbage_collection()  # noqa: F841 - as in the app
    set_identity(app)
    with tempfile.TemporaryDirectory(prefix="claimdiff-journey-") as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        code = Journey(app, args.out, Path(tmp)).run(args.reuters, args.articles)
    return code


if __name__ == "__main__":
    sys.exit(main())
