"""Shows deadline reminders while the app runs: in the system tray where there is one, else in
the main window's status bar (and the window asks for attention)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QSystemTrayIcon

from ..application.workspace import Workspace
from ..domain import clock
from ..domain.reminders import Reminder


class ReminderService(QObject):
    """Checks the deadlines and follow-up actions every minute and shows each reminder once."""
    def __init__(self, workspace: Workspace, window: QMainWindow,
                 now: Callable[[], datetime] = clock.now_utc,
                 notify: Callable[[Reminder], None] | None = None, interval_ms: int = 60_000):
        super().__init__(window)
        self.workspace, self.window, self.now = workspace, window, now
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
        """Show each reminder due now (the deadlines and follow-up actions the workspace lists),
        once."""
        return self.workspace.reminders_due(self.notify, self.now())

    def _show(self, reminder: Reminder) -> None:
        title = self.tr("Échéance d'un incident")
        if self.tray is not None:
            self.tray.showMessage(title, reminder.message, QSystemTrayIcon.MessageIcon.Warning, 30_000)
        self.window.statusBar().showMessage(reminder.message)
        QApplication.alert(self.window)
