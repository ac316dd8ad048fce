"""Child processes for the SIGKILL fault-injection campaign (tests/test_kill_campaign.py,
benchmarks/fault_campaign.py). The parent kills them with SIGKILL and checks what is left.

Modes (first argument):

``cli [--kill-at SPEC] ARGS...``
    Import the app (CLI, documents, python-docx, Jinja2) first, print ``READY`` on stdout, then
    run ``incident_wizard.cli.main(ARGS)`` exactly as ``python -m incident_wizard ARGS`` does.
    The parent measures its random kill delay from ``READY``, so that the delay falls inside
    the operation itself rather than inside Python's start-up.

    ``--kill-at NAME:N:WHEN`` kills the process itself (SIGKILL) at a chosen point instead:
    ``NAME`` is ``os.replace``, ``os.fsync`` or a dotted function of the app (for instance
    ``incident_wizard.storage.Storage._migrate``); the process dies ``before`` or ``after``
    its ``N``-th call. Nothing else of the app is changed.

    ``--kill-at file:PATH:SIZE`` kills it as soon as the file PATH exists with at least SIZE
    bytes (a thread watches it; SQLite runs without the GIL), e.g. in the middle of a statement
    that writes a rollback journal. ``--kill-at hot:DB`` kills it once SQLite has started to
    write the database file DB in place while DB-journal exists (a hot rollback journal).

    ``--align-second`` waits for the start of the next second of the clock before READY (an
    operation that names a file after the current second then does so early in that second).

``edits DATA_DIR RUN``
    Keep confirming changes (checklist ticks, attached files, journal entries, new incidents)
    and print each one once the call that stores it has returned:
    ``created REF`` / ``tick REF KEY`` / ``attach REF SHA256`` / ``note REF KEY``.
"""

from __future__ import annotations

import functools
import importlib
import os
import signal
import sys
import time
from pathlib import Path

READY = "READY"


def _die() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def _resolve(name: str):
    """(owner, attribute) for 'os.replace' or 'package.module.Class.method'."""
    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            owner = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:-1]:
            owner = getattr(owner, attribute)
        return owner, parts[-1]
    raise SystemExit(f"kill_targets: cannot resolve {name!r}")


def install_file_watch(path: Path, size: int) -> None:
    import threading

    def watch() -> None:
        while True:
            try:
                if path.stat().st_size >= size:
                    _die()
            except OSError:
                pass
            time.sleep(0.00002)

    threading.Thread(target=watch, daemon=True).start()


def install_hot_journal_watch(database: Path) -> None:
    import threading

    journal = database.with_name(database.name + "-journal")

    def watch() -> None:
        seen = None
        while True:
            try:
                if journal.exists():
                    stamp = database.stat().st_mtime_ns
                    if seen is None:
                        seen = stamp
                    elif stamp != seen and journal.exists():
                        _die()
                else:
                    seen = None
            except OSError:
                pass
            time.sleep(0.00002)

    threading.Thread(target=watch, daemon=True).start()


def install_kill_point(spec: str) -> None:
    if spec.startswith("hot:"):
        install_hot_journal_watch(Path(spec[len("hot:"):]))
        return
    if spec.startswith("file:"):
        path, size = spec[len("file:"):].rsplit(":", 1)
        install_file_watch(Path(path), int(size))
        return
    name, nth, when = spec.rsplit(":", 2)
    nth_call = int(nth)
    if when not in ("before", "after"):
        raise SystemExit(f"kill_targets: WHEN must be before or after, not {when!r}")
    owner, attribute = _resolve(name)
    original = getattr(owner, attribute)
    calls = {"n": 0}

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == nth_call and when == "before":
            _die()
        result = original(*args, **kwargs)
        if calls["n"] == nth_call and when == "after":
            _die()
        return result

    if isinstance(owner, type) and isinstance(owner.__dict__.get(attribute), (classmethod, staticmethod)):
        raise SystemExit("kill_targets: class and static methods are not supported")
    setattr(owner, attribute, wrapper)


def run_cli(argv: list[str]) -> int:
    # Everything the commands import lazily, imported before READY (start-up is not the
    # operation under test).
    import docx  # noqa: F401
    import jinja2  # noqa: F401

    import incident_wizard.application.exports  # noqa: F401
    import incident_wizard.application.review  # noqa: F401
    import incident_wizard.cli as cli
    import incident_wizard.documents.export  # noqa: F401
    import incident_wizard.domain.incident_file  # noqa: F401
    import incident_wizard.domain.procedure  # noqa: F401

    if argv[:1] == ["--align-second"]:
        argv = argv[1:]
        time.sleep(1.0 - time.time() % 1.0 + 0.01)
    if argv[:1] == ["--kill-at"]:
        install_kill_point(argv[1])
        argv = argv[2:]
    print(READY, flush=True)
    return cli.main(argv)


def run_edits(data_dir: Path, run: str) -> None:
    from incident_wizard.domain.clock import now_utc
    from incident_wizard.storage import Storage

    storage = Storage.open(data_dir)
    print(READY, flush=True)
    incident = storage.create_incident(title=f"run {run}")
    print(f"created {incident.reference}", flush=True)
    i = 0
    while True:
        key = f"{run}-{i}"
        kind = i % 5
        if kind == 3:
            content = f"piece jointe {key}\n".encode() * 50
            attachment = storage.add_attachment(incident, f"{key}.txt", content, "autre")
            print(f"attach {incident.reference} {attachment.sha256}", flush=True)
        elif kind == 4:
            storage.append_journal(incident.reference, "note_added", {"item": key})
            print(f"note {incident.reference} {key}", flush=True)
        else:
            incident.checklist[key] = now_utc()
            incident.title = f"run {run} change {i}"
            storage.save_incident(incident, action="checklist_ticked", details={"item": key})
            print(f"tick {incident.reference} {key}", flush=True)
        i += 1
        if i % 11 == 0:
            incident = storage.create_incident(title=f"run {run} after {i}")
            print(f"created {incident.reference}", flush=True)


def main() -> None:
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "cli":
        sys.exit(run_cli(args))
    if mode == "edits":
        run_edits(Path(args[0]), args[1])
        return
    raise SystemExit(f"kill_targets: unknown mode {mode!r}")


if __name__ == "__main__":
    main()
