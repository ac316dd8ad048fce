"""Writing rendered documents to files: one incident's documents from its view, the register's
Word, PDF and CSV files, the yearly review. These functions render what they are given and
decide nothing: which documents an incident needs, and the journaling of an export, are the
application layer's (application.exports), from domain.obligations."""

from __future__ import annotations

import csv
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from markupsafe import escape

from .. import files
from ..domain import clock, obligations
from ..domain.model import Incident
from ..domain.procedure import Procedure
from ..domain.values import Value
from . import content
from .html_docx import write_docx
from .pdf import write_pdf
from .templates import PDF_TEXT_LIMIT, Renderer

#: Called with the name of each file about to be written (a progress display).
Progress = Callable[[str], None]


def silent(name: str) -> None:
    """A progress display that shows nothing."""


@dataclass(eq=False, repr=False)
class ExportResult(Value):
    """The files an export wrote and the warnings to show the user."""
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def make_private(paths: list[Path]) -> None:
    """Exported files hold personal data: readable by their owner only (POSIX)."""
    if os.name == "posix":
        for path in paths:
            if path.is_file():
                os.chmod(path, 0o600)


def safe_name(text: str) -> str:
    return content.file_base(text)


#: Each document of an incident: file name, template (None: plain text), title.
INCIDENT_DOCUMENTS = {
    obligations.DOC_CNIL: ("notification-cnil", "cnil_notification.html", "Brouillon de notification CNIL"),
    obligations.DOC_LETTER: ("courrier-personnes", "letter.html", "Courrier aux personnes concernées"),
    obligations.DOC_EMAIL: ("courriel-personnes", "email.txt", "Courriel aux personnes concernées"),
    obligations.DOC_SMS: ("sms-personnes", None, "SMS aux personnes concernées"),
    obligations.DOC_NOTICE: ("affiche-communication-publique", "notice.html", "Communication publique"),
    obligations.DOC_SHEET: ("fiche-registre", "register_sheet.html", "Fiche du registre"),
}


#: The register PDF's body size (points): the Word register's 8 points, as Qt lays it out.
REGISTER_PDF_SIZE = 7.0

#: The public notice's body size (points); its title and key lines (who, period, whom to ask)
#: are 1.9 and 1.5 times larger, to be read on A4 from two metres.
NOTICE_SIZE = 11.5


def cnil_context(view, procedure: Procedure, entries, check_message: str,  # noqa: ANN001 - a view
                 now: datetime, kind: str, anchor: str = "", altered: str = "") -> dict:
    """What the CNIL draft template lays out, from the incident's view."""
    incident = view.incident
    return {
        "anchor": anchor,
        "altered": altered,
        "late_awareness": view.late_awareness,
        "reference": incident.reference,
        "kind": kind,
        "kind_label": procedure.options["notification_kinds"].label_of(kind),
        "sections": (sections := content.cnil_sections(view, procedure, kind, now)),
        "later_items": any(f.unknown_yet for s in sections for f in s.fields),
        "reconstructed": ", ".join(str(s.number) for s in procedure.cnil_form
                                   if s.status == "reconstitue"),
        "deadline_text": view.headline(now),
        "generated_at": clock.format_datetime(now),
        "timeline": content.timeline(entries, incident.dates.awareness_at, procedure),
        "journal_check": check_message,
        "org": incident.organisation,
    }


def _marked_html(html: str, mark: str) -> str:
    """A document written although not needed says so first, whatever the template."""
    if not mark:
        return html
    return f"<p><strong>{escape(mark.upper())}</strong></p>\n" + html


