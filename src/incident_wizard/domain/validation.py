"""Checks of what the pharmacist types, each failure a French sentence; data-minimisation guard."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from ..i18n import N_, _
from .clock import format_datetime
from .model import Incident, Organisation
from .serialize import get_path

# A French social-security number (NIR): sex, year, month, department (2A/2B for Corsica),
# commune, order number, then a 2-digit key; spaces, dots or dashes allowed between groups.
_SEP = r"[ .\-]?"
# The guard's patterns are compiled when first used (re keeps them): compiling them all costs a
# command that never reads free text several milliseconds at start.
_NIR = (rf"(?<![\dA-Za-z])([1-478]){_SEP}(\d\d){_SEP}(\d\d){_SEP}(\d\d|2[AaBb]){_SEP}(\d{{3}}){_SEP}"
        rf"(\d{{3}}){_SEP}(\d\d)(?![\dA-Za-z])")
_EMAIL = r"[\w.+\-]+@[\w\-]+(\.[\w\-]+)+"
_DIGITS = re.compile(r"\d+")

#: The largest "approximate number" accepted: more than the population of France is absurd.
MAX_COUNT = 100_000_000


def nir_key_ok(groups: tuple[str, ...]) -> bool:
    sex, year, month, dept, commune, order, key = groups
    dept = dept.upper()
    if dept == "2A":
        dept = "19"
    elif dept == "2B":
        dept = "18"
    number = int(sex + year + month + dept + commune + order)
    return 97 - number % 97 == int(key)


def find_nirs(text: str) -> list[str]:
    """Valid-looking NIRs (key checked) in ``text``."""
    return [m.group(0) for m in re.finditer(_NIR, text) if nir_key_ok(m.groups())]


def find_emails(text: str) -> list[str]:
    return [m.group(0) for m in re.finditer(_EMAIL, text)]


# The minimisation guard is broader than find_nirs: 13 digits (a NIR without its key) or 15,
# whatever the key, spaced or not; a French phone number (0X XX XX XX XX, +33, 0033).
_NIR_LIKE = (
    rf"(?<![\dA-Za-z])[1-478]{_SEP}\d\d{_SEP}\d\d{_SEP}(?:\d\d|2[AaBb]){_SEP}\d{{3}}{_SEP}\d{{3}}"
    rf"(?:{_SEP}\d\d)?(?![\dA-Za-z])")
_PHONE = r"(?<![\d+])(?:(?:\+|00)33[ .\-]?(?:\(0\))?[ .\-]?|0)[1-9](?:[ .\-]?\d\d){4}(?!\d)"

#: The kinds of identifier the guard looks for, with the words used in messages (French source
#: text: translate with i18n._() where shown).
IDENTIFIER_KINDS = {"nir": N_("un numéro de sécurité sociale"), "email": N_("une adresse électronique"),
                    "phone": N_("un numéro de téléphone")}


def _normalised(text: str) -> str:
    """An e-mail lower-cased, a phone number as its national digits (+33 6… = 06…)."""
    if "@" in text:
        return text.strip().lower()
    digits = "".join(ch for ch in text if ch.isdigit())
    for prefix in ("0033", "33"):
        if digits.startswith(prefix) and len(digits) - len(prefix) == 9:
            return "0" + digits[len(prefix):]
    return digits


_SPACES = re.compile("[\u00a0\u202f\u2007\u2009\t]")
_WIDE_SEPARATORS = re.compile(r"(?<=\d)[ ./\-]{1,3}(?=\d)")


def find_identifiers(text: str, allowed: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(kind, text) of what looks like a person's identifier in ``text``: a NIR (13 or 15
    digits, key valid or not), an e-mail address, a French phone number. ``allowed`` are the
    pharmacy's own e-mails and phone numbers, which may appear. No-break and thin spaces, tabs,
    slashes and doubled separators between digits (what a copy from Word or the LGO gives) are
    read as one space."""
    if not text:
        return []
    text = _WIDE_SEPARATORS.sub(" ", _SPACES.sub(" ", text))
    own = {_normalised(a) for a in allowed if a.strip()}
    found = [("nir", m.group(0)) for m in re.finditer(_NIR_LIKE, text)]
    found += [("email", m.group(0)) for m in re.finditer(_EMAIL, text)]
    found += [("phone", m.group(0)) for m in re.finditer(_PHONE, text)]
    result = []
    for kind, value in found:
        if _normalised(value) in own:
            continue
        if kind == "phone" and any(k == "nir" and value in v for k, v in found):
            continue
        result.append((kind, value))
    return result


