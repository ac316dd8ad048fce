"""Issue 23, item 1: in an initial notification's draft, an item that cannot be known in the
first hours says it will follow in the complementary notification (RGPD art. 33(4): "the
information may be provided in phases"; EDPB guidelines 9/2022, "Notification in phases"); an
item the pharmacist can answer in the first hour keeps « à compléter ». A complete notification
has no such excuse: there, every empty required item is « à compléter »."""

from __future__ import annotations

from incident_wizard.application.view import unjournaled_view
from incident_wizard.documents import content
from incident_wizard.documents.export import cnil_context
from incident_wizard.documents.templates import render_builtin
from incident_wizard.domain.model import Contact, Incident, Organisation
from incident_wizard.domain.procedure import load_procedure

from .conftest import utc

PROCEDURE = load_procedure()
LATER = "Inconnu à ce stade — sera précisé dans la notification complémentaire"
TO_COMPLETE = "Non renseigné — à compléter"


def _first_hour_incident() -> Incident:
    """What the first hour gives: the facts of a prescription e-mailed to the wrong patient;
    no records count, no prevention measures (not knowable yet); no cause and no measures in
    place before (the pharmacist could answer them)."""
    incident = Incident(reference="VDP-2026-009", created_at=utc(2026, 10, 23, 8, 0))
    incident.organisation = Organisation(name="Pharmacie des Tilleuls", siret="73282932000074",
                                         contact=Contact(name="Claire Martin"))
    incident.title = "Ordonnance envoyée au mauvais patient"
    incident.dates.awareness_at = utc(2026, 10, 23, 8, 0)
    incident.dates.breach_start = utc(2026, 10, 23, 7, 30)
    incident.discovery.description = "Le destinataire a rappelé la pharmacie."
    incident.scope.person_categories = ["patients"]
    incident.scope.data_categories = ["etat-civil", "sante"]
    incident.scope.persons_count = 1
    return incident


def _rows(kind: str) -> dict[str, str]:
    view = unjournaled_view(_first_hour_incident(), PROCEDURE)
    rows = {}
    for section in content.cnil_sections(view, PROCEDURE, kind):
        for f in section.fields:
            rows[f.label] = f.unknown_yet or ("" if f.missing else f.value)
            if f.missing and not f.unknown_yet and f.note == "requis":
                rows[f.label] = TO_COMPLETE
    return rows


def test_the_initial_draft_says_what_will_follow():
    view = unjournaled_view(_first_hour_incident(), PROCEDURE)
    html = render_builtin("cnil_notification.html", cnil_context(
        view, PROCEDURE, [], "", utc(2026, 10, 23, 9, 0), "initial"))
    for label in ("Nombre approximatif d'enregistrements", "Précision du nombre d'enregistrements",
                  "Mesures prévues pour éviter qu'elle se reproduise"):
        assert f"<td><strong>{label}</strong></td><td>{LATER}</td>" in html.replace("&#39;", "'"), label
    # Known in the first hour: still to complete.
    assert ("<td><strong>Mesures de sécurité en place avant la violation</strong></td>"
            f"<td class=\"missing\">{TO_COMPLETE}</td>") in html
    assert "seront précisées dans la notification complémentaire (article 33, paragraphe 4" in " ".join(
        html.split())


def test_only_the_initial_draft_and_only_the_unknowable_items():
    initial, complete = _rows("initial"), _rows("complete")
    assert initial["Nombre approximatif d'enregistrements"] == LATER
    assert complete["Précision du nombre d'enregistrements"] == TO_COMPLETE
    # Answerable in the first hour, even as « inconnu »: the cause (« Cause inconnue » is an
    # answer), the end of the breach (« toujours en cours »), the measures in place before.
    assert initial["Cause"] == TO_COMPLETE
    assert initial["Mesures prévues pour éviter qu'elle se reproduise"] == LATER
    assert complete["Mesures prévues pour éviter qu'elle se reproduise"] == TO_COMPLETE
    assert initial["Mesures de sécurité en place avant la violation"] == TO_COMPLETE
    assert initial["Systèmes, logiciels, services et supports concernés, et où ils se trouvent"] == TO_COMPLETE
    assert initial["Description de la découverte"] == "Le destinataire a rappelé la pharmacie."
    assert LATER not in complete.values()
    assert LATER not in _rows("complementary").values()


def test_a_later_item_that_is_known_is_printed():
    incident = _first_hour_incident()
    incident.scope.records_count = 3
    view = unjournaled_view(incident, PROCEDURE)
    rows = {f.label: f for s in content.cnil_sections(view, PROCEDURE, "initial") for f in s.fields}
    field = rows["Nombre approximatif d'enregistrements"]
    assert field.value == "3" and field.unknown_yet == ""
