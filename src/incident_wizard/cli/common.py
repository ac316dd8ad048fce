"""What every sub-command shares: the exit statuses, opening the data folder, the period options,
the passphrase, one safe output line, reporting written files."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date

from ..application.workspace import Workspace, parse_day
from ..domain.errors import IncidentFileError, ValidationError
from ..locations import user_data_dir

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2

_CONTROL = re.compile("[\x00-\x1f\x7f]")


def _printable(field: object) -> str:
    text = str(field)
    # isprintable() is true of most fields and much faster than the substitution (100,000 lines)
    return text if text.isprintable() else _CONTROL.sub(" ", text)


def line(*fields: str) -> str:
    """One tab-separated line: no control character of a field reaches the terminal."""
    texts = tuple(map(str, fields))
    if "".join(texts).isprintable():  # most lines: one test for all the fields (100,000 lines)
        return "\t".join(texts)
    return "\t".join(_printable(text) for text in texts)


def lines(rows: list[tuple[str, ...]]) -> str:
    """``line`` of each row, each ended by a line feed, as one text: the fields of a row are
    tested at once (hundreds of thousands of lines), one by one only in a row where some field
    is not printable."""
    if all(map(str.isprintable, map("".join, rows))):
        return "".join([f"{text}\n" for text in map("\t".join, rows)])
    return "".join([f"{line(*row)}\n" for row in rows])


def open_workspace(args: argparse.Namespace) -> Workspace:
    """The data folder of ``--data-dir`` (or the default), its warnings on standard error."""
    workspace = Workspace.open(user_data_dir(getattr(args, "data_dir", None)))
    for warning in workspace.warnings:
        print(f"Attention : {warning}", file=sys.stderr)
    return workspace


def fail(message: str) -> int:
    print(f"Erreur : {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def period(args: argparse.Namespace) -> tuple[date | None, date | None]:
    """--from/--to as dates (inclusive); ValidationError when unreadable or reversed."""
    start = parse_day(args.date_from) if args.date_from else None
    end = parse_day(args.date_to) if args.date_to else None
    if start and end and end < start:
        raise ValidationError("la date de fin (--to) précède la date de début (--from).")
    return start, end


def report_export(result) -> int:  # noqa: ANN001 - documents.export.ExportResult
    """Print the files written (stdout) and any warning (stderr)."""
    for warning in result.warnings:
        print(f"Attention : {warning}", file=sys.stderr)
    for path in result.files:
        print(path)
    return EXIT_OK


def passphrase(args: argparse.Namespace, twice: bool = False) -> str:
    """The passphrase: --passphrase-file, $INCIDENT_WIZARD_PASSPHRASE, or asked (not echoed)."""
    import getpass
    import os

    if getattr(args, "passphrase_file", None):
        try:
            return args.passphrase_file.read_text(encoding="utf-8").splitlines()[0]
        except (OSError, UnicodeDecodeError, IndexError):
            raise IncidentFileError("La phrase secrète n'a pas pu être lue dans "
                                    f"{args.passphrase_file}.") from None
    if os.environ.get("INCIDENT_WIZARD_PASSPHRASE"):
        return os.environ["INCIDENT_WIZARD_PASSPHRASE"]
    if not sys.stdin or not sys.stdin.isatty():
        raise IncidentFileError("Une phrase secrète est nécessaire : --passphrase-file FICHIER ou "
                                "$INCIDENT_WIZARD_PASSPHRASE.")
    first = getpass.getpass("Phrase secrète : ")
    if twice and getpass.getpass("La même, pour vérifier : ") != first:
        raise IncidentFileError("Les deux phrases secrètes diffèrent : rien n'a été écrit.")
    return first
