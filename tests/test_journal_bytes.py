"""What a journaled save stores, byte for byte: the journal rows (their details as stored, their
hashes and facts digests), the incident's row and its due items, for a fixed sequence of saves.

The expected rows (tests/data/journal-bytes.json) were written by the version that preceded the
speed work on the journaled edit (issue 22): a faster save must store exactly the same bytes,
so that old databases and incident files keep verifying and a new entry hashes as an old one
did. Each hash is also recomputed here from its stored row, with hashlib and json alone."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from incident_wizard.domain.model import Contact, FollowUpAction, Organisation

from .conftest import utc

EXPECTED = Path(__file__).parent / "data" / "journal-bytes.json"


def build(storage) -> list[str]:  # noqa: ANN001 - a Storage
    """A fixed sequence of saves, journaled and not, on two incidents; their references."""
    storage.save_profile(Organisation(
        name="Pharmacie de l'Église", siret="73282932000074", address="1 rue d'Été",
        postal_code="69000", city="Lyon",
        legal_representative=Contact("Claire Martin", "Titulaire", "t@exemple.fr", "04 00 00 00 00")))
    incident = storage.create_incident(at=utc(2026, 10, 23, 8), actor="Claire Martin",
                                       title="Rançongiciel \ud800 poste du comptoir")
    other = storage.create_incident(at=utc(2026, 10, 23, 8, 1), actor="Claire Martin")
    incident.dates.awareness_at = utc(2026, 10, 23, 7, 30)
    incident.scenario = "rancongiciel"
    storage.save_incident(incident, utc(2026, 10, 23, 8, 2), "step_done",
                          {"step": "signalement", "note": "réseau coupé « vite »"}, actor="Claire Martin")
    # A fact changed without an action (facts_changed), a long text cut in the entry.
    incident.discovery.description = "Écran noir, message de rançon. " * 100
    storage.save_incident(incident, utc(2026, 10, 23, 8, 3), actor="Claire Martin")
    # Nothing changed: nothing journaled.
    storage.save_incident(incident, utc(2026, 10, 23, 8, 4), actor="Claire Martin")
    # Containment actions ticked and unticked, by an actor whose name holds a lone surrogate.
    for minute, item in enumerate(("debrancher-reseau", "ne-pas-payer", "debrancher-reseau")):
        if item in incident.checklist:
            del incident.checklist[item]
            action = "checklist_unticked"
        else:
            incident.checklist[item] = utc(2026, 10, 23, 9, minute)
            action = "checklist_ticked"
        storage.save_incident(incident, utc(2026, 10, 23, 9, minute), action,
                              {"item": item, "label": item}, actor="J\udc80rôme")
    # A decision with a second action in the same transaction, a follow-up action due.
    incident.decision.outcome = "notify_cnil"
    incident.decision.recommended = "notify_cnil"
    incident.decision.justification = "Données de santé, 2 400 patients."
    incident.actions.append(FollowUpAction(id="a1", title="Changer les mots de passe", due="2026-11-02",
                                           created_at=utc(2026, 10, 23, 10)))
    storage.save_incident(incident, utc(2026, 10, 23, 10), "decision_made", {"outcome": "notify_cnil"},
                          actor="Claire Martin",
                          more=[("action_added", {"id": "a1", "title": "Changer les mots de passe"})])
    # Actions alone, one by one, in a batch, and on both incidents at once.
    storage.append_journal(incident.reference, "step_done", {"step": "qualification"},
                           at=utc(2026, 10, 23, 11), actor="Claire Martin")
    storage.append_journal_batch(incident.reference, [("step_done", {"step": "risque"}),
                                                      ("reminder_acknowledged", {"n": [1, 2.5, None]})],
                                 at=utc(2026, 10, 23, 12), actor="Claire Martin")
    storage.append_journal_many([incident.reference, other.reference], "document_exported",
                                {"document": "registre", "file": "registre.docx", "sha256": "0" * 64},
                                at=utc(2026, 10, 23, 13), actor="Claire Martin")
    incident.title = "Rançongiciel sur le poste du comptoir"
    storage.save_incident(incident, utc(2026, 10, 23, 14), "step_done", {"step": "notification"},
                          actor="Claire Martin")
    return [incident.reference, other.reference]


def stored_rows(storage, references: list[str]) -> dict[str, list[list]]:  # noqa: ANN001
    """The journal, incident and due item rows of ``references``, every column, as stored."""
    conn = storage._conn
    marks = ",".join("?" * len(references))
    return {table: [list(row) for row in conn.execute(
        f"SELECT * FROM {table} WHERE reference IN ({marks}) ORDER BY {order}", references)]
        for table, order in (("journal", "reference, seq"), ("incidents", "reference"),
                             ("due_items", "reference, id"))}


def test_a_journaled_save_stores_the_same_bytes_as_before(storage):
    references = build(storage)
    rows = stored_rows(storage, references)
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert rows["journal"] == expected["journal"]
    assert rows["incidents"] == expected["incidents"]
    assert rows["due_items"] == expected["due_items"]
    for reference in references:
        assert storage.verify_journal(reference).ok


def test_each_stored_hash_is_the_sha256_of_its_row():
    """Recomputed from the stored values alone (not through the app's code): the canonical JSON
    (sorted keys, no spaces, UTF-8) of the reference, sequence, time, actor, action, details,
    previous hash and facts digest."""
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    columns = ("reference", "seq", "at", "actor", "action", "details", "prev_hash", "hash", "facts")
    previous: dict[str, str] = {}
    for row in expected["journal"]:
        entry = dict(zip(columns, row, strict=True))
        payload = {"ref": entry["reference"], "seq": entry["seq"], "at": entry["at"],
                   "actor": entry["actor"], "action": entry["action"],
                   "details": json.loads(entry["details"]), "prev": entry["prev_hash"],
                   "facts": entry["facts"]}
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == entry["hash"]
        assert entry["prev_hash"] == previous.get(entry["reference"], "0" * 64)
        previous[entry["reference"]] = entry["hash"]
    assert len(expected["journal"]) > 12


def test_the_functions_written_for_often_saved_classes_give_the_same_data(storage, monkeypatch):
    """to_data writes a function for each dataclass it has turned into data many times (a
    window saves at every keystroke): the data, hence the bytes stored, are the same as
    before."""
    from incident_wizard.domain import serialize

    class Text(str):
        pass

    references = build(storage)
    incident = storage.load_incident(references[0])
    incident.checklist["ferm\udce9"] = utc(2026, 10, 23, 9)  # a lone surrogate in a key
    incident.discovery.description = Text("Découverte \ud800 tardive")
    incident.qualification.nature = ("confidentialite", "disponibilite")  # a tuple, as stored
    monkeypatch.setattr(serialize, "_writers", {})
    monkeypatch.setattr(serialize, "_conversions", {})
    expected = serialize.json_text(serialize.to_data(incident))
    for _ in range(serialize._WRITE_AFTER):
        serialize.to_data(incident)
    assert type(incident) in serialize._writers and type(incident.organisation) in serialize._writers
    assert serialize.json_text(serialize.to_data(incident)) == expected
    assert "ferm\ufffd" in expected and "Découverte \ufffd tardive" in expected
