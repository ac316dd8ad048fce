"""Benchmarks, each reported as a ratio against a bare baseline measured in the same run.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/run.py [--quick]
Writes benchmarks/results.md (date, machine, figures, targets) and prints it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
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

BARE_WIZARD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage
app = QApplication(sys.argv)
wizard = QWizard()
page = QWizardPage(); page.setTitle("Bonjour"); QVBoxLayout(page).addWidget(QLabel("Bonjour"))
wizard.addPage(page)
wizard.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


#: Where the figures of benchmarks/scale.py begin in results.md (written by hand from its
#: --compare table; kept when this script rewrites the rest).
SCALE_SECTION = "## At scale (benchmarks/scale.py)"


def _env() -> dict[str, str]:
    """The environment of a user's process: offscreen Qt, and compiled bytecode kept (an
    installed app or the bundle has its .pyc; PYTHONDONTWRITEBYTECODE would time the compiler)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed_processes(commands: dict[str, list[str]], env: dict[str, str], runs: int,
                    setup=None) -> dict[str, float]:  # noqa: ANN001 - a callable run before each
    """Median wall time (s) of each command, the commands interleaved run after run (each one
    once more first, unmeasured: bytecode written, files cached)."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for index in range(runs + 1):
        names = list(commands) if index % 2 else list(reversed(commands))
        for name in names:
            if setup is not None:
                setup(name)
            start = time.perf_counter()
            subprocess.run(commands[name], env=env, check=True, capture_output=True)
            if index:
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def bench_start(runs: int) -> dict[str, float]:
    """The window shown: with a profile only, and resuming a completed sample incident, against
    a bare QWizard, interleaved."""
    env = _env()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        from incident_wizard.application.sample import build_sample
        from incident_wizard.application.workspace import Workspace
        from incident_wizard.domain.model import Organisation

        for name, resumed in (("profile", False), ("resumed", True)):
            with Workspace.open(root / name) as workspace:  # no first-run dialog in the measure
                workspace.storage.save_profile(Organisation(name="Banc d'essai", no_siret=True))
                if resumed:
                    reference = build_sample(workspace.storage, workspace.procedure, close=False)
                    workspace.set_setting("last_open_incident", reference)
        app_env = {**env, "INCIDENT_WIZARD_QUIT_WHEN_SHOWN": "1",
                   "INCIDENT_WIZARD_LOG_DIR": str(root / "logs"),
                   "INCIDENT_WIZARD_CACHE_DIR": str(root / "cache")}
        app = [sys.executable, "-m", "incident_wizard", "--data-dir"]
        times = timed_processes({"bare": [sys.executable, "-c", BARE_WIZARD],
                                 "profile": app + [str(root / "profile")],
                                 "resumed": app + [str(root / "resumed")]}, app_env, runs)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {**times, "ratio": times["profile"] / times["bare"],
            "ratio_resumed": times["resumed"] / times["bare"], "peak_kib": peak}


def bench_incident_page(runs: int) -> dict[str, float]:
    """Opening a completed incident (its session, its page shown) and going to another step, in
    the running app (median of ``runs``)."""
    from incident_wizard.application.sample import build_sample
    from incident_wizard.application.workspace import Workspace
    from incident_wizard.ui.app import make_application
    from incident_wizard.ui.incident_page import IncidentPage

    app = make_application([])
    opened, moved = [], []
    with tempfile.TemporaryDirectory() as folder, Workspace.open(Path(folder)) as workspace:
        reference = build_sample(workspace.storage, workspace.procedure, close=False)
        IncidentPage(workspace.open_session(reference)).deleteLater()  # modules imported once
        for _ in range(runs):
            start = time.perf_counter()
            page = IncidentPage(workspace.open_session(reference))
            page.show()
            app.processEvents()
            opened.append(time.perf_counter() - start)
            start = time.perf_counter()
            page.show_step("evaluation-risque")
            app.processEvents()
            moved.append(time.perf_counter() - start)
            page.close()
            page.deleteLater()
            app.processEvents()
    return {"open_ms": statistics.median(opened) * 1000, "step_ms": statistics.median(moved) * 1000}


def bench_session_edit(runs: int) -> dict[str, float]:
    """A journaled edit through the session (a containment action ticked, then unticked) on an
    incident whose journal holds 1,000 entries, against a bare WAL + synchronous=FULL commit of
    the same blob and row, interleaved (benchmarks/journaled_edit.py measures storage alone)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import journaled_edit as je

    from incident_wizard.application.session import IncidentSession
    from incident_wizard.domain.procedure import load_procedure
    from incident_wizard.storage import Storage

    clock = [datetime(2026, 10, 23, 8, tzinfo=UTC)]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with Storage.open(root / "data") as storage:
            incident = je.realistic_incident(storage, clock[0])
            je.grow(storage, incident, 1000, clock)
            session = IncidentSession(storage, load_procedure(), incident.reference,
                                      now=lambda: clock[0])
            conn = je.bare_database(root / "bare.sqlite3")
            from incident_wizard.domain.serialize import to_data

            blob = json.dumps(to_data(session.incident), ensure_ascii=False)
            row = json.dumps(storage.journal(incident.reference)[-1].to_data(), ensure_ascii=False)
            app, bare = [], []
            for index in range(runs):
                clock[0] += timedelta(seconds=1)
                item = je.ITEMS[index % len(je.ITEMS)]
                for which in ((0, 1) if index % 2 else (1, 0)):
                    start = time.perf_counter()
                    if which == 0:
                        session.tick(item, item not in session.incident.checklist)
                        app.append((time.perf_counter() - start) * 1000)
                    else:
                        je.bare_commit(conn, blob, row, index)
                        bare.append((time.perf_counter() - start) * 1000)
            conn.close()
    app_p95, bare_p95 = je.percentile(app, 0.95), je.percentile(bare, 0.95)
    return {"app_p50": statistics.median(app), "app_p95": app_p95, "bare_p50": statistics.median(bare),
            "bare_p95": bare_p95, "ratio": app_p95 / bare_p95}


