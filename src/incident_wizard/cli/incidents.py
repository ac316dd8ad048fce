"""The sub-commands on one incident: export and import an incident file, verify its journal,
assess a file, write its documents; and on the data folder: list, back up (see cli/__init__.py
for the contract)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..application.workspace import Workspace, assess_incident_file
from .common import EXIT_CHECK_FAILED, EXIT_OK, fail, line, open_workspace, passphrase, report_export


def cmd_export(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        count = workspace.export_incident_file(
            args.reference, args.file, passphrase(args, twice=True) if args.encrypt else None)
    print(f"Incident {args.reference} exporté dans {args.file} ({count} entrées de journal"
          + (", chiffré : transmettez la phrase secrète par un autre moyen" if args.encrypt else "")
          + ").")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        loaded = workspace.read_incident_file(args.file, lambda: passphrase(args))
        result = workspace.import_incident(loaded, source=args.file.name, update=args.update)
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
    head = getattr(args, "head", None)
    register = getattr(args, "register", False)
    if head is not None and (len(head.strip()) < 16 or any(c not in "0123456789abcdefABCDEF"
                                                            for c in head.strip())):
        return fail("l'empreinte (--head) s'écrit en hexadécimal, 16 caractères au moins "
                    "(celle imprimée sur le document).")
    if args.reference is None and not register and head is None:
        return fail("indiquez la référence de l'incident (REF), ou --register pour le registre.")
    ok = True
    with open_workspace(args) as workspace:
        found = event = None
        if args.reference is not None:
            check = workspace.verify_journal(args.reference)
            found, count = workspace.find_head(args.reference, head) if head is not None else (None, 0)
            print(check.message, file=sys.stdout if check.ok else sys.stderr)
            ok = check.ok
        if head is not None and found is None:
            event = workspace.find_register_head(head)
        if register or event is not None:
            registered = workspace.verify_register()
            print(registered.message, file=sys.stdout if registered.ok else sys.stderr)
            ok = ok and registered.ok
    if head is None:
        return EXIT_OK if ok else EXIT_CHECK_FAILED
    if found is not None:
        print(f"L'empreinte imprimée correspond à l'entrée n° {found.seq} du journal "
              f"({count - found.seq} entrée(s) ajoutée(s) depuis).")
    elif event is not None:
        print(f"L'empreinte imprimée est celle du registre : événement n° {event.seq} "
              f"({registered.count - event.seq} événement(s) enregistré(s) depuis).")
    else:
        where = (f"pas dans le journal de {args.reference}, ni dans le registre" if args.reference
                 else "pas dans le registre")
        print(f"L'empreinte {head.strip()[:64]} ne figure {where} : l'historique imprimé sur le "
              "document a été réécrit ou le document vient d'un autre incident ou d'un autre "
              "dossier de données.", file=sys.stderr)
        return EXIT_CHECK_FAILED
    return EXIT_OK if ok else EXIT_CHECK_FAILED


def cmd_assess(args: argparse.Namespace) -> int:
    print(json.dumps(assess_incident_file(args.file), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_documents(args: argparse.Namespace) -> int:
    import tempfile

    source = Path(args.source)
    options = {"kind": args.kind, "pdf": not args.no_pdf, "include_unneeded": args.all}
    if source.suffix.lower() == ".json" or source.is_file():
        # An incident file: documents are made from it in a throw-away folder, so that the
        # user's own register is not touched.
        with tempfile.TemporaryDirectory() as folder, Workspace.open(Path(folder)) as scratch:
            loaded = scratch.read_incident_file(source, lambda: passphrase(args))
            scratch.import_incident(loaded, source=source.name)
            result = scratch.write_documents(loaded.incident.reference, args.out, **options)
    else:
        with open_workspace(args) as workspace:
            result = workspace.write_documents(args.source, args.out, **options)
    return report_export(result)


def cmd_backup(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        workspace.backup(args.file, replace=args.replace)
        count = len(workspace.list_incidents())
    print(f"Sauvegarde écrite : {args.file} ({count} incident(s)). Pour la relire : "
          f"incident-wizard --data-dir <dossier contenant le fichier renommé incidents.sqlite3>.")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from ..domain.clock import format_short

    with open_workspace(args) as workspace:
        rows = workspace.list_incidents()
    for row in rows:
        awareness = format_short(row.awareness_at) if row.awareness_at else "-"
        print(line(row.reference, row.status, awareness, row.title, row.pharmacy or "-"))
    return EXIT_OK
