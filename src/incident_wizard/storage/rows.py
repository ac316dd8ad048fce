"""Rows read back and written: the home list's summary of an incident and its columns, the
listing the home list filters, the due items of the deadlines view and the reminders, a journal
entry, who acts."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ..domain import followup, obligations
from ..domain import journal as jr
from ..domain.dashboard import ACTION_LABEL
from ..domain.errors import IncidentWizardError
from ..domain.model import CLOSED, OPEN, Incident, pharmacy_identity
from ..domain.obligations import Deadline
from ..domain.serialize import clean_str, format_instant, from_data, json_text, parse_instant, to_data
from ..domain.validation import EARLIEST, LATEST
from ..domain.values import FrozenValue, Value
from ..i18n import N_, _

#: What the listing query (Storage.list_incidents, in its SQL) gives as the reason for a row
#: whose data is not valid JSON; translated where it is shown.
UNREADABLE_DATA = N_("données illisibles")


@dataclass(frozen=True, eq=False, repr=False)
class IncidentSummary(FrozenValue):
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
    #: The 72-hour deadline in force (obligations.notification_deadline: an earlier deadline kept
    #: by a notification holds); None while the awareness is not dated.
    notification_due: datetime | None = None


def summary_columns(incident: Incident, data: dict[str, Any] | None = None) -> tuple[Any, ...]:
    """(status, title, awareness_at, notified_at, data, outcome): what the home list reads without
    parsing the incident; ``data``: the incident's ``to_data`` when already computed."""
    awareness = incident.dates.awareness_at
    notified = incident.first_notification_at()
    return (
        incident.status,
        clean_str(incident.title),
        format_instant(awareness) if awareness else None,
        format_instant(notified) if notified else None,
        json_text(data if data is not None else to_data(incident)),
        incident.decision.outcome,
    )


def deadline_columns(incident: Incident, clocks: obligations.Clocks | None = None) -> tuple[Any, ...]:
    """(clock_start, deadlines): when the 72 hours run from and the deadlines still to meet, as
    the reminders and the home list read them; ``clocks``: obligations.clocks(incident), when
    already computed."""
    clocks = clocks if clocks is not None else obligations.clocks(incident)
    pending = [{"kind": d.kind, "due": format_instant(d.due), "label": d.label} for d in clocks.pending]
    return (format_instant(clocks.start) if clocks.start else None, json_text(pending))


# --- the listing: what the home list, its filters, the deadlines view and the reminders read -------
# Kept with each save, in the same transaction (schema 7): columns of ``incidents`` covered by the
# index ``incidents_listing``, and one row of ``due_items`` per deadline still to meet and per
# dated follow-up action not done. Derived from the incident alone (listing_columns, due_items):
# the migration to schema 7 fills them with the same functions (summary_of_data).

#: The columns listing_columns gives, in its order.
LISTING_COLUMNS = ("notification_due", "actions", "action_due", "pharmacy", "pharmacy_id", "search")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def micros(instant: datetime) -> int:
    """An instant as whole microseconds since 1970 (UTC): due items sort on it exactly."""
    return (instant - _EPOCH) // _MICROSECOND


def instant_of(value: int) -> datetime:
    return _EPOCH + timedelta(microseconds=value)


def _open_actions(incident: Incident, data: dict[str, Any] | None) -> tuple[followup.ActionDue, ...]:
    """The open actions as the lists read them (followup.open_from_data over the stored data)."""
    actions = data.get("actions") if data is not None else to_data(incident.actions)
    return followup.open_from_data(incident.reference, actions)


