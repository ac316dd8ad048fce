"""Errors the domain raises, each carrying a French message fit to show to the pharmacist."""

from __future__ import annotations


class IncidentWizardError(Exception):
    """Base class: ``str(error)`` is a complete French sentence for the user."""


class ValidationError(IncidentWizardError):
    """A value the user entered (or a file contains) is not acceptable."""


class IncidentFileError(IncidentWizardError):
    """An incident file cannot be imported; nothing was imported."""
