"""The ENISA 2013 severity method and the decision rules (brief section 8), exact and explained.

SE = DPC × EI + CB, computed in quarters (integers) and returned as a Fraction. The answers come
from plain questions (forms/risk.toml); answers not given are proposed from the scenario and the
qualification, and a question left unanswered counts as its least favourable answer ("in doubt").
The decision maps the band to an outcome, then applies rules that can only raise it; the one
documented way down is the "data unintelligible" path (ENISA §3.3, GDPR Art. 34(3)(a)).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .model import NOTIFY_AND_INFORM, NOTIFY_CNIL, OUTCOME_LABELS, OUTCOMES, REGISTER_ONLY, Incident
from .procedure import ENISA_CATEGORIES, Procedure, RiskOption

LOW, MEDIUM, HIGH, VERY_HIGH = "low", "medium", "high", "very_high"
BANDS = (LOW, MEDIUM, HIGH, VERY_HIGH)
BAND_LABELS = {LOW: "faible", MEDIUM: "moyen", HIGH: "élevé", VERY_HIGH: "très élevé"}
#: ENISA band -> CNIL PIA severity level (the descriptions are near-identical; ENISA-method §8).
CNIL_SEVERITY = {LOW: "negligeable", MEDIUM: "limitee", HIGH: "importante", VERY_HIGH: "maximale"}
CNIL_SEVERITY_LABELS = {"negligeable": "négligeable", "limitee": "limitée",
                        "importante": "importante", "maximale": "maximale"}
BAND_OUTCOME = {LOW: REGISTER_ONLY, MEDIUM: NOTIFY_CNIL, HIGH: NOTIFY_AND_INFORM,
                VERY_HIGH: NOTIFY_AND_INFORM}

FLAG_OVER_100 = "more_than_100_persons"
FLAG_UNINTELLIGIBLE = "data_unintelligible"
FLAG_LABELS = {FLAG_OVER_100: "Plus de 100 personnes concernées",
               FLAG_UNINTELLIGIBLE: "Données inintelligibles (chiffrement robuste, clé non compromise)"}

CB_INPUTS = ("confidentiality", "integrity", "availability", "malicious")


def score_quarters(dpc: int, ei_quarters: int, cb_quarters: int) -> int:
    """SE in quarters: DPC (1-4) × EI (1-4 quarters) + CB (0-8 quarters)."""
    if dpc not in (1, 2, 3, 4):
        raise ValueError(f"DPC must be 1 to 4, got {dpc!r}")
    if ei_quarters not in (1, 2, 3, 4):
        raise ValueError(f"EI must be 0.25, 0.5, 0.75 or 1, got {ei_quarters}/4")
    if not 0 <= cb_quarters <= 8:
        raise ValueError(f"CB must be 0 to 2, got {cb_quarters}/4")
    return dpc * ei_quarters + cb_quarters


def severity(dpc: int, ei: Fraction | float | str, cb: Fraction | float | str = 0) -> Fraction:
    """SE for values given as numbers (0.25 steps), exact."""
    ei_q, cb_q = Fraction(ei) * 4, Fraction(cb) * 4
    if ei_q.denominator != 1 or cb_q.denominator != 1:
        raise ValueError("EI and CB are multiples of 0.25")
    return Fraction(score_quarters(dpc, int(ei_q), int(cb_q)), 4)


def band_of(score: Fraction) -> str:
    """Low < 2 <= Medium < 3 <= High < 4 <= Very High (ENISA §3.2, lower bounds inclusive)."""
    if score < 2:
        return LOW
    if score < 3:
        return MEDIUM
    if score < 4:
        return HIGH
    return VERY_HIGH


def format_number(value: Fraction) -> str:
    """'3,25' (French decimal comma, at most two decimals, exact for quarters)."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


@dataclass(frozen=True)
class Reason:
    text: str
    source: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Contribution:
    """One answer and what it adds to the formula, for the breakdown."""

    input: str
    question: str
    answer_id: str | None
    answer: str
    value: Fraction
    anchor: str
    proposed: bool


