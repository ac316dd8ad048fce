"""One style sheet (issue 22): every look of the windows is written in one module (ui/style.py)
and given by role: a widget with a role carries that role's rules only (no application-wide
sheet, which made every widget of a page go through Qt's style-sheet engine); each look a user
tells apart (a refusal, a warning, the deadline banner's colours) is drawn in its own colours.

The expected colours are written here by hand, from what the screens showed before the sheet
was merged (the red of a refusal #b00020, the banner's green #e6f4ea...): never read from the
code under test."""

from __future__ import annotations

import ast
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget

from incident_wizard.application.sample import build_sample
from incident_wizard.application.session import IncidentSession
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.ui import style

from .conftest import alter_outside
from .gui_helpers import editor, shown_page, type_text

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "incident_wizard"
PROCEDURE = load_procedure()
# Friday 23 October 2026, 10:00 in Paris: the sample's awareness.
AWARE = datetime(2026, 10, 23, 8, 0, tzinfo=UTC)


def pixel(widget: QWidget, x: int, y: int) -> str:
    """The colour drawn at (x, y) of the widget, as the user sees it."""
    return widget.grab().toImage().pixelColor(x, y).name()


def text_colour(widget: QWidget) -> str:
    return widget.palette().color(QPalette.ColorRole.WindowText).name()


def shown_banner(qtbot, session):  # noqa: ANN001, ANN201
    """The deadline banner of ``session``, shown at 700 × 60."""
    from incident_wizard.ui.deadline import DeadlineBanner

    banner = DeadlineBanner(session)
    qtbot.addWidget(banner)
    banner.resize(700, 60)
    banner.show()
    return banner


# --- one sheet, by role -------------------------------------------------------------------------

def test_no_module_but_the_style_sets_a_style_sheet():
    """Style rules written here and there (219 per-widget sheets when an incident page built
    every step) cannot be kept consistent: the only call left is the one that gives a widget
    its role's look, in ui/style.py."""
    calls = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            named = (isinstance(node, ast.Attribute) and node.attr == "setStyleSheet") or (
                isinstance(node, ast.Constant) and isinstance(node.value, str)
                and "setStyleSheet" in node.value and not _is_docstring(tree, node))
            if named:
                calls.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert len(calls) == 1, calls
    assert calls[0].startswith("ui/style.py:")
    source = (PACKAGE / "ui" / "style.py").read_text(encoding="utf-8")
    assert "widget.setStyleSheet(" in source


def _is_docstring(tree: ast.AST, constant: ast.Constant) -> bool:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and body[0].value is constant:
            return True
    return False


def test_each_widget_carries_its_own_look_and_the_application_none(qtbot, storage, monkeypatch):
    """Opening the sample incident and walking every step: no application-wide sheet; the
    sheets set are those of the widgets given a role, each holding that role's rules only
    (before: 25 per-widget sheets at opening, 314 walking the 13 rows, written everywhere)."""
    from incident_wizard.ui.app import make_application
    from incident_wizard.ui.incident_page import IncidentPage

    app = make_application([])
    assert app.styleSheet() == ""
    sheets = []
    widget_set = QWidget.setStyleSheet

    def record(self, text):
        sheets.append((self.property("urgency") or self.property("role") or "", text))
        return widget_set(self, text)

    monkeypatch.setattr(QWidget, "setStyleSheet", record)
    reference = build_sample(storage, PROCEDURE, close=False)
    page = IncidentPage(IncidentSession(storage, PROCEDURE, reference))
    qtbot.addWidget(page)
    page.show()
    opening = len(sheets)
    for row in range(page.steps.count()):
        page.steps.setCurrentRow(row)
        QApplication.processEvents()
    assert page.steps.count() == 13
    assert 0 < opening <= 25 and len(sheets) <= 314
    for role, text in sheets:
        if not role:
            assert text == ""  # a role taken away: the platform's look again
            continue
        assert f'="{role}"]' in text, (role, text)  # its own rules...
        others = {part.split('"')[0] for part in text.split('="')[1:]}
        assert others == {role}, (role, text)  # ...and no other role's
    assert app.styleSheet() == ""


# --- the looks a user tells apart -------------------------------------------------------------

