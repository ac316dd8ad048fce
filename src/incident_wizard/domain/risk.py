"""The risk assessment (brief section 8): ENISA severity, likelihood per kind of harm, risk.

Gravité: SE = DPC × EI + CB (ENISA 2013), computed in quarters (integers) and returned as a
Fraction, mapped to the CNIL four levels. The ENISA answers come from plain questions
(forms/risk.toml); answers not given are proposed from the scenario, the qualification and the
data categories (pharmacy context, ENISA Annex 1 A2), and a question left unanswered counts as its
least favourable answer ("in doubt"). The likelihood, the risk map and the outcome rules are
in ``rules`` (one home for the rules); ``assess`` puts both together, and ``decision`` records
what was decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..i18n import N_, _, ngettext
from . import rules
from .model import OUTCOME_LABELS, Incident
from .procedure import ENISA_CATEGORIES, HARM_NATURE, LEVEL_LABELS, LEVELS, RISK_LABELS, Procedure, RiskOption
from .reasons import LikelihoodLine, Reason
from .values import FrozenValue

LOW, MEDIUM, HIGH, VERY_HIGH = "low", "medium", "high", "very_high"
BANDS = (LOW, MEDIUM, HIGH, VERY_HIGH)
# Labels: French source text, translated with i18n._() where shown.
BAND_LABELS = {LOW: N_("faible"), MEDIUM: N_("moyen"), HIGH: N_("élevé"), VERY_HIGH: N_("très élevé")}
#: ENISA band -> CNIL PIA severity level (the descriptions are near-identical; ENISA-method §8).
CNIL_SEVERITY = {LOW: "negligeable", MEDIUM: "limitee", HIGH: "importante", VERY_HIGH: "maximale"}
CNIL_SEVERITY_LABELS = {"negligeable": N_("négligeable"), "limitee": N_("limitée"),
                        "importante": N_("importante"), "maximale": N_("maximale")}

FLAG_OVER_100 = "more_than_100_persons"
FLAG_UNINTELLIGIBLE = "data_unintelligible"
FLAG_LABELS = {FLAG_OVER_100: N_("Plus de 100 personnes concernées"),
               FLAG_UNINTELLIGIBLE: N_("Données inintelligibles (chiffrement robuste, clé non compromise)")}

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


#: ENISA §3.2: (band, lower bound inclusive, upper bound exclusive); None = no bound.
BAND_BOUNDS = ((LOW, None, 2), (MEDIUM, 2, 3), (HIGH, 3, 4), (VERY_HIGH, 4, None))


def band_of(score: Fraction) -> str:
    """Low < 2 <= Medium < 3 <= High < 4 <= Very High (ENISA §3.2, lower bounds inclusive)."""
    for band, low, high in BAND_BOUNDS:
        if (low is None or score >= low) and (high is None or score < high):
            return band
    raise ValueError(score)


def format_number(value: Fraction) -> str:
    """'3,25' (French decimal comma, at most two decimals, exact for quarters)."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


@dataclass(frozen=True, eq=False, repr=False)
class Contribution(FrozenValue):
    """One answer and what it adds to the formula, for the breakdown."""

    input: str
    question: str
    answer_id: str | None
    answer: str
    value: Fraction
    anchor: str
    proposed: bool


@dataclass(frozen=True, eq=False, repr=False)
class Assessment(FrozenValue):
    """The ENISA severity and the likelihood per harm of an incident, with the recommendation."""
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
    #: Per kind of harm: the likelihood level (None: the harm is not affected) and its risk.
    likelihood: dict[str, str | None] = field(default_factory=dict)
    harm_risk: dict[str, str | None] = field(default_factory=dict)
    #: The overall risk (the worst harm's): unlikely, risk or high.
    risk: str = "high"
    #: How each likelihood was reached, per harm, for the risk step and the Méthode page.
    likelihood_lines: dict[str, tuple[LikelihoodLine, ...]] = field(default_factory=dict)
    #: Ids of the raising rules that applied (rules.RAISING_RULES).
    raised_by: tuple[str, ...] = ()

    @property
    def risk_label(self) -> str:
        return RISK_LABELS[self.risk]

    @property
    def band_label(self) -> str:
        return _(BAND_LABELS[self.band])

    @property
    def cnil_severity_label(self) -> str:
        return _(CNIL_SEVERITY_LABELS[self.cnil_severity])

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
            "likelihood": {**{harm: self.likelihood.get(harm) for harm in HARM_NATURE},
                           "overall": rules.overall_likelihood(self.likelihood)},
            "risk": self.risk,
        }