@dataclass(frozen=True)
class Assessment:
    score: Fraction
    band: str
    cnil_severity: str
    dpc: int
    ei: Fraction
    cb: Fraction
    flags: tuple[str, ...]
    contributions: tuple[Contribution, ...]
    answers: dict[str, str]
    proposed: dict[str, str]
    dpc_departure: bool
    outcome: str
    reasons: tuple[Reason, ...]

    @property
    def band_label(self) -> str:
        return BAND_LABELS[self.band]

    @property
    def cnil_severity_label(self) -> str:
        return CNIL_SEVERITY_LABELS[self.cnil_severity]

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    def to_json(self) -> dict[str, object]:
        """The `assess` command's output (a contract: keys documented in README.md)."""
        return {
            "score": float(self.score),
            "score_exact": f"{self.score.numerator}/{self.score.denominator}",
            "band": self.band,
            "cnil_severity": self.cnil_severity,
            "flags": list(self.flags),
            "outcome": self.outcome,
            "reasons": [r.text for r in self.reasons],
            "inputs": {"dpc": self.dpc, "ei": float(self.ei), "cb": float(self.cb)},
            "answers": self.answers,
        }


def proposed_answers(incident: Incident, procedure: Procedure) -> dict[str, str]:
    """Answers the app proposes from the scenario, the qualification and the data categories."""
    proposed: dict[str, str] = {}
    scenario = procedure.scenarios.get(incident.scenario)
    if scenario is not None:
        proposed.update(scenario.risk)
    data_options = procedure.options["data_categories"]
    chosen = [o for o in (data_options.get(c) for c in incident.scope.data_categories) if o]
    if chosen:
        proposed["dpc"] = str(max(ENISA_CATEGORIES[o.extra["enisa"]] for o in chosen))
        if any(o.extra.get("identifying") for o in chosen):
            proposed["ei"] = "maximale"
    nature = incident.qualification.nature
    if nature:
        for nature_id, question in (("confidentialite", "confidentiality"),
                                    ("integrite", "integrity"), ("disponibilite", "availability")):
            if nature_id not in nature:
                proposed[question] = "none"
    cause = incident.qualification.cause
    if cause.endswith("-malveillant"):
        proposed["malicious"] = "yes"
    elif cause.endswith("-accidentel"):
        proposed["malicious"] = "no"
    elif cause == "inconnue":
        proposed["malicious"] = "unknown"
    questions = {q.id: q for q in procedure.risk_questions}
    return {k: v for k, v in proposed.items() if k in questions and questions[k].get(v)}


def _worst(options: tuple[RiskOption, ...], input_name: str) -> RiskOption:
    if input_name == "dpc":
        return max(options, key=lambda o: o.dpc or 0)
    if input_name == "ei":
        return max(options, key=lambda o: o.ei or 0)
    unknown = [o for o in options if o.unknown]
    return unknown[0] if unknown else max(options, key=lambda o: o.cb)


