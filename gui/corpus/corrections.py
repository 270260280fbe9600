"""The analyst's corrections in the window: dialogs, handlers, Undo/Redo, what the details show.

Every change goes through the corpus's ``CorrectionStack`` (saved at once, with who and
when), so Edit → Undo takes back exactly the last correction; its ``on_change`` refreshes
the articles, the timeline, the details and the Undo/Redo texts. The handlers take plain
arguments so tests drive them without dialogs, and the window only as ``Host``: the few parts
of it they use.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from claimdiff_gui.compare.details import Notes, parse_fix
from claimdiff_gui.window.dialogs import confirm_box, enter_confirms, field_error, show_field_error
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from claimdiff.base.errors import InputError
from claimdiff.base.model import Article, Claim, split_claim_id
from claimdiff.corpus import Corpus, Correction, add_exemplar
from claimdiff.labels.codebook import Codebook, is_shipped
from claimdiff.output.report.names import position_label, topic_label
from claimdiff.session.selfpair import shown_claim_id, stored_article_id, stored_claim_id

if TYPE_CHECKING:
    from claimdiff_gui.corpus.corpuspanel import CorpusController
    from claimdiff_gui.window.actions import Menus
    from claimdiff_gui.window.notifier import Notifier
    from PySide6.QtWidgets import QStatusBar

    from claimdiff.session.session import Session


class Host(Protocol):
    """The parts of the window a correction reads and refreshes, and no more: the pair on
    screen, the open corpus, where refusals are said, the Undo/Redo actions, the status bar,
    a parent for the dialogs, and the two refreshes a correction or an exemplar triggers."""

    @property
    def session(self) -> Session: ...
    @property
    def corpus_view(self) -> CorpusController: ...
    @property
    def notifier(self) -> Notifier: ...
    @property
    def menus(self) -> Menus: ...
    def statusBar(self) -> QStatusBar: ...
    def window(self) -> QWidget: ...
    def reload_codebook(self) -> None: ...
    def refresh_selection(self) -> None: ...


SHIPPED_NOTE = (
    "The shipped codebook cannot be edited: copy it to a file of your own and choose that "
    "file with File → Choose codebook…, then exemplars can be added to it."
)


# --- where a shown claim lives in the corpus ----------------------------------------------------


def _open(host: Host) -> tuple[Corpus, Codebook] | None:
    view = host.corpus_view
    if view.corpus is None or view.codebook is None:
        return None
    return view.corpus, view.codebook


def _side_of(host: Host, claim_id: str) -> tuple[Article, tuple[Claim, ...]] | None:
    cmp = host.session.comparison
    if cmp is None:
        return None
    for article, claims in ((cmp.left, cmp.left_claims), (cmp.right, cmp.right_claims)):
        if any(c.id == claim_id for c in claims):
            return article, claims
    return None


def target(host: Host, claim_id: str) -> tuple[str, str] | None:
    """(article key, corpus claim id) of a claim on screen, if its article is in the corpus."""
    side = _side_of(host, claim_id)
    if side is None or stored_article_id(side[0].id) not in host.corpus_view.keys:
        return None
    return stored_article_id(side[0].id), stored_claim_id(claim_id)


def notes(host: Host) -> Notes | None:
    """What the corpus says about the open pair's claims; None when there is nothing to say."""
    opened, cmp = _open(host), host.session.comparison
    if opened is None or cmp is None:
        return None
    corpus, codebook = opened
    found = Notes()
    rows = corpus.corrections()
    for article, claims in ((cmp.left, cmp.left_claims), (cmp.right, cmp.right_claims)):
        key = stored_article_id(article.id)
        if key not in host.corpus_view.keys:
            continue
        effective = corpus.effective_labels(key, codebook)
        stored = {c.id for c in corpus.claims(key)}
        for claim in claims:
            cid = stored_claim_id(claim.id)
            if cid in effective:
                found.labels[claim.id] = effective[cid]
            elif cid in stored:
                found.dropped[claim.id] = _who(rows, "not_claim", key, cid)
    _add_verdicts(host, corpus, rows, found)
    return found


def _add_verdicts(host: Host, corpus: Corpus, rows: list[dict[str, object]], found: Notes) -> None:
    cmp = host.session.comparison
    assert cmp is not None
    key = stored_article_id(cmp.left.id)
    if key not in host.corpus_view.keys:
        return
    right_key = stored_article_id(cmp.right.id)
    for left, right, verdict in corpus.links(key):
        view_right = shown_claim_id(right, right_key, cmp.right.id)
        view_left = shown_claim_id(left, key, cmp.left.id)
        found.verdicts[(view_left, view_right)] = (verdict, _who(rows, "link", key, left))


def _who(rows: list[dict[str, object]], kind: str, key: str, cid: str) -> str:
    mine = [r for r in rows if r["kind"] == kind and r["article"] == key and r["claim"] == cid]
    if not mine:
        return "the analyst"
    row = mine[-1]
    return f"{row['who']}, {str(row['at'])[:16].replace('T', ' ')} UTC"


