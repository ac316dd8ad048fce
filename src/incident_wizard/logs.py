"""Logging to the user's log folder, rotated, with events only: never incident contents."""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_DIR_ENV = "INCIDENT_WIZARD_LOG_DIR"
LOG_FILE = "incident-wizard.log"
log = logging.getLogger("incident_wizard")


def log_dir() -> Path:
    env = os.environ.get(LOG_DIR_ENV)
    if env:
        return Path(env)
    from .locations import user_log_dir

    return user_log_dir()


class _PrivateRotatingHandler(logging.FileHandler):
    """A log file rotated as ``logging.handlers.RotatingFileHandler`` rotates it (when a message
    would take it to ``maxBytes``: the file becomes ``.1``, ``.1`` becomes ``.2``... up to
    ``backupCount``), every file created private (0600) from its first byte.

    Why not that class: ``logging.handlers`` imports socket, pickle, queue and selectors for its
    other handlers, 6-8 ms of every start of the window (measured) for these few lines."""

    def __init__(self, path: Path, maxBytes: int, backupCount: int):  # noqa: N803 - logging's names
        self.maxBytes, self.backupCount = maxBytes, backupCount
        super().__init__(path, encoding="utf-8")

    def _open(self):  # noqa: ANN202 - logging's API
        from .files import private_files

        with private_files():
            return super()._open()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None:
                size = self.stream.seek(0, os.SEEK_END)
                if size and size + len(self.format(record)) + 1 >= self.maxBytes:
                    self._rotate()
        except Exception:  # noqa: BLE001 - logging's rule: a failing log never stops the app
            self.handleError(record)
            return
        super().emit(record)

    def _rotate(self) -> None:
        self.stream.close()
        self.stream = None  # type: ignore[assignment]
        base = self.baseFilename
        for index in range(self.backupCount - 1, 0, -1):
            if os.path.exists(f"{base}.{index}"):
                os.replace(f"{base}.{index}", f"{base}.{index + 1}")
        if self.backupCount > 0:
            os.replace(base, f"{base}.1")
        else:
            os.truncate(base, 0)
        self.stream = self._open()


def describe_exception(kind: type[BaseException], trace) -> str:  # noqa: ANN001 - a traceback
    """An exception for the log: its type and where it happened, never its message (a message
    can quote what the user typed, or a stored incident)."""
    import traceback

    frames = traceback.extract_tb(trace)[-8:]
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
    return f"{kind.__module__}.{kind.__qualname__} at {where or '?'}"


def setup_logging() -> Path:
    """Log to ``<log folder>/incident-wizard.log``: 512 KiB per file, 5 old files kept."""
    from .locations import make_private_dir

    folder = make_private_dir(log_dir())
    path = folder / LOG_FILE
    for handler in list(log.handlers):
        if isinstance(handler, _PrivateRotatingHandler):
            log.removeHandler(handler)
            handler.close()
    handler = _PrivateRotatingHandler(path, maxBytes=512 * 1024, backupCount=5)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path
