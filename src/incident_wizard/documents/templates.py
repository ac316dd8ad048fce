"""Jinja2 templates: the built-in ones in resources/templates, a user's edited copies in the
config folder's ``templates/``. Every template runs in a sandbox; a broken user template is
reported by name and the built-in one is used instead."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from ..locations import resources_dir, user_config_dir
from .content import clean

TEMPLATE_NAMES = ("cnil_notification.html", "letter.html", "email.txt", "notice.html",
                  "register.html", "register_sheet.html")


def builtin_dir() -> Path:
    return resources_dir() / "templates"


def user_templates_dir() -> Path:
    return user_config_dir() / "templates"


#: In PDFs a text longer than this is cut, with a note (Word documents keep every character):
#: laying out a 1 MB paste would take minutes and nobody reads it on paper.
PDF_TEXT_LIMIT = 20_000


def limit_text(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    return (text[:limit] + f" […] (texte coupé dans le PDF : {len(text):,} caractères au total ; "
            "le document Word contient le texte complet)").replace(",", "\u202f")


def _environment(autoescape: bool, text_limit: int | None) -> SandboxedEnvironment:
    def finalize(value: object) -> object:
        if isinstance(value, str) and not isinstance(value, Markup):
            return limit_text(value, text_limit)
        return value

    def nl2br(value: object) -> Markup:
        text = limit_text(str(value), text_limit)
        return Markup("<br>").join(escape(clean(line)) for line in text.split("\n"))

    env = SandboxedEnvironment(autoescape=autoescape, undefined=StrictUndefined, finalize=finalize,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["nl2br"] = nl2br
    return env


@cache
def _builtin(name: str, text_limit: int | None):
    """Built-in templates are compiled once per process."""
    source = (builtin_dir() / name).read_text(encoding="utf-8")
    return _environment(name.endswith(".html"), text_limit).from_string(source)


@dataclass
class Renderer:
    """Renders templates by name and collects the warnings to show the user."""

    warnings: list[str] = field(default_factory=list)
    user_dir: Path | None = None

    def render(self, name: str, context: dict[str, Any], text_limit: int | None = None) -> str:
        """Render template ``name``; ``text_limit`` cuts very long texts (for PDFs)."""
        env = _environment(name.endswith(".html"), text_limit)
        user_path = (self.user_dir or user_templates_dir()) / name
        if user_path.is_file():
            try:
                source = user_path.read_text(encoding="utf-8")
                return env.from_string(source).render(**context)
            except Exception as error:  # noqa: BLE001 - any failure of a user template falls back
                message = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
                warning = (
                    f"Le modèle personnalisé « {name} » ({user_path}) ne peut pas être utilisé "
                    f"({message}) : le modèle intégré a été utilisé à sa place.")
                if warning not in self.warnings:
                    self.warnings.append(warning)
        return _builtin(name, text_limit).render(**context)


def copy_builtin_templates(target: Path | None = None) -> Path:
    """Copy the built-in templates to the user's templates folder (existing files are kept)."""
    target = target or user_templates_dir()
    target.mkdir(parents=True, exist_ok=True)
    for name in TEMPLATE_NAMES:
        destination = target / name
        if not destination.exists():
            destination.write_text((builtin_dir() / name).read_text(encoding="utf-8"), encoding="utf-8")
    return target
