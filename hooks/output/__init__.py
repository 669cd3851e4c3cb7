"""Output formats of findings."""
