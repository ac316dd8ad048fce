"""What can go wrong with a database, said in French: the errors, the diagnosis of a file that
cannot be opened, the permission warnings."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from ..domain.errors import IncidentWizardError, os_error_reason
from ..i18n import _
from .schema import (
    DB_FILENAME,
)


class StorageError(IncidentWizardError):
    """The database cannot be used; the message says why and what was (not) done."""


class DatabaseTooNewError(StorageError):
    """The database was written by a newer version of the app."""
    pass


class DatabaseCorruptError(StorageError):
    """The file is damaged, empty or not an Incident Wizard database."""
    pass


class IncidentNotFoundError(StorageError):
    """No incident has this reference."""
    pass


class JournalAlteredError(StorageError):
    """The incident's journal or its facts were altered: it is never extended."""


class DiskFullError(StorageError):
    """The disk holding the data is full."""


class DamagedIncidentError(StorageError):
    """One stored incident cannot be read or validated; the others stay usable."""


def unreadable_reason(error: BaseException) -> str:
    """Why a stored row cannot be read, in French, without quoting it (SQLite's message quotes
    the undecodable text, which may be personal data)."""
    text = str(error)
    if "decode" in text.casefold() or isinstance(error, UnicodeError):
        return _("texte enregistré illisible : octets qui ne sont pas de l'UTF-8")
    code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return _("pages de la base illisibles")
    return _("ligne illisible ({kind})").format(kind=type(error).__name__)


def damaged_message(reference: str, detail: str) -> str:
    return _("L'incident {reference} est endommagé dans le fichier de données ({detail}) : il "
             "ne peut pas être ouvert. Les autres incidents restent utilisables. Restaurez-le depuis "
             "une sauvegarde (Pharmacie → Sauvegarder les données, ou une copie « avant-migration ») "
             "ou contactez votre prestataire informatique.").format(reference=reference,
                                                                    detail=detail[:300])



def _inspect(path: Path, check: bool = True) -> tuple[int, int, set[str]]:
    """Read (user_version, application_id, table names) without writing anything, except the
    recovery SQLite itself does after a crash (a hot journal or WAL is rolled back or replayed,
    as any program opening the file would do; a read-only connection cannot do it); with
    ``check``, run ``PRAGMA quick_check`` (which reads the whole file).

    Raises a StorageError saying what is wrong (damaged, not a database, unreadable...)."""
    try:
        return _inspect_with(path, "ro", check)
    except StorageError as refused:
        cause = refused.__cause__
        hot = any(path.with_name(path.name + suffix).exists() for suffix in ("-wal", "-journal"))
        if problem_kind(cause) == "read-only" and hot and os.access(path.parent, os.W_OK):
            return _inspect_with(path, "rw", check)
        raise


def _inspect_with(path: Path, mode: str, check: bool = True) -> tuple[int, int, set[str]]:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True)
    except sqlite3.Error as error:
        raise diagnose(path, error) from error
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if check:
            result = quick_check(conn)
            if result != "ok":
                raise DatabaseCorruptError(_corrupt_message(path, result))
        return version, app_id, tables
    except sqlite3.Error as error:
        raise diagnose(path, error) from error
    finally:
        conn.close()


def quick_check(conn: sqlite3.Connection) -> str:
    """``PRAGMA quick_check``: "ok", or the first problem SQLite found."""
    return conn.execute("PRAGMA quick_check").fetchone()[0]


#: The tables every schema version has (a file with our id and none of them is not ours).
_CORE_TABLES = {"settings", "incidents", "journal"}

#: SQLite's primary result codes that say something about the machine, not the file.
_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT = 3, 8, 10, 11
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
_SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_AUTH, _SQLITE_NOTADB = 13, 14, 23, 26


def problem_kind(error: BaseException) -> str:
    """What an OS or SQLite error says about the situation: "full", "read-only", "permission",
    "damaged", "io" (the disk failed), "cannot-open" or "" (something else)."""
    if isinstance(error, OSError):
        return {errno.ENOSPC: "full", errno.EDQUOT: "full", errno.EROFS: "read-only",
                errno.EACCES: "permission", errno.EPERM: "permission",
                errno.EIO: "io"}.get(error.errno or 0, "")
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return ""
    return {_SQLITE_FULL: "full", _SQLITE_READONLY: "read-only", _SQLITE_PERM: "permission",
            _SQLITE_AUTH: "permission", _SQLITE_CANTOPEN: "cannot-open",
            _SQLITE_CORRUPT: "damaged", _SQLITE_NOTADB: "damaged",
            _SQLITE_BUSY: "busy", _SQLITE_LOCKED: "busy",
            _SQLITE_IOERR: "io"}.get(code & 0xFF, "")


