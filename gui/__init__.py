"""The Qt front end of claimdiff (installed as ``claimdiff_gui``): adapts the core, holds no analysis."""
