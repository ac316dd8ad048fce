"""forms/ is loaded and validated; a broken file names the file, the key and the problem."""

from __future__ import annotations

import re
import shutil

import pytest

from incident_wizard.application.view import unjournaled_view
from incident_wizard.domain.procedure import ProcedureError, load_procedure
from incident_wizard.locations import forms_dir


@pytest.fixture
def forms_copy(tmp_path):
    target = tmp_path / "forms"
    shutil.copytree(forms_dir(), target)
    return target


def test_shipped_forms_load():
    procedure = load_procedure()
    assert [s.id for s in procedure.steps][:2] == ["signalement", "premiers-reflexes"]
    assert len(procedure.steps) == 11
    assert {"rancongiciel", "hameconnage", "vol-perte-appareil", "carte-cps", "erreur-envoi",
            "acces-interne", "papier", "sous-traitant", "indisponibilite"} <= set(procedure.scenarios)
    assert procedure.field("dates.awareness_at").required
    for step in procedure.steps:
        assert step.sources, f"step {step.id} has no source"


def test_every_body_marked_obligatoire_has_a_verified_source():
    procedure = load_procedure()
    for body in procedure.bodies.values():
        if body.requirement == "obligatoire":
            assert any(procedure.sources[s].status == "source" for s in body.sources)
    assert procedure.bodies["ars-cert-sante"].requirement == "recommandé"


def _edit(folder, filename, old, new):
    path = folder / filename
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BROKEN = [
    ("procedure.toml", 'type = "datetime"', 'type = "dat"',
     "forms/procedure.toml : clé « steps[0].fields[1].type » : type « dat » inconnu"),
    ("procedure.toml", 'key = "dates.awareness_at"', 'key = "dates.awarenes"',
     "forms/procedure.toml : clé « steps[0].fields[1].key » : « dates.awarenes » ne correspond"),
    ("procedure.toml", 'options = "how_discovered"', 'options = "comment"',
     "liste d'options « comment » inconnue"),
    ("procedure.toml", 'kind = "risk"', 'kind = "risque"', "type d'étape « risque » inconnu"),
    ("procedure.toml", 'sources = ["rgpd-33-2"]', 'sources = ["rgpd-99"]', "source « rgpd-99 » inconnue"),
    ("procedure.toml", "format_version = 1", "format_version = 7", "forms/procedure.toml : clé « format_version »"),
    ("procedure.toml", 'title = "Décision"', 'title = ""', "clé « steps[5].title » : le texte est vide"),
    ("procedure.toml", 'required = true', 'required = "oui"', "vrai ou faux"),
    ("options.toml", 'enisa = "sensitive"', 'enisa = "tres-sensible"', "catégorie ENISA « tres-sensible » inconnue"),
    ("scenarios.toml", 'cause = "externe-malveillant"', 'cause = "pirate"', "clé « rancongiciel.qualification.cause »"),
    ("scenarios.toml", 'availability = "temporary"', 'availability = "parfois"', "réponse « parfois » inconnue"),
    ("bodies.toml", 'requirement = "recommandé"', 'requirement = "obligatoire"', "« obligatoire » exige au moins une source vérifiée"),
    ("risk.toml", "dpc = 4,", "dpc = 5,", "valeur 5 hors de l'échelle ENISA"),
    ("risk.toml", 'cb = 2, untrusted = true, anchor', 'cb = 3, untrusted = true, anchor', "valeur 3 hors de l'échelle ENISA"),
    ("sources.toml", 'status = "choix"', 'status = "peut-etre"', "clé « choix-72h.status »"),
    ("procedure.toml", '[[steps]]\nid = "decision"', '[[steps]\nid = "decision"', "forms/procedure.toml : syntaxe TOML invalide"),
]


@pytest.mark.parametrize("filename, old, new, message", BROKEN)
def test_broken_forms_give_precise_messages(forms_copy, filename, old, new, message):
    _edit(forms_copy, filename, old, new)
    with pytest.raises(ProcedureError, match=re.escape(message)):
        load_procedure(forms_copy)


def test_missing_file_is_named(forms_copy):
    (forms_copy / "bodies.toml").unlink()
    with pytest.raises(ProcedureError, match=re.escape("forms/bodies.toml : fichier absent")):
        load_procedure(forms_copy)


def test_every_cnil_draft_section_maps_to_the_edpb_template():
    from incident_wizard.documents.content import cnil_sections
    from incident_wizard.domain.model import Incident

    from .conftest import utc

    procedure = load_procedure()
    numbers = [s.number for s in cnil_sections(unjournaled_view(Incident("R", utc(2026, 1, 1)), procedure), procedure, "initial")]
    assert set(numbers) == set(procedure.edpb_mapping)
    assert procedure.edpb_mapping[10][0] == "communication"


def test_broken_edpb_mapping_is_named(forms_copy):
    _edit(forms_copy, "cnil_form.toml", 'edpb = "communication"', 'edpb = "inconnue"')
    with pytest.raises(ProcedureError, match=re.escape("forms/cnil_form.toml : clé « sections[9].edpb »")):
        load_procedure(forms_copy)


def test_the_cnil_form_is_data_and_every_field_has_its_value():
    """Issue 12: forms/cnil_form.toml lists every field in order with its EDPB field numbers and
    its status; documents/content.py values each id (no field without a value, no value without
    a field)."""
    from incident_wizard.documents.content import FIELD_VALUES

    procedure = load_procedure()
    ids = [f.id for s in procedure.cnil_form for f in s.fields]
    assert sorted(ids) == sorted(FIELD_VALUES)
    assert [s.number for s in procedure.cnil_form] == list(range(1, len(procedure.cnil_form) + 1))
    assert all(f.status in ("verifie", "reconstitue") for s in procedure.cnil_form for f in s.fields)


# The mandatory fields of the EDPB draft common template that apply to a French pharmacy
# notifying the CNIL (source: github.com/NicklawAI/edpb-breach-notification-assistant, src/data.js,
# fields marked mandatory "yes"; #120, for controllers outside the EEA, does not apply).
EDPB_MANDATORY_FOR_A_PHARMACY = (3, 4, 12, 13, 21, 22, 23, 29, 30, 31, 38, 39, 40, 41, 44, 48, 50,
                                 51, 55, 60, 61, 62, 63, 65, 66, 67, 70, 71, 72, 73, 75, 76, 85,
                                 87, 89, 90, 92, 94, 95, 97, 113)


def test_every_applicable_mandatory_edpb_field_has_a_place_in_the_draft():
    procedure = load_procedure()
    answered = {n for s in procedure.cnil_form for f in s.fields for n in f.edpb}
    assert len(EDPB_MANDATORY_FOR_A_PHARMACY) == 41
    assert sorted(set(EDPB_MANDATORY_FOR_A_PHARMACY) - answered) == []
