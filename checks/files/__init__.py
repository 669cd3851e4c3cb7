"""Checks of files that are not Python sources."""
