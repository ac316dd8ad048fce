"""The settings (one JSON value per key) and the organisation profile kept among them."""

from __future__ import annotations

import json
from typing import Any

from ..domain.model import Organisation
from ..domain.serialize import from_data, to_data
from .database import Database


class SettingsRepository:
    """The ``settings`` table: the operator's name, reminders fired, the pharmacy's profile..."""

    def __init__(self, database: Database):
        self._db = database

    def get(self, key: str, default: Any = None) -> Any:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set(self, key: str, value: Any) -> None:
        with self._db.transaction() as conn:
            conn.execute("INSERT INTO settings(key, value) VALUES(?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                         (key, json.dumps(to_data(value), ensure_ascii=False)))

    def delete(self, key: str) -> None:
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM settings WHERE key = ?", (key,))

    def load_profile(self) -> Organisation | None:
        data = self.get("organisation")
        return from_data(Organisation, data, "organisation") if data is not None else None

    def save_profile(self, organisation: Organisation) -> None:
        self.set("organisation", to_data(organisation))
