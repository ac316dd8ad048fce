"""Nothing confirmed twice, nothing asked twice (issue 24, item 7): the act that ends a step
ends it (the initial notification recorded, the persons informed), the complementary
notification quotes the initial one's reference instead of asking it again and is offered on
the closure step where it is awaited, a receipt typed for another body ticks it, and the risk
step is not confirmed again after a first-hour decision. Every such act stays explicit and
journaled. Expected values are written by hand from what the pharmacist typed or clicked."""

from __future__ import annotations

from datetime import timedelta

import pytest

from incident_wizard.domain.clock import now_utc

from .gui_helpers import check_options, click, editor, key_text, shown_page, step_done

CNIL_REFERENCE = "VDP-2026-054321"


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch):
    """A message box would block the test: record it (none is expected here)."""
    from PySide6.QtWidgets import QMessageBox

    shown = []
    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, kind=kind, **k: shown.append((kind, a[2:])))
    return shown


#: Two incidents: a prescription photo e-mailed to the wrong patient; a phone lost by a
#: préparatrice (title, how discovered, situation, persons count, hours since the awareness).
PHOTO = ("Photo d'ordonnance envoyée au mauvais patient", "patient-client", "erreur-envoi", 1, 2)
PHONE = ("Téléphone perdu par une préparatrice", "constat-interne", "vol-perte-appareil", 60, 1)


def incident(qtbot, storage, facts):
    """An incident with the first hour's facts, its page shown: (page, reference)."""
    title, how, scenario, count, hours = facts
    page, reference = shown_page(qtbot, storage, "signalement")
    s = page.session
    s.set_value("title", title)
    s.set_value("dates.awareness_at", now_utc() - timedelta(hours=hours))
    s.set_value("discovery.how_discovered", how)
    s.choose_scenario(scenario)
    s.set_value("scope.person_categories", ["patients"])
    s.set_value("scope.persons_count", count)
    s.set_value("scope.data_categories", ["etat-civil", "sante"])
    return page, reference


def decided(qtbot, storage, step_id: str):
    """The photo incident decided « notifier et informer », shown on ``step_id``."""
    page, reference = incident(qtbot, storage, PHOTO)
    page.session.decide("notify_cnil_and_inform", "Donnée de santé transmise à un tiers : informer le patient.")
    page.refresh()
    page.show_step(step_id)
    return page, reference


def notified(qtbot, storage, step_id: str):
    """The photo incident decided, its initial notification recorded an hour ago and its step
    ended, as the pharmacist did earlier; shown on ``step_id``: (page, reference, panel)."""
    page, reference = decided(qtbot, storage, "signalement")
    page.session.record_notification("initial", now_utc() - timedelta(hours=1), CNIL_REFERENCE)
    page.session.complete_step("notification-cnil")
    page.show_step(step_id)
    return page, reference, page.pages[step_id].panel


def actions(storage, reference: str) -> list[str]:
    return [e.action for e in storage.journal(reference)]


def step_item_text(page, step_id: str) -> str:
    from PySide6.QtCore import Qt

    return next(page.steps.item(r).text() for r in range(page.steps.count())
                if page.steps.item(r).data(Qt.ItemDataRole.UserRole) == step_id)


def test_recording_the_initial_notification_ends_its_step_and_shows_the_next(qtbot, storage, message_boxes):
    page, reference = decided(qtbot, storage, "notification-cnil")
    panel = page.pages["notification-cnil"].panel
    assert "notification-cnil" not in page.session.incident.steps_done
    key_text(panel.reference, CNIL_REFERENCE)
    click(qtbot, panel.record_button)

    stored = storage.load_incident(reference)
    assert [(n.kind, n.reference) for n in stored.notifications] == [("initial", CNIL_REFERENCE)]
    assert "notification-cnil" in stored.steps_done
    # Journaled as the record, then as « Étape terminée » would be.
    assert actions(storage, reference)[-2:] == ["notification_recorded", "step_done"]
    assert storage.journal(reference)[-1].details["step"] == "notification-cnil"
    # The next step is shown, saying what was recorded; the list shows step 7 done.
    assert page.current_step_id() == "information-personnes"
    assert page.confirmation.isVisible()
    assert page.confirmation.text() == ("Notification initiale enregistrée (référence "
                                        "VDP-2026-054321). Étape « Notification à la CNIL » terminée.")
    assert step_item_text(page, "notification-cnil").startswith("✔")
    assert message_boxes == []
    # The confirmation goes once the pharmacist moves on.
    page.show_step("autres-demarches")
    assert not page.confirmation.isVisible()


