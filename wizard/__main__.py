"""``python -m wizard`` runs the same command as ``eci-wizard``."""

import sys

from wizard.cli import main

sys.exit(main())
