"""The 'Méthode' page: how gravité, vraisemblance, risk and the recommendation are established.

Generated from the rules themselves (forms/risk.toml, forms/options.toml and
domain/decision.RAISING_RULES), so that it lists exactly what the code applies."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain.decision import RAISING_RULES, UNLIKELY_SENTENCE
from ..domain.model import OUTCOME_LABELS
from ..domain.procedure import (
    ENISA_CATEGORIES,
    HARM_LABELS,
    LEVEL_LABELS,
    LEVELS,
    RISK_LABELS,
    RISKS,
    Procedure,
    RiskQuestion,
)
from ..domain.risk import BAND_BOUNDS, BAND_LABELS, CNIL_SEVERITY, PROPOSAL_RULES, format_number, implied_proposals


def _options(question: RiskQuestion, value) -> str:
    items = []
    for o in question.options:
        extra = value(o)
        anchor = f" <i>({escape(o.anchor)})</i>" if o.anchor else ""
        items.append(f"<li>{escape(o.label)}{' — ' + escape(extra) if extra else ''}{anchor}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _severity_value(input_name: str):
    def value(o) -> str:
        if input_name == "dpc":
            return f"DPC {o.dpc}"
        if input_name == "ei":
            return f"EI {format_number((o.ei or 0) / 4)}"
        if input_name == "encrypted":
            return (QApplication.translate("MethodDialog", "indicateur « données inintelligibles »")
                    if o.unintelligible else "")
        return f"+ {format_number(o.cb / 4)}"
    return value


def _proposed_dpc(option) -> str:
    extra = option.extra
    if "dpc" in extra:
        return str(extra["dpc"])
    if "dpc_with_patients" in extra:
        return QApplication.translate(
            "MethodDialog", "%s si des patients ou des clients sont concernés") % extra["dpc_with_patients"]
    return QApplication.translate(
        "MethodDialog", "%s (score de base de sa catégorie)") % ENISA_CATEGORIES[extra["enisa"]]


def _band(band: str, low: float | None, high: float | None) -> str:
    """'à partir de 2 et en dessous de 3 : niveau ENISA moyen, gravité CNIL « limitée »'."""
    text = (QApplication.translate("MethodDialog", "à partir de %s") % format_number(low) if low is not None
            else QApplication.translate("MethodDialog", "dès 0,25"))
    if high is not None:
        text += QApplication.translate("MethodDialog", " et en dessous de %s") % format_number(high)
    return text + QApplication.translate("MethodDialog", " : niveau ENISA %s, gravité CNIL « %s »") % (
        BAND_LABELS[band], LEVEL_LABELS[CNIL_SEVERITY[band]])


def method_parts(procedure: Procedure) -> tuple[str, str]:
    """The method explained in French, generated from the rules: the plain part (what decides,
    the risk table, the rules) and the detail (the ENISA formula, the answers and their anchors,
    the sources), shown behind « Détail de la méthode »."""
    method = procedure.method
    severity = "".join(
        f"<li><b>{escape(q.question)}</b>{_options(q, _severity_value(q.input))}</li>"
        for q in procedure.risk_questions)
    bands = "".join(f"<li>{escape(_band(band, low, high))}</li>" for band, low, high in BAND_BOUNDS)
    dpc_notes = "".join(
        "<li>" + QApplication.translate("MethodDialog", "%s : DPC proposé %s — %s")
        % (escape(o.label), _proposed_dpc(o), escape(o.extra["dpc_note"])) + "</li>"
        for o in procedure.options["data_categories"].options if o.extra.get("dpc_note"))
    likelihood = "".join(
        f"<li><b>{escape(HARM_LABELS[q.harm])} — {escape(q.question)}</b>"
        + _options(q, lambda o: QApplication.translate("MethodDialog", "vraisemblance %s")
                   % LEVEL_LABELS[o.likelihood]) + "</li>"
        for q in method.questions)
    raises = ", ".join(f"« {LEVEL_LABELS[level]} »" for level in method.malicious_raises)
    header = "".join(f"<th>{LEVEL_LABELS[level]}</th>" for level in LEVELS)
    rows = "".join(
        f"<tr><th>{LEVEL_LABELS[sev]}</th>"
        + "".join(f"<td>{RISK_LABELS[method.risk_map[sev][lik]]}</td>" for lik in LEVELS) + "</tr>"
        for sev in LEVELS)
    outcomes = "".join(f"<li>{RISK_LABELS[risk].capitalize()} : {OUTCOME_LABELS[method.outcomes[risk]]}</li>"
                       for risk in RISKS)
    rules = "".join(
        "<li>" + QApplication.translate("MethodDialog", "%s <i>(source : %s)</i>")
        % (escape(rule.description), escape(procedure.sources[rule.source].title)) + "</li>"
        for rule in RAISING_RULES)
    proposal_rules = "".join(f"<li>{escape(text)}</li>" for text in PROPOSAL_RULES)
    implied = "".join(f"<tr><td>{escape(q1)} — {escape(a1)}</td><td>{escape(q2)} — {escape(a2)}</td></tr>"
                      for q1, a1, q2, a2 in implied_proposals(procedure))
    cited_ids = ["enisa-2013", "cnil-pia-gravite", "cnil-pia-risque", "edpb-01-2021", "edpb-9-2022",
                 "cnil-ovh", "cnil-notifier", "wp250-sante", "rgpd-34-3", "choix-risque"]
    cited = "".join(f"<li>{escape(s.title)}" + (f" — {escape(s.url)}" if s.url else "") + "</li>"
                    for key in cited_ids if (s := procedure.sources.get(key)))
    table = '<table border="1" cellspacing="0" cellpadding="4">'
    plain = [
        "<h2>" + QApplication.translate("MethodDialog", "Comment la décision est établie") + "</h2>",
        "<p>" + QApplication.translate(
            "MethodDialog",
            "Le RGPD demande d'apprécier un <b>risque</b> pour les personnes : la <b>gravité</b> des "
            "conséquences possibles et leur <b>vraisemblance</b>, c'est-à-dire la probabilité "
            "qu'elles arrivent (considérants 75 et 76).") + "</p>",
        "<ul>",
        "<li>" + QApplication.translate("MethodDialog",
                    "<b>Gravité</b> : ce que les données révèlent (des informations banales, ou l'état "
                    "de santé d'un patient), si l'on peut reconnaître les personnes, qui a pu les voir "
                    "ou si elles sont perdues, et si l'incident est un acte délibéré.") + "</li>",
        "<li>" + QApplication.translate("MethodDialog",
                    "<b>Vraisemblance</b>, pour chaque type de dommage (données vues par d'autres, "
                    "modifiées, indisponibles) : où sont les données aujourd'hui, quand elles seront "
                    "de nouveau disponibles, ce que l'incident a changé pour les patients.") + "</li>",
        "<li>" + QApplication.translate("MethodDialog",
                    "Les deux ensemble donnent le <b>risque</b> (tableau ci-dessous), et le risque "
                    "donne la décision : inscription au registre seul, notification à la CNIL, ou "
                    "notification et information des personnes.") + "</li>",
        "<li>" + QApplication.translate("MethodDialog",
                    "Quelques règles, chacune avec sa source, ne peuvent que relever la décision ; "
                    "« Je ne sais pas » ou une question sans réponse est un doute : en cas de doute, "
                    "notifiez à la CNIL.") + "</li>",
        "</ul>",
        "<h3>" + QApplication.translate(
            "MethodDialog", "Le risque et ce qu'il impose (choix d'Incident Wizard)") + "</h3>",
        "<p>" + QApplication.translate(
            "MethodDialog",
            "Risque d'un dommage selon sa gravité (lignes) et sa vraisemblance (colonnes). Le risque "
            "global est celui du dommage le plus exposé.") + "</p>",
        table + "<tr><th>" + QApplication.translate("MethodDialog", "Gravité \\ vraisemblance")
        + f"</th>{header}</tr>{rows}</table>",
        f"<ul>{outcomes}</ul>",
        "<p>" + QApplication.translate(
            "MethodDialog",
            "Une inscription au registre seul est une décision motivée : le registre garde la gravité, "
            "la vraisemblance de chaque dommage, les réponses et la mention « %s » avec les faits qui la "
            "justifient (article 33, paragraphe 5).") % escape(UNLIKELY_SENTENCE) + "</p>",
        "<h3>" + QApplication.translate("MethodDialog", "Règles qui ne peuvent que relever la décision") + "</h3>",
        f"<ul>{rules}</ul>",
        "<h3>" + QApplication.translate("MethodDialog", "S'écarter de la recommandation") + "</h3>",
        "<p>" + QApplication.translate(
            "MethodDialog",
            "Vous pouvez choisir une autre décision que celle recommandée par Incident Wizard : la "
            "justification écrite est alors obligatoire et figure au registre et au journal. C'est un "
            "choix d'Incident Wizard ; la méthode ENISA (§4.1.1) ne prévoit, elle, qu'une correction "
            "argumentée du niveau de gravité et du DPC.") + "</p>",
    ]
    detail = [
        "<h2>" + QApplication.translate("MethodDialog", "Détail de la méthode") + "</h2>",
        "<h3>" + QApplication.translate("MethodDialog", "1. Gravité : la méthode de l'ENISA") + "</h3>",
        "<p>" + QApplication.translate(
            "MethodDialog",
            "ENISA, <i>Recommendations for a methodology of the assessment of severity of personal data "
            "breaches</i>, document de travail v1.0, décembre 2013. © ENISA, 2013 ; reproduction "
            "autorisée avec mention de la source. <b>Gravité = DPC × EI + CB</b> : DPC, contexte du "
            "traitement (1 à 4, la catégorie la plus sensible l'emporte) ; EI, facilité d'identification "
            "(0,25 à 1) ; CB, circonstances additionnées. Le calcul est exact (par quarts de point). "
            "L'ENISA ne mesure que la gravité et ne fixe aucun seuil de notification.") + "</p>",
        f"<ul>{bands}</ul>",
        "<p>" + QApplication.translate("MethodDialog", "Les questions et leur valeur :") + f"</p><ul>{severity}</ul>",
        "<p>" + QApplication.translate(
            "MethodDialog",
            "Contexte d'une pharmacie (ENISA, annexe 1, A2 et A3) — DPC proposé d'après les catégories "
            "de données ; toute réponse différente doit être justifiée (ENISA §3.1.1) :")
        + f"</p><ul>{dpc_notes}</ul>",
        "<h3>" + QApplication.translate("MethodDialog", "Réponses proposées") + "</h3>",
        f"<ul>{proposal_rules}</ul>",
        table + "<tr><th>" + QApplication.translate("MethodDialog", "Votre réponse de gravité")
        + "</th><th>" + QApplication.translate("MethodDialog", "Réponse de vraisemblance proposée")
        + f"</th></tr>{implied}</table>",
        "<h3>" + QApplication.translate("MethodDialog", "2. Vraisemblance, par type de dommage") + "</h3>",
        "<p>" + QApplication.translate(
            "MethodDialog",
            "Sur l'échelle de la CNIL (négligeable, limitée, importante, maximale), pour chaque type de "
            "dommage que la violation comporte. Quand un dommage a plusieurs questions, la réponse la "
            "plus défavorable l'emporte. « Je ne sais pas » et une question sans réponse comptent comme "
            "le cas le plus défavorable, et sont un doute.") + "</p>",
        f"<ul>{likelihood}</ul>",
        "<ul>",
        "<li>" + QApplication.translate(
            "MethodDialog",
            "Acte malveillant ou intention inconnue : la vraisemblance de la confidentialité est relevée "
            "d'un niveau quand elle est %s (choix d'Incident Wizard, sur le critère de l'ENISA).") % raises
        + "</li>",
        "<li>" + QApplication.translate(
            "MethodDialog",
            "Chiffrement robuste, clé non compromise : la vraisemblance de la <b>confidentialité</b> "
            "devient négligeable (article 34, paragraphe 3, point a). Il ne change rien à la "
            "disponibilité ni à l'intégrité : des données chiffrées mais perdues ou bloquées restent un "
            "dommage.") + "</li>",
        "</ul>",
        "<h3>" + QApplication.translate("MethodDialog", "Sources") + f"</h3><ul>{cited}</ul>",
    ]
    return "\n" + "\n".join(plain) + "\n", "\n" + "\n".join(detail) + "\n"


def method_html(procedure: Procedure) -> str:
    """The whole method in French, plain part first, then its detail."""
    plain, detail = method_parts(procedure)
    return plain + detail


class MethodDialog(QDialog):
    """The Méthode page: the decision method generated from forms/ and its sources."""
    def __init__(self, procedure: Procedure, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Méthode d'évaluation"))
        self.resize(820, 680)
        layout = QVBoxLayout(self)
        plain, detail = method_parts(procedure)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(plain)
        layout.addWidget(self.browser, 2)
        self.detail_button = QPushButton(self.tr("Détail de la méthode (ENISA, réponses et sources) ▸"))
        self.detail_button.setCheckable(True)
        layout.addWidget(self.detail_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(False)
        self.detail.setHtml(detail)
        self.detail.setVisible(False)
        layout.addWidget(self.detail, 3)
        self.detail_button.toggled.connect(self.detail.setVisible)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
