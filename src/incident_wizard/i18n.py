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
- ``scripts/update-messages`` (Babel) extracts every marked message of src/incident_wizard (but
  ui/, which goes through Qt's tr()) into ``resources/locale/incident_wizard.pot``, brings each
  translation ``resources/locale/<language>/LC_MESSAGES/incident_wizard.po`` up to date and
  compiles it to the ``.mo`` next to it, which ships; ``install()`` loads the one of the
  language in force (``language()``: ``$INCIDENT_WIZARD_LANGUAGE``, French by default, which
  needs no catalogue).

Qt-free and stdlib only when imported (Babel is the fallback of ``calendar_names``, imported
only if its file is missing): the domain imports it.
"""

from __future__ import annotations

import functools
import gettext
import json
import os
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


#: The environment variable naming the language shown ("en"); French when unset.
LANGUAGE_VARIABLE = "INCIDENT_WIZARD_LANGUAGE"
SOURCE_LANGUAGE = "fr"


def language() -> str:
    """The language in force: ``$INCIDENT_WIZARD_LANGUAGE`` ("en", "en_GB"...: its first two
    letters), else French, the source language."""
    chosen = os.environ.get(LANGUAGE_VARIABLE, "").strip().lower()[:2]
    return chosen if chosen.isalpha() and len(chosen) == 2 else SOURCE_LANGUAGE


def install(chosen: str | None = None) -> str:
    """Install the compiled catalogue (.mo) of ``chosen`` (default ``language()``); French, or a
    language without a catalogue, is the source text. Returns the language installed."""
    chosen = chosen or language()
    if chosen == SOURCE_LANGUAGE:
        use(gettext.NullTranslations())
        return chosen
    try:
        use(gettext.translation(DOMAIN, catalogue_dir(), languages=[chosen]))
    except OSError:  # no catalogue for that language: French
        use(gettext.NullTranslations())
        return SOURCE_LANGUAGE
    return chosen


#: The CLDR's day and month names of a language, written from Babel's locale data by
#: scripts/update-messages (tests/test_french_dates.py fails when they differ from Babel's).
CALENDAR_FILE = "calendar.json"


@functools.cache
def calendar_names(language: str = SOURCE_LANGUAGE) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(days from Monday, months from January), the CLDR's "wide" format names of ``language``:
    read from resources/locale/<language>/calendar.json (a JSON file of 200 bytes, so that the
    app's start does not load Babel's locale data), or from Babel when it is missing."""
    try:
        data = json.loads((catalogue_dir() / language / CALENDAR_FILE).read_text(encoding="utf-8"))
        days, months = tuple(data["days"]), tuple(data["months"])
    except (OSError, ValueError, KeyError, TypeError):
        days, months = cldr_calendar_names(language)
    if len(days) != 7 or len(months) != 12:
        days, months = cldr_calendar_names(language)
    return days, months


def cldr_calendar_names(language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The same names, from Babel's CLDR data (what calendar.json is written from)."""
    from babel import Locale

    locale = Locale.parse(language)
    days, months = locale.days["format"]["wide"], locale.months["format"]["wide"]
    return tuple(days[i] for i in range(7)), tuple(months[i] for i in range(1, 13))


def catalogue_dir() -> Path:
    """resources/locale: the .pot template and the compiled catalogues (<lang>/LC_MESSAGES/*.mo)."""
    from .locations import bundled_dir

    return bundled_dir("resources") / "locale"
