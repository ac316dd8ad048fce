"""Faults and the record (issue 25): backups that never destroy, one damaged incident that never
blocks the others, a journal that sees everything the documents print, no traceback."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest

from incident_wizard import files
from incident_wizard.cli import main
from incident_wizard.storage import Storage

# --- 1. backups that never destroy ---------------------------------------------------------------


def _references(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r for (r,) in conn.execute("SELECT reference FROM incidents ORDER BY reference")]
    finally:
        conn.close()


def test_replacing_a_backup_keeps_the_previous_one_dated(storage, tmp_path):
    target = tmp_path / "cle" / "sauvegarde.sqlite3"
    target.parent.mkdir()
    first = storage.create_incident(title="premier").reference
    storage.backup(target)
    second = storage.create_incident(title="second").reference
    storage.backup(target, replace=True)
    assert _references(target) == sorted([first, second])
    kept = [p for p in target.parent.iterdir() if p != target]
    assert len(kept) == 1 and kept[0].name.startswith("sauvegarde.precedente-20")
    assert kept[0].suffix == ".sqlite3"
    assert _references(kept[0]) == [first]


def test_a_failed_replacement_leaves_the_previous_backup_untouched(storage, tmp_path, monkeypatch):
    target = tmp_path / "cle" / "sauvegarde.sqlite3"
    target.parent.mkdir()
    ref = storage.create_incident(title="premier").reference
    storage.backup(target)
    before = target.read_bytes()
    storage.create_incident(title="second")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(Exception, match="sauvegarde précédente est intacte") as raised:
        storage.backup(target, replace=True)
    assert "disque" in str(raised.value) and "plein" in str(raised.value)
    assert target.read_bytes() == before and _references(target) == [ref]
    assert list(target.parent.iterdir()) == [target]


def test_a_copy_missing_journal_entries_is_never_given_the_final_name(storage, tmp_path, monkeypatch):
    from incident_wizard.storage import database

    target = tmp_path / "sauvegarde.sqlite3"
    storage.create_incident(title="x")
    real = database._journal_state
    calls = []

    def lossy(conn):
        state = real(conn)
        calls.append(state)
        return (state[0], state[1] - 1, *state[2:]) if len(calls) == 1 else state

    monkeypatch.setattr(database, "_journal_state", lossy)
    with pytest.raises(Exception, match="journaux complets"):
        storage.backup(target)
    assert list(tmp_path.glob("*sauvegarde*")) == []


def test_the_gui_replaces_a_backup_only_after_writing_the_new_one(qtbot, storage, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from incident_wizard.application.workspace import Workspace
    from incident_wizard.domain.procedure import load_procedure
    from incident_wizard.ui.main_window import MainWindow

    target = tmp_path / "sauvegarde.sqlite3"
    ref = storage.create_incident(title="x").reference
    storage.backup(target)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    window = MainWindow(Workspace(storage, load_procedure()))
    qtbot.addWidget(window)
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(28, "No space left")))
    assert window.backup() is None
    assert "plein" in shown[-1]
    assert _references(target) == [ref]  # the old backup is still there


def test_a_killed_backup_leaves_no_partial_copy_after_the_next_start(data_dir, tmp_path):
    with Storage.open(data_dir) as storage:
        storage.create_incident(title="x")
        target = tmp_path / "usb" / "sauvegarde.sqlite3"
        target.parent.mkdir()
        partial = target.with_name(f"{files.TMP_MARK}4242-{target.name}")
        # What a backup killed mid-way leaves: its temporary copy, remembered in the settings.
        storage._backup_pending(partial)
        partial.write_bytes(b"x" * 4096)
        # SQLite's rollback journal of the copy being written (the campaign found it left).
        partial.with_name(partial.name + "-journal").write_bytes(b"x" * 512)
    with Storage.open(data_dir) as storage:
        assert list(target.parent.iterdir()) == []
        assert storage.get_setting("backup.pending") is None


def test_a_retried_backup_removes_the_leftover_of_the_killed_one(storage, tmp_path):
    target = tmp_path / "sauvegarde.sqlite3"
    leftover = target.with_name(f"{files.TMP_MARK}4242-{target.name}")
    leftover.write_bytes(b"x" * 4096)
    leftover.with_name(leftover.name + "-journal").write_bytes(b"x" * 512)
    storage.backup(target)
    assert sorted(p.name for p in tmp_path.iterdir() if "sauvegarde" in p.name) == [target.name]


def test_the_cli_backup_replaces_only_when_asked_and_keeps_the_previous(data_dir, tmp_path, capsys):
    with Storage.open(data_dir) as storage:
        storage.create_incident(title="x")
    target = tmp_path / "sauvegarde.sqlite3"
    assert main(["backup", str(target)]) == 0
    assert main(["backup", str(target)]) == 2
    assert main(["backup", "--replace", str(target)]) == 0
    assert len(list(tmp_path.glob("sauvegarde.precedente-*.sqlite3"))) == 1


_GUI_START = """
import json, sys
from PySide6.QtWidgets import QMessageBox
shown = []
for kind in ("critical", "warning", "information", "question"):
    setattr(QMessageBox, kind, staticmethod(lambda *a, **k: shown.append(a[2])))
