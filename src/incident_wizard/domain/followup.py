"""Follow-up actions and prevention proposals (issue 16), in one place: the session, the panels,
the home list, the reminders, the register and the yearly review call these.

- An action is corrective or preventive, with an owner, a due day, a done day and an evidence
  note; days are calendar days in Europe/Paris (``AAAA-MM-JJ``).
- An action is overdue once its due day has passed (Paris) and it is not done.
- An incident can close with actions still open only if each has an owner and a due day
  (issue 16: "an incident can close with open actions only if each has an owner and a due date").
- The prevention proposals come from ``forms/prevention.toml`` (with their sources); each is
  chosen (it becomes an action), or dismissed with a reason, or still to consider.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from ..i18n import N_, _
from . import clock
from .errors import ValidationError
from .model import ACTION_KINDS, ACTION_PREVENTIVE, Dismissal, FollowUpAction, Incident
from .serialize import clean_str
from .values import FrozenValue

DONE, OVERDUE, OPEN, UNPLANNED = "done", "overdue", "open", "unplanned"
#: French source text: translate with i18n._() where shown.
STATE_LABELS = {DONE: N_("faite"), OVERDUE: N_("en retard"), OPEN: N_("à faire"), UNPLANNED: N_("à planifier")}
#: Reminders of an action's due day (their ids): a week before, the day before, and once it has
#: passed (see reminder_moments).
ACTION_THRESHOLDS = (168, 24, 0)
ACTION_DEADLINE = "action"
#: How far ahead a due day may be set (a plan, not a wish).
MAX_DUE_YEARS = 5


def parse_day(text: str, what: str) -> str:
    """'2027-01-31' or '31/01/2027' -> '2027-01-31'; '' stays ''; anything else is refused."""
    text = (text or "").strip()
    if not text:
        return ""
    day = clock.read_day(text)
    if day is None or not 2000 <= day.year <= 2100:
        raise ValidationError(_("{what} : date « {day} » invalide ; écrivez JJ/MM/AAAA.").format(
            what=what, day=text[:30]))
    return day.isoformat()


@lru_cache(maxsize=4096)
def day_of(text: str) -> date | None:
    try:
        day = date.fromisoformat(text) if text else None
    except (ValueError, TypeError):
        return None
    return day if day is not None and 2000 <= day.year <= 2100 else None


@lru_cache(maxsize=4096)
def show_day(text: str) -> str:
    day = day_of(text)
    return day.strftime("%d/%m/%Y") if day else ""


def today(now: datetime) -> date:
    """The calendar day in Paris at ``now``."""
    return clock.to_paris(now).date()


#: The due day proposed when a prevention proposal is retained (the pharmacist changes it).
PROPOSED_DELAY = timedelta(days=30)


def proposed_due(now: datetime) -> date:
    return today(now) + PROPOSED_DELAY


def end_of_day(day: date) -> datetime:
    """The instant (UTC) when a due day ends in Paris: midnight after it, DST-exact."""
    return clock.paris_to_utc(datetime.combine(day + timedelta(days=1), time(0, 0)))


def state(action: FollowUpAction, on: date) -> str:
    if action.done_on:
        return DONE
    due = day_of(action.due)
    if due is None:
        return UNPLANNED
    return OVERDUE if due < on else OPEN


def open_actions(incident: Incident) -> list[FollowUpAction]:
    return [a for a in incident.actions if not a.done_on]


def overdue_actions(incident: Incident, on: date) -> list[FollowUpAction]:
    return [a for a in incident.actions if state(a, on) == OVERDUE]


def closure_problems(incident: Incident) -> list[str]:
    """What the actions need before the incident can close (French sentences; beyond three
    actions, one sentence that names them)."""
    problems = []
    incomplete = []
    for action in open_actions(incident):
        owner, due = action.owner.strip(), day_of(action.due)
        if owner and due:
            continue
        missing = (_("un responsable et une échéance") if not owner and not due
                   else _("un responsable") if not owner else _("une échéance"))
        incomplete.append(action)
        problems.append(_("Action de suivi {id} « {title} » encore ouverte : donnez-lui {missing}, "
                          "ou marquez-la comme faite (étape Prévention et suivi).").format(
            id=action.id, title=_short(action.title), missing=missing))
    if len(incomplete) > 3:
        ids = ", ".join(a.id for a in incomplete[:20]) + ("…" if len(incomplete) > 20 else "")
        return [_("{count} actions de suivi encore ouvertes sans responsable ou sans échéance "
                  "({ids}) : complétez-les ou marquez-les comme faites (étape Prévention et "
                  "suivi).").format(count=len(incomplete), ids=ids)]
    return problems


def _short(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= 80 else title[:79].rsplit(" ", 1)[0] + "…"


def check_action(action: FollowUpAction, closed: bool, on: date) -> None:
    """Refuse an action that cannot be followed (ValidationError, French); ``on``: today."""
    if not action.title.strip():
        raise ValidationError(_("Décrivez l'action."))
    if action.kind not in ACTION_KINDS:
        raise ValidationError(_("Choisissez le type d'action (corrective ou préventive)."))
    due, done = day_of(action.due), day_of(action.done_on)
    if due is not None and due.year > on.year + MAX_DUE_YEARS:
        raise ValidationError(_("L'échéance du {day} est à plus de {years} ans : vérifiez l'année.").format(
            day=show_day(action.due), years=MAX_DUE_YEARS))
    if done is not None and done > on:
        raise ValidationError(_("Une action ne peut pas être faite dans le futur : vérifiez la date."))
    if done is not None and not action.evidence.strip():
        raise ValidationError(_("Indiquez la preuve que l'action est faite (ex. : « test de "
                                "restauration du 12/01, rapport du prestataire ») : elle figure au "
                                "registre."))
    if closed and not done and not (action.owner.strip() and due):
        raise ValidationError(_("L'incident est clôturé : une action encore ouverte doit avoir un "
                                "responsable et une échéance."))


def next_id(incident: Incident, used: set[str] = frozenset()) -> str:  # noqa: B006 - not mutated
    """A1, A2…: never an id used before, even by a removed action (``used``: the ids the
    journal has seen), so that the journal and the reminders never mix two actions."""
    ids = {a.id for a in incident.actions} | set(used)
    numbers = [int(i[1:]) for i in ids if i[:1] == "A" and i[1:].isdigit() and len(i) < 9]
    return f"A{max(numbers, default=0) + 1}"


def describe(action: FollowUpAction, on: date | None = None) -> str:
    """One action in a line, for the register and the review."""
    parts = [f"{action.id} {action.title}", ACTION_KINDS.get(action.kind, action.kind).lower()]
    if action.owner:
        parts.append(_("responsable : {owner}").format(owner=action.owner))
    if action.due:
        parts.append(_("échéance : {day}").format(day=show_day(action.due)))
    if action.done_on and action.evidence:
        parts.append(_("faite le {day} (preuve : {evidence})").format(
            day=show_day(action.done_on), evidence=action.evidence))
    elif action.done_on:
        parts.append(_("faite le {day}").format(day=show_day(action.done_on)))
    elif on is not None:
        parts.append(_(STATE_LABELS[state(action, on)]))
    return " — ".join(parts)


@dataclass(frozen=True, eq=False, repr=False)
class ActionDue(FrozenValue):
    """An action still open, as listed on the home page and reminded (from the stored data)."""

    reference: str
    id: str
    title: str
    due: date | None


def open_from_data(reference: str, actions: object) -> tuple[ActionDue, ...]:
    """The open actions of an incident's stored ``actions`` list (a damaged item is skipped:
    the incident itself says it is damaged when opened)."""
    result = []
    if not isinstance(actions, list):
        return ()
    for item in actions[:1000]:
        if not isinstance(item, dict) or item.get("done_on"):
            continue
        due = item.get("due")
        result.append(ActionDue(reference, str(item.get("id", ""))[:20],
                                str(item.get("title", ""))[:200],
                                day_of(due) if isinstance(due, str) else None))
    return tuple(result)


def open_in_stored(actions: object, where: str) -> list[FollowUpAction]:
    """The actions not done of an incident's stored ``actions`` list, with what a list of them
    shows (id, title, kind, owner, due day), without the rest of the incident: the `actions`
    command reads tens of thousands. The same texts as the incident loaded (serialize.clean_str);
    ValueError naming ``where`` when it is not a list of actions (the caller says the incident
    cannot be read)."""
    if not isinstance(actions, list):
        raise ValueError(f"{where}: not a list of actions")
    opened = []
    for item in actions:
        if not isinstance(item, dict):
            raise ValueError(f"{where}: not a list of actions")
        if item.get("done_on"):
            continue
        identifier, title = item.get("id"), item.get("title")
        kind, owner, due = item.get("kind", ACTION_PREVENTIVE), item.get("owner", ""), item.get("due", "")
        if not (type(identifier) is type(title) is type(kind) is type(owner) is type(due) is str):
            raise ValueError(f"{where}: not a list of actions")
        opened.append(FollowUpAction(
            id=identifier if identifier.isascii() else clean_str(identifier),
            title=title if title.isascii() else clean_str(title),
            kind=kind if kind.isascii() else clean_str(kind),
            owner=owner if owner.isascii() else clean_str(owner),
            due=due if due.isascii() else clean_str(due)))
    return opened


def overdue_count(actions: tuple[ActionDue, ...], on: date) -> int:
    """How many of an incident's open actions (as listed) are past their due day on ``on``."""
    return sum(1 for a in actions if a.due is not None and a.due < on)