def assess(incident: Incident, procedure: Procedure) -> Assessment:
    """Score, band, flags and recommended outcome, with the reasons in plain French."""
    proposed = proposed_answers(incident, procedure)
    answers = dict(proposed)
    for key, value in incident.risk.answers.items():
        if value:
            answers[key] = value
    chosen: dict[str, RiskOption] = {}
    contributions = []
    doubts: list[str] = []
    unanswered = 0
    for question in procedure.risk_questions:
        answer_id = answers.get(question.id)
        option = question.get(answer_id) if answer_id else None
        if option is None:
            option = _worst(question.options, question.input)
            unanswered += 1
            answer_text, answer_id = "Sans réponse (cas le plus défavorable retenu)", None
        else:
            answer_text = option.label
            if option.unknown:
                doubts.append(f"« {question.question} » : {option.label}")
        chosen[question.input] = option
        if question.input == "dpc":
            value = Fraction(option.dpc or 4)
        elif question.input == "ei":
            value = Fraction(option.ei or 4, 4)
        else:
            value = Fraction(option.cb, 4)
        contributions.append(Contribution(question.input, question.question, answer_id, answer_text,
                                          value, option.anchor,
                                          answer_id is not None and incident.risk.answers.get(question.id) in (None, "")))
    if unanswered:
        doubts.append(f"{unanswered} question(s) sans réponse" if unanswered > 1 else
                      "1 question sans réponse")
    dpc = chosen["dpc"].dpc or 4
    ei_q = chosen["ei"].ei or 4
    cb_q = sum(chosen[name].cb for name in CB_INPUTS)
    score = Fraction(score_quarters(dpc, ei_q, cb_q), 4)
    band = band_of(score)

    flags = []
    count = incident.scope.persons_count
    if count is not None and count > 100:
        flags.append(FLAG_OVER_100)
    unintelligible = chosen["encrypted"].unintelligible
    if unintelligible:
        flags.append(FLAG_UNINTELLIGIBLE)

    reasons = [Reason(
        f"Gravité selon la méthode ENISA : {format_number(score)} = {dpc} × "
        f"{format_number(Fraction(ei_q, 4))} + {format_number(Fraction(cb_q, 4))}, niveau "
        f"{BAND_LABELS[band]}, soit une gravité « {CNIL_SEVERITY_LABELS[CNIL_SEVERITY[band]]} » "
        "sur l'échelle de la CNIL.", "enisa-2013")]
    outcome = BAND_OUTCOME[band]
    reasons.append(Reason(
        f"Niveau {BAND_LABELS[band]} : « {OUTCOME_LABELS[outcome]} » est la décision de départ.",
        "choix-decision"))

    def raise_to(minimum: str, text: str, source: str) -> None:
        nonlocal outcome
        if OUTCOMES.index(outcome) < OUTCOMES.index(minimum):
            outcome = minimum
            reasons.append(Reason(text + f" La décision est relevée : « {OUTCOME_LABELS[minimum]} ».", source))
        else:
            reasons.append(Reason(text, source))

    confidentiality = chosen["confidentiality"]
    if chosen["malicious"].malicious and confidentiality.cb > 0:
        raise_to(NOTIFY_CNIL, "Acte malveillant (ou intention inconnue) avec divulgation possible "
                 "des données.", "choix-decision")
    if "sante" in incident.scope.data_categories and confidentiality.untrusted:
        raise_to(NOTIFY_CNIL, "Des données de santé ont pu être vues par des personnes inconnues ou "
                 "non tenues au secret : un dommage doit être considéré comme probable.",
                 "wp250-sante")
    person_options = procedure.options["person_categories"]
    vulnerable = [person_options.label_of(c) for c in incident.scope.person_categories
                  if (o := person_options.get(c)) is not None and o.extra.get("vulnerable")]
    if vulnerable:
        raise_to(NOTIFY_CNIL, "Des personnes mineures ou vulnérables sont concernées ("
                 + ", ".join(vulnerable) + ").", "choix-decision")
    if doubts:
        raise_to(NOTIFY_CNIL, "En cas de doute, notifiez à la CNIL (" + " ; ".join(doubts) + ").",
                 "cnil-notifier")
    if FLAG_OVER_100 in flags:
        reasons.append(Reason(f"Indicateur ENISA : plus de 100 personnes concernées ({count}).",
                              "enisa-2013"))
    if unintelligible:
        no_loss = chosen["availability"].cb == 0 and chosen["integrity"].cb == 0
        if no_loss:
            outcome = REGISTER_ONLY
            reasons.append(Reason(
                "Les données étaient inintelligibles (chiffrement robuste, clé non compromise) et "
                "ni leur disponibilité ni leur intégrité ne sont atteintes : la violation n'est pas "
                "susceptible d'engendrer un risque ; elle est inscrite au registre avec cette "
                "justification.", "enisa-2013"))
        elif outcome == NOTIFY_AND_INFORM:
            outcome = NOTIFY_CNIL
            reasons.append(Reason(
                "Les données étaient inintelligibles : l'information des personnes n'est pas "
                "nécessaire (article 34, paragraphe 3, point a), la notification à la CNIL reste "
                "due car la disponibilité ou l'intégrité est atteinte.", "rgpd-34-3"))
    reasons.append(Reason(f"Recommandation : {OUTCOME_LABELS[outcome]}.", "choix-decision"))

    explicit_dpc = incident.risk.answers.get("dpc")
    dpc_departure = bool(explicit_dpc and "dpc" in proposed and explicit_dpc != proposed["dpc"])
    return Assessment(score=score, band=band, cnil_severity=CNIL_SEVERITY[band], dpc=dpc,
                      ei=Fraction(ei_q, 4), cb=Fraction(cb_q, 4), flags=tuple(flags),
                      contributions=tuple(contributions), answers=answers, proposed=proposed,
                      dpc_departure=dpc_departure, outcome=outcome, reasons=tuple(reasons))
