"""The yearly review's one-page summary (.docx and .pdf), laid out from domain.review's figures
(application.review decides when it is due and remembers it)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from .. import files
from ..domain import clock, followup, review
from ..domain.model import ACTION_KINDS
from ..domain.procedure import Procedure
from .export import Progress, silent
from .html_docx import write_docx
from .pdf import write_pdf
from .templates import PDF_TEXT_LIMIT, Renderer

TITLE = "Revue annuelle du registre des violations de données personnelles"


def review_context(result: review.Review, procedure: Procedure, profile, period: str,  # noqa: ANN001
                   now: datetime, missing: list[str]) -> dict:
    """What the review template lays out; ``profile``: the pharmacy (an Organisation or None)."""

    def line(a: review.ActionLine) -> dict[str, str]:
        return {"reference": a.reference, "id": a.id, "title": a.title,
                "kind": ACTION_KINDS.get(a.kind, a.kind), "owner": a.owner or "—",
                "due": followup.show_day(a.due) or "—", "done_on": followup.show_day(a.done_on),
                "state": followup.STATE_LABELS[a.state]}

    open_actions = [line(a) for a in result.open_actions]
    done_actions = [line(a) for a in result.done_actions]
    listed = review.LISTED
    return {
        "org": {"name": profile.name if profile else "",
                "representative": profile.legal_representative.name if profile else ""},
        "period": period, "generated_at": clock.format_datetime(now),
        "incidents": result.incidents, "closed": result.closed, "notified": result.notified,
        "late": result.late, "informed": result.informed,
        "by_scenario": result.by_scenario, "by_outcome": result.by_outcome,
        "open_incidents": result.open_incidents, "overdue": result.overdue,
        "open_actions": open_actions,
        "done_actions": done_actions,
        # What the built-in template lists (domain.review.LISTED of each, LISTED_DONE of the
        # actions done) and how many more.
        "open_incidents_listed": result.open_incidents[:listed],
        "open_incidents_more": max(len(result.open_incidents) - listed, 0),
        "open_actions_listed": open_actions[:listed],
        "open_actions_more": max(len(open_actions) - listed, 0),
        "done_actions_listed": done_actions[:review.LISTED_DONE],
        "done_actions_more": max(len(done_actions) - review.LISTED_DONE, 0),
        "resources": [{"title": r.title, "url": r.url} for r in procedure.resources[:4]],
        "missing": missing,
    }


def write_review_files(data: dict, base: Path, renderer: Renderer, pdf: bool = True,
                       progress: Progress | None = None) -> list[Path]:
    """The review as .docx (and .pdf) at ``base`` (without suffix)."""
    progress = progress or silent
    written = [base.with_suffix(".docx")]
    progress(written[0].name)
    with files.atomic_path(written[0]) as tmp:
        write_docx(renderer.render("review.html", data), tmp, TITLE, base_size=9.5)
    if pdf:
        written.append(base.with_suffix(".pdf"))
        progress(written[-1].name)
        with files.atomic_path(written[-1]) as tmp:
            write_pdf(renderer.render("review.html", data, PDF_TEXT_LIMIT), tmp, TITLE)
    return written
