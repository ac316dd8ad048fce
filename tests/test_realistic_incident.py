"""A full incident as a DPO expects it (issue 24), from "Nouvel incident : premières heures" to
the closure, through the real widgets, for three incidents (a prescription photo e-mailed to the
wrong patient; a ransomware on the LGO; a phone lost by a préparatrice and reported a day and a
half later). The script is benchmarks/realistic_incident.py. The ceilings are the figures
measured on 2026-12-07 (issue 24 reported 57, 72 and 61 on its own path before the first-hour
answers were carried into the steps; 44, 49 and 48 once they were; 36, 40 and 39 once the act
that ends a step ends it and nothing is asked twice): a change that adds actions fails here.
The issue's target is 40 actions or fewer for each."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from incident_wizard.domain.procedure import load_procedure

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "realistic_incident.py"


def _driver():
    spec = importlib.util.spec_from_file_location("realistic_incident_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


DRIVER = _driver()

TARGET = 40
MEASURED = {
    "photo d'ordonnance au mauvais patient": 36,
    "rançongiciel sur le LGO": 40,
    "téléphone perdu signalé tard": 39,
}


def test_the_ceilings_are_within_the_target_and_cover_the_three_incidents():
    assert set(MEASURED) == set(DRIVER.INCIDENTS)
    assert max(MEASURED.values()) <= TARGET == DRIVER.TARGET


@pytest.mark.parametrize("name", list(MEASURED))
def test_a_realistic_incident_is_closed_with_nothing_asked_twice(qtbot, storage, name):
    result = DRIVER.run(name, qtbot=qtbot, storage=storage)
    assert result.problems == []  # no refusal, no step shown again to be confirmed
    assert result.status == "closed" and result.journal_ok
    assert result.actions <= MEASURED[name], DRIVER.report(result)
    incident = storage.load_incident(result.reference)
    # What the first hour asked is in the file (no « à compléter » for it).
    assert incident.discovery.description and incident.qualification.circumstances
    assert incident.consequences.kinds and incident.measures.before
    # Every legal fact of the path is in the file and the journal, each from an explicit act.
    spec = DRIVER.INCIDENTS[name]
    assert [(n.kind, n.reference) for n in incident.notifications] == [
        ("initial", spec["cnil"]), ("complementary", spec["cnil"])]
    assert incident.information.status == "done" and incident.information.informed_at is not None
    assert incident.information.channels == spec["channels"]
    if spec["body"]:
        body_id, receipt = spec["body"]
        assert incident.other_bodies[body_id].done and incident.other_bodies[body_id].reference == receipt
    journal = [e.action for e in storage.journal(result.reference)]
    assert journal.count("notification_recorded") == 2 and "persons_informed" in journal
    assert journal.count("decision_made") == 1 and journal[-1] == "incident_closed"
    assert {e.details["step"] for e in storage.journal(result.reference) if e.action == "step_done"} \
        == {s.id for s in load_procedure().steps} - {"mesures-cloture"}
    if name == "téléphone perdu signalé tard":
        # The team knew 38 hours before the titulaire: the deadline counts from then.
        from incident_wizard.domain import obligations

        assert obligations.clock_origin(incident) == obligations.ORIGIN_TEAM