def listing_columns(incident: Incident, data: dict[str, Any] | None = None,
                    clocks: obligations.Clocks | None = None) -> tuple[Any, ...]:
    """(notification_due, actions, action_due, pharmacy, pharmacy_id, search): the deadline in
    force, the open actions (id, title, due day), the soonest due day among them, the pharmacy's
    name and identity, and the casefolded "reference title" the home list's filter searches."""
    clocks = clocks if clocks is not None else obligations.clocks(incident)
    opened = _open_actions(incident, data)
    days = [a.due for a in opened if a.due is not None]
    name = str(incident.organisation.name or "")[:200]
    siret = str(incident.organisation.siret or "")[:40]
    return (format_instant(clocks.notification_deadline) if clocks.notification_deadline else None,
            json_text([{"id": a.id, "title": a.title, "due": a.due.isoformat() if a.due else None}
                       for a in opened]),
            min(days).isoformat() if days else None,
            name, pharmacy_identity(siret, name),
            f"{incident.reference} {clean_str(incident.title)}".casefold())


def due_items(incident: Incident, data: dict[str, Any] | None = None,
              clocks: obligations.Clocks | None = None) -> list[tuple[Any, ...]]:
    """(due, kind, label, action, title, day) of every deadline still to meet and every dated
    open action: ``due`` in microseconds (micros), ``label`` the French source text the list sorts
    on (a deadline's DEADLINE_LABELS entry, an action's ACTION_LABEL), ``action``, ``title`` and
    ``day`` (AAAA-MM-JJ) an action's."""
    clocks = clocks if clocks is not None else obligations.clocks(incident)
    items = [(micros(d.due), d.kind, d.label, "", "", "") for d in clocks.pending]
    items += [(micros(followup.end_of_day(a.due)), followup.ACTION_DEADLINE,
               ACTION_LABEL.format(id=a.id, title=a.title), a.id, a.title, a.due.isoformat())
              for a in _open_actions(incident, data) if a.due is not None]
    return items


def summary_of_data(reference: str, data: str, column: str) -> Any:
    """One listing column (LISTING_COLUMNS) or "due_items" (a JSON list) of a stored incident,
    from its data: the SQL function ``iw_summary`` the migration to schema 7 calls, row by row,
    column by column (the incident read once per row). None when the data cannot be read (the
    incident is listed as damaged)."""
    memo = summary_of_data.__dict__
    if memo.get("key") != (reference, data):
        try:
            parsed = json.loads(data)
            incident = from_data(Incident, parsed, reference)
            clocks = obligations.clocks(incident)
            values = dict(zip(LISTING_COLUMNS, listing_columns(incident, parsed, clocks), strict=True))
            values["due_items"] = json.dumps(due_items(incident, parsed, clocks), ensure_ascii=False)
        except Exception:  # noqa: BLE001 - a damaged row is listed as such, the migration goes on
            values = {}
        memo["key"], memo["values"] = (reference, data), values
    return memo["values"].get(column)


@dataclass(eq=False, repr=False)
class Listing(Value):
    """The home list of a data folder, read at once from the index ``incidents_listing``: per row
    (open incidents first, newest first) only what the filters need. The texts of a row come from
    its summary (IncidentRepository.summaries), read when the row is shown."""

    references: list[str] = field(default_factory=list)
    #: Casefolded "reference title", what the text filter searches.
    keys: list[str] = field(default_factory=list)
    #: Per row: OPEN_ROW, CLOSED_ROW (its status), LATE_ROW (a follow-up action overdue).
    flags: bytearray = field(default_factory=bytearray)
    #: Per row: its pharmacy, an index in ``pharmacies`` (-1: none).
    pharmacy: list[int] = field(default_factory=list)
    #: (identity, name) of each pharmacy, in the order first met.
    pharmacies: list[tuple[str, str]] = field(default_factory=list)
    #: The rows with a follow-up action overdue.
    late_rows: list[int] = field(default_factory=list)
    #: Follow-up actions overdue, in every incident.
    overdue_actions: int = 0
    #: The day (Paris) the overdue flags were computed for.
    today: str = ""

    OPEN_ROW, CLOSED_ROW, LATE_ROW = 1, 2, 4

    def __len__(self) -> int:
        return len(self.references)


