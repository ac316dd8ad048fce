"""The yearly review's one-page summary (.docx and .pdf), for the titulaire to sign and file
with the quality programme's records; the review is remembered (setting ``reviews``)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from .. import files
from ..domain import clock, followup, review
from ..domain.model import ACTION_KINDS
from ..domain.procedure import Procedure
from ..storage import DamagedIncidentError, Storage
from .export import ExportResult, Progress, make_private, period_label, sha256
from .html_docx import write_docx
from .pdf import write_pdf
from .templates import PDF_TEXT_LIMIT, Renderer

#: The setting that keeps the reviews made: [{"at", "period", "files": [{"file", "sha256"}]}].
SETTING = "reviews"
TITLE = "Revue annuelle du registre des violations de données personnelles"


def last_review_at(storage: Storage) -> datetime | None:
    from ..domain.serialize import parse_instant

    made = storage.get_setting(SETTING, []) or []
    times = []
    for item in made if isinstance(made, list) else []:
        try:
            times.append(parse_instant(item["at"]))
        except (KeyError, TypeError, ValueError):
            continue
    return max(times, default=None)


def review_due(storage: Storage, now: datetime, rows=None) -> bool:  # noqa: ANN001
    """Whether the yearly review is to be proposed; ``rows``: the listed incidents, when the
    caller has them already (a DPO's folder holds thousands)."""
    incidents = storage.list_incidents() if rows is None else rows
    first = min((s.created_at for s in incidents if not s.damaged), default=None)
    return review.review_due(last_review_at(storage), first, now)


def context(storage: Storage, procedure: Procedure, start: date, end: date,
            now: datetime) -> dict:
    incidents, missing = [], []
    for summary in storage.list_incidents():
        try:
            incidents.append(storage.load_incident(summary.reference))
        except DamagedIncidentError as error:
            missing.append(f"{summary.reference} ({str(error)[:120]})")
    result = review.build(incidents, procedure, start, end, now)
    profile = storage.load_profile()

    def line(a: review.ActionLine) -> dict[str, str]:
        return {"reference": a.reference, "id": a.id, "title": a.title,
                "kind": ACTION_KINDS.get(a.kind, a.kind), "owner": a.owner or "—",
                "due": followup.show_day(a.due) or "—", "done_on": followup.show_day(a.done_on),
                "state": followup.STATE_LABELS[a.state]}

    return {
        "org": {"name": profile.name if profile else "",
                "representative": profile.legal_representative.name if profile else ""},
        "period": period_label(start, end), "generated_at": clock.format_datetime(now),
        "incidents": result.incidents, "closed": result.closed, "notified": result.notified,
        "late": result.late, "informed": result.informed,
        "by_scenario": result.by_scenario, "by_outcome": result.by_outcome,
        "open_incidents": result.open_incidents, "overdue": result.overdue,
        "open_actions": [line(a) for a in result.open_actions],
        "done_actions": [line(a) for a in result.done_actions],
        "resources": [{"title": r.title, "url": r.url} for r in procedure.resources[:4]],
        "missing": missing,
    }


def write_review(storage: Storage, procedure: Procedure, out_dir: Path, start: date | None = None,
                 end: date | None = None, now: datetime | None = None,
                 renderer: Renderer | None = None, pdf: bool = True,
                 progress: Progress | None = None) -> ExportResult:
    """Write the summary to ``out_dir`` and remember the review (when, period, files)."""
    now = now or clock.now_utc()
    default_start, default_end = review.default_period(now)
    start, end = start or default_start, end or default_end
    renderer = renderer or Renderer()
    out_dir = files.make_export_dir(Path(out_dir))
    data = context(storage, procedure, start, end, now)
    base = out_dir / f"revue-annuelle-{start.isoformat()}_{end.isoformat()}"
    written = [base.with_suffix(".docx")]
    if progress:
        progress(written[0].name)
    with files.atomic_path(written[0]) as tmp:
        write_docx(renderer.render("review.html", data), tmp, TITLE, base_size=9.5)
    if pdf:
        written.append(base.with_suffix(".pdf"))
        if progress:
            progress(written[-1].name)
        with files.atomic_path(written[-1]) as tmp:
            write_pdf(renderer.render("review.html", data, PDF_TEXT_LIMIT), tmp, TITLE)
    make_private(written)
    from ..domain.serialize import format_instant

    made = storage.get_setting(SETTING, []) or []
    made = made if isinstance(made, list) else []
    made.append({"at": format_instant(now), "period": [start.isoformat(), end.isoformat()],
                 "files": [{"file": f.name, "sha256": sha256(f)} for f in written]})
    storage.set_setting(SETTING, made[-50:])
    warnings = list(renderer.warnings)
    if data["missing"]:
        warnings.append("Incidents illisibles, absents de la revue : " + " ; ".join(data["missing"]))
    return ExportResult(written, warnings)
