"""A record that stands up in an inspection (issue 11): the clock from the processor's report,
every legal fact journaled, the chain covering the stored incident, anchors outside the database,
what each outcome requires before closing, the complementary and complaint deadlines."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from incident_wizard.application.sample import build_sample
from incident_wizard.application.session import IncidentSession
from incident_wizard.application.view import unjournaled_view
from incident_wizard.cli import main
from incident_wizard.domain import clock, obligations
from incident_wizard.domain.errors import IncidentWizardError, ValidationError
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.domain.reminders import due_deadline_reminders
from incident_wizard.storage import JournalAlteredError, Storage

from .conftest import utc

PROCEDURE = load_procedure()
DATA = Path(__file__).parent / "data"


def paris(*args):
    from datetime import datetime

    return clock.paris_to_utc(datetime(*args))


def session(storage, now):
    ref = storage.create_incident(at=now).reference
    return IncidentSession(storage, PROCEDURE, ref, now=lambda: now)


def tamper(storage, sql, *args):
    conn = sqlite3.connect(storage.path)
    conn.execute("DROP TRIGGER IF EXISTS journal_no_update")
    conn.execute("DROP TRIGGER IF EXISTS journal_no_delete")
    conn.execute(sql, args)
    conn.commit()
    conn.close()


# --- 1. the clock from the processor -------------------------------------------------------------


def test_processor_report_earlier_than_awareness_sets_the_deadline(storage):
    # The measurement: report Sunday 21:30, awareness typed Monday 08:10 (Paris).
    s = session(storage, paris(2026, 11, 2, 9, 0))
    s.set_value("discovery.processor_reported", True)
    s.set_value("discovery.processor_reported_at", paris(2026, 11, 1, 21, 30))
    s.set_value("dates.awareness_at", paris(2026, 11, 2, 8, 10))
    state = s.deadline_status()
    # 72 h of elapsed time from the report: Wednesday 4 November 21:30 Paris (no DST change).
    assert state.deadline == paris(2026, 11, 4, 21, 30)
    assert "10 h 40 min" in obligations.late_awareness_warning(s.incident)
    assert storage.list_incidents()[0].clock_start == paris(2026, 11, 1, 21, 30)
    # Lateness is judged on that deadline: a notification on Thursday 08:00 is late.
    with pytest.raises(ValidationError, match="raisons du retard"):
        s.record_notification("initial", paris(2026, 11, 5, 8, 0), "CNIL-1")


def test_late_awareness_is_flagged_in_the_banner(qtbot, storage):
    from incident_wizard.ui.deadline import banner_state

    s = session(storage, paris(2026, 11, 2, 9, 0))
    s.set_value("discovery.processor_reported", True)
    s.set_value("discovery.processor_reported_at", paris(2026, 11, 1, 21, 30))
    s.set_value("dates.awareness_at", paris(2026, 11, 2, 8, 10))
    text, _ = banner_state(s)
    assert "mercredi 4 novembre 2026 à 21 h 30" in text
    assert "postérieure de 10 h 40 min au signalement du sous-traitant" in text


# --- 2. every legal fact journaled --------------------------------------------------------------


def test_awareness_moved_after_a_late_notification_is_journaled_and_stays_late(storage):
    s = session(storage, utc(2026, 11, 6, 12))
    s.set_value("dates.awareness_at", utc(2026, 11, 1, 10))
    s.record_notification("initial", utc(2026, 11, 6, 8), "CNIL-1", "Week-end prolongé")
    assert s.deadline_status().late and "en retard de 46 h" in clock.describe(s.deadline_status())
    s.set_value("dates.awareness_at", utc(2026, 11, 5, 10))  # moved after the notification
    entry = storage.journal(s.reference)[-1]
    assert entry.action == "facts_changed"
    (change,) = entry.details["changes"]
    assert change["fact"] == "dates.awareness_at"
    assert (change["old"], change["new"]) == ("2026-11-01T10:00:00Z", "2026-11-05T10:00:00Z")
    # The deadline in force when the notification was recorded is kept: still late.
    state = s.deadline_status()
    assert state.late and "en retard de 46 h" in clock.describe(state)


def test_each_legal_fact_change_is_an_entry_with_old_and_new_values(storage):
    s = session(storage, utc(2026, 11, 3, 12))
    s.set_value("dates.awareness_at", utc(2026, 11, 3, 9))
    s.set_value("dates.breach_start", utc(2026, 11, 2, 22))
    s.set_value("dates.breach_end", utc(2026, 11, 3, 1))
    s.set_value("discovery.processor_reported", True)
    s.set_value("discovery.processor_reported_at", utc(2026, 11, 3, 8))
    s.set_value("title", "Titre seulement")  # printed on the CNIL draft: journaled (issue 25)
    s.set_risk_answer("c_recipients", "trusted")
    s.set_risk_answer("c_recipients", "copied")
    facts = [c["fact"] for e in storage.journal(s.reference) for c in e.details.get("changes", [])]
    assert facts == ["dates.awareness_at", "dates.breach_start", "dates.breach_end",
                     "discovery.processor_reported", "discovery.processor_reported_at",
                     "title", "risk.answers", "risk.answers"]
    last = storage.journal(s.reference)[-1]
    assert last.action == "risk_answered" and last.details["answer"] == "copied"
    assert last.details["changes"][0]["old"] == {"c_recipients": "trusted"}
    assert storage.verify_journal(s.reference).ok


def test_backdated_facts_keep_happened_and_recorded_times(storage):
    from incident_wizard.documents.content import timeline

    s = session(storage, utc(2026, 11, 3, 12))
    s.set_value("dates.awareness_at", utc(2026, 11, 1, 9))
    row = timeline(storage.journal(s.reference))[-1]
    assert row.at == "03/11/2026 13:00"  # recorded (Paris)
    assert "fait survenu le 01/11/2026 10:00, enregistré le 03/11/2026 13:00" in row.detail


# --- 3. the chain covers the incident itself -------------------------------------------------------


def test_raw_sqlite_edit_of_a_notification_date_is_detected(storage, tmp_path, capsys):
    s = session(storage, utc(2026, 11, 3, 12))
    s.set_value("dates.awareness_at", utc(2026, 11, 1, 9))
    s.record_notification("initial", utc(2026, 11, 3, 10), "CNIL-1")
    row = storage._conn.execute("SELECT data FROM incidents").fetchone()[0]
    data = json.loads(row)
    data["notifications"][0]["submitted_at"] = "2026-11-02T10:00:00Z"  # one day earlier
    tamper(storage, "UPDATE incidents SET data = ?", json.dumps(data))
    check = storage.verify_journal(s.reference)
    assert not check.ok and "modifié en dehors de l'application" in check.message
    assert main(["--data-dir", str(storage.path.parent), "verify-journal", s.reference]) == 1
    assert "ne correspondent plus au journal" in capsys.readouterr().err
    # On opening: read-only, actions refused with a French explanation.
    reopened = IncidentSession(storage, PROCEDURE, s.reference, now=lambda: utc(2026, 11, 3, 13))
    assert reopened.read_only
    with pytest.raises(ValidationError, match="lecture seule"):
        reopened.set_value("dates.breach_start", utc(2026, 10, 31))
    # Before any export: the documents say so, and the export is not journaled.
    from incident_wizard.application.exports import write_incident_documents

    count = len(storage.journal(s.reference))
    result = write_incident_documents(storage, PROCEDURE, s.reference, tmp_path, pdf=False)
    assert any("ne correspondent plus au journal" in w for w in result.warnings)
    assert len(storage.journal(s.reference)) == count


def test_tail_deleted_then_an_ordinary_action_is_refused_and_still_detected(storage):
    s = session(storage, utc(2026, 11, 3, 12))
    s.set_value("dates.awareness_at", utc(2026, 11, 3, 9))
    s.choose_scenario("erreur-envoi")
    tamper(storage, "DELETE FROM journal WHERE seq = (SELECT max(seq) FROM journal)")
    with pytest.raises(JournalAlteredError, match="lecture seule"):
        storage.append_journal(s.reference, "step_done", {"step": "signalement"})
    with pytest.raises(IncidentWizardError, match="lecture seule"):  # the session's path too
        s.tick("contacter-destinataire", True)
    assert s.read_only
    assert not storage.verify_journal(s.reference).ok  # never "healed"


# --- 4. anchors outside the database ------------------------------------------------------------


def test_printed_head_is_verifiable_and_a_rewritten_history_is_not(storage, tmp_path, capsys):
    from docx import Document

    from incident_wizard.application.exports import write_incident_documents

    ref = build_sample(storage, PROCEDURE)
    head, count = storage.journal_head(ref)
    write_incident_documents(storage, PROCEDURE, ref, tmp_path, pdf=False)
    draft = "\n".join(p.text for p in Document(str(tmp_path / f"{ref}-notification-cnil.docx")).paragraphs)
    assert f"Empreinte du journal de {ref} : {head} ({count} entrées)" in draft
    data_dir = str(storage.path.parent)
    assert main(["--data-dir", data_dir, "verify-journal", ref, "--head", head]) == 0
    assert f"entrée n° {count}" in capsys.readouterr().out
    assert main(["--data-dir", data_dir, "verify-journal", ref, "--head", "0" * 64]) == 1
    assert "ne figure pas" in capsys.readouterr().err
    assert main(["--data-dir", data_dir, "verify-journal", ref, "--head", "xyz"]) == 2


# --- 5. what each outcome requires --------------------------------------------------------------


def _decided(storage, outcome="notify_cnil_and_inform"):
    from .test_risk import _complete_incident

    ref = storage.create_incident(at=utc(2026, 1, 1)).reference
    s = IncidentSession(storage, PROCEDURE, ref, now=lambda: utc(2026, 1, 2))
    incident = _complete_incident()
    incident.reference, incident.created_at = ref, s.incident.created_at
    incident.scope.data_categories = ["etat-civil", "sante"]
    incident.risk.answers.update(dpc="4", c_recipients="copied")
    incident.organisation.contact.name, incident.organisation.contact.phone = "C. Martin", "0400"
    s.incident = incident
    storage.save_incident(incident)
    s.decide(s.assessment().outcome if outcome is None else outcome,
             "" if outcome in (None, s.assessment().outcome) else "choix")
    return s


def test_closure_refused_while_information_is_only_planned(storage):
    s = _decided(storage)
    s.record_notification("initial", utc(2026, 1, 1, 12), "CNIL-1")
    s.set_value("complement_waiver", "Tout était connu")
    s.set_value("information.status", "planned")
    assert any("seulement prévue" in p for p in s.closure_problems())


def test_closure_refused_after_an_initial_notification_without_its_complement(storage):
    s = _decided(storage, "notify_cnil")
    s.record_notification("initial", utc(2026, 1, 1, 12), "CNIL-1")
    assert any("notification complémentaire" in p for p in s.closure_problems())
    s.record_notification("complementary", utc(2026, 1, 2), "CNIL-1")
    assert not any("notification complémentaire" in p for p in s.closure_problems())


def test_explicit_statement_replaces_the_complementary_notification(storage):
    s = _decided(storage, "notify_cnil")
    s.record_notification("initial", utc(2026, 1, 1, 12), "CNIL-1")
    s.set_value("complement_waiver", "La notification initiale contenait déjà tout")
    assert not any("notification complémentaire" in p for p in s.closure_problems())


def test_no_high_risk_just_after_a_decision_to_inform_is_refused(storage):
    s = _decided(storage)
    s.set_value("information.status", "not_done")
    s.set_value("information.exemption", "risque-non-eleve")
    s.set_value("information.justification", "Pas grave")
    with pytest.raises(ValidationError, match="enregistrez à nouveau la décision"):
        s.complete_step("information-personnes")
    assert any("pas de risque élevé" in p for p in s.closure_problems())


def test_encryption_never_exempts_an_availability_high_risk(storage):
    s = _decided(storage)
    s.incident.decision.basis.harm_risk["availability"] = "high"
    s.incident.risk.answers["encrypted"] = "yes"
    assert not obligations.exemption_a_possible(s.incident)
    s.incident.decision.basis.harm_risk["availability"] = ""
    assert obligations.exemption_a_possible(s.incident)


def test_public_communication_needs_channel_date_and_equal_effectiveness(storage):
    s = _decided(storage)
    s.set_value("information.status", "not_done")
    s.set_value("information.exemption", "34-3-c")
    s.set_value("information.justification", "Liste des patients inexploitable")
    problems = obligations.information_problems(s.incident)
    assert any("son moyen" in p or "sa date" in p for p in problems)
    assert any("tout aussi efficace" in p for p in problems)
    s.set_value("information.channels", ["communication-publique"])
    s.set_value("information.informed_at", utc(2026, 1, 2))
    s.set_value("information.equally_effective", "Affiche au comptoir et site, patients habitués")
    assert obligations.information_problems(s.incident) == []


def test_complete_only_when_every_article_33_3_item_is_filled(storage):
    s = _decided(storage, "notify_cnil")
    s.set_value("consequences.kinds", [])
    with pytest.raises(ValidationError, match="conséquences probables"):
        s.record_notification("complete", utc(2026, 1, 1, 12), "CNIL-1")
    s.set_value("consequences.kinds", ["perte-controle"])
    s.set_value("measures.remedy", "Courrier récupéré")
    s.record_notification("complete", utc(2026, 1, 1, 12), "CNIL-1")
    assert obligations.pending_complement(s.incident) is None


# --- 6. the complementary notification's due date -----------------------------------------------


def test_complementary_notification_is_due_72_hours_after_the_initial(storage):
    s = _decided(storage, "notify_cnil")
    s.record_notification("initial", utc(2026, 1, 1, 12), "CNIL-1")
    (due,) = [d for d in s.view.deadlines if d.kind == obligations.COMPLEMENTARY]
    assert due.due == utc(2026, 1, 4, 12)
    summary = storage.list_incidents()[0]
    assert [d.kind for d in summary.deadlines] == [obligations.COMPLEMENTARY]
    (reminder,) = due_deadline_reminders([(s.reference, due)], utc(2026, 1, 4, 7), {})
    assert reminder.threshold == 6 and "notification complémentaire" in reminder.message
    assert reminder.reference == f"{s.reference}#complementary"


# --- 7. the insurance complaint clock -------------------------------------------------------------


def test_complaint_clock_for_a_malicious_attack(storage):
    s = session(storage, utc(2026, 11, 2, 12))
    s.set_value("dates.awareness_at", utc(2026, 11, 2, 8))
    s.choose_scenario("rancongiciel")  # external malicious act
    (complaint,) = [d for d in s.view.deadlines if d.kind == obligations.COMPLAINT]
    assert complaint.due == utc(2026, 11, 5, 8)
    (reminder,) = due_deadline_reminders([(s.reference, complaint)], utc(2026, 11, 5, 7, 30), {})
    assert "indemnisé par une assurance" in reminder.message and "avant de réinstaller" in reminder.message
    s.set_body("plainte", True, reference="PV 2026/1234")
    assert not [d for d in s.view.deadlines if d.kind == obligations.COMPLAINT]
    from incident_wizard.documents.content import register_row

    assert "référence PV 2026/1234" in register_row(unjournaled_view(s.incident, PROCEDURE), PROCEDURE)["other_bodies"]
    assert "obligatoire pour être indemnisé par une assurance" in PROCEDURE.bodies["plainte"].label


def test_no_complaint_clock_for_an_accident(storage):
    s = session(storage, utc(2026, 11, 2, 12))
    s.set_value("dates.awareness_at", utc(2026, 11, 2, 8))
    s.choose_scenario("erreur-envoi")  # internal accidental act
    assert not [d for d in s.view.deadlines if d.kind == obligations.COMPLAINT]


# --- 8. health-sector facts -------------------------------------------------------------------


def test_staff_information_is_obligatoire_when_informing_and_staff_data_are_concerned(storage):
    s = _decided(storage)
    assert obligations.body_requirement(s.incident, "personnel", "recommandé") == "recommandé"
    s.incident.scope.person_categories.append("salaries")
    assert obligations.body_requirement(s.incident, "personnel", "recommandé") == "obligatoire"


def test_health_sector_bodies_follow_the_brief():
    bodies = PROCEDURE.bodies
    assert bodies["ars-cert-sante"].requirement == "recommandé"
    assert "2022-715" in " ".join(PROCEDURE.sources[x].title for x in bodies["ars-cert-sante"].sources)
    assert "2016-1214" not in " ".join(s.title for s in PROCEDURE.sources.values())
    cps = bodies["ordre-ans-cps"]
    assert "TOPS" in cps.help and "Ordre" not in cps.label
    assert "deliberation-2022-067" in PROCEDURE.sources
    for source in PROCEDURE.sources.values():
        # Every source has a reference, except the design choices and the DQO memo (its text was
        # not available: secondary, never the basis of an "obligatoire").
        assert source.status == "choix" or source.url.startswith("https://") or \
            (source.id == "dqo-m35" and source.status == "secondaire"), source.id


# --- compatibility ------------------------------------------------------------------------------


def test_a_version_2_incident_file_still_imports_and_verifies(tmp_path, capsys):
    data_dir = str(tmp_path / "v2")
    assert main(["--data-dir", data_dir, "import-incident", str(DATA / "incident-v2-sample.json")]) == 0
    assert main(["--data-dir", data_dir, "verify-journal", "VDP-2026-001"]) == 0
    capsys.readouterr()
    with Storage.open(Path(data_dir)) as storage:
        entries = storage.journal("VDP-2026-001")
        assert entries[0].facts == "" and entries[-1].facts  # old rules, then the facts covered
        incident = storage.load_incident("VDP-2026-001")
        assert incident.decision.outcome and incident.decision.basis.method == ""  # kept as decided
    assert main(["--data-dir", data_dir, "assess", str(DATA / "incident-v2-sample.json")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["likelihood"]["confidentiality"] == "maximale"  # proposed from its ENISA answers


def test_a_schema_3_database_migrates_and_its_facts_are_covered(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    shutil.copy(DATA / "schema-3-sample.sqlite3", folder / "incidents.sqlite3")
    with Storage.open(folder) as storage:
        assert storage.journal("VDP-2026-001")[-1].action == "record_anchored"
        assert storage.verify_journal("VDP-2026-001").ok
        assert list(folder.glob("incidents.sqlite3.avant-migration-v3-*"))
        data = json.loads(storage._conn.execute("SELECT data FROM incidents").fetchone()[0])
    data["dates"]["awareness_at"] = "2026-10-24T08:00:00Z"
    conn = sqlite3.connect(folder / "incidents.sqlite3")
    conn.execute("UPDATE incidents SET data = ?", (json.dumps(data),))
    conn.commit()
    conn.close()
    with Storage.open(folder) as storage:
        assert not storage.verify_journal("VDP-2026-001").ok


# --- found by the independent audit of this work --------------------------------------------------


def test_an_emptied_journal_is_never_intact(storage, capsys):
    s = session(storage, utc(2026, 11, 3, 12))
    s.set_value("dates.awareness_at", utc(2026, 11, 3, 9))
    tamper(storage, "DELETE FROM journal")
    tamper(storage, "UPDATE incidents SET journal_count = 0")
    assert not storage.verify_journal(s.reference).ok
    assert main(["--data-dir", str(storage.path.parent), "verify-journal", s.reference]) == 1


def test_cutting_off_the_entries_that_cover_the_facts_is_detected(storage):
    ref = build_sample(storage, PROCEDURE)
    entries = storage.journal(ref)
    keep = entries[4]  # pretend the journal ended there
    tamper(storage, "DELETE FROM journal WHERE reference = ? AND seq > 5", ref)
    tamper(storage, "UPDATE incidents SET journal_count = 5, journal_head = ?", keep.hash)
    check = storage.verify_journal(ref)
    assert not check.ok


def test_an_autosave_never_overwrites_an_outside_edit(storage):
    s = session(storage, utc(2026, 11, 3, 12))
    s.set_value("dates.awareness_at", utc(2026, 11, 3, 9))
    data = json.loads(storage._conn.execute("SELECT data FROM incidents").fetchone()[0])
    data["dates"]["awareness_at"] = "2026-11-03T11:00:00Z"
    tamper(storage, "UPDATE incidents SET data = ?", json.dumps(data))
    with pytest.raises(IncidentWizardError, match="lecture seule"):
        s.set_value("title", "Un titre")  # the window was open when the file was edited
    assert not storage.verify_journal(s.reference).ok  # the evidence is kept


def test_summary_columns_edited_outside_the_app_are_detected(storage):
    s = session(storage, utc(2026, 11, 3, 12))
    s.set_value("dates.awareness_at", utc(2026, 11, 3, 9))
    tamper(storage, "UPDATE incidents SET deadlines = '[]', outcome = 'register_only'")
    check = storage.verify_journal(s.reference)
    assert not check.ok and "résumé de l'incident" in check.message


def test_closing_needs_a_reason_when_the_persons_are_not_informed(storage):
    s = _decided(storage)
    s.record_notification("initial", utc(2026, 1, 1, 12), "CNIL-1")
    s.set_value("complement_waiver", "Tout était connu")
    s.set_value("information.status", "not_done")
    assert any("indiquez le motif" in p for p in s.closure_problems())


def test_the_complement_waiver_and_the_measures_are_journaled_facts(storage):
    s = _decided(storage, "notify_cnil")
    count = len(storage.journal(s.reference))
    s.set_value("complement_waiver", "Tout était dans la notification initiale")
    s.set_value("measures.remedy", "Courrier récupéré")
    entries = storage.journal(s.reference)[count:]
    assert [c["fact"] for e in entries for c in e.details["changes"]] == [
        "complement_waiver", "measures.remedy"]


def test_a_notification_that_becomes_late_asks_for_its_reasons_before_closing(storage):
    s = _decided(storage, "notify_cnil")
    s.record_notification("initial", utc(2026, 1, 1, 12), "CNIL-1")  # aware 1 Jan 00:00: on time
    s.set_value("complement_waiver", "Tout était connu")
    s.set_value("discovery.processor_reported", True)
    s.set_value("discovery.processor_reported_at", utc(2025, 12, 28, 9))  # the report came first
    assert any("raisons du retard" in p for p in s.closure_problems())
    s.set_late_reasons("Le sous-traitant a prévenu une adresse qui n'était plus relevée")
    assert not any("raisons du retard" in p for p in s.closure_problems())
    assert storage.journal(s.reference)[-1].action == "late_reasons_given"


def test_status_and_decision_cannot_be_set_as_plain_values(storage):
    s = session(storage, utc(2026, 11, 3, 12))
    for path, value in (("status", "closed"), ("decision.outcome", "register_only")):
        with pytest.raises(ValidationError, match="ne se modifie pas directement"):
            s.set_value(path, value)


def test_informing_before_awareness_is_refused(storage):
    s = session(storage, utc(2026, 11, 3, 12))
    s.set_value("dates.awareness_at", utc(2026, 11, 3, 9))
    with pytest.raises(ValidationError, match="ne peut pas précéder la prise de connaissance"):
        s.set_value("information.informed_at", utc(2000, 1, 1))


def test_the_complaint_clock_is_for_attacks_on_the_information_system(storage):
    s = session(storage, utc(2026, 11, 2, 12))
    s.set_value("dates.awareness_at", utc(2026, 11, 2, 8))
    s.set_value("qualification.origins", ["papier-perdu-vole"])
    s.set_value("qualification.cause", "interne-malveillant")  # paper stolen by an employee
    assert not [d for d in s.view.deadlines if d.kind == obligations.COMPLAINT]
    s.set_value("qualification.origins", ["piratage"])
    assert [d for d in s.view.deadlines if d.kind == obligations.COMPLAINT]


def test_late_reasons_can_be_given_in_the_notification_step(qtbot, storage):
    from incident_wizard.ui.incident_page import IncidentPage

    from .gui_helpers import click, key_text

    s = _decided(storage, "notify_cnil")
    s.record_notification("initial", utc(2026, 1, 1, 12), "CNIL-1")
    page = IncidentPage(s)
    qtbot.addWidget(page)
    page.show()
    page.show_step("notification-cnil")
    panel = page.pages["notification-cnil"].panel
    assert not panel.late_box.isVisibleTo(panel)
    s.set_value("discovery.processor_reported", True)
    s.set_value("discovery.processor_reported_at", utc(2025, 12, 28, 9))
    panel.load()
    assert panel.late_box.isVisibleTo(panel)
    key_text(panel.late_after, "Signalement reçu sur une adresse non relevée")
    click(qtbot, panel.late_after_button)
    assert not panel.late_box.isVisibleTo(panel)
    assert storage.load_incident(s.reference).notifications[0].late_reasons.startswith("Signalement")
