"""The action-counting harness the incident benchmarks share (benchmarks/first_hour.py,
benchmarks/full_incident.py, benchmarks/realistic_incident.py): the dialogs a user answers
replaced by counted answers, every user action counted once, per section, and the gestures
(a click where a user clicks, a field typed, a date entered, a step ended or picked in the list).

Counting: a click, a keystroke batch typed into one field, a box ticked, a choice in a list, a
dialog answered each count one. Message boxes are read, not counted; those a path should not
meet are recorded as problems.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

PHARMACY = "Pharmacie des Tilleuls"
TITULAIRE = "Claire Martin"


@dataclass
class Counted:
    """What a benchmark run measured: the actions per section (in order) and the problems met."""
    name: str
    steps: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    reference: str = ""
    decision: str = ""

    @property
    def actions(self) -> int:
        return sum(self.steps.values())


class Driver:
    """Counts the user's actions of one run (``act``), by section (``at``)."""

    def __init__(self, result: Counted, first_section: str):
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance() or QApplication([])
        self.result = result
        self.section = first_section
        self.at(first_section)

    def at(self, label: str) -> None:
        """The actions from now on count for ``label``."""
        self.section = label
        self.result.steps.setdefault(label, 0)

    def count(self) -> None:
        """One action done inside a dialog the harness answers."""
        self.result.steps[self.section] = self.result.steps.get(self.section, 0) + 1

    def act(self, do: Callable[[], Any]) -> None:
        """One user action, then what Qt does with it."""
        self.count()
        do()
        self.app.processEvents()

    def problem(self, text: str) -> None:
        self.result.problems.append(text)

    @contextmanager
    def dialogs(self, folder: Path | None = None, reason: list[str] | None = None,
                expected_boxes: tuple[str, ...] = ()) -> Iterator[None]:
        """The dialogs answered while the block runs: a reason asked (``reason[0]`` typed and
        confirmed: one action), the documents' folder chosen (``folder``: one action; the
        report of what was written is read), the message boxes read (answered « Oui »/OK; a
        kind not in ``expected_boxes`` is recorded as a problem)."""
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        from incident_wizard.ui import documents_ui

        def get_text(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            self.count()
            return (reason or [""])[0], True

        def box(kind: str):  # noqa: ANN202
            def shown(parent, title, text, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
                if kind not in expected_boxes:
                    self.problem(f"{kind}: {text}")
                return (QMessageBox.StandardButton.Yes if kind == "question"
                        else QMessageBox.StandardButton.Ok)
            return shown

        patches: list[tuple[object, str, object]] = [(QInputDialog, "getText", get_text)]
        patches += [(QMessageBox, kind, box(kind))
                    for kind in ("information", "warning", "critical", "question")]
        if folder is not None:
            def choose_folder(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
                self.count()
                return folder
            patches += [(documents_ui, "choose_folder", choose_folder),
                        (documents_ui, "_report", lambda *a, **k: None)]
        with patched(patches):
            yield


@contextmanager
def patched(patches: list[tuple[object, str, object]]) -> Iterator[None]:
    """Replace attributes while the block runs; put the originals back whatever happens."""
    saved = [(owner, name, owner.__dict__[name] if name in getattr(owner, "__dict__", {})
              else getattr(owner, name)) for owner, name, _ in patches]
    for owner, name, replacement in patches:
        setattr(owner, name, replacement)
    try:
        yield
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)


def storage_and_folder(storage=None, representative: bool = True):  # noqa: ANN001, ANN201
    """(storage, own, folder): ``storage`` or a new one in a temporary folder (``own``: close it
    after), with the pharmacy's profile saved."""
    from incident_wizard.domain.model import Contact, Organisation
    from incident_wizard.storage import Storage

    folder = Path(tempfile.mkdtemp())
    own = storage is None
    if own:
        storage = Storage.open(folder / "data")
    storage.save_profile(Organisation(
        name=PHARMACY, siret="73282932000074",
        legal_representative=Contact(name=TITULAIRE) if representative else Contact(),
        contact=Contact(name=TITULAIRE, email="c.martin@example.fr")))
    return storage, own, folder


def open_window(storage, qtbot=None):  # noqa: ANN001, ANN201 - a MainWindow, shown
    from incident_wizard.application.workspace import Workspace
    from incident_wizard.domain.procedure import load_procedure
    from incident_wizard.ui.main_window import MainWindow

    window = MainWindow(Workspace(storage, load_procedure()))
    if qtbot is not None:
        qtbot.addWidget(window)
    window.resize(1280, 1000)
    window.show()
    return window


def step_titles() -> dict[str, str]:
    """« N. Titre » by step id, the sections' labels."""
    from incident_wizard.domain.procedure import load_procedure

    return {s.id: f"{i + 1}. {s.title}" for i, s in enumerate(load_procedure().steps)}


def click(widget) -> None:  # noqa: ANN001 - where a user clicks (a check box's indicator)
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))


