"""Command line: the sub-commands of `incident-wizard`, which work without any window (with
no sub-command, incident_wizard.main starts the GUI). Each calls the application layer.

Exit status: 0 success; 1 a check failed (altered journal); 2 bad input or unusable data.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .. import __version__
from ..domain.errors import IncidentWizardError
from ..locations import DATA_DIR_ENV, user_data_dir
from .common import EXIT_BAD_INPUT, EXIT_CHECK_FAILED, EXIT_OK, fail

__all__ = ["main", "parse_args", "run", "EXIT_OK", "EXIT_CHECK_FAILED", "EXIT_BAD_INPUT"]


def _export_incident(p: argparse.ArgumentParser) -> None:
    p.add_argument("reference", metavar="REF")
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--encrypt", action="store_true",
                   help="chiffrer le fichier (AES-256-GCM, clé dérivée d'une phrase secrète par "
                        "scrypt) pour le transmettre")
    p.add_argument("--passphrase-file", metavar="FILE", type=Path,
                   help="lire la phrase secrète dans ce fichier (première ligne) ; sinon "
                        "$INCIDENT_WIZARD_PASSPHRASE, sinon elle est demandée")


def _import_incident(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--update", action="store_true",
                   help="mettre à jour un incident déjà présent : accepté si le journal du "
                        "fichier prolonge celui de la base (mêmes entrées, puis d'autres)")
    p.add_argument("--passphrase-file", metavar="FILE", type=Path,
                   help="phrase secrète d'un fichier chiffré (première ligne de ce fichier) ; "
                        "sinon $INCIDENT_WIZARD_PASSPHRASE, sinon elle est demandée")


def _verify_journal(p: argparse.ArgumentParser) -> None:
    p.add_argument("reference", metavar="REF", nargs="?")
    p.add_argument("--head", metavar="HASH",
                   help="empreinte du journal ou du registre imprimée sur un document exporté "
                        "(16 caractères hexadécimaux au moins)")
    p.add_argument("--register", action="store_true",
                   help="vérifier aussi la chaîne du registre (REF facultatif)")


def _assess(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", type=Path)


def _documents(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", metavar="FILE_OR_REF",
                   help="référence d'un incident de la base, ou fichier d'incident JSON")
    p.add_argument("--out", metavar="DIR", type=Path, required=True)
    p.add_argument("--kind", choices=("initial", "complete", "complementary"),
                   help="type de notification du brouillon (sinon déduit de l'incident)")
    p.add_argument("--no-pdf", action="store_true", help="ne pas écrire les PDF")
    p.add_argument("--all", action="store_true",
                   help="écrire aussi les documents non requis pour cet incident (par exemple le "
                        "brouillon CNIL d'un incident inscrit au registre seulement), marqués "
                        "« Non requis » avec la raison")


def _period(p: argparse.ArgumentParser, default_from: str = "") -> None:
    p.add_argument("--out", metavar="DIR", type=Path, required=True)
    p.add_argument("--from", dest="date_from", metavar="DATE", help=f"AAAA-MM-JJ (inclus{default_from})")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="AAAA-MM-JJ (inclus)")


_PHARMACY_HELP = ("seulement les incidents de cette pharmacie (SIRET ou partie du nom), dans un "
                  "dossier qui en regroupe plusieurs (celui d'un DPO) ; sinon toutes")


def _register(p: argparse.ArgumentParser) -> None:
    _period(p)
    p.add_argument("--no-pdf", action="store_true", help="ne pas écrire le PDF")
    p.add_argument("--no-xlsx", action="store_true", help="ne pas écrire le classeur Excel (.xlsx)")
    p.add_argument("--pharmacy", metavar="PHARMACIE", help=_PHARMACY_HELP)


def _inspection(p: argparse.ArgumentParser) -> None:
    _period(p)
    p.add_argument("--pharmacy", metavar="PHARMACIE", help=_PHARMACY_HELP)


def _review(p: argparse.ArgumentParser) -> None:
    _period(p, " ; par défaut les 12 derniers mois")
    p.add_argument("--no-pdf", action="store_true", help="ne pas écrire le PDF")


def _backup(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--replace", action="store_true",
                   help="remplacer FILE s'il existe, en gardant l'ancien sous un nom daté "
                        "(.precedente-AAAAMMJJTHHMMSSZ)")


def _nothing(p: argparse.ArgumentParser) -> None:
    """A sub-command with only the common options."""


#: The sub-commands, in the order of the help: name -> (help, its arguments).
SUB_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "export-incident": ("exporter un incident et son journal dans un fichier JSON", _export_incident),
    "import-incident": ("importer un incident depuis un fichier JSON (tout ou rien)", _import_incident),
    "verify-journal": ("vérifier le journal chaîné d'un incident (chaîne et faits de l'incident) ;"
                       " avec --head, qu'il contient l'empreinte imprimée sur un document ;"
                       " avec --register, la chaîne du registre (incidents supprimés ou"
                       " journaux raccourcis)", _verify_journal),
    "assess": ("évaluer la gravité (méthode ENISA) d'un fichier d'incident ; affiche un objet JSON",
               _assess),
    "documents": ("écrire les documents d'un incident (brouillon CNIL, courrier, courriel, SMS, "
                  "affiche, fiche du registre)", _documents),
    "register": ("écrire le registre des violations (.docx, .pdf, .csv, .xlsx)", _register),
    "inspection": ("préparer le dossier d'un contrôle de la CNIL : registre, documents, pièces "
                   "jointes et journaux des incidents d'une période", _inspection),
    "deadlines": ("toutes les échéances ouvertes (72 h, notification complémentaire, plainte, "
                  "actions de suivi) de toutes les pharmacies, la plus proche d'abord", _nothing),
    "review": ("écrire la revue annuelle du registre (.docx, .pdf) : violations par situation et "
               "par décision, actions de suivi ouvertes, à signer", _review),
    "actions": ("lister les actions de suivi encore ouvertes (les retards d'abord)", _nothing),
    "backup": ("écrire une copie complète et cohérente de la base de données", _backup),
    "list": ("lister les incidents", _nothing),
}


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, given the terminal's width as shutil.get_terminal_size would
    measure it ($COLUMNS, else the terminal, else 80): argparse would otherwise import shutil,
    and with it three compression modules, at every start (3 ms), to build the parser."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None):
        if width is None:
            import os

            try:
                columns = int(os.environ.get("COLUMNS", "0"))
            except ValueError:
                columns = 0
            if columns <= 0:
                try:
                    columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
                except (AttributeError, ValueError, OSError):
                    columns = 0
            width = (columns or 80) - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def _words(argv: Sequence[str]) -> list[str]:
    """The arguments of ``argv`` that are neither an option nor the folder given to --data-dir."""
    words, after_option = [], False
    for arg in argv:
        if after_option:
            after_option = False
        elif arg == "--data-dir":
            after_option = True
        elif not arg.startswith("-"):
            words.append(arg)
    return words


def _parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser of ``argv``. Only the sub-commands ``argv`` names get their arguments (and,
    unless help is asked or a word names no sub-command, only they are declared): building the
    whole tree is most of the time a one-incident command, or the window's start, spends in
    argparse."""
    common = argparse.ArgumentParser(add_help=False, formatter_class=_Formatter)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help=f"dossier des données (sinon ${DATA_DIR_ENV}, sinon le dossier "
                             "de données de l'utilisateur)")
    parser = argparse.ArgumentParser(
        prog="incident-wizard", parents=[common], formatter_class=_Formatter,
        description="Incident Wizard : gestion des violations de données personnelles "
                    "(RGPD art. 33/34) pour la pharmacie d'officine. Sans sous-commande, "
                    "ouvre l'application.")
    parser.add_argument("--version", action="version", version=f"incident-wizard {__version__}")
    parser.add_argument("--self-check", action="store_true",
                        help="vérifier l'installation (hors écran, sans toucher aux données) et quitter")
    sub = parser.add_subparsers(dest="command", metavar="SOUS-COMMANDE")
    named = set(argv) & SUB_COMMANDS.keys()
    helping = "-h" in argv or "--help" in argv
    # Every sub-command is declared for the help, and for a word that names none (argparse then
    # lists them in its refusal); a start of the window (no word at all) declares none.
    every = helping or (not named and bool(_words(argv)))
    for name, (text, arguments) in SUB_COMMANDS.items():
        if every or name in named:
            p = sub.add_parser(name, parents=[common], help=text, formatter_class=_Formatter)
            if name in named:
                arguments(p)
    return parser


