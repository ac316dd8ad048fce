"""Issue 23's table: six incidents, and the sentences each text to the persons and the CNIL
draft must (and must not) contain, written here by hand from the facts of each incident."""

from __future__ import annotations

import re

import pytest

from incident_wizard.application.exports import write_incident_documents
from incident_wizard.application.session import IncidentSession
from incident_wizard.domain.model import Contact, Organisation
from incident_wizard.domain.procedure import load_procedure

from .conftest import utc
from .test_documents import by_name, docx_text

PROCEDURE = load_procedure()
PHARMACY = "Pharmacie des Remparts"

# Never on a text a patient reads, whatever the incident (issue 23).
NEVER_FOR_PATIENTS = ["sera prévenu", "verify-journal", "incident-wizard", "Durand", "VIH",
                      "Journal Journal"]

CASES = {
    "prescription-wrong-patient": dict(
        title="Ordonnance envoyée par courriel au mauvais patient",
        scenario="erreur-envoi", data=["etat-civil", "sante"], count=1,
        answers={"c_recipients": "untrusted", "confidentiality": "known-untrusted"},
        ticked=["contacter-destinataire"], channels=["telephone", "courrier"],
        must=["transmises par erreur à une autre personne",
              "nous n'avons pas la confirmation qu'elle les a détruites",
              "Vous n'avez aucune démarche à faire",
              "Nous avons contacté la personne qui a reçu ces informations par erreur"],
        must_not=["Méfiez-vous", "hameçonnage", "temporairement inaccessibles", "perdues",
                  "copiées par des personnes non autorisées"]),
    "doctor-destroyed": dict(
        title="Compte rendu adressé au mauvais médecin, détruit",
        scenario="erreur-envoi", data=["etat-civil", "sante"], count=1,
        answers={"c_recipients": "trusted-confirmed", "confidentiality": "known-trusted"},
        ticked=["contacter-destinataire", "confirmation-ecrite"], channels=["courrier"],
        must=["professionnel de santé, tenu au secret professionnel, qui nous a confirmé les "
              "avoir détruites",
              "Cette personne nous a confirmé par écrit la destruction"],
        must_not=["Méfiez-vous", "temporairement inaccessibles", "autre personne"]),
    "ransomware-lgo-vendor": dict(
        title="Rançongiciel chez l'éditeur du LGO",
        scenario="sous-traitant", data=["etat-civil", "nir", "sante"], count=2400,
        nature=["confidentialite", "disponibilite"],
        answers={"c_recipients": "unknown", "confidentiality": "unknown",
                 "availability": "temporary", "a_restore": "days", "a_care": "disrupted"},
        ticked=["demander-analyse"], channels=["courrier", "communication-publique"],
        must=["ont pu être consultées ou copiées par des personnes non autorisées",
              "Elles ont été temporairement inaccessibles ; leur restauration prend plusieurs jours",
              "Méfiez-vous des messages", "Soyez attentif à tout courrier ou démarche",
              "Si un renouvellement de traitement est proche",
              "Nous avons demandé à notre prestataire son analyse écrite de l'incident."],
        must_not=["transmises par erreur", "intactes"]),
    "usb-key-intact": dict(
        title="Clé USB non chiffrée perdue (copie intacte au serveur)",
        scenario="vol-perte-appareil", data=["etat-civil", "sante"], count=40,
        answers={"encrypted": "no", "c_recipients": "out-of-control", "confidentiality": "none",
                 "availability": "none", "a_restore": "hours"},
        ticked=["changer-mots-de-passe"], channels=["courrier"],
        must=["un appareil (ordinateur, téléphone, clé USB ou disque) qui a été perdu ou volé",
              "rien n'indique qu'elles aient été consultées",
              "Elles sont intactes : nous en gardons une copie",
              "ne répondez pas et prévenez-nous",
              "Nous avons changé les mots de passe enregistrés sur l'appareil."],
        must_not=["temporairement inaccessibles", "ont été perdues", "Méfiez-vous",
                  "Si un renouvellement"]),
    "encrypted-laptop": dict(
        title="Ordinateur portable chiffré volé",
        scenario="vol-perte-appareil", data=["etat-civil", "sante"], count=300,
        answers={"encrypted": "yes", "c_recipients": "out-of-control", "confidentiality": "none",
                 "availability": "none"},
        ticked=["effacement-distance"], channels=["courriel"],
        must=["elles étaient chiffrées, donc illisibles pour qui n'a pas la clé",
              "vous n'avez aucune démarche à faire",
              "Nous avons lancé l'effacement à distance de l'appareil."],
        must_not=["Méfiez-vous", "temporairement inaccessibles", "ne répondez pas"]),
    "mailbox-phishing": dict(
        title="Hameçonnage de la messagerie de la pharmacie",
        scenario="hameconnage", data=["etat-civil", "coordonnees", "sante"], count=150,
        answers={"c_recipients": "copied", "confidentiality": "unknown-recipients"},
        ticked=["changer-mots-de-passe", "fermer-sessions"], channels=["courriel", "sms"],
        must=["ont été consultées ou copiées par des personnes non autorisées",
              "Méfiez-vous des messages", "Soyez attentif à tout courrier ou démarche",
              "Nous avons changé les mots de passe du compte touché."],
        must_not=["temporairement inaccessibles", "transmises par erreur", "intactes"]),
}


