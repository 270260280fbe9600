"""Analyst corrections: kept apart from machine labels, in force over them, undoable.

A correction is a row of its own (who, when, what), never an edit of a machine label, so a
re-run of the analysis cannot overwrite it and the analyst's judgement stays visible as
such. The newest correction of a target is in force; undoing one deletes it, which brings
back whatever was in force before. ``CorrectionStack`` is the undo stack a front end binds
to Ctrl+Z / Ctrl+Shift+Z.
"""

from __future__ import annotations

import getpass
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from claimdiff.base.errors import InputError

KINDS = ("position", "not_claim", "link", "date", "title", "source")
ARTICLE_FIELDS = ("date", "title", "source")
VERDICTS = ("confirmed", "rejected")


@dataclass(frozen=True, slots=True)
class Correction:
    """What the analyst changed; ``value`` None withdraws (a removed position, a claim again)."""

    kind: str
    article_key: str
    claim_id: str | None = None
    topic: str | None = None
    value: str | None = None
    other_claim_id: str | None = None  # link: the right claim

    def describe(self) -> str:
        """Short words for an Undo/Redo menu item."""
        if self.kind == "position":
            shown = self.value or "no position"
            return f"{self.claim_id}: {self.topic} → {shown}"
        if self.kind == "not_claim":
            return f"{self.claim_id}: {'not a claim' if self.value else 'a claim'}"
        if self.kind == "link":
            return f"link {self.claim_id} ↔ {self.other_claim_id} {self.value}"
        return f"{self.article_key}: {self.kind} = {self.value}"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def validate(conn: sqlite3.Connection, fix: Correction) -> int:
    """The article's row id, after checking the correction names things that exist."""
    if fix.kind not in KINDS:
        raise InputError(fix.kind, f"unknown correction; use one of {', '.join(KINDS)}")
    row = conn.execute("SELECT id FROM articles WHERE key = ?", (fix.article_key,)).fetchone()
    if row is None:
        raise InputError(fix.article_key, "no such article in the corpus")
    for cid in (fix.claim_id, fix.other_claim_id):
        if (
            cid is not None
            and conn.execute("SELECT 1 FROM claims WHERE cid = ?", (cid,)).fetchone() is None
        ):
            raise InputError(cid, "no such claim in the corpus")
    if fix.kind in ("position", "not_claim", "link") and fix.claim_id is None:
        raise InputError(fix.article_key, f"a {fix.kind} correction needs a claim")
    if fix.kind == "position" and not fix.topic:
        raise InputError(str(fix.claim_id), "a position correction needs a topic")
    if fix.kind == "link" and (fix.other_claim_id is None or fix.value not in VERDICTS):
        raise InputError(str(fix.claim_id), "a link is confirmed or rejected between two claims")
    if fix.kind == "date" and fix.value is not None:
        try:
            date.fromisoformat(fix.value)
        except ValueError as exc:
            raise InputError(fix.value, "not a date (use YYYY-MM-DD)") from exc
    return int(row[0])


def save(conn: sqlite3.Connection, fix: Correction, who: str | None = None) -> int:
    """Store a correction; returns its id (what undo deletes)."""
    article_id = validate(conn, fix)
    with conn:
        cur = conn.execute(
            "INSERT INTO corrections (kind, article_id, claim_cid, topic, other_cid, value, "
            "who, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (fix.kind, article_id, fix.claim_id, fix.topic, fix.other_claim_id, fix.value,
             who or getpass.getuser(), now()),
        )  # fmt: skip
    return int(cur.lastrowid or 0)


def delete(conn: sqlite3.Connection, correction_id: int) -> None:
    with conn:
        conn.execute("DELETE FROM corrections WHERE id = ?", (correction_id,))


class CorrectionStack:
    """Do / undo / redo over corrections, like QUndoStack but with no Qt.

    ``on_change`` is called after every change so a view can refresh and relabel its
    Undo/Redo actions with ``undo_text`` and ``redo_text``; ``last`` is the correction that
    change applied or took back, so the view re-reads only what it touched.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        who: str | None = None,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.conn = conn
        self.who = who or getpass.getuser()
        self.on_change = on_change
        self._done: list[tuple[Correction, int]] = []
        self._undone: list[Correction] = []
        self.last: Correction | None = None

    def push(self, fix: Correction) -> int:
        """Apply a correction; it becomes what Undo takes back, and clears Redo."""
        correction_id = save(self.conn, fix, self.who)
        self._done.append((fix, correction_id))
        self._undone.clear()
        self._changed(fix)
        return correction_id

    def undo(self) -> Correction | None:
        if not self._done:
            return None
        fix, correction_id = self._done.pop()
        delete(self.conn, correction_id)
        self._undone.append(fix)
        self._changed(fix)
        return fix

    def redo(self) -> Correction | None:
        if not self._undone:
            return None
        fix = self._undone.pop()
        self._done.append((fix, save(self.conn, fix, self.who)))
        self._changed(fix)
        return fix

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_fix(self) -> Correction | None:
        """What Undo would take back, for a view to put in its own words."""
        return self._done[-1][0] if self._done else None

    @property
    def redo_fix(self) -> Correction | None:
        return self._undone[-1] if self._undone else None

    @property
    def undo_text(self) -> str:
        return self._done[-1][0].describe() if self._done else ""

    @property
    def redo_text(self) -> str:
        return self._undone[-1].describe() if self._undone else ""

    def _changed(self, fix: Correction) -> None:
        self.last = fix
        if self.on_change is not None:
            self.on_change()
