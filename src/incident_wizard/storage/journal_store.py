"""The journal (append-only, chained) and the attached files."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from ..domain import journal as jr
from ..domain import record
from ..domain.clock import now_utc
from ..domain.errors import IncidentWizardError
from ..domain.model import Attachment, Incident
from ..domain.serialize import clean_str, format_instant, from_data, to_data
from ..i18n import _
from .problems import (
    IncidentNotFoundError,
    JournalAlteredError,
    StorageError,
    altered_message,
)
from .rows import (
    _entry,
    default_actor,
)
from .schema import (
    MAX_ATTACHMENT_BYTES,
)


class JournalStore:
    """The journal and the attached files (mixed into Storage)."""

    _conn: sqlite3.Connection

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

    #: Actions that record what was done with a copy, not what happened to the incident: on an
    #: incident that came from a file (a DPO's copy), they go to the import log, so that the
    #: chain stays the sender's and the sender's next file can extend it.
    COPY_LOGGED = ("document_exported", "incident_exported")

    def _is_copy(self, reference: str) -> bool:
        return self._conn.execute("SELECT 1 FROM imports WHERE reference = ? LIMIT 1",
                                  (reference,)).fetchone() is not None

    def _log_copy(self, reference: str, at: datetime, actor: str | None, action: str,
                  details: dict[str, Any]) -> None:
        """An export of an imported incident, in the import log (kind = the action): when, who,
        what (the files and their SHA-256), the journal's count and head at that moment."""
        head, count = self.journal_head(reference)
        self._conn.execute(
            "INSERT INTO imports(reference, at, actor, source, kind, entries_before, "
            "entries_after, head, data_digest) VALUES (?,?,?,?,?,?,?,?,'')",
            (reference, format_instant(at), clean_str(actor or default_actor()),
             json.dumps(details, ensure_ascii=False, sort_keys=True)[:4000], action, count, count,
             head))

    def _record(self, reference: str, at: datetime, actor: str | None, action: str,
                details: dict[str, Any]) -> jr.JournalEntry | None:
        if action in self.COPY_LOGGED and self._is_copy(reference):
            self._log_copy(reference, at, actor, action, details)
            return None
        return self._append(reference, at, actor, action, details)

    def append_journal(self, reference: str, action: str, details: dict[str, Any] | None = None,
                       at: datetime | None = None, actor: str | None = None) -> jr.JournalEntry | None:
        """Journal an action (None when it is an export of an imported copy, logged instead)."""
        with self._transaction():
            if not self.has_incident(reference):
                raise IncidentNotFoundError(_("Aucun incident ne porte la référence « {reference} ».").format(
                    reference=reference))
            self._check_extendable(reference)
            return self._record(reference, at or now_utc(), actor, action, details or {})

    def append_journal_batch(self, reference: str, actions: list[tuple[str, dict[str, Any]]],
                             at: datetime | None = None, actor: str | None = None) -> None:
        """Several actions on one incident, journaled in one transaction."""
        at = at or now_utc()
        with self._transaction():
            if not self.has_incident(reference):
                raise IncidentNotFoundError(_("Aucun incident ne porte la référence « {reference} ».").format(
                    reference=reference))
            self._check_extendable(reference)
            for action, details in actions:
                self._record(reference, at, actor, action, details)

    def append_journal_many(self, references: list[str], action: str, details: dict[str, Any],
                            at: datetime | None = None, actor: str | None = None) -> None:
        """The same action journaled for several incidents, in one transaction."""
        at = at or now_utc()
        with self._transaction():
            for reference in references:
                self._check_extendable(reference)
                self._record(reference, at, actor, action, details)

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
            return jr.Verification(False, 0, None, _("Journal de {reference} illisible : le fichier "
                                                     "de données est endommagé à cet endroit.").format(
                                                         reference=reference))
        if row is None:
            raise IncidentNotFoundError(_("Aucun incident ne porte la référence « {reference} ».").format(
                reference=reference))
        try:
            entries = self.journal(reference)
            stored_facts = record.digest_of(json.loads(row[2]))
        except (ValueError, TypeError, AttributeError, RecursionError, sqlite3.DatabaseError,
                IncidentWizardError):
            return jr.Verification(False, 0, None,
                                   _("Journal de {reference} illisible : une entrée ou l'incident "
                                     "enregistré ne peut pas être relu.").format(reference=reference))
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
                                   _("Journal de {reference} : l'incident enregistré est illisible.").format(
                                       reference=reference))
        stored = (row[4], row[6], row[7], row[5], row[8], row[9])
        wanted = (expected[0], expected[2], expected[3], expected[5], *deadline_columns)
        if stored != wanted:
            return jr.Verification(False, check.count, None,
                                   _("Journal de {reference} : le résumé de l'incident (statut, "
                                     "décision, dates ou échéances affichés dans la liste) ne correspond "
                                     "plus à l'incident ; il a été modifié en dehors de l'application.").format(
                                         reference=reference))
        return check

    def journal_head(self, reference: str) -> tuple[str, int]:
        """(head hash, entry count): the anchor printed on every exported document."""
        row = self._conn.execute("SELECT journal_head, journal_count FROM incidents WHERE reference = ?",
                                 (reference,)).fetchone()
        if row is None:
            raise IncidentNotFoundError(_("Aucun incident ne porte la référence « {reference} ».").format(
                reference=reference))
        return row[0], row[1]

    # --- attachments --------------------------------------------------------------------------

    def add_attachment(self, incident: Incident, name: str, content: bytes, kind: str,
                       at: datetime | None = None, actor: str | None = None) -> Attachment:
        """Keep a file with the incident (content in the database), journaled with its hash."""
        import hashlib

        if len(content) > MAX_ATTACHMENT_BYTES:
            raise StorageError(_("Le fichier « {name} » dépasse {size} Mo : il n'a pas été joint.").format(
                name=name, size=MAX_ATTACHMENT_BYTES // (1024 * 1024)))
        at = at or now_utc()
        digest = hashlib.sha256(content).hexdigest()
        attachment = Attachment(name=clean_str(name), sha256=digest, size=len(content), kind=kind,
                                added_at=at)
        with self._transaction() as conn:
            if any(a.sha256 == digest for a in incident.attachments):
                raise StorageError(_("Ce fichier est déjà joint à l'incident {reference}.").format(
                    reference=incident.reference))
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
            raise StorageError(_("Pièce jointe introuvable pour l'incident {reference}.").format(
                reference=reference))
        return bytes(row[0])
