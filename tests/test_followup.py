"""After the incident (issue 16): prevention proposals per situation from forms/, follow-up
actions (created, reminded, done, journaled, in the register), the closure rule with open
actions, overdue actions on the home list, the yearly review and the help's resources."""

from __future__ import annotations

import re
import sqlite3
import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from docx import Document

from incident_wizard.application.review import last_review_at, review_due, write_review
from incident_wizard.application.sample import build_sample
from incident_wizard.application.session import IncidentSession
from incident_wizard.application.view import unjournaled_view
from incident_wizard.application.workspace import Workspace
from incident_wizard.cli import main
from incident_wizard.documents import content
from incident_wizard.domain import clock, followup
from incident_wizard.domain import review as rv
from incident_wizard.domain.errors import ValidationError
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.domain.reminders import due_action_reminders, mark_fired

FORMS = Path(__file__).resolve().parents[1] / "forms"
PROCEDURE = load_procedure()


def paris(*args):
    return clock.paris_to_utc(datetime(*args))


NOW = paris(2026, 11, 2, 10, 0)  # Monday 2 November 2026, 10:00 in Paris


def session(storage, now=NOW, scenario="rancongiciel"):
    ref = storage.create_incident(at=now).reference
    s = IncidentSession(storage, PROCEDURE, ref, now=lambda: now)
    if scenario:
        s.choose_scenario(scenario)
    return s


# --- 1. proposals per situation, from forms/, with their sources -----------------------------------

#: What issue 16 asks to propose, by situation; each case's source is the issue's list, which
#: cites the quality programme (principle 35, memo M33) and the practices it names.
ISSUE_CASES = [
    ("rancongiciel", ["sauvegardes-hors-ligne", "mises-a-jour", "comptes-administrateur"],
     "issue 16: ransomware → offline and tested backups (principle 35, M33), updates, separate admin accounts"),
    ("hameconnage", ["mots-de-passe", "messagerie-securisee", "regles-messagerie"],
     "issue 16: phishing → password rules, secure health messaging, mailbox rules review"),
    ("vol-perte-appareil", ["chiffrement-appareils", "effacement-distance"],
     "issue 16: lost or stolen device → encryption, remote wipe"),
    ("erreur-envoi", ["double-verification", "messagerie-securisee"],
     "issue 16: misdirection → double check of the recipient, secure messaging"),
    ("acces-interne", ["droits-acces", "tracabilite-acces"],
     "issue 16: internal snooping → access rights and traceability"),
]


@pytest.mark.parametrize(("scenario", "expected", "source"), ISSUE_CASES)
def test_each_situation_proposes_what_the_issue_lists(storage, scenario, expected, source):
    s = session(storage, scenario=scenario)
    shown = [p.proposal.id for p in followup.proposals_for(s.incident, PROCEDURE)]
    assert set(expected) <= set(shown), source
    assert all(p.state == followup.PENDING for p in followup.proposals_for(s.incident, PROCEDURE))


def test_proposals_shown_are_exactly_those_of_the_situation_in_forms():
    raw = tomllib.loads((FORMS / "prevention.toml").read_text(encoding="utf-8"))
    scenarios = tomllib.loads((FORMS / "scenarios.toml").read_text(encoding="utf-8"))
    for scenario in (k for k in scenarios if k != "format_version"):
        expected = {k for k, v in raw.items() if k != "format_version" and scenario in v["scenarios"]}
        from incident_wizard.domain.model import Incident

        incident = Incident(reference="X", created_at=NOW, scenario=scenario)
        assert {p.proposal.id for p in followup.proposals_for(incident, PROCEDURE)} == expected


