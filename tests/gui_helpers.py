"""Helpers that drive the real widgets of the wizard (pytest-qt)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QWidget

from incident_wizard.ui.fields import FieldEditor
from incident_wizard.ui.incident_page import IncidentPage


def editor(page: IncidentPage, key: str) -> FieldEditor:
    """The editor of ``key`` on the step shown (a field can be asked on two steps), else on the
    first step that asks it."""
    shown = page.stack.currentWidget()
    for step_page in [shown, *(page.pages[s.id] for s in page.session.procedure.steps)]:
        if not hasattr(step_page, "editors"):
            continue
        for e in step_page.editors:
            if e.field.key == key:
                return e
    raise KeyError(key)


def key_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as key presses (QTest.keyClicks only knows ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def type_text(qtbot, page, key: str, text: str) -> None:
    e = editor(page, key)
    e.input.setFocus()
    key_text(e.input, text)
    e.flush()  # what leaving the field does


def choose(page, key: str, option_id: str) -> None:
    combo: QComboBox = editor(page, key).input
    combo.setCurrentIndex(combo.findData(option_id))


def check_options(qtbot, page, key: str, option_ids: list[str]) -> None:
    e = editor(page, key)
    for option_id in option_ids:
        box: QCheckBox = e._checks[option_id]
        if not box.isChecked():
            click(qtbot, box)


def click(qtbot, widget: QWidget) -> None:
    """A left click where a user would click (the indicator of a check box or radio)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))


def set_datetime(page, key: str, value) -> None:
    e = editor(page, key)
    e.input.set_value(value)
    e.input.changed.emit()


def step_done(qtbot, page) -> None:
    click(qtbot, page.done_button)


def shown_page(qtbot, storage, step_id: str, reference: str | None = None):
    """A new (or the given) incident's page, shown on ``step_id``: (page, reference)."""
    from incident_wizard.application.session import IncidentSession
    from incident_wizard.domain.procedure import load_procedure
    from incident_wizard.ui.incident_page import IncidentPage

    reference = reference or storage.create_incident().reference
    page = IncidentPage(IncidentSession(storage, load_procedure(), reference))
    qtbot.addWidget(page)
    page.show()
    page.show_step(step_id)
    return page, reference


def when_modal(kind: type, act, tries: int = 200) -> list:
    """Run ``act(dialog)`` as soon as a modal ``kind`` dialog has the focus (it runs its own event
    loop, so the test cannot call it directly); a dialog that ``act`` leaves open, or an error in
    ``act``, rejects it so that the test fails instead of hanging. Returns the list where the
    outcome is recorded: ["ok"] or ["error: ..."]."""
    from PySide6.QtCore import QTimer

    outcome: list = []
    timer = QTimer()
    timer.setInterval(10)
    left = [tries]

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        left[0] -= 1
        focus = QApplication.focusWidget()
        if not isinstance(dialog, kind) or focus is None or not dialog.isAncestorOf(focus):
            if left[0] <= 0:
                timer.stop()
                outcome.append("error: no dialog")
            return
        timer.stop()
        try:
            act(dialog)
            outcome.append("ok")
        except Exception as error:  # noqa: BLE001 - reported to the test
            outcome.append(f"error: {error!r}")
        if dialog.isVisible():
            dialog.reject()

    timer.timeout.connect(poll)
    timer.start()
    outcome.append(timer)  # kept alive until the test reads the outcome
    return outcome
