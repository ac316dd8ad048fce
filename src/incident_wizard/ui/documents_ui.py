"""Document actions in the GUI: export an incident's documents, the copy sheet for the CNIL
site, the register export with a period, the user's templates folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..application.session import IncidentSession
from ..application.workspace import Workspace
from ..domain.errors import IncidentWizardError, os_error_message
from . import style
from .background import run_with_progress


def default_folder(*parts: str) -> Path:
    documents = Path.home() / "Documents"
    base = documents if documents.is_dir() else Path.home()
    return base.joinpath("Incident Wizard", *parts)


def choose_folder(parent: QWidget, title: str, suggested: Path) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, title, str(suggested if suggested.exists()
                                                                 else suggested.parent))
    return Path(folder) if folder else None


def _report(parent: QWidget, title: str, files: list[Path], warnings: list[str]) -> None:
    text = QApplication.translate("Documents", "%s fichier(s) écrit(s) dans %s :") % (
        len(files), files[0].parent if files else "")
    details = "\n".join(f"• {p.name}" for p in files)
    if warnings:
        details += "\n\n" + "\n".join(f"⚠ {w}" for w in warnings)
    show = QMessageBox.warning if warnings else QMessageBox.information
    show(parent, title, f"{text}\n{details}")


def _explain(error: Exception) -> str:
    return os_error_message(error) if isinstance(error, OSError) else str(error)


def ask_unneeded(parent: QWidget, session: IncidentSession, kinds: tuple[str, ...]) -> bool | None:
    """When documents of ``kinds`` are not needed for this incident (the view's obligations),
    say why and ask: True to write them all the same ("Exporter quand même", marked "non
    requis"), False to write only what is needed, None to cancel."""
    from ..application.exports import document_label

    unneeded = [d for d in session.view.documents if not d.needed and d.kind in kinds]
    if not unneeded:
        return False
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QApplication.translate("Documents", "Documents non requis"))
    box.setText(QApplication.translate("Documents", "Pour cet incident, ces documents ne sont pas "
                                       "requis :") + "\n" + "\n".join(
        f"• {document_label(d.kind)} : {d.reason}" for d in unneeded))
    box.setInformativeText(QApplication.translate(
        "Documents", "Vous pouvez les écrire quand même : chacun portera la mention « Non requis » "
        "et sa raison."))
    anyway = box.addButton(QApplication.translate("Documents", "Exporter &quand même"),
                           QMessageBox.ButtonRole.AcceptRole)
    anyway.setObjectName("export-anyway")
    needed_only = box.addButton(QApplication.translate("Documents", "Seulement les documents &requis"),
                                QMessageBox.ButtonRole.RejectRole)
    needed_only.setObjectName("export-needed-only")
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is anyway:
        return True
    if box.clickedButton() is needed_only:
        return False
    return None


def export_incident_documents(parent: QWidget, session: IncidentSession, kind: str | None = None,
                              about: tuple[str, ...] = ()) -> list[Path]:
    """Ask for a folder, write the documents this incident needs there, say what was written.
    ``about``: the documents the button that asked is about; when some are not needed, the user
    may "Exporter quand même" (marked "non requis"). ``kind`` forces the draft's type (initial,
    complete, complementary); None lets the app pick."""
    anyway = ask_unneeded(parent, session, about)
    if anyway is None:
        return []
    include_unneeded = about if anyway else ()
    folder = choose_folder(parent, QApplication.translate("Documents", "Dossier où écrire les documents"),
                           default_folder(session.reference))
    if folder is None:
        return []
    try:
        result = run_with_progress(
            parent, QApplication.translate("Documents", "Écriture des documents"),
            lambda progress: session.write_documents(folder, kind=kind, progress=progress,
                                                     include_unneeded=include_unneeded, apart=True))
    except (IncidentWizardError, OSError) as error:
        QMessageBox.warning(parent, QApplication.translate("Documents", "Documents non écrits"),
                            QApplication.translate("Documents", "Les documents n'ont pas pu être écrits : %s")
                            % _explain(error))
        return []
    session.journal_changed()
    _report(parent, QApplication.translate("Documents", "Documents prêts"), result.files, result.warnings)
    return result.files


class CopySheetDialog(QDialog):
    """The CNIL form's fields in its order, each with a 'Copier' button."""

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fiche de saisie pour le site de la CNIL — %s") % session.reference)
        self.resize(900, 700)
        sections = session.copy_sheet()
        outer = QVBoxLayout(self)
        intro = QLabel(self.tr("Ouvrez le formulaire de notification sur le site de la CNIL, puis "
                               "copiez chaque rubrique ci-dessous dans la rubrique correspondante."))
        intro.setWordWrap(True)
        outer.addWidget(intro)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.copy_buttons: dict[str, QPushButton] = {}
        for section in sections:
            box = QGroupBox(f"{section.number}. {section.title}")
            grid = QGridLayout(box)
            grid.setColumnStretch(1, 1)
            for row, f in enumerate(section.fields):
                label = QLabel(f.label)
                label.setTextFormat(Qt.TextFormat.PlainText)  # typed text is never HTML
                label.setWordWrap(True)
                style.set_role(label, style.STRONG)
                unknown_yet = f.unknown_yet  # an initial notification: it will follow
                value = QLabel(unknown_yet or (self.tr("Non renseigné") if f.missing else f.value))
                value.setTextFormat(Qt.TextFormat.PlainText)
                value.setWordWrap(True)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                if f.missing and not unknown_yet:
                    style.set_role(value, style.MISSING)
                button = QPushButton(self.tr("Copier"))
                button.setEnabled(not f.missing or bool(unknown_yet))
                button.setAccessibleName(self.tr("Copier : %s") % f.label)
                copied = unknown_yet or f.to_copy
                button.clicked.connect(lambda _=False, text=copied, b=button: self._copy(text, b))
                self.copy_buttons[f"{section.number}/{f.label}"] = button
                grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)
            layout.addWidget(box)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

    def _copy(self, text: str, button: QPushButton) -> None:
        QApplication.clipboard().setText(text)
        for other in self.copy_buttons.values():
            if other.text() != self.tr("Copier"):
                other.setText(self.tr("Copier"))
        button.setText(self.tr("Copié ✓"))


