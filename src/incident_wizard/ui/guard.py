"""The minimisation guard on free-text inputs that are not procedure fields (notes, reasons,
justifications, follow-up actions): what they hold can reach the CNIL draft, the register, the
letters or the inspection folder, so they warn as the procedure's fields do (one rule:
``domain.validation.free_text_warning``). A warning only: nothing typed is refused."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QWidget

from ..application.session import IncidentSession
from ..domain.validation import free_text_warning
from . import style
from .fields import TYPING_DELAY_MS


def _text(widget: QLineEdit | QPlainTextEdit) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


class TextGuard(QLabel):
    """The warning line to put under ``widget``: shown while its text seems to hold a patient
    identifier, a name, a date of birth or a health detail (``names`` False: identifiers only,
    for a text that names the pharmacy's own people), hidden otherwise. Checked a moment
    after the last keystroke (a long paste is read once, not at every character)."""

    def __init__(self, widget: QLineEdit | QPlainTextEdit, session: IncidentSession,
                 names: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.widget, self.session, self.names = widget, session, names
        self.setWordWrap(True)
        style.set_role(self, style.WARNING)
        if widget.objectName():
            self.setObjectName(f"{widget.objectName()}-warning")
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)
        self._timer.timeout.connect(self.check)
        widget.textChanged.connect(self._timer.start)

    def check(self) -> str:
        """Show (or hide) the warning for the text shown now; returns it ('' when none)."""
        self._timer.stop()
        warning = free_text_warning(_text(self.widget), self.session.incident.organisation,
                                    self.names)
        self.setText(warning)
        self.setVisible(bool(warning))
        return warning


def ask_text(parent: QWidget, session: IncidentSession, title: str, label: str) -> tuple[str, bool]:
    """QInputDialog.getText for a reason that goes to the register: when the text seems to hold
    a patient identifier or a personal detail, the warning is shown and the pharmacist corrects
    it (the text kept) or keeps it. Returns (text, accepted)."""
    text = ""
    while True:
        text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
        if not ok:
            return text, False
        warning = free_text_warning(text, session.incident.organisation)
        if not warning:
            return text, True
        box = QMessageBox(QMessageBox.Icon.Warning, title, warning, parent=parent)
        correct = box.addButton(QApplication.translate("TextGuard", "Corriger le texte"),
                                QMessageBox.ButtonRole.RejectRole)
        box.addButton(QApplication.translate("TextGuard", "Garder ce texte"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(correct)
        box.exec()
        if box.clickedButton() is not correct:
            return text, True
