"""Extending a journal checks its stored head only (issue "Fast at any size", point 1): the work of
a journaled save does not grow with the journal, and an incident altered outside the app is still
never saved over. What only the full verification finds (an entry altered further back) is found
there, at opening and before an export."""

from __future__ import annotations

import json
import sqlite3

import pytest

from incident_wizard.domain import journal as jr
from incident_wizard.domain.serialize import format_instant
from incident_wizard.storage import JournalAlteredError, StorageError

from .conftest import utc


def _tamper(storage, sql, *args):
    """An edit of the database file with another tool (the app's triggers dropped first)."""
    conn = sqlite3.connect(storage.path)
    conn.execute("DROP TRIGGER IF EXISTS journal_no_update")
    conn.execute("DROP TRIGGER IF EXISTS journal_no_delete")
    conn.execute(sql, args)
    conn.commit()
    conn.close()


def _incident(storage, entries=3):
    """An incident whose facts are covered, with ``entries`` journal entries."""
    incident = storage.create_incident(at=utc(2026, 10, 23, 8), title="Courriel mal adressé")
    incident.dates.awareness_at = utc(2026, 10, 23, 7)
    storage.save_incident(incident, utc(2026, 10, 23, 8, 5), "step_done", {"step": "signalement"})
    count = storage.journal_head(incident.reference)[1]
    if entries > count:
        storage.append_journal_batch(incident.reference,
                                     [("checklist_ticked", {"item": f"i{n}"})
                                      for n in range(entries - count)], at=utc(2026, 10, 23, 9))
    assert storage.journal_head(incident.reference)[1] == entries
    return storage.load_incident(incident.reference)


def _journaled_save(storage, incident, item="appeler-destinataire"):
    incident.checklist[item] = utc(2026, 10, 23, 10)
    storage.save_incident(incident, utc(2026, 10, 23, 10), "checklist_ticked", {"item": item})


def _refused(storage, incident, words):
    """Every way of extending the journal is refused, with the French read-only explanation,
    and nothing is written."""
    before = storage.journal(incident.reference)
    with pytest.raises(JournalAlteredError, match=words) as refused:
        _journaled_save(storage, incident)
    assert "lecture seule" in str(refused.value) and "Traceback" not in str(refused.value)
    for extend in (lambda: storage.append_journal(incident.reference, "step_done", {"step": "x"}),
                   lambda: storage.append_journal_batch(incident.reference, [("step_done", {})]),
                   lambda: storage.append_journal_many([incident.reference], "document_exported",
                                                       {"document": "registre"}),
                   lambda: storage.add_attachment(incident, "preuve.txt", b"preuve", "autre")):
        with pytest.raises(JournalAlteredError, match=words):
            extend()
    assert storage.journal(incident.reference) == before
    assert not storage.verify_journal(incident.reference).ok  # never "healed"


def test_an_altered_incident_row_still_refuses_a_journaled_save(storage):
    incident = _incident(storage)
    data = json.loads(storage._conn.execute("SELECT data FROM incidents").fetchone()[0])
    data["dates"]["awareness_at"] = "2026-10-23T09:00:00Z"  # two hours later: no longer late
    _tamper(storage, "UPDATE incidents SET data = ?", json.dumps(data))
    _refused(storage, incident, "ne correspondent plus au journal")
    # An autosave (no action, no fact changed by the app) does not write over it either.
    incident.title = "Autre titre"
    with pytest.raises(JournalAlteredError, match="modifié en dehors de l'application"):
        storage.save_incident(incident)
    stored = json.loads(storage._conn.execute("SELECT data FROM incidents").fetchone()[0])
    assert stored["dates"]["awareness_at"] == "2026-10-23T09:00:00Z"  # the evidence is kept


def test_an_extension_after_a_removed_last_entry_is_refused(storage):
    incident = _incident(storage, entries=6)
    _tamper(storage, "DELETE FROM journal WHERE seq = 6")
    _refused(storage, incident, "la n° 5 alors que l'incident en compte 6")


def test_a_journal_cut_with_its_count_and_head_rewritten_is_refused(storage):
    """Entries cut off the end, the head kept with the incident rewritten to match: the facts of
    the new last entry are no longer those stored."""
    incident = _incident(storage, entries=4)
    _journaled_save(storage, incident)  # entry 5 covers the ticked box
    keep = storage.journal(incident.reference)[3]
    _tamper(storage, "DELETE FROM journal WHERE seq = 5")
    _tamper(storage, "UPDATE incidents SET journal_count = 4, journal_head = ?", keep.hash)
    _refused(storage, incident, "ne correspondent plus au journal")


def test_an_edited_last_entry_is_refused(storage):
    incident = _incident(storage, entries=5)
    _tamper(storage, "UPDATE journal SET actor = 'intrus' WHERE seq = 5")
    _refused(storage, incident, "n° 5 a été modifiée")


