"""The wizard driven through its real widgets: full incidents, resume, validation, French Qt."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLabel, QPushButton

from incident_wizard.application.session import IncidentSession
from incident_wizard.application.view import unjournaled_view
from incident_wizard.application.workspace import Workspace
from incident_wizard.domain.clock import now_utc
from incident_wizard.domain.model import Contact, Organisation
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.storage import Storage
from incident_wizard.ui.app import install_translations
from incident_wizard.ui.main_window import MainWindow
from incident_wizard.ui.panels import ActionDialog

from .conftest import alter_outside
from .gui_helpers import (
    check_options,
    choose,
    click,
    editor,
    key_text,
    set_datetime,
    shown_page,
    step_done,
    type_text,
    when_modal,
)

PROCEDURE = load_procedure()


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch):
    """Modal message boxes would block a test: record them and answer as a user would."""
    from PySide6.QtWidgets import QMessageBox

    shown = []

    def record(kind, answer):
        def box(parent, title, text, *args, **kwargs):
            shown.append((kind, title, text))
            return answer
        return box

    monkeypatch.setattr(QMessageBox, "warning", record("warning", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "critical", record("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", record("question", QMessageBox.StandardButton.Yes))
    return shown


@pytest.fixture
def window(qtbot, storage):
    storage.save_profile(Organisation(name="Pharmacie du Marché", siret="73282932000074",
                                      contact=Contact(name="Claire Martin", email="c@pharma.fr")))
    win = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(win)
    win.show()
    return win


def new_incident(qtbot, window):
    click(qtbot, window.home.new_button)
    assert window.incident_page is not None
    return window.incident_page


def current(page) -> str:
    return page.current_step_id()


def fill_signalement(qtbot, page, title, awareness):
    type_text(qtbot, page, "title", title)
    set_datetime(page, "dates.awareness_at", awareness)
    choose(page, "discovery.how_discovered", "constat-interne")
    step_done(qtbot, page)


def fill_scope(qtbot, page, persons, count, data):
    check_options(qtbot, page, "scope.person_categories", persons)
    type_text(qtbot, page, "scope.persons_count", count)
    check_options(qtbot, page, "scope.data_categories", data)
    step_done(qtbot, page)


def actions(storage, ref):
    return [e.action for e in storage.journal(ref)]


def test_ransomware_incident_notified_and_persons_informed(qtbot, window, storage, monkeypatch):
    page = new_incident(qtbot, window)
    ref = page.session.reference
    assert current(page) == "signalement"
    fill_signalement(qtbot, page, "Rançongiciel sur le poste du comptoir", now_utc() - timedelta(hours=3))
    assert current(page) == "premiers-reflexes"

    scenario = page.pages["premiers-reflexes"].panel
    scenario.combo.setCurrentIndex(scenario.combo.findData("rancongiciel"))
    click(qtbot, scenario.checks["debrancher-reseau"][0])
    click(qtbot, scenario.checks["ne-pas-payer"][0])
    assert "fait le" in scenario.checks["debrancher-reseau"][1].text()
    step_done(qtbot, page)

    # Qualification was proposed by the scenario: visible in the widgets, editable.
    assert editor(page, "qualification.nature")._checks["disponibilite"].isChecked()
    assert editor(page, "qualification.cause").input.currentData() == "externe-malveillant"
    click(qtbot, editor(page, "dates.breach_start_unknown").input)
    click(qtbot, editor(page, "dates.ongoing").input)
    step_done(qtbot, page)

    fill_scope(qtbot, page, ["patients"], "1 200", ["etat-civil", "sante"])
    assert current(page) == "evaluation-risque"
    risk = page.pages["evaluation-risque"].panel
    assert "4" in risk.result.text()
    click(qtbot, risk.groups["integrity"].button(0))  # "Non"
    click(qtbot, risk.groups["encrypted"].button(1))  # "Non"
    step_done(qtbot, page)

    decision = page.pages["decision"].panel
    assert "Notification à la CNIL et information des personnes" in decision.recommendation.text()
    click(qtbot, decision.record_button)
    step_done(qtbot, page)

    notification = page.pages["notification-cnil"].panel
    assert not notification.late_reasons.isVisibleTo(notification)
    key_text(notification.reference, "VDP-CNIL-2026-0042")
    click(qtbot, notification.record_button)
    assert "Notifiée le" in page.banner.label.text() and "dans le délai" in page.banner.label.text()
    step_done(qtbot, page)

    choose(page, "information.status", "done")
    set_datetime(page, "information.informed_at", now_utc())
    check_options(qtbot, page, "information.channels", ["courrier"])
    step_done(qtbot, page)

    bodies = page.pages["autres-demarches"].panel
    click(qtbot, bodies.rows["plainte"][0])
    step_done(qtbot, page)

    # Prevention and follow-up: the step is not done while a proposal is unexamined; one is
    # retained in its dialog (owner, due day), the others set aside with a reason.
    assert current(page) == "prevention-suivi"
    followup = page.pages["prevention-suivi"].panel
    step_done(qtbot, page)
    assert "Examinez chaque proposition" in page.message.text()

    def fill(dialog):
        assert dialog.title_edit.text().startswith("Mettre en place des sauvegardes")
        dialog.owner.setText("Claire Martin")
        dialog.due.setText("31/01/2027")
        click(qtbot, dialog.ok_button)

    outcome = when_modal(ActionDialog, fill)
    click(qtbot, followup.findChild(QPushButton, "proposal-choose-sauvegardes-hors-ligne"))
    assert outcome[1:] == ["ok"]
    assert "Retenue : action A1" in followup.findChild(QLabel, "proposal-state-sauvegardes-hors-ligne").text()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Déjà en place", True))
    while (button := next((b for b in followup.findChildren(QPushButton)
                           if b.objectName().startswith("proposal-dismiss-")), None)):
        click(qtbot, button)
    step_done(qtbot, page)
    assert current(page) == "mesures-cloture", page.message.text()
    assert followup.table.item(0, 3).text() == "Claire Martin"

    type_text(qtbot, page, "measures.remedy", "Postes réinstallés, sauvegarde restaurée")
    type_text(qtbot, page, "measures.prevention", "Sauvegarde hors ligne quotidienne")
    assert page.done_button.text().replace("&", "") == "Clôturer l'incident"
    step_done(qtbot, page)
    # The initial notification awaits its complementary one: closing is refused until then.
    assert "notification complémentaire" in page.message.text()
    assert storage.load_incident(ref).status == "open"
    page.show_step("notification-cnil")
    assert notification.kind.currentData() == "complementary"
    key_text(notification.reference, "VDP-CNIL-2026-0042")
    click(qtbot, notification.record_button)
    page.show_step("mesures-cloture")
    step_done(qtbot, page)

    stored = storage.load_incident(ref)
    assert stored.status == "closed"
    assert stored.decision.outcome == "notify_cnil_and_inform"
    assert stored.notifications[0].reference == "VDP-CNIL-2026-0042"
    assert stored.scope.persons_count == 1200
    assert set(stored.checklist) == {"debrancher-reseau", "ne-pas-payer"}
    assert stored.other_bodies["plainte"].done
    journal = actions(storage, ref)
    for expected in ("incident_created", "scenario_chosen", "checklist_ticked", "step_done",
                     "decision_made", "notification_recorded", "persons_informed", "body_contacted",
                     "incident_closed"):
        assert expected in journal
    assert journal.count("step_done") == 10  # the 11 steps, the last one being the closure
    assert journal.count("action_added") == 1 and journal.count("proposal_dismissed") == 8
    assert storage.verify_journal(ref).ok
    assert "clôturé" in page.heading.full_text()
    page.show_step("__chronologie__")
    timeline = page.timeline
    rows = timeline.table.rowCount()
    details = [timeline.table.item(r, 3).text() for r in range(rows)]
    # Saves of the same typed text are one row that says how many times (journal entries kept).
    assert rows < len(journal) and any(" fois, dernière le " in d for d in details)
    assert any("Mesures de remédiation" in d and "Postes réinstallés" in d for d in details)
    assert timeline.table.item(0, 2).text() == "Incident créé"
    assert timeline.table.item(rows - 1, 1).text().startswith("+ 3 h")  # aware 3 h ago
    assert "intact" in timeline.verification.text()


def test_misdirected_letter_register_only(qtbot, window, storage):
    page = new_incident(qtbot, window)
    ref = page.session.reference
    fill_signalement(qtbot, page, "Ordonnance envoyée au mauvais médecin", now_utc() - timedelta(hours=1))
    scenario = page.pages["premiers-reflexes"].panel
    scenario.combo.setCurrentIndex(scenario.combo.findData("erreur-envoi"))
    click(qtbot, scenario.checks["contacter-destinataire"][0])
    step_done(qtbot, page)
    step_done(qtbot, page)  # qualification proposed by the scenario
    fill_scope(qtbot, page, ["patients"], "1", ["etat-civil"])
    risk = page.pages["evaluation-risque"].panel
    click(qtbot, risk.groups["ei"].button(0))
    # The doctor confirmed in writing that the letter was destroyed (EDPB 01/2021 case 09).
    click(qtbot, risk.groups["c_recipients"].button(1))
    assert "confidentialité « négligeable »" in risk.result.text()
    assert "Inscription au registre interne uniquement" in risk.result.text()
    step_done(qtbot, page)
    decision = page.pages["decision"].panel
    assert "Inscription au registre interne uniquement" in decision.recommendation.text()
    click(qtbot, decision.record_button)
    step_done(qtbot, page)
    assert "inscription au registre" in page.banner.label.text().lower()
    step_done(qtbot, page)  # notification step: nothing due
    choose(page, "information.status", "not_done")
    step_done(qtbot, page)
    assert "motif" in page.message.text()
    choose(page, "information.exemption", "risque-non-eleve")
    type_text(qtbot, page, "information.justification", "Le médecin a détruit le courrier")
    step_done(qtbot, page)
    step_done(qtbot, page)
    page.show_step("mesures-cloture")  # prevention examined later: the typed measures suffice
    type_text(qtbot, page, "measures.remedy", "Courrier détruit, confirmation écrite reçue")
    type_text(qtbot, page, "measures.prevention", "Double vérification des adresses")
    step_done(qtbot, page)
    stored = storage.load_incident(ref)
    assert stored.status == "closed" and stored.decision.outcome == "register_only"
    assert stored.notifications == []
    assert "decision_made" in actions(storage, ref)


def test_laptop_theft_notified_late_with_reasons_to_closure(qtbot, window, storage):
    page = new_incident(qtbot, window)
    ref = page.session.reference
    fill_signalement(qtbot, page, "Vol d'un ordinateur portable", now_utc() - timedelta(hours=80))
    assert "dépassé" in page.banner.label.text()
    scenario = page.pages["premiers-reflexes"].panel
    scenario.combo.setCurrentIndex(scenario.combo.findData("vol-perte-appareil"))
    click(qtbot, scenario.checks["plainte"][0])
    step_done(qtbot, page)
    step_done(qtbot, page)  # qualification proposed by the situation
    fill_scope(qtbot, page, ["patients"], "350", ["etat-civil", "coordonnees"])
    risk = page.pages["evaluation-risque"].panel
    click(qtbot, risk.groups["encrypted"].button(1))  # not encrypted
    click(qtbot, risk.groups["malicious"].button(1))  # theft: deliberate
    step_done(qtbot, page)
    decision = page.pages["decision"].panel
    click(qtbot, decision.record_button)
    # Stolen, unencrypted, who holds it unknown: a high risk (EDPB 01/2021 case 11).
    assert page.session.incident.decision.outcome == "notify_cnil_and_inform"
    step_done(qtbot, page)

    assert current(page) == "notification-cnil"
    notification = page.pages["notification-cnil"].panel
    assert notification.late_reasons.isVisibleTo(notification)
    step_done(qtbot, page)
    assert "Enregistrez la notification" in page.message.text()
    key_text(notification.reference, "REF-1")
    click(qtbot, notification.record_button)
    assert "raisons du retard" in notification.status.text()
    assert storage.load_incident(ref).notifications == []
    key_text(notification.late_reasons, "Vol constaté un vendredi, inventaire le lundi")
    click(qtbot, notification.record_button)
    stored = storage.load_incident(ref)
    assert stored.notifications[0].late_reasons.startswith("Vol constaté")
    assert "en retard de 8 h" in page.banner.label.text()
    recorded, ended = storage.journal(ref)[-2:]
    assert recorded.action == "notification_recorded" and recorded.details["late"] is True
    # Recording it ended the step (journaled as « Étape terminée » would) and showed the next.
    assert ended.action == "step_done" and ended.details["step"] == "notification-cnil"
    assert current(page) == "information-personnes"
    assert "Étape « Notification à la CNIL » terminée" in page.confirmation.text()

    choose(page, "information.status", "not_done")
    choose(page, "information.exemption", "34-3-b")
    type_text(qtbot, page, "information.justification",
              "Ordinateur retrouvé intact le lendemain, sans trace de connexion")
    step_done(qtbot, page)
    click(qtbot, page.pages["autres-demarches"].panel.rows["plainte"][0])
    step_done(qtbot, page)
    type_text(qtbot, page, "measures.remedy", "Mots de passe changés, effacement à distance")
    type_text(qtbot, page, "measures.prevention", "Chiffrement de tous les portables")
    page.show_step("notification-cnil")
    type_text(qtbot, page, "complement_waiver", "La notification initiale était complète")
    page.show_step("mesures-cloture")
    step_done(qtbot, page)
    stored = storage.load_incident(ref)
    assert stored.status == "closed"
    assert stored.notifications[0].late_reasons == "Vol constaté un vendredi, inventaire le lundi"
    assert "incident_closed" in actions(storage, ref)


def test_quit_in_the_middle_and_resume_on_the_same_step(qtbot, window, storage):
    page = new_incident(qtbot, window)
    ref = page.session.reference
    fill_signalement(qtbot, page, "Perte d'une clé USB", now_utc() - timedelta(hours=2))
    step_done(qtbot, page)
    assert current(page) == "qualification"
    check_options(qtbot, page, "qualification.origins", ["equipement-perdu-vole"])
    e = editor(page, "qualification.circumstances")
    e.input.setFocus()
    key_text(e.input, "Clé oubliée dans le bus")  # still typing when the app quits
    window.close()

    reopened = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(reopened)
    reopened.show()
    reopened.resume()
    again = reopened.incident_page
    assert again is not None and again.session.reference == ref
    assert current(again) == "qualification"
    assert editor(again, "qualification.circumstances").input.toPlainText() == "Clé oubliée dans le bus"
    assert editor(again, "qualification.origins")._checks["equipement-perdu-vole"].isChecked()
    assert editor(again, "title").input.text() == "Perte d'une clé USB"


def test_a_resumed_start_shows_the_incident_and_the_list_when_going_back(qtbot, window, storage):
    """As the app starts (resume, then show): the incident left open is the first page shown;
    the incidents' list is read when the pharmacist goes back to it, with what was created
    meanwhile; a start with no incident left open shows the list."""
    first = new_incident(qtbot, window).session.reference
    window.show_home()
    second = new_incident(qtbot, window).session.reference
    window.close()

    reopened = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(reopened)
    reopened.resume()
    reopened.show()
    assert reopened.stack.currentWidget() is reopened.incident_page
    assert reopened.incident_page.session.reference == second
    reopened.new_incident()  # created while the list was never shown
    third = reopened.incident_page.session.reference
    reopened.incident_page.back_requested.emit()
    assert reopened.stack.currentWidget() is reopened.home
    listed = reopened.home.table.model()
    references = {listed.index(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(listed.rowCount())}
    assert references == {first, second, third}
    reopened.close()

    # The page closed another way (an incident file received instead): the list, not a blank.
    closing = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(closing)
    closing.open_incident(first)
    closing.show()
    closing.close_incident_page()
    assert closing.stack.currentWidget() is closing.home and closing.home.isVisible()
    assert closing.home.table.model().rowCount() == 3
    closing.show_home()
    closing.close()

    fresh = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(fresh)
    fresh.resume()  # the list was the last page: nothing to resume
    fresh.show()
    assert fresh.incident_page is None
    assert fresh.stack.currentWidget() is fresh.home and fresh.home.isVisible()


def test_field_validation_messages_in_french(qtbot, window, storage):
    page = new_incident(qtbot, window)
    ref = page.session.reference
    set_datetime(page, "dates.awareness_at", now_utc() + timedelta(days=2))
    assert "futur" in editor(page, "dates.awareness_at").error_text()
    assert storage.load_incident(ref).dates.awareness_at is None
    step_done(qtbot, page)
    assert "futur" in page.message.text()

    set_datetime(page, "dates.awareness_at", now_utc() - timedelta(hours=5))
    assert editor(page, "dates.awareness_at").error_text() == ""
    set_datetime(page, "dates.breach_start", now_utc() - timedelta(hours=1))
    assert "précéder le début" in editor(page, "dates.breach_start").error_text()

    type_text(qtbot, page, "scope.persons_count", "-4")
    assert "négatif" in editor(page, "scope.persons_count").error_text()
    editor(page, "scope.persons_count").input.clear()
    type_text(qtbot, page, "scope.persons_count", "beaucoup")
    assert "nombre entier" in editor(page, "scope.persons_count").error_text()
    assert storage.load_incident(ref).scope.persons_count is None

    type_text(qtbot, page, "discovery.description", "Patient 1 85 05 78 006 084 91 a appelé")
    assert "sécurité sociale" in editor(page, "discovery.description").message.text()
    editor(page, "discovery.description").input.clear()
    type_text(qtbot, page, "discovery.description", "Écrire à jean.dupont@example.org")
    assert "adresse électronique" in editor(page, "discovery.description").message.text()

    step_done(qtbot, page)
    assert "Intitulé" in page.message.text()


def test_steps_show_done_marks_and_any_step_can_be_reopened(qtbot, window):
    page = new_incident(qtbot, window)
    fill_signalement(qtbot, page, "Test", now_utc() - timedelta(hours=1))
    # Row 0 is "Premières heures" (a view over the steps' fields); the steps follow.
    assert page.steps.item(0).data(Qt.ItemDataRole.UserRole) == "__premieres_heures__"
    assert page.steps.item(1).text().startswith("✔  1. ")
    assert page.steps.item(2).text().startswith("○  2. ")
    page.steps.setCurrentRow(6)
    assert current(page) == "decision"
    page.steps.setCurrentRow(1)
    assert editor(page, "title").input.text() == "Test"


def test_home_lists_incidents_with_deadline(qtbot, window):
    page = new_incident(qtbot, window)
    fill_signalement(qtbot, page, "Fuite", now_utc() - timedelta(hours=10))
    click(qtbot, page.back_button)
    home = window.home
    assert home.visible_texts(1) == ["Fuite"]
    assert home.visible_texts(3)[0].startswith("Il reste 61 h")


def test_qt_buttons_speak_french(qtbot):
    from PySide6.QtWidgets import QApplication

    install_translations(QApplication.instance())
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.findChildren(QPushButton)}
    assert texts == {"Enregistrer", "Annuler"}


def test_first_start_asks_for_the_profile(qtbot, data_dir, monkeypatch):
    from incident_wizard.ui import profile_dialog

    shown = []

    def fake_exec(dialog):
        shown.append(dialog.windowTitle())
        dialog.name.setText("Pharmacie des Tilleuls")
        dialog.siret.setText("73282932000074")
        dialog.contact.name.setText("Paul Durand")
        return 1

    monkeypatch.setattr(profile_dialog.ProfileDialog, "exec", fake_exec)
    with Storage.open(data_dir) as storage:
        win = MainWindow(Workspace(storage, PROCEDURE))
        qtbot.addWidget(win)
        win.show()
        win.ask_profile_if_missing()
        qtbot.waitUntil(lambda: storage.load_profile() is not None)
        assert shown == ["Profil de la pharmacie"]
        assert storage.load_profile().name == "Pharmacie des Tilleuls"
        incident = storage.create_incident()
        assert incident.organisation.contact.name == "Paul Durand"


def test_home_filter_by_text_and_status(qtbot, window, storage):
    for title in ("Rançongiciel comptoir", "Erreur d'envoi ordonnance", "Vol ordinateur"):
        storage.create_incident(title=title)
    ref = storage.list_incidents()[0].reference
    session = IncidentSession(storage, PROCEDURE, ref)
    session.incident.status = "closed"
    storage.save_incident(session.incident)
    home = window.home
    home.refresh()
    key_text(home.search, "ordi")
    assert home.visible_texts(1) == ["Vol ordinateur"]
    home.search.clear()
    home.status_filter.setCurrentIndex(home.status_filter.findData("closed"))
    assert home.apply_filter() == 1


def test_home_says_register_only_incidents_need_no_notification(qtbot, window, storage):
    ref = storage.create_incident(title="Clé chiffrée").reference
    session = IncidentSession(storage, PROCEDURE, ref)
    session.set_value("dates.awareness_at", now_utc() - timedelta(hours=100))
    session.incident.decision.outcome = "register_only"
    storage.save_incident(session.incident)
    window.home.refresh()
    assert window.home.visible_texts(3) == [
        "Inscription au registre seulement : aucune notification à la CNIL n'est due."]


def test_a_date_being_typed_is_saved_when_the_app_quits(qtbot, window, storage):
    from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone

    page = new_incident(qtbot, window)
    ref = page.session.reference
    edit = editor(page, "dates.awareness_at").input.edit
    typed = now_utc() - timedelta(hours=3)
    from incident_wizard.domain.clock import to_paris

    local = to_paris(typed)
    edit.setDateTime(QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute),
                               QTimeZone(QTimeZone.Initialization.UTC)))  # as typing does
    assert storage.load_incident(ref).dates.awareness_at is None  # not yet: still settling
    window.close()
    saved = storage.load_incident(ref).dates.awareness_at
    assert saved is not None and abs((saved - typed).total_seconds()) < 60


def test_the_person_typing_is_named_in_the_journal(qtbot, window, storage):
    window.operator.setText("Claire M.")
    window.operator.editingFinished.emit()
    assert storage.get_setting("operator") == "Claire M."
    page = new_incident(qtbot, window)
    fill_signalement(qtbot, page, "Test", now_utc() - timedelta(hours=1))
    entries = storage.journal(page.session.reference)
    assert entries[0].action == "incident_created" and entries[0].actor.startswith("Claire M. (")
    assert entries[-1].action == "step_done" and entries[-1].actor.startswith("Claire M. (")
    window.operator.setText("Paul")
    window.operator.editingFinished.emit()
    page.session.tick("x", True)
    assert storage.journal(page.session.reference)[-1].actor.startswith("Paul (")


def test_a_refused_write_is_shown_under_the_field(qtbot, window, storage, monkeypatch):
    from incident_wizard.storage import StorageError

    page = new_incident(qtbot, window)

    def full_disk(*args, **kwargs):
        raise StorageError("L'enregistrement n'a pas pu être fait (disque plein)")

    monkeypatch.setattr(storage, "save_incident", full_disk)
    type_text(qtbot, page, "title", "Titre")
    assert "disque plein" in editor(page, "title").error_text()
    assert page.session.incident.title == ""  # the session shows what is stored


def test_an_altered_journal_is_flagged_when_the_incident_opens(qtbot, window, storage):
    ref = storage.create_incident(title="Journal").reference
    storage.append_journal(ref, "step_done", {"step": "signalement"})
    alter_outside(storage.path, "UPDATE journal SET actor = 'quelqu''un' WHERE seq = 2")
    window.open_incident(ref)
    page = window.incident_page
    warning = page.tamper_warning
    assert warning.isVisibleTo(page)
    assert "n° 2 a été modifiée" in warning.text() and "lecture seule" in warning.text()
    # Read-only: nothing can be typed, and the heading says why.
    assert not editor(page, "dates.awareness_at").isEnabled()
    assert "lecture seule" in page.heading.full_text()


def test_fields_have_accessible_names(qtbot, window):
    page = new_incident(qtbot, window)
    assert editor(page, "dates.awareness_at").input.accessibleName() == \
        "Date et heure de la prise de connaissance"
    assert not page.tamper_warning.isVisibleTo(page)


def test_a_paris_hour_that_does_not_exist_is_explained_not_a_crash(qtbot, window, storage):
    from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone

    page = new_incident(qtbot, window)
    fill_signalement(qtbot, page, "Test", now_utc() - timedelta(hours=1))
    page.show_step("notification-cnil")
    panel = page.pages["notification-cnil"].panel
    panel.submitted_at.edit.setDateTime(QDateTime(QDate(2026, 3, 29), QTime(2, 30),
                                                  QTimeZone(QTimeZone.Initialization.UTC)))
    panel.load()  # re-reading the step keeps the typed value
    key_text(panel.reference, "REF")
    click(qtbot, panel.record_button)
    assert "n'existe pas à Paris" in panel.status.text()
    assert storage.load_incident(page.session.reference).notifications == []


def test_measures_are_asked_in_the_first_hour_and_kept_for_the_closure(qtbot, storage, tmp_path):
    """Issue 12: the measures the initial notification and the letter need are asked at the
    "Premiers réflexes" step (before the notification), and the last step shows what was typed
    then, to complete it."""
    from incident_wizard.documents import content
    from incident_wizard.ui.incident_page import IncidentPage

    order = [s.id for s in PROCEDURE.steps]
    first = next(s for s in PROCEDURE.steps if any(f.key == "measures.remedy" for f in s.fields))
    assert order.index(first.id) < order.index("notification-cnil")
    ref = storage.create_incident().reference
    page = IncidentPage(IncidentSession(storage, PROCEDURE, ref))
    qtbot.addWidget(page)
    page.show_step("premiers-reflexes")
    typed = editor(page, "measures.remedy")
    typed.input.setFocus()
    key_text(typed.input, "Poste isolé du réseau")
    page.show_step("mesures-cloture")  # leaving the step saves the text
    assert editor(page, "measures.remedy").input.toPlainText() == "Poste isolé du réseau"
    incident = storage.load_incident(ref)
    # Issue 23: typed measures go to the CNIL draft, never to the persons' texts.
    assert not any("Poste isolé" in m for m in content.communication(incident, PROCEDURE)["measures"])
    fields = [f for s in content.cnil_sections(unjournaled_view(incident, PROCEDURE), PROCEDURE, "initial") for f in s.fields]
    assert any("Poste isolé du réseau" in (f.value or "") for f in fields)


def test_arrowing_through_situations_journals_one_choice(qtbot, storage):
    """Issue 14: arrowing through "Situation" wrote one "Scénario choisi" entry per arrow key;
    the choice is journaled once, when it settles."""
    from PySide6.QtCore import Qt

    page, ref = shown_page(qtbot, storage, "premiers-reflexes")
    combo = page.pages["premiers-reflexes"].panel.combo
    combo.setFocus()
    before = len(storage.journal(ref))
    for _ in range(5):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    shown = combo.currentData()
    qtbot.waitUntil(lambda: storage.load_incident(ref).scenario == shown)
    chosen = [e for e in storage.journal(ref)[before:] if e.action == "scenario_chosen"]
    assert len(chosen) == 1 and chosen[0].details.get("scenario") == shown


def test_the_wheel_over_a_closed_list_does_not_change_the_answer(qtbot, storage):
    """Issue 14: the mouse wheel over a drop-down the user had not clicked changed "Acte interne
    accidentel" into "Cause inconnue"; now the page scrolls and the answer stays."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    from incident_wizard.ui.incident_page import IncidentPage

    ref = storage.create_incident().reference
    session = IncidentSession(storage, PROCEDURE, ref)
    session.set_value("qualification.cause", "interne-accidentel")
    page = IncidentPage(session)
    qtbot.addWidget(page)
    page.show()
    page.show_step("qualification")
    combo = editor(page, "qualification.cause").input
    page.done_button.setFocus()
    assert not combo.hasFocus()
    before = combo.currentData()
    wheel = QWheelEvent(QPointF(5, 5), QPointF(combo.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(combo, wheel)
    assert combo.currentData() == before == "interne-accidentel"
    assert storage.load_incident(ref).qualification.cause == "interne-accidentel"


def test_a_date_typed_into_an_empty_field_is_kept(qtbot, storage):
    """Issue 14: typing into an empty date field was silently lost and the calendar opened on
    January 2000. The empty field shows today while focused; typed "JJ/MM/AAAA HH:MM" is kept;
    focusing and leaving without typing leaves it empty."""
    from incident_wizard.domain.clock import paris_to_utc, to_paris

    page, ref = shown_page(qtbot, storage, "signalement")
    date_input = editor(page, "dates.awareness_at").input
    date_input.edit.setFocus()
    qtbot.waitUntil(date_input.edit.hasFocus)
    today = to_paris(now_utc()).date()
    shown = date_input.edit.dateTime().date()
    assert (shown.year(), shown.month(), shown.day()) == (today.year, today.month, today.day)
    editor(page, "title").input.setFocus()  # leave without typing
    qtbot.waitUntil(lambda: not date_input.edit.hasFocus())
    assert storage.load_incident(ref).dates.awareness_at is None
    assert date_input.value() is None
    date_input.edit.setFocus()
    qtbot.waitUntil(date_input.edit.hasFocus)
    qtbot.waitUntil(lambda: date_input.edit.lineEdit().selectedText() == f"{today.day:02d}",
                    timeout=2000)  # the day section is selected: typing replaces it
    qtbot.keyClicks(date_input.edit, "23/10/2026 10:05")
    editor(page, "title").input.setFocus()
    qtbot.waitUntil(lambda: storage.load_incident(ref).dates.awareness_at is not None)
    from datetime import datetime
    assert storage.load_incident(ref).dates.awareness_at == paris_to_utc(datetime(2026, 10, 23, 10, 5))


def test_no_step_is_wider_than_the_window(qtbot, storage):
    """Issue 14: long texts (a containment action, a help line) widened the page beyond the
    window and hid the "fait le" stamps; every step now fits a 1100-pixel window."""
    from incident_wizard.application.sample import build_sample

    ref = build_sample(storage, PROCEDURE, close=False)
    window = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(window)
    window.resize(1100, 800)
    window.show()
    window.open_incident(ref)
    page = window.incident_page
    for step in PROCEDURE.steps:
        page.show_step(step.id)
        scroll = page.pages[step.id]
        qtbot.waitUntil(lambda s=scroll: s.isVisible())
        assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width(), step.id


def test_a_long_title_is_elided_never_widening_the_window(qtbot, window, storage):
    """Issue 14: a 143-character title widened the window to 1,989 pixels; an apostrophe showed
    as d&#x27;. The heading is plain text, elided, whole in its tooltip."""
    title = ("Envoi par erreur d'une ordonnance scannée à un autre patient que le destinataire "
             "prévu, via la messagerie de la pharmacie, un samedi de garde")[:143]
    ref = storage.create_incident(title=title).reference
    window.resize(1000, 700)
    window.open_incident(ref)
    page = window.incident_page
    qtbot.waitUntil(page.isVisible)
    assert window.width() <= 1000 and window.minimumSizeHint().width() < 1000
    assert page.heading.toolTip() == f"{ref} — {title}"
    assert page.heading.text().endswith("…") and "&#x27;" not in page.heading.text()
    assert "d'une ordonnance" in page.heading.text()


def test_the_profile_filled_later_reaches_incidents_not_yet_exported(qtbot, storage, monkeypatch, tmp_path):
    """Issue 14: cancelling the profile at first start left that incident without pharmacy
    details for good. Filled later, the profile goes into every open incident with no document
    exported (journaled); an incident already exported keeps what its documents say."""
    from incident_wizard.application.exports import write_incident_documents
    from incident_wizard.ui import profile_dialog as profile_module

    first = storage.create_incident(title="avant le profil").reference
    exported = storage.create_incident(title="déjà exporté").reference
    write_incident_documents(storage, PROCEDURE, exported, tmp_path / "docs", pdf=False)
    profile = Organisation(name="Pharmacie des Tilleuls", siret="73282932000074",
                           contact=Contact(name="Claire Martin"))

    class Accepting:
        def __init__(self, *args, **kwargs):
            pass

        def exec(self):
            return True

        def organisation(self):
            return profile

    monkeypatch.setattr(profile_module, "ProfileDialog", Accepting)  # as the window finds it
    window = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(window)
    assert window.edit_profile()
    assert storage.load_incident(first).organisation.name == "Pharmacie des Tilleuls"
    assert storage.journal(first)[-1].action == "organisation_filled"
    assert storage.load_incident(exported).organisation.name == ""
    assert storage.verify_journal(first).ok


def test_a_refused_value_is_shown_as_refused_not_as_saved(qtbot, window, storage):
    """Issue 14: a refused date stayed on screen while another value was stored; now the field
    says "Non enregistré" and is framed in red until a value is stored."""
    page = new_incident(qtbot, window)
    ref = page.session.reference
    type_text(qtbot, page, "title", "x" * 400)  # over the 300-character limit of a title
    title = editor(page, "title")
    assert title.error_text().startswith("Non enregistré : ")
    def frame() -> str:  # the colour drawn at the left edge of the field
        return title.input.grab().toImage().pixelColor(0, title.input.height() // 2).name()

    assert frame() == "#b00020"  # framed in red
    assert storage.load_incident(ref).title == ""
    title.input.clear()
    type_text(qtbot, page, "title", "Titre court")
    assert title.error_text() == "" and frame() != "#b00020"
    assert storage.load_incident(ref).title == "Titre court"


@pytest.mark.parametrize("key", ["Escape", "Backspace"])
def test_control_keys_in_an_empty_date_leave_it_empty(qtbot, storage, key):
    """Review of issue 14: Escape or Backspace in an empty date field must not make today 00:00
    the user's value (it would start the 72 hours at a false time)."""
    from PySide6.QtCore import Qt

    page, ref = shown_page(qtbot, storage, "signalement")
    date_input = editor(page, "dates.awareness_at").input
    date_input.edit.setFocus()
    qtbot.waitUntil(date_input.edit.hasFocus)
    qtbot.keyClick(date_input.edit, getattr(Qt.Key, f"Key_{key}"))
    editor(page, "title").input.setFocus()
    qtbot.waitUntil(lambda: not date_input.edit.hasFocus())
    assert date_input.value() is None
    assert storage.load_incident(ref).dates.awareness_at is None
