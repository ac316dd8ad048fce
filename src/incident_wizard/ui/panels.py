"""The step panels that are more than fields: scenario, risk, decision, CNIL notification,
other bodies, closure, and the timeline. Each reads and changes the incident only through the
session; none computes a deadline, a score or a rule itself."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QFormLayout, QGroupBox,
                               QHeaderView,
                               QHBoxLayout, QLabel, QLineEdit, QListWidget, QMessageBox,
                               QPlainTextEdit, QPushButton, QRadioButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ..domain import clock, obligations
from ..domain.errors import IncidentWizardError, ValidationError
from ..domain.model import ATTACHMENT_KINDS, NOTIFICATION_KINDS, OUTCOME_LABELS, OUTCOMES
from ..domain.decision import decision_outdated
from ..domain.procedure import HARM_LABELS, LEVEL_LABELS, RISK_LABELS
from ..domain.risk import FLAG_LABELS, format_number
from ..session import IncidentSession
from .deadline import DeadlinePicture
from .fields import (CHOICE_SETTLE_MS, ERROR_STYLE, DateTimeInput, NoWheelComboBox, help_label,
                     wrapping_check)


class WrappingRadio(QWidget):
    """A radio button whose (long) label wraps; clicking the label selects it."""

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 1, 0, 1)
        self.button = QRadioButton()
        self.button.setAccessibleName(text)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setBuddy(self.button)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt name
        if self.button.isEnabled():
            self.button.click()
        super().mousePressEvent(event)


class Panel(QWidget):
    """Base: a panel tells the page when it changed the incident."""

    changed = Signal()

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session

    def load(self) -> None:
        """Re-read the incident (the page calls this whenever the step is shown)."""

    def flush(self) -> None:
        """Store a choice still being made (the page calls this before leaving the step)."""

    def fields_changed(self) -> None:
        """A field of the same step was saved (the page calls this)."""

    def set_read_only(self, read_only: bool) -> None:
        """A closed incident can be read and its documents exported, not changed."""
        self.setEnabled(not read_only)

    def warn(self, error: Exception) -> None:
        QMessageBox.warning(self, self.tr("Vérifiez la saisie"), str(error))

    def action_button(self, text: str, name: str, slot) -> QPushButton:
        """A push button named for tests and accessibility, connected to ``slot``."""
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def situation_layout(self, *buttons: QPushButton) -> QVBoxLayout:
        """The panel's layout: a sentence saying where things stand, then a row of buttons."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.situation = QLabel()
        self.situation.setWordWrap(True)
        layout.addWidget(self.situation)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        return layout

    def draft_kind(self) -> str | None:
        """The CNIL draft's type chosen on this panel (None: the app decides)."""
        return None

    def export_documents(self) -> None:
        """Write the incident's documents to a folder the user picks (journaled)."""
        from .documents_ui import export_incident_documents

        if export_incident_documents(self, self.session, self.draft_kind()):
            self.changed.emit()


class ScenarioPanel(Panel):
    """Choose the playbook; tick its containment actions (each tick is timestamped)."""

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("Situation"))
        label.setStyleSheet("font-weight: 600;")
        layout.addWidget(label)
        self.combo = NoWheelComboBox()
        self.combo.addItem(self.tr("— choisir la situation —"), "")
        for scenario in session.procedure.scenarios.values():
            self.combo.addItem(scenario.label, scenario.id)
        label.setBuddy(self.combo)
        # Arrowing through the list previews each situation's actions; the choice is stored
        # (and journaled once) when it settles, when an action is ticked or the step is left.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(CHOICE_SETTLE_MS)
        self._settle.timeout.connect(self._chosen)
        self.combo.currentIndexChanged.connect(self._previewed)  # (Qt's "activated" fires at
        # each arrow key too, so it cannot tell a confirmed choice)
        layout.addWidget(self.combo)
        self.summary = help_label("")
        layout.addWidget(self.summary)
        self.box = QGroupBox(self.tr("Actions de confinement"))
        self.box_layout = QVBoxLayout(self.box)
        layout.addWidget(self.box)
        self.checks: dict[str, tuple[QCheckBox, QLabel]] = {}
        self.load()

    def _previewed(self) -> None:
        self._settle.start()
        self._build_checklist()

    def _chosen(self) -> None:
        self._settle.stop()
        scenario_id = self.combo.currentData()
        if scenario_id and scenario_id != self.session.incident.scenario:
            try:
                self.session.choose_scenario(scenario_id)
            except IncidentWizardError as error:
                self.warn(error)
            self.changed.emit()
            self._build_checklist()

    def flush(self) -> None:
        if self._settle.isActive():
            self._chosen()

    def shown_scenario(self) -> str:
        return self.combo.currentData() or ""

    def _build_checklist(self) -> None:
        while self.box_layout.count():
            old = self.box_layout.takeAt(0).widget()
            if old is not None:
                old.hide()
                old.setParent(None)
                old.deleteLater()
        self.checks.clear()
        scenario = self.session.procedure.scenarios.get(self.shown_scenario())
        self.summary.setText(scenario.summary if scenario else "")
        self.box.setVisible(scenario is not None)
        if scenario is None:
            return
        for item in scenario.checklist:
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            check_row, check = wrapping_check(item.label)
            check.setObjectName(f"check-{item.id}")
            stamp = QLabel()
            stamp.setStyleSheet("color: #0b5323;")
            check.toggled.connect(lambda on, i=item: self._ticked(i.id, on))
            row_layout.addWidget(check_row, 1)
            row_layout.addWidget(stamp, 0, Qt.AlignmentFlag.AlignTop)
            self.box_layout.addWidget(row)
            row.show()  # at once, not at the next turn of the event loop
            self.checks[item.id] = (check, stamp)
        previous = self.combo
        for check, _stamp in self.checks.values():  # Tab goes from the situation to its actions
            QWidget.setTabOrder(previous, check)
            previous = check
        self._show_ticks()

    def _ticked(self, item_id: str, on: bool) -> None:
        self.flush()  # an action is ticked for the situation shown: store that choice first
        try:
            self.session.tick(item_id, on)
        except IncidentWizardError as error:
            self.warn(error)
        self._show_ticks()
        self.changed.emit()

    def _show_ticks(self) -> None:
        for item_id, (check, stamp) in self.checks.items():
            at = self.session.incident.checklist.get(item_id)
            check.blockSignals(True)
            check.setChecked(at is not None)
            check.blockSignals(False)
            stamp.setText(self.tr("fait le %s") % clock.format_short(at) if at else "")

    def load(self) -> None:
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(self.combo.findData(self.session.incident.scenario), 0))
        self.combo.blockSignals(False)
        self._build_checklist()


