"""Rows read back and written: the home list's summary of an incident and its columns, a journal
entry, who acts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..domain import followup, obligations
from ..domain import journal as jr
from ..domain.errors import IncidentWizardError
from ..domain.model import OPEN, Incident, pharmacy_identity
from ..domain.obligations import Deadline
from ..domain.serialize import clean_str, format_instant, parse_instant, to_data
from ..domain.validation import EARLIEST, LATEST
from ..i18n import N_, _

#: What the listing query (Storage.list_incidents, in its SQL) gives as the reason for a row
#: whose data is not valid JSON; translated where it is shown.
UNREADABLE_DATA = N_("données illisibles")


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
        json.dumps(data if data is not None else to_data(incident), ensure_ascii=False),
        incident.decision.outcome,
    )


def deadline_columns(incident: Incident) -> tuple[Any, ...]:
    """(clock_start, deadlines): when the 72 hours run from and the deadlines still to meet, as
    the reminders and the home list read them."""
    start = obligations.clock_start(incident)
    pending = [{"kind": d.kind, "due": format_instant(d.due), "label": d.label}
               for d in obligations.deadlines(incident)]
    return (format_instant(start) if start else None, json.dumps(pending, ensure_ascii=False))


def default_actor() -> str:
    """Who acts, for the journal: the operating-system account name."""
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no account name is not a reason to fail
        return "utilisateur"



def clock_short(instant: datetime) -> str:
    from ..domain.clock import format_short

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
                raise ValueError(_("date hors des limites plausibles ({year})").format(year=value.year))
            return value

        pending = tuple(Deadline(d["kind"], instant(d["due"]), d["label"])
                        for d in json.loads(r[9] or "[]"))
        if damaged:
            raise ValueError(_(UNREADABLE_DATA) if damaged == UNREADABLE_DATA else damaged)
        actions = followup.open_from_data(r[0], json.loads(r[11])) if len(r) > 11 and r[11] else ()
        name = str(r[12] or "")[:200] if len(r) > 12 else ""
        siret = str(r[13] or "")[:40] if len(r) > 13 else ""
        return IncidentSummary(r[0], r[1], r[2], instant(r[3]), instant(r[4]), instant(r[5]),
                               instant(r[6]), r[7], instant(r[8]), pending, "", actions, name,
                               pharmacy_identity(siret, name))
    except (ValueError, KeyError, TypeError, IncidentWizardError) as error:
        epoch = EARLIEST
        return IncidentSummary(str(r[0]), str(r[1] or ""), r[2] if r[2] in (OPEN, "closed") else OPEN,
                               epoch, epoch, None, None, "", None, (), str(error)[:200] or _("illisible"))


def _entry(row: tuple[Any, ...]) -> jr.JournalEntry:
    return jr.JournalEntry(seq=row[0], at=parse_instant(row[1]), actor=row[2], action=row[3],
                           details=json.loads(row[4]), prev_hash=row[5], hash=row[6],
                           facts=row[7] if len(row) > 7 else "")
