"""Shows deadline reminders while the app runs: in the system tray where there is one, else in
the main window's status bar (and the window asks for attention)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QSystemTrayIcon

from ..domain import clock
from ..domain.followup import ActionDue
from ..domain.obligations import Deadline
from ..domain.reminders import Reminder, due_action_reminders, due_deadline_reminders, mark_fired
from ..storage import Storage

SETTING = "reminders_fired"


def pending_deadlines(storage: Storage) -> list[tuple[str, Deadline]]:
    """Every deadline open incidents still have to meet (72 h, complementary notification,
    complaint), as the domain computed them when each incident was stored."""
    return [(s.reference, d) for s in storage.open_incidents() for d in s.deadlines]


def open_actions(storage: Storage) -> list[ActionDue]:
    """Every follow-up action not done yet, of open and closed incidents."""
    return [a for s in storage.list_incidents() for a in s.actions]


class ReminderService(QObject):
    """Checks the deadlines and follow-up actions every minute and shows each reminder once."""
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
        now = self.now()
        reminders = due_deadline_reminders(pending_deadlines(self.storage), now, fired)
        reminders += due_action_reminders(open_actions(self.storage), now, fired)
        for reminder in reminders:
            self.notify(reminder)
            fired = mark_fired(fired, reminder)
        if reminders:
            self.storage.set_setting(SETTING, fired)
        return reminders

    def _show(self, reminder: Reminder) -> None:
        title = self.tr("Échéance d'un incident")
        if self.tray is not None:
            self.tray.showMessage(title, reminder.message, QSystemTrayIcon.MessageIcon.Warning, 30_000)
        self.window.statusBar().showMessage(reminder.message)
        QApplication.alert(self.window)
