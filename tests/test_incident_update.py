"""Updating an incident from a newer incident file (issue 15): accepted when the file's journal
extends the stored one (the same entries, the same hashes, then more), all or nothing; a
diverging or shorter history is refused, naming the entry that differs."""

from __future__ import annotations

import pytest

from incident_wizard import sealed
from incident_wizard.application.session import IncidentSession
from incident_wizard.cli import main
from incident_wizard.domain import incident_file
from incident_wizard.domain.clock import now_utc
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.storage import Storage, StorageError

PROCEDURE = load_procedure()


def export(storage, ref, path):
    sealed.write_incident_file(path, storage.load_incident(ref), storage.journal(ref), now_utc(), "test",
                        {a.sha256: storage.attachment_content(ref, a.sha256)
                         for a in storage.load_incident(ref).attachments})
    return path


@pytest.fixture
def pharmacy(tmp_path):
    """The pharmacy's database with one incident, and its first file sent to the DPO."""
    with Storage.open(tmp_path / "pharmacie") as storage:
        ref = storage.create_incident(title="Courriel au mauvais patient").reference
        session = IncidentSession(storage, PROCEDURE, ref)
        session.set_value("scope.persons_count", 1)
        first = export(storage, ref, tmp_path / "v1.json")
        session.set_value("scope.persons_count", 3)
        session.tick("contacter-destinataire", True)
        second = export(storage, ref, tmp_path / "v2.json")
    return ref, first, second


def test_a_newer_file_extends_the_stored_incident(pharmacy, tmp_path, capsys):
    ref, first, second = pharmacy
    dpo = tmp_path / "dpo"
    assert main(["--data-dir", str(dpo), "import-incident", str(first)]) == 0
    assert main(["--data-dir", str(dpo), "import-incident", str(second)]) == 2  # needs --update
    assert "--update" in capsys.readouterr().err
    assert main(["--data-dir", str(dpo), "import-incident", "--update", str(second)]) == 0
    assert "mis à jour" in capsys.readouterr().out
    with Storage.open(dpo) as storage:
        assert storage.load_incident(ref).scope.persons_count == 3
        assert storage.verify_journal(ref).ok
        assert [i["kind"] for i in storage.imports(ref)] == ["new", "update"]
        expected = incident_file.read(second, PROCEDURE).journal
        assert [e.hash for e in storage.journal(ref)] == [e.hash for e in expected]
    # The same file again: nothing to do, said so.
    assert main(["--data-dir", str(dpo), "import-incident", "--update", str(second)]) == 0
    assert "déjà à jour" in capsys.readouterr().out


def test_an_older_file_is_refused_naming_where_it_stops(pharmacy, tmp_path, capsys):
    ref, first, second = pharmacy
    dpo = tmp_path / "dpo"
    assert main(["--data-dir", str(dpo), "import-incident", str(second)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(dpo), "import-incident", "--update", str(first)]) == 2
    err = capsys.readouterr().err
    assert "Le fichier s'arrête à l'entrée n°" in err and "version plus ancienne" in err
    with Storage.open(dpo) as storage:
        assert storage.load_incident(ref).scope.persons_count == 3


def test_a_diverging_history_is_refused_naming_the_entry(pharmacy, tmp_path, capsys):
    """Two people edited the same incident in two places: the DPO's copy and the pharmacy's."""
    ref, first, second = pharmacy
    dpo = tmp_path / "dpo"
    assert main(["--data-dir", str(dpo), "import-incident", str(first)]) == 0
    with Storage.open(dpo) as storage:
        n = len(storage.journal(ref))
        IncidentSession(storage, PROCEDURE, ref, actor="DPO").set_value("scope.persons_count", 2)
        before = storage.load_incident(ref)
    capsys.readouterr()
    assert main(["--data-dir", str(dpo), "import-incident", "--update", str(second)]) == 2
    err = capsys.readouterr().err
    assert f"L'entrée n° {n + 1} du journal diffère" in err and "par DPO" in err
    assert "modifié à deux endroits" in err
    with Storage.open(dpo) as storage:
        assert storage.load_incident(ref) == before  # nothing changed
        assert [i["kind"] for i in storage.imports(ref)] == ["new"]


