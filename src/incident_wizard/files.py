"""Writing files that hold personal data: private from the first byte, never half-written.

Every such file (documents, register, incident files, backups) is created under a 0077 umask
(POSIX: readable by its owner only from the moment it exists, folders 0700), written under a
temporary name in the same folder and renamed when complete, so that a killed process or a full
disk leaves no file that looks valid. Leftover temporary files are removed the next time the app
writes in that folder.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

#: Temporary files start with this mark (hidden on POSIX, easy to recognise and remove).
TMP_MARK = ".incident-wizard-partiel-"


@contextlib.contextmanager
def private_files() -> Iterator[None]:
    """Files and folders created inside are private to the user from their creation."""
    if os.name != "posix":
        yield
        return
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def make_export_dir(folder: Path) -> Path:
    """The export folder: created 0700 if the app creates it (an existing folder is left as
    its owner set it), leftovers of an interrupted export removed."""
    folder = Path(folder)
    with private_files():
        folder.mkdir(parents=True, exist_ok=True)
    remove_leftovers(folder)
    return folder


def remove_leftovers(folder: Path) -> int:
    """Delete the temporary files an interrupted write left in ``folder``; how many."""
    removed = 0
    try:
        for path in Path(folder).glob(TMP_MARK + "*"):
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
    except OSError:
        pass
    return removed


@contextlib.contextmanager
def atomic_path(final: Path) -> Iterator[Path]:
    """A temporary path next to ``final`` to write to; renamed to ``final`` when the block ends
    without error (after an fsync), removed otherwise."""
    final = Path(final)
    tmp = final.with_name(f"{TMP_MARK}{os.getpid()}-{final.name}")
    try:
        with private_files():
            yield tmp
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_text(path: Path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes(path: Path, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)

