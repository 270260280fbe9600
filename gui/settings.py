"""What the app remembers between runs, behind typed accessors over QSettings.

Organisation and application are both "claimdiff". Tests point QSettings at a temporary
ini file (``QSettings.setPath``) so they never touch the user's own settings.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "claimdiff"
APPLICATION = "claimdiff"
MAX_RECENT = 10
PAIR_SEP = "\t"


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
        return [str(v) for v in value or []]

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

    def recent_pairs(self) -> list[tuple[str, str]]:
        pairs = []
        for item in self._list("files/recent_pairs"):
            left, _, right = item.partition(PAIR_SEP)
            if left and right:
                pairs.append((left, right))
        return pairs

    def add_recent_pair(self, left: str, right: str) -> None:
        items = [f"{a}{PAIR_SEP}{b}" for a, b in self.recent_pairs() if (a, b) != (left, right)]
        self.store.setValue("files/recent_pairs", [f"{left}{PAIR_SEP}{right}", *items][:MAX_RECENT])

    def geometry(self, name: str) -> QByteArray | None:
        value = self.store.value(f"geometry/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, name: str, state: QByteArray) -> None:
        self.store.setValue(f"geometry/{name}", state)

    def sync(self) -> None:
        self.store.sync()
