"""Windows code paths (issue 26, item 1): private files through ACLs, the warning for a data
folder other accounts can read, the memory cap of the template worker (a Job Object), and the
one-window lock. Marked ``windows``: they run on the Windows CI runner
(.github/workflows/windows.yml) and are skipped elsewhere; their POSIX counterparts are in
test_storage.py, test_diagnoses.py, test_documents.py and test_hostile_templates.py. The memory
cap and the lock tests at the end run on both."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from incident_wizard import files
from incident_wizard.instance import InstanceLock
from incident_wizard.locations import make_private_dir
from incident_wizard.storage.problems import permission_warnings

#: The built-in "Users" group (every account of the computer), by SID: the names are localised.
USERS = "*S-1-5-32-545"


def icacls(*args: str) -> str:
    done = subprocess.run(["icacls", *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture
def shared(tmp_path) -> Path:
    """A folder every account of the computer can read (as C:\\Partage may be)."""
    from incident_wizard import winsecurity

    folder = tmp_path / "partage"
    folder.mkdir()
    icacls(str(folder), "/grant", f"{USERS}:(OI)(CI)R")
    assert winsecurity.others_who_can_read(folder)  # the check sees the group
    return folder


@pytest.mark.windows("ACLs")
def test_a_folder_the_app_creates_is_private_even_in_a_shared_folder(shared):
    from incident_wizard import winsecurity

    data = make_private_dir(shared / "donnees" / "incidents")
    assert winsecurity.others_who_can_read(data) == []
    assert winsecurity.others_who_can_read(data.parent)  # a parent it only had to create: left shared
    (data / "incidents.sqlite3").write_bytes(b"x")  # what the app writes inside inherits the DACL
    assert winsecurity.others_who_can_read(data / "incidents.sqlite3") == []
    export = files.make_export_dir(shared / "export")
    assert winsecurity.others_who_can_read(export) == []


@pytest.mark.windows("ACLs")
def test_a_file_written_in_a_shared_folder_is_private_from_its_creation(shared):
    from incident_wizard import winsecurity

    final = shared / "registre.csv"
    with files.atomic_path(final) as tmp:
        assert tmp.exists() and winsecurity.others_who_can_read(tmp) == []  # before the first byte
        tmp.write_text("données", encoding="utf-8")
    assert final.read_text(encoding="utf-8") == "données"
    assert winsecurity.others_who_can_read(final) == []
    with files.open_new_private(shared / "lignes.jsonl") as handle:
        handle.write(b"{}\n")
    assert winsecurity.others_who_can_read(shared / "lignes.jsonl") == []


@pytest.mark.windows("ACLs")
def test_a_database_other_accounts_can_read_is_said(shared):
    from incident_wizard.storage import Storage

    with Storage.open(shared) as storage:
        warnings = list(storage.warnings)
    assert warnings and "lisible par d'autres comptes" in warnings[0]
    assert str(shared) in warnings[0]
    private = make_private_dir(shared.parent / "prive")
    with Storage.open(private) as storage:
        assert permission_warnings(private / "incidents.sqlite3") == []
        assert list(storage.warnings) == []


@pytest.mark.windows("Job Objects")
def test_the_template_worker_memory_is_capped_by_a_job_object():
    code = textwrap.dedent("""
        import sys
        from incident_wizard import winsecurity
        winsecurity.limit_process_memory(256 * 1024 * 1024)
        small = bytearray(64 * 1024 * 1024)
        try:
            big = bytearray(512 * 1024 * 1024)
        except MemoryError:
            sys.exit(3)
        sys.exit(0)
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, done.stderr


def test_a_template_exhausting_memory_is_stopped_by_the_memory_cap():
    """Both platforms: RLIMIT_AS (POSIX) or the Job Object (Windows) stops it, not the clock."""
    from incident_wizard.documents.bounded import TemplateLimitError, TemplateWorker

    worker = TemplateWorker(time_limit=60)
    try:
        with pytest.raises(TemplateLimitError, match="mémoire"):
            worker.render("{% set s = 'x' * 1000000 %}{% set l = [] %}{% for i in range(3000) %}"
                          "{% set _ = l.append(s ~ i) %}{% endfor %}{{ l | length }}", {}, True, None)
    finally:
        worker.close()


def test_the_lock_is_released_when_the_window_is_killed(tmp_path):
    """Both platforms: a killed app (a crash, the task manager) leaves the data usable."""
    code = textwrap.dedent(f"""
        import sys, time
        from incident_wizard.instance import InstanceLock
        lock = InstanceLock(r"{tmp_path}")
        assert lock.acquire()
        print("held", flush=True)
        time.sleep(120)
    """)
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                              env={**os.environ})
    try:
        assert holder.stdout.readline().strip() == "held"
        assert not InstanceLock(tmp_path).acquire()
    finally:
        holder.kill()
        holder.wait(30)
    again = InstanceLock(tmp_path)
    assert again.acquire()
    again.release()
