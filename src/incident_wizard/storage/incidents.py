"""The incidents: created, saved (journaling what changed), loaded, listed for the home screen."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from ..domain import journal as jr
from ..domain import record
from ..domain.clock import PARIS, now_utc
from ..domain.errors import IncidentWizardError, ValidationError
from ..domain.model import OPEN, Incident, Organisation
from ..domain.serialize import clean_str, format_instant, from_data, to_data
from ..domain.validation import check_structure
from ..i18n import _
from .database import Database
from .import_log import ImportLog
from .journal import JournalRepository
from .problems import (
    DamagedIncidentError,
    IncidentNotFoundError,
    JournalAlteredError,
    damaged_message,
)
from .rows import (
    IncidentSummary,
    _summary,
    deadline_columns,
    summary_columns,
)
from .settings import SettingsRepository

_UPDATE = ("UPDATE incidents SET status=?, title=?, awareness_at=?, notified_at=?, data=?,"
           " outcome=?, clock_start=?, deadlines=?, updated_at=? WHERE reference=?")


class IncidentRepository:
    """The ``incidents`` table: each incident's data (JSON) and the summary columns the home
    list and the reminders read; every change of a legal fact is journaled with it."""

    def __init__(self, database: Database, journal: JournalRepository,
                 settings: SettingsRepository, import_log: ImportLog):
        self._db = database
        self._journal = journal
        self._settings = settings
        self._import_log = import_log

    def next_reference(self, at: datetime) -> str:
        year = at.astimezone(PARIS).year
        prefix = f"VDP-{year}-"
        rows = self._db.execute(
            "SELECT reference FROM incidents WHERE reference LIKE ?", (prefix + "%",)).fetchall()
        numbers = [int(r[0][len(prefix):]) for r in rows if r[0][len(prefix):].isdigit()]
        return f"{prefix}{max(numbers, default=0) + 1:03d}"

    def create(self, at: datetime | None = None, actor: str | None = None,
               title: str = "") -> Incident:
        """A new open incident with the organisation profile copied in, journaled."""
        at = at or now_utc()
        with self._db.transaction():
            incident = Incident(reference=self.next_reference(at), created_at=at, title=clean_str(title))
            profile = self._settings.load_profile()
            if profile is not None:
                incident.organisation = profile
            self.insert(incident, at)
            self._journal.append(incident.reference, at, actor, "incident_created", {"title": title})
        return incident

    def insert(self, incident: Incident, at: datetime) -> None:
        """A new row for ``incident`` with an empty journal, inside the caller's transaction."""
        self._db.execute(
            "INSERT INTO incidents(reference, created_at, updated_at, status, title, awareness_at,"
            " notified_at, data, outcome, clock_start, deadlines, journal_count, journal_head)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,0,?)",
            (incident.reference, format_instant(incident.created_at), format_instant(at),
             *summary_columns(incident), *deadline_columns(incident), jr.GENESIS))

    def overwrite(self, incident: Incident, at: datetime) -> None:
        """Replace the stored data of ``incident`` as given, inside the caller's transaction and
        without journaling (an update imported from a file brings its own journal)."""
        self._db.execute(_UPDATE, (*summary_columns(incident), *deadline_columns(incident),
                                   format_instant(at), incident.reference))

    def save(self, incident: Incident, at: datetime | None = None,
             action: str | None = None, details: dict[str, Any] | None = None,
             actor: str | None = None,
             more: list[tuple[str, dict[str, Any]]] | None = None) -> None:
        """Store ``incident`` durably; with ``action`` (and ``more`` actions after it), journal
        them in the same transaction. A change of a legal fact is always journaled.

        Before the journal is extended (or when the stored facts no longer match the journal),
        its stored head is checked (JournalAlteredError: an incident edited outside the app is
        never saved over); the cost does not depend on the journal's length."""
        at = at or now_utc()
        data = to_data(incident)
        new_facts = record.facts_of(data)
        new_digest = record.digest(new_facts)
        with self._db.transaction():
            row = self._db.execute("SELECT data FROM incidents WHERE reference = ?",
                                   (incident.reference,)).fetchone()
            if row is None:
                raise IncidentNotFoundError(_("L'incident {reference} n'existe pas.").format(
                    reference=incident.reference))
            last = self._db.execute("SELECT facts FROM journal WHERE reference = ? ORDER BY seq "
                                    "DESC LIMIT 1", (incident.reference,)).fetchone()
            old_facts = record.facts_of(json.loads(row[0]))
            old_digest = record.digest(old_facts)
            changes: list[dict[str, Any]] = []
            if last is None or last[0] != new_digest:
                # Every change of a legal fact is journaled with its old and new values
                # (brief section 10), with the action that made it or on its own.
                changes = record.changes(old_facts, new_facts)
            # Stored facts that no longer match the last entry: edited outside the app; saving
            # over them would erase the evidence. Refused (the session becomes read-only).
            outside_edit = last is not None and last[0] and last[0] != old_digest
            if action or changes or outside_edit:
                self._journal.check_extendable(incident.reference, old_digest)
            self._db.execute(_UPDATE, (*summary_columns(incident, data), *deadline_columns(incident),
                                       format_instant(at), incident.reference))
            if action:
                details = dict(details or {})
                if changes:
                    details["changes"] = changes
                self._journal.append(incident.reference, at, actor, action, details, new_digest)
                for extra_action, extra_details in more or []:
                    self._journal.append(incident.reference, at, actor, extra_action, extra_details,
                                         new_digest)
            elif changes:
                self._journal.append(incident.reference, at, actor, "facts_changed",
                                     {"changes": changes}, new_digest)

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
        for summary in self.list_open():
            if summary.damaged:
                continue
            if self._journal.has_action(summary.reference, "document_exported") \
                    or self._import_log.has(summary.reference):
                continue  # an imported incident keeps its sender's organisation
            try:
                incident = self.load(summary.reference)
            except IncidentWizardError:
                continue
            if incident.organisation == organisation:
                continue
            incident.organisation = organisation
            try:
                self.save(incident, at, "organisation_filled", {"organisation": organisation.name},
                          actor=actor)
            except JournalAlteredError:
                continue  # an altered incident is never extended
            filled.append(summary.reference)
        return filled

    def load(self, reference: str) -> Incident:
        """The stored incident, validated (DamagedIncidentError, in French, when it cannot be
        read: a damaged row never stops the rest of the register)."""
        try:
            row = self._db.execute("SELECT data FROM incidents WHERE reference = ?",
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

    def exists(self, reference: str) -> bool:
        return self._db.execute("SELECT 1 FROM incidents WHERE reference = ?",
                                (reference,)).fetchone() is not None

    def list(self, status: str | None = None) -> list[IncidentSummary]:
        """The summaries, newest first (a row that cannot be read is listed as damaged)."""
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
            rows = self._db.execute(query + order, args).fetchall()
        except sqlite3.DatabaseError:
            # A damaged page: read the rows one by one, so that only the damaged ones are lost.
            rows = []
            refs = self._db.execute("SELECT reference FROM incidents" + (" WHERE status = ?" if args else ""),
                                    args).fetchall()
            for (reference,) in refs:
                try:
                    rows.append(self._db.execute(query + (" AND" if args else " WHERE") +
                                                 " reference = ?", (*args, reference)).fetchone())
                except sqlite3.DatabaseError as error:
                    rows.append((reference, "", status or OPEN, None, None, None, None, "", None,
                                 "[]", str(error), None, None, None))
        return [_summary(r) for r in rows if r is not None]

    def list_open(self) -> list[IncidentSummary]:
        return self.list(OPEN)
