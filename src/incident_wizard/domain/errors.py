"""Errors the domain raises, each carrying a French message fit to show to the pharmacist."""

from __future__ import annotations

from ..i18n import _


class IncidentWizardError(Exception):
    """Base class: ``str(error)`` is a complete French sentence for the user."""


class ValidationError(IncidentWizardError):
    """A value the user entered (or a file contains) is not acceptable."""


class IncidentFileError(IncidentWizardError):
    """An incident file cannot be imported; nothing was imported."""


def os_error_message(error: OSError) -> str:
    """A French sentence for a failed file operation (the system's own text is often English)."""
    reason = os_error_reason(error)
    if error.filename:
        return _("L'opération sur le fichier n'a pas pu être faite ({file}) : {reason}.").format(
            file=error.filename, reason=reason)
    return _("L'opération sur le fichier n'a pas pu être faite : {reason}.").format(reason=reason)


def os_error_reason(error: OSError) -> str:
    """Why a file operation failed, in French, with what to do when there is something to do."""
    import errno

    return {
        errno.ENOSPC: _("le disque est plein : libérez de la place, puis recommencez"),
        errno.EDQUOT: _("le quota de ce compte est atteint : libérez de la place, puis recommencez"),
        errno.EROFS: _("le support est en lecture seule : choisissez un autre dossier"),
        errno.EACCES: _("votre compte n'a pas le droit d'écrire ou de lire à cet endroit"),
        errno.EPERM: _("votre compte n'a pas le droit d'écrire ou de lire à cet endroit"),
        errno.ENOENT: _("ce fichier ou ce dossier n'existe pas"),
        errno.EISDIR: _("c'est un dossier, pas un fichier"),
        errno.ENOTDIR: _("un élément du chemin n'est pas un dossier"),
        errno.EEXIST: _("ce fichier existe déjà"),
        errno.ENAMETOOLONG: _("le nom du fichier est trop long"),
        errno.EIO: _("le disque a renvoyé une erreur de lecture ou d'écriture"),
    }.get(error.errno or 0) or _("erreur du système : {detail}").format(detail=error.strerror or error)
