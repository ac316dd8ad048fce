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


def setup_logging() -> Path:
    """Log to ``<log folder>/incident-wizard.log``: 512 KiB per file, 5 old files kept."""
    from .locations import make_private_dir

    folder = make_private_dir(log_dir())
    path = folder / LOG_FILE
    for handler in list(log.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            log.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=512 * 1024, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    if os.name == "posix":
        os.chmod(path, 0o600)
    return path
