"""The register's own chain (schema 8): one hashed event per creation, import, export and
deletion of an incident, each carrying the incident's journal head and count at that moment, each
hashed with the one before it.

What it adds to each incident's chain: an incident deleted whole, or added outside the app, no
longer matches the register's events; a journal cut back (its trailing entries removed and its
head reset) no longer holds the head an event recorded. Like every chain without a key, it can be
recomputed by someone who rewrites the database: such a rewrite is caught only against a head
printed earlier (the register's head is printed on every document, the register, the inspection
folder and the yearly review; ``verify-journal --head`` accepts it).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..i18n import N_, _
from .journal import GENESIS, canonical
from .serialize import format_instant
from .values import FrozenValue

#: Events, with the French label shown (action names are stored ids, never translated).
EVENT_LABELS = {
    "incident_registered": N_("Incident inscrit au registre (mise à jour de l'application)"),
    "incident_created": N_("Incident créé"),
    "incident_imported": N_("Incident importé"),
    "incident_updated": N_("Incident mis à jour depuis un fichier"),
    "incident_deleted": N_("Incident supprimé"),
    "document_exported": N_("Document exporté"),
    "incident_exported": N_("Incident exporté"),
    "register_exported": N_("Registre exporté"),
    "inspection_exported": N_("Dossier de contrôle exporté"),
}
#: The events that bring an incident into the register, and the one that takes it out.
ENTERING = ("incident_registered", "incident_created", "incident_imported")
LEAVING = "incident_deleted"


@dataclass(frozen=True, eq=False, repr=False)
class RegisterEvent(FrozenValue):
    """One event of the register's chain: what happened, to which incident, its journal's head."""

    seq: int
    at: datetime
    actor: str
    action: str
    #: The incident's reference in this data folder ("" for an export of the whole register).
    reference: str
    #: The incident's journal count and head at that moment (0 and "" when none).
    count: int
    head: str
    details: dict[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS
    hash: str = ""


def event_hash(seq: int, at: datetime, actor: str, action: str, reference: str, count: int,
               head: str, details: dict[str, Any], prev_hash: str) -> str:
    payload = {"seq": seq, "at": format_instant(at), "actor": actor, "action": action,
               "ref": reference, "count": count, "head": head, "details": details,
               "prev": prev_hash}
    return hashlib.sha256(canonical(payload)).hexdigest()


def make_event(previous: tuple[int, str] | None, at: datetime, actor: str, action: str,
               reference: str, count: int, head: str,
               details: dict[str, Any] | None = None) -> RegisterEvent:
    """The event after ``previous`` ((seq, hash) of the last one; None for the first)."""
    details = json.loads(canonical(details or {}))
    seq = previous[0] + 1 if previous else 1
    prev_hash = previous[1] if previous else GENESIS
    return RegisterEvent(seq, at, actor, action, reference, count, head, details, prev_hash,
                         event_hash(seq, at, actor, action, reference, count, head, details,
                                    prev_hash))


def chain_problem(event: RegisterEvent, previous: tuple[int, str] | None) -> str:
    """Why ``event`` does not follow ``previous`` or was altered, in French ("" when it is fine)."""
    seq = previous[0] + 1 if previous else 1
    if event.seq != seq:
        return _("Registre : l'événement n° {seq} est manquant (trouvé n° {found} à sa place).").format(
            seq=seq, found=event.seq)
    if event.prev_hash != (previous[1] if previous else GENESIS):
        return _("Registre : l'événement n° {seq} ne suit pas le précédent (événement supprimé, "
                 "inséré ou modifié).").format(seq=seq)
    if event_hash(event.seq, event.at, event.actor, event.action, event.reference, event.count,
                  event.head, event.details, event.prev_hash) != event.hash:
        return _("Registre : l'événement n° {seq} a été modifié.").format(seq=seq)
    return ""


@dataclass(frozen=True, eq=False, repr=False)
class RegisterCheck(FrozenValue):
    """The register's chain verified: intact or not, its events, its head, what is wrong."""

    ok: bool
    count: int
    head: str
    message: str
