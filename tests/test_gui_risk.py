"""The risk step: pre-filled answers are visible and editable, the breakdown follows live,
the override needs a reason and is journaled, the Méthode page explains the method."""

from __future__ import annotations

from datetime import timedelta

from incident_wizard.application.session import IncidentSession
from incident_wizard.domain.clock import now_utc
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.ui.incident_page import IncidentPage
from incident_wizard.ui.method_dialog import MethodDialog

from .gui_helpers import click

PROCEDURE = load_procedure()


def make_page(qtbot, storage):
    ref = storage.create_incident(title="Rançongiciel").reference
    session = IncidentSession(storage, PROCEDURE, ref)
    session.set_value("dates.awareness_at", now_utc() - timedelta(hours=2))
    session.set_value("discovery.how_discovered", "message-rancon")
    session.choose_scenario("rancongiciel")
    session.set_value("scope.person_categories", ["patients"])
    session.set_value("scope.persons_count", 50)
    session.set_value("scope.data_categories", ["etat-civil", "sante"])
    page = IncidentPage(session)
    qtbot.addWidget(page)
    page.show()
    page.show_step("evaluation-risque")
    return page, session


def test_prefill_is_visible_and_editable_and_breakdown_updates(qtbot, storage):
    page, session = make_page(qtbot, storage)
    risk = page.pages["evaluation-risque"].panel
    # Proposed by the scenario (ransomware) and the data categories (health, identity).
    assert risk.groups["dpc"].checkedButton().objectName() == "answer-dpc-4"
    assert risk.groups["availability"].checkedButton().objectName() == "answer-availability-temporary"
    assert "proposée d'après le scénario" in risk.proposed_labels["availability"].text()
    # integrity: the qualification has no loss of integrity, so "none" is proposed
    assert risk.groups["integrity"].checkedButton().objectName() == "answer-integrity-none"
    assert "Gravité : 5,25</b> (4 × 1 + 1,25)" in risk.result.text()
    click(qtbot, risk.groups["availability"].button(0))  # restored without difficulty
    assert "Gravité : 5</b> (4 × 1 + 1)" in risk.result.text()
    click(qtbot, risk.groups["confidentiality"].button(1))  # known, trusted recipients
    assert "Gravité : 4,75</b>" in risk.result.text()
    assert session.incident.risk.answers["availability"] == "none"
    assert "Réponse proposée" in risk.proposed_labels["availability"].text()
    rows = {risk.breakdown.item(r, 0).text(): risk.breakdown.item(r, 2).text()
            for r in range(risk.breakdown.rowCount())}
    assert rows["Nature des données (DPC)"] == "4"
    assert rows["Disponibilité (CB)"] == "+ 0"
    assert rows["Intention malveillante (CB)"] == "+ 0,5"
    stored = storage.load_incident(session.reference)
    assert stored.risk.answers == {"availability": "none", "confidentiality": "known-trusted"}


def test_dpc_departure_asks_for_a_reason(qtbot, storage):
    page, session = make_page(qtbot, storage)
    risk = page.pages["evaluation-risque"].panel
    assert not risk.justification.isVisibleTo(risk)
    click(qtbot, risk.groups["dpc"].button(1))
    assert risk.justification.isVisibleTo(risk)


def test_override_requires_reason_and_is_journaled(qtbot, storage):
    page, session = make_page(qtbot, storage)
    for question in ("integrity", "encrypted"):
        risk = page.pages["evaluation-risque"].panel
        click(qtbot, risk.groups[question].button(0 if question == "integrity" else 1))
    page.show_step("decision")
    decision = page.pages["decision"].panel
    click(qtbot, decision.buttons["register_only"])
    assert "justification est obligatoire" in decision.hint.text()
    click(qtbot, decision.record_button)
    assert "écrivez pourquoi" in decision.status.text()
    assert session.incident.decision.outcome == ""
    decision.justification.setPlainText("Test d'override")
    click(qtbot, decision.record_button)
    entry = storage.journal(session.reference)[-1]
    assert entry.action == "decision_overridden"
    assert entry.details["justification"] == "Test d'override"
    assert storage.load_incident(session.reference).decision.outcome == "register_only"


def test_method_page_explains_with_attribution(qtbot):
    dialog = MethodDialog(PROCEDURE)
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QTextBrowser

    plain = dialog.browser.toPlainText()
    # Plain French first; the ENISA formula behind « Détail de la méthode ».
    assert plain.startswith("Comment la décision est établie")
    assert "DPC × EI" not in plain and "Annexe 1" not in plain
    assert not dialog.detail.isVisibleTo(dialog)
    dialog.detail_button.click()
    assert dialog.detail.isVisibleTo(dialog)
    text = plain + dialog.detail.toPlainText()
    assert isinstance(dialog.detail, QTextBrowser)
    assert "Gravité = DPC × EI + CB" in text
    assert "© ENISA, 2013" in text
    assert "négligeable" in text and "maximale" in text
    assert "En cas de doute, notifiez" in text


