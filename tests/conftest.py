"""Shared fixtures: a private data folder per test, offscreen Qt, a fixed clock."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The test process's own cache (the compiled dataclass methods, incident_wizard.codecache): in
# the temporary folder, never in the user's; each test then gets its own (_isolated_dirs).
os.environ.setdefault("INCIDENT_WIZARD_CACHE_DIR",
                      os.path.join(tempfile.gettempdir(), "incident-wizard-test-cache"))

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# CI replays the same examples every run (a red CI then always means a real regression);
# developers' runs explore new examples.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from PySide6.QtCore import QTimer  # noqa: E402

from incident_wizard.storage import Storage  # noqa: E402

#: Platform markers (pyproject.toml): one suite for Linux and Windows, each test that needs a
#: platform's own API marked, skipped elsewhere with the reason shown in the summary.
PLATFORMS = {"posix": os.name == "posix", "windows": os.name == "nt", "linux": sys.platform.startswith("linux")}


def pytest_runtest_setup(item):
    for name, here in PLATFORMS.items():
        mark = item.get_closest_marker(name)
        if mark is not None and not here:
            pytest.skip(f"{name} only" + (f": {mark.args[0]}" if mark.args else ""))


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path, monkeypatch):
    """Never touch the real user's data or config, whatever a test does."""
    monkeypatch.setenv("INCIDENT_WIZARD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INCIDENT_WIZARD_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("INCIDENT_WIZARD_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


def close_windows() -> None:
    """Close every window (each one saves what is being typed) and let Qt delete them, so that
    no timer of an earlier test fires later on a closed database: the order of the app, which
    closes its windows before the database. (pytest tears the storage fixture down before
    qtbot closes the widgets it was given.)"""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for widget in QApplication.topLevelWidgets():
        widget.close()
        for timer in widget.findChildren(QTimer):
            timer.stop()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def storage(data_dir):
    with Storage.open(data_dir) as opened:
        yield opened
        close_windows()


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def alter_outside(path, sql: str, *args) -> None:  # noqa: ANN001 - a database file
    """Change a database file as another program would: its own connection, the journal's
    append-only triggers dropped first."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        conn.execute("DROP TRIGGER IF EXISTS journal_no_update")
        conn.execute("DROP TRIGGER IF EXISTS journal_no_delete")
        conn.execute(sql, args)
        conn.commit()
    finally:
        conn.close()
