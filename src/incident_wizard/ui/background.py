"""Long work (writing documents, the register, an inspection folder) off the GUI thread.

The work runs in a QThread (it opens a database connection of its own: a connection is never
shared between threads; application.Workspace.another), while a window-modal progress dialog
names the file being written; the window keeps painting and its timers keep running. The caller
gets the result, or the exception, as if the work had run in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget


class _Worker(QThread):
    progressed = Signal(str)

    def __init__(self, work: Callable[[Callable[[str], None]], Any]):
        super().__init__()
        self.work = work
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work(self.progressed.emit)
        except BaseException as error:  # noqa: BLE001 - re-raised in the GUI thread
            self.error = error


def run_with_progress(parent: QWidget | None, title: str,
                      work: Callable[[Callable[[str], None]], Any]) -> Any:
    """Run ``work(progress)`` in a worker thread and return its result (or raise its
    exception); ``progress(name)`` names the file being written."""
    worker = _Worker(work)
    dialog = QProgressDialog(QApplication.translate("Background", "Préparation…"), "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setCancelButton(None)  # files are written whole or not at all: nothing to cancel half-way
    dialog.setWindowModality(Qt.WindowModality.WindowModal)  # no second export meanwhile
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    written = [0]

    def show(name: str) -> None:
        written[0] += 1
        dialog.setLabelText(QApplication.translate("Background", "Écriture de %s (%s fichier(s) écrit(s))…")
                            % (name, written[0] - 1))

    worker.progressed.connect(show)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    worker.start()
    dialog.show()
    if not worker.isFinished():
        loop.exec()
    worker.wait()
    dialog.close()
    dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result
