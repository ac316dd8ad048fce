"""The storage cut by purpose (issue "One truth about the incident", item 5): one Database (the
connection) and repositories over it, no mixins; Storage stays the public face, with the same
methods, delegating to them; the modules of the package import each other without a cycle."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import incident_wizard.storage as storage_mod
from incident_wizard.storage import Storage
from incident_wizard.storage.attachments import AttachmentRepository
from incident_wizard.storage.database import Database
from incident_wizard.storage.import_log import ImportLog
from incident_wizard.storage.imports import ImportRepository
from incident_wizard.storage.incidents import IncidentRepository
from incident_wizard.storage.journal import JournalRepository
from incident_wizard.storage.settings import SettingsRepository

from .conftest import utc

PACKAGE = Path(storage_mod.__file__).parent

#: Storage's public methods before the cut, with their parameters: every caller uses them.
PUBLIC = {
    "open": ["data_dir"],
    "close": [],
    "backup": ["destination", "replace"],
    "snapshot": [],
    "another_connection": [],
    "get_setting": ["key", "default"],
    "set_setting": ["key", "value"],
    "load_profile": [],
    "save_profile": ["organisation"],
    "next_reference": ["at"],
    "create_incident": ["at", "actor", "title"],
    "fill_profile": ["organisation", "at", "actor"],
    "save_incident": ["incident", "at", "action", "details", "actor", "more"],
    "load_incident": ["reference"],
    "has_incident": ["reference"],
    "list_incidents": ["status"],
    "open_incidents": [],
    "journal": ["reference"],
    "verify_journal": ["reference"],
    "journal_head": ["reference"],
    "append_journal": ["reference", "action", "details", "at", "actor"],
    "append_journal_batch": ["reference", "actions", "at", "actor"],
    "append_journal_many": ["references", "action", "details", "at", "actor"],
    "add_attachment": ["incident", "name", "content", "kind", "at", "actor"],
    "attachment_content": ["reference", "sha256"],
    "local_reference": ["incident"],
    "import_incident": ["incident", "entries", "at", "actor", "source", "contents", "update"],
    "imports": ["reference"],
}
#: Private names used outside the package (tests, benchmarks, the fault-injection campaign).
PRIVATE = ("_conn", "_transaction", "_migrate", "_anchor_legacy", "_append", "_insert_entry",
           "_insert_incident", "_open", "_create", "_check_extendable", "COPY_LOGGED")
#: What the package exported before the cut.
EXPORTED = {
    "Storage", "ImportResult", "extension_problem", "DamagedIncidentError", "DatabaseCorruptError",
    "DatabaseTooNewError", "DiskFullError", "IncidentNotFoundError", "JournalAlteredError",
    "StorageError", "altered_message", "damaged_message", "diagnose", "permission_warnings",
    "problem_kind", "IncidentSummary", "default_actor", "APPLICATION_ID", "DB_FILENAME",
    "MAX_ATTACHMENT_BYTES", "MIGRATIONS", "SCHEMA_VERSION", "SYSTEM_ACTOR", "_split_sql",
    "_data_digest"}


def test_storage_is_one_object_over_repositories_not_mixins(storage):
    assert Storage.__mro__ == (Storage, object)
    repositories = {"incidents": IncidentRepository, "journal_repo": JournalRepository,
                    "attachments": AttachmentRepository, "import_repo": ImportRepository,
                    "import_log": ImportLog, "settings": SettingsRepository}
    assert isinstance(storage.database, Database)
    for name, kind in repositories.items():
        repository = getattr(storage, name)
        assert isinstance(repository, kind), name
        assert repository._db is storage.database, f"{name} works on another database"
    assert storage.path == storage.database.path
    assert storage._conn is storage.database.conn


def test_the_public_face_keeps_every_method_and_export():
    for name, parameters in PUBLIC.items():
        found = list(inspect.signature(getattr(Storage, name)).parameters)
        assert (found[1:] if found[:1] == ["self"] else found) == parameters, name
    for name in PRIVATE:
        assert hasattr(Storage, name), name
    assert EXPORTED <= set(storage_mod.__all__)
    for name in storage_mod.__all__:
        assert hasattr(storage_mod, name), name


def test_the_repositories_and_the_face_say_the_same(storage):
    incident = storage.incidents.create(at=utc(2026, 10, 23, 8), title="Par le dépôt")
    assert storage.load_incident(incident.reference) == storage.incidents.load(incident.reference)
    assert storage.journal(incident.reference) == storage.journal_repo.entries(incident.reference)
    assert storage.journal_head(incident.reference) == storage.journal_repo.head(incident.reference)
    assert storage.list_incidents() == storage.incidents.list()
    storage.settings.set("operator", "Claire M.")
    assert storage.get_setting("operator") == "Claire M."
    attachment = storage.attachments.add(incident, "preuve.txt", b"contenu", "autre")
    assert storage.attachment_content(incident.reference, attachment.sha256) == b"contenu"
    assert storage.verify_journal(incident.reference).ok


def test_another_connection_is_a_storage_on_its_own_database(storage):
    reference = storage.create_incident(at=utc(2026, 10, 23, 8)).reference
    other = storage.another_connection()
    try:
        assert isinstance(other, Storage)
        assert other.database is not storage.database and other.path == storage.path
        assert other.database.conn is not storage.database.conn
        other.append_journal(reference, "step_done", {"step": "signalement"})
        assert len(storage.journal(reference)) == 2
    finally:
        other.close()


@pytest.mark.parametrize("seam", ["_append", "_insert_entry"])
def test_every_journal_write_passes_through_the_storage(storage, monkeypatch, seam):
    """The fault-injection campaign kills the process at Storage._append / _insert_entry: every
    repository's journal writes go through them."""
    calls = []
    real = getattr(Storage, seam)

    def counting(self, *args, **kwargs):
        calls.append(args[0])
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Storage, seam, counting)
    incident = storage.create_incident(at=utc(2026, 10, 23, 8))
    incident.dates.awareness_at = utc(2026, 10, 23, 7)
    storage.save_incident(incident, utc(2026, 10, 23, 9), "step_done", {"step": "signalement"})
    storage.add_attachment(incident, "preuve.txt", b"contenu", "autre")
    storage.append_journal(incident.reference, "step_done", {"step": "evaluation"})
    assert len(calls) == 4 and set(calls) == {incident.reference}


def _storage_imports(path: Path) -> set[str]:
    """The storage modules ``path`` imports (TYPE_CHECKING imports included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "incident_wizard.storage."):
            found.add(node.module.split(".")[2])
    return found


def test_the_modules_of_the_package_import_each_other_without_a_cycle():
    modules = {p.stem: p for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    graph = {name: _storage_imports(path) & set(modules) for name, path in modules.items()}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, "import cycle: " + " -> ".join((*path, name))
        if name in done:
            return
        for imported in sorted(graph[name]):
            visit(imported, (*path, name))
        done.add(name)

    for name in sorted(graph):
        visit(name, ())
    assert "core" not in set().union(*graph.values()), "only the package imports the public face"


def test_every_module_and_public_class_says_what_it_is():
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstring = ast.get_docstring(tree)
        assert docstring and docstring.splitlines()[0].strip(), f"{path.name}: no module docstring"
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                assert ast.get_docstring(node), f"{path.name}: {node.name} is not documented"
