"""Issue 24 (9): every free-text input whose text can reach a document (the CNIL draft, the
register and its sheet, the letters, the inspection folder) warns when it seems to hold a
patient identifier or a personal detail. What "reaches a document" comes from data, not from
the flag under test: every text field the procedure (forms/procedure.toml) asks, and the
explicit list below of the other inputs of an incident's pages."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QWidget

from incident_wizard.application.session import IncidentSession
from incident_wizard.domain.model import Contact, Organisation
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.ui.fields import FieldEditor
from incident_wizard.ui.incident_page import IncidentPage
from incident_wizard.ui.widgets import DateTimeInput

from .gui_helpers import key_text

PROCEDURE = load_procedure()

NIR = "Patient 1 85 05 78 006 084 36 concerné"
EMAIL = "écrire à jean.dupont@exemple.fr"
PHONE = "rappeler le 06 12 34 56 78"
#: The French warnings a pharmacist reads (written here, not taken from the code).
SAYS = {NIR: "numéro de sécurité sociale", EMAIL: "adresse électronique", PHONE: "numéro de téléphone"}

#: The inputs of an incident's pages that are not procedure fields, by object name, with the
#: document their text reaches. A new input must be added here (the scan below fails).
OTHER_INPUTS = {
    "cnil-reference": "registre (référence de la notification)",
    "late-reasons": "registre et brouillon CNIL (raisons du retard)",
    "late-reasons-after": "registre (raisons du retard)",
    "risk-justification": "registre et dossier d'inspection (justification de l'évaluation)",
    "decision-justification": "registre et brouillon CNIL (justification de la décision)",
    **{f"body-note-{body}": "registre (autres organismes prévenus)" for body in PROCEDURE.bodies},
    **{f"body-reference-{body}": "registre (autres organismes prévenus)" for body in PROCEDURE.bodies},
}

#: Free-text fields of the procedure: every one reaches the register (and most the CNIL draft).
TEXT_FIELDS = sorted({(step.id, field.key) for step in PROCEDURE.steps for field in step.fields
                      if field.type in ("text", "multiline")})
CLOSURE_FIELDS = ["measures.before", "measures.prevention", "measures.lessons_learned", "closure_note"]


@pytest.fixture
def page(qtbot, storage):
    storage.save_profile(Organisation(name="Pharmacie du Marché", contact=Contact(
        name="Claire Martin", email="contact@pharmacie-marche.fr", phone="01 23 45 67 89")))
    reference = storage.create_incident().reference
    shown = IncidentPage(IncidentSession(storage, PROCEDURE, reference))
    qtbot.addWidget(shown)
    return shown


def _editor(page: IncidentPage, step_id: str, key: str) -> FieldEditor:
    return next(e for e in page.pages[step_id].editors if e.field.key == key)


def test_the_procedure_has_free_text_fields_and_the_closure_ones_among_them():
    keys = {key for _step, key in TEXT_FIELDS}
    assert set(CLOSURE_FIELDS) <= keys
    assert len(keys) >= 20


@pytest.mark.parametrize(("step_id", "key"), TEXT_FIELDS)
def test_every_free_text_field_of_the_procedure_warns_of_a_nir(qtbot, page, step_id, key):
    page.show_step(step_id)
    editor = _editor(page, step_id, key)
    editor.input.setEnabled(True)  # a field enabled by a box: its stored text reaches documents too
    if isinstance(editor.input, QLineEdit):
        editor.input.setText(NIR)
    else:
        editor.input.setPlainText(NIR)
    editor.flush()
    assert not editor.message.isHidden(), key
    assert "numéro de sécurité sociale" in editor.message.text(), key


@pytest.mark.parametrize("key", CLOSURE_FIELDS)
@pytest.mark.parametrize("typed", [NIR, EMAIL, PHONE])
def test_closure_fields_warn_of_identifiers_typed(qtbot, page, key, typed):
    """The four fields the issue found unguarded, typed into as a user types."""
    page.show_step("mesures-cloture")
    editor = _editor(page, "mesures-cloture", key)
    editor.input.setFocus()
    key_text(editor.input, typed)
    qtbot.waitUntil(lambda: not editor.message.isHidden())
    assert SAYS[typed] in editor.message.text()
    assert "identifier les personnes" in editor.message.text() or "identifiant de patient" in editor.message.text()
    # Corrected, the warning goes.
    editor.input.setPlainText("Sauvegardes quotidiennes déconnectées")
    editor.flush()
    assert editor.message.isHidden()


def test_the_pharmacy_own_phone_and_email_do_not_warn(qtbot, page):
    page.show_step("mesures-cloture")
    editor = _editor(page, "mesures-cloture", "closure_note")
    editor.input.setPlainText("Contact : contact@pharmacie-marche.fr, 01 23 45 67 89")
    editor.flush()
    assert editor.message.isHidden()


def _all_pages(page: IncidentPage) -> None:
    for step in PROCEDURE.steps:
        page.show_step(step.id)
    assert page.first_hour is not None
    assert page.timeline is not None


def _inputs(page: IncidentPage) -> list[QWidget]:
    """The editable text inputs of every page of the incident that are not procedure fields
    (those are checked above) nor a date."""
    found = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, (QLineEdit, QPlainTextEdit)) or widget.isReadOnly():
            continue
        parent, inside = widget.parentWidget(), False
        while parent is not None and parent is not page:
            if isinstance(parent, (FieldEditor, DateTimeInput)):
                inside = True
                break
            parent = parent.parentWidget()
        if not inside:
            found.append(widget)
    return found


def _warnings_shown(page: IncidentPage) -> int:
    return sum(1 for label in page.findChildren(QLabel)
               if not label.isHidden() and "numéro de sécurité sociale" in label.text())


def test_every_other_text_input_of_an_incident_is_listed_and_warns(qtbot, page):
    _all_pages(page)
    inputs = _inputs(page)
    names = {widget.objectName() for widget in inputs}
    assert not names - set(OTHER_INPUTS), f"inputs reaching a document without a guard listed: {names - set(OTHER_INPUTS)}"
    assert set(OTHER_INPUTS) <= names  # the list is the pages' (a renamed input is noticed)
    for widget in inputs:
        before = _warnings_shown(page)
        widget.setEnabled(True)
        if isinstance(widget, QLineEdit):
            widget.setText(NIR)
        else:
            widget.setPlainText(NIR)
        qtbot.waitUntil(lambda b=before: _warnings_shown(page) == b + 1, timeout=2000)
        widget.clear()
        qtbot.waitUntil(lambda b=before: _warnings_shown(page) == b, timeout=2000)


def test_a_follow_up_action_warns_on_its_title_and_evidence_and_lets_staff_be_named(qtbot, page):
    from incident_wizard.ui.panels import ActionDialog

    dialog = ActionDialog(page.session, parent=page)
    qtbot.addWidget(dialog)

    def warning_under(widget) -> str:
        labels = [label for label in dialog.findChildren(QLabel)
                  if label.objectName() == f"{widget.objectName()}-warning"]
        assert len(labels) == 1
        return "" if labels[0].isHidden() else labels[0].text()

    dialog.title_edit.setText("Rappeler Mme Durand au 06 12 34 56 78")
    qtbot.waitUntil(lambda: "numéro de téléphone" in warning_under(dialog.title_edit))
    dialog.evidence.setPlainText("Courrier envoyé à jean.dupont@exemple.fr")
    qtbot.waitUntil(lambda: "adresse électronique" in warning_under(dialog.evidence))
    dialog.owner.setText("Paul Leroy, adjoint")  # staff named by design: no name warning
    qtbot.wait(400)
    assert warning_under(dialog.owner) == ""
    dialog.owner.setText("Paul Leroy, 06 12 34 56 78")
    qtbot.waitUntil(lambda: "numéro de téléphone" in warning_under(dialog.owner))
    dialog.reject()


def test_a_reason_asked_in_a_box_warns_and_can_be_corrected(qtbot, page, monkeypatch):
    """The reasons asked in a small box (dismissing a proposal, removing an action) go to the
    register: a NIR typed there is pointed out, and the pharmacist corrects it."""
    from incident_wizard.ui.guard import ask_text

    answers = iter([(NIR, True), ("déjà en place", True)])
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: (asked.append(args), next(answers))[1])
    shown = []

    def correct(box):
        shown.append(box.text())
        next(b for b in box.buttons() if "Corriger" in b.text()).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", correct)
    text, ok = ask_text(page, page.session, "Écarter", "Pourquoi ?")
    assert (text, ok) == ("déjà en place", True)
    assert len(shown) == 1 and "numéro de sécurité sociale" in shown[0]
    assert asked[1][-1] == NIR  # the text typed comes back to be corrected