def test_a_refused_notification_leaves_its_step_open_and_shown(qtbot, storage):
    page, reference = decided(qtbot, storage, "notification-cnil")
    panel = page.pages["notification-cnil"].panel
    click(qtbot, panel.record_button)  # no reference typed
    assert "référence" in panel.status.text()
    assert page.current_step_id() == "notification-cnil"
    assert "notification-cnil" not in storage.load_incident(reference).steps_done
    assert not page.confirmation.isVisible()
    assert "step_done" not in actions(storage, reference)


def test_the_complementary_notification_quotes_the_initial_reference_without_asking_it(qtbot, storage):
    page, reference, panel = notified(qtbot, storage, "notification-cnil")
    assert panel.kind.currentData() == "complementary"
    assert panel.reference.text() == CNIL_REFERENCE  # proposed, editable
    click(qtbot, panel.record_button)

    stored = storage.load_incident(reference)
    assert [(n.kind, n.reference) for n in stored.notifications] == [
        ("initial", CNIL_REFERENCE), ("complementary", CNIL_REFERENCE)]
    # The step was done already: it stays shown, and is not journaled as done a second time.
    assert page.current_step_id() == "notification-cnil"
    done = [e for e in storage.journal(reference) if e.action == "step_done"
            and e.details["step"] == "notification-cnil"]
    assert len(done) == 1


def test_a_later_notification_is_proposed_at_its_own_time_not_the_previous_one(qtbot, storage):
    page, reference = decided(qtbot, storage, "notification-cnil")
    panel = page.pages["notification-cnil"].panel
    sent = now_utc().replace(second=0, microsecond=0) - timedelta(hours=1)
    panel.submitted_at.set_value(sent)
    panel.submitted_at.changed.emit()  # typed by the pharmacist: sent an hour ago
    key_text(panel.reference, CNIL_REFERENCE)
    click(qtbot, panel.record_button)
    assert storage.load_incident(reference).notifications[0].submitted_at == sent
    page.show_step("notification-cnil")  # later, for the complementary one
    before = now_utc() - timedelta(minutes=1)
    assert panel.submitted_at.value() >= before  # proposed now, not an hour ago
    click(qtbot, panel.record_button)
    complement = storage.load_incident(reference).notifications[-1]
    assert complement.kind == "complementary" and complement.submitted_at >= before


def test_the_closure_step_records_the_awaited_complementary_notification_in_one_click(qtbot, storage):
    page, reference, closure = notified(qtbot, storage, "mesures-cloture")
    assert closure.complement_box.isVisible()
    assert "VDP-2026-054321" in closure.complement_button.text()
    assert "notification complémentaire" in closure.problems.text()
    before = now_utc()
    click(qtbot, closure.complement_button)
    after = now_utc()

    stored = storage.load_incident(reference)
    complement = stored.notifications[-1]
    assert (complement.kind, complement.reference) == ("complementary", "VDP-2026-054321")
    assert before - timedelta(seconds=1) <= complement.submitted_at <= after + timedelta(seconds=1)
    entry = storage.journal(reference)[-1]
    assert entry.action == "notification_recorded"
    assert (entry.details["kind"], entry.details["reference"]) == ("complementary", "VDP-2026-054321")
    assert not closure.complement_box.isVisible()
    assert "notification complémentaire" not in closure.problems.text()


def test_the_closure_step_takes_the_statement_that_nothing_is_to_add(qtbot, storage):
    page, reference, closure = notified(qtbot, storage, "mesures-cloture")
    statement = "Un seul destinataire, courriel supprimé, confirmation écrite reçue."
    closure.waiver.input.setFocus()
    key_text(closure.waiver.input, statement)
    closure.waiver.flush()
    assert storage.load_incident(reference).complement_waiver == statement
    assert not closure.complement_box.isVisible()
    # The same statement is shown on step 7, where it was asked before.
    page.show_step("notification-cnil")
    assert editor(page, "complement_waiver").input.toPlainText() == statement


