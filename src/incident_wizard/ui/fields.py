"""Editors for the fields described in forms/: each saves through the session as the user types
and shows a French message under the field when the value is refused."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from ..application.session import IncidentSession
from ..domain import clock, obligations
from ..domain.errors import IncidentWizardError, ValidationError
from ..domain.procedure import Field, Procedure
from ..domain.validation import free_text_warning, patient_text_warning, pharmacy_own_details
from . import style
from .widgets import CHOICE_SETTLE_MS, DateTimeInput, ElidedLabel, NoWheelComboBox, wrapping_check  # noqa: F401 - re-exported

#: Typed text is saved this long after the last keystroke (and at once when leaving the field).
TYPING_DELAY_MS = 300


def help_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    style.set_role(label, style.HELP)
    return label


class FieldEditor(QWidget):
    """Label, input, help, and the message line under it; bound to one incident field."""

    saved = Signal(str)

    def __init__(self, field: Field, session: IncidentSession, procedure: Procedure,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.field, self.session, self.procedure = field, session, procedure
        self.refused = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        title = field.label + (" *" if field.required else "")
        self.label = QLabel(title)
        self.label.setWordWrap(True)
        style.set_role(self.label, style.STRONG)
        if field.type != "bool":
            layout.addWidget(self.label)
        self.input = self._make_input()
        self.input.setAccessibleName(field.label)
        if field.help:
            self.input.setAccessibleDescription(field.help)
        layout.addWidget(self.input)
        if field.type != "bool":
            self.label.setBuddy(self.input if not isinstance(self.input, DateTimeInput) else self.input.edit)
        if field.help:
            layout.addWidget(help_label(field.help))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.load()

    # --- building -----------------------------------------------------------------------------

    def _make_input(self) -> QWidget:
        f = self.field
        if f.type == "text":
            widget = QLineEdit()
            widget.setPlaceholderText(f.placeholder)
            widget.textEdited.connect(lambda _: self._timer.start())
            widget.editingFinished.connect(self.flush)
            return widget
        if f.type == "integer":
            widget = QLineEdit()
            widget.setPlaceholderText(f.placeholder or self.tr("nombre approximatif"))
            widget.setMaximumWidth(220)
            widget.textEdited.connect(lambda _: self._timer.start())
            widget.editingFinished.connect(self.flush)
            return widget
        if f.type == "multiline":
            widget = _PlainText(self.flush)
            widget.setPlaceholderText(f.placeholder)
            widget.setTabChangesFocus(True)
            widget.setMinimumHeight(70)
            widget.setMaximumHeight(130)
            widget.textChanged.connect(self._timer.start)
            return widget
        if f.type == "bool":
            widget = QCheckBox(f.label)
            widget.toggled.connect(lambda _: self.flush())
            return widget
        if f.type == "datetime":
            widget = DateTimeInput()
            widget.changed.connect(self.flush)
            widget.refused.connect(lambda text: self.show_message(text, style.ERROR))
            return widget
        if f.type == "choice":
            widget = NoWheelComboBox()
            widget.addItem(self.tr("— choisir —"), "")
            for option in self.procedure.options[f.options].options:
                widget.addItem(option.label, option.id)
                if option.help:
                    widget.setItemData(widget.count() - 1, option.help, Qt.ItemDataRole.ToolTipRole)
            widget.currentIndexChanged.connect(lambda _: self.flush())
            return widget
        if f.type == "multichoice":
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(8, 0, 0, 0)
            box_layout.setSpacing(1)
            self._checks: dict[str, QCheckBox] = {}
            for option in self.procedure.options[f.options].options:
                check = QCheckBox(option.label)
                if option.help:
                    check.setToolTip(option.help)
                check.toggled.connect(lambda _: self.flush())
                box_layout.addWidget(check)
                self._checks[option.id] = check
            return box
        raise ValueError(f.type)

    # --- value in and out ---------------------------------------------------------------------

    def widget_value(self):
        f, w = self.field, self.input
        if f.type == "text":
            return w.text()
        if f.type == "multiline":
            return w.toPlainText()
        if f.type == "integer":
            text = w.text().replace(" ", "").replace("\u202f", "").replace("\xa0", "").strip()
            if not text:
                return None
            if text.lstrip("-").isdigit():
                return int(text)
            raise ValidationError(self.tr("« %s » : indiquez un nombre entier (approximatif si besoin).")
                                  % w.text()[:40])
        if f.type == "bool":
            return w.isChecked()
        if f.type == "datetime":
            return w.value()
        if f.type == "choice":
            return w.currentData() or ""
        if f.type == "multichoice":
            return [option_id for option_id, check in self._checks.items() if check.isChecked()]
        raise ValueError(f.type)

    def load(self) -> None:
        """Show the stored value (without saving it back)."""
        value = self.session.value(self.field.key)
        f, w = self.field, self.input
        w.blockSignals(True)
        try:
            if f.type == "text" and w.text() != value:
                w.setText(value)
            elif f.type == "multiline" and w.toPlainText() != value:
                w.setPlainText(value)
            elif f.type == "integer":
                w.setText("" if value is None else str(value))
            elif f.type == "bool":
                w.setChecked(bool(value))
            elif f.type == "datetime":
                w.set_value(value, f.key not in self.session.incident.times_unknown)
            elif f.type == "choice":
                index = w.findData(value)
                w.setCurrentIndex(max(index, 0))
            elif f.type == "multichoice":
                for option_id, check in self._checks.items():
                    check.blockSignals(True)
                    check.setChecked(option_id in value)
                    check.blockSignals(False)
        finally:
            w.blockSignals(False)
        self._show_warning(value)

    def flush(self) -> None:
        """Save what the widget shows now; show the refusal under the field, if any."""
        self._timer.stop()
        try:
            value = self.widget_value()
            if self.field.type == "datetime":
                self.session.set_instant(self.field.key, value, self.input.time_known())
            else:
                self.session.set_value(self.field.key, value)
        except IncidentWizardError as error:  # refused value, or the disk refused the write
            # What is on screen is not what is stored: say so, and frame the field in red.
            self.show_message(self.tr("Non enregistré : %s") % error, style.ERROR)
            self._frame(True)
            return
        self._frame(False)
        self._show_warning(value)
        self.saved.emit(self.field.key)

    def _frame(self, refused: bool) -> None:
        """Frame the input in red while the value it shows is not the one stored."""
        target = self.input.edit if isinstance(self.input, DateTimeInput) else self.input
        if isinstance(target, QWidget):
            style.set_role(target, style.REFUSED if refused else "")

    def pending(self) -> bool:
        """True while typed input waits for its delayed save (text, or a date being typed)."""
        if isinstance(self.input, DateTimeInput) and self.input.settling():
            return True
        return self._timer.isActive()

    def _show_warning(self, value) -> None:
        checked = self.field.identifiers_check and isinstance(value, str)
        if checked and self.field.for_persons:
            # The pharmacy's own e-mails, phones and names may appear.
            own, names = pharmacy_own_details(self.session.incident.organisation)
            warning = patient_text_warning(value, own, names)
        else:
            warning = free_text_warning(value, self.session.incident.organisation) if checked else ""
        if self.field.type == "datetime" and value is not None:
            # Every instant shown back as understood; a day without its time says so.
            if self.field.key in self.session.incident.times_unknown:
                if self.field.key in obligations.CLOCK_START_FIELDS:
                    text = self.tr(
                        "Heure non précisée : comptée à 00 h 00 le %s, le moment le plus tôt de ce jour "
                        "(un délai compté de là ne peut pas finir plus tard que le vrai). Précisez "
                        "l'heure dès que vous la connaissez.") % clock.format_date(value)
                else:
                    text = self.tr(
                        "Heure non précisée : enregistrée à 00 h 00 le %s, ce qui n'est pas l'heure "
                        "réelle. Précisez l'heure dès que vous la connaissez.") % clock.format_date(value)
                self.show_message(text, style.WARNING)
            else:
                self.show_message(self.tr("Compris : %s") % clock.format_datetime(value), style.UNDERSTOOD)
            return
        if warning:
            self.show_message(warning, style.WARNING)
        else:
            self.refused = False
            self.message.hide()

    def show_message(self, text: str, role: str) -> None:
        """Say ``text`` under the field with the look of ``role`` (style.ERROR: a refusal)."""
        self.refused = role == style.ERROR
        self.message.setText(text)
        style.set_role(self.message, role)
        self.message.show()

    def error_text(self) -> str:
        """The refusal shown under the field ('' when the shown value is stored)."""
        return self.message.text() if self.refused else ""


class _PlainText(QPlainTextEdit):
    """A multi-line text that saves when it loses focus."""

    def __init__(self, on_leave):
        super().__init__()
        self._on_leave = on_leave

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt name
        self._on_leave()
        super().focusOutEvent(event)