def reminder_items(actions: list[ActionDue]) -> list[tuple[str, str, date, str]]:
    """(key, reference, due day, title) of every dated open action, for reminders; the key names
    the due day, so that an action given a new due day is reminded again."""
    return [(f"{a.reference}#action-{a.id}-{a.due.isoformat()}", a.reference, a.due, a.title)
            for a in actions if a.due is not None]


def reminder_moments(due: date) -> tuple[tuple[int, datetime], ...]:
    """When an action is reminded (threshold, instant): at the start of the day a week before
    its due day, at the start of the day before, and once the due day has ended (Paris)."""
    week = clock.paris_to_utc(datetime.combine(due - timedelta(days=7), time(0, 0)))
    day = clock.paris_to_utc(datetime.combine(due - timedelta(days=1), time(0, 0)))
    return ((168, week), (24, day), (0, end_of_day(due)))


# --- prevention proposals -----------------------------------------------------------------------

PENDING, CHOSEN, DISMISSED = "pending", "chosen", "dismissed"


@dataclass(frozen=True, eq=False, repr=False)
class ProposalState(FrozenValue):
    """A prevention proposal and where it stands for an incident (pending, chosen, dismissed)."""
    proposal: object  # prevention.Proposal
    state: str
    action: FollowUpAction | None = None
    dismissal: Dismissal | None = None


def proposals_for(incident: Incident, procedure) -> list[ProposalState]:  # noqa: ANN001 - Procedure
    """The proposals of the incident's scenario (then those chosen or dismissed from another
    scenario, so that nothing decided disappears when the scenario changes), with their state."""
    shown = [p for p in procedure.proposals.values() if incident.scenario in p.scenarios]
    decided = {a.proposal for a in incident.actions if a.proposal} | set(incident.dismissed_proposals)
    shown += [p for p in procedure.proposals.values() if p.id in decided and p not in shown]
    result = []
    for proposal in shown:
        action = next((a for a in incident.actions if a.proposal == proposal.id), None)
        dismissal = incident.dismissed_proposals.get(proposal.id)
        state_ = CHOSEN if action else (DISMISSED if dismissal else PENDING)
        result.append(ProposalState(proposal, state_, action, dismissal))
    return result


def pending_proposals(incident: Incident, procedure) -> list[ProposalState]:  # noqa: ANN001
    return [p for p in proposals_for(incident, procedure) if p.state == PENDING]
