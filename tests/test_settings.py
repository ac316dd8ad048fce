"""Every setting declared once, in domain/settings.py (issue 26, item 4): name, type, default,
description; the modules use the declarations, never a key typed as a string; a stored value of
the wrong type (a database edited by hand) reads as the default instead of breaking the app."""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

import pytest

from incident_wizard.application.review import write_review
from incident_wizard.application.sample import build_sample
from incident_wizard.application.workspace import Workspace
from incident_wizard.domain import settings
from incident_wizard.domain.model import Organisation
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.storage import Storage

ROOT = Path(__file__).resolve().parents[1]
PROCEDURE = load_procedure()
#: The calls that take a setting as their first argument.
SETTING_CALLS = {"get_setting", "set_setting", "setting"}


def test_each_setting_is_declared_with_a_type_a_default_and_a_description():
    assert set(settings.SETTINGS) == {"organisation", "operator", "last_open_incident", "reviews",
                                      "migration.anchor_pending", "reminders_fired", "backup.pending",
                                      "reminders_pending"}
    for name, setting in settings.SETTINGS.items():
        assert setting.name == name
        assert len(setting.description) > 40, name
        assert setting.default is None or setting.accepts(setting.default), name


def test_what_the_app_stores_is_declared(tmp_path):
    with Storage.open(tmp_path / "data") as storage:
        workspace = Workspace(storage, PROCEDURE)
        storage.save_profile(Organisation(name="Pharmacie des Tilleuls"))
        reference = build_sample(storage, PROCEDURE)
        workspace.set_setting(settings.OPERATOR, "Claire M.")
        workspace.set_setting(settings.LAST_OPEN, reference)
        write_review(storage, PROCEDURE, tmp_path / "review", pdf=False)
        keys = {k for (k,) in storage.database.execute("SELECT key FROM settings").fetchall()}
        assert keys == {"organisation", "operator", "last_open_incident", "reviews"}
        assert keys <= set(settings.SETTINGS)
        assert workspace.setting(settings.OPERATOR) == "Claire M."
        assert len(storage.get_setting(settings.REVIEWS)) == 1


def test_defaults_and_values_of_the_wrong_type(tmp_path):
    with Storage.open(tmp_path / "data") as storage:
        assert storage.get_setting(settings.OPERATOR) == ""
        assert storage.get_setting(settings.LAST_OPEN) is None
        assert storage.get_setting(settings.REVIEWS) == []
        storage.get_setting(settings.REVIEWS).append("x")  # the default is never shared
        assert storage.get_setting(settings.REVIEWS) == []
        assert storage.get_setting("operator", "personne") == "personne"  # an explicit default wins
        with pytest.raises(TypeError):
            storage.set_setting(settings.OPERATOR, 42)
        with pytest.raises(KeyError, match="not declared"):
            storage.set_setting("favourite_colour", "bleu")
        with pytest.raises(KeyError, match="not declared"):
            storage.get_setting("favourite_colour")
    # Someone edits the database by hand: wrong types, broken JSON.
    with sqlite3.connect(tmp_path / "data" / "incidents.sqlite3") as conn:
        conn.executemany("INSERT OR REPLACE INTO settings(key, value) VALUES(?, ?)",
                         [("operator", "42"), ("reviews", '{"not": "a list"}'), ("last_open_incident", "{")])
    with Storage.open(tmp_path / "data") as storage:
        assert storage.get_setting(settings.OPERATOR) == ""
        assert storage.get_setting(settings.REVIEWS) == []
        assert storage.get_setting(settings.LAST_OPEN) is None


def test_no_module_names_a_setting_by_a_string():
    found = []
    for path in (ROOT / "src" / "incident_wizard").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                owner = func.value if isinstance(func, ast.Attribute) else None
                is_repo = name in ("get", "set", "delete") and isinstance(owner, ast.Attribute | ast.Name) \
                    and (getattr(owner, "attr", "") == "settings" or getattr(owner, "id", "") == "settings")
                if name in SETTING_CALLS or is_repo:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, "use the declarations of domain/settings.py:\n" + "\n".join(found)
