"""Storage: durable saves, private files, refused newer/corrupt databases, migrations."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys

import pytest

from incident_wizard import storage as storage_mod
from incident_wizard.domain.model import CnilNotification, Organisation
from incident_wizard.storage import (
    DB_FILENAME,
    DatabaseCorruptError,
    DatabaseTooNewError,
    IncidentNotFoundError,
    Storage,
)

from .conftest import utc


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_incident_gets_a_reference_and_a_journal_entry(storage):
    first = storage.create_incident(at=utc(2026, 10, 23, 8), actor="pharmacien", title="Rançongiciel")
    second = storage.create_incident(at=utc(2026, 10, 24, 8), actor="pharmacien")
    assert (first.reference, second.reference) == ("VDP-2026-001", "VDP-2026-002")
    entries = storage.journal(first.reference)
    assert [e.action for e in entries] == ["incident_created"]
    assert entries[0].actor == "pharmacien"
    assert storage.verify_journal(first.reference).ok


def test_reference_numbering_restarts_each_paris_year(storage):
    storage.create_incident(at=utc(2026, 12, 31, 23, 30))  # already 1 January 2027 in Paris
    assert storage.list_incidents()[0].reference == "VDP-2027-001"


def test_profile_is_copied_into_new_incidents(storage):
    assert storage.load_profile() is None
    storage.save_profile(Organisation(name="Pharmacie du Marché", siret="12345678900011"))
    incident = storage.create_incident()
    assert incident.organisation.name == "Pharmacie du Marché"
    assert storage.load_incident(incident.reference).organisation.siret == "12345678900011"


def test_saved_incident_reads_back_equal_after_reopening(data_dir):
    with Storage.open(data_dir) as first:
        incident = first.create_incident(at=utc(2026, 10, 23, 8))
        incident.dates.awareness_at = utc(2026, 10, 23, 7, 15)
        incident.scope.persons_count = 1200
        incident.qualification.nature = ["confidentialite", "disponibilite"]
        incident.notifications.append(CnilNotification(submitted_at=utc(2026, 10, 24, 9), reference="ABC"))
        incident.checklist["debrancher-reseau"] = utc(2026, 10, 23, 8, 1)
        first.save_incident(incident, action="notification_recorded", details={"kind": "initial"})
    with Storage.open(data_dir) as second:
        assert second.load_incident(incident.reference) == incident
        summary = second.list_incidents()[0]
        assert summary.awareness_at == utc(2026, 10, 23, 7, 15)
        assert summary.notified_at == utc(2026, 10, 24, 9)
        assert [e.action for e in second.journal(incident.reference)] == [
            "incident_created", "notification_recorded"]


def test_unknown_incident_gives_french_message(storage):
    with pytest.raises(IncidentNotFoundError, match="Aucun incident"):
        storage.load_incident("VDP-1999-001")


@pytest.mark.posix("POSIX permissions (Windows: tests/test_windows.py)")
def test_data_folder_and_files_are_private(data_dir, storage):
    incident = storage.create_incident()
    storage.save_incident(incident)
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for path in data_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_journal_rows_cannot_be_updated_or_deleted(storage):
    incident = storage.create_incident()
    conn = sqlite3.connect(storage.path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE journal SET actor = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM journal")
    conn.close()
    assert storage.verify_journal(incident.reference).ok


def _make_newer(data_dir):
    with Storage.open(data_dir) as opened:
        opened.create_incident()
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    conn.execute("PRAGMA user_version = 99")
    conn.execute("PRAGMA journal_mode = DELETE")  # leave a single self-contained file
    conn.close()


def test_database_from_newer_version_is_refused_and_untouched(data_dir):
    _make_newer(data_dir)
    path = data_dir / DB_FILENAME
    before = digest(path)
    with pytest.raises(DatabaseTooNewError, match="version plus récente.*n'a pas été modifié"):
        Storage.open(data_dir)
    assert digest(path) == before


@pytest.mark.parametrize("content", [b"not a database at all" * 100,
                                     b"SQLite format 3\x00" + b"\xff" * 5000])
def test_corrupt_database_is_refused_and_untouched(data_dir, content):
    data_dir.mkdir(parents=True)
    path = data_dir / DB_FILENAME
    path.write_bytes(content)
    with pytest.raises(DatabaseCorruptError, match="endommagé.*n'a pas été modifié"):
        Storage.open(data_dir)
    assert path.read_bytes() == content


def test_damaged_pages_inside_a_real_database_are_detected(data_dir):
    with Storage.open(data_dir) as opened:
        for _ in range(50):
            opened.create_incident(title="x" * 2000)
    path = data_dir / DB_FILENAME
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    raw = bytearray(path.read_bytes())
    raw[4096 * 2: 4096 * 2 + 512] = b"\x00\x13" * 256  # scribble over a b-tree page
    path.write_bytes(bytes(raw))
    before = digest(path)
    with pytest.raises(DatabaseCorruptError):
        Storage.open(data_dir)
    assert digest(path) == before


def test_foreign_sqlite_file_is_refused(data_dir):
    data_dir.mkdir(parents=True)
    path = data_dir / DB_FILENAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE other(x)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseCorruptError, match="n'est pas une base de données d'Incident Wizard"):
        Storage.open(data_dir)
    assert digest(path) == before


def test_migration_takes_a_backup_first(data_dir, monkeypatch):
    with Storage.open(data_dir) as opened:
        ref = opened.create_incident(title="avant").reference
    from incident_wizard.storage import core, maintenance

    current = storage_mod.SCHEMA_VERSION
    for module in (core, maintenance):  # where opening and migrating look them up
        monkeypatch.setattr(module, "SCHEMA_VERSION", current + 1)
    monkeypatch.setattr(maintenance, "MIGRATIONS",
                        storage_mod.MIGRATIONS + ["ALTER TABLE incidents ADD COLUMN extra TEXT;"])
    with Storage.open(data_dir) as migrated:
        assert migrated.load_incident(ref).title == "avant"
        version = migrated._conn.execute("PRAGMA user_version").fetchone()[0]
    assert version == current + 1
    backups = list(data_dir.glob(f"{DB_FILENAME}.avant-migration-v{current}-*"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == current
    assert conn.execute("SELECT title FROM incidents").fetchone()[0] == "avant"
    conn.close()


def test_failed_save_changes_nothing(storage):
    incident = storage.create_incident(title="un")
    incident.title = "deux"
    with pytest.raises(TypeError):
        storage.save_incident(incident, action="step_done", details={"bad": {1, 2}})
    assert storage.load_incident(incident.reference).title == "un"
    assert len(storage.journal(incident.reference)) == 1


def test_real_migration_from_schema_1_backfills_the_outcome(data_dir):
    """A database as the first release wrote it (schema 1) opens with the outcome column filled."""
    import json

    from incident_wizard.domain import journal as jr
    from incident_wizard.domain.model import Incident
    from incident_wizard.domain.serialize import to_data

    data_dir.mkdir(parents=True)
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    for statement in storage_mod._split_sql(storage_mod.MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {storage_mod.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    incident = Incident("VDP-2026-001", utc(2026, 5, 1), title="ancien")
    incident.decision.outcome = "register_only"
    entry = jr.make_entry(incident.reference, None, utc(2026, 5, 1), "x", "incident_created")
    conn.execute("INSERT INTO incidents VALUES (?,?,?,?,?,?,?,?,?,?)",
                 (incident.reference, "2026-05-01T00:00:00Z", "2026-05-01T00:00:00Z", "open",
                  "ancien", None, None, json.dumps(to_data(incident)), 1, entry.hash))
    conn.execute("INSERT INTO journal VALUES (?,?,?,?,?,?,?,?)",
                 (incident.reference, 1, "2026-05-01T00:00:00Z", "x", "incident_created", "{}",
                  entry.prev_hash, entry.hash))
    conn.commit()
    conn.close()
    with Storage.open(data_dir) as new:
        summary = new.list_incidents()[0]
        assert summary.outcome == "register_only" and summary.title == "ancien"
        assert new.load_incident("VDP-2026-001") == incident
        assert new.verify_journal("VDP-2026-001").ok
        assert new._conn.execute("PRAGMA user_version").fetchone()[0] == storage_mod.SCHEMA_VERSION
    assert len(list(data_dir.glob(f"{DB_FILENAME}.avant-migration-v1-*"))) == 1


def test_unusable_data_folder_gives_a_french_message(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(storage_mod.StorageError, match="ne peut pas être utilisé"):
        Storage.open(blocker / "data")


def test_a_write_the_disk_refuses_is_reported_and_changes_nothing(storage, monkeypatch):
    incident = storage.create_incident(title="avant")
    real = storage._conn

    class FullDisk:
        in_transaction = False

        def execute(self, sql, *args):
            if sql.startswith("BEGIN"):
                raise sqlite3.OperationalError("database or disk is full")
            return real.execute(sql, *args)

    monkeypatch.setattr(storage, "_conn", FullDisk())
    incident.title = "après"
    with pytest.raises(storage_mod.StorageError, match="disque"):
        storage.save_incident(incident)
    monkeypatch.undo()
    assert storage.load_incident(incident.reference).title == "avant"


def _scribble(path):
    """Damage a b-tree page in place: same size, and the modification time put back."""
    stat = path.stat()
    raw = bytearray(path.read_bytes())
    raw[4096 * 2: 4096 * 2 + 512] = b"\x00\x13" * 256
    with open(path, "r+b") as handle:
        handle.write(bytes(raw))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns


def _checks(monkeypatch):
    """The number of full checks (PRAGMA quick_check) run so far."""
    from incident_wizard.storage import problems

    calls = []
    real = problems.quick_check
    monkeypatch.setattr(problems, "quick_check", lambda conn: (calls.append(1), real(conn))[1])
    return calls


def test_a_cleanly_closed_database_is_not_read_through_again_at_the_next_opening(data_dir, monkeypatch):
    """A DPO's folder of 100,000 incidents (4 GB) took minutes to check at every opening."""
    checks = _checks(monkeypatch)
    with Storage.open(data_dir) as opened:
        opened.create_incident(title="Clé USB perdue")
    assert len(checks) == 1
    mark = data_dir / (DB_FILENAME + ".verifie")
    assert mark.exists()
    if os.name == "posix":
        assert mark.stat().st_mode & 0o777 == 0o600
    with Storage.open(data_dir) as opened:
        assert not mark.exists()  # the file may change from now on
        assert [s.title for s in opened.list_incidents()] == ["Clé USB perdue"]
    assert len(checks) == 1
    with Storage.open(data_dir) as first, Storage.open(data_dir) as second:
        assert len(checks) == 2  # opened while another connection writes: checked in full
        first.create_incident(title="Rançongiciel")
        assert len(second.list_incidents()) == 2


