"""What ``forms/`` describes: the procedure and its parts (steps and fields, option lists,
scenarios, other bodies, risk questions and method, the CNIL form, sources, prevention proposals
and resources), the constants that bound them, and ``ProcedureError``.

These are plain frozen values: this module imports no loader (the loaders of ``forms/`` import
it). A loaded ``Procedure`` is shared (``load_procedure`` caches it): treat it and everything it
holds, dictionaries included, as read-only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..errors import IncidentWizardError
from ..model import Incident
from ..serialize import get_path
from ..values import FrozenValue

FORMAT_VERSION = 1
FIELD_TYPES = {
    "text": str,
    "multiline": str,
    "bool": bool,
    "integer": int | None,
    "datetime": datetime | None,
    "choice": str,
    "multichoice": list[str],
}
STEP_KINDS = ("form", "scenario", "risk", "decision", "notification", "information", "bodies",
              "followup", "closure")
SOURCE_STATUSES = ("source", "secondaire", "non-verifie", "choix")
REQUIREMENTS = ("obligatoire", "recommandé")
ENISA_CATEGORIES = {"simple": 1, "behavioural": 2, "financial": 3, "sensitive": 4}
RISK_INPUTS = ("dpc", "ei", "confidentiality", "integrity", "availability", "malicious", "encrypted")
#: The CNIL four levels, used for gravité and vraisemblance (CNIL PIA method), in order.
LEVELS = ("negligeable", "limitee", "importante", "maximale")
LEVEL_LABELS = {"negligeable": "négligeable", "limitee": "limitée", "importante": "importante",
                "maximale": "maximale"}
#: Kinds of harm (brief section 1) and the nature option that says the breach has it.
HARMS = ("confidentiality", "integrity", "availability")
HARM_NATURE = {"confidentiality": "confidentialite", "integrity": "integrite",
               "availability": "disponibilite"}
HARM_LABELS = {"confidentiality": "Confidentialité", "integrity": "Intégrité",
               "availability": "Disponibilité"}
#: Risk levels of the risk map, in order, and their French wording.
RISKS = ("unlikely", "risk", "high")
RISK_LABELS = {"unlikely": "non susceptible d'engendrer un risque", "risk": "un risque",
               "high": "un risque élevé"}


class ProcedureError(IncidentWizardError):
    """A file in forms/ is broken; the message names the file, the key and the problem."""


@dataclass(frozen=True, eq=False, repr=False)
class Source(FrozenValue):
    """A source cited by forms/ (title, address, status: source, secondaire, non-verifie, choix)."""
    id: str
    title: str
    url: str
    status: str


@dataclass(frozen=True, eq=False, repr=False)
class Option(FrozenValue):
    """One choice of an option list of forms/options.toml."""
    id: str
    label: str
    help: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, eq=False, repr=False)
class OptionList(FrozenValue):
    """An option list of forms/options.toml, in its order."""
    id: str
    label: str
    sources: tuple[str, ...]
    options: tuple[Option, ...]

    def get(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def label_of(self, option_id: str) -> str:
        option = self.get(option_id)
        return option.label if option else option_id


@dataclass(frozen=True, eq=False, repr=False)
class Field(FrozenValue):
    """One field of a step of forms/procedure.toml (a path in the incident model)."""
    key: str
    type: str
    label: str
    help: str = ""
    sources: tuple[str, ...] = ()
    required: bool = False
    options: str = ""
    placeholder: str = ""
    enabled_if: str = ""
    disabled_if: str = ""
    identifiers_check: bool = False
    #: Printed as typed in the texts to the persons: the guard's warning says so.
    for_persons: bool = False


@dataclass(frozen=True, eq=False, repr=False)
class Step(FrozenValue):
    """One step of the procedure (forms/procedure.toml)."""
    id: str
    title: str
    kind: str
    intro: str
    help: str
    sources: tuple[str, ...]
    fields: tuple[Field, ...]


@dataclass(frozen=True, eq=False, repr=False)
class ChecklistItem(FrozenValue):
    """A containment action of a scenario's checklist; ``for_persons``: the reviewed sentence
    the texts to the persons say once it is done ("" when they say nothing of it)."""
    id: str
    label: str
    for_persons: str = ""


@dataclass(frozen=True, eq=False, repr=False)
class Scenario(FrozenValue):
    """A situation's playbook (forms/scenarios.toml): first actions and proposed answers."""
    id: str
    label: str
    summary: str
    sources: tuple[str, ...]
    qualification: dict[str, Any]
    risk: dict[str, str]
    checklist: tuple[ChecklistItem, ...]


