"""Texts sent to the persons never print what the pharmacist typed (issues 12 and 23): they are
built from reviewed phrases chosen by the facts; the guard still warns under the fields."""

from __future__ import annotations

import pytest

from incident_wizard.application.exports import write_incident_documents
from incident_wizard.application.sample import build_sample
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.domain.validation import find_identifiers

from .test_documents import by_name, docx_text

PROCEDURE = load_procedure()


# Each case: text, what the guard must find (kind) or None. Sources: the NIR's layout (13 digits
# and a 2-digit key, Corsica 2A/2B) is INSEE's (insee.fr, "numéro d'inscription au répertoire");
# French numbering (10 digits from 0, +33 without the 0) is ARCEP's national numbering plan.
GUARD_CASES = [
    ("NIR 1 85 05 78 006 084 91 du patient", "nir"),  # valid key
    ("NIR 1 85 05 78 006 084 36", "nir"),  # wrong key: still an identifier for the guard
    ("2690599350123", "nir"),  # 13 digits, no key
    ("269052A00400155", "nir"),  # Corsica
    ("1.85.05.78.006.084.91", "nir"),
    ("écrire à marie.curie@example.fr", "email"),
    ("rappeler le 06 12 34 56 78", "phone"),
    ("rappeler le +33 6 12 34 56 78", "phone"),
    ("rappeler le 0612345678", "phone"),
    ("commande 12345 du 03/10/2026", None),
    ("référence CNIL 2026-0042", None),
    ("sauvegarde restaurée le 12/11 à 14 h 30", None),
]


@pytest.mark.parametrize("text, kind", GUARD_CASES)
def test_the_guard_finds_identifiers(text, kind):
    found = find_identifiers(text)
    assert [k for k, _ in found][:1] == ([kind] if kind else [])


def test_the_pharmacy_own_contact_is_not_an_identifier():
    assert find_identifiers("contactez-nous au 01 23 45 67 89 ou contact@pharmacie.fr",
                            ("+33 1 23 45 67 89", "Contact@Pharmacie.fr")) == []


@pytest.mark.parametrize("typed", ["Dossier de Mme X, NIR 2 69 05 99 350 123 45, rappelée.",
                                   "Patient rappelé au 06 98 76 54 32.",
                                   "Réponse envoyée à jean.dupont@example.org",
                                   "Mme Durand prévenue, son traitement VIH sera renouvelé.",
                                   "Le patient concerné sera prévenu."])
def test_typed_measures_never_reach_the_patient_texts(storage, tmp_path, typed):
    """Issue 23: a name, a diagnosis, a treatment typed in either measures field is never
    printed for a patient (the guard cannot recognise names and diagnoses: no free text goes)."""
    ref = build_sample(storage, PROCEDURE)
    incident = storage.load_incident(ref)
    incident.measures.mitigation = typed
    incident.measures.remedy = typed
    storage.save_incident(incident)
    result = write_incident_documents(storage, PROCEDURE, ref, tmp_path / "out", pdf=False)
    for name in ("courrier-personnes.docx", "affiche-communication-publique.docx"):
        text = docx_text(by_name(result, name))
        assert typed not in text and "Durand" not in text and "VIH" not in text, name
        assert "Nous avons isolé du réseau les ordinateurs touchés" in text  # a ticked action
    for name in ("courriel-personnes.txt", "sms-personnes.txt"):
        text = by_name(result, name).read_text(encoding="utf-8")
        assert typed not in text and "Durand" not in text and "VIH" not in text, name
    # The CNIL draft (not sent to the persons) keeps what was typed.
    assert typed in docx_text(by_name(result, "notification-cnil.docx"))


def test_the_preview_says_typed_measures_are_not_sent(storage):
    from incident_wizard.documents.content import communication

    ref = build_sample(storage, PROCEDURE)
    c = communication(storage.load_incident(ref), PROCEDURE)
    assert any("ne sont jamais repris dans les textes destinés aux personnes" in n
               for n in c["preview_notes"])
    assert c["withheld"] == []  # nothing to warn about at each export


def test_no_action_ticked_is_said_before_the_letter_is_sent(storage, tmp_path):
    ref = build_sample(storage, PROCEDURE)
    incident = storage.load_incident(ref)
    incident.checklist = {}
    incident.other_bodies.pop("plainte", None)
    storage.save_incident(incident)
    result = write_incident_documents(storage, PROCEDURE, ref, tmp_path / "out", pdf=False)
    letter = docx_text(by_name(result, "courrier-personnes.docx"))
    # Nothing recorded as done: no claim that "the necessary measures" were taken (issue 24).
    assert "Nous prenons des mesures pour mettre fin à l'incident" in letter
    assert "mesures nécessaires" not in letter
    assert any("Aucune action faite n'est cochée" in w for w in result.warnings)