class RiskPanel(Panel):
    """The plain risk questions (gravité, then vraisemblance per kind of harm), the proposed
    answers, and the live result: ENISA breakdown, likelihood and risk per harm."""

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.groups: dict[str, QButtonGroup] = {}
        self.proposed_labels: dict[str, QLabel] = {}
        self.question_boxes: dict[str, QGroupBox] = {}
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setObjectName("risk-result")
        self.result.setStyleSheet("QLabel { background: #f3f6fa; border-radius: 6px; padding: 6px; }")
        layout.addWidget(self.result)
        procedure = session.procedure
        severity_title = QLabel(self.tr("<b>1. Gravité</b> : ce que les personnes pourraient subir "
                                        "(méthode ENISA)"))
        severity_title.setWordWrap(True)
        layout.addWidget(severity_title)
        for question in procedure.risk_questions:
            layout.addWidget(self._question_box(question, question.question))
        self.likelihood_title = QLabel(self.tr(
            "<b>2. Vraisemblance</b> : la probabilité que ces conséquences se produisent, pour chaque "
            "type de dommage que la violation comporte"))
        self.likelihood_title.setWordWrap(True)
        layout.addWidget(self.likelihood_title)
        for question in procedure.method.questions:
            title = f"{HARM_LABELS[question.harm]} — {question.question}"
            layout.addWidget(self._question_box(question, title))
        self.justification_label = QLabel(self.tr(
            "Pourquoi votre réponse à « Que révèlent les données ? » diffère-t-elle de celle proposée ?"))
        self.justification_label.setWordWrap(True)
        self.justification = QPlainTextEdit()
        self.justification.setTabChangesFocus(True)
        self.justification.setMaximumHeight(80)
        self.justification.textChanged.connect(self._justified)
        layout.addWidget(self.justification_label)
        layout.addWidget(self.justification)

        self.result_box = QGroupBox(self.tr("Détail du calcul"))
        result_layout = QVBoxLayout(self.result_box)
        self.breakdown = self._table([self.tr("Critère"), self.tr("Réponse"), self.tr("Valeur")])
        result_layout.addWidget(self.breakdown)
        self.risk_table = self._table([self.tr("Dommage"), self.tr("Vraisemblance"), self.tr("Risque")])
        self.risk_table.setObjectName("risk-table")
        result_layout.addWidget(self.risk_table)
        self.method_button = QPushButton(self.tr("&Méthode : gravité, vraisemblance et décision"))
        self.method_button.clicked.connect(self.show_method)
        result_layout.addWidget(self.method_button)
        layout.addWidget(self.result_box)
        self.load()

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return table

    def _question_box(self, question, title: str) -> QGroupBox:
        box = QGroupBox(title)
        box.setObjectName(f"question-{question.id}")
        box_layout = QVBoxLayout(box)
        group = QButtonGroup(box)
        group.setExclusive(True)
        for index, option in enumerate(question.options):
            row = WrappingRadio(option.label)
            row.button.setObjectName(f"answer-{question.id}-{option.id}")
            if option.anchor:
                row.setToolTip(option.anchor)
            group.addButton(row.button, index)
            box_layout.addWidget(row)
        group.idClicked.connect(lambda index, q=question: self._answered(q.id, q.options[index].id))
        proposed = help_label("")
        box_layout.addWidget(proposed)
        if question.help:
            box_layout.addWidget(help_label(question.help))
        self.groups[question.id] = group
        self.proposed_labels[question.id] = proposed
        self.question_boxes[question.id] = box
        return box

    CRITERIA = {"dpc": "Nature des données (DPC)", "ei": "Facilité d'identification (EI)",
                "confidentiality": "Confidentialité (CB)", "integrity": "Intégrité (CB)",
                "availability": "Disponibilité (CB)", "malicious": "Intention malveillante (CB)",
                "encrypted": "Chiffrement (indicateur)"}

    def _answered(self, question_id: str, option_id: str) -> None:
        try:
            self.session.set_risk_answer(question_id, option_id)
        except IncidentWizardError as error:
            self.warn(error)
        self.load()
        self.changed.emit()

    def _justified(self) -> None:
        try:
            self.session.set_value("risk.justification", self.justification.toPlainText())
        except IncidentWizardError as error:
            self.warn(error)

    def load(self) -> None:
        result = self.session.assessment()
        for question in self.session.procedure.all_risk_questions():
            if question.harm:
                self.question_boxes[question.id].setVisible(result.likelihood.get(question.harm) is not None)
            group = self.groups[question.id]
            answer = result.answers.get(question.id)
            index = next((i for i, o in enumerate(question.options) if o.id == answer), -1)
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            if index >= 0:
                group.button(index).setChecked(True)
            group.setExclusive(True)
            proposed = result.proposed.get(question.id)
            explicit = self.session.incident.risk.answers.get(question.id)
            label = self.proposed_labels[question.id]
            if proposed and not explicit:
                label.setText(self.tr("Réponse proposée d'après le scénario et la qualification ; "
                                      "modifiable."))
            elif proposed and explicit and explicit != proposed:
                option = question.get(proposed)
                label.setText(self.tr("Réponse proposée : %s") % (option.label if option else proposed))
            elif not answer:
                label.setText(self.tr("Sans réponse : le cas le plus défavorable est retenu."))
            else:
                label.setText("")
        departure = result.dpc_departure
        self.justification_label.setVisible(departure)
        self.justification.setVisible(departure)
        if self.justification.toPlainText() != self.session.incident.risk.justification:
            self.justification.blockSignals(True)
            self.justification.setPlainText(self.session.incident.risk.justification)
            self.justification.blockSignals(False)
        flags = "".join(f"<li>{FLAG_LABELS[f]}</li>" for f in result.flags)
        likelihoods = " ; ".join(
            f"{HARM_LABELS[h].lower()} « {LEVEL_LABELS[level]} »"
            for h, level in result.likelihood.items() if level) or self.tr("aucun dommage atteint")
        self.result.setText(
            f"<p style='font-size:13pt'><b>Gravité : {format_number(result.score)}</b> "
            f"({result.dpc} × {format_number(result.ei)} + {format_number(result.cb)}) — "
            f"niveau <b>{result.band_label}</b>, gravité CNIL « {result.cnil_severity_label} »</p>"
            f"<p><b>Vraisemblance</b> : {likelihoods}</p>"
            f"<p><b>Risque</b> : {result.risk_label} — recommandation : <b>{result.outcome_label}</b></p>"
            + (f"<p>Indicateurs :</p><ul>{flags}</ul>" if flags else ""))
        harms = list(result.likelihood)
        self.risk_table.setRowCount(len(harms))
        for row, harm in enumerate(harms):
            level, risk = result.likelihood[harm], result.harm_risk[harm]
            texts = (HARM_LABELS[harm], LEVEL_LABELS[level] if level else self.tr("non atteinte"),
                     RISK_LABELS[risk] if risk else "—")
            for column, text in enumerate(texts):
                self.risk_table.setItem(row, column, QTableWidgetItem(text))
        self._fit(self.risk_table)
        self.breakdown.setRowCount(len(result.contributions))
        for row, contribution in enumerate(result.contributions):
            value = ("oui" if contribution.value else "—") if contribution.input == "encrypted" else (
                format_number(contribution.value) if contribution.input in ("dpc", "ei")
                else f"+ {format_number(contribution.value)}")
            if contribution.input == "encrypted":
                value = "inintelligibles" if "data_unintelligible" in result.flags else "—"
            for column, text in enumerate((self.CRITERIA[contribution.input], contribution.answer, value)):
                item = QTableWidgetItem(text)
                item.setToolTip(contribution.anchor)
                self.breakdown.setItem(row, column, item)
        self._fit(self.breakdown)

    @staticmethod
    def _fit(table: QTableWidget) -> None:
        table.resizeRowsToContents()
        rows_height = sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(rows_height + table.horizontalHeader().height() + 4)

    def set_read_only(self, read_only: bool) -> None:
        for group in self.groups.values():
            for button in group.buttons():
                button.setEnabled(not read_only)
        self.justification.setReadOnly(read_only)

    def show_method(self) -> None:
        from .method_dialog import MethodDialog

        MethodDialog(self.session.procedure, self).exec()


