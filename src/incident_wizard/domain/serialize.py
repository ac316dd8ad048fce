"""Dataclass <-> JSON-ready data, with validation that names the faulty key, and field paths.

Datetimes are written as UTC ISO 8601 strings ending in ``Z`` (``2026-10-23T08:00:00Z``).
Unknown keys are refused (a file from a newer version must not be half-read).
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
import types
import typing
from datetime import UTC, datetime
from functools import cache
from typing import Any, TypeVar

from ..i18n import _
from .errors import ValidationError

T = TypeVar("T")
_SURROGATES = re.compile("[\ud800-\udfff]")

#: The JSON text of a value as stored (json.dumps(value, ensure_ascii=False)), the encoder built
#: once: json.dumps builds one at each call, and a save writes five texts. What is stored is
#: JSON-ready data (to_data's, a journal entry's details read back), in which a reference cannot
#: loop: no check for one.
json_text = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def clean_str(text: str) -> str:
    """Lone surrogates (possible in pasted or imported text) cannot be stored as UTF-8: they
    become U+FFFD. Everything else, control characters included, is kept as typed."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")  # much faster than the search when there is nothing to replace
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", text)
    return text


def format_instant(value: datetime) -> str:
    """``2026-10-23T08:00:00Z`` (microseconds only when there are some)."""
    if value.tzinfo is UTC:  # most instants: their ISO form ends with "+00:00"
        return value.isoformat()[:-6] + "Z"
    if value.tzinfo is None:
        raise ValueError("naive datetime cannot be serialised")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"


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
    """The types of ``cls``'s annotations (what typing.get_type_hints gives a dataclass whose
    module uses ``from __future__ import annotations``), each distinct annotation of a module
    evaluated once: get_type_hints compiles every one anew, a tenth of a command's reading."""
    found: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        for name, annotation in klass.__dict__.get("__annotations__", {}).items():
            found[name] = _annotation(klass.__module__, annotation) if isinstance(annotation, str) \
                else annotation
    return found


@cache
def _annotation(module: str, text: str) -> Any:
    return eval(text, vars(sys.modules[module]))  # noqa: S307 - the package's own annotations


