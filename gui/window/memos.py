"""The analyst's memos on claims and links: saved beside the pair or the corpus, in reports.

A memo is keyed by the article's content (checksum) and the claim's offsets, so it finds its
sentence again after the pair is compared anew or reopened, and never by an internal id.
The file is JSON, written atomically: ``<corpus>.memos.json`` for pairs of an open corpus,
else ``claimdiff-memos.json`` in the left article's folder (or the app's data folder when
that folder is read-only). Articles themselves are never written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from claimdiff_gui.window.dialogs import confirm_box, enter_confirms
from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from claimdiff.base.atomic import write_atomic
from claimdiff.base.errors import InputError
from claimdiff.base.model import Article, Claim, Comparison, Link

if TYPE_CHECKING:
    from claimdiff_gui.window.mainwindow import MainWindow

MEMO_FILE = "claimdiff-memos.json"
QUOTE_WORDS = 6


@dataclass(frozen=True)
class Memo:
    about: str  # what it is on, in words: "claim 'Japan moves to…' (left)"
    text: str
    at: str  # when it was last written, UTC


@dataclass(frozen=True)
class Target:
    """Something a memo can be on: a claim or a link of the open pair."""

    key: str
    about: str
    link: Link | None = None
    claim_id: str | None = None


def claim_key(article: Article, claim: Claim) -> str:
    return f"claim {article.checksum[:16] or article.id} {claim.start}-{claim.end}"


def _quote(text: str) -> str:
    words = text.split()
    return "'" + " ".join(words[:QUOTE_WORDS]) + ("…'" if len(words) > QUOTE_WORDS else "'")


def targets(cmp: Comparison) -> list[Target]:
    """Every claim and link of the comparison that a memo may be on."""
    found = []
    sides = ((cmp.left, cmp.left_claims, "left"), (cmp.right, cmp.right_claims, "right"))
    keys: dict[str, str] = {}
    for article, claims, side in sides:
        for claim in claims:
            keys.setdefault(claim.id, claim_key(article, claim))
            about = f"claim {_quote(claim.text)} ({side})"
            found.append(Target(claim_key(article, claim), about, claim_id=claim.id))
    for link in cmp.links:
        if link.left and link.right:
            key = f"link {keys[link.left]} | {keys[link.right]}"
            about = (
                f"link {_quote(cmp.claim(link.left).text)} ↔ {_quote(cmp.claim(link.right).text)}"
            )
            found.append(Target(key, about, link=link))
    return found


class MemoBook(QObject):
    """The memos of the file that belongs to what is open; ``changed`` after each save."""

    changed = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.path: Path | None = None
        self.entries: dict[str, Memo] = {}

    def follow(self) -> None:
        """Read the memo file of the pair (or corpus) now open."""
        path = self._location()
        if path != self.path:
            self.path = path
            self.entries = _read(path) if path is not None else {}
        self.changed.emit()

    def _location(self) -> Path | None:
        view, cmp = self.window.corpus_view, self.window.session.comparison
        if view.corpus is not None and all(view.pair_keys()):
            corpus = Path(view.corpus.path)
            return corpus.with_name(corpus.name + ".memos.json")
        if cmp is None or "://" in cmp.left.location:
            return None
        folder = Path(cmp.left.location).resolve().parent
        if not os.access(folder, os.W_OK):
            data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
            folder = Path(data)
        return folder / MEMO_FILE

    def get(self, key: str) -> str:
        memo = self.entries.get(key)
        return memo.text if memo else ""

    def put(self, target: Target, text: str) -> None:
        """Save (empty text: remove) one memo, atomically; a failure is said, not raised."""
        if self.path is None:
            self.window.notifier.error("Memo", "Open a pair of files or a corpus first.")
            return
        entries = dict(self.entries)
        if text.strip():
            stamp = datetime.now(UTC).isoformat(timespec="seconds")
            entries[target.key] = Memo(target.about, text.strip(), stamp)
        else:
            entries.pop(target.key, None)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            data = {k: asdict(m) for k, m in sorted(entries.items())}
            write_atomic(self.path, json.dumps(data, indent=1, ensure_ascii=False), overwrite=True)
        except (OSError, InputError) as exc:
            self.window.notifier.error(str(self.path), f"cannot save the memo: {exc}")
            return
        self.entries = entries
        self.changed.emit()

    def of_pair(self) -> list[tuple[Target, Memo]]:
        cmp = self.window.session.comparison
        if cmp is None or not self.entries:
            return []
        return [(t, self.entries[t.key]) for t in targets(cmp) if t.key in self.entries]

    def for_report(self) -> tuple[tuple[str, str], ...]:
        return tuple((memo.about, memo.text) for _t, memo in self.of_pair())


def _read(path: Path) -> dict[str, Memo]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): Memo(**v) for k, v in raw.items()}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, TypeError):
        return {}  # an unreadable memo file must not stop the comparison


class MemoList(QListWidget):
    """The open pair's memos; double-click one to select its claim or link.

    It gets the memo book and the two ways to select, not the window.
    """

    def __init__(
        self,
        book: MemoBook,
        select_link: Callable[[Link], object],
        select_claim: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.book = book
        self._select_link = select_link
        self._select_claim = select_claim
        self.setWordWrap(True)
        self.itemDoubleClicked.connect(self._go)
        book.changed.connect(self.refresh)

    def refresh(self) -> None:
        self.clear()
        for target, memo in self.book.of_pair():
            item = QListWidgetItem(f"{memo.about}\n{memo.text}")
            item.setToolTip(f"{memo.text}\n(written {memo.at.replace('T', ' ')} UTC)")
            item.setData(Qt.ItemDataRole.UserRole, target)
            self.addItem(item)
        if not self.count():
            note = QListWidgetItem("No memos on this pair. Select a claim and press Ctrl+M.")
            note.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(note)

    def _go(self, item: QListWidgetItem) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(target, Target) and target.link is not None:
            self._select_link(target.link)
        elif isinstance(target, Target) and target.claim_id:
            self._select_claim(target.claim_id)


class MemoDialog(QDialog):
    """Write the memo on the selected link or one of its claims."""

    def __init__(self, choices: list[Target], book: MemoBook, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Memo")
        self.book = book
        self.on = QComboBox(self)
        for target in choices:
            self.on.addItem(target.about, target)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText("What you noticed, for yourself or the report")
        self.on.currentIndexChanged.connect(self._load)
        form = QFormLayout(self)
        form.addRow("On", self.on)
        form.addRow("Memo", self.text)
        box = confirm_box(self, QDialogButtonBox.StandardButton.Save)
        form.addRow(box)
        enter_confirms(self, box)
        self._load()
        self.resize(560, 260)

    def target(self) -> Target:
        found = self.on.currentData()
        assert isinstance(found, Target)
        return found

    def _load(self) -> None:
        self.text.setPlainText(self.book.get(self.target().key))


def selection_targets(window: MainWindow) -> list[Target]:
    """The selected link first, then its claims: what Ctrl+M may write a memo on."""
    cmp, link = window.session.comparison, window.session.selected
    if cmp is None or link is None:
        return []
    every = {t.key: t for t in targets(cmp)}
    by_claim = {t.claim_id: t for t in every.values() if t.claim_id}
    found = [t for t in every.values() if t.link == link]
    found += [by_claim[cid] for cid in (link.left, link.right) if cid in by_claim]
    return found


def memo_dialog(window: MainWindow) -> None:
    choices = selection_targets(window)
    if not choices:
        window.notifier.error("Memo", "Select a claim or a link first.")
        return
    dialog = MemoDialog(choices, window.memos, window)
    if dialog.exec():
        window.memos.put(dialog.target(), dialog.text.toPlainText())
