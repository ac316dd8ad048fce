"""The base of every step panel: a panel tells its page when it changed the incident."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...application.session import IncidentSession
from ...domain.errors import IncidentWizardError


class WrappingRadio(QWidget):
    """A radio button whose (long) label wraps; clicking the label selects it."""

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 1, 0, 1)
        self.button = QRadioButton()
        self.button.setAccessibleName(text)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setBuddy(self.button)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt name
        if self.button.isEnabled():
            self.button.click()
        super().mousePressEvent(event)


class Panel(QWidget):
    """Base: a panel tells the page when it changed the incident, and when the act that ends
    its step was done (``finished``, with what was recorded, in French): the page then ends the
    step if nothing it requires is missing, and moves on."""

    changed = Signal()
    finished = Signal(str)

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session

    def load(self) -> None:
        """Re-read the incident (the page calls this whenever the step is shown)."""

    def flush(self) -> None:
        """Store a choice still being made (the page calls this before leaving the step)."""

    def fields_changed(self) -> None:
        """A field of the same step was saved (the page calls this)."""

    def set_read_only(self, read_only: bool) -> None:
        """A closed incident can be read and its documents exported, not changed."""
        self.setEnabled(not read_only)

    def warn(self, error: Exception) -> None:
        QMessageBox.warning(self, self.tr("Vérifiez la saisie"), str(error))

    def apply(self, change) -> bool:  # noqa: ANN001 - a session call
        """Run ``change`` (a session use case); a refusal is shown, otherwise the panel shows
        the stored incident again and tells its page. True when the change was kept."""
        try:
            change()
        except IncidentWizardError as error:
            self.warn(error)
            return False
        self.load()
        self.changed.emit()
        return True

    def action_button(self, text: str, name: str, slot) -> QPushButton:
        """A push button named for tests and accessibility, connected to ``slot``."""
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def situation_layout(self, *buttons: QPushButton) -> QVBoxLayout:
        """The panel's layout: a sentence saying where things stand, then a row of buttons."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.situation = QLabel()
        self.situation.setWordWrap(True)
        layout.addWidget(self.situation)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        return layout

    #: The documents this panel's export button is about (domain.obligations.DOC_*): when the
    #: incident does not need them, the user is told why and may export them all the same.
    DOCUMENTS: tuple[str, ...] = ()

    def draft_kind(self) -> str | None:
        """The CNIL draft's type chosen on this panel (None: the app decides)."""
        return None

    def export_documents(self) -> None:
        """Write the incident's documents to a folder the user picks (journaled)."""
        from ..documents_ui import export_incident_documents

        if export_incident_documents(self, self.session, self.draft_kind(), self.DOCUMENTS):
            self.changed.emit()
