"""What each outcome requires, and the deadlines that follow (brief sections 2, 4, 6 and 10), in
one place: the session, the panels, the reminders, the home list and the documents call these.

- The 72-hour clock runs from the earliest of the pharmacy's awareness, its team's first knowledge
  (unless the reason why certainty came later is recorded) and the processor's report (EDPB 9/2022:
  the controller is aware through its staff, and once the processor has informed it).
- A complementary notification is due within 72 hours of the initial one "si possible" (CNIL).
- For a malicious attack, a complaint within 72 hours of the knowledge of the attack is the
  condition of any insurance payment (Code des assurances, L.12-10-1); that clock starts at the
  knowledge of the attack, by default the earliest instant known.
- Closure needs a consistent file: the information agrees with the decision, an Art. 34(3)(c)
  public communication has its channel, date and why it is as effective, nothing is only
  "planned", an initial notification has its complementary one (or an explicit statement that
  nothing is to be added), and "complète" only when every Art. 33(3) item is filled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..i18n import N_, _
from . import clock, followup
from .model import (
    ACTION_PREVENTIVE,
    INFO_DONE,
    INFO_NOT_DONE,
    INFO_PLANNED,
    NOTIF_COMPLEMENTARY,
    NOTIF_COMPLETE,
    NOTIF_INITIAL,
    NOTIFY_AND_INFORM,
    NOTIFY_CNIL,
    REGISTER_ONLY,
    Incident,
)
from .values import FrozenValue

#: CNIL Direct: a complementary notification "dans le délai de 72 heures si possible après la
#: notification initiale".
COMPLEMENT_DELAY = timedelta(hours=72)
#: Code des assurances L.12-10-1: complaint "au plus tard soixante-douze heures après la
#: connaissance de l'atteinte par la victime".
COMPLAINT_DELAY = timedelta(hours=72)
COMPLAINT_BODY = "plainte"
STAFF_BODY = "personnel"
PUBLIC_CHANNEL = "communication-publique"

CNIL, COMPLEMENTARY, COMPLAINT = "cnil", "complementary", "complaint"
#: A deadline's label is kept in French (the source text: storage caches it with the incident's
#: deadlines) and translated where it is shown (describe_deadline, dashboard).
DEADLINE_LABELS = {
    CNIL: N_("Notification à la CNIL (72 h)"),
    COMPLEMENTARY: N_("Notification complémentaire à la CNIL"),
    COMPLAINT: N_("Plainte (condition de l'indemnisation par l'assurance)"),
}


# --- the clocks ---------------------------------------------------------------------------------


def team_counts(incident: Incident) -> bool:
    """The team's first knowledge starts the 72 hours: it is dated, earlier than the awareness
    typed, and no reason was recorded why reasonable certainty came later (EDPB 9/2022: the
    controller is aware through its staff; a short investigation may come first, recorded)."""
    d = incident.dates
    return d.team_aware_at is not None and not d.certainty_later.strip() and (
        d.awareness_at is None or d.team_aware_at < d.awareness_at)


def clock_start(incident: Incident) -> datetime | None:
    """When the 72 hours start: the earliest of the awareness, the team's first knowledge (unless
    certainty came later, recorded with its reason) and the processor's report."""
    times = [incident.dates.awareness_at]
    if team_counts(incident):
        times.append(incident.dates.team_aware_at)
    if incident.discovery.processor_reported:
        times.append(incident.discovery.processor_reported_at)
    times = [t for t in times if t is not None]
    return min(times) if times else None


#: Which instant started the 72 hours (clock_origin).
ORIGIN_AWARENESS, ORIGIN_TEAM, ORIGIN_PROCESSOR = "awareness", "team", "processor"


