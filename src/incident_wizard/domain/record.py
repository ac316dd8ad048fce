"""The record's legal facts (brief section 10): what the journal must cover, in one place.

The legal facts are the parts of an incident that set the deadline, the decision or what it
requires: awareness, breach start and end, the processor's report, the qualification that decides
which harms are affected, the persons and data categories, the risk answers, the decision, the
notifications, the information of the persons, the other bodies, the containment actions, the
attachments, closure. Every change of one is a journal entry with the old and the new value, and
every journal entry carries the digest of the facts as they stand after it, so that an edit of the
stored incident made outside the app no longer matches its journal.

Functions work on the JSON-ready data of an incident (``serialize.to_data``), so that storage can
compare what it stores without rebuilding dataclasses.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..i18n import N_, _
from .clock import format_short
from .serialize import parse_instant

#: (path in the incident data, French label, kind of value). The label is data: journaled as
#: it is with every change (never translated there, the entry's hash covers it) and translated
#: where it is shown (describe_changes). ``kind`` says how a value is shown:
#: "instant" (a UTC date), "bool", "list", "count", "text" (an option id), "prose" (typed text:
#: the measures, the justifications, journaled as typed, cut at PROSE_IN_JOURNAL characters in
#: the entry), "record" (a structured value).
FACTS: tuple[tuple[str, str, str], ...] = (
    ("dates.awareness_at", N_("Prise de connaissance"), "instant"),
    ("dates.breach_start", N_("Début de la violation"), "instant"),
    ("dates.breach_start_unknown", N_("Début de la violation inconnu"), "bool"),
    ("dates.breach_end", N_("Fin de la violation"), "instant"),
    ("dates.ongoing", N_("Violation toujours en cours"), "bool"),
    ("discovery.processor_reported", N_("Signalée par un sous-traitant"), "bool"),
    ("discovery.processor_name", N_("Sous-traitant"), "text"),
    ("discovery.processor_reported_at", N_("Signalement du sous-traitant"), "instant"),
    ("scenario", N_("Situation"), "text"),
    ("qualification.nature", N_("Nature de la violation"), "list"),
    ("qualification.origins", N_("Origine de l'incident"), "list"),
    ("qualification.cause", N_("Cause"), "text"),
    ("scope.person_categories", N_("Catégories de personnes"), "list"),
    ("scope.persons_count", N_("Nombre approximatif de personnes"), "count"),
    ("scope.data_categories", N_("Catégories de données"), "list"),
    ("consequences.kinds", N_("Conséquences probables"), "list"),
    ("risk.answers", N_("Réponses aux questions de risque"), "record"),
    ("risk.justification", N_("Justification de la réponse sur la nature des données"), "prose"),
    ("decision", N_("Décision"), "record"),
    ("notifications", N_("Notifications à la CNIL"), "record"),
    ("information.status", N_("Information des personnes"), "text"),
    ("information.informed_at", N_("Date de l'information des personnes"), "instant"),
    ("information.channels", N_("Moyens d'information"), "list"),
    ("information.exemption", N_("Motif de non-information"), "text"),
    ("information.justification", N_("Justification de la non-information"), "prose"),
    ("information.equally_effective", N_("Communication publique : pourquoi tout aussi efficace"), "prose"),
    ("complement_waiver", N_("Aucune information complémentaire à apporter"), "prose"),
    ("measures.before", N_("Mesures en place avant la violation"), "prose"),
    ("measures.remedy", N_("Mesures de remédiation"), "prose"),
    ("measures.mitigation", N_("Mesures pour limiter les conséquences"), "prose"),
    ("measures.prevention", N_("Mesures de prévention"), "prose"),
    ("organisation.has_dpo", N_("Délégué à la protection des données désigné"), "bool"),
    ("other_bodies", N_("Autres démarches"), "record"),
    ("checklist", N_("Actions de confinement"), "record"),
    ("attachments", N_("Pièces jointes"), "record"),
    ("status", N_("Statut"), "text"),
    ("closed_at", N_("Clôture"), "instant"),
)
#: Facts added after incidents were already journaled (format 5: the follow-up actions and the
#: prevention proposals set aside). They enter the digest only once they hold something, so that
#: the digests of incidents journaled before they existed still match their journal.
ADDED_FACTS: tuple[tuple[str, str, str], ...] = (
    ("actions", N_("Actions de suivi"), "record"),
    ("dismissed_proposals", N_("Propositions de prévention écartées"), "record"),
    # Issue 24: the team's first knowledge, why certainty came later, the knowledge of the
    # attack (complaint clock), and the instants typed without their time.
    ("dates.team_aware_at", N_("Première connaissance dans l'équipe"), "instant"),
    ("dates.certainty_later", N_("Pourquoi la certitude est venue plus tard"), "prose"),
    ("dates.attack_known_at", N_("Connaissance de l'attaque (plainte)"), "instant"),
    ("times_unknown", N_("Heures non connues (comptées à 00 h 00)"), "list"),
    # Issue 23: the pharmacist's own words printed in the texts to the persons.
    ("information.own_words", N_("Texte libre destiné aux personnes"), "prose"),
)
#: What the CNIL draft and the register print besides the facts above (digest version 2,
#: schema 8, incident file format 4): the title, the descriptions typed, the pharmacy's details.
#: An incident journaled before them is anchored once (storage.maintenance) so that they are
#: covered from then on; an entry carrying a version-1 digest still verifies as it was written.
PRINTED_FACTS: tuple[tuple[str, str, str], ...] = (
    ("title", N_("Titre de l'incident"), "prose"),
    ("discovery.reported_by", N_("Signalée par"), "prose"),
    ("discovery.how_discovered", N_("Mode de découverte"), "text"),
    ("discovery.description", N_("Description de la découverte"), "prose"),
    ("discovery.other_party", N_("Autre partie concernée"), "prose"),
    ("discovery.other_party_contact", N_("Coordonnées de l'autre partie"), "prose"),
    ("qualification.origin_other", N_("Autre origine"), "prose"),
    ("qualification.circumstances", N_("Circonstances"), "prose"),
    ("qualification.systems", N_("Systèmes concernés"), "prose"),
    ("scope.person_categories_other", N_("Autres catégories de personnes"), "prose"),
    ("scope.data_categories_other", N_("Autres catégories de données"), "prose"),
    ("scope.records_count", N_("Nombre approximatif d'enregistrements"), "count"),
    ("scope.persons_count_precision", N_("Précision du nombre de personnes"), "text"),
    ("scope.records_count_precision", N_("Précision du nombre d'enregistrements"), "text"),
    ("scope.cross_border", N_("Violation transfrontalière"), "bool"),
    ("scope.cross_border_details", N_("Détails transfrontaliers"), "prose"),
    ("consequences.description", N_("Description des conséquences"), "prose"),
    ("measures.lessons_learned", N_("Enseignements tirés"), "prose"),
    ("closure_note", N_("Note de clôture"), "prose"),
    ("organisation", N_("Coordonnées de la pharmacie"), "record"),
)
_PRINTED = frozenset(path for path, _label, _kind in PRINTED_FACTS)
#: The mark of a version-2 digest (version 1: the bare SHA-256).
DIGEST_V2 = "v2:"
_ALL_FACTS = FACTS + ADDED_FACTS + PRINTED_FACTS
FACT_LABELS = {path: label for path, label, _ in _ALL_FACTS}
_KINDS = {path: kind for path, _, kind in _ALL_FACTS}

#: Parts of structured facts that are free text typed with autosave: kept out of the digest so
#: that typing is not journaled keystroke by keystroke (they are journaled with the action that
#: confirms them: decision, notification, information, body, closure).
_TEXT_PARTS = {"other_bodies": ("note",), "notifications": ("notes",)}


def _strip_text(path: str, value: Any) -> Any:
    parts = _TEXT_PARTS.get(path)
    if not parts:
        return value
    if isinstance(value, dict):
        return {k: ({f: x for f, x in v.items() if f not in parts} if isinstance(v, dict) else v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [{f: x for f, x in v.items() if f not in parts} if isinstance(v, dict) else v
                for v in value]
    return value


#: How facts_of reads each fact: (path, its first part, the parts after it, whether free text is
#: stripped from it, whether it is left out while empty (ADDED_FACTS)), in the order of the facts
#: (FACTS, ADDED_FACTS, PRINTED_FACTS); split once, facts_of runs at every save.
_READ = tuple((path, parts[0], tuple(parts[1:]), path in _TEXT_PARTS, added)
              for facts, added in ((FACTS, False), (ADDED_FACTS, True), (PRINTED_FACTS, False))
              for path, parts in ((path, path.split(".")) for path, _label, _kind in facts))
_EMPTY = (None, [], {}, "")


def facts_of(data: dict[str, Any]) -> dict[str, Any]:
    """The legal facts of an incident's data, by path (an added fact only once it is not empty),
    with what the documents print (PRINTED_FACTS)."""
    facts = {}
    top = data if isinstance(data, dict) else {}
    for path, first, rest, strip, added in _READ:
        value = top.get(first)
        for part in rest:
            value = value.get(part) if isinstance(value, dict) else None
        if strip:
            value = _strip_text(path, value)
        if added and value in _EMPTY:
            continue
        facts[path] = value
    return facts


def digest(facts: dict[str, Any]) -> str:
    """The journal entry's ``facts``: "v2:" and the SHA-256 of the canonical JSON of the facts."""
    from .journal import canonical

    return DIGEST_V2 + hashlib.sha256(canonical(facts)).hexdigest()


