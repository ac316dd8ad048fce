"""Recording the decision: the pharmacist may depart from the recommendation only with a reason."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .errors import ValidationError
from .model import OUTCOME_LABELS, OUTCOMES, Decision, Incident
from .procedure import Procedure
from .risk import Assessment, format_number


def missing_before_decision(incident: Incident, procedure: Procedure) -> list[str]:
    """French descriptions of the required answers still missing in the steps before the decision."""
    missing = []
    for step in procedure.steps:
        if step.kind == "decision":
            break
        for f in procedure.missing_required(incident, step.id):
            missing.append(f"{step.title} : {f.label}")
    return missing


def record_decision(incident: Incident, assessment: Assessment, outcome: str, justification: str,
                    at: datetime, procedure: Procedure) -> tuple[str, dict[str, Any]]:
    """Set ``incident.decision``; return the journal action and details to store with it."""
    if outcome not in OUTCOMES:
        raise ValidationError("Choisissez une décision.")
    missing = missing_before_decision(incident, procedure)
    if missing:
        raise ValidationError("Avant de décider, complétez : " + " ; ".join(missing) + ".")
    justification = justification.strip()
    overridden = outcome != assessment.outcome
    if overridden and not justification:
        raise ValidationError(
            f"Vous choisissez « {OUTCOME_LABELS[outcome]} » alors que la méthode recommande "
            f"« {OUTCOME_LABELS[assessment.outcome]} » : écrivez pourquoi. Cette justification "
            "figurera au registre et au journal.")
    if assessment.dpc_departure and not incident.risk.justification.strip():
        raise ValidationError(
            "Votre réponse à « Que révèlent les données ? » diffère de celle proposée d'après les "
            "catégories de données : expliquez pourquoi à l'étape Évaluation du risque "
            "(la méthode ENISA l'exige).")
    incident.decision = Decision(recommended=assessment.outcome, outcome=outcome,
                                 justification=justification, decided_at=at)
    details = {
        "outcome": outcome,
        "recommended": assessment.outcome,
        "score": format_number(assessment.score),
        "band": assessment.band,
        "cnil_severity": assessment.cnil_severity,
        "answers": assessment.answers,
        "justification": justification,
        "reasons": [r.text for r in assessment.reasons],
    }
    return ("decision_overridden" if overridden else "decision_made"), details
