"""The Qt interface: thin widgets over the session, the documents and the domain."""

from __future__ import annotations


def _read_sources_as_bytes() -> None:
    """Make PySide6's scan of imported modules read bytes instead of parsed source lines.

    For its optional ``from __feature__ import ...`` (which this app never uses), PySide6 asks of
    every module imported after it whether its source text contains "PySide6"
    (``shibokensupport.feature._mod_uses_pyside``, through ``inspect.getsource``: linecache,
    tokenize, the file split into lines). Run from source, that was 14-20 ms of every start of
    the window (52 modules with a profile only, 83 with an incident resumed, measured); the
    bundle has no source files, so it never paid it. The replacement gives the same answer for
    every module, from the file's bytes: a module with no ``.py`` file (built in, compiled,
    bundled) does not use PySide6, as ``inspect.getsource`` failing means to it. Where PySide6
    has no such scan (another version), nothing is changed."""
    try:
        import PySide6  # noqa: F401 - loads shiboken's support modules
        from shibokensupport import feature  # type: ignore[import-not-found]
    except ImportError:
        return
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return

    def uses_pyside(module: object) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return False
        try:
            with open(path, "rb") as stream:
                return b"PySide6" in stream.read()
        except OSError:
            return False

    feature._mod_uses_pyside = uses_pyside


_read_sources_as_bytes()
