"""Hostile user templates (issue 13): a template a user edits can never freeze the export, eat
the memory or write a huge file. Each one falls back to the built-in template with a warning
that names the template and the bound it broke; the export finishes in bounded time."""

from __future__ import annotations

import time

import pytest

from incident_wizard.application.exports import write_incident_documents
from incident_wizard.documents import bounded
from incident_wizard.documents.templates import Renderer
from incident_wizard.domain.procedure import load_procedure
from tests.test_documents import by_name, docx_text, sample  # noqa: F401 - the sample fixture

PROCEDURE = load_procedure()

HOSTILE = {
    # name: (template source, words of the warning)
    "endless loop": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
                     "secondes"),
    "gigabyte string": ("{{ 'x' * 10**9 }}", "répétition"),
    "gigabyte list": ("{{ ([1] * 10**9) | length }}", "répétition"),
    "memory growth": ("{% set l = [] %}{% for i in range(100000) %}"
                      "{% set _ = l.append('x' * 1000000) %}{% endfor %}{{ l | length }}",
                      ("mémoire", "secondes")),  # whichever bound it reaches first
    "huge output": ("{% for i in range(100000) %}{{ 'y' * 100000 }}{% endfor %}", "caractères"),
    "huge power": ("{{ 7 ** 100000000 }}", "puissance"),
    "chained powers": ("{{ 7 ** 1000 ** 1000 ** 1000 }}", "puissance"),
    "deep recursion": ("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}", "imbrications"),
    "syntax error": ("{% for %}", "letter.html"),
    "python internals": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "letter.html"),
}


@pytest.fixture
def fast_limit(monkeypatch):
    monkeypatch.setattr(bounded, "TIME_LIMIT", 3.0)


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_user_template_falls_back_in_bounded_time(case, storage, sample, tmp_path,  # noqa: F811
                                                            fast_limit):
    source, words = HOSTILE[case]
    user = tmp_path / "templates"
    user.mkdir()
    (user / "letter.html").write_text(source, encoding="utf-8")
    started = time.monotonic()
    with Renderer(user_dir=user) as renderer:
        result = write_incident_documents(storage, PROCEDURE, sample, tmp_path / "out",
                                          renderer=renderer, pdf=False)
    elapsed = time.monotonic() - started
    assert elapsed < 15, f"{case}: {elapsed:.1f} s"
    warning = " ".join(w for w in result.warnings if "« letter.html »" in w)
    words = (words,) if isinstance(words, str) else words
    assert any(w in warning for w in words) and "modèle intégré" in warning, result.warnings
    letter = by_name(result, "courrier-personnes.docx")
    assert letter.stat().st_size < 200_000
    assert "Ce que nous avons fait" in docx_text(letter)


def test_an_oversized_template_file_is_not_read(storage, sample, tmp_path):  # noqa: F811
    user = tmp_path / "templates"
    user.mkdir()
    (user / "email.txt").write_text("{{ c.pharmacy }}" + " " * 600_000, encoding="utf-8")
    with Renderer(user_dir=user) as renderer:
        result = write_incident_documents(storage, PROCEDURE, sample, tmp_path / "out",
                                          renderer=renderer, pdf=False)
    assert any("« email.txt »" in w and "Ko" in w for w in result.warnings)


def test_the_worker_survives_one_bad_template_for_the_next_documents(storage, sample, tmp_path,  # noqa: F811
                                                                     fast_limit):
    user = tmp_path / "templates"
    user.mkdir()
    (user / "letter.html").write_text("{% for i in range(100000) %}{% for j in range(100000) %}"
                                      "{% endfor %}{% endfor %}", encoding="utf-8")
    (user / "notice.html").write_text("<p>Affiche maison {{ c.pharmacy }}</p>", encoding="utf-8")
    with Renderer(user_dir=user) as renderer:
        result = write_incident_documents(storage, PROCEDURE, sample, tmp_path / "out",
                                          renderer=renderer, pdf=False)
    assert docx_text(by_name(result, "affiche-communication-publique.docx")).strip() == \
        "Affiche maison Pharmacie Exemple des Tilleuls"
