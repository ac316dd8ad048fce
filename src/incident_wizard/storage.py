"""The only code that touches SQLite: incidents, the organisation profile and the journal.

Durability: WAL with ``synchronous=FULL``; every public method that changes something runs in one
transaction that is committed before it returns, so a confirmed change survives a killed process
or a power cut. The schema is versioned (``PRAGMA user_version``); a copy of the file is taken
before any migration. A database written by a newer version, a corrupt file or a file that is not
ours is never modified: opening it raises an error whose message says so, in French.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .domain import followup, obligations, record
from .domain import journal as jr
from .domain.clock import PARIS, now_utc
from .domain.errors import IncidentWizardError, ValidationError, os_error_reason
from .domain.model import OPEN, Attachment, Incident, Organisation, pharmacy_identity
from .domain.obligations import Deadline
from .domain.serialize import clean_str, format_instant, from_data, parse_instant, to_data
from .domain.validation import EARLIEST, LATEST, check_structure
from .locations import make_private_dir

DB_FILENAME = "incidents.sqlite3"
#: 'IWzd': marks the file as an Incident Wizard database (PRAGMA application_id).
APPLICATION_ID = 0x49577A64
SCHEMA_VERSION = 5
from .domain.validation import MAX_ATTACHMENT_BYTES  # noqa: E402 - the one limit, re-exported

# Each migration brings the schema from version N-1 to N (index 0 creates version 1).
MIGRATIONS: list[str] = [
    """
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE incidents (
        reference     TEXT PRIMARY KEY,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        status        TEXT NOT NULL,
        title         TEXT NOT NULL,
        awareness_at  TEXT,
        notified_at   TEXT,
        data          TEXT NOT NULL,
        journal_count INTEGER NOT NULL DEFAULT 0,
        journal_head  TEXT NOT NULL
    );
    CREATE TABLE journal (
        reference TEXT NOT NULL REFERENCES incidents(reference),
        seq       INTEGER NOT NULL,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        details   TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL,
        PRIMARY KEY (reference, seq)
    );
    CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    """,
    # 2: the decision's outcome as a column, so that lists and reminders need not parse JSON.
    """
    ALTER TABLE incidents ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
    UPDATE incidents SET outcome = coalesce(json_extract(data, '$.decision.outcome'), '');
    """,
    # 3: attached files (the CNIL's summary of a notification, a complaint receipt...).
    """
    CREATE TABLE attachments (
        reference TEXT NOT NULL REFERENCES incidents(reference),
        sha256    TEXT NOT NULL,
        content   BLOB NOT NULL,
        PRIMARY KEY (reference, sha256)
    );
    """,
    # 4: journal entries cover the incident's legal facts (digest); the clock's start and the
    # pending deadlines as columns for the home list and the reminders. Existing incidents whose
    # chain is intact get one entry that anchors their facts (see _anchor_legacy).
    """
    ALTER TABLE journal ADD COLUMN facts TEXT NOT NULL DEFAULT '';
    ALTER TABLE incidents ADD COLUMN facts_from INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE incidents ADD COLUMN clock_start TEXT;
    ALTER TABLE incidents ADD COLUMN deadlines TEXT NOT NULL DEFAULT '[]';
    """,
    # 5: the log of incident files imported (new incidents and updates). It is kept out of the
    # incident's chained journal, so that the stored journal stays the sender's, entry for entry,
    # and a later file from the same sender can extend it.
    """
    CREATE TABLE imports (
        id        INTEGER PRIMARY KEY,
        reference TEXT NOT NULL REFERENCES incidents(reference),
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        source    TEXT NOT NULL,
        kind      TEXT NOT NULL,
        entries_before INTEGER NOT NULL,
        entries_after  INTEGER NOT NULL,
        head      TEXT NOT NULL,
        data_digest TEXT NOT NULL DEFAULT ''
    );
    CREATE TRIGGER imports_no_update BEFORE UPDATE ON imports
    BEGIN SELECT RAISE(ABORT, 'the import log is append-only'); END;
    CREATE TRIGGER imports_no_delete BEFORE DELETE ON imports
    BEGIN SELECT RAISE(ABORT, 'the import log is append-only'); END;
    """,
]
#: Set by the migration to schema 4, cleared once every legacy incident is anchored.
_ANCHOR_PENDING = "migration.anchor_pending"
#: The actor of entries the application writes by itself (migration anchors).
SYSTEM_ACTOR = "Incident Wizard"


class StorageError(IncidentWizardError):
    """The database cannot be used; the message says why and what was (not) done."""


class DatabaseTooNewError(StorageError):
    pass


class DatabaseCorruptError(StorageError):
    pass


class IncidentNotFoundError(StorageError):
    pass


class JournalAlteredError(StorageError):
    """The incident's journal or its facts were altered: it is never extended."""


class DiskFullError(StorageError):
    """The disk holding the data is full."""


class DamagedIncidentError(StorageError):
    """One stored incident cannot be read or validated; the others stay usable."""


def damaged_message(reference: str, detail: str) -> str:
    return (f"L'incident {reference} est endommagé dans le fichier de données ({detail[:300]}) : il "
            "ne peut pas être ouvert. Les autres incidents restent utilisables. Restaurez-le depuis "
            "une sauvegarde (Pharmacie → Sauvegarder les données, ou une copie « avant-migration ») "
            "ou contactez votre prestataire informatique.")


