"""The chained, verifiable journal of actions: each entry carries the hash of the one before it.

An entry's hash covers the incident reference, its sequence number, time, actor, action, details,
the digest of the incident's legal facts after it (``facts``, see ``record``) and the previous
hash, so altering, removing, reordering or moving an entry between incidents breaks the chain at
that entry, and an edit of the stored incident's facts no longer matches the last entry. Storage
also keeps the number of entries and the last hash next to the incident, so that cutting entries
off the end is detected as well. A chain without a key can be recomputed by whoever writes the
database: the evidence comes from its head printed on every exported document (``verify-journal
REF --head HASH``). Entries written before facts were covered have an empty ``facts`` and are
hashed as they were (incident files of versions 1 and 2 verify under their own rules).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..i18n import N_, _, ngettext
from .serialize import format_instant, parse_instant
from .values import FrozenValue

GENESIS = "0" * 64

# Actions, with the French label the timeline shows (source text: translated where shown; the
# action names are stored ids, never translated).
ACTION_LABELS = {
    "incident_created": N_("Incident créé"),
    "incident_imported": N_("Incident importé"),
    "step_done": N_("Étape terminée"),
    "scenario_chosen": N_("Scénario choisi"),
    "checklist_ticked": N_("Action de confinement cochée"),
    "checklist_unticked": N_("Action de confinement décochée"),
    "risk_assessed": N_("Risque évalué"),
    "organisation_filled": N_("Coordonnées de la pharmacie reprises du profil"),
    "decision_made": N_("Décision prise"),
    "decision_overridden": N_("Décision différente de la recommandation"),
    "notification_recorded": N_("Notification CNIL enregistrée"),
    "persons_informed": N_("Information des personnes enregistrée"),
    "body_contacted": N_("Démarche effectuée"),
    "document_exported": N_("Document exporté"),
    "attachment_added": N_("Pièce jointe ajoutée"),
    "incident_exported": N_("Incident exporté"),
    "incident_closed": N_("Incident clôturé"),
    "incident_reopened": N_("Incident rouvert"),
    "facts_changed": N_("Fait modifié"),
    "risk_answered": N_("Réponse de risque modifiée"),
    "record_anchored": N_("Journal rattaché aux faits de l'incident"),
    "incident_updated": N_("Incident mis à jour"),
    "late_reasons_given": N_("Raisons du retard de notification indiquées"),
    "action_added": N_("Action de suivi ajoutée"),
    "action_updated": N_("Action de suivi modifiée"),
    "action_done": N_("Action de suivi faite"),
    "action_reopened": N_("Action de suivi rouverte"),
    "action_removed": N_("Action de suivi supprimée"),
    "proposal_dismissed": N_("Proposition de prévention écartée"),
    "proposal_reconsidered": N_("Proposition de prévention reconsidérée"),
    "reminder_acknowledged": N_("Rappel d'échéance pris en compte"),
}


@dataclass(frozen=True, eq=False, repr=False)
class JournalEntry(FrozenValue):
    """One entry of an incident's chained journal."""
    seq: int
    at: datetime
    actor: str
    action: str
    details: dict[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS
    hash: str = ""
    #: Digest of the incident's legal facts after this entry ("" for entries written before).
    facts: str = ""

    @property
    def label(self) -> str:
        label = ACTION_LABELS.get(self.action)
        return _(label) if label else self.action

    def to_data(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": format_instant(self.at),
            "actor": self.actor,
            "action": self.action,
            "details": self.details,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
            "facts": self.facts,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any], where: str = "journal") -> JournalEntry:
        from .errors import ValidationError

        if not isinstance(data, dict):
            raise ValidationError(_("{where} : un objet est attendu.").format(where=where))
        expected = {"seq", "at", "actor", "action", "details", "prev_hash", "hash"}
        if "facts" in data:  # incident files of version 3 and later
            expected = expected | {"facts"}
        if set(data) != expected:
            missing = sorted(expected - set(data))
            extra = sorted(set(data) - expected)
            if missing:
                raise ValidationError(_("{where} : clé absente « {key} ».").format(where=where, key=missing[0]))
            raise ValidationError(_("{where} : clé inconnue « {key} ».").format(where=where, key=extra[0]))
        if isinstance(data["seq"], bool) or not isinstance(data["seq"], int):
            raise ValidationError(_("{where}.seq : nombre entier attendu.").format(where=where))
        for key in ("actor", "action", "prev_hash", "hash", *(("facts",) if "facts" in data else ())):
            if not isinstance(data[key], str):
                raise ValidationError(_("{where}.{key} : texte attendu.").format(where=where, key=key))
        if not isinstance(data["details"], dict):
            raise ValidationError(_("{where}.details : objet attendu.").format(where=where))
        return cls(
            seq=data["seq"],
            at=parse_instant(data["at"], f"{where}.at"),
            actor=data["actor"],
            action=data["action"],
            details=data["details"],
            prev_hash=data["prev_hash"],
            hash=data["hash"],
            facts=data.get("facts", ""),
        )


