"""The home page: the list of incidents with their deadlines, its filter and its actions."""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractProxyModel,
    QAbstractTableModel,
    QModelIndex,
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

from ..application.workspace import Listing, Workspace, summary_deadline
from ..domain import clock, followup
from ..domain.model import CLOSED, OPEN
from . import style
from .widgets import NoWheelComboBox


class _Rows(Sequence):
    """The model's rows as summaries (storage's IncidentSummary), each read when first asked."""

    def __init__(self, model: IncidentTableModel):
        self._model = model

    def __len__(self) -> int:
        return len(self._model.listing.references)

    def __getitem__(self, row):  # noqa: ANN001, ANN204 - an index or a slice
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        if not -len(self) <= row < len(self):
            raise IndexError(row)
        return self._model.summary(row % len(self))


class IncidentTableModel(QAbstractTableModel):
    """Every incident as a row. The rows come from the workspace's listing (references, filter
    keys, flags: no text); a row's summary and texts are read and computed when the view asks
    for it (the rows on screen), a block of rows at a time, and only a bounded number is kept."""

    # Marked for lupdate here, translated where shown (headerData).
    COLUMNS = (QT_TRANSLATE_NOOP("IncidentTableModel", "Référence"),
               QT_TRANSLATE_NOOP("IncidentTableModel", "Intitulé"),
               QT_TRANSLATE_NOOP("IncidentTableModel", "Prise de connaissance"),
               QT_TRANSLATE_NOOP("IncidentTableModel", "Échéances"),
               QT_TRANSLATE_NOOP("IncidentTableModel", "Actions de suivi"),
               QT_TRANSLATE_NOOP("IncidentTableModel", "État"),
               QT_TRANSLATE_NOOP("IncidentTableModel", "Pharmacie"))
    PHARMACY = 6
    #: Rows whose summaries are read together (a screenful: scrolling reads one block, not row
    #: by row).
    BLOCK = 32
    #: Summaries kept at most (memory stays bounded whatever the folder's size).
    KEEP = 4096

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.listing = Listing()
        self.fetch = lambda references: {}
        self.now = clock.now_utc()
        #: row -> [summary, its deadline cell, its texts] (None until asked), most recently used
        #: last.
        self._kept: OrderedDict[int, list] = OrderedDict()
        self.rows = _Rows(self)

    def set_listing(self, listing: Listing, fetch, now=None) -> None:  # noqa: ANN001 - callable, datetime
        """Show ``listing`` (application Workspace.listing); ``fetch(references)`` gives the
        summaries of rows when they are shown (Workspace.summaries)."""
        self.beginResetModel()
        self.listing, self.fetch = listing, fetch
        self.now = now or clock.now_utc()
        self._kept.clear()
        self.endResetModel()

    def set_now(self, now) -> None:  # noqa: ANN001 - a UTC datetime
        """The time left changes: the texts are computed again, for the rows shown."""
        self.now = now
        for kept in self._kept.values():
            kept[1] = kept[2] = None
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 2), self.index(self.rowCount() - 1, 4))

    def summary(self, row: int):  # noqa: ANN201 - storage's IncidentSummary
        kept = self._kept.get(row)
        if kept is None:
            self._read(row)
            kept = self._kept[row]
        else:
            self._kept.move_to_end(row)
        return kept[0]

    def _read(self, row: int) -> None:
        """Read the summaries of the block of rows around ``row``."""
        first = row - row % self.BLOCK
        self.read(range(first, min(first + self.BLOCK, len(self.listing.references))), row)

    def read(self, rows, row: int | None = None) -> None:  # noqa: ANN001 - source rows
        """Read, in one query, the summaries of those of ``rows`` not read yet (the rows about
        to be shown: a block of the list, or of the filtered list) and of ``row``."""
        rows = [r for r in rows if r not in self._kept or r == row]
        references = self.listing.references
        found = self.fetch([references[r] for r in rows])
        for r in rows:
            summary = found.get(references[r])
            if summary is None:  # removed since the listing was read
                summary = _missing(references[r])
            self._kept[r] = [summary, None, None]
            self._kept.move_to_end(r)
        if row is not None:
            self._kept.move_to_end(row)
        while len(self._kept) > self.KEEP:
            self._kept.popitem(last=False)

    def kept(self, row: int) -> bool:
        return row in self._kept

    def deadline(self, row: int):  # noqa: ANN201 - an obligations.ListedDeadline
        summary = self.summary(row)
        kept = self._kept[row]
        if kept[1] is None:
            kept[1] = summary_deadline(summary, self.now)
        return kept[1]

    def late(self, row: int) -> int:
        """How many of the row's follow-up actions are overdue."""
        if not self.listing.flags[row] & self.listing.LATE_ROW:
            return 0
        return followup.overdue_count(self.summary(row).actions, followup.today(self.now))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.listing.references)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QApplication.translate("IncidentTableModel", self.COLUMNS[section])
        return None

    def text(self, row: int, column: int) -> str:
        if column == 0:
            return self.listing.references[row]
        self.summary(row)
        kept = self._kept[row]
        if kept[2] is None:  # the row's texts, once (the view asks for them at every paint)
            kept[2] = tuple(self._text(row, c) for c in range(len(self.COLUMNS)))
        return kept[2][column]

    def _text(self, row: int, column: int) -> str:
        if column == 0:
            return self.listing.references[row]
        r = self.summary(row)
        if r.damaged:
            if column == 1:  # with what can still be read of it: its title
                if r.title:
                    return self.tr("Incident endommagé (« {title} ») : {reason}").format(
                        title=r.title[:80], reason=r.damaged)
                return self.tr("Incident endommagé : %s") % r.damaged
            if column == 3:
                return self.tr("Illisible : restaurez-le depuis une sauvegarde")
            return "—"
        if column == 1:
            return r.title or self.tr("(sans intitulé)")
        if column == 2:
            return clock.format_short(r.awareness_at) if r.awareness_at else "—"
        if column == 3:
            cell = self.deadline(row)
            return cell.text + (self.tr(" (+ %n autre(s) échéance(s))", "", cell.others)
                                if cell.others else "")
        if column == 4:
            if not r.actions:
                return "—"
            late = self.late(row)
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

    def value(self, row: int, column: int, role):  # noqa: ANN001, ANN201 - a Qt role
        """What data() gives for a row and column (the filter asks with its source row)."""
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return self.listing.references[row]
        if role != Qt.ItemDataRole.BackgroundRole:
            return None
        if self.summary(row).damaged:
            return QColor("#fde7e9")
        if column == 4:
            return QColor("#fde7e9") if self.listing.flags[row] & self.listing.LATE_ROW else None
        if column == 3:
            state = self.deadline(row).status
            if state is None:
                return None
            background, _ = style.URGENCY_COLOURS[clock.urgency(state)]
            return QColor(background)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid():
            return None
        return self.value(index.row(), index.column(), role)


