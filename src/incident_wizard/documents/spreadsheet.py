"""The register as an Excel workbook (.xlsx, through openpyxl): the same column model as the CSV,
the Word and the PDF register (``REGISTER_MODEL``, one column per entry, in its order), with
typed cells (Paris dates and times as dates, counts as numbers), the header frozen, filters on
every column and widths from each column's kind. openpyxl is imported here only, when a register
is written: the app's start does not pay for it.

A text is always a text cell: a title typed as "=HYPERLINK(…)" is shown, never run (openpyxl
would otherwise store any string starting with "=" as a formula). Excel refuses a cell of more
than 32,767 characters: a longer text is cut, with a note saying so (the Word register and the
CSV keep it whole)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from .. import files
from .register_content import DATETIME, INTEGER, LONG, REGISTER_MODEL, SHORT

#: Excel's limit on the characters of one cell.
CELL_LIMIT = 32_767
#: The format of the dates and times (the CSV's, "26/10/2026 09:00", Paris time).
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
#: The text ``clock.format_short`` writes, read back as a date for the cell.
_SHORT_FORMAT = "%d/%m/%Y %H:%M"
#: Column widths (in characters) by kind.
WIDTHS = {DATETIME: 17, INTEGER: 14, SHORT: 16, LONG: 60}
TEXT_WIDTH = 32
SHEET_TITLE = "Registre"


def cell_value(kind: str, text: str) -> object:
    """What the cell of a column of ``kind`` holds for the register's ``text``: a naive
    datetime (Paris time, as printed) for a date, an int for a count, else the text (a date
    column's words, "inconnu", "en cours", stay text)."""
    if not text:
        return None
    if kind == DATETIME:
        try:
            return datetime.strptime(text, _SHORT_FORMAT)
        except ValueError:
            return text
    if kind == INTEGER and text.isascii() and text.isdigit():
        return int(text)
    if len(text) > CELL_LIMIT:
        note = f" […] (texte coupé : {len(text)} caractères ; voir le registre Word ou le CSV)"
        return text[:CELL_LIMIT - len(note)] + note
    return text


def write_register_xlsx(rows: Iterable[dict[str, str]], path: Path, title: str = "") -> None:
    """Write the register's ``rows`` (keyed as in REGISTER_MODEL) to ``path``, one row at a time
    (openpyxl's write-only mode: a register of any size holds one row in memory), atomically
    and private to the user like every export."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    workbook.properties.title = title or "Registre des violations de données personnelles"
    workbook.properties.creator = "Incident Wizard"
    sheet = workbook.create_sheet(SHEET_TITLE)
    for index, column in enumerate(REGISTER_MODEL, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(column.kind, TEXT_WIDTH)
    sheet.freeze_panes = "B2"  # the header and the reference stay in sight
    # Printed: landscape A4, the header row and the reference column on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4 (ECMA-376 paper size code)
    sheet.print_title_rows = "1:1"
    sheet.print_title_cols = "A:A"
    # The header row tall enough for its longest wrapped label (spreadsheets do not always
    # size a row that is written without a height).
    lines = max(math.ceil(len(c.label) * 1.15 / WIDTHS.get(c.kind, TEXT_WIDTH)) for c in REGISTER_MODEL)
    sheet.row_dimensions[1].height = 15 * max(lines, 1)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    header = []
    for column in REGISTER_MODEL:
        cell = WriteOnlyCell(sheet, value=column.label)
        cell.font, cell.alignment = bold, wrap
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        cells = []
        for column in REGISTER_MODEL:
            value = cell_value(column.kind, row[column.key])
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # a text, never a formula
                cell.alignment = wrap
            elif isinstance(value, datetime):
                cell.number_format = DATETIME_FORMAT
            cells.append(cell)
        sheet.append(cells)
        count += 1
    last = get_column_letter(len(REGISTER_MODEL))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    with files.atomic_path(path) as tmp:
        workbook.save(tmp)
