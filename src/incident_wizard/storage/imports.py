"""Importing an incident file: new, or an update by chain extension; another pharmacy's incident
under a local reference."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..domain import journal as jr
from ..domain.clock import now_utc
from ..domain.model import Incident, pharmacy_identity
from ..domain.serialize import clean_str, to_data
from ..domain.values import Value
from ..i18n import _
from .attachments import AttachmentRepository
from .database import Database
from .import_log import ImportLog
from .incidents import IncidentRepository
from .journal import JournalRepository
from .problems import StorageError
from .rows import clock_short
from .schema import (
    SCHEMA_VERSION,
    SYSTEM_ACTOR,
)


class ImportRepository:
    """Incident files coming in: each import is all or nothing, written to the import log
    (:class:`ImportLog`), never to the incident's journal, which stays the sender's."""

    def __init__(self, database: Database, incidents: IncidentRepository,
                 journal: JournalRepository, attachments: AttachmentRepository,
                 import_log: ImportLog):
        self._db = database
        self._incidents = incidents
        self._journal = journal
        self._attachments = attachments
        self._log = import_log

    def local_reference(self, incident: Incident) -> str:
        """Where an incoming incident goes in this data folder: its own reference, unless an
        incident of another pharmacy (another SIRET, or name) already holds it; then
        "REFERENCE@PHARMACY". The same pharmacy's incident finds its earlier import (update)."""
        base = jr.chain_reference(incident.reference)
        identity = incident.organisation.identity()
        candidates = (base, f"{base}{jr.LOCAL_SEPARATOR}{incident.organisation.code()}")
        for key in candidates:
            row = self._db.execute(
                "SELECT json_extract(data, '$.organisation.siret'), json_extract(data, "
                "'$.organisation.name') FROM incidents WHERE reference = ? AND json_valid(data)",
                (key,)).fetchone()
            if row is None and not self._incidents.exists(key):
                return key
            stored = pharmacy_identity(row[0] or "", row[1] or "") if row else ""
            if stored == identity:  # the same pharmacy (or both unnamed): its own incident
                return key
        return candidates[-1]

    def _refuse_moved_identity(self, local: str, update: bool) -> None:
        """An update (``update``) whose file names the pharmacy differently from the incident it
        updates (its SIRET or name deleted or changed) would land beside it, as a new incident
        "REFERENCE@…", its history accepted unchecked: refused. A file of another pharmacy with
        the same reference is imported beside without --update."""
        base = jr.chain_reference(local)
        if update and local != base and not self._incidents.exists(local) and self._incidents.exists(base):
            raise StorageError(_(
                "Ce fichier désigne une autre pharmacie (SIRET ou nom différent, ou effacé) que "
                "l'incident {reference} enregistré ici : ce n'est pas une mise à jour de cet "
                "incident, et son historique ne peut pas être comparé au sien. Rien n'a été "
                "importé. Demandez à l'expéditeur un nouvel export de l'incident tel qu'il est "
                "enregistré chez lui ; s'il s'agit bien de l'incident d'une autre pharmacie, "
                "importez-le sans --update.").format(reference=base))

    def import_incident(self, incident: Incident, entries: list[jr.JournalEntry],
                        at: datetime | None = None, actor: str | None = None,
                        source: str = "", contents: dict[str, bytes] | None = None,
                        update: bool = False) -> ImportResult:
        """Insert an incident, its (already verified) journal and its attachments' contents
        (by SHA-256), all or nothing. With ``update``, an incident whose reference exists is
        replaced when the file's journal extends the stored one (the same entries, the same
        hashes, then more): see :func:`extension_problem`. Every import is written to the import
        log (``imports``), not to the incident's journal, which stays the sender's."""
        at = at or now_utc()
        with self._db.transaction():
            local = self.local_reference(incident)
            if local != incident.reference:
                # Another pharmacy's incident with a reference already used here (a DPO's
                # folder): kept under "REFERENCE@PHARMACY"; its journal keeps its own reference.
                incident = dataclasses.replace(incident, reference=local)
            self._refuse_moved_identity(incident.reference, update)
            exists = self._incidents.exists(incident.reference)
            if exists and not update:
                raise StorageError(_(
                    "Un incident portant la référence {reference} existe déjà : "
                    "rien n'a été importé. S'il s'agit d'une version plus récente du même "
                    "incident, importez-la en mise à jour (import-incident --update).").format(
                        reference=incident.reference))
            before = 0
            if exists:
                # The whole stored chain is read to compare it with the file's anyway: verified
                # in full, not only its head.
                self._journal.check_intact(incident.reference)
                stored = self._journal.entries(incident.reference)
                problem = extension_problem(stored, entries)
                if problem:
                    raise StorageError(_("{problem} Rien n'a été importé.").format(problem=problem))
                before = len(stored)
                # Fields saved without a journal entry (title, descriptions...) may have been
                # edited here since the last import: an update would silently overwrite them.
                last = self._log.last_data_digest(incident.reference)
                row = self._db.execute("SELECT data FROM incidents WHERE reference = ?",
                                       (incident.reference,)).fetchone()
                if last is None or (last and last != _data_digest(json.loads(row[0]))):
                    raise StorageError(_(
                        "L'incident {reference} a été modifié ici depuis son dernier "
                        "import (ou n'a jamais été importé) : la mise à jour écraserait ces "
                        "modifications. Rien n'a été importé. Voyez avec l'expéditeur quelle "
                        "version fait foi ; exportez la vôtre avant de la remplacer.").format(
                            reference=incident.reference))
                if before == len(entries):
                    return ImportResult(incident.reference, "unchanged", before, before)
                self._incidents.overwrite(incident, at)
                new_entries = entries[before:]
            else:
                self._incidents.insert(incident, at)
                new_entries = entries
            for entry in new_entries:
                self._journal.insert_entry(incident.reference, entry)
            for attachment in incident.attachments:
                content = (contents or {}).get(attachment.sha256)
                if content is None:
                    raise StorageError(_("Le contenu de la pièce jointe « {name} » manque : "
                                         "rien n'a été importé.").format(name=attachment.name))
                self._attachments.keep(incident.reference, attachment.sha256, content)
            if new_entries and not new_entries[-1].facts:
                # A file of format 1 or 2: its entries carry no digest of the incident's facts.
                # One entry anchors them, as the migration to schema 4 does (from then on, an
                # edit of the facts outside the app is detected); such an incident cannot be
                # extended by a later file (the anchor is ours, not the sender's).
                self._journal.append(incident.reference, at, SYSTEM_ACTOR, "record_anchored",
                                     {"schema": SCHEMA_VERSION, "source": clean_str(source)[:300]})
            if not self._journal.verify(incident.reference).ok:  # belt and braces: never keep a bad chain
                raise StorageError(_("Le journal importé ne se vérifie pas une fois enregistré : rien "
                                     "n'a été importé."))
            kind = "update" if exists else "new"
            self._log.log_import(incident.reference, at, actor, source, kind, before, len(entries),
                                 entries[-1].hash, _data_digest(to_data(incident)))
            register = getattr(self._journal, "register", None)
            if register is not None:
                register.append("incident_imported" if kind == "new" else "incident_updated",
                                incident.reference, {"source": clean_str(source)[:300]}, at, actor)
        return ImportResult(incident.reference, kind, before, len(entries))

    def imports(self, reference: str) -> list[dict[str, Any]]:
        """The import log of an incident, oldest first."""
        return self._log.entries(reference)


