"""Every setting the app keeps, declared once: its name (the key of the ``settings`` table), its
type, its default and what it is for (issue 26, item 4; as napari's and Picard's settings
modules do). Storage reads and writes a setting through its declaration: a value of the wrong
type (a database edited by hand, an older version's value) reads as the default, never as a
crash; writing a value of the wrong type, or a name declared nowhere, is a programming error.

The settings live in the data folder's database (they travel with the register and its
backups), not in a per-computer configuration: the pharmacy's profile and the reviews made are
part of the register's record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .values import FrozenValue


@dataclass(frozen=True, eq=False, repr=False)
class Setting(FrozenValue):
    """One setting: ``name`` (stable: it is stored), the JSON ``type`` of its value (``dict``,
    ``list``, ``str``, ``bool``), its ``default`` and its ``description``. ``nullable``: None is
    a value (e.g. no incident open)."""
    name: str
    type: type
    default: Any
    description: str
    nullable: bool = False

    def accepts(self, value: Any) -> bool:
        if value is None:
            return self.nullable
        if self.type is int:
            return isinstance(value, int) and not isinstance(value, bool)
        return isinstance(value, self.type)

    def read(self, stored: Any) -> Any:
        """The value for what is stored (the default when it is absent or of another type)."""
        return stored if stored is not None and self.accepts(stored) else _copy(self.default)


def _copy(value: Any) -> Any:
    return type(value)(value) if isinstance(value, list | dict) else value


ORGANISATION = Setting(
    "organisation", dict, None, nullable=True,
    description="The pharmacy's profile (domain.model.Organisation as data): name, SIRET, "
                "address, contact for the CNIL, DPO; copied into every new incident.")
OPERATOR = Setting(
    "operator", str, "",
    description="The name typed in the toolbar's \"Personne qui saisit\": who acts, in the journal "
                "(with the computer account).")
LAST_OPEN = Setting(
    "last_open_incident", str, None, nullable=True,
    description="The reference of the incident open when the app was closed, reopened at the "
                "next start; None when the home page was shown.")
REVIEWS = Setting(
    "reviews", list, [],
    description="The yearly reviews of the register made (the last 50): [{\"at\", \"period\", "
                "\"files\": [{\"file\", \"sha256\"}]}]; the home page proposes the next one "
                "365 days after the last.")
ANCHOR_PENDING = Setting(
    "migration.anchor_pending", bool, False,
    description="Set by the migration to schema 4 (in its transaction): the incidents' journals "
                "still have to get their \"Journal rattaché aux faits\" entry; cleared once done.")
REMINDERS_FIRED = Setting(
    "reminders_fired", dict, None, nullable=True,
    description="Before schema 7: the reminders already shown. Taken over by the due items' "
                "columns and deleted by the migration to schema 7; declared so that an old "
                "database's value is known, never written any more.")
BACKUP_PENDING = Setting(
    "backup.pending", str, None, nullable=True,
    description="While a backup is written: the path of its partial copy (hidden, temporary "
                "name), so that the copy a killed backup left is removed at the next start; "
                "None otherwise.")

REMINDERS_PENDING = Setting(
    "reminders_pending", list, [],
    description="The reminders shown and not yet acknowledged (the reminder area of the main "
                "window keeps them until « Vu »; the last 50): [{\"key\", \"reference\", "
                "\"threshold\", \"message\", \"at\"}]; an acknowledgement is journaled in the "
                "incident's journal.")

#: Every setting, by name.
SETTINGS: dict[str, Setting] = {s.name: s for s in (
    ORGANISATION, OPERATOR, LAST_OPEN, REVIEWS, ANCHOR_PENDING, REMINDERS_FIRED, BACKUP_PENDING,
    REMINDERS_PENDING)}


def declared(key: str | Setting) -> Setting:
    """The declaration of ``key`` (a setting or its name); a name declared nowhere is refused."""
    if isinstance(key, Setting):
        return key
    try:
        return SETTINGS[key]
    except KeyError:
        raise KeyError(f"setting {key!r} is not declared in domain/settings.py") from None
