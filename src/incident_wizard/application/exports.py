"""The use cases that write files: an incident's documents, the register, the inspection folder,
an incident file. Each policy is written here once:

- which documents an incident gets is ``domain.obligations.documents`` (read through the view):
  a document not needed is written only on request ("Exporter quand même"), marked as such;
- every export is journaled (file name and SHA-256), in the incident's chain or, for an incident
  kept as a copy of another pharmacy's, in the import log;
- an altered journal is never extended: its documents are still written, marked, and the export
  is not journaled; an incident file is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from .. import __version__, files, sealed
from ..documents import content
from ..documents.export import (
    ExportResult,
    Progress,
    make_private,
    period_label,
    safe_name,
    sha256,
    silent,
    write_incident_files,
    write_register_files,
)
from ..documents.rows import RowFile
from ..documents.templates import Renderer
from ..domain import clock, followup, obligations
from ..domain.errors import IncidentWizardError, ValidationError
from ..domain.journal import GENESIS, Verification
from ..domain.journal import verify as verify_chain
from ..domain.model import NOTIFICATION_KINDS, Incident, Organisation
from ..domain.procedure import Procedure
from ..domain.values import Value
from ..i18n import N_, _
from ..storage import DamagedIncidentError, Storage
from .view import IncidentView, build_view

DOCUMENT_NAMES = {
    obligations.DOC_CNIL: N_("brouillon de notification CNIL"),
    obligations.DOC_LETTER: N_("courrier"),
    obligations.DOC_EMAIL: N_("courriel"),
    obligations.DOC_SMS: N_("SMS"),
    obligations.DOC_NOTICE: N_("affiche"),
    obligations.DOC_SHEET: N_("fiche du registre"),
}


def document_label(kind: str) -> str:
    """A document's name, as the user reads it."""
    return _(DOCUMENT_NAMES[kind])


def register_lines(storage: Storage) -> list[str]:
    """What the inspection folder and the yearly review say of the register's chain: verified
    (an incident deleted or a journal cut back since an event is named) and its head, to keep."""
    check = storage.register_chain.verify()
    head, count = storage.register_chain.head()
    lines = [("" if check.ok else "ATTENTION : ") + check.message]
    if count:
        lines.append(f"Empreinte du registre : {head} ({count} événements) — vérifiable avec "
                     f"« incident-wizard verify-journal --register --head {head[:16]} »")
    return [*lines, ""]


def read_view(storage: Storage, procedure: Procedure, reference: str):  # noqa: ANN201
    """(view, journal entries) of a stored incident, read as one consistent state, with the
    journal fully verified (before any export)."""
    with storage.snapshot():
        incident = storage.load_incident(reference)
        entries = storage.journal(reference)
        check = storage.verify_journal(reference)
        head = storage.journal_head(reference)
    return build_view(incident, procedure, check, head), entries


def draft_kind(view: IncidentView, procedure: Procedure) -> str:
    """The kind of the CNIL draft (domain.obligations.notification_kind, with the form's own
    required fields)."""
    return obligations.notification_kind(view.incident, content.form_complete(view, procedure))


def altered_warning(view: IncidentView) -> str:
    """The line printed on every document of an incident whose journal or facts were altered."""
    if view.verification.ok:
        return ""
    return _("ATTENTION : {message} Ce document reprend ce qui est enregistré, sans garantie.").format(
        message=view.verification.message)


def journal_export(storage: Storage, view: IncidentView, action: str,
                   entries: list[dict], at: datetime, actor: str | None) -> str:
    """Journal an export (one entry per file); an altered journal is never extended: the export
    is then not journaled and the returned warning says so ("" otherwise)."""
    if not view.verification.ok:
        return _("{message} Les fichiers ont été écrits pour garder la trace de ce qui est "
                 "enregistré ; l'export n'est pas inscrit au journal.").format(
            message=view.verification.message)
    storage.append_journal_batch(view.reference, [(action, details) for details in entries],
                                 at=at, actor=actor)
    return ""


