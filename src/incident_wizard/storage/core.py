"""The public face of the storage: opening the database, and one object over its repositories."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain import journal as jr
from ..domain.clock import now_utc
from ..domain.model import Attachment, Incident, Organisation
from ..domain.settings import BACKUP_PENDING, Setting
from ..i18n import _
from ..locations import make_private_dir
from . import maintenance, problems, seal
from .attachments import AttachmentRepository
from .database import Database, remove_partial_copy
from .import_log import ImportLog
from .imports import ImportRepository, ImportResult
from .incidents import IncidentRepository
from .journal import JournalRepository, RowChange, Tail
from .problems import (
    _CORE_TABLES,
    DatabaseCorruptError,
    DatabaseTooNewError,
    StorageError,
    _corrupt_message,
    _empty_message,
    _foreign_message,
    _free_name,
    _inspect,
    diagnose,
    permission_warnings,
)
from .register_chain import RegisterChain
from .register_log import RegisterExportLog
from .rows import (
    IncidentSummary,
    deadline_columns,
    summary_columns,
)
from .schema import (
    _ANCHOR_PENDING,
    APPLICATION_ID,
    DB_FILENAME,
    MAX_ATTACHMENT_BYTES,
    SCHEMA_VERSION,
)
from .settings import DECLARED_DEFAULT, SettingsRepository

#: The temporary file of a backup being written (see Storage.backup).
_BACKUP_PENDING = BACKUP_PENDING  # domain/settings.py


class _StorageJournal(JournalRepository):
    """The journal as :class:`Storage` wires it: its two writes go through
    ``Storage._append`` and ``Storage._insert_entry``, whichever repository asks for them, so that
    the fault-injection campaign (tests/helpers/kill_targets.py) and the tests that intercept
    them there still see every journal write."""

    def __init__(self, database: Database, import_log: ImportLog, storage: Storage):
        super().__init__(database, import_log)
        self._storage = storage

    def append(self, reference: str, at: datetime, actor: str | None, action: str,
               details: dict[str, Any], facts: str | None = None,
               after: Tail | jr.JournalEntry | None = None,
               columns: RowChange | None = None) -> jr.JournalEntry:
        return self._storage._append(reference, at, actor, action, details, facts, after, columns)

    def insert_entry(self, reference: str, entry: jr.JournalEntry,
                     columns: RowChange | None = None) -> tuple[Any, ...]:
        if columns is None:  # as the seam was called before it took ``columns``
            return self._storage._insert_entry(reference, entry)
        return self._storage._insert_entry(reference, entry, columns)


class Storage:
    """An open database. Use :meth:`open`; close it with :meth:`close`.

    One :class:`Database` (the connection) and the repositories over it, each exposed:
    ``incidents``, ``journal_repo``, ``attachments``, ``import_repo``, ``import_log``,
    ``register_log``, ``settings``. The methods below are the app's vocabulary; each delegates to one of them."""

    #: See :attr:`JournalRepository.COPY_LOGGED`.
    COPY_LOGGED = JournalRepository.COPY_LOGGED

    def __init__(self, database: Database):
        self.database = database
        self.settings = SettingsRepository(database)
        self.import_log = ImportLog(database)
        self.journal_repo: JournalRepository = _StorageJournal(database, self.import_log, self)
        self.incidents = IncidentRepository(database, self.journal_repo, self.settings,
                                            self.import_log)
        self.attachments = AttachmentRepository(database, self.journal_repo)
        self.import_repo = ImportRepository(database, self.incidents, self.journal_repo,
                                            self.attachments, self.import_log)
        self.register_log = RegisterExportLog(database)
        #: The register's chain of events (schema 8), appended with what it records.
        self.register_chain = RegisterChain(database)
        self.journal_repo.register = self.register_chain
        self.register_log.register = self.register_chain
        #: French warnings found at opening (e.g. data readable by other accounts); the app
        #: shows them, it never changes permissions it did not set.
        self.warnings: list[str] = []

    @property
    def read_only(self) -> bool:
        """Opened read-only (see Database.read_only)."""
        return self.database.read_only

    @property
    def path(self) -> Path:
        return self.database.path

    @property
    def _conn(self) -> sqlite3.Connection:
        return self.database.conn

    @_conn.setter
    def _conn(self, conn: sqlite3.Connection) -> None:
        self.database.conn = conn

    # --- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path) -> Storage:
        data_dir = Path(data_dir)
        try:
            return cls._open(data_dir)
        except (OSError, sqlite3.Error) as error:
            raise diagnose(data_dir / DB_FILENAME, error) from None

    @classmethod
    def _open(cls, data_dir: Path) -> Storage:
        from .. import files

        data_dir = make_private_dir(data_dir)
        path = data_dir / DB_FILENAME
        files.remove_leftovers(data_dir)
        version = 0
        if not path.exists():
            # A -wal or -shm without its database (the database moved or deleted by hand) would
            # be replayed into the new register: set aside, kept, never applied.
            stamp = now_utc().strftime("%Y%m%dT%H%M%SZ")
            for suffix in ("-wal", "-shm", "-journal"):
                orphan = path.with_name(path.name + suffix)
                if orphan.exists():
                    orphan.rename(_free_name(orphan.with_name(f"{orphan.name}.orphelin-{stamp}")))
            cls._create(path)
        elif path.stat().st_size == 0:
            raise DatabaseCorruptError(_empty_message(path))
        # A file the app closed cleanly and nobody touched since is not read through again.
        version, app_id, tables = _inspect(path, check=not seal.unchanged_since_close(path))
        if app_id != APPLICATION_ID:
            raise DatabaseCorruptError(_foreign_message(
                path, _("fichier SQLite d'un autre programme") if tables or app_id
                else _("base SQLite vide, sans l'identifiant d'Incident Wizard")))
        if version < 1 or not _CORE_TABLES <= tables:
            raise DatabaseCorruptError(_corrupt_message(
                path, _("schéma {version}, tables manquantes : {tables}").format(
                    version=version,
                    tables=", ".join(sorted(_CORE_TABLES - tables)) or _("aucune"))))
        if version > SCHEMA_VERSION:
            raise DatabaseTooNewError(_(
                "Le fichier de données {path} a été écrit par une version plus récente "
                "d'Incident Wizard (schéma {version}, cette version connaît le schéma "
                "{known}). Il n'a pas été modifié. Installez la dernière version "
                "de l'application pour l'ouvrir.").format(path=path, version=version,
                                                         known=SCHEMA_VERSION)
            )
        read_only = not problems.is_writable(path)
        if read_only and version < SCHEMA_VERSION:
            raise StorageError(_(
                "{message} Cette version doit d'abord mettre ce fichier à jour (schéma {version} "
                "vers {known}) : il n'a pas été modifié.").format(
                    message=problems.read_only_message(path), version=version, known=SCHEMA_VERSION))
        if not read_only:
            seal.forget(path)  # from now on, the file may change
        database = Database.connect(path, read_only=read_only)
        try:
            storage = cls(database)
            if read_only:
                storage.warnings = [problems.read_only_message(path), *permission_warnings(path)]
                return storage
            if version < SCHEMA_VERSION:
                storage.backup(_free_name(path.with_name(
                    f"{DB_FILENAME}.avant-migration-v{version}-{now_utc():%Y%m%dT%H%M%SZ}")))
                storage._migrate(version)
            if storage.get_setting(_ANCHOR_PENDING):
                storage._anchor_legacy()
            storage._remove_backup_leftovers()
            storage.warnings = permission_warnings(path)
        except Exception:
            database.close()
            raise
        return storage

    @classmethod
    def _create(cls, path: Path) -> None:
        """A new register: built complete (current schema, our id) under a temporary name in the
        data folder and renamed, so that a killed first start never leaves an empty or
        half-made file under the database's name."""
        from .. import files

        with files.atomic_path(path) as tmp:
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                cls(Database(conn, tmp))._migrate(0)
            finally:
                conn.close()

    def _migrate(self, version: int) -> None:
        maintenance.migrate(self.database, version)

    def _anchor_legacy(self) -> None:
        maintenance.anchor_legacy(self.database, self.settings, self.incidents, self.journal_repo)

    # --- the database -------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection; when it was the last one (a clean close), mark the file as
        checked and unchanged (storage.seal), for the next opening."""
        self.database.close()
        seal.seal(Path(self.database.path))

    def __enter__(self) -> Storage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return self.database.transaction()

    def snapshot(self) -> AbstractContextManager[None]:
        """Reads inside see one consistent state of the database (see Database.snapshot)."""
        return self.database.snapshot()

    def backup(self, destination: Path, replace: bool = False) -> Path:
        """A checked, private copy of the database (see Database.backup); ``replace``: an
        existing backup of that name is kept under a dated name, never deleted. The temporary
        file being written is remembered in the settings, so that a killed backup's partial
        copy is removed at the next start (_remove_backup_leftovers)."""
        return self.database.backup(destination, replace, self._backup_pending)

    def _backup_pending(self, tmp: Path | None) -> None:
        try:
            if tmp is None:
                self.settings.delete(_BACKUP_PENDING)
            else:
                self.settings.set(_BACKUP_PENDING, str(Path(tmp).absolute()))
        except (StorageError, sqlite3.Error):
            pass  # a read-only database can still be copied; only the clean-up is lost

    def _remove_backup_leftovers(self) -> None:
        """The partial copy a killed backup left (under its temporary, hidden name) removed."""
        from .. import files

        try:
            pending = self.settings.get(_BACKUP_PENDING)
        except (ValueError, sqlite3.Error):
            return
        if not pending:
            return
        leftover = Path(str(pending))
        if leftover.name.startswith(files.TMP_MARK):
            with contextlib.suppress(OSError):
                remove_partial_copy(leftover)
        self._backup_pending(None)

    def another_connection(self) -> Storage:
        """A Storage on a second connection to the same database, for work in another thread."""
        return type(self)(self.database.another_connection())

    # --- settings and profile -----------------------------------------------------------------

    def get_setting(self, key: str | Setting, default: Any = DECLARED_DEFAULT) -> Any:
        """A setting declared in domain/settings.py (or its name), its declared default when unset."""
        return self.settings.get(key, default)

    def set_setting(self, key: str | Setting, value: Any) -> None:
        self.settings.set(key, value)

    def load_profile(self) -> Organisation | None:
        return self.settings.load_profile()

    def save_profile(self, organisation: Organisation) -> None:
        self.settings.save_profile(organisation)

    # --- incidents ----------------------------------------------------------------------------

    def next_reference(self, at: datetime) -> str:
        return self.incidents.next_reference(at)

    def create_incident(self, at: datetime | None = None, actor: str | None = None,
                        title: str = "") -> Incident:
        """A new open incident with the organisation profile copied in, journaled."""
        return self.incidents.create(at, actor, title)

    def fill_profile(self, organisation: Organisation, at: datetime | None = None,
                     actor: str | None = None) -> list[str]:
        """See IncidentRepository.fill_profile; returns the references filled."""
        return self.incidents.fill_profile(organisation, at, actor)

    def save_incident(self, incident: Incident, at: datetime | None = None,
                      action: str | None = None, details: dict[str, Any] | None = None,
                      actor: str | None = None,
                      more: list[tuple[str, dict[str, Any]]] | None = None) -> None:
        """Store ``incident`` durably; with ``action`` (and ``more`` actions after it), journal
        them in the same transaction. A change of a legal fact is always journaled."""
        self.incidents.save(incident, at, action, details, actor, more)

    def load_incident(self, reference: str) -> Incident:
        return self.incidents.load(reference)

    def has_incident(self, reference: str) -> bool:
        return self.incidents.exists(reference)

    def list_incidents(self, status: str | None = None) -> list[IncidentSummary]:
        return self.incidents.list(status)

    def open_incidents(self) -> list[IncidentSummary]:
        return self.incidents.list_open()

    def _insert_incident(self, incident: Incident, at: datetime) -> None:
        self.incidents.insert(incident, at)

    _summary_columns = staticmethod(summary_columns)
    _deadline_columns = staticmethod(deadline_columns)

    # --- journal ------------------------------------------------------------------------------

    def journal(self, reference: str) -> list[jr.JournalEntry]:
        return self.journal_repo.entries(reference)

    def verify_journal(self, reference: str) -> jr.Verification:
        """The whole chain verified (see JournalRepository.verify)."""
        return self.journal_repo.verify(reference)

    def journal_head(self, reference: str) -> tuple[str, int]:
        """(head hash, entry count): the anchor printed on every exported document."""
        return self.journal_repo.head(reference)

    def append_journal(self, reference: str, action: str, details: dict[str, Any] | None = None,
                       at: datetime | None = None, actor: str | None = None) -> jr.JournalEntry | None:
        """Journal an action (None when it is an export of an imported copy, logged instead)."""
        return self.journal_repo.append_action(reference, action, details, at, actor)

    def append_journal_batch(self, reference: str, actions: list[tuple[str, dict[str, Any]]],
                             at: datetime | None = None, actor: str | None = None) -> None:
        """Several actions on one incident, journaled in one transaction."""
        self.journal_repo.append_actions(reference, actions, at, actor)

    def append_journal_many(self, references: list[str], action: str, details: dict[str, Any],
                            at: datetime | None = None, actor: str | None = None) -> None:
        """The same action journaled for several incidents, in one transaction."""
        self.journal_repo.append_to_many(references, action, details, at, actor)

    def _check_extendable(self, reference: str) -> None:
        self.journal_repo.check_extendable(reference)

    # Every journal write of every repository passes through the two methods below (see
    # _StorageJournal), which run the journal repository's own implementation.

    def _append(self, reference: str, at: datetime, actor: str | None, action: str,
                details: dict[str, Any], facts: str | None = None,
                after: Tail | jr.JournalEntry | None = None,
                columns: RowChange | None = None) -> jr.JournalEntry:
        """Append an entry (inside a transaction): JournalRepository.append."""
        return JournalRepository.append(self.journal_repo, reference, at, actor, action, details,
                                        facts, after, columns)

    def _insert_entry(self, reference: str, entry: jr.JournalEntry,
                      columns: RowChange | None = None) -> tuple[Any, ...]:
        """Store an entry (inside a transaction): JournalRepository.insert_entry (the row as
        stored)."""
        return JournalRepository.insert_entry(self.journal_repo, reference, entry, columns)

    # --- attachments --------------------------------------------------------------------------

    def add_attachment(self, incident: Incident, name: str, content: bytes, kind: str,
                       at: datetime | None = None, actor: str | None = None) -> Attachment:
        """Keep a file with the incident (content in the database), journaled with its hash."""
        return self.attachments.add(incident, name, content, kind, at, actor)

    def attachment_content(self, reference: str, sha256: str) -> bytes:
        return self.attachments.content(reference, sha256)

    def keep_copies(self, reference: str, contents: list[bytes]) -> None:
        """Keep the content of files exported for an incident (the texts to the persons, as
        sent), by SHA-256, in one transaction; their export is journaled by the caller with the
        same SHA-256. They are not listed among the incident's attachments (no new fact)."""
        with self._transaction():
            for content in contents:
                if len(content) <= MAX_ATTACHMENT_BYTES:
                    self.attachments.keep(reference, hashlib.sha256(content).hexdigest(), content)

    def has_content(self, reference: str, sha256: str) -> bool:
        """A file's content is kept for the incident (an attachment or a copy as sent)."""
        return self.database.execute("SELECT 1 FROM attachments WHERE reference=? AND sha256=?",
                                (reference, sha256)).fetchone() is not None

    # --- import -------------------------------------------------------------------------------

    def local_reference(self, incident: Incident) -> str:
        """Where an incoming incident goes in this data folder (see ImportRepository)."""
        return self.import_repo.local_reference(incident)

    def import_incident(self, incident: Incident, entries: list[jr.JournalEntry],
                        at: datetime | None = None, actor: str | None = None,
                        source: str = "", contents: dict[str, bytes] | None = None,
                        update: bool = False) -> ImportResult:
        """Insert (or, with ``update``, extend) an incident from a file, all or nothing (see
        ImportRepository.import_incident)."""
        return self.import_repo.import_incident(incident, entries, at, actor, source, contents,
                                                update)

    def imports(self, reference: str) -> list[dict[str, Any]]:
        """The import log of an incident, oldest first."""
        return self.import_log.entries(reference)

