"""A process that keeps confirming changes and prints each one once its commit has returned.

Used by test_durability: the test kills it with SIGKILL at a random moment and checks that every
change printed here is in the database afterwards.
"""

import sys
from pathlib import Path

from incident_wizard.domain.clock import now_utc
from incident_wizard.storage import Storage


def main() -> None:
    data_dir, run = Path(sys.argv[1]), sys.argv[2]
    storage = Storage.open(data_dir)
    incident = storage.create_incident(title=f"run {run}")
    print(f"created {incident.reference}", flush=True)
    i = 0
    while True:
        incident.checklist[f"{run}-{i}"] = now_utc()
        incident.title = f"run {run} change {i}"
        storage.save_incident(incident, action="checklist_ticked", details={"item": f"{run}-{i}"})
        print(f"confirmed {incident.reference} {run}-{i}", flush=True)
        i += 1
        if i % 7 == 0:
            incident = storage.create_incident(title=f"run {run} after {i}")
            print(f"created {incident.reference}", flush=True)


if __name__ == "__main__":
    main()
