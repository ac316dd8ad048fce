"""What the register says (Art. 33(5)): its columns, one line per incident with the reasons kept
with the decision, and the journal as a readable timeline (Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from ..domain import clock, followup, record
from ..domain.decision import overridden
from ..domain.journal import ACTION_LABELS, JournalEntry
from ..domain.model import (
    ATTACHMENT_KINDS,
    INFO_DONE,
    INFO_NOT_DONE,
    INFO_PLANNED,
    OUTCOME_LABELS,
    Incident,
)
from ..domain.procedure import HARM_LABELS, LEVEL_LABELS, RISK_LABELS, Procedure
from ..domain.risk import format_number
from ..domain.values import FrozenValue, Value
from .texts import _short, clean


@dataclass(eq=False, repr=False)
class TimelineRow(Value):
    """One journal entry as the timeline shows it (Paris time, action, detail, since awareness)."""
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


#: The option list (forms/options.toml) that names the ids of each fact the journal records.
_FACT_OPTIONS = {
    "qualification.nature": "nature", "qualification.origins": "origins",
    "qualification.cause": "cause", "scope.person_categories": "person_categories",
    "scope.data_categories": "data_categories", "consequences.kinds": "consequences",
    "information.status": "information_status", "information.channels": "channels",
    "information.exemption": "exemptions",
}
_STATUS_LABELS = {"open": "en cours", "closed": "clos"}


def option_labels(procedure: Procedure | None) -> record.OptionLabel | None:
    """The French label of an option id recorded in the journal (short form), for the
    timeline; never an internal code when the procedure knows it."""
    if procedure is None:
        return None

    def label_of(path: str, value: str) -> str:
        if path == "status":
            return _STATUS_LABELS.get(value, "")
        if path == "scenario":
            scenario = procedure.scenarios.get(value)
            return scenario.label.split(" (")[0] if scenario else ""
        list_id = _FACT_OPTIONS.get(path)
        option = procedure.options[list_id].get(value) if list_id in procedure.options else None
        return option.label.split(" (")[0] if option is not None else ""
    return label_of


def timeline(entries: list[JournalEntry], awareness: datetime | None = None,
             procedure: Procedure | None = None) -> list[TimelineRow]:
    """The journal as readable rows (Paris time, when recorded), each placed against the awareness
    time; a fact typed for the past says when it happened, besides when it was recorded.
    Consecutive repeats (the same text typed in several saves, the same document exported again)
    are one row that says how many times."""
    rows: list[TimelineRow] = []
    last_key: tuple | None = None
    repeated = 1
    label_of = option_labels(procedure)
    for e in entries:
        detail = ""
        if e.details.get("outcome") in OUTCOME_LABELS:
            detail = OUTCOME_LABELS[e.details["outcome"]]
            if e.details.get("justification"):
                detail += f" — justification : {e.details['justification']}"
        elif e.action == "risk_answered":
            detail = f"{e.details.get('label', '')} : {e.details.get('answer_label', '')}"
        else:
            for key in ("label", "title", "reference", "file", "step", "message"):
                if e.details.get(key):
                    detail = str(e.details[key])
                    break
        changed = record.describe_changes(e.details, label_of) if e.action != "risk_answered" else ""
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

#: What a register column holds, for a spreadsheet (the .xlsx register): a Paris date and time
#: written by ``clock.format_short`` ("26/10/2026 09:00", or a word such as "inconnu"), a whole
#: number, a short text or a long one (the width of the column).
DATETIME, INTEGER, SHORT, TEXT, LONG = "datetime", "integer", "short", "text", "long"


@dataclass(frozen=True, eq=False, repr=False)
class RegisterColumn(FrozenValue):
    """One column of the register: its key, its label, the group it is printed under and what
    it holds (a spreadsheet types its cells and sizes its column by it)."""
    key: str
    label: str
    #: The printed table's column (Word/PDF register) that shows it.
    group: str
    kind: str = TEXT


#: The register's one column model (Art. 33(5): the facts, the effects, the remedial action, and
#: the reasons of each decision). The CSV has one column per entry, in this order; the Word/PDF
#: register prints every entry in its group's column; the register sheet lists every entry.
REGISTER_MODEL = (
    RegisterColumn("reference", "Référence", "Référence", SHORT),
    RegisterColumn("title", "Intitulé", "Référence"),
    RegisterColumn("pharmacy", "Pharmacie (responsable du traitement)", "Référence"),
    RegisterColumn("status", "Statut", "Référence", SHORT),
    RegisterColumn("closed_at", "Clôture", "Référence", DATETIME),
    RegisterColumn("breach_start", "Début", "Dates et découverte", DATETIME),
    RegisterColumn("breach_end", "Fin", "Dates et découverte", DATETIME),
    RegisterColumn("awareness", "Prise de connaissance", "Dates et découverte", DATETIME),
    RegisterColumn("discovery", "Découverte (comment, par qui)", "Dates et découverte"),
    RegisterColumn("processor", "Sous-traitant", "Dates et découverte"),
    RegisterColumn("description", "Description des faits", "Faits", LONG),
    RegisterColumn("nature", "Nature", "Faits"),
    RegisterColumn("origins", "Origine", "Faits"),
    RegisterColumn("cause", "Cause", "Faits"),
    RegisterColumn("person_categories", "Personnes concernées", "Personnes et données"),
    RegisterColumn("persons_count", "Nombre de personnes", "Personnes et données", INTEGER),
    RegisterColumn("data_categories", "Données concernées", "Personnes et données"),
    RegisterColumn("records_count", "Nombre d'enregistrements", "Personnes et données", INTEGER),
    RegisterColumn("cross_border", "Traitement transfrontalier", "Personnes et données", SHORT),
    RegisterColumn("consequences", "Conséquences probables", "Personnes et données"),
    RegisterColumn("severity", "Gravité, vraisemblance et risque", "Gravité et risque", LONG),
    RegisterColumn("recommended", "Décision recommandée", "Décision et raisons"),
    RegisterColumn("decision", "Décision", "Décision et raisons"),
    RegisterColumn("override", "Décision différente de la recommandation", "Décision et raisons", SHORT),
    RegisterColumn("justification", "Justification de la décision", "Décision et raisons", LONG),
    RegisterColumn("decided", "Décision enregistrée (date, par)", "Décision et raisons"),
    RegisterColumn("cnil_notification", "Notification CNIL (date, type, référence)",
                   "Notification et information"),
    RegisterColumn("lateness", "Délai de 72 heures (depuis la prise de connaissance ou le "
                   "signalement du sous-traitant)", "Notification et information", LONG),
    RegisterColumn("late_reasons", "Raisons du retard", "Notification et information"),
    RegisterColumn("information", "Information des personnes (date, moyen ou motif)",
                   "Notification et information"),
    RegisterColumn("measures_before", "Mesures en place avant la violation", "Mesures", LONG),
    RegisterColumn("measures_remedy", "Mesures de remédiation", "Mesures", LONG),
    RegisterColumn("measures_mitigation", "Mesures d'atténuation", "Mesures", LONG),
    RegisterColumn("measures_prevention", "Mesures de prévention", "Mesures", LONG),
    RegisterColumn("lessons_learned", "Leçons tirées", "Mesures", LONG),
    RegisterColumn("follow_up", "Actions de suivi (responsable, échéance, faite le, preuve)",
                   "Mesures", LONG),
    RegisterColumn("dismissed_proposals", "Propositions de prévention écartées (motif)", "Mesures", LONG),
    RegisterColumn("other_bodies", "Autres organismes informés (date, référence, note)",
                   "Autres démarches et traces", LONG),
    RegisterColumn("attachments", "Pièces jointes (empreinte SHA-256)", "Autres démarches et traces", LONG),
    RegisterColumn("journal", "Empreinte du journal (entrées, SHA-256)", "Autres démarches et traces", LONG),
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


class ColumnWidths:
    """The printed register's column widths from its content: each group's share of the text
    of every row (so that an incident's columns end at about the same height and one incident
    holds on one landscape page where its text allows), never narrower than its longest
    label's word, computed while the rows are read once."""

    #: The widths' total (the templates' unit: about the landscape page's width in cm).
    TOTAL = 27.0

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]):
        self.groups = groups
        self.chars = [0] * len(groups)

    def add(self, row: dict[str, str]) -> None:
        for index, (_heading, columns) in enumerate(self.groups):
            self.chars[index] += sum(len(label) + len(row.get(key, "")) + 3
                                     for key, label in columns if row.get(key))

    def text(self) -> str:
        """'3.1,2.7,…' for the template's ``data-widths``."""
        total = sum(self.chars)
        if not total:
            return ",".join("3" for _ in self.groups)
        # A floor (a 12-letter word in bold at 8 points, with the cell's padding) and a share.
        floor = 1.9
        spare = self.TOTAL - floor * len(self.groups)
        return ",".join(f"{floor + spare * chars / total:.1f}" for chars in self.chars)


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
        if overridden(decision):  # the recommendation has its own column
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


