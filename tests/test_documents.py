"""Documents: every CNIL form field, the Art. 34 elements, the register; any typed text still
gives valid files; user templates are sandboxed; every export is journaled."""

from __future__ import annotations

import csv
import hashlib
from datetime import date, timedelta

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incident_wizard import sealed
from incident_wizard.application.exports import write_incident_documents, write_register
from incident_wizard.application.sample import build_sample
from incident_wizard.application.session import IncidentSession
from incident_wizard.application.view import unjournaled_view
from incident_wizard.cli import main
from incident_wizard.documents import content
from incident_wizard.documents.templates import Renderer
from incident_wizard.domain.clock import paris_to_utc
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.storage import Storage

from .conftest import utc

PROCEDURE = load_procedure()


def docx_text(path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def assert_valid_pdf(path) -> None:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


@pytest.fixture
def sample(storage):
    return build_sample(storage, PROCEDURE)


def by_name(result, suffix):
    return next(p for p in result.files if p.name.endswith(suffix))


def test_cnil_draft_has_every_form_field_in_order(storage, sample, tmp_path):
    result = write_incident_documents(storage, PROCEDURE, sample, tmp_path)
    text = docx_text(by_name(result, "notification-cnil.docx"))
    incident = storage.load_incident(sample)
    sections = content.cnil_sections(unjournaled_view(incident, PROCEDURE), PROCEDURE, "complementary")
    position = 0
    for section in sections:
        title = f"{section.number}. {section.title}"
        found = text.find(title, position)
        assert found >= 0, f"section missing or out of order: {title}"
        position = found
        for f in section.fields:
            assert f.label in text, f.label
    assert "Notification complémentaire" in text
    assert "Référence de la notification initiale | EXEMPLE-2026-001" in text
    assert "Prise de connaissance | vendredi 23 octobre 2026 à 10 h 00" in text
    assert "Échéance des 72 heures | lundi 26 octobre 2026 à 09 h 00" in text
    assert "Annexe : chronologie des actions" in text
    assert "24/10/2026 13:11 | + 27 h 11 min | Notification CNIL enregistrée | EXEMPLE-2026-001" in text
    assert_valid_pdf(by_name(result, "notification-cnil.pdf"))


def test_unanswered_fields_say_so_and_initial_kind(storage, tmp_path):
    ref = storage.create_incident(title="Incomplet").reference
    result = write_incident_documents(storage, PROCEDURE, ref, tmp_path)
    text = docx_text(by_name(result, "notification-cnil.docx"))
    assert "Notification initiale" in text
    assert "Prise de connaissance | Non renseigné — à compléter" in text
    assert "délai de 72 heures ne peut pas être calculé" in text


def test_late_notification_draft_gives_reasons(storage, tmp_path):
    ref = storage.create_incident(at=utc(2026, 10, 1)).reference
    session = IncidentSession(storage, PROCEDURE, ref, now=lambda: utc(2026, 10, 6))
    session.set_value("dates.awareness_at", utc(2026, 10, 1, 8))
    session.record_notification("initial", utc(2026, 10, 5, 8), "N-1", "Week-end prolongé")
    result = write_incident_documents(storage, PROCEDURE, ref, tmp_path, now=utc(2026, 10, 6))
    text = docx_text(by_name(result, "notification-cnil.docx"))
    assert "Raisons du retard de notification | Week-end prolongé" in text
    assert "en retard de 24 h 00 min" in text


def test_letter_has_the_four_art34_elements_and_no_health_details(storage, tmp_path):
    ref = build_sample(storage, PROCEDURE)
    session = IncidentSession(storage, PROCEDURE, ref)
    session.reopen()
    session.set_value("qualification.circumstances", "Ordonnances d'insuline et traitement VIH exposés")
    session.set_value("discovery.description", "Diagnostic de diabète visible")
    result = write_incident_documents(storage, PROCEDURE, ref, tmp_path)
    letter = docx_text(by_name(result, "courrier-personnes.docx"))
    email = by_name(result, "courriel-personnes.txt").read_text(encoding="utf-8")
    notice = docx_text(by_name(result, "affiche-communication-publique.docx"))
    for text in (letter, email, notice):
        assert "consultées ou copiées" in text  # nature
        assert "hameçonnage" in text.lower() or "Méfiez-vous" in text  # consequences / advice
        assert "Nous avons isolé du réseau" in text  # measures taken (a ticked action)
        assert "Poste réinstallé" not in text  # never the typed measures
        assert "04 00 00 00 00" in text.replace("\u00a0", " ")  # contact point (kept whole)
        for sensitive in ("insuline", "VIH", "diabète"):
            assert sensitive not in text
    assert "Claire Martin" in letter and "CNIL" in letter
    sms = by_name(result, "sms-personnes.txt").read_text(encoding="utf-8")
    assert len(sms) <= 480 and "04 00 00 00 00" in sms


def test_register_csv_for_french_excel_with_reasons(storage, tmp_path):
    notified = build_sample(storage, PROCEDURE)
    ref = storage.create_incident(at=utc(2026, 11, 2)).reference
    s = IncidentSession(storage, PROCEDURE, ref, now=lambda: utc(2026, 11, 2, 12))
    s.set_value("title", "Courrier au mauvais médecin")
    s.set_value("dates.awareness_at", utc(2026, 11, 2, 9))
    s.set_value("discovery.how_discovered", "tiers")
    s.choose_scenario("erreur-envoi")
    s.set_value("scope.person_categories", ["patients"])
    s.set_value("scope.persons_count", 1)
    s.set_value("scope.data_categories", ["etat-civil"])
    s.set_risk_answer("ei", "maximale")
    s.set_risk_answer("c_recipients", "trusted-confirmed")  # EDPB 01/2021 case 09: register only
    s.decide("notify_cnil", "Le patient s'est plaint")  # override: recommended is register only
    result = write_register(storage, PROCEDURE, tmp_path)
    csv_path = by_name(result, ".csv")
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    header = rows[0]
    assert header[0] == "Référence" and "Justification de la décision" in header
    records = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert set(records) == {notified, ref}
    assert records[ref]["Décision"] == "Notification à la CNIL"
    assert records[ref]["Décision différente de la recommandation"] == "Oui"
    assert records[ref]["Justification de la décision"] == "Le patient s'est plaint"
    assert records[notified]["Notification CNIL (date, type, référence)"].endswith("EXEMPLE-2026-001")
    document = Document(str(by_name(result, ".docx")))
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    assert "Le patient s'est plaint" in docx_text(by_name(result, ".docx"))
    assert_valid_pdf(by_name(result, ".pdf"))


def test_register_keeps_not_notified_breaches_with_their_reason(storage, tmp_path):
    ref = storage.create_incident(at=utc(2026, 11, 2)).reference
    s = IncidentSession(storage, PROCEDURE, ref, now=lambda: utc(2026, 11, 2, 12))
    for path, value in (("title", "Clé USB chiffrée perdue"), ("dates.awareness_at", utc(2026, 11, 2, 9)),
                        ("discovery.how_discovered", "constat-interne"),
                        ("scope.person_categories", ["patients"]), ("scope.persons_count", 30),
                        ("scope.data_categories", ["etat-civil", "sante"])):
        s.set_value(path, value)
    s.choose_scenario("vol-perte-appareil")
    for q, a in (("encrypted", "yes"), ("malicious", "no"), ("integrity", "none"),
                 ("availability", "none"), ("a_restore", "hours"), ("a_care", "none")):
        s.set_risk_answer(q, a)
    s.decide("register_only", "")
    result = write_register(storage, PROCEDURE, tmp_path, pdf=False)
    text = docx_text(by_name(result, ".docx"))
    assert "Inscription au registre interne uniquement" in text
    assert "inintelligibles" in text


def test_register_filtered_by_period(storage, tmp_path):
    for day in (1, 15, 28):
        ref = storage.create_incident(at=utc(2026, 2, day, 12)).reference
        s = IncidentSession(storage, PROCEDURE, ref, now=lambda: utc(2026, 3, 1))
        s.set_value("dates.awareness_at", utc(2026, 2, day, 10))
    result = write_register(storage, PROCEDURE, tmp_path, start=date(2026, 2, 10),
                            end=date(2026, 2, 20), pdf=False)
    lines = by_name(result, ".csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2 and "15/02/2026" in lines[1]
    assert by_name(result, ".csv").name == "registre-violations-2026-02-10_2026-02-20.csv"


def test_every_export_is_journaled_with_the_file_hash(storage, sample, tmp_path):
    result = write_incident_documents(storage, PROCEDURE, sample, tmp_path)
    exported = [e for e in storage.journal(sample) if e.action == "document_exported"]
    assert {e.details["file"] for e in exported} == {p.name for p in result.files}
    for entry in exported:
        digest = hashlib.sha256((tmp_path / entry.details["file"]).read_bytes()).hexdigest()
        assert entry.details["sha256"] == digest
    assert storage.verify_journal(sample).ok


def test_a_register_export_is_one_register_level_entry(storage, sample, tmp_path):
    """Issue 22: exporting the register adds one entry to the register's export log (its files,
    their SHA-256, the journal heads it covers), not one journal entry per incident."""
    other = storage.create_incident(title="Second").reference
    heads = {ref: storage.journal_head(ref) for ref in (sample, other)}
    result = write_register(storage, PROCEDURE, tmp_path, pdf=False)
    assert {ref: storage.journal_head(ref) for ref in (sample, other)} == heads  # journals untouched
    (entry,) = storage.register_log.entries()
    assert entry["kind"] == "register" and entry["incidents"] == 2
    assert {f["file"]: f["sha256"] for f in entry["files"]} == {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in result.files}
    lines = sorted(f"{ref}\t{head}\t{count}" for ref, (head, count) in heads.items())
    assert entry["heads"] == hashlib.sha256("\n".join(lines).encode()).hexdigest()
    write_register(storage, PROCEDURE, tmp_path / "again", pdf=False)
    assert len(storage.register_log.entries()) == 2


# --- any text a user can type ------------------------------------------------------------------

nasty = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300) | st.sampled_from([
    "\x00\x01\x02\x0b\x0c\x1f", "😀🚑💊 ‮RTL‬ العربية עברית", "<b>&amp;</b>{{ 7*7 }}{% if %}",
    "\ud800 lone surrogate", "\ufffe\uffff", "line1\nline2\r\nline3\tTab"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=nasty)
def test_any_text_gives_valid_docx_and_pdf(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("nasty")
    with Storage.open(folder / "data") as storage:
        storage.save_profile(content_org(text))
        ref = storage.create_incident(title=text).reference
        s = IncidentSession(storage, PROCEDURE, ref)
        for path in ("discovery.description", "qualification.circumstances", "measures.remedy",
                     "measures.mitigation", "information.justification", "consequences.description"):
            s.set_value(path, text)
        s.choose_scenario("rancongiciel")
        result = write_incident_documents(storage, PROCEDURE, ref, folder / "out", include_unneeded=True)
        register = write_register(storage, PROCEDURE, folder / "out")
        for path in result.files + register.files:
            if path.suffix == ".docx":
                Document(str(path))
            elif path.suffix == ".pdf":
                assert_valid_pdf(path)
        sms = next(p for p in result.files if p.name.endswith("sms-personnes.txt"))
        assert len(sms.read_text(encoding="utf-8")) <= 480


def content_org(text):
    from incident_wizard.domain.model import Contact, Organisation

    return Organisation(name=text, siret="73282932000074", address=text,
                        contact=Contact(name=text, phone=text, email="a@b.fr"))


def test_one_megabyte_paste_is_refused_and_the_largest_text_gives_valid_files(storage, tmp_path):
    from incident_wizard.domain.errors import ValidationError
    from incident_wizard.domain.validation import MAX_TEXT

    ref = storage.create_incident(title="Gros collage").reference
    s = IncidentSession(storage, PROCEDURE, ref)
    big = ("Texte collé très long 😀 \x07 " * 40_000)[:1_000_000]
    with pytest.raises(ValidationError, match="au-delà de la limite"):
        s.set_value("qualification.circumstances", big)
    assert storage.load_incident(ref).qualification.circumstances == ""  # nothing stored
    s.set_value("qualification.circumstances", big[:MAX_TEXT])
    s.set_value("measures.remedy", big[:MAX_TEXT])
    result = write_incident_documents(storage, PROCEDURE, ref, tmp_path)
    text = docx_text(by_name(result, "notification-cnil.docx"))
    assert "Texte collé très long" in text and "\x07" not in text
    assert len(text) > 2 * MAX_TEXT - 100  # the Word document keeps every character
    assert_valid_pdf(by_name(result, "notification-cnil.pdf"))


# --- user templates ----------------------------------------------------------------------------


def test_user_template_is_used(storage, sample, tmp_path):
    user = tmp_path / "templates"
    user.mkdir()
    (user / "letter.html").write_text("<p>Courrier maison de {{ c.pharmacy }}</p>", encoding="utf-8")
    renderer = Renderer(user_dir=user)
    result = write_incident_documents(storage, PROCEDURE, sample, tmp_path / "out", renderer=renderer)
    assert docx_text(by_name(result, "courrier-personnes.docx")).strip() == \
        "Courrier maison de Pharmacie Exemple des Tilleuls"
    assert result.warnings == []


@pytest.mark.parametrize("source", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ c.__class__.__init__.__globals__ }}",
    "{% for x in range(10**9) %}{% endfor %}{{ cycler.__init__.__globals__.os }}",
    "{{ c.pharmacy.format.__globals__ }}",
])
def test_sandbox_refuses_python_internals_and_falls_back(storage, sample, tmp_path, source):
    user = tmp_path / "templates"
    user.mkdir()
    (user / "letter.html").write_text(source, encoding="utf-8")
    renderer = Renderer(user_dir=user)
    result = write_incident_documents(storage, PROCEDURE, sample, tmp_path / "out", renderer=renderer,
                                      pdf=False)
    assert any("« letter.html »" in w and "modèle intégré" in w for w in result.warnings)
    assert "Ce que nous avons fait" in docx_text(by_name(result, "courrier-personnes.docx"))


