"""The yearly review of the register (dialog) and the help's resources (links shown, opened in
the browser only when the user clicks one: the app itself never connects)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..application.workspace import Workspace
from ..domain import clock, review
from ..domain.errors import IncidentWizardError
from ..domain.procedure import Procedure
from . import style
from .background import run_with_progress
from .documents_ui import _explain, _report, choose_folder, default_folder


class ReviewDialog(QDialog):
    """Choose the period, see the summary, write the one-page review to sign."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(self.tr("Revue annuelle du registre"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Une fois par an, relisez le registre : violations par situation et par décision, "
            "actions de suivi encore ouvertes. La revue s'écrit sur une page (Word et PDF) que le "
            "titulaire signe et classe avec les documents du programme qualité."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        start, end = review.default_period(clock.now_utc())
        form = QFormLayout()
        self.date_from = QDateEdit(QDate(start.year, start.month, start.day))
        self.date_to = QDateEdit(QDate(end.year, end.month, end.day))
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(lambda _: self.preview())
        form.addRow(self.tr("Du"), self.date_from)
        form.addRow(self.tr("Au"), self.date_to)
        layout.addLayout(form)
        self.summary = QLabel()
        self.summary.setObjectName("review-summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.write_button = buttons.addButton(self.tr("&Écrire la revue…"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.write)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.files: list[Path] = []
        self.preview()

    def period(self):
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    def preview(self) -> None:
        start, end = self.period()
        if end < start:
            self.summary.setText(self.tr("La date de fin précède la date de début."))
            self.write_button.setEnabled(False)
            return
        self.write_button.setEnabled(True)
        data, _missing = self.workspace.review_summary(start, end)
        lines = [self.tr("%n violation(s) sur la période", "", data.incidents)
                 + self.tr(", dont %n notifiée(s) à la CNIL", "", data.notified) + "."]
        if data.by_scenario:
            lines.append(self.tr("Par situation : %s.") % " ; ".join(
                f"{escape(label)} ({count})" for label, count in data.by_scenario))
        opened = data.open_actions
        text = self.tr("%n action(s) de suivi encore ouverte(s)", "", len(opened))
        if data.overdue:
            text += self.tr(", dont %n en retard", "", data.overdue)
        lines.append(text + ".")
        self.summary.setText("<br>".join(lines))

    def write(self) -> None:
        start, end = self.period()
        folder = choose_folder(self, self.tr("Dossier où écrire la revue"),
                               default_folder(self.tr("Revue annuelle", "nom de dossier")))
        if folder is None:
            return
        try:
            result = run_with_progress(
                self, self.tr("Écriture de la revue annuelle"),
                lambda progress: self.workspace.apart(
                    lambda own: own.write_review(folder, start, end, progress=progress)))
        except (IncidentWizardError, OSError) as error:
            self.status.setText(self.tr("La revue n'a pas pu être écrite : %s") % _explain(error))
            style.set_role(self.status, style.ERROR)
            return
        self.files = result.files
        _report(self, self.tr("Revue écrite"), result.files, result.warnings)
        self.accept()


class ResourcesDialog(QDialog):
    """The public resources of forms/resources.toml: title, where to find it, its address (a
    link the user may open; nothing is fetched by the app)."""

    def __init__(self, procedure: Procedure, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ressources utiles"))
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Pour prévenir une nouvelle violation et s'y préparer. L'application ne se connecte "
            "jamais à internet : un clic sur une adresse l'ouvre dans votre navigateur."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        body = QWidget()
        items = QVBoxLayout(body)
        self.links: list[QLabel] = []
        for resource in procedure.resources:
            label = QLabel()
            label.setWordWrap(True)
            label.setOpenExternalLinks(True)
            link = (f'<a href="{escape(resource.url, quote=True)}">{escape(resource.url)}</a>'
                    if resource.url else "")
            label.setText(f"<b>{escape(resource.title)}</b><br>{escape(resource.where)}"
                          + (f"<br>{link}" if link else ""))
            label.setToolTip(" ; ".join(procedure.sources[s].title for s in resource.sources))
            items.addWidget(label)
            self.links.append(label)
        items.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
