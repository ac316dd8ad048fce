"""The domain's structure (issue "One truth about the incident", items 5 and 6): no import cycle
among its modules, nothing of the app imported but the domain and i18n, the old import paths
still working, and ``load_procedure`` cached with a safe invalidation."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from incident_wizard.domain.forms import loader
from incident_wizard.domain.procedure import Procedure, ProcedureError, load_procedure

SRC = Path(__file__).resolve().parents[1] / "src"
DOMAIN = SRC / "incident_wizard" / "domain"
#: What the domain may import of the app besides itself.
ALLOWED = ("incident_wizard.i18n",)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _exists(module: str) -> bool:
    path = SRC.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _imports(path: Path) -> set[str]:
    """The app's modules a file imports (every import: top level, in functions, for typing)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                # ``from . import rules`` imports the module rules; ``from .x import y`` imports x.
                found.add(f"{module}.{alias.name}" if _exists(f"{module}.{alias.name}") else module)
    return {m for m in found if m == "incident_wizard" or m.startswith("incident_wizard.")}


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in sorted(DOMAIN.rglob("*.py"))}


def test_the_domain_imports_only_itself_and_i18n():
    outside = sorted((module, imported) for module, imports in _graph().items() for imported in imports
                     if not imported.startswith("incident_wizard.domain") and imported not in ALLOWED)
    assert outside == []


