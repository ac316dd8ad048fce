"""One DPO, several pharmacies in one data folder (issue 15, item 2): each incident keeps its
pharmacy; two pharmacies' "VDP-2026-001" live side by side (the second as
"VDP-2026-001@SIRET", its journal still the pharmacy's own); the home list, the register and the
inspection folder filter by pharmacy; a dashboard lists every open deadline, soonest first."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from incident_wizard.application.exports import pharmacies, resolve_pharmacy, write_register
from incident_wizard.application.session import IncidentSession
from incident_wizard.application.workspace import Workspace
from incident_wizard.cli import main
from incident_wizard.domain import clock
from incident_wizard.domain.dashboard import open_deadlines
from incident_wizard.domain.errors import ValidationError
from incident_wizard.domain.model import Contact, Organisation
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.storage import Storage

PROCEDURE = load_procedure()
TILLEULS = Organisation(name="Pharmacie des Tilleuls", siret="73282932000074",
                        contact=Contact(name="Claire Martin", email="c.martin@example.fr"))
GARE = Organisation(name="Pharmacie de la Gare", siret="40483304800022",
                    contact=Contact(name="Paul Durand", email="p.durand@example.fr"))


def pharmacy_file(tmp_path: Path, org: Organisation, title: str, aware_hours_ago: float,
                  name: str) -> tuple[Path, Path]:
    """A pharmacy's own folder with one incident (VDP-AAAA-001), exported to a file."""
    folder = tmp_path / name
    now = clock.now_utc()
    with Storage.open(folder) as storage:
        storage.save_profile(org)
        ref = storage.create_incident(at=now, title=title).reference
        s = IncidentSession(storage, PROCEDURE, ref, now=lambda: now)
        s.set_value("dates.awareness_at", now - timedelta(hours=aware_hours_ago))
    path = tmp_path / f"{name}.json"
    assert main(["--data-dir", str(folder), "export-incident", ref, str(path)]) == 0
    return folder, path


@pytest.fixture
def dpo(tmp_path, capsys):
    """The DPO's folder, holding both pharmacies' VDP-…-001."""
    a_folder, a_file = pharmacy_file(tmp_path, TILLEULS, "Rançongiciel au comptoir", 10, "tilleuls")
    b_folder, b_file = pharmacy_file(tmp_path, GARE, "Courriel au mauvais patient", 30, "gare")
    folder = tmp_path / "dpo"
    assert main(["--data-dir", str(folder), "import-incident", str(a_file)]) == 0
    assert main(["--data-dir", str(folder), "import-incident", str(b_file)]) == 0
    out = capsys.readouterr().out
    return folder, (a_folder, a_file), (b_folder, b_file), out


def test_two_pharmacies_same_reference_live_side_by_side(dpo):
    folder, _, _, out = dpo
    year = clock.to_paris(clock.now_utc()).year
    ref = f"VDP-{year}-001"
    assert f"importé sous la référence {ref}@40483304800022" in out
    with Storage.open(folder) as storage:
        rows = {r.reference: r for r in storage.list_incidents()}
        assert set(rows) == {ref, f"{ref}@40483304800022"}
        assert rows[ref].pharmacy == "Pharmacie des Tilleuls"
        assert rows[f"{ref}@40483304800022"].pharmacy == "Pharmacie de la Gare"
        for reference in rows:
            assert storage.verify_journal(reference).ok
        second = storage.load_incident(f"{ref}@40483304800022")
        assert second.organisation.name == "Pharmacie de la Gare"
        # Its journal is the pharmacy's own: it still says VDP-…-001 and extends from there.
        assert storage.journal(second.reference)[0].details.get("title") == "Courriel au mauvais patient"
        assert [i for i, _ in pharmacies(storage)] == ["siret:40483304800022", "siret:73282932000074"]


