<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="50"/>
        <source>Dossier où écrire les documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="60"/>
        <source>Documents non écrits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="61"/>
        <source>Les documents n&apos;ont pas pu être écrits : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="63"/>
        <source>Documents prêts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../src/incident_wizard/ui/app.py" line="53"/>
        <source>Données inaccessibles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/app.py" line="64"/>
        <source>Erreur inattendue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/app.py" line="65"/>
        <source>Une erreur inattendue s&apos;est produite (%s). Vos saisies confirmées sont enregistrées. Si le problème se reproduit, transmettez le journal technique (%s) à votre prestataire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/app.py" line="82"/>
        <source>Déjà ouvert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/app.py" line="83"/>
        <source>Incident Wizard est déjà ouvert avec ces données (%s). Utilisez la fenêtre déjà ouverte : deux fenêtres sur les mêmes incidents pourraient se contredire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/app.py" line="101"/>
        <source>Procédure illisible</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BodiesPanel</name>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="638"/>
        <source>Note (interlocuteur, numéro de plainte...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="669"/>
        <source>fait le %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClosurePanel</name>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="686"/>
        <source>&amp;Rouvrir l&apos;incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="704"/>
        <source>Incident clôturé le %s. Il reste au registre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="710"/>
        <source>Avant de clôturer :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="713"/>
        <source>Tout est prêt : vous pouvez clôturer l&apos;incident (bouton « Clôturer l&apos;incident » en bas à droite).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactFields</name>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="23"/>
        <source>Nom et prénom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="24"/>
        <source>Fonction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="25"/>
        <source>Courriel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="26"/>
        <source>Téléphone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CopySheetDialog</name>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="72"/>
        <source>Fiche de saisie pour le site de la CNIL — %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="78"/>
        <source>Ouvrez le formulaire de notification sur le site de la CNIL, puis copiez chaque rubrique ci-dessous dans la rubrique correspondante.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="95"/>
        <source>Non renseigné</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="100"/>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="118"/>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="119"/>
        <source>Copier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="102"/>
        <source>Copier : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="120"/>
        <source>Copié ✓</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateTimeInput</name>
    <message>
        <location filename="../../src/incident_wizard/ui/fields.py" line="67"/>
        <source>non renseignée</source>
        <extracomment>Typed text is saved this long after the last keystroke (and at once when leaving the field).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/fields.py" line="76"/>
        <source>Maintenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/fields.py" line="78"/>
        <source>Effacer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeadlineBanner</name>
    <message>
        <location filename="../../src/incident_wizard/ui/deadline.py" line="49"/>
        <source>Délai de notification</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeadlinePicture</name>
    <message>
        <location filename="../../src/incident_wizard/ui/deadline.py" line="86"/>
        <source>La frise apparaîtra une fois la prise de connaissance datée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/deadline.py" line="122"/>
        <source>échéance 72 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/deadline.py" line="132"/>
        <source>notification CNIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/deadline.py" line="137"/>
        <source>maintenant</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="341"/>
        <source>Votre décision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="358"/>
        <source>Justification (obligatoire si vous vous écartez de la recommandation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="362"/>
        <source>&amp;Enregistrer la décision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="382"/>
        <source>Vous vous écartez de la recommandation : la justification est obligatoire et figurera au registre et au journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="410"/>
        <source>Les réponses ont changé depuis votre décision du %s : la recommandation est maintenant « %s » (elle était « %s »). Vérifiez et enregistrez à nouveau la décision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="417"/>
        <source>Décision enregistrée le %s : %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="36"/>
        <source>%s fichier(s) écrit(s) dans %s :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="200"/>
        <source>Modèles de documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="201"/>
        <source>Les modèles sont dans :
%s

Modifiez-les avec un éditeur de texte ; l&apos;application les utilise à la place des modèles intégrés. Un modèle invalide est signalé et le modèle intégré est utilisé. Supprimez un fichier pour revenir au modèle intégré.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../../src/incident_wizard/ui/fields.py" line="164"/>
        <source>nombre approximatif</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/fields.py" line="187"/>
        <source>— choisir —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/fields.py" line="224"/>
        <source>« %s » : indiquez un nombre entier (approximatif si besoin).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="57"/>
        <source>(sans intitulé)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="62"/>
        <source>Prise de connaissance à renseigner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="64"/>
        <source>Registre uniquement : pas de notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="114"/>
        <source>Violations de données personnelles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="118"/>
        <source>Voir un &amp;exemple</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="119"/>
        <source>Ouvre, en lecture seule, un incident d&apos;exemple terminé (rançongiciel) et ses documents, sans toucher à votre registre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="123"/>
        <source>&amp;Registre…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="126"/>
        <source>&amp;Nouvel incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="138"/>
        <source>Filtrer par référence ou intitulé…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="141"/>
        <source>Tous les incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="141"/>
        <source>En cours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="142"/>
        <source>Clôturés</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="174"/>
        <source>Double-cliquez sur un incident (ou Entrée) pour le reprendre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="177"/>
        <source>Aucun incident enregistré. En cas de fuite, de perte ou de blocage de données personnelles (rançongiciel, vol d&apos;ordinateur, erreur d&apos;envoi...), cliquez sur « Nouvel incident » : le délai de 72 heures pour notifier la CNIL court à partir du moment où vous en avez eu connaissance. Pour découvrir l&apos;application, « Voir un exemple » ouvre un incident terminé, sans toucher à votre registre.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncidentPage</name>
    <message>
        <location filename="../../src/incident_wizard/ui/incident_page.py" line="128"/>
        <source>← &amp;Incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/incident_page.py" line="143"/>
        <source>Étapes de la procédure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/incident_page.py" line="148"/>
        <source>Chronologie et journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/incident_page.py" line="170"/>
        <source>◀ &amp;Précédent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/incident_page.py" line="172"/>
        <location filename="../../src/incident_wizard/ui/incident_page.py" line="293"/>
        <source>Étape &amp;terminée, continuer ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/incident_page.py" line="174"/>
        <source>Raccourci : Ctrl+Entrée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/incident_page.py" line="175"/>
        <source>Raccourci : Alt+Flèche gauche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/incident_page.py" line="271"/>
        <source> — clôturé</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/incident_page.py" line="281"/>
        <source>Étape terminée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/incident_page.py" line="281"/>
        <source>Étape à faire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/incident_page.py" line="289"/>
        <source>Étape &amp;suivante ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/incident_page.py" line="292"/>
        <source>&amp;Clôturer l&apos;incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/incident_page.py" line="301"/>
        <source>Saisie refusée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/incident_page.py" line="302"/>
        <source>La valeur de « %s » n&apos;a pas été enregistrée : %s

Quitter quand même ?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InformationPanel</name>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="585"/>
        <source>Préparer le &amp;courrier, le courriel, le SMS et l&apos;affiche…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="597"/>
        <source>Décision : informer les personnes, sans délai, en termes clairs et simples. Le courrier préparé contient les éléments exigés : nature de la violation, contact, conséquences probables, mesures prises et conseils. Il ne répète aucune donnée de santé.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="602"/>
        <source>Décision : pas d&apos;information obligatoire des personnes. Vous pouvez tout de même les informer ; sinon indiquez le motif ci-dessous.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="605"/>
        <source>La décision n&apos;est pas encore prise (étape Décision).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="202"/>
        <source>Incident Wizard — violations de données</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="216"/>
        <source>&amp;Pharmacie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="217"/>
        <source>Profil de la &amp;pharmacie…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="220"/>
        <source>&amp;Registre des violations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="223"/>
        <source>&amp;Sauvegarder les données…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="226"/>
        <source>&amp;Modèles de documents…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="229"/>
        <source>&amp;Quitter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="234"/>
        <source>Personne qui saisit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="237"/>
        <source>  Personne qui saisit : </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="239"/>
        <source>votre nom (pour le journal des actions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="250"/>
        <source>&amp;Aide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="251"/>
        <source>&amp;Méthode d&apos;évaluation du risque…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="254"/>
        <source>À &amp;propos d&apos;Incident Wizard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="291"/>
        <source>Exemple (lecture seule) — %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="295"/>
        <source>Exemple en lecture seule : ces données sont fictives et ne figurent pas dans votre registre. Parcourez les étapes, la chronologie et les documents (étape 7).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="325"/>
        <source>Incident Wizard %s

Gestion des violations de données personnelles à la pharmacie d&apos;officine (RGPD, articles 33 et 34).

Données : %s
Journal technique : %s
PySide6 %s

L&apos;application ne se connecte jamais à internet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="333"/>
        <source>À propos d&apos;Incident Wizard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="354"/>
        <source>Sauvegarder les données</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="355"/>
        <source>Base Incident Wizard (*.sqlite3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="364"/>
        <source>Sauvegarde impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="365"/>
        <source>La sauvegarde n&apos;a pas pu être écrite : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="367"/>
        <source>Sauvegarde écrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/main_window.py" line="368"/>
        <source>Toutes les données (incidents, journaux, pièces jointes, profil) sont copiées dans :
%s

Gardez cette copie en lieu sûr (elle contient des données personnelles). Pour la relire, renommez-la incidents.sqlite3 et ouvrez l&apos;application avec --data-dir sur son dossier.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MethodDialog</name>
    <message>
        <location filename="../../src/incident_wizard/ui/method_dialog.py" line="75"/>
        <source>Méthode d&apos;évaluation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotificationPanel</name>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="429"/>
        <source>Préparer le &amp;brouillon (Word et PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="432"/>
        <source>Fiche de &amp;saisie pour le site de la CNIL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="435"/>
        <source>&amp;Joindre le récapitulatif reçu de la CNIL (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="437"/>
        <source>Le récapitulatif envoyé par la CNIL documente la violation : il est conservé avec l&apos;incident.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="442"/>
        <source>Type de notification indiqué dans le brouillon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="443"/>
        <source>Brouillon : type automatique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="458"/>
        <source>Enregistrer une notification faite sur le site de la CNIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="469"/>
        <source>Référence attribuée par la CNIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="474"/>
        <source>Raisons du retard *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="476"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="477"/>
        <source>Date et heure d&apos;envoi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="478"/>
        <source>Référence CNIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="480"/>
        <source>Enregistrer la &amp;notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="500"/>
        <source>Récapitulatif de la CNIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="501"/>
        <source>Documents PDF (*.pdf);;Tous les fichiers (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="532"/>
        <source>Indiquez la date et l&apos;heure d&apos;envoi de la notification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="542"/>
        <source>Notification enregistrée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="551"/>
        <source>La décision n&apos;est pas encore prise (étape Décision). En cas de doute, notifiez : la CNIL vous dira s&apos;il faut informer les personnes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="554"/>
        <source>Décision : %s. Faites la notification sur le site de la CNIL (notifications.cnil.fr), puis enregistrez-la ci-dessous.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="557"/>
        <source>Décision : inscription au registre uniquement ; aucune notification n&apos;est prévue. Vous pouvez tout de même enregistrer une notification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="562"/>
        <source>Pièces jointes : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="567"/>
        <source> — raisons du retard : %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="61"/>
        <source>Vérifiez la saisie</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="44"/>
        <source>Profil de la pharmacie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="49"/>
        <source>Ces informations figurent dans la notification à la CNIL et dans le registre. Elles sont demandées une fois et modifiables à tout moment (menu « Pharmacie »).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="54"/>
        <source>Pharmacie (responsable de traitement)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="58"/>
        <source>14 chiffres (ou SIREN : 9 chiffres)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="59"/>
        <source>Pas de numéro SIREN/SIRET</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="67"/>
        <source>Nom de la pharmacie *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="68"/>
        <source>SIRET *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="70"/>
        <source>Code NAF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="71"/>
        <source>Adresse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="72"/>
        <source>Code postal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="73"/>
        <source>Ville</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="78"/>
        <source>Représentant légal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="78"/>
        <source>Pharmacien titulaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="80"/>
        <source>Personne à contacter par la CNIL *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="82"/>
        <source>La pharmacie a désigné un délégué à la
protection des données (DPO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="84"/>
        <source>Délégué à la protection des données</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/profile_dialog.py" line="119"/>
        <source>Profil incomplet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="129"/>
        <source>Registre des violations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="131"/>
        <source>Le registre documente toutes les violations, notifiées ou non, avec les raisons des décisions (RGPD, article 33, paragraphe 5). Il est écrit en Word (paysage), en PDF et en CSV pour Excel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="138"/>
        <source>À partir du</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="140"/>
        <source>Jusqu&apos;au</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="155"/>
        <source>&amp;Écrire le registre…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="157"/>
        <source>&amp;Dossier pour un contrôle de la CNIL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="160"/>
        <source>Le registre, et pour chaque incident de la période : ses documents, ses pièces jointes et son journal vérifiable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="176"/>
        <source>La date de fin précède la date de début.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="179"/>
        <source>Dossier où écrire le registre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="188"/>
        <source>Le registre n&apos;a pas pu être écrit : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/documents_ui.py" line="192"/>
        <source>Registre écrit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReminderService</name>
    <message>
        <location filename="../../src/incident_wizard/ui/reminders.py" line="53"/>
        <source>Délai de notification à la CNIL</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RiskPanel</name>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="205"/>
        <source>Méthode ENISA : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="217"/>
        <source>Pourquoi votre réponse à « Que révèlent les données ? » diffère-t-elle de celle proposée ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="226"/>
        <source>Détail du calcul</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="229"/>
        <source>Critère</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="229"/>
        <source>Réponse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="229"/>
        <source>Valeur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="238"/>
        <source>&amp;Méthode : comment la gravité est calculée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="279"/>
        <source>Réponse proposée d&apos;après le scénario et la qualification ; modifiable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="283"/>
        <source>Réponse proposée : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="285"/>
        <source>Sans réponse : le cas le plus défavorable est retenu.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="96"/>
        <source>Situation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="100"/>
        <source>— choisir la situation —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="108"/>
        <source>Actions de confinement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="171"/>
        <source>fait le %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="727"/>
        <source>Date et heure (Paris)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="728"/>
        <source>Depuis la prise de connaissance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="729"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/incident_wizard/ui/panels.py" line="729"/>
        <source>Détail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
