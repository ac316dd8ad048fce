"""Creating, migrating, backing up the database and taking consistent snapshots (mixed into
Storage)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..domain.clock import now_utc
from ..domain.errors import IncidentWizardError
from ..i18n import _
from .problems import (
    StorageError,
    _detail,
)
from .schema import (
    _ANCHOR_PENDING,
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    SYSTEM_ACTOR,
    _split_sql,
)


class MaintenanceStore:
    """Creation, migration, backup and snapshots of the database (mixed into Storage)."""

    _conn: sqlite3.Connection
    path: Path

    @classmethod
    def _create(cls, path: Path) -> None:
        """A new register: built complete (current schema, our id) under a temporary name in the
        data folder and renamed, so that a killed first start never leaves an empty or
        half-made file under the database's name."""
        from .. import files

        with files.atomic_path(path) as tmp:
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                cls(conn, tmp)._migrate(0)
            finally:
                conn.close()

    def _migrate(self, version: int) -> None:
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction() as conn:
                for statement in _split_sql(MIGRATIONS[target - 1]):
                    conn.execute(statement)
                if target == 4 and version > 0:
                    conn.execute("INSERT INTO settings(key, value) VALUES(?, 'true')",
                                 (_ANCHOR_PENDING,))
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {target}")

    def _anchor_legacy(self) -> None:
        """After the migration to schema 4: refresh the summary columns, and give every incident
        whose chain is intact one entry carrying the digest of its facts (from then on, an edit of
        its facts outside the app is detected). An altered chain is left as it is."""
        for (reference,) in self._conn.execute("SELECT reference FROM incidents").fetchall():
            try:
                incident = self.load_incident(reference)
            except (ValueError, IncidentWizardError):
                continue
            with self._transaction() as conn:
                conn.execute("UPDATE incidents SET clock_start=?, deadlines=? WHERE reference=?",
                             (*self._deadline_columns(incident), reference))
                intact = self.verify_journal(reference).ok
                anchored = conn.execute(
                    "SELECT 1 FROM journal WHERE reference = ? AND action = 'record_anchored'",
                    (reference,)).fetchone()
                if intact and not anchored:
                    self._append(reference, now_utc(), SYSTEM_ACTOR, "record_anchored",
                                 {"schema": SCHEMA_VERSION})
        with self._transaction() as conn:
            conn.execute("DELETE FROM settings WHERE key = ?", (_ANCHOR_PENDING,))

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
                    self._conn.backup(target)
                    check = target.execute("PRAGMA integrity_check").fetchone()[0]
                    app_id = target.execute("PRAGMA application_id").fetchone()[0]
                    version = target.execute("PRAGMA user_version").fetchone()[0]
                finally:
                    target.close()
                source = (self._conn.execute("PRAGMA application_id").fetchone()[0],
                          self._conn.execute("PRAGMA user_version").fetchone()[0])
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

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one consistent state of the database (a read transaction), even while
        another connection (the window's) saves."""
        self._conn.execute("BEGIN")
        try:
            yield
        finally:
            if self._conn.in_transaction:
                self._conn.execute("COMMIT")

    def another_connection(self):  # noqa: ANN201 - a Storage
        """A second connection to the same, already opened database, for work in another
        thread (a connection is never shared between threads). WAL lets it read while this one
        writes; its writes wait for this one's (busy timeout)."""
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        return type(self)(conn, self.path)

