"""The incidents: created, saved (journaling what changed), loaded, listed for the home screen."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from ..domain import followup, obligations, record
from ..domain import journal as jr
from ..domain.clock import PARIS, now_utc
from ..domain.errors import IncidentWizardError, ValidationError
from ..domain.model import CLOSED, OPEN, Incident, Organisation
from ..domain.serialize import clean_str, format_instant, from_data, parse_instant, to_data
from ..domain.validation import check_structure
from ..i18n import _
from .database import Database
from .import_log import ImportLog
from .journal import JournalRepository, Tail
from .problems import (
    DamagedIncidentError,
    IncidentNotFoundError,
    JournalAlteredError,
    damaged_message,
    unreadable_reason,
)
from .rows import (
    SUMMARY_SELECT,
    IncidentSummary,
    Listing,
    _summary,
    deadline_columns,
    due_items,
    listing_columns,
    listing_of,
    micros,
    summary_columns,
)
from .settings import SettingsRepository

#: The columns _columns gives, in its order (summary_columns, deadline_columns, listing_columns).
_COLUMNS = ("status", "title", "awareness_at", "notified_at", "data", "outcome", "clock_start",
            "deadlines", "notification_due", "actions", "action_due", "pharmacy", "pharmacy_id",
            "search")
_UPDATE = f"UPDATE incidents SET {'=?, '.join(_COLUMNS)}=?, updated_at=? WHERE reference=?"
_SET = tuple(f"{name}=?, " for name in _COLUMNS)
#: Blocks of references read at once by summaries() (SQLite's limit of variables is far above).
_BLOCK = 500
#: Where the pharmacy's name and the incident's data (JSON) are among the columns.
_PHARMACY, _DATA = _COLUMNS.index("pharmacy"), _COLUMNS.index("data")
#: What save reads of the stored row: the head kept with the journal, then the columns.
_SAVE_SELECT = ("SELECT journal_count, journal_head, facts_from, " + ", ".join(_COLUMNS)
                + " FROM incidents WHERE reference = ?")


_MICROSECOND = timedelta(microseconds=1)


def _parsed(text: str | None) -> Any:
    """Stored JSON text, None when it cannot be read."""
    try:
        return json.loads(text) if text is not None else None
    except (ValueError, RecursionError):
        return None


class IncidentRepository:
    """The ``incidents`` table: each incident's data (JSON) and the summary columns the home
    list and the reminders read; every change of a legal fact is journaled with it."""

    def __init__(self, database: Database, journal: JournalRepository,
                 settings: SettingsRepository, import_log: ImportLog):
        self._db = database
        self._journal = journal
        #: (reference, data as stored, its facts, their digest) of the last save.
        self._facts_cache: tuple[str, str, dict[str, Any], record.Digests] | None = None
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

    def _columns(self, incident: Incident, data: dict[str, Any] | None = None) -> tuple[tuple[Any, ...], list]:
        """The stored columns of ``incident`` (summary, deadlines, listing) and its due items."""
        data = data if data is not None else to_data(incident)
        clocks = obligations.clocks(incident)
        listing = listing_columns(incident, data, clocks)
        return ((*summary_columns(incident, data), *deadline_columns(incident, clocks), *listing),
                due_items(incident, data, clocks))

    def _store_due_items(self, reference: str, pharmacy: str, items: list) -> None:
        """Replace the due items of ``reference`` (inside the caller's transaction); an item
        that is still due (same kind, action and due day: the same reminder) keeps the
        reminders already shown for it."""
        stored = self._db.execute(
            "SELECT pharmacy, due, kind, label, action, title, day, reminded FROM due_items"
            " WHERE reference = ? ORDER BY rowid", (reference,)).fetchall()
        if [row[:7] for row in stored] == [(pharmacy, *item) for item in items]:
            return  # the same items (most saves): nothing written, fewer pages to make durable
        reminded = {(kind, action, day): threshold
                    for _pharmacy, _due, kind, _label, action, _title, day, threshold in stored
                    if threshold is not None}
        self._db.execute("DELETE FROM due_items WHERE reference = ?", (reference,))
        if items:
            self._db.conn.executemany(
                "INSERT INTO due_items(reference, pharmacy, due, kind, label, action, title, day, reminded)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                [(reference, pharmacy, *item, reminded.get((item[1], item[3], item[5]))) for item in items])

    def insert(self, incident: Incident, at: datetime) -> None:
        """A new row for ``incident`` with an empty journal, inside the caller's transaction."""
        columns, items = self._columns(incident)
        self._db.execute(
            "INSERT INTO incidents(reference, created_at, updated_at, status, title, awareness_at,"
            " notified_at, data, outcome, clock_start, deadlines, notification_due, actions,"
            " action_due, pharmacy, pharmacy_id, search, journal_count, journal_head)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,?)",
            (incident.reference, format_instant(incident.created_at), format_instant(at),
             *columns, jr.GENESIS))
        self._store_due_items(incident.reference, columns[_PHARMACY], items)

    def overwrite(self, incident: Incident, at: datetime) -> None:
        """Replace the stored data of ``incident`` as given, inside the caller's transaction and
        without journaling (an update imported from a file brings its own journal)."""
        columns, items = self._columns(incident)
        self._db.execute(_UPDATE, (*columns, format_instant(at), incident.reference))
        self._store_due_items(incident.reference, columns[_PHARMACY], items)

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
        reference = incident.reference
        with self._db.transaction():
            row = self._db.execute(_SAVE_SELECT, (reference,)).fetchone()
            if row is None:
                raise IncidentNotFoundError(_("L'incident {reference} n'existe pas.").format(
                    reference=reference))
            tail = self._journal.tail_after(reference, row[0], row[1], row[2])
            stored = row[3:]
            last = tail.last
            old_facts, old_digests = self._stored_facts(reference, stored[_DATA])
            changes: list[dict[str, Any]] = []
            if last is None or last.facts != new_digest:
                # Every change of a legal fact is journaled with its old and new values
                # (brief section 10), with the action that made it or on its own.
                changes = record.changes(old_facts, new_facts)
            # Stored facts that no longer match the last entry: edited outside the app; saving
            # over them would erase the evidence. Refused (the session becomes read-only).
            outside_edit = last is not None and last.facts and last.facts not in old_digests
            if action or changes or outside_edit:
                tail.check(old_digests)
            columns, items = self._columns(incident, data)
            self._store_due_items(reference, columns[_PHARMACY], items)
            # Only the columns that changed are written: an index none of whose columns changed
            # (the listing's, most saves) is not rewritten.
            changed = [n for n, value in enumerate(columns) if value != stored[n]]
            row_change = ("".join([_SET[n] for n in changed]) + "updated_at=?, ",
                          (*[columns[n] for n in changed], format_instant(at)))
            entries: list[tuple[str, dict[str, Any]]] = []
            if action:
                details = dict(details or {})
                if changes:
                    details["changes"] = changes
                entries = [(action, details), *(more or [])]
            elif changes:
                entries = [("facts_changed", {"changes": changes})]
            # The row is written with the head of its journal, moved to the last entry (one
            # UPDATE), or alone when nothing is journaled.
            previous: Tail | jr.JournalEntry = tail
            for n, (name, info) in enumerate(entries, 1):
                previous = self._journal.append(reference, at, actor, name, info, new_digest, previous,
                                                row_change if n == len(entries) else None)
            if not entries:
                self._db.execute(f"UPDATE incidents SET {row_change[0][:-2]} WHERE reference=?",
                                 (*row_change[1], reference))
            self._facts_cache = (reference, columns[_DATA], new_facts,
                                 record.Digests(new_facts, new_digest))

    def _stored_facts(self, reference: str, text: str) -> tuple[dict[str, Any], record.Digests]:
        """The legal facts of the stored row ``text`` and the digests an entry may cover them
        with (record.digests); those of the last save when the row is still, byte for byte, what
        it wrote (nothing re-parsed per keystroke)."""
        cached = self._facts_cache
        if cached is not None and cached[0] == reference and cached[1] == text:
            return cached[2], cached[3]
        facts = record.facts_of(json.loads(text))
        return facts, record.Digests(facts)

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
            raise DamagedIncidentError(damaged_message(reference, unreadable_reason(error))) from None
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
        query = SUMMARY_SELECT
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
                rows.append(self._row(query + (" AND" if args else " WHERE") + " reference = ?",
                                      (*args, reference), reference, status or OPEN))
        return [_summary(r) for r in rows if r is not None]

    @staticmethod
    def _damaged_row(reference: str, status: str, error: Exception) -> tuple[Any, ...]:
        return (reference, "", status, None, None, None, None, "", None, "[]", unreadable_reason(error), None,
                None, None, None)

    def _row(self, query: str, args: tuple[Any, ...], reference: str, status: str) -> tuple[Any, ...] | None:
        try:
            return self._db.execute(query, args).fetchone()
        except sqlite3.DatabaseError as error:
            return self._known_of_damaged(reference, status, error)

    def _known_of_damaged(self, reference: str, status: str, error: Exception) -> tuple[Any, ...]:
        """A damaged row as the list shows it, with what can still be read of it: its title
        (undecodable bytes shown as U+FFFD), status and creation time."""
        row = self._damaged_row(reference, status, error)
        try:
            known = self._db.execute("SELECT CAST(title AS BLOB), CAST(status AS BLOB), created_at"
                                     " FROM incidents WHERE reference = ?", (reference,)).fetchone()
        except sqlite3.DatabaseError:
            return row
        if known is None:
            return row
        title = bytes(known[0] or b"").decode("utf-8", "replace")[:200]
        stored_status = bytes(known[1] or b"").decode("utf-8", "replace")
        return (reference, title, stored_status if stored_status in (OPEN, CLOSED) else status,
                known[2], known[2], *row[5:])

    # --- the listing: what the home list, the deadlines view and the reminders read ------------------

    def listing(self, today: str, now: datetime) -> Listing:
        """Every incident as the home list filters it (rows.Listing): open ones first, newest
        first, read from the index ``incidents_listing`` alone (the incidents' data is not read);
        ``today``: the day in Paris (AAAA-MM-JJ), for the overdue actions."""
        try:
            overdue = self.overdue_actions(now)
            # Read as it comes (not fetched whole first): only what the listing keeps stays.
            rows = self._db.execute(
                "SELECT reference, search, status, action_due, pharmacy_id, pharmacy"
                " FROM incidents INDEXED BY incidents_listing"
                " ORDER BY status DESC, created_at DESC, reference DESC")
            return listing_of(rows, today, overdue)
        except sqlite3.DatabaseError:
            # A damaged page: the summaries read one by one (list), the damaged rows listed as such.
            summaries = sorted(self.list(), key=lambda s: s.status != OPEN)
            rows = [(s.reference, f"{s.reference} {s.title}".casefold(), s.status,
                     min((a.due.isoformat() for a in s.actions if a.due), default=None),
                     s.pharmacy_id, s.pharmacy) for s in summaries]
            overdue = sum(followup.overdue_count(s.actions, date.fromisoformat(today)) for s in summaries)
        return listing_of(rows, today, overdue)

    def overdue_actions(self, now: datetime) -> int:
        """How many follow-up actions not done have passed their due day (Paris) at ``now``."""
        # 'action': followup.ACTION_DEADLINE, written out for the partial index due_items_actions.
        return self._db.execute("SELECT count(*) FROM due_items INDEXED BY due_items_actions"
                                " WHERE kind = 'action' AND due <= ?", (micros(now),)).fetchone()[0]

    def summaries(self, references: list[str]) -> dict[str, IncidentSummary]:
        """The summaries of ``references`` (the rows the home list shows), by reference; a
        reference that is not stored is left out."""
        found: dict[str, IncidentSummary] = {}
        for start in range(0, len(references), _BLOCK):
            block = references[start:start + _BLOCK]
            query = SUMMARY_SELECT + f" WHERE reference IN ({','.join('?' * len(block))})"
            try:
                rows = self._db.execute(query, tuple(block)).fetchall()
            except sqlite3.DatabaseError:
                rows = [self._row(SUMMARY_SELECT + " WHERE reference = ?", (reference,), reference, OPEN)
                        for reference in block]
            for row in rows:
                if row is not None:
                    summary = _summary(row)
                    found[summary.reference] = summary
        return found

    def summary(self, reference: str) -> IncidentSummary | None:
        """The summary of one incident (None when there is none)."""
        return self.summaries([reference]).get(reference)

    def first_created(self) -> datetime | None:
        """When the oldest incident was created (None when there is none or it cannot be read)."""
        row = self._db.execute("SELECT min(created_at) FROM incidents").fetchone()
        try:
            return parse_instant(row[0]) if row and row[0] else None
        except (ValueError, IncidentWizardError):
            return None

    def with_open_actions(self) -> list[str]:
        """The references of the incidents that have follow-up actions not done, newest first."""
        return [r[0] for r in self._db.execute(
            "SELECT reference FROM incidents INDEXED BY incidents_open_actions WHERE actions <> '[]'"
            " ORDER BY created_at DESC, reference DESC")]

    def open_action_lists(self) -> Iterator[tuple[str, Any]]:
        """(reference, its follow-up actions as stored) of every incident whose stored summary
        lists actions not done (the index incidents_open_actions), newest first: only the
        actions are taken out of the stored incident (by SQLite), not the rest of it, and each
        list is parsed as it is gone through (tens of thousands are not held at once). The
        actions are None when the incident cannot be read."""
        query = ("SELECT reference, CASE WHEN json_valid(data) THEN coalesce(json_extract(data, '$.actions'),"
                 " '[]') END FROM incidents INDEXED BY incidents_open_actions WHERE actions <> '[]'")
        read: set[str] = set()
        try:
            cursor = self._db.execute(query + " ORDER BY created_at DESC, reference DESC")
            while block := cursor.fetchmany(256):
                for reference, actions in block:
                    read.add(reference)
                    yield reference, _parsed(actions)
        except sqlite3.DatabaseError:  # a damaged page: the rest one by one, the damaged as such
            for reference in self.with_open_actions():
                if reference in read:
                    continue
                try:
                    row = self._db.execute(query + " AND reference = ?", (reference,)).fetchone()
                except sqlite3.DatabaseError:
                    row = (reference, None)
                if row is not None:
                    yield reference, _parsed(row[1])

    def due_count(self) -> int:
        """How many deadlines and dated follow-up actions are still to meet (every pharmacy)."""
        return self._db.execute("SELECT count(*) FROM due_items").fetchone()[0]

    def due_rows(self, offset: int = 0, limit: int = -1) -> list[tuple[Any, ...]]:
        """Deadlines and dated follow-up actions still to meet, soonest first (then by reference
        and label), as (due, reference, pharmacy, kind, source, action, day): ``due`` in
        microseconds (rows.micros), ``source`` a deadline's label or an action's title,
        ``action`` and ``day`` an action's id and due day. The texts repeated from row to row
        (an incident's reference, a pharmacy, a label) are one string each: hundreds of
        thousands of rows are held."""
        shared: dict[str, str] = {}
        one = shared.setdefault
        return [(due, one(reference, reference), one(pharmacy, pharmacy), one(kind, kind),
                 one(source, source), action, one(day, day))
                for due, reference, pharmacy, kind, source, action, day in self._db.execute(
                    "SELECT due, reference, pharmacy, kind, CASE WHEN action = '' THEN label ELSE title END,"
                    " action, day FROM due_items INDEXED BY due_items_due"
                    " ORDER BY due, reference, label, id LIMIT ? OFFSET ?", (limit, offset))]

    def due_row_blocks(self, size: int = 4096) -> Iterator[list[tuple[Any, ...]]]:
        """Every row of due_rows, in its order, a block of ``size`` at a time, read as they are
        gone through (the `deadlines` command writes hundreds of thousands). The rows are read
        in the index's order, each from its page of the table: the pages stay in a cache about
        the table's size while they are read (about 200 bytes a row, at most 64 MiB: 1.0 s
        instead of 1.3-2.9 s for 360,000 rows)."""
        previous = self._db.execute("PRAGMA cache_size").fetchone()[0]
        kib = min(65536, self.last_due_item() // 5)  # ids only grow: never less than the rows
        if kib > (-previous if previous < 0 else previous * 4):  # KiB, or pages of 4 KiB
            self._db.execute(f"PRAGMA cache_size = -{int(kib)}")
        try:
            cursor = self._db.execute(
                "SELECT due, reference, pharmacy, kind, CASE WHEN action = '' THEN label ELSE title END,"
                " action, day FROM due_items INDEXED BY due_items_due ORDER BY due, reference, label, id")
            while rows := cursor.fetchmany(size):
                yield rows
        finally:
            self._db.execute(f"PRAGMA cache_size = {int(previous)}")

    def last_due_item(self) -> int:
        """The id of the due item saved last (due items saved after it have greater ids)."""
        return self._db.execute("SELECT coalesce(max(id), 0) FROM due_items").fetchone()[0]

    def reminder_candidates(self, now: datetime, reach: dict[tuple[bool, int | None], timedelta],
                            last: int) -> list[tuple[Any, ...]]:
        """The due items still ahead at ``now`` whose next reminder may have come: those due
        within ``reach[(is an action, tightest threshold reminded)]`` (domain
        reminders.reminder_reach; a state not listed: at its due instant), saved up to the id
        ``last``, as (due, reference, kind, label, action, title, day, id, reminded). Read
        through the index due_items_remind: a check reads the items due soon, not the
        register."""
        cases, args = [], {"now": micros(now), "last": last}
        for is_action in (True, False):
            whens = []
            for n, ((action, reminded), span) in enumerate(reach.items()):
                if action is not is_action:
                    continue
                name = f"r{n}"
                args[name] = span // _MICROSECOND
                whens.append(f"WHEN reminded IS NULL THEN :{name}" if reminded is None
                             else f"WHEN reminded = {int(reminded)} THEN :{name}")
            cases.append(f"CASE {' '.join(whens)} ELSE 0 END" if whens else "0")
        args["far"] = args["now"] + max(reach.values(), default=timedelta(0)) // _MICROSECOND
        # 'action': followup.ACTION_DEADLINE, as in overdue_actions.
        return self._db.execute(
            "SELECT due, reference, kind, label, action, title, day, id, reminded"
            " FROM due_items INDEXED BY due_items_remind"
            " WHERE reminded IS NOT 0 AND due > :now AND due <= :far AND id <= :last"
            f" AND due <= :now + CASE WHEN kind = 'action' THEN {cases[0]} ELSE {cases[1]} END",
            args).fetchall()

    def passed_unreminded(self, now: datetime, last: int, limit: int | None
                          ) -> tuple[int, list[tuple[Any, ...]]]:
        """The due items whose due instant has passed at ``now`` and whose last reminder (the
        deadline passed, the action overdue) has not been given, saved up to the id ``last``:
        how many, and (as reminder_candidates) the ``limit`` latest deadlines and the
        ``limit`` latest actions (all with None). Counted in SQL: at the first start on a
        DPO's folder, hundreds of thousands have passed."""
        at = micros(now)
        count = self._db.execute(
            "SELECT count(*) FROM due_items INDEXED BY due_items_remind"
            " WHERE reminded IS NOT 0 AND due <= ? AND id <= ?", (at, last)).fetchone()[0]
        rows: list[tuple[Any, ...]] = []
        for kind in ("kind <> 'action'", "kind = 'action'"):
            rows += self._db.execute(
                "SELECT due, reference, kind, label, action, title, day, id, reminded"
                " FROM due_items INDEXED BY due_items_remind"
                f" WHERE reminded IS NOT 0 AND due <= ? AND id <= ? AND {kind}"
                " ORDER BY due DESC, id DESC LIMIT ?", (at, last, -1 if limit is None else limit)).fetchall()
        return count, rows

    def mark_reminded(self, marks: list[tuple[int, int]], passed: datetime | None = None,
                      last: int = 0) -> None:
        """Remember the reminders shown, in one transaction: (threshold, due item id) pairs, and,
        with ``passed``, the last reminder (threshold 0) of every item saved up to the id
        ``last`` that is due by then (passed_unreminded; a due item saved again keeps what was
        reminded: see _store_due_items)."""
        with self._db.transaction() as conn:
            if passed is not None:
                conn.execute("UPDATE due_items SET reminded = 0 WHERE reminded IS NOT 0 AND due <= ?"
                             " AND id <= ?", (micros(passed), last))
            if marks:
                conn.executemany("UPDATE due_items SET reminded = ? WHERE id = ?", marks)

    def data_version(self) -> tuple[int, int]:
        """Changes since the last call: (PRAGMA data_version, total changes): the first moves when
        another connection commits, the second with this connection's own writes."""
        return (self._db.execute("PRAGMA data_version").fetchone()[0], self._db.conn.total_changes)

    def list_open(self) -> list[IncidentSummary]:
        return self.list(OPEN)
