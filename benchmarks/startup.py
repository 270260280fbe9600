"""Start-up: ``claimdiff --version`` and the time until the window is on screen, and what loads.

Each figure is the wall time of a fresh process (the best of ``--runs``, as the files are
then in the page cache), beside a bare ``python -c pass`` for the interpreter's own share.
The window runs offscreen with empty settings; it counts until the first paint after
``show()``. Then the modules that took longest to import (``python -X importtime``) and
whether pandas, pyqtgraph, numpy and the corpus stack were loaded. Printed, not asserted.

With ``--cold``, the window is also timed once right after the page cache of every file it
could read (the interpreter's standard library, the environment's site-packages, this
checkout) is dropped with ``posix_fadvise(DONTNEED)``: a first start after boot, without
dropping the whole machine's cache (pages another process has mapped stay).

    python benchmarks/startup.py [--cold]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[1])
WINDOW = """
import time
start = time.perf_counter()
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from claimdiff_gui.app import gui_thread_garbage_collection
from claimdiff_gui.window.mainwindow import MainWindow
from claimdiff_gui.window.settings import Settings
collector = gui_thread_garbage_collection()
window = MainWindow(Settings(), dialogs_on=False)
window.show()
app.processEvents()
window.grab()  # the first paint
print(f"{time.perf_counter() - start:.3f}")
loaded = [m for m in ("pandas", "pyqtgraph", "numpy", "claimdiff.corpus.corpus",
                      "claimdiff.labels.label", "spacy") if m in sys.modules]
print(" ".join(loaded) or "-")
"""


def wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def importtime(command: list[str], env: dict[str, str], top: int) -> list[str]:
    """The ``top`` slowest imports, cumulative, as -X importtime reports them."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *command[1:]],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    rows = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    rows.sort(reverse=True)
    return [f"    {us / 1000:7.1f} ms {name}" for us, name in rows[:top]]


def evict(folders: list[str]) -> int:
    """Drop the cached pages of every file under ``folders``; how many files were read."""
    count = 0
    for folder in folders:
        for root, _, names in os.walk(folder):
            for name in names:
                try:
                    fd = os.open(os.path.join(root, name), os.O_RDONLY)
                except OSError:
                    continue
                try:
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                    count += 1
                finally:
                    os.close(fd)
    return count


def cold_window(env: dict[str, str]) -> str:
    """The window's start, timed once after the files it reads left the page cache."""
    import sysconfig

    paths = sysconfig.get_paths()
    folders = sorted({paths["stdlib"], paths["purelib"], paths["platlib"], ROOT})
    files = evict(folders)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", WINDOW], capture_output=True,
                          text=True, env=env, check=True)  # fmt: skip
    total = time.perf_counter() - start
    inside = done.stdout.split("\n")[0]
    return (f"window painted, cold ({files} files evicted first): {total:.3f} s from process "
            f"start ({inside} s after the interpreter started)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--cold", action="store_true", help="also time a start from disk")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimdiff-start-") as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=home, XDG_CONFIG_HOME=home)
        bare = min(wall([sys.executable, "-c", "pass"], env) for _ in range(args.runs))
        version = [sys.executable, "-m", "claimdiff", "--version"]
        best = min(wall(version, env) for _ in range(args.runs))
        print(f"python -c pass: {bare:.3f} s;  claimdiff --version: {best:.3f} s")
        print("\n".join(importtime(version, env, args.top)))
        if args.cold:
            print(cold_window(env))
        shown = []
        for _ in range(args.runs):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", WINDOW], capture_output=True,
                                  text=True, env=env, check=True)  # fmt: skip
            total = time.perf_counter() - start
            inside, loaded = done.stdout.split("\n")[:2]
            shown.append((total, float(inside), loaded))
        total, inside, loaded = min(shown)
        print(f"window painted: {total:.3f} s from process start ({inside:.3f} s after "
              f"the interpreter started); loaded by then: {loaded}")  # fmt: skip
        print("\n".join(importtime([sys.executable, "-c", WINDOW], env, args.top)))


if __name__ == "__main__":
    main()
