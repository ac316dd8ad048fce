"""Writing an incident's documents and the register to a folder; every export is journaled
(file name and SHA-256 of the file)."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .. import files
from ..domain import clock, followup, obligations
from ..domain.model import NOTIFICATION_KINDS, Incident
from ..domain.procedure import Procedure
from ..domain.risk import assess
from ..storage import DamagedIncidentError, Storage
from . import content
from .html_docx import write_docx
from .pdf import write_pdf
from .templates import PDF_TEXT_LIMIT, Renderer

#: Called with the name of each file about to be written (a progress display).
Progress = Callable[[str], None]


def _silent(name: str) -> None:
    pass


@dataclass
class ExportResult:
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
    import os

    if os.name == "posix":
        for path in paths:
            if path.is_file():
                os.chmod(path, 0o600)


def _safe_name(text: str) -> str:
    return content.file_base(text)


def cnil_context(incident: Incident, procedure: Procedure, entries, check_message: str,
                 now: datetime, kind: str | None = None, anchor: str = "", altered: str = "",
                 assessment=None) -> dict:  # noqa: ANN001 - a risk.Assessment
    kind = kind or content.notification_kind(incident, procedure, assessment)
    state = obligations.deadline_status(incident, now)
    return {
        "anchor": anchor,
        "altered": altered,
        "late_awareness": obligations.late_awareness_warning(incident),
        "reference": incident.reference,
        "kind": kind,
        "kind_label": procedure.options["notification_kinds"].label_of(kind),
        "sections": content.cnil_sections(incident, procedure, kind, now, assessment),
        "reconstructed": ", ".join(str(s.number) for s in procedure.cnil_form
                                   if s.status == "reconstitue"),
        "deadline_text": clock.describe(state) if state else
        "Date de prise de connaissance non renseignée : le délai de 72 heures ne peut pas être calculé.",
        "generated_at": clock.format_datetime(now),
        "timeline": content.timeline(entries, incident.dates.awareness_at),
        "journal_check": check_message,
        "org": incident.organisation,
    }


def write_incident_documents(storage: Storage, procedure: Procedure, reference: str, out_dir: Path,
                             now: datetime | None = None, kind: str | None = None,
                             actor: str | None = None, renderer: Renderer | None = None,
                             pdf: bool = True, progress: Progress | None = None) -> ExportResult:
    """The CNIL draft, the communication to the persons (letter, e-mail, SMS, public notice) and
    the register sheet of one incident, in ``out_dir``. ``progress(name)`` is called before each
    file is written."""
    progress = progress or _silent
    now = now or clock.now_utc()
    if kind is not None and kind not in NOTIFICATION_KINDS:
        raise ValueError(kind)
    renderer = renderer or Renderer()
    out_dir = files.make_export_dir(Path(out_dir))
    with storage.snapshot():  # the incident, its journal and the head printed: one state
        incident = storage.load_incident(reference)
        entries = storage.journal(reference)
        check = storage.verify_journal(reference)  # before any export
        head, count = storage.journal_head(reference)
    anchor = content.anchor_text(reference, head, count)
    altered = "" if check.ok else (
        f"ATTENTION : {check.message} Ce document reprend ce qui est enregistré, sans garantie.")
    base = _safe_name(reference)
    result = ExportResult()
    written: list[tuple[Path, str]] = []

    def both(name: str, template: str, context: dict, title: str, what: str) -> None:
        docx_path = out_dir / f"{base}-{name}.docx"
        progress(docx_path.name)
        with files.atomic_path(docx_path) as tmp:
            write_docx(renderer.render(template, context), tmp, title)
        written.append((docx_path, what))
        if pdf:
            pdf_path = out_dir / f"{base}-{name}.pdf"
            progress(pdf_path.name)
            with files.atomic_path(pdf_path) as tmp:
                write_pdf(renderer.render(template, context, PDF_TEXT_LIMIT), tmp, title)
            written.append((pdf_path, what))

    def text(name: str, body: str, what: str) -> None:
        path = out_dir / f"{base}-{name}.txt"
        progress(path.name)
        files.write_text(path, content.clean(body))
        written.append((path, what))

    assessment = assess(incident, procedure)  # one assessment for every document of the export
    cnil = cnil_context(incident, procedure, entries, check.message, now, kind, anchor, altered,
                        assessment)
    both("notification-cnil", "cnil_notification.html", cnil,
         f"Brouillon de notification CNIL {reference}", "cnil_notification")
    comm = {"c": content.communication(incident, procedure), "today": clock.format_date(now),
            "anchor": anchor}
    both("courrier-personnes", "letter.html", comm,
         f"Courrier aux personnes concernées {reference}", "letter")
    text("courriel-personnes", renderer.render("email.txt", comm), "email")
    text("sms-personnes", content.sms_text(incident, procedure), "sms")
    both("affiche-communication-publique", "notice.html", comm,
         f"Communication publique {reference}", "public_notice")
    row = content.register_row(incident, procedure, (head, count), now, assessment=assessment,
                               decided_by=content.decided_by(entries))
    sheet = {"org": incident.organisation, "row": row, "columns": content.REGISTER_COLUMNS,
             "timeline": content.timeline(entries, incident.dates.awareness_at),
             "generated_at": clock.format_datetime(now), "anchor": anchor, "altered": altered}
    both("fiche-registre", "register_sheet.html", sheet,
         f"Fiche du registre {reference}", "register_sheet")

    make_private([p for p, _ in written])
    result.files = [p for p, _ in written]
    result.warnings = list(renderer.warnings) + list(comm["c"]["withheld"])
    if check.ok:
        storage.append_journal_batch(
            reference, [("document_exported", {"file": path.name, "sha256": sha256(path), "document": what})
                        for path, what in written], at=now, actor=actor)
    else:  # an altered journal is never extended: the export is not journaled
        result.warnings.append(f"{check.message} Les documents ont été écrits pour garder la trace de "
                               "ce qui est enregistré ; l'export n'est pas inscrit au journal.")
    return result


def in_period(incident_time: datetime | None, start: date | None, end: date | None) -> bool:
    if incident_time is None:
        return start is None and end is None
    local = clock.to_paris(incident_time).date()
    return (start is None or local >= start) and (end is None or local <= end)


def pharmacies(storage: Storage) -> list[tuple[str, str]]:
    """The pharmacies of the data folder: (identity, name), by name (a DPO's folder holds
    several; a pharmacy's own folder one)."""
    seen: dict[str, str] = {}
    for summary in storage.list_incidents():
        if summary.pharmacy_id and summary.pharmacy_id not in seen:
            seen[summary.pharmacy_id] = summary.pharmacy or summary.pharmacy_id
    return sorted(seen.items(), key=lambda kv: (kv[1].casefold(), kv[0]))


def resolve_pharmacy(storage: Storage, text: str) -> str:
    """The identity of the pharmacy named by ``text`` (its SIRET, or part of its name)."""
    from ..domain.errors import ValidationError

    wanted = text.strip().casefold()
    digits = "".join(c for c in wanted if c.isdigit())
    known = pharmacies(storage)
    exact = [i for i, name in known if (digits and i == f"siret:{digits}") or name.casefold() == wanted]
    found = exact or [i for i, name in known if wanted and wanted in name.casefold()]
    if len(found) == 1:
        return found[0]
    names = ", ".join(f"{name} ({i.split(':', 1)[1] if i.startswith('siret:') else 'sans SIRET'})"
                      for i, name in known) or "aucune"
    if not found:
        raise ValidationError(f"Aucune pharmacie ne correspond à « {text[:60]} » ; pharmacies de ce "
                              f"dossier : {names}.")
    raise ValidationError(f"« {text[:60]} » désigne plusieurs pharmacies : précisez le SIRET "
                          f"({names}).")


def _selection(storage: Storage, start: date | None, end: date | None,
               pharmacy: str | None) -> tuple[list[Incident], list[str]]:
    """The incidents of the period (and pharmacy), read once, and those that cannot be read, as
    'REF (why)' (an unreadable incident's period or pharmacy may be unknown: always listed)."""
    incidents, missing = [], []
    for summary in storage.list_incidents():
        if summary.damaged:
            missing.append(f"{summary.reference} ({summary.damaged[:160]})")
            continue
        if pharmacy is not None and summary.pharmacy_id != pharmacy:
            continue
        if in_period(summary.awareness_at or summary.created_at, start, end):
            try:
                incidents.append(storage.load_incident(summary.reference))
            except DamagedIncidentError as error:
                missing.append(f"{summary.reference} ({str(error)[:160]})")
    incidents.sort(key=lambda i: (i.dates.awareness_at or i.created_at, i.reference))
    return incidents, missing


def _rows(storage: Storage, procedure: Procedure, incidents: list[Incident]) -> list[dict[str, str]]:
    return [content.register_row(i, procedure, storage.journal_head(i.reference),
                                 decided_by=content.decided_by(storage.journal(i.reference)))
            for i in incidents]


def register_rows(storage: Storage, procedure: Procedure, start: date | None = None,
                  end: date | None = None,
                  pharmacy: str | None = None) -> tuple[list[Incident], list[dict[str, str]]]:
    """Incidents whose awareness (or creation, when not yet dated) falls in the period; with
    ``pharmacy`` (an identity, see ``pharmacies``), only that pharmacy's."""
    incidents, _ = _selection(storage, start, end, pharmacy)
    return incidents, _rows(storage, procedure, incidents)


def period_label(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "toutes périodes"
    fmt = "%d/%m/%Y"
    if start and end:
        return f"du {start:{fmt}} au {end:{fmt}}"
    return f"à partir du {start:{fmt}}" if start else f"jusqu'au {end:{fmt}}"


def write_register(storage: Storage, procedure: Procedure, out_dir: Path, start: date | None = None,
                   end: date | None = None, now: datetime | None = None, actor: str | None = None,
                   renderer: Renderer | None = None, pdf: bool = True,
                   progress: Progress | None = None, pharmacy: str | None = None) -> ExportResult:
    """The register as a landscape .docx (and .pdf) table and a CSV for French Excel; with
    ``pharmacy`` (an identity), that pharmacy's only, else every incident of the folder
    (consolidated when it holds several pharmacies)."""
    progress = progress or _silent
    now = now or clock.now_utc()
    renderer = renderer or Renderer()
    out_dir = files.make_export_dir(Path(out_dir))
    incidents, missing = _selection(storage, start, end, pharmacy)
    rows = _rows(storage, procedure, incidents)
    suffix = "complet" if start is None and end is None else \
        f"{start.isoformat() if start else 'debut'}_{end.isoformat() if end else 'fin'}"
    named = {i.organisation.identity() for i in incidents if i.organisation.identity()}
    if pharmacy is not None and incidents:
        suffix = f"{incidents[0].organisation.code()}-{suffix}"
    base = out_dir / f"registre-violations-{_safe_name(suffix)}"
    profile = storage.load_profile()
    org = profile if profile is not None else (incidents[0].organisation if incidents else None)
    if pharmacy is not None and incidents:
        org = incidents[0].organisation
    elif len(named) > 1:
        org = {"name": f"Registre consolidé de {len(named)} pharmacies (colonne « Pharmacie »)"}
    context = {"org": org or {"name": ""}, "rows": rows, "groups": content.register_groups(),
               "period": period_label(start, end),
               "generated_at": clock.format_datetime(now), "count": len(rows), "missing": missing}
    written = [base.with_suffix(".docx")]
    progress(written[0].name)
    with files.atomic_path(written[0]) as tmp:
        write_docx(renderer.render("register.html", context), tmp,
                   "Registre des violations de données personnelles", landscape=True, base_size=8)
    if pdf:
        written.append(base.with_suffix(".pdf"))
        progress(written[-1].name)
        with files.atomic_path(written[-1]) as tmp:
            write_pdf(renderer.render("register.html", context, PDF_TEXT_LIMIT), tmp,
                      "Registre des violations de données personnelles", landscape=True)
    csv_path = base.with_suffix(".csv")
    progress(csv_path.name)
    write_register_csv(rows, csv_path)
    written.append(csv_path)
    make_private(written)
    details = [{"file": f.name, "sha256": sha256(f), "document": "register"} for f in written]
    intact = [i.reference for i in incidents if storage.verify_journal(i.reference).ok]
    storage.append_journal_many(intact, "document_exported",
                                {"register": details, "period": period_label(start, end)},
                                at=now, actor=actor)
    warnings = list(renderer.warnings)
    if missing:
        warnings.append("Incidents illisibles, absents du registre : " + " ; ".join(missing))
    altered = [i.reference for i in incidents if i.reference not in intact]
    if altered:
        warnings.append("Journal altéré (export non inscrit à leur journal) : " + ", ".join(altered))
    return ExportResult(written, warnings)


def write_register_csv(rows: list[dict[str, str]], path: Path) -> None:
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


def parse_day(text: str) -> date:
    """'2026-01-31' or '31/01/2026' (domain.clock.read_day), or a French refusal."""
    from ..domain.errors import ValidationError

    day = clock.read_day(text)
    if day is None:
        raise ValidationError(f"Date « {text[:30]} » invalide : écrivez AAAA-MM-JJ ou JJ/MM/AAAA.")
    return day


def write_inspection(storage: Storage, procedure: Procedure, out_dir: Path,
                     start: date | None = None, end: date | None = None,
                     now: datetime | None = None, actor: str | None = None,
                     renderer: Renderer | None = None,
                     progress: Progress | None = None, pharmacy: str | None = None) -> ExportResult:
    """Everything a CNIL inspection may ask for, for a period: the register, and for each
    incident its documents, its attached files and its incident file (journal included, whose
    hash chain anyone can verify), with an index."""
    from .. import __version__
    from ..domain import incident_file

    now = now or clock.now_utc()
    renderer = renderer or Renderer()
    out_dir = files.make_export_dir(Path(out_dir))
    result = write_register(storage, procedure, out_dir, start, end, now=now, actor=actor,
                            renderer=renderer, progress=progress, pharmacy=pharmacy)
    incidents, missing = _selection(storage, start, end, pharmacy)
    index = [f"Dossier établi le {clock.format_datetime(now)} par Incident Wizard {__version__}",
             f"Période : {period_label(start, end)} — {len(incidents)} violation(s).", "",
             "Registre des violations : " + ", ".join(p.name for p in result.files), ""]
    if missing:
        index += ["INCIDENTS ILLISIBLES, ABSENTS DE CE DOSSIER (à restaurer depuis une sauvegarde) :",
                  *(f"  {line}" for line in missing), ""]
    for incident in incidents:
        folder = out_dir / _safe_name(incident.reference)
        documents = write_incident_documents(storage, procedure, incident.reference, folder, now=now,
                                             actor=actor, renderer=renderer, progress=progress)
        result.files += documents.files
        for attachment in incident.attachments:
            path = folder / f"piece-jointe-{_safe_name(Path(attachment.name).stem)}{Path(attachment.name).suffix[:10]}"
            files.write_bytes(path, storage.attachment_content(incident.reference, attachment.sha256))
            result.files.append(path)
        check = storage.verify_journal(incident.reference)
        journal_path = folder / f"{_safe_name(incident.reference)}-incident-et-journal.json"
        incident = storage.load_incident(incident.reference)
        incident_file.write(journal_path, incident, storage.journal(incident.reference), now, __version__,
                            {a.sha256: storage.attachment_content(incident.reference, a.sha256)
                             for a in incident.attachments})
        result.files.append(journal_path)
        head, count = storage.journal_head(incident.reference)
        on = followup.today(now)
        late = len(followup.overdue_actions(incident, on))
        done = sum(1 for a in incident.actions if a.done_on)
        index += [f"{incident.reference} — {incident.title or '(sans intitulé)'}",
                  f"  dossier : {folder.name}/ ({len(list(folder.iterdir()))} fichiers)",
                  f"  actions de suivi : {len(incident.actions)} ({done} faite(s), "
                  f"{len(incident.actions) - done} ouverte(s), dont {late} en retard)"
                  if incident.actions else "  actions de suivi : aucune",
                  f"  {check.message}",
                  f"  empreinte du journal : {head} ({count} entrées)", ""]
    index += ["Vérifier un journal : incident-wizard import-incident <fichier .json> dans un dossier",
              "de données vide (--data-dir), puis incident-wizard verify-journal <référence> ;",
              "avec --head <empreinte>, vérifier qu'il contient toujours l'empreinte imprimée sur un",
              "document (journal chaîné et vérifiable : chaque entrée couvre la précédente et les faits",
              "de l'incident)."]
    index_path = out_dir / "LISEZ-MOI.txt"
    files.write_text(index_path, "\n".join(content.clean(line) for line in index) + "\n")
    result.files.insert(0, index_path)
    make_private(result.files)
    result.warnings = list(renderer.warnings)
    return result
