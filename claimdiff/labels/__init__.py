"""Codebooks and labelling: parse, edit, fit, suggest, exemplars, label claims."""