def test_the_same_pharmacy_updates_its_own_incident(dpo, tmp_path):
    folder, _, (b_folder, _), _ = dpo
    year = clock.to_paris(clock.now_utc()).year
    ref = f"VDP-{year}-001"
    with Storage.open(b_folder) as storage:  # the Gare pharmacy goes on working
        s = IncidentSession(storage, PROCEDURE, ref)
        s.choose_scenario("erreur-envoi")
    newer = tmp_path / "gare-2.json"
    assert main(["--data-dir", str(b_folder), "export-incident", ref, str(newer)]) == 0
    assert main(["--data-dir", str(folder), "import-incident", "--update", str(newer)]) == 0
    with Storage.open(folder) as storage:
        assert storage.load_incident(f"{ref}@40483304800022").scenario == "erreur-envoi"
        assert storage.load_incident(ref).scenario == ""  # the Tilleuls' incident untouched
        assert storage.verify_journal(f"{ref}@40483304800022").ok
    # The DPO's copy travels on and still verifies in a fresh folder.
    again = tmp_path / "dpo-copy.json"
    assert main(["--data-dir", str(folder), "export-incident", f"{ref}@40483304800022", str(again)]) == 0
    assert main(["--data-dir", str(tmp_path / "fresh"), "import-incident", str(again)]) == 0
    assert main(["--data-dir", str(tmp_path / "fresh"), "verify-journal", ref]) == 0


def test_register_per_pharmacy_or_consolidated(dpo, tmp_path):
    folder, *_ = dpo
    with Storage.open(folder) as storage:
        gare = resolve_pharmacy(storage, "gare")
        assert gare == resolve_pharmacy(storage, "404 833 048 00022") == "siret:40483304800022"
        with pytest.raises(ValidationError, match="Aucune pharmacie"):
            resolve_pharmacy(storage, "inconnue")
        with pytest.raises(ValidationError, match="plusieurs pharmacies"):
            resolve_pharmacy(storage, "pharmacie")
        one = write_register(storage, PROCEDURE, tmp_path / "gare", pdf=False, pharmacy=gare)
        both = write_register(storage, PROCEDURE, tmp_path / "tous", pdf=False)

    def rows(result):
        (path,) = [f for f in result.files if f.suffix == ".csv"]
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle, delimiter=";"))

    column = "Pharmacie (responsable du traitement)"
    assert [r[column] for r in rows(one)] == ["Pharmacie de la Gare — SIRET 40483304800022"]
    assert sorted(r[column] for r in rows(both)) == ["Pharmacie de la Gare — SIRET 40483304800022",
                                                     "Pharmacie des Tilleuls — SIRET 73282932000074"]
    assert any("40483304800022" in f.name for f in one.files)
    # The CLI says the same.
    assert main(["--data-dir", str(folder), "register", "--out", str(tmp_path / "cli"), "--no-pdf",
                 "--pharmacy", "Tilleuls"]) == 0
    assert main(["--data-dir", str(folder), "inspection", "--out", str(tmp_path / "insp"),
                 "--pharmacy", "Gare"]) == 0
    readme = (tmp_path / "insp" / "LISEZ-MOI.txt").read_text(encoding="utf-8")
    assert "Courriel au mauvais patient" in readme and "Rançongiciel" not in readme


def test_deadlines_across_pharmacies_soonest_first(dpo, capsys):
    folder, *_ = dpo
    with Storage.open(folder) as storage:
        items = open_deadlines(storage.list_incidents(), clock.now_utc())
    # The Gare became aware 30 h ago, the Tilleuls 10 h ago: the Gare's 72 h come first.
    assert [(i.pharmacy, i.kind) for i in items] == [("Pharmacie de la Gare", "cnil"),
                                                     ("Pharmacie des Tilleuls", "cnil")]
    assert items[0].left.startswith("dans 4") and items[1].left.startswith("dans 6")
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "deadlines"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[2] for line in lines] == ["Pharmacie de la Gare", "Pharmacie des Tilleuls"]


def test_home_filters_by_pharmacy_and_shows_the_dashboard(dpo, qtbot, monkeypatch):
    from incident_wizard.ui.dashboard import DeadlinesDialog
    from incident_wizard.ui.home import IncidentTableModel
    from incident_wizard.ui.main_window import MainWindow

    folder, *_ = dpo
    with Storage.open(folder) as storage:
        window = MainWindow(Workspace(storage, PROCEDURE))
        qtbot.addWidget(window)
        window.show()
        home = window.home
        assert home.pharmacy_filter.isVisible() and home.deadlines_button.isVisible()
        assert not home.table.isColumnHidden(IncidentTableModel.PHARMACY)
        assert sorted(home.visible_texts(IncidentTableModel.PHARMACY)) == [
            "Pharmacie de la Gare", "Pharmacie des Tilleuls"]
        home.pharmacy_filter.setCurrentIndex(home.pharmacy_filter.findText("Pharmacie de la Gare"))
        assert home.visible_texts(1) == ["Courriel au mauvais patient"]
        dialog = DeadlinesDialog(Workspace(storage, PROCEDURE), window)
        qtbot.addWidget(dialog)
        table = dialog.table.model()
        assert [table.index(r, 2).data() for r in range(table.rowCount())] == [
            "Pharmacie de la Gare", "Pharmacie des Tilleuls"]
        window.close()


