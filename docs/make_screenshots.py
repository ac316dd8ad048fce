"""Grab the README's screenshots offscreen: the home screen and every step of the sample
incident. Run: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from incident_wizard.application.sample import build_sample  # noqa: E402
from incident_wizard.application.workspace import Workspace
from incident_wizard.domain.clock import now_utc  # noqa: E402
from incident_wizard.domain.procedure import load_procedure  # noqa: E402
from incident_wizard.storage import Storage  # noqa: E402
from incident_wizard.ui.app import make_application  # noqa: E402
from incident_wizard.ui.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).parent / "screenshots"


def main() -> int:
    app = make_application(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    procedure = load_procedure()
    with tempfile.TemporaryDirectory() as folder, Storage.open(Path(folder)) as storage:
        done = build_sample(storage, procedure, close=False)
        # An incident in progress, aware 30 hours ago, to show the live deadline.
        ongoing = build_sample(storage, procedure, awareness=now_utc() - timedelta(hours=30),
                               complete=False)
        window = MainWindow(Workspace(storage, procedure))
        window.resize(1280, 860)
        window.show()
        app.processEvents()
        window.grab().save(str(OUT / "00-accueil.png"))
        from incident_wizard.ui.profile_dialog import ProfileDialog

        profile = ProfileDialog(storage.load_profile(), window)
        profile.show()
        app.processEvents()
        profile.grab().save(str(OUT / "00-profil.png"))
        profile.close()
        window.open_incident(ongoing)
        page = window.incident_page
        page.show_step("premiers-reflexes")
        app.processEvents()
        window.grab().save(str(OUT / "02-premiers-reflexes.png"))
        window.open_incident(done)
        page = window.incident_page
        for index, step in enumerate(procedure.steps, start=1):
            if step.id == "premiers-reflexes":
                continue
            page.show_step(step.id)
            app.processEvents()
            window.grab().save(str(OUT / f"{index:02d}-{step.id}.png"))
            if step.id == "evaluation-risque":  # the likelihood questions and the risk per harm
                scroll = page.pages[step.id]
                panel = scroll.panel
                scroll.verticalScrollBar().setValue(panel.likelihood_title.y() + panel.y() - 8)
                app.processEvents()
                window.grab().save(str(OUT / f"{index:02d}b-vraisemblance.png"))
                scroll.ensureWidgetVisible(panel.result_box)
                app.processEvents()
                window.grab().save(str(OUT / f"{index:02d}c-detail-du-risque.png"))
        page.show_step("__chronologie__")
        app.processEvents()
        window.grab().save(str(OUT / "12-chronologie.png"))
        window.close()
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
