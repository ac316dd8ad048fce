"""Every open deadline of a data folder, across pharmacies, soonest first (issue 15): the
72-hour notification, the complementary notification, the complaint for the insurance
(``obligations.deadlines``) and the follow-up actions' due days (``followup``).

An item's texts (what is due, when, the time left) are written when first read: a DPO's folder
holds tens of thousands of deadlines, and the deadlines view shows a screenful of them."""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
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
        return self._texts.label(self.kind, self.source, self.action)

    @once
    def left(self) -> str:
        """"dans 5 h 10 min", "dans 12 jours", "dépassée depuis 2 h 00 min" at ``now``."""
        return self._texts.left(_micros(self.due))

    @once
    def when(self) -> str:
        """When it is due, as shown (Paris): a date and time, or an action's due day."""
        return self._texts.when(_micros(self.due), self.kind, self.day)

    @once
    def _texts(self) -> DeadlineTexts:
        return DeadlineTexts(self.now)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_MINUTE = 60_000_000  # microseconds
_HOUR = 60 * _MINUTE
_WEEK = 7 * 24 * _HOUR


def _micros(instant: datetime) -> int:
    return (instant - _EPOCH) // _MICROSECOND


class DeadlineTexts:
    """The texts of deadlines shown at one instant (``now``): when, the time left and what is
    due, for DashboardItem and for the `deadlines` command's hundreds of thousands of lines
    alike. Each translation is looked up once, and each text of a due instant, a duration, a
    Paris hour or a due day written once (a Paris hour starts on a whole UTC hour: its date and
    hour hold for all its minutes). ``due``: whole microseconds since 1970 (UTC), as stored."""

    def __init__(self, now: datetime):
        self.now = _micros(now)
        self._late, self._ahead = _("dépassée depuis {late}"), _("dans {left}")
        self._day_end = _("{day} (fin de journée)")
        self._action = _(ACTION_LABEL)
        # The action's label as three pieces around its id and title (the usual template):
        # joined, not formatted, for each of thousands of actions.
        pieces = list(string.Formatter().parse(self._action))
        self._action_pieces = (
            (pieces[0][0], pieces[1][0], pieces[2][0] if len(pieces) > 2 else "")
            if [(p[1], p[2], p[3]) for p in pieces[:2]] == [("id", "", None), ("title", "", None)]
            and all(p[1] is None for p in pieces[2:]) and len(pieces) <= 3 else None)
        self._lefts: dict[int, str] = {}
        self._spans: dict[tuple[bool, int], str] = {}
        self._hours: dict[int, str] = {}
        self._instants: dict[int, str] = {}
        self._days: dict[str, str] = {}
        self._labels: dict[str, str] = {}

    def left(self, due: int) -> str:
        """"dans 5 h 10 min", "dans 12 jours", "dépassée depuis 2 h 00 min": hours and minutes up
        to a week (the 72-hour clocks count in hours), then days."""
        text = self._lefts.get(due)
        if text is None:
            remaining = due - self.now
            late = remaining < 0
            span = -remaining if late else remaining
            key = (late, span // 86_400_000_000 if span >= _WEEK else -1 - span // _MINUTE)
            text = self._spans.get(key)
            if text is None:
                if span >= _WEEK:
                    duration = _("{days} jours").format(days=key[1])
                else:
                    duration = clock.format_duration(timedelta(minutes=span // _MINUTE))
                text = self._spans[key] = (self._late.format(late=duration) if late
                                           else self._ahead.format(left=duration))
            if len(self._lefts) < 1_000_000:
                self._lefts[due] = text
        return text

    def when(self, due: int, kind: str, day: str = "") -> str:
        """When it is due, as shown (Paris): a date and time, or an action's due day."""
        if kind == followup.ACTION_DEADLINE:  # ends at midnight after the due day: show the day
            text = self._days.get(day)
            if text is None:
                shown = (f"{day[8:10]}/{day[5:7]}/{day[:4]}" if day else clock.to_paris(
                    _EPOCH + (due - 1_000_000) * _MICROSECOND).strftime("%d/%m/%Y"))
                text = self._day_end.format(day=shown)
                if day:
                    self._days[day] = text
            return text
        text = self._instants.get(due)
        if text is None:
            hour, minutes = divmod(due, _HOUR)
            start = self._hours.get(hour)
            if start is None:  # 'JJ/MM/AAAA HH:00': the minutes are this hour's
                start = self._hours[hour] = clock.format_short(_EPOCH + hour * _HOUR * _MICROSECOND)[:-2]
            text = f"{start}{minutes // _MINUTE:02d}"
            if len(self._instants) < 1_000_000:
                self._instants[due] = text
        return text

    def label(self, kind: str, source: str, action: str = "") -> str:
        """What is due, as shown: a deadline's label translated, or the action's id and title."""
        if kind == followup.ACTION_DEADLINE:
            if self._action_pieces is not None:
                before, between, after = self._action_pieces
                return f"{before}{action}{between}{source}{after}"
            return self._action.format(id=action, title=source)
        text = self._labels.get(source)
        if text is None:
            text = self._labels[source] = _(source)
        return text


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