def test_every_proposal_has_sources_and_the_programme_is_cited():
    raw = tomllib.loads((FORMS / "prevention.toml").read_text(encoding="utf-8"))
    sources = tomllib.loads((FORMS / "sources.toml").read_text(encoding="utf-8"))
    programme = {"dqo-principes-34-35", "dqo-m20", "dqo-m33"}
    for key, proposal in raw.items():
        if key == "format_version":
            continue
        assert proposal["sources"], key
        assert all(s in sources for s in proposal["sources"]), key
    cited = {s for k, p in raw.items() if k != "format_version" for s in p["sources"]}
    assert programme <= cited
    # Nothing in the proposals is worded as an obligation (they are recommendations).
    text = (FORMS / "prevention.toml").read_text(encoding="utf-8").lower()
    assert "obligatoire" not in text.replace("none is\n# presented as an obligation", "")


def test_a_proposal_is_retained_edited_or_dismissed_with_a_reason(storage):
    s = session(storage)
    title = PROCEDURE.proposals["sauvegardes-hors-ligne"].title
    action = s.followup.add_action(title + " (disque rangé au coffre)", owner="Claire Martin",
                          due="30/11/2026", proposal="sauvegardes-hors-ligne")
    with pytest.raises(ValidationError, match="pourquoi"):
        s.followup.dismiss_proposal("wifi", "  ")
    s.followup.dismiss_proposal("wifi", "Sans objet : pas de wifi")
    with pytest.raises(ValidationError, match="retenue"):
        s.followup.dismiss_proposal("sauvegardes-hors-ligne", "finalement non")
    states = {p.proposal.id: p for p in followup.proposals_for(s.incident, PROCEDURE)}
    assert states["sauvegardes-hors-ligne"].state == followup.CHOSEN
    assert states["sauvegardes-hors-ligne"].action.title.endswith("(disque rangé au coffre)")
    assert states["wifi"].state == followup.DISMISSED
    assert states["mises-a-jour"].state == followup.PENDING
    stored = storage.load_incident(s.reference)
    assert stored.actions[0].due == "2026-11-30" and stored.actions[0].id == action.id == "A1"
    assert stored.dismissed_proposals["wifi"].reason == "Sans objet : pas de wifi"
    # The step is done only once every proposal is examined.
    with pytest.raises(ValidationError, match="Examinez chaque proposition"):
        s.complete_step("prevention-suivi")
    for state in followup.pending_proposals(s.incident, PROCEDURE):
        s.followup.dismiss_proposal(state.proposal.id, "Déjà en place")
    s.complete_step("prevention-suivi")
    row = content.register_row(unjournaled_view(storage.load_incident(s.reference), PROCEDURE), PROCEDURE, now=NOW)
    assert ("Sécuriser le wifi : un réseau pour les postes de l'officine, un autre pour le public : "
            "Sans objet : pas de wifi") in row["dismissed_proposals"]  # the title, not the id


# --- 2. an action's life ----------------------------------------------------------------------------

