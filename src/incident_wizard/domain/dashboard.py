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
    #: "dans 5 h 10 min", "dans 12 jours", "dépassée depuis 2 h 00 min" at the time of the list.
    left: str = ""
    #: When it is due, as shown (Paris): a date and time, or an action's due day.
    when: str = ""


def _duration(delta: timedelta) -> str:
    """Hours and minutes up to a week (the 72-hour clocks count in hours), then days."""
    if delta >= timedelta(days=7):
        return _("{days} jours").format(days=delta.days)
    return clock.format_duration(delta)


def _left(due: datetime, now: datetime) -> str:
    remaining = due - now
    if remaining < timedelta(0):
        return _("dépassée depuis {late}").format(late=_duration(-remaining))
    return _("dans {left}").format(left=_duration(remaining))


def _when(due: datetime, kind: str) -> str:
    if kind == followup.ACTION_DEADLINE:  # ends at midnight after the due day: show the day
        return _("{day} (fin de journée)").format(
            day=clock.to_paris(due - timedelta(seconds=1)).strftime("%d/%m/%Y"))
    return clock.format_short(due)


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
    return [DashboardItem(*i, left=_left(i[0], now), when=_when(i[0], i[4])) for i in items]
