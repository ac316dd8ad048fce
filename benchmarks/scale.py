"""Fast at any size (issue 22): a DPO's data folder of 1,000, 10,000 and 100,000 incidents.

Each figure is measured against a bare baseline in the same run, interleaved (app, baseline,
app, baseline...), every measure in a fresh child process (so that a measure's memory is its
own and a measure that never ends can be stopped):

- open the home list (HomePage shown and painted) / a minimal QAbstractTableModel over the same
  rows (SELECT reference, title, status, awareness_at) in a QTableView;
- filter the home list, the worst of several texts, the overdue-actions and the pharmacy
  filters / a substring scan of the same casefolded keys;
- open the main window until its first reminder check has run (or, in a version that runs it in
  the background, has started: when it is done is printed too), at the first start on the
  folder (every reminder due: the reminders already shown are forgotten before each run), and at
  a next start (every reminder already shown) / a QMainWindow over the minimal model;
- open the data folder (Storage.open: its checks of the file) / sqlite3.connect and read the
  schema version;
- the DPO's "Échéances" dialog (shown and painted) / a SELECT of the stored deadlines;
- `incident-wizard deadlines` (in-process, output to /dev/null) / the same SELECT (and, in the
  extra column, the least a command can do: the stored due items read in order and written
  as they are, tab-separated, unformatted);
- the first reminder check on the folder (every reminder due, none shown yet: the check the
  window runs in the background at the first start) / a SELECT of the due items due within a
  day and an UPDATE marking every item due by now, in one transaction;
- the next check, a minute later (what runs every minute) / a SELECT of the due items due within
  the next 24 hours;
- `incident-wizard actions` (in-process, output to /dev/null) / a SELECT of the stored actions
  column of the incidents with open actions.

Peak memory: the growth of the resident set during the measure (VmHWM reset through
/proc/self/clear_refs before it; ru_maxrss otherwise). Before the measures of a size, its
database file is read once, so that every measure finds it in the system's cache (a cold disk
would otherwise weigh on whichever measure comes first).

How the folders are built (cached on disk between runs, under $XDG_CACHE_HOME or /tmp, in
``incident-wizard-scale/``; one folder per size and per storage code, about 30 KB per incident):
200 distinct incidents are made through the real API (application.sample.build_sample and
IncidentSession: closed and open complete incidents with their follow-up actions, first-hours
incidents whose 72 hours run or have passed, a late notification made before the awareness was
moved later), with their journals. They are then multiplied up to the size: each copy is the
template's Incident with a new reference, another title and another pharmacy (printed facts since
schema 8: the last entry's facts digest is the copy's own), inserted through the storage's own
insert (so that every summary column the version keeps is computed by that version's code, in one
transaction per batch), and the template's journal is chained again under the new reference
(same entries: every copy verifies intact), written with executemany, and entered in the
register's chain.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/scale.py [--sizes 1000,10000]
     [--repeat 3] [--timeout 240] [--label after] [--compare before.json after.json]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TEMPLATES = 200
PHARMACIES = 200
#: Bump when the way folders are built changes (the cache key also holds the storage code's).
RECIPE = 1
TITLES = ("Rançongiciel sur le poste du comptoir", "Courriel envoyé au mauvais patient",
          "Vol de l'ordinateur portable du préparatoire", "Ordonnances papier perdues en livraison",
          "Hameçonnage : messagerie de la pharmacie", "Pilulier remis à un autre patient",
          "Clé USB de sauvegarde égarée", "Accès au LGO par un ancien salarié",
          "Fax d'ordonnance envoyé au mauvais numéro", "Dossier pharmaceutique consulté sans motif")
CITIES = ("Lyon", "Villeurbanne", "Grenoble", "Annecy", "Chambéry", "Valence", "Vienne", "Bourg",
          "Mâcon", "Roanne")
FILTER_TEXTS = ("vdp", "rançongiciel", "2026-0001", "tilleuls", "zzz", "")
#: Target of each measure (seconds; memory in MiB for the home list), at the largest size.
TARGETS = {"home": ("≤ 1 s at 100k, ≤ +50 MiB", 1.0), "filter": ("≤ 50 ms", 0.05),
           "window": ("≤ 1 s at 100k", 1.0), "window-again": ("≤ 1 s at 100k", 1.0),
           "dashboard": ("≤ 100 ms at 10k", 0.1), "cli-deadlines": ("≤ 2× bare", None),
           "reminders-first": ("bounded (background thread)", None),
           "reminders-next": ("≤ 100 ms at 100k", 0.1), "cli-actions": ("—", None),
           "storage-open": ("—", None)}
BASELINES = {"home": "minimal model", "filter": "substring scan", "window": "bare window",
             "window-again": "bare window", "dashboard": "SELECT of the stored deadlines",
             "cli-deadlines": "SELECT of the stored deadlines", "storage-open": "connect",
             "reminders-first": "SELECT + UPDATE of the due items", "reminders-next": "SELECT of the next day's items",
             "cli-actions": "SELECT of the stored actions"}
MEASURES = ("home", "filter", "window", "window-again", "dashboard", "cli-deadlines", "storage-open",
            "reminders-first", "reminders-next", "cli-actions")


# --- building the folders -----------------------------------------------------------------------

def cache_root() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or tempfile.gettempdir())
    return base / "incident-wizard-scale"


def code_key() -> str:
    """The storage code that computes the summaries (storage/rows.py) and the schema: a folder
    built by another version is not reused (its summary columns would be another version's)."""
    from incident_wizard.storage import SCHEMA_VERSION

    digest = hashlib.sha256(str(RECIPE).encode())
    for name in ("rows.py", "schema.py"):
        digest.update((ROOT / "src" / "incident_wizard" / "storage" / name).read_bytes())
    return f"v{SCHEMA_VERSION}-{digest.hexdigest()[:10]}"


def siret(n: int) -> str:
    """A SIRET with a valid Luhn key."""
    body = f"{7328293200000 + n:013d}"
    for last in "0123456789":
        total = 0
        for i, d in enumerate(int(c) for c in reversed(body + last)):
            total += (d * 2 - 9 if d * 2 > 9 else d * 2) if i % 2 else d
        if total % 10 == 0:
            return body + last
    raise AssertionError(body)


def pharmacy(n: int):  # noqa: ANN201 - an Organisation
    from incident_wizard.domain.model import Contact, Organisation

    city = CITIES[n % len(CITIES)]
    names = ("des Tilleuls", "de la Gare", "du Marché", "Centrale", "des Halles", "du Parc")
    return Organisation(name=f"Pharmacie {names[n % len(names)]} {city} n° {n:03d}",
                        siret=siret(n), address=f"{n} rue de la République", postal_code="69000",
                        city=city, contact=Contact(f"Titulaire {n}", "Pharmacien titulaire",
                                                   f"titulaire{n}@exemple.fr", "04 00 00 00 00"))


def build_templates(folder: Path, base: datetime) -> None:
    """TEMPLATES distinct incidents through the real API (sessions, journals, actions)."""
    from incident_wizard.application.sample import build_sample
    from incident_wizard.application.session import IncidentSession
    from incident_wizard.domain.procedure import load_procedure
    from incident_wizard.storage import Storage

    procedure = load_procedure()
    with Storage.open(folder) as storage:
        for k in range(TEMPLATES):
            storage.save_profile(pharmacy(k % PHARMACIES))
            kind = k % 10
            if kind <= 4:  # complete and closed, months or years ago: actions left open
                build_sample(storage, procedure, base - timedelta(days=(k * 37) % 700 + 20))
            elif kind <= 6:  # complete, still open: actions running
                build_sample(storage, procedure, base - timedelta(days=k % 60 + 4), close=False)
            elif kind <= 8:  # the first hours: the 72 hours run (or have passed)
                build_sample(storage, procedure, base - timedelta(hours=(k * 7) % 100 + 1),
                             complete=False)
            else:  # notified late, then the awareness moved later: the kept deadline holds
                aware = base - timedelta(days=k % 30 + 5)
                ref = build_sample(storage, procedure, aware, complete=False)
                at = {"now": aware + timedelta(hours=80)}
                s = IncidentSession(storage, procedure, ref, now=lambda at=at: at["now"],
                                    actor="exemple")
                s.record_notification("initial", aware + timedelta(hours=80), f"N-{k}",
                                      late_reasons="Prestataire injoignable le week-end.")
                at["now"] += timedelta(hours=1)
                s.set_value("dates.awareness_at", aware + timedelta(hours=20))


def multiply(folder: Path, size: int) -> None:
    """Copies of the templates up to ``size`` incidents (see the module's docstring)."""
    from incident_wizard.domain import journal as jr
    from incident_wizard.domain import record
    from incident_wizard.domain.serialize import format_instant, parse_instant, to_data
    from incident_wizard.storage import Storage

    with Storage.open(folder) as storage:
        conn = storage._conn
        templates = []
        for ref, updated, facts_from in conn.execute(
                "SELECT reference, updated_at, facts_from FROM incidents"
                " ORDER BY reference").fetchall():
            templates.append((storage.load_incident(ref), parse_instant(updated), facts_from,
                              storage.journal(ref)))
        year = 2026
        done = len(templates)
        while done < size:
            with storage._transaction():
                journal_rows, heads = [], []
                for n in range(done, min(size, done + 2000)):
                    incident, updated, facts_from, entries = templates[n % len(templates)]
                    reference = f"VDP-{year}-{n + 1:06d}"
                    org = pharmacy((n * 7) % PHARMACIES)
                    org = dataclasses.replace(incident.organisation, name=org.name, siret=org.siret,
                                              city=org.city, contact=org.contact)
                    title = f"{TITLES[n % len(TITLES)]} ({org.city}, n° {n})"
                    copy = dataclasses.replace(incident, reference=reference, title=title,
                                               organisation=org)
                    storage._insert_incident(copy, updated)
                    previous = None
                    # The title and the pharmacy are printed facts since schema 8: the last
                    # entry's digest is the copy's own (the entries before are only hashed).
                    own_facts = record.digest_of(to_data(copy))
                    for e in entries:
                        facts = own_facts if e is entries[-1] and e.facts else e.facts
                        previous = jr.make_entry(reference, previous, e.at, e.actor, e.action,
                                                 e.details, facts)
                        journal_rows.append((reference, previous.seq, format_instant(previous.at),
                                             previous.actor, previous.action,
                                             json.dumps(previous.details, ensure_ascii=False),
                                             previous.prev_hash, previous.hash, previous.facts))
                    heads.append((previous.seq, previous.hash, facts_from, reference))
                conn.executemany("INSERT INTO journal(reference, seq, at, actor, action, details,"
                                 " prev_hash, hash, facts) VALUES (?,?,?,?,?,?,?,?,?)", journal_rows)
                conn.executemany("UPDATE incidents SET journal_count = ?, journal_head = ?,"
                                 " facts_from = ? WHERE reference = ?", heads)
                for _seq, _head, _from, reference in heads:  # each copy enters the register
                    storage.register_chain.append("incident_created", reference, {}, updated)
            done = min(size, done + 2000)
            print(f"  {done}/{size}", end="\r", flush=True)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print()


def folder_for(size: int) -> tuple[Path, datetime]:
    """The cached folder of ``size`` incidents (built when missing) and when it was built."""
    key = code_key()
    root = cache_root()
    target = root / f"{key}-{size}"
    meta = target / "meta.json"
    if meta.exists():
        return target, datetime.fromisoformat(json.loads(meta.read_text())["base"])
    schema = key.split("-")[0]
    for stale in root.glob(f"{schema}-*-{size}"):  # this schema's, by another storage code
        if stale.name != target.name:
            shutil.rmtree(stale, ignore_errors=True)
    templates = root / f"{key}-templates"
    if not (templates / "meta.json").exists():
        shutil.rmtree(templates, ignore_errors=True)
        base = datetime.now(UTC).replace(microsecond=0)
        print(f"Building {TEMPLATES} template incidents through the API…", flush=True)
        started = time.perf_counter()
        build_templates(templates, base)
        (templates / "meta.json").write_text(json.dumps({"base": base.isoformat()}))
        print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)
    base = datetime.fromisoformat(json.loads((templates / "meta.json").read_text())["base"])
    print(f"Building a folder of {size} incidents in {target}…", flush=True)
    started = time.perf_counter()
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    source = sqlite3.connect(templates / "incidents.sqlite3")
    copy = sqlite3.connect(target / "incidents.sqlite3")
    source.backup(copy)
    copy.close()
    source.close()
    multiply(target, size)
    meta.write_text(json.dumps({"base": base.isoformat(), "size": size}))
    print(f"  done in {time.perf_counter() - started:.0f} s "
          f"({(target / 'incidents.sqlite3').stat().st_size / 2**20:.0f} MiB)", flush=True)
    return target, base


