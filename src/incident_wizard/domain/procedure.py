"""The procedure loaded from ``forms/``: steps, fields, option lists, scenarios, bodies, risk
questions and sources, validated at start-up with messages naming the file, the key and the problem.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .errors import IncidentWizardError
from .model import Incident
from .prevention import Proposal, Resource, load_proposals, load_resources
from .serialize import field_type

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


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    status: str


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    help: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OptionList:
    id: str
    label: str
    sources: tuple[str, ...]
    options: tuple[Option, ...]

    def get(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def label_of(self, option_id: str) -> str:
        option = self.get(option_id)
        return option.label if option else option_id


@dataclass(frozen=True)
class Field:
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


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    kind: str
    intro: str
    help: str
    sources: tuple[str, ...]
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    label: str


@dataclass(frozen=True)
class Scenario:
    id: str
    label: str
    summary: str
    sources: tuple[str, ...]
    qualification: dict[str, Any]
    risk: dict[str, str]
    checklist: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class Body:
    id: str
    label: str
    requirement: str
    help: str
    sources: tuple[str, ...]
    #: A few words for tables (the register); the label when absent.
    short: str = ""


@dataclass(frozen=True)
class RiskOption:
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


@dataclass(frozen=True)
class RiskQuestion:
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


@dataclass(frozen=True)
class RiskMethod:
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


@dataclass(frozen=True)
class FirstHour:
    """The short path to the initial notification (forms/procedure.toml, [first_hour])."""

    title: str
    intro: str
    before_scenario: tuple[Field, ...]
    after_scenario: tuple[Field, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class CnilField:
    """One field of the CNIL notification draft (forms/cnil_form.toml)."""

    id: str
    label: str
    edpb: tuple[int, ...]
    required: bool
    repeat: bool
    status: str


@dataclass(frozen=True)
class CnilSection:
    number: int
    title: str
    edpb: str
    status: str
    fields: tuple[CnilField, ...]


#: What a field's or section's status may say (forms/cnil_form.toml).
CNIL_STATUSES = ("verifie", "reconstitue")


@dataclass(frozen=True)
class Procedure:
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
        from .serialize import get_path

        missing = []
        for f in self.step(step_id).fields:
            if not f.required or not self.field_enabled(incident, f):
                continue
            value = get_path(incident, f.key)
            if value is None or value == "" or value == []:
                missing.append(f)
        return missing

    def field_enabled(self, incident: Incident, f: Field) -> bool:
        from .serialize import get_path

        if f.enabled_if and not get_path(incident, f.enabled_if):
            return False
        return not (f.disabled_if and get_path(incident, f.disabled_if))


# --- loading -----------------------------------------------------------------------------------


class _Reader:
    """Typed access to a TOML table that reports problems as 'file : key : problem'."""

    def __init__(self, filename: str, data: dict[str, Any], where: str = ""):
        self.filename, self.data, self.where = filename, data, where

    def fail(self, key: str, problem: str) -> ProcedureError:
        path = f"{self.where}.{key}" if self.where and key else (self.where or key)
        return ProcedureError(f"forms/{self.filename} : clé « {path} » : {problem}")

    def child(self, key: str, data: Any) -> _Reader:
        if not isinstance(data, dict):
            raise self.fail(key, "une table est attendue")
        path = f"{self.where}.{key}" if self.where else key
        return _Reader(self.filename, data, path)

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ..., ) -> Any:
        if key not in self.data:
            if default is ...:
                raise self.fail(key, "valeur obligatoire absente")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = {str: "un texte", bool: "vrai ou faux (true/false)", int: "un nombre entier",
                     list: "une liste", dict: "une table"}
            expected = names.get(kind, str(kind)) if isinstance(kind, type) else "une valeur"
            raise self.fail(key, f"{expected} est attendu, trouvé « {value!r} »")
        if kind is str and default is ... and not value.strip():
            raise self.fail(key, "le texte est vide")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        values = self.get(key, list, [])
        for index, value in enumerate(values):
            if not isinstance(value, str):
                raise self.fail(f"{key}[{index}]", "un texte est attendu")
        return tuple(values)

    def only(self, allowed: set[str]) -> None:
        unknown = sorted(set(self.data) - allowed)
        if unknown:
            raise self.fail(unknown[0], f"clé inconnue (clés permises : {', '.join(sorted(allowed))})")


def _read_toml(folder: Path, filename: str) -> dict[str, Any]:
    path = folder / filename
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ProcedureError(f"forms/{filename} : fichier absent ({path}).") from None
    except tomllib.TOMLDecodeError as error:
        raise ProcedureError(f"forms/{filename} : syntaxe TOML invalide ({error}).") from None
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise ProcedureError(f"forms/{filename} : clé « format_version » : {FORMAT_VERSION} attendu, "
                             f"trouvé « {version!r} ».")
    return data


def _check_sources(reader: _Reader, key: str, sources: dict[str, Source]) -> tuple[str, ...]:
    ids = reader.strings(key)
    for index, source_id in enumerate(ids):
        if source_id not in sources:
            raise reader.fail(f"{key}[{index}]", f"source « {source_id} » inconnue (voir forms/sources.toml)")
    return ids


def load_procedure(folder: Path | None = None) -> Procedure:
    """Load and validate every file of ``forms/``."""
    if folder is None:
        from ..locations import forms_dir

        folder = forms_dir()
    folder = Path(folder)
    sources = _load_sources(folder)
    options = _load_options(folder, sources)
    risk_questions, method = _load_risk(folder, sources)
    steps = _load_steps(folder, sources, options)
    scenarios = _load_scenarios(folder, sources, options, risk_questions + method.questions)
    bodies = _load_bodies(folder, sources)
    edpb_sections = _load_edpb_sections(folder, sources)
    cnil_form = _load_cnil_form(folder, sources, edpb_sections)
    mapping = {s.number: (s.edpb, edpb_sections[s.edpb]) for s in cnil_form}
    first_hour = _load_first_hour(folder, sources, steps)
    proposals = load_proposals(folder, sources, scenarios)
    resources = load_resources(folder, sources)
    return Procedure(steps, options, scenarios, bodies, risk_questions, sources, mapping, method,
                     cnil_form, first_hour, proposals, resources)


def _load_first_hour(folder: Path, sources: dict[str, Source],
                     steps: tuple[Step, ...]) -> FirstHour | None:
    data = _read_toml(folder, "procedure.toml").get("first_hour")
    if data is None:
        return None
    r = _Reader("procedure.toml", data, "first_hour")
    r.only({"title", "intro", "before_scenario", "after_scenario", "sources"})
    fields = {f.key: f for s in steps for f in s.fields}

    def keys(name: str) -> tuple[Field, ...]:
        chosen = []
        for key in r.strings(name):
            if key not in fields:
                raise r.fail(name, f"« {key} » n'est un champ d'aucune étape")
            chosen.append(fields[key])
        return tuple(chosen)

    return FirstHour(r.get("title", str), r.get("intro", str, ""), keys("before_scenario"),
                     keys("after_scenario"), _check_sources(r, "sources", sources))


def _load_edpb_sections(folder: Path, sources: dict[str, Source]) -> dict[str, str]:
    data = _read_toml(folder, "edpb_mapping.toml")
    root = _Reader("edpb_mapping.toml", data)
    root.only({"format_version", "sources", "edpb_sections"})
    _check_sources(root, "sources", sources)
    sections = {}
    for index, raw in enumerate(root.get("edpb_sections", list)):
        r = root.child(f"edpb_sections[{index}]", raw)
        r.only({"id", "label"})
        sections[r.get("id", str)] = r.get("label", str)
    return sections


def _load_cnil_form(folder: Path, sources: dict[str, Source],
                    edpb_sections: dict[str, str]) -> tuple[CnilSection, ...]:
    data = _read_toml(folder, "cnil_form.toml")
    root = _Reader("cnil_form.toml", data)
    root.only({"format_version", "sources", "sections"})
    _check_sources(root, "sources", sources)
    sections, ids = [], set()
    for index, raw in enumerate(root.get("sections", list)):
        r = root.child(f"sections[{index}]", raw)
        r.only({"number", "title", "edpb", "status", "fields"})
        number = r.get("number", int)
        if number != index + 1:
            raise r.fail("number", f"{index + 1} attendu (les rubriques sont numérotées dans l'ordre)")
        edpb = r.get("edpb", str)
        if edpb not in edpb_sections:
            raise r.fail("edpb", f"section « {edpb} » absente de edpb_mapping.toml")
        status = r.get("status", str)
        if status not in CNIL_STATUSES:
            raise r.fail("status", f"« {status} » : {' ou '.join(CNIL_STATUSES)} attendu")
        fields = []
        for f_index, f_raw in enumerate(r.get("fields", list)):
            f = r.child(f"fields[{f_index}]", f_raw)
            f.only({"id", "label", "edpb", "required", "repeat", "status"})
            field_id = f.get("id", str)
            if field_id in ids:
                raise f.fail("id", f"« {field_id} » figure deux fois")
            ids.add(field_id)
            numbers = f.get("edpb", list, [])
            if not all(isinstance(n, int) and 1 <= n <= 200 for n in numbers):
                raise f.fail("edpb", "numéros de champ du modèle commun attendus")
            field_status = f.get("status", str)
            if field_status not in CNIL_STATUSES:
                raise f.fail("status", f"« {field_status} » : {' ou '.join(CNIL_STATUSES)} attendu")
            fields.append(CnilField(field_id, f.get("label", str), tuple(numbers),
                                    f.get("required", bool, False), f.get("repeat", bool, False),
                                    field_status))
        sections.append(CnilSection(number, r.get("title", str), edpb, status, tuple(fields)))
    if not sections:
        raise root.fail("sections", "aucune rubrique")
    return tuple(sections)


def _load_sources(folder: Path) -> dict[str, Source]:
    data = _read_toml(folder, "sources.toml")
    root = _Reader("sources.toml", data)
    sources = {}
    for key, value in data.items():
        if key == "format_version":
            continue
        r = root.child(key, value)
        r.only({"title", "url", "status"})
        status = r.get("status", str)
        if status not in SOURCE_STATUSES:
            raise r.fail("status", f"« {status} » inconnu (attendus : {', '.join(SOURCE_STATUSES)})")
        sources[key] = Source(key, r.get("title", str), r.get("url", str, ""), status)
    return sources


def _load_options(folder: Path, sources: dict[str, Source]) -> dict[str, OptionList]:
    data = _read_toml(folder, "options.toml")
    root = _Reader("options.toml", data)
    lists = {}
    for key, value in data.items():
        if key == "format_version":
            continue
        r = root.child(key, value)
        r.only({"label", "sources", "options"})
        raw_options = r.get("options", list)
        if not raw_options:
            raise r.fail("options", "la liste est vide")
        parsed, seen = [], set()
        for index, raw in enumerate(raw_options):
            o = r.child(f"options[{index}]", raw)
            option_id = o.get("id", str)
            if option_id in seen:
                raise o.fail("id", f"identifiant « {option_id} » en double")
            seen.add(option_id)
            extra = {k: v for k, v in raw.items() if k not in ("id", "label", "help")}
            if key == "data_categories":
                category = o.get("enisa", str)
                if category not in ENISA_CATEGORIES:
                    raise o.fail("enisa", f"catégorie ENISA « {category} » inconnue "
                                          f"(attendues : {', '.join(ENISA_CATEGORIES)})")
                o.get("identifying", bool, False)
                for dpc_key in ("dpc", "dpc_with_patients"):
                    value = o.get(dpc_key, int, None)
                    if value is not None and value not in (1, 2, 3, 4):
                        raise o.fail(dpc_key, f"valeur {value} hors de l'échelle ENISA (1 à 4)")
                ei = o.get("ei", str, "")
                if ei and ei not in LEVELS:
                    raise o.fail("ei", f"niveau « {ei} » inconnu (attendus : {', '.join(LEVELS)})")
                o.get("dpc_note", str, "")
            if key == "person_categories":
                o.get("vulnerable", bool, False)
            parsed.append(Option(option_id, o.get("label", str), o.get("help", str, ""), extra))
        lists[key] = OptionList(key, r.get("label", str), _check_sources(r, "sources", sources),
                                tuple(parsed))
    for required in ("nature", "origins", "cause", "person_categories", "data_categories",
                     "consequences", "notification_kinds", "information_status", "channels",
                     "exemptions"):
        if required not in lists:
            raise ProcedureError(f"forms/options.toml : clé « {required} » : liste absente")
    return lists


def _load_steps(folder: Path, sources: dict[str, Source],
                options: dict[str, OptionList]) -> tuple[Step, ...]:
    data = _read_toml(folder, "procedure.toml")
    root = _Reader("procedure.toml", data)
    raw_steps = root.get("steps", list)
    steps, ids = [], set()
    for index, raw in enumerate(raw_steps):
        r = root.child(f"steps[{index}]", raw)
        r.only({"id", "title", "kind", "intro", "help", "sources", "fields"})
        step_id = r.get("id", str)
        if step_id in ids:
            raise r.fail("id", f"étape « {step_id} » en double")
        ids.add(step_id)
        kind = r.get("kind", str)
        if kind not in STEP_KINDS:
            raise r.fail("kind", f"type d'étape « {kind} » inconnu (attendus : {', '.join(STEP_KINDS)})")
        fields = tuple(_load_field(r.child(f"fields[{i}]", f), sources, options)
                       for i, f in enumerate(r.get("fields", list, [])))
        steps.append(Step(step_id, r.get("title", str), kind, r.get("intro", str, ""),
                          r.get("help", str, ""), _check_sources(r, "sources", sources), fields))
    if not steps:
        raise root.fail("steps", "aucune étape")
    keys = {f.key: f for s in steps for f in s.fields}
    for s_index, step in enumerate(steps):
        for f_index, f in enumerate(step.fields):
            for attr in ("enabled_if", "disabled_if"):
                target = getattr(f, attr)
                if target and (target not in keys or keys[target].type != "bool"):
                    raise ProcedureError(
                        f"forms/procedure.toml : clé « steps[{s_index}].fields[{f_index}].{attr} » : "
                        f"« {target} » n'est pas un champ oui/non de la procédure")
    return tuple(steps)


def _load_field(r: _Reader, sources: dict[str, Source], options: dict[str, OptionList]) -> Field:
    r.only({"key", "type", "label", "help", "sources", "required", "options", "placeholder",
            "enabled_if", "disabled_if", "identifiers_check"})
    key = r.get("key", str)
    ftype = r.get("type", str)
    if ftype not in FIELD_TYPES:
        raise r.fail("type", f"type « {ftype} » inconnu (attendus : {', '.join(FIELD_TYPES)})")
    try:
        declared = field_type(Incident, key)
    except KeyError as error:
        raise r.fail("key", f"« {key} » ne correspond à aucune donnée de l'incident "
                            f"(partie inconnue : « {error.args[0]} »)") from None
    if declared != FIELD_TYPES[ftype]:
        raise r.fail("type", f"le type « {ftype} » ne convient pas à la donnée « {key} »")
    option_list = r.get("options", str, "")
    if ftype in ("choice", "multichoice"):
        if option_list not in options:
            raise r.fail("options", f"liste d'options « {option_list} » inconnue (voir forms/options.toml)")
    elif option_list:
        raise r.fail("options", f"un champ de type « {ftype} » n'a pas de liste d'options")
    return Field(key=key, type=ftype, label=r.get("label", str), help=r.get("help", str, ""),
                 sources=_check_sources(r, "sources", sources),
                 required=r.get("required", bool, False), options=option_list,
                 placeholder=r.get("placeholder", str, ""), enabled_if=r.get("enabled_if", str, ""),
                 disabled_if=r.get("disabled_if", str, ""),
                 identifiers_check=r.get("identifiers_check", bool, False))


def _load_scenarios(folder: Path, sources: dict[str, Source], options: dict[str, OptionList],
                    questions: tuple[RiskQuestion, ...]) -> dict[str, Scenario]:
    data = _read_toml(folder, "scenarios.toml")
    root = _Reader("scenarios.toml", data)
    by_id = {q.id: q for q in questions}
    scenarios = {}
    for key, value in data.items():
        if key == "format_version":
            continue
        r = root.child(key, value)
        r.only({"label", "summary", "sources", "qualification", "risk", "checklist"})
        q = r.child("qualification", r.get("qualification", dict, {}))
        q.only({"nature", "origins", "cause"})
        for list_id in ("nature", "origins"):
            for index, option_id in enumerate(q.strings(list_id)):
                if options[list_id].get(option_id) is None:
                    raise q.fail(f"{list_id}[{index}]", f"option « {option_id} » inconnue dans options.toml")
        cause = q.get("cause", str, "")
        if cause and options["cause"].get(cause) is None:
            raise q.fail("cause", f"option « {cause} » inconnue dans options.toml")
        risk = r.child("risk", r.get("risk", dict, {}))
        for question_id, answer in risk.data.items():
            question = by_id.get(question_id)
            if question is None:
                raise risk.fail(question_id, "question inconnue dans risk.toml")
            if not isinstance(answer, str) or question.get(answer) is None:
                raise risk.fail(question_id, f"réponse « {answer} » inconnue pour cette question")
        items, seen = [], set()
        for index, raw in enumerate(r.get("checklist", list)):
            c = r.child(f"checklist[{index}]", raw)
            c.only({"id", "label"})
            item_id = c.get("id", str)
            if item_id in seen:
                raise c.fail("id", f"action « {item_id} » en double")
            seen.add(item_id)
            items.append(ChecklistItem(item_id, c.get("label", str)))
        scenarios[key] = Scenario(key, r.get("label", str), r.get("summary", str, ""),
                                  _check_sources(r, "sources", sources), dict(q.data),
                                  dict(risk.data), tuple(items))
    return scenarios


def _load_bodies(folder: Path, sources: dict[str, Source]) -> dict[str, Body]:
    data = _read_toml(folder, "bodies.toml")
    root = _Reader("bodies.toml", data)
    bodies = {}
    for key, value in data.items():
        if key == "format_version":
            continue
        r = root.child(key, value)
        r.only({"label", "short", "requirement", "help", "sources"})
        requirement = r.get("requirement", str)
        if requirement not in REQUIREMENTS:
            raise r.fail("requirement", f"« {requirement} » : attendu « obligatoire » ou « recommandé »")
        ids = _check_sources(r, "sources", sources)
        if requirement == "obligatoire" and not any(sources[i].status == "source" for i in ids):
            raise r.fail("requirement", "« obligatoire » exige au moins une source vérifiée "
                                        "(statut « source ») ; sinon écrivez « recommandé »")
        bodies[key] = Body(key, r.get("label", str), requirement, r.get("help", str, ""), ids,
                           r.get("short", str, ""))
    return bodies


_RISK_VALUES = {"dpc": {1, 2, 3, 4}, "ei": {1, 2, 3, 4}, "cb": {0, 1, 2}}


def _load_risk(folder: Path, sources: dict[str, Source]) -> tuple[tuple[RiskQuestion, ...], RiskMethod]:
    data = _read_toml(folder, "risk.toml")
    root = _Reader("risk.toml", data)
    root.only({"format_version", "questions", "likelihood_questions", "likelihood_rules",
               "risk_map", "outcomes"})
    questions, inputs = [], set()
    for index, raw in enumerate(root.get("questions", list)):
        r = root.child(f"questions[{index}]", raw)
        r.only({"id", "input", "question", "help", "sources", "options"})
        input_name = r.get("input", str)
        if input_name not in RISK_INPUTS:
            raise r.fail("input", f"entrée « {input_name} » inconnue (attendues : {', '.join(RISK_INPUTS)})")
        if input_name in inputs:
            raise r.fail("input", f"l'entrée « {input_name} » a déjà sa question")
        inputs.add(input_name)
        parsed = []
        for o_index, raw_option in enumerate(r.get("options", list)):
            o = r.child(f"options[{o_index}]", raw_option)
            o.only({"id", "label", "anchor", "dpc", "ei", "cb", "unknown", "untrusted",
                    "malicious", "unintelligible"})
            values = {}
            for name, allowed in _RISK_VALUES.items():
                value = o.get(name, int, None)
                if value is not None and value not in allowed:
                    raise o.fail(name, f"valeur {value} hors de l'échelle ENISA "
                                       f"(permises : {sorted(allowed)})")
                values[name] = value
            needed = {"dpc": "dpc", "ei": "ei"}.get(input_name)
            if needed and values[needed] is None:
                raise o.fail(needed, "valeur ENISA absente")
            parsed.append(RiskOption(
                id=o.get("id", str), label=o.get("label", str), anchor=o.get("anchor", str, ""),
                dpc=values["dpc"], ei=values["ei"], cb=values["cb"] or 0,
                unknown=o.get("unknown", bool, False), untrusted=o.get("untrusted", bool, False),
                malicious=o.get("malicious", bool, False),
                unintelligible=o.get("unintelligible", bool, False)))
        questions.append(RiskQuestion(r.get("id", str), input_name, r.get("question", str),
                                      r.get("help", str, ""), _check_sources(r, "sources", sources),
                                      tuple(parsed)))
    missing = [name for name in RISK_INPUTS if name not in inputs]
    if missing:
        raise root.fail("questions", f"aucune question pour l'entrée « {missing[0]} »")
    return tuple(questions), _load_method(root, sources, {q.id for q in questions})


def _level(reader: _Reader, key: str, value: Any, allowed: tuple[str, ...] = LEVELS) -> str:
    if value not in allowed:
        raise reader.fail(key, f"« {value} » inconnu (attendus : {', '.join(allowed)})")
    return value


def _load_method(root: _Reader, sources: dict[str, Source], ids: set[str]) -> RiskMethod:
    from .model import OUTCOMES

    questions = []
    for index, raw in enumerate(root.get("likelihood_questions", list)):
        r = root.child(f"likelihood_questions[{index}]", raw)
        r.only({"id", "harm", "question", "help", "sources", "options"})
        question_id = r.get("id", str)
        if question_id in ids:
            raise r.fail("id", f"question « {question_id} » en double")
        ids.add(question_id)
        harm = _level(r, "harm", r.get("harm", str), HARMS)
        parsed, seen = [], set()
        for o_index, raw_option in enumerate(r.get("options", list)):
            o = r.child(f"options[{o_index}]", raw_option)
            o.only({"id", "label", "anchor", "likelihood", "unknown", "untrusted"})
            option_id = o.get("id", str)
            if option_id in seen:
                raise o.fail("id", f"réponse « {option_id} » en double")
            seen.add(option_id)
            parsed.append(RiskOption(
                id=option_id, label=o.get("label", str), anchor=o.get("anchor", str, ""),
                likelihood=_level(o, "likelihood", o.get("likelihood", str)),
                unknown=o.get("unknown", bool, False), untrusted=o.get("untrusted", bool, False)))
        if not parsed:
            raise r.fail("options", "la liste est vide")
        questions.append(RiskQuestion(question_id, "likelihood", r.get("question", str),
                                      r.get("help", str, ""), _check_sources(r, "sources", sources),
                                      tuple(parsed), harm))
    for harm in HARMS:
        if not any(q.harm == harm for q in questions):
            raise root.fail("likelihood_questions", f"aucune question pour le dommage « {harm} »")
    rules = root.child("likelihood_rules", root.get("likelihood_rules", dict))
    rules.only({"malicious_raises", "malicious_sources", "encryption_sources"})
    raises = tuple(_level(rules, f"malicious_raises[{i}]", v)
                   for i, v in enumerate(rules.strings("malicious_raises")))
    grid = root.child("risk_map", root.get("risk_map", dict))
    grid.only(set(LEVELS) | {"sources"})
    risk_map = {}
    for severity in LEVELS:
        row = grid.get(severity, list)
        if len(row) != len(LEVELS):
            raise grid.fail(severity, f"{len(LEVELS)} valeurs attendues (une par niveau de vraisemblance)")
        risk_map[severity] = {likelihood: _level(grid, f"{severity}[{i}]", value, RISKS)
                              for i, (likelihood, value) in enumerate(zip(LEVELS, row, strict=False))}
    # The map must be monotonic: a higher gravité or vraisemblance never gives a lower risk.
    for s_index, severity in enumerate(LEVELS):
        for l_index, likelihood in enumerate(LEVELS):
            here = RISKS.index(risk_map[severity][likelihood])
            if (s_index and here < RISKS.index(risk_map[LEVELS[s_index - 1]][likelihood])) or \
                    (l_index and here < RISKS.index(risk_map[severity][LEVELS[l_index - 1]])):
                raise grid.fail(severity, "la carte des risques doit croître avec la gravité et "
                                          "la vraisemblance")
    outcomes_reader = root.child("outcomes", root.get("outcomes", dict))
    outcomes_reader.only(set(RISKS) | {"sources"})
    outcomes = {risk: _level(outcomes_reader, risk, outcomes_reader.get(risk, str), OUTCOMES)
                for risk in RISKS}
    return RiskMethod(tuple(questions), raises, _check_sources(rules, "malicious_sources", sources),
                      _check_sources(rules, "encryption_sources", sources), risk_map,
                      _check_sources(grid, "sources", sources), outcomes,
                      _check_sources(outcomes_reader, "sources", sources))