def identifier_warning(text: str, allowed: tuple[str, ...] = ()) -> str:
    """A French warning if free text seems to hold a patient identifier, else ''."""
    kinds = {kind for kind, _ in find_identifiers(text, allowed)}
    if "nir" in kinds:
        return _("Ce texte semble contenir un numéro de sécurité sociale. Ne saisissez pas "
                 "d'identifiant de patient : décrivez les catégories de personnes et de données.")
    if "email" in kinds:
        return _("Ce texte contient une adresse électronique. S'il s'agit de celle d'un patient, "
                 "retirez-la : l'application n'a pas besoin d'identifier les personnes.")
    if "phone" in kinds:
        return _("Ce texte contient un numéro de téléphone. S'il s'agit de celui d'un patient, "
                 "retirez-le : l'application n'a pas besoin d'identifier les personnes.")
    return ""


# --- names, dates of birth and health details in free text (issue 23) -----------------------
# What the free-text fields should not hold either: the texts to the persons never print them,
# but the CNIL draft and the register do (GDPR Art. 5(1)(c), data minimisation). A warning only:
# the pharmacist reads it and rewrites, nothing is refused.

_TITLE_NAME = (
    r"\b(?:M\.|Mr\.?|Mme|Mlle|Monsieur|Madame|Mademoiselle|Dr\.?|Docteur|Pr\.?)\s+"
    r"(?:[A-ZÀ-Ý][a-zà-ÿ'\-]+|[A-ZÀ-Ý]{2,})\b")
_TWO_CAPITALISED = r"\b([A-ZÀ-Ý][a-zà-ÿ\-]+)\s+([A-ZÀ-Ý][a-zà-ÿ\-]+|[A-ZÀ-Ý]{3,})\b"
#: Capitalised words that start a sentence or a name of a place, not a first name.
_NOT_FIRST_NAMES = {"le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "ce", "cette",
                    "son", "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs", "pour",
                    "par", "avec", "chez", "dans", "sur", "en", "et", "ou", "mais", "appel",
                    "pharmacie", "prévention", "mesures", "information", "rappel", "courrier"}
_BIRTH = (
    r"\b(?:né|née|né\(e\)|naissance|DDN)\b[^.;\n]{0,20}?\b\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)?\d\d\b"
    r"|\b(?:né|née|né\(e\))\s+(?:en|le)\s+(?:\d{1,2}\s+\w+\s+)?(?:19|20)\d\d\b")
#: Words that name a diagnosis, a treatment or a medicine a pharmacy often sees (a list to
#: flag, not a medical vocabulary; lower case, accents kept).
HEALTH_TERMS = (
    "vih", "sida", "séropositi", "hépatite", "diabète", "diabétique", "insuline", "cancer",
    "chimiothérapie", "tumeur", "leucémie", "dépression", "antidépresseur", "anxiolytique",
    "schizophrén", "bipolaire", "psychiatri", "alzheimer", "parkinson", "épilepsie",
    "méthadone", "subutex", "buprénorphine", "opioïde", "morphine", "tramadol", "ivg",
    "contracepti", "grossesse", "enceinte", "truvada", "prep", "antirétrovira", "dialyse",
    "sclérose", "mucoviscidose", "tuberculose", "addiction", "alcoolisme", "toxicomanie",
    "ald ", "lévothyrox", "anticoagulant", "ritaline", "methylphénidate",
)
_HEALTH = r"\b(" + "|".join(re.escape(t.strip()) for t in HEALTH_TERMS) + r")"
#: Capitalised pairs that are not a person's name.
_NOT_NAMES = {"assurance maladie", "dossier pharmaceutique", "carte vitale", "sécurité sociale",
              "mon espace", "espace santé", "ordre national", "service public"}


