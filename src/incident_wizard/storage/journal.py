"""Each incident's chained journal: appended after a check of its stored head, verified in full."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from datetime import datetime
from typing import Any

from ..domain import journal as jr
from ..domain import obligations, record
from ..domain.clock import now_utc
from ..domain.errors import IncidentWizardError
from ..domain.model import Incident
from ..domain.serialize import clean_str, format_instant, from_data, json_text
from ..i18n import _
from .database import Database
from .import_log import ImportLog
from .problems import (
    IncidentNotFoundError,
    JournalAlteredError,
    altered_message,
)
from .rows import (
    _entry,
    deadline_columns,
    default_actor,
    due_items,
    listing_columns,
    summary_columns,
)

_ENTRY_COLUMNS = "seq, at, actor, action, details, prev_hash, hash, facts"
#: What a journal or the incident it covers cannot be read for (a damaged row or value).
_UNREADABLE = (ValueError, TypeError, AttributeError, RecursionError, sqlite3.DatabaseError,
               IncidentWizardError)


#: Columns of an incident's row written with its journal's head (JournalRepository.insert_entry):
#: their SET clause, each "name=?, ", and their values.
RowChange = tuple[str, tuple[Any, ...]]


def _not_found(reference: str) -> IncidentNotFoundError:
    return IncidentNotFoundError(_("Aucun incident ne porte la référence « {reference} ».").format(
        reference=reference))


class JournalRepository:
    """The ``journal`` table and the head kept with each incident (``journal_count``,
    ``journal_head``, ``facts_from``), updated in the transaction of every append.

    Extending a journal checks its stored head only (:meth:`check_extendable`: constant time,
    whatever the journal's length); :meth:`verify` re-reads and re-hashes the whole chain (at
    opening, before an export, on demand)."""

    #: Actions that record what was done with a copy, not what happened to the incident: on an
    #: incident that came from a file (a DPO's copy), they go to the import log, so that the
    #: chain stays the sender's and the sender's next file can extend it.
    COPY_LOGGED = ("document_exported", "incident_exported")

    #: How many incidents' last appended rows are remembered (see ``_appended``).
    APPENDED_KEPT = 32

    #: Actions also recorded in the register's chain (with the incident's new head).
    REGISTERED = ("incident_created", "document_exported", "incident_exported")

    def __init__(self, database: Database, import_log: ImportLog):
        self._db = database
        self._import_log = import_log
        #: The register's chain (storage.register_chain.RegisterChain), set by Storage.
        self.register: Any = None
        #: By reference (the APPENDED_KEPT most recent), the last rows this repository
        #: appended, as stored (at most two each), with the entry each was stored from: a row
        #: read back identical to one of them hashes right (its hash was computed from those
        #: very values), so the check before the next append neither parses nor hashes it again.
        self._appended: dict[str, dict[tuple[Any, ...], jr.JournalEntry]] = {}

    # --- reading ------------------------------------------------------------------------------

    def entries(self, reference: str) -> list[jr.JournalEntry]:
        rows = self._db.execute(f"SELECT {_ENTRY_COLUMNS} FROM journal WHERE reference = ?"
                                " ORDER BY seq", (reference,))
        return [_entry(r) for r in rows]

    def head(self, reference: str) -> tuple[str, int]:
        """(head hash, entry count): the anchor printed on every exported document."""
        row = self._db.execute("SELECT journal_head, journal_count FROM incidents WHERE reference = ?",
                               (reference,)).fetchone()
        if row is None:
            raise _not_found(reference)
        return row[0], row[1]

    def has_action(self, reference: str, action: str) -> bool:
        return self._db.execute("SELECT 1 FROM journal WHERE reference = ? AND action = ? LIMIT 1",
                                (reference, action)).fetchone() is not None

    # --- checking -----------------------------------------------------------------------------

    def verify(self, reference: str) -> jr.Verification:
        """The whole chain, its count and head kept with the incident, the incident's stored legal
        facts against the last entry that covers them, and the summary columns."""
        try:
            row = self._db.execute(
                "SELECT journal_count, journal_head, data, facts_from, status, outcome, awareness_at,"
                " notified_at, clock_start, deadlines, title, notification_due, actions, action_due,"
                " pharmacy, pharmacy_id, search FROM incidents WHERE reference = ?",
                (reference,)).fetchone()
        except sqlite3.DatabaseError:
            return jr.Verification(False, 0, None, _("Journal de {reference} illisible : le fichier "
                                                     "de données est endommagé à cet endroit.").format(
                                                         reference=reference))
        if row is None:
            raise _not_found(reference)
        try:
            entries = self.entries(reference)
            stored_facts = record.digests_of(json.loads(row[2]))
        except _UNREADABLE:
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
        """The summary columns (home list, filters, reminders: schemas 2, 4 and 7) and the due
        items of the deadlines view must say what the verified incident says: they are
        recomputed from it and compared (a date moved in them alone would change a letter)."""
        try:
            data = json.loads(row[2])
            incident = from_data(Incident, data, reference)
            clocks = obligations.clocks(incident)
            expected = summary_columns(incident, {})
            deadlines = deadline_columns(incident, clocks)
            listing = listing_columns(incident, data, clocks)
            items = sorted(due_items(incident, data, clocks))
            stored_items = sorted(tuple(r) for r in self._db.execute(
                "SELECT due, kind, label, action, title, day FROM due_items WHERE reference = ?",
                (reference,)))
        except (ValueError, TypeError, RecursionError, IncidentWizardError, sqlite3.DatabaseError):
            return jr.Verification(False, check.count, None,
                                   _("Journal de {reference} : l'incident enregistré est illisible.").format(
                                       reference=reference))
        stored = (row[4], row[6], row[7], row[5], row[8], row[9], row[10], *row[11:17])
        wanted = (expected[0], expected[2], expected[3], expected[5], *deadlines, expected[1], *listing)
        if stored != wanted or stored_items != [tuple(item) for item in items]:
            return jr.Verification(False, check.count, None,
                                   _("Journal de {reference} : le résumé de l'incident (statut, "
                                     "décision, dates ou échéances affichés dans la liste) ne correspond "
                                     "plus à l'incident ; il a été modifié en dehors de l'application.").format(
                                         reference=reference))
        return check

    def check_intact(self, reference: str) -> None:
        """Refuse (JournalAlteredError, in French) a journal whose full verification fails."""
        verification = self.verify(reference)
        if not verification.ok:
            raise JournalAlteredError(altered_message(reference, verification.message))

    def tail(self, reference: str, with_data: bool = False) -> Tail:
        """The head kept with ``reference`` (count, head hash, first entry covering the facts)
        and its journal's last two entries (:meth:`tail_after`): what extending the journal is
        checked against, at a cost that does not depend on its length. ``with_data``: the
        incident's stored data too (:attr:`Tail.data`)."""
        try:
            row = self._db.execute("SELECT journal_count, journal_head, facts_from"
                                   + (", data" if with_data else "")
                                   + " FROM incidents WHERE reference = ?", (reference,)).fetchone()
        except sqlite3.DatabaseError:
            return Tail(reference, unreadable=_("Journal de {reference} illisible : le fichier de "
                                                "données est endommagé à cet endroit.").format(
                                                    reference=reference))
        if row is None:
            raise _not_found(reference)
        return self.tail_after(reference, row[0], row[1], row[2], row[3] if with_data else None)

    def tail_after(self, reference: str, count: int, head: str, facts_from: int,
                   data: str | None = None) -> Tail:
        """:meth:`tail` for a caller that has just read the head kept with the incident (its
        ``journal_count``, ``journal_head`` and ``facts_from``) in this transaction: the last
        two entries are read through the (reference, seq) key. An entry read back exactly as
        this repository appended it is the entry it was stored from (not parsed again) and is
        not hashed again (:attr:`Tail.hashed`); any other is parsed from its row."""
        appended = self._appended.get(reference, {})
        entries, hashed = [], set()
        try:
            for row in self._db.execute(
                    f"SELECT {_ENTRY_COLUMNS} FROM journal WHERE reference = ? ORDER BY seq DESC LIMIT 2",
                    (reference,)).fetchall():
                entry = appended.get(row)
                if entry is None:
                    entry = _entry(row)
                else:
                    hashed.add(entry.seq)
                entries.append(entry)
        except _UNREADABLE:
            return Tail(reference, unreadable=_(
                "Journal de {reference} illisible : une entrée ou l'incident enregistré ne peut pas "
                "être relu.").format(reference=reference))
        return Tail(reference, count, head, facts_from, entries, data=data, hashed=hashed)

    def head_problem(self, reference: str, stored_facts: Collection[str] | None = None) -> str:
        """Why the journal of ``reference`` cannot be extended, in French ("" when it can), from
        its stored head only (:meth:`tail`): the last two entries must hash right and follow
        each other, the last one must be the count and the head kept with the incident, and its
        facts digest one of the incident's stored facts digests (``stored_facts``: record.digests,
        computed from the stored row when not given). An entry altered further back is found by
        :meth:`verify`."""
        tail = self.tail(reference, with_data=stored_facts is None)
        if tail.unreadable:
            return tail.unreadable
        if stored_facts is None:
            try:
                stored_facts = record.digests_of(json.loads(tail.data))  # type: ignore[arg-type]
            except _UNREADABLE:
                return _("Journal de {reference} illisible : une entrée ou l'incident enregistré ne "
                         "peut pas être relu.").format(reference=reference)
        return tail.problem(stored_facts)

    def check_extendable(self, reference: str, stored_facts: Collection[str] | None = None) -> None:
        """Refuse (JournalAlteredError, in French) to extend a journal whose stored head, count
        or facts were altered (no "healing"): see :meth:`head_problem`."""
        problem = self.head_problem(reference, stored_facts)
        if problem:
            raise JournalAlteredError(altered_message(reference, problem))

    # --- writing, inside the caller's transaction ---------------------------------------------

    def append(self, reference: str, at: datetime, actor: str | None, action: str,
               details: dict[str, Any], facts: str | None = None,
               after: Tail | jr.JournalEntry | None = None,
               columns: RowChange | None = None) -> jr.JournalEntry:
        """Append an entry; ``facts``: the digest of the incident's facts as now stored (read
        from the row when not given); ``after``: the journal's last entry (or the :class:`Tail`
        it was checked from) when the caller has just read it in this transaction; ``columns``:
        other columns of the incident's row, written with its head (:meth:`insert_entry`)."""
        if isinstance(after, Tail):
            previous = after.last
        elif after is not None:
            previous = after
        else:
            row = self._db.execute(f"SELECT {_ENTRY_COLUMNS} FROM journal WHERE reference = ?"
                                   " ORDER BY seq DESC LIMIT 1", (reference,)).fetchone()
            previous = _entry(row) if row else None
        if facts is None:
            data = self._db.execute("SELECT data FROM incidents WHERE reference = ?",
                                    (reference,)).fetchone()
            facts = record.digest_of(json.loads(data[0])) if data else ""
        # A lone surrogate (a pasted name, an odd account name) cannot be stored as UTF-8: the
        # actor is hashed and stored with U+FFFD in its place.
        entry = jr.make_entry(reference, previous, at, clean_str(actor or default_actor()), action,
                              details, facts)
        stored = self.insert_entry(reference, entry, columns)
        kept = list(self._appended.pop(reference, {}).items())[-1:]
        self._appended[reference] = dict((*kept, (stored, entry)))
        if len(self._appended) > self.APPENDED_KEPT:  # a migration appends to every incident
            del self._appended[next(iter(self._appended))]
        if self.register is not None and action in self.REGISTERED:
            self.register.append(action, reference, _event_details(details), at, entry.actor)
        return entry

    def insert_entry(self, reference: str, entry: jr.JournalEntry,
                     columns: RowChange | None = None) -> tuple[Any, ...]:
        """Store ``entry`` and move the head kept with the incident to it (``columns``: other
        columns of the incident's row, written in the same UPDATE: the row, data included, is
        rewritten once); returns the entry's row as stored (its values in the order of
        _ENTRY_COLUMNS)."""
        stored = (entry.seq, format_instant(entry.at), entry.actor, entry.action,
                  json_text(entry.details), entry.prev_hash, entry.hash,
                  entry.facts)
        self._db.execute(
            "INSERT INTO journal(reference, seq, at, actor, action, details, prev_hash, hash, facts)"
            " VALUES (?,?,?,?,?,?,?,?,?)", (reference, *stored))
        # facts_from: the first entry that covers the facts; every later one must too.
        sets, values = columns or ("", ())
        self._db.execute(
            f"UPDATE incidents SET {sets}journal_count = ?, journal_head = ?, facts_from = CASE"
            " WHEN facts_from = 0 AND ? != '' THEN ? ELSE facts_from END WHERE reference = ?",
            (*values, entry.seq, entry.hash, entry.facts, entry.seq, reference))
        return stored

    def record(self, reference: str, at: datetime, actor: str | None, action: str,
               details: dict[str, Any]) -> jr.JournalEntry | None:
        """Journal an action, or log it in the import log when it is an export of an imported
        copy (see :attr:`COPY_LOGGED`; None then)."""
        if action in self.COPY_LOGGED and self._import_log.has(reference):
            head, count = self.head(reference)
            self._import_log.log_copy(reference, at, actor, action, details, head, count)
            if self.register is not None:
                self.register.append(action, reference, _event_details(details), at, actor)
            return None
        return self.append(reference, at, actor, action, details)

    # --- writing, one transaction each --------------------------------------------------------

    def append_action(self, reference: str, action: str, details: dict[str, Any] | None = None,
                      at: datetime | None = None, actor: str | None = None) -> jr.JournalEntry | None:
        """Journal an action (None when it is an export of an imported copy, logged instead)."""
        with self._db.transaction():
            self.check_extendable(reference)
            return self.record(reference, at or now_utc(), actor, action, details or {})

    def append_actions(self, reference: str, actions: list[tuple[str, dict[str, Any]]],
                       at: datetime | None = None, actor: str | None = None) -> None:
        """Several actions on one incident, journaled in one transaction."""
        at = at or now_utc()
        with self._db.transaction():
            self.check_extendable(reference)
            for action, details in actions:
                self.record(reference, at, actor, action, details)

    def append_to_many(self, references: list[str], action: str, details: dict[str, Any],
                       at: datetime | None = None, actor: str | None = None) -> None:
        """The same action journaled for several incidents, in one transaction (each journal's
        head checked, not its whole chain)."""
        at = at or now_utc()
        with self._db.transaction():
            for reference in references:
                self.check_extendable(reference)
                self.record(reference, at, actor, action, details)


