"""Command line: `incident-wizard` starts the GUI; sub-commands work without any window.

Exit status: 0 success; 1 a check failed (altered journal); 2 bad input or unusable data.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

from . import __version__
from .domain import incident_file
from .domain.clock import now_utc
from .domain.errors import IncidentFileError, IncidentWizardError
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
    parser.add_argument("--self-check", action="store_true",
                        help="vérifier l'installation (hors écran, sans toucher aux données) et quitter")
    sub = parser.add_subparsers(dest="command", metavar="SOUS-COMMANDE")

    p = sub.add_parser("export-incident", parents=[common],
                       help="exporter un incident et son journal dans un fichier JSON")
    p.add_argument("reference", metavar="REF")
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--encrypt", action="store_true",
                   help="chiffrer le fichier (AES-256-GCM, clé dérivée d'une phrase secrète par "
                        "scrypt) pour le transmettre")
    p.add_argument("--passphrase-file", metavar="FILE", type=Path,
                   help="lire la phrase secrète dans ce fichier (première ligne) ; sinon "
                        "$INCIDENT_WIZARD_PASSPHRASE, sinon elle est demandée")

    p = sub.add_parser("import-incident", parents=[common],
                       help="importer un incident depuis un fichier JSON (tout ou rien)")
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--update", action="store_true",
                   help="mettre à jour un incident déjà présent : accepté si le journal du "
                        "fichier prolonge celui de la base (mêmes entrées, puis d'autres)")
    p.add_argument("--passphrase-file", metavar="FILE", type=Path,
                   help="phrase secrète d'un fichier chiffré (première ligne de ce fichier) ; "
                        "sinon $INCIDENT_WIZARD_PASSPHRASE, sinon elle est demandée")

    p = sub.add_parser("verify-journal", parents=[common],
                       help="vérifier le journal chaîné d'un incident (chaîne et faits de l'incident) ;"
                            " avec --head, qu'il contient l'empreinte imprimée sur un document")
    p.add_argument("reference", metavar="REF")
    p.add_argument("--head", metavar="HASH",
                   help="empreinte du journal imprimée sur un document exporté (16 caractères "
                        "hexadécimaux au moins)")

    p = sub.add_parser("assess", parents=[common],
                       help="évaluer la gravité (méthode ENISA) d'un fichier d'incident ; "
                            "affiche un objet JSON")
    p.add_argument("file", metavar="FILE", type=Path)

    p = sub.add_parser("documents", parents=[common],
                       help="écrire les documents d'un incident (brouillon CNIL, courrier, "
                            "courriel, SMS, affiche, fiche du registre)")
    p.add_argument("source", metavar="FILE_OR_REF",
                   help="référence d'un incident de la base, ou fichier d'incident JSON")
    p.add_argument("--out", metavar="DIR", type=Path, required=True)
    p.add_argument("--kind", choices=("initial", "complete", "complementary"),
                   help="type de notification du brouillon (sinon déduit de l'incident)")
    p.add_argument("--no-pdf", action="store_true", help="ne pas écrire les PDF")

    pharmacy_help = ("seulement les incidents de cette pharmacie (SIRET ou partie du nom), dans "
                     "un dossier qui en regroupe plusieurs (celui d'un DPO) ; sinon toutes")
    p = sub.add_parser("register", parents=[common],
                       help="écrire le registre des violations (.docx, .pdf, .csv)")
    p.add_argument("--out", metavar="DIR", type=Path, required=True)
    p.add_argument("--from", dest="date_from", metavar="DATE", help="AAAA-MM-JJ (inclus)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="AAAA-MM-JJ (inclus)")
    p.add_argument("--no-pdf", action="store_true", help="ne pas écrire le PDF")
    p.add_argument("--pharmacy", metavar="PHARMACIE", help=pharmacy_help)

    p = sub.add_parser("inspection", parents=[common],
                       help="préparer le dossier d'un contrôle de la CNIL : registre, documents, "
                            "pièces jointes et journaux des incidents d'une période")
    p.add_argument("--out", metavar="DIR", type=Path, required=True)
    p.add_argument("--from", dest="date_from", metavar="DATE", help="AAAA-MM-JJ (inclus)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="AAAA-MM-JJ (inclus)")
    p.add_argument("--pharmacy", metavar="PHARMACIE", help=pharmacy_help)

    sub.add_parser("deadlines", parents=[common],
                   help="toutes les échéances ouvertes (72 h, notification complémentaire, "
                        "plainte, actions de suivi) de toutes les pharmacies, la plus proche d'abord")

    p = sub.add_parser("review", parents=[common],
                       help="écrire la revue annuelle du registre (.docx, .pdf) : violations par "
                            "situation et par décision, actions de suivi ouvertes, à signer")
    p.add_argument("--out", metavar="DIR", type=Path, required=True)
    p.add_argument("--from", dest="date_from", metavar="DATE",
                   help="AAAA-MM-JJ (inclus ; par défaut les 12 derniers mois)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="AAAA-MM-JJ (inclus)")
    p.add_argument("--no-pdf", action="store_true", help="ne pas écrire le PDF")

    p = sub.add_parser("actions", parents=[common],
                       help="lister les actions de suivi encore ouvertes (les retards d'abord)")

    p = sub.add_parser("backup", parents=[common],
                       help="écrire une copie complète et cohérente de la base de données")
    p.add_argument("file", metavar="FILE", type=Path)

    sub.add_parser("list", parents=[common], help="lister les incidents")
    return parser


def _open_storage(args: argparse.Namespace) -> Storage:
    storage = Storage.open(user_data_dir(getattr(args, "data_dir", None)))
    for warning in storage.warnings:
        print(f"Attention : {warning}", file=sys.stderr)
    return storage


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
        contents = {a.sha256: storage.attachment_content(incident.reference, a.sha256)
                    for a in incident.attachments}
        from . import sealed

        sealed.write_incident_file(args.file, incident, entries, now_utc(), __version__, contents,
                                   _passphrase(args, twice=True) if args.encrypt else None)
        storage.append_journal(args.reference, "incident_exported",
                               {"file": args.file.name, "encrypted": bool(args.encrypt)})
    print(f"Incident {args.reference} exporté dans {args.file} ({len(entries)} entrées de journal"
          + (", chiffré : transmettez la phrase secrète par un autre moyen" if args.encrypt else "")
          + ").")
    return EXIT_OK


def _passphrase(args: argparse.Namespace, twice: bool = False) -> str:
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


def cmd_import(args: argparse.Namespace) -> int:
    from . import sealed
    from .domain.procedure import load_procedure

    loaded = sealed.read_incident_file(args.file, load_procedure(), lambda: _passphrase(args))
    with _open_storage(args) as storage:
        result = storage.import_incident(loaded.incident, loaded.journal, source=args.file.name,
                                         contents=loaded.contents, update=args.update)
    if result.kind == "unchanged":
        print(f"Incident {result.reference} déjà à jour : le fichier n'apporte rien de nouveau "
              f"({result.entries_after} entrées de journal).")
    elif result.kind == "update":
        print(f"Incident {result.reference} mis à jour : {result.entries_after - result.entries_before} "
              f"nouvelle(s) entrée(s) de journal ({result.entries_after} en tout).")
    elif result.reference != loaded.incident.reference and "@" in result.reference:
        print(f"Incident {loaded.incident.reference} d'une autre pharmacie "
              f"({loaded.incident.organisation.name or '?'}) importé sous la référence "
              f"{result.reference}, la sienne étant déjà utilisée ici "
              f"({result.entries_after} entrées de journal).")
    else:
        print(f"Incident {result.reference} importé ({result.entries_after} entrées de journal).")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from .domain import journal as jr

    head = getattr(args, "head", None)
    if head is not None and (len(head.strip()) < 16 or any(c not in "0123456789abcdefABCDEF"
                                                            for c in head.strip())):
        return _fail("l'empreinte (--head) s'écrit en hexadécimal, 16 caractères au moins "
                     "(celle imprimée sur le document).")
    with _open_storage(args) as storage:
        check = storage.verify_journal(args.reference)
        entries = storage.journal(args.reference) if head is not None else []
    print(check.message, file=sys.stdout if check.ok else sys.stderr)
    if head is not None:
        found = jr.contains_head(entries, head)
        if found is None:
            print(f"L'empreinte {head.strip()[:64]} ne figure pas dans le journal de {args.reference} : "
                  "l'historique imprimé sur le document a été réécrit ou le document vient d'un autre "
                  "incident.", file=sys.stderr)
            return EXIT_CHECK_FAILED
        print(f"L'empreinte imprimée correspond à l'entrée n° {found.seq} du journal "
              f"({len(entries) - found.seq} entrée(s) ajoutée(s) depuis).")
    return EXIT_OK if check.ok else EXIT_CHECK_FAILED


def cmd_assess(args: argparse.Namespace) -> int:
    from .domain.procedure import load_procedure
    from .domain.risk import assess

    procedure = load_procedure()
    loaded = incident_file.read(args.file, procedure)
    result = assess(loaded.incident, procedure)
    print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _report_export(result) -> int:
    """Print the files written (stdout) and any template warning (stderr)."""
    for warning in result.warnings:
        print(f"Attention : {warning}", file=sys.stderr)
    for path in result.files:
        print(path)
    return EXIT_OK


def cmd_documents(args: argparse.Namespace) -> int:
    import tempfile

    from .documents.export import write_incident_documents
    from .domain.procedure import load_procedure

    procedure = load_procedure()
    source = Path(args.source)
    if source.suffix.lower() == ".json" or source.is_file():
        # An incident file: documents are made from it in a throw-away database, so that the
        # user's own register is not touched.
        loaded = incident_file.read(source, procedure)
        with tempfile.TemporaryDirectory() as folder, Storage.open(Path(folder)) as scratch:
            scratch.import_incident(loaded.incident, loaded.journal, source=source.name,
                                    contents=loaded.contents)
            result = write_incident_documents(scratch, procedure, loaded.incident.reference,
                                              args.out, kind=args.kind, pdf=not args.no_pdf)
    else:
        with _open_storage(args) as storage:
            result = write_incident_documents(storage, procedure, args.source, args.out,
                                              kind=args.kind, pdf=not args.no_pdf)
    return _report_export(result)


def _period(args: argparse.Namespace):
    """--from/--to as dates (inclusive); ValidationError when unreadable or reversed."""
    from .documents.export import parse_day
    from .domain.errors import ValidationError

    start = parse_day(args.date_from) if args.date_from else None
    end = parse_day(args.date_to) if args.date_to else None
    if start and end and end < start:
        raise ValidationError("la date de fin (--to) précède la date de début (--from).")
    return start, end


def cmd_register(args: argparse.Namespace) -> int:
    from .documents.export import resolve_pharmacy, write_register
    from .domain.procedure import load_procedure

    start, end = _period(args)
    with _open_storage(args) as storage:
        pharmacy = resolve_pharmacy(storage, args.pharmacy) if args.pharmacy else None
        result = write_register(storage, load_procedure(), args.out, start, end, pdf=not args.no_pdf,
                                pharmacy=pharmacy)
    return _report_export(result)


def cmd_inspection(args: argparse.Namespace) -> int:
    from .documents.export import resolve_pharmacy, write_inspection
    from .domain.procedure import load_procedure

    start, end = _period(args)
    with _open_storage(args) as storage:
        pharmacy = resolve_pharmacy(storage, args.pharmacy) if args.pharmacy else None
        result = write_inspection(storage, load_procedure(), args.out, start, end, pharmacy=pharmacy)
    return _report_export(result)


def cmd_backup(args: argparse.Namespace) -> int:
    with _open_storage(args) as storage:
        storage.backup(args.file)
        count = len(storage.list_incidents())
    print(f"Sauvegarde écrite : {args.file} ({count} incident(s)). Pour la relire : "
          f"incident-wizard --data-dir <dossier contenant le fichier renommé incidents.sqlite3>.")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from .domain.clock import format_short

    with _open_storage(args) as storage:
        rows = storage.list_incidents()
    for row in rows:
        awareness = format_short(row.awareness_at) if row.awareness_at else "-"
        print(_line(row.reference, row.status, awareness, row.title, row.pharmacy or "-"))
    return EXIT_OK


from .cli_followup import _line, cmd_actions, cmd_deadlines, cmd_review  # noqa: E402 - after the helpers they use

COMMANDS = {
    "deadlines": cmd_deadlines,
    "review": cmd_review,
    "actions": cmd_actions,
    "export-incident": cmd_export,
    "import-incident": cmd_import,
    "verify-journal": cmd_verify,
    "assess": cmd_assess,
    "documents": cmd_documents,
    "register": cmd_register,
    "inspection": cmd_inspection,
    "backup": cmd_backup,
    "list": cmd_list,
}


def main(argv: list[str] | None = None) -> int:
    import os

    for name in ("stdout", "stderr"):  # a windowed (no console) executable has none
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    args = _parser().parse_args(argv)
    if args.self_check:
        from .selfcheck import run_self_check

        return run_self_check()
    if args.command is None:
        from .ui.app import run_gui

        return run_gui(getattr(args, "data_dir", None))
    try:
        return COMMANDS[args.command](args)
    except IncidentWizardError as error:
        return _fail(str(error))
    except OSError as error:
        from .domain.errors import os_error_message

        return _fail(os_error_message(error))
    except sqlite3.Error as error:
        # A damaged page that PRAGMA quick_check did not see, a disk that filled up: say which,
        # touch nothing.
        from .storage import DB_FILENAME, diagnose

        folder = user_data_dir(getattr(args, "data_dir", None))
        return _fail(str(diagnose(folder / DB_FILENAME, error)))


if __name__ == "__main__":
    sys.exit(main())