def test_a_refusal_a_warning_and_an_understood_date_each_keep_their_look(qtbot, storage):
    page, _ref = shown_page(qtbot, storage, "signalement")
    title = editor(page, "title")
    plain = pixel(title.input, 0, title.input.height() // 2)
    type_text(qtbot, page, "title", "x" * 400)  # over the 300-character limit
    # The refused value: framed in red, the reason in red under it.
    assert title.error_text().startswith("Non enregistré")
    qtbot.waitUntil(lambda: pixel(title.input, 0, title.input.height() // 2) == "#b00020")
    assert plain != "#b00020"
    assert text_colour(title.message) == "#b00020"
    # A possible identifier: dark orange on a light orange band (4 px of padding around it).
    description = editor(page, "discovery.description")
    description.input.setPlainText("Rappeler au 06 12 34 56 78")
    description.flush()
    warning = description.message
    assert warning.isVisible() and description.error_text() == ""
    assert text_colour(warning) == "#8a5300"
    assert pixel(warning, 2, warning.height() // 2) == "#fff4e0"
    # A date read back as understood: slate blue, no band.
    awareness = editor(page, "dates.awareness_at")
    awareness.input.set_value(AWARE)
    awareness.input.changed.emit()
    assert awareness.message.text().startswith("Compris")
    assert text_colour(awareness.message) == "#33475b"
    assert pixel(awareness.message, 2, awareness.message.height() // 2) != "#fff4e0"
    # The title corrected: its frame and its red line go (the look follows the state).
    title.input.setText("Titre court")
    title.flush()
    assert title.error_text() == "" and not title.message.isVisible()
    qtbot.waitUntil(lambda: pixel(title.input, 0, title.input.height() // 2) == plain)
    # A warning turned into a refusal on the same line takes the refusal's colour.
    title.show_message("Refus", style.ERROR)
    assert text_colour(title.message) == "#b00020"


@pytest.mark.parametrize(("hours", "background", "text"), [
    (10, "#e6f4ea", "#0b5323"),  # 62 h left: calm, green
    (50, "#fff4e0", "#7a4a00"),  # 22 h left: soon, orange
    (68, "#fde7e9", "#8c0010"),  # 4 h left: urgent, red
    (80, "#fde7e9", "#8c0010"),  # 8 h late: red
])
def test_the_deadline_banner_shows_its_urgency_in_its_colours(qtbot, storage, hours, background, text):
    reference = build_sample(storage, PROCEDURE, awareness=AWARE, complete=False)
    banner = shown_banner(qtbot, IncidentSession(storage, PROCEDURE, reference,
                                                 now=lambda: AWARE + timedelta(hours=hours)))
    assert pixel(banner, banner.width() // 2, 3) == background
    assert text_colour(banner.label) == text


def test_the_banner_changes_colour_as_the_deadline_nears_and_when_notified(qtbot, storage):
    now = [AWARE + timedelta(hours=10)]
    unknown = IncidentSession(storage, PROCEDURE, storage.create_incident().reference, now=lambda: now[0])
    undated = shown_banner(qtbot, unknown)
    assert pixel(undated, 350, 3) == "#eeeeee" and text_colour(undated.label) == "#333333"

    session = IncidentSession(storage, PROCEDURE, build_sample(storage, PROCEDURE, awareness=AWARE,
                                                               complete=False), now=lambda: now[0])
    banner = shown_banner(qtbot, session)
    seen = [(pixel(banner, 350, 3), text_colour(banner.label))]
    for hours in (50, 68):  # the same banner, shown, as time passes (its 20-second refresh)
        now[0] = AWARE + timedelta(hours=hours)
        banner.refresh()
        seen.append((pixel(banner, 350, 3), text_colour(banner.label)))
    assert seen == [("#e6f4ea", "#0b5323"), ("#fff4e0", "#7a4a00"), ("#fde7e9", "#8c0010")]

    notified = IncidentSession(storage, PROCEDURE, build_sample(storage, PROCEDURE, awareness=AWARE,
                                                                close=False), now=lambda: now[0])
    done = shown_banner(qtbot, notified)
    assert pixel(done, 350, 3) == "#e8eef8" and text_colour(done.label) == "#1f3b73"


def test_notices_titles_and_the_reminder_area_keep_their_look(qtbot, storage):
    from incident_wizard.application.workspace import Workspace
    from incident_wizard.ui.main_window import MainWindow
    from incident_wizard.ui.reminders import ReminderArea

    storage.create_incident(at=datetime.now(UTC) - timedelta(days=400), title="Ancien incident")
    window = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    home = window.home
    # The yearly review notice: dark orange on light orange.
    notice = home.review_notice
    assert notice.isVisible()
    assert text_colour(notice) == "#7a4a00" and pixel(notice, 3, notice.height() // 2) == "#fff4e0"
    # The way in for the first hour: larger and bolder than a plain button.
    first, plain = home.first_hour_button, home.review_button
    assert first.font().bold() and not plain.font().bold()
    assert first.font().pointSizeF() == 12 and plain.font().pointSizeF() < 12
    assert home.new_button.font().pointSizeF() == 12 and not home.new_button.font().bold()
    # The reminders: a light orange area with a darker frame, its title in bold.
    area = window.findChild(ReminderArea)
    area.add("X#1", "", 24, "Rappel d'essai", datetime.now(UTC))
    qtbot.waitUntil(area.isVisible)
    assert pixel(area, area.width() // 2, 0) == "#d89b3a"
    assert pixel(area, area.width() // 2, 3) == "#fff4e0"
    assert area.title.font().bold() and text_colour(area.title) == "#5c3a00"


def test_an_altered_incident_and_a_step_ended_by_its_act_are_told_apart(qtbot, storage):
    ref = storage.create_incident(title="Journal").reference
    storage.append_journal(ref, "step_done", {"step": "signalement"})
    alter_outside(storage.path, "UPDATE journal SET actor = 'quelqu''un' WHERE seq = 2")
    page, _ = shown_page(qtbot, storage, "signalement", ref)
    warning = page.tamper_warning
    assert warning.isVisible()
    assert text_colour(warning) == "#ffffff" and pixel(warning, 3, warning.height() // 2) == "#8c0010"
    assert warning.font().bold()
    # The step title, larger than the text under it.
    step = page.current_page()
    title = step.widget().layout().itemAt(0).widget()
    assert title.font().pointSizeF() == 16 and title.font().bold()
    # The green confirmation line (what the last act recorded).
    page.confirmation.setText("Notification enregistrée.")
    page.confirmation.show()
    confirmation = page.confirmation
    assert text_colour(confirmation) == "#0b5323"
    assert pixel(confirmation, 3, confirmation.height() // 2) == "#e6f4ea"
