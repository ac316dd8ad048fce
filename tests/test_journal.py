"""The journal: a hash chain whose verification names the first altered or missing entry."""

from __future__ import annotations

import sqlite3

from incident_wizard.domain import journal as jr

from .conftest import utc


def _incident_with_entries(storage, count=5):
    incident = storage.create_incident(at=utc(2026, 10, 23, 8))
    for i in range(count - 1):
        storage.append_journal(incident.reference, "checklist_ticked", {"item": f"i{i}"},
                               at=utc(2026, 10, 23, 9, i))
    return incident.reference


def _tamper(storage, sql, *args):
    conn = sqlite3.connect(storage.path)
    conn.execute("DROP TRIGGER journal_no_update")
    conn.execute("DROP TRIGGER journal_no_delete")
    conn.execute(sql, args)
    conn.commit()
    conn.close()


def test_intact_journal_verifies(storage):
    ref = _incident_with_entries(storage)
    result = storage.verify_journal(ref)
    assert result.ok and result.count == 5
    assert "intact" in result.message


def test_altered_details_named_at_the_right_entry(storage):
    ref = _incident_with_entries(storage)
    _tamper(storage, "UPDATE journal SET details = '{\"item\": \"forged\"}' WHERE seq = 3")
    result = storage.verify_journal(ref)
    assert not result.ok and result.first_bad_seq == 3
    assert "n° 3 a été modifiée" in result.message


def test_altered_time_detected(storage):
    ref = _incident_with_entries(storage)
    _tamper(storage, "UPDATE journal SET at = '2026-10-20T00:00:00Z' WHERE seq = 2")
    assert storage.verify_journal(ref).first_bad_seq == 2


def test_deleted_middle_entry_named(storage):
    ref = _incident_with_entries(storage)
    _tamper(storage, "DELETE FROM journal WHERE seq = 4")
    result = storage.verify_journal(ref)
    assert not result.ok and result.first_bad_seq == 4
    assert "manquante" in result.message


def test_deleted_last_entry_detected(storage):
    ref = _incident_with_entries(storage)
    _tamper(storage, "DELETE FROM journal WHERE seq = 5")
    result = storage.verify_journal(ref)
    assert not result.ok and result.first_bad_seq == 5


def test_rehashed_forgery_still_detected_by_following_entry(storage):
    ref = _incident_with_entries(storage)
    entries = storage.journal(ref)
    forged = entries[1]
    new_hash = jr.entry_hash(ref, forged.seq, forged.at, "intrus", forged.action, forged.details,
                             forged.prev_hash, forged.facts)
    _tamper(storage, "UPDATE journal SET actor = 'intrus', hash = ? WHERE seq = 2", new_hash)
    result = storage.verify_journal(ref)
    assert not result.ok and result.first_bad_seq == 3


def test_entries_are_bound_to_their_incident():
    a = jr.make_entry("VDP-2026-001", None, utc(2026, 1, 1), "x", "incident_created")
    assert jr.verify("VDP-2026-001", [a]).ok
    assert not jr.verify("VDP-2026-002", [a]).ok


def test_the_entries_just_written_are_checked_again_once_touched_outside(storage):
    """The check before an append does not hash again the last entries this window appended
    while they are stored exactly as written; the same entries changed by another program
    (their text, or their text and stored hash together) are refused at the next save, as
    before."""
    import pytest

    from incident_wizard.storage import JournalAlteredError

    ref = _incident_with_entries(storage, 3)
    storage.append_journal(ref, "checklist_ticked", {"item": "dernier"}, at=utc(2026, 10, 23, 10))
    storage.append_journal(ref, "checklist_ticked", {"item": "encore"}, at=utc(2026, 10, 23, 11))
    _tamper(storage, "UPDATE journal SET details = '{\"item\": \"falsifié\"}' WHERE reference = ? AND seq = 5", ref)
    with pytest.raises(JournalAlteredError, match="n° 5 a été modifiée"):
        storage.append_journal(ref, "checklist_ticked", {"item": "après"}, at=utc(2026, 10, 23, 12))
    assert len(storage.journal(ref)) == 5  # nothing appended over the altered entry

    other = _incident_with_entries(storage, 2)
    storage.append_journal(other, "checklist_ticked", {"item": "a"}, at=utc(2026, 10, 23, 10))
    conn = sqlite3.connect(storage.path)  # (the triggers were dropped above)
    conn.execute("UPDATE journal SET actor = 'quelqu''un' WHERE reference = ? AND seq = 2", (other,))
    conn.commit()
    conn.close()
    with pytest.raises(JournalAlteredError, match="n° 2 a été modifiée"):
        storage.append_journal(other, "checklist_ticked", {"item": "b"}, at=utc(2026, 10, 23, 11))