def clock_origin(incident: Incident) -> str:
    """ORIGIN_TEAM, ORIGIN_PROCESSOR or ORIGIN_AWARENESS: the instant clock_start took ("" when
    nothing is dated)."""
    start = clock_start(incident)
    if start is None:
        return ""
    d = incident.discovery
    if team_counts(incident) and start == incident.dates.team_aware_at:
        return ORIGIN_TEAM
    if d.processor_reported and start == d.processor_reported_at and start != incident.dates.awareness_at:
        return ORIGIN_PROCESSOR
    return ORIGIN_AWARENESS


def late_awareness(incident: Incident) -> timedelta | None:
    """How much later than the processor's report the awareness was typed (None if it is not)."""
    d = incident.discovery
    awareness = incident.dates.awareness_at
    if d.processor_reported and d.processor_reported_at and awareness and awareness > d.processor_reported_at:
        return awareness - d.processor_reported_at
    return None


#: The field each clock origin reads.
ORIGIN_FIELDS = {ORIGIN_AWARENESS: "dates.awareness_at", ORIGIN_TEAM: "dates.team_aware_at",
                 ORIGIN_PROCESSOR: "discovery.processor_reported_at"}
#: The instants a deadline is counted from: typed without a time, 00:00 is the prudent reading
#: (the deadline can only come earlier than the true one).
CLOCK_START_FIELDS = (*ORIGIN_FIELDS.values(), "dates.attack_known_at")


def late_awareness_warning(incident: Incident) -> str:
    """The sentence(s) for the banner: which instant started the 72 hours when it is not the
    awareness typed (the team knew earlier, the processor reported earlier), or why the team's
    earlier knowledge does not count (the reason recorded); and a start typed without its time
    (counted from 00:00). "" when there is nothing to add to the headline."""
    sentence = _clock_origin_sentence(incident)
    origin = clock_origin(incident)
    if origin and ORIGIN_FIELDS[origin] in incident.times_unknown:
        sentence = (sentence + " " if sentence else "") + _(
            "Heure de départ non précisée : délai compté depuis 00 h 00 ce jour-là (le plus "
            "prudent) ; précisez-la dès que vous la connaissez.")
    return sentence


def _clock_origin_sentence(incident: Incident) -> str:
    d = incident.dates
    origin = clock_origin(incident)
    if origin == ORIGIN_TEAM and d.awareness_at is None:
        return _("Délai compté depuis la première connaissance de l'incident dans l'équipe "
                 "({team}) : vous êtes informé par votre personnel (CEPD, lignes directrices "
                 "9/2022).").format(team=clock.format_datetime(d.team_aware_at))
    if origin == ORIGIN_TEAM:
        return _("Délai compté depuis la première connaissance de l'incident dans l'équipe "
                 "({team}), {gap} avant votre prise de connaissance : vous êtes informé par votre "
                 "personnel (CEPD, lignes directrices 9/2022). Si la certitude que des données "
                 "personnelles étaient touchées est venue plus tard, écrivez pourquoi à l'étape 1 "
                 "(motif journalisé).").format(
            team=clock.format_datetime(d.team_aware_at),
            gap=clock.format_duration(d.awareness_at - d.team_aware_at))
    gap = late_awareness(incident)
    if gap is not None and origin == ORIGIN_PROCESSOR:
        return _("La prise de connaissance saisie est postérieure de {gap} au "
                 "signalement du sous-traitant : le délai de 72 heures court depuis ce signalement "
                 "({reported}), car vous êtes "
                 "réputé informé dès que le sous-traitant vous a prévenu (CEPD, lignes directrices 9/2022).").format(
            gap=clock.format_duration(gap), reported=clock.format_datetime(incident.discovery.processor_reported_at))
    if d.team_aware_at is not None and d.certainty_later.strip() and d.awareness_at is not None \
            and d.team_aware_at < d.awareness_at and origin == ORIGIN_AWARENESS:
        return _("Le délai de 72 heures court depuis la prise de connaissance ({aware}), et non depuis "
                 "le signalement dans l'équipe ({team}) : la certitude est venue plus tard, pour le "
                 "motif enregistré (« {reason} »).").format(
            aware=clock.format_datetime(d.awareness_at), team=clock.format_datetime(d.team_aware_at),
            reason=d.certainty_later.strip()[:200])
    return ""


