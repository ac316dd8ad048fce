"""The procedure loaded from ``forms/``: steps, fields, option lists, scenarios, bodies, risk
questions and sources, validated at start-up with messages naming the file, the key and the problem.

This module is the procedure's face, as before: the types and constants live in
``forms.schema`` (which imports no loader), the loading in the ``forms`` package, and
``load_procedure`` caches what it loaded (treat a ``Procedure`` as read-only).
"""

from __future__ import annotations

from .forms.loader import load_procedure
from .forms.schema import (
    CNIL_STATUSES,
    ENISA_CATEGORIES,
    FIELD_TYPES,
    FORMAT_VERSION,
    HARM_LABELS,
    HARM_NATURE,
    HARMS,
    LEVEL_LABELS,
    LEVELS,
    REQUIREMENTS,
    RISK_INPUTS,
    RISK_LABELS,
    RISKS,
    SOURCE_STATUSES,
    STEP_KINDS,
    Body,
    ChecklistItem,
    CnilField,
    CnilSection,
    Field,
    FirstHour,
    Option,
    OptionList,
    Procedure,
    ProcedureError,
    Proposal,
    Resource,
    RiskMethod,
    RiskOption,
    RiskQuestion,
    Scenario,
    Source,
    Step,
)

__all__ = [
    "Body", "CNIL_STATUSES", "ChecklistItem", "CnilField", "CnilSection", "ENISA_CATEGORIES",
    "FIELD_TYPES", "FORMAT_VERSION", "Field", "FirstHour", "HARMS", "HARM_LABELS", "HARM_NATURE",
    "LEVELS", "LEVEL_LABELS", "Option", "OptionList", "Procedure", "ProcedureError", "Proposal",
    "REQUIREMENTS", "RISKS", "RISK_INPUTS", "RISK_LABELS", "Resource", "RiskMethod", "RiskOption",
    "RiskQuestion", "SOURCE_STATUSES", "STEP_KINDS", "Scenario", "Source", "Step", "load_procedure",
]