@dataclass(frozen=True, eq=False, repr=False)
class Body(FrozenValue):
    """Another body to contact (forms/bodies.toml), obligatoire or recommandé."""
    id: str
    label: str
    requirement: str
    help: str
    sources: tuple[str, ...]
    #: A few words for tables (the register); the label when absent.
    short: str = ""


@dataclass(frozen=True, eq=False, repr=False)
class RiskOption(FrozenValue):
    """One answer to a risk question, with the values it stands for."""
    id: str
    label: str
    anchor: str
    dpc: int | None = None
    ei: int | None = None
    cb: int = 0
    unknown: bool = False
    untrusted: bool = False
    malicious: bool = False
    unintelligible: bool = False
    #: For likelihood questions: the CNIL level this answer gives.
    likelihood: str = ""
    #: Flags the "indisponibilite-longue" rule reads (forms/risk.toml): unavailable long enough
    #: to need a notification, lost for good, service kept running (continuity plan).
    long_unavailability: bool = False
    permanent: bool = False
    continuity: bool = False


@dataclass(frozen=True, eq=False, repr=False)
class RiskQuestion(FrozenValue):
    """A plain risk question (forms/risk.toml) and its answers."""
    id: str
    input: str
    question: str
    help: str
    sources: tuple[str, ...]
    options: tuple[RiskOption, ...]
    #: For likelihood questions: the kind of harm it judges ("" for the severity questions).
    harm: str = ""

    def get(self, option_id: str) -> RiskOption | None:
        return next((o for o in self.options if o.id == option_id), None)

    def worst(self) -> RiskOption:
        """The least favourable answer of a likelihood question (used when it is unanswered)."""
        return max(self.options, key=lambda o: (LEVELS.index(o.likelihood), o.unknown))


@dataclass(frozen=True, eq=False, repr=False)
class RiskMethod(FrozenValue):
    """The likelihood questions, the risk map and what each risk level requires (risk.toml)."""

    questions: tuple[RiskQuestion, ...]
    malicious_raises: tuple[str, ...]
    malicious_sources: tuple[str, ...]
    encryption_sources: tuple[str, ...]
    #: gravité -> vraisemblance -> risk level.
    risk_map: dict[str, dict[str, str]]
    map_sources: tuple[str, ...]
    #: risk level -> outcome.
    outcomes: dict[str, str]
    outcome_sources: tuple[str, ...]

    def for_harm(self, harm: str) -> tuple[RiskQuestion, ...]:
        return tuple(q for q in self.questions if q.harm == harm)


@dataclass(frozen=True, eq=False, repr=False)
class FirstHour(FrozenValue):
    """The short path to the initial notification (forms/procedure.toml, [first_hour])."""

    title: str
    intro: str
    before_scenario: tuple[Field, ...]
    after_scenario: tuple[Field, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, eq=False, repr=False)
class CnilField(FrozenValue):
    """One field of the CNIL notification draft (forms/cnil_form.toml)."""

    id: str
    label: str
    edpb: tuple[int, ...]
    required: bool
    repeat: bool
    status: str
    #: Not knowable in the first hours (Art. 33(4)): an initial draft says it will follow.
    later: bool = False


@dataclass(frozen=True, eq=False, repr=False)
class CnilSection(FrozenValue):
    """One section of the CNIL notification draft (forms/cnil_form.toml)."""
    number: int
    title: str
    edpb: str
    status: str
    fields: tuple[CnilField, ...]


#: What a field's or section's status may say (forms/cnil_form.toml).
CNIL_STATUSES = ("verifie", "reconstitue")