def certainty_reason_for_draft(incident: Incident) -> str:
    """The reason recorded why certainty came after the team's knowledge, for the notification's
    late-reasons item, when the notification (or now) falls more than 72 hours after the team's
    knowledge ("" otherwise)."""
    d = incident.dates
    if not d.certainty_later.strip() or d.team_aware_at is None or team_counts(incident):
        return ""
    return _("Un membre de l'équipe a eu connaissance de l'incident le {team} ; la certitude "
             "raisonnable que des données personnelles étaient touchées n'a été acquise que le "
             "{aware} : {reason}").format(
        team=clock.format_datetime(d.team_aware_at),
        aware=clock.format_datetime(d.awareness_at) if d.awareness_at else "—",
        reason=d.certainty_later.strip())


#: "Not given": the clock start is computed by the function itself.
_UNSET = object()


def notification_deadline(incident: Incident, start=_UNSET) -> datetime | None:  # noqa: ANN001
    """The 72-hour deadline. Once a notification is recorded, the deadline in force then is kept
    if it was earlier: moving the awareness later afterwards cannot make a late notification
    timely (the change itself is journaled). ``start``: clock_start(incident), when known."""
    start = clock_start(incident) if start is _UNSET else start
    deadlines = [clock.deadline(start)] if start else []
    deadlines += [n.deadline_at for n in incident.notifications if n.deadline_at is not None]
    return min(deadlines) if deadlines else None


def deadline_status(incident: Incident, now: datetime) -> clock.DeadlineStatus | None:
    start = clock_start(incident)
    deadline = notification_deadline(incident)
    if start is None or deadline is None:
        return None
    notified = incident.first_notification_at()
    return clock.DeadlineStatus(awareness=start, deadline=deadline, at=clock.require_utc(now),
                                notified_at=notified)


def is_late_at(incident: Incident, instant: datetime) -> bool:
    deadline = notification_deadline(incident)
    return deadline is not None and instant > deadline


# --- what the decision means: the one reader of an outcome -----------------------------------------
# Nothing outside the domain compares an outcome: pages, documents and commands ask these.

#: The notification to the CNIL: not decided yet (the 72 hours run: "en cas de doute, notifiez"),
#: decided, or not required (register only).
NOTIFICATION_UNDECIDED, NOTIFICATION_DUE, NOTIFICATION_NOT_REQUIRED = "undecided", "due", "not_required"


def notification(incident: Incident) -> str:
    """Whether the CNIL is to be notified: NOTIFICATION_DUE (decided), NOTIFICATION_UNDECIDED (no
    decision yet: the 72 hours run all the same) or NOTIFICATION_NOT_REQUIRED (register only)."""
    return notification_of_outcome(incident.decision.outcome)


def notification_decided(incident: Incident) -> bool:
    """The decision is to notify the CNIL (the notification step needs it recorded)."""
    return notification(incident) == NOTIFICATION_DUE


def notification_clock_runs(incident: Incident) -> bool:
    """The 72 hours are a deadline to meet: the CNIL must be notified, or may have to be (not
    decided yet). Not once the decision is "register only"."""
    return notification(incident) != NOTIFICATION_NOT_REQUIRED


#: Informing the persons (Art. 34): no decision yet; required (decision to inform, no exemption
#: that holds); exempt (Art. 34(3)(a) or (b)); a public communication instead (Art. 34(3)(c));
#: chosen by the pharmacy without being required; not required.
PERSONS_UNDECIDED, PERSONS_REQUIRED, PERSONS_EXEMPT = "undecided", "required", "exempt"
PERSONS_PUBLIC, PERSONS_VOLUNTARY, PERSONS_NOT_REQUIRED = "public", "voluntary", "not_required"
#: The Art. 34(3) grounds (forms/options.toml, [exemptions]) that dispense with any text to the
#: persons, and the one that replaces them by a public communication.
EXEMPTIONS_WITHOUT_TEXT = ("34-3-a", "34-3-b")
EXEMPTION_PUBLIC = "34-3-c"


