"""What leaves the program: terminal rendering, JSON, reports."""
