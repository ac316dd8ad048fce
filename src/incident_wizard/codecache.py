"""The code Python compiles for the dataclasses' generated methods, kept from one start to the
next (like Python's own ``__pycache__``, for code that has no file).

Why: ``@dataclass`` writes each method it generates (``__init__``, a frozen class's
``__setattr__`` and ``__delattr__``...) as source text and compiles it when the class is
created, at import: about 0.17 ms a method on Python 3.11 on the reference machine. The
package's ~120 generated methods cost every start of the command line and of the window
15-20 ms (the command line's imports, interleaved: 120 -> 96 ms). The text of a
method is the same at every start, so the code compiled from it is kept in the cache folder
and reused: the very code ``exec`` would have compiled from that exact text. (Python 3.12 does
as 3.11; 3.13 writes one text per class, kept the same way: checked, 53 texts.)

How: :func:`install` gives the ``dataclasses`` module its own ``exec`` (the only name it
compiles with), which looks the text up before compiling it. The file is keyed by the
interpreter (its name holds the bytecode tag; its header, the exact version): another Python
never reads it. The kept code carries a checksum (CRC-32) read before it is unmarshalled: a
damaged file (a changed byte could make a method wrong, or crash at every start) is never
run. A missing, damaged or foreign file means compiling, as without the cache; the file is
written whole or not at all (a temporary file, synced, renamed), private to the user, and only
when a text was new. It holds no personal data: only the package's class shapes.
"""

from __future__ import annotations

import builtins
import marshal
import os
import sys
import zlib
from types import CodeType

#: The file's format: (FORMAT, sys.hexversion, CRC-32 of the payload, payload), the payload the
#: marshalled {source text: code}.
FORMAT = 2
#: More texts than this (old ones stay behind when classes change): the file is rewritten with
#: the texts of the process that writes it only.
LIMIT = 2000
#: A larger file is not read (the package's is about 180 KB).
MAX_BYTES = 8 * 1024 * 1024

_known: dict[str, CodeType] | None = None  # read at the first text
_new: dict[str, CodeType] = {}
_used: set[str] = set()
_installed = False


def file_name() -> str:
    return f"dataclass-code.{sys.implementation.cache_tag}.marshal"


def _path():  # noqa: ANN202 - a pathlib.Path, imported with locations only when needed
    from .locations import user_cache_dir

    return user_cache_dir() / file_name()


def _read() -> dict[str, CodeType]:
    """The texts kept and their code; empty when the file is absent, damaged or another
    interpreter's."""
    try:
        path = _path()
        with open(path, "rb") as stream:
            if os.fstat(stream.fileno()).st_size > MAX_BYTES:
                return {}
            data = marshal.loads(stream.read())
            if (type(data) is not tuple or len(data) != 4 or data[0] != FORMAT
                    or data[1] != sys.hexversion or type(data[3]) is not bytes
                    or data[2] != zlib.crc32(data[3])):
                return {}
            texts = marshal.loads(data[3])
    except (OSError, ValueError, EOFError, TypeError, RuntimeError):
        return {}
    return texts if type(texts) is dict else {}


def _exec(source: object, globals: dict | None = None,  # noqa: A002 - exec's own names
          locals: dict | None = None, /) -> None:  # noqa: A002
    """``exec`` as the dataclasses module calls it: a text already compiled runs its kept code."""
    global _known
    if type(source) is str:
        if _known is None:
            _known = _read()
        code = _known.get(source)
        if type(code) is not CodeType:
            # What exec compiles from the dataclasses module: no __future__ flag inherited.
            code = compile(source, "<string>", "exec", dont_inherit=True)
            _new[source] = code
        _used.add(source)
        source = code
    if globals is None:  # what exec called from the dataclasses module would run in
        globals = sys.modules["dataclasses"].__dict__  # noqa: A001
    builtins.exec(source, globals, locals)  # type: ignore[arg-type]


def save() -> None:
    """Write the file when a text was compiled in this process (at exit); never fails."""
    global _known
    if not _new:
        return
    known = _known or {}
    texts = {**known, **_new}
    if len(texts) > LIMIT:
        texts = {text: code for text, code in texts.items() if text in _used}
    try:
        from .locations import make_private_dir

        path = _path()
        make_private_dir(path.parent)
        kept = marshal.dumps(texts)
        payload = marshal.dumps((FORMAT, sys.hexversion, zlib.crc32(kept), kept))
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                             0o600)
        try:
            with open(descriptor, "wb") as stream:
                stream.write(payload)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, path)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise
    except (OSError, ValueError):
        return
    _known = texts
    _new.clear()


def install() -> None:
    """Give the dataclasses module the caching ``exec`` and write the file at exit (once)."""
    global _installed
    if _installed:
        return
    import atexit
    import dataclasses

    dataclasses.exec = _exec  # type: ignore[attr-defined]  # its module-level name, read at each call
    atexit.register(save)
    _installed = True