def legacy_digest(facts: dict[str, Any]) -> str:
    """The version-1 digest (entries written before schema 8): the facts without PRINTED_FACTS."""
    from .journal import canonical

    return hashlib.sha256(canonical({k: v for k, v in facts.items() if k not in _PRINTED})).hexdigest()


def digest_of(data: dict[str, Any]) -> str:
    return digest(facts_of(data))


def digests(facts: dict[str, Any]) -> tuple[str, str]:
    """(current, version-1) digests of the facts: an entry's ``facts`` matches the incident when
    it is one of them (each version's digest differs from the other's by its form)."""
    return digest(facts), legacy_digest(facts)


class Digests:
    """The digests an entry may cover ``facts`` with (see :func:`digests`), the version-1 one
    computed only when an entry does not carry the current one (a save checks its journal's
    last entry against them at every keystroke)."""

    __slots__ = ("facts", "current", "_legacy")

    def __init__(self, facts: dict[str, Any], current: str | None = None):
        self.facts = facts
        self.current = current if current is not None else digest(facts)
        self._legacy: str | None = None

    def __contains__(self, value: object) -> bool:
        if value == self.current:
            return True
        if self._legacy is None:
            self._legacy = legacy_digest(self.facts)
        return value == self._legacy


def digests_of(data: dict[str, Any]) -> tuple[str, str]:
    return digests(facts_of(data))


