"""The panels of the wizard's steps, one module per family (base, scenario, risk and
decision, notification and information, other bodies and closure, prevention and follow-up).

Each family's module is imported when one of its names is first asked for (PEP 562): opening an
incident builds the panel of its current step only, and a start that resumes an incident
imports that step's family, not the six."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

#: Each name, and the module of its family.
_FAMILIES = {
    "ActionDialog": "action_dialog",
    "Panel": "base", "WrappingRadio": "base",
    "BodiesPanel": "closing", "ClosurePanel": "closing", "TimelinePanel": "closing",
    "FollowUpPanel": "followup",
    "InformationPanel": "notification", "NotificationPanel": "notification",
    "DecisionPanel": "risk", "RiskPanel": "risk",
    "ScenarioPanel": "scenario",
}

__all__ = ["WrappingRadio", "Panel", "ScenarioPanel", "RiskPanel", "DecisionPanel",
           "NotificationPanel", "InformationPanel", "BodiesPanel", "ClosurePanel", "TimelinePanel",
           "FollowUpPanel", "ActionDialog"]

if TYPE_CHECKING:
    from .action_dialog import ActionDialog
    from .base import Panel, WrappingRadio
    from .closing import BodiesPanel, ClosurePanel, TimelinePanel
    from .followup import FollowUpPanel
    from .notification import InformationPanel, NotificationPanel
    from .risk import DecisionPanel, RiskPanel
    from .scenario import ScenarioPanel


def __getattr__(name: str) -> Any:
    family = _FAMILIES.get(name)
    if family is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{family}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_FAMILIES])
