"""The shared value methods (domain/values.py) behave as the methods @dataclass generates: the
same equality, hashing and text, checked against plain dataclasses of the same fields."""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError, dataclass, field, replace
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from incident_wizard.domain.model import Contact, Incident
from incident_wizard.domain.values import FrozenValue, Value


@dataclass(eq=False, repr=False)
class Mutable(Value):
    name: str = ""
    items: list[str] = field(default_factory=list)
    note: str = field(default="", compare=False, repr=False)


@dataclass
class PlainMutable:
    name: str = ""
    items: list[str] = field(default_factory=list)
    note: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True, eq=False, repr=False)
class Frozen(FrozenValue):
    key: str
    level: int = 0
    label: str = field(default="", compare=False)


@dataclass(frozen=True)
class PlainFrozen:
    key: str
    level: int = 0
    label: str = field(default="", compare=False)


@dataclass(eq=False, repr=False)
class Other(Value):
    name: str = ""
    items: list[str] = field(default_factory=list)
    note: str = ""


words = st.text(max_size=8)


@given(words, st.lists(words, max_size=3), words, words, st.lists(words, max_size=3), words)
def test_equality_and_text_are_those_of_a_generated_dataclass(a, b, c, d, e, f):
    ours, theirs = Mutable(a, b, c), Mutable(d, e, f)
    plain_ours, plain_theirs = PlainMutable(a, b, c), PlainMutable(d, e, f)
    assert (ours == theirs) == (plain_ours == plain_theirs)
    assert (ours != theirs) == (plain_ours != plain_theirs)
    assert repr(ours) == repr(plain_ours).replace("PlainMutable(", "Mutable(")


@given(words, st.integers(), words, words, st.integers(), words)
def test_frozen_values_hash_and_compare_as_generated(a, b, c, d, e, f):
    ours, theirs = Frozen(a, b, c), Frozen(d, e, f)
    plain_ours, plain_theirs = PlainFrozen(a, b, c), PlainFrozen(d, e, f)
    assert (ours == theirs) == (plain_ours == plain_theirs)
    assert hash(ours) == hash(plain_ours)
    assert repr(ours) == repr(plain_ours).replace("PlainFrozen(", "Frozen(")


def test_what_a_generated_dataclass_refuses_is_refused():
    with pytest.raises(TypeError):
        hash(Mutable("a"))  # a mutable value is no dictionary key
    with pytest.raises(FrozenInstanceError):
        Frozen("a").key = "b"  # type: ignore[misc]
    # Another class with the same fields is never equal, as with generated methods.
    assert Mutable("a") != Other("a")
    assert Mutable("a") != ("a", [])
    assert {Frozen("a", 1, "x"), Frozen("a", 1, "y")} == {Frozen("a", 1)}  # the label is not compared


def test_the_domain_values_copy_pickle_and_replace_unchanged():
    incident = Incident(reference="VDP-2026-001", title="Clé USB perdue",
                        created_at=datetime(2026, 11, 27, 8, 30, tzinfo=UTC))
    incident.organisation.contact = Contact(name="Claire Martin", email="c.martin@example.fr")
    assert copy.deepcopy(incident) == incident
    assert pickle.loads(pickle.dumps(incident)) == incident
    changed = replace(incident, title="Clé USB retrouvée")
    assert changed != incident and changed.reference == incident.reference
    assert "title='Clé USB perdue'" in repr(incident)
    # A value that holds itself prints without endless recursion, as a dataclass would.
    looped = Mutable("boucle")
    looped.items.append(looped)  # type: ignore[arg-type]
    assert repr(looped) == "Mutable(name='boucle', items=[...])"


def test_the_annotations_read_once_are_those_typing_reads():
    """serialize.hints evaluates each annotation of a module once; it gives what
    typing.get_type_hints gives, for every dataclass of the package (the GUI's excepted)."""
    import importlib
    import pkgutil
    import typing
    from dataclasses import is_dataclass

    import incident_wizard
    from incident_wizard.domain.serialize import hints

    checked = 0
    for info in pkgutil.walk_packages(incident_wizard.__path__, "incident_wizard."):
        if ".ui" in info.name or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and is_dataclass(value) and value.__module__ == module.__name__:
                assert hints(value) == typing.get_type_hints(value), value
                checked += 1
    assert checked >= 60