if sys.argv[2] == "read-only":
    from incident_wizard.storage import problems
    problems.is_writable = lambda path: False
from incident_wizard.ui.app import run_gui
code = run_gui(sys.argv[1])
print(json.dumps({"code": code, "shown": shown}))
"""


def _gui_start(data_dir: Path, tmp_path: Path, mode: str = "") -> tuple[int, list[str]]:
    """The GUI started on ``data_dir`` in a child process until its window is shown (the
    start's event loop and its exception hook stay out of this test process): its exit status
    and the message boxes it showed."""
    import json
    import subprocess

    env = dict(os.environ, INCIDENT_WIZARD_LOG_DIR=str(tmp_path / "logs"),
               INCIDENT_WIZARD_QUIT_WHEN_SHOWN="1", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", _GUI_START, str(data_dir), mode], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["code"], result["shown"]


# --- 2. one damaged incident never blocks the others ----------------------------------------------

SECRET = "Dupont-Secret"


def _damage(data_dir: Path, reference: str, how: str) -> None:
    """Damage one stored incident as a failing disk or a hand edit would."""
    conn = sqlite3.connect(data_dir / "incidents.sqlite3")
    if how == "utf8":  # one invalid UTF-8 byte in the stored title, in the row and its data
        conn.execute("UPDATE incidents SET title = CAST(X'44FF' || CAST(? AS BLOB) AS TEXT),"
                     " data = CAST(replace(CAST(data AS BLOB), CAST(? AS BLOB),"
                     " X'44FF' || CAST(? AS BLOB)) AS TEXT) WHERE reference = ?",
                     (SECRET, SECRET, SECRET, reference))
    else:  # a JSON row cut in the middle, right after the title
        conn.execute("UPDATE incidents SET data = substr(data, 1, instr(data, ?) + 20)"
                     " WHERE reference = ?", (SECRET, reference))
    conn.commit()
    conn.close()


@pytest.fixture(params=["utf8", "json"])
def damaged_folder(request, data_dir):
    with Storage.open(data_dir) as storage:
        good = storage.create_incident(title="intact").reference
        bad = storage.create_incident(title=SECRET).reference
    _damage(data_dir, bad, request.param)
    return data_dir, good, bad


def test_a_damaged_incident_is_listed_as_such_and_no_message_quotes_it(damaged_folder, tmp_path, capsys):
    data_dir, good, bad = damaged_folder
    with Storage.open(data_dir) as storage:
        summaries = {s.reference: s for s in storage.list_incidents()}
        assert summaries[good].damaged == ""
        assert summaries[bad].damaged and SECRET not in summaries[bad].damaged
        assert summaries[bad].status == "open"  # what is still known
    for args in (["documents", bad, "--out", str(tmp_path / "d")],
                 ["export-incident", bad, str(tmp_path / "x.json")],
                 ["verify-journal", bad],
                 ["register", "--no-pdf", "--out", str(tmp_path / "r")],
                 ["inspection", "--out", str(tmp_path / "i")]):
        main(["--data-dir", str(data_dir), *args])
        captured = capsys.readouterr()
        assert SECRET not in captured.err + captured.out, args
        assert "Traceback" not in captured.err
    assert bad in (tmp_path / "i" / "LISEZ-MOI.txt").read_text(encoding="utf-8")
    assert (tmp_path / "i" / good).is_dir() and not (tmp_path / "i" / bad).exists()


def test_the_gui_opens_on_the_home_list_when_the_last_incident_is_damaged(damaged_folder, tmp_path):
    from incident_wizard.ui.main_window import LAST_OPEN

    data_dir, good, bad = damaged_folder
    with Storage.open(data_dir) as storage:
        storage.set_setting(LAST_OPEN, bad)
        storage.set_setting("organisation", {"name": "Pharmacie", "siret": "", "no_siret": True})
    code, shown = _gui_start(data_dir, tmp_path)
    assert code == 0
    assert not any(SECRET in text for text in shown)
    assert not any("inattendue" in text for text in shown)


def test_a_damaged_row_keeps_what_can_still_be_read(data_dir):
    with Storage.open(data_dir) as storage:
        bad = storage.create_incident(title=SECRET).reference
        created = storage.load_incident(bad).created_at
    _damage(data_dir, bad, "utf8")
    with Storage.open(data_dir) as storage:
        summary = next(s for s in storage.list_incidents() if s.reference == bad)
    assert summary.damaged and summary.title == "D\ufffd" + SECRET  # shown in the list, never in a message
    assert summary.created_at.replace(microsecond=0) == created.replace(microsecond=0)


# --- 4. zero tracebacks ------------------------------------------------------------------------------


def test_a_read_only_database_opens_read_only_with_one_clear_message(data_dir, tmp_path, monkeypatch):
    """The account may not write its own database (a file copied from a CD, a permission
    changed): the incidents can be read, nothing is tried, one message says it."""
    from incident_wizard.storage import problems
    from incident_wizard.ui.main_window import LAST_OPEN

    with Storage.open(data_dir) as storage:
        ref = storage.create_incident(title="lecture").reference
        storage.set_setting(LAST_OPEN, ref)
        storage.set_setting("organisation", {"name": "Pharmacie", "siret": "", "no_siret": True})
    before = (data_dir / "incidents.sqlite3").read_bytes()
    monkeypatch.setattr(problems, "is_writable", lambda path: False)
    with Storage.open(data_dir) as storage:
        assert storage.read_only and "lecture seule" in storage.warnings[0]
        incident = storage.load_incident(ref)
        incident.title = "changé"
        with pytest.raises(Exception, match="lecture seule"):
            storage.save_incident(incident)
    code, shown = _gui_start(data_dir, tmp_path, "read-only")
    assert code == 0
    assert len(shown) == 1 and "lecture seule" in shown[0], shown
    assert (data_dir / "incidents.sqlite3").read_bytes() == before


V2 = Path(__file__).parent / "data" / "incident-v2-sample.json"


def _rechained(data: dict) -> dict:
    """The file's journal re-hashed as the app hashes it (a mutant that passes the chain)."""
    from incident_wizard.domain import journal as jr

    previous = None
    for raw in data["journal"]:
        entry = jr.JournalEntry.from_data(raw)
        raw["prev_hash"] = previous.hash if previous else jr.GENESIS
        raw["hash"] = jr.entry_hash(data["incident"]["reference"], entry.seq, entry.at, entry.actor,
                                    entry.action, entry.details, raw["prev_hash"], entry.facts)
        previous = jr.JournalEntry.from_data(raw)
    return data


@pytest.mark.parametrize("details", [{"title": "a\ud800b"}, {"a\udc80": 1}, {"x": ["\udfff"]}],
                         ids=["in a value", "in a key", "in a list"])
def test_a_lone_surrogate_in_journal_details_is_refused_in_french(details, tmp_path, capsys):
    import json

    data = json.loads(V2.read_text(encoding="utf-8"))
    data["journal"][0]["details"] = details
    path = tmp_path / "f.json"
    path.write_text(json.dumps(_rechained(data)), encoding="utf-8")
    assert main(["--data-dir", str(tmp_path / "d"), "import-incident", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Erreur : ") and "demi-paire" in err


def test_a_huge_number_in_an_encrypted_file_is_refused_in_french(tmp_path):
    import json

    from incident_wizard import sealed

    envelope = json.loads(sealed.seal(b"{}", "une phrase assez longue"))
    text = json.dumps(envelope).replace(f'"n": {sealed.SCRYPT_N}', '"n": 1e999')
    with pytest.raises(sealed.SealError):
        sealed.unseal(text.encode(), "une phrase assez longue")
    for bad in ("2.5", "true", '"32768"'):
        with pytest.raises(sealed.SealError):
            sealed.unseal(json.dumps(envelope).replace(f'"n": {sealed.SCRYPT_N}', f'"n": {bad}').encode(),
                          "une phrase assez longue")


def test_an_encrypted_file_with_its_keys_reordered_is_still_recognised(tmp_path):
    import json

    from incident_wizard import sealed

    envelope = json.loads(sealed.seal(b'{"x": 1}', "une phrase assez longue"))
    reordered = {key: envelope[key] for key in reversed(list(envelope))}
    data = json.dumps(reordered, indent=1).encode()
    assert sealed.is_sealed(data)
    assert sealed.unseal(data, "une phrase assez longue") == b'{"x": 1}'
    assert not sealed.is_sealed(json.dumps({"format": "incident-wizard/incident",
                                            "note": "incident-wizard/encrypted-incident"}).encode())


def test_a_document_to_a_full_destination_fails_cleanly(tmp_path, monkeypatch):
    """A full USB key: a French error and no stray "Exception ignored in ZipFile.__del__"."""
    import errno
    import gc
    import io
    import sys

    from incident_wizard.documents.html_docx import write_docx

    real_open = io.open

    class Full(io.FileIO):
        def write(self, data):
            if self.tell() + len(data) > 300:
                raise OSError(errno.ENOSPC, "No space left on device")
            return super().write(data)

    def opener(file, mode="r", *args, **kwargs):
        if str(file).endswith(".tmp") and "w" in mode:
            return Full(file, "w")
        return real_open(file, mode, *args, **kwargs)

    stray = []
    monkeypatch.setattr(sys, "unraisablehook", lambda info: stray.append(info))
    monkeypatch.setattr(io, "open", opener)
    target = tmp_path / "doc.docx"
    with pytest.raises(OSError):
        write_docx("<p>" + "texte " * 20000 + "</p>", target, "titre")
    monkeypatch.setattr(io, "open", real_open)
    gc.collect()
    assert stray == [] and list(tmp_path.iterdir()) == []


def test_a_full_disk_at_start_is_called_full_not_failing(data_dir, monkeypatch):
    """SQLite reports a full disk as a disk I/O error when it cannot grow its -shm file."""
    import shutil
    from collections import namedtuple

    from incident_wizard.storage import StorageError
    from incident_wizard.storage import core as storage_core

    Storage.open(data_dir).close()
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = 10 | (19 << 8)  # SQLITE_IOERR_SHMSIZE

    def failing(*args, **kwargs):
        raise error

    monkeypatch.setattr(storage_core, "_inspect", failing)
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10**9, 10**9, 0))
    with pytest.raises(StorageError, match="est plein") as refused:
        Storage.open(data_dir)
    assert "défaillant" not in str(refused.value)


def test_a_full_disk_at_start_never_crashes_at_release(tmp_path, monkeypatch):
    """The lock's pid cannot be written on a full disk: closing the lock file fails as a
    buffered flush would; releasing it must not raise (it crashed after the French box)."""
    import errno

    from incident_wizard.instance import InstanceLock

    class FullHandle:
        def __init__(self, fd):
            self.fd = fd

        def fileno(self):
            return self.fd

        def seek(self, *args):
            return 0

        def truncate(self, *args):
            return 0

        def write(self, data):
            return len(data)  # kept in a buffer...

        def flush(self):
            pass

        def close(self):
            os.close(self.fd)
            raise OSError(errno.ENOSPC, "No space left on device")  # ...that cannot be written

    monkeypatch.setattr(os, "fdopen", lambda fd, *args, **kwargs: FullHandle(fd))
    lock = InstanceLock(tmp_path)
    assert lock.acquire()
    lock.release()
    monkeypatch.undo()
    again = InstanceLock(tmp_path)
    assert again.acquire()  # the lock was released
    again.release()


def test_the_gui_in_a_folder_of_another_account_explains_in_french(tmp_path, monkeypatch, qapp):
    from PySide6.QtWidgets import QMessageBox

    from incident_wizard.ui.app import run_gui

    data_dir = tmp_path / "autre-compte"
    data_dir.mkdir()
    real_stat = Path.stat

    def forbidden(self, *args, **kwargs):
        if str(self).startswith(str(data_dir)):
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    real_open = os.open

    def forbidden_open(path, *args, **kwargs):
        if str(path).startswith(str(data_dir)):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setenv("INCIDENT_WIZARD_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    monkeypatch.setattr(Path, "stat", forbidden)
    monkeypatch.setattr(os, "open", forbidden_open)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    assert run_gui(data_dir) == 2
    assert str(data_dir) in shown[0] and "--data-dir" in shown[0]


# --- 3. changes the journal sees -------------------------------------------------------------------

DATA = Path(__file__).parent / "data"


def _sql(path: Path, *statements: tuple) -> None:
    """Edit the database as someone holding the file would (the append-only triggers dropped)."""
    conn = sqlite3.connect(path)
    for name in ("journal_no_update", "journal_no_delete", "register_chain_no_update",
                 "register_chain_no_delete"):
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement, *args in statements:
        conn.execute(statement, args)
    conn.commit()
    conn.close()


def _titled(storage) -> str:
    from incident_wizard.application.session import IncidentSession
    from incident_wizard.domain.procedure import load_procedure

    ref = storage.create_incident(title="Titre d'origine").reference
    session = IncidentSession(storage, load_procedure(), ref)
    session.set_value("discovery.description", "Description d'origine")
    return ref


@pytest.mark.parametrize("path, value", [("$.title", "Titre falsifié"),
                                         ("$.discovery.description", "Description falsifiée"),
                                         ("$.organisation.name", "Autre pharmacie")])
def test_an_edit_of_what_the_cnil_draft_prints_is_seen_by_the_journal(data_dir, path, value):
    with Storage.open(data_dir) as storage:
        ref = _titled(storage)
        assert storage.verify_journal(ref).ok
        assert [c["fact"] for c in storage.journal(ref)[-1].details["changes"]] == ["discovery.description"]
    _sql(data_dir / "incidents.sqlite3",
         ("UPDATE incidents SET data = json_set(data, ?, ?) WHERE reference = ?", path, value, ref))
    with Storage.open(data_dir) as storage:
        check = storage.verify_journal(ref)
        assert not check.ok and "modifié en dehors de l'application" in check.message


def test_a_title_typed_in_the_app_is_journaled_with_old_and_new(storage):
    from incident_wizard.application.session import IncidentSession
    from incident_wizard.domain.procedure import load_procedure

    ref = storage.create_incident(title="Avant").reference
    IncidentSession(storage, load_procedure(), ref).set_value("title", "Après")
    (change,) = storage.journal(ref)[-1].details["changes"]
    assert (change["fact"], change["old"], change["new"]) == ("title", "Avant", "Après")


def test_a_deleted_incident_is_found_by_the_register_chain(data_dir):
    with Storage.open(data_dir) as storage:
        keep = storage.create_incident(title="gardé").reference
        gone = storage.create_incident(title="supprimé").reference
        assert storage.register_chain.verify().ok
    _sql(data_dir / "incidents.sqlite3",
         ("DELETE FROM due_items WHERE reference = ?", gone),
         ("DELETE FROM journal WHERE reference = ?", gone),
         ("DELETE FROM incidents WHERE reference = ?", gone))
    with Storage.open(data_dir) as storage:
        assert storage.verify_journal(keep).ok  # each remaining incident is intact...
        check = storage.register_chain.verify()  # ...but the register says one is missing
        assert not check.ok and gone in check.message and "supprimé" in check.message


def test_trailing_entries_removed_with_the_head_reset_are_found(data_dir, tmp_path):
    from incident_wizard.application.exports import write_incident_documents
    from incident_wizard.domain.procedure import load_procedure

    with Storage.open(data_dir) as storage:
        ref = _titled(storage)
        before = storage.journal_head(ref)
        write_incident_documents(storage, load_procedure(), ref, tmp_path / "docs", pdf=False)
        count = storage.journal_head(ref)[1]
        assert count > before[1]
    # The export entries cut off, the head kept with the incident set back: the incident's own
    # chain verifies again...
    _sql(data_dir / "incidents.sqlite3",
         ("DELETE FROM journal WHERE reference = ? AND seq > ?", ref, before[1]),
         ("UPDATE incidents SET journal_count = ?, journal_head = ? WHERE reference = ?",
          before[1], before[0], ref))
    with Storage.open(data_dir) as storage:
        assert storage.verify_journal(ref).ok
        check = storage.register_chain.verify()  # ...the register's events remember the head
        assert not check.ok and ref in check.message and "ne contient plus l'entrée n°" in check.message


def test_a_chain_recomputed_outside_the_app_is_caught_against_printed_heads(data_dir, tmp_path, capsys):
    """Awareness moved a day, every hash and summary column recomputed: the incident verifies on
    its own, the register's events and the heads printed earlier do not."""
    from incident_wizard.domain import journal as jr
    from incident_wizard.domain import record
    from incident_wizard.domain.serialize import to_data
    from incident_wizard.storage.rows import deadline_columns, listing_columns, summary_columns

    with Storage.open(data_dir) as storage:
        ref = _titled(storage)
        from datetime import UTC, datetime

        from incident_wizard.application.session import IncidentSession
        from incident_wizard.domain.procedure import load_procedure

        IncidentSession(storage, load_procedure(), ref).set_value(
            "dates.awareness_at", datetime(2026, 10, 23, 7, tzinfo=UTC))
        printed_head = storage.journal_head(ref)[0]
        # The CNIL draft sent: it prints both heads (and the export enters the register).
        from incident_wizard.application.exports import write_incident_documents

        write_incident_documents(storage, load_procedure(), ref, tmp_path / "docs", pdf=False)
        printed_register = storage.register_chain.head()[0]
        assert main(["--data-dir", str(data_dir), "verify-journal", ref, "--head",
                     printed_register[:16]]) == 0
        assert "celle du registre" in capsys.readouterr().out
        incident = storage.load_incident(ref)
        incident.dates.awareness_at = datetime(2026, 10, 24, 7, tzinfo=UTC)
        entries = storage.journal(ref)
    data = to_data(incident)
    rebuilt, previous = [], None
    moved = max(e.seq for e in entries if e.action == "facts_changed")
    for entry in entries:
        facts = record.digest_of(data) if entry.seq >= moved else entry.facts
        details = dict(entry.details)
        if entry.seq == moved:
            details["changes"] = [dict(details["changes"][0], new="2026-10-24T07:00:00Z")]
        previous = jr.make_entry(ref, previous, entry.at, entry.actor, entry.action, details, facts)
        rebuilt.append(previous)
    import json

    columns = summary_columns(incident, data)
    _sql(data_dir / "incidents.sqlite3",
         *[("UPDATE journal SET details = ?, prev_hash = ?, hash = ?, facts = ? WHERE reference = ?"
            " AND seq = ?", json.dumps(e.details, ensure_ascii=False), e.prev_hash, e.hash, e.facts,
            ref, e.seq) for e in rebuilt],
         ("UPDATE incidents SET journal_head = ?, data = ?, awareness_at = ?, clock_start = ?,"
          " deadlines = ?, notification_due = ? WHERE reference = ?", rebuilt[-1].hash, columns[4],
          columns[2], *deadline_columns(incident), listing_columns(incident, data)[0], ref),
         ("DELETE FROM due_items WHERE reference = ?", ref))
    with Storage.open(data_dir) as storage:
        from incident_wizard.storage.rows import due_items

        storage.incidents._store_due_items(ref, "", due_items(incident, data))  # noqa: SLF001
        storage.database.conn.commit() if storage.database.conn.in_transaction else None
        assert storage.verify_journal(ref).ok  # the incident alone cannot tell
        assert not storage.register_chain.verify().ok
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "verify-journal", ref, "--head", printed_head[:16]]) != 0
    assert main(["--data-dir", str(data_dir), "verify-journal", ref, "--head", printed_register[:16]]) != 0
    assert "ne contient plus l'entrée" in capsys.readouterr().err


