"""The risk method: ENISA worked cases and band edges, likelihood per harm, the risk map, the
raising rules, the pharmacy context, monotonicity, and recording the decision."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incident_wizard import sealed
from incident_wizard.cli import main
from incident_wizard.domain.decision import record_decision
from incident_wizard.domain.errors import ValidationError
from incident_wizard.domain.model import NOTIFY_AND_INFORM, NOTIFY_CNIL, OUTCOMES, REGISTER_ONLY, Incident
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.domain.risk import FLAG_OVER_100, FLAG_UNINTELLIGIBLE, assess, band_of, severity

from .conftest import utc

PROCEDURE = load_procedure()

# ENISA-method.md section 6: (id, DPC, EI, C, I, A, malicious, SE, band)
WORKED = [
    ("T01", 1, "1", ".25", 0, 0, False, "1.25", "low"),
    ("T02a", 3, "1", ".5", 0, 0, False, "3.5", "high"),
    ("T02b", 3, "1", ".5", 0, 0, True, "4", "very_high"),
    ("T03", 4, ".25", 0, 0, 0, False, "1", "low"),
    ("T04", 4, "1", ".5", 0, 0, True, "5", "very_high"),
    ("T05", 4, ".75", ".25", 0, 0, False, "3.25", "high"),
    ("T06", 1, "1", ".5", 0, 0, False, "1.5", "low"),
    ("T07", 1, "1", 0, 0, ".25", False, "1.25", "low"),
    ("T08", 3, "1", 0, 0, ".5", True, "4", "very_high"),
    ("T09", 2, "1", 0, 0, 0, False, "2", "medium"),
    ("T10", 4, ".75", 0, 0, 0, False, "3", "high"),
    ("T11", 3, ".5", ".25", 0, 0, False, "1.75", "low"),
    ("T12", 4, "1", ".5", ".5", ".5", True, "6", "very_high"),
    ("T13", 1, ".25", 0, 0, 0, False, ".25", "low"),
    ("T14", 2, ".5", ".5", 0, 0, True, "2", "medium"),
]


@pytest.mark.parametrize("case, dpc, ei, c, i, a, mal, expected, band", WORKED)
def test_enisa_worked_cases(case, dpc, ei, c, i, a, mal, expected, band):
    cb = Fraction(str(c)) + Fraction(str(i)) + Fraction(str(a)) + (Fraction(1, 2) if mal else 0)
    score = severity(dpc, Fraction(ei), cb)
    assert score == Fraction(expected)
    assert band_of(score) == band


# The same cases through the plain questions (answer ids of forms/risk.toml).
EI_ANSWER = {"1": "maximale", ".75": "importante", ".5": "limitee", ".25": "negligeable"}
C_ANSWER = {0: "none", ".25": "known-trusted", ".5": "unknown-recipients"}
I_ANSWER = {0: "none", ".25": "recoverable", ".5": "lost"}
A_ANSWER = {0: "none", ".25": "temporary", ".5": "full"}


@pytest.mark.parametrize("case, dpc, ei, c, i, a, mal, expected, band", WORKED)
def test_worked_cases_through_the_questions(case, dpc, ei, c, i, a, mal, expected, band):
    incident = Incident("VDP-2026-001", utc(2026, 1, 1))
    incident.risk.answers = {"dpc": str(dpc), "ei": EI_ANSWER[ei], "confidentiality": C_ANSWER[c],
                             "integrity": I_ANSWER[i], "availability": A_ANSWER[a],
                             "malicious": "yes" if mal else "no", "encrypted": "no"}
    result = assess(incident, PROCEDURE)
    assert result.score == Fraction(expected) and result.band == band


@pytest.mark.parametrize("score, band", [
    ("1.75", "low"), ("2", "medium"), ("2.75", "medium"), ("3", "high"), ("3.75", "high"),
    ("4", "very_high"), ("6", "very_high"), (".25", "low")])
def test_band_edges_exact(score, band):
    assert band_of(Fraction(score)) == band


def test_invalid_inputs_refused():
    for dpc, ei in ((0, "1"), (5, "1"), (2, "0"), (2, "0.3"), (2, "1.25")):
        with pytest.raises(ValueError):
            severity(dpc, Fraction(ei))


def _incident(nature=("confidentialite",), **answers):
    incident = Incident("VDP-2026-001", utc(2026, 1, 1))
    incident.qualification.nature = list(nature)
    base = {"dpc": "1", "ei": "maximale", "confidentiality": "none", "integrity": "none",
            "availability": "none", "malicious": "no", "encrypted": "no",
            "c_recipients": "recovered", "i_use": "verified", "a_restore": "hours", "a_care": "none"}
    base.update(answers)
    incident.risk.answers = base
    return incident


def test_two_axes_severity_alone_no_longer_decides():
    # Identified health data (ENISA "maximale") with a négligeable likelihood: no risk (EDPB
    # 01/2021 case 09 reasoning: trusted recipient who confirmed deletion).
    result = assess(_incident(dpc="4", confidentiality="known-trusted",
                              c_recipients="trusted-confirmed"), PROCEDURE)
    assert result.cnil_severity == "maximale"
    assert result.likelihood == {"confidentiality": "negligeable", "integrity": None,
                                 "availability": None}
    assert result.risk == "unlikely" and result.outcome == REGISTER_ONLY
    assert "Gravité selon la méthode ENISA : 4,25 = 4 × 1 + 0,25" in result.reasons[0].text
    assert any("non susceptible d'engendrer un risque" in r.text and "négligeable" in r.text
               for r in result.reasons)


def test_risk_map_cells():
    # (DPC, recipients answer) -> (gravité, vraisemblance, risk): the map of forms/risk.toml,
    # read as "unlikely if either axis is négligeable, high if both are at least importante".
    cases = [
        ("1", "untrusted", "negligeable", "importante", "unlikely", REGISTER_ONLY),
        ("2", "trusted", "limitee", "limitee", "risk", NOTIFY_CNIL),
        ("2", "untrusted", "limitee", "importante", "risk", NOTIFY_CNIL),
        ("3", "trusted", "importante", "limitee", "risk", NOTIFY_CNIL),
        ("3", "untrusted", "importante", "importante", "high", NOTIFY_AND_INFORM),
        ("4", "copied", "maximale", "maximale", "high", NOTIFY_AND_INFORM),
    ]
    for dpc, recipients, severity_level, likelihood, risk, outcome in cases:
        result = assess(_incident(dpc=dpc, c_recipients=recipients), PROCEDURE)
        assert (result.cnil_severity, result.likelihood["confidentiality"], result.risk,
                result.outcome) == (severity_level, likelihood, risk, outcome), (dpc, recipients)


def test_malicious_intent_raises_confidentiality_likelihood_one_level():
    plain = assess(_incident(dpc="3", c_recipients="trusted"), PROCEDURE)
    malicious = assess(_incident(dpc="3", c_recipients="trusted", malicious="yes"), PROCEDURE)
    assert plain.likelihood["confidentiality"] == "limitee"
    assert malicious.likelihood["confidentiality"] == "importante"
    # ...but not data recovered before anyone could read them.
    recovered = assess(_incident(dpc="3", c_recipients="recovered", malicious="yes"), PROCEDURE)
    assert recovered.likelihood["confidentiality"] == "negligeable"


def test_health_data_seen_by_untrusted_recipient_raises():
    incident = _incident(confidentiality="known-untrusted", ei="negligeable", dpc="3",
                         c_recipients="untrusted-confirmed")
    incident.scope.data_categories = ["sante"]
    incident.risk.justification = "seul le fait d'avoir une ordonnance est visible"
    result = assess(incident, PROCEDURE)
    assert result.cnil_severity == "negligeable"
    assert result.risk == "unlikely" and result.outcome == NOTIFY_CNIL
    assert "sante-non-confiance" in result.raised_by
    assert any(r.source == "wp250-sante" for r in result.reasons)


def test_health_data_sent_to_trusted_doctor_does_not_trigger_the_health_rule():
    incident = _incident(confidentiality="known-trusted", ei="negligeable", c_recipients="trusted")
    incident.scope.data_categories = ["sante"]
    result = assess(incident, PROCEDURE)
    assert not any(r.source == "wp250-sante" for r in result.reasons)


def test_minors_raise_to_notify_only_when_a_consequence_is_possible():
    incident = _incident(c_recipients="trusted")
    incident.scope.person_categories = ["patients", "mineurs"]
    result = assess(incident, PROCEDURE)
    assert result.outcome == NOTIFY_CNIL
    assert any("Mineurs" in r.text for r in result.reasons)
    incident.risk.answers["c_recipients"] = "recovered"
    assert assess(incident, PROCEDURE).outcome == REGISTER_ONLY


def test_doubt_raises_to_notify_and_is_cited():
    result = assess(_incident(c_recipients="unknown"), PROCEDURE)
    assert result.outcome == NOTIFY_CNIL
    assert any(r.source == "cnil-notifier" and "En cas de doute" in r.text for r in result.reasons)


def test_unanswered_question_counts_as_worst_and_doubt():
    incident = Incident("VDP-2026-001", utc(2026, 1, 1))
    result = assess(incident, PROCEDURE)
    assert result.score == 6 and result.outcome == NOTIFY_AND_INFORM
    assert result.likelihood == {"confidentiality": "maximale", "integrity": "maximale",
                                 "availability": "maximale"}


def test_unknown_encryption_is_doubt_only_when_confidentiality_is_affected():
    outage = _incident(nature=("disponibilite",), encrypted="unknown")
    assert assess(outage, PROCEDURE).outcome == REGISTER_ONLY
    leak = _incident(nature=("confidentialite",), encrypted="unknown")
    assert assess(leak, PROCEDURE).outcome == NOTIFY_CNIL


def test_encryption_neutralises_confidentiality_only():
    # Encrypted data copied by an attacker: no confidentiality risk (Art. 34(3)(a)).
    stolen = assess(_incident(dpc="4", confidentiality="unknown-recipients", malicious="yes",
                              encrypted="yes", c_recipients="copied"), PROCEDURE)
    assert FLAG_UNINTELLIGIBLE in stolen.flags
    assert stolen.likelihood["confidentiality"] == "negligeable" and stolen.outcome == REGISTER_ONLY
    # Encrypted, but also unavailable for days with care disrupted (ransomware in a hospital,
    # EDPB 01/2021 case 03): the availability high risk still requires informing the persons.
    locked = assess(_incident(("confidentialite", "disponibilite"), dpc="4", availability="temporary",
                              malicious="yes", encrypted="yes", a_restore="days",
                              a_care="disrupted"), PROCEDURE)
    assert locked.harm_risk["confidentiality"] == "unlikely"
    assert locked.harm_risk["availability"] == "high"
    assert locked.outcome == NOTIFY_AND_INFORM


def test_more_than_100_persons_flag_does_not_change_the_score():
    incident = _incident(dpc="2")
    before = assess(incident, PROCEDURE)
    incident.scope.persons_count = 101
    after = assess(incident, PROCEDURE)
    assert FLAG_OVER_100 in after.flags and FLAG_OVER_100 not in before.flags
    assert after.score == before.score
    incident.scope.persons_count = 100
    assert FLAG_OVER_100 not in assess(incident, PROCEDURE).flags


def test_scenario_and_qualification_propose_answers():
    incident = Incident("VDP-2026-001", utc(2026, 1, 1))
    incident.scenario = "rancongiciel"
    incident.scope.data_categories = ["sante", "etat-civil"]
    incident.qualification.nature = ["disponibilite", "confidentialite"]
    result = assess(incident, PROCEDURE)
    assert result.proposed["dpc"] == "4" and result.proposed["ei"] == "maximale"
    assert result.proposed["availability"] == "temporary"
    assert result.proposed["malicious"] == "yes"
    assert result.proposed["c_recipients"] == "unknown" and result.proposed["a_restore"] == "unknown"
    # A proposal never proposes another one.
    assert "i_use" not in result.proposed
    assert all(c.proposed for c in result.contributions if c.input != "integrity")
    incident.risk.answers["availability"] = "none"
    assert assess(incident, PROCEDURE).answers["availability"] == "none"


def test_a_favourable_proposal_decides_nothing_until_confirmed():
    # Two-hour outage: the ENISA answer "recoverable without difficulty" proposes "restored
    # within hours, no consequence"; until the pharmacist confirms, it is a doubt.
    incident = _incident(nature=("disponibilite",))
    del incident.risk.answers["a_restore"], incident.risk.answers["a_care"]
    result = assess(incident, PROCEDURE)
    assert result.proposed["a_restore"] == "hours" and result.likelihood["availability"] == "negligeable"
    assert result.outcome == NOTIFY_CNIL
    assert any("réponse proposée, à confirmer" in r.text for r in result.reasons)
    incident.risk.answers.update(a_restore="hours", a_care="none")  # confirmed
    assert assess(incident, PROCEDURE).outcome == REGISTER_ONLY


def test_pharmacy_context_in_the_dpc_proposal():
    # ENISA Annex 1 A2 / A3 (brief section 8): (categories, persons) -> proposed DPC.
    cases = [
        (["etat-civil", "coordonnees"], ["patients"], "2"),   # a pharmacy's patient list > 1
        (["etat-civil"], ["fournisseurs"], "1"),              # not patients: base score
        (["mutuelle"], ["patients"], "3"),                    # AMO/AMC rights: financial/social
        (["ald"], ["patients"], "4"),                         # rights revealing an ALD: health
        (["historique-achats"], ["clients"], "4"),            # loyalty card with medicines
        (["bancaires-partielles"], ["clients"], "2"),         # partial card details
    ]
    for categories, persons, expected in cases:
        incident = Incident("VDP-2026-001", utc(2026, 1, 1))
        incident.scope.data_categories, incident.scope.person_categories = categories, persons
        assert assess(incident, PROCEDURE).proposed["dpc"] == expected, categories


def test_ease_of_identification_follows_annex_2():
    def ei(*categories):
        incident = Incident("VDP-2026-001", utc(2026, 1, 1))
        incident.scope.data_categories = list(categories)
        return assess(incident, PROCEDURE).proposed.get("ei")
    assert ei("nir") == "importante"            # a NIR alone is not "maximale"
    assert ei("coordonnees") == "importante"     # nor an address alone
    assert ei("nir", "coordonnees") == "maximale"  # a combination identifies
    assert ei("etat-civil") == "maximale"


def test_old_incident_files_get_likelihood_proposals_not_answers():
    # A format-2 incident answered only the ENISA questions.
    incident = _incident()
    for key in ("c_recipients", "i_use", "a_restore", "a_care"):
        del incident.risk.answers[key]
    incident.risk.answers["confidentiality"] = "known-untrusted"
    result = assess(incident, PROCEDURE)
    assert result.proposed["c_recipients"] == "untrusted"
    assert "c_recipients" not in incident.risk.answers
    line = result.likelihood_lines["confidentiality"][0]
    assert line.proposed and line.answer_id == "untrusted"


# --- monotonicity ------------------------------------------------------------------------------

ORDERS = {
    "dpc": ["1", "2", "3", "4", "unknown"],
    "ei": ["negligeable", "limitee", "importante", "maximale"],
    "confidentiality": ["none", "known-trusted", "known-untrusted", "unknown-recipients", "unknown"],
    "integrity": ["none", "recoverable", "lost", "unknown"],
    "availability": ["none", "temporary", "full", "unknown"],
    "malicious": ["no", "yes", "unknown"],
    "encrypted": ["no", "unknown"],  # "yes" is the documented way down, tested above
    "c_recipients": ["recovered", "trusted", "untrusted", "copied", "unknown"],
    "i_use": ["verified", "corrected", "used", "lost", "unknown"],
    "a_restore": ["hours", "days", "never", "unknown"],
    "a_care": ["none", "disrupted", "unknown"],
}
NATURES = st.lists(st.sampled_from(["confidentialite", "integrite", "disponibilite"]), unique=True)
answers_strategy = st.fixed_dictionaries({k: st.sampled_from(v) for k, v in ORDERS.items()})
extras = st.tuples(st.booleans(), st.booleans(), st.one_of(st.none(), st.integers(0, 10_000)),
                   NATURES)


def _make(answers, health, minors, count, nature=()):
    incident = Incident("VDP-2026-001", utc(2026, 1, 1))
    incident.qualification.nature = list(nature)
    incident.risk.answers = dict(answers)
    incident.scope.data_categories = ["sante"] if health else []
    incident.scope.person_categories = ["mineurs"] if minors else []
    incident.scope.persons_count = count
    return incident


@settings(max_examples=300, deadline=None)
@given(answers_strategy, extras, st.sampled_from(sorted(ORDERS)))
def test_raising_an_answer_never_lowers_score_or_outcome(answers, extra, key):
    order = ORDERS[key]
    position = order.index(answers[key])
    if position == len(order) - 1:
        return
    before = assess(_make(answers, *extra), PROCEDURE)
    raised = dict(answers, **{key: order[position + 1]})
    after = assess(_make(raised, *extra), PROCEDURE)
    assert after.score >= before.score
    assert OUTCOMES.index(after.outcome) >= OUTCOMES.index(before.outcome)
    assert Fraction(1, 4) <= after.score <= 6


@settings(max_examples=200, deadline=None)
@given(answers_strategy, extras)
def test_adding_health_data_or_minors_never_lowers_outcome(answers, extra):
    _, _, count, nature = extra
    base = assess(_make(answers, False, False, count, nature), PROCEDURE)
    for health, minors in ((True, False), (False, True), (True, True)):
        raised = assess(_make(answers, health, minors, count, nature), PROCEDURE)
        assert OUTCOMES.index(raised.outcome) >= OUTCOMES.index(base.outcome)


# --- decision and override ---------------------------------------------------------------------


def _complete_incident():
    incident = _incident(dpc="2", c_recipients="trusted")
    incident.title = "Erreur d'envoi"
    incident.dates.awareness_at = utc(2026, 1, 1)
    incident.discovery.how_discovered = "tiers"
    incident.qualification.nature = ["confidentialite"]
    incident.qualification.origins = ["mauvais-destinataire"]
    incident.qualification.cause = "interne-accidentel"
    incident.scope.person_categories = ["patients"]
    incident.scope.persons_count = 1
    incident.scope.data_categories = ["etat-civil"]
    incident.risk.answers["dpc"] = "2"
    incident.risk.justification = "liste de délivrances sur un mois"
    return incident


def test_following_the_recommendation_needs_no_justification():
    incident = _complete_incident()
    result = assess(incident, PROCEDURE)
    action, details = record_decision(incident, result, result.outcome, "", utc(2026, 1, 2), PROCEDURE)
    assert action == "decision_made"
    assert incident.decision.outcome == NOTIFY_CNIL == incident.decision.recommended
    assert details["score"] == "2"


def test_decision_keeps_the_reasons_given_at_decision_time():
    incident = _complete_incident()
    incident.risk.answers["c_recipients"] = "trusted-confirmed"
    result = assess(incident, PROCEDURE)
    record_decision(incident, result, result.outcome, "", utc(2026, 1, 2), PROCEDURE)
    basis = incident.decision.basis
    assert incident.decision.outcome == REGISTER_ONLY
    assert basis.method == "gravite-vraisemblance-1" and basis.severity == "limitee"
    assert basis.likelihood == {"confidentiality": "negligeable", "integrity": "", "availability": ""}
    assert any("non susceptible d'engendrer un risque" in text for text in basis.reasons)
    kept = list(basis.reasons)
    incident.risk.answers["c_recipients"] = "copied"  # later answers do not rewrite the record
    assert assess(incident, PROCEDURE).outcome != REGISTER_ONLY
    assert incident.decision.basis.reasons == kept


def test_override_requires_a_justification():
    incident = _complete_incident()
    result = assess(incident, PROCEDURE)
    with pytest.raises(ValidationError, match="écrivez pourquoi"):
        record_decision(incident, result, REGISTER_ONLY, "   ", utc(2026, 1, 2), PROCEDURE)
    assert incident.decision.outcome == ""
    action, details = record_decision(incident, result, NOTIFY_AND_INFORM, "patient très inquiet",
                                      utc(2026, 1, 2), PROCEDURE)
    assert action == "decision_overridden" and details["justification"] == "patient très inquiet"
    assert incident.decision.justification == "patient très inquiet"


def test_decision_refused_while_required_answers_are_missing():
    incident = _complete_incident()
    incident.scope.persons_count = None
    result = assess(incident, PROCEDURE)
    with pytest.raises(ValidationError, match="Nombre approximatif de personnes"):
        record_decision(incident, result, result.outcome, "", utc(2026, 1, 2), PROCEDURE)


def test_dpc_departure_requires_a_reason():
    incident = _complete_incident()
    incident.risk.answers["dpc"] = "3"
    incident.risk.justification = ""
    result = assess(incident, PROCEDURE)
    assert result.dpc_departure
    with pytest.raises(ValidationError, match="la méthode ENISA l'exige"):
        record_decision(incident, result, result.outcome, "", utc(2026, 1, 2), PROCEDURE)


# --- CLI ---------------------------------------------------------------------------------------


def _journal(incident):
    """The one entry a real incident file always has, covering the incident's facts."""
    from incident_wizard.domain import journal as jr
    from incident_wizard.domain import record
    from incident_wizard.domain.serialize import to_data

    return [jr.make_entry(incident.reference, None, utc(2026, 1, 1), "test", "incident_created",
                          {}, record.digest_of(to_data(incident)))]


