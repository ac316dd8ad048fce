"""The main window: the home screen (incidents and their deadlines) and the open incident."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..application.workspace import LAST_OPEN, OPERATOR, Workspace
from ..domain import clock
from ..domain.errors import IncidentWizardError, os_error_message
from . import style

if TYPE_CHECKING:
    from .home import HomePage


class MainWindow(QMainWindow):
    """The main window: the home list of incidents and the open incident, with the menus."""
    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.procedure = workspace.procedure
        self.setWindowTitle(self.tr("Incident Wizard — violations de données"))
        self.resize(1100, 720)
        self.stack = QStackedWidget()
        from .reminders import ReminderArea

        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(4)
        # The reminders shown stay here until acknowledged (with a tray or without).
        self.reminder_area = ReminderArea(workspace, self.actor)
        self.reminder_area.open_requested.connect(self.open_incident)
        self.reminder_area.problem.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        central_layout.addWidget(self.reminder_area)
        central_layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        # The home list is built when first shown: a start that resumes an incident shows that
        # incident first, and reads the register's listing only when the pharmacist goes back.
        self._home: HomePage | None = None
        self.sample_window: QMainWindow | None = None
        self.incident_page = None

        menu = self.menuBar().addMenu(self.tr("&Pharmacie"))
        self.profile_action = self._action(menu, self.tr("Profil de la &pharmacie…"), self.edit_profile)
        self._action(menu, self.tr("&Registre des violations…"), self.export_register)
        self._action(menu, self.tr("Revue &annuelle du registre…"), self.show_review)
        self._action(menu, self.tr("É&chéances de toutes les pharmacies…"), self.show_deadlines)
        self._action(menu, self.tr("&Sauvegarder les données…"), self.backup)
        self._action(menu, self.tr("&Envoyer l'incident ouvert (fichier chiffré)…"), self.send_incident)
        self._action(menu, self.tr("&Importer un fichier d'incident…"), self.receive_incident)
        self._action(menu, self.tr("&Modèles de documents…"), self.open_templates)
        self._action(menu, self.tr("&Quitter"), self.close, QKeySequence.StandardKey.Quit)

        operator_bar = self.addToolBar(self.tr("Personne qui saisit"))
        operator_bar.setObjectName("operator-bar")
        operator_bar.setMovable(False)
        operator_label = QLabel(self.tr("  Personne qui saisit : "))
        self.operator = QLineEdit(self.workspace.setting(OPERATOR, "") or "")
        self.operator.setPlaceholderText(self.tr("votre nom (pour le journal des actions)"))
        self.operator.setMaximumWidth(320)
        operator_label.setBuddy(self.operator)
        self.operator.editingFinished.connect(self._operator_changed)
        operator_bar.addWidget(operator_label)
        operator_bar.addWidget(self.operator)

        from .reminders import ReminderService

        self.reminders = ReminderService(workspace, self, area=self.reminder_area)
        self._first_check = QTimer(self)  # a child timer: stopped with the window
        self._first_check.setSingleShot(True)
        self._first_check.timeout.connect(self.reminders.check_in_background)
        self._first_check.start(0)
        help_menu = self.menuBar().addMenu(self.tr("&Aide"))
        self._action(help_menu, self.tr("&Méthode d'évaluation du risque…"), self.show_method)
        self._action(help_menu, self.tr("&Ressources utiles (prévention, guides)…"), self.show_resources)
        self._action(help_menu, self.tr("À &propos d'Incident Wizard…"), self.show_about)

        self.refresh_timer = QTimer(self)  # the times left; the list itself when it changed
        self.refresh_timer.timeout.connect(lambda: self._home is not None and self._home.tick())
        self.refresh_timer.start(60_000)

    @property
    def home(self) -> HomePage:
        """The home page (the incidents and their deadlines), built at its first use."""
        if self._home is None:
            from .home import HomePage  # not imported by a start that resumes an incident

            home = self._home = HomePage(self.workspace)
            self.stack.addWidget(home)
            home.new_button.clicked.connect(self.new_incident)
            home.first_hour_button.clicked.connect(self.new_first_hour_incident)
            home.register_button.clicked.connect(self.export_register)
            home.sample_button.clicked.connect(self.show_sample)
            home.review_button.clicked.connect(self.show_review)
            home.deadlines_button.clicked.connect(self.show_deadlines)
            home.table.activated.connect(lambda index: self.open_incident(
                index.data(Qt.ItemDataRole.UserRole)))
        return self._home

    def _refresh_home(self) -> None:
        """Re-read the list if it was built (else it is read when first shown)."""
        if self._home is not None:
            self._home.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt name
        if self.stack.currentWidget() is None:  # shown before any incident was opened
            self.stack.setCurrentWidget(self.home)
        super().showEvent(event)

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # --- profile ------------------------------------------------------------------------------

    def ask_profile_if_missing(self) -> None:
        """On first start, ask for the pharmacy's details (once)."""
        if self.workspace.profile() is None:
            QTimer.singleShot(0, self.edit_profile)

    def edit_profile(self) -> bool:
        from .profile_dialog import ProfileDialog

        dialog = ProfileDialog(self.workspace.profile(), self)
        if dialog.exec():
            organisation = dialog.organisation()
            if self.incident_page is not None:
                self.incident_page.flush()  # pending edits first, then the profile
            filled = self.workspace.save_profile(organisation, actor=self.actor())
            if filled:
                if self.incident_page is not None and self.incident_page.session.reference in filled:
                    self.open_incident(self.incident_page.session.reference)  # show the new details
                self.statusBar().showMessage(self.tr(
                    "Coordonnées de la pharmacie reprises dans %s incident(s) sans document "
                    "exporté : %s") % (len(filled), ", ".join(filled)), 15_000)
            return True
        return False

    def show_sample(self) -> QMainWindow:
        """The built-in sample incident, completed, in its own window and its own temporary
        database: the real register is never touched."""
        from ..application.sample import SAMPLE_TITLE
        from ..application.workspace import open_sample
        from .incident_page import IncidentPage

        if self.sample_window is not None:
            self.sample_window.close()
        sample, reference, cleanup = open_sample(self.procedure)
        window = QMainWindow(self)
        window.setWindowTitle(self.tr("Exemple (lecture seule) — %s") % SAMPLE_TITLE)
        window.resize(self.size())
        body = QWidget(window)
        layout = QVBoxLayout(body)
        notice = QLabel(self.tr("Exemple en lecture seule : ces données sont fictives et ne figurent "
                                "pas dans votre registre. Parcourez les étapes, la chronologie et "
                                "les documents (étape 7)."))
        notice.setWordWrap(True)
        style.set_role(notice, style.NOTICE)
        layout.addWidget(notice)
        page = IncidentPage(sample.open_session(reference), body)
        page.back_requested.connect(window.close)
        layout.addWidget(page, 1)
        window.setCentralWidget(body)
        window.sample_page = page
        window.destroyed.connect(lambda *_: cleanup())
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        self.sample_window = window
        window.destroyed.connect(lambda *_: setattr(self, "sample_window", None))
        return window

    def show_review(self) -> None:
        from .review import ReviewDialog

        if ReviewDialog(self.workspace, self).exec():
            self._refresh_home()

    def show_deadlines(self) -> None:
        from .dashboard import DeadlinesDialog

        dialog = DeadlinesDialog(self.workspace, self)
        if dialog.exec() and dialog.chosen:
            self.open_incident(dialog.chosen)

    def show_resources(self) -> None:
        from .review import ResourcesDialog

        ResourcesDialog(self.procedure, self).exec()

    def show_method(self) -> None:
        from .method_dialog import MethodDialog

        MethodDialog(self.procedure, self).exec()

    def about_text(self) -> str:
        from PySide6 import __version__ as pyside_version

        from .. import __version__
        from ..logs import log_dir

        return self.tr(
            "Incident Wizard %s\n\nGestion des violations de données personnelles à la pharmacie "
            "d'officine (RGPD, articles 33 et 34).\n\nDonnées : %s\nJournal technique : %s\n"
            "PySide6 %s\n\nL'application ne se connecte jamais à internet.") % (
            __version__, self.workspace.path, log_dir(), pyside_version)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, self.tr("À propos d'Incident Wizard"), self.about_text())

    def _operator_changed(self) -> None:
        self.workspace.set_setting(OPERATOR, self.operator.text().strip())
        if self.incident_page is not None:
            self.incident_page.session.actor = self.actor()

    def actor(self) -> str:
        """Who acts, for the journal: the name typed in the toolbar, with the computer account
        (several people often share one account at the pharmacy)."""
        return self.workspace.actor(self.operator.text())

    def backup(self) -> Path | None:
        """Write a consistent copy of all the data (to keep on a USB key or a server)."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        suggested = Path.home() / (self.tr("incident-wizard-sauvegarde-%s.sqlite3", "nom de fichier")
                                   % f"{clock.now_utc():%Y%m%d}")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Sauvegarder les données"), str(suggested),
                                              self.tr("Base Incident Wizard (*.sqlite3)"))
        if not name:
            return None
        target = Path(name)
        live = self.workspace.path.resolve()
        if target.resolve() in (live, live.with_name(live.name + "-wal"), live.with_name(live.name + "-shm")):
            QMessageBox.warning(self, self.tr("Sauvegarde impossible"), self.tr(
                "Ce fichier est la base de données en service : choisissez un autre nom ou un "
                "autre dossier (une clé USB, par exemple)."))
            return None
        try:
            # The dialog asked to confirm replacing an existing file: the previous backup is
            # kept under a dated name, and replaced only once the new one is written and checked.
            self.workspace.backup(target, replace=True)
        except (OSError, IncidentWizardError) as error:
            QMessageBox.warning(self, self.tr("Sauvegarde impossible"), str(error)
                                if isinstance(error, IncidentWizardError) else os_error_message(error))
            return None
        QMessageBox.information(self, self.tr("Sauvegarde écrite"), self.tr(
            "Toutes les données (incidents, journaux, pièces jointes, profil) sont copiées dans :\n%s\n\n"
            "Gardez cette copie en lieu sûr (elle contient des données personnelles). Pour la "
            "relire, renommez-la incidents.sqlite3 et ouvrez l'application avec --data-dir sur son "
            "dossier.") % target)
        return target

    def send_incident(self) -> Path | None:
        from PySide6.QtWidgets import QMessageBox

        from .transfer import export_incident_file

        if self.incident_page is None or self.incident_page.session.reference is None:
            QMessageBox.information(self, self.tr("Envoyer un incident"), self.tr(
                "Ouvrez d'abord l'incident à envoyer (double-clic dans la liste)."))
            return None
        return export_incident_file(self, self.workspace, self.incident_page.session.reference,
                                    self.actor())

    def receive_incident(self) -> str | None:
        from .transfer import import_incident_file

        self.close_incident_page()  # its pending edits are saved before, never after, the import
        reference = import_incident_file(self, self.workspace, self.actor())
        if reference is not None:
            self._refresh_home()
            self.open_incident(reference)
        return reference

    def export_register(self) -> None:
        from .documents_ui import RegisterDialog

        RegisterDialog(self.workspace, self).exec()

    def open_templates(self) -> None:
        from .documents_ui import open_templates_folder

        open_templates_folder(self)

    # --- incidents ----------------------------------------------------------------------------

    def new_incident(self) -> None:
        reference = self.workspace.create_incident(actor=self.actor())
        self._refresh_home()
        self.open_incident(reference)

    def new_first_hour_incident(self) -> None:
        """A new incident opened on "Premières heures" (the short path to the initial
        notification)."""
        from .incident_page import FIRST_HOUR

        self.new_incident()
        if self.incident_page is not None and self.incident_page.first_hour is not None:
            self.incident_page.show_step(FIRST_HOUR)

    def open_incident(self, reference: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        from .incident_page import IncidentPage

        self.close_incident_page(another=True)
        try:
            session = self.workspace.open_session(reference, actor=self.actor())
        except IncidentWizardError as error:
            # A damaged incident is listed, never opened: the rest of the register stays usable.
            self.workspace.set_setting(LAST_OPEN, None)
            self.show_home()
            QMessageBox.warning(self, self.tr("Incident illisible"), str(error))
            return
        self.incident_page = IncidentPage(session, self.stack)  # made in place: see StepPage
        self.incident_page.back_requested.connect(self.show_home)
        self.stack.addWidget(self.incident_page)
        self.stack.setCurrentWidget(self.incident_page)
        if self.last_open_reference() != reference:  # a resumed incident: nothing to write
            self.workspace.set_setting(LAST_OPEN, reference)

    def close_incident_page(self, another: bool = False) -> None:
        """Save and close the open incident's page; the list is shown in its place (built then,
        after a start that resumed an incident), unless ``another`` incident is being opened."""
        if self.incident_page is not None:
            self.incident_page.flush()
            self.stack.removeWidget(self.incident_page)
            self.incident_page.deleteLater()
            self.incident_page = None
            if not another and self.stack.currentWidget() is None:
                self.stack.setCurrentWidget(self.home)

    def show_home(self) -> None:
        stale = self._home is not None  # a list built earlier may be out of date
        self.close_incident_page()
        self.workspace.set_setting(LAST_OPEN, None)
        if stale:
            self.home.refresh()
        self.stack.setCurrentWidget(self.home)

    def last_open_reference(self) -> str | None:
        return self.workspace.setting(LAST_OPEN)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt name
        """Save what is being typed; remember the open incident so the next start resumes it."""
        page = self.incident_page
        if page is not None and not page.confirm_close_with_errors():
            event.ignore()
            return
        if page is not None:
            page.flush()
        for timer in self.findChildren(QTimer):  # nothing runs on the database after closing
            timer.stop()
        self.reminders.stop()
        super().closeEvent(event)

    def resume(self) -> None:
        """Reopen the incident that was open when the app was last closed (if still open)."""
        reference = self.last_open_reference()
        if reference and self.workspace.has_incident(reference):
            summary = self.workspace.summary(reference)
            if summary is None or summary.damaged:  # never fail at every start on one damaged incident
                self.workspace.set_setting(LAST_OPEN, None)
                return
            self.open_incident(reference)
