"""``python -m claimdiff_gui``."""

import sys

from claimdiff_gui.app import main

sys.exit(main())
