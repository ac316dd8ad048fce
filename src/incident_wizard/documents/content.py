"""What the documents say: the CNIL form's fields in its order, the register's columns, the
letter's elements, computed from an incident (Qt-free). Templates only lay them out."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction

from ..domain import clock, followup, obligations, record
from ..domain.journal import ACTION_LABELS, JournalEntry
from ..domain.model import (
    ACTION_PREVENTIVE,
    ATTACHMENT_KINDS,
    INFO_DONE,
    INFO_NOT_DONE,
    INFO_PLANNED,
    NOTIF_COMPLEMENTARY,
    NOTIF_COMPLETE,
    NOTIF_INITIAL,
    NOTIFY_AND_INFORM,
    OUTCOME_LABELS,
    Contact,
    Incident,
)
from ..domain.procedure import HARM_LABELS, LEVEL_LABELS, RISK_LABELS, Procedure
from ..domain.risk import assess, format_number
from ..domain.serialize import get_path
from ..domain.validation import IDENTIFIER_KINDS, find_identifiers

MISSING = "Non renseigné"
# Characters XML 1.0 forbids (Word would refuse the file): C0 controls but tab/newline/return,
# lone surrogates, U+FFFE/U+FFFF. Also the bidirectional controls (U+202A-U+202E, U+2066-U+2069,
# U+200E, U+200F, U+061C): typed or pasted, they reorder what a reader sees ("Trojan Source",
# CVE-2021-42574), e.g. a reference or an amount shown backwards in a document.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
                      "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def clean(text: object) -> str:
    """Text that any document format accepts: forbidden characters become U+FFFD."""
    return _XML_BAD.sub("\ufffd", unicodedata.normalize("NFC", str(text)))


@dataclass
class FormField:
    label: str
    value: str | None
    note: str = ""
    #: What the copy sheet puts on the clipboard for the CNIL's web form when it differs from
    #: the printed value: a date as JJ/MM/AAAA HH:MM, a number without separators.
    copy_value: str | None = None

    @property
    def to_copy(self) -> str:
        return self.copy_value if self.copy_value is not None else (self.value or "")

    @property
    def missing(self) -> bool:
        return self.value is None or not self.value.strip()


@dataclass
class FormSection:
    number: int
    title: str
    fields: list[FormField] = field(default_factory=list)

    def add(self, label: str, value: object, note: str = "") -> None:
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
        self.fields.append(FormField(label, value, note, copy))


def _contact(who: str, contact: Contact) -> Rows:
    return Rows([(f"{who} : nom", contact.name), (f"{who} : fonction", contact.role),
                 (f"{who} : courriel", contact.email), (f"{who} : téléphone", contact.phone)])


def notification_kind(incident: Incident, procedure: Procedure, assessment=None) -> str:  # noqa: ANN001
    """Initial (more to follow), complete, or complementary (after a first notification)."""
    if incident.notifications:
        return NOTIF_COMPLEMENTARY
    # "Complète" only when every Art. 33(3) item is filled (domain.obligations, one rule).
    sections = cnil_sections(incident, procedure, NOTIF_INITIAL, assessment=assessment)
    required = [f for s in sections for f in s.fields if f.note == "requis"]
    if any(f.missing for f in required) or obligations.art33_missing(incident):
        return NOTIF_INITIAL
    return NOTIF_COMPLETE


class Rows(list):
    """A repeated field's lines: (label, value) pairs printed in place of the field."""


#: A field that does not apply to this incident (not printed, not missing).
SKIP = object()


@dataclass
class DraftContext:
    incident: Incident
    procedure: Procedure
    kind: str
    now: datetime

    @property
    def result(self):  # noqa: ANN201 - risk.Assessment
        if not hasattr(self, "_result"):
            self._result = assess(self.incident, self.procedure)
        return self._result


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
    if not obligations.late_awareness_warning(c.incident):
        return SKIP
    return (f"{clock.format_datetime(obligations.clock_start(c.incident))} (signalement du "
            "sous-traitant, antérieur à la prise de connaissance saisie)")


def _deadline(c: DraftContext) -> object:
    state = obligations.deadline_status(c.incident, c.now)
    return SKIP if state is None else state.deadline