@dataclass(frozen=True)
class IncidentSummary:
    """One line of the home screen and of the register list."""

    reference: str
    title: str
    status: str
    created_at: datetime
    updated_at: datetime
    awareness_at: datetime | None
    notified_at: datetime | None
    outcome: str = ""
    #: When the 72 hours run from (the earliest of awareness and the processor's report).
    clock_start: datetime | None = None
    #: Deadlines still to meet, soonest first (domain.obligations.deadlines).
    deadlines: tuple[Deadline, ...] = ()
    #: Why the stored incident cannot be read ("" when it can): it is listed, not opened.
    damaged: str = ""
    #: Follow-up actions not done yet (domain.followup), open and closed incidents alike.
    actions: tuple[followup.ActionDue, ...] = ()
    #: The controller (a DPO's folder holds several pharmacies): its name and its identity
    #: (model.pharmacy_identity: "siret:…" or "nom:…").
    pharmacy: str = ""
    pharmacy_id: str = ""


def default_actor() -> str:
    """Who acts, for the journal: the operating-system account name."""
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no account name is not a reason to fail
        return "utilisateur"


def _inspect(path: Path) -> tuple[int, int, set[str]]:
    """Read (user_version, application_id, table names) without writing anything, except the
    recovery SQLite itself does after a crash (a hot journal or WAL is rolled back or replayed,
    as any program opening the file would do; a read-only connection cannot do it).

    Raises a StorageError saying what is wrong (damaged, not a database, unreadable...)."""
    try:
        return _inspect_with(path, "ro")
    except StorageError as refused:
        cause = refused.__cause__
        hot = any(path.with_name(path.name + suffix).exists() for suffix in ("-wal", "-journal"))
        if problem_kind(cause) == "read-only" and hot and os.access(path.parent, os.W_OK):
            return _inspect_with(path, "rw")
        raise


def _inspect_with(path: Path, mode: str) -> tuple[int, int, set[str]]:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True)
    except sqlite3.Error as error:
        raise diagnose(path, error) from error
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise DatabaseCorruptError(_corrupt_message(path, check))
        return version, app_id, tables
    except sqlite3.Error as error:
        raise diagnose(path, error) from error
    finally:
        conn.close()


#: The tables every schema version has (a file with our id and none of them is not ours).
_CORE_TABLES = {"settings", "incidents", "journal"}

#: SQLite's primary result codes that say something about the machine, not the file.
_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT = 3, 8, 10, 11
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
_SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_AUTH, _SQLITE_NOTADB = 13, 14, 23, 26


def problem_kind(error: BaseException) -> str:
    """What an OS or SQLite error says about the situation: "full", "read-only", "permission",
    "damaged", "io" (the disk failed), "cannot-open" or "" (something else)."""
    if isinstance(error, OSError):
        return {errno.ENOSPC: "full", errno.EDQUOT: "full", errno.EROFS: "read-only",
                errno.EACCES: "permission", errno.EPERM: "permission",
                errno.EIO: "io"}.get(error.errno or 0, "")
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return ""
    return {_SQLITE_FULL: "full", _SQLITE_READONLY: "read-only", _SQLITE_PERM: "permission",
            _SQLITE_AUTH: "permission", _SQLITE_CANTOPEN: "cannot-open",
            _SQLITE_CORRUPT: "damaged", _SQLITE_NOTADB: "damaged",
            _SQLITE_BUSY: "busy", _SQLITE_LOCKED: "busy",
            _SQLITE_IOERR: "io"}.get(code & 0xFF, "")


def _detail(error: BaseException) -> str:
    if isinstance(error, OSError):
        return os_error_reason(error)
    return str(error)


def diagnose(path: Path, error: BaseException) -> StorageError:
    """The French explanation of why the database at ``path`` could not be opened or read.
    Every message says that nothing was modified and what to do."""
    kind = problem_kind(error)
    folder = path.parent
    if kind == "busy":
        return StorageError(
            f"Le fichier de données {path} est utilisé par un autre programme (sauvegarde, "
            "synchronisation, outil de base de données) qui le garde verrouillé. Il n'est pas "
            "endommagé et n'a pas été modifié : fermez cet autre programme, puis relancez.")
    if kind == "full":
        return DiskFullError(
            f"Le disque qui contient les données d'Incident Wizard ({folder}) est plein : "
            "l'application ne peut pas démarrer sans risquer de perdre une saisie. Rien n'a été "
            "modifié. Libérez de la place (corbeille, téléchargements), puis relancez.")
    if kind == "read-only":
        return StorageError(
            f"Le dossier de données {folder} est en lecture seule (clé USB verrouillée, partage "
            "réseau, disque monté en lecture seule) : les saisies ne pourraient pas être "
            "enregistrées. Rien n'a été modifié. Rendez ce dossier modifiable ou choisissez-en un "
            "autre (option --data-dir).")
    if kind == "permission":
        return StorageError(
            f"Votre compte n'a pas le droit de lire ou d'écrire {path} ({_detail(error)}). Rien "
            "n'a été modifié. Demandez à votre prestataire informatique de vous rendre ces "
            "droits, ou choisissez un autre dossier de données (option --data-dir).")
    if kind == "io":
        return StorageError(
            f"Le disque n'a pas pu lire ou écrire {path} ({_detail(error)}) : il est peut-être "
            "défaillant ou débranché. Rien n'a été modifié. Vérifiez le disque (ou la clé), "
            "faites une copie du dossier de données, puis relancez.")
    if kind not in ("damaged",) or not isinstance(error, sqlite3.DatabaseError):
        return StorageError(
            f"Le dossier de données {folder} ne peut pas être utilisé ({_detail(error)}). Rien "
            "n'a été modifié. Vérifiez ce dossier ou choisissez-en un autre (option --data-dir).")
    code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
    if code == _SQLITE_NOTADB:
        detail = "son en-tête n'est pas celui d'une base de données : fichier abîmé, ou autre fichier"
    elif code == _SQLITE_CORRUPT:
        detail = "des pages de la base sont illisibles"
    else:
        detail = _detail(error)
    return DatabaseCorruptError(_corrupt_message(path, detail))


