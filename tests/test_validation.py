"""Data-minimisation guard and profile checks."""

from __future__ import annotations

from incident_wizard.domain.model import Contact, Organisation
from incident_wizard.domain.validation import (
    check_organisation,
    check_siret,
    find_emails,
    find_nirs,
    identifier_warning,
)


def test_nir_with_valid_key_is_found_in_any_spacing():
    assert find_nirs("NIR 1 85 05 78 006 084 91.") == ["1 85 05 78 006 084 91"]
    assert find_nirs("185057800608491") == ["185057800608491"]
    assert find_nirs("1-85-05-78-006-084-91") == ["1-85-05-78-006-084-91"]


def test_nir_with_wrong_key_or_in_longer_number_is_ignored():
    assert find_nirs("1 85 05 78 006 084 36") == []
    assert find_nirs("91850578006084912") == []
    assert find_nirs("commande 12345 du 03/10") == []


def test_corsican_nir_key():
    # 2A counts as 19 for the key: 2 69 05 2A 004 001 key
    n = int("269051900400" + "1")
    key = 97 - n % 97
    assert find_nirs(f"2 69 05 2A 004 001 {key:02d}")


def test_email_warning():
    assert find_emails("écrire à marie.curie@example.fr svp") == ["marie.curie@example.fr"]
    assert "adresse électronique" in identifier_warning("contact: a.b@c.org")
    assert identifier_warning("rien de personnel ici") == ""


def test_siret_checks():
    assert check_siret("732 829 320 00074") == ""
    assert "clé" in check_siret("73282932000075")
    assert "14 chiffres" in check_siret("1234")
    assert check_siret("35600000000048") == ""  # La Poste: Luhn exception


def test_profile_problems_in_french():
    problems = check_organisation(Organisation())
    assert "Indiquez le nom de la pharmacie." in problems
    ok = Organisation(name="P", siret="73282932000074", contact=Contact(name="X", email="x@y.fr"))
    assert check_organisation(ok) == []
    ok.contact.email = "pas-une-adresse"
    assert any("n'est pas valide" in p for p in check_organisation(ok))


def test_notification_dates_are_checked():
    from datetime import UTC, datetime, timedelta

    from incident_wizard.domain.model import CnilNotification, Incident
    from incident_wizard.domain.validation import check_dates

    now = datetime(2026, 10, 25, tzinfo=UTC)
    incident = Incident("VDP-2026-001", now)
    incident.dates.awareness_at = now - timedelta(days=1)
    incident.notifications = [CnilNotification(submitted_at=now + timedelta(hours=2), reference="X")]
    assert "futur" in check_dates(incident, now)[0][1]
    incident.notifications = [CnilNotification(submitted_at=now - timedelta(days=2), reference="X")]
    assert "précéder la prise de connaissance" in check_dates(incident, now)[0][1]