def warm(folder: Path) -> None:
    """Read the database file once (into the system's cache)."""
    with open(folder / "incidents.sqlite3", "rb") as handle:
        while handle.read(1 << 24):
            pass


# --- one measure, in a child process --------------------------------------------------------------

def _rss() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _peak(resettable: bool) -> int:
    if resettable:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class _Meter:
    """Time and resident-memory growth of what runs inside."""

    def __enter__(self):  # noqa: ANN204
        import gc

        gc.collect()
        self.base = _rss()
        self.resettable = _reset_peak()
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.started
        self.peak = max(0, _peak(self.resettable) - self.base)


def _bare_model(rows):  # noqa: ANN001, ANN202
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

    class Bare(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):  # noqa: N802, B008
            return 0 if parent.isValid() else len(rows)

        def columnCount(self, parent=QModelIndex()):  # noqa: N802, B008
            return 0 if parent.isValid() else 4

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return rows[index.row()][index.column()] if role == Qt.ItemDataRole.DisplayRole else None

    return Bare()


def _bare_rows(path: Path) -> list:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT reference, title, status, awareness_at FROM incidents"
                        " ORDER BY created_at DESC, reference DESC").fetchall()
    conn.close()
    return rows


def _reminded(storage) -> int:  # noqa: ANN001
    """How many reminders the folder remembers as shown (a setting, or with its due items)."""
    if storage._conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'due_items'").fetchone():
        return storage._conn.execute("SELECT count(*) FROM due_items WHERE reminded IS NOT NULL").fetchone()[0]
    return len(storage.get_setting("reminders_fired", {}) or {})


