"""Fast at any size (issue 22): what a DPO notices with thousands of incidents, checked without a
stopwatch: the home list shows the right rows and texts and computes texts only for the rows
asked; the filter finds what a plain scan finds; reminders stay linear and write the text of the
reminders shown only; the deadlines view and `incident-wizard deadlines` say what the summaries
say; a database of the previous schema migrates and verifies intact; the listed deadline is the
one in force when a notification was recorded before the awareness was moved later."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import sqlite3
from datetime import date, timedelta

import pytest

from incident_wizard.application.sample import build_sample
from incident_wizard.application.session import IncidentSession
from incident_wizard.application.workspace import Workspace, summary_deadline
from incident_wizard.cli import main
from incident_wizard.domain import clock, followup
from incident_wizard.domain.dashboard import open_deadlines
from incident_wizard.domain.model import CLOSED, OPEN, Contact, FollowUpAction, Organisation
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.domain.reminders import Reminder, mark_fired
from incident_wizard.storage import DB_FILENAME, SCHEMA_VERSION, Storage

from .conftest import utc

PROCEDURE = load_procedure()
NOW = utc(2026, 12, 1, 9)
TITLES = ("Rançongiciel au comptoir", "Courriel au mauvais patient", "Vol d'ordinateur",
          "Ordonnances perdues", "Straße vers l'ÉCOLE", "Fax mal adressé")
PHARMACIES = [Organisation(name=f"Pharmacie n° {n}", siret="", contact=Contact(name=f"T{n}"))
              for n in range(7)] + [Organisation(name="", siret="")]


def fill(storage: Storage, count: int) -> None:
    """A few incidents made through the API, then ``count`` copies of them with other
    references, titles, pharmacies and follow-up actions, stored through the storage's own insert
    (every summary column computed as a save computes it)."""
    templates = [
        build_sample(storage, PROCEDURE, NOW - timedelta(days=400)),  # closed, actions left open
        build_sample(storage, PROCEDURE, NOW - timedelta(days=20), close=False),  # open, notified
        build_sample(storage, PROCEDURE, NOW - timedelta(hours=60), complete=False),  # 12 h left
        build_sample(storage, PROCEDURE, NOW - timedelta(hours=100), complete=False),  # passed
        storage.create_incident(at=NOW - timedelta(days=3), title="Sans date").reference,
    ]
    incidents = [storage.load_incident(ref) for ref in templates]
    with storage._transaction():
        for n in range(count):
            template = incidents[n % len(incidents)]
            org = PHARMACIES[n % len(PHARMACIES)]
            actions = [dataclasses.replace(a, due=(date(2026, 11, 1) + timedelta(days=n % 60)).isoformat())
                       for a in template.actions[:2]]
            if n % 11 == 0:
                actions.append(FollowUpAction(id="A9", title="Sans échéance", owner="X"))
            copy = dataclasses.replace(template, reference=f"VDP-2025-{n:05d}",
                                       title=f"{TITLES[n % len(TITLES)]} n° {n}",
                                       created_at=template.created_at - timedelta(minutes=n % 97),
                                       organisation=org, actions=actions)
            storage._insert_incident(copy, NOW)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "data"
    with Storage.open(path) as storage:
        fill(storage, 2500)
    return path


def old_order(rows):
    """The home list's order as it was: newest first, then open before closed."""
    rows = sorted(rows, key=lambda r: (r.created_at, r.reference), reverse=True)
    return sorted(rows, key=lambda r: r.status != OPEN)


# --- the home list ------------------------------------------------------------------------------