def write_incident_documents(storage: Storage, procedure: Procedure, reference: str, out_dir: Path,
                             now: datetime | None = None, kind: str | None = None,
                             actor: str | None = None, renderer: Renderer | None = None,
                             pdf: bool = True, progress: Progress | None = None,
                             include_unneeded: bool | tuple[str, ...] = False,
                             only: tuple[str, ...] | None = None,
                             keep_sent: bool = True) -> ExportResult:
    """The documents this incident needs (domain.obligations.documents): the CNIL draft, the
    texts to the persons, the register sheet. ``include_unneeded`` ("Exporter quand même"):
    True, or the kinds (obligations.DOC_*) to write although not needed, each marked "Non
    requis — …"; ``only``: these kinds only. ``progress(name)`` is called before each file is
    written. The texts to the persons are kept in the database as exported (``keep_sent``),
    with the SHA-256 the journal records: the inspection folder gives them as sent."""
    progress = progress or silent
    now = now or clock.now_utc()
    if kind is not None and kind not in NOTIFICATION_KINDS:
        raise ValueError(kind)
    renderer = renderer or Renderer()
    out_dir = files.make_export_dir(Path(out_dir))
    view, entries = read_view(storage, procedure, reference)
    anyway = obligations.DOCUMENT_KINDS if include_unneeded is True else (include_unneeded or ())
    which = {d.kind: d.mark for d in view.documents if (d.needed or d.kind in anyway)
             and (only is None or d.kind in only)}
    anchor = content.anchor_text(reference, view.journal_head, view.journal_count,
                                 storage.register_chain.head())
    written = write_incident_files(
        view, procedure, entries, out_dir, which, now, kind or draft_kind(view, procedure), anchor,
        view.verification.message, altered_warning(view), renderer, pdf=pdf, progress=progress,
        decided_by=content.decided_by(entries))
    make_private([p for p, _k in written])
    result = ExportResult([p for p, _k in written], list(renderer.warnings))
    if any(k in which for k in obligations.PERSONS_DOCUMENTS):
        result.warnings += list(content.communication(view.incident, procedure)["withheld"])
    skipped = [d for d in view.documents if d.kind not in which]
    if skipped:
        result.warnings.append(_("Non écrits car non requis pour cet incident : {documents}. "
                                 "« Exporter quand même » les écrit, marqués « non requis ».").format(
            documents=" ; ".join(f"{document_label(d.kind)} ({d.reason})" for d in skipped)))
    if keep_sent and view.verification.ok:
        storage.keep_copies(reference, [path.read_bytes() for path, what in written
                                        if what in obligations.PERSONS_DOCUMENTS])
    warning = journal_export(storage, view, "document_exported",
                             [{"file": path.name, "sha256": sha256(path), "document": what}
                              for path, what in written], now, actor)
    if warning:
        result.warnings.append(warning)
    return result


def sent_copies(entries: list, informed_at: datetime | None) -> dict[str, tuple[datetime, dict]]:
    """The texts to the persons as sent: for each file name exported (letter, e-mail, SMS,
    notice, in .docx, .pdf or .txt), the export the persons were informed with: the last one
    made by the end of the day of the information (Paris), else the first one after it (the
    persons informed before the texts were exported), or the last one when the information is
    not dated. (file name -> (when exported, the journal entry's details))."""
    exports: dict[str, list[tuple[datetime, dict]]] = {}
    for entry in entries:
        if entry.action == "document_exported" and entry.details.get("document") in \
                obligations.PERSONS_DOCUMENTS and entry.details.get("sha256"):
            exports.setdefault(str(entry.details.get("file", "")), []).append((entry.at, entry.details))
    if informed_at is None:
        return {name: found[-1] for name, found in exports.items()}
    next_day = clock.paris_to_utc(datetime.combine(
        clock.to_paris(informed_at).date() + timedelta(days=1), time()))
    chosen = {}
    for name, found in exports.items():
        before = [x for x in found if x[0] < next_day]
        chosen[name] = before[-1] if before else found[0]
    return chosen