def covers_printed(entry_facts: str) -> bool:
    """Whether a journal entry's facts digest covers what the documents print (version 2)."""
    return entry_facts.startswith(DIGEST_V2)


#: How a document names an option id of a fact: (fact path, id) -> French label ("" when it
#: does not know it: the id is shown).
OptionLabel = Callable[[str, str], str]


def show(path: str, value: Any, label_of: OptionLabel | None = None) -> str:
    """A fact's value in French, for the journal and the timeline; ``label_of`` names option
    ids (situation, categories, status...) by their labels."""
    if value is None or value == "" or value == [] or value == {}:
        return _("(vide)")
    kind = _KINDS.get(path, "record")
    if label_of is not None and kind in ("text", "list"):
        values = value if isinstance(value, list) else [value]
        if all(isinstance(v, str) for v in values):
            return ", ".join(label_of(path, v) or v for v in values)
    if kind == "instant" and isinstance(value, str):
        try:
            return format_short(parse_instant(value))
        except Exception:  # noqa: BLE001 - a damaged value is shown as stored
            return value
    if kind == "bool":
        return _("oui") if value else _("non")
    if kind == "list" and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if kind == "record":
        return _("modifié")
    if kind == "prose":
        text = str(value)
        return _("« {text} »").format(text=text[:80] + ("…" if len(text) > 80 else ""))
    return str(value)


