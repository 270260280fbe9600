"""``python -m claimdiff`` runs the command line."""

import sys

from claimdiff.cli.cli import main

sys.exit(main())
