"""Issue 23: the inspection folder holds the texts as sent; a template saved by a word
processor is refused with a French warning; review.html is copied; a lone surrogate in the
journal's actor does not break the documents; long words break at a syllable."""

from __future__ import annotations

import hashlib

from incident_wizard.application.exports import write_incident_documents, write_inspection
from incident_wizard.application.sample import build_sample
from incident_wizard.documents.templates import Renderer, copy_builtin_templates
from incident_wizard.documents.texts import soft_hyphens
from incident_wizard.domain.procedure import load_procedure

from .conftest import utc
from .test_documents import docx_text

PROCEDURE = load_procedure()


def test_inspection_gives_the_letters_as_sent_not_regenerated(storage, tmp_path):
    ref = build_sample(storage, PROCEDURE)
    sent_on = utc(2026, 10, 24, 9)  # the sample's persons were informed on 24/10/2026
    first = write_incident_documents(storage, PROCEDURE, ref, tmp_path / "sent", now=sent_on, pdf=False)
    letter = next(p for p in first.files if p.name.endswith("courrier-personnes.docx"))
    sent_bytes = letter.read_bytes()
    # Weeks later: the facts change, the documents are exported again, then the inspection.
    incident = storage.load_incident(ref)
    incident.organisation.name = "Pharmacie renommée"
    storage.save_incident(incident)
    write_incident_documents(storage, PROCEDURE, ref, tmp_path / "later", now=utc(2026, 11, 20), pdf=False)
    result = write_inspection(storage, PROCEDURE, tmp_path / "inspection", now=utc(2026, 12, 1))
    copy = next(p for p in result.files if p.parent.name == "textes-envoyes"
                and p.name.endswith("courrier-personnes.docx"))
    assert copy.read_bytes() == sent_bytes  # byte for byte what was sent
    text = docx_text(copy)
    assert "Le samedi 24 octobre 2026" in text and "Pharmacie renommée" not in text
    index = (tmp_path / "inspection" / "LISEZ-MOI.txt").read_text(encoding="utf-8")
    assert hashlib.sha256(sent_bytes).hexdigest() in index
    assert "tels qu'envoyés" in index
    # The journal holds the same SHA-256 for that export.
    assert any(e.details.get("sha256") == hashlib.sha256(sent_bytes).hexdigest()
               for e in storage.journal(ref))
    # No letter dated the inspection day anywhere in the folder.
    for path in result.files:
        if path.suffix == ".docx" and "personnes" in path.name:
            assert "1 décembre 2026" not in docx_text(path)


def test_inspection_without_a_kept_copy_says_the_texts_are_reconstituted(storage, tmp_path):
    ref = build_sample(storage, PROCEDURE)
    result = write_inspection(storage, PROCEDURE, tmp_path / "inspection", now=utc(2026, 12, 1))
    letters = [p for p in result.files if p.name.endswith("courrier-personnes.docx")]
    assert letters and all(p.parent.name == "textes-reconstitues" for p in letters)
    assert "Le samedi 24 octobre 2026" in docx_text(letters[0])  # dated the information day
    index = (tmp_path / "inspection" / "LISEZ-MOI.txt").read_text(encoding="utf-8")
    assert "aucune copie conservée de l'envoi" in index
    assert ref in index


LIBREOFFICE_SAVED = """<!DOCTYPE html>
<html><head><meta name="generator" content="LibreOffice 7.4.7.2 (Linux)"/>
<style type="text/css">p { line-height: 115%; margin-bottom: 0.1in }</style></head>
<body lang="fr-FR"><pre>&lt;p&gt;&lt;strong&gt;{{ c.pharmacy }}&lt;/strong&gt;&lt;/p&gt;</pre></body></html>
"""


def test_a_template_saved_by_libreoffice_is_refused_with_a_french_warning(storage, tmp_path):
    ref = build_sample(storage, PROCEDURE)
    user = tmp_path / "templates"
    user.mkdir()
    (user / "letter.html").write_text(LIBREOFFICE_SAVED, encoding="utf-8")
    with Renderer(user_dir=user) as renderer:
        result = write_incident_documents(storage, PROCEDURE, ref, tmp_path / "out", pdf=False,
                                          renderer=renderer)
    letter = docx_text(next(p for p in result.files if p.name.endswith("courrier-personnes.docx")))
    assert "<p>" not in letter and "line-height" not in letter and "&lt;" not in letter
    assert "Ce que nous avons fait" in letter  # the built-in letter
    warning = " ".join(result.warnings)
    assert "« letter.html »" in warning and "traitement de texte" in warning
    assert "modèle intégré a été utilisé" in warning


def test_review_template_and_a_readme_are_copied(tmp_path):
    target = copy_builtin_templates(tmp_path / "t")
    assert (target / "review.html").is_file()
    assert "éditeur de texte" in (target / "LISEZ-MOI.txt").read_text(encoding="utf-8")


def test_a_lone_surrogate_in_the_actor_does_not_break_the_documents(storage, tmp_path):
    ref = build_sample(storage, PROCEDURE)
    incident = storage.load_incident(ref)
    incident.title = "Titre changé"
    storage.save_incident(incident, actor="Marie \ud800 Dupont")
    storage.append_journal(ref, "document_exported", {"file": "x", "document": "letter"},
                           actor="\udcff")
    result = write_incident_documents(storage, PROCEDURE, ref, tmp_path / "out",
                                      actor="Jean \udc80", pdf=True)
    assert result.files
    assert storage.verify_journal(ref).ok


def test_long_words_break_at_a_syllable_with_a_hyphen():
    shy = "\u00ad"
    assert soft_hyphens("Après la prise de connaissance") == f"Après la prise de connais{shy}sance"
    assert soft_hyphens("transfrontalier").replace(shy, "-") == "trans-fron-ta-lier"
    assert soft_hyphens("d'enregistrements").replace(shy, "-") == "d'enre-gis-tre-ments"
    assert soft_hyphens("court mot") == "court mot"


def test_the_copy_sheet_copies_no_long_french_date(storage):
    """The CNIL's web form wants JJ/MM/AAAA HH:MM, also for a date inside a sentence (the
    persons informed on…, another body contacted on…)."""
    import re

    from incident_wizard.application.session import IncidentSession

    ref = build_sample(storage, PROCEDURE)
    sections = IncidentSession(storage, PROCEDURE, ref).copy_sheet()
    copies = [f.to_copy for s in sections for f in s.fields]
    weekday = re.compile(r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b")
    assert not [c for c in copies if weekday.search(c)]
    assert any("Personnes informées le 24/10/2026" in c for c in copies)
    assert any(re.search(r"fait le \d\d/\d\d/\d{4} \d\d:\d\d", c) for c in copies)