def test_broken_user_template_is_named_and_replaced(storage, sample, tmp_path):
    user = tmp_path / "templates"
    user.mkdir()
    (user / "cnil_notification.html").write_text("{% for %}", encoding="utf-8")
    renderer = Renderer(user_dir=user)
    result = write_incident_documents(storage, PROCEDURE, sample, tmp_path / "out", renderer=renderer,
                                      pdf=False)
    assert result.warnings and "cnil_notification.html" in result.warnings[0]
    assert "1. Type de notification" in docx_text(by_name(result, "notification-cnil.docx"))


# --- CLI ---------------------------------------------------------------------------------------


def test_documents_command_from_reference_and_from_file(storage, sample, tmp_path, capsys):
    assert main(["documents", sample, "--out", str(tmp_path / "a"), "--no-pdf"]) == 0
    assert (tmp_path / "a" / f"{sample}-notification-cnil.docx").exists()
    path = tmp_path / "incident.json"
    sealed.write_incident_file(path, storage.load_incident(sample), storage.journal(sample), utc(2026, 11, 1), "t")
    before = len(storage.journal(sample))
    assert main(["documents", str(path), "--out", str(tmp_path / "b"), "--no-pdf"]) == 0
    assert (tmp_path / "b" / f"{sample}-courrier-personnes.docx").exists()
    assert len(storage.journal(sample)) == before  # the user's database is not touched