def test_the_domain_has_no_import_cycle():
    graph = _graph()
    domain = {m: {i for i in imports if i in graph} for m, imports in graph.items()}
    cycles, state = [], {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for imported in sorted(domain[module]):
            if state.get(imported) == "open":
                cycles.append(path[path.index(imported):] + [imported])
            elif imported not in state:
                visit(imported, path + [imported])
        state[module] = "done"

    for module in sorted(domain):
        if module not in state:
            visit(module, [module])
    assert cycles == []
    # The direction chosen: recording a decision uses the assessment, which applies the rules.
    assert "incident_wizard.domain.risk" in domain["incident_wizard.domain.decision"]
    assert "incident_wizard.domain.rules" in domain["incident_wizard.domain.risk"]
    assert not domain["incident_wizard.domain.forms.schema"] & {
        "incident_wizard.domain.forms.reader", "incident_wizard.domain.forms.loader",
        "incident_wizard.domain.forms.procedure", "incident_wizard.domain.forms.risk",
        "incident_wizard.domain.forms.prevention"}


def test_the_names_are_still_importable_from_where_they_were():
    from incident_wizard.domain import decision, procedure, reasons, risk, rules
    from incident_wizard.domain.forms import schema

    for name in ("Procedure", "ProcedureError", "load_procedure", "Step", "Field", "Option",
                 "OptionList", "Scenario", "Body", "Source", "RiskQuestion", "RiskOption", "RiskMethod",
                 "FirstHour", "CnilField", "CnilSection", "ChecklistItem", "Proposal", "Resource",
                 "LEVELS", "LEVEL_LABELS", "HARMS", "HARM_LABELS", "HARM_NATURE", "RISKS", "RISK_LABELS",
                 "RISK_INPUTS", "ENISA_CATEGORIES", "FIELD_TYPES", "STEP_KINDS", "SOURCE_STATUSES",
                 "REQUIREMENTS", "CNIL_STATUSES", "FORMAT_VERSION"):
        assert hasattr(procedure, name), name
        if name != "load_procedure":
            assert getattr(procedure, name) is getattr(schema, name)
    for name in ("LikelihoodLine", "Reason", "RAISING_RULES", "UNLIKELY_SENTENCE", "Judgement", "judge",
                 "apply_raising_rules", "closing_reasons", "overall_likelihood", "RaisingRule",
                 "RuleContext", "record_decision", "decision_outdated", "basis_of",
                 "missing_before_decision", "METHOD_ID"):
        assert hasattr(decision, name), name
    assert decision.Reason is risk.Reason is rules.Reason is reasons.Reason
    assert decision.LikelihoodLine is risk.LikelihoodLine is reasons.LikelihoodLine
    assert decision.RAISING_RULES is rules.RAISING_RULES
    for name in ("Assessment", "assess", "format_number", "band_of", "severity", "PROPOSAL_RULES",
                 "implied_proposals", "FLAG_LABELS", "BAND_BOUNDS", "BAND_LABELS", "CNIL_SEVERITY"):
        assert hasattr(risk, name), name


def test_the_forms_folder_is_found_by_the_domain_and_locations_alike(tmp_path, monkeypatch):
    """The domain searches forms/ itself (it may not import locations): the same answer."""
    import sys

    from incident_wizard import locations
    from incident_wizard.domain.forms import bundled_forms_dir

    assert bundled_forms_dir() == locations.forms_dir() == SRC.parent / "forms"
    (tmp_path / "forms").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert bundled_forms_dir() == locations.forms_dir() == tmp_path / "forms"


# --- the cache of load_procedure ------------------------------------------------------------------


@pytest.fixture
def forms_copy(tmp_path, monkeypatch):
    """A copy of forms/ whose files the cache trusts at once (they are seconds old otherwise)."""
    monkeypatch.setattr(loader, "SETTLED_NS", 0)
    target = tmp_path / "forms"
    shutil.copytree(SRC.parent / "forms", target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_unchanged_files_give_the_same_procedure(forms_copy):
    first = load_procedure(forms_copy)
    assert isinstance(first, Procedure)
    assert load_procedure(forms_copy) is first
    assert load_procedure(str(forms_copy)) is first
    assert load_procedure(forms_copy / ".." / "forms") is first
    assert load_procedure() is load_procedure()  # the app's own folder
    assert load_procedure() is not first  # one entry per folder


def test_a_changed_file_is_reread(forms_copy):
    first = load_procedure(forms_copy)
    old = "RGPD, article 4, point 12 : définition"
    _replace(forms_copy / "sources.toml", old, "RGPD, article 4, point 12 : DÉFINITION")  # same size
    second = load_procedure(forms_copy)
    assert second is not first
    assert second.sources["rgpd-4-12"].title.startswith("RGPD, article 4, point 12 : DÉFINITION")
    assert first.sources["rgpd-4-12"].title.startswith(old)
    assert load_procedure(forms_copy) is second
    _replace(forms_copy / "sources.toml", "DÉFINITION", "définition, autrement dite")  # another size
    third = load_procedure(forms_copy)
    assert third is not second and "autrement dite" in third.sources["rgpd-4-12"].title


def test_a_broken_or_missing_file_is_never_served_from_the_cache(forms_copy):
    first = load_procedure(forms_copy)
    risk = forms_copy / "risk.toml"
    kept = risk.read_text(encoding="utf-8")
    risk.write_text("format_version = 1\n", encoding="utf-8")
    with pytest.raises(ProcedureError, match="forms/risk.toml"):
        load_procedure(forms_copy)
    with pytest.raises(ProcedureError, match="forms/risk.toml"):
        load_procedure(forms_copy)
    risk.write_text(kept, encoding="utf-8")
    again = load_procedure(forms_copy)
    assert again is not first and again == first
    (forms_copy / "bodies.toml").unlink()
    with pytest.raises(ProcedureError, match="forms/bodies.toml : fichier absent"):
        load_procedure(forms_copy)


def test_files_changed_a_moment_ago_are_reread_at_every_call(tmp_path):
    """A file rewritten within one tick of the file system's clock may keep its time and size:
    until its times are a few seconds old, the folder is reread."""
    target = tmp_path / "forms"
    shutil.copytree(SRC.parent / "forms", target)  # the copies' change time is now
    first = load_procedure(target)
    assert load_procedure(target) is not first
    assert load_procedure(target) == first


def test_the_cache_keeps_a_few_folders(forms_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "CACHE_SIZE", 2)
    loader.clear_cache()
    others = []
    for index in range(2):
        other = tmp_path / f"other{index}"
        shutil.copytree(forms_copy, other)
        others.append(other)
    first = load_procedure(forms_copy)
    load_procedure(others[0])
    assert load_procedure(forms_copy) is first  # the most recently used stays
    load_procedure(others[1])
    assert load_procedure(forms_copy) is first
    assert len(loader._cache) == 2


def _kept(cache: Path) -> Path:
    (path,) = cache.glob("forms-*.json")
    return path


def test_parsed_files_kept_between_runs_are_read_instead_of_the_files(forms_copy, tmp_path, monkeypatch):
    """A second run reads the parsed files from the cache folder (no TOML parsed), private to
    the user, and gets the same procedure."""
    import os
    import stat
    import tomllib

    cache = tmp_path / "cache"
    first = load_procedure(forms_copy, cache_dir=cache)
    path = _kept(cache)
    if os.name == "posix":
        assert stat.S_IMODE(cache.stat().st_mode) == 0o700
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loader.clear_cache()  # as a new run

    def refused(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("a TOML file was parsed")

    monkeypatch.setattr(tomllib, "loads", refused)
    monkeypatch.setattr(tomllib, "load", refused)
    again = load_procedure(forms_copy, cache_dir=cache)
    assert again == first and again is not first


@pytest.mark.parametrize("damage", ["garbage", "truncated", "bit", "invalid content", "old format"])
def test_a_damaged_or_altered_cache_never_stops_a_start(forms_copy, tmp_path, damage):
    """Whatever became of the cache file, the procedure is the one its files give, and the file
    is written again: its digest catches a changed byte; content that does not validate is not
    used (the files are read)."""
    cache = tmp_path / "cache"
    first = load_procedure(forms_copy, cache_dir=cache)
    path = _kept(cache)
    content = path.read_bytes()
    digest, _, body = content.partition(b"\n")
    if damage == "garbage":
        path.write_bytes(b"\x00\xff not a cache")
    elif damage == "truncated":
        path.write_bytes(content[: len(content) // 2])
    elif damage == "bit":  # a legal text changed by one byte, the digest kept
        path.write_bytes(content.replace(b"article 4, point 12", b"article 4, point 13", 1))
    elif damage == "invalid content":  # rewritten with a matching digest, but not valid forms
        import hashlib

        altered = body.replace(b'"format_version": 1', b'"format_version": 99')
        assert altered != body
        path.write_bytes(hashlib.sha256(altered).hexdigest().encode() + b"\n" + altered)
    else:  # version 1: the JSON alone
        path.write_bytes(body)
    loader.clear_cache()
    again = load_procedure(forms_copy, cache_dir=cache)
    assert again == first
    assert again.sources["rgpd-4-12"].title.startswith("RGPD, article 4, point 12")
    if damage != "invalid content":
        assert path.read_bytes() == content  # written again, whole
