<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ActionDialog</name>
    <message>
        <source>Action de suivi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Préventive (éviter que cela se reproduise)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrective (réparer ce que l&apos;incident a montré)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ex. : Claire Martin, titulaire ; le prestataire informatique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JJ/MM/AAAA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JJ/MM/AAAA, une fois faite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La preuve que c&apos;est fait : rapport du prestataire, test de restauration du…, compte rendu de réunion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responsable :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Échéance :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faite le :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preuve :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enregistrer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Données inaccessibles</source>
        <translation>Data out of reach</translation>
    </message>
    <message>
        <source>Action impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erreur inattendue</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>Une erreur inattendue s&apos;est produite (%s). Vos saisies confirmées sont enregistrées. Si le problème se reproduit, transmettez le journal technique (%s) à votre prestataire.</source>
        <translation>An unexpected error occurred (%s). What you confirmed is saved. If it happens again, send the technical log (%s) to your IT provider.</translation>
    </message>
    <message>
        <source>Données inutilisables</source>
        <translation>Unusable data</translation>
    </message>
    <message>
        <source>Déjà ouvert</source>
        <translation>Already open</translation>
    </message>
    <message>
        <source>Incident Wizard est déjà ouvert avec ces données (%s). Utilisez la fenêtre déjà ouverte : deux fenêtres sur les mêmes incidents pourraient se contredire.</source>
        <translation>Incident Wizard is already open with this data (%s). Use the window already open: two windows on the same incidents could contradict each other.</translation>
    </message>
    <message>
        <source>Données partagées</source>
        <translation>Shared data</translation>
    </message>
    <message>
        <source>Procédure illisible</source>
        <translation>Unreadable procedure</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <source>Préparation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Écriture de %s (%s fichier(s) écrit(s))…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BodiesPanel</name>
    <message>
        <source>obligatoire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recommandé</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (interlocuteur, suite donnée...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Référence (n° de récépissé, de dossier)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fait le %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClosurePanel</name>
    <message>
        <source>Notification complémentaire attendue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faite à une autre date, ou sous une autre référence : enregistrez-la à l&apos;étape « Notification à la CNIL ». Si la notification initiale contenait déjà tout, dites-le ci-dessous (cette déclaration figure au registre).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rouvrir l&apos;incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La notification initiale du %s (référence %s) attend sa notification complémentaire, si possible avant le %s (CNIL : dans les 72 heures après la notification initiale, si possible).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification complémentaire faite maintenant sur le site de la CNIL : l&apos;enregistrer (référence %s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident en lecture seule : il a été modifié en dehors de l&apos;application (voir l&apos;alerte en haut de la page).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident clôturé le %s. Il reste au registre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Recommandé : %n proposition(s) de prévention encore à examiner (étape Prévention et suivi).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Avant de clôturer :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tout est prêt : vous pouvez clôturer l&apos;incident (bouton « Clôturer l&apos;incident » en bas à droite).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactFields</name>
    <message>
        <source>Nom et prénom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fonction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Courriel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Téléphone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CopySheetDialog</name>
    <message>
        <source>Fiche de saisie pour le site de la CNIL — %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ouvrez le formulaire de notification sur le site de la CNIL, puis copiez chaque rubrique ci-dessous dans la rubrique correspondante.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non renseigné</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copier : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copié ✓</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateTimeInput</name>
    <message>
        <source>non renseignée</source>
        <extracomment>A choice made by arrowing through a list is stored once it rests this long. A digit or an arrow changed the hour or the minutes: the time is the user&apos;s. Letters typed (Qt&apos;s edit takes none): the word so far, read by DateTimeInput. Words understood in a date field, and the day they mean (days before today). A word typed that is not a date (French message for the field).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maintenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>« %s » n&apos;est pas une date : tapez JJ/MM/AAAA HH:MM, ou « hier », « avant-hier », « aujourd&apos;hui » ou « maintenant ».</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeadlineBanner</name>
    <message>
        <source>Délai de notification</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeadlinePicture</name>
    <message>
        <source>La frise apparaîtra une fois la prise de connaissance datée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inscription au registre uniquement : aucune échéance de notification à la CNIL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>échéance 72 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notification CNIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>maintenant</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeadlinesDialog</name>
    <message>
        <source>Échéances de toutes les pharmacies</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n échéance(s) ouverte(s), la plus proche d&apos;abord. Double-cliquez pour ouvrir l&apos;incident.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Échéance (Paris)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pharmacie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ce qui est dû</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <source>Votre décision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Justification (obligatoire si vous vous écartez de la recommandation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enregistrer la décision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vous vous écartez de la recommandation d&apos;Incident Wizard : la justification est obligatoire et figurera au registre et au journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:13pt&apos;&gt;Recommandation : &lt;b&gt;%s&lt;/b&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Raisons retenues lors de la décision (elles figurent au registre) :&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Gravité « %s », risque : %s.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Pourquoi :&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cette décision du %s a été prise avec l&apos;ancienne méthode (gravité seule). La méthode actuelle (gravité et vraisemblance) recommande « %s » : vérifiez et enregistrez à nouveau la décision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Les réponses ont changé depuis votre décision du %s : la recommandation est maintenant « %s » (elle était « %s »). Vérifiez et enregistrez à nouveau la décision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Décision enregistrée le %s : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Associez votre délégué à la protection des données%s à cette décision : il doit être associé à toutes les questions relatives à la protection des données (RGPD, article 38, paragraphe 1) ; il conseille et contrôle (article 39).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>%s fichier(s) écrit(s) dans %s :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents non requis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pour cet incident, ces documents ne sont pas requis :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vous pouvez les écrire quand même : chacun portera la mention « Non requis » et sa raison.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporter &amp;quand même</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seulement les documents &amp;requis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dossier où écrire les documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Écriture des documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents non écrits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Les documents n&apos;ont pas pu être écrits : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents prêts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modèles de documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Les modèles sont dans :
%s

Modifiez-les avec un éditeur de texte ; l&apos;application les utilise à la place des modèles intégrés. Un modèle invalide est signalé et le modèle intégré est utilisé. Supprimez un fichier pour revenir au modèle intégré.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <source>nombre approximatif</source>
        <extracomment>Typed text is saved this long after the last keystroke (and at once when leaving the field).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— choisir —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>« %s » : indiquez un nombre entier (approximatif si besoin).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non enregistré : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heure non précisée : comptée à 00 h 00 le %s, le moment le plus tôt de ce jour (un délai compté de là ne peut pas finir plus tard que le vrai). Précisez l&apos;heure dès que vous la connaissez.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heure non précisée : enregistrée à 00 h 00 le %s, ce qui n&apos;est pas l&apos;heure réelle. Précisez l&apos;heure dès que vous la connaissez.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compris : %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstHourPage</name>
    <message>
        <source>Gravité des conséquences possibles pour les personnes : %s.</source>
        <extracomment>The likely consequences&apos; field (proposed from the facts on this page).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probabilité qu&apos;elles arrivent : %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Des réponses manquent ou sont « Je ne sais pas » : en cas de doute, la CNIL demande de notifier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposer d&apos;après la situation et les données</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Décision proposée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enregistrer cette décision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Écrire le &amp;brouillon de notification initiale…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fiche de saisie pour le site de la CNIL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuer la procédure &amp;complète ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Décision enregistrée : %s. Elle garde l&apos;évaluation du risque sur laquelle elle repose ; toutes deux se revoient aux étapes « Évaluation du risque » et « Décision ».</source>
        <extracomment>What was last proposed automatically ([] when nothing is ticked yet).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommandation : %s.
%s
Le détail de la méthode (ENISA, carte des risques) et les questions de risque se précisent à l&apos;étape « Évaluation du risque ».</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FollowUpPanel</name>
    <message>
        <source>Propositions recommandées pour cette situation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Écarter toutes les propositions restantes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Une seule raison pour toutes les propositions encore à examiner (ex. : « déjà en place »). Chacune reste au registre avec cette raison.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions de suivi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responsable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Échéance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faite le</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>État</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ajouter une action…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Modifier…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marquer comme &amp;faite…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supprimer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choisissez d&apos;abord la situation (étape Premiers réflexes) : les propositions en dépendent. Vous pouvez déjà ajouter vos actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (à vérifier)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommandé — sources : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retenue : action %s (en retard)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retenue : action %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Écartée : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconsidérer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>À examiner : retenez-la (vous en fixez le responsable et l&apos;échéance) ou écartez-la en disant pourquoi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retenir…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Écarter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Préventive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>faite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>en retard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>à faire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>à planifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preuve : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aucune action de suivi pour l&apos;instant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n action(s), dont %1 encore ouverte(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> ; %n en retard</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Écarter la proposition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pourquoi écarter « %s » ? (ex. : déjà en place, sans objet ici)
Le motif figure au registre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Écarter les propositions restantes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Pourquoi écarter les %n proposition(s) restante(s) ? (ex. : déjà en place, sans objet ici)
Le motif figure au registre pour chacune.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Supprimer l&apos;action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pourquoi supprimer « %s » ? (ex. : créée par erreur, en double)
Elle reste dans le journal.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Violations de données personnelles</source>
        <extracomment>The roles the list answers (the view asks for a dozen per cell). The status filter&apos;s extra choice: incidents with an overdue follow-up action. Only the incidents of this pharmacy (its identity; &quot;&quot; for all).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voir un &amp;exemple</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ouvre, en lecture seule, un incident d&apos;exemple terminé (rançongiciel) et ses documents, sans toucher à votre registre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>É&amp;chéances…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toutes les échéances ouvertes de toutes les pharmacies, la plus proche d&apos;abord.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Registre…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Nouvel incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nouvel incident : premières &amp;heures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Une seule page : contenir l&apos;incident et préparer la notification initiale à la CNIL dans les 72 heures ; le reste de la procédure se complète ensuite.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faire la revue &amp;annuelle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtrer par référence ou intitulé…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tous les incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>En cours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clôturés</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions de suivi en retard</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) de suivi en retard (filtre « Actions de suivi en retard »).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>La revue annuelle du registre est à faire : violations de l&apos;année, actions ouvertes, une page à signer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-cliquez sur un incident (ou Entrée) pour le reprendre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aucun incident enregistré. En cas de fuite, de perte ou de blocage de données personnelles (rançongiciel, vol d&apos;ordinateur, erreur d&apos;envoi...), cliquez sur « Nouvel incident » : le délai de 72 heures pour notifier la CNIL court à partir du moment où vous en avez eu connaissance. Pour découvrir l&apos;application, « Voir un exemple » ouvre un incident terminé, sans toucher à votre registre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Toutes les pharmacies (%n)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IncidentPage</name>
    <message>
        <source>← &amp;Incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention : cet incident a été modifié en dehors de l&apos;application (%s). Il est en lecture seule : son journal chaîné n&apos;est plus prolongé. Gardez une copie du fichier de données, restaurez l&apos;incident depuis une sauvegarde ou exportez ses documents pour garder la trace de ce qui est enregistré, et prévenez votre DPO.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Étapes de la procédure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Premières heures (notification initiale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chronologie et journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ &amp;Précédent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Étape &amp;terminée, continuer ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raccourci : Ctrl+Entrée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raccourci : Alt+Flèche gauche</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s Étape « %s » terminée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — lecture seule (modifié hors de l&apos;application)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — clôturé</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(sans intitulé)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Étape terminée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Étape à faire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Étape &amp;suivante ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clôturer l&apos;incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saisie refusée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La valeur de « %s » n&apos;a pas été enregistrée : %s

Quitter quand même ?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncidentTableModel</name>
    <message>
        <source>Référence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intitulé</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prise de connaissance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Échéances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions de suivi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>État</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pharmacie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident endommagé (« {title} ») : {reason}</source>
        <extracomment>Rows whose summaries are read together (a screenful: scrolling reads one block, not row by row). Summaries kept at most (memory stays bounded whatever the folder&apos;s size). row -&gt; [summary, its deadline cell, its texts] (None until asked), most recently used last.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident endommagé : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Illisible : restaurez-le depuis une sauvegarde</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(sans intitulé)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> (+ %n autre(s) échéance(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ouverte(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n en retard</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>, prochaine le %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, sans échéance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>En cours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clôturé</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InformationPanel</name>
    <message>
        <source>Préparer le &amp;courrier, le courriel, le SMS et l&apos;affiche…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personnes &amp;informées : enregistrer maintenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enregistre « Information faite » à la date et à l&apos;heure actuelles. Cochez d&apos;abord les moyens utilisés ; informées à un autre moment : renseignez la date ci-dessous.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aperçu du texte destiné aux personnes (courriel ; le courrier et l&apos;affiche disent la même chose)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information des personnes enregistrée (%s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Décision : informer les personnes, dans les meilleurs délais, en termes clairs et simples. Le courrier préparé contient les éléments exigés : nature de la violation, contact, conséquences probables, mesures prises et conseils. Il ne répète aucune donnée de santé.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communication publique à la place d&apos;une information individuelle (article 34, paragraphe 3, point c) : seule l&apos;affiche est préparée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispense d&apos;information des personnes (article 34, paragraphe 3) : aucun texte aux personnes n&apos;est préparé. Le motif et sa justification figurent au registre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vous avez choisi d&apos;informer les personnes sans que ce soit obligatoire : le courrier, le courriel, le SMS et l&apos;affiche sont préparés.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Décision : pas d&apos;information obligatoire des personnes. Vous pouvez tout de même les informer ; sinon indiquez le motif ci-dessous.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La décision n&apos;est pas encore prise (étape Décision).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS (%s caractères, %s, %s SMS) : %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Incident Wizard — violations de données</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pharmacie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profil de la &amp;pharmacie…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Registre des violations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revue &amp;annuelle du registre…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>É&amp;chéances de toutes les pharmacies…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sauvegarder les données…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Envoyer l&apos;incident ouvert (fichier chiffré)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Importer un fichier d&apos;incident…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Modèles de documents…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quitter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personne qui saisit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Personne qui saisit : </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>votre nom (pour le journal des actions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Aide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Méthode d&apos;évaluation du risque…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ressources utiles (prévention, guides)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>À &amp;propos d&apos;Incident Wizard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordonnées de la pharmacie reprises dans %s incident(s) sans document exporté : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exemple (lecture seule) — %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exemple en lecture seule : ces données sont fictives et ne figurent pas dans votre registre. Parcourez les étapes, la chronologie et les documents (étape 7).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident Wizard %s

Gestion des violations de données personnelles à la pharmacie d&apos;officine (RGPD, articles 33 et 34).

Données : %s
Journal technique : %s
PySide6 %s

L&apos;application ne se connecte jamais à internet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>À propos d&apos;Incident Wizard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident-wizard-sauvegarde-%s.sqlite3</source>
        <comment>nom de fichier</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sauvegarder les données</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base Incident Wizard (*.sqlite3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sauvegarde impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ce fichier est la base de données en service : choisissez un autre nom ou un autre dossier (une clé USB, par exemple).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sauvegarde écrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toutes les données (incidents, journaux, pièces jointes, profil) sont copiées dans :
%s

Gardez cette copie en lieu sûr (elle contient des données personnelles). Pour la relire, renommez-la incidents.sqlite3 et ouvrez l&apos;application avec --data-dir sur son dossier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Envoyer un incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ouvrez d&apos;abord l&apos;incident à envoyer (double-clic dans la liste).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident illisible</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MethodDialog</name>
    <message>
        <source>indicateur « données inintelligibles »</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s si des patients ou des clients sont concernés</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s (score de base de sa catégorie)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>à partir de %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dès 0,25</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> et en dessous de %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> : niveau ENISA %s, gravité CNIL « %s »</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s : DPC proposé %s — %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vraisemblance %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s &lt;i&gt;(source : %s)&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment la décision est établie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Le RGPD demande d&apos;apprécier un &lt;b&gt;risque&lt;/b&gt; pour les personnes : la &lt;b&gt;gravité&lt;/b&gt; des conséquences possibles et leur &lt;b&gt;vraisemblance&lt;/b&gt;, c&apos;est-à-dire la probabilité qu&apos;elles arrivent (considérants 75 et 76).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Gravité&lt;/b&gt; : ce que les données révèlent (des informations banales, ou l&apos;état de santé d&apos;un patient), si l&apos;on peut reconnaître les personnes, qui a pu les voir ou si elles sont perdues, et si l&apos;incident est un acte délibéré.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Vraisemblance&lt;/b&gt;, pour chaque type de dommage (données vues par d&apos;autres, modifiées, indisponibles) : où sont les données aujourd&apos;hui, quand elles seront de nouveau disponibles, ce que l&apos;incident a changé pour les patients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Les deux ensemble donnent le &lt;b&gt;risque&lt;/b&gt; (tableau ci-dessous), et le risque donne la décision : inscription au registre seul, notification à la CNIL, ou notification et information des personnes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quelques règles, chacune avec sa source, ne peuvent que relever la décision ; « Je ne sais pas » ou une question sans réponse est un doute : en cas de doute, notifiez à la CNIL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Le risque et ce qu&apos;il impose (choix d&apos;Incident Wizard)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risque d&apos;un dommage selon sa gravité (lignes) et sa vraisemblance (colonnes). Le risque global est celui du dommage le plus exposé.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gravité \ vraisemblance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Une inscription au registre seul est une décision motivée : le registre garde la gravité, la vraisemblance de chaque dommage, les réponses et la mention « %s » avec les faits qui la justifient (article 33, paragraphe 5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Règles qui ne peuvent que relever la décision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&apos;écarter de la recommandation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vous pouvez choisir une autre décision que celle recommandée par Incident Wizard : la justification écrite est alors obligatoire et figure au registre et au journal. C&apos;est un choix d&apos;Incident Wizard ; la méthode ENISA (§4.1.1) ne prévoit, elle, qu&apos;une correction argumentée du niveau de gravité et du DPC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Détail de la méthode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Gravité : la méthode de l&apos;ENISA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ENISA, &lt;i&gt;Recommendations for a methodology of the assessment of severity of personal data breaches&lt;/i&gt;, document de travail v1.0, décembre 2013. © ENISA, 2013 ; reproduction autorisée avec mention de la source. &lt;b&gt;Gravité = DPC × EI + CB&lt;/b&gt; : DPC, contexte du traitement (1 à 4, la catégorie la plus sensible l&apos;emporte) ; EI, facilité d&apos;identification (0,25 à 1) ; CB, circonstances additionnées. Le calcul est exact (par quarts de point). L&apos;ENISA ne mesure que la gravité et ne fixe aucun seuil de notification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Les questions et leur valeur :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contexte d&apos;une pharmacie (ENISA, annexe 1, A2 et A3) — DPC proposé d&apos;après les catégories de données ; toute réponse différente doit être justifiée (ENISA §3.1.1) :</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Réponses proposées</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Votre réponse de gravité</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Réponse de vraisemblance proposée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Vraisemblance, par type de dommage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sur l&apos;échelle de la CNIL (négligeable, limitée, importante, maximale), pour chaque type de dommage que la violation comporte. Quand un dommage a plusieurs questions, la réponse la plus défavorable l&apos;emporte. « Je ne sais pas » et une question sans réponse comptent comme le cas le plus défavorable, et sont un doute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acte malveillant ou intention inconnue : la vraisemblance de la confidentialité est relevée d&apos;un niveau quand elle est %s (choix d&apos;Incident Wizard, sur le critère de l&apos;ENISA).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chiffrement robuste, clé non compromise : la vraisemblance de la &lt;b&gt;confidentialité&lt;/b&gt; devient négligeable (article 34, paragraphe 3, point a). Il ne change rien à la disponibilité ni à l&apos;intégrité : des données chiffrées mais perdues ou bloquées restent un dommage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Détail de la méthode (ENISA, réponses et sources) ▸</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Méthode d&apos;évaluation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotificationPanel</name>
    <message>
        <source>Préparer le &amp;brouillon (Word et PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fiche de &amp;saisie pour le site de la CNIL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Joindre le récapitulatif reçu de la CNIL (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Le récapitulatif envoyé par la CNIL documente la violation : il est conservé avec l&apos;incident.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type de notification indiqué dans le brouillon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brouillon : type automatique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enregistrer une notification faite sur le site de la CNIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Référence attribuée par la CNIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raisons du retard *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date et heure d&apos;envoi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Référence CNIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enregistrer la &amp;notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raisons du retard de la notification déjà enregistrée</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avec l&apos;échéance en vigueur (par exemple depuis le signalement du sous-traitant), la notification enregistrée est arrivée après 72 heures : indiquez pourquoi (article 33, paragraphe 1). Ce sera repris dans le registre.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enregistrer les raisons du retard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Récapitulatif de la CNIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents PDF (*.pdf);;Tous les fichiers (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indiquez la date et l&apos;heure d&apos;envoi de la notification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification enregistrée.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s enregistrée (référence %s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La décision n&apos;est pas encore prise (étape Décision). En cas de doute, notifiez : la CNIL vous dira s&apos;il faut informer les personnes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Décision : %s. Faites la notification sur le site de la CNIL (notifications.cnil.fr), puis enregistrez-la ci-dessous.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Décision : inscription au registre uniquement ; aucune notification n&apos;est prévue. Vous pouvez tout de même enregistrer une notification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s (%s, joint le %s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pièces jointes : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — raisons du retard : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s — %s — référence %s%s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <source>Vérifiez la saisie</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Profil de la pharmacie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ces informations figurent dans la notification à la CNIL et dans le registre. Elles sont demandées une fois et modifiables à tout moment (menu « Pharmacie »).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pharmacie (responsable de traitement)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>14 chiffres (ou SIREN : 9 chiffres)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pas de numéro SIREN/SIRET</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nom de la pharmacie *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIRET *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code NAF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adresse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code postal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ville</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Représentant légal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pharmacien titulaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personne à contacter par la CNIL *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La pharmacie a désigné un délégué à la
protection des données (DPO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Délégué à la protection des données</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profil incomplet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Registre des violations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Le registre documente toutes les violations, notifiées ou non, avec les raisons des décisions (RGPD, article 33, paragraphe 5). Il est écrit en Word (paysage), en PDF, en classeur Excel (.xlsx : dates, filtres, en-tête figé) et en CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>À partir du</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jusqu&apos;au</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toutes (registre consolidé, colonne « Pharmacie »)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pharmacie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Écrire le registre…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dossier pour un contrôle de la CNIL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Le registre, et pour chaque incident de la période : ses documents, ses pièces jointes et son journal vérifiable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La date de fin précède la date de début.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dossier où écrire le registre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contrôle CNIL</source>
        <comment>nom de dossier</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registre</source>
        <comment>nom de dossier</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Écriture du dossier de contrôle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Écriture du registre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Le registre n&apos;a pas pu être écrit : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registre écrit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReminderArea</name>
    <message>
        <source>Tout marquer comme &amp;vu</source>
        <extracomment>The key of the note saying how many other reminders are due (no incident of its own). A French message for the status bar (an acknowledgement that could not be journaled). Rows shown at once (the others follow as these are acknowledged).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vous avez pris connaissance de tous ces rappels (noté dans le journal de chaque incident).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rappel non marqué comme vu : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Le journal de %s n&apos;a pas pu noter que le rappel a été vu (journal modifié hors de l&apos;application ou incident supprimé) : le rappel est retiré de la liste.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n rappel(s) d&apos;échéance à prendre en compte</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… et %n autre(s) : ils s&apos;affichent à mesure que vous marquez ceux-ci comme vus.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%s — %s</source>
        <comment>when shown — the reminder</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ouvrir l&apos;incident %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>J&apos;ai pris connaissance de ce rappel (noté dans le journal de l&apos;incident).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rappel vu : %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReminderService</name>
    <message numerus="yes">
        <source>%n autre(s) rappel(s) d&apos;échéance : voir Pharmacie &gt; Échéances de toutes les pharmacies.</source>
        <extracomment>The checks running: a QThread must not be destroyed before it ends. Reminders shown one by one at a check; beyond, one message says how many others are due (a first start on a large folder: thousands at once), remembered as shown all the same.</extracomment>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Échéance d&apos;un incident</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResourcesDialog</name>
    <message>
        <source>Ressources utiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pour prévenir une nouvelle violation et s&apos;y préparer. L&apos;application ne se connecte jamais à internet : un clic sur une adresse l&apos;ouvre dans votre navigateur.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Revue annuelle du registre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Une fois par an, relisez le registre : violations par situation et par décision, actions de suivi encore ouvertes. La revue s&apos;écrit sur une page (Word et PDF) que le titulaire signe et classe avec les documents du programme qualité.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Du</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Au</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Écrire la revue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La date de fin précède la date de début.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n violation(s) sur la période</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, dont %n notifiée(s) à la CNIL</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Par situation : %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) de suivi encore ouverte(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, dont %n en retard</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Dossier où écrire la revue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revue annuelle</source>
        <comment>nom de dossier</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Écriture de la revue annuelle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>La revue n&apos;a pas pu être écrite : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revue écrite</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RiskPanel</name>
    <message>
        <source>&lt;b&gt;1. Gravité&lt;/b&gt; : ce que les personnes pourraient subir (méthode ENISA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;2. Vraisemblance&lt;/b&gt; : la probabilité que ces conséquences se produisent, pour chaque type de dommage que la violation comporte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pourquoi votre réponse à « Que révèlent les données ? » diffère-t-elle de celle proposée ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Détail du calcul</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critère</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Réponse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valeur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dommage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vraisemblance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risque</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Méthode : gravité, vraisemblance et décision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nature des données (DPC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Facilité d&apos;identification (EI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidentialité (CB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intégrité (CB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disponibilité (CB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intention malveillante (CB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chiffrement (indicateur)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Réponse proposée d&apos;après le scénario et la qualification ; modifiable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Réponse proposée : %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sans réponse : le cas le plus défavorable est retenu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aucun dommage atteint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:13pt&apos;&gt;&lt;b&gt;Gravité : %s&lt;/b&gt; (%s × %s + %s) — niveau &lt;b&gt;%s&lt;/b&gt;, gravité CNIL « %s »&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Vraisemblance&lt;/b&gt; : %s&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Risque&lt;/b&gt; : %s — recommandation : &lt;b&gt;%s&lt;/b&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Indicateurs :&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>non atteinte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>oui</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inintelligibles</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <source>Situation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— choisir la situation —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions de confinement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fait le %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <source> (à vérifier)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Sources :&lt;/b&gt; %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TextGuard</name>
    <message>
        <source>Corriger le texte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Garder ce texte</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>Date et heure (Paris)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Depuis la prise de connaissance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Détail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message>
        <source>Phrase secrète</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Phrase secrète du fichier (12 caractères au moins ; transmettez-la par un autre moyen, par téléphone) :</source>
        <translation>The file&apos;s passphrase (12 characters at least; send it another way, by telephone):</translation>
    </message>
    <message>
        <source>La même phrase secrète, pour vérifier :</source>
        <translation>The same passphrase, to check:</translation>
    </message>
    <message>
        <source>Les deux phrases secrètes diffèrent : rien n&apos;a été écrit.</source>
        <translation>The two passphrases differ: nothing was written.</translation>
    </message>
    <message>
        <source>Envoyer l&apos;incident dans un fichier chiffré</source>
        <translation>Send the incident in an encrypted file</translation>
    </message>
    <message>
        <source>Incident chiffré (*.iwz)</source>
        <translation>Encrypted incident (*.iwz)</translation>
    </message>
    <message>
        <source>Envoi impossible</source>
        <translation>Cannot send</translation>
    </message>
    <message>
        <source>Incident envoyé</source>
        <translation>Incident sent</translation>
    </message>
    <message>
        <source>L&apos;incident, son journal et ses pièces jointes sont chiffrés dans :
%s

Transmettez la phrase secrète par un autre moyen que le fichier (par téléphone).</source>
        <translation>The incident, its journal and its attached files are encrypted in:
%s

Send the passphrase another way than the file (by telephone).</translation>
    </message>
    <message>
        <source>Importer un fichier d&apos;incident</source>
        <translation>Import an incident file</translation>
    </message>
    <message>
        <source>Fichiers d&apos;incident (*.iwz *.json);;Tous les fichiers (*)</source>
        <translation>Incident files (*.iwz *.json);;All files (*)</translation>
    </message>
    <message>
        <source>Import annulé.</source>
        <translation>Import cancelled.</translation>
    </message>
    <message>
        <source>Incident déjà présent</source>
        <translation>Incident already here</translation>
    </message>
    <message>
        <source>L&apos;incident %s est déjà dans ce registre. Le mettre à jour depuis ce fichier ? (accepté seulement si le journal du fichier prolonge celui qui est enregistré)</source>
        <translation>Incident %s is already in this register. Update it from this file? (accepted only if the file&apos;s journal extends the stored one)</translation>
    </message>
    <message>
        <source>Import impossible</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <source>L&apos;incident %s est déjà à jour : le fichier n&apos;apporte rien de nouveau.</source>
        <translation>Incident %s is already up to date: the file brings nothing new.</translation>
    </message>
    <message>
        <source>L&apos;incident %s est mis à jour (%s nouvelle(s) entrée(s) de journal).</source>
        <translation>Incident %s is updated (%s new journal entries).</translation>
    </message>
    <message>
        <source>L&apos;incident %s d&apos;une autre pharmacie (%s) est importé sous la référence %s, la sienne étant déjà utilisée ici (%s entrées de journal).</source>
        <translation>Incident %s of another pharmacy (%s) is imported as %s, its own reference being already used here (%s journal entries).</translation>
    </message>
    <message>
        <source>L&apos;incident %s est importé (%s entrées de journal).</source>
        <translation>Incident %s is imported (%s journal entries).</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
</context>
</TS>
