"""Recording the decision (brief section 8): what must be answered before deciding, what the
method said (kept with the decision, never recomputed) and when a recorded decision no longer
matches the recommendation.

The rules themselves (likelihood per kind of harm, the risk map, the rules that only raise the
outcome) are in ``rules``, and ``Reason`` and ``LikelihoodLine`` in ``reasons``; the assessment
that applies the rules is ``risk.assess``. Their names are re-exported here, so that the imports
written before the split keep working.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .. import i18n
from ..i18n import _
from .errors import ValidationError
from .model import OUTCOME_LABELS, OUTCOMES, Decision, DecisionBasis, Incident
from .procedure import Procedure
from .reasons import LikelihoodLine, Reason
from .risk import Assessment, assess, format_number
from .rules import (
    RAISING_RULES,
    UNLIKELY_SENTENCE,
    Judgement,
    RaisingRule,
    RuleContext,
    apply_raising_rules,
    closing_reasons,
    judge,
    overall_likelihood,
)

__all__ = [
    "METHOD_ID", "RAISING_RULES", "UNLIKELY_SENTENCE",
    "Judgement", "LikelihoodLine", "RaisingRule", "Reason", "RuleContext", "apply_raising_rules",
    "basis_of", "closing_reasons", "decision_outdated", "judge", "missing_before_decision",
    "overall_likelihood", "record_decision",
]

#: The method a decision was recorded with (kept in Decision.basis). Decisions recorded before
#: it (ENISA band alone) have an empty method.
METHOD_ID = "gravite-vraisemblance-1"


# --- recording the decision -------------------------------------------------------------------


def missing_before_decision(incident: Incident, procedure: Procedure) -> list[str]:
    """French descriptions of the required answers still missing in the steps before the decision."""
    missing = []
    for step in procedure.steps:
        if step.kind == "decision":
            break
        for f in procedure.missing_required(incident, step.id):
            missing.append(_("{step} : {field}").format(step=step.title, field=f.label))
    return missing


def basis_of(assessment: Assessment) -> DecisionBasis:
    """What the method said, kept with the decision (never recomputed from later answers)."""
    return DecisionBasis(
        method=METHOD_ID,
        score=f"{assessment.score.numerator}/{assessment.score.denominator}",
        severity=assessment.cnil_severity,
        likelihood={h: v or "" for h, v in assessment.likelihood.items()},
        harm_risk={h: v or "" for h, v in assessment.harm_risk.items()},
        risk=assessment.risk,
        answers=dict(assessment.answers),
        reasons=[r.text for r in assessment.reasons],
    )


def overridden(decision: Decision) -> bool:
    """The pharmacist decided otherwise than the method recommended (the register says so and
    keeps the justification)."""
    return bool(decision.outcome) and decision.outcome != decision.recommended


def decision_outdated(decision: Decision, assessment: Assessment) -> str:
    """Why a recorded decision no longer matches the method's recommendation ("" if it does)."""
    if not decision.outcome or not decision.recommended:
        return ""
    if decision.basis.method != METHOD_ID:
        if decision.recommended != assessment.outcome or decision.outcome != assessment.outcome:
            return "method"
        return ""
    basis = decision.basis
    if decision.recommended != assessment.outcome or basis.severity != assessment.cnil_severity \
            or basis.risk != assessment.risk \
            or basis.likelihood != {h: v or "" for h, v in assessment.likelihood.items()}:
        return "answers"  # the reasons kept would no longer say what the file says
    return ""


def record_decision(incident: Incident, assessment: Assessment, outcome: str, justification: str,
                    at: datetime, procedure: Procedure) -> tuple[str, dict[str, Any]]:
    """Set ``incident.decision``; return the journal action and details to store with it."""
    if outcome not in OUTCOMES:
        raise ValidationError(_("Choisissez une décision."))
    missing = missing_before_decision(incident, procedure)
    if missing:
        raise ValidationError(_("Avant de décider, complétez : {missing}.").format(missing=" ; ".join(missing)))
    justification = justification.strip()
    overridden = outcome != assessment.outcome
    if overridden and not justification:
        raise ValidationError(
            _("Vous choisissez « {chosen} » alors qu'Incident Wizard recommande "
              "« {recommended} » : écrivez pourquoi. Cette justification "
              "figurera au registre et au journal.").format(
                chosen=OUTCOME_LABELS[outcome], recommended=OUTCOME_LABELS[assessment.outcome]))
    if assessment.dpc_departure and not incident.risk.justification.strip():
        raise ValidationError(
            _("Votre réponse à « Que révèlent les données ? » diffère de celle proposée d'après les "
              "catégories de données : expliquez pourquoi à l'étape Évaluation du risque "
              "(la méthode ENISA l'exige, §3.1.1)."))
    basis = basis_of(assessment)
    if i18n.translating():
        # The reasons kept with the decision are part of the record and of the journal entry's
        # hash: always the French source text, whatever language the pharmacist reads.
        with i18n.source_text():
            basis = basis_of(assess(incident, procedure))
    incident.decision = Decision(recommended=assessment.outcome, outcome=outcome,
                                 justification=justification, decided_at=at, basis=basis)
    details = {
        "outcome": outcome,
        "recommended": assessment.outcome,
        "method": METHOD_ID,
        "score": format_number(assessment.score),
        "band": assessment.band,
        "cnil_severity": assessment.cnil_severity,
        "likelihood": basis.likelihood,
        "risk": assessment.risk,
        "answers": assessment.answers,
        "justification": justification,
        "reasons": basis.reasons,
    }
    return ("decision_overridden" if overridden else "decision_made"), details
