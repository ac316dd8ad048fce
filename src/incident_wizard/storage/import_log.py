"""The import log: incident files imported, and exports of imported copies (kept out of the chain)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ..domain.serialize import clean_str, format_instant
from .database import Database
from .rows import default_actor


class ImportLog:
    """The append-only ``imports`` table. It is kept out of the incident's chained journal, so
    that the stored journal stays the sender's, entry for entry, and a later file from the same
    sender can extend it."""

    def __init__(self, database: Database):
        self._db = database

    def has(self, reference: str) -> bool:
        """Whether the incident came from a file (a DPO's copy of a pharmacy's incident)."""
        return self._db.execute("SELECT 1 FROM imports WHERE reference = ? LIMIT 1",
                                (reference,)).fetchone() is not None

    def log_import(self, reference: str, at: datetime, actor: str | None, source: str, kind: str,
                   before: int, after: int, head: str, data_digest: str) -> None:
        """An import (kind "new" or "update"), inside the caller's transaction."""
        self._db.execute(
            "INSERT INTO imports(reference, at, actor, source, kind, entries_before, "
            "entries_after, head, data_digest) VALUES (?,?,?,?,?,?,?,?,?)",
            (reference, format_instant(at), clean_str(actor or default_actor()),
             clean_str(source)[:300], kind, before, after, head, data_digest))

    def log_copy(self, reference: str, at: datetime, actor: str | None, action: str,
                 details: dict[str, Any], head: str, count: int) -> None:
        """An export of an imported incident (kind = the action), inside the caller's transaction:
        when, who, what (the files and their SHA-256), the journal's count and head then."""
        self._db.execute(
            "INSERT INTO imports(reference, at, actor, source, kind, entries_before, "
            "entries_after, head, data_digest) VALUES (?,?,?,?,?,?,?,?,'')",
            (reference, format_instant(at), clean_str(actor or default_actor()),
             json.dumps(details, ensure_ascii=False, sort_keys=True)[:4000], action, count, count,
             head))

    def last_data_digest(self, reference: str) -> str | None:
        """The digest of the incident as its last import ("new" or "update") stored it; None
        when it was never imported ("" for an import logged before digests were kept)."""
        row = self._db.execute(
            "SELECT data_digest FROM imports WHERE reference = ? AND kind IN ('new', 'update') "
            "ORDER BY id DESC LIMIT 1", (reference,)).fetchone()
        return row[0] if row else None

    def entries(self, reference: str) -> list[dict[str, Any]]:
        """The import log of an incident, oldest first."""
        rows = self._db.execute(
            "SELECT at, actor, source, kind, entries_before, entries_after, head FROM imports "
            "WHERE reference = ? ORDER BY id", (reference,)).fetchall()
        keys = ("at", "actor", "source", "kind", "entries_before", "entries_after", "head")
        return [dict(zip(keys, row, strict=True)) for row in rows]