def test_the_home_list_shows_the_right_rows_and_computes_only_the_rows_asked(folder, qtbot, monkeypatch):
    from incident_wizard.ui import home as home_module

    computed = []

    def counting(summary, now):
        computed.append(summary.reference)
        return summary_deadline(summary, now)

    monkeypatch.setattr(home_module, "summary_deadline", counting)
    with Storage.open(folder) as storage:
        workspace = Workspace(storage, PROCEDURE, now=lambda: NOW)
        read = []
        summaries = workspace.summaries
        monkeypatch.setattr(workspace, "summaries", lambda refs: read.extend(refs) or summaries(refs))
        page = home_module.HomePage(workspace)
        qtbot.addWidget(page)
        page.resize(1000, 500)
        page.show()
        qtbot.waitUntil(lambda: len(read) > 0)  # painted
        model = page.model
        expected = old_order(storage.list_incidents())
        assert len(expected) == model.rowCount() == page.proxy.rowCount() > 2500
        assert [model.text(r, 0) for r in range(model.rowCount())] == [r.reference for r in expected]
        # Painting the window read a screenful of rows (a block of them), not the 2,500.
        assert 0 < len(read) <= 2 * model.BLOCK
        assert 0 < len(computed) <= len(read)
        # Any row's texts, asked for: the same as computed from the full summaries.
        for row in (0, 1, 700, 1801, len(expected) - 1):
            r = expected[row]
            assert model.text(row, 1) == (r.title or "(sans intitulé)")
            assert model.text(row, 2) == (clock.format_short(r.awareness_at) if r.awareness_at else "—")
            cell = summary_deadline(r, NOW)
            assert model.text(row, 3).startswith(cell.text)
            assert model.text(row, 5) == ("En cours" if r.status == OPEN else "Clôturé")
            assert model.text(row, 6) == (r.pharmacy or "—")
            late = followup.overdue_count(r.actions, followup.today(NOW))
            assert (f", {late} en retard" in model.text(row, 4)) if late else "retard" not in model.text(row, 4)
        assert len(computed) <= 2 * model.BLOCK + 5
        # The overdue actions counted over the whole folder, as the summaries count them.
        today = followup.today(NOW)
        late = sum(followup.overdue_count(r.actions, today) for r in expected)
        assert late and page.review_notice.text().startswith(f"{late} action")
        # Memory stays bounded: a block read for every row asked, never more than KEEP kept.
        for row in range(0, model.rowCount(), 3):
            model.summary(row)
        assert len(model._kept) <= model.KEEP


@pytest.mark.parametrize("text", ["", "vdp-2025-01", "straße", "STRASSE", "école", "é", "n° 24",
                                  "rançongiciel", "zzz", "  ordinateur  "])
@pytest.mark.parametrize("status", ["", OPEN, CLOSED, "overdue-actions"])
def test_the_filter_finds_the_same_rows_as_a_plain_scan(folder, qtbot, text, status):
    from incident_wizard.ui.home import HomePage

    with Storage.open(folder) as storage:
        page = HomePage(Workspace(storage, PROCEDURE, now=lambda: NOW))
        qtbot.addWidget(page)
        rows = old_order(storage.list_incidents())
        today = followup.today(NOW)
        for pharmacy in ("", "nom:pharmacie n° 3"):
            page.pharmacy_filter.setCurrentIndex(page.pharmacy_filter.findData(pharmacy))
            page.search.setText(text)
            page.status_filter.setCurrentIndex(page.status_filter.findData(status))
            wanted = text.strip().casefold()
            scan = [r.reference for r in rows
                    if (not pharmacy or r.pharmacy_id == pharmacy)
                    and wanted in f"{r.reference} {r.title}".casefold()
                    and (status != "overdue-actions" or followup.overdue_count(r.actions, today))
                    and (status in ("", "overdue-actions") or r.status == status)]
            assert page.visible_texts(0) == scan
            assert page.apply_filter() == len(scan)


# --- reminders ----------------------------------------------------------------------------------


def test_marking_a_reminder_shown_does_not_copy_what_was_shown_before():
    fired: dict[str, list[int]] = {}
    for n in range(5000):
        assert mark_fired(fired, Reminder(f"VDP-{n}", 0, lambda: "")) is fired
    assert len(fired) == 5000 and fired["VDP-17"] == [24, 6, 1, 0]
    mark_fired(fired, Reminder("VDP-1#action-A1-2026-12-01", 24, lambda: ""))
    assert fired["VDP-1#action-A1-2026-12-01"] == [168, 24]


def _expected_threshold(item, now):
    """What a pharmacist is owed at ``now`` for a listed deadline, written from the rules as the
    README states them (24 h, 6 h and 1 h before a deadline and once passed; an action a week
    before its due day, the day before, and once overdue), not from the code under test."""
    if item.kind == followup.ACTION_DEADLINE:
        day = date.fromisoformat(item.day)
        if now >= item.due:  # the due instant of an action is the end of its due day
            return 0
        today = now.astimezone(clock.PARIS).date()
        if today >= day - timedelta(days=1):
            return 24
        return 168 if today >= day - timedelta(days=7) else None
    left = item.due - now
    for hours, threshold in ((0, 0), (1, 1), (6, 6), (24, 24)):
        if left <= timedelta(hours=hours):
            return threshold
    return None


