"""Entry script of the frozen command line (PyInstaller needs a script, not an entry point)."""

import sys

from claimdiff.cli.cli import main

sys.exit(main())