def affected_harms(incident: Incident) -> tuple[str, ...]:
    """The kinds of harm the breach has, from its qualification; all three while the nature is
    not qualified yet (the least favourable reading)."""
    nature = incident.qualification.nature
    if not nature:
        return tuple(HARM_NATURE)
    return tuple(harm for harm, nature_id in HARM_NATURE.items() if nature_id in nature)


def _proposed_dpc_ei(incident: Incident, procedure: Procedure) -> dict[str, str]:
    """DPC and EI proposed from the data categories, in the pharmacy context (ENISA Annex 1 A2,
    Annex 2): the most sensitive category wins; two identifying categories together identify."""
    data_options = procedure.options["data_categories"]
    chosen = [o for o in (data_options.get(c) for c in incident.scope.data_categories) if o]
    if not chosen:
        return {}
    persons = procedure.options["person_categories"]
    # Patients and customers: the person categories flagged `customers = true` (forms/options.toml).
    patients = any((o := persons.get(c)) is not None and o.extra.get("customers") is True
                   for c in incident.scope.person_categories)

    def dpc_of(option) -> int:
        extra = option.extra
        if "dpc" in extra:
            return extra["dpc"]
        if patients and "dpc_with_patients" in extra:
            return extra["dpc_with_patients"]
        return ENISA_CATEGORIES[extra["enisa"]]

    proposed = {"dpc": str(max(dpc_of(o) for o in chosen))}
    levels = [o.extra["ei"] for o in chosen if o.extra.get("ei")]
    if levels:
        strong = [lv for lv in levels if LEVELS.index(lv) >= LEVELS.index("importante")]
        proposed["ei"] = "maximale" if len(strong) >= 2 else max(levels, key=LEVELS.index)
    return proposed


#: Likelihood answers that follow from an ENISA answer (proposals, never answers):
#: (ENISA question, its answer) -> ((likelihood question, proposed answer), ...).
_FROM_ENISA = {
    ("confidentiality", "known-trusted"): (("c_recipients", "trusted"),),
    ("confidentiality", "known-untrusted"): (("c_recipients", "untrusted"),),
    ("confidentiality", "unknown-recipients"): (("c_recipients", "copied"),),
    ("confidentiality", "unknown"): (("c_recipients", "unknown"),),
    ("integrity", "none"): (("i_use", "verified"),),
    ("integrity", "lost"): (("i_use", "lost"),),
    ("integrity", "unknown"): (("i_use", "unknown"),),
    # ENISA "recoverable without difficulty (other copies, easy reconstruction)".
    ("availability", "none"): (("a_restore", "hours"), ("a_care", "none")),
    ("availability", "full"): (("a_restore", "never"),),
    ("availability", "unknown"): (("a_restore", "unknown"),),
}


#: How answers are proposed (shown on the Méthode page; ``proposed_answers`` applies them).
#: French source text: translate with i18n._() where shown.
PROPOSAL_RULES = (
    N_("Le scénario choisi propose les réponses écrites dans forms/scenarios.toml."),
    N_("Les catégories de données proposent le DPC (la plus sensible l'emporte, dans le contexte "
       "d'une pharmacie) et la facilité d'identification (deux identifiants directs ou presque "
       "ensemble donnent « maximale », ENISA annexe 2)."),
    N_("Un type de dommage absent de la nature de la violation propose « pas d'atteinte » pour sa "
       "question de gravité."),
    N_("La cause propose l'intention : acte malveillant → « Oui », accidentel → « Non », inconnue → "
       "« Je ne sais pas »."),
    N_("Vos propres réponses de gravité proposent les réponses de vraisemblance qui en découlent "
       "(tableau ci-dessous) ; une réponse proposée ne propose jamais une autre réponse."),
    N_("Une réponse de vraisemblance seulement proposée, pour un dommage atteint, ne décide rien tant "
       "que vous ne l'avez pas confirmée : c'est un doute, donc au moins une notification à la CNIL."),
)