def test_decision_step_warns_when_the_answers_changed_after_deciding(qtbot, storage):
    page, session = make_page(qtbot, storage)
    risk = page.pages["evaluation-risque"].panel
    click(qtbot, risk.groups["encrypted"].button(1))
    for question in ("c_recipients", "a_restore", "a_care"):
        click(qtbot, risk.groups[question].button(0))  # the most favourable answers
    page.show_step("decision")
    decision = page.pages["decision"].panel
    click(qtbot, decision.record_button)
    assert "Décision enregistrée" in decision.status.text()
    page.show_step("evaluation-risque")
    click(qtbot, risk.groups["c_recipients"].button(6))  # copied by the attacker: it changes
    page.show_step("decision")
    assert "Les réponses ont changé depuis votre décision" in decision.status.text()


def test_risk_step_shows_both_axes_per_harm(qtbot, storage):
    page, session = make_page(qtbot, storage)
    risk = page.pages["evaluation-risque"].panel
    # Ransomware: confidentiality and availability are affected, integrity is not.
    assert risk.question_boxes["c_recipients"].isVisibleTo(risk)
    assert risk.question_boxes["a_restore"].isVisibleTo(risk)
    assert not risk.question_boxes["i_use"].isVisibleTo(risk)
    click(qtbot, risk.groups["c_recipients"].button(0))  # nothing left: logs show no copy
    click(qtbot, risk.groups["a_restore"].button(0))     # restored within hours
    click(qtbot, risk.groups["a_care"].button(0))        # no consequence on dispensing
    text = risk.result.text()
    assert "gravité CNIL « maximale »" in text
    assert "confidentialité « négligeable »" in text and "disponibilité « négligeable »" in text
    assert "non susceptible d'engendrer un risque" in text
    rows = {risk.risk_table.item(r, 0).text(): (risk.risk_table.item(r, 1).text(),
                                                 risk.risk_table.item(r, 2).text())
            for r in range(risk.risk_table.rowCount())}
    assert rows["Intégrité"] == ("non atteinte", "—")
    assert rows["Disponibilité"] == ("négligeable", "non susceptible d'engendrer un risque")
    click(qtbot, risk.groups["a_restore"].button(2))     # restored after more than 48 hours
    assert "disponibilité « importante »" in risk.result.text()
    assert "Notification à la CNIL et information des personnes" in risk.result.text()
    page.show_step("decision")
    decision = page.pages["decision"].panel
    assert "Disponibilité : vraisemblance « importante »" in decision.recommendation.text()


def test_register_only_decision_keeps_its_reasoning_in_the_register(qtbot, storage, tmp_path):
    from incident_wizard.application.exports import write_register

    page, session = make_page(qtbot, storage)
    risk = page.pages["evaluation-risque"].panel
    # Logs show no copy (EDPB 01/2021 case 01): nobody saw the data; restored within hours.
    for question in ("confidentiality", "c_recipients", "a_restore", "a_care"):
        click(qtbot, risk.groups[question].button(0))
    page.show_step("decision")
    decision = page.pages["decision"].panel
    assert decision.buttons["register_only"].isChecked()
    click(qtbot, decision.record_button)
    assert "Raisons retenues lors de la décision" in decision.recommendation.text()
    # A later change of an answer does not rewrite the reasons kept with the decision.
    session.set_risk_answer("a_care", "disrupted")
    result = write_register(storage, PROCEDURE, tmp_path, pdf=False)
    csv_text = next(p for p in result.files if p.suffix == ".csv").read_text(encoding="utf-8-sig")
    row = next(line for line in csv_text.splitlines() if line.startswith(session.reference))
    assert "non susceptible d'engendrer un risque pour les droits et libertés" in row
    assert "Disponibilité : vraisemblance « négligeable »" in row
    assert "gravité « maximale »" in row


def test_method_page_lists_exactly_the_rules_the_code_applies(qtbot):
    from incident_wizard.domain.decision import RAISING_RULES
    from incident_wizard.domain.procedure import LEVEL_LABELS, RISK_LABELS

    dialog = MethodDialog(PROCEDURE)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText() + dialog.detail.toPlainText()
    for rule in RAISING_RULES:
        assert rule.description in text
    for question in PROCEDURE.all_risk_questions():
        assert question.question in text
        for option in question.options:
            assert option.label in text
    method = PROCEDURE.method
    for severity in method.risk_map:
        for likelihood, risk in method.risk_map[severity].items():
            assert RISK_LABELS[risk] in text and LEVEL_LABELS[likelihood] in text
    from incident_wizard.domain.risk import PROPOSAL_RULES, implied_proposals

    for rule in PROPOSAL_RULES:
        assert rule in text
    for _, enisa_answer, _, proposal in implied_proposals(PROCEDURE):
        assert enisa_answer in text and proposal in text
    assert text.count("Choix d'Incident Wizard") >= 1 or "choix d'Incident Wizard" in text
    assert "ne prévoit, elle, qu'une correction argumentée" in text  # override not ENISA's
