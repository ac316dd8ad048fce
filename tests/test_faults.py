"""Hostile input and damaged data (issue 13): one validator for incident data, bounded parsing,
quarantine of a damaged incident instead of a lock-out, French messages, never a traceback."""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
import time
from pathlib import Path

import pytest

from incident_wizard.application.sample import build_sample
from incident_wizard.application.workspace import Workspace
from incident_wizard.cli import main
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.storage import DamagedIncidentError, Storage

PROCEDURE = load_procedure()
V2 = Path(__file__).parent / "data" / "incident-v2-sample.json"


def good() -> dict:
    return json.loads(V2.read_text(encoding="utf-8"))


def write(tmp_path: Path, data, name="hostile.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def with_attachment(data: dict, content: bytes, times: int = 1) -> dict:
    digest = hashlib.sha256(content).hexdigest()
    data["incident"]["attachments"] = [{"name": "a.pdf", "sha256": digest, "size": len(content),
                                        "kind": "autre", "added_at": "2026-10-24T08:00:00Z"}]
    data["attachments"] = [{"sha256": digest,
                            "content_base64": base64.b64encode(content).decode()}] * times
    return data


def awareness(year: str):
    def change(d):
        d["incident"]["dates"]["awareness_at"] = f"{year}-01-01T00:00:00Z"
    return change


def set_in(path: list, value):
    def change(d):
        target = d
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


# (case, how the file is made hostile, words the French refusal must contain)
HOSTILE = [
    ("year 0001", awareness("0001"), "hors des limites"),
    ("year 9999", awareness("9999"), "hors des limites"),
    ("unknown outcome", set_in(["incident", "decision", "outcome"], "tout_va_bien"), "décision inconnue"),
    ("unknown option", set_in(["incident", "qualification", "nature"], ["teleportation"]), "inconnue"),
    ("unknown body", set_in(["incident", "other_bodies"], {"nasa": {"done": True}}), "inconnue"),
    ("unknown risk answer", set_in(["incident", "risk", "answers"], {"dpc": "9"}), "inconnue"),
    ("huge description", set_in(["incident", "discovery", "description"], "x" * 3_000_000),
     "au-delà de la limite"),
    ("negative count", set_in(["incident", "scope", "persons_count"], -5), "négatif"),
    ("surrogate in actor", set_in(["journal", 0, "actor"], "\ud800"), "caractère invalide"),
    ("same attachment twice", lambda d: with_attachment(d, b"%PDF-1.4 x", times=2), "deux fois"),
    ("attachment over 25 MB", lambda d: with_attachment(d, b"0" * (26 * 1024 * 1024)), "25 Mo"),
]


@pytest.mark.parametrize("case, change, words", HOSTILE, ids=[c[0] for c in HOSTILE])
def test_hostile_incident_files_are_refused_in_french_and_nothing_is_imported(
        case, change, words, tmp_path, capsys):
    data = good()
    change(data)
    path = write(tmp_path, data)
    data_dir = tmp_path / "data"
    assert main(["--data-dir", str(data_dir), "import-incident", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Erreur : ") and words in err and "Traceback" not in err
    with Storage.open(data_dir) as storage:
        assert storage.list_incidents() == []
    assert main(["--data-dir", str(data_dir), "assess", str(path)]) == 2


@pytest.mark.parametrize("text, words", [
    ("[" * 200_000 + "]" * 200_000, "imbriqué trop profondément"),
    ('{"format": "incident-wizard/incident", "format_version": ' + "9" * 5000 + "}", "nombre démesuré"),
], ids=["200000 levels", "5000 digits"])
def test_unbounded_json_is_refused(text, words, tmp_path, capsys):
    path = write(tmp_path, text)
    assert main(["--data-dir", str(tmp_path / "d"), "import-incident", str(path)]) == 2
    assert words in capsys.readouterr().err


def _damage(storage: Storage, sql: str, *args) -> None:
    conn = sqlite3.connect(storage.path)
    conn.execute(sql, args)
    conn.commit()
    conn.close()


def test_a_damaged_incident_is_quarantined_and_the_rest_stays_usable(storage, tmp_path, capsys):
    from incident_wizard.application.exports import write_inspection, write_register

    good_ref = build_sample(storage, PROCEDURE)
    bad_ref = storage.create_incident(title="Abîmé").reference
    _damage(storage, "UPDATE incidents SET data = '{\"reference\": ' WHERE reference = ?", bad_ref)
    listed = {r.reference: r for r in storage.list_incidents()}
    assert listed[bad_ref].damaged and not listed[good_ref].damaged
    with pytest.raises(DamagedIncidentError, match="Les autres incidents restent utilisables"):
        storage.load_incident(bad_ref)
    result = write_register(storage, PROCEDURE, tmp_path / "reg", pdf=False)
    assert any(bad_ref in w for w in result.warnings)
    csv_text = next(p for p in result.files if p.suffix == ".csv").read_text("utf-8-sig")
    assert good_ref in csv_text
    inspection = write_inspection(storage, PROCEDURE, tmp_path / "insp")
    index = (tmp_path / "insp" / "LISEZ-MOI.txt").read_text("utf-8")
    assert "INCIDENTS ILLISIBLES" in index and bad_ref in index
    assert inspection.files
    data_dir = str(storage.path.parent)
    assert main(["--data-dir", data_dir, "list"]) == 0
    assert main(["--data-dir", data_dir, "verify-journal", bad_ref]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_an_out_of_range_date_stored_by_an_older_version_locks_nobody_out(storage, capsys):
    ref = storage.create_incident(title="An 1").reference
    other = storage.create_incident(title="Normal").reference
    _damage(storage, "UPDATE incidents SET awareness_at = '0001-01-01T00:00:00Z' WHERE reference = ?", ref)
    listed = {r.reference: r for r in storage.list_incidents()}
    assert "hors des limites" in listed[ref].damaged and not listed[other].damaged
    assert main(["--data-dir", str(storage.path.parent), "list"]) == 0


def test_the_gui_starts_when_the_last_open_incident_is_damaged(qtbot, storage):
    from incident_wizard.ui.main_window import MainWindow

    ref = storage.create_incident(title="Abîmé").reference
    storage.set_setting("last_open_incident", ref)
    _damage(storage, "UPDATE incidents SET data = 'not json' WHERE reference = ?", ref)
    window = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(window)
    window.show()
    window.resume()
    assert window.incident_page is None  # stays on the home list
    model = window.home.table.model().sourceModel()
    row = next(i for i, r in enumerate(model.rows) if r.reference == ref)
    assert "Incident endommagé" in model.text(row, 1)


def test_the_wizard_caps_a_huge_paste_with_a_french_message(qtbot, storage):
    from incident_wizard.application.session import IncidentSession
    from incident_wizard.ui.incident_page import IncidentPage

    from .gui_helpers import editor

    ref = storage.create_incident(title="Collage").reference
    page = IncidentPage(IncidentSession(storage, PROCEDURE, ref))
    qtbot.addWidget(page)
    page.show()
    page.show_step("qualification")
    field = editor(page, "qualification.circumstances")
    field.input.setFocus()
    started = time.perf_counter()
    field.input.insertPlainText("Collé depuis un courriel. " * 40_000)  # a 1 MB paste
    field.flush()
    assert time.perf_counter() - started < 5  # no freeze
    assert "au-delà de la limite" in field.error_text()
    assert storage.load_incident(ref).qualification.circumstances == ""


def test_the_repeated_autumn_hour_is_kept_when_saved_again(qtbot):
    from datetime import UTC, datetime

    from incident_wizard.ui.fields import DateTimeInput

    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 Paris, second time (winter time)
    widget = DateTimeInput()
    qtbot.addWidget(widget)
    widget.set_value(second)
    assert widget.value() == second  # not moved one hour earlier
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 Paris, first time (summer time)
    widget.set_value(first)
    assert widget.value() == first


@pytest.mark.posix("symbolic links need privileges on Windows")
def test_the_instance_lock_follows_the_database_real_path(tmp_path):
    from incident_wizard.instance import InstanceLock

    real = tmp_path / "real"
    with Storage.open(real):
        pass
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / "incidents.sqlite3").symlink_to(real / "incidents.sqlite3")
    first = InstanceLock(real)
    assert first.acquire()
    assert not InstanceLock(linked).acquire()  # a second window on the same file is refused
    first.release()


def test_a_full_disk_at_start_gives_a_french_message_not_a_crash(tmp_path, monkeypatch):
    import errno
    import os

    from incident_wizard import instance
    from incident_wizard.instance import InstanceLock, InstanceLockError

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(instance.os, "open", full)
    with pytest.raises(InstanceLockError, match="le disque est plein"):
        InstanceLock(tmp_path / "data").acquire()


@pytest.mark.posix("POSIX permission bits (Windows: tests/test_windows.py)")
def test_exports_are_private_from_creation_and_never_half_written(storage, tmp_path, monkeypatch):
    import os
    import stat

    from incident_wizard import files
    from incident_wizard.application.exports import write_incident_documents
    from incident_wizard.documents import export

    ref = build_sample(storage, PROCEDURE)
    out = tmp_path / "new-folder"
    seen_modes = []
    real_write = export.write_docx

    def spying_write(html, path, *args, **kwargs):
        real_write(html, path, *args, **kwargs)
        seen_modes.append(stat.S_IMODE(os.stat(path).st_mode))  # before any chmod
        if "fiche-registre" in str(path):
            raise OSError(28, "No space left on device")  # the disk fills up mid-export

    monkeypatch.setattr(export, "write_docx", spying_write)
    with pytest.raises(OSError):
        write_incident_documents(storage, PROCEDURE, ref, out, pdf=False)
    assert seen_modes and all(mode == 0o600 for mode in seen_modes)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o700  # the folder the app created
    names = [p.name for p in out.iterdir()]
    assert not any(name.startswith(files.TMP_MARK) for name in names)  # no half-written file
    assert f"{ref}-fiche-registre.docx" not in names


@pytest.mark.posix("POSIX permission bits (Windows: tests/test_windows.py)")
def test_an_existing_folder_keeps_its_permissions(storage, tmp_path):
    import os
    import stat

    from incident_wizard.application.exports import write_register

    shared = tmp_path / "partage"
    shared.mkdir()
    os.chmod(shared, 0o755)
    write_register(storage, PROCEDURE, shared, pdf=False)
    assert stat.S_IMODE(os.stat(shared).st_mode) == 0o755  # the app never changes it


def test_a_failed_backup_leaves_nothing_and_can_be_retried(storage, tmp_path, monkeypatch):
    import os
    import stat

    (tmp_path / "cle-usb").mkdir()
    target = tmp_path / "cle-usb" / "sauvegarde.sqlite3"
    real_fsync = os.fsync

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(Exception, match="rien n'a été laissé"):
        storage.backup(target)
    assert list(target.parent.iterdir()) == []  # no partial copy that would block the retry
    monkeypatch.setattr(os, "fsync", real_fsync)
    storage.backup(target)  # the retry works
    if os.name == "posix":  # Windows: tests/test_windows.py checks the ACLs
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