# --- applying ---------------------------------------------------------------------------------


def apply(host: Host, fix: Correction) -> bool:
    """Save one correction on the undo stack; a refusal is said, not raised."""
    stack = host.corpus_view.stack
    if stack is None:
        host.notifier.error("Correction", "Open a corpus that holds these articles first.")
        return False
    try:
        stack.push(fix)
    except InputError as exc:
        host.notifier.error(exc.location, exc.problem)
        return False
    return True


def change_position(
    host: Host, claim_id: str, topic: str, position: str | None, exemplar: bool = False
) -> bool:
    """The claim takes ``position`` on ``topic`` (None: no position); maybe teach the codebook."""
    where = target(host, claim_id)
    if where is None:
        host.notifier.error(claim_id, "this claim's article is not in the open corpus")
        return False
    if not apply(host, Correction("position", where[0], where[1], topic, position)):
        return False
    if exemplar and position is not None:
        offer_exemplar(host, claim_id, topic, position)
    return True


def offer_exemplar(host: Host, claim_id: str, topic: str, position: str) -> bool:
    """Add the claim's sentence to the codebook file as an exemplar, then label again."""
    codebook = host.corpus_view.codebook
    cmp = host.session.comparison
    if codebook is None or cmp is None:
        return False
    if is_shipped(codebook):
        host.notifier.error(codebook.name, SHIPPED_NOTE)
        return False
    try:
        add_exemplar(codebook.path, topic, position, cmp.claim(claim_id).text)
    except InputError as exc:
        host.notifier.error(exc.location, exc.problem)
        return False
    host.statusBar().showMessage(f"Added an exemplar to {Path(codebook.path).name}", 8000)
    host.reload_codebook()
    return True


def mark_not_claim(host: Host, claim_id: str, on: bool = True) -> bool:
    where = target(host, claim_id)
    if where is None:
        return False
    return apply(host, Correction("not_claim", where[0], where[1], value="1" if on else None))


def set_link_verdict(host: Host, verdict: str) -> bool:
    """Confirm or reject the selected link between a left and a right claim."""
    link = host.session.selected
    if link is None or not (link.left and link.right):
        host.notifier.error("Link", "Select a link between a left and a right claim first.")
        return False
    left, right = target(host, link.left), target(host, link.right)
    if left is None or right is None:
        host.notifier.error("Link", "Both articles must be in the open corpus.")
        return False
    return apply(host, Correction("link", left[0], left[1], value=verdict, other_claim_id=right[1]))


def edit_article(host: Host, key: str, **fields: str | None) -> int:
    """Correct date, title and/or source; one undo step per field changed. Returns how many."""
    view = host.corpus_view
    info = view.info(key)
    if info is None:
        return 0
    changed = 0
    for name in ("date", "title", "source"):
        value = fields.get(name)
        if name in fields and (value or None) != getattr(info, name):
            changed += apply(host, Correction(name, key, value=value or None))
    return changed


def undo_correction(host: Host) -> None:
    stack = host.corpus_view.stack
    if stack is not None and stack.can_undo:
        stack.undo()


def redo_correction(host: Host) -> None:
    stack = host.corpus_view.stack
    if stack is not None and stack.can_redo:
        stack.redo()


def after_change(host: Host) -> None:
    """Undo/Redo texts, articles, timeline and details follow every change of the stack."""
    stack = host.corpus_view.stack
    for name, fix, word in (
        ("undo", stack.undo_fix if stack else None, "Undo"),
        ("redo", stack.redo_fix if stack else None, "Redo"),
    ):
        action = host.menus.actions[name]
        action.setEnabled(fix is not None)
        text = in_words(host, fix) if fix is not None else ""
        action.setText(f"&{word}: {text}" if text else f"&{word}")
    host.corpus_view.refresh()
    host.refresh_selection()
    host.corpus_view.recompare()


QUOTE_WORDS = 3  # words of a sentence that name it in a menu ("Japan moves to…")


def in_words(host: Host, fix: Correction) -> str:
    """A correction as the analyst would say it: "mark 'Japan moves to…' as not a claim"."""
    said = _quote(_claim_text(host, fix.article_key, fix.claim_id))
    if fix.kind == "not_claim":
        return f"mark {said} as not a claim" if fix.value else f"mark {said} as a claim again"
    if fix.kind == "position":
        topic = topic_label(host.corpus_view.codebook, str(fix.topic))
        if fix.value is None:
            return f"remove the position on {topic} from {said}"
        return f"set {said} to {position_label(host.corpus_view.codebook, fix.topic, fix.value)}"
    if fix.kind == "link":
        other = _quote(_claim_text(host, _article_of(fix.other_claim_id), fix.other_claim_id))
        verb = "confirm" if fix.value == "confirmed" else "reject"
        return f"{verb} the link {said} ↔ {other}"
    info = host.corpus_view.info(fix.article_key)
    article = _quote(info.title if info else fix.article_key)
    if fix.value is None:
        return f"clear the {fix.kind} of {article}"
    return f"set the {fix.kind} of {article} to {fix.value}"


