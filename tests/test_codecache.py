"""The compiled dataclass methods kept between starts (codecache): a start after the first one
compiles none of them, the classes behave as compiled ones do, and a damaged, foreign or
unwritable cache never stops a start."""

from __future__ import annotations

import dataclasses
import json
import marshal
import os
import stat
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from incident_wizard import codecache

#: A start of the command line's modules, reporting what the cache did (JSON on stdout).
START = """
import json, sys
import incident_wizard.cli, incident_wizard.application.workspace
from incident_wizard import codecache
print(json.dumps({"kept": len(codecache._known or {}), "compiled": len(codecache._new)}))
"""


def start(cache: Path) -> dict:
    env = {**os.environ, "INCIDENT_WIZARD_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", START], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout)


def test_second_start_compiles_no_dataclass_method(tmp_path):
    cache = tmp_path / "cache"
    first = start(cache)
    assert first["kept"] == 0
    assert first["compiled"] > 50  # the package's dataclasses: ~120 methods
    path = cache / codecache.file_name()
    assert path.is_file()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    second = start(cache)
    assert second == {"kept": first["compiled"], "compiled": 0}
    assert not [p.name for p in cache.iterdir() if p.name.endswith(".tmp")]


def kept(texts: object, version: int = sys.hexversion, form: int = codecache.FORMAT) -> bytes:
    payload = marshal.dumps(texts)
    return marshal.dumps((form, version, zlib.crc32(payload), payload))


@pytest.mark.parametrize("content", [
    b"",
    b"not marshal at all \x00\xff",
    kept({}, version=sys.hexversion - 1),  # another Python's
    kept({}, form=codecache.FORMAT + 1),  # a later format
    kept(["a list"]),
    marshal.dumps((1, sys.hexversion, {})),  # format 1 (no checksum)
])
def test_damaged_or_foreign_file_is_ignored_and_replaced(tmp_path, content):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / codecache.file_name()).write_bytes(content)
    assert start(cache)["kept"] == 0
    assert start(cache)["compiled"] == 0  # rewritten whole by the first start


def test_a_text_whose_kept_value_is_not_code_is_compiled(tmp_path):
    cache = tmp_path / "cache"
    first = start(cache)
    path = cache / codecache.file_name()
    _format, version, _crc, payload = marshal.loads(path.read_bytes())
    path.write_bytes(kept({text: "not code" for text in marshal.loads(payload)}, version))
    assert start(cache)["compiled"] == first["compiled"]


def test_a_changed_byte_in_the_kept_code_is_never_run(tmp_path):
    """A damaged file (one byte changed in the compiled code) is caught by its checksum: the
    methods are compiled again, the start is clean, and the file is written again whole."""
    cache = tmp_path / "cache"
    first = start(cache)
    path = cache / codecache.file_name()
    content = bytearray(path.read_bytes())
    content[len(content) // 2] ^= 0x40
    path.write_bytes(bytes(content))
    assert start(cache) == {"kept": 0, "compiled": first["compiled"]}
    assert start(cache)["compiled"] == 0


@pytest.mark.posix
def test_unwritable_cache_folder_never_stops_a_start(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    assert start(blocked / "cache")["compiled"] > 50  # nothing kept, nothing raised


def shape() -> type:
    @dataclasses.dataclass(frozen=True)
    class Point:
        x: int
        y: list[int] = dataclasses.field(default_factory=list)
        label: str = "p"

    return Point


def test_cached_methods_behave_as_compiled_ones(monkeypatch):
    """The same class made twice, the second time from the kept code: same signature, defaults,
    annotations (no __future__ flag inherited) and frozen refusal, and other default values."""
    monkeypatch.setattr(codecache, "_known", {})
    monkeypatch.setattr(codecache, "_new", {})
    shape()
    kept = dict(codecache._new)
    assert kept  # __init__, __setattr__, __delattr__... compiled through the cache
    monkeypatch.setattr(codecache, "_known", kept)
    monkeypatch.setattr(codecache, "_new", {})
    second = shape()
    assert codecache._new == {}  # nothing compiled again
    # The fields' own annotations (text here: this module postpones them) and None, not the
    # names of exec's locals: nothing compiled as if under "from __future__ import annotations".
    assert second.__init__.__annotations__ == {"x": "int", "y": "list[int]", "label": "str", "return": None}
    point = second(3)
    assert (point.x, point.y, point.label) == (3, [], "p")
    assert second(1).y is not second(1).y  # a new list each time
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 4  # type: ignore[misc]
    with pytest.raises(TypeError):
        second()  # type: ignore[call-arg]


def test_without_globals_the_code_runs_in_the_dataclasses_module(monkeypatch):
    """As exec called from the dataclasses module would: its globals, not the cache's."""
    monkeypatch.setattr(codecache, "_known", {})
    monkeypatch.setattr(codecache, "_new", {})
    names: dict[str, object] = {}
    codecache._exec("found = __name__", None, names)
    assert names["found"] == "dataclasses"
