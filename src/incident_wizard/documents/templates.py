"""Jinja2 templates: the built-in ones in resources/templates, a user's edited copies in the
config folder's ``templates/``. Every template runs in a sandbox; a broken user template is
reported by name and the built-in one is used instead."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from ..domain.values import Value
from ..locations import resources_dir, user_config_dir
from .bounded import TemplateLimitError, TemplateWorker
from .environment import (  # noqa: F401 - PDF_TEXT_LIMIT and limit_text are the writers' too
    PDF_TEXT_LIMIT,
    TEXT_LIMIT_VARIABLE,
    configure_environment,
    limit_text,
)

TEMPLATE_NAMES = ("cnil_notification.html", "letter.html", "email.txt", "notice.html",
                  "register.html", "register_sheet.html", "review.html")

#: What a word processor leaves in a template it saved (LibreOffice Writer, Word "Enregistrer
#: sous… HTML"): a whole HTML page with its head and styles, or the template's own tags escaped
#: as text. Rendered, such a template would print raw markup and CSS in a letter.
_WORD_PROCESSOR_MARKS = (
    (re.compile(r"<!doctype|<html[\s>]|<head[\s>]|<style[\s>]|<meta[\s>]|<body[\s>]",
                re.IGNORECASE), "une page HTML complète (en-tête, styles)"),
    (re.compile(r"&lt;/?(?:p|strong|br|h[1-3]|ul|li|table|tr|td|th)\b|&#123;|&#x7b;|%7B%7B",
                re.IGNORECASE), "les balises du modèle transformées en texte"),
    (re.compile(r"urn:schemas-microsoft-com|mso-|LibreOffice|OpenOffice", re.IGNORECASE),
     "la mise en forme d'un traitement de texte"),
)


def word_processor_damage(source: str, html: bool) -> str:
    """What shows that a word processor saved the template ``source`` ("" when nothing does):
    such a file is never used (the built-in template is, with a warning saying why)."""
    if not html:
        return ""
    found = [what for pattern, what in _WORD_PROCESSOR_MARKS if pattern.search(source)]
    return ", ".join(dict.fromkeys(found))


def builtin_dir() -> Path:
    return resources_dir() / "templates"


def user_templates_dir() -> Path:
    return user_config_dir() / "templates"


def _environment(autoescape: bool) -> SandboxedEnvironment:
    return configure_environment(SandboxedEnvironment, autoescape)


@cache
def _builtin(name: str):
    """Built-in templates are compiled once per process (for Word and PDF alike)."""
    source = (builtin_dir() / name).read_text(encoding="utf-8")
    return _environment(name.endswith(".html")).from_string(source)


def render_builtin(name: str, context: dict[str, Any]) -> str:
    """A built-in template (trusted, fast): for previews in the window."""
    return _builtin(name).render(**context)


#: A user template file larger than this is not read (the built-in ones are < 20 kB).
MAX_TEMPLATE_BYTES = 512 * 1024


@dataclass(eq=False, repr=False)
class Renderer(Value):
    """Renders templates by name and collects the warnings to show the user. A user's own
    template runs in a bounded worker process (:mod:`.bounded`); call :meth:`close` when done
    (the worker is a daemon: it also ends with the app)."""

    warnings: list[str] = field(default_factory=list)
    user_dir: Path | None = None
    worker: TemplateWorker | None = None

    def render(self, name: str, context: dict[str, Any], text_limit: int | None = None) -> str:
        """Render template ``name``; ``text_limit`` cuts very long texts (for PDFs)."""
        return "".join(self.stream(name, context, text_limit))

    def stream(self, name: str, context: dict[str, Any], text_limit: int | None = None) -> Iterator[str]:
        """Render template ``name`` piece by piece (a built-in template as its rendering goes, so
        that a register of any size is never held whole; a user's template, whose output is
        bounded, in one piece)."""
        user = self._render_user(name, context, text_limit)
        if user is not None:
            return iter((user,))
        return _builtin(name).generate(**{**context, TEXT_LIMIT_VARIABLE: text_limit})

    def _render_user(self, name: str, context: dict[str, Any], text_limit: int | None) -> str | None:
        """The user's own template ``name`` rendered in the bounded worker; None when there is
        none or it cannot be used (a warning names it)."""
        user_path = (self.user_dir or user_templates_dir()) / name
        if user_path.is_file():
            try:
                if user_path.stat().st_size > MAX_TEMPLATE_BYTES:
                    raise TemplateLimitError(
                        f"fichier de plus de {MAX_TEMPLATE_BYTES // 1024} Ko")
                source = user_path.read_text(encoding="utf-8")
                damage = word_processor_damage(source, name.endswith(".html"))
                if damage:
                    raise TemplateLimitError(
                        f"enregistré par un traitement de texte : il contient {damage}, que le "
                        "document imprimerait tel quel ; modifiez-le avec un éditeur de texte "
                        "(Bloc-notes, TextEdit, gedit) et enregistrez-le en texte brut UTF-8")
                if self.worker is None:
                    self.worker = TemplateWorker()
                return self.worker.render(source, context, name.endswith(".html"), text_limit)
            except (OSError, UnicodeDecodeError, TemplateLimitError) as error:
                message = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
                warning = (
                    f"Le modèle personnalisé « {name} » ({user_path}) ne peut pas être utilisé "
                    f"({message}) : le modèle intégré a été utilisé à sa place.")
                if warning not in self.warnings:
                    self.warnings.append(warning)
        return None

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def copy_builtin_templates(target: Path | None = None) -> Path:
    """Copy the built-in templates to the user's templates folder (existing files are kept)."""
    target = target or user_templates_dir()
    target.mkdir(parents=True, exist_ok=True)
    for name in TEMPLATE_NAMES:
        destination = target / name
        if not destination.exists():
            destination.write_text((builtin_dir() / name).read_text(encoding="utf-8"), encoding="utf-8")
    readme = target / "LISEZ-MOI.txt"
    if not readme.exists():
        readme.write_text(TEMPLATES_README, encoding="utf-8")
    return target


TEMPLATES_README = """Modèles de documents d'Incident Wizard

Ces fichiers sont des modèles Jinja2 (HTML simple pour les documents Word et PDF, texte pour le
courriel). Une copie modifiée ici remplace le modèle intégré ; supprimez-la pour revenir au modèle
intégré.

Modifiez-les avec un éditeur de texte (Bloc-notes sous Windows, TextEdit en mode texte sous macOS,
gedit ou Kate sous Linux) et enregistrez-les en texte brut UTF-8. N'ouvrez pas ces fichiers dans
Word ni dans LibreOffice Writer : ils les réenregistrent comme une page complète, avec leurs
styles, ou transforment les balises en texte. Un modèle ainsi abîmé n'est pas utilisé : le
document est écrit avec le modèle intégré et un avertissement le dit.

Gardez les parties entre {{ }} et {% %} : elles insèrent les informations de l'incident. Les
textes destinés aux patients (courrier, courriel, affiche) ne doivent contenir ni nom de patient,
ni information de santé.
"""
