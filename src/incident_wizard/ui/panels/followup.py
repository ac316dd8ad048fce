"""Prevention and follow-up: the proposals of the incident's situation (retain, adapt, set
aside with a reason) and the follow-up actions (owner, due day, done day, evidence). The rules
live in domain.followup; this panel shows them and calls the session."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...application.session import IncidentSession
from ...domain import followup
from ...domain.errors import IncidentWizardError
from ...domain.model import ACTION_PREVENTIVE, FollowUpAction
from .. import style
from ..guard import ask_text
from .action_dialog import ActionDialog
from .base import Panel


def _short_source(title: str) -> str:
    """A source's title up to its first explanation (' : ', ' ('), quotes kept balanced."""
    for mark in (" : ", " (", ", d'après"):
        title = title.split(mark)[0]
    return title + (" »" if title.count("«") > title.count("»") else "")


def _quoted(text: str) -> str:
    """A typed title inside a dialog's sentence: short, and never read as markup."""
    text = " ".join(text.split())
    text = text[:120] + ("…" if len(text) > 120 else "")
    return text.replace("<", "‹").replace(">", "›").replace("&", "＆")





class FollowUpPanel(Panel):
    """The proposals of the situation and the follow-up actions; usable on a closed incident
    (actions are done after closure), not on one altered outside the app."""

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.proposals_box = QGroupBox(self.tr("Propositions recommandées pour cette situation"))
        box_layout = QVBoxLayout(self.proposals_box)
        self.proposals_layout = QVBoxLayout()
        box_layout.addLayout(self.proposals_layout)
        rest = QHBoxLayout()
        self.dismiss_rest_button = self.action_button(
            self.tr("Écarter toutes les propositions restantes…"), "proposals-dismiss-rest",
            self.dismiss_rest)
        self.dismiss_rest_button.setToolTip(self.tr(
            "Une seule raison pour toutes les propositions encore à examiner (ex. : « déjà en "
            "place »). Chacune reste au registre avec cette raison."))
        rest.addStretch(1)
        rest.addWidget(self.dismiss_rest_button)
        box_layout.addLayout(rest)
        layout.addWidget(self.proposals_box)

        actions_box = QGroupBox(self.tr("Actions de suivi"))
        actions_layout = QVBoxLayout(actions_box)
        self.summary = QLabel()
        self.summary.setObjectName("actions-summary")
        self.summary.setWordWrap(True)
        actions_layout.addWidget(self.summary)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("actions-table")
        self.table.setHorizontalHeaderLabels([
            self.tr("N°"), self.tr("Action"), self.tr("Type"), self.tr("Responsable"),
            self.tr("Échéance"), self.tr("Faite le"), self.tr("État")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(1, self.table.horizontalHeader().ResizeMode.Stretch)
        for column, width in ((0, 40), (2, 90), (3, 160), (4, 90), (5, 90), (6, 90)):
            self.table.setColumnWidth(column, width)
        self.table.setWordWrap(True)
        self.table.setMinimumHeight(140)
        self.table.doubleClicked.connect(lambda _: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        actions_layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = self.action_button(self.tr("&Ajouter une action…"), "action-add", self.add_action)
        self.edit_button = self.action_button(self.tr("&Modifier…"), "action-edit", self.edit_selected)
        self.done_button = self.action_button(self.tr("Marquer comme &faite…"), "action-done",
                                              self.mark_done)
        self.remove_button = self.action_button(self.tr("Supprimer…"), "action-remove",
                                                self.remove_selected)
        for button in (self.add_button, self.edit_button, self.done_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        actions_layout.addLayout(row)
        layout.addWidget(actions_box)
        self.load()

    # --- display ----------------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not self.session.altered)
        self.load()

    def load(self, refocus: bool = False) -> None:
        self._load_proposals(refocus)
        self._load_actions()

    def _load_proposals(self, refocus: bool = False) -> None:
        incident = self.session.incident
        states = followup.proposals_for(incident, self.session.procedure)
        key = (incident.scenario, tuple((s.proposal.id, s.state, s.action.id if s.action else "",
                                         s.dismissal.reason if s.dismissal else "") for s in states))
        if key == getattr(self, "_shown", None):
            return  # unchanged: rebuilding would take the keyboard focus away
        self._shown = key
        while self.proposals_layout.count():
            item = self.proposals_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:  # out of the focus chain now, deleted later
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        if not incident.scenario:
            note = QLabel(self.tr("Choisissez d'abord la situation (étape Premiers réflexes) : les "
                                  "propositions en dépendent. Vous pouvez déjà ajouter vos actions."))
            note.setWordWrap(True)
            self.proposals_layout.addWidget(note)
        for state in states:
            self.proposals_layout.addWidget(self._proposal_row(state))
        self.dismiss_rest_button.setVisible(
            sum(1 for state in states if state.state == followup.PENDING) >= 2)
        if refocus:  # the pressed button was rebuilt: keep the keyboard user in the list
            buttons = [b for b in self.proposals_box.findChildren(QPushButton)
                       if b.objectName().startswith("proposal-")]
            (buttons[0] if buttons else self.add_button).setFocus()

    def _proposal_row(self, state: followup.ProposalState) -> QWidget:
        proposal = state.proposal
        frame = QFrame()
        frame.setObjectName(f"proposal-{proposal.id}")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(frame)
        text = QVBoxLayout()
        known = self.session.procedure.sources
        sources = " ; ".join(_short_source(known[s].title)
                             + (self.tr(" (à vérifier)") if known[s].status == "non-verifie" else "")
                             for s in proposal.sources)
        title = QLabel(f"<b>{escape(proposal.title)}</b>")
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setWordWrap(True)
        title.setToolTip(" ; ".join(self.session.procedure.sources[s].title for s in proposal.sources))
        text.addWidget(title)
        pending = state.state == followup.PENDING  # a decided proposal takes one line or two
        if proposal.detail and pending:
            detail = QLabel(proposal.detail)
            detail.setTextFormat(Qt.TextFormat.PlainText)
            detail.setWordWrap(True)
            style.set_role(detail, style.DETAIL)
            text.addWidget(detail)
        if pending:
            where = QLabel(self.tr("Recommandé — sources : %s") % sources)
            where.setTextFormat(Qt.TextFormat.PlainText)
            where.setWordWrap(True)
            style.set_role(where, style.FINE_PRINT)
            text.addWidget(where)
        status = QLabel()
        status.setTextFormat(Qt.TextFormat.PlainText)
        status.setObjectName(f"proposal-state-{proposal.id}")
        status.setWordWrap(True)
        text.addWidget(status)
        layout.addLayout(text, 1)
        buttons = QVBoxLayout()
        if state.state == followup.CHOSEN:
            late = followup.state(state.action, followup.today(self.session.now())) == followup.OVERDUE
            status.setText(self.tr("Retenue : action %s (en retard)") % state.action.id if late
                           else self.tr("Retenue : action %s") % state.action.id)
            style.set_role(status, style.ALERT if late else style.SUCCESS)
        elif state.state == followup.DISMISSED:
            status.setText(self.tr("Écartée : %s") % state.dismissal.reason)
            style.set_role(status, style.DISMISSED)
            buttons.addWidget(self.action_button(self.tr("Reconsidérer"), f"proposal-reconsider-{proposal.id}",
                                           lambda: self._reconsider(proposal.id)))
        else:
            status.setText(self.tr("À examiner : retenez-la (vous en fixez le responsable et "
                                   "l'échéance) ou écartez-la en disant pourquoi."))
            style.set_role(status, style.CAUTION)
            buttons.addWidget(self.action_button(self.tr("Retenir…"), f"proposal-choose-{proposal.id}",
                                           lambda: self._choose(proposal)))
            buttons.addWidget(self.action_button(self.tr("Écarter…"), f"proposal-dismiss-{proposal.id}",
                                           lambda: self._dismiss(proposal)))
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return frame

    def _load_actions(self) -> None:
        incident = self.session.incident
        on = followup.today(self.session.now())
        self.table.setRowCount(len(incident.actions))
        labels = {followup.DONE: self.tr("faite"), followup.OVERDUE: self.tr("en retard"),
                  followup.OPEN: self.tr("à faire"), followup.UNPLANNED: self.tr("à planifier")}
        for row, action in enumerate(incident.actions):
            state = followup.state(action, on)
            kind = self.tr("Préventive") if action.kind == ACTION_PREVENTIVE else self.tr("Corrective")
            texts = (action.id, action.title, kind, action.owner, followup.show_day(action.due),
                     followup.show_day(action.done_on), labels[state])
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, action.id)
                if column == 1 and action.evidence:
                    item.setToolTip(self.tr("Preuve : %s") % action.evidence)
                self.table.setItem(row, column, item)
            self.table.item(row, 6).setForeground(Qt.GlobalColor.darkRed if state == followup.OVERDUE
                                                  else Qt.GlobalColor.black)
        self.table.resizeRowsToContents()
        rows_height = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setMinimumHeight(min(420, max(140, rows_height + self.table.horizontalHeader().height() + 8)))
        opened = followup.open_actions(incident)
        late = followup.overdue_actions(incident, on)
        if not incident.actions:
            self.summary.setText(self.tr("Aucune action de suivi pour l'instant."))
            style.set_role(self.summary, "")
        else:
            text = self.tr("%n action(s), dont %1 encore ouverte(s)", "", len(incident.actions)).replace(
                "%1", str(len(opened)))
            if late:
                text += self.tr(" ; %n en retard", "", len(late))
            self.summary.setText(text + ".")
            style.set_role(self.summary, style.ALERT if late else "")
        self._selection_changed()

    def _selection_changed(self) -> None:
        action = self.selected_action()
        self.edit_button.setEnabled(action is not None)
        self.done_button.setEnabled(action is not None and not action.done_on)
        self.remove_button.setEnabled(action is not None and not action.done_on)

    def selected_action(self) -> FollowUpAction | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        action_id = self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((a for a in self.session.incident.actions if a.id == action_id), None)

    # --- actions ------------------------------------------------------------------------------------

    def _run(self, dialog: ActionDialog, refocus: bool = False) -> None:
        if dialog.exec():
            self.load(refocus)
            self.changed.emit()

    def add_action(self) -> None:
        self._run(ActionDialog(self.session, parent=self))

    def _choose(self, proposal) -> None:  # noqa: ANN001 - a Proposal
        self._run(ActionDialog(self.session, proposal=proposal, parent=self), refocus=True)

    def edit_selected(self) -> None:
        action = self.selected_action()
        if action is not None:
            self._run(ActionDialog(self.session, action, parent=self))

    def mark_done(self) -> None:
        """The action's dialog, on its "Faite le" line (today proposed) and its evidence."""
        action = self.selected_action()
        if action is None:
            return
        dialog = ActionDialog(self.session, action, parent=self)
        if not dialog.done_on.text():
            dialog.done_on.setText(followup.show_day(followup.today(self.session.now()).isoformat()))
        dialog.evidence.setFocus()
        self._run(dialog)

    def _dismiss(self, proposal) -> None:  # noqa: ANN001 - a Proposal
        reason, ok = ask_text(
            self, self.session, self.tr("Écarter la proposition"),
            self.tr("Pourquoi écarter « %s » ? (ex. : déjà en place, sans objet ici)\n"
                    "Le motif figure au registre.") % _quoted(proposal.title))
        if not ok:
            return
        try:
            self.session.followup.dismiss_proposal(proposal.id, reason)
        except IncidentWizardError as error:
            self.warn(error)
            return
        self.load(refocus=True)
        self.changed.emit()

    def dismiss_rest(self) -> None:
        pending = followup.pending_proposals(self.session.incident, self.session.procedure)
        if not pending:
            return
        reason, ok = ask_text(
            self, self.session, self.tr("Écarter les propositions restantes"),
            self.tr("Pourquoi écarter les %n proposition(s) restante(s) ? (ex. : déjà en place, "
                    "sans objet ici)\nLe motif figure au registre pour chacune.", "", len(pending)))
        if not ok:
            return
        try:
            self.session.followup.dismiss_proposals([p.proposal.id for p in pending], reason)
        except IncidentWizardError as error:
            self.warn(error)
            return
        self.load(refocus=True)
        self.changed.emit()

    def _reconsider(self, proposal_id: str) -> None:
        try:
            self.session.followup.reconsider_proposal(proposal_id)
        except IncidentWizardError as error:
            self.warn(error)
            return
        self.load(refocus=True)
        self.changed.emit()

    def remove_selected(self) -> None:
        action = self.selected_action()
        if action is None:
            return
        reason, ok = ask_text(
            self, self.session, self.tr("Supprimer l'action"),
            self.tr("Pourquoi supprimer « %s » ? (ex. : créée par erreur, en double)\n"
                    "Elle reste dans le journal.") % _quoted(action.title))
        if not ok:
            return
        try:
            self.session.followup.remove_action(action.id, reason)
        except IncidentWizardError as error:
            self.warn(error)
            return
        self.load()
        self.changed.emit()