#: The roles the list answers (the view asks for a dozen per cell).
_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole, Qt.ItemDataRole.BackgroundRole))


def _missing(reference: str):  # noqa: ANN202 - an IncidentSummary-like row
    """A row whose incident is no longer stored (removed since the list was read)."""
    from types import SimpleNamespace

    from ..domain.validation import EARLIEST

    return SimpleNamespace(reference=reference, title="", status=OPEN, created_at=EARLIEST,
                           updated_at=EARLIEST, awareness_at=None, notified_at=None, outcome="",
                           clock_start=None, deadlines=(), damaged="—", actions=(), pharmacy="",
                           pharmacy_id="", notification_due=None)


class IncidentFilter(QAbstractProxyModel):
    """Text (reference or title), status and pharmacy filter over the incident rows: the rows
    shown are found in one pass over the listing's keys and flags (no call per row), and the
    view asks only for the rows on screen."""

    #: The status filter's extra choice: incidents with an overdue follow-up action.
    OVERDUE = "overdue-actions"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.text = ""
        self.status = ""
        #: Only the incidents of this pharmacy (its identity; "" for all).
        self.pharmacy = ""
        self.shown: Sequence[int] = range(0)

    def setSourceModel(self, model) -> None:  # noqa: N802, ANN001 - Qt API
        super().setSourceModel(model)
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._source_reset)
        model.dataChanged.connect(self._source_changed)

    def _source_reset(self) -> None:
        self.shown = self._accepted()
        self.endResetModel()

    def _source_changed(self, top_left, bottom_right, roles=()) -> None:  # noqa: ANN001
        if self.shown:
            self.dataChanged.emit(self.index(0, top_left.column()),
                                  self.index(len(self.shown) - 1, bottom_right.column()), roles)

    def set_filter(self, text: str, status: str) -> None:
        self.beginResetModel()
        self.text, self.status = text.strip().casefold(), status
        self.shown = self._accepted()
        self.endResetModel()

    def _accepted(self) -> Sequence[int]:
        """The source rows shown, in order."""
        model = self.sourceModel()
        if model is None:
            return range(0)
        listing = model.listing
        rows: Sequence[int] = range(len(listing.references))
        if self.pharmacy:
            code = next((i for i, (identity, _) in enumerate(listing.pharmacies)
                         if identity == self.pharmacy), None)
            if code is None:
                return []
            rows = [r for r, pharmacy in enumerate(listing.pharmacy) if pharmacy == code]
        flags = listing.flags
        if self.status == self.OVERDUE:
            late = listing.LATE_ROW
            rows = listing.late_rows if isinstance(rows, range) else [r for r in rows if flags[r] & late]
        elif self.status:
            wanted = listing.CLOSED_ROW if self.status == CLOSED else listing.OPEN_ROW
            rows = [r for r in rows if flags[r] & wanted]
        if self.text:
            text, keys = self.text, listing.keys
            if isinstance(rows, range):
                rows = [r for r, key in enumerate(keys) if text in key]
            else:
                rows = [r for r in rows if text in keys[r]]
        return rows

    # --- QAbstractProxyModel ----------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        model = self.sourceModel()
        return 0 if parent.isValid() or model is None else model.columnCount()

    def index(self, row: int, column: int, parent=QModelIndex()):  # noqa: B008, ANN201 - Qt API
        if parent.isValid() or not (0 <= row < len(self.shown) and 0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index=None):  # noqa: ANN001, ANN201 - Qt API (and QObject.parent())
        if index is None:
            return super().parent()
        return QModelIndex()

    def sibling(self, row: int, column: int, index):  # noqa: ANN001, ANN201 - Qt API
        return self.index(row, column)

    def hasChildren(self, parent=QModelIndex()) -> bool:  # noqa: N802, B008 - Qt API
        return not parent.isValid() and bool(self.shown)

    def mapToSource(self, index):  # noqa: N802, ANN001, ANN201 - Qt API
        if not index.isValid() or index.row() >= len(self.shown):
            return QModelIndex()
        return self.sourceModel().index(self.shown[index.row()], index.column())

    def mapFromSource(self, index):  # noqa: N802, ANN001, ANN201 - Qt API
        if not index.isValid():
            return QModelIndex()
        row = bisect_left(self.shown, index.row())
        if row < len(self.shown) and self.shown[row] == index.row():
            return self.createIndex(row, index.column())
        return QModelIndex()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid() or index.row() >= len(self.shown):
            return None
        model, row = self.sourceModel(), index.row()
        source = self.shown[row]
        if not model.kept(source):
            # The rows shown next to it in the filtered list are read with it, in one query.
            first = row - row % model.BLOCK
            model.read([self.shown[r] for r in range(first, min(first + model.BLOCK, len(self.shown)))],
                       source)
        return model.value(source, index.column(), role)

    def flags(self, index):  # noqa: ANN001, ANN201 - Qt API
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal:
            return self.sourceModel().headerData(section, orientation, role)
        return section + 1 if role == Qt.ItemDataRole.DisplayRole else None


