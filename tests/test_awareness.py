"""When the 72 hours start (issue 24): the team's first knowledge, the titulaire's certainty,
a short investigation recorded; the insurance complaint clock from its own instant; a day typed
without its time never silently stored as midnight.

Expected instants are written from the rules (EDPB 9/2022: the controller is aware through its
staff; Code des assurances L.12-10-1: 72 hours after the knowledge of the attack), by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from incident_wizard.application.session import IncidentSession
from incident_wizard.domain import clock, obligations
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.ui.deadline import banner_state

from .gui_helpers import editor, key_text, set_datetime, shown_page

PROCEDURE = load_procedure()
# A phone lost by a préparatrice on Monday 23 November 2026 at 19:00 Paris (18:00 UTC), told to
# the titulaire on Wednesday 25 November at 09:00 Paris (08:00 UTC).
TEAM = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
TOLD = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


def _session(storage) -> IncidentSession:
    reference = storage.create_incident().reference
    s = IncidentSession(storage, PROCEDURE, reference)
    s.now = lambda: datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    return s


def test_the_team_knowledge_starts_the_72_hours(storage):
    s = _session(storage)
    s.set_value("dates.awareness_at", TOLD)
    assert obligations.notification_deadline(s.incident) == TOLD + timedelta(hours=72)
    s.set_value("dates.team_aware_at", TEAM)
    # Thursday 26 November 19:00 Paris, 38 hours earlier than from the titulaire's awareness.
    assert obligations.notification_deadline(s.incident) == datetime(2026, 11, 26, 18, 0, tzinfo=UTC)
    assert obligations.clock_origin(s.incident) == obligations.ORIGIN_TEAM
    sentence = obligations.late_awareness_warning(s.incident)
    assert "lundi 23 novembre 2026 à 19 h 00" in sentence and "38 h 00 min" in sentence
    assert "informé par votre personnel" in sentence


def test_a_recorded_reason_moves_the_start_to_the_certainty_and_is_journaled(storage):
    s = _session(storage)
    s.set_value("dates.awareness_at", TOLD)
    s.set_value("dates.team_aware_at", TEAM)
    reason = ("La préparatrice pensait avoir oublié le téléphone chez elle ; il a été cherché "
              "mardi, sa perte confirmée mercredi à 9 h.")
    s.set_value("dates.certainty_later", reason)
    assert obligations.notification_deadline(s.incident) == TOLD + timedelta(hours=72)
    assert obligations.clock_origin(s.incident) == obligations.ORIGIN_AWARENESS
    assert "motif enregistré" in obligations.late_awareness_warning(s.incident)
    journal = " ".join(str(e.details) for e in s.journal())
    assert "Première connaissance dans l'équipe" in journal
    assert "sa perte confirmée mercredi" in journal
    # Carried to the draft's late-reasons item once 72 hours have passed since the team knew.
    text = obligations.certainty_reason_for_draft(s.incident)
    assert "lundi 23 novembre 2026 à 19 h 00" in text and reason in text


def test_an_old_incident_keeps_its_deadline(storage):
    s = _session(storage)
    s.set_value("dates.awareness_at", TOLD)
    before = obligations.notification_deadline(s.incident)
    reopened = storage.load_incident(s.reference)
    assert reopened.dates.team_aware_at is None and reopened.times_unknown == []
    assert obligations.notification_deadline(reopened) == before


def _attack(s: IncidentSession) -> None:
    s.set_value("qualification.origins", ["piratage"])
    s.set_value("qualification.cause", "externe-malveillant")


def test_the_complaint_clock_starts_at_the_knowledge_of_the_attack(storage):
    s = _session(storage)
    _attack(s)
    s.set_value("dates.awareness_at", TOLD)
    s.set_value("dates.team_aware_at", TEAM)
    s.set_value("dates.certainty_later", "Inventaire du poste terminé mercredi matin.")
    # The GDPR clock starts Wednesday (reason recorded), the complaint clock from Monday: the
    # pharmacy knew of the attack then (L.12-10-1: « connaissance de l'atteinte »).
    assert obligations.complaint_due(s.incident) == TEAM + timedelta(hours=72)
    known = datetime(2026, 11, 24, 7, 30, tzinfo=UTC)
    s.set_value("dates.attack_known_at", known)
    assert obligations.complaint_due(s.incident) == known + timedelta(hours=72)
    kinds = {d.kind: d.due for d in obligations.deadlines(s.incident)}
    assert kinds[obligations.COMPLAINT] == known + timedelta(hours=72)
    assert kinds[obligations.CNIL] == TOLD + timedelta(hours=72)


def test_the_complaint_clock_counts_from_a_processor_report_when_it_is_the_earliest(storage):
    s = _session(storage)
    _attack(s)
    s.set_value("discovery.processor_reported", True)
    reported = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
    s.set_value("discovery.processor_reported_at", reported)
    s.set_value("dates.awareness_at", TOLD)
    assert obligations.complaint_due(s.incident) == reported + timedelta(hours=72)


# --- the first-hour page and the date fields ------------------------------------------------


def test_the_first_hour_page_asks_when_the_team_learned_it(qtbot, storage):
    from incident_wizard.ui.first_hour import FirstHourPage

    reference = storage.create_incident().reference
    session = IncidentSession(storage, PROCEDURE, reference)
    page = FirstHourPage(session)
    qtbot.addWidget(page)
    keys = [e.field.key for e in page.editors]
    assert keys.index("dates.team_aware_at") < keys.index("dates.awareness_at")
    assert "dates.certainty_later" in keys
    team = next(e for e in page.editors if e.field.key == "dates.team_aware_at")
    team.input.set_value(TEAM)
    team.input.changed.emit()
    aware = next(e for e in page.editors if e.field.key == "dates.awareness_at")
    aware.input.set_value(TOLD)
    aware.input.changed.emit()
    assert storage.load_incident(reference).dates.team_aware_at == TEAM
    assert obligations.notification_deadline(session.incident) == TEAM + timedelta(hours=72)


def test_the_banner_says_which_instant_started_the_clock(qtbot, storage):
    page, reference = shown_page(qtbot, storage, "signalement")
    page.session.now = lambda: datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    set_datetime(page, "dates.awareness_at", TOLD)
    set_datetime(page, "dates.team_aware_at", TEAM)
    text, _colours = banner_state(page.session)
    assert "première connaissance de l'incident dans l'équipe" in text
    assert "lundi 23 novembre 2026 à 19 h 00" in text
    assert "jeudi 26 novembre 2026 à 19 h 00" in text  # the deadline a DPO would set


def _type_into(qtbot, page, key: str, text: str):
    e = editor(page, key)
    e.input.edit.setFocus()
    qtbot.waitUntil(lambda: e.input.edit.hasFocus())
    key_text(e.input.edit, text)
    e.input.edit.clearFocus()
    e.flush()
    return e


def test_a_day_typed_without_its_time_is_not_silently_midnight(qtbot, storage):
    page, reference = shown_page(qtbot, storage, "signalement")
    e = _type_into(qtbot, page, "dates.awareness_at", "27/11/2026")
    incident = storage.load_incident(reference)
    local = clock.to_paris(incident.dates.awareness_at)
    assert (local.day, local.month, local.hour, local.minute) == (27, 11, 0, 0)
    assert "dates.awareness_at" in incident.times_unknown
    assert e.message.isVisibleTo(e) and "Heure non précisée" in e.message.text()
    assert "vendredi 27 novembre 2026" in e.message.text()
    text, _colours = banner_state(page.session)
    assert "délai compté depuis 00 h 00" in text
    # Typing the time afterwards makes it known, and says what was understood.
    e.input.edit.setFocus()
    e.input.edit.setSelectedSection(e.input.edit.Section.HourSection)
    key_text(e.input.edit, "14")
    key_text(e.input.edit, "30")
    e.flush()
    incident = storage.load_incident(reference)
    assert incident.times_unknown == []
    assert clock.to_paris(incident.dates.awareness_at).hour == 14
    assert e.message.text().startswith("Compris : vendredi 27 novembre 2026 à 14 h 30")


def test_a_day_and_time_typed_is_understood_and_shown_back(qtbot, storage):
    page, reference = shown_page(qtbot, storage, "signalement")
    e = _type_into(qtbot, page, "dates.awareness_at", "25/11/2026 09:05")
    incident = storage.load_incident(reference)
    assert incident.times_unknown == []
    assert clock.to_paris(incident.dates.awareness_at).strftime("%d/%m/%Y %H:%M") == "25/11/2026 09:05"
    assert e.message.text() == "Compris : mercredi 25 novembre 2026 à 09 h 05"


def test_hier_is_understood_and_asks_for_the_time(qtbot, storage):
    page, reference = shown_page(qtbot, storage, "signalement")
    e = _type_into(qtbot, page, "dates.team_aware_at", "hier")
    incident = storage.load_incident(reference)
    yesterday = clock.to_paris(clock.now_utc()).date() - timedelta(days=1)
    assert clock.to_paris(incident.dates.team_aware_at).date() == yesterday
    assert "dates.team_aware_at" in incident.times_unknown
    assert "Heure non précisée" in e.message.text()


def test_an_unknown_word_is_refused_with_a_message(qtbot, storage):
    page, reference = shown_page(qtbot, storage, "signalement")
    e = editor(page, "dates.awareness_at")
    e.input.edit.setFocus()
    qtbot.waitUntil(lambda: e.input.edit.hasFocus())
    key_text(e.input.edit, "lundi")
    assert "n'est pas une date" in e.message.text() and e.message.isVisibleTo(e)
    assert storage.load_incident(reference).dates.awareness_at is None
    assert Qt  # (keys sent as real key events above)


def test_a_processor_incident_assesses_availability_too(storage):
    # A ransomware at the LGO vendor: the LGO was down until the next day. The situation proposes
    # availability with confidentiality, so the outage is assessed (issue 24).
    s = _session(storage)
    s.choose_scenario("sous-traitant")
    assert "disponibilite" in s.incident.qualification.nature
    result = s.assessment()
    assert result.likelihood["availability"] is not None  # asked, not "non atteinte"
    s.set_risk_answer("a_restore", "day")
    s.set_risk_answer("a_care", "minor")
    assert s.assessment().likelihood["availability"] == "limitee"


def test_the_first_hour_proposal_speaks_plain_french_first(qtbot, storage):
    from incident_wizard.ui.first_hour import FirstHourPage

    reference = storage.create_incident().reference
    session = IncidentSession(storage, PROCEDURE, reference)
    session.choose_scenario("rancongiciel")
    page = FirstHourPage(session)
    qtbot.addWidget(page)
    text = page.proposal.text()
    assert text.startswith("Recommandation : ")
    assert "Gravité des conséquences possibles pour les personnes : maximale." in text
    assert "en cas de doute, la CNIL demande de notifier" in text
    for jargon in ("DPC", "× EI", "Sans réponse", "Annexe 1", "vraisemblance « maximale » ("):
        assert jargon not in text


def test_the_first_hour_proposes_the_likely_consequences_from_the_facts(qtbot, storage):
    # A prescription photo e-mailed to the wrong patient: confidentiality of health data and
    # contact details. The likely consequences a DPO writes: loss of control, loss of the
    # confidentiality of health data, distress, targeted phishing (issue 23 item 1).
    from incident_wizard.ui.first_hour import FirstHourPage

    reference = storage.create_incident().reference
    session = IncidentSession(storage, PROCEDURE, reference)
    session.set_value("qualification.nature", ["confidentialite"])
    session.set_value("scope.data_categories", ["etat-civil", "coordonnees", "sante"])
    page = FirstHourPage(session)
    qtbot.addWidget(page)
    page.propose_button.click()
    kinds = storage.load_incident(reference).consequences.kinds
    assert set(kinds) == {"perte-controle", "confidentialite-sante", "detresse", "hameconnage"}
    assert "rupture-soins" not in kinds and "usurpation-identite" not in kinds
    editor = next(e for e in page.editors if e.field.key == "consequences.kinds")
    assert editor._checks["confidentialite-sante"].isChecked()


def test_continuing_from_the_first_hour_confirms_nothing_twice(qtbot, storage):
    # Issue 24: after the first-hour page, steps 1, 2 and 6 (and 4 when its answers are there)
    # were confirmed again. Continuing marks what the page answered as done, journaled.
    from .gui_helpers import shown_page as _shown

    page, reference = _shown(qtbot, storage, "signalement")
    s = page.session
    s.set_value("title", "Téléphone perdu par une préparatrice")
    s.set_value("dates.awareness_at", TOLD)
    s.set_value("discovery.how_discovered", next(iter(
        PROCEDURE.options["how_discovered"].options)).id)
    s.choose_scenario("vol-perte-appareil")
    s.set_value("scope.person_categories", ["patients"])
    s.set_value("scope.persons_count", 40)
    s.set_value("scope.data_categories", ["etat-civil", "sante"])
    s.decide(s.assessment().outcome, "")
    page.first_hour.continue_button.click()
    done = storage.load_incident(reference).steps_done
    assert {"signalement", "premiers-reflexes", "personnes-donnees", "decision"} <= set(done)
    assert "qualification" not in done  # proposed by the situation, never shown yet: to confirm
    assert page.current_step_id() == "qualification"
    journaled = {e.details.get("step") for e in s.journal() if e.action == "step_done"}
    assert {"signalement", "premiers-reflexes", "personnes-donnees", "decision"} <= journaled


def test_a_day_without_time_outside_the_clock_is_flagged_without_the_deadline_reasoning(qtbot, storage):
    page, reference = shown_page(qtbot, storage, "qualification")
    e = _type_into(qtbot, page, "dates.breach_end", "26/11/2026")
    assert "dates.breach_end" in storage.load_incident(reference).times_unknown
    assert "ce qui n'est pas l'heure réelle" in e.message.text()
    assert "délai" not in e.message.text()
