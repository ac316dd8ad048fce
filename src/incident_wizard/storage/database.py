"""The open database file: its connection, durable transactions, snapshots and checked backups."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..i18n import _
from .problems import (
    StorageError,
    _detail,
    _write_failure,
    read_only_message,
)


class Database:
    """One connection to the database file, shared by the repositories that read and write it.

    Durability: WAL with ``synchronous=FULL``; every change runs in :meth:`transaction`, committed
    before it returns. A connection is never shared between threads: :meth:`another_connection`
    gives a second one to the same file."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        #: Looked up at every use (a test may put a failing connection in its place).
        self.conn = conn
        self.path = path
        # The migration to schema 7 fills the listing columns of existing incidents with the
        # same Python code as a save (storage.rows.summary_of_data).
        from .rows import summary_of_data

        conn.create_function("iw_summary", 3, summary_of_data)

    #: True when the file was opened read-only (the account may not write it): the incidents
    #: can be read and their documents exported, nothing can be saved.
    read_only = False

    @classmethod
    def connect(cls, path: Path, read_only: bool = False) -> Database:
        """Open ``path`` (already checked by the caller) in WAL with ``synchronous=FULL``; with
        ``read_only``, SQLite's read-only mode (no write is even tried)."""
        if read_only:
            conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True,
                                   isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            cls._configure(conn, wal=not read_only)
        except BaseException:
            conn.close()
            raise
        database = cls(conn, path)
        database.read_only = read_only
        return database

    @staticmethod
    def _configure(conn: sqlite3.Connection, wal: bool = False) -> None:
        conn.execute("PRAGMA busy_timeout = 5000")
        if wal:  # kept by the file: set once, by the first connection
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")

    def execute(self, sql: str, args: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, args)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One durable transaction; a disk or lock failure becomes a French StorageError (the
        change is not stored, nothing half-written)."""
        conn = self.conn
        if self.read_only:
            raise StorageError(read_only_message(self.path))
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise StorageError(_write_failure(self.path, error)) from error
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.OperationalError):
                raise StorageError(_write_failure(self.path, error)) from error
            raise

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one consistent state of the database (a read transaction), even while
        another connection (the window's) saves."""
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    def backup(self, destination: Path, replace: bool = False,
               pending: Callable[[Path | None], None] | None = None) -> Path:
        """Write a consistent copy of the database to ``destination``, private from its creation,
        under a temporary name, checked before it gets its final name: SQLite's integrity check,
        our application id and schema, and every incident's journal complete in the copy (its
        stored head and count found among the copied entries, as in the database). A failed
        backup leaves nothing behind and never touches an existing file.

        An existing ``destination`` is refused, unless ``replace``: it is then kept under a dated
        name (``NAME.precedente-AAAAMMJJTHHMMSSZ.sqlite3``, its own time) before the checked copy
        takes its name in one atomic rename, so that there is a complete backup at every moment.
        ``pending`` is told the temporary path before writing and None once done, so that the
        leftovers of a killed backup can be removed at the next start (Storage.open)."""
        from .. import files

        destination = Path(destination)
        if destination.exists() and not (replace and destination.is_file()):
            raise StorageError(_("{path} existe déjà : choisissez un autre nom (rien n'a été "
                                 "écrit).").format(path=destination))
        kept: Path | None = None
        try:
            # The leftovers of an interrupted backup to the same name (a killed process).
            for leftover in destination.parent.glob(f"{files.TMP_MARK}*-{destination.name}*"):
                if leftover.name.endswith((destination.name, *_SQLITE_SIDE_FILES)):
                    leftover.unlink(missing_ok=True)
            with files.atomic_path(destination) as tmp:
                if pending is not None:
                    pending(tmp)
                target = sqlite3.connect(tmp)
                try:
                    self.conn.backup(target)
                    check = target.execute("PRAGMA integrity_check").fetchone()[0]
                    app_id = target.execute("PRAGMA application_id").fetchone()[0]
                    version = target.execute("PRAGMA user_version").fetchone()[0]
                    journals = _journal_state(target) if check == "ok" else None
                finally:
                    target.close()
                source = (self.conn.execute("PRAGMA application_id").fetchone()[0],
                          self.conn.execute("PRAGMA user_version").fetchone()[0])
                if check != "ok" or (app_id, version) != source:
                    raise StorageError(_("La copie écrite dans {folder} ne se relit pas "
                                         "correctement ({check}) : elle a été supprimée.").format(
                                             folder=destination.parent, check=check))
                if journals != _journal_state(self.conn):
                    raise StorageError(_("La copie écrite dans {folder} ne contient pas les "
                                         "journaux complets des incidents : elle a été supprimée. "
                                         "Recommencez.").format(folder=destination.parent))
                if destination.exists():
                    kept = _keep_previous(destination)
        except BaseException as error:
            if kept is not None:  # the previous backup is still under its own name
                kept.unlink(missing_ok=True)
            if not isinstance(error, (OSError, sqlite3.Error)):
                raise
            detail = _detail(error)
            raise StorageError(_("La sauvegarde n'a pas pu être écrite dans {folder} "
                                 "({reason}) : rien n'a été laissé à cet endroit{kept}. Vérifiez "
                                 "la place libre et les droits, puis recommencez.").format(
                                     folder=destination.parent, reason=detail,
                                     kept=_(" et la sauvegarde précédente est intacte")
                                     if replace and destination.exists() else "")) from None
        finally:
            if pending is not None:
                pending(None)
        return destination

    def another_connection(self) -> Database:
        """A second connection to the same, already opened database, for work in another
        thread. WAL lets it read while this one writes; its writes wait for this one's (busy
        timeout)."""
        if self.read_only:
            return type(self).connect(self.path, read_only=True)
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            self._configure(conn)
        except BaseException:
            conn.close()
            raise
        return type(self)(conn, self.path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: The files SQLite keeps beside a database while it writes it (a killed backup leaves them).
_SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")


def remove_partial_copy(tmp: Path) -> None:
    """Remove a killed backup's temporary copy and the files SQLite kept beside it."""
    for path in (tmp, *(tmp.with_name(tmp.name + suffix) for suffix in _SQLITE_SIDE_FILES)):
        path.unlink(missing_ok=True)


def _journal_state(conn: sqlite3.Connection) -> tuple[int, int, int, int]:
    """(incidents, journal entries, entries the incidents count, incidents whose stored head is
    not among the entries): what a copy must have as its source has, whatever the source's own
    state (a backup of a register with an altered journal copies it as it is)."""
    incidents, counted = conn.execute(
        "SELECT count(*), coalesce(sum(journal_count), 0) FROM incidents").fetchone()
    entries = conn.execute("SELECT count(*) FROM journal").fetchone()[0]
    headless = conn.execute(
        "SELECT count(*) FROM incidents AS i WHERE NOT EXISTS (SELECT 1 FROM journal AS j WHERE"
        " j.reference = i.reference AND j.seq = i.journal_count AND j.hash = i.journal_head)"
    ).fetchone()[0]
    return incidents, entries, counted, headless


def previous_name(destination: Path, stamp: str) -> Path:
    """Where a replaced backup is kept: ``NAME.precedente-STAMP.EXT`` beside it."""
    suffix = destination.suffix
    stem = destination.name[:-len(suffix)] if suffix else destination.name
    return destination.with_name(f"{stem}.precedente-{stamp}{suffix}")


def _keep_previous(destination: Path) -> Path:
    """Keep the backup about to be replaced under a dated name (its own modification time),
    complete before the new one takes its name: a hard link when the file system has them, a
    checked copy otherwise (a USB key in FAT)."""
    import shutil
    from datetime import UTC, datetime

    from .. import files
    from .problems import _free_name

    stamp = datetime.fromtimestamp(destination.stat().st_mtime, UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = _free_name(previous_name(destination, stamp))
    try:
        os.link(destination, kept)
    except OSError:
        with files.atomic_path(kept) as tmp:
            shutil.copyfile(destination, tmp)
    return kept