def find_personal_details(text: str, own_names: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(kind, text) of what looks like a person's name ("Mme Durand", two capitalised words
    inside a sentence), a date of birth, or a health detail (a diagnosis, a treatment) in free
    text. ``own_names`` (the pharmacy's people and name) may appear."""
    if not text:
        return []
    own = " ".join(own_names).lower()
    found = [("name", m.group(0)) for m in re.finditer(_TITLE_NAME, text)]
    for m in re.finditer(_TWO_CAPITALISED, text):
        pair = m.group(0)
        if m.group(1).lower() in _NOT_FIRST_NAMES or pair.lower() in _NOT_NAMES or (
                own and all(w.lower() in own for w in pair.split())):
            continue
        if not any(pair in f or f in pair for _k, f in found):
            found.append(("name", pair))
    found += [("birth", m.group(0)) for m in re.finditer(_BIRTH, text, re.IGNORECASE)]
    found += [("health", m.group(0)) for m in re.finditer(_HEALTH, text, re.IGNORECASE)]
    return found


def personal_details_warning(text: str, own_names: tuple[str, ...] = ()) -> str:
    """A French warning if free text seems to hold a name, a date of birth or a health detail."""
    found = find_personal_details(text, own_names)
    if not found:
        return ""
    kinds = {kind for kind, _ in found}
    what = [label for kind, label in (("name", _("un nom de personne")),
                                      ("birth", _("une date de naissance")),
                                      ("health", _("une information de santé"))) if kind in kinds]
    return _("Ce texte semble contenir {what} (« {example} »). Décrivez les catégories de "
             "personnes et de données, sans nom ni détail de santé : ce texte va au brouillon "
             "CNIL et au registre.").format(what=_(" et ").join(what), example=found[0][1][:40])


def free_text_warning(text: str, organisation: Organisation, names: bool = True) -> str:
    """The one warning for any free text that can reach a document (the CNIL draft, the
    register, the letters, the inspection folder): a patient identifier first (NIR, e-mail,
    phone number), else a name, a date of birth or a health detail; the pharmacy's own
    e-mails, phone numbers and names may appear; ``names`` False for a text that names the
    pharmacy's own people by design (who answers for an action). '' when nothing is found."""
    if not text:
        return ""
    own, own_names = pharmacy_own_details(organisation)
    warning = identifier_warning(text, own)
    if warning or not names:
        return warning
    return personal_details_warning(text, own_names)


def patient_text_warning(text: str, own: tuple[str, ...] = (), own_names: tuple[str, ...] = ()) -> str:
    """A French warning if a text printed for the persons (the pharmacist's own words in the
    letter, the e-mail and the public notice) seems to hold an identifier, a name, a date of
    birth or a health detail, else ''. ``own``: the pharmacy's e-mails and phones;
    ``own_names``: its name and its people's names (they may appear)."""
    identifiers = find_identifiers(text, own)
    found = [value for _kind, value in identifiers]
    details = find_personal_details(text, own_names)
    if not found and not details:
        return ""
    kinds = {kind for kind, _ in details} | {kind for kind, _ in identifiers}
    what = [label for present, label in (
        ("nir" in kinds, _("un numéro de sécurité sociale")),
        ("email" in kinds, _("une adresse électronique")),
        ("phone" in kinds, _("un numéro de téléphone")),
        ("name" in kinds, _("un nom de personne")),
        ("birth" in kinds, _("une date de naissance")),
        ("health" in kinds, _("une information de santé"))) if present]
    example = (found or [f for _k, f in details])[0]
    return _("Ce texte destiné aux personnes semble contenir {what} (« {example} »). Écrivez "
             "sans nom, identifiant ni détail de santé : un courrier peut être lu par un proche, "
             "l'affiche par tous.").format(
                 what=_(" et ").join(what), example=example[:40])


def pharmacy_own_details(org: Organisation) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(e-mails and phones, names) of the pharmacy and its people: they may appear in a text."""
    people = (org.contact, org.dpo, org.legal_representative)
    own = tuple(x for person in people for x in (person.email, person.phone) if x)
    names = tuple(x for x in (org.name, *(person.name for person in people)) if x)
    return own, names


def own_words_warning(incident: Incident) -> str:
    """The guard's warning on the incident's own words to the persons ('' when clean)."""
    own, names = pharmacy_own_details(incident.organisation)
    return patient_text_warning(incident.information.own_words, own, names)


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def check_siret(text: str) -> str:
    digits = text.replace(" ", "")
    if not digits.isdigit() or len(digits) not in (9, 14):
        return _("Le SIRET compte 14 chiffres (ou le SIREN 9 chiffres).")
    if not luhn_ok(digits) and not digits.startswith("356000000"):  # La Poste is the exception
        return _("Ce numéro SIREN/SIRET n'est pas valide (clé de contrôle) : vérifiez-le.")
    return ""


def check_email(text: str, what: str) -> str:
    if text and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        return _("{what} : l'adresse électronique « {address} » n'est pas valide.").format(
            what=what, address=text[:60])
    return ""


def check_organisation(org: Organisation) -> list[str]:
    """What is missing or wrong in the profile (empty list when usable)."""
    problems = []
    if not org.name.strip():
        problems.append(_("Indiquez le nom de la pharmacie."))
    if not org.no_siret:
        problem = check_siret(org.siret)
        if problem:
            problems.append(problem)
    if not org.contact.name.strip():
        problems.append(_("Indiquez la personne que la CNIL peut contacter."))
    for contact, what in ((org.contact, _("Personne à contacter")), (org.legal_representative,
                          _("Représentant légal")), (org.dpo, _("DPO"))):
        problem = check_email(contact.email, what)
        if problem:
            problems.append(problem)
    if org.has_dpo and not org.dpo.name.strip():
        problems.append(_("Indiquez le nom du délégué à la protection des données."))
    return problems


def check_count(value: int | None, what: str) -> str:
    if value is None:
        return ""
    if value < 0:
        return _("{what} : un nombre ne peut pas être négatif.").format(what=what)
    if value > MAX_COUNT:
        return _("{what} : {count} dépasse toute population plausible ; vérifiez le nombre.").format(
            what=what, count=value)
    return ""


def check_dates(incident: Incident, now: datetime) -> list[tuple[str, str]]:
    """Inconsistent dates, as (field path, French message) pairs."""
    d = incident.dates
    problems: list[tuple[str, str]] = []
    slack = timedelta(minutes=1)
    for path, value, what in (("dates.breach_start", d.breach_start, _("Le début de la violation")),
                              ("dates.breach_end", d.breach_end, _("La fin de la violation")),
                              ("dates.awareness_at", d.awareness_at, _("La prise de connaissance")),
                              ("discovery.processor_reported_at",
                               incident.discovery.processor_reported_at,
                               _("Le signalement du sous-traitant"))):
        if value is not None and value > now + slack:
            problems.append((path, _("{what} ne peut pas être dans le futur ({when}).").format(
                what=what, when=format_datetime(value))))
    if d.breach_start and d.breach_end and d.breach_end < d.breach_start:
        problems.append(("dates.breach_end", _("La fin de la violation ne peut pas précéder son début.")))
    informed = incident.information.informed_at
    if informed and d.awareness_at and informed < d.awareness_at - timedelta(days=1):
        problems.append(("information.informed_at",
                         _("L'information des personnes ne peut pas précéder la prise de connaissance.")))
    if informed and informed > now + slack:
        problems.append(("information.informed_at",
                         _("L'information des personnes ne peut pas être dans le futur ({when}).").format(
                             when=format_datetime(informed))))
    if d.breach_start and d.awareness_at and d.awareness_at < d.breach_start:
        problems.append(("dates.awareness_at",
                         _("La prise de connaissance ne peut pas précéder le début de la violation.")))
    for index, notification in enumerate(incident.notifications):
        if notification.submitted_at and notification.submitted_at > now + slack:
            problems.append((f"notifications[{index}]",
                             _("Une notification ne peut pas être datée dans le futur ({when}).").format(
                                 when=format_datetime(notification.submitted_at))))
        if notification.submitted_at and d.awareness_at and notification.submitted_at < d.awareness_at:
            problems.append((f"notifications[{index}]",
                             _("Une notification ne peut pas précéder la prise de connaissance.")))
    return problems


# --- one validator for incident data (wizard, import, storage reads) -------------------------------

#: Instants outside this range are refused: nothing in a breach record can be that old or that far
#: ahead, and such dates break calendar arithmetic (a year 0001 in Paris time overflows).
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
#: The longest text a field may hold: room for a detailed account (about 15 pages), small enough
#: that every action stays fast (documents, saves, the journal).
MAX_TEXT = 50_000
#: The title is shown in headings and lists.
MAX_TITLE = 300
#: The most items in one list of the incident (notifications, attachments, checklist...).
MAX_ITEMS = 500
#: The largest file that can be attached to an incident (the same limit everywhere).
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
#: The most journal entries an incident file may carry.
MAX_JOURNAL = 100_000


def text_problem(value: str, what: str, limit: int = MAX_TEXT) -> str:
    if len(value) > limit:
        count, most = (f"{n:,}".replace(",", "\u202f") for n in (len(value), limit))
        return _("{what} : le texte compte {count} caractères, au-delà de la limite de {limit} ; "
                 "résumez-le (un document plus long peut être joint à l'incident).").format(
            what=what, count=count, limit=most)
    return ""


def check_structure(incident: Incident) -> list[str]:
    """What makes stored or imported incident data unusable, whatever the procedure: dates out of
    range, texts or lists too long, impossible numbers, unknown status or outcome (French)."""
    from dataclasses import fields, is_dataclass

    from .model import NOTIFICATION_KINDS, OUTCOMES, STATUSES

    problems: list[str] = []

    def walk(value: object, where: str) -> None:
        if len(problems) > 20:
            return
        if is_dataclass(value) and not isinstance(value, type):
            for f in fields(value):
                walk(getattr(value, f.name), f"{where}.{f.name}" if where else f.name)
        elif isinstance(value, datetime):
            if not EARLIEST <= value < LATEST:
                problems.append(_("{where} : date hors des limites plausibles ({year}).").format(
                    where=where, year=value.year))
        elif isinstance(value, str):
            problem = text_problem(value, where, MAX_TITLE if where == "title" else MAX_TEXT)
            if problem:
                problems.append(problem)
        elif isinstance(value, list | tuple):
            if len(value) > MAX_ITEMS:
                problems.append(too_many(where, len(value)))
                return
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]")
        elif isinstance(value, dict):
            if len(value) > MAX_ITEMS:
                problems.append(too_many(where, len(value)))
                return
            for key, item in value.items():
                walk(key, _("{where} (clé)").format(where=where))
                walk(item, f"{where}.{key}")
        elif isinstance(value, int) and not isinstance(value, bool):
            if not -MAX_COUNT <= value <= MAX_COUNT * 10:
                problems.append(_("{where} : nombre hors des limites plausibles.").format(where=where))

    walk(incident, "")
    for value, what in ((incident.scope.persons_count, "scope.persons_count"),
                        (incident.scope.records_count, "scope.records_count")):
        problem = check_count(value, what)
        if problem:
            problems.append(problem)
    if incident.status not in STATUSES:
        problems.append(_("status : statut inconnu « {status} ».").format(status=incident.status[:40]))
    for what, value in (("decision.outcome", incident.decision.outcome),
                        ("decision.recommended", incident.decision.recommended)):
        if value and value not in OUTCOMES:
            problems.append(_("{where} : décision inconnue « {outcome} ».").format(where=what, outcome=value[:40]))
    for index, notification in enumerate(incident.notifications):
        if notification.kind not in NOTIFICATION_KINDS:
            problems.append(_("notifications[{index}].kind : type inconnu « {kind} ».").format(
                index=index, kind=notification.kind[:40]))
    problems.extend(_action_problems(incident))
    hashes = [a.sha256 for a in incident.attachments]
    if len(set(hashes)) != len(hashes):
        problems.append(_("attachments : le même fichier est joint deux fois."))
    return problems


def too_many(where: str, count: int) -> str:
    return _("{where} : {count} éléments, au-delà de {most}.").format(where=where, count=count, most=MAX_ITEMS)


#: An action's wording and owner are short: a title is a line, not a report.
MAX_ACTION_TITLE = 2_000
MAX_OWNER = 300


def _action_problems(incident: Incident) -> list[str]:
    """Follow-up actions that no rule could follow (an imported or edited file): an unknown
    kind, a day that is not a calendar day, a repeated id, a title too long."""
    from datetime import date

    from .model import ACTION_KINDS

    problems = []
    seen: set[str] = set()
    for index, action in enumerate(incident.actions):
        where = f"actions[{index}]"
        if not action.id or action.id in seen:
            problems.append(_("{where}.id : identifiant vide ou répété « {id} ».").format(
                where=where, id=action.id[:20]))
        seen.add(action.id)
        if action.kind not in ACTION_KINDS:
            problems.append(_("{where}.kind : type d'action inconnu « {kind} ».").format(
                where=where, kind=action.kind[:40]))
        for name in ("due", "done_on"):
            value = getattr(action, name)
            if not value:
                continue
            try:
                day = date.fromisoformat(value)
            except ValueError:
                day = None
            if day is None or len(value) != 10 or not 2000 <= day.year <= 2100:
                problems.append(_("{where}.{name} : date « {day} » invalide (AAAA-MM-JJ, "
                                  "entre 2000 et 2100).").format(where=where, name=name, day=value[:20]))
        if len(action.title) > MAX_ACTION_TITLE:
            problems.append(_("{where}.title : plus de {most} caractères.").format(
                where=where, most=MAX_ACTION_TITLE))
        if len(action.owner) > MAX_OWNER:
            problems.append(_("{where}.owner : plus de {most} caractères.").format(where=where, most=MAX_OWNER))
    return problems


def check_options(incident: Incident, procedure) -> list[str]:
    """Option ids that the procedure (forms/) does not know (French)."""
    p, i = procedure, incident
    problems: list[str] = []

    def known(list_id: str, values: list[str] | str, where: str) -> None:
        for value in [values] if isinstance(values, str) else values:
            if value and p.options[list_id].get(value) is None:
                problems.append(_("{where} : option « {option} » inconnue (liste {list}).").format(
                    where=where, option=value[:40], list=list_id))

    # Every choice field of forms/procedure.toml, with the option list it names (a field added
    # to the forms is checked without a line here).
    seen = set()
    for step in p.steps:
        for f in step.fields:
            if f.options and f.key not in seen:
                seen.add(f.key)
                known(f.options, get_path(i, f.key) or [], f.key)
    if i.scenario and i.scenario not in p.scenarios:
        problems.append(_("scenario : situation « {scenario} » inconnue.").format(scenario=i.scenario[:40]))
    questions = {q.id: q for q in p.all_risk_questions()}
    for question_id, answer in i.risk.answers.items():
        question = questions.get(question_id)
        if question is None or (answer and question.get(answer) is None):
            problems.append(_("risk.answers.{question} : réponse « {answer} » inconnue.").format(
                question=question_id[:40], answer=answer[:40]))
    for body_id in i.other_bodies:
        if body_id not in p.bodies:
            problems.append(_("other_bodies : démarche « {body} » inconnue.").format(body=body_id[:40]))
    items = {item.id for s in p.scenarios.values() for item in s.checklist}
    for item_id in i.checklist:
        if item_id not in items:
            problems.append(_("checklist : action « {item} » inconnue.").format(item=item_id[:40]))
    return problems
