"""A full incident, scripted: from "Nouvel incident" on the home page to a closed incident,
through the 11 steps of the wizard (each ended with "Étape terminée", the last with "Clôturer
l'incident"), for the two incidents of benchmarks/first_hour.py, counting the user's actions.

Counting (the conventions of benchmarks/first_hour.py): a click, a keystroke batch typed into
one field, a box ticked, a choice in a list, a dialog answered each count one. Only what a
pharmacist must do for a correct closed file is done: the required fields, the situation and
the containment actions of the first hour, the decision (the recommendation accepted), the CNIL
notification when the decision requires it (initial, then the complementary one or the waiver),
the information of the persons, every prevention proposal retained (owner, due day) or set aside
with a reason, and the closure. The answers the app proposes (qualification, risk) are accepted.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/full_incident.py
Target (issue): a full incident in 40 actions or fewer. The figures are printed per step, the
target is said met or not; the exit code is 0 either way. tests/test_full_incident.py holds the
measured figures as ceilings.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET = 40


def _first_hour():
    """benchmarks/first_hour.py: the same two incidents, the same first-hour answers."""
    name = "first_hour_bench"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("first_hour.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


FIRST_HOUR = _first_hour()

#: What the rest of the procedure needs, per incident (the first-hour answers come from
#: benchmarks/first_hour.py): when the pharmacist became aware, the CNIL's reference, how the
#: initial notification is completed, how the persons were informed, the proposal retained
#: (owner, due day) and the reasons the others are set aside.
FULL = {
    "photo d'ordonnance au mauvais patient": dict(
        aware_hours_ago=2, cnil_reference="VDP-2026-012345",
        complement=("waiver", "La notification initiale contenait déjà tout : un seul destinataire, "
                              "courriel supprimé, confirmation écrite reçue."),
        informed=dict(status="done", channels=["telephone"]),
        retain={"double-verification": (None, None)},
        reasons={"messagerie-securisee": "Sans objet : envois aux patients, qui n'ont pas de "
                                         "messagerie MSSanté ; double vérification retenue."}),
    "rançongiciel sur le LGO": dict(
        aware_hours_ago=3, cnil_reference="VDP-2026-054321",
        complement=("complementary", "VDP-2026-054321"),
        informed=dict(status="done", channels=["courriel"]),
        retain={"sauvegardes-hors-ligne": (None, None)},
        reasons={}),
}
DEFAULT_REASON = "Déjà en place (vérifié avec le prestataire informatique)."
SCENARIOS = {name: {**FIRST_HOUR.SCENARIOS[name], **FULL[name]} for name in FULL}

HOME = "0. Accueil"
COMPLEMENT = "7b. Notification complémentaire (retour à l'étape 7)"


@dataclass
class Run:
    name: str
    steps: dict[str, int] = field(default_factory=dict)  # label -> actions, in order
    seconds: float = 0.0
    reference: str = ""
    status: str = ""
    decision: str = ""
    journal_ok: bool = False
    problems: list[str] = field(default_factory=list)  # refusals the script met (should be none)
    retained: int = 0
    dismissed: int = 0

    @property
    def actions(self) -> int:
        return sum(self.steps.values())


def run(name: str, qtbot=None, storage=None) -> Run:  # noqa: ANN001
    """Drive the window for one incident, home page to closure; every action goes through ``act``."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QPushButton

    from incident_wizard.application.workspace import Workspace
    from incident_wizard.domain.clock import now_utc
    from incident_wizard.domain.model import NOTIFY_AND_INFORM, NOTIFY_CNIL, Contact, Organisation
    from incident_wizard.domain.procedure import load_procedure
    from incident_wizard.storage import Storage
    from incident_wizard.ui.main_window import MainWindow
    from incident_wizard.ui.panels import ActionDialog
    from tests.gui_helpers import key_text, when_modal

    spec = SCENARIOS[name]
    procedure = load_procedure()
    titles = {s.id: f"{i + 1}. {s.title}" for i, s in enumerate(procedure.steps)}
    app = QApplication.instance() or QApplication([])
    own = storage is None
    if own:
        storage = Storage.open(Path(tempfile.mkdtemp()) / "data")
    storage.save_profile(Organisation(name="Pharmacie des Tilleuls", siret="73282932000074",
                                      legal_representative=Contact(name="Claire Martin"),
                                      contact=Contact(name="Claire Martin", email="c.martin@example.fr")))
    result = Run(name)
    section = [HOME]

    def act(do) -> None:  # noqa: ANN001 - one user action
        result.steps[section[0]] = result.steps.get(section[0], 0) + 1
        do()
        app.processEvents()

    def at(label: str) -> None:
        section[0] = label
        result.steps.setdefault(label, 0)

    # The dialogs: a reason typed and confirmed is one action; a message box is read (no action)
    # but recorded, since none is expected on this path.
    reason = [DEFAULT_REASON]

    def get_text(*args, **kwargs):
        result.steps[section[0]] += 1
        return reason[0], True

    def box(kind):
        def shown(parent, title, text, *args, **kwargs):
            result.problems.append(f"{kind}: {text}")
            return QMessageBox.StandardButton.Yes if kind == "question" else QMessageBox.StandardButton.Ok
        return shown

    patched = [(QInputDialog, "getText", get_text)] + [
        (QMessageBox, kind, box(kind)) for kind in ("information", "warning", "critical", "question")]
    saved = [(owner, attribute, owner.__dict__[attribute]) for owner, attribute, _ in patched]
    for owner, attribute, replacement in patched:
        setattr(owner, attribute, replacement)

    def click(widget) -> None:  # noqa: ANN001 - where a user clicks (a check box's indicator)
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))

    started = time.perf_counter()
    window = MainWindow(Workspace(storage, procedure))
    if qtbot is not None:
        qtbot.addWidget(window)
    window.resize(1280, 1000)
    window.show()
    try:
        act(lambda: click(window.home.new_button))
        page = window.incident_page
        result.reference = page.session.reference

        def editor(key: str):  # noqa: ANN202 - the field's editor on the step shown
            return page.current_page().editor(key)

        def typed(key: str, text: str) -> None:
            e = editor(key)
            e.input.setFocus()
            key_text(e.input, text)
            e.flush()  # what leaving the field does

        def chosen(key: str, option_id: str) -> None:
            combo = editor(key).input
            combo.setCurrentIndex(combo.findData(option_id))

        def done(step_id: str) -> None:
            act(lambda: click(page.done_button))
            if page.message.isVisible():
                result.problems.append(f"{step_id}: {page.message.text()}")

        def go_to(step_id: str) -> None:  # a click on the step in the list
            item = next(page.steps.item(r) for r in range(page.steps.count())
                        if page.steps.item(r).data(Qt.ItemDataRole.UserRole) == step_id)
            page.steps.scrollToItem(item)
            act(lambda: QTest.mouseClick(page.steps.viewport(), Qt.MouseButton.LeftButton,
                                         pos=page.steps.visualItemRect(item).center()))
            if page.current_step_id() != step_id:
                result.problems.append(f"the list did not open {step_id}")

        # 1. Signalement: title, when, how (the date typed as "JJ/MM/AAAA HH:MM": one entry).
        at(titles["signalement"])
        act(lambda: typed("title", spec["title"]))

        def aware() -> None:
            date = editor("dates.awareness_at")
            date.input.set_value(now_utc() - timedelta(hours=spec["aware_hours_ago"]))
            date.input.changed.emit()

        act(aware)
        act(lambda: chosen("discovery.how_discovered", spec["how"]))
        done("signalement")

        # 2. Premiers réflexes: the situation, its actions done, the measures taken.
        at(titles["premiers-reflexes"])
        scenario = page.pages["premiers-reflexes"].panel
        act(lambda: scenario.combo.setCurrentIndex(scenario.combo.findData(spec["scenario"])))
        for item in spec["ticks"]:
            act(lambda item=item: click(scenario.checks[item][0]))
        act(lambda: typed("measures.remedy", spec["remedy"]))
        act(lambda: typed("measures.mitigation", spec["mitigation"]))
        done("premiers-reflexes")

        # 3. Qualification: nature, origin and cause proposed by the situation, accepted.
        at(titles["qualification"])
        done("qualification")

        # 4. Personnes et données.
        at(titles["personnes-donnees"])
        for option in spec["persons"]:
            act(lambda option=option: click(editor("scope.person_categories")._checks[option]))
        act(lambda: typed("scope.persons_count", spec["count"]))
        for option in spec["data"]:
            act(lambda option=option: click(editor("scope.data_categories")._checks[option]))
        done("personnes-donnees")

        # 5. Évaluation du risque: the proposed answers accepted.
        at(titles["evaluation-risque"])
        done("evaluation-risque")

        # 6. Décision: the recommendation (pre-selected) recorded.
        at(titles["decision"])
        act(lambda: click(page.pages["decision"].panel.record_button))
        result.decision = page.session.incident.decision.outcome
        done("decision")

        # 7. Notification à la CNIL: the initial notification (sent now: the date is filled),
        # then the waiver if the initial one said everything.
        at(titles["notification-cnil"])
        notification = page.pages["notification-cnil"].panel
        notified = result.decision in (NOTIFY_CNIL, NOTIFY_AND_INFORM)
        kind, complement = spec["complement"]
        if notified:
            act(lambda: (notification.reference.setFocus(), key_text(notification.reference,
                                                                     spec["cnil_reference"])))
            act(lambda: click(notification.record_button))
            if not page.session.incident.notifications:
                result.problems.append(f"notification: {notification.status.text()}")
            if kind == "waiver":
                act(lambda: typed("complement_waiver", complement))
        done("notification-cnil")

        # 8. Information des personnes: informed (status, date, means).
        at(titles["information-personnes"])
        informed = spec["informed"]
        act(lambda: chosen("information.status", informed["status"]))
        if informed["status"] == "done":
            act(lambda: click(editor("information.informed_at").input.now_button))
            for option in informed["channels"]:
                act(lambda option=option: click(editor("information.channels")._checks[option]))
        done("information-personnes")

        # 9. Autres démarches: none is required for the file.
        at(titles["autres-demarches"])
        done("autres-demarches")

        # 10. Prévention et suivi: each proposal retained (dialog: owner, due day) or set aside
        # with a reason (one answer).
        at(titles["prevention-suivi"])
        followup = page.pages["prevention-suivi"].panel

        def next_pending():  # noqa: ANN202 - the first proposal still to examine, and its buttons
            for button in followup.findChildren(QPushButton):
                if button.objectName().startswith("proposal-dismiss-") and button.isVisible():
                    proposal_id = button.objectName().removeprefix("proposal-dismiss-")
                    choose = followup.findChild(QPushButton, f"proposal-choose-{proposal_id}")
                    return proposal_id, choose, button
            return None

        rest = followup.dismiss_rest_button

        def followup_pending():  # noqa: ANN202
            from incident_wizard.domain.followup import pending_proposals

            return pending_proposals(page.session.incident, page.session.procedure)

        while (pending := next_pending()) is not None:
            proposal_id, choose, dismiss = pending
            if proposal_id in spec["retain"]:
                owner, due = spec["retain"][proposal_id]

                def fill(dialog, owner=owner, due=due) -> None:  # noqa: ANN001
                    # The owner is the titulaire, proposed from the profile, and the due day a
                    # month ahead (None: kept as proposed).
                    for line, text in ((dialog.owner, owner), (dialog.due, due)):
                        if text is not None:
                            act(lambda line=line, text=text: (line.setFocus(), key_text(line, text)))
                    act(lambda: click(dialog.ok_button))
                    if dialog.isVisible():
                        result.problems.append(f"action dialog: {dialog.error.text()}")

                outcome = when_modal(ActionDialog, fill)
                act(lambda choose=choose: click(choose))
                if outcome[1:] != ["ok"]:
                    result.problems.append(f"action dialog: {outcome[1:]}")
                    break
                result.retained += 1
            elif proposal_id in spec["reasons"] or not rest.isVisible():
                reason[0] = spec["reasons"].get(proposal_id, DEFAULT_REASON)
                act(lambda dismiss=dismiss: click(dismiss))
                result.dismissed += 1
            else:  # the others at once, with one reason (one click, one answer)
                left = len(followup_pending())
                reason[0] = DEFAULT_REASON
                act(lambda: click(rest))
                result.dismissed += left
                continue
            if next_pending() is not None and next_pending()[0] == proposal_id:
                result.problems.append(f"proposal {proposal_id} still to examine")
                break
        done("prevention-suivi")

        # The complementary notification, made on the CNIL site after the investigation: back to
        # step 7 to record it, then to the last step.
        if notified and kind == "complementary":
            at(COMPLEMENT)
            go_to("notification-cnil")
            act(lambda: (notification.reference.setFocus(), key_text(notification.reference, complement)))
            act(lambda: click(notification.record_button))
            go_to("mesures-cloture")

        # 11. Mesures et clôture: the measures typed at step 2 are there; close.
        at(titles["mesures-cloture"])
        done("mesures-cloture")
        result.seconds = time.perf_counter() - started
        stored = storage.load_incident(result.reference)
        result.status = stored.status
        result.journal_ok = storage.verify_journal(result.reference).ok
    finally:
        for owner, attribute, original in saved:
            setattr(owner, attribute, original)
        window.close()
        if own:
            storage.close()
    return result


def report(result: Run) -> str:
    lines = [f"{result.name} ({result.reference}): {result.actions} actions, "
             f"{result.seconds:.1f} s for the app, decision {result.decision or '—'}, "
             f"status {result.status}, journal {'verified' if result.journal_ok else 'NOT VERIFIED'}"]
    for label, count in result.steps.items():
        lines.append(f"  {label:<62} {count:>3}")
    lines.append(f"  {'total':<62} {result.actions:>3}   "
                 f"(proposals: {result.retained} retained, {result.dismissed} set aside)")
    lines.append(f"  target ≤ {TARGET}: " + ("met" if result.actions <= TARGET else
                                            f"NOT met ({result.actions - TARGET} over)"))
    lines += [f"  problem: {p}" for p in result.problems]
    return "\n".join(lines)


def main() -> int:
    for name in SCENARIOS:
        print(report(run(name)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