def persons_information(incident: Incident) -> str:
    """What informing the persons requires, from the decision and the information step."""
    info = incident.information
    if info.status == INFO_NOT_DONE and info.exemption == EXEMPTION_PUBLIC:
        return PERSONS_PUBLIC
    if info.status == INFO_NOT_DONE and info.exemption in EXEMPTIONS_WITHOUT_TEXT and (
            info.exemption != "34-3-a" or exemption_a_possible(incident)):
        return PERSONS_EXEMPT
    outcome = incident.decision.outcome
    if outcome == NOTIFY_AND_INFORM:
        return PERSONS_REQUIRED
    if info.status in (INFO_DONE, INFO_PLANNED):
        return PERSONS_VOLUNTARY
    return PERSONS_NOT_REQUIRED if outcome else PERSONS_UNDECIDED


def inform_decided(incident: Incident) -> bool:
    """The decision is to inform the persons (Art. 34(1))."""
    return incident.decision.outcome == NOTIFY_AND_INFORM


#: The documents of an incident (application.exports writes them; documents render them).
DOC_CNIL, DOC_LETTER, DOC_EMAIL, DOC_SMS, DOC_NOTICE, DOC_SHEET = (
    "cnil_notification", "letter", "email", "sms", "public_notice", "register_sheet")
PERSONS_DOCUMENTS = (DOC_LETTER, DOC_EMAIL, DOC_SMS, DOC_NOTICE)
DOCUMENT_KINDS = (DOC_CNIL, *PERSONS_DOCUMENTS, DOC_SHEET)


@dataclass(frozen=True, eq=False, repr=False)
class DocumentNeed(FrozenValue):
    """Whether this incident needs one document, and why (a French phrase: the reason it is
    written, or, when it is not needed, what a copy written all the same is marked with)."""
    kind: str
    needed: bool
    reason: str

    @property
    def mark(self) -> str:
        """The line printed on a document written although not needed ("" when needed)."""
        return "" if self.needed else _("Non requis — {reason}").format(reason=self.reason)


def documents(incident: Incident) -> tuple[DocumentNeed, ...]:
    """Which documents this incident needs and why: the register sheet always (Art. 33(5)); the
    CNIL draft while the 72 hours run or once a notification is recorded; the texts to the
    persons when they are to be informed (only the public notice under Art. 34(3)(c), none under
    Art. 34(3)(a) or (b))."""
    state = notification(incident)
    if incident.notifications:
        cnil = DocumentNeed(DOC_CNIL, True, _("notification enregistrée (article 33)"))
    elif state == NOTIFICATION_DUE:
        cnil = DocumentNeed(DOC_CNIL, True, _("décision : notifier la CNIL (article 33)"))
    elif state == NOTIFICATION_UNDECIDED:
        cnil = DocumentNeed(DOC_CNIL, True, _("décision non enregistrée : le délai de 72 heures "
                                              "court (en cas de doute, notifiez)"))
    else:
        cnil = DocumentNeed(DOC_CNIL, False, _("décision : registre seulement"))
    persons = persons_information(incident)
    if persons == PERSONS_REQUIRED:
        texts = {k: (True, _("décision : informer les personnes (article 34, paragraphe 1)"))
                 for k in PERSONS_DOCUMENTS}
    elif persons == PERSONS_VOLUNTARY:
        texts = {k: (True, _("information des personnes choisie par la pharmacie"))
                 for k in PERSONS_DOCUMENTS}
    elif persons == PERSONS_PUBLIC:
        texts = {k: (False, _("communication publique à la place d'une information individuelle "
                              "(article 34, paragraphe 3, point c)")) for k in PERSONS_DOCUMENTS}
        texts[DOC_NOTICE] = (True, _("communication publique (article 34, paragraphe 3, point c)"))
    elif persons == PERSONS_EXEMPT:
        point = incident.information.exemption[-1]
        texts = {k: (False, _("dispense d'information des personnes (article 34, paragraphe 3, "
                              "point {point})").format(point=point)) for k in PERSONS_DOCUMENTS}
    elif persons == PERSONS_UNDECIDED:
        texts = {k: (False, _("décision non enregistrée")) for k in PERSONS_DOCUMENTS}
    elif state == NOTIFICATION_NOT_REQUIRED:
        texts = {k: (False, _("décision : registre seulement")) for k in PERSONS_DOCUMENTS}
    else:
        texts = {k: (False, _("décision : notifier la CNIL sans informer les personnes"))
                 for k in PERSONS_DOCUMENTS}
    sheet = DocumentNeed(DOC_SHEET, True, _("toute violation est inscrite au registre (article 33, "
                                            "paragraphe 5)"))
    return (cnil, *(DocumentNeed(k, *texts[k]) for k in PERSONS_DOCUMENTS), sheet)


