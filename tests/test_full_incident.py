"""A full incident, from "Nouvel incident" on the home page to "Clôturer l'incident", through the
11 steps and their real widgets, for the two incidents of the issue (a prescription photo e-mailed
to the wrong patient; a ransomware on the LGO). The script is benchmarks/full_incident.py; the
issue's target is 40 actions or fewer. The ceilings below are the figures measured on
2026-12-07 (34 and 40 on 2026-12-02, before recording the notification or the information
ended its step and the complementary notification was offered on the closure step): a change that adds actions to the path fails here (lower them when the path gets
shorter). Both are within the target: the retained proposal comes with the titulaire as owner and a
due day a month ahead (both editable), and the remaining proposals can be set aside at once with
one reason."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from incident_wizard.domain.procedure import load_procedure

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "full_incident.py"


def _driver():
    spec = importlib.util.spec_from_file_location("full_incident_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


DRIVER = _driver()

#: The actions measured (total, then the step "Prévention et suivi" alone).
MEASURED = {
    "photo d'ordonnance au mauvais patient": (31, 5),
    "rançongiciel sur le LGO": (34, 5),
}


def test_the_ceilings_cover_both_incidents():
    assert set(MEASURED) == set(DRIVER.SCENARIOS)


@pytest.mark.parametrize("name", list(DRIVER.SCENARIOS))
def test_a_full_incident_is_closed_within_the_measured_actions(qtbot, storage, name):
    result = DRIVER.run(name, qtbot=qtbot, storage=storage)
    report = DRIVER.report(result)
    assert result.problems == [], report  # no step refused, no message box on the way

    incident = storage.load_incident(result.reference)
    assert incident.status == "closed" and incident.closed_at is not None, report
    assert result.journal_ok and storage.verify_journal(result.reference).ok
    journal = [e.action for e in storage.journal(result.reference)]
    assert journal.count("step_done") == 10 and journal[-1] == "incident_closed"
    assert set(incident.steps_done) == {s.id for s in load_procedure().steps}

    spec = DRIVER.SCENARIOS[name]
    assert incident.scenario == spec["scenario"]
    assert set(spec["ticks"]) <= set(incident.checklist)
    assert incident.decision.outcome == result.decision == "notify_cnil_and_inform"
    kinds = [n.kind for n in incident.notifications]
    if spec["complement"][0] == "complementary":
        assert kinds == ["initial", "complementary"]
        assert incident.complement_waiver == ""
    else:
        assert kinds == ["initial"] and incident.complement_waiver == spec["complement"][1]
    assert incident.information.status == "done" and incident.information.informed_at is not None
    assert incident.information.channels == spec["informed"]["channels"]
    assert incident.measures.remedy == spec["remedy"]
    # Prevention: every proposal examined, the retained one with its owner and due day.
    retained = [a for a in incident.actions if a.proposal]
    assert [a.proposal for a in retained] == list(spec["retain"])
    assert all(a.owner == "Claire Martin" and a.due for a in retained)
    assert journal.count("proposal_dismissed") == result.dismissed == len(incident.dismissed_proposals)

    total, prevention = MEASURED[name]
    assert result.actions <= total, report
    assert result.steps["10. Prévention et suivi"] <= prevention, report
