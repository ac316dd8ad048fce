"""Print (or write into README.md) the table of public, sourced cases run through `assess`.

Run: .venv/bin/python docs/make_case_table.py --write   (tests/test_risk_cases.py checks that the
README's table is current)."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from incident_wizard.domain.model import OUTCOME_LABELS  # noqa: E402
from incident_wizard.domain.procedure import LEVEL_LABELS, load_procedure  # noqa: E402

BEGIN, END = "<!-- case-table:begin -->", "<!-- case-table:end -->"
SHORT = {"register_only": "registre", "notify_cnil": "CNIL", "notify_cnil_and_inform": "CNIL + personnes"}


def cases() -> list[dict]:
    return tomllib.loads((ROOT / "tests" / "data" / "risk_cases.toml").read_text("utf-8"))["cases"]


def incident_of(case: dict):
    """The incident a case describes, in the app's vocabulary (also used by the tests)."""
    from datetime import UTC, datetime

    from incident_wizard.domain.model import Incident

    incident = Incident("CAS-001", datetime(2026, 1, 1, tzinfo=UTC))
    incident.qualification.nature = list(case["nature"])
    incident.qualification.cause = case.get("cause", "")
    incident.scope.data_categories = list(case.get("data_categories", []))
    incident.scope.person_categories = list(case.get("person_categories", []))
    incident.scope.persons_count = case.get("persons_count")
    incident.risk.answers = dict(case["answers"])
    return incident


def table() -> str:
    from incident_wizard.domain.risk import assess

    procedure = load_procedure()
    lines = ["| case | source (checked) | source's conclusion | app | note |", "|---|---|---|---|---|"]
    for case in cases():
        result = assess(incident_of(case), procedure)
        if "expected_severity" in case:
            expected = f"gravité {LEVEL_LABELS[case['expected_severity']]}"
            app = f"gravité {LEVEL_LABELS[result.cnil_severity]}"
        else:
            expected, app = SHORT[case["expected"]], SHORT[result.outcome]
        note = case.get("disagreement", "")
        checked = case.get("checked", "")
        source = f"[{case['id']}]({case['url']})" + (f" ({checked})" if checked else "")
        lines.append(f"| {case['title']} | {source} | {expected} | {app} | {note} |".replace("\n", " "))
    assert set(SHORT) == set(OUTCOME_LABELS)
    return "\n".join(lines)


def readme_with_table(text: str) -> str:
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n" + table() + "\n" + text[end:]


if __name__ == "__main__":
    readme = ROOT / "README.md"
    if "--write" in sys.argv:
        readme.write_text(readme_with_table(readme.read_text("utf-8")), "utf-8")
    else:
        print(table())