def document_need(incident: Incident, kind: str) -> DocumentNeed:
    return next(d for d in documents(incident) if d.kind == kind)


#: Origins that are an attack on an information system (Code pénal 323-1 to 323-3-1, which
#: L.12-10-1 refers to): hacking, malware, phishing.
ATTACK_ORIGINS = ("piratage",)


def malicious_attack(incident: Incident) -> bool:
    """A computer attack, not an accident: the insurance complaint clock applies."""
    q = incident.qualification
    attack = any(o in ATTACK_ORIGINS for o in q.origins)
    deliberate = q.cause.endswith("-malveillant") or (
        q.cause in ("", "inconnue") and incident.risk.answers.get("malicious") in ("yes", "unknown"))
    return attack and deliberate


@dataclass(frozen=True, eq=False, repr=False)
class Deadline(FrozenValue):
    """A deadline an open incident still has to meet: kind, due instant, French label."""
    kind: str
    due: datetime
    #: French source text (DEADLINE_LABELS): translate with i18n._() where shown.
    label: str


def pending_complement(incident: Incident) -> datetime | None:
    """When the complementary notification is due (None if none is awaited)."""
    initial = [n for n in incident.notifications if n.kind == NOTIF_INITIAL and n.submitted_at]
    if not initial or incident.complement_waiver.strip():
        return None
    first = min(n.submitted_at for n in initial)
    if any(n.kind == NOTIF_COMPLEMENTARY and n.submitted_at and n.submitted_at >= first
           for n in incident.notifications):
        return None
    return first + COMPLEMENT_DELAY


def complaint_start(incident: Incident) -> datetime | None:
    """When the complaint clock starts (Code des assurances L.12-10-1: 72 hours after « la
    connaissance de l'atteinte par la victime »): the instant the pharmacy learned of the attack
    when it is recorded, otherwise the earliest instant known (the team's first knowledge, the
    awareness, the processor's report), whatever the GDPR clock retained."""
    d = incident.dates
    if d.attack_known_at is not None:
        return d.attack_known_at
    times = [d.awareness_at, d.team_aware_at]
    if incident.discovery.processor_reported:
        times.append(incident.discovery.processor_reported_at)
    times = [t for t in times if t is not None]
    return min(times) if times else None


def complaint_due(incident: Incident, start=_UNSET) -> datetime | None:  # noqa: ANN001
    """When the complaint is due for an insurance payment (None if not an attack, or filed);
    its own start (complaint_start), not the GDPR clock's (``start`` is ignored, kept for the
    callers written before)."""
    del start
    start = complaint_start(incident)
    body = incident.other_bodies.get(COMPLAINT_BODY)
    if start is None or not malicious_attack(incident) or (body is not None and body.done):
        return None
    return start + COMPLAINT_DELAY