def write_incident_files(view, procedure: Procedure, entries, out_dir: Path,  # noqa: ANN001 - a view
                         which: dict[str, str], now: datetime, kind: str, anchor: str,
                         check_message: str, altered: str, renderer: Renderer, pdf: bool = True,
                         progress: Progress = silent, decided_by: str = "") -> list[tuple[Path, str]]:
    """Write the documents of ``which`` (document kind -> the mark of a document written though
    not needed, "" when it is needed), in the order of INCIDENT_DOCUMENTS; (path, kind) each."""
    incident = view.incident
    reference = incident.reference
    base = safe_name(reference)
    written: list[tuple[Path, str]] = []
    comm = None

    def both(kind_: str, context: dict) -> None:
        name, template, title = INCIDENT_DOCUMENTS[kind_]
        mark = which[kind_]
        docx_path = out_dir / f"{base}-{name}.docx"
        progress(docx_path.name)
        # The public notice is read on a wall: body text twice the letter's size.
        size = NOTICE_SIZE if kind_ == obligations.DOC_NOTICE else None
        with files.atomic_path(docx_path) as tmp:
            write_docx(_marked_html(renderer.render(template, context), mark), tmp, f"{title} {reference}",
                       **({"base_size": size, "poster": True} if size else {}))
        written.append((docx_path, kind_))
        if pdf:
            pdf_path = out_dir / f"{base}-{name}.pdf"
            progress(pdf_path.name)
            with files.atomic_path(pdf_path) as tmp:
                write_pdf(_marked_html(renderer.render(template, context, PDF_TEXT_LIMIT), mark), tmp,
                          f"{title} {reference}", **({"font_size": size, "poster": True} if size else {}))
            written.append((pdf_path, kind_))

    def text(kind_: str, body: str) -> None:
        name = INCIDENT_DOCUMENTS[kind_][0]
        path = out_dir / f"{base}-{name}.txt"
        progress(path.name)
        mark = which[kind_]
        files.write_text(path, (f"{mark.upper()}\n\n" if mark else "") + content.clean(body))
        written.append((path, kind_))

    for kind_ in INCIDENT_DOCUMENTS:
        if kind_ not in which:
            continue
        if kind_ == obligations.DOC_CNIL:
            both(kind_, cnil_context(view, procedure, entries, check_message, now, kind, anchor, altered))
        elif kind_ == obligations.DOC_SHEET:
            row = content.register_row(view, procedure, now, decided_by=decided_by)
            both(kind_, {"org": incident.organisation, "row": row, "columns": content.REGISTER_COLUMNS,
                         "timeline": content.timeline(entries, incident.dates.awareness_at, procedure),
                         "generated_at": clock.format_datetime(now), "anchor": anchor,
                         "altered": altered})
        else:
            # No journal hash on what a patient reads (it stays on the CNIL draft and the
            # register sheet); a template written before keeps its "anchor" line, which then
            # shows the file's reference.
            comm = comm or {"c": content.communication(incident, procedure),
                            "today": clock.format_date(now), "anchor": reference}
            if kind_ == obligations.DOC_EMAIL:
                text(kind_, renderer.render("email.txt", comm))
            elif kind_ == obligations.DOC_SMS:
                text(kind_, content.sms_text(incident, procedure))
            else:
                both(kind_, comm)
    return written


def persons_warnings(incident: Incident, procedure: Procedure) -> list[str]:
    """What the texts to the persons leave out, and why (the minimisation guard)."""
    return list(content.communication(incident, procedure)["withheld"])


def in_period(incident_time: datetime | None, start: date | None, end: date | None) -> bool:
    if incident_time is None:
        return start is None and end is None
    local = clock.to_paris(incident_time).date()
    return (start is None or local >= start) and (end is None or local <= end)


def period_label(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "toutes périodes"
    fmt = "%d/%m/%Y"
    if start and end:
        return f"du {start:{fmt}} au {end:{fmt}}"
    return f"à partir du {start:{fmt}}" if start else f"jusqu'au {end:{fmt}}"


def write_register_files(rows: Iterable[dict[str, str]], context: dict, base: Path, renderer: Renderer,
                         pdf: bool = True, progress: Progress = silent, xlsx: bool = True) -> list[Path]:
    """The register as a CSV for French Excel, an Excel workbook (``xlsx``) and a landscape
    .docx (and .pdf) table, written in that order (the PDF, by far the slowest, last); ``rows``
    (also ``context["rows"]``) is read once for each file, one row at a time
    (documents.rows.Rows, or a list)."""
    docx_path, pdf_path, csv_path, xlsx_path = (base.with_suffix(s) for s in (".docx", ".pdf", ".csv", ".xlsx"))
    progress(csv_path.name)
    write_register_csv(rows, csv_path)
    if xlsx:
        from .spreadsheet import write_register_xlsx

        progress(xlsx_path.name)
        write_register_xlsx(rows, xlsx_path)
    written = [docx_path]
    progress(docx_path.name)
    with files.atomic_path(docx_path) as tmp:
        write_docx(renderer.stream("register.html", context), tmp,
                   "Registre des violations de données personnelles", landscape=True, base_size=7.5)
    if pdf:
        written.append(pdf_path)
        progress(pdf_path.name)
        with files.atomic_path(pdf_path) as tmp:
            write_pdf(renderer.stream("register.html", context, PDF_TEXT_LIMIT), tmp,
                      "Registre des violations de données personnelles", landscape=True,
                      font_size=REGISTER_PDF_SIZE)
    written.append(csv_path)
    if xlsx:
        written.append(xlsx_path)
    make_private(written)
    return written


def write_register_csv(rows: Iterable[dict[str, str]], path: Path) -> None:
    """UTF-8 with BOM and ';' so that French Excel opens it as columns."""
    with files.atomic_path(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow([label for _, label in content.REGISTER_COLUMNS])
        for row in rows:
            writer.writerow([spreadsheet_safe(row[key]) for key, _ in content.REGISTER_COLUMNS])


#: A cell starting with one of these is run as a formula by Excel or LibreOffice (OWASP, "CSV
#: Injection"): it is written after an apostrophe, which spreadsheets show as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value
