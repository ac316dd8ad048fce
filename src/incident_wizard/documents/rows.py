"""The register's rows kept on disk while a register is written (issue 22, "Fast at any size"):
each row (a dict of strings) is computed once, written to a private temporary file, and read back
one at a time for the Word document, the PDF and the CSV, so that a register of any size holds
one row in memory. ``RowFile.rows()`` is what the templates get: a read-only sequence (``len``,
iteration, indexing), as a list of rows was; a user's template, rendered in another process,
gets it too (it reopens the file)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from .. import files


class RowFile:
    """Rows appended to a temporary file in ``folder`` (the export's: private, marked as
    temporary like every file being written, removed by :meth:`close`, or as a leftover the
    next time the app writes there)."""

    def __init__(self, folder: Path) -> None:
        self._path = Path(folder) / f"{files.TMP_MARK}{os.getpid()}-{id(self):x}-registre.jsonl"
        self._handle = files.open_new_private(self._path)
        self._offsets: list[int] = []
        self._size = 0

    def append(self, row: dict[str, str]) -> None:
        line = json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        self._handle.write(line)
        self._offsets.append(self._size)
        self._size += len(line)

    def __len__(self) -> int:
        return len(self._offsets)

    def rows(self) -> Rows:
        """The rows written so far, to read (as many times as needed)."""
        self._handle.flush()
        return Rows(str(self._path), tuple(self._offsets))

    def close(self) -> None:
        self._handle.close()
        self._path.unlink(missing_ok=True)

    def __enter__(self) -> RowFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Rows(Sequence):
    """The rows of a :class:`RowFile`, read from its file: each read gives a new dict (a
    template that changes one changes nothing else). No public attribute: a sandboxed
    template can only count, iterate and index it."""

    def __init__(self, path: str, offsets: tuple[int, ...]):
        self._path = path
        self._offsets = offsets

    def __reduce__(self):  # noqa: ANN204 - pickled for a user's template (bounded.py)
        return (Rows, (self._path, self._offsets))

    def __len__(self) -> int:
        return len(self._offsets)

    def __iter__(self) -> Iterator[dict[str, str]]:
        count = len(self._offsets)
        if not count:
            return
        with open(self._path, "rb") as handle:
            for index, line in enumerate(handle):
                if index >= count:
                    return
                yield json.loads(line)

    def __getitem__(self, index):  # noqa: ANN001, ANN204 - an int or a slice, as a list
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._offsets)))]
        offset = self._offsets[index]
        with open(self._path, "rb") as handle:
            handle.seek(offset)
            return json.loads(handle.readline())

    def __repr__(self) -> str:
        return f"<{len(self._offsets)} lignes du registre>"
