"""Sentence similarity backends: lexical, semantic and the shared hybrid default."""