class Tail:
    """The head kept with an incident and its journal's last two entries (newest first), read in
    one transaction: :meth:`problem` says whether the journal may be extended."""

    __slots__ = ("reference", "count", "head", "facts_from", "entries", "unreadable", "data",
                 "hashed")

    def __init__(self, reference: str, count: int = 0, head: str = "", facts_from: int = 0,
                 entries: list[jr.JournalEntry] | None = None, unreadable: str = "",
                 data: str | None = None, hashed: Collection[int] = ()):
        self.reference = reference
        self.count, self.head, self.facts_from = count, head, facts_from
        self.entries = entries or []
        self.unreadable = unreadable
        #: The seq of those entries read back exactly as this connection appended them (their
        #: hash computed from those values): not hashed again.
        self.hashed = hashed
        #: The incident's stored data (JSON), when read with it.
        self.data = data

    @property
    def last(self) -> jr.JournalEntry | None:
        return self.entries[0] if self.entries else None

    def problem(self, stored_facts: Collection[str]) -> str:
        """Why the journal cannot be extended over an incident whose stored facts digests are
        ``stored_facts`` (record.digests), in French ("" when it can)."""
        if self.unreadable:
            return self.unreadable
        return _tail_problem(self.reference, self.count, self.head, self.facts_from,
                             self.entries, stored_facts, self.hashed)

    def check(self, stored_facts: Collection[str]) -> None:
        """Refuse (JournalAlteredError, in French) when :meth:`problem` finds one."""
        problem = self.problem(stored_facts)
        if problem:
            raise JournalAlteredError(altered_message(self.reference, problem))