BARE_IMPORT = """
import json, os, sqlite3, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
os.makedirs(sys.argv[2], exist_ok=True)
conn = sqlite3.connect(os.path.join(sys.argv[2], "bare.sqlite3"))
conn.execute("PRAGMA journal_mode=WAL"); conn.execute("PRAGMA synchronous=FULL")
conn.execute("CREATE TABLE IF NOT EXISTS incident(reference TEXT PRIMARY KEY, data TEXT)")
conn.execute("CREATE TABLE IF NOT EXISTS journal(reference TEXT, seq INTEGER, entry TEXT)")
with conn:
    reference = data["incident"]["reference"]
    conn.execute("INSERT INTO incident VALUES (?, ?)", (reference, json.dumps(data["incident"])))
    conn.executemany("INSERT INTO journal VALUES (?, ?, ?)",
                     [(reference, e["seq"], json.dumps(e)) for e in data["journal"]])
"""


def bench_cli_import(runs: int) -> dict[str, float]:
    """`incident-wizard import-incident FILE` of a completed sample incident into an empty data
    folder, against python + json + sqlite storing the same file, interleaved."""
    import shutil

    from incident_wizard.application.sample import build_sample
    from incident_wizard.application.workspace import Workspace

    env = _env()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with Workspace.open(root / "source") as workspace:
            reference = build_sample(workspace.storage, workspace.procedure)
            workspace.export_incident_file(reference, root / "incident.json")
        env["INCIDENT_WIZARD_CACHE_DIR"] = str(root / "cache")

        def empty(name: str) -> None:
            shutil.rmtree(root / name, ignore_errors=True)

        times = timed_processes({
            "bare": [sys.executable, "-c", BARE_IMPORT, str(root / "incident.json"), str(root / "bare")],
            "app": [sys.executable, "-m", "incident_wizard", "import-incident", str(root / "incident.json"),
                    "--data-dir", str(root / "app")]}, env, runs, setup=empty)
    return {**times, "ratio": times["app"] / times["bare"]}


