"""Command line: `incident-wizard` starts the GUI; sub-commands work without any window.

Exit status: 0 success; 1 a check failed (altered journal); 2 bad input or unusable data.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .domain import incident_file
from .domain.clock import now_utc
from .domain.errors import IncidentWizardError
from .locations import DATA_DIR_ENV, user_data_dir
from .storage import Storage

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help=f"dossier des données (sinon ${DATA_DIR_ENV}, sinon le dossier "
                             "de données de l'utilisateur)")
    parser = argparse.ArgumentParser(
        prog="incident-wizard", parents=[common],
        description="Incident Wizard : gestion des violations de données personnelles "
                    "(RGPD art. 33/34) pour la pharmacie d'officine. Sans sous-commande, "
                    "ouvre l'application.")
    parser.add_argument("--version", action="version", version=f"incident-wizard {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="SOUS-COMMANDE")

    p = sub.add_parser("export-incident", parents=[common],
                       help="exporter un incident et son journal dans un fichier JSON")
    p.add_argument("reference", metavar="REF")
    p.add_argument("file", metavar="FILE", type=Path)

    p = sub.add_parser("import-incident", parents=[common],
                       help="importer un incident depuis un fichier JSON (tout ou rien)")
    p.add_argument("file", metavar="FILE", type=Path)

    p = sub.add_parser("verify-journal", parents=[common],
                       help="vérifier que le journal d'un incident n'a pas été altéré")
    p.add_argument("reference", metavar="REF")

    p = sub.add_parser("assess", parents=[common],
                       help="évaluer la gravité (méthode ENISA) d'un fichier d'incident ; "
                            "affiche un objet JSON")
    p.add_argument("file", metavar="FILE", type=Path)

    sub.add_parser("list", parents=[common], help="lister les incidents")
    return parser


def _open_storage(args: argparse.Namespace) -> Storage:
    return Storage.open(user_data_dir(getattr(args, "data_dir", None)))


def _fail(message: str) -> int:
    print(f"Erreur : {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def cmd_export(args: argparse.Namespace) -> int:
    with _open_storage(args) as storage:
        incident = storage.load_incident(args.reference)
        entries = storage.journal(args.reference)
        check = storage.verify_journal(args.reference)
        if not check.ok:
            return _fail(f"{check.message} L'export est refusé.")
        incident_file.write(args.file, incident, entries, now_utc(), __version__)
        storage.append_journal(args.reference, "incident_exported", {"file": args.file.name})
    print(f"Incident {args.reference} exporté dans {args.file} ({len(entries)} entrées de journal).")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    loaded = incident_file.read(args.file)
    with _open_storage(args) as storage:
        storage.import_incident(loaded.incident, loaded.journal, source=args.file.name)
    print(f"Incident {loaded.incident.reference} importé ({len(loaded.journal)} entrées de journal).")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    with _open_storage(args) as storage:
        check = storage.verify_journal(args.reference)
    print(check.message, file=sys.stdout if check.ok else sys.stderr)
    return EXIT_OK if check.ok else EXIT_CHECK_FAILED


def cmd_assess(args: argparse.Namespace) -> int:
    from .domain.procedure import load_procedure
    from .domain.risk import assess

    loaded = incident_file.read(args.file)
    result = assess(loaded.incident, load_procedure())
    print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from .domain.clock import format_short

    with _open_storage(args) as storage:
        rows = storage.list_incidents()
    for row in rows:
        awareness = format_short(row.awareness_at) if row.awareness_at else "-"
        print(f"{row.reference}\t{row.status}\t{awareness}\t{row.title}")
    return EXIT_OK


COMMANDS = {
    "export-incident": cmd_export,
    "import-incident": cmd_import,
    "verify-journal": cmd_verify,
    "assess": cmd_assess,
    "list": cmd_list,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        from .ui.app import run_gui

        return run_gui(getattr(args, "data_dir", None))
    try:
        return COMMANDS[args.command](args)
    except IncidentWizardError as error:
        return _fail(str(error))


if __name__ == "__main__":
    sys.exit(main())