@pytest.mark.posix("the change time (st_ctime) is the creation time on Windows: README, limitations")
def test_a_file_changed_after_a_clean_close_is_checked_in_full_and_refused(data_dir, monkeypatch):
    with Storage.open(data_dir) as opened:
        for _ in range(50):
            opened.create_incident(title="x" * 2000)
    path = data_dir / DB_FILENAME
    _scribble(path)  # another program, a faulty disk: even with the size and the time kept
    checks = _checks(monkeypatch)
    before = digest(path)
    with pytest.raises(DatabaseCorruptError, match="endommagé"):
        Storage.open(data_dir)
    assert len(checks) == 1 and digest(path) == before


def test_a_killed_process_means_a_full_check_at_the_next_opening(data_dir, monkeypatch):
    with Storage.open(data_dir) as opened:
        opened.create_incident(title="avant")
    code = ("import os, sys\nfrom pathlib import Path\nfrom incident_wizard.storage import Storage\n"
            "s = Storage.open(Path(sys.argv[1])); s.create_incident(title='pendant')\n"
            "os._exit(9)  # killed: no close\n")
    result = subprocess.run([sys.executable, "-c", code, str(data_dir)], check=False)
    assert result.returncode == 9
    assert not (data_dir / (DB_FILENAME + ".verifie")).exists()
    checks = _checks(monkeypatch)
    with Storage.open(data_dir) as opened:
        assert sorted(s.title for s in opened.list_incidents()) == ["avant", "pendant"]
    assert len(checks) == 1