def test_the_summary_columns_and_due_items_are_verified_against_the_incident(data_dir):
    from datetime import UTC, datetime

    from incident_wizard.application.session import IncidentSession
    from incident_wizard.domain.procedure import load_procedure

    with Storage.open(data_dir) as storage:
        ref = storage.create_incident(title="x").reference
        IncidentSession(storage, load_procedure(), ref).set_value(
            "dates.awareness_at", datetime(2026, 10, 23, 7, tzinfo=UTC))
    for statement in (("UPDATE incidents SET notification_due = '2026-10-27T07:00:00Z' WHERE reference = ?", ref),
                      ("UPDATE due_items SET due = due + 86400000000 WHERE reference = ?", ref),
                      ("UPDATE incidents SET search = 'autre' WHERE reference = ?", ref)):
        copy = data_dir.parent / f"copy{abs(hash(statement[0]))}"
        copy.mkdir()
        with Storage.open(data_dir) as storage:
            storage.backup(copy / "incidents.sqlite3")
        _sql(copy / "incidents.sqlite3", statement)
        with Storage.open(copy) as storage:
            check = storage.verify_journal(ref)
        assert not check.ok and "résumé" in check.message, statement[0]


def test_a_schema_7_register_migrates_in_one_step_keeping_a_copy(tmp_path):
    """A real schema-7 database (written by the version before, tests/data/schema7-*.sqlite3):
    a copy is kept, each own incident is anchored so that its title is covered, an imported
    copy keeps its sender's chain, every incident enters the register's chain."""
    import shutil

    for name, own, imported in (("pharmacie", ["VDP-2026-001", "VDP-2026-002"], []),
                                ("dpo", ["VDP-2026-001"], ["VDP-2026-001@12345678900011"])):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(DATA / f"schema7-{name}.sqlite3", folder / "incidents.sqlite3")
        before = {r: n for r, n in sqlite3.connect(folder / "incidents.sqlite3").execute(
            "SELECT reference, journal_count FROM incidents")}
        with Storage.open(folder) as storage:
            assert storage.database.execute("PRAGMA user_version").fetchone()[0] == 8
            for ref in own + imported:
                assert storage.verify_journal(ref).ok, ref
            for ref in own:
                last = storage.journal(ref)[-1]
                assert last.action == "record_anchored" and last.facts.startswith("v2:")
                assert len(storage.journal(ref)) == before[ref] + 1
            for ref in imported:  # the sender's chain, entry for entry
                assert len(storage.journal(ref)) == before[ref]
            check = storage.register_chain.verify()
            assert check.ok and check.count == len(own) + len(imported)
        assert len(list(folder.glob("incidents.sqlite3.avant-migration-v7-*"))) == 1
        # From then on, a title edited outside the app is seen.
        _sql(folder / "incidents.sqlite3",
             ("UPDATE incidents SET data = json_set(data, '$.title', 'falsifié') WHERE reference = ?", own[0]))
        with Storage.open(folder) as storage:
            assert not storage.verify_journal(own[0]).ok


