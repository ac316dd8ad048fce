"""One incident: the list of steps (done or not), the current step, the deadline banner, and
navigation that resumes where the pharmacist left off."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..application.session import IncidentSession
from ..domain import obligations
from ..domain.errors import IncidentWizardError
from ..domain.procedure import Procedure, Step
from . import panels, style
from .deadline import DeadlineBanner
from .fields import ElidedLabel, FieldEditor, help_label
from .panels.base import Panel

if TYPE_CHECKING:
    from .panels.closing import TimelinePanel

# The panel of each kind of step: its name in ui.panels (its family's module is imported when
# a step of that kind is first built).
PANELS: dict[str, str] = {
    "scenario": "ScenarioPanel",
    "risk": "RiskPanel",
    "decision": "DecisionPanel",
    "notification": "NotificationPanel",
    "information": "InformationPanel",
    "bodies": "BodiesPanel",
    "followup": "FollowUpPanel",
    "closure": "ClosurePanel",
}
TIMELINE = "__chronologie__"
FIRST_HOUR = "__premieres_heures__"


class StepPage(QScrollArea):
    """One step: title, introduction, its panel, its fields, help with sources."""

    changed = Signal()

    def __init__(self, step: Step, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.step, self.session = step, session
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Each widget is made in its place: under a style sheet, moving a built subtree to
        # another window restyles all of it again. The body is made in the scroll area (setWidget
        # moves it to the viewport, in the same window): asking for the viewport here would make
        # PySide6 wrap it, and at its first wrapped viewport it creates the Python enums of every
        # scroll-area class it might be (65 of them, 14 ms of a start resuming an incident).
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 8, 16, 16)
        title = QLabel(step.title)
        style.set_role(title, style.STEP_TITLE)
        layout.addWidget(title)
        if step.intro:
            intro = QLabel(step.intro)
            intro.setWordWrap(True)
            layout.addWidget(intro)
        self.panel: Panel | None = None
        if step.kind in PANELS:
            self.panel = getattr(panels, PANELS[step.kind])(session, body)
            self.panel.changed.connect(self._changed)
            layout.addWidget(self.panel)
        self.notice = QLabel()  # a warning about this step's facts (domain.obligations)
        self.notice.setObjectName("step-notice")
        self.notice.setWordWrap(True)
        style.set_role(self.notice, style.STEP_NOTICE)
        self.notice.hide()
        layout.addWidget(self.notice)
        self.editors: list[FieldEditor] = []
        for field in step.fields:
            editor = FieldEditor(field, session, session.procedure, body)
            editor.setObjectName(f"field-{field.key}")
            editor.saved.connect(lambda _key: self._changed())
            self.editors.append(editor)
            layout.addWidget(editor)
        if step.help or step.sources:
            layout.addWidget(self._help_box(step, session.procedure))
        layout.addStretch(1)
        self.setWidget(body)
        self.refresh_enabled()

    @staticmethod
    def _help_box(step: Step, procedure: Procedure) -> QWidget:
        box = QFrame()
        style.set_role(box, style.HELP_BOX)
        layout = QVBoxLayout(box)
        if step.help:
            layout.addWidget(help_label(step.help))
        if step.sources:
            items = []
            for source_id in step.sources:
                source = procedure.sources[source_id]
                mark = (QApplication.translate("StepPage", " (à vérifier)")
                        if source.status == "non-verifie" else "")
                items.append(escape(source.title) + mark)
            sources = QLabel(QApplication.translate("StepPage", "<b>Sources :</b> %s") % " ; ".join(items))
            sources.setWordWrap(True)
            style.set_role(sources, style.HELP)
            layout.addWidget(sources)
        return box

    def _changed(self) -> None:
        self.refresh_enabled()
        if self.panel is not None:
            self.panel.fields_changed()
        self.changed.emit()

    CLOCK_FIELDS = ("dates.awareness_at", "discovery.processor_reported_at", "dates.team_aware_at",
                    "dates.certainty_later")

    def refresh_enabled(self) -> None:
        if any(e.field.key in self.CLOCK_FIELDS for e in self.editors):
            warning = obligations.late_awareness_warning(self.session.incident)
            self.notice.setText(warning)
            self.notice.setVisible(bool(warning))
        read_only = self.session.read_only
        for editor in self.editors:
            editor.setEnabled(not read_only and self.session.procedure.field_enabled(
                self.session.incident, editor.field))
        if self.panel is not None:
            self.panel.set_read_only(read_only)

    def load(self) -> None:
        for editor in self.editors:
            editor.load()
        if self.panel is not None:
            self.panel.load()
        self.refresh_enabled()

    def flush(self) -> None:
        for editor in self.editors:
            if editor.pending():
                editor.flush()
        if self.panel is not None:
            self.panel.flush()

    def editor(self, key: str) -> FieldEditor:
        return next(e for e in self.editors if e.field.key == key)


class _StepPages(dict):
    """The step pages by step id, each built (``build(step_id)``) the first time it is asked for;
    iterating gives only the pages built so far."""

    def __init__(self, build):  # noqa: ANN001 - a callable
        super().__init__()
        self._build = build

    def __missing__(self, step_id: str) -> StepPage:
        page = self._build(step_id)
        self[step_id] = page
        return page


class IncidentPage(QWidget):
    """An open incident: the step list, the current step's page, the banner and the timeline."""
    back_requested = Signal()

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        procedure = session.procedure
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← &Incidents"))
        self.back_button.clicked.connect(self.go_back)
        header.addWidget(self.back_button)
        self.heading = ElidedLabel()
        style.set_role(self.heading, style.INCIDENT_HEADING)
        header.addWidget(self.heading, 1)
        layout.addLayout(header)
        self.banner = DeadlineBanner(session)
        layout.addWidget(self.banner)
        self.tamper_warning = QLabel()
        self.tamper_warning.setWordWrap(True)
        style.set_role(self.tamper_warning, style.TAMPER_WARNING)
        check = session.verification
        if not check.ok:
            self.tamper_warning.setText(self.tr(
                "Attention : cet incident a été modifié en dehors de l'application (%s). Il est en "
                "lecture seule : son journal chaîné n'est plus prolongé. Gardez une copie du fichier "
                "de données, restaurez l'incident depuis une sauvegarde ou exportez ses documents "
                "pour garder la trace de ce qui est enregistré, et prévenez votre DPO.") % check.message)
        self.tamper_warning.setVisible(not check.ok)
        layout.addWidget(self.tamper_warning)

        body = QHBoxLayout()
        self.steps = QListWidget()
        self.steps.setObjectName("steps")
        self.steps.setFixedWidth(300)
        self.steps.setSpacing(3)
        self.steps.setAccessibleName(self.tr("Étapes de la procédure"))
        if procedure.first_hour is not None:
            first_item = QListWidgetItem(self.tr("Premières heures (notification initiale)"))
            first_item.setData(Qt.ItemDataRole.UserRole, FIRST_HOUR)
            self.steps.addItem(first_item)
        for index, step in enumerate(procedure.steps):
            item = QListWidgetItem(f"{index + 1}. {step.title}")
            item.setData(Qt.ItemDataRole.UserRole, step.id)
            self.steps.addItem(item)
        timeline_item = QListWidgetItem(self.tr("Chronologie et journal"))
        timeline_item.setData(Qt.ItemDataRole.UserRole, TIMELINE)
        self.steps.addItem(timeline_item)
        body.addWidget(self.steps)

        right = QVBoxLayout()
        self.stack = QStackedWidget()
        # Each page is built the first time it is shown: opening an incident builds one step.
        self.pages: dict[str, StepPage] = _StepPages(self._build_page)
        self._timeline: TimelinePanel | None = None
        self._first_hour = None
        right.addWidget(self.stack, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        style.set_role(self.message, style.ERROR)
        self.message.hide()
        right.addWidget(self.message)
        # What the last act recorded when it also ended its step (the page moved on).
        self.confirmation = QLabel()
        self.confirmation.setObjectName("step-confirmation")
        self.confirmation.setWordWrap(True)
        self.confirmation.setTextFormat(Qt.TextFormat.PlainText)
        style.set_role(self.confirmation, style.CONFIRMATION)
        self.confirmation.hide()
        right.addWidget(self.confirmation)
        nav = QHBoxLayout()
        self.previous_button = QPushButton(self.tr("◀ &Précédent"))
        self.previous_button.clicked.connect(self.go_previous)
        self.done_button = QPushButton(self.tr("Étape &terminée, continuer ▶"))
        self.done_button.setObjectName("step-done")
        self.done_button.setToolTip(self.tr("Raccourci : Ctrl+Entrée"))
        self.previous_button.setToolTip(self.tr("Raccourci : Alt+Flèche gauche"))
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self.complete_current)
        nav.addWidget(self.previous_button)
        nav.addStretch(1)
        nav.addWidget(self.done_button)
        right.addLayout(nav)
        body.addLayout(right, 1)
        layout.addLayout(body, 1)

        self.steps.currentRowChanged.connect(self._row_changed)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.complete_current)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self.complete_current)
        QShortcut(QKeySequence("Alt+Left"), self, activated=self.go_previous)
        start = session.incident.current_step or procedure.steps[0].id
        known = {step.id for step in procedure.steps} | {FIRST_HOUR, TIMELINE}
        self.show_step(start if start in known else procedure.steps[0].id)
        self.refresh()

    def _build_page(self, step_id: str) -> StepPage:
        step = next((s for s in self.session.procedure.steps if s.id == step_id), None)
        if step is None:
            raise KeyError(step_id)
        page = StepPage(step, self.session, self.stack)
        page.changed.connect(self._step_changed)
        if page.panel is not None:
            page.panel.finished.connect(lambda text, sid=step_id: self._panel_finished(sid, text))
        self.stack.addWidget(page)
        return page

    @property
    def timeline(self) -> TimelinePanel:
        """The journal's timeline (built when first shown)."""
        if self._timeline is None:
            self._timeline = panels.TimelinePanel(self.session)
            self.stack.addWidget(self._timeline)
        return self._timeline

    @property
    def first_hour(self):  # noqa: ANN201 - a FirstHourPage, or None when forms/ has none
        """The "Premières heures" page (built when first shown), None without [first_hour]."""
        if self._first_hour is None and self.session.procedure.first_hour is not None:
            from .first_hour import FirstHourPage

            self._first_hour = FirstHourPage(self.session)
            self._first_hour.changed.connect(self.refresh)
            self._first_hour.continue_requested.connect(self.continue_procedure)
            self.stack.addWidget(self._first_hour)
        return self._first_hour

    # --- navigation ---------------------------------------------------------------------------

    def current_step_id(self) -> str:
        item = self.steps.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def current_page(self) -> StepPage | None:
        return self.pages.get(self.current_step_id())

    def show_step(self, step_id: str) -> None:
        for row in range(self.steps.count()):
            if self.steps.item(row).data(Qt.ItemDataRole.UserRole) == step_id:
                self.steps.setCurrentRow(row)
                return

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.flush()
        step_id = self.steps.item(row).data(Qt.ItemDataRole.UserRole)
        self.message.hide()
        self.confirmation.hide()
        if step_id == TIMELINE:
            self.timeline.load()
            self.stack.setCurrentWidget(self.timeline)
            self.done_button.hide()  # the timeline is a view, not a step
            return
        if step_id == FIRST_HOUR:
            self.first_hour.load()
            self.stack.setCurrentWidget(self.first_hour)
            self.done_button.hide()  # a view over the steps' fields, not a step
            return
        self.done_button.show()
        page = self.pages[step_id]
        page.load()
        self.stack.setCurrentWidget(page)
        self.session.set_current_step(step_id)
        self.refresh()

    def continue_procedure(self) -> None:
        """From the first-hour page to the first step not yet done; the steps the first-hour
        page already answered (procedure.covered_by_first_hour) are marked done, journaled."""
        self.flush()
        if not self.session.read_only:
            current = not self.session.view.outdated
            for step_id in self.session.procedure.covered_by_first_hour(self.session.incident, current):
                try:
                    self.session.complete_step(step_id)
                except IncidentWizardError:
                    break  # shown when the pharmacist ends that step
        self.refresh()
        done = self.session.incident.steps_done
        pending = next((s.id for s in self.session.procedure.steps if s.id not in done),
                       self.session.procedure.steps[0].id)
        self.show_step(pending)

    def go_previous(self) -> None:
        row = self.steps.currentRow()
        if row > 0:
            self.steps.setCurrentRow(row - 1)

    def _panel_finished(self, step_id: str, recorded: str) -> None:
        """A panel's act that ends its step was done (the initial notification recorded, the
        persons informed): the step is ended as « Étape terminée » would (same checks, same
        journal) and the next step shown, saying what was recorded; a step already done stays
        shown; a refusal is shown on the step."""
        page = self.current_page()
        if (page is None or page.step.id != step_id or self.session.read_only
                or step_id in self.session.incident.steps_done):
            return
        page.load()  # the fields the act set (status, date) shown before they are checked
        title = page.step.title
        if self.complete_current():
            self.confirmation.setText(self.tr("%s Étape « %s » terminée.") % (recorded, title))
            self.confirmation.show()

    def complete_current(self) -> bool:
        """End the step shown (« Étape terminée »); False when it is refused (the reason is shown)."""
        page = self.current_page()
        if page is None:
            return False
        page.flush()
        errors = [e.error_text() for e in page.editors if e.error_text()]
        if errors:
            self._show_message(errors[0])
            return False
        try:
            if page.step.kind == "closure" and not self.session.read_only:
                self.session.close()
            elif not self.session.read_only:
                self.session.complete_step(page.step.id)
        except IncidentWizardError as error:
            self._show_message(str(error))
            return False
        index = self.session.procedure.step_index(page.step.id)
        steps = self.session.procedure.steps
        if index + 1 < len(steps):
            # The next step not done yet: a step the first-hour page already answered is not
            # shown again to be confirmed (it stays one click away in the list).
            done = self.session.incident.steps_done
            later = next((s.id for s in steps[index + 1:] if s.id not in done), steps[index + 1].id)
            self.show_step(later)
        else:
            page.load()
        self.refresh()
        return True

    def _step_changed(self) -> None:
        """Something was saved on the step: a refusal shown for it may no longer hold (it is
        shown again, re-checked, on the next "Étape terminée")."""
        self.message.hide()
        self.refresh()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def go_back(self) -> None:
        self.flush()
        self.back_requested.emit()

    def flush(self) -> None:
        for page in self.pages.values():  # the pages built so far
            page.flush()
        if self._first_hour is not None:
            self._first_hour.flush()

    # --- display ------------------------------------------------------------------------------

    def refresh(self) -> None:
        incident = self.session.incident
        status = (self.tr(" — lecture seule (modifié hors de l'application)") if self.session.altered
                  else self.tr(" — clôturé") if self.session.read_only else "")
        named = incident.title or self.tr("(sans intitulé)")
        self.heading.setText(f"{incident.reference} — {named}{status}")
        for row in range(self.steps.count()):
            item = self.steps.item(row)
            step_id = item.data(Qt.ItemDataRole.UserRole)
            if step_id in (TIMELINE, FIRST_HOUR):
                continue
            title = self.session.procedure.step(step_id).title
            done = step_id in incident.steps_done
            number = self.session.procedure.step_index(step_id) + 1
            item.setText(f"{'✔' if done else '○'}  {number}. {title}")
            item.setToolTip(self.tr("Étape terminée") if done else self.tr("Étape à faire"))
        self.banner.refresh()
        page = self.current_page()
        self.previous_button.setEnabled(self.steps.currentRow() > 0)
        if page is not None:
            last = page.step.kind == "closure"
            if self.session.read_only:
                self.done_button.setEnabled(not last)
                self.done_button.setText(self.tr("Étape &suivante ▶"))
            else:
                self.done_button.setEnabled(True)
                self.done_button.setText(self.tr("&Clôturer l'incident") if last else
                                         self.tr("Étape &terminée, continuer ▶"))

    def confirm_close_with_errors(self) -> bool:
        """Before leaving, say if a field shows a refused value that will not be kept."""
        for page in self.pages.values():
            for editor in page.editors:
                if editor.error_text():
                    answer = QMessageBox.question(
                        self, self.tr("Saisie refusée"),
                        self.tr("La valeur de « %s » n'a pas été enregistrée : %s\n\nQuitter quand même ?")
                        % (editor.field.label, editor.error_text()))
                    return answer == QMessageBox.StandardButton.Yes
        return True
