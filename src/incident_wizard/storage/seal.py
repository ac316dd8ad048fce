"""The mark a clean close leaves beside the database, so that the next opening need not check a
file that nobody has touched since.

Opening a data folder runs ``PRAGMA quick_check``, which reads the whole file: a second for a
pharmacy's register, minutes for a DPO's folder of 100,000 incidents (4 GB). When the app closes
the database cleanly (the last connection gone, the write-ahead log merged and removed), it writes
``incidents.sqlite3.verifie``: the file's size, inode, modification and change times (the change
time cannot be set back by a user's tool) and a digest of its 100-byte SQLite header. At the next
opening, the check is skipped only when all of them are the same and no ``-wal`` or ``-journal``
file is there; the mark is removed as soon as the database is opened for writing, so it exists
only between a clean close and the next opening. A killed process (its ``-wal`` left behind), a
copy put in place, a restored backup, an edit with another tool or a damaged disk that rewrote the
file all mean a full check, as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

#: The mark's name: the database's, with this suffix.
SUFFIX = ".verifie"
FORMAT = "incident-wizard/verified-close-1"
_HEADER = 100


def seal_path(database: Path) -> Path:
    return database.with_name(database.name + SUFFIX)


def _fingerprint(database: Path) -> dict[str, Any] | None:
    """What identifies the file as it is now; None when it is not closed cleanly."""
    if any(database.with_name(database.name + suffix).exists() for suffix in ("-wal", "-journal")):
        return None
    stat = database.stat()
    with open(database, "rb") as handle:
        header = handle.read(_HEADER)
    return {"size": stat.st_size, "inode": stat.st_ino, "device": stat.st_dev,
            "mtime_ns": stat.st_mtime_ns, "ctime_ns": stat.st_ctime_ns,
            "header": hashlib.sha256(header).hexdigest()}


def unchanged_since_close(database: Path) -> bool:
    """True when ``database`` is, as far as the system can tell, the file the app closed cleanly
    last (its check at that opening passed, and nothing has written to it since)."""
    try:
        stored = json.loads(seal_path(database).read_text(encoding="utf-8"))
        current = _fingerprint(database)
    except (OSError, ValueError):
        return False
    return (current is not None and isinstance(stored, dict) and stored.get("format") == FORMAT
            and stored.get("file") == current)


def forget(database: Path) -> None:
    """Remove the mark (the database is about to be written)."""
    with contextlib.suppress(OSError):
        seal_path(database).unlink()


def seal(database: Path) -> None:
    """After a clean close: write the mark (private, whole or not at all). Never fails: without
    it, the next opening checks the file in full."""
    from ..files import atomic_path

    try:
        fingerprint = _fingerprint(database)
        if fingerprint is None:  # another connection is still open, or the close was not clean
            return
        text = json.dumps({"format": FORMAT, "file": fingerprint}, sort_keys=True)
        with atomic_path(seal_path(database)) as tmp:
            tmp.write_text(text + "\n", encoding="utf-8")
    except OSError:
        forget(database)
    else:
        if os.name == "posix":
            with contextlib.suppress(OSError):
                fd = os.open(database.parent, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
