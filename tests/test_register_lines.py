"""The register-wide commands at scale (issue 22) write what they wrote before: `incident-wizard
deadlines` byte for byte (a README contract) on a folder with deadlines ahead, passed, across
the change of time and more than a week away, actions with and without a due day, and an
incident without a pharmacy; `incident-wizard actions` likewise, read from the stored actions
only. The expected outputs were written by the code before the change (main c2439aa) on the
folder built here, at the same instant (``python -m tests.test_register_lines OUT_DIR`` with
that code on the path writes them again)."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from incident_wizard.application.sample import build_sample
from incident_wizard.application.workspace import Workspace
from incident_wizard.cli import main
from incident_wizard.domain.model import Contact, FollowUpAction, Organisation
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.storage import Storage

from .conftest import utc

#: Saturday 24 October 2026, 23:30 UTC: Paris goes back to winter time the next night at 01:00
#: UTC, so that the 72 hours and the action days straddle it.
NOW = utc(2026, 10, 24, 23, 30)
EXPECTED = Path(__file__).parent / "data" / "register-lines"


def build(folder: Path) -> None:
    """Incidents made through the API, then copies with other references, pharmacies (one
    without) and follow-up actions due on days around NOW (with and without a due day)."""
    procedure = load_procedure()
    with Storage.open(folder) as storage:
        templates = [
            build_sample(storage, procedure, NOW - timedelta(days=400)),  # closed, actions open
            build_sample(storage, procedure, NOW - timedelta(days=20), close=False),  # notified
            build_sample(storage, procedure, NOW - timedelta(hours=60), complete=False),  # 12 h left
            build_sample(storage, procedure, NOW - timedelta(hours=71, minutes=31), complete=False),
            build_sample(storage, procedure, NOW - timedelta(hours=100), complete=False),  # passed
            build_sample(storage, procedure, NOW - timedelta(hours=50), complete=False),  # after the change
        ]
        incidents = [storage.load_incident(ref) for ref in templates]
        pharmacies = [Organisation(name=f"Pharmacie n° {n}", siret="", contact=Contact(name=f"T{n}"))
                      for n in range(3)] + [Organisation(name="", siret="")]
        with storage._transaction():
            for n in range(48):
                template = incidents[n % len(incidents)]
                actions = [dataclasses.replace(a, due=(date(2026, 10, 14) + timedelta(days=n % 24)).isoformat(),
                                               owner=a.owner if n % 5 else "")
                           for a in template.actions[:2]]
                if n % 7 == 0:
                    actions.append(FollowUpAction(id="A9", title="Sans échéance", owner="Mme X"))
                copy = dataclasses.replace(template, reference=f"VDP-2026-{n:04d}",
                                           title=f"Incident n° {n}",
                                           created_at=template.created_at - timedelta(minutes=n),
                                           organisation=pharmacies[n % len(pharmacies)],
                                           actions=actions)
                storage._insert_incident(copy, NOW)


def run(folder: Path, command: str) -> str:
    """The command's output at NOW (the workspace's clock)."""
    original = Workspace.__init__

    def at_now(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        original(self, *args, **kwargs)
        self.now = lambda: NOW

    Workspace.__init__ = at_now
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            assert main(["--data-dir", str(folder), command]) == 0
    finally:
        Workspace.__init__ = original
    return out.getvalue()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    path = tmp_path_factory.mktemp("lines") / "data"
    build(path)
    return path


@pytest.mark.parametrize("command", ["deadlines", "actions"])
def test_the_command_writes_what_it_wrote_before_byte_for_byte(folder, command):
    expected = (EXPECTED / f"{command}.txt").read_text(encoding="utf-8")
    got = run(folder, command)
    assert got == expected
    assert len(got.splitlines()) > 30


def test_an_unreadable_incident_is_named_and_the_other_actions_listed(folder, tmp_path, capsys):
    import shutil
    import sqlite3

    from incident_wizard.storage import DB_FILENAME

    copy = tmp_path / "data"
    shutil.copytree(folder, copy)
    conn = sqlite3.connect(copy / DB_FILENAME)
    conn.execute("UPDATE incidents SET data = '{\"actions\": [' WHERE reference = 'VDP-2026-0007'")
    conn.commit()
    conn.close()
    capsys.readouterr()
    got = run(copy, "actions")
    expected = (EXPECTED / "actions.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    assert got == "".join(line for line in expected if not line.startswith("VDP-2026-0007\t"))
    assert got != "".join(expected)
    assert "VDP-2026-0007" in capsys.readouterr().err


def test_a_control_character_in_a_field_never_reaches_the_terminal():
    from incident_wizard.cli.common import lines

    assert lines([("12/01/2027 09:00", "Pharmacie\tdu\x1bParc", "VDP-1"), ("a", "b", "c")]) == \
        "12/01/2027 09:00\tPharmacie du Parc\tVDP-1\na\tb\tc\n"
    assert lines([("a", "b"), ("c", "d")]) == "a\tb\nc\td\n"
    assert lines([]) == ""


@pytest.mark.parametrize("start", [utc(2026, 3, 27, 12), utc(2026, 10, 24, 12)])
def test_deadline_texts_are_right_across_a_change_of_time(start):
    """Every 7 minutes over three days around a change of time, seen from instants on either
    side: the due time in Paris and the time left as a pharmacist reads them."""
    from incident_wizard.domain import clock
    from incident_wizard.domain.dashboard import DashboardItem

    for now in (start, start + timedelta(hours=14, minutes=3), start + timedelta(days=9)):
        for step in range(0, 3 * 24 * 60, 7):
            due = start + timedelta(minutes=step, seconds=step % 60)
            item = DashboardItem(due, "VDP-1", "", "cnil", "Notification à la CNIL (72 h)", now)
            paris = due.astimezone(clock.PARIS)
            assert item.when == f"{paris:%d/%m/%Y %H:%M}"
            left = due - now
            span = abs(left)
            minutes = int(span.total_seconds() // 60)
            hours, rest = divmod(minutes, 60)
            words = (f"{span.days} jours" if span >= timedelta(days=7)
                     else f"{hours} h {rest:02d} min" if hours else f"{rest} min")
            assert item.left == (f"dépassée depuis {words}" if left < timedelta(0) else f"dans {words}")


if __name__ == "__main__":  # write the expected outputs with the code on the path
    import tempfile

    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp) / "data")
        for command in ("deadlines", "actions"):
            (out / f"{command}.txt").write_text(run(Path(tmp) / "data", command), encoding="utf-8")