def test_assess_command_prints_the_contract(tmp_path, capsys):
    incident = _complete_incident()
    path = tmp_path / "incident.json"
    sealed.write_incident_file(path, incident, _journal(incident), utc(2026, 1, 2), "test")
    assert main(["assess", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["score"] == 2.0 and out["band"] == "medium" and out["cnil_severity"] == "limitee"
    assert out["outcome"] == "notify_cnil" and out["flags"] == []
    assert all(isinstance(r, str) for r in out["reasons"]) and out["reasons"]


def test_assess_command_adds_likelihood_and_risk(tmp_path, capsys):
    incident = _complete_incident()
    incident.risk.answers["c_recipients"] = "untrusted"
    path = tmp_path / "incident.json"
    sealed.write_incident_file(path, incident, _journal(incident), utc(2026, 1, 2), "test")
    assert main(["assess", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["likelihood"] == {"confidentiality": "importante", "integrity": None,
                                 "availability": None, "overall": "importante"}
    assert out["risk"] == "risk" and out["outcome"] == "notify_cnil"
    for key in ("score", "score_exact", "band", "cnil_severity", "flags", "reasons", "inputs",
                "answers"):
        assert key in out


def test_assess_command_rejects_a_bad_file(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "autre"}', encoding="utf-8")
    assert main(["assess", str(path)]) == 2
    assert "Fichier d'incident invalide" in capsys.readouterr().err


def test_closing_requires_a_decision_that_matches_the_final_answers(storage):
    from incident_wizard.application.session import IncidentSession

    ref = storage.create_incident(at=utc(2026, 1, 1)).reference
    s = IncidentSession(storage, PROCEDURE, ref, now=lambda: utc(2026, 1, 2))
    incident = _complete_incident()
    incident.reference = ref
    incident.created_at = s.incident.created_at
    s.incident = incident
    storage.save_incident(incident)
    s.decide("notify_cnil", "")
    s.set_risk_answer("dpc", "4")
    s.set_risk_answer("c_recipients", "copied")
    assert any("changé depuis la décision" in p for p in s.closure_problems())
    s.decide(s.assessment().outcome, "")
    assert not any("changé depuis la décision" in p for p in s.closure_problems())