@dataclass(frozen=True, eq=False, repr=False)
class Clocks(FrozenValue):
    """An incident's clocks, each computed once: when the 72 hours start, the notification
    deadline in force, and every deadline still to meet (soonest first)."""
    start: datetime | None
    notification_deadline: datetime | None
    pending: tuple[Deadline, ...]


def clocks(incident: Incident) -> Clocks:
    """The clocks of ``incident`` (see Clocks): what the view, storage's summary and the
    reminders read."""
    start = clock_start(incident)
    due = notification_deadline(incident, start)
    result = []
    if incident.status == "open":
        if start is not None and not incident.notifications and notification_clock_runs(incident):
            result.append(Deadline(CNIL, due, DEADLINE_LABELS[CNIL]))
        complement = pending_complement(incident)
        if complement is not None:
            result.append(Deadline(COMPLEMENTARY, complement, DEADLINE_LABELS[COMPLEMENTARY]))
        complaint = complaint_due(incident, start)
        if complaint is not None:
            result.append(Deadline(COMPLAINT, complaint, DEADLINE_LABELS[COMPLAINT]))
    return Clocks(start, due, tuple(sorted(result, key=lambda d: d.due)))


def deadlines(incident: Incident) -> list[Deadline]:
    """Every deadline still to meet on an open incident, soonest first."""
    return list(clocks(incident).pending)


def notification_headline(state: clock.DeadlineStatus | None, notification_state: str) -> str:
    """The one sentence about the 72 hours (banner, home list, documents, CLI): ``state`` from
    ``deadline_status`` (None while the awareness is not dated), ``notification_state`` from
    ``notification``. A decision "register only" has no deadline to meet."""
    if state is None:
        return _("Prise de connaissance non datée : le délai de 72 heures ne peut pas être "
                 "calculé. Renseignez sa date et son heure : le délai part de ce moment.")
    if state.notified_at is None and notification_state == NOTIFICATION_NOT_REQUIRED:
        return _("Inscription au registre seulement : aucune notification à la CNIL n'est due.")
    return clock.describe(state)


@dataclass(frozen=True, eq=False, repr=False)
class ListedDeadline(FrozenValue):
    """Where a listed incident stands against its deadlines (the home list reads thousands from
    their stored summaries): the sentence, how many other deadlines are still to meet, and the
    soonest one's status (its colour), if one is still to meet."""
    text: str
    others: int
    status: clock.DeadlineStatus | None


def listed_deadline(start: datetime | None, notified_at: datetime | None, outcome: str,
                    pending, now: datetime,  # noqa: ANN001 - Deadlines
                    deadline: datetime | None = None) -> ListedDeadline:
    """A listed incident's deadlines, from what storage keeps of it: the clock start, the first
    notification, the outcome, the deadlines still to meet (``clocks``, soonest first) and the
    notification deadline in force (``notification_deadline``: a deadline kept by a notification
    holds even if the awareness was moved later afterwards; the start's 72 hours when not given):
    the soonest deadline still to meet, or the 72 hours' headline."""
    now = clock.require_utc(now)
    if start is None:
        return ListedDeadline(notification_headline(None, ""), 0, None)
    if pending:
        soonest = pending[0]
        status = clock.DeadlineStatus(start, soonest.due, now, None)
        text = (notification_headline(status, NOTIFICATION_DUE) if soonest.kind == CNIL
                else describe_deadline(soonest, now))
        return ListedDeadline(text, len(pending) - 1, status)
    state = clock.DeadlineStatus(start, deadline if deadline is not None else clock.deadline(start), now,
                                 notified_at)
    return ListedDeadline(notification_headline(state, notification_of_outcome(outcome)), 0, None)


def notification_of_outcome(outcome: str) -> str:
    """``notification`` for a stored summary that keeps the outcome only (the home list)."""
    if outcome in (NOTIFY_CNIL, NOTIFY_AND_INFORM):
        return NOTIFICATION_DUE
    return NOTIFICATION_NOT_REQUIRED if outcome == REGISTER_ONLY else NOTIFICATION_UNDECIDED


