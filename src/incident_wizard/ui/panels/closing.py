"""The last panels: other bodies, closure, and the timeline view of the journal."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...application.session import IncidentSession
from ...domain import clock, followup, obligations
from ...domain.errors import IncidentWizardError
from .. import style
from ..deadline import DeadlinePicture
from ..fields import (
    FieldEditor,
    help_label,
    wrapping_check,
)
from ..guard import TextGuard
from .base import Panel


class BodiesPanel(Panel):
    """Other bodies: done or not (timestamped), obligatoire/recommandé in this incident's
    situation (domain.obligations), a note and a reference (e.g. the complaint's receipt) each."""

    BADGE = {"obligatoire": style.BADGE_REQUIRED, "recommandé": style.BADGE_RECOMMENDED}
    # The requirements (domain.procedure.REQUIREMENTS) are keys; their badges are translated.
    REQUIREMENT_LABELS = {"obligatoire": QT_TRANSLATE_NOOP("BodiesPanel", "obligatoire"),
                          "recommandé": QT_TRANSLATE_NOOP("BodiesPanel", "recommandé")}

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows: dict[str, tuple[QCheckBox, QLabel, QLineEdit, QLineEdit, QLabel]] = {}
        for body in session.procedure.bodies.values():
            box = QGroupBox()
            box_layout = QVBoxLayout(box)
            check_row, check = wrapping_check(body.label)
            check.setObjectName(f"body-{body.id}")
            box_layout.addWidget(check_row)
            top = QHBoxLayout()
            badge = QLabel()
            badge.setObjectName(f"requirement-{body.id}")
            stamp = QLabel()
            style.set_role(stamp, style.SUCCESS)
            top.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
            if body.help:
                top.addWidget(help_label(body.help), 1)
            else:
                top.addStretch(1)
            top.addWidget(stamp, 0, Qt.AlignmentFlag.AlignTop)
            box_layout.addLayout(top)
            fields = QHBoxLayout()
            note = QLineEdit()
            note.setObjectName(f"body-note-{body.id}")
            note.setPlaceholderText(self.tr("Note (interlocuteur, suite donnée...)"))
            note.editingFinished.connect(lambda b=body.id, n=note: self._noted(b, n.text()))
            reference = QLineEdit()
            reference.setObjectName(f"body-reference-{body.id}")
            reference.setPlaceholderText(self.tr("Référence (n° de récépissé, de dossier)"))
            reference.setMaximumWidth(300)
            reference.editingFinished.connect(lambda b=body.id, r=reference: self._referenced(b, r.text()))
            fields.addWidget(note, 2)
            fields.addWidget(reference, 1)
            box_layout.addLayout(fields)
            box_layout.addWidget(TextGuard(note, session))
            box_layout.addWidget(TextGuard(reference, session))
            check.toggled.connect(lambda on, b=body.id: self._done(b, on))
            self.rows[body.id] = (check, stamp, note, reference, badge)
            layout.addWidget(box)
        self.load()

    def _done(self, body_id: str, on: bool) -> None:
        check, stamp, note, reference, badge = self.rows[body_id]
        try:
            self.session.set_body(body_id, on, note.text(), reference.text())
        except IncidentWizardError as error:
            self.warn(error)
        self.load()
        self.changed.emit()

    def _noted(self, body_id: str, text: str) -> None:
        contact = self.session.incident.other_bodies.get(body_id)
        if (contact.note if contact else "") == text:
            return
        try:
            self.session.set_body(body_id, contact.done if contact else False, text)
        except IncidentWizardError as error:
            self.warn(error)

    def _referenced(self, body_id: str, text: str) -> None:
        """A receipt or file number means the step with that body was done: typing one ticks
        it (timestamped, journaled); clearing it leaves the tick alone."""
        contact = self.session.incident.other_bodies.get(body_id)
        if (contact.reference if contact else "") == text.strip():
            return
        done = bool(contact and contact.done) or bool(text.strip())
        try:
            self.session.set_body(body_id, done, reference=text)
        except IncidentWizardError as error:
            self.warn(error)
        self.load()
        self.changed.emit()

    def load(self) -> None:
        incident = self.session.incident
        for body_id, (check, stamp, note, reference, badge) in self.rows.items():
            contact = incident.other_bodies.get(body_id)
            requirement = obligations.body_requirement(
                incident, body_id, self.session.procedure.bodies[body_id].requirement)
            badge.setText(QApplication.translate("BodiesPanel", self.REQUIREMENT_LABELS[requirement]))
            style.set_role(badge, self.BADGE[requirement])
            check.blockSignals(True)
            check.setChecked(bool(contact and contact.done))
            check.blockSignals(False)
            stamp.setText(self.tr("fait le %s") % clock.format_short(contact.done_at)
                          if contact and contact.done_at else "")
            if not note.hasFocus():
                note.setText(contact.note if contact else "")
            if not reference.hasFocus():
                reference.setText(contact.reference if contact else "")


class ClosurePanel(Panel):
    """What still prevents closing (the page's main button closes); the complementary
    notification still awaited, recorded where the pharmacist is (or why none is needed);
    reopen a closed incident."""

    # The statement that the initial notification said everything (forms/procedure.toml).
    WAIVER = "complement_waiver"

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems)
        self.complement_box = QGroupBox(self.tr("Notification complémentaire attendue"))
        self.complement_box.setObjectName("closure-complement")
        complement = QVBoxLayout(self.complement_box)
        self.complement_text = QLabel()
        self.complement_text.setWordWrap(True)
        self.complement_text.setTextFormat(Qt.TextFormat.PlainText)
        complement.addWidget(self.complement_text)
        self.complement_button = QPushButton()
        self.complement_button.setObjectName("record-complement-now")
        self.complement_button.clicked.connect(self.record_complement_now)
        complement.addWidget(self.complement_button, 0, Qt.AlignmentFlag.AlignLeft)
        complement.addWidget(help_label(self.tr(
            "Faite à une autre date, ou sous une autre référence : enregistrez-la à l'étape "
            "« Notification à la CNIL ». Si la notification initiale contenait déjà tout, dites-le "
            "ci-dessous (cette déclaration figure au registre).")))
        self.waiver = FieldEditor(session.procedure.field(self.WAIVER), session, session.procedure)
        self.waiver.setObjectName(f"closure-{self.WAIVER}")
        self.waiver.saved.connect(lambda _key: (self.load(), self.changed.emit()))
        complement.addWidget(self.waiver)
        layout.addWidget(self.complement_box)
        row = QHBoxLayout()
        self.reopen_button = QPushButton(self.tr("&Rouvrir l'incident"))
        self.reopen_button.clicked.connect(self.reopen_incident)
        row.addWidget(self.reopen_button)
        row.addStretch(1)
        layout.addLayout(row)

    def set_read_only(self, read_only: bool) -> None:
        self.load()

    def flush(self) -> None:
        if self.waiver.pending():
            self.waiver.flush()

    def record_complement_now(self) -> None:
        """The complementary notification made now, quoting the initial one's reference."""
        self.apply(self.session.record_complement_now)

    def _load_complement(self) -> None:
        incident = self.session.incident
        due = obligations.pending_complement(incident)
        awaited = due is not None and not self.session.read_only
        self.complement_box.setVisible(awaited)
        if not awaited:
            return
        reference = incident.initial_reference()
        self.complement_text.setText(self.tr(
            "La notification initiale du %s (référence %s) attend sa notification complémentaire, "
            "si possible avant le %s (CNIL : dans les 72 heures après la notification initiale, "
            "si possible).") % (clock.format_datetime(incident.first_notification_at()), reference,
                                clock.format_datetime(due)))
        self.complement_button.setText(self.tr(
            "Notification complémentaire faite maintenant sur le site de la CNIL : l'enregistrer "
            "(référence %s)") % reference)
        self.waiver.load()

    def reopen_incident(self) -> None:
        self.session.reopen()
        self.load()
        self.changed.emit()

    def load(self) -> None:
        closed = self.session.incident.status == "closed"
        self.reopen_button.setVisible(closed and not self.session.altered)
        self._load_complement()
        if self.session.altered:
            self.problems.setText(self.tr("Incident en lecture seule : il a été modifié en dehors de "
                                          "l'application (voir l'alerte en haut de la page)."))
            style.set_role(self.problems, style.PROBLEM)
            return
        if closed:
            self.problems.setText(self.tr("Incident clôturé le %s. Il reste au registre.")
                                  % clock.format_datetime(self.session.incident.closed_at))
            style.set_role(self.problems, style.SUCCESS)
            return
        problems = self.session.closure_problems()
        pending = followup.pending_proposals(self.session.incident, self.session.procedure)
        advice = (self.tr("Recommandé : %n proposition(s) de prévention encore à examiner (étape "
                          "Prévention et suivi).", "", len(pending)) if pending else "")
        if problems:
            self.problems.setText(self.tr("Avant de clôturer :") + "\n• " + "\n• ".join(problems)
                                  + (f"\n\n{advice}" if advice else ""))
            style.set_role(self.problems, style.CAUTION)
        else:
            self.problems.setText(self.tr("Tout est prêt : vous pouvez clôturer l'incident "
                                          "(bouton « Clôturer l'incident » en bas à droite).")
                                  + (f"\n\n{advice}" if advice else ""))
            style.set_role(self.problems, style.SUCCESS)


class TimelinePanel(Panel):
    """The journal as a readable list, and the 72-hour picture with the actions on it."""

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        self.picture = DeadlinePicture()
        layout.addWidget(self.picture)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Date et heure (Paris)"),
                                              self.tr("Depuis la prise de connaissance"),
                                              self.tr("Action"), self.tr("Détail")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(1, 200)
        self.table.setColumnWidth(2, 260)
        layout.addWidget(self.table, 1)
        self.verification = QLabel()
        layout.addWidget(self.verification)
        self.load()

    def load(self) -> None:
        from ...documents.content import timeline

        entries = self.session.journal()
        rows = timeline(entries, self.session.incident.dates.awareness_at, self.session.procedure)
        self.table.setRowCount(len(rows))
        for row, line in enumerate(rows):
            for column, text in enumerate((line.at, line.since, line.action, line.detail)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        view = self.session.view
        self.picture.set_data(view.clock_start,
                              view.notification_deadline if view.clock_applies else None,
                              self.session.now(), view.notified_at, [(e.at, e.action) for e in entries])
        check = self.session.verify_journal()
        self.verification.setText(check.message)
        style.set_role(self.verification, style.SUCCESS if check.ok else style.ERROR)