def test_register_command_and_bad_dates(storage, sample, tmp_path, capsys):
    assert main(["register", "--out", str(tmp_path), "--from", "2026-10-01", "--to", "31/10/2026"]) == 0
    assert (tmp_path / "registre-violations-2026-10-01_2026-10-31.csv").exists()
    assert main(["register", "--out", str(tmp_path), "--from", "hier"]) == 2
    assert "AAAA-MM-JJ" in capsys.readouterr().err
    assert main(["register", "--out", str(tmp_path), "--from", "2026-12-01", "--to", "2026-01-01"]) == 2


def test_documents_command_rejects_unknown_reference(capsys, tmp_path):
    assert main(["documents", "VDP-2099-999", "--out", str(tmp_path)]) == 2
    assert "Aucun incident" in capsys.readouterr().err


def test_sample_incident_times_are_paris_times():
    assert paris_to_utc.__module__.endswith("clock")
    assert timedelta(hours=72)


def test_inspection_folder_has_register_documents_attachments_and_verifiable_journals(storage, tmp_path):
    from incident_wizard.application.exports import write_inspection

    ref = build_sample(storage, PROCEDURE)
    pdf = tmp_path / "recap.pdf"
    pdf.write_bytes(b"%PDF-1.4 recap\n%%EOF")
    IncidentSession(storage, PROCEDURE, ref).add_attachment(pdf, "recapitulatif-cnil")
    out = tmp_path / "controle"
    assert main(["inspection", "--out", str(out), "--from", "2026-10-01", "--to", "2026-10-31"]) == 0
    index = (out / "LISEZ-MOI.txt").read_text(encoding="utf-8")
    assert ref in index and "intact" in index
    assert (out / "registre-violations-2026-10-01_2026-10-31.csv").exists()
    folder = out / ref
    assert (folder / f"{ref}-notification-cnil.pdf").exists()
    assert (folder / "piece-jointe-recap.pdf").read_bytes() == pdf.read_bytes()
    journal_file = folder / f"{ref}-incident-et-journal.json"
    assert main(["--data-dir", str(tmp_path / "verif"), "import-incident", str(journal_file)]) == 0
    assert main(["--data-dir", str(tmp_path / "verif"), "verify-journal", ref]) == 0
    assert write_inspection  # the GUI uses the same function