def describe_deadline(deadline: Deadline, now: datetime) -> str:
    remaining = deadline.due - now
    label, left, due = _(deadline.label), clock.format_duration(remaining), clock.format_datetime(deadline.due)
    if remaining < timedelta(0):
        return _("{label} : échéance dépassée depuis {late} ({due})").format(label=label, late=left, due=due)
    return _("{label} : il reste {left} (échéance : {due})").format(label=label, left=left, due=due)


# --- what the outcome requires --------------------------------------------------------------------


def art33_missing(incident: Incident) -> list[str]:
    """The Art. 33(3) items still empty: a notification can be "complète" only without any."""
    i = incident
    missing = []
    if not i.qualification.nature:
        missing.append(_("la nature de la violation"))
    if not i.qualification.origins:
        missing.append(_("l'origine de l'incident"))
    if not i.qualification.cause:
        missing.append(_("la cause de l'incident"))
    if not i.scope.person_categories or i.scope.persons_count is None:
        missing.append(_("les catégories et le nombre approximatif de personnes"))
    if not i.scope.data_categories:
        missing.append(_("les catégories de données"))
    contact = i.organisation.dpo if i.organisation.has_dpo else i.organisation.contact
    if not (contact.name.strip() and (contact.email.strip() or contact.phone.strip())):
        missing.append(_("le point de contact (nom et coordonnées)"))
    if not i.consequences.kinds:
        missing.append(_("les conséquences probables"))
    if not (i.measures.remedy.strip() or i.measures.mitigation.strip()):
        missing.append(_("les mesures prises ou proposées"))
    return missing


def notification_kind(incident: Incident, form_complete: bool) -> str:
    """The kind of the next notification: complementary after a first one; "complète" only when
    every Art. 33(3) item is filled and the form's required fields too (``form_complete``);
    otherwise initial (more to follow)."""
    if incident.notifications:
        return NOTIF_COMPLEMENTARY
    if form_complete and not art33_missing(incident):
        return NOTIF_COMPLETE
    return NOTIF_INITIAL


def exemption_a_possible(incident: Incident) -> bool:
    """Art. 34(3)(a) covers the confidentiality harm only: it cannot exempt a decision whose high
    risk came from availability or integrity."""
    basis = incident.decision.basis
    if incident.risk.answers.get("encrypted") != "yes":
        return False
    return not any(basis.harm_risk.get(h) == "high" for h in ("availability", "integrity"))


def information_problems(incident: Incident) -> list[str]:
    """Where the information step does not agree with the decision (French sentences)."""
    info = incident.information
    problems = []
    if inform_decided(incident):
        if info.status == INFO_NOT_DONE and info.exemption == "risque-non-eleve":
            problems.append(_("La décision est d'informer les personnes (risque élevé) mais l'étape "
                              "Information indique « pas de risque élevé » : enregistrez à nouveau la "
                              "décision (étape Décision) ou choisissez un autre motif."))
        if info.status == INFO_NOT_DONE and info.exemption == "34-3-a" and not exemption_a_possible(incident):
            problems.append(_("Le chiffrement (article 34, paragraphe 3, point a) ne protège que la "
                              "confidentialité : il ne dispense pas d'informer quand le risque élevé vient "
                              "de l'indisponibilité ou de l'altération des données, ni quand les données "
                              "n'étaient pas chiffrées de façon robuste."))
    if info.exemption == EXEMPTION_PUBLIC:
        if PUBLIC_CHANNEL not in info.channels or info.informed_at is None:
            problems.append(_("Communication publique (article 34, paragraphe 3, point c) : indiquez le "
                              "moyen « Communication publique » et sa date."))
        if not info.equally_effective.strip():
            problems.append(_("Communication publique : expliquez pourquoi elle informe les personnes "
                              "« de manière tout aussi efficace » qu'une information individuelle."))
    return problems


