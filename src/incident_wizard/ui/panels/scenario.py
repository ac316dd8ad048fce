"""The "Premiers réflexes" panel: the situation and its containment checklist."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...application.session import IncidentSession
from ...domain import clock
from ...domain.errors import IncidentWizardError
from .. import style
from ..fields import (
    CHOICE_SETTLE_MS,
    NoWheelComboBox,
    help_label,
    wrapping_check,
)
from .base import Panel


class ScenarioPanel(Panel):
    """Choose the playbook; tick its containment actions (each tick is timestamped)."""

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("Situation"))
        style.set_role(label, style.STRONG)
        layout.addWidget(label)
        self.combo = NoWheelComboBox()
        self.combo.addItem(self.tr("— choisir la situation —"), "")
        for scenario in session.procedure.scenarios.values():
            self.combo.addItem(scenario.label, scenario.id)
        label.setBuddy(self.combo)
        # Arrowing through the list previews each situation's actions; the choice is stored
        # (and journaled once) when it settles, when an action is ticked or the step is left.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(CHOICE_SETTLE_MS)
        self._settle.timeout.connect(self._chosen)
        self.combo.currentIndexChanged.connect(self._previewed)  # (Qt's "activated" fires at
        # each arrow key too, so it cannot tell a confirmed choice)
        layout.addWidget(self.combo)
        self.summary = help_label("")
        layout.addWidget(self.summary)
        self.box = QGroupBox(self.tr("Actions de confinement"))
        self.box_layout = QVBoxLayout(self.box)
        layout.addWidget(self.box)
        self.checks: dict[str, tuple[QCheckBox, QLabel]] = {}
        self.load()

    def _previewed(self) -> None:
        self._settle.start()
        self._build_checklist()

    def _chosen(self) -> None:
        self._settle.stop()
        scenario_id = self.combo.currentData()
        if scenario_id and scenario_id != self.session.incident.scenario:
            try:
                self.session.choose_scenario(scenario_id)
            except IncidentWizardError as error:
                self.warn(error)
            self.changed.emit()
            self._build_checklist()

    def flush(self) -> None:
        if self._settle.isActive():
            self._chosen()

    def shown_scenario(self) -> str:
        return self.combo.currentData() or ""

    def _build_checklist(self) -> None:
        while self.box_layout.count():
            old = self.box_layout.takeAt(0).widget()
            if old is not None:
                old.hide()
                old.setParent(None)
                old.deleteLater()
        self.checks.clear()
        scenario = self.session.procedure.scenarios.get(self.shown_scenario())
        self.summary.setText(scenario.summary if scenario else "")
        self.box.setVisible(scenario is not None)
        if scenario is None:
            return
        for item in scenario.checklist:
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            check_row, check = wrapping_check(item.label)
            check.setObjectName(f"check-{item.id}")
            stamp = QLabel()
            style.set_role(stamp, style.SUCCESS)
            check.toggled.connect(lambda on, i=item: self._ticked(i.id, on))
            row_layout.addWidget(check_row, 1)
            row_layout.addWidget(stamp, 0, Qt.AlignmentFlag.AlignTop)
            self.box_layout.addWidget(row)
            row.show()  # at once, not at the next turn of the event loop
            self.checks[item.id] = (check, stamp)
        previous = self.combo
        for check, _stamp in self.checks.values():  # Tab goes from the situation to its actions
            QWidget.setTabOrder(previous, check)
            previous = check
        self._show_ticks()

    def _ticked(self, item_id: str, on: bool) -> None:
        self.flush()  # an action is ticked for the situation shown: store that choice first
        try:
            self.session.tick(item_id, on)
        except IncidentWizardError as error:
            self.warn(error)
        self._show_ticks()
        self.changed.emit()

    def _show_ticks(self) -> None:
        for item_id, (check, stamp) in self.checks.items():
            at = self.session.incident.checklist.get(item_id)
            check.blockSignals(True)
            check.setChecked(at is not None)
            check.blockSignals(False)
            stamp.setText(self.tr("fait le %s") % clock.format_short(at) if at else "")

    def load(self) -> None:
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(self.combo.findData(self.session.incident.scenario), 0))
        self.combo.blockSignals(False)
        self._build_checklist()