def test_a_killed_migration_to_schema_8_leaves_schema_7(tmp_path, monkeypatch):
    import shutil

    from incident_wizard.storage import maintenance

    folder = tmp_path / "pharmacie"
    folder.mkdir()
    shutil.copy(DATA / "schema7-pharmacie.sqlite3", folder / "incidents.sqlite3")

    def crash(*args, **kwargs):
        raise RuntimeError("killed")

    monkeypatch.setattr(maintenance, "enter_register", crash)
    with pytest.raises(RuntimeError):
        Storage.open(folder)
    conn = sqlite3.connect(folder / "incidents.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 7
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'register_chain'").fetchone()[0] == 0
    conn.close()


def _docx_text(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_every_document_sent_prints_the_register_head_too(storage, tmp_path):
    """The CNIL draft and the internal documents; the texts to the persons carry no hash (issue
    23: no hash or command line on patient documents)."""
    from incident_wizard.application.exports import write_incident_documents, write_register
    from incident_wizard.application.review import write_review
    from incident_wizard.domain.procedure import load_procedure

    procedure = load_procedure()
    ref = _titled(storage)
    head = storage.register_chain.head()[0]
    result = write_incident_documents(storage, procedure, ref, tmp_path / "docs", pdf=False,
                                      include_unneeded=True)
    printed = [p for p in result.files if p.suffix == ".docx"]  # the e-mail text prints no head
    persons = [p for p in printed if "personnes" in p.name or "affiche" in p.name]
    internal = [p for p in printed if p not in persons]
    assert len(internal) >= 2 and persons
    for path in internal:
        assert f"empreinte du registre : {head}" in _docx_text(path), path.name
    for path in persons:
        assert head not in _docx_text(path), path.name
    register = write_register(storage, procedure, tmp_path / "reg", pdf=False)
    docx = next(p for p in register.files if p.suffix == ".docx")
    assert "Registre intact" in _docx_text(docx) and "Empreinte du registre" in _docx_text(docx)
    review = write_review(storage, procedure, tmp_path / "rev", pdf=False)
    assert "Empreinte du registre" in _docx_text(next(p for p in review.files if p.suffix == ".docx"))


def test_the_inspection_folder_says_when_an_incident_was_deleted(data_dir, tmp_path):
    from incident_wizard.application.exports import write_inspection
    from incident_wizard.domain.procedure import load_procedure

    with Storage.open(data_dir) as storage:
        storage.create_incident(title="gardé")
        gone = storage.create_incident(title="supprimé").reference
    _sql(data_dir / "incidents.sqlite3",
         ("DELETE FROM due_items WHERE reference = ?", gone),
         ("DELETE FROM journal WHERE reference = ?", gone),
         ("DELETE FROM incidents WHERE reference = ?", gone))
    with Storage.open(data_dir) as storage:
        write_inspection(storage, load_procedure(), tmp_path / "insp")
    text = (tmp_path / "insp" / "LISEZ-MOI.txt").read_text(encoding="utf-8")
    assert "ATTENTION : Registre : incident(s) supprimé(s)" in text and gone in text


def test_an_encrypted_file_with_reordered_keys_is_imported(data_dir, tmp_path, monkeypatch, capsys):
    import json

    from incident_wizard import sealed
    from incident_wizard.domain.clock import now_utc

    with Storage.open(tmp_path / "pharmacie") as storage:
        ref = storage.create_incident(title="chiffré").reference
        path = tmp_path / "f.json"
        sealed.write_incident_file(path, storage.load_incident(ref), storage.journal(ref), now_utc(),
                                   "test", {}, passphrase="une phrase assez longue")
    envelope = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({key: envelope[key] for key in reversed(list(envelope))}, indent=1),
                    encoding="utf-8")
    monkeypatch.setenv("INCIDENT_WIZARD_PASSPHRASE", "une phrase assez longue")
    assert main(["--data-dir", str(data_dir), "import-incident", str(path)]) == 0, capsys.readouterr().err


def test_an_app_error_escaping_a_window_is_said_as_it_is_not_as_unexpected(tmp_path, monkeypatch, qapp):
    import sys

    from PySide6.QtWidgets import QMessageBox

    from incident_wizard.storage import StorageError
    from incident_wizard.ui.app import install_exception_hook

    monkeypatch.setenv("INCIDENT_WIZARD_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(("critical", a[2])))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(("warning", a[2])))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_exception_hook()
    try:
        raise StorageError("Le fichier de données est en lecture seule pour votre compte.")
    except StorageError:
        sys.excepthook(*sys.exc_info())
    assert shown == [("warning", "Le fichier de données est en lecture seule pour votre compte.")]