@dataclass(frozen=True, eq=False, repr=False)
class Proposal(FrozenValue):
    """A prevention or corrective measure proposed after a breach of some situations."""

    id: str
    title: str
    detail: str
    kind: str
    scenarios: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, eq=False, repr=False)
class Resource(FrozenValue):
    """A public resource the help points to (shown, never fetched)."""

    title: str
    where: str
    url: str
    sources: tuple[str, ...]


@dataclass(frozen=True, eq=False, repr=False)
class Procedure(FrozenValue):
    """The whole procedure loaded from forms/: steps, options, scenarios, bodies, risk, sources.

    ``load_procedure`` shares one instance between its callers (it is cached): never change it,
    nor the dictionaries it holds; make another one (``dataclasses.replace``) instead."""
    steps: tuple[Step, ...]
    options: dict[str, OptionList]
    scenarios: dict[str, Scenario]
    bodies: dict[str, Body]
    risk_questions: tuple[RiskQuestion, ...]
    sources: dict[str, Source]
    #: CNIL draft section number -> (EDPB common template section id, label).
    edpb_mapping: dict[int, tuple[str, str]] = field(default_factory=dict)
    risk_method: RiskMethod | None = None
    #: The CNIL notification draft's sections and fields, in the form's order.
    cnil_form: tuple[CnilSection, ...] = ()
    first_hour: FirstHour | None = None
    #: Prevention proposals by id (forms/prevention.toml) and the help's resources.
    proposals: dict[str, Proposal] = field(default_factory=dict)
    resources: tuple[Resource, ...] = ()

    @property
    def method(self) -> RiskMethod:
        assert self.risk_method is not None
        return self.risk_method

    def all_risk_questions(self) -> tuple[RiskQuestion, ...]:
        """Severity (ENISA) questions, then likelihood questions."""
        return self.risk_questions + self.method.questions

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def step_index(self, step_id: str) -> int:
        return next((i for i, s in enumerate(self.steps) if s.id == step_id), 0)

    def risk_question(self, input_name: str) -> RiskQuestion:
        return next(q for q in self.risk_questions if q.input == input_name)

    def label(self, list_id: str, option_id: str) -> str:
        return self.options[list_id].label_of(option_id)

    def labels(self, list_id: str, option_ids: list[str]) -> list[str]:
        return [self.label(list_id, o) for o in option_ids]

    def field(self, key: str) -> Field | None:
        return next((f for s in self.steps for f in s.fields if f.key == key), None)

    def missing_required(self, incident: Incident, step_id: str) -> list[Field]:
        """Required fields of a step that have no value yet."""
        missing = []
        for f in self.step(step_id).fields:
            if not f.required or not self.field_enabled(incident, f):
                continue
            value = get_path(incident, f.key)
            if value is None or value == "" or value == []:
                missing.append(f)
        return missing

    def covered_by_first_hour(self, incident: Incident, decision_current: bool = True) -> list[str]:
        """The steps the first-hour page has already answered, to be marked done when the
        pharmacist continues from it (nothing confirmed twice): a form step whose required
        fields are all asked on that page and filled, the situation step once a situation is
        chosen and its required fields filled, the decision step and the risk step once the
        decision is recorded (it keeps the assessment it was taken on, answers included) and
        still current (``decision_current``: the answers have not changed since)."""
        if self.first_hour is None:
            return []
        asked = {f.key for f in self.first_hour.before_scenario + self.first_hour.after_scenario}
        covered = []
        for step in self.steps:
            if step.id in incident.steps_done:
                continue
            required = [f for f in step.fields if f.required]
            if step.kind in ("decision", "risk"):
                ok = bool(incident.decision.outcome) and decision_current
            elif step.kind in ("form", "scenario"):
                ok = bool(required) or step.kind == "scenario"
                ok = ok and all(f.key in asked for f in required) \
                    and not self.missing_required(incident, step.id) \
                    and (step.kind != "scenario" or bool(incident.scenario))
            else:
                ok = False
            if ok:
                covered.append(step.id)
        return covered

    def field_enabled(self, incident: Incident, f: Field) -> bool:
        if f.enabled_if and not get_path(incident, f.enabled_if):
            return False
        return not (f.disabled_if and get_path(incident, f.disabled_if))