def test_an_action_is_created_reminded_done_journaled_and_registered(storage):
    s = session(storage)
    action = s.followup.add_action("Tester la restauration des sauvegardes", owner="Prestataire",
                          due="2026-11-10")
    # Reminded from the start of the day a week before (3 November, Paris), from the start of
    # the day before (9 November), and once the due day has ended (11 November, 00:00 Paris).
    (summary,) = [x for x in storage.list_incidents() if x.reference == s.reference]
    (due,) = summary.actions
    assert due.due == date(2026, 11, 10)
    assert due_action_reminders([due], paris(2026, 11, 2, 23, 59), {}) == []
    (week,) = due_action_reminders([due], paris(2026, 11, 3, 0, 0), {})
    assert week.threshold == 168
    assert "arrive à échéance dans 7 jours, le mardi 10 novembre 2026" in week.message
    fired = mark_fired({}, week)
    assert due_action_reminders([due], paris(2026, 11, 8, 23, 0), fired) == []
    (day,) = due_action_reminders([due], paris(2026, 11, 9, 8, 0), fired)
    assert day.threshold == 24 and "arrive à échéance demain" in day.message
    fired = mark_fired(fired, day)
    assert due_action_reminders([due], paris(2026, 11, 10, 23, 59), fired) == []
    (late,) = due_action_reminders([due], paris(2026, 11, 11, 0, 1), fired)
    assert late.threshold == 0 and "en retard" in late.message
    fired = mark_fired(fired, late)
    # Given a new due day, the action is reminded again.
    later = followup.ActionDue(due.reference, due.id, due.title, date(2026, 11, 20))
    (again,) = due_action_reminders([later], paris(2026, 11, 19, 9, 0), fired)
    assert again.threshold == 24
    # Overdue on the 11th (Paris), not on the 10th.
    assert followup.state(s.incident.actions[0], date(2026, 11, 10)) == followup.OPEN
    assert followup.state(s.incident.actions[0], date(2026, 11, 11)) == followup.OVERDUE
    # Done: a date in the past and the evidence, both required; then journaled.
    with pytest.raises(ValidationError, match="preuve"):
        s.followup.update_action(action.id, done_on="01/11/2026")
    with pytest.raises(ValidationError, match="futur"):
        s.followup.update_action(action.id, done_on="03/11/2026", evidence="Rapport")
    s.followup.update_action(action.id, done_on="01/11/2026", evidence="Rapport du prestataire du 1er novembre")
    entries = storage.journal(s.reference)
    assert [e.action for e in entries][-2:] == ["action_added", "action_done"]
    added, done = entries[-2], entries[-1]
    assert added.details["owner"] == "Prestataire" and added.details["due"] == "2026-11-10"
    (change,) = [c for c in done.details["changes"] if c["fact"] == "actions"]
    assert change["old"]["A1"]["done_on"] == "" and change["new"]["A1"]["done_on"] == "2026-11-01"
    assert storage.verify_journal(s.reference).ok
    (summary,) = [x for x in storage.list_incidents() if x.reference == s.reference]
    assert summary.actions == ()  # done: no longer listed nor reminded
    row = content.register_row(unjournaled_view(storage.load_incident(s.reference), PROCEDURE), PROCEDURE, now=NOW)
    assert row["follow_up"] == ("A1 Tester la restauration des sauvegardes — préventive — "
                                "responsable : Prestataire — échéance : 10/11/2026 — faite le "
                                "01/11/2026 (preuve : Rapport du prestataire du 1er novembre)")
    # A done action is evidence: it is not removed.
    with pytest.raises(ValidationError, match="reste au registre"):
        s.followup.remove_action(action.id, "erreur")


def test_a_removed_action_leaves_its_history_in_the_journal(storage):
    s = session(storage)
    action = s.followup.add_action("En double", owner="X", due="2026-12-01")
    with pytest.raises(ValidationError, match="pourquoi"):
        s.followup.remove_action(action.id, "")
    s.followup.remove_action(action.id, "Créée deux fois")
    assert storage.load_incident(s.reference).actions == []
    last = storage.journal(s.reference)[-1]
    assert last.action == "action_removed" and last.details["reason"] == "Créée deux fois"
    assert storage.verify_journal(s.reference).ok


def test_bad_dates_are_refused_in_french(storage):
    s = session(storage)
    with pytest.raises(ValidationError, match="JJ/MM/AAAA"):
        s.followup.add_action("Mises à jour", owner="X", due="demain")
    with pytest.raises(ValidationError, match="plus de 5 ans"):
        s.followup.add_action("Mises à jour", owner="X", due="01/01/2040")
    with pytest.raises(ValidationError, match="Décrivez"):
        s.followup.add_action("   ", owner="X")
    assert storage.load_incident(s.reference).actions == []


def test_an_action_edited_outside_the_app_is_detected(storage):
    s = session(storage)
    s.followup.add_action("Chiffrer les portables", owner="X", due="2026-12-01")
    conn = sqlite3.connect(storage.path)
    conn.execute("UPDATE incidents SET data = json_set(data, '$.actions[0].done_on', '2026-11-01',"
                 " '$.actions[0].evidence', 'fait') WHERE reference = ?", (s.reference,))
    conn.commit()
    conn.close()
    assert not storage.verify_journal(s.reference).ok


