"""The one configuration of every template environment, built-in and user templates alike (the
bounded worker's too): strict variables, the PDF text limit applied to every value printed, and
the ``nl2br`` and ``hyphens`` filters."""

from __future__ import annotations

from jinja2 import StrictUndefined, pass_context
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from .texts import clean, soft_hyphens

#: In PDFs a text longer than this is cut, with a note (Word documents keep every character):
#: laying out a 1 MB paste would take minutes and nobody reads it on paper.
PDF_TEXT_LIMIT = 20_000


def limit_text(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    return (text[:limit] + f" […] (texte coupé dans le PDF : {len(text):,} caractères au total ; "
            "le document Word contient le texte complet)").replace(",", "\u202f")


#: The context variable that carries the text limit of one rendering (None for Word, the PDF
#: limit for PDFs): a template is compiled once and rendered for both.
TEXT_LIMIT_VARIABLE = "_text_limit"


def configure_environment(kind: type[SandboxedEnvironment], autoescape: bool) -> SandboxedEnvironment:
    """The one configuration of every template environment (built-in and user templates)."""

    @pass_context
    def finalize(context, value: object) -> object:  # noqa: ANN001 - Jinja's context
        if isinstance(value, str) and not isinstance(value, Markup):
            return limit_text(value, context.get(TEXT_LIMIT_VARIABLE))
        return value

    @pass_context
    def nl2br(context, value: object) -> Markup:  # noqa: ANN001 - Jinja's context
        text = limit_text(str(value), context.get(TEXT_LIMIT_VARIABLE))
        return Markup("<br>").join(escape(clean(line)) for line in text.split("\n"))

    env = kind(autoescape=autoescape, undefined=StrictUndefined, finalize=finalize,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["nl2br"] = nl2br
    # Long words in narrow table columns break at a syllable, with a hyphen (issue 23).
    env.filters["hyphens"] = soft_hyphens
    return env
