"""The Qt front end of claimdiff, installed as ``claimdiff_gui``.

It adapts the core's records to Qt views and holds no analysis of its own.
"""
