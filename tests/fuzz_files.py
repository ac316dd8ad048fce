"""A property-based fuzzer of incident files and encrypted envelopes (issue 25): mutants of a
valid file (values replaced by hostile ones: lone surrogates, huge numbers, deep nesting, wrong
types, keys removed or added, keys reordered, the journal re-hashed so that it still chains) are
read and imported; every one must be imported whole or refused with a French IncidentWizardError,
never a traceback and never a partial import.

Used by tests/test_fuzz_files.py (a few hundred examples in CI) and benchmarks/fault_campaign.py
(--fuzz N: thousands), which prints the counts: tried, imported, refused, tracebacks.
"""

from __future__ import annotations

import copy
import json
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from incident_wizard import sealed
from incident_wizard.domain import journal as jr
from incident_wizard.domain import record
from incident_wizard.domain.errors import IncidentWizardError
from incident_wizard.domain.procedure import load_procedure
from incident_wizard.storage import Storage

SAMPLE = Path(__file__).parent / "data" / "incident-v2-sample.json"
PASSPHRASE = "une phrase assez longue pour le test"
PROCEDURE = load_procedure()

HOSTILE_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.just(1e999), st.just(-1e999), st.just(10**400),
    st.text(max_size=40), st.just("\ud800"), st.just("a\udfffb"), st.just("\x00\x1b[31m"),
    st.just("2026-10-23T07:00:00Z"), st.just("9999-12-31T23:59:59Z"), st.just("0001-01-01T00:00:00Z"),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.recursive(st.integers(), lambda inner: st.lists(inner, max_size=2), max_leaves=30),
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside ``value`` (dict keys and list indexes)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:4]):
            found += _paths(item, (*prefix, index))
    return found


def _set(data: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _delete(data: Any, path: tuple) -> None:
    for part in path[:-1]:
        data = data[part]
    if isinstance(data, dict):
        data.pop(path[-1], None)
    elif isinstance(data, list) and data:
        data.pop(path[-1] if isinstance(path[-1], int) and path[-1] < len(data) else 0)


def rechain(data: dict) -> dict:
    """The file's journal re-hashed as the app hashes it (the mutant passes the chain check and
    reaches what lies behind it); left as is when the mutant's journal cannot be read."""
    try:
        entries = data["journal"]
        reference = data["incident"]["reference"]
        previous = None
        for index, raw in enumerate(entries):
            entry = jr.JournalEntry.from_data(raw)
            facts = entry.facts
            if index == len(entries) - 1 and data.get("format_version", 0) >= 3:
                facts = record.digest_of(data["incident"])
            rebuilt = jr.make_entry(reference, previous, entry.at, entry.actor, entry.action,
                                    entry.details, facts)
            raw.update({k: v for k, v in rebuilt.to_data().items() if k in raw or k == "facts"})
            raw["details"] = entry.details  # as sent (make_entry's copy replaces surrogates)
            previous = rebuilt
    except Exception:  # noqa: BLE001 - a mutant that cannot be re-hashed is tried as it is
        pass
    return data


@st.composite
def mutants(draw) -> tuple[bytes, bool]:
    """(file bytes, encrypted?) of a mutated incident file."""
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(1, 3))):
        # The journal is a small part of the file but what the chain check guards: aimed at
        # one time in three (its entries are then re-hashed, so that the mutant gets past it).
        journal = data.get("journal")
        where = data if draw(st.integers(0, 2)) or not isinstance(journal, (list, dict)) else journal
        prefix = () if where is data else ("journal",)
        paths = [(*prefix, *p) for p in _paths(where)]
        path = draw(st.sampled_from(paths[1:]))
        how = draw(st.sampled_from(["replace", "delete", "add", "text"]))
        try:
            if how == "text":  # a stored text given a lone surrogate or a control character
                target = data
                for part in path:
                    target = target[part]
                if isinstance(target, str):
                    _set(data, path, target + draw(st.sampled_from(["\udc80", "\ud800x", "\x00", "\u202e"])))
            elif how == "replace":
                _set(data, path, draw(HOSTILE_VALUES))
            elif how == "delete":
                _delete(data, path)
            else:
                target = data
                for part in path:
                    target = target[part]
                if isinstance(target, dict):
                    target[draw(st.text(min_size=1, max_size=8))] = draw(HOSTILE_VALUES)
                elif isinstance(target, list):
                    target.append(copy.deepcopy(target[0]) if target else draw(HOSTILE_VALUES))
        except (KeyError, IndexError, TypeError):
            pass
    if draw(st.integers(0, 3)):
        data = rechain(data)
    if draw(st.booleans()):  # keys reordered, as another tool would write them
        data = {key: data[key] for key in reversed(list(data))} if isinstance(data, dict) else data
    text = json.dumps(data, ensure_ascii=draw(st.integers(0, 3)) > 0, allow_nan=True)
    raw = text.encode("utf-8", "surrogatepass")
    encrypted = draw(st.booleans())
    if encrypted:
        raw = envelope_mutant(draw, _seal(raw))
    return raw, encrypted


