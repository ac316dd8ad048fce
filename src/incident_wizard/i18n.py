"""The message catalogue of the Qt-free core (domain, session): one ``gettext`` translations
object, domain ``incident_wizard``, behind ``_()`` and ``ngettext()``.

- The source language is French: the msgids are the French sentences the pharmacist reads, so
  that the default catalogue (``gettext.NullTranslations``) shows them exactly as written.
- Placeholders are named (``{reference}``, ``{count}``) and filled with ``.format(...)`` after
  translation: ``_("Journal de {reference} : aucune entrée.").format(reference=ref)``. An
  f-string cannot be extracted; a translation may move the placeholders, never rename them.
- ``N_()`` marks a constant (a table of labels) for extraction without translating it: the
  table keeps the French text as data, and the code translates it where it is shown.
- What is stored or hashed (journal entry details, the decision's reasons kept in the record,
  option ids, JSON keys) is never translated: ``source_text()`` gives the French text while it
  is built, whatever catalogue is installed.
- ``scripts/update-messages`` extracts every marked message of src/incident_wizard (but ui/,
  which goes through Qt's tr()) into ``resources/locale/incident_wizard.pot``; a translation
  is ``resources/locale/<language>/LC_MESSAGES/incident_wizard.mo``, installed with
  ``use(gettext.translation(DOMAIN, catalogue_dir(), languages=[...]))``.

Qt-free and stdlib only: the domain imports it.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

DOMAIN = "incident_wizard"

_translations: gettext.NullTranslations = gettext.NullTranslations()
#: True while source_text() is in force (per thread and per task: a context variable).
_source_only: ContextVar[bool] = ContextVar("incident_wizard_source_only", default=False)


def _(message: str) -> str:
    """``message`` (a French msgid) in the installed language; "" stays "" (gettext would give
    the catalogue's header for it)."""
    if not message or _source_only.get():
        return message
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` (French msgids) for ``n``, in the installed language."""
    if _source_only.get():
        return singular if n == 1 else plural
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the usual gettext name
    """Mark ``message`` for extraction; return it unchanged (translate it where it is shown)."""
    return message


def use(translations: gettext.NullTranslations) -> None:
    """Install the catalogue every later ``_()`` and ``ngettext()`` call reads;
    ``use(gettext.NullTranslations())`` goes back to the French source text."""
    global _translations
    if not isinstance(translations, gettext.NullTranslations):
        raise TypeError(f"a gettext translations object is expected, not {type(translations).__name__}")
    _translations = translations


def translations() -> gettext.NullTranslations:
    """The catalogue in use."""
    return _translations


@contextmanager
def source_text() -> Iterator[None]:
    """Within the block (this thread or task only), ``_()`` and ``ngettext()`` give the French
    source text: for what is stored or hashed."""
    token = _source_only.set(True)
    try:
        yield
    finally:
        _source_only.reset(token)


def translating() -> bool:
    """Whether a catalogue other than the source text is in force here."""
    return not _source_only.get() and type(_translations) is not gettext.NullTranslations


def catalogue_dir() -> Path:
    """resources/locale: the .pot template and the compiled catalogues (<lang>/LC_MESSAGES/*.mo)."""
    from .locations import bundled_dir

    return bundled_dir("resources") / "locale"
