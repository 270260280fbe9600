"""Entry script of the frozen desktop app (PyInstaller needs a script, not an entry point)."""

import sys

from claimdiff_gui.app import main

sys.exit(main())
