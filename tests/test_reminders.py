"""Reminders at 24 h, 6 h and 1 h before the deadline (and once past it), shown once each."""

from __future__ import annotations

from datetime import timedelta

from incident_wizard.application.workspace import Workspace
from incident_wizard.domain.reminders import due_reminders, due_threshold, mark_fired
from incident_wizard.ui.main_window import MainWindow

from .conftest import utc

AWARE = utc(2026, 10, 23, 8)  # deadline 26 October 08:00 UTC (09:00 Paris)
DEADLINE = AWARE + timedelta(hours=72)


def test_thresholds():
    assert due_threshold(DEADLINE, DEADLINE - timedelta(hours=30)) is None
    assert due_threshold(DEADLINE, DEADLINE - timedelta(hours=24)) == 24
    assert due_threshold(DEADLINE, DEADLINE - timedelta(hours=5)) == 6
    assert due_threshold(DEADLINE, DEADLINE - timedelta(minutes=59)) == 1
    assert due_threshold(DEADLINE, DEADLINE + timedelta(minutes=1)) == 0


def test_each_reminder_once_and_late_start_shows_only_the_tightest():
    fired: dict[str, list[int]] = {}
    at_23h = DEADLINE - timedelta(hours=23)
    (first,) = due_reminders([("VDP-1", AWARE)], at_23h, fired)
    assert first.threshold == 24 and "il reste 23 h 00 min" in first.message
    assert "lundi 26 octobre 2026 à 09 h 00" in first.message
    fired = mark_fired(fired, first)
    assert due_reminders([("VDP-1", AWARE)], at_23h + timedelta(minutes=5), fired) == []
    (late_start,) = due_reminders([("VDP-2", AWARE)], DEADLINE - timedelta(minutes=30), {})
    assert late_start.threshold == 1
    fired = mark_fired(fired, late_start)
    assert set(fired["VDP-2"]) == {24, 6, 1}
    (past,) = due_reminders([("VDP-2", AWARE)], DEADLINE + timedelta(hours=2), fired)
    assert past.threshold == 0 and "dépassé" in past.message


def test_service_reminds_open_incidents_to_notify_only(qtbot, storage):
    from incident_wizard.application.session import IncidentSession
    from incident_wizard.domain.procedure import load_procedure

    procedure = load_procedure()
    now = utc(2026, 10, 25, 9)  # 23 hours before the deadline
    refs = []
    for _ in range(3):
        ref = storage.create_incident(at=AWARE).reference
        IncidentSession(storage, procedure, ref, now=lambda: now).set_value("dates.awareness_at", AWARE)
        refs.append(ref)
    notified = IncidentSession(storage, procedure, refs[1], now=lambda: now)
    notified.record_notification("initial", utc(2026, 10, 24, 9), "N-1")
    storage.create_incident(at=AWARE)  # no awareness time yet: no deadline to remind
    window = MainWindow(Workspace(storage, procedure))
    qtbot.addWidget(window)
    shown = []
    window.reminders.now = lambda: now
    window.reminders.notify = shown.append
    window.reminders.check()
    assert sorted(r.reference for r in shown) == sorted([refs[0], refs[2]])
    assert window.reminders.check() == []  # once only, remembered in the database
    assert Workspace(storage, procedure).reminders_due(shown.append, now) == []


def test_without_a_tray_the_reminder_shows_in_the_window(qtbot, storage):
    from incident_wizard.application.session import IncidentSession
    from incident_wizard.domain.procedure import load_procedure

    procedure = load_procedure()
    now = utc(2026, 10, 26, 7, 30)  # 30 minutes before the deadline
    ref = storage.create_incident(at=AWARE).reference
    IncidentSession(storage, procedure, ref, now=lambda: now).set_value("dates.awareness_at", AWARE)
    window = MainWindow(Workspace(storage, procedure))
    qtbot.addWidget(window)
    window.reminders.now = lambda: now
    window.reminders.check()
    assert "il reste 30 min pour notifier la CNIL" in window.statusBar().currentMessage()


def test_which_incidents_await_notification():
    from incident_wizard.domain.model import CnilNotification, Incident
    from incident_wizard.domain.obligations import CNIL, deadlines

    def awaits(status="open", awareness=AWARE, notified=None, outcome=""):
        incident = Incident("VDP-1", AWARE)
        incident.status, incident.dates.awareness_at = status, awareness
        incident.decision.outcome = outcome
        if notified:
            incident.notifications = [CnilNotification(kind="complete", submitted_at=notified,
                                                       reference="X")]
        return any(d.kind == CNIL for d in deadlines(incident))

    assert awaits()
    assert awaits(outcome="notify_cnil")
    assert not awaits(outcome="register_only")
    assert not awaits(notified=DEADLINE, outcome="notify_cnil")
    assert not awaits(awareness=None)
    assert not awaits(status="closed")
