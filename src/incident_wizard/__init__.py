"""Incident Wizard: personal-data breach response for French community pharmacies."""

__version__ = "0.1.0"
