"""Files kept with an incident: their content in the database by SHA-256, journaled when added."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from ..domain.clock import now_utc
from ..domain.model import Attachment, Incident
from ..domain.serialize import clean_str, format_instant, to_data
from ..i18n import _
from .database import Database
from .journal import JournalRepository
from .problems import StorageError
from .schema import MAX_ATTACHMENT_BYTES


class AttachmentRepository:
    """The ``attachments`` table (the CNIL's summary of a notification, a complaint receipt...);
    the incident's data lists them, its journal records each one added with its hash."""

    def __init__(self, database: Database, journal: JournalRepository):
        self._db = database
        self._journal = journal

    def add(self, incident: Incident, name: str, content: bytes, kind: str,
            at: datetime | None = None, actor: str | None = None) -> Attachment:
        """Keep a file with the incident (content in the database), journaled with its hash."""
        if len(content) > MAX_ATTACHMENT_BYTES:
            raise StorageError(_("Le fichier « {name} » dépasse {size} Mo : il n'a pas été joint.").format(
                name=name, size=MAX_ATTACHMENT_BYTES // (1024 * 1024)))
        at = at or now_utc()
        digest = hashlib.sha256(content).hexdigest()
        attachment = Attachment(name=clean_str(name), sha256=digest, size=len(content), kind=kind,
                                added_at=at)
        with self._db.transaction():
            if any(a.sha256 == digest for a in incident.attachments):
                raise StorageError(_("Ce fichier est déjà joint à l'incident {reference}.").format(
                    reference=incident.reference))
            self._journal.check_extendable(incident.reference)
            self.keep(incident.reference, digest, content, existing_ok=False)
            data = to_data(incident)
            data["attachments"].append(to_data(attachment))
            self._db.execute("UPDATE incidents SET data=?, updated_at=? WHERE reference=?",
                             (json.dumps(data, ensure_ascii=False), format_instant(at),
                              incident.reference))
            self._journal.append(incident.reference, at, actor, "attachment_added",
                                 {"file": attachment.name, "sha256": digest, "kind": kind,
                                  "size": len(content)})
        incident.attachments.append(attachment)  # in memory only once stored
        return attachment

    def keep(self, reference: str, sha256: str, content: bytes, existing_ok: bool = True) -> None:
        """Store a content inside the caller's transaction; with ``existing_ok``, a content
        already stored (an import's update brings those of the earlier version) is kept once."""
        self._db.execute(("INSERT OR IGNORE" if existing_ok else "INSERT") +
                         " INTO attachments(reference, sha256, content) VALUES (?,?,?)",
                         (reference, sha256, content))

    def content(self, reference: str, sha256: str) -> bytes:
        row = self._db.execute("SELECT content FROM attachments WHERE reference=? AND sha256=?",
                               (reference, sha256)).fetchone()
        if row is None:
            raise StorageError(_("Pièce jointe introuvable pour l'incident {reference}.").format(
                reference=reference))
        return bytes(row[0])