def _late_reasons(c: DraftContext) -> object:
    state = obligations.deadline_status(c.incident, c.now)
    reasons = next((n.late_reasons for n in c.incident.notifications if n.late_reasons), "")
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


def _texts_sent(c: DraftContext) -> object:
    i = c.incident
    if i.information.status not in (INFO_DONE, INFO_PLANNED):
        return SKIP
    return (f"courrier, courriel, SMS et affiche écrits par Incident Wizard ({file_base(i.reference)}"
            "-courrier-personnes, -courriel-personnes, -sms-personnes, "
            "-affiche-communication-publique), à joindre si la CNIL le demande")


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
    "internal_reference": lambda c: c.incident.reference,
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


def cnil_sections(incident: Incident, procedure: Procedure, kind: str,
                  now: datetime | None = None, assessment=None) -> list[FormSection]:  # noqa: ANN001
    """The CNIL notification draft: the sections and fields of forms/cnil_form.toml, in its
    order, each valued by FIELD_VALUES. ``assessment``: the export's one risk.Assessment."""
    context = DraftContext(incident, procedure, kind, now or clock.now_utc())
    if assessment is not None:
        context._result = assessment
    sections = []
    for form_section in procedure.cnil_form:
        section = FormSection(form_section.number, form_section.title)
        for form_field in form_section.fields:
            value = FIELD_VALUES[form_field.id](context)
            if value is SKIP:
                continue
            note = "requis" if form_field.required else ""
            if isinstance(value, Rows):
                for row in value:
                    label, row_value = row[0], row[1]
                    section.add(label, row_value, row[2] if len(row) > 2 else note)
            else:
                section.add(form_field.label, value, note)
        sections.append(section)
    return sections


def prevention_text(incident: Incident) -> str:
    """The measures planned to prevent a recurrence, for the CNIL draft: the typed text and the
    preventive actions retained, with their owner and due day."""
    planned = [a for a in incident.actions if a.kind == ACTION_PREVENTIVE]
    lines = [incident.measures.prevention.strip()] if incident.measures.prevention.strip() else []
    lines += [a.title
              + (f" (échéance : {followup.show_day(a.due)})" if a.due and not a.done_on else "")
              + (f" (faite le {followup.show_day(a.done_on)})" if a.done_on else "")
              for a in planned]
    return "\n".join(lines)


def file_base(reference: str) -> str:
    """The file-name prefix of an incident's documents (documents/export.py uses it too)."""
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in reference)[:80]


@dataclass
class TimelineRow:
    at: str
    action: str
    detail: str
    since: str = ""  # elapsed time since awareness: "+ 3 h 12 min", "avant" before it


def since_awareness(at: datetime, awareness: datetime | None) -> str:
    """Where an action stands in the 72 hours: '+ 3 h 12 min' after awareness."""
    if awareness is None:
        return ""
    if at < awareness:
        return "avant"
    return "+ " + clock.format_duration(at - awareness)


def timeline(entries: list[JournalEntry], awareness: datetime | None = None) -> list[TimelineRow]:
    """The journal as readable rows (Paris time, when recorded), each placed against the awareness
    time; a fact typed for the past says when it happened, besides when it was recorded.
    Consecutive repeats (the same text typed in several saves, the same document exported again)
    are one row that says how many times."""
    rows: list[TimelineRow] = []
    last_key: tuple | None = None
    repeated = 1
    for e in entries:
        detail = ""
        if e.details.get("outcome") in OUTCOME_LABELS:
            detail = OUTCOME_LABELS[e.details["outcome"]]
            if e.details.get("justification"):
                detail += f" — justification : {e.details['justification']}"
        elif e.action == "risk_answered":
            detail = f"{e.details.get('label', '')} : {e.details.get('answer_label', '')}"
        else:
            for key in ("label", "title", "reference", "file", "step"):
                if e.details.get(key):
                    detail = str(e.details[key])
                    break
        changed = record.describe_changes(e.details) if e.action != "risk_answered" else ""
        if changed:
            detail = f"{detail} — {changed}" if detail else changed
        happened = record.happened_at(e.details)
        if happened is not None:
            detail += f" (fait survenu le {clock.format_short(happened)}, enregistré le {clock.format_short(e.at)})"
        row = TimelineRow(clock.format_short(e.at), ACTION_LABELS.get(e.action, e.action),
                          clean(detail), since_awareness(e.at, awareness))
        key = _repeat_key(e)
        if key and rows and key == last_key:
            # Typing a text, or exporting the same documents again: one row, with its count.
            repeated += 1
            rows[-1] = TimelineRow(row.at, row.action, f"{row.detail} ({repeated} fois, dernière "
                                   f"le {row.at})", rows[-1].since)
        else:
            repeated = 1
            rows.append(row)
        last_key = key
    return rows


