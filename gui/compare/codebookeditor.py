"""The codebook editor: topics, positions, cue phrases and example sentences, without YAML.

The editor keeps the codebook as the plain mapping YAML reads (claimdiff.labels.codebook_edit),
checks it with the loader after every change and shows the loader's own message, and
saves it atomically. Every change is one step on an undo stack (typing in one field merges
into one step). The shipped codebook is never overwritten: saving it asks for a new file,
which is what "Duplicate" does for any codebook.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from claimdiff_gui.compare.codebookdock import swatch
from claimdiff_gui.compare.codebooksuggestions import SuggestionsDialog
from claimdiff_gui.compare.codebookundo import Change
from claimdiff_gui.work.workers import Worker, WorkerPool
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from claimdiff.base.errors import InputError
from claimdiff.labels.codebook import shipped_codebook_location
from claimdiff.labels.codebook_edit import (
    Spec,
    free_id,
    has_comments,
    new_spec,
    node_title,
    problem,
    read_spec,
    save_spec,
)
from claimdiff.labels.suggest import Item, Suggestion, suggest_positions
from claimdiff.labels.yamlnodes import PALETTE
from claimdiff.similarity.semantic import SemanticSimilarity

if TYPE_CHECKING:
    from claimdiff_gui.window.settings import Settings
    from claimdiff_gui.work.controller import AnalysisController

    from claimdiff.base.model import Article, Claim
    from claimdiff.labels.codebook import Codebook
    from claimdiff.session.session import Session

Where = tuple[int, int | None]  # (topic index, position index or None for the topic)
LISTS = (
    ("cues", "Cue phrases, one per line, in plain words (matched as whole words)"),
    ("exemplars", "Example sentences that take the position, one per line"),
    ("counterexamples", "Sentences that look alike but do NOT take it, one per line"),
    ("patterns", "Patterns (for experts): regular expressions, one per line"),
)


class CodebookEditor(QDialog):
    """Edit one codebook; ``use_requested`` carries the saved path to label with it."""

    use_requested = Signal(str)

    def __init__(
        self,
        spec: Spec,
        path: str | None,
        parent: QWidget | None = None,
        *,
        confirm: Callable[[str], bool] | None = None,
        claims: Callable[[], list[Item]] | None = None,
        pool: WorkerPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Codebook editor")
        self.resize(980, 680)
        self.spec = copy.deepcopy(spec)
        self.path = path
        self.confirm = confirm or self._ask
        self.claims = claims or list
        self.pool = pool or WorkerPool(self)
        self.suggestions: list[Suggestion] = []
        self.where: Where = (0, 0)
        self.undo = QUndoStack(self)
        self._filling = False
        self._build()
        self.apply(self.spec, refresh_form=True)

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self.name = QLineEdit()
        self.exemplar = _spin("Similarity to the nearest example that labels a claim alone")
        self.standout = _spin("How far that example must stand above the claim's median")
        head = QFormLayout()
        head.addRow("Codebook name", self.name)
        head.addRow("Example threshold", self.exemplar)
        head.addRow("Stand-out threshold", self.standout)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Topic / position"])
        self.tree.currentItemChanged.connect(self._select)
        add_topic = QPushButton("Add topic")
        add_topic.clicked.connect(self.add_topic)
        add_position = QPushButton("Add position")
        add_position.clicked.connect(self.add_position)
        remove = QPushButton("Remove")
        remove.clicked.connect(self.remove_selected)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.tree)
        row = QHBoxLayout()
        for button in (add_topic, add_position, remove):
            row.addWidget(button)
        left_layout.addLayout(row)
        self.forms = QStackedWidget()
        self.forms.addWidget(self._topic_form())
        self.forms.addWidget(self._position_form())
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.forms)
        split.setSizes([300, 680])
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addLayout(self._buttons())
        self.name.textEdited.connect(lambda _t: self._edited("name"))
        self.exemplar.valueChanged.connect(lambda _v: self._edited("threshold"))
        self.standout.valueChanged.connect(lambda _v: self._edited("standout"))

    def _topic_form(self) -> QWidget:
        self.topic_id = QLineEdit()
        self.topic_label = QLineEdit()
        self.topic_description = QLineEdit()
        form = QFormLayout()
        form.addRow("Topic id", self.topic_id)
        form.addRow("Label", self.topic_label)
        form.addRow("Description", self.topic_description)
        for key, widget in (
            ("topic id", self.topic_id),
            ("topic label", self.topic_label),
            ("topic description", self.topic_description),
        ):
            widget.textEdited.connect(lambda _t, k=key: self._edited(k))
        page = QWidget()
        page.setLayout(form)
        return page

    def _position_form(self) -> QWidget:
        self.pos_id = QLineEdit()
        self.pos_label = QLineEdit()
        self.pos_description = QLineEdit()
        self.colour = QComboBox()
        for colour in PALETTE:
            self.colour.addItem(swatch(colour), colour, colour)
        self.opposes = QListWidget()
        self.opposes.setMaximumHeight(70)
        self.lists = {key: QPlainTextEdit() for key, _ in LISTS}
        for box in self.lists.values():  # one sentence per line, as the file keeps them
            box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        form = QFormLayout()
        form.addRow("Position id", self.pos_id)
        form.addRow("Label", self.pos_label)
        form.addRow("Description", self.pos_description)
        form.addRow("Colour", self.colour)
        form.addRow("Opposes", self.opposes)
        for key, tip in LISTS:
            box = self.lists[key]
            box.setPlaceholderText(tip)
            box.setToolTip(tip)
            box.textChanged.connect(lambda k=key: self._edited(k))
            form.addRow(key.capitalize(), box)
        for key, widget in (
            ("position id", self.pos_id),
            ("position label", self.pos_label),
            ("position description", self.pos_description),
        ):
            widget.textEdited.connect(lambda _t, k=key: self._edited(k))
        self.colour.currentIndexChanged.connect(lambda _i: self._edited("colour"))
        self.opposes.itemChanged.connect(lambda _i: self._edited("opposes"))
        page = QWidget()
        page.setLayout(form)
        return page

    def _buttons(self) -> QHBoxLayout:
        undo = self.undo.createUndoAction(self, "Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo.createRedoAction(self, "Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([undo, redo])
        row = QHBoxLayout()
        buttons: list[QPushButton] = []
        for text, slot in (
            ("Undo", self.undo.undo),
            ("Redo", self.undo.redo),
            ("Suggest positions…", self.suggest),
            ("New codebook", self.new_codebook),
            ("Duplicate…", self.duplicate),
            ("Save", self.save),
            ("Save and use", self.save_and_use),
            ("Close", self.close),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
            buttons.append(button)
        undo_button, redo_button, self.save_button = buttons[0], buttons[1], buttons[5]
        self.undo.canUndoChanged.connect(undo_button.setEnabled)
        self.undo.canRedoChanged.connect(redo_button.setEnabled)
        undo_button.setEnabled(False)
        redo_button.setEnabled(False)
        return row

    # --- state --------------------------------------------------------------------------

    def apply(self, spec: Spec, refresh_form: bool) -> None:
        """Make ``spec`` current; rebuild the tree and forms unless the form produced it."""
        self.spec = copy.deepcopy(spec)
        self._fill_tree()
        if refresh_form:
            self._fill_forms()
        self._validate()

    def _topics(self) -> list[dict[str, Any]]:
        topics = self.spec.setdefault("topics", [])
        assert isinstance(topics, list)
        return topics

    def _fill_tree(self) -> None:
        self._filling = True
        self.tree.clear()
        current = None
        for t, topic in enumerate(self._topics()):
            branch = QTreeWidgetItem(self.tree, [node_title(topic)])
            branch.setData(0, Qt.ItemDataRole.UserRole, (t, None))
            if (t, None) == self.where:
                current = branch
            for p, position in enumerate(topic.get("positions") or []):
                leaf = QTreeWidgetItem(branch, [node_title(position)])
                leaf.setIcon(0, swatch(position.get("colour") or PALETTE[p % len(PALETTE)]))
                leaf.setData(0, Qt.ItemDataRole.UserRole, (t, p))
                if (t, p) == self.where:
                    current = leaf
        self.tree.expandAll()
        if current is not None:
            self.tree.setCurrentItem(current)
        self._filling = False

    def _select(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        if self._filling or item is None:
            return
        self.where = item.data(0, Qt.ItemDataRole.UserRole)
        self._fill_forms()

    def _fill_forms(self) -> None:
        self._filling = True
        try:
            thresholds = self.spec.get("thresholds") or {}
            self.name.setText(str(self.spec.get("name", "")))
            self.exemplar.setValue(float(thresholds.get("exemplar", 0.6)))
            self.standout.setValue(float(thresholds.get("standout", 0.25)))
            topic, position = self._selected()
            if position is None:
                self.forms.setCurrentIndex(0)
                self.topic_id.setText(str(topic.get("id", "")) if topic else "")
                self.topic_label.setText(str(topic.get("label", "")) if topic else "")
                self.topic_description.setText(str(topic.get("description", "")) if topic else "")
                return
            self.forms.setCurrentIndex(1)
            self.pos_id.setText(str(position.get("id", "")))
            self.pos_label.setText(str(position.get("label", "")))
            self.pos_description.setText(str(position.get("description", "")))
            colour = position.get("colour") or PALETTE[(self.where[1] or 0) % len(PALETTE)]
            self.colour.setCurrentIndex(max(0, self.colour.findData(colour)))
            self._fill_opposes(topic or {}, position)
            for key, box in self.lists.items():
                box.setPlainText("\n".join(str(x) for x in position.get(key) or []))
        finally:
            self._filling = False

    def _fill_opposes(self, topic: dict[str, Any], position: dict[str, Any]) -> None:
        self.opposes.clear()
        mine = set(position.get("opposes") or [])
        for other in topic.get("positions") or []:
            if other is position:
                continue
            item = QListWidgetItem(node_title(other))
            item.setData(Qt.ItemDataRole.UserRole, other.get("id"))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = other.get("id") in mine
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.opposes.addItem(item)

    def _selected(self) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        topics = self._topics()
        t, p = self.where
        if not 0 <= t < len(topics):
            return None, None
        positions = topics[t].get("positions") or []
        if p is None or not 0 <= p < len(positions):
            return topics[t], None
        return topics[t], positions[p]

    def _edited(self, field: str) -> None:
        """Read the form into a new spec and push it as one undoable change."""
        if self._filling:
            return
        after = copy.deepcopy(self.spec)
        self._read_form(after)
        if after != self.spec:
            self.undo.push(Change(self, self.spec, after, f"{field}@{self.where}"))

    def _read_form(self, spec: Spec) -> None:
        spec["name"] = self.name.text()
        thresholds = dict(spec.get("thresholds") or {})
        thresholds["exemplar"] = round(self.exemplar.value(), 3)
        thresholds["standout"] = round(self.standout.value(), 3)
        spec["thresholds"] = thresholds
        topics = spec.get("topics") or []
        t, p = self.where
        if not 0 <= t < len(topics):
            return
        topic = topics[t]
        if p is None:
            topic["id"] = self.topic_id.text().strip()
            topic["label"] = self.topic_label.text()
            topic["description"] = self.topic_description.text()
            return
        position = (topic.get("positions") or [])[p]
        old_id = position.get("id")
        position["id"] = self.pos_id.text().strip()
        position["label"] = self.pos_label.text()
        position["description"] = self.pos_description.text()
        position["colour"] = self.colour.currentData()
        position["opposes"] = [
            self.opposes.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.opposes.count())
            if self.opposes.item(i).checkState() == Qt.CheckState.Checked
        ]
        for key, box in self.lists.items():
            position[key] = [
                line.strip() for line in box.toPlainText().splitlines() if line.strip()
            ]
        if old_id and old_id != position["id"]:  # a renamed position stays opposed
            for other in topic.get("positions") or []:
                other["opposes"] = [
                    position["id"] if o == old_id else o for o in other.get("opposes") or []
                ]

    def _validate(self) -> None:
        found = problem(self.spec, Path(self.path).name if self.path else "new codebook")
        self.valid = found is None
        text = "✓ The codebook is valid." if found is None else f"⚠ {found}"
        self.status.setText(text)
        self.save_button.setEnabled(self.valid)

    # --- structure edits ----------------------------------------------------------------

    def _structural(self, what: str, change: Callable[[Spec], Where]) -> None:
        after = copy.deepcopy(self.spec)
        self.where = change(after)
        self.undo.push(Change(self, self.spec, after, f"{what}#{self.undo.count()}"))
        self._fill_tree()
        self._fill_forms()

    def add_topic(self) -> None:
        def change(spec: Spec) -> Where:
            topics = spec.setdefault("topics", [])
            n = len(topics) + 1
            topics.append({"id": f"topic-{n}", "label": f"Topic {n}", "positions": []})
            return (len(topics) - 1, None)

        self._structural("add topic", change)

    def add_position(self, exemplar: str = "") -> None:
        def change(spec: Spec) -> Where:
            topics = spec.setdefault("topics", [])
            if not topics:
                topics.append({"id": "topic", "label": "Topic", "positions": []})
            t = min(self.where[0], len(topics) - 1)
            positions = topics[t].setdefault("positions", [])
            n = len(positions) + 1
            positions.append({"id": f"position-{n}", "label": f"Position {n}",
                              "exemplars": [exemplar] if exemplar else []})  # fmt: skip
            return (t, len(positions) - 1)

        self._structural("add position", change)

    def add_example(self, topic: int, position: int, sentence: str, negative: bool) -> None:
        """Add ``sentence`` as an exemplar (or counterexample) of a position: undoable."""
        key = "counterexamples" if negative else "exemplars"

        def change(spec: Spec) -> Where:
            target = spec["topics"][topic]["positions"][position]
            target.setdefault(key, []).append(" ".join(sentence.split()))
            return (topic, position)

        self._structural(f"add to {key}", change)

    def remove_selected(self) -> None:
        def change(spec: Spec) -> Where:
            t, p = self.where
            topics = spec.get("topics") or []
            if not 0 <= t < len(topics):
                return (0, None)
            if p is None:
                del topics[t]
                return (max(t - 1, 0), None)
            gone = topics[t]["positions"].pop(p)
            for other in topics[t]["positions"]:
                other["opposes"] = [o for o in other.get("opposes") or [] if o != gone.get("id")]
            return (t, None)

        self._structural("remove", change)

    # --- suggestions from the corpus ----------------------------------------------------

    def about(self) -> list[str]:
        """What the selected topic is about, in the analyst's words: label and description."""
        topics = self._topics()
        topic = topics[min(self.where[0], len(topics) - 1)] if topics else {}
        texts = [str(topic.get(k) or "") for k in ("label", "description")]
        return [t for t in texts if t.strip()] or [str(self.spec.get("name", ""))]

    def suggest(self) -> Worker | None:
        """Group the open articles' claims on the selected topic, in a worker."""
        items = self.claims()
        if not items:
            self.status.setText("⚠ No claims to suggest from: open a pair (and its folder).")
            return None
        about = self.about()
        semantic = SemanticSimilarity()

        def job(report: Callable[[int, int, str], None], _cancel: object) -> list[Suggestion]:
            if not semantic.available():
                raise InputError("sentence model", semantic.failure or "not available")
            return suggest_positions(
                items, about, semantic.embed, progress=lambda stage, d, t: report(d, t, stage)
            )

        worker = Worker(job, name="suggest positions")
        self.pool.track(worker)
        worker.signals.progress.connect(
            lambda done, total, what: self.status.setText(f"Suggesting: {what} {done} of {total}…")
        )
        worker.signals.result.connect(self._show_suggestions)
        worker.signals.error.connect(lambda where, why: self.status.setText(f"⚠ {where}: {why}"))
        self.status.setText(f"Suggesting positions from {len(items)} claims…")
        return self.pool.launch(worker)

    def _show_suggestions(self, found: object) -> None:
        self.suggestions = list(found) if isinstance(found, list) else []
        if not self.suggestions:
            self.status.setText("No group of claims on this topic was found.")
            return
        SuggestionsDialog(self).open()

    def accept_suggestions(self, indices: list[int]) -> None:
        """The chosen suggestions become positions of the selected topic: one undo step."""
        chosen = [self.suggestions[i] for i in indices if 0 <= i < len(self.suggestions)]
        if not chosen:
            return

        def change(spec: Spec) -> Where:
            topics = spec.setdefault("topics", [])
            if not topics:
                topics.append({"id": "topic", "label": "Topic", "positions": []})
            t = min(self.where[0], len(topics) - 1)
            positions = topics[t].setdefault("positions", [])
            taken = {p.get("id") for p in positions}
            for suggestion in chosen:
                ident = free_id("-".join(suggestion.words[:2]) or "suggested", taken)
                taken.add(ident)
                positions.append({
                    "id": ident,
                    "label": ", ".join(suggestion.words[:3]) or ident,
                    "description": f"{suggestion.size} claims, {suggestion.span}",
                    "exemplars": list(suggestion.typical),
                })  # fmt: skip
            return (t, len(positions) - 1)

        self._structural("accept suggestions", change)

    # --- files --------------------------------------------------------------------------

    def _is_shipped(self) -> bool:
        if self.path is None:
            return False
        return Path(self.path).resolve() == Path(shipped_codebook_location()).resolve()

    def save_to(self, path: str) -> bool:
        """Write the codebook to ``path``; False (with the reason shown) when it cannot."""
        try:
            save_spec(path, self.spec)
        except InputError as exc:
            self.status.setText(f"⚠ not saved: {exc.problem}")
            return False
        self.path = path
        self.undo.setClean()
        self.status.setText(f"✓ Saved to {path}.")
        return True

    def save(self) -> bool:
        if self.path is None or self._is_shipped():
            return self.duplicate()
        if has_comments(self.path) and not self.confirm(
            f"{Path(self.path).name} has comments; saving from the editor rewrites the file "
            "without them. Save anyway?"
        ):
            return False
        return self.save_to(self.path)

    def duplicate(self) -> bool:
        """Save under a new name (the only way to keep changes to the shipped codebook)."""
        start = str(Path(self.path).with_name("my-codebook.yaml")) if self.path else ""
        if self._is_shipped():
            start = str(Path.home() / "my-codebook.yaml")
        path, _ = QFileDialog.getSaveFileName(self, "Save codebook as", start, "Codebooks (*.yaml)")
        return bool(path) and self.save_to(path)

    def save_and_use(self) -> None:
        if self.save() and self.path:
            self.use_requested.emit(self.path)

    def new_codebook(self) -> None:
        self.path = None
        self.undo.clear()
        self.where = (0, 0)
        self.apply(new_spec("New codebook"), refresh_form=True)

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Codebook editor", question)
        return answer == QMessageBox.StandardButton.Yes


