"""Where the app's bundled files (forms/, resources/) and the user's data, config and logs live."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "IncidentWizard"
APP_AUTHOR = "IncidentWizard"

#: Environment variable that overrides the data folder (portable use, tests).
DATA_DIR_ENV = "INCIDENT_WIZARD_DATA_DIR"
#: Environment variable that overrides the config folder (user templates, settings).
CONFIG_DIR_ENV = "INCIDENT_WIZARD_CONFIG_DIR"

_BUNDLED = ("forms", "resources")


def bundled_dir(name: str) -> Path:
    """Return the folder ``forms`` or ``resources``, wherever the app runs from.

    Order: a frozen bundle (PyInstaller puts them next to the executable's data), a source
    checkout (the repository's top-level folders), an installed wheel (``incident_wizard/_data``).
    """
    if name not in _BUNDLED:
        raise ValueError(f"unknown bundled folder: {name!r}")
    candidates: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / name)
    package_dir = Path(__file__).resolve().parent
    candidates.append(package_dir.parents[1] / name)  # src/incident_wizard -> repository root
    candidates.append(package_dir / "_data" / name)  # installed wheel
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"Dossier « {name} » introuvable (cherché dans : {', '.join(str(c) for c in candidates)})"
    )


def forms_dir() -> Path:
    return bundled_dir("forms")


def resources_dir() -> Path:
    return bundled_dir("resources")


def user_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder that holds the database: ``override``, else $INCIDENT_WIZARD_DATA_DIR, else
    the platform's user data folder."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def user_config_dir() -> Path:
    env = os.environ.get(CONFIG_DIR_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


#: Environment variable that overrides the cache folder (the parsed forms/).
CACHE_DIR_ENV = "INCIDENT_WIZARD_CACHE_DIR"


def user_cache_dir() -> Path:
    """Where the app keeps what it can always rebuild (the parsed forms/): never personal data."""
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))


def user_log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def make_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) private to the user (POSIX 0700; Windows: a protected DACL
    for the user, SYSTEM and the Administrators, inherited by the files created inside, see
    winsecurity). An existing folder keeps the permissions its owner gave it: the app never
    changes them."""
    if os.name == "nt" and not path.exists():
        from . import winsecurity

        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            winsecurity.create_private_dir(path)
        except FileExistsError:
            pass
        return path
    if not path.exists():
        previous = os.umask(0o077) if os.name == "posix" else None
        try:
            path.mkdir(parents=True, exist_ok=True)
        finally:
            if previous is not None:
                os.umask(previous)
    return path
