"""Incident Wizard: personal-data breach response for French community pharmacies."""

__version__ = "0.1.0"

# Before any module of the package creates its dataclasses (see codecache).
from . import codecache  # noqa: E402

codecache.install()
