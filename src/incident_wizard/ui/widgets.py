"""Small widgets without traps: a list the mouse wheel cannot change unseen, a check box whose
text wraps, a one-line label that elides, a Paris date and time that can be typed."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from ..domain import clock

#: A choice made by arrowing through a list is stored once it rests this long.
CHOICE_SETTLE_MS = 700


class _WheelOnlyWhenFocused:
    """Mixed into a Qt input: the mouse wheel changes it only once the user has clicked or
    tabbed into it; over an unfocused input the wheel scrolls the page (Qt's own input would
    change the answer)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt name
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class NoWheelComboBox(_WheelOnlyWhenFocused, QComboBox):
    """A drop-down list the mouse wheel cannot change unseen."""


class ElidedLabel(QLabel):
    """A one-line plain-text label that never widens its window: a text too long for the space
    ends with "…" and shows whole in its tooltip (a 143-character title widened the window to
    1,989 pixels)."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # typed text is never markup
        self.setMinimumWidth(80)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt name
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(self.width(), 80))
        QLabel.setText(self, shown)


class _ClickLabel(QLabel):
    """A check box's text that wraps (QCheckBox's own text never wraps and widens the page);
    clicking it toggles the box, as clicking a check box's text does."""

    def __init__(self, text: str, box: QCheckBox):
        super().__init__(text)
        self.box = box
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setBuddy(box)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt name
        if self.box.isEnabled() and event.button() == Qt.MouseButton.LeftButton:
            self.box.click()
            self.box.setFocus()
        super().mousePressEvent(event)


