"""What the persons are told (Art. 34): the letter's four elements in plain French, built only
from reviewed phrases chosen by the incident's facts (situation, kind of harm, data, risk
answers, containment actions ticked), never from a free text the pharmacist typed; the SMS
(Qt-free)."""

from __future__ import annotations

from ..domain import clock, obligations
from ..domain.model import Incident
from ..domain.procedure import Procedure
from ..domain.validation import own_words_warning
from .texts import clean

# --- the communication to the persons ----------------------------------------------------------
#
# Every sentence a patient can read is written here or in forms/ (`for_persons` of the
# consequences in options.toml and of the containment actions in scenarios.toml), reviewed once,
# and chosen by the facts. The measures typed by the pharmacist (measures.remedy/mitigation) may
# hold a name, a diagnosis or a treatment: they go to the CNIL draft and the register, never to a
# patient (issue 23; GDPR Art. 5(1)(c) data minimisation, Art. 32 confidentiality).

#: Advice to the persons, by what happened to their data (plain French, no sensitive data).
ADVICE = {
    # A consequence the pharmacist retained (options.toml, consequences).
    "hameconnage": "Méfiez-vous des messages, appels ou SMS qui se réclameraient de la pharmacie, de "
                   "l'Assurance maladie ou de votre mutuelle et vous demanderaient des informations "
                   "personnelles, des codes ou un paiement : nous ne vous les demanderons jamais.",
    "usurpation-identite": "Soyez attentif à tout courrier ou démarche que vous n'auriez pas faits "
                           "(ouverture de compte, abonnement, remboursement) et signalez-le à "
                           "l'organisme concerné.",
    "perte-financiere": "Surveillez vos relevés bancaires et signalez à votre banque toute opération "
                        "inhabituelle.",
    "rupture-soins": "Si un renouvellement de traitement est proche, venez à la pharmacie avec votre "
                     "ordonnance : nous organisons la délivrance.",
    # What happened to the data (risk answers).
    "disclosed": "Vous n'avez aucune démarche à faire. Si une personne vous contactait au sujet de "
                 "ces informations, ou si vous avez une inquiétude, parlez-en à votre pharmacien : "
                 "nous vous répondrons en toute confidentialité.",
    "lost": "Si vous recevez un courrier, un appel ou un message qui fait état de votre santé ou de "
            "votre traitement sans que vous sachiez d'où il vient, ne répondez pas et prévenez-nous.",
    "encrypted": "Les informations étant illisibles sans la clé de chiffrement, vous n'avez aucune "
                 "démarche à faire.",
    "recovered": "Les informations ayant été récupérées avant d'avoir pu être lues, vous n'avez "
                 "aucune démarche à faire.",
    "none": "Vous n'avez aucune démarche particulière à faire.",
}

