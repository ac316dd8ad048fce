"""PDF through Qt's own writer (no other software): the one function that does it."""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path


def ensure_gui_application():
    """QTextDocument needs a GUI application; start an offscreen one when none runs (CLI).

    A QApplication (not a bare QGuiApplication), so that windows can still be opened later in
    the same process."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and os.name == "posix":
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["incident-wizard"])
    return app


#: A long table is laid out in parts of at most this many rows or characters of HTML (Qt's
#: layout of one table grows faster than its rows: 4,000 short rows take ten times as long as
#: 1,000); each part starts a page and repeats the table's heading row.
PART_ROWS = 400
PART_CHARS = 1_000_000


def write_pdf(html: str | Iterable[str], path: Path, title: str, landscape: bool = False,
              font_size: float = 9.5, poster: bool = False) -> None:
    """Lay out ``html`` (one string, or its pieces in order) on A4 pages (portrait or landscape)
    and write a PDF file. A long table is laid out part by part (``PART_ROWS``), so that the
    time grows with the rows and the memory does not."""
    ensure_gui_application()
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
    from PySide6.QtGui import (
        QAbstractTextDocumentLayout,
        QFont,
        QPageLayout,
        QPageSize,
        QPainter,
        QPalette,
        QPdfWriter,
        QTextDocument,
    )

    from .content import clean
    from .texts import batched

    tmp = path.with_name(path.name + ".tmp")
    writer = QPdfWriter(str(tmp))
    writer.setTitle(clean(title)[:250])
    writer.setCreator("Incident Wizard")
    writer.setResolution(300)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    page = QSizeF(writer.pageLayout().paintRectPixels(writer.resolution()).size())

    def laid_out(part: str, writer: QPdfWriter) -> QTextDocument:
        document = QTextDocument()
        # Lay the text out for the writer itself (its resolution for the fonts, its printable
        # area for the page): without this, print_() adds its own 2 cm margins to the page
        # layout's.
        document.documentLayout().setPaintDevice(writer)
        document.setPageSize(page)
        document.setDocumentMargin(0)
        font = QFont("DejaVu Sans")
        font.setPointSizeF(font_size)
        document.setDefaultFont(font)
        document.setDefaultStyleSheet(_css(font_size, poster))
        document.setHtml(_column_widths(clean(part)))
        return document

    painter = None
    try:
        parts = _parts(batched(html))
        first, rows = next(parts, ("", 0))
        second = next(parts, None)
        if second is None:  # one part: Qt prints it as ever
            laid_out(first, writer).print_(writer)
        else:
            # Several parts, one after the other on new pages, drawn as QTextDocument.print_()
            # draws its pages (the document is laid out for the writer: no scaling).
            painter = QPainter(writer)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.black)
            height = page.height()
            started = False
            for part, _rows in itertools.chain([(first, rows), second], parts):
                document = laid_out(part, writer)
                layout = document.documentLayout()
                for index in range(document.pageCount()):
                    if started:
                        writer.newPage()
                    started = True
                    painter.save()
                    painter.translate(0, -index * height)
                    view = QRectF(0, index * height, page.width(), height)
                    painter.setClipRect(view)
                    context.clip = view
                    layout.draw(painter, context)
                    painter.restore()
                del document, layout
    finally:
        if painter is not None:
            painter.end()
        del writer  # flushes and closes the file
    tmp.replace(path)


_ROWS_TAG = re.compile(r"<(/?)(table|tr|th)\b[^>]*>", re.I)


def _parts(pieces: Iterable[str]) -> Iterator[tuple[str, int]]:
    """The HTML cut before a row of a top-level table once the part holds PART_ROWS rows or
    PART_CHARS characters: (part, the table rows up to its end). The next part opens the same
    table again (its tag, with its column widths) and repeats its heading row (a first row of
    <th> cells)."""
    buffer = ""
    scanned = 0  # how much of buffer is scanned
    depth = 0
    opening = heading = ""
    row_start = -1
    row_heading = first_row = False
    rows = done = 0
    for piece in itertools.chain(pieces, [None]):
        if piece is not None:
            buffer += piece
        limit = len(buffer)
        if piece is not None:
            cut = buffer.rfind("<", scanned)
            if cut >= 0 and buffer.find(">", cut) < 0:
                limit = cut  # a tag goes on in the next piece
        position = scanned
        while True:
            match = _ROWS_TAG.search(buffer, position, limit)
            if match is None:
                break
            position = match.end()
            closing, name = match.group(1), match.group(2).lower()
            if name == "table":
                if closing:
                    depth = max(depth - 1, 0)
                else:
                    depth += 1
                    if depth == 1:
                        opening, heading, first_row, row_start = match.group(0), "", True, -1
            elif depth != 1:
                continue
            elif name == "th":
                row_heading = row_heading or not closing
            elif closing:
                if first_row and row_heading and row_start >= 0:
                    heading = buffer[row_start:match.end()]
                data_row = not (first_row and row_heading)
                rows += data_row
                done += data_row
                first_row = False
            elif rows and (rows >= PART_ROWS or match.start() >= PART_CHARS):
                yield buffer[:match.start()] + "</table>", done
                rest = opening + heading
                buffer = rest + buffer[match.start():]
                limit += len(rest) - match.start()
                position = len(rest)  # this row again, first of the next part
                rows = 0
            else:
                row_start, row_heading = match.start(), False
        scanned = limit
    yield buffer, done


_TABLE = re.compile(r"<table\b[^>]*\bdata-widths=\"([\d.,\s]+)\"[^>]*>(.*?)</tr>", re.S | re.I)
_CELL = re.compile(r"<(t[hd])\b", re.I)


def _column_widths(html: str) -> str:
    """Give the first row's cells of a table with ``data-widths`` (the templates' relative
    column widths, also read by the Word writer) percentage widths, which Qt honours."""

    def widths(match: re.Match) -> str:
        try:
            parts = [float(x) for x in match.group(1).split(",") if x.strip()]
        except ValueError:
            return match.group(0)
        total = sum(parts) or 1
        cells = iter(f"{100 * p / total:.1f}" for p in parts)

        def cell(m: re.Match) -> str:
            width = next(cells, None)
            return f'<{m.group(1)} width="{width}%"' if width else m.group(0)

        head = match.group(0)
        start = head.index(">") + 1
        return head[:start] + _CELL.sub(cell, head[start:])

    return _TABLE.sub(widths, html)


def _css(font_size: float, poster: bool) -> str:
    """The style sheet for a body size: the documents' own at 9.5 points; larger (a notice for a
    wall), its title and key lines (h1, h2) read from afar; smaller (the register), its title
    in proportion."""
    if poster:
        return (PDF_CSS.replace("font-size: 16pt", f"font-size: {font_size * 1.9:.0f}pt")
                .replace("font-size: 12.5pt", f"font-size: {font_size * 1.5:.0f}pt"))
    if font_size == 9.5:
        return PDF_CSS
    return PDF_CSS.replace("font-size: 16pt", f"font-size: {font_size * 1.6:.0f}pt")


PDF_CSS = """
h1 { font-size: 16pt; color: #1f3b73; }
h2 { font-size: 12.5pt; color: #1f3b73; margin-top: 10px; }
h3 { font-size: 11pt; }
table { border-collapse: collapse; }
td, th { border: 1px solid #999999; padding: 3px; vertical-align: top; }
th { background-color: #e8eef8; }
.missing { color: #b00020; font-style: italic; }
.small { font-size: 8pt; color: #555555; }
"""
