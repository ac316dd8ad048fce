"""The yearly review of the register (issue 16): what happened over a period, by situation and by
outcome, and the follow-up actions still open, for a one-page summary that the titulaire signs
and files with the quality programme's records. Pure functions of incidents and instants.

The review is proposed once a year: 365 days after the last one, or after the first incident
when there has been none yet (REVIEW_INTERVAL); it can be made at any time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..i18n import _
from . import clock, followup
from .model import CLOSED, OUTCOME_LABELS, REGISTER_ONLY, Incident
from .values import FrozenValue, Value

REVIEW_INTERVAL = timedelta(days=365)
#: The review is a summary to sign: it lists this many open incidents, open actions (the
#: soonest due first: the overdue ones) and actions done, and says how many more there are and
#: where they all are (a DPO's folder has thousands). Its figures count them all.
LISTED = 8
#: The actions done are listed in a paragraph: this many, then how many more.
LISTED_DONE = 5


@dataclass(frozen=True, eq=False, repr=False)
class ActionLine(FrozenValue):
    """A follow-up action as the yearly review lists it."""
    reference: str
    id: str
    title: str
    kind: str
    owner: str
    due: str
    done_on: str
    state: str


@dataclass(eq=False, repr=False)
class Review(Value):
    """The yearly review of the register over a period."""
    start: date
    end: date
    incidents: int = 0
    closed: int = 0
    by_scenario: list[tuple[str, int]] = field(default_factory=list)
    by_outcome: list[tuple[str, int]] = field(default_factory=list)
    notified: int = 0
    late: int = 0
    informed: int = 0
    open_incidents: list[tuple[str, str]] = field(default_factory=list)
    open_actions: list[ActionLine] = field(default_factory=list)
    done_actions: list[ActionLine] = field(default_factory=list)
    overdue: int = 0
    references: list[str] = field(default_factory=list)


def default_period(now: datetime) -> tuple[date, date]:
    """The twelve months ending today (Paris)."""
    end = followup.today(now)
    try:
        start = end.replace(year=end.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February
        start = end.replace(year=end.year - 1, day=28) + timedelta(days=1)
    return start, end


def _in(incident: Incident, start: date, end: date) -> bool:
    when = incident.dates.awareness_at or incident.created_at
    return start <= clock.to_paris(when).date() <= end


def _line(incident: Incident, action, on: date) -> ActionLine:  # noqa: ANN001 - FollowUpAction
    return ActionLine(incident.reference, action.id, action.title, action.kind, action.owner,
                      action.due, action.done_on, followup.state(action, on))


def build(incidents: Iterable[Incident], procedure, start: date, end: date,  # noqa: ANN001
          now: datetime) -> Review:
    """The review of ``start``..``end`` (incidents by awareness, or creation when not dated);
    the open actions are those of every incident, whatever its period (they are still to do).
    ``incidents`` is read once, one at a time (a DPO's folder holds thousands): only the figures
    and the lines of the review are kept."""
    on = followup.today(now)
    review = Review(start, end)
    chosen: list[tuple[datetime, str, str, bool]] = []  # (when, reference, title, open)
    scenarios: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    done: list[tuple[str, int, ActionLine]] = []
    for incident in incidents:
        if _in(incident, start, end):
            chosen.append((incident.dates.awareness_at or incident.created_at, incident.reference,
                           incident.title, incident.status != CLOSED))
            review.closed += incident.status == CLOSED
            scenarios[procedure.scenarios[incident.scenario].label if incident.scenario in
                      procedure.scenarios else _("Situation non choisie")] += 1
            outcomes[OUTCOME_LABELS.get(incident.decision.outcome) or _("Pas encore décidée")] += 1
            review.notified += bool(incident.notifications)
            review.late += bool(incident.notifications and incident.decision.outcome != REGISTER_ONLY
                                and _late(incident))
            review.informed += incident.information.status == "done"
        for index, action in enumerate(incident.actions):
            if not action.done_on:
                review.open_actions.append(_line(incident, action, on))
            elif start <= (followup.day_of(action.done_on) or date.min) <= end:
                done.append((incident.reference, index, _line(incident, action, on)))
    chosen.sort(key=lambda c: (c[0], c[1]))
    review.incidents = len(chosen)
    review.references = [reference for _when, reference, _title, _open in chosen]
    review.by_scenario = sorted(scenarios.items(), key=lambda kv: (-kv[1], kv[0]))
    review.by_outcome = sorted(outcomes.items(), key=lambda kv: (-kv[1], kv[0]))
    review.open_incidents = [(reference, title) for _when, reference, title, is_open in chosen if is_open]
    # Every incident's actions, by incident reference (then in the incident's order).
    done.sort(key=lambda d: (d[0], d[1]))
    review.done_actions = [line for _reference, _index, line in done]
    review.open_actions.sort(key=lambda a: (a.due or "9999", a.reference, a.id))
    review.overdue = sum(1 for a in review.open_actions if a.state == followup.OVERDUE)
    return review


def _late(incident: Incident) -> bool:
    from .obligations import is_late_at

    first = incident.first_notification_at()
    return first is not None and is_late_at(incident, first)


def review_due(last_review: datetime | None, first_incident: datetime | None,
               now: datetime) -> bool:
    """Whether the app proposes the yearly review now."""
    since = last_review or first_incident
    return since is not None and now - since >= REVIEW_INTERVAL
