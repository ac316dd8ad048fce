"""What the documents say: the CNIL form's fields in its order, the register's columns, the
letter's elements, computed from an incident (Qt-free). Templates only lay them out."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from ..domain import clock, obligations
from ..domain.journal import chain_reference
from ..domain.model import (
    ATTACHMENT_KINDS,
    INFO_DONE,
    INFO_NOT_DONE,
    INFO_PLANNED,
    NOTIF_COMPLEMENTARY,
    NOTIF_INITIAL,
    OUTCOME_LABELS,
    Contact,
    Incident,
)
from ..domain.procedure import HARM_LABELS, LEVEL_LABELS, Procedure
from ..domain.risk import format_number
from ..domain.values import Value
from ..i18n import SOURCE_LANGUAGE, calendar_names
from .letters import *  # noqa: F403 - re-exported: content is the documents' one entry
from .register_content import *  # noqa: F403
from .texts import MISSING, _short, clean, file_base, prevention_text  # noqa: F401

# The long French dates clock.format_* writes, from the same CLDR names (i18n.calendar_names).
_DAY_NAMES, _MONTH_NAMES = calendar_names(SOURCE_LANGUAGE)
_MONTH_NUMBERS = {name: n for n, name in enumerate(_MONTH_NAMES, start=1)}
_LONG_DATE = re.compile(
    r"\b(?:" + "|".join(_DAY_NAMES) + r") (\d{1,2})(?:er)? ("
    + "|".join(_MONTH_NUMBERS) + r") (\d{4})(?: à (\d{2}) h (\d{2}))?")


def short_dates(text: str) -> str:
    """'le samedi 24 octobre 2026 à 19 h 11' -> 'le 24/10/2026 19:11' (what the CNIL's web form
    expects, also for a date inside a sentence)."""
    def short(m: re.Match) -> str:
        day = f"{int(m.group(1)):02d}/{_MONTH_NUMBERS[m.group(2)]:02d}/{m.group(3)}"
        return f"{day} {m.group(4)}:{m.group(5)}" if m.group(4) else day
    return _LONG_DATE.sub(short, text)


@dataclass(eq=False, repr=False)
class FormField(Value):
    """One field of the CNIL draft: label, value (None when not given) and a note."""
    label: str
    value: str | None
    note: str = ""
    #: What the copy sheet puts on the clipboard for the CNIL's web form when it differs from
    #: the printed value: a date as JJ/MM/AAAA HH:MM, a number without separators.
    copy_value: str | None = None
    #: An item not knowable in the first hours, in an initial notification's draft: printed,
    #: while empty, as UNKNOWN_YET (forms/cnil_form.toml, "later"; RGPD art. 33(4)).
    later: bool = False

    @property
    def to_copy(self) -> str:
        """What the CNIL's web form gets: dates, also inside a sentence, as JJ/MM/AAAA HH:MM."""
        return self.copy_value if self.copy_value is not None else short_dates(self.value or "")

    @property
    def missing(self) -> bool:
        return self.value is None or not self.value.strip()

    @property
    def unknown_yet(self) -> str:
        """UNKNOWN_YET for an empty item of an initial draft not knowable yet, else ''."""
        return UNKNOWN_YET if self.later and self.missing else ""


@dataclass(eq=False, repr=False)
class FormSection(Value):
    """One numbered section of the CNIL draft and its fields."""
    number: int
    title: str
    fields: list[FormField] = field(default_factory=list)

    def add(self, label: str, value: object, note: str = "", later: bool = False) -> None:
        copy = None
        if isinstance(value, list):
            value = ", ".join(clean(v) for v in value) if value else None
        elif isinstance(value, bool):
            value = "Oui" if value else "Non"
        elif isinstance(value, datetime):
            copy = clock.format_short(value)
            value = clock.format_datetime(value)
        elif isinstance(value, int):
            copy = str(value)
            value = f"{value:,}".replace(",", "\u202f")
        elif value is not None:
            value = clean(value)
            if not value.strip():
                value = None
        self.fields.append(FormField(label, value, note, copy, later))


def _contact(who: str, contact: Contact) -> Rows:
    return Rows([(f"{who} : nom", contact.name), (f"{who} : fonction", contact.role),
                 (f"{who} : courriel", contact.email), (f"{who} : téléphone", contact.phone)])


def form_complete(view, procedure: Procedure) -> bool:  # noqa: ANN001 - an IncidentView
    """Every field the CNIL form requires is filled in the draft (the form's own list)."""
    sections = cnil_sections(view, procedure, NOTIF_INITIAL)
    return not any(f.missing for s in sections for f in s.fields if f.note == "requis")


#: What an initial draft prints for an item not knowable yet (forms/cnil_form.toml, "later").
UNKNOWN_YET = "Inconnu à ce stade — sera précisé dans la notification complémentaire"


