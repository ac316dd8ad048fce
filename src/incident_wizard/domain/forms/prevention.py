"""The prevention proposals (``forms/prevention.toml``) and the help's resources
(``forms/resources.toml``), loaded and validated like the rest of ``forms/``."""

from __future__ import annotations

from pathlib import Path

from ..model import ACTION_KINDS
from .reader import Reader, check_sources, read_toml
from .schema import Proposal, Resource, Scenario, Source


def load_proposals(folder: Path, sources: dict[str, Source],
                   scenarios: dict[str, Scenario]) -> dict[str, Proposal]:
    data = read_toml(folder, "prevention.toml")
    root = Reader("prevention.toml", data)
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
        ids = check_sources(r, "sources", sources)
        if not ids:
            raise r.fail("sources", "au moins une source est attendue (voir forms/sources.toml)")
        proposals[key] = Proposal(key, r.get("title", str), r.get("detail", str, ""), kind, chosen, ids)
    return proposals


def load_resources(folder: Path, sources: dict[str, Source]) -> tuple[Resource, ...]:
    data = read_toml(folder, "resources.toml")
    root = Reader("resources.toml", data)
    root.only({"format_version", "resources"})
    items = root.get("resources", list)
    resources = []
    for index, value in enumerate(items):
        r = root.child(f"resources[{index}]", value)
        r.only({"title", "where", "url", "sources"})
        ids = check_sources(r, "sources", sources)
        if not ids:
            raise r.fail("sources", "au moins une source est attendue")
        url = r.get("url", str, "") or sources[ids[0]].url
        if url and not url.startswith("https://"):
            raise r.fail("url", "une adresse « https:// » est attendue")
        resources.append(Resource(r.get("title", str), r.get("where", str, ""), url, ids))
    return tuple(resources)
