"""Encrypted incident files (issue 15): an incident travels encrypted with a passphrase; the
round trip gives the same incident and journal; a wrong passphrase or a tampered file is refused
in French and nothing is imported; a hostile envelope cannot make the app spend gigabytes."""

from __future__ import annotations

import base64
import json

import pytest

from incident_wizard import sealed
from incident_wizard.application.sample import build_sample
from incident_wizard.cli import main
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.storage import Storage

PROCEDURE = load_procedure()
PASSPHRASE = "cheval agrafe batterie correcte"


@pytest.fixture
def sealed_file(storage, tmp_path, monkeypatch):
    ref = build_sample(storage, PROCEDURE)
    monkeypatch.setenv("INCIDENT_WIZARD_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "incident.iwz"
    assert main(["export-incident", ref, str(path), "--encrypt"]) == 0
    return ref, path


def test_round_trip_of_an_encrypted_incident(sealed_file, storage, tmp_path, capsys):
    ref, path = sealed_file
    raw = path.read_bytes()
    assert b"Pharmacie Exemple" not in raw and b"VDP-2026" not in raw  # nothing readable
    assert json.loads(raw)["format"] == "incident-wizard/encrypted-incident"
    other = tmp_path / "dpo"
    assert main(["--data-dir", str(other), "import-incident", str(path)]) == 0
    with Storage.open(other) as imported:
        assert imported.load_incident(ref) == storage.load_incident(ref)
        assert imported.verify_journal(ref).ok
    assert storage.journal(ref)[-1].details["encrypted"] is True


def test_a_wrong_passphrase_is_refused_and_nothing_is_imported(sealed_file, tmp_path, monkeypatch, capsys):
    _, path = sealed_file
    monkeypatch.setenv("INCIDENT_WIZARD_PASSPHRASE", "une autre phrase secrète")
    other = tmp_path / "dpo"
    assert main(["--data-dir", str(other), "import-incident", str(path)]) == 2
    err = capsys.readouterr().err
    assert "ne s'ouvre pas avec cette phrase secrète" in err and "Traceback" not in err
    with Storage.open(other) as imported:
        assert imported.list_incidents() == []


@pytest.mark.parametrize("tamper", ["ciphertext", "nonce", "cost"])
def test_a_tampered_file_is_refused(sealed_file, tmp_path, capsys, tamper):
    _, path = sealed_file
    envelope = json.loads(path.read_bytes())
    if tamper == "ciphertext":
        data = bytearray(base64.b64decode(envelope["ciphertext"]))
        data[len(data) // 2] ^= 1
        envelope["ciphertext"] = base64.b64encode(bytes(data)).decode()
    elif tamper == "nonce":
        envelope["cipher"]["nonce"] = base64.b64encode(b"\0" * 12).decode()
    else:
        envelope["kdf"]["n"] = 2**14  # a parameter changed: authenticated, so refused
    path.write_text(json.dumps(envelope))
    assert main(["--data-dir", str(tmp_path / "dpo"), "import-incident", str(path)]) == 2
    err = capsys.readouterr().err
    assert "ne s'ouvre pas avec cette phrase secrète" in err and "modifié depuis son envoi" in err


def test_a_hostile_envelope_cannot_demand_a_huge_key_derivation(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("INCIDENT_WIZARD_PASSPHRASE", PASSPHRASE)
    envelope = json.loads(sealed.seal(b"{}", PASSPHRASE))
    envelope["kdf"]["n"] = 2**30  # 1 TiB of memory for scrypt
    path = tmp_path / "hostile.iwz"
    path.write_text(json.dumps(envelope))
    assert main(["--data-dir", str(tmp_path / "d"), "import-incident", str(path)]) == 2
    assert "paramètres que l'application refuse" in capsys.readouterr().err


def test_a_short_passphrase_is_refused_before_anything_is_written(storage, tmp_path, monkeypatch, capsys):
    ref = storage.create_incident().reference
    monkeypatch.setenv("INCIDENT_WIZARD_PASSPHRASE", "court")
    path = tmp_path / "x.iwz"
    assert main(["export-incident", ref, str(path), "--encrypt"]) == 2
    assert "au moins 12 caractères" in capsys.readouterr().err
    assert not path.exists()
    assert storage.journal(ref)[-1].action != "incident_exported"


def test_a_file_asking_for_more_than_128_mib_is_refused_before_deriving(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("INCIDENT_WIZARD_PASSPHRASE", PASSPHRASE)
    envelope = json.loads(sealed.seal(b"{}", PASSPHRASE))
    envelope["kdf"]["n"], envelope["kdf"]["r"] = 2**17, 16  # 256 MiB
    path = tmp_path / "heavy.iwz"
    path.write_text(json.dumps(envelope))
    assert main(["--data-dir", str(tmp_path / "d"), "import-incident", str(path)]) == 2
    assert "paramètres que l'application refuse" in capsys.readouterr().err
