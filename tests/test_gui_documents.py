"""Document actions from the wizard: the draft and letter buttons, the copy sheet, the register."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from incident_wizard.application.sample import build_sample
from incident_wizard.application.session import IncidentSession
from incident_wizard.application.view import unjournaled_view
from incident_wizard.application.workspace import Workspace
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.storage import Storage
from incident_wizard.ui.documents_ui import CopySheetDialog, RegisterDialog
from incident_wizard.ui.incident_page import IncidentPage

from .gui_helpers import click

PROCEDURE = load_procedure()


def patch_dialogs(monkeypatch, folder):
    shown = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    for name in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, name,
                            lambda parent, title, text, *a, _n=name, **k: shown.append((_n, title, text)))
    return shown


def test_draft_button_writes_documents_and_journals(qtbot, storage, tmp_path, monkeypatch):
    shown = patch_dialogs(monkeypatch, tmp_path / "docs")
    ref = build_sample(storage, PROCEDURE, close=False)
    page = IncidentPage(IncidentSession(storage, PROCEDURE, ref))
    qtbot.addWidget(page)
    page.show_step("notification-cnil")
    click(qtbot, page.pages["notification-cnil"].panel.draft_button)
    assert (tmp_path / "docs" / f"{ref}-notification-cnil.docx").exists()
    assert (tmp_path / "docs" / f"{ref}-notification-cnil.pdf").exists()
    assert shown and shown[-1][0] == "information" and "fichier(s) écrit(s)" in shown[-1][2]
    assert storage.journal(ref)[-1].action == "document_exported"
    page.show_step("information-personnes")
    click(qtbot, page.pages["information-personnes"].panel.letter_button)
    assert (tmp_path / "docs" / f"{ref}-courrier-personnes.docx").exists()


def test_copy_sheet_copies_each_field(qtbot, storage):
    ref = build_sample(storage, PROCEDURE)
    dialog = CopySheetDialog(IncidentSession(storage, PROCEDURE, ref))
    qtbot.addWidget(dialog)
    button = dialog.copy_buttons["2/Nom de l'organisme"]
    click(qtbot, button)
    assert QApplication.clipboard().text() == "Pharmacie Exemple des Tilleuls"
    assert button.text() == "Copié ✓"
    click(qtbot, dialog.copy_buttons["7/Nombre approximatif de personnes"])
    assert QApplication.clipboard().text() == "2400"  # what a web form's number field accepts
    click(qtbot, dialog.copy_buttons["3/Prise de connaissance"])
    assert QApplication.clipboard().text() == "23/10/2026 10:00"
    assert button.text() == "Copier"


def test_copy_sheet_shows_typed_text_as_plain_text(qtbot, storage):
    from PySide6.QtWidgets import QLabel

    ref = storage.create_incident().reference
    s = IncidentSession(storage, PROCEDURE, ref)
    s.set_value("discovery.description", "<b>gras</b> &amp; <a href='x'>lien</a>")
    dialog = CopySheetDialog(s)
    qtbot.addWidget(dialog)
    typed = [label for label in dialog.findChildren(QLabel)
             if label.text() == "<b>gras</b> &amp; <a href='x'>lien</a>"]
    assert len(typed) == 1 and typed[0].textFormat() == Qt.TextFormat.PlainText


def test_copy_sheet_marks_missing_fields(qtbot, storage):
    ref = storage.create_incident().reference
    dialog = CopySheetDialog(IncidentSession(storage, PROCEDURE, ref))
    qtbot.addWidget(dialog)
    assert not dialog.copy_buttons["3/Prise de connaissance"].isEnabled()


def test_register_dialog_with_period(qtbot, storage, tmp_path, monkeypatch):
    shown = patch_dialogs(monkeypatch, tmp_path / "reg")
    build_sample(storage, PROCEDURE)
    dialog = RegisterDialog(Workspace(storage, PROCEDURE))
    qtbot.addWidget(dialog)
    dialog.use_from.setChecked(True)
    dialog.use_to.setChecked(True)
    from PySide6.QtCore import QDate

    dialog.date_from.setDate(QDate(2026, 10, 1))
    dialog.date_to.setDate(QDate(2026, 9, 1))
    click(qtbot, dialog.export_button)
    assert "précède" in dialog.status.text()
    dialog.date_to.setDate(QDate(2026, 10, 31))
    click(qtbot, dialog.export_button)
    names = sorted(p.name for p in dialog.files)
    assert names == ["registre-violations-2026-10-01_2026-10-31.csv",
                     "registre-violations-2026-10-01_2026-10-31.docx",
                     "registre-violations-2026-10-01_2026-10-31.pdf",
                     "registre-violations-2026-10-01_2026-10-31.xlsx"]
    assert shown[-1][0] == "information"


def test_attach_the_cnil_summary_to_a_closed_incident(qtbot, storage, tmp_path, monkeypatch):
    from incident_wizard.documents.content import register_row

    pdf = tmp_path / "recapitulatif-cnil.pdf"
    pdf.write_bytes(b"%PDF-1.4 resume\n%%EOF")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pdf), ""))
    ref = build_sample(storage, PROCEDURE)  # closed
    page = IncidentPage(IncidentSession(storage, PROCEDURE, ref))
    qtbot.addWidget(page)
    page.show_step("notification-cnil")
    panel = page.pages["notification-cnil"].panel
    assert panel.attach_button.isEnabled()
    click(qtbot, panel.attach_button)
    assert "recapitulatif-cnil.pdf" in panel.attachments.text()
    stored = storage.load_incident(ref)
    assert stored.attachments[0].kind == "recapitulatif-cnil"
    assert storage.attachment_content(ref, stored.attachments[0].sha256) == pdf.read_bytes()
    assert "recapitulatif-cnil.pdf" in register_row(unjournaled_view(stored, PROCEDURE), PROCEDURE)["attachments"]


def test_register_dialog_prepares_an_inspection_folder(qtbot, storage, tmp_path, monkeypatch):
    patch_dialogs(monkeypatch, tmp_path / "controle")
    ref = build_sample(storage, PROCEDURE)
    dialog = RegisterDialog(Workspace(storage, PROCEDURE))
    qtbot.addWidget(dialog)
    click(qtbot, dialog.inspection_button)
    assert (tmp_path / "controle" / "LISEZ-MOI.txt").exists()
    assert (tmp_path / "controle" / ref / f"{ref}-incident-et-journal.json").exists()


def test_the_draft_type_can_be_chosen(qtbot, storage, tmp_path, monkeypatch):
    from docx import Document

    patch_dialogs(monkeypatch, tmp_path / "docs")
    ref = storage.create_incident(title="Sans notification").reference
    page = IncidentPage(IncidentSession(storage, PROCEDURE, ref))
    qtbot.addWidget(page)
    page.show_step("notification-cnil")
    panel = page.pages["notification-cnil"].panel
    panel.draft_kind_box.setCurrentIndex(panel.draft_kind_box.findData("complete"))
    click(qtbot, panel.draft_button)
    text = "\n".join(p.text for p in Document(str(tmp_path / "docs" / f"{ref}-notification-cnil.docx")).paragraphs)
    assert "Notification complète" in text


def test_export_runs_off_the_gui_thread_with_a_progress_dialog(qtbot, storage, tmp_path, monkeypatch):
    """A slow export (a long PDF, a slow disk) never freezes the window: the files are written
    in another thread while a progress dialog names the file being written and the window's
    timers keep firing."""
    import threading
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    from incident_wizard.documents import export

    shown = patch_dialogs(monkeypatch, tmp_path / "docs")
    ref = build_sample(storage, PROCEDURE, close=False)
    page = IncidentPage(IncidentSession(storage, PROCEDURE, ref))
    qtbot.addWidget(page)
    page.show_step("notification-cnil")
    threads, labels, ticks = set(), [], []
    real_docx = export.write_docx

    def slow_docx(*args, **kwargs):
        threads.add(threading.current_thread() is threading.main_thread())
        time.sleep(0.15)  # a slow disk, inside the worker thread
        return real_docx(*args, **kwargs)

    monkeypatch.setattr(export, "write_docx", slow_docx)
    timer = QTimer()
    timer.timeout.connect(lambda: (ticks.append(1), labels.extend(
        d.labelText() for d in QApplication.topLevelWidgets() if isinstance(d, QProgressDialog)
        and d.isVisible())))
    timer.start(20)
    click(qtbot, page.pages["notification-cnil"].panel.draft_button)
    timer.stop()
    assert threads == {False}, "documents were written on the GUI thread"
    assert len(ticks) >= 10, "the window's event loop was blocked during the export"
    assert any("notification-cnil" in label for label in labels), labels[:3]
    assert shown[-1][0] == "information"
    assert storage.journal(ref)[-1].action == "document_exported"
    assert not [d for d in QApplication.topLevelWidgets()
                if isinstance(d, QProgressDialog) and d.isVisible()]


def test_the_persons_texts_are_previewed_before_anything_is_written(qtbot, storage, monkeypatch):
    """Issue 12: the information step shows what the persons will read (the e-mail, the SMS with
    its size) and what is withheld, before any export."""
    from incident_wizard.documents import content

    ref = build_sample(storage, PROCEDURE, close=False)
    session = IncidentSession(storage, PROCEDURE, ref)
    session.set_value("measures.mitigation", "Rappel du patient au 06 98 76 54 32.")
    page = IncidentPage(session)
    qtbot.addWidget(page)
    page.show_step("information-personnes")
    panel = page.pages["information-personnes"].panel
    preview = panel.preview.toPlainText()
    assert "Madame, Monsieur," in preview and "Nous avons isolé du réseau" in preview
    assert "06 98 76 54 32" not in preview and "Poste réinstallé par le prestataire" not in preview
    assert "ne sont jamais repris" in panel.preview_warnings.text()
    sms = content.sms_text(session.incident, PROCEDURE)
    assert len(sms) == 291  # 291 GSM-7 characters: two parts of 153 (3GPP TS 23.038)
    assert "SMS (291 caractères, GSM-7, 2 SMS)" in panel.sms_preview.text()


def test_sms_segments_follow_gsm_03_38():
    """GSM 03.38 / 3GPP TS 23.038: 160 GSM-7 characters in one SMS, 153 per part beyond; a
    character outside the alphabet (ê) makes it Unicode: 70, then 67 per part; € counts twice."""
    from incident_wizard.documents.content import sms_segments

    assert sms_segments("é" * 160) == ("GSM-7", 1)
    assert sms_segments("a" * 161) == ("GSM-7", 2)
    assert sms_segments("a" * 306) == ("GSM-7", 2) and sms_segments("a" * 307) == ("GSM-7", 3)
    assert sms_segments("fenêtre") == ("Unicode", 1)
    assert sms_segments("ê" * 71) == ("Unicode", 2)
    assert sms_segments("€" * 81) == ("GSM-7", 2)


def test_an_incident_is_sent_encrypted_and_received_from_the_menu(qtbot, storage, tmp_path, monkeypatch):
    """Issue 15: the open incident is sent as an encrypted file from the menu, and received in
    another pharmacy's or the DPO's register; a second, newer file updates it."""
    from PySide6.QtWidgets import QInputDialog

    from incident_wizard.ui.main_window import MainWindow

    shown = patch_dialogs(monkeypatch, tmp_path)
    ref = build_sample(storage, PROCEDURE, close=False)
    target = tmp_path / "envoi.iwz"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("cheval agrafe batterie", True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(window)
    window.open_incident(ref)
    assert window.send_incident() == target
    assert b"Pharmacie Exemple" not in target.read_bytes()
    assert shown[-1][1] == "Incident envoyé"
    with Storage.open(tmp_path / "dpo") as other:
        receiver = MainWindow(Workspace(other, PROCEDURE))
        qtbot.addWidget(receiver)
        assert receiver.receive_incident() == ref
        assert other.load_incident(ref).title == storage.load_incident(ref).title
        assert "importé" in shown[-1][2]
        # The pharmacy goes on; its next file updates the DPO's copy.
        IncidentSession(storage, PROCEDURE, ref).set_value("measures.prevention", "Sauvegarde hors ligne testée")
        window.send_incident()
        assert receiver.receive_incident() == ref
        assert "mis à jour" in shown[-1][2]
        assert other.load_incident(ref).measures.prevention == "Sauvegarde hors ligne testée"
        receiver.close()


def _register_only_incident(storage):
    """A disk failure restored from the backup in two hours: decided "register only"."""
    from datetime import timedelta

    from incident_wizard.domain.clock import now_utc

    ref = storage.create_incident(title="Disque défaillant").reference
    s = IncidentSession(storage, PROCEDURE, ref)
    s.set_value("dates.awareness_at", now_utc() - timedelta(days=30))
    for key, value in (("discovery.how_discovered", "constat-interne"),
                       ("qualification.nature", ["disponibilite"]),
                       ("qualification.origins", ["piratage"]),
                       ("qualification.cause", "externe-accidentel"),
                       ("scope.person_categories", ["patients"]), ("scope.persons_count", 800),
                       ("scope.data_categories", ["etat-civil"])):
        s.set_value(key, value)
    s.decide("register_only", "Disque restauré depuis la sauvegarde en 2 heures, aucune donnée exposée.")
    return ref


def test_a_register_only_incident_gets_its_register_sheet_and_no_letter(qtbot, storage, tmp_path,
                                                                        monkeypatch):
    """Issue 21: the documents follow from the decision; the pharmacist is told why a letter is
    not needed and writes only the register sheet."""
    from .gui_helpers import when_modal

    shown = patch_dialogs(monkeypatch, tmp_path / "docs")
    ref = _register_only_incident(storage)
    page = IncidentPage(IncidentSession(storage, PROCEDURE, ref))
    qtbot.addWidget(page)
    page.show_step("information-personnes")
    texts = []

    def only_needed(box):
        texts.append(box.text())
        box.findChild(QPushButton, "export-needed-only").click()

    outcome = when_modal(QMessageBox, only_needed)
    click(qtbot, page.pages["information-personnes"].panel.letter_button)
    assert outcome[-1] == "ok"
    assert "courrier : décision : registre seulement" in texts[0]
    written = sorted(p.name for p in (tmp_path / "docs").iterdir())
    assert written == [f"{ref}-fiche-registre.docx", f"{ref}-fiche-registre.pdf"]
    assert "Non écrits car non requis" in shown[-1][2]


def test_export_anyway_writes_the_letter_marked_not_required(qtbot, storage, tmp_path, monkeypatch):
    from .gui_helpers import when_modal
    from .test_documents import docx_text

    patch_dialogs(monkeypatch, tmp_path / "docs")
    ref = _register_only_incident(storage)
    page = IncidentPage(IncidentSession(storage, PROCEDURE, ref))
    qtbot.addWidget(page)
    page.show_step("notification-cnil")
    outcome = when_modal(QMessageBox, lambda box: box.findChild(QPushButton, "export-anyway").click())
    click(qtbot, page.pages["notification-cnil"].panel.draft_button)
    assert outcome[-1] == "ok"
    draft = docx_text(tmp_path / "docs" / f"{ref}-notification-cnil.docx")
    assert draft.startswith("NON REQUIS — DÉCISION : REGISTRE SEULEMENT")
    assert "Délai de 72 h dépassé" not in draft  # no deadline is said to have passed
    assert "aucune notification à la CNIL n'est due" in draft
    # The button was about the CNIL draft: the letters, not needed either, are not written.
    assert not (tmp_path / "docs" / f"{ref}-courrier-personnes.docx").exists()
    sheet = docx_text(tmp_path / "docs" / f"{ref}-fiche-registre.docx")
    assert "NON REQUIS" not in sheet
