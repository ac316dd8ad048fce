"""The incident model: plain dataclasses holding what the CNIL form, the register and the letter need.

Everything here is data; times are aware UTC datetimes. Field paths such as ``"dates.awareness_at"``
name a value for the procedure in ``forms/`` and for storage (see ``serialize``).
No patient names or identifiers are asked anywhere: persons are counted by category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from .values import Value

# Status values of an incident.
OPEN = "open"
CLOSED = "closed"
STATUSES = (OPEN, CLOSED)

# Kinds of CNIL notification (brief section 3, item 1).
NOTIF_INITIAL = "initial"
NOTIF_COMPLETE = "complete"
NOTIF_COMPLEMENTARY = "complementary"
NOTIFICATION_KINDS = (NOTIF_INITIAL, NOTIF_COMPLETE, NOTIF_COMPLEMENTARY)

# Decision outcomes (brief section 8).
REGISTER_ONLY = "register_only"
NOTIFY_CNIL = "notify_cnil"
NOTIFY_AND_INFORM = "notify_cnil_and_inform"
OUTCOMES = (REGISTER_ONLY, NOTIFY_CNIL, NOTIFY_AND_INFORM)
OUTCOME_LABELS = {
    REGISTER_ONLY: "Inscription au registre interne uniquement",
    NOTIFY_CNIL: "Notification à la CNIL",
    NOTIFY_AND_INFORM: "Notification à la CNIL et information des personnes",
}

# Information of the persons (brief section 4).
INFO_DONE = "done"
INFO_PLANNED = "planned"
INFO_NOT_DONE = "not_done"
INFORMATION_STATUSES = (INFO_DONE, INFO_PLANNED, INFO_NOT_DONE)


_NOT_DIGIT = re.compile(r"\D")


def pharmacy_identity(siret: str, name: str) -> str:
    digits = _NOT_DIGIT.sub("", siret or "")
    if digits:
        return f"siret:{digits}"
    name = " ".join((name or "").split()).casefold()
    return f"nom:{name}" if name else ""


@dataclass(eq=False, repr=False)
class Contact(Value):
    """A named member of staff or representative of the pharmacy (never a patient)."""

    name: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""


@dataclass(eq=False, repr=False)
class Organisation(Value):
    """The controller: the pharmacy (brief section 3, item 2)."""

    name: str = ""
    siret: str = ""
    no_siret: bool = False
    naf_code: str = "47.73Z"
    address: str = ""
    postal_code: str = ""
    city: str = ""
    sector: str = "Santé (pharmacie d'officine)"
    legal_representative: Contact = field(default_factory=Contact)
    contact: Contact = field(default_factory=Contact)
    has_dpo: bool = False
    dpo: Contact = field(default_factory=Contact)

    def is_complete(self) -> bool:
        return bool(self.name.strip() and (self.siret.strip() or self.no_siret) and self.contact.name.strip())

    def identity(self) -> str:
        """Who the controller is, to tell pharmacies apart in one data folder (a DPO's): its
        SIRET when it has one, else its name; "" when neither is known."""
        return pharmacy_identity(self.siret, self.name)

    def code(self) -> str:
        """A short form of the identity, for a reference made local ("VDP-2026-001@CODE")."""
        identity = self.identity()
        if identity.startswith("siret:"):
            return identity[len("siret:"):][:20]
        import hashlib

        # A name: readable, and a short digest of the identity so that two names that differ
        # (and only those) give two codes.
        words = identity[len("nom:"):].upper().split()
        slug = "-".join("".join(c for c in w if c.isalnum()) for w in words).strip("-")[:24]
        return f"{slug or 'PHARMACIE'}-{hashlib.sha256(identity.encode()).hexdigest()[:6]}"


@dataclass(eq=False, repr=False)
class Discovery(Value):
    """How the breach came to light (step 1)."""

    reported_by: str = ""
    how_discovered: str = ""
    description: str = ""
    processor_reported: bool = False
    processor_name: str = ""
    processor_reported_at: datetime | None = None
    #: Another party involved (EDPB template fields 38 to 41): none, a processor, a joint
    #: controller, other (forms/options.toml, other_parties), and how to reach it.
    other_party: str = ""
    other_party_contact: str = ""


@dataclass(eq=False, repr=False)
class Dates(Value):
    """Breach start and end, and the moment of awareness that starts the 72-hour clock."""

    breach_start: datetime | None = None
    breach_start_unknown: bool = False
    breach_end: datetime | None = None
    ongoing: bool = False
    awareness_at: datetime | None = None
    #: When someone in the pharmacy (an employee, the titulaire) first learned of the incident:
    #: the controller is aware through its staff (EDPB 9/2022), so the 72 hours start there
    #: unless ``certainty_later`` says why reasonable certainty came later.
    team_aware_at: datetime | None = None
    #: Why reasonable certainty that personal data were affected came after the team's knowledge
    #: (the short investigation EDPB 9/2022 allows, recorded); "" when it did not.
    certainty_later: str = ""
    #: When the pharmacy learned of the attack (Code des assurances L.12-10-1, « connaissance de
    #: l'atteinte »): the complaint clock's start; None: the earliest instant known.
    attack_known_at: datetime | None = None


@dataclass(eq=False, repr=False)
class Qualification(Value):
    """Nature (C/I/A), origin and cause (brief section 3, items 4 to 6)."""

    nature: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    origin_other: str = ""
    cause: str = ""
    circumstances: str = ""
    #: Systems, software, services and media involved, and where they are (EDPB field 63).
    systems: str = ""


@dataclass(eq=False, repr=False)
class Scope(Value):
    """Persons and data concerned, by category and approximate number (item 7, 11)."""

    person_categories: list[str] = field(default_factory=list)
    person_categories_other: str = ""
    persons_count: int | None = None
    data_categories: list[str] = field(default_factory=list)
    data_categories_other: str = ""
    records_count: int | None = None
    #: Whether each count is exact, approximate or cannot be known yet (EDPB fields 67, 72).
    persons_count_precision: str = ""
    records_count_precision: str = ""
    cross_border: bool = False
    cross_border_details: str = ""


@dataclass(eq=False, repr=False)
class Consequences(Value):
    """Likely consequences for the persons and the CNIL severity estimate (item 8)."""

    kinds: list[str] = field(default_factory=list)
    description: str = ""


@dataclass(eq=False, repr=False)
class RiskAssessment(Value):
    """The answers to the risk questions (the method lives in ``risk``) and an optional
    snapshot of the result at the time of the decision."""

    answers: dict[str, str] = field(default_factory=dict)
    justification: str = ""


@dataclass(eq=False, repr=False)
class DecisionBasis(Value):
    """What the method said when the decision was recorded: kept as it was, so that the register
    and an inspection see the reasons given at decision time, not ones recomputed later.
    ``method`` is empty for decisions recorded before the likelihood method (ENISA band alone)."""

    method: str = ""
    score: str = ""
    severity: str = ""
    likelihood: dict[str, str] = field(default_factory=dict)
    harm_risk: dict[str, str] = field(default_factory=dict)
    risk: str = ""
    answers: dict[str, str] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class Decision(Value):
    """What the pharmacist decided, against what the method recommended."""

    recommended: str = ""
    outcome: str = ""
    justification: str = ""
    decided_at: datetime | None = None
    basis: DecisionBasis = field(default_factory=DecisionBasis)


@dataclass(eq=False, repr=False)
class CnilNotification(Value):
    """One notification made on the CNIL site (initial, complete or complementary)."""

    kind: str = NOTIF_INITIAL
    submitted_at: datetime | None = None
    reference: str = ""
    late_reasons: str = ""
    notes: str = ""
    #: The 72-hour deadline in force when this notification was recorded (kept: a later change of
    #: the awareness cannot make a late notification timely).
    deadline_at: datetime | None = None


@dataclass(eq=False, repr=False)
class PersonsInformation(Value):
    """The communication to the persons concerned (Art. 34) or why there was none."""

    status: str = ""
    informed_at: datetime | None = None
    channels: list[str] = field(default_factory=list)
    exemption: str = ""
    justification: str = ""
    #: Art. 34(3)(c): why the public communication informs the persons "de manière tout aussi
    #: efficace".
    equally_effective: str = ""
    #: The pharmacist's own words to the persons (issue 23), printed as typed in the letter, the
    #: e-mail and the public notice (not the SMS), checked by the personal-details guard.
    own_words: str = ""


@dataclass(eq=False, repr=False)
class BodyContact(Value):
    """A step taken with another body: ARS/CERT Santé, police, insurer, processor..."""

    done: bool = False
    done_at: datetime | None = None
    note: str = ""
    #: A receipt or file number (e.g. the complaint's récépissé).
    reference: str = ""


@dataclass(eq=False, repr=False)
class Measures(Value):
    """Measures before the breach, to remedy, to mitigate, to prevent (item 9), and lessons."""

    before: str = ""
    remedy: str = ""
    mitigation: str = ""
    prevention: str = ""
    lessons_learned: str = ""


@dataclass(eq=False, repr=False)
class Attachment(Value):
    """A file kept with the incident, e.g. the CNIL's summary of a notification (its content is
    stored in the database; this is its description)."""

    name: str
    sha256: str
    size: int
    kind: str = ""
    added_at: datetime | None = None


#: Kinds of follow-up action (issue 16): corrective (repair what this breach showed) or
#: preventive (keep it from happening again).
ACTION_CORRECTIVE = "corrective"
ACTION_PREVENTIVE = "preventive"
ACTION_KINDS = {ACTION_CORRECTIVE: "Corrective", ACTION_PREVENTIVE: "Préventive"}


@dataclass(eq=False, repr=False)
class FollowUpAction(Value):
    """A corrective or preventive action decided after the breach: who, by when, done when, and
    the evidence that it was done. Dates are calendar days (``AAAA-MM-JJ``, Europe/Paris)."""

    id: str
    title: str
    kind: str = ACTION_PREVENTIVE
    #: The prevention proposal it comes from (forms/prevention.toml), "" for the user's own.
    proposal: str = ""
    owner: str = ""
    due: str = ""
    done_on: str = ""
    evidence: str = ""
    created_at: datetime | None = None


@dataclass(eq=False, repr=False)
class Dismissal(Value):
    """A prevention proposal set aside, with the reason (kept for the register)."""

    reason: str
    at: datetime | None = None


#: Kinds of attachment, with their French label.
ATTACHMENT_KINDS = {
    "recapitulatif-cnil": "Récapitulatif de notification de la CNIL",
    "recepisse-plainte": "Récépissé de plainte",
    "autre": "Autre pièce",
}


@dataclass(eq=False, repr=False)
class Incident(Value):
    """One personal-data breach, from awareness to closure."""

    reference: str
    created_at: datetime
    title: str = ""
    status: str = OPEN
    scenario: str = ""
    current_step: str = ""
    steps_done: dict[str, datetime] = field(default_factory=dict)
    checklist: dict[str, datetime] = field(default_factory=dict)
    organisation: Organisation = field(default_factory=Organisation)
    discovery: Discovery = field(default_factory=Discovery)
    dates: Dates = field(default_factory=Dates)
    qualification: Qualification = field(default_factory=Qualification)
    scope: Scope = field(default_factory=Scope)
    consequences: Consequences = field(default_factory=Consequences)
    risk: RiskAssessment = field(default_factory=RiskAssessment)
    decision: Decision = field(default_factory=Decision)
    notifications: list[CnilNotification] = field(default_factory=list)
    information: PersonsInformation = field(default_factory=PersonsInformation)
    other_bodies: dict[str, BodyContact] = field(default_factory=dict)
    measures: Measures = field(default_factory=Measures)
    closed_at: datetime | None = None
    closure_note: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    #: An explicit statement that no complementary notification will follow an initial one.
    complement_waiver: str = ""
    #: Follow-up actions (corrective and preventive), in the order they were created.
    actions: list[FollowUpAction] = field(default_factory=list)
    #: Prevention proposals dismissed, by proposal id (forms/prevention.toml), with the reason.
    dismissed_proposals: dict[str, Dismissal] = field(default_factory=dict)
    #: Field keys of instants typed as a day without the time ("hier", "27/11/26"): stored at
    #: 00:00 Paris, the earliest instant of that day (a 72-hour deadline counted from it can only
    #: come earlier than the true one), and shown with that warning until the time is given.
    times_unknown: list[str] = field(default_factory=list)

    @property
    def awareness_at(self) -> datetime | None:
        return self.dates.awareness_at

    def first_notification_at(self) -> datetime | None:
        """When the CNIL was first notified (the instant that counts against the 72 h)."""
        times = [n.submitted_at for n in self.notifications if n.submitted_at is not None]
        return min(times) if times else None

    def initial_reference(self) -> str:
        """The CNIL reference of the first notification, quoted by complementary ones."""
        dated = [n for n in self.notifications if n.submitted_at is not None and n.reference]
        dated.sort(key=lambda n: n.submitted_at)
        return dated[0].reference if dated else ""