def test_persons_informed_now_records_the_status_and_instant_and_ends_the_step(qtbot, storage):
    page, reference, panel = notified(qtbot, storage, "information-personnes")
    assert panel.informed_button.isVisible()
    check_options(qtbot, page, "information.channels", ["courriel"])
    before = now_utc()
    click(qtbot, panel.informed_button)
    after = now_utc()

    info = storage.load_incident(reference).information
    assert info.status == "done" and info.channels == ["courriel"]
    assert before - timedelta(seconds=1) <= info.informed_at <= after + timedelta(seconds=1)
    assert "information-personnes" in storage.load_incident(reference).steps_done
    entry = next(e for e in reversed(storage.journal(reference)) if e.action == "persons_informed")
    assert entry.details["status"] == "done" and entry.details["channels"] == ["Courriel"]
    assert page.current_step_id() == "autres-demarches"
    assert page.confirmation.text().startswith("Information des personnes enregistrée (")


def test_persons_informed_now_without_the_means_says_what_is_missing(qtbot, storage):
    page, reference, panel = notified(qtbot, storage, "information-personnes")
    click(qtbot, panel.informed_button)

    stored = storage.load_incident(reference)
    assert stored.information.status == "done" and stored.information.informed_at is not None
    assert "information-personnes" not in stored.steps_done
    assert page.current_step_id() == "information-personnes"
    assert page.message.text() == "Indiquez la date de l'information des personnes et le moyen utilisé."
    assert editor(page, "information.status").input.currentData() == "done"  # shown as stored
    assert not panel.informed_button.isVisible()  # done: the date is edited in its field
    check_options(qtbot, page, "information.channels", ["telephone"])
    step_done(qtbot, page)
    assert "information-personnes" in storage.load_incident(reference).steps_done


def test_a_receipt_typed_for_another_body_ticks_it(qtbot, storage):
    page, reference = decided(qtbot, storage, "autres-demarches")
    check, stamp, _note, receipt, _badge = page.pages["autres-demarches"].panel.rows["plainte"]
    assert not check.isChecked()
    receipt.setFocus()
    key_text(receipt, "PV 2026/123")
    receipt.editingFinished.emit()

    body = storage.load_incident(reference).other_bodies["plainte"]
    assert body.done and body.reference == "PV 2026/123" and body.done_at is not None
    assert check.isChecked() and stamp.text().startswith("fait le ")
    entry = next(e for e in reversed(storage.journal(reference)) if e.action == "body_contacted")
    assert entry.details["body"] == "plainte" and entry.details["done"] is True
    # Clearing the receipt leaves the step done (unticking it is the pharmacist's act).
    receipt.setFocus()
    receipt.clear()
    receipt.editingFinished.emit()
    body = storage.load_incident(reference).other_bodies["plainte"]
    assert body.done and body.reference == ""


def first_hour_decided(qtbot, storage):
    """The phone incident, its proposed decision recorded on the first-hour page."""
    page, reference = incident(qtbot, storage, PHONE)
    page.session.decide(page.session.assessment().outcome, "")
    return page, reference


def test_a_first_hour_decision_is_not_confirmed_again_on_the_risk_step(qtbot, storage):
    page, reference = first_hour_decided(qtbot, storage)
    page.first_hour.continue_button.click()
    done = storage.load_incident(reference).steps_done
    assert {"evaluation-risque", "decision"} <= set(done)
    journaled = {e.details.get("step") for e in storage.journal(reference) if e.action == "step_done"}
    assert {"evaluation-risque", "decision"} <= journaled
    assert step_item_text(page, "evaluation-risque").startswith("✔")


def test_answers_changed_after_the_first_hour_decision_leave_risk_and_decision_to_do(qtbot, storage):
    page, reference = first_hour_decided(qtbot, storage)
    page.session.set_value("scope.data_categories", ["etat-civil"])  # no health data after all
    assert page.session.view.outdated  # precondition: the decision no longer matches
    page.first_hour.continue_button.click()
    done = storage.load_incident(reference).steps_done
    assert "evaluation-risque" not in done and "decision" not in done
    assert step_item_text(page, "decision").startswith("○")