def implied_proposals(procedure: Procedure) -> list[tuple[str, str, str, str]]:
    """(ENISA question, its answer, likelihood question, proposed answer) labels, for the page."""
    questions = {q.id: q for q in procedure.all_risk_questions()}
    rows = []
    for (enisa_question, answer), implied in _FROM_ENISA.items():
        for question, value in implied:
            rows.append((questions[enisa_question].question, questions[enisa_question].get(answer).label,
                         questions[question].question, questions[question].get(value).label))
    return rows


def proposed_answers(incident: Incident, procedure: Procedure) -> dict[str, str]:
    """Answers the app proposes from the scenario, the qualification and the data categories.

    Likelihood answers are also proposed from the ENISA answers that imply them (an incident
    file written before the likelihood questions existed gets them as proposals, never as
    answers)."""
    proposed: dict[str, str] = {}
    scenario = procedure.scenarios.get(incident.scenario)
    if scenario is not None:
        proposed.update(scenario.risk)
    proposed.update(_proposed_dpc_ei(incident, procedure))
    nature = incident.qualification.nature
    if nature:
        for question, nature_id in (("confidentiality", "confidentialite"),
                                    ("integrity", "integrite"), ("availability", "disponibilite")):
            if nature_id not in nature:
                proposed[question] = "none"
    cause = incident.qualification.cause
    if cause.endswith("-malveillant"):
        proposed["malicious"] = "yes"
    elif cause.endswith("-accidentel"):
        proposed["malicious"] = "no"
    elif cause == "inconnue":
        proposed["malicious"] = "unknown"
    # Only the pharmacist's own ENISA answers imply likelihood proposals (a proposal never
    # proposes another one).
    given = {k: v for k, v in incident.risk.answers.items() if v}
    for (enisa_question, answer), implied in _FROM_ENISA.items():
        if given.get(enisa_question) == answer:
            for question, value in implied:
                proposed.setdefault(question, value)
    questions = {q.id: q for q in procedure.all_risk_questions()}
    return {k: v for k, v in proposed.items() if k in questions and questions[k].get(v)}


def proposed_consequences(incident: Incident, procedure: Procedure) -> list[str]:
    """The likely consequences the facts suggest (forms/options.toml, consequences:
    propose_if_nature, propose_if_data), for the pharmacist to confirm or change: an option is
    proposed when the breach has one of its natures and, if it names data, one of those data."""
    nature = set(incident.qualification.nature)
    data = set(incident.scope.data_categories)
    proposed = []
    for option in procedure.options["consequences"].options:
        natures = option.extra.get("propose_if_nature") or []
        needed = option.extra.get("propose_if_data") or []
        if natures and nature & set(natures) and (not needed or data & set(needed)):
            proposed.append(option.id)
    return proposed


def _worst(options: tuple[RiskOption, ...], input_name: str) -> RiskOption:
    if input_name == "dpc":
        return max(options, key=lambda o: o.dpc or 0)
    if input_name == "ei":
        return max(options, key=lambda o: o.ei or 0)
    unknown = [o for o in options if o.unknown]
    return unknown[0] if unknown else max(options, key=lambda o: o.cb)


