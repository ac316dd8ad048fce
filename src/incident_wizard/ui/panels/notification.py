"""The notification and information panels: the CNIL draft and its record, the texts for the
persons and their preview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...application.session import IncidentSession
from ...domain import clock, obligations
from ...domain.errors import IncidentWizardError, ValidationError
from ...domain.model import (
    ATTACHMENT_KINDS,
    NOTIFICATION_KINDS,
    OUTCOME_LABELS,
)
from .. import style
from ..fields import (
    DateTimeInput,
    NoWheelComboBox,
    help_label,
)
from ..guard import TextGuard
from .base import Panel


class NotificationPanel(Panel):
    """Record each notification made on the CNIL site (initial, complete, complementary)."""

    DOCUMENTS = (obligations.DOC_CNIL,)

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.draft_button = self.action_button(
            self.tr("Préparer le &brouillon (Word et PDF)…"),
            "prepare-draft", self.export_documents)
        self.sheet_button = self.action_button(
            self.tr("Fiche de &saisie pour le site de la CNIL…"),
            "copy-sheet", self.show_copy_sheet)
        self.attach_button = QPushButton(self.tr("&Joindre le récapitulatif reçu de la CNIL (PDF)…"))
        self.attach_button.setObjectName("attach-summary")
        self.attach_button.setToolTip(self.tr("Le récapitulatif envoyé par la CNIL documente la "
                                              "violation : il est conservé avec l'incident."))
        self.attach_button.clicked.connect(self.attach_summary)
        self.draft_kind_box = NoWheelComboBox()
        self.draft_kind_box.setObjectName("draft-kind")
        self.draft_kind_box.setToolTip(self.tr("Type de notification indiqué dans le brouillon"))
        self.draft_kind_box.addItem(self.tr("Brouillon : type automatique"), "")
        for kind in NOTIFICATION_KINDS:
            self.draft_kind_box.addItem(session.procedure.options["notification_kinds"].label_of(kind)
                                        .split(" (")[0], kind)
        layout = self.situation_layout(self.draft_kind_box, self.draft_button, self.sheet_button)
        second_row = QHBoxLayout()
        second_row.addWidget(self.attach_button)
        second_row.addStretch(1)
        layout.addLayout(second_row)
        self.attachments = QLabel()
        self.attachments.setWordWrap(True)
        layout.addWidget(self.attachments)
        self.recorded = QListWidget()
        self.recorded.setMaximumHeight(90)
        layout.addWidget(self.recorded)
        box = QGroupBox(self.tr("Enregistrer une notification faite sur le site de la CNIL"))
        self.record_box = box
        form = QFormLayout(box)
        self.kind = NoWheelComboBox()
        kinds = session.procedure.options["notification_kinds"]
        for kind in NOTIFICATION_KINDS:
            self.kind.addItem(kinds.label_of(kind), kind)
        self.submitted_at = DateTimeInput()
        self.submitted_at.changed.connect(self._update_late)
        # The sending time proposed (now) follows the clock until the pharmacist sets it: a
        # notification recorded later is never dated at the page's first showing.
        self._date_proposed = False
        self.submitted_at.changed.connect(self._date_set_by_user)
        self.submitted_at.edit.dateTimeChanged.connect(self._date_set_by_user)  # typed, even unsettled
        self.reference = QLineEdit()
        self.reference.setObjectName("cnil-reference")
        self.reference.setPlaceholderText(self.tr("Référence attribuée par la CNIL"))
        self.late_reasons = QPlainTextEdit()
        self.late_reasons.setObjectName("late-reasons")
        self.late_reasons.setTabChangesFocus(True)
        self.late_reasons.setMaximumHeight(80)
        self.late_label = QLabel(self.tr("Raisons du retard *"))
        self.late_label.setBuddy(self.late_reasons)
        form.addRow(self.tr("Type"), self.kind)
        form.addRow(self.tr("Date et heure d'envoi"), self.submitted_at)
        form.addRow(self.tr("Référence CNIL"), self.reference)
        self.reference_guard = TextGuard(self.reference, session)
        form.addRow("", self.reference_guard)
        form.addRow(self.late_label, self.late_reasons)
        self.late_guard = TextGuard(self.late_reasons, session)
        form.addRow("", self.late_guard)
        self.record_button = self.action_button(
            self.tr("Enregistrer la &notification"),
            "record-notification", self.record)
        form.addRow("", self.record_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        form.addRow("", self.status)
        layout.addWidget(box)
        # A notification recorded in time can become late afterwards (a processor's report
        # entered later): its reasons for the delay are asked here.
        self.late_box = QGroupBox(self.tr("Raisons du retard de la notification déjà enregistrée"))
        late_layout = QVBoxLayout(self.late_box)
        late_layout.addWidget(help_label(self.tr(
            "Avec l'échéance en vigueur (par exemple depuis le signalement du sous-traitant), la "
            "notification enregistrée est arrivée après 72 heures : indiquez pourquoi (article 33, "
            "paragraphe 1). Ce sera repris dans le registre.")))
        self.late_after = QPlainTextEdit()
        self.late_after.setObjectName("late-reasons-after")
        self.late_after.setTabChangesFocus(True)
        self.late_after.setMaximumHeight(70)
        late_layout.addWidget(self.late_after)
        self.late_after_guard = TextGuard(self.late_after, session)
        late_layout.addWidget(self.late_after_guard)
        self.late_after_button = self.action_button(self.tr("Enregistrer les raisons du retard"),
                                                    "record-late-reasons", self.record_late_reasons)
        late_layout.addWidget(self.late_after_button)
        layout.addWidget(self.late_box)
        self.load()

    def record_late_reasons(self) -> None:
        try:
            self.session.set_late_reasons(self.late_after.toPlainText())
        except IncidentWizardError as error:
            self.warn(error)
            return
        self.late_after.clear()
        self.load()
        self.changed.emit()

    def draft_kind(self) -> str | None:
        return self.draft_kind_box.currentData() or None

    def set_read_only(self, read_only: bool) -> None:
        """A closed incident keeps its documents and can still receive the CNIL's summary."""
        self.record_box.setEnabled(not read_only)
        self.late_box.setEnabled(not read_only)

    def attach_summary(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self, self.tr("Récapitulatif de la CNIL"), "",
                                              self.tr("Documents PDF (*.pdf);;Tous les fichiers (*)"))
        if not name:
            return
        try:
            self.session.add_attachment(name, "recapitulatif-cnil")
        except IncidentWizardError as error:
            self.warn(error)
            return
        self.load()
        self.changed.emit()

    def show_copy_sheet(self) -> None:
        from ..documents_ui import CopySheetDialog

        CopySheetDialog(self.session, self).exec()

    def _date_set_by_user(self) -> None:
        self._date_proposed = False

    def _update_late(self) -> None:
        """Ask for the reasons for the delay when this notification comes after the 72 hours."""
        try:
            at = self.submitted_at.value() or self.session.now()
        except ValidationError:
            at = self.session.now()
        first = self.session.incident.first_notification_at()
        late = (first is None or at <= first) and self.session.is_late_at(at)
        self.late_label.setVisible(late)
        self.late_reasons.setVisible(late)

    def record(self) -> None:
        if self._date_proposed:  # proposed, not set: the time of this act
            self.submitted_at.set_value(self.session.now())
        try:
            at = self.submitted_at.value()
            if at is None:
                raise ValidationError(self.tr("Indiquez la date et l'heure d'envoi de la notification."))
            self.session.record_notification(self.kind.currentData(), at, self.reference.text(),
                                             self.late_reasons.toPlainText())
        except IncidentWizardError as error:
            self.status.setText(str(error))
            style.set_role(self.status, style.ERROR)
            return
        kind = self.kind.currentText().split(" (")[0]
        reference = self.reference.text().strip()
        self.reference.clear()
        self.late_reasons.clear()
        self._date_proposed = True  # the next one is proposed at its own time
        style.set_role(self.status, style.SUCCESS)
        self.status.setText(self.tr("Notification enregistrée."))
        self.load()
        self.changed.emit()
        self.finished.emit(self.tr("%s enregistrée (référence %s).") % (kind, reference))

    def load(self) -> None:
        incident = self.session.incident
        state = self.session.view.notification
        if state == obligations.NOTIFICATION_UNDECIDED:
            text = self.tr("La décision n'est pas encore prise (étape Décision). En cas de doute, "
                           "notifiez : la CNIL vous dira s'il faut informer les personnes.")
        elif state == obligations.NOTIFICATION_DUE:
            text = self.tr("Décision : %s. Faites la notification sur le site de la CNIL "
                           "(notifications.cnil.fr), puis enregistrez-la ci-dessous.") % OUTCOME_LABELS[
                incident.decision.outcome]
        else:
            text = self.tr("Décision : inscription au registre uniquement ; aucune notification "
                           "n'est prévue. Vous pouvez tout de même enregistrer une notification.")
        self.situation.setText(text)
        attached = [self.tr("%s (%s, joint le %s)") % (a.name, ATTACHMENT_KINDS.get(a.kind, a.kind),
                                                      clock.format_short(a.added_at))
                    for a in incident.attachments if a.added_at]
        self.attachments.setText(self.tr("Pièces jointes : %s") % " ; ".join(attached) if attached else "")
        self.attachments.setVisible(bool(attached))
        self.recorded.clear()
        kinds = self.session.procedure.options["notification_kinds"]
        for n in incident.notifications:
            late = self.tr(" — raisons du retard : %s") % n.late_reasons if n.late_reasons else ""
            self.recorded.addItem(self.tr("%s — %s — référence %s%s") % (
                kinds.label_of(n.kind), clock.format_datetime(n.submitted_at), n.reference, late))
        self.recorded.setVisible(bool(incident.notifications))
        if incident.notifications:
            self.kind.setCurrentIndex(self.kind.findData("complementary"))
            # A complementary notification quotes the initial one's reference: proposed, not
            # asked again (editable).
            if not self.reference.hasFocus() and not self.reference.text():
                self.reference.setText(incident.initial_reference())
        else:
            self.kind.setCurrentIndex(self.kind.findData("initial"))
        try:
            empty = self.submitted_at.value() is None
        except ValidationError:  # an hour that does not exist in Paris: keep it, record() says so
            empty = False
        if empty or self._date_proposed:
            self.submitted_at.set_value(self.session.now())
            self._date_proposed = True
        self._update_late()
        self.late_box.setVisible(obligations.late_without_reasons(incident))


