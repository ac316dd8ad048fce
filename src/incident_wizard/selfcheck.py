"""`incident-wizard --self-check`: prove that an installation works, offscreen and offline.

Loads and validates forms/, checks the resources and Qt's French translation, builds the sample
incident in a temporary database, verifies its journal, writes its documents and the register into
a temporary folder, reopens every file, and opens the main window offscreen. Prints one line per
check; exit status 0 when everything passed, 1 otherwise. The user's data is never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path


def run_self_check(out=sys.stdout) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failures = 0
    state: dict[str, object] = {}

    def check(label: str, action: Callable[[], str]) -> None:
        nonlocal failures
        try:
            detail = action()
            print(f"OK      {label}{' : ' + detail if detail else ''}", file=out, flush=True)
        except Exception as error:  # noqa: BLE001 - report every failure, go on with the rest
            failures += 1
            print(f"ÉCHEC   {label} : {type(error).__name__}: {error}", file=out, flush=True)

    from . import __version__

    print(f"Incident Wizard {__version__} — auto-vérification (Python {sys.version.split()[0]})",
          file=out)

    def forms() -> str:
        from .domain.procedure import load_procedure
        from .locations import forms_dir

        folder = forms_dir()
        procedure = load_procedure(folder)
        state["procedure"] = procedure
        return (f"{folder} : {len(procedure.steps)} étapes, {len(procedure.scenarios)} "
                f"scénarios, {len(procedure.risk_questions)} questions de risque, "
                f"{len(procedure.sources)} sources")

    def resources() -> str:
        from .documents.templates import TEMPLATE_NAMES, builtin_dir

        missing = [n for n in TEMPLATE_NAMES if not (builtin_dir() / n).is_file()]
        if missing:
            raise FileNotFoundError(", ".join(missing))
        return f"{len(TEMPLATE_NAMES)} modèles dans {builtin_dir()}"

    def qt() -> str:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
        from PySide6.QtWidgets import QApplication

        from .documents.pdf import ensure_gui_application

        app = ensure_gui_application()
        state["app"] = app
        translator = QTranslator()
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not translator.load(QLocale("fr"), "qtbase", "_", folder):
            raise FileNotFoundError(f"qtbase_fr.qm absent de {folder}")
        QApplication.instance().installTranslator(translator)
        return f"PySide6 {pyside_version}, plateforme « {QApplication.platformName()} », qtbase_fr chargé"

    def catalogues() -> str:
        import gettext

        from PySide6.QtCore import QTranslator

        from . import i18n
        from .locations import resources_dir

        folder = resources_dir() / "translations"
        shipped = sorted(folder.glob("incident_wizard_*.qm"))
        for qm in shipped:
            if not QTranslator().load(str(qm)):
                raise OSError(f"{qm.name} illisible")
        compiled = sorted(i18n.catalogue_dir().glob(f"*/LC_MESSAGES/{i18n.DOMAIN}.mo"))
        for mo in compiled:
            gettext.translation(i18n.DOMAIN, i18n.catalogue_dir(), languages=[mo.parents[1].name])
        if not shipped or not compiled:
            raise FileNotFoundError(f"catalogues compilés absents de {folder} ou de {i18n.catalogue_dir()}")
        days, months = i18n.calendar_names("fr")
        return (f"{', '.join(p.name for p in shipped)} ; {len(compiled)} catalogue(s) .mo ; "
                f"dates : {days[0]} … {months[-1]}")

    check("Procédure (forms/) chargée et validée", forms)
    check("Modèles de documents présents", resources)
    check("Qt et traduction française", qt)
    check("Catalogues de traduction compilés", catalogues)

    def template_worker() -> str:
        from .documents.bounded import TemplateWorker

        worker = TemplateWorker()
        try:
            text = worker.render("{{ a }} {{ 'x' * 3 }}", {"a": "ok"}, True, None)
        finally:
            worker.close()
        if text != "ok xxx":
            raise RuntimeError(text)
        return "modèles personnalisés rendus dans un processus borné"

    check("Processus des modèles personnalisés", template_worker)

    def encryption() -> str:
        from . import sealed

        envelope = sealed.seal(b'{"ok": true}', "phrase de verification")
        if sealed.unseal(envelope, "phrase de verification") != b'{"ok": true}':
            raise RuntimeError("aller-retour incorrect")
        return "AES-256-GCM et scrypt (cryptography) disponibles"

    check("Chiffrement des fichiers d'incident", encryption)

    with tempfile.TemporaryDirectory(prefix="incident-wizard-check-") as folder:
        root = Path(folder)

        def sample() -> str:
            from .application.sample import build_sample
            from .application.workspace import Workspace

            workspace = Workspace.open(root / "data", state["procedure"])
            state["workspace"] = workspace
            reference = build_sample(workspace.storage, state["procedure"])
            state["reference"] = reference
            verification = workspace.verify_journal(reference)
            if not verification.ok:
                raise AssertionError(verification.message)
            return f"{reference} ; {verification.message}"

        def documents() -> str:
            from docx import Document

            from .application.exports import write_incident_documents, write_register
            from .documents.templates import Renderer

            renderer = Renderer(user_dir=root / "no-user-templates")
            storage = state["workspace"].storage
            files = write_incident_documents(storage, state["procedure"], state["reference"],
                                             root / "documents", renderer=renderer,
                                             include_unneeded=True).files
            files += write_register(storage, state["procedure"], root / "documents",
                                    renderer=renderer).files
            for path in files:
                if path.suffix == ".docx":
                    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
                    if not text.strip() and not Document(str(path)).tables:
                        raise AssertionError(f"{path.name} est vide")
                elif path.suffix == ".pdf":
                    data = path.read_bytes()
                    if not (data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")):
                        raise AssertionError(f"{path.name} n'est pas un PDF complet")
                elif path.suffix == ".csv":
                    if not path.read_bytes().startswith(b"\xef\xbb\xbf"):
                        raise AssertionError(f"{path.name} sans BOM UTF-8")
                elif path.name.endswith("sms-personnes.txt"):
                    if len(path.read_text(encoding="utf-8")) > 480:
                        raise AssertionError("SMS de plus de 480 caractères")
            return f"{len(files)} fichiers écrits et relus ({', '.join(sorted({p.suffix for p in files}))})"

        def window() -> str:
            from .ui.app import install_translations
            from .ui.main_window import MainWindow

            install_translations(state["app"])
            main = MainWindow(state["workspace"])
            main.show()
            main.open_incident(state["reference"])
            state["app"].processEvents()
            steps = main.incident_page.steps.count()
            main.close()
            return f"fenêtre principale ouverte hors écran, incident affiché ({steps} entrées de navigation)"

        check("Incident d'exemple créé, journal vérifié", sample)
        check("Documents générés et vérifiés", documents)
        check("Interface", window)
        workspace = state.get("workspace")
        if workspace is not None:
            workspace.close()
    print(("Auto-vérification réussie." if failures == 0 else
           f"Auto-vérification : {failures} échec(s)."), file=out)
    return 0 if failures == 0 else 1
