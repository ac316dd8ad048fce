"""Every open deadline of a data folder, across pharmacies, soonest first (issue 15): the
72-hour notification, the complementary notification, the complaint for the insurance
(``obligations.deadlines``) and the follow-up actions' due days (``followup``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..i18n import _
from . import clock, followup


@dataclass(frozen=True)
class DashboardItem:
    """One open deadline of a data folder: when, which incident and pharmacy, what is due."""
    due: datetime
    reference: str
    pharmacy: str
    label: str
    kind: str
    #: "dans 5 h 10 min", "dépassée depuis 2 h 00 min" at the time of the list.
    left: str = ""


def _left(due: datetime, now: datetime) -> str:
    remaining = due - now
    if remaining < timedelta(0):
        return _("dépassée depuis {late}").format(late=clock.format_duration(-remaining))
    return _("dans {left}").format(left=clock.format_duration(remaining))


def open_deadlines(summaries, now: datetime) -> list[DashboardItem]:  # noqa: ANN001 - summaries
    """(due, time left, pharmacy, reference, label) of every deadline still to meet: those of
    open incidents, and the due days of actions not done (open or closed incidents)."""
    items: list[tuple[datetime, str, str, str, str]] = []
    for s in summaries:
        if getattr(s, "damaged", ""):
            continue
        if s.status == "open":
            items += [(d.due, s.reference, s.pharmacy, _(d.label), d.kind) for d in s.deadlines]
        for action in s.actions:
            if action.due is not None:
                items.append((followup.end_of_day(action.due), s.reference, s.pharmacy,
                              _("Action de suivi {id} : {title}").format(id=action.id, title=action.title),
                              followup.ACTION_DEADLINE))
    items.sort(key=lambda i: (i[0], i[1], i[3]))
    return [DashboardItem(*i, left=_left(i[0], now)) for i in items]
