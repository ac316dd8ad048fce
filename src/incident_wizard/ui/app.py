"""Starting the GUI: the QApplication, French translations, the database, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import __version__, i18n
from ..domain.errors import IncidentWizardError
from ..instance import InstanceLock
from ..locations import resources_dir, user_data_dir
from ..logs import describe_exception, log, log_dir, setup_logging


def install_translations(app: QApplication, language: str | None = None) -> list[QTranslator]:
    """Load Qt's own translation (buttons, standard dialogs) and the app's compiled catalogue
    (resources/translations/incident_wizard_<language>.qm; none for French, the source
    language), for ``language`` (default: i18n.language())."""
    language = language or i18n.language()
    translators = []
    locale = QLocale(language)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase", qt_dir), ("incident_wizard", str(resources_dir() / "translations"))):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            translators.append(translator)
    QLocale.setDefault(locale)
    return translators


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Incident Wizard")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("IncidentWizard")
    icon = resources_dir() / "icons" / "incident-wizard.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    install_translations(app)
    return app


def open_workspace_or_explain(data_dir: str | Path | None, procedure, parent=None):  # noqa: ANN001, ANN201
    """Open the data folder (application.Workspace); on failure show the French explanation and
    return None."""
    from ..application.workspace import Workspace

    try:
        return Workspace.open(user_data_dir(data_dir), procedure)
    except IncidentWizardError as error:
        log.error("database refused: %s", type(error).__name__)
        QMessageBox.critical(parent, QApplication.translate("App", "Données inaccessibles"), str(error))
        return None


def install_exception_hook() -> None:
    """An unexpected error is logged and explained in French; the app keeps running (every
    confirmed input is already saved)."""

    def hook(kind, value, trace) -> None:
        log.error("unexpected error: %s", describe_exception(kind, trace))
        if issubclass(kind, IncidentWizardError):
            # The app's own errors are complete French sentences (a read-only or full disk...):
            # said as they are, not as an "unexpected error".
            QMessageBox.warning(None, QApplication.translate("App", "Action impossible"), str(value))
            return
        QMessageBox.critical(
            None, QApplication.translate("App", "Erreur inattendue"),
            QApplication.translate(
                "App", "Une erreur inattendue s'est produite (%s). Vos saisies confirmées sont "
                "enregistrées. Si le problème se reproduit, transmettez le journal technique "
                "(%s) à votre prestataire.") % (kind.__name__, log_dir()))

    sys.excepthook = hook


def run_gui(data_dir: str | Path | None = None) -> int:
    setup_logging()
    log.info("start, version %s", __version__)
    app = make_application()
    folder = user_data_dir(data_dir)
    lock = InstanceLock(folder)
    try:
        acquired = lock.acquire()
    except IncidentWizardError as error:
        log.error("lock refused: %s", type(error).__name__)
        QMessageBox.critical(None, QApplication.translate("App", "Données inutilisables"), str(error))
        return 2
    if not acquired:
        log.info("data folder in use by another window: %s", folder)
        QMessageBox.information(
            None, QApplication.translate("App", "Déjà ouvert"),
            QApplication.translate(
                "App", "Incident Wizard est déjà ouvert avec ces données (%s). Utilisez la fenêtre "
                "déjà ouverte : deux fenêtres sur les mêmes incidents pourraient se contredire.")
            % folder)
        return 3
    install_exception_hook()
    from ..application.workspace import app_procedure
    from .main_window import MainWindow

    try:
        procedure = app_procedure()
    except IncidentWizardError as error:
        log.error("forms refused: %s", error)
        QMessageBox.critical(None, QApplication.translate("App", "Procédure illisible"), str(error))
        lock.release()
        return 2
    workspace = open_workspace_or_explain(data_dir, procedure)
    if workspace is None:
        lock.release()
        return 2
    log.info("database opened: %s", workspace.path)
    for warning in workspace.warnings:
        log.warning("data permissions: readable by other accounts")
        QMessageBox.warning(None, QApplication.translate("App", "Données partagées"), warning)
    window = MainWindow(workspace)
    window.resume()  # before it is shown: the first page painted is the incident resumed
    window.show()
    if os.environ.get("INCIDENT_WIZARD_QUIT_WHEN_SHOWN"):  # start-up benchmark: quit once painted
        QTimer.singleShot(0, app.quit)
    window.ask_profile_if_missing()
    try:
        return app.exec()
    finally:
        workspace.close()
        lock.release()
        log.info("stop")
