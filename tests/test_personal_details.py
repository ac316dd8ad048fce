"""Issue 23: the free-text fields warn about a name, a date of birth or a health detail (the
texts to the persons never print them; the CNIL draft and the register would)."""

from __future__ import annotations

import pytest

from incident_wizard.domain.validation import find_personal_details, personal_details_warning

OWN = ("Pharmacie Exemple des Tilleuls", "Claire Martin")

CASES = [
    ("Mme Durand prévenue, son traitement VIH sera renouvelé.", {"name", "health"}),
    ("Courrier remis par erreur à M. Martin", {"name"}),
    ("Jean Dupont a reçu l'ordonnance de sa voisine", {"name"}),
    ("Patiente née le 12/03/1954, rappelée", {"birth"}),
    ("Ordonnance d'insuline envoyée au mauvais patient", {"health"}),
    ("Traitement de méthadone visible sur le bon", {"health"}),
    # Nothing personal: the pharmacy's own people, institutions, plain measures.
    ("Poste réinstallé par le prestataire, données restaurées depuis la sauvegarde.", set()),
    ("Appel à l'Assurance Maladie et à Claire Martin, titulaire", set()),
    ("Les salariés, la CNIL et le CERT Santé prévenus", set()),
    ("Information des patients, vigilance sur les faux messages.", set()),
]


@pytest.mark.parametrize("text, kinds", CASES)
def test_names_births_and_health_details_are_found(text, kinds):
    assert {kind for kind, _ in find_personal_details(text, OWN)} == kinds


def test_the_warning_is_french_and_names_what_it_found():
    warning = personal_details_warning("Mme Durand, traitement VIH", OWN)
    assert "un nom de personne et une information de santé" in warning
    assert "« Mme Durand »" in warning and "brouillon CNIL" in warning
    assert personal_details_warning("Sauvegarde restaurée", OWN) == ""


def test_the_measures_field_warns_as_it_is_typed(qtbot, storage):
    from incident_wizard.application.sample import build_sample
    from incident_wizard.application.session import IncidentSession
    from incident_wizard.domain.procedure import load_procedure
    from incident_wizard.ui.fields import FieldEditor

    procedure = load_procedure()
    ref = build_sample(storage, procedure, close=False)
    session = IncidentSession(storage, procedure, ref)
    editor = FieldEditor(procedure.field("measures.mitigation"), session, procedure)
    qtbot.addWidget(editor)
    editor.show()
    editor.input.setPlainText("Mme Durand rappelée pour son traitement VIH")  # typed or pasted
    qtbot.waitUntil(lambda: editor.message.isVisible())
    assert "un nom de personne et une information de santé" in editor.message.text()
    assert not editor.refused  # a warning: the text is still saved
    qtbot.waitUntil(lambda: "Mme Durand" in storage.load_incident(ref).measures.mitigation)
