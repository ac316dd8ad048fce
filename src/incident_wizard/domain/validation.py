"""Checks of what the pharmacist types, each failure a French sentence; data-minimisation guard."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from .clock import format_datetime
from .model import Incident, Organisation

# A French social-security number (NIR): sex, year, month, department (2A/2B for Corsica),
# commune, order number, then a 2-digit key; spaces, dots or dashes allowed between groups.
_SEP = r"[ .\-]?"
_NIR = re.compile(
    rf"(?<![\dA-Za-z])([1-478]){_SEP}(\d\d){_SEP}(\d\d){_SEP}(\d\d|2[AaBb]){_SEP}(\d{{3}}){_SEP}"
    rf"(\d{{3}}){_SEP}(\d\d)(?![\dA-Za-z])"
)
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(\.[\w\-]+)+")
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
    return [m.group(0) for m in _NIR.finditer(text) if nir_key_ok(m.groups())]


def find_emails(text: str) -> list[str]:
    return [m.group(0) for m in _EMAIL.finditer(text)]


def identifier_warning(text: str) -> str:
    """A French warning if free text seems to hold a patient identifier, else ''."""
    if not text:
        return ""
    if find_nirs(text):
        return ("Ce texte semble contenir un numéro de sécurité sociale. Ne saisissez pas "
                "d'identifiant de patient : décrivez les catégories de personnes et de données.")
    if find_emails(text):
        return ("Ce texte contient une adresse électronique. S'il s'agit de celle d'un patient, "
                "retirez-la : l'application n'a pas besoin d'identifier les personnes.")
    return ""


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
        return "Le SIRET compte 14 chiffres (ou le SIREN 9 chiffres)."
    if not luhn_ok(digits) and not digits.startswith("356000000"):  # La Poste is the exception
        return "Ce numéro SIREN/SIRET n'est pas valide (clé de contrôle) : vérifiez-le."
    return ""


def check_email(text: str, what: str) -> str:
    if text and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        return f"{what} : l'adresse électronique « {text[:60]} » n'est pas valide."
    return ""


def check_organisation(org: Organisation) -> list[str]:
    """What is missing or wrong in the profile (empty list when usable)."""
    problems = []
    if not org.name.strip():
        problems.append("Indiquez le nom de la pharmacie.")
    if not org.no_siret:
        problem = check_siret(org.siret)
        if problem:
            problems.append(problem)
    if not org.contact.name.strip():
        problems.append("Indiquez la personne que la CNIL peut contacter.")
    for contact, what in ((org.contact, "Personne à contacter"), (org.legal_representative,
                          "Représentant légal"), (org.dpo, "DPO")):
        problem = check_email(contact.email, what)
        if problem:
            problems.append(problem)
    if org.has_dpo and not org.dpo.name.strip():
        problems.append("Indiquez le nom du délégué à la protection des données.")
    return problems


def check_count(value: int | None, what: str) -> str:
    if value is None:
        return ""
    if value < 0:
        return f"{what} : un nombre ne peut pas être négatif."
    if value > MAX_COUNT:
        return f"{what} : {value} dépasse toute population plausible ; vérifiez le nombre."
    return ""


def check_dates(incident: Incident, now: datetime) -> list[tuple[str, str]]:
    """Inconsistent dates, as (field path, French message) pairs."""
    d = incident.dates
    problems: list[tuple[str, str]] = []
    slack = timedelta(minutes=1)
    for path, value, what in (("dates.breach_start", d.breach_start, "Le début de la violation"),
                              ("dates.breach_end", d.breach_end, "La fin de la violation"),
                              ("dates.awareness_at", d.awareness_at, "La prise de connaissance"),
                              ("discovery.processor_reported_at",
                               incident.discovery.processor_reported_at,
                               "Le signalement du sous-traitant")):
        if value is not None and value > now + slack:
            problems.append((path, f"{what} ne peut pas être dans le futur ({format_datetime(value)})."))
    if d.breach_start and d.breach_end and d.breach_end < d.breach_start:
        problems.append(("dates.breach_end", "La fin de la violation ne peut pas précéder son début."))
    if d.breach_start and d.awareness_at and d.awareness_at < d.breach_start:
        problems.append(("dates.awareness_at",
                         "La prise de connaissance ne peut pas précéder le début de la violation."))
    for index, notification in enumerate(incident.notifications):
        if notification.submitted_at and notification.submitted_at > now + slack:
            problems.append((f"notifications[{index}]", "Une notification ne peut pas être datée "
                             f"dans le futur ({format_datetime(notification.submitted_at)})."))
        if notification.submitted_at and d.awareness_at and notification.submitted_at < d.awareness_at:
            problems.append((f"notifications[{index}]",
                             "Une notification ne peut pas précéder la prise de connaissance."))
    return problems