def wrapping_check(text: str) -> tuple[QWidget, QCheckBox]:
    """A check box whose long text wraps: (the row to lay out, the box)."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    box = QCheckBox()
    box.setAccessibleName(text)
    label = _ClickLabel(text, box)
    layout.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
    layout.addWidget(label, 1)
    return row, box


class _DateTimeEdit(_WheelOnlyWhenFocused, QDateTimeEdit):
    """Tab always leaves the field (Qt's own edit keeps Tab to move between its sections and
    traps the focus while it shows 'non renseignée'); sections are reached with the arrows.
    The mouse wheel changes nothing unless the field has the focus."""

    focused = Signal(bool)
    typed = Signal()
    #: A digit or an arrow changed the hour or the minutes: the time is the user's.
    time_typed = Signal()
    #: Letters typed (Qt's edit takes none): the word so far, read by DateTimeInput.
    word = Signal(str)
    _advanced = False
    _letters = ""

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt name
        self.focused.emit(True)
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt name
        self._letters = ""
        super().focusOutEvent(event)
        self.focused.emit(False)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt name
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and \
                not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
            event.accept()
            QWidget.focusNextPrevChild(self, event.key() == Qt.Key.Key_Tab)
            return
        text = event.text()
        if text and (text.isalpha() or (text in "'’- " and self._letters)):
            # "hier", "aujourd'hui", "avant-hier", "maintenant": words the edit cannot take.
            self._letters += text
            event.accept()
            self.word.emit(self._letters)
            return
        self._letters = ""
        time_sections = (QDateTimeEdit.Section.HourSection, QDateTimeEdit.Section.MinuteSection)
        if self.currentSection() in time_sections and (
                text.isdigit() or event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down,
                                                  Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)):
            self.time_typed.emit()
        if text.isprintable() and text.strip():  # not Escape, Backspace, Ctrl+A...
            self.typed.emit()
        if text in ("/", " ", ":", "h", "-", ".") and self._advanced:
            # The section just typed was complete and Qt already moved to the next one: the
            # separator the user types ("23/10/2026 10:05") must not skip another section.
            self._advanced = False
            event.accept()
            return
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._advanced = text.isdigit() and self.currentSectionIndex() != before


#: Words understood in a date field, and the day they mean (days before today).
DAY_WORDS = {"aujourd'hui": 0, "aujourd’hui": 0, "hier": 1, "avant-hier": 2}
NOW_WORD = "maintenant"


class DateTimeInput(QWidget):
    """A Paris date and time, or nothing; 'Maintenant' fills the current time. A day given
    without its time (typed, picked in the calendar, or « hier ») is kept at 00:00 and
    ``time_known()`` says so: the field shows it and asks for the time."""

    changed = Signal()
    #: A word typed that is not a date (French message for the field).
    refused = Signal(str)

    @staticmethod
    def _wall(year: int, month: int, day: int, hour: int, minute: int) -> QDateTime:
        """A wall-clock value; the widget works in UTC so the computer's own time zone never
        shifts or refuses it. It is read back as Paris time by the domain clock."""
        return QDateTime(QDate(year, month, day), QTime(hour, minute),
                         QTimeZone(QTimeZone.Initialization.UTC))

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.EMPTY = self._wall(2000, 1, 1, 0, 0)
        self.edit = _DateTimeEdit()
        self.edit.setTimeZone(QTimeZone(QTimeZone.Initialization.UTC))
        self.edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDateTime(self.EMPTY)
        self.edit.setSpecialValueText(self.tr("non renseignée"))
        self.edit.setDateTime(self.EMPTY)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(800)
        self._settle.timeout.connect(self.changed)
        self.edit.dateTimeChanged.connect(self._edited)
        self.edit.editingFinished.connect(self._finished)
        self.edit.focused.connect(self._focus)
        # A date picked in the calendar is the user's, even today's (the placeholder's date).
        self.edit.calendarWidget().clicked.connect(lambda _date: self._typed())
        self.edit.calendarWidget().activated.connect(lambda _date: self._typed())
        self.edit.typed.connect(self._typed)
        self.edit.time_typed.connect(self._time_given)
        self.edit.word.connect(self._word)
        self._time_known = True
        # An empty field shows today (at 00:00) while it has the focus, so that typing
        # "JJ/MM/AAAA HH:MM" and the calendar start from today; untouched, it stays empty.
        self._placeholder: QDateTime | None = None
        self.edit.setMinimumWidth(170)
        self.now_button = QPushButton(self.tr("Maintenant"))
        self.now_button.clicked.connect(self._set_now)
        self.clear_button = QPushButton(self.tr("Effacer"))
        self.clear_button.clicked.connect(self._clear)
        layout.addWidget(self.edit)
        layout.addWidget(self.now_button)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)

    def settling(self) -> bool:
        return self._settle.isActive()

    def time_known(self) -> bool:
        """False when the day shown was given without its time (kept at 00:00)."""
        return self._time_known

    def _time_given(self) -> None:
        self._time_known = True

    def _word(self, letters: str) -> None:
        word = letters.strip().lower()
        if word == NOW_WORD:
            self._set_now()
            return
        if word in DAY_WORDS:
            today = clock.to_paris(clock.now_utc()).date()
            day = today - timedelta(days=DAY_WORDS[word])
            self._placeholder = None
            self._time_known = False
            self.edit.setDateTime(self._wall(day.year, day.month, day.day, 0, 0))
            self._set = None
            self._settle.start()
            # Type the time next: the hour is selected.
            QTimer.singleShot(0, self.edit, lambda: self.edit.setSelectedSection(
                QDateTimeEdit.Section.HourSection))
            return
        known = (*DAY_WORDS, NOW_WORD)
        if not any(w.startswith(word) for w in known):
            self.refused.emit(self.tr("« %s » n'est pas une date : tapez JJ/MM/AAAA HH:MM, ou « hier », "
                                      "« avant-hier », « aujourd'hui » ou « maintenant ».") % letters[:30])

    def _edited(self, shown: QDateTime) -> None:
        if self._placeholder is not None and shown != self._placeholder:
            self._placeholder = None  # the user changed the date shown: it is theirs now
            if self._placeholder_time_untouched(shown):
                self._time_known = False  # a day typed or picked, the time still the 00:00 shown
        if self._placeholder is None:
            self._settle.start()

    def _placeholder_time_untouched(self, shown: QDateTime) -> bool:
        return shown.time() == QTime(0, 0) and self.edit.currentSection() not in (
            QDateTimeEdit.Section.HourSection, QDateTimeEdit.Section.MinuteSection)

    def _typed(self) -> None:
        if self._placeholder is not None:
            self._placeholder = None  # typing, even the date shown, makes it the user's
            if self.edit.currentSection() not in (QDateTimeEdit.Section.HourSection,
                                                  QDateTimeEdit.Section.MinuteSection):
                self._time_known = False  # until an hour or minute is typed
            self._settle.start()

    def _focus(self, focused: bool) -> None:
        if focused and self.edit.dateTime() == self.EMPTY:
            today = clock.to_paris(clock.now_utc())
            self._placeholder = self._wall(today.year, today.month, today.day, 0, 0)
            self.edit.blockSignals(True)
            self.edit.setDateTime(self._placeholder)
            self.edit.blockSignals(False)
            # Typing replaces the day first, then "/" moves on: "23/10/2026 10:05" works.
            # (the edit as context: the call is dropped if the field is deleted meanwhile)
            QTimer.singleShot(0, self.edit, lambda: self.edit.setSelectedSection(
                QDateTimeEdit.Section.DaySection))
        elif not focused and self._placeholder is not None:
            if self.edit.calendarWidget() is not None and self.edit.calendarWidget().isVisible():
                return  # focus went to the calendar popup: still choosing
            self._placeholder = None
            self.edit.blockSignals(True)
            self.edit.setDateTime(self.EMPTY)
            self.edit.blockSignals(False)

    def _finished(self) -> None:
        self._settle.stop()
        self.changed.emit()

    def _set_now(self) -> None:
        self.set_value(clock.now_utc())
        self.changed.emit()

    def _clear(self) -> None:
        self.set_value(None)
        self.changed.emit()

    def value(self) -> datetime | None:
        shown = self.edit.dateTime()
        if shown == self.EMPTY or (self._placeholder is not None and shown == self._placeholder):
            return None
        date, time = shown.date(), shown.time()
        wall = datetime(date.year(), date.month(), date.day(), time.hour(), time.minute())
        # The wall time shown is the one set: give back that instant, so that the second
        # occurrence of the repeated autumn hour stays the second one (fold kept).
        if self._set is not None and wall == self._set[0]:
            return self._set[1]
        return clock.paris_to_utc(wall)

    _set: tuple[datetime, datetime] | None = None

    def set_value(self, value: datetime | None, time_known: bool = True) -> None:
        self._placeholder = None
        self._time_known = time_known
        self.edit.blockSignals(True)
        if value is None:
            self._set = None
            self.edit.setDateTime(self.EMPTY)
        else:
            local = clock.to_paris(value)
            self._set = (local.replace(tzinfo=None, second=0, microsecond=0, fold=0),
                         value if value.second == 0 and value.microsecond == 0 else
                         clock.paris_to_utc(local.replace(tzinfo=None, second=0, microsecond=0)))
            self.edit.setDateTime(self._wall(local.year, local.month, local.day, local.hour, local.minute))
        self.edit.blockSignals(False)
