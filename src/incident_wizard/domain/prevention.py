"""The prevention proposals (``forms/prevention.toml``) and the help's resources
(``forms/resources.toml``), loaded and validated like the rest of ``forms/``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import ACTION_KINDS


@dataclass(frozen=True)
class Proposal:
    """A prevention or corrective measure proposed after a breach of some situations."""

    id: str
    title: str
    detail: str
    kind: str
    scenarios: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Resource:
    """A public resource the help points to (shown, never fetched)."""

    title: str
    where: str
    url: str
    sources: tuple[str, ...]


def load_proposals(folder: Path, sources, scenarios) -> dict[str, Proposal]:  # noqa: ANN001
    from .forms_reader import _check_sources, _read_toml, _Reader

    data = _read_toml(folder, "prevention.toml")
    root = _Reader("prevention.toml", data)
    proposals = {}
    for key, value in data.items():
        if key == "format_version":
            continue
        r = root.child(key, value)
        r.only({"title", "detail", "kind", "scenarios", "sources"})
        kind = r.get("kind", str)
        if kind not in ACTION_KINDS:
            raise r.fail("kind", f"« {kind} » : attendu {' ou '.join(ACTION_KINDS)}")
        chosen = r.strings("scenarios")
        if not chosen:
            raise r.fail("scenarios", "au moins une situation est attendue")
        for index, scenario in enumerate(chosen):
            if scenario not in scenarios:
                raise r.fail(f"scenarios[{index}]", f"situation « {scenario} » inconnue (voir "
                                                    "forms/scenarios.toml)")
        ids = _check_sources(r, "sources", sources)
        if not ids:
            raise r.fail("sources", "au moins une source est attendue (voir forms/sources.toml)")
        proposals[key] = Proposal(key, r.get("title", str), r.get("detail", str, ""), kind, chosen, ids)
    return proposals


def load_resources(folder: Path, sources) -> tuple[Resource, ...]:  # noqa: ANN001
    from .forms_reader import _check_sources, _read_toml, _Reader

    data = _read_toml(folder, "resources.toml")
    root = _Reader("resources.toml", data)
    root.only({"format_version", "resources"})
    items = root.get("resources", list)
    resources = []
    for index, value in enumerate(items):
        r = root.child(f"resources[{index}]", value)
        r.only({"title", "where", "url", "sources"})
        ids = _check_sources(r, "sources", sources)
        if not ids:
            raise r.fail("sources", "au moins une source est attendue")
        url = r.get("url", str, "") or sources[ids[0]].url
        if url and not url.startswith("https://"):
            raise r.fail("url", "une adresse « https:// » est attendue")
        resources.append(Resource(r.get("title", str), r.get("where", str, ""), url, ids))
    return tuple(resources)
