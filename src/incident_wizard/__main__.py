import sys

from incident_wizard.main import entry

if __name__ == "__main__":  # a spawned worker process imports this module without running it
    sys.exit(entry())