@pytest.mark.posix("POSIX permissions (Windows: tests/test_windows.py)")
def test_exported_files_are_private_to_the_user(storage, sample, tmp_path):
    import stat

    result = write_incident_documents(storage, PROCEDURE, sample, tmp_path / "d", pdf=False)
    result.files += write_register(storage, PROCEDURE, tmp_path / "r", pdf=False).files
    path = tmp_path / "incident.json"
    assert main(["export-incident", sample, str(path)]) == 0
    for file in result.files + [path]:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name


def test_sms_mentions_the_cnil_only_once_notified(storage, tmp_path):
    from incident_wizard.documents.content import sms_text

    ref = storage.create_incident().reference
    incident = storage.load_incident(ref)
    assert "CNIL" not in sms_text(incident, PROCEDURE)
    from incident_wizard.domain.model import CnilNotification

    incident.notifications.append(CnilNotification(submitted_at=utc(2026, 1, 1), reference="N"))
    assert "prévenu la CNIL" in sms_text(incident, PROCEDURE)
    # No unsupported claim that the measures taken were "the necessary ones" (issue 24).
    assert "mesures nécessaires" not in sms_text(incident, PROCEDURE)
    assert "Nous avons pris des mesures" in sms_text(incident, PROCEDURE)


def test_one_register_model_for_csv_word_and_pdf(storage, tmp_path):
    """The CSV and the Word register show the same columns (issue 12: the Word register lacked
    two of the CSV's), including the facts' description, the discovery, the measures in place
    before, the lessons learned, who recorded the decision, and full SHA-256 fingerprints."""
    ref = build_sample(storage, PROCEDURE)
    incident = storage.load_incident(ref)
    incident.measures.lessons_learned = "Tester la restauration chaque mois."
    storage.save_incident(incident)
    storage.add_attachment(storage.load_incident(ref), "recu-cnil.pdf", b"%PDF-1.4 recu", "cnil_receipt")
    head, _ = storage.journal_head(ref)  # the register prints the head it was made from
    result = write_register(storage, PROCEDURE, tmp_path, pdf=False)
    rows = list(csv.reader(by_name(result, ".csv").read_text(encoding="utf-8-sig").splitlines(),
                           delimiter=";"))
    header, record = rows[0], dict(zip(rows[0], rows[1], strict=True))
    for label in ("Description des faits", "Découverte (comment, par qui)",
                  "Mesures en place avant la violation", "Leçons tirées",
                  "Décision enregistrée (date, par)", "Traitement transfrontalier",
                  "Autres organismes informés (date, référence, note)"):
        assert label in header
    assert record["Leçons tirées"] == "Tester la restauration chaque mois."
    assert record["Mesures en place avant la violation"] == "Sauvegarde quotidienne sur disque externe."
    assert hashlib.sha256(b"%PDF-1.4 recu").hexdigest() in record["Pièces jointes (empreinte SHA-256)"]
    assert head in record["Empreinte du journal (entrées, SHA-256)"]
    word = docx_text(by_name(result, ".docx"))
    for label, value in record.items():
        if value:
            assert f"{label} : " in word, label
            assert value.splitlines()[0][:40] in word, label