class DecisionPanel(Panel):
    """The recommendation with its reasons; the pharmacist's decision (reason if different)."""

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.recommendation = QLabel()
        self.recommendation.setWordWrap(True)
        self.recommendation.setTextFormat(Qt.TextFormat.RichText)
        self.recommendation.setObjectName("recommendation")
        layout.addWidget(self.recommendation)
        box = QGroupBox(self.tr("Votre décision"))
        self.decision_box = box
        box_layout = QVBoxLayout(box)
        self.group = QButtonGroup(box)
        self.buttons: dict[str, QRadioButton] = {}
        for index, outcome in enumerate(OUTCOMES):
            button = QRadioButton(OUTCOME_LABELS[outcome])
            button.setObjectName(f"outcome-{outcome}")
            self.group.addButton(button, index)
            self.buttons[outcome] = button
            box_layout.addWidget(button)
        self.group.idClicked.connect(lambda _: self._update_hint())
        self.hint = help_label("")
        box_layout.addWidget(self.hint)
        self.justification = QPlainTextEdit()
        self.justification.setObjectName("decision-justification")
        self.justification.setTabChangesFocus(True)
        self.justification.setPlaceholderText(self.tr("Justification (obligatoire si vous vous "
                                                      "écartez de la recommandation)"))
        self.justification.setMaximumHeight(90)
        box_layout.addWidget(self.justification)
        self.record_button = self.action_button(
            self.tr("&Enregistrer la décision"),
            "record-decision", self.record)
        box_layout.addWidget(self.record_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        box_layout.addWidget(self.status)
        layout.addWidget(box)
        self.dpo = help_label("")
        self.dpo.setObjectName("decision-dpo")
        layout.addWidget(self.dpo)
        self.load()

    def set_read_only(self, read_only: bool) -> None:
        self.decision_box.setEnabled(not read_only)

    def chosen(self) -> str:
        index = self.group.checkedId()
        return OUTCOMES[index] if index >= 0 else ""

    def _update_hint(self) -> None:
        recommended = self.session.assessment().outcome
        if self.chosen() and self.chosen() != recommended:
            self.hint.setText(self.tr("Vous vous écartez de la recommandation d'Incident Wizard : la "
                                      "justification est obligatoire et figurera au registre et au "
                                      "journal."))
        else:
            self.hint.setText("")

    def record(self) -> None:
        try:
            self.session.decide(self.chosen(), self.justification.toPlainText())
        except IncidentWizardError as error:
            self.status.setText(str(error))
            self.status.setStyleSheet(ERROR_STYLE)
            return
        self.load()
        self.changed.emit()

    def load(self) -> None:
        result = self.session.assessment()
        decision = self.session.incident.decision
        outdated = decision_outdated(decision, result)
        if decision.outcome and decision.basis.reasons and not outdated:
            kept = "".join(f"<li>{escape(text)}</li>" for text in decision.basis.reasons)
            self.recommendation.setText(
                f"<p style='font-size:13pt'>Recommandation : <b>{OUTCOME_LABELS[decision.recommended]}</b></p>"
                + self.tr("<p>Raisons retenues lors de la décision (elles figurent au registre) :</p>")
                + f"<ul>{kept}</ul>")
        else:
            reasons = "".join(f"<li>{escape(r.text)}</li>" for r in result.reasons)
            self.recommendation.setText(
                f"<p style='font-size:13pt'>Recommandation : <b>{result.outcome_label}</b></p>"
                f"<p>Gravité « {result.cnil_severity_label} », risque : {result.risk_label}.</p>"
                + self.tr("<p>Pourquoi :</p>") + f"<ul>{reasons}</ul>")
        outcome = decision.outcome or result.outcome
        self.buttons[outcome].setChecked(True)
        if outdated == "method":
            self.justification.setPlainText(decision.justification)
            self.status.setStyleSheet("color: #8c0010; font-weight: 600;")
            self.status.setText(self.tr(
                "Cette décision du %s a été prise avec l'ancienne méthode (gravité seule). La méthode "
                "actuelle (gravité et vraisemblance) recommande « %s » : vérifiez et enregistrez à "
                "nouveau la décision.") % (clock.format_datetime(decision.decided_at),
                                           OUTCOME_LABELS[result.outcome]))
        elif outdated:
            self.justification.setPlainText(decision.justification)
            self.status.setStyleSheet("color: #8c0010; font-weight: 600;")
            self.status.setText(self.tr(
                "Les réponses ont changé depuis votre décision du %s : la recommandation est "
                "maintenant « %s » (elle était « %s »). Vérifiez et enregistrez à nouveau la "
                "décision.") % (clock.format_datetime(decision.decided_at),
                                 OUTCOME_LABELS[result.outcome], OUTCOME_LABELS[decision.recommended]))
        elif decision.outcome:
            self.justification.setPlainText(decision.justification)
            self.status.setStyleSheet("color: #0b5323;")
            self.status.setText(self.tr("Décision enregistrée le %s : %s") % (
                clock.format_datetime(decision.decided_at), OUTCOME_LABELS[decision.outcome]))
        else:
            self.status.setText("")
        org = self.session.incident.organisation
        self.dpo.setText(self.tr("Associez votre délégué à la protection des données%s à cette "
                                 "décision : il doit être associé à toutes les questions relatives "
                                 "à la protection des données (RGPD, article 38, paragraphe 1) ; il "
                                 "conseille et contrôle (article 39).")
                         % (f" ({org.dpo.name})" if org.dpo.name else "") if org.has_dpo else "")
        self.dpo.setVisible(org.has_dpo)
        self._update_hint()


class NotificationPanel(Panel):
    """Record each notification made on the CNIL site (initial, complete, complementary)."""

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.draft_button = self.action_button(
            self.tr("Préparer le &brouillon (Word et PDF)…"),
            "prepare-draft", self.export_documents)
        self.sheet_button = self.action_button(
            self.tr("Fiche de &saisie pour le site de la CNIL…"),
            "copy-sheet", self.show_copy_sheet)
        self.attach_button = QPushButton(self.tr("&Joindre le récapitulatif reçu de la CNIL (PDF)…"))
        self.attach_button.setObjectName("attach-summary")
        self.attach_button.setToolTip(self.tr("Le récapitulatif envoyé par la CNIL documente la "
                                              "violation : il est conservé avec l'incident."))
        self.attach_button.clicked.connect(self.attach_summary)
        self.draft_kind_box = NoWheelComboBox()
        self.draft_kind_box.setObjectName("draft-kind")
        self.draft_kind_box.setToolTip(self.tr("Type de notification indiqué dans le brouillon"))
        self.draft_kind_box.addItem(self.tr("Brouillon : type automatique"), "")
        for kind in NOTIFICATION_KINDS:
            self.draft_kind_box.addItem(session.procedure.options["notification_kinds"].label_of(kind)
                                        .split(" (")[0], kind)
        layout = self.situation_layout(self.draft_kind_box, self.draft_button, self.sheet_button)
        second_row = QHBoxLayout()
        second_row.addWidget(self.attach_button)
        second_row.addStretch(1)
        layout.addLayout(second_row)
        self.attachments = QLabel()
        self.attachments.setWordWrap(True)
        layout.addWidget(self.attachments)
        self.recorded = QListWidget()
        self.recorded.setMaximumHeight(90)
        layout.addWidget(self.recorded)
        box = QGroupBox(self.tr("Enregistrer une notification faite sur le site de la CNIL"))
        self.record_box = box
        form = QFormLayout(box)
        self.kind = NoWheelComboBox()
        kinds = session.procedure.options["notification_kinds"]
        for kind in NOTIFICATION_KINDS:
            self.kind.addItem(kinds.label_of(kind), kind)
        self.submitted_at = DateTimeInput()
        self.submitted_at.changed.connect(self._update_late)
        self.reference = QLineEdit()
        self.reference.setObjectName("cnil-reference")
        self.reference.setPlaceholderText(self.tr("Référence attribuée par la CNIL"))
        self.late_reasons = QPlainTextEdit()
        self.late_reasons.setObjectName("late-reasons")
        self.late_reasons.setTabChangesFocus(True)
        self.late_reasons.setMaximumHeight(80)
        self.late_label = QLabel(self.tr("Raisons du retard *"))
        self.late_label.setBuddy(self.late_reasons)
        form.addRow(self.tr("Type"), self.kind)
        form.addRow(self.tr("Date et heure d'envoi"), self.submitted_at)
        form.addRow(self.tr("Référence CNIL"), self.reference)
        form.addRow(self.late_label, self.late_reasons)
        self.record_button = self.action_button(
            self.tr("Enregistrer la &notification"),
            "record-notification", self.record)
        form.addRow("", self.record_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        form.addRow("", self.status)
        layout.addWidget(box)
        # A notification recorded in time can become late afterwards (a processor's report
        # entered later): its reasons for the delay are asked here.
        self.late_box = QGroupBox(self.tr("Raisons du retard de la notification déjà enregistrée"))
        late_layout = QVBoxLayout(self.late_box)
        late_layout.addWidget(help_label(self.tr(
            "Avec l'échéance en vigueur (par exemple depuis le signalement du sous-traitant), la "
            "notification enregistrée est arrivée après 72 heures : indiquez pourquoi (article 33, "
            "paragraphe 1). Ce sera repris dans le registre.")))
        self.late_after = QPlainTextEdit()
        self.late_after.setObjectName("late-reasons-after")
        self.late_after.setTabChangesFocus(True)
        self.late_after.setMaximumHeight(70)
        late_layout.addWidget(self.late_after)
        self.late_after_button = self.action_button(self.tr("Enregistrer les raisons du retard"),
                                                    "record-late-reasons", self.record_late_reasons)
        late_layout.addWidget(self.late_after_button)
        layout.addWidget(self.late_box)
        self.load()

    def record_late_reasons(self) -> None:
        try:
            self.session.set_late_reasons(self.late_after.toPlainText())
        except IncidentWizardError as error:
            self.warn(error)
            return
        self.late_after.clear()
        self.load()
        self.changed.emit()

    def draft_kind(self) -> str | None:
        return self.draft_kind_box.currentData() or None

    def set_read_only(self, read_only: bool) -> None:
        """A closed incident keeps its documents and can still receive the CNIL's summary."""
        self.record_box.setEnabled(not read_only)
        self.late_box.setEnabled(not read_only)

    def attach_summary(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self, self.tr("Récapitulatif de la CNIL"), "",
                                              self.tr("Documents PDF (*.pdf);;Tous les fichiers (*)"))
        if not name:
            return
        try:
            self.session.add_attachment(name, "recapitulatif-cnil")
        except IncidentWizardError as error:
            self.warn(error)
            return
        self.load()
        self.changed.emit()

    def show_copy_sheet(self) -> None:
        from .documents_ui import CopySheetDialog

        CopySheetDialog(self.session, self).exec()

    def _update_late(self) -> None:
        """Ask for the reasons for the delay when this notification comes after the 72 hours."""
        try:
            at = self.submitted_at.value() or self.session.now()
        except ValidationError:
            at = self.session.now()
        first = self.session.incident.first_notification_at()
        late = (first is None or at <= first) and self.session.is_late_at(at)
        self.late_label.setVisible(late)
        self.late_reasons.setVisible(late)

    def record(self) -> None:
        try:
            at = self.submitted_at.value()
            if at is None:
                raise ValidationError(self.tr("Indiquez la date et l'heure d'envoi de la notification."))
            self.session.record_notification(self.kind.currentData(), at, self.reference.text(),
                                             self.late_reasons.toPlainText())
        except IncidentWizardError as error:
            self.status.setText(str(error))
            self.status.setStyleSheet(ERROR_STYLE)
            return
        self.reference.clear()
        self.late_reasons.clear()
        self.status.setStyleSheet("color: #0b5323;")
        self.status.setText(self.tr("Notification enregistrée."))
        self.load()
        self.changed.emit()

    def load(self) -> None:
        incident = self.session.incident
        due = self.session.notification_due()
        decision = incident.decision.outcome
        if not decision:
            text = self.tr("La décision n'est pas encore prise (étape Décision). En cas de doute, "
                           "notifiez : la CNIL vous dira s'il faut informer les personnes.")
        elif due:
            text = self.tr("Décision : %s. Faites la notification sur le site de la CNIL "
                           "(notifications.cnil.fr), puis enregistrez-la ci-dessous.") % OUTCOME_LABELS[decision]
        else:
            text = self.tr("Décision : inscription au registre uniquement ; aucune notification "
                           "n'est prévue. Vous pouvez tout de même enregistrer une notification.")
        self.situation.setText(text)
        attached = [f"{a.name} ({ATTACHMENT_KINDS.get(a.kind, a.kind)}, joint le "
                    f"{clock.format_short(a.added_at)})" for a in incident.attachments if a.added_at]
        self.attachments.setText(self.tr("Pièces jointes : %s") % " ; ".join(attached) if attached else "")
        self.attachments.setVisible(bool(attached))
        self.recorded.clear()
        kinds = self.session.procedure.options["notification_kinds"]
        for n in incident.notifications:
            late = self.tr(" — raisons du retard : %s") % n.late_reasons if n.late_reasons else ""
            self.recorded.addItem(f"{kinds.label_of(n.kind)} — {clock.format_datetime(n.submitted_at)}"
                                  f" — référence {n.reference}{late}")
        self.recorded.setVisible(bool(incident.notifications))
        if incident.notifications:
            self.kind.setCurrentIndex(self.kind.findData("complementary"))
        else:
            self.kind.setCurrentIndex(self.kind.findData("initial"))
        try:
            empty = self.submitted_at.value() is None
        except ValidationError:  # an hour that does not exist in Paris: keep it, record() says so
            empty = False
        if empty:
            self.submitted_at.set_value(self.session.now())
        self._update_late()
        self.late_box.setVisible(obligations.late_without_reasons(incident))


class InformationPanel(Panel):
    """What the decision means for informing the persons; the letter and its variants."""

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.letter_button = self.action_button(
            self.tr("Préparer le &courrier, le courriel, le SMS et l'affiche…"),
            "prepare-letter", self.export_documents)
        layout = self.situation_layout(self.letter_button)
        # What the persons will read, before anything is written: the e-mail (the letter and
        # the notice say the same), the SMS with its size, and what is left out and why.
        preview_label = QLabel(self.tr("Aperçu du texte destiné aux personnes (courriel ; le "
                                       "courrier et l'affiche disent la même chose)"))
        preview_label.setStyleSheet("font-weight: 600;")
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("persons-preview")
        self.preview.setReadOnly(True)
        self.preview.setMinimumHeight(220)
        preview_label.setBuddy(self.preview)
        self.sms_preview = QLabel()
        self.sms_preview.setObjectName("sms-preview")
        self.sms_preview.setWordWrap(True)
        self.sms_preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_warnings = QLabel()
        self.preview_warnings.setObjectName("preview-warnings")
        self.preview_warnings.setWordWrap(True)
        self.preview_warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_warnings.setStyleSheet(ERROR_STYLE)
        for widget in (preview_label, self.preview, self.sms_preview, self.preview_warnings):
            layout.addWidget(widget)
        self.load()

    def set_read_only(self, read_only: bool) -> None:
        """Only document actions here: they stay available on a closed incident."""

    def load(self) -> None:
        outcome = self.session.incident.decision.outcome
        if outcome == "notify_cnil_and_inform":
            text = self.tr("Décision : informer les personnes, dans les meilleurs délais, en termes clairs et "
                           "simples. Le courrier préparé contient les éléments exigés : nature de "
                           "la violation, contact, conséquences probables, mesures prises et "
                           "conseils. Il ne répète aucune donnée de santé.")
        elif outcome:
            text = self.tr("Décision : pas d'information obligatoire des personnes. Vous pouvez "
                           "tout de même les informer ; sinon indiquez le motif ci-dessous.")
        else:
            text = self.tr("La décision n'est pas encore prise (étape Décision).")
        self.situation.setText(text)
        self.refresh_preview()

    def fields_changed(self) -> None:
        self.refresh_preview()  # the channels or the status change the SMS and the warnings

    def refresh_preview(self) -> None:
        from ..documents import content
        from ..documents.templates import render_builtin

        incident, procedure = self.session.incident, self.session.procedure
        c = content.communication(incident, procedure)
        self.preview.setPlainText(content.clean(render_builtin("email.txt", {
            "c": c, "today": clock.format_date(self.session.now()), "anchor": ""})))
        sms = content.sms_text(incident, procedure)
        encoding, parts = content.sms_segments(sms)
        self.sms_preview.setText(self.tr("SMS (%s caractères, %s, %s SMS) : %s") % (
            len(sms), encoding, parts, sms))
        self.preview_warnings.setText("\n".join(f"⚠ {w}" for w in c["withheld"]))
        self.preview_warnings.setVisible(bool(c["withheld"]))


class BodiesPanel(Panel):
    """Other bodies: done or not (timestamped), obligatoire/recommandé in this incident's
    situation (domain.obligations), a note and a reference (e.g. the complaint's receipt) each."""

    BADGE = {"obligatoire": "background: #8c0010; color: white; padding: 2px 6px; border-radius: 3px;",
             "recommandé": "background: #dde4ee; color: #1f3b73; padding: 2px 6px; border-radius: 3px;"}

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows: dict[str, tuple[QCheckBox, QLabel, QLineEdit, QLineEdit, QLabel]] = {}
        for body in session.procedure.bodies.values():
            box = QGroupBox()
            box_layout = QVBoxLayout(box)
            check_row, check = wrapping_check(body.label)
            check.setObjectName(f"body-{body.id}")
            box_layout.addWidget(check_row)
            top = QHBoxLayout()
            badge = QLabel(body.requirement)
            badge.setObjectName(f"requirement-{body.id}")
            stamp = QLabel()
            stamp.setStyleSheet("color: #0b5323;")
            top.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
            if body.help:
                top.addWidget(help_label(body.help), 1)
            else:
                top.addStretch(1)
            top.addWidget(stamp, 0, Qt.AlignmentFlag.AlignTop)
            box_layout.addLayout(top)
            fields = QHBoxLayout()
            note = QLineEdit()
            note.setPlaceholderText(self.tr("Note (interlocuteur, suite donnée...)"))
            note.editingFinished.connect(lambda b=body.id, n=note: self._noted(b, n.text()))
            reference = QLineEdit()
            reference.setObjectName(f"body-reference-{body.id}")
            reference.setPlaceholderText(self.tr("Référence (n° de récépissé, de dossier)"))
            reference.setMaximumWidth(300)
            reference.editingFinished.connect(lambda b=body.id, r=reference: self._referenced(b, r.text()))
            fields.addWidget(note, 2)
            fields.addWidget(reference, 1)
            box_layout.addLayout(fields)
            check.toggled.connect(lambda on, b=body.id: self._done(b, on))
            self.rows[body.id] = (check, stamp, note, reference, badge)
            layout.addWidget(box)
        self.load()

    def _done(self, body_id: str, on: bool) -> None:
        check, stamp, note, reference, badge = self.rows[body_id]
        try:
            self.session.set_body(body_id, on, note.text(), reference.text())
        except IncidentWizardError as error:
            self.warn(error)
        self.load()
        self.changed.emit()

    def _noted(self, body_id: str, text: str) -> None:
        contact = self.session.incident.other_bodies.get(body_id)
        if (contact.note if contact else "") == text:
            return
        try:
            self.session.set_body(body_id, contact.done if contact else False, text)
        except IncidentWizardError as error:
            self.warn(error)

    def _referenced(self, body_id: str, text: str) -> None:
        contact = self.session.incident.other_bodies.get(body_id)
        if (contact.reference if contact else "") == text.strip():
            return
        try:
            self.session.set_body(body_id, contact.done if contact else False, reference=text)
        except IncidentWizardError as error:
            self.warn(error)
        self.changed.emit()

    def load(self) -> None:
        incident = self.session.incident
        for body_id, (check, stamp, note, reference, badge) in self.rows.items():
            contact = incident.other_bodies.get(body_id)
            requirement = obligations.body_requirement(
                incident, body_id, self.session.procedure.bodies[body_id].requirement)
            badge.setText(requirement)
            badge.setStyleSheet(self.BADGE[requirement])
            check.blockSignals(True)
            check.setChecked(bool(contact and contact.done))
            check.blockSignals(False)
            stamp.setText(self.tr("fait le %s") % clock.format_short(contact.done_at)
                          if contact and contact.done_at else "")
            if not note.hasFocus():
                note.setText(contact.note if contact else "")
            if not reference.hasFocus():
                reference.setText(contact.reference if contact else "")


class ClosurePanel(Panel):
    """What still prevents closing (the page's main button closes); reopen a closed incident."""

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems)
        row = QHBoxLayout()
        self.reopen_button = QPushButton(self.tr("&Rouvrir l'incident"))
        self.reopen_button.clicked.connect(self.reopen_incident)
        row.addWidget(self.reopen_button)
        row.addStretch(1)
        layout.addLayout(row)

    def set_read_only(self, read_only: bool) -> None:
        self.load()

    def reopen_incident(self) -> None:
        self.session.reopen()
        self.load()
        self.changed.emit()

    def load(self) -> None:
        closed = self.session.incident.status == "closed"
        self.reopen_button.setVisible(closed and not self.session.altered)
        if self.session.altered:
            self.problems.setText(self.tr("Incident en lecture seule : il a été modifié en dehors de "
                                          "l'application (voir l'alerte en haut de la page)."))
            self.problems.setStyleSheet("color: #8c0010;")
            return
        if closed:
            self.problems.setText(self.tr("Incident clôturé le %s. Il reste au registre.")
                                  % clock.format_datetime(self.session.incident.closed_at))
            self.problems.setStyleSheet("color: #0b5323;")
            return
        problems = self.session.closure_problems()
        if problems:
            self.problems.setText(self.tr("Avant de clôturer :") + "\n• " + "\n• ".join(problems))
            self.problems.setStyleSheet("color: #7a4a00;")
        else:
            self.problems.setText(self.tr("Tout est prêt : vous pouvez clôturer l'incident "
                                          "(bouton « Clôturer l'incident » en bas à droite)."))
            self.problems.setStyleSheet("color: #0b5323;")


class TimelinePanel(Panel):
    """The journal as a readable list, and the 72-hour picture with the actions on it."""

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        self.picture = DeadlinePicture()
        layout.addWidget(self.picture)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Date et heure (Paris)"),
                                              self.tr("Depuis la prise de connaissance"),
                                              self.tr("Action"), self.tr("Détail")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(1, 200)
        self.table.setColumnWidth(2, 260)
        layout.addWidget(self.table, 1)
        self.verification = QLabel()
        layout.addWidget(self.verification)
        self.load()

    def load(self) -> None:
        from ..documents.content import timeline

        entries = self.session.journal()
        rows = timeline(entries, self.session.incident.dates.awareness_at)
        self.table.setRowCount(len(rows))
        for row, line in enumerate(rows):
            for column, text in enumerate((line.at, line.since, line.action, line.detail)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        incident = self.session.incident
        self.picture.set_data(incident.dates.awareness_at, self.session.now(),
                              incident.first_notification_at(), [(e.at, e.action) for e in entries])
        check = self.session.storage.verify_journal(self.session.reference)
        self.verification.setText(check.message)
        self.verification.setStyleSheet("color: #0b5323;" if check.ok else ERROR_STYLE)
