"""The dialog that creates or changes one follow-up action; the session checks it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...application.session import IncidentSession
from ...domain import followup
from ...domain.errors import IncidentWizardError
from ...domain.model import ACTION_CORRECTIVE, ACTION_PREVENTIVE, FollowUpAction
from ...domain.validation import MAX_ACTION_TITLE
from .. import style
from ..guard import TextGuard
from ..widgets import NoWheelComboBox


class ActionDialog(QDialog):
    """Create or change one follow-up action; the session checks it, and a refused value keeps
    the dialog open with the reason under the fields."""

    def __init__(self, session: IncidentSession, action: FollowUpAction | None = None,
                 proposal=None, parent: QWidget | None = None):  # noqa: ANN001 - a Proposal
        super().__init__(parent)
        self.session, self.action, self.proposal = session, action, proposal
        self.setWindowTitle(self.tr("Action de suivi"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("action-title")
        self.title_edit.setMaxLength(MAX_ACTION_TITLE)
        self.kind = NoWheelComboBox()
        self.kind.setObjectName("action-kind")
        self.kind.addItem(self.tr("Préventive (éviter que cela se reproduise)"), ACTION_PREVENTIVE)
        self.kind.addItem(self.tr("Corrective (réparer ce que l'incident a montré)"), ACTION_CORRECTIVE)
        self.owner = QLineEdit()
        self.owner.setObjectName("action-owner")
        self.owner.setPlaceholderText(self.tr("Ex. : Claire Martin, titulaire ; le prestataire informatique"))
        self.due = QLineEdit()
        self.due.setObjectName("action-due")
        self.due.setPlaceholderText(self.tr("JJ/MM/AAAA"))
        self.done_on = QLineEdit()
        self.done_on.setObjectName("action-done-on")
        self.done_on.setPlaceholderText(self.tr("JJ/MM/AAAA, une fois faite"))
        self.evidence = QPlainTextEdit()
        self.evidence.setObjectName("action-evidence")
        self.evidence.setPlaceholderText(self.tr("La preuve que c'est fait : rapport du prestataire, "
                                                 "test de restauration du…, compte rendu de réunion"))
        self.evidence.setFixedHeight(70)
        form.addRow(self.tr("Action :"), self.title_edit)
        form.addRow("", TextGuard(self.title_edit, session))
        form.addRow(self.tr("Type :"), self.kind)
        form.addRow(self.tr("Responsable :"), self.owner)
        form.addRow("", TextGuard(self.owner, session, names=False))  # staff are named here
        form.addRow(self.tr("Échéance :"), self.due)
        form.addRow(self.tr("Faite le :"), self.done_on)
        form.addRow(self.tr("Preuve :"), self.evidence)
        form.addRow("", TextGuard(self.evidence, session))
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("action-error")
        self.error.setWordWrap(True)
        style.set_role(self.error, style.ERROR)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Enregistrer"))
        self.ok_button.setDefault(True)  # Entrée enregistre, from any line of the form
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if action is not None:
            self.title_edit.setText(action.title)
            self.kind.setCurrentIndex(max(0, self.kind.findData(action.kind)))
            self.owner.setText(action.owner)
            self.due.setText(followup.show_day(action.due))
            self.done_on.setText(followup.show_day(action.done_on))
            self.evidence.setPlainText(action.evidence)
        elif proposal is not None:  # a plan to adjust: the proposal's wording, a month from now
            self.title_edit.setText(proposal.title)
            self.kind.setCurrentIndex(max(0, self.kind.findData(proposal.kind)))
            self.due.setText(followup.show_day(followup.proposed_due(session.now()).isoformat()))
            if proposal.detail:
                self.title_edit.setToolTip(proposal.detail)
        if action is None:  # the titulaire answers for the actions unless another is named
            self.owner.setText(session.incident.organisation.legal_representative.name)
        self.title_edit.setCursorPosition(0)  # a long title shows its beginning

    def save(self) -> None:
        values = dict(title=self.title_edit.text(), kind=self.kind.currentData(),
                      owner=self.owner.text(), due=self.due.text())
        try:
            if self.action is None:
                created = self.session.followup.add_action(
                    proposal=self.proposal.id if self.proposal is not None else "", **values)
                if self.done_on.text().strip():
                    self.action = created
                    self.session.followup.update_action(created.id, done_on=self.done_on.text(),
                                               evidence=self.evidence.toPlainText())
            else:
                self.session.followup.update_action(self.action.id, done_on=self.done_on.text(),
                                           evidence=self.evidence.toPlainText(), **values)
        except IncidentWizardError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.accept()
