"""The panels of the wizard's steps, one module per family (base, scenario, risk and
decision, notification and information, other bodies and closure, prevention and follow-up)."""

from .action_dialog import ActionDialog
from .base import Panel, WrappingRadio
from .closing import BodiesPanel, ClosurePanel, TimelinePanel
from .followup import FollowUpPanel
from .notification import InformationPanel, NotificationPanel
from .risk import DecisionPanel, RiskPanel
from .scenario import ScenarioPanel

__all__ = ["WrappingRadio", "Panel", "ScenarioPanel", "RiskPanel", "DecisionPanel",
           "NotificationPanel", "InformationPanel", "BodiesPanel", "ClosurePanel", "TimelinePanel",
           "FollowUpPanel", "ActionDialog"]