def typed_in(editor, text: str) -> None:  # noqa: ANN001 - a FieldEditor
    """Text typed into a field, then the field left (what saves it)."""
    from tests.gui_helpers import key_text

    editor.input.setFocus()
    key_text(editor.input, text)
    editor.flush()


def typed_line(line, text: str) -> None:  # noqa: ANN001 - a QLineEdit of a panel
    from tests.gui_helpers import key_text

    line.setFocus()
    key_text(line, text)


def dated(editor, hours_ago: float) -> None:  # noqa: ANN001 - one date typed
    from incident_wizard.domain.clock import now_utc

    editor.input.set_value(now_utc() - timedelta(hours=hours_ago))
    editor.input.changed.emit()


class Steps:
    """The wizard's steps as a user moves through them, each gesture counted by ``driver``."""

    def __init__(self, driver: Driver, page):  # noqa: ANN001 - an IncidentPage
        self.driver, self.page = driver, page

    def editor(self, key: str):  # noqa: ANN201 - the field's editor on the step shown
        return self.page.current_page().editor(key)

    def panel(self, step_id: str):  # noqa: ANN201
        return self.page.pages[step_id].panel

    def tick(self, editor, options: list[str]) -> None:  # noqa: ANN001 - a FieldEditor or its key
        """Each option of a multiple-choice field ticked (one action each)."""
        editor = self.editor(editor) if isinstance(editor, str) else editor
        for option in options:
            self.driver.act(lambda option=option: click(editor._checks[option]))

    def done(self, step_id: str) -> None:
        """« Étape terminée » (or « Clôturer l'incident »); a refusal is a problem."""
        self.driver.act(lambda: click(self.page.done_button))
        if self.page.message.isVisible():
            self.driver.problem(f"{step_id}: {self.page.message.text()}")

    def go_to(self, step_id: str) -> None:
        """A click on the step in the list."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        steps = self.page.steps
        item = next(steps.item(r) for r in range(steps.count())
                    if steps.item(r).data(Qt.ItemDataRole.UserRole) == step_id)
        steps.scrollToItem(item)
        self.driver.act(lambda: QTest.mouseClick(steps.viewport(), Qt.MouseButton.LeftButton,
                                                 pos=steps.visualItemRect(item).center()))
        if self.page.current_step_id() != step_id:
            self.driver.problem(f"the list did not open {step_id}")

    def expect(self, step_id: str) -> None:
        """The step the app should show next; another one is a problem (then it is opened)."""
        if self.page.current_step_id() != step_id:
            self.driver.problem(f"expected {step_id}, shown {self.page.current_step_id()}")
            self.page.show_step(step_id)


def report_lines(result: Counted, target: int, total_note: str = "") -> list[str]:
    """The actions per section, the total and whether ``target`` is met, the problems."""
    lines = [f"  {label:<62} {count:>3}" for label, count in result.steps.items()]
    lines.append(f"  {'total':<62} {result.actions:>3}{total_note}")
    lines.append(f"  target ≤ {target}: " + ("met" if result.actions <= target
                                            else f"NOT met ({result.actions - target} over)"))
    lines += [f"  problem: {p}" for p in result.problems]
    return lines
