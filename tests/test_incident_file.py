"""Incident files: export/import round trip, and bad files rejected with a clear message."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incident_wizard.cli import main
from incident_wizard.domain import incident_file
from incident_wizard.domain.errors import IncidentFileError
from incident_wizard.domain.model import BodyContact, CnilNotification
from incident_wizard.storage import Storage

from .conftest import utc


@pytest.fixture
def exported(storage, tmp_path):
    incident = storage.create_incident(at=utc(2026, 10, 23, 8), title="Vol d'ordinateur portable")
    incident.dates.awareness_at = utc(2026, 10, 23, 7)
    incident.qualification.nature = ["confidentialite"]
    incident.scope.persons_count = 340
    incident.notifications.append(CnilNotification(submitted_at=utc(2026, 10, 24, 8), reference="NOT-1"))
    incident.other_bodies["plainte"] = BodyContact(done=True, done_at=utc(2026, 10, 23, 15), note="récépissé")
    incident.measures.remedy = "Effacement à distance ✓ 😀 العربية"
    storage.save_incident(incident, action="notification_recorded")
    path = tmp_path / "export.json"
    assert main(["export-incident", incident.reference, str(path)]) == 0
    return incident, path


def test_round_trip_gives_an_equal_incident_and_journal(exported, storage, tmp_path):
    incident, path = exported
    original_journal = storage.journal(incident.reference)
    other = tmp_path / "other"
    assert main(["--data-dir", str(other), "import-incident", str(path)]) == 0
    with Storage.open(other) as imported:
        assert imported.load_incident(incident.reference) == incident
        journal = imported.journal(incident.reference)
        # The export itself is journaled after the file is written, so the file holds every
        # entry before it; the import is written to the import log, not to the journal, which
        # stays the sender's entry for entry (a later file can then extend it).
        assert journal == original_journal[:-1]
        assert [i["kind"] for i in imported.imports(incident.reference)] == ["new"]
        assert imported.verify_journal(incident.reference).ok


def test_file_format_is_documented_shape(exported):
    _, path = exported
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "incident-wizard/incident"
    assert data["format_version"] == 7
    assert data["incident"]["dates"]["awareness_at"] == "2026-10-23T07:00:00Z"
    assert [e["seq"] for e in data["journal"]] == [1, 2]
    # version 3: entries cover the facts; version 6: digests of version 2 ("v2:" + SHA-256)
    assert all(e["facts"].startswith("v2:") and len(e["facts"]) == 67 for e in data["journal"])


def test_importing_twice_is_refused_without_change(exported, capsys):
    incident, path = exported
    assert main(["import-incident", str(path)]) == 2
    assert "existe déjà" in capsys.readouterr().err


def _rewrite(path, mutate):
    data = json.loads(path.read_text(encoding="utf-8"))
    mutate(data)
    path.write_text(json.dumps(data), encoding="utf-8")


BAD_FILES = [
    (lambda d: d.update(format="autre-chose"), "ce n'est pas un fichier d'incident"),
    (lambda d: d.update(format_version=8), "plus récent"),
    (lambda d: d.pop("journal"), "« journal » est absente"),
    (lambda d: d["incident"].update(surprise=1), "clé inconnue « surprise »"),
    (lambda d: d["incident"]["dates"].update(awareness_at="hier"), "incident.dates.awareness_at : date invalide"),
    (lambda d: d["incident"]["dates"].update(awareness_at="2026-10-23T07:00:00"), "fuseau"),
    (lambda d: d["incident"]["scope"].update(persons_count="beaucoup"), "incident.scope.persons_count : nombre entier"),
    (lambda d: d["incident"].update(status="perdu"), "statut inconnu"),
    (lambda d: d["journal"][0].update(actor="faussaire"), "n° 1 a été modifiée"),
    (lambda d: d["journal"].pop(0), "n° 1 est manquante"),
    (lambda d: d["incident"].update(reference="VDP-2026-999"), "journal altéré"),
]


@pytest.mark.parametrize("mutate, message", BAD_FILES)
def test_bad_files_are_rejected_with_a_message_and_nothing_imported(exported, tmp_path, capsys,
                                                                    mutate, message):
    _, path = exported
    _rewrite(path, mutate)
    other = tmp_path / "other"
    assert main(["--data-dir", str(other), "import-incident", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err
    with Storage.open(other) as fresh:
        assert fresh.list_incidents() == []


@pytest.mark.parametrize("content, message", [
    (b"{not json", "n'est pas du JSON valide (ligne 1"),
    (b"\xff\xfe\x00garbage", "n'est pas un texte UTF-8"),
    (b"[1, 2]", "n'est pas un objet JSON"),
])
def test_unreadable_files_rejected(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(IncidentFileError, match=re.escape(message)):
        incident_file.read(path)


def test_missing_file_rejected(tmp_path, capsys):
    assert main(["import-incident", str(tmp_path / "absent.json")]) == 2
    assert "n'existe pas" in capsys.readouterr().err


def test_attachments_travel_with_the_incident_file(storage, tmp_path):
    from incident_wizard.application.session import IncidentSession
    from incident_wizard.domain.procedure import load_procedure

    ref = storage.create_incident(title="Avec pièce jointe").reference
    pdf = tmp_path / "recapitulatif.pdf"
    pdf.write_bytes(b"%PDF-1.4 recapitulatif CNIL\n%%EOF")
    session = IncidentSession(storage, load_procedure(), ref)
    session.add_attachment(pdf, "recapitulatif-cnil")
    entry = storage.journal(ref)[-1]
    assert entry.action == "attachment_added" and entry.details["file"] == "recapitulatif.pdf"
    path = tmp_path / "export.json"
    assert main(["export-incident", ref, str(path)]) == 0
    other = tmp_path / "other"
    assert main(["--data-dir", str(other), "import-incident", str(path)]) == 0
    with Storage.open(other) as imported:
        attachment = imported.load_incident(ref).attachments[0]
        assert attachment.name == "recapitulatif.pdf" and attachment.kind == "recapitulatif-cnil"
        assert imported.attachment_content(ref, attachment.sha256) == pdf.read_bytes()


def test_tampered_attachment_is_refused(storage, tmp_path, capsys):
    import base64

    from incident_wizard.application.session import IncidentSession
    from incident_wizard.domain.procedure import load_procedure

    ref = storage.create_incident().reference
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"original")
    IncidentSession(storage, load_procedure(), ref).add_attachment(pdf, "autre")
    path = tmp_path / "export.json"
    assert main(["export-incident", ref, str(path)]) == 0
    _rewrite(path, lambda d: d["attachments"][0].update(content_base64=base64.b64encode(b"forged").decode()))
    assert main(["--data-dir", str(tmp_path / "o"), "import-incident", str(path)]) == 2
    assert "empreinte SHA-256" in capsys.readouterr().err


def test_version_1_files_are_still_read(exported, tmp_path):
    incident, path = exported
    _rewrite(path, lambda d: (d.update(format_version=1), d.pop("attachments")))
    assert main(["--data-dir", str(tmp_path / "v1"), "import-incident", str(path)]) == 0


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**63) | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8)


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, prefix + (index,))


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_corruption_of_a_file_is_refused_with_a_message_never_a_crash(data):
    from incident_wizard.domain import journal as jr
    from incident_wizard.domain.model import Incident

    incident = Incident("VDP-2026-001", utc(2026, 1, 1), title="t")
    incident.scope.person_categories = ["patients"]
    entry = jr.make_entry("VDP-2026-001", None, utc(2026, 1, 1), "x", "incident_created", {"a": 1})
    document = incident_file.dump(incident, [entry], utc(2026, 1, 2), "test")
    paths = [p for p in _paths(document) if p]
    path = data.draw(st.sampled_from(paths))
    value = data.draw(json_values)
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    try:
        incident_file.load(json.loads(json.dumps(document)))
    except IncidentFileError as error:
        assert str(error).startswith("Fichier d'incident invalide")


def test_too_large_attachment_is_refused_before_reading(storage, tmp_path, monkeypatch):
    from incident_wizard import storage as storage_mod
    from incident_wizard.application.session import IncidentSession
    from incident_wizard.domain.errors import ValidationError
    from incident_wizard.domain.procedure import load_procedure

    monkeypatch.setattr(storage_mod, "MAX_ATTACHMENT_BYTES", 10)
    big = tmp_path / "gros.pdf"
    big.write_bytes(b"x" * 11)
    session = IncidentSession(storage, load_procedure(), storage.create_incident().reference)
    with pytest.raises(ValidationError, match="dépasse"):
        session.add_attachment(big, "autre")
    assert session.incident.attachments == []


def test_a_command_run_as_a_process_keeps_everything_it_confirmed(exported, storage, tmp_path):
    """The `incident-wizard` process (entry(): its objects frozen for the garbage collector as
    it ends) has saved and closed everything by then: the imported incident and its journal
    are in the folder, intact, and the folder was closed cleanly (its seal written)."""
    import os
    import subprocess
    import sys

    incident, path = exported
    other = tmp_path / "process"
    result = subprocess.run([sys.executable, "-m", "incident_wizard", "--data-dir", str(other),
                             "import-incident", str(path)], capture_output=True, text=True,
                            env={**os.environ, "INCIDENT_WIZARD_LANGUAGE": "fr"}, check=False)
    assert result.returncode == 0, result.stderr
    assert "importé" in result.stdout
    assert (other / "incidents.sqlite3.verifie").exists()  # closed cleanly before the end
    with Storage.open(other) as imported:
        assert imported.load_incident(incident.reference).measures.remedy == incident.measures.remedy
        assert imported.verify_journal(incident.reference).ok
        sent = json.loads(path.read_text(encoding="utf-8"))["journal"]
        assert [e.hash for e in imported.journal(incident.reference)] == [e["hash"] for e in sent]
