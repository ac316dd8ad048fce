"""Shows deadline reminders while the app runs: in the reminder area at the top of the main
window, where each stays until the pharmacist acknowledges it (« Vu », journaled in the
incident's journal; a click on the text opens the incident), and also in the system tray where
there is one (its balloon is transient) and the status bar; the window asks for attention.

The first check, at start, runs in another thread on a connection of its own (on a large folder
opened for the first time, thousands of reminders can be due at once: the window does not wait
for them); the checks of every minute after it read only what can still be due."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from ..application.workspace import PendingReminder, RemindersDue, Workspace
from ..domain import clock
from ..domain.errors import IncidentWizardError
from ..domain.reminders import Reminder
from ..logs import describe_exception, log
from . import style

#: The key of the note saying how many other reminders are due (no incident of its own).
OTHERS_KEY = "#others"


def incident_of(key: str) -> str:
    """The incident reference of a reminder's key ("REF", "REF#complementary",
    "REF#action-…")."""
    return key.split("#", 1)[0]


class ReminderArea(QFrame):
    """The reminders shown and not yet acknowledged, under the menus, above the pages: each with
    its text (a click opens its incident) and a « Vu » button; « Tout marquer comme vu » when
    there are several. Hidden when there is none. What it keeps survives a restart (kept by the
    workspace, one setting)."""

    open_requested = Signal(str)
    #: A French message for the status bar (an acknowledgement that could not be journaled).
    problem = Signal(str)

    #: Rows shown at once (the others follow as these are acknowledged).
    ROWS_SHOWN = 4

    def __init__(self, workspace: Workspace, actor: Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.actor = workspace, actor
        self.pending: list[PendingReminder] = []
        self.setObjectName("reminder-area")
        style.set_role(self, style.REMINDER_AREA)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        header = QHBoxLayout()
        self.title = QLabel()
        style.set_role(self.title, style.STRONG)
        header.addWidget(self.title, 1)
        self.all_button = QPushButton(self.tr("Tout marquer comme &vu"))
        self.all_button.setObjectName("reminders-seen-all")
        self.all_button.setToolTip(self.tr("Vous avez pris connaissance de tous ces rappels (noté dans "
                                           "le journal de chaque incident)."))
        self.all_button.clicked.connect(lambda: self.acknowledge([p.key for p in self.pending]))
        header.addWidget(self.all_button)
        layout.addLayout(header)
        self.rows = QVBoxLayout()
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(4)
        layout.addLayout(self.rows)
        self.more = QLabel()
        self.more.setObjectName("reminders-more")
        layout.addWidget(self.more)
        try:
            self.pending = self.workspace.pending_reminders()
        except IncidentWizardError as error:  # an unreadable setting: nothing kept, never a crash
            log.warning("pending reminders unreadable: %s", error)
        self._show_rows()

    def add(self, key: str, reference: str, threshold: int, message: str,
            at: datetime | None = None) -> None:
        """Keep a reminder shown (at ``at``) until acknowledged (a later one of the same key
        replaces it)."""
        try:
            self.pending = self.workspace.keep_reminder(key, reference, threshold, message, at)
        except (OSError, IncidentWizardError) as error:  # shown all the same, kept in memory
            log.warning("reminder not kept: %s", error)
            self.pending = [p for p in self.pending if p.key != key] + [
                PendingReminder(key, reference, threshold, message, at or clock.now_utc())]
        self._show_rows()

    def acknowledge(self, keys: list[str]) -> None:
        """The pharmacist has read these: journaled in each incident's journal, then let go."""
        try:
            refused = self.workspace.acknowledge_reminders(keys, actor=self.actor())
        except (OSError, IncidentWizardError) as error:
            self.problem.emit(self.tr("Rappel non marqué comme vu : %s") % error)
            return
        if refused:
            self.problem.emit(self.tr(
                "Le journal de %s n'a pas pu noter que le rappel a été vu (journal modifié hors de "
                "l'application ou incident supprimé) : le rappel est retiré de la liste.")
                % ", ".join(sorted(set(refused))))
        self.pending = [p for p in self.pending if p.key not in set(keys)]
        self._show_rows()

    def reminder_texts(self) -> list[str]:
        """The texts shown, in order (what the pharmacist reads)."""
        return [p.message for p in reversed(self.pending)]

    def _show_rows(self) -> None:
        while self.rows.count():
            row = self.rows.takeAt(0).widget()
            if row is not None:
                row.setParent(None)  # gone at once (deleted later)
                row.deleteLater()
        newest_first = list(reversed(self.pending))
        for index, pending in enumerate(newest_first[:self.ROWS_SHOWN]):
            self.rows.addWidget(self._row(index, pending))
        count = len(self.pending)
        self.title.setText(self.tr("%n rappel(s) d'échéance à prendre en compte", "", count))
        hidden = count - self.ROWS_SHOWN
        self.more.setText(self.tr("… et %n autre(s) : ils s'affichent à mesure que vous marquez "
                                  "ceux-ci comme vus.", "", hidden) if hidden > 0 else "")
        self.more.setVisible(hidden > 0)
        self.all_button.setVisible(count > 1)
        self.setVisible(count > 0)

    def _row(self, index: int, pending: PendingReminder) -> QWidget:
        row = QWidget()
        row.setObjectName(f"reminder-{index}")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        when = escape(clock.format_short(pending.at))
        text = escape(pending.message)
        label = QLabel()
        label.setObjectName("reminder-text")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        if pending.reference:
            link = f'<a href="{escape(pending.reference)}">{text}</a>'
            label.setText(self.tr("%s — %s", "when shown — the reminder") % (when, link))
            label.setToolTip(self.tr("Ouvrir l'incident %s") % pending.reference)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                          | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            label.linkActivated.connect(self.open_requested.emit)
        else:
            label.setText(self.tr("%s — %s", "when shown — the reminder") % (when, text))
        layout.addWidget(label, 1)
        seen = QPushButton(self.tr("Vu"))
        seen.setObjectName("reminder-seen")
        seen.setToolTip(self.tr("J'ai pris connaissance de ce rappel (noté dans le journal de l'incident)."))
        seen.setAccessibleName(self.tr("Rappel vu : %s") % pending.message[:80])
        seen.clicked.connect(lambda _checked=False, key=pending.key: self.acknowledge([key]))
        layout.addWidget(seen, 0, Qt.AlignmentFlag.AlignVCenter)
        return row

