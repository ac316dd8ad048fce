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
    assert window.reminders.check().count == 0  # once only, remembered in the database
    assert Workspace(storage, procedure).reminders_due(shown.append, now).count == 0


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


# --- the reminder area: seen without a tray, kept until acknowledged (issue 24, item 10) ------

def _due_window(qtbot, storage, now):
    from incident_wizard.application.session import IncidentSession
    from incident_wizard.domain.procedure import load_procedure

    procedure = load_procedure()
    ref = storage.create_incident(at=AWARE).reference
    IncidentSession(storage, procedure, ref, now=lambda: now).set_value("dates.awareness_at", AWARE)
    window = MainWindow(Workspace(storage, procedure))
    qtbot.addWidget(window)
    window.show()
    window.reminders.now = lambda: now
    return window, ref, procedure


def _rows(window):
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in window.reminder_area.findChildren(QLabel, "reminder-text")
            if not label.isHidden()]


def test_a_due_reminder_stays_in_the_window_until_acknowledged_and_is_journaled(qtbot, storage):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    now = utc(2026, 10, 26, 7, 30)  # 30 minutes before the deadline
    window, ref, procedure = _due_window(qtbot, storage, now)
    area = window.reminder_area
    assert not area.isVisible()  # nothing due shown yet: no empty frame
    window.reminders.check()
    qtbot.waitUntil(area.isVisible)
    assert len(_rows(window)) == 1
    assert "il reste 30 min pour notifier la CNIL" in _rows(window)[0]
    assert ref in area.reminder_texts()[0]
    # The next check (a minute later) shows nothing new, and the reminder stays.
    window.reminders.now = lambda: now + timedelta(minutes=1)
    assert window.reminders.check().count == 0
    assert area.isVisible() and len(_rows(window)) == 1
    # Kept across a restart: a new window shows it (nothing acknowledged yet).
    again = MainWindow(Workspace(storage, procedure))
    qtbot.addWidget(again)
    again.show()
    assert len(_rows(again)) == 1
    again.close()
    # « Vu »: journaled in the incident's journal, with who read it, and gone from the window.
    window.operator.setText("Claire Martin")
    seen = [b for b in area.findChildren(QPushButton, "reminder-seen") if not b.isHidden()]
    assert len(seen) == 1
    qtbot.mouseClick(seen[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not area.isVisible())
    entries = [e for e in storage.journal(ref) if e.action == "reminder_acknowledged"]
    assert len(entries) == 1
    assert entries[0].label == "Rappel d'échéance pris en compte"
    assert "Claire Martin" in entries[0].actor
    assert "il reste 30 min pour notifier la CNIL" in entries[0].details["message"]
    assert storage.verify_journal(ref).ok  # the chain stays intact
    # Acknowledged is acknowledged: a new window does not show it again.
    third = MainWindow(Workspace(storage, procedure))
    qtbot.addWidget(third)
    third.show()
    assert _rows(third) == []
    assert not third.reminder_area.isVisible()


def test_a_passed_deadline_replaces_its_earlier_reminder_and_all_can_be_seen_at_once(qtbot, storage):
    from PySide6.QtCore import Qt

    now = utc(2026, 10, 26, 7, 30)
    window, ref, _procedure = _due_window(qtbot, storage, now)
    other = storage.create_incident(at=AWARE).reference
    from incident_wizard.application.session import IncidentSession

    IncidentSession(storage, window.procedure, other, now=lambda: now).set_value("dates.awareness_at", AWARE)
    window.reminders.check()
    assert len(_rows(window)) == 2
    window.reminders.now = lambda: now + timedelta(hours=1)  # the deadline has passed
    window.reminders.check()
    rows = _rows(window)
    assert len(rows) == 2  # one per deadline, the newest text
    assert all("est dépassé" in row for row in rows)
    qtbot.mouseClick(window.reminder_area.all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.reminder_area.isVisible())
    for reference in (ref, other):
        assert [e.action for e in storage.journal(reference)].count("reminder_acknowledged") == 1


def test_clicking_a_reminder_opens_its_incident(qtbot, storage):
    from PySide6.QtWidgets import QLabel

    now = utc(2026, 10, 26, 7, 30)
    window, ref, _procedure = _due_window(qtbot, storage, now)
    window.reminders.check()
    label = window.reminder_area.findChildren(QLabel, "reminder-text")[0]
    assert f'href="{ref}"' in label.text()
    label.linkActivated.emit(ref)  # what a click on the link does
    assert window.incident_page is not None
    assert window.incident_page.session.reference == ref
    assert window.reminder_area.isVisible()  # opened is not acknowledged
    # Acknowledged while its incident is open: the open incident still saves what is typed,
    # and its timeline reads the reminder.
    window.reminder_area.acknowledge([ref])
    assert not window.reminder_area.isVisible()
    window.incident_page.session.set_value("title", "Clé USB perdue")
    assert storage.load_incident(ref).title == "Clé USB perdue"
    from incident_wizard.documents.register_content import timeline

    rows = [row for row in timeline(storage.journal(ref), AWARE, window.procedure)
            if row.action == "Rappel d'échéance pris en compte"]
    assert len(rows) == 1 and "il reste 30 min pour notifier la CNIL" in rows[0].detail


def test_the_reminder_area_shows_with_a_tray_too(qtbot, storage, monkeypatch):
    from PySide6.QtWidgets import QSystemTrayIcon

    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda *a, **k: None)
    now = utc(2026, 10, 26, 7, 30)
    window, _ref, _procedure = _due_window(qtbot, storage, now)
    assert window.reminders.tray is not None
    window.reminders.check()
    qtbot.waitUntil(window.reminder_area.isVisible)
    assert len(_rows(window)) == 1


def test_at_the_first_start_the_most_urgent_are_shown_and_the_others_counted(qtbot, storage):
    """Eight deadlines due at the first check (one passed half an hour ago, seven in the next
    hours): the five most urgent are shown, soonest first (those still ahead before the one
    passed), and one note says how many others there are; a restart shows none of them again."""
    from incident_wizard.application.session import IncidentSession
    from incident_wizard.domain.procedure import load_procedure

    procedure = load_procedure()
    now = DEADLINE + timedelta(minutes=30)
    refs = []
    for k in range(8):  # the k-th incident's 72 hours end k hours after DEADLINE
        ref = storage.create_incident(at=AWARE).reference
        IncidentSession(storage, procedure, ref, now=lambda: now).set_value(
            "dates.awareness_at", AWARE + timedelta(hours=k))
        refs.append(ref)
    window = MainWindow(Workspace(storage, procedure, now=lambda: now))
    qtbot.addWidget(window)
    window.reminders.now = lambda: now
    shown = []
    window.reminders.notify = shown.append
    window.show()  # the first check runs in the background
    qtbot.waitUntil(lambda: len(shown) == 5 and not window.reminders.busy(), timeout=10_000)
    assert [r.reference for r in shown] == refs[1:6]
    assert "il reste 30 min pour notifier la CNIL" in shown[0].message
    (note,) = window.reminder_area.reminder_texts()  # « 3 autre(s) rappel(s) », Qt's plural
    assert note.startswith("3 autre") and "Échéances" in note
    assert window.reminders.check().count == 0
    again = MainWindow(Workspace(storage, procedure, now=lambda: now))
    qtbot.addWidget(again)
    again.reminders.now = lambda: now + timedelta(minutes=1)
    assert again.reminders.check().count == 0
