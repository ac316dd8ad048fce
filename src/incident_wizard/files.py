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
    """Files and folders created inside are private to the user from their creation (POSIX:
    umask 0077). Windows has no umask: there, files are private by inheritance in the folders
    the app creates (``private_dir``) and created private elsewhere (``atomic_path``,
    ``open_new_private``: winsecurity)."""
    if os.name != "posix":
        yield
        return
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def private_dir(folder: Path) -> Path:
    """Create ``folder`` (and its parents) if needed, private to the user when the app creates
    it (POSIX 0700; Windows: a protected DACL for the user, SYSTEM and the Administrators,
    inherited by what is created inside); an existing folder is left as its owner set it."""
    folder = Path(folder)
    if os.name == "nt":
        if not folder.is_dir():
            from . import winsecurity

            folder.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):
                winsecurity.create_private_dir(folder)
        return folder
    with private_files():
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def make_export_dir(folder: Path) -> Path:
    """The export folder: created private if the app creates it (an existing folder is left as
    its owner set it), leftovers of an interrupted export removed."""
    folder = private_dir(folder)
    remove_leftovers(folder)
    return folder


def open_new_private(path: Path):  # noqa: ANN201 - a binary file open for writing and reading
    """Create ``path`` (it must not exist), private to the user from its creation, and open it
    for writing and reading in binary."""
    if os.name == "nt":
        from . import winsecurity

        winsecurity.create_private_file(path)
        return open(path, "r+b")  # noqa: SIM115 - the caller closes it
    with private_files():
        return open(path, "x+b")  # noqa: SIM115 - the caller closes it


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
        if os.name == "nt":  # no umask: the file is created private, empty, before any byte
            from . import winsecurity

            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            winsecurity.create_private_file(tmp)
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

