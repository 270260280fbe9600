"""The positions-over-time tab."""
