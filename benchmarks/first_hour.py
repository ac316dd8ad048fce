"""The first hour at the counter, scripted (issue 14): from the home page to an initial CNIL
draft and the copy sheet through "Nouvel incident : premières heures", for two realistic
incidents, counting the user's actions (a click, a field typed, a box ticked, a choice in a list,
a dialog answered each count one) and the time the app takes.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/first_hour.py
Targets: an initial draft in 25 actions or fewer for both incidents (tests/test_first_hour.py
holds them). The time printed is the app's, without the user's thinking.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.driver import (  # noqa: E402 - after the path is set
    Counted,
    Driver,
    click,
    open_window,
    patched,
    storage_and_folder,
    typed_in,
)

#: The two incidents of the issue: (title, how discovered, what was seen, when it started,
#: situation, actions ticked, circumstances, persons, data, count, likely consequences
#: (proposed from the situation and the data), measures before, measures taken, measures for
#: the persons): what the initial notification needs and the pharmacist knows in the first hour
#: (issue 23, item 1).
SCENARIOS = {
    "photo d'ordonnance au mauvais patient": dict(
        title="Photo d'ordonnance envoyée par courriel au mauvais patient",
        how="patient-client", scenario="erreur-envoi",
        ticks=["contacter-destinataire"], persons=["patients"], data=["etat-civil", "sante"],
        count="1", remedy="Destinataire appelé : courriel supprimé, confirmation demandée par écrit.",
        mitigation="Le patient concerné est prévenu par téléphone.",
        description="Le patient destinataire a appelé : il a reçu la photo d'une ordonnance qui "
                    "n'est pas la sienne.",
        start="typed",  # the time the e-mail was sent, read in the mailbox
        circumstances="Photo prise au comptoir et envoyée depuis la messagerie de la pharmacie ; "
                      "adresse choisie dans l'autocomplétion.",
        before="Messagerie de la pharmacie protégée par mot de passe ; consigne de vérifier le "
               "destinataire avant l'envoi."),
    "rançongiciel sur le LGO": dict(
        title="Rançongiciel sur le poste du comptoir (LGO)",
        how="message-rancon", scenario="rancongiciel",
        ticks=["debrancher-reseau", "ne-pas-payer", "appeler-lgo"], persons=["patients"],
        data=["etat-civil", "sante", "mutuelle"], count="2400",
        remedy="Poste débranché du réseau, éditeur du LGO et prestataire appelés.",
        mitigation="Délivrance en mode dégradé ; patients avertis des faux messages.",
        description="Écran du poste du comptoir bloqué par un message de rançon à l'ouverture ; "
                    "fichiers du LGO illisibles.",
        start="unknown",  # the intrusion date comes from the provider's investigation
        circumstances="Poste du comptoir relié au serveur du LGO ; origine de l'intrusion en cours "
                      "d'analyse par le prestataire.",
        before="Antivirus à jour, sauvegarde quotidienne externalisée, sessions nominatives."),
}


@dataclass
class Run(Counted):
    files: list[Path] = field(default_factory=list)
    copied: str = ""
    message: str = ""


def run(name: str, qtbot=None, storage=None, out: Path | None = None) -> Run:  # noqa: ANN001
    """Drive the window for one incident; every user action goes through ``act``."""
    from PySide6.QtCore import QDateTime
    from PySide6.QtWidgets import QApplication, QDialog

    from incident_wizard.ui import documents_ui

    spec = SCENARIOS[name]
    storage, own, folder = storage_and_folder(storage, representative=False)
    out = out or folder / "documents"
    result = Run(name)
    driver = Driver(result, "0. Premières heures")
    act = driver.act

    def copy_sheet_exec(dialog):  # noqa: ANN001 - the user copies the first field, then closes
        button = next(iter(dialog.copy_buttons.values()))
        act(lambda: button.click())
        result.copied = QApplication.clipboard().text()
        act(dialog.reject)
        return QDialog.DialogCode.Rejected

    started = time.perf_counter()
    window = open_window(storage, qtbot)
    try:
        with driver.dialogs(folder=out, expected_boxes=("information", "warning")), \
                patched([(documents_ui.CopySheetDialog, "exec", copy_sheet_exec)]):
            act(window.home.first_hour_button.click)
            page = window.incident_page.first_hour
            editors = {e.field.key: e for e in page.editors}

            def typed(key: str, text: str) -> None:
                typed_in(editors[key], text)

            act(lambda: typed("title", spec["title"]))
            act(editors["dates.awareness_at"].input.now_button.click)
            how = editors["discovery.how_discovered"].input
            act(lambda: how.setCurrentIndex(how.findData(spec["how"])))
            act(lambda: typed("discovery.description", spec["description"]))
            if spec["start"] == "unknown":
                act(lambda: click(editors["dates.breach_start_unknown"].input))
            else:  # typed: an hour before the awareness
                start = editors["dates.breach_start"]
                act(lambda: (start.input.edit.setDateTime(QDateTime.currentDateTime().addSecs(-3600)),
                             start.flush()))
            combo = page.scenario.combo
            act(lambda: combo.setCurrentIndex(combo.findData(spec["scenario"])))
            for item in spec["ticks"]:
                act(lambda item=item: click(page.scenario.checks[item][0]))
            act(lambda: typed("qualification.circumstances", spec["circumstances"]))
            for option in spec["persons"]:
                act(lambda option=option: click(editors["scope.person_categories"]._checks[option]))
            for option in spec["data"]:
                act(lambda option=option: click(editors["scope.data_categories"]._checks[option]))
            act(lambda: typed("scope.persons_count", spec["count"]))
            # The likely consequences are proposed as the data are ticked (read, not clicked).
            act(lambda: typed("measures.before", spec["before"]))
            act(lambda: typed("measures.remedy", spec["remedy"]))
            act(lambda: typed("measures.mitigation", spec["mitigation"]))
            act(page.decide_button.click)
            act(page.draft_button.click)
            act(page.copy_button.click)
        result.seconds = time.perf_counter() - started
        result.files = sorted(out.glob("*")) if out.exists() else []
        result.reference = page.session.reference
        result.decision = page.session.incident.decision.outcome
        result.message = page.message.text() if page.message.isVisible() else ""
    finally:
        window.close()
        if own:
            storage.close()
    return result


def main() -> int:
    for name in SCENARIOS:
        result = run(name)
        drafts = [p.name for p in result.files if p.name.endswith("notification-cnil.docx")]
        print(f"{name}: {result.actions} actions, {result.seconds:.1f} s for the app, "
              f"decision {result.decision or '—'}, draft {'written' if drafts else 'MISSING'}"
              + (f" ({result.message})" if result.message else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