class InformationPanel(Panel):
    """What the decision means for informing the persons; the letter and its variants."""

    DOCUMENTS = obligations.PERSONS_DOCUMENTS

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.letter_button = self.action_button(
            self.tr("Préparer le &courrier, le courriel, le SMS et l'affiche…"),
            "prepare-letter", self.export_documents)
        self.informed_button = self.action_button(
            self.tr("Personnes &informées : enregistrer maintenant"), "record-informed-now",
            self.record_informed_now)
        self.informed_button.setToolTip(self.tr(
            "Enregistre « Information faite » à la date et à l'heure actuelles. Cochez d'abord "
            "les moyens utilisés ; informées à un autre moment : renseignez la date ci-dessous."))
        layout = self.situation_layout(self.letter_button, self.informed_button)
        # What the persons will read, before anything is written: the e-mail (the letter and
        # the notice say the same), the SMS with its size, and what is left out and why.
        preview_label = QLabel(self.tr("Aperçu du texte destiné aux personnes (courriel ; le "
                                       "courrier et l'affiche disent la même chose)"))
        style.set_role(preview_label, style.STRONG)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("persons-preview")
        self.preview.setReadOnly(True)
        self.preview.setMinimumHeight(220)
        preview_label.setBuddy(self.preview)
        self.sms_preview = QLabel()
        self.sms_preview.setObjectName("sms-preview")
        self.sms_preview.setWordWrap(True)
        self.sms_preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_warnings = QLabel()
        self.preview_warnings.setObjectName("preview-warnings")
        self.preview_warnings.setWordWrap(True)
        self.preview_warnings.setTextFormat(Qt.TextFormat.PlainText)
        style.set_role(self.preview_warnings, style.ERROR)
        for widget in (preview_label, self.preview, self.sms_preview, self.preview_warnings):
            layout.addWidget(widget)
        self.load()

    # Where informing the persons is decided or chosen: « informées maintenant » is offered.
    INFORMING = (obligations.PERSONS_REQUIRED, obligations.PERSONS_VOLUNTARY,
                 obligations.PERSONS_NOT_REQUIRED)

    def set_read_only(self, read_only: bool) -> None:
        """The document actions stay available on a closed incident; recording does not."""
        self.informed_button.setEnabled(not read_only)

    def record_informed_now(self) -> None:
        """Status « done » and now, in one act; the step then ends if the means are given."""
        if self.apply(self.session.inform_now):
            self.finished.emit(self.tr("Information des personnes enregistrée (%s).")
                               % clock.format_datetime(self.session.incident.information.informed_at))

    def load(self) -> None:
        persons = self.session.view.persons
        self.informed_button.setVisible(persons in self.INFORMING
                                        and self.session.incident.information.status != "done")
        if persons == obligations.PERSONS_REQUIRED:
            text = self.tr("Décision : informer les personnes, dans les meilleurs délais, en termes clairs et "
                           "simples. Le courrier préparé contient les éléments exigés : nature de "
                           "la violation, contact, conséquences probables, mesures prises et "
                           "conseils. Il ne répète aucune donnée de santé.")
        elif persons == obligations.PERSONS_PUBLIC:
            text = self.tr("Communication publique à la place d'une information individuelle "
                           "(article 34, paragraphe 3, point c) : seule l'affiche est préparée.")
        elif persons == obligations.PERSONS_EXEMPT:
            text = self.tr("Dispense d'information des personnes (article 34, paragraphe 3) : aucun "
                           "texte aux personnes n'est préparé. Le motif et sa justification "
                           "figurent au registre.")
        elif persons == obligations.PERSONS_VOLUNTARY:
            text = self.tr("Vous avez choisi d'informer les personnes sans que ce soit obligatoire : "
                           "le courrier, le courriel, le SMS et l'affiche sont préparés.")
        elif persons == obligations.PERSONS_NOT_REQUIRED:
            text = self.tr("Décision : pas d'information obligatoire des personnes. Vous pouvez "
                           "tout de même les informer ; sinon indiquez le motif ci-dessous.")
        else:
            text = self.tr("La décision n'est pas encore prise (étape Décision).")
        self.situation.setText(text)
        self.refresh_preview()

    def fields_changed(self) -> None:
        self.refresh_preview()  # the channels or the status change the SMS and the warnings

    def refresh_preview(self) -> None:
        from ...documents import content
        from ...documents.templates import render_builtin

        incident, procedure = self.session.incident, self.session.procedure
        c = content.communication(incident, procedure)
        self.preview.setPlainText(content.clean(render_builtin("email.txt", {
            "c": c, "today": clock.format_date(self.session.now()), "anchor": ""})))
        sms = content.sms_text(incident, procedure)
        encoding, parts = content.sms_segments(sms)
        self.sms_preview.setText(self.tr("SMS (%s caractères, %s, %s SMS) : %s") % (
            len(sms), encoding, parts, sms))
        notes = [*c["withheld"], *c["preview_notes"]]
        self.preview_warnings.setText("\n".join(f"⚠ {w}" for w in notes))
        self.preview_warnings.setVisible(bool(notes))
