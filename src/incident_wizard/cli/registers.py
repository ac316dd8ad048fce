"""The sub-commands on the whole register: the register and the inspection folder, the yearly
review, the open follow-up actions, every open deadline across pharmacies (see cli/__init__.py
for the contract)."""

from __future__ import annotations

import argparse
import sys

from ..domain import followup
from .common import EXIT_OK, lines, open_workspace, period, report_export


def cmd_register(args: argparse.Namespace) -> int:
    start, end = period(args)
    with open_workspace(args) as workspace:
        pharmacy = workspace.resolve_pharmacy(args.pharmacy) if args.pharmacy else None
        result = workspace.write_register(args.out, start, end, pdf=not args.no_pdf, pharmacy=pharmacy,
                                          xlsx=not args.no_xlsx)
    return report_export(result)


def cmd_inspection(args: argparse.Namespace) -> int:
    start, end = period(args)
    with open_workspace(args) as workspace:
        pharmacy = workspace.resolve_pharmacy(args.pharmacy) if args.pharmacy else None
        result = workspace.write_inspection(args.out, start, end, pharmacy=pharmacy)
    return report_export(result)


def cmd_review(args: argparse.Namespace) -> int:
    start, end = period(args)
    with open_workspace(args) as workspace:
        result = workspace.write_review(args.out, start, end, pdf=not args.no_pdf)
    return report_export(result)


def cmd_actions(args: argparse.Namespace) -> int:
    """One line per open follow-up action: reference, id, state, due day, owner, title."""
    with open_workspace(args) as workspace:
        rows, damaged = workspace.open_actions()
    write, labels, day = sys.stdout.write, followup.STATE_LABELS, followup.show_day
    for start in range(0, len(rows), 4096):  # written a block at a time
        write(lines([(reference, action.id, labels[state], day(action.due) or "-", action.owner or "-",
                      action.title) for reference, action, state in rows[start:start + 4096]]))
    if damaged:
        print(f"Attention : incidents illisibles, non lus : {', '.join(damaged)}", file=sys.stderr)
    return EXIT_OK


def cmd_deadlines(args: argparse.Namespace) -> int:
    """One line per open deadline, soonest first: due (Paris), time left, pharmacy, reference,
    what is due (domain.dashboard, through the workspace)."""
    write = sys.stdout.write
    with open_workspace(args) as workspace:
        for block in workspace.deadline_lines(no_pharmacy="-"):  # a block at a time, as read
            write(lines(block))
    return EXIT_OK
