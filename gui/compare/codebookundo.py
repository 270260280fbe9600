"""One step on the codebook editor's undo stack: the codebook before and after an edit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from claimdiff_gui.compare.codebookeditor import CodebookEditor

    from claimdiff.labels.codebook_edit import Spec


class Change(QUndoCommand):
    """One edit: the codebook before and after. Typing in one field merges into one step."""

    def __init__(self, editor: CodebookEditor, before: Spec, after: Spec, field: str) -> None:
        super().__init__(f"edit {field}")
        self.editor, self.before, self.after, self.field = editor, before, after, field
        self.first = True

    def id(self) -> int:
        return 1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, Change) or other.field != self.field:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        # The first redo is the push itself: the form already shows the change.
        self.editor.apply(self.after, refresh_form=not self.first)
        self.first = False

    def undo(self) -> None:
        self.editor.apply(self.before, refresh_form=True)
