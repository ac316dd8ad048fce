"""One open incident and the use cases on it (Qt-free): what the wizard's pages call.

Every method that changes the incident stores it at once (one transaction) and, for the actions
that matter, journals them in the same transaction. Methods that refuse an input raise
ValidationError with a French message and store nothing. After each change the session's
``view`` (application.view) is computed again, once, for every page to render.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..domain import clock, followup, obligations
from ..domain.decision import record_decision
from ..domain.errors import IncidentWizardError, ValidationError, os_error_reason
from ..domain.model import (
    CLOSED,
    INFO_DONE,
    NOTIF_COMPLEMENTARY,
    NOTIF_COMPLETE,
    NOTIFICATION_KINDS,
    OPEN,
    BodyContact,
    CnilNotification,
    Incident,
)
from ..domain.procedure import Procedure
from ..domain.risk import Assessment
from ..domain.serialize import get_path, set_path
from ..domain.validation import check_count, check_dates, check_structure
from ..i18n import _
from ..storage import Storage, altered_message, read_only_message
from .followup import FollowUp
from .view import IncidentView, build_view


class IncidentSession:
    """One open incident and every action on it: validates, stores in one transaction, journals
    the actions and legal facts. An incident whose journal or facts were altered is read-only.
    The follow-up actions and prevention proposals are ``followup`` (application.followup)."""

    def __init__(self, storage: Storage, procedure: Procedure, reference: str,
                 now: Callable[[], datetime] = clock.now_utc, actor: str | None = None):
        self.storage = storage
        self.procedure = procedure
        self.now = now
        self.actor = actor
        self.incident: Incident = storage.load_incident(reference)
        self.verification = storage.verify_journal(reference)  # the full check, at opening
        self._view: IncidentView | None = None
        self.followup = FollowUp(self)

    @property
    def view(self) -> IncidentView:
        """The incident's view after its last change (computed once per change)."""
        if self._view is None or self._view.incident is not self.incident:
            self._view = build_view(self.incident, self.procedure, self.verification,
                                    self.storage.journal_head(self.reference))
        return self._view

    @property
    def reference(self) -> str:
        return self.incident.reference

    @property
    def altered(self) -> bool:
        """The journal or the stored facts were altered outside the app."""
        return not self.verification.ok

    @property
    def read_only(self) -> bool:
        return self.incident.status == CLOSED or self.altered or self.storage.read_only

    def _save(self, action: str | None = None, details: dict[str, Any] | None = None,
              more: list[tuple[str, dict[str, Any]]] | None = None) -> None:
        """Store the incident; if the write fails, go back to what is stored, so that what the
        pages show is what a restart would show."""
        self._view = None
        try:
            self.storage.save_incident(self.incident, at=self.now(), action=action,
                                       details=details, actor=self.actor, more=more)
        except IncidentWizardError:
            self.verification = self.storage.verify_journal(self.reference)
            try:
                self.incident = self.storage.load_incident(self.reference)
            except Exception:  # noqa: BLE001 - the original error is the one to report
                pass
            raise

    def require_intact(self) -> None:
        """Refuse any change of an incident altered outside the app (closed ones may change:
        their follow-up actions are done after closure)."""
        if self.altered:
            raise ValidationError(altered_message(self.reference, self.verification.message))

    def store(self, candidate: Incident, action: str, details: dict[str, Any],
              more: list[tuple[str, dict[str, Any]]] | None = None) -> None:
        """Keep ``candidate`` (a changed copy of the incident) if it is within the limits every
        import and read applies, and store it with its journal entries in one transaction."""
        problems = check_structure(candidate)
        if problems:
            raise ValidationError(problems[0])
        self.incident = candidate
        self._save(action, details, more)

    def _guard_open(self) -> None:
        self.require_intact()
        if self.storage.read_only:
            raise ValidationError(read_only_message(self.storage.path))
        if self.read_only:
            raise ValidationError(_("Cet incident est clôturé : rouvrez-le pour le modifier."))

    def _try(self, change: Callable[[Incident], None], path: str = "") -> None:
        """Apply ``change`` to a copy, validate the copy, then keep it (the caller saves)."""
        self._guard_open()
        candidate = copy.deepcopy(self.incident)
        change(candidate)
        self._check(candidate, path)
        self.incident = candidate

    def _check(self, candidate: Incident, path: str = "") -> None:
        """Refuse (ValidationError) dates out of order or out of range and what exceeds the
        limits every import and read applies; the message of ``path`` first."""
        problems = check_dates(candidate, self.now())
        if problems:
            own = [message for where, message in problems if where == path]
            raise ValidationError(own[0] if own else problems[0][1])
        structure = check_structure(candidate)  # the same limits as imports and storage reads
        if structure:
            label = self._label(path) if path else ""
            raise ValidationError(structure[0].replace(path, label, 1) if label else structure[0])

    # --- fields -------------------------------------------------------------------------------

    def value(self, path: str) -> Any:
        return get_path(self.incident, path)

    #: Values set by the panels rather than by a field of forms/procedure.toml.
    PANEL_PATHS = ("risk.justification", "title")

    def set_value(self, path: str, value: Any) -> None:
        """Store one field's value, or raise ValidationError (nothing stored). Only the fields of
        the procedure can be set this way: the decision, the notifications, the status and the
        closure go through their own actions, which check and journal them."""
        if self.procedure.field(path) is None and path not in self.PANEL_PATHS:
            raise ValidationError(_("« {path} » ne se modifie pas directement.").format(path=path[:60]))
        if isinstance(value, int) and not isinstance(value, bool):
            problem = check_count(value, self._label(path))
            if problem:
                raise ValidationError(problem)
        old = get_path(self.incident, path)
        if old == value:
            return
        self._guard_open()
        # Set in place and check (no copy of the whole incident per keystroke); put the old
        # value back if the new one is refused.
        set_path(self.incident, path, value)
        try:
            self._check(self.incident, path)
        except ValidationError:
            set_path(self.incident, path, old)
            raise
        self._save()

    def set_instant(self, path: str, value: datetime | None, time_known: bool = True) -> None:
        """Store an instant field and whether its time was given: a day typed without its time
        is stored at 00:00 Paris and listed in ``times_unknown`` (one journaled change)."""
        if self.procedure.field(path) is None:
            raise ValidationError(_("« {path} » ne se modifie pas directement.").format(path=path[:60]))
        unknown = [p for p in self.incident.times_unknown if p != path]
        if value is not None and not time_known:
            unknown.append(path)
        old, old_unknown = get_path(self.incident, path), list(self.incident.times_unknown)
        if old == value and old_unknown == unknown:
            return
        self._guard_open()
        set_path(self.incident, path, value)
        self.incident.times_unknown = unknown
        try:
            self._check(self.incident, path)
        except ValidationError:
            set_path(self.incident, path, old)
            self.incident.times_unknown = old_unknown
            raise
        self._save()

    def _label(self, path: str) -> str:
        f = self.procedure.field(path)
        return f.label if f else path

    def set_current_step(self, step_id: str) -> None:
        if self.incident.current_step != step_id:
            self.incident.current_step = step_id
            if not self.storage.read_only:  # where the user is: not worth a refusal
                self._save()

    # --- steps --------------------------------------------------------------------------------

    def complete_step(self, step_id: str) -> None:
        """Mark a step done (journaled); refuse while its required fields are empty."""
        self._guard_open()
        missing = self.procedure.missing_required(self.incident, step_id)
        if missing:
            raise ValidationError(_("Pour terminer cette étape, renseignez : {fields}.").format(
                fields=" ; ".join(f.label for f in missing)))
        step = self.procedure.step(step_id)
        if step.kind == "decision" and not self.incident.decision.outcome:
            raise ValidationError(_("Enregistrez d'abord la décision."))
        if step.kind == "notification":
            if obligations.notification_decided(self.incident) and not self.incident.notifications:
                raise ValidationError(_("Enregistrez la notification faite sur le site de la CNIL "
                                        "(date et référence) avant de terminer l'étape."))
        if step.kind == "information":
            problems = obligations.information_step_problems(self.incident)
            if problems:
                raise ValidationError(problems[0])
        if step.kind == "followup":
            pending = followup.pending_proposals(self.incident, self.procedure)
            if pending:
                raise ValidationError(_("Examinez chaque proposition : retenez-la ou écartez-la en "
                                        "disant pourquoi ({count} à examiner, dont « {title} »).").format(
                    count=len(pending), title=pending[0].proposal.title[:80]))
        self.incident.steps_done[step_id] = self.now()
        index = self.procedure.step_index(step_id)
        if index + 1 < len(self.procedure.steps):
            self.incident.current_step = self.procedure.steps[index + 1].id
        more = []
        if step.kind == "information" and self.incident.information.status:
            info = self.incident.information
            p = self.procedure
            more.append(("persons_informed", {
                "status": info.status,
                "label": p.label("information_status", info.status),
                "informed_at": clock.format_datetime(info.informed_at) if info.informed_at else "",
                "channels": p.labels("channels", info.channels),
                "exemption": p.label("exemptions", info.exemption) if info.exemption else "",
                "justification": info.justification,
                "equally_effective": info.equally_effective,
            }))
        # One transaction: the step and what it records are stored together or not at all.
        self._save("step_done", {"step": step_id, "title": step.title}, more)

    # --- scenario and containment ---------------------------------------------------------------

    def choose_scenario(self, scenario_id: str) -> None:
        """Choose the playbook; its qualification fills what is still empty (visible, editable)."""
        self._guard_open()
        if scenario_id not in self.procedure.scenarios or scenario_id == self.incident.scenario:
            return
        previous = self.procedure.scenarios.get(self.incident.scenario)
        scenario = self.procedure.scenarios[scenario_id]
        self.incident.scenario = scenario_id
        q = self.incident.qualification
        old = previous.qualification if previous else {}
        new = scenario.qualification
        # A value still empty, or still as the previous situation proposed it, takes the new
        # proposal; a value the pharmacist changed is kept.
        for name, empty in (("nature", []), ("origins", []), ("cause", "")):
            current = getattr(q, name)
            if current == empty or current == old.get(name, empty):
                value = new.get(name, empty)
                setattr(q, name, list(value) if isinstance(value, list) else value)
        self._save("scenario_chosen", {"scenario": scenario_id, "label": scenario.label})

    def tick(self, item_id: str, ticked: bool) -> None:
        """Tick (timestamped) or untick a containment action of the chosen scenario."""
        self._guard_open()
        if ticked == (item_id in self.incident.checklist):
            return
        scenario = self.procedure.scenarios.get(self.incident.scenario)
        label = next((i.label for i in scenario.checklist if i.id == item_id), item_id) if scenario else item_id
        if ticked:
            self.incident.checklist[item_id] = self.now()
        else:
            del self.incident.checklist[item_id]
        self._save("checklist_ticked" if ticked else "checklist_unticked",
                   {"item": item_id, "label": label})

    # --- risk and decision --------------------------------------------------------------------

    def assessment(self) -> Assessment:
        return self.view.assessment

    def set_risk_answer(self, question_id: str, option_id: str) -> None:
        """Answer a risk question (journaled with the old and new answers)."""
        self._guard_open()
        if self.incident.risk.answers.get(question_id) == option_id:
            return
        question = next((q for q in self.procedure.all_risk_questions() if q.id == question_id), None)
        option = question.get(option_id) if question else None
        if option is None:
            raise ValidationError(_("Réponse inconnue pour cette question."))
        self.incident.risk.answers[question_id] = option_id
        self._save("risk_answered", {"question": question_id, "label": question.question,
                                     "answer": option_id, "answer_label": option.label})

    def decide(self, outcome: str, justification: str) -> Assessment:
        self._guard_open()
        result = self.assessment()
        candidate = copy.deepcopy(self.incident)
        action, details = record_decision(candidate, result, outcome, justification, self.now(),
                                          self.procedure)
        self.incident = candidate
        self._save(action, details)
        return result

    # --- deadline and notification --------------------------------------------------------------

    def deadline_status(self) -> clock.DeadlineStatus | None:
        """The 72 hours at the session's 'now' (the view's clock start and deadline)."""
        return self.view.status_at(self.now())

    def is_late_at(self, instant: datetime) -> bool:
        return obligations.is_late_at(self.incident, instant)

    def record_notification(self, kind: str, submitted_at: datetime, reference: str,
                            late_reasons: str = "", notes: str = "") -> None:
        """Record a notification made on the CNIL site (journaled)."""
        self._guard_open()
        if kind not in NOTIFICATION_KINDS:
            raise ValidationError(_("Choisissez le type de notification."))
        if self.incident.dates.awareness_at is None:
            raise ValidationError(_("Renseignez d'abord la date de prise de connaissance (étape 1)."))
        reference = reference.strip()
        if not reference:
            raise ValidationError(_("Indiquez la référence attribuée par la CNIL à la notification."))
        if kind == NOTIF_COMPLEMENTARY and not self.incident.notifications:
            raise ValidationError(_("Une notification complémentaire complète une notification "
                                    "initiale : enregistrez d'abord celle-ci."))
        missing = obligations.art33_missing(self.incident)
        if kind == NOTIF_COMPLETE and missing:
            raise ValidationError(_("Une notification « complète » donne tout ce que demande l'article "
                                    "33, paragraphe 3 ; il manque : {missing}. Faites une notification "
                                    "initiale, puis une notification complémentaire.").format(
                missing=", ".join(missing)))
        first = self.incident.first_notification_at()
        late = self.is_late_at(submitted_at) if first is None or submitted_at <= first else False
        if late and not late_reasons.strip():
            raise ValidationError(_("La notification est faite après le délai de 72 heures : "
                                    "indiquez les raisons du retard (article 33, paragraphe 1)."))
        notification = CnilNotification(kind=kind, submitted_at=submitted_at, reference=reference,
                                        late_reasons=late_reasons.strip(), notes=notes.strip(),
                                        deadline_at=obligations.notification_deadline(self.incident))

        def add(incident: Incident) -> None:
            incident.notifications.append(notification)

        self._try(add)
        self._save("notification_recorded", {
            "kind": kind, "submitted_at": clock.format_datetime(submitted_at),
            "reference": reference, "late": late, "late_reasons": late_reasons.strip()})

    def record_complement_now(self) -> str:
        """Record the complementary notification made now on the CNIL site, quoting the initial
        notification's reference (already known: not asked again); journaled as any
        notification. Returns the reference quoted."""
        if not self.incident.notifications:
            raise ValidationError(_("Une notification complémentaire complète une notification "
                                    "initiale : enregistrez d'abord celle-ci."))
        reference = self.incident.initial_reference()
        self.record_notification(NOTIF_COMPLEMENTARY, self.now(), reference)
        return reference

    def set_late_reasons(self, reasons: str) -> None:
        """Give the reasons for the delay afterwards, when the first notification turns out late
        (e.g. a processor's report entered later moved the deadline earlier); journaled."""
        self._guard_open()
        reasons = reasons.strip()
        if not reasons:
            raise ValidationError(_("Indiquez les raisons du retard de notification."))
        dated = [n for n in self.incident.notifications if n.submitted_at is not None]
        if not dated:
            raise ValidationError(_("Aucune notification n'est enregistrée."))
        first = min(dated, key=lambda n: n.submitted_at)

        def give(incident: Incident) -> None:
            target = next(n for n in incident.notifications if n.submitted_at == first.submitted_at
                          and n.reference == first.reference)
            target.late_reasons = reasons

        self._try(give)
        self._save("late_reasons_given", {"reference": first.reference, "late_reasons": reasons})

    def inform_now(self) -> None:
        """The persons are informed now: the status « done » and its instant, stored together
        (journaled with the means when the information step is done)."""
        self._guard_open()
        now = self.now()

        def informed(incident: Incident) -> None:
            incident.information.status = INFO_DONE
            incident.information.informed_at = now

        self._try(informed, "information.informed_at")
        self._save()

    # --- other bodies and closure -------------------------------------------------------------

    def set_body(self, body_id: str, done: bool, note: str | None = None,
                 reference: str | None = None) -> None:
        """Tick (timestamped) or untick a step with another body; its note and its receipt or
        file number (e.g. the complaint's récépissé)."""
        self._guard_open()
        contact = self.incident.other_bodies.get(body_id, BodyContact())
        changed_done = contact.done != done
        contact.done = done
        contact.done_at = (contact.done_at or self.now()) if done else None
        if note is not None:
            contact.note = note
        if reference is not None:
            contact.reference = reference.strip()
        self.incident.other_bodies[body_id] = contact
        if changed_done:
            body = self.procedure.bodies.get(body_id)
            self._save("body_contacted", {"body": body_id, "done": done,
                                          "label": body.label if body else body_id})
        else:
            self._save()

    def closure_problems(self) -> list[str]:
        """What still prevents closing the incident, in French (the view, from
        domain.obligations)."""
        return list(self.view.closure_problems)

    def close(self) -> None:
        self._guard_open()
        problems = self.closure_problems()
        if problems:
            raise ValidationError(_("L'incident ne peut pas encore être clôturé :\n- {problems}").format(
                problems="\n- ".join(problems)))
        now = self.now()
        closure = next(s for s in self.procedure.steps if s.kind == "closure")
        self.incident.steps_done[closure.id] = now
        self.incident.status = CLOSED
        self.incident.closed_at = now
        self._save("incident_closed", {"outcome": self.incident.decision.outcome,
                                       "register_only": obligations.notification(self.incident)
                                       == obligations.NOTIFICATION_NOT_REQUIRED})

    def reopen(self) -> None:
        if self.incident.status == OPEN:
            return
        if self.altered:
            raise ValidationError(altered_message(self.reference, self.verification.message))
        self.incident.status = OPEN
        self.incident.closed_at = None
        self._save("incident_reopened", {})

    def add_attachment(self, path, kind: str) -> None:
        """Keep a copy of a file with the incident (e.g. the CNIL's summary PDF)."""
        from pathlib import Path

        from ..storage import MAX_ATTACHMENT_BYTES

        path = Path(path)
        try:
            if path.stat().st_size > MAX_ATTACHMENT_BYTES:  # refuse before reading it all
                raise ValidationError(_("Le fichier « {name} » dépasse {size} Mo : il n'a pas été joint.").format(
                    name=path.name, size=MAX_ATTACHMENT_BYTES // (1024 * 1024)))
            content = path.read_bytes()
        except OSError as error:
            raise ValidationError(_("Impossible de lire « {name} » : {reason}.").format(
                name=path.name, reason=os_error_reason(error))) from None
        self.storage.add_attachment(self.incident, path.name, content, kind, at=self.now(),
                                    actor=self.actor)
        self._view = None

    def journal(self):
        return self.storage.journal(self.reference)

    def verify_journal(self):  # noqa: ANN201 - domain.journal.Verification
        """The incident's chain checked now (the window shows it; it never reads storage)."""
        return self.storage.verify_journal(self.reference)

    def write_documents(self, out_dir, kind: str | None = None, pdf: bool = True,  # noqa: ANN001
                        progress=None, include_unneeded: bool | tuple[str, ...] = False,  # noqa: ANN001
                        apart: bool = False):  # noqa: ANN201 - documents.export.ExportResult
        """Write the documents this incident needs (application.exports; ``include_unneeded``:
        True or the kinds of the others to write too, marked "non requis"); ``apart``: through a
        connection of its own (from another thread)."""
        from .exports import write_incident_documents

        storage = self.storage.another_connection() if apart else self.storage
        try:
            return write_incident_documents(storage, self.procedure, self.reference, out_dir,
                                            now=self.now(), kind=kind, actor=self.actor, pdf=pdf,
                                            progress=progress, include_unneeded=include_unneeded)
        finally:
            if apart:
                storage.close()

    def copy_sheet(self):  # noqa: ANN201 - list of documents.content.FormSection
        """The CNIL draft's sections as the copy sheet shows them (the kind the draft would be)."""
        from ..documents.content import cnil_sections
        from .exports import draft_kind

        view = self.view
        return cnil_sections(view, self.procedure, draft_kind(view, self.procedure), self.now())

    def journal_changed(self) -> None:
        """The journal was extended elsewhere (an export in another thread): the view's head is
        read again."""
        self._view = None