@dataclass(eq=False, repr=False)
class ImportResult(Value):
    """What an import did: the reference used, new/update/unchanged, entries before and after."""
    reference: str
    #: "new", "update" or "unchanged" (the file brings nothing the database does not have).
    kind: str
    entries_before: int
    entries_after: int


def _data_digest(data: dict[str, Any]) -> str:
    """The digest of an incident's stored data, but where the user last looked (current_step)."""
    import hashlib

    kept = {key: value for key, value in data.items() if key != "current_step"}
    return hashlib.sha256(json.dumps(kept, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def extension_problem(stored: list[jr.JournalEntry], incoming: list[jr.JournalEntry]) -> str:
    """Why ``incoming`` (a file's journal) does not extend ``stored`` (the database's), in French,
    naming the first entry that differs; "" when it does (the same entries with the same hashes,
    then possibly more)."""

    for index, (mine, theirs) in enumerate(zip(stored, incoming, strict=False)):
        if mine.hash != theirs.hash:
            return _("L'entrée n° {number} du journal diffère : dans la base « {action} », {at}, "
                     "par {actor} ; dans le fichier « {their_action} », {their_at}, par "
                     "{their_actor}. L'incident a été modifié à deux endroits à la fois : gardez "
                     "les deux versions et voyez avec la pharmacie laquelle fait foi.").format(
                         number=index + 1, action=mine.label, at=clock_short(mine.at),
                         actor=mine.actor, their_action=theirs.label,
                         their_at=clock_short(theirs.at), their_actor=theirs.actor)
    if len(incoming) < len(stored):
        following = stored[len(incoming)]
        return _("Le fichier s'arrête à l'entrée n° {count} alors que la base en a {stored} (la "
                 "suivante : « {action} », {at}, par {actor}) : c'est une version plus ancienne "
                 "de l'incident.").format(count=len(incoming), stored=len(stored),
                                          action=following.label, at=clock_short(following.at),
                                          actor=following.actor)
    return ""
