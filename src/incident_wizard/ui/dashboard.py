"""Every open deadline across the pharmacies of the data folder, soonest first (a DPO's view);
the list comes from domain.dashboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..application.workspace import Workspace


class DeadlinesDialog(QDialog):
    """The deadlines (72 h, complementary notification, complaint, follow-up actions) of every
    pharmacy; double-click opens the incident."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Échéances de toutes les pharmacies"))
        self.resize(980, 520)
        self.chosen: str | None = None
        layout = QVBoxLayout(self)
        now = workspace.now()
        self.items = workspace.deadlines()
        intro = QLabel(self.tr("%n échéance(s) ouverte(s), la plus proche d'abord. Double-cliquez "
                               "pour ouvrir l'incident.", "", len(self.items)))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(self.items), 5)
        self.table.setObjectName("deadlines-table")
        self.table.setHorizontalHeaderLabels([self.tr("Échéance (Paris)"), self.tr("Reste"),
                                              self.tr("Pharmacie"), self.tr("Incident"),
                                              self.tr("Ce qui est dû")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in ((0, 140), (1, 190), (2, 220), (3, 170)):
            self.table.setColumnWidth(column, width)
        for row, item in enumerate(self.items):
            texts = (item.when, item.left, item.pharmacy or "—", item.reference,
                     item.label)
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, item.reference)
                if item.due < now:
                    cell.setBackground(QColor("#fde7e9"))
                self.table.setItem(row, column, cell)
        self.table.cellDoubleClicked.connect(self._open)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _open(self, row: int, _column: int) -> None:
        self.chosen = self.items[row].reference
        self.accept()
