"""The journal: a hash chain whose verification names the first altered or missing entry."""

from __future__ import annotations

from incident_wizard.domain import journal as jr

from .conftest import alter_outside, utc


def _incident_with_entries(storage, count=5):
    incident = storage.create_incident(at=utc(2026, 10, 23, 8))
    for i in range(count - 1):
        storage.append_journal(incident.reference, "checklist_ticked", {"item": f"i{i}"},
                               at=utc(2026, 10, 23, 9, i))
    return incident.reference


def test_intact_journal_verifies(storage):
    ref = _incident_with_entries(storage)
    result = storage.verify_journal(ref)
    assert result.ok and result.count == 5
    assert "intact" in result.message


def test_altered_details_named_at_the_right_entry(storage):
    ref = _incident_with_entries(storage)
    alter_outside(storage.path, "UPDATE journal SET details = '{\"item\": \"forged\"}' WHERE seq = 3")
    result = storage.verify_journal(ref)
    assert not result.ok and result.first_bad_seq == 3
    assert "n° 3 a été modifiée" in result.message


def test_altered_time_detected(storage):
    ref = _incident_with_entries(storage)
    alter_outside(storage.path, "UPDATE journal SET at = '2026-10-20T00:00:00Z' WHERE seq = 2")
    assert storage.verify_journal(ref).first_bad_seq == 2


def test_deleted_middle_entry_named(storage):
    ref = _incident_with_entries(storage)
    alter_outside(storage.path, "DELETE FROM journal WHERE seq = 4")
    result = storage.verify_journal(ref)
    assert not result.ok and result.first_bad_seq == 4
    assert "manquante" in result.message


def test_deleted_last_entry_detected(storage):
    ref = _incident_with_entries(storage)
    alter_outside(storage.path, "DELETE FROM journal WHERE seq = 5")
    result = storage.verify_journal(ref)
    assert not result.ok and result.first_bad_seq == 5


def test_rehashed_forgery_still_detected_by_following_entry(storage):
    ref = _incident_with_entries(storage)
    entries = storage.journal(ref)
    forged = entries[1]
    new_hash = jr.entry_hash(ref, forged.seq, forged.at, "intrus", forged.action, forged.details,
                             forged.prev_hash, forged.facts)
    alter_outside(storage.path, "UPDATE journal SET actor = 'intrus', hash = ? WHERE seq = 2", new_hash)
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
    alter_outside(storage.path, "UPDATE journal SET details = '{\"item\": \"falsifié\"}' WHERE reference = ? AND seq = 5", ref)
    with pytest.raises(JournalAlteredError, match="n° 5 a été modifiée"):
        storage.append_journal(ref, "checklist_ticked", {"item": "après"}, at=utc(2026, 10, 23, 12))
    assert len(storage.journal(ref)) == 5  # nothing appended over the altered entry

    other = _incident_with_entries(storage, 2)
    storage.append_journal(other, "checklist_ticked", {"item": "a"}, at=utc(2026, 10, 23, 10))
    alter_outside(storage.path, "UPDATE journal SET actor = 'quelqu''un' WHERE reference = ? AND seq = 2", other)
    with pytest.raises(JournalAlteredError, match="n° 2 a été modifiée"):
        storage.append_journal(other, "checklist_ticked", {"item": "b"}, at=utc(2026, 10, 23, 11))


def test_what_is_remembered_of_the_entries_written_stays_bounded(storage):
    """A migration or a bulk action appends to every incident: only the last few incidents'
    rows are remembered, and an incident forgotten is checked by hashing, as before."""
    from incident_wizard.storage.journal import JournalRepository

    references = [storage.create_incident(at=utc(2026, 10, 23, 8)).reference
                  for _ in range(JournalRepository.APPENDED_KEPT + 5)]
    for index, ref in enumerate(references):
        storage.append_journal(ref, "step_done", {"step": "signalement"}, at=utc(2026, 10, 23, 9, index))
    assert len(storage.journal_repo._appended) == JournalRepository.APPENDED_KEPT
    first = references[0]
    assert first not in storage.journal_repo._appended
    alter_outside(storage.path, "UPDATE journal SET actor = 'x' WHERE reference = ? AND seq = 2", first)
    import pytest

    from incident_wizard.storage import JournalAlteredError

    with pytest.raises(JournalAlteredError):
        storage.append_journal(first, "step_done", {"step": "qualification"}, at=utc(2026, 10, 23, 10))
