""""Premières heures": the short path to the CNIL's initial notification on one page. It asks
the fields listed in forms/procedure.toml ([first_hour]: the same fields as the steps, the same
checks), the situation and its first actions, proposes the decision (domain.decision, the one
rule), and writes the initial draft and the copy sheet. The rest of the procedure stays open for
the complementary notification."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..application.session import IncidentSession
from ..domain import obligations
from ..domain.errors import IncidentWizardError
from ..domain.model import OUTCOME_LABELS
from ..domain.procedure import HARM_LABELS, LEVEL_LABELS
from ..domain.risk import proposed_consequences
from . import style
from .fields import FieldEditor, help_label
from .panels import ScenarioPanel

#: The likely consequences' field (proposed from the facts on this page).
CONSEQUENCES = "consequences.kinds"


def plain_reasons(result) -> list[str]:  # noqa: ANN001 - domain.risk.Assessment
    """The proposal in plain French, before any method detail: how serious the consequences
    could be, how likely, for which harm, and whether doubts remain (the ENISA formula and the
    answers stay on the risk step and the Méthode page)."""
    lines = [QApplication.translate("FirstHourPage", "Gravité des conséquences possibles pour les personnes : %s.")
             % LEVEL_LABELS[result.cnil_severity]]
    harms = [QApplication.translate("FirstHourPage", "%s : %s") % (HARM_LABELS[harm], LEVEL_LABELS[level])
             for harm, level in result.likelihood.items() if level]
    if harms:
        lines.append(QApplication.translate("FirstHourPage", "Probabilité qu'elles arrivent : %s.") % " ; ".join(harms))
    if "doute" in result.raised_by:
        lines.append(QApplication.translate(
            "FirstHourPage", "Des réponses manquent ou sont « Je ne sais pas » : en cas de doute, la "
                             "CNIL demande de notifier."))
    return lines


class FirstHourPage(QScrollArea):
    """One page: the clock's facts, the situation, who and what roughly, the measures taken,
    the proposed decision, the initial draft and the copy sheet."""

    changed = Signal()
    continue_requested = Signal()

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        layout = QVBoxLayout(body)
        path = session.procedure.first_hour
        title = QLabel(path.title)
        title.setTextFormat(Qt.TextFormat.PlainText)
        style.set_role(title, style.STEP_TITLE)
        layout.addWidget(title)
        layout.addWidget(help_label(path.intro))
        self.editors: list[FieldEditor] = []

        def add_fields(fields) -> None:  # noqa: ANN001 - procedure fields
            for field in fields:
                editor = FieldEditor(field, session, session.procedure)
                editor.setObjectName(f"first-hour-{field.key}")
                editor.saved.connect(lambda _key: self._changed())
                self.editors.append(editor)
                layout.addWidget(editor)
                if field.key == CONSEQUENCES:
                    self.propose_button = QPushButton(self.tr("Proposer d'après la situation et les données"))
                    self.propose_button.setObjectName("first-hour-propose-consequences")
                    self.propose_button.clicked.connect(self.propose_consequences)
                    layout.addWidget(self.propose_button, 0, Qt.AlignmentFlag.AlignLeft)

        add_fields(path.before_scenario)
        self.scenario = ScenarioPanel(session)
        self.scenario.changed.connect(self._changed)
        layout.addWidget(self.scenario)
        add_fields(path.after_scenario)

        box = QGroupBox(self.tr("Décision proposée"))
        box_layout = QVBoxLayout(box)
        self.proposal = QLabel()
        self.proposal.setObjectName("first-hour-proposal")
        self.proposal.setWordWrap(True)
        self.proposal.setTextFormat(Qt.TextFormat.PlainText)
        box_layout.addWidget(self.proposal)
        self.decide_button = QPushButton(self.tr("&Enregistrer cette décision"))
        self.decide_button.setObjectName("first-hour-decide")
        self.decide_button.clicked.connect(self.record_proposed_decision)
        box_layout.addWidget(self.decide_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(box)

        actions = QHBoxLayout()
        self.draft_button = QPushButton(self.tr("Écrire le &brouillon de notification initiale…"))
        self.draft_button.setObjectName("first-hour-draft")
        self.draft_button.clicked.connect(self.write_initial_draft)
        self.copy_button = QPushButton(self.tr("&Fiche de saisie pour le site de la CNIL…"))
        self.copy_button.setObjectName("first-hour-copy-sheet")
        self.copy_button.clicked.connect(self.show_copy_sheet)
        self.continue_button = QPushButton(self.tr("Continuer la procédure &complète ▶"))
        self.continue_button.setObjectName("first-hour-continue")
        self.continue_button.clicked.connect(self.continue_requested)
        for button in (self.draft_button, self.copy_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignRight)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        style.set_role(self.message, style.ERROR)
        self.message.hide()
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setWidget(body)
        #: What was last proposed automatically ([] when nothing is ticked yet).
        self._auto_consequences: list[str] = []
        self.load()

    def _changed(self) -> None:
        self.message.hide()  # its cause may be gone
        self._follow_proposal()
        self.refresh()
        self.changed.emit()

    def _follow_proposal(self) -> None:
        """The likely consequences are proposed as soon as the situation and the data are known
        (ticked, visible under « Conséquences probables », editable), like the situation's
        qualification; they follow the situation and the data while they are exactly what was
        proposed, and stop following once the pharmacist changes them (issue 23: the initial
        draft within 25 actions, the proposal one click less)."""
        incident = self.session.incident
        if self.session.read_only or not (incident.scenario and incident.scope.data_categories):
            return
        current = list(incident.consequences.kinds)
        if current != self._auto_consequences:
            return  # chosen by the pharmacist (or a proposal they changed): kept
        proposed = proposed_consequences(incident, self.session.procedure)
        if not proposed or proposed == current:
            return
        try:
            self.session.set_value(CONSEQUENCES, proposed)
        except IncidentWizardError:
            return  # the button still proposes, and says why if it cannot
        self._auto_consequences = list(proposed)
        for editor in self.editors:
            if editor.field.key == CONSEQUENCES:
                editor.load()

    def load(self) -> None:
        for editor in self.editors:
            editor.load()
        self.scenario.load()
        self.refresh()

    def flush(self) -> None:
        for editor in self.editors:
            if editor.pending():
                editor.flush()
        self.scenario.flush()

    def refresh(self) -> None:
        read_only = self.session.read_only
        for editor in self.editors:
            editor.setEnabled(not read_only)
        self.scenario.set_read_only(read_only)
        result = self.session.assessment()
        decided = self.session.incident.decision.outcome
        proposed = OUTCOME_LABELS.get(result.outcome, result.outcome)
        reasons = "\n".join(f"• {line}" for line in plain_reasons(result))
        if decided:
            text = self.tr("Décision enregistrée : %s. Elle garde l'évaluation du risque sur "
                           "laquelle elle repose ; toutes deux se revoient aux étapes « Évaluation "
                           "du risque » et « Décision ».") % (
                OUTCOME_LABELS.get(decided, decided))
        else:
            text = self.tr("Recommandation : %s.\n%s\nLe détail de la méthode (ENISA, carte des "
                           "risques) et les questions de risque se précisent à l'étape « Évaluation "
                           "du risque ».") % (proposed, reasons)
        self.proposal.setText(text)
        self.decide_button.setEnabled(not read_only and not decided)

    def propose_consequences(self) -> None:
        """Tick the likely consequences the nature and the data suggest (kept with those already
        ticked): the pharmacist confirms or unticks them."""
        self.flush()
        proposed = proposed_consequences(self.session.incident, self.session.procedure)
        current = list(self.session.incident.consequences.kinds)
        chosen = current + [c for c in proposed if c not in current]
        try:
            self.session.set_value(CONSEQUENCES, chosen)
        except IncidentWizardError as error:
            self.message.setText(str(error))
            self.message.show()
            return
        for editor in self.editors:
            if editor.field.key == CONSEQUENCES:
                editor.load()
        self._changed()

    def record_proposed_decision(self) -> None:
        self.flush()
        try:
            self.session.decide(self.session.assessment().outcome, "")
        except IncidentWizardError as error:
            self.message.setText(str(error))
            self.message.show()
            return
        self._changed()

    def write_initial_draft(self) -> list:
        from .documents_ui import export_incident_documents

        self.flush()
        # Initial until a notification is recorded; then the app picks (complementary).
        kind = None if self.session.incident.notifications else "initial"
        files = export_incident_documents(self, self.session, kind, (obligations.DOC_CNIL,))
        self.changed.emit()
        return files

    def show_copy_sheet(self) -> None:
        from .documents_ui import CopySheetDialog

        self.flush()
        CopySheetDialog(self.session, self).exec()
