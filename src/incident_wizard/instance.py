"""One app window per data folder: a lock file held while the GUI runs, so that two windows
never edit the same incidents at once (the second one says the data is in use)."""

from __future__ import annotations

import os
from pathlib import Path

LOCK_NAME = "incident-wizard.lock"


class InstanceLock:
    def __init__(self, folder: Path):
        self.path = Path(folder) / LOCK_NAME
        self._handle = None

    def acquire(self) -> bool:
        """Take the lock; False if another running app holds it (released when it exits,
        even after a crash)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        handle = os.fdopen(fd, "r+")
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
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file releases the lock
            self._handle = None

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
