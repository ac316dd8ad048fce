"""Decision rules read flags written next to the options in forms/, never an option's id: an
option renamed in forms/ keeps its rule, and a flag that no option carries any more is refused
when the forms are loaded (issue 24: `HEALTH_CATEGORIES = ("sante", "ald")` in code meant that
renaming « sante » silently switched the health rule off)."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from incident_wizard.domain.forms.folder import bundled_forms_dir
from incident_wizard.domain.forms.loader import read_procedure
from incident_wizard.domain.model import Incident
from incident_wizard.domain.procedure import ProcedureError
from incident_wizard.domain.risk import assess


def _forms_copy(tmp_path: Path) -> Path:
    target = tmp_path / "forms"
    shutil.copytree(bundled_forms_dir(), target)
    return target


def _rename(path: Path, old: str, new: str) -> None:
    """Rename an option everywhere the file names it (its id and the lists that refer to it)."""
    text = path.read_text("utf-8")
    assert f'id = "{old}"' in text
    path.write_text(text.replace(f'"{old}"', f'"{new}"'), "utf-8")


def _health_to_other_patient(data_category: str) -> Incident:
    # A prescription handed to another patient who kept it: health data seen by a person not
    # bound by secrecy (WP250 rev.01: a damage must be considered likely).
    incident = Incident("CAS-001", datetime(2026, 1, 1, tzinfo=UTC))
    incident.qualification.nature = ["confidentialite"]
    incident.qualification.cause = "interne-accidentel"
    incident.scope.data_categories = [data_category]
    incident.scope.person_categories = ["patients"]
    incident.scope.persons_count = 1
    incident.risk.answers = {"dpc": "4", "ei": "negligeable", "confidentiality": "known-untrusted",
                             "integrity": "none", "availability": "none", "malicious": "no",
                             "encrypted": "no", "c_recipients": "untrusted-confirmed"}
    return incident


def test_a_renamed_health_category_keeps_the_health_rule(tmp_path):
    forms = _forms_copy(tmp_path)
    _rename(forms / "options.toml", "sante", "donnees-de-sante")
    procedure = read_procedure(forms)
    result = assess(_health_to_other_patient("donnees-de-sante"), procedure)
    assert "sante-non-confiance" in result.raised_by
    assert result.outcome != "register_only"


def test_a_renamed_long_unavailability_answer_keeps_its_rule(tmp_path):
    forms = _forms_copy(tmp_path)
    _rename(forms / "risk.toml", "never", "perdues")
    procedure = read_procedure(forms)
    incident = Incident("CAS-002", datetime(2026, 1, 1, tzinfo=UTC))
    incident.qualification.nature = ["disponibilite"]
    incident.scope.data_categories = ["coordonnees"]
    incident.risk.answers = {"dpc": "1", "ei": "negligeable", "confidentiality": "none",
                             "integrity": "none", "availability": "full", "malicious": "no",
                             "encrypted": "no", "a_restore": "perdues", "a_care": "none"}
    result = assess(incident, procedure)
    assert "indisponibilite-longue" in result.raised_by
    assert result.outcome == "notify_cnil"  # CNIL after the OVH fire: data lost for good


def test_a_consequence_naming_a_renamed_data_category_is_refused_at_load(tmp_path):
    forms = _forms_copy(tmp_path)
    path = forms / "options.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace('id = "sante"', 'id = "donnees-de-sante"'), "utf-8")
    with pytest.raises(ProcedureError, match="propose_if_data"):
        read_procedure(forms)


@pytest.mark.parametrize(("file", "flag"), [
    ("options.toml", "health"), ("options.toml", "customers"), ("options.toml", "vulnerable"),
    ("risk.toml", "long_unavailability"), ("risk.toml", "permanent"), ("risk.toml", "continuity"),
])
def test_a_flag_no_option_carries_any_more_is_refused_at_load(tmp_path, file, flag):
    forms = _forms_copy(tmp_path)
    path = forms / file
    text = path.read_text("utf-8")
    stripped = re.sub(rf",\s*{flag} = true", "", text)
    assert stripped != text
    path.write_text(stripped, "utf-8")
    with pytest.raises(ProcedureError, match=flag):
        read_procedure(forms)


def test_no_rule_names_an_option_id_in_code():
    source = Path(__file__).parent.parent / "src" / "incident_wizard" / "domain"
    rules = (source / "rules.py").read_text("utf-8") + (source / "risk.py").read_text("utf-8")
    for constant in ("HEALTH_CATEGORIES", "LONG_UNAVAILABILITY", '"sante"', '("days", "never")',
                     '{"patients", "clients"}'):
        assert constant not in rules


def test_the_proposals_written_in_code_name_existing_answers():
    # The answers proposed from other answers (risk._FROM_ENISA) are proposals, not rules, but a
    # renamed answer must not silently stop being proposed.
    from incident_wizard.domain.procedure import load_procedure
    from incident_wizard.domain.risk import _FROM_ENISA

    procedure = load_procedure()
    questions = {q.id: q for q in procedure.all_risk_questions()}
    for (question, answer), implied in _FROM_ENISA.items():
        assert questions[question].get(answer) is not None, (question, answer)
        for other, value in implied:
            assert questions[other].get(value) is not None, (other, value)
