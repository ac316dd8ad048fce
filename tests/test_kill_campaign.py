"""SIGKILL fault injection: a process killed at any moment leaves nothing that looks valid and is
not, loses nothing it confirmed, and the next run works (no traceback, the database opens).

Seven classes of kill (tests/helpers/kill_cases.py): edits, document exports, the register,
backup, the schema-3 → 4 migration, export and import of an incident file. Each is killed at
seeded random moments within the operation's measured duration, then at a few chosen points
(just after a rename, before an fsync, before the journal entry...). Bounded for CI: a few kills
per class; the long campaign (hundreds of kills) is benchmarks/fault_campaign.py.
"""

from __future__ import annotations

import pytest

from tests.helpers.kill_cases import CASES, Campaign

pytestmark = pytest.mark.posix("SIGKILL is POSIX")

SEED = 20261201
KILLS_PER_CLASS = 8
POINTS_PER_CLASS = 2


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    return Campaign(tmp_path_factory.mktemp("kill-campaign"))


def _report(results) -> str:
    failed = [r for r in results if r.problems]
    return (f"{len(failed)} of {len(results)} kills left a broken state:\n  "
            + "\n  ".join(r.describe() for r in failed))


@pytest.mark.parametrize("name", list(CASES))
def test_sigkill_at_random_moments(campaign, name):
    case = CASES[name](campaign)
    results = case.campaign_run(KILLS_PER_CLASS, SEED, points=False)
    if any(r.problems for r in results):
        pytest.fail(_report(results), pytrace=False)
    killed = sum(r.killed for r in results)
    # Timings vary between machines: at least one kill must land inside the operation (the
    # chosen points below cover the critical moments deterministically).
    assert killed >= 1, (
        f"only {killed} of {len(results)} kills landed before the end of the operation "
        f"(measured {case.window * 1000:.0f} ms): the campaign would test nothing")
    if name == "edits":
        assert case.confirmed_count() >= KILLS_PER_CLASS, "the writer confirmed almost nothing"


@pytest.mark.parametrize("name, point", [(name, point) for name, case in CASES.items()
                                         for point in case.points[:POINTS_PER_CLASS]])
def test_sigkill_at_chosen_points(campaign, name, point):
    case = CASES[name](campaign)
    result = case.one(case.points.index(point), point=point)
    if result.problems:
        pytest.fail(_report([result]), pytrace=False)
