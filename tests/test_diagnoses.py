"""Honest diagnoses at start: each situation its own French message, and nothing modified.

The situations are those of the fault campaign behind issue 13: an empty file, a file of
another program, a file with our id and none of our tables, a negative schema version, a full
disk, a read-only medium, a refused permission, a damaged page."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import sqlite3

import pytest

from incident_wizard import cli
from incident_wizard import storage as storage_mod
from incident_wizard.storage import APPLICATION_ID, DB_FILENAME, Storage, StorageError


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_db(path, *, app_id=0, version=0, tables=("other",)):
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    for table in tables:
        conn.execute(f"CREATE TABLE {table}(x)")
    conn.execute(f"PRAGMA application_id = {app_id}")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


CASES = {
    # name: (how to make the file, words the message must contain)
    "empty file": (lambda p: (p.parent.mkdir(parents=True), p.write_bytes(b"")), "est vide (0 octet)"),
    "other program's database": (lambda p: make_db(p), "n'est pas une base de données d'Incident Wizard"),
    "empty SQLite database": (lambda p: make_db(p, tables=()), "n'est pas une base de données d'Incident Wizard"),
    "our id, none of our tables": (lambda p: make_db(p, app_id=APPLICATION_ID, version=3),
                                   "tables manquantes"),
    "negative schema version": (lambda p: make_db(p, app_id=APPLICATION_ID, version=-5,
                                                  tables=("settings", "incidents", "journal")),
                                "schéma -5"),
    "newer schema": (lambda p: make_db(p, app_id=APPLICATION_ID, version=99,
                                       tables=("settings", "incidents", "journal")),
                     "version plus récente"),
    "text file": (lambda p: (p.parent.mkdir(parents=True), p.write_text("bonjour " * 600)),
                  "endommagé"),
}


@pytest.mark.parametrize("case", CASES)
def test_each_unusable_database_has_its_own_message_and_is_left_untouched(case, data_dir, capsys):
    make, words = CASES[case]
    path = data_dir / DB_FILENAME
    make(path)
    before = digest(path)
    with pytest.raises(StorageError, match=re.escape(words)) as refused:
        Storage.open(data_dir)
    assert "Traceback" not in str(refused.value)
    assert digest(path) == before, "the file was modified"
    assert not path.with_name(DB_FILENAME + "-wal").exists(), "the file was switched to WAL"
    # The command line says the same thing, exit 2, no traceback.
    assert cli.main(["list", "--data-dir", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert digest(path) == before


@pytest.mark.parametrize("code, errno_code, words", [
    (13, None, "est plein"),  # SQLITE_FULL
    (8, None, "lecture seule"),  # SQLITE_READONLY
    (None, errno.ENOSPC, "est plein"),
    (None, errno.EROFS, "lecture seule"),
    (None, errno.EACCES, "n'a pas le droit"),
    (10, None, "défaillant"),  # SQLITE_IOERR
    (11, None, "endommagé"),  # SQLITE_CORRUPT
])
def test_a_machine_problem_is_not_called_a_damaged_file(code, errno_code, words, data_dir, monkeypatch):
    Storage.open(data_dir).close()
    if code is not None:
        error = sqlite3.OperationalError("simulated")
        error.sqlite_errorcode = code
    else:
        error = OSError(errno_code, os.strerror(errno_code))

    def failing(*args, **kwargs):
        raise error

    from incident_wizard.storage import core as storage_core

    monkeypatch.setattr(storage_core, "_inspect", failing)  # where Storage.open looks it up
    with pytest.raises(StorageError, match=words) as refused:
        Storage.open(data_dir)
    if words != "endommagé":
        assert "endommagé" not in str(refused.value)


def test_a_killed_first_start_leaves_no_empty_database(data_dir, monkeypatch):
    """The new register is built under a temporary name: a crash while creating it leaves no
    file under the database's name, and the next start creates it normally."""
    real_migrate = Storage._migrate

    def crash(self, version):
        real_migrate(self, version)
        raise KeyboardInterrupt  # as if the process stopped here

    monkeypatch.setattr(Storage, "_migrate", crash)
    with pytest.raises(KeyboardInterrupt):
        Storage.open(data_dir)
    assert not (data_dir / DB_FILENAME).exists()
    monkeypatch.setattr(Storage, "_migrate", real_migrate)
    with Storage.open(data_dir) as storage:
        assert storage.list_incidents() == []
    assert [p.name for p in data_dir.iterdir() if "partiel" in p.name] == []


@pytest.mark.posix("POSIX permissions (Windows: tests/test_windows.py)")
def test_shared_data_is_warned_about_never_chmoded(data_dir, capsys):
    data_dir.mkdir(mode=0o755)
    os.chmod(data_dir, 0o755)
    Storage.open(data_dir).close()
    os.chmod(data_dir / DB_FILENAME, 0o644)
    with Storage.open(data_dir) as storage:
        assert len(storage.warnings) == 2
        assert "0755" in storage.warnings[0] and "0644" in storage.warnings[1]
    assert cli.main(["list", "--data-dir", str(data_dir)]) == 0
    assert "accessible à d'autres comptes" in capsys.readouterr().err
    assert data_dir.stat().st_mode & 0o777 == 0o755
    assert (data_dir / DB_FILENAME).stat().st_mode & 0o777 == 0o644


def test_a_locked_database_is_not_called_damaged(data_dir):
    """Another program holding the file locked: "utilisé par un autre programme", never the
    advice to restore a backup over a healthy register."""
    error = sqlite3.OperationalError("database is locked")
    error.sqlite_errorcode = 5  # SQLITE_BUSY
    message = str(storage_mod.diagnose(data_dir / DB_FILENAME, error))
    assert "utilisé par un autre programme" in message and "sauvegarde" not in message.split("(")[0]
    assert "endommagé" in message  # "n'est pas endommagé"
    assert "remplacez" not in message


def test_an_orphan_wal_is_never_replayed_into_a_new_register(data_dir):
    with Storage.open(data_dir) as storage:
        storage.create_incident(title="ancien")
        # keep a WAL: a second connection holds it open while the first closes
    db = data_dir / DB_FILENAME
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE IF NOT EXISTS t(x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    wal = db.with_name(DB_FILENAME + "-wal")
    keep = wal.read_bytes() if wal.exists() else b"x" * 100
    conn.close()
    db.rename(data_dir.parent / "moved.sqlite3")
    wal.write_bytes(keep)
    with Storage.open(data_dir) as storage:
        assert storage.list_incidents() == []
    assert list(data_dir.glob(DB_FILENAME + "-wal.orphelin-*"))