def build(storage, case: dict) -> str:
    storage.save_profile(Organisation(
        name=PHARMACY, siret="12345678900011", address="3 rue des Remparts", postal_code="21000",
        city="Dijon", contact=Contact("Paul Lenoir", "Pharmacien titulaire", "contact@remparts.fr",
                                      "03 80 00 00 00")))
    ref = storage.create_incident(at=utc(2026, 11, 2, 8)).reference
    s = IncidentSession(storage, PROCEDURE, ref, now=lambda: utc(2026, 11, 3, 12))
    s.set_value("title", case["title"])
    s.set_value("dates.awareness_at", utc(2026, 11, 2, 9))
    s.set_value("discovery.how_discovered", "constat-interne")
    s.set_value("dates.breach_start", utc(2026, 11, 1, 15))
    s.set_value("dates.breach_end", utc(2026, 11, 1, 15, 5))
    s.choose_scenario(case["scenario"])
    if "nature" in case:
        s.set_value("qualification.nature", case["nature"])
    s.set_value("scope.person_categories", ["patients"])
    s.set_value("scope.persons_count", case["count"])
    s.set_value("scope.data_categories", case["data"])
    for question, answer in case["answers"].items():
        s.set_risk_answer(question, answer)
    for item in case["ticked"]:
        s.tick(item, True)
    # Free text a pharmacist might type: it must reach the CNIL draft only.
    s.set_value("measures.mitigation", "Mme Durand rappelée, son traitement VIH est renouvelé. "
                                       "Le patient concerné sera prévenu.")
    s.decide("notify_cnil_and_inform", "Décision du pharmacien pour le test")
    s.set_value("information.status", "done")
    s.set_value("information.informed_at", utc(2026, 11, 3, 10))
    s.set_value("information.channels", case["channels"])
    return ref


@pytest.mark.parametrize("name", list(CASES))
def test_patient_texts_say_what_happened_in_this_incident(storage, tmp_path, name):
    case = CASES[name]
    ref = build(storage, case)
    result = write_incident_documents(storage, PROCEDURE, ref, tmp_path / "out",
                                      now=utc(2026, 11, 3, 9), pdf=False)
    letter = docx_text(by_name(result, "courrier-personnes.docx"))
    email = by_name(result, "courriel-personnes.txt").read_text(encoding="utf-8")
    notice = docx_text(by_name(result, "affiche-communication-publique.docx"))
    sms = by_name(result, "sms-personnes.txt").read_text(encoding="utf-8")
    for label, text in (("letter", letter), ("email", email), ("notice", notice)):
        flat = " ".join(text.split())
        for sentence in case["must"]:
            assert sentence.lower() in flat.lower(), (label, sentence)
        for sentence in case["must_not"] + NEVER_FOR_PATIENTS:
            assert sentence not in flat, (label, sentence)
        assert not re.search(r"\b[0-9a-f]{64}\b", text), label  # no journal hash
        assert PHARMACY in text, label  # the pharmacy named, the same in each
    for sentence in NEVER_FOR_PATIENTS:
        assert sentence not in sms
    assert PHARMACY in sms and len(sms) <= 480
    # The public notice says who is concerned and for what period.
    assert "Personnes concernées : des patients de la pharmacie" in notice
    assert "Période : le 1er novembre 2026" in notice  # the breach lasted five minutes

    cnil = " ".join(docx_text(by_name(result, "notification-cnil.docx")).split())
    assert "Mme Durand rappelée" in cnil  # the typed measures go to the CNIL
    # §10: the channels really used, nothing else.
    assert "courrier, courriel, SMS et affiche" not in cnil
    labels = {"courrier": "Courrier", "courriel": "Courriel", "sms": "SMS",
              "telephone": "Appel téléphonique", "communication-publique": "Communication publique"}
    for channel, label in labels.items():
        assert (f"{label} :" in cnil) == (channel in case["channels"]), (channel, cnil[-3000:])
    assert "Personnes informées le mardi 3 novembre 2026" in cnil
    # The annex speaks French: labels, never ids, no doubled words.
    scenario_label = PROCEDURE.scenarios[case["scenario"]].label.split(" (")[0]
    assert f"Situation : (vide) → {scenario_label}" in cnil
    for code in (f"→ {case['scenario']}", "→ done", "etat-civil", "Journal Journal"):
        assert code not in cnil, code
    assert "Information des personnes : (vide) → Les personnes ont été informées" in cnil


@pytest.mark.parametrize("nature, answers, expected", [
    (["disponibilite"], {"availability": "temporary", "a_restore": "hours"},
     "des informations vous concernant ont été temporairement inaccessibles ; nous les avons "
     "restaurées à partir de nos sauvegardes"),
    (["disponibilite"], {"availability": "full"},
     "certaines informations vous concernant ont été perdues définitivement"),
    (["integrite"], {"integrity": "recoverable"},
     "certaines informations vous concernant ont pu être modifiées ; les informations exactes "
     "ont été rétablies"),
])
def test_an_outage_or_an_alteration_alone_reads_as_a_sentence(storage, nature, answers, expected):
    """Written by hand: what the letter says when only availability or integrity is harmed
    (a server outage, an altered file), without any word about disclosure."""
    from incident_wizard.documents.letters import communication

    ref = storage.create_incident(at=utc(2026, 11, 2, 8)).reference
    incident = storage.load_incident(ref)
    incident.qualification.nature = nature
    incident.risk.answers.update(answers)
    text = str(communication(incident, PROCEDURE)["nature"])
    assert text == expected
    assert "consultées" not in text and "transmises" not in text
