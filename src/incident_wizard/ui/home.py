"""The home page: the list of incidents with their deadlines, its filter and its actions."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..application.view import summary_deadline
from ..application.workspace import Workspace
from ..domain import clock, followup
from ..domain.model import CLOSED, OPEN
from .deadline import COLOURS
from .widgets import NoWheelComboBox


class IncidentTableModel(QAbstractTableModel):
    """The incidents as rows; texts are computed only for the rows on screen."""

    # Marked for lupdate here, translated where shown (headerData).
    COLUMNS = (QT_TRANSLATE_NOOP("IncidentTableModel", "Référence"),
               QT_TRANSLATE_NOOP("IncidentTableModel", "Intitulé"),
               QT_TRANSLATE_NOOP("IncidentTableModel", "Prise de connaissance"),
               QT_TRANSLATE_NOOP("IncidentTableModel", "Échéances"),
               QT_TRANSLATE_NOOP("IncidentTableModel", "Actions de suivi"),
               QT_TRANSLATE_NOOP("IncidentTableModel", "État"),
               QT_TRANSLATE_NOOP("IncidentTableModel", "Pharmacie"))
    PHARMACY = 6

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list = []  # storage's IncidentSummary, through the workspace
        self.keys: list[tuple[str, str]] = []
        self.now = clock.now_utc()

    def set_rows(self, rows: list, now=None) -> None:  # noqa: ANN001 - a UTC datetime
        self.beginResetModel()
        self.rows = rows
        self.now = now or clock.now_utc()
        today = followup.today(self.now)
        self.late = [followup.overdue_count(r.actions, today) for r in rows]
        self.keys = [(f"{r.reference} {r.title}".casefold(), r.status, late > 0, r.pharmacy_id)
                     for r, late in zip(rows, self.late, strict=True)]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QApplication.translate("IncidentTableModel", self.COLUMNS[section])
        return None

    def text(self, row: int, column: int) -> str:
        r = self.rows[row]
        if column == 0:
            return r.reference
        if r.damaged:
            if column == 1:
                return self.tr("Incident endommagé : %s") % r.damaged
            if column == 3:
                return self.tr("Illisible : restaurez-le depuis une sauvegarde")
            return "—"
        if column == 1:
            return r.title or self.tr("(sans intitulé)")
        if column == 2:
            return clock.format_short(r.awareness_at) if r.awareness_at else "—"
        if column == 3:
            cell = summary_deadline(r, self.now)
            return cell.text + (self.tr(" (+ %n autre(s) échéance(s))", "", cell.others)
                                if cell.others else "")
        if column == 4:
            if not r.actions:
                return "—"
            late = self.late[row]
            soonest = min((a.due for a in r.actions if a.due is not None), default=None)
            text = self.tr("%n ouverte(s)", "", len(r.actions))
            if late:
                return text + self.tr(", %n en retard", "", late)
            if soonest is not None:
                return text + self.tr(", prochaine le %s") % soonest.strftime("%d/%m/%Y")
            return text + self.tr(", sans échéance")
        if column == self.PHARMACY:
            return r.pharmacy or "—"
        return self.tr("En cours") if r.status == OPEN else self.tr("Clôturé")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[index.row()].reference
        if role == Qt.ItemDataRole.BackgroundRole and self.rows[index.row()].damaged:
            return QColor("#fde7e9")
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 4:
            return QColor("#fde7e9") if self.late[index.row()] else None
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 3:
            state = summary_deadline(self.rows[index.row()], self.now).status
            if state is None:
                return None
            background, _ = COLOURS[clock.urgency(state)]
            return QColor(background)
        return None


class IncidentFilter(QSortFilterProxyModel):
    """Text (reference or title) and status filter over the incident rows."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.text = ""
        self.status = ""

    def set_filter(self, text: str, status: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self.text, self.status = text.strip().casefold(), status
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.text, self.status = text.strip().casefold(), status
            self.invalidateRowsFilter()

    #: The status filter's extra choice: incidents with an overdue follow-up action.
    OVERDUE = "overdue-actions"

    #: Only the incidents of this pharmacy (its identity; "" for all).
    pharmacy = ""

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802 - Qt API
        key, status, late, pharmacy = self.sourceModel().keys[row]
        if self.pharmacy and pharmacy != self.pharmacy:
            return False
        if self.status == self.OVERDUE:
            return late and (not self.text or self.text in key)
        return (not self.text or self.text in key) and (not self.status or status == self.status)


class HomePage(QWidget):
    """The list of incidents, open ones first, with where each stands against its deadline."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        title = QLabel(self.tr("Violations de données personnelles"))
        title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        header.addWidget(title)
        header.addStretch(1)
        self.sample_button = QPushButton(self.tr("Voir un &exemple"))
        self.sample_button.setToolTip(self.tr("Ouvre, en lecture seule, un incident d'exemple terminé "
                                              "(rançongiciel) et ses documents, sans toucher à votre registre."))
        self.sample_button.setStyleSheet("font-size: 12pt; padding: 8px 18px;")
        header.addWidget(self.sample_button)
        self.deadlines_button = QPushButton(self.tr("É&chéances…"))
        self.deadlines_button.setObjectName("deadlines-button")
        self.deadlines_button.setToolTip(self.tr("Toutes les échéances ouvertes de toutes les "
                                                 "pharmacies, la plus proche d'abord."))
        self.deadlines_button.setStyleSheet("font-size: 12pt; padding: 8px 18px;")
        header.addWidget(self.deadlines_button)
        self.register_button = QPushButton(self.tr("&Registre…"))
        self.register_button.setStyleSheet("font-size: 12pt; padding: 8px 18px;")
        header.addWidget(self.register_button)
        self.new_button = QPushButton(self.tr("&Nouvel incident"))
        self.new_button.setStyleSheet("font-size: 12pt; padding: 8px 18px;")
        self.new_button.setDefault(True)
        layout.addLayout(header)
        # The two ways in, on their own row: the whole procedure, or the first hour first.
        header = QHBoxLayout()
        header.addStretch(1)
        header.addWidget(self.new_button)
        self.first_hour_button = QPushButton(self.tr("Nouvel incident : premières &heures"))
        self.first_hour_button.setObjectName("new-first-hour")
        self.first_hour_button.setToolTip(self.tr(
            "Une seule page : contenir l'incident et préparer la notification initiale à la CNIL "
            "dans les 72 heures ; le reste de la procédure se complète ensuite."))
        self.first_hour_button.setStyleSheet("font-size: 12pt; padding: 8px 18px; font-weight: 600;")
        header.addWidget(self.first_hour_button)
        layout.addLayout(header)

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        review_row = QHBoxLayout()
        self.review_notice = QLabel()
        self.review_notice.setObjectName("review-notice")
        self.review_notice.setWordWrap(True)
        self.review_notice.setStyleSheet("background: #fff4e0; color: #7a4a00; padding: 6px; "
                                         "border-radius: 4px;")
        self.review_button = QPushButton(self.tr("Faire la revue &annuelle…"))
        self.review_button.setObjectName("review-button")
        review_row.addWidget(self.review_notice, 1)
        review_row.addWidget(self.review_button)
        layout.addLayout(review_row)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filtrer par référence ou intitulé…"))
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        for label, value in ((self.tr("Tous les incidents"), ""), (self.tr("En cours"), OPEN),
                             (self.tr("Clôturés"), CLOSED),
                             (self.tr("Actions de suivi en retard"), IncidentFilter.OVERDUE)):
            self.status_filter.addItem(label, value)
        self.search.textChanged.connect(lambda _: self.apply_filter())
        self.status_filter.currentIndexChanged.connect(lambda _: self.apply_filter())
        self.pharmacy_filter = NoWheelComboBox()
        self.pharmacy_filter.setObjectName("pharmacy-filter")
        self.pharmacy_filter.setMaximumWidth(320)
        self.pharmacy_filter.currentIndexChanged.connect(lambda _: self.apply_filter())
        filters.addWidget(self.search, 1)
        filters.addWidget(self.pharmacy_filter)
        filters.addWidget(self.status_filter)
        layout.addLayout(filters)

        self.model = IncidentTableModel(self)
        self.proxy = IncidentFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 120), (1, 280), (2, 140), (4, 170), (5, 80)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        rows = self.workspace.list_incidents()
        rows.sort(key=lambda r: r.status != OPEN)
        self.model.set_rows(rows, self.workspace.now())
        self._pharmacies(rows)
        late = sum(self.model.late)
        due = self.workspace.review_due(rows)
        if due or late:
            parts = []
            if late:
                parts.append(self.tr("%n action(s) de suivi en retard (filtre « Actions de suivi "
                                     "en retard »).", "", late))
            if due:
                parts.append(self.tr("La revue annuelle du registre est à faire : violations de "
                                     "l'année, actions ouvertes, une page à signer."))
            self.review_notice.setText(" ".join(parts))
        self.review_notice.setVisible(bool(due or late))
        self.review_button.setVisible(bool(due))
        if rows:
            self.hint.setText(self.tr("Double-cliquez sur un incident (ou Entrée) pour le reprendre."))
        else:
            self.hint.setText(self.tr(
                "Aucun incident enregistré. En cas de fuite, de perte ou de blocage de données "
                "personnelles (rançongiciel, vol d'ordinateur, erreur d'envoi...), cliquez sur "
                "« Nouvel incident » : le délai de 72 heures pour notifier la CNIL court à "
                "partir du moment où vous en avez eu connaissance. Pour découvrir l'application, "
                "« Voir un exemple » ouvre un incident terminé, sans toucher à votre registre."))

    def _pharmacies(self, rows: list) -> None:
        """A DPO's folder holds several pharmacies: then a pharmacy filter and column."""
        known: dict[str, str] = {}
        for r in rows:
            if r.pharmacy_id:
                known.setdefault(r.pharmacy_id, r.pharmacy or r.pharmacy_id)
        chosen = self.pharmacy_filter.currentData() or ""
        self.pharmacy_filter.blockSignals(True)
        self.pharmacy_filter.clear()
        self.pharmacy_filter.addItem(self.tr("Toutes les pharmacies (%n)", "", len(known)), "")
        for identity, name in sorted(known.items(), key=lambda kv: kv[1].casefold()):
            self.pharmacy_filter.addItem(name, identity)
        self.pharmacy_filter.setCurrentIndex(max(0, self.pharmacy_filter.findData(chosen)))
        self.pharmacy_filter.blockSignals(False)
        several = len(known) > 1
        self.pharmacy_filter.setVisible(several)
        self.table.setColumnHidden(IncidentTableModel.PHARMACY, not several)
        self.deadlines_button.setVisible(several)
        self.apply_filter()

    def apply_filter(self) -> int:
        """Show the incidents whose reference or title contains the text, with the status
        chosen; return how many are shown."""
        self.proxy.pharmacy = self.pharmacy_filter.currentData() or ""
        self.proxy.set_filter(self.search.text(), self.status_filter.currentData())
        return self.proxy.rowCount()

    def visible_texts(self, column: int) -> list[str]:
        return [self.proxy.index(r, column).data() for r in range(self.proxy.rowCount())]

    def selected_reference(self) -> str | None:
        indexes = self.table.selectionModel().selectedRows()
        return indexes[0].data(Qt.ItemDataRole.UserRole) if indexes else None
