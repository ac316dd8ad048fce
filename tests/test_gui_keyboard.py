"""A whole incident done with the keyboard only: Tab to move, Space/arrows to choose, typing,
Ctrl+Entrée to finish a step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QPushButton

from incident_wizard.application.workspace import Workspace
from incident_wizard.domain.model import Contact, Organisation
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.ui.main_window import MainWindow
from incident_wizard.ui.panels import ActionDialog

from .gui_helpers import editor, key_text, when_modal

PROCEDURE = load_procedure()


def tab_to(qtbot, window, target, limit=120):
    """Press Tab until ``target`` has the keyboard focus (fails if it is unreachable)."""
    seen = []
    for _ in range(limit):
        focus = QApplication.focusWidget()
        if focus is target:
            return
        seen.append(f"{type(focus).__name__}:{focus.objectName() if focus else ''}")
        qtbot.keyClick(focus or window, Qt.Key.Key_Tab)
    raise AssertionError(f"{target!r} cannot be reached with Tab; focus went: {seen[:30]}")


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier, times=1):
    for _ in range(times):
        qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def finish_step(qtbot):
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture
def window(qtbot, storage):
    storage.save_profile(Organisation(name="Pharmacie", siret="73282932000074",
                                      contact=Contact(name="Claire Martin")))
    win = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def test_full_incident_with_keyboard_only(qtbot, window, storage, monkeypatch):
    window.home.new_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    page = window.incident_page
    assert page is not None
    ref = page.session.reference

    # 1. Signalement
    tab_to(qtbot, window, editor(page, "title").input)
    key_text(QApplication.focusWidget(), "Courrier au mauvais patient")
    tab_to(qtbot, window, editor(page, "dates.awareness_at").input.now_button)
    press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, window, editor(page, "discovery.how_discovered").input)
    press(qtbot, Qt.Key.Key_Down)
    finish_step(qtbot)
    assert page.current_step_id() == "premiers-reflexes"

    # 2. Premiers réflexes: the 5th situation is "Erreur d'envoi"
    scenario = page.pages["premiers-reflexes"].panel
    tab_to(qtbot, window, scenario.combo)
    press(qtbot, Qt.Key.Key_Down, times=scenario.combo.findData("erreur-envoi"))
    qtbot.waitUntil(lambda: page.session.incident.scenario == "erreur-envoi")  # once it settles
    assert scenario.checks["contacter-destinataire"][0].isVisible()
    tab_to(qtbot, window, scenario.checks["contacter-destinataire"][0])
    press(qtbot, Qt.Key.Key_Space)
    finish_step(qtbot)

    # 3. Qualification, proposed by the situation
    assert page.current_step_id() == "qualification"
    finish_step(qtbot)

    # 4. Personnes et données
    tab_to(qtbot, window, editor(page, "scope.person_categories")._checks["patients"])
    press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, window, editor(page, "scope.persons_count").input)
    key_text(QApplication.focusWidget(), "1")
    tab_to(qtbot, window, editor(page, "scope.data_categories")._checks["etat-civil"])
    press(qtbot, Qt.Key.Key_Space)
    finish_step(qtbot)

    # 5. Risque: every answer proposed; move the identification answer with the arrows
    assert page.current_step_id() == "evaluation-risque"
    risk = page.pages["evaluation-risque"].panel
    tab_to(qtbot, window, risk.groups["ei"].checkedButton())
    press(qtbot, Qt.Key.Key_Down)
    assert page.session.incident.risk.answers["ei"] == "importante"
    # Who saw the letter: not proposed, the pharmacist answers (the doctor confirmed deletion).
    tab_to(qtbot, window, risk.groups["c_recipients"].button(0))  # the group's tab stop
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)
    assert page.session.incident.risk.answers["c_recipients"] == "trusted-confirmed"
    finish_step(qtbot)

    # 6. Décision
    decision = page.pages["decision"].panel
    tab_to(qtbot, window, decision.record_button)
    press(qtbot, Qt.Key.Key_Space)
    assert page.session.incident.decision.outcome == "register_only"
    finish_step(qtbot)

    # 7. Notification: nothing due
    finish_step(qtbot)

    # 8. Information des personnes
    tab_to(qtbot, window, editor(page, "information.status").input)
    press(qtbot, Qt.Key.Key_Down, times=3)
    tab_to(qtbot, window, editor(page, "information.exemption").input)
    press(qtbot, Qt.Key.Key_Down, times=4)
    tab_to(qtbot, window, editor(page, "information.justification").input)
    key_text(QApplication.focusWidget(), "Destinataire de confiance, courrier détruit")
    finish_step(qtbot)

    # 9. Autres démarches
    finish_step(qtbot)

    # 10. Prévention et suivi: one proposal retained in its dialog with the keyboard (owner,
    # due day, Enter), the other set aside with a reason.
    followup = page.pages["prevention-suivi"].panel

    def fill_action_dialog(dialog):
        for _ in range(2):  # title, then type, then owner
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        key_text(QApplication.focusWidget(), "Claire Martin")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        key_text(QApplication.focusWidget(), "15/01/2028")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        assert not dialog.isVisible(), (dialog.error.text(), dialog.owner.text(), dialog.due.text())

    tab_to(qtbot, window, followup.findChild(QPushButton, "proposal-choose-double-verification"))
    outcome = when_modal(ActionDialog, fill_action_dialog)
    press(qtbot, Qt.Key.Key_Space)
    assert outcome[1:] == ["ok"]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget().objectName().startswith("proposal-")  # focus kept in the list
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Pas de messagerie : fax seul", True))
    tab_to(qtbot, window, followup.findChild(QPushButton, "proposal-dismiss-messagerie-securisee"))
    press(qtbot, Qt.Key.Key_Space)
    finish_step(qtbot)
    assert "prevention-suivi" in page.session.incident.steps_done, page.message.text()

    # 11. Mesures et clôture
    tab_to(qtbot, window, editor(page, "measures.remedy").input)
    key_text(QApplication.focusWidget(), "Courrier récupéré")
    tab_to(qtbot, window, editor(page, "measures.prevention").input)
    key_text(QApplication.focusWidget(), "Vérification des adresses")
    finish_step(qtbot)

    stored = storage.load_incident(ref)
    assert stored.status == "closed", page.message.text()
    assert stored.title == "Courrier au mauvais patient"
    assert stored.information.exemption == "risque-non-eleve"
    assert stored.measures.prevention == "Vérification des adresses"
    (action,) = stored.actions
    assert (action.proposal, action.owner, action.due) == ("double-verification", "Claire Martin",
                                                           "2028-01-15")
    assert stored.dismissed_proposals["messagerie-securisee"].reason == "Pas de messagerie : fax seul"