#: What happened to the person's data, by kind of harm and the risk step's answers.
_LOST_WHAT = {
    "vol-perte-appareil": "un appareil (ordinateur, téléphone, clé USB ou disque) qui a été perdu "
                          "ou volé",
    "papier": "des documents papier qui ont été perdus ou jetés sans être détruits",
    "carte-cps": "une carte de professionnel de santé qui a été perdue ou volée",
}
_CONFIDENTIALITY = {
    "recovered": "des informations vous concernant sont sorties un moment de notre contrôle ; "
                 "elles ont été récupérées avant d'avoir pu être lues",
    "trusted-confirmed": "des informations vous concernant ont été transmises par erreur à un "
                         "professionnel de santé, tenu au secret professionnel, qui nous a "
                         "confirmé les avoir détruites",
    "trusted": "des informations vous concernant ont été transmises par erreur à un professionnel "
               "de santé, tenu au secret professionnel ; nous lui avons demandé de les détruire",
    "untrusted-confirmed": "des informations vous concernant ont été transmises par erreur à une "
                           "autre personne, qui nous a confirmé les avoir détruites ou rendues",
    "untrusted": "des informations vous concernant ont été transmises par erreur à une autre "
                 "personne ; nous n'avons pas la confirmation qu'elle les a détruites",
    "copied": "des informations vous concernant ont été consultées ou copiées par des personnes "
              "non autorisées",
    "unknown": "des informations vous concernant ont pu être consultées ou copiées par des "
               "personnes non autorisées (nous ne savons pas encore si c'est le cas)",
}
#: The severity question's answers, when the likelihood question was not answered.
_CONFIDENTIALITY_FALLBACK = {
    "none": "out-of-control", "known-trusted": "trusted", "known-untrusted": "untrusted",
    "unknown-recipients": "copied", "unknown": "unknown",
}
_INTEGRITY = {
    "none": "",
    "recoverable": "certaines ont pu être modifiées ; les informations exactes ont été rétablies",
    "lost": "certaines ont été modifiées et ne peuvent pas être rétablies à l'identique",
    "unknown": "certaines ont pu être modifiées ; nous le vérifions",
}
_AVAILABILITY = {
    "none": "elles sont intactes : nous en gardons une copie et vous n'en perdez aucune",
    "temporary": "elles ont été temporairement inaccessibles",
    "full": "certaines ont été perdues définitivement",
    "unknown": "elles sont peut-être inaccessibles ; nous vérifions nos sauvegardes",
}
_RESTORE = {
    "hours": " ; nous les avons restaurées à partir de nos sauvegardes",
    "days": " ; leur restauration prend plusieurs jours",
}
#: Data categories that make a person a target of identity theft, and of fraud.
_IDENTITY_DATA = {"etat-civil", "nir", "documents-identite"}
_FINANCIAL_DATA = {"bancaires"}
#: Who the notice speaks to, by person category (forms/options.toml, person_categories).
_CONCERNED = {
    "patients": "des patients de la pharmacie",
    "clients": "des clients de la pharmacie",
    "salaries": "des salariés de la pharmacie",
    "mineurs": "des mineurs",
    "personnes-vulnerables": "des personnes vulnérables",
    "professionnels-sante": "des professionnels de santé (prescripteurs, infirmiers, laboratoires)",
    "fournisseurs": "des fournisseurs et partenaires de la pharmacie",
}


def _confidentiality(incident: Incident) -> tuple[str, str]:
    """(what happened to the data's confidentiality, the advice key) from the risk answers."""
    answers = incident.risk.answers
    if answers.get("encrypted") == "yes":
        what = _LOST_WHAT.get(incident.scenario, "un support qui est sorti de notre contrôle")
        return (f"des informations vous concernant se trouvaient sur {what} ; elles étaient "
                "chiffrées, donc illisibles pour qui n'a pas la clé, restée en lieu sûr", "encrypted")
    state = answers.get("c_recipients") or _CONFIDENTIALITY_FALLBACK.get(
        answers.get("confidentiality", ""), "unknown")
    if state == "out-of-control":
        what = _LOST_WHAT.get(incident.scenario, "un support (appareil ou documents) qui est sorti "
                                                 "de notre contrôle")
        return (f"des informations vous concernant se trouvaient sur {what} ; à ce jour, rien "
                "n'indique qu'elles aient été consultées, mais nous ne pouvons pas l'exclure", "lost")
    advice = {"recovered": "recovered", "trusted-confirmed": "disclosed", "trusted": "disclosed",
              "untrusted-confirmed": "disclosed", "untrusted": "disclosed"}.get(state, "attack")
    return _CONFIDENTIALITY.get(state, _CONFIDENTIALITY["unknown"]), advice


def _first_subject(sentence: str) -> str:
    """An availability sentence said first: 'elles ont été…' -> 'des informations vous
    concernant ont été…', 'certaines ont été…' -> 'certaines informations vous concernant…'."""
    if sentence.startswith("elles "):
        return "des informations vous concernant " + sentence[len("elles "):]
    return sentence.replace("certaines ", "certaines informations vous concernant ", 1)


