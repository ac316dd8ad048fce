"""One app window per data folder: a lock file held while the GUI runs, so that two windows
never edit the same incidents at once (the second one says the data is in use)."""

from __future__ import annotations

import os
from pathlib import Path

from .domain.errors import IncidentWizardError, os_error_reason
from .i18n import _
from .locations import make_private_dir

LOCK_NAME = "incident-wizard.lock"


class InstanceLockError(IncidentWizardError):
    """The lock file cannot be created (full disk, read-only or forbidden folder)."""


class InstanceLock:
    """The lock sits next to the database file's real path: a data folder whose database is a
    link to another folder's still shares that folder's lock."""

    def __init__(self, folder: Path, database: str = "incidents.sqlite3"):
        folder = Path(folder)
        try:
            real = (folder / database).resolve() if (folder / database).exists() else folder / database
        except OSError:  # a folder this account may not enter: acquire() says so, in French
            real = folder / database
        self.path = real.parent / LOCK_NAME
        self._handle = None

    def acquire(self) -> bool:
        """Take the lock; False if another running app holds it (released when it exits,
        even after a crash). InstanceLockError, in French, if it cannot be created."""
        try:
            make_private_dir(self.path.parent)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise InstanceLockError(_(
                "Le dossier de données {folder} ne peut pas être utilisé : "
                "{reason}. Rien n'a été modifié ; vous pouvez aussi démarrer "
                "avec un autre dossier de données (option --data-dir)."
            ).format(folder=self.path.parent, reason=os_error_reason(error))) from None
        # Unbuffered: nothing is left to flush at release (a full disk would fail there).
        handle = os.fdopen(fd, "r+b", buffering=0)
        try:
            if os.name == "nt":
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n".encode())
        except OSError:
            pass  # the lock is held; the pid is only a courtesy for a person looking
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            handle, self._handle = self._handle, None
            try:
                handle.close()  # closing the file releases the lock
            except OSError:
                pass  # the descriptor is closed (and the lock released) even when close fails

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