def export_incident_file(storage: Storage, reference: str, path: Path, passphrase: str | None = None,
                         now: datetime | None = None, actor: str | None = None) -> tuple[str, int]:
    """Write the incident, its journal and its attached files to an incident file (encrypted
    with a passphrase); refused when the journal is altered; the export is journaled. The head
    and the number of the journal entries written in the file."""
    now = now or clock.now_utc()
    with storage.snapshot():
        check = storage.verify_journal(reference)
        if not check.ok:
            raise IncidentWizardError(_("{message} L'export est refusé.").format(message=check.message))
        incident = storage.load_incident(reference)
        entries = storage.journal(reference)
        contents = {a.sha256: storage.attachment_content(reference, a.sha256) for a in incident.attachments}
    sealed.write_incident_file(path, incident, entries, now, __version__, contents, passphrase)
    storage.append_journal(reference, "incident_exported",
                           {"file": Path(path).name, "encrypted": passphrase is not None},
                           at=now, actor=actor)
    return (entries[-1].hash if entries else GENESIS), len(entries)


# --- the register and the inspection folder ---------------------------------------------------


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
    wanted = text.strip().casefold()
    digits = "".join(c for c in wanted if c.isdigit())
    known = pharmacies(storage)
    exact = [i for i, name in known if (digits and i == f"siret:{digits}") or name.casefold() == wanted]
    found = exact or [i for i, name in known if wanted and wanted in name.casefold()]
    if len(found) == 1:
        return found[0]
    no_siret = _("sans SIRET")  # out of the f-string, where no extractor sees it
    names = ", ".join(f"{name} ({i.split(':', 1)[1] if i.startswith('siret:') else no_siret})"
                      for i, name in known) or _("aucune")
    if not found:
        raise ValidationError(_("Aucune pharmacie ne correspond à « {text} » ; pharmacies de ce "
                                "dossier : {names}.").format(text=text[:60], names=names))
    raise ValidationError(_("« {text} » désigne plusieurs pharmacies : précisez le SIRET "
                            "({names}).").format(text=text[:60], names=names))


def _chosen(storage: Storage, start: date | None, end: date | None,
            pharmacy: str | None) -> tuple[list[str], list[str]]:
    """The references of the period (and pharmacy), in the register's order (awareness, or
    creation when not yet dated), from the stored summaries (no incident is read), and those
    that cannot be read, as 'REF (why)' (an unreadable incident's period or pharmacy may be
    unknown: always listed)."""
    from ..documents.export import in_period

    chosen, missing = [], []
    for summary in storage.list_incidents():
        if summary.damaged:
            missing.append(f"{summary.reference} ({summary.damaged[:160]})")
            continue
        if pharmacy is not None and summary.pharmacy_id != pharmacy:
            continue
        when = summary.awareness_at or summary.created_at
        if in_period(when, start, end):
            chosen.append((when, summary.reference))
    chosen.sort()
    return [reference for _when, reference in chosen], missing


def register_verification(storage: Storage, reference: str) -> tuple[Verification, list, tuple[str, int]]:
    """(verification, entries, (head, count)) of an incident's journal for the register, read
    once (issue 22: reading it twice and verifying it through the storage cost most of a large
    register): the whole chain re-hashed against the head and count kept with the incident
    (domain.journal.verify), then its last entries against the incident's stored facts (the
    storage's head check), so that an entry altered anywhere, or facts edited outside the app,
    are flagged as before. The summary columns of the home list, which the register does not
    print, are checked by the full verification (at opening, before an incident's documents,
    verify-journal)."""
    head, count = storage.journal_head(reference)
    try:
        entries = storage.journal(reference)
    except Exception:  # noqa: BLE001 - an unreadable journal: its full verification says why
        return storage.verify_journal(reference), [], (head, count)
    check = verify_chain(reference, entries, expected_count=count, expected_head=head)
    if check.ok:
        problem = storage.journal_repo.head_problem(reference)
        if problem:
            check = Verification(False, check.count, count, problem)
    return check, entries, (head, count)