def _repeat_key(entry: JournalEntry) -> tuple | None:
    """Entries that repeat the same thing (the same typed text, the same export) are grouped."""
    if entry.action == "facts_changed":
        facts = tuple(c.get("fact") for c in entry.details.get("changes", []) if isinstance(c, dict))
        return ("facts", entry.actor, facts) if facts else None
    if entry.action == "document_exported":
        return ("export", entry.actor, entry.details.get("document"))
    return None


# --- the register ----------------------------------------------------------------------------

@dataclass(frozen=True)
class RegisterColumn:
    key: str
    label: str
    #: The printed table's column (Word/PDF register) that shows it.
    group: str


#: The register's one column model (Art. 33(5): the facts, the effects, the remedial action, and
#: the reasons of each decision). The CSV has one column per entry, in this order; the Word/PDF
#: register prints every entry in its group's column; the register sheet lists every entry.
REGISTER_MODEL = (
    RegisterColumn("reference", "Référence", "Référence"),
    RegisterColumn("title", "Intitulé", "Référence"),
    RegisterColumn("pharmacy", "Pharmacie (responsable du traitement)", "Référence"),
    RegisterColumn("status", "Statut", "Référence"),
    RegisterColumn("closed_at", "Clôture", "Référence"),
    RegisterColumn("breach_start", "Début", "Dates et découverte"),
    RegisterColumn("breach_end", "Fin", "Dates et découverte"),
    RegisterColumn("awareness", "Prise de connaissance", "Dates et découverte"),
    RegisterColumn("discovery", "Découverte (comment, par qui)", "Dates et découverte"),
    RegisterColumn("processor", "Sous-traitant", "Dates et découverte"),
    RegisterColumn("description", "Description des faits", "Faits"),
    RegisterColumn("nature", "Nature", "Faits"),
    RegisterColumn("origins", "Origine", "Faits"),
    RegisterColumn("cause", "Cause", "Faits"),
    RegisterColumn("person_categories", "Personnes concernées", "Personnes et données"),
    RegisterColumn("persons_count", "Nombre de personnes", "Personnes et données"),
    RegisterColumn("data_categories", "Données concernées", "Personnes et données"),
    RegisterColumn("records_count", "Nombre d'enregistrements", "Personnes et données"),
    RegisterColumn("cross_border", "Traitement transfrontalier", "Personnes et données"),
    RegisterColumn("consequences", "Conséquences probables", "Personnes et données"),
    RegisterColumn("severity", "Gravité, vraisemblance et risque", "Gravité et risque"),
    RegisterColumn("recommended", "Décision recommandée", "Décision et raisons"),
    RegisterColumn("decision", "Décision", "Décision et raisons"),
    RegisterColumn("override", "Décision différente de la recommandation", "Décision et raisons"),
    RegisterColumn("justification", "Justification de la décision", "Décision et raisons"),
    RegisterColumn("decided", "Décision enregistrée (date, par)", "Décision et raisons"),
    RegisterColumn("cnil_notification", "Notification CNIL (date, type, référence)",
                   "Notification et information"),
    RegisterColumn("lateness", "Délai de 72 heures (depuis la prise de connaissance ou le "
                   "signalement du sous-traitant)", "Notification et information"),
    RegisterColumn("late_reasons", "Raisons du retard", "Notification et information"),
    RegisterColumn("information", "Information des personnes (date, moyen ou motif)",
                   "Notification et information"),
    RegisterColumn("measures_before", "Mesures en place avant la violation", "Mesures"),
    RegisterColumn("measures_remedy", "Mesures de remédiation", "Mesures"),
    RegisterColumn("measures_mitigation", "Mesures d'atténuation", "Mesures"),
    RegisterColumn("measures_prevention", "Mesures de prévention", "Mesures"),
    RegisterColumn("lessons_learned", "Leçons tirées", "Mesures"),
    RegisterColumn("follow_up", "Actions de suivi (responsable, échéance, faite le, preuve)",
                   "Mesures"),
    RegisterColumn("dismissed_proposals", "Propositions de prévention écartées (motif)", "Mesures"),
    RegisterColumn("other_bodies", "Autres organismes informés (date, référence, note)",
                   "Autres démarches et traces"),
    RegisterColumn("attachments", "Pièces jointes (empreinte SHA-256)", "Autres démarches et traces"),
    RegisterColumn("journal", "Empreinte du journal (entrées, SHA-256)", "Autres démarches et traces"),
)
#: (key, label) of every column, in order (CSV header, register sheet).
REGISTER_COLUMNS = tuple((c.key, c.label) for c in REGISTER_MODEL)


