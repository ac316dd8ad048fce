"""The open database: opening and migrating it, settings and profile, incidents."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain import journal as jr
from ..domain import obligations, record
from ..domain.clock import PARIS, now_utc
from ..domain.errors import IncidentWizardError, ValidationError
from ..domain.model import OPEN, Incident, Organisation
from ..domain.serialize import clean_str, format_instant, from_data, to_data
from ..domain.validation import check_structure
from ..i18n import _
from ..locations import make_private_dir
from .import_store import ImportStore
from .journal_store import JournalStore
from .maintenance import MaintenanceStore
from .problems import (
    _CORE_TABLES,
    DamagedIncidentError,
    DatabaseCorruptError,
    DatabaseTooNewError,
    IncidentNotFoundError,
    JournalAlteredError,
    StorageError,
    _corrupt_message,
    _empty_message,
    _foreign_message,
    _free_name,
    _inspect,
    _write_failure,
    damaged_message,
    diagnose,
    permission_warnings,
)
from .rows import (
    IncidentSummary,
    _summary,
)
from .schema import (
    _ANCHOR_PENDING,
    APPLICATION_ID,
    DB_FILENAME,
    SCHEMA_VERSION,
)


class Storage(MaintenanceStore, JournalStore, ImportStore):
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
        version, app_id, tables = _inspect(path)
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
                raise IncidentNotFoundError(_("L'incident {reference} n'existe pas.").format(
                    reference=incident.reference))
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
            raise IncidentNotFoundError(_("Aucun incident ne porte la référence « {reference} ».").format(
                reference=reference))
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
                 # 'données illisibles': rows.UNREADABLE_DATA, translated where it is shown.
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
