"""The register as an Excel workbook (issue 26, item 5): the same columns and texts as the CSV
written in the same export (the one column model), typed Paris dates (DST-exact) and counts, the
header frozen, filters, sized columns; a text never runs as a formula; Excel's cell limit
respected; opened back with openpyxl and by LibreOffice Calc; on the CLI (`register`, `--no-xlsx`)
and in the register dialog."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from datetime import datetime

import pytest
from openpyxl import load_workbook

from incident_wizard.application.exports import write_register
from incident_wizard.application.sample import build_sample
from incident_wizard.application.session import IncidentSession
from incident_wizard.cli import main
from incident_wizard.domain.procedure import load_procedure

from .conftest import utc

PROCEDURE = load_procedure()
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
REQUIRED = bool(os.environ.get("INCIDENT_WIZARD_REQUIRE_LIBREOFFICE"))


def by_suffix(files, suffix):
    (found,) = [p for p in files if p.suffix == suffix]
    return found


def csv_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


@pytest.fixture
def register(storage, tmp_path):
    """The sample incident, and one whose facts fall on the night of the spring DST change in
    Paris, with a title a spreadsheet would run as a formula and a description longer than an
    Excel cell holds."""
    sample = build_sample(storage, PROCEDURE)
    ref = storage.create_incident(at=utc(2026, 3, 29, 3)).reference
    s = IncidentSession(storage, PROCEDURE, ref, now=lambda: utc(2026, 3, 29, 12))
    s.set_value("title", '=HYPERLINK("http://exemple.invalid";"cliquez")')
    s.set_value("dates.breach_start", utc(2026, 3, 29, 0, 30))  # 01:30 in Paris (UTC+1)
    s.set_value("dates.awareness_at", utc(2026, 3, 29, 1, 30))  # 03:30 in Paris (UTC+2 since 01:00 UTC)
    s.set_value("scope.persons_count", 1250)
    s.set_value("discovery.description", "Fuite. " * 6000)  # 42,000 characters
    result = write_register(storage, PROCEDURE, tmp_path / "out", pdf=False)
    return sample, ref, result


def test_the_workbook_has_the_csv_columns_and_texts_with_typed_cells(register):
    sample, ref, result = register
    names = sorted(p.name for p in result.files)
    assert names == ["registre-violations-complet.csv", "registre-violations-complet.docx",
                     "registre-violations-complet.xlsx"]
    xlsx = by_suffix(result.files, ".xlsx")
    if os.name == "posix":
        assert xlsx.stat().st_mode & 0o777 == 0o600  # personal data: the owner's only
    header, *lines = csv_rows(by_suffix(result.files, ".csv"))
    sheet = load_workbook(xlsx).active
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert list(table[0]) == header  # the same column model, in the same order
    assert len(table) == len(lines) + 1 == 3
    by_reference = {row[0]: row for row in table[1:]}
    assert set(by_reference) == {sample, ref}
    for line in lines:
        row = by_reference[line[0]]
        for label, text, value in zip(header, line, row, strict=True):
            if isinstance(value, datetime):
                assert value.strftime("%d/%m/%Y %H:%M") == text, label
            elif isinstance(value, int):
                assert str(value) == text, label
            elif label == "Description des faits" and len(text) > 32_767:
                assert len(value) <= 32_767 and "texte coupé" in value
            else:  # the CSV puts an apostrophe before what would run as a formula
                assert (value or "") == (text[1:] if text.startswith("'=") else text), label

    row = dict(zip(header, by_reference[ref], strict=True))
    # Paris time, DST-exact: 00:30 UTC is 01:30 (UTC+1); 01:30 UTC is 03:30 (UTC+2, after the change).
    assert row["Début"] == datetime(2026, 3, 29, 1, 30)
    assert row["Prise de connaissance"] == datetime(2026, 3, 29, 3, 30)
    assert row["Fin"] is None
    assert row["Nombre de personnes"] == 1250
    assert row["Intitulé"] == '=HYPERLINK("http://exemple.invalid";"cliquez")'


def test_the_workbook_is_laid_out_for_a_dpo(register):
    _, ref, result = register
    workbook = load_workbook(by_suffix(result.files, ".xlsx"))
    sheet = workbook.active
    assert sheet.freeze_panes == "B2"  # header row and reference column stay in sight
    last = sheet.cell(row=1, column=sheet.max_column).column_letter
    assert sheet.auto_filter.ref == f"A1:{last}3"
    widths = [sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width
              for c in range(1, sheet.max_column + 1)]
    assert min(widths) >= 14 and max(widths) >= 60
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.row_dimensions[1].height >= 30  # the wrapped labels are readable
    # Printed: landscape A4, the header row and the reference column on every page.
    assert (sheet.page_setup.orientation, int(sheet.page_setup.paperSize)) == ("landscape", 9)
    assert (sheet.print_title_rows, sheet.print_title_cols) == ("$1:$1", "$A:$A")
    awareness = next(c for c in sheet[1] if c.value == "Prise de connaissance").column
    title = next(c for c in sheet[1] if c.value == "Intitulé").column
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == ref:
            assert row[awareness - 1].is_date and row[awareness - 1].number_format == "dd/mm/yyyy hh:mm"
            assert row[title - 1].data_type == "s"  # text, not a formula


def test_libreoffice_calc_reads_the_workbook(register, tmp_path):
    if not SOFFICE and not REQUIRED:
        pytest.skip("LibreOffice not installed")
    assert SOFFICE, "CI must install LibreOffice (Calc)"
    _, ref, result = register
    xlsx = by_suffix(result.files, ".xlsx")
    out = tmp_path / "lo"
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1", "--outdir", str(out), str(xlsx)],
        capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    converted = out / (xlsx.stem + ".csv")
    assert converted.is_file(), (done.stdout, done.stderr, "install libreoffice-calc-nogui")
    with open(converted, encoding="utf-8", newline="") as handle:
        header, *lines = list(csv.reader(handle, delimiter=";"))
    expected_header, *_ = csv_rows(by_suffix(result.files, ".csv"))
    assert header == expected_header
    row = dict(zip(header, next(line for line in lines if line[0] == ref), strict=True))
    assert row["Prise de connaissance"] == "29/03/2026 03:30"  # a date, shown in its format
    assert row["Nombre de personnes"] == "1250"
    assert row["Intitulé"].startswith("=HYPERLINK(")  # shown as typed, never evaluated


def test_the_cli_writes_the_workbook_unless_asked_not_to(data_dir, tmp_path, capsys):
    from incident_wizard.storage import Storage

    with Storage.open(data_dir) as storage:
        build_sample(storage, PROCEDURE)
    assert main(["register", "--data-dir", str(data_dir), "--out", str(tmp_path / "a"), "--no-pdf"]) == 0
    assert sorted(p.suffix for p in (tmp_path / "a").iterdir()) == [".csv", ".docx", ".xlsx"]
    assert main(["register", "--data-dir", str(data_dir), "--out", str(tmp_path / "b"), "--no-pdf",
                 "--no-xlsx"]) == 0
    assert sorted(p.suffix for p in (tmp_path / "b").iterdir()) == [".csv", ".docx"]


def test_the_gui_start_imports_neither_openpyxl_nor_babel():
    """Both are imported when a workbook is written or a catalogue compiled, never at start."""
    code = ("import sys, incident_wizard.main, incident_wizard.ui.main_window, incident_wizard.cli; "
            "print(sorted(m for m in ('openpyxl', 'babel') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
