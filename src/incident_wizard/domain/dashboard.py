"""Every open deadline of a data folder, across pharmacies, soonest first (issue 15): the
72-hour notification, the complementary notification, the complaint for the insurance
(``obligations.deadlines``) and the follow-up actions' due days (``followup``).

An item's texts (what is due, when, the time left) are written when first read: a DPO's folder
holds tens of thousands of deadlines, and the deadlines view shows a screenful of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..i18n import N_, _
from . import clock, followup

#: What an action's deadline is called (French source text; the list sorts on it, then
#: translates it where it is shown).
ACTION_LABEL = N_("Action de suivi {id} : {title}")


class once:  # noqa: N801 - used as a decorator, like property
    """A property computed when first read, then kept in the instance (functools.cached_property
    without the lock it takes at every read under Python 3.11: tens of thousands are read)."""

    def __init__(self, compute: Callable[[Any], Any]):
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass(eq=False)
class DashboardItem:
    """One open deadline of a data folder: when, which incident and pharmacy, what is due (read
    only: not frozen, so that hundreds of thousands are made quickly)."""
    due: datetime
    reference: str
    pharmacy: str
    kind: str
    #: A deadline's label (French source text, obligations.DEADLINE_LABELS), or an action's title.
    source: str
    #: When the list was made: what ``left`` counts from.
    now: datetime
    #: The follow-up action's id and due day (AAAA-MM-JJ), "" for a deadline.
    action: str = ""
    day: str = ""

    @once
    def label(self) -> str:
        """What is due, as shown."""
        if self.kind == followup.ACTION_DEADLINE:
            return _(ACTION_LABEL).format(id=self.action, title=self.source)
        return _(self.source)

    @once
    def left(self) -> str:
        """"dans 5 h 10 min", "dans 12 jours", "dépassée depuis 2 h 00 min" at ``now``."""
        return _left(self.due, self.now)

    @once
    def when(self) -> str:
        """When it is due, as shown (Paris): a date and time, or an action's due day."""
        return _when(self.due, self.kind, self.day)


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


def _when(due: datetime, kind: str, day: str = "") -> str:
    if kind == followup.ACTION_DEADLINE:  # ends at midnight after the due day: show the day
        shown = (f"{day[8:10]}/{day[5:7]}/{day[:4]}" if day
                 else clock.to_paris(due - timedelta(seconds=1)).strftime("%d/%m/%Y"))
        return _("{day} (fin de journée)").format(day=shown)
    return clock.format_short(due)


def open_deadlines(summaries, now: datetime) -> list[DashboardItem]:  # noqa: ANN001 - summaries
    """(due, time left, pharmacy, reference, label) of every deadline still to meet: those of
    open incidents, and the due days of actions not done (open or closed incidents)."""
    items: list[DashboardItem] = []
    for s in summaries:
        if getattr(s, "damaged", ""):
            continue
        if s.status == "open":
            items += [DashboardItem(d.due, s.reference, s.pharmacy, d.kind, d.label, now)
                      for d in s.deadlines]
        for action in s.actions:
            if action.due is not None:
                items.append(DashboardItem(followup.end_of_day(action.due), s.reference, s.pharmacy,
                                           followup.ACTION_DEADLINE, action.title, now, action.id,
                                           action.due.isoformat()))
    items.sort(key=lambda i: (i.due, i.reference, i.label))
    return items
