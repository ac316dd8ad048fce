"""Issue 23, item 2: the pharmacist's own words to the persons, a field of the information
step printed as typed in the letter, the e-mail and the public notice (never the SMS), checked
while typed and at export by the guard that flags names, dates of birth and health terms."""

from __future__ import annotations

import html
import json

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from incident_wizard.application.exports import write_incident_documents
from incident_wizard.application.sample import build_sample
from incident_wizard.application.session import IncidentSession
from incident_wizard.cli import main
from incident_wizard.documents import content
from incident_wizard.documents.templates import render_builtin
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.storage import Storage
from incident_wizard.ui.incident_page import IncidentPage

PROCEDURE = load_procedure()
CLEAN = ("Nous restons à votre disposition au comptoir, sans rendez-vous, pour en parler.\n\n"
         "Toute l'équipe vous prie de l'excuser.")
FLAGGED = "Mme Dupont, traitée pour un VIH"


def _session(storage, words: str = "") -> tuple[str, IncidentSession]:
    ref = build_sample(storage, PROCEDURE, close=False)
    session = IncidentSession(storage, PROCEDURE, ref)
    if words:
        session.set_value("information.own_words", words)
    return ref, session


def _documents(incident) -> dict[str, str]:
    c = {"c": content.communication(incident, PROCEDURE), "today": "1er janvier 2027", "anchor": ""}
    return {"letter": html.unescape(render_builtin("letter.html", c)),
            "email": render_builtin("email.txt", c),
            "notice": html.unescape(render_builtin("notice.html", c)),
            "sms": content.sms_text(incident, PROCEDURE)}


def test_typing_a_name_and_a_diagnosis_shows_the_warning(qtbot, storage):
    _ref, session = _session(storage)
    page = IncidentPage(session)
    qtbot.addWidget(page)
    page.show()
    page.show_step("information-personnes")
    step = page.pages["information-personnes"]
    editor = next(e for e in step.editors if e.field.key == "information.own_words")
    editor.input.setFocus()
    for char in FLAGGED:  # typed key by key (QTest.keyClicks takes ASCII only: « é »)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor.input, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
    qtbot.waitUntil(lambda: editor.message.isVisible() and "« Mme Dupont »" in editor.message.text())
    text = editor.message.text()
    assert "un nom de personne et une information de santé" in text
    assert "destiné aux personnes" in text
    # Saved all the same (a warning, not a refusal), and the preview shows it with the warning.
    qtbot.waitUntil(lambda: session.incident.information.own_words == FLAGGED)
    qtbot.waitUntil(lambda: FLAGGED in step.panel.preview.toPlainText())
    assert "Vos mots aux personnes" in step.panel.preview_warnings.text()


def test_a_clean_text_is_in_the_letter_the_email_and_the_notice_not_the_sms(storage):
    _ref, session = _session(storage, CLEAN)
    docs = _documents(session.incident)
    for kind in ("letter", "email", "notice"):
        assert "Un mot de votre pharmacien" in docs[kind], kind
        assert "sans rendez-vous, pour en parler." in docs[kind], kind
        assert "Toute l'équipe vous prie de l'excuser." in docs[kind], kind
    # Two paragraphs stay two paragraphs in the letter.
    assert "<p>Nous restons à votre disposition" in docs["letter"]
    assert "<p>Toute l'équipe" in docs["letter"]
    assert "sans rendez-vous" not in docs["sms"] and "pharmacien" not in docs["sms"]
    assert content.communication(session.incident, PROCEDURE)["withheld"] == [
        w for w in content.communication(session.incident, PROCEDURE)["withheld"]
        if "Vos mots" not in w]


def test_no_own_words_no_heading(storage):
    _ref, session = _session(storage)
    for kind, text in _documents(session.incident).items():
        assert "Un mot de votre pharmacien" not in text, kind


def test_a_flagged_text_warns_at_export_and_stays_off_the_public_notice(storage, tmp_path):
    ref, session = _session(storage, FLAGGED)
    docs = _documents(session.incident)
    assert FLAGGED in docs["letter"] and FLAGGED in docs["email"]
    assert "Mme Dupont" not in docs["notice"] and "VIH" not in docs["notice"]
    result = write_incident_documents(storage, PROCEDURE, ref, tmp_path / "out", pdf=False)
    warnings = [w for w in result.warnings if "Vos mots aux personnes" in w]
    assert len(warnings) == 1
    assert "un nom de personne et une information de santé" in warnings[0]
    assert "l'affiche ne le reprend pas" in warnings[0]
    # Rewritten without the name and the diagnosis: no more warning, the notice carries it.
    session.set_value("information.own_words", CLEAN)
    result = write_incident_documents(storage, PROCEDURE, ref, tmp_path / "out2", pdf=False)
    assert not [w for w in result.warnings if "Vos mots aux personnes" in w]


def test_the_pharmacys_own_people_are_not_flagged(storage):
    _ref, session = _session(storage)
    name = session.incident.organisation.contact.name
    assert name  # the sample has a contact
    session.set_value("information.own_words", f"Vous pouvez appeler {name} à la pharmacie.")
    assert not [w for w in content.communication(session.incident, PROCEDURE)["withheld"]
                if "Vos mots" in w]


def test_an_old_incident_file_without_the_field_still_imports(storage, tmp_path, data_dir):
    """A file of an earlier version (no ``own_words``) still imports, its own words empty; a file
    written now is version 7 and carries them."""
    ref, session = _session(storage)
    path = tmp_path / "old.json"
    assert main(["--data-dir", str(data_dir), "export-incident", ref, str(path)]) == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format_version"] == 7 and data["incident"]["information"]["own_words"] == ""
    data["format_version"] = 6  # as the previous version wrote it
    del data["incident"]["information"]["own_words"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    other = tmp_path / "other"
    assert main(["--data-dir", str(other), "import-incident", str(path)]) == 0
    with Storage.open(other) as imported:
        assert imported.load_incident(ref).information.own_words == ""
        assert imported.verify_journal(ref).ok

    session.set_value("information.own_words", CLEAN)
    path6 = tmp_path / "new.json"
    assert main(["--data-dir", str(data_dir), "export-incident", ref, str(path6)]) == 0
    data = json.loads(path6.read_text(encoding="utf-8"))
    assert data["format_version"] == 7 and data["incident"]["information"]["own_words"] == CLEAN
    third = tmp_path / "third"
    assert main(["--data-dir", str(third), "import-incident", str(path6)]) == 0
    with Storage.open(third) as imported:
        assert imported.load_incident(ref).information.own_words == CLEAN
        assert imported.verify_journal(ref).ok