#: A typed text is journaled in full up to this length, then cut (its digest covers all of it).
PROSE_IN_JOURNAL = 2_000


def _prose(value: Any) -> Any:
    # Journaled (hashed): French whatever the catalogue, never through i18n.
    if isinstance(value, str) and len(value) > PROSE_IN_JOURNAL:
        return value[:PROSE_IN_JOURNAL] + f"… ({len(value)} caractères)"
    return value


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """The facts that differ between two fact sets: path, label, old and new values (as stored),
    for the journal entry that records them."""
    result = []
    before_of, after_of = old.get, new.get
    # Most facts are the same: those that differ are picked in one comprehension (half the time
    # of a loop that skips the others; a save compares them at every keystroke).
    for path, label, kind in [fact for fact in _ALL_FACTS if before_of(fact[0]) != after_of(fact[0])]:
        before, after = before_of(path), after_of(path)
        if kind == "prose":
            before, after = _prose(before), _prose(after)
        change: dict[str, Any] = {"fact": path, "label": label, "old": before, "new": after}
        if kind == "record" and _by_id(before) is not None and _by_id(after) is not None:
            before, after = _by_id(before), _by_id(after)  # a list of records: only those changed
        if kind == "record" and isinstance(before, dict) and isinstance(after, dict):
            keys = sorted(set(before) | set(after))
            change["old"] = _cut({k: before.get(k) for k in keys if before.get(k) != after.get(k)})
            change["new"] = _cut({k: after.get(k) for k in keys if before.get(k) != after.get(k)})
        result.append(change)
    return result


def _cut(value: Any) -> Any:
    """Long texts inside a structured fact, cut as typed prose is (the digest covers all)."""
    if isinstance(value, dict):
        return {k: _cut(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_cut(v) for v in value]
    return _prose(value)


def _by_id(value: Any) -> dict[str, Any] | None:
    """A list of records that each carry an "id" (the follow-up actions), keyed by it; None for
    anything else. An absent list counts as empty."""
    if value is None:
        return {}
    if not isinstance(value, list) or not all(isinstance(v, dict) and "id" in v for v in value):
        return None
    return {str(v["id"]): v for v in value}


def describe_changes(details: dict[str, Any], label_of: OptionLabel | None = None) -> str:
    """'Prise de connaissance : 23/10/2026 10:00 → 22/10/2026 21:30 ; ...' for the timeline."""
    parts = []
    for change in details.get("changes", []) or []:
        if not isinstance(change, dict):
            continue
        path = change.get("fact", "")
        label = change.get("label") or FACT_LABELS.get(path, path)
        label = _(label) if isinstance(label, str) and label else label
        if _KINDS.get(path) == "record":
            parts.append(_("{fact} : modifié").format(fact=label))
        else:
            parts.append(_("{fact} : {old} → {new}").format(
                fact=label, old=show(path, change.get("old"), label_of),
                new=show(path, change.get("new"), label_of)))
    return " ; ".join(parts)


def happened_at(details: dict[str, Any]) -> datetime | None:
    """The moment a journaled fact says something happened (a date typed for the past), as
    opposed to when it was recorded (the entry's own time)."""
    for change in details.get("changes", []) or []:
        if isinstance(change, dict) and _KINDS.get(change.get("fact", "")) == "instant":
            value = change.get("new")
            if isinstance(value, str):
                try:
                    return parse_instant(value)
                except Exception:  # noqa: BLE001
                    return None
    return None
