"""Benchmarks, each reported as a ratio against a bare baseline measured in the same run.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/run.py [--quick]
Writes benchmarks/results.md (date, machine, figures, targets) and prints it.
"""

from __future__ import annotations

import argparse
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


def timed_process(args: list[str], env: dict[str, str], runs: int) -> tuple[float, int]:
    """Median wall time (s) of a process, and its peak memory (KiB)."""
    times, peak = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return statistics.median(times), peak


def bench_start(runs: int) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    bare, _ = timed_process([sys.executable, "-c", BARE_WIZARD], env, runs)
    with tempfile.TemporaryDirectory() as folder:
        app_env = {**env, "INCIDENT_WIZARD_DATA_DIR": folder, "INCIDENT_WIZARD_QUIT_WHEN_SHOWN": "1",
                   "INCIDENT_WIZARD_LOG_DIR": str(Path(folder) / "logs")}
        from incident_wizard.domain.model import Organisation
        from incident_wizard.storage import Storage

        with Storage.open(Path(folder)) as storage:  # no first-run dialog in the measure
            storage.save_profile(Organisation(name="Banc d'essai", no_siret=True))
        app, peak = timed_process([sys.executable, "-m", "incident_wizard"], app_env, runs)
    return {"bare": bare, "app": app, "ratio": app / bare, "peak_kib": peak}


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
    from incident_wizard.ui.main_window import HomePage

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
        f"PySide6 {pyside}, Incident Wizard {__version__}, QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}.",
        "",
        "| measure | app | bare baseline | ratio | target | verdict |",
        "|---|---|---|---|---|---|",
        f"| cold start to first window | {start['app']:.2f} s | {start['bare']:.2f} s (QWizard hello-world) "
        f"| {start['ratio']:.2f}× | ≤ 2.5× | {verdict(start['ratio'] <= 2.5)} |",
        f"| documents of a full incident ({docs['files']} .docx, {docs['paragraphs']} paragraphs, "
        f"{docs['cells']} cells) | {docs['app']:.3f} s | {docs['bare']:.3f} s (bare python-docx, same size) "
        f"| {docs['ratio']:.2f}× | ≤ 2× | {verdict(docs['ratio'] <= 2)} |",
        f"| confirmed field change saved durably | p50 {save['p50_ms']:.2f} ms, p95 {save['p95_ms']:.2f} ms "
        f"| — | — | p95 ≤ 5 ms | {verdict(save['p95_ms'] <= 5)} |",
        f"| register of 10,000 incidents: open | {register['open_s']:.2f} s | — | — | ≤ 0.5 s "
        f"| {verdict(register['open_s'] <= 0.5)} |",
        f"| register of 10,000 incidents: filter (worst of 4) | {register['filter_ms']:.1f} ms | — | — "
        f"| ≤ 50 ms | {verdict(register['filter_ms'] <= 50)} |",
        f"| peak memory | benchmark process {peak:.0f} MiB; app start {start['peak_kib'] / 1024:.0f} MiB "
        f"| — | — | — | — |",
        f"| bundle size | {f'{size:.0f} MB' if size else 'not built (packaging/build-linux.sh)'} | — | — "
        f"| ≤ 150 MB | {verdict(size <= 150) if size else '—'} |",
        "",
    ]
    text = "\n".join(lines)
    (ROOT / "benchmarks" / "results.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
