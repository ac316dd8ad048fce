"""Loading the procedure's files of ``forms/``: sources, option lists, steps and fields,
scenarios, other bodies, the CNIL form and its EDPB mapping, the first hour."""

from __future__ import annotations

from pathlib import Path

from ..model import Incident
from ..serialize import field_type
from .reader import Reader, check_sources, read_toml
from .schema import (
    CNIL_STATUSES,
    ENISA_CATEGORIES,
    FIELD_TYPES,
    LEVELS,
    REQUIREMENTS,
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
    ProcedureError,
    RiskQuestion,
    Scenario,
    Source,
    Step,
)


def load_first_hour(folder: Path, sources: dict[str, Source],
                     steps: tuple[Step, ...]) -> FirstHour | None:
    data = read_toml(folder, "procedure.toml").get("first_hour")
    if data is None:
        return None
    r = Reader("procedure.toml", data, "first_hour")
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
                     keys("after_scenario"), check_sources(r, "sources", sources))


def load_edpb_sections(folder: Path, sources: dict[str, Source]) -> dict[str, str]:
    data = read_toml(folder, "edpb_mapping.toml")
    root = Reader("edpb_mapping.toml", data)
    root.only({"format_version", "sources", "edpb_sections"})
    check_sources(root, "sources", sources)
    sections = {}
    for index, raw in enumerate(root.get("edpb_sections", list)):
        r = root.child(f"edpb_sections[{index}]", raw)
        r.only({"id", "label"})
        sections[r.get("id", str)] = r.get("label", str)
    return sections


def load_cnil_form(folder: Path, sources: dict[str, Source],
                    edpb_sections: dict[str, str]) -> tuple[CnilSection, ...]:
    data = read_toml(folder, "cnil_form.toml")
    root = Reader("cnil_form.toml", data)
    root.only({"format_version", "sources", "sections"})
    check_sources(root, "sources", sources)
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
            f.only({"id", "label", "edpb", "required", "repeat", "status", "later"})
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
                                    field_status, f.get("later", bool, False)))
        sections.append(CnilSection(number, r.get("title", str), edpb, status, tuple(fields)))
    if not sections:
        raise root.fail("sections", "aucune rubrique")
    return tuple(sections)


def load_sources(folder: Path) -> dict[str, Source]:
    data = read_toml(folder, "sources.toml")
    root = Reader("sources.toml", data)
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


#: Flags of options that decision rules read (domain/rules.py, domain/risk.py), and the rule.
OPTION_RULE_FLAGS = {
    ("data_categories", "health"): "sante-non-confiance",
    ("person_categories", "vulnerable"): "personnes-vulnerables",
    ("person_categories", "customers"): "proposition du DPC (liste de patients ou de clients)",
}


def load_options(folder: Path, sources: dict[str, Source]) -> dict[str, OptionList]:
    data = read_toml(folder, "options.toml")
    root = Reader("options.toml", data)
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
                o.get("customers", bool, False)
            if key == "data_categories":
                o.get("health", bool, False)
            parsed.append(Option(option_id, o.get("label", str), o.get("help", str, ""), extra))
        lists[key] = OptionList(key, r.get("label", str), check_sources(r, "sources", sources),
                                tuple(parsed))
    for required in ("nature", "origins", "cause", "person_categories", "data_categories",
                     "consequences", "notification_kinds", "information_status", "channels",
                     "exemptions"):
        if required not in lists:
            raise ProcedureError(f"forms/options.toml : clé « {required} » : liste absente")
    # The consequences proposed from the nature and the data name existing options (a renamed
    # option is refused here, not silently dropped).
    for option in lists["consequences"].options:
        for key, target in (("propose_if_nature", "nature"), ("propose_if_data", "data_categories")):
            for value in option.extra.get(key, []) or []:
                if lists[target].get(value) is None:
                    raise ProcedureError(f"forms/options.toml : conséquence « {option.id} » : {key} : "
                                         f"« {value} » n'est pas une option de « {target} »")
    # Decision rules read these flags, never an option's id: an option renamed keeps its rule,
    # and a flag no option carries any more would switch a rule off silently, so it is refused.
    for (list_id, flag), rule in OPTION_RULE_FLAGS.items():
        if not any(option.extra.get(flag) is True for option in lists[list_id].options):
            raise ProcedureError(f"forms/options.toml : liste « {list_id} » : aucune option ne porte "
                                 f"« {flag} = true » ; la règle « {rule} » ne pourrait plus s'appliquer")
    return lists


def load_steps(folder: Path, sources: dict[str, Source],
                options: dict[str, OptionList]) -> tuple[Step, ...]:
    data = read_toml(folder, "procedure.toml")
    root = Reader("procedure.toml", data)
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
                          r.get("help", str, ""), check_sources(r, "sources", sources), fields))
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


def _load_field(r: Reader, sources: dict[str, Source], options: dict[str, OptionList]) -> Field:
    r.only({"key", "type", "label", "help", "sources", "required", "options", "placeholder",
            "enabled_if", "disabled_if", "identifiers_check", "for_persons"})
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
                 sources=check_sources(r, "sources", sources),
                 required=r.get("required", bool, False), options=option_list,
                 placeholder=r.get("placeholder", str, ""), enabled_if=r.get("enabled_if", str, ""),
                 disabled_if=r.get("disabled_if", str, ""),
                 identifiers_check=r.get("identifiers_check", bool, False),
                 for_persons=r.get("for_persons", bool, False))


def load_scenarios(folder: Path, sources: dict[str, Source], options: dict[str, OptionList],
                    questions: tuple[RiskQuestion, ...]) -> dict[str, Scenario]:
    data = read_toml(folder, "scenarios.toml")
    root = Reader("scenarios.toml", data)
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
            c.only({"id", "label", "for_persons"})
            item_id = c.get("id", str)
            if item_id in seen:
                raise c.fail("id", f"action « {item_id} » en double")
            seen.add(item_id)
            items.append(ChecklistItem(item_id, c.get("label", str), c.get("for_persons", str, "")))
        scenarios[key] = Scenario(key, r.get("label", str), r.get("summary", str, ""),
                                  check_sources(r, "sources", sources), dict(q.data),
                                  dict(risk.data), tuple(items))
    return scenarios


def load_bodies(folder: Path, sources: dict[str, Source]) -> dict[str, Body]:
    data = read_toml(folder, "bodies.toml")
    root = Reader("bodies.toml", data)
    bodies = {}
    for key, value in data.items():
        if key == "format_version":
            continue
        r = root.child(key, value)
        r.only({"label", "short", "requirement", "help", "sources"})
        requirement = r.get("requirement", str)
        if requirement not in REQUIREMENTS:
            raise r.fail("requirement", f"« {requirement} » : attendu « obligatoire » ou « recommandé »")
        ids = check_sources(r, "sources", sources)
        if requirement == "obligatoire" and not any(sources[i].status == "source" for i in ids):
            raise r.fail("requirement", "« obligatoire » exige au moins une source vérifiée "
                                        "(statut « source ») ; sinon écrivez « recommandé »")
        bodies[key] = Body(key, r.get("label", str), requirement, r.get("help", str, ""), ids,
                           r.get("short", str, ""))
    return bodies
