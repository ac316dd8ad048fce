"""The decision rules (brief section 8), in one place: likelihood per kind of harm, the risk map,
what each risk level requires and the rules that only raise the outcome.

The questions, levels, risk map and outcomes are data (forms/risk.toml); the rules that are code
are the adjustments in ``judge`` (malicious intent, encryption) and ``RAISING_RULES``, each with
its source. The "Méthode" page is generated from these (ui/method_dialog.py), never rewritten.
The assessment (``risk.assess``) applies them; ``decision`` records what was decided.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..i18n import N_, _
from .model import NOTIFY_AND_INFORM, NOTIFY_CNIL, OUTCOME_LABELS, OUTCOMES, REGISTER_ONLY, Incident
from .procedure import HARM_LABELS, HARMS, LEVEL_LABELS, LEVELS, RISK_LABELS, RISKS, Procedure
from .reasons import LikelihoodLine, Reason
from .values import FrozenValue, Value


@dataclass(eq=False, repr=False)
class Judgement(Value):
    """Likelihood and risk per kind of harm, and what led to them."""

    severity: str
    likelihood: dict[str, str | None] = field(default_factory=dict)
    harm_risk: dict[str, str | None] = field(default_factory=dict)
    risk: str = "unlikely"
    lines: dict[str, tuple[LikelihoodLine, ...]] = field(default_factory=dict)
    reasons: list[Reason] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)
    #: Confidentiality affected and the data reached persons not bound by secrecy (or unknown).
    untrusted: bool = False
    #: Short French facts that decide a "register only" outcome, per harm.
    deciding: list[str] = field(default_factory=list)


def _raise_level(level: str) -> str:
    return LEVELS[min(LEVELS.index(level) + 1, len(LEVELS) - 1)]


def overall_likelihood(likelihood: dict[str, str | None]) -> str | None:
    """The highest likelihood among the affected harms (None when none is affected)."""
    levels = [level for level in likelihood.values() if level]
    return max(levels, key=LEVELS.index) if levels else None


def judge(procedure: Procedure, harms: tuple[str, ...], answers: dict[str, str],
          explicit: dict[str, str], malicious: bool, unintelligible: bool,
          severity: str) -> Judgement:
    """Likelihood of each affected harm from its questions, then its risk from the risk map."""
    method = procedure.method
    result = Judgement(severity=severity)
    for harm in HARMS:
        if harm not in harms:
            result.likelihood[harm] = result.harm_risk[harm] = None
            result.reasons.append(Reason(_("{harm} : non atteinte (qualification de la "
                                           "violation).").format(harm=HARM_LABELS[harm]), "rgpd-4-12"))
            continue
        lines = []
        for question in method.for_harm(harm):
            answer_id = answers.get(question.id)
            option = question.get(answer_id) if answer_id else None
            # Who saw unintelligible data does not matter (Art. 34(3)(a)): no doubt there.
            neutralised = unintelligible and harm == "confidentiality"
            if option is None:
                option, answer_id, text = question.worst(), None, _("Sans réponse (cas le plus défavorable retenu)")
                if not neutralised:
                    result.doubts.append(_("« {question} » : sans réponse").format(question=question.question))
            else:
                text = option.label
                if option.unknown and not neutralised:
                    result.doubts.append(_("« {question} » : {answer}").format(
                        question=question.question, answer=option.label))
                elif not explicit.get(question.id) and not neutralised:
                    # A proposed answer decides nothing until the pharmacist confirms it.
                    result.doubts.append(_("« {question} » : réponse proposée, à confirmer").format(
                        question=question.question))
            if harm == "confidentiality" and option.untrusted:
                result.untrusted = True
            lines.append(LikelihoodLine(question.id, question.question, answer_id, text,
                                        option.likelihood, option.anchor,
                                        answer_id is not None and not explicit.get(question.id)))
        level = max((line.level for line in lines), key=LEVELS.index)
        adjusted = ""
        if harm == "confidentiality":
            if unintelligible:
                level, result.untrusted = "negligeable", False
                adjusted = _(" ; données inintelligibles (chiffrement robuste, clé non compromise) : "
                             "la vraisemblance est négligeable pour la confidentialité seulement "
                             "(article 34, paragraphe 3, point a)")
            elif malicious and level in method.malicious_raises:
                level = _raise_level(level)
                adjusted = _(" ; relevée d'un niveau : acte malveillant ou intention inconnue")
        risk = method.risk_map[severity][level]
        result.likelihood[harm], result.harm_risk[harm], result.lines[harm] = level, risk, tuple(lines)
        answered = " ; ".join(line.answer.split(" (")[0] for line in lines)
        result.reasons.append(Reason(
            _("{harm} : vraisemblance « {likelihood} » ({answers}) ; avec une gravité « {severity} » : "
              "{risk}.").format(harm=HARM_LABELS[harm], likelihood=LEVEL_LABELS[level],
                                answers=answered + adjusted, severity=LEVEL_LABELS[severity],
                                risk=RISK_LABELS[risk]), "choix-risque"))
        if risk == "unlikely":
            why = (_("gravité « {severity} »").format(severity=LEVEL_LABELS[severity])
                   if severity == "negligeable" else
                   _("vraisemblance « {likelihood} » ({answers})").format(
                       likelihood=LEVEL_LABELS[level], answers=answered + adjusted))
            result.deciding.append(_("{harm} : {why}").format(harm=HARM_LABELS[harm].lower(), why=why))
    risks = [r for r in result.harm_risk.values() if r]
    result.risk = max(risks, key=RISKS.index) if risks else "unlikely"
    outcome = method.outcomes[result.risk]
    result.reasons.append(Reason(
        _("Risque global (le plus élevé des dommages) : {risk}, d'où la décision de départ "
          "« {outcome} ».").format(risk=RISK_LABELS[result.risk], outcome=OUTCOME_LABELS[outcome]),
        "choix-risque"))
    return result


# --- rules that only raise the outcome ------------------------------------------------------


@dataclass(frozen=True, eq=False, repr=False)
class RuleContext(FrozenValue):
    """What the decision rules read: the incident, the assessment and the answers."""
    incident: Incident
    procedure: Procedure
    judgement: Judgement
    doubts: list[str]
    answers: dict[str, str]
    dpc: int


@dataclass(frozen=True, eq=False, repr=False)
class RaisingRule(FrozenValue):
    """A rule that raises the outcome to at least ``minimum`` when ``test`` finds its facts."""

    id: str
    description: str
    source: str
    minimum: str
    test: Callable[[RuleContext], str | None]


def _health_untrusted(ctx: RuleContext) -> str | None:
    # Health data are the data categories flagged `health = true` in forms/options.toml.
    options = ctx.procedure.options["data_categories"]
    health = [c for c in ctx.incident.scope.data_categories
              if (o := options.get(c)) is not None and o.extra.get("health") is True]
    # A DPC lowered below 3 (with the justification ENISA §3.1.1 requires) says the data give no
    # substantial insight into health (ENISA Annex 1: a certificate of good health = 1).
    if health and ctx.dpc >= 3 and ctx.judgement.untrusted:
        return _("Des données de santé ont pu être vues par des personnes inconnues ou non tenues au "
                 "secret : un dommage doit être considéré comme probable.")
    return None


def _vulnerable(ctx: RuleContext) -> str | None:
    options = ctx.procedure.options["person_categories"]
    vulnerable = [options.label_of(c) for c in ctx.incident.scope.person_categories
                  if (o := options.get(c)) is not None and o.extra.get("vulnerable")]
    possible = any(level and level != "negligeable" for level in ctx.judgement.likelihood.values())
    if vulnerable and possible:
        return _("Des personnes mineures ou vulnérables sont concernées ({persons}).").format(
            persons=", ".join(vulnerable))
    return None


def _sensitive_spread(ctx: RuleContext) -> str | None:
    """Data that reveal a health condition or a specialised care (DPC 3 or more), identifiable
    (ENISA identification at least « importante »), spread beyond recall (a confidentiality answer
    of vraisemblance « maximale » that is not « Je ne sais pas »)."""
    if ctx.judgement.likelihood.get("confidentiality") != "maximale" or ctx.dpc < 3:
        return None
    ei_question = ctx.procedure.risk_question("ei")
    ei = ei_question.get(ctx.answers.get(ei_question.id, ""))
    if ei is None or (ei.ei or 0) < 3:
        return None
    spread = []
    for question in ctx.procedure.method.for_harm("confidentiality"):
        option = question.get(ctx.answers.get(question.id, ""))
        if option is not None and option.likelihood == "maximale" and not option.unknown:
            spread.append(option)
    if not spread:
        return None
    return _("Des données qui révèlent un état de santé ou le recours à un soin spécialisé, "
             "permettant de reconnaître les personnes, ont été diffusées sans retour possible "
             "(publication, copie) : les personnes doivent pouvoir se protéger.")


def _availability_answers(ctx: RuleContext) -> list:
    """The answers given (or proposed) to the availability likelihood questions."""
    chosen = []
    for question in ctx.procedure.method.for_harm("availability"):
        answer = ctx.answers.get(question.id)
        option = question.get(answer) if answer else None
        if option is not None:
            chosen.append(option)
    return chosen


def _long_unavailability(ctx: RuleContext) -> str | None:
    # The answers flagged in forms/risk.toml: `permanent` (lost for good), `long_unavailability`
    # (more than 48 hours) and `continuity` (a continuity plan kept the service running).
    if ctx.judgement.likelihood.get("availability") is None:
        return None
    chosen = _availability_answers(ctx)
    if any(o.permanent for o in chosen):
        return _("Des données sont perdues définitivement : la CNIL demande alors une notification, "
                 "même sans autre conséquence.")
    if any(o.long_unavailability for o in chosen) and not any(o.continuity for o in chosen):
        return _("Les données sont restées indisponibles plus de 48 heures sans que la continuité du "
                 "service soit assurée : la CNIL n'écarte la notification que si un plan de "
                 "continuité ou de reprise a assuré le service, ou si les données ont été "
                 "restaurées à partir des sauvegardes sans conséquence significative pour les "
                 "personnes.")
    return None


def _doubt(ctx: RuleContext) -> str | None:
    if ctx.doubts:
        return _("En cas de doute, notifiez à la CNIL ({doubts}).").format(doubts=" ; ".join(ctx.doubts))
    return None


#: The descriptions are French source text (the Méthode page shows them): translate with
#: i18n._() where shown.
RAISING_RULES: tuple[RaisingRule, ...] = (
    RaisingRule("sante-non-confiance",
                N_("Données de santé (DPC d'au moins 3) qui ont pu être vues par des personnes inconnues "
                   "ou non tenues au secret (et non chiffrées) : un dommage doit être considéré comme "
                   "probable, au moins notification à la CNIL."), "wp250-sante", NOTIFY_CNIL, _health_untrusted),
    RaisingRule("sensible-diffuse",
                N_("Données qui révèlent un état de santé ou le recours à un soin spécialisé (DPC "
                   "d'au moins 3), permettant de reconnaître les personnes (identification au moins "
                   "« importante »), diffusées sans retour possible (vraisemblance « maximale » "
                   "donnée par une réponse connue, pas par « Je ne sais pas ») : notification à la "
                   "CNIL et information des personnes, même à gravité « limitée » (ICO, 2016 : "
                   "adresses électroniques de 781 patients d'un service VIH rendues visibles, la "
                   "clinique a prévenu chaque patient le jour même)."), "ico-56-dean-street",
                NOTIFY_AND_INFORM, _sensitive_spread),
    RaisingRule("indisponibilite-longue",
                N_("Données perdues définitivement, ou indisponibles plus de 48 heures sans que la "
                   "continuité du service soit assurée : au moins notification à la CNIL, quelle que "
                   "soit la gravité (CNIL après l'incendie d'OVH : pas de notification si un plan de "
                   "continuité ou de reprise a assuré la continuité du service, ou si les données ont "
                   "été restaurées à partir des sauvegardes sans conséquence significative ; "
                   "notification si elles sont définitivement perdues ; CEPD 01/2021, cas 02)."), "cnil-ovh",
                NOTIFY_CNIL, _long_unavailability),
    RaisingRule("personnes-vulnerables",
                N_("Personnes mineures ou vulnérables concernées, et une conséquence au moins possible "
                   "(vraisemblance au-dessus de « négligeable » pour un dommage) : au moins "
                   "notification à la CNIL."), "choix-risque", NOTIFY_CNIL, _vulnerable),
    RaisingRule("doute",
                N_("Doute : une réponse « Je ne sais pas », sans réponse ou seulement proposée (non "
                   "confirmée) pour un dommage atteint, une question de gravité sans réponse, la "
                   "nature non qualifiée, ou le chiffrement inconnu quand la confidentialité est "
                   "atteinte : « En cas de doute, notifiez à la CNIL qui vous indiquera s'il est "
                   "nécessaire d'informer les personnes » (CNIL)."), "cnil-notifier", NOTIFY_CNIL,
                _doubt),
)


def apply_raising_rules(procedure: Procedure, incident: Incident, judgement: Judgement,
                        doubts: list[str], answers: dict[str, str],
                        dpc: int) -> tuple[str, tuple[str, ...], list[Reason]]:
    """The outcome from the risk, raised by every rule whose facts are present."""
    outcome = procedure.method.outcomes[judgement.risk]
    ctx = RuleContext(incident, procedure, judgement, doubts, answers, dpc)
    applied, reasons = [], []
    for rule in RAISING_RULES:
        fact = rule.test(ctx)
        if fact is None:
            continue
        applied.append(rule.id)
        if OUTCOMES.index(outcome) < OUTCOMES.index(rule.minimum):
            outcome = rule.minimum
            fact = _("{fact} La décision est relevée : « {outcome} ».").format(
                fact=fact, outcome=OUTCOME_LABELS[rule.minimum])
        reasons.append(Reason(fact, rule.source))
    return outcome, tuple(applied), reasons


#: French source text (the Méthode page shows it too): translate with i18n._() where shown.
UNLIKELY_SENTENCE = N_("Violation non susceptible d'engendrer un risque pour les droits et libertés "
                       "des personnes")


def closing_reasons(judgement: Judgement, outcome: str, severity: str) -> list[Reason]:
    """The last reasons: why register only (with the deciding facts), and the recommendation."""
    reasons = []
    if outcome == REGISTER_ONLY:
        facts = "; ".join(judgement.deciding) or _("gravité « {severity} »").format(
            severity=LEVEL_LABELS[severity])
        reasons.append(Reason(_("{sentence} : {facts}. Elle est inscrite au registre "
                                "interne avec cette justification (article 33, paragraphe 5).").format(
                                    sentence=_(UNLIKELY_SENTENCE), facts=facts),
                              "rgpd-33-5"))
    reasons.append(Reason(_("Recommandation : {outcome}.").format(outcome=OUTCOME_LABELS[outcome]),
                          "choix-risque"))
    return reasons
