"""Reading the TOML files of ``forms/``: typed access whose problems name the file, the key and
the problem (``ProcedureError``, in French), and the checks shared by every file."""

from __future__ import annotations

import contextvars
import json
from pathlib import Path
from typing import Any

from .schema import FORMAT_VERSION, ProcedureError, Source


class Reader:
    """Typed access to a TOML table that reports problems as 'file : key : problem'."""

    def __init__(self, filename: str, data: dict[str, Any], where: str = ""):
        self.filename, self.data, self.where = filename, data, where

    def fail(self, key: str, problem: str) -> ProcedureError:
        path = f"{self.where}.{key}" if self.where and key else (self.where or key)
        return ProcedureError(f"forms/{self.filename} : clé « {path} » : {problem}")

    def child(self, key: str, data: Any) -> Reader:
        if not isinstance(data, dict):
            raise self.fail(key, "une table est attendue")
        path = f"{self.where}.{key}" if self.where else key
        return Reader(self.filename, data, path)

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ..., ) -> Any:
        if key not in self.data:
            if default is ...:
                raise self.fail(key, "valeur obligatoire absente")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = {str: "un texte", bool: "vrai ou faux (true/false)", int: "un nombre entier",
                     list: "une liste", dict: "une table"}
            expected = names.get(kind, str(kind)) if isinstance(kind, type) else "une valeur"
            raise self.fail(key, f"{expected} est attendu, trouvé « {value!r} »")
        if kind is str and default is ... and not value.strip():
            raise self.fail(key, "le texte est vide")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        values = self.get(key, list, [])
        for index, value in enumerate(values):
            if not isinstance(value, str):
                raise self.fail(f"{key}[{index}]", "un texte est attendu")
        return tuple(values)

    def only(self, allowed: set[str]) -> None:
        unknown = sorted(set(self.data) - allowed)
        if unknown:
            raise self.fail(unknown[0], f"clé inconnue (clés permises : {', '.join(sorted(allowed))})")


#: The files of one read already parsed (loader's disk cache: file name -> data), and the JSON
#: text of the files parsed during the read (for that cache). Set by the loader around one read.
PREPARSED: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar("preparsed", default=None)
PARSED: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar("parsed", default=None)


def read_toml(folder: Path, filename: str) -> dict[str, Any]:
    path = folder / filename
    preparsed = PREPARSED.get()
    if preparsed is not None and filename in preparsed:
        data = json.loads(json.dumps(preparsed[filename]))  # a fresh copy for each loader
        return _checked_version(filename, data)
    import tomllib  # only without the loader's cache (with it, a start reads no TOML)

    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ProcedureError(f"forms/{filename} : fichier absent ({path}).") from None
    except tomllib.TOMLDecodeError as error:
        raise ProcedureError(f"forms/{filename} : syntaxe TOML invalide ({error}).") from None
    parsed = PARSED.get()
    if parsed is not None:
        try:
            parsed[filename] = json.dumps(data, ensure_ascii=False)
        except (TypeError, ValueError):  # a TOML date: not kept in the cache
            parsed[filename] = ""
    return _checked_version(filename, data)


def _checked_version(filename: str, data: dict[str, Any]) -> dict[str, Any]:
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise ProcedureError(f"forms/{filename} : clé « format_version » : {FORMAT_VERSION} attendu, "
                             f"trouvé « {version!r} ».")
    return data


def check_sources(reader: Reader, key: str, sources: dict[str, Source]) -> tuple[str, ...]:
    ids = reader.strings(key)
    for index, source_id in enumerate(ids):
        if source_id not in sources:
            raise reader.fail(f"{key}[{index}]", f"source « {source_id} » inconnue (voir forms/sources.toml)")
    return ids