def decided_by(entries: list[JournalEntry]) -> str:
    """Who recorded the incident's current decision, from its journal."""
    for entry in reversed(entries):
        if entry.action in ("decision_made", "decision_overridden"):
            return entry.actor
    return ""


def register_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """The printed register's columns: (heading, [(key, label)...]) in the model's order."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for column in REGISTER_MODEL:
        groups.setdefault(column.group, []).append((column.key, column.label))
    return list(groups.items())


def _short(labels: list[str]) -> list[str]:
    """'Données de santé (ordonnances, ...)' -> 'Données de santé', for compact tables."""
    return [label.split(" (")[0] for label in labels]


def decision_reasoning(incident: Incident, result) -> tuple[str, str]:
    """(justification, gravité/vraisemblance/risk) for the register: the reasons kept when the
    decision was recorded (never recomputed from later answers); before any decision, the
    current recommendation, said as such. Never blank."""
    decision = incident.decision
    basis = decision.basis
    if decision.outcome and basis.method:
        likelihood = ", ".join(f"{HARM_LABELS[h].lower()} {LEVEL_LABELS[v]}"
                               for h, v in basis.likelihood.items() if v) or "aucun dommage atteint"
        score = Fraction(basis.score) if basis.score else None
        severity = (f"Gravité {LEVEL_LABELS.get(basis.severity, basis.severity)}"
                    + (f" (ENISA 2013 : {format_number(score)})" if score is not None else "")
                    + f" ; vraisemblance : {likelihood} ; {RISK_LABELS.get(basis.risk, basis.risk)}")
        kept = [text for text in basis.reasons if not text.startswith("Recommandation :")]
        why = " ".join(kept)
        if decision.outcome != decision.recommended:  # the recommendation has its own column
            why = decision.justification
        elif decision.justification:
            why = f"{decision.justification} — {why}"
        return why, severity
    severity = (f"Gravité {result.cnil_severity_label} (ENISA 2013 : {format_number(result.score)}) ; "
                f"{result.risk_label}")
    if decision.outcome:  # recorded before the likelihood method: its own words only
        why = decision.justification or ("Décision conforme à la recommandation de l'époque "
                                         "(méthode ENISA seule) ; raisons non conservées.")
        return why, severity
    return "Pas encore décidée. Recommandation actuelle : " + " ".join(
        r.text for r in result.reasons), severity


def anchor_text(reference: str, head: str, count: int) -> str:
    """The journal's head printed on a document: it pins the history at that moment."""
    return (f"Empreinte du journal de {reference} : {head} ({count} entrées) — vérifiable avec "
            f"« incident-wizard verify-journal {reference} --head {head[:16]} »")


def lateness_text(incident: Incident, now: datetime) -> str:
    state = obligations.deadline_status(incident, now)
    if state is None:
        return ""
    start = "signalement du sous-traitant" if obligations.late_awareness(incident) else "prise de connaissance"
    return f"{clock.describe(state)} ; délai compté depuis le {start}"


