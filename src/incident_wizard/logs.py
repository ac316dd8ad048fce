"""Logging to the user's log folder, rotated, with events only: never incident contents."""

from __future__ import annotations

import logging
import logging.handlers
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


class _PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    """Every log file (the current one and each one opened after a rotation) is created private
    (0600) from its first byte."""

    def _open(self):  # noqa: ANN202 - logging's API
        from .files import private_files

        with private_files():
            return super()._open()


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
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            log.removeHandler(handler)
            handler.close()
    handler = _PrivateRotatingHandler(path, maxBytes=512 * 1024, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path
