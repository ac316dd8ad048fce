"""A built-in sample incident ('Exemple : rançongiciel sur le poste du comptoir'), completed
through the same session API the wizard uses: for demonstrations, screenshots and checks."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..domain.clock import paris_to_utc, to_paris
from ..domain.model import Contact, Organisation
from ..domain.procedure import Procedure
from ..storage import Storage
from .session import IncidentSession

SAMPLE_TITLE = "Exemple : rançongiciel sur le poste du comptoir"

SAMPLE_ORGANISATION = Organisation(
    name="Pharmacie Exemple des Tilleuls",
    siret="73282932000074",
    address="12 place du Marché",
    postal_code="69000",
    city="Lyon",
    legal_representative=Contact("Claire Martin", "Pharmacienne titulaire", "titulaire@exemple.fr",
                                 "04 00 00 00 00"),
    contact=Contact("Claire Martin", "Pharmacienne titulaire", "titulaire@exemple.fr", "04 00 00 00 00"),
)


def build_sample(storage: Storage, procedure: Procedure, awareness: datetime | None = None,
                 complete: bool = True, close: bool = True) -> str:
    """Create the sample incident in ``storage`` and return its reference.

    Times are fixed relative to ``awareness`` (default: Friday 23 October 2026, 10:00 in Paris),
    so the sample reads the same every time."""
    awareness = awareness or paris_to_utc(datetime(2026, 10, 23, 10, 0))
    clock = {"now": awareness + timedelta(minutes=5)}

    def now() -> datetime:
        return clock["now"]

    def later(minutes: int) -> None:
        clock["now"] += timedelta(minutes=minutes)

    if storage.load_profile() is None:
        storage.save_profile(SAMPLE_ORGANISATION)
    reference = storage.create_incident(at=now(), actor="exemple", title=SAMPLE_TITLE).reference
    s = IncidentSession(storage, procedure, reference, now=now, actor="exemple")
    s.set_value("dates.awareness_at", awareness)
    s.set_value("discovery.reported_by", "Préparatrice au comptoir")
    s.set_value("discovery.how_discovered", "message-rancon")
    s.set_value("discovery.description", "À l'ouverture, le poste du comptoir affiche un message "
                "de rançon ; les fichiers du LGO sont illisibles sur ce poste.")
    later(10)
    s.complete_step("signalement")
    s.choose_scenario("rancongiciel")
    for item, minutes in (("debrancher-reseau", 2), ("ne-pas-payer", 1), ("photo-message", 3),
                          ("appeler-lgo", 15), ("verifier-sauvegardes", 60)):
        later(minutes)
        s.tick(item, True)
    if not complete:
        return reference
    later(30)
    s.complete_step("premiers-reflexes")
    s.set_value("dates.breach_start", awareness - timedelta(hours=14))
    s.set_value("dates.breach_end", awareness + timedelta(minutes=20))
    s.set_value("qualification.circumstances", "Pièce jointe piégée ouverte la veille au soir ; "
                "le rançongiciel a chiffré le poste du comptoir et le partage réseau.")
    later(20)
    s.complete_step("qualification")
    s.set_value("scope.person_categories", ["patients", "salaries"])
    s.set_value("qualification.systems", "Poste du comptoir (LGO), serveur de la pharmacie et "
                "sauvegarde sur disque externe, dans l'officine.")
    s.set_value("discovery.other_party", "sous-traitant")
    s.set_value("discovery.other_party_contact", "Éditeur du LGO, assistance 04 00 00 00 01")
    s.set_value("scope.persons_count", 2400)
    s.set_value("scope.persons_count_precision", "approximate")
    s.set_value("scope.data_categories", ["etat-civil", "nir", "sante", "mutuelle"])
    s.set_value("scope.records_count", 18000)
    s.set_value("scope.records_count_precision", "approximate")
    s.set_value("consequences.kinds", ["perte-controle", "confidentialite-sante", "rupture-soins",
                                       "hameconnage"])
    later(20)
    s.complete_step("personnes-donnees")
    s.set_risk_answer("integrity", "none")
    s.set_risk_answer("encrypted", "no")
    s.set_risk_answer("availability", "temporary")
    # Restored from the day-before backup the next day; dispensing went on in degraded mode with
    # delays. Whether data were copied out is still unknown: the least favourable answer.
    s.set_risk_answer("a_restore", "days")
    s.set_risk_answer("a_care", "disrupted")
    s.set_risk_answer("c_recipients", "unknown")
    later(15)
    s.complete_step("evaluation-risque")
    result = s.assessment()
    later(10)
    s.decide(result.outcome, "")
    s.complete_step("decision")
    later(24 * 60)
    s.record_notification("initial", now(), "EXEMPLE-2026-001")
    s.complete_step("notification-cnil")
    later(6 * 60)
    s.set_value("information.status", "done")
    s.set_value("information.informed_at", now())
    s.set_value("information.channels", ["courrier", "communication-publique"])
    s.complete_step("information-personnes")
    for body in ("plainte", "cybermalveillance", "assureur", "sous-traitants", "ars-cert-sante"):
        later(30)
        s.set_body(body, True, reference="PV 2026/EXEMPLE-0042" if body == "plainte" else None)
    s.complete_step("autres-demarches")
    # Prevention and follow-up: every proposal of the situation examined.
    later(60)
    day = to_paris(now()).date()
    plan = (("sauvegardes-hors-ligne", "Claire Martin", 7),
            ("mises-a-jour", "Prestataire informatique (contrat de maintenance)", 60),
            ("comptes-administrateur", "Prestataire informatique (contrat de maintenance)", 60),
            ("sensibilisation-faux-messages", "Claire Martin", 30),
            ("mode-degrade", "Pharmacien adjoint", 45))
    for proposal, owner, days in plan:
        s.followup.add_action(procedure.proposals[proposal].title, procedure.proposals[proposal].kind, owner,
                     (day + timedelta(days=days)).isoformat(), proposal=proposal)
    for proposal, reason in (
            ("pare-feu-antivirus", "Vérifiés poste par poste par le prestataire après la "
                                   "réinstallation (rapport classé au dossier qualité)."),
            ("donnees-pro-perso", "Déjà en place : aucun usage personnel des postes (charte)."),
            ("mots-de-passe", "Déjà en place : un identifiant par personne, renouvelés après "
                              "l'incident."),
            ("wifi", "Sans objet : l'officine n'a pas de wifi.")):
        s.followup.dismiss_proposal(proposal, reason)
    s.complete_step("prevention-suivi")
    s.set_value("measures.before", "Sauvegarde quotidienne sur disque externe.")
    s.set_value("measures.remedy", "Poste réinstallé par le prestataire, données restaurées "
                "depuis la sauvegarde de la veille.")
    s.set_value("measures.mitigation", "Information des patients, vigilance sur les faux messages.")
    s.set_value("measures.prevention", "Sauvegarde hors ligne, filtrage des pièces jointes, "
                "sensibilisation de l'équipe.")
    later(24 * 60)
    s.record_notification("complementary", now(), "EXEMPLE-2026-001",
                          notes="Cause, mesures et information des patients complétées.")
    if close:
        later(24 * 60)
        first = s.incident.actions[0]
        s.followup.update_action(first.id, done_on=to_paris(now()).date().isoformat(),
                        evidence="Copie hors ligne en place ; restauration d'essai réussie "
                                 "(compte rendu du prestataire).")
        s.close()
    return reference
