"""Deadline reminders: 24 h, 6 h and 1 h before each deadline an open incident still has to meet
(the 72-hour notification, the complementary notification, the complaint for the insurance; see
``obligations.deadlines``), and once when it has passed; follow-up actions 7 days and 1 day
before their due day ends, and once overdue (``followup``). Pure functions of UTC instants.

A reminder's French text is written when it is read (``message``): at the first start on a
DPO's folder, thousands of reminders may be due at once and only a few are shown. What the
stored due items are selected on (``reminder_reach``) and in which order reminders are shown
(``urgency``) are here too, so that a check reads only the items whose reminder has come."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from ..i18n import _
from . import clock
from .dashboard import once
from .followup import ACTION_DEADLINE, ACTION_THRESHOLDS, ActionDue, reminder_items, reminder_moments
from .followup import today as followup_today
from .obligations import CNIL, COMPLAINT, COMPLEMENTARY, Deadline
from .values import FrozenValue

#: Hours before the deadline at which a reminder is shown; 0 = the deadline has passed.
THRESHOLDS = (24, 6, 1, 0)


@dataclass(frozen=True, eq=False, repr=False)
class Reminder(FrozenValue):
    """A reminder to show once: its key, its threshold and (``message``) the French text."""
    reference: str
    threshold: int
    #: Writes the message (called once, when the message is first read).
    text: Callable[[], str] = field(repr=False, compare=False)
    #: When the deadline (or the action's due day) falls: the most urgent are shown first.
    due: datetime | None = field(default=None, compare=False)

    @once
    def message(self) -> str:
        return self.text()


_HOURS = tuple((t, timedelta(hours=t)) for t in THRESHOLDS)


def due_threshold(deadline: datetime, now: datetime) -> int | None:
    """The tightest threshold reached at ``now`` (None when more than 24 h remain)."""
    remaining = deadline - now
    if remaining <= timedelta(0):
        return 0
    reached = [t for t, hours in _HOURS if remaining <= hours]
    return min(reached) if reached else None


def due_reminders(incidents: list[tuple[str, datetime]], now: datetime,
                  fired: dict[str, list[int]]) -> list[Reminder]:
    """Reminders to show for (reference, clock start) pairs of incidents still to notify."""
    return due_deadline_reminders(
        [(reference, Deadline(CNIL, clock.deadline(start), "")) for reference, start in incidents],
        now, fired)


def reminder_key(reference: str, kind: str) -> str:
    """The key under which shown reminders are remembered (the 72 h one keeps the bare
    reference, as stored by earlier versions)."""
    return reference if kind == CNIL else f"{reference}#{kind}"


def due_deadline_reminders(items: list[tuple[str, Deadline]], now: datetime,
                           fired: dict[str, list[int]]) -> list[Reminder]:
    """Reminders to show for (reference, deadline) pairs.

    ``fired`` (key -> thresholds already shown) is not changed; a reminder is shown once, and
    starting late shows only the tightest threshold reached, not every earlier one."""
    reminders = []
    for reference, deadline in items:
        key = reminder_key(reference, deadline.kind)
        threshold = due_threshold(deadline.due, now)
        if threshold is None or threshold in fired.get(key, ()):
            continue
        reminders.append(Reminder(key, threshold, _deadline_text(reference, deadline, threshold, now),
                                  deadline.due))
    return reminders


def _deadline_text(reference: str, deadline: Deadline, threshold: int,
                   now: datetime) -> Callable[[], str]:
    def text() -> str:
        when = clock.format_datetime(deadline.due)
        left = clock.format_duration(deadline.due - now)
        if deadline.kind == COMPLEMENTARY and threshold == 0:
            text = _("{reference} : la notification complémentaire est attendue par la CNIL dans les "
                     "72 heures après la notification initiale si possible (échéance : {due}). "
                     "Envoyez-la dès que possible. S'il n'y a rien à ajouter, dites-le à l'étape "
                     "Notification à la CNIL.")
        elif deadline.kind == COMPLEMENTARY:
            text = _("{reference} : la notification complémentaire est attendue par la CNIL dans les "
                     "72 heures après la notification initiale si possible (échéance : {due}, dans "
                     "{left}). S'il n'y a rien à ajouter, dites-le à l'étape Notification à la CNIL.")
        elif deadline.kind == COMPLAINT and threshold == 0:
            text = _("{reference} : pour être indemnisé par une assurance, la plainte doit être "
                     "déposée au plus tard 72 heures après la connaissance de l'attaque "
                     "(échéance : {due}, dépassée). Déposez-la avant de réinstaller les postes.")
        elif deadline.kind == COMPLAINT:
            text = _("{reference} : pour être indemnisé par une assurance, la plainte doit être "
                     "déposée au plus tard 72 heures après la connaissance de l'attaque "
                     "(échéance : {due}, dans {left}). Déposez-la avant de réinstaller les postes.")
        elif threshold == 0:
            text = _("{reference} : le délai de 72 heures pour notifier la CNIL est dépassé "
                     "(échéance : {due}). Notifiez sans attendre en indiquant les raisons du retard.")
        else:
            text = _("{reference} : il reste {left} pour notifier la CNIL (échéance : {due}).")
        return text.format(reference=reference, due=when, left=left)

    return text


@lru_cache(maxsize=4096)
def _moments(due: date) -> tuple[tuple[int, datetime], ...]:
    """reminder_moments, once per due day (a folder's actions share their due days)."""
    return reminder_moments(due)


def due_action_reminders(actions: list[ActionDue], now: datetime,
                         fired: dict[str, list[int]]) -> list[Reminder]:
    """Reminders of follow-up actions still open: from the start of the day a week before the
    due day, from the start of the day before, and once the due day has ended (Paris); shown
    once each, the tightest only when starting late (as the deadlines)."""
    reminders = []
    for key, reference, due, title in reminder_items(actions):
        threshold = action_threshold(due, now)
        if threshold is None or threshold in fired.get(key, ()):
            continue
        reminders.append(Reminder(key, threshold, _action_text(reference, due, title, threshold, now),
                                  _moments(due)[-1][1]))
    return reminders


def _action_text(reference: str, due: date, title: str, threshold: int,
                 now: datetime) -> Callable[[], str]:
    def text() -> str:
        day = clock.format_date(clock.paris_to_utc(datetime.combine(due, time(12, 0))))
        if threshold == 0:
            return _("{reference} : l'action de suivi « {title} » est en retard (échéance : "
                     "{day}). Faites-la, ou donnez-lui une nouvelle échéance (étape Prévention et "
                     "suivi).").format(reference=reference, title=title[:80], day=day)
        left = (due - followup_today(now)).days
        if left == 1:
            text = _("{reference} : l'action de suivi « {title} » arrive à échéance demain, le {day}.")
        elif left <= 0:
            text = _("{reference} : l'action de suivi « {title} » arrive à échéance aujourd'hui, "
                     "le {day}.")
        else:
            text = _("{reference} : l'action de suivi « {title} » arrive à échéance dans {days} "
                     "jours, le {day}.")
        return text.format(reference=reference, title=title[:80], day=day, days=left)

    return text


def action_threshold(due: date, now: datetime) -> int | None:
    """The tightest threshold of an action due on ``due`` (Paris) reached at ``now`` (None:
    more than a week ahead)."""
    moments = _moments(due)
    if now >= moments[-1][1]:
        return 0
    reached = [threshold for threshold, moment in moments if now >= moment]
    return min(reached) if reached else None


#: One hour: the most a change of time moves a Paris day's start against a count of hours.
_DST = timedelta(hours=1)


def reminder_reach(kind: str, reminded: int | None) -> timedelta:
    """How long before its due instant a deadline (``kind``) or an action (followup's
    ACTION_DEADLINE: its due instant is the end of its due day) can next be reminded, once
    reminded at ``reminded`` (None: not yet): what a check selects the stored due items on, so
    that it reads only those whose next reminder may have come. Never shorter than the true
    moment (an action's moments are starts of Paris days: an hour of margin for the change of
    time); the exact threshold is then ``due_threshold`` / ``action_threshold``."""
    if kind == ACTION_DEADLINE:
        left = [t for t in ACTION_THRESHOLDS if reminded is None or t < reminded]
        # The moment of threshold t is t hours before the due day starts, which is 24 h (±1)
        # before its end.
        return timedelta(hours=max(left) + 24) + _DST if left and max(left) else timedelta(0)
    left = [t for t in THRESHOLDS if reminded is None or t < reminded]
    return timedelta(hours=max(left)) if left else timedelta(0)


def reminder_states() -> list[tuple[str, int | None]]:
    """Every (kind, reminded) a due item still to remind can be in, for reminder_reach
    (``kind``: ACTION_DEADLINE or any deadline kind, here CNIL)."""
    return ([(ACTION_DEADLINE, None)] + [(ACTION_DEADLINE, t) for t in ACTION_THRESHOLDS if t]
            + [(CNIL, None)] + [(CNIL, t) for t in THRESHOLDS if t])


def urgency(is_action: bool, due: datetime, now: datetime) -> tuple[bool, bool, float]:
    """The order reminders are shown in: deadlines before actions; what is still ahead
    (soonest first) before what has passed (latest first)."""
    ahead = due >= now
    return (is_action, not ahead, (due - now).total_seconds() if ahead else (now - due).total_seconds())


def item_reminder(reference: str, kind: str, label: str, action: str, title: str, day: date | None,
                  due: datetime, threshold: int, now: datetime) -> Reminder:
    """The reminder of one stored due item (storage.rows.due_items) at ``threshold``; its
    text is written when read."""
    if kind == ACTION_DEADLINE and day is not None:
        key = f"{reference}#action-{action}-{day.isoformat()}"  # followup.reminder_items' key
        return Reminder(key, threshold, _action_text(reference, day, title, threshold, now), due)
    return Reminder(reminder_key(reference, kind), threshold,
                    _deadline_text(reference, Deadline(kind, due, label), threshold, now), due)


def mark_fired(fired: dict[str, list[int]], reminder: Reminder) -> dict[str, list[int]]:
    """Record a shown reminder and every looser threshold with it, in ``fired`` itself (its
    other keys are not copied: a first start with thousands of reminders stays linear); returns
    ``fired``."""
    kinds = ACTION_THRESHOLDS if "#action-" in reminder.reference else THRESHOLDS
    done = set(fired.get(reminder.reference, ()))
    done.update(t for t in kinds if t >= reminder.threshold)
    fired[reminder.reference] = sorted(done, reverse=True)
    return fired