class Rows(list):
    """A repeated field's lines: (label, value) pairs printed in place of the field."""


#: A field that does not apply to this incident (not printed, not missing).
SKIP = object()


@dataclass(eq=False, repr=False)
class DraftContext(Value):
    """What a CNIL draft field's value is computed from: the incident's view, the procedure, the
    kind of notification."""
    view: object  # application.view.IncidentView (documents render it, never build it)
    procedure: Procedure
    kind: str
    now: datetime

    @property
    def incident(self) -> Incident:
        return self.view.incident

    @property
    def result(self):  # noqa: ANN201 - risk.Assessment
        return self.view.assessment


def _siret_digits(org) -> str:  # noqa: ANN001 - Organisation
    return "".join(ch for ch in org.siret if ch.isdigit())


def _siren(c: DraftContext) -> object:
    org = c.incident.organisation
    if org.no_siret:
        return "Pas de numéro SIREN/SIRET"
    digits = _siret_digits(org)
    # The SIREN identifies the company (the form's "SIREN"); the SIRET (SIREN + 5 digits) the
    # pharmacy's establishment.
    return digits[:9] if len(digits) >= 9 else None


def _siret(c: DraftContext) -> object:
    org = c.incident.organisation
    if org.no_siret:
        return SKIP
    digits = _siret_digits(org)
    return digits if len(digits) == 14 else org.siret


def _dpo(c: DraftContext) -> object:
    org = c.incident.organisation
    if org.has_dpo:
        return _contact("Délégué à la protection des données", org.dpo)
    return Rows([("Délégué à la protection des données", "Pas de délégué désigné")])


def _other_party(c: DraftContext) -> object:
    d, p = c.incident.discovery, c.procedure
    if d.other_party:
        return p.label("other_parties", d.other_party)
    if d.processor_reported:
        return p.label("other_parties", "sous-traitant")
    return None


def _other_party_contact(c: DraftContext) -> object:
    d = c.incident.discovery
    if d.other_party == "aucune" or (not d.other_party and not d.processor_reported):
        return SKIP
    return d.other_party_contact or d.processor_name or None


def _processor_report(c: DraftContext) -> object:
    d = c.incident.discovery
    if not d.processor_reported:
        return SKIP
    return Rows([("Signalée par un sous-traitant", d.processor_name or "Oui"),
                 ("Date du signalement du sous-traitant", d.processor_reported_at)])


def _clock_start(c: DraftContext) -> object:
    origin = obligations.clock_origin(c.incident)
    if origin == obligations.ORIGIN_TEAM:
        return (f"{clock.format_datetime(c.view.clock_start)} (première connaissance de l'incident "
                "par un membre de l'équipe, antérieure à la prise de connaissance saisie)")
    if origin != obligations.ORIGIN_PROCESSOR:
        return SKIP
    return (f"{clock.format_datetime(c.view.clock_start)} (signalement du "
            "sous-traitant, antérieur à la prise de connaissance saisie)")


def _deadline(c: DraftContext) -> object:
    state = c.view.status_at(c.now)
    return SKIP if state is None else state.deadline


def _late_reasons(c: DraftContext) -> object:
    state = c.view.status_at(c.now)
    reasons = next((n.late_reasons for n in c.incident.notifications if n.late_reasons), "")
    # Certainty came after the team's knowledge (reason recorded): once more than 72 hours have
    # passed since the team knew, the CNIL reads why (EDPB 9/2022: the investigation recorded).
    certainty = obligations.certainty_reason_for_draft(c.incident)
    team = c.incident.dates.team_aware_at
    reference = c.incident.first_notification_at() or c.now
    if certainty and team is not None and reference - team > clock.NOTIFICATION_DELAY:
        reasons = f"{reasons}\n{certainty}".strip() if certainty not in reasons else reasons
    if state is None or not (state.late or reasons):
        return SKIP
    return Rows([("Raisons du retard de notification", reasons or None, "requis")])


def _risk_facts(c: DraftContext) -> object:
    # What the risk step established about each kind of harm (exposure, encryption, use of
    # altered data, restoration: the EDPB template's exfiltration, encryption, integrity and
    # availability fields), in the questions' own words.
    rows = Rows()
    for question in c.procedure.all_risk_questions():
        if question.harm or question.input == "encrypted":
            answer = question.get(c.incident.risk.answers.get(question.id, ""))
            if answer is not None:
                rows.append((question.question, answer.label))
    return rows or SKIP


def _scenario(c: DraftContext) -> object:
    scenario = c.procedure.scenarios.get(c.incident.scenario)
    return scenario.label if scenario else SKIP


def _information_when(c: DraftContext) -> object:
    info = c.incident.information
    return info.informed_at if info.status in (INFO_DONE, INFO_PLANNED) else SKIP