def _detail(error: BaseException) -> str:
    if isinstance(error, OSError):
        return os_error_reason(error)
    return str(error)


def diagnose(path: Path, error: BaseException) -> StorageError:
    """The French explanation of why the database at ``path`` could not be opened or read.
    Every message says that nothing was modified and what to do."""
    kind = problem_kind(error)
    folder = path.parent
    if kind == "io" and disk_full(folder):
        kind = "full"  # SQLite says "disk I/O error" when it cannot grow its -shm on a full disk
    if kind == "busy":
        return StorageError(_(
            "Le fichier de données {path} est utilisé par un autre programme (sauvegarde, "
            "synchronisation, outil de base de données) qui le garde verrouillé. Il n'est pas "
            "endommagé et n'a pas été modifié : fermez cet autre programme, puis relancez.").format(
                path=path))
    if kind == "full":
        return DiskFullError(_(
            "Le disque qui contient les données d'Incident Wizard ({folder}) est plein : "
            "l'application ne peut pas démarrer sans risquer de perdre une saisie. Rien n'a été "
            "modifié. Libérez de la place (corbeille, téléchargements), puis relancez.").format(
                folder=folder))
    if kind == "read-only":
        return StorageError(_(
            "Le dossier de données {folder} est en lecture seule (clé USB verrouillée, partage "
            "réseau, disque monté en lecture seule) : les saisies ne pourraient pas être "
            "enregistrées. Rien n'a été modifié. Rendez ce dossier modifiable ou choisissez-en un "
            "autre (option --data-dir).").format(folder=folder))
    if kind == "permission":
        return StorageError(_(
            "Votre compte n'a pas le droit de lire ou d'écrire {path} ({reason}). Rien "
            "n'a été modifié. Demandez à votre prestataire informatique de vous rendre ces "
            "droits, ou choisissez un autre dossier de données (option --data-dir).").format(
                path=path, reason=_detail(error)))
    if kind == "io":
        return StorageError(_(
            "Le disque n'a pas pu lire ou écrire {path} ({reason}) : il est peut-être "
            "défaillant ou débranché. Rien n'a été modifié. Vérifiez le disque (ou la clé), "
            "faites une copie du dossier de données, puis relancez.").format(
                path=path, reason=_detail(error)))
    if kind not in ("damaged",) or not isinstance(error, sqlite3.DatabaseError):
        return StorageError(_(
            "Le dossier de données {folder} ne peut pas être utilisé ({reason}). Rien "
            "n'a été modifié. Vérifiez ce dossier ou choisissez-en un autre (option --data-dir).").format(
                folder=folder, reason=_detail(error)))
    code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
    if code == _SQLITE_NOTADB:
        detail = _("son en-tête n'est pas celui d'une base de données : fichier abîmé, ou autre fichier")
    elif code == _SQLITE_CORRUPT:
        detail = _("des pages de la base sont illisibles")
    else:
        detail = _detail(error)
    return DatabaseCorruptError(_corrupt_message(path, detail))


