"""Nothing confirmed is lost when the process is killed (SIGKILL) at a random moment."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from incident_wizard.storage import Storage

HELPER = Path(__file__).parent / "helpers" / "writer.py"


@pytest.mark.posix("SIGKILL is POSIX")
def test_sigkill_at_random_moments_loses_nothing_confirmed(tmp_path):
    data_dir = tmp_path / "data"
    rng = random.Random(20261022)
    confirmed: dict[str, set[str]] = {}
    created: set[str] = set()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    for run in range(25):
        process = subprocess.Popen([sys.executable, str(HELPER), str(data_dir), str(run)],
                                   stdout=subprocess.PIPE, text=True, env=env)
        wanted = rng.randint(1, 60)
        seen = 0
        for line in process.stdout:
            kind, ref, *rest = line.split()
            if kind == "created":
                created.add(ref)
            else:
                confirmed.setdefault(ref, set()).add(rest[0])
                seen += 1
            if seen >= wanted:
                break
        process.send_signal(signal.SIGKILL)  # in the middle of the next write, or just before
        process.wait()
        process.stdout.close()
        with Storage.open(data_dir) as storage:
            refs = {s.reference for s in storage.list_incidents()}
            assert created <= refs, f"run {run}: created incidents lost"
            for ref, items in confirmed.items():
                incident = storage.load_incident(ref)
                assert items <= set(incident.checklist), f"run {run}: confirmed ticks lost in {ref}"
                ticked = {e.details.get("item") for e in storage.journal(ref)}
                assert items <= ticked, f"run {run}: journal entries lost in {ref}"
                assert storage.verify_journal(ref).ok
    assert sum(len(v) for v in confirmed.values()) >= 25