def _is_optional(tp: Any) -> tuple[bool, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(tp)) == 2:
            return True, args[0]
    return False, tp


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of dataclass ``cls`` in order (None for any other type)."""
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls))
    return None


#: The dataclasses turned into data this many times get a function written for them (_written).
_WRITE_AFTER = 64
#: By dataclass: how many times it was turned into data; the function written for it.
_conversions: dict[type, int] = {}
_writers: dict[type, typing.Callable[[Any], dict[str, Any]]] = {}


def _written(names: tuple[str, ...]) -> typing.Callable[[Any], dict[str, Any]]:
    """The function that turns a dataclass with fields ``names`` into data, written out as
    ``dataclasses`` writes ``__init__``: one dictionary display, one attribute read per field
    (an incident's to_data 37 -> 27 us). Compiling it costs about 0.1 ms: only the classes
    turned into data often (a window's saves) get one, not a command that saves once."""
    namespace = {"to_data": to_data}
    fields = ", ".join(f"{name!r}: to_data(obj.{name})" for name in names)
    exec(f"def fields(obj):\n    return {{{fields}}}", namespace)  # noqa: S102 - dataclass field names
    return namespace["fields"]


def to_data(obj: Any) -> Any:
    """Turn a dataclass tree into JSON-ready data."""
    # The types an incident holds, most frequent first (an incident is turned into data at
    # every save); the others (subclasses, tuples, floats) below.
    cls = type(obj)
    if cls is str:
        return obj if obj.isascii() else clean_str(obj)
    if cls is bool or cls is int or obj is None:
        return obj
    if cls is datetime:
        return format_instant(obj)
    if cls is list:
        return [to_data(v) for v in obj]
    if cls is dict:
        return {(k if type(k) is str and k.isascii() else clean_str(str(k))): to_data(v)
                for k, v in obj.items()}
    writer = _writers.get(cls)
    if writer is not None:
        return writer(obj)
    names = _field_names(cls)
    if names is not None:
        count = _conversions[cls] = _conversions.get(cls, 0) + 1
        if count == _WRITE_AFTER:
            _writers[cls] = _written(names)
        return {name: to_data(getattr(obj, name)) for name in names}
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
    return _converter(tp)(data, where)


Converter = typing.Callable[[Any, str], Any]


@cache
def _converter(tp: Any) -> Converter:
    """The function that builds a value of type ``tp`` from JSON data (one per type, built once:
    the type hints, fields and defaults are read here, not for every value)."""
    optional, inner = _is_optional(tp)
    convert = _inner_converter(inner)
    if optional:
        def optional_value(data: Any, where: str) -> Any:
            return None if data is None else convert(data, where)
        return optional_value

    def required_value(data: Any, where: str) -> Any:
        if data is None:
            raise ValidationError(_("{where} : valeur manquante (null non permis).").format(where=where))
        return convert(data, where)
    return required_value


def _inner_converter(tp: Any) -> Converter:
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        return _dataclass_converter(tp)
    if tp is datetime:
        return parse_instant
    if tp is bool:
        def boolean(data: Any, where: str) -> Any:
            if not isinstance(data, bool):
                raise ValidationError(_("{where} : vrai ou faux attendu.").format(where=where))
            return data
        return boolean
    if tp is int:
        def integer(data: Any, where: str) -> Any:
            if isinstance(data, bool) or not isinstance(data, int):
                raise ValidationError(_("{where} : nombre entier attendu.").format(where=where))
            return data
        return integer
    if tp is str:
        def text(data: Any, where: str) -> Any:
            if not isinstance(data, str):
                raise ValidationError(_("{where} : texte attendu.").format(where=where))
            return clean_str(data)
        return text
    if origin is list:
        (item_type,) = typing.get_args(tp)
        item = _converter(item_type)

        def items(data: Any, where: str) -> Any:
            if not isinstance(data, list):
                raise ValidationError(_("{where} : liste attendue.").format(where=where))
            return [item(v, f"{where}[{i}]") for i, v in enumerate(data)]
        return items
    if origin is dict:
        _key_type, value_type = typing.get_args(tp)
        value = _converter(value_type)

        def mapping(data: Any, where: str) -> Any:
            if not isinstance(data, dict):
                raise ValidationError(_("{where} : objet attendu.").format(where=where))
            return {str(k): value(v, f"{where}.{k}") for k, v in data.items()}
        return mapping

    def unsupported(data: Any, where: str) -> Any:
        raise TypeError(f"unsupported type {tp!r} at {where}")
    return unsupported


def _dataclass_converter(cls: type) -> Converter:
    field_types = hints(cls)
    known = frozenset(field_types)
    # Converters of the fields are looked up when first used (a dataclass may refer to itself).
    fields = [(f.name, field_types[f.name],
               f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
              for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    converters: dict[str, Converter] = {}

    def instance(data: Any, where: str) -> Any:
        if not isinstance(data, dict):
            raise ValidationError(_("{where} : un objet est attendu.").format(where=where))
        if not known.issuperset(data):
            unknown = sorted(set(data) - known)
            raise ValidationError(_("{where} : clé inconnue « {key} ».").format(where=where, key=unknown[0]))
        kwargs = {}
        for name, field_type, required in fields:
            if name in data:
                convert = converters.get(name)
                if convert is None:
                    convert = converters[name] = _converter(field_type)
                kwargs[name] = convert(data[name], f"{where}.{name}")
            elif required:
                raise ValidationError(_("{where} : clé obligatoire « {key} » absente.").format(
                    where=where, key=name))
        return cls(**kwargs)
    return instance


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