def _free_name(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3``... if it exists (a copy taken just before an
    interrupted migration is kept; the next start takes its own)."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def permission_warnings(path: Path) -> list[str]:
    """French warnings when the database or its folder can be read by other accounts of this
    computer (POSIX: its mode; Windows: its DACL, winsecurity). The app never changes them: their
    owner may share them on purpose."""
    if os.name == "nt":
        return _windows_permission_warnings(path)
    if os.name != "posix":
        return []
    warnings = []
    folder_warning = _(
        "Le dossier de données {path} est accessible à d'autres comptes de cet ordinateur (droits "
        "{mode}) alors qu'il contient des données de santé. Incident Wizard ne "
        "modifie pas ces droits : si ce partage n'est pas voulu, demandez à votre "
        "prestataire de les restreindre (chmod 700 pour le dossier, 600 pour le "
        "fichier).")
    file_warning = _(
        "Le fichier de données {path} est accessible à d'autres comptes de cet ordinateur (droits "
        "{mode}) alors qu'il contient des données de santé. Incident Wizard ne "
        "modifie pas ces droits : si ce partage n'est pas voulu, demandez à votre "
        "prestataire de les restreindre (chmod 700 pour le dossier, 600 pour le "
        "fichier).")
    for target, warning in ((path.parent, folder_warning), (path, file_warning)):
        try:
            mode = target.stat().st_mode & 0o777
        except OSError:
            continue
        if mode & 0o077:
            warnings.append(warning.format(path=target, mode=f"{mode:04o}"))
    return warnings


def _windows_permission_warnings(path: Path) -> list[str]:
    from .. import winsecurity

    warnings = []
    for target in (path.parent, path):
        try:
            others = winsecurity.others_who_can_read(target)
        except OSError:
            continue
        if others:
            warnings.append(_(
                "{path} est lisible par d'autres comptes de cet ordinateur ({accounts}) alors "
                "qu'il contient des données de santé. Incident Wizard ne modifie pas ces droits : "
                "si ce partage n'est pas voulu, demandez à votre prestataire de les restreindre "
                "à votre compte (Propriétés → Sécurité → Avancé : désactiver l'héritage, ne garder "
                "que votre compte, SYSTEM et Administrateurs).").format(
                    path=target, accounts=", ".join(others)))
    return warnings


def _corrupt_message(path: Path, detail: object) -> str:
    return _(
        "Le fichier de données {path} est endommagé ({detail}). Il n'a pas été modifié. "
        "Gardez-en une copie, puis, application fermée, remplacez-le par votre dernière "
        "sauvegarde (le fichier écrit par « Sauvegarder les données… », renommé "
        "{database}) en déplaçant aussi les fichiers {database}-wal et "
        "{database}-shm s'ils existent, ou contactez votre prestataire informatique ; vous "
        "pouvez démarrer avec un autre dossier de données (option --data-dir)."
    ).format(path=path, detail=detail, database=DB_FILENAME)


def _foreign_message(path: Path, detail: str) -> str:
    return _(
        "Le fichier {path} n'est pas une base de données d'Incident Wizard ({detail}). Il n'a "
        "pas été modifié. Il a peut-être été copié là par erreur : déplacez-le ailleurs, ou "
        "démarrez avec un autre dossier de données (option --data-dir).").format(
            path=path, detail=detail)


def _empty_message(path: Path) -> str:
    return _(
        "Le fichier de données {path} est vide (0 octet) : il a peut-être été tronqué par une "
        "panne ou une copie interrompue. Il n'a pas été modifié. Si vous avez une sauvegarde, "
        "restaurez-la à sa place ; sinon, déplacez ce fichier ailleurs (avec ses fichiers -wal et "
        "-shm s'ils existent) et relancez : un registre neuf sera créé.").format(path=path)


def read_only_message(path: Path) -> str:
    """Said once when the database is opened read-only, and again at each refused change."""
    return _("Le fichier de données {path} est en lecture seule pour votre compte : les "
             "incidents peuvent être consultés et sauvegardés (Pharmacie → Sauvegarder les "
             "données…), mais aucune saisie ne peut être enregistrée et aucun document exporté "
             "(chaque export est inscrit au journal). Pour travailler, demandez à votre prestataire de vous rendre "
             "le droit d'écrire ce fichier et son dossier, puis relancez.").format(path=path)


def is_writable(path: Path) -> bool:
    """Whether this account may write the database and create its -wal and -shm beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


#: Below this many free bytes, a disk error is a full disk (SQLite and the OS name some
#: full-disk failures "I/O error").
_FULL_BELOW = 1024 * 1024


def disk_full(folder: Path) -> bool:
    """Whether the disk holding ``folder`` (or its nearest existing parent) has (almost) no room
    left for this account."""
    import shutil

    folder = Path(folder)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free < _FULL_BELOW
    except OSError:
        return False


def _write_failure(path: Path, error: Exception) -> str:
    kind = problem_kind(error)
    if kind == "io" and disk_full(path.parent):
        kind = "full"
    if kind == "full":
        message = _("L'enregistrement n'a pas pu être fait ({reason}) : la dernière saisie n'est "
                    "pas enregistrée ; le disque est plein : libérez de la place, puis recommencez.")
    elif kind in ("read-only", "permission"):
        message = _("L'enregistrement n'a pas pu être fait ({reason}) : la dernière saisie n'est "
                    "pas enregistrée ; le fichier {path} ne peut pas être modifié (lecture seule ou "
                    "droits) : vérifiez-le, puis recommencez.")
    elif kind == "io":
        message = _("L'enregistrement n'a pas pu être fait ({reason}) : la dernière saisie n'est "
                    "pas enregistrée ; le disque a renvoyé une erreur : vérifiez-le, puis recommencez.")
    else:
        message = _("L'enregistrement n'a pas pu être fait ({reason}) : la dernière saisie n'est "
                    "pas enregistrée ; vérifiez qu'il reste de la place sur le disque et que le "
                    "fichier {path} n'est pas ouvert par un autre programme, puis recommencez.")
    return message.format(reason=_detail(error), path=path)



def altered_message(reference: str, detail: str) -> str:
    """Why an altered incident is read-only, and what to do (French)."""
    return _("{detail} L'incident {reference} est en lecture seule : son journal chaîné n'est plus "
             "prolongé, pour ne pas masquer la modification. Restaurez-le depuis une sauvegarde, ou "
             "exportez ses documents pour garder la trace de ce qui est enregistré, et prévenez votre "
             "délégué à la protection des données.").format(detail=detail, reference=reference)