def register_row(incident: Incident, procedure: Procedure, journal: tuple[str, int] | None = None,
                 now: datetime | None = None, decided_by: str = "",
                 assessment=None) -> dict[str, str]:  # noqa: ANN001 - a risk.Assessment
    """One register line (Art. 33(5)): facts, effects, remedial action, and the reasons, keyed as
    in REGISTER_MODEL. ``journal``: (head, count) of the incident's journal, printed as its
    anchor; ``decided_by``: who recorded the decision (from the journal)."""
    p, i = procedure, incident
    now = now or clock.now_utc()
    result = assessment if assessment is not None else assess(i, p)
    kinds = p.options["notification_kinds"]

    def when(value: datetime | None, empty: str = "") -> str:
        return clock.format_short(value) if value else empty

    notifications = "; ".join(
        f"{when(n.submitted_at)} {kinds.label_of(n.kind).split(' (')[0].lower()} {n.reference}".strip()
        for n in i.notifications)
    info = i.information
    if info.status == INFO_DONE:
        information = f"Informées le {when(info.informed_at)} ({', '.join(p.labels('channels', info.channels))})"
    elif info.status == INFO_PLANNED:
        information = f"Information prévue ({', '.join(p.labels('channels', info.channels))})"
    elif info.status == INFO_NOT_DONE:
        information = (f"Non informées : {p.label('exemptions', info.exemption) if info.exemption else ''}"
                       f" — {info.justification}").strip(" —")
    else:
        information = ""
    bodies = "; ".join(
        f"{(p.bodies[b].short or p.bodies[b].label) if b in p.bodies else b} "
        f"({(when(c.done_at) or 'fait') if c.done else 'pas encore fait'}"
        + (f", référence {c.reference}" if c.reference else "") + ")"
        + (f" : {c.note}" if c.note.strip() else "")
        for b, c in i.other_bodies.items() if c.done or c.note.strip() or c.reference)
    decision = i.decision
    why, severity = decision_reasoning(i, result)
    d = i.discovery
    discovery = "; ".join(x for x in (
        p.label("how_discovered", d.how_discovered) if d.how_discovered else "",
        f"signalée par {d.reported_by}" if d.reported_by else "") if x)
    processor = ""
    if d.processor_reported:
        processor = "; ".join(x for x in (
            d.processor_name, f"signalement reçu le {when(d.processor_reported_at)}"
            if d.processor_reported_at else "") if x) or "signalée par un sous-traitant"
    decided = ""
    if decision.decided_at:
        decided = f"le {when(decision.decided_at)}" + (f" par {decided_by}" if decided_by else "")
    row = {
        "reference": i.reference,
        "title": i.title,
        "pharmacy": " — ".join(x for x in (i.organisation.name, f"SIRET {i.organisation.siret}"
                                            if i.organisation.siret else "") if x),
        "status": "Clôturé" if i.status == "closed" else "En cours",
        "breach_start": "inconnu" if i.dates.breach_start_unknown else when(i.dates.breach_start),
        "breach_end": "en cours" if i.dates.ongoing else when(i.dates.breach_end),
        "awareness": when(i.dates.awareness_at),
        "nature": ", ".join(_short(p.labels("nature", i.qualification.nature))),
        "origins": ", ".join(p.labels("origins", i.qualification.origins)
                             + ([i.qualification.origin_other] if i.qualification.origin_other else [])),
        "cause": p.label("cause", i.qualification.cause) if i.qualification.cause else "",
        "person_categories": ", ".join(_short(p.labels("person_categories", i.scope.person_categories))),
        "persons_count": "" if i.scope.persons_count is None else str(i.scope.persons_count),
        "data_categories": ", ".join(_short(p.labels("data_categories", i.scope.data_categories))),
        "records_count": "" if i.scope.records_count is None else str(i.scope.records_count),
        "consequences": ", ".join(_short(p.labels("consequences", i.consequences.kinds))),
        "severity": severity,
        "recommended": OUTCOME_LABELS.get(decision.recommended, ""),
        "decision": OUTCOME_LABELS.get(decision.outcome, "Pas encore décidée"),
        "justification": why,
        "override": ("Oui" if decision.outcome and decision.outcome != decision.recommended else
                     ("Non" if decision.outcome else "")),
        "cnil_notification": notifications,
        "late_reasons": "; ".join(n.late_reasons for n in i.notifications if n.late_reasons),
        "lateness": lateness_text(i, now),
        "information": information,
        "measures_remedy": i.measures.remedy,
        "measures_mitigation": i.measures.mitigation,
        "measures_prevention": i.measures.prevention,
        "follow_up": "\n".join(followup.describe(a, followup.today(now)) for a in i.actions),
        "dismissed_proposals": "\n".join(
            f"{p.proposals[k].title if k in p.proposals else k} : {d.reason}"
            for k, d in i.dismissed_proposals.items()),
        "other_bodies": bodies,
        "attachments": "; ".join(f"{a.name} ({ATTACHMENT_KINDS.get(a.kind, a.kind)}, "
                                 f"SHA-256 {a.sha256})" for a in i.attachments),
        "closed_at": when(i.closed_at),
        "journal": f"{journal[1]} entrées, {journal[0]}" if journal else "",
        "discovery": discovery,
        "processor": processor,
        "description": i.discovery.description,
        "cross_border": ("Oui" + (f" : {i.scope.cross_border_details}"
                                  if i.scope.cross_border_details else "")) if i.scope.cross_border else "Non",
        "decided": decided,
        "measures_before": i.measures.before,
        "lessons_learned": i.measures.lessons_learned,
    }
    return {c.key: clean(row[c.key]) for c in REGISTER_MODEL}