def test_a_rehashed_last_entry_does_not_match_the_head_kept_with_the_incident(storage):
    incident = _incident(storage, entries=5)
    last = storage.journal(incident.reference)[-1]
    forged = jr.entry_hash(incident.reference, last.seq, last.at, "intrus", last.action,
                           last.details, last.prev_hash, last.facts)
    _tamper(storage, "UPDATE journal SET actor = 'intrus', hash = ? WHERE seq = 5", forged)
    _refused(storage, incident, "ne correspond pas à celle enregistrée avec l'incident")


def test_an_entry_added_outside_the_app_is_refused(storage):
    incident = _incident(storage, entries=3)
    last = storage.journal(incident.reference)[-1]
    extra = jr.make_entry(incident.reference, last, utc(2026, 10, 23, 11), "intrus", "step_done",
                          {}, last.facts)
    _tamper(storage, "INSERT INTO journal VALUES (?,?,?,?,?,?,?,?,?)", incident.reference, extra.seq,
            format_instant(extra.at), extra.actor, extra.action, "{}", extra.prev_hash, extra.hash,
            extra.facts)
    _refused(storage, incident, "la n° 4 alors que l'incident en compte 3")


def test_the_entry_before_the_last_deleted_is_refused(storage):
    incident = _incident(storage, entries=4)
    _tamper(storage, "DELETE FROM journal WHERE seq = 3")
    _refused(storage, incident, "n° 4 ne suit pas l'entrée précédente")


def test_an_edited_middle_entry_is_left_to_the_full_verification(storage):
    """The head check reads the last two entries only: an entry altered further back does not
    stop a save, but it stays altered (nothing rewrites it) and the full verification, run when
    the incident is opened and before every export, names it."""
    incident = _incident(storage, entries=8)
    _tamper(storage, "UPDATE journal SET details = '{\"item\": \"forgé\"}' WHERE seq = 3")
    _journaled_save(storage, incident)
    check = storage.verify_journal(incident.reference)
    assert not check.ok and check.first_bad_seq == 3 and "n° 3 a été modifiée" in check.message


def test_a_register_export_still_journals_every_incident_in_one_transaction(storage):
    first, second, third = (_incident(storage, entries=n) for n in (2, 3, 4))
    refs = [first.reference, second.reference, third.reference]
    storage.append_journal_many(refs, "document_exported", {"document": "registre"})
    assert [storage.journal(ref)[-1].action for ref in refs] == ["document_exported"] * 3
    assert all(storage.verify_journal(ref).ok for ref in refs)
    _tamper(storage, "DELETE FROM journal WHERE reference = ? AND seq = 5", third.reference)
    with pytest.raises(JournalAlteredError, match="lecture seule"):
        storage.append_journal_many(refs, "document_exported", {"document": "registre"})
    assert [len(storage.journal(ref)) for ref in refs] == [3, 4, 4]  # nothing written


def test_an_unknown_reference_is_still_said_so(storage):
    with pytest.raises(StorageError, match="Aucun incident ne porte la référence"):
        storage.append_journal("VDP-2026-999", "step_done", {})


# --- the cost does not grow with the journal -------------------------------------------------------


class Work:
    """What SQLite does for the storage's connection: statements run and virtual-machine steps
    (a row read or compared is several steps), counted, not timed."""

    def __init__(self, storage):
        self.storage = storage
        self.statements: list[str] = []
        self.steps = 0

    def _step(self) -> int:
        self.steps += 1
        return 0

    def __enter__(self):
        self.storage._conn.set_trace_callback(self.statements.append)
        self.storage._conn.set_progress_handler(self._step, 1)
        return self

    def __exit__(self, *exc):
        self.storage._conn.set_trace_callback(None)
        self.storage._conn.set_progress_handler(None, 1)


def _work_of_a_journaled_save(storage, entries):
    incident = _incident(storage, entries)
    _journaled_save(storage, incident, "premier")  # the statement cache is warm
    with Work(storage) as work:
        _journaled_save(storage, incident, "second")
    return work


def test_a_journaled_save_does_the_same_work_on_a_journal_of_1000_entries(storage):
    short = _work_of_a_journaled_save(storage, 10)
    long = _work_of_a_journaled_save(storage, 1000)
    assert len(long.statements) == len(short.statements)
    # The whole chain read once would be more than 1,000 rows; the B-tree of a longer journal
    # is one or two levels deeper, nothing more.
    assert long.steps <= short.steps * 1.25, (short.steps, long.steps)
    journal_reads = [s for s in long.statements if "FROM journal" in s]
    assert journal_reads and all("LIMIT" in s for s in journal_reads), journal_reads


def test_appending_to_many_incidents_reads_each_journal_s_head_only(storage):
    refs = [_incident(storage, entries).reference for entries in (5, 400)]
    with Work(storage) as few:
        storage.append_journal_many(refs[:1], "document_exported", {"document": "registre"})
    with Work(storage) as long:
        storage.append_journal_many(refs[1:], "document_exported", {"document": "registre"})
    assert long.steps <= few.steps * 1.25, (few.steps, long.steps)


def test_the_full_verification_still_reads_the_whole_chain(storage):
    incident = _incident(storage, entries=200)
    with Work(storage) as work:
        check = storage.verify_journal(incident.reference)
    assert check.ok and check.count == 200
    assert work.steps > 200 * 5  # every entry read
