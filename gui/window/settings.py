"""What the app remembers between runs, behind typed accessors over QSettings.

Organisation and application are both "claimdiff". Tests point QSettings at a temporary
ini file (``QSettings.setPath``) so they never touch the user's own settings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from claimdiff.session.display import location_name

ORGANISATION = "claimdiff"
APPLICATION = "claimdiff"
MAX_RECENT = 10
PAIR_SEP = "\t"
CORPUS_PREFIX = "corpus:"  # a stored entry of a pair compared inside a corpus
CODEBOOK_PREFIX = "codebook:"  # the last field: the codebook the pair was compared with
LAST_CORPUS = "files/last_corpus"


def absolute_location(location: str) -> str:
    """A file path made absolute (from the folder the app was started in); URLs unchanged.

    Relative paths from a launch script broke "Open recent" from any other folder.
    """
    if "://" in location or not location:
        return location
    return os.path.abspath(os.path.expanduser(location))


@dataclass(frozen=True)
class Recent:
    """One "Open recent" entry: two article files, or two articles of a corpus by key."""

    left: str
    right: str
    corpus: str | None = None  # the .claimdiff file holding both articles
    # The codebook file it was compared with ("": the shipped one; None: not recorded, an entry
    # from before). Not part of the identity: one pair is one entry, with its latest codebook.
    codebook: str | None = field(default=None, compare=False)

    def encode(self) -> str:
        pair = f"{self.left}{PAIR_SEP}{self.right}"
        if self.corpus:
            pair = f"{CORPUS_PREFIX}{self.corpus}{PAIR_SEP}{pair}"
        if self.codebook is not None:
            pair += f"{PAIR_SEP}{CODEBOOK_PREFIX}{self.codebook}"
        return pair

    @staticmethod
    def decode(item: str) -> Recent | None:
        corpus = codebook = None
        if item.startswith(CORPUS_PREFIX):
            corpus, _, item = item[len(CORPUS_PREFIX) :].partition(PAIR_SEP)
        rest, _, last = item.rpartition(PAIR_SEP)
        if last.startswith(CODEBOOK_PREFIX):
            item, codebook = rest, last[len(CODEBOOK_PREFIX) :]
        left, _, right = item.partition(PAIR_SEP)
        if not (left and right):
            return None
        if corpus:
            return Recent(left, right, corpus, codebook)
        return Recent(absolute_location(left), absolute_location(right), codebook=codebook)

    def files(self) -> tuple[str, ...]:
        """The local files this entry needs."""
        found = (self.corpus,) if self.corpus else (self.left, self.right)
        return tuple(f for f in found if "://" not in f)

    def missing(self) -> list[str]:
        return [f for f in self.files() if not Path(f).exists()]

    def label(self) -> str:
        if self.corpus:
            return f"{self.left} ↔ {self.right}  (in {Path(self.corpus).name})"
        return f"{location_name(self.left)} ↔ {location_name(self.right)}"

    def tooltip(self) -> str:
        lines = [self.left, self.right]
        if self.corpus:
            lines = [f"corpus {self.corpus}", f"articles {self.left} and {self.right}"]
        if self.codebook is not None:
            lines.append(f"codebook {self.codebook or 'shipped with claimdiff'}")
        gone = self.missing()
        return "\n".join(lines + [f"not found: {f}" for f in gone])


class Settings:
    """Typed view of the app's QSettings."""

    def __init__(self, store: QSettings | None = None) -> None:
        # defaultFormat() rather than the (org, app) constructor, which always uses the native
        # format: tests switch the default to an ini file in a temporary folder.
        self.store = (
            store
            if store is not None
            else QSettings(
                QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION
            )
        )

    def _bool(self, key: str, default: bool) -> bool:
        value = self.store.value(key, default)
        if isinstance(value, str):  # ini files give strings back
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def _list(self, key: str) -> list[str]:
        value = self.store.value(key, [])
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value] if isinstance(value, (list, tuple)) else []

    @property
    def dark(self) -> bool:
        return self._bool("view/dark", False)

    @dark.setter
    def dark(self, on: bool) -> None:
        self.store.setValue("view/dark", on)

    @property
    def sync_scroll(self) -> bool:
        return self._bool("view/sync_scroll", True)

    @sync_scroll.setter
    def sync_scroll(self, on: bool) -> None:
        self.store.setValue("view/sync_scroll", on)

    def choice(self, key: str, default: str) -> str:
        """A remembered pick among fixed options (a combo box's text)."""
        return str(self.store.value(key, default))

    def set_choice(self, key: str, value: str) -> None:
        self.store.setValue(key, value)

    @property
    def last_folder(self) -> str:
        return str(self.store.value("files/last_folder", "") or "")

    @last_folder.setter
    def last_folder(self, folder: str) -> None:
        self.store.setValue("files/last_folder", folder)

    @property
    def codebook(self) -> str | None:
        value = self.store.value("files/codebook", "")
        return str(value) if value else None

    @codebook.setter
    def codebook(self, path: str | None) -> None:
        self.store.setValue("files/codebook", path or "")

    def recent(self) -> list[Recent]:
        """Newest first, each entry once (older relative duplicates fold into one)."""
        found: list[Recent] = []
        for item in self._list("files/recent_pairs"):
            entry = Recent.decode(item)
            if entry is not None and entry not in found:
                found.append(entry)
        return found

    def add_recent(self, entry: Recent) -> None:
        items = [entry, *(e for e in self.recent() if e != entry)][:MAX_RECENT]
        self.store.setValue("files/recent_pairs", [e.encode() for e in items])

    def remove_recent(self, entries: list[Recent]) -> None:
        kept = [e.encode() for e in self.recent() if e not in entries]
        self.store.setValue("files/recent_pairs", kept)

    def recent_pairs(self) -> list[tuple[str, str]]:
        """The file pairs among the recent entries (the Open pair dialog lists them)."""
        return [(e.left, e.right) for e in self.recent() if e.corpus is None]

    def add_recent_pair(self, left: str, right: str) -> None:
        self.add_recent(Recent(absolute_location(left), absolute_location(right)))

    @property
    def last_corpus(self) -> str:
        return str(self.store.value(LAST_CORPUS, "") or "")

    @property
    def reopen_corpus(self) -> bool:
        """Open the last corpus again when the app starts without files."""
        return self._bool("files/reopen_corpus", True)

    @reopen_corpus.setter
    def reopen_corpus(self, on: bool) -> None:
        self.store.setValue("files/reopen_corpus", on)

    def geometry(self, name: str) -> QByteArray | None:
        value = self.store.value(f"geometry/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, name: str, state: QByteArray) -> None:
        self.store.setValue(f"geometry/{name}", state)

    def sync(self) -> None:
        self.store.sync()
