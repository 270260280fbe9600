"""Shared low-level helpers every stage may use: the data model, errors, cancellation, resource
lookup, atomic writes, guarded regexes, the relation colours, the language data.
"""