def _schema_of(path) -> tuple[list[tuple], dict[str, list[tuple]]]:
    """What a database file's schema is: its objects (type, name, table, SQL) and each table's
    columns as SQLite describes them (name, type, not null, default, key)."""
    conn = sqlite3.connect(path)
    try:
        objects = sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"
                                      " WHERE name NOT LIKE 'sqlite_%'"))
        columns = {name: conn.execute(f"PRAGMA table_xinfo({name})").fetchall()
                   for kind, name, _table, _sql in objects if kind == "table"}
        pragmas = (conn.execute("PRAGMA user_version").fetchone(),
                   conn.execute("PRAGMA application_id").fetchone())
    finally:
        conn.close()
    return objects, columns, pragmas


def test_a_new_register_has_the_schema_the_migrations_give(tmp_path, monkeypatch):
    """A new register is created from storage/schema_current.py in one step: the same tables,
    columns, indexes and triggers as an empty file taken through every migration, and the
    committed file is what scripts/update-schema writes from the migrations now."""
    from incident_wizard.storage import maintenance, schema, schema_current

    expected = (os.path.join(os.path.dirname(schema.__file__), "schema_current.py"))
    with open(expected, encoding="utf-8") as file:
        expected = file.read()
    assert schema.current_schema_module() == expected, "run scripts/update-schema"
    assert schema_current.VERSION == storage_mod.SCHEMA_VERSION
    with Storage.open(tmp_path / "direct") as direct:
        direct.create_incident(title="créé d'un coup")
    monkeypatch.setattr(maintenance.schema_current, "VERSION", -1)  # every migration instead
    with Storage.open(tmp_path / "migrated") as migrated:
        migrated.create_incident(title="créé pas à pas")
    one_step = _schema_of(tmp_path / "direct" / DB_FILENAME)
    step_by_step = _schema_of(tmp_path / "migrated" / DB_FILENAME)
    assert one_step == step_by_step
    objects, columns, pragmas = one_step
    assert pragmas == ((storage_mod.SCHEMA_VERSION,), (storage_mod.APPLICATION_ID,))
    assert {"incidents", "journal", "due_items", "register_chain"} <= set(columns)
    assert [c[1] for c in columns["incidents"]][-3:] == ["pharmacy", "pharmacy_id", "search"]
    assert ("trigger", "journal_no_update", "journal") in [o[:3] for o in objects]