def _forget_reminders(folder):
    conn = sqlite3.connect(folder / DB_FILENAME)
    conn.execute("UPDATE due_items SET reminded = NULL")  # none shown yet: the first start
    conn.commit()
    conn.close()


def test_reminders_are_shown_once_read_only_when_due_and_written_only_when_shown(folder, monkeypatch):
    from incident_wizard.storage import incidents as repository

    _forget_reminders(folder)
    with Storage.open(folder) as storage:
        workspace = Workspace(storage, PROCEDURE, now=lambda: NOW)
        # Every deadline and action listed owes its reminder at the first start, once.
        owed = {(i.reference, i.kind, i.action, i.day): _expected_threshold(i, NOW)
                for i in workspace.deadlines()}
        owed = {k: t for k, t in owed.items() if t is not None}
        everything = workspace.reminders_due(lambda r: None, NOW)
        assert everything.count == len(everything.shown) == len(owed) > 1000
        got = {}
        for r in everything.shown:
            reference, _sep, rest = r.reference.partition("#")  # REF, REF#kind, REF#action-ID-DAY
            if rest.startswith("action-"):
                got[(reference, "action", rest[7:-11], rest[-10:])] = r.threshold
            else:
                got[(reference, rest or "cnil", "", "")] = r.threshold
        assert got == owed

    _forget_reminders(folder)
    with Storage.open(folder) as storage:
        workspace = Workspace(storage, PROCEDURE, now=lambda: NOW)
        read = []
        candidates = repository.IncidentRepository.reminder_candidates

        def counting(self, now, reach, last):
            rows = candidates(self, now, reach, last)
            read.append(len(rows))
            return rows

        monkeypatch.setattr(repository.IncidentRepository, "reminder_candidates", counting)
        shown = []
        first = workspace.reminders_due(shown.append, NOW, shown=3)
        # The same reminders are due; three are shown, the most urgent: the deadlines still
        # ahead, soonest first, before those that have passed and before the actions.
        assert first.count == everything.count and shown == first.shown and len(shown) == 3
        ahead = sorted((r for r in everything.shown if "#action-" not in r.reference and r.due >= NOW),
                       key=lambda r: r.due)
        assert [r.due for r in shown] == [r.due for r in ahead[:3]]
        assert all(r.reference.split("#")[0] in r.message and " 12 h" in r.message for r in shown), [r.message for r in shown]
        # A minute later nothing is due again, and the check reads almost nothing: only the
        # items whose next reminder may fall in that minute, never the ones already reminded.
        assert workspace.reminders_due(shown.append, NOW + timedelta(minutes=1)).count == 0
        assert read[1] * 20 < first.count
        # Two days later: only tighter reminders of the same items, or new ones.
        later = workspace.reminders_due(shown.append, NOW + timedelta(days=2))
        assert later.count == len(later.shown) > 0
        first_thresholds = {r.reference: r.threshold for r in everything.shown}
        for r in later.shown:
            assert r.threshold < first_thresholds.get(r.reference, 10**6)
        # The next start remembers them all.
        assert Workspace(storage, PROCEDURE).reminders_due(shown.append, NOW + timedelta(days=2)).count == 0


def test_a_reminder_for_an_incident_saved_between_two_checks(storage):
    workspace = Workspace(storage, PROCEDURE, now=lambda: NOW)
    assert workspace.reminders_due(lambda r: None, NOW).count == 0
    ref = storage.create_incident(at=NOW).reference
    # Aware 80 hours ago, typed now: its deadline passed before the first check; the incident
    # saved since is read all the same.
    IncidentSession(storage, PROCEDURE, ref, now=lambda: NOW).set_value(
        "dates.awareness_at", NOW - timedelta(hours=80))
    (reminder,) = workspace.reminders_due(lambda r: None, NOW + timedelta(minutes=1)).shown
    assert reminder.reference == ref and reminder.threshold == 0
    assert "le délai de 72 heures pour notifier la CNIL est dépassé" in reminder.message
    assert workspace.reminders_due(lambda r: None, NOW + timedelta(minutes=2)).count == 0


