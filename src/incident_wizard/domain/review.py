"""The yearly review of the register (issue 16): what happened over a period, by situation and by
outcome, and the follow-up actions still open, for a one-page summary that the titulaire signs
and files with the quality programme's records. Pure functions of incidents and instants.

The review is proposed once a year: 365 days after the last one, or after the first incident
when there has been none yet (REVIEW_INTERVAL); it can be made at any time."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..i18n import _
from . import clock, followup
from .model import CLOSED, OUTCOME_LABELS, REGISTER_ONLY, Incident

REVIEW_INTERVAL = timedelta(days=365)


@dataclass(frozen=True)
class ActionLine:
    """A follow-up action as the yearly review lists it."""
    reference: str
    id: str
    title: str
    kind: str
    owner: str
    due: str
    done_on: str
    state: str


@dataclass
class Review:
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


def build(incidents: list[Incident], procedure, start: date, end: date,  # noqa: ANN001
          now: datetime) -> Review:
    """The review of ``start``..``end`` (incidents by awareness, or creation when not dated);
    the open actions are those of every incident, whatever its period (they are still to do)."""
    on = followup.today(now)
    review = Review(start, end)
    chosen = sorted((i for i in incidents if _in(i, start, end)),
                    key=lambda i: (i.dates.awareness_at or i.created_at, i.reference))
    review.incidents = len(chosen)
    review.references = [i.reference for i in chosen]
    review.closed = sum(1 for i in chosen if i.status == CLOSED)
    scenarios = Counter(procedure.scenarios[i.scenario].label if i.scenario in procedure.scenarios
                        else _("Situation non choisie") for i in chosen)
    review.by_scenario = sorted(scenarios.items(), key=lambda kv: (-kv[1], kv[0]))
    outcomes = Counter(OUTCOME_LABELS.get(i.decision.outcome) or _("Pas encore décidée") for i in chosen)
    review.by_outcome = sorted(outcomes.items(), key=lambda kv: (-kv[1], kv[0]))
    review.notified = sum(1 for i in chosen if i.notifications)
    review.late = sum(1 for i in chosen if i.notifications and i.decision.outcome != REGISTER_ONLY
                      and _late(i))
    review.informed = sum(1 for i in chosen if i.information.status == "done")
    review.open_incidents = [(i.reference, i.title) for i in chosen if i.status != CLOSED]
    for incident in sorted(incidents, key=lambda i: i.reference):
        for action in incident.actions:
            if not action.done_on:
                review.open_actions.append(_line(incident, action, on))
            elif start <= (followup.day_of(action.done_on) or date.min) <= end:
                review.done_actions.append(_line(incident, action, on))
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
