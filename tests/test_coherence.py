"""One truth about the incident: for eight incidents, the banner, the closing step (its 72-hour
picture and what still prevents closing), the home list, `incident-wizard deadlines`, the
documents written, the CNIL draft and the register sheet say the same deadline and the same
things to do. Every expected value below is written from the facts of the case (the clock
arithmetic done by hand, Paris time), never computed by the code under test."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pytest

from incident_wizard.application.exports import write_incident_documents
from incident_wizard.application.session import IncidentSession
from incident_wizard.application.workspace import Workspace
from incident_wizard.cli import main
from incident_wizard.domain.procedure import load_procedure

from .conftest import utc
from .test_documents import docx_text

PROCEDURE = load_procedure()

#: "Now" for every page and document of the test: Tuesday 3 November 2026, 13:00 in Paris.
NOW = utc(2026, 11, 3, 12)
#: The pharmacy learns of the breach on Monday 2 November 2026 at 09:00 in Paris (CET).
AWARENESS = utc(2026, 11, 2, 8)

NOTIFY_72 = "Notification à la CNIL (72 h)"
COMPLEMENT = "Notification complémentaire à la CNIL"
NOT_RECORDED = "La notification à la CNIL n'a pas été enregistrée."
NOT_DECIDED = "La décision n'a pas été enregistrée"
PERSONS_MISSING = "L'information des personnes n'a pas été renseignée."
AWAITS_COMPLEMENT = "attend sa notification complémentaire"
REGISTER_ONLY = "Inscription au registre seulement : aucune notification à la CNIL n'est due."
PERSONS_TEXTS = {"courrier-personnes.docx", "courriel-personnes.txt", "sms-personnes.txt",
                 "affiche-communication-publique.docx"}


@dataclass
class Case:
    """One incident, and what every output must say of it."""
    name: str
    #: The 72-hour deadline in force (None: no notification is due).
    deadline: datetime | None
    #: The banner's first line, the home list's sentence (unless another deadline comes first),
    #: the CNIL draft's and the register sheet's: one sentence, at NOW.
    headline: str
    #: Deadlines still to meet, as `incident-wizard deadlines` prints them: (due, label).
    pending: list[tuple[str, str]] = field(default_factory=list)
    #: Other deadlines as the banner says them (after the headline).
    other_lines: list[str] = field(default_factory=list)
    #: The home list's sentence when it is not the headline (another deadline comes first).
    home: str = ""
    #: What the closing step lists as still to do (parts of its lines), and what it must not.
    closing: list[str] = field(default_factory=list)
    not_closing: list[str] = field(default_factory=list)
    #: The files written by "Préparer les documents" (besides the register sheet).
    documents: set[str] = field(default_factory=set)


def _facts(s: IncidentSession, nature: str = "confidentialite",
           origin: str = "mauvais-destinataire") -> None:
    """What the decision needs (an accident: no complaint clock)."""
    s.set_value("discovery.how_discovered", "constat-interne")
    s.set_value("qualification.nature", [nature])
    s.set_value("qualification.origins", [origin])
    s.set_value("qualification.cause", "interne-accidentel")
    s.set_value("scope.person_categories", ["patients"])
    s.set_value("scope.persons_count", 12)
    s.set_value("scope.data_categories", ["etat-civil", "coordonnees"])


def _undecided(s: IncidentSession) -> None:
    s.set_value("dates.awareness_at", AWARENESS)


def _register_only(s: IncidentSession) -> None:
    s.set_value("dates.awareness_at", AWARENESS)
    _facts(s, "disponibilite", "piratage")
    s.decide("register_only", "Disque défaillant, restauré depuis la sauvegarde en 2 heures.")


def _notify(s: IncidentSession) -> None:
    s.set_value("dates.awareness_at", AWARENESS)
    _facts(s)
    s.decide("notify_cnil", "Données d'identité exposées.")


def _notify_and_inform(s: IncidentSession) -> None:
    s.set_value("dates.awareness_at", AWARENESS)
    _facts(s)
    s.decide("notify_cnil_and_inform", "Données de santé exposées.")


def _processor_first(s: IncidentSession) -> None:
    s.set_value("dates.awareness_at", AWARENESS)
    s.set_value("discovery.processor_reported", True)
    # Reported by the LGO's publisher 30 hours before the titulaire learned of it.
    s.set_value("discovery.processor_reported_at", utc(2026, 11, 1, 2))


def _late(s: IncidentSession) -> None:
    s.set_value("dates.awareness_at", utc(2026, 10, 26, 8))  # Monday 26 October, 09:00 Paris
    _facts(s)
    s.decide("notify_cnil", "Données d'identité exposées.")
    s.record_notification("initial", utc(2026, 10, 30, 8), "CNIL-LATE", "Week-end prolongé")
    s.set_value("complement_waiver", "Aucune information complémentaire à apporter.")


def _exempt_34_3_a(s: IncidentSession) -> None:
    s.set_value("dates.awareness_at", AWARENESS)
    _facts(s, origin="equipement-perdu-vole")
    s.set_risk_answer("encrypted", "yes")
    s.decide("notify_cnil_and_inform", "Portable volé.")
    s.set_value("information.status", "not_done")
    s.set_value("information.exemption", "34-3-a")
    s.set_value("information.justification", "Disque chiffré (AES-256), clé non compromise.")


def _complement_pending(s: IncidentSession) -> None:
    s.set_value("dates.awareness_at", AWARENESS)
    _facts(s)
    s.decide("notify_cnil", "Données d'identité exposées.")
    s.record_notification("initial", utc(2026, 11, 2, 18), "CNIL-INIT")  # 19:00 Paris


CASES = {
    "undecided": (_undecided, Case(
        "undecided", utc(2026, 11, 5, 8),
        "Il reste 44 h 00 min pour notifier la CNIL (échéance : jeudi 5 novembre 2026 à 09 h 00)",
        pending=[("05/11/2026 09:00", NOTIFY_72)], closing=[NOT_DECIDED],
        documents={"notification-cnil.docx"})),
    "register-only": (_register_only, Case(
        "register-only", None, REGISTER_ONLY,
        not_closing=[NOT_RECORDED, PERSONS_MISSING, NOT_DECIDED])),
    "notify": (_notify, Case(
        "notify", utc(2026, 11, 5, 8),
        "Il reste 44 h 00 min pour notifier la CNIL (échéance : jeudi 5 novembre 2026 à 09 h 00)",
        pending=[("05/11/2026 09:00", NOTIFY_72)], closing=[NOT_RECORDED],
        not_closing=[PERSONS_MISSING], documents={"notification-cnil.docx"})),
    "notify-and-inform": (_notify_and_inform, Case(
        "notify-and-inform", utc(2026, 11, 5, 8),
        "Il reste 44 h 00 min pour notifier la CNIL (échéance : jeudi 5 novembre 2026 à 09 h 00)",
        pending=[("05/11/2026 09:00", NOTIFY_72)], closing=[NOT_RECORDED, PERSONS_MISSING],
        documents={"notification-cnil.docx"} | PERSONS_TEXTS)),
    "processor-30h-earlier": (_processor_first, Case(
        # 1 November 02:00 UTC (03:00 Paris) + 72 h = 4 November 02:00 UTC, 14 hours after NOW;
        # from the awareness it would have been 5 November 09:00, 30 hours later.
        "processor-30h-earlier", utc(2026, 11, 4, 2),
        "Il reste 14 h 00 min pour notifier la CNIL (échéance : mercredi 4 novembre 2026 à 03 h 00)",
        pending=[("04/11/2026 03:00", NOTIFY_72)],
        other_lines=["La prise de connaissance saisie est postérieure de 30 h 00 min au signalement "
                     "du sous-traitant : le délai de 72 heures court depuis ce signalement (dimanche "
                     "1er novembre 2026 à 03 h 00), car vous êtes réputé informé dès que le "
                     "sous-traitant vous a prévenu (CEPD, lignes directrices 9/2022)."],
        closing=[NOT_DECIDED], documents={"notification-cnil.docx"})),
    "late-notification": (_late, Case(
        # 26 October 08:00 UTC + 72 h = 29 October 08:00 UTC; notified 30 October 08:00 UTC.
        "late-notification", utc(2026, 10, 29, 8),
        "Notifiée le vendredi 30 octobre 2026 à 09 h 00 (en retard de 24 h 00 min)",
        not_closing=[NOT_RECORDED, AWAITS_COMPLEMENT, "raisons du retard"],
        documents={"notification-cnil.docx"})),
    "exemption-34-3-a": (_exempt_34_3_a, Case(
        "exemption-34-3-a", utc(2026, 11, 5, 8),
        "Il reste 44 h 00 min pour notifier la CNIL (échéance : jeudi 5 novembre 2026 à 09 h 00)",
        pending=[("05/11/2026 09:00", NOTIFY_72)], closing=[NOT_RECORDED],
        not_closing=[PERSONS_MISSING, "Le chiffrement"], documents={"notification-cnil.docx"})),
    "complement-pending": (_complement_pending, Case(
        # Initial notification 2 November 18:00 UTC + 72 h = 5 November 18:00 UTC (19:00 Paris).
        "complement-pending", utc(2026, 11, 5, 8),
        "Notifiée le lundi 2 novembre 2026 à 19 h 00 (dans le délai)",
        pending=[("05/11/2026 19:00", COMPLEMENT)],
        other_lines=["Notification complémentaire à la CNIL : il reste 54 h 00 min "
                     "(échéance : jeudi 5 novembre 2026 à 19 h 00)"],
        home="Notification complémentaire à la CNIL : il reste 54 h 00 min "
             "(échéance : jeudi 5 novembre 2026 à 19 h 00)",
        closing=[AWAITS_COMPLEMENT], not_closing=[NOT_RECORDED],
        documents={"notification-cnil.docx"})),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """One data folder holding the eight incidents (a pharmacy's register)."""
    from incident_wizard.storage import Storage

    data = tmp_path_factory.mktemp("coherence")
    references = {}
    with Storage.open(data) as storage:
        for name, (build, _case) in CASES.items():
            ref = storage.create_incident(at=utc(2026, 10, 26, 7), title=name).reference
            build(IncidentSession(storage, PROCEDURE, ref, now=lambda: NOW))
            references[name] = ref
    return data, references


@pytest.fixture(scope="module")
def cli_deadlines(folder):
    """`incident-wizard deadlines` over the folder: reference -> [(due, label)]."""
    import contextlib
    import io

    data, _references = folder
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["deadlines", "--data-dir", str(data)]) == 0
    lines: dict[str, list[tuple[str, str]]] = {}
    for line in out.getvalue().splitlines():
        due, _left, _pharmacy, reference, label = line.split("\t")
        lines.setdefault(reference, []).append((due, label))
    return lines