from .incidents import (  # noqa: E402 - after the parser, as the contract reads
    cmd_assess,
    cmd_backup,
    cmd_documents,
    cmd_export,
    cmd_import,
    cmd_list,
    cmd_verify,
)
from .registers import cmd_actions, cmd_deadlines, cmd_inspection, cmd_register, cmd_review  # noqa: E402

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


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    import os

    for name in ("stdout", "stderr"):  # a windowed (no console) executable has none
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    argv = sys.argv[1:] if argv is None else list(argv)
    return _parser(argv).parse_args(argv)


def run(args: argparse.Namespace) -> int:
    """Run the sub-command of ``args``; every refusal is a French message and exit status 2."""
    try:
        return COMMANDS[args.command](args)
    except IncidentWizardError as error:
        return fail(str(error))
    except OSError as error:
        from ..domain.errors import os_error_message

        return fail(os_error_message(error))
    except Exception as error:
        # A damaged page that PRAGMA quick_check did not see, a disk that filled up: say which,
        # touch nothing.
        from ..application.workspace import explain_database_error

        message = explain_database_error(user_data_dir(getattr(args, "data_dir", None)), error)
        if message is None:
            raise
        return fail(message)


def main(argv: list[str] | None = None) -> int:
    """`incident-wizard SUB-COMMAND ARGS` (the program's entry point, incident_wizard.main,
    starts the GUI when there is no sub-command)."""
    args = parse_args(argv)
    if args.self_check or args.command is None:
        return fail("indiquez une sous-commande (incident-wizard --help) ; sans sous-commande, "
                    "incident-wizard ouvre l'application.")
    return run(args)