def listing_of(rows: Iterable[tuple[Any, ...]], today: str, overdue: int) -> Listing:
    """The Listing of (reference, search, status, action_due, pharmacy_id, pharmacy) rows, read
    as they come (a cursor: only what the listing keeps is held)."""
    listing = Listing(today=today, overdue_actions=overdue)
    references, keys, flags, codes = listing.references, listing.keys, listing.flags, listing.pharmacy
    known: dict[str, int] = {"": -1}
    status_flags = {OPEN: Listing.OPEN_ROW, CLOSED: Listing.CLOSED_ROW}
    late_rows = listing.late_rows
    for row, (reference, search, status, action_due, identity, name) in enumerate(rows):
        references.append(reference)
        keys.append(search or f"{reference} ".casefold())
        late = action_due is not None and action_due < today
        flags.append(status_flags.get(status, 0) | (Listing.LATE_ROW if late else 0))
        if late:
            late_rows.append(row)
        code = known.get(identity)
        if code is None:
            code = known[identity] = len(listing.pharmacies)
            listing.pharmacies.append((identity, name or identity))
        codes.append(code)
    return listing


@functools.cache
def default_actor() -> str:
    """Who acts, for the journal: the operating-system account name (read once: without
    $LOGNAME or $USER, getpass asks the password database at every call, i.e. every save)."""
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no account name is not a reason to fail
        return "utilisateur"



def clock_short(instant: datetime) -> str:
    from ..domain.clock import format_short

    return format_short(instant)


#: The columns _summary reads, in its order ('données illisibles': rows.UNREADABLE_DATA,
#: translated where it is shown).
SUMMARY_SELECT = ("SELECT reference, title, status, created_at, updated_at, awareness_at, notified_at,"
                  " outcome, clock_start, deadlines,"
                  " CASE WHEN json_valid(data) THEN '' ELSE 'données illisibles' END,"
                  " actions, pharmacy, pharmacy_id, notification_due FROM incidents")


def _instant(text: str | None) -> datetime | None:
    """A stored instant (format_instant's 'Z' form read directly; anything else through
    parse_instant), within the plausible dates."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text) if text[-1:] == "Z" else parse_instant(text)
    except ValueError:
        value = parse_instant(text)  # says why, in French
    if value.tzinfo is not UTC:
        value = parse_instant(text)
    if not EARLIEST <= value < LATEST:
        raise ValueError(_("date hors des limites plausibles ({year})").format(year=value.year))
    return value


def _summary(r: tuple[Any, ...]) -> IncidentSummary:
    """One listed incident (a row of SUMMARY_SELECT); a row whose columns cannot be read is
    listed as damaged."""
    damaged = r[10] if len(r) > 10 else ""
    try:
        instant = _instant
        pending = () if r[9] in (None, "", "[]") else tuple(
            Deadline(d["kind"], instant(d["due"]), d["label"]) for d in json.loads(r[9]))
        if damaged:
            raise ValueError(_(UNREADABLE_DATA) if damaged == UNREADABLE_DATA else damaged)
        actions = followup.open_from_data(r[0], json.loads(r[11])) \
            if len(r) > 11 and r[11] and r[11] != "[]" else ()
        name = str(r[12] or "")[:200] if len(r) > 12 else ""
        identity = str(r[13] or "") if len(r) > 13 else ""
        return IncidentSummary(r[0], r[1], r[2], instant(r[3]), instant(r[4]), instant(r[5]),
                               instant(r[6]), r[7], instant(r[8]), pending, "", actions, name,
                               identity, instant(r[14]) if len(r) > 14 else None)
    except (ValueError, KeyError, TypeError, IncidentWizardError) as error:
        try:  # what is still known: when it was created
            created = _instant(r[3]) or EARLIEST
        except (ValueError, TypeError, IncidentWizardError):
            created = EARLIEST
        return IncidentSummary(str(r[0]), str(r[1] or ""), r[2] if r[2] in (OPEN, "closed") else OPEN,
                               created, created, None, None, "", None, (), str(error)[:200] or _("illisible"))


def _entry(row: tuple[Any, ...]) -> jr.JournalEntry:
    return jr.JournalEntry(seq=row[0], at=parse_instant(row[1]), actor=row[2], action=row[3],
                           details=json.loads(row[4]), prev_hash=row[5], hash=row[6],
                           facts=row[7] if len(row) > 7 else "")
