"""claimdiff: compare the claims two news articles make.

The package is the Qt-free analysis core. Data flows one way:
files -> articles -> claims -> labels -> comparison / timeline.
"""

__version__ = "0.1.0"
