"""What the persons are told (Art. 34): the letter's four elements in plain French, built from
categories, the measures that pass the minimisation guard, the SMS (Qt-free)."""

from __future__ import annotations

from ..domain import clock, obligations
from ..domain.model import Incident
from ..domain.procedure import Procedure
from ..domain.serialize import get_path
from ..domain.validation import IDENTIFIER_KINDS, find_identifiers
from .texts import clean

# --- the communication to the persons ----------------------------------------------------------

#: Advice to the persons, by likely consequence (plain French, no sensitive data).
ADVICE = {
    "hameconnage": "Méfiez-vous des messages, appels ou SMS qui se réclameraient de la pharmacie, de "
                   "l'Assurance maladie ou de votre mutuelle et vous demanderaient des informations "
                   "personnelles, des codes ou un paiement : nous ne vous les demanderons jamais.",
    "usurpation-identite": "Soyez attentif à tout courrier ou démarche que vous n'auriez pas faits "
                           "(ouverture de compte, abonnement) et signalez-le.",
    "perte-financiere": "Surveillez vos relevés bancaires et signalez à votre banque toute opération "
                        "inhabituelle.",
    "rupture-soins": "Si un renouvellement de traitement est proche, venez à la pharmacie avec votre "
                     "ordonnance : nous organisons la délivrance.",
}
DEFAULT_ADVICE = ("Restez vigilant face aux messages inattendus qui utiliseraient votre nom ou se "
                  "réclameraient de la pharmacie.")


def communication(incident: Incident, procedure: Procedure) -> dict[str, object]:
    """The four Art. 34(2) elements, in plain French, built from categories (never from free
    text that could repeat health details)."""
    p, i = procedure, incident
    nature_phrases = {
        "confidentialite": "des données vous concernant ont pu être consultées ou copiées par des "
                           "personnes non autorisées",
        "integrite": "des données vous concernant ont pu être modifiées",
        "disponibilite": "des données vous concernant ont été temporairement inaccessibles ou perdues",
    }
    nature = [nature_phrases[n] for n in i.qualification.nature if n in nature_phrases] or \
             ["des données vous concernant ont été exposées"]
    data = [label.split(" (")[0].lower() for label in p.labels("data_categories", i.scope.data_categories)]
    consequence_options = [p.options["consequences"].get(k) for k in i.consequences.kinds]
    consequences = [o.extra["for_persons"] for o in consequence_options
                    if o is not None and o.extra.get("for_persons")]
    advice = [ADVICE[k] for k in i.consequences.kinds if k in ADVICE] or [DEFAULT_ADVICE]
    org = i.organisation
    contact = org.dpo if org.has_dpo and org.dpo.name else org.contact
    contact_role = "notre délégué à la protection des données" if org.has_dpo and org.dpo.name else \
        "votre interlocuteur à la pharmacie"
    measures, withheld = patient_measures(i, procedure)
    return {
        "pharmacy": clean(org.name) or "La pharmacie",
        "address": clean(" ".join(x for x in (org.address, org.postal_code, org.city) if x.strip())),
        "nature": clean(" ; ".join(nature)),
        "data": clean(", ".join(data)),
        "when": clock.format_date(i.dates.awareness_at) if i.dates.awareness_at else "",
        "consequences": clean(", ".join(consequences)),
        "measures": measures,
        "advice": advice,
        "contact_name": clean(contact.name),
        "contact_role": contact_role,
        "contact_email": clean(contact.email),
        "contact_phone": clean(contact.phone),
        "signatory": clean(org.legal_representative.name or org.contact.name),
        "signatory_role": clean(org.legal_representative.role or org.contact.role),
        "notified_cnil": bool(i.notifications),
        "inform_required": obligations.inform_decided(i),
        "withheld": withheld + ([
            "Les conséquences probables pour les personnes ne sont pas renseignées (étape "
            "« Personnes et données concernées ») : le courrier et l'affiche les signalent « à "
            "compléter » ; l'article 34(2) du RGPD demande de les décrire."]
            if not consequences and obligations.inform_decided(i) else [])
        + (["Le seul moyen d'information choisi est le SMS : il ne peut pas contenir tout ce que "
            "l'article 34(2) du RGPD demande (nature, contact, conséquences, mesures). Ajoutez un "
            "courrier, un courriel ou une remise en main propre."]
           if i.information.channels == ["sms"] else []),
        "letter_channel": "courrier" in i.information.channels,
        "consequences_to_complete": not consequences and obligations.inform_decided(i),
    }


def patient_measures(incident: Incident, procedure: Procedure) -> tuple[list[str], list[str]]:
    """The pharmacist's own words about the measures, for texts sent to the persons, and the
    French warnings about those withheld: a text that looks like it holds a person's identifier
    (NIR, e-mail, phone number other than the pharmacy's) is never printed for the public."""
    org = incident.organisation
    allowed = tuple(x for person in (org.contact, org.dpo, org.legal_representative)
                    for x in (person.email, person.phone))
    kept, withheld = [], []
    for key in ("measures.remedy", "measures.mitigation"):
        text = get_path(incident, key) or ""
        if not text.strip():
            continue
        found = find_identifiers(text, allowed)
        described = procedure.field(key)
        label = described.label if described else key
        if found:
            kinds = sorted({IDENTIFIER_KINDS[kind] for kind, _ in found})
            withheld.append(
                f"« {label} » contient ce qui ressemble à {' et à '.join(kinds)} : "
                "ce texte n'est pas repris dans le courrier, le courriel et l'affiche destinés aux "
                "personnes. Retirez-le de la saisie, puis écrivez à nouveau les documents.")
            continue
        kept.append(clean(text))
    return kept, withheld


SMS_LIMIT = 480


def sms_text(incident: Incident, procedure: Procedure) -> str:
    """The SMS: at most 480 characters whatever the pharmacy typed."""
    c = communication(incident, procedure)
    pharmacy = _shorten(str(c["pharmacy"]), 60)
    phone = _shorten(str(c["contact_phone"]), 25)
    contact = f" au {phone}" if phone else " à la pharmacie"
    cnil = " et prévenu la CNIL" if c["notified_cnil"] else ""
    text = (f"{pharmacy} : un incident de sécurité a touché des données vous concernant. "
            f"Nous avons pris les mesures nécessaires{cnil}. "
            f"Méfiez-vous des messages demandant vos codes ou un paiement. "
            + ("Un courrier vous explique tout ; p" if c["letter_channel"] else "P")
            + f"our toute question, contactez-nous{contact}.")
    return text[:SMS_LIMIT]


# GSM 03.38 (3GPP TS 23.038): the default 7-bit alphabet and its extension table (each
# extension character takes two of the 160 places). Any other character (ê, ç, œ, «, ’...)
# makes the whole SMS Unicode (UCS-2): 70 characters, or 67 per part when split.
_GSM7 = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
            "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
_GSM7_EXTENSION = set("^{}\\[~]|€\f")


def sms_segments(text: str) -> tuple[str, int]:
    """("GSM-7" or "Unicode", number of SMS parts) that ``text`` takes when sent."""
    if all(ch in _GSM7 or ch in _GSM7_EXTENSION for ch in text):
        units = sum(2 if ch in _GSM7_EXTENSION else 1 for ch in text)
        return "GSM-7", 1 if units <= 160 else -(-units // 153)
    units = sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)
    return "Unicode", 1 if units <= 70 else -(-units // 67)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