# --- the communication to the persons ----------------------------------------------------------

#: Advice to the persons, by likely consequence (plain French, no sensitive data).
ADVICE = {
    "hameconnage": "Méfiez-vous des messages, appels ou SMS qui se réclameraient de la pharmacie, de "
                   "l'Assurance maladie ou de votre mutuelle et vous demanderaient des informations "
                   "personnelles, des codes ou un paiement : nous ne vous les demanderons jamais.",
    "usurpation-identite": "Soyez attentif à tout courrier ou démarche que vous n'auriez pas faits "
                           "(ouverture de compte, abonnement) et signalez-le.",
    "perte-financiere": "Surveillez vos relevés bancaires et signalez à votre banque toute opération "
                        "inhabituelle.",
    "rupture-soins": "Si un renouvellement de traitement est proche, venez à la pharmacie avec votre "
                     "ordonnance : nous organisons la délivrance.",
}
DEFAULT_ADVICE = ("Restez vigilant face aux messages inattendus qui utiliseraient votre nom ou se "
                  "réclameraient de la pharmacie.")


def communication(incident: Incident, procedure: Procedure) -> dict[str, object]:
    """The four Art. 34(2) elements, in plain French, built from categories (never from free
    text that could repeat health details)."""
    p, i = procedure, incident
    nature_phrases = {
        "confidentialite": "des données vous concernant ont pu être consultées ou copiées par des "
                           "personnes non autorisées",
        "integrite": "des données vous concernant ont pu être modifiées",
        "disponibilite": "des données vous concernant ont été temporairement inaccessibles ou perdues",
    }
    nature = [nature_phrases[n] for n in i.qualification.nature if n in nature_phrases] or \
             ["des données vous concernant ont été exposées"]
    data = [label.split(" (")[0].lower() for label in p.labels("data_categories", i.scope.data_categories)]
    consequence_options = [p.options["consequences"].get(k) for k in i.consequences.kinds]
    consequences = [o.extra["for_persons"] for o in consequence_options
                    if o is not None and o.extra.get("for_persons")]
    advice = [ADVICE[k] for k in i.consequences.kinds if k in ADVICE] or [DEFAULT_ADVICE]
    org = i.organisation
    contact = org.dpo if org.has_dpo and org.dpo.name else org.contact
    contact_role = "notre délégué à la protection des données" if org.has_dpo and org.dpo.name else \
        "votre interlocuteur à la pharmacie"
    measures, withheld = patient_measures(i, procedure)
    return {
        "pharmacy": clean(org.name) or "La pharmacie",
        "address": clean(" ".join(x for x in (org.address, org.postal_code, org.city) if x.strip())),
        "nature": clean(" ; ".join(nature)),
        "data": clean(", ".join(data)),
        "when": clock.format_date(i.dates.awareness_at) if i.dates.awareness_at else "",
        "consequences": clean(", ".join(consequences)),
        "measures": measures,
        "advice": advice,
        "contact_name": clean(contact.name),
        "contact_role": contact_role,
        "contact_email": clean(contact.email),
        "contact_phone": clean(contact.phone),
        "signatory": clean(org.legal_representative.name or org.contact.name),
        "signatory_role": clean(org.legal_representative.role or org.contact.role),
        "notified_cnil": bool(i.notifications),
        "inform_required": i.decision.outcome == NOTIFY_AND_INFORM,
        "withheld": withheld + ([
            "Les conséquences probables pour les personnes ne sont pas renseignées (étape "
            "« Personnes et données concernées ») : le courrier et l'affiche les signalent « à "
            "compléter » ; l'article 34(2) du RGPD demande de les décrire."]
            if not consequences and i.decision.outcome == NOTIFY_AND_INFORM else [])
        + (["Le seul moyen d'information choisi est le SMS : il ne peut pas contenir tout ce que "
            "l'article 34(2) du RGPD demande (nature, contact, conséquences, mesures). Ajoutez un "
            "courrier, un courriel ou une remise en main propre."]
           if i.information.channels == ["sms"] else []),
        "letter_channel": "courrier" in i.information.channels,
        "consequences_to_complete": not consequences and i.decision.outcome == NOTIFY_AND_INFORM,
    }


