"""``load_procedure``: every file of ``forms/`` read and validated into one ``Procedure``, and kept
while the files do not change.

Parsing and validating the files takes a tenth of a second; the app, the documents and the
checks ask for the procedure many times. A loaded procedure is kept per folder with the state
of its files (name, size, modification and change times); a later call returns the same object
as long as that state is unchanged, and rereads the folder as soon as one file changed, appeared
or disappeared. Files changed in the last seconds are never trusted to that state (a file
rewritten within one tick of the file system's clock could keep its time and size): such a
folder is reread at every call until it settles.
"""

from __future__ import annotations

import _thread  # the lock alone: threading (0.8 ms at every start) is not needed for it
import hashlib
import json
import os
import time
from pathlib import Path

from .folder import bundled_forms_dir
from .prevention import load_proposals, load_resources
from .procedure import (
    load_bodies,
    load_cnil_form,
    load_edpb_sections,
    load_first_hour,
    load_options,
    load_scenarios,
    load_sources,
    load_steps,
)
from .reader import PARSED, PREPARSED
from .risk import load_risk
from .schema import Procedure, ProcedureError

#: A file whose times are newer than this (nanoseconds) is too fresh to vouch for its content.
SETTLED_NS = 5_000_000_000
#: How many folders are kept (the app has one; the tests make many).
CACHE_SIZE = 8

#: (file name, size, mtime_ns, ctime_ns) of every .toml of a folder, in name order.
_State = tuple[tuple[str, int, int, int], ...]
_cache: dict[Path, tuple[_State, Procedure]] = {}
_lock = _thread.allocate_lock()  # what threading.Lock() returns


def load_procedure(folder: Path | str | os.PathLike[str] | None = None,
                   cache_dir: Path | None = None) -> Procedure:
    """Load and validate every file of ``forms/`` (the app's own when ``folder`` is None).

    The result is shared with every other caller while the files are unchanged: treat it as
    read-only. A broken file raises ``ProcedureError`` (never cached). ``cache_dir``: a folder
    where the parsed files are kept between runs (JSON, data only: parsing the TOML files is most
    of a cold start's reading time); the files are validated at every load all the same."""
    folder = bundled_forms_dir() if folder is None else Path(folder)
    key = folder.resolve()
    state = _state(folder)
    if state is not None:
        with _lock:
            cached = _cache.pop(key, None)
            if cached is not None and cached[0] == state:
                _cache[key] = cached  # the most recently used comes last
                return cached[1]
    if cache_dir is not None and state is not None:
        procedure = _read_with_disk_cache(folder, key, state, Path(cache_dir))
    else:
        procedure = read_procedure(folder)
    if state is not None:
        with _lock:
            _cache[key] = (state, procedure)
            while len(_cache) > CACHE_SIZE:
                del _cache[next(iter(_cache))]
    return procedure


def read_procedure(folder: Path) -> Procedure:
    """Read and validate every file of ``folder``, without the cache."""
    sources = load_sources(folder)
    options = load_options(folder, sources)
    risk_questions, method = load_risk(folder, sources)
    steps = load_steps(folder, sources, options)
    scenarios = load_scenarios(folder, sources, options, risk_questions + method.questions)
    bodies = load_bodies(folder, sources)
    edpb_sections = load_edpb_sections(folder, sources)
    cnil_form = load_cnil_form(folder, sources, edpb_sections)
    mapping = {s.number: (s.edpb, edpb_sections[s.edpb]) for s in cnil_form}
    first_hour = load_first_hour(folder, sources, steps)
    proposals = load_proposals(folder, sources, scenarios)
    resources = load_resources(folder, sources)
    return Procedure(steps, options, scenarios, bodies, risk_questions, sources, mapping, method,
                     cnil_form, first_hour, proposals, resources)


#: The disk cache's format: a first line with the SHA-256 of the rest, then its JSON
#: ({"format", "folder", "state", "files"}). Version 1 had no digest line.
DISK_FORMAT = "incident-wizard/forms-cache-2"


def _read_with_disk_cache(folder: Path, key: Path, state: _State, cache_dir: Path) -> Procedure:
    """read_procedure, with the files parsed at a previous run when their state is unchanged.
    Any problem with the cache file (absent, damaged, another state or format, a digest that
    does not match, content that does not validate) means parsing the files: the cache never
    stops a start, and what it holds is validated as the files are."""
    path = cache_dir / f"forms-{hashlib.sha256(str(key).encode('utf-8')).hexdigest()[:16]}.json"
    preparsed = None
    try:
        digest, _newline, text = path.read_bytes().partition(b"\n")
        if digest.decode("ascii") == hashlib.sha256(text).hexdigest():
            stored = json.loads(text)
            if (stored.get("format") == DISK_FORMAT and stored.get("folder") == str(key)
                    and [tuple(item) for item in stored.get("state", [])] == list(state)
                    and isinstance(stored.get("files"), dict)):
                preparsed = stored["files"]
    except (OSError, ValueError, TypeError, AttributeError):
        preparsed = None
    if preparsed is not None:
        token = PREPARSED.set(preparsed)
        try:
            return read_procedure(folder)
        except ProcedureError:
            pass  # what was kept does not validate: the files themselves are read below
        finally:
            PREPARSED.reset(token)
    parsed: dict[str, str] = {}
    token = PARSED.set(parsed)
    try:
        procedure = read_procedure(folder)
    finally:
        PARSED.reset(token)
    if parsed and all(parsed.values()):
        text = "{" + ", ".join((
            f'"format": {json.dumps(DISK_FORMAT)}', f'"folder": {json.dumps(str(key))}',
            f'"state": {json.dumps([list(s) for s in state])}',
            '"files": {' + ", ".join(f"{json.dumps(name)}: {data}" for name, data in sorted(parsed.items()))
            + "}")) + "}\n"
        body = text.encode("utf-8")
        _write_cache(path, hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body)
    return procedure


def _write_cache(path: Path, content: bytes) -> None:
    """Write the cache file whole or not at all (a temporary file renamed), in a folder private
    to the user; never fail a load."""
    import tempfile  # only when the cache is (re)written

    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".forms-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(content)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass


def _state(folder: Path) -> _State | None:
    """The state of the folder's files, taken before they are read; None when it cannot vouch
    for their content (unreadable folder, or a file changed too recently)."""
    try:
        state = []
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(".toml"):
                    stat = entry.stat()
                    state.append((entry.name, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns))
    except OSError:
        return None
    settled = time.time_ns() - SETTLED_NS
    if any(max(mtime, ctime) > settled for _, _, mtime, ctime in state):
        return None
    return tuple(sorted(state))


def clear_cache() -> None:
    """Forget every loaded procedure (the next call rereads its folder)."""
    with _lock:
        _cache.clear()