def test_a_single_pharmacy_sees_no_pharmacy_filter(qtbot, storage):
    from incident_wizard.ui.home import IncidentTableModel
    from incident_wizard.ui.main_window import MainWindow

    storage.save_profile(TILLEULS)
    storage.create_incident(title="Seul incident")
    window = MainWindow(Workspace(storage, PROCEDURE))
    qtbot.addWidget(window)
    window.show()
    assert not window.home.pharmacy_filter.isVisible()
    assert window.home.table.isColumnHidden(IncidentTableModel.PHARMACY)


def test_far_deadlines_in_days_and_action_due_days_as_days():
    from datetime import date

    from incident_wizard.domain.followup import ActionDue
    from incident_wizard.storage import IncidentSummary

    now = clock.paris_to_utc(datetime(2026, 12, 2, 10, 0))
    row = IncidentSummary("VDP-2026-001", "t", "closed", now, now, None, None,
                          actions=(ActionDue("VDP-2026-001", "A1", "Sauvegardes", date(2026, 12, 31)),),
                          pharmacy="Pharmacie des Tilleuls")
    (item,) = open_deadlines([row], now)
    assert item.when == "31/12/2026 (fin de journée)" and item.left == "dans 29 jours"


def test_the_dpo_exports_never_block_the_pharmacys_next_file(dpo, tmp_path):
    """The DPO writes the register and an inspection folder with the pharmacy's incident, then
    the pharmacy sends its next file: the update is accepted (the DPO's exports of a copy are in
    the import log, not in the sender's chain), and the documents' printed head still verifies."""
    folder, _, (b_folder, _), _ = dpo
    year = clock.to_paris(clock.now_utc()).year
    ref, local = f"VDP-{year}-001", f"VDP-{year}-001@40483304800022"
    assert main(["--data-dir", str(folder), "register", "--out", str(tmp_path / "reg"), "--no-pdf"]) == 0
    assert main(["--data-dir", str(folder), "inspection", "--out", str(tmp_path / "insp")]) == 0
    with Storage.open(folder) as storage:
        before = storage.journal(local)
        head = before[-1].hash
        kinds = [i["kind"] for i in storage.imports(local)]
        assert kinds[0] == "new" and "document_exported" in kinds
        assert [e.action for e in before] == ["incident_created", "facts_changed"]
    with Storage.open(b_folder) as storage:
        IncidentSession(storage, PROCEDURE, ref).choose_scenario("erreur-envoi")
    newer = tmp_path / "gare-2.json"
    assert main(["--data-dir", str(b_folder), "export-incident", ref, str(newer)]) == 0
    assert main(["--data-dir", str(folder), "import-incident", "--update", str(newer)]) == 0
    assert main(["--data-dir", str(folder), "verify-journal", local, "--head", head]) == 0
    with Storage.open(folder) as storage:
        assert storage.load_incident(local).scenario == "erreur-envoi"


def test_an_unnamed_pharmacys_incident_does_not_block_another_pharmacy(tmp_path, capsys):
    unnamed = Organisation()
    _, a_file = pharmacy_file(tmp_path, unnamed, "Sans profil", 5, "sans-profil")
    _, b_file = pharmacy_file(tmp_path, GARE, "Courriel", 5, "gare")
    folder = tmp_path / "dpo"
    assert main(["--data-dir", str(folder), "import-incident", str(a_file)]) == 0
    assert main(["--data-dir", str(folder), "import-incident", str(b_file)]) == 0
    assert "40483304800022" in capsys.readouterr().out
    # Two pharmacies without SIRET whose names differ get two local references.
    centre = Organisation(name="Pharmacie du Centre", contact=Contact(name="A"))
    other = Organisation(name="Pharmacie du Centre !", contact=Contact(name="B"))
    assert centre.code() != other.code()
    assert Organisation(name="pharmacie  du CENTRE").code() == centre.code()