def _channels(c: DraftContext) -> object:
    info = c.incident.information
    return c.procedure.labels("channels", info.channels) if info.status in (INFO_DONE, INFO_PLANNED) else SKIP


def _exemption(c: DraftContext) -> object:
    info = c.incident.information
    if not (info.status == INFO_NOT_DONE or info.exemption):
        return SKIP
    return c.procedure.label("exemptions", info.exemption) if info.exemption else None


def _exemption_justification(c: DraftContext) -> object:
    info = c.incident.information
    return info.justification if (info.status == INFO_NOT_DONE or info.exemption) else SKIP


#: The document written for each channel of information (the others are said, not written).
_CHANNEL_FILES = {"courrier": "-courrier-personnes", "courriel": "-courriel-personnes",
                  "sms": "-sms-personnes", "communication-publique": "-affiche-communication-publique"}


def _texts_sent(c: DraftContext) -> object:
    """The texts the persons were (or will be) given, for the channels really used only, with
    the date of the information (the inspection folder keeps them as sent)."""
    i = c.incident
    info = i.information
    if info.status not in (INFO_DONE, INFO_PLANNED):
        return SKIP
    if not info.channels:
        return None
    when = (f" le {clock.format_date(info.informed_at)}" if info.informed_at else "")
    verb = "informées" if info.status == INFO_DONE else "à informer"
    base = file_base(i.reference)
    lines = []
    for channel in info.channels:
        label = c.procedure.label("channels", channel).split(" (")[0]
        written = _CHANNEL_FILES.get(channel)
        lines.append(f"{label} : texte écrit par Incident Wizard ({base}{written})" if written else
                     f"{label} : sans texte écrit (le courrier sert de trame)")
    return (f"Personnes {verb}{when}.\n" + "\n".join(lines)
            + "\nTextes à joindre si la CNIL les demande.")


def _other_bodies(c: DraftContext) -> object:
    rows = Rows()
    for body_id, contact in c.incident.other_bodies.items():
        if not (contact.done or contact.reference or contact.note.strip()):
            continue
        body = c.procedure.bodies.get(body_id)
        name = (body.short or body.label) if body else body_id
        state = (f"fait le {clock.format_datetime(contact.done_at)}" if contact.done and contact.done_at
                 else "fait" if contact.done else "pas encore fait")
        rows.append((name, "; ".join(x for x in (
            state, f"référence {contact.reference}" if contact.reference else "",
            contact.note.strip()) if x)))
    return rows or Rows([("Autres démarches", "Aucune enregistrée")])


def _attachments(c: DraftContext) -> object:
    return Rows([(f"Pièce jointe : {a.name}", f"{ATTACHMENT_KINDS.get(a.kind, a.kind)}, SHA-256 {a.sha256}")
                 for a in c.incident.attachments]) or SKIP


def _decision_field(attribute: str):  # noqa: ANN202
    def value(c: DraftContext) -> object:
        decision = c.incident.decision
        if not decision.outcome:
            return SKIP
        if attribute == "outcome":
            return OUTCOME_LABELS.get(decision.outcome, decision.outcome)
        if attribute == "reasons":
            # The reasons kept when the decision was recorded, never a recomputation.
            return "\n".join(decision.basis.reasons) or None
        return decision.justification
    return value


def _if_set(value: object) -> object:
    return value if value else SKIP


