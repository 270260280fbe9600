"""Sample articles, installed as the data package ``claimdiff_seeds``.

Only the .txt files and manifest.csv here are data; see claimdiff.seeds for finding them.
"""
