"""``claimdiff-gui [LEFT [RIGHT] | --sample] [--screenshot OUT.png [--size WxH] [--dark]]``.

Start-up imports only Qt and the window; pandas arrives with the first analysis, in the
worker thread, so the window is on screen before the heavy libraries load.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from claimdiff_gui.window.mainwindow import MainWindow
    from PySide6.QtWidgets import QApplication

EXIT_ERROR = 2
# Qt is the optional "gui" extra: a command-line install of claimdiff has the core only.
QT_MODULES = ("PySide6", "pyqtgraph")
INSTALL_QT = "pip install 'claimdiff[gui]'"


def missing_qt() -> str | None:
    """Why the desktop app cannot start in this environment, or None when Qt is installed."""
    missing = [name for name in QT_MODULES if importlib.util.find_spec(name) is None]
    if not missing:
        return None
    return f"claimdiff-gui: the desktop app needs {' and '.join(missing)}: {INSTALL_QT}"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="claimdiff-gui", description="Compare the claims of two news articles."
    )
    parser.add_argument("left", nargs="?", help="left article (file or URL)")
    parser.add_argument(
        "right", nargs="?", help="right article (file or URL); alone, LEFT is shown on both sides"
    )
    parser.add_argument(
        "--sample", action="store_true", help="open the shipped sample pair (2007 vs 2017)"
    )
    parser.add_argument("--codebook", help="codebook YAML (default: the shipped one)")
    parser.add_argument(
        "--screenshot", metavar="PNG", help="render the loaded window to PNG and exit"
    )
    parser.add_argument("--size", default="1400x900", help="window size for --screenshot, WxH")
    parser.add_argument("--dark", action="store_true", help="dark colours")
    args = parser.parse_args(argv)
    if args.sample:
        if args.left:
            parser.error("--sample opens the sample pair; give no LEFT or RIGHT with it")
        from claimdiff.ingest.seeds import sample_pair

        args.left, args.right = (str(p) for p in sample_pair())
    if args.screenshot and not args.left:
        parser.error("--screenshot needs LEFT [RIGHT] or --sample")
    if args.left and not args.right:
        # One file (e.g. dropped on the launcher): shown on both sides until the user opens
        # or drops the other one, the same as replacing one side of an empty window.
        args.right = args.left
    try:
        args.width, args.height = (int(n) for n in args.size.lower().split("x"))
    except ValueError:
        parser.error(f"--size must look like 1400x900, not {args.size!r}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    problem = missing_qt()
    if problem is not None:
        sys.stderr.write(problem + "\n")
        return EXIT_ERROR
    if args.screenshot:
        # Nobody looks at a screenshot run's window: render offscreen unless told otherwise.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from claimdiff_gui.window.mainwindow import MainWindow
    from claimdiff_gui.window.settings import APPLICATION, ORGANISATION, Settings
    from PySide6.QtWidgets import QApplication

    # instance() is typed as QCoreApplication; the one this process makes is a QApplication.
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    collector = gui_thread_garbage_collection()  # noqa: F841 - must live as long as the app
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    set_identity(app)
    window = MainWindow(
        Settings(), args.codebook, dialogs_on=not args.screenshot, dark=args.dark or None
    )
    if args.screenshot:
        return screenshot(app, window, args)
    window.show()
    if args.left:
        window.open_pair(args.left, args.right)
    else:
        window.reopen_last_corpus()
    code = app.exec()
    if window.analysis.pool.unfinished():
        # A job deep in a library call that never checks for cancellation must not keep
        # the process alive after the window closed (settings and corpus are saved).
        sys.stderr.write("claimdiff-gui: a job did not stop in time; exiting without it\n")
        sys.stderr.flush()
        os._exit(code)
    return code


def set_identity(app: QApplication) -> None:
    """Window icon and desktop id, so task bars group the window with its menu entry."""
    from PySide6.QtGui import QIcon

    from claimdiff.base.resources import APP_ID, icon_paths

    icon = QIcon()
    for path in icon_paths():  # PNG sizes: no dependency on Qt's SVG icon plugin when frozen
        icon.addFile(str(path))
    app.setWindowIcon(icon)
    app.setDesktopFileName(APP_ID)


def gui_thread_garbage_collection() -> object:
    """Collect cycles only in the GUI thread, on a timer.

    Python's cyclic GC runs in whichever thread happens to allocate; when that is an
    analysis worker and the garbage holds Qt wrappers, Qt objects die in the wrong thread
    and the app crashes (we saw it in the tests). This is pyqtgraph's standard remedy
    (pyqtgraph.util.garbage_collector), written out so that start-up need not import
    pyqtgraph for it.
    """
    return GuiThreadCollector(interval_ms=1000)


class GuiThreadCollector:
    """Automatic GC off; a GUI-thread timer collects each generation past its threshold.

    Two differences from pyqtgraph's: what exists at the first tick (modules, classes, the
    window: hundreds of thousands of objects) is frozen out of every later collection,
    and the oldest generation is collected only once it has grown by a quarter, as
    Python's own collector does; a full collection otherwise holds the GUI thread for a
    few hundred milliseconds every ten seconds once pandas and a corpus are loaded.
    """

    def __init__(self, interval_ms: int) -> None:
        import gc

        from PySide6.QtCore import QTimer

        self.threshold = gc.get_threshold()
        gc.disable()
        self.frozen = False
        self.survivors = 0  # objects in the oldest generation after its last collection
        self.timer = QTimer()
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        import gc

        if not self.frozen:
            gc.freeze()  # no collection first: it would take a long tick for little garbage
            self.frozen = True
            return
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            gc.collect(0)
            if middle > self.threshold[1]:
                gc.collect(1)
                if old > self.threshold[2] and self._grown(gc.get_objects(2)):
                    gc.collect(2)
                    self.survivors = len(gc.get_objects(2))

    def _grown(self, oldest: list[object]) -> bool:
        return len(oldest) > self.survivors * 1.25


def screenshot(app: QApplication, window: MainWindow, args: argparse.Namespace) -> int:
    """Open the pair, wait for pair and timeline analyses, save the window, quit."""
    from claimdiff_gui.window.shot import Screenshot

    return Screenshot(app, window, args.screenshot, (args.width, args.height)).run(
        args.left, args.right
    )


if __name__ == "__main__":
    sys.exit(main())
