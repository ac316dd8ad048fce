"""The settings (one JSON value per key) and the organisation profile kept among them."""

from __future__ import annotations

import json
from typing import Any

from ..domain.model import Organisation
from ..domain.serialize import from_data, to_data
from ..domain.settings import ORGANISATION, Setting, declared
from .database import Database

#: ``default`` left out: the setting's declared default.
DECLARED_DEFAULT: Any = object()


class SettingsRepository:
    """The ``settings`` table: one row per setting declared in domain/settings.py (the operator's
    name, the pharmacy's profile, the reviews made...)."""

    def __init__(self, database: Database):
        self._db = database

    def get(self, key: str | Setting, default: Any = DECLARED_DEFAULT) -> Any:
        """The value of a declared setting (or its name); its declared default (or ``default``)
        when it is absent, not JSON or of another type than declared."""
        setting = declared(key)
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", (setting.name,)).fetchone()
        try:
            stored = json.loads(row[0]) if row else None
        except (TypeError, ValueError):
            stored = None
        if stored is not None and setting.accepts(stored):
            return stored
        return setting.read(None) if default is DECLARED_DEFAULT else default

    def set(self, key: str | Setting, value: Any) -> None:
        setting = declared(key)
        data = to_data(value)
        if not setting.accepts(data):
            raise TypeError(f"setting {setting.name!r}: {setting.type.__name__} expected, "
                            f"not {type(data).__name__}")
        with self._db.transaction() as conn:
            conn.execute("INSERT INTO settings(key, value) VALUES(?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                         (setting.name, json.dumps(data, ensure_ascii=False)))

    def delete(self, key: str | Setting) -> None:
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM settings WHERE key = ?", (declared(key).name,))

    def load_profile(self) -> Organisation | None:
        data = self.get(ORGANISATION)
        return from_data(Organisation, data, ORGANISATION.name) if data is not None else None

    def save_profile(self, organisation: Organisation) -> None:
        self.set(ORGANISATION, to_data(organisation))
