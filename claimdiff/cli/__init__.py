"""The command line: `claimdiff`, its codebook and corpus commands."""
