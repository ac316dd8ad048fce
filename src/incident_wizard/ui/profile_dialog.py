"""The organisation profile dialog: the pharmacy's identity, asked once and editable later."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.model import Contact, Organisation
from ..domain.validation import check_organisation


class ContactFields(QGroupBox):
    """Name, role, e-mail and phone of one person of the pharmacy."""

    def __init__(self, title: str, parent: QWidget | None = None, role_hint: str = ""):
        super().__init__(title, parent)
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.role = QLineEdit()
        self.role.setPlaceholderText(role_hint)
        self.email = QLineEdit()
        self.phone = QLineEdit()
        form.addRow(self.tr("Nom et prénom"), self.name)
        form.addRow(self.tr("Fonction"), self.role)
        form.addRow(self.tr("Courriel"), self.email)
        form.addRow(self.tr("Téléphone"), self.phone)

    def set_contact(self, contact: Contact) -> None:
        self.name.setText(contact.name)
        self.role.setText(contact.role)
        self.email.setText(contact.email)
        self.phone.setText(contact.phone)

    def contact(self) -> Contact:
        return Contact(self.name.text().strip(), self.role.text().strip(),
                       self.email.text().strip(), self.phone.text().strip())


class ProfileDialog(QDialog):
    """Asks for the pharmacy's details; they are copied into every new incident."""

    def __init__(self, organisation: Organisation | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Profil de la pharmacie"))
        self.setMinimumWidth(780)
        organisation = organisation or Organisation()
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Ces informations figurent dans la notification à la CNIL et dans le registre. "
            "Elles sont demandées une fois et modifiables à tout moment (menu « Pharmacie »)."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        identity = QGroupBox(self.tr("Pharmacie (responsable de traitement)"))
        form = QFormLayout(identity)
        self.name = QLineEdit(organisation.name)
        self.siret = QLineEdit(organisation.siret)
        self.siret.setPlaceholderText(self.tr("14 chiffres (ou SIREN : 9 chiffres)"))
        self.no_siret = QCheckBox(self.tr("Pas de numéro SIREN/SIRET"))
        self.no_siret.setChecked(organisation.no_siret)
        self.no_siret.toggled.connect(lambda on: self.siret.setEnabled(not on))
        self.siret.setEnabled(not organisation.no_siret)
        self.naf = QLineEdit(organisation.naf_code)
        self.address = QLineEdit(organisation.address)
        self.postal_code = QLineEdit(organisation.postal_code)
        self.city = QLineEdit(organisation.city)
        form.addRow(self.tr("Nom de la pharmacie *"), self.name)
        form.addRow(self.tr("SIRET *"), self.siret)
        form.addRow("", self.no_siret)
        form.addRow(self.tr("Code NAF"), self.naf)
        form.addRow(self.tr("Adresse"), self.address)
        form.addRow(self.tr("Code postal"), self.postal_code)
        form.addRow(self.tr("Ville"), self.city)
        columns = QGridLayout()
        layout.addLayout(columns)
        columns.addWidget(identity, 0, 0)

        self.legal = ContactFields(self.tr("Représentant légal"), role_hint=self.tr("Pharmacien titulaire"))
        self.legal.set_contact(organisation.legal_representative)
        self.contact = ContactFields(self.tr("Personne à contacter par la CNIL *"))
        self.contact.set_contact(organisation.contact)
        self.has_dpo = QCheckBox(self.tr("La pharmacie a désigné un délégué à la\nprotection des données (DPO)"))
        self.has_dpo.setChecked(organisation.has_dpo)
        self.dpo = ContactFields(self.tr("Délégué à la protection des données"))
        self.dpo.set_contact(organisation.dpo)
        self.dpo.setEnabled(organisation.has_dpo)
        self.has_dpo.toggled.connect(self.dpo.setEnabled)
        columns.addWidget(self.legal, 1, 0)
        columns.addWidget(self.contact, 0, 1)
        right = QVBoxLayout()
        right.addWidget(self.has_dpo)
        right.addWidget(self.dpo)
        columns.addLayout(right, 1, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def organisation(self) -> Organisation:
        return Organisation(
            name=self.name.text().strip(),
            siret="" if self.no_siret.isChecked() else self.siret.text().replace(" ", "").strip(),
            no_siret=self.no_siret.isChecked(),
            naf_code=self.naf.text().strip(),
            address=self.address.text().strip(),
            postal_code=self.postal_code.text().strip(),
            city=self.city.text().strip(),
            legal_representative=self.legal.contact(),
            contact=self.contact.contact(),
            has_dpo=self.has_dpo.isChecked(),
            dpo=self.dpo.contact() if self.has_dpo.isChecked() else Contact(),
        )

    def accept(self) -> None:
        problems = check_organisation(self.organisation())
        if problems:
            QMessageBox.warning(self, self.tr("Profil incomplet"), "\n".join(problems))
            return
        super().accept()