def assess(incident: Incident, procedure: Procedure) -> Assessment:
    """Gravité, vraisemblance per harm, risk and recommended outcome, with the reasons."""
    proposed = proposed_answers(incident, procedure)
    answers = dict(proposed)
    for key, value in incident.risk.answers.items():
        if value:
            answers[key] = value
    explicit = incident.risk.answers
    chosen: dict[str, RiskOption] = {}
    contributions = []
    doubts: list[str] = []
    unanswered = 0
    unintelligible = bool((enc := procedure.risk_question("encrypted").get(answers.get("encrypted", "")))
                          and enc.unintelligible)
    # The intent changes the decision only through the confidentiality likelihood (rules.judge):
    # when confidentiality is not affected, or the data are unintelligible (a key or code kept
    # safe, Art. 34(3)(a); CEPD 01/2021 case 10: stolen encrypted tablets, no notification), an
    # unknown intent is no doubt (its severity already counts the least favourable value).
    harms_now = affected_harms(incident)
    intent_matters = "confidentiality" in harms_now and not unintelligible
    for question in procedure.risk_questions:
        answer_id = answers.get(question.id)
        option = question.get(answer_id) if answer_id else None
        if option is None:
            option = _worst(question.options, question.input)
            if question.input != "malicious" or intent_matters:
                unanswered += 1
            answer_text, answer_id = _("Sans réponse (cas le plus défavorable retenu)"), None
        else:
            answer_text = option.label
            # Doubt counts for the harms the breach has; who saw unintelligible data does not
            # matter (Art. 34(3)(a)).
            harm_of_question = question.input if question.input in HARM_NATURE else ""
            affected = not harm_of_question or not incident.qualification.nature or \
                HARM_NATURE[harm_of_question] in incident.qualification.nature
            if option.unknown and question.input != "encrypted" and affected and not (
                    unintelligible and question.input == "confidentiality") and not (
                    question.input == "malicious" and not intent_matters):
                doubts.append(_("« {question} » : {answer}").format(question=question.question, answer=option.label))
        chosen[question.input] = option
        if question.input == "dpc":
            value = Fraction(option.dpc or 4)
        elif question.input == "ei":
            value = Fraction(option.ei or 4, 4)
        else:
            value = Fraction(option.cb, 4)
        contributions.append(Contribution(question.input, question.question, answer_id, answer_text,
                                          value, option.anchor,
                                          answer_id is not None and explicit.get(question.id) in (None, "")))
    harms = affected_harms(incident)
    encrypted = chosen["encrypted"]
    if (encrypted.unknown or not answers.get(procedure.risk_question("encrypted").id)) \
            and "confidentiality" in harms:
        # Encryption matters only for confidentiality (Art. 34(3)(a)): doubt only then.
        encrypted_question = procedure.risk_question("encrypted").question
        doubts.append(_("« {question} » : {answer}").format(question=encrypted_question, answer=encrypted.label)
                      if answers.get("encrypted") else
                      _("« {question} » : sans réponse").format(question=encrypted_question))
    if unanswered:
        enc_unanswered = not answers.get("encrypted")
        count = unanswered - (1 if enc_unanswered else 0)
        if count:
            doubts.append(ngettext("{count} question de gravité sans réponse",
                                   "{count} question(s) de gravité sans réponse", count).format(count=count))
    dpc = chosen["dpc"].dpc or 4
    ei_q = chosen["ei"].ei or 4
    cb_q = sum(chosen[name].cb for name in CB_INPUTS)
    score = Fraction(score_quarters(dpc, ei_q, cb_q), 4)
    band = band_of(score)
    severity_level = CNIL_SEVERITY[band]

    flags = []
    count = incident.scope.persons_count
    if count is not None and count > 100:
        flags.append(FLAG_OVER_100)
    if encrypted.unintelligible:
        flags.append(FLAG_UNINTELLIGIBLE)

    reasons = [Reason(
        _("Gravité selon la méthode ENISA : {score} = {dpc} × {ei} + {cb}, niveau {band}, soit une "
          "gravité « {severity} » sur l'échelle de la CNIL.").format(
            score=format_number(score), dpc=dpc, ei=format_number(Fraction(ei_q, 4)),
            cb=format_number(Fraction(cb_q, 4)), band=_(BAND_LABELS[band]),
            severity=LEVEL_LABELS[severity_level]), "enisa-2013")]
    if not incident.qualification.nature:
        doubts.append(_("la nature de la violation n'est pas encore qualifiée"))

    judged = rules.judge(procedure, harms, answers, explicit, chosen["malicious"].malicious,
                         encrypted.unintelligible, severity_level)
    doubts.extend(judged.doubts)
    reasons.extend(judged.reasons)
    if FLAG_OVER_100 in flags:
        reasons.append(Reason(_("Indicateur ENISA : plus de 100 personnes concernées ({count}).").format(
            count=count), "enisa-2013"))
    outcome, raised_by, raise_reasons = rules.apply_raising_rules(
        procedure, incident, judged, doubts, answers, dpc)
    reasons.extend(raise_reasons)
    reasons.extend(rules.closing_reasons(judged, outcome, severity_level))

    explicit_dpc = explicit.get("dpc")
    dpc_departure = bool(explicit_dpc and "dpc" in proposed and explicit_dpc != proposed["dpc"])
    return Assessment(score=score, band=band, cnil_severity=severity_level, dpc=dpc,
                      ei=Fraction(ei_q, 4), cb=Fraction(cb_q, 4), flags=tuple(flags),
                      contributions=tuple(contributions), answers=answers, proposed=proposed,
                      dpc_departure=dpc_departure, outcome=outcome, reasons=tuple(reasons),
                      likelihood=judged.likelihood, harm_risk=judged.harm_risk, risk=judged.risk,
                      likelihood_lines=judged.lines, raised_by=raised_by)