def bench_documents(runs: int) -> dict[str, float]:
    from docx import Document

    from incident_wizard.application.exports import write_incident_documents
    from incident_wizard.application.sample import build_sample
    from incident_wizard.documents.templates import Renderer
    from incident_wizard.domain.procedure import load_procedure
    from incident_wizard.storage import Storage

    procedure = load_procedure()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        storage = Storage.open(root / "data")
        reference = build_sample(storage, procedure)
        renderer = Renderer(user_dir=root / "none")
        times = []
        for index in range(runs):
            start = time.perf_counter()
            result = write_incident_documents(storage, procedure, reference, root / f"out{index}",
                                              renderer=renderer, pdf=False)
            times.append(time.perf_counter() - start)
        docx_files = [p for p in result.files if p.suffix == ".docx"]
        paragraphs = sum(len(Document(str(p)).paragraphs) for p in docx_files)
        cells = sum(len(t.rows) * len(t.columns) for p in docx_files for t in Document(str(p)).tables)
        base_times = []
        for index in range(runs):
            start = time.perf_counter()
            for part in range(len(docx_files)):
                document = Document()
                for n in range(paragraphs // len(docx_files)):
                    document.add_paragraph(f"Paragraphe {n} de test, texte ordinaire.")
                table = document.add_table(rows=0, cols=2)
                for n in range(cells // len(docx_files) // 2):
                    row = table.add_row()
                    row.cells[0].text, row.cells[1].text = "Rubrique", f"Valeur {n}"
                document.save(str(root / f"bare{index}-{part}.docx"))
            base_times.append(time.perf_counter() - start)
        storage.close()
    app, bare = statistics.median(times), statistics.median(base_times)
    return {"bare": bare, "app": app, "ratio": app / bare, "files": len(docx_files),
            "paragraphs": paragraphs, "cells": cells}


def bench_autosave(count: int) -> dict[str, float]:
    from incident_wizard.application.sample import build_sample
    from incident_wizard.application.session import IncidentSession
    from incident_wizard.domain.procedure import load_procedure
    from incident_wizard.storage import Storage

    procedure = load_procedure()
    with tempfile.TemporaryDirectory() as folder:
        storage = Storage.open(Path(folder))
        reference = build_sample(storage, procedure, close=False)
        session = IncidentSession(storage, procedure, reference)
        durations = []
        for index in range(count):
            start = time.perf_counter()
            session.set_value("measures.lessons_learned", f"Leçon tirée n° {index}")
            durations.append((time.perf_counter() - start) * 1000)
        storage.close()
    durations.sort()
    return {"p50_ms": durations[len(durations) // 2], "p95_ms": durations[int(len(durations) * 0.95)]}


def bench_register(count: int) -> dict[str, float]:
    from incident_wizard.application.workspace import Workspace
    from incident_wizard.domain.model import Incident
    from incident_wizard.storage import Storage
    from incident_wizard.ui.app import make_application
    from incident_wizard.ui.home import HomePage

    app = make_application([])
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as folder:
        storage = Storage.open(Path(folder))
        with storage._transaction():  # generated incidents, inserted in one transaction
            for index in range(count):
                incident = Incident(reference=f"VDP-2020-{index:05d}",
                                    created_at=now - timedelta(hours=index),
                                    title=f"Incident généré n° {index}")
                incident.dates.awareness_at = now - timedelta(hours=index)
                storage._insert_incident(incident, now)
        start = time.perf_counter()
        page = HomePage(Workspace(storage))
        app.processEvents()
        opened = time.perf_counter() - start
        filters = []
        for text in ("12", "n° 99", "VDP-2020-0", ""):
            start = time.perf_counter()
            page.search.setText(text)
            app.processEvents()
            filters.append(time.perf_counter() - start)
        page.deleteLater()
        storage.close()
    return {"open_s": opened, "filter_ms": max(filters) * 1000}


def bundle_size() -> float | None:
    bundle = ROOT / "dist" / "incident-wizard"
    if not bundle.is_dir():
        return None
    return sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    from PySide6 import __version__ as pyside

    from incident_wizard import __version__

    start = bench_start(runs)
    page = bench_incident_page(runs)
    edit = bench_session_edit(200 if args.quick else 600)
    cli_import = bench_cli_import(runs)
    docs = bench_documents(runs)
    save = bench_autosave(100 if args.quick else 300)
    register = bench_register(10_000)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = bundle_size()

    def verdict(ok: bool) -> str:
        return "OK" if ok else "**au-dessus de l'objectif**"

    lines = [
        f"# Benchmarks — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"PySide6 {pyside}, Incident Wizard {__version__}, QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}. "
        "Each figure's baseline is measured in the same run, interleaved; processes keep their "
        "compiled bytecode (as an installed app does).",
        "",
        "| measure | app | bare baseline | ratio | target | verdict |",
        "|---|---|---|---|---|---|",
        f"| GUI start, profile only | {start['profile']:.2f} s | {start['bare']:.2f} s (QWizard hello-world) "
        f"| {start['ratio']:.2f}× | ≤ 2× | {verdict(start['ratio'] <= 2)} |",
        f"| GUI start, a completed incident resumed | {start['resumed']:.2f} s | {start['bare']:.2f} s "
        f"| {start['ratio_resumed']:.2f}× | ≤ 2× | {verdict(start['ratio_resumed'] <= 2)} |",
        f"| opening an incident page / going to another step | {page['open_ms']:.0f} ms / "
        f"{page['step_ms']:.0f} ms | — | — | ≤ 100 ms | {verdict(page['open_ms'] <= 100)} |",
        f"| journaled edit through the session, 1,000-entry journal | p50 {edit['app_p50']:.2f} ms, "
        f"p95 {edit['app_p95']:.2f} ms | WAL + FULL commit of the same blob: p50 {edit['bare_p50']:.2f} ms, "
        f"p95 {edit['bare_p95']:.2f} ms | p95 {edit['ratio']:.2f}× | p95 ≤ 2× | {verdict(edit['ratio'] <= 2)} |",
        f"| CLI import of one incident file | {cli_import['app']:.2f} s | {cli_import['bare']:.2f} s "
        f"(python + json + sqlite) | {cli_import['ratio']:.2f}× | ≤ 3× | {verdict(cli_import['ratio'] <= 3)} |",
        f"| documents of a full incident ({docs['files']} .docx, {docs['paragraphs']} paragraphs, "
        f"{docs['cells']} cells) | {docs['app']:.3f} s | {docs['bare']:.3f} s (bare python-docx, same size) "
        f"| {docs['ratio']:.2f}× | ≤ 1.5× | {verdict(docs['ratio'] <= 1.5)} |",
        f"| confirmed field change saved durably | p50 {save['p50_ms']:.2f} ms, p95 {save['p95_ms']:.2f} ms "
        f"| — | — | p95 ≤ 5 ms | {verdict(save['p95_ms'] <= 5)} |",
        f"| register of 10,000 title-only incidents: open | {register['open_s']:.2f} s | — | — | ≤ 0.5 s "
        f"| {verdict(register['open_s'] <= 0.5)} |",
        f"| register of 10,000 title-only incidents: filter (worst of 4) | {register['filter_ms']:.1f} ms "
        f"| — | — | ≤ 50 ms | {verdict(register['filter_ms'] <= 50)} |",
        f"| peak memory | benchmark process {peak:.0f} MiB; app start {start['peak_kib'] / 1024:.0f} MiB "
        f"| — | — | — | — |",
        f"| bundle size | {f'{size:.0f} MB' if size else 'not built (packaging/build-linux.sh)'} | — | — "
        f"| ≤ 150 MB | {verdict(size <= 150) if size else '—'} |",
        "",
        "Complete incidents at 1k, 10k and 100k (home list, filter, main window, deadlines, register, "
        "consolidated register, yearly review): `benchmarks/scale.py` and `benchmarks/documents_scale.py`.",
        "",
    ]
    text = "\n".join(lines)
    results = ROOT / "benchmarks" / "results.md"
    # The sections measured by the scale benchmarks (from SCALE_SECTION on) are kept.
    previous = results.read_text(encoding="utf-8") if results.exists() else ""
    kept = previous[previous.index(SCALE_SECTION):] if SCALE_SECTION in previous else ""
    results.write_text(text + ("\n" + kept if kept else ""), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
