"""The risk and decision panels: gravité and vraisemblance questions, the proposed outcome, the
decision with its reasons."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...application.session import IncidentSession
from ...domain import clock
from ...domain.decision import decision_outdated
from ...domain.errors import IncidentWizardError
from ...domain.model import (
    OUTCOME_LABELS,
    OUTCOMES,
)
from ...domain.procedure import HARM_LABELS, LEVEL_LABELS, RISK_LABELS
from ...domain.risk import FLAG_LABELS, format_number
from .. import style
from ..fields import (
    help_label,
)
from ..guard import TextGuard
from .base import Panel, WrappingRadio


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
        style.set_role(self.result, style.RESULT_BOX)
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
        self.justification.setObjectName("risk-justification")
        self.justification.setTabChangesFocus(True)
        self.justification.setMaximumHeight(80)
        self.justification.textChanged.connect(self._justified)
        layout.addWidget(self.justification_label)
        layout.addWidget(self.justification)
        self.justification_guard = TextGuard(self.justification, session)
        layout.addWidget(self.justification_guard)

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

    # Marked for lupdate here, translated where shown (load).
    CRITERIA = {"dpc": QT_TRANSLATE_NOOP("RiskPanel", "Nature des données (DPC)"),
                "ei": QT_TRANSLATE_NOOP("RiskPanel", "Facilité d'identification (EI)"),
                "confidentiality": QT_TRANSLATE_NOOP("RiskPanel", "Confidentialité (CB)"),
                "integrity": QT_TRANSLATE_NOOP("RiskPanel", "Intégrité (CB)"),
                "availability": QT_TRANSLATE_NOOP("RiskPanel", "Disponibilité (CB)"),
                "malicious": QT_TRANSLATE_NOOP("RiskPanel", "Intention malveillante (CB)"),
                "encrypted": QT_TRANSLATE_NOOP("RiskPanel", "Chiffrement (indicateur)")}

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
            self.tr("<p style='font-size:13pt'><b>Gravité : %s</b> (%s × %s + %s) — niveau <b>%s</b>, "
                    "gravité CNIL « %s »</p>")
            % (format_number(result.score), result.dpc, format_number(result.ei),
               format_number(result.cb), result.band_label, result.cnil_severity_label)
            + self.tr("<p><b>Vraisemblance</b> : %s</p>") % likelihoods
            + self.tr("<p><b>Risque</b> : %s — recommandation : <b>%s</b></p>")
            % (result.risk_label, result.outcome_label)
            + (self.tr("<p>Indicateurs :</p>") + f"<ul>{flags}</ul>" if flags else ""))
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
            value = (self.tr("oui") if contribution.value else "—") if contribution.input == "encrypted" else (
                format_number(contribution.value) if contribution.input in ("dpc", "ei")
                else f"+ {format_number(contribution.value)}")
            if contribution.input == "encrypted":
                value = self.tr("inintelligibles") if "data_unintelligible" in result.flags else "—"
            criterion = QApplication.translate("RiskPanel", self.CRITERIA[contribution.input])
            for column, text in enumerate((criterion, contribution.answer, value)):
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
        from ..method_dialog import MethodDialog

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
        self.justification_guard = TextGuard(self.justification, session)
        box_layout.addWidget(self.justification_guard)
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
            style.set_role(self.status, style.ERROR)
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
                self.tr("<p style='font-size:13pt'>Recommandation : <b>%s</b></p>")
                % OUTCOME_LABELS[decision.recommended]
                + self.tr("<p>Raisons retenues lors de la décision (elles figurent au registre) :</p>")
                + f"<ul>{kept}</ul>")
        else:
            reasons = "".join(f"<li>{escape(r.text)}</li>" for r in result.reasons)
            self.recommendation.setText(
                self.tr("<p style='font-size:13pt'>Recommandation : <b>%s</b></p>") % result.outcome_label
                + self.tr("<p>Gravité « %s », risque : %s.</p>") % (result.cnil_severity_label,
                                                                   result.risk_label)
                + self.tr("<p>Pourquoi :</p>") + f"<ul>{reasons}</ul>")
        outcome = decision.outcome or result.outcome
        self.buttons[outcome].setChecked(True)
        if outdated == "method":
            self.justification.setPlainText(decision.justification)
            style.set_role(self.status, style.ALERT)
            self.status.setText(self.tr(
                "Cette décision du %s a été prise avec l'ancienne méthode (gravité seule). La méthode "
                "actuelle (gravité et vraisemblance) recommande « %s » : vérifiez et enregistrez à "
                "nouveau la décision.") % (clock.format_datetime(decision.decided_at),
                                           OUTCOME_LABELS[result.outcome]))
        elif outdated:
            self.justification.setPlainText(decision.justification)
            style.set_role(self.status, style.ALERT)
            self.status.setText(self.tr(
                "Les réponses ont changé depuis votre décision du %s : la recommandation est "
                "maintenant « %s » (elle était « %s »). Vérifiez et enregistrez à nouveau la "
                "décision.") % (clock.format_datetime(decision.decided_at),
                                 OUTCOME_LABELS[result.outcome], OUTCOME_LABELS[decision.recommended]))
        elif decision.outcome:
            self.justification.setPlainText(decision.justification)
            style.set_role(self.status, style.SUCCESS)
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