def _seal(plain: bytes) -> bytes:
    """An envelope with a cheap scrypt cost (the file says its own cost; reading it is the same
    code), so that thousands of mutants run in minutes."""
    cost = sealed.SCRYPT_N
    sealed.SCRYPT_N = 2**10
    try:
        return sealed.seal(plain, PASSPHRASE)
    finally:
        sealed.SCRYPT_N = cost


def envelope_mutant(draw, envelope: bytes) -> bytes:
    """An encrypted envelope, its parameters mutated or its keys reordered (or left intact)."""
    data = json.loads(envelope)
    choice = draw(st.sampled_from(["intact", "reorder", "kdf", "cipher", "top", "cut"]))
    if choice == "reorder":
        data = {key: data[key] for key in reversed(list(data))}
    elif choice == "kdf":
        data["kdf"][draw(st.sampled_from(["n", "r", "p", "salt", "name"]))] = draw(HOSTILE_VALUES)
    elif choice == "cipher":
        data["cipher"][draw(st.sampled_from(["nonce", "name"]))] = draw(HOSTILE_VALUES)
    elif choice == "top":
        data[draw(st.sampled_from(["format_version", "ciphertext", "kdf", "cipher"]))] = draw(HOSTILE_VALUES)
    elif choice == "cut":
        text = json.dumps(data)
        return text[:draw(st.integers(0, len(text)))].encode()
    return json.dumps(data, allow_nan=True).encode("utf-8", "surrogatepass")


@dataclass
class Tally:
    tried: int = 0
    imported: int = 0
    refused: int = 0
    tracebacks: list[str] = field(default_factory=list)


def try_mutant(raw: bytes, tally: Tally) -> None:
    """Read and import one mutant into a fresh data folder; count how it ended."""
    tally.tried += 1
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutant.json"
        path.write_bytes(raw)
        imported = False
        try:
            loaded = sealed.read_incident_file(path, PROCEDURE, lambda: PASSPHRASE)
            imported = True
            with Storage.open(Path(folder) / "data") as storage:
                storage.import_incident(loaded.incident, loaded.journal, source="mutant.json",
                                        contents=loaded.contents)
                reference = storage.list_incidents()[0].reference
                if not storage.verify_journal(reference).ok:
                    tally.tracebacks.append("imported but its journal does not verify")
                    return
            tally.imported += 1
        except IncidentWizardError:
            tally.refused += 1
            if imported:  # read, then refused by the import: nothing may be left of it
                with Storage.open(Path(folder) / "data") as storage:
                    if storage.list_incidents():
                        tally.tracebacks.append("refused but partly imported")
        except Exception:  # noqa: BLE001 - what the fuzzer is looking for
            tally.tracebacks.append(traceback.format_exc(limit=-3))
