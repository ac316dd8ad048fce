"""The yearly review of the register: when it is due, and writing its one-page summary (.docx and
.pdf) for the titulaire to sign; each review is remembered (setting ``reviews``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from ..domain import clock, review
from ..domain.model import Incident
from ..domain.procedure import Procedure
from ..domain.serialize import format_instant, parse_instant
from ..domain.settings import REVIEWS
from ..storage import DamagedIncidentError, Storage

#: The setting that keeps the reviews made: [{"at", "period", "files": [{"file", "sha256"}]}].
SETTING = REVIEWS  # domain/settings.py


def last_review_at(storage: Storage) -> datetime | None:
    made = storage.get_setting(SETTING)
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


def summarise(storage: Storage, procedure: Procedure, start: date, end: date,
              now: datetime) -> tuple[review.Review, list[str]]:
    """The review's figures for the period (domain.review) and the incidents that cannot be
    read, as 'REF (why)'. The incidents are read one at a time, in one consistent state of the
    database, and not kept."""
    missing: list[str] = []

    def incidents() -> Iterator[Incident]:
        for summary in storage.list_incidents():
            try:
                yield storage.load_incident(summary.reference)
            except DamagedIncidentError as error:
                missing.append(f"{summary.reference} ({str(error)[:120]})")

    with storage.snapshot():
        result = review.build(incidents(), procedure, start, end, now)
    return result, missing


def write_review(storage: Storage, procedure: Procedure, out_dir: Path, start: date | None = None,
                 end: date | None = None, now: datetime | None = None,
                 renderer=None, pdf: bool = True, progress=None):  # noqa: ANN001, ANN201
    """Write the summary to ``out_dir`` (a documents.templates.Renderer may be given) and remember
    the review (when, period, files); a documents.export.ExportResult."""
    from .. import files
    from ..documents.export import ExportResult, make_private, period_label, sha256
    from ..documents.review_doc import review_context, write_review_files
    from ..documents.templates import Renderer

    now = now or clock.now_utc()
    default_start, default_end = review.default_period(now)
    start, end = start or default_start, end or default_end
    renderer = renderer or Renderer()
    out_dir = files.make_export_dir(Path(out_dir))
    result, missing = summarise(storage, procedure, start, end, now)
    data = review_context(result, procedure, storage.load_profile(), period_label(start, end), now,
                          missing)
    from .exports import register_lines

    data["register_anchor"] = " ".join(register_lines(storage))
    base = out_dir / f"revue-annuelle-{start.isoformat()}_{end.isoformat()}"
    written = write_review_files(data, base, renderer, pdf=pdf, progress=progress)
    make_private(written)
    made = storage.get_setting(SETTING)
    made = made if isinstance(made, list) else []
    made.append({"at": format_instant(now), "period": [start.isoformat(), end.isoformat()],
                 "files": [{"file": f.name, "sha256": sha256(f)} for f in written]})
    storage.set_setting(SETTING, made[-50:])
    warnings = list(renderer.warnings)
    if missing:
        warnings.append("Incidents illisibles, absents de la revue : " + " ; ".join(missing))
    return ExportResult(written, warnings)