def _event_details(details: dict[str, Any]) -> dict[str, Any]:
    """What the register's event keeps of a journaled action: the file and its SHA-256."""
    return {key: details[key] for key in ("file", "sha256", "title") if key in details}


def _tail_problem(reference: str, count: int, head: str, facts_from: int,
                  tail: list[jr.JournalEntry], stored_facts: Collection[str],
                  hashed: Collection[int] = ()) -> str:
    """What is wrong with a journal's last entries (``tail``, newest first) against the head
    kept with its incident; "" when nothing is. ``hashed``: the seq of entries known to hash
    right (read back exactly as appended), not hashed again."""
    if not tail:
        return _("Journal de {reference} : aucune entrée (journal vidé).").format(reference=reference)
    last = tail[0]
    if last.seq != count:
        return _("Journal de {reference} : la dernière entrée enregistrée est la n° {found} alors "
                 "que l'incident en compte {expected} (entrées supprimées ou ajoutées en dehors de "
                 "l'application).").format(reference=reference, found=last.seq, expected=count)
    if last.hash != head:
        return _("Journal de {reference} : la dernière entrée (n° {seq}) ne correspond "
                 "pas à celle enregistrée avec l'incident.").format(reference=reference, seq=last.seq)
    for entry in tail:
        if entry.seq not in hashed and jr.entry_hash(
                reference, entry.seq, entry.at, entry.actor, entry.action, entry.details,
                entry.prev_hash, entry.facts) != entry.hash:
            return _("Journal de {reference} : l'entrée n° {seq} a été modifiée.").format(
                reference=reference, seq=entry.seq)
    previous = tail[1] if len(tail) > 1 else None
    if (previous.seq if previous else 0) != last.seq - 1 or \
            last.prev_hash != (previous.hash if previous else jr.GENESIS):
        return _("Journal de {reference} : l'entrée n° {seq} ne suit pas l'entrée "
                 "précédente (entrée supprimée, insérée ou modifiée).").format(
                     reference=reference, seq=last.seq)
    if facts_from > count:
        return _("Journal de {reference} : les entrées à partir du n° {seq}, qui "
                 "couvrent les faits de l'incident, sont manquantes.").format(
                     reference=reference, seq=facts_from)
    # Once an entry covers the facts, every later one must (facts_from: the first that does).
    uncovered = [e.seq for e in tail if not e.facts and (
        (facts_from and e.seq >= facts_from) or (e is last and previous is not None and previous.facts))]
    if uncovered:
        return _("Journal de {reference} : l'entrée n° {seq} ne couvre pas les faits "
                 "de l'incident alors que les précédentes les couvrent (entrée insérée).").format(
                     reference=reference, seq=min(uncovered))
    if last.facts and last.facts not in stored_facts:
        return _("Journal de {reference} : les faits enregistrés de l'incident (dates, "
                 "décision, notifications, information…) ne correspondent plus au journal "
                 "(dernière entrée qui les couvre : n° {seq}) ; l'incident a été "
                 "modifié en dehors de l'application.").format(reference=reference, seq=last.seq)
    return ""