def patient_measures(incident: Incident, procedure: Procedure) -> tuple[list[str], list[str]]:
    """The pharmacist's own words about the measures, for texts sent to the persons, and the
    French warnings about those withheld: a text that looks like it holds a person's identifier
    (NIR, e-mail, phone number other than the pharmacy's) is never printed for the public."""
    org = incident.organisation
    allowed = tuple(x for person in (org.contact, org.dpo, org.legal_representative)
                    for x in (person.email, person.phone))
    kept, withheld = [], []
    for key in ("measures.remedy", "measures.mitigation"):
        text = get_path(incident, key) or ""
        if not text.strip():
            continue
        found = find_identifiers(text, allowed)
        described = procedure.field(key)
        label = described.label if described else key
        if found:
            kinds = sorted({IDENTIFIER_KINDS[kind] for kind, _ in found})
            withheld.append(
                f"« {label} » contient ce qui ressemble à {' et à '.join(kinds)} : "
                "ce texte n'est pas repris dans le courrier, le courriel et l'affiche destinés aux "
                "personnes. Retirez-le de la saisie, puis écrivez à nouveau les documents.")
            continue
        kept.append(clean(text))
    return kept, withheld


SMS_LIMIT = 480


def sms_text(incident: Incident, procedure: Procedure) -> str:
    """The SMS: at most 480 characters whatever the pharmacy typed."""
    c = communication(incident, procedure)
    pharmacy = _shorten(str(c["pharmacy"]), 60)
    phone = _shorten(str(c["contact_phone"]), 25)
    contact = f" au {phone}" if phone else " à la pharmacie"
    cnil = " et prévenu la CNIL" if c["notified_cnil"] else ""
    text = (f"{pharmacy} : un incident de sécurité a touché des données vous concernant. "
            f"Nous avons pris les mesures nécessaires{cnil}. "
            f"Méfiez-vous des messages demandant vos codes ou un paiement. "
            + ("Un courrier vous explique tout ; p" if c["letter_channel"] else "P")
            + f"our toute question, contactez-nous{contact}.")
    return text[:SMS_LIMIT]


# GSM 03.38 (3GPP TS 23.038): the default 7-bit alphabet and its extension table (each
# extension character takes two of the 160 places). Any other character (ê, ç, œ, «, ’...)
# makes the whole SMS Unicode (UCS-2): 70 characters, or 67 per part when split.
_GSM7 = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
            "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
_GSM7_EXTENSION = set("^{}\\[~]|€\f")


def sms_segments(text: str) -> tuple[str, int]:
    """("GSM-7" or "Unicode", number of SMS parts) that ``text`` takes when sent."""
    if all(ch in _GSM7 or ch in _GSM7_EXTENSION for ch in text):
        units = sum(2 if ch in _GSM7_EXTENSION else 1 for ch in text)
        return "GSM-7", 1 if units <= 160 else -(-units // 153)
    units = sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)
    return "Unicode", 1 if units <= 70 else -(-units // 67)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
