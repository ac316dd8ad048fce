"""Every open deadline across the pharmacies of the data folder, soonest first (a DPO's view);
the list comes from domain.dashboard, through the workspace's stored due items: the rows are read
a page at a time as they are shown, and their texts written then."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..application.workspace import Workspace


class DeadlinesModel(QAbstractTableModel):
    """The deadlines as rows: the count is known at once, the rows (domain DashboardItems) are
    read a page at a time when the view shows them; a bounded number of pages is kept."""

    PAGE = 200
    KEEP = 50

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.now = workspace.now()
        self.count = workspace.deadline_count()
        self._pages: OrderedDict[int, list] = OrderedDict()
        # The dialog's words (one context for the translator).
        self.headers = (QApplication.translate("DeadlinesDialog", "Échéance (Paris)"),
                        QApplication.translate("DeadlinesDialog", "Reste"),
                        QApplication.translate("DeadlinesDialog", "Pharmacie"),
                        QApplication.translate("DeadlinesDialog", "Incident"),
                        QApplication.translate("DeadlinesDialog", "Ce qui est dû"))

    def item(self, row: int):  # noqa: ANN201 - a DashboardItem, or None past the end
        page = row // self.PAGE
        items = self._pages.get(page)
        if items is None:
            items = self._pages[page] = self.workspace.deadline_page(page * self.PAGE, self.PAGE)
            while len(self._pages) > self.KEEP:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        offset = row - page * self.PAGE
        return items[offset] if offset < len(items) else None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else self.count

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.item(index.row())
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (item.when, item.left, item.pharmacy or "—", item.reference, item.label)[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return item.reference
        if role == Qt.ItemDataRole.BackgroundRole and item.due < self.now:
            return QColor("#fde7e9")
        return None


class DeadlinesDialog(QDialog):
    """The deadlines (72 h, complementary notification, complaint, follow-up actions) of every
    pharmacy; double-click opens the incident."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Échéances de toutes les pharmacies"))
        self.resize(980, 520)
        self.chosen: str | None = None
        layout = QVBoxLayout(self)
        self.model = DeadlinesModel(workspace, self)
        intro = QLabel(self.tr("%n échéance(s) ouverte(s), la plus proche d'abord. Double-cliquez "
                               "pour ouvrir l'incident.", "", self.model.count))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableView()
        self.table.setObjectName("deadlines-table")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in ((0, 140), (1, 190), (2, 220), (3, 170)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._open)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _open(self, index) -> None:  # noqa: ANN001 - a QModelIndex
        self.chosen = index.data(Qt.ItemDataRole.UserRole)
        self.accept()
