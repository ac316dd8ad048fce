"""Shows deadline reminders while the app runs: in the system tray where there is one, else in
the main window's status bar (and the window asks for attention)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QSystemTrayIcon

from ..domain import clock
from ..domain.reminders import Reminder, awaits_notification, due_reminders, mark_fired
from ..storage import Storage

SETTING = "reminders_fired"


def incidents_to_notify(storage: Storage) -> list[tuple[str, datetime]]:
    """Open incidents with an awareness time, not yet notified, not decided 'register only'."""
    return [(s.reference, s.awareness_at) for s in storage.open_incidents()
            if awaits_notification(s.status, s.awareness_at, s.notified_at, s.outcome)]


class ReminderService(QObject):
    def __init__(self, storage: Storage, window: QMainWindow,
                 now: Callable[[], datetime] = clock.now_utc,
                 notify: Callable[[Reminder], None] | None = None, interval_ms: int = 60_000):
        super().__init__(window)
        self.storage, self.window, self.now = storage, window, now
        self.tray: QSystemTrayIcon | None = None
        if notify is None and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(QApplication.windowIcon() or QIcon(), window)
            self.tray.setToolTip("Incident Wizard")
            self.tray.show()
        self.notify = notify or self._show
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> list[Reminder]:
        fired = self.storage.get_setting(SETTING, {}) or {}
        reminders = due_reminders(incidents_to_notify(self.storage), self.now(), fired)
        for reminder in reminders:
            self.notify(reminder)
            fired = mark_fired(fired, reminder)
        if reminders:
            self.storage.set_setting(SETTING, fired)
        return reminders

    def _show(self, reminder: Reminder) -> None:
        title = self.tr("Délai de notification à la CNIL")
        if self.tray is not None:
            self.tray.showMessage(title, reminder.message, QSystemTrayIcon.MessageIcon.Warning, 30_000)
        self.window.statusBar().showMessage(reminder.message)
        QApplication.alert(self.window)
