"""forms/ and resources/ are found from a source checkout, an installed wheel and a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from incident_wizard import locations


def test_source_checkout_finds_the_repository_folders():
    assert locations.forms_dir() == Path(__file__).parents[1] / "forms"
    assert (locations.resources_dir() / "templates" / "letter.html").is_file()


def test_frozen_bundle_folder_comes_first(tmp_path, monkeypatch):
    (tmp_path / "forms").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert locations.forms_dir() == tmp_path / "forms"


def test_unknown_folder_is_refused():
    with pytest.raises(ValueError):
        locations.bundled_dir("secrets")


def test_data_dir_override_order(tmp_path, monkeypatch):
    monkeypatch.setenv(locations.DATA_DIR_ENV, str(tmp_path / "env"))
    assert locations.user_data_dir() == tmp_path / "env"
    assert locations.user_data_dir(tmp_path / "option") == tmp_path / "option"
    monkeypatch.delenv(locations.DATA_DIR_ENV)
    assert "IncidentWizard" in str(locations.user_data_dir())
