"""Data shipped with claimdiff: codebooks, icons, styles, report templates.

Installed as the package ``claimdiff_resources`` so that an installed claimdiff finds its
data with importlib.resources, the same way in a source tree, a wheel and a frozen bundle.
"""
