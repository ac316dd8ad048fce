"""Rendering a user's own template with bounds on time, memory and output.

A template a user edits can loop for ever or build a gigabyte string; run in the app it would
freeze the window or exhaust the memory. It is therefore rendered in a separate worker process
(one per export, reused for each of its documents) that the app stops when it takes longer than
``TIME_LIMIT`` seconds; inside, the sandbox refuses huge repetitions, the output is cut at
``OUTPUT_LIMIT`` characters, and the worker's memory is capped (POSIX: RLIMIT_AS; Windows: a Job
Object's process memory limit, winsecurity). Any failure becomes a
:class:`TemplateLimitError` whose French message names the limit; the caller then uses the
built-in template (see :mod:`.templates`).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import weakref
from typing import Any

#: Seconds a user template may take for one document.
TIME_LIMIT = 10.0
#: Characters a user template may produce for one document (the built-in ones make < 200,000
#: for a 50,000-character description).
OUTPUT_LIMIT = 5_000_000
#: Bytes the worker may use (POSIX: address space; Windows: committed memory, Job Object).
MEMORY_LIMIT = 1024 * 1024 * 1024
#: Longest string a template expression may build by repetition (``'x' * n``).
REPEAT_LIMIT = 1_000_000


class TemplateLimitError(Exception):
    """A user template broke a bound or failed; the message is French."""


def _bounded_environment(autoescape: bool):
    from jinja2.sandbox import SandboxedEnvironment

    from .environment import configure_environment

    class Bounded(SandboxedEnvironment):
        """A template render bounded in time, memory and output (run in the worker)."""
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context, operator, left, right):  # noqa: ANN001 - Jinja's API
            if operator == "*" and isinstance(left, (str, list, tuple)) and isinstance(right, int) \
                    or operator == "*" and isinstance(right, (str, list, tuple)) and isinstance(left, int):
                seq, count = (left, right) if isinstance(right, int) else (right, left)
                if len(seq) * max(count, 0) > REPEAT_LIMIT:
                    raise TemplateLimitError(
                        f"une répétition produirait plus de {REPEAT_LIMIT:,} éléments".replace(",", "\u202f"))
            if operator == "**" and isinstance(left, int) and isinstance(right, int) \
                    and right > 0 and abs(left) > 1 and abs(left).bit_length() * right > 100_000:
                raise TemplateLimitError("une puissance trop grande")
            return super().call_binop(context, operator, left, right)

    return configure_environment(Bounded, autoescape)


_compiled: dict[tuple[str, bool], Any] = {}


def render_source(source: str, context: dict[str, Any], autoescape: bool,
                  text_limit: int | None) -> str:
    """Render in this process with the sandbox's and the output's bounds (not the time's). A
    source is compiled once per worker (the Word and the PDF renderings share it)."""
    from .environment import TEXT_LIMIT_VARIABLE

    key = (source, autoescape)
    if key not in _compiled:
        if len(_compiled) >= 8:  # the six templates of one export, at most
            _compiled.clear()
        _compiled[key] = _bounded_environment(autoescape).from_string(source)
    parts: list[str] = []
    size = 0
    for chunk in _compiled[key].generate(**{**context, TEXT_LIMIT_VARIABLE: text_limit}):
        size += len(chunk)
        if size > OUTPUT_LIMIT:
            raise TemplateLimitError(
                f"le document dépasserait {OUTPUT_LIMIT:,} caractères".replace(",", "\u202f"))
        parts.append(chunk)
    return "".join(parts)


def _worker(conn) -> None:  # noqa: ANN001 - a multiprocessing connection
    if os.name == "posix":
        import resource

        try:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        except (ValueError, OSError):
            pass
    elif os.name == "nt":  # a Job Object caps the memory the worker may commit
        from .. import winsecurity

        try:
            winsecurity.limit_process_memory(MEMORY_LIMIT)
        except OSError:
            pass  # the time and output bounds still hold
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        source, context, autoescape, text_limit = job
        try:
            reply = ("ok", render_source(source, context, autoescape, text_limit))
        except MemoryError:
            reply = ("error", "la mémoire nécessaire dépasse la limite")
        except RecursionError:
            reply = ("error", "trop d'imbrications")
        except Exception as error:  # noqa: BLE001 - any failure is reported, the worker goes on
            text = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
            reply = ("error", text)
        try:
            conn.send(reply)
        except (OSError, ValueError, pickle.PicklingError):
            return


class TemplateWorker:
    """A worker process for user templates, started at first use, stopped by :meth:`close`
    (or when it breaks a bound: the next render starts a fresh one)."""

    def __init__(self, time_limit: float | None = None):
        self.time_limit = TIME_LIMIT if time_limit is None else time_limit
        self._process = None
        self._conn = None

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(target=_worker, args=(child,), daemon=True,
                                  name="incident-wizard-template")
        process.start()
        child.close()
        self._process, self._conn = process, parent
        # A renderer dropped without close() still stops its worker.
        self._finalizer = weakref.finalize(self, _stop, process, parent)

    def render(self, source: str, context: dict[str, Any], autoescape: bool,
               text_limit: int | None) -> str:
        try:
            payload = pickle.dumps((source, context, autoescape, text_limit))
        except Exception as error:  # noqa: BLE001 - should not happen: contexts are plain data
            raise TemplateLimitError(f"données non transmissibles ({type(error).__name__})") from None
        if self._process is None or not self._process.is_alive():
            self._start()
        try:
            self._conn.send_bytes(payload)
            if not self._conn.poll(self.time_limit):
                self.close()
                raise TemplateLimitError(
                    f"le modèle n'a pas fini en {self.time_limit:g} secondes (boucle sans fin ?)")
            status, value = self._conn.recv()
        except (EOFError, OSError):
            self.close()
            raise TemplateLimitError("le modèle a épuisé la mémoire permise") from None
        if status != "ok":
            raise TemplateLimitError(value)
        return value

    def close(self) -> None:
        if self._process is not None:
            self._finalizer()
        self._process = self._conn = None


def _stop(process, conn) -> None:  # noqa: ANN001 - multiprocessing objects
    try:
        conn.close()
    except OSError:
        pass
    if process.is_alive():
        process.kill()
    process.join(5)