def _micros(instant: datetime) -> int:
    return (instant - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)


def _settle(app) -> None:  # noqa: ANN001
    for _ in range(3):
        app.processEvents()


def child(measure: str, folder: Path, now: datetime, bare: bool) -> dict:
    from PySide6.QtWidgets import QMainWindow, QTableView

    from incident_wizard.application.workspace import Workspace
    from incident_wizard.domain.procedure import load_procedure
    from incident_wizard.storage import Storage
    from incident_wizard.ui.app import make_application

    app = make_application([])
    path = folder / "incidents.sqlite3"
    extra: dict = {}
    if measure in ("window", "reminders-first", "reminders-next"):  # every reminder due, none shown yet
        # Through the app's own connection, closed cleanly (storage.seal): a write by another
        # program would rightly make the next opening check the whole file.
        reset = Storage.open(folder)
        with reset.database.transaction() as conn:
            conn.execute("DELETE FROM settings WHERE key IN ('reminders_fired', 'last_open_incident')")
            conn.execute("UPDATE due_items SET reminded = NULL")
        reset.close()
    if bare:
        if measure == "storage-open":
            with _Meter() as meter:
                conn = sqlite3.connect(path)
                conn.execute("PRAGMA user_version").fetchone()
                conn.close()
        elif measure in ("home", "window", "window-again"):
            with _Meter() as meter:
                rows = _bare_rows(path)
                view = QTableView()
                view.setModel(_bare_model(rows))
                if measure != "home":
                    window = QMainWindow()
                    window.menuBar().addMenu("Pharmacie")
                    window.setCentralWidget(view)
                    window.resize(1100, 720)
                    window.show()
                else:
                    view.resize(1100, 600)
                    view.show()
                _settle(app)
            extra["rows"] = len(rows)
        elif measure == "filter":
            keys = [f"{r[0]} {r[1]}".casefold() for r in _bare_rows(path)]
            worst = None
            for text in FILTER_TEXTS:
                with _Meter() as meter:
                    shown = [i for i, k in enumerate(keys) if text in k]
                extra[text or "(vide)"] = round(meter.seconds * 1000, 2)
                if worst is None or meter.seconds > worst.seconds:
                    worst = meter
            meter = worst
            extra["rows"] = len(shown)
        elif measure == "reminders-first":
            at = _micros(now)
            # Through the app's own connection, closed cleanly (as the reset above): a write by
            # another program would make the next opening check the whole file (storage.seal).
            own = Storage.open(folder)
            with _Meter() as meter, own.database.transaction() as conn:
                rows = conn.execute("SELECT id, due, kind, reminded FROM due_items WHERE due <= ?",
                                    (at + 24 * 3600 * 10**6,)).fetchall()
                conn.execute("UPDATE due_items SET reminded = 0 WHERE due <= ?", (at,))
            own.close()
            extra["rows"] = len(rows)
        elif measure == "reminders-next":
            at = _micros(now + timedelta(minutes=1))
            with _Meter() as meter:
                conn = sqlite3.connect(path)
                rows = conn.execute("SELECT id, due, kind, reminded FROM due_items WHERE due > ? AND due <= ?",
                                    (at, at + 24 * 3600 * 10**6)).fetchall()
                conn.close()
            extra["rows"] = len(rows)
        elif measure == "cli-actions":
            with _Meter() as meter:
                conn = sqlite3.connect(path)
                rows = conn.execute("SELECT reference, actions FROM incidents WHERE actions <> '[]'").fetchall()
                conn.close()
            extra["rows"] = len(rows)
        else:  # dashboard, cli-deadlines
            with _Meter() as meter:
                conn = sqlite3.connect(path)
                rows = conn.execute("SELECT reference, deadlines FROM incidents").fetchall()
                conn.close()
            extra["rows"] = len(rows)
            if measure == "cli-deadlines":  # the least the command can do: read in order, write
                with open(os.devnull, "w") as sink, _Meter() as raw:
                    conn = sqlite3.connect(path)
                    cursor = conn.execute("SELECT due, reference, pharmacy, kind, label, action, title, day"
                                          " FROM due_items ORDER BY due, reference, label, id")
                    while block := cursor.fetchmany(4096):
                        sink.write("".join(["\t".join(map(str, row)) + "\n" for row in block]))
                    conn.close()
                extra["rows read and written raw (s)"] = round(raw.seconds, 3)
        return {"seconds": meter.seconds, "peak": meter.peak, "extra": extra}

    procedure = load_procedure()
    if measure == "storage-open":
        with _Meter() as meter:
            Storage.open(folder).close()
        return {"seconds": meter.seconds, "peak": meter.peak}
    if measure in ("cli-deadlines", "cli-actions"):
        from incident_wizard.main import main

        with open(os.devnull, "w") as sink:
            stdout = sys.stdout
            sys.stdout = sink
            try:
                with _Meter() as meter:
                    main(["--data-dir", str(folder), measure.removeprefix("cli-")])
            finally:
                sys.stdout = stdout
        return {"seconds": meter.seconds, "peak": meter.peak}
    storage = Storage.open(folder)
    workspace = Workspace(storage, procedure, now=lambda: now)
    if measure == "home":
        from incident_wizard.ui.home import HomePage

        with _Meter() as meter:
            page = HomePage(workspace)
            page.resize(1100, 700)
            page.show()
            _settle(app)
        extra["rows"] = page.proxy.rowCount()
    elif measure == "filter":
        from incident_wizard.ui.home import HomePage

        page = HomePage(workspace)
        page.resize(1100, 700)
        page.show()
        _settle(app)
        steps = [(text or "(vide)", lambda text=text: page.search.setText(text)) for text in FILTER_TEXTS]
        overdue = page.status_filter.findData("overdue-actions")
        steps.append(("actions en retard", lambda: page.status_filter.setCurrentIndex(overdue)))
        steps.append(("tous", lambda: page.status_filter.setCurrentIndex(0)))
        steps.append(("une pharmacie", lambda: page.pharmacy_filter.setCurrentIndex(
            page.pharmacy_filter.count() // 2)))
        steps.append(("une pharmacie + texte", lambda: page.search.setText("hameçonnage")))
        worst = None
        for name, step in steps:
            with _Meter() as meter:
                step()
                _settle(app)
            extra[name] = [round(meter.seconds * 1000, 2), page.proxy.rowCount()]
            if worst is None or meter.seconds > worst.seconds:
                worst = meter
        meter = worst
    elif measure in ("window", "window-again"):
        from incident_wizard.ui.main_window import MainWindow

        if measure == "window-again":  # a next start: every reminder due already shown
            workspace.reminders_due(lambda reminder: None, datetime.now(UTC), shown=0)
        with _Meter() as meter:
            window = MainWindow(workspace)
            window.show()
            _settle(app)
            while window._first_check.isActive():
                app.processEvents()
            _settle(app)
        # A version that checks the reminders in the background: when that check is done.
        busy = getattr(window.reminders, "busy", None)
        while busy is not None and busy():
            app.processEvents()
            time.sleep(0.002)
        extra["reminders checked after (s)"] = round(time.perf_counter() - meter.started, 3)
        extra["rows"] = window.home.proxy.rowCount()
        extra["reminded"] = _reminded(storage)
    elif measure in ("reminders-first", "reminders-next"):
        if measure == "reminders-next":  # the first check done: the one a minute later
            workspace.reminders_due(lambda reminder: None, now, shown=5)
            now += timedelta(minutes=1)
        shown: list = []
        with _Meter() as meter:
            found = workspace.reminders_due(shown.append, now, shown=5)
        # The count of reminders due (a list of them in versions before the count).
        extra["reminders due"] = getattr(found, "count", None) if not isinstance(found, list) else len(found)
        extra["shown"] = len(shown)
    elif measure == "dashboard":
        from incident_wizard.ui.dashboard import DeadlinesDialog

        with _Meter() as meter:
            dialog = DeadlinesDialog(workspace)
            dialog.show()
            _settle(app)
        table = dialog.table
        extra["rows"] = (table.model() or table).rowCount()
    # Closed as the app closes it when it quits (not measured): a clean close marks the file as
    # checked (storage.seal), so that the next measure's opening does not read 4 GB through.
    storage.close()
    return {"seconds": meter.seconds, "peak": meter.peak, "extra": extra}


def run_child(measure: str, folder: Path, now: datetime, bare: bool, timeout: float) -> dict:
    command = [sys.executable, __file__, "--child", measure, "--folder", str(folder),
               "--now", now.isoformat()] + (["--bare"] if bare else [])
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    except subprocess.TimeoutExpired:
        return {"seconds": None, "timeout": timeout}
    if done.returncode != 0:
        return {"seconds": None, "error": done.stderr.strip().splitlines()[-1:] or ["?"]}
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the table ----------------------------------------------------------------------------------

def _seconds(value: float | None, timeout: float | None = None) -> str:
    if value is None:
        return f"> {timeout:.0f} s" if timeout else "erreur"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def _mib(value: int | None) -> str:
    return "—" if value is None else f"+{value / 2**20:.0f} MiB"


def summarise(runs: list[dict]) -> dict:
    times = [r["seconds"] for r in runs if r.get("seconds") is not None]
    peaks = [r["peak"] for r in runs if r.get("peak") is not None]
    timeout = next((r.get("timeout") for r in runs if r.get("timeout")), None)
    return {"seconds": statistics.median(times) if times else None, "timeout": timeout,
            "peak": max(peaks) if peaks else None, "runs": len(runs),
            "extra": next((r["extra"] for r in runs if r.get("extra")), {}),
            "error": next((r["error"] for r in runs if r.get("error")), None)}


def table(results: dict, label: str) -> str:
    lines = [f"| measure ({label}) | size | app | bare baseline | ratio | app peak memory | "
             "baseline peak | target |", "|---|---|---|---|---|---|---|---|"]
    for key, item in results.items():
        measure, size = key.rsplit("@", 1)
        app, bare = item["app"], item["bare"]
        ratio = (f"{app['seconds'] / bare['seconds']:.1f}×"
                 if app["seconds"] and bare["seconds"] else "—")
        lines.append(f"| {measure} | {int(size):,} | {_seconds(app['seconds'], app['timeout'])} | "
                     f"{_seconds(bare['seconds'], bare['timeout'])} ({BASELINES[measure]}) | {ratio} | "
                     f"{_mib(app['peak'])} | {_mib(bare['peak'])} | {TARGETS[measure][0]} |")
    return "\n".join(lines)


def compare(before_path: Path, after_path: Path) -> str:
    before = json.loads(before_path.read_text())["results"]
    after = json.loads(after_path.read_text())["results"]
    lines = ["| measure | size | before | after | bare baseline (after run) | before/baseline | "
             "after/baseline | memory before | memory after |", "|---|---|---|---|---|---|---|---|---|"]
    for key, item in after.items():
        measure, size = key.rsplit("@", 1)
        old = before.get(key, {"app": {"seconds": None, "timeout": None, "peak": None},
                               "bare": {"seconds": None}})
        new_app, new_bare = item["app"], item["bare"]

        def ratio(value: float | None, bare: float | None) -> str:
            return f"{value / bare:.1f}×" if value and bare else "—"

        lines.append(f"| {measure} | {int(size):,} | {_seconds(old['app']['seconds'], old['app']['timeout'])} "
                     f"| {_seconds(new_app['seconds'], new_app['timeout'])} | "
                     f"{_seconds(new_bare['seconds'], new_bare['timeout'])} | "
                     f"{ratio(old['app']['seconds'], old['bare']['seconds'])} | "
                     f"{ratio(new_app['seconds'], new_bare['seconds'])} | {_mib(old['app']['peak'])} | "
                     f"{_mib(new_app['peak'])} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--measures", default=",".join(MEASURES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=240.0,
                        help="seconds after which one measure is stopped (reported as > N s)")
    parser.add_argument("--label", default="run")
    parser.add_argument("--out", type=Path, help="write the results as JSON there")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--now", help=argparse.SUPPRESS)
    parser.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.compare:
        print(compare(*args.compare))
        return 0
    if args.child:
        result = child(args.child, args.folder, datetime.fromisoformat(args.now), args.bare)
        print(json.dumps(result))
        return 0
    import PySide6

    from incident_wizard import __version__

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    measures = [m for m in args.measures.split(",") if m in MEASURES]
    print(f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"PySide6 {PySide6.__version__}, Incident Wizard {__version__} ({code_key()}), "
          f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC", flush=True)
    results: dict = {}
    for size in sizes:
        folder, base = folder_for(size)
        now = base + timedelta(hours=1)
        warm(folder)
        runs: dict = {m: {"app": [], "bare": []} for m in measures}
        for repeat in range(args.repeat):
            for measure in measures:
                first = runs[measure]["app"]
                if repeat and (not first or first[0].get("seconds") is None or first[0]["seconds"] > 20):
                    continue  # a measure that takes minutes is measured once
                for bare in (False, True):
                    result = run_child(measure, folder, now, bare, args.timeout)
                    runs[measure]["bare" if bare else "app"].append(result)
                    print(f"  {size:>7} {measure:<14} {'baseline' if bare else 'app':<8} "
                          f"{_seconds(result.get('seconds'), result.get('timeout'))} "
                          f"{_mib(result.get('peak'))} {result.get('extra', '') or result.get('error', '')}",
                          flush=True)
        for measure in measures:
            results[f"{measure}@{size}"] = {"app": summarise(runs[measure]["app"]),
                                            "bare": summarise(runs[measure]["bare"])}
    print()
    print(table(results, args.label))
    if args.out:
        args.out.write_text(json.dumps({"label": args.label, "code": code_key(),
                                        "results": results}, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
