"""Dataclass <-> JSON-ready data, with validation that names the faulty key, and field paths.

Datetimes are written as UTC ISO 8601 strings ending in ``Z`` (``2026-10-23T08:00:00Z``).
Unknown keys are refused (a file from a newer version must not be half-read).
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from datetime import UTC, datetime
from functools import cache
from typing import Any, TypeVar

from ..i18n import _
from .errors import ValidationError

T = TypeVar("T")
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_str(text: str) -> str:
    """Lone surrogates (possible in pasted or imported text) cannot be stored as UTF-8: they
    become U+FFFD. Everything else, control characters included, is kept as typed."""
    return _SURROGATES.sub("\ufffd", text)


def format_instant(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("naive datetime cannot be serialised")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ").replace(".000000Z", "Z")


def parse_instant(text: str, where: str = "date") -> datetime:
    if not isinstance(text, str):
        raise ValidationError(_("{where} : une date au format ISO 8601 est attendue.").format(where=where))
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(_("{where} : date invalide « {text} ».").format(where=where, text=text[:40])) from None
    if value.tzinfo is None:
        raise ValidationError(_("{where} : la date « {text} » n'indique pas son fuseau (UTC attendu).").format(
            where=where, text=text[:40]))
    return value.astimezone(UTC)


@cache
def hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _is_optional(tp: Any) -> tuple[bool, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(tp)) == 2:
            return True, args[0]
    return False, tp


def to_data(obj: Any) -> Any:
    """Turn a dataclass tree into JSON-ready data."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, datetime):
        return format_instant(obj)
    if isinstance(obj, str):
        return clean_str(obj)
    if isinstance(obj, list):
        return [to_data(v) for v in obj]
    if isinstance(obj, dict):
        return {clean_str(str(k)): to_data(v) for k, v in obj.items()}
    return obj


def from_data(tp: Any, data: Any, where: str = "incident") -> Any:
    """Build a value of type ``tp`` from JSON data; raise ValidationError naming ``where``."""
    optional, inner = _is_optional(tp)
    if data is None:
        if optional:
            return None
        raise ValidationError(_("{where} : valeur manquante (null non permis).").format(where=where))
    tp = inner
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        if not isinstance(data, dict):
            raise ValidationError(_("{where} : un objet est attendu.").format(where=where))
        field_types = hints(tp)
        unknown = sorted(set(data) - set(field_types))
        if unknown:
            raise ValidationError(_("{where} : clé inconnue « {key} ».").format(where=where, key=unknown[0]))
        kwargs = {}
        for f in dataclasses.fields(tp):
            if f.name in data:
                kwargs[f.name] = from_data(field_types[f.name], data[f.name], f"{where}.{f.name}")
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise ValidationError(_("{where} : clé obligatoire « {key} » absente.").format(
                    where=where, key=f.name))
        return tp(**kwargs)
    if tp is datetime:
        return parse_instant(data, where)
    if tp is bool:
        if not isinstance(data, bool):
            raise ValidationError(_("{where} : vrai ou faux attendu.").format(where=where))
        return data
    if tp is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise ValidationError(_("{where} : nombre entier attendu.").format(where=where))
        return data
    if tp is str:
        if not isinstance(data, str):
            raise ValidationError(_("{where} : texte attendu.").format(where=where))
        return clean_str(data)
    if origin is list:
        (item_type,) = typing.get_args(tp)
        if not isinstance(data, list):
            raise ValidationError(_("{where} : liste attendue.").format(where=where))
        return [from_data(item_type, v, f"{where}[{i}]") for i, v in enumerate(data)]
    if origin is dict:
        _key_type, value_type = typing.get_args(tp)
        if not isinstance(data, dict):
            raise ValidationError(_("{where} : objet attendu.").format(where=where))
        return {str(k): from_data(value_type, v, f"{where}.{k}") for k, v in data.items()}
    raise TypeError(f"unsupported type {tp!r} at {where}")


# --- field paths -------------------------------------------------------------------------------


def field_type(cls: type, path: str) -> Any:
    """The declared type at ``path`` (``"dates.awareness_at"``) in dataclass ``cls``.

    Raises KeyError naming the first unknown part."""
    tp: Any = cls
    for part in path.split("."):
        _optional, tp = _is_optional(tp)
        if not dataclasses.is_dataclass(tp) or part not in hints(tp):
            raise KeyError(part)
        tp = hints(tp)[part]
    return tp


def get_path(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def set_path(obj: Any, path: str, value: Any) -> None:
    """Set the value at ``path`` after checking it against the declared type."""
    parts = path.split(".")
    target = obj
    for part in parts[:-1]:
        target = getattr(target, part)
    tp = field_type(type(obj), path)
    checked = from_data(tp, to_data(value), path)
    setattr(target, parts[-1], checked)