class RegisterDialog(QDialog):
    """Export the register, optionally for a period (dates of awareness, inclusive)."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(self.tr("Registre des violations"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Le registre documente toutes les violations, notifiées ou non, avec "
                               "les raisons des décisions (RGPD, article 33, paragraphe 5). Il est "
                               "écrit en Word (paysage), en PDF, en classeur Excel (.xlsx : dates, filtres, "
                               "en-tête figé) et en CSV."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        today = date.today()
        self.use_from = QCheckBox(self.tr("À partir du"))
        self.date_from = QDateEdit(QDate(today.year, 1, 1))
        self.use_to = QCheckBox(self.tr("Jusqu'au"))
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
        self.use_from.toggled.connect(self.date_from.setEnabled)
        self.use_to.toggled.connect(self.date_to.setEnabled)
        form.addRow(self.use_from, self.date_from)
        form.addRow(self.use_to, self.date_to)
        from .widgets import NoWheelComboBox

        self.pharmacy = NoWheelComboBox()
        self.pharmacy.setObjectName("register-pharmacy")
        known = workspace.pharmacies()
        self.pharmacy.addItem(self.tr("Toutes (registre consolidé, colonne « Pharmacie »)"), "")
        for identity, name in known:
            self.pharmacy.addItem(name, identity)
        if len(known) > 1:  # a DPO's folder: per pharmacy or consolidated
            form.addRow(self.tr("Pharmacie"), self.pharmacy)
        else:
            self.pharmacy.hide()
        layout.addLayout(form)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(self.tr("&Écrire le registre…"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.inspection_button = buttons.addButton(self.tr("&Dossier pour un contrôle de la CNIL…"),
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.inspection_button.setToolTip(self.tr(
            "Le registre, et pour chaque incident de la période : ses documents, ses pièces "
            "jointes et son journal vérifiable."))
        self.inspection_button.clicked.connect(lambda: self.export(inspection=True))
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.files: list[Path] = []

    def period(self) -> tuple[date | None, date | None]:
        start = self.date_from.date().toPython() if self.use_from.isChecked() else None
        end = self.date_to.date().toPython() if self.use_to.isChecked() else None
        return start, end

    def export(self, inspection: bool = False) -> None:
        start, end = self.period()
        if start and end and end < start:
            self.status.setText(self.tr("La date de fin précède la date de début."))
            style.set_role(self.status, style.ERROR)
            return
        folder = choose_folder(self, self.tr("Dossier où écrire le registre"),
                               default_folder(self.tr("Contrôle CNIL", "nom de dossier") if inspection
                                              else self.tr("Registre", "nom de dossier")))
        if folder is None:
            return
        pharmacy = self.pharmacy.currentData() or None

        def write(workspace: Workspace, progress) -> object:  # noqa: ANN001
            if inspection:
                return workspace.write_inspection(folder, start, end, progress=progress, pharmacy=pharmacy)
            return workspace.write_register(folder, start, end, progress=progress, pharmacy=pharmacy)

        try:
            result = run_with_progress(
                self, self.tr("Écriture du dossier de contrôle") if inspection
                else self.tr("Écriture du registre"),
                lambda progress: self.workspace.apart(lambda own: write(own, progress)))
        except (IncidentWizardError, OSError) as error:
            self.status.setText(self.tr("Le registre n'a pas pu être écrit : %s") % _explain(error))
            style.set_role(self.status, style.ERROR)
            return
        self.files = result.files
        _report(self, self.tr("Registre écrit"), result.files, result.warnings)
        self.accept()


def open_templates_folder(parent: QWidget) -> Path:
    """Copy the built-in templates to the user's folder (once) and say where they are."""
    from ..documents.templates import copy_builtin_templates

    folder = copy_builtin_templates()
    QMessageBox.information(
        parent, QApplication.translate("Documents", "Modèles de documents"),
        QApplication.translate(
            "Documents",
            "Les modèles sont dans :\n%s\n\nModifiez-les avec un éditeur de texte ; l'application "
            "les utilise à la place des modèles intégrés. Un modèle invalide est signalé et le "
            "modèle intégré est utilisé. Supprimez un fichier pour revenir au modèle intégré.") % folder)
    return folder
