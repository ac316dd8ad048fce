"""Entry point of the frozen application (PyInstaller): the same `incident-wizard` command."""

import sys

from incident_wizard.cli import main

if __name__ == "__main__":
    sys.exit(main())
