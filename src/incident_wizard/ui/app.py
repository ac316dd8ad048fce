"""Starting the GUI: the QApplication, French translations, the database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import __version__
from ..domain.errors import IncidentWizardError
from ..locations import resources_dir, user_data_dir
from ..storage import Storage


def install_translations(app: QApplication, language: str = "fr") -> list[QTranslator]:
    """Load Qt's own translation (buttons, standard dialogs) and the app's, if any."""
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


def open_storage_or_explain(data_dir: str | Path | None, parent=None) -> Storage | None:
    """Open the database; on failure show the French explanation and return None."""
    try:
        return Storage.open(user_data_dir(data_dir))
    except IncidentWizardError as error:
        QMessageBox.critical(parent, QApplication.translate("App", "Données inaccessibles"), str(error))
        return None


def run_gui(data_dir: str | Path | None = None) -> int:
    app = make_application()
    storage = open_storage_or_explain(data_dir)
    if storage is None:
        return 2
    from ..domain.procedure import load_procedure
    from .main_window import MainWindow

    try:
        procedure = load_procedure()
    except IncidentWizardError as error:
        QMessageBox.critical(None, QApplication.translate("App", "Procédure illisible"), str(error))
        storage.close()
        return 2
    window = MainWindow(storage, procedure)
    window.show()
    window.resume()
    window.ask_profile_if_missing()
    try:
        return app.exec()
    finally:
        storage.close()
