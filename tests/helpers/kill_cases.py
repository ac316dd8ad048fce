"""The cases of the SIGKILL fault-injection campaign, shared by tests/test_kill_campaign.py (a
few kills per class, bounded for CI) and benchmarks/fault_campaign.py (a long local campaign).

Each case starts a child process (tests/helpers/kill_targets.py: the real CLI, or a process that
keeps confirming edits), kills it with SIGKILL at a random moment of the operation (a seeded
random delay within the operation's measured duration, counted from the moment the child has
finished importing) or at a chosen point (``--kill-at``), then checks what is left: files that
look final are complete and valid, temporary leftovers carry ``files.TMP_MARK``, what the app
created is private, the database opens, the CLI never prints a traceback, and running the same
command again succeeds.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from incident_wizard.files import TMP_MARK
from incident_wizard.storage import APPLICATION_ID, DB_FILENAME, SCHEMA_VERSION, Storage

REPO = Path(__file__).resolve().parents[2]
TARGETS = Path(__file__).with_name("kill_targets.py")
SCHEMA3_SAMPLE = REPO / "tests" / "data" / "schema-3-sample.sqlite3"
READY = "READY"
CHILD_TIMEOUT = 120.0


# --- running children ----------------------------------------------------------------------------

@dataclass
class Child:
    returncode: int | None
    stdout: list[str]
    stderr: str
    elapsed: float  # seconds from READY to the end (or the kill)
    ready: bool

    @property
    def killed(self) -> bool:
        return self.returncode == -signal.SIGKILL


def child_env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INCIDENT_WIZARD_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["INCIDENT_WIZARD_CONFIG_DIR"] = str(work / "config")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_child(cmd: list[str], env: dict[str, str], delay: float | None = None) -> Child:
    """Run ``cmd``; ``delay`` seconds after it printed READY, SIGKILL it (if still running)."""
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env)
    lines: list[str] = []
    errors: list[str] = []
    ready = threading.Event()
    seen = {"ready": False}

    def read_stdout() -> None:
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if line.rstrip("\n") == READY:
                seen["ready"] = True
                ready.set()
        ready.set()

    readers = [threading.Thread(target=read_stdout, daemon=True),
               threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)]
    for reader in readers:
        reader.start()
    watchdog = threading.Timer(CHILD_TIMEOUT, process.kill)  # a hung child never hangs us
    watchdog.start()
    ready.wait(CHILD_TIMEOUT)
    start = time.perf_counter()
    if delay is not None:
        time.sleep(max(delay, 0.0))
        process.send_signal(signal.SIGKILL)  # nothing if it has already been reaped
    process.wait()  # blocking: the end is timed precisely
    elapsed = time.perf_counter() - start
    watchdog.cancel()
    for reader in readers:
        reader.join(10)
    process.stdout.close()
    process.stderr.close()
    return Child(process.returncode, [x for x in lines if x != READY], "".join(errors), elapsed,
                 seen["ready"])


# --- checking what is left -------------------------------------------------------------------------

def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def valid_file(path: Path) -> str:
    """'' if ``path`` is a complete file of its kind, else why not."""
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
        if not data:
            return "empty file"
        if suffix == ".docx":
            if not zipfile.is_zipfile(path):
                return "not a zip archive"
            with zipfile.ZipFile(path) as archive:
                bad = archive.testzip()
                if bad is not None:
                    return f"zip member {bad} is damaged"
            import docx

            document = docx.Document(str(path))
            if not any(p.text.strip() for p in document.paragraphs) and not document.tables:
                return "python-docx opens it but it is empty"
            return ""
        if suffix == ".csv":
            text = data.decode("utf-8-sig")
            if not data.startswith(b"\xef\xbb\xbf") or not text.endswith("\r\n"):
                return "CSV without its BOM or its last line end (French Excel format)"
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
            if len(rows[0]) < 2 or "Référence" not in rows[0]:
                return "CSV header is not the register's"
            short = [i for i, row in enumerate(rows) if len(row) != len(rows[0])]
            return f"CSV rows {short} are incomplete" if short else ""
        if suffix == ".xlsx":
            if not zipfile.is_zipfile(path):
                return "not a zip archive"
            from openpyxl import load_workbook

            sheet = load_workbook(path, read_only=True).active
            header = next(sheet.iter_rows(max_row=1, values_only=True), ())
            return "" if "Référence" in header else "workbook header is not the register's"
        if suffix == ".txt":
            data.decode("utf-8")
            return ""
        if suffix == ".json":
            json.loads(data.decode("utf-8"))
            return ""
        if suffix == ".pdf":
            return "" if data.startswith(b"%PDF") and b"%%EOF" in data[-2048:] else "truncated PDF"
        if suffix == ".sqlite3":
            return sqlite_problem(path)
        return f"unexpected kind of file ({suffix or 'no suffix'})"
    except Exception as error:  # noqa: BLE001 - any failure to read it is the finding
        return f"{type(error).__name__}: {error}"


def sqlite_facts(path: Path) -> dict:
    """Integrity, ids and contents of a SQLite file, read from a scratch copy (reading it in place
    could leave -wal/-shm files next to it)."""
    scratch = Path(tempfile.mkdtemp(prefix="kill-campaign-"))
    try:
        copy = scratch / "copy.sqlite3"
        shutil.copyfile(path, copy)
        conn = sqlite3.connect(copy)
        try:
            facts = {"integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
                     "application_id": conn.execute("PRAGMA application_id").fetchone()[0],
                     "user_version": conn.execute("PRAGMA user_version").fetchone()[0]}
            facts["incidents"] = sorted(r[0] for r in conn.execute("SELECT reference FROM incidents"))
            facts["journal"] = conn.execute("SELECT count(*) FROM journal").fetchone()[0]
            return facts
        finally:
            conn.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def sqlite_problem(path: Path, version: int | None = None, incidents: list[str] | None = None) -> str:
    try:
        facts = sqlite_facts(path)
    except Exception as error:  # noqa: BLE001
        return f"not a readable SQLite database ({type(error).__name__}: {error})"
    if facts["integrity"] != "ok":
        return f"integrity_check: {facts['integrity']}"
    if facts["application_id"] != APPLICATION_ID:
        return f"application_id {facts['application_id']:#x} instead of {APPLICATION_ID:#x}"
    if version is not None and facts["user_version"] != version:
        return f"schema {facts['user_version']} instead of {version}"
    if incidents is not None and facts["incidents"] != sorted(incidents):
        return f"incidents {facts['incidents']} instead of {sorted(incidents)}"
    return ""


def check_tree(root: Path, created: Path | None = None) -> tuple[list[str], list[Path], list[Path]]:
    """(problems, final files, temporary leftovers) under ``root``. Every final file must be
    valid; every file private (0600); every folder under ``created`` (created by the app) 0700."""
    problems, finals, leftovers = [], [], []
    if not root.exists():
        return problems, finals, leftovers
    created = created or root
    for folder, _dirnames, filenames in os.walk(root):
        folder_path = Path(folder)
        if (folder_path == created or created in folder_path.parents) and mode(folder_path) != 0o700:
            problems.append(f"folder {folder_path} created with mode {mode(folder_path):04o}, not 0700")
        for name in filenames:
            path = folder_path / name
            if mode(path) != 0o600:
                problems.append(f"file {path.name} has mode {mode(path):04o}, not 0600")
            if name.startswith(TMP_MARK):
                leftovers.append(path)
                continue
            finals.append(path)
            why = valid_file(path)
            if why:
                problems.append(f"{path.name} looks final but is invalid: {why} "
                                f"({path.stat().st_size} bytes)")
    return problems, finals, leftovers


# --- the campaign ---------------------------------------------------------------------------------

@dataclass
class Kill:
    case: str
    index: int
    delay: float | None  # seconds after READY (random kills)
    point: str | None  # --kill-at spec (pinpoint kills)
    killed: bool  # died by SIGKILL (else the operation finished before the kill)
    problems: list[str] = field(default_factory=list)
    folder: str = ""  # what the kill left (kept when a check failed)

    def describe(self) -> str:
        when = f"--kill-at {self.point}" if self.point else f"delay {self.delay * 1000:.1f} ms"
        state = "killed" if self.killed else "finished before the kill"
        where = f" [left in {self.folder}]" if self.folder else ""
        return f"{self.case} #{self.index} ({when}, {state}){where}: " + "; ".join(self.problems)


class Campaign:
    """Shared set-up (a realistic database, an incident file) and the command runner."""

    def __init__(self, work: Path, python: str = sys.executable):
        self.work = Path(work)
        self.work.mkdir(parents=True, exist_ok=True)
        self.python = python
        self.env = child_env(self.work)
        self._template: Path | None = None
        self.references: list[str] = []
        self.incident_file: Path | None = None

    # running the CLI and the helper
    def cli(self, data_dir: Path, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([self.python, "-m", "incident_wizard", "--data-dir", str(data_dir),
                               *map(str, args)], capture_output=True, text=True, env=self.env,
                              timeout=CHILD_TIMEOUT)

    def target(self, *args: str, delay: float | None = None) -> Child:
        return run_child([self.python, str(TARGETS), *map(str, args)], self.env, delay)

    @staticmethod
    def cli_problems(what: str, result: subprocess.CompletedProcess, expect: int = 0,
                     words: str = "") -> list[str]:
        problems = []
        if "Traceback" in result.stderr:
            problems.append(f"{what} printed a Python traceback: {result.stderr.strip()[-600:]}")
        if result.returncode != expect:
            problems.append(f"{what} exited {result.returncode} (expected {expect}): "
                            f"{(result.stderr or result.stdout).strip()[:400]}")
        elif words and words not in result.stderr:
            problems.append(f"{what}: '{words}' not in its message: {result.stderr.strip()[:300]}")
        return problems

    def db_problems(self, data_dir: Path, cli_list: bool = False) -> list[str]:
        """The database opens (in this process); with ``cli_list``, `list` also works without a
        traceback (cases whose checks run no other command of the CLI on the database)."""
        problems = self.cli_problems("`list`", self.cli(data_dir, "list")) if cli_list else []
        try:
            with Storage.open(data_dir) as storage:
                storage.list_incidents()
        except Exception as error:  # noqa: BLE001
            problems.append(f"the database does not open: {type(error).__name__}: {error}")
        return problems

    # set-up shared by the cases
    def template(self) -> Path:
        """A data folder with the built-in sample (closed, with an attached file) and a second,
        open incident."""
        if self._template is None:
            from incident_wizard.application.sample import build_sample
            from incident_wizard.domain.procedure import load_procedure

            folder = self.work / "template" / "data"
            procedure = load_procedure()
            with Storage.open(folder) as storage:
                first = build_sample(storage, procedure)
                storage.add_attachment(storage.load_incident(first), "recepisse-cnil.pdf",
                                       b"%PDF-1.4\n% recepisse\n" * 200, "autre")
                second = build_sample(storage, procedure, complete=False)
                self.references = [first, second]
            self._template = folder
        return self._template

    def fresh_data(self, run_dir: Path) -> Path:
        data_dir = run_dir / "data"
        shutil.copytree(self.template(), data_dir)
        return data_dir

    def exported_file(self) -> Path:
        """An incident file of the sample (with its attached file), for the import case."""
        if self.incident_file is None:
            folder = self.work / "template" / "export"
            folder.mkdir(parents=True, exist_ok=True)
            data_dir = self.fresh_data(folder)
            path = folder / "incident.json"
            result = self.cli(data_dir, "export-incident", self.references[0], path)
            assert result.returncode == 0, result.stderr
            self.incident_file = path
        return self.incident_file


class Case:
    """One class of kill. Subclasses say how to prepare a run, what to run and what to check."""

    name = ""
    #: Deterministic kill points (kill_targets --kill-at; "{data}" is the run's data folder),
    #: tried in addition to random kills.
    points: tuple[str, ...] = ()
    #: Kill points run with --align-second (early in a second of the clock).
    aligned_points: frozenset[str] = frozenset()
    #: When set, random kills fall within this many seconds instead of a measured duration.
    fixed_window: float | None = None

    def __init__(self, campaign: Campaign):
        self.campaign = campaign
        self.root = campaign.work / self.name
        self.window = 0.0

    def run_dir(self, label: str) -> Path:
        path = self.root / label
        if path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True)
        return path

    def prepare(self, run_dir: Path) -> None:
        """Fresh state for one run."""

    def command(self, run_dir: Path) -> list[str]:
        raise NotImplementedError

    def check(self, run_dir: Path, child: Child) -> list[str]:
        raise NotImplementedError

    def rerun(self, run_dir: Path) -> subprocess.CompletedProcess:
        """The same command again, through `python -m incident_wizard`."""
        command = self.command(run_dir)  # ["--data-dir", DIR, ...]
        return self.campaign.cli(Path(command[1]), *command[2:])

    def measure(self, runs: int = 3) -> float:
        """The operation's duration (median of ``runs`` uncut runs, from READY to the end: one
        slow run does not push most kills past the end); the first uncut run must also pass the
        checks (the operation works when nothing kills it)."""
        if self.fixed_window is not None:
            self.window = self.fixed_window
            return self.window
        durations = []
        for i in range(runs):
            run_dir = self.run_dir(f"measure-{i}")
            self.prepare(run_dir)
            child = self.campaign.target("cli", *self.command(run_dir))
            problems = self.check(run_dir, child) if i == 0 else []
            if child.returncode != 0 or problems:
                raise AssertionError(f"{self.name}: the operation fails without any kill "
                                     f"(exit {child.returncode}): {child.stderr[-500:]} {problems}")
            durations.append(child.elapsed)
            shutil.rmtree(run_dir, ignore_errors=True)
        self.window = sorted(durations)[len(durations) // 2]
        return self.window

    def one(self, index: int, delay: float | None = None, point: str | None = None,
            keep: bool = False) -> Kill:
        run_dir = self.run_dir(f"kill-{index}" if point is None else
                               f"point-{index}-" + "".join(c if c.isalnum() else "-" for c in point)[-40:])
        self.prepare(run_dir)
        args = self.command(run_dir)
        if point is not None:
            args = ["--kill-at", point.format(data=run_dir / "data"), *args]
            if point in self.aligned_points:
                args = ["--align-second", *args]
        child = self.campaign.target("cli", *args, delay=delay)
        if not child.ready:
            problems = [f"the child did not start: {child.stderr[-500:]}"]
        else:
            problems = [] if child.killed or child.returncode == 0 else [
                f"the child failed by itself (exit {child.returncode}): {child.stderr[-400:]}"]
            problems += self.check(run_dir, child)
        if point is not None and not child.killed:
            problems.append(f"kill point {point} was never reached")
        if not problems and not keep:
            shutil.rmtree(run_dir, ignore_errors=True)
        return Kill(self.name, index, delay, point, child.killed, problems,
                    str(run_dir) if problems else "")

    def campaign_run(self, kills: int, seed: int, points: bool | int = True,
                     progress=None) -> list[Kill]:
        """``kills`` random kills (seeded), then the deterministic kill points (all of them, or
        the first ``points``)."""
        rng = random.Random(f"kill-campaign:{self.name}:{seed}")
        self.measure()
        results = []
        for index in range(kills):
            delay = rng.uniform(0.0, self.window * 1.1)
            results.append(self.one(index, delay=delay))
            if progress:
                progress(results[-1])
        chosen = self.points if points is True else self.points[:int(points)]
        for index, point in enumerate(chosen):
            results.append(self.one(index, point=point))
            if progress:
                progress(results[-1])
        return results


# --- 1. edits --------------------------------------------------------------------------------------

class Edits(Case):
    """A process that keeps confirming changes (as the wizard's autosave does) is killed: every
    change it printed as confirmed is in the database, every journal verifies."""

    name = "edits"
    fixed_window = 0.5

    def __init__(self, campaign: Campaign):
        super().__init__(campaign)
        self.data_dir = self.root / "shared-data"
        self.created: set[str] = set()
        self.confirmed: dict[str, set[tuple[str, str]]] = {}

    def one(self, index: int, delay: float | None = None, point: str | None = None,
            keep: bool = False) -> Kill:
        child = self.campaign.target("edits", self.data_dir, f"k{index}", delay=delay)
        for line in child.stdout:
            kind, ref, *rest = line.split()
            if kind == "created":
                self.created.add(ref)
            else:
                self.confirmed.setdefault(ref, set()).add((kind, rest[0]))
        problems = [] if child.ready else [f"the child did not start: {child.stderr[-500:]}"]
        if child.ready and not child.killed:
            problems.append(f"the writer stopped by itself (exit {child.returncode}): "
                            f"{child.stderr[-400:]}")
        problems += self.check(self.data_dir, child)
        return Kill(self.name, index, delay, point, child.killed, problems,
                    str(self.data_dir) if problems else "")

    def check(self, data_dir: Path, child: Child) -> list[str]:
        problems = self.campaign.db_problems(data_dir, cli_list=True)
        try:
            with Storage.open(data_dir) as storage:
                refs = {s.reference for s in storage.list_incidents()}
                if not self.created <= refs:
                    problems.append(f"created incidents lost: {sorted(self.created - refs)}")
                for ref, items in self.confirmed.items():
                    incident = storage.load_incident(ref)
                    entries = storage.journal(ref)
                    journaled = {e.details.get("item") for e in entries}
                    shas = {a.sha256 for a in incident.attachments}
                    for kind, key in sorted(items):
                        if kind == "tick" and (key not in incident.checklist or key not in journaled):
                            problems.append(f"confirmed tick {key} of {ref} lost")
                        elif kind == "note" and key not in journaled:
                            problems.append(f"confirmed journal entry {key} of {ref} lost")
                        elif kind == "attach":
                            if key not in shas:
                                problems.append(f"confirmed attachment {key[:12]} of {ref} lost")
                            else:
                                storage.attachment_content(ref, key)
                    check = storage.verify_journal(ref)
                    if not check.ok:
                        problems.append(f"journal of {ref} does not verify: {check.message}")
        except Exception as error:  # noqa: BLE001
            problems.append(f"checking the database failed: {type(error).__name__}: {error}")
        return problems

    def confirmed_count(self) -> int:
        return sum(len(v) for v in self.confirmed.values())


# --- 2. document exports ---------------------------------------------------------------------------

class Documents(Case):
    """`documents REF --out DIR --no-pdf`: no file that looks final is truncated, leftovers carry
    the temporary mark, everything is private, a rerun succeeds and the journal verifies."""

    name = "documents"
    points = ("os.replace:1:after", "os.replace:3:after", "os.fsync:2:before",
              "os.replace:6:after", "incident_wizard.storage.Storage.append_journal_batch:1:before")

    def out_dir(self, run_dir: Path) -> Path:
        return run_dir / "exports" / "documents"  # both folders created by the app

    def command(self, run_dir: Path) -> list[str]:
        return ["--data-dir", str(run_dir / "data"), "documents", self.campaign.references[0],
                "--out", str(self.out_dir(run_dir)), "--no-pdf"]

    def prepare(self, run_dir: Path) -> None:
        self.campaign.fresh_data(run_dir)

    def expected(self) -> set[str]:
        ref = self.campaign.references[0]
        return {f"{ref}-{name}" for name in (
            "notification-cnil.docx", "courrier-personnes.docx", "courriel-personnes.txt",
            "sms-personnes.txt", "affiche-communication-publique.docx", "fiche-registre.docx")}

    def check(self, run_dir: Path, child: Child) -> list[str]:
        out, data_dir = self.out_dir(run_dir), run_dir / "data"
        problems, finals, _ = check_tree(run_dir / "exports")
        unexpected = {p.name for p in finals} - self.expected()
        if unexpected:
            problems.append(f"unexpected files in the export folder: {sorted(unexpected)}")
        rerun = self.rerun(run_dir)
        problems += self.campaign.cli_problems("the rerun", rerun)
        after, finals, leftovers = check_tree(run_dir / "exports")
        problems += [f"after the rerun: {p}" for p in after]
        if {p.name for p in finals} != self.expected():
            problems.append(f"after the rerun the folder holds {sorted(p.name for p in finals)}")
        if leftovers:
            problems.append(f"after the rerun temporary files remain: {[p.name for p in leftovers]}")
        if not out.is_dir():
            problems.append("the export folder does not exist after the rerun")
        problems += self.campaign.cli_problems(
            "`verify-journal`", self.campaign.cli(data_dir, "verify-journal", self.campaign.references[0]))
        return problems + self.campaign.db_problems(data_dir)


class Register(Documents):
    """`register --out DIR --no-pdf`, same checks."""

    name = "register"
    points = ("os.replace:1:after", "os.fsync:2:before", "os.replace:2:after",
              "incident_wizard.storage.register_log.RegisterExportLog.append:1:before")

    def out_dir(self, run_dir: Path) -> Path:
        return run_dir / "exports" / "registre"

    def command(self, run_dir: Path) -> list[str]:
        return ["--data-dir", str(run_dir / "data"), "register", "--out",
                str(self.out_dir(run_dir)), "--no-pdf"]

    def expected(self) -> set[str]:
        return {"registre-violations-complet.docx", "registre-violations-complet.csv",
                "registre-violations-complet.xlsx"}


# --- 3. backup -------------------------------------------------------------------------------------

class Backup(Case):
    """`backup FILE`: FILE is absent or a complete database of ours; leftovers carry the mark and
    are private; a retry (same name when absent) succeeds; an existing FILE is never replaced."""

    name = "backup"
    points = ("os.fsync:1:before", "os.replace:1:before", "os.replace:1:after")

    def prepare(self, run_dir: Path) -> None:
        self.campaign.fresh_data(run_dir)
        (run_dir / "backups").mkdir(mode=0o700)

    def command(self, run_dir: Path) -> list[str]:
        return ["--data-dir", str(run_dir / "data"), "backup", str(run_dir / "backups" / "sauvegarde.sqlite3")]

    def check(self, run_dir: Path, child: Child) -> list[str]:
        data_dir, folder = run_dir / "data", run_dir / "backups"
        target = folder / "sauvegarde.sqlite3"
        wanted = {"version": SCHEMA_VERSION, "incidents": self.campaign.references}
        problems = []
        for path in folder.iterdir():
            if mode(path) != 0o600:
                problems.append(f"{path.name} has mode {mode(path):04o}, not 0600")
            if path.name.startswith(TMP_MARK):
                continue
            if path != target:
                problems.append(f"unexpected file {path.name} next to the backup")
        if target.exists():
            why = sqlite_problem(target, **wanted)
            if why:
                problems.append(f"{target.name} exists but is not a complete backup: {why}")
            problems += self.campaign.cli_problems(
                "`backup` onto the existing file", self.campaign.cli(data_dir, "backup", target),
                expect=2, words="existe déjà")
            retry = folder / "sauvegarde-2.sqlite3"
        else:
            retry = target
        problems += self.campaign.cli_problems(f"the retry `backup {retry.name}`",
                                               self.campaign.cli(data_dir, "backup", retry))
        if retry.exists():
            why = sqlite_problem(retry, **wanted)
            if why:
                problems.append(f"the retried backup is not complete: {why}")
            if mode(retry) != 0o600:
                problems.append(f"the retried backup has mode {mode(retry):04o}")
        # The next start (the retry) removed what the killed backup left (issue 25).
        problems += [f"leftover {p.name} after the next start" for p in folder.iterdir()
                     if p.name.startswith(TMP_MARK)]
        return problems + self.campaign.db_problems(data_dir)


class BackupReplace(Case):
    """`backup --replace FILE` over an earlier backup: at every moment FILE is a complete backup
    (the earlier one or the new one), never absent; a dated « précédente » copy, when there is
    one, is complete too; the next start removes the killed backup's leftovers (issue 25)."""

    name = "backup-replace"
    points = ("os.fsync:1:before", "os.link:1:after", "os.replace:1:before", "os.replace:1:after")

    def prepare(self, run_dir: Path) -> None:
        self.campaign.fresh_data(run_dir)
        (run_dir / "backups").mkdir(mode=0o700)
        done = self.campaign.cli(run_dir / "data", "backup", run_dir / "backups" / "sauvegarde.sqlite3")
        assert done.returncode == 0, done.stderr

    def command(self, run_dir: Path) -> list[str]:
        return ["--data-dir", str(run_dir / "data"), "backup", "--replace",
                str(run_dir / "backups" / "sauvegarde.sqlite3")]

    def check(self, run_dir: Path, child: Child) -> list[str]:
        data_dir, folder = run_dir / "data", run_dir / "backups"
        target = folder / "sauvegarde.sqlite3"
        wanted = {"version": SCHEMA_VERSION, "incidents": self.campaign.references}
        problems = []
        if not target.exists():
            problems.append("the backup is gone: no complete backup left")
        for path in folder.iterdir():
            if mode(path) != 0o600:
                problems.append(f"{path.name} has mode {mode(path):04o}, not 0600")
            if path.name.startswith(TMP_MARK):
                continue
            if path != target and not path.name.startswith("sauvegarde.precedente-"):
                problems.append(f"unexpected file {path.name} next to the backup")
                continue
            why = sqlite_problem(path, **wanted)
            if why:
                problems.append(f"{path.name} is not a complete backup: {why}")
        problems += self.campaign.cli_problems("the retry `backup --replace`", self.rerun(run_dir))
        problems += [f"leftover {p.name} after the next start" for p in folder.iterdir()
                     if p.name.startswith(TMP_MARK)]
        why = sqlite_problem(target, **wanted) if target.exists() else "absent"
        if why:
            problems.append(f"the retried backup is not complete: {why}")
        return problems + self.campaign.db_problems(data_dir)


# --- 4. migration ----------------------------------------------------------------------------------

class Migration(Case):
    """`list` on a schema-3 database (it migrates to schema 4, after an « avant-migration » copy):
    afterwards `list` succeeds, the sample's incidents are all there, migrated, their journals
    verify (anchored once), and every « avant-migration » copy is a complete schema-3 database."""

    name = "migration"
    points = ("os.replace:1:after", "os.fsync:1:before",
              "incident_wizard.storage.Storage._anchor_legacy:1:before",
              "incident_wizard.storage.Storage._append:1:after")
    #: Killed just after the « avant-migration » copy got its name, early in a second: the rerun
    #: comes within the same second, as a restart right after a crash does.
    aligned_points = frozenset({"os.replace:1:after"})

    def __init__(self, campaign: Campaign):
        super().__init__(campaign)
        self.sample = sqlite_facts(SCHEMA3_SAMPLE)

    def prepare(self, run_dir: Path) -> None:
        data_dir = run_dir / "data"
        data_dir.mkdir(mode=0o700)
        shutil.copyfile(SCHEMA3_SAMPLE, data_dir / DB_FILENAME)
        os.chmod(data_dir / DB_FILENAME, 0o600)

    def command(self, run_dir: Path) -> list[str]:
        return ["--data-dir", str(run_dir / "data"), "list"]

    def check(self, run_dir: Path, child: Child) -> list[str]:
        data_dir = run_dir / "data"
        problems = []
        copies_before = sorted(p.name for p in data_dir.iterdir() if "avant-migration" in p.name
                               and not p.name.startswith(TMP_MARK))
        listed = self.campaign.cli(data_dir, "list")
        problems += self.campaign.cli_problems(
            f"`list` right after the kill (copies present: {copies_before})", listed)
        refs = {line.split("\t")[0] for line in listed.stdout.splitlines() if "\t" in line}
        missing = set(self.sample["incidents"]) - refs
        if listed.returncode == 0 and missing:
            problems.append(f"incidents of the sample missing from `list`: {sorted(missing)}")
        try:
            facts = sqlite_facts(data_dir / DB_FILENAME)
            if facts["user_version"] != SCHEMA_VERSION:
                problems.append(f"the database is still at schema {facts['user_version']}")
            with Storage.open(data_dir) as storage:
                for ref in self.sample["incidents"]:
                    anchors = [e for e in storage.journal(ref) if e.action == "record_anchored"]
                    if len(anchors) != 1:
                        problems.append(f"{ref} has {len(anchors)} record_anchored entries, not 1")
        except Exception as error:  # noqa: BLE001
            problems.append(f"the migrated database cannot be read: {type(error).__name__}: {error}")
        for ref in self.sample["incidents"]:
            problems += self.campaign.cli_problems(f"`verify-journal {ref}`",
                                                   self.campaign.cli(data_dir, "verify-journal", ref))
        for path in data_dir.iterdir():
            if "avant-migration" in path.name and not path.name.startswith(TMP_MARK):
                why = sqlite_problem(path, 3, self.sample["incidents"])
                if why:
                    problems.append(f"{path.name} is not a complete copy of the schema-3 database: {why}")
                if mode(path) != 0o600:
                    problems.append(f"{path.name} has mode {mode(path):04o}, not 0600")
        return problems + self.campaign.db_problems(data_dir)


# --- 5. incident files -----------------------------------------------------------------------------

class ExportIncident(Case):
    """`export-incident REF FILE`: FILE absent or a valid incident file (private); leftovers carry
    the mark; a retry succeeds; the journal verifies."""

    name = "export"
    points = ("os.fsync:1:before", "os.replace:1:after",
              "incident_wizard.storage.Storage.append_journal:1:before")

    def prepare(self, run_dir: Path) -> None:
        self.campaign.fresh_data(run_dir)
        (run_dir / "exports").mkdir(mode=0o700)

    def command(self, run_dir: Path) -> list[str]:
        return ["--data-dir", str(run_dir / "data"), "export-incident", self.campaign.references[0],
                str(run_dir / "exports" / "incident.json")]

    def file_problems(self, path: Path) -> list[str]:
        from incident_wizard.domain import incident_file
        from incident_wizard.domain.procedure import load_procedure

        try:
            loaded = incident_file.read(path, load_procedure())
        except Exception as error:  # noqa: BLE001
            return [f"{path.name} exists but is not a valid incident file: {error} "
                    f"({path.stat().st_size} bytes)"]
        if loaded.incident.reference != self.campaign.references[0]:
            return [f"{path.name} holds {loaded.incident.reference}"]
        return [] if mode(path) == 0o600 else [f"{path.name} has mode {mode(path):04o}"]

    def check(self, run_dir: Path, child: Child) -> list[str]:
        data_dir, target = run_dir / "data", run_dir / "exports" / "incident.json"
        problems = []
        for path in target.parent.iterdir():
            if path != target and not path.name.startswith(TMP_MARK):
                problems.append(f"unexpected file {path.name}")
            elif path.name.startswith(TMP_MARK) and mode(path) != 0o600:
                problems.append(f"leftover {path.name} has mode {mode(path):04o}")
        if target.exists():
            problems += self.file_problems(target)
        problems += self.campaign.cli_problems("the retried export",
                                               self.rerun(run_dir))
        if not target.exists():
            problems.append("no file after the retried export")
        else:
            problems += [f"after the retry: {p}" for p in self.file_problems(target)]
        problems += self.campaign.cli_problems(
            "`verify-journal`", self.campaign.cli(data_dir, "verify-journal", self.campaign.references[0]))
        return problems + self.campaign.db_problems(data_dir)


class ImportIncident(Case):
    """`import-incident FILE` into a new data folder: all or nothing (the incident is absent, or
    complete with its journal, attachment and facts, and verifies); a retry succeeds (or is
    refused in French when the incident is already there); the new database is private."""

    name = "import"
    #: hot:{data}/... : killed while SQLite rewrites the new database in place under a rollback
    #: journal (its switch to WAL at the first opening), as random kills sometimes are.
    points = (f"hot:{{data}}/{DB_FILENAME}", "os.replace:1:after", "os.fsync:1:before",
              "incident_wizard.storage.Storage._insert_entry:20:after",
              "incident_wizard.storage.Storage._append:1:after")

    def command(self, run_dir: Path) -> list[str]:
        return ["--data-dir", str(run_dir / "data"), "import-incident", str(self.campaign.exported_file())]

    def present_problems(self, data_dir: Path, ref: str) -> list[str]:
        from incident_wizard.domain import incident_file
        from incident_wizard.domain.procedure import load_procedure
        from incident_wizard.domain.serialize import to_data

        problems = self.campaign.cli_problems("`verify-journal`",
                                              self.campaign.cli(data_dir, "verify-journal", ref))
        loaded = incident_file.read(self.campaign.exported_file(), load_procedure())
        try:
            with Storage.open(data_dir) as storage:
                if to_data(storage.load_incident(ref)) != to_data(loaded.incident):
                    problems.append("the imported incident differs from the file")
                entries = storage.journal(ref)
                if [e.hash for e in entries] != [e.hash for e in loaded.journal] \
                        or len(storage.imports(ref)) != 1:
                    problems.append(f"the imported journal has {len(entries)} entries "
                                    f"(file: {len(loaded.journal)}), {len(storage.imports(ref))} "
                                    "import log rows (expected the file's entries and one row)")
                for sha, content in loaded.contents.items():
                    if storage.attachment_content(ref, sha) != content:
                        problems.append(f"attachment {sha[:12]} differs")
        except Exception as error:  # noqa: BLE001
            problems.append(f"the imported incident cannot be read: {type(error).__name__}: {error}")
        return problems

    def check(self, run_dir: Path, child: Child) -> list[str]:
        data_dir, ref = run_dir / "data", self.campaign.references[0]
        problems = []
        if data_dir.exists():
            if mode(data_dir) != 0o700:
                problems.append(f"the data folder was created with mode {mode(data_dir):04o}")
            for path in data_dir.iterdir():
                if path.is_file() and mode(path) != 0o600:
                    problems.append(f"{path.name} has mode {mode(path):04o}, not 0600")
        listed = self.campaign.cli(data_dir, "list")
        problems += self.campaign.cli_problems("`list` after the kill", listed)
        present = ref in {line.split("\t")[0] for line in listed.stdout.splitlines()}
        if present:
            problems += self.present_problems(data_dir, ref)
        retry = self.rerun(run_dir)
        if present:
            problems += self.campaign.cli_problems("the retried import (incident already there)",
                                                   retry, expect=2, words="existe déjà")
        else:
            problems += self.campaign.cli_problems("the retried import", retry)
            problems += [f"after the retry: {p}" for p in self.present_problems(data_dir, ref)]
        return problems + self.campaign.db_problems(data_dir)


CASES: dict[str, type[Case]] = {case.name: case for case in (
    Edits, Documents, Register, Backup, BackupReplace, Migration, ExportIncident, ImportIncident)}