@pytest.mark.parametrize("name", list(CASES))
def test_every_output_says_the_same_deadline_and_the_same_things_to_do(
        name, folder, cli_deadlines, qtbot, tmp_path):
    from incident_wizard.storage import Storage
    from incident_wizard.ui.deadline import DeadlineBanner
    from incident_wizard.ui.home import HomePage
    from incident_wizard.ui.panels.closing import ClosurePanel, TimelinePanel

    case = CASES[name][1]
    data, references = folder
    ref = references[name]
    with Storage.open(data) as storage:
        session = IncidentSession(storage, PROCEDURE, ref, now=lambda: NOW)

        # The banner: the headline, the other deadlines.
        banner = DeadlineBanner(session)
        qtbot.addWidget(banner)
        assert banner.label.text().split("\n") == [case.headline, *case.other_lines]

        # The closing step: the 72-hour picture's deadline and what still prevents closing.
        timeline = TimelinePanel(session)
        qtbot.addWidget(timeline)
        assert timeline.picture.deadline == case.deadline
        closure = ClosurePanel(session)
        qtbot.addWidget(closure)
        closure.load()
        problems = closure.problems.text()
        assert all(p in problems for p in case.closing), problems
        assert not any(p in problems for p in case.not_closing), problems

        # The home list: the soonest deadline still to meet, or the headline.
        home = HomePage(Workspace(storage, PROCEDURE, now=lambda: NOW))
        qtbot.addWidget(home)
        row = next(i for i, r in enumerate(home.model.rows) if r.reference == ref)
        assert home.model.text(row, 3) == (case.home or case.headline)

        # `incident-wizard deadlines`: the same deadlines, the same due times.
        assert cli_deadlines.get(ref, []) == case.pending

        # The documents: what the incident needs, each saying the same sentence.
        result = write_incident_documents(storage, PROCEDURE, ref, tmp_path, now=NOW, pdf=False)
        names = {p.name.removeprefix(f"{ref}-") for p in result.files}
        assert names == case.documents | {"fiche-registre.docx"}
        sheet = docx_text(tmp_path / f"{ref}-fiche-registre.docx")
        assert case.headline in sheet
        if "notification-cnil.docx" in names:
            draft = docx_text(tmp_path / f"{ref}-notification-cnil.docx")
            assert case.headline in draft
        closure.close()
        timeline.close()
        banner.close()
        home.close()