def closure_problems(incident: Incident, outdated: str = "",
                     deadline=_UNSET) -> list[str]:  # noqa: ANN001
    """What prevents closing the incident, in French. ``outdated`` comes from
    ``decision.decision_outdated`` ("", "answers" or "method"); ``deadline``: the notification
    deadline in force, when known (``clocks``)."""
    problems = []
    decision = incident.decision.outcome
    info = incident.information
    if not decision:
        problems.append(_("La décision n'a pas été enregistrée (étape Décision)."))
    elif outdated == "method":
        problems.append(_("La décision a été prise avec l'ancienne méthode (gravité seule) et la "
                          "méthode actuelle recommande autre chose : enregistrez-la à nouveau "
                          "(étape Décision)."))
    elif outdated:
        problems.append(_("Les réponses ont changé depuis la décision : enregistrez-la à nouveau "
                          "(étape Décision)."))
    if notification_decided(incident) and not incident.notifications:
        problems.append(_("La notification à la CNIL n'a pas été enregistrée."))
    if pending_complement(incident) is not None:
        problems.append(_("La notification initiale attend sa notification complémentaire : "
                          "enregistrez-la, ou indiquez qu'aucune information complémentaire n'est à "
                          "apporter (étape Notification à la CNIL)."))
    if inform_decided(incident) and not info.status:
        problems.append(_("L'information des personnes n'a pas été renseignée."))
    if info.status == INFO_PLANNED:
        problems.append(_("L'information des personnes est seulement prévue : enregistrez-la une "
                          "fois faite (date et moyens)."))
    problems.extend(information_step_problems(incident))
    if late_without_reasons(incident, deadline):
        problems.append(_("La notification à la CNIL a été faite après le délai de 72 heures : "
                          "indiquez les raisons du retard (article 33, paragraphe 1), à l'étape "
                          "Notification à la CNIL."))
    if not incident.measures.prevention.strip() and not any(
            a.kind == ACTION_PREVENTIVE for a in incident.actions):
        problems.append(_("Indiquez ce qui est prévu pour éviter que cela se reproduise : une action "
                          "préventive (étape Prévention et suivi) ou les mesures prévues (étape "
                          "Mesures et clôture)."))
    problems.extend(followup.closure_problems(incident))
    return problems


def information_step_problems(incident: Incident) -> list[str]:
    """What the information step needs before it is done (and before closing): one rule."""
    info = incident.information
    problems = []
    if info.status == INFO_DONE and (info.informed_at is None or not info.channels):
        problems.append(_("Indiquez la date de l'information des personnes et le moyen utilisé."))
    if info.status == INFO_NOT_DONE and not (info.exemption and info.justification.strip()):
        problems.append(_("Les personnes ne seront pas informées : indiquez le motif et la "
                          "justification (ils figurent au registre)."))
    return problems + information_problems(incident)


def late_without_reasons(incident: Incident, deadline=_UNSET) -> bool:  # noqa: ANN001
    """The first notification is late on the deadline now in force, and no reasons were given
    (a processor's report entered afterwards, or an awareness moved earlier, can make it so).
    ``deadline``: notification_deadline(incident), when known."""
    first = incident.first_notification_at()
    deadline = notification_deadline(incident) if deadline is _UNSET else deadline
    if first is None or deadline is None or first <= deadline:
        return False
    return not any(n.late_reasons.strip() for n in incident.notifications)


def body_requirement(incident: Incident, body_id: str, default: str) -> str:
    """'obligatoire' or 'recommandé' for another body, in this incident's situation: informing
    the staff is obligatoire when the decision is to inform and staff data are concerned
    (GDPR Art. 34(1): they are data subjects like any other)."""
    if body_id == STAFF_BODY and inform_decided(incident) \
            and "salaries" in incident.scope.person_categories:
        return "obligatoire"
    return default
