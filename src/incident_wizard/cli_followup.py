"""The command line's follow-up and DPO commands: the yearly review, the open actions, every
open deadline across pharmacies (see cli.py for the rest and the contract)."""

from __future__ import annotations

import argparse
import sys

_CONTROL = str.maketrans({c: " " for c in range(32)} | {127: " "})


def _line(*fields: str) -> str:
    """One tab-separated line: no control character of a field reaches the terminal."""
    return "\t".join(str(f).translate(_CONTROL) for f in fields)


def cmd_review(args: argparse.Namespace) -> int:
    from .cli import _open_storage, _period, _report_export
    from .documents.review_doc import write_review
    from .domain.procedure import load_procedure

    start, end = _period(args)
    with _open_storage(args) as storage:
        result = write_review(storage, load_procedure(), args.out, start, end, pdf=not args.no_pdf)
    return _report_export(result)


def cmd_actions(args: argparse.Namespace) -> int:
    """One line per open follow-up action: reference, id, state, due day, owner, title."""
    from .cli import EXIT_OK, _open_storage
    from .domain import followup
    from .domain.clock import now_utc
    from .domain.errors import IncidentWizardError

    on = followup.today(now_utc())
    damaged = []
    with _open_storage(args) as storage:
        rows = []
        for summary in storage.list_incidents():
            try:
                if summary.damaged:
                    raise IncidentWizardError(summary.damaged)
                incident = storage.load_incident(summary.reference)
            except IncidentWizardError:
                damaged.append(summary.reference)
                continue
            for action in followup.open_actions(incident):
                rows.append((summary.reference, action, followup.state(action, on)))
    rows.sort(key=lambda r: (r[2] != followup.OVERDUE, r[1].due or "9999", r[0], r[1].id))
    for reference, action, state in rows:
        print(_line(reference, action.id, followup.STATE_LABELS[state],
                    followup.show_day(action.due) or "-", action.owner or "-", action.title))
    if damaged:
        print(f"Attention : incidents illisibles, non lus : {', '.join(damaged)}", file=sys.stderr)
    return EXIT_OK


def cmd_deadlines(args: argparse.Namespace) -> int:
    """One line per open deadline, soonest first: due (Paris), time left, pharmacy, reference,
    what is due (domain.dashboard)."""
    from .cli import EXIT_OK, _open_storage
    from .domain.clock import now_utc
    from .domain.dashboard import open_deadlines

    now = now_utc()
    with _open_storage(args) as storage:
        items = open_deadlines(storage.list_incidents(), now)
    for item in items:
        print(_line(item.when, item.left, item.pharmacy or "-", item.reference,
                    item.label))
    return EXIT_OK