def what_happened(incident: Incident) -> tuple[list[str], set[str]]:
    """The sentences saying what happened to the person's data, one per kind of harm the
    qualification retained (confidentiality, integrity, availability), and the advice keys."""
    nature, answers = incident.qualification.nature, incident.risk.answers
    sentences, advice = [], set()
    if "confidentialite" in nature:
        sentence, key = _confidentiality(incident)
        sentences.append(sentence)
        advice.add(key)
    if "integrite" in nature:
        sentence = _INTEGRITY.get(answers.get("integrity", ""), _INTEGRITY["unknown"])
        if sentence:  # "certaines ont pu…" after another harm, "certaines informations vous
            # concernant ont pu…" when it is the first
            sentences.append(sentence if sentences else sentence.replace(
                "certaines ", "certaines informations vous concernant ", 1))
    if "disponibilite" in nature:
        state = answers.get("availability", "") or "unknown"
        sentence = _AVAILABILITY.get(state, _AVAILABILITY["unknown"])
        if state == "temporary":
            sentence += _RESTORE.get(answers.get("a_restore", ""), "")
        if state != "none" or sentences:
            sentences.append(sentence if sentences else _first_subject(sentence))
        if state != "none" or answers.get("a_care") == "disrupted":
            advice.add("rupture-soins")
    if not sentences:
        sentences.append("des informations vous concernant ont été exposées")
    return sentences, advice


def advice_for(incident: Incident, keys: set[str]) -> list[str]:
    """What the person can do, for what happened to their data and the consequences retained,
    in a fixed order, each once."""
    data = set(incident.scope.data_categories)
    wanted = set(keys)
    retained = set(incident.consequences.kinds)
    if "attack" in wanted:
        wanted.discard("attack")
        wanted.add("hameconnage")
        if data & _IDENTITY_DATA:
            wanted.add("usurpation-identite")
        if data & _FINANCIAL_DATA:
            wanted.add("perte-financiere")
    if "lost" in wanted and data & _IDENTITY_DATA:
        wanted.add("usurpation-identite")
    # A consequence the pharmacist retained brings its own advice, except phishing vigilance for
    # data handed to a known person (a prescription sent to the wrong patient is not phishing).
    wanted |= {k for k in retained & {"usurpation-identite", "perte-financiere", "rupture-soins"}}
    if "hameconnage" in retained and not wanted & {"disclosed", "recovered", "encrypted"}:
        wanted.add("hameconnage")
    order = ["disclosed", "recovered", "encrypted", "lost", "hameconnage", "usurpation-identite",
             "perte-financiere", "rupture-soins"]
    advice = [ADVICE[k] for k in order if k in wanted]
    return advice or [ADVICE["none"]]


def measures_taken(incident: Incident, procedure: Procedure) -> list[str]:
    """What the pharmacy did, in reviewed phrases: the containment actions ticked (their
    ``for_persons``, forms/scenarios.toml) and a complaint filed; the CNIL notification is the
    templates' own line."""
    scenario = procedure.scenarios.get(incident.scenario)
    phrases = [item.for_persons for item in (scenario.checklist if scenario else ())
               if item.id in incident.checklist and item.for_persons]
    complaint = incident.other_bodies.get("plainte")
    if complaint is not None and complaint.done:
        phrases.append("Nous avons déposé plainte.")
    return list(dict.fromkeys(phrases))


def concerned(incident: Incident, procedure: Procedure) -> str:
    """Who the public notice speaks to: the categories of persons and their number."""
    who = [_CONCERNED[k] for k in incident.scope.person_categories if k in _CONCERNED]
    text = (", ".join(who[:-1]) + " et " + who[-1]) if len(who) > 1 else (who[0] if who else
                                                                           "des personnes")
    count = incident.scope.persons_count
    if count:
        about = "environ " if incident.scope.persons_count_precision == "approximate" else ""
        number = f"{count:,}".replace(",", "\u202f")
        text += f" ({about}{number} personne{'s' if count > 1 else ''})"
    return text