def test_the_sample_letter_reads_as_proofread_french(storage, tmp_path):
    """The exact sentences of the sample's letter, proofread by hand (issues 12 and 23):
    addressed to "vous" throughout, the pharmacy named, no free text, no hash, no command."""
    from datetime import datetime

    from docx import Document

    from incident_wizard.domain.clock import paris_to_utc

    ref = build_sample(storage, PROCEDURE)
    now = paris_to_utc(datetime(2026, 10, 26, 10, 0))
    result = write_incident_documents(storage, PROCEDURE, ref, tmp_path / "out", now=now, pdf=False)
    paragraphs = [p.text for p in Document(str(by_name(result, "courrier-personnes.docx"))).paragraphs]
    assert paragraphs == [
        "Pharmacie Exemple des Tilleuls\n12 place du Marché 69000 Lyon",
        "Le lundi 26 octobre 2026",
        "Objet : information sur un incident de sécurité concernant vos données personnelles",
        "Madame, Monsieur,",
        "Pharmacie Exemple des Tilleuls vous informe qu'un incident de sécurité a touché vos "
        "données personnelles (nous en avons eu connaissance le vendredi 23 octobre 2026) : des "
        "informations vous concernant ont pu être consultées ou copiées par des personnes non "
        "autorisées (nous ne savons pas encore si c'est le cas). Elles ont été temporairement "
        "inaccessibles ; leur restauration prend plusieurs jours. Les informations concernées "
        "sont : état civil, identité, numéro de sécurité sociale, données de santé, données "
        "d'assurance maladie et de complémentaire santé.",
        "Ce que cela peut entraîner pour vous",
        "Les conséquences possibles sont les suivantes : une perte de contrôle sur vos données, la "
        "perte de confidentialité d'informations relatives à votre santé, un retard de vos soins "
        "ou de la délivrance de vos médicaments, de faux messages utilisant vos données pour vous "
        "tromper (hameçonnage, escroquerie).",
        "Ce que nous avons fait",
        "Nous avons isolé du réseau les ordinateurs touchés pour arrêter l'attaque.",
        "Nous avons fait appel à l'éditeur de notre logiciel et à notre prestataire informatique.",
        "Nous avons vérifié nos sauvegardes.",
        "Nous avons déposé plainte.",
        "Nous avons notifié l'incident à la Commission nationale de l'informatique et des libertés (CNIL).",
        "Ce que nous vous conseillons",
        "Méfiez-vous des messages, appels ou SMS qui se réclameraient de la pharmacie, de "
        "l'Assurance maladie ou de votre mutuelle et vous demanderaient des informations "
        "personnelles, des codes ou un paiement : nous ne vous les demanderons jamais.",
        "Soyez attentif à tout courrier ou démarche que vous n'auriez pas faits (ouverture de "
        "compte, abonnement, remboursement) et signalez-le à l'organisme concerné.",
        "Si un renouvellement de traitement est proche, venez à la pharmacie avec votre "
        "ordonnance : nous organisons la délivrance.",
        "Pour toute question",
        "Vous pouvez contacter votre interlocuteur à la pharmacie, Claire Martin, au 04 00 00 00 00, "
        "ou par courriel à titulaire@exemple.fr. Vous pouvez aussi venir nous voir à la pharmacie. "
        "Vous disposez du droit d'introduire une réclamation auprès de la CNIL (www.cnil.fr).",
        "Nous vous prions de nous excuser pour cet incident et vous assurons de notre entière attention.",
        "Claire Martin\nPharmacienne titulaire\nPharmacie Exemple des Tilleuls",
    ]
    assert "leurs données" not in " ".join(paragraphs)


def test_high_risk_letter_without_consequences_says_to_complete_and_sms_never_alone(storage, tmp_path):
    ref = build_sample(storage, PROCEDURE)
    incident = storage.load_incident(ref)
    incident.consequences.kinds = []
    incident.information.channels = ["sms"]
    storage.save_incident(incident)
    result = write_incident_documents(storage, PROCEDURE, ref, tmp_path / "out", pdf=False)
    letter = docx_text(by_name(result, "courrier-personnes.docx"))
    assert "À compléter avant l'envoi : les conséquences probables" in letter
    assert "aucune conséquence" not in letter.lower() and "pas identifié de conséquence" not in letter
    warnings = " ".join(result.warnings)
    assert "article 34(2)" in warnings and "seul moyen d'information choisi est le SMS" in warnings
    sms = by_name(result, "sms-personnes.txt").read_text(encoding="utf-8")
    assert "courrier" not in sms  # no letter is promised when none is sent


def test_the_email_has_its_paragraphs(storage, tmp_path):
    ref = build_sample(storage, PROCEDURE)
    result = write_incident_documents(storage, PROCEDURE, ref, tmp_path / "out", pdf=False)
    email = by_name(result, "courriel-personnes.txt").read_text(encoding="utf-8")
    paragraphs = email.split("\n\n")
    starts = [p.split("\n")[0][:30] for p in paragraphs]
    assert starts[:3] == ["Objet : information sur un inc", "Madame, Monsieur,",
                          "Pharmacie Exemple des Tilleuls"]
    assert any(p.startswith("Ce que cela peut entraîner pour vous") for p in paragraphs)
    assert any(p.startswith("Ce que nous avons fait :\n- ") for p in paragraphs)
    assert any(p.startswith("Ce que nous vous conseillons :\n- ") for p in paragraphs)
    assert any(p.startswith("Pour toute question") for p in paragraphs)


@pytest.mark.parametrize("text", ["NIR 2\u00a069\u00a005\u00a099\u00a0350\u00a0123\u00a045",
                                  "rappeler au 06\u202f12\u202f34\u202f56\u202f78",
                                  "tel 06  12  34  56  78", "NIR 2/69/05/99/350/123"])
def test_the_guard_reads_pasted_separators(text):
    """What a copy from Word, Outlook or the LGO gives: no-break or narrow spaces, doubled
    spaces, slashes (review of issue 12)."""
    assert find_identifiers(text)
