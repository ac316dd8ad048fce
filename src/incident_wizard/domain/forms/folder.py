"""Where the ``forms/`` folder shipped with the app is, wherever the app runs from.

``load_procedure`` needs it, and the domain imports nothing of ``locations`` (which stands below
it in the layers of pyproject.toml). The search is the one ``locations.bundled_dir`` makes, in
the same order (tests/test_domain_structure.py checks that both give the same folder): a frozen
bundle first (PyInstaller's ``sys._MEIPASS``), then a source checkout (the repository's top-level
``forms/``), then an installed wheel (``incident_wizard/_data/forms``).
"""

from __future__ import annotations

import sys
from pathlib import Path

#: src/incident_wizard (or site-packages/incident_wizard): this file is domain/forms/folder.py.
_PACKAGE_DIR = Path(__file__).resolve().parents[2]


def bundled_forms_dir() -> Path:
    """The ``forms/`` folder of the app; FileNotFoundError (in French) when there is none."""
    candidates: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "forms")
    candidates.append(_PACKAGE_DIR.parents[1] / "forms")  # src/incident_wizard -> repository root
    candidates.append(_PACKAGE_DIR / "_data" / "forms")  # installed wheel
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"Dossier « forms » introuvable (cherché dans : {', '.join(str(c) for c in candidates)})"
    )