@dataclass(eq=False, repr=False)
class RegisterRead(Value):
    """What reading the incidents of a register gave, besides its rows."""
    count: int = 0
    missing: list[str] = field(default_factory=list)
    #: (reference, journal head, entry count) of each incident: the register export log's.
    heads: list[tuple[str, str, int]] = field(default_factory=list)
    altered: list[str] = field(default_factory=list)
    #: The pharmacies named by the incidents, and the first incident's.
    identities: set[str] = field(default_factory=set)
    first: Organisation | None = None


def read_register(storage: Storage, procedure: Procedure, start: date | None, end: date | None,
                  pharmacy: str | None, now: datetime,
                  row: Callable[[dict[str, str]], None]) -> RegisterRead:
    """Read the incidents of the register one at a time, in one consistent state of the
    database, and give ``row`` each one's register line: each incident is read once, its
    journal once (``register_verification``); nothing is kept but the heads."""
    references, missing = _chosen(storage, start, end, pharmacy)
    read = RegisterRead(missing=missing)
    with storage.snapshot():
        for reference in references:
            try:
                incident = storage.load_incident(reference)
            except DamagedIncidentError as error:
                read.missing.append(f"{reference} ({str(error)[:160]})")
                continue
            check, entries, head = register_verification(storage, reference)
            view = build_view(incident, procedure, check, head)
            row(content.register_row(view, procedure, now, decided_by=content.decided_by(entries)))
            read.count += 1
            read.heads.append((reference, view.journal_head, view.journal_count))
            if not check.ok:
                read.altered.append(reference)
            identity = incident.organisation.identity()
            if identity:
                read.identities.add(identity)
            if read.first is None:
                read.first = incident.organisation
    return read


def register_rows(storage: Storage, procedure: Procedure, start: date | None = None,
                  end: date | None = None, pharmacy: str | None = None,
                  now: datetime | None = None) -> tuple[list[Incident], list[dict[str, str]]]:
    """Incidents whose awareness (or creation, when not yet dated) falls in the period; with
    ``pharmacy`` (an identity, see ``pharmacies``), only that pharmacy's; and their rows (held
    in memory: a register is written through ``read_register``)."""
    rows: list[dict[str, str]] = []
    read_register(storage, procedure, start, end, pharmacy, now or clock.now_utc(), rows.append)
    incidents = [storage.load_incident(r["reference"]) for r in rows]
    return incidents, rows


def write_register(storage: Storage, procedure: Procedure, out_dir: Path, start: date | None = None,
                   end: date | None = None, now: datetime | None = None, actor: str | None = None,
                   renderer: Renderer | None = None, pdf: bool = True,
                   progress: Progress | None = None, pharmacy: str | None = None,
                   xlsx: bool = True) -> ExportResult:
    """The register as a landscape .docx (and .pdf) table, a CSV for French Excel and an Excel
    workbook (``xlsx``, documents.spreadsheet); with
    ``pharmacy`` (an identity), that pharmacy's only, else every incident of the folder
    (consolidated when it holds several pharmacies). The rows are computed once, kept in a
    temporary file and read one at a time for each file (documents.rows): a register of any
    size holds one incident in memory."""
    now = now or clock.now_utc()
    renderer = renderer or Renderer()
    out_dir = files.make_export_dir(Path(out_dir))
    groups = content.register_groups()
    widths = content.ColumnWidths(groups)
    with RowFile(out_dir) as spool:
        def keep(row: dict[str, str]) -> None:
            widths.add(row)
            spool.append(row)
        read = read_register(storage, procedure, start, end, pharmacy, now, keep)
        suffix = "complet" if start is None and end is None else \
            f"{start.isoformat() if start else 'debut'}_{end.isoformat() if end else 'fin'}"
        if pharmacy is not None and read.first is not None:
            suffix = f"{read.first.code()}-{suffix}"
        base = out_dir / f"registre-violations-{safe_name(suffix)}"
        profile = storage.load_profile()
        org = profile if profile is not None else read.first
        if pharmacy is not None and read.first is not None:
            org = read.first
        elif len(read.identities) > 1:
            org = {"name": f"Registre consolidé de {len(read.identities)} pharmacies (colonne « Pharmacie »)"}
        rows = spool.rows()
        context = {"org": org or {"name": ""}, "rows": rows, "groups": groups,
                   "widths": widths.text(),
                   "period": period_label(start, end),
                   "generated_at": clock.format_datetime(now), "count": len(rows),
                   "missing": read.missing, "register_anchor": " ".join(register_lines(storage))}
        written = write_register_files(rows, context, base, renderer, pdf=pdf, progress=progress or silent,
                                       xlsx=xlsx)
    # One register-level entry (not one per incident): the files, and the journal heads of the
    # incidents it covers, pinned by a digest.
    storage.register_log.append(now, actor, "register", period_label(start, end), pharmacy or "",
                                [{"file": f.name, "sha256": sha256(f)} for f in written], read.heads)
    warnings = list(renderer.warnings)
    if read.missing:
        warnings.append("Incidents illisibles, absents du registre : " + " ; ".join(read.missing))
    if read.altered:
        warnings.append(_("Journal altéré : {references}.").format(references=", ".join(read.altered)))
    return ExportResult(written, warnings)


