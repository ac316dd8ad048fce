"""The follow-up actions and the prevention proposals of an open incident (the use cases of the
"Prévention et suivi" step): allowed on a closed incident too (actions are done after closure),
never on one altered outside the app; each change is stored and journaled in one transaction
through the session's public ``store``."""


from __future__ import annotations

import copy
from typing import Any

from ..domain import followup
from ..domain.errors import ValidationError
from ..domain.model import (
    ACTION_PREVENTIVE,
    CLOSED,
    Dismissal,
    FollowUpAction,
    Incident,
)
from ..domain.serialize import to_data
from ..i18n import _


class FollowUp:
    """Follow-up actions and prevention proposals of the session's incident."""

    def __init__(self, session):  # noqa: ANN001 - the IncidentSession it belongs to
        self.session = session

    @property
    def incident(self) -> Incident:
        return self.session.incident

    def _guard_intact(self) -> None:
        self.session.require_intact()

    def _action(self, action_id: str) -> FollowUpAction:
        found = next((a for a in self.incident.actions if a.id == action_id), None)
        if found is None:
            raise ValidationError(_("Action de suivi « {id} » introuvable.").format(id=action_id[:20]))
        return found

    def _store_action(self, candidate: Incident, action: FollowUpAction, journal_action: str,
                      details: dict[str, Any]) -> None:
        followup.check_action(action, candidate.status == CLOSED, followup.today(self.session.now()))
        self.session.store(candidate, journal_action, {"id": action.id, "title": action.title, **details})

    def add_action(self, title: str, kind: str = ACTION_PREVENTIVE, owner: str = "", due: str = "",
                   proposal: str = "") -> FollowUpAction:
        """Add a corrective or preventive action (journaled); ``proposal``: the prevention
        proposal it retains (forms/prevention.toml). ``due``: JJ/MM/AAAA or AAAA-MM-JJ."""
        self._guard_intact()
        if proposal and proposal not in self.session.procedure.proposals:
            raise ValidationError(_("Proposition de prévention inconnue."))
        if proposal and any(a.proposal == proposal for a in self.incident.actions):
            raise ValidationError(_("Cette proposition est déjà retenue."))
        candidate = copy.deepcopy(self.incident)
        used = {str(e.details.get("id", "")) for e in self.session.journal()
                if e.action.startswith("action_")}
        action = FollowUpAction(id=followup.next_id(candidate, used), title=title.strip(), kind=kind,
                                proposal=proposal, owner=owner.strip(),
                                due=followup.parse_day(due, _("Échéance")), created_at=self.session.now())
        candidate.actions.append(action)
        candidate.dismissed_proposals.pop(proposal, None)
        self._store_action(candidate, action, "action_added",
                           {"kind": kind, "proposal": proposal, "owner": action.owner,
                            "due": action.due})
        return action

    def update_action(self, action_id: str, title: str | None = None, kind: str | None = None,
                      owner: str | None = None, due: str | None = None, done_on: str | None = None,
                      evidence: str | None = None) -> FollowUpAction:
        """Change an action (journaled with its old and new values); giving ``done_on`` (with
        the evidence) marks it done, an empty ``done_on`` reopens it."""
        self._guard_intact()
        candidate = copy.deepcopy(self.incident)
        action = next((a for a in candidate.actions if a.id == action_id), None)
        if action is None:
            raise ValidationError(_("Action de suivi « {id} » introuvable.").format(id=action_id[:20]))
        was_done = bool(action.done_on)
        if title is not None:
            action.title = title.strip()
        if kind is not None:
            action.kind = kind
        if owner is not None:
            action.owner = owner.strip()
        if due is not None:
            action.due = followup.parse_day(due, _("Échéance"))
        if evidence is not None:
            action.evidence = evidence.strip()
        if done_on is not None:
            action.done_on = followup.parse_day(done_on, _("Faite le"))
        if to_data(action) == to_data(self._action(action_id)):
            return action
        journal_action = "action_updated"
        if action.done_on and not was_done:
            journal_action = "action_done"
        elif was_done and not action.done_on:
            journal_action = "action_reopened"
        self._store_action(candidate, action, journal_action,
                           {"owner": action.owner, "due": action.due, "done_on": action.done_on})
        return action

    def remove_action(self, action_id: str, reason: str) -> None:
        """Remove an action created by mistake (journaled with the reason; its history stays in
        the journal). A done action is kept: it is evidence."""
        self._guard_intact()
        action = self._action(action_id)
        if action.done_on:
            raise ValidationError(_("Une action faite reste au registre : elle ne se supprime pas."))
        if not reason.strip():
            raise ValidationError(_("Indiquez pourquoi l'action est supprimée."))
        candidate = copy.deepcopy(self.incident)
        candidate.actions = [a for a in candidate.actions if a.id != action_id]
        self.session.store(candidate, "action_removed", {"id": action.id, "title": action.title,
                                                         "reason": reason.strip()})

    def dismiss_proposal(self, proposal_id: str, reason: str) -> None:
        """Set a prevention proposal aside with the reason (journaled, in the register)."""
        self.dismiss_proposals([proposal_id], reason)

    def dismiss_proposals(self, proposal_ids: list[str], reason: str) -> None:
        """Set proposals aside with one reason, in one transaction (one journal entry per
        proposal)."""
        self._guard_intact()
        candidate = copy.deepcopy(self.incident)
        entries = []
        for proposal_id in proposal_ids:
            proposal = self.session.procedure.proposals.get(proposal_id)
            if proposal is None:
                raise ValidationError(_("Proposition de prévention inconnue."))
            if any(a.proposal == proposal_id for a in candidate.actions):
                raise ValidationError(_("Cette proposition est retenue : supprimez d'abord son action."))
            entries.append(("proposal_dismissed", {"proposal": proposal_id, "title": proposal.title,
                                                   "reason": reason.strip()}))
        if not entries:
            return
        reason = reason.strip()
        if not reason:
            raise ValidationError(_("Indiquez pourquoi la proposition est écartée (ex. : « déjà en "
                                    "place depuis 2025 », « sans objet : pas de portable »)."))
        for proposal_id in proposal_ids:
            candidate.dismissed_proposals[proposal_id] = Dismissal(reason=reason, at=self.session.now())
        (first_action, first_details), *more = entries
        self.session.store(candidate, first_action, first_details, more)

    def reconsider_proposal(self, proposal_id: str) -> None:
        self._guard_intact()
        if proposal_id not in self.incident.dismissed_proposals:
            return
        candidate = copy.deepcopy(self.incident)
        del candidate.dismissed_proposals[proposal_id]
        proposal = self.session.procedure.proposals.get(proposal_id)
        self.session.store(candidate, "proposal_reconsidered",
                           {"proposal": proposal_id, "title": proposal.title if proposal else proposal_id})
