"""A DPO's data folder (issue 15, item 4): 200 pharmacies × 50 incidents. Measures opening the
home list, filtering it (text and pharmacy), the dashboard of open deadlines, one pharmacy's
register and the consolidated register (CSV and Word; PDF skipped: it is the Word layout again).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/dpo_folder.py [--pharmacies N --per N]
Targets: open ≤ 1 s, filter ≤ 50 ms. Figures are printed (README, closing note)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def fill(storage, pharmacies: int, per: int, now: datetime) -> None:  # noqa: ANN001
    """Generated incidents, each with its pharmacy, a scenario, a decision and two actions."""
    from incident_wizard.domain.model import (
        NOTIFY_CNIL,
        REGISTER_ONLY,
        Contact,
        FollowUpAction,
        Incident,
        Organisation,
    )

    scenarios = ("rancongiciel", "hameconnage", "erreur-envoi", "vol-perte-appareil", "papier")
    with storage._transaction():  # one transaction: generated data, not a user's edits
        for p in range(pharmacies):
            org = Organisation(name=f"Pharmacie n° {p:03d}", siret=f"{73282932000000 + p:014d}",
                               contact=Contact(name=f"Titulaire {p}", email=f"t{p}@example.fr"))
            for i in range(per):
                aware = now - timedelta(hours=(p * per + i) % 5000 + 1)
                incident = Incident(reference=f"VDP-2026-{i + 1:03d}" + (f"@{org.siret}" if p else ""),
                                    created_at=aware, title=f"Incident {i + 1} de la pharmacie {p}",
                                    scenario=scenarios[i % len(scenarios)], organisation=org)
                incident.dates.awareness_at = aware
                incident.decision.outcome = REGISTER_ONLY if i % 3 else NOTIFY_CNIL
                incident.actions = [
                    FollowUpAction(id="A1", title="Sauvegardes hors ligne", owner="Titulaire",
                                   due=(aware + timedelta(days=30)).date().isoformat()),
                    FollowUpAction(id="A2", title="Mises à jour", owner="Prestataire",
                                   due=(aware + timedelta(days=60)).date().isoformat(),
                                   done_on=(aware + timedelta(days=10)).date().isoformat(),
                                   evidence="Rapport")]
                storage._insert_incident(incident, now)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pharmacies", type=int, default=200)
    parser.add_argument("--per", type=int, default=50)
    args = parser.parse_args()
    from incident_wizard.application.exports import write_register
    from incident_wizard.application.workspace import Workspace
    from incident_wizard.domain.dashboard import open_deadlines
    from incident_wizard.domain.procedure import load_procedure
    from incident_wizard.storage import Storage
    from incident_wizard.ui.app import make_application
    from incident_wizard.ui.home import HomePage

    app = make_application([])
    procedure = load_procedure()
    now = datetime.now(UTC)
    count = args.pharmacies * args.per
    with tempfile.TemporaryDirectory() as folder:
        storage = Storage.open(Path(folder))
        start = time.perf_counter()
        fill(storage, args.pharmacies, args.per, now)
        generated = time.perf_counter() - start
        start = time.perf_counter()
        page = HomePage(Workspace(storage))
        app.processEvents()
        opened = time.perf_counter() - start
        filters = []
        for text in ("12", "pharmacie 17", "VDP-2026-0", ""):
            start = time.perf_counter()
            page.search.setText(text)
            app.processEvents()
            filters.append(time.perf_counter() - start)
        start = time.perf_counter()
        page.pharmacy_filter.setCurrentIndex(page.pharmacy_filter.count() // 2)
        app.processEvents()
        pharmacy_filter = time.perf_counter() - start
        shown = page.proxy.rowCount()
        start = time.perf_counter()
        items = open_deadlines(storage.list_incidents(), now)
        dashboard = time.perf_counter() - start
        one = page.pharmacy_filter.currentData()
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            write_register(storage, procedure, Path(out) / "one", pdf=False, pharmacy=one)
            one_register = time.perf_counter() - start
            start = time.perf_counter()
            write_register(storage, procedure, Path(out) / "all", pdf=False)
            all_register = time.perf_counter() - start
        page.deleteLater()
        storage.close()
    print(f"DPO folder: {args.pharmacies} pharmacies × {args.per} incidents = {count} incidents "
          f"(generated in {generated:.1f} s)")
    print(f"  open the home list:             {opened:.2f} s   (target ≤ 1 s: "
          f"{'OK' if opened <= 1 else 'NOT met'})")
    print(f"  filter by text (worst of 4):    {max(filters) * 1000:.1f} ms (target ≤ 50 ms: "
          f"{'OK' if max(filters) <= 0.05 else 'NOT met'})")
    print(f"  filter by pharmacy:             {pharmacy_filter * 1000:.1f} ms ({shown} shown; target "
          f"≤ 50 ms: {'OK' if pharmacy_filter <= 0.05 else 'NOT met'})")
    print(f"  dashboard of open deadlines:    {dashboard * 1000:.0f} ms ({len(items)} deadlines)")
    print(f"  one pharmacy's register:        {one_register:.2f} s (Word and CSV)")
    print(f"  consolidated register:          {all_register:.1f} s (Word and CSV, {count} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