def _spin(tip: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0.0, 1.0)
    box.setSingleStep(0.05)
    box.setDecimals(2)
    box.setToolTip(tip)
    return box


class Host(Protocol):
    """What the editor reads from the window: its codebook, the claims to suggest positions
    from, the worker pool, a parent, and where the saved codebook is put to use."""

    codebook_path: str | None

    @property
    def codebook(self) -> Codebook | None: ...
    @property
    def corpus_items(self) -> list[tuple[Article, tuple[Claim, ...]]]: ...
    @property
    def session(self) -> Session: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def analysis(self) -> AnalysisController: ...
    def window(self) -> QWidget: ...
    def reload_codebook(self) -> None: ...


def _claims(host: Host) -> list[Item]:
    """The claims of the open pair's folder (the timeline's corpus), else of the pair."""
    if host.corpus_items:
        return [Item(c.text, a.date) for a, claims in host.corpus_items for c in claims]
    cmp = host.session.comparison
    if cmp is None:
        return []
    pairs = ((cmp.left, cmp.left_claims), (cmp.right, cmp.right_claims))
    return [Item(c.text, article.date) for article, claims in pairs for c in claims]


def open_editor(host: Host) -> CodebookEditor:
    """The editor on the window's codebook; saving and using it relabels the open pair."""
    path = host.codebook.path if host.codebook is not None else shipped_codebook_location()
    editor = CodebookEditor(
        read_spec(path), path, host.window(), claims=lambda: _claims(host), pool=host.analysis.pool
    )

    def use(saved: str) -> None:
        host.codebook_path = saved
        host.settings.codebook = saved
        host.reload_codebook()

    editor.use_requested.connect(use)
    editor.show()
    return editor
