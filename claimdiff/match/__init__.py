"""Matching two articles' claims: alignment, the judge, word diff, negation, contradiction, pair
classifiers and models.
"""