#: json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")), the encoder built
#: once (json.dumps builds one at each call; a save hashes three texts). What is hashed is
#: JSON-ready data, in which a reference cannot loop: no check for one.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                              check_circular=False).encode


_READ_JSON = json.JSONDecoder().raw_decode


def canonical(obj: Any) -> bytes:
    """The canonical JSON of ``obj`` (sorted keys, no spaces, UTF-8) that hashes and digests cover."""
    return _CANONICAL(obj).encode("utf-8", errors="replace")


#: An incident imported from another pharmacy whose reference is already used in this data
#: folder is stored as "REFERENCE@PHARMACY" (see storage.Storage.import_incident); its journal
#: keeps the pharmacy's own reference, which its hashes cover.
LOCAL_SEPARATOR = "@"


def chain_reference(reference: str) -> str:
    """The reference a journal's hashes cover: the pharmacy's own, without a local suffix."""
    return reference.split(LOCAL_SEPARATOR, 1)[0]


def entry_hash(reference: str, seq: int, at: datetime, actor: str, action: str,
               details: dict[str, Any], prev_hash: str, facts: str = "") -> str:
    payload = {
        "ref": chain_reference(reference),
        "seq": seq,
        "at": format_instant(at),
        "actor": actor,
        "action": action,
        "details": details,
        "prev": prev_hash,
    }
    if facts:  # entries from before facts were covered keep their original hash
        payload["facts"] = facts
    return hashlib.sha256(canonical(payload)).hexdigest()


def make_entry(reference: str, previous: JournalEntry | None, at: datetime, actor: str,
               action: str, details: dict[str, Any] | None = None, facts: str = "") -> JournalEntry:
    """The entry that follows ``previous`` (None for the first one)."""
    # A JSON-clean copy, as it will be stored (the canonical text read back: no whitespace to skip).
    details = _READ_JSON(canonical(details or {}).decode())[0]
    seq = previous.seq + 1 if previous else 1
    prev_hash = previous.hash if previous else GENESIS
    return JournalEntry(seq, at, actor, action, details, prev_hash,
                        entry_hash(reference, seq, at, actor, action, details, prev_hash, facts),
                        facts)


@dataclass(frozen=True, eq=False, repr=False)
class Verification(FrozenValue):
    """The result of checking a journal: intact or not, and the first bad entry."""
    ok: bool
    count: int
    first_bad_seq: int | None = None
    message: str = ""


