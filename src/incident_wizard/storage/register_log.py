"""The register-level log of exports that cover many incidents (the register, the inspection
folder): one append-only entry per export, not one journal entry per incident."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from ..domain.serialize import clean_str, format_instant
from .database import Database
from .rows import default_actor


def heads_digest(heads: list[tuple[str, str, int]]) -> str:
    """SHA-256 of the (reference, journal head, count) of every incident an export covers, in
    reference order: it pins each incident's chain as the export printed it."""
    text = "\n".join(f"{reference}\t{head}\t{count}" for reference, head, count in sorted(heads))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class RegisterExportLog:
    """The append-only ``register_exports`` table (schema 6)."""

    def __init__(self, database: Database):
        self._db = database
        #: The register's chain (storage.register_chain.RegisterChain), set by Storage.
        self.register: Any = None

    def append(self, at: datetime, actor: str | None, kind: str, period: str, pharmacy: str,
               files: list[dict[str, str]], heads: list[tuple[str, str, int]]) -> None:
        """Log one export (kind "register" or "inspection") in its own transaction: when, who, the
        period and pharmacy, the files and their SHA-256, how many incidents, their heads' digest."""
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO register_exports(at, actor, kind, period, pharmacy, files, incidents, "
                "heads) VALUES (?,?,?,?,?,?,?,?)",
                (format_instant(at), clean_str(actor or default_actor()), kind, clean_str(period),
                 clean_str(pharmacy), json.dumps(files, ensure_ascii=False, sort_keys=True),
                 len(heads), heads_digest(heads)))
            if self.register is not None:
                self.register.append(f"{kind}_exported", "", {
                    "period": clean_str(period), "incidents": len(heads),
                    "heads": heads_digest(heads),
                    "files": sorted(f.get("sha256", "") for f in files)}, at, actor)

    def entries(self) -> list[dict[str, Any]]:
        """Every register-level export, oldest first."""
        rows = self._db.execute(
            "SELECT at, actor, kind, period, pharmacy, files, incidents, heads FROM register_exports "
            "ORDER BY id").fetchall()
        keys = ("at", "actor", "kind", "period", "pharmacy", "files", "incidents", "heads")
        return [{**dict(zip(keys, row, strict=True)), "files": json.loads(row[5])} for row in rows]
