"""The public, sourced case table (tests/data/risk_cases.toml) run through `assess`.

Each case names its public source (EDPB 01/2021, EDPB 9/2022 Annex B, ENISA 2013, CNIL) and that
source's conclusion; the expected value is the source's, never the app's. Where the app departs
from a source on purpose, the case says so (`app_expected` and `disagreement`), and the README's
table shows it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from incident_wizard.domain.model import OUTCOMES
from incident_wizard.domain.procedure import LEVELS, load_procedure
from incident_wizard.domain.risk import assess

PROCEDURE = load_procedure()
CASES = tomllib.loads((Path(__file__).parent / "data" / "risk_cases.toml").read_text("utf-8"))["cases"]


def _load_table_module():
    import importlib.util

    path = Path(__file__).parent.parent / "docs" / "make_case_table.py"
    spec = importlib.util.spec_from_file_location("make_case_table", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TABLE = _load_table_module()
incident_of = TABLE.incident_of


def test_the_table_is_large_and_sourced():
    assert len(CASES) >= 30
    for case in CASES:
        assert case["source"] and case["url"].startswith("https://") and case["source_conclusion"]
        assert ("expected" in case) != ("expected_severity" in case), case["id"]
        assert case.get("expected", OUTCOMES[0]) in OUTCOMES
        assert case.get("expected_severity", LEVELS[0]) in LEVELS
        if "app_expected" in case:
            assert case["app_expected"] in OUTCOMES and case["disagreement"].strip()
        questions = {q.id: q for q in PROCEDURE.all_risk_questions()}
        for key, value in case["answers"].items():
            assert questions[key].get(value) is not None, (case["id"], key, value)
    sources = {c["id"].split("-case")[0].split("-annexb")[0] for c in CASES}
    assert {"edpb-01-2021", "edpb-9-2022"} <= sources


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    result = assess(incident_of(case), PROCEDURE)
    if "expected_severity" in case:
        assert result.cnil_severity == case["expected_severity"]
    else:
        assert result.outcome == case.get("app_expected", case["expected"]), result.reasons


def test_readme_table_is_current():
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    assert TABLE.readme_with_table(readme) == readme, "run: python docs/make_case_table.py --write"
