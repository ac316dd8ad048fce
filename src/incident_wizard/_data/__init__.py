"""Placeholder package: forms/ and resources/ are installed below it in a wheel."""