def _free_name(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3``... if it exists (a copy taken just before an
    interrupted migration is kept; the next start takes its own)."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def permission_warnings(path: Path) -> list[str]:
    """French warnings when the database or its folder can be read by other accounts of this
    computer (POSIX). The app never changes them: their owner may share them on purpose."""
    if os.name != "posix":
        return []
    warnings = []
    for target, what in ((path.parent, "Le dossier de données"), (path, "Le fichier de données")):
        try:
            mode = target.stat().st_mode & 0o777
        except OSError:
            continue
        if mode & 0o077:
            warnings.append(
                f"{what} {target} est accessible à d'autres comptes de cet ordinateur (droits "
                f"{mode:04o}) alors qu'il contient des données de santé. Incident Wizard ne "
                f"modifie pas ces droits : si ce partage n'est pas voulu, demandez à votre "
                f"prestataire de les restreindre (chmod 700 pour le dossier, 600 pour le "
                f"fichier).")
    return warnings


def _corrupt_message(path: Path, detail: object) -> str:
    return (
        f"Le fichier de données {path} est endommagé ({detail}). Il n'a pas été modifié. "
        "Gardez-en une copie, puis, application fermée, remplacez-le par votre dernière "
        "sauvegarde (le fichier écrit par « Sauvegarder les données… », renommé "
        f"{DB_FILENAME}) en déplaçant aussi les fichiers {DB_FILENAME}-wal et "
        f"{DB_FILENAME}-shm s'ils existent, ou contactez votre prestataire informatique ; vous "
        "pouvez démarrer avec un autre dossier de données (option --data-dir)."
    )


def _foreign_message(path: Path, detail: str) -> str:
    return (
        f"Le fichier {path} n'est pas une base de données d'Incident Wizard ({detail}). Il n'a "
        "pas été modifié. Il a peut-être été copié là par erreur : déplacez-le ailleurs, ou "
        "démarrez avec un autre dossier de données (option --data-dir).")


def _empty_message(path: Path) -> str:
    return (
        f"Le fichier de données {path} est vide (0 octet) : il a peut-être été tronqué par une "
        "panne ou une copie interrompue. Il n'a pas été modifié. Si vous avez une sauvegarde, "
        "restaurez-la à sa place ; sinon, déplacez ce fichier ailleurs (avec ses fichiers -wal et "
        "-shm s'ils existent) et relancez : un registre neuf sera créé.")


def _write_failure(path: Path, error: Exception) -> str:
    kind = problem_kind(error)
    if kind == "full":
        cause = "le disque est plein : libérez de la place"
    elif kind in ("read-only", "permission"):
        cause = f"le fichier {path} ne peut pas être modifié (lecture seule ou droits) : vérifiez-le"
    elif kind == "io":
        cause = "le disque a renvoyé une erreur : vérifiez-le"
    else:
        cause = (f"vérifiez qu'il reste de la place sur le disque et que le fichier {path} n'est "
                 "pas ouvert par un autre programme")
    return (f"L'enregistrement n'a pas pu être fait ({_detail(error)}) : la dernière saisie n'est "
            f"pas enregistrée ; {cause}, puis recommencez.")


class Storage:
    """An open database. Use :meth:`open`; close it with :meth:`close`."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self._conn = conn
        self.path = path
        #: French warnings found at opening (e.g. data readable by other accounts); the app
        #: shows them, it never changes permissions it did not set.
        self.warnings: list[str] = []

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
        from . import files

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
        version, app_id, tables = _inspect(path)
        if app_id != APPLICATION_ID:
            raise DatabaseCorruptError(_foreign_message(
                path, "fichier SQLite d'un autre programme" if tables or app_id
                else "base SQLite vide, sans l'identifiant d'Incident Wizard"))
        if version < 1 or not _CORE_TABLES <= tables:
            raise DatabaseCorruptError(_corrupt_message(
                path, f"schéma {version}, tables manquantes : "
                f"{', '.join(sorted(_CORE_TABLES - tables)) or 'aucune'}"))
        if version > SCHEMA_VERSION:
            raise DatabaseTooNewError(
                f"Le fichier de données {path} a été écrit par une version plus récente "
                f"d'Incident Wizard (schéma {version}, cette version connaît le schéma "
                f"{SCHEMA_VERSION}). Il n'a pas été modifié. Installez la dernière version "
                "de l'application pour l'ouvrir."
            )
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            storage = cls(conn, path)
            if version < SCHEMA_VERSION:
                storage.backup(_free_name(path.with_name(
                    f"{DB_FILENAME}.avant-migration-v{version}-{now_utc():%Y%m%dT%H%M%SZ}")))
                storage._migrate(version)
            if storage.get_setting(_ANCHOR_PENDING):
                storage._anchor_legacy()
            storage.warnings = permission_warnings(path)
        except Exception:
            conn.close()
            raise
        return storage

    @classmethod
    def _create(cls, path: Path) -> None:
        """A new register: built complete (current schema, our id) under a temporary name in the
        data folder and renamed, so that a killed first start never leaves an empty or
        half-made file under the database's name."""
        from . import files

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
        from . import files

        destination = Path(destination)
        if destination.exists():
            raise StorageError(f"{destination} existe déjà : choisissez un autre nom (rien n'a été "
                               "écrit).")
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
                    raise StorageError(f"La copie écrite dans {destination.parent} ne se relit pas "
                                       f"correctement ({check}) : elle a été supprimée.")
        except (OSError, sqlite3.Error) as error:
            detail = _detail(error)
            raise StorageError(f"La sauvegarde n'a pas pu être écrite dans {destination.parent} "
                               f"({detail}) : rien n'a été laissé à cet endroit. Vérifiez la place "
                               "libre et les droits, puis recommencez.") from None
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

    def another_connection(self) -> Storage:
        """A second connection to the same, already opened database, for work in another
        thread (a connection is never shared between threads). WAL lets it read while this one
        writes; its writes wait for this one's (busy timeout)."""
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        return Storage(conn, self.path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Storage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One durable transaction; a disk or lock failure becomes a French StorageError (the
        change is not stored, nothing half-written)."""
        conn = self._conn
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

    # --- settings and profile -----------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        with self._transaction() as conn:
            conn.execute("INSERT INTO settings(key, value) VALUES(?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                         (key, json.dumps(to_data(value), ensure_ascii=False)))

    def load_profile(self) -> Organisation | None:
        data = self.get_setting("organisation")
        return from_data(Organisation, data, "organisation") if data is not None else None

    def save_profile(self, organisation: Organisation) -> None:
        self.set_setting("organisation", to_data(organisation))

    # --- incidents ----------------------------------------------------------------------------

    def next_reference(self, at: datetime) -> str:
        year = at.astimezone(PARIS).year
        prefix = f"VDP-{year}-"
        rows = self._conn.execute(
            "SELECT reference FROM incidents WHERE reference LIKE ?", (prefix + "%",)).fetchall()
        numbers = [int(r[0][len(prefix):]) for r in rows if r[0][len(prefix):].isdigit()]
        return f"{prefix}{max(numbers, default=0) + 1:03d}"

    def create_incident(self, at: datetime | None = None, actor: str | None = None,
                        title: str = "") -> Incident:
        """A new open incident with the organisation profile copied in, journaled."""
        at = at or now_utc()
        with self._transaction():
            incident = Incident(reference=self.next_reference(at), created_at=at, title=clean_str(title))
            profile = self.load_profile()
            if profile is not None:
                incident.organisation = profile
            self._insert_incident(incident, at)
            self._append(incident.reference, at, actor, "incident_created", {"title": title})
        return incident

    def fill_profile(self, organisation: Organisation, at: datetime | None = None,
                     actor: str | None = None) -> list[str]:
        """Give the pharmacy's profile to the open incidents that have no document exported
        yet (an incident created before the profile was filled, e.g. when the first-start
        dialog was cancelled, would otherwise keep empty pharmacy details for good); each is
        journaled. An incident already exported keeps the details its documents carry; an
        imported one keeps its sender's (it is another pharmacy's incident). Returns the
        references filled."""
        at = at or now_utc()
        filled = []
        for summary in self.open_incidents():
            if summary.damaged:
                continue
            exported = self._conn.execute(
                "SELECT 1 FROM journal WHERE reference = ? AND action = 'document_exported' LIMIT 1",
                (summary.reference,)).fetchone()
            imported = self._conn.execute("SELECT 1 FROM imports WHERE reference = ? LIMIT 1",
                                          (summary.reference,)).fetchone()
            if exported or imported:  # an imported incident keeps its sender's organisation
                continue
            try:
                incident = self.load_incident(summary.reference)
            except IncidentWizardError:
                continue
            if incident.organisation == organisation:
                continue
            incident.organisation = organisation
            try:
                self.save_incident(incident, at, "organisation_filled",
                                   {"organisation": organisation.name}, actor=actor)
            except JournalAlteredError:
                continue  # an altered incident is never extended
            filled.append(summary.reference)
        return filled

    def _insert_incident(self, incident: Incident, at: datetime) -> None:
        self._conn.execute(
            "INSERT INTO incidents(reference, created_at, updated_at, status, title, awareness_at,"
            " notified_at, data, outcome, clock_start, deadlines, journal_count, journal_head)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,0,?)",
            (incident.reference, format_instant(incident.created_at), format_instant(at),
             *self._summary_columns(incident), *self._deadline_columns(incident), jr.GENESIS))

    @staticmethod
    def _summary_columns(incident: Incident, data: dict[str, Any] | None = None) -> tuple[Any, ...]:
        awareness = incident.dates.awareness_at
        notified = incident.first_notification_at()
        return (
            incident.status,
            clean_str(incident.title),
            format_instant(awareness) if awareness else None,
            format_instant(notified) if notified else None,
            json.dumps(data if data is not None else to_data(incident), ensure_ascii=False),
            incident.decision.outcome,
        )

    @staticmethod
    def _deadline_columns(incident: Incident) -> tuple[Any, ...]:
        start = obligations.clock_start(incident)
        pending = [{"kind": d.kind, "due": format_instant(d.due), "label": d.label}
                   for d in obligations.deadlines(incident)]
        return (format_instant(start) if start else None, json.dumps(pending, ensure_ascii=False))

    def save_incident(self, incident: Incident, at: datetime | None = None,
                      action: str | None = None, details: dict[str, Any] | None = None,
                      actor: str | None = None,
                      more: list[tuple[str, dict[str, Any]]] | None = None) -> None:
        """Store ``incident`` durably; with ``action`` (and ``more`` actions after it), journal
        them in the same transaction. A change of a legal fact is always journaled."""
        at = at or now_utc()
        data = to_data(incident)
        new_facts = record.facts_of(data)
        new_digest = record.digest(new_facts)
        with self._transaction() as conn:
            row = conn.execute("SELECT data FROM incidents WHERE reference = ?",
                               (incident.reference,)).fetchone()
            if row is None:
                raise IncidentNotFoundError(f"L'incident {incident.reference} n'existe pas.")
            last = conn.execute("SELECT facts FROM journal WHERE reference = ? ORDER BY seq DESC "
                                "LIMIT 1", (incident.reference,)).fetchone()
            old_facts = record.facts_of(json.loads(row[0]))
            if last is not None and last[0] and last[0] != record.digest(old_facts):
                # The stored incident was edited outside the app: saving over it would erase
                # the evidence. Refuse (the session becomes read-only).
                self._check_extendable(incident.reference)
            changes: list[dict[str, Any]] = []
            if last is None or last[0] != new_digest:
                # Every change of a legal fact is journaled with its old and new values
                # (brief section 10), with the action that made it or on its own.
                changes = record.changes(old_facts, new_facts)
            if action or changes:
                self._check_extendable(incident.reference)
            conn.execute(
                "UPDATE incidents SET status=?, title=?, awareness_at=?, notified_at=?, data=?,"
                " outcome=?, clock_start=?, deadlines=?, updated_at=? WHERE reference=?",
                (*self._summary_columns(incident, data), *self._deadline_columns(incident),
                 format_instant(at), incident.reference))
            if action:
                details = dict(details or {})
                if changes:
                    details["changes"] = changes
                self._append(incident.reference, at, actor, action, details, new_digest)
                for extra_action, extra_details in more or []:
                    self._append(incident.reference, at, actor, extra_action, extra_details,
                                 new_digest)
            elif changes:
                self._append(incident.reference, at, actor, "facts_changed", {"changes": changes},
                             new_digest)

    def load_incident(self, reference: str) -> Incident:
        """The stored incident, validated (DamagedIncidentError, in French, when it cannot be
        read: a damaged row never stops the rest of the register)."""
        try:
            row = self._conn.execute("SELECT data FROM incidents WHERE reference = ?",
                                     (reference,)).fetchone()
        except sqlite3.DatabaseError as error:
            raise DamagedIncidentError(damaged_message(reference, str(error))) from None
        if row is None:
            raise IncidentNotFoundError(f"Aucun incident ne porte la référence « {reference} ».")
        try:
            incident = from_data(Incident, json.loads(row[0]), reference)
        except (ValueError, TypeError, RecursionError, ValidationError) as error:
            raise DamagedIncidentError(damaged_message(reference, str(error))) from None
        problems = check_structure(incident)
        if problems:
            raise DamagedIncidentError(damaged_message(reference, problems[0]))
        return incident

    def has_incident(self, reference: str) -> bool:
        return self._conn.execute("SELECT 1 FROM incidents WHERE reference = ?",
                                  (reference,)).fetchone() is not None

    def list_incidents(self, status: str | None = None) -> list[IncidentSummary]:
        query = ("SELECT reference, title, status, created_at, updated_at, awareness_at, notified_at,"
                 " outcome, clock_start, deadlines,"
                 " CASE WHEN json_valid(data) THEN '' ELSE 'données illisibles' END,"
                 " CASE WHEN json_valid(data) THEN json_extract(data, '$.actions') END,"
                 " CASE WHEN json_valid(data) THEN json_extract(data, '$.organisation.name') END,"
                 " CASE WHEN json_valid(data) THEN json_extract(data, '$.organisation.siret') END"
                 " FROM incidents")
        args: tuple[Any, ...] = ()
        if status is not None:
            query += " WHERE status = ?"
            args = (status,)
        order = " ORDER BY created_at DESC, reference DESC"
        try:
            rows = self._conn.execute(query + order, args).fetchall()
        except sqlite3.DatabaseError:
            # A damaged page: read the rows one by one, so that only the damaged ones are lost.
            rows = []
            refs = self._conn.execute("SELECT reference FROM incidents" + (" WHERE status = ?" if args else ""),
                                      args).fetchall()
            for (reference,) in refs:
                try:
                    rows.append(self._conn.execute(query + (" AND" if args else " WHERE") +
                                                   " reference = ?", (*args, reference)).fetchone())
                except sqlite3.DatabaseError as error:
                    rows.append((reference, "", status or OPEN, None, None, None, None, "", None,
                                 "[]", str(error), None, None, None))
        return [_summary(r) for r in rows if r is not None]

    def open_incidents(self) -> list[IncidentSummary]:
        return self.list_incidents(OPEN)

    # --- journal ------------------------------------------------------------------------------

    def _append(self, reference: str, at: datetime, actor: str | None, action: str,
                details: dict[str, Any], facts: str | None = None) -> jr.JournalEntry:
        """Append an entry (inside a transaction); ``facts``: the digest of the incident's facts
        as now stored (read from the row when not given)."""
        row = self._conn.execute(
            "SELECT seq, at, actor, action, details, prev_hash, hash, facts FROM journal"
            " WHERE reference = ? ORDER BY seq DESC LIMIT 1", (reference,)).fetchone()
        previous = _entry(row) if row else None
        if facts is None:
            data = self._conn.execute("SELECT data FROM incidents WHERE reference = ?",
                                      (reference,)).fetchone()
            facts = record.digest_of(json.loads(data[0])) if data else ""
        entry = jr.make_entry(reference, previous, at, actor or default_actor(), action, details,
                              facts)
        self._insert_entry(reference, entry)
        return entry

    def _check_extendable(self, reference: str) -> None:
        """Refuse to extend a journal whose chain or facts were altered (no "healing")."""
        verification = self.verify_journal(reference)
        if not verification.ok:
            raise JournalAlteredError(altered_message(reference, verification.message))

    def _insert_entry(self, reference: str, entry: jr.JournalEntry) -> None:
        self._conn.execute(
            "INSERT INTO journal(reference, seq, at, actor, action, details, prev_hash, hash, facts)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            (reference, entry.seq, format_instant(entry.at), entry.actor, entry.action,
             json.dumps(entry.details, ensure_ascii=False), entry.prev_hash, entry.hash,
             entry.facts))
        # facts_from: the first entry that covers the facts; every later one must too.
        self._conn.execute(
            "UPDATE incidents SET journal_count = ?, journal_head = ?, facts_from = CASE WHEN"
            " facts_from = 0 AND ? != '' THEN ? ELSE facts_from END WHERE reference = ?",
            (entry.seq, entry.hash, entry.facts, entry.seq, reference))

    def append_journal(self, reference: str, action: str, details: dict[str, Any] | None = None,
                       at: datetime | None = None, actor: str | None = None) -> jr.JournalEntry:
        with self._transaction():
            if not self.has_incident(reference):
                raise IncidentNotFoundError(f"Aucun incident ne porte la référence « {reference} ».")
            self._check_extendable(reference)
            return self._append(reference, at or now_utc(), actor, action, details or {})

    def append_journal_batch(self, reference: str, actions: list[tuple[str, dict[str, Any]]],
                             at: datetime | None = None, actor: str | None = None) -> None:
        """Several actions on one incident, journaled in one transaction."""
        at = at or now_utc()
        with self._transaction():
            if not self.has_incident(reference):
                raise IncidentNotFoundError(f"Aucun incident ne porte la référence « {reference} ».")
            self._check_extendable(reference)
            for action, details in actions:
                self._append(reference, at, actor, action, details)

    def append_journal_many(self, references: list[str], action: str, details: dict[str, Any],
                            at: datetime | None = None, actor: str | None = None) -> None:
        """The same action journaled for several incidents, in one transaction."""
        at = at or now_utc()
        with self._transaction():
            for reference in references:
                self._check_extendable(reference)
                self._append(reference, at, actor, action, details)

    def journal(self, reference: str) -> list[jr.JournalEntry]:
        rows = self._conn.execute(
            "SELECT seq, at, actor, action, details, prev_hash, hash, facts FROM journal"
            " WHERE reference = ? ORDER BY seq", (reference,))
        return [_entry(r) for r in rows]

    def verify_journal(self, reference: str) -> jr.Verification:
        """The chain, its count and head kept with the incident, and the incident's stored legal
        facts against the last entry that covers them."""
        try:
            row = self._conn.execute(
                "SELECT journal_count, journal_head, data, facts_from, status, outcome, awareness_at,"
                " notified_at, clock_start, deadlines FROM incidents WHERE reference = ?",
                (reference,)).fetchone()
        except sqlite3.DatabaseError:
            return jr.Verification(False, 0, None, f"Journal de {reference} illisible : le fichier "
                                   "de données est endommagé à cet endroit.")
        if row is None:
            raise IncidentNotFoundError(f"Aucun incident ne porte la référence « {reference} ».")
        try:
            entries = self.journal(reference)
            stored_facts = record.digest_of(json.loads(row[2]))
        except (ValueError, TypeError, AttributeError, RecursionError, sqlite3.DatabaseError,
                IncidentWizardError):
            return jr.Verification(False, 0, None,
                                   f"Journal de {reference} illisible : une entrée ou l'incident "
                                   "enregistré ne peut pas être relu.")
        check = jr.verify(reference, entries, expected_count=row[0], expected_head=row[1],
                          stored_facts=stored_facts, facts_from=row[3])
        if check.ok:
            check = self._verify_summary(reference, row, check)
        return check

    def _verify_summary(self, reference: str, row: tuple[Any, ...],
                        check: jr.Verification) -> jr.Verification:
        """The summary columns (home list, reminders) must say what the incident says."""
        try:
            incident = from_data(Incident, json.loads(row[2]), reference)
            expected = self._summary_columns(incident, {})
            deadline_columns = self._deadline_columns(incident)
        except (ValueError, TypeError, RecursionError, IncidentWizardError):
            return jr.Verification(False, check.count, None,
                                   f"Journal de {reference} : l'incident enregistré est illisible.")
        stored = (row[4], row[6], row[7], row[5], row[8], row[9])
        wanted = (expected[0], expected[2], expected[3], expected[5], *deadline_columns)
        if stored != wanted:
            return jr.Verification(False, check.count, None,
                                   f"Journal de {reference} : le résumé de l'incident (statut, "
                                   "décision, dates ou échéances affichés dans la liste) ne correspond "
                                   "plus à l'incident ; il a été modifié en dehors de l'application.")
        return check

    def journal_head(self, reference: str) -> tuple[str, int]:
        """(head hash, entry count): the anchor printed on every exported document."""
        row = self._conn.execute("SELECT journal_head, journal_count FROM incidents WHERE reference = ?",
                                 (reference,)).fetchone()
        if row is None:
            raise IncidentNotFoundError(f"Aucun incident ne porte la référence « {reference} ».")
        return row[0], row[1]

    # --- attachments --------------------------------------------------------------------------

    def add_attachment(self, incident: Incident, name: str, content: bytes, kind: str,
                       at: datetime | None = None, actor: str | None = None) -> Attachment:
        """Keep a file with the incident (content in the database), journaled with its hash."""
        import hashlib

        if len(content) > MAX_ATTACHMENT_BYTES:
            raise StorageError(f"Le fichier « {name} » dépasse {MAX_ATTACHMENT_BYTES // (1024 * 1024)} Mo : "
                               "il n'a pas été joint.")
        at = at or now_utc()
        digest = hashlib.sha256(content).hexdigest()
        attachment = Attachment(name=clean_str(name), sha256=digest, size=len(content), kind=kind,
                                added_at=at)
        with self._transaction() as conn:
            if any(a.sha256 == digest for a in incident.attachments):
                raise StorageError(f"Ce fichier est déjà joint à l'incident {incident.reference}.")
            self._check_extendable(incident.reference)
            conn.execute("INSERT INTO attachments(reference, sha256, content) VALUES (?,?,?)",
                         (incident.reference, digest, content))
            data = to_data(incident)
            data["attachments"].append(to_data(attachment))
            conn.execute("UPDATE incidents SET data=?, updated_at=? WHERE reference=?",
                         (json.dumps(data, ensure_ascii=False), format_instant(at), incident.reference))
            self._append(incident.reference, at, actor, "attachment_added",
                         {"file": attachment.name, "sha256": digest, "kind": kind, "size": len(content)})
        incident.attachments.append(attachment)  # in memory only once stored
        return attachment

    def attachment_content(self, reference: str, sha256: str) -> bytes:
        row = self._conn.execute("SELECT content FROM attachments WHERE reference=? AND sha256=?",
                                 (reference, sha256)).fetchone()
        if row is None:
            raise StorageError(f"Pièce jointe introuvable pour l'incident {reference}.")
        return bytes(row[0])

    # --- import -------------------------------------------------------------------------------

    def local_reference(self, incident: Incident) -> str:
        """Where an incoming incident goes in this data folder: its own reference, unless an
        incident of another pharmacy (another SIRET, or name) already holds it; then
        "REFERENCE@PHARMACY". The same pharmacy's incident finds its earlier import (update)."""
        base = jr.chain_reference(incident.reference)
        identity = incident.organisation.identity()
        candidates = (base, f"{base}{jr.LOCAL_SEPARATOR}{incident.organisation.code()}")
        for key in candidates:
            row = self._conn.execute(
                "SELECT json_extract(data, '$.organisation.siret'), json_extract(data, "
                "'$.organisation.name') FROM incidents WHERE reference = ? AND json_valid(data)",
                (key,)).fetchone()
            if row is None and not self.has_incident(key):
                return key
            stored = pharmacy_identity(row[0] or "", row[1] or "") if row else ""
            if not identity or not stored or stored == identity:
                return key
        return candidates[-1]

    def import_incident(self, incident: Incident, entries: list[jr.JournalEntry],
                        at: datetime | None = None, actor: str | None = None,
                        source: str = "", contents: dict[str, bytes] | None = None,
                        update: bool = False) -> ImportResult:
        """Insert an incident, its (already verified) journal and its attachments' contents
        (by SHA-256), all or nothing. With ``update``, an incident whose reference exists is
        replaced when the file's journal extends the stored one (the same entries, the same
        hashes, then more): see :func:`extension_problem`. Every import is written to the import
        log (``imports``), not to the incident's journal, which stays the sender's."""
        at = at or now_utc()
        with self._transaction():
            local = self.local_reference(incident)
            if local != incident.reference:
                # Another pharmacy's incident with a reference already used here (a DPO's
                # folder): kept under "REFERENCE@PHARMACY"; its journal keeps its own reference.
                incident = dataclasses.replace(incident, reference=local)
            exists = self.has_incident(incident.reference)
            if exists and not update:
                raise StorageError(
                    f"Un incident portant la référence {incident.reference} existe déjà : "
                    "rien n'a été importé. S'il s'agit d'une version plus récente du même "
                    "incident, importez-la en mise à jour (import-incident --update).")
            before = 0
            if exists:
                self._check_extendable(incident.reference)
                stored = self.journal(incident.reference)
                problem = extension_problem(stored, entries)
                if problem:
                    raise StorageError(f"{problem} Rien n'a été importé.")
                before = len(stored)
                # Fields saved without a journal entry (title, descriptions...) may have been
                # edited here since the last import: an update would silently overwrite them.
                last = self._conn.execute(
                    "SELECT data_digest FROM imports WHERE reference = ? ORDER BY id DESC LIMIT 1",
                    (incident.reference,)).fetchone()
                row = self._conn.execute("SELECT data FROM incidents WHERE reference = ?",
                                         (incident.reference,)).fetchone()
                if last is None or (last[0] and last[0] != _data_digest(json.loads(row[0]))):
                    raise StorageError(
                        f"L'incident {incident.reference} a été modifié ici depuis son dernier "
                        "import (ou n'a jamais été importé) : la mise à jour écraserait ces "
                        "modifications. Rien n'a été importé. Voyez avec l'expéditeur quelle "
                        "version fait foi ; exportez la vôtre avant de la remplacer.")
                if before == len(entries):
                    return ImportResult(incident.reference, "unchanged", before, before)
                self._conn.execute(
                    "UPDATE incidents SET status=?, title=?, awareness_at=?, notified_at=?, data=?,"
                    " outcome=?, clock_start=?, deadlines=?, updated_at=? WHERE reference=?",
                    (*self._summary_columns(incident), *self._deadline_columns(incident),
                     format_instant(at), incident.reference))
                new_entries = entries[before:]
            else:
                self._insert_incident(incident, at)
                new_entries = entries
            for entry in new_entries:
                self._insert_entry(incident.reference, entry)
            for attachment in incident.attachments:
                content = (contents or {}).get(attachment.sha256)
                if content is None:
                    raise StorageError(f"Le contenu de la pièce jointe « {attachment.name} » manque : "
                                       "rien n'a été importé.")
                self._conn.execute("INSERT OR IGNORE INTO attachments(reference, sha256, content) "
                                   "VALUES (?,?,?)", (incident.reference, attachment.sha256, content))
            if new_entries and not new_entries[-1].facts:
                # A file of format 1 or 2: its entries carry no digest of the incident's facts.
                # One entry anchors them, as the migration to schema 4 does (from then on, an
                # edit of the facts outside the app is detected); such an incident cannot be
                # extended by a later file (the anchor is ours, not the sender's).
                self._append(incident.reference, at, SYSTEM_ACTOR, "record_anchored",
                             {"schema": SCHEMA_VERSION, "source": clean_str(source)[:300]})
            if not self.verify_journal(incident.reference).ok:  # belt and braces: never keep a bad chain
                raise StorageError("Le journal importé ne se vérifie pas une fois enregistré : rien "
                                   "n'a été importé.")
            kind = "update" if exists else "new"
            self._conn.execute(
                "INSERT INTO imports(reference, at, actor, source, kind, entries_before, "
                "entries_after, head, data_digest) VALUES (?,?,?,?,?,?,?,?,?)",
                (incident.reference, format_instant(at), clean_str(actor or default_actor()),
                 clean_str(source)[:300], kind, before, len(entries), entries[-1].hash,
                 _data_digest(to_data(incident))))
        return ImportResult(incident.reference, kind, before, len(entries))

    def imports(self, reference: str) -> list[dict[str, Any]]:
        """The import log of an incident, oldest first."""
        rows = self._conn.execute(
            "SELECT at, actor, source, kind, entries_before, entries_after, head FROM imports "
            "WHERE reference = ? ORDER BY id", (reference,)).fetchall()
        keys = ("at", "actor", "source", "kind", "entries_before", "entries_after", "head")
        return [dict(zip(keys, row, strict=True)) for row in rows]


@dataclass
class ImportResult:
    reference: str
    #: "new", "update" or "unchanged" (the file brings nothing the database does not have).
    kind: str
    entries_before: int
    entries_after: int


def _data_digest(data: dict[str, Any]) -> str:
    """The digest of an incident's stored data, but where the user last looked (current_step)."""
    import hashlib

    kept = {key: value for key, value in data.items() if key != "current_step"}
    return hashlib.sha256(json.dumps(kept, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def extension_problem(stored: list[jr.JournalEntry], incoming: list[jr.JournalEntry]) -> str:
    """Why ``incoming`` (a file's journal) does not extend ``stored`` (the database's), in French,
    naming the first entry that differs; "" when it does (the same entries with the same hashes,
    then possibly more)."""

    def describe(entry: jr.JournalEntry) -> str:
        label = jr.ACTION_LABELS.get(entry.action, entry.action)
        return f"« {label} », {clock_short(entry.at)}, par {entry.actor}"

    for index, (mine, theirs) in enumerate(zip(stored, incoming, strict=False)):
        if mine.hash != theirs.hash:
            return (f"L'entrée n° {index + 1} du journal diffère : dans la base {describe(mine)} ; "
                    f"dans le fichier {describe(theirs)}. L'incident a été modifié à deux endroits "
                    "à la fois : gardez les deux versions et voyez avec la pharmacie laquelle fait "
                    "foi.")
    if len(incoming) < len(stored):
        return (f"Le fichier s'arrête à l'entrée n° {len(incoming)} alors que la base en a "
                f"{len(stored)} (la suivante : {describe(stored[len(incoming)])}) : c'est une "
                "version plus ancienne de l'incident.")
    return ""


def clock_short(instant: datetime) -> str:
    from .domain.clock import format_short

    return format_short(instant)


def _summary(r: tuple[Any, ...]) -> IncidentSummary:
    """One listed incident; a row whose columns cannot be read is listed as damaged."""
    damaged = r[10] if len(r) > 10 else ""
    try:
        def instant(text: str | None) -> datetime | None:
            if not text:
                return None
            value = parse_instant(text)
            if not EARLIEST <= value < LATEST:
                raise ValueError(f"date hors des limites plausibles ({value.year})")
            return value

        pending = tuple(Deadline(d["kind"], instant(d["due"]), d["label"])
                        for d in json.loads(r[9] or "[]"))
        if damaged:
            raise ValueError(damaged)
        actions = followup.open_from_data(r[0], json.loads(r[11])) if len(r) > 11 and r[11] else ()
        name = str(r[12] or "")[:200] if len(r) > 12 else ""
        siret = str(r[13] or "")[:40] if len(r) > 13 else ""
        return IncidentSummary(r[0], r[1], r[2], instant(r[3]), instant(r[4]), instant(r[5]),
                               instant(r[6]), r[7], instant(r[8]), pending, "", actions, name,
                               pharmacy_identity(siret, name))
    except (ValueError, KeyError, TypeError, IncidentWizardError) as error:
        epoch = EARLIEST
        return IncidentSummary(str(r[0]), str(r[1] or ""), r[2] if r[2] in (OPEN, "closed") else OPEN,
                               epoch, epoch, None, None, "", None, (), str(error)[:200] or "illisible")


def _entry(row: tuple[Any, ...]) -> jr.JournalEntry:
    return jr.JournalEntry(seq=row[0], at=parse_instant(row[1]), actor=row[2], action=row[3],
                           details=json.loads(row[4]), prev_hash=row[5], hash=row[6],
                           facts=row[7] if len(row) > 7 else "")


def altered_message(reference: str, detail: str) -> str:
    """Why an altered incident is read-only, and what to do (French)."""
    return (f"{detail} L'incident {reference} est en lecture seule : son journal chaîné n'est plus "
            "prolongé, pour ne pas masquer la modification. Restaurez-le depuis une sauvegarde, ou "
            "exportez ses documents pour garder la trace de ce qui est enregistré, et prévenez votre "
            "délégué à la protection des données.")


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (triggers contain ';' inside BEGIN ... END)."""
    statements, current = [], ""
    for line in script.strip().splitlines():
        current += line + "\n"
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