class HomePage(QWidget):
    """The list of incidents, open ones first, with where each stands against its deadline."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        title = QLabel(self.tr("Violations de données personnelles"))
        style.set_role(title, style.HOME_TITLE)
        header.addWidget(title)
        header.addStretch(1)
        self.sample_button = QPushButton(self.tr("Voir un &exemple"))
        self.sample_button.setToolTip(self.tr("Ouvre, en lecture seule, un incident d'exemple terminé "
                                              "(rançongiciel) et ses documents, sans toucher à votre registre."))
        style.set_role(self.sample_button, style.BIG_BUTTON)
        header.addWidget(self.sample_button)
        self.deadlines_button = QPushButton(self.tr("É&chéances…"))
        self.deadlines_button.setObjectName("deadlines-button")
        self.deadlines_button.setToolTip(self.tr("Toutes les échéances ouvertes de toutes les "
                                                 "pharmacies, la plus proche d'abord."))
        style.set_role(self.deadlines_button, style.BIG_BUTTON)
        header.addWidget(self.deadlines_button)
        self.register_button = QPushButton(self.tr("&Registre…"))
        style.set_role(self.register_button, style.BIG_BUTTON)
        header.addWidget(self.register_button)
        self.new_button = QPushButton(self.tr("&Nouvel incident"))
        style.set_role(self.new_button, style.BIG_BUTTON)
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
        style.set_role(self.first_hour_button, style.BIG_BUTTON_STRONG)
        header.addWidget(self.first_hour_button)
        layout.addLayout(header)

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        review_row = QHBoxLayout()
        self.review_notice = QLabel()
        self.review_notice.setObjectName("review-notice")
        self.review_notice.setWordWrap(True)
        style.set_role(self.review_notice, style.NOTICE)
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

        self._version: tuple[int, int] | None = None
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
        """Read the list again (the listing, not the incidents: a row's texts are read when it
        is shown)."""
        now = self.workspace.now()
        listing = self.workspace.listing()
        self._version = self.workspace.listing_version()
        self.model.set_listing(listing, self.workspace.summaries, now)
        self._pharmacies(listing)
        late = listing.overdue_actions
        due = self.workspace.review_due()
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
        if len(listing):
            self.hint.setText(self.tr("Double-cliquez sur un incident (ou Entrée) pour le reprendre."))
        else:
            self.hint.setText(self.tr(
                "Aucun incident enregistré. En cas de fuite, de perte ou de blocage de données "
                "personnelles (rançongiciel, vol d'ordinateur, erreur d'envoi...), cliquez sur "
                "« Nouvel incident » : le délai de 72 heures pour notifier la CNIL court à "
                "partir du moment où vous en avez eu connaissance. Pour découvrir l'application, "
                "« Voir un exemple » ouvre un incident terminé, sans toucher à votre registre."))

    def tick(self) -> None:
        """Every minute: the list is read again when the folder changed (here or elsewhere) or
        the day changed (overdue actions); otherwise only the times left are written again, for
        the rows shown."""
        now = self.workspace.now()
        if self.workspace.listing_version() != self._version or \
                followup.today(now).isoformat() != self.model.listing.today:
            self.refresh()
        else:
            self.model.set_now(now)

    def _pharmacies(self, listing) -> None:  # noqa: ANN001 - a storage Listing
        """A DPO's folder holds several pharmacies: then a pharmacy filter and column."""
        known = [(identity, name) for identity, name in listing.pharmacies if identity]
        chosen = self.pharmacy_filter.currentData() or ""
        self.pharmacy_filter.blockSignals(True)
        self.pharmacy_filter.clear()
        self.pharmacy_filter.addItem(self.tr("Toutes les pharmacies (%n)", "", len(known)), "")
        for identity, name in sorted(known, key=lambda kv: kv[1].casefold()):
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