# --- the deadlines view and `incident-wizard deadlines` -----------------------------------------


def test_the_deadlines_say_what_the_summaries_say_byte_for_byte(folder, qtbot, monkeypatch):
    from incident_wizard.ui.dashboard import DeadlinesDialog

    with Storage.open(folder) as storage:
        workspace = Workspace(storage, PROCEDURE, now=lambda: NOW)
        stored = workspace.deadlines()
        from_summaries = open_deadlines(storage.list_incidents(), NOW)
        assert [(i.when, i.left, i.pharmacy, i.reference, i.label) for i in stored] == \
            [(i.when, i.left, i.pharmacy, i.reference, i.label) for i in from_summaries]
        assert len(stored) > 3000
        # The dialog reads a page of rows when shown and writes the texts of those only.
        pages = []
        page = workspace.deadline_page
        monkeypatch.setattr(workspace, "deadline_page", lambda o, n: pages.append(o) or page(o, n))
        dialog = DeadlinesDialog(workspace)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: len(pages) > 0)  # painted
        model = dialog.table.model()
        assert model.rowCount() == len(stored) and pages == [0]
        assert sum("left" in item.__dict__ for item in model._pages[0]) <= 30
        last = len(stored) - 1
        assert [model.index(last, c).data() for c in range(5)] == [
            stored[last].when, stored[last].left, stored[last].pharmacy or "—", stored[last].reference,
            stored[last].label]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--data-dir", str(folder), "deadlines"]) == 0
    now = clock.now_utc()
    with Storage.open(folder) as storage:
        expected = open_deadlines(storage.list_incidents(), now)
    lines = out.getvalue().splitlines()
    assert [line.split("\t")[3] for line in lines] == [i.reference for i in expected]
    assert [line.split("\t")[0] for line in lines] == [i.when for i in expected]
    assert [line.split("\t")[4] for line in lines] == [i.label for i in expected]


# --- the listed deadline ------------------------------------------------------------------------


def test_the_listed_deadline_is_the_one_in_force_when_the_awareness_moved_later(storage, qtbot):
    """Aware on Friday 23 October 2026 at 10:00 (Paris, 08:00 UTC): the 72 hours end on Monday 26
    at 09:00 (Paris, winter time since the 25th). Notified on Monday 26 at 17:00 (16:00 UTC): 8
    hours late. The awareness is then moved to 23 October 20:00 (Paris): from it, the 72 hours
    would end on the 26th at 19:00 and the notification would look timely; the deadline kept
    with the notification still holds: 8 hours late."""
    from incident_wizard.ui.home import HomePage

    aware = utc(2026, 10, 23, 8)
    notified = utc(2026, 10, 26, 16)
    ref = storage.create_incident(at=aware).reference
    s = IncidentSession(storage, PROCEDURE, ref, now=lambda: notified)
    s.set_value("dates.awareness_at", aware)
    s.record_notification("initial", notified, "CNIL-1", late_reasons="Week-end.")
    s.set_value("complement_waiver", "Rien à ajouter.")
    s.set_value("dates.awareness_at", utc(2026, 10, 23, 19))
    expected = "Notifiée le lundi 26 octobre 2026 à 17 h 00 (en retard de 8 h 00 min)"
    assert s.view.headline(NOW) == expected
    (summary,) = storage.list_incidents()
    assert summary.notification_due == utc(2026, 10, 26, 8)
    assert summary_deadline(summary, NOW).text == expected
    page = HomePage(Workspace(storage, PROCEDURE, now=lambda: NOW))
    qtbot.addWidget(page)
    assert page.visible_texts(3) == [expected]


# --- migration ----------------------------------------------------------------------------------

LISTING = ("notification_due", "actions", "action_due", "pharmacy", "pharmacy_id", "search")


def _schema_6(path) -> None:
    """Take a database back to schema 6 as the previous version wrote it: the columns, table and
    indexes of schema 7 removed (its other columns are the same)."""
    conn = sqlite3.connect(path)
    for index in ("incidents_listing", "incidents_open_actions", "due_items_due", "due_items_reference",
                  "due_items_remind", "due_items_actions"):
        conn.execute(f"DROP INDEX {index}")
    conn.execute("DROP TABLE due_items")
    conn.execute("DROP TABLE IF EXISTS register_chain")  # schema 8
    for column in LISTING:
        conn.execute(f"ALTER TABLE incidents DROP COLUMN {column}")
    conn.execute("PRAGMA user_version = 6")
    conn.commit()
    conn.close()


