"""Sending and receiving incident files from the window: export the open incident (encrypted
for transport, or plain), import a file (new incident, or update of one already here when the
file's journal extends it). The use cases are the workspace's (application.workspace), the
rules those of sealed.py, domain/incident_file.py and storage."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from ..application.workspace import Workspace
from ..domain.errors import IncidentWizardError, os_error_message


def ask_passphrase(parent: QWidget | None, twice: bool) -> str | None:
    """The passphrase, typed without being shown (twice when encrypting); None if cancelled."""
    first, ok = QInputDialog.getText(
        parent, QApplication.translate("Transfer", "Phrase secrète"),
        QApplication.translate("Transfer", "Phrase secrète du fichier (12 caractères au moins ; "
                               "transmettez-la par un autre moyen, par téléphone) :"),
        QLineEdit.EchoMode.Password)
    if not ok:
        return None
    if twice:
        second, ok = QInputDialog.getText(
            parent, QApplication.translate("Transfer", "Phrase secrète"),
            QApplication.translate("Transfer", "La même phrase secrète, pour vérifier :"),
            QLineEdit.EchoMode.Password)
        if not ok:
            return None
        if second != first:
            QMessageBox.warning(parent, QApplication.translate("Transfer", "Phrase secrète"),
                                QApplication.translate("Transfer", "Les deux phrases secrètes "
                                                       "diffèrent : rien n'a été écrit."))
            return None
    return first


def export_incident_file(parent: QWidget, workspace: Workspace, reference: str,
                         actor: str) -> Path | None:
    """Write the incident to a file, encrypted by default (it holds health data)."""
    suggested = str(Path.home() / f"{reference}.iwz")
    name, _ = QFileDialog.getSaveFileName(
        parent, QApplication.translate("Transfer", "Envoyer l'incident dans un fichier chiffré"),
        suggested, QApplication.translate("Transfer", "Incident chiffré (*.iwz)"))
    if not name:
        return None
    passphrase = ask_passphrase(parent, twice=True)
    if passphrase is None:
        return None
    path = Path(name)
    try:
        workspace.export_incident_file(reference, path, passphrase, actor=actor)
    except (IncidentWizardError, OSError) as error:
        QMessageBox.warning(parent, QApplication.translate("Transfer", "Envoi impossible"),
                            os_error_message(error) if isinstance(error, OSError) else str(error))
        return None
    QMessageBox.information(parent, QApplication.translate("Transfer", "Incident envoyé"), QApplication.translate(
        "Transfer", "L'incident, son journal et ses pièces jointes sont chiffrés dans :\n%s\n\nTransmettez "
        "la phrase secrète par un autre moyen que le fichier (par téléphone).") % path)
    return path


def import_incident_file(parent: QWidget, workspace: Workspace, actor: str) -> str | None:
    """Read a plain or encrypted incident file and import it, or update the incident already
    here when the file extends its journal; the reference imported, or None."""
    name, _ = QFileDialog.getOpenFileName(
        parent, QApplication.translate("Transfer", "Importer un fichier d'incident"), str(Path.home()),
        QApplication.translate("Transfer", "Fichiers d'incident (*.iwz *.json);;Tous les fichiers (*)"))
    if not name:
        return None
    path = Path(name)
    cancelled = []

    def passphrase() -> str:
        typed = ask_passphrase(parent, twice=False)
        if typed is None:
            cancelled.append(True)
            raise IncidentWizardError(QApplication.translate("Transfer", "Import annulé."))
        return typed

    try:
        loaded = workspace.read_incident_file(path, passphrase)
        reference = workspace.local_reference(loaded)
        update = False
        if workspace.has_incident(reference):
            answer = QMessageBox.question(
                parent, QApplication.translate("Transfer", "Incident déjà présent"), QApplication.translate(
                    "Transfer", "L'incident %s est déjà dans ce registre. Le mettre à jour depuis ce fichier ? "
                    "(accepté seulement si le journal du fichier prolonge celui qui est enregistré)")
                % reference)
            if answer != QMessageBox.StandardButton.Yes:
                return None
            update = True
        result = workspace.import_incident(loaded, source=path.name, update=update, actor=actor)
    except (IncidentWizardError, OSError) as error:
        if not cancelled:
            QMessageBox.warning(parent, QApplication.translate("Transfer", "Import impossible"),
                                os_error_message(error) if isinstance(error, OSError) else str(error))
        return None
    if result.kind == "unchanged":
        text = QApplication.translate(
            "Transfer", "L'incident %s est déjà à jour : le fichier n'apporte rien de nouveau.") % reference
    elif result.kind == "update":
        text = QApplication.translate(
            "Transfer", "L'incident %s est mis à jour (%s nouvelle(s) entrée(s) de journal).") % (
            reference, result.entries_after - result.entries_before)
    elif result.reference != loaded.incident.reference and "@" in result.reference:
        text = QApplication.translate(
            "Transfer", "L'incident %s d'une autre pharmacie (%s) est importé sous la référence %s, "
            "la sienne étant déjà utilisée ici (%s entrées de journal).") % (
            loaded.incident.reference, loaded.incident.organisation.name or "?", result.reference,
            result.entries_after)
    else:
        text = QApplication.translate("Transfer", "L'incident %s est importé (%s entrées de journal).") % (
            reference, result.entries_after)
    QMessageBox.information(parent, QApplication.translate("Transfer", "Import"), text)
    return result.reference
