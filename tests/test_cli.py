"""The command line: verify-journal exit status, data-dir override, list."""

from __future__ import annotations

import subprocess
import sys

from incident_wizard.cli import main
from incident_wizard.storage import Storage

from .conftest import alter_outside


def test_verify_journal_ok_then_altered(data_dir, capsys):
    with Storage.open(data_dir) as storage:
        ref = storage.create_incident().reference
        storage.append_journal(ref, "step_done", {"step": "signalement"})
    assert main(["verify-journal", ref]) == 0
    assert "intact" in capsys.readouterr().out
    alter_outside(data_dir / "incidents.sqlite3", "UPDATE journal SET action = 'incident_closed' WHERE seq = 2")
    assert main(["verify-journal", ref]) == 1
    assert "n° 2 a été modifiée" in capsys.readouterr().err


def test_data_dir_option_overrides_environment(tmp_path, capsys):
    other = tmp_path / "portable"
    with Storage.open(other) as storage:
        ref = storage.create_incident(title="portable").reference
    assert main(["list", "--data-dir", str(other)]) == 0
    assert ref in capsys.readouterr().out
    assert main(["list"]) == 0
    assert ref not in capsys.readouterr().out


def test_unknown_reference_is_a_clean_error(capsys):
    assert main(["verify-journal", "VDP-0000-000"]) == 2
    assert "Aucun incident" in capsys.readouterr().err


def test_entry_point_runs_as_a_module(tmp_path):
    result = subprocess.run([sys.executable, "-m", "incident_wizard", "--version"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "incident-wizard" in result.stdout


def test_backup_is_a_complete_readable_copy(data_dir, tmp_path, capsys):
    with Storage.open(data_dir) as storage:
        ref = storage.create_incident(title="à sauvegarder").reference
    target = tmp_path / "copie" / "incidents.sqlite3"
    target.parent.mkdir()
    assert main(["backup", str(target)]) == 0
    assert "1 incident(s)" in capsys.readouterr().out
    with Storage.open(target.parent) as copy:
        assert copy.load_incident(ref).title == "à sauvegarder"
        assert copy.verify_journal(ref).ok
    assert main(["backup", str(target)]) == 2  # never overwrites
    assert "existe déjà" in capsys.readouterr().err


def test_help_fits_the_terminal_and_an_unknown_word_lists_the_commands(tmp_path):
    """The help is wrapped to the terminal's width ($COLUMNS), every sub-command is listed; a
    word that names no sub-command is refused with the list; --data-dir alone is no command."""
    env = {**__import__("os").environ, "COLUMNS": "60"}
    shown = subprocess.run([sys.executable, "-m", "incident_wizard", "--help"], env=env,
                           capture_output=True, text=True, check=False)
    assert shown.returncode == 0
    assert max(len(line) for line in shown.stdout.splitlines()) <= 60
    for command in ("import-incident", "verify-journal", "deadlines", "backup", "list"):
        assert command in shown.stdout
    refused = subprocess.run([sys.executable, "-m", "incident_wizard", "--data-dir",
                              str(tmp_path), "importer"], env=env,
                             capture_output=True, text=True, check=False)
    assert refused.returncode == 2
    assert "import-incident" in refused.stderr and "'importer'" in refused.stderr
    assert main(["--data-dir", str(tmp_path / "list")]) == 2  # a folder named "list" is no command
