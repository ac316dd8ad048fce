"""Entry point of the frozen application (PyInstaller): the same `incident-wizard` command."""

import sys

from incident_wizard.main import entry

if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the template worker process (documents/bounded.py)
    sys.exit(entry())
