"""Daily-use proof: self-check, one window per data folder, logs without contents, the read-only
sample, and no network connection during a whole incident."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from incident_wizard.application.workspace import Workspace
from incident_wizard.domain.clock import now_utc
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.instance import InstanceLock
from incident_wizard.storage import Storage

PROCEDURE = load_procedure()
ROOT = Path(__file__).parents[1]


def test_self_check_passes_and_says_what_it_checked(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "INCIDENT_WIZARD_DATA_DIR": str(tmp_path / "d")}
    result = subprocess.run([sys.executable, "-m", "incident_wizard", "--self-check"],
                            capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    for expected in ("Procédure (forms/) chargée et validée", "qtbase_fr chargé",
                     "Documents générés et vérifiés", "Interface", "Auto-vérification réussie."):
        assert expected in result.stdout
    assert not (tmp_path / "d").exists()  # the user's data folder is not even created


def test_self_check_reports_a_broken_forms_folder(tmp_path, monkeypatch, capsys):
    import shutil

    from incident_wizard import locations
    from incident_wizard.selfcheck import run_self_check

    broken = tmp_path / "forms"
    shutil.copytree(locations.forms_dir(), broken)
    (broken / "risk.toml").write_text("format_version = 1\n", encoding="utf-8")
    real = locations.bundled_dir
    monkeypatch.setattr(locations, "bundled_dir", lambda name: broken if name == "forms" else real(name))
    assert run_self_check() == 1
    out = capsys.readouterr().out
    assert "ÉCHEC   Procédure (forms/)" in out and "forms/risk.toml" in out


def test_instance_lock_is_exclusive_and_released(tmp_path):
    first = InstanceLock(tmp_path)
    assert first.acquire()
    assert not InstanceLock(tmp_path).acquire()
    first.release()
    second = InstanceLock(tmp_path)
    assert second.acquire()
    second.release()


def test_second_window_says_the_data_is_in_use(tmp_path, monkeypatch, qapp):
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from incident_wizard.instance import InstanceLock
            lock = InstanceLock(r"{tmp_path}")
            print("locked" if lock.acquire() else "busy", flush=True)
            sys.stdin.readline()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        shown = []
        monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
        monkeypatch.setenv("INCIDENT_WIZARD_LOG_DIR", str(tmp_path / "logs"))
        from incident_wizard.ui.app import run_gui

        assert run_gui(tmp_path) == 3
        assert "déjà ouvert" in shown[0]
        assert not (tmp_path / "incidents.sqlite3").exists()  # nothing was opened or written
    finally:
        holder.communicate("\n", timeout=10)


def test_logs_are_written_rotated_and_hold_no_incident_content(tmp_path, monkeypatch, qapp):
    from incident_wizard.logs import LOG_FILE, log, setup_logging

    monkeypatch.setenv("INCIDENT_WIZARD_LOG_DIR", str(tmp_path / "logs"))
    path = setup_logging()
    with Storage.open(tmp_path / "data") as storage:
        ref = storage.create_incident(title="Secret: patient Dupont").reference
        log.info("incident opened %s", ref)
    for handler in log.handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert path.name == LOG_FILE and ref in text and "Dupont" not in text
    # 512 KiB a file, 5 older files kept: 4 MiB of events leave 6 files, none much over the size.
    line = "reminder shown " + "x" * 1000
    for index in range(4 * 1024):
        log.info("%d %s", index, line)
    for handler in log.handlers:
        handler.flush()
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == [LOG_FILE] + [f"{LOG_FILE}.{n}" for n in range(1, 6)]
    for file in path.parent.iterdir():
        assert file.stat().st_size <= 512 * 1024 + 2048
        if os.name == "posix":
            assert stat.S_IMODE(file.stat().st_mode) == 0o600
    newest_old = (path.parent / f"{LOG_FILE}.1").read_text(encoding="utf-8").splitlines()
    current = path.read_text(encoding="utf-8").splitlines()
    assert int(current[0].split(": ", 1)[1].split()[0]) == int(newest_old[-1].split(": ", 1)[1].split()[0]) + 1
    assert current[-1].endswith(line) and " 4095 " in current[-1]


def test_sample_opens_read_only_without_touching_the_register(qtbot, storage):
    from incident_wizard.ui.main_window import MainWindow

    window = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(window)
    sample = window.show_sample()
    page = sample.sample_page
    assert page.session.read_only
    assert "Exemple" in sample.windowTitle()
    assert storage.list_incidents() == []
    page.show_step("notification-cnil")
    notification = page.pages["notification-cnil"].panel
    assert notification.draft_button.isEnabled() and not notification.record_box.isEnabled()
    sample.close()


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to create a network socket fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise NetworkAttempt(f"network access attempted: {args!r}")

    class GuardedSocket(socket.socket):
        def __init__(self, family=-1, *args, **kwargs):
            if family in (socket.AF_INET, socket.AF_INET6, -1):
                refuse(family, *args)
            super().__init__(family, *args, **kwargs)

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_a_whole_incident_opens_no_network_connection(qtbot, storage, tmp_path, monkeypatch, no_network):
    from incident_wizard.application.exports import write_register
    from incident_wizard.ui.main_window import MainWindow

    from .gui_helpers import check_options, choose, click, set_datetime, step_done, type_text

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "docs"))
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: None)
    window = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(window)
    window.show()
    click(qtbot, window.home.new_button)
    page = window.incident_page
    type_text(qtbot, page, "title", "Vol d'ordinateur")
    set_datetime(page, "dates.awareness_at", now_utc() - timedelta(hours=1))
    choose(page, "discovery.how_discovered", "constat-interne")
    step_done(qtbot, page)
    scenario = page.pages["premiers-reflexes"].panel
    scenario.combo.setCurrentIndex(scenario.combo.findData("vol-perte-appareil"))
    step_done(qtbot, page)
    step_done(qtbot, page)
    check_options(qtbot, page, "scope.person_categories", ["patients"])
    type_text(qtbot, page, "scope.persons_count", "12")
    check_options(qtbot, page, "scope.data_categories", ["etat-civil", "sante"])
    step_done(qtbot, page)
    step_done(qtbot, page)
    click(qtbot, page.pages["decision"].panel.record_button)
    step_done(qtbot, page)
    notification = page.pages["notification-cnil"].panel
    click(qtbot, notification.draft_button)
    notification.reference.setText("N-42")
    click(qtbot, notification.record_button)
    write_register(storage, PROCEDURE, tmp_path / "reg")
    assert (tmp_path / "docs").is_dir() and storage.load_incident(page.session.reference).notifications
    assert no_network == []


def test_the_network_guard_does_catch_a_connection(no_network):
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with pytest.raises(NetworkAttempt):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    assert len(no_network) == 2


def test_gui_refuses_a_corrupt_database_with_a_message_and_keeps_it(tmp_path, monkeypatch, qapp):
    from incident_wizard.ui.app import run_gui

    monkeypatch.setenv("INCIDENT_WIZARD_LOG_DIR", str(tmp_path / "logs"))
    (tmp_path / "data").mkdir()
    database = tmp_path / "data" / "incidents.sqlite3"
    database.write_bytes(b"garbage" * 1000)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    assert run_gui(tmp_path / "data") == 2
    assert "endommagé" in shown[0] and "n'a pas été modifié" in shown[0]
    assert database.read_bytes() == b"garbage" * 1000


def test_backup_from_the_menu(qtbot, storage, tmp_path, monkeypatch):
    from incident_wizard.ui.main_window import MainWindow

    target = tmp_path / "sauvegarde.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    ref = storage.create_incident(title="x").reference
    window = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(window)
    assert window.backup() == target
    assert "Toutes les données" in shown[0]
    import sqlite3

    conn = sqlite3.connect(target)
    assert conn.execute("SELECT reference FROM incidents").fetchone()[0] == ref
    conn.close()


def test_about_says_where_the_data_and_logs_are(qtbot, storage):
    from incident_wizard.ui.main_window import MainWindow

    window = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(window)
    text = window.about_text()
    assert str(storage.path) in text and "Journal technique" in text and "internet" in text
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["Pharmacie", "Aide"]


def test_broken_forms_at_start_are_explained_and_release_the_data(tmp_path, monkeypatch, qapp):
    import shutil

    from incident_wizard import locations
    from incident_wizard.ui.app import run_gui

    monkeypatch.setenv("INCIDENT_WIZARD_LOG_DIR", str(tmp_path / "logs"))
    broken = tmp_path / "forms"
    shutil.copytree(locations.forms_dir(), broken)
    (broken / "risk.toml").write_text("format_version = 1\n", encoding="utf-8")
    real = locations.bundled_dir
    monkeypatch.setattr(locations, "bundled_dir", lambda name: broken if name == "forms" else real(name))
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    assert run_gui(tmp_path / "data") == 2
    assert "forms/risk.toml" in shown[0]
    assert InstanceLock(tmp_path / "data").acquire()  # the lock was released


def test_backup_refuses_to_replace_the_live_database(qtbot, storage, monkeypatch):
    from incident_wizard.ui.main_window import MainWindow

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(storage.path), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    ref = storage.create_incident(title="précieux").reference
    window = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(window)
    assert window.backup() is None
    assert "base de données en service" in shown[0]
    assert storage.load_incident(ref).title == "précieux"


def test_an_unexpected_error_is_logged_without_its_message(tmp_path, monkeypatch, qapp):
    """An exception's text can quote an incident (a title, a description): the log keeps its type
    and where it happened, never its message; log files are private from creation."""
    import sys

    from incident_wizard.logs import log, setup_logging
    from incident_wizard.ui.app import install_exception_hook

    monkeypatch.setenv("INCIDENT_WIZARD_LOG_DIR", str(tmp_path / "logs"))
    path = setup_logging()
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_exception_hook()
    try:
        raise ValueError("ordonnance de Mme Dupont, NIR 2 84 05 75 123 456 78")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    for handler in log.handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "ValueError" in text and "test_daily_use.py" in text
    assert "Dupont" not in text and "84 05" not in text
    assert "Dupont" not in shown[0] and "ValueError" in shown[0]
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
