import sys
from incident_wizard.cli import main

sys.exit(main())