def test_an_update_is_all_or_nothing(pharmacy, tmp_path, monkeypatch):
    ref, first, second = pharmacy
    with Storage.open(tmp_path / "dpo") as storage:
        loaded = incident_file.read(first, PROCEDURE)
        storage.import_incident(loaded.incident, loaded.journal, contents=loaded.contents)
        newer = incident_file.read(second, PROCEDURE)
        real_insert = storage._insert_entry
        calls = []

        def failing(reference, entry):
            calls.append(entry)
            if len(calls) == 2:
                raise StorageError("disque plein (simulé)")
            real_insert(reference, entry)

        monkeypatch.setattr(storage, "_insert_entry", failing)
        with pytest.raises(StorageError, match="simulé"):
            storage.import_incident(newer.incident, newer.journal, contents=newer.contents, update=True)
        assert len(storage.journal(ref)) == len(loaded.journal)
        assert storage.load_incident(ref).scope.persons_count == 1
        assert storage.verify_journal(ref).ok


def test_an_update_never_overwrites_edits_made_here(pharmacy, tmp_path, capsys):
    """A field edited on the receiver's side since the last import (the description, journaled
    there since issue 25): the update would erase it, so it is refused."""
    ref, first, second = pharmacy
    dpo = tmp_path / "dpo"
    assert main(["--data-dir", str(dpo), "import-incident", str(first)]) == 0
    with Storage.open(dpo) as storage:
        incident = storage.load_incident(ref)
        incident.discovery.description = "Précision du DPO"
        storage.save_incident(incident)
    capsys.readouterr()
    assert main(["--data-dir", str(dpo), "import-incident", "--update", str(second)]) == 2
    err = capsys.readouterr().err
    assert "Rien n'a été importé" in err and "Précision du DPO" not in err
    with Storage.open(dpo) as storage:
        assert storage.load_incident(ref).discovery.description == "Précision du DPO"


def test_an_update_whose_siret_was_deleted_is_refused_not_imported_beside(tmp_path, capsys):
    """A rewritten history sent with --update, the SIRET deleted so that it would land beside
    the incident as "REF@…" unchecked (issue 25): refused, nothing imported."""
    import json

    from incident_wizard.domain import journal as jr
    from incident_wizard.domain import record
    from incident_wizard.domain.model import Organisation

    with Storage.open(tmp_path / "pharmacie") as storage:
        storage.save_profile(Organisation(name="Pharmacie du Port", siret="12345678900011"))
        ref = storage.create_incident(title="Courriel au mauvais patient").reference
        session = IncidentSession(storage, PROCEDURE, ref)
        session.set_value("scope.persons_count", 1)
        first = export(storage, ref, tmp_path / "v1.json")
        session.set_value("scope.persons_count", 3)
        forged = export(storage, ref, tmp_path / "forged.json")
    data = json.loads(forged.read_text(encoding="utf-8"))
    data["incident"]["organisation"]["siret"] = ""
    data["journal"][0]["actor"] = "faussaire"  # the history rewritten from its first entry
    previous = None
    for raw in data["journal"]:
        entry = jr.JournalEntry.from_data(raw)
        facts = record.digest_of(data["incident"]) if raw is data["journal"][-1] else entry.facts
        rebuilt = jr.make_entry(ref, previous, entry.at, entry.actor, entry.action, entry.details, facts)
        raw.update(rebuilt.to_data())
        previous = rebuilt
    forged.write_text(json.dumps(data), encoding="utf-8")
    dpo = tmp_path / "dpo"
    assert main(["--data-dir", str(dpo), "import-incident", str(first)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(dpo), "import-incident", "--update", str(forged)]) == 2
    assert "autre pharmacie" in capsys.readouterr().err
    with Storage.open(dpo) as storage:
        assert [s.reference for s in storage.list_incidents()] == [ref]
