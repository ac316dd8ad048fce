"""Loading ``forms/risk.toml``: the ENISA severity questions, the likelihood questions, the risk
map and what each risk level requires."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import OUTCOMES
from .reader import Reader, check_sources, read_toml
from .schema import (
    HARMS,
    LEVELS,
    RISK_INPUTS,
    RISKS,
    RiskMethod,
    RiskOption,
    RiskQuestion,
    Source,
)

#: Flags of likelihood answers that decision rules read (domain/rules.py), and the rule.
RISK_RULE_FLAGS = {"long_unavailability": "indisponibilite-longue", "permanent": "indisponibilite-longue",
                   "continuity": "indisponibilite-longue"}

_RISK_VALUES = {"dpc": {1, 2, 3, 4}, "ei": {1, 2, 3, 4}, "cb": {0, 1, 2}}


def load_risk(folder: Path, sources: dict[str, Source]) -> tuple[tuple[RiskQuestion, ...], RiskMethod]:
    data = read_toml(folder, "risk.toml")
    root = Reader("risk.toml", data)
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
                                      r.get("help", str, ""), check_sources(r, "sources", sources),
                                      tuple(parsed)))
    missing = [name for name in RISK_INPUTS if name not in inputs]
    if missing:
        raise root.fail("questions", f"aucune question pour l'entrée « {missing[0]} »")
    return tuple(questions), _load_method(root, sources, {q.id for q in questions})


def _level(reader: Reader, key: str, value: Any, allowed: tuple[str, ...] = LEVELS) -> str:
    if value not in allowed:
        raise reader.fail(key, f"« {value} » inconnu (attendus : {', '.join(allowed)})")
    return value


def _load_method(root: Reader, sources: dict[str, Source], ids: set[str]) -> RiskMethod:
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
            o.only({"id", "label", "anchor", "likelihood", "unknown", "untrusted",
                    "long_unavailability", "permanent", "continuity"})
            option_id = o.get("id", str)
            if option_id in seen:
                raise o.fail("id", f"réponse « {option_id} » en double")
            seen.add(option_id)
            parsed.append(RiskOption(
                id=option_id, label=o.get("label", str), anchor=o.get("anchor", str, ""),
                likelihood=_level(o, "likelihood", o.get("likelihood", str)),
                unknown=o.get("unknown", bool, False), untrusted=o.get("untrusted", bool, False),
                long_unavailability=o.get("long_unavailability", bool, False),
                permanent=o.get("permanent", bool, False), continuity=o.get("continuity", bool, False)))
        if not parsed:
            raise r.fail("options", "la liste est vide")
        questions.append(RiskQuestion(question_id, "likelihood", r.get("question", str),
                                      r.get("help", str, ""), check_sources(r, "sources", sources),
                                      tuple(parsed), harm))
    for harm in HARMS:
        if not any(q.harm == harm for q in questions):
            raise root.fail("likelihood_questions", f"aucune question pour le dommage « {harm} »")
    # A decision rule reads these flags, never an answer's id: an answer renamed keeps its rule,
    # and a flag that no answer carries any more switches a rule off, so it is refused here.
    for flag, rule in RISK_RULE_FLAGS.items():
        if not any(getattr(o, flag) for q in questions for o in q.options):
            raise root.fail("likelihood_questions", f"aucune réponse ne porte « {flag} = true » : "
                                                    f"la règle « {rule} » ne pourrait plus s'appliquer")
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
    return RiskMethod(tuple(questions), raises, check_sources(rules, "malicious_sources", sources),
                      check_sources(rules, "encryption_sources", sources), risk_map,
                      check_sources(grid, "sources", sources), outcomes,
                      check_sources(outcomes_reader, "sources", sources))
