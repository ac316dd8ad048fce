"""The open database file: its connection, durable transactions, snapshots and checked backups."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..i18n import _
from .problems import (
    StorageError,
    _detail,
    _write_failure,
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

    @classmethod
    def connect(cls, path: Path) -> Database:
        """Open ``path`` (already checked by the caller) in WAL with ``synchronous=FULL``."""
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            cls._configure(conn, wal=True)
        except BaseException:
            conn.close()
            raise
        return cls(conn, path)

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

    def backup(self, destination: Path) -> Path:
        """Write a consistent copy of the database to ``destination``, private from its creation,
        under a temporary name, checked (integrity, our application id and schema) before it gets
        its final name; a failed backup leaves nothing behind. An existing file is never replaced."""
        from .. import files

        destination = Path(destination)
        if destination.exists():
            raise StorageError(_("{path} existe déjà : choisissez un autre nom (rien n'a été "
                                 "écrit).").format(path=destination))
        try:
            with files.atomic_path(destination) as tmp:
                target = sqlite3.connect(tmp)
                try:
                    self.conn.backup(target)
                    check = target.execute("PRAGMA integrity_check").fetchone()[0]
                    app_id = target.execute("PRAGMA application_id").fetchone()[0]
                    version = target.execute("PRAGMA user_version").fetchone()[0]
                finally:
                    target.close()
                source = (self.conn.execute("PRAGMA application_id").fetchone()[0],
                          self.conn.execute("PRAGMA user_version").fetchone()[0])
                if check != "ok" or (app_id, version) != source:
                    raise StorageError(_("La copie écrite dans {folder} ne se relit pas "
                                         "correctement ({check}) : elle a été supprimée.").format(
                                             folder=destination.parent, check=check))
        except (OSError, sqlite3.Error) as error:
            detail = _detail(error)
            raise StorageError(_("La sauvegarde n'a pas pu être écrite dans {folder} "
                                 "({reason}) : rien n'a été laissé à cet endroit. Vérifiez la place "
                                 "libre et les droits, puis recommencez.").format(
                                     folder=destination.parent, reason=detail)) from None
        return destination

    def another_connection(self) -> Database:
        """A second connection to the same, already opened database, for work in another
        thread. WAL lets it read while this one writes; its writes wait for this one's (busy
        timeout)."""
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