def anchor_text(reference: str, head: str, count: int,
                register: tuple[str, int] | None = None) -> str:
    """The journal's head printed on a document: it pins the history at that moment; with
    ``register`` ((hash, events) of the register's chain), the register's head too (it pins the
    register: an incident deleted, or a journal cut back, later is found against it)."""
    text = (f"Empreinte du journal de {reference} : {head} ({count} entrées) — vérifiable avec "
            f"« incident-wizard verify-journal {reference} --head {head[:16]} »")
    if register is not None and register[1]:
        text += (f" ; empreinte du registre : {register[0]} ({register[1]} événements) — "
                 f"« incident-wizard verify-journal --register --head {register[0][:16]} »")
    return text


def lateness_text(view, now: datetime) -> str:  # noqa: ANN001 - an IncidentView
    """The register's words on the 72 hours: the view's headline, and what the clock ran from."""
    if view.status_at(now) is None:
        return ""
    headline = view.headline(now)
    if not view.clock_applies:
        return headline
    start = "le signalement du sous-traitant" if view.late_awareness else "la prise de connaissance"
    return f"{headline} ; délai compté depuis {start}"


def register_row(view, procedure: Procedure, now: datetime | None = None,  # noqa: ANN001 - a view
                 decided_by: str = "") -> dict[str, str]:
    """One register line (Art. 33(5)) from the incident's view: facts, effects, remedial action,
    and the reasons, keyed as in REGISTER_MODEL, with the journal's head as its anchor;
    ``decided_by``: who recorded the decision (from the journal)."""
    p, i = procedure, view.incident
    now = now or clock.now_utc()
    result = view.assessment
    journal = (view.journal_head, view.journal_count) if view.journal_count else None
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
        "override": ("Oui" if overridden(decision) else ("Non" if decision.outcome else "")),
        "cnil_notification": notifications,
        "late_reasons": "; ".join(n.late_reasons for n in i.notifications if n.late_reasons),
        "lateness": lateness_text(view, now),
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