def period(incident: Incident) -> str:
    """The period of the breach, short enough for a notice's line: 'du 22 au 23 octobre 2026',
    'le 1er novembre 2026', 'depuis le …', 'jusqu'au …' ("" when unknown)."""
    dates = incident.dates
    start = None if dates.breach_start_unknown else dates.breach_start
    end = None if dates.ongoing else dates.breach_end

    def day(instant) -> str:  # noqa: ANN001 - a datetime
        return clock.format_date(instant).split(" ", 1)[1]  # without the weekday
    if start and end:
        first, last = day(start), day(end)
        if first == last:
            return f"le {first}"
        a, b = first.split(" "), last.split(" ")
        if a[1:] == b[1:]:  # same month and year
            return f"du {a[0]} au {last}"
        if a[2] == b[2]:  # same year
            return f"du {a[0]} {a[1]} au {last}"
        return f"du {first} au {last}"
    if start:
        return f"depuis le {day(start)}"
    if end:
        return f"jusqu'au {day(end)}"
    return ""


def communication(incident: Incident, procedure: Procedure) -> dict[str, object]:
    """The four Art. 34(2) elements, in plain French, built from reviewed phrases chosen by the
    facts (never from free text that could repeat a name or health details)."""
    p, i = procedure, incident
    happened, advice_keys = what_happened(i)
    data = [label.split(" (")[0].lower() for label in p.labels("data_categories", i.scope.data_categories)]
    consequence_options = [p.options["consequences"].get(k) for k in i.consequences.kinds]
    consequences = [o.extra["for_persons"] for o in consequence_options
                    if o is not None and o.extra.get("for_persons")]
    org = i.organisation
    contact = org.dpo if org.has_dpo and org.dpo.name else org.contact
    contact_role = "notre délégué à la protection des données" if org.has_dpo and org.dpo.name else \
        "votre interlocuteur à la pharmacie"
    measures = measures_taken(i, procedure)
    inform = obligations.inform_decided(i)
    notes, preview = [], []
    typed = [label for key, label in (("remedy", "Mesures pour remédier à la violation"),
                                      ("mitigation", "Mesures pour limiter les conséquences pour les personnes"))
             if getattr(i.measures, key).strip()]
    if typed:  # said in the preview, before anything is written (not at every export)
        preview.append(
            "Les textes saisis (« " + " », « ".join(typed) + " ») ne sont jamais repris dans les "
            "textes destinés aux personnes : ils peuvent contenir un nom, un diagnostic ou un "
            "traitement. Le courrier, le courriel, le SMS et l'affiche disent ce qui a été fait "
            "avec les phrases relues des actions cochées aux « Premiers réflexes » (et la plainte "
            "déposée) ; pour ajouter vos propres mots, utilisez le champ « Vos mots aux personnes "
            "» de cette étape. Relisez l'aperçu avant l'envoi.")
    if not measures:
        notes.append(
            "Aucune action faite n'est cochée aux « Premiers réflexes » : les textes aux personnes "
            "disent seulement que des mesures ont été prises. Cochez les actions faites, ou "
            "complétez le courrier exporté avant l'envoi (l'article 34(2) du RGPD demande de "
            "décrire les mesures).")
    if not consequences and inform:
        notes.append(
            "Les conséquences probables pour les personnes ne sont pas renseignées (étape "
            "« Personnes et données concernées ») : le courrier et l'affiche les signalent « à "
            "compléter » ; l'article 34(2) du RGPD demande de les décrire.")
    # The pharmacist's own words (the one free text a patient reads): printed as typed in the
    # letter and the e-mail, in the public notice only while the guard flags nothing there
    # (anyone reads a notice), never in the SMS (its length is bounded).
    own_words = [clean(p).strip() for p in i.information.own_words.replace("\r", "").split("\n\n")
                 if p.strip()]
    flagged = own_words_warning(i) if own_words else ""
    if flagged:
        notes.append(
            "« Vos mots aux personnes » (étape « Information des personnes ») — " + flagged
            + " Ce texte est imprimé tel quel dans le courrier et le courriel ; l'affiche ne le "
            "reprend pas tant qu'il n'est pas corrigé. Relisez-le avant l'envoi.")
    if i.information.channels == ["sms"]:
        notes.append(
            "Le seul moyen d'information choisi est le SMS : il ne peut pas contenir tout ce que "
            "l'article 34(2) du RGPD demande (nature, contact, conséquences, mesures). Ajoutez un "
            "courrier, un courriel ou une remise en main propre.")
    return {
        "pharmacy": clean(org.name) or "Votre pharmacie",
        "address": clean(" ".join(x for x in (org.address, org.postal_code, org.city) if x.strip())),
        # One sentence per kind of harm: the first follows the template's colon, the others
        # start with a capital.
        "nature": clean(". ".join([happened[0]] + [h[0].upper() + h[1:] for h in happened[1:]])),
        "data": clean(", ".join(data)),
        "when": clock.format_date(i.dates.awareness_at) if i.dates.awareness_at else "",
        "period": period(i),
        "concerned": clean(concerned(i, procedure)),
        "consequences": clean(", ".join(consequences)),
        "measures": [clean(m) for m in measures] or [
            "Nous prenons des mesures pour mettre fin à l'incident et en limiter les conséquences."],
        "advice": advice_for(i, advice_keys),
        "contact_name": clean(contact.name),
        "contact_role": contact_role,
        "contact_email": clean(contact.email),
        "contact_phone": clean(contact.phone),
        "signatory": clean(org.legal_representative.name or org.contact.name),
        "signatory_role": clean(org.legal_representative.role or org.contact.role),
        "notified_cnil": bool(i.notifications),
        "inform_required": inform,
        "withheld": notes,
        "preview_notes": preview,
        "letter_channel": "courrier" in i.information.channels,
        "consequences_to_complete": not consequences and inform,
        "own_words": own_words,
        "own_words_public": [] if flagged else own_words,
    }