def _sent_texts(storage: Storage, procedure: Procedure, reference: str, folder: Path,
                now: datetime, actor: str | None, renderer: Renderer, progress: Progress | None,
                result: ExportResult) -> list[str]:
    """Write the texts the persons were given, as sent, into ``folder/textes-envoyes``: the copy
    kept when each was exported, whose SHA-256 the journal holds (an inspector can check both).
    Texts exported before copies were kept are written again into ``textes-reconstitues``,
    dated the day of the information and said to be reconstituted. The index's lines."""
    view, entries = read_view(storage, procedure, reference)
    persons = [d for d in view.documents if d.needed and d.kind in obligations.PERSONS_DOCUMENTS]
    if not persons:
        return []
    informed_at = view.incident.information.informed_at
    chosen = sent_copies(entries, informed_at)
    lines, written = [], []
    sent_dir = folder / "textes-envoyes"
    for name, (at, details) in sorted(chosen.items()):
        if not storage.has_content(reference, details["sha256"]):
            continue
        path = files.make_export_dir(sent_dir) / safe_name(Path(name).stem)
        path = path.with_suffix(Path(name).suffix[:6])
        files.write_bytes(path, storage.attachment_content(reference, details["sha256"]))
        written.append(path)
        lines.append(f"    {path.name} : exporté le {clock.format_short(at)}, "
                     f"SHA-256 {details['sha256']} (celui du journal)")
    result.files += written
    if written:
        when = (f", personnes informées le {clock.format_date(informed_at)}" if informed_at else "")
        return [f"  textes aux personnes tels qu'envoyés (textes-envoyes/{when}) :", *lines]
    redo = write_incident_documents(
        storage, procedure, reference, folder / "textes-reconstitues", now=informed_at or now,
        actor=actor, renderer=renderer, progress=progress,
        only=tuple(d.kind for d in persons), keep_sent=False)
    result.files += redo.files
    return ["  textes aux personnes : aucune copie conservée de l'envoi (exportés avant que "
            "l'application ne les garde) ; textes-reconstitues/ les réécrit à partir des faits "
            "enregistrés, datés du jour de l'information"
            + (f" ({clock.format_date(informed_at)})" if informed_at else " (non datée)")]