def test_register_csv_cells_never_run_as_formulas(storage, tmp_path):
    ref = storage.create_incident().reference
    s = IncidentSession(storage, PROCEDURE, ref)
    s.set_value("title", '=HYPERLINK("http://exemple.invalid";"ouvrir")')
    s.set_value("measures.remedy", "@SUM(1+1)")
    s.set_value("measures.prevention", "+33 cmd")
    result = write_register(storage, PROCEDURE, tmp_path, pdf=False)
    rows = list(csv.reader(by_name(result, ".csv").read_text(encoding="utf-8-sig").splitlines(),
                           delimiter=";"))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Intitulé"] == "'" + '=HYPERLINK("http://exemple.invalid";"ouvrir")'
    assert record["Mesures de remédiation"] == "'@SUM(1+1)"
    assert record["Mesures de prévention"] == "'+33 cmd"
    assert record["Référence"] == ref  # ordinary cells untouched


def test_word_documents_are_a4_and_french(storage, sample, tmp_path):
    from docx.oxml.ns import qn
    from docx.shared import Mm

    result = write_incident_documents(storage, PROCEDURE, sample, tmp_path, pdf=False)
    register = write_register(storage, PROCEDURE, tmp_path / "reg", pdf=False)
    for path, size in ((by_name(result, "notification-cnil.docx"), (210, 297)),
                       (by_name(register, ".docx"), (297, 210))):
        document = Document(str(path))
        section = document.sections[0]
        assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == size
        lang = document.styles.element.find(qn("w:docDefaults")).find(
            qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
        assert lang.get(qn("w:val")) == "fr-FR"


def test_cnil_draft_prints_what_the_app_knows_beyond_the_form_minimum(storage, sample, tmp_path):
    """Issue 12 (EDPB draft common template): exposure, encryption, integrity and availability
    details from the risk step, the reasons kept with the decision, the text sent to the persons,
    other bodies with their references, and the attachments."""
    incident = storage.load_incident(sample)
    sections = {s.number: {f.label: f.value for f in s.fields}
                for s in content.cnil_sections(unjournaled_view(incident, PROCEDURE), PROCEDURE, "complementary")}
    nature = sections[4]
    exposure = next(q for q in PROCEDURE.all_risk_questions() if q.id == "c_recipients")
    assert nature[exposure.question] == exposure.get(incident.risk.answers["c_recipients"]).label
    assert sections[8]["Raisons de la décision"] == "\n".join(incident.decision.basis.reasons)
    assert sections[8]["Raisons de la décision"]
    assert "courrier-personnes" in sections[10]["Texte adressé aux personnes"]
    complaint = next(f for f in sections[12] if f.startswith("Plainte"))
    assert "référence PV 2026/EXEMPLE-0042" in sections[12][complaint]


def test_bidi_controls_are_neutralised_in_documents(storage, tmp_path):
    """A pasted right-to-left override (U+202E) would show a reference or an amount backwards
    ("Trojan Source", CVE-2021-42574): documents print U+FFFD in its place."""
    ref = storage.create_incident().reference
    s = IncidentSession(storage, PROCEDURE, ref)
    s.set_value("title", "Facture \u202e0042-FR\u202c")
    result = write_incident_documents(storage, PROCEDURE, ref, tmp_path, pdf=False)
    text = docx_text(by_name(result, "notification-cnil.docx")) + docx_text(by_name(result, "fiche-registre.docx"))
    assert "\u202e" not in text and "\u202c" not in text
    assert "Facture \ufffd0042-FR\ufffd" in text


def test_word_tables_carry_their_column_grid(storage, sample, tmp_path):
    """LibreOffice reads a table's grid (w:gridCol), Word its cells' widths: both are set."""
    from docx.oxml.ns import qn
    from docx.shared import Cm

    register = write_register(storage, PROCEDURE, tmp_path, pdf=False)
    table = Document(str(by_name(register, ".docx"))).tables[0]
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    # Issue 23: the columns are sized from their text, within the landscape page, none narrower
    # than a long word in bold; the decision and its reasons take more room than the reference.
    assert len(grid) == 9
    assert abs(sum(grid) - Cm(27) / 635) <= Cm(0.5) / 635  # widths rounded to 1 mm each
    assert min(grid) >= round(Cm(1.9) / 635)
    headings = [c.text for c in table.rows[0].cells]
    assert grid[headings.index("Décision et raisons")] > grid[headings.index("Référence")]
    cell_widths = [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in table.rows[0]._tr.tc_lst]
    assert cell_widths == grid  # Word reads the cells', LibreOffice the grid's: the same


def test_a_template_is_compiled_once_for_word_and_pdf(storage, sample, tmp_path, monkeypatch):
    """Issue 12: the Word and the PDF renderings of a document share one compiled template
    (the PDF's text limit is a rendering variable), and the PDF still cuts a huge text."""
    from incident_wizard.documents import templates

    templates._builtin.cache_clear()
    compiled = []
    real = templates._environment

    def counting(autoescape):
        environment = real(autoescape)
        original = environment.from_string
        environment.from_string = lambda source: (compiled.append(source[:40]), original(source))[1]
        return environment

    monkeypatch.setattr(templates, "_environment", counting)
    write_incident_documents(storage, PROCEDURE, sample, tmp_path)
    templates._builtin.cache_clear()
    assert len(compiled) == len(set(compiled)) == 5  # draft, letter, e-mail, notice, register sheet


def test_pdfs_cut_a_huge_text_and_word_keeps_it(storage, tmp_path, monkeypatch):
    from incident_wizard.documents import export

    ref = storage.create_incident().reference
    IncidentSession(storage, PROCEDURE, ref).set_value("discovery.description", "x" * 30_000)
    pdf_html = []
    monkeypatch.setattr(export, "write_pdf", lambda html, path, *a, **k: (pdf_html.append(html),
                                                                          path.write_bytes(b"%PDF")))
    result = write_incident_documents(storage, PROCEDURE, ref, tmp_path)
    assert "texte coupé dans le PDF : 30\u202f000 caractères au total" in pdf_html[0]
    assert "x" * 20_001 not in pdf_html[0]
    assert "x" * 30_000 in docx_text(by_name(result, "notification-cnil.docx"))


def test_one_risk_assessment_per_export(storage, sample, tmp_path, monkeypatch):
    """Issue 12: every document of an export reads the same assessment (computed once)."""
    from incident_wizard.application import view

    calls = []
    real = view.assess
    monkeypatch.setattr(view, "assess", lambda *a, **k: (calls.append(1), real(*a, **k))[1])
    write_incident_documents(storage, PROCEDURE, sample, tmp_path, pdf=False)
    assert len(calls) == 1