def _quote(text: str) -> str:
    words = text.split()
    short = " ".join(words[:QUOTE_WORDS]) + ("…" if len(words) > QUOTE_WORDS else "")
    return f"'{short}'"


def _article_of(claim_id: str | None) -> str:
    """The article key of a corpus claim id."""
    return split_claim_id(claim_id)[0] if claim_id else ""


def _claim_text(host: Host, key: str, claim_id: str | None) -> str:
    corpus = host.corpus_view.corpus
    if corpus is None or claim_id is None:
        return claim_id or key
    try:
        found = {c.id: c.text for c in corpus.claims(key)}
    except InputError:
        return claim_id
    return found.get(claim_id, claim_id)


# --- from the details panel's links ------------------------------------------------------------


def on_fix(host: Host, href: str) -> None:
    """A ``fix:`` link of the details panel, e.g. ``fix:position/<claim id>``."""
    action, args = parse_fix(href)
    if action == "position" and args:
        position_dialog(host, args[0])
    elif action == "remove" and len(args) == 2:
        change_position(host, args[0], args[1], None)
    elif action == "not_claim" and args:
        mark_not_claim(host, args[0])
    elif action == "claim_again" and args:
        mark_not_claim(host, args[0], on=False)
    elif action == "link" and args:
        set_link_verdict(host, args[0])


def position_dialog(host: Host, claim_id: str) -> None:
    codebook, cmp = host.corpus_view.codebook, host.session.comparison
    if codebook is None or cmp is None:
        return
    claim = cmp.claim(claim_id)
    dialog = PositionDialog(codebook, claim, host.window())
    if dialog.exec():
        topic, position = dialog.choice()
        change_position(host, claim_id, topic, position, dialog.exemplar.isChecked())


def edit_article_dialog(host: Host, key: str) -> None:
    info = host.corpus_view.info(key)
    if info is None:
        return
    dialog = ArticleDialog(info.date, info.title, info.source, host.window())
    if dialog.exec():
        edit_article(host, key, **dialog.values())


def date_problem(text: str) -> str:
    """Why a typed date cannot be stored ("" when it can, or when left empty)."""
    if not text:
        return ""
    try:
        date.fromisoformat(text)
    except ValueError:
        return f"“{text}” is not a date: write year-month-day, e.g. 2017-02-09."
    return "" if len(text) == 10 else "Write the date as year-month-day, e.g. 2017-02-09."


class PositionDialog(QDialog):
    """A position (or none) on one topic, and whether to teach the codebook this sentence."""

    def __init__(self, codebook: Codebook, claim: Claim, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change position")
        self.choices = QComboBox(self)
        for topic in codebook.topics:
            for position in topic.positions:
                self.choices.addItem(f"{topic.label}: {position.label}", (topic.id, position.id))
            self.choices.addItem(f"{topic.label}: no position", (topic.id, None))
        current = claim.labels[0] if claim.labels else None
        if current is not None:
            self.choices.setCurrentIndex(
                max(0, self.choices.findData((current.topic, current.position)))
            )
        self.exemplar = QCheckBox("Also add this sentence to the codebook as an exemplar", self)
        note = QLabel("", self)
        note.setWordWrap(True)
        if is_shipped(codebook):
            self.exemplar.setEnabled(False)
            note.setText(SHIPPED_NOTE)
        text = QLabel(f"“{claim.text}”", self)
        text.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(text)
        form.addRow("Position", self.choices)
        form.addRow(self.exemplar)
        form.addRow(note)
        box = confirm_box(self)
        form.addRow(box)
        enter_confirms(self, box)
        self.resize(520, 220)

    def choice(self) -> tuple[str, str | None]:
        topic, position = self.choices.currentData()
        return str(topic), position


class ArticleDialog(QDialog):
    """An article's date, title and source as the analyst says they are."""

    def __init__(
        self, date: str | None, title: str, source: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Article date, title and source")
        self.date = QLineEdit(date or "", self)
        self.date.setPlaceholderText("YYYY-MM-DD")
        self.title = QLineEdit(title, self)
        self.source = QLineEdit(source or "", self)
        self.date_error = field_error(self)
        form = QFormLayout(self)
        form.addRow("Date", self.date)
        form.addRow("", self.date_error)
        for label, edit in (("Title", self.title), ("Source", self.source)):
            form.addRow(label, edit)
        box = confirm_box(self)
        form.addRow(box)
        enter_confirms(self, box)
        self.resize(560, 140)

    def accept(self) -> None:
        """A date that is not a calendar day is said under the field; the dialog stays open."""
        show_field_error(self.date_error, self.date, date_problem(self.date.text().strip()))
        if self.date_error.isHidden():
            super().accept()

    def values(self) -> dict[str, str | None]:
        return {
            "date": self.date.text().strip() or None,
            "title": self.title.text().strip() or None,
            "source": self.source.text().strip() or None,
        }
