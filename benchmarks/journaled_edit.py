"""Journaling cost against the journal's length (issue "Fast at any size", point 1): a journaled
edit (``Storage.save_incident`` with an action, as the wizard saves a ticked box) on an incident
whose journal holds 100, then 1,000 entries, against a bare baseline measured interleaved in the
same run: SQLite in WAL with ``synchronous=FULL``, one UPDATE of a JSON blob of the incident's
size and one INSERT of a journal-sized row, committed.

Run: .venv/bin/python benchmarks/journaled_edit.py [--runs 60] [--lengths 100 1000] [--dir DIR]
Target: the journaled edit's p95 at most 2x the bare commit's p95, flat from 100 to 1,000 entries.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

#: Containment actions ticked and unticked in turn: the incident keeps the same size.
ITEMS = ("debrancher-reseau", "ne-pas-payer", "appeler-lgo", "changer-mots-de-passe")
TARGET = 2.0


def realistic_incident(storage, at: datetime):  # noqa: ANN001, ANN201 - Storage, Incident
    """A new incident filled as the first hours of a ransomware case fill it."""
    from incident_wizard.domain.model import Contact, Organisation

    storage.save_profile(Organisation(
        name="Pharmacie du banc d'essai", siret="73282932000074", address="12 place du Marché",
        postal_code="69000", city="Lyon",
        legal_representative=Contact("Claire Martin", "Pharmacienne titulaire",
                                     "titulaire@exemple.fr", "04 00 00 00 00"),
        contact=Contact("Claire Martin", "Pharmacienne titulaire", "titulaire@exemple.fr",
                        "04 00 00 00 00")))
    incident = storage.create_incident(at=at, title="Rançongiciel sur le poste du comptoir (LGO)")
    incident.scenario = "rancongiciel"
    incident.discovery.reported_by = "Claire Martin"
    incident.discovery.how_discovered = "message-rancon"
    incident.discovery.description = ("Un message de rançon s'affiche sur le poste du comptoir ; "
                                      "les fichiers du LGO sont chiffrés. ") * 6
    incident.dates.awareness_at = at
    incident.scope.person_categories = ["patients"]
    incident.scope.data_categories = ["etat-civil", "sante", "mutuelle"]
    incident.scope.persons_count = 2400
    incident.consequences.description = "Indisponibilité des historiques de délivrance. " * 5
    incident.measures.remedy = "Poste débranché du réseau, éditeur du LGO et prestataire appelés. " * 3
    incident.measures.mitigation = "Délivrance en mode dégradé ; patients avertis. " * 3
    storage.save_incident(incident, at, "step_done", {"step": "signalement"})
    return incident


def journaled_save(storage, incident, index: int, at: datetime) -> None:  # noqa: ANN001
    """What the session does for a ticked (or unticked) containment action."""
    item = ITEMS[index % len(ITEMS)]
    if item in incident.checklist:
        del incident.checklist[item]
        action = "checklist_unticked"
    else:
        incident.checklist[item] = at
        action = "checklist_ticked"
    storage.save_incident(incident, at, action, {"item": item, "label": item})


def grow(storage, incident, entries: int, clock: list[datetime]) -> None:  # noqa: ANN001
    """Journaled saves until the incident's journal holds ``entries`` entries."""
    _head, count = storage.journal_head(incident.reference)
    for index in range(count, entries):
        clock[0] += timedelta(seconds=1)
        journaled_save(storage, incident, index, clock[0])


def bare_database(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE blob (id INTEGER PRIMARY KEY, data TEXT NOT NULL)")
    conn.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, data TEXT NOT NULL)")
    conn.execute("INSERT INTO blob VALUES (1, '')")
    return conn


def bare_commit(conn: sqlite3.Connection, blob: str, row: str, index: int) -> None:
    """The same durable write with nothing around it: UPDATE the blob, INSERT a row, COMMIT."""
    marker = f"{index % 10}"
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE blob SET data = ? WHERE id = 1", (blob[:-1] + marker,))
    conn.execute("INSERT INTO entry(data) VALUES (?)", (row,))
    conn.execute("COMMIT")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def measure(storage, incident, conn: sqlite3.Connection, runs: int,  # noqa: ANN001
            clock: list[datetime]) -> tuple[list[float], list[float]]:
    """``runs`` journaled saves and ``runs`` bare commits, interleaved (milliseconds)."""
    from incident_wizard.domain.serialize import to_data

    blob = json.dumps(to_data(incident), ensure_ascii=False)
    row = json.dumps(storage.journal(incident.reference)[-1].to_data(), ensure_ascii=False)
    app, bare = [], []
    for index in range(runs):
        clock[0] += timedelta(seconds=1)
        order = (0, 1) if index % 2 else (1, 0)  # neither always runs first
        for which in order:
            start = time.perf_counter()
            if which == 0:
                journaled_save(storage, incident, index, clock[0])
                app.append((time.perf_counter() - start) * 1000)
            else:
                bare_commit(conn, blob, row, index)
                bare.append((time.perf_counter() - start) * 1000)
    return app, bare


def run(runs: int, lengths: list[int], folder: Path) -> list[dict[str, float]]:
    from incident_wizard.storage import Storage

    clock = [datetime(2026, 10, 23, 8, tzinfo=UTC)]
    rows = []
    with Storage.open(folder / "data") as storage:
        incident = realistic_incident(storage, clock[0])
        conn = bare_database(folder / "bare.sqlite3")
        try:
            for length in lengths:
                grow(storage, incident, length, clock)
                app, bare = measure(storage, incident, conn, runs, clock)
                rows.append({
                    "length": length, "runs": runs,
                    "app_p50": statistics.median(app), "app_p95": percentile(app, 0.95),
                    "bare_p50": statistics.median(bare), "bare_p95": percentile(bare, 0.95),
                })
                rows[-1]["ratio"] = rows[-1]["app_p95"] / rows[-1]["bare_p95"]
            assert storage.verify_journal(incident.reference).ok
        finally:
            conn.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60, help="journaled saves per length")
    parser.add_argument("--lengths", type=int, nargs="+", default=[100, 1000],
                        help="journal lengths measured (entries), increasing")
    parser.add_argument("--dir", type=Path, default=None,
                        help="where the temporary folder goes (default: the system's)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        rows = run(args.runs, sorted(args.lengths), Path(folder))
    print("| journal entries | journaled save p50 | p95 | bare commit p50 | p95 | p95 ratio |"
          " target | verdict |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        verdict = "OK" if r["ratio"] <= TARGET else "above target"
        print(f"| {r['length']} (+{r['runs']}) | {r['app_p50']:.2f} ms | {r['app_p95']:.2f} ms |"
              f" {r['bare_p50']:.2f} ms | {r['bare_p95']:.2f} ms | {r['ratio']:.2f}x |"
              f" <= {TARGET:g}x | {verdict} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