def test_incidents_without_actions_keep_the_digest_their_journal_has(storage):
    """Actions are facts added later: an incident journaled before them still verifies."""
    from incident_wizard.domain import record
    from incident_wizard.domain.serialize import to_data

    s = session(storage)
    data = to_data(storage.load_incident(s.reference))
    without = {k: v for k, v in data.items() if k not in ("actions", "dismissed_proposals")}
    assert record.digest_of(data) == record.digest_of(without)
    assert storage.journal(s.reference)[-1].facts == record.digest_of(without)


# --- 3. closing with open actions -----------------------------------------------------------------

def closable(storage):
    ref = build_sample(storage, PROCEDURE, close=False)
    sample_clock = storage.journal(ref)[-1].at + timedelta(hours=1)
    return IncidentSession(storage, PROCEDURE, ref, now=lambda: sample_clock)


def test_closing_needs_an_owner_and_a_due_day_for_each_open_action(storage):
    s = closable(storage)
    assert s.closure_problems() == []
    action = s.followup.add_action("Former l'équipe", kind="corrective")
    problems = s.closure_problems()
    assert any("Former l'équipe" in p and "un responsable et une échéance" in p for p in problems)
    with pytest.raises(ValidationError, match="Former l'équipe"):
        s.close()
    s.followup.update_action(action.id, owner="Claire Martin")
    assert any("une échéance" in p for p in s.closure_problems())
    s.followup.update_action(action.id, due="2027-01-15")
    s.close()
    assert storage.load_incident(s.reference).status == "closed"
    # After closure: the action is still followed, and still needs its owner and due day.
    with pytest.raises(ValidationError, match="responsable et une échéance"):
        s.followup.update_action(action.id, owner="")
    today = followup.today(s.now()).isoformat()
    s.followup.update_action(action.id, done_on=today, evidence="Réunion d'équipe, compte rendu signé")
    assert storage.load_incident(s.reference).actions[-1].done_on == today
    assert storage.verify_journal(s.reference).ok


def test_closing_needs_some_prevention(storage):
    s = closable(storage)
    s.set_value("measures.prevention", "")
    assert s.closure_problems() == []  # the preventive actions suffice
    for a in list(s.incident.actions):
        s.followup.remove_action(a.id, "test")
    assert any("éviter que cela se reproduise" in p for p in s.closure_problems())
    s.followup.add_action("Former l'équipe", kind="corrective", owner="X", due="2027-01-01")
    assert any("éviter que cela se reproduise" in p for p in s.closure_problems())
    s.set_value("measures.prevention", "Double vérification")
    assert s.closure_problems() == []


# --- 4. the yearly review -------------------------------------------------------------------------

def test_review_counts_and_open_actions(storage):
    a = session(storage, now=paris(2026, 3, 2, 9), scenario="rancongiciel")
    a.set_value("dates.awareness_at", paris(2026, 3, 2, 8))
    a.followup.add_action("Sauvegardes hors ligne", owner="CM", due="2026-04-01")
    b = session(storage, now=paris(2026, 6, 10, 9), scenario="erreur-envoi")
    b.set_value("dates.awareness_at", paris(2026, 6, 10, 8))
    b.followup.add_action("Double vérification", owner="CM", due="2026-12-31")
    b.followup.update_action("A1", done_on="2026-06-10", evidence="Note de service")
    old = session(storage, now=paris(2025, 1, 5, 9), scenario="papier")
    old.set_value("dates.awareness_at", paris(2025, 1, 5, 8))
    incidents = [storage.load_incident(x.reference) for x in (a, b, old)]
    result = rv.build(incidents, PROCEDURE, date(2026, 1, 1), date(2026, 12, 31), NOW)
    assert result.incidents == 2 and result.references == [a.reference, b.reference]
    labels = dict(result.by_scenario)
    assert labels == {PROCEDURE.scenarios["rancongiciel"].label: 1,
                      PROCEDURE.scenarios["erreur-envoi"].label: 1}
    assert dict(result.by_outcome) == {"Pas encore décidée": 2}
    assert [(x.reference, x.state) for x in result.open_actions] == [(a.reference, "overdue")]
    assert result.overdue == 1
    assert [(x.reference, x.done_on) for x in result.done_actions] == [(b.reference, "2026-06-10")]


