"""Fuzzing incident files and encrypted envelopes (issue 25): every mutant is imported whole or
refused in French, never a traceback, never a partial import (tests/fuzz_files.py; thousands of
examples in benchmarks/fault_campaign.py --fuzz)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from tests.fuzz_files import Tally, mutants, try_mutant

TALLY = Tally()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(mutants())
def test_every_mutated_incident_file_is_imported_or_refused_in_french(mutant):
    raw, _encrypted = mutant
    try_mutant(raw, TALLY)
    assert TALLY.tracebacks == [], TALLY.tracebacks[0]