SMS_LIMIT = 480
#: The SMS's short form of the letter's first advice.
_SMS_ADVICE = {
    ADVICE["hameconnage"]: "Méfiez-vous des messages demandant vos codes ou un paiement. ",
    ADVICE["disclosed"]: "Vous n'avez aucune démarche à faire. ",
    ADVICE["encrypted"]: "Vous n'avez aucune démarche à faire. ",
    ADVICE["recovered"]: "Vous n'avez aucune démarche à faire. ",
    ADVICE["none"]: "Vous n'avez aucune démarche à faire. ",
    ADVICE["lost"]: "Signalez-nous tout message inattendu sur votre santé. ",
    ADVICE["rupture-soins"]: "Pour vos médicaments, venez avec votre ordonnance. ",
}


def sms_text(incident: Incident, procedure: Procedure) -> str:
    """The SMS: at most 480 characters whatever the pharmacy typed; its advice is the letter's
    first one when it fits."""
    c = communication(incident, procedure)
    pharmacy = _shorten(str(c["pharmacy"]), 60)
    phone = _shorten(str(c["contact_phone"]), 25)
    contact = f" au {phone}" if phone else " à la pharmacie"
    cnil = " et prévenu la CNIL" if c["notified_cnil"] else ""
    start = (f"{pharmacy} : un incident de sécurité a touché des données vous concernant. "
             f"Nous avons pris des mesures{cnil}. ")
    end = (("Un courrier vous explique tout ; p" if c["letter_channel"] else "P")
           + f"our toute question, contactez-nous{contact}.")
    advice = _SMS_ADVICE.get(str(c["advice"][0]), "") if c["advice"] else ""
    if len(start) + len(advice) + len(end) > SMS_LIMIT:
        advice = ""
    return (start + advice + end)[:SMS_LIMIT]


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