#: The checks running: a QThread must not be destroyed before it ends.
_RUNNING: set[QThread] = set()


class _Check(QThread):
    """One check of the reminders, in this thread, through a connection of its own; the
    reminders to show are kept for the GUI thread (nothing of Qt's is touched here)."""

    def __init__(self, workspace: Workspace, now: datetime, shown: int):
        super().__init__()
        self.workspace, self.now, self.shown = workspace, now, shown
        self.notified: list[Reminder] = []
        self.found = RemindersDue([], 0)
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
            self.found = self.workspace.apart(
                lambda own: own.reminders_due(self.notified.append, self.now, shown=self.shown))
        except Exception as error:  # noqa: BLE001 - the next check (a minute later) does it again
            self.error = error


class ReminderService(QObject):
    """Checks the deadlines and follow-up actions every minute and shows each reminder once."""
    def __init__(self, workspace: Workspace, window: QMainWindow,
                 now: Callable[[], datetime] = clock.now_utc,
                 notify: Callable[[Reminder], None] | None = None, interval_ms: int = 60_000,
                 area: ReminderArea | None = None):
        super().__init__(window)
        self.workspace, self.window, self.now, self.area = workspace, window, now, area
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

    def check(self) -> RemindersDue:
        """Show each reminder due now (the deadlines and follow-up actions the workspace lists),
        once: the most urgent one by one, then how many others there are. A check running in the
        background is finished first."""
        if self._worker is not None:
            self._worker.wait()
            self._checked()
        found = self.workspace.reminders_due(self.notify, self.now(), shown=self.SHOWN)
        self._others(found.count)
        return found

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
        self._others(worker.found.count)

    def _others(self, count: int) -> None:
        others = count - self.SHOWN
        if others > 0:
            text = self.tr("%n autre(s) rappel(s) d'échéance : voir Pharmacie > Échéances de "
                           "toutes les pharmacies.", "", others)
            if self.area is not None:
                self.area.add(OTHERS_KEY, "", 0, text, self.now())
            self._show_text(text)

    def _show(self, reminder: Reminder) -> None:
        if self.area is not None:
            self.area.add(reminder.reference, incident_of(reminder.reference), reminder.threshold,
                          reminder.message, self.now())
        self._show_text(reminder.message)

    def _show_text(self, message: str) -> None:
        title = self.tr("Échéance d'un incident")
        if self.tray is not None:
            self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Warning, 30_000)
        self.window.statusBar().showMessage(message)
        QApplication.alert(self.window)
