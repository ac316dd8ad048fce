"""Issue 22's proof, in one sitting: the window's start (a profile only, an incident resumed) and
the import of one incident file, for the code before the work (commit 35f3654, the issue's own
"before") and the code of this checkout, each against the same bare baselines, interleaved.

Usage (the old code in its own worktree and virtual environment):
    git worktree add /tmp/before 35f3654
    python3 -m venv /tmp/before/.venv && /tmp/before/.venv/bin/pip install -e /tmp/before
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/before_after.py /tmp/before/.venv/bin/python

Each side builds its own data folders through its own API (35f3654 had no application layer);
the bare baselines are those of benchmarks/run.py. Prints medians and ratios."""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402 - the bare baselines

#: The data folders of 35f3654 (Storage, incident_wizard.sample), then the incident file.
SETUP_BEFORE = """
import subprocess, sys
from pathlib import Path
from incident_wizard.domain.model import Organisation
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.sample import build_sample
from incident_wizard.storage import Storage
root = Path(sys.argv[1])
for name, resumed in (("profile", False), ("resumed", True)):
    with Storage.open(root / name) as storage:
        storage.save_profile(Organisation(name="Banc d'essai", no_siret=True))
        if resumed:
            storage.set_setting("last_open_incident", build_sample(storage, load_procedure(), close=False))
with Storage.open(root / "source") as storage:
    reference = build_sample(storage, load_procedure())
subprocess.run([sys.executable, "-m", "incident_wizard", "export-incident", reference,
                str(root / "incident.json"), "--data-dir", str(root / "source")], check=True)
"""

#: The same, through this checkout's application layer.
SETUP_NOW = """
import sys
from pathlib import Path
from incident_wizard.application.sample import build_sample
from incident_wizard.application.workspace import Workspace
from incident_wizard.domain.model import Organisation
root = Path(sys.argv[1])
for name, resumed in (("profile", False), ("resumed", True)):
    with Workspace.open(root / name) as workspace:
        workspace.storage.save_profile(Organisation(name="Banc d'essai", no_siret=True))
        if resumed:
            workspace.set_setting("last_open_incident",
                                  build_sample(workspace.storage, workspace.procedure, close=False))
with Workspace.open(root / "source") as workspace:
    reference = build_sample(workspace.storage, workspace.procedure)
    workspace.export_incident_file(reference, root / "incident.json")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before_python", help="the Python of a virtual environment of 35f3654")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    sides = {"before": (args.before_python, SETUP_BEFORE), "now": (sys.executable, SETUP_NOW)}
    env = {**run._env(), "INCIDENT_WIZARD_QUIT_WHEN_SHOWN": "1"}
    root = Path(tempfile.mkdtemp(prefix="before-after-"))
    try:
        for side, (python, setup) in sides.items():
            done = subprocess.run([python, "-c", setup, str(root / side)], capture_output=True, text=True,
                                  env={**env, "INCIDENT_WIZARD_CACHE_DIR": str(root / side / "cache")})
            if done.returncode:
                sys.stderr.write(done.stderr)
                return 2

        def own(side: str) -> dict[str, str]:
            return {**env, "INCIDENT_WIZARD_LOG_DIR": str(root / side / "logs"),
                    "INCIDENT_WIZARD_CACHE_DIR": str(root / side / "cache")}

        groups = [{"bare window": ([sys.executable, "-c", run.BARE_WIZARD], env)},
                  {"bare import": ([sys.executable, "-c", run.BARE_IMPORT, str(root / "now" / "incident.json"),
                                    str(root / "bare")], env)}]
        for side, (python, _setup) in sides.items():
            for kind in ("profile", "resumed"):
                groups[0][f"start, {kind}, {side}"] = (
                    [python, "-m", "incident_wizard", "--data-dir", str(root / side / kind)], own(side))
            groups[1][f"import, {side}"] = (
                [python, "-m", "incident_wizard", "import-incident", str(root / side / "incident.json"),
                 "--data-dir", str(root / side / "imported")], own(side))
        times: dict[str, list[float]] = {name: [] for group in groups for name in group}
        for index in range(args.runs + 1):
            for group in groups:
                for name in (list(group) if index % 2 else list(reversed(group))):
                    for folder in (root / "bare", root / "before" / "imported", root / "now" / "imported"):
                        shutil.rmtree(folder, ignore_errors=True)
                    command, command_env = group[name]
                    start = time.perf_counter()
                    subprocess.run(command, env=command_env, check=True, capture_output=True)
                    if index:  # the first round unmeasured: bytecode written, files cached
                        times[name].append(time.perf_counter() - start)
        for group, bare in zip(groups, ("bare window", "bare import"), strict=True):
            base = statistics.median(times[bare])
            for name in group:
                value = statistics.median(times[name])
                print(f"{name:28s} {value:6.3f} s  {value / base:5.2f}×")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