#: One function per field id of forms/cnil_form.toml: what the draft prints for it.
FIELD_VALUES = {
    "kind": lambda c: c.procedure.options["notification_kinds"].label_of(c.kind),
    "initial_reference": lambda c: c.incident.initial_reference() if c.kind == NOTIF_COMPLEMENTARY else SKIP,
    # The pharmacy's own reference (a DPO's copy is kept here as "REFERENCE@PHARMACY").
    "internal_reference": lambda c: chain_reference(c.incident.reference),
    "org_name": lambda c: c.incident.organisation.name,
    "siren": _siren,
    "siret": _siret,
    "naf": lambda c: c.incident.organisation.naf_code,
    "address": lambda c: " ".join(x for x in (c.incident.organisation.address,
                                              c.incident.organisation.postal_code,
                                              c.incident.organisation.city) if x.strip()),
    "sector": lambda c: c.incident.organisation.sector,
    "contact": lambda c: _contact("Personne à contacter", c.incident.organisation.contact),
    "legal_representative": lambda c: _contact("Représentant légal",
                                               c.incident.organisation.legal_representative),
    "dpo": _dpo,
    "other_party": _other_party,
    "other_party_contact": _other_party_contact,
    "breach_start": lambda c: "Date inconnue" if c.incident.dates.breach_start_unknown
    else c.incident.dates.breach_start,
    "breach_end": lambda c: "Violation toujours en cours" if c.incident.dates.ongoing
    else c.incident.dates.breach_end,
    "awareness": lambda c: c.incident.dates.awareness_at,
    "how_discovered": lambda c: c.procedure.label("how_discovered", c.incident.discovery.how_discovered)
    if c.incident.discovery.how_discovered else None,
    "discovery_description": lambda c: c.incident.discovery.description,
    "processor_report": _processor_report,
    "clock_start": _clock_start,
    "deadline": _deadline,
    "late_reasons": _late_reasons,
    "nature": lambda c: c.procedure.labels("nature", c.incident.qualification.nature),
    "risk_facts": _risk_facts,
    "origins": lambda c: c.procedure.labels("origins", c.incident.qualification.origins),
    "origin_other": lambda c: _if_set(c.incident.qualification.origin_other),
    "scenario": _scenario,
    "circumstances": lambda c: c.incident.qualification.circumstances,
    "systems": lambda c: c.incident.qualification.systems,
    "cause": lambda c: c.procedure.label("cause", c.incident.qualification.cause)
    if c.incident.qualification.cause else None,
    "person_categories": lambda c: c.procedure.labels("person_categories",
                                                      c.incident.scope.person_categories),
    "person_categories_other": lambda c: _if_set(c.incident.scope.person_categories_other),
    "persons_count": lambda c: c.incident.scope.persons_count,
    "persons_count_precision": lambda c: c.procedure.label(
        "count_precision", c.incident.scope.persons_count_precision)
    if c.incident.scope.persons_count_precision else None,
    "data_categories": lambda c: c.procedure.labels("data_categories", c.incident.scope.data_categories),
    "data_categories_other": lambda c: _if_set(c.incident.scope.data_categories_other),
    "records_count": lambda c: c.incident.scope.records_count,
    "records_count_precision": lambda c: c.procedure.label(
        "count_precision", c.incident.scope.records_count_precision)
    if c.incident.scope.records_count_precision else None,
    "consequences": lambda c: c.procedure.labels("consequences", c.incident.consequences.kinds),
    "consequences_description": lambda c: c.incident.consequences.description,
    "severity": lambda c: c.result.cnil_severity_label.capitalize(),
    "likelihood": lambda c: "; ".join(
        f"{HARM_LABELS[h]} : {LEVEL_LABELS[v] if v else 'non atteinte'}"
        for h, v in c.result.likelihood.items()),
    "risk": lambda c: c.result.risk_label.capitalize(),
    "method": lambda c: (f"Gravité selon ENISA 2013 : {format_number(c.result.score)} (niveau "
                         f"{c.result.band_label}) ; vraisemblance et risque selon la méthode "
                         "d'Incident Wizard (page « Méthode »)"),
    "decision": _decision_field("outcome"),
    "decision_reasons": _decision_field("reasons"),
    "decision_justification": _decision_field("justification"),
    "risk_justification": lambda c: c.incident.risk.justification,
    "measures_before": lambda c: c.incident.measures.before,
    "measures_remedy": lambda c: c.incident.measures.remedy,
    "measures_mitigation": lambda c: c.incident.measures.mitigation,
    "measures_prevention": lambda c: prevention_text(c.incident),
    "information_status": lambda c: c.procedure.label("information_status", c.incident.information.status)
    if c.incident.information.status else None,
    "informed_at": _information_when,
    "channels": _channels,
    "exemption": _exemption,
    "exemption_justification": _exemption_justification,
    "equally_effective": lambda c: _if_set(c.incident.information.equally_effective),
    "texts_sent": _texts_sent,
    "cross_border": lambda c: c.incident.scope.cross_border,
    "cross_border_details": lambda c: c.incident.scope.cross_border_details if c.incident.scope.cross_border
    else SKIP,
    "other_bodies": _other_bodies,
    "attachments": _attachments,
}


def cnil_sections(view, procedure: Procedure, kind: str,  # noqa: ANN001 - an IncidentView
                  now: datetime | None = None) -> list[FormSection]:
    """The CNIL notification draft: the sections and fields of forms/cnil_form.toml, in its
    order, each valued by FIELD_VALUES from the incident's view."""
    context = DraftContext(view, procedure, kind, now or clock.now_utc())
    sections = []
    for form_section in procedure.cnil_form:
        section = FormSection(form_section.number, form_section.title)
        for form_field in form_section.fields:
            value = FIELD_VALUES[form_field.id](context)
            if value is SKIP:
                continue
            note = "requis" if form_field.required else ""
            later = form_field.later and kind == NOTIF_INITIAL
            if isinstance(value, Rows):
                for row in value:
                    label, row_value = row[0], row[1]
                    section.add(label, row_value, row[2] if len(row) > 2 else note, later)
            else:
                section.add(form_field.label, value, note, later)
        sections.append(section)
    return sections