def test_a_schema_6_database_migrates_and_verifies_intact(data_dir):
    with Storage.open(data_dir) as storage:
        refs = [build_sample(storage, PROCEDURE, NOW - timedelta(days=90)),
                build_sample(storage, PROCEDURE, NOW - timedelta(days=5), close=False),
                build_sample(storage, PROCEDURE, NOW - timedelta(hours=20), complete=False),
                storage.create_incident(at=NOW, title="Rien encore").reference]
        damaged = storage.create_incident(at=NOW, title="Abîmé").reference
        columns = ", ".join(("reference", *LISTING))
        listing = storage._conn.execute(f"SELECT {columns} FROM incidents ORDER BY reference").fetchall()
        items = storage._conn.execute("SELECT reference, pharmacy, due, kind, label, action, title, day"
                                      " FROM due_items ORDER BY due, reference, label").fetchall()
        heads = {ref: storage.journal_head(ref) for ref in refs}
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    conn.execute("UPDATE incidents SET data = 'pas du JSON' WHERE reference = ?", (damaged,))
    conn.commit()
    conn.close()
    _schema_6(data_dir / DB_FILENAME)
    # The previous version remembered the reminders shown in a setting: the 24-hour one of the
    # first-hours incident (its 72 hours end 52 hours after NOW).
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    conn.execute("INSERT INTO settings(key, value) VALUES ('reminders_fired', ?)",
                 (f'{{"{refs[2]}": [24], "VDP-1999-001": [0]}}',))
    conn.commit()
    conn.close()

    with Storage.open(data_dir) as storage:
        assert storage._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        for ref in refs:
            assert storage.verify_journal(ref).ok, ref
            # Only the anchor of schema 8 (issue 25) is journaled by the migration.
            entries = storage.journal(ref)
            assert entries[-2].hash == heads[ref][0] and entries[-1].action == "record_anchored"
        assert storage.register_chain.verify().ok
        migrated = storage._conn.execute(f"SELECT {columns} FROM incidents ORDER BY reference").fetchall()
        assert [r for r in migrated if r[0] != damaged] == [r for r in listing if r[0] != damaged]
        assert storage._conn.execute("SELECT reference, pharmacy, due, kind, label, action, title, day"
                                     " FROM due_items ORDER BY due, reference, label").fetchall() == items
        # The reminders already shown are remembered with their due items: not shown again.
        workspace = Workspace(storage, PROCEDURE, now=lambda: NOW)
        assert storage.get_setting("reminders_fired") is None
        soon = [(r.reference, r.threshold) for r in workspace.reminders_due(lambda r: None, NOW + timedelta(hours=30)).shown]
        assert (refs[2], 24) not in soon
        passed = [(r.reference, r.threshold) for r in workspace.reminders_due(lambda r: None, NOW + timedelta(hours=60)).shown]
        assert (refs[2], 0) in passed
        # The damaged incident is listed, as damaged, and the rest stays usable.
        assert damaged in workspace.listing().references
        assert workspace.summary(damaged).damaged
    assert len(list(data_dir.glob(f"{DB_FILENAME}.avant-migration-v6-*"))) == 1


def test_the_schema_3_sample_migrates_with_its_listing(tmp_path):
    """The committed database of schema 3 opens with its summaries filled as a save fills them."""
    import shutil
    from pathlib import Path

    source = Path(__file__).parent / "data" / "schema-3-sample.sqlite3"
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(source, folder / DB_FILENAME)
    from incident_wizard.storage.rows import listing_columns

    with Storage.open(folder) as storage:
        summaries = storage.list_incidents()
        assert summaries
        for summary in summaries:
            assert storage.verify_journal(summary.reference).ok
            row = storage._conn.execute(f"SELECT {', '.join(LISTING)} FROM incidents WHERE reference = ?",
                                        (summary.reference,)).fetchone()
            assert row == listing_columns(storage.load_incident(summary.reference))