def test_review_is_proposed_once_a_year():
    first = paris(2025, 11, 1, 9)
    assert not rv.review_due(None, None, NOW)
    assert not rv.review_due(None, first, first + timedelta(days=364))
    assert rv.review_due(None, first, first + timedelta(days=365))
    assert not rv.review_due(NOW, first, NOW + timedelta(days=200))


def test_review_document_written_and_remembered(storage, tmp_path):
    build_sample(storage, PROCEDURE)
    now = paris(2026, 10, 28, 9)
    assert last_review_at(storage) is None
    result = write_review(storage, PROCEDURE, tmp_path, now=now, pdf=False)
    (docx,) = result.files
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    cells = "\n".join(c.text for t in Document(str(docx)).tables for r in t.rows for c in r.cells)
    assert "Revue annuelle du registre" in text and "du 29/10/2025 au 28/10/2026" in text
    assert "1 violation(s), dont 1 clôturée(s) ; 1 notifiée(s) à la CNIL" in text
    assert "Signature" in text and "Claire Martin" in text
    assert "Par situation : Rançongiciel (fichiers chiffrés, message de rançon) : 1." in text
    assert "Prestataire informatique" in cells
    assert "Mettre en place des sauvegardes" in text  # done during the period
    assert last_review_at(storage) == now
    assert not review_due(storage, now + timedelta(days=364))
    assert review_due(storage, now + timedelta(days=366))


def test_cli_review_and_actions(storage, tmp_path, capsys, data_dir):
    ref = build_sample(storage, PROCEDURE)
    storage.close()
    out = tmp_path / "revue"
    assert main(["--data-dir", str(data_dir), "review", "--out", str(out), "--no-pdf",
                 "--from", "2026-01-01", "--to", "2026-12-31"]) == 0
    assert (out / "revue-annuelle-2026-01-01_2026-12-31.docx").is_file()
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "actions"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and all(line.startswith(f"{ref}\t") for line in lines)
    assert lines[0].split("\t")[2] == "en retard"  # the sample's due days are in 2026: past now
    assert main(["--data-dir", str(data_dir), "review", "--out", str(out), "--from", "2026-13-01"]) == 2


# --- 5. the resources -------------------------------------------------------------------------------

def test_resources_name_their_sources_and_stay_links():
    assert len(PROCEDURE.resources) >= 8
    titles = " ".join(r.title for r in PROCEDURE.resources)
    for expected in ("Démarche qualité", "CNIL et Ordre des pharmaciens", "mémento",
                     "cybermalveillance.gouv.fr", "MSSanté"):
        assert expected in titles
    for resource in PROCEDURE.resources:
        assert resource.url.startswith("https://") and resource.sources


# --- 6. what the user sees: home list, yearly-review notice, resources ------------------------------

def test_home_lists_overdue_actions_and_filters_them(qtbot, storage):
    from incident_wizard.ui.home import IncidentFilter
    from incident_wizard.ui.main_window import MainWindow

    now = clock.now_utc()
    today = followup.today(now)
    late = IncidentSession(storage, PROCEDURE, storage.create_incident(at=now, title="En retard").reference,
                           now=lambda: now)
    late.followup.add_action("Chiffrer les portables", owner="CM", due=(today - timedelta(days=3)).isoformat())
    late.followup.add_action("Former l'équipe", owner="CM", due=(today + timedelta(days=30)).isoformat())
    fine = IncidentSession(storage, PROCEDURE, storage.create_incident(at=now, title="À jour").reference,
                           now=lambda: now)
    fine.followup.add_action("Tester la restauration", owner="CM", due=(today + timedelta(days=10)).isoformat())
    storage.create_incident(at=now, title="Sans action")
    window = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(window)
    window.show()
    home = window.home
    texts = dict(zip(home.visible_texts(1), home.visible_texts(4), strict=True))
    assert texts["En retard"] == "2 ouverte(s), 1 en retard"
    assert texts["À jour"] == (f"1 ouverte(s), prochaine le "
                               f"{(today + timedelta(days=10)).strftime('%d/%m/%Y')}")
    assert texts["Sans action"] == "—"
    assert home.visible_texts(5) == ["En cours"] * 3
    assert home.review_notice.isVisible() and "1 action(s) de suivi en retard" in home.review_notice.text()
    assert not home.review_button.isVisible()  # no incident a year old: no yearly review yet
    home.status_filter.setCurrentIndex(home.status_filter.findData(IncidentFilter.OVERDUE))
    assert home.visible_texts(1) == ["En retard"]


