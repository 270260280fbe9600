"""Positions over time for a set of dated comparisons."""
