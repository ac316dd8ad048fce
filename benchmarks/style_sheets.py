"""The windows' style sheet (issue 22, « one style sheet », ui/style.py): how many style sheets the
UI sets while the sample incident's page is opened and all its rows walked, and what the looks
cost an incident page's opening, three ways, interleaved, each in its own process:

- "roles": as the app does, each widget given a role carries that role's rules only;
- "application": the same rules as one application-wide sheet (every widget of the page then
  goes through Qt's style-sheet engine);
- "bare": no style sheet at all (every widget polished by the platform's style alone), the
  baseline.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/style_sheets.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]


def child(variant: str, runs: int) -> dict:
    """In this process: the style sheets set (widget by widget, and on the application) while
    the page opens and every row is shown, then the median time to open the page."""
    sys.path.insert(0, str(ROOT / "src"))
    from PySide6.QtWidgets import QApplication, QWidget

    from incident_wizard.ui import style

    if variant != "roles":
        def property_only(widget, role, prop=style.ROLE):  # noqa: ANN001, ANN202
            widget.setProperty(prop, role)  # the application's sheet selects on it; bare: nothing

        style.set_role = property_only
    counted = {"widget": 0, "application": 0}
    widget_set, application_set = QWidget.setStyleSheet, QApplication.setStyleSheet

    def count_widget(self, text):  # noqa: ANN001, ANN202 - Qt's signature
        counted["widget"] += 1
        return widget_set(self, text)

    def count_application(self, text):  # noqa: ANN001, ANN202 - Qt's signature
        counted["application"] += 1
        return application_set(self, text)

    QWidget.setStyleSheet, QApplication.setStyleSheet = count_widget, count_application
    from incident_wizard.application.sample import build_sample
    from incident_wizard.application.workspace import Workspace
    from incident_wizard.ui.app import make_application
    from incident_wizard.ui.incident_page import IncidentPage

    app = make_application([])
    if variant == "application":
        app.setStyleSheet(style.STYLE_SHEET)
    at_start = dict(counted)
    with tempfile.TemporaryDirectory() as folder, Workspace.open(Path(folder)) as workspace:
        reference = build_sample(workspace.storage, workspace.procedure, close=False)
        page = IncidentPage(workspace.open_session(reference))
        page.show()
        app.processEvents()
        opening = counted["widget"] - at_start["widget"]
        for row in range(page.steps.count()):
            page.steps.setCurrentRow(row)
            app.processEvents()
        walking = counted["widget"] - at_start["widget"]
        rows = page.steps.count()
        page.close()
        page.deleteLater()
    # The opening itself as benchmarks/run.py times it (its risk step, the heaviest).
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import bench_incident_page

    return {"at_start": at_start, "opening": opening, "walking": walking, "rows": rows,
            "open_ms": bench_incident_page(runs)["open_ms"]}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=6, help="processes per variant, interleaved")
    variants = ("roles", "application", "bare")
    parser.add_argument("--child", choices=variants, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, 7)))
        return 0
    results: dict[str, list[dict]] = {name: [] for name in variants}
    for index in range(args.rounds):
        for name in (variants if index % 2 else tuple(reversed(variants))):
            out = subprocess.run([sys.executable, __file__, "--child", name], check=True,
                                 capture_output=True, text=True).stdout
            results[name].append(json.loads(out.splitlines()[-1]))
    roles = results["roles"][0]
    ms = {name: statistics.median(r["open_ms"] for r in results[name]) for name in variants}
    print(f"style sheets set at start: {roles['at_start']['application']} on the application, "
          f"{roles['at_start']['widget']} on widgets")
    print(f"style sheets set on widgets (each one role's rules): {roles['opening']} opening the "
          f"sample incident's page, {roles['walking']} after walking its {roles['rows']} rows")
    print(f"opening an incident page (its risk step), median of {args.rounds} processes each, "
          f"interleaved: {ms['roles']:.0f} ms with each role's rules on its widgets "
          f"({ms['roles'] / ms['bare']:.2f}x), {ms['application']:.0f} ms with one application-wide "
          f"sheet ({ms['application'] / ms['bare']:.2f}x), {ms['bare']:.0f} ms with no sheet at all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
