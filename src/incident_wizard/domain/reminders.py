"""Deadline reminders: 24 h, 6 h and 1 h before the 72-hour deadline of an incident that still
has to be notified, and once when the deadline has passed. Pure functions of UTC instants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from . import clock

#: Hours before the deadline at which a reminder is shown; 0 = the deadline has passed.
THRESHOLDS = (24, 6, 1, 0)


@dataclass(frozen=True)
class Reminder:
    reference: str
    threshold: int
    message: str


def awaits_notification(status: str, awareness: datetime | None, notified_at: datetime | None,
                        outcome: str) -> bool:
    """An open incident with a known awareness time, not notified yet, and not decided
    'register only': its 72-hour deadline still matters."""
    return (status == "open" and awareness is not None and notified_at is None
            and outcome != "register_only")


def due_threshold(deadline: datetime, now: datetime) -> int | None:
    """The tightest threshold reached at ``now`` (None when more than 24 h remain)."""
    remaining = deadline - now
    reached = [t for t in THRESHOLDS if remaining <= timedelta(hours=t)]
    return min(reached) if reached else None


def due_reminders(incidents: list[tuple[str, datetime]], now: datetime,
                  fired: dict[str, list[int]]) -> list[Reminder]:
    """Reminders to show for (reference, awareness) pairs of incidents still to notify.

    ``fired`` (reference -> thresholds already shown) is not changed; a reminder is shown once,
    and starting late shows only the tightest threshold reached, not every earlier one."""
    reminders = []
    for reference, awareness in incidents:
        deadline = clock.deadline(awareness)
        threshold = due_threshold(deadline, now)
        if threshold is None or threshold in fired.get(reference, []):
            continue
        if threshold == 0:
            text = (f"{reference} : le délai de 72 heures pour notifier la CNIL est dépassé "
                    f"(échéance : {clock.format_datetime(deadline)}). Notifiez sans attendre en "
                    "indiquant les raisons du retard.")
        else:
            text = (f"{reference} : il reste {clock.format_duration(deadline - now)} pour notifier "
                    f"la CNIL (échéance : {clock.format_datetime(deadline)}).")
        reminders.append(Reminder(reference, threshold, text))
    return reminders


def mark_fired(fired: dict[str, list[int]], reminder: Reminder) -> dict[str, list[int]]:
    """Record a shown reminder and every looser threshold with it."""
    done = set(fired.get(reminder.reference, []))
    done.update(t for t in THRESHOLDS if t >= reminder.threshold)
    return {**fired, reminder.reference: sorted(done, reverse=True)}
