"""The 'Méthode' page: how severity and the recommendation are computed, with attribution."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..domain.procedure import Procedure


def method_html(procedure: Procedure) -> str:
    """The method explained in French (also used for documents)."""
    sources = procedure.sources
    questions = "".join(
        f"<li><b>{escape(q.question)}</b><ul>"
        + "".join(f"<li>{escape(o.label)} <i>({escape(o.anchor)})</i></li>" if o.anchor
                  else f"<li>{escape(o.label)}</li>" for o in q.options)
        + "</ul></li>" for q in procedure.risk_questions)
    cited = "".join(f"<li>{escape(s.title)}" + (f" — {escape(s.url)}" if s.url else "") + "</li>"
                    for key, s in sources.items() if key in ("enisa-2013", "cnil-pia-gravite",
                                                             "cnil-notifier", "wp250-sante",
                                                             "rgpd-34-3", "choix-decision"))
    return f"""
<h2>Comment la gravité est calculée</h2>
<p>Incident Wizard applique la méthode de l'ENISA (Agence de l'Union européenne pour la
cybersécurité) : <i>Recommendations for a methodology of the assessment of severity of personal
data breaches</i>, document de travail v1.0, décembre 2013. © ENISA, 2013 ; reproduction autorisée
avec mention de la source. Les échelles de gravité de la CNIL viennent de sa méthode d'analyse
d'impact (PIA).</p>
<p><b>Gravité = DPC × EI + CB</b></p>
<ul>
<li><b>DPC</b>, contexte du traitement des données (1 à 4) : données simples 1, comportementales 2,
financières 3, sensibles (santé) 4 ; la catégorie la plus sensible l'emporte, et le score peut être
ajusté selon le contexte (toute différence avec le score proposé doit être justifiée).</li>
<li><b>EI</b>, facilité d'identification (0,25 ; 0,5 ; 0,75 ; 1) : elle corrige le DPC.</li>
<li><b>CB</b>, circonstances (additionnées) : perte de confidentialité (0 à 0,5), d'intégrité
(0 à 0,5), de disponibilité (0 à 0,5), intention malveillante (+0,5).</li>
</ul>
<p>Niveaux : <b>faible</b> en dessous de 2 (gravité CNIL « négligeable ») ; <b>moyen</b> de 2 à
moins de 3 (« limitée ») ; <b>élevé</b> de 3 à moins de 4 (« importante ») ; <b>très élevé</b> à
partir de 4 (« maximale »). Le calcul est exact (par quarts de point).</p>
<p>Indicateurs, sans effet sur le score : plus de 100 personnes concernées ; données
inintelligibles (chiffrement robuste, clé non compromise).</p>
<h3>Les questions et leur valeur dans la méthode</h3>
<ul>{questions}</ul>
<p>« Je ne sais pas » et une question sans réponse comptent comme le cas le plus défavorable
(choix d'Incident Wizard, pour ne jamais sous-estimer un risque).</p>
<h3>De la gravité à la décision (choix d'Incident Wizard)</h3>
<p>L'ENISA ne fixe pas de seuil de notification : la correspondance ci-dessous est un choix
d'Incident Wizard, prudent, que vous pouvez écarter en écrivant pourquoi.</p>
<ul>
<li>Niveau faible : inscription au registre interne, avec la raison écrite.</li>
<li>Niveau moyen : notification à la CNIL dans les 72 heures.</li>
<li>Niveau élevé ou très élevé : notification à la CNIL et information des personnes.</li>
</ul>
<p>Des règles ne peuvent que <b>relever</b> la décision au moins jusqu'à la notification à la
CNIL : acte malveillant (ou intention inconnue) avec divulgation possible ; données de santé vues
par des personnes inconnues ou non tenues au secret (le CEPD considère qu'un dommage est alors
probable) ; personnes mineures ou vulnérables ; doute (« En cas de doute, notifiez à la CNIL qui
vous indiquera s'il est nécessaire d'informer les personnes », CNIL).</p>
<p>Seule exception vers le bas : des données inintelligibles (chiffrement robuste, clé non
compromise) sans atteinte à leur disponibilité ni à leur intégrité conduisent à l'inscription au
registre ; si la disponibilité ou l'intégrité est atteinte, la CNIL est notifiée mais l'information
des personnes n'est pas nécessaire (article 34, paragraphe 3, point a).</p>
<p>Vous pouvez choisir une autre décision que la recommandation : la justification est alors
obligatoire et figure au registre et au journal (la méthode ENISA prévoit ce libre argumentaire).</p>
<h3>Sources</h3><ul>{cited}</ul>
"""


class MethodDialog(QDialog):
    def __init__(self, procedure: Procedure, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Méthode d'évaluation"))
        self.resize(780, 640)
        layout = QVBoxLayout(self)
        browser = QTextBrowser()
        browser.setOpenExternalLinks(False)
        browser.setHtml(method_html(procedure))
        layout.addWidget(browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