def write_inspection(storage: Storage, procedure: Procedure, out_dir: Path,
                     start: date | None = None, end: date | None = None,
                     now: datetime | None = None, actor: str | None = None,
                     renderer: Renderer | None = None,
                     progress: Progress | None = None, pharmacy: str | None = None) -> ExportResult:
    """Everything a CNIL inspection may ask for, for a period: the register, and for each
    incident the documents it needs, its attached files and its incident file (journal
    included, whose hash chain anyone can verify), with an index."""
    now = now or clock.now_utc()
    renderer = renderer or Renderer()
    out_dir = files.make_export_dir(Path(out_dir))
    result = write_register(storage, procedure, out_dir, start, end, now=now, actor=actor,
                            renderer=renderer, progress=progress, pharmacy=pharmacy)
    register_files = [p.name for p in result.files]
    # One incident at a time (a DPO's folder holds thousands): the index lines are kept.
    references, missing = _chosen(storage, start, end, pharmacy)
    index: list[str] = []
    heads: list[tuple[str, str, int]] = []
    on = followup.today(now)
    for reference in references:
        try:
            incident = storage.load_incident(reference)
        except DamagedIncidentError as error:
            missing.append(f"{reference} ({str(error)[:160]})")
            continue
        folder = out_dir / safe_name(reference)
        # The CNIL draft and the register sheet are written as of today; the texts to the
        # persons are given as they were sent (never regenerated with today's date).
        documents = write_incident_documents(
            storage, procedure, reference, folder, now=now, actor=actor, renderer=renderer,
            progress=progress, only=(obligations.DOC_CNIL, obligations.DOC_SHEET))
        result.files += documents.files
        sent_lines = _sent_texts(storage, procedure, reference, folder, now, actor, renderer,
                                 progress, result)
        for attachment in incident.attachments:
            path = folder / (f"piece-jointe-{safe_name(Path(attachment.name).stem)}"
                             f"{Path(attachment.name).suffix[:10]}")
            files.write_bytes(path, storage.attachment_content(reference, attachment.sha256))
            result.files.append(path)
        journal_path = folder / f"{safe_name(reference)}-incident-et-journal.json"
        view, entries = read_view(storage, procedure, reference)
        if view.verification.ok:
            head, count = export_incident_file(storage, reference, journal_path, now=now, actor=actor)
        else:  # the file keeps what is stored; an altered journal is never extended
            with storage.snapshot():
                contents = {a.sha256: storage.attachment_content(reference, a.sha256)
                            for a in view.incident.attachments}
            sealed.write_incident_file(journal_path, view.incident, entries, now, __version__, contents)
            head, count = view.journal_head, view.journal_count
        result.files.append(journal_path)
        actions = view.incident.actions
        late = len(followup.overdue_actions(view.incident, on))
        done = sum(1 for a in actions if a.done_on)
        index += [f"{reference} — {incident.title or '(sans intitulé)'}",
                  f"  dossier : {folder.name}/ ({len(list(folder.iterdir()))} fichiers)",
                  "  documents : " + ", ".join(
                      document_label(d.kind) for d in view.documents if d.needed),
                  f"  actions de suivi : {len(actions)} ({done} faite(s), "
                  f"{len(actions) - done} ouverte(s), dont {late} en retard)"
                  if actions else "  actions de suivi : aucune",
                  *sent_lines,
                  f"  {view.verification.message}",
                  f"  empreinte du journal (fichier d'incident ci-joint) : {head} ({count} entrées)", ""]
        heads.append((reference, *storage.journal_head(reference)))
    header = [f"Dossier établi le {clock.format_datetime(now)} par Incident Wizard {__version__}",
              f"Période : {period_label(start, end)} — {len(heads)} violation(s).", "",
              "Registre des violations : " + ", ".join(register_files), ""]
    if missing:
        header += ["INCIDENTS ILLISIBLES, ABSENTS DE CE DOSSIER (à restaurer depuis une sauvegarde) :",
                   *(f"  {line}" for line in missing), ""]
    header += register_lines(storage)
    index = header + index
    index += ["Vérifier un journal : incident-wizard import-incident <fichier .json> dans un dossier",
              "de données vide (--data-dir), puis incident-wizard verify-journal <référence> ;",
              "avec --head <empreinte>, vérifier qu'il contient toujours l'empreinte imprimée sur un",
              "document (journal chaîné et vérifiable : chaque entrée couvre la précédente et les faits",
              "de l'incident)."]
    index_path = out_dir / "LISEZ-MOI.txt"
    files.write_text(index_path, "\n".join(content.clean(line) for line in index) + "\n")
    result.files.insert(0, index_path)
    make_private(result.files)
    storage.register_log.append(now, actor, "inspection", period_label(start, end), pharmacy or "",
                                [{"file": index_path.name, "sha256": sha256(index_path)}], heads)
    result.warnings = list(renderer.warnings)
    return result
