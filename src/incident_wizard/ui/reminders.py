"""Shows deadline reminders while the app runs: in the system tray where there is one, else in
the main window's status bar (and the window asks for attention).

The first check, at start, runs in another thread on a connection of its own (on a large folder
opened for the first time, thousands of reminders can be due at once: the window does not wait
for them); the checks of every minute after it read only what can still be due."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QThread, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QSystemTrayIcon

from ..application.workspace import Workspace
from ..domain import clock
from ..domain.reminders import Reminder
from ..logs import describe_exception, log

#: The checks running: a QThread must not be destroyed before it ends.
_RUNNING: set[QThread] = set()


class _Check(QThread):
    """One check of the reminders, in this thread, through a connection of its own; the
    reminders to show are kept for the GUI thread (nothing of Qt's is touched here)."""

    def __init__(self, workspace: Workspace, now: datetime, shown: int):
        super().__init__()
        self.workspace, self.now, self.shown = workspace, now, shown
        self.notified: list[Reminder] = []
        self.reminders: list[Reminder] = []
        self.error: BaseException | None = None

    def start(self) -> None:
        """Kept alive until it has ended, whatever becomes of its window (let go of by the GUI
        thread, at the next start, never by itself)."""
        for ended in [worker for worker in _RUNNING if worker.isFinished()]:
            _RUNNING.discard(ended)
        _RUNNING.add(self)
        super().start()

    def run(self) -> None:
        try:
            self.reminders = self.workspace.apart(
                lambda own: own.reminders_due(self.notified.append, self.now, shown=self.shown))
        except Exception as error:  # noqa: BLE001 - the next check (a minute later) does it again
            self.error = error


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
        self._worker: _Check | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    #: Reminders shown one by one at a check; beyond, one message says how many others are due
    #: (a first start on a large folder: thousands at once), remembered as shown all the same.
    SHOWN = 5

    def check(self) -> list[Reminder]:
        """Show each reminder due now (the deadlines and follow-up actions the workspace lists),
        once: the most urgent one by one, then how many others there are. A check running in the
        background is finished first."""
        if self._worker is not None:
            self._worker.wait()
            self._checked()
        reminders = self.workspace.reminders_due(self.notify, self.now(), shown=self.SHOWN)
        self._others(len(reminders))
        return reminders

    def check_in_background(self) -> None:
        """The same check, in another thread: the reminders are shown when it is done."""
        if self._worker is not None:
            return
        self._worker = _Check(self.workspace, self.now(), self.SHOWN)
        self._worker.finished.connect(self._checked)
        self._worker.start()

    def busy(self) -> bool:
        """A check runs in the background."""
        return self._worker is not None

    def stop(self) -> None:
        """Nothing runs on the database after this (the window closes)."""
        self.timer.stop()
        if self._worker is not None:
            self._worker.wait()
            self._worker = None

    def _checked(self) -> None:
        worker, self._worker = self._worker, None
        if worker is None:  # already taken by check() or stop()
            return
        worker.wait()
        if worker.error is not None:
            error = worker.error
            log.warning("reminder check failed: %s", describe_exception(type(error), error.__traceback__))
            return
        for reminder in worker.notified:
            self.notify(reminder)
        self._others(len(worker.reminders))

    def _others(self, count: int) -> None:
        others = count - self.SHOWN
        if others > 0:
            self._show_text(self.tr("%n autre(s) rappel(s) d'échéance : voir Pharmacie > Échéances de "
                                    "toutes les pharmacies.", "", others))

    def _show(self, reminder: Reminder) -> None:
        self._show_text(reminder.message)

    def _show_text(self, message: str) -> None:
        title = self.tr("Échéance d'un incident")
        if self.tray is not None:
            self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Warning, 30_000)
        self.window.statusBar().showMessage(message)
        QApplication.alert(self.window)