def test_yearly_review_is_proposed_on_the_home_page_and_written(qtbot, storage, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from incident_wizard.ui.main_window import MainWindow
    from incident_wizard.ui.review import ReviewDialog

    from .gui_helpers import click, when_modal

    year_ago = clock.now_utc() - timedelta(days=400)
    storage.create_incident(at=year_ago, title="Ancien incident")
    window = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(window)
    window.show()
    home = window.home
    assert home.review_button.isVisible() and "revue annuelle" in home.review_notice.text()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "revue"))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    shown = []

    def write(dialog):
        shown.append(dialog.summary.text())
        click(qtbot, dialog.write_button)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)

    outcome = when_modal(ReviewDialog, write)
    click(qtbot, home.review_button)
    assert outcome[1:] == ["ok"], outcome
    assert "action(s) de suivi encore ouverte(s)" in shown[0]
    assert list((tmp_path / "revue").glob("revue-annuelle-*.docx"))
    assert not home.review_button.isVisible()  # made: not proposed again before a year


def test_resources_dialog_shows_links_without_fetching(qtbot):
    from incident_wizard.ui.review import ResourcesDialog

    dialog = ResourcesDialog(PROCEDURE)
    qtbot.addWidget(dialog)
    assert len(dialog.links) == len(PROCEDURE.resources)
    first = dialog.links[0]
    assert first.openExternalLinks()  # the browser opens it on a click; the app fetches nothing
    assert 'href="https://www.demarchequaliteofficine.fr/"' in first.text()


# --- 7. what the review of this work found ---------------------------------------------------------

@pytest.mark.parametrize(("change", "expected"), [
    (lambda a: a.update(due="9999-12-31"), "actions[0].due"),
    (lambda a: a.update(due="2026-02-30"), "actions[0].due"),
    (lambda a: a.update(done_on="pas-une-date"), "actions[0].done_on"),
    (lambda a: a.update(kind="bogus"), "type d'action inconnu"),
    (lambda a: a.update(title="x" * 2_001), "plus de 2000 caractères"),
])
def test_an_incident_file_with_unfollowable_actions_is_refused(storage, tmp_path, change, expected):
    """An action no rule could follow (a due day in year 9999 stopped every reminder) is refused
    at import, with the key named; nothing is imported."""
    import json

    from incident_wizard.domain import incident_file
    from incident_wizard.domain.serialize import from_data, to_data

    s = session(storage)
    s.followup.add_action("Chiffrer les portables", owner="X", due="2026-12-01")
    data = to_data(storage.load_incident(s.reference))
    change(data["actions"][0])
    incident = from_data(type(s.incident), data)
    from incident_wizard.domain.validation import check_structure

    assert any(expected in p for p in check_structure(incident))
    # A crafted file whose chain is rebuilt to match (as the review did): refused all the same.
    from incident_wizard.domain import journal, record
    from incident_wizard.domain.errors import IncidentWizardError

    entries = storage.journal(s.reference)
    last = entries[-1]
    entries[-1] = journal.make_entry(s.reference, entries[-2], last.at, last.actor, last.action,
                                     last.details, record.digest_of(data))
    path = tmp_path / "export.json"
    raw = incident_file.dump(storage.load_incident(s.reference), entries, NOW, "test")
    raw["incident"] = data
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(IncidentWizardError, match=re.escape(expected)):
        incident_file.read(path, PROCEDURE)


