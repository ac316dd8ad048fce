"""The base of the domain's value classes: one ``__eq__``, ``__repr__`` (and, for frozen values,
``__hash__``) shared by every dataclass that derives from ``Value`` or ``FrozenValue`` and is
declared with ``eq=False, repr=False``.

Why: on Python 3.11, ``@dataclass`` compiles each method it generates, for each class, at import
(about 0.2 ms a method on the reference machine). The ~70 dataclasses of the package cost the
command line and the window tens of milliseconds at every start, most of it for ``__eq__``,
``__repr__`` and ``__hash__``, which are rarely called. These shared methods give the same
results as the generated ones (the same fields, compared as a tuple, only between instances of
the same class; the same text), read from the class's dataclass fields, which are listed once
per class on first use. ``__init__`` (and a frozen class's ``__setattr__``) stay generated.
"""

from __future__ import annotations

import reprlib
from dataclasses import fields


def _names(cls: type, purpose: str) -> tuple[str, ...]:
    """The names of ``cls``'s fields that take part in ``purpose`` ('compare', 'repr' or
    'hash'), as the generated methods would use them; kept on the class."""
    key = f"_value_{purpose}_names"
    names = cls.__dict__.get(key)
    if names is None:
        if purpose == "hash":
            names = tuple(f.name for f in fields(cls) if (f.compare if f.hash is None else f.hash))
        else:
            names = tuple(f.name for f in fields(cls) if getattr(f, purpose))
        setattr(cls, key, names)
    return names


class Value:
    """A dataclass value compared field by field (``@dataclass(eq=False, repr=False)``)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = _names(self.__class__, "compare")
        return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)

    # What @dataclass(eq=True) gives a mutable class: it cannot be a dictionary key.
    __hash__ = None  # type: ignore[assignment]

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}(" + ", ".join(
            f"{n}={getattr(self, n)!r}" for n in _names(self.__class__, "repr")) + ")"


class FrozenValue(Value):
    """A frozen dataclass value (``@dataclass(frozen=True, eq=False, repr=False)``), hashable
    by its fields as a generated ``__hash__`` would be."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in _names(self.__class__, "hash")))


__all__ = ["FrozenValue", "Value"]
