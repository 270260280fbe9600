"""The codebook at a glance: topics, their positions, each position's colour and meaning."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from claimdiff.codebook import Codebook


class CodebookView(QTreeWidget):
    """Topics as branches, positions as leaves with a colour swatch and description tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["Topic / position", "id"])
        self.setColumnWidth(0, 260)

    def set_codebook(self, codebook: Codebook | None) -> None:
        self.clear()
        if codebook is None:
            return
        root = QTreeWidgetItem(self, [codebook.name, ""])
        root.setToolTip(0, f"{codebook.path}\n{codebook.description}")
        for topic in codebook.topics:
            branch = QTreeWidgetItem(root, [topic.label, topic.id])
            branch.setToolTip(0, topic.description)
            for position in topic.positions:
                leaf = QTreeWidgetItem(branch, [position.label, position.id])
                leaf.setIcon(0, swatch(position.colour))
                opposes = f"\nopposes: {', '.join(position.opposes)}" if position.opposes else ""
                leaf.setToolTip(0, position.description + opposes)
        self.expandAll()

    def positions(self) -> list[tuple[str, str]]:
        """(topic id, position id) of every leaf, in display order."""
        found = []
        for i in range(self.topLevelItemCount()):
            root = self.topLevelItem(i)
            for t in range(root.childCount()):
                branch = root.child(t)
                found += [
                    (branch.text(1), branch.child(p).text(1)) for p in range(branch.childCount())
                ]
        return found


def swatch(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour) if QColor.isValidColorName(colour) else QColor(0, 0, 0, 0))
    return QIcon(pixmap)