def test_a_removed_action_id_is_never_reused(storage):
    s = session(storage)
    first = s.followup.add_action("Une", owner="X", due="2026-12-01")
    second = s.followup.add_action("Deux", owner="X", due="2026-12-01")
    s.followup.remove_action(second.id, "en double")
    third = s.followup.add_action("Trois", owner="X", due="2026-12-01")
    assert (first.id, second.id, third.id) == ("A1", "A2", "A3")


def test_long_evidence_is_cut_in_the_journal_not_in_the_incident(storage):
    s = session(storage)
    action = s.followup.add_action("Rapport", owner="X", due="2026-12-01")
    text = "preuve " * 7_000  # 49,000 characters
    s.followup.update_action(action.id, done_on="2026-11-01", evidence=text)
    assert storage.load_incident(s.reference).actions[0].evidence == text.strip()
    entry = storage.journal(s.reference)[-1]
    (change,) = [c for c in entry.details["changes"] if c["fact"] == "actions"]
    assert len(change["new"]["A1"]["evidence"]) < 2_100
    assert storage.verify_journal(s.reference).ok


def test_cli_lines_carry_no_control_character(storage, data_dir, capsys):
    s = session(storage)
    s.followup.add_action("Titre\nsur deux lignes", owner="\x1b]0;piège\x07Claire", due="2026-12-01")
    storage.close()
    assert main(["--data-dir", str(data_dir), "actions"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert "\x1b" not in line and "\x07" not in line
    assert line.split("\t")[-1] == "Titre sur deux lignes"


def test_a_refusal_clears_once_its_cause_is_gone(qtbot, storage, monkeypatch):
    """Issue 14: "Examinez chaque proposition" under the step goes away once the pharmacist
    acts on the step; "Étape terminée" then checks again."""
    from PySide6.QtWidgets import QInputDialog, QPushButton

    from .gui_helpers import click, shown_page, step_done

    s = session(storage, scenario="erreur-envoi")
    page, _ = shown_page(qtbot, storage, "prevention-suivi", s.reference)
    step_done(qtbot, page)
    assert page.message.isVisible() and "Examinez chaque proposition" in page.message.text()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Déjà en place", True))
    panel = page.pages["prevention-suivi"].panel
    click(qtbot, panel.findChild(QPushButton, "proposals-dismiss-rest"))
    assert not page.message.isVisible()
    step_done(qtbot, page)
    assert "prevention-suivi" in storage.load_incident(s.reference).steps_done


def test_mark_done_proposes_today_and_asks_the_evidence(qtbot, storage):
    from incident_wizard.ui.panels import ActionDialog

    from .gui_helpers import click, shown_page, when_modal

    s = session(storage, now=clock.now_utc())
    s.followup.add_action("Tester la restauration", owner="CM", due="2027-06-30")
    page, _ = shown_page(qtbot, storage, "prevention-suivi", s.reference)
    panel = page.pages["prevention-suivi"].panel
    panel.table.selectRow(0)
    seen = []

    def finish(dialog):
        seen.append(dialog.done_on.text())
        click(qtbot, dialog.ok_button)  # no evidence yet: refused, the dialog stays open
        seen.append(dialog.error.text())
        dialog.evidence.setPlainText("Restauration d'essai réussie, compte rendu classé")
        click(qtbot, dialog.ok_button)

    outcome = when_modal(ActionDialog, finish)
    click(qtbot, panel.done_button)
    assert outcome[1:] == ["ok"], outcome
    today = followup.today(clock.now_utc())
    assert seen[0] == today.strftime("%d/%m/%Y") and "preuve" in seen[1]
    stored = storage.load_incident(s.reference).actions[0]
    assert stored.done_on == today.isoformat() and stored.evidence.startswith("Restauration")
    assert panel.table.item(0, 6).text() == "faite"