def verify(reference: str, entries: list[JournalEntry], expected_count: int | None = None,
           expected_head: str | None = None,
           stored_facts: str | tuple[str, ...] | None = None,
           facts_from: int | None = None) -> Verification:
    """Check the chain; on failure, name the first entry that is altered or missing.

    ``stored_facts``: the digest of the incident's legal facts as stored (or its digests in each
    version, record.digests); it must match the last entry that carries one (an edit of the
    incident outside the app is caught there).
    ``facts_from``: the first entry that covers the facts (0: none yet); it and every later entry
    must carry them, and the journal cannot end before it. An empty journal is never intact: an
    incident always has at least the entry that created or imported it."""
    if not entries:
        return Verification(False, 0, 1, _("Journal de {reference} : aucune entrée (journal vidé).").format(
            reference=reference))
    if facts_from and facts_from > len(entries):
        return Verification(False, len(entries), len(entries) + 1,
                            _("Journal de {reference} : les entrées à partir du n° {seq}, qui "
                              "couvrent les faits de l'incident, sont manquantes.").format(
                                reference=reference, seq=facts_from))
    prev_hash = GENESIS
    last_facts: JournalEntry | None = None
    for index, entry in enumerate(entries):
        seq = index + 1
        if entry.seq != seq:
            return Verification(False, len(entries), seq,
                                _("Journal de {reference} : l'entrée n° {seq} est manquante "
                                  "(trouvé n° {found} à sa place).").format(
                                    reference=reference, seq=seq, found=entry.seq))
        if entry.prev_hash != prev_hash:
            return Verification(False, len(entries), seq,
                                _("Journal de {reference} : l'entrée n° {seq} ne suit pas l'entrée "
                                  "précédente (entrée supprimée, insérée ou modifiée).").format(
                                    reference=reference, seq=seq))
        computed = entry_hash(reference, entry.seq, entry.at, entry.actor, entry.action,
                              entry.details, entry.prev_hash, entry.facts)
        if computed != entry.hash:
            return Verification(False, len(entries), seq,
                                _("Journal de {reference} : l'entrée n° {seq} a été modifiée.").format(
                                    reference=reference, seq=seq))
        if entry.facts:
            last_facts = entry
        elif last_facts is not None or (facts_from and seq >= facts_from):
            return Verification(False, len(entries), seq,
                                _("Journal de {reference} : l'entrée n° {seq} ne couvre pas les faits "
                                  "de l'incident alors que les précédentes les couvrent (entrée insérée).").format(
                                    reference=reference, seq=seq))
        prev_hash = entry.hash
    if expected_count is not None and len(entries) < expected_count:
        seq = len(entries) + 1
        return Verification(False, len(entries), seq,
                            _("Journal de {reference} : l'entrée n° {seq} est manquante "
                              "({expected} entrées attendues, {found} trouvées).").format(
                                reference=reference, seq=seq, expected=expected_count, found=len(entries)))
    if expected_head is not None and entries and prev_hash != expected_head:
        seq = len(entries)
        return Verification(False, len(entries), seq,
                            _("Journal de {reference} : la dernière entrée (n° {seq}) ne correspond "
                              "pas à celle enregistrée avec l'incident.").format(reference=reference, seq=seq))
    if stored_facts is not None and last_facts is not None and last_facts.facts not in (
            (stored_facts,) if isinstance(stored_facts, str) else stored_facts):
        return Verification(False, len(entries), last_facts.seq,
                            _("Journal de {reference} : les faits enregistrés de l'incident (dates, "
                              "décision, notifications, information…) ne correspondent plus au journal "
                              "(dernière entrée qui les couvre : n° {seq}) ; l'incident a été "
                              "modifié en dehors de l'application.").format(reference=reference, seq=last_facts.seq))
    return Verification(True, len(entries), None,
                        ngettext("Journal de {reference} intact : {count} entrée(s) vérifiée(s).",
                                 "Journal de {reference} intact : {count} entrée(s) vérifiée(s).",
                                 len(entries)).format(reference=reference, count=len(entries)))


def contains_head(entries: list[JournalEntry], head: str) -> JournalEntry | None:
    """The entry whose hash is ``head`` (a printed anchor; 16 hexadecimal characters at least),
    or None."""
    head = head.strip().lower()
    if len(head) < 16:
        return None
    return next((e for e in entries if e.hash.startswith(head)), None)
