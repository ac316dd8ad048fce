"""Architecture rules that keep the domain testable without Qt."""

from __future__ import annotations

import subprocess
import sys


def test_domain_storage_and_cli_import_no_qt():
    code = (
        "import sys, importlib, pkgutil, incident_wizard.domain as d\n"
        "for m in pkgutil.iter_modules(d.__path__): importlib.import_module(f'incident_wizard.domain.{m.name}')\n"
        "import incident_wizard.storage, incident_wizard.cli, incident_wizard.domain.incident_file\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'PyQt'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_ui_never_reaches_into_the_session_storage():
    """The UI goes through the session's and the workspace's methods (journal, verify_journal,
    write_documents...), never through ``session.storage`` or ``workspace.storage``."""
    from pathlib import Path

    ui = Path(__file__).resolve().parents[1] / "src" / "incident_wizard" / "ui"
    offenders = [f"{path.relative_to(ui)}:{number}" for path in sorted(ui.rglob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if "session.storage" in line or "workspace.storage" in line]
    assert offenders == []


def test_every_public_class_is_documented():
    """For the next maintainer: each public class says in a line what it is. (Modules are cut by
    purpose, not by size: there is no line cap.)"""
    import ast
    from pathlib import Path

    src = Path(__file__).resolve().parents[1] / "src" / "incident_wizard"
    undocumented = [f"{p.relative_to(src)}: {node.name}" for p in sorted(src.rglob("*.py"))
                    for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
                    if isinstance(node, ast.ClassDef) and not node.name.startswith("_")
                    and not ast.get_docstring(node)]
    assert undocumented == []


def test_the_home_screen_starts_without_the_document_libraries_or_the_decision_rules(tmp_path):
    """A start on the home list (profile filled, no incident open) reads neither python-docx,
    lxml nor Jinja2 (the first document pulls them in) nor the risk and decision rules (the first
    incident opened does): the start a pharmacist waits for stays close to bare Qt's."""
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from incident_wizard.application.workspace import Workspace\n"
        "from incident_wizard.domain.model import Organisation\n"
        "from incident_wizard.ui.main_window import MainWindow\n"
        "app = QApplication([])\n"
        "workspace = Workspace.open(Path(sys.argv[1]))\n"
        "workspace.storage.save_profile(Organisation(name='Pharmacie du Test', no_siret=True))\n"
        "window = MainWindow(workspace); window.show(); window.resume(); app.processEvents()\n"
        "heavy = ('docx', 'lxml', 'jinja2', 'incident_wizard.domain.decision',\n"
        "         'incident_wizard.domain.risk', 'incident_wizard.application.session')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
        "window.close(); workspace.close()\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data")],
                            capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout
