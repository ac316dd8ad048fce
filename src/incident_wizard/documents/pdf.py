"""PDF through Qt's own writer (no other software): the one function that does it."""

from __future__ import annotations

import os
import re
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


def write_pdf(html: str, path: Path, title: str, landscape: bool = False) -> None:
    """Lay out ``html`` on A4 pages (portrait or landscape) and write a PDF file."""
    ensure_gui_application()
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    from .content import clean

    tmp = path.with_name(path.name + ".tmp")
    writer = QPdfWriter(str(tmp))
    writer.setTitle(clean(title)[:250])
    writer.setCreator("Incident Wizard")
    writer.setResolution(300)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    document = QTextDocument()
    # Lay the text out for the writer itself (its resolution for the fonts, its printable area
    # for the page): without this, print_() adds its own 2 cm margins to the page layout's.
    document.documentLayout().setPaintDevice(writer)
    document.setPageSize(QSizeF(writer.pageLayout().paintRectPixels(writer.resolution()).size()))
    document.setDocumentMargin(0)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9.5)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(PDF_CSS)
    document.setHtml(_column_widths(clean(html)))
    document.print_(writer)
    del writer  # flushes and closes the file
    tmp.replace(path)


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
